"""Copy sheets: one page holding 2 or 4 copies of a form, split at the widest gutters."""

from __future__ import annotations

import itertools

from backtax.extractors.page import Box, Hit, Line, Region

CLUSTER_TOLERANCE = 24.0
ALIGNMENT = 8.0
"""How far copies' anchors may stray from one line or one indent (a scan's skew)."""
MIN_PITCH = 90.0
"""The least distance between two copies' anchors: a copy holds a form's boxes."""


def _clusters(values: list[float]) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= CLUSTER_TOLERANCE:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _widest_gap(spans: list[tuple[float, float]], lo: float, hi: float) -> float:
    """The middle of the widest band in (lo, hi) that no word crosses."""
    edges = sorted((max(a, lo), min(b, hi)) for a, b in spans if b > lo and a < hi)
    best, best_width, cursor = (lo + hi) / 2, -1.0, lo
    for a, b in edges:
        if a - cursor > best_width:
            best, best_width = (cursor + a) / 2, a - cursor
        cursor = max(cursor, b)
    if hi - cursor > best_width:
        best = (cursor + hi) / 2
    return best


def _cuts(anchors: list[float], spans: list[tuple[float, float]], start: float) -> list[float]:
    """Copies repeat one layout, so each copy begins the same distance before its anchor as
    the first copy begins before the first anchor: look for the gutter in that window."""
    lead = anchors[0] - start
    return [_widest_gap(spans, max(a, b - lead - 4), b) for a, b in itertools.pairwise(anchors)]


def _grid(hits: list[Hit], xs: list[float], ys: list[float]) -> bool:
    """Whether the hits repeat as copies do: one in every cell of the columns and rows
    they make (a form's title at its top and its number again in its footer is no
    second copy), copies side by side at one height and copies stacked at one indent (a
    letter's `Form 5498-SA` in a paragraph and again in the heading a line under it are
    no two copies)."""

    def nearest(values: list[float], v: float) -> int:
        return min(range(len(values)), key=lambda i: abs(values[i] - v))

    cells = {(nearest(xs, h.box.x0), nearest(ys, h.box.top)) for h in hits}
    if len(cells) != len(xs) * len(ys):
        return False
    for axis, clusters in ((lambda b: b.top, ys), (lambda b: b.x0, xs)):
        groups: dict[int, list[float]] = {}
        for h in hits:
            groups.setdefault(nearest(clusters, axis(h.box)), []).append(axis(h.box))
        limit = max(ALIGNMENT, max(h.box.height for h in hits))
        if any(max(g) - min(g) > limit for g in groups.values()):
            return False
    return True


def _in_prose(lines: list[Line], hit: Hit) -> bool:
    """Whether a hit is read in a sentence: a lower-case word a space before it on its
    line (`appear on your Form 1099-MISC.`, `the instructions for Form 1099-MISC`)."""
    first = hit.words[0]
    for line in lines:
        for before, word in itertools.pairwise(line.words):
            if word is first:
                gap = word.box.x0 - before.box.x1
                return gap <= word.box.height and before.text[:1].islower()
    return False


def split_copies(
    region: Region, anchor_labels: tuple[str, ...], longer: tuple[str, ...] = ()
) -> list[Region]:
    """One region per copy, row by row, found from where the anchor label repeats; a hit
    inside one of the `longer` labels (another box's, `Original issue discount on U.S.
    Treasury obligations` for box 1's `Original issue discount`) is none, nor is one
    in a sentence (`_in_prose`)."""
    hits = [h for label in anchor_labels for h in region.find(label)]
    inside = {id(w) for label in longer for h in region.find(label) for w in h.words}
    lines = region.lines()
    hits = [
        h for h in hits if not all(id(w) in inside for w in h.words) and not _in_prose(lines, h)
    ]
    if len(hits) < 2:
        return [region]
    xs = _clusters([h.box.x0 for h in hits])
    ys = _clusters([h.box.top for h in hits])
    if len(xs) * len(ys) == 1 or not _grid(hits, xs, ys):
        return [region]
    if any(b - a < MIN_PITCH for v in (xs, ys) for a, b in itertools.pairwise(v)):
        return [region]  # a letter's `Form 1099-OID` in its text and in a heading
    b = region.box
    x_cuts = _cuts(xs, [(w.box.x0, w.box.x1) for w in region.words], b.x0)
    y_cuts = _cuts(ys, [(w.box.top, w.box.bottom) for w in region.words], b.top)
    x_edges = [b.x0, *x_cuts, b.x1]
    y_edges = [b.top, *y_cuts, b.bottom]
    cells = [
        region.crop(Box(x_edges[i], y_edges[j], x_edges[i + 1], y_edges[j + 1]))
        for j in range(len(y_edges) - 1)
        for i in range(len(x_edges) - 1)
    ]
    return [c for c in cells if c.words]
