"""Parsing and normalising printed values: money, dates, TINs, check boxes. Money is Decimal."""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from dateutil import parser as date_parser

CENT = Decimal("0.01")

# "$ 1,601.60", "1601.60", "$32", "-$56.00", "(56.00)", "1 601.60" (OCR gap), "56.00-";
# a parenthesis on one side only (`4)`) makes no amount
_MONEY = re.compile(
    r"^(?P<neg1>[-(])?\s*\$?\s*(?P<neg2>-)?\s*"
    r"(?P<num>\d{1,3}(?:[, ]\d{3})+|\d+)(?P<cents>\.\d{1,2})?\s*(?P<neg3>[-)])?$"
)


def parse_money(text: str) -> Decimal | None:
    """A printed amount as Decimal with two places, or None when it is not an amount."""
    t = text.strip().replace("S", "$") if text.strip().startswith("S") else text.strip()
    t = t.replace("\u2212", "-").replace("O", "0") if re.search(r"\d", t) else t
    m = _MONEY.match(t)
    if not m:
        return None
    digits = re.sub(r"[, ]", "", m["num"]) + (m["cents"] or "")
    try:
        value = Decimal(digits).quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return None
    if (m["neg1"] == "(") != (m["neg3"] == ")"):
        return None  # one parenthesis: `(Box` / `4)` wrapped, no negative amount
    if m["neg1"] or m["neg2"] or m["neg3"]:
        value = -value
    return value


_OCR_LEAD = re.compile(r"^[§'‘\"“(\[]+")
_OCR_TAIL = re.compile(r"[)\]°'\"”’.,;:-]+$")
_LEADER_DOT = re.compile(r"^\.+(?=\$?\d+[.,]\d)")


def repair_ocr_number(text: str, letters: bool = True) -> str:
    """A numeric word OCR read, its usual slips undone: quotes before it and a degree sign,
    quotes or punctuation after it dropped; `§` read as `$`; `:` or `;` before the cents read
    as the point (`2904:12`); a bracket at one end only dropped (a cell's border, a speck:
    `2024)`); brackets at both ends kept, parentheses being a negative's and others left
    unread (a blank beats a guessed sign); a point before a number that holds its own
    separator or point dropped (a leader's last dot, `.26,690.97`: `.50` stays); `letters`:
    `O` or `o` after a digit read as 0 (the value reader; the engines' evidence keeps a
    letter in a number, a misread to read again). A word without a digit is returned as
    printed."""
    text = text.strip()
    if not re.search(r"\d", text):
        return text
    lead = _OCR_LEAD.match(text)
    head = lead[0] if lead else ""
    tail = _OCR_TAIL.search(text[len(head) :])
    core = text[len(head) : len(text) - len(tail[0])] if tail else text[len(head) :]
    opened = next((c for c in head if c in "(["), "")
    closed = next((c for c in reversed(tail[0]) if c in ")]"), "") if tail else ""
    core = re.sub(r"(?<=\d)[:;](?=\d{2}$)", ".", core)
    core = re.sub(_LEADER_DOT, "", core)
    if letters:
        core = re.sub(r"(?<=\d)[Oo](?=\d)|(?<=\d)[Oo]$", "0", core)
    if "§" in head:
        core = "$" + core
    return f"{opened}{core}{closed}" if opened and closed else core


def format_money(value: Decimal) -> str:
    """The contract's money string: two decimals, no separators, leading minus."""
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):f}"


def money_str(text: str) -> str | None:
    value = parse_money(text)
    return None if value is None else format_money(value)


def stored_money(value: object) -> Decimal | None:
    """A record's amount as fields hold it (`1234.56`) as Decimal; None for a blank or no
    number."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def slips(x: str, y: str) -> list[tuple[str, str]] | None:
    """The characters two readings of one length differ in, pairwise (`27-3345671` and
    `27-3345871`: `[("6", "8")]`); None when their lengths differ."""
    if len(x) != len(y):
        return None
    return [(p, q) for p, q in zip(x, y, strict=True) if p != q]


_DATE_SHAPES = re.compile(
    r"\b\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})\b"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}\b"
)


def parse_date(text: str) -> date | None:
    """`05-22-2023`, `Mar. 18, 2024`, `2024-04-15`, `12/31/2023` as a date; anything not
    shaped like a whole date (a day alone, a year alone) is None, never today's date."""
    m = _DATE_SHAPES.search(text)
    if not m:
        return None
    t = m.group(0)
    try:
        return date_parser.parse(t, dayfirst=False, yearfirst=bool(re.match(r"^\d{4}-", t))).date()
    except (ValueError, OverflowError):
        return None


SSN_RE = re.compile(r"(?<![\dA-Z])(\d{3})[- ]?(\d{2})[- ]?(\d{4})(?!\d)")
MASKED_TIN_RE = re.compile(r"(?i)(?:[X*]{3}[- ]?[X*]{2}[- ]?|[X*]{5}|[X*]{2}-[X*]{3})(\d{4})")
EIN_RE = re.compile(r"(?<!\d)(\d{2})[- ]?(\d{7})(?!\d)")


def tin_last4(text: str) -> str | None:
    """The last four digits of an SSN/ITIN, full or masked."""
    m = SSN_RE.search(text) or MASKED_TIN_RE.search(text)
    if m:
        return m.group(m.lastindex or 0)[-4:]
    digits = re.sub(r"\D", "", text)
    return digits[-4:] if len(digits) >= 4 and len(digits) in (4, 9) else None


def full_ssn_digits(text: str) -> str | None:
    m = SSN_RE.search(text)
    return "".join(m.groups()) if m else None


def normalize_ein(text: str) -> str | None:
    """An EIN as `NN-NNNNNNN` when complete; a masked one kept as printed."""
    t = text.strip()
    masked = re.search(r"(?i)[X*]{2}-?[X*]{3}\d{4}|[X*]{5}\d{4}", t)
    if masked:
        return masked.group(0).upper().replace("*", "X")
    m = EIN_RE.search(t)
    return f"{m[1]}-{m[2]}" if m else None


def tin_key(full_tin_digits: str, secret: bytes) -> str:
    """HMAC of a full TIN under the home's secret: tells apart taxpayers sharing last four."""
    return hmac.new(secret, full_tin_digits.encode(), hashlib.sha256).hexdigest()[:16]


def mask_ssns(text: str) -> str:
    """Replace every SSN-shaped run by its masked form (`XXX-XX-1234`)."""
    return SSN_RE.sub(lambda m: f"XXX-XX-{m[3]}", text)


_CHECKED = {"x", "X", "✓", "✔", "☒", "■", "[x]", "[X]", "yes", "Yes", "checked", "Checked", "On"}


def parse_checkbox(text: str) -> bool | None:
    """A check box's printed state: True/False, None when unreadable."""
    t = text.strip()
    if t in _CHECKED:
        return True
    if t.lower() in {"", "no", "not checked", "off", "☐", "[ ]"}:
        return False
    return None
