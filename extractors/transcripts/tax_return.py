"""Tax Return transcript: every line shown, under the contract's year-independent names.

Values as shown on the return go in `fields`; a `... PER COMPUTER` line goes under the same
name in `per_computer`. Lines are looked up in the tax year's table (`return_lines`); a line no
table knows keeps a name made from its label, prefixed by its schedule when it sits in one.
"""

from __future__ import annotations

import re
from typing import Any

from backtax.extractors.kinds import Extracted
from backtax.extractors.transcripts.layout import (
    UNREAD,
    TLine,
    after_label,
    clean_name,
    closest_label,
    content,
    filing_status,
    iso_date,
    money,
    norm_label,
    one_word_more,
    snake,
    split_label_value,
)
from backtax.extractors.transcripts.party import apply_party
from backtax.extractors.transcripts.return_lines import HEADER_LABELS, PER_COMPUTER, lines_for_year
from backtax.extractors.transcripts.split import RETURN, Segment, title_kind

_SCHEDULE = re.compile(r"(?i)^(schedule|form)\s+([a-z0-9]+(?:-[a-z0-9]+)?)\b")
_NOTE = re.compile(r"(?i)^(the following items|if applicable|they do not show)")


def _lookup(table: dict[str, str], key: str, ocr: bool) -> str | None:
    """The name of the line a label is; on OCR pages also a label with a letter misread, or
    without its last word when one line alone has that one word more (`Student loan
    interest` for `... deduction`)."""
    if key in table:
        return table[key]
    if not ocr:
        return None
    close = closest_label(key, table, 0.9)
    if close:
        return table[close]
    names = {table[label] for label in one_word_more(key, table)}
    return names.pop() if len(names) == 1 else None


def _header(key: str, value: str, party: dict[str, str], fields: dict[str, Any]) -> bool:
    """Take a header line (TIN, names, filing status...); False when it is not one."""
    if key not in HEADER_LABELS:
        return False
    name, kind = HEADER_LABELS[key]
    if name in ("tin", "spouse_tin", "name"):
        party.setdefault(name, clean_name(value) if name == "name" else value)
    elif kind == "date":
        fields.setdefault(name, iso_date(value))
    elif kind == "money":
        fields.setdefault(name, money(value))
    elif kind == "text":
        text = value.rstrip(",.;:")  # OCR reads a speck as a comma
        fields.setdefault(name, filing_status(text) if name == "filing_status" else text)
    return True


def return_fields(
    lines: list[TLine], year: int | None
) -> tuple[dict[str, Any], dict[str, Any], dict[str, str], list[str]]:
    """fields, per_computer, party (tin, spouse_tin, names) and warnings of a return part.
    A label the year's table lacks is a field of its own (its label's words) on a text
    page or under a schedule's heading; on a scan, outside a schedule, it is OCR's garble
    of a known label and its value is left unread (a blank beats a value under a made-up
    name, and beats the known field's wrong neighbour)."""
    table = lines_for_year(year)
    ocr = any(ln.conf < 1.0 for ln in lines)
    fields: dict[str, Any] = {}
    per_computer: dict[str, Any] = {}
    party: dict[str, str] = {}
    warnings: list[str] = []
    section: str | None = None
    itemized = False
    for ln in lines:
        if _NOTE.match(ln.text) or title_kind(ln.text):
            continue
        lv = split_label_value(ln.text) or after_label(ln.text, HEADER_LABELS)
        if lv is None:
            sched = _SCHEDULE.match(ln.text)
            section = f"{sched[1]}_{sched[2]}".lower().replace("-", "_") if sched else None
            itemized = itemized or bool(sched and sched[2].lower() == "a")
            continue
        label, raw = lv
        key = norm_label(label)
        if _header(key, raw, party, fields):
            continue
        target = fields
        if key.endswith(PER_COMPUTER):
            key, target = key[: -len(PER_COMPUTER)].strip(), per_computer
        name = _lookup(table, key, ocr)
        if name is None and ocr and not section:  # a label OCR garbled (`TENTATIVE TAX eee`)
            warnings.append(f"unrecognised line {label!r} on a scan: not read")
            continue
        name = name or (f"{section}_{snake(label)}" if section else snake(label))
        if name.endswith("_" + PER_COMPUTER.replace(" ", "_")):
            name = name[: -len(PER_COMPUTER) - 1]
        value = money(raw)
        if raw == UNREAD or (value is None and re.search(r"\d", raw)):
            warnings.append(f"unreadable amount {raw!r} for {label!r}")
            continue
        target.setdefault(name, value if value is not None else raw)
    for values in (fields, per_computer):
        if "deduction" in values:
            values["itemized_deductions" if itemized else "standard_deduction"] = values.pop(
                "deduction"
            )
    return fields, per_computer, party, warnings


def parse_return(segment: Segment) -> Extracted:
    """One Tax Return transcript as a record with `per_computer`."""
    lines = content(segment.lines)
    period = segment.period
    year = int(period[:4]) if period else None
    fields, per_computer, party, warnings = return_fields(lines, year)
    if period:
        fields.setdefault("tax_period_end", period)
    record = Extracted(
        doc_type=RETURN,
        pages=segment.pages,
        tax_year=year,
        fields=fields,
        extra={"per_computer": per_computer},
        warnings=warnings,
    )
    apply_party(record, party)
    return record
