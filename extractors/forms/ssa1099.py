"""Form SSA-1099: the social security benefit statement. The SSA is the payer; it prints no
payer name box or EIN, so the payer name is the agency's."""

from __future__ import annotations

import re

from backtax.extractors.forms._catalog import form_spec
from backtax.extractors.forms.engine.kind import FormKind
from backtax.extractors.forms.engine.spec import Anchor, FormReading
from backtax.extractors.kinds import Extracted, register
from backtax.extractors.page import Page, Region

PAYER = "SOCIAL SECURITY ADMINISTRATION"

SPEC = form_spec("SSA-1099")


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
