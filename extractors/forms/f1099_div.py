"""Form 1099-DIV. Up to 2021 (before the January 2022 revision) FATCA had no number,
exempt-interest dividends were box 11, private activity bond dividends box 12 and the
state boxes 13-15; from 2022 they are 12, 13 and 14-16, with FATCA as box 11."""

from __future__ import annotations

from extractors.forms._engine import BoxSpec, FormSpec, Revision
from extractors.forms._info_return import ACCOUNT, CAPTIONS, FATCA, PARTIES, InfoReturnKind
from extractors.kinds import register

EXEMPT = ("Exempt-interest dividends",)
SPAB = ("Specified private activity bond interest dividends", "Specified private activity")

DIV = FormSpec(
    doc_type="1099-DIV",
    form_numbers=("1099-DIV",),
    titles=("Dividends and Distributions",),
    boxes=(
        BoxSpec("box1a_total_ordinary_dividends", "1a", ("Total ordinary dividends",)),
        BoxSpec("box1b_qualified_dividends", "1b", ("Qualified dividends",)),
        BoxSpec("box2a_total_capital_gain", "2a", ("Total capital gain distr.",
                                                   "Total capital gain distributions")),
        BoxSpec("box2b_unrecaptured_1250_gain", "2b", ("Unrecap. Sec. 1250 gain",
                                                       "Unrecaptured Section 1250 gain")),
        BoxSpec("box2c_section_1202_gain", "2c", ("Section 1202 gain",)),
        BoxSpec("box2d_collectibles_gain", "2d", ("Collectibles (28%) gain",)),
        BoxSpec("box2e_section_897_ordinary_dividends", "2e", ("Section 897 ordinary dividends",
                                                               "Section 897 ordinary")),
        BoxSpec("box2f_section_897_capital_gain", "2f", ("Section 897 capital gain",)),
        BoxSpec("box3_nondividend_distributions", "3", ("Nondividend distributions",)),
        BoxSpec("box4_federal_tax_withheld", "4", ("Federal income tax withheld",)),
        BoxSpec("box5_section_199a_dividends", "5", ("Section 199A dividends",)),
        BoxSpec("box6_investment_expenses", "6", ("Investment expenses",)),
        BoxSpec("box7_foreign_tax_paid", "7", ("Foreign tax paid",)),
        BoxSpec("box8_foreign_country", "8", ("Foreign country or U.S. possession",), "text"),
        BoxSpec("box9_cash_liquidation_distributions", "9", ("Cash liquidation distributions",
                                                             "Cash liquidation")),
        BoxSpec("box10_noncash_liquidation_distributions", "10", (
            "Noncash liquidation distributions", "Noncash liquidation")),
        BoxSpec("box11_fatca_filing_requirement", "11", FATCA, "check"),
        BoxSpec("box12_exempt_interest_dividends", "12", EXEMPT),
        BoxSpec("box13_specified_private_activity_bond_interest_dividends", "13", SPAB),
        ACCOUNT,
    ),
    captions=CAPTIONS,
    # Numbers spelled out: a column begins at its number, and a bare "State" would also
    # match "city or town, state or province".
    state_columns=(
        BoxSpec("state", "", ("14 State", "13 State", "State/Payer's state no."), "text"),
        BoxSpec("payer_state_id", "15", ("State identification no.", "14 State identification no.",
                                         "Payer's state no."), "text"),
        BoxSpec("state_tax_withheld", "16", ("State tax withheld", "15 State tax withheld")),
    ),
    revisions=(
        Revision(2021, (
            BoxSpec("box11_fatca_filing_requirement", "", FATCA, "check"),
            BoxSpec("box12_exempt_interest_dividends", "11", EXEMPT),
            BoxSpec("box13_specified_private_activity_bond_interest_dividends", "12", SPAB),
        )),
    ),
    **PARTIES,
)  # fmt: skip

register(InfoReturnKind(DIV))
