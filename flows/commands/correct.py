"""`backtax correct DOCUMENT FIELD VALUE`: a person's fix of a misread field, kept in the store."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from backtax.flows.console import HomeOpt, load_settings, stderr, stdout


def register(app: typer.Typer) -> None:
    @app.command()
    def correct(
        document: Annotated[
            str, typer.Argument(help="document id (sha256:pages), a unique prefix, or prefix:pages")
        ],
        field: Annotated[str, typer.Argument(help="field name, e.g. box1_wages or tax_year")],
        value: Annotated[str, typer.Argument(help="the right value")],
        why: Annotated[str, typer.Option("--why", help="why the value is corrected")],
        who: Annotated[
            str | None, typer.Option("--who", help="who corrects it (default: your user name)")
        ] = None,
        home: HomeOpt = None,
    ) -> None:
        """Fix a misread field: the field must be one the form has, the value of its kind.
        The fix survives re-runs, shows in reports, and `backtax corrections` can undo it."""
        from backtax.flows.corrections import check_correction
        from backtax.flows.store import Store

        if not why.strip():
            stderr.print("[red]error[/red] --why must say why the value is corrected")
            raise typer.Exit(2)
        settings = load_settings(home)
        with Store(settings.database_path) as store:
            try:
                ident, current, parsed = check_correction(store, document, field, value)
                fix = store.add_correction(
                    ident, field, parsed, who=who or getpass.getuser(), why=why
                )
            except (LookupError, ValueError) as exc:
                stderr.print(f"[red]error[/red] {exc}")
                raise typer.Exit(2) from exc
        stdout.print(
            f"correction {fix['id']}: {fix['doc_id']} {field}: {current!r} -> {parsed!r} "
            f"(by {fix['who']}: {why}); `backtax run` or the nightly batch re-checks with it",
            soft_wrap=True,
        )
