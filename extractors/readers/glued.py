"""Words PP-OCR printed without the spaces between them, split again for label matching.

PP-OCR drops spaces inside a line (`PAYER'STIN`, `1Rents`, `3OtherIncome`,
`Form1099-MISC`, `Grossproceedspaid`). A glued word is split where

- a box number starts it and a word follows (`1Rents`, `12Section`, `409Adeferrals`);
- punctuation that tokens break at is followed by more (`TIN:91-4168100`, `(ifchecked)`);
- a lower-case letter meets a digit (`Form1099-MISC`) or a capital (`OtherIncome`);
- its letters are, end to end, words of the catalogue's labels (`payer'stin`,
  `recipient'sname`, `grossproceedspaid`): found by the fewest pieces; a hyphen between
  letters stays and joins the words on its two sides, as printed (`Tax-exemptinterest`).

Values (amounts, TINs, dates) and words the labels know are left whole.
"""

from __future__ import annotations

import re
from functools import cache

from backtax.extractors import catalog
from backtax.extractors.page import tokens

MIN_PIECE = 2
"""Shortest label word a glued run is cut into (a lone letter would cut anything)."""
_BOX_HEAD = re.compile(r"(\d{1,3})([A-Z]?)([A-Za-z].*)")
_CUTS = re.compile(r"(?<=[A-Za-z][a-z]{2})(?=\d)|(?<=[a-z])(?=[A-Z])")
_PUNCT = re.compile(r"(?<=[:;),/])(?=\w)|(?<=\w)(?=\()")
_LETTERS = re.compile(r"[A-Za-z']+")


@cache
def vocabulary() -> frozenset[str]:
    """Every word (letters and apostrophes) of every catalogue label, title and caption."""
    words: set[str] = set()
    for form in catalog.forms().values():
        boxes = (*form.boxes, *form.state_columns, *(b for _, rev in form.revisions for b in rev))
        texts = [*form.titles, *(label for b in boxes for label in b.labels)]
        texts += [label for labels in form.parties.values() for label in labels]
        texts += [label for line in form.transcript_lines for label in line.labels]
        for text in texts:
            words.update(t for t in tokens(text) if _LETTERS.fullmatch(t))
    return frozenset(w for w in words if len(w) >= MIN_PIECE)


def segment(letters: str, known: frozenset[str]) -> list[str] | None:
    """`letters` cut into the fewest words of `known` (case aside), or None."""
    low = letters.lower()
    best: list[list[int] | None] = [None] * (len(low) + 1)
    best[0] = []
    for end in range(1, len(low) + 1):
        for start in range(max(0, end - 20), end - MIN_PIECE + 1):
            prev = best[start]
            if prev is None or low[start:end] not in known:
                continue
            if best[end] is None or len(prev) + 1 < len(best[end]):  # type: ignore[arg-type]
                best[end] = [*prev, end]
    cuts = best[-1]
    if not cuts:
        return None
    return [letters[a:b] for a, b in zip([0, *cuts], cuts, strict=False)]


def _hyphened(letters: str, known: frozenset[str]) -> list[str] | None:
    """`letters` cut into label words (`segment`) between its hyphens, each hyphen kept
    joining the words on its two sides (`Tax-exemptinterest`: `Tax-exempt`, `interest`),
    or None."""
    out: list[str] = []
    for part in letters.split("-"):
        cut = [part] if part.lower() in known else segment(part, known)
        if not cut:
            return None
        if out:
            out[-1] = f"{out[-1]}-{cut[0]}"
            out.extend(cut[1:])
        else:
            out = cut
    return out


def _split_letters(piece: str, known: frozenset[str]) -> list[str]:
    """A run of letters (trailing punctuation kept on the last) as label words when it is
    no label word itself and cuts into them end to end."""
    match = re.fullmatch(r"(\W*)([A-Za-z']+(?:-[A-Za-z']+)*)(\W*)", piece)
    if not match or len(match.group(2)) < 2 * MIN_PIECE:
        return [piece]
    lead, letters, tail = match.groups()
    if letters.lower() in known:
        return [piece]
    parts = _hyphened(letters, known)
    if not parts or len(parts) < 2:
        return [piece]
    parts[0], parts[-1] = lead + parts[0], parts[-1] + tail
    return parts


def split(word: str, known: frozenset[str] | None = None) -> list[str]:
    """`word` as the words PP-OCR glued together (`["1", "Rents"]`), or `[word]`."""
    known = vocabulary() if known is None else known
    pieces = _PUNCT.split(word) if re.search(r"[A-Za-z]{2}", word) else [word]
    if len(pieces) > 1:
        return [part for piece in pieces for part in split(piece, known)]
    if not any(c.isalpha() for c in word) or word.lower().strip(".,:;") in known:
        return [word]
    head: list[str] = []
    match = _BOX_HEAD.fullmatch(word)
    if match:
        number, capital, rest = match.groups()
        if capital and rest[0].islower() and _whole(_CUTS.split(rest)[0], known):
            number = number + capital  # `409Adeferrals`: box 409A
        else:
            rest = capital + rest
        if _whole(_CUTS.split(rest)[0], known):
            head, word = [number], rest
    out = head
    for piece in _CUTS.split(word):
        if piece[:1].isdigit() and piece != word:
            out.extend(split(piece, known))  # `Section409Adeferrals`
        else:
            out.extend(_split_letters(piece, known))
    return out


def _whole(letters: str, known: frozenset[str]) -> bool:
    """Whether `letters` is, or cuts into, label words."""
    letters = re.sub(r"\W+$", "", letters)
    return letters.lower() in known or _hyphened(letters, known) is not None
