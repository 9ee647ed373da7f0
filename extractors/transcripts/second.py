"""A transcript read by both engines: Tesseract's record, with what it left blank filled in
from PP-OCR's reading of the same pages.

A fax or a 100 dpi page leaves Tesseract's transcript lines garbled (`TOTAL PAYMENTS:
$11,120 Q0`, `EDUCATOR EXPENSES: 00`, a leader read as `eevee`); the record's own warnings
say so (`unreadable ...`, `unrecognised line ...`). From `GARBLED` such warnings a record
on, its OCR pages are read again whole by PP-OCR (`pipeline._second_engine`) and the two
records merged (`merged`): a value Tesseract left blank is PP-OCR's; where both read a value
and they differ, Tesseract's stays, unless the two differ only where one reads a zero and
the other a 6, 8 or 9 (a fax's zero read as another round digit: `$72,630.06`): the zero's
reading is taken then. Names and name controls stay Tesseract's (PP-OCR drops the spaces
between words: `MARITEST`).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from backtax.extractors.kinds import Extracted

GARBLED = 2
"""Warnings of lines left unread (`unreadable`, `unrecognised line`) from which a
transcript's pages are read again by PP-OCR."""

_GARBLED = re.compile(r"(?:^|: )(?:unreadable|unrecognised line)\b")
_ZERO_LIKE = set("689")
_NAMES = {"recipient_name", "payer_name", "name_control", "spouse_name_control"}
_HEADER = ("tax_year", "payer_tin", "recipient_tin_last4", "recipient_tin_full")


def garbled(docs: list[Extracted]) -> bool:
    """Whether Tesseract's reading of a transcript left `GARBLED` lines unread at least."""
    return any(sum(bool(_GARBLED.search(w)) for w in d.warnings) >= GARBLED for d in docs)


def zero_misread(mine: str, theirs: str) -> bool:
    """Whether `theirs` is `mine` with a zero where `mine` has a 6, 8 or 9 (and nothing else
    different): `72630.00` against `72630.06`."""
    if len(mine) != len(theirs) or mine == theirs:
        return False
    pairs = [(a, b) for a, b in zip(mine, theirs, strict=True) if a != b]
    return all(b == "0" and a in _ZERO_LIKE for a, b in pairs)


def _value(mine: Any, theirs: Any) -> Any:
    if mine is None:
        return theirs
    if isinstance(mine, dict) and isinstance(theirs, dict):
        return _fields(mine, theirs)
    if isinstance(mine, str) and isinstance(theirs, str) and zero_misread(mine, theirs):
        return theirs
    return mine


def _fields(mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    out = dict(mine)
    for key, value in theirs.items():
        if key in _NAMES:
            continue
        if isinstance(value, list) or isinstance(mine.get(key), list):
            continue  # rows (box 12, transactions) are read by one engine whole
        out[key] = _value(mine.get(key), value)
    return out


def _entries(mine: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """W&I entries paired in order by form type; an entry only one reading has stays as it
    is (Tesseract's) or is left out (PP-OCR's)."""
    kinds = SequenceMatcher(
        None, [e.get("doc_type") for e in mine], [e.get("doc_type") for e in theirs], False
    )
    out = list(mine)
    for block in kinds.get_matching_blocks():
        for k in range(block.size):
            i, j = block.a + k, block.b + k
            if mine[i].get("doc_type") is not None:
                out[i] = _fields(mine[i], theirs[j])
    return out


def merged(first: Extracted, second: Extracted) -> Extracted:
    """Tesseract's record `first` with the blanks PP-OCR's `second` fills (module doc)."""
    if first.doc_type != second.doc_type:
        return first
    for name in _HEADER:
        if getattr(first, name) is None:
            setattr(first, name, getattr(second, name))
    first.fields = _fields(first.fields, second.fields)
    for key, value in second.extra.items():
        if key == "entries":
            first.extra[key] = _entries(first.extra.get(key, []), value)
        elif isinstance(value, dict):
            first.extra[key] = _fields(first.extra.get(key, {}), value)
    return first
