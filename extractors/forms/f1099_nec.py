"""Form 1099-NEC: nonemployee compensation (2020 onwards; before 2020 it was 1099-MISC box 7)."""

from __future__ import annotations

from extractors.forms._engine import BoxSpec, FormSpec
from extractors.forms._info_return import ACCOUNT, CAPTIONS, PARTIES, InfoReturnKind
from extractors.kinds import register

NEC = FormSpec(
    doc_type="1099-NEC",
    form_numbers=("1099-NEC",),
    titles=("Nonemployee Compensation",),
    # Box 4 first: copies are found where the first box's label repeats, and box 1's
    # label is also the form's title.
    boxes=(
        BoxSpec("box4_federal_tax_withheld", "4", ("Federal income tax withheld",)),
        BoxSpec("box1_nonemployee_compensation", "1", ("Nonemployee compensation",)),
        BoxSpec("box2_direct_sales", "2", ("Payer made direct sales totaling $5,000 or more of",
                                           "Payer made direct sales totaling $5,000 or more",
                                           "Payer made direct sales",
                                           "totaling $5,000 or more of",
                                           "consumer products to recipient for resale"),
             "check"),
        BoxSpec("box3_excess_golden_parachute", "3", ("Excess golden parachute payments",)),
        ACCOUNT,
    ),
    excludes=("Miscellaneous Information", "Miscellaneous Income"),
    captions=CAPTIONS,
    state_columns=(
        BoxSpec("state", "6", ("State/Payer's state no.", "State/Payer's state"), "text"),
        BoxSpec("payer_state_id", "", ("Payer's state no.",), "text"),
        BoxSpec("state_income", "7", ("State income",)),
        BoxSpec("state_tax_withheld", "5", ("State tax withheld",)),
    ),
    **PARTIES,
)  # fmt: skip

register(InfoReturnKind(NEC))
