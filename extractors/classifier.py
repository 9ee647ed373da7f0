"""Which document each page is: the registered kinds bid on every page, the best bid wins,
and consecutive pages of one kind form a run that the kind then splits into documents."""

from __future__ import annotations

from dataclasses import dataclass

from backtax.extractors.kinds import DocumentKind, Identification, all_kinds
from backtax.extractors.page import Page

UNKNOWN = "UNKNOWN"


@dataclass
class PageRun:
    kind: DocumentKind | None
    pages: list[Page]


def identify(page: Page) -> Identification | None:
    best: Identification | None = None
    for kind in all_kinds():
        ident = kind.identify(page)
        if ident and ident.score > 0 and (best is None or ident.score > best.score):
            best = ident
    return best


def classify(pages: list[Page], known: list[Identification | None] | None = None) -> list[PageRun]:
    """The runs of pages of one kind; `known` holds each page's `identify`, when the caller
    has asked it already (it costs a page's worth of label searches)."""
    runs: list[PageRun] = []
    for i, page in enumerate(pages):
        ident = identify(page) if known is None else known[i]
        kind = None if ident is None else _kind_named(ident.kind)
        last = runs[-1] if runs else None
        if last and _same_kind(last.kind, kind):
            last.pages.append(page)
        else:
            runs.append(PageRun(kind, [page]))
    return runs


def _same_kind(a: DocumentKind | None, b: DocumentKind | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and a.name == b.name)


def _kind_named(name: str) -> DocumentKind:
    return next(k for k in all_kinds() if k.name == name)
