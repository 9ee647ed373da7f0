"""Tax Return transcript lines by tax year, mapped to the contract's year-independent names.

The transcript names lines by description, not by Form 1040 line number, and the set of lines
follows the year's return: the tuition and fees deduction ends with 2020, the recovery rebate
credit and the non-itemizer charitable deduction exist for 2020-2021, the 2022 return splits
wages into lines 1a-1z, the 2025 return adds Schedule 1-A (tips, overtime, car loan interest,
seniors). Sources: shared/domain/IRS_REFERENCE.md §2.1 and §3.4, the IRS sample transcript
wording; wording outside those is marked unverified in docs/transcripts.md.

A `... PER COMPUTER` line is the same name in `per_computer`.
"""

from __future__ import annotations

from backtax.extractors.transcripts.layout import norm_label

# name -> labels, for every year 2019 onwards
_BASE: dict[str, tuple[str, ...]] = {
    "wages": ("WAGES, SALARIES, TIPS, ETC",),
    "taxable_interest": ("TAXABLE INTEREST INCOME: SCH B", "TAXABLE INTEREST INCOME"),
    "tax_exempt_interest": ("TAX-EXEMPT INTEREST",),
    "ordinary_dividends": ("ORDINARY DIVIDEND INCOME: SCH B", "ORDINARY DIVIDEND INCOME"),
    "qualified_dividends": ("QUALIFIED DIVIDENDS",),
    "state_local_refunds": ("REFUNDS OF STATE/LOCAL TAXES",),
    "alimony_received": ("ALIMONY RECEIVED",),
    "business_income": ("BUSINESS INCOME OR LOSS (Schedule C)", "BUSINESS INCOME OR LOSS: SCH C"),
    "capital_gain": ("CAPITAL GAIN OR LOSS: (Schedule D)", "CAPITAL GAINS OR LOSS: SCH D"),
    "other_gains": ("OTHER GAINS OR LOSSES (Form 4797)",),
    "ira_distributions_total": ("TOTAL IRA DISTRIBUTIONS",),
    "ira_distributions_taxable": ("TAXABLE IRA DISTRIBUTIONS",),
    "pensions_annuities_total": ("TOTAL PENSIONS AND ANNUITIES",),
    "pensions_annuities_taxable": ("TAXABLE PENSION/ANNUITY AMOUNT",),
    "schedule_e_income": (
        "RENT/ROYALTY/PARTNERSHIP/ESTATE (Schedule E)",
        "RENT/ROYALTY/PARTNERSHIP/ESTATE: SCH E",
    ),
    "farm_income": ("FARM INCOME OR LOSS (Schedule F)",),
    "unemployment_compensation": ("UNEMPLOYMENT COMPENSATION",),
    "social_security_benefits_total": ("TOTAL SOCIAL SECURITY BENEFITS",),
    "social_security_benefits_taxable": ("TAXABLE SOCIAL SECURITY BENEFITS",),
    "other_income": ("OTHER INCOME",),
    "total_income": ("TOTAL INCOME",),
    "educator_expenses": ("EDUCATOR EXPENSES",),
    "hsa_deduction": ("HEALTH SAVINGS ACCT DEDUCTION", "HEALTH SAVINGS ACCOUNT DEDUCTION"),
    "self_employment_tax_deduction": ("SELF EMPLOYMENT TAX DEDUCTION",),
    "self_employed_health_insurance_deduction": ("SELF-EMPLOYED HEALTH INSURANCE DEDUCTION",),
    "sep_simple_deduction": ("KEOGH/SEP CONTRIBUTION DEDUCTION",),
    "early_withdrawal_penalty": ("PENALTY ON EARLY WITHDRAWAL OF SAVINGS",),
    "ira_deduction": ("IRA DEDUCTION",),
    "student_loan_interest_deduction": ("STUDENT LOAN INTEREST DEDUCTION",),
    "total_adjustments": ("TOTAL ADJUSTMENTS",),
    "adjusted_gross_income": ("ADJUSTED GROSS INCOME",),
    "deduction": ("TOTAL ITEMIZED DEDUCTIONS OR STANDARD DEDUCTION",),
    "standard_deduction": ("STANDARD DEDUCTION",),
    "itemized_deductions": ("TOTAL ITEMIZED DEDUCTIONS", "SCHEDULE A TOTAL DEDUCTIONS"),
    "qualified_business_income_deduction": ("QUALIFIED BUSINESS INCOME DEDUCTION",),
    "taxable_income": ("TAXABLE INCOME",),
    "tentative_tax": ("TENTATIVE TAX",),
    "child_and_other_dependent_credit": ("CHILD & OTHER DEPENDENT CREDIT",),
    "education_credit": ("EDUCATION CREDIT",),
    "total_credits": ("TOTAL CREDITS",),
    "income_tax_after_credits": ("INCOME TAX AFTER CREDITS",),
    "self_employment_tax": ("SE TAX",),
    "total_tax": ("TOTAL TAX LIABILITY TP FIGURES", "TOTAL TAX LIABILITY"),
    "federal_income_tax_withheld": ("FEDERAL INCOME TAX WITHHELD",),
    "estimated_tax_payments": ("ESTIMATED TAX PAYMENTS",),
    "earned_income_credit": ("EARNED INCOME CREDIT",),
    "additional_child_tax_credit": ("ADDITIONAL CHILD TAX CREDIT",),
    "american_opportunity_credit": ("AMERICAN OPPORTUNITY CREDIT",),
    "total_payments": ("TOTAL PAYMENTS",),
    "amount_owed": ("AMOUNT YOU OWE",),
    "applied_to_next_year": ("APPLIED TO NEXT YEAR'S ESTIMATED TAX",),
    "estimated_tax_penalty": ("ESTIMATED TAX PENALTY",),
    "refund_amount": ("REFUND AMOUNT", "OVERPAYMENT REFUNDED"),
    "schedule_c_gross_receipts": ("GROSS RECEIPTS OR SALES",),
}

# Lines only some years' returns have: name -> (labels, first year, last year).
_BY_YEAR: dict[str, tuple[tuple[str, ...], int, int]] = {
    "tuition_and_fees_deduction": (("TUITION AND FEES DEDUCTION",), 2019, 2020),
    "recovery_rebate_credit": (("RECOVERY REBATE CREDIT",), 2020, 2021),
    "charitable_deduction_non_itemizer": (
        ("CHARITABLE CONTRIBUTIONS FOR NON-ITEMIZERS", "CHARITABLE CONTRIBUTION DEDUCTION"),
        2020,
        2021,
    ),
    "wages_forms_w2": (("TOTAL AMOUNT FROM FORMS W-2",), 2022, 9999),
    "tip_income_not_on_w2": (("TIP INCOME NOT REPORTED ON LINE 1A",), 2022, 9999),
    "no_tax_on_tips_deduction": (("QUALIFIED TIPS DEDUCTION",), 2025, 9999),
    "no_tax_on_overtime_deduction": (("QUALIFIED OVERTIME COMPENSATION DEDUCTION",), 2025, 9999),
    "car_loan_interest_deduction": (
        ("QUALIFIED PASSENGER VEHICLE LOAN INTEREST DEDUCTION",),
        2025,
        9999,
    ),
    "enhanced_senior_deduction": (("ENHANCED DEDUCTION FOR SENIORS",), 2025, 9999),
    "schedule_1a_deductions": (("TOTAL ADDITIONAL DEDUCTIONS: SCH 1-A",), 2025, 9999),
}

# The return's header lines: name -> (labels, kind).
HEADER: dict[str, tuple[tuple[str, ...], str]] = {
    "tin": (("SSN", "SSN Provided", "EIN Provided", "Taxpayer identification number"), "tin"),
    "spouse_tin": (("SPOUSE SSN", "Spouse taxpayer identification number"), "tin"),
    "name": (("NAME(S) SHOWN ON RETURN",), "text"),
    "address": (("ADDRESS",), "skip"),
    "tax_period_end": (("Tax Period Ending", "Tax period ending", "TAX PERIOD"), "date"),
    "filing_status": (("FILING STATUS",), "text"),
    "form_number": (("FORM NUMBER",), "text"),
    "cycle_posted": (("CYCLE POSTED",), "text"),
    "received_date": (("RECEIVED DATE",), "date"),
    "remittance": (("REMITTANCE",), "money"),
    "exemption_number": (("EXEMPTION NUMBER",), "text"),
    "preparer_ptin": (("PTIN",), "skip"),
    "preparer_ein": (("PREPARER EIN",), "skip"),
}

PER_COMPUTER = "per computer"


def lines_for_year(year: int | None) -> dict[str, str]:
    """Normalised label -> name for the year's return (every year's lines when unknown)."""
    table = {norm_label(lab): name for name, labels in _BASE.items() for lab in labels}
    for name, (labels, first, last) in _BY_YEAR.items():
        if year is None or first <= year <= last:
            table.update({norm_label(lab): name for lab in labels})
    return table


HEADER_LABELS = {
    norm_label(lab): (name, kind) for name, (labels, kind) in HEADER.items() for lab in labels
}
