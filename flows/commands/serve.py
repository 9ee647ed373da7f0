"""`backtax serve`: the scheduled batch deployment and the watcher, under Prefect."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Annotated

import typer

from backtax.flows.commands.watch import interrupt, say
from backtax.flows.console import HomeOpt, WorkersOpt, escape, load_settings, notes, setup, stderr


def shown(path: Path) -> str:
    """A path as serve prints it: escaped and masked (an SSN in a folder name never shows)."""
    from backtax.extractors.names import shown_name

    return escape(shown_name(str(path)))


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        home: HomeOpt = None,
        schedule: Annotated[
            str | None, typer.Option(help="cron of the batch (default nightly, 0 2 * * *)")
        ] = None,
        workers: WorkersOpt = None,
        watch: Annotated[bool, typer.Option("--watch/--no-watch", help="watch the inbox")] = True,
    ) -> None:
        """Serve the scheduled batch deployment (cron) and the inbox watcher under Prefect."""
        from backtax.flows.serve import DEPLOYMENT, FLOW_NAME, check_schedule
        from backtax.flows.serve import serve as serve_forever

        settings = load_settings(home, schedule=schedule, workers=workers)
        try:
            check_schedule(settings)  # before any server, deployment or watcher starts
        except ValueError as exc:
            stderr.print(f"[red]error[/red] {exc}")
            raise typer.Exit(2) from None
        settings = setup(home, schedule=schedule, workers=workers)

        signal.signal(signal.SIGTERM, interrupt)
        inbox, home_shown = shown(settings.inbox_dir), shown(settings.home)
        notes.print(
            f"serving {FLOW_NAME}/{DEPLOYMENT} on '{settings.schedule}' ({settings.timezone})"
            + (f", watching {inbox}" if watch else "")
        )
        notes.print(
            f"trigger by hand: backtax prefect --home {home_shown} "
            f"deployment run {FLOW_NAME}/{DEPLOYMENT}"
        )
        try:
            serve_forever(
                settings,
                watch=watch,
                on_ready=lambda ui: notes.print(f"Prefect UI: {ui}"),
                notify=say,
            )
        except RuntimeError as exc:
            stderr.print(f"[red]error[/red] {exc}")
            raise typer.Exit(1) from exc
        except KeyboardInterrupt:
            pass
        notes.print("stopped")
