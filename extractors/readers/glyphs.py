"""Pixel-level readings where Tesseract cannot help: check boxes and the IRS year digits.

Both work on an OCR page's own image (kept with the page), cropped by a box in
points: an X in a check box is ink inside a small square, and the big tax year of the
official forms is printed in a seven-segment style font that Tesseract misreads.
"""

from __future__ import annotations

import numpy as np

from backtax.extractors.lazy import lazy_import
from backtax.extractors.page import Box, Page

cv2 = lazy_import("cv2")  # not needed by text pages

# Segments: top, upper-left, upper-right, middle, lower-left, lower-right, bottom.
SEGMENT_DIGITS = {
    (1, 1, 1, 0, 1, 1, 1): "0",
    (1, 1, 1, 0, 1, 1, 0): "0",  # the IRS font's open-bottomed zero
    (0, 0, 1, 0, 0, 1, 0): "1",
    (1, 0, 1, 1, 1, 0, 1): "2",
    (1, 0, 1, 1, 0, 1, 1): "3",
    (0, 1, 1, 1, 0, 1, 0): "4",
    (0, 1, 1, 0, 1, 1, 0): "4",  # the IRS font's 4, its bar low enough to read as lower-left
    (1, 1, 0, 1, 0, 1, 1): "5",
    (1, 1, 0, 1, 1, 1, 1): "6",
    (1, 0, 1, 0, 0, 1, 0): "7",
    (1, 1, 1, 1, 1, 1, 1): "8",
    (1, 1, 1, 1, 0, 1, 1): "9",
}
_WINDOWS = (  # (x0, y0, x1, y1) as fractions of the digit's box
    (0.3, 0.0, 0.7, 0.15),
    (0.0, 0.2, 0.22, 0.38),
    (0.78, 0.2, 1.0, 0.38),
    (0.3, 0.42, 0.7, 0.58),
    (0.0, 0.64, 0.22, 0.8),
    (0.78, 0.64, 1.0, 0.8),
    (0.3, 0.85, 0.7, 1.0),
)


def pixel_origin(page: Page, box: Box) -> tuple[int, int]:
    """The top-left pixel of `crop_pixels(page, box)` on the page image."""
    k = page.dpi / 72.0
    return max(0, int(box.x0 * k)), max(0, int(box.top * k))


def crop_pixels(page: Page, box: Box) -> np.ndarray | None:
    """The page image under a box given in points, or None for pages without an image."""
    if page.image is None or not page.dpi:
        return None
    gray = page.image.gray
    k = page.dpi / 72.0
    h, w = gray.shape
    x0, y0 = pixel_origin(page, box)
    x1, y1 = min(w, int(box.x1 * k)), min(h, int(box.bottom * k))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    return gray[y0:y1, x0:x1]


def print_like(
    page: Page, box: Box, like: Box, digit_one: bool = False, level: bool = True
) -> Box | None:
    """The part of `box` (points) holding ink shaped like the print in `like` (a word's box
    on the same line, its characters measured on the image, whichever engine gave the box):
    blobs 0.6 to 1.6 times as tall, centred on their middle, at least 0.45 times their
    height wide (a capital J is). W-2 box 12's code without the small `Code` caption
    stacked beside it (two of its letters blurred together are as tall, and half as wide)
    or the rules around it: the blobs' bounding box, None when there is no such ink. With
    `digit_one`, a narrower stroke (a `1`, a fifth of its height wide at least) counts too
    where it stands clear of the box's top and bottom (a rule crossing the box reaches
    both). Without `level`, the ink may sit on another line than `like`'s (a cell's value
    under its label, printed up to 2.2 times as tall as its lower-case letters), but all
    of it on one line."""
    sample = _blobs(page, like)
    if not sample:
        return None
    tallest = max(b[3] - b[1] for b in sample)
    chars = [b for b in sample if b[3] - b[1] >= 0.6 * tallest]  # digits, not points
    h = float(np.median([b[3] - b[1] for b in chars]))
    middle = float(np.median([(b[1] + b[3]) / 2 for b in chars]))
    found = [
        b
        for b in _blobs(page, box)
        if 0.6 * h <= b[3] - b[1] <= (1.6 if level else 2.2) * h
        and (not level or abs((b[1] + b[3]) / 2 - middle) <= 0.35 * h)
        and (b[2] - b[0] >= 0.45 * h or (digit_one and _digit_one(b, box, h)))
    ]
    mids = [(b[1] + b[3]) / 2 for b in found]
    if not found or max(mids) - min(mids) > 0.35 * h:
        return None
    return Box(
        min(b[0] for b in found),
        min(b[1] for b in found),
        max(b[2] for b in found),
        max(b[3] for b in found),
    )


def _digit_one(blob: tuple[float, float, float, float], box: Box, h: float) -> bool:
    """A narrow blob a `1` may be: a fifth of the print's height wide at least, clear of
    the box's top and bottom edges (no rule crossing it)."""
    x0, top, x1, bottom = blob
    return x1 - x0 >= 0.2 * h and top > box.top + 0.3 and bottom < box.bottom - 0.3


def _blobs(page: Page, box: Box) -> list[tuple[float, float, float, float]]:
    """The ink blobs of the page image under `box`, as boxes (x0, top, x1, bottom) in points."""
    gray = crop_pixels(page, box)
    if gray is None:
        return []
    k = page.dpi / 72.0
    x0, y0 = pixel_origin(page, box)
    n, _, stats, _ = cv2.connectedComponentsWithStats(_ink(gray), connectivity=8)
    return [
        ((x0 + x) / k, (y0 + y) / k, (x0 + x + w) / k, (y0 + y + h) / k)
        for x, y, w, h, _area in stats[1:n]
    ]


INK_LEVEL = 140  # a fixed ink threshold: Otsu on a nearly blank crop turns paper grain into ink


def _ink(gray: np.ndarray) -> np.ndarray:
    return cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]


def box_marked(gray: np.ndarray, dpi: int) -> bool | None:
    """Whether a check box in this crop holds a mark: True/False, None when no box is seen.

    A check box is a hollow, convex, four-cornered outline 5 to 16 points wide (letters
    such as O or D are not); it is marked when ink covers its inner half."""
    ink = (gray < INK_LEVEL).astype(np.uint8) * 255
    contours, _ = cv2.findContours(ink, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    lo, hi = 5 * dpi / 72, 16 * dpi / 72
    found = False
    for c in contours:
        x, y, w, h = cv2.boundingRect(c)
        if not (lo <= w <= hi and lo <= h <= hi and 0.75 <= w / h <= 1.33):
            continue
        corners = cv2.approxPolyDP(c, 0.04 * cv2.arcLength(c, True), True)
        if len(corners) != 4 or cv2.contourArea(c) < 0.85 * w * h:
            continue
        found = True
        inner = ink[y + h // 4 : y + h - h // 4, x + w // 4 : x + w - w // 4]
        if inner.size and (inner > 0).mean() > 0.12:
            return True
    return False if found else None


def segment_digits(gray: np.ndarray) -> str | None:
    """Read digits drawn as segments (the IRS forms' large year), left to right."""
    ink = _ink(gray)
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink)
    comps = [stats[i] for i in range(1, n)]
    if not comps:
        return None
    tallest = max(c[3] for c in comps)
    digits = sorted((c for c in comps if c[3] >= 0.6 * tallest), key=lambda c: c[0])
    out = []
    for x, y, w, h, _area in digits:
        cell = ink[y : y + h, x : x + w] > 0
        if w < 0.35 * h:
            out.append("1")
            continue
        key = tuple(int(_on(cell, win)) for win in _WINDOWS)
        out.append(_nearest(key))
    text = "".join(out)
    return text if "?" not in text else None


def _on(cell: np.ndarray, window: tuple[float, float, float, float]) -> bool:
    h, w = cell.shape
    x0, y0, x1, y1 = window
    part = cell[int(y0 * h) : max(int(y1 * h), int(y0 * h) + 1), int(x0 * w) : max(int(x1 * w), 1)]
    return part.size > 0 and part.mean() > 0.25


def _nearest(key: tuple[int, ...]) -> str:
    best, digit = 99, "?"
    for pattern, d in SEGMENT_DIGITS.items():
        dist = sum(a != b for a, b in zip(pattern, key, strict=True))
        if dist < best:
            best, digit = dist, d
    return digit if best <= 1 else "?"
