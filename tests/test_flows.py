"""End to end through the real Prefect flows, in an isolated backtax and Prefect home.

One Prefect harness (the ephemeral server, about 10 s to start) serves the whole module.
Expected values come from the sample generators (`*.expected.json`,
`expected_findings.json`), never from the extractor's output.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backtax.flows import home_server, prefect_env, server_keeper
from backtax.flows.cli import app
from backtax.flows.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_docs"
CASE = SAMPLES / "cases" / "unreported_wages_2023"
SSN_NAMED = SAMPLES / "w2" / "w2_two_employers_900-12-3456.pdf"
SCAN = SAMPLES / "w2" / "scans" / "irs_2023_fillable_copyb_robert_initech_scan.png"
W2 = SAMPLES / "w2" / "irs_2024_fillable_jane_acme.pdf"
CORRUPT = SAMPLES / "bad" / "not_a_pdf.pdf"
AS_OF = json.loads((CASE / "expected_findings.json").read_text())["as_of"]


def expected(sample: Path) -> list[dict[str, Any]]:
    return json.loads(sample.with_name(sample.stem + ".expected.json").read_text())


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): sha(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def query(home: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(home / "backtax.sqlite") as db:
        return db.execute(sql, args).fetchall()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An isolated home with Prefect configured under it, for the module; env restored after."""
    saved = dict(os.environ)
    path = tmp_path_factory.mktemp("flows") / "home"
    prefect_env.configure(Settings.load(path))
    yield path
    home_server.stop(Settings.load(path))
    os.environ.clear()
    os.environ.update(saved)
    prefect_env.refresh()


@pytest.fixture(scope="module")
def batch_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch_in")
    for path in [*CASE.glob("*.pdf"), SSN_NAMED, SCAN, CORRUPT]:
        shutil.copy2(path, folder / path.name)
    return folder


def run_batch(home: Path, folder: Path) -> Any:
    return CliRunner().invoke(
        app, ["run", str(folder), "--home", str(home), "--as-of", AS_OF, "--json"]
    )


@pytest.fixture(scope="module")
def first_run(home: Path, batch_folder: Path) -> dict[str, Any]:
    before = snapshot(batch_folder)
    result = run_batch(home, batch_folder)
    summary = json.loads(result.stdout)
    return {"exit": result.exit_code, "summary": summary, "before": before}


def test_batch_reads_every_file_and_exits_3_for_the_unreadable_one(
    first_run: dict[str, Any], home: Path
) -> None:
    assert first_run["exit"] == 3
    summary = first_run["summary"]
    assert summary["files"] == 7 and summary["errors"] == 1
    statuses = dict(query(home, "SELECT source, status FROM files"))
    assert len(statuses) == 7
    assert [s for s, st in statuses.items() if st == "error"] == [
        next(s for s in statuses if s.endswith("not_a_pdf.pdf"))
    ]


def test_batch_documents_carry_the_generated_values(first_run: dict[str, Any], home: Path) -> None:
    rows = query(home, "SELECT sha256, doc_type, payer_tin, recipient_tin_last4 FROM documents")
    stored = {(r[0], r[1], r[2], r[3]) for r in rows}
    for sample in (SSN_NAMED, SCAN):
        for doc in expected(sample):
            assert (sha(sample), doc["doc_type"], doc["payer_tin"], doc["recipient_tin_last4"]) in (
                stored
            )
    method = query(home, "SELECT method FROM documents WHERE sha256=?", sha(SCAN))
    assert method == [("ocr",)]


def test_batch_finds_the_seeded_case_finding(first_run: dict[str, Any], home: Path) -> None:
    seeded = json.loads((CASE / "expected_findings.json").read_text())["findings"]
    want = next(f for f in seeded if f["rule"] == "UNREPORTED_INCOME")
    found = query(home, "SELECT case_id, amount FROM findings WHERE rule='UNREPORTED_INCOME'")
    assert (want["case_id"], want["amount"]) in found
    report = Path(first_run["summary"]["report"])
    text = (report / "summary.md").read_text()
    assert want["case_id"] in text and "UNREPORTED_INCOME" in text
    assert (report / "summary.html").is_file() and (report / "findings.csv").is_file()


def test_run_leaves_its_folder_as_it_was_and_copies_the_unreadable(
    first_run: dict[str, Any], home: Path, batch_folder: Path
) -> None:
    assert snapshot(batch_folder) == first_run["before"]
    reason = json.loads((home / "quarantine" / "not_a_pdf.pdf.reason.json").read_text())
    assert set(reason) == {"source", "reason", "stage", "time"}
    assert reason["source"].endswith("not_a_pdf.pdf") and reason["stage"]
    assert sha(home / "quarantine" / "not_a_pdf.pdf") == sha(CORRUPT)


def test_batch_publishes_prefect_artifacts(first_run: dict[str, Any]) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["backtax-batch"]))
        )
    assert any(first_run["summary"]["batch_id"] in (a.data or "") for a in found)


def test_batch_artifacts_hold_the_errors_and_link_the_reports(first_run: dict[str, Any]) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    keys = ["backtax-batch-errors", "backtax-batch-report"]
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=keys))
        )
    data = {a.key: str(a.data) for a in found}
    assert "not_a_pdf.pdf" in data["backtax-batch-errors"]
    report = Path(first_run["summary"]["report"]) / "summary.html"
    assert report.as_uri() in data["backtax-batch-report"] and report.is_file()


def test_no_full_ssn_is_written_anywhere_in_the_home(first_run: dict[str, Any], home: Path) -> None:
    for path in home.rglob("*"):
        assert "900-12-3456" not in path.name
        if path.is_file() and path.suffix not in {".pdf", ".png"}:
            data = path.read_bytes()
            assert b"900-12-3456" not in data and b"900123456" not in data, path


def test_a_second_run_reads_every_document_from_the_cache(
    first_run: dict[str, Any], home: Path, batch_folder: Path
) -> None:
    stamps = dict(query(home, "SELECT sha256, extracted_at FROM files WHERE status='ok'"))
    count = query(home, "SELECT COUNT(*) FROM documents")
    assert run_batch(home, batch_folder).exit_code == 3
    assert dict(query(home, "SELECT sha256, extracted_at FROM files WHERE status='ok'")) == stamps
    assert query(home, "SELECT COUNT(*) FROM documents") == count
    assert set(query(home, "SELECT times_seen FROM files")) == {(2,)}
    assert sorted(p.name for p in (home / "quarantine").iterdir()) == [
        "not_a_pdf.pdf", "not_a_pdf.pdf.reason.json",
    ]  # fmt: skip


def kept_server(home: Path) -> dict[str, Any]:
    return json.loads((home / "prefect" / server_keeper.STATE).read_text())


def test_runs_share_one_prefect_server_kept_under_the_home(
    first_run: dict[str, Any], home: Path, batch_folder: Path
) -> None:
    before = kept_server(home)
    assert prefect_env.server_healthy(before["api_url"])
    os.environ.pop("PREFECT_API_URL")  # as a new shell: found through the home, not inherited
    assert run_batch(home, batch_folder).exit_code == 3
    assert kept_server(home) == before and os.environ["PREFECT_API_URL"] == before["api_url"]


def test_with_one_worker_the_next_file_already_waits_at_it_while_one_is_read(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With one worker, a second file's task is already waiting at the worker while the
    first is read: the worker goes on to it at once instead of waiting for Prefect to
    record the first task's end (result, states) before the next task starts."""
    from backtax.flows import tasks

    folder = tmp_path / "queued"
    folder.mkdir()
    for i in range(3):  # bytes of their own: none is in the extraction cache
        (folder / f"w2_{i}.pdf").write_bytes(W2.read_bytes() + f"\n%queued-{i}\n".encode())
    lock, at_worker, most = threading.Lock(), [0], [0]
    second = threading.Event()

    class OneWorker:
        def read(self, job: Any) -> dict[str, Any]:
            with lock:
                at_worker[0] += 1
                most[0] = max(most[0], at_worker[0])
                if at_worker[0] == 2:
                    second.set()
            if not second.wait(timeout=120.0):  # read until the next file is at the worker too
                second.set()  # it never came: the files after this one need not wait
            with lock:
                at_worker[0] -= 1
            return {"sha256": job.sha256, "source": job.source, "records": [], "error": None}

    monkeypatch.setattr(tasks, "pool", lambda size, limits: OneWorker())
    monkeypatch.setenv("BACKTAX_WORKERS", "1")
    summary = json.loads(run_batch(home, folder).stdout)
    assert summary["files"] == 3 and summary["errors"] == 0
    assert most[0] == 2


def test_a_correction_survives_the_next_run_and_shows_as_corrected(
    first_run: dict[str, Any], home: Path, batch_folder: Path
) -> None:
    [(doc,)] = query(home, "SELECT doc_id FROM documents WHERE sha256=?", sha(SCAN))
    runner = CliRunner()
    fixed = runner.invoke(
        app,
        ["correct", doc[:12], "box1_wages", "85,300.00", "--why", "employer letter",
         "--who", "ann", "--home", str(home)],
    )  # fmt: skip
    assert fixed.exit_code == 0, fixed.output
    result = run_batch(home, batch_folder)
    report = Path(json.loads(result.stdout)["report"])
    assert "box1_wages by ann" in (report / "summary.md").read_text()
    exported = runner.invoke(app, ["export", "--home", str(home), "--output", str(home / "x")])
    assert exported.exit_code == 0
    fields = (home / "x" / "fields.csv").read_text()
    assert "85300.00" in fields and "employer letter" in fields


# the watcher


def wait_for(condition: Callable[[], bool], timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.2)


@pytest.fixture
def watcher(home: Path, tmp_path: Path) -> Iterator[Any]:
    """A running watcher on a fresh inbox (events, settle 1 s), stopped after the test."""
    from backtax.flows.watch import InboxWatcher

    settings = Settings.load(home, inbox=tmp_path / "inbox", settle_seconds=1.0)
    for name in ("processed", "quarantine"):
        shutil.rmtree(home / name, ignore_errors=True)
    dead = home / "processing" / "deadhost-1-00000000"  # left by a process that was killed
    dead.mkdir(parents=True)
    (dead / ".lock").touch()
    shutil.copy2(CASE / "return_transcript.pdf", dead / "left_over.pdf")
    (tmp_path / "inbox").mkdir()
    shutil.copy2(CASE / "account_transcript.pdf", tmp_path / "inbox" / "waiting.pdf")
    w = InboxWatcher(settings)
    thread = threading.Thread(target=w.run, daemon=True)
    thread.start()
    yield w
    w.stop.set()
    thread.join(timeout=60)


def processed(home: Path) -> set[str]:
    folder = home / "processed"
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def test_watcher_takes_only_finished_files_and_never_twice(watcher: Any, home: Path) -> None:
    inbox = watcher.inbox
    wait_for(lambda: {"left_over.pdf", "waiting.pdf"} <= processed(home))

    data = W2.read_bytes()  # written slowly, in chunks, pausing less than the settle time
    with (inbox / "slow.pdf").open("wb") as fh:
        for i in range(0, len(data), len(data) // 4 + 1):
            fh.write(data[i : i + len(data) // 4 + 1])
            fh.flush()
            time.sleep(0.5)
    download = inbox / "download.pdf.crdownload"  # a browser download, renamed at the end
    shutil.copy2(SSN_NAMED, download)
    time.sleep(2.5)
    assert download.exists()
    download.rename(inbox / "download.pdf")
    shutil.copy2(CORRUPT, inbox / "broken.pdf")
    wait_for(lambda: {"slow.pdf", "download.pdf"} <= processed(home))
    wait_for(lambda: (home / "quarantine" / "broken.pdf.reason.json").exists())

    assert sha(home / "processed" / "slow.pdf") == sha(W2)
    stamp = query(home, "SELECT extracted_at, times_seen FROM files WHERE sha256=?", sha(W2))
    shutil.copy2(W2, inbox / "again.pdf")  # the same document dropped a second time
    wait_for(lambda: "again.pdf" in processed(home))
    again = query(home, "SELECT extracted_at, times_seen FROM files WHERE sha256=?", sha(W2))
    assert again[0][0] == stamp[0][0] and again[0][1] == stamp[0][1] + 1
    docs = query(home, "SELECT COUNT(*) FROM documents WHERE sha256=?", sha(W2))
    assert docs == [(len(expected(W2)),)]

    reason = json.loads((home / "quarantine" / "broken.pdf.reason.json").read_text())
    assert reason["source"] == "broken.pdf" and reason["reason"]
    assert sha(home / "quarantine" / "broken.pdf") == sha(CORRUPT)
    assert list(inbox.iterdir()) == []  # nothing written in the inbox, everything moved out
    assert [p for p in (home / "processing").rglob("*.pdf")] == []


def test_watcher_polls_when_asked(home: Path, tmp_path: Path) -> None:
    from backtax.flows.watch import InboxWatcher

    settings = Settings.load(
        home,
        inbox=tmp_path / "share",
        create_inbox=True,  # a missing inbox is an error unless asked for
        watch_polling=True,
        poll_interval=0.5,
        settle_seconds=0.5,
    )
    w = InboxWatcher(settings)
    assert type(w.observer()).__name__ == "PollingObserver"
    thread = threading.Thread(target=w.run, daemon=True)
    thread.start()
    try:
        shutil.copy2(CASE / "w2_acme.pdf", tmp_path / "share" / "polled.pdf")
        wait_for(lambda: "polled.pdf" in processed(home))
    finally:
        w.stop.set()
        thread.join(timeout=60)


def test_watcher_refuses_a_home_inside_the_inbox(tmp_path: Path) -> None:
    from backtax.flows.watch import InboxWatcher

    with pytest.raises(ValueError, match="inside the inbox"):
        InboxWatcher(Settings.load(tmp_path / "inbox" / "home", inbox=tmp_path / "inbox"))
