"""Safe corrections: the field must be one the document type has, the value of its kind.

The catalogue of a document type is the boxes its form description declares
(`extractors.forms`: name and kind of every box, every revision, the state columns)
and the fields of every stored document of that type (transcripts, returns and notices
name theirs as they read them), plus the record's top-level values.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from backtax.extractors.values import SSN_RE, money_str, normalize_ein, parse_checkbox, parse_date
from backtax.flows.store import TOP_LEVEL_FIELDS, Store, apply_correction, document_id

LIST_FIELDS = {"box12", "box14_other", "state"}
TOP_LEVEL_KINDS = {
    "doc_type": "doc_type",
    "tax_year": "year",
    "payer_tin": "tin",
    "payer_name": "text",
    "recipient_tin_last4": "last4",
    "recipient_name": "text",
}


@cache
def declared_fields() -> dict[str, dict[str, str]]:
    """Per doc type, the boxes the form descriptions declare: name to kind."""
    from backtax.extractors.kinds import all_kinds

    out: dict[str, dict[str, str]] = {}
    for kind in all_kinds():
        spec = kind.spec
        if spec is None:
            continue
        boxes = list(spec.boxes)
        for revision in spec.revisions:
            boxes += list(revision.boxes)
        known = out.setdefault(spec.doc_type, {})
        for box in boxes:
            if box.kind != "caption":
                known.setdefault(box.name, box.kind)
        if spec.state_columns:
            known.setdefault("state", "list")
    return out


def kind_of_value(value: Any) -> str:
    if isinstance(value, bool):
        return "check"
    if isinstance(value, list):
        return "list"
    if isinstance(value, int):
        return "int"
    if isinstance(value, str) and money_str(value) == value:
        return "money"
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "date"
    return "text"


def catalogue(store: Store, doc_type: str) -> dict[str, str]:
    """Every field a document of `doc_type` can hold, with its kind."""
    known = dict(declared_fields().get(doc_type, {}))
    for record in store.records().values():
        if record.doc_type == doc_type:
            for name, value in record.fields.items():
                known.setdefault(name, "list" if name in LIST_FIELDS else kind_of_value(value))
    return known


def parse_as(kind: str, field: str, text: str) -> Any:
    """VALUE as the field's kind, or ValueError saying what the field takes."""
    if SSN_RE.search(text) and kind != "tin":
        raise ValueError("a full SSN is never stored: give the last four digits")
    text = text.strip()
    if not text:
        raise ValueError(f"{field} needs a value")
    if kind == "money":
        money = money_str(text)
        if money is None:
            raise ValueError(f"{field} is an amount: {text!r} is not one (e.g. 1234.56)")
        return money
    if kind in ("year", "int"):
        if not re.fullmatch(r"\d{4}" if kind == "year" else r"-?\d+", text):
            raise ValueError(
                f"{field} is {'a four-digit year' if kind == 'year' else 'a whole number'}"
            )
        return int(text)
    if kind == "check":
        checked = {"true": True, "false": False}.get(text.lower(), parse_checkbox(text))
        if checked is None:
            raise ValueError(f"{field} is a check box: true or false")
        return checked
    if kind == "date":
        day = parse_date(text)
        if day is None:
            raise ValueError(f"{field} is a date: {text!r} is not one (YYYY-MM-DD)")
        return day.isoformat()
    if kind == "list":
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{field} is a list, given as JSON: {exc.msg}") from exc
        if not isinstance(value, list):
            raise ValueError(f"{field} is a list, given as JSON ([...])")
        return value
    if kind == "last4":
        if not re.fullmatch(r"\d{4}", text):
            raise ValueError("give the last four digits of the TIN")
        return text
    if kind == "tin":
        return normalize_ein(text) or text
    if kind == "doc_type":
        from backtax.extractors.record import DOC_TYPES

        if text not in DOC_TYPES:
            raise ValueError(f"{text!r} is not a document type ({', '.join(DOC_TYPES)})")
    return text


def check_correction(store: Store, ref: str, field: str, text: str) -> tuple[str, Any, Any]:
    """The document id, the current value and the new one, or ValueError/LookupError why not."""
    ident = store.resolve_document(ref)
    record = store.records()[ident]
    if field in TOP_LEVEL_FIELDS:
        kind, current = TOP_LEVEL_KINDS[field], getattr(record, field)
    else:
        known = catalogue(store, record.doc_type)
        if field not in known:
            near = sorted(n for n in known if n.split("_")[0] == field.split("_")[0])
            hint = f"; {record.doc_type} has {', '.join(near[:8])}" if near else ""
            raise ValueError(f"{record.doc_type} has no field {field!r}{hint}")
        kind, current = known[field], record.fields.get(field)
    value = parse_as(kind, field, text)
    if value == current:
        raise ValueError(f"{field} of {ident} is already {current!r}: nothing to correct")
    return ident, current, value


def apply_home_corrections(results: list[Any], database: Path) -> int:
    """Apply the home's corrections to freshly extracted records; how many were applied.

    Documents are matched by id (SHA-256 and pages), so a correction follows its file
    wherever it is read from."""
    if not database.is_file():
        return 0
    with Store(database) as store:
        fixes = store.corrections()
    if not fixes:
        return 0
    applied = 0
    for result in results:
        taken: list[str] = []
        for seq, record in enumerate(result.records):
            ident = document_id(record, seq, taken)
            taken.append(ident)
            for fix in (f for f in fixes if f["doc_id"] == ident):
                apply_correction(record, fix)
                applied += 1
    return applied
