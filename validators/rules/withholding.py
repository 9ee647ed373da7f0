"""Federal withholding and payments: information returns and account transcript vs the return."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from backtax.validators import taxtables, tolerance
from backtax.validators.findings import Finding, money
from backtax.validators.income import withholding_total
from backtax.validators.registry import finding, rule
from backtax.validators.tables import CaseTables


def additional_medicare_withheld(t: CaseTables) -> Decimal:
    """Additional Medicare Tax withheld on W-2s (0.9% over $200,000), credited on line 25c."""
    threshold = taxtables.constant("additional_medicare_withholding_threshold")
    rate = taxtables.constant("additional_medicare_rate")
    total = Decimal(0)
    for _, form in t.counted("W-2").iterrows():
        box5 = t.amount(form["form_id"], "box5_medicare_wages") or Decimal(0)
        total += max(Decimal(0), box5 - threshold) * rate
    return total.quantize(Decimal("0.01"))


@rule(
    "WITHHOLDING_NOT_CLAIMED",
    "high",
    "federal withholding on the information returns exceeds what the return claims",
)
def withholding_not_claimed(t: CaseTables) -> Iterator[Finding]:
    claimed, ev = t.line("federal_income_tax_withheld")
    held = withholding_total(t)
    if not t.has_return() or not held.items:
        return
    claimed = claimed or Decimal(0)
    gap = held.total - claimed
    if gap > tolerance.rounding(len(held.items)):
        yield finding(
            "WITHHOLDING_NOT_CLAIMED",
            t.case.case_id,
            f"Federal income tax withheld on the information returns totals {money(held.total)} "
            f"({held.describe()}), but the return claims {money(claimed)}: "
            f"{money(gap)} of withholding was not claimed.",
            [*held.evidence(t), *([ev] if ev else [])],
            amount=gap,
            candidate=True,
        )


@rule(
    "WITHHOLDING_OVERCLAIMED",
    "medium",
    "the return claims more federal withholding than the information returns show "
    "(expect the IRS to reduce the credit, TC 807, and a balance due)",
)
def withholding_overclaimed(t: CaseTables) -> Iterator[Finding]:
    claimed, ev = t.line("federal_income_tax_withheld")
    held = withholding_total(t)
    if claimed is None or ev is None or not held.items:
        return
    allowed = held.total + additional_medicare_withheld(t)
    gap = claimed - allowed
    if gap > tolerance.rounding(len(held.items)):
        yield finding(
            "WITHHOLDING_OVERCLAIMED",
            t.case.case_id,
            f"The return claims {money(claimed)} of federal income tax withheld, but the "
            f"information returns show {money(allowed)} ({held.describe()}): "
            f"{money(gap)} is not supported.",
            [ev, *held.evidence(t)],
            amount=gap,
        )


@rule(
    "WITHHOLDING_CREDIT_ADJUSTED",
    "medium",
    "the withholding credit posted on the account (TC 806 less TC 807) differs from the "
    "withholding the return claims",
)
def withholding_credit_adjusted(t: CaseTables) -> Iterator[Finding]:
    claimed, ev = t.line("federal_income_tax_withheld")
    tx = t.transactions[t.transactions["code"].isin(["806", "807"])]
    if claimed is None or ev is None or tx.empty:
        return
    posted = -sum(tx["amount"], Decimal(0))
    gap = posted - claimed
    if abs(gap) > tolerance.rounding(len(tx)):
        yield finding(
            "WITHHOLDING_CREDIT_ADJUSTED",
            t.case.case_id,
            f"The account shows a withholding credit of {money(posted)} (TC 806/807), while the "
            f"return claims {money(claimed)}: the IRS {'reduced' if gap < 0 else 'increased'} "
            f"the credit by {money(abs(gap))}; look for the notice that explains it.",
            [ev, *(t.tx_evidence(row) for _, row in tx.iterrows())],
            amount=gap,
        )


@rule(
    "ESTIMATED_PAYMENTS_MISMATCH",
    "medium",
    "estimated tax payments and credits on the account (TC 660, 710, 716) differ from the "
    "estimated payments the return claims",
)
def estimated_payments_mismatch(t: CaseTables) -> Iterator[Finding]:
    claimed, ev = t.line("estimated_tax_payments")
    codes = [
        c for c in t.transactions["code"].unique() if taxtables.transaction_code(c).get("estimated")
    ]
    tx = t.transactions[t.transactions["code"].isin(codes)]
    if ev is None or t.account() is None:
        return
    claimed = claimed or Decimal(0)
    posted = -sum(tx["amount"], Decimal(0))
    gap = posted - claimed
    if abs(gap) > tolerance.DOLLAR:
        yield finding(
            "ESTIMATED_PAYMENTS_MISMATCH",
            t.case.case_id,
            f"The return claims estimated tax payments of {money(claimed)}, but the account "
            f"shows {money(posted)} of estimated payments and credits applied "
            f"({'missed' if gap > 0 else 'overstated'} by {money(abs(gap))}).",
            [ev, *(t.tx_evidence(row) for _, row in tx.iterrows())],
            amount=gap,
            candidate=gap > 0,
        )
