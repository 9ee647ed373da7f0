"""Wage and Income transcript labels, one table per information return.

Built from shared/domain/IRS_REFERENCE.md §2.1 and §3.5 (labels as the IRS prints them; the
wording drifts by year, so a line may list several labels). A line that is one box takes the
box's canonical name; a line that sums boxes keeps its own (`deferred_compensation`).

Kinds: `money`; `flag` (an indicator line, a check box); `text`; `date`; `year`; `code` (a
code with positions that may read `Not significant`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.transcripts.layout import norm_label


@dataclass(frozen=True, slots=True)
class WILine:
    name: str
    labels: tuple[str, ...]
    kind: str = "money"


@dataclass(frozen=True)
class WIForm:
    """One information return as the W&I transcript lists it."""

    doc_type: str
    title: str
    lines: tuple[WILine, ...]
    by_label: dict[str, WILine] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        for line in self.lines:
            for label in line.labels:
                self.by_label[norm_label(label)] = line

    def line_for(self, label: str) -> WILine | None:
        return self.by_label.get(norm_label(label))


def L(name: str, *labels: str, kind: str = "money") -> WILine:
    return WILine(name, labels, kind)


WITHHELD = ("Federal Income Tax Withheld", "Tax Withheld")

W2 = WIForm(
    "W-2",
    "Wage and Tax Statement",
    (
        L("box1_wages", "Wages, Tips and Other Compensation"),
        L("box2_federal_tax_withheld", "Federal Income Tax Withheld"),
        L("box3_ss_wages", "Social Security Wages"),
        L("box4_ss_tax_withheld", "Social Security Tax Withheld"),
        L("box5_medicare_wages", "Medicare Wages and Tips"),
        L("box6_medicare_tax_withheld", "Medicare Tax Withheld"),
        L("box7_ss_tips", "Social Security Tips"),
        L("box8_allocated_tips", "Allocated Tips"),
        L("box10_dependent_care_benefits", "Dependent Care Benefits"),
        L("box11_nonqualified_plans", "Non-Qualified Plans", "Nonqualified Plans"),
        L("deferred_compensation", "Deferred Compensation"),
        L("box13_third_party_sick_pay", "Third Party Sick Pay Indicator", kind="flag"),
        L("box13_retirement_plan", "Retirement Plan Indicator", kind="flag"),
        L("box13_statutory_employee", "Statutory Employee", kind="flag"),
    ),
)

INT = WIForm(
    "1099-INT",
    "Interest Income",
    (
        L("box1_interest_income", "Interest"),
        L("box2_early_withdrawal_penalty", "Forfeiture Amount", "Early Withdrawal Penalty"),
        L(
            "box3_us_savings_bond_interest",
            "Savings Bonds",
            "Interest on US Savings Bonds and Treasury Obligations",
        ),
        L("box4_federal_tax_withheld", *WITHHELD),
        L("box5_investment_expenses", "Investment Expenses"),
        L("box6_foreign_tax_paid", "Foreign Tax Paid"),
        L("box7_foreign_country", "Foreign Country or US Possession", kind="text"),
        L("box8_tax_exempt_interest", "Tax-Exempt Interest"),
        L(
            "box9_specified_private_activity_bond_interest",
            "Specified Private Activity Bond Interest",
        ),
        L("box10_market_discount", "Market Discount"),
        L("box11_bond_premium", "Bond Premium"),
        L("box12_bond_premium_treasury", "Bond Premium on Treasury Obligations"),
        L("box13_bond_premium_tax_exempt", "Bond Premium on Tax Exempt Bond"),
        L("second_tin_notice", "Second TIN Notice", kind="flag"),
    ),
)

DIV = WIForm(
    "1099-DIV",
    "Dividends and Distributions",
    (
        L("box1a_total_ordinary_dividends", "Ordinary Dividend", "Total Ordinary Dividends"),
        L("box1b_qualified_dividends", "Qualified Dividends"),
        L("box2a_total_capital_gain", "Capital Gains", "Total Capital Gains Distributions"),
        L("box2b_unrecaptured_1250_gain", "Unrecaptured Section 1250 Gain"),
        L("box2c_section_1202_gain", "Section 1202 Gain"),
        L("box2d_collectibles_gain", "Collectibles (28%) Gain", "Collectibles 28% Gain"),
        L("box2e_section_897_ordinary_dividends", "Section 897 Ordinary Dividends"),
        L("box2f_section_897_capital_gain", "Section 897 Capital Gain"),
        L(
            "box3_nondividend_distributions",
            "Non-Dividend Distribution",
            "Nondividend Distributions",
        ),
        L("box4_federal_tax_withheld", *WITHHELD),
        L("box5_section_199a_dividends", "Section 199A Dividends"),
        L("box6_investment_expenses", "Investment Expenses"),
        L("box7_foreign_tax_paid", "Foreign Tax Paid"),
        L("box9_cash_liquidation_distributions", "Cash Liquidation Distributions"),
        L("box10_noncash_liquidation_distributions", "Non-Cash Liquidation Distributions"),
        L(
            "box12_exempt_interest_dividends",
            "Exempt Interest Dividends",
            "Tax-Exempt Interest Dividends",
        ),
        L(
            "box13_specified_private_activity_bond_interest_dividends",
            "Specified Private Activity Bond Interest Dividends",
        ),
        L("second_tin_notice", "Second TIN Notice", kind="flag"),
    ),
)

NEC = WIForm(
    "1099-NEC",
    "Nonemployee Compensation",
    (
        L("box1_nonemployee_compensation", "Non-Employee Compensation", "Nonemployee Compensation"),
        L("box2_direct_sales", "Direct Sales Indicator", "Direct Sales", kind="flag"),
        L(
            "box3_excess_golden_parachute",
            "Excess Golden Parachute Payments",
            "Golden Parachute Payments",
        ),
        L("box4_federal_tax_withheld", *WITHHELD),
        L("second_tin_notice", "Second TIN Notice", kind="flag"),
    ),
)

MISC = WIForm(
    "1099-MISC",
    "Miscellaneous Information",
    (
        L("box1_rents", "Rents"),
        L("box2_royalties", "Royalties"),
        L("box3_other_income", "Other Income"),
        L("box4_federal_tax_withheld", *WITHHELD),
        L("box5_fishing_boat_proceeds", "Fishing Boat Proceeds"),
        L("box6_medical_payments", "Medical Payments", "Medical and Health Care Payments"),
        # Before tax year 2020 box 7 was nonemployee compensation (read by meaning).
        L("box7_nonemployee_compensation", "Non-Employee Compensation", "Nonemployee Compensation"),
        L("box7_direct_sales", "Direct Sales Indicator", kind="flag"),
        L("box8_substitute_payments", "Substitute Payments for Dividends"),
        L("box9_crop_insurance_proceeds", "Crop Insurance Proceeds"),
        L(
            "box10_gross_proceeds_attorney",
            "Gross Proceeds Paid to an Attorney",
            "Attorney Fees",
            "Gross Proceeds Paid to Attorney",
        ),
        L("box11_fish_purchased_for_resale", "Fish Purchased for Resale"),
        L("box12_section_409a_deferrals", "Section 409A Deferrals"),
        L("box14_excess_golden_parachute", "Excess Golden Parachute Payments"),
        L("box15_nonqualified_deferred_compensation", "Nonqualified Deferred Compensation"),
        L("second_tin_notice", "Second TIN Notice", kind="flag"),
    ),
)

R = WIForm(
    "1099-R",
    "Distributions From Pensions, Annuities, Retirement or Profit-Sharing Plans, IRAs, "
    "Insurance Contracts, etc.",
    (
        L("box1_gross_distribution", "Gross Distribution"),
        L("box2a_taxable_amount", "Taxable Amount"),
        L("box2b_taxable_not_determined", "Tax Amount Undetermined Code", kind="flag"),
        L("box2b_total_distribution", "Total Distribution Code", kind="flag"),
        L("box3_capital_gain", "Capital Gain"),
        L("box4_federal_tax_withheld", *WITHHELD),
        L(
            "box5_employee_contributions",
            "Employee Contributions",
            "Employee Contributions or Insurance Premiums",
        ),
        L("box6_net_unrealized_appreciation", "Net Unrealized Appreciation"),
        L(
            "box7_distribution_code",
            "Distribution Code",
            "Distribution Code Value",
            "Second Distribution Code",
            kind="code",
        ),
        L("box7_ira_sep_simple", "SEP Indicator", "IRA/SEP/SIMPLE Indicator", kind="flag"),
        L("box8_other", "Other"),
        L("box9b_total_employee_contributions", "Total Employee Contributions"),
        L("box10_irr_allocable", "Amount Allocable to IRR Within 5 Years"),
        L("box11_first_year_roth", "First Year of Designated Roth Contributions", kind="year"),
    ),
)

G = WIForm(
    "1099-G",
    "Certain Government Payments",
    (
        L("box1_unemployment_compensation", "Unemployment Compensation"),
        L("box2_state_local_refund", "Prior Year Refund", "State or Local Income Tax Refunds"),
        L("box3_tax_year_of_refund", "Year of Refund", kind="year"),
        L("box4_federal_tax_withheld", *WITHHELD),
        L("box5_rtaa_payments", "ATAA Payments", "RTAA Payments"),
        L("box6_taxable_grants", "Taxable Grants"),
        L("box7_agriculture_payments", "Agricultural Subsidies", "Agriculture Payments"),
        L("box8_trade_or_business", "1099G Offset", kind="flag"),
        L(
            "box9_market_gain",
            "Market gain on Commodity Credit Corporation loans repaid",
            "Market Gain",
        ),
        L("account_number", "Account Number (Optional)", "Account Number", kind="text"),
        L("second_tin_notice", "Second TIN Notice", kind="flag"),
    ),
)

K = WIForm(
    "1099-K",
    "Payment Card and Third Party Network Transactions",
    (
        L(
            "box1a_gross_payments",
            "Gross Amount of Payment Card/Third Party Transactions",
            "Gross Amount of Payment Card and Third Party Network Transactions",
        ),
        L("box1b_card_not_present", "Card Not Present Transactions"),
        L("box2_merchant_category_code", "Merchant Category Code", kind="text"),
        L("box3_number_of_transactions", "Number of Payment Transactions", kind="text"),
        L("box4_federal_tax_withheld", *WITHHELD),
        *(
            L(f"box5{letter}_{month.lower()}", month)
            for letter, month in zip(
                "abcdefghijkl",
                (
                    "January",
                    "February",
                    "March",
                    "April",
                    "May",
                    "June",
                    "July",
                    "August",
                    "September",
                    "October",
                    "November",
                    "December",
                ),
                strict=True,
            )
        ),
    ),
)

B = WIForm(
    "1099-B",
    "Proceeds From Broker and Barter Exchange Transactions",
    (
        L("box1a_description", "Description", "Description of Property", kind="text"),
        L("box1b_date_acquired", "Date Acquired", kind="date"),
        L("box1c_date_sold", "Date Sold or Disposed", "Date Sold", kind="date"),
        L("proceeds", "Proceeds", "Gross Proceeds", "Stocks, Bonds, etc."),
        L("cost_basis", "Cost or Basis", "Cost or Other Basis"),
        L("box1f_accrued_market_discount", "Accrued Market Discount"),
        L("wash_sale_loss_disallowed", "Wash Sale Loss Disallowed"),
        L("box2_type_of_gain_loss", "Type of Gain or Loss", kind="text"),
        L("box4_federal_tax_withheld", *WITHHELD),
    ),
)

C = WIForm(
    "1099-C",
    "Cancellation of Debt",
    (
        L("box1_date_of_event", "Date Canceled", "Date of Identifiable Event", kind="date"),
        L("box2_debt_cancelled", "Amount of Debt Canceled", "Amount Canceled", "Debt Canceled"),
        L("box3_interest", "Interest if Included", "Interest Included"),
        L("box4_debt_description", "Debt Description", kind="text"),
        L("box5_personal_liability", "Personal Liability Indicator", kind="flag"),
        L("box6_event_code", "Identifiable Event Code", kind="text"),
        L("box7_fair_market_value", "Fair Market Value of Property"),
    ),
)

SA = WIForm(
    "1099-SA",
    "Distributions From an HSA, Archer MSA, or Medicare Advantage MSA",
    (
        L("box1_gross_distribution", "Gross Distribution"),
        L("box2_earnings_on_excess", "Earnings on Excess Contributions"),
        L("box3_distribution_code", "Distribution Code", kind="code"),
        L(
            "box4_fmv_on_date_of_death",
            "FMV on Date of Death",
            "Fair Market Value on Date of Death",
        ),
        L("box5_account_type", "HSA/Archer MSA/MA MSA Indicator", "Account Type", kind="text"),
    ),
)

W2G = WIForm(
    "W-2G",
    "Certain Gambling Winnings",
    (
        L("box1_gross_winnings", "Gross Winnings", "Gross Winnings Paid"),
        L("box2_date_won", "Date Won", kind="date"),
        L("box3_type_of_wager", "Type of Wager", kind="text"),
        L("box4_federal_tax_withheld", *WITHHELD),
        L("box5_transaction", "Transaction", kind="text"),
        L("box6_race", "Race", kind="text"),
        L("box7_winnings_identical_wagers", "Winnings from Identical Wagers"),
        L("box8_cashier", "Cashier", kind="text"),
        L("box10_window", "Window", kind="text"),
    ),
)

SSA = WIForm(
    "SSA-1099",
    "Social Security Benefit Statement",
    (
        # The transcript calls social security benefits "Pensions and Annuities" (line 6a).
        L(
            "box3_benefits_paid",
            "Pensions and Annuities (Total Benefits Paid)",
            "Total Benefits Paid",
        ),
        L("box4_benefits_repaid", "Repayments", "Benefits Repaid"),
        L("box6_voluntary_tax_withheld", *WITHHELD),
        L("trust_fund_indicator", "Trust Fund Indicator", kind="text"),
    ),
)

MORTGAGE = WIForm(
    "1098",
    "Mortgage Interest Statement",
    (
        L(
            "box1_mortgage_interest",
            "Mortgage Interest Received from Payer(s)/Borrower(s)",
            "Mortgage Interest",
        ),
        L(
            "box2_outstanding_principal",
            "Outstanding Mortgage Principle",
            "Outstanding Mortgage Principal",
        ),
        L("box3_origination_date", "Mortgage Origination Date", kind="date"),
        L("box4_refund_of_overpaid_interest", "Refund of Overpaid Interest"),
        L("box5_mortgage_insurance_premiums", "Mortgage Insurance Premiums"),
        L(
            "box6_points_paid",
            "Points Paid on Purchase of Principal Residence",
            "Points Paid",
        ),
        L("box9_number_of_properties", "Number of Properties", kind="text"),
        L("box11_acquisition_date", "Mortgage Acquisition Date", kind="date"),
    ),
)

STUDENT_LOAN = WIForm(
    "1098-E",
    "Student Loan Interest Statement",
    (
        L(
            "box1_student_loan_interest",
            "Student Loan Interest Received by Lender",
            "Student Loan Interest",
        ),
        L(
            "box2_origination_fees_included",
            "Origination Fees/Capitalized Interest Indicator",
            "Loan Origination Indicator",
            kind="flag",
        ),
    ),
)

TUITION = WIForm(
    "1098-T",
    "Tuition Statement",
    (
        L("box1_payments_received", "Payments Received", "Qualified Tuition and Related Expenses"),
        L("box4_prior_year_adjustments", "Adjustments Made for Prior Year"),
        L("box5_scholarships_grants", "Scholarships or Grants", "Scholarships and Grants"),
        L(
            "box6_prior_year_scholarship_adjustments",
            "Adjustments to Scholarships or Grants for a Prior Year",
        ),
        L(
            "box7_next_year_period",
            "Prior Year Amount Indicator",
            "Amount for Next Academic Period",
            kind="flag",
        ),
        L(
            "box8_half_time_student",
            "At Least Half-Time Student Indicator",
            "Half-Time Student",
            kind="flag",
        ),
        L("box9_graduate_student", "Graduate Student Indicator", "Graduate Student", kind="flag"),
    ),
)

IRA = WIForm(
    "5498",
    "IRA Contribution Information",
    (
        L("box1_ira_contributions", "IRA Contributions"),
        L("box2_rollover_contributions", "Rollover Contributions"),
        L("box3_roth_ira_conversion", "Roth IRA Conversion Amount"),
        L("box4_recharacterized_contributions", "Recharacterized Contributions"),
        L("box5_fair_market_value", "Fair Market Value of Account"),
        L("box6_life_insurance_cost", "Life Insurance Cost Included in Box 1"),
        L("box8_sep_contributions", "SEP Contributions"),
        L("box9_simple_contributions", "SIMPLE Contributions"),
        L("box10_roth_ira_contributions", "Roth IRA Contributions"),
        L(
            "box11_rmd_next_year",
            "Required Minimum Distribution Indicator",
            "RMD for Next Year",
            kind="flag",
        ),
        L("box13a_postponed_contribution", "Postponed/Late Contribution", "Postponed Contribution"),
        L("box14a_repayments", "Repayments"),
        L("ira_type", "IRA Type", "Type of IRA", kind="text"),
    ),
)

HSA = WIForm(
    "5498-SA",
    "HSA, Archer MSA, or Medicare Advantage MSA Information",
    (
        L(
            "box1_employee_contributions",
            "Employee or Self-Employed Person's Archer MSA Contributions",
        ),
        L(
            "box2_total_contributions",
            "Total Contributions Made in Tax Year",
            "Total Contributions",
        ),
        L(
            "box3_following_year_contributions",
            "Total HSA or Archer MSA Contributions Made in Following Year",
        ),
        L("box4_rollover_contributions", "Rollover Contributions"),
        L(
            "box5_fair_market_value",
            "Fair Market Value of HSA, Archer MSA or MA MSA",
            "Fair Market Value",
        ),
        L("box6_account_type", "HSA/Archer MSA/MA MSA Indicator", "Account Type", kind="text"),
    ),
)

FORMS: dict[str, WIForm] = {
    f.doc_type.upper(): f
    for f in (
        W2,
        INT,
        DIV,
        NEC,
        MISC,
        R,
        G,
        K,
        B,
        C,
        SA,
        W2G,
        SSA,
        MORTGAGE,
        STUDENT_LOAN,
        TUITION,
        IRA,
        HSA,
    )
}

# Doc types spelled differently in titles than in the contract.
ALIASES = {"W-2C": "W-2c", "W2C": "W-2c", "W2": "W-2", "W2G": "W-2G"}

# Lines that describe the submission, not a box.
META_LABELS = {
    norm_label(x)
    for x in (
        "Submission Type",
        "W2 Submission Type",
        "W2 WHC SSN Validation Code",
        "Submission Date",
    )
}


def form_for(code: str) -> tuple[str, WIForm | None]:
    """The doc_type and label table of a form code as printed after `Form` (`W-2G`, `5498-SA`).

    Codes are matched whole, so `W-2G` never reads as `W-2` nor `1098-E` as `1098`; a form
    with no table here keeps its printed code and gets its lines named from their labels.
    """
    key = code.upper()
    doc_type = ALIASES.get(key) or (FORMS[key].doc_type if key in FORMS else key)
    table = FORMS.get(doc_type.upper()) or (W2 if doc_type == "W-2c" else None)
    return doc_type, table


# W-2 box 12 lines print `Code "DD" <description>`; the description survives OCR better than
# the quoted code, so it decides the code when it is recognised (IRS_REFERENCE.md §3.5).
W2_CODE_LINES: dict[str, str] = {
    norm_label(text): code
    for code, text in (
        ("A", "Uncollected social security or RRTA tax on tips"),
        ("B", "Uncollected Medicare tax on tips"),
        ("C", "Taxable cost of group-term life insurance over $50,000"),
        ("Q", "Nontaxable Combat Pay"),
        ("W", "Employer Contributions to a Health Savings Account"),
        ("Y", "Deferrals under a section 409A nonqualified Deferred Compensation plan"),
        ("Z", "Income under section 409A on a nonqualified Deferred Compensation plan"),
        ("R", "Employer's Contribution to MSA"),
        ("S", "Employer's Contribution to Simple Account"),
        ("T", "Expenses Incurred for Qualified Adoptions"),
        ("V", "Income from exercise of non-statutory stock options"),
        ("AA", "Designated Roth Contributions under a Section 401(k) Plan"),
        ("BB", "Designated Roth Contributions under a Section 403(b) Plan"),
        ("DD", "Cost of Employer-Sponsored Health Coverage"),
        ("EE", "Designated Roth Contributions Under a Governmental Section 457(b) Plan"),
        ("FF", "Permitted Benefits Under a QSEHRA"),
        ("GG", "Income from Qualified Equity Grants Under Section 83(i)"),
        ("HH", "Aggregate Deferrals Under Section 83(i) Elections"),
        ("II", "Medicaid Waiver Payments Excluded from Gross Income"),
    )
}
