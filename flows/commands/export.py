"""`backtax export`: the results database's tables as CSV, Parquet or one Excel workbook."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flows.console import HomeOpt, notes

if TYPE_CHECKING:
    from flows.store import Store

EXPORTED = ("documents", "fields", "cases", "findings", "corrections", "files")


class Format(StrEnum):
    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"


def export_tables(store: Store, fmt: Format, folder: Path) -> list[Path]:
    """Write each table (fields with corrections applied and marked); the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    frames = {name: store.table(name) for name in EXPORTED}
    if fmt is Format.xlsx:
        import pandas as pd

        path = folder / "backtax.xlsx"
        with pd.ExcelWriter(path, engine="openpyxl") as book:
            for name, frame in frames.items():
                frame.to_excel(book, sheet_name=name, index=False)
        return [path]
    written = []
    for name, frame in frames.items():
        path = folder / f"{name}.{fmt.value}"
        if fmt is Format.csv:
            frame.to_csv(path, index=False)
        else:
            frame.to_parquet(path, index=False)
        written.append(path)
    return written


def register(app: typer.Typer) -> None:
    @app.command()
    def export(
        home: HomeOpt = None,
        fmt: Annotated[Format, typer.Option("--format", help="file format")] = Format.csv,
        output: Annotated[
            Path | None, typer.Option("--output", help="folder (default <home>/reports/export)")
        ] = None,
    ) -> None:
        """Write the results database's tables (documents, fields, cases, findings) as files."""
        from flows.settings import Settings
        from flows.store import Store

        settings = Settings.load(home)
        folder = output or settings.reports_dir / "export"
        with Store(settings.database_path) as store:
            for path in export_tables(store, fmt, folder):
                notes.print(f"wrote {path}")
