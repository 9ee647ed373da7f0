"""Image files (PNG, JPEG, TIFF) read as scanned pages: every frame, its resolution, a fax's
unequal resolutions (204x98 dpi) resampled to square pixels."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageSequence

from backtax.extractors.errors import InputError
from backtax.extractors.limits import check_frame, check_image
from backtax.extractors.settings import ExtractSettings

_LETTER_WIDTH_IN = 8.5


def open_image_pages(path: Path, settings: ExtractSettings) -> list[tuple[Image.Image, int]]:
    """Every frame of an image file with its resolution in dpi (guessed from a letter-size
    width when the file does not say); frames and pixels refused past `settings`' limits.
    A frame with unequal horizontal and vertical resolutions (a fax) is stretched to the
    higher one."""
    Image.MAX_IMAGE_PIXELS = settings.max_image_pixels
    try:
        with Image.open(path) as img:
            check_image(img, settings)
            frames = []
            for frame in ImageSequence.Iterator(img):
                check_frame(frame, settings)
                frame.load()
                copy = _flattened(frame)
                dpi_info = frame.info.get("dpi") or img.info.get("dpi")
                if not dpi_info or min(dpi_info) <= 30:
                    frames.append((copy, max(72, round(copy.width / _LETTER_WIDTH_IN))))
                    continue
                xdpi, ydpi = (float(d) for d in dpi_info[:2])
                if abs(xdpi - ydpi) > 0.1 * max(xdpi, ydpi):
                    size = (
                        round(copy.width * max(xdpi, ydpi) / xdpi),
                        round(copy.height * max(xdpi, ydpi) / ydpi),
                    )
                    copy = copy.resize(size, Image.Resampling.BICUBIC)
                frames.append((copy, round(max(xdpi, ydpi))))
            return frames
    except Image.DecompressionBombError as exc:
        raise InputError(f"image too large to read safely ({exc})", "open") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(f"unreadable or truncated image ({exc})", "open") from exc


def _flattened(frame: Image.Image) -> Image.Image:
    """The frame in RGB, transparent parts as white paper (not black)."""
    if frame.mode in ("RGBA", "LA", "PA") or "transparency" in frame.info:
        rgba = frame.convert("RGBA")
        paper = Image.new("RGB", rgba.size, (255, 255, 255))
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return frame.convert("RGB")
