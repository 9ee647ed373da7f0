"""Settings of the extraction itself (not of the flows): OCR and input limits."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

EXTRACTOR_VERSION = "0.1.0"
OCR_ENGINE_ENV = "BACKTAX_OCR_ENGINE"
OCR_ENGINES = ("auto", "tesseract", "ppocr")


@dataclass(frozen=True)
class ExtractSettings:
    dpi: int = 300
    lang: str = "eng"
    max_pages: int = 500
    max_file_bytes: int = 200 * 1024 * 1024
    max_image_pixels: int = 120_000_000
    """Pixels of one image (a file's frame, an image inside a PDF): refused at this limit."""
    max_image_frames: int = 100
    max_page_points: float = 5000.0
    """Width or height of a PDF page in points (72 a inch; letter is 612 x 792)."""
    max_render_pixels: int = 150_000_000
    """Pixels of a PDF page rendered at `dpi` for OCR."""
    max_stream_bytes: int = 256 * 1024 * 1024
    """Decompressed bytes of the content and image streams of one PDF, all together."""
    ocr_workers: int = 0
    """Processes for OCR across pages; 0 means one per core."""
    ocr_worker_mb: int = 1024
    """Memory one OCR process may need (PP-OCR loaded: 0.6-0.9 GB measured): processes
    beyond what the available memory holds at this size are not started."""
    ocr_engine: str = field(default_factory=lambda: os.environ.get(OCR_ENGINE_ENV, "auto"))
    """`auto` (Tesseract, PP-OCR where the page's evidence says), `tesseract` or `ppocr`."""

    def __post_init__(self) -> None:
        if self.ocr_engine not in OCR_ENGINES:
            raise ValueError(f"OCR engine {self.ocr_engine!r}: one of {', '.join(OCR_ENGINES)}")

    def cache_token(self) -> str:
        """What changes extraction output: part of every cache key."""
        return (
            f"v{EXTRACTOR_VERSION}-dpi{self.dpi}-{self.lang}-{self.ocr_engine}"
            f"-{self.limits_token()}"
        )

    def limits_token(self) -> str:
        """The input limits: a verdict such as "too many pages" is kept only under the same."""
        limits = (
            self.max_pages,
            self.max_file_bytes,
            self.max_image_pixels,
            self.max_image_frames,
            self.max_page_points,
            self.max_render_pixels,
            self.max_stream_bytes,
        )
        return "l" + "-".join(f"{v:g}" for v in limits)
