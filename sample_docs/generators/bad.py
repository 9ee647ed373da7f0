"""Inputs backtax must refuse with a clear reason (exit 3), written under `root/bad`:
not a PDF, empty, truncated, password-protected, an image declaring huge dimensions,
and a blank scanned page with nothing to read."""

from __future__ import annotations

import struct
import sys
import tempfile
import zlib
from pathlib import Path

import numpy as np
from PIL import Image
from pypdf import PdfReader, PdfWriter

from sample_docs.generators.people import ACME, JOHN
from sample_docs.generators.scan import degrade, save_image_pdf
from sample_docs.generators.w2_model import W2, payroll_amounts
from sample_docs.generators.w2_payroll import TWO_UP_STYLE, draw_sheet

USER_PASSWORD = "s3cret"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def huge_png(width: int, height: int) -> bytes:
    """A PNG whose header declares `width` x `height` greyscale pixels but holds one row."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    row = zlib.compress(b"\x00" + b"\xff" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", row)
        + _png_chunk(b"IEND", b"")
    )


def generate(root: Path) -> None:
    out = root / "bad"
    out.mkdir(parents=True, exist_ok=True)
    (out / "not_a_pdf.pdf").write_text("Meeting notes, not a PDF at all.\nSee you on Monday.\n")
    (out / "empty.pdf").write_bytes(b"")
    with tempfile.TemporaryDirectory() as tmp:
        w2 = W2(JOHN, ACME, 2024, payroll_amounts(2024, "41000.00", federal="3900.00"))
        source = Path(tmp) / "w2.pdf"
        draw_sheet(source, [(w2, TWO_UP_STYLE, ("B", "C"))])
        data = source.read_bytes()
        (out / "truncated.pdf").write_bytes(data[:300])
        writer = PdfWriter(clone_from=PdfReader(source))
        writer.encrypt(user_password=USER_PASSWORD, owner_password="owner", algorithm="AES-256")
        with (out / "encrypted_w2.pdf").open("wb") as handle:
            writer.write(handle)
    (out / "huge_image.png").write_bytes(huge_png(60000, 60000))
    blank = Image.new("L", (1700, 2200), 255)
    noisy = degrade(blank, skew_deg=0.8, noise=0.4, rng=np.random.default_rng(7))
    save_image_pdf([noisy], out / "blank_scan.pdf", 200)


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1])
