"""Input limits checked before any page is parsed or rendered: what a file declares it holds.

A hostile file is small and declares something huge (a 14400 pt page, a billion-pixel
image, a stream that inflates a thousandfold, a thousand frames). Each is refused here
with the limit it broke, from the file's own declarations, before the work that would
take the memory starts. The worker's memory and time limits (flows/workers.py) are the
backstop for what no declaration shows.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject, StreamObject

from backtax.extractors.errors import InputError
from backtax.extractors.settings import ExtractSettings

_MAX_REFERENCE_CHAIN = 32
_CHUNK = 1 << 16


def check_pdf(reader: PdfReader, settings: ExtractSettings) -> None:
    """Every page's size (points and pixels at the OCR resolution), the images' pixels and
    the decompressed size of content and image streams, all within `settings`."""
    budget = _StreamBudget(settings.max_stream_bytes)
    seen: set[int] = set()
    for number, page in enumerate(reader.pages, 1):
        _check_page_size(page.mediabox.width, page.mediabox.height, number, settings)
        for stream in _page_streams(page, seen):
            _check_image(stream, number, settings)
            budget.spend(stream, number)


def check_image(image: Image.Image, settings: ExtractSettings) -> None:
    """An image file's frame count and the pixels of its first frame, before any is decoded."""
    frames = getattr(image, "n_frames", 1)
    if frames > settings.max_image_frames:
        raise InputError(
            f"too many frames in the image ({frames:,}; limit {settings.max_image_frames:,})"
        )
    check_frame(image, settings)


def check_frame(image: Image.Image, settings: ExtractSettings) -> None:
    pixels = image.width * image.height
    if pixels > settings.max_image_pixels:
        raise InputError(
            f"image too large ({image.width:,} x {image.height:,} = {pixels:,} pixels; "
            f"limit {settings.max_image_pixels:,})"
        )


def _check_page_size(width: float, height: float, number: int, settings: ExtractSettings) -> None:
    w, h = abs(float(width)), abs(float(height))
    if max(w, h) > settings.max_page_points:
        raise InputError(
            f"page {number} is {w:,.0f} x {h:,.0f} points "
            f"(limit {settings.max_page_points:,.0f} a side)"
        )
    pixels = round(w / 72 * settings.dpi) * round(h / 72 * settings.dpi)
    if pixels > settings.max_render_pixels:
        raise InputError(
            f"page {number} would render to {pixels:,} pixels at {settings.dpi} dpi "
            f"(limit {settings.max_render_pixels:,})"
        )


def _check_image(stream: StreamObject, number: int, settings: ExtractSettings) -> None:
    if stream.get("/Subtype") != "/Image":
        return
    width, height = int(_resolve(stream.get("/Width", 0))), int(_resolve(stream.get("/Height", 0)))
    if width * height > settings.max_image_pixels:
        raise InputError(
            f"page {number} holds an image of {width:,} x {height:,} pixels "
            f"(limit {settings.max_image_pixels:,})"
        )


class _StreamBudget:
    """Decompressed bytes left for the file: inflated in chunks, stopped at the limit."""

    def __init__(self, limit: int) -> None:
        self.limit, self.left = limit, limit

    def spend(self, stream: StreamObject, number: int) -> None:
        filters = _resolve(stream.get("/Filter"))
        names = [str(_resolve(f)) for f in filters] if isinstance(filters, list) else [str(filters)]
        raw = stream._data
        if names and names[0] in ("/FlateDecode", "/Fl"):
            self._inflate(raw, number)
        else:
            self._take(len(raw), number)

    def _inflate(self, raw: bytes, number: int) -> None:
        inflater = zlib.decompressobj()
        try:
            for start in range(0, len(raw), _CHUNK):
                data = raw[start : start + _CHUNK]
                while data:  # at most a megabyte out at a time, whatever the ratio
                    self._take(len(inflater.decompress(data, 16 * _CHUNK)), number)
                    data = inflater.unconsumed_tail
        except zlib.error:
            return  # a broken stream is the parser's to report, not a size to count

    def _take(self, size: int, number: int) -> None:
        self.left -= size
        if self.left < 0:
            raise InputError(
                f"page {number}: compressed streams expand past {self.limit:,} bytes "
                "(a decompression bomb, or a file too large to read safely)"
            )


def _page_streams(page: DictionaryObject, seen: set[int]) -> Iterator[StreamObject]:
    """The page's content streams and the XObjects it uses, form XObjects followed."""
    contents = _resolve(page.get("/Contents"))
    for item in contents if isinstance(contents, ArrayObject) else [contents]:
        stream = _resolve(item)
        if isinstance(stream, StreamObject) and _first_time(stream, seen):
            yield stream
    yield from _resource_streams(page, seen)


def _resource_streams(holder: DictionaryObject, seen: set[int]) -> Iterator[StreamObject]:
    resources = _resolve(holder.get("/Resources"))
    if not isinstance(resources, DictionaryObject):
        return
    xobjects = _resolve(resources.get("/XObject"))
    if not isinstance(xobjects, DictionaryObject):
        return
    for ref in xobjects.values():
        stream = _resolve(ref)
        if isinstance(stream, StreamObject) and _first_time(stream, seen):
            yield stream
            if stream.get("/Subtype") == "/Form":
                yield from _resource_streams(stream, seen)


def _first_time(stream: StreamObject, seen: set[int]) -> bool:
    key = id(stream)
    if key in seen:
        return False
    seen.add(key)
    return True


def _resolve(obj: PdfObject | None) -> PdfObject | None:
    """Follow a chain of references, refusing one that never ends (objects naming each other)."""
    for _ in range(_MAX_REFERENCE_CHAIN):
        if not isinstance(obj, IndirectObject):
            return obj
        try:
            obj = obj.pdf.get_object(obj)
        except (AttributeError, RecursionError) as exc:
            raise InputError("corrupt PDF: objects refer to each other in a loop") from exc
    raise InputError("corrupt PDF: objects refer to each other in a loop")


def available_mb() -> int | None:
    """Memory the system can still give without swapping (Linux's MemAvailable), in MB;
    None where /proc/meminfo does not say."""
    try:
        with open("/proc/meminfo") as meminfo:
            line = next(ln for ln in meminfo if ln.startswith("MemAvailable"))
        return int(line.split()[1]) // 1024
    except (OSError, StopIteration, ValueError, IndexError):
        return None
