"""`backtax watch INBOX`: process every PDF or image dropped into INBOX, then move it out."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Annotated, Any

import typer

from backtax.flows.console import HomeOpt, escape, notes, setup, stderr, use_kept_server


def interrupt(signum: int, _frame: object) -> None:
    """SIGTERM stops like Ctrl-C, within seconds: the workers are killed, the files they were
    reading stay claimed and are read again at the next start."""
    from backtax.flows import workers

    workers.close_all()
    raise KeyboardInterrupt


def say(source: str, outcome: dict[str, Any]) -> None:
    """One line on stderr for each file handled, check, pause and resumption."""
    source = escape(source)
    if "paused" in outcome:
        stderr.print(
            f"[yellow]paused[/yellow] {escape(outcome['paused'])}; "
            f"trying again every {outcome['retry_seconds']:g} s"
        )
    elif "resumed" in outcome:
        notes.print("resumed")
    elif "checked" in outcome:
        checked = outcome["checked"]
        if "error" in checked:
            stderr.print(f"[red]check failed[/red] {escape(checked['error'])}")
            return
        notes.print(
            f"checked: {len(checked['cases'])} case(s), {len(checked['findings'])} finding(s)"
        )
    elif outcome.get("duplicate_of"):
        notes.print(f"duplicate {source}: already read as {escape(outcome['duplicate_of'])}")
    elif outcome["error"] and outcome["error"]["stage"] == "vanished":
        stderr.print(f"[yellow]vanished[/yellow] {source}: {escape(outcome['error']['reason'])}")
    elif outcome["error"]:
        stderr.print(f"[red]quarantined[/red] {source}: {escape(outcome['error']['reason'])}")
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
        create: Annotated[
            bool, typer.Option("--create", help="create INBOX when it does not exist")
        ] = False,
    ) -> None:
        """Watch INBOX: every PDF or image dropped in is processed once completely written."""
        settings = setup(
            home,
            inbox=inbox.expanduser().resolve(),
            watch_polling=polling,
            settle_seconds=settle,
            create_inbox=create or None,
        )
        from backtax.flows.watch import InboxWatcher

        try:
            watcher = InboxWatcher(settings, notify=say)
        except ValueError as exc:
            stderr.print(f"[red]error[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
        use_kept_server(settings)
        import backtax.flows.batch  # noqa: F401  Prefect and the flows loaded once, before the first file
        from backtax.flows.home_server import lease

        signal.signal(signal.SIGTERM, interrupt)
        mode = f"polling every {settings.poll_interval:g}s" if settings.watch_polling else "events"
        from backtax.extractors.names import shown_name

        shown = escape(shown_name(str(watcher.inbox)))
        notes.print(f"watching {shown} ({mode}, {watcher.cap} at once); Ctrl-C to stop")
        try:
            with lease(settings):
                watcher.run()
        except KeyboardInterrupt:
            notes.print("stopped")
