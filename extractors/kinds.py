"""The registry of document kinds: each form or transcript module registers one.

A kind says how sure it is that a page belongs to it (`identify`) and turns a run of
its pages into one or more extracted documents (`extract`). The classifier and the
pipeline only talk to this protocol, so a new form is one new module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from backtax.extractors.page import Page

if TYPE_CHECKING:
    from backtax.extractors.forms.engine.spec import FormSpec


@dataclass(frozen=True)
class Identification:
    """A kind's claim on a page: higher `score` wins; 0 means no claim."""

    kind: str
    doc_type: str
    score: float
    tax_year: int | None = None
    corrected: bool = False


@dataclass
class Extracted:
    """What a kind extracts from its pages; the pipeline adds source, hash and method.

    `recipient_tin_full` is used only to derive the HMAC key and is never written out.
    """

    doc_type: str
    pages: list[int]
    tax_year: int | None = None
    corrected: bool = False
    payer_tin: str | None = None
    payer_name: str | None = None
    recipient_tin_last4: str | None = None
    recipient_name: str | None = None
    recipient_tin_full: str | None = field(default=None, repr=False)
    fields: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0
    warnings: list[str] = field(default_factory=list)
    field_confidence: dict[str, float] = field(default_factory=dict, repr=False)
    """How sure the reader is of each field (OCR word confidence): breaks ties between copies."""
    field_rows: dict[str, list[float]] = field(default_factory=dict, repr=False)
    """Where each entry of a list field sits in its box (points below the box's top: box
    12's a-d): copies that each lost a different entry are united in the form's order."""
    finish: Callable[[Extracted], None] | None = field(default=None, repr=False)
    """What the kind figures from the boxes (1099-B's totals and its one sale), once the
    copies and the engines' readings of the form are one record (`reconcile`)."""


class DocumentKind(Protocol):
    """What every kind is; kinds subclass it to take its defaults: no box catalogue, no
    second reading."""

    name: str
    spec: FormSpec | None = None
    """A form kind's box catalogue, which says what a reading misses
    (`pipeline._second_engine`) and which fields the form declares; none by default."""

    def identify(self, page: Page) -> Identification | None: ...

    def extract(self, pages: list[Page]) -> list[Extracted]: ...

    def needs_second_reading(self, docs: list[Extracted]) -> bool:
        """Whether a kind without a box catalogue wants its OCR pages read again by the
        other engine (`pipeline._both_read`): none does by default."""
        return False

    def merge_readings(self, first: list[Extracted], again: list[Extracted]) -> list[Extracted]:
        """The records of the two engines' readings as one; by default the first's."""
        return first


_KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    """Add a kind to the registry (module import time); a name can be registered once."""
    if kind.name in _KINDS:
        raise ValueError(f"document kind {kind.name!r} registered twice")
    _KINDS[kind.name] = kind
    return kind


def all_kinds() -> list[DocumentKind]:
    _load_builtin_kinds()
    return list(_KINDS.values())


@cache
def _load_builtin_kinds() -> None:
    """Import every module of extractors.forms, .transcripts, .returns and .notices once (the
    package scan too: the classifier asks for the kinds twice a page)."""
    import importlib
    import pkgutil

    from backtax.extractors import forms, notices, returns, transcripts

    for package in (forms, transcripts, returns, notices):
        for info in pkgutil.iter_modules(package.__path__):
            if not info.name.startswith("_"):
                importlib.import_module(f"{package.__name__}.{info.name}")
