"""Samples of 1099-R/G/K/C/SA, W-2G, SSA-1099, 1098/-E/-T and 5498/-SA, with expected records.

Three layouts: the official IRS PDF filled (1099-R, G, K, C: live AcroForm or flattened), a
look-alike of the official form drawn with reportlab (forms with no fillable PDF at hand,
and older revisions), and a payer's substitute statement (one row per box). Scans are
degraded rasters of a few of them. Every expected value comes from the values put in here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from sample_docs.generators.expected import write_expected
from sample_docs.generators.irs_fill import fill_form, open_form, page_widgets
from sample_docs.generators.people import JANE, JOHN, LINDA, MARIA, ROBERT, Company, Person
from sample_docs.generators.scan import rasterise_and_degrade

IRS_BLANK = Path(__file__).resolve().parents[2].parent / "shared" / "reference_docs/irs_forms_blank"
PAGE_W, PAGE_H = letter

Value = str | bool | int | Decimal | date


# ---------------------------------------------------------------- form designs


@dataclass(frozen=True)
class Cell:
    """One printed box: its number, label lines, canonical field and value kind."""

    field: str
    number: str
    label: str  # "\n" separates printed lines
    kind: str = "money"
    span: int = 1  # 1 or 2 grid columns


@dataclass(frozen=True)
class Design:
    """How one form (and revision) looks: the left column's labels, the box grid, state row."""

    doc_type: str
    omb: str
    title: str
    copy_text: str
    payer_label: str
    payer_tin_label: str
    recipient_tin_label: str
    recipient_label: str
    grid: tuple[tuple[Cell, ...], ...]
    state_cells: tuple[Cell, ...] = ()
    account_label: str | None = "Account number (see instructions)"


def C(field: str, number: str, label: str, kind: str = "money", span: int = 1) -> Cell:
    return Cell(field, number, label, kind, span)


PAYER_BLOCK = (
    "PAYER'S name, street address, city or town, state or province,\n"
    "country, ZIP or foreign postal code, and telephone no."
)

R_2024 = Design(
    "1099-R",
    "1545-0119",
    "Distributions From\nPensions, Annuities,\nRetirement or\nProfit-Sharing Plans,\n"
    "IRAs, Insurance\nContracts, etc.",
    "Copy B\nReport this\nincome on your\nfederal tax\nreturn.",
    PAYER_BLOCK,
    "PAYER'S TIN",
    "RECIPIENT'S TIN",
    "RECIPIENT'S name",
    (
        (
            C("box1_gross_distribution", "1", "Gross distribution"),
            C("box2a_taxable_amount", "2a", "Taxable amount"),
        ),
        (
            C("box2b_taxable_not_determined", "2b", "Taxable amount not determined", "check"),
            C("box2b_total_distribution", "", "Total distribution", "check"),
        ),
        (
            C("box3_capital_gain", "3", "Capital gain (included\nin box 2a)"),
            C("box4_federal_tax_withheld", "4", "Federal income tax\nwithheld"),
        ),
        (
            C(
                "box5_employee_contributions",
                "5",
                "Employee contributions/\nDesignated Roth contrib.",
            ),
            C("box6_net_unrealized_appreciation", "6", "Net unrealized\nappreciation"),
        ),
        (
            C("box7_distribution_code", "7", "Distribution code(s)", "code"),
            C("box7_ira_sep_simple", "", "IRA/SEP/SIMPLE", "check"),
        ),
        (
            C("box8_other", "8", "Other"),
            C("box9a_percentage_of_total", "9a", "Your percentage of total", "int"),
        ),
        (
            C("box9b_total_employee_contributions", "9b", "Total employee\ncontributions"),
            C("box10_amount_allocable_to_irr", "10", "Amount allocable to\nIRR within 5 years"),
        ),
        (
            C("box11_first_year_roth", "11", "1st year of Roth contrib.", "year"),
            C("box12_fatca_filing_requirement", "12", "FATCA filing requirement", "check"),
        ),
        (C("box13_date_of_payment", "13", "Date of payment", "date"),),
    ),
    (
        C("state_tax_withheld", "14", "State tax withheld"),
        C("state_id", "15", "State/Payer's state no.", "text"),
        C("state_income", "16", "State distribution"),
        C("local_tax_withheld", "17", "Local tax withheld"),
        C("locality", "18", "Name of locality", "text"),
        C("local_income", "19", "Local distribution"),
    ),
)

# Before 2020 boxes 12-17 were the state and local boxes and FATCA/date of payment did not exist.
R_2019 = Design(
    **{
        **R_2024.__dict__,
        "grid": (*R_2024.grid[:7], (R_2024.grid[7][0],)),
        "state_cells": tuple(
            Cell(c.field, str(int(c.number) - 2), c.label, c.kind) for c in R_2024.state_cells
        ),
    }
)

SA_2024 = Design(
    "1099-SA",
    "1545-1517",
    "Distributions\nFrom an HSA,\nArcher MSA, or\nMedicare Advantage\nMSA",
    "Copy B\nFor\nRecipient",
    "PAYER'S/TRUSTEE'S name, street address, city or town, state or\n"
    "province, country, ZIP or foreign postal code, and telephone no.",
    "PAYER'S TIN",
    "RECIPIENT'S TIN",
    "RECIPIENT'S name",
    (
        (
            C("box1_gross_distribution", "1", "Gross distribution"),
            C("box2_earnings_on_excess_contributions", "2", "Earnings on excess cont."),
        ),
        (
            C("box3_distribution_code", "3", "Distribution code", "code"),
            C("box4_fmv_on_date_of_death", "4", "FMV on date of death"),
        ),
        (C("box5_hsa", "5", "HSA", "check"), C("box5_archer_msa", "", "Archer MSA", "check")),
        (C("box5_ma_msa", "", "MA MSA", "check"),),
    ),
)

W2G_2024 = Design(
    "W-2G",
    "1545-0238",
    "Certain\nGambling\nWinnings",
    "Copy B\nReport this\nincome on your\nfederal tax\nreturn.",
    PAYER_BLOCK,
    "PAYER'S federal identification number",
    "PAYER'S telephone number",
    "WINNER'S name",
    (
        (
            C("box1_gross_winnings", "1", "Reportable winnings"),
            C("box2_date_won", "2", "Date won", "date"),
        ),
        (
            C("box3_type_of_wager", "3", "Type of wager", "text"),
            C("box4_federal_tax_withheld", "4", "Federal income tax\nwithheld"),
        ),
        (C("box5_transaction", "5", "Transaction", "text"), C("box6_race", "6", "Race", "text")),
        (
            C("box7_winnings_identical_wagers", "7", "Winnings from identical\nwagers"),
            C("box8_cashier", "8", "Cashier", "text"),
        ),
        (
            C("recipient_tin", "9", "Winner's taxpayer\nidentification no.", "text"),
            C("box10_window", "10", "Window", "text"),
        ),
        (
            C("box11_first_identification", "11", "First identification", "text"),
            C("box12_second_identification", "12", "Second identification", "text"),
        ),
    ),
    (
        C("state_id", "13", "State/Payer's state identification no.", "text"),
        C("state_income", "14", "State winnings"),
        C("state_tax_withheld", "15", "State income tax\nwithheld"),
        C("local_income", "16", "Local winnings"),
        C("local_tax_withheld", "17", "Local income tax\nwithheld"),
        C("locality", "18", "Name of locality", "text"),
    ),
    account_label=None,
)

LENDER_BLOCK = (
    "RECIPIENT'S/LENDER'S name, street address, city or town, state or\n"
    "province, country, ZIP or foreign postal code, and telephone no."
)

F1098_2024 = Design(
    "1098",
    "1545-1380",
    "Mortgage\nInterest\nStatement",
    "Copy B\nFor Payer/\nBorrower",
    LENDER_BLOCK,
    "RECIPIENT'S/LENDER'S TIN",
    "PAYER'S/BORROWER'S TIN",
    "PAYER'S/BORROWER'S name",
    (
        (
            C(
                "box1_mortgage_interest",
                "1",
                "Mortgage interest received from\npayer(s)/borrower(s)",
                span=2,
            ),
        ),
        (
            C("box2_outstanding_principal", "2", "Outstanding mortgage\nprincipal"),
            C("box3_origination_date", "3", "Mortgage origination date", "date"),
        ),
        (
            C("box4_refund_of_overpaid_interest", "4", "Refund of overpaid\ninterest"),
            C("box5_mortgage_insurance_premiums", "5", "Mortgage insurance\npremiums"),
        ),
        (C("box6_points_paid", "6", "Points paid on purchase of principal residence", span=2),),
        (
            C(
                "box7_property_address_same",
                "7",
                "If address of property securing mortgage is\n"
                "the same as PAYER'S/BORROWER'S address, check",
                "check",
                span=2,
            ),
        ),
        (
            C(
                "box8_property_address",
                "8",
                "Address or description of property securing\nmortgage",
                "text",
                span=2,
            ),
        ),
        (
            C(
                "box9_number_of_properties",
                "9",
                "Number of properties",
                "int",
            ),
            C("box10_other", "10", "Other", "text"),
        ),
        (C("box11_acquisition_date", "11", "Mortgage acquisition date", "date"),),
    ),
)

# Before 2017 the 1098 had four amount boxes: points in 2, refund in 3, insurance in 4.
F1098_2015 = Design(
    **{
        **F1098_2024.__dict__,
        "grid": (
            F1098_2024.grid[0],
            (
                C("box6_points_paid", "2", "Points paid on purchase of\nprincipal residence"),
                C("box4_refund_of_overpaid_interest", "3", "Refund of overpaid\ninterest"),
            ),
            (C("box5_mortgage_insurance_premiums", "4", "Mortgage insurance\npremiums"),),
        ),
    }
)

F1098E_2024 = Design(
    "1098-E",
    "1545-1576",
    "Student\nLoan Interest\nStatement",
    "Copy B\nFor Borrower",
    LENDER_BLOCK,
    "RECIPIENT'S TIN",
    "BORROWER'S TIN",
    "BORROWER'S name",
    (
        (C("box1_student_loan_interest", "1", "Student loan interest received by lender", span=2),),
        (
            C(
                "box2_origination_fees_excluded",
                "2",
                "If checked, box 1 does not include loan\n"
                "origination fees and/or capitalized interest",
                "check",
                span=2,
            ),
        ),
    ),
)

F1098T_2024 = Design(
    "1098-T",
    "1545-1574",
    "Tuition\nStatement",
    "Copy B\nFor Student",
    "FILER'S name, street address, city or town, state or province,\n"
    "country, ZIP or foreign postal code, and telephone number",
    "FILER'S employer identification no.",
    "STUDENT'S TIN",
    "STUDENT'S name",
    (
        (
            C(
                "box1_payments_received",
                "1",
                "Payments received for\nqualified tuition and\nrelated expenses",
            ),
            C("box2_reserved", "2", "", "text"),
        ),
        (
            C("box4_prior_year_adjustments", "4", "Adjustments made for a\nprior year"),
            C("box5_scholarships_grants", "5", "Scholarships or grants"),
        ),
        (
            C(
                "box6_prior_year_scholarship_adjustments",
                "6",
                "Adjustments to\nscholarships or grants\nfor a prior year",
            ),
            C(
                "box7_next_year_academic_period",
                "7",
                "Checked if box 1 includes\namounts for an academic\nperiod beginning Jan-Mar",
                "check",
            ),
        ),
        (
            C("box8_at_least_half_time", "8", "At least half-time student", "check"),
            C("box9_graduate_student", "9", "Graduate student", "check"),
        ),
        (C("box10_insurance_reimbursement", "10", "Ins. contract reimb./\nrefund"),),
    ),
    account_label="Service Provider/Acct. No. (see instr.)",
)

# Until 2017 box 2 held the amounts billed and box 3 flagged a change of reporting method.
F1098T_2017 = Design(
    **{
        **F1098T_2024.__dict__,
        "grid": (
            (
                C(
                    "box1_payments_received",
                    "1",
                    "Payments received for\nqualified tuition and\nrelated expenses",
                ),
                C(
                    "box2_amounts_billed",
                    "2",
                    "Amounts billed for\nqualified tuition and\nrelated expenses",
                ),
            ),
            (
                C(
                    "box3_changed_reporting_method",
                    "3",
                    "If this box is checked, your\n"
                    "educational institution has\nchanged its reporting method",
                    "check",
                    span=2,
                ),
            ),
            *F1098T_2024.grid[1:],
        ),
    }
)

TRUSTEE_BLOCK = (
    "TRUSTEE'S or ISSUER'S name, street address, city or town, state or\n"
    "province, country, ZIP or foreign postal code"
)

F5498_2024 = Design(
    "5498",
    "1545-0747",
    "IRA\nContribution\nInformation",
    "Copy B\nFor\nParticipant",
    TRUSTEE_BLOCK,
    "TRUSTEE'S or ISSUER'S TIN",
    "PARTICIPANT'S TIN",
    "PARTICIPANT'S name",
    (
        (
            C(
                "box1_ira_contributions",
                "1",
                "IRA contributions (other\nthan amounts in boxes\n2-4, 8-10, 13a, and 14a)",
            ),
            C("box2_rollover_contributions", "2", "Rollover contributions"),
        ),
        (
            C("box3_roth_conversion", "3", "Roth IRA conversion\namount"),
            C("box4_recharacterized_contributions", "4", "Recharacterized\ncontributions"),
        ),
        (
            C("box5_fair_market_value", "5", "Fair market value of\naccount"),
            C("box6_life_insurance_cost", "6", "Life insurance cost\nincluded in box 1"),
        ),
        (C("box7_ira", "7", "IRA", "check"), C("box7_sep", "", "SEP", "check")),
        (C("box7_simple", "", "SIMPLE", "check"), C("box7_roth_ira", "", "Roth IRA", "check")),
        (
            C("box8_sep_contributions", "8", "SEP contributions"),
            C("box9_simple_contributions", "9", "SIMPLE contributions"),
        ),
        (
            C("box10_roth_ira_contributions", "10", "Roth IRA contributions"),
            C("box11_rmd_next_year", "11", "Check if RMD for next year", "check"),
        ),
        (
            C("box12a_rmd_date", "12a", "RMD date", "date"),
            C("box12b_rmd_amount", "12b", "RMD amount"),
        ),
        (
            C("box13a_postponed_contribution", "13a", "Postponed/late contrib."),
            C("box13b_year", "13b", "Year", "year"),
        ),
        (C("box13c_code", "13c", "Code", "code"), C("box14a_repayments", "14a", "Repayments")),
        (
            C("box14b_code", "14b", "Code", "code"),
            C("box15a_fmv_specified_assets", "15a", "FMV of certain\nspecified assets"),
        ),
        (C("box15b_codes", "15b", "Code(s)", "code"),),
    ),
)

F5498SA_2024 = Design(
    "5498-SA",
    "1545-1518",
    "HSA, Archer MSA,\nor Medicare\nAdvantage MSA\nInformation",
    "Copy B\nFor\nParticipant",
    TRUSTEE_BLOCK,
    "TRUSTEE'S TIN",
    "PARTICIPANT'S TIN",
    "PARTICIPANT'S name",
    (
        (
            C(
                "box1_archer_msa_employee_contributions",
                "1",
                "Employee or self-employed\nperson's Archer MSA\ncontributions",
            ),
            C("box2_total_contributions", "2", "Total contributions made\nin the year"),
        ),
        (
            C(
                "box3_contributions_made_next_year",
                "3",
                "Total HSA or Archer MSA\ncontributions made in\nthe next year for the year",
            ),
            C("box4_rollover_contributions", "4", "Rollover contributions"),
        ),
        (
            C("box5_fair_market_value", "5", "Fair market value of HSA,\nArcher MSA, or MA MSA"),
            C("box6_hsa", "6", "HSA", "check"),
        ),
        (C("box6_archer_msa", "", "Archer MSA", "check"), C("box6_ma_msa", "", "MA MSA", "check")),
    ),
)

# Substitute statements of the forms whose official PDF is filled instead of drawn.
G_2024 = Design(
    "1099-G",
    "1545-0120",
    "Certain\nGovernment\nPayments",
    "Copy B\nFor Recipient",
    PAYER_BLOCK,
    "PAYER'S TIN",
    "RECIPIENT'S TIN",
    "RECIPIENT'S name",
    (
        (
            C("box1_unemployment_compensation", "1", "Unemployment compensation"),
            C(
                "box2_state_local_refund",
                "2",
                "State or local income tax\nrefunds, credits, or offsets",
            ),
        ),
        (
            C("box3_tax_year_of_refund", "3", "Box 2 amount is for tax year", "year"),
            C("box4_federal_tax_withheld", "4", "Federal income tax withheld"),
        ),
        (
            C("box5_rtaa_payments", "5", "RTAA payments"),
            C("box6_taxable_grants", "6", "Taxable grants"),
        ),
        (
            C("box7_agriculture_payments", "7", "Agriculture payments"),
            C(
                "box8_trade_or_business",
                "8",
                "If checked, box 2 is trade\nor business income",
                "check",
            ),
        ),
        (C("box9_market_gain", "9", "Market gain"),),
    ),
    (
        C("state", "10a", "State", "text"),
        C("payer_state_id", "10b", "State identification no.", "text"),
        C("state_tax_withheld", "11", "State income tax withheld"),
    ),
)

K_2024 = Design(
    "1099-K",
    "1545-2205",
    "Payment Card and\nThird Party\nNetwork\nTransactions",
    "Copy B\nFor Payee",
    "FILER'S name, street address, city or town, state or province,\n"
    "country, ZIP or foreign postal code, and telephone no.",
    "FILER'S TIN",
    "PAYEE'S TIN",
    "PAYEE'S name",
    (
        (
            C("filer_pse", "", "Payment settlement entity (PSE)", "check"),
            C(
                "filer_epf_other",
                "",
                "Electronic Payment Facilitator\n(EPF)/Other third party",
                "check",
            ),
        ),
        (
            C("transactions_payment_card", "", "Payment card", "check"),
            C("transactions_third_party_network", "", "Third party network", "check"),
        ),
        (C("pse_name_phone", "", "PSE'S name and telephone number", "text", span=2),),
        (
            C(
                "box1a_gross_payments",
                "1a",
                "Gross amount of payment\ncard/third party network\ntransactions",
            ),
            C("box1b_card_not_present", "1b", "Card Not Present\ntransactions"),
        ),
        (
            C("box2_merchant_category_code", "2", "Merchant category code", "code"),
            C("box3_number_of_transactions", "3", "Number of payment transactions", "int"),
        ),
        (C("box4_federal_tax_withheld", "4", "Federal income tax\nwithheld"),),
        *(
            (C(f"box5{a}_{m1.lower()}", f"5{a}", m1), C(f"box5{b}_{m2.lower()}", f"5{b}", m2))
            for a, m1, b, m2 in (
                ("a", "January", "b", "February"),
                ("c", "March", "d", "April"),
                ("e", "May", "f", "June"),
                ("g", "July", "h", "August"),
                ("i", "September", "j", "October"),
                ("k", "November", "l", "December"),
            )
        ),
    ),
    (
        C("state", "6", "State", "text"),
        C("payer_state_id", "7", "State identification no.", "text"),
        C("state_tax_withheld", "8", "State income tax withheld"),
    ),
)

C_2024 = Design(
    "1099-C",
    "1545-1424",
    "Cancellation\nof Debt",
    "Copy B\nFor Debtor",
    "CREDITOR'S name, street address, city or town, state or province,\n"
    "country, ZIP or foreign postal code, and telephone no.",
    "CREDITOR'S TIN",
    "DEBTOR'S TIN",
    "DEBTOR'S name",
    (
        (
            C("box1_date_of_event", "1", "Date of identifiable event", "date"),
            C("box2_debt_cancelled", "2", "Amount of debt discharged"),
        ),
        (
            C("box3_interest_included", "3", "Interest, if included in box 2"),
            C("box4_debt_description", "4", "Debt description", "text"),
        ),
        (
            C(
                "box5_personally_liable",
                "5",
                "If checked, the debtor was personally liable\nfor repayment of the debt",
                "check",
                span=2,
            ),
        ),
        (
            C("box6_event_code", "6", "Identifiable event code", "code"),
            C("box7_fair_market_value", "7", "Fair market value of property"),
        ),
    ),
)

SSA_2024 = Design(
    "SSA-1099",
    "",
    "SOCIAL SECURITY BENEFIT STATEMENT",
    "",
    "",
    "",
    "Box 2. Beneficiary's Social Security Number",
    "Box 1. Name",
    (
        (
            C("box3_benefits_paid", "3", "Benefits Paid in"),
            C("box4_benefits_repaid", "4", "Benefits Repaid to SSA in"),
        ),
        (
            C("box5_net_benefits", "5", "Net Benefits for"),
            C("box6_voluntary_tax_withheld", "6", "Voluntary Federal Income Tax Withheld"),
        ),
        (
            C("paid_by_check_or_direct_deposit", "", "Paid by check or direct deposit"),
            C(
                "medicare_part_b_premiums",
                "",
                "Medicare Part B premiums deducted from your benefits",
            ),
        ),
        (
            C(
                "box8_claim_number",
                "8",
                "Claim Number (Use this number if you need to contact SSA.)",
                "text",
                span=2,
            ),
        ),
    ),
    account_label=None,
)


def all_cells(design: Design) -> list[Cell]:
    return [cell for row in design.grid for cell in row]


# ---------------------------------------------------------------- samples


@dataclass(frozen=True)
class Sample:
    """One generated document and the values put into it."""

    folder: str
    name: str
    design: Design
    year: int
    payer: Company
    recipient: Person
    fields: Mapping[str, Value]
    state: tuple[Mapping[str, Value], ...] = ()
    account: str | None = None
    corrected: bool = False
    phone: str = "(800) 555-0100"


def _d(text: str) -> Decimal:
    return Decimal(text)


def company(name: str, ein: str, street: str, city: str, state: str, state_id: str) -> Company:
    return Company(name, ein, street, city, state, state_id)


PENSION = company(
    "MIDWEST TEACHERS PENSION FUND",
    "36-4455667",
    "400 N STATE ST",
    "SPRINGFIELD IL 62701",
    "IL",
    "3344-5566",
)
BROKER_IRA = company(
    "HARBOR TRUST IRA SERVICES",
    "94-3322110",
    "1 MARKET PLZ",
    "SAN FRANCISCO CA 94105",
    "CA",
    "555-1212-4",
)
ANNUITY = company(
    "LONE STAR LIFE INSURANCE CO", "74-1112223", "600 CONGRESS AVE", "AUSTIN TX 78701", "TX", ""
)
ROLLOVER = company(
    "ROCKY MOUNTAIN 401K PLAN", "84-5556667", "1700 BROADWAY", "DENVER CO 80290", "CO", "77889900"
)
IDES = company(
    "ILLINOIS DEPT OF EMPLOYMENT SECURITY",
    "37-6000511",
    "33 S STATE ST",
    "CHICAGO IL 60603",
    "IL",
    "37-6000511",
)
FTB = company(
    "FRANCHISE TAX BOARD", "68-0204061", "PO BOX 942840", "SACRAMENTO CA 94240", "CA", "SIT-0204061"
)
CO_AG = company(
    "COLORADO DEPT OF AGRICULTURE",
    "84-6000583",
    "305 INTERLOCKEN PKWY",
    "BROOMFIELD CO 80021",
    "CO",
    "84-6000583",
)
MARKET = company(
    "CRAFTLANE MARKETPLACE INC", "45-6677889", "88 KING ST", "SEATTLE WA 98104", "IL", "IL-99887766"
)
PAYFAST = company(
    "PAYFAST PROCESSING LLC",
    "47-1234098",
    "1200 PEACHTREE ST",
    "ATLANTA GA 30309",
    "CA",
    "CA-5566778",
)
LENDCO = company(
    "PRAIRIE STATE CREDIT UNION", "37-0998877", "210 W JEFFERSON ST", "SPRINGFIELD IL 62702", "", ""
)
CARDBANK = company(
    "FIRST COASTAL CARD SERVICES", "59-7788990", "9 BAY ST", "JACKSONVILLE FL 32202", "", ""
)
HSA_BANK = company("SUMMIT HSA BANK", "41-2233445", "80 S 8TH ST", "MINNEAPOLIS MN 55402", "", "")
CASINO = company(
    "GOLDEN MESA CASINO RESORT",
    "88-0112233",
    "3600 LAS VEGAS BLVD S",
    "LAS VEGAS NV 89109",
    "NV",
    "NV-001122",
)
LOTTERY = company(
    "TEXAS LOTTERY COMMISSION", "74-2556677", "611 E 6TH ST", "AUSTIN TX 78701", "TX", ""
)
SSA = company("SOCIAL SECURITY ADMINISTRATION", "", "", "", "", "")
MORTGAGE = company(
    "GREAT LAKES HOME LOANS", "36-7788112", "1 N LASALLE ST", "CHICAGO IL 60602", "", ""
)
SERVICER = company(
    "NATIONAL STUDENT LOAN SERVICING", "52-1122334", "PO BOX 7860", "MADISON WI 53707", "", ""
)
COLLEGE = company(
    "UNIVERSITY OF NORTHERN PRAIRIE", "36-1000222", "1200 CAMPUS DR", "NORMAL IL 61761", "", ""
)
TRUSTEE = company(
    "HARBOR TRUST IRA SERVICES", "94-3322110", "1 MARKET PLZ", "SAN FRANCISCO CA 94105", "", ""
)


SAMPLES: tuple[Sample, ...] = (
    # 1099-R
    Sample(
        "1099/r",
        "lookalike_2019_rollover",
        R_2019,
        2019,
        ROLLOVER,
        MARIA,
        {
            "box1_gross_distribution": _d("48250.00"),
            "box2a_taxable_amount": _d("0.00"),
            "box2b_total_distribution": True,
            "box4_federal_tax_withheld": _d("0.00"),
            "box7_distribution_code": "G",
            "box7_ira_sep_simple": False,
        },
        ({"state": "CO", "payer_state_id": "77889900", "state_income": _d("48250.00")},),
        account="401K-0098812",
    ),
    Sample(
        "1099/r",
        "substitute_2023_annuity",
        R_2024,
        2023,
        ANNUITY,
        ROBERT,
        {
            "box1_gross_distribution": _d("9600.00"),
            "box2a_taxable_amount": _d("3120.50"),
            "box4_federal_tax_withheld": _d("960.00"),
            "box5_employee_contributions": _d("6479.50"),
            "box7_distribution_code": "7D",
            "box9b_total_employee_contributions": _d("64795.00"),
        },
        account="ANN-7712-05",
    ),
    # 1099-SA
    Sample(
        "1099/sa",
        "lookalike_2024_hsa",
        SA_2024,
        2024,
        HSA_BANK,
        LINDA,
        {
            "box1_gross_distribution": _d("2875.40"),
            "box3_distribution_code": "1",
            "box5_hsa": True,
            "box5_archer_msa": False,
            "box5_ma_msa": False,
        },
        account="HSA-556677",
    ),
    Sample(
        "1099/sa",
        "substitute_2023_excess",
        SA_2024,
        2023,
        HSA_BANK,
        JOHN,
        {
            "box1_gross_distribution": _d("1250.00"),
            "box2_earnings_on_excess_contributions": _d("41.17"),
            "box3_distribution_code": "2",
            "box5_hsa": True,
        },
        account="HSA-901234",
    ),
    # W-2G
    Sample(
        "1099/w2g",
        "lookalike_2024_slots",
        W2G_2024,
        2024,
        CASINO,
        JOHN,
        {
            "box1_gross_winnings": _d("4200.00"),
            "box2_date_won": date(2024, 7, 13),
            "box3_type_of_wager": "SLOT",
            "box4_federal_tax_withheld": _d("1008.00"),
            "box5_transaction": "SL-44817",
            "box8_cashier": "C112",
            "box10_window": "W7",
            "box11_first_identification": "CA DL D1234567",
        },
        ({"state": "NV", "payer_state_id": "0112233-01", "state_income": _d("4200.00")},),
        phone="(702) 555-0199",
    ),
    Sample(
        "1099/w2g",
        "substitute_2024_lottery",
        W2G_2024,
        2024,
        LOTTERY,
        ROBERT,
        {
            "box1_gross_winnings": _d("15000.00"),
            "box2_date_won": date(2024, 11, 2),
            "box3_type_of_wager": "LOTTERY",
            "box4_federal_tax_withheld": _d("3600.00"),
            "box5_transaction": "TX-PB-20241102",
            "box7_winnings_identical_wagers": _d("0.00"),
        },
        phone="(512) 555-0144",
    ),
    # SSA-1099
    Sample(
        "ssa1099",
        "lookalike_2024_benefits",
        SSA_2024,
        2024,
        SSA,
        LINDA,
        {
            "box3_benefits_paid": _d("23412.00"),
            "box4_benefits_repaid": _d("0.00"),
            "box5_net_benefits": _d("23412.00"),
            "box6_voluntary_tax_withheld": _d("2341.20"),
            "paid_by_check_or_direct_deposit": _d("18568.80"),
            "medicare_part_b_premiums": _d("2096.40"),
            "box8_claim_number": "955012468A",
        },
    ),
    Sample(
        "ssa1099",
        "replacement_2023_repaid",
        SSA_2024,
        2023,
        SSA,
        ROBERT,
        {
            "box3_benefits_paid": _d("17880.00"),
            "box4_benefits_repaid": _d("1490.00"),
            "box5_net_benefits": _d("16390.00"),
            "box6_voluntary_tax_withheld": _d("0.00"),
            "paid_by_check_or_direct_deposit": _d("15931.20"),
            "medicare_part_b_premiums": _d("1978.80"),
            "box8_claim_number": "987654329A",
        },
    ),
    # 1098
    Sample(
        "1098",
        "f1098_lookalike_2024",
        F1098_2024,
        2024,
        MORTGAGE,
        JANE,
        {
            "box1_mortgage_interest": _d("11842.17"),
            "box2_outstanding_principal": _d("286540.00"),
            "box3_origination_date": date(2019, 6, 14),
            "box5_mortgage_insurance_premiums": _d("912.00"),
            "box6_points_paid": _d("0.00"),
            "box7_property_address_same": True,
            "box9_number_of_properties": 1,
            "box10_other": "REAL ESTATE TAX 4210.55",
        },
        account="LN-0048812",
    ),
    Sample(
        "1098",
        "f1098_lookalike_2015_old_revision",
        F1098_2015,
        2015,
        MORTGAGE,
        JOHN,
        {
            "box1_mortgage_interest": _d("9310.44"),
            "box6_points_paid": _d("2150.00"),
            "box4_refund_of_overpaid_interest": _d("125.00"),
            "box5_mortgage_insurance_premiums": _d("640.00"),
        },
        account="LN-0031177",
    ),
    Sample(
        "1098",
        "f1098_substitute_2023",
        F1098_2024,
        2023,
        LENDCO,
        MARIA,
        {
            "box1_mortgage_interest": _d("7655.90"),
            "box2_outstanding_principal": _d("201337.12"),
            "box3_origination_date": date(2021, 3, 2),
            "box4_refund_of_overpaid_interest": _d("88.10"),
            "box7_property_address_same": False,
            "box8_property_address": "2201 PINE ST APT 4 DENVER CO 80205",
            "box9_number_of_properties": 1,
            "box11_acquisition_date": date(2021, 3, 2),
        },
        account="PSCU-77120",
    ),
    Sample(
        "1098",
        "f1098e_lookalike_2024",
        F1098E_2024,
        2024,
        SERVICER,
        ROBERT,
        {
            "box1_student_loan_interest": _d("1618.32"),
            "box2_origination_fees_excluded": False,
        },
        account="NSL-4401928",
    ),
    Sample(
        "1098",
        "f1098e_substitute_2023",
        F1098E_2024,
        2023,
        SERVICER,
        MARIA,
        {
            "box1_student_loan_interest": _d("2500.00"),
            "box2_origination_fees_excluded": True,
        },
        account="NSL-5512030",
    ),
    Sample(
        "1098",
        "f1098t_lookalike_2024",
        F1098T_2024,
        2024,
        COLLEGE,
        LINDA,
        {
            "box1_payments_received": _d("14250.00"),
            "box5_scholarships_grants": _d("6000.00"),
            "box4_prior_year_adjustments": _d("350.00"),
            "box7_next_year_academic_period": True,
            "box8_at_least_half_time": True,
            "box9_graduate_student": False,
        },
        account="UNP-2024-19922",
    ),
    Sample(
        "1098",
        "f1098t_lookalike_2017_old_revision",
        F1098T_2017,
        2017,
        COLLEGE,
        JOHN,
        {
            "box1_payments_received": _d("0.00"),
            "box2_amounts_billed": _d("11340.00"),
            "box3_changed_reporting_method": False,
            "box5_scholarships_grants": _d("2500.00"),
            "box8_at_least_half_time": True,
            "box9_graduate_student": True,
        },
        account="UNP-2017-00411",
    ),
    Sample(
        "1098",
        "f1098t_substitute_2023",
        F1098T_2024,
        2023,
        COLLEGE,
        JANE,
        {
            "box1_payments_received": _d("9875.00"),
            "box5_scholarships_grants": _d("11200.00"),
            "box6_prior_year_scholarship_adjustments": _d("500.00"),
            "box8_at_least_half_time": True,
        },
        account="UNP-2023-55810",
    ),
    # 5498
    Sample(
        "5498",
        "f5498_lookalike_2024",
        F5498_2024,
        2024,
        TRUSTEE,
        JANE,
        {
            "box1_ira_contributions": _d("7000.00"),
            "box5_fair_market_value": _d("84215.33"),
            "box7_ira": True,
            "box7_sep": False,
            "box7_simple": False,
            "box7_roth_ira": False,
            "box11_rmd_next_year": False,
        },
        account="IRA-3300441",
    ),
    Sample(
        "5498",
        "f5498_substitute_2023_roth",
        F5498_2024,
        2023,
        TRUSTEE,
        JOHN,
        {
            "box3_roth_conversion": _d("12000.00"),
            "box5_fair_market_value": _d("40110.09"),
            "box7_roth_ira": True,
            "box10_roth_ira_contributions": _d("6500.00"),
            "box13a_postponed_contribution": _d("500.00"),
            "box13b_year": 2022,
            "box13c_code": "PO",
        },
        account="ROTH-118822",
    ),
    Sample(
        "5498",
        "f5498sa_lookalike_2024",
        F5498SA_2024,
        2024,
        HSA_BANK,
        LINDA,
        {
            "box2_total_contributions": _d("4150.00"),
            "box3_contributions_made_next_year": _d("300.00"),
            "box5_fair_market_value": _d("12877.61"),
            "box6_hsa": True,
            "box6_archer_msa": False,
            "box6_ma_msa": False,
        },
        account="HSA-556677",
    ),
    Sample(
        "5498",
        "f5498sa_substitute_2023",
        F5498SA_2024,
        2023,
        HSA_BANK,
        JOHN,
        {
            "box2_total_contributions": _d("3850.00"),
            "box4_rollover_contributions": _d("1200.00"),
            "box5_fair_market_value": _d("6020.45"),
            "box6_hsa": True,
        },
        account="HSA-901234",
    ),
    # substitutes of the forms filled from the official PDF
    Sample(
        "1099/g",
        "substitute_2024_agriculture",
        G_2024,
        2024,
        CO_AG,
        MARIA,
        {
            "box6_taxable_grants": _d("2500.00"),
            "box7_agriculture_payments": _d("18450.00"),
            "box9_market_gain": _d("312.75"),
            "box4_federal_tax_withheld": _d("0.00"),
        },
        ({"state": "CO", "payer_state_id": "84-6000583", "state_tax_withheld": _d("0.00")},),
    ),
    Sample(
        "1099/k",
        "substitute_2024_card",
        K_2024,
        2024,
        PAYFAST,
        JOHN,
        {
            "filer_pse": True,
            "transactions_payment_card": True,
            "box1a_gross_payments": _d("31240.18"),
            "box1b_card_not_present": _d("4410.00"),
            "box2_merchant_category_code": "5812",
            "box3_number_of_transactions": 1873,
            **{
                f"box5{m}": _d(v)
                for m, v in (
                    ("a_january", "2100.00"),
                    ("b_february", "2212.40"),
                    ("c_march", "2398.11"),
                    ("d_april", "2540.00"),
                    ("e_may", "2660.75"),
                    ("f_june", "2801.30"),
                    ("g_july", "2950.00"),
                    ("h_august", "2877.62"),
                    ("i_september", "2611.00"),
                    ("j_october", "2588.00"),
                    ("k_november", "2700.00"),
                    ("l_december", "3001.00"),
                )
            },
        },
        ({"state": "CA", "payer_state_id": "CA-5566778"},),
        account="MID-00451",
    ),
    Sample(
        "1099/c",
        "substitute_2023_card_debt",
        C_2024,
        2023,
        CARDBANK,
        LINDA,
        {
            "box1_date_of_event": date(2023, 9, 30),
            "box2_debt_cancelled": _d("6412.88"),
            "box3_interest_included": _d("802.10"),
            "box4_debt_description": "CREDIT CARD DEBT",
            "box5_personally_liable": True,
            "box6_event_code": "G",
        },
        account="4417-XXXX-XXXX-2291",
    ),
)


# ---------------------------------------------------------------- printing values


def printed(kind: str, value: Value) -> str:
    """A value as the form prints it."""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, date):
        return value.strftime("%m/%d/%Y")
    return str(value)


def state_printed(cell: Cell, row: Mapping[str, Value]) -> str:
    if cell.field == "state_id":
        return " ".join(str(row[k]) for k in ("state", "payer_state_id") if row.get(k))
    value = row.get(cell.field)
    return "" if value is None else printed(cell.kind, value)


def expected_fields(sample: Sample) -> dict[str, Any]:
    """The contract's `fields` for a sample: what was put in, check boxes printed as false."""
    out: dict[str, Any] = {}
    for cell in all_cells(sample.design):
        if cell.field == "recipient_tin":
            continue
        value = sample.fields.get(cell.field, False if cell.kind == "check" else None)
        if cell.field == "box8_claim_number" and isinstance(value, str):
            value = f"XXXXX{value[5:]}"  # the SSN inside a claim number is never written
        if value is not None:
            out[cell.field] = _json_value(value)
    if sample.account:
        out["account_number"] = sample.account
    if sample.state:
        out["state"] = [{k: _json_value(v) for k, v in row.items()} for row in sample.state]
    return out


def _json_value(value: Value) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return value


def expected_record(
    sample: Sample, pages: list[int], payer_name: str | None = None
) -> dict[str, Any]:
    return {
        "doc_type": sample.design.doc_type,
        "tax_year": sample.year,
        "corrected": sample.corrected,
        "pages": pages,
        "payer_tin": sample.payer.ein or None,
        "payer_name": payer_name or sample.payer.name,
        "recipient_tin_last4": sample.recipient.last4,
        "recipient_name": sample.recipient.name,
        "fields": expected_fields(sample),
    }


# ---------------------------------------------------------------- drawing helpers


class Sheet:
    """A reportlab canvas addressed in top-left coordinates, like the page model."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.canvas = Canvas(str(path), pagesize=letter, invariant=1)

    def text(self, x: float, top: float, s: str, size: float = 7, bold: bool = False) -> None:
        self.canvas.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        self.canvas.drawString(x, PAGE_H - top - size * 0.8, s)

    def lines(
        self, x: float, top: float, text: str, size: float = 6.5, bold: bool = False
    ) -> float:
        for n, line in enumerate(text.split("\n")):
            self.text(x, top + n * (size + 1.2), line, size, bold)
        return top + len(text.split("\n")) * (size + 1.2)

    def rect(self, x0: float, top: float, x1: float, bottom: float, width: float = 0.6) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.rect(x0, PAGE_H - bottom, x1 - x0, bottom - top)

    def checkbox(self, x: float, top: float, checked: bool) -> None:
        self.rect(x, top, x + 8, top + 8, 0.5)
        if checked:
            self.text(x + 1.2, top + 0.6, "X", 8.5, bold=True)

    def page(self) -> None:
        self.canvas.showPage()

    def save(self) -> None:
        self.canvas.save()


LEFT, MID, RIGHT, EDGE = 36.0, 294.0, 500.0, 576.0
ROW = 36.0


def _cell_label(cell: Cell) -> str:
    return f"{cell.number} {cell.label}" if cell.number else cell.label


# ---------------------------------------------------------------- the look-alike layout


def draw_lookalike(sheet: Sheet, sample: Sample, top: float, copy_text: str | None = None) -> float:
    """One copy of the form in the official arrangement; returns the bottom of the block."""
    d = sample.design
    sheet.text(200, top, "VOID", 7, bold=True)
    sheet.checkbox(222, top - 1, False)
    sheet.text(250, top, "CORRECTED (if checked)", 7, bold=True)
    sheet.checkbox(338, top - 1, sample.corrected)
    y0 = top + 12
    left_bottom = _draw_left(sheet, sample, y0)
    grid_bottom = _draw_grid(sheet, sample, y0)
    _draw_title(sheet, sample, y0, copy_text or d.copy_text)
    bottom = max(left_bottom, grid_bottom)
    if d.state_cells:
        bottom = _draw_state_row(sheet, d.state_cells, sample.state, bottom)
    sheet.text(LEFT, bottom + 3, f"Form {d.doc_type}", 7, bold=True)
    sheet.text(230, bottom + 3, f"www.irs.gov/Form{d.doc_type.replace('-', '')}", 6.5)
    sheet.text(390, bottom + 3, "Department of the Treasury - Internal Revenue Service", 6.5)
    return bottom + 14


def _draw_left(sheet: Sheet, sample: Sample, top: float) -> float:
    d, payer, person = sample.design, sample.payer, sample.recipient
    y = top
    sheet.rect(LEFT, y, MID, y + 2 * ROW)
    sheet.lines(LEFT + 2, y + 2, d.payer_label)
    block = [payer.name, payer.street, payer.city_state_zip, sample.phone]
    for n, line in enumerate(block):
        sheet.text(LEFT + 6, y + 20 + n * 11, line, 9)
    y += 2 * ROW
    half = (LEFT + MID) / 2
    sheet.rect(LEFT, y, half, y + ROW)
    sheet.rect(half, y, MID, y + ROW)
    sheet.text(LEFT + 2, y + 2, d.payer_tin_label, 6.5)
    sheet.text(half + 2, y + 2, d.recipient_tin_label, 6.5)
    sheet.text(LEFT + 6, y + 13, payer.ein, 9)
    right_value = sample.phone if "telephone" in d.recipient_tin_label else person.ssn
    sheet.text(half + 6, y + 13, right_value, 9)
    y += ROW
    for label, value, height in (
        (d.recipient_label, person.name, ROW),
        ("Street address (including apt. no.)", person.street, ROW),
        (
            "City or town, state or province, country, and ZIP or foreign postal code",
            person.city_state_zip,
            ROW,
        ),
    ):
        sheet.rect(LEFT, y, MID, y + height)
        sheet.text(LEFT + 2, y + 2, label, 6.5)
        sheet.text(LEFT + 6, y + 12, value, 9)
        y += height
    if d.account_label:
        sheet.rect(LEFT, y, MID, y + ROW)
        sheet.text(LEFT + 2, y + 2, d.account_label, 6.5)
        sheet.text(LEFT + 6, y + 12, sample.account or "", 9)
        y += ROW
    return y


def _draw_grid(sheet: Sheet, sample: Sample, top: float) -> float:
    """Rows as tall as the left column's blocks, so labels of both columns share lines."""
    y = top
    col = (RIGHT - MID) / 2
    for row in sample.design.grid:
        x = MID
        for cell in row:
            width = col * cell.span
            sheet.rect(x, y, x + width, y + ROW)
            _draw_cell(sheet, sample, cell, x, y, width, ROW)
            x += width
        y += ROW
    return y


def _draw_cell(
    sheet: Sheet, sample: Sample, cell: Cell, x: float, y: float, width: float, height: float
) -> None:
    label_bottom = sheet.lines(x + 2, y + 2, _cell_label(cell))
    if cell.kind == "check":
        last = _cell_label(cell).split("\n")[-1]
        end = x + 2 + sheet.canvas.stringWidth(last, "Helvetica", 6.5)
        checked = bool(sample.fields.get(cell.field))
        sheet.checkbox(min(end + 4, x + width - 10), label_bottom - 8.5, checked)
        return
    if cell.kind == "money":
        sheet.text(x + 2, y + height - 10, "$", 7)
    if cell.field == "recipient_tin":
        value = sample.recipient.ssn
    else:
        raw = sample.fields.get(cell.field)
        value = "" if raw is None else printed(cell.kind, raw)
        if cell.field == "box9a_percentage_of_total" and value:
            value += "%"
    if value:
        size = fitted_size(sheet, value, width - 14)
        sheet.text(x + 10, max(label_bottom + 1, y + height - 11), value, size)


def fitted_size(sheet: Sheet, text: str, width: float, size: float = 9) -> float:
    """The font size that fits `text` in `width`, as a form field's auto size shrinks it."""
    while size > 5 and sheet.canvas.stringWidth(text, "Helvetica", size) > width:
        size -= 0.5
    return size


def wrapped(sheet: Sheet, text: str, width: float, size: float = 6.5) -> str:
    """A label broken into lines that fit `width` (lines already broken are kept)."""
    out: list[str] = []
    for line in text.split("\n"):
        current = ""
        for word in line.split():
            trial = f"{current} {word}".strip()
            if current and sheet.canvas.stringWidth(trial, "Helvetica", size) > width:
                out.append(current)
                current = word
            else:
                current = trial
        out.append(current)
    return "\n".join(out)


def _draw_title(sheet: Sheet, sample: Sample, top: float, copy_text: str) -> None:
    d = sample.design
    sheet.text(RIGHT + 3, top + 2, f"OMB No. {d.omb}", 6)
    sheet.text(RIGHT + 6, top + 14, str(sample.year), 16, bold=True)
    sheet.text(RIGHT + 3, top + 36, f"Form {d.doc_type}", 8, bold=True)
    after = sheet.lines(RIGHT + 3, top + 52, d.title, 8, bold=True)
    sheet.lines(RIGHT + 3, after + 12, copy_text, 7, bold=True)


def _draw_state_row(
    sheet: Sheet, cells: tuple[Cell, ...], rows: tuple[Mapping[str, Value], ...], top: float
) -> float:
    width = (EDGE - LEFT) / len(cells)
    labels = [wrapped(sheet, _cell_label(c), width - 4) for c in cells]
    label_lines = max(len(label.split("\n")) for label in labels)
    head = 4 + label_lines * 7.7
    for n, cell in enumerate(cells):
        x = LEFT + n * width
        sheet.rect(x, top, x + width, top + head + 26)
        sheet.lines(x + 2, top + 2, labels[n])
        for r in range(2):
            row = rows[r] if r < len(rows) else {}
            text = state_printed(cell, row)
            if cell.kind == "money":
                sheet.text(x + 2, top + head + 2 + r * 12, "$", 7)
            if text:
                size = fitted_size(sheet, text, width - 12)
                sheet.text(x + 10, top + head + 1 + r * 12, text, size)
    return top + head + 26


# ---------------------------------------------------------------- the substitute statement


def draw_substitute(sheet: Sheet, sample: Sample) -> None:
    """A payer's own statement: header blocks, then one row per box (label, value)."""
    d, payer, person = sample.design, sample.payer, sample.recipient
    sheet.text(LEFT, 28, d.payer_label.split(",")[0] + " and address", 7, bold=True)
    sheet.text(LEFT, 40, payer.name, 12, bold=True)
    sheet.text(LEFT, 56, f"{payer.street}, {payer.city_state_zip}", 8)
    sheet.text(330, 40, f"{sample.year} Form {d.doc_type}", 14, bold=True)
    sheet.text(330, 58, " ".join(d.title.split("\n")), 8)
    sheet.text(330, 70, "Copy B for Recipient - keep for your records", 8)
    if sample.corrected:
        sheet.text(330, 82, "CORRECTED", 10, bold=True)
    y = 96
    if payer.ein:
        sheet.text(LEFT, y, d.payer_tin_label, 7, bold=True)
        sheet.text(LEFT, y + 10, payer.ein, 9)
    sheet.text(200, y, "Telephone number", 7, bold=True)
    sheet.text(200, y + 10, sample.phone, 9)
    y += 30
    sheet.text(LEFT, y, d.recipient_label, 7, bold=True)
    for n, line in enumerate((person.name, person.street, person.city_state_zip)):
        sheet.text(LEFT, y + 10 + n * 11, line, 9)
    tin_label = d.recipient_tin_label
    if "telephone" in tin_label:
        tin_label = "WINNER'S taxpayer identification no."
    sheet.text(330, y, tin_label, 7, bold=True)
    sheet.text(330, y + 10, f"XXX-XX-{person.last4}", 9)
    if d.account_label and sample.account:
        sheet.text(450, y, "Account number", 7, bold=True)
        sheet.text(450, y + 10, sample.account, 9)
    y += 56
    sheet.rect(LEFT, y - 4, EDGE, y + 10, 0.4)
    sheet.text(LEFT + 4, y, "Box", 8, bold=True)
    sheet.text(LEFT + 40, y, "Description", 8, bold=True)
    sheet.text(392, y, "Amount / Value", 8, bold=True)
    y += 18
    for cell in all_cells(d):
        if cell.field == "recipient_tin" or not cell.label:
            continue
        sheet.text(LEFT + 4, y, cell.number, 8)
        sheet.text(LEFT + 40, y, " ".join(cell.label.split("\n")), 8)
        raw = sample.fields.get(cell.field)
        if cell.kind == "check":
            sheet.checkbox(400, y - 1, bool(raw))
        elif raw is not None:
            sheet.text(400, y, printed(cell.kind, raw), 9)
        y += 14
    if d.state_cells:
        y += 10
        y = _draw_state_row(sheet, d.state_cells, sample.state, y)
    sheet.text(
        LEFT, y + 20, "This is important tax information and is being furnished to the IRS.", 7
    )


# ---------------------------------------------------------------- SSA-1099


def draw_ssa(sheet: Sheet, sample: Sample, replacement: bool) -> None:
    """The SSA-1099 benefit statement (boxes 1-8, the description of the box 3 amount)."""
    f, person, year = sample.fields, sample.recipient, sample.year
    y = 40
    if replacement:
        sheet.text(LEFT, y, "SOCIAL SECURITY ADMINISTRATION", 10, bold=True)
        sheet.text(
            LEFT, y + 14, "This is a replacement Form SSA-1099 printed from my Social Security.", 8
        )
        y += 36
    sheet.text(LEFT, y, "FORM SSA-1099 - SOCIAL SECURITY BENEFIT STATEMENT", 10, bold=True)
    sheet.text(480, y - 4, str(year), 18, bold=True)
    sheet.text(
        LEFT,
        y + 14,
        "PART OF YOUR SOCIAL SECURITY BENEFITS SHOWN IN BOX 5 MAY BE TAXABLE INCOME.",
        7,
    )
    y += 30
    rows = [
        (("Box 1. Name", person.name), ("Box 2. Beneficiary's Social Security Number", person.ssn)),
        (
            (f"Box 3. Benefits Paid in {year}", _money(f, "box3_benefits_paid")),
            (f"Box 4. Benefits Repaid to SSA in {year}", _money(f, "box4_benefits_repaid")),
        ),
        (
            (f"Box 5. Net Benefits for {year} (Box 3 minus Box 4)", _money(f, "box5_net_benefits")),
            (
                "Box 6. Voluntary Federal Income Tax Withheld",
                _money(f, "box6_voluntary_tax_withheld"),
            ),
        ),
    ]
    for left, right in rows:
        for n, (label, value) in enumerate((left, right)):
            x = LEFT + n * 270
            sheet.rect(x, y, x + 270, y + 34)
            sheet.text(x + 3, y + 3, label, 7, bold=True)
            sheet.text(x + 8, y + 17, value, 10)
        y += 34
    sheet.rect(LEFT, y, EDGE, y + 80)
    sheet.text(LEFT + 3, y + 3, "DESCRIPTION OF AMOUNT IN BOX 3", 7, bold=True)
    desc = [
        ("Paid by check or direct deposit", _money(f, "paid_by_check_or_direct_deposit")),
        (
            "Medicare Part B premiums deducted from your benefits",
            _money(f, "medicare_part_b_premiums"),
        ),
        (f"Benefits for {year}", _money(f, "box3_benefits_paid")),
    ]
    for n, (label, value) in enumerate(desc):
        sheet.text(LEFT + 8, y + 18 + n * 14, label, 8)
        sheet.text(300, y + 18 + n * 14, value, 9)
    y += 80
    sheet.rect(LEFT, y, EDGE, y + 48)
    sheet.text(LEFT + 3, y + 3, "Box 7. Address", 7, bold=True)
    sheet.text(LEFT + 8, y + 16, person.street, 9)
    sheet.text(LEFT + 8, y + 28, person.city_state_zip, 9)
    y += 48
    sheet.rect(LEFT, y, EDGE, y + 34)
    sheet.text(
        LEFT + 3,
        y + 3,
        "Box 8. Claim Number (Use this number if you need to contact SSA.)",
        7,
        bold=True,
    )
    sheet.text(LEFT + 8, y + 17, str(f["box8_claim_number"]), 10)
    sheet.text(LEFT, y + 50, "Form SSA-1099-SM (1-2024)  DO NOT RETURN THIS FORM TO SSA OR IRS", 7)


def _money(fields: Mapping[str, Value], name: str) -> str:
    value = fields.get(name)
    return f"${value:,.2f}" if isinstance(value, Decimal) else ""


# ---------------------------------------------------------------- official IRS PDFs


@dataclass(frozen=True)
class Official:
    """A sample on an official IRS PDF: which pages, live or flattened, widget per field."""

    sample: Sample
    src: str
    pages: tuple[int, ...]  # 0-based pages of the blank form
    flatten: bool
    widgets: Mapping[str, str]  # field (or party key) -> short widget name ("f2_08")
    state_widgets: tuple[Mapping[str, str], ...] = ()
    year_widget: str | None = None


def _short(full_name: str) -> str:
    last = full_name.rsplit(".", 1)[-1]
    return last.split("[", 1)[0]


def official_values(o: Official) -> dict[str, str | bool]:
    """Values by short widget name."""
    s, payer, person = o.sample, o.sample.payer, o.sample.recipient
    party = {
        "payer_block": f"{payer.name}\n{payer.street}\n{payer.city_state_zip}\n{s.phone}",
        "payer_tin": payer.ein,
        "recipient_tin": person.ssn,
        "recipient_name": person.name,
        "street": person.street,
        "city": person.city_state_zip,
        "account": s.account or "",
        "corrected": s.corrected,
    }
    kinds = {c.field: c.kind for c in all_cells(s.design)}
    out: dict[str, str | bool] = {}
    for key, widget in o.widgets.items():
        if key in party:
            out[widget] = party[key]
        elif key in s.fields:
            value = s.fields[key]
            out[widget] = value if isinstance(value, bool) else printed(kinds[key], value)
    for row, widgets in zip(s.state, o.state_widgets, strict=False):
        for key, widget in widgets.items():
            if key == "state_id":
                out[widget] = " ".join(str(row[k]) for k in ("state", "payer_state_id") if k in row)
            elif key in row:
                out[widget] = printed(
                    "money" if isinstance(row[key], Decimal) else "text", row[key]
                )
    if o.year_widget:
        out[o.year_widget] = str(s.year)[2:]
    return out


def write_official(o: Official, pdf: Path) -> None:
    src = IRS_BLANK / o.src
    reader = open_form(src)
    short_values = official_values(o)
    values: dict[str, str | bool] = {}
    for index in o.pages:
        for widget in page_widgets(reader, index):
            short = _short(widget.name)
            if short in short_values and short_values[short] not in ("", False):
                values[widget.name] = short_values[short]
    fill_form(src, pdf, values, pages=o.pages, flatten=o.flatten)


PARTY_R = {
    "corrected": "c2_1",
    "payer_block": "f2_01",
    "payer_tin": "f2_02",
    "recipient_tin": "f2_03",
    "recipient_name": "f2_04",
    "street": "f2_05",
    "city": "f2_06",
    "account": "f2_07",
}
R_WIDGETS = {
    **PARTY_R,
    "box1_gross_distribution": "f2_08",
    "box2a_taxable_amount": "f2_09",
    "box2b_taxable_not_determined": "c2_2",
    "box2b_total_distribution": "c2_3",
    "box3_capital_gain": "f2_10",
    "box4_federal_tax_withheld": "f2_11",
    "box5_employee_contributions": "f2_12",
    "box6_net_unrealized_appreciation": "f2_13",
    "box7_distribution_code": "f2_14",
    "box7_ira_sep_simple": "c2_4",
    "box8_other": "f2_15",
    "box9a_percentage_of_total": "f2_17",
    "box9b_total_employee_contributions": "f2_18",
    "box10_amount_allocable_to_irr": "f2_19",
    "box11_first_year_roth": "f2_20",
    "box12_fatca_filing_requirement": "c2_5",
    "box13_date_of_payment": "f2_21",
}
R_STATE = tuple(
    {
        "state_tax_withheld": f"f2_{22 + r}",
        "state_id": f"f2_{24 + r}",
        "state_income": f"f2_{26 + r}",
        "local_tax_withheld": f"f2_{28 + r}",
        "locality": f"f2_{30 + r}",
        "local_income": f"f2_{32 + r}",
    }
    for r in range(2)
)
PARTY_2022 = {
    "corrected": "c2_1",
    "payer_block": "f2_2",
    "payer_tin": "f2_3",
    "recipient_tin": "f2_4",
    "recipient_name": "f2_5",
    "street": "f2_6",
    "city": "f2_7",
    "account": "f2_8",
}
C_WIDGETS = {
    **PARTY_2022,
    "box1_date_of_event": "f2_9",
    "box2_debt_cancelled": "f2_10",
    "box3_interest_included": "f2_11",
    "box4_debt_description": "f2_12",
    "box5_personally_liable": "c2_2",
    "box6_event_code": "f2_13",
    "box7_fair_market_value": "f2_14",
}
G_WIDGETS = {
    **PARTY_2022,
    "box1_unemployment_compensation": "f2_9",
    "box2_state_local_refund": "f2_10",
    "box3_tax_year_of_refund": "f2_11",
    "box4_federal_tax_withheld": "f2_12",
    "box5_rtaa_payments": "f2_13",
    "box6_taxable_grants": "f2_14",
    "box7_agriculture_payments": "f2_15",
    "box8_trade_or_business": "c2_3",
    "box9_market_gain": "f2_16",
}
G_STATE = tuple(
    {
        "state": f"f2_{17 + r}",
        "payer_state_id": f"f2_{19 + r}",
        "state_tax_withheld": f"f2_{21 + r}",
    }
    for r in range(2)
)
K_WIDGETS = {
    "corrected": "c2_1",
    "payer_block": "f2_2",
    "filer_pse": "c2_2",
    "filer_epf_other": "c2_3",
    "transactions_payment_card": "c2_4",
    "transactions_third_party_network": "c2_5",
    "recipient_name": "f2_3",
    "street": "f2_4",
    "city": "f2_5",
    "pse_name_phone": "f2_6",
    "account": "f2_7",
    "payer_tin": "f2_8",
    "recipient_tin": "f2_9",
    "box1a_gross_payments": "f2_10",
    "box1b_card_not_present": "f2_11",
    "box2_merchant_category_code": "f2_12",
    "box3_number_of_transactions": "f2_13",
    "box4_federal_tax_withheld": "f2_14",
    **{
        c.field: f"f2_{15 + n}"
        for n, c in enumerate(c for row in K_2024.grid for c in row if c.field.startswith("box5"))
    },
}
K_STATE = tuple(
    {
        "state": f"f2_{27 + r}",
        "payer_state_id": f"f2_{29 + r}",
        "state_tax_withheld": f"f2_{31 + r}",
    }
    for r in range(2)
)

R_PDF, C_PDF = "mcc-us__irs.ea/f1099r.pdf", "mcc-us__irs.ea/f1099c.pdf"
G_PDF, K_PDF = "evolvedtax__EvoTaxPortal/Form_1099_G.pdf", "evolvedtax__EvoTaxPortal/f1099k.pdf"

OFFICIAL: tuple[Official, ...] = (
    Official(
        Sample(
            "1099/r",
            "official_2024_pension",
            R_2024,
            2024,
            PENSION,
            JANE,
            {
                "box1_gross_distribution": _d("31840.00"),
                "box2a_taxable_amount": _d("31840.00"),
                "box4_federal_tax_withheld": _d("3184.00"),
                "box7_distribution_code": "7",
                "box9b_total_employee_contributions": _d("0.00"),
            },
            (
                {
                    "state": "IL",
                    "payer_state_id": "3344-5566",
                    "state_income": _d("31840.00"),
                    "state_tax_withheld": _d("0.00"),
                },
            ),
            account="MTPF-200431",
        ),
        R_PDF,
        (3, 4, 7),
        False,
        R_WIDGETS,
        R_STATE,
    ),
    Official(
        Sample(
            "1099/r",
            "official_2024_ira_corrected",
            R_2024,
            2024,
            BROKER_IRA,
            JOHN,
            {
                "box1_gross_distribution": _d("12500.00"),
                "box2b_taxable_not_determined": True,
                "box4_federal_tax_withheld": _d("1250.00"),
                "box7_distribution_code": "1",
                "box7_ira_sep_simple": True,
                "box13_date_of_payment": date(2024, 8, 19),
            },
            (
                {
                    "state": "CA",
                    "payer_state_id": "555-1212-4",
                    "state_income": _d("12500.00"),
                    "state_tax_withheld": _d("312.50"),
                },
            ),
            account="IRA-88120",
            corrected=True,
        ),
        R_PDF,
        (3,),
        True,
        R_WIDGETS,
        R_STATE,
    ),
    Official(
        Sample(
            "1099/g",
            "official_2022_unemployment",
            G_2024,
            2022,
            IDES,
            JANE,
            {
                "box1_unemployment_compensation": _d("8640.00"),
                "box4_federal_tax_withheld": _d("864.00"),
            },
            ({"state": "IL", "payer_state_id": "37-6000511", "state_tax_withheld": _d("427.68")},),
            account="UI-5521987",
        ),
        G_PDF,
        (3,),
        True,
        G_WIDGETS,
        G_STATE,
        "f2_1",
    ),
    Official(
        Sample(
            "1099/g",
            "official_2024_state_refund",
            G_2024,
            2024,
            FTB,
            JOHN,
            {
                "box2_state_local_refund": _d("1204.00"),
                "box3_tax_year_of_refund": 2023,
            },
        ),
        G_PDF,
        (3,),
        True,
        G_WIDGETS,
        G_STATE,
        "f2_1",
    ),
    Official(
        Sample(
            "1099/k",
            "official_2024_marketplace",
            K_2024,
            2024,
            MARKET,
            LINDA,
            {
                "filer_epf_other": True,
                "transactions_third_party_network": True,
                "pse_name_phone": "CRAFTLANE PAYMENTS (800) 555-0123",
                "box1a_gross_payments": _d("7315.50"),
                "box3_number_of_transactions": 214,
                "box5c_march": _d("1210.00"),
                "box5d_april": _d("980.25"),
                "box5k_november": _d("2890.00"),
                "box5l_december": _d("2235.25"),
            },
            ({"state": "IL", "payer_state_id": "IL-99887766"},),
            account="SHOP-LINDA-77",
        ),
        K_PDF,
        (3,),
        True,
        K_WIDGETS,
        K_STATE,
        "f2_1",
    ),
    Official(
        Sample(
            "1099/k",
            "official_2023_network",
            K_2024,
            2023,
            PAYFAST,
            ROBERT,
            {
                "filer_pse": True,
                "transactions_payment_card": True,
                "box1a_gross_payments": _d("25410.77"),
                "box2_merchant_category_code": "7299",
                "box3_number_of_transactions": 640,
                "box4_federal_tax_withheld": _d("0.00"),
            },
            account="MID-00982",
        ),
        K_PDF,
        (3,),
        True,
        K_WIDGETS,
        K_STATE,
        "f2_1",
    ),
    Official(
        Sample(
            "1099/c",
            "official_2024_foreclosure",
            C_2024,
            2024,
            LENDCO,
            JANE,
            {
                "box1_date_of_event": date(2024, 4, 30),
                "box2_debt_cancelled": _d("41876.20"),
                "box4_debt_description": "MORTGAGE - 742 EVERGREEN TER",
                "box5_personally_liable": True,
                "box6_event_code": "D",
                "box7_fair_market_value": _d("212000.00"),
            },
            account="MTG-33018",
        ),
        C_PDF,
        (2,),
        True,
        C_WIDGETS,
        (),
        "f2_1",
    ),
    Official(
        Sample(
            "1099/c",
            "official_2022_settlement",
            C_2024,
            2022,
            CARDBANK,
            ROBERT,
            {
                "box1_date_of_event": date(2022, 12, 15),
                "box2_debt_cancelled": _d("3150.00"),
                "box4_debt_description": "CREDIT CARD",
                "box6_event_code": "F",
            },
            account="4417-XXXX-XXXX-8812",
        ),
        C_PDF,
        (2,),
        False,
        C_WIDGETS,
        (),
        "f2_1",
    ),
)


# ---------------------------------------------------------------- writing the samples

TWO_UP = {"lookalike_2024_hsa": "Copy 2\nFile with\nrecipient's\nstate return"}
TWO_PAGES = {"lookalike_2024_slots": "Copy C\nFor Winner's\nRecords"}

# (folder, source sample, dpi, skew in degrees, noise 0..1)
SCANS: tuple[tuple[str, str, int, float, float], ...] = (
    ("1099/r", "official_2024_ira_corrected", 300, 0.8, 0.35),
    ("1099/g", "official_2022_unemployment", 300, -0.6, 0.3),
    ("1099/k", "official_2024_marketplace", 300, 0.5, 0.3),
    ("1099/c", "official_2024_foreclosure", 300, -0.9, 0.35),
    ("1099/sa", "lookalike_2024_hsa", 300, 0.7, 0.3),
    ("1099/w2g", "substitute_2024_lottery", 300, -0.5, 0.4),
    ("ssa1099", "lookalike_2024_benefits", 300, 1.0, 0.3),
    ("1098", "f1098_lookalike_2024", 300, -0.7, 0.3),
    ("1098", "f1098e_substitute_2023", 300, 0.6, 0.35),
    ("1098", "f1098t_lookalike_2024", 300, 0.4, 0.3),
    ("5498", "f5498_lookalike_2024", 300, -0.8, 0.3),
    ("5498", "f5498sa_substitute_2023", 300, 0.9, 0.35),
)


def write_drawn(sample: Sample, pdf: Path) -> list[int]:
    """Draw a look-alike, substitute or SSA statement; returns the pages holding the form."""
    sheet = Sheet(pdf)
    pages = [1]
    if sample.design.doc_type == "SSA-1099":
        draw_ssa(sheet, sample, replacement=sample.name.startswith("replacement"))
    elif "substitute" in sample.name:
        draw_substitute(sheet, sample)
    else:
        bottom = draw_lookalike(sheet, sample, 36)
        if sample.name in TWO_UP:
            draw_lookalike(sheet, sample, bottom + 40, TWO_UP[sample.name])
        if sample.name in TWO_PAGES:
            sheet.page()
            draw_lookalike(sheet, sample, 36, TWO_PAGES[sample.name])
            pages = [1, 2]
    sheet.save()
    return pages


def generate(out_dir: Path) -> list[Path]:
    """Write every sample of this family under `out_dir` (sample_docs) with its expected JSON."""
    written: list[Path] = []
    expected: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for sample in SAMPLES:
        pdf = out_dir / sample.folder / f"{sample.name}.pdf"
        pages = write_drawn(sample, pdf)
        expected[(sample.folder, sample.name)] = [expected_record(sample, pages)]
        written.append(pdf)
    for official in OFFICIAL:
        s = official.sample
        pdf = out_dir / s.folder / f"{s.name}.pdf"
        write_official(official, pdf)
        copies = [
            n + 1 for n, p in enumerate(official.pages) if p not in _INSTRUCTION_PAGES[official.src]
        ]
        expected[(s.folder, s.name)] = [expected_record(s, copies)]
        written.append(pdf)
    for folder, name, dpi, skew, noise in SCANS:
        src = out_dir / folder / f"{name}.pdf"
        dst = out_dir / folder / f"scan_{name}.pdf"
        seed = sum(map(ord, name))
        rasterise_and_degrade(src, dst, dpi=dpi, skew_deg=skew, noise=noise, seed=seed)
        expected[(folder, f"scan_{name}")] = expected[(folder, name)]
        written.append(dst)
    for (folder, name), records in expected.items():
        write_expected(out_dir / folder / f"{name}.pdf", records)
    return written


_INSTRUCTION_PAGES = {R_PDF: {4, 6, 8}, C_PDF: {3, 5}, G_PDF: {4, 7}, K_PDF: {4, 7}}


def main() -> None:
    for path in generate(Path(__file__).resolve().parents[1]):
        print(path)


if __name__ == "__main__":
    main()
