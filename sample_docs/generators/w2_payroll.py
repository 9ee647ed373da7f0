"""W-2s in the style of payroll providers, drawn with reportlab: a 2-up sheet, a 4-up sheet.

Each block is one copy of the W-2 on a 12-row grid: identification on the left, boxes 1-14
in two columns on the right, two state lines, then the form's title and copy caption.
Label wording, fonts and money formats vary by `Style` as they do between providers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from sample_docs.generators.w2_model import W2

PAGE_W, PAGE_H = letter

COPY_CAPTIONS = {
    "B": "Copy B To Be Filed With Employee's FEDERAL Tax Return.",
    "C": "Copy C For EMPLOYEE'S RECORDS.",
    "2": "Copy 2 To Be Filed With Employee's State, City, or Local Income Tax Return.",
}


def dollars(value: Decimal) -> str:
    """`$ 1601.60`, and whole dollars as `$ 32`."""
    return f"$ {int(value)}" if value == value.to_integral_value() else f"$ {value:f}"


def commas(value: Decimal) -> str:
    return f"{value:,.2f}"


def plain(value: Decimal) -> str:
    return f"{value:f}"


@dataclass(frozen=True)
class Style:
    labels: dict[str, str]
    box13_labels: tuple[str, str, str]
    money: Callable[[Decimal], str]
    label_font: str = "Helvetica"
    label_size: float = 6.0
    value_font: str = "Courier"
    value_size: float = 8.5
    money_right: bool = False
    box12_split: bool = False
    ein: Callable[[str], str] = lambda ein: ein
    ssn: Callable[[str], str] = lambda ssn: ssn


LABELS_SSA = {
    "a": "a Employee's SSA number",
    "b": "b Employer ID number (EIN)",
    "c": "c Employer's name, address, and ZIP code",
    "d": "d Control number",
    "ef": "e/f Employee's name, address, and ZIP code",
    "1": "1 Wages, tips, other comp.",
    "2": "2 Fed income tax withheld",
    "3": "3 Soc sec wages",
    "4": "4 Soc sec tax withheld",
    "5": "5 Medicare wages and tips",
    "6": "6 Medicare tax withheld",
    "7": "7 Soc sec tips",
    "8": "8 Allocated tips",
    "9": "9",
    "10": "10 Dependent care benefits",
    "11": "11 Nonqualified plans",
    "12a": "12a See instructions for box 12",
    "12b": "12b",
    "12c": "12c",
    "12d": "12d",
    "13": "13",
    "14": "14 Other",
    "15": "15 State",
    "15id": "Employer's state ID no.",
    "16": "16 State wages, tips, etc.",
    "17": "17 State income tax",
    "18": "18 Local wages, tips, etc.",
    "19": "19 Local income tax",
    "20": "20 Locality name",
}

LABELS_LONG = {
    **LABELS_SSA,
    "a": "a Employee's social security number",
    "b": "b Employer identification number (EIN)",
    "c": "c Employer's name, address and ZIP code",
    "ef": "e Employee's name / f Employee's address and ZIP code",
    "1": "1 Wages, tips, other compensation",
    "2": "2 Federal income tax withheld",
    "3": "3 Social security wages",
    "4": "4 Social security tax withheld",
    "5": "5 Medicare wages & tips",
    "7": "7 Social security tips",
    "12a": "12a Code See inst. for box 12",
    "15id": "Employer's state ID number",
}

TWO_UP_STYLE = Style(
    LABELS_LONG, ("Statutory employee", "Retirement plan", "Third-party sick pay"), dollars
)
FOUR_UP_STYLE = Style(
    LABELS_SSA,
    ("Stat emp", "Ret. plan", "3rd party sick pay"),
    commas,
    label_size=5.0,
    value_font="Helvetica",
    value_size=7.0,
    money_right=True,
    box12_split=True,
    ein=lambda ein: ein.replace("-", ""),
)

# cell name -> (x fraction, row, width fraction, rows) on the 12-row grid
CELLS = {
    "a": (0.0, 0, 0.5, 1),
    "b": (0.0, 1, 0.5, 1),
    "c": (0.0, 2, 0.5, 3),
    "d": (0.0, 5, 0.5, 1),
    "ef": (0.0, 6, 0.5, 3),
    "1": (0.5, 0, 0.25, 1),
    "2": (0.75, 0, 0.25, 1),
    "3": (0.5, 1, 0.25, 1),
    "4": (0.75, 1, 0.25, 1),
    "5": (0.5, 2, 0.25, 1),
    "6": (0.75, 2, 0.25, 1),
    "7": (0.5, 3, 0.25, 1),
    "8": (0.75, 3, 0.25, 1),
    "9": (0.5, 4, 0.25, 1),
    "10": (0.75, 4, 0.25, 1),
    "11": (0.5, 5, 0.25, 1),
    "12a": (0.75, 5, 0.25, 1),
    "13": (0.5, 6, 0.25, 1),
    "12b": (0.75, 6, 0.25, 1),
    "14": (0.5, 7, 0.25, 2),
    "12c": (0.75, 7, 0.25, 1),
    "12d": (0.75, 8, 0.25, 1),
}
STATE_COLUMNS = {
    "15": (0.0, 0.07),
    "15id": (0.07, 0.18),
    "16": (0.25, 0.16),
    "17": (0.41, 0.14),
    "18": (0.55, 0.16),
    "19": (0.71, 0.14),
    "20": (0.85, 0.15),
}
ROWS = 12
_BOX_CELL = {1: "1", 2: "2", 3: "3", 4: "4", 5: "5", 6: "6", 7: "7", 8: "8", 10: "10", 11: "11"}


@dataclass(frozen=True)
class Frame:
    """A block's rectangle in reportlab coordinates (origin bottom-left)."""

    x: float
    top: float
    width: float
    height: float

    @property
    def row_h(self) -> float:
        return self.height / ROWS

    def cell(self, fx: float, row: int, fw: float, rows: int) -> tuple[float, float, float, float]:
        """(x, top, width, height) of a cell, top measured from the page bottom."""
        return (
            self.x + fx * self.width,
            self.top - row * self.row_h,
            fw * self.width,
            rows * self.row_h,
        )


def draw_block(pdf: Canvas, frame: Frame, w2: W2, style: Style, copy: str) -> None:
    """One copy of the W-2 inside `frame`."""
    pdf.setLineWidth(0.6)
    for name, spec in CELLS.items():
        x, top, w, h = frame.cell(*spec)
        pdf.rect(x, top - h, w, h)
        _label(pdf, style, x, top, style.labels[name], w)
    _identity(pdf, frame, w2, style)
    for box, name in _BOX_CELL.items():
        if box in w2.amounts:
            _money(pdf, frame, style, name, w2.amounts[box])
    for value, name in zip(w2.box12, ("12a", "12b", "12c", "12d"), strict=False):
        _box12(pdf, frame, style, name, value)
    _box13(pdf, frame, w2, style)
    _box14(pdf, frame, w2, style)
    _states(pdf, frame, w2, style)
    _footer(pdf, frame, w2, style, copy)


def _label(pdf: Canvas, style: Style, x: float, top: float, text: str, width: float) -> None:
    """The cell's label at its top left, wrapped onto a second line when too wide."""
    pdf.setFont(style.label_font, style.label_size)
    lines = [text]
    if stringWidth(text, style.label_font, style.label_size) > width - 3:
        words = text.split()
        cut = len(words) - 1
        while (
            cut > 1
            and stringWidth(" ".join(words[:cut]), style.label_font, style.label_size) > width - 3
        ):
            cut -= 1
        lines = [" ".join(words[:cut]), " ".join(words[cut:])]
    for n, line in enumerate(lines):
        pdf.drawString(x + 2, top - (n + 1) * (style.label_size + 0.5) - 0.5, line)


def _value_lines(pdf: Canvas, style: Style, x: float, top: float, lines: list[str]) -> None:
    pdf.setFont(style.value_font, style.value_size)
    for n, line in enumerate(lines):
        pdf.drawString(x + 4, top - style.label_size - 3 - (n + 1) * (style.value_size + 1), line)


def _identity(pdf: Canvas, frame: Frame, w2: W2, style: Style) -> None:
    e, c = w2.employee, w2.employer
    for name, lines in (
        ("a", [style.ssn(e.ssn)]),
        ("b", [style.ein(c.ein)]),
        ("c", c.address_block.split("\n")),
        ("d", [w2.control_number] if w2.control_number else []),
        ("ef", [e.name, e.street, e.city_state_zip]),
    ):
        x, top, _, _ = frame.cell(*CELLS[name])
        _value_lines(pdf, style, x, top, lines)


def _money(pdf: Canvas, frame: Frame, style: Style, name: str, value: Decimal) -> None:
    x, top, w, h = frame.cell(*CELLS[name])
    text = style.money(value)
    pdf.setFont(style.value_font, style.value_size)
    y = top - h + 3
    if style.money_right:
        pdf.drawRightString(x + w - 4, y, text)
    else:
        pdf.drawString(x + 4, y, text)


def _box12(pdf: Canvas, frame: Frame, style: Style, name: str, value: tuple[str, Decimal]) -> None:
    x, top, w, h = frame.cell(*CELLS[name])
    code, amount = value
    pdf.setFont(style.value_font, style.value_size)
    y = top - h + 3
    if style.box12_split:
        pdf.drawString(x + 14, y, code)
        pdf.drawRightString(x + w - 4, y, style.money(amount))
    else:
        pdf.drawString(x + 14, y, f"{code} {style.money(amount).replace('$ ', '')}")


def _box13(pdf: Canvas, frame: Frame, w2: W2, style: Style) -> None:
    x, top, w, h = frame.cell(*CELLS["13"])
    checked = (w2.statutory, w2.retirement, w2.third_party_sick)
    size = 4.2
    for n, (label, on) in enumerate(zip(style.box13_labels, checked, strict=True)):
        sx = x + 12 + n * (w - 14) / 3
        pdf.setFont(style.label_font, size)
        for k, part in enumerate(_two_lines(label)):
            pdf.drawString(sx, top - 3 - size - k * (size + 0.5), part)
        pdf.rect(sx + 2, top - h + 2, 8, 8)
        if on:
            pdf.setFont("Helvetica-Bold", 8)
            pdf.drawString(sx + 3.3, top - h + 3.2, "X")


def _two_lines(label: str) -> list[str]:
    words = label.split()
    if len(words) < 2:
        return words
    half = (len(words) + 1) // 2
    return [" ".join(words[:half]), " ".join(words[half:])]


def _box14(pdf: Canvas, frame: Frame, w2: W2, style: Style) -> None:
    x, top, _, _ = frame.cell(*CELLS["14"])
    lines = [f"{label} {style.money(amount).replace('$ ', '')}" for label, amount in w2.box14]
    _value_lines(pdf, style, x, top, lines)


def _states(pdf: Canvas, frame: Frame, w2: W2, style: Style) -> None:
    top = frame.top - 9 * frame.row_h
    h = 2 * frame.row_h
    pdf.setDash(2, 2)
    pdf.line(frame.x, top - h * 0.62, frame.x + frame.width, top - h * 0.62)
    pdf.setDash()
    for name, (fx, fw) in STATE_COLUMNS.items():
        x, w = frame.x + fx * frame.width, fw * frame.width
        pdf.rect(x, top - h, w, h)
        _label(pdf, style, x, top, style.labels[name], w)
    pdf.setFont(style.value_font, style.value_size)
    for n, line in enumerate(w2.states[:2]):
        y = top - h * (0.52 if n == 0 else 0.9)
        cells = {
            "15": line.state,
            "15id": line.employer_state_id,
            "16": line.state_wages,
            "17": line.state_tax,
            "18": line.local_wages,
            "19": line.local_tax,
            "20": line.locality,
        }
        for name, value in cells.items():
            fx, fw = STATE_COLUMNS[name]
            x, w = frame.x + fx * frame.width, fw * frame.width
            if isinstance(value, Decimal):
                if style.money_right:
                    pdf.drawRightString(x + w - 4, y, style.money(value))
                else:
                    pdf.drawString(x + 4, y, style.money(value))
            elif value:
                pdf.drawString(x + 4, y, value)


def _footer(pdf: Canvas, frame: Frame, w2: W2, style: Style, copy: str) -> None:
    bottom = frame.top - frame.height
    row = frame.row_h
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(frame.x + 2, bottom + row * 0.45, "W-2")
    pdf.setFont("Helvetica-Bold", 7)
    pdf.drawString(frame.x + 30, bottom + row * 0.55, "Wage and Tax Statement")
    pdf.setFont("Helvetica-Bold", 11)
    year_x = max(
        frame.x + frame.width * 0.42,
        frame.x + 40 + stringWidth("Wage and Tax Statement", "Helvetica-Bold", 7),
    )
    pdf.drawString(year_x, bottom + row * 0.45, str(w2.tax_year))
    pdf.setFont(style.label_font, 5.5)
    pdf.drawRightString(frame.x + frame.width, bottom + row * 0.7, "OMB No. 1545-0008")
    pdf.drawRightString(
        frame.x + frame.width,
        bottom + row * 0.45,
        "Dept. of the Treasury - Internal Revenue Service",
    )
    pdf.drawString(frame.x + 2, bottom + row * 0.1, COPY_CAPTIONS[copy])


def draw_sheet(dst: Path, sheets: list[tuple[W2, Style, tuple[str, ...]]]) -> None:
    """Write one page per (W-2, style, copies): 2 copies stacked (2-up) or 4 in quadrants."""
    pdf = Canvas(str(dst), pagesize=letter, invariant=1)
    margin = 24
    for w2, style, copies in sheets:
        if len(copies) == 4:
            w, h = (PAGE_W - 3 * margin) / 2, (PAGE_H - 3 * margin) / 2
            spots = [
                (margin + (i % 2) * (w + margin), PAGE_H - margin - (i // 2) * (h + margin))
                for i in range(4)
            ]
        else:
            w, h = PAGE_W - 2 * margin, (PAGE_H - 3 * margin) / 2
            spots = [(margin, PAGE_H - margin - i * (h + margin)) for i in range(len(copies))]
        for (x, top), copy in zip(spots, copies, strict=True):
            draw_block(pdf, Frame(x, top, w, h), w2, style, copy)
        pdf.showPage()
    dst.parent.mkdir(parents=True, exist_ok=True)
    pdf.save()
