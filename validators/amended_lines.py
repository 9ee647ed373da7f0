"""A filed Form 1040-X in the checks: its correct amounts (column C, or the one amount of
lines 16-23) replace the return's figures, so every return-based rule checks the return as
amended. The 1040-X line names (`amended_return.lines`) map to the return's fields; line 2
(deductions) replaces whichever of the standard or itemized deduction the return shows.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from backtax.extractors.record import DocumentRecord

# 1040-X line name -> the return field it corrects (1040-X instructions: line 6 is the tax
# before credits, line 7 the nonrefundable credits, line 8 the tax after them).
RETURN_FIELD = {
    "adjusted_gross_income": "adjusted_gross_income",
    "qualified_business_income_deduction": "qualified_business_income_deduction",
    "taxable_income": "taxable_income",
    "tax": "tax_before_credits",
    "nonrefundable_credits": "total_credits",
    "tax_less_credits": "income_tax_after_credits",
    "other_taxes": "other_taxes",
    "total_tax": "total_tax",
    "federal_income_tax_withheld": "federal_income_tax_withheld",
    "estimated_tax_payments": "estimated_tax_payments",
    "earned_income_credit": "earned_income_credit",
    "total_payments": "total_payments",
    "amount_you_owe": "amount_owed",
    "overpaid": "overpaid",
    "refunded_to_you": "refund_amount",
    "applied_to_estimated_tax": "applied_to_next_year",
}
DEDUCTIONS = ("itemized_deductions", "standard_deduction")


def _amount(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def apply_amendments(rows: list[dict[str, Any]], records: list[DocumentRecord]) -> None:
    """Each 1040-X's correct amounts over the return's `rows` (a row per return line:
    `line`, `value`, `per_computer`, `source`, `page`, `doc_type`, `field`); the figure
    replaced stays in `before_amendment`."""
    by_line = {row["line"]: row for row in rows}
    for x in sorted((r for r in records if r.doc_type == "1040-X"), key=lambda r: r.source):
        for entry in x.extra.get("lines") or []:
            value = _amount(entry.get("corrected"))
            name = entry.get("name")
            if value is None or not name:
                continue
            target = RETURN_FIELD.get(name)
            if name == "deductions":
                target = next((d for d in DEDUCTIONS if d in by_line), None)
            if target is None:
                continue
            row = by_line.get(target)
            if row is None:
                row = by_line[target] = {"line": target, "before_amendment": None}
                rows.append(row)
            else:
                row.setdefault("before_amendment", row["value"])
            row.update(
                value=value,
                per_computer=None,
                source=x.source,
                page=min(x.pages) if x.pages else None,
                doc_type="1040-X",
                field=name,
            )
