"""`backtax serve` as a user runs it: a local Prefect server it starts itself, the nightly
deployment triggered from another shell with `prefect deployment run`, the watcher beside
it; and a batch killed with SIGKILL mid-way, then resumed with nothing lost or doubled."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_docs"
BACKTAX = [sys.executable, "-m", "backtax.flows"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition: Callable[[], Any], timeout: float = 180.0) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.3)
    return value


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: no Prefect settings of the test process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BACKTAX_"))}
    return {**env, "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **extra}


def get(url: str) -> Any:
    try:
        response = httpx.get(url, timeout=5)
    except httpx.HTTPError:
        return None
    return response.json() if response.status_code == 200 else None


def query(db: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    if not db.exists():
        return []
    with sqlite3.connect(db, timeout=30) as conn:
        try:
            return conn.execute(sql, args).fetchall()
        except sqlite3.OperationalError:
            return []


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """`backtax serve` running for the module, stopped with SIGTERM at the end."""
    home = tmp_path_factory.mktemp("serve") / "home"
    port = free_port()
    env = clean_env(BACKTAX_SERVER_PORT=str(port), BACKTAX_SETTLE_SECONDS="0.5")
    log_path = tmp_path_factory.getbasetemp() / "serve.log"
    log = log_path.open("w")
    proc = subprocess.Popen(
        [*BACKTAX, "serve", "--home", str(home)], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    api = f"http://127.0.0.1:{port}/api"
    info = {"home": home, "api": api, "proc": proc, "env": env, "log": log_path}
    try:
        wait_for(lambda: get(f"{api}/deployments/name/backtax-batch/nightly"), timeout=400)
        yield info
    finally:
        proc.send_signal(signal.SIGTERM)
        info["exit"] = proc.wait(timeout=90)
        log.close()


def test_serve_runs_the_nightly_deployment_when_triggered_from_another_shell(
    served: dict[str, Any],
) -> None:
    home, api = served["home"], served["api"]
    deployment = get(f"{api}/deployments/name/backtax-batch/nightly")
    assert [s["schedule"]["cron"] for s in deployment["schedules"]] == ["0 2 * * *"]
    assert all(s["active"] for s in deployment["schedules"])
    shell = subprocess.run(
        [sys.executable, "-m", "prefect", "deployment", "run", "backtax-batch/nightly"],
        env=clean_env(PREFECT_HOME=str(home / "prefect")), capture_output=True, text=True,
        timeout=120, check=True,
    )  # fmt: skip
    run_id = re.search(r"UUID: ([0-9a-f-]{36})", shell.stdout)
    assert run_id, shell.stdout
    state = wait_for(
        lambda: (
            (s := (get(f"{api}/flow_runs/{run_id[1]}") or {}).get("state"))
            and s["type"] in ("COMPLETED", "FAILED", "CRASHED")
            and s["type"]
        ),
        timeout=300,
    )
    assert state == "COMPLETED"
    assert query(home / "backtax.sqlite", "SELECT trigger FROM batches") == [("inbox",)]


def test_backtax_prefect_reaches_the_server_serve_keeps(served: dict[str, Any]) -> None:
    """The Prefect commands the docs use, through backtax (no `prefect` on the PATH needed)."""
    printed = wait_for(lambda: re.search(r"trigger by hand: (.+)", served["log"].read_text()))
    assert (
        printed[1]
        == f"backtax prefect --home {served['home']} deployment run backtax-batch/nightly"
    )
    listed = subprocess.run(
        [*BACKTAX, "prefect", "--home", str(served["home"]), "deployment", "ls"],
        env=clean_env(COLUMNS="200"), capture_output=True, text=True, timeout=120, check=True,
        cwd=ROOT,
    )  # fmt: skip
    assert "backtax-batch/nightly" in listed.stdout.replace("\n", "")


def test_the_ui_serve_prints_talks_to_this_servers_api(served: dict[str, Any]) -> None:
    printed = wait_for(lambda: re.search(r"Prefect UI: (http://\S+)", served["log"].read_text()))
    ui = printed[1].rstrip("/")
    assert ui == served["api"].removesuffix("/api")
    page = httpx.get(f"{ui}/", timeout=10, follow_redirects=True)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    api = get(f"{ui}/ui-settings")["api_url"]  # what the UI's JavaScript calls
    assert api.rstrip("/") == served["api"]
    deployment = get(f"{api}/deployments/name/backtax-batch/nightly")
    assert deployment and deployment["name"] == "nightly"
    flows = httpx.post(f"{api}/flows/filter", json={}, timeout=10).json()
    assert "backtax-batch" in {f["name"] for f in flows}


def test_serve_refuses_a_bad_schedule_before_starting_anything(tmp_path: Path) -> None:
    port = free_port()
    result = subprocess.run(
        [*BACKTAX, "serve", "--home", str(tmp_path), "--schedule", "61 2 * * *"],
        cwd=ROOT, env=clean_env(BACKTAX_SERVER_PORT=str(port)), capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "61 2 * * *" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "prefect" / "server.log").exists()  # no server was started


def test_serve_watches_the_inbox(served: dict[str, Any]) -> None:
    home = served["home"]
    inbox = home / "inbox"
    shutil.copy2(SAMPLES / "cases" / "unreported_wages_2023" / "w2_acme.pdf", inbox / "w2.pdf")
    wait_for(lambda: (home / "processed" / "w2.pdf").exists())
    assert query(home / "backtax.sqlite", "SELECT doc_type FROM documents") == [("W-2",)]
    wait_for(lambda: "processed w2.pdf: 1 document(s)" in served["log"].read_text(), timeout=30)


def test_a_batch_killed_midway_resumes_with_nothing_lost_or_doubled(
    served: dict[str, Any], tmp_path: Path
) -> None:
    folder, home = tmp_path / "in", tmp_path / "home"
    folder.mkdir()
    files = sorted((SAMPLES / "cases").rglob("*.pdf"))
    for i, path in enumerate(files):
        shutil.copy2(path, folder / f"{i:02d}_{path.name}")
    db = home / "backtax.sqlite"
    env = clean_env(PREFECT_API_URL=served["api"], BACKTAX_WORKERS="2")
    command = [*BACKTAX, "run", str(folder), "--home", str(home)]
    first = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    wait_for(lambda: len(query(db, "SELECT sha256 FROM files")) >= 3, timeout=300)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    done = dict(query(db, "SELECT sha256, extracted_at FROM files"))
    assert 3 <= len(done) < len(files)

    second = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=900, check=False)  # fmt: skip
    assert second.returncode == 0, second.stderr
    after = dict(query(db, "SELECT sha256, extracted_at FROM files"))
    assert len(after) == len({p.read_bytes() for p in files})  # nothing lost
    assert {k: after[k] for k in done} == done  # finished before the kill: not extracted again
    per_file = query(db, "SELECT sha256, COUNT(*), MAX(documents) FROM documents "
                         "JOIN files USING (sha256) GROUP BY sha256")  # fmt: skip
    assert all(count == expected for _, count, expected in per_file)  # nothing doubled


def test_serve_stops_its_server_and_restores_the_profile(served: dict[str, Any]) -> None:
    served["proc"].send_signal(signal.SIGTERM)
    assert served["proc"].wait(timeout=90) == 0
    assert get(f"{served['api']}/health") is None
    profiles = (served["home"] / "prefect" / "profiles.toml").read_text()
    assert 'active = "ephemeral"' in profiles
