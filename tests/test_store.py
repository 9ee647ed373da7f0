"""The results store: idempotent on SHA-256, corrections that survive re-extraction, exports."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from backtax.flows.commands.export import Format, export_tables
from backtax.flows.store import Store

SHA = "a" * 64


def result(wages: str, extracted_at: str = "2025-01-01T00:00:00+00:00") -> dict:
    """A file's extraction as the extract task returns it, with the values put in."""
    record = {
        "source": "in/w2_acme.pdf", "sha256": SHA, "pages": [1], "doc_type": "W-2",
        "tax_year": 2024, "method": "text", "corrected": False, "payer_tin": "12-3456789",
        "payer_name": "ACME", "recipient_tin_last4": "1234", "recipient_name": "JANE DOE",
        "fields": {"box1_wages": wages, "box12": [{"code": "D", "amount": "1500.00"}],
                   "box13_retirement_plan": True},
        "confidence": 0.97, "warnings": [],
    }  # fmt: skip
    return {
        "sha256": SHA, "source": "in/w2_acme.pdf", "records": [record], "error": None,
        "extracted_at": extracted_at, "extractor_version": "v1",
    }  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "backtax.sqlite") as s:
        yield s


def test_saving_the_same_file_twice_keeps_one_set_of_documents(store: Store) -> None:
    store.save_result(result("52345.67"))
    ids = store.save_result(result("52345.67"))
    assert ids == [f"{SHA}:1"]
    assert len(store.table("documents")) == 1
    assert len(store.table("fields")) == 3
    assert store.file(SHA)["times_seen"] == 2


def test_field_values_keep_their_types(store: Store) -> None:
    store.save_result(result("52345.67"))
    record = store.records()[f"{SHA}:1"]
    assert record.fields["box1_wages"] == "52345.67"
    assert record.fields["box12"] == [{"code": "D", "amount": "1500.00"}]
    assert record.fields["box13_retirement_plan"] is True


def test_correction_survives_re_extraction_and_is_listed(store: Store) -> None:
    store.save_result(result("52345.67"))
    store.add_correction(SHA[:10], "box1_wages", "53345.67", who="ann", why="letter from ACME")
    store.save_result(result("52345.67", extracted_at="2025-02-01T00:00:00+00:00"))
    record = store.records()[f"{SHA}:1"]
    assert record.fields["box1_wages"] == "53345.67"
    assert record.extra["corrections"][0] | {"at": None} == {
        "id": 1, "field": "box1_wages", "original": "52345.67", "value": "53345.67", "who": "ann",
        "why": "letter from ACME", "at": None,
    }  # fmt: skip
    fields = store.table("fields").set_index("field")
    assert fields.loc["box1_wages", "value"] == "53345.67"
    assert fields.loc["box1_wages", "extracted_value"] == "52345.67"
    assert fields.loc["box1_wages", "corrected_by"] == "ann"
    assert fields.loc["box12", "corrected"] == 0


def test_correction_of_a_top_level_value(store: Store) -> None:
    store.save_result(result("52345.67"))
    store.add_correction(f"{SHA}:1", "tax_year", 2023, who="ann", why="misread year")
    assert store.records()[f"{SHA}:1"].tax_year == 2023


def test_unknown_document_is_refused(store: Store) -> None:
    store.save_result(result("52345.67"))
    with pytest.raises(LookupError):
        store.add_correction("b" * 8, "box1_wages", "1.00", who="ann", why="x")


def test_checks_replace_the_previous_ones(store: Store) -> None:
    store.save_result(result("52345.67"))
    case = {"case_id": "1234-2024", "recipient_tin_last4": "1234", "tax_year": 2024,
            "documents": [f"{SHA}:1"],
            "amended_return": {"candidate": True, "deadline": "2028-04-15"}}  # fmt: skip
    finding = {"rule": "W2_ARITHMETIC", "severity": "low", "case_id": "1234-2024",
               "message": "m", "amount": "1.00", "evidence": []}  # fmt: skip
    store.replace_checks([case], [finding, finding])
    store.replace_checks([case], [finding])
    assert len(store.table("findings")) == 1
    assert store.cases() == [case]


@pytest.mark.parametrize("fmt", list(Format))
def test_export_writes_every_table(store: Store, tmp_path: Path, fmt: Format) -> None:
    store.save_result(result("52345.67"))
    store.add_correction(SHA[:8], "box1_wages", "53345.67", who="ann", why="letter")
    written = export_tables(store, fmt, tmp_path / "out")
    if fmt is Format.xlsx:
        sheets = pd.read_excel(written[0], sheet_name=None)
        assert {"documents", "fields", "cases", "findings"} <= set(sheets)
        fields = sheets["fields"]
    else:
        names = {p.stem for p in written}
        assert {"documents", "fields", "cases", "findings"} <= names
        path = tmp_path / "out" / f"fields.{fmt.value}"
        fields = pd.read_csv(path) if fmt is Format.csv else pd.read_parquet(path)
    wages = fields[fields["field"] == "box1_wages"].iloc[0]
    assert str(wages["value"]) == "53345.67"
    assert wages["corrected"] == 1


def test_error_files_are_recorded_without_documents(store: Store) -> None:
    bad = {"sha256": SHA, "source": "in/x.pdf", "records": [],
           "error": {"reason": "not a PDF or image file", "stage": "open"}}  # fmt: skip
    assert store.save_result(bad) == []
    row = store.file(SHA)
    assert (row["status"], row["stage"]) == ("error", "open")
    assert row["reason"] == "not a PDF or image file"
