"""Fill an official IRS fillable PDF: as a live form (values in AcroForm fields) or flattened.

The IRS PDFs are XFA + AcroForm hybrids, often encrypted with an empty owner password.
`fill_form` decrypts, drops the XFA so viewers and readers use the AcroForm, keeps the
chosen pages and sets fields by their fully qualified names. With `flatten=True` the values
are drawn into each page's content as text at their widget's rectangle (reportlab) and the
widgets are removed, so the result reads like a printed form with a text layer.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
)
from reportlab.pdfgen import canvas

FieldValue = str | bool


@dataclass(frozen=True)
class Widget:
    """One widget of a form field on a page: its full name, rectangle and kind."""

    name: str
    rect: tuple[float, float, float, float]
    checkbox: bool
    on_state: str


def open_form(src: Path) -> PdfReader:
    reader = PdfReader(str(src))
    if reader.is_encrypted:
        reader.decrypt("")
    return reader


def _full_name(annot: DictionaryObject) -> str:
    parts: list[str] = []
    node: DictionaryObject | None = annot
    while node is not None:
        if "/T" in node:
            parts.append(str(node["/T"]))
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return ".".join(reversed(parts))


def _inherited(annot: DictionaryObject, key: str) -> object | None:
    node: DictionaryObject | None = annot
    while node is not None:
        if key in node:
            return node[key]
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return None


def page_widgets(reader: PdfReader, page_index: int) -> list[Widget]:
    """The widgets of one page (0-based), in the page's annotation order."""
    out: list[Widget] = []
    for ref in reader.pages[page_index].get("/Annots") or []:
        annot = ref.get_object()
        if annot.get("/Subtype") != "/Widget":
            continue
        checkbox = _inherited(annot, "/FT") == "/Btn"
        states = [k for k in annot.get("/AP", {}).get("/N", {}) if k != "/Off"]
        x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
        on_state = str(states[0]) if states else "/1"
        out.append(Widget(_full_name(annot), (x0, y0, x1, y1), checkbox, on_state))
    return out


def fill_form(
    src: Path,
    dst: Path,
    values: Mapping[str, FieldValue],
    *,
    pages: Iterable[int],
    flatten: bool = False,
    font_size: float = 8.0,
) -> None:
    """Write `dst`: the pages (0-based) of `src` with `values` set by full field name.

    Text values may hold newlines (name and address blocks); check boxes take True/False.
    """
    keep = list(pages)
    reader = open_form(src)
    widgets = {i: page_widgets(reader, i) for i in keep}
    writer = PdfWriter(clone_from=reader)
    acroform = writer._root_object["/AcroForm"]
    if "/XFA" in acroform:
        del acroform["/XFA"]
    for index in reversed(range(len(writer.pages))):
        if index not in keep:
            writer.remove_page(index, clean=True)
    for page, index in zip(writer.pages, keep, strict=True):
        if flatten:
            _draw_values(page, widgets[index], values, font_size)
        else:
            _set_fields(writer, page, widgets[index], values)
    if flatten:
        del writer._root_object["/AcroForm"]
    else:
        _prune_fields(writer)
        acroform[NameObject("/NeedAppearances")] = BooleanObject(True)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    dst.parent.mkdir(parents=True, exist_ok=True)
    with dst.open("wb") as handle:
        writer.write(handle)


def _prune_fields(writer: PdfWriter) -> None:
    """Drop from the field tree every field whose widgets sat on a removed page."""
    on_pages = {
        ref.idnum
        for page in writer.pages
        for ref in page.get("/Annots") or []
        if hasattr(ref, "idnum")
    }

    def keep(ref: IndirectObject) -> bool:
        node = ref.get_object()
        if "/Kids" not in node:
            return ref.idnum in on_pages
        node[NameObject("/Kids")] = ArrayObject([k for k in node["/Kids"] if keep(k)])
        return len(node["/Kids"]) > 0

    acroform = writer._root_object["/AcroForm"]
    acroform[NameObject("/Fields")] = ArrayObject([f for f in acroform["/Fields"] if keep(f)])


def _set_fields(
    writer: PdfWriter, page: object, widgets: list[Widget], values: Mapping[str, FieldValue]
) -> None:
    text: dict[str, str] = {}
    for widget in widgets:
        value = values.get(widget.name)
        if value is None or value is False:
            continue
        text[widget.name] = widget.on_state if widget.checkbox else str(value)
    if text:
        writer.update_page_form_field_values(page, text, auto_regenerate=False)


def _draw_values(
    page: object, widgets: list[Widget], values: Mapping[str, FieldValue], font_size: float
) -> None:
    box = page.mediabox  # type: ignore[attr-defined]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(float(box.width), float(box.height)))
    pdf.setFont("Helvetica", font_size)
    for widget in widgets:
        value = values.get(widget.name)
        if value is None or value is False:
            continue
        x0, y0, x1, y1 = widget.rect
        if widget.checkbox:
            pdf.drawCentredString((x0 + x1) / 2, (y0 + y1) / 2 - font_size * 0.35, "X")
            continue
        lines = str(value).split("\n")
        top = y1 - font_size - 1 if len(lines) > 1 else (y0 + y1) / 2 - font_size * 0.35
        for n, line in enumerate(lines):
            pdf.drawString(x0 + 2, top - n * (font_size + 1), line)
    pdf.save()
    overlay = PdfReader(io.BytesIO(buffer.getvalue())).pages[0]
    page.merge_page(overlay)  # type: ignore[attr-defined]
    page[NameObject("/Annots")] = ArrayObject(  # type: ignore[index]
        [a for a in page.get("/Annots") or [] if a.get_object().get("/Subtype") != "/Widget"]  # type: ignore[attr-defined]
    )
