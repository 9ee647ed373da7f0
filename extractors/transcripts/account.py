"""Account transcript (and the account part of a Record of Account): summary and transactions.

Classic print: `ACCOUNT BALANCE: 150.15`, `ACCRUED INTEREST: 14.37 AS OF: Nov. 30, 2026`, the
balance-plus-accruals label wrapped over two lines; the online viewer: `Account balance:
$150.15`. Transactions are rows `CODE EXPLANATION CYCLE DATE AMOUNT`; a line under a row
that is not a row (a TC 971 notice, a document locator) is the row's `detail`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from backtax.extractors.kinds import Extracted
from backtax.extractors.transcripts.layout import (
    TLine,
    after_label,
    clean_name,
    closest_label,
    content,
    filing_status,
    iso_date,
    money,
    month_end,
    norm_label,
    split_label_value,
)
from backtax.extractors.transcripts.party import apply_party
from backtax.extractors.transcripts.split import ACCOUNT, Segment, tax_period, title_kind
from backtax.extractors.transcripts.transaction_codes import CODES, canonical_explanation

# Amounts and dates as printed, with room for OCR's split separators (`$26,179. 00`).
_MONEY = r"-?\$?-?[\doO][\d,. ]*\d"
_DATE = r"[A-Za-z]{3,9}[.:]?\s+\d{1,2}\W?\s*\d{4}|\d{2}-\d{2}-\d{4}"
_ACCRUED = re.compile(
    rf"(?i)^accrued\W+(interest|penalty)\W*\s*({_MONEY})\s+as\W*\s+of\W*\s*({_DATE})$"
)
_FORM_PERIOD = re.compile(r"(?i)form\W*\s+number\W*\s*([0-9A-Z-]+)")
# A row's date as OCR may read it: one of its two dashes lost or read as a space, a colon or
# a point, or a space before the second (`0415-2024`, `05 20-2024`, `04: 01-2025`, `05-20 -2024`).
# A speck may stand before the year (`07-02 °2024`) or after the date (`05-20-2024.`).
_ROW_DATE = r"\d{2}(?:-|[.:]?\s?)\d{2}\s?-\d{4}|\d{2}-\d{2}\s?[°'`]?\d{4}"
# A row's date with its month misread (`OA 15-2024` for 04-15-2024): the row is still one,
# its date unread.
_SLIPPED_DATE = r"[\dA-Za-z]{2}(?:-|[.:]?\s?)\d{2}-\d{4}"
# A code's digit as OCR may read it (`£50` for 150, `O71.` for 971): on OCR pages only, and
# only where the explanation names one code (`_slipped_code`).
_CODE_SLIPS = "£€lI|!OoQDSB"
_ROW = re.compile(
    rf"^(?P<code>[\d{_CODE_SLIPS}](?P<point>[.,])?[\d{_CODE_SLIPS}]{{2}})(?P<glued>\d)?[.,:]?"
    rf"\s+(?P<expl>.*?)\s*(?P<cycle>\d{{8}})?\s*(?P<date>{_ROW_DATE}|{_SLIPPED_DATE})[.,:;]?"
    rf"\s+(?P<spaced>-\s)?"
    rf"(?P<amount>{_MONEY})[.,]?$"
)
# `IDENTIFICATION` with its `I` misread (`[DENTIFICATION`, a fax); a space before the last
# four (`XXX-XX- 3456`, a fax)
_TIN = re.compile(r"(?i)^(spouse\s+)?taxpayer\s+\S?dentification\s+number\W*\s*(\S+(?:\s\d{4})?)$")
# `CP 0014`, `AC 063`: printed upper-case (OCR may put a point after the letters)
_NOTICE_CODE = re.compile(r"(?i)^[a-z]{2,3}[.:]?\s?\d{2,4}$")
_TRANSACTIONS = re.compile(r"(?i)^transactions$")
_RETURN_ABSENT = re.compile(r"(?i)return\s+not\s+present\s+for\s+this\s+account")
_MINUS_NOTE = re.compile(r"(?i)any\s+minus\s+sign")

# normalised label -> (field, kind)
_SUMMARY: dict[str, tuple[str, str]] = {
    "account balance": ("account_balance", "money"),
    "account balance plus accruals this is not a payoff amount": ("balance_plus_accruals", "money"),
    "account balance plus accruals": ("balance_plus_accruals", "money"),
    "this is not a payoff amount": ("balance_plus_accruals", "money"),
    "exemptions": ("exemptions", "int"),
    "filing status": ("filing_status", "text"),
    "adjusted gross income": ("adjusted_gross_income", "money"),
    "taxable income": ("taxable_income", "money"),
    "tax per return": ("tax_per_return", "money"),
    "total tax per taxpayer": ("tax_per_return", "money"),
    "se taxable income taxpayer": ("se_taxable_income_taxpayer", "money"),
    "se taxable income spouse": ("se_taxable_income_spouse", "money"),
    "total self employment tax": ("total_self_employment_tax", "money"),
    "return due date or return received date whichever is later": (
        "return_due_or_received_date",
        "date",
    ),
    "return due date or return received date": ("return_due_or_received_date", "date"),
    "processing date": ("processing_date", "date"),
}


def _convert(kind: str, raw: str) -> Any:
    if kind == "money":
        return money(raw)
    if kind == "date":
        return iso_date(raw)
    if kind == "int":
        return int(raw) if raw.isdigit() else None
    return raw.strip()


def _summary(lines: list[TLine], fields: dict[str, Any]) -> dict[str, str]:
    """Fill the summary fields; return the party data (TINs, names) found on the way."""
    party: dict[str, str] = {}
    after_tin = False
    for ln in lines:
        text = ln.text
        m = _FORM_PERIOD.search(text)
        if m and "form_number" not in fields:
            fields["form_number"] = m[1]
            period = tax_period(text) or _period_after_form(text[m.end() :])
            if period:
                fields["tax_period_end"] = period
            continue
        if "tax_period_end" not in fields and tax_period(text):
            fields["tax_period_end"] = tax_period(text)
        m = _TIN.match(text)
        if m:
            party["spouse_tin" if m[1] else "tin"] = m[2].replace(" ", "")
            after_tin = True
            continue
        if after_tin:
            after_tin = False
            if split_label_value(text) is None and not _MINUS_NOTE.search(text):
                party["name"] = clean_name(text)
                continue
        m = _ACCRUED.match(text)
        if m:
            fields[f"accrued_{m[1].lower()}"] = money(m[2])
            fields["accruals_as_of"] = iso_date(m[3])
            continue
        if _RETURN_ABSENT.search(text):
            fields["return_present"] = False
            continue
        lv = split_label_value(text) or after_label(text, _SUMMARY)
        key = closest_label(norm_label(lv[0]), _SUMMARY) if lv else None
        if lv and key:
            name, kind = _SUMMARY[key]
            value = _convert(kind, lv[1])
            if name == "filing_status":
                value = filing_status(value)
            if value is not None:
                fields.setdefault(name, value)
    fields.setdefault("return_present", True)
    return party


def _period_after_form(rest: str) -> str | None:
    """The period of a `FORM NUMBER: 1040 TAX PERIOD: Dec. 31, 2023` line whose `TAX PERIOD:`
    OCR lost (`FORM NUMBER: 1040 Dec 31, 2023`): the date that is the rest of the line, when
    it is a month's end (a period's end always is)."""
    when = iso_date(rest.strip(" :"))
    if when is None or month_end(date.fromisoformat(when)).isoformat() != when:
        return None
    return when


def _known_wording(code: str, printed: str) -> bool:
    """Whether `printed` reads as the usual explanation of transaction code `code`."""
    tc = CODES.get(code)
    return tc is not None and canonical_explanation(code, printed) in tc.wording


def _slipped_code(printed: str, explanation: str) -> str | None:
    """The code an OCR'd row prints with a digit misread (`£50`, `O71`): the one known code
    whose usual explanation the row prints and whose digits agree with the ones read; none
    where no code or several do (161 and 167 print the same words)."""
    fits = [
        code
        for code in CODES
        if all(p == c for p, c in zip(printed, code, strict=True) if p.isdigit())
        and _known_wording(code, explanation)
    ]
    return fits[0] if len(fits) == 1 else None


def _row_date(printed: str) -> str | None:
    """A row's date as ISO, its separators as OCR read them aside (an `O` for a zero); None
    when a digit is misread as a letter (`OA 15-2024`: a blank beats a wrong date); else,
    no calendar date, as printed."""
    read = re.sub(r"[-.:\s°'`]", "", printed).replace("O", "0").replace("o", "0")
    if not read.isdigit():
        return None
    return iso_date(f"{read[:2]}-{read[2:4]}-{read[4:]}") or printed


def _row_code(m: re.Match[str], ocr: bool) -> str | None:
    """A row's code: its three digits; on OCR pages, a code with a digit misread
    (`_slipped_code`), with a speck glued on (`1506 Tax return tiled`) or read inside it
    (`8.06 W-2 or 1099 withholding`) that the row's explanation names. None: the line is no
    row (a code of four digits)."""
    code, explanation = re.sub(r"[.,]", "", m["code"]), m["expl"].strip()
    if m["point"] and not (ocr and _known_wording(code, explanation)):
        return None
    if not code.isdigit():
        code = _slipped_code(code, explanation) if ocr else None
    elif m["glued"] and not (ocr and _known_wording(code, explanation)):
        return None
    return code


def _credit(code: str) -> bool:
    """Whether transaction code `code` lowers the balance (its amount prints negative)."""
    tc = CODES.get(code)
    return tc is not None and tc.effect == "Cr"


def _unread_row(code: str, m: re.Match[str]) -> str:
    """The warning for a row left unread: its code, date and amount as printed (no SSN)."""
    when = _row_date(m["date"]) or m["date"]
    return (
        f"account transcript: the TC {code} row of {when} (- {m['amount']}) was left unread "
        "(amount's sign unclear: a spaced minus on a code that is no known credit)"
    )


def parse_transactions(
    lines: list[TLine], ocr: bool = False, warnings: list[str] | None = None
) -> list[dict[str, str]]:
    """Every transaction row in order; lines under a row that are not rows are its detail
    (none under a row left unread: they are no other row's). Each row left unread adds a
    warning to `warnings`."""
    rows: list[dict[str, str]] = []
    started = dropped = False
    for ln in lines:
        if _TRANSACTIONS.match(ln.text):
            started = True
            continue
        m = _ROW.match(ln.text)
        code = m and _row_code(m, ocr)
        if m and code and m["spaced"] and not _credit(code):
            dropped = True  # `- $41.10`: a minus, or a speck? Only a credit's code says
            if warnings is not None:
                warnings.append(_unread_row(code, m))
            continue
        if m and code:
            started, dropped = True, False
            expl = m["expl"].strip()
            row = {"code": code, "explanation": canonical_explanation(code, expl) if ocr else expl}
            if m["cycle"]:
                row["cycle"] = m["cycle"]
            when = _row_date(m["date"])
            if when:
                row["date"] = when
            amount = f"-{m['amount']}" if m["spaced"] else m["amount"]
            row["amount"] = money(amount) or amount
            rows.append(row)
        elif started and rows and not dropped and not title_kind(ln.text):
            notice = _NOTICE_CODE.match(ln.text)
            text = re.sub(r"[.:]", "", ln.text, count=1).upper() if notice else ln.text
            detail = rows[-1].get("detail")
            rows[-1]["detail"] = f"{detail} {text}" if detail else text
    return rows


def account_fields(
    segment: Segment, warnings: list[str]
) -> tuple[dict[str, Any], dict[str, str], list[dict[str, str]]]:
    """The account summary fields, the party data and the transactions of a segment; a
    transaction row left unread adds a warning to `warnings`."""
    lines = [ln for ln in content(segment.lines) if not title_kind(ln.text)]
    fields: dict[str, Any] = {}
    party = _summary(lines, fields)
    if "tax_period_end" not in fields and segment.period:
        fields["tax_period_end"] = segment.period
    ocr = any(ln.conf < 1.0 for ln in lines)
    return fields, party, parse_transactions(lines, ocr, warnings)


def parse_account(segment: Segment) -> Extracted:
    """One Account transcript as a record with `transactions`."""
    warnings: list[str] = []
    fields, party, transactions = account_fields(segment, warnings)
    period = fields.get("tax_period_end")
    record = Extracted(
        doc_type=ACCOUNT,
        pages=segment.pages,
        tax_year=int(period[:4]) if period else None,
        fields=fields,
        extra={"transactions": transactions},
        warnings=warnings,
    )
    apply_party(record, party)
    return record
