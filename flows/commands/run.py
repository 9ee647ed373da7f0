"""`backtax run FOLDER`: the batch flow over a folder, which is left as it was."""

from __future__ import annotations

import json
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from backtax.flows.console import (
    HomeOpt,
    WorkersOpt,
    escape,
    notes,
    setup,
    stderr,
    stdout,
    table,
    use_kept_server,
)

if TYPE_CHECKING:
    from rich.table import Table

EXIT_UNREADABLE = 3


def summary_table(result: dict[str, Any]) -> Table:
    rows = []
    for key in ("files", "documents", "errors", "findings", "candidates", "report"):
        label = "amended-return candidates" if key == "candidates" else key
        rows.append([label, str(result[key])])
    rows.append(["open", str(Path(result["report"]) / "summary.html")])
    return table(f"batch {result['batch_id']}", ("", ""), rows, show_header=False)


def register(app: typer.Typer) -> None:
    @app.command()
    def run(
        folder: Annotated[
            Path, typer.Argument(exists=True, file_okay=False, help="folder to read")
        ],
        home: HomeOpt = None,
        workers: WorkersOpt = None,
        as_of: Annotated[
            str | None, typer.Option("--as-of", help="date for deadline judgements (YYYY-MM-DD)")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
    ) -> None:
        """The batch flow: process FOLDER, save results to the store, write the report."""
        settings = setup(home, workers=workers)
        use_kept_server(settings)
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        from backtax.extractors.pipeline import display_name
        from backtax.flows.batch import PROGRESS, REAL_FOLDER, batch_flow
        from backtax.flows.commands.watch import interrupt
        from backtax.flows.home_server import lease

        signal.signal(signal.SIGTERM, interrupt)

        progress = Progress(
            TextColumn("processing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=notes.made(),
            transient=True,
            disable=not notes.is_terminal or notes.quiet,
        )
        with lease(settings), progress:
            bar = progress.add_task("files", total=None)
            token = PROGRESS.set(
                lambda done, total: progress.update(bar, completed=done, total=total)
            )
            real = REAL_FOLDER.set(folder.resolve())
            try:  # Prefect records the folder parameter: it gets the masked name
                result = batch_flow(folder=display_name(folder.resolve()), as_of=as_of)
            except KeyboardInterrupt:
                stderr.print("stopped: files being read are read again next time")
                raise typer.Exit(130) from None
            finally:
                PROGRESS.reset(token)
                REAL_FOLDER.reset(real)
        for error in result["errors_detail"]:
            stderr.print(f"[red]error[/red] {escape(error['source'])}: {escape(error['reason'])}")
        if result.get("pdf_note"):
            stderr.print(f"[yellow]warning[/yellow] {escape(result['pdf_note'])}")
        if as_json:
            stdout.print_json(json.dumps(result))
        else:
            stdout.print(summary_table(result))
        if result["check_error"]:
            stderr.print(f"[red]the cross-checks failed[/red]: {escape(result['check_error'])}")
            raise typer.Exit(1)
        if result["errors"]:
            raise typer.Exit(EXIT_UNREADABLE)
