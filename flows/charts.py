"""The report's charts, drawn by matplotlib as SVG and embedded as data URIs (no network).

The balance of a year is split the way the IRS applies undesignated payments (tax, then
penalties, then interest: Rev. Proc. 2002-26, section 3.01): what is still owed is interest
first, then penalties, and the rest is tax.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from backtax.flows.casefile import Taxpayer, as_date, money

ZERO = Decimal("0")
COLOURS = {"tax": "#35618f", "penalties": "#d08c2e", "interest": "#b8473d"}


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


def _svg(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.skip_layout_draw = True
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@cache
def _figure_class() -> type:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    matplotlib.rcParams["svg.hashsalt"] = "backtax"

    class OnceDrawnFigure(Figure):
        """A figure drawn once by `savefig(bbox_inches="tight")`, not twice. Matplotlib
        lays the figure out in a draw with drawing disabled, then measures its tight box
        (which lays out what it measures itself: ticks, titles, labels) and draws it for
        real; the first draw is skipped when `skip_layout_draw` is set, for the same SVG
        and a third less CPU (a report's charts were most of its drawing time)."""

        skip_layout_draw = False

        def draw(self, renderer: Any) -> None:
            if self.skip_layout_draw:
                self.skip_layout_draw = False
                return
            super().draw(renderer)

    return OnceDrawnFigure


def prepare() -> None:
    """Import matplotlib and draw a chart of nothing (its SVG backend, fonts and date
    axis loaded), so that a batch's first report does not wait for them."""
    figure, axes = _figure()
    axes.step([date(2024, 1, 1), date(2024, 6, 1)], [0.0, 1.0], where="post")
    axes.set_title("0")
    figure.autofmt_xdate()
    _money_axis(axes)
    _svg(figure)


def _figure(width: float = 6.4, height: float = 3.0) -> tuple[Any, Any]:
    figure = _figure_class()(figsize=(width, height))
    return figure, figure.subplots()


def _money_axis(axes: Any) -> None:
    from matplotlib.ticker import FuncFormatter

    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    axes.grid(axis="y", alpha=0.3)
    axes.spines[["top", "right"]].set_visible(False)


def balance_chart(splits: list[BalanceSplit]) -> str | None:
    """Stacked bars: each year's balance as tax, penalties and interest (a data URI)."""
    if not splits:
        return None
    figure, axes = _figure()
    labels = [str(s.tax_year) for s in splits]
    bottom = [0.0] * len(splits)
    for part in ("tax", "penalties", "interest"):
        values = [float(getattr(s, part)) for s in splits]
        axes.bar(labels, values, bottom=bottom, label=part, color=COLOURS[part], width=0.6)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_title("Balance owed by tax year, with accruals")
    axes.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _money_axis(axes)
    return _svg(figure)


def history_chart(history: dict[int, list[tuple[date, Decimal]]]) -> str | None:
    """The account balance over time, a step line per tax year (a data URI)."""
    if not history:
        return None
    figure, axes = _figure()
    for year, points in history.items():
        days = [d for d, _ in points]
        values = [float(v) for _, v in points]
        axes.step(days, values, where="post", marker="o", markersize=3, label=str(year))
    axes.axhline(0, color="#444", linewidth=0.8)
    axes.set_title("Account balance over time (transcript transactions)")
    axes.legend(title="tax year", frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    figure.autofmt_xdate()
    _money_axis(axes)
    return _svg(figure)
