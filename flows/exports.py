"""Sheets for accountants: the results store as typed tables, written as CSV, Parquet or Excel.

Money is `Decimal` (Parquet `decimal128(18, 2)`, an Excel number formatted `#,##0.00`),
tax years integers, dates dates. A column is money when every value in it is a contract
money string (`"6400.00"`), a date when every value is ISO `YYYY-MM-DD`: the types come
from the values, so boxes no one listed here are typed too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from backtax.extractors.record import DocumentRecord
from backtax.flows.casefile import doc_index, evidence_rows, gather, payer_names, sort_findings

MONEY_RE = re.compile(r"^-?\d+\.\d{2}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
MONEY_FORMAT, DATE_FORMAT = "#,##0.00", "yyyy-mm-dd"


@dataclass
class Sheet:
    """One exported table: a name, its columns in order and rows of typed Python values."""

    name: str
    columns: list[str]
    rows: list[dict[str, Any]]

    def kinds(self) -> dict[str, str]:
        return {c: column_kind([r.get(c) for r in self.rows]) for c in self.columns}


def column_kind(values: list[Any]) -> str:
    """`money`, `date`, `int`, `float`, `bool` or `text` from the column's values."""
    present = [v for v in values if v is not None and v != ""]
    if not present:
        return "text"
    if all(isinstance(v, bool) for v in present):
        return "bool"
    if all(isinstance(v, Decimal) for v in present):
        return "money"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "int"
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "float"
    if all(isinstance(v, date) for v in present):
        return "date"
    return "text"


def typed(value: Any) -> Any:
    """A stored value as the type it has: money strings as Decimal, ISO dates as dates."""
    if isinstance(value, str):
        if MONEY_RE.match(value):
            return Decimal(value)
        if DATE_RE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return value
    if isinstance(value, list | dict):
        return str(value)
    return value


def flatten(fields: dict[str, Any]) -> dict[str, Any]:
    """A record's fields as one column each: `box12` entries by code, other lists numbered."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if not isinstance(value, list):
            out[name] = typed(value)
            continue
        for i, item in enumerate(value, start=1):
            if isinstance(item, dict) and "code" in item and "amount" in item:
                out[f"{name}_{item['code']}"] = typed(item["amount"])
            elif isinstance(item, dict):
                for key, inner in item.items():
                    out[f"{name}_{i}_{key}"] = typed(inner)
            else:
                out[f"{name}_{i}"] = typed(item)
    return out


def documents_sheet(records: dict[str, DocumentRecord]) -> Sheet:
    rows = []
    for ident, r in records.items():
        rows.append(
            {
                "doc_id": ident,
                "source": r.source,
                "client": r.extra.get("client") or "",
                "pages": ", ".join(map(str, r.pages)),
                "doc_type": r.doc_type,
                "tax_year": r.tax_year,
                "method": r.method,
                "corrected_form": r.corrected,
                "payer_tin": r.payer_tin,
                "payer_name": r.payer_name,
                "recipient_tin_last4": r.recipient_tin_last4,
                "recipient_name": r.recipient_name,
                "confidence": r.confidence,
                "fields": len(r.fields),
                "corrections": len(r.extra.get("corrections") or []),
                "warnings": "; ".join(r.warnings),
            }
        )
    return Sheet("documents", list(rows[0]) if rows else ["doc_id"], rows)


def form_sheets(records: dict[str, DocumentRecord]) -> list[Sheet]:
    """One sheet per document type: a row per document, a column per box (corrections applied)."""
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ident, r in records.items():
        fixed = {c["field"] for c in r.extra.get("corrections") or []}
        by_type[r.doc_type].append(
            {
                "doc_id": ident,
                "source": r.source,
                "client": r.extra.get("client") or "",
                "tax_year": r.tax_year,
                "payer_name": r.payer_name,
                "payer_tin": r.payer_tin,
                "recipient_tin_last4": r.recipient_tin_last4,
                "recipient_name": r.recipient_name,
                "corrected_fields": ", ".join(sorted(fixed)),
                **flatten(r.fields),
            }
        )
    sheets = []
    for doc_type, rows in sorted(by_type.items()):
        columns: list[str] = []
        for row in rows:
            columns += [c for c in row if c not in columns]
        sheets.append(Sheet(f"form {doc_type}", columns, rows))
    return sheets


def transactions_sheet(records: dict[str, DocumentRecord]) -> Sheet:
    columns = ["doc_id", "source", "doc_type", "tax_year", "recipient_tin_last4", "code",
               "explanation", "cycle", "date", "amount", "detail"]  # fmt: skip
    rows = []
    for ident, r in records.items():
        for tx in r.extra.get("transactions") or []:
            if isinstance(tx, dict):
                base = [ident, r.source, r.doc_type, r.tax_year, r.recipient_tin_last4]
                row = dict(zip(columns[:5], base, strict=True))
                rows.append({**row, **{k: typed(tx.get(k)) for k in columns[5:]}})
    return Sheet("transactions", columns, rows)


def findings_sheet(findings: list[dict[str, Any]], records: dict[str, DocumentRecord]) -> Sheet:
    """One row per finding and piece of evidence, with document id, page, box, value, payer."""
    docs = list(doc_index([{**r.to_json(), "doc_id": i} for i, r in records.items()]).values())
    names = payer_names(docs)
    rows = []
    for number, f in enumerate(sort_findings(findings), start=1):
        base = {
            "finding": number,
            "case_id": f.get("case_id"),
            "tax_year": _year_of(f.get("case_id")),
            "severity": f.get("severity"),
            "rule": f.get("rule"),
            "amount": typed(f.get("amount")),
            "amended_return_candidate": bool(f.get("amended_return_candidate")),
            "message": f.get("message"),
        }
        for ev in evidence_rows(f, docs, names) or [{}]:
            value = ev.get("value")
            rows.append(
                {
                    **base,
                    "doc_id": ev.get("doc_id"),
                    "source": ev.get("source"),
                    "page": ev.get("page"),
                    "doc_type": ev.get("doc_type"),
                    "box": ev.get("box"),
                    "field": ev.get("field"),
                    "printed_value": None if value is None else str(value),
                    "printed_amount": typed(value) if isinstance(value, str) else None,
                    "payer": ev.get("payer"),
                }
            )
    columns = list(rows[0]) if rows else ["finding", "case_id", "rule"]
    for row in rows:  # a column of money strings and other text stays text
        if not isinstance(row.get("printed_amount"), Decimal):
            row["printed_amount"] = None
    return Sheet("findings", columns, rows)


def _year_of(case_id: Any) -> int | None:
    match = re.search(r"-(\d{4})$", str(case_id or ""))
    return int(match.group(1)) if match else None


def cases_sheet(cases: list[dict[str, Any]]) -> Sheet:
    rows = []
    for c in cases:
        amended = c.get("amended_return") or {}
        row = {
            "case_id": c.get("case_id"),
            "recipient_tin_last4": c.get("recipient_tin_last4"),
            "name_control": c.get("name_control"),
            "tax_year": c.get("tax_year"),
            "documents": len(c.get("documents") or []),
            "amended_return_candidate": bool(amended.get("candidate")),
            "reasons": ", ".join(amended.get("reasons") or []),
            "direction": amended.get("direction"),
            "estimated_tax_change": typed((amended.get("tax_estimate") or {}).get("change")),
            "amended_deadline": typed(amended.get("deadline")),
            "deadline_status": amended.get("deadline_status"),
        }
        row.update({f"total_{k}": typed(v) for k, v in (c.get("totals") or {}).items()})
        row.update({k: typed(v) for k, v in (c.get("balance") or {}).items()})
        rows.append(row)
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    return Sheet("cases", columns or ["case_id"], rows)


def assessment_sheet(assessed: dict[str, Any], people: list[Any]) -> Sheet:
    """One row per taxpayer and tax year: what is assessed, paid and owed, and the statutes."""
    names = {(p.last4, p.name_control): p.name for p in people}
    rows = []
    for person in assessed.get("taxpayers") or []:
        last4 = person.get("recipient_tin_last4")
        name = next((n for (l4, _), n in names.items() if l4 == last4), None)
        for year in person.get("years") or []:
            csed = [a.get("csed") for a in year.get("assessments") or [] if a.get("csed")]
            row = {"recipient_tin_last4": last4, "taxpayer": name}
            for key, value in year.items():
                if key == "assessments":
                    row["assessments"] = len(value or [])
                    row["earliest_csed"] = typed(min(csed)) if csed else None
                    row["latest_csed"] = typed(max(csed)) if csed else None
                elif not isinstance(value, list | dict):
                    row[key] = typed(value)
            rows.append(row)
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    return Sheet("assessment", columns or ["recipient_tin_last4", "tax_year"], rows)


def sheets(store: Any, as_of: date) -> list[Sheet]:
    """Every exported table of the store; cases and findings as last checked, the assessment
    computed from the stored documents (corrections applied) as of `as_of`."""
    from backtax.validators.api import check_records
    from backtax.validators.assess import assess

    records = store.records()
    cases = store.cases()
    findings = store.findings()
    checked = check_records(list(records.values()), as_of)
    assessed = assess(checked.tables, checked["cases"], checked["findings"], as_of)
    docs = [{**r.to_json(), "doc_id": i} for i, r in records.items()]
    people = gather({"documents": docs, "cases": cases, "findings": findings}, assessed)
    out = [
        documents_sheet(records),
        *form_sheets(records),
        transactions_sheet(records),
        cases_sheet(cases),
        findings_sheet(findings, records),
        assessment_sheet(assessed, people),
    ]
    for name in ("fields", "corrections", "files"):
        columns, rows = store.rows(name)
        for row in rows:
            if name == "fields":
                amount = typed(row["value"]) if row.get("kind") == "text" else None
                row["amount"] = amount if isinstance(amount, Decimal) else None
            if name == "corrections":
                row["original"] = _decoded(row["original"])
                row["value"] = _decoded(row["value"])
        extra = ["amount"] if name == "fields" else []
        out.append(Sheet(name, columns + extra, rows))
    return out


def _decoded(text: str | None) -> Any:
    """A correction's stored JSON value as text a person reads (`52345.67`, `true`)."""
    import json

    value = json.loads(text) if text else None
    return value if isinstance(value, str) or value is None else json.dumps(value)


def file_name(sheet: Sheet) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", sheet.name)


def write_csv(sheet: Sheet, path: Path) -> None:
    import csv

    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=sheet.columns, extrasaction="ignore")
        writer.writeheader()
        for row in sheet.rows:
            writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in sheet.columns})


def write_parquet(sheet: Sheet, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = {
        "money": pa.decimal128(18, 2),
        "date": pa.date32(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "text": pa.string(),
    }
    kinds = sheet.kinds()
    columns = {}
    for name in sheet.columns:
        values = [sheet.rows[i].get(name) for i in range(len(sheet.rows))]
        if kinds[name] == "text":
            values = [None if v is None else str(v) for v in values]
        elif kinds[name] == "money":
            values = [None if v in (None, "") else v for v in values]
        columns[name] = pa.array(values, type=arrow[kinds[name]])
    pq.write_table(pa.table(columns), path)


def write_workbook(all_sheets: list[Sheet], path: Path) -> None:
    """One workbook: a sheet per table, header frozen, filters on, number formats, widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for sheet in all_sheets:
        title = SHEET_BAD.sub("_", sheet.name)[:31]
        while title in taken:
            title = title[:28] + f"~{len(taken)}"
        taken.add(title)
        ws = book.create_sheet(title)
        kinds = sheet.kinds()
        ws.append(sheet.columns)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            ws.append([_cell(row.get(c), kinds[c]) for c in sheet.columns])
        for index, name in enumerate(sheet.columns, start=1):
            letter = get_column_letter(index)
            fmt = {"money": MONEY_FORMAT, "date": DATE_FORMAT, "int": "0"}.get(kinds[name])
            width = len(name)
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                if fmt:
                    cell.number_format = fmt
                shown = (
                    f"{cell.value:,.2f}" if kinds[name] == "money" and cell.value else cell.value
                )
                width = max(width, len(str(shown or "")))
            ws.column_dimensions[letter].width = min(60, width + 2)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    book.save(path)


def _cell(value: Any, kind: str) -> Any:
    if value is None or value == "":
        return None
    if kind == "text" and not isinstance(value, str):
        return str(value)
    return value
