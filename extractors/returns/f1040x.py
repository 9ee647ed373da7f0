"""Form 1040-X, the amended return already filed, as the `1040-X` record.

Lines 1-15 print three amounts (A: original or as previously adjusted, B: net change,
C: correct amount), each placed under its column heading; lines 16-23 print one amount,
the correct one. The record carries `lines` as `amended_return.lines` does, and the
correct amounts in `fields` under the same names, so a case checks against them.
"""

from __future__ import annotations

import re
from decimal import Decimal

from backtax.extractors.kinds import DocumentKind, Extracted, Identification, register
from backtax.extractors.page import Page, Region, Word
from backtax.extractors.returns import header
from backtax.extractors.returns.catalogue import amended_columns, amended_lines
from backtax.extractors.returns.lines import line_amounts
from backtax.extractors.values import format_money

KIND = "form_1040x"
TITLE_SCORE = 14.0
PAGE_SCORE = 10.0
COLUMN_KEYS = ("original", "change", "corrected")
_REV = re.compile(r"(?i)\bForm\s*1040-X\s*\(Rev\.")


class Form1040XKind(DocumentKind):
    name = KIND

    def identify(self, page: Page) -> Identification | None:
        if header.form_title(page) == "1040-X":
            return Identification(KIND, "1040-X", TITLE_SCORE, amended_year(page))
        if _REV.search(page.text().replace("\n", " ")):
            return Identification(KIND, "1040-X", PAGE_SCORE)
        return None

    def extract(self, pages: list[Page]) -> list[Extracted]:
        first = next((p for p in pages if header.form_title(p) == "1040-X"), pages[0])
        lines = _read_lines(first.region)
        if not lines:
            return []
        fields: dict[str, str] = {}
        status = header.filing_status(first)
        if status:
            fields["filing_status"] = status
        for row in lines:
            if row["corrected"] is not None:
                fields[row["name"]] = row["corrected"]
        year = amended_year(first)
        doc = Extracted(
            doc_type="1040-X",
            pages=[p.number for p in pages],
            tax_year=year,
            fields=fields,
            extra={"lines": lines},
        )
        header.fill_taxpayer(doc, first, spouse_name=False)
        if year is None:
            doc.warnings.append("Form 1040-X: the calendar year amended is not filled in")
        return [doc]


def amended_year(page: Page) -> int | None:
    """The year entered after `This return is for calendar year`."""
    region = page.region
    for hit in region.find("This return is for calendar year"):
        near = sorted(region.right_of(hit.box, 120, slack=4).words, key=lambda w: w.box.x0)
        for w in near:
            m = re.fullmatch(r"\(?(20[0-3]\d|19\d\d)\)?", w.text.strip())
            if m:
                return int(m[1])
    return None


def _column_centres(region: Region) -> list[float] | None:
    centres = []
    for heading in amended_columns():
        hits = region.find(heading)
        if not hits:
            return None
        centres.append(hits[0].box.cx)
    return centres


def _read_lines(region: Region) -> list[dict[str, str | None]]:
    specs = amended_lines()
    numbers = {s.number for s in specs}
    centres = _column_centres(region)
    out: list[dict[str, str | None]] = []
    for spec in specs:
        found = line_amounts([region], spec, numbers)
        if not found:
            continue
        row: dict[str, str | None] = {"line": spec.number, "name": spec.name}
        row.update(dict.fromkeys(COLUMN_KEYS))
        row.update(_by_column(found, centres))
        out.append(row)
    return out


def _by_column(found: list[tuple[Word, Decimal]], centres: list[float] | None) -> dict[str, str]:
    """Amounts to columns A/B/C by the nearest heading; one amount alone is column C."""
    if len(found) == 1 or centres is None:
        return {"corrected": format_money(found[-1][1])}
    out: dict[str, str] = {}
    for word, value in found:
        col = min(range(3), key=lambda i: abs(centres[i] - word.box.cx))
        out.setdefault(COLUMN_KEYS[col], format_money(value))
    return out


register(Form1040XKind())
