"""Form 5498: IRA contribution information. The trustee or issuer is the payer, the
participant the recipient."""

from __future__ import annotations

from extractors.forms._engine import BoxSpec, FormSpec
from extractors.forms._other_returns import OtherReturnKind, captions, parties
from extractors.kinds import register

SPEC = FormSpec(
    doc_type="5498",
    form_numbers=("5498",),
    titles=("IRA Contribution Information", "IRA Contribution"),
    boxes=(  # box 5 first: its label is printed once a copy, and copies are split on it
        BoxSpec("box5_fair_market_value", "5", ("Fair market value of account",
                                                "Fair market value of")),
        BoxSpec("box1_ira_contributions", "1", ("IRA contributions (other than amounts",
                                                "IRA contributions")),
        BoxSpec("box2_rollover_contributions", "2", ("Rollover contributions",)),
        BoxSpec("box3_roth_conversion", "3", ("Roth IRA conversion amount",
                                              "Roth IRA conversion")),
        BoxSpec("box4_recharacterized_contributions", "4", ("Recharacterized contributions",
                                                            "Recharacterized")),
        BoxSpec("box6_life_insurance_cost", "6", ("Life insurance cost included in box 1",
                                                  "Life insurance cost")),
        BoxSpec("box7_ira", "7", ("IRA",), "check"),
        BoxSpec("box7_sep", "", ("SEP",), "check"),
        BoxSpec("box7_simple", "", ("SIMPLE",), "check"),
        BoxSpec("box7_roth_ira", "", ("Roth IRA",), "check"),
        BoxSpec("box8_sep_contributions", "8", ("SEP contributions",)),
        BoxSpec("box9_simple_contributions", "9", ("SIMPLE contributions",)),
        BoxSpec("box10_roth_ira_contributions", "10", ("Roth IRA contributions",)),
        BoxSpec("box11_rmd_next_year", "11", ("Check if RMD for next year", "Check if RMD for"),
                "check"),
        BoxSpec("box12a_rmd_date", "12a", ("RMD date",), "date"),
        BoxSpec("box12b_rmd_amount", "12b", ("RMD amount",)),
        BoxSpec("box13a_postponed_contribution", "13a", ("Postponed/late contrib.",
                                                         "Postponed/late contribution")),
        BoxSpec("box13b_year", "13b", ("Year",), "year"),
        BoxSpec("box13c_code", "13c", ("Code",), "code"),
        BoxSpec("box14a_repayments", "14a", ("Repayments",)),
        BoxSpec("box14b_code", "14b", ("Code",), "code"),
        BoxSpec("box15a_fmv_specified_assets", "15a", ("FMV of certain specified assets",
                                                       "FMV of certain")),
        BoxSpec("box15b_codes", "15b", ("Code(s)",), "code"),
        BoxSpec("account_number", "", ("Account number (see instructions)", "Account number"),
                "text"),
    ),
    captions=captions("5498"),
    **parties("TRUSTEE'S or ISSUER'S", "PARTICIPANT'S", ending=""),
    payer_tin_labels=("TRUSTEE'S or ISSUER'S TIN",),
    recipient_tin_labels=("PARTICIPANT'S TIN",),
)  # fmt: skip

register(OtherReturnKind(SPEC))
