"""Words of a page image: Tesseract (`image_to_data`) first, PP-OCR where the evidence says.

The image is made scan-like first (a photo's outline, perspective and lighting; a low
resolution enlarged), deskewed and, when it reads badly, turned upright. Tesseract's
suspect numeric words are read again by PP-OCR's recogniser, and the whole page by PP-OCR
when Tesseract failed on it (`evidence.py` holds the rules). Pixel boxes are scaled to PDF
points so OCR pages share the text pages' geometry. Tesseract is kept loaded in the
process (`tess_api`; its program loaded the model again for every page and region). Both
engines run one thread per process (OMP_THREAD_LIMIT=1), and so does OpenCV's clean-up
(OPENCV_FOR_THREADS_NUM=1: its own threads only add CPU where two workers already share
two cores); callers parallelise pages.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil

import numpy as np
from PIL import Image

from backtax.extractors.lazy import lazy_import
from backtax.extractors.page import Box, Page, PageImage, Word, group_lines
from backtax.extractors.readers import camera, evidence, ppocr, tess_api
from backtax.extractors.readers.glyphs import crop_pixels, pixel_origin

cv2 = lazy_import("cv2")  # not needed by text pages

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("OPENCV_FOR_THREADS_NUM", "1")  # read when OpenCV is first used

ENGINE = "tesseract"
NO_TESSERACT = (
    "a scanned page needs OCR, and Tesseract is not installed (no `tesseract` on the PATH)"
)

_MIN_CONF = 10.0


def deskew_angle(
    gray: np.ndarray, limit: float = 4.0, step: float = 0.1, coarse: float = 0.5
) -> float:
    """The small rotation (degrees) that makes text rows horizontal: the angle whose
    horizontal projection profile is sharpest, on a downscaled binarised copy. Searched
    every `coarse` degrees, then every `step` within one coarse step of the best: a page's
    text rows keep the profile sharp for a few tenths of a degree, so the coarse pass lands
    beside the peak at a third of the rotations of a fine search over the whole range."""
    scale = 1000 / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    h, w = ink.shape
    center = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(center, angle, 1.0)
        rotated = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST)
        profile = rotated.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(profile)).sum())

    def best_of(start: float, stop: float, every: float) -> float:
        count = round((stop - start) / every)
        angles = (round(start + i * every, 6) for i in range(count + 1))
        return max(angles, key=sharpness)  # the first of equals: the most negative

    near = best_of(-limit, limit, coarse)
    reach = coarse - step
    return best_of(max(-limit, near - reach), min(limit, near + reach), step)


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


def _labelled(mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """A mask's 8-connected parts: their count (the background's label 0 included), the
    flat index of each marked pixel and its part's label. What is needed of the parts is
    counted on those pixels: OpenCV's statistics pass over the page costs three labellings."""
    count, labels = cv2.connectedComponents(mask, connectivity=8)
    at = np.flatnonzero(mask)
    return count, at, labels.reshape(-1)[at]


def _parts(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`_labelled`'s parts of a mask with each part's left, top, width, height and area, as
    OpenCV's `connectedComponentsWithStats` gives them at a third of its cost (the
    background's row 0 not filled); then the marked pixels and their parts' labels."""
    count, at, label = _labelled(mask)
    ys, xs = np.divmod(at, mask.shape[1])
    extent = np.zeros((4, count), np.int64)  # per part: least x and y, greatest x and y
    extent[:2] = mask.size
    np.minimum.at(extent[0], label, xs)
    np.minimum.at(extent[1], label, ys)
    np.maximum.at(extent[2], label, xs)
    np.maximum.at(extent[3], label, ys)
    w, h = extent[2:] - extent[:2] + 1
    return np.stack([extent[0], extent[1], w, h, np.bincount(label, minlength=count)], 1), at, label


def remove_rules(gray: np.ndarray, masks: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """White out the form's ruling: Tesseract's layout analysis otherwise takes heavy box
    borders for images and drops the text inside. A vertical stroke under eight times as
    tall as it is wide is large print's (a year's `1`, a `0`'s sides), not a rule: it stays."""
    stats, strokes, label = _parts(masks[1])
    thin = stats[:, 3] >= 8 * stats[:, 2]  # heights, widths
    thin[0] = False  # the background
    vertical = np.zeros_like(masks[1])
    vertical.reshape(-1)[strokes[thin[label]]] = 255
    rules = cv2.dilate(masks[0] | vertical, np.ones((3, 3), np.uint8))
    return np.maximum(gray, rules)  # a rule's pixels are 255, the others 0


def despeckle(gray: np.ndarray, dpi: int, area: int = 20) -> np.ndarray:
    """White out specks: ink blobs under `area` px (at 300 dpi) with no larger ink within
    1 mm. Scanner and photocopier dust otherwise splits Tesseract's words and hides short
    ones; a decimal point or a colon sits within 1 mm of its neighbours and stays."""
    k = dpi / 300.0
    ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    count, inked, label = _labelled(ink)
    small = np.bincount(label, minlength=count) < max(2.0, area * k * k)
    small[0] = False  # the background
    speck = small[label]
    specks, speck_labels = inked[speck], label[speck]
    solid = (ink > 0).astype(np.uint8)
    solid.reshape(-1)[specks] = 0
    reach = max(1, round(12 * k))
    kernel = np.ones((2 * reach + 1, 2 * reach + 1), np.uint8)
    near_big = cv2.dilate(solid, kernel).reshape(-1)[specks] > 0
    keep = np.zeros(count, bool)
    keep[speck_labels[near_big]] = True
    out = gray.copy()
    out.reshape(-1)[specks[~keep[speck_labels]]] = 255
    return out


def rule_boxes(mask: np.ndarray, scale: float) -> list[Box]:
    """Cell borders (the rules of one of `find_rules`' masks) in points."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = (cv2.boundingRect(c) for c in contours)
    return [Box(x * scale, y * scale, (x + w) * scale, (y + h) * scale) for x, y, w, h in boxes]


def _rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def tesseract_installed() -> bool:
    """Whether pytesseract finds its `tesseract` program (on the PATH)."""
    return shutil.which("tesseract") is not None


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
    a non-empty `alphabet` is the only characters Tesseract may read, and the space: its
    LSTM recogniser, denied the space, glues the words of a line (`250 00` read `25000`)
    and gives them confidence 0."""
    words: list[Word] = []
    dx, dy = offset
    for text, conf, x, y, w, h in _tesseract(image, lang, psm, alphabet):
        text = text.strip()
        if not text or conf < _MIN_CONF:
            continue
        box = Box(dx + x * scale, dy + y * scale, dx + (x + w) * scale, dy + (y + h) * scale)
        if len(text) == 1 and text.isdigit() and w < 0.5 * h:
            text = "1"  # a lone digit as narrow as a bar can only be a one (Tesseract says 4)
        words.append(Word(mended(text), box, conf / 100.0, "ocr", ENGINE))
    return words


Row = tuple[str, float, int, int, int, int]
"""A word of Tesseract's TSV: its text, confidence (0-100) and pixel left, top, width, height."""


def _tesseract(image: Image.Image, lang: str, psm: int, alphabet: str) -> list[Row]:
    """Tesseract's words of an image: read by the engine kept in this thread
    (`tess_api`), or by the `tesseract` program where its library cannot be loaded. The
    whitelist ends in a space (see `_words`)."""
    whitelist = f"{alphabet} " if alphabet else ""
    engine = tess_api.engine(lang)
    if engine is not None:
        return tess_api.words(engine.tsv(np.asarray(image), psm, whitelist))
    import pytesseract

    config = f"--psm {psm}"
    if whitelist:
        config += " -c " + shlex.quote(f"tessedit_char_whitelist={whitelist}")
    image.format = "PPM"  # handed over uncompressed: pytesseract writes PNG by default
    data = pytesseract.image_to_data(
        image, lang=lang, config=config, output_type=pytesseract.Output.DICT
    )
    at = ("left", "top", "width", "height")
    return [
        (text, float(data["conf"][i]), *(data[k][i] for k in at))
        for i, text in enumerate(data["text"])
    ]


_PLUS_INSIDE = re.compile(r"(?<=[A-Za-z0-9])\+(?=[A-Za-z0-9])")


def mended(text: str) -> str:
    """A Tesseract word with the slips no form prints undone: a `+` between two letters or
    digits is a hyphen thickened by a fax's halved lines (`V-2023+0117`, `OR+118866`)."""
    return _PLUS_INSIDE.sub("-", text)


def _cleaned(gray: np.ndarray, masks: tuple[np.ndarray, np.ndarray], dpi: int) -> np.ndarray:
    return despeckle(remove_rules(gray, masks), dpi)


def _deskewed(gray: np.ndarray) -> tuple[np.ndarray, list[str]]:
    angle = deskew_angle(gray)
    if abs(angle) < 0.15:
        return gray, []
    return _rotate(gray, angle), [f"deskewed by {angle:.1f} degrees"]


def _legible(words: list[Word]) -> bool:
    """Most words read with good confidence: the page is upright."""
    return len(words) >= 5 and sum(w.conf >= 0.7 for w in words) >= 0.5 * len(words)


def _scan_like(
    image: Image.Image, dpi: int, rendered: bool = False, native: tuple[float, float] | None = None
) -> tuple[np.ndarray, int, list[str]]:
    """The page as a scan: a render of a coarser scan (`native` dpi across and down)
    smoothed, a photo flattened and evenly lit, a resolution under 150 dpi enlarged. `dpi`
    0 (unknown) is taken from the text's own size (`camera.effective_dpi`), which also
    lowers an image file's stated dpi; a PDF page `rendered` at `dpi` keeps it. Returns the
    image, its dpi and notes."""
    gray, notes = np.asarray(image.convert("L")), []
    smooth = camera.smooth_render(gray, native, dpi) if native and dpi else None
    if smooth is not None:
        gray = smooth
        notes.append(f"scan at {native[0]:.0f}x{native[1]:.0f} dpi: resampled smoothly to {dpi}")
    gray, photo = camera.prepare_photo(gray)
    notes += photo
    # a PDF page rendered at a known dpi needs its text's size only to say why it is enlarged
    seen = None if rendered and dpi else camera.effective_dpi(gray)
    dpi = dpi or max(72, min(600, seen or 150))
    factor = camera.upscale_factor(dpi if rendered else min(dpi, seen or dpi), gray.shape)
    if factor > 1.0:
        seen = camera.effective_dpi(gray) if seen is None else seen
        new_dpi = round(dpi * factor)
        size = (round(gray.shape[1] * new_dpi / dpi), round(gray.shape[0] * new_dpi / dpi))
        gray = cv2.resize(gray, size, interpolation=cv2.INTER_CUBIC)
        notes.append(f"text at about {seen} dpi: enlarged {new_dpi / dpi:.1f}x")
        dpi = new_dpi
    return gray, dpi, notes


def ocr_image(
    image: Image.Image,
    number: int,
    dpi: int,
    lang: str = "eng",
    engine: str = "auto",
    rendered: bool = False,
    native: tuple[float, float] | None = None,
) -> Page:
    """OCR one page image rendered at `dpi` (0: unknown) into a Page measured in points;
    `native` is the resolution (across, down) of the scan the page was rendered from.

    The page is made scan-like and deskewed; only when it reads badly is Tesseract's
    orientation detection asked whether it is turned (that costs a second pass). With
    `engine` "auto", PP-OCR reads Tesseract's suspect numeric words again, and the whole
    page when Tesseract failed on it; "tesseract" or "ppocr" use that engine alone."""
    gray, dpi, notes = _scan_like(image, dpi, rendered, native)
    scale = 72.0 / dpi
    gray, turned = _deskewed(gray)
    notes += turned
    masks = find_rules(gray)
    words: list[Word] = []
    clean = None
    if engine != "ppocr":
        clean = _cleaned(gray, masks, dpi)
        words = _words(Image.fromarray(clean), lang, scale)
        if not _legible(words):
            turn = _orientation(Image.fromarray(gray))
            if turn:
                gray = np.asarray(Image.fromarray(gray).rotate(-turn, expand=True, fillcolor=255))
                notes.append(f"rotated by {turn} degrees")
                masks = find_rules(gray)
                clean = _cleaned(gray, masks, dpi)
                words = _words(Image.fromarray(clean), lang, scale)
    alternate: list[Word] = []
    if engine == "ppocr" or (engine == "auto" and evidence.page_failed(words)):
        second = ppocr.read_words(gray, scale)
        alternate = second
        if engine == "ppocr" or evidence.choose_page(words, second):
            words, alternate = second, words
            notes.append("read by PP-OCR" + (" (Tesseract's reading failed)" * (engine == "auto")))
    if engine == "auto" and clean is not None and words and words[0].engine == ENGINE:
        words = _with_missed(_second_readings(clean, words, scale), clean, words, dpi)
    height, width = gray.shape
    page = Page(number, width * scale, height * scale, words, "ocr")
    page.rules, page.floors = rule_boxes(masks[1], scale), rule_boxes(masks[0], scale)
    page.alternate = alternate if engine == "auto" else []
    page.image, page.dpi, page.lang = _kept(gray), dpi, lang
    page.warnings.extend(f"page {number}: {n}" for n in notes)
    return page


def _kept(gray: np.ndarray) -> PageImage:
    """The page image as kept with the page: its pixels, made read-only (crops share them)."""
    gray = np.ascontiguousarray(gray)
    gray.setflags(write=False)
    return PageImage(gray)


def _with_missed(read: list[Word], clean: np.ndarray, words: list[Word], dpi: int) -> list[Word]:
    """The page's words (`read`) and PP-OCR's readings of the spots Tesseract's `words` left
    unread; a word inside such a spot is part of what PP-OCR read there (the `00` Tesseract
    read of `26,179.00`), so it gives way to that reading."""
    found = _missed_words(clean, words, dpi)
    kept = [w for w in read if not any(spot.contains_center(w.box) for spot, _ in found)]
    return kept + [w for _, there in found for w in there]


def _missed_words(clean: np.ndarray, words: list[Word], dpi: int) -> list[tuple[Box, list[Word]]]:
    """PP-OCR's readings of the inked spots Tesseract gave no word (a value beside a `$`
    Tesseract's layout analysis skipped): value-sized ink clusters mostly outside every
    word's box, recognised alone and kept when sure and shaped like a value
    (`evidence.accept_missed`), and when they hold the digits of the words inside them."""
    k, scale = dpi / 300.0, 72.0 / dpi
    ink = cv2.threshold(clean, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    joined = cv2.dilate(ink, np.ones((max(1, round(3 * k)), max(3, round(18 * k))), np.uint8))
    covered = np.zeros_like(ink)
    for w in words:
        x0, y0 = int(w.box.x0 / scale), int(w.box.top / scale)
        covered[y0 : int(w.box.bottom / scale) + 1, x0 : int(w.box.x1 / scale) + 1] = 1
    spots = []
    for x, y, w, h, area in _parts(joined)[0][1:]:
        if not (12 * k <= h <= 70 * k and 1.8 * h <= w <= 15 * h and area >= 0.3 * w * h):
            continue  # three digits wide at least, and no wider than a value (a cut line)
        if covered[y : y + h, x : x + w].mean() > 0.2:
            continue
        spots.append((x, y, w, h))
    spots = sorted(spots, key=lambda s: -s[2] * s[3])[: evidence.MAX_REREADS]
    pad = round(6 * k)
    crops = [
        clean[max(0, y - pad) : y + h + pad, max(0, x - pad) : x + w + pad] for x, y, w, h in spots
    ]
    found: list[tuple[Box, list[Word]]] = []
    for (x, y, w, h), (text, conf) in zip(spots, ppocr.recognise(crops), strict=True):
        box = Box(x * scale, y * scale, (x + w) * scale, (y + h) * scale)
        inside = "".join(c for v in words if box.contains_center(v.box) for c in v.text)
        if evidence.accept_missed(text, conf) and evidence.digits(inside) in evidence.digits(text):
            found.append((box, ppocr.split_words(text, box, conf)))
    return found


Run = tuple[list[Word], Box, bool]
"""Words to read again, the box to read, and whether it reaches past the words' ink."""


INK = 200
"""Grey level under which a pixel of the cleaned page is ink (a faint decimal point too)."""


def _suspect_runs(words: list[Word], clean: np.ndarray, scale: float) -> list[Run]:
    """Runs of numeric words side by side on a line (Tesseract splits `37%.60.56`) that
    `evidence.suspect_run` says to read again, or whose ink goes on past their box
    (`_ink_end`), each with the box to read, the least confident first, at most
    `evidence.MAX_REREADS`."""
    runs: list[list[Word]] = []
    for line in group_lines(words):
        run: list[Word] = []
        for w in line.words:
            h = max(w.box.height, run[-1].box.height) if run else 0.0  # `$` reaches lower
            near = run and w.box.x0 - run[-1].box.x1 < 1.2 * h
            if evidence.numeric(w) and (not run or near):
                run.append(w)
                continue
            tight = run and w.box.x0 - run[-1].box.x1 < 1.5 * h
            if tight and evidence.garbled_tail(w, run[-1]):
                run.append(w)  # `$90` `697` `yee`: the cents misread as letters
            runs.append(run)
            run = [w] if evidence.numeric(w) else []
        runs.append(run)
    out: list[Run] = []
    for run in filter(None, runs):
        box = run[0].box.union(run[-1].box)
        digits = sum(c.isdigit() for w in run for c in w.text)
        end = _ink_end(clean, box, words, scale) if digits >= evidence.MIN_DIGITS else 0.0
        if end > box.x1 + 0.3 * box.height:
            out.append((run, Box(box.x0, box.top, end, box.bottom), True))
        elif evidence.suspect_run(run) or (
            len(run) > 1 and evidence.garbled_tail(run[-1], run[-2])
        ):
            out.append((run, box, False))
    out.sort(key=lambda r: min(w.conf for w in r[0]))
    return out[: evidence.MAX_REREADS]


def _ink_end(clean: np.ndarray, box: Box, words: list[Word], scale: float) -> float:
    """Where the ink that goes on from a word's box along its line ends (points), blanks
    up to a little over the word's height (a monospaced decimal point's) and other words'
    boxes apart: Tesseract's box of a value may leave its last characters out (`$90,340`
    of `$90,340.95`, `535` of `5357.55`)."""
    h = box.height / scale
    y0, y1 = int(box.top / scale), int(box.bottom / scale) + 1
    x = int(box.x1 / scale) + 1
    stop = min(
        (w.box.x0 for w in words if w.box.x0 >= box.x1 - 1 and w.box.v_overlap(box) > 0),
        default=clean.shape[1] * scale,
    )
    band = clean[y0:y1, x : int(stop / scale - 0.3 * h)] < INK  # the next word's own edge
    end, blank = x, 0
    for i, inked in enumerate(band.sum(axis=0) >= 2):
        if inked:
            end, blank = x + i + 1, 0
        elif (blank := blank + 1) > 1.2 * h:
            break
    return end * scale


def _neighbours(run: list[Word], box: Box, words: list[Word]) -> tuple[float, float]:
    """Where the nearest other words on the run's line end on its left and begin on its
    right (points): a crop's padding stops there, as a neighbour's first digit read with
    the run (`7795` for `779.` beside `58`) would be a digit the run does not hold."""
    own = {id(x) for x in run}
    line = [x for x in words if id(x) not in own and x.box.v_overlap(box) > 0.5 * box.height]
    left = max((x.box.x1 for x in line if x.box.x1 <= box.x0 + 1), default=-1e9)
    right = min((x.box.x0 for x in line if x.box.x0 >= box.x1 - 1), default=1e9)
    return left, right


def _second_readings(clean: np.ndarray, words: list[Word], scale: float) -> list[Word]:
    """Tesseract's words with each suspect run replaced by PP-OCR's reading of its padded
    crop where `evidence.choose` prefers it."""
    runs = _suspect_runs(words, clean, scale)
    if not runs:
        return words
    crops = []
    h, w = clean.shape
    for run, box, _ in runs:
        pad = box.height / scale * 0.35
        left, right = _neighbours(run, box, words)
        x0 = max(0, int(box.x0 / scale - 2 * pad), int(left / scale) + 1)
        x1 = min(w, int(box.x1 / scale + 2 * pad), int(right / scale) - 1)
        y0, y1 = max(0, int(box.top / scale - pad)), min(h, int(box.bottom / scale + pad))
        crops.append(clean[y0:y1, x0:x1])
    replaced: dict[int, Word | None] = {}
    for (run, box, wider), (text, conf) in zip(runs, ppocr.recognise(crops), strict=True):
        tess_text = "".join(w.text for w in run)
        tess_conf = min(w.conf for w in run)
        text = text.replace(" ", "")
        joined = len(run) > 1 and text == tess_text  # PP-OCR confirms one word split in two
        kept = evidence.choose(tess_text, tess_conf, text, conf, len(run) > 1, wider)
        if kept == tess_text and not joined:
            continue
        replaced[id(run[0])] = Word(text, box, conf, "ocr", ppocr.ENGINE)
        replaced.update((id(x), None) for x in run[1:])
    out = [replaced.get(id(x), x) for x in words]
    return [x for x in out if x is not None]


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


def recognise_region(page: Page, box: Box) -> list[Word]:
    """One line of an OCR page (`box`) read by PP-OCR's recogniser alone, as words sharing
    the box; none when it is unsure (under 0.5) or the page has no image."""
    gray = crop_pixels(page, box)
    if gray is None:
        return []
    text, conf = ppocr.recognise([gray])[0]
    return ppocr.split_words(text, box, conf) if text and conf >= 0.5 else []


def other_reading(page: Page, why: str) -> Page | None:
    """The OCR page as the other engine read it: its `alternate` words where both engines
    read the whole page, else PP-OCR's reading of its upright image (Tesseract's reading
    missed what the form's structure says is there: `why`, said in the page's warnings).
    None for a page without an image, or one PP-OCR alone read."""
    if page.alternate:
        words, warnings = page.alternate, page.warnings
    elif page.image is None or not page.dpi or all(w.engine == ppocr.ENGINE for w in page.words):
        return None
    else:
        words = ppocr.read_words(page.image.gray, 72.0 / page.dpi)
        warnings = [*page.warnings, f"page {page.number}: read again by PP-OCR ({why})"]
    again = Page(page.number, page.width, page.height, words, "ocr", list(warnings))
    again.rules, again.floors = page.rules, page.floors
    again.image, again.dpi, again.lang = page.image, page.dpi, page.lang
    again.rereader, again.recogniser = page.rereader, page.recogniser
    return again
