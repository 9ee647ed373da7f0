"""Every sample IRS notice under sample_docs/notices against the values its generator put
on it (sample_docs/generators/notices.py): one record per notice, whatever its pages;
letters that are not notices make no IRS-NOTICE record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "sample_docs/notices"
SAMPLES = sorted(ROOT.glob("*.pdf"))


def _expected(pdf: Path) -> list[dict]:
    return json.loads(pdf.with_name(f"{pdf.stem}.expected.json").read_text())


def _cases() -> list[tuple[Path, str]]:
    out = []
    for pdf in SAMPLES:
        for want in _expected(pdf):
            out.append((pdf, "doc_type"))
            if want["doc_type"] != "IRS-NOTICE":
                continue
            out += [(pdf, f"fields.{k}") for k in want["fields"]]
            out += [(pdf, "tax_year"), (pdf, "recipient_tin_last4")]
            out += [(pdf, f"entries.{i}") for i in range(len(want.get("entries", [])))]
            out += [(pdf, f"proposed_changes.{k}") for k in want.get("proposed_changes", {})]
    return out


def _value(record: dict, key: str):
    head, _, rest = key.partition(".")
    if head == "fields":
        return record["fields"].get(rest)
    if head == "entries":
        entries = record.get("entries", [])
        return entries[int(rest)] if int(rest) < len(entries) else None
    if head == "proposed_changes":
        return record.get("proposed_changes", {}).get(rest)
    return record.get(key)


@pytest.mark.parametrize(("pdf", "key"), _cases(), ids=lambda x: getattr(x, "name", x))
def test_notice_field_matches_generator(pdf: Path, key: str, extracted) -> None:
    (want,) = _expected(pdf)
    result = extracted(pdf)
    assert result.error is None
    records = [r.to_json() for r in result.records]
    assert [r["doc_type"] for r in records] == [want["doc_type"]], "one record per letter"
    assert _value(records[0], key) == _value(want, key)


def test_every_notice_type_has_a_sample() -> None:
    types = {w["fields"].get("notice_type") for p in SAMPLES for w in _expected(p)}
    wanted = {"CP2000", "CP14", "CP501", "CP503", "CP504", "LT11", "1058", "CP90", "CP11"}
    assert wanted | {"CP12", "CP59"} <= types
