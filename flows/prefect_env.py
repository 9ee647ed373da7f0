"""Prefect's environment under the backtax home: PREFECT_HOME, telemetry off, quiet logs.

Call `configure` before Prefect runs anything: Prefect reads its settings from the
environment when imported, so an already imported Prefect is told to read them again.
"""

from __future__ import annotations

import os
import sys
import tomllib
from functools import cache
from pathlib import Path

import httpx

from backtax.flows.settings import Settings

LOCAL_PROFILE = "backtax-local"
"""The profile `backtax serve` writes under `<home>/prefect` while its local server runs."""


def configure(settings: Settings) -> Path:
    """Point Prefect at `<home>/prefect` and keep it quiet; returns PREFECT_HOME.

    A PREFECT_API_URL already in the environment (an existing server) is kept. Else a
    local server left by `backtax serve` is used when it answers, and Prefect's
    ephemeral mode when it does not.
    """
    prefect_home = settings.folder("prefect")
    os.environ.update(
        {
            "PREFECT_HOME": str(prefect_home),
            "PREFECT_PROFILES_PATH": str(prefect_home / "profiles.toml"),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "DO_NOT_TRACK": "1",
            "PREFECT_LOGGING_LEVEL": settings.log_level,
            "PREFECT_LOGGING_SERVER_LEVEL": "WARNING",
            "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
            "PREFECT_RESULTS_LOCAL_STORAGE_PATH": str(prefect_home / "results"),
            # a loaded machine needs minutes for the first start (database migrations)
            "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "300",
            "BACKTAX_HOME": str(settings.home),
        }
    )
    if not os.environ.get("PREFECT_API_URL"):
        url = profile_api_url(prefect_home)
        if url and not server_healthy(url):
            os.environ["PREFECT_PROFILE"] = "ephemeral"
        else:
            os.environ.pop("PREFECT_PROFILE", None)
    refresh()
    return prefect_home


def refresh() -> None:
    """Make an already imported Prefect read the environment again."""
    if "prefect.context" in sys.modules:
        from prefect.context import refresh_global_settings_context

        refresh_global_settings_context()


def profile_api_url(prefect_home: Path) -> str | None:
    """The API URL of the active profile under `prefect_home`, if it names one."""
    path = prefect_home / "profiles.toml"
    if not path.is_file():
        return None
    data = tomllib.loads(path.read_text())
    active = data.get("active")
    return data.get("profiles", {}).get(active, {}).get("PREFECT_API_URL")


def write_profile(prefect_home: Path, api_url: str | None) -> None:
    """Make `api_url` the active profile's server (None: back to the ephemeral profile)."""
    path = prefect_home / "profiles.toml"
    if api_url is None:
        path.write_text('active = "ephemeral"\n')
        return
    path.write_text(
        f'active = "{LOCAL_PROFILE}"\n\n[profiles.{LOCAL_PROFILE}]\nPREFECT_API_URL = "{api_url}"\n'
    )


@cache
def health_client() -> httpx.Client:
    """The one client every health check goes through: a new client loads the TLS
    certificates each time (about 50 ms of CPU), and a server's start is polled every
    0.3 s. No connection is kept, so a restarted server is asked afresh."""
    return httpx.Client(limits=httpx.Limits(max_keepalive_connections=0))


def server_healthy(api_url: str, timeout: float = 2.0) -> bool:
    try:
        answer = health_client().get(f"{api_url.rstrip('/')}/health", timeout=timeout)
        return answer.status_code == 200
    except httpx.HTTPError:
        return False
