"""Tesseract in this process: libtesseract's C API through ctypes, one engine a thread, kept.

The `tesseract` program loads its model afresh on every call (0.13-0.14 s of each page's and
each region's reading); an engine kept per thread loads it once. It reads the same
libtesseract and model the program does, with the same page segmentation and variables, and
gives the TSV the program writes, so the words are the same. `engine()` is None where the
library cannot be loaded (then callers use the program through pytesseract).
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import threading
import weakref

import numpy as np

_NAMES = ("libtesseract.so.5", "libtesseract.so", "libtesseract.dylib", "libtesseract.5.dylib")
_lock = threading.Lock()
_lib: list[ctypes.CDLL | None] = []
_local = threading.local()
_all: weakref.WeakSet[Engine] = weakref.WeakSet()
"""Every thread's engines, closed at exit (else Tesseract warns of leaks); a thread's end
frees its engines (`__del__`)."""


def _library() -> ctypes.CDLL | None:
    with _lock:
        if not _lib:
            _lib.append(_load())
    return _lib[0]


def _load() -> ctypes.CDLL | None:
    found = ctypes.util.find_library("tesseract")
    for name in (*_NAMES, *([found] if found else [])):
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        return _declare(lib)
    return None


def _declare(lib: ctypes.CDLL) -> ctypes.CDLL:
    handle, text = ctypes.c_void_p, ctypes.c_char_p
    signatures = {
        "TessBaseAPICreate": (handle, []),
        "TessBaseAPIInit3": (ctypes.c_int, [handle, text, text]),
        "TessBaseAPISetPageSegMode": (None, [handle, ctypes.c_int]),
        "TessBaseAPISetVariable": (ctypes.c_int, [handle, text, text]),
        "TessBaseAPISetImage": (
            None,
            [handle, ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int],
        ),
        "TessBaseAPIRecognize": (ctypes.c_int, [handle, ctypes.c_void_p]),
        "TessBaseAPIGetTsvText": (ctypes.c_void_p, [handle, ctypes.c_int]),
        "TessDeleteText": (None, [ctypes.c_void_p]),
        "TessBaseAPIClear": (None, [handle]),
        "TessBaseAPIDelete": (None, [handle]),
    }
    for name, (restype, argtypes) in signatures.items():
        func = getattr(lib, name)
        func.restype, func.argtypes = restype, argtypes
    return lib


class Engine:
    """One loaded Tesseract (a language's model): not shared between threads."""

    def __init__(self, lib: ctypes.CDLL, lang: str) -> None:
        self.lib, self.lang = lib, lang
        self.handle = lib.TessBaseAPICreate()
        if lib.TessBaseAPIInit3(self.handle, None, lang.encode()) != 0:
            lib.TessBaseAPIDelete(self.handle)
            raise OSError(f"Tesseract could not load its model for {lang!r}")
        # its notes (`Estimating resolution as 299`) went to the program's stderr, unread
        lib.TessBaseAPISetVariable(self.handle, b"debug_file", os.devnull.encode())
        with _lock:
            _all.add(self)

    def close(self) -> None:
        if self.handle:
            self.lib.TessBaseAPIDelete(self.handle)
            self.handle = None

    __del__ = close

    def tsv(self, gray: np.ndarray, psm: int, whitelist: str = "") -> str:
        """The TSV rows (no header) of one 8-bit grey image read with `psm`."""
        lib, handle = self.lib, self.handle
        gray = np.ascontiguousarray(gray, dtype=np.uint8)
        h, w = gray.shape
        lib.TessBaseAPISetPageSegMode(handle, psm)
        lib.TessBaseAPISetVariable(handle, b"tessedit_char_whitelist", whitelist.encode())
        lib.TessBaseAPISetImage(handle, gray.ctypes.data, w, h, 1, gray.strides[0])
        try:
            if lib.TessBaseAPIRecognize(handle, None) != 0:
                raise OSError("Tesseract failed to read the image")
            out = lib.TessBaseAPIGetTsvText(handle, 0)
            try:
                return ctypes.string_at(out).decode("utf-8", "replace") if out else ""
            finally:
                lib.TessDeleteText(out)
        finally:
            lib.TessBaseAPIClear(handle)


def engine(lang: str) -> Engine | None:
    """This thread's engine for `lang`, loaded on first use; None without the library."""
    engines: dict[str, Engine] = getattr(_local, "engines", None) or {}
    _local.engines = engines
    if lang not in engines:
        lib = _library()
        if lib is None:
            return None
        engines[lang] = Engine(lib, lang)
    return engines[lang]


@atexit.register
def _close_all() -> None:
    with _lock:
        for one in list(_all):
            one.close()


def words(tsv: str) -> list[tuple[str, float, int, int, int, int]]:
    """The word rows of Tesseract's TSV as pytesseract's `image_to_data` gives them: text,
    confidence cut to a whole number (pytesseract's `int(float(...))`), left, top, width and
    height in pixels. Rows of pages, blocks and lines (no text) are left out."""
    out = []
    for row in tsv.split("\n"):
        cells = row.split("\t")
        if len(cells) < 12 or not cells[11].strip():
            continue
        left, top, width, height = (int(c) for c in cells[6:10])
        out.append((cells[11], float(int(float(cells[10]))), left, top, width, height))
    return out
