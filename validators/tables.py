"""A case's records as pandas tables, one shape per kind, so every rule is a small query.

`forms` holds every information return once per appearance (paper form or Wage and Income
transcript entry) with the decisions that make totals count each return once: duplicates
dropped, corrected forms superseding originals, paper forms matched with transcript entries
(the transcript's figures count where both exist). `amounts` holds their money boxes
long-form; `return_lines` the return's lines; `transactions` the account transcript's rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import pandas as pd

from backtax.extractors import catalog
from backtax.extractors.record import DocumentRecord
from backtax.validators.accounts import YearAccount, reconcile
from backtax.validators.amended_lines import apply_amendments
from backtax.validators.cases import (
    INFO_RETURN_TYPES,
    RETURN_TYPES,
    WAGE_INCOME,
    Case,
    record_ref,
)
from backtax.validators.findings import Evidence

# The box that says how much a form reports, used to tell forms apart and to pick matches,
# and the box of federal tax withheld: both from the form catalogue.
PRIMARY_FIELD = {f.doc_type: f.primary for f in catalog.forms().values() if f.primary}
WITHHOLDING_FIELD = {f.doc_type: f.withholding for f in catalog.forms().values() if f.withholding}
FORM_COLUMNS = [
    "form_id",
    "origin",
    "doc_type",
    "family",
    "payer_tin",
    "payer_key",
    "payer_name",
    "recipient_last4",
    "corrected",
    "source",
    "page",
    "ref",
    "entry_index",
    "record",
    "superseded_by",
    "match",
    "counted",
]


def family(doc_type: str) -> str:
    """The form a corrected version belongs to: `W-2c` is a `W-2`."""
    return "W-2" if doc_type == "W-2c" else doc_type


def withholding_field(doc_type: str) -> str:
    return WITHHOLDING_FIELD.get(family(doc_type), "box4_federal_tax_withheld")


def to_decimal(value: Any) -> Decimal | None:
    """A contract money string as Decimal; None for anything else (lists, codes, flags)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = str(value)
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def payer_key(tin: str | None) -> str | None:
    digits = re.sub(r"\D", "", tin or "")
    return digits[-4:] if len(digits) >= 4 else None


def table(
    rows: list[dict[str, Any]], columns: list[str], flags: tuple[str, ...] = ()
) -> pd.DataFrame:
    """A table of a case's rows, its columns kept as Python objects (a blank stays None,
    never NaN) except the `flags`, booleans: pandas' own string columns cost more than the
    whole rule on a case's handful of rows."""
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    for name in flags:  # a column set whole: `astype` costs more than the rest of the table
        frame.isetitem(columns.index(name), np.array([r[name] for r in rows], dtype=bool))
    return frame


def _entry_corrected(entry: dict[str, Any]) -> bool:
    kind = str(entry.get("fields", {}).get("submission_type", "")).lower()
    return bool(entry.get("corrected")) or "correct" in kind


@dataclass
class CaseTables:
    case: Case
    as_of: date
    documents: pd.DataFrame
    forms: pd.DataFrame
    amounts: pd.DataFrame
    return_lines: pd.DataFrame
    transactions: pd.DataFrame
    history: dict[int, pd.DataFrame] = field(default_factory=dict)
    """The same taxpayer's account transactions of other years, by tax year."""
    year_account: YearAccount | None = None
    """The year's account transcripts reconciled into one account (validators/accounts.py)."""

    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    """Answers of the queries below (and `income.line_total`'s), each worked out once: the
    tables do not change once built, and the rules ask the same questions many times."""

    # -- queries shared by the rules -------------------------------------------------------

    def counted(self, *families: str) -> pd.DataFrame:
        """Forms that count in totals (once per information return), of the given families."""
        key = ("counted", families)
        if key not in self.memo:
            every = self.counted() if families else self.forms[self.forms["counted"]]
            keep = [f in families for f in every["family"]] if families else []
            self.memo[key] = every if all(keep) else every[keep] if any(keep) else every.iloc[:0]
        return self.memo[key]

    def counted_rows(self, *families: str) -> list[pd.Series]:
        """`counted(*families)` row by row."""
        key = ("counted_rows", families)
        if key not in self.memo:
            self.memo[key] = [row for _, row in self.counted(*families).iterrows()]
        return self.memo[key]

    def amount(self, form_id: str, field: str) -> Decimal | None:
        if "amounts" not in self.memo:
            index: dict[tuple[str, str], Decimal] = {}
            a = self.amounts
            for form, name, value in zip(a["form_id"], a["field"], a["value"], strict=True):
                index.setdefault((form, name), value)  # a box's first row, as a query's
            self.memo["amounts"] = index
        return self.memo["amounts"].get((form_id, field))

    def raw_fields(self, form: pd.Series) -> dict[str, Any]:
        """A form's fields as extracted (flags and codes included)."""
        rec: DocumentRecord = form["record"]
        if form["origin"] == "paper":
            return rec.fields
        return rec.extra["entries"][int(form["entry_index"])].get("fields", {})

    def form_fields(self, form_id: str) -> dict[str, Decimal]:
        a = self.amounts[self.amounts["form_id"] == form_id]
        return dict(zip(a["field"], a["value"], strict=True))

    def evidence(self, form: pd.Series, field: str, value: Any = None) -> Evidence:
        """Where a form's box was read: the paper page, or the transcript entry."""
        if value is None:
            value = self.amount(form["form_id"], field)
        name = (
            field if form["origin"] == "paper" else f"entries[{int(form['entry_index'])}].{field}"
        )
        return Evidence(form["source"], form["page"], form["doc_type_of_source"], name, value)

    def line(self, name: str) -> tuple[Decimal | None, Evidence | None]:
        """A return line (per computer where the IRS changed it) and its evidence."""
        if ("line", name) not in self.memo:
            self.memo["line", name] = self._line(name)
        return self.memo["line", name]

    def _line(self, name: str) -> tuple[Decimal | None, Evidence | None]:
        rows = self.return_lines[self.return_lines["line"] == name]
        if rows.empty:
            return None, None
        row = rows.iloc[0]
        use_pc = row["per_computer"] is not None
        value = row["per_computer"] if use_pc else row["value"]
        field = f"per_computer.{name}" if use_pc else row["field"]
        return value, Evidence(row["source"], row["page"], row["doc_type"], field, value)

    def return_text(self, name: str) -> str | None:
        """A non-money return field (filing status) as printed."""
        for rec in self.case.of_type(*RETURN_TYPES, "IRS-ACCOUNT-TRANSCRIPT"):
            if rec.fields.get(name):
                return str(rec.fields[name])
        return None

    def account(self) -> DocumentRecord | None:
        """The year's one account: the latest transcript, with the others' missing fields."""
        return self.year_account.record if self.year_account else None

    def has_return(self) -> bool:
        return not self.return_lines.empty

    def has_wage_income(self, last4: str | None = None) -> bool:
        return any(
            last4 is None or r.recipient_tin_last4 == last4 for r in self.case.of_type(WAGE_INCOME)
        )

    def tx_evidence(self, row: pd.Series, field: str = "amount") -> Evidence:
        value = row["amount"] if field == "amount" else row[field]
        return Evidence(
            row["source"],
            row["page"],
            row["doc_type"],
            f"transactions[{row['seq']}].{field}",
            value,
        )


def build_tables(case: Case, as_of: date) -> CaseTables:
    documents = _documents(case.records)
    kept = [r for r, dup in zip(case.records, documents["duplicate_of"], strict=True) if not dup]
    forms, amounts = _forms(kept)
    forms, amounts = _supersede(forms, amounts)
    forms = _match(forms, amounts)
    year = reconcile(kept)
    return CaseTables(
        case,
        as_of,
        documents,
        forms,
        amounts,
        _return_lines(kept),
        _transactions(year),
        year_account=year,
    )


def _documents(records: list[DocumentRecord]) -> pd.DataFrame:
    rows, seen = [], {}
    for r in records:
        key = _duplicate_key(r)
        original = seen.get(key) if key else None
        rows.append(
            {
                "ref": record_ref(r),
                "doc_type": r.doc_type,
                "source": r.source,
                "page": min(r.pages) if r.pages else None,
                "record": r,
                "duplicate_of": original,
            }
        )
        if key and original is None:
            seen[key] = r
    return table(rows, ["ref", "doc_type", "source", "page", "record", "duplicate_of"])


def _duplicate_key(r: DocumentRecord) -> tuple | None:
    """Same form, payer, recipient, year and amounts: a second copy of one document."""
    if r.doc_type in INFO_RETURN_TYPES:
        fam = family(r.doc_type)
        money = (r.fields.get(PRIMARY_FIELD.get(fam, "")), r.fields.get(withholding_field(fam)))
        payer = payer_key(r.payer_tin) or (r.payer_name or "")[:4].upper()
        return (r.doc_type, r.corrected, r.tax_year, r.recipient_tin_last4, payer, money)
    if r.doc_type.startswith("IRS-") and r.doc_type != "IRS-NOTICE":
        body = repr(sorted(r.fields.items())) + repr(r.extra.get("entries"))
        return (r.doc_type, r.tax_year, r.recipient_tin_last4, body)
    return None


def _forms(records: list[DocumentRecord]) -> tuple[pd.DataFrame, pd.DataFrame]:
    forms, amounts = [], []

    def add(form: dict[str, Any], fields: dict[str, Any]) -> None:
        forms.append(form)
        for name, raw in fields.items():
            value = to_decimal(raw)
            if value is not None:
                amounts.append({"form_id": form["form_id"], "field": name, "value": value})

    for r in records:
        page = min(r.pages) if r.pages else None
        if r.doc_type in INFO_RETURN_TYPES:
            add(
                _form_row(
                    f"P{len(forms)}",
                    "paper",
                    r.doc_type,
                    r.payer_tin,
                    r.payer_name,
                    r.recipient_tin_last4,
                    r.corrected or r.doc_type == "W-2c",
                    r,
                    None,
                    page,
                ),
                r.fields,
            )
        elif r.doc_type == WAGE_INCOME:
            for i, e in enumerate(r.extra.get("entries", [])):
                if e.get("doc_type") not in INFO_RETURN_TYPES:
                    continue
                add(
                    _form_row(
                        f"T{len(forms)}",
                        "transcript",
                        e["doc_type"],
                        e.get("payer_tin"),
                        e.get("payer_name"),
                        r.recipient_tin_last4,
                        _entry_corrected(e),
                        r,
                        i,
                        e.get("page", page),
                    ),
                    e.get("fields", {}),
                )
    frame = table(forms, [*FORM_COLUMNS, "doc_type_of_source"], ("counted", "corrected"))
    return frame, table(amounts, ["form_id", "field", "value"])


def _form_row(
    form_id: str, origin: str, doc_type: str, payer_tin: str | None, payer_name: str | None,
    recipient: str | None, corrected: bool, record: DocumentRecord, entry: int | None,
    page: int | None,
) -> dict[str, Any]:  # fmt: skip
    return {
        "form_id": form_id,
        "origin": origin,
        "doc_type": doc_type,
        "family": family(doc_type),
        "payer_tin": payer_tin,
        "payer_key": payer_key(payer_tin) or (payer_name or "")[:4].upper(),
        "payer_name": payer_name,
        "recipient_last4": recipient,
        "corrected": corrected,
        "source": record.source,
        "page": page,
        "ref": record_ref(record),
        "entry_index": entry,
        "record": record,
        "superseded_by": None,
        "match": None,
        "counted": True,
        "doc_type_of_source": record.doc_type,
    }


def _supersede(forms: pd.DataFrame, amounts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A corrected form replaces the original it corrects; its blank boxes keep the original's."""
    inherited = []
    for _, fix in forms[forms["corrected"]].iterrows():
        same = forms[
            (forms["origin"] == fix["origin"])
            & (forms["family"] == fix["family"])
            & (forms["payer_key"] == fix["payer_key"])
            & (forms["recipient_last4"] == fix["recipient_last4"])
            & ~forms["corrected"]
            & forms["superseded_by"].isna()
        ]
        have = set(amounts.loc[amounts["form_id"] == fix["form_id"], "field"])
        for idx, original in same.iterrows():
            forms.at[idx, "superseded_by"] = fix["form_id"]
            forms.at[idx, "counted"] = False
            old = amounts[
                (amounts["form_id"] == original["form_id"]) & ~amounts["field"].isin(have)
            ]
            inherited.append(old.assign(form_id=fix["form_id"]))
            have |= set(old["field"])
    if inherited:
        amounts = pd.concat([amounts, *inherited], ignore_index=True)
    return forms, amounts


def _match(forms: pd.DataFrame, amounts: pd.DataFrame) -> pd.DataFrame:
    """Pair each paper form with its transcript entry; the transcript's figures then count."""
    if "transcript" not in set(forms["origin"]):
        return forms
    taken: set[str] = set()
    paper = forms[(forms["origin"] == "paper") & forms["counted"]]
    for idx, p in paper.iterrows():
        candidates = forms[
            (forms["origin"] == "transcript")
            & forms["counted"]
            & (forms["family"] == p["family"])
            & (forms["recipient_last4"] == p["recipient_last4"])
            & ~forms["form_id"].isin(taken)
        ]
        by_payer = candidates[candidates["payer_key"] == p["payer_key"]]
        if by_payer.empty and p["payer_name"]:
            name = str(p["payer_name"])[:4].upper()
            by_payer = candidates[candidates["payer_name"].fillna("").str[:4].str.upper() == name]
        if by_payer.empty:
            continue
        field = PRIMARY_FIELD.get(p["family"], "")
        mine = _value(amounts, p["form_id"], field)
        best = min(
            by_payer.itertuples(), key=lambda t: abs(_value(amounts, t.form_id, field) - mine)
        )
        taken.add(best.form_id)
        forms.at[idx, "match"] = best.form_id
        forms.at[idx, "counted"] = False
        forms.loc[forms["form_id"] == best.form_id, "match"] = p["form_id"]
    return forms


def _value(amounts: pd.DataFrame, form_id: str, field: str) -> Decimal:
    hit = amounts[(amounts["form_id"] == form_id) & (amounts["field"] == field)]
    return Decimal(0) if hit.empty else hit.iloc[0]["value"]


RETURN_LINE_COLUMNS = [
    "line",
    "value",
    "per_computer",
    "source",
    "page",
    "doc_type",
    "field",
    "before_amendment",
]


def _return_lines(records: list[DocumentRecord]) -> pd.DataFrame:
    """The return's money lines; a return transcript wins over the taxpayer's 1040 copy, and
    a filed 1040-X's correct amounts over both (`validators/amended_lines.py`)."""
    rows, seen = [], set()
    for r in sorted(
        (r for r in records if r.doc_type in RETURN_TYPES),
        key=lambda r: RETURN_TYPES.index(r.doc_type),
    ):
        per_computer = r.extra.get("per_computer") or {}
        for name, raw in r.fields.items():
            value = to_decimal(raw)
            if value is None or name in seen:
                continue
            seen.add(name)
            rows.append(
                {
                    "line": name,
                    "value": value,
                    "per_computer": to_decimal(per_computer.get(name)),
                    "source": r.source,
                    "page": min(r.pages) if r.pages else None,
                    "doc_type": r.doc_type,
                    "field": name,
                    "before_amendment": None,
                }
            )
    if rows:  # a 1040-X corrects a return in hand, never stands for one
        apply_amendments(rows, records)
    return table(rows, RETURN_LINE_COLUMNS)


def _transactions(year: YearAccount | None) -> pd.DataFrame:
    """The year's united account transactions, each with the transcript that printed it."""
    rows = []
    for row in year.rows if year else []:
        t, r = row.tx, row.record
        rows.append(
            {
                "seq": row.seq,
                "code": str(t.get("code", "")),
                "date": t.get("date"),
                "amount": to_decimal(t.get("amount")) or Decimal(0),
                "explanation": t.get("explanation", ""),
                "detail": t.get("detail", ""),
                "source": r.source,
                "page": min(r.pages) if r.pages else None,
                "doc_type": r.doc_type,
            }
        )
    return table(
        rows,
        [
            "seq",
            "code",
            "date",
            "amount",
            "explanation",
            "detail",
            "source",
            "page",
            "doc_type",
        ],
    )
