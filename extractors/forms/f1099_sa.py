"""Form 1099-SA: distributions from an HSA, Archer MSA or Medicare Advantage MSA."""

from __future__ import annotations

from extractors.forms._engine import BoxSpec, FormSpec
from extractors.forms._other_returns import OtherReturnKind, captions, parties
from extractors.kinds import register

SPEC = FormSpec(
    doc_type="1099-SA",
    form_numbers=("1099-SA",),
    titles=("Distributions From an HSA", "Medicare Advantage", "Archer MSA"),
    boxes=(
        BoxSpec("box1_gross_distribution", "1", ("Gross distribution",)),
        BoxSpec("box2_earnings_on_excess_contributions", "2", ("Earnings on excess cont.",
                                                               "Earnings on excess")),
        BoxSpec("box3_distribution_code", "3", ("Distribution code",), "code"),
        BoxSpec("box4_fmv_on_date_of_death", "4", ("FMV on date of death",)),
        BoxSpec("box5_hsa", "5", ("HSA",), "check"),
        BoxSpec("box5_archer_msa", "", ("Archer MSA",), "check"),
        BoxSpec("box5_ma_msa", "", ("MA MSA",), "check"),
        BoxSpec("account_number", "", ("Account number (see instructions)", "Account number"),
                "text"),
    ),
    captions=captions("1099-SA"),
    **parties("PAYER'S/TRUSTEE'S", "RECIPIENT'S"),
)  # fmt: skip

register(OtherReturnKind(SPEC))
