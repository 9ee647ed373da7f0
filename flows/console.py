"""What the commands share: options, the consoles, how much to say, settings with Prefect set up.

Kept light on purpose: every command module imports this at `backtax --help`, so
settings (pydantic-settings), Prefect and the extractors are imported inside `setup`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

if TYPE_CHECKING:
    from flows.settings import Settings

HomeOpt = Annotated[Path | None, typer.Option("--home", help="backtax home folder")]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON on stdout")]
WorkersOpt = Annotated[
    int | None, typer.Option("--workers", min=1, help="documents read at once (default: cores)")
]

stderr = Console(stderr=True, highlight=False, soft_wrap=True)
"""Errors and warnings: always printed."""
notes = Console(stderr=True, highlight=False, soft_wrap=True)
"""Progress and what was done: silenced by `-q`."""
stdout = Console(highlight=False)

LOG_LEVELS = {-1: "ERROR", 0: None, 1: "INFO", 2: "DEBUG"}
verbosity = 0
"""-1 with `-q`, 0 by default, 1 with `-v`, 2 with `-vv`."""


def set_verbosity(level: int) -> None:
    """Set by the root options: `-q` silences `notes`, `-v` raises the log level."""
    global verbosity
    verbosity = max(-1, min(2, level))
    notes.quiet = verbosity < 0
    if verbosity > 0:
        import logging

        logging.basicConfig(
            level=LOG_LEVELS[verbosity], format="%(levelname)s %(name)s: %(message)s"
        )


def load_settings(home: Path | None, **overrides: Any) -> Settings:
    """Settings for the home (file, environment, then these options); unusable ones are a
    usage error: one line on stderr, exit 2."""
    from flows.settings import Settings, SettingsError

    try:
        return Settings.load(home, **overrides)
    except SettingsError as exc:
        stderr.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None


def setup(home: Path | None, **overrides: Any) -> Settings:
    """`load_settings` (the log level from -q/-v), and Prefect configured under the home."""
    from flows import prefect_env

    settings = load_settings(home, log_level=LOG_LEVELS[verbosity], **overrides)
    prefect_env.configure(settings)
    return settings


def use_kept_server(settings: Settings) -> None:
    """Point Prefect at the server kept under the home (`flows.home_server`), started if
    need be; on failure Prefect's ephemeral server is used, as without one."""
    from flows import home_server

    try:
        url = home_server.connect(settings)
    except RuntimeError as exc:
        stderr.print(f"[yellow]warning[/yellow] {exc}; using a temporary Prefect server")
        return
    if url and verbosity > 0:
        notes.print(f"Prefect API: {url}")
