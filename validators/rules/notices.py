"""IRS notices and the taxpayer's own return in the checks.

- A notice past its deadline is `high` (a later notice of the same balance-due escalation
  replaces an earlier one's deadline: that one is `info`); a deadline within 14 days is
  `medium`. The collection due process window of LT11 / Letter 1058 / CP90 is named.
- A CP2000's information returns against the documents in hand and the Wage and Income
  transcript: agree, differ, or missing on either side, with what the taxpayer can show.
- The taxpayer's 1040 against the Tax Return transcript: the transcript is what the IRS
  has; a difference is an unfiled (or unprocessed) amendment or an IRS math-error change.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from backtax.extractors.record import DocumentRecord
from backtax.validators.findings import Evidence, Finding, money
from backtax.validators.notice_deadlines import notice_deadlines
from backtax.validators.registry import finding, rule
from backtax.validators.tables import PRIMARY_FIELD, CaseTables, payer_key, to_decimal

NEAR_DAYS = 14
TRANSCRIPTS = ("IRS-RETURN-TRANSCRIPT", "IRS-RECORD-OF-ACCOUNT")


def _ev(record: DocumentRecord, field: str, value: Any) -> Evidence:
    page = min(record.pages) if record.pages else None
    return Evidence(record.source, page, record.doc_type, field, value)


@rule(
    "NOTICE_DEADLINE_PASSED",
    "high",
    "an IRS notice's date to pay, respond or request a hearing has passed (info where a "
    "later notice of the same escalation replaced it)",
)
def notice_deadline_passed(t: CaseTables) -> Iterator[Finding]:
    notices = {r.source: r for r in t.case.of_type("IRS-NOTICE")}
    for d in notice_deadlines(notices.values(), t.as_of):
        if d["status"] != "passed":
            continue
        record = notices[d["source"]]
        what = "collection due process window" if d.get("collection_due_process") else "deadline"
        later = " A later notice replaced it." if d.get("superseded") else ""
        yield finding(
            "NOTICE_DEADLINE_PASSED",
            t.case.case_id,
            f"Notice {d['notice_type']} of {d['notice_date']}: the {what} ({d['action']}) "
            f"passed on {d['deadline']}, {-d['days_left']} days before {t.as_of}.{later}",
            [_ev(record, "respond_by", d["deadline"])],
            amount=to_decimal(d.get("amount_due")),
            severity="info" if d.get("superseded") else None,
            deadline=d["deadline"],
        )


@rule(
    "NOTICE_DEADLINE_NEAR",
    "medium",
    f"an IRS notice's deadline is within {NEAR_DAYS} days (the collection due process window "
    "of a final notice of intent to levy named as such)",
)
def notice_deadline_near(t: CaseTables) -> Iterator[Finding]:
    notices = {r.source: r for r in t.case.of_type("IRS-NOTICE")}
    for d in notice_deadlines(notices.values(), t.as_of):
        if d["status"] != "open" or d.get("superseded") or d["days_left"] > NEAR_DAYS:
            continue
        what = (
            "collection due process window closes"
            if d.get("collection_due_process")
            else "deadline is"
        )
        yield finding(
            "NOTICE_DEADLINE_NEAR",
            t.case.case_id,
            f"Notice {d['notice_type']}: the {what} {d['deadline']} ({d['days_left']} days): "
            f"{d['action']}.",
            [_ev(notices[d["source"]], "respond_by", d["deadline"])],
            amount=to_decimal(d.get("amount_due")),
            deadline=d["deadline"],
        )


def _same_return(entry: dict[str, Any], form: Any) -> bool:
    return form["doc_type"] == entry.get("doc_type") and (
        payer_key(entry.get("payer_tin")) in (None, form["payer_key"])
    )


@rule(
    "CP2000_ITEM",
    "medium",
    "an information return a CP2000 lists, against the documents in hand and the Wage and "
    "Income transcript: differs or missing (medium), absent from the transcript (low), agrees "
    "(info)",
)
def cp2000_items(t: CaseTables) -> Iterator[Finding]:
    forms = t.forms
    for notice in t.case.of_type("IRS-NOTICE"):
        if notice.fields.get("notice_type") != "CP2000":
            continue
        for i, entry in enumerate(notice.extra.get("entries", [])):
            yield from _cp2000_item(t, forms, notice, i, entry)


def _cp2000_item(
    t: CaseTables, forms: Any, notice: DocumentRecord, i: int, entry: dict[str, Any]
) -> Iterator[Finding]:
    field = PRIMARY_FIELD.get(entry.get("doc_type", ""))
    listed = to_decimal((entry.get("fields") or {}).get(field or ""))
    if field is None or listed is None:
        return
    who = f"{entry.get('doc_type')} from {entry.get('payer_name') or entry.get('payer_tin')}"
    ev = [_ev(notice, f"entries[{i}].fields.{field}", listed)]
    matches = [f for _, f in forms.iterrows() if _same_return(entry, f)]
    paper = [f for f in matches if f["origin"] == "paper"]
    transcript = [f for f in matches if f["origin"] == "transcript"]
    for f in paper + transcript:
        ev.append(t.evidence(f, field))
    held = [t.amount(f["form_id"], field) for f in paper]
    held = [v for v in held if v is not None]
    case = t.case.case_id
    if not paper:
        yield finding(
            "CP2000_ITEM",
            case,
            f"The CP2000 lists a {who} of {money(listed)} that is not among the documents: ask "
            "the payer for the form (or read the Wage and Income transcript) before answering; "
            "if it is not the taxpayer's income, the response must say so with the payer's "
            "statement.",
            ev,
            amount=listed,
            status="missing_document",
        )
    elif all(v == listed for v in held):
        yield finding(
            "CP2000_ITEM",
            case,
            f"The CP2000's {who} ({money(listed)}) agrees with the form in hand: if it was "
            "left off the return, the proposed change is right for this item.",
            ev,
            amount=listed,
            severity="info",
            status="agrees",
        )
    else:
        diff = listed - (held[0] if held else Decimal(0))
        yield finding(
            "CP2000_ITEM",
            case,
            f"The CP2000's {who} ({money(listed)}) differs from the form in hand "
            f"({money(held[0]) if held else 'blank'}): answer with the form, or the payer's "
            "corrected form (W-2c / corrected 1099), to support the amount.",
            ev,
            amount=diff,
            status="differs",
        )
    if t.has_wage_income() and not transcript:
        yield finding(
            "CP2000_ITEM",
            case,
            f"The CP2000's {who} is not on the Wage and Income transcript in hand: it may be "
            "a late or corrected filing by the payer; request a newer transcript.",
            ev[:1],
            amount=listed,
            severity="low",
            status="missing_from_transcript",
        )


@rule(
    "RETURN_VS_TRANSCRIPT",
    "medium",
    "a line of the taxpayer's own 1040 differs from the IRS Tax Return transcript (which "
    "wins): an amendment not filed or not processed, or an IRS math-error change",
)
def return_vs_transcript(t: CaseTables) -> Iterator[Finding]:
    own = t.case.of_type("1040")
    filed = t.case.of_type(*TRANSCRIPTS)
    if not own or not filed:
        return
    mine, irs = own[0], filed[0]
    per_computer = irs.extra.get("per_computer") or {}
    for name, raw in mine.fields.items():
        a, b = to_decimal(raw), to_decimal(irs.fields.get(name))
        if a is None or b is None or a == b:
            continue
        pc = to_decimal(per_computer.get(name))
        why = (
            f"the IRS changed it to {money(pc)} per computer (a math-error adjustment: look for "
            "a CP11/CP12)"
            if pc is not None and pc != b
            else "the return the IRS processed is not this copy: an amended return not filed or "
            "not yet processed, or a copy that is not the one filed"
        )
        yield finding(
            "RETURN_VS_TRANSCRIPT",
            t.case.case_id,
            f"{name.replace('_', ' ').capitalize()}: the 1040 copy shows {money(a)}, the return "
            f"transcript {money(b)}; {why}. The transcript's figure is used.",
            [_ev(mine, name, a), _ev(irs, name, b)],
            amount=a - b,
            line=name,
        )


@rule(
    "AMENDED_RETURN_FILED",
    "info",
    "a Form 1040-X for the year is in hand: its corrected amounts (column C) are listed",
)
def amended_return_filed(t: CaseTables) -> Iterator[Finding]:
    for x in t.case.of_type("1040-X"):
        lines = x.extra.get("lines") or []
        changed = [r for r in lines if r.get("change") not in (None, "0.00")]
        summary = ", ".join(f"line {r['line']} {r['name']} {r['corrected']}" for r in changed)
        yield finding(
            "AMENDED_RETURN_FILED",
            t.case.case_id,
            f"A Form 1040-X for {x.tax_year} is in hand"
            + (f" (changed: {summary})" if summary else "")
            + "; check the account transcript for its TC 290/291 to see it processed.",
            [_ev(x, r["name"], r["corrected"]) for r in changed] or [_ev(x, "lines", len(lines))],
        )
