"""What the engine reads and what it gives: a form's boxes, where a label was found, a
value printed on the page, and one copy's reading."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from backtax.extractors.catalog import CatalogBox
from backtax.extractors.page import Box, Hit, Word

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
    reader: str = ""
    """How the boxes are read (the catalogue's `reads`): `info_return`, or "" for the plain
    engine."""

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

    @cached_property
    def head(self) -> Box:
        """The label's first line: its first word and the label's words on that word's line."""
        return _line_of(self.hit.words, self.hit.words[0])

    @cached_property
    def tail(self) -> Box:
        """The label's last line: its last word and the label's words on that word's line
        (a wrapped label's value may follow it: `Box 4 Federal income tax` / `withheld:
        67.00`)."""
        return _line_of(self.hit.words, self.hit.words[-1])


def _line_of(words: tuple[Word, ...], word: Word) -> Box:
    """The box of a label's words on one word's line."""
    box = word.box
    for w in words:
        if w.box.v_overlap(word.box) >= 0.5 * min(w.box.height, word.box.height):
            box = box.union(w.box)
    return box


@dataclass
class Candidate:
    """A value printed on the page: one word or adjacent words read together (an amount),
    or a check box's mark (an X read as a word, or on a scan a drawn square with ink in
    it, which has no words)."""

    words: tuple[Word, ...]
    text: str
    box: Box
    weak: bool = False
    mark: bool = False

    @property
    def conf(self) -> float:
        return min((w.conf for w in self.words), default=1.0)


@dataclass
class FormReading:
    """What one copy of a form gave: values by field name plus per-field confidence and,
    for a list field, each entry's place in its box (`Extracted.field_rows`), and the ids
    of the words the assignment gave a box (no other box's value)."""

    fields: dict[str, Any] = field(default_factory=dict)
    conf: dict[str, float] = field(default_factory=dict)
    rows: dict[str, list[float]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    assigned: set[int] = field(default_factory=set)


def label_ids(anchors: list[Anchor]) -> set[int]:
    """The ids of every word of the anchors' labels: words that are never values."""
    return {id(w) for a in anchors for w in a.hit.words}
