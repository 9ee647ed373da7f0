"""IRS transcript samples in the layouts of shared/domain/IRS_REFERENCE.md §3, with expected JSON.

`python -m sample_docs.generators.transcripts [SAMPLES_ROOT]` writes sample_docs/transcripts/.
Two renderings: the classic print (Courier, upper-case labels, dot leaders) and the online
viewer (Helvetica, sentence-case labels, a value column, no leaders); masked (the default) and
unmasked (what authorised preparers get). Long transcripts run over pages whose header repeats
inside a form block. Every expected value is written from the values put in here, never read
back from a PDF.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from sample_docs.generators.expected import write_expected
from sample_docs.generators.people import (
    ACME,
    BAYSIDE,
    GLOBEX,
    JANE,
    JOHN,
    LINDA,
    MARIA,
    Company,
    Person,
)
from sample_docs.generators.scan import rasterise_and_degrade

BANNER = "This Product Contains Sensitive Taxpayer Data"
ZERO = Decimal("0.00")
MONTHS = (
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Oct.",
    "Nov.",
    "Dec.",
)
FULL_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# ---------------------------------------------------------------- values as printed


def m(value: Decimal | str | int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def printed_money(value: Decimal) -> str:
    """`$1,234.00` and `-$56.00`, as transcripts print amounts."""
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.2f}"


def plain_money(value: Decimal) -> str:
    """The account summary's amounts: `1,234.00` without a dollar sign."""
    return f"{value:,.2f}"


def money_json(value: Decimal) -> str:
    return f"{value:.2f}"


def long_date(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day:02d}, {d.year}"


def dash_date(d: date) -> str:
    return d.strftime("%m-%d-%Y")


def masked_ssn(person: Person) -> str:
    return f"XXX-XX-{person.last4}"


def masked_ein(company: Company) -> str:
    return f"XXXXX{company.ein[-4:]}"


def masked_last(last: str) -> str:
    return last[:3] if len(last) == 4 else last[:4]


def masked_name(person: Person) -> str:
    return f"{person.first[:4]} {masked_last(person.last)}"


_KEEP = {
    "SSN",
    "IRA",
    "EIN",
    "FIN",
    "TIN",
    "US",
    "HSA",
    "MSA",
    "MA",
    "SEP",
    "SIMPLE",
    "SCH",
    "IRS",
    "ATAA",
    "SE",
}


def sentence(label: str) -> str:
    """The online viewer's sentence-case label: acronyms, codes and form numbers kept."""
    words = label.split(" ")
    first = words[0]
    out = [first if first.upper() in _KEEP or not first.isalpha() else first.capitalize()]
    for w in words[1:]:
        core = re.sub(r"[^A-Za-z]", "", w)
        keep = core.upper() in _KEEP or any(c.isdigit() for c in w) or '"' in w or len(core) == 1
        out.append(w if keep else w.lower())
    return " ".join(out)


# ---------------------------------------------------------------- the printed document


@dataclass
class Doc:
    """One transcript as printed lines; the renderer paginates and repeats the page header."""

    title: str
    tracking: str
    request: date
    style: str  # "classic" | "online"
    header: list[str] = field(default_factory=list)
    items: list[tuple[Any, ...]] = field(default_factory=list)

    def label(self, text: str) -> str:
        return sentence(text) if self.style == "online" else text

    def text(self, line: str = "") -> None:
        self.items.append(("text", line))

    def lv(self, label: str, value: str, *, leader: bool = True, case: bool = True) -> None:
        """`Label:....value` (classic with leader) or `Label: value` in a value column."""
        self.items.append(("lv", self.label(label) if case else label, value, leader))

    def row(self, code: str, expl: str, cycle: str, when: date, amount: Decimal) -> None:
        self.items.append(("row", code, expl, cycle, dash_date(when), printed_money(amount)))


WIDTH = 78  # characters of a classic line
VALUE_X = 430  # the online viewer's value column
PAGE_LINES = 56
LEADING = 12.0


def _classic_lv(label: str, value: str, leader: bool) -> str:
    left = f"{label}:"
    fill = "." if leader else " "
    return left + fill * max(2, WIDTH - len(left) - len(value)) + value


def render(docs: list[Doc], path: Path) -> list[list[int]]:
    """Write the transcripts one after the other; return each one's page numbers."""
    path.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(path), pagesize=letter, invariant=1)
    canvas.setTitle(path.stem)
    page_no = 0
    spans: list[list[int]] = []
    for doc in docs:
        chunks = _paginate(doc)
        spans.append(list(range(page_no + 1, page_no + 1 + len(chunks))))
        for index, chunk in enumerate(chunks):
            page_no += 1
            _draw_page(canvas, doc, chunk, index + 1, len(chunks))
            canvas.showPage()
    canvas.save()
    return spans


def _paginate(doc: Doc) -> list[list[tuple[Any, ...]]]:
    first = PAGE_LINES - len(doc.header) - 4
    chunks = [doc.items[:first]]
    rest = doc.items[first:]
    while rest:
        chunks.append(rest[: PAGE_LINES - 4])
        rest = rest[PAGE_LINES - 4 :]
    return chunks


def _draw_page(
    canvas: Canvas, doc: Doc, items: list[tuple[Any, ...]], number: int, total: int
) -> None:
    width, height = letter
    classic = doc.style == "classic"
    body_font, size = ("Courier", 10) if classic else ("Helvetica", 9)
    canvas.setFont("Helvetica", 8)
    canvas.drawString(40, height - 30, BANNER)
    canvas.drawRightString(width - 40, height - 30, f"Page {number} of {total}")
    y = height - 60
    if number == 1 or classic:
        canvas.setFont("Helvetica-Bold", 13)
        canvas.drawCentredString(width / 2, y, doc.title)
        y -= 22
    canvas.setFont(body_font, size)
    head = [
        f"Request Date: {dash_date(doc.request)}",
        f"Response Date: {dash_date(doc.request)}",
        f"Tracking Number: {doc.tracking}",
    ]
    for line in head + (doc.header if number == 1 else []):
        canvas.drawString(54, y, line)
        y -= LEADING
    y -= LEADING
    for item in items:
        _draw_item(canvas, item, y, classic)
        y -= LEADING
    canvas.setFont("Helvetica", 8)
    canvas.drawString(40, 30, BANNER)


def _draw_item(canvas: Canvas, item: tuple[Any, ...], y: float, classic: bool) -> None:
    kind = item[0]
    if kind == "text":
        canvas.drawString(54, y, item[1])
    elif kind == "lv":
        _, label, value, leader = item
        if classic:
            canvas.drawString(54, y, _classic_lv(label, value, leader))
        else:
            canvas.drawString(54, y, f"{label}:")
            canvas.drawString(VALUE_X, y, value)
    elif kind == "row":
        _, code, expl, cycle, when, amount = item
        if classic:
            canvas.drawString(54, y, f"{code:<7}{expl:<40}{cycle:<10}{when:<12}{amount:>12}")
        else:
            canvas.drawString(54, y, code)
            canvas.drawString(90, y, expl)
            canvas.drawString(330, y, cycle)
            canvas.drawString(390, y, when)
            canvas.drawRightString(555, y, amount)


# ---------------------------------------------------------------- Wage and Income


@dataclass
class Entry:
    """One information return on a W&I transcript: its printed lines and expected entry."""

    doc_type: str
    title: str
    parties: tuple[
        str, str, str, str
    ]  # issuer header, issuer TIN label, recipient header, recipient TIN label
    payer: Company
    recipient: Person
    lines: list[
        tuple[str, str, Any]
    ]  # printed label, printed value, (name, expected value) or None
    corrected: bool = False


W2_PARTIES = (
    "Employer",
    "Employer Identification Number (EIN)",
    "Employee",
    "Employee's Social Security Number",
)
PAYER_PARTIES = (
    "Payer",
    "Payer's Federal Identification Number (FIN)",
    "Recipient",
    "Recipient's Identification Number",
)
NEC_PARTIES = (
    "Issuer/Provider",
    "Issuer's/Provider's Federal ID Number",
    "Recipient",
    "Recipient's Identification Number",
)
LENDER_PARTIES = (
    "Recipient/Lender",
    "Recipient's/Lender's Federal ID Number",
    "Payer/Borrower",
    "Payer's/Borrower's Identification Number",
)
SCHOOL_PARTIES = (
    "Filer",
    "Filer's Federal Identification Number",
    "Student",
    "Student's Identification Number",
)
TRUSTEE_PARTIES = (
    "Trustee",
    "Trustee's Federal Identification Number",
    "Participant",
    "Participant's Identification Number",
)


def money_lines(
    spec: list[tuple[str, str]], values: dict[str, Decimal]
) -> list[tuple[str, str, Any]]:
    """Every line of the spec, `$0.00` where the form left the box blank (kept as "0.00")."""
    out = []
    for label, name in spec:
        value = values.get(name, ZERO)
        out.append((label, printed_money(value), (name, money_json(value))))
    return out


def flag(label: str, printed: str, name: str, expected: bool | None) -> tuple[str, str, Any]:
    return (label, printed, (name, expected) if expected is not None else None)


def text(
    label: str, printed: str, name: str | None = None, expected: Any = None
) -> tuple[str, str, Any]:
    return (label, printed, (name, printed if expected is None else expected) if name else None)


W2_MONEY = [
    ("Wages, Tips and Other Compensation", "box1_wages"),
    ("Federal Income Tax Withheld", "box2_federal_tax_withheld"),
    ("Social Security Wages", "box3_ss_wages"),
    ("Social Security Tax Withheld", "box4_ss_tax_withheld"),
    ("Medicare Wages and Tips", "box5_medicare_wages"),
    ("Medicare Tax Withheld", "box6_medicare_tax_withheld"),
    ("Social Security Tips", "box7_ss_tips"),
    ("Allocated Tips", "box8_allocated_tips"),
    ("Dependent Care Benefits", "box10_dependent_care_benefits"),
    ("Deferred Compensation", "deferred_compensation"),
]
W2_CODES = [
    ("Q", "Nontaxable Combat Pay"),
    ("W", "Employer Contributions to a Health Savings Account"),
    ("Y", "Deferrals under a section 409A nonqualified Deferred Compensation plan"),
    ("Z", "Income under section 409A on a nonqualified Deferred Compensation plan"),
    ("R", "Employer's Contribution to MSA"),
    ("S", "Employer's Contribution to Simple Account"),
    ("T", "Expenses Incurred for Qualified Adoptions"),
    ("V", "Income from exercise of non-statutory stock options"),
    ("AA", "Designated Roth Contributions under a Section 401(k) Plan"),
    ("BB", "Designated Roth Contributions under a Section 403(b) Plan"),
    ("DD", "Cost of Employer-Sponsored Health Coverage"),
    ("EE", "Designated Roth Contributions Under a Governmental Section 457(b) Plan"),
    ("FF", "Permitted Benefits Under a QSEHRA"),
    ("GG", "Income from Qualified Equity Grants Under Section 83(i)"),
    ("HH", "Aggregate Deferrals Under Section 83(i) Elections"),
]


def w2(
    payer: Company,
    person: Person,
    values: dict[str, Decimal],
    codes: dict[str, Decimal],
    *,
    retirement: bool,
    third_party: bool | None,
    statutory: bool = False,
) -> Entry:
    lines = money_lines(W2_MONEY, values)
    box12 = []
    for code, label in W2_CODES:
        amount = codes.get(code, ZERO)
        lines.append((f'Code "{code}" {label}', printed_money(amount), None))
        if amount:
            box12.append({"code": code, "amount": money_json(amount)})
    sick = {None: "Unanswered", True: "Checked", False: "Not checked"}[third_party]
    lines += [
        flag("Third Party Sick Pay Indicator", sick, "box13_third_party_sick_pay", third_party),
        flag(
            "Retirement Plan Indicator",
            "Checked" if retirement else "Not checked",
            "box13_retirement_plan",
            retirement,
        ),
        flag(
            "Statutory Employee",
            "Statutory Employee" if statutory else "Not Statutory Employee",
            "box13_statutory_employee",
            statutory,
        ),
        text("W2 Submission Type", "Original"),
        text("W2 WHC SSN Validation Code", "Correct SSN"),
    ]
    if box12:
        lines.append(("", "", ("box12", box12)))
    return Entry("W-2", "Form W-2 Wage and Tax Statement", W2_PARTIES, payer, person, lines)


def simple(
    doc_type: str,
    title: str,
    parties: tuple[str, str, str, str],
    spec: list[tuple[str, str]],
    payer: Company,
    person: Person,
    values: dict[str, Decimal],
    extra: list[tuple[str, str, Any]] = (),
) -> Entry:
    return Entry(
        doc_type,
        f"Form {doc_type} {title}",
        parties,
        payer,
        person,
        money_lines(spec, values) + list(extra),
    )


INT_SPEC = [
    ("Tax Withheld", "box4_federal_tax_withheld"),
    ("Interest", "box1_interest_income"),
    ("Savings Bonds", "box3_us_savings_bond_interest"),
    ("Forfeiture Amount", "box2_early_withdrawal_penalty"),
    ("Investment Expenses", "box5_investment_expenses"),
    ("Foreign Tax Paid", "box6_foreign_tax_paid"),
    ("Tax-Exempt Interest", "box8_tax_exempt_interest"),
    ("Specified Private Activity Bond Interest", "box9_specified_private_activity_bond_interest"),
    ("Market Discount", "box10_market_discount"),
    ("Bond Premium", "box11_bond_premium"),
]
DIV_SPEC = [
    ("Tax Withheld", "box4_federal_tax_withheld"),
    ("Total Ordinary Dividends", "box1a_total_ordinary_dividends"),
    ("Qualified Dividends", "box1b_qualified_dividends"),
    ("Capital Gains", "box2a_total_capital_gain"),
    ("Unrecaptured Section 1250 Gain", "box2b_unrecaptured_1250_gain"),
    ("Non-Dividend Distribution", "box3_nondividend_distributions"),
    ("Section 199A Dividends", "box5_section_199a_dividends"),
    ("Foreign Tax Paid", "box7_foreign_tax_paid"),
    ("Exempt Interest Dividends", "box12_exempt_interest_dividends"),
]
NEC_SPEC = [
    ("Non-Employee Compensation", "box1_nonemployee_compensation"),
    ("Federal Income Tax Withheld", "box4_federal_tax_withheld"),
]
MISC_SPEC = [
    ("Tax Withheld", "box4_federal_tax_withheld"),
    ("Rents", "box1_rents"),
    ("Royalties", "box2_royalties"),
    ("Other Income", "box3_other_income"),
    ("Fishing Boat Proceeds", "box5_fishing_boat_proceeds"),
    ("Medical Payments", "box6_medical_payments"),
    ("Substitute Payments for Dividends", "box8_substitute_payments"),
    ("Crop Insurance Proceeds", "box9_crop_insurance_proceeds"),
    ("Gross Proceeds Paid to an Attorney", "box10_gross_proceeds_attorney"),
    ("Section 409A Deferrals", "box12_section_409a_deferrals"),
]
MISC_2019_SPEC = [
    ("Tax Withheld", "box4_federal_tax_withheld"),
    ("Rents", "box1_rents"),
    ("Royalties", "box2_royalties"),
    ("Other Income", "box3_other_income"),
    ("Non-Employee Compensation", "box7_nonemployee_compensation"),
    ("Gross Proceeds Paid to an Attorney", "box10_gross_proceeds_attorney"),
]
R_SPEC = [
    ("Gross Distribution", "box1_gross_distribution"),
    ("Taxable Amount", "box2a_taxable_amount"),
    ("Capital Gain", "box3_capital_gain"),
    ("Tax Withheld", "box4_federal_tax_withheld"),
    ("Employee Contributions", "box5_employee_contributions"),
    ("Net Unrealized Appreciation", "box6_net_unrealized_appreciation"),
]
G_SPEC = [
    ("ATAA Payments", "box5_rtaa_payments"),
    ("Tax Withheld", "box4_federal_tax_withheld"),
    ("Taxable Grants", "box6_taxable_grants"),
    ("Unemployment Compensation", "box1_unemployment_compensation"),
    ("Agricultural Subsidies", "box7_agriculture_payments"),
    ("Prior Year Refund", "box2_state_local_refund"),
    ("Market gain on Commodity Credit Corporation loans repaid", "box9_market_gain"),
]
SSA_SPEC = [
    ("Pensions and Annuities (Total Benefits Paid)", "box3_benefits_paid"),
    ("Repayments", "box4_benefits_repaid"),
    ("Tax Withheld", "box6_voluntary_tax_withheld"),
]
MORTGAGE_SPEC = [
    ("Mortgage Interest Received from Payer(s)/Borrower(s)", "box1_mortgage_interest"),
    ("Outstanding Mortgage Principle", "box2_outstanding_principal"),
    ("Refund of Overpaid Interest", "box4_refund_of_overpaid_interest"),
    ("Mortgage Insurance Premiums", "box5_mortgage_insurance_premiums"),
    ("Points Paid on Purchase of Principal Residence", "box6_points_paid"),
]
E_SPEC = [("Student Loan Interest Received by Lender", "box1_student_loan_interest")]
T_SPEC = [
    ("Payments Received", "box1_payments_received"),
    ("Adjustments Made for Prior Year", "box4_prior_year_adjustments"),
    ("Scholarships or Grants", "box5_scholarships_grants"),
]
IRA_SPEC = [
    ("IRA Contributions", "box1_ira_contributions"),
    ("Rollover Contributions", "box2_rollover_contributions"),
    ("Roth IRA Conversion Amount", "box3_roth_ira_conversion"),
    ("Fair Market Value of Account", "box5_fair_market_value"),
    ("SEP Contributions", "box8_sep_contributions"),
    ("Roth IRA Contributions", "box10_roth_ira_contributions"),
]
HSA_SPEC = [
    ("Total Contributions Made in Tax Year", "box2_total_contributions"),
    (
        "Total HSA or Archer MSA Contributions Made in Following Year",
        "box3_following_year_contributions",
    ),
    ("Rollover Contributions", "box4_rollover_contributions"),
    ("Fair Market Value of HSA, Archer MSA or MA MSA", "box5_fair_market_value"),
]
W2G_SPEC = [
    ("Gross Winnings", "box1_gross_winnings"),
    ("Federal Income Tax Withheld", "box4_federal_tax_withheld"),
    ("Winnings from Identical Wagers", "box7_winnings_identical_wagers"),
]
K_SPEC = [
    ("Gross Amount of Payment Card/Third Party Transactions", "box1a_gross_payments"),
    ("Card Not Present Transactions", "box1b_card_not_present"),
    ("Federal Income Tax Withheld", "box4_federal_tax_withheld"),
]


def wage_income_doc(
    person: Person,
    year: int,
    entries: list[Entry],
    *,
    style: str,
    masked: bool,
    tracking: str,
    request: date,
) -> tuple[Doc, dict[str, Any]]:
    """A W&I transcript and its expected record."""
    ssn = masked_ssn(person) if masked else person.ssn
    doc = Doc(
        "Wage and Income Transcript",
        tracking,
        request,
        style,
        [f"SSN Provided: {ssn}", f"Tax Period Requested: December, {year}"],
    )
    doc.text("Form W-2 Wage and Tax Statement, Form 1099 and other information returns as")
    doc.text("reported to the IRS.")
    expected_entries = []
    for entry in entries:
        doc.text()
        expected_entries.append(_print_entry(doc, entry, year, masked))
    record = {
        "doc_type": "IRS-WAGE-INCOME-TRANSCRIPT",
        "tax_year": year,
        "recipient_tin_last4": person.last4,
        "fields": {"tax_period_end": f"{year}-12-31"},
        "entries": expected_entries,
    }
    return doc, record


def _print_entry(doc: Doc, entry: Entry, year: int, masked: bool) -> dict[str, Any]:
    issuer, issuer_tin, recipient, recipient_tin = entry.parties
    payer_tin = masked_ein(entry.payer) if masked else entry.payer.ein
    payer_name = entry.payer.name[:4] if masked else entry.payer.name
    person_name = masked_name(entry.recipient) if masked else entry.recipient.name
    doc.text(entry.title)
    doc.text(f"{doc.label(issuer)}:")
    doc.text(f"{doc.label(issuer_tin)}:{payer_tin}")
    doc.text(payer_name)
    doc.text(entry.payer.street[:6] if masked else entry.payer.street)
    doc.text(f"{doc.label(recipient)}:")
    doc.text(
        f"{doc.label(recipient_tin)}:"
        f"{masked_ssn(entry.recipient) if masked else entry.recipient.ssn}"
    )
    doc.text(person_name)
    doc.text(entry.recipient.street[:6] if masked else entry.recipient.street)
    doc.lv("Submission Type", "Corrected document" if entry.corrected else "Original document")
    fields: dict[str, Any] = {}
    for label, printed, expected in entry.lines:
        if label:
            doc.lv(label, printed)
        if expected is not None:
            fields[expected[0]] = expected[1]
    return {
        "doc_type": entry.doc_type,
        "tax_year": year,
        "corrected": entry.corrected,
        "payer_tin": payer_tin,
        "payer_name": payer_name,
        "recipient_tin_last4": entry.recipient.last4,
        "recipient_name": person_name,
        "fields": fields,
    }


# ---------------------------------------------------------------- Account transcript


@dataclass
class Tx:
    code: str
    explanation: str
    when: date
    amount: Decimal
    cycle: str = ""
    detail: str = ""


@dataclass
class Account:
    """What an account transcript shows for one period."""

    person: Person
    year: int
    balance: Decimal
    interest: Decimal
    penalty: Decimal
    as_of: date
    transactions: list[Tx]
    filing_status: str | None = "Single"  # None: RETURN NOT PRESENT FOR THIS ACCOUNT
    agi: Decimal = ZERO
    taxable_income: Decimal = ZERO
    tax_per_return: Decimal = ZERO
    se_income: Decimal = ZERO
    received: date | None = None
    processed: date | None = None
    spouse: Person | None = None


def _names(p: Person, s: Person | None, masked: bool) -> str:
    """The name line: one person, or `JOHN SAMP & LIND PLAC` on a joint account."""
    if s is None:
        return masked_name(p) if masked else p.name
    if masked:
        return f"{p.first[:4]} {masked_last(p.last)} & {s.first[:4]} {masked_last(s.last)}"
    return f"{p.first} {p.last} & {s.first} {s.last}"


def print_account(doc: Doc, acct: Account, masked: bool) -> dict[str, Any]:
    """The account part (summary and transactions); returns its expected fields and rows."""
    p = acct.person
    classic = doc.style == "classic"
    fields: dict[str, Any] = {"form_number": "1040", "tax_period_end": f"{acct.year}-12-31"}
    period = long_date(date(acct.year, 12, 31))
    if classic:
        doc.text(f"FORM NUMBER: 1040                      TAX PERIOD: {period}")
    else:
        doc.lv("Form number", "1040")
        doc.lv("Tax period", period)
    doc.text()
    tin = masked_ssn(p) if masked else p.ssn
    doc.text(f"{doc.label('TAXPAYER IDENTIFICATION NUMBER')}: {tin}")
    if acct.spouse:
        spouse_tin = masked_ssn(acct.spouse) if masked else acct.spouse.ssn
        doc.text(f"{doc.label('SPOUSE TAXPAYER IDENTIFICATION NUMBER')}: {spouse_tin}")
        fields["spouse_tin_last4"] = acct.spouse.last4
        fields["spouse_name_control"] = (
            masked_last(acct.spouse.last) if masked else acct.spouse.last
        )[:4]
    doc.text(_names(p, acct.spouse, masked))
    fields["name_control"] = (masked_last(p.last) if masked else p.last)[:4]
    doc.text(p.street[:6] if masked else p.street)
    doc.text()
    doc.text("--- ANY MINUS SIGN SHOWN BELOW SIGNIFIES A CREDIT AMOUNT ---")
    doc.text()
    amount = plain_money if classic else printed_money
    as_of = long_date(acct.as_of)
    doc.lv("ACCOUNT BALANCE", amount(acct.balance), leader=False)
    if classic:
        doc.text(f"ACCRUED INTEREST: {amount(acct.interest):>28}       AS OF: {as_of}")
        doc.text(f"ACCRUED PENALTY: {amount(acct.penalty):>29}       AS OF: {as_of}")
        doc.text()
        doc.text("ACCOUNT BALANCE PLUS ACCRUALS")
        doc.text(
            "(this is not a payoff amount): "
            f"{amount(acct.balance + acct.interest + acct.penalty):>15}"
        )
    else:
        doc.lv(
            "Accrued interest", f"{amount(acct.interest)} as of: {as_of}", leader=False, case=False
        )
        doc.lv(
            "Accrued penalty", f"{amount(acct.penalty)} as of: {as_of}", leader=False, case=False
        )
        doc.lv(
            "Account balance plus accruals (this is not a payoff amount)",
            amount(acct.balance + acct.interest + acct.penalty),
            leader=False,
            case=False,
        )
    fields |= {
        "account_balance": money_json(acct.balance),
        "accrued_interest": money_json(acct.interest),
        "accrued_penalty": money_json(acct.penalty),
        "accruals_as_of": acct.as_of.isoformat(),
        "balance_plus_accruals": money_json(acct.balance + acct.interest + acct.penalty),
    }
    doc.text()
    if acct.filing_status is None:
        doc.text(
            "RETURN NOT PRESENT FOR THIS ACCOUNT"
            if classic
            else "Return not present for this account"
        )
        fields["return_present"] = False
    else:
        _print_account_return(doc, acct, amount, fields)
    doc.text()
    doc.text("TRANSACTIONS" if classic else "Transactions")
    doc.text()
    if classic:
        doc.text(
            f"{'CODE':<7}{'EXPLANATION OF TRANSACTION':<40}{'CYCLE':<10}{'DATE':<12}{'AMOUNT':>12}"
        )
    else:
        doc.items.append(("row", "Code", "Explanation of transaction", "Cycle", "Date", "Amount"))
    rows = []
    for tx in acct.transactions:
        doc.row(tx.code, tx.explanation, tx.cycle, tx.when, tx.amount)
        row = {"code": tx.code, "explanation": tx.explanation}
        if tx.cycle:
            row["cycle"] = tx.cycle
        row |= {"date": tx.when.isoformat(), "amount": money_json(tx.amount)}
        if tx.detail:
            doc.text(f"       {tx.detail}")
            row["detail"] = tx.detail
        rows.append(row)
    return {"fields": fields, "transactions": rows}


def _print_account_return(doc: Doc, acct: Account, amount: Any, fields: dict[str, Any]) -> None:
    classic = doc.style == "classic"
    doc.text(
        "** INFORMATION FROM THE RETURN OR AS ADJUSTED **"
        if classic
        else "Information from the return or as adjusted"
    )
    doc.text()
    received = long_date(acct.received) if acct.received else ""
    processed = long_date(acct.processed) if acct.processed else ""
    doc.lv("EXEMPTIONS", "00", leader=False)
    doc.lv("FILING STATUS", acct.filing_status or "", leader=False)
    lines = (
        ("ADJUSTED GROSS INCOME", "adjusted_gross_income", acct.agi),
        ("TAXABLE INCOME", "taxable_income", acct.taxable_income),
        ("TAX PER RETURN", "tax_per_return", acct.tax_per_return),
        ("SE TAXABLE INCOME TAXPAYER", "se_taxable_income_taxpayer", acct.se_income),
        ("SE TAXABLE INCOME SPOUSE", "se_taxable_income_spouse", ZERO),
        ("TOTAL SELF EMPLOYMENT TAX", "total_self_employment_tax", ZERO),
    )
    for label, _, value in lines:
        doc.lv(label, amount(value), leader=False)
    doc.text()
    due_label = "RETURN DUE DATE OR RETURN RECEIVED DATE (WHICHEVER IS LATER)"
    if classic:
        doc.text(f"{due_label}        {received}")
        doc.text(f"{'PROCESSING DATE':<68}{processed}")
    else:
        doc.lv(due_label, received, leader=False)
        doc.lv("PROCESSING DATE", processed, leader=False)
    fields |= {
        "exemptions": 0,
        "filing_status": acct.filing_status,
        **{name: money_json(value) for _, name, value in lines},
        "return_due_or_received_date": acct.received.isoformat() if acct.received else None,
        "processing_date": acct.processed.isoformat() if acct.processed else None,
        "return_present": True,
    }


def account_doc(
    acct: Account, *, style: str, masked: bool, tracking: str, request: date
) -> tuple[Doc, dict[str, Any]]:
    doc = Doc("Account Transcript", tracking, request, style)
    part = print_account(doc, acct, masked)
    record = {
        "doc_type": "IRS-ACCOUNT-TRANSCRIPT",
        "tax_year": acct.year,
        "recipient_tin_last4": acct.person.last4,
        "recipient_name": _names(acct.person, acct.spouse, masked),
        "fields": part["fields"],
        "transactions": part["transactions"],
    }
    return doc, record


# ---------------------------------------------------------------- Tax Return transcript

# Lines by section for every year 2019 on: (label, name, has a PER COMPUTER line)
RETURN_SECTIONS: list[tuple[str, list[tuple[str, str, bool]]]] = [
    (
        "Income",
        [
            ("WAGES, SALARIES, TIPS, ETC", "wages", False),
            ("TAXABLE INTEREST INCOME: SCH B", "taxable_interest", False),
            ("TAX-EXEMPT INTEREST", "tax_exempt_interest", False),
            ("ORDINARY DIVIDEND INCOME: SCH B", "ordinary_dividends", False),
            ("QUALIFIED DIVIDENDS", "qualified_dividends", False),
            ("REFUNDS OF STATE/LOCAL TAXES", "state_local_refunds", False),
            ("BUSINESS INCOME OR LOSS (Schedule C)", "business_income", True),
            ("CAPITAL GAIN OR LOSS: (Schedule D)", "capital_gain", False),
            ("TOTAL IRA DISTRIBUTIONS", "ira_distributions_total", False),
            ("TAXABLE IRA DISTRIBUTIONS", "ira_distributions_taxable", False),
            ("TOTAL PENSIONS AND ANNUITIES", "pensions_annuities_total", False),
            ("TAXABLE PENSION/ANNUITY AMOUNT", "pensions_annuities_taxable", False),
            ("UNEMPLOYMENT COMPENSATION", "unemployment_compensation", False),
            ("TOTAL SOCIAL SECURITY BENEFITS", "social_security_benefits_total", False),
            ("TAXABLE SOCIAL SECURITY BENEFITS", "social_security_benefits_taxable", True),
            ("OTHER INCOME", "other_income", False),
            ("TOTAL INCOME", "total_income", True),
        ],
    ),
    (
        "Adjustments to Income",
        [
            ("EDUCATOR EXPENSES", "educator_expenses", False),
            ("SELF EMPLOYMENT TAX DEDUCTION", "self_employment_tax_deduction", True),
            ("IRA DEDUCTION", "ira_deduction", True),
            ("STUDENT LOAN INTEREST DEDUCTION", "student_loan_interest_deduction", True),
            ("TOTAL ADJUSTMENTS", "total_adjustments", True),
            ("ADJUSTED GROSS INCOME", "adjusted_gross_income", True),
        ],
    ),
    (
        "Tax and Credits",
        [
            ("TOTAL ITEMIZED DEDUCTIONS OR STANDARD DEDUCTION", "deduction", True),
            ("QUALIFIED BUSINESS INCOME DEDUCTION", "qualified_business_income_deduction", False),
            ("TAXABLE INCOME", "taxable_income", True),
            ("TENTATIVE TAX", "tentative_tax", True),
            ("TOTAL CREDITS", "total_credits", True),
            ("INCOME TAX AFTER CREDITS", "income_tax_after_credits", True),
        ],
    ),
    (
        "Other Taxes",
        [
            ("SE TAX", "self_employment_tax", True),
            ("TOTAL TAX LIABILITY TP FIGURES", "total_tax", True),
        ],
    ),
    (
        "Payments",
        [
            ("FEDERAL INCOME TAX WITHHELD", "federal_income_tax_withheld", False),
            ("ESTIMATED TAX PAYMENTS", "estimated_tax_payments", False),
            ("EARNED INCOME CREDIT", "earned_income_credit", True),
            ("ADDITIONAL CHILD TAX CREDIT", "additional_child_tax_credit", True),
            ("TOTAL PAYMENTS", "total_payments", True),
        ],
    ),
    (
        "Refund or Amount Owed",
        [
            ("AMOUNT YOU OWE", "amount_owed", False),
            ("APPLIED TO NEXT YEAR'S ESTIMATED TAX", "applied_to_next_year", False),
            ("ESTIMATED TAX PENALTY", "estimated_tax_penalty", False),
            ("REFUND AMOUNT", "refund_amount", False),
        ],
    ),
]

# Lines only some years print: section -> (label, name, per computer, first year, last year)
RETURN_BY_YEAR: list[tuple[str, str, str, bool, int, int]] = [
    ("Income", "TOTAL AMOUNT FROM FORMS W-2", "wages_forms_w2", False, 2022, 9999),
    (
        "Adjustments to Income",
        "TUITION AND FEES DEDUCTION",
        "tuition_and_fees_deduction",
        True,
        2019,
        2020,
    ),
    (
        "Tax and Credits",
        "CHARITABLE CONTRIBUTIONS FOR NON-ITEMIZERS",
        "charitable_deduction_non_itemizer",
        False,
        2020,
        2021,
    ),
    ("Tax and Credits", "QUALIFIED TIPS DEDUCTION", "no_tax_on_tips_deduction", True, 2025, 9999),
    (
        "Tax and Credits",
        "QUALIFIED OVERTIME COMPENSATION DEDUCTION",
        "no_tax_on_overtime_deduction",
        True,
        2025,
        9999,
    ),
    (
        "Tax and Credits",
        "ENHANCED DEDUCTION FOR SENIORS",
        "enhanced_senior_deduction",
        True,
        2025,
        9999,
    ),
    ("Payments", "RECOVERY REBATE CREDIT", "recovery_rebate_credit", True, 2020, 2021),
]


@dataclass
class Return:
    person: Person
    year: int
    filing_status: str
    values: dict[str, Decimal]
    per_computer: dict[str, Decimal] = field(default_factory=dict)  # where the IRS changed a line
    received: date = date(2000, 1, 1)
    cycle: str = ""
    spouse: Person | None = None
    itemized: bool = False
    schedule_c: dict[str, Decimal] = field(default_factory=dict)


def _return_lines(year: int) -> list[tuple[str, list[tuple[str, str, bool]]]]:
    sections = [(title, list(lines)) for title, lines in RETURN_SECTIONS]
    for section, label, name, pc, first, last in RETURN_BY_YEAR:
        if first <= year <= last:
            lines = next(lines for title, lines in sections if title == section)
            lines.insert(len(lines) - 1, (label, name, pc))
    return sections


def print_return(doc: Doc, ret: Return, masked: bool) -> dict[str, Any]:
    """The return part; returns its expected fields and per_computer values."""
    p = ret.person
    fields: dict[str, Any] = {"filing_status": ret.filing_status}
    per_computer: dict[str, Any] = {}
    doc.text("The following items reflect the amount as shown on the return (PR), and the")
    doc.text("amount as adjusted (PC), if applicable. They do not show subsequent activity")
    doc.text("on the account.")
    doc.text()
    doc.lv("SSN", masked_ssn(p) if masked else p.ssn, leader=False)
    if ret.spouse:
        doc.lv("SPOUSE SSN", masked_ssn(ret.spouse) if masked else ret.spouse.ssn, leader=False)
        fields["spouse_tin_last4"] = ret.spouse.last4
    doc.lv("NAME(S) SHOWN ON RETURN", _names(p, ret.spouse, masked), leader=False)
    fields["name_control"] = (masked_last(p.last) if masked else p.last)[:4]
    if ret.spouse:
        fields["spouse_name_control"] = (
            masked_last(ret.spouse.last) if masked else ret.spouse.last
        )[:4]
    doc.lv("ADDRESS", p.street[:6] if masked else p.street, leader=False)
    doc.lv("FILING STATUS", ret.filing_status, leader=False)
    doc.lv("FORM NUMBER", "1040", leader=False)
    doc.lv("CYCLE POSTED", ret.cycle, leader=False)
    doc.lv("RECEIVED DATE", long_date(ret.received), leader=False)
    doc.lv("REMITTANCE", printed_money(ZERO), leader=False)
    fields |= {
        "form_number": "1040",
        "cycle_posted": ret.cycle,
        "received_date": ret.received.isoformat(),
        "remittance": "0.00",
    }
    deduction = "itemized_deductions" if ret.itemized else "standard_deduction"
    for title, lines in _return_lines(ret.year):
        doc.text()
        doc.text(title)
        for label, name, pc in lines:
            value = ret.values.get(name, ZERO)
            key = deduction if name == "deduction" else name
            doc.lv(label, printed_money(value))
            fields[key] = money_json(value)
            if pc:
                computed = ret.per_computer.get(name, value)
                doc.lv(f"{label} PER COMPUTER", printed_money(computed))
                per_computer[key] = money_json(computed)
    if ret.itemized or ret.schedule_c:
        _print_schedules(doc, ret, fields)
    return {"fields": fields, "per_computer": per_computer}


def _print_schedules(doc: Doc, ret: Return, fields: dict[str, Any]) -> None:
    if ret.itemized:
        doc.text()
        doc.text("Schedule A--Itemized Deductions")
        for label, name in (
            ("MEDICAL AND DENTAL EXPENSES", "schedule_a_medical_and_dental_expenses"),
            ("TAXES PAID", "schedule_a_taxes_paid"),
            ("HOME MORTGAGE INTEREST", "schedule_a_home_mortgage_interest"),
            ("GIFTS TO CHARITY", "schedule_a_gifts_to_charity"),
        ):
            value = ret.values.get(name, ZERO)
            doc.lv(label, printed_money(value))
            fields[name] = money_json(value)
    if ret.schedule_c:
        doc.text()
        doc.text("Schedule C--Profit or Loss From Business")
        for label, name in (
            ("GROSS RECEIPTS OR SALES", "schedule_c_gross_receipts"),
            ("TOTAL EXPENSES", "schedule_c_total_expenses"),
            ("NET PROFIT OR LOSS", "schedule_c_net_profit_or_loss"),
        ):
            value = ret.schedule_c.get(name, ZERO)
            doc.lv(label, printed_money(value))
            fields[name] = money_json(value)


def return_doc(
    ret: Return, *, style: str, masked: bool, tracking: str, request: date
) -> tuple[Doc, dict[str, Any]]:
    p = ret.person
    doc = Doc(
        "Tax Return Transcript",
        tracking,
        request,
        style,
        [
            f"SSN Provided: {masked_ssn(p) if masked else p.ssn}",
            f"Tax Period Ending: {long_date(date(ret.year, 12, 31))}",
        ],
    )
    part = print_return(doc, ret, masked)
    part["fields"]["tax_period_end"] = f"{ret.year}-12-31"
    record = {
        "doc_type": "IRS-RETURN-TRANSCRIPT",
        "tax_year": ret.year,
        "recipient_tin_last4": p.last4,
        "recipient_name": _names(p, ret.spouse, masked),
        "fields": part["fields"],
        "per_computer": part["per_computer"],
    }
    return doc, record


def record_of_account_doc(
    ret: Return, acct: Account, *, style: str, masked: bool, tracking: str, request: date
) -> tuple[Doc, dict[str, Any]]:
    p = ret.person
    doc = Doc(
        "Record of Account",
        tracking,
        request,
        style,
        [
            f"SSN Provided: {masked_ssn(p) if masked else p.ssn}",
            f"Tax Period Ending: {long_date(date(ret.year, 12, 31))}",
        ],
    )
    ret_part = print_return(doc, ret, masked)
    doc.text()
    acct_part = print_account(doc, acct, masked)
    fields = ret_part["fields"] | acct_part["fields"]
    record = {
        "doc_type": "IRS-RECORD-OF-ACCOUNT",
        "tax_year": ret.year,
        "recipient_tin_last4": p.last4,
        "recipient_name": _names(p, acct.spouse, masked),
        "fields": fields,
        "per_computer": ret_part["per_computer"],
        "transactions": acct_part["transactions"],
    }
    return doc, record


# ---------------------------------------------------------------- the samples


# fmt: off
def _w2_jane_acme() -> Entry:
    return w2(
        ACME, JANE,
        {"box1_wages": m("52345.67"), "box2_federal_tax_withheld": m("6123.00"),
         "box3_ss_wages": m("55845.67"), "box4_ss_tax_withheld": m("3462.43"),
         "box5_medicare_wages": m("55845.67"), "box6_medicare_tax_withheld": m("809.76"),
         "deferred_compensation": m("3500.00")},
        {"DD": m("7412.88"), "W": m("1200.00")},
        retirement=True, third_party=None,
    )


def wi_samples() -> list[tuple[str, list[tuple[Doc, dict[str, Any]]]]]:
    """W&I transcripts: classic masked multi-page, online unmasked, two years in one PDF."""
    entries_2024 = [
        _w2_jane_acme(),
        w2(BAYSIDE, JANE, {"box1_wages": m("8120.00"), "box2_federal_tax_withheld": m("412.50"),
                           "box3_ss_wages": m("8120.00"), "box4_ss_tax_withheld": m("503.44"),
                           "box5_medicare_wages": m("8120.00"),
                               "box6_medicare_tax_withheld": m("117.74"),
                           "box7_ss_tips": m("640.00"), "box8_allocated_tips": m("215.00")},
           {}, retirement=False, third_party=False),
        simple("1099-INT", "Interest Income", PAYER_PARTIES, INT_SPEC, GLOBEX, JANE,
               {"box1_interest_income": m("1312.08"), "box3_us_savings_bond_interest": m("45.10"),
                "box8_tax_exempt_interest": m("220.00")}),
        simple("1099-DIV", "Dividends and Distributions", PAYER_PARTIES, DIV_SPEC, GLOBEX, JANE,
               {"box1a_total_ordinary_dividends": m("2450.31"),
                   "box1b_qualified_dividends": m("1980.00"),
                "box2a_total_capital_gain": m("310.55"), "box4_federal_tax_withheld": m("0.00")}),
        simple("1099-NEC", "Nonemployee Compensation", NEC_PARTIES, NEC_SPEC, BAYSIDE, JANE,
               {"box1_nonemployee_compensation": m("4800.00"),
                   "box4_federal_tax_withheld": m("1152.00")}),
        simple("1099-R", "Distributions From Pensions, Annuities, Retirement, etc.",
            TRUSTEE_PARTIES, R_SPEC, ACME, JANE,
               {"box1_gross_distribution": m("10000.00"), "box2a_taxable_amount": m("10000.00"),
                "box4_federal_tax_withheld": m("2000.00")},
               [text("Distribution Code", "1", "box7_distribution_code", "1"),
                text("Second Distribution Code", "Not significant"),
                flag("Tax Amount Undetermined Code", "Not significant",
                    "box2b_taxable_not_determined", False),
                flag("Total Distribution Code", "Total distribution",
                    "box2b_total_distribution", True),
                flag("SEP Indicator", "IRA/SEP/SIMPLE box checked", "box7_ira_sep_simple", True)]),
        simple("W-2G", "Certain Gambling Winnings", PAYER_PARTIES, W2G_SPEC, BAYSIDE, JANE,
               {"box1_gross_winnings": m("1450.00"), "box4_federal_tax_withheld": m("348.00")},
               [text("Type of Wager", "Slot machine", "box3_type_of_wager"),
                text("Date Won", "08-14-2024", "box2_date_won", "2024-08-14")]),
        simple("1098", "Mortgage Interest Statement", LENDER_PARTIES, MORTGAGE_SPEC, GLOBEX, JANE,
               {"box1_mortgage_interest": m("9875.42"),
                   "box2_outstanding_principal": m("245310.77"),
                "box6_points_paid": m("1200.00")}),
        simple("1098-E", "Student Loan Interest Statement", LENDER_PARTIES, E_SPEC, ACME, JANE,
               {"box1_student_loan_interest": m("912.40")},
               [flag("Origination Fees/Capitalized Interest Indicator", "Not checked",
                     "box2_origination_fees_included", False)]),
        simple("5498", "IRA Contribution Information", TRUSTEE_PARTIES, IRA_SPEC, GLOBEX, JANE,
               {"box1_ira_contributions": m("6500.00"), "box5_fair_market_value": m("48211.09")}),
        simple("5498-SA", "HSA, Archer MSA, or Medicare Advantage MSA Information", TRUSTEE_PARTIES,
               HSA_SPEC, ACME, JANE,
               {"box2_total_contributions": m("3850.00"), "box5_fair_market_value": m("12004.61")}),
    ]
    classic, rec_classic = wage_income_doc(JANE, 2024, entries_2024, style="classic", masked=True,
                                           tracking="108012345678", request=date(2025, 10, 6))
    entries_2021 = [
        w2(GLOBEX, MARIA, {"box1_wages": m("61250.00"), "box2_federal_tax_withheld": m("7012.55"),
                           "box3_ss_wages": m("61250.00"), "box4_ss_tax_withheld": m("3797.50"),
                           "box5_medicare_wages": m("61250.00"),
                               "box6_medicare_tax_withheld": m("888.13"),
                           "box10_dependent_care_benefits": m("2500.00")},
           {"AA": m("3000.00"), "DD": m("6120.00")}, retirement=True, third_party=False),
        simple("1099-G", "Certain Government Payments", PAYER_PARTIES, G_SPEC, NORTHWIND_STATE,
            MARIA,
               {"box1_unemployment_compensation": m("4310.00"),
                   "box4_federal_tax_withheld": m("431.00"),
                "box2_state_local_refund": m("212.00")},
               [text("Year of Refund", "2020", "box3_tax_year_of_refund", 2020)]),
        simple("1099-MISC", "Miscellaneous Information", PAYER_PARTIES, MISC_SPEC, BAYSIDE, MARIA,
               {"box1_rents": m("9600.00"), "box3_other_income": m("750.00")}),
        simple("1099-K", "Payment Card and Third Party Network Transactions", PAYER_PARTIES, K_SPEC,
               GLOBEX, MARIA, {"box1a_gross_payments": m("23418.90")}),
        simple("1098-T", "Tuition Statement", SCHOOL_PARTIES, T_SPEC, ACME, MARIA,
               {"box1_payments_received": m("8450.00"), "box5_scholarships_grants": m("2000.00")},
               [flag("At Least Half-Time Student Indicator", "Checked",
                   "box8_half_time_student", True),
                flag("Graduate Student Indicator", "Not checked", "box9_graduate_student", False)]),
        simple("SSA-1099", "Social Security Benefit Statement", PAYER_PARTIES, SSA_SPEC,
            SSA_PAYER, MARIA,
               {"box3_benefits_paid": m("14220.00"), "box6_voluntary_tax_withheld": m("1422.00")}),
    ]
    online, rec_online = wage_income_doc(MARIA, 2021, entries_2021, style="online", masked=False,
                                         tracking="108098765432", request=date(2024, 3, 12))
    y2019 = [
        simple("1099-MISC", "Miscellaneous Information", PAYER_PARTIES, MISC_2019_SPEC, BAYSIDE,
            JOHN,
               {"box7_nonemployee_compensation": m("12500.00")}),
        w2(ACME, JOHN, {"box1_wages": m("30110.00"), "box2_federal_tax_withheld": m("2401.00"),
                        "box3_ss_wages": m("30110.00"), "box4_ss_tax_withheld": m("1866.82"),
                        "box5_medicare_wages": m("30110.00"),
                            "box6_medicare_tax_withheld": m("436.60")},
           {}, retirement=False, third_party=None),
    ]
    y2020 = [
        simple("1099-NEC", "Nonemployee Compensation", NEC_PARTIES, NEC_SPEC, BAYSIDE, JOHN,
               {"box1_nonemployee_compensation": m("14200.00")}),
    ]
    d2019, r2019 = wage_income_doc(JOHN, 2019, y2019, style="classic", masked=True,
                                   tracking="108055500019", request=date(2023, 5, 2))
    d2020, r2020 = wage_income_doc(JOHN, 2020, y2020, style="classic", masked=True,
                                   tracking="108055500020", request=date(2023, 5, 2))
    return [
        ("wi_2024_classic_masked", [(classic, rec_classic)]),
        ("wi_2021_online_unmasked_000-55-7788", [(online, rec_online)]),
        ("wi_2019_2020_two_periods", [(d2019, r2019), (d2020, r2020)]),
    ]


NORTHWIND_STATE = Company("STATE OF ILLINOIS IDES", "37-6000511", "33 S STATE ST",
    "CHICAGO IL 60603", "IL", "")
SSA_PAYER = Company("SOCIAL SECURITY ADMINISTRATION", "53-0196595", "6401 SECURITY BLVD",
    "BALTIMORE MD", "MD", "")


def account_samples() -> list[tuple[str, list[tuple[Doc, dict[str, Any]]]]]:
    """Account transcripts: classic, online, joint, SFR, multi-page, several periods."""
    a2023 = Account(
        JANE, 2023, m("3405.40"), m("188.12"), m("62.00"), date(2025, 11, 30),
        [Tx("150", "Tax return filed", date(2024, 5, 20), m("26179.00"), "20241905"),
         Tx("806", "W-2 or 1099 withholding", date(2024, 4, 15), m("-22810.10")),
         Tx("166", "Penalty for filing tax return after the due date", date(2024, 5, 20),
             m("151.52"), "20241905"),
         Tx("276", "Penalty for late payment of tax", date(2024, 5, 20), m("33.68"), "20241905"),
         Tx("196", "Interest charged for late payment", date(2024, 5, 20), m("41.10"), "20241905"),
         Tx("971", "Notice issued", date(2024, 5, 20), ZERO, detail="CP 0014"),
         Tx("670", "Payment", date(2024, 7, 2), m("-1000.00"), "20242705"),
         Tx("290", "Additional tax assessed", date(2025, 3, 10), m("810.00"), "20250905",
            detail="17221-571-04001-5"),
         Tx("971", "Installment agreement established", date(2025, 4, 1), ZERO, detail="AC 063")],
        agi=m("148210.55"), taxable_income=m("133060.55"), tax_per_return=m("26179.00"),
        received=date(2024, 4, 15), processed=date(2024, 5, 22),
    )
    classic, rec_classic = account_doc(a2023, style="classic", masked=True, tracking="108043849007",
                                       request=date(2025, 11, 20))
    joint = Account(
        JOHN, 2022, m("-1250.00"), ZERO, ZERO, date(2024, 2, 5),
        [Tx("150", "Tax return filed", date(2023, 4, 3), m("9870.00"), "20231305"),
         Tx("806", "W-2 or 1099 withholding", date(2023, 4, 15), m("-11120.00")),
         Tx("766", "Credit to your account", date(2023, 4, 15), m("-2000.00")),
         Tx("846", "Refund issued", date(2023, 4, 12), m("1250.00")),
         Tx("290", "Additional tax assessed", date(2024, 1, 8), ZERO, "20240105"),
         Tx("776", "Interest credited to your account", date(2024, 1, 8), m("-18.22"), "20240105")],
        filing_status="Married Filing Joint", agi=m("98410.00"), taxable_income=m("72510.00"),
        tax_per_return=m("9870.00"), received=date(2023, 3, 20), processed=date(2023, 4, 3),
            spouse=LINDA,
    )
    online, rec_online = account_doc(joint, style="online", masked=False, tracking="108011122233",
                                     request=date(2024, 2, 5))
    sfr = Account(
        MARIA, 2020, m("7412.93"), m("1021.40"), m("1455.61"), date(2025, 6, 30),
        [Tx("806", "W-2 or 1099 withholding", date(2021, 4, 15), m("-1250.00")),
         Tx("150", "Substitute tax return prepared by IRS", date(2023, 2, 27), ZERO, "20230805"),
         Tx("290", "Additional tax assessed", date(2023, 2, 27), m("6120.00"), "20230805"),
         Tx("166", "Penalty for filing tax return after the due date", date(2023, 2, 27),
             m("1102.50"), "20230805"),
         Tx("276", "Penalty for late payment of tax", date(2023, 2, 27), m("510.40"), "20230805"),
         Tx("196", "Interest charged for late payment", date(2023, 2, 27), m("930.03"), "20230805"),
         Tx("971", "Notice issued", date(2023, 2, 27), ZERO, detail="CP 0504")],
        filing_status=None,
    )
    d_sfr, r_sfr = account_doc(sfr, style="classic", masked=True, tracking="108077700020",
                               request=date(2025, 6, 30))
    periods = []
    for year, tracking, tax, wh in ((2019, "108066600019", "4120.00", "-4500.00"),
                                    (2020, "108066600020", "4388.00", "-4388.00"),
                                    (2021, "108066600021", "5012.00", "-4800.00")):
        refund = m(tax) + m(wh)
        acct = Account(
            LINDA, year, ZERO if refund <= 0 else refund, ZERO, ZERO, date(2024, 8, 1),
            [Tx("150", "Tax return filed", date(year + 1, 4, 20), m(tax), f"{year + 1}1605"),
             Tx("806", "W-2 or 1099 withholding", date(year + 1, 4, 15), m(wh))]
            + ([Tx("846", "Refund issued", date(year + 1, 5, 4), -refund)] if refund < 0 else []),
            filing_status="Head of Household", agi=m("51200.00") + year - 2019,
            taxable_income=m("32450.00") + year - 2019, tax_per_return=m(tax),
            received=date(year + 1, 4, 10), processed=date(year + 1, 4, 20),
        )
        periods.append(account_doc(acct, style="classic", masked=True, tracking=tracking,
                                   request=date(2024, 8, 1)))
    return [
        ("account_2023_classic_masked", [(classic, rec_classic)]),
        ("account_2022_online_joint_unmasked", [(online, rec_online)]),
        ("account_2020_sfr_return_not_present", [(d_sfr, r_sfr)]),
        ("account_2019_2021_three_periods", periods),
    ]


def _return(person: Person, year: int, status: str, wages: str, withheld: str, deduction: str,
            **more: str) -> Return:
    v = {"wages": m(wages), "federal_income_tax_withheld": m(withheld), "deduction": m(deduction)}
    v |= {k: m(x) for k, x in more.items()}
    total = sum((v.get(k, ZERO) for k in ("wages", "taxable_interest", "ordinary_dividends",
        "business_income",
                                         "capital_gain", "ira_distributions_taxable",
                                             "unemployment_compensation",
                                         "social_security_benefits_taxable", "other_income")), ZERO)
    v["total_income"] = total
    v["adjusted_gross_income"] = total - v.get("total_adjustments", ZERO)
    v["taxable_income"] = max(ZERO, v["adjusted_gross_income"] - v["deduction"]
                              - v.get("qualified_business_income_deduction", ZERO))
    v["total_payments"] = v["federal_income_tax_withheld"] + v.get("estimated_tax_payments", ZERO)
    due = v.get("total_tax", ZERO) - v["total_payments"]
    v["amount_owed" if due > 0 else "refund_amount"] = abs(due)
    return Return(person, year, status, v, received=date(year + 1, 4, 10), cycle=f"{year + 1}1405")


def return_samples() -> list[tuple[str, list[tuple[Doc, dict[str, Any]]]]]:
    """Return transcripts for every year 2019-2025, both renderings, a joint itemized return."""
    r19 = _return(JOHN, 2019, "Single", "30110.00", "2401.00", "12200.00", total_tax="2105.00",
                  tentative_tax="2105.00", income_tax_after_credits="2105.00")
    r20 = _return(JOHN, 2020, "Single", "28400.00", "2100.00", "12400.00",
        unemployment_compensation="6200.00",
                  total_tax="2455.00", recovery_rebate_credit="600.00",
                  charitable_deduction_non_itemizer="300.00")
    r20.per_computer = {"recovery_rebate_credit": m("0.00"), "total_payments": m("2100.00")}
    r21 = _return(JOHN, 2021, "Single", "33050.00", "2950.00", "12550.00", taxable_interest="14.20",
                  total_tax="2519.00")
    multi = [return_doc(r, style="classic", masked=True, tracking=t, request=date(2023, 5, 2))
             for r, t in ((r19, "108055511119"), (r20, "108055511120"), (r21, "108055511121"))]
    r22 = _return(JOHN, 2022, "Married Filing Joint", "98410.00", "11120.00", "27900.00",
                  taxable_interest="312.08", ordinary_dividends="2450.31",
                      qualified_dividends="1980.00",
                  business_income="6400.00", total_tax="9870.00", self_employment_tax="904.28",
                  wages_forms_w2="98410.00")
    r22.spouse = LINDA
    r22.schedule_c = {"schedule_c_gross_receipts": m("9800.00"),
        "schedule_c_total_expenses": m("3400.00"),
                      "schedule_c_net_profit_or_loss": m("6400.00")}
    r22.per_computer = {"business_income": m("6400.00")}
    r23 = _return(JANE, 2023, "Single", "148210.55", "22810.10", "31550.20", total_tax="26179.00",
                  taxable_interest="1312.08", estimated_tax_payments="500.00")
    r23.itemized = True
    r23.values |= {"schedule_a_taxes_paid": m("10000.00"),
        "schedule_a_home_mortgage_interest": m("19350.20"),
                   "schedule_a_gifts_to_charity": m("2200.00")}
    r24 = _return(MARIA, 2024, "Head of Household", "61250.00", "7012.55", "21900.00",
                  student_loan_interest_deduction="912.40", total_adjustments="912.40",
                  total_tax="4391.00", earned_income_credit="0.00")
    r25 = _return(LINDA, 2025, "Single", "45200.00", "3900.00", "15750.00",
        no_tax_on_tips_deduction="2100.00",
                  enhanced_senior_deduction="6000.00", total_tax="2340.00")
    r25.per_computer = {"enhanced_senior_deduction": m("0.00"), "taxable_income": m("27350.00")}
    return [
        ("return_2019_2021_three_periods", multi),
        ("return_2022_classic_joint_schedule_c",
         [return_doc(r22, style="classic", masked=True, tracking="108022200022",
             request=date(2023, 6, 1))]),
        ("return_2023_online_itemized_unmasked_900-12-3456",
         [return_doc(r23, style="online", masked=False, tracking="108022200023",
             request=date(2024, 6, 1))]),
        ("return_2024_online_masked",
         [return_doc(r24, style="online", masked=True, tracking="108022200024",
             request=date(2025, 6, 1))]),
        ("return_2025_classic_masked",
         [return_doc(r25, style="classic", masked=True, tracking="108022200025",
             request=date(2026, 5, 1))]),
    ]


def record_of_account_samples() -> list[tuple[str, list[tuple[Doc, dict[str, Any]]]]]:
    ret = _return(JOHN, 2022, "Married Filing Joint", "98410.00", "11120.00", "25900.00",
                  taxable_interest="120.00", total_tax="9870.00")
    ret.spouse = LINDA
    acct = Account(
        JOHN, 2022, m("-1250.00"), ZERO, ZERO, date(2024, 2, 5),
        [Tx("150", "Tax return filed", date(2023, 4, 3), m("9870.00"), "20231305"),
         Tx("806", "W-2 or 1099 withholding", date(2023, 4, 15), m("-11120.00")),
         Tx("846", "Refund issued", date(2023, 4, 12), m("1250.00"))],
        filing_status="Married Filing Joint", agi=ret.values["adjusted_gross_income"],
        taxable_income=ret.values["taxable_income"], tax_per_return=m("9870.00"),
        received=date(2023, 3, 20), processed=date(2023, 4, 3), spouse=LINDA,
    )
    doc = record_of_account_doc(ret, acct, style="classic", masked=True, tracking="108033300022",
                                request=date(2024, 2, 5))
    return [("record_of_account_2022_joint", [doc])]


# (sample, skew degrees, noise 0..1, seed): photocopied at 300 dpi
SCANS = (
    ("wi_2024_classic_masked", 0.6, 0.2, 7),
    ("account_2023_classic_masked", -0.5, 0.2, 11),
    ("return_2024_online_masked", 0.4, 0.2, 13),
)


# fmt: on


def generate(root: Path) -> None:
    folder = root / "transcripts"
    for name, docs in (
        wi_samples() + account_samples() + return_samples() + record_of_account_samples()
    ):
        path = folder / f"{name}.pdf"
        spans = render([d for d, _ in docs], path)
        records = [dict(rec, pages=span) for (_, rec), span in zip(docs, spans, strict=True)]
        write_expected(path, records)
    for name, skew, noise, seed in SCANS:
        src = folder / f"{name}.pdf"
        dst = folder / f"{name}_scan300.pdf"
        rasterise_and_degrade(src, dst, dpi=300, skew_deg=skew, noise=noise, seed=seed)
        expected = (folder / f"{name}.expected.json").read_text()
        (folder / f"{name}_scan300.expected.json").write_text(expected)


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1])
