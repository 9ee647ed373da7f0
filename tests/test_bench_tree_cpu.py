"""The flow bench's CPU of a process tree (`bench/tree_cpu.py`): processes no one waits
for, as Chromium's renderers killed with the browser's session, are counted."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys

from bench.tree_cpu import account, snapshot

BURN = 0.5
"""CPU seconds the grandchild spends, by its own clock (not the wall's)."""
TICKS = 2 / os.sysconf("SC_CLK_TCK")
"""The kernel counts CPU in clock ticks: user and system each rounded down."""
WAIT = 120.0
"""Wall seconds the grandchild may take to spend `BURN` on a loaded machine."""
GRANDCHILD = (
    "import sys, time\n"
    f"while time.process_time() < {BURN}: pass\n"
    "print('burnt', flush=True)\n"
    "time.sleep(600)\n"
)
CHILD = (
    "import subprocess, sys, time\n"
    f"subprocess.Popen([sys.executable, '-c', {GRANDCHILD!r}])\n"
    "time.sleep(600)\n"
)


def test_a_grandchild_killed_with_its_session_is_counted() -> None:
    """A child starts a grandchild that spends `BURN` CPU seconds; both are killed with
    their session, as Chromium's are: getrusage never sees the grandchild's seconds (its
    parent never waited for it), the samples keep them. Processes this test process had
    before (another test's, say) are left out, as the bench leaves them out."""
    earlier = set(snapshot(os.getpid()))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert child.stdout is not None
        ready, _, _ = select.select([child.stdout], [], [], WAIT)
        assert ready, f"the grandchild did not say it had burnt {BURN} s within {WAIT} s"
        assert child.stdout.readline().strip() == "burnt"
        seen: dict = {}
        account(seen, snapshot(os.getpid(), skip=earlier))
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        _, _, used = os.wait4(child.pid, 0)  # the child's own getrusage, whatever else ran
        child.returncode = -signal.SIGKILL
    assert used.ru_utime + used.ru_stime < BURN  # the child's own start only
    assert max(seen.values()) >= BURN - TICKS
    assert len(seen) == 2


def test_processes_running_before_are_left_out_and_a_process_keeps_its_most() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        first = snapshot(os.getpid())
        assert snapshot(os.getpid(), skip=set(first)) == {}
    finally:
        child.kill()
        child.wait()
    seen = {(1, 0.0): 2.0}
    account(seen, {(1, 0.0): 1.5, (2, 0.0): 0.25})
    assert seen == {(1, 0.0): 2.0, (2, 0.0): 0.25}
