"""Samples of 1099-NEC, -MISC, -INT, -DIV, -B and a consolidated broker statement.

Each information return is data (`Info`: revision, payer, recipient, values by canonical
name); renderers draw it as the official IRS form (filled, flattened or live), as an
IRS-like box grid of a given revision, or as a bank's substitute statement, and the
expected record is written from the same values. `generate(out_dir)` writes everything
under `out_dir/1099/{nec,misc,int,div,b,consolidated}/`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from sample_docs.generators.irs_fill import FieldValue, fill_form, open_form, page_widgets
from sample_docs.generators.people import JANE, JOHN, LINDA, MARIA, ROBERT, Company, Person
from sample_docs.generators.scan import rasterise_and_degrade

BLANK = Path(__file__).resolve().parents[2].parent / "shared" / "reference_docs/irs_forms_blank"
EVO = BLANK / "evolvedtax__EvoTaxPortal"
PB = BLANK / "PropertyBrands__val-irs_forms"
W, H = letter
Value = str | bool

# ---------------------------------------------------------------- payers

BANK = Company(
    "FIRST PRAIRIE SAVINGS BANK",
    "37-1122334",
    "400 N MAIN ST",
    "BLOOMINGTON IL 61701",
    "IL",
    "IL-0044321",
)
BROKER = Company(
    "SUMMIT RIDGE SECURITIES LLC",
    "13-5550199",
    "1 LIBERTY PLZ FL 20",
    "NEW YORK NY 10006",
    "NY",
    "NY-778812",
)
FUND = Company(
    "EVERGREEN INDEX FUNDS TRUST",
    "23-7001122",
    "PO BOX 9100",
    "VALLEY FORGE PA 19482",
    "PA",
    "PA-5512",
)
PRESS = Company(
    "LAKESIDE PRESS AND MEDIA INC",
    "41-2086420",
    "820 LAKE ST",
    "MINNEAPOLIS MN 55408",
    "MN",
    "MN-2290017",
)
STUDIO = Company(
    "BRIGHTLINE DESIGN STUDIO LLC",
    "27-3345671",
    "55 MARKET SQ",
    "PORTLAND OR 97204",
    "OR",
    "OR-118866",
)
CLINIC = Company(
    "HARBORVIEW MEDICAL GROUP PC",
    "91-1876543",
    "1200 FIRST AVE",
    "SEATTLE WA 98101",
    "WA",
    "",
)

# ---------------------------------------------------------------- revisions


@dataclass(frozen=True)
class BoxDef:
    """One box as a revision prints it, and the canonical (2024) name it maps to."""

    number: str
    label: str
    name: str
    kind: str = "money"  # money | check | text


def _boxes(*rows: tuple[str, ...]) -> tuple[BoxDef, ...]:
    return tuple(BoxDef(*row) for row in rows)


NEC_2024 = _boxes(
    ("1", "Nonemployee compensation", "box1_nonemployee_compensation"),
    (
        "2",
        "Payer made direct sales totaling $5,000 or more of consumer products to recipient"
        " for resale",
        "box2_direct_sales",
        "check",
    ),
    ("3", "Excess golden parachute payments", "box3_excess_golden_parachute"),
    ("4", "Federal income tax withheld", "box4_federal_tax_withheld"),
)
NEC_2021 = tuple(b for b in NEC_2024 if b.number != "3")

MISC_2024 = _boxes(
    ("1", "Rents", "box1_rents"),
    ("2", "Royalties", "box2_royalties"),
    ("3", "Other income", "box3_other_income"),
    ("4", "Federal income tax withheld", "box4_federal_tax_withheld"),
    ("5", "Fishing boat proceeds", "box5_fishing_boat_proceeds"),
    ("6", "Medical and health care payments", "box6_medical_payments"),
    (
        "7",
        "Payer made direct sales totaling $5,000 or more of consumer products to recipient"
        " for resale",
        "box7_direct_sales",
        "check",
    ),
    ("8", "Substitute payments in lieu of dividends or interest", "box8_substitute_payments"),
    ("9", "Crop insurance proceeds", "box9_crop_insurance_proceeds"),
    ("10", "Gross proceeds paid to an attorney", "box10_gross_proceeds_attorney"),
    ("11", "Fish purchased for resale", "box11_fish_purchased_for_resale"),
    ("12", "Section 409A deferrals", "box12_section_409a_deferrals"),
    ("13", "FATCA filing requirement", "box13_fatca_filing_requirement", "check"),
    ("14", "Excess golden parachute payments", "box14_excess_golden_parachute"),
    ("15", "Nonqualified deferred compensation", "box15_nonqualified_deferred_compensation"),
)
# 2020: no fish box, FATCA unnumbered (not drawn here), 13/14 golden parachute/NQDC.
MISC_2020 = _boxes(
    *((b.number, b.label, b.name, b.kind) for b in MISC_2024 if int(b.number) <= 10),
    ("12", "Section 409A deferrals", "box12_section_409a_deferrals"),
    ("13", "Excess golden parachute payments", "box14_excess_golden_parachute"),
    ("14", "Nonqualified deferred compensation", "box15_nonqualified_deferred_compensation"),
)

INT_2024 = _boxes(
    ("1", "Interest income", "box1_interest_income"),
    ("2", "Early withdrawal penalty", "box2_early_withdrawal_penalty"),
    (
        "3",
        "Interest on U.S. Savings Bonds and Treasury obligations",
        "box3_us_savings_bond_interest",
    ),
    ("4", "Federal income tax withheld", "box4_federal_tax_withheld"),
    ("5", "Investment expenses", "box5_investment_expenses"),
    ("6", "Foreign tax paid", "box6_foreign_tax_paid"),
    ("7", "Foreign country or U.S. possession", "box7_foreign_country", "text"),
    ("8", "Tax-exempt interest", "box8_tax_exempt_interest"),
    (
        "9",
        "Specified private activity bond interest",
        "box9_specified_private_activity_bond_interest",
    ),
    ("10", "Market discount", "box10_market_discount"),
    ("11", "Bond premium", "box11_bond_premium"),
    ("12", "Bond premium on Treasury obligations", "box12_bond_premium_treasury"),
    ("13", "Bond premium on tax-exempt bond", "box13_bond_premium_tax_exempt"),
    ("14", "Tax-exempt and tax credit bond CUSIP no.", "box14_cusip", "text"),
)

DIV_2024 = _boxes(
    ("1a", "Total ordinary dividends", "box1a_total_ordinary_dividends"),
    ("1b", "Qualified dividends", "box1b_qualified_dividends"),
    ("2a", "Total capital gain distr.", "box2a_total_capital_gain"),
    ("2b", "Unrecap. Sec. 1250 gain", "box2b_unrecaptured_1250_gain"),
    ("2c", "Section 1202 gain", "box2c_section_1202_gain"),
    ("2d", "Collectibles (28%) gain", "box2d_collectibles_gain"),
    ("2e", "Section 897 ordinary dividends", "box2e_section_897_ordinary_dividends"),
    ("2f", "Section 897 capital gain", "box2f_section_897_capital_gain"),
    ("3", "Nondividend distributions", "box3_nondividend_distributions"),
    ("4", "Federal income tax withheld", "box4_federal_tax_withheld"),
    ("5", "Section 199A dividends", "box5_section_199a_dividends"),
    ("6", "Investment expenses", "box6_investment_expenses"),
    ("7", "Foreign tax paid", "box7_foreign_tax_paid"),
    ("8", "Foreign country or U.S. possession", "box8_foreign_country", "text"),
    ("9", "Cash liquidation distributions", "box9_cash_liquidation_distributions"),
    ("10", "Noncash liquidation distributions", "box10_noncash_liquidation_distributions"),
    ("11", "FATCA filing requirement", "box11_fatca_filing_requirement", "check"),
    ("12", "Exempt-interest dividends", "box12_exempt_interest_dividends"),
    (
        "13",
        "Specified private activity bond interest dividends",
        "box13_specified_private_activity_bond_interest_dividends",
    ),
)
# 2020: exempt-interest dividends in box 11, private activity bond dividends in box 12.
DIV_2020 = _boxes(
    *((b.number, b.label, b.name, b.kind) for b in DIV_2024[:16]),
    ("11", "Exempt-interest dividends", "box12_exempt_interest_dividends"),
    (
        "12",
        "Specified private activity bond interest dividends",
        "box13_specified_private_activity_bond_interest_dividends",
    ),
)

TITLES = {
    "1099-NEC": "Nonemployee Compensation",
    "1099-MISC": "Miscellaneous Information",
    "1099-INT": "Interest Income",
    "1099-DIV": "Dividends and Distributions",
    "1099-B": "Proceeds From Broker and Barter Exchange Transactions",
}
# State columns as each form numbers them: (state, payer's state no., income, tax withheld).
STATE_LABELS = {
    ("1099-NEC", 2024): ("6 State/Payer’s state no.", "7 State income", "5 State tax withheld"),
    ("1099-NEC", 2021): ("6 State/Payer’s state no.", "7 State income", "5 State tax withheld"),
    ("1099-MISC", 2024): ("17 State/Payer’s state no.", "18 State income", "16 State tax withheld"),
    ("1099-MISC", 2020): ("16 State/Payer’s state no.", "17 State income", "15 State tax withheld"),
    ("1099-INT", 2024): ("15 State", "16 State identification no.", "17 State tax withheld"),
    ("1099-DIV", 2024): ("14 State", "15 State identification no.", "16 State tax withheld"),
    ("1099-DIV", 2020): ("13 State", "14 State identification no.", "15 State tax withheld"),
}

# ---------------------------------------------------------------- the data


@dataclass(frozen=True)
class StateRow:
    state: str
    state_id: str = ""
    income: str | None = None
    tax: str | None = None

    def expected(self) -> dict[str, str]:
        out = {"state": self.state}
        if self.state_id:
            out["payer_state_id"] = self.state_id
        if self.income is not None:
            out["state_income"] = _money(self.income)
        if self.tax is not None:
            out["state_tax_withheld"] = _money(self.tax)
        return out


@dataclass(frozen=True)
class Info:
    """One information return: what it says, independent of how it is drawn."""

    doc_type: str
    year: int
    boxes: tuple[BoxDef, ...]
    payer: Company
    recipient: Person
    values: dict[str, Value]
    states: tuple[StateRow, ...] = ()
    account: str = ""
    corrected: bool = False
    extra: dict[str, Value] = field(default_factory=dict)  # fields outside the box table

    def value(self, box: BoxDef) -> Value | None:
        return self.values.get(box.name, False if box.kind == "check" else None)

    def expected_fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for box in self.boxes:
            value = self.value(box)
            if value is None:
                continue
            out[box.name] = _money(value) if box.kind == "money" else value
        for key, value in self.extra.items():
            out[key] = value
        if self.account:
            out["account_number"] = self.account
        if self.states:
            out["state"] = [s.expected() for s in self.states]
        return out

    def expected(self, pages: list[int]) -> dict[str, Any]:
        return {
            "doc_type": self.doc_type,
            "tax_year": self.year,
            "corrected": self.corrected,
            "pages": pages,
            "payer_tin": self.payer.ein,
            "payer_name": self.payer.name,
            "recipient_tin_last4": self.recipient.last4,
            "recipient_name": self.recipient.name,
            "fields": self.expected_fields(),
        }


def _money(value: Value) -> str:
    return f"{Decimal(str(value)).quantize(Decimal('0.01')):f}"


def _printed(value: str) -> str:
    """An amount as forms print it: `1,234.56`, negatives `-1,234.56`."""
    return f"{Decimal(value):,.2f}"


# ---------------------------------------------------------------- official IRS forms


@dataclass(frozen=True)
class IrsForm:
    """Where an official fillable PDF keeps each value: widget keys per copy page."""

    path: Path
    key: Callable[[str], str]  # full field name -> key shared by every copy
    header: dict[str, str]  # year, corrected, payer, payer_tin, recipient_tin, name, ...
    boxes: dict[str, str]  # canonical name -> key
    states: tuple[tuple[str, str, str, str], ...]  # (state, id, income, tax) keys; "" = none
    state_id_joined: bool = False  # "6 State/Payer's state no." holds "IL 1234"


def _terminal(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def _prefixed(name: str) -> str:
    return _terminal(name)[1:]


def _f(n: int, copy: int = 2) -> str:
    return f"f{copy}_{n}[0]"


NEC_IRS = IrsForm(
    EVO / "Form_1099_NEC.pdf",
    _terminal,
    {
        "year": _f(1),
        "corrected": "c2_1[0]",
        "payer": _f(2),
        "payer_tin": _f(3),
        "recipient_tin": _f(4),
        "name": _f(5),
        "street": _f(6),
        "city": _f(7),
        "account": _f(8),
    },
    {
        "box1_nonemployee_compensation": _f(9),
        "box2_direct_sales": "c2_3[0]",
        "box4_federal_tax_withheld": _f(10),
    },
    ((_f(13), "", _f(15), _f(11)), (_f(14), "", _f(16), _f(12))),
    state_id_joined=True,
)
MISC_IRS = IrsForm(
    EVO / "f1099msc.pdf",
    _terminal,
    {
        "year": _f(1),
        "corrected": "c2_1[0]",
        "payer": _f(2),
        "payer_tin": _f(3),
        "recipient_tin": _f(4),
        "name": _f(5),
        "street": _f(6),
        "city": _f(7),
        "account": _f(8),
    },
    {
        "box1_rents": _f(9),
        "box2_royalties": _f(10),
        "box3_other_income": _f(11),
        "box4_federal_tax_withheld": _f(12),
        "box5_fishing_boat_proceeds": _f(13),
        "box6_medical_payments": _f(14),
        "box7_direct_sales": "c2_4[0]",
        "box8_substitute_payments": _f(15),
        "box9_crop_insurance_proceeds": _f(16),
        "box10_gross_proceeds_attorney": _f(17),
        "box11_fish_purchased_for_resale": _f(18),
        "box12_section_409a_deferrals": _f(19),
        "box13_fatca_filing_requirement": "c2_3[0]",
        "box14_excess_golden_parachute": _f(20),
        "box15_nonqualified_deferred_compensation": _f(21),
    },
    ((_f(24), "", _f(26), _f(22)), (_f(25), "", _f(27), _f(23))),
    state_id_joined=True,
)
MISC_IRS_2013 = IrsForm(
    PB / "f1099msc--2013.pdf",
    _terminal,
    {
        "corrected": "c1_002[0]",
        "payer": "f1_001[0]",
        "payer_tin": "f1_002[0]",
        "recipient_tin": "f1_003[0]",
        "name": "f1_004[0]",
        "street": "f1_005[0]",
        "city": "f1_006[0]",
        "account": "f1_007[0]",
    },
    {
        "box1_rents": "f1_010[0]",
        "box2_royalties": "f1_011[0]",
        "box3_other_income": "f1_012[0]",
        "box4_federal_tax_withheld": "f1_013[0]",
        "box5_fishing_boat_proceeds": "f1_014[0]",
        "box6_medical_payments": "f1_015[0]",
        "box7_nonemployee_compensation": "f1_016[0]",
        "box8_substitute_payments": "f1_017[0]",
        "box7_direct_sales": "c1_02_0_[0]",
        "box9_crop_insurance_proceeds": "f1_018[0]",
        "box11_foreign_tax_paid": "f1_101[0]",
        "box12_foreign_country": "Box12[0]",
        "box14_excess_golden_parachute": "f1_019[0]",
        "box10_gross_proceeds_attorney": "f1_020[0]",
        "box12_section_409a_deferrals": "f1_008[0]",
        "box15b_section_409a_income": "f1_009[0]",
    },
    (("f1_023[0]", "", "f1_025[0]", "f1_021[0]"), ("f1_024[0]", "", "f1_026[0]", "f1_022[0]")),
    state_id_joined=True,
)
INT_IRS = IrsForm(
    EVO / "Form_1099_INT.pdf",
    _prefixed,
    {
        "year": "CalendarYear",
        "corrected": "Corrected",
        "payer": "PayerNameAddress",
        "payer_tin": "PayerTIN",
        "recipient_tin": "RecipientTIN",
        "name": "RecipientName",
        "street": "RecipientAddress",
        "city": "RecipientCity",
        "account": "AccountNumber",
    },
    {
        "payer_rtn": "PayerRTN",
        "fatca_filing_requirement": "FATCA",
        **{b.name: b.number for b in INT_2024},
    },
    (("15a", "16a", "", "17a"), ("15b", "16b", "", "17b")),
)
INT_IRS_2013 = IrsForm(
    PB / "f1099int--2013.pdf",
    _terminal,
    {
        "corrected": "c1_002[0]",
        "payer": "f1_001[0]",
        "payer_tin": "f1_002[0]",
        "recipient_tin": "f1_003[0]",
        "name": "f1_004[0]",
        "street": "f1_005[0]",
        "city": "f1_006[0]",
        "account": "f1_007[0]",
    },
    {
        "payer_rtn": "f1_008[0]",
        "box1_interest_income": "f1_009[0]",
        "box2_early_withdrawal_penalty": "f1_010[0]",
        "box3_us_savings_bond_interest": "f1_011[0]",
        "box4_federal_tax_withheld": "f1_012[0]",
        "box5_investment_expenses": "f1_013[0]",
        "box6_foreign_tax_paid": "f1_014[0]",
        "box7_foreign_country": "Box7[0]",
        "box8_tax_exempt_interest": "f1_016[0]",
        "box9_specified_private_activity_bond_interest": "f1_017[0]",
        "box14_cusip": "Bx10[0]",
    },
    (("f1_019[0]", "f1_020[0]", "", "f1_022[0]"),),
)
DIV_IRS = IrsForm(
    EVO / "f1099div.pdf",
    _terminal,
    {
        "year": "f2_1",
        "corrected": "c2_1",
        "payer": "f2_2",
        "payer_tin": "f2_3",
        "recipient_tin": "f2_4",
        "name": "f2_5",
        "street": "f2_6",
        "city": "f2_7",
        "account": "f2_8",
    },
    {
        **{b.name: f"f2_{9 + i}" for i, b in enumerate(DIV_2024[:16])},
        "box11_fatca_filing_requirement": "c2_3",
        "box12_exempt_interest_dividends": "f2_25",
        "box13_specified_private_activity_bond_interest_dividends": "f2_26",
    },
    (("f2_27", "f2_29", "", "f2_31"), ("f2_28", "f2_30", "", "f2_32")),
)
B_IRS = IrsForm(
    EVO / "Form_1099_B.pdf",
    _prefixed,
    {
        "corrected": "Corrected",
        "payer": "PayerNameAddress",
        "payer_tin": "PayerTIN",
        "recipient_tin": "RecepientTIN",
        "name": "RecepientName",
        "street": "RecepientAddress",
        "city": "RecepientCity",
        "account": "AccountNumber",
    },
    {
        "form_8949_code": "8949Code",
        "box1a_description": "PropertyDescription",
        "box1b_date_acquired": "AcquiredDate",
        "box1c_date_sold": "DateSold",
        "box1d_proceeds": "CashProceeds",
        "box1e_cost_basis": "CostBasis",
        "box1f_accrued_market_discount": "AccruedDiscount",
        "box1g_wash_sale_loss_disallowed": "WashSaleLoss",
        "box2_short_term": "ShortTermGainLoss",
        "box2_long_term": "LongTermGainLoss",
        "box2_ordinary": "Ordinary",
        "box3_collectibles": "Collectibles",
        "box3_qof": "QOF",
        "box4_federal_tax_withheld": "FederalIncomeTax",
        "box5_noncovered_security": "NonCoveredSecurity",
        "box6_gross_proceeds": "GrossProceed",
        "box6_net_proceeds": "NetProceed",
        "box7_loss_not_allowed": "LossNotAllowed",
        "fatca_filing_requirement": "FATCAFilingrequirements",
        "box12_basis_reported": "ReportedIRS",
        "cusip": "CUSIPNumber",
    },
    (("StateName1", "SIN1", "", "StateTaxwithheld1"),),
)


def _irs_values(form: IrsForm, info: Info) -> dict[str, FieldValue]:
    """Values keyed by the form's per-copy key."""
    p, r = info.payer, info.recipient
    head = form.header
    out: dict[str, FieldValue] = {
        head["payer"]: f"{p.name}\n{p.street}\n{p.city_state_zip}",
        head["payer_tin"]: p.ein,
        head["recipient_tin"]: r.ssn,
        head["name"]: r.name,
        head["street"]: r.street,
        head["city"]: r.city_state_zip,
        head["corrected"]: info.corrected,
    }
    if "year" in head:
        out[head["year"]] = str(info.year)[2:]
    if info.account:
        out[head["account"]] = info.account
    for name, value in {**info.values, **info.extra}.items():
        if name in form.boxes:
            key = form.boxes[name]
            out[key] = value if isinstance(value, bool) else _field_text(name, value)
    for row, keys in zip(info.states, form.states, strict=False):
        state_key, id_key, income_key, tax_key = keys
        if form.state_id_joined:
            out[state_key] = f"{row.state} {row.state_id}".strip()
        else:
            out[state_key] = row.state
            if row.state_id:
                out[id_key] = row.state_id
        if row.income is not None and income_key:
            out[income_key] = _printed(row.income)
        if row.tax is not None:
            out[tax_key] = _printed(row.tax)
    return out


def _field_text(name: str, value: str) -> str:
    if name.endswith(("_description", "_country", "_cusip", "cusip", "_code", "_rtn")):
        return value
    if name.startswith(("box1b_date", "box1c_date")):
        y, m, d = value.split("-")
        return f"{m}/{d}/{y}"
    return _printed(value)


def fill_irs(form: IrsForm, info: Info, dst: Path, pages: list[int], *, flatten: bool) -> None:
    wanted = _irs_values(form, info)
    reader = open_form(form.path)
    values: dict[str, FieldValue] = {}
    for index in pages:
        for widget in page_widgets(reader, index):
            key = form.key(widget.name)
            if key in wanted:
                values[widget.name] = wanted[key]
    fill_form(form.path, dst, values, pages=pages, flatten=flatten)
    if not flatten:
        _uncheck(dst, form, {k for k, v in wanted.items() if v is True})


def _uncheck(path: Path, form: IrsForm, checked: set[str]) -> None:
    """Some re-saved IRS forms ship their check boxes on: turn off all but `checked`."""
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    for page in writer.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if "/AS" in annot and form.key(_full_name(annot)) not in checked:
                annot[NameObject("/AS")] = NameObject("/Off")
                holder = annot if "/T" in annot else annot["/Parent"].get_object()
                holder[NameObject("/V")] = NameObject("/Off")
    with path.open("wb") as handle:
        writer.write(handle)


def _full_name(annot: DictionaryObject) -> str:
    parts: list[str] = []
    node: DictionaryObject | None = annot
    while node is not None:
        if "/T" in node:
            parts.append(str(node["/T"]))
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return ".".join(reversed(parts))


# ---------------------------------------------------------------- drawing helpers


def _y(top: float) -> float:
    return H - top


def _text(
    c: Canvas,
    x: float,
    top: float,
    text: str,
    size: float = 8,
    font: str = "Helvetica",
    right: bool = False,
) -> None:
    c.setFont(font, size)
    if right:
        c.drawRightString(x, _y(top), text)
    else:
        c.drawString(x, _y(top), text)


def _rect(c: Canvas, x0: float, top: float, x1: float, bottom: float) -> None:
    c.rect(x0, _y(bottom), x1 - x0, bottom - top)


def _checkbox(c: Canvas, x: float, top: float, checked: bool, size: float = 7) -> None:
    _rect(c, x, top - size, x + size, top)
    if checked:
        _text(c, x + 1.2, top - 1, "X", size, "Helvetica-Bold")


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


# ---------------------------------------------------------------- IRS-like box grid


def draw_grid(c: Canvas, info: Info, revision: str) -> None:
    """The form as a box grid like the IRS prints it, numbered as `info.boxes` says."""
    p, r = info.payer, info.recipient
    _checkbox(c, 232, 34, info.corrected, 8)
    _text(c, 244, 33, "CORRECTED", 8, "Helvetica-Bold")
    _text(c, 302, 33, "(if checked)", 7)
    left = [
        (
            40,
            130,
            "PAYER’S name, street address, city or town, state or province, country, ZIP",
            [p.name, p.street, p.city_state_zip],
        ),
        (160, 185, "RECIPIENT’S name", [r.name]),
        (185, 210, "Street address (including apt. no.)", [r.street]),
        (210, 235, "City or town, state or province, country, and ZIP", [r.city_state_zip]),
        (235, 262, "Account number (see instructions)", [info.account]),
    ]
    for top, bottom, label, lines in left:
        _rect(c, 36, top, 300, bottom)
        _text(c, 39, top + 7, label, 6)
        for i, line in enumerate(lines):
            _text(c, 42, top + (28 if top == 40 else 18) + 10 * i, line, 9)
    for x0, label, value in ((36, "PAYER’S TIN", p.ein), (168, "RECIPIENT’S TIN", r.ssn)):
        _rect(c, x0, 130, x0 + 132, 160)
        _text(c, x0 + 3, 137, label, 6)
        _text(c, x0 + 10, 153, value, 9)
    top = 40.0
    cells = list(info.boxes)
    for i in range(0, len(cells), 2):
        for j, box in enumerate(cells[i : i + 2]):
            x0 = 300 + 100 * j
            _grid_cell(c, x0, top, box, info.value(box))
        top += 28
    _grid_states(c, info, top)
    _text(c, 505, 48, "OMB No. 1545-0110", 6)
    _text(c, 505, 66, "Form " + info.doc_type, 9, "Helvetica-Bold")
    _text(c, 505, 78, revision, 6)
    _text(c, 505, 90, "For calendar year", 6)
    _text(c, 510, 106, str(info.year), 14, "Helvetica-Bold")
    for i, line in enumerate(_wrap(TITLES[info.doc_type], 14)):
        _text(c, 505, 124 + 10 * i, line, 8, "Helvetica-Bold")
    _text(c, 505, 196, "Copy B", 9, "Helvetica-Bold")
    _text(c, 505, 206, "For Recipient", 7)


def _grid_cell(c: Canvas, x0: float, top: float, box: BoxDef, value: Value | None) -> None:
    _rect(c, x0, top, x0 + 100, top + 28)
    for k, line in enumerate(_wrap(f"{box.number} {box.label}", 30)[:2]):
        _text(c, x0 + 2, top + 7 + 7 * k, line, 6)
    if box.kind == "check":
        _checkbox(c, x0 + 88, top + 26, bool(value))
    elif box.kind == "text":
        if value:
            _text(c, x0 + 4, top + 25, str(value), 8)
    else:
        _text(c, x0 + 2, top + 25, "$", 7)
        if value is not None:
            _text(c, x0 + 96, top + 25, _printed(str(value)), 9, right=True)


def _grid_states(c: Canvas, info: Info, top: float) -> None:
    first, second, third = STATE_LABELS[(info.doc_type, _state_rev(info))]
    columns = [(300, 370, first), (370, 440, second), (440, 500, third)]
    for x0, x1, label in columns:
        _rect(c, x0, top, x1, top + 34)
        _text(c, x0 + 2, top + 7, label, 5)
    joined = "State/Payer" in first
    for i, row in enumerate(info.states[:2]):
        line_top = top + 22 + 10 * i
        if joined:
            cells = [(f"{row.state} {row.state_id}".strip(), False), (row.income, True)]
        else:
            cells = [(row.state, False), (row.state_id or None, False)]
        cells.append((row.tax, True))
        for (x0, x1, _), (value, money) in zip(columns, cells, strict=True):
            if value is None:
                continue
            if money:
                _text(c, x1 - 3, line_top, _printed(value), 8, right=True)
            else:
                _text(c, x0 + 3, line_top, value, 8)


def _state_rev(info: Info) -> int:
    return 2024 if info.year >= 2022 else (2021 if info.doc_type == "1099-NEC" else 2020)


# ---------------------------------------------------------------- substitute statement


def draw_statement(c: Canvas, info: Info, top: float = 40) -> None:
    """A bank's substitute statement: header blocks, then one row per box."""
    p, r = info.payer, info.recipient
    _text(c, 40, top, "PAYER’S name, street address, city or town, state, and ZIP code", 6.5)
    _text(c, 40, top + 12, p.name, 13, "Helvetica-Bold")
    _text(c, 40, top + 25, p.street, 9)
    _text(c, 40, top + 36, p.city_state_zip, 9)
    _text(c, 572, top + 12, f"{info.year} Form {info.doc_type}", 13, "Helvetica-Bold", True)
    _text(c, 572, top + 25, TITLES[info.doc_type], 9, right=True)
    _text(c, 572, top + 36, "Copy B for Recipient", 8, right=True)
    if info.corrected:
        _text(c, 572, top + 48, "CORRECTED", 10, "Helvetica-Bold", True)
    rows = [
        ("PAYER’S TIN", p.ein),
        ("RECIPIENT’S TIN", f"XXX-XX-{r.last4}"),
        ("Account number", info.account),
    ]
    for i, (label, value) in enumerate(rows):
        _text(c, 360, top + 70 + 12 * i, label, 8)
        _text(c, 450, top + 70 + 12 * i, value, 9)
    _text(c, 40, top + 62, "RECIPIENT’S name and address", 7)
    for i, line in enumerate((r.name, r.street, r.city_state_zip)):
        _text(c, 40, top + 74 + 11 * i, line, 9)
    y = top + 120
    _text(c, 40, y, "Box", 8, "Helvetica-Bold")
    _text(c, 70, y, "Description", 8, "Helvetica-Bold")
    _text(c, 572, y, "Amount", 8, "Helvetica-Bold", True)
    c.line(40, _y(y + 4), 572, _y(y + 4))
    for box in info.boxes:
        value = info.value(box)
        if value is None:
            continue
        y += 15
        _text(c, 40, y, box.number, 9)
        _text(c, 60, y, box.label, 9)
        if box.kind == "check":
            _checkbox(c, 560, y + 1, bool(value), 8)
        elif box.kind == "text":
            _text(c, 572, y, str(value), 9, right=True)
        else:
            _text(c, 572, y, "$" + _printed(str(value)), 9, right=True)
    if info.states:
        y += 26
        heads = ("State/Payer’s state no.", "State income", "State tax withheld")
        xs = (40, 420, 572)
        for x, head in zip(xs, heads, strict=True):
            _text(c, x, y, head, 8, "Helvetica-Bold", right=x > 400)
        for row in info.states:
            y += 14
            _text(c, 40, y, f"{row.state} {row.state_id}".strip(), 9)
            if row.income is not None:
                _text(c, 420, y, "$" + _printed(row.income), 9, right=True)
            if row.tax is not None:
                _text(c, 572, y, "$" + _printed(row.tax), 9, right=True)


def _pdf(path: Path, pages: Iterable[Callable[[Canvas], None]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    c = Canvas(str(path), pagesize=letter, invariant=1)
    for draw in pages:
        draw(c)
        c.showPage()
    c.save()


# ---------------------------------------------------------------- broker statements


@dataclass(frozen=True)
class Lot:
    description: str
    quantity: str
    acquired: str  # ISO date or "VARIOUS"
    sold: str
    proceeds: str
    basis: str
    wash: str | None = None

    @property
    def gain(self) -> Decimal:
        return Decimal(self.proceeds) - Decimal(self.basis) + Decimal(self.wash or "0")


@dataclass(frozen=True)
class Category:
    """The lots of one Form 8949 box: term and whether basis was reported to the IRS."""

    term: str  # short | long | unknown
    basis_reported: bool | None
    title: str
    lots: tuple[Lot, ...]
    withheld: str = "0.00"

    def total(self, attr: str) -> Decimal:
        return sum((Decimal(getattr(lot, attr) or "0") for lot in self.lots), Decimal(0))

    def gain(self) -> Decimal:
        return sum((lot.gain for lot in self.lots), Decimal(0))

    def expected(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "basis_reported": self.basis_reported,
            "proceeds": _money(self.total("proceeds")),
            "cost_basis": _money(self.total("basis")),
            "wash_sale_loss_disallowed": _money(self.total("wash")),
            "gain_loss": _money(self.gain()),
        }


@dataclass(frozen=True)
class BrokerB:
    """A broker's 1099-B: a summary by category and the lots of each category."""

    payer: Company
    recipient: Person
    year: int
    account: str
    categories: tuple[Category, ...]

    def expected(self, pages: list[int], summary: bool = True) -> dict[str, Any]:
        """The record; without a printed summary, the totals are the lot tables' totals
        lines, which print no withholding."""
        cats = self.categories
        sums = {
            "proceeds": sum((c.total("proceeds") for c in cats), Decimal(0)),
            "cost_basis": sum((c.total("basis") for c in cats), Decimal(0)),
            "wash_sale_loss_disallowed": sum((c.total("wash") for c in cats), Decimal(0)),
            "gain_loss": sum((c.gain() for c in cats), Decimal(0)),
        }
        if summary:
            sums["box4_federal_tax_withheld"] = sum((Decimal(c.withheld) for c in cats), Decimal(0))
        fields: dict[str, Any] = {k: _money(v) for k, v in sums.items()}
        fields["account_number"] = self.account
        transactions = [
            {
                "description": lot.description,
                "date_acquired": lot.acquired,
                "date_sold": lot.sold,
                "proceeds": _money(lot.proceeds),
                "cost_basis": _money(lot.basis),
                **({"wash_sale_loss_disallowed": _money(lot.wash)} if lot.wash else {}),
                "gain_loss": _money(lot.gain),
                "term": c.term,
            }
            for c in cats
            for lot in c.lots
        ]
        return {
            "doc_type": "1099-B",
            "tax_year": self.year,
            "corrected": False,
            "pages": pages,
            "payer_tin": self.payer.ein,
            "payer_name": self.payer.name,
            "recipient_tin_last4": self.recipient.last4,
            "recipient_name": self.recipient.name,
            "fields": fields,
            "totals_by_term": [c.expected() for c in cats],
            "transactions": transactions,
        }


def _us_date(iso: str) -> str:
    if iso == "VARIOUS":
        return iso
    y, m, d = iso.split("-")
    return f"{m}/{d}/{y}"


def _header(c: Canvas, payer: Company, title: str, account: str, page: int, total: int) -> None:
    """The band every page of a broker statement repeats."""
    _text(c, 40, 40, payer.name, 12, "Helvetica-Bold")
    _text(c, 572, 40, title, 11, "Helvetica-Bold", True)
    _text(c, 572, 52, f"Account {account}    Page {page} of {total}", 8, right=True)
    c.line(40, _y(58), 572, _y(58))


def _identity(c: Canvas, payer: Company, recipient: Person, account: str) -> float:
    _text(c, 40, 76, payer.street, 9)
    _text(c, 40, 87, payer.city_state_zip, 9)
    _text(c, 40, 101, "RECIPIENT’S name and address", 6.5)
    for i, line in enumerate((recipient.name, recipient.street, recipient.city_state_zip)):
        _text(c, 40, 110 + 11 * i, line, 9)
    rows = (
        ("PAYER’S TIN:", payer.ein),
        ("RECIPIENT’S TIN:", f"XXX-XX-{recipient.last4}"),
        ("Account Number:", account),
    )
    for i, (label, value) in enumerate(rows):
        _text(c, 370, 76 + 12 * i, label, 8)
        _text(c, 460, 76 + 12 * i, value, 9)
    return 150


SUMMARY_COLUMNS = (
    "Proceeds",
    "Cost basis",
    "Wash sale loss disallowed",
    "Gain or (loss)",
    "Federal income tax withheld",
)
SUMMARY_X = (300, 360, 430, 495, 572)


def _b_summary(c: Canvas, b: BrokerB, top: float) -> float:
    _text(
        c,
        40,
        top,
        f"Summary of Form 1099-B Proceeds From Broker and Barter Exchange Transactions {b.year}",
        10,
        "Helvetica-Bold",
    )
    y = top + 16
    for x, head in zip(SUMMARY_X, SUMMARY_COLUMNS, strict=True):
        for k, part in enumerate(_wrap(head, 14)):
            _text(c, x, y + 8 * k, part, 6.5, "Helvetica-Bold", True)
    y += 20
    for cat in b.categories:
        y += 13
        _text(c, 40, y, cat.title.split(" (")[0], 7)
        values = (
            cat.total("proceeds"),
            cat.total("basis"),
            cat.total("wash"),
            cat.gain(),
            Decimal(cat.withheld),
        )
        for x, v in zip(SUMMARY_X, values, strict=True):
            _text(c, x, y, _printed(str(v)), 7.5, right=True)
    y += 15
    _text(c, 40, y, "Total", 7.5, "Helvetica-Bold")
    totals = b.expected([])["fields"]
    keys = (
        "proceeds",
        "cost_basis",
        "wash_sale_loss_disallowed",
        "gain_loss",
        "box4_federal_tax_withheld",
    )
    for x, key in zip(SUMMARY_X, keys, strict=True):
        _text(c, x, y, _printed(totals[key]), 7.5, "Helvetica-Bold", True)
    return y + 20


DETAIL_X = (40, 205, 248, 300, 380, 440, 505, 572)
DETAIL_HEADS = (
    "Description of property",
    "Quantity",
    "Date acquired",
    "Date sold",
    "Proceeds",
    "Cost basis",
    "Wash sale loss disallowed",
    "Gain or (loss)",
)


def _b_detail(c: Canvas, cats: Iterable[Category], top: float, proceeds: str = "Proceeds") -> None:
    """Lot tables, one per category, each closed by its totals line; `proceeds` is the
    proceeds column's head (`Sales price` on some brokers' statements)."""
    y = top
    heads = tuple(proceeds if h == "Proceeds" else h for h in DETAIL_HEADS)
    for cat in cats:
        _text(c, 40, y, cat.title.upper(), 8, "Helvetica-Bold")
        y += 14
        for i, (x, head) in enumerate(zip(DETAIL_X, heads, strict=True)):
            for k, part in enumerate(_wrap(head, 14 if i else 30)):
                _text(c, x, y + 8 * k, part, 6.5, "Helvetica-Bold", right=i >= 4)
        y += 18
        for lot in cat.lots:
            y += 12
            cells = (
                lot.description,
                lot.quantity,
                _us_date(lot.acquired),
                _us_date(lot.sold),
                _printed(lot.proceeds),
                _printed(lot.basis),
                _printed(lot.wash) if lot.wash else "",
                _printed(str(lot.gain)),
            )
            for i, (x, cell) in enumerate(zip(DETAIL_X, cells, strict=True)):
                _text(c, x, y, cell, 7.5, right=i >= 4)
        y += 13
        _text(c, 40, y, "Total " + cat.title.split(" (")[0].lower(), 7.5, "Helvetica-Bold")
        totals = (cat.total("proceeds"), cat.total("basis"), cat.total("wash"), cat.gain())
        for x, v in zip(DETAIL_X[4:], totals, strict=True):
            _text(c, x, y, _printed(str(v)), 7.5, "Helvetica-Bold", True)
        y += 26


def _section_rows(c: Canvas, info: Info, top: float) -> float:
    """A consolidated statement's section: title, then `box  description  amount` rows."""
    _text(c, 40, top, f"Form {info.doc_type}", 11, "Helvetica-Bold")
    _text(c, 130, top, f"{TITLES[info.doc_type]} {info.year}", 10, "Helvetica-Bold")
    _text(c, 572, top, "Copy B for Recipient", 7, right=True)
    c.line(40, _y(top + 4), 572, _y(top + 4))
    y = top + 4
    for box in info.boxes:
        value = info.value(box)
        if value is None or box.kind == "check":
            continue
        y += 13
        _text(c, 40, y, box.number, 8.5)
        _text(c, 62, y, box.label, 8.5)
        _text(
            c, 572, y, str(value) if box.kind == "text" else _printed(str(value)), 8.5, right=True
        )
    return y + 28


@dataclass(frozen=True)
class Consolidated:
    """A broker's consolidated statement over four pages: DIV (and MISC) on the first,
    INT (and the 1099-B summary) on the second, the lot tables on the third and fourth.
    Without `summary`, the 1099-B totals are only the lot tables' totals lines."""

    payer: Company
    recipient: Person
    year: int
    account: str
    div: Info
    misc: Info | None
    interest: Info
    b: BrokerB
    summary: bool = True
    proceeds_head: str = "Proceeds"

    def draw(self, path: Path) -> list[dict[str, Any]]:
        title = f"{self.year} Consolidated Form 1099"
        pages_total = 4

        def page1(c: Canvas) -> None:
            _header(c, self.payer, title, self.account, 1, pages_total)
            y = _identity(c, self.payer, self.recipient, self.account)
            y = _section_rows(c, self.div, y + 10)
            if self.misc:
                _section_rows(c, self.misc, y)

        def page2(c: Canvas) -> None:
            _header(c, self.payer, title, self.account, 2, pages_total)
            y = _section_rows(c, self.interest, 80)
            if self.summary:
                _b_summary(c, self.b, y)

        def page3(c: Canvas) -> None:
            _header(c, self.payer, title, self.account, 3, pages_total)
            _text(
                c,
                40,
                78,
                f"Form 1099-B Proceeds From Broker and Barter Exchange Transactions {self.year}",
                10,
                "Helvetica-Bold",
            )
            _b_detail(c, self.b.categories[:2], 100, self.proceeds_head)

        def page4(c: Canvas) -> None:
            _header(c, self.payer, title, self.account, 4, pages_total)
            _text(
                c,
                40,
                78,
                f"Form 1099-B Proceeds From Broker and Barter Exchange "
                f"Transactions {self.year} (continued)",
                10,
                "Helvetica-Bold",
            )
            _b_detail(c, self.b.categories[2:], 100, self.proceeds_head)

        _pdf(path, (page1, page2, page3, page4))
        return [
            self.div.expected([1]),
            *([self.misc.expected([1])] if self.misc else []),
            self.interest.expected([2]),
            self.b.expected([2, 3, 4] if self.summary else [3, 4], self.summary),
        ]


def draw_broker_b(b: BrokerB, path: Path) -> list[dict[str, Any]]:
    """A stand-alone 1099-B statement: identity and summary, then the lots."""
    title = f"{b.year} Form 1099-B"

    def page1(c: Canvas) -> None:
        _header(c, b.payer, title, b.account, 1, 2)
        y = _identity(c, b.payer, b.recipient, b.account)
        _b_summary(c, b, y + 10)

    def page2(c: Canvas) -> None:
        _header(c, b.payer, title, b.account, 2, 2)
        _b_detail(c, b.categories, 80)

    _pdf(path, (page1, page2))
    return [b.expected([1, 2])]


# ---------------------------------------------------------------- revisions only the samples use

MISC_2013 = _boxes(
    *((b.number, b.label, b.name, b.kind) for b in MISC_2024[:6]),
    ("7", "Nonemployee compensation", "box7_nonemployee_compensation"),
    ("8", "Substitute payments in lieu of dividends or interest", "box8_substitute_payments"),
    (
        "9",
        "Payer made direct sales of $5,000 or more of consumer products to a buyer"
        " (recipient) for resale",
        "box7_direct_sales",
        "check",
    ),
    ("10", "Crop insurance proceeds", "box9_crop_insurance_proceeds"),
    ("11", "Foreign tax paid", "box11_foreign_tax_paid"),
    ("12", "Foreign country or U.S. possession", "box12_foreign_country", "text"),
    ("13", "Excess golden parachute payments", "box14_excess_golden_parachute"),
    ("14", "Gross proceeds paid to an attorney", "box10_gross_proceeds_attorney"),
    ("15a", "Section 409A deferrals", "box12_section_409a_deferrals"),
    ("15b", "Section 409A income", "box15b_section_409a_income"),
)
INT_2013 = _boxes(
    *((b.number, b.label, b.name, b.kind) for b in INT_2024[:9]),
    ("10", "Tax-exempt bond CUSIP no.", "box14_cusip", "text"),
)
B_2023 = _boxes(
    ("1a", "Description of property", "box1a_description", "text"),
    ("1b", "Date acquired", "box1b_date_acquired", "text"),
    ("1c", "Date sold or disposed", "box1c_date_sold", "text"),
    ("1d", "Proceeds", "box1d_proceeds"),
    ("1e", "Cost or other basis", "box1e_cost_basis"),
    ("1f", "Accrued market discount", "box1f_accrued_market_discount"),
    ("1g", "Wash sale loss disallowed", "box1g_wash_sale_loss_disallowed"),
    ("2", "Short-term gain or loss", "box2_short_term", "check"),
    ("2", "Long-term gain or loss", "box2_long_term", "check"),
    ("2", "Ordinary", "box2_ordinary", "check"),
    ("3", "Collectibles", "box3_collectibles", "check"),
    ("3", "QOF", "box3_qof", "check"),
    ("4", "Federal income tax withheld", "box4_federal_tax_withheld"),
    ("5", "If checked, noncovered security", "box5_noncovered_security", "check"),
    ("6", "Gross proceeds", "box6_gross_proceeds", "check"),
    ("6", "Net proceeds", "box6_net_proceeds", "check"),
    (
        "7",
        "If checked, loss is not allowed based on amount in 1d",
        "box7_loss_not_allowed",
        "check",
    ),
    ("12", "If checked, basis reported to IRS", "box12_basis_reported", "check"),
)


def _only(boxes: tuple[BoxDef, ...], values: dict[str, Value]) -> tuple[BoxDef, ...]:
    """The boxes a consolidated section prints: those with a value, no check boxes."""
    return tuple(b for b in boxes if b.name in values and b.kind != "check")


def _zeros(names: Iterable[str], values: dict[str, Value]) -> dict[str, Value]:
    """Brokers print 0.00 on every line they have nothing for."""
    return {**dict.fromkeys(names, "0.00"), **values}


# ---------------------------------------------------------------- the samples

NEC_A = Info(
    "1099-NEC",
    2023,
    NEC_2021,
    STUDIO,
    JANE,
    {"box1_nonemployee_compensation": "18450.00", "box4_federal_tax_withheld": "1200.00"},
    (StateRow("OR", STUDIO.state_id, "18450.00", "922.50"),),
    account="V-2023-0117",
)
NEC_B = Info(
    "1099-NEC",
    2023,
    NEC_2021,
    CLINIC,
    JOHN,
    {"box1_nonemployee_compensation": "7325.40", "box2_direct_sales": True},
    account="HMG-44817",
)
NEC_C = Info(
    "1099-NEC",
    2024,
    NEC_2024,
    PRESS,
    MARIA,
    {
        "box1_nonemployee_compensation": "52310.75",
        "box3_excess_golden_parachute": "4100.00",
        "box4_federal_tax_withheld": "12554.58",
    },
    (
        StateRow("MN", PRESS.state_id, "30000.00", "1650.00"),
        StateRow("CO", "CO-88120", "22310.75", "981.67"),
    ),
    account="CONTR-0093",
)
NEC_D = Info(
    "1099-NEC",
    2021,
    NEC_2021,
    STUDIO,
    ROBERT,
    {"box1_nonemployee_compensation": "3980.00", "box4_federal_tax_withheld": "0.00"},
    (StateRow("OR", STUDIO.state_id, "3980.00"),),
    account="V-2021-0042",
    corrected=True,
)

MISC_A = Info(
    "1099-MISC",
    2023,
    MISC_2024,
    PRESS,
    LINDA,
    {
        "box2_royalties": "14872.19",
        "box3_other_income": "2500.00",
        "box4_federal_tax_withheld": "3569.33",
        "box8_substitute_payments": "118.20",
        "box7_direct_sales": True,
        "box14_excess_golden_parachute": "0.00",
    },
    (StateRow("MN", PRESS.state_id, "17372.19", "1020.00"),),
    account="ROY-7731",
)
MISC_B = Info(
    "1099-MISC",
    2013,
    MISC_2013,
    CLINIC,
    JOHN,
    {
        "box1_rents": "24000.00",
        "box7_nonemployee_compensation": "8750.00",
        "box6_medical_payments": "1315.00",
        "box10_gross_proceeds_attorney": "6200.00",
        "box12_section_409a_deferrals": "1500.00",
        "box15b_section_409a_income": "320.00",
        "box11_foreign_tax_paid": "45.10",
        "box12_foreign_country": "CANADA",
        "box4_federal_tax_withheld": "2400.00",
    },
    (StateRow("WA", "", "32750.00", "0.00"),),
    account="2013-HV-88",
)
MISC_C = Info(
    "1099-MISC",
    2020,
    MISC_2020,
    STUDIO,
    MARIA,
    {
        "box1_rents": "9600.00",
        "box5_fishing_boat_proceeds": "2210.00",
        "box9_crop_insurance_proceeds": "4400.00",
        "box14_excess_golden_parachute": "12000.00",
        "box15_nonqualified_deferred_compensation": "3125.50",
        "box7_direct_sales": False,
    },
    (StateRow("OR", STUDIO.state_id, "9600.00", "512.00"),),
    account="BDS-2020-7",
)
MISC_D = Info(
    "1099-MISC",
    2024,
    MISC_2024,
    BANK,
    JANE,
    {
        "box1_rents": "15600.00",
        "box3_other_income": "750.00",
        "box6_medical_payments": "980.40",
        "box11_fish_purchased_for_resale": "1210.00",
        "box12_section_409a_deferrals": "2200.00",
        "box4_federal_tax_withheld": "418.00",
        "box13_fatca_filing_requirement": True,
    },
    (StateRow("IL", BANK.state_id, "16350.00", "809.33"),),
    account="FPSB-55-210",
)

INT_A = Info(
    "1099-INT",
    2023,
    INT_2024,
    BANK,
    JANE,
    {
        "box1_interest_income": "1845.22",
        "box2_early_withdrawal_penalty": "37.50",
        "box3_us_savings_bond_interest": "412.08",
        "box4_federal_tax_withheld": "442.85",
        "box8_tax_exempt_interest": "260.00",
        "box10_market_discount": "15.75",
        "box11_bond_premium": "22.10",
        "box14_cusip": "594918BQ6",
    },
    (StateRow("IL", BANK.state_id, None, "91.30"),),
    account="FPSB-0099812",
    extra={"payer_rtn": "071904779", "fatca_filing_requirement": False},
)
INT_B = Info(
    "1099-INT",
    2013,
    INT_2013,
    BANK,
    ROBERT,
    {
        "box1_interest_income": "356.91",
        "box3_us_savings_bond_interest": "120.00",
        "box6_foreign_tax_paid": "8.40",
        "box7_foreign_country": "RIC",
        "box9_specified_private_activity_bond_interest": "50.00",
    },
    (StateRow("IL", BANK.state_id, None, "17.85"),),
    account="SAV-2013-4471",
    extra={"payer_rtn": "071904779"},
)
INT_C = Info(
    "1099-INT",
    2024,
    INT_2024,
    BANK,
    LINDA,
    {
        "box1_interest_income": "3210.64",
        "box4_federal_tax_withheld": "770.55",
        "box5_investment_expenses": "41.00",
        "box12_bond_premium_treasury": "63.20",
        "box13_bond_premium_tax_exempt": "11.80",
    },
    (StateRow("IL", BANK.state_id, None, "158.93"),),
    account="CD-8812-3",
)

DIV_A = Info(
    "1099-DIV",
    2024,
    DIV_2024,
    FUND,
    MARIA,
    {
        "box1a_total_ordinary_dividends": "4321.09",
        "box1b_qualified_dividends": "3650.12",
        "box2a_total_capital_gain": "1275.40",
        "box2b_unrecaptured_1250_gain": "210.00",
        "box3_nondividend_distributions": "95.00",
        "box4_federal_tax_withheld": "1037.06",
        "box5_section_199a_dividends": "188.30",
        "box7_foreign_tax_paid": "61.44",
        "box8_foreign_country": "VARIOUS",
        "box12_exempt_interest_dividends": "540.00",
        "box13_specified_private_activity_bond_interest_dividends": "33.00",
    },
    (StateRow("PA", FUND.state_id, None, "132.66"),),
    account="EIF-300-77215",
)
DIV_B = Info(
    "1099-DIV",
    2020,
    DIV_2020,
    FUND,
    JOHN,
    {
        "box1a_total_ordinary_dividends": "2650.00",
        "box1b_qualified_dividends": "2100.50",
        "box2a_total_capital_gain": "640.00",
        "box2d_collectibles_gain": "75.25",
        "box4_federal_tax_withheld": "636.00",
        "box6_investment_expenses": "12.00",
        "box9_cash_liquidation_distributions": "1000.00",
        "box12_exempt_interest_dividends": "812.40",
        "box13_specified_private_activity_bond_interest_dividends": "44.10",
    },
    (StateRow("PA", FUND.state_id, None, "81.36"),),
    account="EIF-200-10443",
)
DIV_C = Info(
    "1099-DIV",
    2023,
    DIV_2024,
    BROKER,
    ROBERT,
    {
        "box1a_total_ordinary_dividends": "987.65",
        "box1b_qualified_dividends": "800.00",
        "box2e_section_897_ordinary_dividends": "14.00",
        "box2f_section_897_capital_gain": "9.50",
        "box5_section_199a_dividends": "66.10",
        "box10_noncash_liquidation_distributions": "300.00",
        "box11_fatca_filing_requirement": False,
    },
    account="SRS-1190-22",
)

B_A = Info(
    "1099-B",
    2023,
    B_2023,
    BROKER,
    LINDA,
    {
        "box1a_description": "100 SH ACME ROBOTICS CORP",
        "box1b_date_acquired": "2022-03-14",
        "box1c_date_sold": "2023-06-02",
        "box1d_proceeds": "15230.00",
        "box1e_cost_basis": "12875.55",
        "box1g_wash_sale_loss_disallowed": "120.00",
        "box2_long_term": True,
        "box4_federal_tax_withheld": "565.25",
        "box6_gross_proceeds": True,
        "box12_basis_reported": True,
    },
    (StateRow("NY", BROKER.state_id, None, "210.00"),),
    account="SRS-4471-09",
    extra={"form_8949_code": "D", "cusip": "004321AB9", "fatca_filing_requirement": False},
)

LOTS_ST = Category(
    "short",
    True,
    "Short-term transactions for covered tax lots (Box A)",
    (
        Lot("ACME ROBOTICS CORP", "50", "2024-01-08", "2024-05-20", "6410.50", "5980.00"),
        Lot(
            "NORTHSTAR ENERGY INC",
            "120",
            "2024-02-12",
            "2024-03-28",
            "2875.20",
            "3301.75",
            "426.55",
        ),
        Lot("BLUE HERON BIOTECH", "40", "2024-06-03", "2024-11-15", "1190.00", "1644.30"),
    ),
)
LOTS_ST_NC = Category(
    "short",
    False,
    "Short-term transactions for noncovered tax lots (Box B)",
    (Lot("PINECREST MUNI FUND", "300", "2023-09-11", "2024-04-02", "3102.00", "3000.00"),),
)
LOTS_LT = Category(
    "long",
    True,
    "Long-term transactions for covered tax lots (Box D)",
    (
        Lot("ACME ROBOTICS CORP", "200", "2019-07-22", "2024-05-20", "25642.00", "14210.40"),
        Lot("GLOBAL TRANSIT ETF", "85", "VARIOUS", "2024-09-09", "7020.15", "7711.80"),
    ),
    withheld="150.00",
)
LOTS_LT_NC = Category(
    "long",
    False,
    "Long-term transactions for noncovered tax lots (Box E)",
    (Lot("OLD MILL PAPER CO", "500", "2009-04-30", "2024-12-18", "4100.00", "2650.00"),),
)
BROKER_B = BrokerB(BROKER, JANE, 2024, "SRS-5521-0987", (LOTS_ST, LOTS_ST_NC, LOTS_LT, LOTS_LT_NC))
BROKER_B2 = BrokerB(
    BROKER,
    MARIA,
    2024,
    "SRS-7302-4410",
    (
        Category(
            "short",
            True,
            "Short-term transactions for covered tax lots (Box A)",
            (
                Lot("HARBOR FREIGHT LINES", "75", "2024-03-01", "2024-08-30", "3312.45", "2999.99"),
                Lot(
                    "CEDAR POINT REIT",
                    "60",
                    "2024-04-15",
                    "2024-10-01",
                    "1505.00",
                    "1720.25",
                    "215.25",
                ),
            ),
            withheld="96.00",
        ),
        Category(
            "long",
            True,
            "Long-term transactions for covered tax lots (Box D)",
            (Lot("SILVER LAKE MINING", "400", "2020-02-18", "2024-07-12", "9880.00", "6120.00"),),
        ),
        Category(
            "unknown",
            None,
            "Transactions for which basis is not reported and term is unknown (Box X)",
            (Lot("LEGACY HOLDINGS WT", "1000", "VARIOUS", "2024-12-02", "420.00", "0.00"),),
        ),
    ),
)

_CONS_DIV = _zeros(
    (b.name for b in DIV_2024 if b.kind == "money"),
    {
        "box1a_total_ordinary_dividends": "2104.77",
        "box1b_qualified_dividends": "1780.31",
        "box2a_total_capital_gain": "512.00",
        "box4_federal_tax_withheld": "12.50",
        "box5_section_199a_dividends": "41.20",
        "box7_foreign_tax_paid": "18.06",
        "box12_exempt_interest_dividends": "230.00",
    },
)
_CONS_INT = _zeros(
    (b.name for b in INT_2024 if b.kind == "money"),
    {
        "box1_interest_income": "688.14",
        "box3_us_savings_bond_interest": "120.33",
        "box8_tax_exempt_interest": "75.00",
        "box11_bond_premium": "9.90",
    },
)
_CONS_MISC = _zeros(
    (
        "box2_royalties",
        "box3_other_income",
        "box4_federal_tax_withheld",
        "box8_substitute_payments",
    ),
    {"box3_other_income": "150.00", "box8_substitute_payments": "37.12"},
)
CONSOLIDATED = Consolidated(
    BROKER,
    JANE,
    2024,
    BROKER_B.account,
    Info(
        "1099-DIV",
        2024,
        _only(DIV_2024, _CONS_DIV),
        BROKER,
        JANE,
        _CONS_DIV,
        account=BROKER_B.account,
    ),
    Info(
        "1099-MISC",
        2024,
        _only(MISC_2024, _CONS_MISC),
        BROKER,
        JANE,
        _CONS_MISC,
        account=BROKER_B.account,
    ),
    Info(
        "1099-INT",
        2024,
        _only(INT_2024, _CONS_INT),
        BROKER,
        JANE,
        _CONS_INT,
        account=BROKER_B.account,
    ),
    BROKER_B,
)

# DIV, INT and the lot tables only: no 1099-B summary, `Sales price` over the proceeds.
_LOTS_DIV = _zeros(
    (b.name for b in DIV_2024 if b.kind == "money"),
    {"box1a_total_ordinary_dividends": "918.40", "box1b_qualified_dividends": "702.15"},
)
_LOTS_INT = _zeros(
    (b.name for b in INT_2024 if b.kind == "money"),
    {"box1_interest_income": "214.67", "box4_federal_tax_withheld": "21.00"},
)
CONSOLIDATED_LOTS = Consolidated(
    BROKER,
    MARIA,
    2024,
    BROKER_B2.account,
    Info(
        "1099-DIV",
        2024,
        _only(DIV_2024, _LOTS_DIV),
        BROKER,
        MARIA,
        _LOTS_DIV,
        account=BROKER_B2.account,
    ),
    None,
    Info(
        "1099-INT",
        2024,
        _only(INT_2024, _LOTS_INT),
        BROKER,
        MARIA,
        _LOTS_INT,
        account=BROKER_B2.account,
    ),
    BROKER_B2,
    summary=False,
    proceeds_head="Sales price",
)


def _b_expected(info: Info, pages: list[int]) -> dict[str, Any]:
    """The single-lot IRS 1099-B: its boxes, plus the contract's totals and lot."""
    out = info.expected(pages)
    v = info.values
    wash = v.get("box1g_wash_sale_loss_disallowed")
    gain = Decimal(str(v["box1d_proceeds"])) - Decimal(str(v["box1e_cost_basis"]))
    gain += Decimal(str(wash or "0"))
    term = (
        "long" if v.get("box2_long_term") else "short" if v.get("box2_short_term") else ("unknown")
    )
    totals = {
        "proceeds": _money(v["box1d_proceeds"]),
        "cost_basis": _money(v["box1e_cost_basis"]),
        "wash_sale_loss_disallowed": _money(wash or "0"),
        "gain_loss": _money(str(gain)),
    }
    out["fields"].update(totals)
    out["totals_by_term"] = [
        {"term": term, "basis_reported": bool(v.get("box12_basis_reported")), **totals}
    ]
    out["transactions"] = [
        {
            "description": v["box1a_description"],
            "date_acquired": v["box1b_date_acquired"],
            "date_sold": v["box1c_date_sold"],
            **{k: totals[k] for k in ("proceeds", "cost_basis")},
            **({"wash_sale_loss_disallowed": totals["wash_sale_loss_disallowed"]} if wash else {}),
            "gain_loss": totals["gain_loss"],
            "term": term,
        }
    ]
    return out


COPY_B_AND_2 = [3, 5]


def _write_expected(pdf: Path, records: list[dict[str, Any]]) -> None:
    path = pdf.with_name(pdf.stem + ".expected.json")
    path.write_text(json.dumps(records, indent=2) + "\n")


def _irs(
    form: IrsForm, info: Info, path: Path, *, flatten: bool = True, copies: list[int] | None = None
) -> None:
    copies = copies or COPY_B_AND_2
    fill_irs(form, info, path, copies, flatten=flatten)
    expected = _b_expected if info.doc_type == "1099-B" else Info.expected
    _write_expected(path, [expected(info, list(range(1, len(copies) + 1)))])


def _drawn(draw: Callable[[Canvas, Info], None], info: Info, path: Path) -> None:
    _pdf(path, [lambda c: draw(c, info)])
    _write_expected(path, [info.expected([1])])


def _scan(
    src: Path,
    dst: Path,
    expected: list[dict[str, Any]],
    *,
    seed: int,
    skew: float = 0.8,
    noise: float = 0.35,
) -> None:
    rasterise_and_degrade(src, dst, dpi=300, skew_deg=skew, noise=noise, seed=seed)
    _write_expected(dst, expected)


def generate(out_dir: Path) -> list[Path]:
    """Write every sample and its expected records under `out_dir/1099/`; return the PDFs."""
    root = Path(out_dir) / "1099"
    d = {k: root / k for k in ("nec", "misc", "int", "div", "b", "consolidated")}
    grid = {2022: "(Rev. January 2022)", 2020: "2020", 2021: "(Rev. January 2022)"}

    def grid_of(rev: int) -> Callable[[Canvas, Info], None]:
        return lambda c, info: draw_grid(c, info, grid[rev])

    _irs(NEC_IRS, NEC_A, d["nec"] / "nec_irs_2023_brightline.pdf")
    _irs(NEC_IRS, NEC_B, d["nec"] / "nec_irs_2023_fillable.pdf", flatten=False)
    _drawn(draw_statement, NEC_C, d["nec"] / "nec_statement_2024.pdf")
    _drawn(grid_of(2021), NEC_D, d["nec"] / "nec_grid_2021_corrected.pdf")
    _irs(MISC_IRS, MISC_A, d["misc"] / "misc_irs_2023.pdf")
    _irs(MISC_IRS_2013, MISC_B, d["misc"] / "misc_irs_2013.pdf")
    _drawn(grid_of(2020), MISC_C, d["misc"] / "misc_grid_2020.pdf")
    _drawn(draw_statement, MISC_D, d["misc"] / "misc_statement_2024.pdf")
    _irs(INT_IRS, INT_A, d["int"] / "int_irs_2023.pdf")
    _irs(INT_IRS_2013, INT_B, d["int"] / "int_irs_2013.pdf")
    _drawn(draw_statement, INT_C, d["int"] / "int_statement_2024.pdf")
    # The re-saved DIV form lost Copy 2's payer TIN field: Copy B only.
    _irs(DIV_IRS, DIV_A, d["div"] / "div_irs_2024.pdf", copies=[3])
    _drawn(grid_of(2020), DIV_B, d["div"] / "div_grid_2020.pdf")
    _drawn(draw_statement, DIV_C, d["div"] / "div_statement_2023.pdf")
    _irs(B_IRS, B_A, d["b"] / "b_irs_2023.pdf")
    _write_expected(
        d["b"] / "b_statement_2024.pdf", draw_broker_b(BROKER_B2, d["b"] / "b_statement_2024.pdf")
    )
    cons = d["consolidated"] / "consolidated_2024_summit.pdf"
    _write_expected(cons, CONSOLIDATED.draw(cons))
    lots = d["consolidated"] / "consolidated_2024_lots.pdf"
    _write_expected(lots, CONSOLIDATED_LOTS.draw(lots))

    # Scans: a few pages, each family's hardest layout once.
    nec_b = root / ".nec_copy_b.pdf"
    fill_irs(NEC_IRS, NEC_A, nec_b, [3], flatten=True)
    _scan(nec_b, d["nec"] / "nec_irs_2023_scan.pdf", [NEC_A.expected([1])], seed=11)
    nec_b.unlink()
    _scan(
        d["div"] / "div_grid_2020.pdf",
        d["div"] / "div_grid_2020_scan.pdf",
        [DIV_B.expected([1])],
        seed=12,
        skew=-0.6,
    )
    _scan(
        d["misc"] / "misc_statement_2024.pdf",
        d["misc"] / "misc_statement_2024_scan.pdf",
        [MISC_D.expected([1])],
        seed=13,
        skew=1.2,
    )
    _scan(
        cons,
        d["consolidated"] / "consolidated_2024_scan.pdf",
        CONSOLIDATED.draw(cons),
        seed=14,
        skew=0.5,
        noise=0.25,
    )
    return sorted(root.rglob("*.pdf"))


if __name__ == "__main__":
    for pdf in generate(Path(__file__).resolve().parents[1]):
        print(pdf)
