"""Form 5498-SA: HSA, Archer MSA or Medicare Advantage MSA contributions and value."""

from __future__ import annotations

from extractors.forms._engine import BoxSpec, FormSpec
from extractors.forms._other_returns import OtherReturnKind, captions, parties, party_labels
from extractors.kinds import register

SPEC = FormSpec(
    doc_type="5498-SA",
    form_numbers=("5498-SA",),
    titles=("HSA, Archer MSA", "Advantage MSA", "Information"),
    boxes=(
        BoxSpec("box1_archer_msa_employee_contributions", "1", (
            "Employee or self-employed person's Archer MSA contributions",
            "Employee or self-employed")),
        BoxSpec("box2_total_contributions", "2", ("Total contributions made in the year",
                                                  "Total contributions made")),
        BoxSpec("box3_contributions_made_next_year", "3", (
            "Total HSA or Archer MSA contributions made in the next year for the year",
            "Total HSA or Archer MSA")),
        BoxSpec("box4_rollover_contributions", "4", ("Rollover contributions",)),
        BoxSpec("box5_fair_market_value", "5", ("Fair market value of HSA, Archer MSA, or MA MSA",
                                                "Fair market value of HSA")),
        BoxSpec("box6_hsa", "6", ("HSA",), "check"),
        BoxSpec("box6_archer_msa", "", ("Archer MSA",), "check"),
        BoxSpec("box6_ma_msa", "", ("MA MSA",), "check"),
        BoxSpec("account_number", "", ("Account number (see instructions)", "Account number"),
                "text"),
    ),
    captions=captions("5498-SA"),
    **{**parties("TRUSTEE'S", "PARTICIPANT'S", ending=""),
       "payer_name_labels": (*party_labels("TRUSTEE'S or ISSUER'S", ending=""),
                             *party_labels("TRUSTEE'S", ending=""))},
    payer_tin_labels=("TRUSTEE'S TIN", "TRUSTEE'S or ISSUER'S TIN"),
    recipient_tin_labels=("PARTICIPANT'S TIN",),
)  # fmt: skip

register(OtherReturnKind(SPEC))
