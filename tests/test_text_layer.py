"""The text layer's objects are pdfplumber's own (`page_objects` only builds them faster)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from backtax.extractors.readers.text_layer import page_objects

SAMPLES = Path(__file__).resolve().parents[1] / "sample_docs"
FILES = [
    "w2/irs_2024_fillable_jane_acme.pdf",  # a fillable form: characters, lines, rectangles
    "returns/f1040_2024_flattened.pdf",
    "returns/f1040_2023_schedules.pdf",
    "w2/scans/irs_2024_flat_john_bayside_scan300.pdf",  # an image only
]


def comparable(objects: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """An image's `stream` is an object of the file it was opened from: left out."""
    return {
        kind: [{k: v for k, v in obj.items() if k != "stream"} for obj in found]
        for kind, found in objects.items()
    }


@pytest.mark.parametrize("name", FILES)
def test_page_objects_are_pdfplumbers(name: str) -> None:
    path = SAMPLES / name
    with pdfplumber.open(path) as theirs, pdfplumber.open(path) as ours:
        for expected, page in zip(theirs.pages, ours.pages, strict=True):
            got = page_objects(page)
            assert got.keys() == expected.objects.keys()
            assert comparable(got) == comparable(expected.objects)


def test_page_objects_is_pdfplumbers_work_with_layout_analysis() -> None:
    """Layout analysis adds containers as objects: left to pdfplumber."""
    with pdfplumber.open(SAMPLES / FILES[0], laparams={}) as pdf:
        page = pdf.pages[0]
        assert page_objects(page) is page.objects
