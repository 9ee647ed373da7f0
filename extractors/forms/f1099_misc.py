"""Form 1099-MISC, mapped by meaning to the 2024 boxes.

Revisions: up to 2019 box 7 was nonemployee compensation and the later boxes sat
elsewhere (9 direct sales, 10 crop insurance, 13 golden parachute, 14 attorney, 15a/15b
section 409A); 2020-2021 printed golden parachute and deferred compensation as 13 and 14
and FATCA without a number; from 2022 FATCA is box 13 and the state boxes are 16-18.
"""

from __future__ import annotations

from extractors.forms._engine import BoxSpec, FormSpec, Revision
from extractors.forms._info_return import ACCOUNT, CAPTIONS, FATCA, PARTIES, InfoReturnKind
from extractors.kinds import register

DIRECT_SALES = ("Payer made direct sales totaling $5,000 or more of consumer products to",
                "Payer made direct sales totaling $5,000 or more of",
                "Payer made direct sales of $5,000 or more of consumer",
                "Payer made direct sales", "totaling $5,000 or more of")  # fmt: skip

MISC = FormSpec(
    doc_type="1099-MISC",
    form_numbers=("1099-MISC",),
    titles=("Miscellaneous Information", "Miscellaneous Income", "Miscellaneous"),
    boxes=(
        BoxSpec("box1_rents", "1", ("Rents",)),
        BoxSpec("box2_royalties", "2", ("Royalties",)),
        BoxSpec("box3_other_income", "3", ("Other income",)),
        BoxSpec("box4_federal_tax_withheld", "4", ("Federal income tax withheld",)),
        BoxSpec("box5_fishing_boat_proceeds", "5", ("Fishing boat proceeds",)),
        BoxSpec("box6_medical_payments", "6", ("Medical and health care payments",
                                               "Medical and health care")),
        BoxSpec("box7_direct_sales", "7", DIRECT_SALES, "check"),
        BoxSpec("box8_substitute_payments", "8", ("Substitute payments in lieu of dividends or"
                                                  " interest", "Substitute payments in lieu of",
                                                  "Substitute payments")),
        BoxSpec("box9_crop_insurance_proceeds", "9", ("Crop insurance proceeds",)),
        BoxSpec("box10_gross_proceeds_attorney", "10", ("Gross proceeds paid to an attorney",
                                                        "Gross proceeds paid to an")),
        BoxSpec("box11_fish_purchased_for_resale", "11", ("Fish purchased for resale",)),
        BoxSpec("box12_section_409a_deferrals", "12", ("Section 409A deferrals",)),
        BoxSpec("box13_fatca_filing_requirement", "13", FATCA, "check"),
        BoxSpec("box14_excess_golden_parachute", "14", ("Excess golden parachute payments",
                                                        "Excess golden parachute")),
        BoxSpec("box15_nonqualified_deferred_compensation", "15", (
            "Nonqualified deferred compensation", "Nonqualified deferred")),
        BoxSpec("second_tin_notice", "", ("2nd TIN not.",), "check"),
        ACCOUNT,
    ),
    captions=CAPTIONS,
    state_columns=(
        BoxSpec("state", "17", ("State/Payer's state no.", "State/Payer's state"), "text"),
        BoxSpec("payer_state_id", "", ("Payer's state no.",), "text"),
        BoxSpec("state_income", "18", ("State income",)),
        BoxSpec("state_tax_withheld", "16", ("State tax withheld",)),
    ),
    revisions=(
        Revision(2021, (
            BoxSpec("box13_fatca_filing_requirement", "", FATCA, "check"),
            BoxSpec("box14_excess_golden_parachute", "13", ("Excess golden parachute payments",
                                                            "Excess golden parachute")),
            BoxSpec("box15_nonqualified_deferred_compensation", "14", (
                "Nonqualified deferred compensation", "Nonqualified deferred")),
        )),
        Revision(2019, (
            BoxSpec("box7_nonemployee_compensation", "7", ("Nonemployee compensation",)),
            BoxSpec("box7_direct_sales", "9", DIRECT_SALES, "check"),
            BoxSpec("box9_crop_insurance_proceeds", "10", ("Crop insurance proceeds",)),
            BoxSpec("box11_foreign_tax_paid", "11", ("Foreign tax paid",)),
            BoxSpec("box12_foreign_country", "12", ("Foreign country or U.S. possession",),
                    "text"),
            BoxSpec("box14_excess_golden_parachute", "13", ("Excess golden parachute payments",
                                                            "Excess golden parachute")),
            BoxSpec("box10_gross_proceeds_attorney", "14", ("Gross proceeds paid to an attorney",
                                                            "Gross proceeds paid to an")),
            BoxSpec("box12_section_409a_deferrals", "15a", ("Section 409A deferrals",)),
            BoxSpec("box15b_section_409a_income", "15b", ("Section 409A income",)),
        )),
    ),
    **PARTIES,
)  # fmt: skip

register(InfoReturnKind(MISC))
