"""Words of a PDF page's text layer, through pdfplumber."""

from __future__ import annotations

import re

import pdfplumber.page

from backtax.extractors.page import Box, Page, Word

_CID = re.compile(r"\(cid:\d+\)")
_PUNCTUATION = re.compile(r"[.\u2022·:;,]+")


def read_text_layer(page: pdfplumber.page.Page, number: int) -> Page:
    words = [
        Word(w["text"], Box(w["x0"], w["top"], w["x1"], w["bottom"]), 1.0, "text")
        for w in page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False)
        if w["text"].strip()
    ]
    rules = [
        Box(e["x0"], e["top"], e["x1"], e["bottom"])
        for e in page.edges
        if e["orientation"] == "v" and e["bottom"] - e["top"] > 8
    ]
    words.extend(drawn_check_marks(page))
    return Page(number, float(page.width), float(page.height), words, "text", rules=rules)


def drawn_check_marks(page: pdfplumber.page.Page) -> list[Word]:
    """A check box ticked with strokes rather than a glyph (tax software draws a tick inside
    the form's small square) becomes an `X` word at the square, as a typed X would be."""
    squares = [
        Box(r["x0"], r["top"], r["x1"], r["bottom"])
        for r in page.rects
        if 4 <= r["width"] <= 14 and abs(r["width"] - r["height"]) <= 1.5
    ]
    strokes = [
        Box(o["x0"], o["top"], o["x1"], o["bottom"])
        for o in (*page.lines, *page.curves)
        if o["x1"] - o["x0"] >= 2 and o["bottom"] - o["top"] >= 2
    ]
    marks: dict[tuple[int, int], Word] = {}
    for sq in squares:
        inside = Box(sq.x0 - 1, sq.top - 1, sq.x1 + 1, sq.bottom + 1)
        if any(inside.contains_center(s) and s.width <= sq.width + 2 for s in strokes):
            marks.setdefault((round(sq.x0), round(sq.top)), Word("X", sq, 1.0, "text"))
    return list(marks.values())


def text_quality(page: Page) -> float:
    """Share of words that look like real words or numbers: low for garbage layers.

    Words of punctuation only (the dot leaders of a Form 1040) count neither way."""
    words = [w for w in page.words if not _PUNCTUATION.fullmatch(w.text)]
    if not words:
        return 0.0
    good = 0
    for w in words:
        t = w.text
        if _CID.search(t):
            continue
        letters = sum(c.isalpha() for c in t)
        digits = sum(c.isdigit() for c in t)
        if (
            (digits and digits + sum(c in "$,.-()%/" for c in t) >= len(t) - 1)
            or (letters >= max(1, len(t) * 0.6) and re.search(r"[aeiouyAEIOUY]", t))
            or (len(t) <= 2 and letters)
        ):
            good += 1
    return good / len(words)
