"""Turn a clean PDF into a scan-like copy without a text layer: a photocopy (skew, noise,
blur), a phone photo (a page on a table, perspective, shadow, blur), a fax (200x100 dpi,
black and white), a low-resolution export (100-150 dpi) or a copier's binarised page."""

from __future__ import annotations

import time
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

PAPER_WHITE = 200
FIXED_DATE = time.strptime(
    "2025-01-31 09:00", "%Y-%m-%d %H:%M"
)  # so remade samples are byte-identical


def save_image_pdf(images: list[Image.Image], dst_pdf: Path, dpi: int | tuple[int, int]) -> None:
    """An image-only PDF, one page per image, without a text layer; `dpi` may differ
    across and down (a fax's 200x100)."""
    dst_pdf.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(
        dst_pdf,
        "PDF",
        dpi=dpi if isinstance(dpi, tuple) else (dpi, dpi),
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


STYLES = ("photo", "fax", "lowres", "binarised")


def photograph(image: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A phone photo of the page: on a darker textured table, its corners pulled in by a
    seeded perspective, a shadow across it, slightly out of focus, with sensor noise."""
    page = np.asarray(image, dtype=np.float32)
    h, w = page.shape
    margin = round(0.12 * max(h, w))
    table = 70 + 25 * rng.random() + rng.normal(0, 10, (h + 2 * margin, w + 2 * margin))
    table = cv2.GaussianBlur(table.astype(np.float32), (0, 0), 3)
    jitter = rng.uniform(0.0, 0.06, (4, 2)) * [w, h]
    corners = np.float32(
        [[margin, margin], [margin + w, margin], [margin + w, margin + h], [margin, margin + h]]
    ) + np.float32(jitter * [[1, 1], [-1, 1], [-1, -1], [1, -1]])
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    m = cv2.getPerspectiveTransform(src, corners)
    size = table.shape[::-1]
    sheet = cv2.warpPerspective(page * 0.97 + 4, m, size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones_like(page), m, size, flags=cv2.INTER_LINEAR)
    out = sheet * mask + table * (1 - mask)
    gy, gx = np.mgrid[0 : out.shape[0], 0 : out.shape[1]].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(angle) * gx / out.shape[1] + np.sin(angle) * gy / out.shape[0]) + 1
    out *= 1.0 - 0.22 * ramp / ramp.max()  # a shadow falling across the sheet
    out = cv2.GaussianBlur(out, (0, 0), 1.1)
    out += rng.normal(0, 5, out.shape)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), mode="L")


def binarise(image: Image.Image, level: int = 150) -> Image.Image:
    """Black and white as a copier or fax machine makes it (no grey)."""
    return image.point(lambda v: 255 if v > level else 0).convert("1")


def write_style(src_pdf: Path, dst: Path, style: str, *, seed: int, dpi: int = 200) -> None:
    """Write `src_pdf` as one of `STYLES` (deterministic for a seed): `photo` an image-only
    PDF of phone photos, `fax` a PDF at 200x100 dpi in black and white, `lowres` an
    image-only PDF at `dpi` (100-150), `binarised` a 300 dpi copier page in black and white."""
    rng = np.random.default_rng(seed)
    if style == "photo":
        pages = [photograph(p, rng) for p in render_pages(src_pdf, dpi)]
        save_image_pdf(pages, dst, dpi)
    elif style == "fax":
        pages = [
            binarise(degrade(p, skew_deg=float(rng.uniform(-0.8, 0.8)), noise=0.2, rng=rng))
            for p in render_pages(src_pdf, 200)
        ]
        squashed = [p.resize((p.width, p.height // 2), Image.Resampling.BOX) for p in pages]
        save_image_pdf(squashed, dst, (200, 100))
    elif style == "lowres":
        pages = [
            degrade(p, skew_deg=float(rng.uniform(-0.6, 0.6)), noise=0.15, rng=rng)
            for p in render_pages(src_pdf, dpi)
        ]
        save_image_pdf(pages, dst, dpi)
    elif style == "binarised":
        pages = [
            binarise(degrade(p, skew_deg=float(rng.uniform(-1, 1)), noise=0.3, rng=rng))
            for p in render_pages(src_pdf, 300)
        ]
        save_image_pdf(pages, dst, 300)
    else:
        raise ValueError(f"unknown scan style {style!r}: one of {', '.join(STYLES)}")
