"""The sample cases: every seeded discrepancy found with its rule, amount and evidence, nothing
above info on clean cases. Once from the records the generator put in (fast, exact), once end
to end through `backtax check` over the PDFs in sample_docs/cases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backtax.extractors.record import DocumentRecord
from backtax.flows.cli import app
from backtax.validators.api import check_records
from sample_docs.generators.cases import AS_OF, all_cases, case_records

ROOT = Path(__file__).parents[1]
CASES = all_cases()
EXPECTED = [(c.folder, e) for c in CASES for e in c.expected]


def _matches(expected: dict[str, Any], found: dict[str, Any]) -> bool:
    if (found["rule"], found["case_id"], found["amount"]) != (
        expected["rule"],
        expected["case_id"],
        expected["amount"],
    ):
        return False
    have = [(e["doc_type"], e["field"], e["value"]) for e in found["evidence"]]
    return all((e["doc_type"], e["field"], e["value"]) in have for e in expected["evidence"])


@pytest.fixture(scope="session")
def from_records() -> dict[str, Any]:
    records = [DocumentRecord.from_json(r) for c in CASES for r in case_records(c)]
    return check_records(records, AS_OF).to_json()


@pytest.mark.parametrize(
    ("folder", "expected"), EXPECTED, ids=[f"{e['rule']}-{f}" for f, e in EXPECTED]
)
def test_rule_fires_on_its_seeded_case(from_records, folder, expected):
    assert any(_matches(expected, f) for f in from_records["findings"]), (folder, expected)


def test_no_finding_above_info_beyond_the_seeded_ones(from_records):
    unexpected = [
        (f["case_id"], f["rule"], f["amount"])
        for f in from_records["findings"]
        if f["severity"] != "info" and not any(_matches(e, f) for _, e in EXPECTED)
    ]
    assert unexpected == []


def test_clean_case_has_no_finding_above_info(from_records):
    clean = [f for f in from_records["findings"] if f["case_id"] == "0101-2023"]
    assert [f for f in clean if f["severity"] != "info"] == []


def test_expected_findings_json_written_beside_each_case():
    for case in CASES:
        path = ROOT / "sample_docs" / "cases" / case.folder / "expected_findings.json"
        assert json.loads(path.read_text())["findings"] == case.expected


@pytest.fixture(scope="session")
def from_pdfs(tmp_path_factory) -> dict[str, Any]:
    home = tmp_path_factory.mktemp("home")
    result = CliRunner().invoke(
        app,
        [
            "check",
            str(ROOT / "sample_docs" / "cases"),
            "--json",
            "--as-of",
            AS_OF.isoformat(),
            "--home",
            str(home),
        ],
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("folder", "expected"), EXPECTED, ids=[f"{e['rule']}-{f}" for f, e in EXPECTED]
)
def test_check_finds_seeded_discrepancy_in_pdfs(from_pdfs, folder, expected):
    assert any(_matches(expected, f) for f in from_pdfs["findings"]), (folder, expected)


def test_check_over_pdfs_reports_nothing_unexpected_above_info(from_pdfs):
    unexpected = [
        (f["case_id"], f["rule"], f["amount"])
        for f in from_pdfs["findings"]
        if f["severity"] != "info" and not any(_matches(e, f) for _, e in EXPECTED)
    ]
    assert unexpected == []
