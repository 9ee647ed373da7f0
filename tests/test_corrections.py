"""Corrections that are safe: known fields only, values of the field's kind, no no-ops, a
record of who, why and when, a list and an undo, and applied by extract/check/assess.

The W-2 is `sample_docs/w2/irs_2024_fillable_jane_acme.pdf`; its values come from the
generator's `.expected.json` beside it (box 1 49,204.93, box 2 6,123.00).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backtax.extractors.pipeline import extract_file
from backtax.flows.cli import app
from backtax.flows.corrections import parse_as
from backtax.flows.store import Store

ROOT = Path(__file__).resolve().parents[1]
W2 = ROOT / "sample_docs" / "w2" / "irs_2024_fillable_jane_acme.pdf"
EXPECTED = json.loads(W2.with_name(W2.stem + ".expected.json").read_text())[0]
runner = CliRunner()


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A home whose store holds the W-2 (as the batch saves it); the home and the doc id."""
    home = tmp_path_factory.mktemp("home")
    result = extract_file(W2)
    with Store(home / "backtax.sqlite") as store:
        [ident] = store.save_result(
            {
                "sha256": result.sha256,
                "source": str(W2),
                "records": [r.to_json() for r in result.records],
            }
        )
    return home, ident


@pytest.fixture
def home(stored: tuple[Path, str], tmp_path: Path) -> Path:
    """A fresh copy of the stored home for each test."""
    copy = tmp_path / "home"
    copy.mkdir()
    (copy / "backtax.sqlite").write_bytes((stored[0] / "backtax.sqlite").read_bytes())
    return copy


def correct(home: Path, *args: str) -> object:
    return runner.invoke(app, ["correct", *args, "--home", str(home), "--who", "ann"])


def test_an_unknown_field_is_refused(home: Path, stored: tuple[Path, str]) -> None:
    result = correct(home, stored[1][:12], "box99_bogus", "1.00", "--why", "x")
    assert result.exit_code == 2
    assert "W-2 has no field 'box99_bogus'" in result.output
    assert "Traceback" not in result.output


def test_a_value_not_of_the_fields_kind_is_refused(home: Path, stored: tuple[Path, str]) -> None:
    result = correct(home, stored[1][:12], "box1_wages", "abc", "--why", "x")
    assert result.exit_code == 2 and "is an amount" in result.output
    result = correct(home, stored[1][:12], "box13_retirement_plan", "maybe", "--why", "x")
    assert result.exit_code == 2 and "check box" in result.output
    result = correct(home, stored[1][:12], "box12", "[not json", "--why", "x")
    assert result.exit_code == 2 and "box12 is a list, given as JSON" in result.output
    assert "Traceback" not in result.output
    with Store(home / "backtax.sqlite") as store:
        assert store.corrections() == []


def test_a_no_op_is_refused(home: Path, stored: tuple[Path, str]) -> None:
    same = EXPECTED["fields"]["box1_wages"]
    result = correct(home, stored[1][:12], "box1_wages", f"${float(same):,.2f}", "--why", "x")
    assert result.exit_code == 2 and "nothing to correct" in result.output


def test_prefixes_too_short_or_ambiguous_are_refused(home: Path, stored: tuple[Path, str]) -> None:
    assert correct(home, stored[1][:3], "box1_wages", "1.00", "--why", "x").exit_code == 2
    short = f"{stored[1][:12]}:{stored[1].partition(':')[2]}"  # as reports print it
    assert correct(home, short, "box1_wages", "49300.00", "--why", "letter").exit_code == 0
    assert correct(home, f"{stored[1][:12]}:9", "box1_wages", "1.00", "--why", "x").exit_code == 2


def test_who_why_when_are_listed_and_an_undo_takes_it_back(
    home: Path, stored: tuple[Path, str]
) -> None:
    done = correct(home, stored[1][:12], "box1_wages", "49,300.00", "--why", "employer letter")
    assert done.exit_code == 0, done.output
    listed = runner.invoke(app, ["corrections", "--home", str(home), "--json"])
    [fix] = json.loads(listed.stdout)
    assert (fix["doc_id"], fix["field"], fix["original"], fix["value"]) == (
        stored[1], "box1_wages", EXPECTED["fields"]["box1_wages"], "49300.00",
    )  # fmt: skip
    assert (fix["who"], fix["why"]) == ("ann", "employer letter") and fix["at"]
    undone = runner.invoke(app, ["corrections", "--home", str(home), "--undo", str(fix["id"])])
    assert undone.exit_code == 0, undone.output
    assert (
        json.loads(runner.invoke(app, ["corrections", "--home", str(home), "--json"]).stdout) == []
    )
    with Store(home / "backtax.sqlite") as store:
        record = store.records()[stored[1]]
        assert record.fields["box1_wages"] == EXPECTED["fields"]["box1_wages"]
        [kept] = store.corrections(undone=True)
        assert kept["undone_by"] and kept["undone_at"]
    again = runner.invoke(app, ["corrections", "--home", str(home), "--undo", str(fix["id"])])
    assert again.exit_code == 2


def test_extract_and_check_given_the_home_apply_its_corrections(
    home: Path, stored: tuple[Path, str]
) -> None:
    assert (
        correct(
            home, stored[1][:12], "box2_federal_tax_withheld", "6200", "--why", "letter"
        ).exit_code
        == 0
    )
    extracted = runner.invoke(app, ["extract", str(W2), "--json", "--home", str(home)])
    [record] = json.loads(extracted.stdout)
    assert record["fields"]["box2_federal_tax_withheld"] == "6200.00"
    [fix] = record["corrections"]
    assert (fix["original"], fix["value"], fix["who"], fix["why"]) == (
        EXPECTED["fields"]["box2_federal_tax_withheld"], "6200.00", "ann", "letter",
    )  # fmt: skip
    checked = runner.invoke(app, ["check", str(W2), "--json", "--home", str(home)])
    [doc] = json.loads(checked.stdout)["documents"]
    assert doc["fields"]["box2_federal_tax_withheld"] == "6200.00"
    elsewhere = runner.invoke(app, ["extract", str(W2), "--json", "--home", str(home / "other")])
    assert json.loads(elsewhere.stdout)[0]["fields"]["box2_federal_tax_withheld"] == "6123.00"


def test_values_are_parsed_as_the_fields_kind() -> None:
    assert parse_as("money", "box1_wages", "$53,345.6") == "53345.60"
    assert parse_as("check", "box13_retirement_plan", "false") is False
    assert parse_as("list", "box12", '[{"code": "E", "amount": "10.00"}]') == [
        {"code": "E", "amount": "10.00"}
    ]
    assert parse_as("year", "tax_year", "2023") == 2023
    assert parse_as("date", "respond_by", "05-22-2023") == "2023-05-22"
    with pytest.raises(ValueError, match="SSN"):
        parse_as("text", "recipient_name", "900-12-3456")
