"""Form 1099-INT. Up to 2013 box 10 was the tax-exempt bond CUSIP (now box 14) and the
state boxes were 11-13; market discount and bond premium boxes came later."""

from __future__ import annotations

from extractors.forms._engine import BoxSpec, FormSpec, Revision
from extractors.forms._info_return import ACCOUNT, CAPTIONS, FATCA, PARTIES, InfoReturnKind
from extractors.kinds import register

CUSIP = ("Tax-exempt and tax credit bond CUSIP no.", "Tax-exempt and tax credit",
         "bond CUSIP no.", "Tax-exempt bond CUSIP no.")  # fmt: skip

INT = FormSpec(
    doc_type="1099-INT",
    form_numbers=("1099-INT",),
    titles=("Interest Income",),
    # Box 4 first: copies are found where the first box's label repeats, and box 1's
    # label is also the form's title.
    boxes=(
        BoxSpec("box4_federal_tax_withheld", "4", ("Federal income tax withheld",)),
        BoxSpec("box1_interest_income", "1", ("Interest income",)),
        BoxSpec("box2_early_withdrawal_penalty", "2", ("Early withdrawal penalty",)),
        BoxSpec("box3_us_savings_bond_interest", "3", (
            "Interest on U.S. Savings Bonds and Treasury obligations",
            "Interest on U.S. Savings Bonds and Treas. obligations",
            "Interest on U.S. Savings Bonds")),
        BoxSpec("box5_investment_expenses", "5", ("Investment expenses",)),
        BoxSpec("box6_foreign_tax_paid", "6", ("Foreign tax paid",)),
        BoxSpec("box7_foreign_country", "7", ("Foreign country or U.S. possession",), "text"),
        BoxSpec("box8_tax_exempt_interest", "8", ("Tax-exempt interest",)),
        BoxSpec("box9_specified_private_activity_bond_interest", "9", (
            "Specified private activity bond interest", "Specified private activity bond")),
        BoxSpec("box10_market_discount", "10", ("Market discount",)),
        BoxSpec("box11_bond_premium", "11", ("Bond premium",)),
        BoxSpec("box12_bond_premium_treasury", "12", ("Bond premium on Treasury obligations",)),
        BoxSpec("box13_bond_premium_tax_exempt", "13", ("Bond premium on tax-exempt bond",)),
        BoxSpec("box14_cusip", "14", CUSIP, "text"),
        BoxSpec("payer_rtn", "", ("Payer's RTN (optional)", "Payer's RTN"), "text"),
        BoxSpec("fatca_filing_requirement", "", FATCA, "check"),
        ACCOUNT,
    ),
    captions=CAPTIONS,
    # Numbers spelled out: a column begins at its number, and a bare "State" would also
    # match "city or town, state or province".
    state_columns=(
        BoxSpec("state", "", ("15 State", "11 State", "State/Payer's state no."), "text"),
        BoxSpec("payer_state_id", "16", ("State identification no.", "12 State identification no.",
                                         "Payer's state no."), "text"),
        BoxSpec("state_tax_withheld", "17", ("State tax withheld", "13 State tax withheld")),
    ),
    revisions=(Revision(2013, (BoxSpec("box14_cusip", "10", CUSIP, "text"),)),),
    **PARTIES,
)  # fmt: skip

register(InfoReturnKind(INT))
