"""The `backtax` command line. Each module of flows/commands adds its commands to `app`.

The command modules import only typer, rich and the standard library at the top; what a
command needs (extractors, pandas, Prefect) is imported inside it, so `backtax --help`,
`--version` and shell completion answer without loading any of it.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Annotated

import typer

from backtax.flows import commands
from backtax.flows.console import set_verbosity, stdout

app = typer.Typer(
    name="backtax",
    help="Read US tax documents, cross-check them and assess back taxes.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: typer's rich help imports rich's markdown,
    # traceback and syntax machinery, 40% of the CPU of `backtax --help`
)


def _version(shown: bool) -> None:
    if shown:
        from importlib.metadata import PackageNotFoundError, version

        try:
            stdout.print(f"backtax {version('backtax')}")
        except PackageNotFoundError:
            stdout.print("backtax (not installed)")
        raise typer.Exit()


@app.callback()
def _root(
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="print only errors and warnings on stderr")
    ] = False,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="log more (-vv: debug)")
    ] = 0,
    _: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="print the version and exit"
        ),
    ] = False,
) -> None:
    """backtax: read US tax documents, cross-check them and assess back taxes."""
    set_verbosity(verbose - quiet)


for _info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
    importlib.import_module(f"{commands.__name__}.{_info.name}").register(app)
for _command in app.registered_commands:  # listed whole, as rich's help did, not cut at 45
    _doc = _command.help or (_command.callback and _command.callback.__doc__) or ""
    _command.short_help = _command.short_help or " ".join(_doc.split("\n\n")[0].split())


def main() -> None:
    from backtax.flows.faults import sentences

    with sentences():
        app(prog_name="backtax")  # `python -m flows` too: its usage lines and completion
