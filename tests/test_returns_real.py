"""Third-party Form 1040 / 1040-SR prints (shared/reference_docs/real/, labels written by
their publisher's data and checked by eye, see SOURCES.md) compared field by field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parents[1].parent / "shared/reference_docs/real"
SAMPLES = sorted(p for p in REAL.glob("*1040*.pdf")) if REAL.is_dir() else []


@pytest.mark.parametrize("pdf", SAMPLES, ids=lambda p: p.name)
def test_third_party_1040_field_by_field(pdf: Path, extracted) -> None:
    expected = json.loads(pdf.with_suffix(".expected.json").read_text())
    result = extracted(pdf)
    assert result.error is None
    returns = [r for r in result.records if r.doc_type == "1040"]
    assert [r.doc_type for r in result.records] == ["1040"] * len(expected)
    for want, got in zip(expected, returns, strict=True):
        assert got.tax_year == want["tax_year"]
        assert got.recipient_tin_last4 == want["recipient_tin_last4"]
        wrong = {
            k: (v, got.fields.get(k)) for k, v in want["fields"].items() if got.fields.get(k) != v
        }
        assert not wrong, wrong


def test_sample_folder_has_the_three_returns() -> None:
    assert len(SAMPLES) == 3
