"""The watched inbox: every PDF or image dropped in is processed once completely written.

File events come from watchdog (inotify, FSEvents, ReadDirectoryChangesW), or from its
polling observer when `settings.watch_polling` is on: NFS and SMB shares send no events.
Events only say "look at this file"; a file is taken when `Settler` says it has stopped
changing, claimed into `processing/`, read by the document flow, then moved to
`processed/` or to `quarantine/` with its reason, under the subfolders it had in the
inbox. Files already in the inbox at start and files left in `processing/` by a process
that died are processed first.

Files are read concurrently, as many as the worker cap (cores, and memory for each
worker's limit), in the order they were noticed; only as many are claimed as can
start, so a second watcher or a `backtax run` on the same inbox shares the work
through the same atomic claim. Nothing a file does stops the watcher: a vanished file
is reported and forgotten, a fault of the home (disk full, read-only, unwritable)
pauses the watcher with one message and it resumes by itself once writing works again.
"""

from __future__ import annotations

import errno
import queue
import sqlite3
import stat
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from backtax.flows import workers
from backtax.flows.inbox import (
    ClaimSession,
    Settler,
    check_inbox,
    claimed_refusal,
    is_candidate,
    safe_name,
)
from backtax.flows.purge import expire_originals
from backtax.flows.settings import Settings

Notify = Callable[[str, dict[str, Any]], None]
"""Told about each file handled: (masked source, outcome of the document flow); and with
an empty source about checks (`checked`) and pauses (`paused`, `resumed`)."""

PAUSE_SECONDS = 5.0
HOME_FAULTS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM)


def home_fault(exc: BaseException) -> str | None:
    """A sentence when `exc` says the home cannot be written (full, read-only, no access)."""
    if isinstance(exc, OSError) and exc.errno in HOME_FAULTS:
        return f"cannot write to the backtax home ({exc.strerror})"
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        if "disk is full" in text or "readonly" in text or "unable to open" in text:
            return f"cannot write to the results store ({exc})"
    return None


def waiting_files(inbox: Path) -> list[Path]:
    """The files already in the inbox, oldest first (the order they arrived in)."""
    found = []
    for path in inbox.rglob("*"):
        try:
            st = path.stat()
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            found.append((st.st_mtime_ns, str(path), path))
    return [path for *_, path in sorted(found)]


class _Events(FileSystemEventHandler):
    """Queues every path that was created, written or renamed into the inbox."""

    def __init__(self, paths: queue.SimpleQueue[Path]) -> None:
        self.paths = paths

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("deleted", "opened", "closed_no_write"):
            return
        target = getattr(event, "dest_path", "") or event.src_path
        self.paths.put(Path(str(target)))


class InboxWatcher:
    """Watches `settings.inbox_dir` until `stop` is set."""

    def __init__(self, settings: Settings, notify: Notify | None = None) -> None:
        self.settings = settings
        self.inbox = check_inbox(settings)
        self.notify = notify
        self.paths: queue.SimpleQueue[Path] = queue.SimpleQueue()
        self.settler = Settler(settings.settle_seconds, settings.stall_seconds)
        self.stop = threading.Event()
        self.cap = workers.worker_cap(settings.workers, settings.work_limits())
        self.running: dict[Future[tuple[str, Any]], tuple[Path, str]] = {}
        self.waiting: list[tuple[Path, str]] = []
        """Claimed files to (re)start: orphans, and files put back by a pause."""
        self.unfinished: list[tuple[Path, tuple[str, str] | None, str]] = []
        """Files read whose move out of processing/ failed (the home is full): retried."""
        self.paused: str | None = None
        self.resume_at = 0.0
        self.doc_ids: list[str] = []

    def observer(self) -> BaseObserver:
        if self.settings.watch_polling:
            return PollingObserver(timeout=self.settings.poll_interval)
        return Observer()

    def run(self) -> None:
        """Process what is waiting, then every finished file as it arrives, until stopped."""
        observer = self.observer()
        observer.schedule(_Events(self.paths), str(self.inbox), recursive=True)
        observer.start()
        pool = ThreadPoolExecutor(self.cap, thread_name_prefix="backtax-watch")
        try:
            expire_originals(self.settings.home, self.settings.retention_days)
            with ClaimSession(self.settings.home, inbox=self.inbox) as session:
                self.waiting += [(p, self._source(session, p)) for p in session.take_over_orphans()]
                for path in waiting_files(self.inbox):
                    self.paths.put(path)
                tick = min(0.5, self.settings.poll_interval)
                while not self.stop.is_set():
                    self.step(session, pool)
                    self.stop.wait(tick)
        finally:
            workers.close_all()  # files being read stay claimed: the next start takes them
            pool.shutdown(wait=True, cancel_futures=True)
            observer.stop()
            observer.join()

    @staticmethod
    def _source(session: ClaimSession, claimed: Path) -> str:
        return safe_name(str(claimed.relative_to(session.folder)))

    def step(self, session: ClaimSession, pool: ThreadPoolExecutor) -> None:
        """Settle finished reads; note the paths events named; start what has settled."""
        self._collect(session)
        if self.paused:
            if time.monotonic() < self.resume_at or not self._retry_unfinished(session):
                return
            self._say("", {"resumed": self.paused})
            self.paused = None
        while not self.paths.empty():
            path = self.paths.get()
            if path.is_relative_to(self.inbox) and is_candidate(path):
                self.settler.note(path)
        free = self.cap - len(self.running)
        while free > 0 and self.waiting:
            self._start(pool, *self.waiting.pop(0))
            free -= 1
        for path in self.settler.ready(limit=max(0, free)) if free > 0 else []:
            relative = str(path.relative_to(self.inbox))
            if (target := session.claim(path, relative)) is not None:
                self._start(pool, target, safe_name(relative))
        if not self.running and not self.waiting and self.doc_ids:
            self._check()

    def _start(self, pool: ThreadPoolExecutor, claimed: Path, source: str) -> None:
        self.running[pool.submit(self._read, claimed, source)] = (claimed, source)

    def _read(self, claimed: Path, source: str) -> tuple[str, Any]:
        """In a thread: the document flow over one claimed file (its work in a worker)."""
        from backtax.flows.batch import document_flow

        refused = claimed_refusal(claimed, self.settings.follow_links)
        if refused:
            return "done", {"doc_ids": [], "error": {"reason": refused, "stage": "refused"}}
        try:
            return "done", document_flow(path=str(claimed), source=source)
        except workers.Stopped:
            return "left", None
        except Exception as exc:  # a fault of the home, or a bug on one file: never the end
            if self.stop.is_set():
                return "left", None
            if fault := home_fault(exc):
                return "pause", fault
            reason = safe_name(f"internal error: {type(exc).__name__}: {exc}")
            return "done", {"doc_ids": [], "error": {"reason": reason, "stage": "extract"}}

    def _collect(self, session: ClaimSession) -> None:
        for future in [f for f in self.running if f.done()]:
            claimed, source = self.running.pop(future)
            kind, value = future.result()
            if kind == "pause":
                self.waiting.insert(0, (claimed, source))
                self._pause(value)
            elif kind == "done":
                self._finish(session, claimed, source, value)

    def _finish(
        self, session: ClaimSession, claimed: Path, source: str, outcome: dict[str, Any]
    ) -> None:
        error = outcome["error"]
        self.doc_ids += outcome["doc_ids"]
        if error and error["stage"] == "vanished":
            self._say(source, outcome)
            return
        pair = (error["reason"], error["stage"]) if error else None
        try:
            session.finish(claimed, pair, source)
        except FileNotFoundError:
            outcome = {**outcome, "error": {"reason": "the file vanished", "stage": "vanished"}}
        except OSError as exc:
            self.unfinished.append((claimed, pair, source))
            self._pause(home_fault(exc) or f"cannot move the file out ({exc.strerror})")
            return
        self._say(source, outcome)

    def _retry_unfinished(self, session: ClaimSession) -> bool:
        """Move out the files a fault left behind; False (still paused) while it lasts."""
        while self.unfinished:
            claimed, pair, source = self.unfinished[0]
            try:
                session.finish(claimed, pair, source)
            except FileNotFoundError:
                pass
            except OSError as exc:
                self._pause(home_fault(exc) or f"cannot move the file out ({exc.strerror})")
                return False
            self.unfinished.pop(0)
            error = {"reason": pair[0], "stage": pair[1]} if pair else None
            self._say(source, {"doc_ids": [], "error": error})
        return True

    def _pause(self, reason: str) -> None:
        if self.paused is None:
            self._say("", {"paused": reason, "retry_seconds": PAUSE_SECONDS})
        self.paused = reason
        self.resume_at = time.monotonic() + PAUSE_SECONDS

    def _check(self) -> None:
        from backtax.flows.batch import check_flow

        doc_ids, self.doc_ids = self.doc_ids, []
        try:
            checked = check_flow(doc_ids)
        except Exception as exc:  # the documents are saved; the nightly batch re-checks
            error = safe_name(f"{type(exc).__name__}: {exc}")  # a message may name a file
            checked = {"cases": [], "findings": [], "error": error}
        self._say("", {"checked": checked})

    def _say(self, source: str, outcome: dict[str, Any]) -> None:
        if self.notify:
            self.notify(source, outcome)
