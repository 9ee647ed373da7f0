"""The watcher and the home under faults, without Prefect: the document flow is replaced by
a stand-in that records when each file started, so order and concurrency can be seen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import flows.batch
from flows.faults import explain
from flows.inbox import ClaimSession, Settler
from flows.purge import expire_originals
from flows.settings import Settings
from flows.watch import InboxWatcher

ROOT = Path(__file__).resolve().parents[1]


def wait_for(condition: Any, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_files_are_read_two_at_once_in_the_order_they_arrived(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[str] = []
    running, peak, lock = [0], [0], threading.Lock()

    def slow_flow(path: str, source: str) -> dict[str, Any]:
        with lock:
            started.append(source)
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.8)
        with lock:
            running[0] -= 1
        return {"sha256": None, "doc_ids": [], "error": None}

    monkeypatch.setattr(flows.batch, "document_flow", slow_flow)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settings = Settings.load(tmp_path / "home", inbox=inbox, settle_seconds=0.2, workers=2)
    watcher = InboxWatcher(settings)
    assert watcher.cap == 2
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    try:
        names = ["z_first.pdf", "a_second.pdf", "m_third.pdf", "b_fourth.pdf", "c_fifth.pdf"]
        for name in names:  # arrival order differs from name order
            (inbox / name).write_bytes(b"%PDF-1.4\n%%EOF\n")
            time.sleep(0.3)
        wait_for(lambda: len(started) == len(names) and running[0] == 0)
    finally:
        watcher.stop.set()
        thread.join(timeout=30)
    assert started == names
    assert peak[0] == 2


def test_a_claimed_file_that_vanishes_is_reported_and_the_watcher_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def gone(path: str, source: str) -> dict[str, Any]:
        os.unlink(path)  # deleted from processing/ while it was read
        return {"sha256": None, "doc_ids": [], "error": {"reason": "gone", "stage": "vanished"}}

    monkeypatch.setattr(flows.batch, "document_flow", gone)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    said: list[tuple[str, dict[str, Any]]] = []
    watcher = InboxWatcher(
        Settings.load(tmp_path / "home", inbox=inbox, settle_seconds=0.2),
        notify=lambda s, o: said.append((s, o)),
    )
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    try:
        (inbox / "one.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
        wait_for(lambda: said)
        (inbox / "two.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
        wait_for(lambda: len(said) == 2)
        assert thread.is_alive()
    finally:
        watcher.stop.set()
        thread.join(timeout=30)
    assert [(s, o["error"]["stage"]) for s, o in said] == [
        ("one.pdf", "vanished"), ("two.pdf", "vanished"),
    ]  # fmt: skip


def test_a_stalled_copy_waits_until_it_is_complete(tmp_path: Path) -> None:
    path = tmp_path / "w2.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj")  # the writer paused longer than the settle time
    settler = Settler(settle_seconds=0.2, stall_seconds=1.5)
    settler.note(path)
    time.sleep(0.5)
    assert settler.ready() == []  # unchanged, but not finished: left
    with path.open("ab") as fh:
        fh.write(b"\nendobj\n%%EOF\n")
    settler.note(path)
    time.sleep(0.3)
    assert settler.ready() == [path]


def test_a_copy_that_never_completes_is_taken_after_the_stall_limit(tmp_path: Path) -> None:
    path = tmp_path / "w2.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj")
    settler = Settler(settle_seconds=0.1, stall_seconds=0.5)
    settler.note(path)
    time.sleep(0.3)
    assert settler.ready() == []
    time.sleep(0.5)
    assert settler.ready() == [path]


def test_a_session_keeps_the_subfolders_of_its_files(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "clientA" / "2023").mkdir(parents=True)
    (inbox / "clientA" / "2023" / "w2.pdf").write_bytes(b"x")
    with ClaimSession(tmp_path / "home") as session:
        claimed = session.claim(inbox / "clientA" / "2023" / "w2.pdf", "clientA/2023/w2.pdf")
        assert claimed is not None
        moved = session.finish(claimed, None, "clientA/2023/w2.pdf")
    assert moved == tmp_path / "home" / "processed" / "clientA" / "2023" / "w2.pdf"
    assert list((tmp_path / "home" / "processing").iterdir()) == []


def test_kept_originals_older_than_the_retention_are_removed(tmp_path: Path) -> None:
    old, new = tmp_path / "processed" / "a" / "old.pdf", tmp_path / "quarantine" / "new.pdf"
    for path in (old, new):
        path.parent.mkdir(parents=True)
        path.write_bytes(b"x")
    os.utime(old, (time.time() - 40 * 86400,) * 2)
    assert expire_originals(tmp_path, None) == 0
    assert expire_originals(tmp_path, 30) == 1
    assert not old.exists() and new.exists()


def backtax(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flows", *args], capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, **(env or {})}, timeout=300, check=False,
    )  # fmt: skip


def test_a_corrupt_store_is_one_sentence_and_exit_3(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "backtax.sqlite").write_bytes(b"this is not a database" * 100)
    done = backtax("export", "--home", str(home))
    assert done.returncode == 3, done.stderr
    assert done.stderr.strip().splitlines() == [
        "error the results store is corrupt (file is not a database): move backtax.sqlite "
        "aside to start a new one, or put a backup in its place"
    ]


@pytest.mark.skipif(not shutil.which("unshare"), reason="needs unshare -m")
def test_a_full_home_is_one_sentence_and_exit_2(tmp_path: Path) -> None:
    """The home on a tmpfs of 64 KB, filled: `run` stops before Prefect starts."""
    mount = tmp_path / "small"
    mount.mkdir()
    (tmp_path / "in").mkdir()
    script = (
        f"mount -t tmpfs -o size=64k tmpfs {mount} && mkdir {mount}/home && "
        f"(head -c 1000000 /dev/zero > {mount}/fill 2>/dev/null; true) && "
        f"{sys.executable} -m flows run {tmp_path / 'in'} --home {mount / 'home'}"
    )
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, cwd=ROOT,
        timeout=300, check=False,
    )  # fmt: skip
    if "mount:" in done.stderr:
        pytest.skip("cannot mount a tmpfs here")
    assert done.returncode == 2, done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("error the disk is full") and "free some space" in line


def test_faults_of_the_home_have_sentences() -> None:
    import errno
    import sqlite3

    full = explain(OSError(errno.ENOSPC, "No space left on device", "/h/backtax.sqlite"))
    assert full is not None and full.status == 2
    assert "disk is full at /h/backtax.sqlite" in str(full)
    denied = explain(OSError(errno.EROFS, "Read-only file system", "/h"))
    assert denied is not None and "cannot write at /h (Read-only file system)" in str(denied)
    store = explain(sqlite3.DatabaseError("database disk image is malformed"))
    assert store is not None and store.status == 3
    assert explain(ValueError("a bug")) is None
