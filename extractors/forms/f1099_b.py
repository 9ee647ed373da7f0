"""Form 1099-B: the IRS form (one sale per form) and brokers' statements (a summary by
term and basis category, then the lots), both giving the contract's totals,
`totals_by_term` and `transactions`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from backtax.extractors.forms._catalog import form_spec
from backtax.extractors.forms.engine.kind import FormKind
from backtax.extractors.kinds import Extracted, Identification, register
from backtax.extractors.page import Line, Page, Region, normalize
from backtax.extractors.values import format_money, parse_date, parse_money

B = form_spec("1099-B")

ZERO = Decimal("0.00")


# ---------------------------------------------------------------- the IRS form: one sale


def _money(fields: dict[str, Any], name: str) -> Decimal:
    return Decimal(fields.get(name) or "0")


def single_sale(fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Totals and the one transaction of an IRS-form 1099-B, from its boxes: no cost basis
    nor gain where box 1e is blank or unread (no basis reported, not a basis of 0)."""
    proceeds, basis = _money(fields, "box1d_proceeds"), _money(fields, "box1e_cost_basis")
    wash = _money(fields, "box1g_wash_sale_loss_disallowed")
    term = (
        "short" if fields.get("box2_short_term")
        else "long" if fields.get("box2_long_term") else "unknown"
    )  # fmt: skip
    totals = {
        "proceeds": format_money(proceeds),
        "cost_basis": format_money(basis),
        "wash_sale_loss_disallowed": format_money(wash),
        "gain_loss": format_money(proceeds - basis + wash),
    }
    if "box1e_cost_basis" not in fields:
        del totals["cost_basis"], totals["gain_loss"]
    shown = dict(totals)
    if "box1g_wash_sale_loss_disallowed" not in fields:
        del shown["wash_sale_loss_disallowed"]
    lot: dict[str, Any] = {
        "description": fields.get("box1a_description"),
        "date_acquired": fields.get("box1b_date_acquired"),
        "date_sold": fields.get("box1c_date_sold"),
        **shown,
        "term": term,
    }
    by_term = {"term": term, "basis_reported": bool(fields.get("box12_basis_reported")), **totals}
    return {"totals": totals, "by_term": by_term}, lot


def add_sale(doc: Extracted) -> None:
    """An IRS-form record's totals, by term and its one transaction, from its boxes (once
    its copies are one record: `Extracted.finish`)."""
    if "box1d_proceeds" in doc.fields:
        sums, lot = single_sale(doc.fields)
        doc.fields.update(sums["totals"])
        doc.extra = {"totals_by_term": [sums["by_term"]], "transactions": [lot]}


# ---------------------------------------------------------------- broker statements

SUMMARY_TITLE = "Summary of Form 1099-B"
LOT_HEADS = (
    ("Date acquired", "Acquired", "Date of acquisition"),
    ("Date sold", "Date of sale", "Sale date", "Sold"),
    ("Proceeds", "Sales price", "Gross proceeds"),
)
"""A lot table's header holds one of each: its date acquired, date sold and proceeds."""
_DATE = re.compile(r"^(\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|various)$", re.I)
_SUMMARY_KEYS = (
    "proceeds",
    "cost_basis",
    "wash_sale_loss_disallowed",
    "gain_loss",
    "box4_federal_tax_withheld",
)


def category_of(text: str) -> tuple[str, bool | None]:
    """Term and basis-reported flag from a category's wording (`Short-term ... covered`)."""
    t = normalize(text)
    term = "short" if "short-term" in t or "short term" in t else (
        "long" if "long-term" in t or "long term" in t else "unknown")  # fmt: skip
    if "noncovered" in t or "non-covered" in t:
        return term, False
    if "not reported" in t:
        return term, None
    return term, True if "covered" in t or "reported to the irs" in t else None


def _amounts(line: Line) -> list[tuple[Decimal, float]]:
    """The amounts of a row and the right edge of each."""
    out = []
    for w in line.words:
        value = parse_money(w.text)
        if value is not None and ("." in w.text or "," in w.text):
            out.append((value, w.box.x1))
    return out


@dataclass
class Statement:
    """What a broker statement's 1099-B part says."""

    fields: dict[str, Any] = field(default_factory=dict)
    by_term: list[dict[str, Any]] = field(default_factory=list)
    transactions: list[dict[str, Any]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    lot_totals: list[tuple[tuple[str, bool | None] | None, dict[str, str]]] = field(
        default_factory=list
    )
    """The lot tables' totals rows: (term and basis reported, or None for a grand total)."""


def read_summary(lines: list[Line], out: Statement) -> None:
    """The summary table: one row per category, then Total."""
    for line in lines:
        amounts = _amounts(line)
        label = " ".join(w.text for w in line.words if parse_money(w.text) is None)
        if len(amounts) < 4:
            continue
        values = dict(zip(_SUMMARY_KEYS, (format_money(v) for v, _ in amounts), strict=False))
        if normalize(label).startswith("total"):
            out.fields.update(values)
            return
        term, reported = category_of(label)
        row = {k: values[k] for k in _SUMMARY_KEYS[:4]}
        out.by_term.append({"term": term, "basis_reported": reported, **row})


_COLUMN_HEADS = {
    "proceeds": ("Proceeds", "Sales price", "Gross proceeds"),
    "cost_basis": ("Cost basis", "Cost or other basis"),
    "wash_sale_loss_disallowed": ("Wash sale loss disallowed", "Wash sale loss"),
    "gain_loss": ("Gain or (loss)", "Gain/loss", "Realized gain or (loss)"),
}


def _columns(header: Line, page: Page) -> dict[str, float]:
    """Right edges of the lot table's amount columns (amounts align under their heads)."""
    row = Region(header.words, header.box, page.number)
    edges: dict[str, float] = {}
    for key, heads in _COLUMN_HEADS.items():
        hits = row.find_any(heads)
        if hits:
            edges[key] = max(hits, key=lambda h: len(h.words)).box.x1
    return edges


def _lot(line: Line, columns: dict[str, float], term: str) -> dict[str, Any] | None:
    dates = [w for w in line.words if _DATE.match(w.text)]
    if len(dates) < 2:
        return None
    first_date = dates[0].box.x0
    desc_words = [w for w in line.words if w.box.x1 < first_date]
    if desc_words and re.fullmatch(r"[\d.,]+", desc_words[-1].text):
        desc_words = desc_words[:-1]  # the quantity column
    lot: dict[str, Any] = {"description": " ".join(w.text for w in desc_words)}
    for key, word in (("date_acquired", dates[0]), ("date_sold", dates[1])):
        d = parse_date(word.text)
        lot[key] = word.text.upper() if d is None else d.isoformat()
    for value, x1 in _amounts(line):
        if x1 < dates[1].box.x1 or not columns:
            continue
        key = min(columns, key=lambda k: abs(columns[k] - x1))
        lot[key] = format_money(value)
    if "proceeds" not in lot:
        return None
    ordered = {k: lot[k] for k in ("description", "date_acquired", "date_sold", "proceeds",
                                   "cost_basis", "wash_sale_loss_disallowed", "gain_loss")
               if k in lot}  # fmt: skip
    return {**ordered, "term": term}


def _column_values(line: Line, columns: dict[str, float]) -> dict[str, str]:
    """A totals row's amounts, each in the column its right edge is nearest."""
    values: dict[str, str] = {}
    for value, x1 in _amounts(line):
        values[min(columns, key=lambda k: abs(columns[k] - x1))] = format_money(value)
    return values


def read_lots(pages: list[Page], out: Statement) -> None:
    """Lot tables: a category title in capitals, the column header, rows, a Total row
    (kept in `out.lot_totals` with its category)."""
    category: tuple[str, bool | None] = ("unknown", None)
    columns: dict[str, float] = {}
    for page in pages:
        lines = page.lines()
        for line in lines:
            text = normalize(line.text)
            term = category[0]
            if "transactions" in text and line.text.isupper() and not _amounts(line):
                category = category_of(text)
            elif is_lot_header(text):
                columns = _columns(line, page)
            elif text.startswith(("total", "grand total")) and columns:
                values = _column_values(line, columns)
                if "proceeds" in values:
                    grand = text.startswith("grand") or "all" in text.split()
                    out.lot_totals.append((None if grand else category, values))
            elif not text.startswith("total"):
                lot = _lot(line, columns, term)
                if lot:
                    out.transactions.append(lot)
                    if page.number not in out.pages:
                        out.pages.append(page.number)


def read_statement(pages: list[Page]) -> Statement:
    """The 1099-B part of a broker statement: the summary (totals, by term) and the lots."""
    out = Statement()
    for page in pages:
        lines = page.lines()
        for i, line in enumerate(lines):
            if normalize(SUMMARY_TITLE) in normalize(line.text):
                read_summary(lines[i + 1 :], out)
                out.pages.append(page.number)
    read_lots(pages, out)
    if not out.fields and out.lot_totals:
        totals_from_lot_tables(out)
    out.pages.sort()
    return out


def totals_from_lot_tables(out: Statement) -> None:
    """With no summary table, the totals are the lot tables' totals lines: a grand total
    where one is printed, else the sum of the categories' totals (each also a row of
    `by_term`). A lot's own row is never a total."""
    grand = [values for category, values in out.lot_totals if category is None]
    parts = [(category, values) for category, values in out.lot_totals if category is not None]
    if not out.by_term:
        for (term, reported), values in parts:
            out.by_term.append({"term": term, "basis_reported": reported, **values})
    if grand:
        out.fields.update(grand[-1])
        return
    keys = [k for k in _SUMMARY_KEYS[:4] if all(k in values for _, values in parts)]
    for key in keys:
        out.fields[key] = format_money(sum(Decimal(values[key]) for _, values in parts))


def is_lot_header(text: str) -> bool:
    """Whether a normalized line is a lot table's column header (`LOT_HEADS`): a broker's
    statement, never one sale, even where it heads its proceeds `Sales price`."""
    return all(any(normalize(h) in text for h in heads) for heads in LOT_HEADS)


def is_statement_page(page: Page) -> bool:
    """A summary table, or a lot table's header (its columns on one line)."""
    lines = [normalize(line.text) for line in page.lines()]
    return any(normalize(SUMMARY_TITLE) in t or is_lot_header(t) for t in lines)


# ---------------------------------------------------------------- the kind


class BrokerKind(FormKind):
    """The IRS form read box by box; a broker's statement read as summary and lot tables."""

    def identify(self, page: Page) -> Identification | None:
        ident = super().identify(page)
        if ident is None and is_statement_page(page):
            return Identification(self.name, B.doc_type, 3.5)
        return ident

    def extract(self, pages: list[Page]) -> list[Extracted]:
        if not any(is_statement_page(p) for p in pages):
            return super().extract(pages)
        return [self._statement(pages)]

    def read_copy(self, region: Region, page: Page) -> Extracted | None:
        doc = super().read_copy(region, page)
        if doc is not None:
            doc.finish = add_sale
        return doc

    def _statement(self, pages: list[Page]) -> Extracted:
        from backtax.extractors.forms.consolidated_1099 import read_identity

        st = read_statement(pages)
        ident = read_identity(pages[0])
        fields = dict(st.fields)
        if ident.account:
            fields["account_number"] = ident.account
        return Extracted(
            doc_type=B.doc_type,
            pages=[p.number for p in pages],
            tax_year=ident.year,
            payer_tin=ident.payer_tin,
            payer_name=ident.payer_name,
            recipient_tin_last4=ident.recipient_last4,
            recipient_name=ident.recipient_name,
            fields=fields,
            extra={"totals_by_term": st.by_term, "transactions": st.transactions},
            confidence=min((w.conf for p in pages for w in p.words), default=0.0),
        )


register(BrokerKind(B))
