"""The case report's charts: the drawn geometry says what the figures say."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

from backtax.flows.charts import BalanceSplit, balance_chart, history_chart

SVG = "{http://www.w3.org/2000/svg}"


def drawing(uri: str | None) -> ET.Element:
    assert uri and uri.startswith("data:image/svg+xml;base64,")
    return ET.fromstring(base64.b64decode(uri.split(",", 1)[1]))


def box(rect: ET.Element) -> dict[str, float]:
    return {k: float(rect.get(k, "nan")) for k in ("x", "y", "width", "height")}


def test_balance_bars_stack_tax_penalties_interest_to_scale() -> None:
    """2021: 600 tax, 300 penalties, 100 interest; 2022: 1,000 tax alone (figures chosen
    here). Each bar's parts in the order the IRS applies a payment (tax at the bottom),
    each part's height in proportion to its amount."""
    splits = [
        BalanceSplit(2021, Decimal("600"), Decimal("300"), Decimal("100")),
        BalanceSplit(2022, Decimal("1000"), Decimal("0"), Decimal("0")),
    ]
    rects = [r for r in drawing(balance_chart(splits)).iter(f"{SVG}rect") if r.get("class")]
    bars = [rects[:3], rects[3:]]
    tax, penalties, interest = (box(r) for r in bars[0])
    assert [r.get("class") for r in bars[0]] == ["tax", "penalties", "interest"]
    assert penalties["height"] / tax["height"] == 0.5
    assert abs(interest["height"] / tax["height"] - 1 / 6) < 1e-3
    assert abs(penalties["y"] + penalties["height"] - tax["y"]) < 0.01  # on top of the tax
    assert abs(interest["y"] + interest["height"] - penalties["y"]) < 0.01
    other_tax = box(bars[1][0])
    assert abs(other_tax["height"] / tax["height"] - 1000 / 600) < 1e-3
    # both bars stand on the same line
    assert abs(other_tax["y"] + other_tax["height"] - (tax["y"] + tax["height"])) < 0.01


def test_history_points_at_their_dates_and_running_balances() -> None:
    """Running balances 1,000, 600, 650 (+1,000, -400, +50) on 15 April, 1 June and
    1 August 2023: the points' heights and places keep those proportions (47 and 61 days
    apart)."""
    points = [
        (date(2023, 4, 15), Decimal("1000")),
        (date(2023, 6, 1), Decimal("600")),
        (date(2023, 8, 1), Decimal("650")),
    ]
    dots = list(drawing(history_chart({2023: points})).iter(f"{SVG}circle"))
    xs = [float(d.get("cx", 0)) for d in dots]
    ys = [float(d.get("cy", 0)) for d in dots]
    assert abs((xs[1] - xs[0]) / (xs[2] - xs[1]) - 47 / 61) < 1e-2
    assert abs((ys[1] - ys[0]) / (ys[2] - ys[0]) - 400 / 350) < 1e-2
    assert ys[0] < ys[2] < ys[1]  # 1,000 highest, 600 lowest (SVG's y grows downwards)


def test_no_chart_without_figures() -> None:
    assert balance_chart([]) is None and history_chart({}) is None
