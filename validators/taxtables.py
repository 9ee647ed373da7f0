"""Federal tax figures by year, read from validators/data (each figure cites its source there)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

CENT = Decimal("0.01")


@cache
def _data(name: str) -> dict[str, Any]:
    return json.loads(resources.files("backtax.validators.data").joinpath(name).read_text())


def constant(name: str) -> Decimal:
    """A year-independent figure (`ss_rate`, `medicare_rate`, ...)."""
    return Decimal(_data("tax_years.json")["constants"][name])


def _year(tax_year: int) -> dict[str, Any] | None:
    return _data("tax_years.json")["years"].get(str(tax_year))


def year_figure(tax_year: int, name: str) -> Decimal | None:
    """A per-year money figure (`ss_wage_base`, `elective_deferral_limit`, ...), None if unknown."""
    year = _year(tax_year)
    value = year.get(name) if year else None
    return Decimal(value) if value is not None else None


def filing_status_key(text: str | None) -> str | None:
    """`Married Filing Joint` -> `mfj`; the keys of the standard deduction and bracket tables."""
    t = (text or "").lower().replace("-", " ")
    if not t.strip():
        return None
    if "joint" in t:
        return "mfj"
    if "separate" in t:
        return "mfs"
    if "head" in t:
        return "hoh"
    if "widow" in t or "surviving" in t or "qualifying" in t:
        return "qss"
    if "single" in t:
        return "single"
    return None


def standard_deduction(tax_year: int, status: str | None) -> Decimal | None:
    year = _year(tax_year)
    table = year.get("standard_deduction") if year else None
    return Decimal(table[status]) if table and status in table else None


def return_due_date(tax_year: int) -> date:
    """The original due date of the year's Form 1040 (with nationwide postponements)."""
    year = _year(tax_year)
    if year and "return_due_date" in year:
        return date.fromisoformat(year["return_due_date"])
    return date(tax_year + 1, 4, 15)


@dataclass(frozen=True)
class TaxEstimate:
    tax: Decimal
    cite: str


def income_tax(tax_year: int, status: str | None, taxable_income: Decimal) -> TaxEstimate | None:
    """Tax on `taxable_income` at the year's ordinary rates (no preferential rates, no credits)."""
    year = _year(tax_year)
    brackets = year.get("brackets") if year else None
    key = "mfj" if status == "qss" else status
    if not brackets or key not in brackets:
        return None
    rates = [Decimal(r) for r in _data("tax_years.json")["constants"]["bracket_rates"]]
    bounds = [Decimal(b) for b in brackets[key]]
    tax, lower = Decimal(0), Decimal(0)
    for rate, upper in zip(rates, [*bounds, None], strict=True):
        if taxable_income <= lower:
            break
        top = taxable_income if upper is None else min(taxable_income, upper)
        tax += (top - lower) * rate
        if upper is None:
            break
        lower = upper
    cite = (
        f"{tax_year} tax rate schedule ({key}), {_data('tax_years.json')['_sources']['brackets']}"
    )
    return TaxEstimate(tax.quantize(CENT), cite)


def student_loan_interest_allowed(
    tax_year: int, status: str | None, magi: Decimal, interest: Decimal
) -> Decimal | None:
    """The deductible part of `interest` after the $2,500 cap and the MAGI phase-out."""
    year = _year(tax_year)
    ranges = year.get("student_loan_phaseout") if year else None
    if status == "mfs":
        return Decimal(0)
    key = "mfj" if status in ("mfj", "qss") else "single"
    if not ranges or status is None:
        return None
    low, high = (Decimal(v) for v in ranges[key])
    capped = min(interest, constant("student_loan_interest_max"))
    if magi <= low:
        return capped
    if magi >= high:
        return Decimal(0)
    return (capped * (high - magi) / (high - low)).quantize(CENT)


def source(name: str) -> str:
    """The citation of a figure family in tax_years.json."""
    return _data("tax_years.json")["_sources"][name]


def transaction_code(code: str) -> dict[str, Any]:
    """What validators/data/transaction_codes.json says of an IMF transaction code."""
    return _data("transaction_codes.json")["codes"].get(code, {"category": "none", "meaning": ""})


def qbi_threshold(tax_year: int, status: str | None) -> Decimal | None:
    """The IRC 199A(e)(2) threshold: below it the QBI deduction is a plain 20%."""
    year = _year(tax_year)
    table = year.get("qbi_threshold") if year else None
    return Decimal(table[status]) if table and status in table else None
