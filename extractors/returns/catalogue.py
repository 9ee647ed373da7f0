"""The Form 1040 lines as data (`f1040.toml`): a table per revision of line number, wording
and the contract's year-independent field name, the schedules' lines, the standard
deduction amounts."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("f1040.toml")


@dataclass(frozen=True)
class LineSpec:
    number: str
    name: str
    labels: tuple[str, ...]
    inline: bool = False


@dataclass(frozen=True)
class Schedule:
    code: str
    title: str
    lines: tuple[LineSpec, ...]


def _lines(rows: list[dict]) -> tuple[LineSpec, ...]:
    return tuple(
        LineSpec(r["number"], r["name"], tuple(r["labels"]), r.get("inline", False)) for r in rows
    )


@cache
def _data() -> dict:
    with DATA.open("rb") as fh:
        return tomllib.load(fh)


def revision_lines(year: int | None) -> tuple[LineSpec, ...]:
    """The lines of the year's revision (the nearest revision for a year outside 2018-2025)."""
    revisions = _data()["revision"]
    if year is None:
        year = revisions[-1]["last"]
    chosen = min(
        revisions,
        key=lambda r: (
            0
            if r["first"] <= year <= r["last"]
            else min(abs(year - r["first"]), abs(year - r["last"]))
        ),
    )
    return _lines(chosen["lines"])


def schedules(year: int | None = None) -> tuple[Schedule, ...]:
    """The schedules of the year's revision (every revision's when the year is unknown; a
    year outside 2018-2025 takes the nearest)."""
    rows = _data()["schedule"]
    if year is not None:
        first = min(s.get("first", year) for s in rows)
        last = max(s.get("last", year) for s in rows)
        year = min(max(year, first), last)
    return tuple(
        Schedule(s["code"], s["title"], _lines(s["lines"]))
        for s in rows
        if year is None or s.get("first", year) <= year <= s.get("last", year)
    )


FILING_STATUS_KEYS = {
    "Single": "single",
    "Married filing jointly": "mfj",
    "Married filing separately": "mfs",
    "Head of household": "hoh",
    "Qualifying widow(er)": "qss",
    "Qualifying surviving spouse": "qss",
}


def standard_deductions(year: int | None, filing_status: str | None) -> set[Decimal]:
    """Every standard deduction the year allows for the filing status (any status when
    unknown), with 0 to 4 boxes checked for age 65 or blindness."""
    table = _data()["standard_deduction"].get(str(year))
    if not table:
        return set()
    keys = (
        [FILING_STATUS_KEYS[filing_status]]
        if filing_status in FILING_STATUS_KEYS
        else ["single", "mfj", "mfs", "hoh", "qss"]
    )
    out: set[Decimal] = set()
    for key in keys:
        married = key in ("mfj", "mfs", "qss")
        added = table["added_married" if married else "added_unmarried"]
        boxes = 4 if key in ("mfj", "qss") else 2 if key != "mfs" else 4
        out.update(Decimal(table[key] + k * added) for k in range(boxes + 1))
    return out


def amended_lines() -> tuple[LineSpec, ...]:
    """Form 1040-X lines 1-23."""
    return _lines(_data()["amended"]["lines"])


def amended_columns() -> tuple[str, ...]:
    """The column headings of lines 1-15: A, B, C."""
    return tuple(_data()["amended"]["columns"])
