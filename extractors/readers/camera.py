"""Camera-grade image handling before OCR: a phone photo's page outline, perspective and
lighting, and each image's effective resolution (how many pixels its text really has).

Each step measures first and changes nothing on an ordinary scan: a flat white page with
its edges at the image's edges is left exactly as it is.
"""

from __future__ import annotations

import numpy as np

from backtax.extractors.lazy import lazy_import

cv2 = lazy_import("cv2")  # not needed by text pages

REFERENCE_GLYPH_PX = 19.0
"""Median height of a character blob on a tax form rendered at 300 dpi (measured over the
IRS W-2, 1099-INT, SSA-1099, payroll and transcript samples: 16 to 22.5 px)."""
UPSCALE_BELOW_DPI = 150
UPSCALE_TARGET_DPI = 250
MAX_UPSCALE = 3.0
MAX_UPSCALED_PIXELS = 14_000_000


def effective_dpi(gray: np.ndarray) -> int:
    """The resolution the image's text is drawn at, from the median height of its
    character-sized ink blobs (0 when the image holds too few to tell)."""
    ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH]
    glyphs = h[(h >= 4) & (h <= gray.shape[0] / 30) & (w <= 3 * h) & (w >= 0.15 * h)]
    if len(glyphs) < 50:
        return 0
    return round(float(np.median(glyphs)) / REFERENCE_GLYPH_PX * 300)


def upscale_factor(dpi: int, shape: tuple[int, int]) -> float:
    """How much to enlarge an image whose text is at `dpi`: below 150 dpi Tesseract
    confuses 3, 8 and 9 and loses decimal points; a 2-3x enlargement brings them back."""
    if not dpi or dpi >= UPSCALE_BELOW_DPI:
        return 1.0
    factor = min(MAX_UPSCALE, UPSCALE_TARGET_DPI / dpi)
    room = (MAX_UPSCALED_PIXELS / (shape[0] * shape[1])) ** 0.5
    return max(1.0, min(factor, room))


def smooth_render(gray: np.ndarray, native: tuple[float, float], dpi: int) -> np.ndarray | None:
    """A page rendered at `dpi` from a coarse scan (`native` dpi across and down: a fax's
    200x100, an export at 150 dpi or less) resampled smoothly, or None for a scan of 150 dpi
    or more with square pixels (left as rendered: no cost). The PDF renderer repeats the
    scan's pixels into blocks (a staircase in every stroke, on which Tesseract reads 1 as 4
    and 5 as 6); averaged back to the scan's own grid and enlarged by cubic interpolation,
    the strokes are smooth again."""
    square = max(native) <= 1.1 * min(native)
    if min(native) >= 0.9 * dpi or (square and min(native) > UPSCALE_BELOW_DPI):
        return None
    h, w = gray.shape
    grid = (
        max(1, round(w * min(1.0, native[0] / dpi))),
        max(1, round(h * min(1.0, native[1] / dpi))),
    )
    own = cv2.resize(gray, grid, interpolation=cv2.INTER_AREA)
    return cv2.resize(own, (w, h), interpolation=cv2.INTER_CUBIC)


def even_lighting(gray: np.ndarray) -> np.ndarray | None:
    """The image divided by its own paper brightness (a shadow, a lamp's gradient), or None
    when the paper is evenly lit: the brightest tenth of every cell of a 4x4 grid within
    40 grey levels of the others (a shaded box or a black bar darkens no cell's brightest
    tenth; a shadow does)."""
    small = cv2.resize(gray, None, fx=0.125, fy=0.125, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    cells = [
        np.percentile(small[i * h // 4 : (i + 1) * h // 4, j * w // 4 : (j + 1) * w // 4], 90)
        for i in range(4)
        for j in range(4)
    ]
    if max(cells) - min(cells) < 40:
        return None
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    paper = cv2.GaussianBlur(cv2.medianBlur(paper, 9), (0, 0), 4)
    full = cv2.resize(paper, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    out = gray.astype(np.float32) / np.maximum(full.astype(np.float32), 1.0) * 255.0
    return np.clip(out, 0, 255).astype(np.uint8)


def page_outline(gray: np.ndarray) -> np.ndarray | None:
    """The four corners (top-left, top-right, bottom-right, bottom-left, in pixels) of a
    sheet of paper photographed on a darker background, or None when the paper fills the
    image (a scan) or no four-cornered sheet is seen."""
    scale = 800 / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    paper = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]
    paper = cv2.morphologyEx(paper, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    sheet = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(sheet) / (small.shape[0] * small.shape[1])
    if not 0.2 <= area <= 0.93:
        return None
    corners = cv2.approxPolyDP(sheet, 0.02 * cv2.arcLength(sheet, True), True)
    if len(corners) != 4 or not cv2.isContourConvex(corners):
        return None
    return _ordered(corners.reshape(4, 2).astype(np.float32) / scale)


def _ordered(pts: np.ndarray) -> np.ndarray:
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array(
        [pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], np.float32
    )


def flatten_sheet(gray: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """The sheet inside `corners` warped to an upright rectangle (the perspective undone)."""
    tl, tr, br, bl = corners
    width = round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array(
        [[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32
    )
    m = cv2.getPerspectiveTransform(corners, target)
    return cv2.warpPerspective(
        gray, m, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )


def prepare_photo(gray: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """A photographed page made scan-like: background cropped and perspective corrected
    (when a sheet's outline is seen), then lighting evened; with notes of what was done."""
    notes = []
    corners = page_outline(gray)
    if corners is not None:
        gray = flatten_sheet(gray, corners)
        notes.append("page outline found: background cropped, perspective corrected")
    lit = even_lighting(gray)
    if lit is not None:
        gray = lit
        notes.append("uneven lighting evened out")
    return gray, notes
