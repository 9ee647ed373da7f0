"""Reading one copy's boxes: amounts paired with labels over the whole copy, check boxes
from their marks, the other kinds from the lines of their cells; then what information
returns print otherwise (an amount alone at the end of a statement's row, an explicit
zero, a text or a date in its own cell)."""

from __future__ import annotations

from backtax.extractors.forms.engine.checks import is_checked
from backtax.extractors.forms.engine.labels import weak
from backtax.extractors.forms.engine.pairing import assign
from backtax.extractors.forms.engine.spec import Anchor, BoxSpec, FormReading, label_ids
from backtax.extractors.forms.engine.values import (
    LEADER,
    ZEROS,
    cell_lines,
    cell_text,
    column_limit,
    first_typed,
    money_candidates,
    stray_bare,
    text_below,
    typed,
)
from backtax.extractors.page import Region
from backtax.extractors.values import format_money, parse_money


def read_boxes(
    region: Region, boxes: tuple[BoxSpec, ...], anchors: list[Anchor], stops: list[Anchor]
) -> FormReading:
    """Every box of `anchors`: amounts by the global assignment, check boxes by a mark
    beside the label, the rest from the first line under (or right of) the label."""
    reading = FormReading()
    money_anchors = [a for a in anchors if a.spec.kind == "money"]
    cands = money_candidates(region, label_ids(stops))
    quality: dict[str, float] = {}
    for a in anchors:  # how well the box's best label hit matched its wording
        quality[a.spec.name] = max(quality.get(a.spec.name, 0.0), a.hit.quality)
    for name, cand in assign(money_anchors, cands, region, stops).items():
        value = parse_money(cand.text)
        if value is not None:
            reading.fields[name] = format_money(value)
            reading.conf[name] = min(cand.conf, quality[name])
    numbered = {a.spec.name for a in anchors if a.numbered}
    for a in anchors:
        kind, name = a.spec.kind, a.spec.name
        if kind == "money" or name in reading.fields:
            continue
        if (name in numbered and not a.numbered) or stray_bare(a, region, anchors):
            continue  # `Tax Year 2023` in a heading is not box 13b's `13b Year`
        if kind == "check":
            if is_checked(a.box, region):
                reading.fields[name] = True
            continue
        lines = text_below(a.box, region, stops)
        if not lines:
            continue
        value = typed(kind, lines[0].text, within=True)
        if value is not None:
            reading.fields[name] = value
            reading.conf[name] = min(lines[0].conf, quality[name])
    for spec in boxes:
        found = any(a.spec.name == spec.name for a in anchors)
        if spec.kind == "check" and spec.name not in reading.fields and found:
            reading.fields[spec.name] = False
    return reading


# ---------------------------------------------------------------- information returns


def amounts_on_rows(reading: FormReading, region: Region, anchors: list[Anchor]) -> None:
    """Statements print each box on its own row, the amount at the far right: when a money
    label's row holds one amount and nothing else, that amount is the box's."""
    labels = label_ids(anchors)
    for a in anchors:
        if a.spec.kind != "money":
            continue
        row = [w for w in region.right_of(a.box) if id(w) not in labels]
        if not row:
            continue
        cands = money_candidates(Region(row, a.box, region.page_number), set())
        # Only a real amount ($ or cents): a bare number on a row may be a form number.
        if len(cands) == 1 and len(cands[0].words) == len(row) and not cands[0].weak:
            value = parse_money(cands[0].text)
            if value is not None:
                reading.fields[a.spec.name] = format_money(value)
                reading.conf[a.spec.name] = cands[0].conf


def explicit_zeros(reading: FormReading, region: Region, anchors: list[Anchor]) -> None:
    """A box that prints `0.00` holds an explicit zero: the lone `0.00` in the label's cell
    (money candidates take a bare amount beginning with 0 for a code, and the assignment
    may reach further down for another amount)."""
    labels = label_ids(anchors)
    for a in anchors:
        if a.spec.kind != "money":
            continue
        label, edge = a.box, column_limit(a.box, anchors)
        below = min(
            (b.box.top for b in anchors if b.box.top > label.bottom and b.box.h_overlap(label) > 0),
            default=label.bottom + 30,
        )
        zeros = [
            w
            for w in region.words
            if w.text.lstrip("$") == "0.00"
            and id(w) not in labels
            and label.x0 - 12 <= w.box.x0 < edge
            and label.bottom - 1 <= w.box.cy <= min(below, label.bottom + 30)
        ]
        if len(zeros) == 1:
            reading.fields[a.spec.name] = "0.00"


def values_in_cells(
    reading: FormReading, region: Region, anchors: list[Anchor], skip: frozenset[str] = frozenset()
) -> None:
    """Date, year, count and code boxes left empty: the first run of words of the right
    shape in the box's cell. Text boxes: the first line of the cell, up to a wide gap,
    unless it is a note in lower-case prose. Amount boxes left empty that print an
    explicit zero: 0.00."""
    strong = {a.spec.name for a in anchors if not weak(a, region)}
    texts: dict[str, str | None] = {}
    for a in anchors:
        kind, name = a.spec.kind, a.spec.name
        if name in skip or (name in strong and weak(a, region)) or stray_bare(a, region, anchors):
            continue
        if kind == "text" and not name.startswith("_"):
            texts.setdefault(name, None)
            texts[name] = texts[name] or cell_text(a, region, anchors)
            continue
        if kind == "money" and name not in reading.fields:
            if cell_text(a, region, anchors) in ZEROS:
                reading.fields[name] = "0.00"
            continue
        if kind not in ("date", "year", "int", "code") or name in reading.fields:
            continue
        for line in cell_lines(a, region, anchors):
            words = [w for w in line.words if w.text.strip() != "$" and not LEADER.match(w.text)]
            if len(words) > 1 and a.spec.number and words[0].text == a.spec.number:
                words = words[1:]  # a table's Box column, printed after the description
            value = first_typed(kind, words)
            if value is not None:
                reading.fields[name] = value
                reading.conf[name] = line.conf
                break
    for name, text in texts.items():
        if text:
            reading.fields[name] = text
        else:
            reading.fields.pop(name, None)
