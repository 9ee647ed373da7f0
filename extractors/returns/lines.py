"""Reading numbered return lines: a line's wording, the line number printed after it (the
form's line-number column), and the amount right of that number on the same row.

Nothing here knows a template's coordinates: the official form, tax-software prints and
preparers' prints all print `wording . . . number amount`, whatever the column positions.
A row with two lines (`2a Tax-exempt interest 2a 100 b Taxable interest 2b 200`) is read
by its line numbers; an amount is never taken across another word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extractors.page import Box, Hit, Region, Word
from extractors.returns.catalogue import LineSpec
from extractors.values import parse_money

_FILLER = re.compile(r"^(?:[.\u2022·:;,_\-–—$|!»>]+|\(cid:\d+\)|u|ü|[►▶]|\.+\d?)$")
_NUMBER_SHAPE = re.compile(r"^\d{1,2}[a-z]?$")
# OCR look-alikes inside a line number ("Sb" for 5b, "l" for 1, "O" for 0)
_OCR_DIGITS = str.maketrans({"S": "5", "s": "5", "l": "1", "I": "1", "O": "0", "o": "0"})
ROW_SLACK = 5.0
NEXT_ROW = 15.0
MAX_VALUE_GAP = 160.0


def money(text: str) -> Decimal | None:
    """A printed amount (`526,918.`, `1,500`, `(12)`), or None."""
    t = text.strip().rstrip(".") if re.fullmatch(r"[\d,]+\.", text.strip()) else text.strip()
    if not re.search(r"\d", t) or re.search(r"[A-Za-z]{2,}", t):
        return None
    return parse_money(t)


def number_text(word: Word) -> str:
    """A word as a line number: lower case, OCR look-alikes of digits mended."""
    text = word.text.strip().strip(".:")
    if word.source == "ocr" and len(text) <= 3:
        head, tail = text[:-1], text[-1:]
        text = (
            (head.translate(_OCR_DIGITS) + tail) if tail.isalpha() else text.translate(_OCR_DIGITS)
        )
    return text.lower()


def _same_row(a: Box, b: Box, slack: float = ROW_SLACK) -> bool:
    return abs(a.cy - b.cy) <= max(slack, 0.6 * min(a.height, b.height))


def _row_words(region: Region, box: Box, below: float = 0.0) -> list[Word]:
    """Words on the row of `box` (or, with `below`, on the rows down to that distance)."""
    return sorted(
        (
            w
            for w in region.words
            if _same_row(w.box, box) or (below and 0 < w.box.cy - box.cy <= below)
        ),
        key=lambda w: w.box.x0,
    )


def _amounts_after(
    words: list[Word], x: float, until: float = 10_000
) -> list[tuple[Word, Decimal]]:
    """The amounts right of `x` (and left of `until`), past fillers, up to the first word."""
    out: list[tuple[Word, Decimal]] = []
    for w in words:
        if w.box.x0 < x - 1 or w.box.cx >= until:
            continue
        last = out[-1][0].box.x1 if out else x
        if w.box.x0 - last > MAX_VALUE_GAP:
            break
        value = money(w.text)
        if value is not None:
            out.append((w, value))
        elif not _FILLER.match(w.text.strip()):
            break
    return out


def _tags(words: list[Word], number: str, x: float) -> list[Word]:
    return [w for w in words if w.box.x0 >= x - 1 and number_text(w) == number]


def line_amounts(
    region: Region, spec: LineSpec, numbers: set[str]
) -> list[tuple[Word, Decimal]]:
    """The amounts printed for one line (several on a form with columns), or [] when the
    line is blank or absent. `numbers` are every line number of the revision: a row with
    line numbers of its own but not this one's is another line's row."""
    hits: list[Hit] = []
    for label in spec.labels:
        hits.extend(region.find(label))
    for hit in sorted(hits, key=lambda h: (h.box.top, h.box.x0)):
        found = _amounts_at(region, hit.box, spec, numbers)
        if found:
            return found
    return []


def read_line(region: Region, spec: LineSpec, numbers: set[str]) -> tuple[Decimal, Word] | None:
    """The amount of one line, or None when the line is blank or absent."""
    found = line_amounts(region, spec, numbers)
    return (found[0][1], found[0][0]) if found else None


def _amounts_at(
    region: Region, box: Box, spec: LineSpec, numbers: set[str]
) -> list[tuple[Word, Decimal]]:
    row = _row_words(region, box)
    tags = _tags(row, spec.number, box.x1)
    if not tags:  # wording wrapped: the number ends the next row
        later = [w for w in _row_words(region, box, NEXT_ROW) if w.box.cy > box.cy + ROW_SLACK]
        tags = _tags(later, spec.number, box.x0)
        if tags:
            row = _row_words(region, tags[0].box)
    if tags:
        tag = tags[0]
        if spec.inline:
            return _amounts_after(row, box.x1, until=tag.box.x0)[:1]
        return _amounts_after(row, tag.box.x1)
    others = [w for w in row if w.box.x0 > box.x1 and number_text(w) in numbers]
    if others or spec.inline:
        return []
    return _amounts_after(row, box.x1)  # a print without line numbers: the amount follows


def read_lines(region: Region, specs: Iterable[LineSpec], fields: dict[str, str | Decimal]) -> None:
    """Every line of `specs` found on the region, into `fields` (a name found once stays)."""
    specs = list(specs)
    numbers = {s.number for s in specs}
    for spec in specs:
        if spec.name in fields:
            continue
        found = read_line(region, spec, numbers)
        if found is not None:
            fields[spec.name] = found[0]
