"""Turn a clean PDF into a photocopy-like scan: raster pages, skew, noise, blur, no text layer."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

PAPER_WHITE = 200
FIXED_DATE = time.strptime(
    "2025-01-31 09:00", "%Y-%m-%d %H:%M"
)  # so remade samples are byte-identical


def save_image_pdf(images: list[Image.Image], dst_pdf: Path, dpi: int) -> None:
    """An image-only PDF, one page per image, without a text layer."""
    dst_pdf.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(
        dst_pdf,
        "PDF",
        resolution=float(dpi),
        save_all=True,
        append_images=images[1:],
        creationDate=FIXED_DATE,
        modDate=FIXED_DATE,
    )


def render_pages(src_pdf: Path, dpi: int) -> list[Image.Image]:
    """Every page of `src_pdf` as a greyscale image at `dpi`."""
    pdf = pdfium.PdfDocument(str(src_pdf))
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("L") for page in pdf]
    finally:
        pdf.close()


def degrade(
    image: Image.Image, *, skew_deg: float, noise: float, rng: np.random.Generator
) -> Image.Image:
    """Skew, blur slightly, add speckle and grain like a photocopier; `noise` is 0..1."""
    out = image.rotate(skew_deg, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    out = out.filter(ImageFilter.GaussianBlur(radius=0.4 + 0.6 * noise))
    pixels = np.asarray(out, dtype=np.float32)
    pixels = pixels + rng.normal(0.0, 22.0 * noise, pixels.shape)
    speckle = rng.random(pixels.shape) < 0.002 * noise
    pixels[speckle] = 0.0
    pixels = np.clip(pixels * (0.92 + 0.08 * (1 - noise)) + 10.0 * noise, 0, 255)
    pixels[pixels > PAPER_WHITE] = 255.0  # a copier's contrast burns the grain out of the paper
    return Image.fromarray(pixels.astype(np.uint8), mode="L")


def rasterise_and_degrade(
    src_pdf: Path,
    dst_pdf: Path,
    *,
    dpi: int,
    skew_deg: float,
    noise: float,
    rotate180_pages: tuple[int, ...] = (),
    seed: int,
) -> None:
    """Write `dst_pdf` as an image-only PDF of `src_pdf`'s pages, degraded deterministically.

    Pages in `rotate180_pages` (1-based) are turned upside down; every page gets the skew
    `skew_deg` with a small seeded jitter so the pages of one file differ slightly.
    """
    rng = np.random.default_rng(seed)
    images = []
    for number, page in enumerate(render_pages(src_pdf, dpi), start=1):
        skew = skew_deg + float(rng.uniform(-0.15, 0.15))
        image = degrade(page, skew_deg=skew, noise=noise, rng=rng)
        if number in rotate180_pages:
            image = image.rotate(180)
        images.append(image)
    save_image_pdf(images, dst_pdf, dpi)


def write_png(
    src_pdf: Path,
    dst_png: Path,
    dpi: int,
    *,
    skew_deg: float = 0.0,
    noise: float = 0.0,
    page: int = 1,
    seed: int = 0,
) -> None:
    """Write one page of `src_pdf` as a PNG image file (a phone or scanner export)."""
    rng = np.random.default_rng(seed)
    image = degrade(render_pages(src_pdf, dpi)[page - 1], skew_deg=skew_deg, noise=noise, rng=rng)
    dst_png.parent.mkdir(parents=True, exist_ok=True)
    image.save(dst_png, "PNG", dpi=(dpi, dpi))
