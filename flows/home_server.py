"""A Prefect server kept under the home between commands, so that a command need not start one.

Prefect's ephemeral mode starts a server in a subprocess for every command (imports,
the database's migrations: 10-30 s, more than the work for a few files). Instead `run`
and `watch`, when no PREFECT_API_URL is set and no `backtax serve` is serving the home,
use the server recorded in `<home>/prefect/home-server.json` if it answers, and else
start one there: `prefect server start` on a free port of 127.0.0.1 with the home's
Prefect database (so it is migrated once), detached so that it outlives the command.
Its keeper (`python -m flows.server_keeper`) stops it once no command has used it for
`server_idle_minutes` (0: no kept server, the ephemeral mode every time), or once
the home is gone. Commands renew the lease while they run.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from backtax.flows import prefect_env
from backtax.flows.server_keeper import LEASE, state_path
from backtax.flows.settings import Settings

LOCK = "home-server.lock"
RENEW_SECONDS = 30.0


def running_url(prefect_home: Path) -> str | None:
    """The kept server's API URL when it answers, else None."""
    try:
        state = json.loads(state_path(prefect_home).read_text())
    except (OSError, ValueError):
        return None
    url = state.get("api_url")
    return url if url and prefect_env.server_healthy(url) else None


def renew(prefect_home: Path) -> None:
    (prefect_home / LEASE).touch()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(settings: Settings, timeout: float = 300.0) -> str:
    """Start a kept server under the home and wait until it answers; its API URL."""
    prefect_home = settings.folder("prefect")
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    renew(prefect_home)
    with (prefect_home / "server.log").open("ab") as log:
        idle = str(settings.server_idle_minutes * 60)
        keeper = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "backtax.flows.server_keeper",
                str(prefect_home),
                str(port),
                idle,
            ],
            env=server_env(prefect_home),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    deadline = time.monotonic() + timeout
    while not prefect_env.server_healthy(url, timeout=1.0):
        if keeper.poll() is not None or time.monotonic() > deadline:
            stop_group(keeper.pid)
            raise RuntimeError(f"the Prefect server did not start; see {prefect_home}/server.log")
        time.sleep(0.3)
    state_path(prefect_home).write_text(json.dumps({"api_url": url, "pid": keeper.pid}))
    return url


def server_env(prefect_home: Path) -> dict[str, str]:
    env = {**os.environ, "PREFECT_HOME": str(prefect_home)}
    for name in ("PREFECT_API_URL", "PREFECT_PROFILE"):
        env.pop(name, None)
    return env


def connect(settings: Settings) -> str | None:
    """Point Prefect at the kept server (started if need be); None when Prefect is left as
    `prefect_env.configure` set it: a PREFECT_API_URL, serve's server, or ephemeral."""
    prefect_home = settings.folder("prefect")
    if os.environ.get("PREFECT_API_URL") or settings.server_idle_minutes <= 0:
        return None
    served = prefect_env.profile_api_url(prefect_home)
    if served and prefect_env.server_healthy(served):
        return None
    with (prefect_home / LOCK).open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two commands at once start one server
        url = running_url(prefect_home) or start(settings)
    renew(prefect_home)
    os.environ["PREFECT_API_URL"] = url
    os.environ.pop("PREFECT_PROFILE", None)
    prefect_env.refresh()
    return url


@contextmanager
def lease(settings: Settings) -> Iterator[None]:
    """Keep the kept server from idling out while a command runs."""
    prefect_home = settings.folder("prefect")
    done = threading.Event()

    def keep_renewing() -> None:
        while not done.wait(RENEW_SECONDS):
            renew(prefect_home)

    thread = threading.Thread(target=keep_renewing, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        renew(prefect_home)


def stop(settings: Settings) -> None:
    """Stop the home's kept server, if one runs."""
    prefect_home = settings.home / "prefect"
    try:
        pid = int(json.loads(state_path(prefect_home).read_text())["pid"])
    except (OSError, ValueError, KeyError):
        return
    stop_group(pid)
    state_path(prefect_home).unlink(missing_ok=True)


def stop_group(pid: int) -> None:
    with suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGTERM)
