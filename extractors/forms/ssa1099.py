"""Form SSA-1099: the social security benefit statement. The SSA is the payer; it prints no
payer name box or EIN, so the payer name is the agency's."""

from __future__ import annotations

import re

from extractors.forms._engine import Anchor, BoxSpec, FormKind, FormReading, FormSpec
from extractors.kinds import Extracted, register
from extractors.page import Page, Region

PAYER = "SOCIAL SECURITY ADMINISTRATION"

SPEC = FormSpec(
    doc_type="SSA-1099",
    form_numbers=("SSA-1099",),
    titles=("SOCIAL SECURITY BENEFIT STATEMENT", "Social Security"),
    boxes=(
        BoxSpec("box3_benefits_paid", "3", ("Benefits Paid in",)),
        BoxSpec("box4_benefits_repaid", "4", ("Benefits Repaid to SSA in", "Benefits Repaid")),
        BoxSpec("box5_net_benefits", "5", ("Net Benefits for",)),
        BoxSpec("box6_voluntary_tax_withheld", "6", ("Voluntary Federal Income Tax Withheld",)),
        BoxSpec("paid_by_check_or_direct_deposit", "", ("Paid by check or direct deposit",)),
        BoxSpec("medicare_part_b_premiums", "", ("Medicare Part B premiums deducted",
                                                 "Medicare Part B premiums")),
        BoxSpec("box8_claim_number", "8", ("Claim Number",), "text"),
    ),
    payer_name_labels=(),
    payer_tin_labels=(),
    recipient_name_labels=("Box 1. Name",),
    recipient_tin_labels=("Box 2. Beneficiary's Social Security Number",
                          "Beneficiary's Social Security Number"),
)  # fmt: skip


def mask_claim_number(reading: FormReading, region: Region, anchors: list[Anchor]) -> None:
    """The claim number is usually the beneficiary's SSN and a letter: keep the last four."""
    claim = reading.fields.get("box8_claim_number")
    if isinstance(claim, str):
        reading.fields["box8_claim_number"] = re.sub(
            r"\d{3}-?\d{2}-?(\d{4})", lambda m: f"XXXXX{m[1]}", claim.replace(" ", "")
        )


class SsaKind(FormKind):
    """The engine's reading, with the SSA named as the payer."""

    def read_copy(self, region: Region, page: Page) -> Extracted | None:
        doc = super().read_copy(region, page)
        if doc is not None:
            doc.payer_name = doc.payer_name or PAYER
        return doc


register(SsaKind(SPEC, mask_claim_number))
