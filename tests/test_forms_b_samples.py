"""Every field of every sample of the 1099-R/G/K/C/SA, W-2G, SSA-1099, 1098 and 5498 families.

Expected values are written by sample_docs/generators/f1099_b_family.py from the values it
put in. Each sample is extracted once per session (scans are OCR'd once). Fields not read
right yet are listed in KNOWN_GAPS with their cause (see docs/forms_other.md): they run as
non-strict xfail, so a fix shows up as XPASS and the entry can be dropped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backtax.extractors.pipeline import FileResult

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_docs"
FOLDERS = ("1099/r", "1099/g", "1099/k", "1099/c", "1099/sa", "1099/w2g", "ssa1099", "1098", "5498")
HEADER = (
    "tax_year", "corrected", "pages", "payer_tin", "payer_name", "recipient_tin_last4",
    "recipient_name",
)  # fmt: skip

# Fields still misread, each with its cause (OCR slips the form descriptions cannot undo).
KNOWN_GAPS: dict[str, dict[str, str]] = {}


def _samples() -> list[Path]:
    return sorted(p for folder in FOLDERS for p in (SAMPLES / folder).glob("*.pdf"))


def _expected(pdf: Path) -> list[dict[str, Any]]:
    return json.loads(pdf.with_name(f"{pdf.stem}.expected.json").read_text())


def _cases() -> list[Any]:
    cases = []
    for pdf in _samples():
        name = str(pdf.relative_to(SAMPLES).with_suffix(""))
        for record in _expected(pdf):
            keys = [*HEADER, *(f"fields.{k}" for k in record["fields"])]
            for key in keys:
                gap = KNOWN_GAPS.get(name, {}).get(key.removeprefix("fields."))
                marks = [pytest.mark.xfail(reason=gap, strict=False)] if gap else []
                cases.append(pytest.param(pdf, record, key, id=f"{name}:{key}", marks=marks))
    return cases


def _record(result: FileResult, doc_type: str) -> dict[str, Any]:
    records = [r.to_json() for r in result.records if r.doc_type == doc_type]
    assert records, f"no {doc_type} record; got {[r.doc_type for r in result.records]}"
    return records[0]


@pytest.mark.parametrize(("pdf", "want", "key"), _cases())
def test_field_matches_generator(
    extracted: Callable[[Path], FileResult], pdf: Path, want: dict[str, Any], key: str
) -> None:
    got = _record(extracted(pdf), want["doc_type"])
    if key.startswith("fields."):
        name = key.removeprefix("fields.")
        assert got["fields"].get(name) == want["fields"][name]
    else:
        assert got.get(key) == want[key]


@pytest.mark.parametrize("pdf", _samples(), ids=lambda p: str(p.relative_to(SAMPLES)))
def test_sample_classified_as_its_form(extracted: Callable[[Path], FileResult], pdf: Path) -> None:
    """W-2G never reads as W-2, 1098-E/-T never as 1098, 5498-SA never as 5498."""
    want = {r["doc_type"] for r in _expected(pdf)}
    got = {r.doc_type for r in extracted(pdf).records if r.doc_type != "UNKNOWN"}
    assert got == want


@pytest.mark.parametrize("pdf", _samples(), ids=lambda p: str(p.relative_to(SAMPLES)))
def test_no_full_ssn_in_records(extracted: Callable[[Path], FileResult], pdf: Path) -> None:
    from sample_docs.generators.people import all_ssns

    text = json.dumps([r.to_json() for r in extracted(pdf).records])
    for ssn in all_ssns():
        assert ssn not in text and ssn.replace("-", "") not in text


def test_1098_before_2017_maps_points_and_insurance_by_meaning(
    extracted: Callable[[Path], FileResult],
) -> None:
    """The 2015 form prints points in box 2 and insurance in box 4: 2024 names box 6 and 5."""
    got = _record(extracted(SAMPLES / "1098/f1098_lookalike_2015_old_revision.pdf"), "1098")
    assert got["fields"]["box6_points_paid"] == "2150.00"
    assert got["fields"]["box5_mortgage_insurance_premiums"] == "640.00"
    assert "box2_outstanding_principal" not in got["fields"]
