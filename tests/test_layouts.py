"""Every catalogue form in the tested layout families (sample_docs/layouts, written by
sample_docs/generators/layouts.py from the values it drew): every expected value exact,
no record beyond the expected ones (pages about a form give none), and no value read
from a box the document leaves blank. The held-out families are not here by design: only
bench/layout_robustness.py draws them."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from backtax.extractors.pipeline import FileResult
from sample_docs.generators import layouts

ROOT = Path(__file__).resolve().parents[1] / "sample_docs" / "layouts"
SAMPLES = sorted(ROOT.glob("*/*.pdf"))
HEADER = ("doc_type", "tax_year", "pages", "payer_tin", "recipient_tin_last4")
# Values the engine misses today (docs/forms_layouts.md): non-strict xfails, so a fix shows.
KNOWN_GAPS = frozenset(
    {
        "table/1099_g_scan/recipient_tin_last4",  # past the page edge: `900-12-`
        "gutter_pairs/w_2g_scan/recipient_tin_last4",  # `***-**-4329` on the scan
    }
)


def _expected(pdf: Path) -> list[dict[str, Any]]:
    return json.loads(pdf.with_name(f"{pdf.stem}.expected.json").read_text())


def _cases() -> Iterator[Any]:
    for pdf in SAMPLES:
        for record in _expected(pdf):
            values = {**{k: record[k] for k in HEADER}, **record["fields"]}
            for key, value in values.items():
                case = f"{pdf.parent.name}/{pdf.stem}/{key}"
                yield pytest.param(pdf, key, value, id=case, marks=_gap(case))


def _gap(case: str) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(reason="known gap", strict=False)] * (case in KNOWN_GAPS)


def _with_gaps(suffix: str = "") -> list[Any]:
    return [
        pytest.param(
            p, id=f"{p.parent.name}/{p.stem}", marks=_gap(f"{p.parent.name}/{p.stem}{suffix}")
        )
        for p in SAMPLES
    ]


def _record(result: FileResult, doc_type: str) -> dict[str, Any]:
    same = [r.to_json() for r in result.records if r.doc_type == doc_type]
    assert same, f"no {doc_type} record extracted"
    return same[0]


def test_samples_cover_every_tested_family_and_no_held_out_one() -> None:
    families = {p.parent.name for p in SAMPLES}
    assert families == set(layouts.TESTED)
    assert not families & set(layouts.HELD_OUT)


@pytest.mark.parametrize(("pdf", "key", "value"), list(_cases()))
def test_layout_value_matches_generator(
    extracted: Callable[[Path], FileResult], pdf: Path, key: str, value: Any
) -> None:
    expected = _expected(pdf)[0]
    got = _record(extracted(pdf), expected["doc_type"])
    assert {**got, **got["fields"]}.get(key) == value


@pytest.mark.parametrize("pdf", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_layout_gives_exactly_its_records(
    extracted: Callable[[Path], FileResult], pdf: Path
) -> None:
    """One record per form; an earnings summary, instructions, a table of contents, a
    cover letter or an escrow table beside it gives none."""
    forms = sorted(r.doc_type for r in extracted(pdf).records if r.doc_type != "UNKNOWN")
    assert forms == sorted(e["doc_type"] for e in _expected(pdf))


@pytest.mark.parametrize("pdf", _with_gaps("/invented"))
def test_layout_invents_no_value(extracted: Callable[[Path], FileResult], pdf: Path) -> None:
    """Nothing is read from a box the document leaves blank (a check box read as not
    checked where none is printed is the contract's reading of a blank box, not a value)."""
    expected = _expected(pdf)[0]
    got = _record(extracted(pdf), expected["doc_type"])
    invented = {k: v for k, v in got["fields"].items() if k not in expected["fields"]}
    assert {k: v for k, v in invented.items() if v is not False} == {}
