"""Where each information-return box lands on the return, and the case's totals per line.

Each information return counts once: the transcript's figure where paper and transcript
both exist, the corrected form's where a correction supersedes an original.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from backtax.extractors import catalog
from backtax.validators.findings import Evidence
from backtax.validators.tables import WITHHOLDING_FIELD, CaseTables, withholding_field


def _ira(t: CaseTables, form: pd.Series) -> bool:
    flag = t.raw_fields(form).get("box7_ira_sep_simple")
    return flag is True or str(flag).lower() in ("true", "ira/sep/simp box checked", "checked")


def _rollover(t: CaseTables, form: pd.Series) -> bool:
    code = str(t.raw_fields(form).get("box7_distribution_code", "")).upper()
    return any(c in code for c in ("G", "H"))


@dataclass(frozen=True)
class Source:
    """One box that feeds a return line, with an optional test on the form."""

    family: str
    field: str
    when: Callable[[CaseTables, pd.Series], bool] | None = None
    fallback: str | None = None  # box used when `field` is blank (1099-R box 1 for box 2a)


def _is_ira(t: CaseTables, f: pd.Series) -> bool:
    return _ira(t, f) and not _rollover(t, f)


def _is_pension(t: CaseTables, f: pd.Series) -> bool:
    return not _ira(t, f) and not _rollover(t, f)


TESTS: dict[str, Callable[[CaseTables, pd.Series], bool]] = {"ira": _is_ira, "pension": _is_pension}


def _income_lines() -> dict[str, tuple[Source, ...]]:
    """Return line -> the boxes that report it, from the catalogue's `validators.income`
    entries (TY2024 destinations, IRS_REFERENCE.md 2.1), in the order of LINE_LABELS."""
    by_line: dict[str, list[Source]] = {line: [] for line in LINE_LABELS}
    for form in catalog.forms().values():
        for src in form.income:
            when = TESTS[src.when] if src.when else None
            by_line[src.line].append(Source(form.doc_type, src.field, when, src.fallback))
    return {line: tuple(sources) for line, sources in by_line.items() if sources}


LINE_LABELS = {
    "wages": "wages",
    "taxable_interest": "taxable interest",
    "tax_exempt_interest": "tax-exempt interest",
    "ordinary_dividends": "ordinary dividends",
    "qualified_dividends": "qualified dividends",
    "ira_distributions_taxable": "taxable IRA distributions",
    "pensions_annuities_taxable": "taxable pensions and annuities",
    "unemployment_compensation": "unemployment compensation",
    "social_security_benefits_total": "social security benefits",
    "schedule_c_gross_receipts": "business gross receipts",
    "other_income": "other income",
}
INCOME_LINES = _income_lines()
WITHHOLDING_FAMILIES = tuple(WITHHOLDING_FIELD)


@dataclass
class LineTotal:
    """What the information returns put on one return line, form by form."""

    line: str
    total: Decimal = Decimal(0)
    items: list[tuple[pd.Series, str, Decimal]] = field(default_factory=list)

    def evidence(self, t: CaseTables) -> list[Evidence]:
        return [t.evidence(form, name, value) for form, name, value in self.items]

    def describe(self) -> str:
        parts = [
            f"{form['doc_type']} from {form['payer_name'] or form['payer_tin']} ({value:,.2f})"
            for form, _, value in self.items
        ]
        return "; ".join(parts)


def line_total(t: CaseTables, line: str) -> LineTotal:
    """What the counted information returns put on `line` (worked out once a case)."""
    if ("line_total", line) not in t.memo:
        t.memo["line_total", line] = _line_total(t, line)
    return t.memo["line_total", line]


def _line_total(t: CaseTables, line: str) -> LineTotal:
    out = LineTotal(line)
    for src in INCOME_LINES[line]:
        for form in t.counted_rows(src.family):
            if src.when and not src.when(t, form):
                continue
            name, value = src.field, t.amount(form["form_id"], src.field)
            if value is None and src.fallback and not _not_determined(t, form):
                name, value = src.fallback, t.amount(form["form_id"], src.fallback)
            if value:
                out.total += value
                out.items.append((form, name, value))
    return out


def _not_determined(t: CaseTables, form: pd.Series) -> bool:
    return t.raw_fields(form).get("box2b_taxable_not_determined") is True


def withholding_total(t: CaseTables) -> LineTotal:
    """The federal income tax the counted information returns say was withheld (once a case)."""
    if "withholding_total" not in t.memo:
        t.memo["withholding_total"] = _withholding_total(t)
    return t.memo["withholding_total"]


def _withholding_total(t: CaseTables) -> LineTotal:
    out = LineTotal("federal_income_tax_withheld")
    for form in t.counted_rows(*WITHHOLDING_FAMILIES):
        name = withholding_field(form["family"])
        value = t.amount(form["form_id"], name)
        if value:
            out.total += value
            out.items.append((form, name, value))
    return out
