"""The report's charts, written as SVG by hand and embedded as data URIs (no network).

Bars and step lines on a linear money axis need no plotting library: matplotlib took
about 0.2 s of CPU a chart, most of a case report's drawing.

The balance of a year is split the way the IRS applies undesignated payments (tax, then
penalties, then interest: Rev. Proc. 2002-26, section 3.01): what is still owed is interest
first, then penalties, and the rest is tax.
"""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from backtax.flows.casefile import Taxpayer, as_date, money

ZERO = Decimal("0")
COLOURS = {"tax": "#35618f", "penalties": "#d08c2e", "interest": "#b8473d"}
LINES = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#17becf")
"""A step line's colour per tax year, in turn (none of them a balance bar's)."""
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 72, 520, 34, 250
"""The plot area inside the picture (pixels); the legend goes right of it."""


@dataclass
class BalanceSplit:
    """What one year's balance (with accruals) is made of."""

    tax_year: int
    tax: Decimal
    penalties: Decimal
    interest: Decimal

    @property
    def total(self) -> Decimal:
        return self.tax + self.penalties + self.interest


def balance_split(year: dict[str, Any]) -> BalanceSplit | None:
    """The year's unpaid balance with accruals as tax, penalties and interest; None if none."""
    owed = money(year.get("balance_plus_accruals"))
    if owed is None:
        owed = money(year.get("account_balance"))
    if owed is None or owed <= 0 or not isinstance(year.get("tax_year"), int):
        return None
    interest_total = (money(year.get("interest")) or ZERO) + (
        money(year.get("accrued_interest")) or ZERO
    )
    penalty_total = (money(year.get("penalties")) or ZERO) + (
        money(year.get("accrued_penalty")) or ZERO
    )
    interest = min(owed, max(interest_total, ZERO))
    penalties = min(owed - interest, max(penalty_total, ZERO))
    return BalanceSplit(year["tax_year"], owed - interest - penalties, penalties, interest)


def balance_history(person: Taxpayer) -> dict[int, list[tuple[date, Decimal]]]:
    """Per tax year, the running account balance after each dated transcript transaction."""
    out: dict[int, list[tuple[date, Decimal]]] = {}
    for doc in person.documents:
        moves = [
            (as_date(t.get("date")), money(t.get("amount")))
            for t in doc.get("transactions") or []
            if isinstance(t, dict)
        ]
        dated = sorted((d, a) for d, a in moves if d is not None and a is not None)
        year = doc.get("tax_year")
        if not dated or not isinstance(year, int) or year in out:
            continue
        running, points = ZERO, []
        for day, amount in dated:
            running += amount
            points.append((day, running))
        out[year] = points
    return dict(sorted(out.items()))


@dataclass(frozen=True)
class MoneyAxis:
    """A vertical money scale over the plot area, from `low` to `high` (zero within)."""

    low: float
    high: float

    @classmethod
    def over(cls, values: Sequence[float]) -> MoneyAxis:
        low, high = min(0.0, *values), max(0.0, *values)
        if high == low:
            high = low + 1.0
        step = tick_step(high - low)
        return cls(math.floor(low / step) * step, math.ceil(high / step) * step)

    def y(self, value: float) -> float:
        return BOTTOM - (value - self.low) / (self.high - self.low) * (BOTTOM - TOP)

    def ticks(self) -> list[float]:
        step = tick_step(self.high - self.low)
        count = round((self.high - self.low) / step)
        return [self.low + i * step for i in range(count + 1)]


def tick_step(span: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving four to ten ticks over `span`."""
    power = 10 ** math.floor(math.log10(span / 4))
    return next(power * m for m in (1, 2, 5, 10) if span / (power * m) <= 10)


def _text(x: float, y: float, words: str, anchor: str = "start", size: int = 11) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}">'
        f"{html.escape(words)}</text>"
    )


def _picture(title: str, axis: MoneyAxis, parts: list[str], legend: list[tuple[str, str]]) -> str:
    """The SVG around the plot's `parts`: title, money grid and labels, legend; a data URI."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        _text((LEFT + RIGHT) / 2, 20, title, "middle", 13),
    ]
    for tick in axis.ticks():
        y = axis.y(tick)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{RIGHT}" y2="{y:.1f}" stroke="#d9d9d9"/>')
        out.append(_text(LEFT - 6, y + 4, f"{tick:,.0f}", "end"))
    out.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{BOTTOM}" stroke="#444444"/>')
    out += parts
    for i, (label, colour) in enumerate(legend):
        y = TOP + 8 + 18 * i
        out.append(f'<rect x="{RIGHT + 16}" y="{y - 9}" width="14" height="10" fill="{colour}"/>')
        out.append(_text(RIGHT + 36, y, label))
    out.append("</svg>")
    return "data:image/svg+xml;base64," + base64.b64encode("".join(out).encode()).decode()


def balance_chart(splits: list[BalanceSplit]) -> str | None:
    """Stacked bars: each year's balance as tax (at the bottom), penalties and interest, the
    order the IRS applies a payment in (a data URI)."""
    if not splits:
        return None
    axis = MoneyAxis.over([float(s.total) for s in splits])
    band = (RIGHT - LEFT) / len(splits)
    parts = []
    for i, split in enumerate(splits):
        x, width, bottom = LEFT + band * (i + 0.2), band * 0.6, 0.0
        for part in ("tax", "penalties", "interest"):
            value = float(getattr(split, part))
            top, low = axis.y(bottom + value), axis.y(bottom)
            parts.append(
                f'<rect class="{part}" x="{x:.1f}" y="{top:.2f}" width="{width:.1f}" '
                f'height="{low - top:.2f}" fill="{COLOURS[part]}"/>'
            )
            bottom += value
        parts.append(_text(x + width / 2, BOTTOM + 16, str(split.tax_year), "middle"))
    zero = axis.y(0.0)
    parts.append(
        f'<line x1="{LEFT}" y1="{zero:.1f}" x2="{RIGHT}" y2="{zero:.1f}" stroke="#444444"/>'
    )
    legend = [(part, COLOURS[part]) for part in ("tax", "penalties", "interest")]
    return _picture("Balance owed by tax year, with accruals", axis, parts, legend)


def history_chart(history: dict[int, list[tuple[date, Decimal]]]) -> str | None:
    """The account balance over time, a step line per tax year (a data URI)."""
    if not history:
        return None
    axis = MoneyAxis.over([float(v) for points in history.values() for _, v in points])
    first = min(d for points in history.values() for d, _ in points).toordinal()
    last = max(d for points in history.values() for d, _ in points).toordinal()
    span = max(1, last - first)

    def x(day: date) -> float:
        return LEFT + 10 + (day.toordinal() - first) / span * (RIGHT - LEFT - 20)

    parts = []
    legend = []
    for i, (year, points) in enumerate(history.items()):
        colour = LINES[i % len(LINES)]
        legend.append((str(year), colour))
        path = [f"M{x(points[0][0]):.1f},{axis.y(float(points[0][1])):.2f}"]
        for day, value in points[1:]:
            path.append(f"H{x(day):.1f}V{axis.y(float(value)):.2f}")
        parts.append(
            f'<path class="balance-{year}" d="{"".join(path)}" fill="none" stroke="{colour}" '
            'stroke-width="1.5"/>'
        )
        parts += [
            f'<circle cx="{x(day):.1f}" cy="{axis.y(float(value)):.2f}" r="3" fill="{colour}"/>'
            for day, value in points
        ]
    zero = axis.y(0.0)
    parts.append(
        f'<line x1="{LEFT}" y1="{zero:.1f}" x2="{RIGHT}" y2="{zero:.1f}" stroke="#444444"/>'
    )
    for day in sorted({date.fromordinal(first + round(span * k / 4)) for k in range(5)}):
        parts.append(_text(x(day), BOTTOM + 16, day.isoformat(), "middle", 10))
    legend_title = [_text(RIGHT + 16, TOP - 8, "tax year")]
    return _picture(
        "Account balance over time (transcript transactions)", axis, legend_title + parts, legend
    )
