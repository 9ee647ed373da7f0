"""Accuracy on scans development never looked at (not a test): `python -m bench.scan_robustness`.

The committed scans are the ones development looked at. This script rasterises text W-2,
information return and transcript samples again with other seeds, skews and noise (the
generator's own `rasterise_and_degrade`), extracts them and compares every field with the
sample's expected JSON, so the figure measures OCR robustness, not fit to a few images.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ["BACKTAX_IN_WORKER"] = "1"  # one process per file here, no page pool inside

from extractors.pipeline import extract_file
from sample_docs.generators.scan import rasterise_and_degrade

ROOT = Path(__file__).resolve().parents[1] / "sample_docs"
SOURCES = {
    "W-2": [
        "w2/irs_2024_flat_john_bayside.pdf",
        "w2/payroll_2up_maria_globex.pdf",
        "w2/payroll_4up_linda_northwind.pdf",
        "w2/w2c_2023_linda_northwind.pdf",
        "w2/w2_two_employers_900-12-3456.pdf",
    ],
    "1099/1098/SSA": [
        "1099/nec/nec_irs_2023_brightline.pdf",
        "1099/int/int_irs_2023.pdf",
        "1099/div/div_statement_2023.pdf",
        "1099/misc/misc_irs_2023.pdf",
        "1099/b/b_irs_2023.pdf",
        "1098/f1098t_lookalike_2024.pdf",
        "ssa1099/replacement_2023_repaid.pdf",
    ],
    "transcript": [
        "transcripts/wi_2024_classic_masked.pdf",
        "transcripts/account_2023_classic_masked.pdf",
        "transcripts/return_2024_online_masked.pdf",
    ],
}
# (dpi, skew in degrees, noise 0..1, seed): none of them is a committed scan's
VARIANTS = [(200, 1.2, 0.4, 101), (300, -0.8, 0.3, 102), (300, 1.8, 0.45, 103)]
NOT_COMPARED = {"method", "source", "sha256", "confidence", "warnings"}


def leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every scalar of a record with its path; lists of objects item by item."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
        yield f"{path}#len", len(value)
        for i, item in enumerate(value):
            yield from leaves(item, f"{path}[{i}]")
    else:
        yield path, value


def score(scan: Path, expected: list[dict[str, Any]]) -> tuple[int, list[str]]:
    """Fields compared and the ones that differ, for one scan."""
    got = [r.to_json() for r in extract_file(scan).records]
    total, misses = 0, []
    for i, want in enumerate(expected):
        want = {k: v for k, v in want.items() if k not in NOT_COMPARED}
        same = (r for r in got if (r["pages"], r["doc_type"]) == (want["pages"], want["doc_type"]))
        record = dict(leaves(next(same, got[i] if i < len(got) else {})))
        for path, value in leaves(want):
            total += 1
            if record.get(path) != value:
                misses.append(f"{scan.name}#{i}:{path} expected {value!r} got {record.get(path)!r}")
    return total, misses


def one(job: tuple[str, str, tuple[int, float, float, int], str]) -> tuple[str, int, list[str]]:
    kind, source, (dpi, skew, noise, seed), out = job
    src = ROOT / source
    scan = Path(out) / f"{src.stem}_{dpi}dpi_seed{seed}.pdf"
    rasterise_and_degrade(src, scan, dpi=dpi, skew_deg=skew, noise=noise, seed=seed)
    expected = json.loads(src.with_name(f"{src.stem}.expected.json").read_text())
    return (kind, *score(scan, expected))


def main() -> None:
    with tempfile.TemporaryDirectory() as out:
        jobs = [(k, s, v, out) for k, files in SOURCES.items() for s in files for v in VARIANTS]
        totals: dict[str, list[int]] = {}
        with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
            for kind, total, misses in pool.map(one, jobs):
                tally = totals.setdefault(kind, [0, 0])
                tally[0] += total - len(misses)
                tally[1] += total
                for miss in misses:
                    print("  ", miss)
    for kind, (right, total) in totals.items():
        scans = len(SOURCES[kind]) * len(VARIANTS)
        print(f"{kind}: {right}/{total} fields exact ({right / total:.1%}) on {scans} new scans")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
