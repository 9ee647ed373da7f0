"""`backtax extract`: classify and extract every document in the given files and folders."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from backtax.flows.console import HomeOpt, JsonOpt, notes, stderr, stdout

if TYPE_CHECKING:
    from rich.console import Console

    from backtax.extractors.pipeline import FileResult

EXIT_USAGE = 2
EXIT_UNREADABLE = 3

PathsArg = Annotated[list[Path], typer.Argument(help="PDF or image files, or folders to search")]


def read_inputs(paths: list[Path], home: Path | None) -> list[FileResult]:
    """Extract every input with a progress bar on stderr; name each unreadable input there.
    The home's corrections (`backtax correct`) are applied to the documents they name."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from backtax.extractors.pipeline import extract_paths, iter_inputs
    from backtax.extractors.settings import ExtractSettings
    from backtax.flows.console import load_settings, warn_if_no_tesseract
    from backtax.flows.corrections import apply_home_corrections
    from backtax.flows.home import tin_secret

    missing = [p for p in paths if not p.exists()]
    for path in missing:
        stderr.print(f"[red]error[/red] {path}: no such file or folder", highlight=False)
    if missing:
        raise typer.Exit(EXIT_USAGE)
    settings = load_settings(home)
    warn_if_no_tesseract()
    home_dir = settings.home
    files = list(iter_inputs(paths))
    progress = Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        console=notes.made(),
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


def field_lines(fields: dict[str, object]) -> list[tuple[str, str]]:
    """A record's fields as (name, value): lists entry by entry, money as 6,400.00."""
    from backtax.flows.casefile import fmt_value

    lines = []
    for name, value in fields.items():
        if isinstance(value, list):
            lines += [(name, fmt_value(item)) for item in value] or [(name, "(none)")]
        else:
            lines.append((name, fmt_value(value)))
    return lines


def item_line(item: object) -> str:
    """A transaction (`TC 150 2023-08-21 4,480.00 Tax return filed`) or an entry, in one line."""
    from backtax.flows.casefile import fmt_value

    if not isinstance(item, dict):
        return fmt_value(item)
    if "code" in item:
        parts = [
            f"TC {item['code']}",
            item.get("date"),
            item.get("amount"),
            item.get("explanation"),
        ]
        return " ".join(fmt_value(p) for p in parts if p)
    fields = ", ".join(f"{k} {fmt_value(v)}" for k, v in (item.get("fields") or {}).items())
    return f"{item.get('doc_type', '')} {item.get('payer_name') or ''}: {fields}".strip()


def _print_tables(results: list[FileResult], console: Console) -> None:
    """A table per document: what it is, then each field and its value."""
    from rich.markup import escape

    from backtax.flows.console import table

    for result in results:
        for r in result.records:
            title = (
                f"{escape(r.source)} p. {','.join(map(str, r.pages))}: {r.doc_type} "
                f"{r.tax_year or ''}, {escape(r.payer_name or r.payer_tin or 'payer not read')}"
                f", recipient …{r.recipient_tin_last4 or '?'} ({r.method})"
            )
            rows = [[name, escape(value)] for name, value in field_lines(r.fields)]
            for key in ("entries", "transactions"):
                for item in r.extra.get(key) or []:
                    rows.append([key, escape(item_line(item))])
            console.print(title, soft_wrap=True)
            console.print(table(None, ("field", "value"), rows))
        if result.error:
            console.print(
                f"[red]unreadable[/red] {escape(result.source)}: {escape(result.error.reason)}"
            )


def extract(paths: PathsArg, as_json: JsonOpt = False, home: HomeOpt = None) -> None:
    """Classify and extract every document; print the document records."""
    results = read_inputs(paths, home)
    if as_json:
        print_json([r.to_json() for res in results for r in res.records])
    else:
        _print_tables(results, stdout.made())
    raise typer.Exit(exit_code(results))


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
