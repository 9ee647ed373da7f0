"""Copies of one form in one file become one record, field by field by majority."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from extractors.kinds import Extracted

_IDENTITY = ("doc_type", "tax_year", "payer_tin", "recipient_tin_last4")


def _key(doc: Extracted) -> tuple | None:
    if doc.doc_type.startswith("IRS-") or doc.doc_type == "UNKNOWN":
        return None
    if not (doc.payer_tin or doc.payer_name) or not doc.recipient_tin_last4:
        return None
    return (*(getattr(doc, k) for k in _IDENTITY), doc.corrected)


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _vote(values: list[Any], label: str, warnings: list[str]) -> Any:
    present = [v for v in values if v is not None]
    if not present:
        return None
    counts = Counter(_canon(v) for v in present)
    winner, n = counts.most_common(1)[0]
    if len(counts) > 1:
        readings = ", ".join(f"{json.loads(k)!r} x{c}" for k, c in counts.items())
        warnings.append(f"copies disagree on {label}: {readings}; kept the majority")
    return json.loads(winner) if n else None


def merge_copies(docs: list[Extracted]) -> list[Extracted]:
    """Group copies (same form, payer, recipient, year) and reconcile each group."""
    groups: dict[tuple, list[Extracted]] = {}
    out: list[Extracted | tuple] = []
    for doc in docs:
        key = _key(doc)
        if key is None:
            out.append(doc)
            continue
        if key not in groups:
            groups[key] = []
            out.append(key)
        groups[key].append(doc)
    return [_reconcile(groups[item]) if isinstance(item, tuple) else item for item in out]


def _reconcile(copies: list[Extracted]) -> Extracted:
    if len(copies) == 1:
        return copies[0]
    first = copies[0]
    warnings: list[str] = [w for c in copies for w in c.warnings]
    names = list(dict.fromkeys(k for c in copies for k in c.fields))
    fields = {}
    for name in names:
        value = _vote([c.fields.get(name) for c in copies], name, warnings)
        if value is not None:
            fields[name] = value
    first.fields = fields
    first.pages = sorted({p for c in copies for p in c.pages})
    first.payer_name = _vote([c.payer_name for c in copies], "payer_name", warnings)
    first.recipient_name = _vote([c.recipient_name for c in copies], "recipient_name", warnings)
    first.recipient_tin_full = next(
        (c.recipient_tin_full for c in copies if c.recipient_tin_full), None
    )
    first.confidence = sum(c.confidence for c in copies) / len(copies)
    first.warnings = list(dict.fromkeys(warnings))
    return first
