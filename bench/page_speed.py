"""Per-page extraction time of the text and OCR paths (not a test): `python bench/page_speed.py`.

Runs `extract_file` in this process (no pool, no Prefect) over the W-2 samples, text and
scanned, and prints seconds per page for each path. OCR uses one Tesseract thread.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ["BACKTAX_IN_WORKER"] = "1"  # measure one page at a time, no page pool

from extractors.kinds import all_kinds
from extractors.pipeline import extract_file

ROOT = Path(__file__).resolve().parents[1] / "sample_docs" / "w2"


def per_page(files: list[Path]) -> tuple[float, int]:
    total, pages = 0.0, 0
    for path in files:
        start = time.perf_counter()
        result = extract_file(path)
        total += time.perf_counter() - start
        pages += max((p for r in result.records for p in r.pages), default=1)
    return total, pages


def main() -> None:
    all_kinds()  # import the form descriptions once, outside the timings
    text = sorted(ROOT.glob("*.pdf"))
    scans = sorted((ROOT / "scans").glob("*.pdf")) + sorted((ROOT / "scans").glob("*.png"))
    for name, files in (("text", text), ("ocr", scans)):
        seconds, pages = per_page(files)
        print(f"{name}: {len(files)} files, {pages} pages, {seconds / pages:.3f} s per page")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
