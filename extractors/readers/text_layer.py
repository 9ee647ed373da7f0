"""Words of a PDF page's text layer, through pdfplumber.

pdfplumber turns every object pdfminer lays out into a dict of its attributes, resolving
each value through `resolve_all`: on a form's pages, most of the time of reading them is
spent there, a character at a time. `page_objects` makes the very same dicts (the same
keys and values as `page.objects`) with plain values taken as they are, so the words,
edges and rectangles read from them are pdfplumber's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain
from typing import Any

import pdfplumber.page
from pdfminer.layout import LTChar, LTContainer, LTItem
from pdfplumber import utils
from pdfplumber.page import ALL_ATTRS

from backtax.extractors.page import Box, Page, Word

_PLAIN = frozenset({int, float, str, bool, type(None)})

_CID = re.compile(r"\(cid:\d+\)")
_PUNCTUATION = re.compile(r"[.\u2022·:;,]+")


def read_text_layer(page: pdfplumber.page.Page, number: int) -> Page:
    objects = page_objects(page)
    chars, rects = objects.get("char", []), objects.get("rect", [])
    lines, curves = objects.get("line", []), objects.get("curve", [])
    words = [
        Word(w["text"], Box(w["x0"], w["top"], w["x1"], w["bottom"]), 1.0, "text")
        for w in utils.extract_words(chars, x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False)
        if w["text"].strip()
    ]
    edges = chain(  # in the order of `page.edges`
        map(utils.line_to_edge, lines),
        chain.from_iterable(map(utils.rect_to_edges, rects)),
        chain.from_iterable(map(utils.curve_to_edges, curves)),
    )
    rules = [
        Box(e["x0"], e["top"], e["x1"], e["bottom"])
        for e in edges
        if e["orientation"] == "v" and e["bottom"] - e["top"] > 8
    ]
    words.extend(drawn_check_marks(rects, [*lines, *curves]))
    return Page(number, float(page.width), float(page.height), words, "text", rules=rules)


def page_objects(page: pdfplumber.page.Page) -> dict[str, list[dict[str, Any]]]:
    """`page.objects`, the same dicts by kind, made faster: a character's plain attributes
    (numbers, names, tuples of numbers) are taken as they are instead of resolved one by
    one, and its colour space's name decoded once a page; any other object, and a page
    opened with layout analysis or Unicode normalisation, is pdfplumber's own work."""
    if page.pdf.laparams is not None or page.pdf.unicode_norm is not None:
        return page.objects
    objects: dict[str, list[dict[str, Any]]] = {}
    names: dict[Any, Any] = {}
    mb_x0, mb_top = page.mediabox[:2]
    height, doctop, number = page.height, page.initial_doctop, page.page_number
    for obj in _leaves(page.layout):
        if type(obj) is not LTChar or isinstance(obj.fontname, bytes):
            attr = page.process_object(obj)
            if attr["object_type"] != "anno":
                objects.setdefault(attr["object_type"], []).append(attr)
            continue
        attr = {k: _resolved(v) for k, v in obj.__dict__.items() if k in ALL_ATTRS}
        attr["object_type"], attr["page_number"] = "char", number
        for cs in ("ncs", "scs"):
            if hasattr(obj, cs):
                name = getattr(obj, cs).name
                if name not in names:
                    names[name] = utils.resolve_and_decode(name)
                attr[cs] = names[name]
        attr["text"] = obj.get_text()
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        attr["top"] = (height - attr["y1"]) + mb_top
        attr["bottom"] = (height - attr["y0"]) + mb_top
        attr["doctop"] = doctop + attr["top"]
        if mb_x0 != 0:
            attr["x0"], attr["x1"] = attr["x0"] + mb_x0, attr["x1"] + mb_x0
        objects.setdefault("char", []).append(attr)
    return objects


def _leaves(objs: Any) -> Iterator[LTItem]:
    """The layout's objects that are no containers, in pdfplumber's order (without layout
    analysis, a container such as a form XObject is not an object itself)."""
    for obj in objs:
        if isinstance(obj, LTContainer):
            yield from _leaves(obj)
        else:
            yield obj


def _resolved(value: Any) -> Any:
    """`resolve_all(value)`, the value itself when it is plain (or a tuple of plain values)."""
    kind = type(value)
    if kind in _PLAIN or (kind is tuple and all(type(v) in _PLAIN for v in value)):
        return value
    return utils.resolve_all(value)


def drawn_check_marks(rects: list[dict[str, Any]], marks: list[dict[str, Any]]) -> list[Word]:
    """A check box ticked with strokes rather than a glyph (tax software draws a tick inside
    the form's small square) becomes an `X` word at the square, as a typed X would be:
    `rects` are the page's rectangles, `marks` its lines and curves."""
    squares = [
        Box(r["x0"], r["top"], r["x1"], r["bottom"])
        for r in rects
        if 4 <= r["width"] <= 14 and abs(r["width"] - r["height"]) <= 1.5
    ]
    strokes = [
        Box(o["x0"], o["top"], o["x1"], o["bottom"])
        for o in marks
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
