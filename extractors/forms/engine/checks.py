"""Check boxes: the marks on a page (an X printed or read, or on a scan a drawn square
with ink in it), which the assignment pairs with check boxes' labels (`pairing.reach`);
a caption's box (`VOID`) marked wherever it is printed; CORRECTED read as a title or as a
check box."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from backtax.extractors.forms.engine.pairing import MAX_RIGHT, ruled_apart
from backtax.extractors.forms.engine.spec import Anchor, Candidate, label_ids
from backtax.extractors.forms.engine.values import is_mark
from backtax.extractors.lazy import lazy_import
from backtax.extractors.page import Box, Hit, Page, PageImage, Region, normalize
from backtax.extractors.readers.glyphs import box_marked, crop_pixels

cv2 = lazy_import("cv2")  # not needed by text pages


def _areas(anchor_box: Box) -> tuple[Box, ...]:
    """Where a check box's mark is printed: just left of its label, right of it, under it."""
    b, h = anchor_box, anchor_box.height
    return (
        Box(b.x0 - 24, b.top - h, b.x0 + 1, b.bottom + h),
        Box(b.x1 - 1, b.top - 2, b.x1 + 18, b.bottom + 2),
        Box(b.x0 - 6, b.bottom - 1, b.x1 + 6, b.bottom + 24),
    )


def is_checked(anchor_box: Box, region: Region) -> bool:
    """A mark read beside a check box's label (`marked_in_text`); on a scan, ink inside
    the check box drawn there."""
    if marked_in_text(anchor_box, region):
        return True
    page = region.page
    if page is None or page.method != "ocr":
        return False
    for area in _areas(anchor_box):
        pixels = crop_pixels(page, area)
        if pixels is not None and box_marked(pixels, page.dpi):
            return True
    return False


def marked_in_text(anchor_box: Box, region: Region) -> bool:
    """An X-like word just left of, right of, or under a check box's label, glued to its
    last word, or first after it on a statement's row."""
    if any(is_mark(w.text) for area in _areas(anchor_box) for w in region.crop(area)):
        return True
    if any(_GLUED_MARK.search(w.text) for w in region.crop(anchor_box)):
        return True  # OCR glued the box to the label's last word: `loss[X]`
    after = sorted(region.right_of(anchor_box, max_dx=MAX_RIGHT).words, key=lambda w: w.box.x0)
    return bool(after) and is_mark(after[0].text)  # the label, a dot leader, then the X


_GLUED_MARK = re.compile(r"\w[\[(]\s*[xX✓✔☒]\s*[\])]?$")


def box_checked(region: Region, label: str) -> bool:
    """Whether the check box of a caption (`VOID`) is marked wherever it is printed."""
    return any(is_checked(h.box, region) for h in region.find(label))


def text_after(hit: Hit, region: Region, max_dx: float = 60) -> str:
    """What follows a label on its line, normalised; OCR's box for the label may overlap
    the next word (`CORRECTED` over `(if`), so words are taken by being other words."""
    b = hit.box
    line = region.crop(Box(b.x0, b.top - 2, b.x1 + max_dx, b.bottom + 2))
    following = sorted((w for w in line if w not in hit.words), key=lambda w: w.box.x0)
    return normalize(" ".join(w.text for w in following))


def is_corrected(region: Region) -> bool:
    """CORRECTED printed alone as a title means corrected; as a check box (`CORRECTED (if
    checked)`, or `VOID  CORRECTED` on copies without the note) only when marked: by a
    mark read as a word, or on a scan a drawn square with ink in it (the ink test of
    `is_checked` also sees letters beside the caption)."""
    for hit in region.find("CORRECTED"):
        b = hit.box
        after = text_after(hit, region)
        near = region.crop(Box(b.x0 - 120, b.top - 2, b.x1 + 70, b.bottom + 2))
        boxed = "checked" in after or after.startswith("(")  # `(if` garbled: `wi checked)`
        if boxed or _box_before(b, region) or any(normalize(w.text) == "void" for w in near):
            if marked_in_text(b, region) or marked_near(b, region):
                return True
        elif hit.words[0].text.isupper():
            return True
    return False


# ---------------------------------------------------------------- marks on the page


_LETTERS = re.compile(r"[A-Za-z]{3,}[.,:;]?")
"""A word read as letters only: a square inside it is one of its letters, no check box."""


def marks(region: Region, anchors: list[Anchor]) -> list[Candidate]:
    """The check marks of a region as values the assignment pairs with check boxes'
    labels: X-like words that are no label's, and marked drawn boxes (a square that holds
    a mark read as a word is that one mark)."""
    labels = label_ids(anchors)
    words = [w for w in region.words if is_mark(w.text) and id(w) not in labels]
    out = [Candidate((w,), w.text, w.box, mark=True) for w in words]
    if region.page is not None:
        lettered = [w.box for w in region.words if _LETTERS.fullmatch(w.text)]
        for b in marked_squares(region.page):
            if not region.box.contains_center(b) or any(b.contains_center(w.box) for w in words):
                continue
            if any(w.contains_center(b) and w.width >= 2 * b.width for w in lettered):
                continue  # a letter of a word OCR read (a bold `H`: two stems, a bar)
            out.append(Candidate((), "X", b, mark=True))
    return out


OWN_RIGHT, OWN_LEFT = 60.0, 24.0
"""How far right of its label's line (left of it) a check box drawn on a scan may be its own."""


def own_square(anchor: Anchor, region: Region, stops: list[Anchor]) -> tuple[Box, bool] | None:
    """The check box drawn beside a check box's label on a scan, the nearest: right after
    its first or last line (or over the end of its last word), no other label between, or
    just before its first line; with whether it holds a mark. None on text pages or where
    no square is drawn there (a square across a cell border is the next cell's). A label
    whose own square is empty takes no mark from elsewhere: a neighbour's mark, whose own
    label OCR garbled, is no mark of this one."""
    if region.page is None:
        return None
    words = anchor.hit.words
    lines = {anchor.head, anchor.tail}
    others = [a.box for a in stops if a is not anchor and a.hit.words != words]
    rules = region.page.rules
    best: tuple[float, Box, bool] | None = None
    for box, marked in drawn_squares(region.page):
        for line in lines:
            if line.v_overlap(box) < 0.5 * min(line.height, box.height):
                continue
            if box.x1 >= line.x1 - 2 and line.cx < box.x0 and box.x0 - line.x1 <= OWN_RIGHT:
                # OCR's box of the label's last word may take in the square (`loss[]`)
                between = any(
                    o.v_overlap(box) > 0 and line.x1 - 1 <= o.x0 and o.x1 <= box.x0 + 1
                    for o in others
                )
                ruled = ruled_apart(line, box, rules)
                gap = None if between or ruled else max(0.0, box.x0 - line.x1)
            elif box.x1 <= line.x0 + 2 and line.x0 - box.x1 <= OWN_LEFT:
                gap = None if ruled_apart(box, line, rules) else 2 * (line.x0 - box.x1)
            else:
                gap = None
            if gap is not None and (best is None or gap < best[0]):
                best = (gap, box, marked)
    return None if best is None else (best[1], best[2])


def _box_before(label: Box, region: Region) -> bool:
    """Whether a check box is drawn just left of a caption on a scan, marked or not (the
    caption's `VOID` beside it OCR garbled: `Clvoiw CORRECTED`)."""
    if region.page is None:
        return False
    band = Box(label.x0 - 20, label.top - 4, label.x0 + 2, label.bottom + 4)
    return any(band.contains_center(box) for box, _ in drawn_squares(region.page))


def marked_near(label: Box, region: Region) -> bool:
    """A mark on a label's line just before it or after it (`[X] CORRECTED (if checked)`)."""
    band = Box(label.x0 - 30, label.top - 4, label.x1 + 80, label.bottom + 4)
    return any(band.contains_center(m.box) for m in marks(region, []))


# ---------------------------------------------------------------- squares drawn on scans

SIDE_MIN, SIDE_MAX = 6.5, 14.0  # points: the side of a check box on the forms
OUTLINE = 0.85  # share of each side that must be inked
FILLED = 0.12  # share of the middle that must be inked for a mark


def marked_squares(page: Page) -> list[Box]:
    """The check boxes on an OCR page that hold a mark, in points (none on text pages)."""
    return [box for box, marked in drawn_squares(page) if marked]


def drawn_squares(page: Page) -> tuple[tuple[Box, bool], ...]:
    """Every check box drawn on an OCR page, in points, with whether it holds a mark (none
    on text pages)."""
    if page.method != "ocr" or page.image is None or not page.dpi:
        return ()
    return _squares(page.image, page.dpi, page.width, page.height)


@lru_cache(maxsize=4)  # a page image is some 8 MB: the pages of the file at hand
def _squares(
    image: PageImage, dpi: int, width: float, height: float
) -> tuple[tuple[Box, bool], ...]:
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
        if not _outlined(on[y : y + h, x : x + w]) or _in_shading(on, x, y, w, h):
            continue
        box = Box(x / k, y / k, (x + w) / k, (y + h) / k)
        if any(abs(box.cx - b.cx) < 3 and abs(box.cy - b.cy) < 3 for b, _ in found):
            continue  # the inner edge of an outline already found
        middle = on[y + h // 4 : y + h - h // 4, x + w // 4 : x + w - w // 4]
        found.append((box, bool(middle.size) and float(middle.mean()) > FILLED))
    return tuple(found)


def _in_shading(on: np.ndarray, x: int, y: int, w: int, h: int) -> bool:
    """Whether the square is a gap in a shaded area, not a box drawn on paper: ink goes on
    outward from two of its sides for half a side and more (box 3 of the 1099-NEC, the
    white corner around its `3` in a grey cell a photo's threshold took for ink). A rule
    beside a check box is thinner than that."""
    t, reach = max(2, round(min(w, h) / 8)), max(w, h) // 2
    top, left = max(0, y - t - reach), max(0, x - t - reach)
    bands = (
        on[top : max(0, y - t), x : x + w],
        on[y + h + t : y + h + t + reach, x : x + w],
        on[y : y + h, left : max(0, x - t)],
        on[y : y + h, x + w + t : x + w + t + reach],
    )
    return sum(band.size > 0 and float(band.mean()) >= 0.9 for band in bands) >= 2


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
