"""Pairing labels with values over a whole region: one linear assignment, its cost from
reading geometry (same line to the right, below in the same cell or column, at the end of
a row across a dot leader or a table's Box column, a check box's mark beside or under its
label), each value and each mark used at most once, no pair reaching across another
label, a label with no fitting value left blank."""

from __future__ import annotations

import re

import numpy as np

from backtax.extractors.forms.engine.spec import Anchor, Candidate, label_ids
from backtax.extractors.forms.engine.values import (
    DOLLAR_SIGNS,
    LEADER,
    column_limit,
    heads,
    is_mark,
)
from backtax.extractors.lazy import compiled_module
from backtax.extractors.page import Box, Region, group_lines, tokens

# SciPy's linear assignment without the rest of `scipy.optimize` (0.4 s of imports); from
# `scipy.optimize`, its imports paid, in a SciPy whose private module is gone or renamed
try:
    linear_sum_assignment = compiled_module("scipy.optimize._lsap").linear_sum_assignment
except (ImportError, AttributeError):
    from scipy.optimize import linear_sum_assignment

MAX_BELOW = 42.0
MAX_RIGHT = 420.0


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
    for end in (lb, anchor.tail):  # the tail: a wrapped label's last line, its value after it
        if (end is lb or end.top > lb.top + 1) and _beside(end, cand) and cand.x0 >= end.x1 - 2:
            dx = cand.x0 - end.x1
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


def _beside(label: Box, cand: Box) -> bool:
    """Whether the two are on one line (they overlap by half the lower one's height)."""
    return label.v_overlap(cand) >= 0.5 * min(label.height, cand.height)


def blocked(anchor: Anchor, cand: Box, anchors: list[Anchor], rules: list[Box]) -> bool:
    """True when another label sits between this label and the value, or when the value
    is in another label's row (printed on that label's line, to its right, with no cell
    border between them: a party cell's `STATE DEPT OF LABOR` is no row of box values)."""
    lb = anchor.box
    same_line = _beside(lb, cand)
    for other in anchors:
        if other is anchor or other.spec.kind == "check":
            continue  # a check box's words may be wrapped into another box's label
        ob = other.box
        column = lb.v_overlap(ob) > 0 or (other.spec.kind != "caption" and heads(ob, cand))
        if lb.v_overlap(cand) > 0 and lb.x1 <= ob.x0 < cand.x0 and column:
            return True  # a label on the row between them, or heading the value's column
        in_its_row = _beside(ob, cand) and ob.x1 <= cand.x0
        if in_its_row and (ruled_apart(ob, cand, rules) or (ob.x1 <= lb.x0 and heads(lb, cand))):
            in_its_row = False  # the value is in this label's column, past the other's row
        if not same_line and in_its_row and other.spec.kind != "caption":
            return True
        between_rows = lb.bottom - 1 <= ob.top and ob.bottom <= cand.top + 2
        if between_rows and ob.h_overlap(cand) > 0 and ob.h_overlap(lb) >= 0:
            return True
    return False


def ruled_apart(left: Box, right: Box, rules: list[Box]) -> bool:
    """A cell border (a vertical rule at the right box's height) runs between the two."""
    return any(left.x1 - 1 <= r.x0 <= right.x0 + 1 and r.top <= right.cy <= r.bottom for r in rules)


def _across_leader(anchor: Anchor, cand: Candidate, region: Region) -> bool:
    """A value at the end of the label's own row, with nothing but a dot leader, the
    box's own number (a table's Box column, or `(Box 3)` after the wording), a `$` or
    nothing at all between them: a statement's `1a Total Ordinary Dividends .... 1,234.56`,
    a table's `Rents | 1 | 4,464.06`, a letter's `Other income (Box 3)    357.89`."""
    label = anchor.box
    number = anchor.spec.number.lower()
    if not _beside(label, cand.box) or cand.box.x0 < label.x1 - 2:
        return False
    gap = region.crop(Box(label.x1 + 0.5, label.top + 1, cand.box.x0 - 0.5, label.bottom - 1))
    between = [w for w in gap if w not in cand.words and not _leader_or_dollar(w.text)]
    said = [t for w in between for t in tokens(w.text)]
    return not said or (bool(number) and said in ([number], ["box", number]))


def _dollar(text: str) -> bool:
    """A `$` printed (or read by OCR) as a word of its own, a blank before its amount."""
    return text.strip() in DOLLAR_SIGNS


def _leader_or_dollar(text: str) -> bool:
    return bool(LEADER.match(text)) or _dollar(text)


def reach(
    anchor: Anchor, mark: Box, others: list[Box], rules: list[Box], block: Box | None = None
) -> float | None:
    """How far a mark is from a check box's label, as a mark of that box: right after the
    label on its line, or beside the lines it wraps onto (`block`, from `label_block`), at
    the end of a statement's row when no other label is between; just before it, or under
    it; None when it cannot be that box's mark. A cell border between the label and a
    mark after it costs RULED: the mark is more likely the other cell's; a mark before the
    label across a border is the other cell's box. A mark inside the label's
    own words is its box, which OCR glued to the last word (`loss[X]`): the nearest."""
    if any(w.box.contains_center(mark) for w in anchor.hit.words):
        return 0.0
    lb = anchor.box
    side = block or lb
    beside = side.v_overlap(mark) >= 0.4 * min(lb.height, mark.height)
    if beside and mark.x0 >= lb.x1 - 2:
        if any(b.v_overlap(side) > 0 and lb.x1 - 1 <= b.x0 and b.x1 <= mark.x0 + 1 for b in others):
            return None
        return mark.x0 - lb.x1 + (RULED if ruled_apart(lb, mark, rules) else 0.0)
    same_line = lb.v_overlap(mark) >= 0.4 * min(lb.height, mark.height)
    if same_line and mark.x1 <= lb.x0 + 2:
        gap = lb.x0 - mark.x1
        if gap > 24 or ruled_apart(mark, lb, rules):
            return None  # across a cell border: the box that ends the other cell's line
        return 2 * gap + 12
    dy = mark.top - lb.bottom
    if -1 <= dy <= 24 and lb.x0 - 6 <= mark.cx <= lb.x1 + 6:
        return dy + 10
    return None


def label_block(anchor: Anchor, region: Region, anchors: list[Anchor]) -> Box:
    """A check box's label with the lines it wraps onto (up to two, each within a line
    height of the one above, under the label's words and no other label's): a box drawn
    at the right of a long label sits beside its middle line, not its first."""
    labels = label_ids(anchors)
    block, h = anchor.box, anchor.box.height
    for _ in range(2):
        band = Box(block.x0 - 3 * h, block.bottom - 0.2 * h, block.x1, block.bottom + h)
        below = [
            w
            for w in region.crop(band)
            if w.box.top > block.bottom - 0.5 * h and band.x0 <= w.box.x0 and w.box.x1 <= band.x1
        ]
        if not below or any(id(w) in labels or is_mark(w.text) for w in below):
            break
        block = Box(block.x0, block.top, block.x1, max(w.box.bottom for w in below))
    return block


RULED = 100.0
"""What a cell border between a check box's label and a mark adds to the mark's cost."""


def own_value(
    anchor: Anchor, candidates: list[Candidate], region: Region, stops: list[Anchor]
) -> Candidate | None:
    """The amount a money label's own row or cell prints, whatever its distance: the one
    amount alone right of the label on its row (a statement's row, the amount at the far
    right; a real amount with `$` or cents, a bare number there may be a form's number;
    not past another label on the row or heading the amount's column),
    else the one `0.00` in the label's cell (an explicit zero)."""
    label, labels = anchor.box, label_ids(stops)
    row = {id(w) for w in region.right_of(label) if id(w) not in labels and not _dollar(w.text)}
    for c in candidates:
        if (
            row
            and not c.weak
            and not c.mark
            and {id(w) for w in c.words if not _dollar(w.text)} == row
        ):
            between = any(
                (a.box.v_overlap(label) > 0 or heads(a.box, c.box))
                and label.x1 - 1 <= a.box.x0 < c.box.x0
                for a in stops
                if a is not anchor and a.spec.kind != "caption"
            )
            return None if between else c
    edge = column_limit(label, stops)
    below = min(
        (b.box.top for b in stops if b.box.top > label.bottom and b.box.h_overlap(label) > 0),
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
    if len(zeros) != 1:
        return None
    return next((c for c in candidates if zeros[0] in c.words), None)


OWN_COST = 1.0
"""What a label's own row amount or explicit zero costs (`own_value`): below any cost of
geometry, and no other label's row or column blocks it (it is in this label's)."""

BLANK_COST = 200.0
"""What leaving a label blank costs in the assignment: above every cost `placement_cost`
gives, so a label is left blank only when no value may be its own (or when the value it
could hold is better another label's)."""
MARK_BLANK = 5_000.0
"""What leaving a check box unmarked costs: above every cost `reach` gives (a mark may
end a statement's row)."""
_INFEASIBLE = 1e6


def _cost(
    anchor: Anchor,
    cand: Candidate,
    region: Region,
    stops: list[Anchor],
    edge: float,
    own: Candidate | None,
    block: Box | None,
) -> float | None:
    """What pairing a label with a value (a check box with a mark) costs, None when the
    value cannot be that label's."""
    rules = region.page.rules if region.page else []
    if anchor.spec.kind == "check":
        others = [a.box for a in stops]
        return reach(anchor, cand.box, others, rules, block) if cand.mark else None
    if cand.mark:
        return None
    bonus = 5 if anchor.numbered else 0
    if cand is own:
        return OWN_COST - bonus
    place = placement_cost(anchor, cand.box, edge)
    if place is None and _across_leader(anchor, cand, region):
        place = 2.0  # the row's value after a dot leader or a wide blank
    if (
        place is None
        or blocked(anchor, cand.box, stops, rules)
        or _in_next_cell(anchor, cand, region)
    ):
        return None
    return place + (15 if cand.weak else 0) - bonus


def _in_next_cell(anchor: Anchor, cand: Candidate, region: Region) -> bool:
    """A value under the label that stands in the next cell down: past the label's cell's
    ruled bottom with words printed between (that cell's wording), or under a line that
    starts with a box's number and its wording (box 12a's `D 1600.00` under `12a See
    instructions for bax 12`, OCR having garbled that label past finding, is no amount of
    box 10 above it)."""
    label, box = anchor.box, cand.box
    if box.top < label.bottom:
        return False
    span = Box(min(label.x0, box.x0) - 12, label.bottom, max(label.x1, box.x1), box.top)
    between = [w for w in region.crop(span) if w not in cand.words]
    floor = region.page.cell_bottom(label) if region.page else None
    if floor is not None and any(w.box.cy >= floor for w in between):
        return True
    return any(
        _BOX_NUMBER.match(line.words[0].text) and any(w.text[:1].isalpha() for w in line.words[1:])
        for line in group_lines(between)
    )


_BOX_NUMBER = re.compile(r"^\d{1,2}[a-z]?[:.]?$")
"""A box's printed number as OCR reads it (`12a`, `12:`)."""


def _overlap(square: Box, mark: Box) -> bool:
    """Whether a mark is the one in a square: their centres inside each other."""
    return square.contains_center(mark) or mark.contains_center(square)


def assign(
    anchors: list[Anchor],
    candidates: list[Candidate],
    region: Region,
    stops: list[Anchor],
    empty: dict[int, Box] | None = None,
) -> dict[str, Candidate]:
    """Pair labels with values globally: one linear assignment over every label of the
    region (amounts and check boxes) and every value and mark, the cost from reading
    geometry (`_cost`), each value used at most once, no pair reaching across another
    label (`stops` holds every label of the form), and a label whose values all cost more
    than leaving it blank left blank. Where one box's label was found twice, its cheaper
    pair counts. A check box whose own square a scan shows empty (`empty`, by the anchor's
    id) takes only a mark read inside that square."""
    if not anchors or not candidates:
        return {}
    n, m = len(anchors), len(candidates)
    cost = np.full((n, m + n), _INFEASIBLE)
    for ai, a in enumerate(anchors):
        cost[ai, m + ai] = MARK_BLANK if a.spec.kind == "check" else BLANK_COST
        edge, own, block = 0.0, None, None
        if a.spec.kind == "check":
            block = label_block(a, region, stops)
        else:
            edge = column_right_edge(a, stops, region)
            own = own_value(a, candidates, region, stops)
        square = (empty or {}).get(id(a))
        for ci, c in enumerate(candidates):
            if square is not None and c.mark and not _overlap(square, c.box):
                continue
            pair = _cost(a, c, region, stops, edge, own, block)
            if pair is not None:
                cost[ai, ci] = pair
    rows, cols = linear_sum_assignment(cost)
    best: dict[str, tuple[float, Candidate]] = {}
    for ai, ci in zip(rows, cols, strict=True):
        if ci >= m or cost[ai, ci] >= _INFEASIBLE:
            continue
        name = anchors[ai].spec.name
        if name not in best or cost[ai, ci] < best[name][0]:
            best[name] = (float(cost[ai, ci]), candidates[ci])
    return {name: cand for name, (_, cand) in best.items()}
