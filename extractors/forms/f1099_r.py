"""Form 1099-R: distributions from pensions, annuities, retirement plans, IRAs, insurance.

Before 2020 boxes 12-17 were the state and local boxes (FATCA and the date of payment came
later as boxes 12 and 13); state columns are found by their wording, so both read alike.
"""

from __future__ import annotations

from extractors.forms._engine import BoxSpec, FormSpec
from extractors.forms._other_returns import OtherReturnKind, captions, parties
from extractors.kinds import register

ACCOUNT = BoxSpec(
    "account_number", "", ("Account number (see instructions)", "Account number"), "text"
)

SPEC = FormSpec(
    doc_type="1099-R",
    form_numbers=("1099-R",),
    titles=("Distributions From Pensions", "Profit-Sharing Plans", "IRAs, Insurance"),
    boxes=(
        BoxSpec("box1_gross_distribution", "1", ("Gross distribution",)),
        BoxSpec("box2a_taxable_amount", "2a", ("Taxable amount",)),
        BoxSpec("box2b_taxable_not_determined", "2b",
                ("Taxable amount not determined", "not determined"), "check"),
        BoxSpec("box2b_total_distribution", "", ("Total distribution", "Total"), "check"),
        BoxSpec("box3_capital_gain", "3", ("Capital gain (included in box 2a)", "Capital gain")),
        BoxSpec("box4_federal_tax_withheld", "4", ("Federal income tax withheld",
                                                   "Federal income tax", "Federal tax withheld")),
        BoxSpec("box5_employee_contributions", "5", ("Employee contributions",)),
        BoxSpec("box6_net_unrealized_appreciation", "6", ("Net unrealized appreciation",
                                                          "Net unrealized")),
        BoxSpec("box7_distribution_code", "7", ("Distribution code(s)", "code(s)"), "code"),
        BoxSpec("box7_ira_sep_simple", "", ("IRA/SEP/SIMPLE", "SIMPLE"),
                "check"),
        BoxSpec("box8_other", "8", ("Other",)),
        BoxSpec("box9a_percentage_of_total", "9a", ("Your percentage of total distribution",
                                                    "Your percentage of total",
                                                    "Your percentage of"), "int"),
        BoxSpec("box9b_total_employee_contributions", "9b", ("Total employee contributions",
                                                             "Total employee")),
        BoxSpec("box10_amount_allocable_to_irr", "10", ("Amount allocable to IRR within 5 years",
                                                        "Amount allocable to")),
        BoxSpec("box11_first_year_roth", "11", ("1st year of Roth contrib.",
                                                "desig. Roth contrib."), "year"),
        BoxSpec("box12_fatca_filing_requirement", "12", ("FATCA filing requirement",
                                                         "FATCA filing"), "check"),
        BoxSpec("box13_date_of_payment", "13", ("Date of payment", "payment"), "date"),
        ACCOUNT,
    ),
    captions=captions("1099-R"),
    **parties("PAYER'S", "RECIPIENT'S"),
    state_columns=(
        BoxSpec("state_tax_withheld", "14", ("State tax withheld",)),
        BoxSpec("state", "15", ("State/Payer's state no.", "State/Payer's state no"), "text"),
        BoxSpec("state_income", "16", ("State distribution",)),
        BoxSpec("local_tax_withheld", "17", ("Local tax withheld",)),
        BoxSpec("locality", "18", ("Name of locality",), "text"),
        BoxSpec("local_income", "19", ("Local distribution",)),
    ),
)  # fmt: skip

register(OtherReturnKind(SPEC))
