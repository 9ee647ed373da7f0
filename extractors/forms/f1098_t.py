"""Form 1098-T: tuition statement. The school (filer) is the payer, the student the recipient.

Until 2017 box 2 held the amounts billed and box 3 flagged a change of reporting method;
the 2024 form leaves both blank.
"""

from __future__ import annotations

from extractors.forms._engine import BoxSpec, FormSpec, Revision
from extractors.forms._other_returns import OtherReturnKind, captions, parties
from extractors.kinds import register

SPEC = FormSpec(
    doc_type="1098-T",
    form_numbers=("1098-T",),
    titles=("Tuition Statement", "Tuition"),
    boxes=(
        BoxSpec("box1_payments_received", "1", ("Payments received for qualified tuition",
                                                "Payments received for")),
        BoxSpec("box4_prior_year_adjustments", "4", ("Adjustments made for a prior year",
                                                     "Adjustments made for a")),
        BoxSpec("box5_scholarships_grants", "5", ("Scholarships or grants",)),
        BoxSpec("box6_prior_year_scholarship_adjustments", "6", (
            "Adjustments to scholarships or grants for a prior year", "Adjustments to")),
        BoxSpec("box7_next_year_academic_period", "7", (
            "Checked if the amount in box 1 includes amounts for an academic period",
            "Checked if the amount", "Checked if box 1 includes"), "check"),
        BoxSpec("box8_at_least_half_time", "8", ("At least half-time student",
                                                 "Check if at least half-time student",
                                                 "half-time student"), "check"),
        BoxSpec("box9_graduate_student", "9", ("Graduate student", "Check if a graduate student"),
                "check"),
        BoxSpec("box10_insurance_reimbursement", "10", ("Ins. contract reimb./refund",
                                                        "Ins. contract reimb.")),
        BoxSpec("account_number", "", ("Service Provider/Acct. No.", "Account number"), "text"),
    ),
    captions=captions("1098-T"),
    **parties("FILER'S", "STUDENT'S", ending="and telephone number"),
    payer_tin_labels=("FILER'S employer identification no.", "FILER'S EIN", "FILER'S TIN"),
    recipient_tin_labels=("STUDENT'S TIN", "STUDENT'S taxpayer identification no."),
    revisions=(Revision(2017, (
        BoxSpec("box2_amounts_billed", "2", ("Amounts billed for qualified tuition",
                                             "Amounts billed for")),
        BoxSpec("box3_changed_reporting_method", "3", (
            "If this box is checked, your educational institution has changed its reporting "
            "method", "If this box is checked, your", "changed its reporting method"), "check"),
    )),),
)  # fmt: skip

register(OtherReturnKind(SPEC))
