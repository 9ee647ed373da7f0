"""Per-page extraction time of the text and OCR paths (not a test): `python bench/page_speed.py`.

Runs `extract_file` in this process (no pool, no Prefect) and prints seconds per page for
each path, wall and CPU (the CPU figure moves less with the machine's load). OCR uses one
Tesseract thread (its CPU is a child's, counted in the CPU figure).

    python bench/page_speed.py [--paths text ocr] [--all]

`--all` reads every text sample (not only the W-2s); bare pdfplumber's words and text of
the same pages are timed beside, in the same run. `--engines tesseract auto ppocr` times
the OCR path per engine setting, with each engine's CPU per trigger and the share of pages
PP-OCR read whole or in regions (`bench/engines.py`; with `ppocr` forced every page counts
as "failed"), and the process's peak memory (one worker's). `--scans DIR` reads the PDFs
and images of DIR as the OCR set instead of the W-2 scans; `--dpi` renders PDF scans at
that resolution.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ["BACKTAX_IN_WORKER"] = "1"  # measure one page at a time, no page pool
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `bench.engines`, run as a file

from backtax.extractors.kinds import all_kinds
from backtax.extractors.pipeline import extract_file
from backtax.extractors.settings import ExtractSettings
from bench import engines

SAMPLES = Path(__file__).resolve().parents[1] / "sample_docs"
W2 = SAMPLES / "w2"


cpu = engines.cpu
engines.install()


def per_page(files: list[Path], engine: str = "auto", dpi: int = 300) -> tuple[float, float, int]:
    wall, used, pages = 0.0, 0.0, 0
    for path in files:
        start, start_cpu = time.perf_counter(), cpu()
        result = extract_file(path, settings=ExtractSettings(dpi=dpi, ocr_engine=engine))
        if result.error is not None:  # a failed file is quick: it must not pass for a fast page
            raise SystemExit(f"{path.name}: {result.error}")
        wall += time.perf_counter() - start
        used += cpu() - start_cpu
        pages += max((p for r in result.records for p in r.pages), default=1)
    return wall, used, pages


def bare_pdfplumber(files: list[Path]) -> tuple[float, float, int]:
    import pdfplumber

    start, start_cpu, pages = time.perf_counter(), cpu(), 0
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_words()
                page.extract_text()
                pages += 1
    return time.perf_counter() - start, cpu() - start_cpu, pages


def text_samples(every: bool) -> list[Path]:
    if not every:
        return sorted(W2.glob("*.pdf"))
    return sorted(
        p for p in SAMPLES.rglob("*.pdf") if "scan" not in str(p) and "bad" not in p.parts
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paths", nargs="+", choices=("text", "ocr"), default=["text", "ocr"])
    parser.add_argument("--all", action="store_true", help="every text sample, not the W-2s")
    parser.add_argument("--engines", nargs="+", choices=("auto", "tesseract", "ppocr"),
                        default=["auto"])  # fmt: skip
    parser.add_argument("--scans", type=Path, default=W2 / "scans")
    parser.add_argument("--dpi", type=int, default=ExtractSettings().dpi)
    args = parser.parse_args()
    all_kinds()  # import the form descriptions once, outside the timings
    print(f"load {os.getloadavg()[0]:.2f}")
    scans = sorted(args.scans.glob("*.pdf")) + sorted(args.scans.glob("*.png"))
    runs = {"text": lambda: per_page(text_samples(args.all))}
    for engine in args.engines:
        runs[f"ocr ({engine})"] = lambda engine=engine: per_page(scans, engine, args.dpi)
    paths = [n for n in runs if n.split(" ")[0] in args.paths]
    for name in paths:
        before = engines.snapshot()
        wall, used, pages = runs[name]()
        print(
            f"{name}: {pages} pages, {wall / pages:.3f} s wall, {used / pages:.3f} s CPU per page"
        )
        counts = engines.since(before)
        if counts["pages"]:
            print("  " + engines.summary(counts).replace("\n", "\n  "))
        if name == "text":
            wall, used, pages = bare_pdfplumber(text_samples(args.all))
            print(f"bare pdfplumber (words and text): {pages} pages, {wall / pages:.3f} s wall, "
                  f"{used / pages:.3f} s CPU per page")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process (one worker): {peak:.0f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
