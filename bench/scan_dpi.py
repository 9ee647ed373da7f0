"""Value recall of the committed scans rendered at 300 and at 200 dpi (not a test).

    python bench/scan_dpi.py [--dpi 300 200]

Every committed scanned PDF with an expected JSON is extracted at each resolution (the
extractor's own rendering and OCR, one process a file, two at once) and every field is
compared with the generator's expected values, as `bench/scan_robustness.py` does; the
CPU of each resolution (Tesseract's children included) and the fields one reads and the
other does not are printed, with each page's text size as rendered at 200 dpi
(`camera.effective_dpi`: what `ocr_dpi`'s small-text rule looks at).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ["BACKTAX_IN_WORKER"] = "1"  # one process per file here, no page pool inside

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from backtax.extractors.settings import ExtractSettings  # noqa: E402
from bench.scan_robustness import score  # noqa: E402


def scans() -> list[Path]:
    return sorted(
        p
        for p in (ROOT / "sample_docs").rglob("*.pdf")
        if "scan" in p.name and p.with_name(f"{p.stem}.expected.json").exists()
    )


def cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def one(job: tuple[Path, int]) -> tuple[Path, int, int, list[str], float]:
    import json

    path, dpi = job
    started = cpu()
    expected = json.loads(path.with_name(f"{path.stem}.expected.json").read_text())
    total, misses, _, _ = score(path, expected, ExtractSettings(dpi=dpi))
    return path, dpi, total, misses, cpu() - started


def text_sizes(path: Path) -> list[int]:
    """Each page's text size as rendered at 200 dpi, in `effective_dpi`'s terms."""
    import numpy as np
    import pdfplumber

    from backtax.extractors.readers import camera

    with pdfplumber.open(path) as pdf:
        return [
            camera.effective_dpi(np.asarray(p.to_image(resolution=200).original.convert("L")))
            for p in pdf.pages
        ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, nargs="+", default=[300, 200])
    args = parser.parse_args()
    files = scans()
    results: dict[tuple[Path, int], tuple[int, list[str], float]] = {}
    started = time.perf_counter()
    with ProcessPoolExecutor(2) as pool:
        jobs = [(p, d) for p in files for d in args.dpi]
        for path, dpi, total, misses, seconds in pool.map(one, jobs):
            results[path, dpi] = (total, misses, seconds)
    for dpi in args.dpi:
        total = sum(results[p, dpi][0] for p in files)
        wrong = sum(len(results[p, dpi][1]) for p in files)
        seconds = sum(results[p, dpi][2] for p in files)
        print(f"{dpi} dpi: {total - wrong}/{total} fields exact, {seconds:.0f} s CPU")
    first = args.dpi[0]
    for path in files:
        for dpi in args.dpi[1:]:
            lost = sorted(set(results[path, dpi][1]) - set(results[path, first][1]))
            found = sorted(set(results[path, first][1]) - set(results[path, dpi][1]))
            if lost or found:
                sizes = text_sizes(path)
                print(f"{path.relative_to(ROOT)} (text at 200 dpi seen as {sizes}):")
                for miss in lost:
                    print(f"  {dpi} dpi misses {miss}")
                for miss in found:
                    print(f"  {first} dpi misses {miss}")
    print(f"{len(files)} files, {time.perf_counter() - started:.0f} s, load {os.getloadavg()}")


if __name__ == "__main__":
    main()
