"""Statutes to the day: refund deadlines with deemed filing and payment, IRC 7503, look-back,
ASED, and CSEDs with overlapping suspensions. Every expected date is worked by hand below from
the rule it cites (calendar facts: 2028-04-15 is a Saturday and DC Emancipation Day, April 16,
a Sunday, is observed Monday 2028-04-17; 2023-07-15 is a Saturday; 2022-04-15 is a Friday and
the observed Emancipation Day; 2025-04-15 and 2026-04-15 are a Tuesday and a Wednesday)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd
from transcript_builders import account, tax_return, tx

from backtax.validators import statutes
from backtax.validators.api import check_records
from backtax.validators.deadlines import next_business_day, year_dates

AS_OF = date(2026, 12, 1)


def _tables(year: int, rows, received: str | None = None, returned: bool = True, **fields):
    records = [account(year, rows, **fields)]
    if returned:
        records.append(tax_return(year, **({"received_date": received} if received else {})))
    return next(t for t in check_records(records, AS_OF).tables if t.case.tax_year == year)


def _refund(year: int, rows, received: str | None = None, **fields) -> statutes.RefundStatute:
    return statutes.refund_statute(_tables(year, rows, received, **fields))


FILED_2024 = [tx("150", "2025-02-24", "4200.00"), tx("806", "2025-04-15", "-5000.00"),
              tx("846", "2025-03-10", "800.00")]  # fmt: skip


def test_early_2024_return_deemed_filed_april_15_and_7503_moves_the_claim_to_april_18():
    # 6513(a): filed 2025-02-10 counts as filed 2025-04-15; +3 years = Sat 2028-04-15; Mon the
    # 17th is the observed Emancipation Day (7503) -> Tue 2028-04-18.
    rs = _refund(2024, FILED_2024, received="2025-02-10")
    assert rs.filed == date(2025, 4, 15)
    assert rs.deadline == date(2028, 4, 18)


def test_claim_timely_only_by_7503_still_reaches_withholding_deemed_paid_three_years_before():
    # Rev. Rul. 66-118: the look-back runs from 2028-04-15, so the 5,000 of withholding deemed
    # paid 2025-04-15 (6513(b)) is within it.
    rs = _refund(2024, FILED_2024, received="2025-02-10")
    amount, _ = rs.recoverable(date(2028, 4, 18))
    assert amount == Decimal("5000.00")
    assert rs.recoverable(date(2028, 4, 19))[0] == Decimal(0)  # a day late: nothing


def test_2021_and_2022_early_returns_count_from_april_15_not_the_april_18_due_date():
    rows = [tx("150", "2022-03-14", "3000.00"), tx("806", "2022-04-15", "-3000.00")]
    # Due 2022-04-18 (Fri 15th Emancipation Day observed), but an early return is deemed filed
    # on the prescribed 2022-04-15 (Rev. Rul. 2003-41 Situation 1): deadline Tue 2025-04-15.
    assert year_dates(2021).due == date(2022, 4, 18)
    assert _refund(2021, rows, received="2022-03-01").deadline == date(2025, 4, 15)
    rows22 = [tx("150", "2023-03-13", "3000.00"), tx("806", "2023-04-15", "-3000.00")]
    assert year_dates(2022).due == date(2023, 4, 18)
    assert _refund(2022, rows22, received="2023-02-20").deadline == date(2026, 4, 15)


def test_a_2021_return_filed_on_the_7503_day_counts_from_that_day():
    # Rev. Rul. 2003-41 Situation 3: filed Mon 2022-04-18, timely by 7503, counts from 04-18.
    rows = [tx("150", "2022-05-02", "3000.00"), tx("806", "2022-04-15", "-3000.00")]
    assert _refund(2021, rows, received="2022-04-18").deadline == date(2025, 4, 18)


def test_postponed_2019_return_filed_july_15_2020_has_until_monday_july_17_2023():
    # Notice 2020-23: due 2020-07-15; +3 years = Sat 2023-07-15 -> Mon 2023-07-17 (IRS's date).
    rows = [tx("150", "2020-08-03", "2500.00"), tx("806", "2020-04-15", "-2900.00")]
    assert _refund(2019, rows, received="2020-07-15").deadline == date(2023, 7, 17)
    assert _refund(2019, rows, received="2020-03-02").deadline == date(2023, 7, 17)


def test_three_year_look_back_of_a_late_return_misses_withholding():
    # 2021 return received 2023-06-01 with 800 paid then; claim 2026-05-01 is within 3 years of
    # filing, so 6511(b)(2)(A) looks back 3 years to 2023-05-01: withholding deemed paid
    # 2022-04-15 is outside, only the 800 counts.
    rows = [tx("150", "2023-06-12", "3800.00"), tx("806", "2022-04-15", "-3000.00"),
            tx("670", "2023-06-01", "-800.00")]  # fmt: skip
    rs = _refund(2021, rows, received="2023-06-01")
    assert rs.deadline == date(2026, 6, 1)
    assert rs.recoverable(date(2026, 5, 1))[0] == Decimal("800.00")


def test_two_year_look_back_after_the_three_year_period():
    # Filed 2022-04-18 (deadline 2025-04-18); a 600 payment 2024-09-03 opens the 2-year period
    # to Thu 2026-09-03; a claim on 2026-01-15 recovers only what was paid from 2024-01-15.
    rows = [tx("150", "2022-05-02", "3600.00"), tx("806", "2022-04-15", "-3000.00"),
            tx("670", "2024-09-03", "-600.00")]  # fmt: skip
    rs = _refund(2021, rows, received="2022-04-18")
    assert (rs.three_year, rs.deadline) == (date(2025, 4, 18), date(2026, 9, 3))
    amount, why = rs.recoverable(date(2026, 1, 15))
    assert amount == Decimal("600.00") and "6511(b)(2)(B)" in why


def test_unfiled_year_refund_deadline_is_three_years_from_the_deemed_payment():
    # No 2022 return: withholding deemed paid 2023-04-15 (6513(b)) is recoverable by a return
    # filed within 3 years: 2026-04-15, a Wednesday.
    t = _tables(2022, [], returned=False)
    assert statutes.refund_statute(t).deadline == date(2026, 4, 15)
    # 2019 unfiled: 2020-04-15 + 3 years + the 91 postponed days (Notice 2023-21) = Sat
    # 2023-07-15 -> 2023-07-17.
    t19 = _tables(2019, [], returned=False)
    assert statutes.refund_statute(t19).deadline == date(2023, 7, 17)


def test_assessment_statute_three_years_from_filing_and_open_without_a_return():
    t = _tables(2024, FILED_2024, received="2025-02-10")
    assert statutes.assessment_statute(t).ased == date(2028, 4, 15)  # 6501(b)(1): from 04-15
    assert statutes.assessment_statute(t, Decimal("0.30")).ased == date(2031, 4, 15)  # 6501(e)
    assert statutes.assessment_statute(_tables(2022, [], returned=False)).ased is None


def _csed(rows) -> list[statutes.Assessment]:
    frame = pd.DataFrame(
        [{"detail": "", "explanation": ""} | r | {"amount": Decimal(r["amount"])} for r in rows]
    )
    return statutes.assessments(frame, AS_OF)


def test_offer_inside_a_bankruptcy_counts_once_and_bankruptcy_adds_six_months():
    # Stay 2021-01-04 to 2021-07-06, +6 months (6503(h)) = 2022-01-06: 367 days. The offer
    # (2021-03-01 to 30 days after rejection 2021-05-03 = 2021-06-02) lies inside: 0 more.
    # CSED 2030-06-01 + 367 days = 2031-06-03.
    (a,) = _csed([
        tx("150", "2020-06-01", "8000.00"),
        tx("520", "2021-01-04", explanation="Bankruptcy petition filed", detail="cc 61"),
        tx("480", "2021-03-01"), tx("481", "2021-05-03"), tx("521", "2021-07-06"),
    ])  # fmt: skip
    assert a.suspended_days == 367
    assert a.csed == date(2031, 6, 3)


def test_collection_due_process_hearing_has_no_six_month_tail():
    # cc 76: hearing 2022-02-01 to 2022-05-02 = 90 days; CSED 2030-06-01 + 90 = 2030-08-30.
    (a,) = _csed([tx("150", "2020-06-01", "8000.00"),
                  tx("520", "2022-02-01", detail="cc 76"), tx("521", "2022-05-02")])  # fmt: skip
    assert (a.suspended_days, a.csed) == (90, date(2030, 8, 30))


def test_tc_520_of_unknown_kind_says_so():
    (a,) = _csed([tx("150", "2020-06-01", "8000.00"),
                  tx("520", "2022-02-01", explanation="Bankruptcy or other legal action filed"),
                  tx("521", "2022-05-02")])  # fmt: skip
    assert a.csed == date(2030, 8, 30)
    assert any("does not say whether" in n for n in a.notes)


def test_7503_skips_weekends_and_dc_emancipation_day():
    assert next_business_day(date(2023, 4, 15)) == date(2023, 4, 18)  # Sat, Sun, Mon 17 observed
    assert next_business_day(date(2021, 5, 17)) == date(2021, 5, 17)
    assert next_business_day(date(2026, 1, 19)) == date(2026, 1, 20)  # MLK Day
