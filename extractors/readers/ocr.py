"""Words of a page image through Tesseract (`image_to_data`), after orientation and deskew.

Pixel boxes are scaled to PDF points so OCR pages share the text pages' geometry.
Tesseract runs one thread per process (OMP_THREAD_LIMIT=1); callers parallelise pages.
"""

from __future__ import annotations

import os
import re

import numpy as np
from PIL import Image

from extractors.lazy import lazy_import
from extractors.page import Box, Page, Word
from extractors.readers.glyphs import crop_pixels, encode_image, pixel_origin

cv2 = lazy_import("cv2")  # not needed by text pages

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

_MIN_CONF = 10.0


def deskew_angle(gray: np.ndarray, limit: float = 4.0, step: float = 0.1) -> float:
    """The small rotation (degrees) that makes text rows horizontal: the angle whose
    horizontal projection profile is sharpest, on a downscaled binarised copy."""
    scale = 1000 / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    h, w = ink.shape
    center = (w / 2, h / 2)
    best, best_score = 0.0, -1.0
    for angle in np.arange(-limit, limit + step / 2, step):
        m = cv2.getRotationMatrix2D(center, float(angle), 1.0)
        rotated = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST)
        profile = rotated.sum(axis=1, dtype=np.float64)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score:
            best, best_score = float(angle), score
    return best


def find_rules(
    gray: np.ndarray, page_size: tuple[int, int] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The form's ruling as masks: long horizontal lines, and long vertical lines. "Long" is
    relative to the page (`page_size`, width and height in pixels, when `gray` is a crop)."""
    ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    h, w = page_size[::-1] if page_size else gray.shape
    horizontal = cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 40), 1))
    vertical = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, h // 60)))
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, horizontal), cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, vertical
    )


def remove_rules(gray: np.ndarray, masks: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """White out the form's ruling: Tesseract's layout analysis otherwise takes heavy box
    borders for images and drops the text inside."""
    rules = cv2.dilate(masks[0] | masks[1], np.ones((3, 3), np.uint8))
    out = gray.copy()
    out[rules > 0] = 255
    return out


def despeckle(gray: np.ndarray, dpi: int, area: int = 20) -> np.ndarray:
    """White out specks: ink blobs under `area` px (at 300 dpi) with no larger ink within
    1 mm. Scanner and photocopier dust otherwise splits Tesseract's words and hides short
    ones; a decimal point or a colon sits within 1 mm of its neighbours and stays."""
    k = dpi / 300.0
    ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] < max(2.0, area * k * k)
    small[0] = False  # the background
    reach = max(1, round(12 * k))
    kernel = np.ones((2 * reach + 1, 2 * reach + 1), np.uint8)
    near_big = cv2.dilate(((ink > 0) & ~small[labels]).astype(np.uint8), kernel) > 0
    keep = np.zeros(count, bool)
    keep[np.unique(labels[near_big & small[labels]])] = True
    out = gray.copy()
    out[(small & ~keep)[labels]] = 255
    return out


def vertical_rules(mask: np.ndarray, scale: float) -> list[Box]:
    """Cell borders (vertical rules) in points."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = (cv2.boundingRect(c) for c in contours)
    return [Box(x * scale, y * scale, (x + w) * scale, (y + h) * scale) for x, y, w, h in boxes]


def _rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def _orientation(image: Image.Image) -> int:
    """Degrees (0, 90, 180, 270) Tesseract's OSD says the page is rotated by, 0 when unsure."""
    import pytesseract  # imported on first OCR: it loads pandas, which text pages never need

    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0 -c min_characters_to_try=10")
    except pytesseract.TesseractError:
        return 0
    rotate = re.search(r"Rotate: (\d+)", osd)
    conf = re.search(r"Orientation confidence: ([\d.]+)", osd)
    if not rotate or not conf or float(conf.group(1)) < 1.0:
        return 0
    return int(rotate.group(1))


def _words(
    image: Image.Image,
    lang: str,
    scale: float,
    psm: int = 11,
    offset: tuple[float, float] = (0.0, 0.0),
    alphabet: str = "",
) -> list[Word]:
    """Tesseract's words with boxes in points; `offset` (points) places a crop on its page;
    a non-empty `alphabet` is the only characters Tesseract may read."""
    import pytesseract

    config = f"--psm {psm}" + (f" -c tessedit_char_whitelist={alphabet}" if alphabet else "")
    data = pytesseract.image_to_data(
        image, lang=lang, config=config, output_type=pytesseract.Output.DICT
    )
    words: list[Word] = []
    dx, dy = offset
    for i, text in enumerate(data["text"]):
        text = text.strip()
        conf = float(data["conf"][i])
        if not text or conf < _MIN_CONF:
            continue
        x, y, w, h = (data[k][i] for k in ("left", "top", "width", "height"))
        box = Box(dx + x * scale, dy + y * scale, dx + (x + w) * scale, dy + (y + h) * scale)
        if len(text) == 1 and text.isdigit() and w < 0.5 * h:
            text = "1"  # a lone digit as narrow as a bar can only be a one (Tesseract says 4)
        words.append(Word(text, box, conf / 100.0, "ocr"))
    return words


def _cleaned(gray: np.ndarray, masks: tuple[np.ndarray, np.ndarray], dpi: int) -> np.ndarray:
    return despeckle(remove_rules(gray, masks), dpi)


def _deskewed(image: Image.Image) -> tuple[np.ndarray, list[str]]:
    gray = np.asarray(image.convert("L"))
    angle = deskew_angle(gray)
    if abs(angle) < 0.15:
        return gray, []
    return _rotate(gray, angle), [f"deskewed by {angle:.1f} degrees"]


def _legible(words: list[Word]) -> bool:
    """Most words read with good confidence: the page is upright."""
    return len(words) >= 5 and sum(w.conf >= 0.7 for w in words) >= 0.5 * len(words)


def ocr_image(image: Image.Image, number: int, dpi: int, lang: str = "eng") -> Page:
    """OCR one page image rendered at `dpi` into a Page measured in points. The page is
    deskewed first; only when it reads badly is Tesseract's orientation detection asked
    whether it is turned (that costs a second pass)."""
    scale = 72.0 / dpi
    gray, notes = _deskewed(image)
    masks = find_rules(gray)
    words = _words(Image.fromarray(_cleaned(gray, masks, dpi)), lang, scale)
    if not _legible(words):
        turn = _orientation(Image.fromarray(gray))
        if turn:
            gray = np.asarray(Image.fromarray(gray).rotate(-turn, expand=True, fillcolor=255))
            notes.append(f"rotated by {turn} degrees")
            masks = find_rules(gray)
            words = _words(Image.fromarray(_cleaned(gray, masks, dpi)), lang, scale)
    upright = Image.fromarray(gray)
    page = Page(number, upright.width * scale, upright.height * scale, words, "ocr")
    page.rules = vertical_rules(masks[1], scale)
    page.image, page.dpi, page.lang = encode_image(np.asarray(upright)), dpi, lang
    page.warnings.extend(f"page {number}: {n}" for n in notes)
    return page


def read_region(
    page: Page, box: Box, psm: int = 7, alphabet: str = "", leaders: bool = False
) -> list[Word]:
    """Words of one part of an OCR page read again on their own: a single line (`psm` 7),
    a block (6) or a word (8), from `alphabet` only when given; with `leaders`, dot leaders
    are taken out first. Tesseract reads a cell alone more surely than amid the whole page.
    Pages without an image give no words."""
    gray = crop_pixels(page, box)
    if gray is None:
        return []
    k = page.dpi / 72.0
    size = (round(page.width * k), round(page.height * k))
    masks = find_rules(gray, size)
    ink = cv2.threshold(remove_rules(gray, masks), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]
    # binarised: on a grey crop Tesseract's confidence is 0; a leader's dot is a big speck
    clean = despeckle(ink, page.dpi, 80 if leaders else 20)
    margin = 10  # Tesseract misses text that touches the image edge
    framed = cv2.copyMakeBorder(clean, *[margin] * 4, cv2.BORDER_CONSTANT, value=255)
    x0, y0 = pixel_origin(page, box)
    origin = (x0 - margin) / k, (y0 - margin) / k
    return _words(Image.fromarray(framed), page.lang, 1 / k, psm, origin, alphabet)
