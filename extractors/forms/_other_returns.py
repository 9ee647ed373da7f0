"""What the other information returns (1099-R/G/K/C/SA, W-2G, 1098, 1098-E/-T, 5498, 5498-SA)
add to the 1099 family's refinements.

- Party labels as printed: the long `name, street address, ...` label wraps after any word,
  so every cut of it is a label (its first line), and every tail a caption (its second).
- Date, year, count and code boxes: the first value of that shape in the box's cell (under
  the label, or right of it on a statement's row), past titles and side notes in the cell.
- A check-box label that is only a word of a longer line (`HSA` in `SUMMIT HSA BANK`,
  `IRA` in `HARBOR TRUST IRA SERVICES`) is no check box, and no border of a name.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from backtax.extractors.forms._engine import (
    LEADER,
    Anchor,
    FormReading,
    FormSpec,
    Postprocess,
    find_anchors,
    read_party,
    text_after,
)
from backtax.extractors.forms._info_return import InfoReturnKind, first_run
from backtax.extractors.forms._squares import marked_squares
from backtax.extractors.forms._year import find_tax_year
from backtax.extractors.kinds import Extracted
from backtax.extractors.page import Box, Line, Page, Region, Word, group_lines, normalize
from backtax.extractors.values import parse_date

# ---------------------------------------------------------------- values by shape

_CODE = re.compile(r"^[A-Z0-9]{1,3}(?:\s*,?\s*[A-Z0-9]{1,2})?$")
_INT = re.compile(r"^\d{1,7}%?$")
_YEAR = re.compile(r"^(19|20)\d{2}$")


def shaped(kind: str, text: str) -> Any:
    """`text` as a value of a box of `kind`, or None when it is not shaped like one."""
    text = text.strip().strip("$").strip()
    if kind == "date":
        d = parse_date(text)
        return d.isoformat() if d else None
    if kind == "year":
        return int(text) if _YEAR.match(text) else None
    if kind == "int":
        return int(text.rstrip("%").replace(",", "")) if _INT.match(text.replace(",", "")) else None
    if kind == "code":
        m = _CODE.match(text.upper())
        return re.sub(r"[\s,]", "", m.group(0)) if m and text == text.upper() else None
    if kind == "text":
        return text or None
    return None


def cell_lines(anchor: Anchor, region: Region, anchors: list[Anchor]) -> list[Line]:
    """The lines of a box's cell: right of its label on the label's line (a statement's
    row), then under the label down to the next label of its column."""
    label = anchor.box
    label_ids = {id(w) for a in anchors for w in a.hit.words}
    right = _right_edge(anchor, region, anchors)
    row = [
        w
        for w in region.right_of(label, max_dx=right - label.x1)
        if id(w) not in label_ids and w.box.x0 >= label.x1 - 1
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
    under = [
        w
        for w in region.crop(
            Box(label.x0 - 12, label.bottom - 0.5, right, min(bottom, label.bottom + 45))
        )
        if id(w) not in label_ids
    ]
    return lines + group_lines(under)


def _right_edge(anchor: Anchor, region: Region, anchors: list[Anchor]) -> float:
    """The cell's right border: a ruling line, else the next label to the right on the
    label's line or the lines just under it."""
    label = anchor.box
    page = region.page
    ruled = page.cell_right(label) if page is not None else None
    edge = ruled if ruled is not None else region.box.x1
    for a in anchors:
        b = a.box
        if a is anchor or a.spec.kind == "caption" or b.x0 <= label.x1 - 1:
            continue
        if b.bottom > label.top - 2 and b.top < label.bottom + 12:
            edge = min(edge, b.x0)
    return edge


def read_shaped(
    reading: FormReading, region: Region, anchors: list[Anchor], skip: frozenset[str] = frozenset()
) -> None:
    """Date, year, count and code boxes the engine left empty: the first run of words of
    the right shape in the box's cell. Text boxes: the first line of the cell, up to a
    wide gap, unless it is a note in lower-case prose. Amount boxes left empty that print
    an explicit zero: 0.00."""
    strong = {a.spec.name for a in anchors if not weak(a, region)}
    texts: dict[str, str | None] = {}
    for a in anchors:
        kind, name = a.spec.kind, a.spec.name
        if name in skip or (name in strong and weak(a, region)):
            continue
        if kind == "text" and not name.startswith("_"):
            texts.setdefault(name, None)
            texts[name] = texts[name] or _cell_text(a, region, anchors)
            continue
        if kind == "money" and name not in reading.fields:
            if _cell_text(a, region, anchors) in ZEROS:
                reading.fields[name] = "0.00"
            continue
        if kind not in ("date", "year", "int", "code") or name in reading.fields:
            continue
        for line in cell_lines(a, region, anchors):
            words = [w for w in line.words if w.text.strip() != "$" and not LEADER.match(w.text)]
            if len(words) > 1 and a.spec.number and words[0].text == a.spec.number:
                words = words[1:]  # a table's Box column, printed after the description
            value = _first_shaped(kind, words)
            if value is not None:
                reading.fields[name] = value
                reading.conf[name] = line.conf
                break
    for name, text in texts.items():
        if text:
            reading.fields[name] = text
        else:
            reading.fields.pop(name, None)


ZEROS = ("0.00", "0", ".00")  # an explicit zero, which the engine leaves (a code may be 0)
_PROSE = re.compile(r"(?<![\w-])[a-z]{2,}(?![\w-])")


def _cell_text(anchor: Anchor, region: Region, anchors: list[Anchor]) -> str | None:
    """The first run of words in the cell that is no note in lower-case prose (the rest of
    a label printed before a statement's value is such a note)."""
    for line in cell_lines(anchor, region, anchors):
        words = [w for w in line.words if w.text.strip() != "$"]
        while words:
            run = first_run(words)
            text = " ".join(w.text for w in run).strip()
            if text and not _PROSE.search(text):
                return text
            words = words[len(run) :]
    return None


def _first_shaped(kind: str, words: list[Word]) -> Any:
    for i in range(len(words)):
        for j in range(min(len(words), i + 3), i, -1):
            run = words[i:j]
            if any(b.box.x0 - a.box.x1 > 12 for a, b in itertools.pairwise(run)):
                continue
            value = shaped(kind, " ".join(w.text for w in run))
            if value is not None:
                return value
        if kind in ("code", "int"):
            return None  # a code or a count is the first thing in its cell
    return None


# ---------------------------------------------------------------- check boxes

FAR = 1e9
MARKS = {"x", "v", "✓", "✔", "☒", "■"}


def is_mark(word: Word) -> bool:
    return normalize(word.text).strip("[]() ") in MARKS or word.text.strip() in MARKS


def _tight_neighbours(anchor: Anchor, region: Region) -> tuple[bool, bool]:
    """Whether a word (not a check mark) is printed tight against the label hit before it
    and after it on its line: then the hit is part of a longer run of words."""
    first, last = anchor.hit.words[0], anchor.hit.words[-1]
    gap = max(first.box.height * 0.6, 3.0)
    area = Box(first.box.x0 - 40, first.box.top - 1, last.box.x1 + 40, last.box.bottom + 1)
    words = [w for w in region.crop(area) if w not in anchor.hit.words and not is_mark(w)]
    before = any(0 <= first.box.x0 - w.box.x1 <= gap for w in words)
    after = any(0 <= w.box.x0 - last.box.x1 <= gap for w in words)
    return before, after


def weak(anchor: Anchor, region: Region) -> bool:
    """A label hit that is likely no label, being a part of a longer run of words: a
    check-box label inside a name (`SUMMIT HSA BANK`; a one-word label with any word
    tight beside it, as OCR's `SAMPLE` read for `SIMPLE`), or the bare one-word label of
    a numbered box found without its number (`code` of `postal code`)."""
    bare_word = bool(anchor.spec.number) and not anchor.numbered and len(anchor.hit.words) == 1
    if anchor.spec.kind != "check" and not bare_word:
        return False
    before, after = _tight_neighbours(anchor, region)
    return (before or after) if len(anchor.hit.words) == 1 else (before and after)


def reach(anchor: Anchor, mark: Box, others: list[Box]) -> float:
    """How far a mark is from a check box's label, as a mark of that box: right after the
    label on its line (at the end of a statement's row when no other label is between),
    just before it, or under it; FAR when it cannot be that box's mark."""
    lb = anchor.box
    same_line = lb.v_overlap(mark) >= 0.4 * min(lb.height, mark.height)
    if same_line and mark.x0 >= lb.x1 - 2:
        between = any(
            b.v_overlap(lb) > 0 and lb.x1 - 1 <= b.x0 and b.x1 <= mark.x0 + 1 for b in others
        )
        return FAR if between else mark.x0 - lb.x1
    if same_line and mark.x1 <= lb.x0 + 2:
        gap = lb.x0 - mark.x1
        return 2 * gap + 12 if gap <= 24 else FAR
    dy = mark.top - lb.bottom
    if -1 <= dy <= 24 and lb.x0 - 6 <= mark.cx <= lb.x1 + 6:
        return dy + 10
    return FAR


def read_checks(reading: FormReading, region: Region, anchors: list[Anchor]) -> None:
    """Every check box from the marks on the page (an X read as text, or on a scan a drawn
    box with ink in it), each mark given to the nearest label it can be the mark of, so a
    mark ending one label is not also the mark before the next. A check label inside a
    name or a caption is no check box."""
    caption_ids = {id(w) for a in anchors if a.spec.kind == "caption" for w in a.hit.words}
    checks = [
        a
        for a in anchors
        if a.spec.kind == "check"
        and not weak(a, region)
        and not any(id(w) in caption_ids for w in a.hit.words)
    ]
    names = {a.spec.name for a in checks}
    for name in {a.spec.name for a in anchors if a.spec.kind == "check"} - names:
        if reading.fields.get(name) is False:
            del reading.fields[name]  # its label is only a word of a title or a name
    others = [a.box for a in anchors]
    owned: set[str] = set()
    for mark in marks(region, anchors):
        reaches = [(reach(a, mark, others), n, a) for n, a in enumerate(checks)]
        best = min(reaches, key=lambda t: t[:2], default=None)
        if best is not None and best[0] < FAR:
            owned.add(best[2].spec.name)
    for name in names:
        reading.fields[name] = name in owned


def marks(region: Region, anchors: list[Anchor]) -> list[Box]:
    """Where check marks are: X-like words that are no label's, and marked drawn boxes."""
    label_ids = {id(w) for a in anchors for w in a.hit.words}
    out = [w.box for w in region.words if is_mark(w) and id(w) not in label_ids]
    if region.page is not None:
        out += [b for b in marked_squares(region.page) if region.box.contains_center(b)]
    return out


def marked_near(label: Box, region: Region) -> bool:
    """A mark on a label's line just before it or after it (`[X] CORRECTED (if checked)`)."""
    band = Box(label.x0 - 30, label.top - 4, label.x1 + 80, label.bottom + 4)
    return any(band.contains_center(m) for m in marks(region, []))


def is_corrected(region: Region) -> bool:
    """CORRECTED printed as a title, or its check box marked."""
    for hit in region.find("CORRECTED"):
        after = text_after(hit, region)
        if "if checked" in after:
            if marked_near(hit.box, region):
                return True
        elif hit.words[0].text.isupper() and not _void_before(hit.box, region):
            return True
    return False


def _void_before(label: Box, region: Region) -> bool:
    line = region.crop(Box(label.x0 - 120, label.top - 2, label.x0, label.bottom + 2))
    return any(normalize(w.text) == "void" for w in line)


# ---------------------------------------------------------------- the kind


class OtherReturnKind(InfoReturnKind):
    """An information return read by the 1099 family's rules, then by the shapes of its
    date, year, count and code boxes; party names read past check-box words inside them."""

    def __init__(self, spec: FormSpec, postprocess: Postprocess | None = None) -> None:
        self.own_postprocess = postprocess
        super().__init__(spec, self._after)

    def _after(self, reading: FormReading, region: Region, anchors: list[Anchor]) -> None:
        read_checks(reading, region, anchors)
        read_shaped(reading, region, anchors, frozenset(c.name for c in self.spec.state_columns))
        if self.own_postprocess:
            self.own_postprocess(reading, region, anchors)

    def read_copy(self, region: Region, page: Page) -> Extracted | None:
        doc = super().read_copy(region, page)
        if doc is None:
            return doc
        if page.method == "ocr":
            doc.corrected = is_corrected(region)
        if doc.payer_name and doc.recipient_name:
            return doc
        spec = self.spec
        boxes = spec.boxes_for(find_tax_year(region))
        anchors = find_anchors(region, boxes + self._caption_specs() + spec.state_columns, False)
        stops = [a for a in anchors if not weak(a, region)]
        if not doc.payer_name and spec.payer_name_labels:
            doc.payer_name = read_party(
                region, spec.payer_name_labels, (), person=False, stops=stops
            ).name
        if not doc.recipient_name:
            doc.recipient_name = read_party(
                region, spec.recipient_name_labels, (), person=True, stops=stops
            ).name
        return doc


__all__ = ["OtherReturnKind", "shaped"]
