"""Findings that rest on a value read with low confidence say so: the reader of the
report checks that value on the document before acting on the finding."""

from __future__ import annotations

from backtax.extractors.record import DocumentRecord
from backtax.validators.findings import Finding

LOW_CONFIDENCE = 0.5
"""Below this a record is not to be trusted unchecked (the extractor gives at most 0.45 to a
record missing its amounts, year or payer TIN)."""


def flag_low_confidence(findings: list[Finding], records: list[DocumentRecord]) -> None:
    """Mark every finding with evidence from a record whose confidence is below
    LOW_CONFIDENCE: a `low_confidence` list beside the contract's keys, and a sentence at
    the end of the message naming the values to check."""
    by_source: dict[tuple[str, str], list[DocumentRecord]] = {}
    for rec in records:
        by_source.setdefault((rec.source, rec.doc_type), []).append(rec)
    for finding in findings:
        weak = []
        for ev in finding.evidence:
            for rec in by_source.get((ev.source, ev.doc_type), []):
                on_page = ev.page is None or ev.page != ev.page or int(ev.page) in rec.pages
                if on_page and rec.confidence < LOW_CONFIDENCE:
                    weak.append((ev, rec))
                    break
        if not weak:
            continue
        finding.details["low_confidence"] = [
            {"source": ev.source, "doc_type": ev.doc_type, "field": ev.field,
             "confidence": round(rec.confidence, 3)}
            for ev, rec in weak
        ]  # fmt: skip
        named = "; ".join(
            f"{ev.doc_type} {ev.field} (confidence {rec.confidence:.2f})" for ev, rec in weak
        )
        finding.message += f" This rests on a low-confidence reading: check {named}."
