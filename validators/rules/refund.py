"""The refund statute (IRC 6511) applied to amended-return candidates that would bring a refund."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from backtax.validators.amended import refund_direction_deadline
from backtax.validators.findings import Evidence, Finding
from backtax.validators.registry import finding, rule
from backtax.validators.tables import CaseTables


def _filing_evidence(t: CaseTables) -> list[Evidence]:
    acct = t.account()
    if acct is not None and acct.fields.get("return_due_or_received_date"):
        value = acct.fields["return_due_or_received_date"]
        page = min(acct.pages) if acct.pages else None
        return [Evidence(acct.source, page, acct.doc_type, "return_due_or_received_date", value)]
    _refund, ev = t.line("refund_amount")
    return [ev] if ev else []


@rule(
    "REFUND_STATUTE",
    "high",
    "a refund-direction amended return whose claim deadline (3 years from filing or 2 years "
    "from payment) is within 90 days (high) or has passed (medium: the refund is barred)",
    scope="amended",
)
def refund_statute(t: CaseTables, amended: dict[str, Any]) -> Iterator[Finding]:
    found = refund_direction_deadline(amended)
    evidence = _filing_evidence(t)
    if not found or found[1] == "open" or not evidence:
        return
    deadline, status = found
    days = (deadline - t.as_of).days
    refund = next((r["corrected"] for r in amended.get("lines", []) if r["line"] == "22"), None)
    what = f"the refund of {refund}" if refund else "the refund"
    if status == "passed":
        message = (
            f"The refund statute for {t.case.tax_year} passed on {deadline} "
            f"({amended['deadline_basis']}): "
            f"{what} the evidence supports can no longer be claimed; do not file a 1040-X for it."
        )
    else:
        message = (
            f"File the {t.case.tax_year} 1040-X by {deadline} ({days} days from {t.as_of}; "
            f"{amended['deadline_basis']}), or {what} is lost."
        )
    yield finding(
        "REFUND_STATUTE",
        t.case.case_id,
        message,
        evidence,
        severity="medium" if status == "passed" else None,
        deadline=deadline.isoformat(),
    )
