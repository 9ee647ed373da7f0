"""Peak memory of a process tree, sampled from a process of its own (not a test).

    python -m bench.peak_memory PID

Samples PID and its descendants (this process left out) every `EVERY` seconds until its
standard input closes, then prints one JSON line: the peak proportional set size of the
tree (a page shared by several processes counted once, in shares), the peak sum of resident
sizes (a shared page counted in every process), and the tree's parts at the PSS peak, in
MiB. Sampling reads every process's `smaps_rollup`, which costs CPU: run here, it is not
charged to the process measured, and no thread of that process is taken from its work.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading

import psutil

EVERY = 0.2
MIB = 2**20


def part(process: psutil.Process, root: int) -> str:
    """What a process of the tree is: the root, a backtax worker, Prefect's server, or a
    Chromium process by its type."""
    if process.pid == root:
        return "root"
    args = process.cmdline()
    joined = " ".join(args)
    if "backtax.flows.workers" in joined:
        return "workers"
    if "chrom" in (args[0] if args else ""):
        kind = next((a.split("=", 1)[1] for a in args if a.startswith("--type=")), "browser")
        return f"chromium {kind}"
    if "prefect" in joined or "uvicorn" in joined:
        return "prefect server"
    return process.name()


def sample(root: int, stop: threading.Event) -> dict[str, object]:
    """Sample the tree under `root` until `stop` is set; the peaks, in MiB."""
    me, tree = os.getpid(), psutil.Process(root)
    peak = peak_rss = 0
    parts: dict[str, int] = {}
    while not stop.wait(EVERY):
        pss = rss = 0
        now: dict[str, int] = {}
        with contextlib.suppress(psutil.Error):
            for process in (tree, *tree.children(recursive=True)):
                if process.pid == me:
                    continue
                with contextlib.suppress(psutil.Error):
                    used = process.memory_full_info()
                    pss, rss = pss + used.pss, rss + used.rss
                    name = part(process, root)
                    now[name] = now.get(name, 0) + used.pss
        if pss > peak:
            peak, parts = pss, now
        peak_rss = max(peak_rss, rss)
    return {
        "peak_pss_mb": round(peak / MIB),
        "peak_rss_sum_mb": round(peak_rss / MIB),
        "at_peak_mb": {k: round(v / MIB) for k, v in sorted(parts.items(), key=lambda kv: -kv[1])},
    }


def main() -> None:
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    print(json.dumps(sample(int(sys.argv[1]), stop)), flush=True)


if __name__ == "__main__":
    main()
