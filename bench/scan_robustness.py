"""Accuracy on scans development never looked at (not a test): `python -m bench.scan_robustness`.

The committed scans are the ones development looked at. This script rasterises text W-2,
information return and transcript samples again with other seeds, skews and noise (the
generator's own `rasterise_and_degrade`), and as phone photos, faxes (200x100 dpi, black
and white), 100-150 dpi exports and binarised copies (`write_style`), extracts them and
compares every field with the sample's expected JSON (rows of a list paired by content,
`bench/fields.py`), so the figure measures OCR robustness, not fit to a few images. It
also counts the pages PP-OCR read whole and the regions (suspect or missed values) it read
again, per trigger (`bench/engines.py`).
`--styles copier,photo` limits the run, `--kinds return/notice` to some families;
`--seed N` adds N to every variant's seed (fresh scans for a final figure); `--ocr-dpi D`
renders the PDF scans at D dpi for OCR; `--per-kind N` takes the first N samples a kind
(transcripts: Wage and Income, account, return, Record of Account, in that order; `--per-kind 4`
measures every kind).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ["BACKTAX_IN_WORKER"] = "1"  # one process per file here, no page pool inside

from backtax.extractors.pipeline import extract_file
from backtax.extractors.settings import ExtractSettings
from bench import engines
from bench.fields import tally
from sample_docs.generators.scan import rasterise_and_degrade, write_style

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
        "transcripts/record_of_account_2022_joint.pdf",
    ],
}
# Filed returns and IRS notices (track returns): a tax-software 1040 with five schedules,
# a preparer's legal-size 1040, the official 1040-X flattened, and three notices.
SOURCES["return/notice"] = [
    "returns/f1040_2023_schedules.pdf",
    "returns/f1040_2020_preparer_legal.pdf",
    "returns/f1040x_2023_flattened.pdf",
    "notices/cp2000_2023.pdf",
    "notices/cp504_2023.pdf",
    "notices/letter1058_2021.pdf",
]
# (style, dpi, skew in degrees, noise 0..1, seed): none of them is a committed scan's
VARIANTS = [
    ("copier", 200, 1.2, 0.4, 101),
    ("copier", 300, -0.8, 0.3, 102),
    ("copier", 300, 1.8, 0.45, 103),
    ("photo", 200, 0, 0, 104),
    ("fax", 200, 0, 0, 105),
    ("lowres", 100, 0, 0, 106),
    ("lowres", 150, 0, 0, 107),
    ("binarised", 300, 0, 0, 108),
]


def score(
    scan: Path, expected: list[dict[str, Any]], settings: ExtractSettings | None = None
) -> tuple[int, list[str], list[str], list[str]]:
    """Fields compared, the ones that differ, the values read that the expected record
    lacks (`invented`) and the form records nothing expects, for one scan. Expected and
    read records of a form are paired by the best assignment (`bench.fields.tally`)."""
    result = extract_file(scan, settings=settings)
    got = [r.to_json() for r in result.records]
    if result.error:  # every field then misses: say why
        print(f"   {scan.name}: {result.error}", file=sys.stderr)
    return tally(scan.name, expected, got)


engines.install()


def make_scan(src: Path, out: Path, variant: tuple[str, int, float, float, int]) -> Path:
    style, dpi, skew, noise, seed = variant
    scan = out / f"{src.stem}_{style}_{dpi}dpi_seed{seed}.pdf"
    if style == "copier":
        rasterise_and_degrade(src, scan, dpi=dpi, skew_deg=skew, noise=noise, seed=seed)
    else:
        write_style(src, scan, style, seed=seed, dpi=dpi)
    return scan


Job = tuple[str, str, tuple[str, int, float, float, int], str, int]


def one(job: Job) -> tuple[str, str, int, list[str], list[str], list[str], dict[str, float]]:
    kind, source, variant, out, dpi = job
    src = ROOT / source
    scan = make_scan(src, Path(out), variant)
    expected = json.loads(src.with_name(f"{src.stem}.expected.json").read_text())
    before = engines.snapshot()
    total, misses, made, extra = score(scan, expected, ExtractSettings(dpi=dpi))
    return kind, variant[0], total, misses, made, extra, engines.since(before)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--styles", default="", help="comma-separated styles (default all)")
    parser.add_argument("--kinds", default="", help="comma-separated kinds (default all)")
    parser.add_argument("--seed", type=int, default=0, help="added to every variant's seed")
    parser.add_argument("--ocr-dpi", type=int, default=ExtractSettings().dpi)
    parser.add_argument("--per-kind", type=int, default=0, help="first N samples a kind")
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    styles = set(args.styles.split(",")) - {""} or None
    kinds = set(args.kinds.split(",")) - {""} or None
    shift, dpi = args.seed, args.ocr_dpi
    variants = [(*v[:4], v[4] + shift) for v in VARIANTS if styles is None or v[0] in styles]
    with tempfile.TemporaryDirectory() as out:
        per_kind = args.per_kind or None
        jobs = [
            (k, s, v, out, dpi)
            for k, files in SOURCES.items()
            if kinds is None or k in kinds
            for s in files[:per_kind]
            for v in variants
        ]
        totals: dict[tuple[str, str], list[int]] = {}
        used = dict.fromkeys(engines.KEYS, 0.0)
        with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
            for kind, style, total, misses, made, extra, counts in pool.map(one, jobs):
                tally = totals.setdefault((kind, style), [0, 0, 0, 0, 0])
                tally[0] += total - len(misses)
                tally[1] += total
                tally[2] += 1
                tally[3] += len(made)
                tally[4] += len(extra)
                for key, n in counts.items():
                    used[key] += n
                for line in (*misses, *made, *extra):
                    print("  ", line)
    for (kind, style), (right, total, scans, made, extra) in sorted(totals.items()):
        print(
            f"{kind} {style}: {right}/{total} fields exact ({right / total:.1%}), "
            f"{made} invented, {extra} extra records, {scans} new scans"
        )
    for kind in SOURCES:
        tallies = [t for (k, _), t in totals.items() if k == kind]
        if tallies:
            right, total, _, made, extra = (sum(column) for column in zip(*tallies, strict=True))
            print(
                f"{kind} all styles: {right}/{total} ({right / total:.1%}), "
                f"{made} invented, {extra} extra records"
            )
    print(engines.summary(used))
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
