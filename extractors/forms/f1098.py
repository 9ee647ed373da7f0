"""Form 1098: mortgage interest statement. The lender is the payer, the borrower the recipient.

Before 2017 the form had four amount boxes: points in box 2, the refund of overpaid interest
in box 3 and mortgage insurance premiums in box 4; they map to the 2024 names.
"""

from __future__ import annotations

from extractors.forms._engine import BoxSpec, FormSpec, Revision
from extractors.forms._other_returns import OtherReturnKind, captions, parties
from extractors.kinds import register

POINTS = ("Points paid on purchase of principal residence", "Points paid on purchase of")
REFUND = ("Refund of overpaid interest", "Refund of overpaid")
INSURANCE = ("Mortgage insurance premiums", "Mortgage insurance")

SPEC = FormSpec(
    doc_type="1098",
    form_numbers=("1098",),
    titles=("Mortgage Interest Statement", "Mortgage", "Interest"),
    boxes=(
        BoxSpec("box1_mortgage_interest", "1", ("Mortgage interest received from",
                                                "Mortgage interest received")),
        BoxSpec("box2_outstanding_principal", "2", ("Outstanding mortgage principal",
                                                    "Outstanding mortgage")),
        BoxSpec("box3_origination_date", "3", ("Mortgage origination date",), "date"),
        BoxSpec("box4_refund_of_overpaid_interest", "4", REFUND),
        BoxSpec("box5_mortgage_insurance_premiums", "5", INSURANCE),
        BoxSpec("box6_points_paid", "6", POINTS),
        BoxSpec("box7_property_address_same", "7", (
            "If address of property securing mortgage is the same as PAYER'S/BORROWER'S address",
            "If address of property securing mortgage is", "the same as PAYER'S/BORROWER'S",
        ), "check"),
        BoxSpec("box8_property_address", "8", ("Address or description of property securing",
                                               "Address or description of property"), "text"),
        BoxSpec("box9_number_of_properties", "9", ("Number of properties",), "int"),
        BoxSpec("box10_other", "10", ("Other",), "text"),
        BoxSpec("box11_acquisition_date", "11", ("Mortgage acquisition date",), "date"),
        BoxSpec("account_number", "", ("Account number (see instructions)", "Account number"),
                "text"),
    ),
    captions=captions("1098"),
    **parties("RECIPIENT'S/LENDER'S", "PAYER'S/BORROWER'S"),
    payer_tin_labels=("RECIPIENT'S/LENDER'S TIN",),
    recipient_tin_labels=("PAYER'S/BORROWER'S TIN",),
    revisions=(Revision(2016, (
        BoxSpec("box6_points_paid", "2", POINTS),
        BoxSpec("box4_refund_of_overpaid_interest", "3", REFUND),
        BoxSpec("box5_mortgage_insurance_premiums", "4", INSURANCE),
    )),),
)  # fmt: skip

register(OtherReturnKind(SPEC))
