"""Collection options as the IRM states them, on hand-made multi-year accounts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from transcript_builders import account, tax_return, tx

from backtax.validators.api import assess_records

AS_OF = date(2026, 12, 1)


def _clean(year: int) -> list:
    """A year filed on time and paid by withholding (no penalties)."""
    return [account(year, [tx("150", f"{year + 1}-05-01", "3000.00"),
                           tx("806", f"{year + 1}-04-15", "-3000.00")],
                    source=f"acct_{year}.pdf")]  # fmt: skip


PENALISED_2024 = [
    tx("150", "2025-05-05", "5000.00"),
    tx("806", "2025-04-15", "-5000.00"),
    tx("276", "2025-05-05", "25.00"),
    tx("196", "2025-05-05", "10.00"),
]


def _options(*records) -> dict[str, dict]:
    (person,) = assess_records(list(records), AS_OF)["taxpayers"]
    return {o["option"]: o for o in person["options"]}


def test_first_time_abatement_with_three_clean_years_and_the_tax_paid():
    records = [*_clean(2021), *_clean(2022), *_clean(2023),
               account(2024, PENALISED_2024, source="acct_2024.pdf")]  # fmt: skip
    fta = _options(*records)["first_time_abatement"]
    assert fta["eligible"] is True and fta["figures"] == {"tax_year": 2024, "penalties": "25.00"}


def test_accuracy_penalty_tc_240_in_a_prior_year_breaks_the_clean_history():
    prior = account(2022, [tx("150", "2023-05-01", "3000.00"), tx("806", "2023-04-15", "-3000.00"),
                           tx("240", "2024-02-05", "600.00"), tx("670", "2024-03-01", "-600.00")],
                    source="acct_2022.pdf")  # fmt: skip
    records = [*_clean(2021), prior, *_clean(2023), account(2024, PENALISED_2024, source="a.pdf")]
    fta = _options(*records)["first_time_abatement"]
    assert fta["eligible"] is False and "2022" in fta["why"]


def test_tc_270_manual_failure_to_pay_counts_as_a_penalty():
    from backtax.validators.api import check_records

    prior = account(2023, [tx("150", "2024-05-01", "3000.00"), tx("806", "2024-04-15", "-3000.00"),
                           tx("270", "2024-09-09", "15.00"), tx("670", "2024-10-01", "-15.00")],
                    source="acct_2023.pdf")  # fmt: skip
    records = [*_clean(2021), *_clean(2022), prior, account(2024, PENALISED_2024, source="a.pdf")]
    found = check_records(records, AS_OF).findings
    (f,) = [f for f in found if f["rule"] == "PENALTY_ASSESSED" and f["case_id"].endswith("2024")]
    assert (
        f["first_time_abatement"]["eligible"] is False
        and "2023" in f["first_time_abatement"]["why"]
    )
    # The option names the earliest penalised year, 2023, whose TC 270 it counted.
    assert _options(*records)["first_time_abatement"]["figures"]["tax_year"] == 2023


def test_unfiled_year_blocks_abatement_agreements_cnc_and_offer():
    unfiled = account(2023, [], source="acct_2023.pdf")  # no TC 150: return not filed
    owed = [tx("150", "2025-05-05", "7000.00"), tx("806", "2025-04-15", "-5000.00"),
            tx("276", "2025-05-05", "25.00")]  # fmt: skip
    records = [*_clean(2021), *_clean(2022), unfiled, account(2024, owed, source="a.pdf")]
    opts = _options(*records)
    assert opts["first_time_abatement"]["eligible"] is False
    assert "2023" in opts["first_time_abatement"]["why"]
    for name in ("guaranteed_installment_agreement", "streamlined_installment_agreement",
                 "currently_not_collectible", "offer_in_compromise"):  # fmt: skip
        assert opts[name]["eligible"] is False, name
    assert "2023" in opts["offer_in_compromise"]["why"]


def test_guaranteed_agreement_payment_includes_interest():
    # Only penalties and interest are owed (the tax is paid), so no failure-to-pay accrues and
    # the balance is the transcript's 500 + 12 accrued to 2026-06-01, carried 183 days to
    # 2026-12-01 at 6% (2026Q2, the last rate in the data, carried into Q3 and Q4).
    rows = [tx("150", "2025-05-05", "5000.00"), tx("806", "2025-04-15", "-5000.00"),
            tx("276", "2025-05-05", "400.00"), tx("196", "2025-05-05", "100.00")]  # fmt: skip
    acct = account(2024, rows, source="a.pdf", accrued_interest="12.00",
                   accruals_as_of="2026-06-01")  # fmt: skip
    g = _options(acct)["guaranteed_installment_agreement"]
    assert g["eligible"] is True and g["figures"]["tax"] == "0.00"
    balance = 512 * (1 + 0.06 / 365) ** 183
    assert abs(float(g["figures"]["balance"]) - balance) <= 0.01
    # The level payment over 36 months, monthly rate i = (1 + 0.06/365)**(365/12) - 1.
    i = (1 + 0.06 / 365) ** (365 / 12) - 1
    expected = balance * i / (1 - (1 + i) ** -36)
    assert abs(float(g["figures"]["monthly_payment"]) - expected) <= 0.02
    assert g["facts_not_shown"]  # the 5-year history the documents cannot show


def test_existing_installment_agreement_is_recognised_not_proposed_again():
    rows = [tx("150", "2025-05-05", "9000.00"), tx("806", "2025-04-15", "-5000.00"),
            tx("971", "2025-07-01", detail="AC 063 installment agreement established"),
            tx("670", "2025-08-01", "-200.00")]  # fmt: skip
    opts = _options(account(2024, rows, source="a.pdf"))
    assert opts["existing_installment_agreement"]["figures"]["since"] == "2025-07-01"
    assert "streamlined_installment_agreement" not in opts


def test_innocent_spouse_deadlines_from_the_first_collection_activity():
    rows = [tx("150", "2025-05-05", "9000.00"), tx("806", "2025-04-15", "-5000.00"),
            tx("898", "2025-06-02", "300.00", "Refund offset to non-IRS debt")]  # fmt: skip
    joint = account(2024, rows, source="a.pdf", filing_status="Married Filing Joint")
    spouse = _options(joint, tax_return(2024, filing_status="Married Filing Joint"))[
        "innocent_spouse_relief"
    ]
    year = spouse["figures"]["2024"]
    # 6015(b)/(c): 2 years from the offset 2025-06-02; 6015(f): the CSED, 10 years from the
    # TC 150 assessment 2025-05-05.
    assert year["sections_6015_b_c_deadline"] == "2027-06-02"
    assert year["section_6015_f_deadline"] == "2035-05-05"


def test_balance_due_amount_is_the_assessed_balance_with_accruals_beside_it():
    from backtax.validators.api import check_records

    rows = [tx("150", "2025-05-05", "9000.00"), tx("806", "2025-04-15", "-5000.00")]
    acct = account(2024, rows, source="a.pdf", accrued_interest="120.00",
                   accrued_penalty="40.00", accruals_as_of="2026-10-01",
                   balance_plus_accruals="4160.00")  # fmt: skip
    (f,) = [f for f in check_records([acct], AS_OF).findings if f["rule"] == "BALANCE_DUE"]
    assert f["amount"] == "4000.00"  # 9,000 - 5,000 assessed and unpaid
    assert (f["accrued_interest"], f["balance_plus_accruals"]) == ("120.00", "4160.00")
    assert Decimal(f["projected"]["total"]) > Decimal("4000.00")


def test_a_fully_abated_prior_penalty_leaves_the_history_clean():
    # 2022's failure-to-file (TC 166 90.00) was abated in full (TC 167 -90.00): IRM
    # 20.1.1.3.3.2.1 counts a fully reversed penalty as clean, so 2024 qualifies.
    prior = account(2022, [tx("150", "2023-05-01", "3000.00"), tx("806", "2023-04-15", "-3000.00"),
                           tx("166", "2023-06-05", "90.00"), tx("167", "2023-09-11", "-90.00")],
                    source="acct_2022.pdf")  # fmt: skip
    records = [*_clean(2021), prior, *_clean(2023), account(2024, PENALISED_2024, source="a.pdf")]
    fta = _options(*records)["first_time_abatement"]
    assert (fta["eligible"], fta["figures"]["tax_year"]) == (True, 2024)
