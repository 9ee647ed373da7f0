"""IRS notices and letters as the `IRS-NOTICE` record, recognised from the notice number the
IRS prints in the head of every page (`Notice CP2000`, `Notice LT11`, `Letter 1058`).

A notice's pages (its explanation pages, the response form, the payment voucher) print the
same number and date and make one record. A letter whose number is not one of the kinds
below (an identity-verification letter, a preparer's cover letter) is not claimed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from backtax.extractors.kinds import DocumentKind, Extracted, Identification, register
from backtax.extractors.notices.cp2000 import entries_and_changes
from backtax.extractors.page import Box, Page, Region, Word
from backtax.extractors.transcripts.layout import iso_date
from backtax.extractors.values import format_money, parse_money, tin_last4

KIND = "irs_notice"
SCORE = 13.0
KNOWN = {
    "CP2000",
    "CP14",
    "CP501",
    "CP503",
    "CP504",
    "LT11",
    "1058",
    "CP90",
    "CP11",
    "CP12",
    "CP59",
}
COLLECTION_DUE_PROCESS = {"LT11", "1058", "CP90"}
_CODE = re.compile(r"(?i)(?:CP|LT)\d{1,4}[A-Z]?|\d{3,5}[A-Z]?")
GAP = 24.0
_AMOUNT = re.compile(r"-?\$?\s?[\d,]*\d\.\d{2}")  # the IRS prints dollars and cents
AMOUNT_LABELS = (
    "Amount due immediately",
    "Proposed amount due",
    "Amount due by",
    "Total amount due",
    "Amount due",
    "Amount you owe",
    "Balance due",
)
DEADLINE_LABELS = ("Respond by", "Pay by", "Please pay by", "Payment due by", "Due date")
DATE_LABELS = ("Notice date", "Letter date", "Date of this notice", "Date of this letter")


@dataclass(frozen=True)
class Head:
    notice_type: str
    notice_date: str | None


def notice_number(page: Page) -> str | None:
    """The notice's identifier as the contract spells it (`CP2000`, `LT11`, `1058`), as the
    IRS prints it in the head of a page (its top third): `Notice` or `Letter` and the
    number standing alone in their column, not a mention in a sentence (`Re: Notice CP2000
    dated ...`)."""
    for line in page.lines():
        if line.box.top > page.height * 0.35:
            break
        words = line.words
        for i, w in enumerate(words):
            if w.text.lower().rstrip(":") not in ("notice", "letter"):
                continue
            before = words[i - 1] if i else None
            if before is not None and w.box.x0 - before.box.x1 < GAP:
                continue
            rest = words[i + 1 : i + 3]
            if rest and rest[0].text.lower().rstrip(":") == "number":
                rest = rest[1:]
            if not rest or not _CODE.fullmatch(rest[0].text):
                continue
            after = words[words.index(rest[0]) + 1 :]
            if after and after[0].box.x0 - rest[0].box.x1 < GAP:
                continue
            code = rest[0].text.upper()
            return "1058" if code == "LT1058" else code
    return None


def _right_text(region: Region, box: Box, max_dx: float = 230) -> list[Word]:
    return sorted(region.right_of(box, max_dx, slack=3).words, key=lambda w: w.box.x0)


def _date_after(region: Region, labels: tuple[str, ...]) -> str | None:
    for label in labels:
        for hit in region.find(label):
            words = [w for w in _right_text(region, hit.box) if w not in hit.words]
            text = " ".join(w.text for w in words).strip(" :")
            for n in range(len(words), 0, -1):  # the longest run of words that is a date
                value = iso_date(" ".join(w.text for w in words[:n]).strip(" :,"))
                if value:
                    return value
            value = iso_date(text)
            if value:
                return value
    return None


def _amount_after(region: Region, labels: tuple[str, ...]) -> str | None:
    for label in labels:
        for hit in region.find(label):
            for w in _right_text(region, hit.box, 330):
                if w in hit.words:
                    continue
                if not _AMOUNT.fullmatch(w.text.strip(":")):
                    continue
                value = parse_money(w.text.strip(":"))
                if value is not None:
                    return format_money(value)
    return None


def _tax_year(region: Region) -> int | None:
    for label in ("Tax year", "Tax period", "Tax Year"):
        for hit in region.find(label):
            for w in _right_text(region, hit.box, 200):
                m = re.search(r"\b(19|20)\d{2}\b", w.text)
                if m and w not in hit.words:
                    return int(m[0])
    return None


def _ssn_last4(region: Region) -> str | None:
    for label in ("Social Security number", "Social security number", "Taxpayer ID number"):
        for hit in region.find(label):
            text = "".join(w.text for w in _right_text(region, hit.box, 200))
            m = re.search(r"(?:[X*\d]{3}-?[X*\d]{2}-?)(\d{4})", text)
            if m:
                return tin_last4(m[0]) or m[1]
    return None


def head(page: Page) -> Head | None:
    code = notice_number(page)
    if code not in KNOWN:
        return None
    return Head(code, _date_after(page.region, DATE_LABELS))


class NoticeKind(DocumentKind):
    name = KIND

    def identify(self, page: Page) -> Identification | None:
        h = head(page)
        if h is None:
            return None
        return Identification(KIND, "IRS-NOTICE", SCORE, _tax_year(page.region))

    def extract(self, pages: list[Page]) -> list[Extracted]:
        groups: list[tuple[Head, list[Page]]] = []
        for page in pages:
            h = head(page)
            if h is None:
                continue
            last = groups[-1] if groups else None
            same = (
                last
                and last[0].notice_type == h.notice_type
                and (h.notice_date in (None, last[0].notice_date))
            )
            if last and same:
                last[1].append(page)
            else:
                groups.append((h, [page]))
        return [_record(h, group) for h, group in groups]


def _first(pages: list[Page], read: Any) -> Any:
    return next((v for v in (read(p.region) for p in pages) if v is not None), None)


def _record(h: Head, pages: list[Page]) -> Extracted:
    fields: dict[str, Any] = {"notice_type": h.notice_type, "notice_date": h.notice_date}
    year = _first(pages, _tax_year)
    fields["tax_year"] = year
    fields["amount_due"] = _first(pages, lambda r: _amount_after(r, AMOUNT_LABELS))
    fields["respond_by"] = _first(pages, lambda r: _date_after(r, DEADLINE_LABELS))
    if h.notice_type in COLLECTION_DUE_PROCESS:
        fields["collection_due_process"] = True
    doc = Extracted(
        doc_type="IRS-NOTICE",
        pages=[p.number for p in pages],
        tax_year=year,
        recipient_tin_last4=_first(pages, _ssn_last4),
        fields={k: v for k, v in fields.items() if v is not None},
    )
    if h.notice_type == "CP2000":
        entries, changes = entries_and_changes(pages)
        for entry in entries:
            entry.update(tax_year=year, recipient_tin_last4=doc.recipient_tin_last4)
        doc.extra["entries"] = entries
        doc.extra["proposed_changes"] = changes
    missing = [k for k in ("notice_date", "respond_by") if k not in doc.fields]
    if missing:
        doc.warnings.append(f"Notice {h.notice_type}: {', '.join(missing)} not found")
    return doc


register(NoticeKind())
