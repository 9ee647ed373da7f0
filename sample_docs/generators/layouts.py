"""Every catalogue form drawn in many layout families, with pages that are not forms.

A document is drawn from the catalogue (`extractors/catalog/*.toml`): its boxes, numbers
and wordings, with values the generator picks and writes into the expected JSON. Families:

- `irs_grid`: the IRS box grid (number and label at a cell's top, the value under it);
- `copies`: the grid as a 2-up or 3-up copy sheet (Copy B, Copy C, Copy 2);
- `four_up`: four compact copies in the quarters of one page (Copy B, C, 2 and 1), as
  payroll and payment processors print them;
- `line_list`: a bank's statement, one line per box (`1 Interest income  1,234.56`), the
  form as a heading and the year in the statement's heading;
- `box_colon`: `Box 1: Interest income  $1,234.56`;
- `table`: a ruled `Box | Description | Amount` table, columns in either order;
- `dot_leader`: a broker's summary (`1a Total Ordinary Dividends ....... 1,234.56`) after
  a cover page with a table of contents;
- `monthly`: a statement whose amounts by month (a 1099-K's boxes 5a-5l) stand in a table,
  one row per month or the months across in two rows of six, every month printed; drawn
  only for forms with such boxes (`family_forms`);
- `bank_letter`: a bank's year-end tax letter (letterhead, address block, `Dear ...:`,
  paragraphs, one or two tables of the boxes, one or two pairs of columns a row, ruled or
  not, the box number in its column or in the wording, footnotes);
- `side_by_side`: a statement whose boxes stand in two columns of unequal length, values
  right-aligned at each column's edge;
- `columns`: a two-column statement, columns of unequal widths a narrow gutter apart,
  labels numbered or not and wrapped, values right-aligned beside or under them;
- `boxed_letter`: a payer's letter whose boxes stand in a boxed table, columns in varied
  orders, amounts aligned three ways, wordings wrapped and hyphenated, parties in boxes;
- `pairs`: label-value pairs in two columns, labels numbered in many ways or not, values
  at a tab stop, right-aligned, after a colon or under the label;
- `gutter_pairs`: label-value pairs in two columns side by side, the parties' TINs among
  them, labels wrapped (a word or two a line in a narrow column) with a colon or not,
  values right-aligned at each column's edge (the left column's a narrow gutter before the
  right column's labels) or a blank after the label;
- `letter` and `two_column` (held out: never written to sample_docs/ nor used by tests;
  `bench/layout_robustness.py` draws them fresh): a letter with a boxed table, and
  label-value pairs in two columns.

Wording varies (case, punctuation), as do fonts, sizes, amount formats, right-aligned or
after-label values. Pages that are about a form without being one (an earnings summary,
instructions, a table of contents, a cover letter, an escrow table) are added before or
after some documents; they must give no record.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from backtax.extractors import catalog
from sample_docs.generators.expected import write_expected
from sample_docs.generators.people import PEOPLE, Company, Person
from sample_docs.generators.scan import rasterise_and_degrade

W, H = letter
TESTED = ("irs_grid", "copies", "line_list", "box_colon", "table", "dot_leader", "four_up",
          "monthly", "bank_letter", "side_by_side", "columns", "boxed_letter", "pairs",
          "gutter_pairs")  # fmt: skip
HELD_OUT = ("letter", "two_column")
FAMILIES = (*TESTED, *HELD_OUT)
# Forms whose record is not the boxes alone (1099-B totals, SSA-1099's printed years,
# W-2c's two columns) are drawn by their own sample families.
SKIPPED = ("1099-B", "SSA-1099", "W-2c")
DRAWN_KINDS = ("money", "date", "int", "year", "code")
FONTS = (("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold"),
         ("Courier", "Courier-Bold"))  # fmt: skip

PAYERS = (
    Company("FIRST PRAIRIE SAVINGS BANK", "36-4021987", "410 MAIN ST", "DECATUR IL 62523",
            "IL", "8841-2203"),
    Company("NORTHWIND CAPITAL MARKETS LLC", "13-5550142", "1 PARK PLZ FL 9",
            "NEW YORK NY 10016", "NY", "55-101442"),
    Company("CASCADE PAYROLL SERVICES INC", "91-2087345", "77 RAINIER AVE",
            "TACOMA WA 98402", "WA", "600-221-845"),
    Company("STATE DEPT OF LABOR AND INDUSTRY", "23-6003113", "651 BOAS ST",
            "HARRISBURG PA 17121", "PA", "77-0012"),
    Company("MERIDIAN HOME LENDING CORP", "52-1889034", "2 CHARLES CTR",
            "BALTIMORE MD 21201", "MD", "D-4410982"),
)  # fmt: skip
PAYER_TIN_LABELS = ("PAYER'S TIN", "Payer's TIN", "Payer's federal identification number",
                    "Payer's Federal ID", "Federal ID Number", "Payer EIN")  # fmt: skip
RECIPIENT_TIN_LABELS = ("RECIPIENT'S TIN", "Recipient's TIN", "Taxpayer ID",
                        "Recipient's identification number", "Your TIN")  # fmt: skip
W2_TIN_LABELS = ("Employer identification number (EIN)", "Employer ID number (EIN)", "EIN",
                 "Employer's FED ID number")  # fmt: skip
W2_SSN_LABELS = ("Employee's social security number", "Employee's SSN", "SSN")
HEADINGS = ("{year} Tax Statement", "Tax Year {year}", "Statement for tax year {year}",
            "{year} TAX REPORTING DOCUMENT", "Annual tax statement {year}")  # fmt: skip


@dataclass
class Box:
    name: str
    number: str
    label: str
    kind: str
    printed: str
    value: Any


@dataclass
class Doc:
    """One form to draw: who, which year, which boxes with which values."""

    form: catalog.CatalogForm
    year: int
    payer: Company
    recipient: Person
    boxes: list[Box]
    account: str
    fonts: tuple[str, str]
    size: float
    payer_tin_label: str
    recipient_tin_label: str
    masked_ssn: bool
    money_style: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_w2(self) -> bool:
        return self.form.doc_type == "W-2"

    @property
    def title(self) -> str:
        return self.form.titles[0] if self.form.titles else self.form.doc_type

    @property
    def ssn(self) -> str:
        return f"XXX-XX-{self.recipient.last4}" if self.masked_ssn else self.recipient.ssn

    def expected(self, pages: list[int]) -> dict[str, Any]:
        fields = {b.name: b.value for b in self.boxes}
        if self.account and any(b.name == "account_number" for b in self.form.boxes):
            fields["account_number"] = self.account
        return {
            "doc_type": self.form.doc_type,
            "tax_year": self.year,
            "corrected": False,
            "pages": pages,
            "payer_tin": self.payer.ein,
            "payer_name": self.payer.name,
            "recipient_tin_last4": self.recipient.last4,
            "recipient_name": self.recipient.name,
            "fields": fields,
        }


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def forms() -> list[catalog.CatalogForm]:
    return [f for f in catalog.forms().values() if f.doc_type not in SKIPPED]


def _monthly(box: catalog.CatalogBox) -> bool:
    return box.kind == "money" and any(label in MONTHS for label in box.labels)


def family_forms(family: str) -> list[catalog.CatalogForm]:
    """The forms a family draws: every drawn form, the `monthly` family only those with
    amounts by month."""
    every = forms()
    if family == "monthly":
        return [f for f in every if sum(_monthly(b) for b in f.boxes) == len(MONTHS)]
    return every


def _wordings(box: catalog.CatalogBox) -> list[str]:
    """The box's whole wordings: its labels that are no run of a longer one's words nor
    start in lower case (the catalogue's lines of a wrapped wording, `Fair market value
    of`, `code(s)`, `desig. Roth contrib.`)."""
    toks = [tuple(_catalogue_words(label)) for label in box.labels]
    return [
        label
        for label, t in zip(box.labels, toks, strict=True)
        if not label[:1].islower()
        and not any(
            len(o) > len(t) and any(o[i : i + len(t)] == t for i in range(len(o) - len(t) + 1))
            for o in toks
        )
    ]


def _catalogue_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _label(box: catalog.CatalogBox, rng: random.Random) -> str:
    """The box's wording, in the case a printer might use: its full wording (its longest
    label), or another whole wording the catalogue holds for it (the IRS's and printers')."""
    label = max(box.labels, key=len)
    if rng.random() < 0.35:
        label = rng.choice(_wordings(box))
    style = rng.random()
    if style < 0.25:
        return label.upper()
    if style < 0.5:
        return " ".join(w[:1].upper() + w[1:] for w in label.split())
    return label


def _money_text(value: Decimal, style: int, whole: bool = False) -> str:
    """An amount as a statement prints it; a whole-dollar amount maybe without its cents
    (`$1,250`), as some printers do."""
    text, bare = f"{value:,.2f}", f"{value:.2f}"
    if whole and value == value.to_integral_value():
        text, bare = f"{value:,.0f}", f"{value:.0f}"
    return (text, f"${text}", f"$ {text}", bare)[style]


def _value(box: catalog.CatalogBox, year: int, rng: random.Random) -> tuple[str, Any] | None:
    """What a box shows (printed text, expected value), or None for a box not drawn."""
    if box.kind == "money":
        cents = rng.choice((rng.randint(100, 99_999), rng.randint(100_000, 9_999_999)))
        amount = Decimal(cents) / 100
        return f"{amount:.2f}", f"{amount:.2f}"
    if box.kind == "date":
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        return f"{month:02d}/{day:02d}/{year}", f"{year}-{month:02d}-{day:02d}"
    if box.kind == "int":
        n = rng.randint(1, 3) if "number" in box.name else rng.randint(10, 90)
        return str(n), n
    if box.kind == "year":
        return str(year - 1), year - 1
    if box.kind == "code":
        code = rng.choice(("7", "1", "G", "A", "D"))
        return code, code
    return None


def make_doc(form: catalog.CatalogForm, rng: random.Random, every_month: bool = False) -> Doc:
    """A form's values; with `every_month`, every amount by month is among them."""
    year = rng.choice((2022, 2023, 2024, 2025))
    drawable = [b for b in form.boxes if b.kind in DRAWN_KINDS and not b.name.startswith("_")]
    money = [b for b in drawable if b.kind == "money"]
    chosen = {b.name for b in rng.sample(money, k=min(len(money), rng.randint(2, 6)))}
    if every_month:
        chosen |= {b.name for b in money if _monthly(b)}
    if form.primary and any(b.name == form.primary for b in money):
        chosen.add(form.primary)
    chosen |= {b.name for b in drawable if b.kind != "money" and rng.random() < 0.5}
    money_style = rng.randrange(4)
    whole = rng.random() < 0.25  # this printer drops `.00`; half its amounts are whole dollars
    boxes = []
    for b in drawable:
        if b.name not in chosen:
            continue
        shown = _value(b, year, rng)
        if shown is None:
            continue
        printed, value = shown
        if b.kind == "money" and whole and rng.random() < 0.5 and Decimal(printed) >= 100:
            # (a bare `38` would read as a box's number: no engine, nor reader, takes it)
            printed = value = f"{Decimal(printed).to_integral_value():.2f}"
        if b.kind == "money":
            printed = _money_text(Decimal(printed), money_style, whole)
        boxes.append(Box(b.name, b.number, _label(b, rng), b.kind, printed, value))
    w2 = form.doc_type == "W-2"
    return Doc(
        form=form,
        year=year,
        payer=rng.choice(PAYERS),
        recipient=rng.choice(PEOPLE),
        boxes=boxes,
        account=f"{rng.randint(100, 999)}-{rng.randint(10000, 99999)}",
        fonts=rng.choice(FONTS),
        size=rng.choice((8.0, 9.0, 10.0)),
        payer_tin_label=rng.choice(W2_TIN_LABELS if w2 else PAYER_TIN_LABELS),
        recipient_tin_label=rng.choice(W2_SSN_LABELS if w2 else RECIPIENT_TIN_LABELS),
        masked_ssn=rng.random() < 0.5,
        money_style=money_style,
    )


# ---------------------------------------------------------------- drawing helpers


class Page:
    """A reportlab canvas addressed from the top of the page."""

    def __init__(self, c: Canvas, doc: Doc | None = None) -> None:
        self.c = c
        self.fonts = doc.fonts if doc else FONTS[0]

    def text(self, x: float, top: float, text: str, size: float = 9, bold: bool = False,
             right: bool = False) -> None:  # fmt: skip
        self.c.setFont(self.fonts[1] if bold else self.fonts[0], size)
        if right:
            self.c.drawRightString(x, H - top, text)
        else:
            self.c.drawString(x, H - top, text)

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return self.c.stringWidth(text, self.fonts[1] if bold else self.fonts[0], size)

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """`text` in lines no wider than `width` points."""
        lines: list[str] = []
        for word in text.split():
            if lines and self.width(f"{lines[-1]} {word}", size) <= width:
                lines[-1] += " " + word
            else:
                lines.append(word)
        return lines

    def rect(self, x0: float, top: float, x1: float, bottom: float) -> None:
        self.c.rect(x0, H - bottom, x1 - x0, bottom - top)

    def hline(self, x0: float, x1: float, top: float) -> None:
        self.c.line(x0, H - top, x1, H - top)


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _form_heading(doc: Doc, rng: random.Random) -> str:
    number = doc.form.form_numbers[0]
    return rng.choice((f"Form {number} {doc.title}", f"FORM {number} - {doc.title.upper()}",
                       f"{number} {doc.title}", f"Form {number}: {doc.title}"))  # fmt: skip


def _party_block(p: Page, doc: Doc, top: float, rng: random.Random) -> float:
    """Payer and recipient as a statement prints them: name blocks, then TINs as
    `label: value` rows. Returns the top of the next free line."""
    s = doc.size
    who = ("Employer", "Employee") if doc.is_w2 else ("Payer", "Recipient")
    p.text(40, top, doc.payer.name, s + 3, bold=True)
    p.text(40, top + s + 4, doc.payer.street, s)
    p.text(40, top + 2 * s + 7, doc.payer.city_state_zip, s)
    y = top + 3 * s + 20
    p.text(40, y, f"{who[1]}:", s, bold=True)
    p.text(40, y + s + 3, doc.recipient.name, s)
    p.text(40, y + 2 * s + 6, doc.recipient.street, s)
    p.text(40, y + 3 * s + 9, doc.recipient.city_state_zip, s)
    rows = [(doc.payer_tin_label, doc.payer.ein), (doc.recipient_tin_label, doc.ssn)]
    if any(b.name == "account_number" for b in doc.form.boxes):
        rows.append(("Account number", doc.account))
    for i, (label, value) in enumerate(rows):
        p.text(330, y + i * (s + 4), f"{label}:", s)
        p.text(330 + p.width(f"{label}: ", s) + rng.choice((2, 30)), y + i * (s + 4), value, s)
    return y + 4 * s + 28


# ---------------------------------------------------------------- families


def _party_labels(doc: Doc) -> tuple[str, str, str, str]:
    """Payer TIN, recipient TIN, payer name and recipient name labels, in the form's own
    wording as the IRS grid prints it."""
    if doc.is_w2:
        return ("b Employer identification number (EIN)", "a Employee's SSN",
                "c Employer's name, address, and ZIP code",
                "e Employee's first name and initial Last name")  # fmt: skip
    parties = doc.form.parties
    return (parties.get("payer_tin_labels", ("PAYER'S TIN",))[0],
            parties.get("recipient_tin_labels", ("RECIPIENT'S TIN",))[0],
            parties.get("payer_name_labels", ("PAYER'S name",))[0],
            parties.get("recipient_name_labels", ("RECIPIENT'S name",))[-1])  # fmt: skip


@dataclass(frozen=True)
class Cells:
    """Numbered box cells of a grid: the cell's height, the label's size and line step
    (its first line that far below the cell's top), the value's size and drop."""

    height: float
    label: float
    step: float
    value: float
    drop: float


GRID_CELLS = Cells(30, 6, 7, 8.5, 26)
QUARTER_CELLS = Cells(24, 5.5, 6, 8, 21)  # a 4-up sheet's smaller print


def _box_cells(p: Page, boxes: list[Box], left: float, top: float, width: float, columns: int,
               cells: Cells, right_aligned: bool) -> float:  # fmt: skip
    """Draw `boxes` as rows of `columns` cells from (`left`, `top`); the rows' bottom."""
    for i in range(0, len(boxes), columns):
        for j, box in enumerate(boxes[i : i + columns]):
            x = left + width * j
            p.rect(x, top, x + width, top + cells.height)
            wrapped = p.wrap(f"{box.number} {box.label}", width - 4, cells.label)[:2]
            for k, line in enumerate(wrapped):
                p.text(x + 2, top + cells.step + cells.step * k, line, cells.label)
            if right_aligned:
                p.text(x + width - 4, top + cells.drop, box.printed, cells.value, right=True)
            else:
                p.text(x + 6, top + cells.drop, box.printed, cells.value)
        top += cells.height
    return top


def draw_grid(p: Page, doc: Doc, rng: random.Random, copy: str = "Copy B") -> None:
    """The IRS box grid: party cells on the left, numbered box cells on the right."""
    tin_label, ssn_label, payer_label, recipient_label = _party_labels(doc)
    left = [(40, 120, payer_label, [doc.payer.name, doc.payer.street, doc.payer.city_state_zip]),
            (150, 195, recipient_label, [doc.recipient.name, doc.recipient.street])]  # fmt: skip
    if any(b.name == "account_number" for b in doc.form.boxes):
        left.append((195, 222, "Account number (see instructions)", [doc.account]))
    for top, bottom, label, lines in left:
        p.rect(36, top, 300, bottom)
        wrapped = p.wrap(label, 258, 6)[:2]
        for k, line in enumerate(wrapped):
            p.text(39, top + 7 + 7 * k, line, 6)
        for i, line in enumerate(lines):
            p.text(42, top + 13 + 7 * len(wrapped) + 10 * i, line, 9)
    for x0, label, value in ((36, tin_label, doc.payer.ein), (168, ssn_label, doc.ssn)):
        p.rect(x0, 120, x0 + 132, 150)
        p.text(x0 + 3, 127, p.wrap(label, 126, 6)[0], 6)
        p.text(x0 + 10, 143, value, 9)
    columns = rng.choice((2, 3))
    width = 200 / columns if columns == 2 else 70
    top = 40.0
    top = _box_cells(p, doc.boxes, 300, top, width, columns, GRID_CELLS, rng.random() < 0.6)
    x = 305 + width * columns
    p.text(x, 50, "OMB No. 1545-0110", 6)
    p.text(x, 64, f"Form {doc.form.form_numbers[0]}", 9, bold=True)
    p.text(x, 78, "For calendar year", 6)
    p.text(x, 94, str(doc.year), 13, bold=True)
    for i, line in enumerate(_wrap(doc.title, 16)):
        p.text(x, 110 + 10 * i, line, 8, bold=True)
    p.text(x, 170, copy, 9, bold=True)


def fam_irs_grid(c: Canvas, doc: Doc, rng: random.Random) -> int:
    draw_grid(Page(c, doc), doc, rng)
    return 1


def fam_copies(c: Canvas, doc: Doc, rng: random.Random) -> int:
    """Two or three copies of the grid stacked on one page, a dashed cut line between.
    (Four-up sheets of the W-2 samples are drawn natively small by sample_docs/w2.)"""
    n = rng.choice((2, 3))
    names = ("Copy B For Recipient", "Copy C For Payer", "Copy 2 To be filed")
    pitch = H / n
    for i in range(n):
        c.saveState()
        c.translate(0, -pitch * i)
        draw_grid(Page(c, doc), doc, random.Random(rng.random()), names[i])
        c.restoreState()
        if i:
            c.setDash(3, 3)
            c.line(20, H - pitch * i + 8, W - 20, H - pitch * i + 8)
            c.setDash()
    return 1


def draw_quarter(p: Page, doc: Doc, rng: random.Random, x: float, y: float, copy: str) -> None:
    """One compact copy in the 306 x 396 point quarter at (x, y): title strip, party cells,
    then the box cells two or three across."""
    tin_label, ssn_label, payer_label, recipient_label = _party_labels(doc)
    x0, x1 = x + 14, x + 292
    p.text(x1, y + 12, copy, 6.5, bold=True, right=True)
    p.text(x0, y + 24, f"Form {doc.form.form_numbers[0]}", 9, bold=True)
    p.text(x0 + 78, y + 24, str(doc.year), 12, bold=True)  # large, as the forms print it
    p.text(x0 + 118, y + 24, doc.title, 7, bold=True)
    top = y + 30
    cells = [(x0, x1, payer_label, [doc.payer.name, doc.payer.street, doc.payer.city_state_zip]),
             (x0, (x0 + x1) / 2, tin_label, [doc.payer.ein]),
             ((x0 + x1) / 2, x1, ssn_label, [doc.ssn]),
             (x0, x1, recipient_label, [doc.recipient.name, doc.recipient.street])]  # fmt: skip
    if any(b.name == "account_number" for b in doc.form.boxes):
        cells.append((x0, x1, "Account number (see instructions)", [doc.account]))
    for i, (a, b, label, lines) in enumerate(cells):
        bottom = top + 12 + 9 * len(lines)
        p.rect(a, top, b, bottom)
        p.text(a + 2, top + 6, p.wrap(label, b - a - 4, 5.5)[0], 5.5)
        for k, line in enumerate(lines):
            p.text(a + 4, top + 15 + 9 * k, line, 7.5)
        if i != 1:  # the two TIN cells share a row
            top = bottom
    columns = 2 if len(doc.boxes) <= 10 else 3
    width = (x1 - x0) / columns
    top = _box_cells(p, doc.boxes, x0, top, width, columns, QUARTER_CELLS, rng.random() < 0.6)


def fam_four_up(c: Canvas, doc: Doc, rng: random.Random) -> int:
    """Four compact copies in the page's quarters, cut lines between them."""
    p = Page(c, doc)
    names = ("Copy B For Recipient", "Copy C For Recipient's records", "Copy 2 To be filed",
             "Copy 1 For State")  # fmt: skip
    for i, name in enumerate(names):
        draw_quarter(p, doc, random.Random(rng.random()), W / 2 * (i % 2), H / 2 * (i // 2), name)
    c.setDash(3, 3)
    c.line(W / 2, 10, W / 2, H - 10)
    c.line(10, H / 2, W - 10, H / 2)
    c.setDash()
    return 1


def _statement_top(p: Page, doc: Doc, rng: random.Random) -> float:
    s = doc.size
    heading = rng.choice(HEADINGS).format(year=doc.year)
    p.text(572, 40, heading, s + 4, bold=True, right=True)
    top = _party_block(p, doc, 40, rng)
    p.text(40, top, _form_heading(doc, rng), s + 2, bold=True)
    return top + s + 14


def fam_line_list(c: Canvas, doc: Doc, rng: random.Random) -> int:
    p = Page(c, doc)
    top = _statement_top(p, doc, rng)
    s = doc.size
    value_x = rng.choice((400.0, 560.0))
    for box in doc.boxes:
        value_x0 = value_x - p.width(box.printed, s) if value_x > 500 else value_x
        lines = p.wrap(box.label, value_x0 - 76, s)  # a label never runs into its value
        p.text(40, top, box.number, s)
        for k, line in enumerate(lines):
            p.text(66, top + k * (s + 2), line, s)
        p.text(value_x, top, box.printed, s, right=value_x > 500)
        top += (len(lines) - 1) * (s + 2) + s + rng.choice((5, 8))
    return 1


def fam_box_colon(c: Canvas, doc: Doc, rng: random.Random) -> int:
    p = Page(c, doc)
    top = _statement_top(p, doc, rng)
    s = doc.size
    after = rng.random() < 0.5
    for box in doc.boxes:
        head = f"Box {box.number}: {box.label}" if box.number else f"{box.label}:"
        p.text(40, top, head, s)
        if after:
            p.text(40 + p.width(head, s) + 12, top, box.printed, s)
        else:
            p.text(560, top, box.printed, s, right=True)
        top += s + 6
    return 1


def fam_table(c: Canvas, doc: Doc, rng: random.Random) -> int:
    p = Page(c, doc)
    top = _statement_top(p, doc, rng)
    s = doc.size
    box_first = rng.random() < 0.6
    heads = (rng.choice(("Box", "Box No.")), "Description", rng.choice(("Amount", "Amount ($)")))
    xs = (44, 90) if box_first else (370, 44)  # x of the box column, of the description
    p.hline(40, 572, top - s - 3)
    p.text(xs[0], top, heads[0], s, bold=True)
    p.text(xs[1], top, heads[1], s, bold=True)
    p.text(566, top, heads[2], s, bold=True, right=True)
    p.hline(40, 572, top + 4)
    for box in doc.boxes:
        top += s + 8
        p.text(xs[0], top, box.number, s)
        p.text(xs[1], top, box.label, s)
        p.text(566, top, box.printed, s, right=True)
        p.hline(40, 572, top + 4)
    return 1


def _leader_line(p: Page, x0: float, x1: float, top: float, label: str, value: str,
                 s: float) -> None:  # fmt: skip
    p.text(x0, top, label, s)
    start = x0 + p.width(label, s) + 4
    end = x1 - p.width(value, s) - 4
    dots = int(max(0, end - start) / p.width(".", s))
    p.text(start, top, "." * dots, s)
    p.text(x1, top, value, s, right=True)


def fam_dot_leader(c: Canvas, doc: Doc, rng: random.Random) -> int:
    """A cover page with a table of contents, then the form's summary with dot leaders."""
    p = Page(c, doc)
    s = doc.size
    p.text(40, 40, doc.payer.name, s + 4, bold=True)
    p.text(40, 60, f"{doc.year} Consolidated Tax Package", s + 2, bold=True)
    p.text(40, 80, f"Prepared for {doc.recipient.name}", s)
    p.text(40, 96, "Account No. " + doc.account, s)
    p.text(40, 130, "Table of Contents", s + 2, bold=True)
    entries = [(f"Form {doc.form.form_numbers[0]} {doc.title}", "2"),
               ("Supplemental Information", "3"), ("Instructions for Recipient", "4")]  # fmt: skip
    for i, (entry, page_no) in enumerate(entries):
        _leader_line(p, 40, 400, 150 + i * (s + 6), entry, page_no, s)
    c.showPage()
    p = Page(c, doc)
    top = _statement_top(p, doc, rng)
    for box in doc.boxes:
        label = " ".join(w[:1].upper() + w[1:] for w in box.label.split())
        _leader_line(p, 40, 560, top, f"{box.number} {label}".strip(), box.printed, s)
        top += s + 6
    return 2


def fam_monthly(c: Canvas, doc: Doc, rng: random.Random) -> int:
    """The statement's other boxes one a line, then the amounts by month in a table: one
    row per month (`5a  January  1,234.56`, the box number printed or not) or the months
    across, six to a row, each amount under its month."""
    p = Page(c, doc)
    top = _statement_top(p, doc, rng)
    s = doc.size
    months = [b for b in doc.boxes if b.label.lower() in {m.lower() for m in MONTHS}]
    for box in doc.boxes:
        if box not in months:
            p.text(40, top, f"{box.number} {box.label}".strip(), s)
            p.text(560, top, box.printed, s, right=True)
            top += s + 6
    first = months[0].number.rstrip("abcdefghijkl") if months else ""
    top += 10
    p.text(40, top, rng.choice((f"Box {first} Gross amount by month", "Monthly gross amounts",
                                "Gross payments by month")), s + 1, bold=True)  # fmt: skip
    top += s + 10
    numbered = rng.random() < 0.5
    case = rng.choice((str.upper, str.title))  # one printer, one case for every month
    for box in months:
        box.label = case(box.label)
    if rng.random() < 0.5:
        p.hline(40, 572, top - s - 3)
        p.text(44, top, "Month", s, bold=True)
        p.text(566, top, rng.choice(("Gross amount", "Amount")), s, bold=True, right=True)
        p.hline(40, 572, top + 4)
        for box in months:
            top += s + 7
            p.text(44, top, f"{box.number} {box.label}" if numbered else box.label, s)
            p.text(566, top, box.printed, s, right=True)
        p.hline(40, 572, top + 4)
        return 1
    width = 532 / 6
    for row in (months[:6], months[6:]):
        p.hline(40, 572, top - s - 3)
        for j, box in enumerate(row):
            x = 40 + width * j
            p.rect(x, top - s - 3, x + width, top + s + 12)
            p.text(x + 3, top, f"{box.number} {box.label}" if numbered else box.label, s - 1)
            p.text(x + width - 4, top + s + 8, box.printed, s, right=True)
        top += 2 * s + 24
    return 1


LETTER_OPENINGS = (
    "This letter shows the {year} tax information we reported to the Internal Revenue "
    "Service on Form {number}, {title}. Please keep it with your tax records.",
    "As required by federal law, {payer} has reported the amounts below to the IRS for tax "
    "year {year}. They are the same amounts that appear on your Form {number}.",
    "Thank you for banking with us. For your {year} federal income tax return, here is the "
    "information we reported to the IRS about your account on Form {number}.",
)  # fmt: skip
LETTER_CLOSINGS = (
    "If you believe any of this information is incorrect, please call us at 1-800-555-0142 "
    "before you file your return. We cannot give tax advice; please consult a tax professional.",
    "This information is also being furnished to the Internal Revenue Service. You may need "
    "it to complete your tax return. Questions? Visit any branch or call 1-888-555-0199.",
)  # fmt: skip
FOOTNOTES = (
    "* Amounts are shown in U.S. dollars. Boxes not listed had nothing to report.",
    "* Report these amounts on your return as the instructions for Form {number} direct.",
    "* A box left out of this table was not reported for your account.",
)  # fmt: skip
TABLE_HEADS = (("Box", "IRS Box", "Box No.", "Box #"),
               ("Description", "Reported to the IRS as", "Item", "Type of income"),
               ("Amount", "Amount Reported", "{year} Amount", "Total"))  # fmt: skip


def _letter_head(p: Page, doc: Doc, rng: random.Random) -> float:
    """A bank's letterhead, the date, the address block, the account and TIN lines and the
    salutation; the top of the letter's first paragraph."""
    s = doc.size
    p.text(40, 40, doc.payer.name, s + 5, bold=True)
    p.text(40, 40 + s + 6, f"{doc.payer.street}  |  {doc.payer.city_state_zip}", s - 1)
    p.text(40, 40 + 2 * s + 10, "Customer Service 1-800-555-0142  |  www.example-bank.com", s - 1)
    p.hline(40, 572, 40 + 2 * s + 16)
    top = 40 + 3 * s + 30
    p.text(40, top, f"January {rng.randint(15, 31)}, {doc.year + 1}", s)
    top += 2 * s + 10
    for line in (doc.recipient.name, doc.recipient.street, doc.recipient.city_state_zip):
        p.text(40, top, line, s)
        top += s + 3
    rows = [(doc.payer_tin_label, doc.payer.ein), (doc.recipient_tin_label, doc.ssn)]
    if any(b.name == "account_number" for b in doc.form.boxes):
        rows.insert(0, (rng.choice(("Account number", "Account Number")), doc.account))
    x = rng.choice((40.0, 340.0))
    top = top + s if x < 100 else top - 3 * (s + 3)
    for label, value in rows:
        p.text(x, top, f"{label}:", s)
        p.text(x + p.width(f"{label}: ", s) + rng.choice((2, 24)), top, value, s)
        top += s + 3
    top = max(top, 40 + 3 * s + 30 + 2 * s + 10 + 3 * (s + 3)) + s + 8
    p.text(40, top, f"Re: Your {doc.year} tax information", s, bold=True)
    top += 2 * s + 6
    p.text(40, top, f"Dear {doc.recipient.first.title()} {doc.recipient.last.title()}:", s)
    return top + 2 * s + 4


def _paragraph(p: Page, text: str, top: float, s: float, width: float = 530) -> float:
    for line in p.wrap(text, width, s):
        p.text(40, top, line, s)
        top += s + 3
    return top + s


def _letter_table(p: Page, doc: Doc, boxes: list[Box], top: float,
                  rng: random.Random) -> float:  # fmt: skip
    """The letter's table: `Box | Description | Amount` (or the box in the description),
    one or two pairs of columns a row, ruled as a grid, by rows or not at all, labels
    wrapped in a narrow column; the table's bottom."""
    s = doc.size
    pairs = 2 if len(boxes) >= 4 and rng.random() < 0.4 else 1
    box_column = rng.random() < 0.6
    ruling = rng.choice(("grid", "rows", "none"))
    heads = [rng.choice(choices).format(year=doc.year) for choices in TABLE_HEADS]
    span = 532 / pairs
    amount_w = 70.0
    box_w = 40.0 if box_column else 0.0
    label_w = span - box_w - amount_w - 14
    per = -(-len(boxes) // pairs)
    columns = [boxes[i * per : (i + 1) * per] for i in range(pairs)]
    rows: list[list[tuple[Box, list[str]]]] = []
    for col in columns:
        cells = []
        for box in col:
            label = box.label
            if not box_column and box.number:
                label = rng.choice((f"Box {box.number} - {label}", f"{label} (Box {box.number})"))
            cells.append((box, p.wrap(label, label_w, s)))
        rows.append(cells)
    at_bottom = rng.random() < 0.3  # the amount on a wrapped label's last line
    y = top
    x_rule = [40 + span * k for k in range(pairs + 1)]
    if ruling != "none":
        p.hline(40, 572, y - s - 3)
    for k in range(pairs):
        x = 40 + span * k
        if box_column:
            p.text(x + 4, y, heads[0], s, bold=True)
        p.text(x + box_w + 6, y, heads[1], s, bold=True)
        p.text(x + span - 6, y, heads[2], s, bold=True, right=True)
    y += 6
    if ruling != "none":
        p.hline(40, 572, y - 2)
    head_top = top - s - 3
    for i in range(per):
        height = max(len(col[i][1]) if i < len(col) else 1 for col in rows)
        y += s + 5
        for k, col in enumerate(rows):
            if i >= len(col):
                continue
            box, lines = col[i]
            x = 40 + span * k
            if box_column:
                p.text(x + 4, y, box.number, s)
            for j, line in enumerate(lines):
                p.text(x + box_w + 6, y + j * (s + 2), line, s)
            drop = (len(lines) - 1) * (s + 2) if at_bottom else 0
            p.text(x + span - 6, y + drop, box.printed, s, right=True)
        y += (height - 1) * (s + 2)
        if ruling != "none":
            p.hline(40, 572, y + 4)
    if ruling == "grid":
        for k in range(pairs):
            x = 40 + span * k
            walls = [x + box_w] if box_column else []
            walls.append(x + span - amount_w - 4)
            for wx in walls:
                p.c.line(wx, H - head_top, wx, H - (y + 4))
        for wx in x_rule:
            p.c.line(wx, H - head_top, wx, H - (y + 4))
    return y + 4


def fam_bank_letter(c: Canvas, doc: Doc, rng: random.Random) -> int:
    """A bank's year-end tax letter: letterhead, address block, `Dear ...`, paragraphs on
    what was reported for the year, a table of the form's boxes (`_letter_table`), maybe
    split in two tables under their own headings, footnotes and a closing."""
    p = Page(c, doc)
    s = doc.size
    top = _letter_head(p, doc, rng)
    number = doc.form.form_numbers[0]
    what = dict(year=doc.year, number=number, title=doc.title, payer=doc.payer.name.title())
    top = _paragraph(p, rng.choice(LETTER_OPENINGS).format(**what), top, s)
    money = [b for b in doc.boxes if b.kind == "money"]
    other = [b for b in doc.boxes if b.kind != "money"]
    parts = [doc.boxes]
    if other and money and rng.random() < 0.4:
        parts = [money, other]
    headings = (f"Form {number} - {doc.title}", "Other information reported")
    for k, boxes in enumerate(parts):
        top += 4
        if len(parts) > 1 or rng.random() < 0.6:
            p.text(40, top, headings[k] if len(parts) > 1 else headings[0], s + 1, bold=True)
            top += 2 * s + 8
        else:
            top += s + 4
        top = _letter_table(p, doc, boxes, top, rng) + s + 6
    for note in rng.sample(FOOTNOTES, k=rng.randint(0, 2)):
        p.text(40, top, note.format(number=number), s - 1.5)
        top += s + 1
    top = _paragraph(p, rng.choice(LETTER_CLOSINGS), top + s, s)
    p.text(40, top + 4, "Sincerely,", s)
    p.text(40, top + 2 * s + 12, "Tax Reporting Department", s)
    return 1


def _column_rows(p: Page, doc: Doc, boxes: list[Box], x0: float, x1: float, top: float,
                 style: str, rng: random.Random) -> float:  # fmt: skip
    """One column of a side-by-side statement from `x0` to `x1`: each box a row,
    `1  Label  value` (the number in its own column), `Box 1: Label  value` or
    `1 Label ..... value`, the value right-aligned at the column's edge, a label too long
    for the column wrapped under itself; the column's bottom."""
    s = doc.size
    for box in boxes:
        value_w = p.width(box.printed, s) + 10
        label_x, label = x0, box.label
        if style == "numbered":
            p.text(x0, top, box.number, s)
            label_x = x0 + 22
        elif style == "box" and box.number:
            label = f"Box {box.number}: {box.label}"
        elif style in ("inline", "leader"):
            label = f"{box.number} {box.label}".strip()
        lines = p.wrap(label, x1 - label_x - value_w, s)
        for j, line in enumerate(lines):
            p.text(label_x, top + j * (s + 2), line, s)
        last = top + (len(lines) - 1) * (s + 2)
        if style == "leader":
            line = lines[-1]
            start = label_x + p.width(line, s) + 3
            dots = int(max(0, x1 - value_w + 6 - start) / p.width(".", s))
            p.text(start, last, "." * dots, s)
            p.text(x1, last, box.printed, s, right=True)
        else:
            p.text(x1, top if rng.random() < 0.5 else last, box.printed, s, right=True)
        top = last + s + rng.choice((5, 8))
    return top


def fam_side_by_side(c: Canvas, doc: Doc, rng: random.Random) -> int:
    """A statement whose boxes stand in two side-by-side columns of unequal length, each a
    `label  value` list with the value right-aligned at the column's edge (or `Box 1:`
    rows, or dot leaders), a rule or a blank gutter between the columns."""
    p = Page(c, doc)
    top = _statement_top(p, doc, rng)
    n = len(doc.boxes)
    cut = rng.randint((n + 1) // 2, max((n + 1) // 2, n - 1)) if n > 1 else n
    gutter = rng.choice((12.0, 24.0))
    middle = 306.0
    styles = ("numbered", "inline", "box", "plain", "leader")
    style = rng.choice(styles)
    right_style = style if rng.random() < 0.7 else rng.choice(styles)
    left = _column_rows(p, doc, doc.boxes[:cut], 40, middle - gutter / 2, top, style, rng)
    right = _column_rows(p, doc, doc.boxes[cut:], middle + gutter / 2, 572, top, right_style, rng)
    bottom = max(left, right)
    if rng.random() < 0.5:
        p.c.line(middle, H - (top - doc.size - 4), middle, H - bottom)
    p.text(40, bottom + 14, "Keep this statement for your tax records.", doc.size - 1)
    return 1


def _entry_label(box: Box, numbering: str, shared: set[str], rng: random.Random) -> str:
    """A box's wording as a column statement prints it: `Box 1 Wording`, `1 Wording` or
    the wording alone, the number left out of some boxes (never of a wording another box
    of the form prints too, such as 5498's two `Code` boxes: no reader could tell them)."""
    if not box.number:
        return box.label
    if (numbering == "none" or rng.random() < 0.25) and box.label.lower() not in shared:
        return box.label
    return f"Box {box.number} {box.label}" if numbering == "box" else f"{box.number} {box.label}"


def _column_entries(p: Page, doc: Doc, entries: list[tuple[str, str]], x0: float, x1: float,
                    tops: list[float], below: bool, rng: random.Random) -> list[float]:  # fmt: skip
    """One column from `x0` to `x1`: each entry's label at `tops[i]` (wrapped to the
    column, or narrower), its value right-aligned at `x1` on the label's first or last
    line, or on the line under the label (`below`); each entry's bottom."""
    s = doc.size
    bottoms = []
    last_line = rng.random() < 0.5
    for (label, value), top in zip(entries, tops, strict=True):
        room = x1 - x0 if below else x1 - x0 - p.width(value, s) - 8
        lines = p.wrap(label, min(room, rng.choice((room, 0.6 * room, 120.0))), s)
        for j, line in enumerate(lines):
            p.text(x0, top + j * (s + 2), line, s)
        if below:
            y = top + len(lines) * (s + 2) + 1
        else:
            y = top + (len(lines) - 1) * (s + 2) * last_line
        p.text(x1, y, value, s, right=True)
        bottoms.append(max(y, top + (len(lines) - 1) * (s + 2)))
    return bottoms


def fam_columns(c: Canvas, doc: Doc, rng: random.Random) -> int:
    """A two-column statement as banks, brokers and payroll providers print them: columns
    of unequal widths a narrow gutter apart, each box's label (numbered, `Box 1`, or not,
    wrapped to two lines when long) with its value right-aligned at the column's right edge,
    on the label's line or under it; the TINs as entries of the columns or a party block;
    rows of both columns at one pitch or not, so one column's amounts may stand on the
    other column's label lines."""
    p = Page(c, doc)
    s = doc.size
    heading = rng.choice(HEADINGS).format(year=doc.year)
    numbering = rng.choice(("number", "box", "none"))
    wordings = [w.lower() for b in doc.form.boxes for w in b.labels]
    shared = {w for w in wordings if wordings.count(w) > 1}
    entries = [(_entry_label(b, numbering, shared, rng), b.printed) for b in doc.boxes]
    if rng.random() < 0.5:
        top = _statement_top(p, doc, rng)
    else:
        p.text(572, 40, heading, s + 4, bold=True, right=True)
        p.text(40, 40, doc.payer.name, s + 3, bold=True)
        p.text(40, 40 + s + 4, f"{doc.payer.street}, {doc.payer.city_state_zip}", s)
        p.text(330, 40 + 2 * s + 14, doc.recipient.name, s)
        p.text(330, 40 + 3 * s + 17, doc.recipient.street, s)
        p.text(330, 40 + 4 * s + 20, doc.recipient.city_state_zip, s)
        top = 40 + 5 * s + 36
        p.text(40, top, _form_heading(doc, rng), s + 2, bold=True)
        top += s + 14
        parties = [(doc.payer_tin_label, doc.payer.ein), (doc.recipient_tin_label, doc.ssn)]
        if any(b.name == "account_number" for b in doc.form.boxes):
            parties.append(("Account number", doc.account))
        entries = parties + entries
    n = len(entries)
    cut = rng.randint((n + 1) // 2, max((n + 1) // 2, n - 1)) if n > 1 else n
    gutter = rng.choice((6.0, 10.0, 16.0))
    middle = 40 + 532 * rng.choice((0.4, 0.5, 0.58, 0.65))
    left, right = entries[:cut], entries[cut:]
    columns = ((left, 40, middle - gutter / 2, rng.random() < 0.5),
               (right, middle + gutter / 2, 572, rng.random() < 0.5))  # fmt: skip
    space = s + rng.choice((4, 8))
    bottom = top
    if rng.random() < 0.5:  # both columns' rows start at one height
        for i in range(max(len(left), len(right))):
            ends = [_column_entries(p, doc, [col[i]], x0, x1, [bottom], under, rng)[0]
                    for col, x0, x1, under in columns if i < len(col)]  # fmt: skip
            bottom = max(ends) + space
    else:  # each column flows on its own
        for col, x0, x1, under in columns:
            y = top
            for entry in col:
                y = _column_entries(p, doc, [entry], x0, x1, [y], under, rng)[0] + space
            bottom = max(bottom, y)
    p.text(40, bottom + 14, "Keep this statement for your tax records.", s - 1)
    return 1


# ---------------------------------------------------------------- printers' own ways

TABLE_ORDERS = (("box", "label", "amount"), ("label", "box", "amount"), ("label", "amount"))
NUMBERINGS = ("{n} {label}", "{n}. {label}", "Box {n} {label}", "Box {n}: {label}",
              "Box {n} - {label}", "{label} (Box {n})", "{label}", "({n}) {label}",
              "Box {n}. {label}", "{label} - Box {n}", "{label}, box {n}")  # fmt: skip


def _printed_wording(label: str, rng: random.Random) -> str:
    """A box's wording as a payroll provider, bank or broker may print it: as catalogued,
    `and` as `&`, or without its apostrophes and commas (`Employees social security`)."""
    style = rng.random()
    if style < 0.2:
        return re.sub(r"\band\b", "&", label, flags=re.IGNORECASE)
    if style < 0.35:
        return label.replace("'", "").replace(",", "")
    return label


def _numbered(box: Box, style: str, shared: set[str], after: Box | None = None) -> str:
    """The box's wording with its number as `style` prints it (`NUMBERINGS`); a wording
    another box of the form prints too (5498's two `Code` boxes) with its number, unless
    it comes `after` a box of its own number (`Repayments`, then `Code`: box 14b's)."""
    if not box.number:
        return box.label
    sibling = after is not None and after.number.rstrip("abc") == box.number.rstrip("abc")
    if style == "{label}" and box.label.lower() in shared and not sibling:
        style = "{n} {label}"
    return style.format(n=box.number, label=box.label)


def _numbered_all(boxes: list[Box], style: str, shared: set[str]) -> list[str]:
    """Every box's printed wording (`_numbered`), each after the one before it."""
    return [_numbered(b, style, shared, boxes[i - 1] if i else None) for i, b in enumerate(boxes)]


def _shared_wordings(doc: Doc) -> set[str]:
    wordings = [w.lower() for b in doc.form.boxes for w in b.labels]
    return {w for w in wordings if wordings.count(w) > 1}


def _hyphen_wrap(p: Page, text: str, width: float, s: float) -> list[str]:
    """`text` in lines no wider than `width`, a long word that would start a line split
    with a hyphen where its head still fits (`distri-` / `bution`)."""
    lines: list[str] = []
    for word in text.split():
        if lines and p.width(f"{lines[-1]} {word}", s) <= width:
            lines[-1] += " " + word
            continue
        if lines and len(word) >= 9 and word.isalpha():
            for cut in range(len(word) - 4, 3, -1):
                if p.width(f"{lines[-1]} {word[:cut]}-", s) <= width:
                    lines[-1] += f" {word[:cut]}-"
                    word = word[cut:]
                    break
        lines.append(word)
    return lines


def _masked(doc: Doc, rng: random.Random) -> str:
    """The recipient's TIN as a statement prints it: in full, or masked with X or *."""
    if not doc.masked_ssn:
        return doc.ssn
    return rng.choice((doc.ssn, f"***-**-{doc.recipient.last4}"))


def _party_boxes(p: Page, doc: Doc, top: float, s: float, rng: random.Random) -> float:
    """Payer and recipient side by side in two ruled boxes under their headings, each
    box's TIN (and the account) a `label: value` row or the value under its label; the
    top of the next free line."""
    who = ("EMPLOYER", "EMPLOYEE") if doc.is_w2 else ("PAYER", "RECIPIENT")
    sides = (
        (who[0], [doc.payer.name, doc.payer.street, doc.payer.city_state_zip],
         [(doc.payer_tin_label, doc.payer.ein)]),
        (who[1], [doc.recipient.name, doc.recipient.street, doc.recipient.city_state_zip],
         [(doc.recipient_tin_label, _masked(doc, rng))]),
    )  # fmt: skip
    if any(b.name == "account_number" for b in doc.form.boxes):
        sides[1][2].append((rng.choice(("Account number", "Account No.")), doc.account))
    under = rng.random() < 0.4
    bottom = top
    for k, (head, lines, rows) in enumerate(sides):
        x0 = 40 + 270 * k
        y = top + s + 4
        p.text(x0 + 4, y, head, s, bold=True)
        for line in lines:
            y += s + 3
            p.text(x0 + 4, y, line, s)
        for label, value in rows:
            y += s + 6
            if under or p.width(f"{label}: {value}", s) + 30 > 254:
                p.text(x0 + 4, y, label, s - 1)
                y += s + 2
                p.text(x0 + 4, y, value, s)
            else:
                p.text(x0 + 4, y, f"{label}:", s)
                p.text(x0 + 4 + p.width(f"{label}: ", s) + rng.choice((2, 20)), y, value, s)
        bottom = max(bottom, y + 6)
    for k in range(2):
        p.rect(40 + 270 * k, top, 40 + 270 * k + 262, bottom)
    return bottom + 2 * s + 6


def _boxed_table(p: Page, doc: Doc, top: float, s: float, rng: random.Random) -> float:
    """The boxes in a table drawn inside a box: a header band, columns `Box | Description
    | Amount` in one of `TABLE_ORDERS` (the number in the wording when the table has no
    Box column), the description column narrow or wide (long wordings wrapped, maybe
    hyphenated), the amount right-aligned, left-aligned, or its `$` flush left, on the
    wording's first or last line; rows ruled or not, columns ruled or not; its bottom."""
    order = rng.choice(TABLE_ORDERS)
    style = rng.choice(NUMBERINGS[1:])
    shared = _shared_wordings(doc)
    x0, x1 = 40.0, rng.choice((572.0, 500.0, 440.0))
    box_w = 44.0 if "box" in order else 0.0
    amount_w = rng.choice((80.0, 100.0))
    label_w = x1 - x0 - box_w - amount_w
    xs, x = {}, x0
    for col in order:
        xs[col] = x
        x += {"box": box_w, "label": label_w, "amount": amount_w}[col]
    heads = {"box": rng.choice(("Box", "Box No.", "IRS Box")),
             "label": rng.choice(("Description", "Item", "Reported as")),
             "amount": rng.choice(("Amount", f"{doc.year} Amount", "Amount ($)"))}  # fmt: skip
    align = rng.choice(("right", "left", "dollar"))
    ruled_rows, ruled_cols = rng.random() < 0.6, rng.random() < 0.5
    last_line = rng.random() < 0.3
    p.c.saveState()
    p.c.setFillGray(0.85)
    p.c.rect(x0, H - (top + s + 8), x1 - x0, s + 8, stroke=0, fill=1)
    p.c.restoreState()
    y = top + s + 3
    for col in order:
        if col == "amount":
            p.text(xs[col] + amount_w - 5, y, heads[col], s, bold=True, right=True)
        else:
            p.text(xs[col] + 5, y, heads[col], s, bold=True)
    y = top + s + 8
    for box in doc.boxes:
        wording = box.label if "box" in order else _numbered(box, style, shared)
        lines = _hyphen_wrap(p, wording, label_w - 10, s)
        first = y + s + 4
        for j, line in enumerate(lines):
            p.text(xs["label"] + 5, first + j * (s + 2), line, s)
        if "box" in order:
            p.text(xs["box"] + 5, first, box.number, s)
        at = first + (len(lines) - 1) * (s + 2) * last_line
        amount = box.printed
        right = xs["amount"] + amount_w - 5
        if align == "left":
            p.text(xs["amount"] + 8, at, amount, s)
        elif align == "dollar" and box.kind == "money":
            p.text(xs["amount"] + 6, at, "$", s)
            p.text(right, at, amount.lstrip("$ "), s, right=True)
        else:
            p.text(right, at, amount, s, right=True)
        y = first + (len(lines) - 1) * (s + 2) + 5
        if ruled_rows:
            p.hline(x0, x1, y)
    p.rect(x0, top, x1, y)
    if ruled_cols:
        for col in order[1:]:
            p.c.line(xs[col], H - top, xs[col], H - y)
    return y


def fam_boxed_letter(c: Canvas, doc: Doc, rng: random.Random) -> int:
    """A payer's year-end letter whose boxes stand in a boxed table (`_boxed_table`): a
    letterhead, the date and address block, the parties as `label: value` lines or in two
    boxes side by side, `Dear ...:`, a paragraph naming the form and the year, the table,
    a closing; its print larger or smaller than the other families'."""
    p = Page(c, doc)
    s = rng.choice((7.5, 8.0, 9.0, 10.0, 11.0))
    doc.size = s
    if rng.random() < 0.5:
        top = _letter_head(p, doc, rng)
    else:
        p.text(306 - p.width(doc.payer.name, s + 5, True) / 2, 40, doc.payer.name, s + 5, bold=True)
        p.text(40, 40 + 2 * s + 8, f"{doc.payer.street}, {doc.payer.city_state_zip}", s - 1)
        p.text(572, 40 + 2 * s + 8, f"January {rng.randint(10, 31)}, {doc.year + 1}", s, right=True)
        top = _party_boxes(p, doc, 40 + 3 * s + 16, s, rng)
        p.text(40, top, f"Dear {doc.recipient.first.title()} {doc.recipient.last.title()}:", s)
        top += 2 * s + 4
    number = doc.form.form_numbers[0]
    what = dict(year=doc.year, number=number, title=doc.title, payer=doc.payer.name.title())
    top = _paragraph(p, rng.choice(LETTER_OPENINGS).format(**what), top, s)
    if rng.random() < 0.6:
        p.text(40, top + 4, f"Form {number} {doc.title} - {doc.year}", s + 1, bold=True)
        top += 2 * s + 6
    for box in doc.boxes:
        box.label = _printed_wording(box.label, rng)
    top = _boxed_table(p, doc, top + 4, s, rng) + 2 * s
    top = _paragraph(p, rng.choice(LETTER_CLOSINGS), top, s)
    p.text(40, top + 4, "Sincerely,", s)
    p.text(40, top + 2 * s + 12, "Tax Reporting Department", s)
    return 1


def _pair_lines(p: Page, label: str, value: str, x0: float, x1: float, top: float, s: float,
                place: str, tab: float) -> float:  # fmt: skip
    """One label-value pair from `x0` to `x1` at `top`: the value left-aligned at a tab
    stop (`tab`), right-aligned at `x1`, after the label's colon, or under the label
    right-aligned, or on the line under the label from its start (or indented); the label
    wrapped (maybe hyphenated) before it; the pair's last line."""
    if place == "colon":
        label += ":"
    room = {"tab": tab - x0 - 8, "right": x1 - x0 - p.width(value, s) - 10,
            "colon": x1 - x0 - p.width(value, s) - 16, "under": x1 - x0, "below": x1 - x0,
            "indent": x1 - x0}[place]  # fmt: skip
    lines = _hyphen_wrap(p, label, max(room, 60.0), s)
    for j, line in enumerate(lines):
        p.text(x0, top + j * (s + 2), line, s)
    last = top + (len(lines) - 1) * (s + 2)
    if place == "tab":
        p.text(tab, top, value, s)
    elif place == "right":
        p.text(x1, top, value, s, right=True)
    elif place == "colon":
        p.text(x0 + p.width(lines[-1], s) + 8, last, value, s)
    else:
        last += s + 2
        if place == "under":
            p.text(x1, last, value, s, right=True)
        else:
            p.text(x0 + (12 if place == "indent" else 0), last, value, s)
    return last


def fam_pairs(c: Canvas, doc: Doc, rng: random.Random) -> int:
    """A statement of label-value pairs in two columns of unequal widths: the parties in
    two boxes or as the columns' first pairs, each box's wording numbered in one of
    `NUMBERINGS` (or not) and worded as printers do (`_printed_wording`), its value at a
    tab stop, right-aligned, after a colon or under it (`_pair_lines`), the columns' rows
    at one pitch or flowing apart, a rule under each pair or not."""
    p = Page(c, doc)
    s = rng.choice((7.5, 8.0, 9.0, 10.0, 11.0))
    doc.size = s
    heading = rng.choice(HEADINGS).format(year=doc.year)
    p.text(572, 40, heading, s + 4, bold=True, right=True)
    p.text(40, 40, doc.payer.name, s + 3, bold=True)
    style, shared = rng.choice(NUMBERINGS), _shared_wordings(doc)
    for b in doc.boxes:
        b.label = _printed_wording(b.label, rng)
    wordings = _numbered_all(doc.boxes, style, shared)
    pairs = [(w, b.printed) for w, b in zip(wordings, doc.boxes, strict=True)]
    if rng.random() < 0.5:
        top = _party_boxes(p, doc, 40 + s + 14, s, rng)
    else:
        p.text(40, 40 + s + 6, f"{doc.payer.street}, {doc.payer.city_state_zip}", s)
        for i, line in enumerate((doc.recipient.name, doc.recipient.street,
                                  doc.recipient.city_state_zip)):  # fmt: skip
            p.text(40, 40 + 3 * s + 20 + i * (s + 3), line, s)
        top = 40 + 6 * s + 40
        parties = [
            (doc.payer_tin_label, doc.payer.ein),
            (doc.recipient_tin_label, _masked(doc, rng)),
        ]
        if any(b.name == "account_number" for b in doc.form.boxes):
            parties.append(("Account number", doc.account))
        pairs = parties + pairs
    p.text(40, top, _form_heading(doc, rng), s + 2, bold=True)
    top += 2 * s + 8
    n = len(pairs)
    cut = rng.randint((n + 1) // 2, max((n + 1) // 2, n - 1)) if n > 1 else n
    middle = 40 + 532 * rng.choice((0.45, 0.5, 0.55, 0.62))
    gutter = rng.choice((14.0, 20.0, 30.0))
    ruled = rng.random() < 0.4
    pitch = s + rng.choice((5, 9))
    columns = []
    for col, x0, x1 in ((pairs[:cut], 40.0, middle - gutter / 2),
                        (pairs[cut:], middle + gutter / 2, 572.0)):  # fmt: skip
        place = rng.choice(("tab", "right", "colon", "under", "below", "indent"))
        tab = x0 + (x1 - x0) * rng.choice((0.55, 0.62, 0.7))
        columns.append((col, x0, x1, place, tab))
    together = rng.random() < 0.5
    ys = [top, top]
    bottom = top
    for i in range(max(len(pairs[:cut]), len(pairs[cut:]))):
        if together:
            ys = [bottom, bottom]
        for k, (col, x0, x1, place, tab) in enumerate(columns):
            if i >= len(col):
                continue
            label, value = col[i]
            last = _pair_lines(p, label, value, x0, x1, ys[k], s, place, tab)
            if ruled:
                p.hline(x0, x1, last + 4)
            ys[k] = last + pitch + (4 if ruled else 0)
            bottom = max(bottom, ys[k])
    p.text(40, bottom + 14, "Keep this statement for your tax records.", s - 1)
    return 1


def _gutter_pair(p: Page, label: str, value: str, x0: float, x1: float, top: float, s: float,
                 narrow: float, place: str) -> float:  # fmt: skip
    """One pair of a `gutter_pairs` column: the label wrapped to `narrow` of the room its
    value leaves (or to the whole room), the value right-aligned at `x1` on the label's
    first or last line, or a blank after the label's last line; the pair's last line."""
    room = x1 - x0 - p.width(value, s) - 6
    lines = p.wrap(label, max(room * narrow, 50.0), s)
    for j, line in enumerate(lines):
        p.text(x0, top + j * (s + 2), line, s)
    last = top + (len(lines) - 1) * (s + 2)
    if place == "after":
        p.text(x0 + p.width(lines[-1], s) + p.width(" ", s), last, value, s)
    else:
        p.text(x1, last if place == "last" else top, value, s, right=True)
    return last


def fam_gutter_pairs(c: Canvas, doc: Doc, rng: random.Random) -> int:
    """Label-value pairs in two columns side by side under the statement's heading, the
    parties' TINs and the account among them: each label (numbered in one of `NUMBERINGS`
    or not, worded as printers do, a colon after it or not) wrapped in its column, its value
    right-aligned at the column's right edge, so the left column's values end a narrow
    gutter before the right column's labels start; the columns' rows at one height or
    flowing apart."""
    p = Page(c, doc)
    s = doc.size
    heading = rng.choice(HEADINGS).format(year=doc.year)
    p.text(40, 40, heading, s + 4, bold=True)
    p.text(40, 40 + s + 10, doc.payer.name, s + 2, bold=True)
    p.text(40, 40 + 2 * s + 14, f"{doc.payer.street}, {doc.payer.city_state_zip}", s)
    for i, line in enumerate((doc.recipient.name, doc.recipient.street,
                              doc.recipient.city_state_zip)):  # fmt: skip
        p.text(40, 40 + 4 * s + 24 + i * (s + 3), line, s)
    top = 40 + 7 * s + 40
    p.text(40, top, _form_heading(doc, rng), s + 2, bold=True)
    top += 2 * s + 8
    style, shared = rng.choice(NUMBERINGS), _shared_wordings(doc)
    colon = ":" if rng.random() < 0.6 else ""
    for b in doc.boxes:
        b.label = _printed_wording(b.label, rng)
    pairs = [(doc.payer_tin_label, doc.payer.ein), (doc.recipient_tin_label, _masked(doc, rng))]
    if any(b.name == "account_number" for b in doc.form.boxes):
        pairs.append((rng.choice(("Account number", "Account No.")), doc.account))
    pairs = [(label + colon, value) for label, value in pairs]
    wordings = _numbered_all(doc.boxes, style, shared)
    pairs += [(w + colon, b.printed) for w, b in zip(wordings, doc.boxes, strict=True)]
    n = len(pairs)
    cut = rng.randint((n + 1) // 2, max((n + 1) // 2, n - 1)) if n > 1 else n
    middle = 40 + 532 * rng.choice((0.4, 0.45, 0.5, 0.55))
    gutter = rng.choice((6.0, 8.0, 12.0, 18.0))
    columns = [(pairs[:cut], 40.0, middle - gutter / 2), (pairs[cut:], middle + gutter / 2, 572.0)]
    narrow = rng.choice((1.0, 0.6, 0.4))
    place = rng.choice(("first", "last", "after"))
    space = rng.choice((4, 7))
    if rng.random() < 0.5:  # both columns' rows at one height
        bottom = top
        for i in range(len(columns[0][0])):
            y = bottom
            for col, x0, x1 in columns:
                if i < len(col):
                    last = _gutter_pair(p, *col[i], x0, x1, y, s, narrow, place)
                    bottom = max(bottom, last + s + space)
    else:  # each column flows on its own
        bottom = top
        for col, x0, x1 in columns:
            y = top
            for pair in col:
                y = _gutter_pair(p, *pair, x0, x1, y, s, narrow, place) + s + space
            bottom = max(bottom, y)
    p.text(40, bottom + 14, "Keep this statement for your tax records.", s - 1)
    return 1


def fam_letter(c: Canvas, doc: Doc, rng: random.Random) -> int:
    """A letter naming the form, then its boxes in a boxed two-column table."""
    p = Page(c, doc)
    s = doc.size
    p.text(40, 40, doc.payer.name, s + 3, bold=True)
    p.text(40, 40 + s + 4, f"{doc.payer.street}, {doc.payer.city_state_zip}", s)
    p.text(40, 90, doc.recipient.name, s)
    p.text(40, 90 + s + 3, doc.recipient.street, s)
    p.text(40, 90 + 2 * s + 6, doc.recipient.city_state_zip, s)
    number = doc.form.form_numbers[0]
    body = (f"Dear {doc.recipient.first.title()} {doc.recipient.last.title()}, this letter is "
            f"your Form {number} ({doc.title}) for tax year {doc.year}. The amounts below "
            f"were reported to the Internal Revenue Service. Keep this statement with your "
            f"tax records.")  # fmt: skip
    top = 150.0
    for line in _wrap(body, 95):
        p.text(40, top, line, s)
        top += s + 4
    top += 10
    rows = [(doc.payer_tin_label, doc.payer.ein), (doc.recipient_tin_label, doc.ssn)]
    if any(b.name == "account_number" for b in doc.form.boxes):
        rows.append(("Account number", doc.account))
    rows += [(f"{b.label} (box {b.number})" if b.number else b.label, b.printed)
             for b in doc.boxes]  # fmt: skip
    for label, value in rows:
        p.rect(60, top, 400, top + s + 8)
        p.rect(400, top, 540, top + s + 8)
        p.text(66, top + s + 3, label, s)
        p.text(534, top + s + 3, value, s, right=True)
        top += s + 8
    p.text(40, top + 30, "Sincerely,", s)
    p.text(40, top + 30 + s + 4, "Tax Reporting Department", s)
    return 1


def fam_two_column(c: Canvas, doc: Doc, rng: random.Random) -> int:
    """`Label: value` pairs in two columns under the statement's heading."""
    p = Page(c, doc)
    top = _statement_top(p, doc, rng)
    s = doc.size
    for i, box in enumerate(doc.boxes):
        x = 40 if i % 2 == 0 else 316
        label = f"{box.label}:"
        p.text(x, top, label, s)
        p.text(x + 250, top, box.printed, s, right=True)
        if i % 2 == 1:
            top += s + 8
    return 1


DRAW: dict[str, Callable[[Canvas, Doc, random.Random], int]] = {
    "irs_grid": fam_irs_grid,
    "copies": fam_copies,
    "four_up": fam_four_up,
    "line_list": fam_line_list,
    "box_colon": fam_box_colon,
    "table": fam_table,
    "dot_leader": fam_dot_leader,
    "monthly": fam_monthly,
    "bank_letter": fam_bank_letter,
    "side_by_side": fam_side_by_side,
    "columns": fam_columns,
    "boxed_letter": fam_boxed_letter,
    "pairs": fam_pairs,
    "gutter_pairs": fam_gutter_pairs,
    "letter": fam_letter,
    "two_column": fam_two_column,
}


# ---------------------------------------------------------------- pages that are not forms


def decoy_earnings(p: Page, doc: Doc, rng: random.Random) -> None:
    p.text(40, 40, f"{doc.payer.name} - Year-End Earnings Summary {doc.year}", 12, bold=True)
    p.text(
        40, 60, "This is not a W-2. Your Form W-2 Wage and Tax Statement is issued separately.", 9
    )
    rows = (("Gross pay", "Federal income tax withheld", "Social security tax withheld",
             "Medicare tax withheld", "Net pay"))  # fmt: skip
    for i, label in enumerate(rows):
        _leader_line(p, 40, 400, 90 + 14 * i, label, f"{rng.randint(1000, 90000):,}.00", 9)


def decoy_instructions(p: Page, doc: Doc, rng: random.Random) -> None:
    number = doc.form.form_numbers[0]
    p.text(40, 40, f"Instructions for Recipient of Form {number}", 12, bold=True)
    lines = ("Recipient's taxpayer identification number (TIN). For your protection, this form "
             "may show only the last four digits.",
             "Box 1. Shows amounts paid to you. Report on Schedule C (Form 1040) or Schedule 1 "
             "(Form 1040), line 8.",
             "Box 4. Shows backup withholding. Include this amount on Form 1040 or 1040-SR, "
             "line 25b.",
             "Future developments. For the latest information, see www.irs.gov.")  # fmt: skip
    top = 70.0
    for text in lines:
        for line in _wrap(text, 100):
            p.text(40, top, line, 9)
            top += 13
        top += 6


def decoy_contents(p: Page, doc: Doc, rng: random.Random) -> None:
    p.text(40, 40, f"{doc.payer.name}  Tax Documents {doc.year}", 12, bold=True)
    p.text(40, 64, "Table of Contents", 11, bold=True)
    entries = ("Form 1099-DIV Dividends and Distributions", "Form 1099-INT Interest Income",
               "Form 1099-B Proceeds From Broker and Barter Exchange Transactions",
               "Account No.")  # fmt: skip
    for i, entry in enumerate(entries):
        _leader_line(p, 40, 500, 84 + 16 * i, entry, str(i + 2), 9)


def decoy_cover_letter(p: Page, doc: Doc, rng: random.Random) -> None:
    number = doc.form.form_numbers[0]
    p.text(40, 40, doc.payer.name, 12, bold=True)
    p.text(40, 80, f"Dear {doc.recipient.name},", 9)
    text = (f"Enclosed is your {doc.year} Form {number}, {doc.title}. Please keep it with your "
            "tax records. If you have questions about the amounts reported, call us at "
            "1-800-555-0100. We appreciate your business.")  # fmt: skip
    for i, line in enumerate(_wrap(text, 95)):
        p.text(40, 100 + 13 * i, line, 9)


def decoy_escrow(p: Page, doc: Doc, rng: random.Random) -> None:
    p.text(40, 40, "Annual Escrow Account Disclosure Statement", 12, bold=True)
    p.text(40, 58, f"Loan number {doc.account}   Statement date 01/15/{doc.year + 1}", 9)
    heads = ("Month", "Payment to escrow", "Property tax", "Mortgage insurance", "Balance")
    for j, head in enumerate(heads):
        p.text(40 + 105 * j, 84, head, 8, bold=True)
    for i in range(6):
        for j in range(5):
            value = (
                f"Month {i + 1}"
                if j == 0
                else f"{rng.randint(100, 4000):,}.{rng.randint(0, 99):02d}"
            )
            p.text(40 + 105 * j, 100 + 13 * i, value, 8)


DECOYS = {
    "earnings_summary": decoy_earnings,
    "instructions": decoy_instructions,
    "contents": decoy_contents,
    "cover_letter": decoy_cover_letter,
    "escrow_table": decoy_escrow,
}


# ---------------------------------------------------------------- documents


def render(family: str, form: catalog.CatalogForm, seed: int, path: Path) -> list[dict[str, Any]]:
    """Draw one document of `family` for `form` into `path`; its expected records.

    With some seeds a page that is not a form comes before or after the form's pages."""
    rng = random.Random(f"{family}:{form.doc_type}:{seed}")
    doc = make_doc(form, rng, every_month=family == "monthly")
    decoy = rng.choice((None, None, *DECOYS))
    before = decoy is not None and rng.random() < 0.5
    path.parent.mkdir(parents=True, exist_ok=True)
    c = Canvas(str(path), pagesize=letter, invariant=1)
    first = 1
    if decoy and before:
        DECOYS[decoy](Page(c), doc, rng)
        c.showPage()
        first = 2
    n = DRAW[family](c, doc, rng)
    c.showPage()
    if decoy and not before:
        DECOYS[decoy](Page(c), doc, rng)
        c.showPage()
    c.save()
    form_page = first + n - 1  # the dot-leader family's cover page holds no values
    return [doc.expected([form_page])]


def scan(pdf: Path, dst: Path, seed: int) -> None:
    rng = random.Random(seed)
    rasterise_and_degrade(pdf, dst, dpi=rng.choice((200, 300)), skew_deg=rng.uniform(-0.8, 0.8),
                          noise=rng.uniform(0.1, 0.35), seed=seed)  # fmt: skip


def slug(doc_type: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", doc_type.lower())


def generate(root: Path) -> None:
    """The tested families only: one document per catalogue form and family, and one
    scan per family. The held-out families are never written here."""
    out = root / "layouts"
    for k, family in enumerate(TESTED):
        every = family_forms(family)
        for i, form in enumerate(every):
            pdf = out / family / f"{slug(form.doc_type)}.pdf"
            expected = render(family, form, 1, pdf)
            write_expected(pdf, expected)
            if i == (5 * k + 2) % len(every):
                dst = out / family / f"{slug(form.doc_type)}_scan.pdf"
                scan(pdf, dst, seed=i + 7)
                write_expected(dst, expected)
