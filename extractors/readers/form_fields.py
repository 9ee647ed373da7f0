"""Values of filled AcroForm fields, placed as words at their widgets' rectangles.

Payroll portals hand out fillable PDFs whose values live only in form fields; turning
each filled widget into a Word lets the label-and-geometry engine read them like text.
"""

from __future__ import annotations

from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from backtax.extractors.page import Box, Word

_ON_STATES = {"/On", "/Yes", "/1", "/X", "/Checked"}


def _inherited(widget: DictionaryObject, key: str) -> Any:
    node: Any = widget
    while node is not None:
        if key in node:
            return node[key]
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
    return None


def _widget_value(widget: DictionaryObject) -> str | None:
    field_type = _inherited(widget, "/FT")
    value = _inherited(widget, "/V")
    if field_type == "/Btn":
        state = widget.get("/AS") or value
        return "X" if state is not None and str(state) not in ("/Off", "") else None
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def read_form_words(reader: PdfReader, index: int) -> list[Word]:
    """One Word per filled widget of page `index` (0-based), in top-left point coordinates."""
    page = reader.pages[index]
    annots = page.get("/Annots")
    if not annots:
        return []
    box = page.mediabox
    left, top_y = float(box.left), float(box.top)
    words: list[Word] = []
    for ref in annots.get_object():
        widget = ref.get_object()
        if widget.get("/Subtype") != "/Widget":
            continue
        text = _widget_value(widget)
        rect = widget.get("/Rect")
        if text is None or rect is None:
            continue
        x0, x1 = sorted((float(rect[0]), float(rect[2])))
        y0, y1 = sorted((float(rect[1]), float(rect[3])))
        words.extend(_split_lines(text, Box(x0 - left, top_y - y1, x1 - left, top_y - y0)))
    return words


def _split_lines(text: str, box: Box) -> list[Word]:
    """A multi-line field (name and address) becomes one word-run per line, stacked in the box."""
    lines = [ln.strip() for ln in text.replace("\r", "\n").split("\n") if ln.strip()]
    if len(lines) <= 1:
        return [Word(text.strip(), box, 1.0, "form")]
    step = box.height / len(lines)
    return [
        Word(ln, Box(box.x0, box.top + i * step, box.x1, box.top + (i + 1) * step), 1.0, "form")
        for i, ln in enumerate(lines)
    ]
