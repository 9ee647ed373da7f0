"""Reading numbered return lines: a line's wording, the line number printed after it (the
form's line-number column), and the amount right of that number on the same row.

Nothing here knows a template's coordinates: the official form, tax-software prints and
preparers' prints all print `wording . . . number amount`, whatever the column positions.
A row with two lines (`2a Tax-exempt interest 2a 100 b Taxable interest 2b 200`) is read
by its line numbers; an amount is never taken across another word.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from decimal import Decimal

from backtax.extractors.page import Box, Hit, Region, Word
from backtax.extractors.readers.glyphs import crop_pixels
from backtax.extractors.returns.catalogue import LineSpec
from backtax.extractors.values import parse_money

_FILLER = re.compile(r"^(?:[.\u2022·:;,_\-–—$|!»>]+|\(cid:\d+\)|u|ü|[►▶]|\.+\d?)$")
_NUMBER_SHAPE = re.compile(r"^\d{1,2}[a-z]?$")
# OCR look-alikes inside a line number ("Sb" for 5b, "l" for 1, "O" for 0)
_OCR_DIGITS = str.maketrans({"S": "5", "s": "5", "l": "1", "I": "1", "O": "0", "o": "0"})
ROW_SLACK = 5.0
NEXT_ROW = 15.0
MAX_VALUE_GAP = 160.0
INK = 110
MIN_INK = 0.004
AMOUNT_CHARS = "0123456789,.-()$"
CENTS_GAP = 1.5
RIGHT_PART = 0.6
_REFERENCE = {"line", "lines", "form", "schedule", "and", "through", "from"}


def money(text: str) -> Decimal | None:
    """A printed amount (`526,918.`, `1,500`, `(12)`), or None."""
    t = text.strip().rstrip(".") if re.fullmatch(r"[\d,]+\.", text.strip()) else text.strip()
    if not re.search(r"\d", t) or re.search(r"[A-Za-z]{2,}", t):
        return None
    return parse_money(t)


def number_text(word: Word) -> str:
    """A word as a line number: lower case, OCR look-alikes of digits mended, the box
    around it (`[11`, `|`) dropped."""
    text = word.text.strip().strip(".:[]|()")
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
    words: list[Word], x: float, until: float = 10_000, first_gap: float = MAX_VALUE_GAP
) -> list[tuple[Word, Decimal]]:
    """The amounts right of `x` (and left of `until`), past fillers, up to the first word;
    dollars and their cents read as two words (`2,140` `55`, a scan's lost point) are one.
    `first_gap`: how far the first word may be from `x`."""
    out: list[tuple[Word, Decimal]] = []
    last = x
    for w in words:
        if w.box.x0 < x - 1 or w.box.cx >= until:
            continue
        if w.box.x0 - last > (first_gap if last == x else MAX_VALUE_GAP):
            break
        value = money(w.text)
        if value is not None and out and _cents_of(out[-1][0], w):
            out[-1] = (out[-1][0], out[-1][1] + Decimal(w.text.strip()) / 100)
        elif value is not None:
            out.append((w, value))
        elif not _FILLER.match(w.text.strip()):
            break
        last = w.box.x1
    return out


def _cents_of(dollars: Word, word: Word) -> bool:
    """Whether `word` is the cents of the whole-dollar amount just left of it: two digits,
    closer than a character's height."""
    whole = re.fullmatch(r"\$?\d{1,3}(?:,\d{3})*", dollars.text.strip())
    gap = word.box.x0 - dollars.box.x1
    return (
        bool(whole)
        and re.fullmatch(r"\d\d", word.text.strip()) is not None
        and (0 <= gap <= CENTS_GAP * max(dollars.box.height, 1.0))
    )


def _tags(words: list[Word], number: str, x: float) -> list[Word]:
    """The line's number right of `x`, not a reference inside wording (`and 8.`)."""
    out, prev = [], None
    for w in words:
        reference = prev is not None and prev.text.strip(",.").lower() in _REFERENCE
        if w.box.x0 >= x - 1 and number_text(w) == number and not reference:
            out.append(w)
        prev = w
    return out


def tag_column(region: Region, numbers: set[str]) -> float | None:
    """The right edge of the page's line-number column: where most of the line numbers
    right of the page's middle end (the amounts are printed right of it)."""
    edges = sorted(
        w.box.x1
        for w in region.words
        if w.box.x0 > region.box.x1 * 0.55 and number_text(w) in numbers
    )
    return edges[len(edges) // 2] if len(edges) >= 3 else None


def line_amounts(
    regions: list[Region],
    spec: LineSpec,
    numbers: set[str],
    columns: list[float | None] | None = None,
) -> list[tuple[Word, Decimal]]:
    """The amounts printed for one line (several on a form with columns), or [] when the
    line is blank or absent, from the pages of one form.

    The row whose wording is followed by the line's number decides (blank or not). Only
    when no row shows the number (a print without numbers, a number OCR could not read) is
    the amount taken after the wording, or past the page's number column, on a row that
    names no other line's number (and starts with the wording, where it is on several).
    `numbers` are every line number of the revision; `columns` each page's number column."""
    columns = columns or [None] * len(regions)
    hits: list[tuple[Region, float | None, Hit]] = []
    for region, column in zip(regions, columns, strict=True):
        found = [h for label in spec.labels for h in region.find(label)]
        hits.extend((region, column, h) for h in sorted(found, key=lambda h: (h.box.top, h.box.x0)))
    numbered = [x for x in (_numbered_row(r, h.box, spec) for r, _c, h in hits) if x is not None]
    if numbered:
        return next((amounts for amounts in numbered if amounts), [])
    several = len({(id(r), round(h.box.cy / ROW_SLACK)) for r, _c, h in hits}) > 1
    for region, column, hit in hits:
        found = _unnumbered_row(region, hit.box, spec, numbers, column, several)
        if found:
            return found
    return []


def _numbered_row(region: Region, box: Box, spec: LineSpec) -> list[tuple[Word, Decimal]] | None:
    """The amounts after the line's number on the wording's row (or the next row, where the
    wording wraps); None when no number follows the wording."""
    row = _row_words(region, box)
    tags = _tags(row, spec.number, box.x1)
    if not tags:  # wording wrapped: the number ends the next row
        later = [w for w in _row_words(region, box, NEXT_ROW) if w.box.cy > box.cy + ROW_SLACK]
        tags = _tags(later, spec.number, box.x0)
        if tags:
            row = _row_words(region, tags[0].box)
    if not tags:
        return None
    if spec.inline:
        return _amounts_after(row, box.x1, until=tags[0].box.x0)[:1]
    return _amounts_after(row, tags[0].box.x1) or _read_cell_again(region, tags[0].box)


def _read_cell_again(region: Region, tag: Box) -> list[tuple[Word, Decimal]]:
    """On a scan, the amount cell right of a line number read again on its own, when it
    holds ink the page's reading left without words."""
    page = region.page
    if page is None or page.image is None:
        return []
    cell = Box(tag.x1 + 2, tag.top - 3, min(tag.x1 + 100, page.width - 4), tag.bottom + 1)
    inside = [w for w in region.words if cell.contains_center(w.box)]
    if any(not _FILLER.match(w.text) for w in inside):
        return []
    border = max((w.box.x1 for w in inside), default=cell.x0 - 2)  # a box's side read as `|`
    cell = Box(border + 2, cell.top, cell.x1, cell.bottom)
    pixels = crop_pixels(page, cell)
    if pixels is None or not pixels.size or (pixels < INK).mean() < MIN_INK:
        return []
    words = page.read_again(cell, psm=7, alphabet=AMOUNT_CHARS)  # by the page's own reader
    return _amounts_after(sorted(words, key=lambda w: w.box.x0), cell.x0)


def _other_numbers(row: list[Word], box: Box, numbers: set[str]) -> list[Word]:
    """Line numbers of other lines right of the wording (not `line 9` in the wording)."""
    out = []
    for prev, w in itertools.pairwise(row):
        reference = prev.text.strip(",.").lower() in _REFERENCE
        if w.box.x0 > box.x1 and number_text(w) in numbers and not reference:
            out.append(w)
    return out


def _starts_row(row: list[Word], box: Box) -> bool:
    """Whether the wording begins its line: only a line number or letter before it."""
    left = [w for w in row if w.box.x1 <= box.x0 + 1 and box.x0 - w.box.x0 < 45]
    return all(_NUMBER_SHAPE.match(number_text(w)) or len(w.text) <= 2 for w in left)


def _misread_tag(row: list[Word], box: Box, spec: LineSpec, others: list[Word]) -> Word | None:
    """The one other number on a row that begins with this line's own number and has only
    fillers between the wording and it: this line's number column, misread by OCR."""
    if len(others) != 1 or others[0].source != "ocr":
        return None
    lead = [w for w in row if w.box.x1 <= box.x0 + 1 and box.x0 - w.box.x0 < 45]
    if not lead or number_text(lead[-1]) != spec.number:
        return None
    between = [w for w in row if box.x1 <= w.box.x0 < others[0].box.x0]
    return others[0] if all(_FILLER.match(w.text.strip()) for w in between) else None


def _amount_at_right(row: list[Word], box: Box, width: float) -> list[tuple[Word, Decimal]]:
    """On a scan without a number column, the amount in the right part of the row after
    wording that runs on past the label (`... repayment. Attach Form 8962   250 00`): only
    words and references (`Form 8962`, `line 11`) between, no other amount."""
    after = [w for w in row if w.box.x0 >= box.x1 - 1]
    for i, w in enumerate(after):
        if money(w.text) is None:
            continue
        reference = i > 0 and after[i - 1].text.strip(",.").lower() in _REFERENCE
        if reference:
            continue
        return _amounts_after(after[i:], w.box.x0) if w.box.x0 > RIGHT_PART * width else []
    return []


def _unnumbered_row(
    region: Region,
    box: Box,
    spec: LineSpec,
    numbers: set[str],
    column: float | None,
    several: bool,
) -> list[tuple[Word, Decimal]]:
    """`several`: the wording is printed on several rows, so it must begin this one."""
    row = _row_words(region, box)
    if spec.inline or (several and not _starts_row(row, box)):
        return []
    others = _other_numbers(row, box, numbers)
    if others:  # another line's number, unless it is this line's own misread (`24` for 21)
        misread = _misread_tag(row, box, spec, others)
        return _amounts_after(row, misread.box.x1) if misread else []
    if column is not None and column > box.x1:  # the number unreadable (a scan): past its column
        return _amounts_after(row, column + 1)
    if region.page is not None and region.page.method == "ocr":  # no number column read:
        return _amounts_after(row, box.x1, first_gap=region.box.x1) or _amount_at_right(
            row, box, region.box.x1
        )
    return _amounts_after(row, box.x1)  # a print without line numbers: the amount follows


def read_lines(
    regions: list[Region], specs: Iterable[LineSpec], fields: dict[str, str | Decimal]
) -> None:
    """Every line of `specs` found on the pages, into `fields` (a name found once stays)."""
    specs = list(specs)
    numbers = {s.number for s in specs}
    columns = [
        tag_column(r, numbers) if r.page is not None and r.page.method == "ocr" else None
        for r in regions
    ]
    for spec in specs:
        if spec.name in fields:
            continue
        found = line_amounts(regions, spec, numbers, columns)
        if found:
            fields[spec.name] = found[0][1]
