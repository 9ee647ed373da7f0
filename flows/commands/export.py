"""`backtax export`: typed sheets for accountants as CSV files, Parquet files or one workbook."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from backtax.flows.console import HomeOpt, load_settings, notes

if TYPE_CHECKING:
    from backtax.flows.store import Store


class Format(StrEnum):
    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"


def export_tables(store: Store, fmt: Format, folder: Path, as_of: date | None = None) -> list[Path]:
    """Write every sheet (see `flows.exports`) in `fmt` to `folder`; the files written."""
    from backtax.flows import exports

    folder.mkdir(parents=True, exist_ok=True)
    sheets = exports.sheets(store, as_of or date.today())
    if fmt is Format.xlsx:
        path = folder / "backtax.xlsx"
        exports.write_workbook(sheets, path)
        return [path]
    written = []
    for sheet in sheets:
        path = folder / f"{exports.file_name(sheet)}.{fmt.value}"
        (exports.write_csv if fmt is Format.csv else exports.write_parquet)(sheet, path)
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
        as_of: Annotated[
            str | None, typer.Option("--as-of", help="date of the assessment (YYYY-MM-DD)")
        ] = None,
    ) -> None:
        """Write documents, a sheet per form, transactions, cases, findings with evidence,
        the assessment per year, fields and corrections, typed, as files."""
        when = None
        if as_of:
            try:
                when = date.fromisoformat(as_of)
            except ValueError as exc:
                raise typer.BadParameter(
                    f"{as_of!r} is not a YYYY-MM-DD date", param_hint="--as-of"
                ) from exc
        from backtax.flows.store import Store

        settings = load_settings(home)
        folder = output or settings.reports_dir / "export"
        with Store(settings.database_path) as store:
            for path in export_tables(store, fmt, folder, when):
                notes.print(f"wrote {path}")
