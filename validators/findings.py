"""Findings and the evidence they rest on, as the contract writes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from backtax.extractors.values import format_money

SEVERITIES = ("high", "medium", "low", "info")


@dataclass(frozen=True)
class Evidence:
    """One value a finding rests on: where it was read and what it said."""

    source: str
    page: int | None
    doc_type: str
    field: str
    value: Any

    def to_json(self) -> dict[str, Any]:
        value = self.value.item() if hasattr(self.value, "item") else self.value
        value = format_money(value) if isinstance(value, Decimal) else value
        page = None if self.page is None or self.page != self.page else int(self.page)
        return {
            "source": self.source,
            "page": page,
            "doc_type": self.doc_type,
            "field": self.field,
            "value": value,
        }


@dataclass
class Finding:
    rule: str
    severity: str
    case_id: str | None
    message: str
    evidence: list[Evidence]
    amount: Decimal | None = None
    amended_return_candidate: bool = False
    details: dict[str, Any] = field(default_factory=dict)
    """Extra machine-readable facts (line, direction, dates) written beside the contract's keys."""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        if not self.evidence:
            raise ValueError(f"{self.rule}: a finding needs evidence")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "case_id": self.case_id,
            "message": self.message,
            "amount": None if self.amount is None else format_money(self.amount),
            "amended_return_candidate": self.amended_return_candidate,
            "evidence": [e.to_json() for e in self.evidence],
        }
        out.update(self.details)
        return out


def money(value: Decimal) -> str:
    """An amount as an accountant writes it in a sentence: `52,345.67`, `-1,079.00`."""
    return f"{value:,.2f}"
