"""Hand-made account, return and notice records (CONTRACT.md shapes) for the assessment tests."""

from __future__ import annotations

import hashlib
from typing import Any

from backtax.extractors.record import DocumentRecord

LAST4 = "4321"
NAME = "ROSA MARTINEZ"


def tx(code: str, when: str, amount: str = "0.00", explanation: str = "", detail: str = ""):
    row = {"code": code, "explanation": explanation, "date": when, "amount": amount}
    return row | ({"detail": detail} if detail else {})


def record(
    doc_type: str, year: int, fields: dict[str, Any], source: str, **extra: Any
) -> DocumentRecord:
    return DocumentRecord(
        source=source,
        sha256=hashlib.sha256(source.encode()).hexdigest(),
        pages=[1],
        doc_type=doc_type,
        tax_year=year,
        recipient_tin_last4=LAST4,
        recipient_name=NAME,
        fields=fields,
        extra=extra,
    )


def account(
    year: int,
    rows: list[dict[str, Any]],
    *,
    source: str | None = None,
    doc_type: str = "IRS-ACCOUNT-TRANSCRIPT",
    **fields: Any,
) -> DocumentRecord:
    """An account transcript whose balance is the sum of its rows unless told otherwise."""
    from decimal import Decimal

    balance = sum((Decimal(r["amount"]) for r in rows), Decimal(0))
    base = {
        "form_number": "1040",
        "tax_period_end": f"{year}-12-31",
        "account_balance": f"{balance:.2f}",
        "filing_status": "Single",
    }
    return record(
        doc_type,
        year,
        base | fields,
        source or f"cases/{year}/account_{fields.get('tracking_number', 'x')}.pdf",
        transactions=rows,
    )


def tax_return(year: int, source: str | None = None, **lines: Any) -> DocumentRecord:
    return record(
        "IRS-RETURN-TRANSCRIPT",
        year,
        {"filing_status": "Single"} | lines,
        source or f"cases/{year}/return.pdf",
    )


def notice(year: int, notice_type: str, **fields: Any) -> DocumentRecord:
    return record(
        "IRS-NOTICE",
        year,
        {"notice_type": notice_type, "tax_year": year} | fields,
        f"cases/{year}/notice_{notice_type}.pdf",
    )
