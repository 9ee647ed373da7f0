"""Notices and the taxpayer's 1040 in the checks, from records built in the test: deadlines
as of --as-of, CP2000 items against documents and transcript, the 1040 standing in for the
Tax Return transcript (every seeded return finding still found), 1040 vs transcript."""

from __future__ import annotations

from datetime import date

from backtax.extractors.record import DocumentRecord
from backtax.validators.api import check_records
from backtax.validators.notice_deadlines import notice_deadlines, open_deadlines
from sample_docs.generators.cases import AS_OF, all_cases, case_records

YEAR = 2023


def rec(doc_type: str, fields: dict, source: str, **extra) -> DocumentRecord:
    top = {k: extra.pop(k) for k in ("payer_tin", "payer_name") if k in extra}
    return DocumentRecord(
        source=source,
        sha256=source,
        pages=[1],
        doc_type=doc_type,
        tax_year=YEAR,
        recipient_tin_last4="4321",
        recipient_name="PAT Q SAMPLEMAN",
        fields=fields,
        extra=extra,
        **top,
    )


def notice(kind: str, issued: str, due: str | None, amount: str | None = "100.00", **extra):
    fields = {"notice_type": kind, "notice_date": issued, "tax_year": YEAR}
    if due:
        fields["respond_by"] = due
    if amount:
        fields["amount_due"] = amount
    return rec("IRS-NOTICE", fields, f"in/{kind}-{issued}.pdf", **extra)


RETURN_1040 = rec(
    "1040",
    {
        "filing_status": "Single",
        "wages": "50000.00",
        "adjusted_gross_income": "50000.00",
        "taxable_income": "36150.00",
        "total_tax": "4100.00",
        "federal_income_tax_withheld": "4000.00",
    },
    "in/1040.pdf",
)
W2 = rec(
    "W-2",
    {"box1_wages": "52345.67", "box2_federal_tax_withheld": "4000.00"},
    "in/w2.pdf",
    payer_tin="12-3456789",
    payer_name="ACME TOOL",
)
CP2000 = notice(
    "CP2000",
    "2025-03-03",
    "2025-04-02",
    "667.30",
    entries=[
        {
            "doc_type": "W-2",
            "payer_tin": "XX-XXX6789",
            "payer_name": "ACME TOOL",
            "fields": {"box1_wages": "52345.67"},
        },
        {
            "doc_type": "1099-INT",
            "payer_tin": "XX-XXX4567",
            "payer_name": "BAYSIDE",
            "fields": {"box1_interest_income": "180.25"},
        },
    ],
)


def _findings(records, as_of=date(2025, 3, 20)):
    return check_records(records, as_of).to_json()


def test_deadlines_soonest_first_with_days_left_and_cdp_window_counted() -> None:
    # LT11 without a printed date: 30 days after 2025-03-01 (IRC 6330(a)(3)(B)) = 2025-03-31
    records = [CP2000, notice("LT11", "2025-03-01", None)]
    got = notice_deadlines(records, date(2025, 3, 20))
    assert [(d["notice_type"], d["deadline"], d["days_left"]) for d in got] == [
        ("LT11", "2025-03-31", 11),
        ("CP2000", "2025-04-02", 13),
    ]
    assert got[0]["collection_due_process"] is True
    assert "collection due process" in got[0]["action"]


def test_case_json_lists_open_deadlines_and_passed_one_is_high() -> None:
    out = _findings([RETURN_1040, W2, CP2000, notice("CP14", "2025-01-06", "2025-01-27")])
    (case,) = out["cases"]
    assert [d["notice_type"] for d in case["deadlines"]] == ["CP2000"]
    assert case["deadlines"][0]["days_left"] == 13
    passed = [f for f in out["findings"] if f["rule"] == "NOTICE_DEADLINE_PASSED"]
    assert [(f["severity"], f["amount"]) for f in passed] == [("high", "100.00")]


def test_superseded_notice_deadline_is_not_high_and_not_open() -> None:
    older = notice("CP14", "2024-06-10", "2024-07-01")
    newer = notice("CP501", "2025-03-10", "2025-03-31")
    assert [d["notice_type"] for d in open_deadlines([older, newer], date(2025, 3, 20))] == [
        "CP501"
    ]
    out = _findings([RETURN_1040, older, newer])
    passed = [f for f in out["findings"] if f["rule"] == "NOTICE_DEADLINE_PASSED"]
    assert [f["severity"] for f in passed] == ["info"]


def test_cp2000_items_against_documents() -> None:
    out = _findings([RETURN_1040, W2, CP2000])
    items = [f for f in out["findings"] if f["rule"] == "CP2000_ITEM"]
    assert sorted((f["status"], f["severity"]) for f in items) == [
        ("agrees", "info"),
        ("missing_document", "medium"),
    ]


def test_1040_differing_from_return_transcript_is_a_finding() -> None:
    transcript = rec(
        "IRS-RETURN-TRANSCRIPT", dict(RETURN_1040.fields, wages="50500.00"), "in/rt.pdf"
    )
    out = _findings([RETURN_1040, transcript])
    diffs = [f for f in out["findings"] if f["rule"] == "RETURN_VS_TRANSCRIPT"]
    assert [(f["amount"], f["evidence"][1]["doc_type"]) for f in diffs] == [
        ("-500.00", "IRS-RETURN-TRANSCRIPT")
    ]


def _return_findings(records):
    found = check_records(records, AS_OF).to_json()["findings"]
    return {
        (f["rule"], f["case_id"], f["amount"])
        for f in found
        if any(e["doc_type"] in ("IRS-RETURN-TRANSCRIPT", "1040") for e in f["evidence"])
    }


def test_every_return_rule_runs_with_a_1040_in_place_of_the_transcript() -> None:
    cases = all_cases()
    records = [DocumentRecord.from_json(r) for c in cases for r in case_records(c)]
    with_transcript = _return_findings(records)
    swapped = []
    for r in records:
        if r.doc_type == "IRS-RETURN-TRANSCRIPT":
            r = DocumentRecord.from_json({**r.to_json(), "doc_type": "1040"})
            r.extra.pop("per_computer", None)
        swapped.append(r)
    with_1040 = _return_findings(swapped)
    assert with_transcript, "the seeded cases have return-based findings"
    assert with_transcript <= with_1040, with_transcript - with_1040


def test_cp2000_case_gets_the_notice_deadline_and_a_response_not_a_1040x() -> None:
    out = _findings([RETURN_1040, W2, CP2000])
    (case,) = out["cases"]
    # the CP2000's printed respond-by date, 13 days after --as-of 2025-03-20
    assert [(d["notice_type"], d["deadline"], d["days_left"]) for d in case["deadlines"]] == [
        ("CP2000", "2025-04-02", 13)
    ]
    amended = case["amended_return"]
    assert (amended["remedy"]["kind"], amended["remedy"]["by"]) == (
        "respond_to_notice",
        "2025-04-02",
    )
    assert amended["warnings"][0].startswith("First step: a CP2000")
    assert "instead of filing a 1040-X" in amended["warnings"][0]
    assert not any("can be filed at any time" in w for w in amended["warnings"])
