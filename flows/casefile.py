"""The per-taxpayer case file: what check and assess say, gathered as a client should read it.

Built from the JSON of `check` (documents, cases, findings) and `assess` (taxpayers), read
defensively: keys may be missing, and keys added by newer validators are shown, not lost.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from backtax.validators.cases import record_ref

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}
BOX_RE = re.compile(r"^box(\d+[a-z]?)_")
INDEXED_RE = re.compile(r"^(transactions|entries)\[(\d+)\](?:\.(.+))?$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONEY_TEXT = re.compile(r"^-?\d+\.\d{2}$")


def money(value: Any) -> Decimal | None:
    """A contract money string (or number) as Decimal; None when it is not one."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def fmt_money(value: Any) -> str:
    """`6400` or `"6400.00"` as `6,400.00`; anything that is not money as it is."""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, str) and MONEY_TEXT.match(value):
        return f"{Decimal(value):,.2f}"
    return "" if value is None else str(value)


def fmt_value(value: Any) -> str:
    """A printed value for the page: money formatted, booleans as yes/no, lists joined."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(fmt_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {fmt_value(v)}" for k, v in value.items())
    return fmt_money(value)


def as_date(value: Any) -> date | None:
    if isinstance(value, str) and DATE_RE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


@dataclass
class Deadline:
    """A date something must happen by, and whether it has passed on the report's date."""

    what: str
    when: str
    passed: bool
    tax_year: int | None = None


@dataclass
class Taxpayer:
    """One taxpayer's cases, findings, assessment and documents."""

    key: str
    last4: str
    name: str
    name_control: str | None
    cases: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    assessment: dict[str, Any] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        found = {c.get("tax_year") for c in self.cases}
        found |= {y.get("tax_year") for y in self.assessment.get("years") or []}
        return sorted(y for y in found if isinstance(y, int))

    @property
    def slug(self) -> str:
        return re.sub(r"[^A-Za-z0-9-]", "", self.key) or "taxpayer"


def taxpayer_key(last4: str | None, control: str | None) -> str:
    return f"{last4 or 'none'}-{control}" if control else (last4 or "none")


def doc_index(documents: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Documents by their contract id (`sha256:pages`), each with `doc_id` set."""
    from backtax.extractors.record import DocumentRecord

    out = {}
    for doc in documents:
        ident = doc.get("doc_id") or record_ref(DocumentRecord.from_json(doc))
        out[ident] = {**doc, "doc_id": ident}
    return out


def gather(checked: dict[str, Any], assessed: dict[str, Any] | None = None) -> list[Taxpayer]:
    """One `Taxpayer` per person among the cases (keyed as cases are: last four, name control)."""
    docs = doc_index(checked.get("documents") or [])
    people: dict[str, Taxpayer] = {}
    for case in checked.get("cases") or []:
        last4, control = case.get("recipient_tin_last4"), case.get("name_control")
        key = taxpayer_key(last4, control)
        person = people.get(key) or Taxpayer(key, last4 or "", "", control)
        people[key] = person
        person.cases.append(case)
        for ident in case.get("documents") or []:
            if ident in docs and docs[ident] not in person.documents:
                person.documents.append(docs[ident])
    by_case = {c["case_id"]: p for p in people.values() for c in p.cases if c.get("case_id")}
    for finding in checked.get("findings") or []:
        person = by_case.get(finding.get("case_id") or "")
        if person is not None:
            person.findings.append(finding)
    for entry in (assessed or {}).get("taxpayers") or []:
        last4 = entry.get("recipient_tin_last4")
        matches = [
            p
            for p in people.values()
            if p.last4 == last4 and entry.get("name_control") in (None, p.name_control)
        ]
        if len(matches) == 1:
            matches[0].assessment = entry
    for person in people.values():
        person.cases.sort(key=lambda c: c.get("tax_year") or 0)
        names = Counter(
            d["recipient_name"]
            for d in person.documents
            if d.get("recipient_name") and not d.get("doc_type", "").startswith("IRS-")
        ) or Counter(d["recipient_name"] for d in person.documents if d.get("recipient_name"))
        person.name = names.most_common(1)[0][0] if names else f"taxpayer …{person.last4}"
    return sorted(people.values(), key=lambda p: (p.name, p.key))


def payer_names(documents: list[dict[str, Any]]) -> dict[str, str]:
    """Full payer names by the last four digits of the payer TIN, from the paper documents.

    Transcripts print a payer's name control (`BAYS`) and a masked TIN; the paper form of
    the same payer gives the name a client recognises.
    """
    out: dict[str, str] = {}
    for doc in documents:
        tin, name = doc.get("payer_tin") or "", doc.get("payer_name")
        digits = re.sub(r"\D", "", tin)
        if name and len(digits) >= 4 and not doc.get("doc_type", "").startswith("IRS-"):
            out.setdefault(digits[-4:], name)
    return out


def payer_of(entry: dict[str, Any], names: dict[str, str]) -> str:
    """The payer's full name where a paper form gives it, else the name as printed."""
    digits = re.sub(r"\D", "", entry.get("payer_tin") or "")
    full = names.get(digits[-4:]) if len(digits) >= 4 else None
    return full or entry.get("payer_name") or ""


def field_label(name: str) -> str:
    """`box1_wages` as `box 1 (wages)`; other names with spaces for underscores."""
    box = BOX_RE.match(name)
    if box:
        return f"box {box.group(1)} ({name[box.end() :].replace('_', ' ')})"
    return name.replace("_", " ")


def evidence_rows(
    finding: dict[str, Any], docs: list[dict[str, Any]], names: dict[str, str]
) -> list[dict[str, Any]]:
    """Each piece of evidence with the document it is on, its page, box, value and payer."""
    rows = []
    for ev in finding.get("evidence") or []:
        doc = next(
            (
                d
                for d in docs
                if d.get("source") == ev.get("source")
                and (ev.get("page") is None or ev.get("page") in (d.get("pages") or []))
                and (ev.get("doc_type") in (None, d.get("doc_type")))
            ),
            {},
        )
        name = str(ev.get("field") or "")
        label, payer = field_label(name), ""
        indexed = INDEXED_RE.match(name)
        if indexed and doc:
            items = doc.get(indexed.group(1)) or []
            index = int(indexed.group(2))
            item = items[index] if index < len(items) and isinstance(items[index], dict) else {}
            inner = (indexed.group(3) or "").removeprefix("fields.")
            if indexed.group(1) == "transactions":
                label = f"TC {item.get('code', '?')} {item.get('explanation', '')}".strip()
            else:
                label = f"{item.get('doc_type', 'entry')} {field_label(inner)}"
                payer = payer_of(item, names)
        if not payer and doc:
            payer = payer_of(doc, names)
        rows.append(
            {
                "source": ev.get("source") or doc.get("source") or "",
                "page": ev.get("page"),
                "doc_type": ev.get("doc_type") or doc.get("doc_type") or "",
                "box": label,
                "field": name,
                "value": ev.get("value"),
                "payer": payer,
                "doc_id": doc.get("doc_id") or "",
            }
        )
    return rows


def deadlines(person: Taxpayer, as_of: date) -> list[Deadline]:
    """Every dated deadline of the taxpayer: refund statutes, amended returns, notices, CSEDs."""
    found: list[Deadline] = []

    def add(what: str, when: Any, year: int | None) -> None:
        day = as_date(when)
        if day is not None:
            found.append(Deadline(what, day.isoformat(), day < as_of, year))

    for case in person.cases:
        year = case.get("tax_year")
        amended = case.get("amended_return") or {}
        if amended.get("candidate"):
            add("file the amended return (1040-X)", amended.get("deadline"), year)
        for item in case.get("deadlines") or []:
            if isinstance(item, dict):
                what = item.get("what") or item.get("kind") or item.get("name") or "deadline"
                add(str(what), item.get("date") or item.get("deadline"), year)
    for doc in person.documents:
        fields = doc.get("fields") or {}
        if doc.get("doc_type") == "IRS-NOTICE" and fields.get("respond_by"):
            notice = fields.get("notice_type") or "notice"
            add(f"respond to notice {notice}", fields.get("respond_by"), doc.get("tax_year"))
    for year in person.assessment.get("years") or []:
        add("refund statute (claim a refund by)", year.get("refund_statute"), year.get("tax_year"))
        statute = year.get("assessment_statute") or year.get("ased")
        add("assessment statute (IRS may assess by)", statute, year.get("tax_year"))
    unique = {(d.what, d.when, d.tax_year): d for d in found}
    return sorted(unique.values(), key=lambda d: (d.when, d.what))


def year_status(case: dict[str, Any] | None, year: dict[str, Any] | None) -> str:
    """A few words on where the year stands."""
    parts = []
    if year is not None and year.get("filed") is False:
        parts.append("no return filed")
    owed = money((year or {}).get("balance_plus_accruals") or (year or {}).get("account_balance"))
    if owed is not None and owed > 0:
        parts.append("balance due")
    elif owed is not None and owed < 0:
        parts.append("credit on the account")
    amended = (case or {}).get("amended_return") or {}
    if amended.get("candidate"):
        status = amended.get("deadline_status")
        parts.append(
            "amended return: deadline passed" if status == "passed" else "amended return advised"
        )
    if not parts:
        parts.append("no balance" if year is not None else "no account transcript")
    return "; ".join(parts)


def sort_findings(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        findings, key=lambda f: (SEVERITY_ORDER.get(f.get("severity", ""), 9), f.get("rule", ""))
    )


def findings_by_year(person: Taxpayer) -> dict[int | None, list[dict[str, Any]]]:
    years = {c.get("case_id"): c.get("tax_year") for c in person.cases}
    grouped: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for finding in person.findings:
        grouped[years.get(finding.get("case_id"))].append(finding)
    return {y: sort_findings(grouped[y]) for y in sorted(grouped, key=lambda y: y or 0)}
