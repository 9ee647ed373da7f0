"""`backtax extract`: classify and extract every document in the given files and folders."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flows.console import HomeOpt, JsonOpt, notes, stderr, stdout

if TYPE_CHECKING:
    from rich.table import Table

    from extractors.pipeline import FileResult

EXIT_UNREADABLE = 3

PathsArg = Annotated[list[Path], typer.Argument(help="PDF or image files, or folders to search")]


def read_inputs(paths: list[Path], home: Path | None) -> list[FileResult]:
    """Extract every input with a progress bar on stderr; name each unreadable input there.
    The home's corrections (`backtax correct`) are applied to the documents they name."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from extractors.pipeline import extract_paths, iter_inputs
    from extractors.settings import ExtractSettings
    from flows.console import load_settings
    from flows.corrections import apply_home_corrections
    from flows.home import tin_secret

    settings = load_settings(home)
    home_dir = settings.home
    files = list(iter_inputs(paths))
    progress = Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        console=notes,
        transient=True,
        disable=len(files) < 2 or not notes.is_terminal or notes.quiet,
    )
    with progress:
        task = progress.add_task("extract", total=len(files))
        results = extract_paths(
            files,
            settings=ExtractSettings(),
            tin_secret=tin_secret(home_dir),
            on_done=lambda _: progress.advance(task),
        )
    applied = apply_home_corrections(results, settings.database_path)
    if applied:
        notes.print(f"applied {applied} correction(s) from {settings.database_path}")
    for result in results:
        if result.error:
            stderr.print(
                f"[red]error[/red] {result.source}: {result.error.reason}", highlight=False
            )
        for record in result.records:
            if record.doc_type == "UNKNOWN":
                stderr.print(
                    f"[yellow]warning[/yellow] {record.source}: pages {record.pages} "
                    "not recognised (UNKNOWN)",
                    highlight=False,
                )
    return results


def exit_code(results: list[FileResult]) -> int:
    return EXIT_UNREADABLE if any(r.error for r in results) else 0


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def _table(results: list[FileResult]) -> Table:
    from rich.table import Table

    table = Table(title="Documents")
    for col in ("source", "pages", "type", "year", "method", "payer", "recipient", "fields"):
        table.add_column(col)
    for result in results:
        for r in result.records:
            table.add_row(
                r.source,
                ",".join(map(str, r.pages)),
                r.doc_type,
                str(r.tax_year or ""),
                r.method,
                r.payer_name or r.payer_tin or "",
                r.recipient_tin_last4 or "",
                str(len(r.fields)),
            )
        if result.error:
            table.add_row(
                result.source, "", "[red]unreadable[/red]", "", "", result.error.reason, "", ""
            )
    return table


def extract(paths: PathsArg, as_json: JsonOpt = False, home: HomeOpt = None) -> None:
    """Classify and extract every document; print the document records."""
    results = read_inputs(paths, home)
    if as_json:
        print_json([r.to_json() for res in results for r in res.records])
    else:
        stdout.print(_table(results))
    raise typer.Exit(exit_code(results))


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
