"""Income on information returns (paper and Wage and Income transcript) vs the return."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from backtax.validators import tolerance
from backtax.validators.findings import Finding, money
from backtax.validators.income import INCOME_LINES, LINE_LABELS, LineTotal, line_total
from backtax.validators.registry import finding, rule
from backtax.validators.tables import CaseTables

NOT_TAXABLE = {"tax_exempt_interest"}


def compared_lines(t: CaseTables) -> Iterator[tuple[LineTotal, Decimal, list]]:
    """Each income line with documents on it: the documents' total, the return's figure, evidence.

    Business receipts compare with Schedule C gross receipts; when the return shows only net
    business income, a positive figure may be receipts less expenses and is not compared.
    """
    for line in INCOME_LINES:
        total = line_total(t, line)
        if not total.items:
            continue
        if line == "schedule_c_gross_receipts":
            reported, ev = t.line("schedule_c_gross_receipts")
            if reported is None:
                reported, ev = t.line("business_income")
                if reported and reported > 0:
                    continue
        else:
            reported, ev = t.line(line)
        yield total, reported or Decimal(0), [ev] if ev else []


@rule(
    "UNREPORTED_INCOME",
    "high",
    "income on information returns (documents or Wage and Income transcript) exceeds what the "
    "return reports on the matching line",
)
def unreported_income(t: CaseTables) -> Iterator[Finding]:
    if not t.has_return():
        return
    for total, reported, ret_ev in compared_lines(t):
        gap = total.total - reported
        if gap <= tolerance.rounding(len(total.items)):
            continue
        label = LINE_LABELS[total.line]
        taxable = total.line not in NOT_TAXABLE
        yield finding(
            "UNREPORTED_INCOME",
            t.case.case_id,
            f"Information returns report {label} of {money(total.total)} "
            f"({total.describe()}), but the return reports {money(reported)}: "
            f"{money(gap)} is not included.",
            [*total.evidence(t), *ret_ev],
            amount=gap,
            candidate=taxable,
            severity=None if taxable else "low",
            line=total.line,
        )


@rule(
    "INCOME_EXCEEDS_DOCUMENTS",
    "low",
    "the return reports more on an income line than the information returns in hand support "
    "(a form may be missing: request it, or confirm tips, household wages, other income)",
)
def income_exceeds_documents(t: CaseTables) -> Iterator[Finding]:
    if not t.has_return():
        return
    for total, reported, ret_ev in compared_lines(t):
        gap = reported - total.total
        if total.line == "schedule_c_gross_receipts" or gap <= tolerance.rounding(len(total.items)):
            continue
        yield finding(
            "INCOME_EXCEEDS_DOCUMENTS",
            t.case.case_id,
            f"The return reports {LINE_LABELS[total.line]} of {money(reported)}, "
            f"{money(gap)} more than the information returns in hand ({total.describe()}); "
            "a form may be missing from the file.",
            [*ret_ev, *total.evidence(t)],
            amount=gap,
            line=total.line,
        )
