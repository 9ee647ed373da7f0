"""The CP2000's own lists: the information returns it names (each shaped as a Wage and
Income transcript entry, under the same canonical box names) and the proposed changes
(income items, tax, penalty, interest, amount due).

An entry begins `Form <code> Payer: <name> Payer ID number: <tin>` and its amounts follow
as the W&I transcript labels them (`Wages, Tips and Other Compensation`), so the
transcript's label tables read them.
"""

from __future__ import annotations

import re
from typing import Any

from backtax.extractors.page import Page
from backtax.extractors.transcripts.layout import amount_tail, money, norm_label
from backtax.extractors.transcripts.wi_forms import WIForm, WILine, form_for

_ENTRY = re.compile(
    r"(?i)^Form\s+(?P<code>[\w-]+)\s+Payer:?\s+(?P<name>.+?)\s+Payer ID(?:\s+number)?:?\s+"
    r"(?P<tin>[X*\d][X*\d-]{5,})$"
)
_INCOME_ROW = re.compile(
    r"^(?P<kind>.+?)\s+(?P<a>-?\$[\d,.]+)\s+(?P<b>-?\$[\d,.]+)\s+(?P<c>-?\$[\d,.]+)$"
)
CHANGE_NAMES = (
    ("tax increase", "tax_increase"),
    ("increase in tax", "tax_increase"),
    ("tax decrease", "tax_decrease"),
    ("accuracy related penalty", "penalty"),
    ("penalty", "penalty"),
    ("interest", "interest"),
    ("amount due", "amount_due"),
    ("proposed amount due", "amount_due"),
    ("refund due", "refund_due"),
)
SECTIONS = {
    "information reported to the irs": "entries",
    "changes to your income": "income",
    "proposed changes to your": "changes",
}


def _section(text: str) -> str | None:
    key = norm_label(text)
    return next((v for k, v in SECTIONS.items() if key.startswith(k)), None)


def _label_amount(text: str) -> tuple[str, str] | None:
    """A line's label and the amount it ends with (the contract's money string)."""
    tail = amount_tail(text)
    value = money(tail) if tail else None
    if value is None:
        return None
    return text[: len(text) - len(tail)].strip(" .:"), value


def _wi_line(table: WIForm, label: str) -> WILine | None:
    """The transcript line a label names; on a scan, leader dots read as letters may
    trail it (`Federal Income Tax Withheld eee eee`), so shorter heads are tried too."""
    words = label.split()
    for n in range(len(words), 1, -1):
        line = table.line_for(" ".join(words[:n]))
        if line is not None:
            return line
    return table.line_for(label)


def entries_and_changes(pages: list[Page]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    changes: dict[str, Any] = {}
    income: list[dict[str, str]] = []
    section: str | None = None
    entry: dict[str, Any] | None = None
    table = None
    for page in pages:
        for line in page.lines():
            text = line.text.strip()
            new = _section(text)
            if new:
                section, entry = new, None
                continue
            if section == "entries":
                m = _ENTRY.match(text)
                if m:
                    doc_type, table = form_for(m["code"])
                    entry = {
                        "doc_type": doc_type,
                        "payer_tin": m["tin"],
                        "payer_name": m["name"].strip(),
                        "fields": {},
                    }
                    entries.append(entry)
                    continue
                lv = _label_amount(text)
                if entry is not None and table is not None and lv:
                    wi = _wi_line(table, lv[0])
                    if wi is not None and wi.kind == "money":
                        entry["fields"][wi.name] = lv[1]
            elif section == "income":
                m = _INCOME_ROW.match(text)
                if m:
                    income.append(
                        {
                            "income_type": m["kind"],
                            "shown_on_return": money(m["a"]),
                            "reported_to_irs": money(m["b"]),
                            "difference": money(m["c"]),
                        }
                    )
            elif section == "changes":
                lv = _label_amount(text)
                if lv:
                    key = norm_label(lv[0])
                    name = next((n for k, n in CHANGE_NAMES if key.startswith(k)), None)
                    if name:
                        changes.setdefault(name, lv[1])
    if income:
        changes["income"] = income
    return entries, changes
