"""Pairing labels with values over a whole region: one linear assignment, its cost from
reading geometry (same line to the right, below in the same cell or column, at the end of
a row across a dot leader or a table's Box column), each value used at most once, no pair
reaching across another label, a label with no fitting value left blank."""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from backtax.extractors.forms.engine.spec import Anchor, Candidate
from backtax.extractors.forms.engine.values import LEADER
from backtax.extractors.page import Box, Region

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


def blocked(anchor: Anchor, cand: Box, anchors: list[Anchor], rules: list[Box]) -> bool:
    """True when another label sits between this label and the value, or when the value
    is in another label's row (printed on that label's line, to its right, with no cell
    border between them: a party cell's `STATE DEPT OF LABOR` is no row of box values)."""
    lb = anchor.box
    same_line = lb.v_overlap(cand) >= 0.5 * min(lb.height, cand.height)
    for other in anchors:
        if other is anchor or other.spec.kind == "check":
            continue  # a check box's words may be wrapped into another box's label
        ob = other.box
        if lb.v_overlap(cand) > 0 and lb.v_overlap(ob) > 0 and lb.x1 <= ob.x0 < cand.x0:
            return True
        in_its_row = ob.v_overlap(cand) >= 0.5 * min(ob.height, cand.height) and ob.x1 <= cand.x0
        if in_its_row and _ruled_apart(ob, cand, rules):
            in_its_row = False
        if not same_line and in_its_row and other.spec.kind != "caption":
            return True
        between_rows = lb.bottom - 1 <= ob.top and ob.bottom <= cand.top + 2
        if between_rows and ob.h_overlap(cand) > 0 and ob.h_overlap(lb) >= 0:
            return True
    return False


def _ruled_apart(left: Box, right: Box, rules: list[Box]) -> bool:
    """A cell border (a vertical rule at the right box's height) runs between the two."""
    return any(left.x1 - 1 <= r.x0 <= right.x0 + 1 and r.top <= right.cy <= r.bottom for r in rules)


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
    rules = region.page.rules if region.page else []
    n, m = len(anchors), len(candidates)
    cost = np.full((n, m + n), _INFEASIBLE)
    cost[:, m:][np.diag_indices(n)] = BLANK_COST
    for ai, a in enumerate(anchors):
        for ci, c in enumerate(candidates):
            place = placement_cost(a, c.box, edges[id(a)])
            if place is None and _across_leader(a, c, region):
                place = 2.0  # the row's value after a dot leader or a wide blank
            if place is None or blocked(a, c.box, stops, rules):
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
