"""`backtax prefect ARGS...`: Prefect's own command line, pointed at the backtax home.

`uv tool install .` and pipx put only backtax's command on the PATH, not the `prefect`
installed beside it; this runs that same Prefect (`python -m prefect`) with PREFECT_HOME
under the home, so it finds the server `backtax serve` keeps there and its deployments.
"""

from __future__ import annotations

import subprocess
import sys

import typer

from backtax.flows.console import HomeOpt, load_settings


def register(app: typer.Typer) -> None:
    @app.command(
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
        add_help_option=False,
    )
    def prefect(ctx: typer.Context, home: HomeOpt = None) -> None:
        """Prefect's own commands, for this home (`backtax prefect --help`: Prefect's help)."""
        from backtax.flows import prefect_env

        prefect_env.configure(load_settings(home))
        done = subprocess.run([sys.executable, "-m", "prefect", *ctx.args], check=False)
        raise typer.Exit(done.returncode)
