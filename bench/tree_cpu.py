"""CPU of the processes a process starts, sampled from a process of its own (not a test).

    python -m bench.tree_cpu PID

Prints `ready`, then samples the user and system CPU of every descendant of PID every
`EVERY` seconds (itself and the processes already running when it started left out: the
kept Prefect server) until its standard input closes; then one JSON line, `cpu_s`: their
sum, each process at the last value seen. `getrusage` counts only the children that were
waited for: Chromium's renderers and helpers, killed with the browser's session and
reaped by init, are left out there (about 7 of 10 CPU seconds printing the text samples'
case reports).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading

import psutil

EVERY = 0.5
"""Coarse on purpose: the processes measured (workers, Chromium) end idle, so little is
missed, and each pass reads every process of a busy machine. A process that ends busy
loses its last `EVERY` seconds, one shorter than that is not seen (Tesseract's, a page)."""

Key = tuple[int, float]
"""A process: its id and its start time (an id can be used again)."""


def snapshot(root: int, skip: set[Key] | frozenset[Key] = frozenset()) -> dict[Key, float]:
    """The CPU seconds (user and system) of each descendant of `root` now, but `skip` and
    this process."""
    me, out = os.getpid(), {}
    with contextlib.suppress(psutil.Error):
        for process in psutil.Process(root).children(recursive=True):
            with contextlib.suppress(psutil.Error):
                key = (process.pid, process.create_time())
                if process.pid != me and key not in skip:
                    times = process.cpu_times()
                    out[key] = times.user + times.system
    return out


def account(seen: dict[Key, float], sample: dict[Key, float]) -> None:
    """Keep each process's largest CPU seen (it only grows; a process gone keeps its last)."""
    for key, cpu in sample.items():
        seen[key] = max(cpu, seen.get(key, 0.0))


def main() -> None:
    root, stop, seen = int(sys.argv[1]), threading.Event(), {}
    skip = set(snapshot(root))
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    print("ready", flush=True)
    while not stop.wait(EVERY):
        account(seen, snapshot(root, skip))
    account(seen, snapshot(root, skip))
    print(json.dumps({"cpu_s": round(sum(seen.values()), 2), "processes": len(seen)}), flush=True)


if __name__ == "__main__":
    main()
