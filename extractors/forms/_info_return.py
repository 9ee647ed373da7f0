"""What the 1099 family shares on top of the form engine: party labels, the account number,
the calendar year filled after a printed "20", amounts and check boxes at the far end of a
statement's row, CORRECTED as a check box, and state rows read in their own columns."""

from __future__ import annotations

import itertools
import re
from typing import Any

from backtax.extractors.forms._engine import (
    CHECK_MARKS,
    Anchor,
    BoxSpec,
    FormKind,
    FormReading,
    FormSpec,
    Postprocess,
    find_anchors,
    is_checked,
    money_candidates,
    read_state_rows,
    text_after,
)
from backtax.extractors.kinds import Extracted
from backtax.extractors.page import Box, Page, Region, Word, group_lines, normalize
from backtax.extractors.values import (
    format_money,
    full_ssn_digits,
    normalize_ein,
    parse_money,
    tin_last4,
)

_TWO_DIGITS = re.compile(r"^\d{2}$")
_PROSE = re.compile(r"(?<![\w-])[a-z]{2,}(?![\w-])")  # a lower-case word: a note, not a value


def calendar_year(region: Region) -> int | None:
    """`For calendar year 20 23`: the form prints "20" and the payer fills the last digits."""
    for hit in region.find("calendar year"):
        area = Box(hit.box.x0 - 30, hit.box.top - 2, hit.box.x1 + 80, hit.box.bottom + 20)
        for line in group_lines(region.crop(area).words):
            texts = [w.text.strip() for w in line.words if w not in hit.words]
            for first, second in itertools.pairwise(texts):
                if first == "20" and _TWO_DIGITS.match(second):
                    return 2000 + int(second)
    return None


def _column_limit(label: Box, anchors: list[Anchor]) -> float:
    """Where the next label to the right begins, on the label's line or in the rows below."""
    edge = 10_000.0
    for a in anchors:
        b = a.box
        if a.spec.kind == "caption":
            continue
        if b.x0 > label.x0 + 40 and b.bottom > label.top - 40 and b.top < label.bottom + 30:
            edge = min(edge, b.x0)
    return edge


def first_run(words: list[Word], max_gap: float = 25.0) -> list[Word]:
    """Leading words of a left-to-right row up to the first wide gap."""
    run: list[Word] = []
    for w in sorted(words, key=lambda w: w.box.x0):
        if run and w.box.x0 - run[-1].box.x1 > max_gap:
            break
        run.append(w)
    return run


def _text_near(anchor: Anchor, region: Region, anchors: list[Anchor]) -> str | None:
    return next(iter(_texts_near(anchor, region, anchors)), None)


def _box_padding(label: Box, edge: float, anchors: list[Anchor]) -> float:
    """Values of the next box start a little before its label's text (the label is
    indented in its box) when that label is on this label's line."""
    beside = any(a.box.x0 == edge and a.box.v_overlap(label) > 0 for a in anchors)
    return 6.0 if beside else 0.0


def _texts_near(anchor: Anchor, region: Region, anchors: list[Anchor]) -> list[str]:
    """What a text box may hold, best first: the lines under its label in the label's
    column, then the words right of the label after a short gap; each only its leading
    run of words (no far neighbours), never a note in lower-case prose."""
    label = anchor.box
    label_ids = {id(w) for a in anchors for w in a.hit.words}
    same = [w for w in region.right_of(label, max_dx=160) if id(w) not in label_ids]
    same = first_run(same) if same and same[0].box.x0 - label.x1 < 120 else []
    edge = _column_limit(label, anchors)
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
        and id(w) not in label_ids
    ]
    below = [line for line in group_lines(words) if line.words[0].box.x0 < label.x0 + 60]
    out = []
    for words in (*(line.words for line in below), same):
        text = " ".join(w.text for w in first_run(words) if w.text != "$").strip()
        if text and not _PROSE.search(text):
            out.append(text)
    return out


def read_texts(reading: FormReading, region: Region, anchors: list[Anchor]) -> None:
    """Text boxes (account number, CUSIP, country, RTN) read as `_text_near` says, in place
    of the engine's reading, which may run on into a neighbouring column or note."""
    for anchor in anchors:
        name = anchor.spec.name
        if anchor.spec.kind != "text" or name.startswith("_"):
            continue
        reading.fields.pop(name, None)
    for anchor in anchors:
        name = anchor.spec.name
        if anchor.spec.kind == "text" and not name.startswith("_") and name not in reading.fields:
            text = _text_near(anchor, region, anchors)
            if text:
                reading.fields[name] = text


_ZERO = re.compile(r"^\$?0\.00$")


def explicit_zeros(reading: FormReading, region: Region, anchors: list[Anchor]) -> None:
    """A box that prints `0.00` holds an explicit zero: the lone `0.00` in the label's cell
    (the engine takes a bare amount beginning with 0 for a code, and may reach further
    down for another amount)."""
    label_ids = {id(w) for a in anchors for w in a.hit.words}
    for a in anchors:
        if a.spec.kind != "money":
            continue
        label, edge = a.box, _column_limit(a.box, anchors)
        below = min(
            (b.box.top for b in anchors if b.box.top > label.bottom and b.box.h_overlap(label) > 0),
            default=label.bottom + 30,
        )
        zeros = [
            w
            for w in region.words
            if _ZERO.match(w.text)
            and id(w) not in label_ids
            and label.x0 - 12 <= w.box.x0 < edge
            and label.bottom - 1 <= w.box.cy <= min(below, label.bottom + 30)
        ]
        if len(zeros) == 1:
            reading.fields[a.spec.name] = "0.00"


def _is_mark(word: Word) -> bool:
    return word.text.strip().lower() in CHECK_MARKS


def check_far_right(reading: FormReading, region: Region, anchors: list[Anchor]) -> None:
    """A check box drawn after its label's text: the first thing right of the label is a
    mark, close by or alone at the end of the row (statements)."""
    label_ids = {id(w) for a in anchors for w in a.hit.words}
    for a in anchors:
        if a.spec.kind != "check" or reading.fields.get(a.spec.name):
            continue
        row = sorted(region.right_of(a.box), key=lambda w: w.box.x0)
        row = [w for w in row if w not in a.hit.words]
        alone = len([w for w in row if id(w) not in label_ids]) == 1
        if row and _is_mark(row[0]) and (alone or row[0].box.x0 - a.box.x1 < 60):
            reading.fields[a.spec.name] = True


def amounts_on_rows(reading: FormReading, region: Region, anchors: list[Anchor]) -> None:
    """Statements print each box on its own row, the amount at the far right: when a money
    label's row holds one amount and nothing else, that amount is the box's."""
    label_ids = {id(w) for a in anchors for w in a.hit.words}
    for a in anchors:
        if a.spec.kind != "money":
            continue
        row = [w for w in region.right_of(a.box) if id(w) not in label_ids]
        if not row:
            continue
        cands = money_candidates(Region(row, a.box, region.page_number), set())
        # Only a real amount ($ or cents): a bare number on a row may be a form number.
        if len(cands) == 1 and len(cands[0].words) == len(row) and not cands[0].weak:
            value = parse_money(cands[0].text)
            if value is not None:
                reading.fields[a.spec.name] = format_money(value)
                reading.conf[a.spec.name] = cands[0].conf


def read_states(
    region: Region, columns: tuple[BoxSpec, ...], id_field: str, boxes: list[Anchor]
) -> list[dict[str, Any]]:
    """State rows read in the columns' own band: from the header line that names the most
    columns, between its first column and the next box label to the right (values of
    other boxes on those lines are skipped)."""
    anchors = find_anchors(region, columns, cells=False)
    if len(anchors) < 2:
        return []
    header = max(([b for b in anchors if b.box.v_overlap(a.box) > 0] for a in anchors), key=len)
    top, last = min(a.box.top for a in header), max(a.box.x1 for a in header)
    right = min(
        (b.box.x0 for b in boxes if b.box.x0 > last and top - 40 < b.box.top < top + 40),
        default=region.box.x1,
    )
    band = Box(min(a.box.x0 for a in header) - 10, top - 2, right, region.box.bottom)
    cropped = region.crop(band)
    words = [w for w in cropped.words if w.text.strip() != "$"]
    return read_state_rows(Region(words, band, region.page_number), columns, id_field)


class InfoReturnKind(FormKind):
    """A 1099-family form: the engine's reading, then the family's own refinements."""

    def __init__(self, spec: FormSpec, postprocess: Postprocess | None = None) -> None:
        super().__init__(spec, self._refine)
        self.extra_postprocess = postprocess

    def _refine(self, reading: FormReading, region: Region, anchors: list[Anchor]) -> None:
        state_names = {c.name for c in self.spec.state_columns}
        boxes = [a for a in anchors if a.spec.name not in state_names]
        amounts_on_rows(reading, region, boxes)
        explicit_zeros(reading, region, boxes)
        read_texts(reading, region, boxes)
        check_far_right(reading, region, boxes)
        if self.spec.state_columns:
            spec = self.spec
            states = read_states(region, spec.state_columns, spec.state_id_field, boxes)
            if states:
                reading.fields["state"] = states
        if self.extra_postprocess:
            self.extra_postprocess(reading, region, anchors)

    def read_copy(self, region: Region, page: Page) -> Extracted | None:
        doc = super().read_copy(region, page)
        if doc is not None:
            doc.tax_year = calendar_year(region) or doc.tax_year
            doc.corrected = is_corrected(region)
            if doc.payer_tin is None or doc.recipient_tin_last4 is None:
                self._read_tins(doc, region)
        return doc

    def _read_tins(self, doc: Extracted, region: Region) -> None:
        """TINs under their labels in the label's own column (the engine's reading can stop
        at a label of the next column)."""
        spec = self.spec
        tins = (
            BoxSpec("_payer_tin", "", spec.payer_tin_labels, "text"),
            BoxSpec("_recipient_tin", "", spec.recipient_tin_labels, "text"),
        )
        anchors = find_anchors(region, spec.boxes + tins)
        for anchor in anchors:
            if anchor.spec not in tins:
                continue
            for text in _texts_near(anchor, region, anchors):
                if anchor.spec.name == "_payer_tin" and doc.payer_tin is None:
                    doc.payer_tin = normalize_ein(text)
                elif anchor.spec.name == "_recipient_tin" and doc.recipient_tin_last4 is None:
                    doc.recipient_tin_last4 = tin_last4(text)
                    doc.recipient_tin_full = full_ssn_digits(text)


def is_corrected(region: Region) -> bool:
    """CORRECTED as a check box (`CORRECTED (if checked)`, or `VOID  CORRECTED` on copies
    without the note) counts only when marked; printed as a title it means corrected."""
    for hit in region.find("CORRECTED"):
        b = hit.box
        line = region.crop(Box(b.x0 - 120, b.top - 2, b.x0, b.bottom + 2))
        after = text_after(hit, region)
        boxed = "if checked" in after or any(normalize(w.text) == "void" for w in line)
        if boxed:
            if is_checked(hit.box, region):
                return True
        elif hit.words[0].text.isupper():
            return True
    return False
