"""`backtax check`, `backtax assess` and `backtax rules`: cross-checks and the assessment."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from backtax.flows.commands.extract import PathsArg, exit_code, print_json, read_inputs
from backtax.flows.console import HomeOpt, JsonOpt, escape, stdout, table

AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="date for deadline judgements, YYYY-MM-DD (default today)"),
]
SEVERITY_STYLE = {"high": "red", "medium": "yellow", "low": "cyan", "info": "dim"}


def _as_of(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise typer.BadParameter(
            f"{text!r} is not a YYYY-MM-DD date", param_hint="--as-of"
        ) from exc


def check(
    paths: PathsArg, as_json: JsonOpt = False, as_of: AsOfOpt = None, home: HomeOpt = None
) -> None:
    """Extract, group into cases and run every cross-check."""
    when = _as_of(as_of)
    results = read_inputs(paths, home)
    from backtax.validators.api import (
        check_records,  # pandas loads only for the commands that check
    )

    checked = check_records([r for res in results for r in res.records], when)
    if as_json:
        print_json(checked.to_json())
    else:
        _print_check(checked.cases, checked.findings)
    raise typer.Exit(exit_code(results))


def assess(
    paths: PathsArg, as_json: JsonOpt = False, as_of: AsOfOpt = None, home: HomeOpt = None
) -> None:
    """The back-tax assessment per taxpayer and year, from account transcripts."""
    when = _as_of(as_of)
    results = read_inputs(paths, home)
    from backtax.validators.api import assess_records

    assessment = assess_records([r for res in results for r in res.records], when)
    if as_json:
        print_json(assessment)
    else:
        _print_assessment(assessment)
    raise typer.Exit(exit_code(results))


def rules(as_json: JsonOpt = False, home: HomeOpt = None) -> None:
    """List the registered cross-check rules: id, severity, one line each."""
    del home  # taken, as by every command; the rules are the same in every home

    from backtax.validators.registry import all_rules

    listed = [
        {"rule": r.id, "severity": r.severity, "description": r.description} for r in all_rules()
    ]
    if as_json:
        print_json(listed)
        return
    rows = []
    for r in listed:
        style = SEVERITY_STYLE.get(r["severity"], "")
        rows.append([r["rule"], f"[{style}]{r['severity']}[/{style}]", escape(r["description"])])
    stdout.print(table(f"{len(listed)} rules", ("rule", "severity", "description"), rows))


def _print_check(cases: list[dict[str, Any]], findings: list[dict[str, Any]]) -> None:
    from backtax.flows.casefile import fmt_money

    console = stdout
    rows = []
    for c in cases:
        count = sum(1 for f in findings if f["case_id"] == c["case_id"])
        amended = c["amended_return"]
        direction = (amended.get("direction") or "candidate") if amended["candidate"] else ""
        deadline = amended.get("deadline", "") if amended["candidate"] else ""
        if deadline and amended.get("deadline_status") == "passed":
            deadline += " (passed)"
        rows.append([c["case_id"], str(len(c["documents"])), str(count), direction, deadline])
    columns = ("case", "documents", "findings", "amended return", "deadline")
    console.print(table("Cases", columns, rows))
    rows = []
    for f in findings:
        style = SEVERITY_STYLE.get(f["severity"], "")
        rows.append([f"[{style}]{f['severity']}[/{style}]", f["case_id"] or "", f["rule"],
                     fmt_money(f["amount"]), escape(f["message"])])  # fmt: skip
    columns = ("severity", "case", "rule", "amount", "message")
    console.print(table("Findings", columns, rows))


ASSESSED = (
    ("filed", "filed"),
    ("account balance", "account_balance"),
    ("accrued interest", "accrued_interest"),
    ("accrued penalty", "accrued_penalty"),
    ("with accruals", "balance_plus_accruals"),
    ("accruals as of", "accruals_as_of"),
    ("assessed tax", "assessed_tax"),
    ("penalties", "penalties"),
    ("interest", "interest"),
    ("payments and credits", "payments_and_credits"),
    ("refund statute", "refund_statute"),
)


def _print_assessment(assessment: dict[str, Any]) -> None:
    """Per taxpayer a table with a column per year (values are never cut), then the options."""
    from backtax.flows.casefile import fmt_money, fmt_value

    console = stdout
    for person in assessment["taxpayers"]:
        years = person["years"]
        rows = [
            [label, *(fmt_value(y.get(key)) if key == "filed" else fmt_money(y.get(key))
                      for y in years)]
            for label, key in ASSESSED
        ]  # fmt: skip
        cseds = [[a["csed"] for a in y.get("assessments") or [] if a.get("csed")] for y in years]
        rows.insert(-1, ["earliest CSED", *(min(c) if c else "" for c in cseds)])
        title = (
            f"Taxpayer …{person['recipient_tin_last4']}: "
            f"{fmt_money(person['total_balance_plus_accruals'])} with accruals"
        )
        console.print(table(title, ["", *(str(y["tax_year"]) for y in years)], rows))
        rows = []
        for o in person["options"]:
            verdict = {True: "yes", False: "no", None: "unknown"}.get(o["eligible"], "")
            rows.append([o["option"], verdict, escape(o["why"])])
        console.print(table("Options", ("option", "eligible", "why"), rows))


def register(app: typer.Typer) -> None:
    app.command("check")(check)
    app.command("assess")(assess)
    app.command("rules")(rules)
