"""Open notice deadlines in the assessment, per year and per taxpayer."""

from __future__ import annotations

from datetime import date

from transcript_builders import account, record, tx

from backtax.validators.api import assess_records


def _notice(kind: str, year: int, issued: str, due: str | None = None):
    fields = {"notice_type": kind, "notice_date": issued, "tax_year": year}
    return record("IRS-NOTICE", year, fields | ({"respond_by": due} if due else {}), f"{kind}.pdf")


def test_open_notice_deadlines_are_listed_per_year_and_per_taxpayer_soonest_first():
    """A CP504 due 2026-12-20; an LT11 of 2026-11-25 that prints no date, whose collection
    due process window ends 30 days later, 2026-12-25 (IRC 6330(a)(3)(B)); a CP14 due
    2026-06-22, passed by 2026-12-01 and replaced by the LT11, is not open."""
    rows = [tx("150", "2025-05-05", "5000.00"), tx("806", "2025-04-15", "-3000.00")]
    notices = [
        _notice("CP14", 2024, "2026-06-01", "2026-06-22"),
        _notice("LT11", 2024, "2026-11-25"),
        _notice("CP504", 2023, "2026-11-20", "2026-12-20"),
    ]
    accounts = [account(2024, rows, source="a24.pdf"), account(2023, rows, source="a23.pdf")]
    (person,) = assess_records([*accounts, *notices], date(2026, 12, 1))["taxpayers"]
    by_year = {y["tax_year"]: [d["deadline"] for d in y["deadlines"]] for y in person["years"]}
    assert by_year == {2023: ["2026-12-20"], 2024: ["2026-12-25"]}
    soonest = [(d["notice_type"], d["days_left"]) for d in person["deadlines"]]
    assert soonest == [("CP504", 19), ("LT11", 24)]
    assert person["deadlines"][1]["collection_due_process"] is True
