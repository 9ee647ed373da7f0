"""Reading one copy's boxes: amounts and check boxes' marks paired with labels over the
whole copy, the other kinds from the lines of their cells; then what information returns
print otherwise (a text or a date in its own cell)."""

from __future__ import annotations

import re

from backtax.extractors.forms.engine.checks import marks, own_square
from backtax.extractors.forms.engine.labels import weak
from backtax.extractors.forms.engine.pairing import assign
from backtax.extractors.forms.engine.spec import Anchor, FormReading, label_ids
from backtax.extractors.forms.engine.values import (
    LEADER,
    PROSE,
    ZEROS,
    cell_lines,
    cell_text,
    first_run,
    first_typed,
    is_number,
    lone_value,
    money_candidates,
    number_printed,
    stray_bare,
    text_below,
    text_beside,
    typed,
)
from backtax.extractors.page import Line, Region, Word
from backtax.extractors.values import format_money, parse_money


def read_boxes(region: Region, anchors: list[Anchor], stops: list[Anchor]) -> FormReading:
    """Every box of `anchors`: amounts and check boxes by the global assignment (values
    and marks), the rest from the first line under (or right of) the label."""
    reading = FormReading()
    quality: dict[str, float] = {}
    for a in anchors:  # how well the box's best label hit matched its wording
        quality[a.spec.name] = max(quality.get(a.spec.name, 0.0), a.hit.quality)
    checks = check_rows(region, anchors, stops)
    rows = [a for a in anchors if a.spec.kind == "money"] + checks
    cands = money_candidates(region, label_ids(stops)) + marks(region, stops)
    empty = {}  # check boxes drawn empty beside their labels: no mark from elsewhere
    for a in checks:
        own = own_square(a, region, stops)
        if own is not None and not own[1]:
            empty[id(a)] = own[0]
    for name, cand in assign(rows, cands, region, stops, empty).items():
        reading.assigned.update(id(w) for w in cand.words)
        if cand.mark:
            reading.fields[name] = True
            continue
        value = parse_money(cand.text)
        if value is not None:
            reading.fields[name] = format_money(value)
            reading.conf[name] = min(cand.conf, quality[name])
    for a in anchors:  # a check box found and given no mark is not checked
        if a.spec.kind == "check":
            reading.fields.setdefault(a.spec.name, False)
    numbered = {a.spec.name for a in anchors if a.numbered}
    ids = label_ids(stops)
    for a in anchors:
        kind, name = a.spec.kind, a.spec.name
        if kind in ("money", "check") or name in reading.fields:
            continue
        if (name in numbered and not a.numbered) or stray_bare(a, region, anchors):
            continue  # `Tax Year 2023` in a heading is not box 13b's `13b Year`
        lines = _after_tail(a, region, ids) or text_below(a.box, region, stops)
        if lines and kind != "text" and PROSE.search(lines[0].text):
            # a table's last row, a paragraph under it: `Code(s) | 15b | 7`
            lines = text_beside(a.box, region, stops) or _past_box_column(a, region, ids)
        if not lines or (kind != "text" and PROSE.search(lines[0].text)):
            continue  # a paragraph under a table's row holds no count (`call 1-800-...`)
        text = " ".join(w.text for w in _past_own_number(lines[0].words, a, region))
        value = typed(kind, text, within=True)
        if value is not None:
            reading.fields[name] = value
            reading.conf[name] = min(lines[0].conf, quality[name])
    return reading


def _past_box_column(anchor: Anchor, region: Region, labels: set[int]) -> list[Line]:
    """A table row's value across its ruled Box column: the label's row right of it is
    the box's own number and one word (`Code(s) | 15b | 7`), that number first."""
    row = sorted(
        (w for w in region.right_of(anchor.box) if id(w) not in labels), key=lambda w: w.box.x0
    )
    own = len(row) == 2 and is_number(row[0].text, anchor.spec.number)
    return [Line(row)] if own else []


def _after_tail(anchor: Anchor, region: Region, labels: set[int]) -> list[Line]:
    """The run of words right after a wrapped label's last line (`... (Box` / `9a):  41`),
    none for a label on one line (its value is read under it or right of it)."""
    tail = anchor.tail
    if tail.top <= anchor.box.top + 1:
        return []
    row = [w for w in region.right_of(tail, max_dx=160) if id(w) not in labels]
    run = first_run(row)
    if not run or run[0].box.x0 - tail.x1 > 40:
        return []  # a far word is another column's
    return [Line(run)]


def _tail_text(anchor: Anchor, region: Region, anchors: list[Anchor]) -> str | None:
    """The words right after a wrapped label's last line (`Account` / `No.: 128-20014`),
    unless they are prose: the text a cell holds beside its label's tail."""
    lines = _after_tail(anchor, region, label_ids(anchors))
    text = lines[0].text.strip() if lines else ""
    return text if text and not PROSE.search(text) else None


def _past_own_number(words: list[Word], anchor: Anchor, region: Region) -> list[Word]:
    """A line's words past the box's own number that starts them: a table's Box column,
    printed after the description, or `(Box` / `9a):  41`, the label's `(Box 9a)` wrapped,
    its count after it; not where the label's row prints its number already
    (`number_printed`): there the number is the value."""
    number = anchor.spec.number
    if number and len(words) > 1 and is_number(words[0].text, number):
        return words if number_printed(anchor, region) else words[1:]
    return words


def drop_unmarked_words(
    reading: FormReading, region: Region, anchors: list[Anchor], stops: list[Anchor]
) -> None:
    """A check label found only as a word of a longer run (a name, a caption:
    `SUMMIT HSA BANK`) is no check box of the page: its `False` is dropped."""
    boxes = {a.spec.name for a in check_rows(region, anchors, stops)}
    for a in anchors:
        name = a.spec.name
        if a.spec.kind == "check" and name not in boxes and reading.fields.get(name) is False:
            del reading.fields[name]


def check_rows(region: Region, anchors: list[Anchor], stops: list[Anchor]) -> list[Anchor]:
    """The check boxes' labels the marks are paired with: not a part of a longer run of
    words (`weak`), nor inside a caption or a party label (`SUMMIT HSA BANK`)."""
    caption_ids = {id(w) for a in stops if a.spec.kind == "caption" for w in a.hit.words}
    return [
        a
        for a in anchors
        if a.spec.kind == "check"
        and not weak(a, region)
        and not any(id(w) in caption_ids for w in a.hit.words)
    ]


# ---------------------------------------------------------------- information returns


def values_in_cells(
    reading: FormReading, region: Region, anchors: list[Anchor], skip: frozenset[str] = frozenset()
) -> None:
    """Date, year, count and code boxes left empty: the first run of words of the right
    shape in the box's cell. Text boxes: the first line of the cell, up to a wide gap,
    unless it is a note in lower-case prose. Amount boxes left empty that print an
    explicit zero in their cell, not one the assignment gave another box: 0.00."""
    strong = {a.spec.name for a in anchors if not weak(a, region)}
    texts: dict[str, str | None] = {}
    for a in anchors:
        kind, name = a.spec.kind, a.spec.name
        if name in skip or (name in strong and weak(a, region)) or stray_bare(a, region, anchors):
            continue
        if kind == "text" and not name.startswith("_"):
            texts.setdefault(name, None)
            texts[name] = (
                texts[name] or cell_text(a, region, anchors) or _tail_text(a, region, anchors)
            )
            continue
        if kind == "money" and name not in reading.fields:
            if cell_text(a, region, anchors, reading.assigned) in ZEROS:
                reading.fields[name] = "0.00"
            continue
        if kind not in ("date", "year", "int", "code") or name in reading.fields:
            continue
        for line in cell_lines(a, region, anchors):
            words = [w for w in line.words if w.text.strip() != "$" and not LEADER.match(w.text)]
            value = first_typed(kind, _past_own_number(words, a, region))
            if value is not None:
                reading.fields[name] = value
                reading.conf[name] = line.conf
                break
        if kind in ("code", "int") and name not in reading.fields:
            lone = lone_value(a, region, anchors)
            if lone is not None:
                reading.fields[name], reading.conf[name] = lone
    for name, text in texts.items():
        if text:
            reading.fields[name] = _ID_END.sub("", text)
        else:
            reading.fields.pop(name, None)


_ID_END = re.compile(r"(?<=\d)[.,;:]+$")
"""Punctuation after a text's last digit (`939-37822.`: a speck OCR read as a point, a
sentence's end): no part of an account number or an identifier."""
