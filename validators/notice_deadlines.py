"""The deadlines IRS notices set: what to do by when, with the days left as of --as-of.

A notice's `respond_by` is the date printed to pay or respond by. On a final notice of
intent to levy (LT11, Letter 1058, CP90) it is the end of the collection due process
window: the 30 days after the notice in which a hearing can be requested (IRC 6330(a)(3)(B),
Form 12153); where the letter prints no date, the window is counted from its date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from backtax.extractors.record import DocumentRecord

COLLECTION_DUE_PROCESS = ("LT11", "1058", "CP90")
CDP_DAYS = 30
# What each notice asks for by its date (the IRS's "Understanding your notice" pages).
ACTIONS = {
    "CP2000": "respond to the proposed changes (agree, or disagree with documents)",
    "CP14": "pay the balance due",
    "CP501": "pay the balance due",
    "CP503": "pay the balance due",
    "CP504": "pay the balance due before the IRS levies a state refund or other property",
    "CP11": "pay, or contact the IRS within 60 days of the notice to dispute the math change",
    "CP12": "contact the IRS within 60 days of the notice to dispute the change",
    "CP59": "file the missing return or tell the IRS why none is required",
}
CDP_ACTION = (
    "pay, or request a Collection Due Process hearing (Form 12153) before the levy: the "
    "collection due process window"
)
# A later notice of one escalation replaces an earlier one's deadline.
ESCALATION = ("CP14", "CP501", "CP503", "CP504", "LT11", "1058", "CP90")


def _iso(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def notice_deadline(record: DocumentRecord) -> dict[str, Any] | None:
    """One notice's deadline, or None when the notice sets none that can be read."""
    f = record.fields
    kind = f.get("notice_type")
    due = _iso(f.get("respond_by"))
    issued = _iso(f.get("notice_date"))
    cdp = kind in COLLECTION_DUE_PROCESS
    basis = "the date printed on the notice"
    if due is None and cdp and issued is not None:
        due = issued + timedelta(days=CDP_DAYS)
        basis = f"{CDP_DAYS} days after the notice date (IRC 6330(a)(3)(B))"
    if due is None:
        return None
    out: dict[str, Any] = {
        "notice_type": kind,
        "notice_date": issued.isoformat() if issued else None,
        "tax_year": record.tax_year,
        "deadline": due.isoformat(),
        "action": CDP_ACTION if cdp else ACTIONS.get(kind, "respond to the notice"),
        "basis": basis,
        "source": record.source,
        "page": min(record.pages) if record.pages else None,
    }
    if cdp:
        out["collection_due_process"] = True
    if f.get("amount_due"):
        out["amount_due"] = f["amount_due"]
    return out


def _superseded(item: dict[str, Any], others: list[dict[str, Any]]) -> bool:
    """Whether a later notice of the same escalation for the same year came after it."""
    kind = item["notice_type"]
    if kind not in ESCALATION:
        return False
    return any(
        o["notice_type"] in ESCALATION
        and o["tax_year"] == item["tax_year"]
        and (o["notice_date"] or "") > (item["notice_date"] or "")
        for o in others
    )


def notice_deadlines(records: Iterable[DocumentRecord], as_of: date) -> list[dict[str, Any]]:
    """Every notice deadline of the records, soonest first, with `days_left` as of `as_of`
    (negative once passed), `status` (`open` or `passed`) and `superseded` where a later
    notice of the same escalation replaced it."""
    items = [d for d in (notice_deadline(r) for r in records if r.doc_type == "IRS-NOTICE") if d]
    for item in items:
        left = (date.fromisoformat(item["deadline"]) - as_of).days
        item["days_left"] = left
        item["status"] = "open" if left >= 0 else "passed"
        if _superseded(item, items):
            item["superseded"] = True
    return sorted(items, key=lambda d: (d["deadline"], d["notice_type"] or ""))


def open_deadlines(records: Iterable[DocumentRecord], as_of: date) -> list[dict[str, Any]]:
    """The deadlines still open as of `as_of`, soonest first (a case's and an assessment's
    `deadlines`)."""
    return [
        d
        for d in notice_deadlines(records, as_of)
        if d["status"] == "open" and not d.get("superseded")
    ]
