"""`backtax corrections`: list the corrections of a home, and undo one."""

from __future__ import annotations

import getpass
import json
from typing import Annotated

import typer

from backtax.flows.console import HomeOpt, escape, load_settings, stderr, stdout, table


def _shown(text: str | None) -> str:
    value = json.loads(text) if text else None
    return "" if value is None else value if isinstance(value, str) else json.dumps(value)


def register(app: typer.Typer) -> None:
    @app.command()
    def corrections(
        home: HomeOpt = None,
        undo: Annotated[
            int | None, typer.Option("--undo", metavar="ID", help="take correction ID back")
        ] = None,
        why: Annotated[str | None, typer.Option("--why", help="why it is undone")] = None,
        who: Annotated[str | None, typer.Option("--who", help="who undoes it")] = None,
        show_all: Annotated[
            bool, typer.Option("--all", help="list undone corrections too")
        ] = False,
        as_json: Annotated[bool, typer.Option("--json", help="print JSON on stdout")] = False,
    ) -> None:
        """List the corrections in force (id, document, field, old and new value, who, why,
        when); --undo ID takes one back (it stays listed, as undone, with --all)."""
        from backtax.flows.store import Store

        settings = load_settings(home)
        with Store(settings.database_path) as store:
            if undo is not None:
                try:
                    fix = store.undo_correction(undo, who=who or getpass.getuser(), why=why)
                except LookupError as exc:
                    stderr.print(f"[red]error[/red] {exc}")
                    raise typer.Exit(2) from exc
                stderr.print(
                    f"undone correction {undo}: {fix['doc_id']} {fix['field']} is "
                    f"{_shown(fix['original'])!r} again; the next check uses it"
                )
                return
            listed = store.corrections(undone=show_all)
            sources = {r[0]: r[1] for r in store.db.execute("SELECT doc_id, source FROM documents")}
        if as_json:
            for fix in listed:
                fix["original"], fix["value"] = (
                    json.loads(fix["original"]),
                    json.loads(fix["value"]),
                )
            stdout.print_json(json.dumps(listed))
            return
        rows = []
        for fix in listed:
            undone = (
                f" (undone {fix['undone_at']} by {fix['undone_by']})" if fix["undone_at"] else ""
            )
            rows.append([
                str(fix["id"]),
                f"{fix['doc_id']}\n{sources.get(fix['doc_id'], '')}",
                fix["field"],
                _shown(fix["original"]),
                _shown(fix["value"]),
                fix["who"],
                fix["why"] + undone,
                fix["at"],
            ])  # fmt: skip
        columns = ("id", "document", "field", "old", "new", "who", "why", "when")
        stdout.print(
            table(f"{len(listed)} correction(s)", columns, [[escape(c) for c in r] for r in rows])
        )
