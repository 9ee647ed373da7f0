"""`backtax check`, `backtax assess` and `backtax rules`: cross-checks and the assessment."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from flows.commands.extract import PathsArg, exit_code, print_json, read_inputs
from flows.console import HomeOpt, JsonOpt, stdout

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
    from validators.api import check_records  # pandas loads only for the commands that check

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
    from validators.api import assess_records

    assessment = assess_records([r for res in results for r in res.records], when)
    if as_json:
        print_json(assessment)
    else:
        _print_assessment(assessment)
    raise typer.Exit(exit_code(results))


def rules(as_json: JsonOpt = False, home: HomeOpt = None) -> None:
    """List the registered cross-check rules: id, severity, one line each."""
    del home  # taken, as by every command; the rules are the same in every home
    from rich.table import Table

    from validators.registry import all_rules

    listed = [
        {"rule": r.id, "severity": r.severity, "description": r.description} for r in all_rules()
    ]
    if as_json:
        print_json(listed)
        return
    table = Table(title=f"{len(listed)} rules")
    for col in ("rule", "severity", "description"):
        table.add_column(col, overflow="fold")
    for r in listed:
        style = SEVERITY_STYLE[r["severity"]]
        table.add_row(r["rule"], f"[{style}]{r['severity']}[/{style}]", r["description"])
    stdout.print(table)


def _print_check(cases: list[dict[str, Any]], findings: list[dict[str, Any]]) -> None:
    from rich.table import Table

    console = stdout
    table = Table(title="Cases")
    for col in ("case", "documents", "findings", "amended return", "deadline"):
        table.add_column(col)
    for c in cases:
        count = sum(1 for f in findings if f["case_id"] == c["case_id"])
        amended = c["amended_return"]
        direction = (amended.get("direction") or "candidate") if amended["candidate"] else ""
        table.add_row(c["case_id"], str(len(c["documents"])), str(count), direction,
                      amended.get("deadline", "") if amended["candidate"] else "")  # fmt: skip
    console.print(table)
    table = Table(title="Findings")
    for col in ("severity", "case", "rule", "amount", "message"):
        table.add_column(col, overflow="fold")
    for f in findings:
        style = SEVERITY_STYLE[f["severity"]]
        table.add_row(f"[{style}]{f['severity']}[/{style}]", f["case_id"] or "", f["rule"],
                      f["amount"] or "", f["message"])  # fmt: skip
    console.print(table)


def _print_assessment(assessment: dict[str, Any]) -> None:
    from rich.table import Table

    console = stdout
    for person in assessment["taxpayers"]:
        table = Table(
            title=f"Taxpayer …{person['recipient_tin_last4']}: "
            f"{person['total_balance_plus_accruals']} with accruals"
        )
        for col in ("year", "filed", "balance", "interest", "penalty", "with accruals",
                    "assessed tax", "earliest CSED", "refund statute"):  # fmt: skip
            table.add_column(col)
        for y in person["years"]:
            cseds = [a["csed"] for a in y["assessments"]]
            table.add_row(str(y["tax_year"]), "yes" if y["filed"] else "no",
                          y.get("account_balance", ""), y.get("accrued_interest", ""),
                          y.get("accrued_penalty", ""), y.get("balance_plus_accruals", ""),
                          y["assessed_tax"], min(cseds) if cseds else "",
                          y["refund_statute"])  # fmt: skip
        console.print(table)
        options = Table(title="Options")
        for col in ("option", "eligible", "why"):
            options.add_column(col, overflow="fold")
        for o in person["options"]:
            verdict = {True: "yes", False: "no", None: "unknown"}[o["eligible"]]
            options.add_row(o["option"], verdict, o["why"])
        console.print(options)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
    app.command("assess")(assess)
    app.command("rules")(rules)
