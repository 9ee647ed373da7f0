"""Consolidated (composite) Form 1099: one statement from a broker or bank holding a
1099-DIV, 1099-INT, 1099-MISC and 1099-B under one account, laid out as tables
(`1a  Total ordinary dividends ....  1,234.56`). Each section becomes its own record."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from backtax.extractors.forms._catalog import form_spec
from backtax.extractors.forms.engine.spec import BoxSpec, FormSpec
from backtax.extractors.forms.engine.values import first_run
from backtax.extractors.forms.f1099_b import read_statement
from backtax.extractors.kinds import DocumentKind, Extracted, Identification, register
from backtax.extractors.page import Box, Line, Page, Region, normalize
from backtax.extractors.values import (
    format_money,
    full_ssn_digits,
    normalize_ein,
    parse_money,
    tin_last4,
)

MARKERS = ("Consolidated Form 1099", "Composite Form 1099", "Tax Information Statement",
           "Tax Reporting Statement")  # fmt: skip
SECTIONS: dict[str, FormSpec] = {n: form_spec(n) for n in ("1099-DIV", "1099-INT", "1099-MISC")}
_YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")
_BOX_NUMBER = re.compile(r"^(\d{1,2}[a-z]?)$")
_SECTION = re.compile(r"^(?:form\s+)?(1099-[a-z]+)\b(?!\s*[\d$])")


@dataclass
class Identity:
    """Who and what a statement is about, printed once on its first page."""

    payer_name: str | None = None
    payer_tin: str | None = None
    recipient_name: str | None = None
    recipient_last4: str | None = None
    recipient_full: str | None = None
    account: str | None = None
    year: int | None = None


def _after(region: Region, label: str) -> str | None:
    """The words right of a label on its line, up to the first wide gap."""
    for hit in region.find(label):
        words = [w for w in region.right_of(hit.box, max_dx=200) if w not in hit.words]
        run = first_run(words)
        if run:
            return " ".join(w.text for w in run)
    return None


def _under(region: Region, label: str) -> str | None:
    """The first line under a label, in its column."""
    for hit in region.find(label):
        b = hit.box
        area = region.crop(Box(b.x0 - 4, b.bottom - 1, b.x0 + 250, b.bottom + 20))
        lines = area.lines()
        if lines:
            return " ".join(w.text for w in first_run(lines[0].words))
    return None


def read_identity(page: Page) -> Identity:
    region = page.region
    lines = page.lines()
    ident = Identity()
    if lines:
        ident.payer_name = " ".join(w.text for w in first_run(lines[0].words))
        for line in lines[:3]:
            m = _YEAR.search(line.text)
            if m and "1099" in line.text:
                ident.year = int(m.group(1))
                break
    tin = _after(region, "PAYER'S TIN") or _after(region, "Payer's Federal ID")
    ident.payer_tin = normalize_ein(tin) if tin else None
    rtin = _after(region, "RECIPIENT'S TIN") or ""
    ident.recipient_last4 = tin_last4(rtin)
    ident.recipient_full = full_ssn_digits(rtin)
    ident.recipient_name = _under(region, "RECIPIENT'S name and address")
    accounts = (_after(region, "Account Number"), _after(region, "Account"))
    # an account number has digits: `No.` after `Account` is a table of contents' heading
    ident.account = next((a for a in accounts if a and re.search(r"\d", a)), None)
    return ident


def statement_identity(pages: list[Page]) -> Identity:
    """Who and what, from the first page that prints each (a cover page or a table of
    contents may come first and print none of it)."""
    ident = Identity()
    for page in pages:
        found = read_identity(page)
        for key, value in vars(found).items():
            if getattr(ident, key) is None and value is not None:
                setattr(ident, key, value)
    return ident


# ---------------------------------------------------------------- sections as tables


def _box_for(spec: FormSpec, year: int | None, number: str, label: str) -> BoxSpec | None:
    boxes = [b for b in spec.boxes_for(year) if b.number == number and b.kind in ("money", "text")]
    for box in boxes:
        if any(normalize(lb) in normalize(label) for lb in box.labels):
            return box
    return boxes[0] if len(boxes) == 1 else None


def _by_label(spec: FormSpec, year: int | None, label: str) -> BoxSpec | None:
    """The box whose label the row begins with (a scan may lose the box number)."""
    text = normalize(label)
    best: tuple[int, BoxSpec] | None = None
    for box in spec.boxes_for(year):
        for lb in box.labels:
            n = len(normalize(lb))
            fits = box.kind in ("money", "text") and text.startswith(normalize(lb))
            if fits and (best is None or n > best[0]):
                best = (n, box)
    return best[1] if best else None


def _row(spec: FormSpec, year: int | None, line: Line) -> tuple[str, Any] | None:
    """`1a  Total ordinary dividends  2,104.77` as (canonical name, value)."""
    words = line.words
    if len(words) < 2:
        return None
    m = _BOX_NUMBER.match(words[0].text.lower())
    if m and len(words) >= 3:
        box = _box_for(spec, year, m.group(1), " ".join(w.text for w in words[1:-1]))
    else:
        box = _by_label(spec, year, " ".join(w.text for w in words[:-1]))
    if box is None:
        return None
    if box.kind == "text":
        return box.name, words[-1].text
    value = parse_money(words[-1].text)
    return (box.name, format_money(value)) if value is not None else None


def read_sections(pages: list[Page], year: int | None) -> dict[str, tuple[list[int], dict]]:
    """Every DIV/INT/MISC section: its pages and its boxes by canonical name.

    A section begins at its heading (`Form 1099-DIV Dividends and Distributions`, or
    without `Form`) and runs over its rows onto the next page when that page goes on with
    rows; a subtitle or column header (no amount) does not end it, another heading or a
    line with an amount that is no row of it does. Its pages are those with its heading
    or its rows."""
    out: dict[str, tuple[list[int], dict[str, Any]]] = {}
    current: str | None = None
    for page in pages:
        for line in page.lines():
            m = _SECTION.match(normalize(line.text))
            if m:
                doc_type = m.group(1).upper()
                current = doc_type if doc_type in SECTIONS else None
                if current:
                    _on_page(out.setdefault(current, ([], {}))[0], page.number)
                continue
            if current is None:
                continue
            row = _row(SECTIONS[current], year, line)
            if row:
                out[current][1].setdefault(row[0], row[1])
                _on_page(out[current][0], page.number)
            elif _BOX_NUMBER.match(line.words[0].text.lower()) is None and _has_amount(line):
                current = None
    return out


def _on_page(numbers: list[int], number: int) -> None:
    if number not in numbers:
        numbers.append(number)


def _has_amount(line: Line) -> bool:
    return any("." in w.text and parse_money(w.text) is not None for w in line.words)


class ConsolidatedKind(DocumentKind):
    """A DocumentKind for consolidated statements; it outbids the single-form kinds."""

    name = "CONSOLIDATED-1099"

    def identify(self, page: Page) -> Identification | None:
        text = normalize(page.text())
        if not any(normalize(m) in text for m in MARKERS):
            return None
        return Identification(self.name, "1099-B", 10.0, read_identity(page).year)

    def extract(self, pages: list[Page]) -> list[Extracted]:
        ident = statement_identity(pages)
        docs: list[Extracted] = []
        for doc_type, (numbers, fields) in read_sections(pages, ident.year).items():
            docs.append(self._doc(ident, doc_type, numbers, fields, {}))
        st = read_statement(pages)
        if st.fields or st.transactions:
            extra = {"totals_by_term": st.by_term, "transactions": st.transactions}
            docs.append(self._doc(ident, "1099-B", st.pages, dict(st.fields), extra))
        return docs

    def _doc(
        self, ident: Identity, doc_type: str, pages: list[int], fields: dict, extra: dict
    ) -> Extracted:
        if ident.account:
            fields["account_number"] = ident.account
        return Extracted(
            doc_type=doc_type,
            pages=sorted(pages),
            tax_year=ident.year,
            payer_tin=ident.payer_tin,
            payer_name=ident.payer_name,
            recipient_tin_last4=ident.recipient_last4,
            recipient_name=ident.recipient_name,
            recipient_tin_full=ident.recipient_full,
            fields=fields,
            extra=extra,
        )


register(ConsolidatedKind())
