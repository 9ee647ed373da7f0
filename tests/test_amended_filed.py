"""A filed Form 1040-X in the checks: its column C replaces the return's figures in the
return-based rules. Records are built here; the expected amounts are the ones put on them."""

from __future__ import annotations

from datetime import date

from transcript_builders import record

from backtax.extractors.record import DocumentRecord
from backtax.validators.api import check_records
from backtax.validators.cases import group_cases
from backtax.validators.tables import build_tables

YEAR = 2023
AS_OF = date(2025, 3, 20)


def rec(doc_type: str, fields: dict, source: str, **extra) -> DocumentRecord:
    top = {k: extra.pop(k) for k in ("payer_tin", "payer_name") if k in extra}
    out = record(doc_type, YEAR, fields, source, **extra)
    for key, value in top.items():
        setattr(out, key, value)
    return out


# The original return claims 4,600.00 withheld; the W-2 shows 4,000.00.
RETURN_1040 = rec(
    "1040",
    {
        "filing_status": "Single",
        "wages": "52000.00",
        "adjusted_gross_income": "52000.00",
        "standard_deduction": "13850.00",
        "taxable_income": "38150.00",
        "total_tax": "4383.00",
        "federal_income_tax_withheld": "4600.00",
        "refund_amount": "217.00",
    },
    "in/1040.pdf",
)
W2 = rec(
    "W-2",
    {"box1_wages": "52000.00", "box2_federal_tax_withheld": "4000.00"},
    "in/w2.pdf",
    payer_tin="12-3456789",
    payer_name="ACME TOOL",
)


def _row(line: str, name: str, a: str | None, b: str | None, c: str) -> dict:
    return {"line": line, "name": name, "original": a, "change": b, "corrected": c}


# The 1040-X brings line 12 down to the W-2's 4,000.00 and owes back the refund.
AMENDED = rec(
    "1040-X",
    {"federal_income_tax_withheld": "4000.00", "amount_you_owe": "383.00"},
    "in/1040x.pdf",
    lines=[
        _row("1", "adjusted_gross_income", "52000.00", "0.00", "52000.00"),
        _row("2", "deductions", "13850.00", "0.00", "13850.00"),
        _row("12", "federal_income_tax_withheld", "4600.00", "-600.00", "4000.00"),
        _row("20", "amount_you_owe", None, None, "383.00"),
    ],
)


def _rules(records) -> dict[str, dict]:
    found = check_records(records, AS_OF).to_json()["findings"]
    return {f["rule"]: f for f in found}


def test_overclaimed_withholding_found_without_the_1040x() -> None:
    found = _rules([RETURN_1040, W2])
    assert found["WITHHOLDING_OVERCLAIMED"]["amount"] == "600.00"


def test_filed_1040x_column_c_replaces_the_return_figures() -> None:
    found = _rules([RETURN_1040, W2, AMENDED])
    assert "WITHHOLDING_OVERCLAIMED" not in found
    assert "AMENDED_RETURN_FILED" in found


def test_corrected_line_is_the_1040x_with_its_evidence() -> None:
    (case,) = group_cases([RETURN_1040, W2, AMENDED]).cases
    t = build_tables(case, AS_OF)
    value, ev = t.line("federal_income_tax_withheld")
    assert str(value) == "4000.00"
    assert (ev.doc_type, ev.field) == ("1040-X", "federal_income_tax_withheld")
    assert str(t.line("amount_owed")[0]) == "383.00"
    assert str(t.line("standard_deduction")[0]) == "13850.00"
    assert str(t.line("wages")[0]) == "52000.00"  # not on the 1040-X: the return's


def test_a_1040x_alone_does_not_stand_for_the_return() -> None:
    (case,) = group_cases([W2, AMENDED]).cases
    t = build_tables(case, AS_OF)
    assert not t.has_return()
    assert t.line("federal_income_tax_withheld") == (None, None)
