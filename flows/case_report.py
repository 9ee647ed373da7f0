"""The per-taxpayer case report (HTML) and the batch index linking every taxpayer's report.

Templates are Jinja2 with autoescaping on: names, file names and messages from the
documents are always text, never markup. Charts are SVG data URIs, so a report opens
from disk with no network.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from backtax.flows import charts
from backtax.flows.casefile import (
    Deadline,
    Taxpayer,
    as_date,
    deadlines,
    evidence_rows,
    findings_by_year,
    fmt_money,
    fmt_value,
    money,
    payer_names,
    year_status,
)

YEAR_MONEY = (
    ("assessed_tax", "assessed tax"),
    ("payments_and_credits", "payments and credits"),
    ("refunds", "refunds"),
    ("penalties", "penalties assessed"),
    ("interest", "interest assessed"),
    ("account_balance", "account balance"),
    ("accrued_interest", "accrued interest"),
    ("accrued_penalty", "accrued penalty"),
)
OPTION_NAMES = {
    "streamlined_installment_agreement": "Streamlined installment agreement",
    "non_streamlined_installment_agreement": "Non-streamlined installment agreement",
    "short_term_payment_plan": "Short-term payment plan (180 days)",
    "first_time_abatement": "First-time penalty abatement",
    "currently_not_collectible": "Currently not collectible",
    "offer_in_compromise": "Offer in compromise",
    "innocent_spouse_relief": "Innocent spouse relief",
    "amended_return": "Amended return (1040-X)",
    "professional_help": "Professional help",
}
DIRECTION_WORDS = {
    "refund_due": "a refund",
    "tax_owed": "more tax owed",
    "tax_due": "more tax owed",
    "balance_due": "more tax owed",
    "additional_tax": "more tax owed",
    "no_change": "no change in tax",
}


def short_id(doc_id: str) -> str:
    """`<12 hex>:<pages>`: what `backtax correct` accepts, short enough to read."""
    sha, _, pages = doc_id.partition(":")
    return f"{sha[:12]}:{pages}" if pages else sha[:12]


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("backtax.flows", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["money"] = fmt_money
    env.filters["value"] = fmt_value
    env.filters["short_id"] = short_id
    return env


def prepare() -> None:
    """What a batch's first report would otherwise wait for: matplotlib (`charts.prepare`)
    and the compiled templates. Run in a thread while the batch's files are read, when
    the flow's own process is mostly waiting; a failure here is left to the report."""
    with contextlib.suppress(Exception):
        charts.prepare()
        for name in ("taxpayer.html.j2", "index.html.j2"):
            environment().get_template(name)


def _years(person: Taxpayer, all_deadlines: list[Deadline]) -> list[dict[str, Any]]:
    cases = {c.get("tax_year"): c for c in person.cases}
    assessed = {y.get("tax_year"): y for y in person.assessment.get("years") or []}
    rows = []
    for year in person.years:
        case, account = cases.get(year), assessed.get(year)
        data = account or {}
        balance = (case or {}).get("balance") or {}
        filed = data.get("filed")
        rows.append(
            {
                "tax_year": year,
                "case_id": (case or {}).get("case_id", ""),
                "filed": "unknown" if filed is None else ("yes" if filed else "no"),
                "money": [(label, data.get(key, balance.get(key))) for key, label in YEAR_MONEY],
                "balance_plus_accruals": data.get(
                    "balance_plus_accruals", balance.get("balance_plus_accruals")
                ),
                "accruals_as_of": data.get("accruals_as_of", balance.get("accruals_as_of")),
                "assessments": [a for a in data.get("assessments") or [] if isinstance(a, dict)],
                "refund_statute": data.get("refund_statute"),
                "assessment_statute": data.get("assessment_statute") or data.get("ased"),
                "deadlines": [d for d in all_deadlines if d.tax_year == year and not d.passed],
                "status": year_status(case, account),
            }
        )
    return rows


def _candidates(person: Taxpayer, as_of: date) -> list[dict[str, Any]]:
    out = []
    for case in person.cases:
        amended = case.get("amended_return") or {}
        if not amended.get("candidate"):
            continue
        deadline = as_date(amended.get("deadline"))
        estimate = amended.get("tax_estimate") or {}
        direction = amended.get("direction") or ""
        lines = [x for x in amended.get("lines") or [] if isinstance(x, dict)]
        column_c = {x.get("line"): x.get("corrected") for x in lines}
        owe, refund = column_c.get("20"), column_c.get("22") or column_c.get("21")
        out.append(
            {
                "tax_year": case.get("tax_year"),
                "case_id": case.get("case_id"),
                "settlement": (
                    ("amount you owe (line 20)", owe)
                    if owe
                    else ("refunded to you (line 22)", refund)
                    if refund
                    else None
                ),
                "reasons": amended.get("reasons") or [],
                "direction": direction,
                "direction_words": DIRECTION_WORDS.get(direction, direction.replace("_", " ")),
                "change": estimate.get("change"),
                "basis": estimate.get("basis"),
                "assumes": estimate.get("assumes") or [],
                "deadline": amended.get("deadline"),
                "deadline_basis": amended.get("deadline_basis"),
                "passed": bool(deadline and deadline < as_of)
                or amended.get("deadline_status") == "passed",
                "lines": lines,
                "explanation": amended.get("explanation") or [],
                "warnings": amended.get("warnings") or [],
            }
        )
    return out


def _findings(person: Taxpayer) -> list[dict[str, Any]]:
    names = payer_names(person.documents)
    groups = []
    for year, found in findings_by_year(person).items():
        items = []
        for f in found:
            evidence = evidence_rows(f, person.documents, names)
            items.append({**f, "evidence_rows": evidence})
        groups.append({"tax_year": year, "findings": items})
    return groups


def _documents(person: Taxpayer) -> list[dict[str, Any]]:
    names = payer_names(person.documents)
    rows = []
    for doc in sorted(
        person.documents, key=lambda d: (d.get("tax_year") or 0, d.get("doc_type", ""))
    ):
        tin = re.sub(r"\D", "", doc.get("payer_tin") or "")
        rows.append(
            {
                "doc_id": doc["doc_id"],
                "source": doc.get("source", ""),
                "client": doc.get("client") or "",
                "pages": ", ".join(str(p) for p in doc.get("pages") or []),
                "doc_type": doc.get("doc_type", ""),
                "tax_year": doc.get("tax_year") or "",
                "payer": names.get(tin[-4:]) if len(tin) >= 4 else doc.get("payer_name") or "",
                "method": doc.get("method", ""),
                "corrections": [c for c in doc.get("corrections") or [] if isinstance(c, dict)],
            }
        )
    return rows


def _options(person: Taxpayer) -> list[dict[str, Any]]:
    rows = []
    for option in person.assessment.get("options") or []:
        if not isinstance(option, dict):
            continue
        ident = str(option.get("option", ""))
        eligible = option.get("eligible")
        figures = option.get("figures") or {}
        rows.append(
            {
                "name": OPTION_NAMES.get(ident, ident.replace("_", " ")),
                "eligible": {True: "yes", False: "no"}.get(eligible, "to be decided"),
                "figures": [(k.replace("_", " "), v) for k, v in figures.items()],
                "why": option.get("why", ""),
            }
        )
    return rows


def _summary(
    person: Taxpayer, years: list[dict[str, Any]], candidates: list[dict[str, Any]],
    dated: list[Deadline],
) -> list[str]:  # fmt: skip
    """A few sentences in plain words: what was read, what is owed, what to do by when."""
    spans = ", ".join(str(y) for y in person.years) or "no tax year"
    out = [
        f"We read {len(person.documents)} document(s) for {person.name} (SSN ending "
        f"{person.last4}), covering tax year(s) {spans}."
    ]
    total = money(person.assessment.get("total_balance_plus_accruals"))
    owing = [y for y in years if (money(y["balance_plus_accruals"]) or 0) > 0]
    if total is not None and total > 0:
        dates = sorted({y["accruals_as_of"] for y in owing if y["accruals_as_of"]})
        out.append(
            f"The IRS account transcripts show {fmt_money(total)} owed in all "
            f"({', '.join(str(y['tax_year']) for y in owing)}), with interest and penalties "
            f"accrued to {', '.join(dates) or 'the transcript date'}; interest keeps accruing "
            "until it is paid."
        )
    elif person.assessment:
        out.append("The IRS account transcripts show nothing owed.")
    else:
        out.append("No IRS account transcript was supplied, so the balance owed is not known.")
    unfiled = [str(y["tax_year"]) for y in years if y["filed"] == "no"]
    if unfiled:
        out.append(f"No return has been filed for {', '.join(unfiled)}.")
    counts: dict[str, int] = {}
    for f in person.findings:
        counts[f.get("severity", "info")] = counts.get(f.get("severity", "info"), 0) + 1
    if person.findings:
        parts = [f"{counts[s]} {s}" for s in ("high", "medium", "low", "info") if counts.get(s)]
        out.append(f"The cross-checks found {len(person.findings)} point(s): {', '.join(parts)}.")
    for c in candidates:
        settled = c["settlement"]
        change = (
            f" of about {fmt_money(settled[1])}"
            if settled
            else f" of about {fmt_money(c['change'])}"
            if c["change"]
            else ""
        )
        when = (
            f"the deadline passed on {c['deadline']}"
            if c["passed"]
            else f"file by {c['deadline']}"
            if c["deadline"]
            else "no deadline is known"
        )
        out.append(
            f"An amended return (Form 1040-X) for {c['tax_year']} would likely mean "
            f"{c['direction_words'] or 'a change'}{change}; {when}."
        )
    upcoming = [d for d in dated if not d.passed]
    if upcoming:
        out.append(f"The next deadline: {upcoming[0].what}, {upcoming[0].when}.")
    return out


def taxpayer_view(person: Taxpayer, as_of: date, batch_id: str | None = None) -> dict[str, Any]:
    """Everything the taxpayer template shows, computed once."""
    dated = deadlines(person, as_of)
    years = _years(person, dated)
    candidates = _candidates(person, as_of)
    splits = [
        s
        for s in (charts.balance_split(y) for y in person.assessment.get("years") or [])
        if s is not None
    ]
    return {
        "person": person,
        "as_of": as_of.isoformat(),
        "batch_id": batch_id,
        "summary": _summary(person, years, candidates, dated),
        "years": years,
        "splits": splits,
        "balance_chart": charts.balance_chart(splits),
        "history_chart": charts.history_chart(charts.balance_history(person)),
        "finding_groups": _findings(person),
        "candidates": candidates,
        "options": _options(person),
        "deadlines": dated,
        "documents": _documents(person),
        "clients": sorted({d["client"] for d in person.documents if d.get("client")}),
    }


def render_taxpayer(person: Taxpayer, as_of: date, batch_id: str | None = None) -> str:
    return (
        environment()
        .get_template("taxpayer.html.j2")
        .render(**taxpayer_view(person, as_of, batch_id))
    )


def render_index(
    people: list[Taxpayer],
    links: dict[str, str],
    pdfs: dict[str, str],
    as_of: date,
    batch: dict[str, Any],
) -> str:
    """The batch page: counts, unreadable files, and a link to each taxpayer's report."""
    rows = []
    for person in people:
        total = person.assessment.get("total_balance_plus_accruals")
        rows.append(
            {
                "name": person.name,
                "last4": person.last4,
                "years": ", ".join(str(y) for y in person.years),
                "findings": len(person.findings),
                "high": sum(1 for f in person.findings if f.get("severity") == "high"),
                "owed": total,
                "link": links.get(person.key, ""),
                "pdf": pdfs.get(person.key, ""),
            }
        )
    return (
        environment()
        .get_template("index.html.j2")
        .render(rows=rows, as_of=as_of.isoformat(), batch=batch)
    )
