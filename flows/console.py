"""What the flow commands share: the --home option, stderr console, settings with Prefect set up."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from flows import prefect_env
from flows.settings import Settings

HomeOpt = Annotated[Path | None, typer.Option("--home", help="backtax home folder")]
WorkersOpt = Annotated[
    int | None, typer.Option("--workers", min=1, help="documents read at once (default: cores)")
]

stderr = Console(stderr=True, highlight=False, soft_wrap=True)
stdout = Console(highlight=False)


def setup(home: Path | None, **overrides: Any) -> Settings:
    """Settings for the home (file, environment, then these options) and Prefect configured."""
    settings = Settings.load(home, **overrides)
    prefect_env.configure(settings)
    return settings
