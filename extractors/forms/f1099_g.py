"""Form 1099-G: certain government payments (unemployment, state refunds, grants)."""

from __future__ import annotations

from extractors.forms._engine import BoxSpec, FormSpec
from extractors.forms._other_returns import OtherReturnKind, captions, parties
from extractors.kinds import register

SPEC = FormSpec(
    doc_type="1099-G",
    form_numbers=("1099-G",),
    titles=("Certain Government Payments", "Government", "Certain"),
    boxes=(
        BoxSpec("box1_unemployment_compensation", "1", ("Unemployment compensation",)),
        BoxSpec("box2_state_local_refund", "2", ("State or local income tax refunds",
                                                 "State or local income tax")),
        BoxSpec("box3_tax_year_of_refund", "3", ("Box 2 amount is for tax year",), "year"),
        BoxSpec("box4_federal_tax_withheld", "4", ("Federal income tax withheld",)),
        BoxSpec("box5_rtaa_payments", "5", ("RTAA payments",)),
        BoxSpec("box6_taxable_grants", "6", ("Taxable grants",)),
        BoxSpec("box7_agriculture_payments", "7", ("Agriculture payments",)),
        BoxSpec("box8_trade_or_business", "8", ("If checked, box 2 is trade or business income",
                                                "trade or business income", "trade or business",
                                                "income"), "check"),
        BoxSpec("box9_market_gain", "9", ("Market gain",)),
        BoxSpec("account_number", "", ("Account number (see instructions)", "Account number"),
                "text"),
    ),
    captions=captions("1099-G"),
    **parties("PAYER'S", "RECIPIENT'S"),
    state_columns=(
        BoxSpec("state", "10a", ("State",), "text"),
        BoxSpec("payer_state_id", "10b", ("State identification no.",), "text"),
        BoxSpec("state_tax_withheld", "11", ("State income tax withheld",)),
    ),
)  # fmt: skip

register(OtherReturnKind(SPEC))
