"""Record of Account: the return part and the account part of one period in one record.

The return part comes first; the account part starts at the credit-sign note or the account
balance. `fields` holds both (they agree where they overlap: filing status, AGI, taxable
income; a disagreement is a warning) beside `per_computer` and `transactions`.
"""

from __future__ import annotations

import re

from backtax.extractors.kinds import Extracted
from backtax.extractors.transcripts.account import account_fields
from backtax.extractors.transcripts.layout import TLine, content, norm_label
from backtax.extractors.transcripts.party import apply_party
from backtax.extractors.transcripts.split import RECORD_OF_ACCOUNT, Segment
from backtax.extractors.transcripts.tax_return import return_fields

_ACCOUNT_START = re.compile(
    r"(?i)any\s+minus\s+sign|^account\s+balance\b|^form\s+number\b.*tax\s+period"
)


def _return_part(lines: list[TLine]) -> list[TLine]:
    for i, ln in enumerate(lines):
        if i > 0 and _ACCOUNT_START.search(ln.text):
            return lines[:i]
    return lines


def parse_record_of_account(segment: Segment) -> Extracted:
    """One Record of Account as a record with `per_computer` and `transactions`."""
    unread_rows: list[str] = []
    acct, acct_party, transactions = account_fields(segment, unread_rows)
    period = acct.get("tax_period_end") or segment.period
    year = int(period[:4]) if period else None
    ret, per_computer, ret_party, warnings = return_fields(
        _return_part(content(segment.lines)), year
    )
    warnings.extend(unread_rows)
    fields = dict(ret)
    for name, value in acct.items():
        if (
            name in fields
            and fields[name] != value
            and norm_label(str(fields[name])) != norm_label(str(value))
        ):
            warnings.append(f"{name}: return part {fields[name]!r}, account part {value!r}")
        fields.setdefault(name, value)
    record = Extracted(
        doc_type=RECORD_OF_ACCOUNT,
        pages=segment.pages,
        tax_year=year,
        fields=fields,
        extra={"per_computer": per_computer, "transactions": transactions},
        warnings=warnings,
    )
    apply_party(record, {**acct_party, **ret_party})
    return record
