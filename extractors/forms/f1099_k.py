"""Form 1099-K: payment card and third party network transactions (gross, monthly, state)."""

from __future__ import annotations

from extractors.forms._engine import BoxSpec, FormSpec
from extractors.forms._other_returns import OtherReturnKind, captions, parties
from extractors.kinds import register

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip

SPEC = FormSpec(
    doc_type="1099-K",
    form_numbers=("1099-K",),
    titles=("Payment Card and Third Party", "Network Transactions", "Payment Card and"),
    boxes=(
        BoxSpec("filer_pse", "", ("Payment settlement entity (PSE)",), "check"),
        BoxSpec("filer_epf_other", "", ("(EPF)/Other third party", "Electronic Payment Facilitator",
                                        "Electronic Payment Facilitator (EPF)/Other third party"),
                "check"),
        BoxSpec("transactions_payment_card", "", ("Payment card",), "check"),
        BoxSpec("transactions_third_party_network", "", ("Third party network",), "check"),
        BoxSpec("pse_name_phone", "", ("PSE'S name and telephone number",), "text"),
        BoxSpec("box1a_gross_payments", "1a", ("Gross amount of payment card/third party network",
                                               "Gross amount of payment")),
        BoxSpec("box1b_card_not_present", "1b", ("Card Not Present transactions",
                                                 "Card Not Present")),
        BoxSpec("box2_merchant_category_code", "2", ("Merchant category code",), "code"),
        BoxSpec("box3_number_of_transactions", "3", ("Number of payment transactions",
                                                     "Number of payment"), "int"),
        BoxSpec("box4_federal_tax_withheld", "4", ("Federal income tax withheld",
                                                   "Federal income tax")),
        *(BoxSpec(f"box5{letter}_{month.lower()}", f"5{letter}", (month,))
          for letter, month in zip("abcdefghijkl", MONTHS, strict=True)),
        BoxSpec("account_number", "", ("Account number (see instructions)", "Account number"),
                "text"),
    ),
    captions=captions("1099-K"),
    **parties("FILER'S", "PAYEE'S"),
    payer_tin_labels=("FILER'S TIN",),
    recipient_tin_labels=("PAYEE'S TIN",),
    state_columns=(
        BoxSpec("state", "6", ("State",), "text"),
        BoxSpec("payer_state_id", "7", ("State identification no.",), "text"),
        BoxSpec("state_tax_withheld", "8", ("State income tax withheld",)),
    ),
)  # fmt: skip

register(OtherReturnKind(SPEC))
