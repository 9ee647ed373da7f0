"""Image files (PNG, JPEG, TIFF) read as scanned pages."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageSequence

from extractors.errors import InputError
from extractors.limits import check_frame, check_image
from extractors.settings import ExtractSettings

_LETTER_WIDTH_IN = 8.5


def open_image_pages(path: Path, settings: ExtractSettings) -> list[tuple[Image.Image, int]]:
    """Every frame of an image file with its resolution in dpi (guessed from a letter-size
    width when the file does not say); frames and pixels refused past `settings`' limits."""
    Image.MAX_IMAGE_PIXELS = settings.max_image_pixels
    try:
        with Image.open(path) as img:
            check_image(img, settings)
            frames = []
            for frame in ImageSequence.Iterator(img):
                check_frame(frame, settings)
                frame.load()
                dpi_info = frame.info.get("dpi") or img.info.get("dpi")
                dpi = round(float(dpi_info[0])) if dpi_info and dpi_info[0] > 30 else 0
                copy = frame.convert("RGB")
                frames.append((copy, dpi or max(72, round(copy.width / _LETTER_WIDTH_IN))))
            return frames
    except Image.DecompressionBombError as exc:
        raise InputError(f"image too large to read safely ({exc})", "open") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(f"unreadable or truncated image ({exc})", "open") from exc
