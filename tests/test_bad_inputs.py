"""Inputs that cannot be read: each is refused with a one-line reason, the others are still
reported, and `backtax extract sample_docs` exits with 3 (sample_docs/bad, made by
generators/bad.py)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from backtax.extractors.pipeline import FileResult
from backtax.extractors.values import mask_ssns

ROOT = Path(__file__).resolve().parents[1]
BAD_DIR = ROOT / "sample_docs" / "bad"
BAD_FILES = sorted(p for p in BAD_DIR.iterdir() if p.is_file())
W2_SAMPLES = sorted(
    p for p in (ROOT / "sample_docs" / "w2").rglob("*") if p.suffix in {".pdf", ".png"}
)
Run = subprocess.CompletedProcess[str]


def test_bad_inputs_cover_every_kind_of_unreadable_file() -> None:
    names = {p.name for p in BAD_FILES}
    assert {
        "not_a_pdf.pdf",
        "empty.pdf",
        "truncated.pdf",
        "encrypted_w2.pdf",
        "huge_image.png",
        "blank_scan.pdf",
    } <= names


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_bad_input_refused_with_one_line_reason(
    extracted: Callable[[Path], FileResult], path: Path
) -> None:
    result = extracted(path)
    assert result.error is not None, f"{path.name} was read: {result.records}"
    reason = result.error.reason
    assert reason.strip() and "\n" not in reason
    assert "Traceback" not in reason
    assert result.records == []


def test_cli_exits_3_when_an_input_is_unreadable(
    cli_extract_samples: Run,
) -> None:
    assert cli_extract_samples.returncode == 3, cli_extract_samples.stderr


def test_cli_still_reports_the_readable_inputs(cli_extract_samples: Run) -> None:
    sources = {Path(r["source"]).name for r in json.loads(cli_extract_samples.stdout)}
    assert {mask_ssns(p.name) for p in W2_SAMPLES} <= sources


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_cli_names_each_unreadable_input_with_its_reason_on_one_line(
    cli_extract_samples: Run, extracted: Callable[[Path], FileResult], path: Path
) -> None:
    error = extracted(path).error
    assert error is not None
    lines = [line for line in cli_extract_samples.stderr.splitlines() if path.name in line]
    assert lines, f"{path.name} not named on stderr"
    assert any(error.reason in line for line in lines), lines


def test_cli_prints_no_traceback(cli_extract_samples: Run) -> None:
    assert "Traceback" not in cli_extract_samples.stderr


def test_a_2000_page_file_is_refused_by_its_page_count(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    from backtax.extractors.pipeline import extract_file

    writer = PdfWriter()
    for _ in range(2000):
        writer.add_blank_page(612, 792)
    big = tmp_path / "two_thousand_pages.pdf"
    with big.open("wb") as fh:
        writer.write(fh)
    result = extract_file(big)
    assert result.records == []
    assert result.error is not None
    assert "too many pages (2,000" in result.error.reason


def test_a_file_still_being_written_is_refused_not_crashed(tmp_path: Path) -> None:
    from backtax.extractors.pipeline import extract_file

    whole = next(Path(__file__).resolve().parents[1].joinpath("sample_docs", "w2").glob("*.pdf"))
    partial = tmp_path / "copy_in_progress.pdf"
    data = whole.read_bytes()
    partial.write_bytes(data[: len(data) // 3])
    result = extract_file(partial)
    assert result.error is not None
    assert result.error.reason.startswith("corrupt or truncated PDF")
