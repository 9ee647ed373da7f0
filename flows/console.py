"""What the commands share: options, the consoles, how much to say, settings with Prefect set up.

Kept light on purpose: every command module imports this at `backtax --help`, so
settings (pydantic-settings), Prefect and the extractors are imported inside `setup`, and
rich (a fifth of `--help`) where a console first prints.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from backtax.flows.settings import Settings

HomeOpt = Annotated[Path | None, typer.Option("--home", help="backtax home folder")]
JsonOpt = Annotated[bool, typer.Option("--json", help="print JSON on stdout")]
WorkersOpt = Annotated[
    int | None, typer.Option("--workers", min=1, help="documents read at once (default: cores)")
]


class LazyConsole:
    """A rich `Console` made at its first use; attributes set before then are kept for it."""

    def __init__(self, **options: Any) -> None:
        object.__setattr__(self, "_options", options)
        object.__setattr__(self, "_console", None)

    def made(self) -> Console:
        if self._console is None:
            from rich.console import Console

            object.__setattr__(self, "_console", Console(**self._options))
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.made(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        if self._console is None:
            self._options[name] = value
        else:
            setattr(self._console, name, value)


stderr = LazyConsole(stderr=True, highlight=False, soft_wrap=True)
"""Errors and warnings: always printed."""
notes = LazyConsole(stderr=True, highlight=False, soft_wrap=True)
"""Progress and what was done: silenced by `-q`."""
stdout = LazyConsole(highlight=False)
KEEP_WHOLE = 24
"""Cells up to this long (amounts, dates, ids, years) are never broken; longer ones wrap."""
INSTALL_TESSERACT = (
    "Debian/Ubuntu: sudo apt-get install tesseract-ocr; macOS: brew install tesseract; "
    "or run scripts/setup"
)


def escape(text: str) -> str:
    """`text` with rich markup escaped (rich imported here, not at start)."""
    from rich.markup import escape

    return escape(text)


def table(title: str | None, columns: Sequence[str], rows: list[Sequence[str]], **kw: Any) -> Table:
    """A table whose values wrap, never cut: long text is narrowed first, and a value that
    still does not fit is folded onto the next line, never replaced by an ellipsis."""
    from rich.table import Table

    out = Table(title=title, **kw)
    for i, name in enumerate(columns):
        longest = max((len(_plain(r[i])) for r in rows), default=0)
        out.add_column(name, overflow="fold", no_wrap=longest <= KEEP_WHOLE)
    for row in rows:
        out.add_row(*row)
    return out


def _plain(cell: str) -> str:
    from rich.text import Text

    return max(Text.from_markup(cell).plain.splitlines() or [""], key=len)


def tesseract_missing() -> str | None:
    """One line saying Tesseract is missing and how to install it, or None when it is there
    (or not needed: PP-OCR alone reads, `BACKTAX_OCR_ENGINE=ppocr`)."""
    from backtax.extractors.settings import ExtractSettings

    if shutil.which("tesseract") or ExtractSettings().ocr_engine == "ppocr":
        return None
    return (
        "Tesseract OCR is not installed (no `tesseract` on the PATH): scanned pages and "
        f"images cannot be read. Install it ({INSTALL_TESSERACT})."
    )


def warn_if_no_tesseract() -> bool:
    """Say once, up front, that scans cannot be read; True when Tesseract is missing."""
    missing = tesseract_missing()
    if missing:
        stderr.print(f"[yellow]warning[/yellow] {missing}")
    return missing is not None


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
    from backtax.flows.settings import Settings, SettingsError

    try:
        return Settings.load(home, **overrides)
    except SettingsError as exc:
        stderr.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None


def setup(home: Path | None, **overrides: Any) -> Settings:
    """`load_settings` (the log level from -q/-v), and Prefect configured under the home."""
    from backtax.flows import prefect_env
    from backtax.flows.faults import preflight

    settings = load_settings(home, log_level=LOG_LEVELS[verbosity], **overrides)
    preflight(settings.home, settings.database_path)
    warn_if_no_tesseract()
    prefect_env.configure(settings)
    return settings


def use_kept_server(settings: Settings) -> None:
    """Point Prefect at the server kept under the home (`flows.home_server`), started if
    need be; on failure Prefect's ephemeral server is used, as without one."""
    from backtax.flows import home_server

    try:
        url = home_server.connect(settings)
    except RuntimeError as exc:
        stderr.print(f"[yellow]warning[/yellow] {exc}; using a temporary Prefect server")
        return
    if url and verbosity > 0:
        notes.print(f"Prefect API: {url}")
