"""Case folders for the cross-checks: one folder per return, clean or seeded with one discrepancy.

Each case is data: the people, the forms and transcripts put in its folder, and the findings
its seeded discrepancy must produce (`expected_findings.json`), written from the values put
in here, never from the checker's output. Paper forms and transcripts are drawn with the
other families' renderers (payroll W-2 sheets, W-2c, 1099 statements, 1098 look-alikes, IRS
transcripts). Judgements that depend on the date use `AS_OF`.

    python -m sample_docs.generators.cases [SAMPLES_ROOT]    (default sample_docs; writes cases/)
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from sample_docs.generators import transcripts as tr
from sample_docs.generators.f1099_a import INT_2024, NEC_2024, Info, draw_statement
from sample_docs.generators.f1099_b_family import (
    F1098_2024,
    F1098E_2024,
    Sample,
    expected_record,
    write_drawn,
)
from sample_docs.generators.people import ACME, BAYSIDE, GLOBEX, NORTHWIND, Company, Person
from sample_docs.generators.w2_model import W2
from sample_docs.generators.w2_payroll import FOUR_UP_STYLE, TWO_UP_STYLE, draw_sheet
from sample_docs.generators.w2c_sheet import draw_w2c

AS_OF = date(2025, 3, 1)
REQUEST = date(2025, 2, 20)
D = Decimal
ZERO = D("0.00")
CENT = D("0.01")

BANK = Company(
    "PRAIRIE STATE BANK", "37-1122334", "400 N MAIN ST", "BLOOMINGTON IL 61701", "IL", "IL-0044321"
)
PRESS = Company(
    "LAKESIDE PRESS AND MEDIA INC",
    "41-2086420",
    "820 LAKE ST",
    "MINNEAPOLIS MN 55408",
    "MN",
    "MN-2290017",
)
LENDER = Company("HOMESTEAD MORTGAGE CO", "52-7781234", "9 BANK PLZ", "COLUMBUS OH 43215", "OH", "")
SERVICER = Company(
    "SCHOLAR LOAN SERVICING", "46-3312987", "PO BOX 7000", "WILKES-BARRE PA 18773", "PA", ""
)

# Standard deduction and the single brackets used to make each return add up (Rev. Procs.
# 2020-45, 2021-45, 2022-38, 2023-34); the checker reads its own copy from validators/data.
STANDARD = {2021: D("12550"), 2022: D("12950"), 2023: D("13850"), 2024: D("14600")}
SINGLE = {
    2021: ((D("9950"), D("0.10")), (D("40525"), D("0.12")), (D("86375"), D("0.22"))),
    2022: ((D("10275"), D("0.10")), (D("41775"), D("0.12")), (D("89075"), D("0.22"))),
    2023: ((D("11000"), D("0.10")), (D("44725"), D("0.12")), (D("95375"), D("0.22"))),
    2024: ((D("11600"), D("0.10")), (D("47150"), D("0.12")), (D("100525"), D("0.22"))),
}


def person(first: str, last: str, serial: str, street: str = "12 OAK ST") -> Person:
    """A taxpayer with an SSN in the never-issued 9xx area."""
    return Person(first, "", last, f"950-55-{serial}", street, "SPRINGFIELD IL 62704")


def tax_single(year: int, taxable: Decimal) -> Decimal:
    """Tax for a single filer with taxable income under the 24% bracket."""
    tax, lower = ZERO, ZERO
    for upper, rate in SINGLE[year]:
        tax += (min(taxable, upper) - lower) * rate if taxable > lower else ZERO
        lower = upper
    assert taxable <= lower, "the sample returns stay under the 24% bracket"
    return tax.quantize(CENT)


# ---------------------------------------------------------------- documents in a folder


@dataclass
class Doc:
    """One file of a case: its expected records and how to draw it."""

    name: str
    records: list[dict[str, Any]]
    draw: Callable[[Path], None]


def paper_w2(name: str, w2: W2, style: Any = TWO_UP_STYLE) -> Doc:
    copies = ("B", "2") if style is TWO_UP_STYLE else ("B", "C", "2", "2")
    return Doc(name, [w2.expected([1])], lambda p: draw_sheet(p, [(w2, style, copies)]))


def paper_w2c(name: str, w2: W2) -> Doc:
    return Doc(name, [w2.expected([1])], lambda p: draw_w2c(p, w2))


def paper_1099(name: str, info: Info) -> Doc:
    def draw(path: Path) -> None:
        canvas = Canvas(str(path), pagesize=letter, invariant=1)
        draw_statement(canvas, info)
        canvas.showPage()
        canvas.save()

    return Doc(name, [info.expected([1])], draw)


def paper_1098(name: str, sample: Sample) -> Doc:
    return Doc(name, [expected_record(sample, [1])], lambda p: write_drawn(sample, p))


def transcript(name: str, doc: tr.Doc, record: dict[str, Any]) -> Doc:
    return Doc(name, [dict(record, pages=[1])], lambda p: tr.render([doc], p))


def wage_income(who: Person, year: int, entries: list[tr.Entry]) -> Doc:
    doc, record = tr.wage_income_doc(
        who, year, entries, style="classic", masked=True, tracking="108000000001", request=REQUEST
    )
    return transcript("wage_income_transcript.pdf", doc, record)


def wi_w2(w2: W2, deferred: Decimal = ZERO) -> tr.Entry:
    """The W&I transcript's entry for a W-2 (optionally with other amounts)."""
    values = {name: w2.amounts[n] for n, name in _BOXES.items() if n in w2.amounts}
    if deferred:
        values["deferred_compensation"] = deferred
    return tr.w2(w2.employer, w2.employee, values, {}, retirement=False, third_party=False)


_BOXES = {
    1: "box1_wages",
    2: "box2_federal_tax_withheld",
    3: "box3_ss_wages",
    4: "box4_ss_tax_withheld",
    5: "box5_medicare_wages",
    6: "box6_medicare_tax_withheld",
}


def wi_int(info: Info) -> tr.Entry:
    values = {k: D(v) for k, v in info.values.items() if k in dict(tr.INT_SPEC).values()}
    return tr.simple(
        "1099-INT",
        "Interest Income",
        tr.PAYER_PARTIES,
        tr.INT_SPEC,
        info.payer,
        info.recipient,
        values,
    )


def wi_1098(sample: Sample, spec: list[tuple[str, str]], title: str) -> tr.Entry:
    values = {k: D(str(v)) for k, v in sample.fields.items()}
    return tr.simple(
        sample.design.doc_type,
        title,
        tr.LENDER_PARTIES,
        spec,
        sample.payer,
        sample.recipient,
        values,
    )


@dataclass
class Filed:
    """A single filer's return that adds up, and the account transcript that goes with it."""

    who: Person
    year: int
    wages: Decimal
    withheld: Decimal
    interest: Decimal = ZERO
    receipts: Decimal = ZERO
    received: date | None = None
    values: dict[str, Decimal] = field(default_factory=dict)

    @property
    def agi(self) -> Decimal:
        return self.wages + self.interest + self.receipts

    @property
    def taxable(self) -> Decimal:
        return max(ZERO, self.agi - STANDARD[self.year])

    @property
    def tax(self) -> Decimal:
        return tax_single(self.year, self.taxable).quantize(D("1"))

    @property
    def filed_on(self) -> date:
        return self.received or date(self.year + 1, 4, 15)

    def return_doc(self) -> Doc:
        refund = max(ZERO, self.withheld - self.tax)
        values = {
            "wages": self.wages,
            "taxable_interest": self.interest,
            "total_income": self.agi,
            "adjusted_gross_income": self.agi,
            "deduction": STANDARD[self.year],
            "taxable_income": self.taxable,
            "tentative_tax": self.tax,
            "income_tax_after_credits": self.tax,
            "total_tax": self.tax,
            "federal_income_tax_withheld": self.withheld,
            "total_payments": self.withheld,
            "refund_amount": refund,
            "amount_owed": max(ZERO, self.tax - self.withheld),
            "business_income": self.receipts,
        } | self.values
        schedule_c = {}
        if self.receipts:
            schedule_c = {
                "schedule_c_gross_receipts": self.receipts,
                "schedule_c_net_profit_or_loss": self.receipts,
            }
        ret = tr.Return(
            self.who,
            self.year,
            "Single",
            values,
            received=self.filed_on,
            cycle=f"{self.year + 1}1605",
            schedule_c=schedule_c,
        )
        doc, record = tr.return_doc(
            ret, style="classic", masked=True, tracking="108000000002", request=REQUEST
        )
        return transcript("return_transcript.pdf", doc, record)

    def settled(self) -> list[tr.Tx]:
        """TC 150, withholding, and the refund or payment that brings the balance to zero."""
        posted = date(self.filed_on.year, self.filed_on.month, 20)
        due = date(self.year + 1, 4, 15)
        txs = [
            tr.Tx("150", "Tax return filed", posted, self.tax, f"{posted.year}1605"),
            tr.Tx("806", "W-2 or 1099 withholding", due, -self.withheld),
        ]
        if self.withheld > self.tax:
            txs.append(tr.Tx("846", "Refund issued", posted, self.withheld - self.tax))
        elif self.tax > self.withheld:
            txs.append(tr.Tx("610", "Payment with return", due, self.withheld - self.tax))
        return txs

    def account_doc(
        self,
        txs: list[tr.Tx] | None = None,
        interest: Decimal = ZERO,
        penalty: Decimal = ZERO,
        status: str | None = "Single",
    ) -> Doc:
        txs = self.settled() if txs is None else txs
        balance = sum((t.amount for t in txs), ZERO)
        acct = tr.Account(
            self.who,
            self.year,
            balance,
            interest,
            penalty,
            date(2025, 2, 24),
            txs,
            filing_status=status,
            agi=self.agi,
            taxable_income=self.taxable,
            tax_per_return=self.tax,
            received=self.filed_on,
            processed=date(self.filed_on.year, self.filed_on.month, 25),
        )
        doc, record = tr.account_doc(
            acct, style="classic", masked=True, tracking="108000000003", request=REQUEST
        )
        return transcript("account_transcript.pdf", doc, record)


# ---------------------------------------------------------------- the cases


@dataclass
class Case:
    folder: str
    about: str
    docs: list[Doc]
    expected: list[dict[str, Any]]
    """Findings above info: rule, case_id, amount, and the evidence (doc_type, field, value)."""
    amended: dict[str, Any] | None = None
    """Expected 1040-X lines (line -> corrected) and direction, when the case is a candidate."""


def ev(doc_type: str, field_name: str, value: Any) -> dict[str, Any]:
    return {"doc_type": doc_type, "field": field_name, "value": value}


def f(rule: str, case_id: str, amount: str | None, *evidence: dict[str, Any]) -> dict[str, Any]:
    return {"rule": rule, "case_id": case_id, "amount": amount, "evidence": list(evidence)}


def payroll(gross: str, federal: str) -> dict[int, Decimal]:
    """Boxes 1-6 of a W-2 under the wage base: 6.2% social security, 1.45% Medicare tax."""
    pay = D(gross)
    return {
        1: pay,
        2: D(federal),
        3: pay,
        4: (pay * D("0.062")).quantize(CENT),
        5: pay,
        6: (pay * D("0.0145")).quantize(CENT),
    }


def w2(who: Person, employer: Company, year: int, gross: str, federal: str) -> W2:
    return W2(who, employer, year, payroll(gross, federal))


def interest(who: Person, amount: str, withheld: str | None = None, year: int = 2023) -> Info:
    values = {"box1_interest_income": amount}
    if withheld:
        values["box4_federal_tax_withheld"] = withheld
    return Info("1099-INT", year, INT_2024, BANK, who, values)


WI, RT, AT = "IRS-WAGE-INCOME-TRANSCRIPT", "IRS-RETURN-TRANSCRIPT", "IRS-ACCOUNT-TRANSCRIPT"


def clean() -> Case:
    who = person("ALICE", "CLEARWATER", "0101")
    form, bank = w2(who, ACME, 2023, "61250.00", "6900.00"), interest(who, "412.35")
    ret = Filed(who, 2023, form.amounts[1], D("6900.00"), interest=D("412.35"))
    docs = [
        paper_w2("w2_acme.pdf", form),
        paper_1099("1099int_bank.pdf", bank),
        wage_income(who, 2023, [wi_w2(form), wi_int(bank)]),
        ret.return_doc(),
        ret.account_doc(),
    ]
    return Case(
        "clean_2023", "W-2 and 1099-INT, both on the transcript and on the return", docs, []
    )


def unreported() -> Case:
    who = person("BRUNO", "UNDERWOOD", "0202")
    form, other = w2(who, ACME, 2023, "48000.00", "5000.00"), w2(who, BAYSIDE, 2023, "6400.00", "0")
    ret = Filed(who, 2023, D("48000.00"), D("5000.00"))
    review = tr.Tx("922", "Review of unreported income", date(2024, 11, 4), ZERO)
    docs = [
        paper_w2("w2_acme.pdf", form),
        wage_income(who, 2023, [wi_w2(form), wi_w2(other)]),
        ret.return_doc(),
        ret.account_doc([*ret.settled(), review]),
    ]
    cid = "0202-2023"
    # 6,400 more taxable income, all in the 12% bracket (34,150 -> 40,550 of 44,725).
    change = (D("6400.00") * D("0.12")).quantize(CENT)
    return Case(
        "unreported_wages_2023",
        "a second W-2 on the transcript, left off the return",
        docs,
        [
            f(
                "UNREPORTED_INCOME",
                cid,
                "6400.00",
                ev(WI, "entries[1].box1_wages", "6400.00"),
                ev(RT, "wages", "48000.00"),
            ),
            f("MISSING_DOCUMENT", cid, "6400.00", ev(WI, "entries[1].box1_wages", "6400.00")),
            f("UNDERREPORTER_REVIEW", cid, None, ev(AT, "transactions[3].code", "922")),
        ],
        {"direction": "tax_owed", "lines": {"1": str(ret.agi + D("6400.00")), "20": str(change)}},
    )


def withholding() -> Case:
    who = person("CARLA", "HOLDEN", "0303")
    form, bank = (
        w2(who, ACME, 2021, "40000.00", "3000.00"),
        interest(who, "1000.00", "240.00", 2021),
    )
    ret = Filed(
        who, 2021, form.amounts[1], D("3000.00"), interest=D("1000.00"), received=date(2022, 4, 18)
    )
    docs = [
        paper_w2("w2_acme.pdf", form),
        paper_1099("1099int_bank_backup.pdf", bank),
        wage_income(who, 2021, [wi_w2(form), wi_int(bank)]),
        ret.return_doc(),
        ret.account_doc(),
    ]
    cid = "0303-2021"
    return Case(
        "withholding_not_claimed_2021",
        "backup withholding on a 1099-INT not claimed; "
        "the refund statute runs out 48 days after AS_OF",
        docs,
        [
            f(
                "WITHHOLDING_NOT_CLAIMED",
                cid,
                "240.00",
                ev(WI, "entries[1].box4_federal_tax_withheld", "240.00"),
                ev(RT, "federal_income_tax_withheld", "3000.00"),
            ),
            f("REFUND_STATUTE", cid, None, ev(AT, "return_due_or_received_date", "2022-04-18")),
        ],
        {
            "direction": "refund_due",
            "lines": {"12": "3240.00", "22": "240.00"},
            "deadline": "2025-04-18",
        },
    )


def mismatch() -> Case:
    who = person("DEAN", "MARSHALL", "0404")
    paper = w2(who, GLOBEX, 2023, "52500.00", "5200.00")
    paper = W2(who, GLOBEX, 2023, {**paper.amounts, 1: D("52000.00")})
    filed = W2(who, GLOBEX, 2023, {**paper.amounts, 1: D("52500.00")})
    ret = Filed(who, 2023, D("52500.00"), D("5200.00"))
    docs = [
        paper_w2("w2_globex.pdf", paper),
        wage_income(who, 2023, [wi_w2(filed)]),
        ret.return_doc(),
        ret.account_doc(),
    ]
    return Case(
        "amount_mismatch_2023",
        "paper W-2 box 1 is 500.00 below what the employer filed",
        docs,
        [
            f(
                "AMOUNT_MISMATCH",
                "0404-2023",
                "500.00",
                ev("W-2", "box1_wages", "52000.00"),
                ev(WI, "entries[0].box1_wages", "52500.00"),
            ),
        ],
    )


def not_on_transcript() -> Case:
    who = person("ELENA", "NOTFILED", "0505")
    form = w2(who, ACME, 2023, "45000.00", "4500.00")
    nec = Info("1099-NEC", 2023, NEC_2024, PRESS, who, {"box1_nonemployee_compensation": "3000.00"})
    ret = Filed(who, 2023, form.amounts[1], D("4500.00"), receipts=D("3000.00"))
    docs = [
        paper_w2("w2_acme.pdf", form),
        paper_1099("1099nec_press.pdf", nec),
        wage_income(who, 2023, [wi_w2(form)]),
        ret.return_doc(),
        ret.account_doc(),
    ]
    return Case(
        "missing_from_transcript_2023",
        "a 1099-NEC in hand that the payer never filed",
        docs,
        [
            f(
                "MISSING_FROM_TRANSCRIPT",
                "0505-2023",
                "3000.00",
                ev("1099-NEC", "box1_nonemployee_compensation", "3000.00"),
            ),
        ],
    )


def duplicate() -> Case:
    who = person("FRANK", "TWICEBY", "0606")
    form = w2(who, ACME, 2023, "39000.00", "3900.00")
    ret = Filed(who, 2023, form.amounts[1], D("3900.00"))
    docs = [
        paper_w2("w2_acme.pdf", form),
        paper_w2("w2_acme_again.pdf", form, FOUR_UP_STYLE),
        wage_income(who, 2023, [wi_w2(form)]),
        ret.return_doc(),
        ret.account_doc(),
    ]
    return Case(
        "duplicate_document_2023",
        "the same W-2 supplied twice, in two layouts",
        docs,
        [
            f("DUPLICATE_DOCUMENT", "0606-2023", "39000.00", ev("W-2", "box1_wages", "39000.00")),
        ],
    )


def wrong_tin() -> Case:
    who = person("GRACE", "WRIGHTSON", "0707")
    misprinted = Person(
        who.first, who.initial, who.last, "950-55-0770", who.street, who.city_state_zip
    )
    form = w2(misprinted, BAYSIDE, 2023, "41000.00", "4100.00")
    ret = Filed(who, 2023, form.amounts[1], D("4100.00"))
    docs = [paper_w2("w2_bayside.pdf", form), ret.return_doc(), ret.account_doc()]
    return Case(
        "tin_mismatch_2023",
        "a W-2 made out to the taxpayer's name with a misprinted SSN",
        docs,
        [
            f("TIN_MISMATCH", "0707-2023", None, ev("W-2", "recipient_tin_last4", "0770")),
        ],
    )


def old_year() -> Case:
    who = person("HENRY", "OLDFIELD", "0808")
    form, stray = (
        w2(who, ACME, 2023, "50000.00", "5000.00"),
        w2(who, ACME, 2022, "47000.00", "4700.00"),
    )
    ret = Filed(who, 2023, form.amounts[1], D("5000.00"))
    docs = [
        paper_w2("w2_acme_2023.pdf", form),
        paper_w2("w2_acme_2022.pdf", stray),
        wage_income(who, 2023, [wi_w2(form)]),
        ret.return_doc(),
        ret.account_doc(),
    ]
    return Case(
        "tax_year_mismatch_2023",
        "a 2022 W-2 filed with the 2023 papers",
        docs,
        [
            f("TAX_YEAR_MISMATCH", "0808-2022", None, ev("W-2", "tax_year", 2022)),
        ],
    )


def arithmetic() -> Case:
    who = person("IRIS", "PAYTON", "0909")
    good = w2(who, GLOBEX, 2023, "58000.00", "6000.00")
    bad = W2(who, GLOBEX, 2023, {**good.amounts, 4: good.amounts[4] + D("150.00")})
    ret = Filed(who, 2023, bad.amounts[1], D("6000.00"))
    docs = [
        paper_w2("w2_globex.pdf", bad),
        wage_income(who, 2023, [wi_w2(bad)]),
        ret.return_doc(),
        ret.account_doc(),
    ]
    return Case(
        "w2_arithmetic_2023",
        "social security tax 150.00 above 6.2% of box 3",
        docs,
        [
            f(
                "W2_ARITHMETIC",
                "0909-2023",
                "150.00",
                ev("W-2", "box4_ss_tax_withheld", f"{bad.amounts[4]:.2f}"),
            ),
        ],
    )


def deductions() -> Case:
    who = person("JULIA", "DEDMAN", "1010")
    form = w2(who, ACME, 2024, "60000.00", "6000.00")
    mortgage = Sample(
        "cases",
        "f1098",
        F1098_2024,
        2024,
        LENDER,
        who,
        {"box1_mortgage_interest": D("17250.00"), "box2_outstanding_principal": D("310000.00")},
    )
    loan = Sample(
        "cases",
        "f1098e",
        F1098E_2024,
        2024,
        SERVICER,
        who,
        {"box1_student_loan_interest": D("1800.00")},
    )
    ret = Filed(who, 2024, form.amounts[1], D("6000.00"), received=date(2025, 2, 10))
    docs = [
        paper_w2("w2_acme.pdf", form),
        paper_1098("f1098_homestead.pdf", mortgage),
        paper_1098("f1098e_scholar.pdf", loan),
        wage_income(
            who,
            2024,
            [
                wi_w2(form),
                wi_1098(mortgage, tr.MORTGAGE_SPEC, "Mortgage Interest Statement"),
                wi_1098(loan, tr.E_SPEC, "Student Loan Interest Statement"),
            ],
        ),
        ret.return_doc(),
        ret.account_doc(),
    ]
    cid = "1010-2024"
    # Standard 14,600 -> itemized 17,250 (+2,650); student loan interest 1,800 under the cap and
    # below the 80,000 phase-out: taxable income 45,400 -> 40,950, all in the 12% bracket.
    change = ((D("2650.00") + D("1800.00")) * D("0.12")).quantize(CENT)
    return Case(
        "missed_deduction_2024",
        "standard deduction taken despite 17,250 of mortgage "
        "interest; student loan interest not deducted",
        docs,
        [
            f(
                "MISSED_DEDUCTION",
                cid,
                "2650.00",
                ev(WI, "entries[1].box1_mortgage_interest", "17250.00"),
                ev(RT, "per_computer.standard_deduction", "14600.00"),
            ),
            f(
                "MISSED_DEDUCTION",
                cid,
                "1800.00",
                ev(WI, "entries[2].box1_student_loan_interest", "1800.00"),
            ),
        ],
        {
            "direction": "refund_due",
            "lines": {"1": str(ret.agi - D("1800.00")), "2": "17250.00", "22": str(change)},
        },
    )


def owes() -> Case:
    who = person("KARL", "OWENSBY", "1111")
    form = w2(who, ACME, 2022, "52000.00", "4000.00")
    ret = Filed(who, 2022, form.amounts[1], D("4000.00"), received=date(2023, 8, 1))
    txs = [
        tr.Tx("150", "Tax return filed", date(2023, 8, 21), ret.tax, "20233305"),
        tr.Tx("806", "W-2 or 1099 withholding", date(2023, 4, 18), D("-4000.00")),
        tr.Tx(
            "166",
            "Penalty for filing tax return after the due date",
            date(2023, 8, 21),
            D("180.00"),
        ),
        tr.Tx("276", "Penalty for late payment of tax", date(2023, 8, 21), D("40.00")),
        tr.Tx("196", "Interest charged for late payment", date(2023, 8, 21), D("60.00")),
        tr.Tx("670", "Payment", date(2024, 1, 15), D("-500.00")),
        tr.Tx("290", "Additional tax assessed", date(2024, 6, 10), D("1200.00"), "20242305"),
    ]
    acct = ret.account_doc(txs, interest=D("85.40"), penalty=D("35.10"))
    balance = sum((t.amount for t in txs), ZERO)
    docs = [
        paper_w2("w2_acme.pdf", form),
        wage_income(who, 2022, [wi_w2(form)]),
        ret.return_doc(),
        acct,
    ]
    cid = "1111-2022"
    return Case(
        "balance_due_2022",
        "late return, penalties, an additional assessment, a balance",
        docs,
        [
            f(
                "BALANCE_DUE",
                cid,
                f"{balance:.2f}",
                ev(AT, "account_balance", f"{balance:.2f}"),
            ),
            f(
                "PENALTY_ASSESSED",
                cid,
                "220.00",
                ev(AT, "transactions[2].amount", "180.00"),
                ev(AT, "transactions[3].amount", "40.00"),
            ),
            f("ADDITIONAL_ASSESSMENT", cid, "1200.00", ev(AT, "transactions[6].amount", "1200.00")),
        ],
    )


def nonfiler() -> Case:
    who = person("LENA", "NOFILER", "1212")
    form = w2(who, ACME, 2022, "30000.00", "2500.00")
    ret = Filed(who, 2022, form.amounts[1], D("2500.00"))
    docs = [
        paper_w2("w2_acme.pdf", form),
        wage_income(who, 2022, [wi_w2(form)]),
        ret.account_doc([], status=None),
    ]
    return Case(
        "no_return_filed_2022",
        "wages on file and no return posted",
        docs,
        [
            f("NO_RETURN_FILED", "1212-2022", None, ev(AT, "return_present", False)),
        ],
    )


def substitute() -> Case:
    who = person("MARK", "SUBSTON", "1313")
    form = w2(who, ACME, 2021, "36000.00", "0")
    ret = Filed(who, 2021, form.amounts[1], ZERO)
    txs = [
        tr.Tx("150", "Substitute tax return prepared by IRS", date(2023, 9, 11), ZERO, "20233605"),
        tr.Tx("290", "Additional tax assessed", date(2023, 9, 11), D("4500.00"), "20233605"),
        tr.Tx(
            "166",
            "Penalty for filing tax return after the due date",
            date(2023, 9, 11),
            D("900.00"),
        ),
        tr.Tx("276", "Penalty for late payment of tax", date(2023, 9, 11), D("250.00")),
        tr.Tx("196", "Interest charged for late payment", date(2023, 9, 11), D("300.00")),
    ]
    docs = [
        paper_w2("w2_acme.pdf", form),
        wage_income(who, 2021, [wi_w2(form)]),
        ret.account_doc(txs, interest=D("410.00"), penalty=D("120.00")),
    ]
    cid = "1313-2021"
    return Case(
        "substitute_for_return_2021",
        "the IRS filed a substitute return and assessed tax",
        docs,
        [
            f("SUBSTITUTE_FOR_RETURN", cid, "4500.00", ev(AT, "transactions[0].amount", "0.00")),
            f("ADDITIONAL_ASSESSMENT", cid, "4500.00", ev(AT, "transactions[1].amount", "4500.00")),
            f("BALANCE_DUE", cid, "5950.00", ev(AT, "account_balance", "5950.00")),
            f("PENALTY_ASSESSED", cid, "1150.00", ev(AT, "transactions[2].amount", "900.00")),
        ],
    )


def corrected() -> Case:
    who = person("NORA", "CORREA", "1414")
    before = w2(who, NORTHWIND, 2023, "70000.00", "7700.00")
    after_amounts = payroll("72500.00", "7700.00")
    fix = W2(
        who,
        NORTHWIND,
        2023,
        {n: after_amounts[n] for n in (1, 3, 4, 5, 6)},
        previous={n: before.amounts[n] for n in (1, 3, 4, 5, 6)},
    )
    ret = Filed(who, 2023, D("70000.00"), D("7700.00"))
    docs = [
        paper_w2("w2_northwind.pdf", before),
        paper_w2c("w2c_northwind.pdf", fix),
        ret.return_doc(),
        ret.account_doc(),
    ]
    cid = "1414-2023"
    # Taxable income 56,150 -> 58,650, in the 22% bracket (44,725 to 95,375).
    change = (D("2500.00") * D("0.22")).quantize(CENT)
    return Case(
        "corrected_w2_2023",
        "a W-2c raises wages by 2,500; the return used the original",
        docs,
        [
            f(
                "CORRECTED_FORM",
                cid,
                "2500.00",
                ev("W-2", "box1_wages", "70000.00"),
                ev("W-2c", "box1_wages", "72500.00"),
            ),
            f(
                "UNREPORTED_INCOME",
                cid,
                "2500.00",
                ev("W-2c", "box1_wages", "72500.00"),
                ev(RT, "wages", "70000.00"),
            ),
        ],
        {"direction": "tax_owed", "lines": {"1": str(ret.agi + D("2500.00")), "20": str(change)}},
    )


CASES: tuple[Callable[[], Case], ...] = (
    clean,
    unreported,
    withholding,
    mismatch,
    not_on_transcript,
    duplicate,
    wrong_tin,
    old_year,
    arithmetic,
    deductions,
    owes,
    nonfiler,
    substitute,
    corrected,
)


def all_cases() -> list[Case]:
    return [make() for make in CASES]


def case_records(case: Case, root: Path = Path("sample_docs/cases")) -> list[dict[str, Any]]:
    """The expected document records of a case's files (as the extractor should read them)."""
    out = []
    for doc in case.docs:
        source = str(root / case.folder / doc.name)
        sha = hashlib.sha256(source.encode()).hexdigest()
        out += [{**r, "source": source, "sha256": sha} for r in doc.records]
    return out


def generate(root: Path) -> None:
    """Write sample_docs/cases/<case>/ with its PDFs and expected_findings.json."""
    out = root / "cases"
    if out.exists():
        shutil.rmtree(out)
    for case in all_cases():
        folder = out / case.folder
        folder.mkdir(parents=True)
        for doc in case.docs:
            doc.draw(folder / doc.name)
        expected = {
            "about": case.about,
            "as_of": AS_OF.isoformat(),
            "findings": case.expected,
            "amended_return": case.amended,
        }
        (folder / "expected_findings.json").write_text(json.dumps(expected, indent=2) + "\n")


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1])
