"""The one DocumentKind of the engine: a FormSpec identified by its form number, title and
labels, and read on every copy of a page.

What a form's reading adds is catalogue data (`reads`): an information return (the 1099s,
1098s, 5498s, W-2G) prints its boxes in cells or on statement rows, its date, year, count
and code boxes in their cells, check-box words inside names, its CORRECTED as a check box
and its year after a printed `20`, so those readings run too; the W-2 and the SSA-1099 are
read by the plain engine and their own modules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from backtax.extractors.forms._about import about_a_form
from backtax.extractors.forms._copies import split_copies
from backtax.extractors.forms._year import calendar_year, find_tax_year
from backtax.extractors.forms.engine.checks import box_checked, is_corrected
from backtax.extractors.forms.engine.labels import find_anchors, split_glued_values, weak
from backtax.extractors.forms.engine.parties import (
    Party,
    name_above_tin,
    only_ein_on_form,
    read_party,
    tins_in_columns,
)
from backtax.extractors.forms.engine.reading import (
    drop_unmarked_words,
    read_boxes,
    values_in_cells,
)
from backtax.extractors.forms.engine.spec import Anchor, BoxSpec, FormReading, FormSpec
from backtax.extractors.forms.engine.states import read_state_rows, read_states_in_band
from backtax.extractors.kinds import DocumentKind, Extracted, Identification
from backtax.extractors.page import (
    ABBREVIATIONS,
    Box,
    Page,
    Region,
    Word,
    normalize,
    one_edit,
    remember_label,
    tokens,
)
from backtax.extractors.values import full_ssn_digits, tin_last4

Postprocess = Callable[[FormReading, Region, list[Anchor]], None]


class FormKind(DocumentKind):
    """A DocumentKind for one FormSpec: identify by form number and title, read every copy."""

    def __init__(self, spec: FormSpec, postprocess: Postprocess | None = None) -> None:
        self.spec = spec
        self.name = spec.doc_type
        self.postprocess = postprocess
        self.info_return = spec.reader == "info_return"
        # what `identify` looks for on every page, normalised once per kind
        self._numbers = tuple(
            re.compile(rf"(?<![\w-]){re.escape(normalize(n))}(?![\w-])") for n in spec.form_numbers
        )
        self._titles = tuple((normalize(t), tokens(t)) for t in spec.titles)
        self._labels = tuple(  # as words: a printer's commas and `&` count for nothing
            (f" {_words(lb)} ", _numbered(b.number, lb)) for b in spec.boxes for lb in b.labels
        )
        self._excludes = tuple(normalize(x) for x in spec.excludes)
        revised = [box for rev in spec.revisions for box in rev.boxes]
        for box in (*spec.boxes, *spec.state_columns, *revised, *self._caption_specs()):
            for label in box.labels:
                remember_label(label)

    # -- identify
    def identify(self, page: Page) -> Identification | None:
        text, words = _page_texts(page.text())
        if any(x in text for x in self._excludes) or about_a_form(page):
            return None
        score = 0.0
        ocr = page.method == "ocr"
        if any(pattern.search(text) for pattern in self._numbers):
            score += 2.0
        elif ocr and _misread_form_number(text, self.spec.form_numbers):
            score += 1.5
        stacked = []  # titles not in the text: printed over lines (a grid's title cell)
        for title, want in self._titles:
            if title in text:
                score += 1.5
            else:
                stacked.append(want)
        labels = sum(
            # a label after its box's number (`1 Reportable winnings`), or before it in a
            # table's Box column (`Wages, tips | 1`), counts twice
            2 if any(n in words for n in numbered) else 1
            for label, numbered in self._labels
            if label in words
        )
        score += min(labels, 12) * 0.25
        for left, want in zip(range(len(stacked), 0, -1), stacked, strict=True):
            if score + 1.5 * left < 3.0:
                return None  # not a claim even with every title left: none looked for
            if stacked_title(page.words, want):
                score += 1.5
        if score < 3.0:
            return None
        return Identification(self.name, self.spec.doc_type, score, find_tax_year(page.region))

    # -- extract
    def extract(self, pages: list[Page]) -> list[Extracted]:
        docs: list[Extracted] = []
        for page in pages:
            whole = self.prepare(split_glued_values(page.region))
            labels = self._copy_anchor_labels(whole)
            for region in split_copies(whole, labels, self._longer_labels(labels)):
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

    def _longer_labels(self, labels: tuple[str, ...]) -> tuple[str, ...]:
        """Other boxes' labels that hold one of `labels` (box 8's `Original issue discount
        on U.S. Treasury obligations` holds box 1's `Original issue discount`)."""
        texts = [" ".join(tokens(label)) for label in labels]
        return tuple(
            label
            for box in self.spec.boxes[1:]
            for label in box.labels
            if any(f" {t} " in f" {' '.join(tokens(label))} " for t in texts)
        )

    def read_copy(self, region: Region, page: Page) -> Extracted | None:
        spec = self.spec
        year = find_tax_year(region)
        boxes = spec.boxes_for(year)
        anchors = find_anchors(region, boxes)
        if not anchors:
            return None
        stops = anchors + find_anchors(region, self._caption_specs() + spec.state_columns, False)
        reading = read_boxes(region, anchors, stops)
        if self.info_return:
            self._read_cells(reading, region, stops)
        if spec.state_columns:
            states = self._read_states(region, stops)
            if states:
                reading.fields["state"] = states
        if self.postprocess:
            self.postprocess(reading, region, stops)
        if not any(isinstance(v, str | list) for v in reading.fields.values()):
            return None
        payer = read_party(
            region, spec.payer_name_labels, spec.payer_tin_labels, person=False, stops=stops
        )
        recipient = read_party(
            region, spec.recipient_name_labels, spec.recipient_tin_labels, True, stops=stops
        )
        if payer.tin is None and spec.payer_tin_labels:
            payer.tin = only_ein_on_form(region)
        if self.info_return and (payer.tin is None or recipient.tin_last4 is None):
            ein, tin = tins_in_columns(
                region, spec.boxes, spec.payer_tin_labels, spec.recipient_tin_labels
            )
            payer.tin = payer.tin or ein
            if recipient.tin_last4 is None and tin:
                recipient.tin_last4, recipient.tin_full = tin_last4(tin), full_ssn_digits(tin)
        if self.info_return and not (payer.name and recipient.name):
            self._names_past_check_words(region, boxes, payer, recipient)
        if self.info_return and not payer.name and spec.payer_name_labels:
            payer.name = name_above_tin(region, spec.payer_tin_labels)
        if box_checked(region, "VOID"):
            reading.fields["void"] = True
        confs = list(reading.conf.values())
        return Extracted(
            doc_type=spec.doc_type,
            pages=[page.number],
            tax_year=(calendar_year(region) if self.info_return else None) or year,
            corrected=is_corrected(region),
            payer_tin=payer.tin,
            payer_name=payer.name,
            recipient_tin_last4=recipient.tin_last4,
            recipient_name=recipient.name,
            recipient_tin_full=recipient.tin_full,
            fields=reading.fields,
            confidence=min(confs) if confs else 0.5,
            field_confidence=dict(reading.conf),
            field_rows=dict(reading.rows),
            warnings=[f"page {page.number}: {w}" for w in reading.warnings],
        )

    def _names_past_check_words(
        self, region: Region, boxes: tuple[BoxSpec, ...], payer: Party, recipient: Party
    ) -> None:
        """Party names read again with a check-box label inside a name (`SUMMIT HSA BANK`)
        no border of it."""
        spec = self.spec
        every = boxes + self._caption_specs() + spec.state_columns
        stops = [a for a in find_anchors(region, every, False) if not weak(a, region)]
        if not payer.name and spec.payer_name_labels:
            payer.name = read_party(region, spec.payer_name_labels, (), False, stops).name
        if not recipient.name:
            recipient.name = read_party(region, spec.recipient_name_labels, (), True, stops).name

    def _read_cells(self, reading: FormReading, region: Region, stops: list[Anchor]) -> None:
        """What an information return prints in its cells: dates, years, counts, codes
        and texts, an explicit zero the assignment left; no check box of a check label
        inside a name."""
        state_names = frozenset(c.name for c in self.spec.state_columns)
        anchors = [a for a in stops if a.spec.kind == "check"]
        drop_unmarked_words(reading, region, anchors, stops)
        values_in_cells(reading, region, stops, state_names)

    def _read_states(self, region: Region, stops: list[Anchor]) -> list[dict]:
        """State rows: an information return's in the columns' own band first."""
        spec = self.spec
        if self.info_return:
            state_names = {c.name for c in spec.state_columns}
            boxes = [a for a in stops if a.spec.name not in state_names]
            states = read_states_in_band(region, spec.state_columns, spec.state_id_field, boxes)
            if states:
                return states
        return read_state_rows(region, spec.state_columns, spec.state_id_field)


@lru_cache(maxsize=8)
def _page_texts(text: str) -> tuple[str, str]:
    """A page's text as `identify` matches it, normalized and as label words, each one line
    with a blank either side: once a page, not once for each kind bidding on it."""
    return f" {normalize(text)} ", f" {_words(text)} "


def _words(text: str) -> str:
    """`text` as its label words, one blank apart, abbreviations spelt out (`Wages, Tips &
    Other` as `wages tips and other`, `Acct No.` as `account number`)."""
    return " ".join(ABBREVIATIONS.get(t, t) for t in tokens(text))


def _numbered(number: str, label: str) -> tuple[str, ...]:
    """A label's words with its box's number before and after them (`1 wages tips`, `wages
    tips 1`); none for a box printed without a number (`Account number`)."""
    if not number:
        return ()
    return (f" {_words(f'{number} {label}')} ", f" {_words(f'{label} {number}')} ")


def _misread_form_number(text: str, numbers: tuple[str, ...]) -> bool:
    """OCR's one-letter slip in a long form number (`1069-MISC` for `1099-MISC`); short
    numbers (1099-R, 1099-K) are too close to each other to be guessed."""
    words = set(text.split())
    return any(
        len(n) >= 8 and any(len(w) == len(n) and one_edit(w, normalize(n)) for w in words)
        for n in numbers
    )


def stacked_title(words: list[Word], want: tuple[str, ...]) -> bool:
    """Whether a form's title is printed over two or more lines, each centred under the
    one above (`Nonemployee` over `Compensation`, `Dividends and` over `Distributions`):
    a page's lines run across it, so beside the payer's address or the boxes the title's
    words are not consecutive in its text. A long word may be misread by one letter."""
    return len(want) >= 2 and any(_title_from(words, w, w.box, want) for w in words)


def _title_from(words: list[Word], word: Word, span: Box, want: tuple[str, ...]) -> bool:
    """Whether the title's tokens `want` begin at `word` (its line of the title so far
    spanning `span`) and go on to the right of it or on the line under it."""
    got = tokens(word.text)
    if not got or len(got) > len(want):
        return False
    if not all(_title_token(a, b) for a, b in zip(got, want, strict=False)):
        return False
    rest = want[len(got) :]
    if not rest:
        return True
    h = word.box.height
    right = [
        w
        for w in words
        if 0 <= w.box.x0 - word.box.x1 <= 1.2 * h and w.box.v_overlap(word.box) >= 0.5 * h
    ]
    below = [
        w
        for w in words
        if -0.3 * h <= w.box.top - span.bottom <= 0.8 * h
        and w.box.h_overlap(span) >= 0.5 * min(w.box.width, span.width)
    ]
    if right:
        nearest = min(right, key=lambda w: w.box.x0)
        if _title_from(words, nearest, span.union(nearest.box), rest):
            return True
    if below:
        start = min(below, key=lambda w: w.box.x0)
        return _title_from(words, start, start.box, rest)
    return False


def _title_token(seen: str, wanted: str) -> bool:
    return seen == wanted or (len(wanted) >= 5 and one_edit(seen, wanted))
