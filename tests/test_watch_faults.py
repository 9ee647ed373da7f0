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
from clocks import Clock

from backtax.flows import batch
from backtax.flows.faults import explain
from backtax.flows.inbox import ClaimSession, Settler
from backtax.flows.purge import expire_originals
from backtax.flows.settings import Settings
from backtax.flows.watch import InboxWatcher

ROOT = Path(__file__).resolve().parents[1]


def wait_for(condition: Any, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_files_are_read_two_at_once_in_the_order_they_arrived(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five files, two workers: each read holds until the test lets it end, so the first two
    run together, no third starts beside them, and each slot freed (one at a time) takes
    the file that arrived next. Nothing depends on which thread is quicker, nor on a sleep:
    the watcher's steps are counted."""
    started: list[str] = []
    running, peak, lock = [0], [0], threading.Lock()
    gates: dict[str, threading.Event] = {}

    def held_flow(path: str, source: str) -> dict[str, Any]:
        with lock:
            started.append(source)
            running[0] += 1
            peak[0] = max(peak[0], running[0])
            gate = gates.setdefault(source, threading.Event())
        gate.wait(timeout=120)
        with lock:
            running[0] -= 1
        return {"sha256": None, "doc_ids": [], "error": None}

    def release(source: str) -> None:
        with lock:
            gates.setdefault(source, threading.Event()).set()

    monkeypatch.setattr(batch, "document_flow", held_flow)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settings = Settings.load(tmp_path / "home", inbox=inbox, settle_seconds=0.2, workers=2)
    watcher = InboxWatcher(settings)
    assert watcher.cap == 2
    steps, step = [0], watcher.step

    def counted(*args: Any) -> None:
        step(*args)
        steps[0] += 1

    watcher.step = counted  # type: ignore[method-assign]
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    names = ["z_first.pdf", "a_second.pdf", "m_third.pdf", "b_fourth.pdf", "c_fifth.pdf"]
    try:
        (inbox / names[0]).write_bytes(b"%PDF-1.4\n%%EOF\n")
        wait_for(lambda: started == names[:1])  # the watcher is watching
        for name in names[1:]:  # arrival order differs from name order
            (inbox / name).write_bytes(b"%PDF-1.4\n%%EOF\n")
            time.sleep(0.05)
        wait_for(lambda: len(started) >= 2)

        def noticed() -> set[str]:
            return {p.name for p in watcher.settler.seen.copy()}

        wait_for(lambda: set(names[2:]) <= noticed() or len(watcher.running) > 2)
        noted = steps[0]  # the other three noted: two steps on (a 0.5 s tick before each),
        wait_for(lambda: steps[0] >= noted + 3)  # past their settle time, a third would start
        assert len(watcher.running) == 2 and started == names[:2] and peak[0] == 2
        for n in range(3):  # one slot freed at a time: the file that came next takes it
            release(started[n])
            wait_for(lambda n=n: len(started) == 3 + n)
        assert started == names
    finally:
        for name in names:
            release(name)
        watcher.stop.set()
        thread.join(timeout=30)
    assert peak[0] == 2


def test_a_claimed_file_that_vanishes_is_reported_and_the_watcher_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def gone(path: str, source: str) -> dict[str, Any]:
        os.unlink(path)  # deleted from processing/ while it was read
        return {"sha256": None, "doc_ids": [], "error": {"reason": "gone", "stage": "vanished"}}

    monkeypatch.setattr(batch, "document_flow", gone)
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
    clock = Clock()
    settler = Settler(settle_seconds=0.2, stall_seconds=1.5, clock=clock)
    settler.note(path)
    clock.now += 0.5
    assert settler.ready() == []  # unchanged, but not finished: left
    with path.open("ab") as fh:
        fh.write(b"\nendobj\n%%EOF\n")
    settler.note(path)
    clock.now += 0.3
    assert settler.ready() == [path]


def test_a_copy_that_never_completes_is_taken_after_the_stall_limit(tmp_path: Path) -> None:
    path = tmp_path / "w2.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj")
    clock = Clock()
    settler = Settler(settle_seconds=0.1, stall_seconds=0.5, clock=clock)
    settler.note(path)
    clock.now += 0.3
    assert settler.ready() == []
    clock.now += 0.2  # 0.5 s unchanged: the settle time and not all of the stall limit
    assert settler.ready() == []
    clock.now += 0.3
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
        [sys.executable, "-m", "backtax.flows", *args], capture_output=True, text=True, cwd=ROOT,
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
@pytest.mark.parametrize(
    ("fault", "says"),
    [
        ("head -c 1000000 /dev/zero > {m}/fill 2>/dev/null; true", "error the disk is full"),
        ("mount -o remount,ro {m}", "error cannot write at {m}/home"),
    ],
)
def test_a_full_or_read_only_home_is_one_sentence_and_exit_2(
    tmp_path: Path, fault: str, says: str
) -> None:
    """The home on a tmpfs of 64 KB, filled or made read-only: `run` stops before Prefect
    starts, with one line naming the problem and what to do."""
    mount = tmp_path / "small"
    mount.mkdir()
    (tmp_path / "in").mkdir()
    script = (
        f"mount -t tmpfs -o size=64k tmpfs {mount} && mkdir {mount}/home && "
        f"({fault.format(m=mount)}) && "
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
    assert line.startswith(says.format(m=mount)), line
    assert "free some space" in line or "(Read-only file system): check" in line


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


class Watching:
    """A watcher over `inbox` in a thread, its document flow a stand-in that records what
    it was given (and the bytes it found), until the block ends."""

    def __init__(self, settings: Settings, monkeypatch: pytest.MonkeyPatch, flow: Any = None):
        self.calls: list[tuple[str, bytes]] = []
        self.said: list[tuple[str, dict[str, Any]]] = []

        def record(path: str, source: str) -> dict[str, Any]:
            self.calls.append((source, Path(path).read_bytes()))
            return {"sha256": None, "doc_ids": [], "error": None}

        monkeypatch.setattr(batch, "document_flow", flow or record)
        self.watcher = InboxWatcher(settings, notify=lambda s, o: self.said.append((s, o)))
        self.thread = threading.Thread(target=self.watcher.run, daemon=True)

    def __enter__(self) -> Watching:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.watcher.stop.set()
        self.thread.join(timeout=30)

    def outcomes(self) -> dict[str, dict[str, Any]]:
        return {s: o for s, o in self.said if s}


PDF = b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%%EOF\n"


def test_an_unwritable_home_pauses_the_watcher_which_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store read-only, then the home: each pause is one message, the file waits
    claimed, and once writing works it is read (once) and moved out."""
    import errno
    import sqlite3

    from backtax.flows import watch

    monkeypatch.setattr(watch, "PAUSE_SECONDS", 0.5)
    faults = [
        OSError(errno.EROFS, "Read-only file system"),
        sqlite3.OperationalError("attempt to write a readonly database"),
    ]
    done: list[str] = []

    def flaky(path: str, source: str) -> dict[str, Any]:
        if faults:
            raise faults.pop(0)
        done.append(source)
        return {"sha256": None, "doc_ids": [], "error": None}

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settings = Settings.load(tmp_path / "home", inbox=inbox, settle_seconds=0.2)
    with Watching(settings, monkeypatch, flaky) as watching:
        (inbox / "w2.pdf").write_bytes(PDF)
        wait_for(lambda: watching.outcomes())
        assert watching.thread.is_alive()
    events = [o for s, o in watching.said if not s]
    paused = [o["paused"] for o in events if "paused" in o]
    assert paused == [
        "cannot write to the backtax home (Read-only file system)",
        "cannot write to the results store (attempt to write a readonly database)",
    ]
    assert sum("resumed" in o for o in events) == 2
    assert done == ["w2.pdf"] and watching.outcomes()["w2.pdf"]["error"] is None
    assert (tmp_path / "home" / "processed" / "w2.pdf").read_bytes() == PDF


def test_a_copy_that_stalls_past_the_settle_time_is_read_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer stops for four settle times half-way (no %%EOF yet), then finishes:
    the watcher leaves the file until then and reads it whole, once."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settings = Settings.load(tmp_path / "home", inbox=inbox, settle_seconds=0.3, stall_seconds=60)
    with Watching(settings, monkeypatch) as watching:
        with (inbox / "w2.pdf").open("wb") as fh:
            fh.write(PDF[:12])
            fh.flush()
            time.sleep(1.2)
            assert watching.calls == []  # unchanged past the settle time, not finished: left
            fh.write(PDF[12:])
        wait_for(lambda: watching.calls)
        time.sleep(0.5)
    assert watching.calls == [("w2.pdf", PDF)]


def test_run_and_watch_on_one_inbox_claim_each_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`backtax run` over a watched inbox takes its files as the watcher does (the same
    atomic claim, `inbox_jobs`): 30 files dropped at once, each read once, neither fails.
    The watcher's reads hold until `run` has claimed, so both take some however fast
    either is (the watcher claims only as many as it has workers free)."""
    inbox, home = tmp_path / "inbox", tmp_path / "home"
    inbox.mkdir()
    settings = Settings.load(home, inbox=inbox, settle_seconds=0.2, workers=2)
    names = [f"w2_{n:02d}.pdf" for n in range(30)]
    read: list[str] = []
    run_claimed = threading.Event()

    def held(path: str, source: str) -> dict[str, Any]:
        run_claimed.wait(timeout=120)
        read.append(source)
        return {"sha256": None, "doc_ids": [], "error": None}

    with Watching(settings, monkeypatch, held) as watching:
        for name in names:
            (inbox / name).write_bytes(PDF + name.encode())
        wait_for(lambda: watching.watcher.running)  # the watcher has claimed
        try:
            with ClaimSession(home) as session:
                jobs = batch.inbox_jobs(settings, session, inbox)
                for job in jobs:
                    session.finish(job.path, None, job.source)
        finally:
            run_claimed.set()
        wait_for(lambda: not any(inbox.iterdir()) and not watching.watcher.running)
    by_watch = read
    by_run = [job.source for job in jobs]
    assert sorted(by_watch + by_run) == names  # every file, once
    assert by_run and by_watch  # both took some
    assert sorted(p.name for p in (home / "processed").iterdir()) == names


@pytest.mark.parametrize("follow", [False, True])
def test_links_in_the_inbox_are_refused_unless_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, follow: bool
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(PDF + b"secret")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settings = Settings.load(
        tmp_path / "home", inbox=inbox, settle_seconds=0.2, follow_links=follow
    )
    with Watching(settings, monkeypatch) as watching:
        (inbox / "soft.pdf").symlink_to(outside / "secret.pdf")
        os.link(outside / "secret.pdf", inbox / "hard.pdf")
        wait_for(lambda: len(watching.outcomes()) == 2)
    outcomes = watching.outcomes()
    if follow:
        assert sorted(watching.calls) == [
            ("hard.pdf", PDF + b"secret"),
            ("soft.pdf", PDF + b"secret"),
        ]
        assert all(o["error"] is None for o in outcomes.values())
        return
    assert watching.calls == []  # never read
    assert "symbolic link" in outcomes["soft.pdf"]["error"]["reason"]
    assert "hard link" in outcomes["hard.pdf"]["error"]["reason"]
    quarantined = tmp_path / "home" / "quarantine"
    assert (quarantined / "soft.pdf").is_symlink()  # the link moved, its target not copied
    assert {p.name for p in quarantined.iterdir()} >= {
        "soft.pdf.reason.json",
        "hard.pdf.reason.json",
    }


def test_follow_links_lets_run_read_links_out_of_its_folder(tmp_path: Path) -> None:
    from backtax.flows.inbox import list_inputs

    (tmp_path / "secret.pdf").write_bytes(PDF)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "soft.pdf").symlink_to(tmp_path / "secret.pdf")
    os.link(tmp_path / "secret.pdf", folder / "hard.pdf")
    refused = dict(list_inputs(folder))
    assert all(refused[folder / n] for n in ("soft.pdf", "hard.pdf"))
    assert dict(list_inputs(folder, follow_links=True)) == {
        folder / "hard.pdf": None, folder / "soft.pdf": None,
    }  # fmt: skip


def test_files_waiting_at_start_are_read_oldest_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    names = ["z_oldest.pdf", "a_middle.pdf", "m_newest.pdf"]
    for age, name in zip((300, 200, 100), names, strict=True):
        (inbox / name).write_bytes(PDF)
        os.utime(inbox / name, (time.time() - age,) * 2)
    settings = Settings.load(tmp_path / "home", inbox=inbox, settle_seconds=0.2, workers=1)
    with Watching(settings, monkeypatch) as watching:
        wait_for(lambda: len(watching.calls) == 3)
    assert [source for source, _ in watching.calls] == names


def test_purge_of_one_tax_year_leaves_the_taxpayers_other_years(tmp_path: Path) -> None:
    """Two W-2s of one taxpayer, 2023 and 2022 (one record put in as each): purging 2023
    removes its document, file row, cached result and kept original, and nothing of 2022."""
    import hashlib
    import sqlite3

    from typer.testing import CliRunner

    from backtax.extractors.pipeline import extract_file
    from backtax.flows.cli import app
    from backtax.flows.store import Store

    home = tmp_path / "home"
    for folder in ("processed", "prefect/results"):
        (home / folder).mkdir(parents=True)
    [record] = [
        r.to_json()
        for r in extract_file(ROOT / "sample_docs/cases/unreported_wages_2023/w2_acme.pdf").records
    ]
    last4 = record["recipient_tin_last4"]
    with Store(home / "backtax.sqlite") as store:
        for year in (2023, 2022):
            data = b"%%PDF-1.4 the W-2 of %d\n%%%%EOF\n" % year
            sha = hashlib.sha256(data).hexdigest()
            one = {**record, "tax_year": year, "sha256": sha, "source": f"w2_{year}.pdf"}
            store.save_result({"sha256": sha, "source": f"w2_{year}.pdf", "records": [one]})
            (home / "processed" / f"w2_{year}.pdf").write_bytes(data)
            (home / "prefect" / "results" / f"extract-{sha}-v1").write_text("{}")
    done = CliRunner().invoke(
        app, ["purge", "--taxpayer", last4, "--year", "2023", "--home", str(home)]
    )
    assert done.exit_code == 0, done.output
    said = " ".join(done.stdout.split())
    assert f"purged taxpayer ...{last4}, tax year 2023: 1 document(s) from 1 file(s), " \
        "1 cached result(s), 1 kept original(s)" in said  # fmt: skip
    with sqlite3.connect(home / "backtax.sqlite") as db:
        left = db.execute("SELECT tax_year, source FROM documents").fetchall()
        files = db.execute("SELECT source FROM files").fetchall()
    assert left == [(2022, "w2_2022.pdf")] and files == [("w2_2022.pdf",)]
    assert [p.name for p in (home / "processed").iterdir()] == ["w2_2022.pdf"]
    assert len(list((home / "prefect" / "results").iterdir())) == 1


def test_an_internal_error_is_that_files_quarantine_its_message_masked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug on one file (its message naming a path with an SSN in it): the file is
    quarantined with the message masked and escaped, and the next file is read."""

    def buggy(path: str, source: str) -> dict[str, Any]:
        if source == "one.pdf":
            raise RuntimeError("cannot parse /in/client 900-12-3456/one.pdf\nerror forged")
        return {"sha256": None, "doc_ids": [], "error": None}

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settings = Settings.load(tmp_path / "home", inbox=inbox, settle_seconds=0.2)
    with Watching(settings, monkeypatch, buggy) as watching:
        (inbox / "one.pdf").write_bytes(PDF)
        wait_for(lambda: "one.pdf" in watching.outcomes())
        (inbox / "two.pdf").write_bytes(PDF)
        wait_for(lambda: "two.pdf" in watching.outcomes())
    reason = watching.outcomes()["one.pdf"]["error"]["reason"]
    assert reason == (
        "internal error: RuntimeError: cannot parse /in/client XXX-XX-3456/one.pdf\\x0aerror forged"
    )
    assert watching.outcomes()["two.pdf"]["error"] is None
    assert (tmp_path / "home" / "quarantine" / "one.pdf.reason.json").is_file()
