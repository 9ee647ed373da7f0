"""Shared fixtures: each sample file extracted once per session."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from backtax.extractors.pipeline import FileResult, extract_file

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract: one thread per page process
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # sample_docs.generators (people, expected values) is not installed
    sys.path.insert(0, str(ROOT))

BACKTAX = [sys.executable, "-m", "backtax.flows"]


@pytest.fixture(scope="session")
def extracted() -> Callable[[Path], FileResult]:
    """`extracted(path)`: the pipeline's result for a file, computed once per session
    (OCR costs about a second a page, and many tests look at the same scans)."""
    cache: dict[Path, FileResult] = {}

    def get(path: Path) -> FileResult:
        key = path.resolve()
        if key not in cache:
            cache[key] = extract_file(key, display_source=str(path))
        return cache[key]

    return get


@pytest.fixture(scope="session")
def cli_extract_samples(
    tmp_path_factory: pytest.TempPathFactory,
) -> subprocess.CompletedProcess[str]:
    """`python -m flows extract sample_docs --json` run once, in a fresh home (the bad
    inputs under sample_docs/bad included, so the exit status is 3)."""
    home = tmp_path_factory.mktemp("home")
    return subprocess.run(
        [*BACKTAX, "extract", "sample_docs", "--json", "--home", str(home)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1200,
        check=False,
    )
