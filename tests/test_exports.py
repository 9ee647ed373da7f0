"""Exports an accountant can work in: typed money and years in Excel, Parquet and CSV.

The store holds `sample_docs/cases/balance_due_2022`. Expected values are the generator's
inputs (`sample_docs/generators/cases.py`, `owes()`): the W-2 from ACME shows wages
52,000.00 and withholding 4,000.00 for 2022; the account's balance is 1,460.00, 1,580.50
with accruals to 2025-02-24; the penalties 180.00 + 40.00 = 220.00; the seeded findings'
amounts are in `expected_findings.json`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from backtax.extractors.pipeline import FileResult
from backtax.flows.commands.export import Format, export_tables
from backtax.flows.store import Store
from backtax.validators.api import check_records
from sample_docs.generators.people import ACME

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "sample_docs" / "cases" / "balance_due_2022"
AS_OF = date(2026, 12, 1)
SEEDED = {
    f["rule"]: f["amount"]
    for f in json.loads((CASE / "expected_findings.json").read_text())["findings"]
}


@pytest.fixture(scope="module")
def store(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Store]:
    from backtax.extractors.pipeline import extract_file

    path = tmp_path_factory.mktemp("store") / "backtax.sqlite"
    with Store(path) as s:
        results: list[FileResult] = [extract_file(p) for p in sorted(CASE.glob("*.pdf"))]
        for res in results:  # the W-2 as the watcher saves it from inbox/clientA/
            label = {"client": "clientA"} if res.source.endswith("w2_acme.pdf") else {}
            records = [{**r.to_json(), **label} for r in res.records]
            s.save_result({"sha256": res.sha256, "source": res.source, "records": records})
        checked = check_records(list(s.records().values()), AS_OF)
        s.replace_checks(checked["cases"], checked["findings"])
        yield s


@pytest.fixture(scope="module")
def written(store: Store, tmp_path_factory: pytest.TempPathFactory) -> Callable[[Format], Path]:
    out = tmp_path_factory.mktemp("export")

    def write(fmt: Format) -> Path:
        folder = out / fmt.value
        if not folder.exists():
            export_tables(store, fmt, folder, AS_OF)
        return folder

    return write


def test_excel_has_typed_money_years_formats_filters_and_frozen_headers(
    written: Callable[[Format], Path],
) -> None:
    from openpyxl import load_workbook

    book = load_workbook(written(Format.xlsx) / "backtax.xlsx")
    assert {"documents", "form W-2", "cases", "findings", "assessment"} <= set(book.sheetnames)
    w2 = book["form W-2"]
    header = [c.value for c in w2[1]]
    row = {h: c for h, c in zip(header, w2[2], strict=True)}
    assert row["box1_wages"].value == 52000 and row["box1_wages"].data_type == "n"
    assert row["box1_wages"].number_format == "#,##0.00"
    assert row["box2_federal_tax_withheld"].value == 4000
    assert row["tax_year"].value == 2022 and isinstance(row["tax_year"].value, int)
    assert row["payer_name"].value == ACME.name
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref, sheet.title
    assessment = book["assessment"]
    header = [c.value for c in assessment[1]]
    year = {h: c.value for h, c in zip(header, assessment[2], strict=True)}
    assert year["tax_year"] == 2022
    assert year["balance_plus_accruals"] == pytest.approx(1580.50)
    assert year["penalties"] == pytest.approx(220.00)
    assert isinstance(year["accruals_as_of"], datetime)
    assert year["accruals_as_of"].date() == date(2025, 2, 24)
    assert w2.column_dimensions["A"].width > len("doc_id") + 2  # sized to the ids


def test_parquet_has_decimal_money_and_integer_years(written: Callable[[Format], Path]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    w2 = pq.read_table(written(Format.parquet) / "form_W-2.parquet")
    assert pa.types.is_decimal(w2.schema.field("box1_wages").type)
    assert pa.types.is_integer(w2.schema.field("tax_year").type)
    assert w2.column("box1_wages").to_pylist() == [Decimal("52000.00")]
    assert w2.column("tax_year").to_pylist() == [2022]
    findings = pq.read_table(written(Format.parquet) / "findings.parquet").to_pylist()
    balance = next(f for f in findings if f["rule"] == "BALANCE_DUE")
    assert balance["amount"] == Decimal(SEEDED["BALANCE_DUE"]) and balance["tax_year"] == 2022
    assert {"doc_id", "page", "box", "printed_value", "payer"} <= set(balance)
    cases = pq.read_table(written(Format.parquet) / "cases.parquet")
    assert pa.types.is_integer(cases.schema.field("tax_year").type)
    assert "record" not in pq.read_table(written(Format.parquet) / "documents.parquet").schema.names
    assert w2.column("client").to_pylist() == ["clientA"]  # the inbox subfolder it came from
    documents = pq.read_table(written(Format.parquet) / "documents.parquet").to_pylist()
    assert {d["doc_type"]: d["client"] for d in documents}["W-2"] == "clientA"


def test_csv_holds_the_same_tables_without_json_blobs(written: Callable[[Format], Path]) -> None:
    folder = written(Format.csv)
    assert {"documents", "form_W-2", "cases", "findings", "assessment", "transactions"} <= {
        p.stem for p in folder.glob("*.csv")
    }
    with (folder / "findings.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    penalty = [r for r in rows if r["rule"] == "PENALTY_ASSESSED"]
    assert sorted(r["printed_value"] for r in penalty) == ["180.00", "40.00"]
    assert all(r["doc_id"] and r["page"] == "1" for r in penalty)
    with (folder / "cases.csv").open() as fh:
        [case] = list(csv.DictReader(fh))
    assert case["tax_year"] == "2022" and "{" not in "".join(case.values())
