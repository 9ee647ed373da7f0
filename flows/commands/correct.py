"""`backtax correct DOCUMENT FIELD VALUE`: a person's fix of a misread field, kept in the store."""

from __future__ import annotations

import getpass
import json
import re
from typing import Annotated, Any

import typer

from flows.console import HomeOpt, stderr, stdout


def parse_value(field: str, text: str, current: Any) -> Any:
    """VALUE typed like the field it replaces: money, year, check box, list (JSON), text."""
    from extractors.values import SSN_RE, money_str, normalize_ein, parse_checkbox

    if SSN_RE.search(text) and field != "payer_tin":
        raise ValueError("a full SSN is never stored: give the last four digits")
    if field == "tax_year":
        if not re.fullmatch(r"\d{4}", text):
            raise ValueError("a tax year is four digits")
        return int(text)
    if field == "recipient_tin_last4":
        if not re.fullmatch(r"\d{4}", text):
            raise ValueError("give the last four digits of the TIN")
        return text
    if field == "payer_tin":
        return normalize_ein(text) or text
    if isinstance(current, bool):
        checked = {"true": True, "false": False}.get(text.lower(), parse_checkbox(text))
        if checked is None:
            raise ValueError("a check box is true or false")
        return checked
    if isinstance(current, list):
        return json.loads(text)
    money = money_str(text)
    if money is not None and (current is None or money_str(str(current)) is not None):
        return money
    return text


def register(app: typer.Typer) -> None:
    @app.command()
    def correct(
        document: Annotated[str, typer.Argument(help="document id (sha256:pages) or a prefix")],
        field: Annotated[str, typer.Argument(help="field name, e.g. box1_wages or tax_year")],
        value: Annotated[str, typer.Argument(help="the right value")],
        why: Annotated[str, typer.Option("--why", help="why the value is corrected")],
        who: Annotated[
            str | None, typer.Option("--who", help="who corrects it (default: your user name)")
        ] = None,
        home: HomeOpt = None,
    ) -> None:
        """Fix a misread field; the fix survives re-runs and shows as corrected in reports."""
        from flows.settings import Settings
        from flows.store import Store, current_value

        settings = Settings.load(home)
        with Store(settings.database_path) as store:
            try:
                ident = store.resolve_document(document)
                current = current_value(store.records()[ident], field)
                parsed = parse_value(field, value, current)
                fix = store.add_correction(
                    ident, field, parsed, who=who or getpass.getuser(), why=why
                )
            except (LookupError, ValueError) as exc:
                stderr.print(f"[red]error[/red] {exc}")
                raise typer.Exit(2) from exc
        stdout.print(
            f"{fix['doc_id']} {field}: {json.loads(fix['original'])!r} -> {parsed!r} "
            f"(by {fix['who']}: {why}); run `backtax run` or wait for the nightly batch to re-check"
        )
