"""Form W-2 and W-2c: what is not data (box 12 code and amount pairs, box 14, the W-2c's
two columns); the boxes and their wordings are in `extractors/catalog/w_2.toml`."""

from __future__ import annotations

import itertools
import re

from backtax.extractors.forms._catalog import form_spec
from backtax.extractors.forms.engine.checks import drawn_squares
from backtax.extractors.forms.engine.kind import FormKind
from backtax.extractors.forms.engine.spec import Anchor, FormReading
from backtax.extractors.forms.engine.states import STATE_CODES
from backtax.extractors.forms.engine.values import text_below
from backtax.extractors.kinds import Extracted, register
from backtax.extractors.page import Box, Hit, Line, Page, Region, Word, group_lines
from backtax.extractors.readers.glued import segment
from backtax.extractors.readers.glyphs import print_like
from backtax.extractors.values import format_money, parse_money

BOX12_CODES = {
    "A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "Q", "R", "S", "T",
    "V", "W", "Y", "Z", "AA", "BB", "DD", "EE", "FF", "GG", "HH", "II", "TA", "TP", "TT",
}  # fmt: skip

W2 = form_spec("W-2")
W2C = form_spec("W-2c")


# ---------------------------------------------------------------- box 12 and box 14

# `12a`; from OCR `{2a`, `42a`, or `2a` split off its `1` (never `2D`: a code after a speck)
_BOX12_LABEL = re.compile(r"^(?:12(?P<a>[a-dA-D])|[l{4]?2(?P<b>[a-d]))$")


def _row_letter(word: Word) -> str:
    m = _BOX12_LABEL.match(word.text)
    return (m["a"] or m["b"]).lower() if m else ""


_BOX12_CAPTIONS = ("See instructions for box 12", "See inst. for box 12")
_CODE_AMOUNT = re.compile(r"^([A-Z]{1,2})\s*[|:-]?\s*(\$?\s*[\d,]+(?:\.\d{1,2})?)$")


def _code_letters(words: list[Word]) -> set[int]:
    """The IRS form's vertical `C o d e` caption: single letters stacked in a narrow column."""
    out: set[int] = set()
    for i, w in enumerate(words):
        if w.text != "C":
            continue
        below = [x for x in words[i + 1 :] if abs(x.box.x0 - w.box.x0) < 3]
        stack = [w, *sorted(below, key=lambda x: x.box.top)[:3]]
        if "".join(x.text for x in stack) == "Code":
            out |= {id(x) for x in stack}
    return out


def _box12_column(region: Region) -> Box | None:
    """Box 12's column: from its first label ("12a", or the caption beside it) down to the
    state table, as wide as a code and an amount."""
    tops = [w for w in region if _BOX12_LABEL.match(w.text)]
    captions = [h.words[0] for t in _BOX12_CAPTIONS for h in region.find(t)]
    start = min([*tops, *captions], key=lambda w: w.box.top, default=None)
    if start is None:
        return None
    x0 = min((w.box.x0 for w in tops), default=start.box.x0)
    ends = [h.box.top for t in _STATE_TABLE for h in region.find(t) if h.box.top > start.box.top]
    bottom = min(ends, default=start.box.bottom + 110)
    top = start.box.top
    pitch = _row_pitch(tops)
    if pitch:  # box 12a-d are four rows: above the first label read, below the last
        first = min(tops, key=lambda w: w.box.top)
        rows_above = ord(_row_letter(first)) - ord("a")
        top = min(top, first.box.top - rows_above * pitch)
        bottom = min(bottom, top + 4 * pitch + 4)
    return Box(x0 - 6, top - 2, min(region.box.x1, x0 + 175), bottom - 1)


def _row_pitch(labels: list[Word]) -> float | None:
    """The height of one of box 12's rows, from two of their labels ("12b", "12d")."""
    by_letter: dict[str, Word] = {}
    for w in sorted(labels, key=lambda w: w.box.top):
        by_letter.setdefault(_row_letter(w), w)
    letters = sorted(by_letter)
    if len(letters) < 2:
        return None
    first, last = by_letter[letters[0]], by_letter[letters[-1]]
    pitch = (last.box.top - first.box.top) / (ord(letters[-1]) - ord(letters[0]))
    return pitch if pitch > 0 else None


def read_box12(region: Region, stops: list[Anchor]) -> list[tuple[float, dict[str, str]]]:
    """Box 12a-d: each line of box 12's column holding a code and an amount, with how far
    under the column's top it is."""
    column = _box12_column(region)
    if column is None:
        return []
    label_ids = {id(w) for a in stops for w in a.hit.words}
    page = region.page if region.page is not None and region.page.method == "ocr" else None
    words = [w for w in region.crop(column).words if id(w) not in label_ids]
    left = column.x0 + 6  # the labels' left edge: codes print right of it
    entries = _box12_lines(words, page, left)
    if page is not None:  # the column read again alone gives the lines OCR missed
        again = _box12_lines(page.read_again(column, psm=6), page, left)
        missed = [a for a in again if not any(a[0].v_overlap(e[0]) > 0 for e in entries)]
        entries = sorted([*entries, *missed], key=lambda e: e[0].top)
    return [(box.top - column.top, entry) for box, entry in entries]


def _box12_lines(
    words: list[Word], page: Page | None = None, left: float = 0.0
) -> list[tuple[Box, dict[str, str]]]:
    """Each line of box 12's column with a code and an amount, with where it is. On an OCR
    page, a code OCR could not read, or read in lower case (`aa` for DD), is read again
    (`_reread_code`) before its lower-case reading is taken."""
    words = [w for w in words if not _BOX12_LABEL.match(w.text) and not _is_caption(w.text)]
    noise = _code_letters(words)
    entries = []
    for line in group_lines(w for w in words if id(w) not in noise):
        tokens = [w.text for w in line.words]
        entry = _parse_code_amount(tokens, relaxed=page is None)
        if entry is None and page is not None:
            entry = _reread_code(line, page, left) or _parse_code_amount(tokens)
        if entry:
            entries.append((line.box, entry))
    return entries


_NOT_CODE = re.compile(r"^[^A-Za-z0-9]+$")  # the form's small rules, dollar signs, specks


def _reread_code(line: Line, page: Page, left: float) -> dict[str, str] | None:
    """`¢ 250.00` or `| 32.00`: the amount read, its code not. The code's place (the word
    before the amount, else from the labels' edge to the amount), narrowed to the ink as
    tall as the amount's digits (not the small `Code` caption beside it), is read again as
    one word in capitals (box 12 prints no lower-case code): by the page's reader, and by
    the second engine's recogniser where that reads no code (a lone capital `D`)."""
    for i in range(len(line.words) - 1, -1, -1):
        amount = parse_money(line.words[i].text)
        if amount is None:
            continue
        before = line.words[:i]
        seen = [w for w in before if not _NOT_CODE.match(w.text)][-1:]
        if seen:
            box = seen[0].box
            area = Box(box.x0 - 2, box.top - 2, box.x1 + 2, box.bottom + 2)
        else:  # nothing read there: up to the first rule or the amount
            right = min([w.box.x0 for w in before] + [line.words[i].box.x0]) - 1
            area = Box(left, line.box.top - 2, right, line.box.bottom + 2)
        place = print_like(page, area, line.words[i].box) if area.x1 - area.x0 >= 3 else None
        if place is None:
            return None
        code = _read_code(page, place)
        return {"code": code, "amount": format_money(amount)} if code else None
    return None


def _read_code(page: Page, ink: Box) -> str | None:
    pad = 0.3 * ink.height
    place = Box(ink.x0 - pad, ink.top - pad, ink.x1 + pad, ink.bottom + pad)
    code = _code("".join(w.text for w in page.read_again(place, psm=8) if w.conf >= 0.5).upper())
    return code or _code("".join(w.text for w in page.recognise(place)).upper())


def _is_caption(text: str) -> bool:
    return text.lower().strip(".") in {"see", "instructions", "inst", "for", "box", "12", "code"}


def _code(token: str) -> str | None:
    """A box 12 code from a token as printed or OCR'd ("D", "DD", "2D", "aC", "Ww")."""
    letters = re.sub(r"^[^A-Z]+", "", token.strip(".:|"))
    if letters in BOX12_CODES:
        return letters
    if len(letters) == 2 and letters[0] == letters[1].upper() and letters[0] in BOX12_CODES:
        return letters[0]  # `Ww`: one letter read twice
    return None


def _parse_code_amount(tokens: list[str], relaxed: bool = True) -> dict[str, str] | None:
    """The first code followed by an amount; with `relaxed`, a lower-case letter counts as
    a code (OCR's `w` for W) when the line has no upper-case one."""
    # the form's small rules (`|`, alone or glued to an amount) are not tokens
    tokens = [t.strip("|").rstrip(".,:;°") or t for t in tokens if re.search(r"\w", t)]
    for lower in (False, True) if relaxed else (False,):
        for i, tok in enumerate(tokens):
            glued = _CODE_AMOUNT.match(tok)
            if glued and _code(glued.group(1)):
                amount = parse_money(glued.group(2))
                if amount is not None:
                    return {"code": _code(glued.group(1)), "amount": format_money(amount)}
            code = _code(tok.upper() if lower and len(tok) <= 2 and tok.isalpha() else tok)
            if code is None:
                continue
            rest = tokens[i + 1 : i + 3]
            for candidate in (" ".join(rest), rest[0] if rest else ""):
                amount = parse_money(candidate)
                if amount is not None:
                    return {"code": code, "amount": format_money(amount)}
    return None


_GLUED_AMOUNT = re.compile(r"^(?P<label>.*[A-Za-z])(?P<amount>\$?\d[\d,]*\.\d{2})$")
_STATES = STATE_CODES - {"GU", "VI", "AS", "MP"}
"""The states' codes a box 14 label may begin with (`CA SDI`): the territories print W-2s
of their own (W-2GU, W-2VI, W-2AS, W-2CM)."""
BOX14_WORDS = frozenset({
    "SDI", "SUI", "SUTA", "UI", "FLI", "FAMLI", "PFL", "PFML", "TDI", "WC", "UNION", "DUES",
    "HEALTH", "INS", "MEDICAL", "DENTAL", "VISION", "FSA", "HSA", "DCAP", "RRTA", "TIER", "ASST",
    "LIFE", "GTL", "UNIFORM", "TUITION", "EDUC", "PARKING", "TRANSIT", "ROTH", "AFTER", "TAX",
    "PENSION", "LOCAL", "CITY",
})  # fmt: skip
"""Words of box 14's usual entries (the IRS instructions' examples: state disability
insurance, union dues, uniform payments, health insurance premiums, educational
assistance, railroad RRTA tiers; the states' payroll programs: CA SDI, NJ FLI, NY PFL,
WA and MA PFML, CO FAMLI, RI and HI TDI), to give back the spaces PP-OCR drops."""
_BOX14_FIRST = _STATES | BOX14_WORDS
_BOX14_VOCABULARY = frozenset(w.lower() for w in _BOX14_FIRST)
_LABEL_SPECKS = ".,:;'`|_"


def _box14_label(text: str) -> str:
    """A box 14 label without the specks before it, and where PP-OCR glued its words
    (`CASDI`, `UNIONDUES`) cut again: a state's code first at most, then box 14 words."""
    label = text.strip(" :").lstrip(_LABEL_SPECKS).strip()
    if " " in label or not label.isalpha():
        return label
    parts = segment(label, _BOX14_VOCABULARY) or []
    words = [p.upper() for p in parts]
    if len(words) > 1 and words[0] in _BOX14_FIRST and set(words[1:]) <= BOX14_WORDS:
        return " ".join(parts)
    return label


def read_box14(region: Region, stops: list[Anchor]) -> list[dict[str, str]]:
    """Box 14 "Other": free-text label and amount pairs, one per line."""
    return [entry for entry, _ in box14_lines(region, stops)]


def box14_lines(region: Region, stops: list[Anchor]) -> list[tuple[dict[str, str], float]]:
    """Box 14's label and amount pairs, each with its line's confidence (the copies' vote
    on a label OCR read two ways goes to the surer reading, not to the surer copy)."""
    hits = region.find("14 Other") or region.find("Box 14 Other")
    column = _box12_column(region)
    out: list[tuple[dict[str, str], float]] = []
    for hit in hits[:1]:
        if column is not None and column.x0 > hit.box.x1:
            region = region.crop(Box(region.box.x0, region.box.top, column.x0, region.box.bottom))
        for line in text_below(hit.box, region, stops, n=6):
            words = [w.text for w in line.words]
            glued = _GLUED_AMOUNT.match(words[-1]) if words else None
            if glued:  # PP-OCR reads a line of small type as one word: `CASDI123.45`
                words[-1:] = [glued["label"], glued["amount"]]
            if not words:
                continue
            for cut in (1, 2):
                amount = parse_money(" ".join(words[-cut:]))
                label = _box14_label(" ".join(words[:-cut]))
                if amount is not None and label:
                    out.append(({"label": label, "amount": format_money(amount)}, line.conf))
                    break
    return out


# ---------------------------------------------------------------- box 13 from its squares

BOX13 = ("box13_statutory_employee", "box13_retirement_plan", "box13_third_party_sick_pay")
"""Box 13's check boxes in the order every W-2 prints them, left to right."""
_BOX13_NUMBER = re.compile(r"^13(?:[A-Za-z][A-Za-z'-]*)?$")
"""Box 13's number, alone or glued to a stroke or to its label's first letters (PP-OCR's
`13s`, `13y`, `13Stat`)."""


def box13_squares(region: Region, anchors: list[Anchor]) -> dict[str, bool]:
    """Box 13's three check boxes on a scan, from the row of three squares drawn right of
    and under the box's number, in the printed order: whether each holds a mark. OCR
    often garbles their labels (small type over two lines); a label it did read must sit
    over its own square, else nothing is said."""
    page = region.page
    if page is None:
        return {}
    squares = [(b, m) for b, m in drawn_squares(page) if region.box.contains_center(b)]
    numbers = [w for w in region if _BOX13_NUMBER.match(w.text)]
    for number in numbers:
        b = number.box  # the digits' share of a glued word: the squares start right of it
        digits = Box(b.x0, b.top, b.x0 + b.width * 2 / len(number.text), b.bottom)
        row = _square_row(digits, squares)
        if row is None:
            continue
        top, bottom = row[0][0].top, row[0][0].bottom
        for a in anchors:
            if a.spec.name in BOX13 and a.box.bottom > top - 30 and a.box.top < bottom:
                nearest = min(range(3), key=lambda i: abs(row[i][0].x0 - a.box.x0))
                if BOX13[nearest] != a.spec.name:
                    return {}
        return {name: marked for name, (_, marked) in zip(BOX13, row, strict=True)}
    return {}


def _square_row(number: Box, squares: list[tuple[Box, bool]]) -> list[tuple[Box, bool]] | None:
    """Three squares on one line, evenly spaced, the first just right of the box's number
    and under its top; None unless exactly three are on that line."""
    firsts = [
        s
        for s in squares
        if number.cx < s[0].x0 <= number.x1 + 25 and 0 < s[0].top - number.top < 30
    ]
    for first, _ in firsts:
        line = sorted(
            (s for s in squares if abs(s[0].top - first.top) < 3 and s[0].x0 >= first.x0),
            key=lambda s: s[0].x0,
        )
        if len(line) != 3:
            continue
        pitches = [b[0].x0 - a[0].x0 for a, b in itertools.pairwise(line)]
        even = abs(pitches[0] - pitches[1]) < 0.15 * pitches[0]
        if even and all(2 * first.width < p < 8 * first.width for p in pitches):
            return line
    return None


def postprocess(reading: FormReading, region: Region, anchors: list[Anchor]) -> None:
    box12 = read_box12(region, anchors)
    if box12:
        reading.fields["box12"] = [entry for _, entry in box12]
        reading.rows["box12"] = [row for row, _ in box12]
    box14 = box14_lines(region, anchors)
    if box14:
        reading.fields["box14_other"] = [entry for entry, _ in box14]
        reading.conf["box14_other"] = min(conf for _, conf in box14)


# ---------------------------------------------------------------- W-2c: keep the correct column


class W2cKind(FormKind):
    """A W-2c prints each box twice, previously reported and correct: read the correct one."""

    def prepare(self, region: Region) -> Region:
        return _correct_columns(region)

    def read_copy(self, region: Region, page: Page) -> Extracted | None:
        doc = super().read_copy(region, page)
        if doc is not None:
            doc.corrected = True
        return doc


def _correct_columns(region: Region) -> Region:
    """Drop what is printed under "Previously reported": a column beside "Correct
    information", or the rows between a "Previously reported" row label and the next
    "Correct information" one."""
    previous = [h for h in region.find("Previously reported") if _is_caption_hit(h, region)]
    correct = [h for h in region.find("Correct information") if _is_caption_hit(h, region)]
    if not previous or not correct:
        return region
    rows = [h for h in previous + correct if not _beside(h, previous + correct)]
    drop: list[Box] = []
    for p in previous:
        below = [h.box.top for h in correct if h.box.top > p.box.bottom]
        if p in rows:  # to the next "Correct information" row; none read: to the end
            end = min(below, default=region.box.bottom + 1)
            drop.append(Box(region.box.x0, p.box.top - 2, region.box.x1, end - 1))
            continue
        right = [c for c in correct if c.box.x0 > p.box.x0 and c.box.v_overlap(p.box) > 0]
        edge = min((c.box.x0 for c in right), default=region.box.x1) - 12
        tables = [h.box.top for t in _STATE_TABLE for h in region.find(t)]
        below = [t for t in tables + [r.box.top for r in rows] if t > p.box.bottom]
        end = min(below, default=region.box.bottom)
        drop.append(Box(p.box.x0 - 12, p.box.top - 2, edge, end - 2))
    kept = [w for w in region.words if not any(b.contains_center(w.box) for b in drop)]
    return Region(kept, region.box, region.page_number, region.page)


_STATE_TABLE = ("State and Locality", "15 State", "16 State wages")


def _is_caption_hit(hit: Hit, region: Region) -> bool:
    """A column or row caption, not words inside a label ("previously reported SSN")."""
    first = hit.words[0]
    before = [
        w for w in region.words
        if w.box.v_overlap(first.box) > 0 and 0 <= first.box.x0 - w.box.x1 < 6
    ]  # fmt: skip
    return first.text[:1].isupper() and not before


def _beside(hit: Hit, others: list[Hit]) -> bool:
    """A column header: another such caption on its line."""
    return any(o is not hit and o.box.v_overlap(hit.box) > 0 for o in others)


def postprocess_w2(reading: FormReading, region: Region, anchors: list[Anchor]) -> None:
    """A W-2's box 12 and 14, and on a scan box 13's check boxes from their squares where
    the labels' reading left one blank or unmarked (a W-2c prints two rows of them)."""
    postprocess(reading, region, anchors)
    for name, marked in box13_squares(region, anchors).items():
        if not reading.fields.get(name):
            reading.fields[name] = marked


register(FormKind(W2, postprocess_w2))
register(W2cKind(W2C, postprocess))
