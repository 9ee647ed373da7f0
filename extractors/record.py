"""The document record of the contract and its JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from backtax.extractors import catalog

INFORMATION_RETURN_TYPES = catalog.doc_types()
DOC_TYPES = (
    *INFORMATION_RETURN_TYPES,
    "IRS-WAGE-INCOME-TRANSCRIPT",
    "IRS-ACCOUNT-TRANSCRIPT",
    "IRS-RETURN-TRANSCRIPT",
    "IRS-RECORD-OF-ACCOUNT",
    "1040",
    "1040-X",
    "IRS-NOTICE",
    "UNKNOWN",
)


@dataclass
class DocumentRecord:
    """One document found in a file. `fields` uses the contract's canonical names."""

    source: str
    sha256: str
    pages: list[int]
    doc_type: str
    tax_year: int | None = None
    method: str = "text"
    corrected: bool = False
    payer_tin: str | None = None
    payer_name: str | None = None
    recipient_tin_last4: str | None = None
    recipient_name: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    """Top-level keys beyond the base record (entries, transactions, recipient_tin_key...)."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "sha256": self.sha256,
            "pages": self.pages,
            "doc_type": self.doc_type,
            "tax_year": self.tax_year,
            "method": self.method,
            "corrected": self.corrected,
        }
        for key in ("payer_tin", "payer_name", "recipient_tin_last4", "recipient_name"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        out["fields"] = self.fields
        out.update(self.extra)
        out["confidence"] = round(self.confidence, 3)
        out["warnings"] = self.warnings
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentRecord:
        known = {
            "source",
            "sha256",
            "pages",
            "doc_type",
            "tax_year",
            "method",
            "corrected",
            "payer_tin",
            "payer_name",
            "recipient_tin_last4",
            "recipient_name",
            "fields",
            "confidence",
            "warnings",
        }
        base = {k: v for k, v in data.items() if k in known}
        extra = {k: v for k, v in data.items() if k not in known}
        return cls(**base, extra=extra)
