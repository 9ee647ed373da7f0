"""Engine choice by evidence: which Tesseract words are suspect, when a page needs the
second engine, and which reading wins when the two engines disagree.

The rules are plain functions of words and texts so a test can state them:

- a *value* is a word shaped like something a tax form prints in a box: an amount
  (`1,234.56`, `(12.00)`, `$5`), a TIN (`12-3456789`, `***-**-1234`), a date, a ZIP, a
  phone number, a year or a plain number;
- a numeric word (one with a digit) is *suspect* when Tesseract's confidence is low or it
  has no value's shape (`8O0.00`); numeric words side by side on a line are read again
  together when one is suspect or they split an amount (`37%.` `60.56`), and they hold
  three digits at least (a box's number, `12¢`, is a label the form finds by its wording);
- a page needs PP-OCR when it reads as nothing, or when a large share of its numeric words
  is suspect;
- where the engines disagree, `choose` decides (see there).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise, product

from backtax.extractors import catalog
from backtax.extractors.kinds import Extracted
from backtax.extractors.page import Word, group_lines
from backtax.extractors.values import repair_ocr_number, slips, stored_money

LOW_CONF = 0.6
"""Tesseract confidence (0..1) under which a numeric word is re-read."""
SURE_CONF = 0.8
"""PP-OCR confidence above which its reading may replace Tesseract's."""
PAGE_SUSPECT_SHARE = 0.4
"""Share of suspect numeric words from which the whole page is read by PP-OCR."""
PAGE_UNSURE_SHARE = 0.15
"""Share of unsure long words from which the whole page is read by PP-OCR."""
MIN_NUMERIC = 6
MIN_DIGITS = 3
"""Digits from which a word is a value to read, not a box's number."""
SPLIT_GAP = 0.6
"""Gap, in word heights, under which two numeric words may be one amount Tesseract split."""
MIN_WORDS = 20
MAX_REREADS = 24

_VALUE_SHAPES = [
    r"[-(]?\$?[-(]?\d{1,3}(,\d{3})*(\.\d{2})?\)?",  # amounts, whole or with cents
    r"[-(]?\$?\d+\.\d{2}\)?",  # amounts without thousands separators
    r"\(\d+\)",  # a whole number in parentheses: a negative amount, a revision's `(2024)`
    r"\d{2}-\d{7}",  # EIN
    r"(\d{3}|[*X]{3})-(\d{2}|[*X]{2})-(\d{4}|[*X]{4})",  # SSN, masked or not
    r"\d{1,2}/\d{1,2}/\d{2,4}|\d{2}-\d{2}-\d{4}|\d{4}-\d{2}-\d{2}",  # dates
    r"\d{5}(-\d{4})?",  # ZIP
    r"(1-)?\(?\d{3}\)?-?\d{3}-\d{4}",  # phone
    r"\d+[a-z]?",  # box numbers, years, account numbers
    r"\d+(-\d+)+",  # OMB numbers, account and reference numbers
    r"(Form)?\d{4}-?[A-Z]{1,3}(-[A-Z]{1,2})?",  # form names: 1098-E, 1099-INT, W-2 aside
    r"\d{1,2}%|\d{1,3}\.\d+%",  # percentages
]
_VALUE = re.compile("|".join(f"(?:{s})" for s in _VALUE_SHAPES))


def is_value(text: str) -> bool:
    """Whether `text` (trailing punctuation aside) has the shape of a value a form prints."""
    return bool(_VALUE.fullmatch(text.rstrip(".,;:")))


def numeric(word: Word) -> bool:
    return any(c.isdigit() for c in word.text)


def suspect(word: Word) -> bool:
    """A numeric word Tesseract read with low confidence or into no value's shape, or with
    two digits after a dash (`143-59`: the point of an amount read as a dash); a word it
    is sure of (`SURE_CONF`) that is a value once the form's own repairs are made (a
    quote before it, a bracket or a degree sign after it, `:` for the decimal point:
    `240:00`, `2024)`, `‘742`, `§742`) is no suspect: its digits stand, and a clean page is not
    read again for its punctuation."""
    if not numeric(word):
        return False
    if _DASH_CENTS.fullmatch(word.text):
        return True
    if word.conf >= SURE_CONF and is_value(repair_ocr_number(word.text, letters=False)):
        return False
    return word.conf < LOW_CONF or not is_value(word.text)


_DASH_CENTS = re.compile(r"[$(]?\d[\d,]*-\d{2}\)?|-\d{2}")
"""An amount's cents after a dash (`143-59`, or `672` `-50`): its point read as a dash."""


def garbled_tail(word: Word, before: Word) -> bool:
    """A short word without digits Tesseract was unsure of (`yee`), printed tight after a
    part of an amount (`697`, two digits at least and nothing else; or `72,995.`, its
    point read, three digits at least): the amount's end misread as letters. After a
    box's number (`7):` `G`, `12.` `DD`) it is the box's code."""
    point = before.text.endswith(".")
    count = sum(map(str.isdigit, before.text))
    part = bool(_AMOUNT_PART.fullmatch(before.text.removesuffix("."))) and count >= 2 + point
    return part and not numeric(word) and len(word.text) <= 3 and word.conf < LOW_CONF


_AMOUNT_PART = re.compile(r"[$§]?\d[\d,]*")


def suspect_run(run: list[Word]) -> bool:
    """Whether numeric words side by side on a line are read again: together they hold
    `MIN_DIGITS` digits, and one of them is suspect or an amount's cents follow another
    numeric word closer than `SPLIT_GAP` of its height (`37%.` `60.56`: one amount split in
    two; a line's number then its amount across the cell's border, `24` `4,301.00`, is
    two values); or fewer, and one is unsure and no box's number (`2:2"`: a large year)."""
    digits = sum(c.isdigit() for w in run for c in w.text)
    if digits < MIN_DIGITS:
        return any(w.conf < LOW_CONF and not _BOX_NUMBER.fullmatch(w.text) for w in run)
    split = any(
        _CENTS_END.search(w.text) and w.box.x0 - before.box.x1 < SPLIT_GAP * w.box.height
        for before, w in pairwise(run)
    )
    return split or any(map(suspect, run))


_CENTS_END = re.compile(r"\d\.\d{2}\)?[.,;:]?$")
_BOX_NUMBER = re.compile(r"[{l4]?\d{1,2}[a-zA-Z¢°]{0,2}[.,:]?([A-Z][a-z]+)?")
"""A box's number as OCR reads it: `1`, `12a`, `{2d`, `12¢`, `13.`, `14.Other`."""


def page_failed(words: list[Word]) -> bool:
    """The page's own evidence that Tesseract failed: it reads as nothing, too many of its
    words (of four letters or more) are unsure (labels garbled: a form's boxes then go
    unfound), or too many of its numbers (three digits or more: box numbers aside) are
    suspect. Clean scans measured: at most 4% of such words unsure; phone photos 24-28%."""
    if len(words) < 5 or sum(w.conf >= 0.7 for w in words) < 0.5 * len(words):
        return True
    long_words = [w for w in words if sum(c.isalpha() for c in w.text) >= 4]
    unsure = sum(w.conf < LOW_CONF for w in long_words)
    if len(long_words) >= MIN_WORDS and unsure >= PAGE_UNSURE_SHARE * len(long_words):
        return True
    nums = [w for w in words if sum(c.isdigit() for c in w.text) >= 3]
    return len(nums) >= MIN_NUMERIC and sum(map(suspect, nums)) >= PAGE_SUSPECT_SHARE * len(nums)


def good_values(words: list[Word]) -> int:
    """Numeric words read confidently into a value's shape: a page's score."""
    return sum(numeric(w) and is_value(w.text) and w.conf >= LOW_CONF for w in words)


def digits(text: str) -> str:
    """The digits of a reading, in order."""
    return re.sub(r"\D", "", text)


def choose(
    tesseract: str,
    tess_conf: float,
    ppocr: str,
    pp_conf: float,
    split: bool = False,
    wider: bool = False,
) -> str:
    """The reading kept when Tesseract read `tesseract` (`split`: as several words, joined
    here) and PP-OCR's recogniser `ppocr` on the same crop. PP-OCR's reading wins when it
    is sure (`SURE_CONF`) and

    1. it has a value's shape and Tesseract's does not; or
    2. both have one, with the same digits, and PP-OCR's carries the separators or the
       decimal point Tesseract dropped (`12345600` against `123,456.00`), Tesseract having
       read one word (where it saw a gap, `20 22` in a year's blanks, a mark PP-OCR
       prints there is an underline's or a speck's, not a lost one) on its own box (ink
       past it that adds no digit is dots, `1,659.51..`); or
    3. both have one with as many digits, some different (Tesseract confuses 3, 8 and 9),
       and Tesseract was unsure (`LOW_CONF`); or PP-OCR's reading is Tesseract's but for
       one decimal point or separator where Tesseract read a dash (`143-59`, `672 -50`)
       or, unsure, a digit (`143559` for `143.59`); or
    4. the crop reached past Tesseract's box over ink it gave no word (`wider`), and
       PP-OCR's digits are Tesseract's and more after them (`$90,340` of `$90,340.95`).

    Otherwise Tesseract's reading stays: a second opinion alone changes nothing."""
    if not ppocr or pp_conf < SURE_CONF or ppocr == tesseract:
        return tesseract
    pp_ok, tess_ok = is_value(ppocr), is_value(tesseract)
    if pp_ok and not tess_ok:
        return ppocr
    if pp_ok and tess_ok:
        if _point_misread(tesseract, ppocr, tess_conf < LOW_CONF):
            return ppocr
        pp_digits, tess_digits = digits(ppocr), digits(tesseract)
        if pp_digits == tess_digits:
            marks = sum(c in ".," for c in ppocr) > sum(c in ".," for c in tesseract)
            return ppocr if marks and not split and not wider else tesseract
        if len(pp_digits) == len(tess_digits) and tess_conf < LOW_CONF:
            return ppocr
        longer = len(pp_digits) > len(tess_digits) and pp_digits.startswith(tess_digits)
        return ppocr if wider and longer else tesseract
    return tesseract


def _point_misread(tesseract: str, ppocr: str, unsure: bool) -> bool:
    """Whether the readings differ in one character only, a point or a comma in PP-OCR's
    and a dash in Tesseract's or, `unsure`, a digit: Tesseract's misreading of the mark."""
    off = slips(tesseract, ppocr)
    if off is None or len(off) != 1 or off[0][1] not in ".,":
        return False
    return off[0][0] == "-" or (unsure and off[0][0].isdigit())


def accept_missed(text: str, conf: float) -> bool:
    """Whether PP-OCR's reading of a spot Tesseract read nothing from is kept: PP-OCR sure
    of it, every word of it a value, and three digits at least (a box's number is a label,
    which the form finds by its wording; a blank beats a stray letter)."""
    parts = text.split()
    enough = sum(c.isdigit() for c in text) >= 3
    return conf >= SURE_CONF and enough and bool(parts) and all(is_value(p) for p in parts)


def choose_page(tesseract: list[Word], ppocr: list[Word]) -> bool:
    """Whether PP-OCR's whole-page reading replaces Tesseract's failed one: it holds more
    confident values, or Tesseract's page reads as nothing and PP-OCR's does not."""
    if len(tesseract) < 5:
        return len(ppocr) >= 5
    return good_values(ppocr) > good_values(tesseract)


def boxes_missing(docs: list[Extracted], reads_payer_tin: bool, words: list[Word]) -> bool:
    """The records of one form's pages, read from Tesseract's words, whose structure says
    boxes went unread: no value at all, no payer TIN on a form that prints one (every
    information return and W-2 does), or an amount with cents printed on the pages that no
    box of any record holds (a box whose label was misread). Copies count together: one
    copy's blank is another's value; an amount inside a box's wording (1098 box 10's `REAL
    ESTATE TAX 4210.55`) is held by that box. A blank box leaves all of these alone, and so
    does a missing year: some forms print none, and a garbled one is a suspect word."""
    values = [v for d in docs for v in d.fields.values() if v not in (None, False, "", [])]
    if not values:
        return True
    if reads_payer_tin and not any(d.payer_tin for d in docs):
        return True
    held = {v for d in docs for v in _values_of(d.fields)}
    held |= {_amount(piece) for value in held for piece in value.split()}
    return any(_amount(w.text) not in held for w in words if _amount(w.text))


_CENTS = re.compile(r"\$?\d{1,3}(,\d{3})+\.\d{2}|\$?\d{3,}\.\d{2}")


def _amount(text: str) -> str:
    """A confident money amount with cents, three digits or more, as a record prints it
    (`123456.00`); else empty."""
    text = text.rstrip(".,;:")
    return text.lstrip("$").replace(",", "") if _CENTS.fullmatch(text) else ""


def _values_of(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _values_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from _values_of(item)
    elif value is not None:
        yield str(value)


PARTY_FIELDS = ("tax_year", "payer_tin", "payer_name", "recipient_tin_last4", "recipient_name")


def filled(doc: Extracted) -> int:
    """How many values a record's parties and boxes hold (a check box left clear aside), a
    list's entries each with their values (box 12's codes and amounts, state rows' cells)."""
    parties = sum(getattr(doc, f) not in (None, "") for f in PARTY_FIELDS)
    return parties + sum(_values(v) for v in doc.fields.values())


def _values(value: object) -> int:
    if isinstance(value, list):
        return sum(_values(v) for v in value)
    if isinstance(value, dict):
        return sum(_values(v) for v in value.values())
    return int(value not in (None, False, ""))


def _spaced(mine: object, theirs: object) -> bool:
    """Whether `theirs` is `mine` with spaces `mine` lacks."""
    if not isinstance(mine, str) or not isinstance(theirs, str) or " " not in theirs:
        return False
    return mine.count(" ") < theirs.count(" ") and mine.replace(" ", "") == theirs.replace(" ", "")


NOT_IN_NAMES = re.compile(r"[^\w\s&'.,/-]")
"""A character no payer's or recipient's name prints (OCR's `©` for a fax's `Q`)."""


def _cleaner_name(mine: object, theirs: object) -> bool:
    """Whether `theirs` is `mine` read without a character no name prints, word for word
    (`JANE Q DOE` against `JANE © DOE`)."""
    if not isinstance(mine, str) or not isinstance(theirs, str):
        return False
    return (
        bool(NOT_IN_NAMES.search(mine))
        and not NOT_IN_NAMES.search(theirs)
        and len(mine.split()) == len(theirs.split())
    )


def merge_readings(first: Extracted, second: Extracted) -> Extracted:
    """One record from two engines' readings of the same form: the reading that filled
    more of the form's values is kept whole (`first`, the page's own reading, on a tie),
    and what it left blank is taken from the other. Where both read a value, the kept
    reading's stands: the engine that found more of the form's structure read its boxes,
    save for spaces: of two texts alike but for spaces the spaced one is kept (PP-OCR
    drops them: `BAYSIDECOFFEEROASTERSLLC`). A value the kept reading holds in other boxes
    only (`_held_elsewhere`) fills no blank: the readings paired one printed amount with
    different boxes, and the kept reading's box stands."""
    keep, other = (second, first) if filled(second) > filled(first) else (first, second)
    for name in PARTY_FIELDS:
        mine, theirs = getattr(keep, name), getattr(other, name)
        blank = mine in (None, "") and theirs not in (None, "")
        if blank or _spaced(mine, theirs) or _cleaner_name(mine, theirs):
            setattr(keep, name, theirs)
            if name == "recipient_tin_last4":
                keep.recipient_tin_full = other.recipient_tin_full
    for name, value in other.fields.items():
        mine = keep.fields.get(name)
        if _fill_rows(mine, value):
            continue
        if _held_elsewhere(name, value, keep, other):
            continue
        if (mine in (None, False, "", []) and value not in (None, "", [])) or _spaced(mine, value):
            keep.fields[name] = value
            if name in other.field_confidence:
                keep.field_confidence[name] = other.field_confidence[name]
            if name in other.field_rows:
                keep.field_rows[name] = other.field_rows[name]
    _by_rates(keep, other)
    return keep


def _held_elsewhere(name: str, value: object, keep: Extracted, other: Extracted) -> bool:
    """Whether `keep` holds `value` (a text or amount) in other boxes than `name`, none of
    them a box `other` holds it in: `other` paired that printed value with box `name`
    instead. (Where they share a box, or all are boxes the form often prints one amount
    in, as W-2 boxes 1, 3 and 5, `other`'s is another printing of it.)"""
    if not isinstance(value, str) or not value:
        return False
    entry = catalog.forms().get(keep.doc_type)
    alike = entry.alike if entry else frozenset()
    mine = {n for n, v in keep.fields.items() if v == value and n != name}
    if mine | {name} <= alike:
        return False
    theirs = {n for n, v in other.fields.items() if v == value}
    return bool(mine) and not mine & theirs


def _fill_rows(mine: object, theirs: object) -> bool:
    """Rows of a table (the state boxes) both engines read, as many of them and of the
    same states: the cells the kept reading left blank taken from the other's row (the
    state's ID one engine missed, the amount the other did). Whether they were such rows."""
    if not (isinstance(mine, list) and isinstance(theirs, list) and mine and theirs):
        return False
    if len(mine) != len(theirs) or not all(isinstance(r, dict) for r in (*mine, *theirs)):
        return False
    if any(a.get("state") != b.get("state") for a, b in zip(mine, theirs, strict=True)):
        return False
    for a, b in zip(mine, theirs, strict=True):
        for key, value in b.items():
            if a.get(key) in (None, ""):
                a[key] = value
    return True


def _rate_holds(check: catalog.RateCheck, fields: dict[str, object]) -> bool | None:
    """Whether a record's tax box is its rate of the boxes it is figured on, to the cent;
    None where the tax box or the first of those is unread (a blank tips box counts 0)."""
    tax, first = stored_money(fields.get(check.tax)), stored_money(fields.get(check.of[0]))
    if tax is None or first is None:
        return None
    base = first + sum(
        (stored_money(fields.get(n)) or Decimal(0) for n in check.of[1:]), Decimal(0)
    )
    return abs(tax - check.rate * base) <= Decimal("0.01")


def _rates(doc: Extracted) -> tuple[catalog.RateCheck, ...]:
    entry = catalog.forms().get(doc.doc_type)
    return entry.rates if entry else ()


def rates_fail(docs: list[Extracted]) -> bool:
    """Whether a record's tax box is read but is not its rate of the boxes it is figured
    on (a digit misread, or W-2 box 6 with Additional Medicare Tax: read again either way)."""
    return any(_rate_holds(c, d.fields) is False for d in docs for c in _rates(d))


def _by_rates(keep: Extracted, other: Extracted) -> None:
    """Where the kept reading's tax box and the boxes it is figured on disagree with their
    rate (`catalog.RateCheck`), the other reading's values of these boxes that make them
    agree are taken: the fewest such, and only when one set does. Nothing is filled that
    neither reading read, and a disagreement no choice resolves is left as read."""
    for check in _rates(keep):
        if _rate_holds(check, keep.fields) is not False:
            continue
        names = (check.tax, *check.of)
        choices = [
            (keep.fields.get(n),) if other.fields.get(n) in (None, "", keep.fields.get(n))
            else (keep.fields.get(n), other.fields.get(n))
            for n in names
        ]  # fmt: skip
        agreeing = [
            values for values in product(*choices)
            if _rate_holds(check, dict(zip(names, values, strict=True)))
        ]  # fmt: skip
        swaps = [
            sum(v != keep.fields.get(n) for n, v in zip(names, a, strict=True)) for a in agreeing
        ]
        fewest = [a for a, n in zip(agreeing, swaps, strict=True) if n == min(swaps)]
        if len(fewest) != 1:
            continue
        for name, value in zip(names, fewest[0], strict=True):
            if value != keep.fields.get(name):
                keep.fields[name] = value
                if name in other.field_confidence:
                    keep.field_confidence[name] = other.field_confidence[name]


def restore_spaces(docs: list[Extracted], readings: list[Extracted]) -> None:
    """Texts of `docs` (names, addresses) given back the spaces PP-OCR dropped where any
    of `readings` (every copy, both engines) holds the same characters with more spaces:
    one copy's name read whole by Tesseract mends another's."""
    spaced: dict[str, str] = {}
    for doc in readings:
        texts = (*(getattr(doc, f) for f in PARTY_FIELDS), *_values_of(doc.fields))
        for text in texts:
            if isinstance(text, str) and " " in text:
                key = text.replace(" ", "")
                if text.count(" ") > spaced.get(key, "").count(" "):
                    spaced[key] = text
    for doc in docs:
        for name in PARTY_FIELDS:
            if (text := _respaced(getattr(doc, name), spaced)) is not None:
                setattr(doc, name, text)
        for name, value in doc.fields.items():
            if (text := _respaced(value, spaced)) is not None:
                doc.fields[name] = text
            for entry in value if isinstance(value, list) else ():  # box 14's labels
                for key, item in entry.items() if isinstance(entry, dict) else ():
                    if (text := _respaced(item, spaced)) is not None:
                        entry[key] = text


def _respaced(value: object, spaced: dict[str, str]) -> str | None:
    """The reading in `spaced` of a text's characters, where it has more spaces (`_spaced`);
    None for a value that is no text or has no such reading."""
    theirs = spaced.get(value.replace(" ", "")) if isinstance(value, str) else None
    return theirs if _spaced(value, theirs) else None


MAX_NAME_WORDS = 8
"""The most words of one name that `spaces_from_words` looks for on a line."""
_EDGE_MARKS = "'’‘`\".,:;"


def spaces_from_words(docs: list[Extracted], pages: list[list[Word]]) -> None:
    """Names (the parties') given the spaces PP-OCR dropped from Tesseract's words of the
    same pages (`pages`, each page's words), though Tesseract found no label for them:
    consecutive words of a line holding the name's characters, one of them misread at
    most (`JANE O DOE` for `JANEQDOE`). The name keeps its own characters and takes the
    words' spaces; where several runs fit with other spaces, it stays as it is."""
    runs: dict[int, list[list[str]]] = {}
    for line in (line for words in pages for line in group_lines(words)):
        parts = [w.text.strip(_EDGE_MARKS) for w in line.words]
        for i in range(len(parts)):
            for j in range(i + 2, min(i + MAX_NAME_WORDS, len(parts)) + 1):
                run = [p for p in parts[i:j] if p]
                runs.setdefault(sum(map(len, run)), []).append(run)
    for doc in docs:
        for name in ("payer_name", "recipient_name"):
            text = getattr(doc, name)
            if isinstance(text, str):
                setattr(doc, name, _spaced_like(text, runs))


def _spaced_like(text: str, runs: dict[int, list[list[str]]]) -> str:
    """`text` with the spaces of the one run of words with its characters (one differing
    at most) and more spaces than it; `text` itself where no such run, or several, are."""
    bare = text.replace(" ", "")
    if len(bare) < 6:
        return text
    near: dict[int, set[tuple[int, ...]]] = {}
    for run in runs.get(len(bare), []):
        differ = sum(a != b for a, b in zip("".join(run), bare, strict=True))
        if differ <= 1 and len(run) - 1 > text.count(" "):
            near.setdefault(differ, set()).add(tuple(map(len, run)))
    cuts = near[min(near)] if near else set()
    if len(cuts) != 1:
        return text
    out, at = [], 0
    for size in cuts.pop():
        out.append(bare[at : at + size])
        at += size
    return " ".join(out)
