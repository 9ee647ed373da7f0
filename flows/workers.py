"""Bounded work per file: each file is read in a worker process with a time and a memory limit.

A file can hang the parser (objects that refer to each other), or declare pages and
images that take gigabytes; a process gives the batch a way out that a thread does not:
the worker is killed at its deadline or dies at its memory limit, the file is reported
with that reason, and a fresh worker takes its place. Workers are interpreters of their
own (`python -m flows.workers`), kept for the next file, and processes, so extraction
uses every core (Prefect's threads only wait for them).

Limits: `memory_mb` is the worker's address space (`RLIMIT_AS`, inherited by its OCR
processes and Tesseract); the deadline is `seconds_per_page` for each page the file
declares, at most `seconds_per_file`. A worker also dies with the process that made
it (it watches its parent), so killing backtax never leaves a worker spinning.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from backtax.extractors.limits import available_mb
from backtax.flows.files import sha256_or_none

PARENT_CHECK_SECONDS = 0.5
_TICK = 0.2
STARTUP_SECONDS = 300.0


class LimitExceeded(Exception):
    """The file took longer or more memory than the limits allow (not cached: limits change)."""


class FileVanished(Exception):
    """The file was moved, deleted or changed while it was read (another claimer, a user)."""


class ReadFailure(OSError):
    """An I/O error reading a file that is there: worth a second try (network shares)."""


class ExtractorBug(Exception):
    """The extractor failed on the file (a bug to fix, not the file's fault): not cached."""


class OcrMissing(Exception):
    """A scan needs OCR and Tesseract is not installed: not cached, not retried (the file is
    read again once Tesseract is installed)."""


class Stopped(Exception):
    """The pool was shut down (SIGTERM, Ctrl-C) while the file was being read."""


@dataclass(frozen=True)
class Limits:
    seconds_per_page: float = 300.0
    seconds_per_file: float = 3600.0
    memory_mb: int = 3072

    def deadline(self, pages: int) -> float:
        return min(self.seconds_per_file, self.seconds_per_page * max(1, pages))


@dataclass
class Job:
    """What a worker needs to read one file (all picklable)."""

    path: str
    sha256: str
    source: str
    settings: dict[str, Any]
    secret: bytes


def _worker_main(fd: int, memory_mb: int) -> None:
    """A worker's life: limits on itself, then one job at a time until the socket closes."""
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    # no pandas in a worker (importing it fails at once): nothing that reads a file needs
    # it, and pytesseract imports it when it can, for a DataFrame output never asked for
    # here, at 0.3-0.7 s CPU of every scan worker's start
    sys.modules["pandas"] = None  # type: ignore[assignment]
    import backtax.extractors.pipeline  # noqa: F401  (imported before the first job's clock starts)

    if memory_mb:  # the imports' address space counts too (about 500 MB)
        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    conn = Connection(fd)
    conn.send(("ready", None))
    while True:
        try:
            job: Job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_read(job, conn, memory_mb))


def _exit_with_parent(parent: int) -> None:
    """End the worker as soon as backtax is gone, killed or not (a parser stuck in a loop
    still lets this thread run). PR_SET_PDEATHSIG would fire when the *thread* that
    started the worker ends, and Prefect's and the watcher's threads come and go."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _read(job: Job, conn: Connection, memory_mb: int) -> tuple[str, Any]:
    from backtax.extractors.pipeline import extract_file
    from backtax.extractors.settings import ExtractSettings

    path = Path(job.path)
    try:
        conn.send(("pages", declared_pages(path)))
        result = extract_file(
            path,
            settings=ExtractSettings(**job.settings),
            tin_secret=job.secret,
            display_source=job.source,
        )
        if result.error and not result.error.verdict:
            if result.error.stage == "limit":  # the extractor caught a MemoryError
                return ("limit", f"{result.error.reason} ({memory_mb:,} MB)")
            if result.error.stage == "extract":
                return ("bug", result.error.reason)
            if result.error.stage == "ocr":
                return ("no_ocr", result.error.reason)
            if not path.is_file():
                return ("vanished", "the file was moved or deleted while it was read")
            return ("again", result.error.reason)
        if sha256_or_none(path) != job.sha256:
            return ("vanished", "the file was moved or changed while it was read")
        return ("done", _as_json(result))
    except MemoryError:
        return ("limit", f"the file needs more memory than the limit allows ({memory_mb:,} MB)")


def declared_pages(path: Path) -> int:
    """Pages (or frames) the file says it has, for its deadline; 1 when it cannot say."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
        if b"%PDF-" in head:
            from pypdf import PdfReader

            return len(PdfReader(path, strict=False).pages)
        from PIL import Image

        with Image.open(path) as img:
            return getattr(img, "n_frames", 1)
    except Exception:  # the extractor gives the reason; this is only a deadline
        return 1


def _as_json(result: Any) -> dict[str, Any]:
    error = result.error
    return {
        "sha256": result.sha256,
        "source": result.source,
        "records": [r.to_json() for r in result.records],
        "error": {"reason": error.reason, "stage": error.stage} if error else None,
    }


class _Worker:
    """A `python -m flows.workers` process and the socket to it (a fresh interpreter: no
    threads or locks inherited from the batch, no main module imported again)."""

    def __init__(self, memory_mb: int) -> None:
        ours, theirs = socket.socketpair()
        self.conn = Connection(ours.detach())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "backtax.flows.workers", str(theirs.fileno()), str(memory_mb)],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,  # nothing a library prints about a file reaches a log
            stderr=subprocess.DEVNULL,
            env={**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")},
        )
        theirs.close()
        self.ready = False

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def exit_code(self) -> int | None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            return self.process.wait(timeout=5)
        return None

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        self.conn.close()


class WorkerPool:
    """Up to `size` workers; `read` blocks until one is free, then reads the file in it."""

    def __init__(self, size: int, limits: Limits) -> None:
        self.size, self.limits = size, limits
        self.slots = threading.BoundedSemaphore(size)
        self.lock = threading.Lock()
        self.idle: list[_Worker] = []
        self.busy: set[_Worker] = set()
        self.closed = threading.Event()
        self.peak_rss_kb = 0
        """The largest resident size a worker reached (from the kernel), for the figures."""
        self.last_seconds = 0.0
        """How long the last file took in its worker (a fresh worker's start not counted)."""

    def read(self, job: Job) -> dict[str, Any]:
        """The file's result as JSON-ready data. Outcomes that say nothing lasting about its
        bytes raise: LimitExceeded, FileVanished, ReadFailure, ExtractorBug, OcrMissing,
        Stopped."""
        with self.slots:
            worker = self._take()
            try:
                kind, value = self._run(worker, job)
            except BaseException:
                self._drop(worker)
                raise
            if kind == "limit":  # a MemoryError caught: the next file gets a fresh worker
                self._drop(worker)
            else:
                self._give(worker)
        if kind == "done":
            return value
        if kind == "limit":
            raise LimitExceeded(value)
        if kind == "vanished":
            raise FileVanished(value)
        if kind == "bug":
            raise ExtractorBug(value)
        if kind == "no_ocr":
            raise OcrMissing(value)
        raise ReadFailure(value)

    def _run(self, worker: _Worker, job: Job) -> tuple[str, Any]:
        started = time.monotonic()
        # a fresh interpreter's imports are not the file's time (a loaded machine: seconds)
        deadline = started + (self.limits.deadline(1) if worker.ready else STARTUP_SECONDS)
        try:
            worker.conn.send(job)
        except OSError:  # the worker died while idle (killed by hand, out of memory)
            raise self._died(worker) from None
        while True:
            if self.closed.is_set():
                raise Stopped("backtax was stopped while this file was read")
            try:
                ready = worker.conn.poll(_TICK)
            except (OSError, EOFError):
                ready = True
            if ready:
                try:
                    kind, value = worker.conn.recv()
                except (EOFError, OSError):
                    raise self._died(worker) from None
                if kind == "ready":
                    worker.ready = True
                    started = time.monotonic()  # the clock runs from the file, not the start
                    deadline = started + self.limits.deadline(1)
                    continue
                if kind != "pages":
                    self._note_memory(worker)
                    self.last_seconds = time.monotonic() - started
                    return kind, value
                deadline = started + self.limits.deadline(int(value))
            elif time.monotonic() > deadline:
                self._note_memory(worker)
                seconds = self.last_seconds = time.monotonic() - started
                raise LimitExceeded(
                    f"reading took longer than the time limit ({seconds:.0f} s; "
                    f"{self.limits.seconds_per_page:g} s a page, "
                    f"at most {self.limits.seconds_per_file:g} s a file)"
                )

    def _died(self, worker: _Worker) -> Exception:
        code = worker.exit_code()
        if self.closed.is_set():
            return Stopped("backtax was stopped while this file was read")
        how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
        return LimitExceeded(
            f"the reader stopped ({how}), most likely at the memory limit "
            f"({self.limits.memory_mb:,} MB)"
        )

    def _note_memory(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError, ValueError):
            for line in Path(f"/proc/{worker.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    self.peak_rss_kb = max(self.peak_rss_kb, int(line.split()[1]))

    def _take(self) -> _Worker:
        with self.lock:
            if self.closed.is_set():
                raise Stopped("backtax is stopping")
            while self.idle and not self.idle[-1].alive():
                self.idle.pop().kill()
            worker = self.idle.pop() if self.idle else _Worker(self.limits.memory_mb)
            self.busy.add(worker)
            return worker

    def _give(self, worker: _Worker) -> None:
        with self.lock:
            self.busy.discard(worker)
            if self.closed.is_set() or not worker.alive():
                worker.kill()
            else:
                self.idle.append(worker)

    def _drop(self, worker: _Worker) -> None:
        """A worker over a limit (or interrupted) is killed; the next job gets a fresh one."""
        with self.lock:
            self.busy.discard(worker)
        worker.kill()

    def close_idle(self) -> None:
        """Stop the idle workers (the next file starts a fresh one): their memory, grown
        over the files they read, goes back before the batch's report is printed."""
        with self.lock:
            idle, self.idle = self.idle, []
        for worker in idle:
            worker.kill()

    def close(self) -> None:
        """Kill every worker, busy ones too: whoever waits on one gets Stopped."""
        self.closed.set()
        with self.lock:
            workers = [*self.idle, *self.busy]
            self.idle.clear()
        for worker in workers:
            worker.kill()


def worker_cap(workers: int, limits: Limits) -> int:
    """Workers at once: as asked, and no more than the memory available has room for."""
    free = available_mb()
    if free is None:
        return max(1, workers)
    return max(1, min(workers, free // limits.memory_mb))


_pools: dict[tuple[int, Limits], WorkerPool] = {}
_pools_lock = threading.Lock()


def pool(size: int, limits: Limits) -> WorkerPool:
    """The process's pool for these limits (the watcher and every batch share it)."""
    with _pools_lock:
        key = (size, limits)
        found = _pools.get(key)
        if found is None or found.closed.is_set():
            found = _pools[key] = WorkerPool(size, limits)
        return found


def close_idle() -> None:
    """Stop the idle workers of every pool of this process (`WorkerPool.close_idle`)."""
    with _pools_lock:
        pools = list(_pools.values())
    for each in pools:
        each.close_idle()


def close_all() -> None:
    """Stop every worker of this process (SIGTERM, Ctrl-C, exit)."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for each in pools:
        each.close()


atexit.register(close_all)

if __name__ == "__main__":
    _worker_main(int(sys.argv[1]), int(sys.argv[2]))
