"""The keeper of a home's kept Prefect server (`python -m flows.server_keeper`, started by
`flows.home_server`): runs `prefect server start` and stops it once no command has used
it for a while, or once the home is gone.

The keeper lives as long as the server, beside every batch: it imports nothing but the
standard library (40 MB proportional set size with the flows' settings and HTTP client
imported, for a loop that only watches a file's time).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import suppress
from pathlib import Path

STATE = "home-server.json"
LEASE = "home-server.lease"


def state_path(prefect_home: Path) -> Path:
    return prefect_home / STATE


def keep(prefect_home: Path, port: int, idle_seconds: float) -> None:
    """Run the server until it has been idle `idle_seconds` or the home is gone."""
    # the API alone: the flows run in the commands' processes, nothing is scheduled here
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
         "--port", str(port), "--no-services", "--no-ui"]
    )  # fmt: skip
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    lease_file = prefect_home / LEASE
    while not stopping.wait(5.0) and server.poll() is None:
        try:
            idle = time.time() - lease_file.stat().st_mtime
        except OSError:  # the home was removed
            break
        if idle > idle_seconds:
            break
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    with suppress(OSError, ValueError):
        if json.loads(state_path(prefect_home).read_text()).get("pid") == os.getpid():
            state_path(prefect_home).unlink()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=keep.__doc__)
    parser.add_argument("prefect_home", type=Path)
    parser.add_argument("port", type=int)
    parser.add_argument("idle_seconds", type=float)
    args = parser.parse_args()
    keep(args.prefect_home, args.port, args.idle_seconds)
