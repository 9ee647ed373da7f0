"""The taxpayer data a transcript prints: TINs (last four only) and names (name controls)."""

from __future__ import annotations

from backtax.extractors.kinds import Extracted
from backtax.extractors.transcripts.layout import last_names, name_control
from backtax.extractors.values import full_ssn_digits, tin_last4


def apply_party(record: Extracted, party: dict[str, str]) -> None:
    """Recipient TIN/name on the record; spouse TIN last four and name controls in `fields`.

    Keys of `party`: `tin`, `spouse_tin`, `name` (as printed, masked or not).
    """
    tin = party.get("tin")
    if tin:
        record.recipient_tin_last4 = tin_last4(tin)
        record.recipient_tin_full = full_ssn_digits(tin)
    spouse_tin = party.get("spouse_tin")
    if spouse_tin:
        record.fields["spouse_tin_last4"] = tin_last4(spouse_tin)
    names = party.get("name")
    if names:
        record.recipient_name = names
        primary, spouse = last_names(names)
        if primary and name_control(primary):
            record.fields["name_control"] = name_control(primary)
        if spouse and spouse_tin and name_control(spouse):
            record.fields["spouse_name_control"] = name_control(spouse)
