"""The watched inbox: every PDF or image dropped in is processed once completely written.

File events come from watchdog (inotify, FSEvents, ReadDirectoryChangesW), or from its
polling observer when `settings.watch_polling` is on: NFS and SMB shares send no events.
Events only say "look at this file"; a file is taken when `Settler` says it has stopped
changing, claimed into `processing/`, read by the document flow, then moved to
`processed/` or to `quarantine/` with its reason. Files already in the inbox at start
and files left in `processing/` by a process that died are processed first.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from flows.inbox import ClaimSession, Settler, is_candidate, safe_name
from flows.settings import Settings

Notify = Callable[[str, dict[str, Any]], None]
"""Told about each file handled: (masked source, outcome of the document flow)."""


class _Events(FileSystemEventHandler):
    """Queues every path that was created, written or renamed into the inbox."""

    def __init__(self, paths: queue.SimpleQueue[Path]) -> None:
        self.paths = paths

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("deleted", "opened", "closed_no_write"):
            return
        target = getattr(event, "dest_path", "") or event.src_path
        self.paths.put(Path(str(target)))


def check_inbox(settings: Settings) -> Path:
    """The inbox, created; refuses one that holds the home (outputs never go in the inbox)."""
    inbox = settings.inbox_dir
    inbox.mkdir(parents=True, exist_ok=True)
    if settings.home == inbox or settings.home.is_relative_to(inbox):
        raise ValueError(f"the backtax home {settings.home} must not be inside the inbox {inbox}")
    return inbox


class InboxWatcher:
    """Watches `settings.inbox_dir` until `stop` is set."""

    def __init__(self, settings: Settings, notify: Notify | None = None) -> None:
        self.settings = settings
        self.inbox = check_inbox(settings)
        self.notify = notify
        self.paths: queue.SimpleQueue[Path] = queue.SimpleQueue()
        self.settler = Settler(settings.settle_seconds)
        self.stop = threading.Event()

    def observer(self) -> BaseObserver:
        if self.settings.watch_polling:
            return PollingObserver(timeout=self.settings.poll_interval)
        return Observer()

    def run(self) -> None:
        """Process what is waiting, then every finished file as it arrives, until stopped."""
        observer = self.observer()
        observer.schedule(_Events(self.paths), str(self.inbox), recursive=True)
        observer.start()
        try:
            with ClaimSession(self.settings.home) as session:
                orphans = [(p, p.name) for p in session.take_over_orphans()]
                if orphans:
                    self.process(session, orphans)
                for path in sorted(self.inbox.rglob("*")):
                    if path.is_file():
                        self.paths.put(path)
                tick = min(0.5, self.settings.poll_interval)
                while not self.stop.wait(tick):
                    self.step(session)
        finally:
            observer.stop()
            observer.join()

    def step(self, session: ClaimSession) -> None:
        """Note the paths events named; claim and process those that have settled."""
        while not self.paths.empty():
            path = self.paths.get()
            if path.is_relative_to(self.inbox) and is_candidate(path):
                self.settler.note(path)
        claimed = []
        for path in self.settler.ready():
            source = safe_name(str(path.relative_to(self.inbox)))
            if (target := session.claim(path)) is not None:
                claimed.append((target, source))
        if claimed:
            self.process(session, claimed)

    def process(self, session: ClaimSession, claimed: list[tuple[Path, str]]) -> None:
        """Each file through the document flow and out of processing/; then one check."""
        from flows.batch import check_flow, document_flow

        doc_ids: list[str] = []
        for path, source in claimed:
            try:
                outcome = document_flow(path=str(path), source=source)
            except Exception as exc:  # a bug on one file: quarantine it, keep watching
                reason = f"internal error: {type(exc).__name__}: {exc}"
                outcome = {"doc_ids": [], "error": {"reason": reason, "stage": "extract"}}
            error = outcome["error"]
            session.finish(path, (error["reason"], error["stage"]) if error else None, source)
            doc_ids += outcome["doc_ids"]
            if self.notify:
                self.notify(source, outcome)
        if doc_ids:
            try:
                checked = check_flow(doc_ids)
            except Exception as exc:  # the documents are saved; the nightly batch re-checks
                checked = {"cases": [], "findings": [], "error": f"{type(exc).__name__}: {exc}"}
            if self.notify:
                self.notify("", {"checked": checked})
