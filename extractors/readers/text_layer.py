"""Words of a PDF page's text layer, through pdfplumber."""

from __future__ import annotations

import re

import pdfplumber.page

from extractors.page import Box, Page, Word

_CID = re.compile(r"\(cid:\d+\)")


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
    return Page(number, float(page.width), float(page.height), words, "text", rules=rules)


def text_quality(page: Page) -> float:
    """Share of words that look like real words or numbers: low for garbage layers."""
    if not page.words:
        return 0.0
    good = 0
    for w in page.words:
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
    return good / len(page.words)
