"""The back-tax assessment: per taxpayer and year, what is owed and what can be done about it.

Each year is one account (validators/accounts.py): the transcript's balance and accruals as
printed, the united transactions summed by kind, each assessment's CSED with its suspensions,
the refund and assessment statutes, and the failure-to-file, failure-to-pay and interest the
law gives (validators/penalties.py) projected to `as_of` and to a payoff day, reconciled with
the transcript's accruals. The options are validators/options.py.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from backtax.validators import options, penalties, statutes, taxtables
from backtax.validators.deadlines import year_dates
from backtax.validators.notice_deadlines import open_deadlines
from backtax.validators.tables import CaseTables, to_decimal

ZERO = Decimal(0)
CATEGORIES = ("tax", "penalty", "interest", "payment", "refund")
PAYOFF_DAYS = 30


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _sums(t: CaseTables) -> dict[str, Decimal]:
    sums = dict.fromkeys((*CATEGORIES, "other"), ZERO)
    for _, row in t.transactions.iterrows():
        category = taxtables.transaction_code(row["code"]).get("category", "none")
        sums[category if category in sums else "other"] += row["amount"]
    return sums


def _computed(t: CaseTables, as_of: date, payoff: date) -> dict[str, Any]:
    now = penalties.compute(t, as_of)
    out: dict[str, Any] = {
        "as_of": {**now.to_json(), **penalties.project(t, as_of, now).to_json()},
        "payoff": penalties.project(t, payoff).to_json(),
        "vs_transcript": penalties.reconcile(t, as_of),
        "rates": now.rates.cite(),
        "notes": now.notes,
    }
    es = sum(v for k, v in _penalty_kinds(t).items() if k == "estimated_tax")
    if es:
        out["estimated_tax_penalty"] = {
            "assessed": _money(es),
            "note": "as the transcript shows it (IRC 6654 needs the quarterly installments)",
        }
    return out


def _penalty_kinds(t: CaseTables) -> dict[str, Decimal]:
    from backtax.validators.rules.account import penalty_totals

    return penalty_totals(t.transactions)


def _year(t: CaseTables, as_of: date, payoff: date) -> dict[str, Any]:
    acct = t.account()
    assert acct is not None
    sums = _sums(t)
    filed = statutes.filing(t)
    out: dict[str, Any] = {"tax_year": t.case.tax_year, "filed": filed.filed is not None}
    for name in ("account_balance", "accrued_interest", "accrued_penalty", "balance_plus_accruals"):
        value = to_decimal(acct.fields.get(name))
        if value is not None:
            out[name] = _money(value)
    if acct.fields.get("accruals_as_of"):
        out["accruals_as_of"] = acct.fields["accruals_as_of"]
    out["transactions_total"] = _money(sum(sums.values(), ZERO))
    out.update(
        assessed_tax=_money(sums["tax"]),
        penalties=_money(sums["penalty"]),
        interest=_money(sums["interest"]),
        payments_and_credits=_money(sums["payment"]),
        refunds=_money(sums["refund"]),
    )
    if sums["other"]:
        out["other_transactions"] = _money(sums["other"])
    out["assessments"] = [a.to_json() for a in statutes.assessments(t.transactions, as_of)]
    rs = statutes.refund_statute(t)
    ased = statutes.assessment_statute(t)
    out.update(
        due_date=year_dates(t.case.tax_year).due.isoformat(),
        return_filed=filed.filed.isoformat() if filed.filed else None,
        return_filed_basis=filed.basis,
        refund_statute=rs.deadline.isoformat(),
        refund_statute_basis=rs.basis,
        assessment_statute=ased.ased.isoformat() if ased.ased else None,
        assessment_statute_basis=ased.basis,
        computed=_computed(t, as_of, payoff),
        deadlines=open_deadlines(t.case.records, as_of),
    )
    return out


def _owed(year: dict[str, Any]) -> Decimal:
    total = to_decimal(year.get("balance_plus_accruals")) or to_decimal(year.get("account_balance"))
    return total or ZERO


def assess(
    tables: list[CaseTables],
    cases: list[dict[str, Any]],
    findings: list[dict[str, Any]],
    as_of: date,
    payoff: date | None = None,
) -> dict[str, Any]:
    """`{"taxpayers": [...]}` from the cases that hold an account transcript."""
    payoff = payoff or as_of + timedelta(days=PAYOFF_DAYS)
    people: dict[tuple[str, str | None], list[CaseTables]] = defaultdict(list)
    for t in tables:
        if t.account() is not None:
            people[(t.case.taxpayer.last4, t.case.taxpayer.control)].append(t)
    shared = defaultdict(set)
    for last4, control in people:
        shared[last4].add(control)
    amended = {c["case_id"]: c["amended_return"] for c in cases}
    out = []
    for (last4, control), group in sorted(
        people.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
    ):
        group.sort(key=lambda t: t.case.tax_year)
        years = [_year(t, as_of, payoff) for t in group]
        total = sum((_owed(y) for y in years if _owed(y) > 0), ZERO)
        ids = {t.case.case_id for t in group}
        person: dict[str, Any] = {"recipient_tin_last4": last4}
        if len(shared[last4]) > 1 and control:
            person["name_control"] = control
        projected = sum(
            (Decimal(y["computed"]["as_of"]["total"]) for y in years if _owed(y) > 0), ZERO
        )
        payoff_total = sum(
            (Decimal(y["computed"]["payoff"]["total"]) for y in years if _owed(y) > 0), ZERO
        )
        person.update(
            total_balance_plus_accruals=_money(total),
            total_assessed_balance=_money(
                sum((Decimal(y.get("account_balance") or 0) for y in years if _owed(y) > 0), ZERO)
            ),
            total_projected=_money(projected),
            payoff={"date": payoff.isoformat(), "total": _money(payoff_total)},
            years=years,
            deadlines=sorted(
                (d for y in years for d in y["deadlines"]), key=lambda d: d["deadline"]
            ),
            options=options.options(
                group,
                years,
                [f for f in findings if f["case_id"] in ids],
                {i: amended[i] for i in ids if i in amended},
                as_of,
            ),
        )
        out.append(person)
    return {"as_of": as_of.isoformat(), "taxpayers": out}
