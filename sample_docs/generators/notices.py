"""IRS notices under `root/notices`, in the IRS letter layout: the sender block and the
notice's head (notice number, tax year, notice date, SSN, page) on every page, the
title and the amount-due box of page 1, the explanation pages, and the payment voucher
or response form last. What each notice says follows the IRS's "Understanding your
notice" pages (irs.gov/individuals/understanding-your-cp2000-notice and the others).

Also two letters that are not notices: an identity-verification letter (Letter 5071C)
and a preparer's cover letter that mentions a CP2000 (both expected as UNKNOWN).
Text PDFs and scans (sample_docs/generators/scan.py), each with its expected records.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from sample_docs.generators.expected import write_expected
from sample_docs.generators.people import ACME, BAYSIDE, JANE, JOHN, LINDA, MARIA, ROBERT, Person
from sample_docs.generators.scan import rasterise_and_degrade

D = Decimal
WIDTH, HEIGHT = letter


@dataclass
class Notice:
    code: str  # as printed after Notice/Letter
    label: str  # "Notice" or "Letter"
    title: str
    person: Person
    tax_year: int
    notice_date: date
    amount: Decimal | None
    amount_label: str
    deadline_label: str
    deadline: date | None
    body: list[str]
    what_to_do: list[str]
    voucher: bool = True
    extra_pages: list[list[str]] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)
    changes: dict[str, Any] = field(default_factory=dict)

    def expected(self) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "notice_type": "1058" if self.code == "LT1058" else self.code,
            "notice_date": self.notice_date.isoformat(),
            "tax_year": self.tax_year,
        }
        if self.amount is not None:
            fields["amount_due"] = f"{self.amount:.2f}"
        if self.deadline:
            fields["respond_by"] = self.deadline.isoformat()
        if fields["notice_type"] in ("LT11", "1058", "CP90"):
            fields["collection_due_process"] = True
        out: dict[str, Any] = {
            "doc_type": "IRS-NOTICE",
            "tax_year": self.tax_year,
            "recipient_tin_last4": self.person.last4,
            "fields": fields,
        }
        if self.code == "CP2000":
            out["entries"] = [
                {**e, "tax_year": self.tax_year, "recipient_tin_last4": self.person.last4}
                for e in self.entries
            ]
            out["proposed_changes"] = self.changes
        return out


def _long(d: date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def _money(x: Decimal) -> str:
    return f"${x:,.2f}"


def _masked(p: Person) -> str:
    return f"XXX-XX-{p.last4}"


class Letter:
    """Draws pages in the IRS notice layout."""

    def __init__(self, path: Path, notice: Notice, pages: int) -> None:
        self.pdf = Canvas(str(path), pagesize=letter, invariant=1)
        self.n = notice
        self.pages = pages
        self.page = 0

    def head(self) -> float:
        """Sender block left, the notice's head right; returns the y below it."""
        self.page += 1
        pdf, n = self.pdf, self.n
        pdf.setFont("Helvetica-Bold", 9)
        pdf.drawString(54, HEIGHT - 54, "Department of the Treasury")
        pdf.drawString(54, HEIGHT - 65, "Internal Revenue Service")
        pdf.setFont("Helvetica", 9)
        pdf.drawString(54, HEIGHT - 76, "Kansas City, MO 64999-0025")
        rows = [
            (n.label, n.code),
            ("Tax year", str(n.tax_year)),
            ("Notice date", _long(n.notice_date)),
            ("Social Security number", _masked(n.person)),
            ("To contact us", "Phone 800-829-0922"),
            ("Your caller ID", "4821"),
            ("Page", f"{self.page} of {self.pages}"),
        ]
        y = HEIGHT - 54
        for label, value in rows:
            pdf.setFont("Helvetica-Bold" if label == n.label else "Helvetica", 9)
            pdf.drawString(360, y, label)
            pdf.drawString(470, y, value)
            y -= 12
        return y - 14

    def paragraphs(self, y: float, lines: list[str], size: float = 9.5) -> float:
        for line in lines:
            if line.startswith("# "):
                self.pdf.setFont("Helvetica-Bold", size + 1.5)
                self.pdf.drawString(54, y, line[2:])
                y -= 16
                continue
            self.pdf.setFont("Helvetica", size)
            self.pdf.drawString(54, y, line)
            y -= 13
        return y

    def first_page(self) -> None:
        n, pdf = self.n, self.pdf
        y = self.head()
        pdf.setFont("Helvetica", 9.5)
        for i, line in enumerate((n.person.name, n.person.street, n.person.city_state_zip)):
            pdf.drawString(72, y - 12 * i, line)
        y -= 60
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(54, y, n.title)
        y -= 24
        if n.amount is not None or n.deadline:
            pdf.rect(360, y - 40, 200, 50)
            pdf.setFont("Helvetica-Bold", 10)
            if n.amount is not None:
                pdf.drawString(368, y - 4, f"{n.amount_label}: {_money(n.amount)}")
            if n.deadline:
                pdf.drawString(368, y - 22, f"{n.deadline_label}: {_long(n.deadline)}")
        y = self.paragraphs(y - 60, n.body)
        y = self.paragraphs(y - 8, ["# What you need to do immediately", *n.what_to_do])
        self.pdf.showPage()

    def more_pages(self) -> None:
        for lines in self.n.extra_pages:
            y = self.head()
            self.paragraphs(y - 10, lines)
            self.pdf.showPage()

    def voucher(self) -> None:
        n, pdf = self.n, self.pdf
        y = self.head()
        y = self.paragraphs(y - 10, ["# Additional information", *VOUCHER_INFO])
        pdf.setDash(3, 3)
        pdf.line(40, 250, WIDTH - 40, 250)
        pdf.setDash()
        pdf.setFont("Helvetica-Bold", 11)
        title = "Response form" if n.code in ("CP2000", "CP59") else "Payment"
        pdf.drawString(54, 225, title)
        pdf.setFont("Helvetica", 9)
        pdf.drawString(360, 225, f"{n.label} {n.code}")
        pdf.drawString(360, 213, f"Notice date {_long(n.notice_date)}")
        pdf.drawString(360, 201, f"Social Security number {_masked(n.person)}")
        pdf.drawString(
            54, 201, "Make your check or money order payable to the United States Treasury."
        )
        pdf.drawString(
            54, 189, "Write your Social Security number, the tax year and the form number"
        )
        pdf.drawString(54, 177, "on your payment.")
        if n.amount is not None:
            pdf.rect(360, 160, 200, 30)
            pdf.drawString(366, 178, "Amount due")
            pdf.drawString(470, 178, _money(n.amount))
            pdf.drawString(366, 166, "Amount enclosed")
        pdf.drawString(72, 120, "INTERNAL REVENUE SERVICE")
        pdf.drawString(72, 108, "KANSAS CITY, MO 64999-0025")
        pdf.drawString(360, 120, n.person.name)
        pdf.drawString(360, 108, n.person.street)
        pdf.drawString(360, 96, n.person.city_state_zip)
        pdf.showPage()

    def save(self) -> None:
        self.pdf.save()


VOUCHER_INFO = [
    "Visit www.irs.gov/cp for more information about this notice.",
    "You can contact us by mail at the address at the top of this notice. Be sure to include",
    "your Social Security number and the tax year and form number you are writing about.",
    "Keep this notice for your records.",
]


def write(out: Path, stem: str, notice: Notice, *, scan_seed: int | None = None) -> None:
    path = out / f"{stem}.pdf"
    pages = 1 + len(notice.extra_pages) + (1 if notice.voucher else 0)
    doc = Letter(path, notice, pages)
    doc.first_page()
    doc.more_pages()
    if notice.voucher:
        doc.voucher()
    doc.save()
    write_expected(path, [notice.expected()])
    if scan_seed is not None:
        scan = out / f"{stem}_scan300.pdf"
        rasterise_and_degrade(path, scan, dpi=300, skew_deg=0.5, noise=0.25, seed=scan_seed)
        write_expected(scan, [notice.expected()])


def _balance_notice(
    code: str,
    title: str,
    person: Person,
    year: int,
    issued: date,
    amount: Decimal,
    days: int,
    body: list[str],
    label: str = "Notice",
    amount_label: str = "Amount due",
    deadline_label: str = "Pay by",
) -> Notice:
    return Notice(
        code=code,
        label=label,
        title=title,
        person=person,
        tax_year=year,
        notice_date=issued,
        amount=amount,
        amount_label=amount_label,
        deadline_label=deadline_label,
        deadline=issued + timedelta(days=days),
        body=body,
        what_to_do=[
            f"Pay {_money(amount)} by {_long(issued + timedelta(days=days))} to avoid more penalty",
            "and interest. Pay online at www.irs.gov/payments or mail a check with the",
            "payment voucher. If you can't pay the full amount, pay what you can now and",
            "visit www.irs.gov/paymentplan to apply for a payment plan.",
        ],
        extra_pages=[
            [
                "# Billing summary",
                f"Amount you owed                                   {_money(amount - D('61.40'))}",
                "Failure-to-pay penalty                                        $38.20",
                "Interest charges                                              $23.20",
                f"Amount due by {_long(issued + timedelta(days=days))}    {_money(amount)}",
                "",
                "# Penalties",
                "We are required by law to charge a penalty when you don't pay your tax on",
                "time (Internal Revenue Code section 6651). The penalty is 1/2% of the unpaid",
                "tax for each month or part of a month the tax remains unpaid.",
            ]
        ],
    )


def notices() -> dict[str, Notice]:
    y = 2023
    cp2000 = Notice(
        code="CP2000",
        label="Notice",
        title=f"Changes to your {y} Form 1040",
        person=JANE,
        tax_year=y,
        notice_date=date(2025, 3, 3),
        amount=D("667.30"),
        amount_label="Proposed amount due",
        deadline_label="Respond by",
        deadline=date(2025, 4, 2),
        body=[
            "The income and payment information we have on file from third parties, like",
            "employers or financial institutions, doesn't match the information you reported on",
            f"your tax return. This may cause an increase in your tax of $516.00 for {y}.",
            "This isn't a bill. It's a proposal to change your return.",
        ],
        what_to_do=[
            "Review this notice, and compare our changes with the information on your tax",
            "return. Complete the Response form and mail or fax it to us by the date above.",
            "If you agree, sign the form; if you don't, tell us why and send your documents.",
            "Don't file an amended return (Form 1040-X) for this tax year.",
        ],
        extra_pages=[
            [
                "# Changes to your income",
                "Income type                       Shown on return   Reported to IRS   Difference",
                "Wages                                 $52,000.00        $54,345.67      $2,345.67",
                "Interest                                   $0.00           $180.25        $180.25",
                "",
                f"# Proposed changes to your {y} tax",
                "Tax increase ........................................ $516.00",
                "Accuracy-related penalty (IRC 6662) ................. $103.20",
                "Interest (IRC 6601) .................................. $48.10",
                f"Amount due if you pay by {_long(date(2025, 4, 2))} ........ $667.30",
            ],
            [
                "# Information reported to the IRS",
                f"Form W-2 Payer: {ACME.name} Payer ID number: XX-XXX{ACME.ein[-4:]}",
                f"Issued to: {JANE.name} ({_masked(JANE)})",
                "Wages, Tips and Other Compensation ................ $54,345.67",
                "Federal Income Tax Withheld ....................... $4,600.00",
                "",
                f"Form 1099-INT Payer: {BAYSIDE.name} Payer ID number: XX-XXX{BAYSIDE.ein[-4:]}",
                f"Issued to: {JANE.name} ({_masked(JANE)})",
                "Interest ............................................ $180.25",
                "",
                "If you disagree with an item, send a statement from the payer that corrects it,",
                "or records that show the amount is already on your return.",
            ],
        ],
        entries=[
            {
                "doc_type": "W-2",
                "payer_tin": f"XX-XXX{ACME.ein[-4:]}",
                "payer_name": ACME.name,
                "fields": {"box1_wages": "54345.67", "box2_federal_tax_withheld": "4600.00"},
            },
            {
                "doc_type": "1099-INT",
                "payer_tin": f"XX-XXX{BAYSIDE.ein[-4:]}",
                "payer_name": BAYSIDE.name,
                "fields": {"box1_interest_income": "180.25"},
            },
        ],
        changes={
            "tax_increase": "516.00",
            "penalty": "103.20",
            "interest": "48.10",
            "amount_due": "667.30",
            "income": [
                {
                    "income_type": "Wages",
                    "shown_on_return": "52000.00",
                    "reported_to_irs": "54345.67",
                    "difference": "2345.67",
                },
                {
                    "income_type": "Interest",
                    "shown_on_return": "0.00",
                    "reported_to_irs": "180.25",
                    "difference": "180.25",
                },
            ],
        },
    )
    cp14 = _balance_notice(
        "CP14",
        f"You have unpaid taxes for {y}",
        JOHN,
        y,
        date(2024, 6, 10),
        D("1284.55"),
        21,
        [
            "Our records show you have unpaid taxes, penalties and interest for the tax year",
            "shown above. You owe the amount shown in the box.",
            "If you already paid your balance in full or arranged a payment plan, disregard",
            "this notice.",
        ],
    )
    cp501 = _balance_notice(
        "CP501",
        "Reminder: You have an unpaid balance",
        JOHN,
        y,
        date(2024, 7, 15),
        D("1301.72"),
        10,
        [
            "We haven't received full payment for your unpaid balance. You may have to pay",
            "more penalty and interest charges if you don't pay the amount due.",
        ],
    )
    cp503 = _balance_notice(
        "CP503",
        "Second reminder: You have an unpaid balance",
        JOHN,
        y,
        date(2024, 8, 19),
        D("1319.04"),
        10,
        [
            "This is a second reminder that you have an unpaid balance. If you don't pay,",
            "we may file a Notice of Federal Tax Lien.",
        ],
    )
    cp504 = _balance_notice(
        "CP504",
        "Notice of intent to seize (levy) your property or rights to property",
        JOHN,
        y,
        date(2024, 9, 23),
        D("1338.90"),
        30,
        [
            "You have an unpaid balance. If you don't pay the amount due immediately, we can",
            "levy your state tax refund and, after further notice, your other property.",
        ],
        amount_label="Amount due immediately",
    )
    lt11 = _balance_notice(
        "LT11",
        "Final notice of intent to levy and your right to a hearing",
        MARIA,
        2022,
        date(2024, 11, 4),
        D("8412.67"),
        30,
        [
            "We previously asked you to pay the federal tax on your account. You still owe.",
            "We intend to levy your wages, bank accounts and other property. You have the right",
            "to request a Collection Due Process hearing within 30 days of the date of this",
            "letter (Form 12153, Request for a Collection Due Process or Equivalent Hearing).",
        ],
        label="Letter",
        deadline_label="Respond by",
    )
    l1058 = _balance_notice(
        "1058",
        "Final notice: Notice of intent to levy and notice of your right to a hearing",
        ROBERT,
        2021,
        date(2024, 10, 1),
        D("15120.00"),
        30,
        [
            "This is your final notice before we levy. You have the right to a Collection Due",
            "Process hearing: send Form 12153 within 30 days from the date of this letter.",
        ],
        label="Letter",
        deadline_label="Respond by",
    )
    cp90 = _balance_notice(
        "CP90",
        "Final notice - Notice of intent to seize your property and notice of your right "
        "to a hearing",
        LINDA,
        2022,
        date(2025, 1, 13),
        D("3977.81"),
        30,
        [
            "We haven't received full payment of your balance. We intend to seize (levy) your",
            "property, including Social Security benefits. You may request a Collection Due",
            "Process hearing by the date shown.",
        ],
        deadline_label="Respond by",
    )
    cp11 = _balance_notice(
        "CP11",
        f"Changes to your {y} Form 1040",
        LINDA,
        y,
        date(2024, 5, 20),
        D("742.00"),
        21,
        [
            "We made changes to your return because we believe there's a miscalculation.",
            "You owe $742.00 as a result of these changes. If you don't agree, contact us",
            "within 60 days of the date of this notice to have the change reversed.",
        ],
    )
    cp12 = Notice(
        code="CP12",
        label="Notice",
        title=f"Changes to your {y} Form 1040 - refund due",
        person=MARIA,
        tax_year=y,
        notice_date=date(2024, 5, 27),
        amount=None,
        amount_label="",
        deadline_label="",
        deadline=None,
        body=[
            "We made changes to your return because we believe there's a miscalculation.",
            "As a result, your refund changed. Refund amount: $412.00.",
            "If you agree, you don't need to do anything. You should receive your refund",
            "in 4-6 weeks.",
        ],
        what_to_do=["Review this notice and compare our changes with your return."],
        voucher=False,
    )
    cp59 = Notice(
        code="CP59",
        label="Notice",
        title=f"We haven't received your {y} tax return",
        person=ROBERT,
        tax_year=y,
        notice_date=date(2025, 2, 10),
        amount=None,
        amount_label="",
        deadline_label="Respond by",
        deadline=date(2025, 3, 3),
        body=[
            "Our records show you haven't filed your personal tax return for the tax year",
            "above. File your return immediately or tell us why you aren't required to.",
        ],
        what_to_do=[
            "File your tax return immediately, or complete the response form and",
            "send it to us by the date above.",
        ],
    )
    return {
        "cp2000_2023": cp2000,
        "cp14_2023": cp14,
        "cp501_2023": cp501,
        "cp503_2023": cp503,
        "cp504_2023": cp504,
        "lt11_2022": lt11,
        "letter1058_2021": l1058,
        "cp90_2022": cp90,
        "cp11_2023": cp11,
        "cp12_2023": cp12,
        "cp59_2023": cp59,
    }


def other_letters(out: Path) -> None:
    """Letters that make no notice record: Letter 5071C and a preparer's cover letter."""
    path = out / "letter5071c_identity_verification.pdf"
    n = Notice(
        "5071C",
        "Letter",
        "We need to verify your identity",
        JANE,
        2024,
        date(2025, 3, 17),
        None,
        "",
        "",
        None,
        [
            "We received a federal income tax return with your name and taxpayer",
            "identification number. To protect you from identity theft, we need to verify",
            "your identity before we process it. Visit idverify.irs.gov within 30 days.",
        ],
        ["Verify your identity online, or call the number above."],
        voucher=False,
    )
    doc = Letter(path, n, 1)
    doc.first_page()
    doc.save()
    write_expected(path, [{"doc_type": "UNKNOWN", "pages": [1], "fields": {}}])
    path = out / "preparer_cover_letter_cp2000.pdf"
    pdf = Canvas(str(path), pagesize=letter, invariant=1)
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(54, HEIGHT - 60, "LAKESIDE TAX SERVICE")
    pdf.setFont("Helvetica", 10)
    lines = [
        "March 20, 2025",
        "",
        JANE.name,
        JANE.street,
        JANE.city_state_zip,
        "",
        "Re: Notice CP2000 dated March 3, 2025, tax year 2023",
        "",
        "Dear Ms. Doe,",
        "Enclosed is the response to your Notice CP2000 that we prepared for you. The",
        "proposed amount due was $667.30; we agree with the wages and disagree with the",
        "interest item. Please sign the response form and mail it by April 2, 2025.",
        "",
        "Sincerely,",
        "Ann Preparer, EA",
    ]
    for i, line in enumerate(lines):
        pdf.drawString(54, HEIGHT - 100 - 14 * i, line)
    pdf.showPage()
    pdf.save()
    write_expected(path, [{"doc_type": "UNKNOWN", "pages": [1], "fields": {}}])


SCANNED = {"cp2000_2023": 2000, "cp504_2023": 504, "lt11_2022": 11}


def generate(root: Path) -> None:
    out = root / "notices"
    out.mkdir(parents=True, exist_ok=True)
    for stem, notice in notices().items():
        write(out, stem, notice, scan_seed=SCANNED.get(stem))
    other_letters(out)


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1])
