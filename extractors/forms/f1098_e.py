"""Form 1098-E: student loan interest statement. The lender is the payer, the borrower the
recipient."""

from __future__ import annotations

from extractors.forms._engine import BoxSpec, FormSpec
from extractors.forms._other_returns import OtherReturnKind, captions, parties
from extractors.kinds import register

SPEC = FormSpec(
    doc_type="1098-E",
    form_numbers=("1098-E",),
    titles=("Student Loan Interest Statement", "Student Loan", "Loan Interest"),
    boxes=(
        BoxSpec("box1_student_loan_interest", "1", ("Student loan interest received by lender",
                                                    "Student loan interest received")),
        BoxSpec("box2_origination_fees_excluded", "2", (
            "If checked, box 1 does not include loan origination fees and/or capitalized interest",
            "origination fees and/or capitalized interest", "If checked, box 1 does not include",
        ), "check"),
        BoxSpec("account_number", "", ("Account number (see instructions)", "Account number"),
                "text"),
    ),
    captions=captions("1098-E"),
    **parties("RECIPIENT'S/LENDER'S", "BORROWER'S", ending="and telephone number"),
    payer_tin_labels=("RECIPIENT'S TIN",),
    recipient_tin_labels=("BORROWER'S TIN",),
)  # fmt: skip

register(OtherReturnKind(SPEC))
