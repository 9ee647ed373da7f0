"""After a batch only the cases it touched are checked again, with what a full check would give.

The seeded case folders (`sample_docs/cases`) each hold one taxpayer (the generator gives
each folder its own SSN and name), so a batch that reads one folder again touches that
folder's cases only. Expected findings come from the folders' `expected_findings.json`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backtax.extractors.pipeline import FileResult
from backtax.flows import store as store_module
from backtax.flows import tasks
from backtax.flows.store import Store

CASES = Path(__file__).resolve().parents[1] / "sample_docs" / "cases"
FOLDERS = ("clean_2023", "duplicate_document_2023", "tin_mismatch_2023", "tax_year_mismatch_2023")
AS_OF = "2025-03-01"


def expected_findings(folder: str) -> set[tuple[str, str]]:
    data = json.loads((CASES / folder / "expected_findings.json").read_text())
    return {(f["rule"], f["case_id"]) for f in data["findings"]}


def saved(store: Store, result: FileResult) -> list[str]:
    return store.save_result(
        {"sha256": result.sha256, "source": result.source, "error": None,
         "records": [r.to_json() for r in result.records]}
    )  # fmt: skip


def save_folder(store: Store, extracted: Callable[[Path], FileResult], folder: str,
                skip: str | None = None) -> list[str]:  # fmt: skip
    ids: list[str] = []
    for path in sorted((CASES / folder).glob("*.pdf")):
        if path.name != skip:
            ids += saved(store, extracted(path))
    return ids


def checks(store: Store) -> tuple[dict[str, str], set[tuple[str, str | None, str]]]:
    """The stored cases (id: when checked) and findings (rule, case, message)."""
    cases = dict(store.db.execute("SELECT case_id, checked_at FROM cases"))
    rows = store.db.execute("SELECT rule, case_id, message FROM findings")
    return cases, {tuple(r) for r in rows}


@pytest.fixture
def checked_records(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The sources of the records handed to each check."""
    calls: list[list[str]] = []
    real = tasks.check_records

    def spy(records: list[Any], as_of: Any) -> Any:
        calls.append(sorted({r.source for r in records}))
        return real(records, as_of)

    monkeypatch.setattr(tasks, "check_records", spy)
    return calls


def test_a_batch_rechecks_only_the_cases_it_touched(
    tmp_path: Path,
    extracted: Callable[[Path], FileResult],
    checked_records: list[list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = tmp_path / "backtax.sqlite"
    with Store(database) as store:
        for folder in FOLDERS:
            save_folder(store, extracted, folder)
    monkeypatch.setattr(store_module, "now", lambda: "night")
    tasks.check_store.fn(str(database), AS_OF)
    with Store(database) as store:
        full_cases, full_findings = checks(store)
        touched = save_folder(store, extracted, "tin_mismatch_2023")
    monkeypatch.setattr(store_module, "now", lambda: "batch")
    result = tasks.check_store.fn(str(database), AS_OF, touched)
    with Store(database) as store:
        cases, findings = checks(store)
    # the folder's documents only were checked again ...
    folder_files = {str(p) for p in (CASES / "tin_mismatch_2023").glob("*.pdf")}
    assert {s for s in checked_records[-1]} == {extracted(Path(p)).source for p in folder_files}
    assert {c for c, when in cases.items() if when == "batch"} == {"0707-2023"}
    # ... with what checking everything gave, the other cases left as they were
    assert cases.keys() == full_cases.keys() and findings == full_findings
    assert {(f["rule"], f["case_id"]) for f in result["findings"]} >= expected_findings(
        "tin_mismatch_2023"
    )


def test_a_new_document_is_checked_with_the_stored_ones_of_its_taxpayer(
    tmp_path: Path, extracted: Callable[[Path], FileResult]
) -> None:
    """The second copy of a W-2 arrives in a later batch: the duplicate is still found."""
    folder = "duplicate_document_2023"
    database = tmp_path / "backtax.sqlite"
    with Store(database) as store:
        save_folder(store, extracted, "clean_2023")
        save_folder(store, extracted, folder, skip="w2_acme_again.pdf")
    tasks.check_store.fn(str(database), AS_OF)
    with Store(database) as store:
        touched = saved(store, extracted(CASES / folder / "w2_acme_again.pdf"))
    result = tasks.check_store.fn(str(database), AS_OF, touched)
    assert {(f["rule"], f["case_id"]) for f in result["findings"]} >= expected_findings(folder)
    with Store(database) as store:
        cases, findings = checks(store)
    assert ("DUPLICATE_DOCUMENT", "0606-2023") in {(r, c) for r, c, _ in findings}
    assert len([c for c in cases if c.endswith("-2023")]) == 2  # clean's case kept


def test_a_related_set_spans_taxpayers_linked_by_a_spouse(tmp_path: Path) -> None:
    """A return naming a spouse links the spouse's documents (and only them)."""

    def record(source: str, last4: str, name: str, **fields: str) -> dict[str, Any]:
        return {"source": source, "sha256": source * 64, "pages": [1], "doc_type": "W-2",
                "tax_year": 2023, "recipient_tin_last4": last4, "recipient_name": name,
                "fields": fields}  # fmt: skip

    with Store(tmp_path / "backtax.sqlite") as store:
        ids = {}
        for rec in (
            record("a", "1111", "ANN ROE", spouse_tin_last4="2222"),
            record("b", "2222", "BOB LUX"),
            record("c", "3333", "CY POE"),
        ):
            [ids[rec["source"]]] = store.save_result(
                {"sha256": rec["sha256"], "source": rec["source"], "records": [rec]}
            )
        assert store.related([ids["b"]]) == {ids["a"], ids["b"]}
        assert store.related([ids["c"]]) == {ids["c"]}
