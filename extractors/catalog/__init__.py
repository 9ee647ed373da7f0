"""The form catalogue: every form's facts in one TOML file of this folder, read with tomllib.

A file holds the form's doc type, the titles, numbers and captions that identify it, every
box (canonical name, printed number, label wordings of the IRS and of payroll providers,
banks and brokers, the value's kind), its older revisions, the labels of the Wage and Income
transcript, and what the validators need (primary amount, withholding box, income lines).
Everything in code that is per form is derived from here; `docs/forms_catalog.md` describes
the keys.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).parent
READERS = ("info_return", "custom")
VALUE_KINDS = ("money", "text", "date", "code", "check", "int", "year", "caption")


@dataclass(frozen=True)
class CatalogBox:
    name: str
    number: str
    labels: tuple[str, ...]
    kind: str = "money"


@dataclass(frozen=True)
class IncomeSource:
    """One box that feeds a return line; `when` names a test the validators define."""

    line: str
    field: str
    when: str | None = None
    fallback: str | None = None


@dataclass(frozen=True)
class RateCheck:
    """A box that is a fixed rate of others' sum (W-2 box 6: 1.45% of box 5), used only to
    choose between two readings of these boxes, never to fill one."""

    tax: str
    of: tuple[str, ...]
    rate: Decimal
    source: str


@dataclass(frozen=True)
class CodesCheck:
    """A box less another that is the sum of some codes' amounts in a coded list (W-2 box
    5 less box 1: box 12's elective deferrals), used only to choose between copies'
    readings of one line of that list, never to fill one."""

    more: str
    less: str
    field: str
    codes: frozenset[str]
    source: str


@dataclass(frozen=True)
class TranscriptLine:
    name: str
    labels: tuple[str, ...]
    kind: str = "money"


@dataclass(frozen=True)
class CatalogForm:
    """One form as its catalogue file describes it."""

    doc_type: str
    reader: str
    form_numbers: tuple[str, ...]
    titles: tuple[str, ...]
    boxes: tuple[CatalogBox, ...]
    parties: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Party labels and captions by FormSpec field name (`payer_tin_labels` ...)."""
    excludes: tuple[str, ...] = ()
    state_columns: tuple[CatalogBox, ...] = ()
    state_id_field: str | None = None
    revisions: tuple[tuple[int, tuple[CatalogBox, ...]], ...] = ()
    primary: str | None = None
    withholding: str | None = None
    income: tuple[IncomeSource, ...] = ()
    transcript_title: str | None = None
    transcript_lines: tuple[TranscriptLine, ...] = ()
    rates: tuple[RateCheck, ...] = ()
    differences: tuple[CodesCheck, ...] = ()
    alike: frozenset[str] = frozenset()
    """Boxes the form often prints one amount in (W-2 boxes 1, 3 and 5): an amount read in
    two of them is no sign that one reading paired it with the wrong box."""
    source: str = ""
    reads: str = ""
    """How the engine reads the boxes: `info_return`, or "" (the plain engine); a `custom`
    form's own `reads` key, else its reader."""


class CatalogError(ValueError):
    """A catalogue file that does not say what it must."""


_PARTY_KEYS = (
    "payer_name_labels",
    "payer_tin_labels",
    "recipient_name_labels",
    "recipient_tin_labels",
    "captions",
)


def _boxes(rows: list[dict[str, Any]], where: str) -> tuple[CatalogBox, ...]:
    out = []
    for row in rows:
        kind = row.get("kind", "money")
        if kind not in VALUE_KINDS or not row.get("name") or not row.get("labels"):
            raise CatalogError(f"{where}: box {row.get('name')!r} needs a name, labels, a kind")
        out.append(CatalogBox(row["name"], str(row.get("number", "")), tuple(row["labels"]), kind))
    return tuple(out)


def wrapped_cuts(label: str) -> tuple[str, ...]:
    """A long label wraps after any word: each cut of two words or more, longest first."""
    words = label.split()
    return tuple(" ".join(words[:n]) for n in range(len(words), 1, -1))


def parse(data: dict[str, Any], source: str = "") -> CatalogForm:
    """One catalogue file's table as a CatalogForm."""
    if "doc_type" not in data:
        raise CatalogError(f"{source}: no doc_type")
    doc_type, reader = data["doc_type"], data.get("reader", "info_return")
    if reader not in READERS:
        raise CatalogError(f"{source}: reader {reader!r} is none of {READERS}")
    reads = data.get("reads", "" if reader == "custom" else reader)
    if reads not in ("", "info_return"):
        raise CatalogError(f"{source}: reads {reads!r} is neither info_return nor none")
    parties = {k: tuple(data[k]) for k in _PARTY_KEYS if k in data}
    if "payer_name_wraps" in data:
        own = parties.get("payer_name_labels", ())
        parties["payer_name_labels"] = (*wrapped_cuts(data["payer_name_wraps"]), *own)
    checks = data.get("validators", {})
    transcript = data.get("transcript", {})
    return CatalogForm(
        doc_type=doc_type,
        reader=reader,
        form_numbers=tuple(data.get("form_numbers", ())),
        titles=tuple(data.get("titles", ())),
        boxes=_boxes(data.get("boxes", []), source),
        parties=parties,
        excludes=tuple(data.get("excludes", ())),
        state_columns=_boxes(data.get("state_columns", []), source),
        state_id_field=data.get("state_id_field"),
        revisions=tuple(
            (int(r["until_year"]), _boxes(r.get("boxes", []), source))
            for r in data.get("revisions", [])
        ),
        primary=checks.get("primary"),
        withholding=checks.get("withholding"),
        income=tuple(IncomeSource(**row) for row in checks.get("income", [])),
        transcript_title=transcript.get("title"),
        transcript_lines=tuple(
            TranscriptLine(r["name"], tuple(r["labels"]), r.get("kind", "money"))
            for r in transcript.get("lines", [])
        ),
        rates=tuple(_rate(r, source) for r in data.get("rates", [])),
        differences=tuple(_difference(r, source) for r in data.get("differences", [])),
        alike=frozenset(data.get("alike", ())),
        source=source,
        reads=reads,
    )


def _rate(row: dict[str, Any], where: str) -> RateCheck:
    if not (row.get("tax") and row.get("of") and row.get("rate") and row.get("source")):
        raise CatalogError(f"{where}: rate {row.get('tax')!r} needs tax, of, rate, source")
    return RateCheck(row["tax"], tuple(row["of"]), Decimal(row["rate"]), row["source"])


def _difference(row: dict[str, Any], where: str) -> CodesCheck:
    keys = ("more", "less", "field", "codes", "source")
    if not all(row.get(k) for k in keys):
        raise CatalogError(f"{where}: difference {row.get('field')!r} needs {', '.join(keys)}")
    codes = frozenset(row["codes"])
    return CodesCheck(row["more"], row["less"], row["field"], codes, row["source"])


@cache
def forms() -> dict[str, CatalogForm]:
    """Every catalogue form by doc type, in file-name order."""
    out: dict[str, CatalogForm] = {}
    for path in sorted(FOLDER.glob("*.toml")):
        with path.open("rb") as f:
            entry = parse(tomllib.load(f), path.name)
        if entry.doc_type in out:
            raise CatalogError(f"{path.name}: {entry.doc_type} is already in the catalogue")
        out[entry.doc_type] = entry
    return out


def form(doc_type: str) -> CatalogForm:
    return forms()[doc_type]


def doc_types() -> tuple[str, ...]:
    return tuple(forms())
