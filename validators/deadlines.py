"""Deadlines to the day: each year's due dates and IRC 7503's weekends and legal holidays.

IRC 7503: an act whose last day falls on a Saturday, Sunday or legal holiday is timely on the
next day that is none of them; "legal holiday" includes the legal holidays of the District of
Columbia, so DC Emancipation Day (April 16, observed on the Friday before or the Monday
after a weekend) moves April deadlines. 7503 moves the day to act, not the day a return or a
payment is deemed made (Rev. Rul. 2003-41).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

from dateutil.relativedelta import MO, TH, relativedelta

SOURCE_7503 = (
    "IRC 7503 (weekends and legal holidays, District of Columbia holidays included: "
    "5 U.S.C. 6103, D.C. Code 1-612.02 Emancipation Day)"
)


def _observed(day: date) -> date:
    """A fixed-date holiday on a weekend is observed on the Friday before or the Monday after."""
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


@cache
def legal_holidays(year: int) -> frozenset[date]:
    """Federal legal holidays (5 U.S.C. 6103) and DC Emancipation Day, as observed."""
    jan1, may31, sep1 = date(year, 1, 1), date(year, 5, 31), date(year, 9, 1)
    fixed = [jan1, date(year, 7, 4), date(year, 11, 11), date(year, 12, 25), date(year, 4, 16)]
    if year >= 2021:
        fixed.append(date(year, 6, 19))  # Juneteenth, Pub. L. 117-17
    floating = [
        jan1 + relativedelta(weekday=MO(3)),  # Martin Luther King Jr. Day
        date(year, 2, 1) + relativedelta(weekday=MO(3)),  # Washington's Birthday
        may31 + relativedelta(weekday=MO(-1)),  # Memorial Day
        sep1 + relativedelta(weekday=MO(1)),  # Labor Day
        date(year, 10, 1) + relativedelta(weekday=MO(2)),  # Columbus Day
        date(year, 11, 1) + relativedelta(weekday=TH(4)),  # Thanksgiving
    ]
    days = {_observed(d) for d in fixed} | set(floating)
    if _observed(date(year + 1, 1, 1)).year == year:  # Jan 1 on a Saturday: Dec 31 off
        days.add(_observed(date(year + 1, 1, 1)))
    return frozenset(days)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in legal_holidays(day.year)


def next_business_day(day: date) -> date:
    """IRC 7503: the day itself, or the next day that is not a weekend or legal holiday."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


@cache
def _data() -> dict:
    data = resources.files("backtax.validators.data")
    return json.loads(data.joinpath("due_dates.json").read_text())


def source(name: str) -> str:
    return _data()["_sources"][name]


@dataclass(frozen=True)
class YearDates:
    """The dates a year's return and payments turn on."""

    tax_year: int
    statutory: date
    """The last day prescribed by IRC 6072(a): when early returns and withholding count (6513)."""
    postponed_to: date | None = None
    """A nationwide IRC 7508A postponement of filing and payment."""

    @property
    def deemed(self) -> date:
        """When an early return counts as filed: the prescribed day, as postponed."""
        return self.postponed_to or self.statutory

    @property
    def due(self) -> date:
        """The last day to file and pay on time (IRC 7503 applied)."""
        return next_business_day(self.deemed)

    @property
    def postponement_days(self) -> int:
        return (self.postponed_to - self.statutory).days if self.postponed_to else 0

    def extended_due(self) -> date:
        """With an extension (TC 460): six months after the prescribed day, IRC 7503 applied."""
        return next_business_day(self.statutory + relativedelta(months=6))

    def cite(self) -> str:
        parts = [source("statutory")]
        if str(self.tax_year) in _data()["_sources"]:
            parts.append(source(str(self.tax_year)))
        if self.due != self.deemed:
            parts.append(SOURCE_7503)
        return "; ".join(parts)


def year_dates(tax_year: int) -> YearDates:
    """The year's dates from validators/data/due_dates.json (April 15 of the next year if not)."""
    row = _data()["years"].get(str(tax_year))
    if row is None:
        return YearDates(tax_year, date(tax_year + 1, 4, 15))
    postponed = row.get("postponed_to")
    return YearDates(
        tax_year,
        date.fromisoformat(row["statutory"]),
        date.fromisoformat(postponed) if postponed else None,
    )
