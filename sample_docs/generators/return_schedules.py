"""The 2023 tax-software print with Schedules B, D, E, 2 and 3: the 1040's lines as the
2023 form words them, the schedules' lines as each schedule words them, and the amounts put
on them (the expected record is written from these; `returns.py` prints them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

D = Decimal


@dataclass(frozen=True)
class SchedulePrint:
    """A schedule as a tax-software print shows it: code, title, the lines' number and
    wording, the field name of each line given an amount, the amounts, and items listed
    under a line (Schedule B's payers)."""

    code: str
    title: str
    lines: tuple[tuple[str, str], ...]
    names: dict[str, str]
    amounts: dict[str, Decimal]
    rows_before: dict[str, tuple[tuple[str, Decimal], ...]] = field(default_factory=dict)


LINES_2023 = (
    ("1a", "Total amount from Form(s) W-2, box 1 (see instructions)"),
    ("1z", "Add lines 1a through 1h"),
    ("2a", "Tax-exempt interest"),
    ("2b", "Taxable interest"),
    ("3a", "Qualified dividends"),
    ("3b", "Ordinary dividends"),
    ("4a", "IRA distributions"),
    ("4b", "Taxable amount"),
    ("7", "Capital gain or (loss). Attach Schedule D if required"),
    ("8", "Additional income from Schedule 1, line 10"),
    ("9", "Add lines 1z, 2b, 3b, 4b, 5b, 6b, 7, and 8. This is your total income"),
    ("10", "Adjustments to income from Schedule 1, line 26"),
    ("11", "Subtract line 10 from line 9. This is your adjusted gross income"),
    ("12", "Standard deduction or itemized deductions (from Schedule A)"),
    ("13", "Qualified business income deduction from Form 8995 or Form 8995-A"),
    ("15", "Subtract line 14 from line 11. If zero or less, enter -0-. Taxable income"),
    ("16", "Tax (see instructions). Check if any from Form(s): 8814 4972"),
    ("17", "Amount from Schedule 2, line 3"),
    ("18", "Add lines 16 and 17"),
    ("19", "Child tax credit or credit for other dependents from Schedule 8812"),
    ("20", "Amount from Schedule 3, line 8"),
    ("21", "Add lines 19 and 20"),
    ("22", "Subtract line 21 from line 18. If zero or less, enter -0-"),
    ("23", "Other taxes, including self-employment tax, from Schedule 2, line 21"),
    ("24", "Add lines 22 and 23. This is your total tax"),
    ("25a", "Federal income tax withheld from: Form(s) W-2"),
    ("25b", "Form(s) 1099"),
    ("25d", "Add lines 25a through 25c"),
    ("26", "2023 estimated tax payments and amount applied from 2022 return"),
    ("27", "Earned income credit (EIC)"),
    ("31", "Amount from Schedule 3, line 15"),
    ("32", "Add lines 27, 28, 29, and 31. These are your total other payments"),
    ("33", "Add lines 25d, 26, and 32. These are your total payments"),
    ("37", "Subtract line 33 from line 24. This is the amount you owe"),
)
NAMES_2023 = {
    "1a": "wages_forms_w2",
    "1z": "wages",
    "2b": "taxable_interest",
    "3a": "qualified_dividends",
    "3b": "ordinary_dividends",
    "7": "capital_gain",
    "8": "other_income",
    "9": "total_income",
    "11": "adjusted_gross_income",
    "12": "standard_deduction",
    "15": "taxable_income",
    "16": "tentative_tax",
    "17": "schedule_2_additional_tax",
    "18": "tax_before_credits",
    "20": "schedule_3_nonrefundable_credits",
    "21": "total_credits",
    "22": "income_tax_after_credits",
    "23": "other_taxes",
    "24": "total_tax",
    "25a": "withheld_forms_w2",
    "25d": "federal_income_tax_withheld",
    "26": "estimated_tax_payments",
    "31": "schedule_3_other_payments",
    "32": "total_other_payments",
    "33": "total_payments",
    "37": "amount_owed",
}
# 1z + 2b + 3b + 7 + 8 = 9; 9 - 12 = 15; 16 + 17 = 18; 18 - 21 = 22; 22 + 23 = 24;
# 25d + 26 + 32 = 33; 24 - 33 = 37. Lines 17, 20 and 31 carry the schedules' totals.
AMOUNTS_2023 = {
    "1a": D("58200.00"),
    "1z": D("58200.00"),
    "2b": D("2140.55"),
    "3a": D("900.00"),
    "3b": D("1615.40"),
    "7": D("4310.00"),
    "8": D("9850.00"),
    "9": D("76115.95"),
    "11": D("76115.95"),
    "12": D("13850.00"),
    "15": D("62265.95"),
    "16": D("8700.00"),
    "17": D("250.00"),
    "18": D("8950.00"),
    "20": D("1120.00"),
    "21": D("1120.00"),
    "22": D("7830.00"),
    "23": D("612.00"),
    "24": D("8442.00"),
    "25a": D("6900.00"),
    "25d": D("6900.00"),
    "26": D("1000.00"),
    "31": D("300.00"),
    "32": D("300.00"),
    "33": D("8200.00"),
    "37": D("242.00"),
}

SCHEDULE_B = SchedulePrint(
    "B",
    "Interest and Ordinary Dividends",
    (
        ("1", "List name of payer. If any interest is from a seller-financed mortgage"),
        ("2", "Add the amounts on line 1"),
        ("3", "Excludable interest on series EE and I U.S. savings bonds issued after 1989"),
        ("4", "Subtract line 3 from line 2. Enter the result here and on Form 1040, line 2b"),
        ("5", "List name of payer"),
        ("6", "Add the amounts on line 5. Enter the total here and on Form 1040, line 3b"),
    ),
    {
        "2": "schedule_b_interest_total",
        "4": "taxable_interest",
        "6": "ordinary_dividends",
    },
    {"2": D("2140.55"), "4": D("2140.55"), "6": D("1615.40")},
    {
        "1": (("FIRST HARBOR BANK", D("1640.55")), ("US TREASURY DIRECT", D("500.00"))),
        "5": (("VANGUARD TOTAL STOCK INDEX", D("1615.40")),),
    },
)
SCHEDULE_D = SchedulePrint(
    "D",
    "Capital Gains and Losses",
    (
        ("1a", "Totals for all short-term transactions reported on Form 1099-B"),
        ("7", "Net short-term capital gain or (loss). Combine lines 1a through 6 in column (h)"),
        ("13", "Capital gain distributions. See the instructions"),
        ("15", "Net long-term capital gain or (loss). Combine lines 8a through 14"),
        ("16", "Combine lines 7 and 15 and enter the result"),
    ),
    {
        "7": "net_short_term_gain",
        "13": "capital_gain_distributions",
        "15": "net_long_term_gain",
        "16": "schedule_d_net_gain",
    },
    {"7": D("1210.00"), "13": D("300.00"), "15": D("3100.00"), "16": D("4310.00")},
)
SCHEDULE_E = SchedulePrint(
    "E",
    "Supplemental Income and Loss",
    (
        ("3", "Rents received"),
        ("23a", "Total of all amounts reported on line 3 for all rental properties"),
        ("23b", "Total of all amounts reported on line 4 for all royalty properties"),
        ("26", "Total rental real estate and royalty income or (loss)"),
        ("32", "Total partnership and S corporation income or (loss)"),
        ("41", "Total income or (loss). Combine lines 26, 32, 37, 39, and 40"),
    ),
    {
        "23a": "total_rents_received",
        "26": "rental_real_estate_royalty_income",
        "41": "schedule_e_income",
    },
    {"3": D("18000.00"), "23a": D("18000.00"), "26": D("9850.00"), "41": D("9850.00")},
)
SCHEDULE_2 = SchedulePrint(
    "2",
    "Additional Taxes",
    (
        ("1a", "Excess advance premium tax credit repayment. Attach Form 8962"),
        ("1z", "Add lines 1a through 1y"),
        ("2", "Alternative minimum tax. Attach Form 6251"),
        ("3", "Add lines 1z and 2. Enter here and on Form 1040, line 17"),
        ("4", "Self-employment tax. Attach Schedule SE"),
        ("8", "Additional tax on IRAs or other tax-favored accounts. Attach Form 5329"),
        ("21", "Add lines 4, 7 through 16, 18, and 19. These are your total other taxes"),
    ),
    {
        "1a": "excess_advance_premium_tax_credit_repayment",
        "1z": "schedule_2_additions_to_tax",
        "3": "schedule_2_additional_tax",
        "8": "additional_tax_on_retirement_plans",
        "21": "other_taxes",
    },
    {"1a": D("250.00"), "1z": D("250.00"), "3": D("250.00"), "8": D("612.00"), "21": D("612.00")},
)
SCHEDULE_3 = SchedulePrint(
    "3",
    "Additional Credits and Payments",
    (
        ("1", "Foreign tax credit. Attach Form 1116 if required"),
        (
            "2",
            "Credit for child and dependent care expenses from Form 2441, line 11. "
            "Attach Form 2441",
        ),
        ("3", "Education credits from Form 8863, line 19"),
        ("4", "Retirement savings contributions credit. Attach Form 8880"),
        ("8", "Add lines 1 through 4, 5a, 5b, and 7. Enter here and on Form 1040, line 20"),
        ("9", "Net premium tax credit. Attach Form 8962"),
        ("10", "Amount paid with request for extension to file (see instructions)"),
        ("15", "Add lines 9 through 12 and 14. Enter here and on Form 1040, line 31"),
    ),
    {
        "1": "foreign_tax_credit",
        "2": "child_dependent_care_credit",
        "8": "schedule_3_nonrefundable_credits",
        "10": "extension_payment",
        "15": "schedule_3_other_payments",
    },
    {"1": D("45.00"), "2": D("1075.00"), "8": D("1120.00"), "10": D("300.00"), "15": D("300.00")},
)
SCHEDULES_2023 = (SCHEDULE_B, SCHEDULE_D, SCHEDULE_E, SCHEDULE_2, SCHEDULE_3)


# 2020: the 2019-2020 numbering of Schedules 2 and 3 (Part I totals on lines 3 and 7, the
# other taxes on 10, the other payments on 13).
LINES_2020_SCHEDULES = (
    ("1", "Wages, salaries, tips, etc. Attach Form(s) W-2"),
    ("2a", "Tax-exempt interest"),
    ("2b", "Taxable interest"),
    ("8", "Other income from Schedule 1, line 9"),
    ("9", "Add lines 1, 2b, 3b, 4b, 5b, 6b, 7, and 8. This is your total income"),
    ("10a", "Adjustments to income: From Schedule 1, line 22"),
    ("10c", "Add lines 10a and 10b. These are your total adjustments to income"),
    ("11", "Subtract line 10c from line 9. This is your adjusted gross income"),
    ("12", "Standard deduction or itemized deductions (from Schedule A)"),
    ("15", "Taxable income. Subtract line 14 from line 11. If zero or less, enter -0-"),
    ("16", "Tax (see instructions). Check if any from Form(s): 8814 4972"),
    ("17", "Amount from Schedule 2, line 3"),
    ("18", "Add lines 16 and 17"),
    ("20", "Amount from Schedule 3, line 7"),
    ("21", "Add lines 19 and 20"),
    ("22", "Subtract line 21 from line 18. If zero or less, enter -0-"),
    ("23", "Other taxes, including self-employment tax, from Schedule 2, line 10"),
    ("24", "Add lines 22 and 23. This is your total tax"),
    ("25a", "Federal income tax withheld from: Form(s) W-2"),
    ("25d", "Add lines 25a through 25c"),
    ("31", "Amount from Schedule 3, line 13"),
    ("32", "Add lines 27 through 31. These are your total other payments"),
    ("33", "Add lines 25d, 26, and 32. These are your total payments"),
    ("37", "Amount you owe. Subtract line 33 from line 24"),
)
NAMES_2020_SCHEDULES = {
    "1": "wages",
    "2b": "taxable_interest",
    "8": "other_income",
    "9": "total_income",
    "10a": "schedule_1_adjustments",
    "10c": "total_adjustments",
    "11": "adjusted_gross_income",
    "12": "standard_deduction",
    "15": "taxable_income",
    "16": "tentative_tax",
    "17": "schedule_2_additional_tax",
    "18": "tax_before_credits",
    "20": "schedule_3_nonrefundable_credits",
    "21": "total_credits",
    "22": "income_tax_after_credits",
    "23": "other_taxes",
    "24": "total_tax",
    "25a": "withheld_forms_w2",
    "25d": "federal_income_tax_withheld",
    "31": "schedule_3_other_payments",
    "32": "total_other_payments",
    "33": "total_payments",
    "37": "amount_owed",
}
# 1 + 2b + 8 = 9; 9 - 10c = 11; 11 - 12 = 15; 16 + 17 = 18; 18 - 21 = 22; 22 + 23 = 24;
# 25d + 32 = 33; 24 - 33 = 37.
AMOUNTS_2020_SCHEDULES = {
    "1": D("40000.00"),
    "2b": D("150.00"),
    "8": D("8000.00"),
    "9": D("48150.00"),
    "10a": D("565.00"),
    "10c": D("565.00"),
    "11": D("47585.00"),
    "12": D("12400.00"),
    "15": D("35185.00"),
    "16": D("4023.00"),
    "17": D("310.00"),
    "18": D("4333.00"),
    "20": D("1600.00"),
    "21": D("1600.00"),
    "22": D("2733.00"),
    "23": D("1130.00"),
    "24": D("3863.00"),
    "25a": D("3000.00"),
    "25d": D("3000.00"),
    "31": D("500.00"),
    "32": D("500.00"),
    "33": D("3500.00"),
    "37": D("363.00"),
}
SCHEDULES_2020 = (
    SchedulePrint(
        "2",
        "Additional Taxes",
        (
            ("1", "Alternative minimum tax. Attach Form 6251"),
            ("2", "Excess advance premium tax credit repayment. Attach Form 8962"),
            ("3", "Add lines 1 and 2. Enter here and on Form 1040, 1040-SR, or 1040-NR, line 17"),
            ("4", "Self-employment tax. Attach Schedule SE"),
            ("6", "Additional tax on IRAs, other qualified retirement plans"),
            ("10", "Add lines 4 through 8. These are your total other taxes"),
        ),
        {
            "2": "excess_advance_premium_tax_credit_repayment",
            "3": "schedule_2_additional_tax",
            "4": "self_employment_tax",
            "10": "other_taxes",
        },
        {"2": D("310.00"), "3": D("310.00"), "4": D("1130.00"), "10": D("1130.00")},
    ),
    SchedulePrint(
        "3",
        "Additional Credits and Payments",
        (
            ("1", "Foreign tax credit. Attach Form 1116 if required"),
            ("2", "Credit for child and dependent care expenses. Attach Form 2441"),
            ("3", "Education credits from Form 8863, line 19"),
            ("7", "Add lines 1 through 6. Enter here and on Form 1040, line 20"),
            ("8", "Net premium tax credit. Attach Form 8962"),
            ("9", "Amount paid with request for extension to file (see instructions)"),
            ("13", "Add lines 8 through 12f. Enter here and on Form 1040, line 31"),
        ),
        {
            "2": "child_dependent_care_credit",
            "3": "education_credit",
            "7": "schedule_3_nonrefundable_credits",
            "9": "extension_payment",
            "13": "schedule_3_other_payments",
        },
        {
            "2": D("600.00"),
            "3": D("1000.00"),
            "7": D("1600.00"),
            "9": D("500.00"),
            "13": D("500.00"),
        },
    ),
)
