"""`backtax purge --taxpayer LAST4 [--year YYYY]`: remove a taxpayer's data from the home."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from backtax.flows.console import HomeOpt, stderr, stdout


def register(app: typer.Typer) -> None:
    @app.command()
    def purge(
        taxpayer: Annotated[
            str, typer.Option("--taxpayer", help="last four digits of the taxpayer's TIN")
        ],
        year: Annotated[int | None, typer.Option("--year", help="only this tax year")] = None,
        home: HomeOpt = None,
    ) -> None:
        """Remove a taxpayer's records, cached results, kept originals and reports."""
        if not re.fullmatch(r"\d{4}", taxpayer):
            stderr.print("[red]error[/red] --taxpayer takes the last four digits of the TIN")
            raise typer.Exit(2)
        from backtax.flows.purge import purge as purge_taxpayer
        from backtax.flows.settings import Settings

        done = purge_taxpayer(Settings.load(home), taxpayer, year)
        scope = f"taxpayer ...{taxpayer}" + (f", tax year {year}" if year else "")
        stdout.print(
            f"purged {scope}: {done.documents} document(s) from {len(done.files)} file(s), "
            f"{done.cached_results} cached result(s), {done.originals} kept original(s), "
            f"{done.reports} report file(s); batch summaries written before keep their rows "
            "until they are deleted"
        )
