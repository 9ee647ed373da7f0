"""Remedies and estimates: a notice answered, a corrected form asked for, an original return
estimated; explanations that name form, payer and box; QBI and SE tax in the estimate."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from transcript_builders import LAST4, NAME, account, notice, record, tax_return, tx

from backtax.validators.api import check_records

AS_OF = date(2025, 9, 1)


def _w2(year: int, wages: str, withheld: str, payer="ACME TOOL AND DIE INC", tin="12-3456789"):
    r = record("W-2", year, {"box1_wages": wages, "box2_federal_tax_withheld": withheld,
                             "box3_ss_wages": wages}, f"w2_{wages}.pdf")  # fmt: skip
    r.payer_name, r.payer_tin = payer, tin
    return r


def _wage_income(year: int, *entries) -> object:
    rows = [{"doc_type": d, "payer_tin": tin, "payer_name": name, "fields": fields}
            for d, tin, name, fields in entries]  # fmt: skip
    return record("IRS-WAGE-INCOME-TRANSCRIPT", year, {"tax_period_end": f"{year}-12-31"},
                  "wage_income.pdf", entries=rows)  # fmt: skip


def _case(records, year: int) -> dict:
    result = check_records(records, AS_OF)
    return next(c for c in result.cases if c["tax_year"] == year)["amended_return"]


RETURN_2024 = dict(wages="40000.00", adjusted_gross_income="40000.00",
                   standard_deduction="14600.00", taxable_income="25400.00", total_tax="2816.00",
                   federal_income_tax_withheld="4000.00", refund_amount="1184.00",
                   received_date="2025-03-03")  # fmt: skip
FILED_2024 = [tx("150", "2025-03-17", "2816.00"), tx("806", "2025-04-15", "-4000.00"),
              tx("846", "2025-03-24", "1184.00")]  # fmt: skip


def _nec_case(*extra) -> dict:
    nec = record("1099-NEC", 2024, {"box1_nonemployee_compensation": "18450.00"}, "nec.pdf")
    nec.payer_name, nec.payer_tin = "BAYSIDE COFFEE", "45-6789012"
    return _case([_w2(2024, "40000.00", "4000.00"), nec, tax_return(2024, **RETURN_2024),
                  account(2024, FILED_2024), *extra], 2024)  # fmt: skip


def test_estimate_includes_se_tax_and_the_qbi_deduction_and_names_the_payer():
    amended = _nec_case()
    # SE tax: 18,450 x 0.9235 = 17,038.58 of earnings x 15.3% = 2,606.90; half is 1,303.45.
    # QBI: 20% of (18,450 - 1,303.45) = 3,429.31 (under 20% of 42,546.55 taxable before it).
    # Taxable 25,400 + 17,146.55 - 3,429.31 = 39,117.24: tax 1,160 + 12% of 27,517.24 =
    # 4,462.07, up 1,646.07 from 2,816.00; with the SE tax the change is 4,252.97.
    assert amended["tax_estimate"]["change"] == "4252.97"
    assert any("qualified business income deduction 3,429.31" in a
               for a in amended["tax_estimate"]["assumes"])  # fmt: skip
    assert amended["explanation"] == [
        "Business gross receipts: 1099-NEC from BAYSIDE COFFEE (nonemployee compensation "
        "18,450.00) not reported (+18,450.00)"
    ]
    assert "remedy" not in amended


def test_cp2000_on_file_means_respond_by_its_date_not_amend():
    cp2000 = notice(2024, "CP2000", notice_date="2025-08-04", respond_by="2025-09-03",
                    amount_due="4890.00")  # fmt: skip
    amended = _nec_case(cp2000)
    assert amended["remedy"]["kind"] == "respond_to_notice"
    assert amended["remedy"]["by"] == "2025-09-03"
    assert not any("can be filed at any time" in w for w in amended["warnings"])


def test_paper_w2_agrees_with_the_return_but_the_irs_copy_differs_ask_for_a_w2c():
    paper = _w2(2024, "40000.00", "4000.00")
    wi = _wage_income(2024, ("W-2", "XX-XXX6789", "ACME",
                             {"box1_wages": "40500.00", "box2_federal_tax_withheld": "4000.00",
                              "box3_ss_wages": "40500.00"}))  # fmt: skip
    amended = _case([paper, wi, tax_return(2024, **RETURN_2024), account(2024, FILED_2024)], 2024)
    assert amended["candidate"] is True
    assert amended["remedy"]["kind"] == "corrected_form_from_issuer"
    assert "W-2c" in amended["remedy"]["why"]


def test_unfiled_year_with_wages_gets_an_estimated_return_and_its_refund_deadline():
    wi = _wage_income(2022, ("W-2", "XX-XXX6789", "ACME",
                             {"box1_wages": "30000.00", "box2_federal_tax_withheld": "2500.00",
                              "box3_ss_wages": "30000.00"}))  # fmt: skip
    amended = _case([wi, account(2022, [], source="acct_2022.pdf", filing_status=None)], 2022)
    assert amended["remedy"]["kind"] == "original_return"
    est = amended["estimated_return"]
    # Single (assumed), standard deduction 12,950: taxable 17,050; tax 10% of 10,275 = 1,027.50
    # + 12% of 6,775 = 813.00 -> 1,840.50; withholding 2,500 -> refund 659.50, claimable by a
    # return filed within 3 years of the deemed payment on 2023-04-15: 2026-04-15 (6511, 6513).
    assert (est["taxable_income"], est["total_tax"], est["refund"]) == (
        "17050.00", "1840.50", "659.50")  # fmt: skip
    assert est["refund_deadline"] == "2026-04-15"
    assert any("filing status single" in a for a in est["assumes"])


def test_substitute_for_return_is_replaced_by_an_original_return():
    rows = [tx("150", "2023-09-11", "0.00", "Substitute tax return prepared by IRS"),
            tx("290", "2023-09-11", "4500.00", "Additional tax assessed")]  # fmt: skip
    wi = _wage_income(2021, ("W-2", "XX-XXX6789", "ACME",
                             {"box1_wages": "36000.00", "box2_federal_tax_withheld": "0.00",
                              "box3_ss_wages": "36000.00"}))  # fmt: skip
    amended = _case([wi, account(2021, rows, source="acct_2021.pdf")], 2021)
    assert amended["remedy"]["kind"] == "sfr_reconsideration"
    # 36,000 - 12,550 = 23,450: 995.00 + 12% of 13,500 = 1,620.00 -> 2,615.00, all owed.
    assert amended["estimated_return"]["balance_due"] == "2615.00"
    assert LAST4 and NAME  # the builders' synthetic taxpayer
    assert Decimal(amended["estimated_return"]["withholding"]) == 0
