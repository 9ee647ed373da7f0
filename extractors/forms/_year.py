"""The tax year a form is for: the filled `calendar year`, else the large printed year."""

from __future__ import annotations

import itertools
import re
from datetime import date

from backtax.extractors.page import Box, Hit, Region, Word, group_lines
from backtax.extractors.readers.glyphs import crop_pixels, segment_digits

_YEAR = re.compile(r"^\(?((?:19|20)\d{2})\)?[.,:;]?$")
_DAY = re.compile(r"^(?:[1-9]|[12]\d|3[01]),$")
_NOT_TAX_YEAR = (
    "rev",
    "omb",
    "cat",
    "revised",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _year_words(region: Region) -> list[tuple[Word, int]]:
    out = []
    for line in region.lines():
        for i, w in enumerate(line.words):
            m = _YEAR.match(w.text.strip())
            if not m:
                continue
            before = " ".join(x.text.lower() for x in line.words[max(0, i - 2) : i])
            if any(tok in before for tok in _NOT_TAX_YEAR):
                continue
            if i and _DAY.match(line.words[i - 1].text):
                continue  # `September 1, 2004` (the month may be on the line above): a date
            if _plausible(int(m.group(1))):
                out.append((w, int(m.group(1))))
    return out


def _plausible(year: int) -> bool:
    """A tax year no later than next year: `2090` is OCR's 2023."""
    return 1990 <= year <= date.today().year + 1


def _filled_year(texts: list[str]) -> int | None:
    """The year written after "For calendar year": `2024`, or `20` printed and `24` filled."""
    for i, text in enumerate(texts):
        m = _YEAR.match(text)
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        if m:
            year = int(m.group(1))
        elif text == "20" and re.fullmatch(r"\d{2}", nxt):
            year = 2000 + int(nxt)
        elif re.fullmatch(r"\d{2}", text) and text != "20":
            year = 2000 + int(text)
        else:
            continue
        return year if _plausible(year) else None
    return None


_BOX_NUMBER = re.compile(r"^(?:box|\d{1,2}[a-z]?)$", re.IGNORECASE)


def _in_box_label(region: Region, hit: Hit) -> bool:
    """The hit ends a box's label (`3 Box 2 amount is for tax year`): the phrase it ends,
    the words before it with no wide gap, holds a box number, so the year beside it is that
    box's value, not the form's; the phrase may follow the left column's value a narrow
    gutter on (`XXX-XX-1234  3. Box 2 Amount Is For Tax Year: 2024`)."""
    first = hit.words[0]
    line = next((ln for ln in region.lines() if any(w is first for w in ln.words)), None)
    if line is None:
        return False
    i = next(i for i, w in enumerate(line.words) if w is first)
    while i and line.words[i].box.x0 - line.words[i - 1].box.x1 < 2 * first.box.height:
        i -= 1
        if _BOX_NUMBER.match(line.words[i].text.strip(".:-")):
            return True
    return False


def find_tax_year(region: Region) -> int | None:
    """The filled year after a year caption, else the largest plausible printed year."""
    for label in ("for calendar year", "calendar year", "tax year"):
        for hit in region.find(label):
            if _in_box_label(region, hit):
                continue
            right = sorted(region.right_of(hit.box, max_dx=80).words, key=lambda w: w.box.x0)
            below = sorted(region.below(hit.box, 20).words, key=lambda w: (w.box.top, w.box.x0))
            near = right + below
            year = _filled_year([w.text.strip() for w in near if w not in hit.words])
            if year:
                return year
    years = _year_words(region)
    if not years:
        return _segment_year(region)
    _word, year = max(years, key=lambda wy: (wy[0].box.height, -wy[0].box.top))
    return year


def _segment_year(region: Region) -> int | None:
    """On a scan, the official forms' large seven-segment year beside the title."""
    page = region.page
    if page is None or page.image is None:
        return None
    heights = sorted(w.box.height for w in region.words)
    if not heights:
        return None
    typical = heights[len(heights) // 2]
    for line in region.lines():
        for word in (w for w in line.words if w.box.height >= 2.2 * typical):
            b, pad = word.box, word.box.height * 3
            pixels = crop_pixels(page, Box(b.x0 - pad, b.top - 4, b.x1 + pad, b.bottom + 4))
            digits = segment_digits(pixels) if pixels is not None else None
            if digits and len(digits) == 4 and _plausible(int(digits)):
                return int(digits)
    return None


_TWO_DIGITS = re.compile(r"^\d{2}$")


def calendar_year(region: Region) -> int | None:
    """`For calendar year 20 23`: the form prints "20" and the payer fills the last digits."""
    for hit in region.find("calendar year"):
        area = Box(hit.box.x0 - 30, hit.box.top - 2, hit.box.x1 + 80, hit.box.bottom + 20)
        for line in group_lines(region.crop(area).words):
            texts = [w.text.strip() for w in line.words if w not in hit.words]
            for first, second in itertools.pairwise(texts):
                if first == "20" and _TWO_DIGITS.match(second):
                    return 2000 + int(second)
    return None
