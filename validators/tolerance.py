"""How far two figures may differ before a rule calls it a discrepancy (docs/rules.md says why)."""

from __future__ import annotations

from decimal import Decimal

DOLLAR = Decimal("1.00")
HALF = Decimal("0.50")


def rounding(items: int) -> Decimal:
    """Returns and transcripts may round every entry to the dollar: 50 cents an entry, $1 floor."""
    return max(DOLLAR, HALF * items)


def payroll(expected: Decimal) -> Decimal:
    """Payroll taxes are rounded per pay period: the larger of $5 and 0.25% of the expected tax."""
    return max(Decimal("5.00"), (abs(expected) * Decimal("0.0025")).quantize(Decimal("0.01")))
