"""Data stays on the machine: a batch inside a network namespace with loopback only.

`unshare -n` gives the command (and every process it starts: the Prefect server, OCR
workers, Tesseract) a network with nothing but `lo`, so nothing can leave; an audit hook
in every Python process of it records any attempt to reach an address that is not
loopback, so an attempt that fails quietly still fails the test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backtax.flows import home_server
from backtax.flows.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_docs" / "w2" / "irs_2024_fillable_jane_acme.pdf"

AUDIT = """
import ipaddress, os, sys

def _outside(host):
    if not isinstance(host, str) or host.startswith("/") or host in ("", "localhost"):
        return False
    try:
        return not ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return True  # a name to resolve: it would leave the machine

def _hook(event, args):
    if event == "socket.connect" and isinstance(args[1], tuple):
        host = args[1][0]
    elif event == "socket.getaddrinfo":
        host = args[0].decode() if isinstance(args[0], bytes) else args[0]
    else:
        return
    if _outside(host):
        with open(os.environ["BACKTAX_NET_AUDIT"], "a") as log:
            log.write(f"{os.getpid()} {event} {host}\\n")

sys.addaudithook(_hook)
"""


def can_unshare() -> bool:
    if not shutil.which("unshare") or not shutil.which("ip"):
        return False
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not can_unshare(), reason="needs unshare -n (root or user namespaces)")
def test_a_batch_in_a_loopback_only_network_reaches_nothing_outside(tmp_path: Path) -> None:
    folder, hooks, log = tmp_path / "in", tmp_path / "hooks", tmp_path / "net.log"
    folder.mkdir()
    hooks.mkdir()
    shutil.copy2(SAMPLE, folder / "w2.pdf")
    (hooks / "sitecustomize.py").write_text(AUDIT)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(hooks), str(ROOT)]),
        "BACKTAX_NET_AUDIT": str(log),
        "OMP_THREAD_LIMIT": "1",
    }
    env.pop("PREFECT_API_URL", None)
    run = f"{sys.executable} -m flows run {folder} --home {tmp_path / 'home'} --json"
    command = f"ip link set lo up && exec {run}"
    try:
        done = subprocess.run(
            ["unshare", "-n", "sh", "-c", command],
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=900, check=False,
        )  # fmt: skip
    finally:  # the Prefect server kept under the home runs inside the namespace: stop it
        home_server.stop(Settings.load(tmp_path / "home"))
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout[done.stdout.index("{") :])
    assert summary["documents"] == 1 and summary["errors"] == 0
    attempts = log.read_text() if log.exists() else ""
    assert attempts == "", attempts
