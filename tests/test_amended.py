"""Amended-return candidates: 1040-X lines, direction and deadline from the seeded cases."""

from __future__ import annotations

from datetime import date

import pytest

from backtax.extractors.record import DocumentRecord
from backtax.validators.api import check_records
from sample_docs.generators.cases import AS_OF, all_cases, case_records

CANDIDATES = [c for c in all_cases() if c.amended]


def _amended(case, as_of: date = AS_OF) -> dict:
    records = [DocumentRecord.from_json(r) for r in case_records(case)]
    cases = check_records(records, as_of).cases
    return next(c for c in cases if c["amended_return"]["candidate"])["amended_return"]


@pytest.mark.parametrize("case", CANDIDATES, ids=[c.folder for c in CANDIDATES])
def test_amended_lines_direction_and_columns(case):
    amended = _amended(case)
    assert amended["direction"] == case.amended["direction"]
    lines = {row["line"]: row for row in amended["lines"]}
    for line, corrected in case.amended["lines"].items():
        assert lines[line]["corrected"] == f"{float(corrected):.2f}", line
    for row in amended["lines"]:
        if row["original"] is not None:
            total = float(row["original"]) + float(row["change"])
            assert f"{total:.2f}" == row["corrected"]
    assert amended["explanation"]


def test_refund_deadline_is_three_years_from_filing_and_warns_within_90_days():
    case = next(c for c in CANDIDATES if c.folder == "withholding_not_claimed_2021")
    amended = _amended(case)
    assert amended["deadline"] == case.amended["deadline"]
    assert amended["deadline_status"] == "near"
    assert "48 days" in amended["warnings"][0]


def test_refund_deadline_passed_is_barred():
    case = next(c for c in CANDIDATES if c.folder == "withholding_not_claimed_2021")
    amended = _amended(case, date(2025, 5, 1))
    assert amended["deadline_status"] == "passed"
    assert "barred" in amended["warnings"][0]


def test_open_underreporter_review_makes_the_notice_response_the_first_step():
    # unreported_wages_2023 has TC 922 open: the IRS says to answer the CP2000, not amend.
    case = next(c for c in CANDIDATES if c.folder == "unreported_wages_2023")
    amended = _amended(case)
    assert amended["reasons"] == ["UNREPORTED_INCOME"]
    assert amended["remedy"]["kind"] == "respond_to_notice"
    assert not any("can be filed at any time" in w for w in amended["warnings"])


def test_tax_owed_candidate_notes_assessment_statute_instead_of_refund_deadline():
    case = next(c for c in CANDIDATES if c.folder == "corrected_w2_2023")
    amended = _amended(case)
    assert "remedy" not in amended
    assert "can be filed at any time" in amended["warnings"][0]
    assert "2027-04-15" in amended["warnings"][0]  # ASED: 3 years from 2024-04-15 (6501(a))


def test_explanation_names_the_form_the_payer_and_the_box():
    case = next(c for c in CANDIDATES if c.folder == "unreported_wages_2023")
    (line,) = _amended(case)["explanation"]
    # The second W-2 is on the transcript only, its payer masked to four letters (BAYS).
    assert line == "Wages: W-2 from BAYS (wages 6,400.00) not reported (+6,400.00)"
