"""Tesseract kept loaded in the process (`readers/tess_api.py`): the words it gives are the
`tesseract` program's, word for word, on drawn text, with and without a character
whitelist and in any order; each thread loads its model once; nothing is printed."""

from __future__ import annotations

import threading

import pytest
from PIL import Image, ImageDraw, ImageFont

from backtax.extractors.readers import ocr, tess_api
from backtax.extractors.readers.ocr import tesseract_installed

pytestmark = pytest.mark.skipif(
    not tesseract_installed() or tess_api.engine("eng") is None, reason="needs libtesseract"
)

LINES = ["Federal income tax withheld 1,234.56", "Employer ID 12-3456789 Box 12a DD 815.00"]


def _drawn(lines: list[str], height_px: int = 40) -> Image.Image:
    image = Image.new("L", (1400, 60 + len(lines) * int(height_px * 1.8)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=height_px)
    for i, line in enumerate(lines):
        draw.text((30, 30 + i * int(height_px * 1.8)), line, fill=0, font=font)
    return image


def _by_program(image: Image.Image, psm: int, alphabet: str = "") -> list:
    real = tess_api.engine
    tess_api.engine = lambda lang: None  # type: ignore[assignment]
    try:
        return ocr._words(image, "eng", 0.24, psm, (3.0, 5.0), alphabet)
    finally:
        tess_api.engine = real  # type: ignore[assignment]


def test_the_kept_engine_reads_the_drawn_words() -> None:
    """The words drawn (the generator's input), with their boxes on the drawn lines."""
    words = ocr._words(_drawn(LINES), "eng", 0.24, 6)
    assert [w.text for w in words] == " ".join(LINES).split()
    assert all(w.engine == "tesseract" and 0.5 < w.conf <= 1.0 for w in words)
    first_line = [w for w in words if w.box.bottom < 0.24 * (30 + 72)]
    assert [w.text for w in first_line] == LINES[0].split()


@pytest.mark.parametrize(("psm", "alphabet"), [(6, ""), (11, ""), (7, "0123456789.,-")])
def test_the_kept_engine_gives_the_programs_words(psm: int, alphabet: str) -> None:
    """Text, confidence and box of every word as the `tesseract` program gives them, read
    after a whitelisted reading and before one (no setting left over from a call)."""
    image = _drawn(LINES if psm != 7 else LINES[:1])
    ocr._words(_drawn(LINES[1:]), "eng", 0.24, 7, alphabet="0123456789")
    kept = ocr._words(image, "eng", 0.24, psm, (3.0, 5.0), alphabet)
    ocr._words(_drawn(LINES[:1]), "eng", 0.24, 8, alphabet="0123456789")
    again = ocr._words(image, "eng", 0.24, psm, (3.0, 5.0), alphabet)
    assert kept == again == _by_program(image, psm, alphabet)
    assert kept


def test_a_whitelist_is_not_left_set() -> None:
    """Letters are read again after a reading that allowed digits only."""
    digits = ocr._words(_drawn(LINES[:1]), "eng", 0.24, 7, alphabet="0123456789.,")
    assert "Federal" not in [w.text for w in digits]
    assert "Federal" in [w.text for w in ocr._words(_drawn(LINES[:1]), "eng", 0.24, 7)]


def test_one_engine_a_thread_loaded_once() -> None:
    mine = tess_api.engine("eng")
    assert tess_api.engine("eng") is mine
    theirs: list[object] = []
    thread = threading.Thread(target=lambda: theirs.append(tess_api.engine("eng")))
    thread.start()
    thread.join()
    assert theirs[0] is not None and theirs[0] is not mine


def test_threads_read_side_by_side() -> None:
    """Two threads reading at once (each its own engine) read what one reads alone."""
    image = _drawn(LINES)
    alone = ocr._words(image, "eng", 0.24, 6)
    out: list[list] = [[], []]

    def read(i: int) -> None:
        out[i] = [ocr._words(image, "eng", 0.24, 6) for _ in range(2)]

    threads = [threading.Thread(target=read, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == alone for results in out for r in results)


def test_tesseract_says_nothing_on_the_console(capfd: pytest.CaptureFixture[str]) -> None:
    """Its notes (`Estimating resolution as ...`) went to the program's unread stderr."""
    capfd.readouterr()
    ocr._words(_drawn(LINES), "eng", 0.24, 11)
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


def test_tsv_rows_as_pytesseract_gives_them() -> None:
    """A hand-written TSV: page, block and line rows (no text) left out, the confidence cut
    to a whole number as pytesseract's `int(float(...))` does."""
    tsv = (
        "1\t1\t0\t0\t0\t0\t0\t0\t640\t480\t-1\t\n"
        "4\t1\t1\t1\t1\t0\t10\t20\t300\t30\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t10\t20\t120\t30\t96.541321\tWages\n"
        "5\t1\t1\t1\t1\t2\t140\t21\t90\t29\t0.900000\t \n"
        "5\t1\t1\t1\t1\t3\t240\t22\t70\t28\t12.000000\t1,234.56\n"
    )
    assert tess_api.words(tsv) == [
        ("Wages", 96.0, 10, 20, 120, 30),
        ("1,234.56", 12.0, 240, 22, 70, 28),
    ]
