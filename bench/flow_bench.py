"""Benchmark (not a test): the batch flow against bare pdfplumber and bare Tesseract.

    python bench/flow_bench.py [--docs 1000] [--workers N] [--out bench/results.json]

1. Side by side over the same pages: bare pdfplumber (words of every page of the text
   PDFs) and bare Tesseract (every page of the scans rendered at 300 dpi), each on a
   process pool of the same size as the flow's workers, against `batch_flow` over the
   same files (classify, extract, store, cross-check, report; a fresh home, no cache).
2. Throughput: the batch flow over `--docs` documents (text PDFs made distinct by a
   trailing PDF comment, so none is a cache hit), documents per minute and peak memory
   (this process and its children, Tesseract included, sampled every 0.2 s).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_docs"


def text_pdfs() -> list[Path]:
    return sorted(
        p for p in SAMPLES.rglob("*.pdf") if "scan" not in str(p) and "bad" not in p.parts
    )


def scans() -> list[Path]:
    return sorted(p for p in SAMPLES.rglob("*.pdf") if "scan" in p.name)


def words_of(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return sum(len(page.extract_words()) for page in pdf.pages)


def ocr_of(path: Path) -> int:
    import pypdfium2 as pdfium
    import pytesseract

    pdf = pdfium.PdfDocument(str(path))
    try:
        images = [page.render(scale=300 / 72).to_pil().convert("L") for page in pdf]
    finally:
        pdf.close()
    return sum(len(pytesseract.image_to_data(i, output_type="dict")["text"]) for i in images)


def bare(func: Any, files: list[Path], workers: int) -> float:
    started = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(func, files))
    return time.perf_counter() - started


class PeakMemory:
    """Peak resident memory of this process and all its children."""

    def __init__(self) -> None:
        self.peak = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)

    def sample(self) -> None:
        me = psutil.Process()
        while not self.stop.wait(0.2):
            total = me.memory_info().rss
            for child in me.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    total += child.memory_info().rss
            self.peak = max(self.peak, total)

    def __enter__(self) -> PeakMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def flow_over(files: list[Path], work: Path, name: str) -> tuple[float, dict[str, Any]]:
    """The batch flow over copies of `files` in a fresh home; seconds and its summary."""
    from flows.batch import batch_flow

    folder = work / name
    folder.mkdir()
    for i, path in enumerate(files):
        shutil.copy2(path, folder / f"{i:04d}_{path.name}")
    os.environ["BACKTAX_DATABASE"] = str(work / f"{name}.sqlite")  # a store of its own
    started = time.perf_counter()
    summary = batch_flow(folder=str(folder))
    return time.perf_counter() - started, summary


def distinct_copies(sources: list[Path], count: int, folder: Path, tag: str = "") -> None:
    """`count` copies of `sources`, each new to the cache (a trailing PDF comment)."""
    folder.mkdir()
    for i in range(count):
        src = sources[i % len(sources)]
        data = src.read_bytes() + f"\n%backtax-bench-{tag}{i}\n".encode()
        (folder / f"{i:04d}_{src.name}").write_bytes(data)


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes), quoted with every figure."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--scans", type=int, default=8, help="scanned files side by side")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    from flows import prefect_env
    from flows.settings import Settings

    work = Path(tempfile.mkdtemp(prefix="backtax-bench-"))
    os.environ["BACKTAX_WORKERS"] = str(args.workers)
    prefect_env.configure(Settings.load(work / "home"))
    flow_over([text_pdfs()[0]], work, "warmup")  # Prefect's ephemeral server starts here

    texts, scanned = text_pdfs(), scans()[: args.scans]
    results: dict[str, Any] = {"workers": args.workers, "cpus": os.cpu_count()}
    t_plumber = bare(words_of, texts, args.workers)
    t_flow_text, _ = flow_over(texts, work, "text")
    t_tess = bare(ocr_of, scanned, args.workers)
    t_flow_scan, _ = flow_over(scanned, work, "scan")
    results["side_by_side"] = {
        "text_files": len(texts), "pdfplumber_s": round(t_plumber, 2),
        "flow_text_s": round(t_flow_text, 2),
        "ratio_to_pdfplumber": round(t_flow_text / t_plumber, 2),
        "scan_files": len(scanned), "tesseract_s": round(t_tess, 2),
        "flow_scan_s": round(t_flow_scan, 2), "ratio_to_tesseract": round(t_flow_scan / t_tess, 2),
    }  # fmt: skip
    print(json.dumps(results, indent=1), flush=True)

    distinct_copies(texts, args.docs, work / "many_src")
    with PeakMemory() as memory:
        started = time.perf_counter()
        seconds, summary = flow_over(sorted((work / "many_src").iterdir()), work, "many")
        seconds = time.perf_counter() - started
    results["throughput"] = {
        "files": args.docs, "documents": summary["documents"], "seconds": round(seconds, 1),
        "files_per_minute": round(args.docs / seconds * 60, 1),
        "documents_per_minute": round(summary["documents"] / seconds * 60, 1),
        "peak_memory_mb": round(memory.peak / 2**20), "check_error": summary["check_error"],
    }  # fmt: skip
    print(json.dumps(results, indent=1), flush=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
