"""Every sample Form 1040 / 1040-X under sample_docs/returns against the values its
generator put on it (sample_docs/generators/returns.py writes the expected records)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "sample_docs/returns"
SAMPLES = sorted(ROOT.glob("*.pdf"))


def _cases() -> list[tuple[Path, str]]:
    out = []
    for pdf in SAMPLES:
        for want in json.loads(pdf.with_name(f"{pdf.stem}.expected.json").read_text()):
            out += [(pdf, f"fields.{k}") for k in want["fields"]]
            out += [(pdf, k) for k in ("doc_type", "tax_year", "recipient_tin_last4")]
            out += [(pdf, f"lines.{row['line']}") for row in want.get("lines", [])]
    return out


def _value(record: dict, key: str):
    if key.startswith("fields."):
        return record["fields"].get(key.split(".", 1)[1])
    if key.startswith("lines."):
        number = key.split(".", 1)[1]
        return next((r for r in record.get("lines", []) if r["line"] == number), None)
    return record.get(key)


@pytest.mark.parametrize(("pdf", "key"), _cases(), ids=lambda x: getattr(x, "name", x))
def test_return_field_matches_generator(pdf: Path, key: str, extracted) -> None:
    (want,) = json.loads(pdf.with_name(f"{pdf.stem}.expected.json").read_text())
    result = extracted(pdf)
    assert result.error is None
    records = [r.to_json() for r in result.records]
    assert [r["doc_type"] for r in records] == [want["doc_type"]], "one record per return"
    assert _value(records[0], key) == _value(want, key)


def test_samples_cover_three_years_and_the_layouts() -> None:
    years = {
        json.loads(p.with_name(f"{p.stem}.expected.json").read_text())[0]["tax_year"]
        for p in SAMPLES
    }
    assert len(years) >= 3
    kinds = {p.stem.rsplit("_", 1)[-1] for p in SAMPLES}
    assert {"fillable", "flattened", "scan300", "software", "legal"} <= kinds
