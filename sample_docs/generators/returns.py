"""Filed returns under `root/returns`: Form 1040 on the official fillable PDFs (2024 and 2025,
filled, flattened and scanned), a tax-software print (2021), a preparer's two-page
legal-size print (2020) and a Form 1040-X (for 2023) on the official form, each with its
expected record written from the values put on it.

On the official forms a line's field is the text field whose nearest printed word to its
left is the line's number (`. . 1z [field]`), read off the blank form's own words; the
name, SSN and filing-status fields are found under or beside their printed labels.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

import pdfplumber
from reportlab.lib.pagesizes import legal, letter
from reportlab.pdfgen.canvas import Canvas

from sample_docs.generators.expected import write_expected
from sample_docs.generators.irs_fill import FieldValue, Widget, fill_form, open_form, page_widgets
from sample_docs.generators.people import JANE, JOHN, LINDA, MARIA, Person
from sample_docs.generators.return_schedules import (
    AMOUNTS_2020_SCHEDULES,
    AMOUNTS_2023,
    LINES_2020_SCHEDULES,
    LINES_2023,
    NAMES_2020_SCHEDULES,
    NAMES_2023,
    SCHEDULES_2020,
    SCHEDULES_2023,
    SchedulePrint,
)
from sample_docs.generators.scan import rasterise_and_degrade

BLANK = Path(__file__).resolve().parents[2].parent / "shared/reference_docs/irs_forms_blank"
F1040 = {
    2024: BLANK / "IRS-Public__direct-file/f1040.pdf",
    2025: BLANK / "tashiscool__UsTaxes/f1040.pdf",
}
F1040X = BLANK / "mcc-us__irs.ea/f1040x.pdf"
D = Decimal

STATUS_ON_STATE = {  # the IRS form's check-box export values, in the order it prints them
    "Single": "/1",
    "Married filing jointly": "/2",
    "Married filing separately": "/3",
    "Head of household": "/4",
    "Qualifying surviving spouse": "/5",
}


@dataclass
class Return:
    """One filed return: who, the year, the status, and amounts by line number."""

    year: int
    person: Person
    status: str
    lines: dict[str, Decimal]
    names: dict[str, str]  # line number -> the contract's field name
    spouse: Person | None = None
    extra_fields: dict[str, str] = field(default_factory=dict)
    schedules: tuple[SchedulePrint, ...] = ()

    def expected(self) -> dict:
        fields: dict[str, str] = {"filing_status": self.status}
        for number, amount in self.lines.items():
            fields[self.names[number]] = f"{amount:.2f}"
        for sched in self.schedules:
            for number, amount in sched.amounts.items():
                if number not in sched.names:  # a property's own column, not a total
                    continue
                name, value = sched.names[number], f"{amount:.2f}"
                if fields.setdefault(name, value) != value:  # the inputs must agree
                    raise ValueError(f"Schedule {sched.code} {name} {value} != {fields[name]}")
        fields.update(self.extra_fields)
        if self.spouse:
            fields["spouse_tin_last4"] = self.spouse.last4
        return {
            "doc_type": "1040",
            "tax_year": self.year,
            "recipient_tin_last4": self.person.last4,
            "fields": fields,
        }


# line number -> field name, as the 2022-2024 forms number them; 2025 moves AGI to 11a,
# the deduction to 12e, and the QBI deduction to 13a.
NAMES_2024 = {
    "1a": "wages_forms_w2",
    "1z": "wages",
    "2b": "taxable_interest",
    "3a": "qualified_dividends",
    "3b": "ordinary_dividends",
    "9": "total_income",
    "11": "adjusted_gross_income",
    "12": "standard_deduction",
    "15": "taxable_income",
    "16": "tentative_tax",
    "18": "tax_before_credits",
    "19": "child_and_other_dependent_credit",
    "21": "total_credits",
    "22": "income_tax_after_credits",
    "24": "total_tax",
    "25a": "withheld_forms_w2",
    "25d": "federal_income_tax_withheld",
    "33": "total_payments",
    "34": "overpaid",
    "35a": "refund_amount",
}
NAMES_2025 = {
    **{k: v for k, v in NAMES_2024.items() if k not in ("11", "12")},
    "8": "other_income",
    "11a": "adjusted_gross_income",
    "12e": "standard_deduction",
    "26": "estimated_tax_payments",
    "37": "amount_owed",
}
NAMES_2021 = {
    "1": "wages",
    "2b": "taxable_interest",
    "4a": "ira_distributions_total",
    "4b": "ira_distributions_taxable",
    "7": "capital_gain",
    "9": "total_income",
    "10": "total_adjustments",
    "11": "adjusted_gross_income",
    "12a": "itemized_deductions",
    "15": "taxable_income",
    "16": "tentative_tax",
    "24": "total_tax",
    "25a": "withheld_forms_w2",
    "25b": "withheld_forms_1099",
    "25d": "federal_income_tax_withheld",
    "33": "total_payments",
    "37": "amount_owed",
}
NAMES_2020 = {
    "1": "wages",
    "2b": "taxable_interest",
    "3b": "ordinary_dividends",
    "6a": "social_security_benefits_total",
    "6b": "social_security_benefits_taxable",
    "8": "other_income",
    "9": "total_income",
    "11": "adjusted_gross_income",
    "12": "standard_deduction",
    "15": "taxable_income",
    "16": "tentative_tax",
    "24": "total_tax",
    "25a": "withheld_forms_w2",
    "25d": "federal_income_tax_withheld",
    "26": "estimated_tax_payments",
    "30": "recovery_rebate_credit",
    "33": "total_payments",
    "34": "overpaid",
    "35a": "refund_amount",
}

RETURN_2024 = Return(
    2024,
    JANE,
    "Married filing jointly",
    {
        "1a": D("84250.00"),
        "1z": D("84250.00"),
        "2b": D("412.37"),
        "3a": D("610.00"),
        "3b": D("1044.81"),
        "9": D("85707.18"),
        "11": D("85707.18"),
        "12": D("29200.00"),
        "15": D("56507.18"),
        "16": D("6301.00"),
        "18": D("6301.00"),
        "19": D("2000.00"),
        "21": D("2000.00"),
        "22": D("4301.00"),
        "24": D("4301.00"),
        "25a": D("7120.55"),
        "25d": D("7120.55"),
        "33": D("7120.55"),
        "34": D("2819.55"),
        "35a": D("2819.55"),
    },
    NAMES_2024,
    spouse=JOHN,
)
RETURN_2025 = Return(
    2025,
    MARIA,
    "Single",
    {
        "1a": D("61830.00"),
        "1z": D("61830.00"),
        "2b": D("95.10"),
        "8": D("4200.00"),
        "9": D("66125.10"),
        "11a": D("66125.10"),
        "12e": D("15750.00"),
        "15": D("50375.10"),
        "16": D("6087.00"),
        "18": D("6087.00"),
        "22": D("6087.00"),
        "24": D("6087.00"),
        "25a": D("5210.00"),
        "25d": D("5210.00"),
        "26": D("400.00"),
        "33": D("5610.00"),
        "37": D("477.00"),
    },
    NAMES_2025,
)


def _words(src: Path, index: int) -> tuple[list[dict], float]:
    with pdfplumber.open(src) as pdf:
        page = pdf.pages[index]
        return page.extract_words(), float(page.height)


def _top(widget: Widget, height: float) -> tuple[float, float]:
    _x0, y0, _x1, y1 = widget.rect
    return height - y1, height - y0


def line_fields(src: Path, index: int) -> dict[str, Widget]:
    """Line number -> its text field: the field whose nearest word to the left is the
    number (the form prints `. . 1z` right before the amount box)."""
    words, height = _words(src, index)
    out: dict[str, Widget] = {}
    for w in page_widgets(open_form(src), index):
        if w.checkbox:
            continue
        top, bottom = _top(w, height)
        cy = (top + bottom) / 2
        left = [
            t
            for t in words
            if abs((t["top"] + t["bottom"]) / 2 - cy) < 5 and t["x1"] <= w.rect[0] + 2
        ]
        if left:
            out.setdefault(max(left, key=lambda t: t["x1"])["text"], w)
    return out


def field_below(src: Path, index: int, label: str, nth: int = 0) -> Widget:
    """The text field right under the nth occurrence of a printed label."""
    words, height = _words(src, index)
    first = label.split()[0]
    starts = [
        i
        for i, t in enumerate(words)
        if t["text"] == first
        and " ".join(x["text"] for x in words[i : i + len(label.split())]) == label
    ]
    hit = words[starts[nth]]
    candidates = []
    for w in page_widgets(open_form(src), index):
        top, _bottom = _top(w, height)
        if not w.checkbox and 0 <= top - hit["bottom"] < 14 and w.rect[0] - 4 <= hit["x0"]:
            candidates.append((top - hit["bottom"] + abs(w.rect[0] - hit["x0"]), w))
    return min(candidates, key=lambda c: c[0])[1]


def status_box(src: Path, status: str) -> Widget:
    """The filing-status check box whose printed label (right of it) is `status`."""
    words, height = _words(src, 0)
    for w in page_widgets(open_form(src), 0):
        if not w.checkbox:
            continue
        top, bottom = _top(w, height)
        right = sorted(
            (
                t
                for t in words
                if abs((t["top"] + t["bottom"]) / 2 - (top + bottom) / 2) < 5
                and 0 <= t["x0"] - w.rect[2] < 8
            ),
            key=lambda t: t["x0"],
        )
        if right:
            i = words.index(right[0])
            label = " ".join(t["text"] for t in words[i : i + len(status.split())])
            if label == status:
                return w
    raise LookupError(f"no check box labelled {status!r}")


def official_values(src: Path, ret: Return) -> dict[str, FieldValue]:
    values: dict[str, FieldValue] = {}
    first = field_below(src, 0, "Your first name and middle initial")
    last = field_below(src, 0, "Last name")
    ssn = field_below(src, 0, "Your social security number")
    values[first.name] = ret.person.first_and_initial
    values[last.name] = ret.person.last
    values[ssn.name] = ret.person.ssn_digits
    if ret.spouse:
        values[field_below(src, 0, "If joint return, spouse’s first name").name] = (
            ret.spouse.first_and_initial
        )
        values[field_below(src, 0, "Last name", 1).name] = ret.spouse.last
        values[field_below(src, 0, "Spouse’s social security number").name] = ret.spouse.ssn_digits
    values[field_below(src, 0, "Home address (number and street).").name] = ret.person.street
    status = status_box(src, ret.status)
    values[status.name] = True
    for index in (0, 1):
        fields = line_fields(src, index)
        for number, amount in ret.lines.items():
            if number in fields:
                values[fields[number].name] = f"{amount:,.2f}"
    return values


def official(out: Path, ret: Return, stem: str, *, scan_seed: int | None = None) -> None:
    src = F1040[ret.year]
    values = official_values(src, ret)
    filled = out / f"{stem}_fillable.pdf"
    flat = out / f"{stem}_flattened.pdf"
    fill_form(src, filled, values, pages=[0, 1])
    fill_form(src, flat, values, pages=[0, 1], flatten=True, font_size=8)
    write_expected(filled, [ret.expected()])
    write_expected(flat, [ret.expected()])
    if scan_seed is not None:
        scan = out / f"{stem}_scan300.pdf"
        rasterise_and_degrade(flat, scan, dpi=300, skew_deg=0.4, noise=0.25, seed=scan_seed)
        write_expected(scan, [ret.expected()])


# ------------------------------------------------------------------ our own layouts

LINES_2021 = (  # number, wording as the 2021 Form 1040 prints it
    ("1", "Wages, salaries, tips, etc. Attach Form(s) W-2"),
    ("2a", "Tax-exempt interest"),
    ("2b", "Taxable interest"),
    ("3a", "Qualified dividends"),
    ("3b", "Ordinary dividends"),
    ("4a", "IRA distributions"),
    ("4b", "Taxable amount"),
    ("5a", "Pensions and annuities"),
    ("5b", "Taxable amount"),
    ("6a", "Social security benefits"),
    ("6b", "Taxable amount"),
    ("7", "Capital gain or (loss). Attach Schedule D if required"),
    ("8", "Other income from Schedule 1, line 10"),
    ("9", "Add lines 1, 2b, 3b, 4b, 5b, 6b, 7, and 8. This is your total income"),
    ("10", "Adjustments to income from Schedule 1, line 26"),
    ("11", "Subtract line 10 from line 9. This is your adjusted gross income"),
    ("12a", "Standard deduction or itemized deductions (from Schedule A)"),
    ("12b", "Charitable contributions if you take the standard deduction"),
    ("13", "Qualified business income deduction from Form 8995 or Form 8995-A"),
    ("15", "Taxable income. Subtract line 14 from line 11"),
    ("16", "Tax (see instructions). Check if any from Form(s): 8814 4972"),
    ("19", "Child tax credit or credit for other dependents from Schedule 8812"),
    ("23", "Other taxes, including self-employment tax, from Schedule 2, line 21"),
    ("24", "Add lines 22 and 23. This is your total tax"),
    ("25a", "Federal income tax withheld from: Form(s) W-2"),
    ("25b", "Form(s) 1099"),
    ("25c", "Other forms (see instructions)"),
    ("25d", "Add lines 25a through 25c"),
    ("26", "2021 estimated tax payments and amount applied from 2020 return"),
    ("27a", "Earned income credit (EIC)"),
    ("33", "Add lines 25d, 26, and 32. These are your total payments"),
    (
        "34",
        "If line 33 is more than line 24, subtract line 24 from line 33. "
        "This is the amount you overpaid",
    ),
    ("35a", "Amount of line 34 you want refunded to you"),
    ("37", "Subtract line 33 from line 24. This is the amount you owe now"),
)
LINES_2020 = (
    ("1", "Wages, salaries, tips, etc. Attach Form(s) W-2"),
    ("2a", "Tax-exempt interest"),
    ("2b", "Taxable interest"),
    ("3a", "Qualified dividends"),
    ("3b", "Ordinary dividends"),
    ("4a", "IRA distributions"),
    ("4b", "Taxable amount"),
    ("5a", "Pensions and annuities"),
    ("5b", "Taxable amount"),
    ("6a", "Social security benefits"),
    ("6b", "Taxable amount"),
    ("7", "Capital gain or (loss). Attach Schedule D if required"),
    ("8", "Other income from Schedule 1, line 9"),
    ("9", "Add lines 1, 2b, 3b, 4b, 5b, 6b, 7, and 8. This is your total income"),
    ("10a", "Adjustments to income: From Schedule 1, line 22"),
    ("10b", "Charitable contributions if you take the standard deduction"),
    ("10c", "Add lines 10a and 10b. These are your total adjustments to income"),
    ("11", "Subtract line 10c from line 9. This is your adjusted gross income"),
    ("12", "Standard deduction or itemized deductions (from Schedule A)"),
    ("13", "Qualified business income deduction. Attach Form 8995 or Form 8995-A"),
    ("15", "Taxable income. Subtract line 14 from line 11. If zero or less, enter -0-"),
    ("16", "Tax (see instructions). Check if any from Form(s): 8814 4972"),
    ("19", "Child tax credit or credit for other dependents"),
    ("24", "Add lines 22 and 23. This is your total tax"),
    ("25a", "Federal income tax withheld from: Form(s) W-2"),
    ("25b", "Form(s) 1099"),
    ("25d", "Add lines 25a through 25c"),
    ("26", "2020 estimated tax payments and amount applied from 2019 return"),
    ("30", "Recovery rebate credit. See instructions"),
    ("33", "Add lines 25d, 26, and 32. These are your total payments"),
    (
        "34",
        "If line 33 is more than line 24, subtract line 24 from line 33. "
        "This is the amount you overpaid",
    ),
    ("35a", "Amount of line 34 you want refunded to you. If Form 8888 is attached, check here"),
    ("37", "Amount you owe. Subtract line 33 from line 24"),
)
RETURN_2021 = Return(
    2021,
    LINDA,
    "Head of household",
    {
        "1": D("71408.22"),
        "2b": D("1210.09"),
        "4a": D("12000.00"),
        "4b": D("12000.00"),
        "7": D("-1850.00"),
        "9": D("82768.31"),
        "10": D("2500.00"),
        "11": D("80268.31"),
        "12a": D("21407.60"),
        "15": D("58860.71"),
        "16": D("7392.00"),
        "24": D("7392.00"),
        "25a": D("5810.40"),
        "25b": D("1200.00"),
        "25d": D("7010.40"),
        "33": D("7010.40"),
        "37": D("381.60"),
    },
    NAMES_2021,
)
RETURN_2020 = Return(
    2020,
    JOHN,
    "Single",
    {
        "1": D("38600"),
        "2b": D("88"),
        "3b": D("310"),
        "6a": D("14400"),
        "6b": D("3126"),
        "8": D("900"),
        "9": D("43024"),
        "11": D("43024"),
        "12": D("12400"),
        "15": D("30624"),
        "16": D("3437"),
        "24": D("3437"),
        "25a": D("3904"),
        "25d": D("3904"),
        "26": D("250"),
        "30": D("0"),
        "33": D("4154"),
        "34": D("717"),
        "35a": D("717"),
    },
    NAMES_2020,
)


RETURN_2023 = Return(2023, JOHN, "Single", AMOUNTS_2023, NAMES_2023, schedules=SCHEDULES_2023)
RETURN_2020_SCHEDULES = Return(
    2020, MARIA, "Single", AMOUNTS_2020_SCHEDULES, NAMES_2020_SCHEDULES, schedules=SCHEDULES_2020
)


def software_print(path: Path, ret: Return, lines: tuple[tuple[str, str], ...]) -> None:
    """A tax-software print: letter pages, the form's wording, dot leaders, line numbers
    and amounts with cents in a right column, two lines per row where the form has them."""
    pdf = Canvas(str(path), pagesize=letter, invariant=1)
    width, height = letter
    split = len(lines) // 2 + 2
    for page_no, chunk in enumerate((lines[:split], lines[split:]), start=1):
        y = height - 50
        pdf.setFont("Helvetica-Bold", 14)
        if page_no == 1:
            pdf.drawString(40, y, "Form 1040")
            pdf.setFont("Helvetica-Bold", 11)
            pdf.drawString(130, y, "U.S. Individual Income Tax Return")
            pdf.drawString(width - 90, y, str(ret.year))
            pdf.setFont("Helvetica", 7)
            y -= 24
            pdf.drawString(40, y, "Your first name and middle initial")
            pdf.drawString(220, y, "Last name")
            pdf.drawString(430, y, "Your social security number")
            pdf.setFont("Courier", 9)
            y -= 11
            pdf.drawString(40, y, ret.person.first_and_initial)
            pdf.drawString(220, y, ret.person.last)
            pdf.drawString(430, y, ret.person.ssn)
            y -= 22
            pdf.setFont("Helvetica", 8)
            pdf.drawString(40, y, "Filing Status")
            x = 110
            for status in STATUS_ON_STATE:
                pdf.rect(x, y - 1, 7, 7)
                if status == ret.status:
                    pdf.setFont("Courier-Bold", 9)
                    pdf.drawString(x + 0.5, y, "X")
                    pdf.setFont("Helvetica", 8)
                pdf.drawString(x + 10, y, status)
                x += 10 + pdf.stringWidth(status, "Helvetica", 8) + 14
            y -= 26
        else:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(40, y, f"Form 1040 ({ret.year})")
            pdf.drawRightString(width - 40, y, "Page 2")
            y -= 26
        _software_rows(pdf, y, chunk, ret.lines)
        pdf.setFont("Helvetica", 6)
        pdf.drawString(40, 30, f"Form 1040 ({ret.year})  Printed by TaxWorks Home 21.4")
        pdf.showPage()
    for sched in ret.schedules:
        _software_schedule(pdf, ret, sched)
    pdf.save()


def _software_rows(
    pdf: Canvas,
    y: float,
    rows: tuple[tuple[str, str], ...],
    amounts: dict[str, Decimal],
    before: dict[str, tuple[tuple[str, Decimal], ...]] | None = None,
) -> None:
    """`number wording . . . number amount` rows; `before` a line: listed items (payer and
    amount, no line number) printed under its wording, as Schedule B lists payers."""
    width = letter[0]
    pdf.setFont("Helvetica", 8)
    for number, wording in rows:
        pdf.drawString(40, y, number)
        pdf.drawString(62, y, wording)
        start = 66 + pdf.stringWidth(wording, "Helvetica", 8)
        pdf.drawString(start, y, " ." * int(max(0, 452 - start) / 4.5))
        pdf.drawRightString(470, y, number)
        amount = amounts.get(number)
        if amount is not None:
            pdf.setFont("Courier", 9)
            pdf.drawRightString(width - 40, y, f"{amount:,.2f}")
            pdf.setFont("Helvetica", 8)
        y -= 15
        for item, value in (before or {}).get(number, ()):
            pdf.drawString(80, y, item)
            pdf.setFont("Courier", 9)
            pdf.drawRightString(440, y, f"{value:,.2f}")
            pdf.setFont("Helvetica", 8)
            y -= 13


def _software_schedule(pdf: Canvas, ret: Return, sched: SchedulePrint) -> None:
    """One schedule page: `SCHEDULE X (Form 1040)`, its title and year, the name line,
    the lines."""
    width, height = letter
    y = height - 50
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(40, y, f"SCHEDULE {sched.code} (Form 1040)")
    pdf.drawString(230, y, sched.title)
    pdf.drawRightString(width - 40, y, str(ret.year))
    pdf.setFont("Helvetica", 7)
    y -= 14
    pdf.drawString(40, y, "Attach to Form 1040, 1040-SR, or 1040-NR.")
    y -= 16
    pdf.drawString(40, y, "Name(s) shown on return")
    pdf.drawString(430, y, "Your social security number")
    pdf.setFont("Courier", 9)
    y -= 11
    pdf.drawString(40, y, ret.person.name)
    pdf.drawString(430, y, ret.person.ssn)
    _software_rows(pdf, y - 28, sched.lines, sched.amounts, sched.rows_before)
    pdf.setFont("Helvetica", 6)
    pdf.drawString(40, 30, f"Schedule {sched.code} (Form 1040) {ret.year}  Printed by TaxWorks")
    pdf.showPage()


def preparer_print(path: Path, ret: Return, lines: tuple[tuple[str, str], ...]) -> None:
    """A preparer's print on legal-size paper: two pages, a sidebar, amounts in whole
    dollars right of a boxed line number, the firm's block at the foot of page 2."""
    size = legal
    pdf = Canvas(str(path), pagesize=size, invariant=1)
    width, height = size
    half = 19
    for page_no, chunk in enumerate((lines[:half], lines[half:]), start=1):
        y = height - 60
        if page_no == 1:
            pdf.setFont("Helvetica-Bold", 16)
            pdf.drawString(36, y, "1040")
            pdf.setFont("Helvetica", 7)
            pdf.drawString(80, y + 8, "Department of the Treasury—Internal Revenue Service (99)")
            pdf.setFont("Helvetica-Bold", 10)
            pdf.drawString(80, y - 4, "U.S. Individual Income Tax Return")
            pdf.setFont("Helvetica-Bold", 16)
            pdf.drawString(300, y, str(ret.year))
            y -= 30
            pdf.setFont("Helvetica", 7)
            pdf.drawString(40, y, "Filing Status")
            x = 100
            for status in STATUS_ON_STATE:
                pdf.rect(x, y - 1, 7, 7)
                if status == ret.status:
                    pdf.line(x + 1, y + 2, x + 3, y)  # a drawn tick, as preparer software does
                    pdf.line(x + 3, y, x + 6, y + 5)
                pdf.drawString(x + 10, y, status)
                x += 10 + pdf.stringWidth(status, "Helvetica", 7) + 12
            y -= 22
            pdf.drawString(40, y, "Your first name and middle initial")
            pdf.drawString(230, y, "Last name")
            pdf.drawString(440, y, "Your social security number")
            pdf.setFont("Helvetica", 10)
            y -= 13
            pdf.drawString(42, y, ret.person.first_and_initial)
            pdf.drawString(232, y, ret.person.last)
            pdf.drawString(442, y, ret.person.ssn)
            y -= 40
        else:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(36, y, f"Form 1040 ({ret.year})")
            pdf.drawRightString(width - 36, y, "Page 2")
            y -= 30
        pdf.setFont("Helvetica", 7)
        for number, wording in chunk:
            pdf.drawString(36, y + 10, "")
            pdf.drawString(70, y, number)
            pdf.drawString(88, y, wording)
            pdf.rect(478, y - 3, 18, 12)
            pdf.drawCentredString(487, y, number)
            amount = ret.lines.get(number)
            if amount is not None:
                pdf.setFont("Helvetica", 10)
                pdf.drawRightString(width - 40, y + 2, f"{amount:,.0f}")
                pdf.setFont("Helvetica", 7)
            pdf.line(500, y - 3, width - 36, y - 3)
            y -= 22
        if page_no == 2:
            pdf.setFont("Helvetica", 7)
            pdf.drawString(
                40, y - 20, "Paid Preparer Use Only   Preparer's name  ANN PREPARER  PTIN P00000000"
            )
            pdf.drawString(40, y - 32, "Firm's name  LAKESIDE TAX SERVICE   Firm's EIN 00-0000000")
        pdf.setFont("Helvetica", 6)
        pdf.drawString(36, 30, f"Form 1040 ({ret.year})")
        pdf.showPage()
    pdf.save()


# ------------------------------------------------------------------ Form 1040-X


@dataclass
class Amended:
    year: int
    person: Person
    status: str
    columns: dict[str, tuple[Decimal, Decimal, Decimal]]  # lines 1-15: A, B, C
    single: dict[str, Decimal]  # lines 16-23: one amount

    NAMES: ClassVar[dict[str, str]] = {
        "1": "adjusted_gross_income",
        "2": "deductions",
        "3": "agi_less_deductions",
        "5": "taxable_income",
        "6": "tax",
        "8": "tax_less_credits",
        "11": "total_tax",
        "12": "federal_income_tax_withheld",
        "17": "total_payments",
        "18": "original_overpayment",
        "19": "payments_less_overpayment",
        "20": "amount_you_owe",
    }

    def expected(self) -> dict:
        lines, fields = [], {"filing_status": self.status}
        for number, (a, b, c) in self.columns.items():
            name = self.NAMES[number]
            lines.append(
                {
                    "line": number,
                    "name": name,
                    "original": f"{a:.2f}",
                    "change": f"{b:.2f}",
                    "corrected": f"{c:.2f}",
                }
            )
            fields[name] = f"{c:.2f}"
        for number, c in self.single.items():
            name = self.NAMES[number]
            lines.append(
                {
                    "line": number,
                    "name": name,
                    "original": None,
                    "change": None,
                    "corrected": f"{c:.2f}",
                }
            )
            fields[name] = f"{c:.2f}"
        return {
            "doc_type": "1040-X",
            "tax_year": self.year,
            "recipient_tin_last4": self.person.last4,
            "fields": fields,
            "lines": lines,
        }


AMENDED_2023 = Amended(
    2023,
    JANE,
    "Single",
    {
        "1": (D("52000.00"), D("2345.67"), D("54345.67")),
        "2": (D("13850.00"), D("0.00"), D("13850.00")),
        "3": (D("38150.00"), D("2345.67"), D("40495.67")),
        "5": (D("38150.00"), D("2345.67"), D("40495.67")),
        "6": (D("4383.00"), D("516.00"), D("4899.00")),
        "8": (D("4383.00"), D("516.00"), D("4899.00")),
        "11": (D("4383.00"), D("516.00"), D("4899.00")),
        "12": (D("4600.00"), D("0.00"), D("4600.00")),
    },
    {"17": D("4600.00"), "18": D("217.00"), "19": D("4383.00"), "20": D("516.00")},
)


def amended_form(out: Path, amended: Amended) -> None:
    src = F1040X
    values: dict[str, FieldValue] = {}
    words, height = _words(src, 0)
    year_field = next(w for w in page_widgets(open_form(src), 0) if w.name.endswith("f1_01[0]"))
    values[year_field.name] = str(amended.year)
    values[field_below(src, 0, "Your first name and middle initial").name] = (
        amended.person.first_and_initial
    )
    values[field_below(src, 0, "Last name").name] = amended.person.last
    values[field_below(src, 0, "Your social security number").name] = amended.person.ssn_digits
    values[status_box(src, amended.status).name] = True
    by_number: dict[str, list[Widget]] = {}
    for w in page_widgets(open_form(src), 0):
        if w.checkbox:
            continue
        top, bottom = _top(w, height)
        cy = (top + bottom) / 2
        left = [
            t
            for t in words
            if abs((t["top"] + t["bottom"]) / 2 - cy) < 5 and t["x1"] <= w.rect[0] + 2
        ]
        if left:
            by_number.setdefault(max(left, key=lambda t: t["x1"])["text"], []).append(w)
    for number, (a, b, c) in amended.columns.items():
        cells = sorted(by_number[number], key=lambda w: w.rect[0])[-3:]
        for w, amount in zip(cells, (a, b, c), strict=True):
            values[w.name] = f"{amount:,.2f}"
    for number, c in amended.single.items():
        cell = max(by_number[number], key=lambda w: w.rect[0])
        values[cell.name] = f"{c:,.2f}"
    filled = out / f"f1040x_{amended.year}_fillable.pdf"
    flat = out / f"f1040x_{amended.year}_flattened.pdf"
    fill_form(src, filled, values, pages=[0, 1])
    fill_form(src, flat, values, pages=[0, 1], flatten=True)
    write_expected(filled, [amended.expected()])
    write_expected(flat, [amended.expected()])


def generate(root: Path) -> None:
    out = root / "returns"
    out.mkdir(parents=True, exist_ok=True)
    official(out, RETURN_2024, "f1040_2024", scan_seed=1040)
    official(out, RETURN_2025, "f1040_2025")
    software_print(out / "f1040_2021_software.pdf", RETURN_2021, LINES_2021)
    write_expected(out / "f1040_2021_software.pdf", [RETURN_2021.expected()])
    preparer = out / "f1040_2020_preparer_legal.pdf"
    preparer_print(preparer, RETURN_2020, LINES_2020)
    write_expected(preparer, [RETURN_2020.expected()])
    scan = out / "f1040_2020_preparer_legal_scan200.pdf"
    rasterise_and_degrade(preparer, scan, dpi=200, skew_deg=-0.6, noise=0.3, seed=2020)
    write_expected(scan, [RETURN_2020.expected()])
    amended_form(out, AMENDED_2023)
    software_print(out / "f1040_2023_schedules.pdf", RETURN_2023, LINES_2023)
    write_expected(out / "f1040_2023_schedules.pdf", [RETURN_2023.expected()])
    scan = out / "f1040_2023_schedules_scan300.pdf"
    rasterise_and_degrade(
        out / "f1040_2023_schedules.pdf", scan, dpi=300, skew_deg=0.3, noise=0.2, seed=2023
    )
    write_expected(scan, [RETURN_2023.expected()])
    older = out / "f1040_2020_schedules.pdf"
    software_print(older, RETURN_2020_SCHEDULES, LINES_2020_SCHEDULES)
    write_expected(older, [RETURN_2020_SCHEDULES.expected()])


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1])
