"""The parties of a form: the payer's (employer's, lender's, trustee's) name and EIN, the
recipient's name and SSN (only its last four leave the extractor), each under its label
or, where no label says whose a number is, by the number's shape."""

from __future__ import annotations

import re
from dataclasses import dataclass

from backtax.extractors.forms.engine.labels import find_anchors
from backtax.extractors.forms.engine.spec import Anchor, BoxSpec
from backtax.extractors.forms.engine.values import text_below, texts_near
from backtax.extractors.page import Box, Line, Region, group_lines
from backtax.extractors.values import full_ssn_digits, normalize_ein, tin_last4


@dataclass
class Party:
    name: str | None = None
    tin: str | None = None
    tin_last4: str | None = None
    tin_full: str | None = None


def read_party(
    region: Region,
    name_labels: tuple[str, ...],
    tin_labels: tuple[str, ...],
    person: bool,
    stops: list[Anchor],
) -> Party:
    """Name (first line under its label) and TIN (SSN for a person, EIN otherwise);
    `stops` are the form's other labels, where a value cannot extend."""
    party = Party()
    specs = (BoxSpec("name", "", name_labels, "text"), BoxSpec("tin", "", tin_labels, "text"))
    own = find_anchors(region, specs)
    for a in own:
        lines = text_below(a.box, region, own + stops, n=3)
        if a.spec.name == "name" and party.name is None:
            name = next((ln for ln in lines if _looks_like_name(ln.text)), None)
            party.name = None if name is None else name_text(name)
        elif a.spec.name == "tin" and party.tin is None:
            for ln in lines:
                if person and person_tin_last4(ln.text):
                    party.tin_last4 = person_tin_last4(ln.text)
                    party.tin_full = full_ssn_digits(ln.text)
                    party.tin = party.tin_last4
                    break
                if not person and normalize_ein(ln.text):
                    party.tin = normalize_ein(ln.text)
                    break
    if person and party.tin_last4 is None:
        _only_ssn_on_form(region, party)
    return party


_SSN_SHAPE = re.compile(r"^(?:\d{3}|[X*]{3})-(?:\d{2}|[X*]{2})-\d{4}$")
_SPECKS = ".,;:'\"`‘’“”"
"""Punctuation OCR reads from specks beside a number (`“XXX-XX-3456`), or printed after it."""


def _only_ssn_on_form(region: Region, party: Party) -> None:
    """When the TIN label is unreadable (OCR), or no label holds the number in its cell,
    the one SSN-shaped number of the form is the recipient's: employers' and payers' TINs
    are EINs (NN-NNNNNNN)."""
    found = {w.text.strip(_SPECKS) for w in region if _SSN_SHAPE.match(w.text.strip(_SPECKS))}
    if len(found) == 1:
        text = found.pop()
        party.tin_last4 = tin_last4(text)
        party.tin_full = full_ssn_digits(text)
        party.tin = party.tin_last4


_EIN_SHAPE = re.compile(r"^\d{2}-\d{7}$")


def only_ein_on_form(region: Region) -> str | None:
    """When no TIN label says whose a number is, the one EIN-shaped number (NN-NNNNNNN)
    of the form is the payer's: a recipient's TIN is an SSN, state IDs have other shapes."""
    found = {w.text.strip(_SPECKS) for w in region if _EIN_SHAPE.match(w.text.strip(_SPECKS))}
    return found.pop() if len(found) == 1 else None


def name_above_tin(region: Region, tin_labels: tuple[str, ...]) -> str | None:
    """The payer's name where its label went unread (OCR lost its first word, a small
    `CREDITOR'S`): an information return prints the payer's name and address in the ruled
    cell right above the payer's TIN label, and the first line after the label's lines
    (words mostly in lower case) is the name, when it looks like one. Pages
    without horizontal rules (text layers) give none."""
    page = region.page
    if page is None or not page.floors:
        return None
    for a in find_anchors(region, (BoxSpec("tin", "", tin_labels, "text"),)):
        lb = a.box
        above = [f for f in page.floors if f.bottom <= lb.top + 1 and f.x0 <= lb.x0 + 2 <= f.x1 - 8]
        if not above:
            continue
        floor = max(above, key=lambda f: f.top).top
        higher = [f.bottom for f in above if f.bottom < floor - 2 * lb.height]
        inside = Box(lb.x0, floor - 2 * lb.height, lb.x0 + 1, floor - lb.height)
        left, right = page.cell_left(inside), page.cell_right(inside)
        cell = Box(
            lb.x0 - 12 if left is None else left,
            max(higher, default=region.box.top),
            lb.x0 + 250 if right is None else right,
            floor,
        )
        lines = group_lines(region.crop(cell).words)
        after = next((i for i, line in enumerate(lines) if not _label_line(line)), 0)
        if after > 0:  # the label's lines come first: a first line is its garbled start
            line = lines[after]
            return name_text(line) if _looks_like_name(line.text) else None
    return None


def _label_line(line: Line) -> bool:
    """A line of label text: most of its words begin in lower case (`name, street address`)."""
    starts = [next((c for c in w.text if c.isalpha()), "") for w in line.words]
    return sum(c.islower() for c in starts) >= 0.5 * len(starts)


_ABBREVIATIONS = {
    "INC", "CO", "CORP", "LTD", "JR", "SR", "LLC", "PC", "NA", "ST", "MD", "ESQ", "ASSOC", "ASSN",
    "BROS", "DEPT", "INTL", "MFG", "SVCS", "SVC", "NATL", "UNIV", "AVE", "BLVD",
}  # fmt: skip


_SPECK_SPACE = re.compile(
    r"^([A-Z])[-.](?=[A-Z]{2})|(?<=[A-Z]{3})\.(?=[A-Z]{3})|(?<=[A-Z]{2})['’](?=[A-RT-Z]$)"
)
"""A speck read between two words of a name (`Q-DOE`, `Q.DOE`, `RIDGE.SECURITIES`, `JOHN'A`; an
`'S` after a word is a possessive, `LOWE'S`)."""


_NAME_SPECKS = ".,:;'’‘`\"-_"
"""Marks OCR reads from specks beside a name's words."""


def name_text(line: Line) -> str:
    """A name as printed; on a scan, a period OCR glued to a whole word of the name
    (`JANE. Q DOE`, `DESIGN. STUDIO`, a speck after `TESTER.`) is dropped, abbreviations and
    initials keep theirs, a speck read between two words (`Q-DOE`, `Q.DOE`,
    `RIDGE.SECURITIES`, `JOHN'A` before an initial) is a space, and a speck read as a quote
    after a word (`DOE’`), a mark before one (`.JOHN`, `-SAMPLE`) or alone (`BANK .`) is
    dropped: a name's apostrophe stands inside its word (`O'NEIL`)."""
    words = [w.text for w in line.words]
    if line.words and line.words[0].source == "ocr":
        words = [w for w in words if w.strip(_NAME_SPECKS)] or words  # a speck read as a word
        for i, word in enumerate(words):
            word = word.lstrip(_NAME_SPECKS).rstrip("'’‘`\"") or word
            word = re.sub(_SPECK_SPACE, r"\1 ", word)
            bare = word.rstrip(".")
            if word.endswith(".") and len(bare) > 2 and bare.upper() not in _ABBREVIATIONS:
                word = bare
            words[i] = word
    return " ".join(words)


_TEN_DIGITS = re.compile(r"(?<![\d-])\d{3}-\d{3}-(\d{4})(?![\d-])")


def person_tin_last4(text: str) -> str | None:
    """The last four of a person's TIN printed under its label: an SSN or ITIN, full or
    masked, or a TIN printed with ten digits (`987-654-3210`: some lenders print one so)."""
    if tin_last4(text) and _has_tin_shape(text):
        return tin_last4(text)
    ten = _TEN_DIGITS.search(text)
    return ten[1] if ten else None


def _has_tin_shape(text: str) -> bool:
    return bool(re.search(r"(\d{3}|[X*]{3})[- ]?(\d{2}|[X*]{2})[- ]?\d{4}|\b\d{9}\b", text))


def _looks_like_name(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return letters >= 2 and letters >= len(text.replace(" ", "")) * 0.5


def tins_in_columns(
    region: Region,
    boxes: tuple[BoxSpec, ...],
    payer_labels: tuple[str, ...],
    recipient_labels: tuple[str, ...],
) -> tuple[str | None, str | None]:
    """The payer's EIN and the recipient's TIN (as printed) under their labels in the
    label's own column (`read_party` can stop at a label of the next column)."""
    tins = (
        BoxSpec("_payer_tin", "", payer_labels, "text"),
        BoxSpec("_recipient_tin", "", recipient_labels, "text"),
    )
    anchors = find_anchors(region, boxes + tins)
    payer: str | None = None
    recipient: str | None = None
    for anchor in anchors:
        if anchor.spec not in tins:
            continue
        for text in texts_near(anchor, region, anchors):
            if anchor.spec.name == "_payer_tin" and payer is None:
                payer = normalize_ein(text)
            elif anchor.spec.name == "_recipient_tin" and recipient is None and tin_last4(text):
                recipient = text
    return payer, recipient
