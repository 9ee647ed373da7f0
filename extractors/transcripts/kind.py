"""The IRS transcript kind: claims transcript pages, splits them into transcripts, parses each.

One kind covers every transcript: a continuation page (only the page banner and content)
cannot tell which transcript it continues, so the classifier's run of consecutive transcript
pages comes here whole and `split` cuts it at each transcript's title. Scores are above
paper forms (a W&I page also names "Form W-2").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from backtax.extractors.kinds import DocumentKind, Extracted, Identification, register
from backtax.extractors.page import Page
from backtax.extractors.transcripts import second
from backtax.extractors.transcripts.account import parse_account
from backtax.extractors.transcripts.layout import TLine, is_banner, norm_label, page_lines
from backtax.extractors.transcripts.record_of_account import parse_record_of_account
from backtax.extractors.transcripts.split import (
    ACCOUNT,
    RECORD_OF_ACCOUNT,
    RETURN,
    WAGE_INCOME,
    Segment,
    split_segments,
    tax_period,
    title_kind,
)
from backtax.extractors.transcripts.tax_return import parse_return
from backtax.extractors.transcripts.wage_income import parse_wage_income

TITLE_SCORE = 12.0
CONTINUATION_SCORE = 11.0

PARSERS: dict[str, Callable[[Segment], Extracted]] = {
    WAGE_INCOME: parse_wage_income,
    ACCOUNT: parse_account,
    RETURN: parse_return,
    RECORD_OF_ACCOUNT: parse_record_of_account,
}

_ROW = re.compile(r"^\d{3}\s.*\d{2}-\d{2}-\d{4}\s+-?\$?[\d,.]+$")


# A W&I block's title names a form by its number (`Form W-2 Wage and Tax Statement`,
# `Form 1099-INT Interest Income`); an account's `FORM NUMBER 1040` (colon lost) does not.
_WI_BLOCK = re.compile(r"(?i)^form\s+[a-z]*-?\d[\w-]*\s+[a-z]")


def guess_kind(lines: list[TLine]) -> str:
    """The kind of a page without a title, from what its lines look like."""
    texts = [ln.text for ln in lines]
    if any(_WI_BLOCK.match(t) or "Identification Number:" in t for t in texts):
        return WAGE_INCOME
    rows = sum(bool(_ROW.match(t)) for t in texts)
    per_computer = sum("per computer" in norm_label(t) for t in texts)
    if rows and per_computer:
        return RECORD_OF_ACCOUNT
    return ACCOUNT if rows or any("account balance" in norm_label(t) for t in texts) else RETURN


class TranscriptKind(DocumentKind):
    name = "irs_transcript"

    def identify(self, page: Page) -> Identification | None:
        lines = page_lines([page])
        kinds = [k for k in (title_kind(ln.text) for ln in lines[:15]) if k]
        banner = any(is_banner(ln.text) for ln in lines)
        if not kinds and not banner:
            return None
        period = next((p for p in (tax_period(ln.text) for ln in lines) if p), None)
        doc_type = kinds[0] if kinds else guess_kind(lines)
        return Identification(
            kind=self.name,
            doc_type=doc_type,
            score=TITLE_SCORE if kinds else CONTINUATION_SCORE,
            tax_year=int(period[:4]) if period else None,
        )

    def extract(self, pages: list[Page]) -> list[Extracted]:
        lines = page_lines(pages, reread=True)
        first = next((i for i, ln in enumerate(lines) if title_kind(ln.text)), len(lines))
        segments = split_segments(lines, guess_kind(lines[:first]))
        return [_parsed(seg) for seg in segments]

    needs_second_reading = staticmethod(second.garbled)
    """Whether Tesseract left lines of these transcripts unread."""

    def merge_readings(self, first: list[Extracted], again: list[Extracted]) -> list[Extracted]:
        """Tesseract's records with the blanks PP-OCR's reading fills (`second.merged`),
        transcript by transcript; as they were where the two split the pages otherwise."""
        if [d.doc_type for d in first] != [d.doc_type for d in again]:
            return first
        return [second.merged(a, b) for a, b in zip(first, again, strict=True)]


def _parsed(seg: Segment) -> Extracted:
    """A transcript's record; one whose kind was guessed (no title read) says so."""
    record = PARSERS[seg.kind](seg)
    if seg.guessed:
        record.warnings.append(
            f"pages {seg.pages[0]}-{seg.pages[-1]}: no transcript title read; "
            f"read as {seg.kind} from its lines"
        )
        record.confidence = min(record.confidence, 0.5)
    return record


register(TranscriptKind())
