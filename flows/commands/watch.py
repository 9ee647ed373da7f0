"""`backtax watch INBOX`: process every PDF or image dropped into INBOX, then move it out."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Annotated, Any

import typer

from flows.console import HomeOpt, notes, setup, stderr, use_kept_server


def interrupt(signum: int, _frame: object) -> None:
    """SIGTERM stops like Ctrl-C: the current file is finished or left to the next start."""
    raise KeyboardInterrupt


def say(source: str, outcome: dict[str, Any]) -> None:
    if "checked" in outcome:
        checked = outcome["checked"]
        if "error" in checked:
            stderr.print(f"[red]check failed[/red] {checked['error']}")
            return
        notes.print(
            f"checked: {len(checked['cases'])} case(s), {len(checked['findings'])} finding(s)"
        )
    elif outcome["error"]:
        stderr.print(f"[red]quarantined[/red] {source}: {outcome['error']['reason']}")
    else:
        notes.print(f"processed {source}: {len(outcome['doc_ids'])} document(s)")


def register(app: typer.Typer) -> None:
    @app.command()
    def watch(
        inbox: Annotated[Path, typer.Argument(file_okay=False, help="the folder to watch")],
        home: HomeOpt = None,
        polling: Annotated[
            bool | None,
            typer.Option("--polling/--events", help="poll the folder (NFS and SMB shares)"),
        ] = None,
        settle: Annotated[
            float | None, typer.Option(help="seconds a file must stay unchanged before it is read")
        ] = None,
    ) -> None:
        """Watch INBOX: every PDF or image dropped in is processed once completely written."""
        settings = setup(
            home, inbox=inbox.expanduser().resolve(), watch_polling=polling, settle_seconds=settle
        )
        from flows.watch import InboxWatcher

        try:
            watcher = InboxWatcher(settings, notify=say)
        except ValueError as exc:
            stderr.print(f"[red]error[/red] {exc}")
            raise typer.Exit(2) from exc
        use_kept_server(settings)
        import flows.batch  # noqa: F401  Prefect and the flows loaded once, before the first file
        from flows.home_server import lease

        signal.signal(signal.SIGTERM, interrupt)
        mode = f"polling every {settings.poll_interval:g}s" if settings.watch_polling else "events"
        notes.print(f"watching {watcher.inbox} ({mode}); Ctrl-C to stop")
        try:
            with lease(settings):
                watcher.run()
        except KeyboardInterrupt:
            notes.print("stopped")
