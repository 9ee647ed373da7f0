"""One account per taxpayer and year: the account transcripts of a year reconciled.

A year's account can arrive more than once: a transcript pulled again later (one more
payment, newer accruals), or a Record of Account beside the Account transcript. They describe
one IRS module, so they become one account: the latest transcript (by its request date, then
tracking number, then accrual date) gives the balance and accruals; fields it lacks come from
the others (a Record of Account brings the return's lines); transactions are united, a row
printed on several transcripts counted once (as often as the transcript printing it most
often shows it), never summed twice.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from backtax.extractors.record import DocumentRecord

ACCOUNT_TYPES = ("IRS-ACCOUNT-TRANSCRIPT", "IRS-RECORD-OF-ACCOUNT")


def _header(record: DocumentRecord, name: str) -> str:
    value = record.fields.get(name) or record.extra.get(name)
    return str(value) if value else ""


def recency(record: DocumentRecord) -> tuple[str, str, str, str, int]:
    """What orders two transcripts of one year: request date, tracking number, accruals date."""
    return (
        _header(record, "request_date") or _header(record, "response_date"),
        _header(record, "tracking_number"),
        _header(record, "accruals_as_of"),
        _header(record, "processing_date"),
        len(record.extra.get("transactions", [])),
    )


def tx_key(tx: dict[str, Any]) -> tuple[str, str, str]:
    """A transaction as the IRS posts it: code, date and amount (cycle and wording may differ)."""
    amount = str(tx.get("amount") or "0")
    amount = amount if "." in amount else f"{amount}.00"
    return str(tx.get("code", "")), str(tx.get("date") or ""), amount


@dataclass
class Row:
    """One united transaction and the transcript whose printing of it counts."""

    tx: dict[str, Any]
    record: DocumentRecord
    seq: int


@dataclass
class YearAccount:
    """A year's account: the merged record, the united transactions, and what was merged."""

    record: DocumentRecord
    rows: list[Row]
    latest: DocumentRecord
    merged: list[DocumentRecord] = field(default_factory=list)
    shared: int = 0
    """Rows printed on more than one transcript (counted once)."""
    only_older: list[Row] = field(default_factory=list)
    """Rows missing from the latest transcript, kept from an older one."""


def reconcile(records: list[DocumentRecord]) -> YearAccount | None:
    """The one account of a year from its account transcripts and Records of Account."""
    accounts = sorted((r for r in records if r.doc_type in ACCOUNT_TYPES), key=recency)
    if not accounts:
        return None
    latest = accounts[-1]
    fields = dict(latest.fields)
    for older in reversed(accounts[:-1]):
        for name, value in older.fields.items():
            fields.setdefault(name, value)
    record = dataclasses.replace(latest, fields=fields)
    rows = [Row(tx, latest, i) for i, tx in enumerate(latest.extra.get("transactions", []))]
    have = Counter(tx_key(r.tx) for r in rows)
    shared: Counter = Counter()
    only_older: list[Row] = []
    for older in reversed(accounts[:-1]):
        seen: Counter = Counter()
        for i, tx in enumerate(older.extra.get("transactions", [])):
            key = tx_key(tx)
            seen[key] += 1
            if seen[key] <= have[key]:
                shared[key] += 1
                continue
            have[key] += 1
            only_older.append(Row(tx, older, i))
    rows += only_older
    return YearAccount(record, rows, latest, accounts[:-1], sum(shared.values()), only_older)
