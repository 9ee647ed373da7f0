"""The checks on cases built from extracted PDFs with a Form 1040 and no transcript: the
sample 2023 tax-software 1040 (its five schedules) with the 2023 1099-NEC and CP14 of the
same taxpayer. Expected amounts are the generators' inputs (the samples' expected JSON)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from backtax.validators.api import check_records

SAMPLES = Path(__file__).resolve().parents[1] / "sample_docs"
FILES = ("returns/f1040_2023_schedules.pdf", "1099/nec/nec_irs_2023_fillable.pdf",
         "notices/cp14_2023.pdf")  # fmt: skip
AS_OF = date(2024, 6, 20)


def _expected(name: str) -> dict:
    pdf = SAMPLES / name
    return json.loads(pdf.with_name(f"{pdf.stem}.expected.json").read_text())[0]


def test_a_1040_pdf_stands_for_the_return_in_check(extracted) -> None:
    records = [r for name in FILES for r in extracted(SAMPLES / name).records]
    out = check_records(records, AS_OF).to_json()
    (case,) = out["cases"]
    assert case["case_id"] == f"{_expected(FILES[0])['recipient_tin_last4']}-2023"
    unreported = [f for f in out["findings"] if f["rule"] == "UNREPORTED_INCOME"]
    nec = _expected(FILES[1])["fields"]["box1_nonemployee_compensation"]
    assert [f["amount"] for f in unreported] == [nec]  # the 1040 reports no business income
    lines = {row["line"]: row for row in case["amended_return"]["lines"]}
    assert lines["1"]["original"] == _expected(FILES[0])["fields"]["adjusted_gross_income"]
    cp14 = _expected(FILES[2])["fields"]
    # open deadline, days left as of 2024-06-20: 2024-07-01 is 11 days later
    assert [(d["notice_type"], d["deadline"], d["days_left"]) for d in case["deadlines"]] == [
        ("CP14", cp14["respond_by"], 11)
    ]
