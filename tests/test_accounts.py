"""One account per year: a re-pulled transcript and a Record of Account are merged, not added."""

from __future__ import annotations

from datetime import date

from transcript_builders import account, tax_return, tx

from backtax.validators.api import assess_records, check_records

AS_OF = date(2026, 12, 1)
# The account as first pulled (Feb 2026): TC 150 5,000, withholding 3,000, FTP 40, interest 30,
# a CP2000 assessment of 1,000. Balance 5,000 - 3,000 + 40 + 30 + 1,000 = 3,070.00.
FIRST = [
    tx("150", "2025-05-26", "5000.00", "Tax return filed"),
    tx("806", "2025-04-15", "-3000.00", "W-2 or 1099 withholding"),
    tx("276", "2025-05-26", "40.00", "Penalty for late payment of tax"),
    tx("196", "2025-05-26", "30.00", "Interest charged for late payment"),
    tx("290", "2026-01-12", "1000.00", "Additional tax assessed"),
]
# Pulled again in October 2026: the same rows and a 500.00 payment: 3,070 - 500 = 2,570.00.
AGAIN = [*FIRST, tx("670", "2026-06-01", "-500.00", "Payment")]


def _records():
    older = account(
        2024, FIRST, request_date="2026-02-02", tracking_number="108000000101",
        accruals_as_of="2026-02-02", source="cases/2024/account_feb.pdf",
    )  # fmt: skip
    newer = account(
        2024, AGAIN, request_date="2026-10-05", tracking_number="108000000377",
        accruals_as_of="2026-10-05", source="cases/2024/account_oct.pdf",
    )  # fmt: skip
    roa = account(
        2024, FIRST, doc_type="IRS-RECORD-OF-ACCOUNT", request_date="2026-03-01",
        tracking_number="108000000200", source="cases/2024/record_of_account.pdf",
        adjusted_gross_income="41000.00", federal_income_tax_withheld="3000.00",
        total_tax="5000.00", received_date="2025-04-10",
    )  # fmt: skip
    ret = tax_return(2024, wages="41000.00", adjusted_gross_income="41000.00",
                     total_tax="5000.00", federal_income_tax_withheld="3000.00")  # fmt: skip
    return [older, roa, newer, ret]


def _findings(rule: str) -> list[dict]:
    return [f for f in check_records(_records(), AS_OF).findings if f["rule"] == rule]


def test_repulled_transcript_and_record_of_account_give_one_account():
    (person,) = assess_records(_records(), AS_OF)["taxpayers"]
    (year,) = person["years"]
    # Hand sums over the united rows: tax 5,000 + 1,000; payments -3,000 - 500.
    assert year["account_balance"] == "2570.00"  # the latest transcript, with the payment
    assert year["assessed_tax"] == "6000.00"
    assert year["penalties"] == "40.00" and year["interest"] == "30.00"
    assert year["payments_and_credits"] == "-3500.00"
    assert [a["code"] for a in year["assessments"]] == ["150", "290"]


def test_no_finding_counted_twice_and_none_invented():
    assert [f["amount"] for f in _findings("ADDITIONAL_ASSESSMENT")] == ["1000.00"]
    assert _findings("TRANSCRIPT_BALANCE_MISMATCH") == []
    assert _findings("WITHHOLDING_CREDIT_ADJUSTED") == []
    (due,) = _findings("BALANCE_DUE")
    assert due["evidence"][0]["source"] == "cases/2024/account_oct.pdf"


def test_merge_finding_names_the_transcripts():
    (f,) = _findings("ACCOUNT_TRANSCRIPTS_MERGED")
    assert f["severity"] == "info"
    assert "account_oct.pdf" in f["latest"] and "108000000377" in f["latest"]
    assert len(f["merged"]) == 2
    # 5 rows on the February transcript and 5 on the Record of Account repeat the October one.
    assert "10 transaction(s) printed on more than one are counted once" in f["message"]


def test_row_only_on_an_older_transcript_is_kept_once():
    late_row = tx("971", "2026-01-20", detail="AC 043 pending installment agreement")
    older = account(2024, [*FIRST, late_row], request_date="2026-02-02", source="a.pdf")
    newer = account(2024, AGAIN, request_date="2026-10-05", source="b.pdf")
    t = next(t for t in check_records([older, newer], AS_OF).tables)
    assert list(t.transactions["code"]).count("971") == 1
    assert list(t.transactions["code"]).count("150") == 1


def test_duplicate_transcript_amount_is_not_the_tax_year():
    same = account(2024, FIRST, source="one.pdf")
    copy = account(2024, FIRST, source="two.pdf")
    result = check_records([same, copy], AS_OF)
    (dup,) = [f for f in result.findings if f["rule"] == "DUPLICATE_DOCUMENT"]
    assert dup["amount"] is None
