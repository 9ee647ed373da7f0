"""A W-2c (Corrected Wage and Tax Statement) in the 2024 layout, drawn with reportlab.

Identification boxes a-i on the left; on the right each row holds two boxes, each as a
"Previously reported" and a "Correct information" cell; the state and local corrections
sit below as two rows (previously reported, correct) of boxes 15-20. Only the boxes being
corrected are filled in, as employers do.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from sample_docs.generators.w2_model import W2, StateLine
from sample_docs.generators.w2_payroll import commas

PAGE_W, PAGE_H = letter
MARGIN = 28
LABEL_FONT, LABEL_SIZE = "Helvetica", 5.5
VALUE_FONT, VALUE_SIZE = "Courier", 8.0
ROW_H = 30.0

LEFT = (
    ("a", "a Employer's name, address, and ZIP code", 3),
    ("b", "b Employer's Federal EIN", 1),
    ("c", "c Tax year/Form corrected", 1),
    ("d", "d Employee's correct SSN", 1),
    (
        "e",
        "e Corrected SSN and/or name (Check this box and complete boxes f and/or g "
        "if incorrect on form previously filed.)",
        1,
    ),
    ("f", "f Employee's previously reported SSN", 1),
    ("g", "g Employee's previously reported name", 1),
    ("h", "h Employee's first name and initial   Last name   Suff.", 1),
    ("i", "i Employee's address and ZIP code", 2),
)
BOX_LABELS = {
    1: "1 Wages, tips, other compensation",
    2: "2 Federal income tax withheld",
    3: "3 Social security wages",
    4: "4 Social security tax withheld",
    5: "5 Medicare wages and tips",
    6: "6 Medicare tax withheld",
    7: "7 Social security tips",
    8: "8 Allocated tips",
    9: "9",
    10: "10 Dependent care benefits",
    11: "11 Nonqualified plans",
}
RIGHT_ROWS = ((1, 2), (3, 4), (5, 6), (7, 8), (9, 10), (11, None))
STATE_COLUMNS = (
    ("15 State", 0.07),
    ("Employer's state ID number", 0.17),
    ("16 State wages, tips, etc.", 0.16),
    ("17 State income tax", 0.14),
    ("18 Local wages, tips, etc.", 0.16),
    ("19 Local income tax", 0.14),
    ("20 Locality name", 0.16),
)


def _label(pdf: Canvas, x: float, top: float, width: float, text: str) -> None:
    pdf.setFont(LABEL_FONT, LABEL_SIZE)
    line, n = "", 0
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and stringWidth(trial, LABEL_FONT, LABEL_SIZE) > width - 4:
            pdf.drawString(x + 2, top - (n + 1) * (LABEL_SIZE + 0.8), line)
            line, n = word, n + 1
        else:
            line = trial
    pdf.drawString(x + 2, top - (n + 1) * (LABEL_SIZE + 0.8), line)


def _values(pdf: Canvas, x: float, top: float, height: float, lines: list[str]) -> None:
    pdf.setFont(VALUE_FONT, VALUE_SIZE)
    start = top - height + 4 + (len(lines) - 1) * (VALUE_SIZE + 1)
    for n, line in enumerate(lines):
        pdf.drawString(x + 4, start - n * (VALUE_SIZE + 1), line)


def _left(pdf: Canvas, w2: W2, x: float, top: float, width: float) -> float:
    e, c = w2.employee, w2.employer
    values = {
        "a": c.address_block.split("\n"),
        "b": [c.ein],
        "c": [f"{w2.tax_year} / W-2"],
        "d": [e.ssn],
        "h": [f"{e.first_and_initial}   {e.last}"],
        "i": [e.street, e.city_state_zip],
    }
    for key, text, rows in LEFT:
        height = rows * ROW_H
        pdf.rect(x, top - height, width, height)
        _label(pdf, x, top, width, text)
        if key == "e":
            pdf.rect(x + width - 12, top - height + 4, 7, 7)
        _values(pdf, x, top, height, values.get(key, []))
        top -= height
    return top


def _right(pdf: Canvas, w2: W2, x: float, top: float, width: float) -> None:
    cell = width / 4
    pdf.setFont("Helvetica-Bold", 6.5)
    for n, head in enumerate(("Previously reported", "Correct information") * 2):
        pdf.drawCentredString(x + (n + 0.5) * cell, top - 8, head)
    top -= 12
    for pair in RIGHT_ROWS:
        for k, box in enumerate(pair):
            if box is None:
                continue
            for n, column in enumerate((w2.previous, w2.amounts)):
                cx = x + (2 * k + n) * cell
                pdf.rect(cx, top - ROW_H, cell, ROW_H)
                _label(pdf, cx, top, cell, BOX_LABELS[box])
                if box in column:
                    pdf.setFont(VALUE_FONT, VALUE_SIZE)
                    pdf.drawRightString(cx + cell - 4, top - ROW_H + 4, commas(column[box]))
        top -= ROW_H


def _state_cells(line: StateLine | None) -> list[str]:
    if line is None:
        return [""] * 7
    raw = (
        line.state,
        line.employer_state_id,
        line.state_wages,
        line.state_tax,
        line.local_wages,
        line.local_tax,
        line.locality,
    )
    return [commas(v) if isinstance(v, Decimal) else (v or "") for v in raw]


def _states(pdf: Canvas, w2: W2, x: float, top: float, width: float) -> None:
    pdf.setFont("Helvetica-Bold", 6.5)
    pdf.drawString(x + 2, top - 8, "State and Locality Correction Information")
    top -= 11
    count = max(len(w2.states), len(w2.previous_states), 1)
    for i in range(count):
        rows = (
            ("Previously reported", w2.previous_states[i] if i < len(w2.previous_states) else None),
            ("Correct information", w2.states[i] if i < len(w2.states) else None),
        )
        for caption, line in rows:
            pdf.setFont("Helvetica-Bold", 6)
            pdf.drawString(x + 2, top - ROW_H + 4, caption)
            cx = x + 0.16 * width
            for (label, frac), value in zip(STATE_COLUMNS, _state_cells(line), strict=True):
                cw = frac * width * 0.84
                pdf.rect(cx, top - ROW_H, cw, ROW_H)
                _label(pdf, cx, top, cw, label)
                pdf.setFont(VALUE_FONT, VALUE_SIZE)
                pdf.drawString(cx + 3, top - ROW_H + 4, value)
                cx += cw
            top -= ROW_H


def draw_w2c(dst: Path, w2: W2) -> None:
    """Write a one-page Copy B of the W-2c for `w2` (its `previous` boxes shown beside)."""
    pdf = Canvas(str(dst), pagesize=letter, invariant=1)
    width = PAGE_W - 2 * MARGIN
    top = PAGE_H - MARGIN
    pdf.setFont("Helvetica", 7)
    pdf.drawString(MARGIN, top - 8, "DO NOT CUT, FOLD, OR STAPLE THIS FORM")
    pdf.drawRightString(PAGE_W - MARGIN, top - 8, "OMB No. 1545-0008")
    top -= 14
    pdf.setLineWidth(0.6)
    left_w = width * 0.38
    bottom = _left(pdf, w2, MARGIN, top, left_w)
    _right(pdf, w2, MARGIN + left_w, top, width - left_w)
    _states(pdf, w2, MARGIN, bottom - 6, width)
    foot = bottom - 6 - 11 - 2 * ROW_H * max(len(w2.states), 1) - 22
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(MARGIN, foot, "Form W-2c")
    pdf.setFont("Helvetica-Bold", 9)
    pdf.drawString(MARGIN + 80, foot, "Corrected Wage and Tax Statement")
    pdf.setFont("Helvetica", 7)
    pdf.drawString(MARGIN + 80, foot - 10, "(Rev. August 2024)")
    pdf.drawString(MARGIN, foot - 22, "Copy B—To Be Filed With Employee's Federal Tax Return")
    pdf.drawRightString(
        PAGE_W - MARGIN, foot, "Department of the Treasury - Internal Revenue Service"
    )
    pdf.showPage()
    dst.parent.mkdir(parents=True, exist_ok=True)
    pdf.save()
