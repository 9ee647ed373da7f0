"""The `backtax` command line. Each module of flows/commands adds its commands to `app`."""

from __future__ import annotations

import importlib
import pkgutil

import typer

from flows import commands

app = typer.Typer(
    name="backtax",
    help="Read US tax documents, cross-check them and assess back taxes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """backtax: read US tax documents, cross-check them and assess back taxes."""


for _info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
    importlib.import_module(f"{commands.__name__}.{_info.name}").register(app)


def main() -> None:
    app()
