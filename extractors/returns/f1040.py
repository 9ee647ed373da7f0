"""Form 1040 and 1040-SR, with the schedules filed with them, as the `1040` record.

Fields are the Tax Return transcript's year-independent names: each line is found by its
wording and its number in the tax year's revision (`f1040.toml`), so every cross-check
accepts either as "the return". The form's pages and its schedules are one run of this
kind; each schedule's page is read with the schedule's own lines.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from backtax.extractors.kinds import DocumentKind, Extracted, Identification, register
from backtax.extractors.page import Page, normalize
from backtax.extractors.returns import header
from backtax.extractors.returns.catalogue import (
    Schedule,
    revision_lines,
    schedules,
    standard_deductions,
)
from backtax.extractors.returns.lines import read_lines
from backtax.extractors.values import format_money

TITLE_SCORE = 14.0
PAGE_SCORE = 10.0
KIND = "form_1040"
HEAD_CHARS = 400


def schedule_of(page: Page, year: int | None = None) -> Schedule | None:
    """The schedule a page is (in the year's revision), from `SCHEDULE X (Form 1040)` in
    the page's head and the schedule's title (a mention lower down, `on Schedule 1 (Form
    1040), line 5`, is not a heading)."""
    text = " " + normalize(page.text()).replace("\n", " ") + " "
    for sched in schedules(year):
        heading = rf"schedule {re.escape(sched.code.lower())}\s*\(form 1040"
        if normalize(sched.title) in text and re.search(heading, text[:HEAD_CHARS]):
            return sched
    return None


def _is_return_page(page: Page) -> bool:
    text = normalize(page.text())
    return "form 1040" in text or "1040-sr" in text


class Form1040Kind(DocumentKind):
    name = KIND

    def identify(self, page: Page) -> Identification | None:
        title = header.form_title(page)
        if title in ("1040", "1040-SR"):
            return Identification(KIND, "1040", TITLE_SCORE, header.tax_year(page))
        foot = header.footer_form(page)
        if foot and foot[0] in ("1040", "1040-SR"):
            return Identification(KIND, "1040", PAGE_SCORE, foot[1])
        if schedule_of(page) is not None and _is_return_page(page):
            return Identification(KIND, "1040", PAGE_SCORE, header.tax_year(page))
        return None

    def extract(self, pages: list[Page]) -> list[Extracted]:
        docs: list[Extracted] = []
        for group in _returns(pages):
            doc = _extract_return(group)
            if doc is not None:
                docs.append(doc)
        return docs


def _returns(pages: list[Page]) -> list[list[Page]]:
    """A run cut where a new first page (the form's title) begins."""
    groups: list[list[Page]] = []
    for page in pages:
        if header.form_title(page) in ("1040", "1040-SR") or not groups:
            groups.append([page])
        else:
            groups[-1].append(page)
    return groups


def _extract_return(pages: list[Page]) -> Extracted | None:
    first = pages[0]
    year = next((y for y in (header.tax_year(p) for p in pages) if y), None)
    fields: dict[str, Any] = {}
    status = header.filing_status(first)
    if status:
        fields["filing_status"] = status
    found = [(p, schedule_of(p, year)) for p in pages]
    amounts: dict[str, Any] = {}
    read_lines([p.region for p, s in found if s is None], revision_lines(year), amounts)
    warnings: list[str] = []
    for page, sched in found:
        if sched is not None:
            _merge_schedule(page, sched, amounts, warnings)
    itemized = any(s is not None and s.code == "A" for _p, s in found)
    if not amounts:
        return None
    deduction = amounts.pop("deduction", None)
    if deduction is not None:
        standard = not itemized and deduction in standard_deductions(year, status)
        name = "standard_deduction" if standard else "itemized_deductions"
        amounts.setdefault(name, deduction)
    fields.update({k: format_money(v) if isinstance(v, Decimal) else v for k, v in amounts.items()})
    doc = Extracted(
        doc_type="1040",
        pages=[p.number for p in pages],
        tax_year=year,
        fields=fields,
        extra={"form": header.form_title(first) or "1040"},
    )
    header.fill_taxpayer(doc, first)
    doc.warnings.extend(warnings)
    if year is None:
        doc.warnings.append("Form 1040: no tax year found on the form")
    return doc


def _merge_schedule(
    page: Page, sched: Schedule, amounts: dict[str, Any], warnings: list[str]
) -> None:
    """A schedule page's lines into the return's: a line the 1040 (or an earlier schedule)
    already gave keeps that amount, and a different one here is a warning."""
    lines: dict[str, Any] = {}
    read_lines([page.region], sched.lines, lines)
    for name, value in lines.items():
        have = amounts.setdefault(name, value)
        if have != value:
            warnings.append(
                f"Schedule {sched.code} (page {page.number}) shows {name} {format_money(value)}, "
                f"the return {format_money(have)}: the return's amount is kept"
            )


register(Form1040Kind())
