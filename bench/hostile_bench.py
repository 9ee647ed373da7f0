"""Each hostile input and fault through a worker of its own: outcome, time, worker peak memory.

    python -m bench.hostile_bench [--seconds-per-page 10] [--memory-mb 3072] [--only NAME]

The inputs are generated (tests/hostile_files.py) into a temporary folder. Peak memory is
the worker's high-water resident size (VmHWM), Tesseract's processes not included. The
faults: a file gone before its worker reads it, the 100 MP PNG under a 600 MB cap (the
memory limit reached, not the time limit), and a stop (what SIGTERM does: every worker
killed) while a worker spins on the pdfminer loop, timed until the worker is gone.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import hostile_files as hostile  # noqa: E402

from backtax.extractors.settings import ExtractSettings  # noqa: E402
from backtax.flows.workers import Job, Limits, WorkerPool, _Worker  # noqa: E402

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


def job_for(path: Path) -> Job:
    sha = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "0" * 64
    return Job(str(path), sha, path.name, asdict(ExtractSettings(ocr_workers=1)), b"k" * 32)


def measure(path: Path, limits: Limits) -> dict[str, object]:
    pool = WorkerPool(1, limits)
    job = job_for(path)
    try:
        result = pool.read(job)
        outcome = result["error"]["reason"] if result["error"] else f"{len(result['records'])} doc"
    except Exception as exc:
        outcome = f"{type(exc).__name__}: {exc}"
    seconds = pool.last_seconds  # from the worker's start of the file, its own start apart
    pool.close()
    return {
        "bytes": path.stat().st_size if path.exists() else 0,
        "outcome": outcome,
        "seconds": round(seconds, 1),
        "peak_mb": round(pool.peak_rss_kb / 1024),
    }


def measure_stop(path: Path, limits: Limits) -> dict[str, object]:
    """Read a file that hangs, stop the pool once the worker is in the loop; the time from
    the stop until the read has ended and the worker process is gone."""
    pool = WorkerPool(1, limits)
    started: list[_Worker] = []
    ended: list[str] = []

    def read() -> None:
        try:
            pool.read(job_for(path))
        except Exception as exc:
            ended.append(f"{type(exc).__name__}: {exc}")

    thread = threading.Thread(target=read)
    thread.start()
    while not pool.busy or not next(iter(pool.busy)).ready:
        time.sleep(0.1)
    started.extend(pool.busy)
    time.sleep(3)  # in the loop
    pool._note_memory(started[0])
    stop = time.monotonic()
    pool.close()
    thread.join()
    started[0].process.wait()
    return {
        "bytes": path.stat().st_size,
        "outcome": f"{ended[0]}; worker gone",
        "seconds": round(time.monotonic() - stop, 1),
        "peak_mb": round(pool.peak_rss_kb / 1024),
    }


def faults(folder: Path, limits: Limits) -> dict[str, dict[str, object]]:
    png = hostile.large_png(folder / "capped.png", 10_000, 10_000)
    loop = hostile.font_loop_pdf(folder / "stopped.pdf")
    capped = Limits(max(limits.seconds_per_page, 120.0), limits.seconds_per_file, 600)
    return {
        "fault: the file gone before it is read": measure(folder / "gone.pdf", limits),
        "fault: PNG of 100 MP, memory limit 600 MB": measure(png, capped),
        "fault: stop (SIGTERM) while a worker hangs": measure_stop(loop, limits),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds-per-page", type=float, default=10.0)
    parser.add_argument("--memory-mb", type=int, default=3072)
    parser.add_argument("--only", help="rows whose name holds this text")
    args = parser.parse_args()
    limits = Limits(args.seconds_per_page, args.seconds_per_page * 10, args.memory_mb)
    print(f"limits: {limits}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = {}
        for name, path in inputs(folder).items():
            if not args.only or args.only in name:
                rows[name] = measure(path, limits)
                print(name, rows[name], file=sys.stderr)
        if not args.only or "fault" in args.only:
            rows.update(faults(folder, limits))
    print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
