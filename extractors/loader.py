"""Opening an input safely and turning it into Pages, choosing a reader per page.

A page with a usable text layer is read with pdfplumber (plus its filled form fields);
a page without one (a scan, or a garbage invisible OCR layer) goes through Tesseract.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import pdfplumber
import pypdfium2
from pdfminer.pdfparser import PDFSyntaxError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from backtax.extractors.errors import InputError
from backtax.extractors.limits import available_mb, check_pdf
from backtax.extractors.page import Page
from backtax.extractors.readers.form_fields import read_form_words
from backtax.extractors.readers.images import open_image_pages
from backtax.extractors.readers.ocr import (
    NO_TESSERACT,
    ocr_image,
    read_region,
    recognise_region,
    tesseract_installed,
)
from backtax.extractors.readers.text_layer import read_text_layer, text_quality
from backtax.extractors.settings import ExtractSettings

logging.getLogger("pdfminer").setLevel(logging.ERROR)
logging.getLogger("pypdf").setLevel(logging.ERROR)

PDF_MAGIC = b"%PDF-"
IMAGE_MAGICS = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
MIN_TEXT_WORDS = 8
MIN_TEXT_QUALITY = 0.6
IN_WORKER_ENV = "BACKTAX_IN_WORKER"


@dataclass
class LoadedFile:
    sha256: str
    pages: list[Page]
    title: str = ""
    """The PDF's own title (metadata), a last resort for the tax year."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sniff(path: Path, settings: ExtractSettings) -> str:
    """'pdf' or 'image', or an InputError saying why the file is neither."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", "open", verdict=False) from exc
    if size == 0:
        raise InputError("empty file (0 bytes)", "open")
    if size > settings.max_file_bytes:
        raise InputError(
            f"file too large ({size:,} bytes; limit {settings.max_file_bytes:,})", "open"
        )
    with path.open("rb") as fh:
        head = fh.read(1024)
    if PDF_MAGIC in head:
        return "pdf"
    if head.startswith(IMAGE_MAGICS):
        return "image"
    raise InputError("not a PDF or image file", "open")


def load(path: Path, settings: ExtractSettings | None = None) -> LoadedFile:
    settings = settings or ExtractSettings()
    kind = sniff(path, settings)
    digest = sha256_of(path)
    if kind == "image":
        frames = open_image_pages(path, settings)
        _need_ocr_engine(settings)
        pages = [
            ocr_image(img, i + 1, dpi, settings.lang, settings.ocr_engine)
            for i, (img, dpi) in enumerate(frames)
        ]
        title = ""
    else:
        pages, title = _load_pdf(path, settings)
    _reject_unreadable(pages)
    for page in pages:
        if page.method == "ocr":
            page.rereader = read_region  # form code reads a cell again through the page
            if settings.ocr_engine != "tesseract":
                page.recogniser = recognise_region
    return LoadedFile(digest, pages, title)


def _open_reader(path: Path) -> PdfReader:
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("encrypted PDF: it needs a password to open", "open")
        _ = len(reader.pages)
        return reader
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"corrupt or truncated PDF ({exc})", "open") from exc


def _load_pdf(path: Path, settings: ExtractSettings) -> tuple[list[Page], str]:
    reader = _open_reader(path)
    try:
        title = str((reader.metadata or {}).get("/Title") or "")
    except (PdfReadError, ValueError, TypeError):
        title = ""
    count = len(reader.pages)
    if count == 0:
        raise InputError("PDF has no pages", "open")
    if count > settings.max_pages:
        raise InputError(
            f"too many pages ({count:,}; limit {settings.max_pages:,}): split the file", "open"
        )
    _check_limits(reader, settings)
    pages: list[Page | None] = []
    needs_ocr: list[tuple[int, Resolution | None]] = []  # a page and its scan's resolution
    try:
        with pdfplumber.open(path, password="") as pdf:
            for i, plumber_page in enumerate(pdf.pages):
                page = _text_or_form_page(plumber_page, reader, i)
                if page is None:
                    needs_ocr.append((i, scan_resolution(plumber_page)))
                pages.append(page)
    except InputError:
        raise
    except OSError as exc:  # the file, not its bytes: read again next time
        reason = f"cannot read file ({exc.strerror or exc})"
        raise InputError(reason, "read", verdict=False) from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise InputError(f"corrupt or truncated PDF ({type(exc).__name__}: {exc})", "read") from exc
    for (i, _), page in zip(needs_ocr, _ocr_pdf_pages(path, needs_ocr, settings), strict=True):
        pages[i] = page
    return [p for p in pages if p is not None], title


def _check_limits(reader: PdfReader, settings: ExtractSettings) -> None:
    """The page sizes, images and streams the PDF declares, within the limits (limits.py)."""
    try:
        check_pdf(reader, settings)
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        reason = f"corrupt or truncated PDF ({type(exc).__name__}: {exc})"
        raise InputError(reason, "open") from exc


def _text_or_form_page(
    plumber_page: pdfplumber.page.Page, reader: PdfReader, i: int
) -> Page | None:
    """The page from its text layer and form fields, or None when it needs OCR."""
    page = read_text_layer(plumber_page, i + 1)
    form_words = read_form_words(reader, i)
    if len(page.words) < MIN_TEXT_WORDS or text_quality(page) < MIN_TEXT_QUALITY:
        return None
    if form_words:
        page.words.extend(form_words)
        page.method = "form"
    return page


def _ocr_one(
    path: str, index: int, native: Resolution | None, dpi: int, lang: str, engine: str
) -> Page:
    """OCR of one page, rendered by PDFium as pdfplumber's `to_image` renders it (no
    anti-aliasing) without pdfplumber's parse of the file again."""
    pdf = pypdfium2.PdfDocument(path, password="")
    try:
        bitmap = pdf[index].render(
            scale=dpi / 72,
            no_smoothtext=True,
            no_smoothpath=True,
            no_smoothimage=True,
            prefer_bgrx=True,
        )
        image = bitmap.to_pil()
    finally:
        pdf.close()
    return ocr_image(image, index + 1, dpi, lang, engine, rendered=True, native=native)


Resolution = tuple[float, float]


def scan_resolution(page: pdfplumber.page.Page) -> Resolution | None:
    """The resolution (dpi across, down) of the one image that covers a scanned page: its
    pixels over the size it is drawn at; None when no single image covers most of the page."""
    covering = [
        im
        for im in page.images
        if (im["x1"] - im["x0"]) * (im["bottom"] - im["top"]) >= 0.8 * page.width * page.height
    ]
    if len(covering) != 1 or not covering[0].get("srcsize"):
        return None
    im = covering[0]
    width, height = im["srcsize"]
    return width * 72 / (im["x1"] - im["x0"]), height * 72 / (im["bottom"] - im["top"])


def _ocr_pdf_pages(
    path: Path, pages: list[tuple[int, Resolution | None]], settings: ExtractSettings
) -> list[Page]:
    if not pages:
        return []
    _need_ocr_engine(settings)
    args = [
        (str(path), i, native, settings.dpi, settings.lang, settings.ocr_engine)
        for i, native in pages
    ]
    workers = _workers(settings, len(pages))
    if workers <= 1:
        return [_ocr_one(*a) for a in args]
    with ProcessPoolExecutor(
        workers, mp_context=get_context("fork"), initializer=_mark_worker
    ) as pool:
        return list(pool.map(_ocr_one, *zip(*args, strict=True)))


def _need_ocr_engine(settings: ExtractSettings) -> None:
    """Before any page is read by OCR: Tesseract is there, unless PP-OCR alone reads.
    Not the file's fault, so not a verdict: the file is read again once it is installed."""
    if settings.ocr_engine != "ppocr" and not tesseract_installed():
        raise InputError(NO_TESSERACT, "ocr", verdict=False)


def _workers(settings: ExtractSettings, jobs: int) -> int:
    """Processes for `jobs`: one per core (or `settings.ocr_workers`), no more than the
    available memory holds at `settings.ocr_worker_mb` each (PP-OCR loaded in each)."""
    if os.environ.get(IN_WORKER_ENV):
        return 1
    cores = settings.ocr_workers or os.cpu_count() or 1
    free = available_mb()
    room = free // settings.ocr_worker_mb if free is not None else cores
    return max(1, min(cores, jobs, room))


def _mark_worker() -> None:
    os.environ[IN_WORKER_ENV] = "1"


def _reject_unreadable(pages: list[Page]) -> None:
    """A document where no page gave readable words is an unreadable scan."""
    if all(len(p.words) < 3 or p.confidence < 0.3 for p in pages):
        raise InputError("unreadable scan: no text could be recognised on any page", "ocr")


def run_in_pool(
    func: Callable, items: list, settings: ExtractSettings, on_done: Callable | None = None
) -> list:
    """Map `func` over items in worker processes (one per core), in order; `on_done` is
    called with each result as it arrives (for progress bars)."""
    workers = _workers(settings, len(items))
    results = []
    if workers <= 1:
        mapped = map(func, items)
        pool = None
    else:
        pool = ProcessPoolExecutor(
            workers, mp_context=get_context("fork"), initializer=_mark_worker
        )
        mapped = pool.map(func, items)
    try:
        for result in mapped:
            results.append(result)
            if on_done:
                on_done(result)
    finally:
        if pool:
            pool.shutdown()
    return results
