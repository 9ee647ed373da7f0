"""The penalty and interest engine against hand computations (IRC 6651, 6601, 6621, 6622).

Rates used (validators/data/penalties_interest.json, each with its IRS release): 3% in
2020Q3; 8% through 2024 (a leap year: 366 days); 7% in 2025 (365 days). Interest compounds
daily: a balance B unpaid for n days at rate r grows by B * ((1 + r/days_in_year)**n - 1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from transcript_builders import account, notice, tax_return, tx

from backtax.validators import penalties
from backtax.validators.api import check_records

AS_OF = date(2026, 12, 1)


def _t(year: int, rows, received: str, *extra, **fields):
    records = [account(year, rows, **fields), tax_return(year, received_date=received), *extra]
    return next(t for t in check_records(records, AS_OF).tables if t.case.tax_year == year)


def _near(value: Decimal, expected: float, tolerance: float = 0.01) -> bool:
    return abs(float(value) - expected) <= tolerance


# 2023 return filed on time, 1,000 of the 6,000 tax unpaid from 2024-04-15.
OWED_2023 = [tx("150", "2024-05-06", "6000.00"), tx("806", "2024-04-15", "-5000.00")]


def test_interest_compounds_daily_by_quarter_rate():
    t = _t(2023, OWED_2023, "2024-04-10")
    got = penalties.compute(t, date(2025, 1, 31))
    # 2024-04-15 to 2024-12-31: 260 days at 8%/366; then 31 days of January 2025 at 7%/365.
    expected = 1000 * ((1 + 0.08 / 366) ** 260 * (1 + 0.07 / 365) ** 31 - 1)
    assert _near(got.interest, expected)
    assert [r["quarter"] for r in got.rates.cite()] == ["2024Q2", "2024Q3", "2024Q4", "2025Q1"]


def test_failure_to_pay_half_a_percent_a_month_or_part():
    # Months beginning Apr 15, May 15, ..., Jan 15: 10 months of 0.5% of 1,000 = 50.00.
    t = _t(2023, OWED_2023, "2024-04-10")
    got = penalties.compute(t, date(2025, 1, 31))
    assert (got.failure_to_pay, got.ftp_months) == (Decimal("50.00"), 10)


def test_installment_agreement_quarters_the_rate_on_a_timely_return():
    # Agreement (TC 971 AC 063) 2024-07-01: Apr/May/Jun 15 months at 5.00, then the seven
    # months beginning Jul 15 ... Jan 15 at 2.50: 15.00 + 17.50 = 32.50 (IRC 6651(h)).
    rows = [*OWED_2023, tx("971", "2024-07-01", detail="AC 063 installment agreement established")]
    got = penalties.compute(_t(2023, rows, "2024-04-10"), date(2025, 1, 31))
    assert got.failure_to_pay == Decimal("32.50")


def test_notice_of_intent_to_levy_raises_the_rate_to_one_percent():
    # CP504 dated 2024-09-02: months beginning after 2024-09-12 (Sep 15 ... Jan 15, five) at
    # 10.00; the five before (Apr 15 ... Aug 15) at 5.00: 50.00 + 25.00 = 75.00 (IRC 6651(d)).
    levy = notice(2023, "CP504", notice_date="2024-09-02", amount_due="1100.00")
    got = penalties.compute(_t(2023, OWED_2023, "2024-04-10", levy), date(2025, 1, 31))
    assert got.failure_to_pay == Decimal("75.00")


LATE_2022 = [
    tx("150", "2023-08-21", "4480.00"),
    tx("806", "2023-04-18", "-4000.00"),
    tx("166", "2023-08-21", "180.00"),
    tx("276", "2023-08-21", "40.00"),
    tx("196", "2023-08-21", "60.00"),
    tx("670", "2024-01-15", "-500.00"),
    tx("290", "2024-06-10", "1200.00"),
]


def test_late_return_penalties_with_a_later_assessment_and_the_minimum():
    got = penalties.compute(_t(2022, LATE_2022, "2023-08-01"), date(2025, 2, 24))
    # FTP on the 480 shown and unpaid: nine months (Apr 15 ... Dec 15, 2023) at 2.40 before the
    # 500 paid 2024-01-15 = 21.60; on the 1,200 assessed 2024-06-10 from 21 days later
    # (2024-07-01), of which 1,180 is unpaid: eight months (Jul 1 ... Feb 1) at 5.90 = 47.20.
    assert got.failure_to_pay == Decimal("68.80")
    # FTF: 4 months or part (Apr 15 to Aug 1, 2023) at 5% of 1,680 net (4,480 + 1,200 - 4,000)
    # less the month's FTP 2.40: 4 x 81.60 = 326.40; over 60 days late, so at least the
    # lesser of $450 (returns due in 2023) and the tax: 450.00.
    assert got.failure_to_file == Decimal("450.00")


def test_reconcile_flags_the_assessed_penalty_below_the_minimum_and_stale_accruals():
    t = _t(2022, LATE_2022, "2023-08-01", accrued_interest="85.40", accrued_penalty="35.10",
           accruals_as_of="2025-02-24")  # fmt: skip
    notes = penalties.reconcile(t, AS_OF)["notes"]
    assert any("below the" in n and "180.00" in n for n in notes)
    assert any("stop on 2025-02-24" in n for n in notes)


def test_interest_that_implies_39_percent_a_year_is_challenged():
    # 1,000 owed since the last interest assessment on 2025-01-02; 290.00 accrued to
    # 2025-10-01 (272 days) is 290 / 1000 * 365 / 272 = 38.9% a year; the law gives 7%.
    rows = [tx("150", "2024-05-06", "6000.00"), tx("806", "2024-04-15", "-5000.00"),
            tx("196", "2025-01-02", "0.00")]  # fmt: skip
    t = _t(2023, rows, "2024-04-10", accrued_interest="290.00", accruals_as_of="2025-10-01")
    out = penalties.reconcile(t, AS_OF)
    assert out["implied_interest_rate"] == "0.3892"
    assert any("implies 38.9% a year" in n for n in out["notes"])


def test_postponed_2019_year_runs_from_july_15_2020():
    rows = [tx("150", "2020-08-03", "3000.00"), tx("806", "2020-04-15", "-2000.00")]
    got = penalties.compute(_t(2019, rows, "2020-07-10"), date(2020, 9, 30))
    # Notice 2020-23: nothing accrues before 2020-07-15; 77 days at 3% (2020: 366 days).
    assert _near(got.interest, 1000 * ((1 + 0.03 / 366) ** 77 - 1))
    assert got.failure_to_pay == Decimal("15.00")  # months beginning Jul 15, Aug 15, Sep 15


def test_projection_adds_unassessed_accruals_to_the_assessed_balance():
    t = _t(2023, OWED_2023, "2024-04-10")
    at = penalties.project(t, date(2025, 1, 31))
    expected = 1000 * ((1 + 0.08 / 366) ** 260 * (1 + 0.07 / 365) ** 31 - 1)
    assert at.assessed_balance == Decimal("1000.00")
    assert _near(at.accrued_interest, expected) and at.accrued_penalty == Decimal("50.00")
    later = penalties.project(t, date(2025, 3, 2))
    assert later.total > at.total
