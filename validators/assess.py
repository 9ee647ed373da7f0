"""The back-tax assessment: per taxpayer and year, what is owed and what can be done about it.

Figures come from account transcripts (IRS_REFERENCE.md 4-5): the balance and accruals as
printed, the transactions summed by kind, each assessment's CSED with its suspensions, the
refund statute, and the collection options with the thresholds of IRS_REFERENCE.md 5.6.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_UP, Decimal
from typing import Any

from dateutil.relativedelta import relativedelta

from validators import statutes, taxtables
from validators.rules.account import fta_eligibility, penalty_totals
from validators.tables import CaseTables, to_decimal

ZERO = Decimal(0)
STREAMLINED_LIMIT = Decimal(50000)
SHORT_TERM_LIMIT = Decimal(100000)
STREAMLINED_MONTHS = 72
SHORT_TERM_DAYS = 180
COMPLEX_RULES = {
    "OPEN_EXAMINATION": "an open examination",
    "SUBSTITUTE_FOR_RETURN": "a substitute for return",
    "NO_RETURN_FILED": "an unfiled return",
    "UNDERREPORTER_REVIEW": "an underreporter review (CP2000 coming)",
    "ADDITIONAL_ASSESSMENT": "an additional assessment",
    "RETURN_POSTING_ALERT": "a duplicate or amended return posting",
}
CATEGORIES = ("tax", "penalty", "interest", "payment", "refund")


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _year(t: CaseTables, as_of: date) -> dict[str, Any]:
    acct = t.account()
    assert acct is not None
    sums = dict.fromkeys((*CATEGORIES, "other"), ZERO)
    for _, row in t.transactions.iterrows():
        category = taxtables.transaction_code(row["code"]).get("category", "none")
        sums[category if category in sums else "other"] += row["amount"]
    originals = t.transactions[t.transactions["code"] == "150"]
    sfr = originals["explanation"].str.lower().str.contains("substitute").any()
    out: dict[str, Any] = {"tax_year": t.case.tax_year, "filed": bool(len(originals)) and not sfr}
    for name in ("account_balance", "accrued_interest", "accrued_penalty", "balance_plus_accruals"):
        value = to_decimal(acct.fields.get(name))
        if value is not None:
            out[name] = _money(value)
    if acct.fields.get("accruals_as_of"):
        out["accruals_as_of"] = acct.fields["accruals_as_of"]
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
    out["refund_statute"] = statutes.refund_statute(t).deadline.isoformat()
    return out


def _owed(year: dict[str, Any]) -> Decimal:
    total = to_decimal(year.get("balance_plus_accruals")) or to_decimal(year.get("account_balance"))
    return total or ZERO


def assess(
    tables: list[CaseTables],
    cases: list[dict[str, Any]],
    findings: list[dict[str, Any]],
    as_of: date,
) -> dict[str, Any]:
    """`{"taxpayers": [...]}` from the cases that hold an account transcript."""
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
        years = [_year(t, as_of) for t in group]
        total = sum((_owed(y) for y in years if _owed(y) > 0), ZERO)
        ids = {t.case.case_id for t in group}
        person = {"recipient_tin_last4": last4}
        if len(shared[last4]) > 1 and control:
            person["name_control"] = control
        person.update(
            total_balance_plus_accruals=_money(total),
            years=years,
            options=_options(
                group,
                years,
                total,
                [f for f in findings if f["case_id"] in ids],
                {i: amended[i] for i in ids if i in amended},
                as_of,
            ),
        )
        out.append(person)
    return {"as_of": as_of.isoformat(), "taxpayers": out}


def _options(
    group: list[CaseTables], years: list[dict[str, Any]], total: Decimal,
    findings: list[dict[str, Any]], amended: dict[str, dict[str, Any]], as_of: date,
) -> list[dict[str, Any]]:  # fmt: skip
    unfiled = [y["tax_year"] for y in years if not y["filed"]]
    csed = min(
        (date.fromisoformat(a["csed"]) for y in years if _owed(y) > 0 for a in y["assessments"]),
        default=None,
    )
    months_left = STREAMLINED_MONTHS
    if csed:
        delta = relativedelta(csed, as_of)
        months_left = max(1, min(STREAMLINED_MONTHS, delta.years * 12 + delta.months))
    owes = total > 0
    filed_note = (
        f"; returns for {', '.join(map(str, unfiled))} must be filed first" if unfiled else ""
    )
    options = [
        _option(
            "streamlined_installment_agreement",
            owes and total <= STREAMLINED_LIMIT and not unfiled,
            {
                "balance": _money(total),
                "max_months": months_left,
                "monthly_payment": _money(_per(total, months_left)),
            },
            (
                "assessed balance under $50,000"
                if total <= STREAMLINED_LIMIT
                else "balance over $50,000"
            )
            + (", paid within the CSED" if csed else "")
            + filed_note
            if owes
            else "nothing is owed",
        ),
        _option(
            "non_streamlined_installment_agreement",
            owes and total > STREAMLINED_LIMIT,
            {"balance": _money(total)},
            "balance over $50,000: needs a financial statement (Form 433-F or 433-A)"
            if total > STREAMLINED_LIMIT
            else "a streamlined agreement covers this balance",
        ),
        _option(
            "short_term_payment_plan",
            owes and total < SHORT_TERM_LIMIT,
            {
                "balance": _money(total),
                "days": SHORT_TERM_DAYS,
                "monthly_payment": _money(_per(total, 6)),
            },
            "owe under $100,000 and can pay within 180 days" if owes else "nothing is owed",
        ),
        _fta_option(group),
        _cnc_option(group, owes),
        _option(
            "offer_in_compromise",
            None if owes else False,
            {"balance": _money(total)},
            "depends on reasonable collection potential from a financial statement (Form 433-A OIC)"
            if owes
            else "nothing is owed",
        ),
        _innocent_spouse(group),
        _amended_option(amended),
        _professional(findings, total),
    ]
    return options


def _per(total: Decimal, months: int) -> Decimal:
    return (total / months).quantize(Decimal("0.01"), rounding=ROUND_UP) if total > 0 else ZERO


def _option(
    option: str, eligible: bool | None, figures: dict[str, Any], why: str
) -> dict[str, Any]:
    return {"option": option, "eligible": eligible, "figures": figures, "why": why}


def _fta_option(group: list[CaseTables]) -> dict[str, Any]:
    for t in group:
        totals = penalty_totals(t.transactions)
        amount = sum((v for k, v in totals.items() if k != "estimated_tax"), ZERO)
        if amount:
            eligible, why = fta_eligibility(t)
            return _option(
                "first_time_abatement",
                eligible,
                {"tax_year": t.case.tax_year, "penalties": _money(amount)},
                f"{t.case.tax_year} failure-to-file/pay penalties: {why}",
            )
    return _option(
        "first_time_abatement", False, {}, "no failure-to-file or failure-to-pay penalty"
    )


def _cnc_option(group: list[CaseTables], owes: bool) -> dict[str, Any]:
    if any((t.transactions["code"] == "530").any() for t in group):
        return _option("currently_not_collectible", True, {}, "the account already shows TC 530")
    why = "depends on income, expenses and assets (Form 433-F)" if owes else "nothing is owed"
    return _option("currently_not_collectible", None if owes else False, {}, why)


def _innocent_spouse(group: list[CaseTables]) -> dict[str, Any]:
    joint = [
        t.case.tax_year
        for t in group
        if taxtables.filing_status_key(t.return_text("filing_status")) == "mfj"
    ]
    if joint:
        return _option(
            "innocent_spouse_relief",
            None,
            {"joint_years": joint},
            "joint returns: relief depends on facts the documents do not show",
        )
    return _option("innocent_spouse_relief", False, {}, "no joint return among these years")


def _amended_option(amended: dict[str, dict[str, Any]]) -> dict[str, Any]:
    found = {cid: a for cid, a in sorted(amended.items()) if a.get("candidate")}
    figures = {
        cid: {"direction": a.get("direction"), "deadline": a.get("deadline")}
        for cid, a in found.items()
    }
    why = "the documents change the return" if found else "the documents agree with the returns"
    return _option("amended_return", bool(found), figures, why)


def _professional(findings: list[dict[str, Any]], total: Decimal) -> dict[str, Any]:
    reasons = sorted({COMPLEX_RULES[f["rule"]] for f in findings if f["rule"] in COMPLEX_RULES})
    if total > STREAMLINED_LIMIT:
        reasons.append("a balance over $50,000")
    why = "; ".join(reasons) if reasons else "nothing on the account needs representation"
    return _option("professional_help", bool(reasons), {}, why)
