"""Form 1099-C: cancellation of debt. The creditor is the payer, the debtor the recipient."""

from __future__ import annotations

from extractors.forms._engine import BoxSpec, FormSpec
from extractors.forms._other_returns import OtherReturnKind, captions, parties
from extractors.kinds import register

SPEC = FormSpec(
    doc_type="1099-C",
    form_numbers=("1099-C",),
    titles=("Cancellation of Debt", "Cancellation", "of Debt"),
    boxes=(
        BoxSpec("box1_date_of_event", "1", ("Date of identifiable event",), "date"),
        BoxSpec("box2_debt_cancelled", "2", ("Amount of debt discharged",)),
        BoxSpec("box3_interest_included", "3", ("Interest, if included in box 2",)),
        BoxSpec("box4_debt_description", "4", ("Debt description",), "text"),
        BoxSpec("box5_personally_liable", "5", (
            "If checked, the debtor was personally liable for repayment of the debt",
            "If checked, the debtor was personally liable for",
            "If checked, the debtor was personally liable", "the debtor was personally liable",
            "for repayment of the debt", "repayment of the debt"), "check"),
        BoxSpec("box6_event_code", "6", ("Identifiable event code",), "code"),
        BoxSpec("box7_fair_market_value", "7", ("Fair market value of property",)),
        BoxSpec("account_number", "", ("Account number (see instructions)", "Account number"),
                "text"),
    ),
    captions=captions("1099-C"),
    **parties("CREDITOR'S", "DEBTOR'S"),
    payer_tin_labels=("CREDITOR'S TIN",),
    recipient_tin_labels=("DEBTOR'S TIN",),
)  # fmt: skip


register(OtherReturnKind(SPEC))
