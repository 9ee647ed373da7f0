"""Typed values printed on a page: amounts (one word, `$` and number, numbers split by
OCR), dates, years, counts, codes and text, and the lines of a box's cell they are read
from."""

from __future__ import annotations

import itertools
import re
from typing import Any

from backtax.extractors.forms.engine.spec import Anchor, Candidate, label_ids
from backtax.extractors.page import (
    Box,
    Line,
    Page,
    Region,
    Word,
    edits,
    group_lines,
    normalize,
    tokens,
)
from backtax.extractors.readers.glyphs import print_like
from backtax.extractors.values import parse_date, parse_money, repair_ocr_number

# ---------------------------------------------------------------- amounts

_YEAR = re.compile(r"^(19[89]\d|20[0-4]\d)$")
_SMALL_INT = re.compile(r"^\d{1,2}[a-z]?$")
DOLLAR_SIGNS = {"$", "§", "$.", "'$", "‘$", "'§", "‘§"}
# A number right after these words names a form, a section or a box: no amount.
_FORM_WORDS = frozenset(
    {"form", "forms", "schedule", "pub", "publication", "rev", "no", "section", "sec", "box"}
)


_LEADING_MINUS = re.compile(r"^-+(?P<amount>\d[\d,]*\.\d\d)$")
MINUS_SURE = 0.8
"""How sure the second recogniser must be of an amount's digits to drop OCR's minus."""
_MINUS = re.compile(r"[-\u2010-\u2015\u2212\ufe58\ufe63\uff0d(]")
"""A minus as a recogniser may read it: a hyphen, any dash, the minus sign, full-width
forms, or the parenthesis of `(49,124.18)`."""


def _minus_checked(region: Region, words: tuple[Word, ...], text: str) -> str:
    """An OCR amount read with a minus glued to its start (`-49124.18`: a dot leader's last
    dots read as a dash) without it, where the page's second recogniser reads the same
    digits surely, with no minus, on the amount's box alone; as read otherwise."""
    m = _LEADING_MINUS.match(text)
    page = region.page
    if m is None or page is None or len(words) != 1 or words[0].source != "ocr":
        return text
    read = page.recognise(words[0].box)
    again = "".join(w.text for w in read)
    if not read or _MINUS.search(again) or min(w.conf for w in read) < MINUS_SURE:
        return text
    return m["amount"] if re.sub(r"\D", "", again) == re.sub(r"\D", "", m["amount"]) else text


def money_candidates(region: Region, exclude: set[int]) -> list[Candidate]:
    """Amounts on the page: single words, or `$` and number, or numbers split by OCR.

    A `$` printed apart from its number (or dropped into another line by OCR) still
    marks the number beside it as money; bare whole numbers count, but weakly.
    """
    dollars = [w for w in region if w.text.strip() in DOLLAR_SIGNS and id(w) not in exclude]
    out: list[Candidate] = []
    for line in region.lines():
        words = [w for w in line.words if id(w) not in exclude]
        texts = [repair_ocr_number(w.text) if w.source == "ocr" else w.text.strip() for w in words]
        i = 0
        while i < len(words):
            best: tuple[int, str] | None = None
            for j in range(i, min(i + 3, len(words))):
                gap = words[j].box.x0 - words[j - 1].box.x1 if j > i else 0.0
                text = " ".join(texts[i : j + 1])
                lost = _LOST_POINT.match(text) if words[j].source == "ocr" else None
                if lost and gap <= 1.5 * words[i].box.height:
                    text, gap = f"{lost[1]}.{lost[2]}", 0.0  # OCR's `61943 23` for 61943.23
                if gap > _gap_limit(words[j]):
                    break
                if "$" not in text and _dollar_before(words[i], dollars):
                    text = "$ " + text
                if _is_money(text):
                    best = (j, text)
            if (
                best
                and not re.search(r"\.\d\d$|,\d{3}|\$", best[1])
                and _after_form_word(line, words[i])
            ):
                best = None  # `Form 1040`, `Schedule C (Form 1040)`: a form's number
            if best and _lost_separator_after(words, texts, best):
                i = best[0] + 2  # OCR's `$90 697 yee` for `$90,697.71`: no amount of its parts
                continue
            if best and _wording_after(words, best):
                i = best[0] + 1  # `128 Code See inst.` (12a's label), `3100 BLAKE ST`
                continue
            if best:
                j, text = best
                chosen = tuple(words[i : j + 1])
                text = _minus_checked(region, chosen, text)
                out.append(Candidate(chosen, text, union(chosen), weak=_is_weak(text)))
                i = j + 1
            else:
                i += 1
    return out


_LOST_POINT = re.compile(r"^(\$?\s?\d{1,3}(?:,\d{3})+|\$?\s?\d+) (\d{2})$")
"""A whole number and two digits a narrow blank apart: an amount whose point a scan lost."""


def _lost_separator_after(words: list[Word], texts: list[str], best: tuple[int, str]) -> bool:
    """Whether an OCR amount without cents goes on, a narrow blank after it, with a group
    of three digits or a short run of letters: one longer number whose comma or point the
    scan lost and whose end it misread (`$90` `697` `yee` of `$90,697.71`, `$` `93` `BY` of
    `$93.57` in a monospaced font), of which this is no amount."""
    j, text = best
    k = j + 1
    if k >= len(words) or "." in text or words[k].source != "ocr":
        return False
    gap = words[k].box.x0 - words[j].box.x1
    return bool(_GOES_ON.match(texts[k])) and gap <= 1.5 * words[j].box.height


_GOES_ON = re.compile(r"^(\d{3}(?!\d)|[A-Za-z]{1,3}$)")


def _wording_after(words: list[Word], best: tuple[int, str]) -> bool:
    """Whether an OCR whole number (no `$`, point or comma) is followed a space apart on
    its line by a word of letters: a box's number misread before its label (`128 Code
    See inst. for box 12` for 12a's) or a street number, no amount."""
    j, text = best
    k = j + 1
    if k >= len(words) or words[j].source != "ocr" or not re.fullmatch(r"\d+", text):
        return False
    gap = words[k].box.x0 - words[j].box.x1
    return bool(re.fullmatch(r"[A-Za-z]{4,}", words[k].text)) and gap <= words[j].box.height


def _after_form_word(line: Line, word: Word) -> bool:
    """Whether the word printed just before `word` (a space apart, labels included) names
    a form, a section or a box: `Box 1: Wages ... 100.00` keeps its amount."""
    k = next(i for i, w in enumerate(line.words) if w is word)
    if k == 0:
        return False
    before = line.words[k - 1]
    near = word.box.x0 - before.box.x1 <= 2 * _gap_limit(word)
    return near and normalize(before.text).strip("(.,:") in _FORM_WORDS


def _dollar_before(word: Word, dollars: list[Word]) -> bool:
    h = word.box.height
    return any(
        d.box.v_overlap(word.box) > 0 and -1 <= word.box.x0 - d.box.x1 <= 2.5 * h for d in dollars
    )


def _gap_limit(word: Word) -> float:
    return max(3.0, word.box.height * 0.9)


def _is_money(text: str) -> bool:
    t = text.strip()
    if parse_money(t) is None:
        return False
    bare = t.lstrip("$ ").strip()
    if re.match(r"^-\s", bare):
        return False  # `Statement - 2023`: no negative amount
    if _YEAR.match(bare) or (_SMALL_INT.match(bare) and "$" not in t):
        return False
    if re.match(r"^0\d", bare):
        return False  # no amount is printed with a leading zero (`$ 0010`: OCR's handwriting)
    return "$" in t or not re.match(r"^\d{8,}$", bare)


def _is_weak(text: str) -> bool:
    """A whole number without `$` may be a ZIP code or a count as well as an amount."""
    return "$" not in text and "." not in text


def union(words: tuple[Word, ...] | list[Word]) -> Box:
    box = words[0].box
    for w in words[1:]:
        box = box.union(w.box)
    return box


# ---------------------------------------------------------------- other kinds of value

_CODE = re.compile(r"^[A-Z0-9]{1,3}(?:\s*,?\s*[A-Z0-9]{1,2})?$")
_INT = re.compile(r"^\d{1,7}%?$")
_FULL_YEAR = re.compile(r"^(19|20)\d{2}$")
LEADER = re.compile(r"^[.\u2026·_\-\s]{3,}$")
ZEROS = ("0.00", "0", ".00")  # an explicit zero, which the money reader leaves (a code may be 0)
PROSE = re.compile(r"(?<![\w-])[a-z]{2,}(?![\w-])")  # a lower-case word: a note, not a value


def typed(kind: str, text: str, within: bool = False) -> Any:
    """`text` as a value of a box of `kind`, or None when it is not shaped like one; with
    `within`, a year or a count may be a part of the text (the first line under a label)."""
    text = text.strip()
    if not within:
        text = text.strip("$").strip()
    if kind == "date":
        d = parse_date(text)
        return d.isoformat() if d else None
    if kind == "year":
        m = re.search(r"\b(19|20)\d{2}\b", text) if within else _FULL_YEAR.match(text)
        return int(m.group(0)) if m else None
    if kind == "int":
        if within:
            m = re.search(r"\d+", text)
            return int(m.group(0)) if m else None
        bare = text.replace(",", "")
        return int(bare.rstrip("%")) if _INT.match(bare) else None
    if kind == "code":
        m = _CODE.match(text.upper())
        if m is None or not (within or text == text.upper()):
            return None
        return re.sub(r"[\s,]", "", m.group(0))
    return text or None


def first_typed(kind: str, words: list[Word]) -> Any:
    """The first run of up to three close words that reads as a `kind` value; a code or a
    count is the first thing in its cell."""
    for i in range(len(words)):
        for j in range(min(len(words), i + 3), i, -1):
            run = words[i:j]
            if any(b.box.x0 - a.box.x1 > 12 for a, b in itertools.pairwise(run)):
                continue
            value = typed(kind, " ".join(w.text for w in run))
            if value is not None:
                return value
        if kind in ("code", "int"):
            return None
    return None


CHECK_MARKS = {"x", "✓", "✔", "☒", "■", "[x]", "(x)", "xx", "v"}
_MARK = re.compile(r"^[\[(|]?[xX✓✔☒]{1,3}[\])|.]?$")


def is_mark(text: str) -> bool:
    """An X printed or read in a check box: `X`, `[X]`, `(x)`, and OCR's `Xx)`."""
    t = text.strip()
    return t in CHECK_MARKS or normalize(t).strip("[]() ") in CHECK_MARKS or bool(_MARK.match(t))


def first_run(words: list[Word], max_gap: float = 25.0) -> list[Word]:
    """Leading words of a left-to-right row up to the first wide gap."""
    run: list[Word] = []
    for w in sorted(words, key=lambda w: w.box.x0):
        if run and w.box.x0 - run[-1].box.x1 > max_gap:
            break
        run.append(w)
    return run


# ---------------------------------------------------------------- where a box's value is


def text_below(anchor_box: Box, region: Region, stops: list[Anchor], n: int = 1) -> list[Line]:
    """Up to `n` lines printed under a label, stopping at the next label; when nothing is
    under it, the words right of it on its line (`text_beside`)."""
    labels = label_ids(stops)
    right_edge = _text_right_edge(anchor_box, region, stops)
    left = anchor_box.x0 - 12
    border = region.page.cell_left(anchor_box) if region.page else None
    if border is not None:
        left = max(left, border)  # not into the cell on the left (its value is its own)
    floor = region.page.cell_bottom(anchor_box) if region.page else None
    area = Box(left, anchor_box.bottom - 1, right_edge, min(anchor_box.bottom + 90, floor or 1e9))
    stop_tops = [
        a.box.top for a in stops if a.box.top > anchor_box.bottom - 1 and a.box.h_overlap(area) > 0
    ]
    limit = min(stop_tops, default=area.bottom)
    words = [w for w in region.crop(area) if id(w) not in labels and w.box.cy < limit]
    lines = [ln for ln in group_lines(words) if ln.box.top - anchor_box.bottom < 30 or n > 1]
    lines = _without_label_continuation(lines, anchor_box)
    return lines[:n] if lines else text_beside(anchor_box, region, stops)


def text_beside(anchor_box: Box, region: Region, stops: list[Anchor]) -> list[Line]:
    """The words right of a label on its line, up to the next label or cell border, as
    one line (none: no line)."""
    labels = label_ids(stops)
    reach = _text_right_edge(anchor_box, region, stops) - anchor_box.x1
    same = region.right_of(anchor_box, max_dx=reach)
    same_words = sorted((w for w in same if id(w) not in labels), key=lambda w: w.box.x0)
    while same_words and _is_label_text(same_words[0].text):
        same_words.pop(0)
    return [Line(same_words)] if same_words else []


def _text_right_edge(anchor_box: Box, region: Region, stops: list[Anchor]) -> float:
    """How far right a label's text value may reach: 220 points from its start (60 past
    its end at least), not past a cell border or the next label on its line."""
    right_edge = min(region.box.x1, max(anchor_box.x1 + 60, anchor_box.x0 + 220))
    border = region.page.cell_right(anchor_box) if region.page else None
    if border is not None and border > anchor_box.x1 - 2:
        right_edge = min(right_edge, border)
    for a in stops:
        if a.box.x0 > anchor_box.x1 - 2 and a.box.v_overlap(anchor_box) > 0:
            right_edge = min(right_edge, a.box.x0)
    return right_edge


# Words of the long, wrapped party labels ("PAYER'S name, street address, city or town,
# state or province, country, ZIP or foreign postal code, and telephone no.").
_LABEL_VOCABULARY = frozenset(
    {
        "name", "names", "street", "address", "city", "town", "state", "province", "country",
        "zip", "or", "foreign", "postal", "code", "and", "telephone", "no", "number", "phone",
        "of", "the", "apt", "suite", "room", "including", "if", "different",
    }
)  # fmt: skip


def _is_label_text(text: str) -> bool:
    toks = tokens(text)
    return bool(toks) and all(t.strip("'") in _LABEL_VOCABULARY for t in toks)


def _without_label_continuation(lines: list[Line], anchor_box: Box) -> list[Line]:
    """Drop the wrapped rest of a label printed under its first line."""
    out = list(lines)
    while out:
        toks = [t for w in out[0].words for t in tokens(w.text)]
        heights = sorted(w.box.height for w in out[0].words)  # not OCR's odd tall word's
        small = heights[len(heights) // 2] <= anchor_box.height * 1.25
        known = sum(t.strip("'") in _LABEL_VOCABULARY for t in toks)  # OCR's `‘state`
        if not (small and toks and known >= 0.7 * len(toks)):
            break
        out.pop(0)
    return out


def column_limit(label: Box, anchors: list[Anchor]) -> float:
    """Where the next label to the right begins, on the label's line or in the rows below."""
    edge = 10_000.0
    for a in anchors:
        b = a.box
        if a.spec.kind == "caption":
            continue
        if b.x0 > label.x0 + 40 and b.bottom > label.top - 40 and b.top < label.bottom + 30:
            edge = min(edge, b.x0)
    return edge


def _box_padding(label: Box, edge: float, anchors: list[Anchor]) -> float:
    """Values of the next box start a little before its label's text (the label is
    indented in its box) when that label is on this label's line."""
    beside = any(a.box.x0 == edge and a.box.v_overlap(label) > 0 for a in anchors)
    return 6.0 if beside else 0.0


def texts_near(anchor: Anchor, region: Region, anchors: list[Anchor]) -> list[str]:
    """What a text box may hold, best first: the lines under its label in the label's
    column, then the words right of the label after a short gap; each only its leading
    run of words (no far neighbours), never a note in lower-case prose."""
    label = anchor.box
    labels = label_ids(anchors)
    same = [w for w in region.right_of(label, max_dx=160) if id(w) not in labels]
    same = first_run(same) if same and same[0].box.x0 - label.x1 < 120 else []
    edge = column_limit(label, anchors)
    next_top = min(
        (
            a.box.top
            for a in anchors
            if a.box.top > label.bottom and label.x0 - 12 <= a.box.x0 < edge
        ),
        default=label.bottom + 45,
    )
    bottom = min(next_top, label.bottom + 45)
    right = edge - _box_padding(label, edge, anchors)
    words = [
        w
        for w in region.words
        if label.x0 - 12 <= w.box.x0 < right
        and label.bottom - 1 <= w.box.cy <= bottom
        and id(w) not in labels
    ]
    below = [line for line in group_lines(words) if line.words[0].box.x0 < label.x0 + 60]
    out = []
    for words in (*(line.words for line in below), same):
        text = " ".join(w.text for w in first_run(words) if w.text != "$").strip()
        if text and not PROSE.search(text):
            out.append(text)
    return out


BARE_REACH = 160.0
"""How far right of a bare one-word label (`Description` after a table's `Box` caption)
its row may hold its text: further on, the row is a table's header (`Amount`)."""


def cell_lines(anchor: Anchor, region: Region, anchors: list[Anchor]) -> list[Line]:
    """The lines of a box's cell: right of its label on the label's line (a statement's
    row), then under the label down to the next label of its column."""
    label = anchor.box
    labels = label_ids(anchors)
    right = _cell_right_edge(anchor, region, anchors)
    if _bare(anchor, region):
        right = min(right, label.x1 + BARE_REACH)
    row = [
        w
        for w in region.right_of(label, max_dx=right - label.x1)
        if id(w) not in labels and w.box.x0 >= label.x1 - 1
    ]
    lines = [Line(sorted(row, key=lambda w: w.box.x0))] if row else []
    bottom = min(
        (
            a.box.top
            for a in anchors
            if a.box.top > label.bottom - 1 and a.box.h_overlap(Box(label.x0, 0, right, 1)) > 0
        ),
        default=label.bottom + 45,
    )
    ruled = region.page.cell_left(label) if region.page else None
    left = label.x0 - 12 if ruled is None else max(label.x0 - 12, ruled)
    floor = region.page.cell_bottom(label) if region.page else None
    bottom = min(bottom, label.bottom + 45, floor or bottom)  # not past the cell's bottom rule
    area = Box(left, label.bottom - 0.5, right, bottom)
    under = group_lines([w for w in region.crop(area) if id(w) not in labels])
    own = [line for line in under if not _ruled_off(label, line.box, region)]
    if not lines and all(PROSE.search(line.text) for line in own):
        row = _next_cell_of_row(anchor, right, region, anchors)  # nothing in its own cell
        lines = [Line(sorted(row, key=lambda w: w.box.x0))] if row else []
    return lines + under


def _ruled_off(label: Box, line: Box, region: Region) -> bool:
    """A horizontal rule runs across the label's start between it and a line under it: the
    line is past the label's row (a ruled table's row as tall as its words, the letter's
    text printed under the table)."""
    floors = region.page.floors if region.page is not None else []
    return any(
        label.bottom - 1 <= f.top <= line.top and f.x0 <= label.x0 + 2 and f.x1 >= label.x0 + 8
        for f in floors
    )


def _next_cell_of_row(
    anchor: Anchor, wall: float, region: Region, anchors: list[Anchor]
) -> list[Word]:
    """A ruled table's row, its label in one cell and its value in the next (`DATE OF
    PAYMENT | 10/20/2025`): the words on the label's line past the cell's border, when
    they are one run of words, no label's, and nothing else is in that cell on the line
    (a grid's next cell begins with its own box's number and label); past a Box column's
    cell that holds only the box's number (`Code | 14b | 1`). Read only when the label's
    own cell holds nothing under it (an IRS grid's value stands there)."""
    label, page = anchor.box, region.page
    if page is None or page.cell_right(label) != wall:
        return []
    labels = label_ids(anchors)
    number = anchor.spec.number.lower()
    for k in range(2):  # past a Box column that holds the box's own number (`Code | 14b | G`)
        end = page.cell_right(Box(wall + 1, label.top, wall + 2, label.bottom)) or region.box.x1
        if any(a.box.x0 >= wall and a.box.x0 < end and a.box.v_overlap(label) > 0 for a in anchors):
            return []
        words = [w for w in region.right_of(label, max_dx=end - label.x1) if w.box.x0 >= wall]
        own = [normalize(w.text) for w in words] == [number]
        box_column = not k and end < region.box.x1  # one Box column: then the value (`3 | 3`)
        if number and own and box_column and not number_printed(anchor, region):
            wall = end
            continue
        if not words or any(id(w) in labels or w.box.x1 > end + 1 for w in words):
            return []
        return words if len(first_run(words)) == len(words) else []
    return []


def stray_bare(anchor: Anchor, region: Region, anchors: list[Anchor]) -> bool:
    """A bare one-word label (`_bare`) on a page that prints its boxes' numbers (another
    box was found by its number): the word belongs to other text (`Tax Year 2025` in a
    statement's heading is no box 13b `Year`), since this page would number that box too."""
    return _bare(anchor, region) and any(
        b.numbered for b in anchors if b.spec.name != anchor.spec.name
    )


def _bare(anchor: Anchor, region: Region) -> bool:
    """A one-word label of a numbered box printed without its number after other words of
    its row (`Box  Description`); a row that begins with the label, or with the box's
    number (a table's Box column, `5 | Transaction`), is the box's own, and so is a row of
    a statement's right-hand column (the amount before it ends the left column's row)."""
    spec, label = anchor.spec, anchor.box
    if not spec.number or anchor.numbered or len(anchor.hit.words) > 1:
        return False
    before = region.crop(Box(label.x0 - 80, label.top + 1, label.x0, label.bottom - 1))
    own = any(normalize(w.text).strip(".:") == spec.number.lower() for w in before)
    return any(not re.search(r"[\d$]", w.text) for w in before) and not own


def heads(label: Box, cand: Box) -> bool:
    """Whether a label heads the column a value stands in: the value on the line right
    under it, starting at or right of the label's start (a two-column statement's value
    right-aligned under its label, a narrow gutter from the other column)."""
    below = cand.top >= label.top + label.height * 0.6
    return below and cand.top - label.bottom <= 1.5 * cand.height and cand.x0 >= label.x0 - 2


def is_number(text: str, number: str) -> bool:
    """Whether a word is the box's number, as a table's Box column or `(Box 9a):` prints it."""
    return normalize(text).strip("():.") == number.lower()


def label_start(anchor: Anchor, region: Region) -> float:
    """Where a label's row begins: at its box's own number printed a Box column's blank
    before it on its line (a letter's second pair of columns, `7  13  Date of payment`: the
    `13` is no value of the `7 Distribution code(s)` on its left), else at its words."""
    label = anchor.box
    if anchor.numbered or not anchor.spec.number:
        return label.x0
    word = word_before(label, region, 8)
    if word is None or not is_number(word.text, anchor.spec.number):
        return label.x0
    return word.box.x0


def word_before(box: Box, region: Region, reach: float) -> Word | None:
    """The word printed last before `box` on its line, within `reach` of the box's heights
    (4 points at least) left of it, or None."""
    h = max(box.height, 4.0)
    before = [
        w
        for w in region.crop(Box(box.x0 - reach * h, box.top + 1, box.x0, box.bottom - 1))
        if w.box.x1 <= box.x0 + 0.5
    ]
    return max(before, key=lambda w: w.box.x1, default=None)


def number_printed(anchor: Anchor, region: Region) -> bool:
    """Whether the label's row already prints its box's number: in its words (`1a Gross`,
    `Number of payment transactions (Box 3)`) or in a Box column before them. Then a word
    after the label equal to that number is the box's value (a count of 3, a code 7), no
    Box column printed after the wording."""
    number = anchor.spec.number
    return bool(number) and (
        any(is_number(w.text, number) for w in anchor.hit.words)
        or label_start(anchor, region) < anchor.box.x0
    )


def _cell_right_edge(anchor: Anchor, region: Region, anchors: list[Anchor]) -> float:
    """The cell's right border: a ruling line, else the next label to the right on the
    label's line or the lines just under it, or heading the column of a line just above
    (a two-column statement's right-hand label, its value under it on this label's line)."""
    label = anchor.box
    page = region.page
    ruled = page.cell_right(label) if page is not None else None
    edge = ruled if ruled is not None else region.box.x1
    for a in anchors:
        b = a.box
        if a is anchor or a.spec.kind == "caption" or b.x0 <= label.x1 - 1:
            continue
        beside = b.bottom > label.top - 2 and b.top < label.bottom + 12
        above = b.top < label.top and any(heads(b, w.box) for w in region.right_of(label))
        if beside or above:
            edge = min(edge, label_start(a, region) if beside else b.x0)
    return edge


# Words of a table's column headings (`Description  Box No.  Amount`, `IRS Box  2024 Amount`),
# and a year among them: no box's value.
_HEADING_VOCABULARY = frozenset(
    {
        "box", "boxes", "no", "number", "description", "amount", "amounts", "item", "irs",
        "value", "total", "reported", "$",
    }
)  # fmt: skip


def cell_text(
    anchor: Anchor, region: Region, anchors: list[Anchor], taken: set[int] | None = None
) -> str | None:
    """The first run of words in the cell that is no note in lower-case prose (the rest of
    a label printed before a statement's value is such a note) and no table's column
    heading (a `Description` box's label in a header row `Description  Box No.  Amount`);
    words whose ids are `taken` (another box's value) aside."""
    for line in cell_lines(anchor, region, anchors):
        words = [w for w in line.words if w.text.strip() != "$" and id(w) not in (taken or ())]
        words = _past_label_rest(anchor, words)
        while words:
            run = first_run(words)
            if len(run) > 1 and normalize(run[-1].text) == "box":
                run = run[:-1]  # the next column's `Box 2c ...` a gutter on: not the value's
            run = _before_next_column(run, region)
            text = " ".join(w.text for w in run).strip()
            heading = all(t in _HEADING_VOCABULARY or _FULL_YEAR.match(t) for t in tokens(text))
            if text and not PROSE.search(text) and not heading:
                return text
            words = words[len(run) :]
    return None


def _past_label_rest(anchor: Anchor, words: list[Word]) -> list[Word]:
    """A line's words past the rest of the box's label that OCR read apart from its hit,
    printed tight after it on its row (`7 Foreign country or` / `U.S, 7`, `possession` read
    as `7`): its next words, a letter or two misread, then, where the wording is not all
    there, the rest of the run (the wording's garbled end, no value)."""
    last = anchor.hit.words[-1].box
    h = max(last.height, 4.0)
    if not words or words[0].box.v_overlap(last) <= 0 or words[0].box.x0 < last.x1 - 1:
        return words
    own = {"box", anchor.spec.number.lower()} if anchor.numbered else set()
    seen = len([t for w in anchor.hit.words for t in tokens(w.text) if t and t not in own])
    best = 0
    for label in anchor.spec.labels:
        rest = [t for t in tokens(label) if t][seen:]
        k, i, end = 0, 0, last.x1
        for w in words:
            toks = [t for t in tokens(w.text) if t]
            if not rest or not toks or w.box.x0 - end > 1.5 * h or i + len(toks) > len(rest):
                break
            if not all(_near_word(t, r) for t, r in zip(toks, rest[i:], strict=False)):
                break
            k, i, end = k + 1, i + len(toks), w.box.x1
        if k and i < len(rest):
            return words[len(first_run(words)) :]
        best = max(best, k)
    return words[best:]


def _near_word(seen: str, want: str) -> bool:
    """A label's word as OCR may read it: one letter off in a short word, two in a long one
    (a digit or a one-letter word is no misread of it: a value)."""
    if seen == want:
        return True
    return seen.isalpha() and len(want) > 1 and edits(seen, want) <= (1 if len(want) <= 4 else 2)


def _before_next_column(run: list[Word], region: Region) -> list[Word]:
    """A run of words up to the first one, after a word with a digit, that starts the next
    column's lines (printed at the x where words on the lines just above or below it start
    too, a narrow gutter on): a two-column statement's `829-94481  interest` is the account
    number and the right column's wrapped label, `915-26644  Other` the number and that
    column's next label."""
    for k in range(1, len(run)):
        if not re.search(r"\d", run[k - 1].text):
            continue
        w = run[k]
        h = max(w.box.height, 4.0)
        near = region.crop(Box(w.box.x0 - 2, w.box.top - 3 * h, w.box.x1, w.box.bottom + 3 * h))
        if any(
            abs(v.box.x0 - w.box.x0) <= 1.0 and 0.5 * h < abs(v.box.cy - w.box.cy) <= 2.5 * h
            for v in near
        ):
            return run[:k]
    return run


LONE_SURE = 0.8
"""How sure a second reading of a lone code or count must be to be kept."""


def lone_value(anchor: Anchor, region: Region, anchors: list[Anchor]) -> tuple[Any, float] | None:
    """A code or count printed alone at the end of its label's row that OCR gave no word
    (one capital or digit far right, past a dot leader: `2 Merchant category code .... G`),
    read again by the page's second recogniser where the row holds ink shaped like its
    label's letters, at most three of them, and no word OCR was sure of; with its
    confidence, or None."""
    page, label = region.page, anchor.box
    if page is None or page.method != "ocr" or not anchor.hit.words:
        return None
    right = _cell_right_edge(anchor, region, anchors)
    area = Box(label.x1 + 2, label.top - 1, right - 1, label.bottom + 1)
    if area.x1 - area.x0 < 10 or any(
        w.conf >= LONE_SURE and not LEADER.match(w.text) for w in region.crop(area)
    ):
        return None
    ink = print_like(page, area, anchor.hit.words[-1].box, digit_one=True)
    if ink is None or ink.width > 3 * ink.height or ink.x0 < area.x0 + 0.5 * (area.x1 - area.x0):
        return _lone_below(anchor, region, anchors, right)  # not at the row's end
    return _recognised(anchor, page, ink)


def _lone_below(
    anchor: Anchor, region: Region, anchors: list[Anchor], right: float
) -> tuple[Any, float] | None:
    """A code or count alone in its ruled cell under its label (an IRS grid's `13c Code`
    cell, the capital printed at its bottom right) that OCR gave no word: the cell from
    under the label to its bottom rule holds no word but the label's and ink of at most
    three characters on one line, read again by the page's second recogniser."""
    page, label = region.page, anchor.box
    floor = page.cell_bottom(label) if page is not None else None
    if page is None or floor is None or floor - label.bottom > 6 * label.height:
        return None
    area = Box(label.x0, label.bottom + 0.5, right - 1, floor - 0.5)
    labels = label_ids(anchors)
    if area.x1 - area.x0 < 10 or any(
        id(w) not in labels and not LEADER.match(w.text) for w in region.crop(area)
    ):
        return None
    ink = print_like(page, area, anchor.hit.words[-1].box, level=False)
    if ink is None or ink.width > 3 * ink.height:
        return None
    return _recognised(anchor, page, ink)


def _recognised(anchor: Anchor, page: Page, ink: Box) -> tuple[Any, float] | None:
    """The ink of a lone code or count read by the page's second recogniser, when it is
    sure of it and it reads as the box's kind."""
    pad = 0.3 * ink.height
    words = page.recognise(Box(ink.x0 - pad, ink.top - pad, ink.x1 + pad, ink.bottom + pad))
    text = "".join(w.text for w in words)
    value = typed(anchor.spec.kind, text)
    if value is None or not words or min(w.conf for w in words) < LONE_SURE:
        return None
    return value, min(w.conf for w in words)
