"""Check boxes drawn on a scanned page: small squares outlined on all four sides, and
whether ink fills their middle (an X or a tick).

The engine's ink test takes any small closed shape for a box, so letters beside a label
(`O`, `D`, `(`) can read as marked boxes; a drawn box is told from a letter here by its
outline, inked along nearly all of each side.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from backtax.extractors.lazy import lazy_import
from backtax.extractors.page import Box, Page
from backtax.extractors.readers.glyphs import crop_pixels

cv2 = lazy_import("cv2")  # not needed by text pages

SIDE_MIN, SIDE_MAX = 6.5, 14.0  # points: the side of a check box on the forms
OUTLINE = 0.85  # share of each side that must be inked
FILLED = 0.12  # share of the middle that must be inked for a mark


def marked_squares(page: Page) -> list[Box]:
    """The check boxes on an OCR page that hold a mark, in points (none on text pages)."""
    if page.method != "ocr" or page.image is None or not page.dpi:
        return []
    return [
        box for box, marked in _squares(page.image, page.dpi, page.width, page.height) if marked
    ]


@lru_cache(maxsize=8)
def _squares(image: bytes, dpi: int, width: float, height: float) -> tuple[tuple[Box, bool], ...]:
    page = Page(0, width, height, image=image, dpi=dpi, method="ocr")
    gray = crop_pixels(page, Box(0, 0, width, height))
    if gray is None:
        return ()
    ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    contours, _ = cv2.findContours(ink, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    on = ink > 0
    k = dpi / 72.0
    found: list[tuple[Box, bool]] = []
    for c in contours:
        x, y, w, h = cv2.boundingRect(c)
        if not (SIDE_MIN * k <= min(w, h) and max(w, h) <= SIDE_MAX * k and 0.75 <= w / h <= 1.33):
            continue
        if not _outlined(on[y : y + h, x : x + w]):
            continue
        box = Box(x / k, y / k, (x + w) / k, (y + h) / k)
        if any(abs(box.cx - b.cx) < 3 and abs(box.cy - b.cy) < 3 for b, _ in found):
            continue  # the inner edge of an outline already found
        middle = on[y + h // 4 : y + h - h // 4, x + w // 4 : x + w - w // 4]
        found.append((box, bool(middle.size) and float(middle.mean()) > FILLED))
    return tuple(found)


def _outlined(cell: np.ndarray) -> bool:
    h, w = cell.shape
    t = max(2, round(min(w, h) / 8))
    sides = (
        cell[:t, :].any(axis=0),
        cell[h - t :, :].any(axis=0),
        cell[:, :t].any(axis=1),
        cell[:, w - t :].any(axis=1),
    )
    return all(float(side.mean()) >= OUTLINE for side in sides)
