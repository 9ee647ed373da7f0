"""From a file to document records: load, classify, extract, reconcile copies.

These are the plain functions that the CLI calls directly and the Prefect flows wrap.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from backtax.extractors.classifier import UNKNOWN, PageRun, classify, identify
from backtax.extractors.errors import InputError
from backtax.extractors.forms._about import about_a_form
from backtax.extractors.kinds import DocumentKind, Extracted, Identification
from backtax.extractors.loader import IMAGE_SUFFIXES, load, run_in_pool, sha256_of
from backtax.extractors.names import shown_name
from backtax.extractors.page import Page
from backtax.extractors.readers import evidence
from backtax.extractors.readers.ocr import ENGINE, other_reading
from backtax.extractors.reconcile import combine_copies, merge_copies
from backtax.extractors.record import DocumentRecord
from backtax.extractors.settings import ExtractSettings
from backtax.extractors.values import mask_ssns, tin_key

INPUT_SUFFIXES = {".pdf", *IMAGE_SUFFIXES}


@dataclass
class FileResult:
    source: str
    sha256: str | None
    records: list[DocumentRecord] = field(default_factory=list)
    error: InputError | None = None


def display_name(path: Path | str) -> str:
    """How a file is named in everything backtax writes: escaped, SSN-shaped runs masked."""
    return shown_name(os.fspath(path))


def extract_file(
    path: Path | str,
    *,
    settings: ExtractSettings | None = None,
    tin_secret: bytes | None = None,
    display_source: str | None = None,
) -> FileResult:
    """Every document in one file, or the reason the file could not be read."""
    path = Path(path)
    source = display_name(display_source or path)
    try:
        loaded = load(path, settings or ExtractSettings())
        docs: list[Extracted] = []
        both_engines = (settings or ExtractSettings()).ocr_engine == "auto"
        known = _unclaimed_read_again(loaded.pages) if both_engines else None
        for run in classify(loaded.pages, known):
            docs.extend(_extract_run(run, loaded.pages, both_engines))
    except InputError as exc:
        return FileResult(source, _digest_or_none(path), error=exc)
    except MemoryError:
        reason = "the file needs more memory than the limit allows"
        return FileResult(source, None, error=InputError(reason, "limit", verdict=False))
    except Exception as exc:  # one file's failure must never stop a batch
        reason = f"internal error while reading this file ({type(exc).__name__}: {exc})"
        error = InputError(display_name(reason), "extract", verdict=False)
        return FileResult(source, _digest_or_none(path), error=error)
    _years_from_title(docs, loaded.title)
    records = [
        _to_record(doc, source, loaded.sha256, loaded.pages, tin_secret)
        for doc in merge_copies(docs)
    ]
    return FileResult(source, loaded.sha256, records)


def _digest_or_none(path: Path) -> str | None:
    try:
        return sha256_of(path)
    except OSError:  # gone or unreadable: the caller says why
        return None


def _years_from_title(docs: list[Extracted], title: str) -> None:
    """A form whose pages print no year (Direct File's W-2) may name it in the PDF's title."""
    match = re.search(r"\b(19|20)\d{2}\b", title)
    if not match:
        return
    for doc in docs:
        if doc.tax_year is None and doc.doc_type != UNKNOWN:
            doc.tax_year = int(match.group(0))
            doc.warnings.append(f"tax year {doc.tax_year} taken from the PDF's title")


def _extract_run(run: PageRun, pages: list[Page], both_engines: bool) -> list[Extracted]:
    numbers = [p.number for p in run.pages]
    if run.kind is None:
        return [
            Extracted(
                UNKNOWN,
                numbers,
                confidence=0.0,
                warnings=[f"pages {_span(numbers)}: not a recognised tax document"],
            )
        ]
    docs = run.kind.extract(run.pages)
    if both_engines:
        docs = _second_engine(run, docs, pages)
    if not docs:
        return [
            Extracted(
                UNKNOWN,
                numbers,
                confidence=0.0,
                warnings=[
                    f"pages {_span(numbers)}: looks like {run.kind.name} but no values were found"
                ],
            )
        ]
    return docs


def _unclaimed_read_again(pages: list[Page]) -> list[Identification | None]:
    """An OCR page that no form or transcript claims, read by the other engine (its
    `alternate` words, or PP-OCR anew: a phone photo's title Tesseract garbled), replaced
    by that reading where a kind claims it. A page Tesseract's reading shows to be about a
    form (`about_a_form`: an earnings summary that says it is no W-2) is not read again.
    Returns each page's identification (for `classify`)."""
    known = []
    for i, page in enumerate(pages):
        ident = identify(page)
        if page.method == "ocr" and ident is None and not about_a_form(page):
            again = other_reading(page, "no form or transcript recognised in Tesseract's reading")
            ident = identify(again) if again is not None else None
            if again is not None and ident is not None:
                again.alternate = page.words
                pages[i] = again
        known.append(ident)
    return known


def _second_engine(run: PageRun, docs: list[Extracted], pages: list[Page]) -> list[Extracted]:
    """A form's two readings merged (`evidence.merge_readings`) where its OCR pages were
    read whole by both engines, or where Tesseract's reading of it misses what the form's
    structure says is there (`evidence.boxes_missing`, over the part of each page the form
    reads its values from: a W-2c's previously reported amounts are no box's) or holds a
    tax box not at its rate of the boxes it is figured on (`evidence.rates_fail`): its pages
    are then read again by PP-OCR and replace theirs in `pages`. Where one engine read a
    copy sheet's copies apart and the other as one, each reading's copies are combined
    first (`combine_copies`), so the two are merged record by record. Other runs (transcripts,
    returns, notices: no box catalogue to say what is missing) go to `_both_read`."""
    if run.kind is None:
        return docs
    spec = run.kind.spec
    if spec is None:
        return _both_read(run.kind, run.pages, docs)
    if not any(p.alternate for p in run.pages) and docs:
        parts = [run.kind.prepare(p.region) for p in run.pages if p.method == "ocr"]
        words = [w for part in parts for w in part.words if w.conf >= 0.6]
        missing = evidence.boxes_missing(docs, bool(spec.payer_tin_labels), words)
        if not missing and not evidence.rates_fail(docs):
            return docs
    why = "boxes missing from Tesseract's reading, or not at their rate"
    again = [other_reading(p, why) if p.method == "ocr" else None for p in run.pages]
    if not any(again):
        return docs
    others = [a or p for a, p in zip(again, run.pages, strict=True)]
    second = run.kind.extract(others)
    if len(second) != len(docs):  # one engine split a copy sheet, the other did not
        docs, second = combine_copies(docs), combine_copies(second)
    if len(second) == len(docs):
        merged = [evidence.merge_readings(a, b) for a, b in zip(docs, second, strict=True)]
    else:
        merged = max(docs, second, key=lambda ds: sum(map(evidence.filled, ds)))
    evidence.restore_spaces(merged, [*docs, *second])
    tesseract = [[w for w in (*p.words, *p.alternate) if w.engine == ENGINE] for p in run.pages]
    evidence.spaces_from_words(merged, tesseract)
    where = {p.number: i for i, p in enumerate(pages)}
    for old, new in zip(run.pages, others, strict=True):
        if not old.alternate:  # read again: the page is PP-OCR's now
            pages[where[new.number]] = new
    return merged


def _both_read(kind: DocumentKind, pages: list[Page], docs: list[Extracted]) -> list[Extracted]:
    """A kind without a box catalogue, read again by the other engine where it says its
    reading needs it (`needs_second_reading`: a transcript whose lines OCR left unread), the
    two readings merged as it says (`merge_readings`); its pages stay Tesseract's."""
    if not kind.needs_second_reading(docs):
        return docs
    why = "lines left unread in Tesseract's reading"
    again = [other_reading(p, why) if p.method == "ocr" else None for p in pages]
    if not any(again):
        return docs
    second = kind.extract([a or p for a, p in zip(again, pages, strict=True)])
    return kind.merge_readings(docs, second)


def _span(numbers: list[int]) -> str:
    return str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}"


def _to_record(
    doc: Extracted, source: str, digest: str, pages: list[Page], secret: bytes | None
) -> DocumentRecord:
    used = [p for p in pages if p.number in doc.pages]
    methods = {p.method for p in used}
    method = "ocr" if "ocr" in methods else "form" if "form" in methods else "text"
    page_conf = min((p.confidence for p in used), default=0.0) if method == "ocr" else 1.0
    extra = dict(doc.extra)
    if doc.recipient_tin_full and secret:
        extra["recipient_tin_key"] = tin_key(doc.recipient_tin_full, secret)
    warnings = [w for p in used for w in p.warnings] + doc.warnings
    return DocumentRecord(
        source=source,
        sha256=digest,
        pages=doc.pages,
        doc_type=doc.doc_type,
        tax_year=doc.tax_year,
        method=method,
        corrected=doc.corrected,
        payer_tin=doc.payer_tin,
        payer_name=doc.payer_name,
        recipient_tin_last4=doc.recipient_tin_last4,
        recipient_name=doc.recipient_name,
        fields=doc.fields,
        confidence=round(doc.confidence * page_conf, 3),
        warnings=[mask_ssns(w) for w in warnings],
        extra=extra,
    )


def iter_inputs(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Files named, and every PDF or image under folders named, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
            )
        else:
            yield path


def extract_paths(
    paths: Iterable[Path | str],
    *,
    settings: ExtractSettings | None = None,
    tin_secret: bytes | None = None,
    on_done: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """extract_file over every input, files in parallel processes, results in input order."""
    settings = settings or ExtractSettings()
    work = partial(extract_file, settings=settings, tin_secret=tin_secret)
    return run_in_pool(work, list(iter_inputs(paths)), settings, on_done)
