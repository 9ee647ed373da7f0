"""Each hostile input through a worker of its own: outcome, wall time, worker peak memory.

    python -m bench.hostile_bench [--seconds-per-page 10] [--memory-mb 3072]

The inputs are generated (tests/hostile_files.py) into a temporary folder. Peak memory is
the worker's high-water resident size (VmHWM), Tesseract's processes not included.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import hostile_files as hostile  # noqa: E402

from extractors.settings import ExtractSettings  # noqa: E402
from flows.workers import Job, Limits, WorkerPool  # noqa: E402

SAMPLE = ROOT / "sample_docs" / "w2" / "irs_2024_fillable_jane_acme.pdf"


def inputs(folder: Path) -> dict[str, Path]:
    return {
        "objects referring to each other (page resources)": hostile.resources_loop_pdf(
            folder / "resources_loop.pdf"
        ),
        "objects referring to each other (fonts: pdfminer hangs)": hostile.font_loop_pdf(
            folder / "font_loop.pdf"
        ),
        "14400 x 14400 pt page, no text": hostile.huge_page_pdf(folder / "huge_page.pdf"),
        "1,000-frame TIFF (letter, 300 dpi)": hostile.many_frames_tiff(folder / "frames.tiff"),
        "Flate bomb (4 MB to 4 GB)": hostile.flate_bomb_pdf(folder / "bomb.pdf"),
        "PNG one pixel row over the pixel limit": hostile.png_header_only(
            folder / "over.png", 10_000, 12_001
        ),
        "PNG of 100 MP (under the pixel limit: memory limit)": hostile.large_png(
            folder / "big.png", 10_000, 10_000
        ),
        "a text W-2 (control)": SAMPLE,
    }


def measure(path: Path, limits: Limits) -> dict[str, object]:
    pool = WorkerPool(1, limits)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    job = Job(str(path), sha, path.name, asdict(ExtractSettings(ocr_workers=1)), b"k" * 32)
    try:
        result = pool.read(job)
        outcome = result["error"]["reason"] if result["error"] else f"{len(result['records'])} doc"
    except Exception as exc:
        outcome = f"{type(exc).__name__}: {exc}"
    seconds = pool.last_seconds  # from the worker's start of the file, its own start apart
    pool.close()
    return {
        "bytes": path.stat().st_size,
        "outcome": outcome,
        "seconds": round(seconds, 1),
        "peak_mb": round(pool.peak_rss_kb / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds-per-page", type=float, default=10.0)
    parser.add_argument("--memory-mb", type=int, default=3072)
    args = parser.parse_args()
    limits = Limits(args.seconds_per_page, args.seconds_per_page * 10, args.memory_mb)
    print(f"limits: {limits}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        rows = {name: measure(path, limits) for name, path in inputs(Path(tmp)).items()}
    print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
