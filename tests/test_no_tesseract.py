"""Without Tesseract (a PATH lacking `tesseract`): every command that may OCR says so once,
up front, with what to install; each scan is unreadable for that reason (never an internal
error naming pytesseract's exception), and text PDFs are still read.

The W-2 is a fillable PDF (`sample_docs/w2/irs_2024_fillable_jane_acme.pdf`, its values in
its `.expected.json`); the PNG and the PDF scan have no text layer, so they need OCR.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backtax.extractors.pipeline import extract_file
from backtax.flows import home_server
from backtax.flows.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_docs"
SCAN = SAMPLES / "w2" / "scans" / "irs_2023_fillable_copyb_robert_initech_scan.png"
SCAN_PDF = SAMPLES / "w2" / "scans" / "irs_2024_flat_john_bayside_scan300.pdf"
W2 = SAMPLES / "w2" / "irs_2024_fillable_jane_acme.pdf"
INSTALL = "apt-get install tesseract-ocr"
SAYS = "Tesseract is not installed"  # each scan's reason
UP_FRONT = "Tesseract OCR is not installed"
BACKTAX = [sys.executable, "-m", "backtax.flows"]


@pytest.fixture
def bare_path(tmp_path: Path) -> dict[str, str]:
    """A user's environment whose PATH holds no program at all; Prefect server per command."""
    bare = tmp_path / "bin"
    bare.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BACKTAX_"))}
    return {**env, "PATH": str(bare), "DO_NOT_TRACK": "1",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "BACKTAX_SERVER_IDLE_MINUTES": "0",
            "BACKTAX_SETTLE_SECONDS": "0.2"}  # fmt: skip


def test_the_extractor_says_a_scan_needs_tesseract(
    bare_path: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", bare_path["PATH"])
    for scan in (SCAN, SCAN_PDF):
        result = extract_file(scan)
        assert result.error is not None and not result.records, scan
        assert SAYS in result.error.reason and result.error.stage == "ocr"
        assert not result.error.verdict  # not cached: read again once Tesseract is installed
    [w2] = extract_file(W2).records
    [expected] = json.loads(W2.with_suffix(".expected.json").read_text())
    assert str(w2.fields["box1_wages"]) == expected["fields"]["box1_wages"]


def test_ppocr_alone_needs_no_tesseract(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from backtax.flows.console import tesseract_missing

    monkeypatch.setenv("PATH", str(tmp_path))
    assert tesseract_missing() and INSTALL in (tesseract_missing() or "")
    monkeypatch.setenv("BACKTAX_OCR_ENGINE", "ppocr")
    assert tesseract_missing() is None


def test_check_says_it_once_and_reads_the_text_pdf(
    bare_path: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", bare_path["PATH"])
    args = ["check", str(SCAN), str(SCAN_PDF), str(W2), "--json", "--home", str(tmp_path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 3, result.output
    assert result.stderr.count(INSTALL) == 1
    assert result.stderr.count(UP_FRONT) == 1
    assert result.stderr.count(f"needs OCR, and {SAYS}") == 2  # once per scan
    assert "TesseractNotFoundError" not in result.output and "internal error" not in result.output
    assert [d["doc_type"] for d in json.loads(result.stdout)["documents"]] == ["W-2"]


def test_run_says_it_once_up_front(bare_path: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in (SCAN, W2):
        shutil.copy2(path, folder / path.name)
    home = tmp_path / "home"
    done = subprocess.run(
        [*BACKTAX, "run", str(folder), "--home", str(home), "--json"], cwd=ROOT, env=bare_path,
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 3, done.stderr
    assert done.stderr.count(INSTALL) == 1
    first = done.stderr.index(UP_FRONT)
    assert done.stderr.index(f"{SCAN.name}: a scanned page needs OCR", first) > first
    assert "TesseractNotFoundError" not in done.stderr + done.stdout
    assert "internal error" not in done.stderr + done.stdout
    summary = json.loads(done.stdout)
    assert (summary["documents"], summary["errors"]) == (1, 1)


def started(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("w") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the command's process group (it and the servers it started), then KILL."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=60)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def wait_for_text(log: Path, text: str, proc: subprocess.Popen[bytes], timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while text not in (seen := log.read_text()):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"{text!r} not printed; the command printed:\n{seen}")
        time.sleep(0.3)
    return seen


def test_watch_says_it_once_and_quarantines_the_scan_with_the_reason(
    bare_path: dict[str, str], tmp_path: Path
) -> None:
    home, inbox, log = tmp_path / "home", tmp_path / "inbox", tmp_path / "watch.log"
    inbox.mkdir()
    shutil.copy2(SCAN, inbox / SCAN.name)
    proc = started([*BACKTAX, "watch", str(inbox), "--home", str(home)], bare_path, log)
    try:
        seen = wait_for_text(log, f"quarantined {SCAN.name}", proc, timeout=400)
    finally:
        stop(proc)
    assert seen.count(INSTALL) == 1 and seen.index(UP_FRONT) < seen.index("watching")
    assert "TesseractNotFoundError" not in seen and "internal error" not in seen
    [reason] = (home / "quarantine").glob("*.reason.json")
    assert "a scanned page needs OCR" in reason.read_text()


def test_serve_says_it_once_before_it_starts_anything(
    bare_path: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "serve.log"
    env = {**bare_path, "BACKTAX_SERVER_PORT": str(home_server.free_port())}  # not 4205
    proc = started([*BACKTAX, "serve", "--no-watch", "--home", str(tmp_path)], env, log)
    try:
        seen = wait_for_text(log, "serving backtax-batch", proc, timeout=400)
    finally:
        stop(proc)
    assert seen.count(INSTALL) == 1 and seen.index(UP_FRONT) < seen.index("serving")
