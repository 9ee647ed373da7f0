"""The printed layout every IRS transcript shares: page noise, label/value lines, values.

Transcripts are line-oriented. The classic print writes `LABEL:.......value` (dot leaders),
the online viewer `Label: value`; both reach us as `Page.lines()`, the same for text and OCR
pages. This module turns those lines into clean text lines and splits labels from values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractors.page import Page
from extractors.values import format_money, parse_date, parse_money


@dataclass(frozen=True, slots=True)
class TLine:
    """One printed line of a transcript, with the page it sits on."""

    text: str
    page: int
    conf: float = 1.0


BANNER = "this product contains sensitive taxpayer data"

# Lines repeated at every page break (often inside a form block): never content.
_NOISE = [
    re.compile(r"(?i)^this\s+product\s+contains\s+sensitive\s+taxpayer\s+data"),
    re.compile(r"(?i)^page\s+\d+\s+of\s+\d+$"),
    re.compile(r"(?i)^(request|response)\s+date\s*:"),
    re.compile(r"(?i)^tracking\s+number\s*:"),
    re.compile(r"(?i)^customer\s+file\s+number\s*:"),
    re.compile(r"(?i)^code\s+explanation\s+of\s+transaction"),
]

_DOTS = re.compile(r"(?:\.\s?){3,}|…+|(?:_\s?){3,}")
_MONEY_TAIL = re.compile(r"(?P<value>-?\s?\$?\s?-?\d{1,3}(?:[,.]\d{3})*\.\d{2}-?)$")
_DATE_TAIL = re.compile(
    r"(?P<value>(?:[A-Z][a-z]{2}\.?|[A-Z]{3}\.?|[A-Z][a-z]+)\s+\d{1,2},\s*\d{4}|\d{2}-\d{2}-\d{4})$"
)


def clean_text(text: str) -> str:
    """Unify the characters OCR and fonts vary on (quotes, dashes, ellipses, spacing)."""
    text = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    text = text.replace("–", "-").replace("—", "-").replace("\u2212", "-")
    return re.sub(r"\s+", " ", text).strip()


def is_noise(text: str) -> bool:
    return any(p.search(text) for p in _NOISE)


def page_lines(pages: list[Page]) -> list[TLine]:
    """Every line of the pages in reading order, cleaned; banners kept (splitting uses them)."""
    out: list[TLine] = []
    for page in pages:
        for line in page.lines():
            text = clean_text(line.text)
            if text:
                out.append(TLine(text, page.number, line.conf))
    return out


def content(lines: list[TLine]) -> list[TLine]:
    """The lines without the page header and footer noise."""
    return [ln for ln in lines if not is_noise(ln.text)]


def split_label_value(text: str) -> tuple[str, str] | None:
    """`LABEL:....value`, `Label: value` or `LABEL value` as (label, value); None without value.

    A label may hold colons of its own (`TAXABLE INTEREST INCOME: SCH B:`): with dot leaders
    the value follows the leader; without them it is a trailing amount or date, else what
    follows the last colon.
    """
    text = text.strip()
    dots = list(_DOTS.finditer(text))
    if dots:
        label = text[: dots[0].start()].rstrip(" :")
        value = text[dots[-1].end() :].strip(" :")
        return (label, value) if label and value else None
    for tail in (_MONEY_TAIL, _DATE_TAIL):
        m = tail.search(text)
        if m and m.start() > 0:
            label = text[: m.start()].rstrip(" :")
            if label and not label[-1].isdigit():
                return label, m["value"].strip()
    if ":" in text:
        label, _, value = text.rpartition(":")
        label, value = label.strip(), value.strip()
        return (label, value) if label and value else None
    return None


def norm_label(label: str) -> str:
    """A label as lower-case words: `Code "DD" Cost of ...:` is `code dd cost of ...`."""
    label = clean_text(label).lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", " ", label).strip()


def money(text: str) -> str | None:
    """A printed amount as the contract's money string (`-$4,102.10` is `-4102.10`)."""
    t = text.strip().replace(" ", "")
    if not re.search(r"\d\.\d\d-?$|^\$?-?\d{1,3}(,\d{3})*$", t):
        return None
    # OCR reads a thousands comma as a period now and then: `1.234.00`.
    t = re.sub(r"(?<=\d)\.(?=\d{3}[.,])", ",", t)
    value = parse_money(t)
    return None if value is None else format_money(value)


def iso_date(text: str) -> str | None:
    """`Dec. 31, 2023`, `05-20-2024` or `December, 2023` (the month's end) as ISO."""
    t = text.strip()
    m = re.fullmatch(r"([A-Za-z]+)\.?,?\s+(\d{4})", t)
    if m:
        first = parse_date(f"{m[1][:3]} 1, {m[2]}")
        return None if first is None else month_end(first).isoformat()
    d = parse_date(t)
    return None if d is None else d.isoformat()


def month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def snake(label: str) -> str:
    """A field name made from a label nobody mapped: `Forfeiture Amount` is `forfeiture_amount`."""
    return norm_label(label).replace(" ", "_")


def name_control(name: str) -> str | None:
    """The first four letters of a last name, as transcripts print and cases match it."""
    letters = re.sub(r"[^A-Z]", "", name.upper())
    return letters[:4] or None


def last_names(names: str) -> tuple[str | None, str | None]:
    """The primary's and the spouse's last name from `JOHN Q & JANE R SAMP` or `JOHN SMIT`."""
    parts = [p.split() for p in re.split(r"\s*&\s*|\s+AND\s+", names.upper()) if p.split()]
    if not parts:
        return None, None
    spouse = parts[1][-1] if len(parts) > 1 else None
    primary = parts[0][-1] if len(parts[0]) > 1 or spouse is None else spouse
    return primary, spouse
