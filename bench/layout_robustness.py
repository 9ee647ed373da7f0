"""Accuracy by layout family on documents drawn fresh: `python -m bench.layout_robustness`.

Every catalogue form is drawn in every family of `sample_docs/generators/layouts.py`
(the held-out families too, which never enter sample_docs/ or the tests) with seeds no
sample uses, extracted, and compared with the generator's values. Per family, text and
scanned: fields exact (every expected box value, tax year, payer TIN and recipient last
four), invented values (a field read that the document leaves blank), missing records
(an expected form not found) and extra records (a form record nothing expects). A check
box read as not checked (`false`) where the document prints no such box is counted apart
(`unprinted checks`): the contract reads an unmarked box as false, so it is no invented
amount, but the document does not say it either.

Options: `--seeds N` documents per form and family on text (default 2), `--scans N`
scanned documents per family (default 4), `--families a,b`, `--jobs N` (default 2),
`--seed N` the first text seed (default 10000; scans start 500 above it): a final figure
takes one no development ran.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ["BACKTAX_IN_WORKER"] = "1"  # one process per file here, no page pool inside

from backtax.extractors.pipeline import extract_file
from bench.fields import counts
from sample_docs.generators import layouts

SEED_BASE = 10_000  # sample_docs/ uses seed 1; the bench never does


def _one(job: tuple[str, str, int, bool, str]) -> Counter[str]:
    family, doc_type, seed, scanned, folder = job
    form = layouts.catalog.form(doc_type)
    pdf = Path(folder) / f"{family}_{layouts.slug(doc_type)}_{seed}.pdf"
    expected = layouts.render(family, form, seed, pdf)
    if scanned:
        scan = pdf.with_name(pdf.stem + "_scan.pdf")
        layouts.scan(pdf, scan, seed)
        pdf = scan
    result = extract_file(pdf)
    if result.error:
        return Counter(records=len(expected), missing=len(expected), errors=1)
    return counts(expected, [r.to_json() for r in result.records])


def run(
    families: tuple[str, ...], seeds: int, scans: int, jobs: int, base: int = SEED_BASE
) -> dict[str, Any]:
    work: list[tuple[str, str, int, bool, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        for family in families:
            forms = [f.doc_type for f in layouts.family_forms(family)]
            for s in range(seeds):
                work += [(family, f, base + s, False, folder) for f in forms]
            for s in range(scans):
                form = forms[(s * 7 + base - SEED_BASE) % len(forms)]  # another seed, other forms
                work.append((family, form, base + 500 + s, True, folder))
        with ProcessPoolExecutor(jobs) as pool:
            counts = list(pool.map(_one, work, chunksize=4))
    totals: dict[str, dict[str, Counter[str]]] = {}
    for (family, _, _, scanned, _), c in zip(work, counts, strict=True):
        totals.setdefault(family, {}).setdefault("scan" if scanned else "text", Counter()).update(c)
    return {f: {m: dict(c) for m, c in by.items()} for f, by in totals.items()}


def table(results: dict[str, Any]) -> str:
    head = "family | held out | path | records | fields exact | invented | missing | extra"
    rows = [f"| {head} | unprinted checks |", "|" + " --- |" * 9]
    for family, by in results.items():
        for path in ("text", "scan"):
            c = by.get(path)
            if not c:
                continue
            share = 100 * c.get("exact", 0) / max(c.get("fields", 0), 1)
            rows.append(
                f"| {family} | {'yes' if family in layouts.HELD_OUT else 'no'} | {path} "
                f"| {c.get('records', 0)} | {c.get('exact', 0)} of {c.get('fields', 0)} "
                f"({share:.1f}%) | {c.get('invented', 0)} | {c.get('missing', 0)} "
                f"| {c.get('extra', 0)} | {c.get('unprinted_checks', 0)} |"
            )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--scans", type=int, default=4)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=SEED_BASE)
    parser.add_argument("--families", default=",".join(layouts.FAMILIES))
    parser.add_argument("--json", type=Path, help="also write the counts here")
    args = parser.parse_args(argv)
    families = tuple(f for f in args.families.split(",") if f)
    unknown = set(families) - set(layouts.FAMILIES)
    if unknown:
        parser.error(f"no such family: {', '.join(sorted(unknown))}")
    if args.seed < SEED_BASE:
        parser.error(f"--seed below {SEED_BASE}: sample_docs/ uses those seeds")
    results = run(families, args.seeds, args.scans, args.jobs, args.seed)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
