"""IRS transcripts: every sample's records against the expected JSON written by its generator,
and the reference renderings (shared/reference_docs/transcripts) as independent ground truth."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from backtax.extractors.classifier import identify
from backtax.extractors.pipeline import extract_file
from bench.fields import invented

ROOT = Path(__file__).parents[1]
SAMPLES = ROOT / "sample_docs" / "transcripts"
REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "reference_docs/transcripts"
TEXT_SAMPLES = sorted(p for p in SAMPLES.glob("*.pdf") if "scan" not in p.name)
SCANS = sorted(SAMPLES.glob("*scan*.pdf"))
FULL_SSNS = ("900-12-3456", "666-40-1234", "000-55-7788", "955-01-2468")


@cache
def records(path: Path) -> list[dict[str, Any]]:
    """The records of one file, extracted once per test process (OCR'd scans are slow)."""
    result = extract_file(path)
    assert result.error is None, result.error
    return [r.to_json() for r in result.records]


def expected(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.with_name(f"{path.stem}.expected.json").read_text())


def differences(want: Any, got: Any, where: str = "") -> list[str]:
    """Every expected key must be present with the expected value; lists must match in length."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return [f"{where}: expected an object, got {got!r}"]
        out = []
        for key, value in want.items():
            if key not in got:
                out.append(f"{where}.{key}: missing, expected {value!r}")
            else:
                out.extend(differences(value, got[key], f"{where}.{key}"))
        return out
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return [f"{where}: expected {len(want)} items, got {got!r}"]
        return [
            d
            for i, (w, g) in enumerate(zip(want, got, strict=True))
            for d in differences(w, g, f"{where}[{i}]")
        ]
    return [] if want == got else [f"{where}: expected {want!r}, got {got!r}"]


@pytest.mark.parametrize("pdf", sorted(REFERENCE.glob("*.pdf")), ids=lambda p: p.stem)
def test_reference_transcript_fields_match_the_reference_json(pdf: Path) -> None:
    assert differences(expected(pdf), records(pdf)) == []


@pytest.mark.parametrize("pdf", TEXT_SAMPLES, ids=lambda p: p.stem)
def test_text_transcript_sample_comes_back_exactly(pdf: Path) -> None:
    assert differences(expected(pdf), records(pdf)) == []


@pytest.mark.parametrize("pdf", TEXT_SAMPLES, ids=lambda p: p.stem)
def test_text_transcript_sample_expects_every_value_it_prints(pdf: Path) -> None:
    """The generator expects each value it prints (`SE TAXABLE INCOME SPOUSE: 0.00`, the
    Record of Account's name line), so the scan bench counts only values the page lacks as
    invented."""
    got = records(pdf)
    assert len(got) == len(expected(pdf))
    assert [p for w, r in zip(expected(pdf), got, strict=True) for p in invented(w, r)] == []


@pytest.mark.parametrize("pdf", SCANS, ids=lambda p: p.stem)
def test_scanned_transcript_comes_back_exactly(pdf: Path) -> None:
    got = records(pdf)
    assert {r["method"] for r in got} == {"ocr"}
    assert differences(expected(pdf), got) == []


def test_multi_period_pdfs_split_into_one_record_per_period() -> None:
    for name, years in (
        ("account_2019_2021_three_periods", [2019, 2020, 2021]),
        ("return_2019_2021_three_periods", [2019, 2020, 2021]),
        ("wi_2019_2020_two_periods", [2019, 2020]),
    ):
        got = records(SAMPLES / f"{name}.pdf")
        assert [r["tax_year"] for r in got] == years
        pages = [p for r in got for p in r["pages"]]
        assert len(pages) == len(set(pages)), name


def test_page_header_repeated_inside_a_form_block_is_not_content() -> None:
    (wi,) = records(SAMPLES / "wi_2024_classic_masked.pdf")
    spanning = [e for e in wi["entries"] if len(e["pages"]) > 1]
    assert spanning, "the sample must break a form block over a page"
    assert all(
        "tracking_number" not in e["fields"] and "request_date" not in e["fields"] for e in spanning
    )


def test_unmasked_transcripts_never_write_a_full_ssn() -> None:
    for pdf in TEXT_SAMPLES:
        text = json.dumps(records(pdf))
        assert not any(ssn in text or ssn.replace("-", "") in text for ssn in FULL_SSNS), pdf.name


def test_unmasked_transcript_keeps_last_four_and_a_tin_key(tmp_path: Path) -> None:
    pdf = SAMPLES / "wi_2021_online_unmasked_000-55-7788.pdf"
    result = extract_file(pdf, tin_secret=b"test-secret")
    (record,) = result.records
    assert record.recipient_tin_last4 == "7788"
    assert "recipient_tin_key" in record.extra
    assert "000-55-7788" not in result.source


def test_transcript_pages_outbid_paper_forms() -> None:
    for pdf in (
        SAMPLES / "wi_2024_classic_masked.pdf",
        REFERENCE / "sample_wage_and_income_2023.pdf",
    ):
        for record in records(pdf):
            assert record["doc_type"] == "IRS-WAGE-INCOME-TRANSCRIPT"
    from backtax.extractors.loader import load
    from backtax.extractors.settings import ExtractSettings

    for page in load(SAMPLES / "wi_2024_classic_masked.pdf", ExtractSettings()).pages:
        ident = identify(page)
        assert ident is not None and ident.kind == "irs_transcript" and ident.score >= 10


def test_joint_account_names_the_spouse_by_last_four_and_name_control() -> None:
    (acct,) = records(SAMPLES / "account_2022_online_joint_unmasked.pdf")
    assert acct["fields"]["spouse_tin_last4"] == "2468"
    assert (acct["fields"]["name_control"], acct["fields"]["spouse_name_control"]) == (
        "SAMP",
        "PLAC",
    )


def test_substitute_for_return_account_has_no_return_figures() -> None:
    (acct,) = records(SAMPLES / "account_2020_sfr_return_not_present.pdf")
    assert acct["fields"]["return_present"] is False
    assert "adjusted_gross_income" not in acct["fields"]
    assert acct["transactions"][1]["explanation"] == "Substitute tax return prepared by IRS"


def test_record_of_account_holds_return_lines_account_fields_and_transactions() -> None:
    (roa,) = records(SAMPLES / "record_of_account_2022_joint.pdf")
    assert roa["doc_type"] == "IRS-RECORD-OF-ACCOUNT"
    assert {"wages", "total_tax", "account_balance", "accruals_as_of"} <= roa["fields"].keys()
    assert [t["code"] for t in roa["transactions"]] == ["150", "806", "846"]
    assert roa["per_computer"]["adjusted_gross_income"] == roa["fields"]["adjusted_gross_income"]


def test_return_transcript_keeps_per_computer_changes_apart() -> None:
    records_2019_2021 = records(SAMPLES / "return_2019_2021_three_periods.pdf")
    r2020 = records_2019_2021[1]
    assert r2020["fields"]["recovery_rebate_credit"] == "600.00"
    assert r2020["per_computer"]["recovery_rebate_credit"] == "0.00"
