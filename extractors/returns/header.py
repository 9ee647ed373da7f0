"""The head of a return's first page: which form, the tax year, the taxpayer and spouse
(names, SSN last four), the filing status."""

from __future__ import annotations

import re

from backtax.extractors.kinds import Extracted
from backtax.extractors.page import Box, Page, Region, normalize
from backtax.extractors.readers.glyphs import box_marked, crop_pixels
from backtax.extractors.values import full_ssn_digits, tin_last4

TITLES = {
    "1040-SR": ("U.S. Tax Return for Seniors",),
    "1040-X": ("Amended U.S. Individual Income Tax Return",),
    "1040": ("U.S. Individual Income Tax Return", "Individual Income Tax Return"),
}
_FOOTER = re.compile(r"(?i)\bForm\s*1040(-SR|-X)?\s*\((20\d\d)\)")
_YEAR = re.compile(r"^(20[1-3]\d)$")
FILING_STATUSES = (
    ("Married filing jointly", ("Married filing jointly",)),
    ("Married filing separately", ("Married filing separately",)),
    ("Head of household", ("Head of household",)),
    ("Qualifying surviving spouse", ("Qualifying surviving spouse",)),
    ("Qualifying widow(er)", ("Qualifying widow(er)", "Qualifying widow")),
    ("Single", ("Single",)),
)
MARKS = {"x", "X", "✓", "✔", "☒", "■", "v", "V", "/"}
SSN_LABELS = {
    "primary": ("Your social security number",),
    "spouse": ("Spouse's social security number", "Spouses social security number"),
}


def form_title(page: Page) -> str | None:
    """`1040`, `1040-SR` or `1040-X` when the page prints the form's title."""
    text = " " + normalize(page.text()).replace("\n", " ") + " "
    for form, titles in TITLES.items():
        if any(normalize(t) in text for t in titles):
            return form
    return None


def footer_form(page: Page) -> tuple[str, int] | None:
    """The `Form 1040 (2019)` a page prints in its head or foot: form and year."""
    m = _FOOTER.search(page.text().replace("\n", " "))
    return (f"1040{(m[1] or '').upper()}", int(m[2])) if m else None


def tax_year(page: Page) -> int | None:
    """The year the form is for: the `Form 1040 (YYYY)` foot, else the large year beside
    the title (`(99) 2019`), else the `For the year Jan. 1-Dec. 31, YYYY` line."""
    foot = footer_form(page)
    if foot:
        return foot[1]
    region = page.region
    for hit in region.find("For the year Jan"):
        for w in sorted(region.right_of(hit.box, 300).words, key=lambda w: w.box.x0):
            m = re.search(r"(20[1-3]\d)", w.text)
            if m:
                return int(m[1])
    top = [w for w in page.words if w.box.top < page.height * 0.12]
    years = [(w.box.height, int(w.text)) for w in top if _YEAR.match(w.text.strip("()"))]
    return max(years)[1] if years else None


def _digits_below(region: Region, labels: tuple[str, ...]) -> str | None:
    for hit in region.find_any(labels):
        box = hit.box
        below = region.below(box, 22, extend=6)
        text = "".join(w.text for w in sorted(below.words, key=lambda w: (w.box.top, w.box.x0)))
        digits = re.sub(r"[^\d]", "", text)
        if len(digits) == 9:
            return digits
    return None


def ssns(page: Page) -> dict[str, str]:
    """`primary` and `spouse` SSNs as printed under their labels (full digits, kept only to
    derive the last four and the TIN key)."""
    out = {}
    for who, labels in SSN_LABELS.items():
        digits = _digits_below(page.region, labels)
        if digits and full_ssn_digits(digits):
            out[who] = digits
    return out


def last4(digits: str) -> str | None:
    return tin_last4(digits)


def names(page: Page) -> tuple[str | None, str | None]:
    """Taxpayer's and spouse's names as printed: the words under `first name` and `Last
    name` on the row below the labels, left of the SSN column."""
    region = page.region
    found: list[str | None] = []
    for labels in (
        ("Your first name and middle initial", "Your first name and initial"),
        ("spouse's first name and middle initial", "spouse's first name and initial"),
    ):
        name = None
        for hit in region.find_any(labels):
            row = [h.box for h in region.find("Last name") if abs(h.box.cy - hit.box.cy) < 4]
            ssn = [
                h.box
                for h in region.find("social security number")
                if abs(h.box.cy - hit.box.cy) < 4
            ]
            right = ssn[0].x0 - 2 if ssn else page.width
            band = [
                w
                for w in region.words
                if hit.box.bottom - 1 < w.box.cy < hit.box.bottom + 18
                and hit.box.x0 - 60 <= w.box.x0 < right
                and not re.search(r"\d", w.text)
            ]
            name = " ".join(w.text for w in sorted(band, key=lambda w: w.box.x0)) or None
            if name and row:
                break
        found.append(name)
    return found[0], found[1]


def filing_status(page: Page) -> str | None:
    """The filing status whose box is marked: a mark just left of the status's words, or
    on a scan, ink inside the check box there."""
    region = page.region
    marks = [w for w in page.words if w.text.strip() in MARKS]
    for status, labels in FILING_STATUSES:
        for hit in region.find_any(labels):
            for m in marks:
                if abs(m.box.cy - hit.box.cy) <= 6 and 0 <= hit.box.x0 - m.box.x1 <= 22:
                    return status
    if page.image is None:
        return None
    for status, labels in FILING_STATUSES:
        for hit in region.find_any(labels):
            b = hit.box
            square = Box(b.x0 - 16, b.top - 4, b.x0 - 0.5, b.bottom + 4)
            pixels = crop_pixels(page, square)
            if pixels is not None and box_marked(pixels, page.dpi):
                return status
    return None


def fill_taxpayer(doc: Extracted, page: Page, *, spouse_name: bool = True) -> None:
    """The taxpayer block of a return's first page onto its record: the primary SSN (its
    last four and the TIN key), the spouse's last four, the names as printed."""
    ssn = ssns(page)
    if "primary" in ssn:
        doc.recipient_tin_last4 = last4(ssn["primary"])
        doc.recipient_tin_full = ssn["primary"]
    if "spouse" in ssn:
        doc.fields["spouse_tin_last4"] = last4(ssn["spouse"])
    primary, spouse = names(page)
    if primary:
        doc.recipient_name = primary
    if spouse and spouse_name:
        doc.fields["spouse_name"] = spouse
