"""Form W-2G: certain gambling winnings. Its own pages must never read as a W-2."""

from __future__ import annotations

from extractors.forms._engine import BoxSpec, FormSpec
from extractors.forms._other_returns import OtherReturnKind, captions, parties
from extractors.kinds import register

SPEC = FormSpec(
    doc_type="W-2G",
    form_numbers=("W-2G",),
    titles=("Certain Gambling Winnings", "Gambling Winnings", "Gambling"),
    boxes=(
        BoxSpec("box1_gross_winnings", "1", ("Reportable winnings", "Gross winnings")),
        BoxSpec("box2_date_won", "2", ("Date won",), "date"),
        BoxSpec("box3_type_of_wager", "3", ("Type of wager",), "text"),
        BoxSpec("box4_federal_tax_withheld", "4", ("Federal income tax withheld",
                                                   "Federal income tax")),
        BoxSpec("box5_transaction", "5", ("Transaction",), "text"),
        BoxSpec("box6_race", "6", ("Race",), "text"),
        BoxSpec("box7_winnings_identical_wagers", "7", ("Winnings from identical wagers",
                                                        "Winnings from identical")),
        BoxSpec("box8_cashier", "8", ("Cashier",), "text"),
        BoxSpec("box10_window", "10", ("Window",), "text"),
        BoxSpec("box11_first_identification", "11", ("First identification",), "text"),
        BoxSpec("box12_second_identification", "12", ("Second identification",), "text"),
    ),
    captions=captions("W-2G"),
    **parties("PAYER'S", "WINNER'S"),
    payer_tin_labels=("PAYER'S federal identification number", "PAYER'S TIN"),
    recipient_tin_labels=("Winner's taxpayer identification no.",
                          "Winner's taxpayer identification number", "WINNER'S TIN"),
    state_columns=(
        BoxSpec("state", "13", ("State/Payer's state identification no.",
                                "State/Payer's state identification"), "text"),
        BoxSpec("state_income", "14", ("State winnings",)),
        BoxSpec("state_tax_withheld", "15", ("State income tax",)),
        BoxSpec("local_income", "16", ("Local winnings",)),
        BoxSpec("local_tax_withheld", "17", ("Local income tax",)),
        BoxSpec("locality", "18", ("Name of locality",), "text"),
    ),
)  # fmt: skip

register(OtherReturnKind(SPEC))
