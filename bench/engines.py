"""What each OCR engine cost a bench, per trigger (imported by the benches, not a bench).

`install()` wraps the readers' engine calls in this process and tallies, in `COUNTS`:
pages OCR'd; pages PP-OCR read whole because Tesseract's reading failed (`failed`) or
because the form's structure said boxes were missing (`boxes`); pages where PP-OCR's
recogniser read regions again (`regions`, with the crops read); and the CPU seconds
(Tesseract's child processes included) of Tesseract and of PP-OCR for each trigger.
"""

from __future__ import annotations

import resource
from collections.abc import Callable
from typing import Any

from backtax.extractors import loader, pipeline
from backtax.extractors.readers import ocr, ppocr

KEYS = (
    "pages",
    "failed",
    "boxes",
    "regions",
    "crops",
    "cpu_tesseract",
    "cpu_failed",
    "cpu_boxes",
    "cpu_regions",
)
COUNTS: dict[str, float] = dict.fromkeys(KEYS, 0)
_state = {"trigger": "failed", "regions": False}


def cpu() -> float:
    """CPU seconds of this process and its finished children (Tesseract)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(func: Callable[..., Any], key: Callable[[], str]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = cpu()
        try:
            return func(*args, **kwargs)
        finally:
            COUNTS[key()] += cpu() - start

    return wrapper


def install() -> None:
    """Wrap the engine calls of this process (idempotent)."""
    if getattr(ocr, "_bench_installed", False):
        return
    ocr._bench_installed = True  # type: ignore[attr-defined]
    ocr._words = _timed(ocr._words, lambda: "cpu_tesseract")
    whole = _timed(ppocr.read_words, lambda: f"cpu_{_state['trigger']}")
    recognise = _timed(ppocr.recognise, lambda: "cpu_regions")

    def read_words(*args: Any, **kwargs: Any) -> Any:
        COUNTS[_state["trigger"]] += 1
        return whole(*args, **kwargs)

    def regions(crops: list[Any]) -> Any:
        COUNTS["crops"] += len(crops)
        _state["regions"] = _state["regions"] or bool(crops)
        return recognise(crops)

    ppocr.read_words, ppocr.recognise = read_words, regions
    ocr_image, other_reading = loader.ocr_image, pipeline.other_reading

    def counting_ocr(*args: Any, **kwargs: Any) -> Any:
        _state["regions"] = False
        page = ocr_image(*args, **kwargs)
        COUNTS["pages"] += 1
        COUNTS["regions"] += _state["regions"]
        return page

    def counting_other(*args: Any, **kwargs: Any) -> Any:
        _state["trigger"] = "boxes"
        try:
            return other_reading(*args, **kwargs)
        finally:
            _state["trigger"] = "failed"

    loader.ocr_image, pipeline.other_reading = counting_ocr, counting_other


def snapshot() -> dict[str, float]:
    return dict(COUNTS)


def since(before: dict[str, float]) -> dict[str, float]:
    return {k: COUNTS[k] - before.get(k, 0) for k in KEYS}


def summary(counts: dict[str, float]) -> str:
    """The counts as one paragraph: shares of pages per trigger, CPU per engine."""
    pages = max(1, int(counts["pages"]))
    cpu_pp = counts["cpu_failed"] + counts["cpu_boxes"] + counts["cpu_regions"]
    return (
        f"second engine: {int(counts['failed'])}/{pages} pages read whole by PP-OCR as "
        f"Tesseract's reading failed ({counts['failed'] / pages:.0%}), "
        f"{int(counts['boxes'])}/{pages} as boxes were missing ({counts['boxes'] / pages:.0%}), "
        f"{int(counts['regions'])}/{pages} with regions read again "
        f"({counts['regions'] / pages:.0%}, {int(counts['crops'])} crops)\n"
        f"CPU per OCR page: Tesseract {counts['cpu_tesseract'] / pages:.2f} s, "
        f"PP-OCR {cpu_pp / pages:.2f} s (whole pages on failure "
        f"{counts['cpu_failed'] / max(1, counts['failed']):.2f} s each, on boxes missing "
        f"{counts['cpu_boxes'] / max(1, counts['boxes']):.2f} s each, regions "
        f"{counts['cpu_regions'] / max(1, counts['regions']):.2f} s a page)"
    )
