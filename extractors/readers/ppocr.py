"""Words of a page image through PP-OCR (PP-OCRv4 via `rapidocr-onnxruntime`), the second engine.

PP-OCR detects text lines and recognises each; its character columns give each character a
box, and characters are assembled into words at spaces and at gaps wider than a space, and
words glued together without a gap are split at label words (`glued.py`). Text is
NFKC-normalised (full-width punctuation) and check-box look-alikes are dropped. Lines are
turned upside down by PP-OCR's line classifier only on a page it finds upside down as a whole
(`PageOrientation`). The ONNX session is created once per process, on first use, with one
intra-op thread.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

import numpy as np

from backtax.extractors.lazy import lazy_import
from backtax.extractors.page import Box, Word
from backtax.extractors.readers import glued

cv2 = lazy_import("cv2")  # not needed by text pages

ENGINE = "ppocr"
_MIN_CONF = 0.5
MAX_SIDE = 1600
_BOX_GLYPHS = re.compile(r"[\u2610-\u2612\u25a0-\u25a1\u53e3\u56d7\u56de\u5e7a\u4e00-\u9fff]")
"""Check boxes read as CJK look-alikes (口, 囗, 回) or box symbols: not text."""


@lru_cache(maxsize=1)
def engine() -> Any:
    """The PP-OCR pipeline, loaded once per process (0.6-0.9 GB; onnxruntime loads lazily)."""
    from rapidocr_onnxruntime import RapidOCR

    ocr = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, print_verbose=False)
    ocr.text_cls = PageOrientation(ocr.text_cls)
    return ocr


def upside_down(labels: list[tuple[str, float]], widths: list[float], sure: float) -> bool:
    """Whether a page is upside down: the lines its classifier turns (`180`, at least
    `sure`) hold most of its text, each line weighed by its width in line heights (about
    its characters). A few short lines turned on an upright page are the classifier's slips
    (handwritten `$ 1,850` read turned, as `058'/`), not the page's orientation."""
    turned = sum(w for (label, score), w in zip(labels, widths, strict=True)
                 if "180" in label and score >= sure)  # fmt: skip
    return turned > 0.5 * sum(widths)


class PageOrientation:
    """PP-OCR's line classifier with one decision for the page: its lines are turned as the
    classifier says only when the page is `upside_down`, else none is."""

    def __init__(self, classifier: Any) -> None:
        self.classifier = classifier

    def __call__(self, crops: list[np.ndarray]) -> tuple[list[np.ndarray], list, float]:
        sure, self.classifier.cls_thresh = self.classifier.cls_thresh, float("inf")
        try:
            _, labels, elapsed = self.classifier(crops)
        finally:
            self.classifier.cls_thresh = sure
        widths = [c.shape[1] / max(1, c.shape[0]) for c in crops]
        if not upside_down(labels, widths, sure):
            return list(crops), labels, elapsed
        turned = [
            cv2.rotate(c, cv2.ROTATE_180) if "180" in label and score >= sure else c
            for c, (label, score) in zip(crops, labels, strict=True)
        ]
        return turned, labels, elapsed


def clean_text(text: str) -> str:
    """NFKC (full-width `：` and `，` become ASCII), box glyphs dropped, and a money amount
    printed with dots for every separator (`1.850.25`) given its thousands commas."""
    text = _BOX_GLYPHS.sub("", unicodedata.normalize("NFKC", text)).strip()
    if re.fullmatch(r"\$?\d{1,3}(\.\d{3})+\.\d{2}", text):
        head, cents = text.rsplit(".", 1)
        text = f"{head.replace('.', ',')}.{cents}"
    return text


def _bgr(gray: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR) if gray.ndim == 2 else gray


def read_words(
    gray: np.ndarray, scale: float, offset: tuple[float, float] = (0.0, 0.0)
) -> list[Word]:
    """PP-OCR's words of an image with boxes in points (`scale` points a pixel, `offset` in
    points places a crop on its page) and the line's confidence. Images are read at most
    `MAX_SIDE` pixels long: the detector's cost grows with the area, its recall does not."""
    shrink = min(1.0, MAX_SIDE / max(gray.shape))
    if shrink < 1.0:
        gray = cv2.resize(gray, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA)
        scale /= shrink
    result, _ = engine()(_bgr(gray), return_word_box=True)
    words: list[Word] = []
    for item in result or []:
        line_box, text, conf = item[0], item[1], float(item[2])
        if conf < _MIN_CONF:
            continue
        char_boxes = item[3] if len(item) > 3 else []
        for piece, pixels in _assemble(text, line_box, char_boxes):
            piece = clean_text(piece)
            if not piece:
                continue
            x0, y0, x1, y1 = pixels
            box = Box(
                offset[0] + x0 * scale,
                offset[1] + y0 * scale,
                offset[0] + x1 * scale,
                offset[1] + y1 * scale,
            )
            words.extend(_unglued(piece, box, conf))
    return words


def _unglued(text: str, box: Box, conf: float) -> list[Word]:
    """The word, or the words PP-OCR glued into it (`glued.split`), each given its share of
    the box by its characters."""
    parts = glued.split(text)
    if len(parts) == 1:
        return [Word(text, box, conf, "ocr", ENGINE)]
    return split_words(" ".join(parts), box, conf)


Pixels = tuple[float, float, float, float]


def _assemble(text: str, line_box: list, char_boxes: list) -> list[tuple[str, Pixels]]:
    """A recognised line as words with pixel boxes: split at spaces, and where the gap
    between two characters is much wider than the line's usual gap (PP-OCR drops spaces:
    `PAYER'STIN:91-4168100`). Without character boxes, the line is split by its spaces and
    each word given its share of the line's width."""
    pts = np.asarray(line_box, dtype=float)
    lx0, ly0 = pts[:, 0].min(), pts[:, 1].min()
    lx1, ly1 = pts[:, 0].max(), pts[:, 1].max()
    if len(char_boxes) == len(text) and " " in text:  # boxes for the spaces too
        char_boxes = [b for b, c in zip(char_boxes, text, strict=True) if c != " "]
    visible = [c for c in text if c != " "]
    if not char_boxes or len(visible) != len(char_boxes):
        return _by_share(text, (lx0, ly0, lx1, ly1))
    spans = [
        (np.asarray(b, dtype=float)[:, 0].min(), np.asarray(b, dtype=float)[:, 0].max())
        for b in char_boxes
    ]
    centers = [(a + b) / 2 for a, b in spans]
    steps = np.diff(centers)
    usual = float(np.median(steps)) if len(steps) else 0.0
    words: list[tuple[str, Pixels]] = []
    current: list[int] = []
    spaced = _space_before(text)
    for i in range(len(visible)):
        wide = bool(current) and usual > 0 and centers[i] - centers[i - 1] > 1.9 * usual
        if current and (spaced[i] or wide):
            words.append(_word(visible, spans, current, ly0, ly1))
            current = []
        current.append(i)
    if current:
        words.append(_word(visible, spans, current, ly0, ly1))
    return words


def _space_before(text: str) -> list[bool]:
    """For each visible character, whether a space precedes it."""
    out, pending = [], False
    for c in text:
        if c == " ":
            pending = True
            continue
        out.append(pending)
        pending = False
    return out


def _word(
    visible: list[str], spans: list[tuple[float, float]], idx: list[int], y0: float, y1: float
) -> tuple[str, Pixels]:
    return "".join(visible[i] for i in idx), (spans[idx[0]][0], y0, spans[idx[-1]][1], y1)


def _by_share(text: str, box: Pixels) -> list[tuple[str, Pixels]]:
    x0, y0, x1, y1 = box
    total = max(1, len(text))
    out = []
    for m in re.finditer(r"\S+", text):
        start, end = m.start(), m.end()
        out.append(
            (m.group(), (x0 + (x1 - x0) * start / total, y0, x0 + (x1 - x0) * end / total, y1))
        )
    return out


def split_words(text: str, box: Box, conf: float) -> list[Word]:
    """A recognised crop's text as words, each given its share of the crop's width."""
    pixels = (box.x0, box.top, box.x1, box.bottom)
    return [Word(t, Box(*b), conf, "ocr", ENGINE) for t, b in _by_share(text, pixels)]


def recognise(crops: list[np.ndarray]) -> list[tuple[str, float]]:
    """PP-OCR's recogniser alone on crops of single lines or words: (text, confidence)."""
    if not crops:
        return []
    results, _ = engine().text_rec([_bgr(c) for c in crops])
    return [(clean_text(text), float(conf)) for text, conf, *_ in results]
