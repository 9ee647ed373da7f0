"""Underpayment interest: the quarter's rate (IRC 6621(a)(2)), compounded daily (IRC 6622).

Rates come from validators/data/penalties_interest.json, each quarter with its IRS news
release and Revenue Ruling. A quarter after the last one in the data is charged at the last
known rate, and `Rates.carried` says which quarters were.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

ZERO = Decimal(0)


@cache
def data() -> dict[str, Any]:
    data = resources.files("backtax.validators.data")
    text = data.joinpath("penalties_interest.json").read_text()
    return json.loads(text)


def quarter_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


@cache
def _table() -> dict[str, dict[str, Any]]:
    return {row["quarter"]: row for row in data()["interest_rates"]}


@dataclass
class Rates:
    """Looks up each day's rate and remembers the quarters (and their releases) it used."""

    used: dict[str, dict[str, Any]] = field(default_factory=dict)
    carried: set[str] = field(default_factory=set)

    def on(self, day: date) -> Decimal:
        q = quarter_of(day)
        table = _table()
        row = table.get(q)
        if row is None:
            known = [k for k in table if k <= q]
            if not known:
                raise ValueError(f"no interest rate for {q} (the data start in 2018)")
            row = table[max(known)]
            self.carried.add(q)
        self.used.setdefault(q, row)
        return Decimal(row["rate"])

    def cite(self) -> list[dict[str, Any]]:
        out = []
        for q, row in sorted(self.used.items()):
            item = {"quarter": q, "rate": row["rate"], "release": row["release"],
                    "ruling": row["ruling"]}  # fmt: skip
            if q in self.carried:
                item["note"] = f"no rate announced in the data for {q}: {row['quarter']} carried"
            elif row.get("unverified"):
                item["note"] = f"unverified ({row['checked']})"
            out.append(item)
        return out


def daily_rate(rates: Rates, day: date) -> Decimal:
    """The day's rate: the annual rate over the days of its year (366 in a leap year)."""
    return rates.on(day) / (366 if calendar.isleap(day.year) else 365)


def accrue(events: Iterable[tuple[date, Decimal]], start: date, end: date, rates: Rates) -> Decimal:
    """Interest from `start` to `end` on a balance moved by `events`, compounded daily.

    Events on or before `start` form the opening balance; each later day first earns interest
    on the balance of the day before, then takes that day's events. No interest on a credit.
    """
    by_day: dict[date, Decimal] = {}
    for when, amount in events:
        key = max(when, start)
        by_day[key] = by_day.get(key, ZERO) + amount
    balance = by_day.pop(start, ZERO)
    interest = ZERO
    day = start
    while day < end:
        day += timedelta(days=1)
        if balance + interest > 0:
            interest += (balance + interest) * daily_rate(rates, day)
        balance += by_day.get(day, ZERO)
    return interest
