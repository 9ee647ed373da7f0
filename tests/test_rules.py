"""Rules that no sample case seeds, and the grouping rules, from records built in the test."""

from __future__ import annotations

from datetime import date
from typing import Any

from backtax.extractors.record import DocumentRecord
from backtax.validators.api import check_records
from backtax.validators.registry import all_rules

AS_OF = date(2025, 3, 1)
CONTRACT_RULES = {
    "UNREPORTED_INCOME",
    "WITHHOLDING_NOT_CLAIMED",
    "AMOUNT_MISMATCH",
    "MISSING_FROM_TRANSCRIPT",
    "MISSING_DOCUMENT",
    "DUPLICATE_DOCUMENT",
    "TIN_MISMATCH",
    "TAX_YEAR_MISMATCH",
    "W2_ARITHMETIC",
    "MISSED_DEDUCTION",
    "BALANCE_DUE",
    "PENALTY_ASSESSED",
    "ADDITIONAL_ASSESSMENT",
}


def rec(
    doc_type: str,
    fields: dict[str, Any],
    *,
    year: int = 2023,
    last4: str = "4321",
    name: str = "PAT Q SAMPLEMAN",
    source: str | None = None,
    **extra: Any,
) -> DocumentRecord:
    source = source or f"in/{doc_type}-{len(fields)}-{sorted(fields)[:1]}.pdf"
    top = {k: extra.pop(k) for k in ("payer_tin", "payer_name", "corrected") if k in extra}
    return DocumentRecord(
        source=source,
        sha256=source,
        pages=[1],
        doc_type=doc_type,
        tax_year=year,
        recipient_tin_last4=last4,
        recipient_name=name,
        fields=fields,
        extra=extra,
        **top,
    )


def w2(wages: str, withheld: str, **boxes: str) -> DocumentRecord:
    fields = {"box1_wages": wages, "box2_federal_tax_withheld": withheld} | boxes
    return rec(
        "W-2", fields, payer_tin="12-3456789", payer_name="ACME TOOL", source=f"in/w2-{wages}.pdf"
    )


def ret(**lines: str) -> DocumentRecord:
    per_computer = lines.pop("per_computer", None)
    fields: dict[str, Any] = {"filing_status": "Single"} | lines
    return rec(
        "IRS-RETURN-TRANSCRIPT",
        fields,
        name="PAT SAMP",
        **({"per_computer": per_computer} if per_computer else {}),
    )


def account(
    transactions: list[tuple[str, str, str]], balance: str = "0.00", **fields: str
) -> DocumentRecord:
    rows = [{"code": c, "explanation": "", "date": d, "amount": a} for c, d, a in transactions]
    return rec(
        "IRS-ACCOUNT-TRANSCRIPT",
        {"account_balance": balance, "return_due_or_received_date": "2024-04-15"} | fields,
        name="PAT SAMP",
        transactions=rows,
    )


def findings(*records: DocumentRecord, rule: str, as_of: date = AS_OF) -> list[dict[str, Any]]:
    return [f for f in check_records(list(records), as_of).findings if f["rule"] == rule]


def test_registry_has_every_contract_rule_with_severity_and_line():
    rules = {r.id: r for r in all_rules()}
    assert set(rules) >= CONTRACT_RULES
    assert all(
        r.description and r.severity in ("high", "medium", "low", "info") for r in rules.values()
    )


def test_rounding_to_the_dollar_is_not_unreported_income():
    found = findings(
        w2("50000.40", "5000.00"),
        ret(wages="50000.00", federal_income_tax_withheld="5000.00"),
        rule="UNREPORTED_INCOME",
    )
    assert found == []


def test_return_wages_above_documents_is_low():
    (f,) = findings(
        w2("40000.00", "4000.00"),
        ret(wages="45000.00", federal_income_tax_withheld="4000.00"),
        rule="INCOME_EXCEEDS_DOCUMENTS",
    )
    assert (f["severity"], f["amount"]) == ("low", "5000.00")


def test_withholding_overclaimed_allows_additional_medicare():
    form = w2("250000.00", "50000.00", box5_medicare_wages="250000.00")
    ok = findings(
        form,
        ret(wages="250000.00", federal_income_tax_withheld="50450.00"),
        rule="WITHHOLDING_OVERCLAIMED",
    )
    (f,) = findings(
        form,
        ret(wages="250000.00", federal_income_tax_withheld="51000.00"),
        rule="WITHHOLDING_OVERCLAIMED",
    )
    assert ok == [] and f["amount"] == "550.00"


def test_withholding_credit_adjusted_by_tc_807():
    (f,) = findings(
        ret(federal_income_tax_withheld="5000.00"),
        account([("806", "2024-04-15", "-5000.00"), ("807", "2024-09-01", "800.00")]),
        rule="WITHHOLDING_CREDIT_ADJUSTED",
    )
    assert f["amount"] == "-800.00"


def test_estimated_payments_on_account_not_claimed():
    (f,) = findings(
        ret(estimated_tax_payments="1000.00"),
        account([("660", "2023-06-15", "-1000.00"), ("716", "2023-04-15", "-400.00")]),
        rule="ESTIMATED_PAYMENTS_MISMATCH",
    )
    assert f["amount"] == "400.00" and f["amended_return_candidate"]


def test_w2_wage_base_exceeded_is_high():
    form = w2(
        "180000.00",
        "30000.00",
        box3_ss_wages="170000.00",
        box4_ss_tax_withheld="10540.00",
        box5_medicare_wages="180000.00",
        box6_medicare_tax_withheld="2610.00",
    )
    found = findings(form, rule="W2_ARITHMETIC")
    base = [f for f in found if f["check"] == "wage_base"]
    assert base[0]["severity"] == "high" and base[0]["amount"] == f"{170000 - 160200:.2f}"


def test_form_inconsistent_qualified_above_ordinary_dividends():
    div = rec(
        "1099-DIV",
        {"box1a_total_ordinary_dividends": "100.00", "box1b_qualified_dividends": "150.00"},
        payer_tin="23-7001122",
        payer_name="FUND",
    )
    (f,) = findings(div, rule="FORM_INCONSISTENT")
    assert f["amount"] == "50.00" and f["severity"] == "high"


def test_excess_social_security_across_two_employers():
    a = w2("100000.00", "1.00", box3_ss_wages="100000.00", box4_ss_tax_withheld="6200.00")
    b = rec(
        "W-2",
        {"box1_wages": "90000.00", "box3_ss_wages": "90000.00", "box4_ss_tax_withheld": "5580.00"},
        payer_tin="94-1234567",
        payer_name="BAYSIDE",
    )
    (f,) = findings(a, b, rule="EXCESS_SOCIAL_SECURITY")
    assert f["amount"] == f"{6200 + 5580 - 9932.40:.2f}"


def test_excess_elective_deferral():
    form = w2("60000.00", "1.00", box12=[{"code": "D", "amount": "31000.00"}])
    (f,) = findings(form, rule="EXCESS_DEFERRAL")
    assert f["amount"] == "1000.00"


def test_account_event_rules():
    acct = account(
        [
            ("150", "2024-05-20", "1000.00"),
            ("420", "2024-08-01", "0.00"),
            ("570", "2024-08-01", "0.00"),
            ("976", "2024-06-01", "0.00"),
            ("898", "2024-06-03", "25.00"),
        ],
        balance="900.00",
    )
    assert findings(acct, rule="OPEN_EXAMINATION")[0]["severity"] == "high"
    assert findings(acct, rule="REFUND_FREEZE")
    assert findings(acct, rule="RETURN_POSTING_ALERT")[0]["severity"] == "high"
    assert findings(acct, rule="REFUND_OFFSET")[0]["amount"] == "25.00"
    assert findings(acct, rule="TRANSCRIPT_BALANCE_MISMATCH")[0]["amount"] == "-125.00"


def test_closed_examination_is_not_open():
    acct = account([("420", "2024-08-01", "0.00"), ("421", "2024-12-01", "0.00")])
    assert findings(acct, rule="OPEN_EXAMINATION") == []


def test_return_changed_by_irs_per_computer():
    (f,) = findings(
        ret(taxable_income="40000.00", per_computer={"taxable_income": "41200.00"}),
        rule="RETURN_CHANGED_BY_IRS",
    )
    assert f["amount"] == "1200.00"


def test_collection_statute_near_with_suspension():
    acct = account(
        [
            ("150", "2015-05-18", "3000.00"),
            ("480", "2016-01-04", "0.00"),
            ("481", "2016-03-04", "0.00"),
        ],
        balance="3000.00",
    )
    (f,) = findings(acct, rule="COLLECTION_STATUTE", as_of=date(2025, 7, 1))
    # ten years from 2015-05-18, plus the offer pending 2016-01-04 to 30 days after rejection
    assert f["csed"] == "2025-08-16" and f["severity"] == "low"


def test_unassigned_document_is_info():
    blank = DocumentRecord(source="in/x.pdf", sha256="x", pages=[3], doc_type="UNKNOWN")
    (f,) = findings(blank, rule="UNASSIGNED_DOCUMENT")
    assert f["severity"] == "info" and f["case_id"] is None


def test_spouse_documents_join_the_joint_case():
    joint = rec(
        "IRS-RETURN-TRANSCRIPT",
        {
            "filing_status": "Married Filing Joint",
            "wages": "70000.00",
            "spouse_tin_last4": "8765",
            "spouse_name_control": "ROE",
        },
        name="PAT SAMP & KIM ROE",
    )
    spouse_w2 = rec(
        "W-2", {"box1_wages": "30000.00"}, last4="8765", name="KIM ROE", payer_tin="94-1234567"
    )
    result = check_records([joint, w2("40000.00", "1.00"), spouse_w2], AS_OF)
    assert [c["case_id"] for c in result.cases] == ["4321-2023"]
    assert result.cases[0]["totals"]["wages"] == "70000.00"


def test_shared_last_four_gets_name_control_in_case_id():
    a = rec("W-2", {"box1_wages": "1.00"}, name="ANN LEE", payer_tin="12-3456789")
    b = rec("W-2", {"box1_wages": "2.00"}, name="BOB KING", payer_tin="12-3456789")
    ids = sorted(c["case_id"] for c in check_records([a, b], AS_OF).cases)
    assert ids == ["4321-KING-2023", "4321-LEE-2023"]


def test_transcript_blank_equals_zero_in_amount_mismatch():
    paper = w2("40000.00", "4000.00")
    wi = rec(
        "IRS-WAGE-INCOME-TRANSCRIPT",
        {},
        name="PAT SAMP",
        entries=[
            {
                "doc_type": "W-2",
                "payer_tin": "XXXXX6789",
                "payer_name": "ACME",
                "fields": {
                    "box1_wages": "40000.00",
                    "box2_federal_tax_withheld": "4000.00",
                    "box7_ss_tips": "0.00",
                },
            }
        ],
    )
    assert findings(paper, wi, rule="AMOUNT_MISMATCH") == []


def test_finding_on_a_low_confidence_reading_says_so():
    """A W-2 read with confidence 0.40 (a scan's misread label, a record missing its year):
    the finding names the value to check; the same finding on a sure reading does not."""
    unsure = w2("40000.00", "4000.00")
    unsure.confidence = 0.40
    (f,) = findings(
        unsure,
        ret(wages="45000.00", federal_income_tax_withheld="4000.00"),
        rule="INCOME_EXCEEDS_DOCUMENTS",
    )
    assert f["low_confidence"] == [
        {"source": "in/w2-40000.00.pdf", "doc_type": "W-2", "field": "box1_wages",
         "confidence": 0.4}
    ]  # fmt: skip
    assert "low-confidence reading: check W-2 box1_wages (confidence 0.40)" in f["message"]
    (sure,) = findings(
        w2("40000.00", "4000.00"),
        ret(wages="45000.00", federal_income_tax_withheld="4000.00"),
        rule="INCOME_EXCEEDS_DOCUMENTS",
    )
    assert "low_confidence" not in sure
    assert "low-confidence" not in sure["message"]
