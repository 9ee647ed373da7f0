"""Settings of the extraction itself (not of the flows): OCR and input limits."""

from __future__ import annotations

from dataclasses import dataclass

EXTRACTOR_VERSION = "0.1.0"


@dataclass(frozen=True)
class ExtractSettings:
    dpi: int = 300
    lang: str = "eng"
    max_pages: int = 500
    max_file_bytes: int = 200 * 1024 * 1024
    max_image_pixels: int = 120_000_000
    ocr_workers: int = 0
    """Processes for OCR across pages; 0 means one per core."""

    def cache_token(self) -> str:
        """What changes extraction output: part of every cache key."""
        return f"v{EXTRACTOR_VERSION}-dpi{self.dpi}-{self.lang}"
