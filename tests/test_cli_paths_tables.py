"""CLI conventions: one exit code for a missing path, settings refused in one line, tables that
wrap rather than cut, extract's table with fields and values, Tesseract missing said once.

Figures are the generator's inputs for `sample_docs/cases/balance_due_2022`
(`sample_docs/generators/cases.py`, `owes()`): W-2 wages 52,000.00, withholding 4,000.00;
balance 1,460.00, 1,580.50 with accruals to 2025-02-24; TC 150 on 2023-08-21, so the
CSED is 2033-08-21 (ten years, IRC 6502).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backtax.flows.cli import app

BACKTAX = [sys.executable, "-m", "backtax.flows"]
ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "sample_docs" / "cases" / "balance_due_2022"
SCAN = ROOT / "sample_docs" / "w2" / "scans" / "irs_2023_fillable_copyb_robert_initech_scan.png"
runner = CliRunner()
NARROW = {"COLUMNS": "80"}


@pytest.mark.parametrize("command", ["extract", "check", "assess", "run"])
def test_a_missing_path_is_a_usage_error_everywhere(command: str, tmp_path: Path) -> None:
    args = [command, str(tmp_path / "missing.pdf"), "--home", str(tmp_path)]
    result = runner.invoke(app, args, env={"COLUMNS": "400"})  # usage panels wrap paths
    assert result.exit_code == 2, result.output
    assert "missing.pdf" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("workers = \n", "is not valid TOML"),
        ("wokers = 2\n", "unknown setting 'wokers'"),
        ("workers = 0\n", "workers = 0"),
        ('timezone = "Mars/Base"\n', "IANA time zone"),
    ],
)
def test_bad_settings_are_refused_in_one_line(tmp_path: Path, text: str, says: str) -> None:
    (tmp_path / "backtax.toml").write_text(text)
    for args in (["export"], ["extract", str(CASE / "w2_acme.pdf")], ["corrections"]):
        result = runner.invoke(app, [*args, "--home", str(tmp_path)])
        assert result.exit_code == 2, (args, result.output)
        assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_config_file_named_but_missing_is_refused_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "typo.toml"
    for args in (["export"], ["corrections"]):
        result = runner.invoke(
            app, [*args, "--home", str(tmp_path)], env={"BACKTAX_CONFIG": str(missing)}
        )
        assert result.exit_code == 2, (args, result.output)
        assert f"BACKTAX_CONFIG names {missing}" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_extracts_table_shows_each_field_and_value(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["extract", str(CASE / "w2_acme.pdf"), "--home", str(tmp_path)], env=NARROW
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any("box1_wages" in line and "52,000.00" in line for line in lines)
    assert any("box2_federal_tax_withheld" in line and "4,000.00" in line for line in lines)


def test_tables_keep_key_values_whole_at_80_columns(tmp_path: Path) -> None:
    assessed = runner.invoke(
        app, ["assess", str(CASE), "--home", str(tmp_path), "--as-of", "2026-12-01"], env=NARROW
    )
    assert assessed.exit_code == 0, assessed.output
    for value in ("1,460.00", "1,580.50", "2025-02-24", "2033-08-21"):
        assert value in assessed.stdout, value
    checked = runner.invoke(
        app, ["check", str(CASE), "--home", str(tmp_path), "--as-of", "2026-12-01"], env=NARROW
    )
    assert checked.exit_code == 0 and "1,580.50" in checked.stdout
    assert "1111-2022" in checked.stdout
    assert "…" not in checked.stdout.replace("…1111", "")  # nothing cut with an ellipsis


def test_a_missing_tesseract_is_said_once_with_what_to_install(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PATH"}
    bare = tmp_path / "bin"
    bare.mkdir()
    result = subprocess.run(
        [*BACKTAX, "extract", str(SCAN), str(SCAN), "--home", str(tmp_path)],
        env={**env, "PATH": str(bare)}, capture_output=True, text=True, timeout=300, check=False,
        cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 3
    assert result.stderr.count("apt-get install tesseract-ocr") == 1
    assert "Tesseract is not installed" in result.stderr
    assert "TesseractNotFoundError" not in result.stderr + result.stdout
