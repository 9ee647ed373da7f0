"""`backtax serve`: the nightly batch deployment and the watcher in one long-lived process.

Prefect's ephemeral mode cannot run schedules, so without a PREFECT_API_URL this starts
a Prefect server on 127.0.0.1 with its database under `<home>/prefect`, points this
process and a profile under that folder at it (so `prefect deployment run` from another
shell, with PREFECT_HOME set to `<home>/prefect`, reaches it), restarts it if it dies
and stops it on exit. With a PREFECT_API_URL set, that server is used as it is.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from backtax.flows import prefect_env
from backtax.flows.settings import Settings

if TYPE_CHECKING:
    from backtax.flows.watch import Notify

DEPLOYMENT = "nightly"
FLOW_NAME = "backtax-batch"


class LocalServer:
    """A `prefect server start` on 127.0.0.1, supervised, with its files under `<home>/prefect`."""

    def __init__(self, settings: Settings) -> None:
        self.prefect_home = settings.folder("prefect")
        self.port = settings.server_port
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.ui_url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 240.0) -> None:
        if prefect_env.server_healthy(self.api_url):
            raise RuntimeError(
                f"port {self.port} already has a Prefect server; stop it, set "
                "BACKTAX_SERVER_PORT, or set PREFECT_API_URL to use it"
            )
        log = (self.prefect_home / "server.log").open("ab")
        env = {
            **os.environ,
            "PREFECT_HOME": str(self.prefect_home),
            # the UI asks /ui-settings where the API is: this server, not the default :4200
            "PREFECT_SERVER_API_HOST": "127.0.0.1",
            "PREFECT_SERVER_API_PORT": str(self.port),
            "PREFECT_UI_API_URL": self.api_url,
            "PREFECT_UI_URL": self.ui_url,
        }
        env.pop("PREFECT_API_URL", None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "prefect",
                "server",
                "start",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while not prefect_env.server_healthy(self.api_url, timeout=1.0):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(
                    f"the local Prefect server did not start; see {self.prefect_home}/server.log"
                )
            time.sleep(0.3)
        prefect_env.write_profile(self.prefect_home, self.api_url)
        os.environ["PREFECT_API_URL"] = self.api_url
        os.environ.pop("PREFECT_PROFILE", None)
        prefect_env.refresh()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """Stop the server (its whole process group) and point the profile back to ephemeral."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        prefect_env.write_profile(self.prefect_home, None)
        os.environ.pop("PREFECT_API_URL", None)

    def supervise(self, stop: threading.Event, every: float = 5.0) -> None:
        """Restart the server whenever it has died, until `stop` is set."""
        while not stop.wait(every):
            if not self.alive():
                self.start()


@contextmanager
def one_serve_per_home(home: Path) -> Iterator[None]:
    """Refuse a second `backtax serve` on the same home."""
    with (home / "serve.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError(f"backtax serve is already running for {home}") from None
        yield


@contextmanager
def prefect_api(settings: Settings) -> Iterator[LocalServer | None]:
    """The configured Prefect server, or a supervised local one for as long as serving lasts."""
    if os.environ.get("PREFECT_API_URL"):
        yield None
        return
    server = LocalServer(settings)
    stop = threading.Event()
    try:
        server.start()
        threading.Thread(target=server.supervise, args=(stop,), daemon=True).start()
        yield server
    finally:
        stop.set()
        server.stop()


def check_schedule(settings: Settings) -> None:
    """ValueError (one line) unless Prefect accepts the cron and time zone: checked before
    any server, deployment or watcher starts."""
    from prefect.client.schemas.schedules import CronSchedule
    from pydantic import ValidationError

    try:
        CronSchedule(cron=settings.schedule, timezone=settings.timezone)
    except ValidationError as exc:
        reasons = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
        raise ValueError(
            f"schedule {settings.schedule!r} ({settings.timezone}): {reasons}"
        ) from None


def ui_address(server: LocalServer | None) -> str:
    """Where the Prefect UI of the server in use answers."""
    if server is not None:
        return server.ui_url
    from prefect.settings import PREFECT_UI_URL

    configured = PREFECT_UI_URL.value()
    return configured or os.environ.get("PREFECT_API_URL", "").removesuffix("/api")


def serve(
    settings: Settings,
    *,
    watch: bool = True,
    on_ready: Callable[[str], None] | None = None,
    notify: Notify | None = None,
) -> None:
    """Serve the batch flow on its cron schedule, and watch the inbox (telling `notify` what
    it consumed and quarantined), until terminated; `on_ready` is told the Prefect UI's
    address once the server answers."""
    prefect_env.configure(settings)
    from prefect import serve as prefect_serve
    from prefect.deployments.runner import EntrypointType
    from prefect.schedules import Cron

    from backtax.flows.batch import batch_flow
    from backtax.flows.watch import InboxWatcher

    with one_serve_per_home(settings.home), prefect_api(settings) as server:
        if on_ready:
            on_ready(ui_address(server))
        deployment = batch_flow.to_deployment(
            name=DEPLOYMENT,
            schedules=[Cron(settings.schedule, timezone=settings.timezone)],
            parameters={"sweep_inbox": True},
            paused=False,
            description="Sweep the inbox, extract, re-check every case, publish the report.",
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
        watcher = InboxWatcher(settings, notify) if watch else None
        thread = threading.Thread(target=watcher.run, daemon=True) if watcher else None
        if thread:
            thread.start()
        try:
            prefect_serve(deployment, print_starting_message=False)
        finally:
            if watcher and thread:
                watcher.stop.set()
                thread.join(timeout=60)
