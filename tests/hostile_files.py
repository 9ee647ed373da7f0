"""Hostile inputs, generated (never committed): each small on disk, each built to hang a
parser or take gigabytes of memory if nothing stops it."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PIL import Image


def pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (1 0 obj is the catalog) with a correct cross-reference table."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def _one_page(page: bytes, *more: bytes) -> bytes:
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R " + page + b" >>",
            *more,
        ]
    )


def font_loop_pdf(path: Path) -> Path:
    """Two objects that refer to each other as the page's fonts: pdfminer resolves the
    reference forever (the hang a time limit must end)."""
    path.write_bytes(
        _one_page(
            b"/MediaBox [0 0 612 792] /Resources << /Font 4 0 R >> /Contents 6 0 R",
            b"5 0 R",
            b"4 0 R",
            b"<< /Length 0 >>\nstream\n\nendstream",
        )
    )
    return path


def resources_loop_pdf(path: Path) -> Path:
    """The page's resources a chain of references back to itself (refused before parsing)."""
    path.write_bytes(
        _one_page(
            b"/MediaBox [0 0 612 792] /Resources 4 0 R /Contents 6 0 R",
            b"5 0 R",
            b"4 0 R",
            b"<< /Length 0 >>\nstream\n\nendstream",
        )
    )
    return path


def huge_page_pdf(path: Path, points: int = 14400) -> Path:
    """A page of `points` x `points` with no text: rendering it for OCR at 300 dpi would
    take 60,000 x 60,000 pixels."""
    path.write_bytes(
        _one_page(
            b"/MediaBox [0 0 %d %d] /Contents 4 0 R" % (points, points),
            b"<< /Length 0 >>\nstream\n\nendstream",
        )
    )
    return path


def flate_bomb_pdf(path: Path, megabytes: int = 4096) -> Path:
    """A content stream of a few MB that inflates to `megabytes` MB of zeros (one flushed
    deflate block repeated: built in milliseconds, not by compressing gigabytes)."""
    zeros = bytes(1 << 20)
    deflate = zlib.compressobj(9)
    first = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    block = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    stream = first + block * (megabytes - 1) + deflate.flush()
    path.write_bytes(
        _one_page(
            b"/MediaBox [0 0 612 792] /Contents 4 0 R",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream",
        )
    )
    return path


def many_frames_tiff(path: Path, frames: int = 1000, size: tuple[int, int] = (2550, 3300)) -> Path:
    """A TIFF of `frames` blank letter pages at 300 dpi, all pointing at one shared strip
    of pixels (about 1 MB on disk; 25 MB each in RGB once decoded)."""
    width, height = size
    row = (width + 7) // 8
    strip = b"\xff" * (row * height)
    entry_count = 8
    ifd_size = 2 + entry_count * 12 + 4
    first_ifd = 8 + len(strip)
    out = bytearray(b"II*\x00" + struct.pack("<I", first_ifd) + strip)
    for n in range(frames):
        here = first_ifd + n * ifd_size
        following = here + ifd_size if n + 1 < frames else 0
        tags = [
            (256, 4, width), (257, 4, height), (258, 3, 1), (259, 3, 1),
            (262, 3, 1), (273, 4, 8), (278, 4, height), (279, 4, len(strip)),
        ]  # fmt: skip
        out += struct.pack("<H", entry_count)
        for tag, kind, value in tags:
            out += struct.pack("<HHII", tag, kind, 1, value)
        out += struct.pack("<I", following)
    path.write_bytes(bytes(out))
    return path


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG that declares `width` x `height` (its pixel data cut short): the size is in the
    header, so a limit must refuse it before any pixel is decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(bytes(width + 1) * 4)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
    return path


def large_png(path: Path, width: int, height: int) -> Path:
    """A real, decodable blank PNG of `width` x `height` (for memory limits)."""
    Image.new("L", (width, height), 255).save(path, compress_level=1)
    return path
