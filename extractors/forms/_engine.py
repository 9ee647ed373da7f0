"""The label-and-geometry engine: a form described as data, read from any layout.

A form is a list of boxes (canonical name, printed number, label wordings). The engine
finds every label on the page, collects the values printed next to or under labels, and
pairs them by distance, nearest first, never across another label. Nothing here knows
the coordinates of one template, so official forms, payroll-provider sheets and 2-up or
4-up copy sheets read alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from backtax.extractors.catalog import CatalogBox
from backtax.extractors.forms._about import about_a_form
from backtax.extractors.forms._copies import split_copies
from backtax.extractors.forms._year import find_tax_year
from backtax.extractors.kinds import Extracted, Identification
from backtax.extractors.page import (
    Box,
    Hit,
    Line,
    Page,
    Region,
    Word,
    group_lines,
    normalize,
    one_edit,
    remember_label,
    tokens,
)
from backtax.extractors.readers.glyphs import box_marked, crop_pixels
from backtax.extractors.values import (
    format_money,
    full_ssn_digits,
    normalize_ein,
    parse_date,
    parse_money,
    tin_last4,
)

STATE_CODES = frozenset(
    {
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "DC",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "PR",
        "GU",
        "VI",
        "AS",
        "MP",
    }
)
CHECK_MARKS = {"x", "✓", "✔", "☒", "■", "[x]", "(x)", "xx", "v"}
MAX_BELOW = 42.0
MAX_RIGHT = 420.0


BoxSpec = CatalogBox
"""A box the engine reads: the catalogue's description of it (canonical name, printed
number, label wordings, value kind), or one the engine makes for a party or caption label."""


@dataclass(frozen=True)
class Revision:
    until_year: int
    boxes: tuple[BoxSpec, ...]


@dataclass(frozen=True)
class FormSpec:
    doc_type: str
    form_numbers: tuple[str, ...]
    titles: tuple[str, ...]
    boxes: tuple[BoxSpec, ...]
    excludes: tuple[str, ...] = ()
    payer_name_labels: tuple[str, ...] = ("PAYER'S name",)
    payer_tin_labels: tuple[str, ...] = ("PAYER'S TIN", "PAYER'S federal identification number")
    recipient_name_labels: tuple[str, ...] = ("RECIPIENT'S name",)
    recipient_tin_labels: tuple[str, ...] = (
        "RECIPIENT'S TIN",
        "RECIPIENT'S identification number",
    )
    captions: tuple[str, ...] = ()
    """Printed words that are no box we read (column captions, notes): never values."""
    state_columns: tuple[BoxSpec, ...] = ()
    state_id_field: str = "payer_state_id"
    revisions: tuple[Revision, ...] = ()

    def boxes_for(self, year: int | None) -> tuple[BoxSpec, ...]:
        """The boxes of the revision in force for `year` (older revisions renumber boxes)."""
        boxes = {b.name: b for b in self.boxes}
        for rev in sorted(self.revisions, key=lambda r: r.until_year, reverse=True):
            if year is not None and year <= rev.until_year:
                for b in rev.boxes:
                    boxes[b.name] = b
        return tuple(boxes.values())


@dataclass
class Anchor:
    """One place a box label was found."""

    spec: BoxSpec
    hit: Hit
    numbered: bool

    @property
    def box(self) -> Box:
        return self.hit.box


@dataclass
class Candidate:
    """A value printed on the page: one word or adjacent words read together."""

    words: tuple[Word, ...]
    text: str
    box: Box
    weak: bool = False

    @property
    def conf(self) -> float:
        return min(w.conf for w in self.words)


@dataclass
class FormReading:
    """What one copy of a form gave: values by field name plus per-field confidence."""

    fields: dict[str, Any] = field(default_factory=dict)
    conf: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- label search


def _label_variants(spec: BoxSpec) -> list[tuple[str, bool]]:
    """Label texts to search for, numbered variants first ("1 Wages, tips", "Box 1 Wages")."""
    out: list[tuple[str, bool]] = []
    for label in sorted(spec.labels, key=len, reverse=True):
        if spec.number:
            out += [(f"{spec.number} {label}", True), (f"box {spec.number} {label}", True)]
        out.append((label, False))
    if spec.number:
        # A wrapped label keeps its number and first word on the first line ("17 State").
        firsts = dict.fromkeys(label.split()[0] for label in spec.labels)
        out += [(f"{spec.number} {word}", True) for word in firsts]
    return out


def find_anchors(region: Region, boxes: tuple[BoxSpec, ...], cells: bool = True) -> list[Anchor]:
    """Every label hit of every box; where two boxes' hits share words, the longer wins.
    With `cells` (boxes, not a table's column headers), a hit that continues another
    box's label is none (`_numbered_for_another`)."""
    anchors: list[Anchor] = []
    numbers = {b.number.lower() for b in boxes if b.number}
    for spec in boxes:
        seen: set[tuple[int, ...]] = set()
        for text, numbered in _label_variants(spec):
            for hit in region.find(text):
                ids = tuple(id(w) for w in hit.words)
                if any(set(ids) & set(s) for s in seen):
                    continue
                if cells and not numbered and _numbered_for_another(hit, spec, numbers, region):
                    continue
                seen.add(ids)
                anchors.append(Anchor(spec, hit, numbered))
    anchors.sort(key=lambda a: -sum(len(w.text) for w in a.hit.words))
    kept: list[Anchor] = []
    taken: set[int] = set()
    for a in anchors:
        ids = {id(w) for w in a.hit.words}
        label_ids = {id(w) for w in a.hit.words[1:]} if a.numbered else ids
        if label_ids & taken:
            continue
        taken |= ids
        kept.append(a)
    return kept


def _numbered_for_another(hit: Hit, spec: BoxSpec, numbers: set[str], region: Region) -> bool:
    """The label's words follow another box's printed number (`12 Bond premium on` read
    as box 11's `Bond premium`), or a lower-case word of a longer label: they are part of
    another box's label, not this one's."""
    if not spec.number:
        return False  # a box printed without a number in the catalogue may print one
    first = hit.words[0]
    gap = max(first.box.height, 4.0)
    area = Box(first.box.x0 - 4 * gap, first.box.top + 1, first.box.x0, first.box.bottom - 1)
    before = [w for w in region.crop(area) if w.box.x1 <= first.box.x0 + 0.5]
    if not before:
        return False
    word = max(before, key=lambda w: w.box.x1)
    text = normalize(word.text).strip(".:")
    if first.box.x0 - word.box.x1 > gap:
        return False
    if word.text[:1].islower():
        return True  # mid-sentence: `6 Adjustments to scholarships or grants` is not box 5's
    return text in numbers and text != spec.number.lower()


# ---------------------------------------------------------------- value candidates

_YEAR = re.compile(r"^(19[89]\d|20[0-4]\d)$")
_SMALL_INT = re.compile(r"^\d{1,2}[a-z]?$")


def money_candidates(region: Region, exclude: set[int]) -> list[Candidate]:
    """Amounts on the page: single words, or `$` and number, or numbers split by OCR.

    A `$` printed apart from its number (or dropped into another line by OCR) still
    marks the number beside it as money; bare whole numbers count, but weakly.
    """
    dollars = [w for w in region if w.text.strip() in _DOLLAR_SIGNS and id(w) not in exclude]
    out: list[Candidate] = []
    for line in region.lines():
        words = [w for w in line.words if id(w) not in exclude]
        texts = [_clean(w) for w in words]
        i = 0
        while i < len(words):
            best: tuple[int, str] | None = None
            for j in range(i, min(i + 3, len(words))):
                if j > i and words[j].box.x0 - words[j - 1].box.x1 > _gap_limit(words[j]):
                    break
                text = " ".join(texts[i : j + 1])
                if "$" not in text and _dollar_before(words[i], dollars):
                    text = "$ " + text
                if _is_money(text):
                    best = (j, text)
            if best and _after_form_word(line, words[i]):
                best = None  # `Form 1040`, `Schedule C (Form 1040)`: a form's number
            if best:
                j, text = best
                chosen = tuple(words[i : j + 1])
                out.append(Candidate(chosen, text, _union(chosen), weak=_is_weak(text)))
                i = j + 1
            else:
                i += 1
    return out


# A number right after these words names a form, a section or a box: no amount.
_FORM_WORDS = frozenset(
    {"form", "forms", "schedule", "pub", "publication", "rev", "no", "section", "sec", "box"}
)


def _after_form_word(line: Line, word: Word) -> bool:
    """Whether the word printed just before `word` (a space apart, labels included) names
    a form, a section or a box: `Box 1: Wages ... 100.00` keeps its amount."""
    k = next(i for i, w in enumerate(line.words) if w is word)
    if k == 0:
        return False
    before = line.words[k - 1]
    near = word.box.x0 - before.box.x1 <= 2 * _gap_limit(word)
    return near and normalize(before.text).strip("(.,:") in _FORM_WORDS


_DOLLAR_SIGNS = {"$", "§", "$.", "'$", "‘$", "'§", "‘§"}


def _dollar_before(word: Word, dollars: list[Word]) -> bool:
    h = word.box.height
    return any(
        d.box.v_overlap(word.box) > 0 and -1 <= word.box.x0 - d.box.x1 <= 2.5 * h for d in dollars
    )


def _clean(word: Word) -> str:
    """Undo OCR's usual slips inside amounts: `2904:12`, `1720:`, `§`, `O` for zero."""
    text = word.text.strip()
    if word.source != "ocr" or not re.search(r"\d", text):
        return text
    text = re.sub(r"^[§'‘\"“]+", lambda m: "$" if "§" in m.group(0) else "", text)
    text = re.sub(r"(?<=\d)[:;](?=\d{2}$)", ".", text)
    text = re.sub(r"(?<=\d)[Oo](?=\d)|(?<=\d)[Oo]$", "0", text)
    return text.rstrip(".,:;'\"”’-")


def _gap_limit(word: Word) -> float:
    return max(3.0, word.box.height * 0.9)


def _is_money(text: str) -> bool:
    t = text.strip()
    if parse_money(t) is None:
        return False
    bare = t.lstrip("$ ").strip()
    if _YEAR.match(bare) or (_SMALL_INT.match(bare) and "$" not in t):
        return False
    return "$" in t or not re.match(r"^0\d|^\d{8,}$", bare)


def _is_weak(text: str) -> bool:
    """A whole number without `$` may be a ZIP code or a count as well as an amount."""
    return "$" not in text and "." not in text


def _union(words: tuple[Word, ...] | list[Word]) -> Box:
    box = words[0].box
    for w in words[1:]:
        box = box.union(w.box)
    return box


# ---------------------------------------------------------------- geometry


def column_right_edge(anchor: Anchor, anchors: list[Anchor], region: Region) -> float:
    """The x where the next label to the right on the same line begins."""
    edge = region.box.x1
    border = region.page.cell_right(anchor.box) if region.page else None
    if border is not None and border > anchor.box.x1 - 2:
        edge = border
    for other in anchors:
        ob = other.box
        if other is not anchor and ob.x0 > anchor.box.x1 and anchor.box.v_overlap(ob) > 0:
            edge = min(edge, ob.x0)
    return edge


def placement_cost(anchor: Anchor, cand: Box, right_edge: float) -> float | None:
    """How far a value sits from a label, or None when it cannot be that label's value:
    to its right on the same line, or under it in its column."""
    lb = anchor.box
    same_line = lb.v_overlap(cand) >= 0.5 * min(lb.height, cand.height)
    if same_line and cand.x0 >= lb.x1 - 2:
        dx = cand.x0 - lb.x1
        return 2.0 + 0.03 * dx if dx <= MAX_RIGHT else None
    below = cand.top >= lb.top + lb.height * 0.6
    if not below:
        return None
    dy = cand.top - lb.bottom
    slack = 12 if anchor.numbered else 24  # an unread box number leaves the label indented
    in_column = cand.x0 >= lb.x0 - slack and cand.x1 <= right_edge + 4
    if not in_column or dy > MAX_BELOW:
        return None
    return 8.0 + max(dy, 0.0) + 0.05 * abs(cand.x0 - lb.x0)


def blocked(anchor: Anchor, cand: Box, anchors: list[Anchor]) -> bool:
    """True when another label sits between this label and the value, or when the value
    is in another label's row (printed on that label's line, to its right)."""
    lb = anchor.box
    same_line = lb.v_overlap(cand) >= 0.5 * min(lb.height, cand.height)
    for other in anchors:
        if other is anchor or other.spec.kind == "check":
            continue  # a check box's words may be wrapped into another box's label
        ob = other.box
        if lb.v_overlap(cand) > 0 and lb.v_overlap(ob) > 0 and lb.x1 <= ob.x0 < cand.x0:
            return True
        in_its_row = ob.v_overlap(cand) >= 0.5 * min(ob.height, cand.height) and ob.x1 <= cand.x0
        if not same_line and in_its_row and other.spec.kind != "caption":
            return True
        between_rows = lb.bottom - 1 <= ob.top and ob.bottom <= cand.top + 2
        if between_rows and ob.h_overlap(cand) > 0 and ob.h_overlap(lb) >= 0:
            return True
    return False


LEADER = re.compile(r"^[.\u2026·_\-\s]{3,}$")


def _across_leader(anchor: Anchor, cand: Candidate, region: Region) -> bool:
    """A value at the end of the label's own row, with nothing but a dot leader, the
    box's own number (a table's Box column) or nothing at all between them: a statement's
    `1a Total Ordinary Dividends .... 1,234.56`, a table's `Rents | 1 | 4,464.06`."""
    label = anchor.box
    number = anchor.spec.number.lower()
    same_line = label.v_overlap(cand.box) >= 0.5 * min(label.height, cand.box.height)
    if not same_line or cand.box.x0 < label.x1 - 2:
        return False
    gap = region.crop(Box(label.x1 + 0.5, label.top + 1, cand.box.x0 - 0.5, label.bottom - 1))
    between = [w for w in gap if w not in cand.words]
    return all(LEADER.match(w.text) or (number and w.text.lower() == number) for w in between)


BLANK_COST = 200.0
"""What leaving a label blank costs in the assignment: above every cost `placement_cost`
gives, so a label is left blank only when no value may be its own (or when the value it
could hold is better another label's)."""
_INFEASIBLE = 1e6


def assign(
    anchors: list[Anchor], candidates: list[Candidate], region: Region, stops: list[Anchor]
) -> dict[str, Candidate]:
    """Pair labels with values globally: one linear assignment over every label and value
    of the region, the cost from reading geometry (`placement_cost`), each value used at
    most once, no pair reaching across another label (`stops` holds every label of the
    form), and a label whose values all cost more than BLANK_COST left blank. Where one
    box's label was found twice, its cheaper pair counts."""
    if not anchors or not candidates:
        return {}
    edges = {id(a): column_right_edge(a, stops, region) for a in anchors}
    n, m = len(anchors), len(candidates)
    cost = np.full((n, m + n), _INFEASIBLE)
    cost[:, m:][np.diag_indices(n)] = BLANK_COST
    for ai, a in enumerate(anchors):
        for ci, c in enumerate(candidates):
            place = placement_cost(a, c.box, edges[id(a)])
            if place is None and _across_leader(a, c, region):
                place = 2.0  # the row's value after a dot leader or a wide blank
            if place is None or blocked(a, c.box, stops):
                continue
            cost[ai, ci] = place + (15 if c.weak else 0) - (5 if a.numbered else 0)
    rows, cols = linear_sum_assignment(cost)
    best: dict[str, tuple[float, Candidate]] = {}
    for ai, ci in zip(rows, cols, strict=True):
        if ci >= m or cost[ai, ci] >= _INFEASIBLE:
            continue
        name = anchors[ai].spec.name
        if name not in best or cost[ai, ci] < best[name][0]:
            best[name] = (float(cost[ai, ci]), candidates[ci])
    return {name: cand for name, (_, cand) in best.items()}


# ---------------------------------------------------------------- text and checks


def text_below(anchor_box: Box, region: Region, stops: list[Anchor], n: int = 1) -> list[Line]:
    """Up to `n` lines printed under a label, stopping at the next label; when nothing is
    under it, the words right of it on its line."""
    label_ids = {id(w) for a in stops for w in a.hit.words}
    right_edge = min(region.box.x1, max(anchor_box.x1 + 60, anchor_box.x0 + 220))
    border = region.page.cell_right(anchor_box) if region.page else None
    if border is not None and border > anchor_box.x1 - 2:
        right_edge = min(right_edge, border)
    for a in stops:
        if a.box.x0 > anchor_box.x1 - 2 and a.box.v_overlap(anchor_box) > 0:
            right_edge = min(right_edge, a.box.x0)
    area = Box(anchor_box.x0 - 12, anchor_box.bottom - 1, right_edge, anchor_box.bottom + 90)
    stop_tops = [
        a.box.top for a in stops if a.box.top > anchor_box.bottom - 1 and a.box.h_overlap(area) > 0
    ]
    limit = min(stop_tops, default=area.bottom)
    words = [w for w in region.crop(area) if id(w) not in label_ids and w.box.cy < limit]
    lines = [ln for ln in group_lines(words) if ln.box.top - anchor_box.bottom < 30 or n > 1]
    lines = _without_label_continuation(lines, anchor_box)
    if lines:
        return lines[:n]
    same = region.right_of(anchor_box, max_dx=right_edge - anchor_box.x1)
    same_words = sorted((w for w in same if id(w) not in label_ids), key=lambda w: w.box.x0)
    while same_words and _is_label_text(same_words[0].text):
        same_words.pop(0)
    return [Line(same_words)] if same_words else []


# Words of the long, wrapped party labels ("PAYER'S name, street address, city or town,
# state or province, country, ZIP or foreign postal code, and telephone no.").
_LABEL_VOCABULARY = frozenset(
    {
        "name",
        "names",
        "street",
        "address",
        "city",
        "town",
        "state",
        "province",
        "country",
        "zip",
        "or",
        "foreign",
        "postal",
        "code",
        "and",
        "telephone",
        "no",
        "number",
        "phone",
        "of",
        "the",
        "apt",
        "suite",
        "room",
        "including",
        "if",
        "different",
    }
)


def _is_label_text(text: str) -> bool:
    toks = tokens(text)
    return bool(toks) and all(t in _LABEL_VOCABULARY for t in toks)


def _without_label_continuation(lines: list[Line], anchor_box: Box) -> list[Line]:
    """Drop the wrapped rest of a label printed under its first line."""
    out = list(lines)
    while out:
        toks = [t for w in out[0].words for t in tokens(w.text)]
        small = out[0].box.height <= anchor_box.height * 1.25
        if not (small and toks and sum(t in _LABEL_VOCABULARY for t in toks) >= 0.7 * len(toks)):
            break
        out.pop(0)
    return out


def is_checked(anchor_box: Box, region: Region) -> bool:
    """An X-like mark just left of, right of, or under a check box's label; on a scan,
    ink inside the check box drawn there."""
    h = anchor_box.height
    areas = (
        Box(anchor_box.x0 - 24, anchor_box.top - h, anchor_box.x0 + 1, anchor_box.bottom + h),
        Box(anchor_box.x1 - 1, anchor_box.top - 2, anchor_box.x1 + 18, anchor_box.bottom + 2),
        Box(anchor_box.x0 - 6, anchor_box.bottom - 1, anchor_box.x1 + 6, anchor_box.bottom + 24),
    )
    if any(_is_mark(w.text) for area in areas for w in region.crop(area)):
        return True
    if any(_GLUED_MARK.search(w.text) for w in region.crop(anchor_box)):
        return True  # OCR glued the box to the label's last word: `loss[X]`
    after = sorted(region.right_of(anchor_box, max_dx=MAX_RIGHT).words, key=lambda w: w.box.x0)
    if after and _is_mark(after[0].text):
        return True  # a statement row: the label, a dot leader, then the X
    page = region.page
    if page is None or page.method != "ocr":
        return False
    for area in areas:
        pixels = crop_pixels(page, area)
        if pixels is not None and box_marked(pixels, page.dpi):
            return True
    return False


_GLUED_MARK = re.compile(r"\w[\[(]\s*[xX✓✔☒]\s*[\])]?$")
_MARK = re.compile(r"^[\[(|]?[xX✓✔☒]{1,3}[\])|.]?$")


def _is_mark(text: str) -> bool:
    """An X printed or read in a check box: `X`, `[X]`, `(x)`, and OCR's `Xx)`."""
    t = text.strip()
    return t in CHECK_MARKS or normalize(t).strip("[]() ") in CHECK_MARKS or bool(_MARK.match(t))


# ---------------------------------------------------------------- reading one copy


def read_boxes(
    region: Region, boxes: tuple[BoxSpec, ...], anchors: list[Anchor], stops: list[Anchor]
) -> FormReading:
    reading = FormReading()
    label_ids = {id(w) for a in stops for w in a.hit.words}
    money_anchors = [a for a in anchors if a.spec.kind == "money"]
    cands = money_candidates(region, label_ids)
    quality: dict[str, float] = {}
    for a in anchors:  # how well the box's best label hit matched its wording
        quality[a.spec.name] = max(quality.get(a.spec.name, 0.0), a.hit.quality)
    for name, cand in assign(money_anchors, cands, region, stops).items():
        value = parse_money(cand.text)
        if value is not None:
            reading.fields[name] = format_money(value)
            reading.conf[name] = min(cand.conf, quality[name])
    for a in anchors:
        kind, name = a.spec.kind, a.spec.name
        if kind == "money" or name in reading.fields:
            continue
        if kind == "check":
            if is_checked(a.box, region):
                reading.fields[name] = True
            continue
        lines = text_below(a.box, region, stops)
        if not lines:
            continue
        value = _typed(kind, lines[0].text)
        if value is not None:
            reading.fields[name] = value
            reading.conf[name] = min(lines[0].conf, quality[name])
    for spec in boxes:
        found = any(a.spec.name == spec.name for a in anchors)
        if spec.kind == "check" and spec.name not in reading.fields and found:
            reading.fields[spec.name] = False
    return reading


def _typed(kind: str, text: str) -> Any:
    text = text.strip()
    if kind == "date":
        d = parse_date(text)
        return d.isoformat() if d else None
    if kind == "year":
        m = re.search(r"\b(19|20)\d{2}\b", text)
        return int(m.group(0)) if m else None
    if kind == "int":
        m = re.search(r"\d+", text)
        return int(m.group(0)) if m else None
    if kind == "code":
        m = re.match(r"^[A-Z0-9]{1,3}(?:\s*,?\s*[A-Z0-9]{1,2})?$", text.upper())
        return m.group(0).replace(" ", "").replace(",", "") if m else None
    return text or None


# ---------------------------------------------------------------- parties


@dataclass
class Party:
    name: str | None = None
    tin: str | None = None
    tin_last4: str | None = None
    tin_full: str | None = None


def read_party(
    region: Region,
    name_labels: tuple[str, ...],
    tin_labels: tuple[str, ...],
    person: bool,
    stops: list[Anchor],
) -> Party:
    """Name (first line under its label) and TIN (SSN for a person, EIN otherwise);
    `stops` are the form's other labels, where a value cannot extend."""
    party = Party()
    specs = (BoxSpec("name", "", name_labels, "text"), BoxSpec("tin", "", tin_labels, "text"))
    own = find_anchors(region, specs)
    for a in own:
        lines = text_below(a.box, region, own + stops, n=3)
        if a.spec.name == "name" and party.name is None:
            name = next((ln for ln in lines if _looks_like_name(ln.text)), None)
            party.name = None if name is None else _name_text(name)
        elif a.spec.name == "tin" and party.tin is None:
            for ln in lines:
                if person and tin_last4(ln.text) and _has_tin_shape(ln.text):
                    party.tin_last4 = tin_last4(ln.text)
                    party.tin_full = full_ssn_digits(ln.text)
                    party.tin = party.tin_last4
                    break
                if not person and normalize_ein(ln.text):
                    party.tin = normalize_ein(ln.text)
                    break
    if person and party.tin_last4 is None:
        _only_ssn_on_form(region, party)
    return party


_SSN_SHAPE = re.compile(r"^(?:\d{3}|[X*]{3})-(?:\d{2}|[X*]{2})-\d{4}$")


def _only_ssn_on_form(region: Region, party: Party) -> None:
    """When the TIN label is unreadable (OCR), the one SSN-shaped number of the form is the
    recipient's: employers' and payers' TINs are EINs (NN-NNNNNNN)."""
    found = {w.text.strip(".,;:") for w in region if _SSN_SHAPE.match(w.text.strip(".,;:"))}
    if len(found) == 1:
        text = found.pop()
        party.tin_last4 = tin_last4(text)
        party.tin_full = full_ssn_digits(text)
        party.tin = party.tin_last4


_EIN_SHAPE = re.compile(r"^\d{2}-\d{7}$")


def only_ein_on_form(region: Region) -> str | None:
    """When no TIN label says whose a number is, the one EIN-shaped number (NN-NNNNNNN)
    of the form is the payer's: a recipient's TIN is an SSN, state IDs have other shapes."""
    found = {w.text.strip(".,;:") for w in region if _EIN_SHAPE.match(w.text.strip(".,;:"))}
    return found.pop() if len(found) == 1 else None


_ABBREVIATIONS = {
    "INC", "CO", "CORP", "LTD", "JR", "SR", "LLC", "PC", "NA", "ST", "MD", "ESQ", "ASSOC", "ASSN",
    "BROS", "DEPT", "INTL", "MFG", "SVCS", "SVC", "NATL", "UNIV", "AVE", "BLVD",
}  # fmt: skip


def _name_text(line: Line) -> str:
    """A name as printed; on a scan, a period OCR glued to a whole word of the name
    (`JANE. Q DOE`, `DESIGN. STUDIO`, a speck after `TESTER.`) is dropped, abbreviations and
    initials keep theirs, and a speck read between two words (`Q-DOE`, `RIDGE.SECURITIES`)
    is a space."""
    words = [w.text for w in line.words]
    if line.words and line.words[0].source == "ocr":
        for i, word in enumerate(words):
            word = re.sub(r"^([A-Z])-(?=[A-Z]{2})|(?<=[A-Z]{3})\.(?=[A-Z]{3})", r"\1 ", word)
            bare = word.rstrip(".")
            if word.endswith(".") and len(bare) > 2 and bare.upper() not in _ABBREVIATIONS:
                word = bare
            words[i] = word
    return " ".join(words)


def _has_tin_shape(text: str) -> bool:
    return bool(re.search(r"(\d{3}|[X*]{3})[- ]?(\d{2}|[X*]{2})[- ]?\d{4}|\b\d{9}\b", text))


def _looks_like_name(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return letters >= 2 and letters >= len(text.replace(" ", "")) * 0.5


# ---------------------------------------------------------------- the kind

Postprocess = Callable[[FormReading, Region, list[Anchor]], None]


class FormKind:
    """A DocumentKind for one FormSpec: identify by form number and title, read every copy."""

    def __init__(self, spec: FormSpec, postprocess: Postprocess | None = None) -> None:
        self.spec = spec
        self.name = spec.doc_type
        self.postprocess = postprocess
        revised = [box for rev in spec.revisions for box in rev.boxes]
        for box in (*spec.boxes, *spec.state_columns, *revised, *self._caption_specs()):
            for label in box.labels:
                remember_label(label)

    # -- identify
    def identify(self, page: Page) -> Identification | None:
        text = " " + normalize(page.text()).replace("\n", " ") + " "
        if any(normalize(x) in text for x in self.spec.excludes) or about_a_form(page):
            return None
        score = 0.0
        for number in self.spec.form_numbers:
            pattern = rf"(?<![\w-]){re.escape(normalize(number))}(?![\w-])"
            if re.search(pattern, text):
                score += 2.0
                break
        else:
            if page.method == "ocr" and _misread_form_number(text, self.spec.form_numbers):
                score += 1.5
        score += sum(1.5 for t in self.spec.titles if normalize(t) in text)
        labels = sum(1 for b in self.spec.boxes for lb in b.labels if normalize(lb) in text)
        score += min(labels, 12) * 0.25
        if score < 3.0:
            return None
        return Identification(self.name, self.spec.doc_type, score, find_tax_year(page.region))

    # -- extract
    def extract(self, pages: list[Page]) -> list[Extracted]:
        docs: list[Extracted] = []
        for page in pages:
            whole = self.prepare(page.region)
            for region in split_copies(whole, self._copy_anchor_labels(whole)):
                doc = self.read_copy(region, page)
                if doc is not None:
                    docs.append(doc)
        return docs

    def prepare(self, region: Region) -> Region:
        """The part of a page the form's values are read from (all of it by default)."""
        return region

    def _caption_specs(self) -> tuple[BoxSpec, ...]:
        spec = self.spec
        labels = (
            *spec.payer_name_labels,
            *spec.payer_tin_labels,
            *spec.recipient_name_labels,
            *spec.recipient_tin_labels,
            *spec.captions,
        )
        return tuple(
            BoxSpec(f"_caption{i}", "", (label,), "caption") for i, label in enumerate(labels)
        )

    def _copy_anchor_labels(self, region: Region) -> tuple[str, ...]:
        """The labels whose repeats mark where copies begin: the first box's, or where the
        copies leave that box blank or wrap its label, the form's number as each copy
        prints it (`Form 1099-DIV`)."""
        first = tuple(self.spec.boxes[0].labels)
        if region.find_any(first):
            return first
        titles = tuple(f"Form {n}" for n in self.spec.form_numbers)
        return titles if len(region.find_any(titles)) >= 2 else first

    def read_copy(self, region: Region, page: Page) -> Extracted | None:
        year = find_tax_year(region)
        boxes = self.spec.boxes_for(year)
        anchors = find_anchors(region, boxes)
        if not anchors:
            return None
        extra = self._caption_specs() + self.spec.state_columns
        stops = anchors + find_anchors(region, extra, cells=False)
        reading = read_boxes(region, boxes, anchors, stops)
        if self.spec.state_columns:
            states = read_state_rows(region, self.spec.state_columns, self.spec.state_id_field)
            if states:
                reading.fields["state"] = states
        if self.postprocess:
            self.postprocess(reading, region, stops)
        if not any(isinstance(v, str | list) for v in reading.fields.values()):
            return None
        spec = self.spec
        payer = read_party(
            region, spec.payer_name_labels, spec.payer_tin_labels, person=False, stops=stops
        )
        recipient = read_party(
            region, spec.recipient_name_labels, spec.recipient_tin_labels, True, stops=stops
        )
        if payer.tin is None and spec.payer_tin_labels:
            payer.tin = only_ein_on_form(region)
        corrected = is_corrected(region)
        void = _box_checked(region, "VOID")
        if void:
            reading.fields["void"] = True
        confs = list(reading.conf.values())
        return Extracted(
            doc_type=self.spec.doc_type,
            pages=[page.number],
            tax_year=year,
            corrected=corrected,
            payer_tin=payer.tin,
            payer_name=payer.name,
            recipient_tin_last4=recipient.tin_last4,
            recipient_name=recipient.name,
            recipient_tin_full=recipient.tin_full,
            fields=reading.fields,
            confidence=min(confs) if confs else 0.5,
            field_confidence=dict(reading.conf),
            warnings=[f"page {page.number}: {w}" for w in reading.warnings],
        )


def _misread_form_number(text: str, numbers: tuple[str, ...]) -> bool:
    """OCR's one-letter slip in a long form number (`1069-MISC` for `1099-MISC`); short
    numbers (1099-R, 1099-K) are too close to each other to be guessed."""
    words = set(text.split())
    return any(
        len(n) >= 8 and any(len(w) == len(n) and one_edit(w, normalize(n)) for w in words)
        for n in numbers
    )


def _box_checked(region: Region, label: str) -> bool:
    return any(is_checked(h.box, region) for h in region.find(label))


def text_after(hit: Hit, region: Region, max_dx: float = 60) -> str:
    """What follows a label on its line, normalised; OCR's box for the label may overlap
    the next word (`CORRECTED` over `(if`), so words are taken by being other words."""
    b = hit.box
    line = region.crop(Box(b.x0, b.top - 2, b.x1 + max_dx, b.bottom + 2))
    following = sorted((w for w in line if w not in hit.words), key=lambda w: w.box.x0)
    return normalize(" ".join(w.text for w in following))


def is_corrected(region: Region) -> bool:
    """CORRECTED checked, or printed alone as a title; the check-box captions
    `CORRECTED (if checked)` and `VOID  CORRECTED` count only when marked."""
    for hit in region.find("CORRECTED"):
        after = text_after(hit, region)
        b = hit.box
        near = region.crop(Box(b.x0 - 70, b.top - 2, b.x1 + 70, b.bottom + 2))
        is_box = "if checked" in after or after.startswith("(")
        if is_box or any(normalize(w.text) == "void" for w in near):
            if is_checked(hit.box, region):
                return True
            continue
        if hit.words[0].text.isupper():
            return True
    return False


# ---------------------------------------------------------------- state rows


def read_state_rows(
    region: Region, columns: tuple[BoxSpec, ...], id_field: str
) -> list[dict[str, Any]]:
    """State/local boxes as a table: the column labels on one line, one row per state."""
    anchors = find_anchors(region, columns, cells=False)
    if len(anchors) < 2:
        return []
    header = max(([b for b in anchors if b.box.v_overlap(a.box) > 0] for a in anchors), key=len)
    header.sort(key=lambda a: a.box.x0)
    header_bottom = max(a.box.bottom for a in header)
    label_ids = {id(w) for a in anchors for w in a.hit.words}
    area = Box(region.box.x0, header_bottom + 0.5, region.box.x1, header_bottom + 70)
    words = [w for w in region.crop(area) if id(w) not in label_ids]
    return _state_rows(words, header, (region.box.x0, region.box.x1), id_field, region.page)


def _state_rows(
    words: list[Word],
    header: list[Anchor],
    edges: tuple[float, float],
    id_field: str,
    page: Page | None = None,
) -> list[dict[str, Any]]:
    bounds = _column_bounds(header, *edges)
    rows: list[dict[str, Any]] = []
    done = -1.0  # OCR pages: the bottom of the last row read again
    for line in group_lines(words):
        if line.box.cy <= done:
            continue  # part of a row already read again (OCR split it into two lines)
        row = _state_row(line, header, bounds, id_field)
        if (
            page is not None
            and page.method == "ocr"
            and re.search(r"\d|\b[A-Z]{2}\b", line.text)
            and not _complete(row, header)
        ):
            band = Box(bounds[0][0], line.box.top - 3, edges[1], line.box.bottom + 3)
            reread = page.read_again(band)
            again = _state_row(Line(reread), header, bounds, id_field) if reread else None
            row = {**again, **(row or {})} if again else row  # the page's reading first
            done = band.bottom
        if row is None and not re.search(r"\d", line.text):
            continue  # the wrapped second line of the labels, or a dotted rule read by OCR
        if row is None:
            break
        rows.append(row)
    return rows


def _complete(row: dict[str, Any] | None, header: list[Anchor]) -> bool:
    """Every state column read, and the local ones all or none: nothing to read again."""
    if not row:
        return False
    names = {a.spec.name for a in header}
    local = {n for n in names if n.startswith(("box18", "box19", "box20", "local"))}
    return names - local <= row.keys() and (local <= row.keys() or not local & row.keys())


def _column_bounds(header: list[Anchor], left: float, right: float) -> list[tuple[float, float]]:
    """Each column from its label to the next; the first reaches a little further left
    (a state code printed under the wrapped label's number)."""
    starts = [max(left, header[0].box.x0 - 40)] + [a.box.x0 - 8 for a in header[1:]]
    return [(s, starts[i + 1] if i + 1 < len(starts) else right) for i, s in enumerate(starts)]


def _state_row(
    line: Line, header: list[Anchor], bounds: list[tuple[float, float]], id_field: str
) -> dict[str, Any] | None:
    row: dict[str, Any] = {}
    for anchor, (x0, x1) in zip(header, bounds, strict=True):
        words = [w for w in line.words if x0 <= w.box.cx < x1]
        if not words:
            continue
        text = " ".join(w.text for w in words)
        name, kind = anchor.spec.name, anchor.spec.kind
        if kind == "money":
            value = parse_money(text)
            if value is None and re.search(r"\d\. \d\d$", text):
                value = parse_money(text.replace(". ", "."))  # OCR split the cents off
            if value is None:
                value = next(
                    (v for w in reversed(words) if (v := parse_money(w.text)) is not None), None
                )
            if value is None:
                return None  # not a row of amounts: the form's title line or a footer
            row[name] = format_money(value)
        elif name == "state":
            for i in range(min(2, len(words))):  # OCR may read a scrap of caption first
                m = re.match(r"^([A-Za-z]{2})\b[\s/|]*(.*)$", " ".join(w.text for w in words[i:]))
                if m and m.group(1).upper() in STATE_CODES:
                    row["state"] = m.group(1).upper()
                    if m.group(2).strip():
                        row.setdefault(id_field, m.group(2).strip())
                    break
        elif name == id_field and "state" not in row:
            m = re.match(r"^([A-Za-z]{2})[\s/|]+(\S.*)$", text.strip())
            if m and m.group(1).upper() in STATE_CODES:
                row.update({"state": m.group(1).upper(), name: m.group(2)})
            else:
                row[name] = text.strip()
        else:
            row[name] = text.strip()
    ident = row.get(id_field)
    if isinstance(ident, str) and re.fullmatch(r"[\d-]+ \d", ident):
        row[id_field] = ident.replace(" ", "")  # OCR split the last digit off the number
    if isinstance(row.get(id_field), str) and not re.search(r"\d", row[id_field]):
        del row[id_field]  # a state ID has digits: this is a rule or a speck read as words
    digits = any(isinstance(v, str) and re.search(r"\d", v) for v in row.values())
    # a state alone ("CT", its amounts blank) is printed in capitals, a scrap ("Pa") is not
    if not digits and not re.search(rf"\b{row.get('state', '-')}\b", line.text):
        return None
    if "state" not in row and not any(k.startswith("box18") or k.startswith("box19") for k in row):
        return None
    return row
