"""The plain functions the CLI and the Prefect flows call: check and assess a batch of records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from backtax.extractors.record import DocumentRecord
from backtax.validators.amended import amended_return
from backtax.validators.cases import Case, group_cases, record_ref
from backtax.validators.confidence import flag_low_confidence
from backtax.validators.findings import SEVERITIES, Finding
from backtax.validators.income import INCOME_LINES, line_total, withholding_total
from backtax.validators.notice_deadlines import open_deadlines
from backtax.validators.registry import all_rules
from backtax.validators.tables import CaseTables, build_tables, to_decimal

BALANCE_FIELDS = (
    "account_balance",
    "accrued_interest",
    "accrued_penalty",
    "balance_plus_accruals",
    "accruals_as_of",
)


@dataclass
class CheckResult:
    documents: list[dict[str, Any]]
    cases: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    tables: list[CaseTables]

    def to_json(self) -> dict[str, Any]:
        return {"documents": self.documents, "cases": self.cases, "findings": self.findings}

    def __getitem__(self, key: str) -> list[dict[str, Any]]:
        """`result["cases"]`: the JSON parts by name, as the flows read them."""
        return self.to_json()[key]


def case_tables(records: list[DocumentRecord], as_of: date) -> tuple[Any, list[CaseTables]]:
    """Group records into cases and build each case's tables, with the taxpayer's other years."""
    grouping = group_cases(records)
    tables = [build_tables(case, as_of) for case in grouping.cases]
    by_person: dict[tuple[str, str | None], dict[int, Any]] = defaultdict(dict)
    for t in tables:
        by_person[_person(t.case)][t.case.tax_year] = t.transactions
    for t in tables:
        t.history = {y: tx for y, tx in by_person[_person(t.case)].items() if y != t.case.tax_year}
    return grouping, tables


def _person(case: Case) -> tuple[str, str | None]:
    return case.taxpayer.last4, case.taxpayer.control


def check_records(records: list[DocumentRecord], as_of: date) -> CheckResult:
    """Group records into cases, run every rule, and build each case's amended-return candidate."""
    grouping, tables = case_tables(records, as_of)
    rules = all_rules()
    findings: list[Finding] = []
    for r in (r for r in rules if r.scope == "run"):
        findings.extend(r.func(grouping))
    for t in tables:
        for r in (r for r in rules if r.scope == "case"):
            findings.extend(r.func(t))
    cases = []
    for t in tables:
        amended = amended_return(t, findings)
        for r in (r for r in rules if r.scope == "amended"):
            findings.extend(r.func(t, amended))
        cases.append(_case_json(t, amended))
    flag_low_confidence(findings, records)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (f.case_id or "", order[f.severity], f.rule))
    return CheckResult(
        [r.to_json() for r in records], cases, [f.to_json() for f in findings], tables
    )


def _case_json(t: CaseTables, amended: dict[str, Any]) -> dict[str, Any]:
    case = t.case
    totals = {}
    for line in INCOME_LINES:
        total = line_total(t, line)
        if total.items:
            totals[line] = f"{total.total:.2f}"
    held = withholding_total(t)
    if held.items:
        totals["federal_income_tax_withheld"] = f"{held.total:.2f}"
    out: dict[str, Any] = {
        "case_id": case.case_id,
        "recipient_tin_last4": case.recipient_tin_last4,
        "tax_year": case.tax_year,
    }
    if case.taxpayer.control:
        out["name_control"] = case.taxpayer.control
    if case.taxpayer.spouse_last4:
        out["spouse_tin_last4"] = case.taxpayer.spouse_last4
    out["documents"] = [record_ref(r) for r in case.records]
    out["totals"] = totals
    out["amended_return"] = amended
    out["deadlines"] = open_deadlines(case.records, t.as_of)
    account = t.account()
    if account is not None:
        out["balance"] = {
            k: (
                f"{to_decimal(account.fields[k]):.2f}"
                if to_decimal(account.fields[k]) is not None
                else account.fields[k]
            )
            for k in BALANCE_FIELDS
            if account.fields.get(k) not in (None, "")
        }
    return out


def assess_records(records: list[DocumentRecord], as_of: date) -> dict[str, Any]:
    """The contract's Assessment: per taxpayer and year, from the account transcripts."""
    from backtax.validators.assess import assess

    result = check_records(records, as_of)
    return assess(result.tables, result.cases, result.findings, as_of)
