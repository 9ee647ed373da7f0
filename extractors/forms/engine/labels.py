"""Finding a form's labels on a page.

`Region.find` matches a label's words tolerant of dropped or doubled spaces, words split
or hyphenated across lines and OCR's one-letter slips; here every box's wordings are
looked for, numbered first (`1 Wages, tips`, `Box 1 Wages`), overlapping hits are settled
(the longer wins), and a hit that is only a part of another box's label or of a longer
run of words is told apart. A value printed glued to its label (`PAYER'STIN:91-4168100`)
is cut off it first (`split_glued_values`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from backtax.extractors.forms.engine.spec import Anchor, BoxSpec
from backtax.extractors.forms.engine.values import is_mark, is_number, word_before
from backtax.extractors.page import LABEL_WORDS, Box, Hit, Region, Word, edits, normalize, tokens


def _label_variants(spec: BoxSpec) -> list[tuple[str, bool]]:
    """Label texts to search for, numbered variants first ("Box 1 Wages", "1 Wages, tips"):
    `Box` first, so that a hit of the number and wording after it is the whole label."""
    out: list[tuple[str, bool]] = []
    for label in sorted(spec.labels, key=len, reverse=True):
        if spec.number:
            out += [(f"box {spec.number} {label}", True), (f"{spec.number} {label}", True)]
        out.append((label, False))
    if spec.number:
        # A wrapped label keeps its number and first word on the first line ("17 State").
        firsts = dict.fromkeys(label.split()[0] for label in spec.labels)
        out += [(f"{spec.number} {word}", True) for word in firsts]
    return out


def find_anchors(region: Region, boxes: tuple[BoxSpec, ...], cells: bool = True) -> list[Anchor]:
    """Every label hit of every box; where two boxes' hits share words, the longer wins
    (of hits of the same words, the one matching more of them: `Code(s)` is box 15b's
    `Code(s)`, not box 13c's `Code`). With `cells` (boxes, not a table's column headers),
    a hit that continues another box's label is none (`_numbered_for_another`)."""
    anchors: list[Anchor] = []
    label_tokens: dict[int, int] = {}
    numbers = {b.number.lower() for b in boxes if b.number}
    ocr = region.page is not None and region.page.method == "ocr"  # a text layer misreads none
    for spec in boxes:
        seen: set[tuple[int, ...]] = set()
        firsts = {f"{spec.number} {label.split()[0]}" for label in spec.labels}
        for text, numbered in _label_variants(spec):
            for hit in region.find(text):
                ids = tuple(id(w) for w in hit.words)
                if any(set(ids) & set(s) for s in seen):
                    continue
                if numbered and text in firsts:
                    hit = _with_misread_rest(hit, spec, region)
                if not numbered and spec.number:
                    hit = _with_own_number_after(hit, spec.number, region)
                if cells and not numbered and _numbered_for_another(hit, spec, boxes, region):
                    continue
                if cells and spec.kind != "check" and _inside_words(hit, spec, numbered, region):
                    continue
                if not numbered and spec.number and ocr:
                    hit = _with_misread_number_before(hit, spec.number, numbers, region)
                seen.add(ids)
                anchors.append(Anchor(spec, hit, numbered))
                label_tokens[id(anchors[-1])] = len(tokens(text))
    every = list(anchors)  # a list being sorted reads as empty
    anchors.sort(
        key=lambda a: (
            -sum(len(w.text) for w in a.hit.words),
            -label_tokens[id(a)],
            not _number_on_row(a, region),
            not _after_sibling(a, every),
        )
    )
    kept: list[Anchor] = []
    taken: set[int] = set()
    undecided: list[list[Anchor]] = []
    for a in anchors:
        ids = {id(w) for w in a.hit.words}
        label_ids = {id(w) for w in a.hit.words[1:]} if a.numbered else ids
        if label_ids & taken:
            continue
        taken |= ids
        alike = _alike(a, [b for b in every if label_tokens[id(b)] == label_tokens[id(a)]])
        if alike and not any(_number_on_row(b, region) or _after_sibling(b, every) for b in alike):
            undecided.append(alike)
        else:
            kept.append(a)
    names = {a.spec.name for a in kept}
    for alike in undecided:  # the one box of its wording no other hit was decided for
        left = [a for a in alike if a.spec.name not in names]
        if len(left) == 1:
            kept.append(left[0])
    return kept


def _alike(anchor: Anchor, hits: list[Anchor]) -> list[Anchor]:
    """An unnumbered hit with the hits of its very words (of `hits`: wordings of as many
    words) that are other boxes' labels printed alike (5498's `Code`, boxes 13c and 14b);
    empty where no other box's label is printed so. Unless its row prints one's number or
    a sibling stands above one (`_after_sibling`), or the other hits' boxes were all found
    elsewhere, such a hit is no box's: a label that fits two boxes is neither, a blank
    beats a guess."""
    if anchor.numbered or not anchor.spec.number:
        return []
    ids = {id(w) for w in anchor.hit.words}
    rivals = [
        a
        for a in hits
        if a.spec.name != anchor.spec.name
        and not a.numbered
        and {id(w) for w in a.hit.words} == ids
    ]
    return [anchor, *rivals] if rivals else []


def _number_on_row(anchor: Anchor, region: Region) -> bool:
    """Whether an unnumbered hit's row prints its box's number after it (a table's Box
    column right of the description: `Code  14b  G` is box 14b's `Code`, not 13c's)."""
    if anchor.numbered or not anchor.spec.number:
        return False
    return any(is_number(w.text, anchor.spec.number) for w in region.right_of(anchor.box))


def _after_sibling(anchor: Anchor, anchors: list[Anchor]) -> bool:
    """Whether an unnumbered hit's nearest label above it, in its column, is of a box of
    the same number, printed with it or not (`14a Repayments` or `Repayments` over `Code`:
    box 14b's `Code`, not 13c's)."""
    if anchor.numbered or not anchor.spec.number:
        return False
    label = anchor.box
    above = [
        a
        for a in anchors
        if a.spec.number and a.box.bottom <= label.top + 1 and a.box.h_overlap(label) > 0
    ]
    if not above:
        return False
    near = max(above, key=lambda a: a.box.bottom)
    return near.spec.name != anchor.spec.name and _stem(near.spec.number) == _stem(
        anchor.spec.number
    )


def _stem(number: str) -> str:
    return number.rstrip("abcdefghijklmnopqrstuvwxyz")


def _numbered_for_another(
    hit: Hit, spec: BoxSpec, boxes: tuple[BoxSpec, ...], region: Region
) -> bool:
    """The label's words follow another box's printed number (`12 Bond premium on` read
    as box 11's `Bond premium`; or a wide blank apart, in a table's Box column: `14b
    Code` is not box 13c's `Code`), a lower-case word of a longer label, or the word that
    comes before them in another box's wording (`ADJUSTMENTS TO SCHOLARSHIPS OR GRANTS`):
    they are part of another box's label, not this one's; so are words that carry on the
    label wrapped from the line above (`_wrapped_from_above`)."""
    if spec.kind != "check" and _wrapped_from_above(hit, region):
        return True  # a check box's short label may sit right under another's words
    if not spec.number:
        return False  # a box printed without a number in the catalogue may print one
    if [t for w in hit.words[-2:] for t in tokens(w.text)][-2:] == ["box", spec.number.lower()]:
        return False  # `1ST YEAR OF ROTH CONTRIB. (Box 11)`: its own number, after a code `1`
    first = hit.words[0]
    gap = max(first.box.height, 4.0)
    word = word_before(first.box, region, 6)
    if word is None:
        word = word_before(first.box, region, 14)  # a wide Box column: `14b      Code`
        if word is None or word_before(word.box, region, 1000) is not None:
            return False  # only the number that starts the row names the box that far
    text = normalize(word.text).strip(".:")
    if _wording_before(word, hit, spec.labels):
        return False  # the start of this box's own label, garbled: `1` of `box 1 does not`
    near = first.box.x0 - word.box.x1 <= gap
    if near and word.text[:1].islower():
        return True  # mid-sentence: `6 Adjustments to scholarships or grants` is not box 5's
    others = [label for b in boxes if b.name != spec.name for label in b.labels]
    if near and _wording_before(word, hit, others):
        return True  # `ADJUSTMENTS TO SCHOLARSHIPS OR GRANTS` (box 6's) is not box 5's
    numbers = {b.number.lower() for b in boxes if b.number}
    if not (text in numbers and text != spec.number.lower()):
        return False
    return near or _starts_row(word, region)


def _starts_row(word: Word, region: Region) -> bool:
    """Whether a box number starts a table's row (its Box column): nothing before it on
    its line, or another pair of columns' amount. After a label's words it is that
    label's value (`NUMBER OF PAYMENT TRANSACTIONS  3`, then the right column's
    `December`), no box's number."""
    b = word.box
    left = [
        w
        for w in region.crop(Box(region.box.x0, b.top + 1, b.x0 - 0.5, b.bottom - 1))
        if w.box.x1 <= b.x0
    ]
    if not left:
        return True
    return bool(re.search(r"[\d$]", max(left, key=lambda w: w.box.x1).text))


def _wording_before(word: Word, hit: Hit, labels: Iterable[str]) -> bool:
    """Whether `word`, printed just before the hit, is the word that comes before the
    hit's first word in one of `labels`: with a box's own wordings, the hit is the rest of
    its own label, whose start OCR garbled (`21 checked, ... loan origination fees`)."""
    before = tokens(word.text)
    first = tokens(hit.words[0].text)
    if not before or not first:
        return False
    for label in labels:
        toks = tokens(label)
        if any(toks[i] == before[-1] and toks[i + 1] == first[0] for i in range(len(toks) - 1)):
            return True
    return False


def _with_own_number_after(hit: Hit, number: str, region: Region) -> Hit:
    """The hit with the box's number printed right after its wording (a letter's `Number
    of properties (Box 9)`, `Number of properties - Box 9:`), on its line or wrapped to the
    start of the next (`NUMBER OF PROPERTIES  3` / `(Box 9)`): those words are the
    label's, not its value's."""
    last = hit.words[-1]
    h = max(last.box.height, 4.0)
    after = sorted(
        (w for w in region.right_of(last.box, max_dx=60) if w.box.x0 >= last.box.x1 - 0.5),
        key=lambda w: w.box.x0,
    )[:3]
    if after and after[0].box.x0 - last.box.x1 > 2 * h:
        after = []
    x0 = hit.words[0].box.x0
    band = Box(x0 - 2, last.box.bottom - 0.2 * h, hit.box.x1, last.box.bottom + 2 * h)
    under = sorted(
        (
            w
            for w in region.crop(band)
            if last.box.top + 0.5 * h < w.box.top <= last.box.bottom + 0.8 * h
        ),
        key=lambda w: w.box.x0,
    )[:2]
    if under and under[0].box.x0 > x0 + 2:
        under = []
    if len(under) == 2 and _words_go_on(under[1], region):
        under = under[:1]  # `Box 2 amount is for tax year` under box 2's label: box 3's
    for run in (after[:1], after[:2], after, after[:1] + under[:1], under):
        if run and [t for w in run for t in tokens(w.text)] == ["box", number.lower()]:
            return Hit((*hit.words, *run), hit.quality)
    return hit


def _with_misread_rest(hit: Hit, spec: BoxSpec, region: Region) -> Hit:
    """A hit of a box's number and its label's first word (`d Control`, found as a wrapped
    label's first line) with the words printed tight after it on its line that are the
    label's next words misread by two letters (`d Control nymbar`, `nurnber`): the
    label's words, never its value."""
    last = hit.words[-1]
    h = max(last.box.height, 4.0)
    after = sorted(
        (w for w in region.right_of(last.box, max_dx=40 * h) if w.box.x0 >= last.box.x1 - 0.5),
        key=lambda w: w.box.x0,
    )
    best: list[Word] = []
    for label in spec.labels:
        rest, run, end, i = tokens(label)[1:], [], last.box.x1, 0
        for want in rest:
            if i >= len(after) or after[i].box.x0 - end > 1.5 * h:
                break
            word = after[i]
            pair = after[i : i + 2]  # the word split in two by a gap OCR saw (`nu ber`)
            if _misread_word(word.text, want):
                taken = [word]
            elif (
                len(pair) == 2
                and pair[1].box.x0 - word.box.x1 < 0.8 * h
                and _misread_word(word.text + pair[1].text, want)
            ):
                taken = pair
            else:
                break
            run += taken
            end, i = taken[-1].box.x1, i + len(taken)
        best = max(best, run, key=len)
    return Hit((*hit.words, *best), min(hit.quality, 0.85)) if best else hit


def _misread_word(text: str, want: str) -> bool:
    """Whether a printed word is a label's word of six letters or more, two of them misread
    at most (`nurnber` for `number`; letters OCR reads for one broad letter counted as that
    letter, `rurriber`), or three where its first two letters are right (`numlbai`), and no
    other label's word."""
    seen = tokens(text)
    if len(seen) != 1 or not seen[0].isalpha():
        return False
    word = seen[0]
    if word == want:
        return True
    near = min(edits(word, want), edits(_folded(word), _folded(want)))
    begins = word[:2] == want[:2] and near <= 3  # its first letters right, three misread
    return len(want) >= 6 and word not in LABEL_WORDS and (near <= 2 or begins)


_BROAD_LETTERS = (("rri", "m"), ("rn", "m"), ("ri", "n"), ("cl", "d"), ("vv", "w"))
"""Narrow letters OCR reads for one broad letter (`rri` or `rn` for `m`, `ri` for `n`)."""


def _folded(word: str) -> str:
    """A word with each run of narrow letters OCR reads for a broad one read as that letter."""
    for narrow, broad in _BROAD_LETTERS:
        word = word.replace(narrow, broad)
    return word


def _with_misread_number_before(hit: Hit, number: str, numbers: set[str], region: Region) -> Hit:
    """The hit with the word printed tight before its wording on its line where that word
    is the box's number with one digit more, OCR's slip, and no other box's number (`114`
    for `11` before `Bond premium`): the label's number, not a value of the box above.
    Looked for on OCR pages only: a text layer prints `114` as it is, a value."""
    first = hit.words[0]
    h = max(first.box.height, 4.0)
    before = [
        w
        for w in region.crop(
            Box(first.box.x0 - 2 * h, first.box.top, first.box.x0, first.box.bottom)
        )
        if w.box.x1 <= first.box.x0 + 0.5 and w.box.v_overlap(first.box) > 0.5 * h
    ]
    if not before:
        return hit
    word = max(before, key=lambda w: w.box.x1)
    text = word.text.strip(".:")
    slip = text.isdigit() and len(text) == len(number) + 1 and text.startswith(number)
    slip = slip and text not in numbers
    return Hit((word, *hit.words), hit.quality) if slip and first.box.x0 - word.box.x1 <= h else hit


def _words_go_on(word: Word, region: Region) -> bool:
    """Whether a word is printed tight after `word` on its line, with a letter in it: the
    line goes on as a wording (`Box 2 amount is ...`), no bare `(Box 9)`."""
    h = max(word.box.height, 4.0)
    return any(
        w is not word
        and word.box.x1 - 0.5 <= w.box.x0 <= word.box.x1 + 1.5 * h
        and re.search(r"[A-Za-z]", w.text)
        for w in region.right_of(word.box, max_dx=200, slack=-1)
    )


def _inside_words(hit: Hit, spec: BoxSpec, numbered: bool, region: Region) -> bool:
    """A numbered box's one-word label, found without its number, printed tight against
    other words: a part of a date, a heading or a sentence (`January 27, 2025`, `Tax Year
    2024`, `Other information reported`), not the box (a label's value stands a wider
    blank apart, or after its colon)."""
    if numbered or not spec.number or len(hit.words) != 1 or hit.words[0].text.endswith(":"):
        return False
    return any(_tight_neighbours(Anchor(spec, hit, False), region))


def _wrapped_from_above(hit: Hit, region: Region) -> bool:
    """The hit starts a line right under other words of its cell (no ruled cell border
    between them: a cell's last value sits close above the next cell's label in PP-OCR's
    padded boxes), at a wrapped label's spacing: a lower-case start within a line height
    (`6 Adjustments to` / `scholarships or grants for a` is box 6's label, not box 5's),
    any start at a third of one (capitals); not under a row that ends in its amount."""
    first = hit.words[0]
    h = first.box.height
    reach = h if first.text[:1].islower() else 0.35 * h
    area = Box(first.box.x0 - h, first.box.top - reach - h, first.box.x1, first.box.top + 1)
    floors = region.page.floors if region.page is not None else []
    return any(
        -1 <= first.box.top - w.box.bottom <= reach
        and w.box.h_overlap(first.box) > 0
        and not any(w.box.cy < f.cy < first.box.cy and f.h_overlap(first.box) > 0 for f in floors)
        and not _before_its_amount(w, region)
        for w in region.crop(area)
        if w not in hit.words
    )


_CENTS = re.compile(r"\d[.,]\d{2}$")


def _before_its_amount(word: Word, region: Region) -> bool:
    """Whether a row goes on from `word`, no amount itself, to an amount with cents: a
    label's row that ends in its value (`Paid by check or direct deposit  $15,931.20`),
    from which no label wraps onto the next line."""
    if _CENTS.search(word.text):
        return False
    return any(_CENTS.search(w.text) for w in region.right_of(word.box))


def _tight_neighbours(anchor: Anchor, region: Region) -> tuple[bool, bool]:
    """Whether a word (not a check mark) is printed tight against the label hit before it
    and after it on its line: then the hit is part of a longer run of words. An amount
    before it ends the left column's row a narrow gutter before (`70000.07  CODE(S)`): no
    word of the hit's run."""
    first, last = anchor.hit.words[0], anchor.hit.words[-1]
    gap = max(first.box.height * 0.7, 3.0)  # a Courier space is 0.6 of the size
    area = Box(first.box.x0 - 40, first.box.top - 1, last.box.x1 + 40, last.box.bottom + 1)
    words = [w for w in region.crop(area) if w not in anchor.hit.words and not is_mark(w.text)]
    before = any(0 <= first.box.x0 - w.box.x1 <= gap and not _AMOUNT.search(w.text) for w in words)
    after = any(0 <= w.box.x0 - last.box.x1 <= gap for w in words)
    return before, after


_AMOUNT = re.compile(r"\d\.\d\d\)?$|^\(?-?\$")
"""A word that is an amount as statements print it: cents at its end, or a `$` at its start."""


def weak(anchor: Anchor, region: Region) -> bool:
    """A label hit that is likely no label, being a part of a longer run of words: a
    check-box label inside a name (`SUMMIT HSA BANK`; a one-word label with any word
    tight beside it, as OCR's `SAMPLE` read for `SIMPLE`), or the bare one-word label of
    a numbered box found without its number (`code` of `postal code`)."""
    bare_word = bool(anchor.spec.number) and not anchor.numbered and len(anchor.hit.words) == 1
    if anchor.spec.kind != "check" and not bare_word:
        return False
    before, after = _tight_neighbours(anchor, region)
    return (before or after) if len(anchor.hit.words) == 1 else (before and after)


# ---------------------------------------------------------------- values glued to labels

_GLUED_VALUE = re.compile(
    r"^(?P<label>(?:.*[A-Za-z']{2}[^\s:]*|\(?\d{1,2}[A-Za-z]?\)):)(?P<value>[$(]?\d\S*|[X*]{3}\S*\d)$"
)


def split_glued_values(region: Region) -> Region:
    """The region with every `label:value` word (`PAYER'STIN:91-4168100`, a text layer or
    OCR that printed no space after the colon; a box's number in brackets, the rest of a
    label wrapped after `(Box`: `9a):41`) cut in two words, each given its share of the
    word's width, so the label is found and its value read as any other."""
    words: list[Word] = []
    changed = False
    for w in region.words:
        m = _GLUED_VALUE.match(w.text)
        if m is None:
            words.append(w)
            continue
        changed = True
        b = w.box
        cut = b.x0 + b.width * len(m["label"]) / len(w.text)
        words.append(replace(w, text=m["label"], box=Box(b.x0, b.top, cut, b.bottom)))
        words.append(replace(w, text=m["value"], box=Box(cut, b.top, b.x1, b.bottom)))
    return Region(words, region.box, region.page_number, region.page) if changed else region
