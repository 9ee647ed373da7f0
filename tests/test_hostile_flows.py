"""Faults and taxpayer data through the real flows, in an isolated home with its own Prefect.

One batch over a folder of hostile names (every SSN spelling, bytes that are not UTF-8,
control characters, Rich markup, links leading out of the folder) and one watcher over
an inbox with client subfolders; then every byte written to the home (the store, the
Prefect database and results, reports, reason files, decoded exports) is searched for
the SSN of the names, and every mode checked. Expected values come from what the test
put in (names, links, the sample generator's `*.expected.json`), never from the code.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import hostile_files as hostile
import pandas as pd
import pytest
from typer.testing import CliRunner

from backtax.flows import home_server, prefect_env
from backtax.flows.cli import app
from backtax.flows.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
W2 = ROOT / "sample_docs" / "w2" / "irs_2024_fillable_jane_acme.pdf"
ROBERT = ROOT / "sample_docs" / "w2" / "irs_2023_fillable_copyb_robert_initech.pdf"
ROBERT_LAST4 = json.loads(ROBERT.with_name(ROBERT.stem + ".expected.json").read_text())[0][
    "recipient_tin_last4"
]
CORRUPT = ROOT / "sample_docs" / "bad" / "not_a_pdf.pdf"
NAME_SSN = re.compile(rb"987[-_. ]?65[-_. ]?4321")
"""The SSN the test writes into names (a never-issued 9xx number), in every spelling."""
SPELLINGS = [
    "SSN987-65-4321.pdf",
    "JANE987654321.pdf",
    "987_65_4321.pdf",
    "987.65.4321.pdf",
    "987 65 4321.pdf",
    "w2-987-65-4321 copy.pdf",
]
HOSTILE_NAMES = [
    b"bad\xff\xfe name.pdf",  # not UTF-8
    b"forged\nerror other.pdf: fake.pdf",  # a newline forging a line
    b"\x1b[31mred\x1b[0m.pdf",  # an escape sequence
    b"[red]markup [bold]x.pdf",  # Rich markup
]
ODD_GOOD = b"ok\xff\x1b[2J\n name.pdf"  # a document under a name of every kind at once
ODD_WATCHED = b"ok\xff\n.pdf"
MARIA = ROOT / "sample_docs" / "w2" / "payroll_2up_maria_globex.pdf"
HANG_SECONDS = 20.0
JOHN = ROOT / "sample_docs" / "w2" / "irs_2024_flat_john_bayside.pdf"
ACME = ROOT / "sample_docs" / "cases" / "unreported_wages_2023" / "w2_acme.pdf"
SHOWN = {
    b"bad\xff\xfe name.pdf": "bad\\xff\\xfe name.pdf",
    b"forged\nerror other.pdf: fake.pdf": "forged\\x0aerror other.pdf: fake.pdf",
    b"\x1b[31mred\x1b[0m.pdf": "\\x1b[31mred\\x1b[0m.pdf",
    b"[red]markup [bold]x.pdf": "[red]markup [bold]x.pdf",
}
SECRET = b"TOPSECRET-0600-CONTENT"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    saved, mask = dict(os.environ), os.umask(0o022)  # the usual umask: backtax must not rely on it
    path = tmp_path_factory.mktemp("hostile") / "home"
    prefect_env.configure(Settings.load(path))
    yield path
    home_server.stop(Settings.load(path))
    os.umask(mask)
    os.environ.clear()
    os.environ.update(saved)
    prefect_env.refresh()


@pytest.fixture(scope="module")
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("outside")
    secret = folder / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4\n" + SECRET + b"\n%%EOF\n")
    secret.chmod(0o600)
    return folder


@pytest.fixture(scope="module")
def batch(home: Path, outside: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """`backtax run` over a folder named with an SSN, holding the hostile names and links."""
    folder = tmp_path_factory.mktemp("in") / "client 987.65.4321"
    folder.mkdir()
    for name in SPELLINGS:
        shutil.copy2(W2, folder / name)
    for n, raw in enumerate(HOSTILE_NAMES):  # unreadable, each its own bytes: named in errors
        Path(os.fsdecode(os.path.join(os.fsencode(folder), raw))).write_bytes(b"junk %d" % n)
    shutil.copy2(JOHN, os.path.join(os.fsencode(folder), ODD_GOOD))
    shutil.copy2(CORRUPT, folder / "bad_987_65_4321.pdf")
    (folder / "passwd.pdf").symlink_to("/etc/passwd")
    (folder / "secret.pdf").symlink_to(outside / "secret.pdf")
    os.link(outside / "secret.pdf", folder / "hard.pdf")
    result = CliRunner().invoke(app, ["run", str(folder), "--home", str(home), "--json"])
    return {"result": result, "folder": folder}


def summary(batch: dict[str, Any]) -> dict[str, Any]:
    out = batch["result"].stdout
    return json.loads(out[out.index("{") :])


def test_one_batch_reads_every_name_and_refuses_every_link(batch: dict[str, Any]) -> None:
    result = batch["result"]
    assert result.exit_code == 3, result.output  # the corrupt file and the links
    found = summary(batch)
    assert found["files"] == len(SPELLINGS) + len(HOSTILE_NAMES) + 5
    errors = {e["source"].rsplit("/", 1)[-1]: e for e in found["errors_detail"]}
    links = {"passwd.pdf", "secret.pdf", "hard.pdf"}
    assert set(errors) == {"bad_XXX-XX-4321.pdf", *links, *SHOWN.values()}
    assert "symbolic link" in errors["passwd.pdf"]["reason"]
    assert "symbolic link" in errors["secret.pdf"]["reason"]
    assert "hard link" in errors["hard.pdf"]["reason"]


def test_names_are_stored_and_shown_escaped(batch: dict[str, Any], home: Path) -> None:
    with sqlite3.connect(home / "backtax.sqlite") as db:
        files = {r[0].rsplit("/", 1)[-1] for r in db.execute("SELECT source FROM files")}
        docs = {r[0].rsplit("/", 1)[-1] for r in db.execute("SELECT source FROM documents")}
    assert set(SHOWN.values()) <= files
    assert "ok\\xff\\x1b[2J\\x0a name.pdf" in docs  # read and stored like any other
    output = batch["result"].output
    assert "\x1b" not in output and "\nerror other.pdf" not in output
    assert not any(line.startswith("error other") for line in output.splitlines())
    assert "[red]markup [bold]x.pdf" in output  # markup in a name printed as text


def test_links_out_of_the_folder_are_never_copied(batch: dict[str, Any], home: Path) -> None:
    quarantined = sorted(p.name for p in (home / "quarantine").rglob("*") if p.is_file())
    assert "passwd.pdf.reason.json" in quarantined and "passwd.pdf" not in quarantined
    assert "secret.pdf" not in quarantined and "hard.pdf" not in quarantined
    for path in home.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            assert SECRET not in data and b"root:x:0:0" not in data, path


# the watcher


def wait_for(condition: Callable[[], bool], timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def watched(batch: dict[str, Any], home: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A watcher over an inbox with client subfolders (one named with an SSN); the home's
    first full-disk write of a reason file fails twice, then works."""
    from backtax.flows import inbox as inbox_module
    from backtax.flows.watch import InboxWatcher

    inbox = tmp_path_factory.mktemp("inbox")
    for client in ("clientA", "clientB", "987-65-4321"):
        (inbox / client).mkdir()
    # the document flow reads its settings as a run does: a time limit a hang reaches soon
    os.environ["BACKTAX_LIMIT_SECONDS_PER_PAGE"] = str(HANG_SECONDS)
    settings = Settings.load(home, inbox=inbox, settle_seconds=0.5)
    said: list[tuple[str, dict[str, Any]]] = []
    watcher = InboxWatcher(settings, notify=lambda s, o: said.append((s, o)))
    failures = {"left": 2}
    real_write = inbox_module.write_private

    def full_disk_once(path: Path, data: bytes) -> None:
        if path.name.endswith(".reason.json") and failures["left"]:
            failures["left"] -= 1
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, data)

    inbox_module.write_private = full_disk_once
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    try:
        hostile.font_loop_pdf(inbox / "clientB" / "hang.pdf")  # pdfminer loops on it
        shutil.copy2(ROBERT, inbox / "clientA" / "w2.pdf")
        wait_for(lambda: "clientA/w2.pdf" in dict(said))
        shutil.copy2(ROBERT, inbox / "clientB" / "w2.pdf")  # the same bytes: a duplicate
        shutil.copy2(CORRUPT, inbox / "987-65-4321" / "JANE987654321.pdf")
        shutil.copy2(MARIA, os.path.join(os.fsencode(inbox), ODD_WATCHED))
        wait_for(lambda: len({s for s, o in said if s}) >= 5)
        alive = thread.is_alive()
    finally:
        watcher.stop.set()
        thread.join(timeout=60)
        inbox_module.write_private = real_write
        del os.environ["BACKTAX_LIMIT_SECONDS_PER_PAGE"]
    return {"said": said, "inbox": inbox, "thread": thread, "alive": alive}


def test_a_hang_under_the_watcher_is_quarantined_at_the_time_limit(watched: Any) -> None:
    """The watcher went on while a worker spun on hang.pdf, then replaced it at the limit."""
    outcome = dict(watched["said"])["clientB/hang.pdf"]
    assert outcome["error"]["stage"] == "limit"
    assert "time limit" in outcome["error"]["reason"]
    assert f"{HANG_SECONDS:g} s a page" in outcome["error"]["reason"]
    assert watched["alive"]


def test_a_name_that_is_not_utf8_is_read_under_the_watcher(watched: Any, home: Path) -> None:
    shown = "ok\\xff\\x0a.pdf"
    outcome = dict(watched["said"])[shown]
    assert outcome["error"] is None and len(outcome["doc_ids"]) >= 1
    assert (home / "processed" / shown).is_file()


def test_the_watcher_keeps_client_folders_and_reports_a_duplicate(watched: Any, home: Path) -> None:
    kept = {str(p.relative_to(home / "processed")) for p in (home / "processed").rglob("*.pdf")}
    assert {"clientA/w2.pdf", "clientB/w2.pdf"} <= kept
    outcomes = {s: o for s, o in watched["said"] if s}
    assert outcomes["clientB/w2.pdf"]["duplicate_of"] == "clientA/w2.pdf"  # kept, not read again
    assert not outcomes["clientA/w2.pdf"].get("duplicate_of")
    with sqlite3.connect(home / "backtax.sqlite") as db:
        [(source, seen)] = db.execute(
            "SELECT source, times_seen FROM files WHERE sha256=?", (sha(ROBERT),)
        ).fetchall()
    assert (source, seen) == ("clientA/w2.pdf", 2)  # the first document's source untouched


def test_a_full_disk_pauses_the_watcher_which_resumes(watched: Any, home: Path) -> None:
    events = [o for s, o in watched["said"] if not s]
    assert any("paused" in o and "No space left" in o["paused"] for o in events)
    assert any("resumed" in o for o in events)
    reason = home / "quarantine" / "XXX-XX-4321" / "JANEXXX-XX-4321.pdf.reason.json"
    assert json.loads(reason.read_text())["source"] == "XXX-XX-4321/JANEXXX-XX-4321.pdf"
    assert not watched["thread"].is_alive()
    assert [p for p in watched["inbox"].rglob("*") if p.is_file()] == []


def test_a_client_folder_is_a_label_on_its_records(watched: Any, home: Path) -> None:
    with sqlite3.connect(home / "backtax.sqlite") as db:
        records = [json.loads(r[0]) for r in db.execute("SELECT record FROM documents")]
    labels = {r.get("client") for r in records if r["sha256"] == sha(ROBERT)}
    assert labels == {"clientA"}


# every byte written


def exported(home: Path) -> list[str]:
    """The exports in every format, decoded to text (Parquet and Excel are compressed)."""
    texts = []
    for fmt in ("csv", "parquet", "xlsx"):
        out = home / "exports" / fmt
        assert CliRunner().invoke(app, ["export", "--home", str(home), "--format", fmt,
                                        "--output", str(out)]).exit_code == 0  # fmt: skip
        for path in out.iterdir():
            if path.suffix == ".parquet":
                texts.append(pd.read_parquet(path).to_csv())
            elif path.suffix == ".xlsx":
                sheets = pd.read_excel(path, sheet_name=None)
                texts += [frame.to_csv() for frame in sheets.values()]
    return texts


def test_no_ssn_of_a_name_is_written_anywhere(
    batch: dict[str, Any], watched: Any, home: Path
) -> None:
    from sample_docs.generators.people import all_ssns

    texts = exported(home)
    assert NAME_SSN.search(batch["result"].output.encode()) is None
    for text in texts:
        assert NAME_SSN.search(text.encode()) is None
    originals = {home / "processed", home / "quarantine"}
    content = [re.compile(re.escape(s).replace(b"\\-", b"[-_. ]?")) for s in
               (ssn.encode() for ssn in all_ssns())]  # fmt: skip
    for path in home.rglob("*"):
        assert NAME_SSN.search(os.fsencode(path.relative_to(home))) is None, path
        if not path.is_file() or path.is_symlink():
            continue
        data = path.read_bytes()
        assert NAME_SSN.search(data) is None, path  # the Prefect database included
        if not (originals & set(path.parents)) or path.name.endswith(".reason.json"):
            assert not any(c.search(data) for c in content), path


def test_prefect_keeps_only_masked_parameters(batch: dict[str, Any], home: Path) -> None:
    databases = [p for p in (home / "prefect").rglob("*.db")]
    assert databases
    for database in databases:
        with sqlite3.connect(database) as db:
            params = [r[0] for r in db.execute("SELECT parameters FROM flow_run")]
        assert any("client XXX-XX-4321" in p for p in params)
        assert not any(NAME_SSN.search(p.encode()) for p in params)


def test_everything_written_is_private_whatever_the_umask(watched: Any, home: Path) -> None:
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    loose = [
        (p, oct(stat.S_IMODE(p.lstat().st_mode)))
        for p in home.rglob("*")
        if not p.is_symlink() and not p.is_socket() and p.lstat().st_mode & 0o077
    ]
    assert loose == []


def test_purge_removes_a_taxpayer_and_says_what(
    watched: Any, home: Path, batch: dict[str, Any]
) -> None:
    assert list((home / "prefect").rglob(f"extract-{sha(ROBERT)}-*"))  # cached before
    result = CliRunner().invoke(app, ["purge", "--taxpayer", ROBERT_LAST4, "--home", str(home)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert f"purged taxpayer ...{ROBERT_LAST4}: 1 document(s) from 1 file(s)" in said
    assert "2 kept original(s)" in said  # clientA's and clientB's copies
    with sqlite3.connect(home / "backtax.sqlite") as db:
        left = db.execute(
            "SELECT COUNT(*) FROM documents WHERE recipient_tin_last4=?", (ROBERT_LAST4,)
        ).fetchone()
        files = db.execute("SELECT COUNT(*) FROM files WHERE sha256=?", (sha(ROBERT),)).fetchone()
        jane = db.execute("SELECT COUNT(*) FROM files WHERE sha256=?", (sha(W2),)).fetchone()
    assert left == (0,) and files == (0,) and jane == (1,)
    assert not any(sha(p) == sha(ROBERT) for p in (home / "processed").rglob("*.pdf"))
    assert list((home / "prefect").rglob(f"extract-{sha(ROBERT)}-*")) == []


def read_in_flow(home: Path, path: Path, digest: str, version: str | None = None) -> Any:
    """The extract-document task over `path` (claimed, as the watcher has it), in a flow."""
    from prefect import flow

    from backtax.flows.batch import Job, task_parameters
    from backtax.flows.tasks import extract_document

    @flow
    def read() -> dict[str, Any]:
        job = Job(path, "w2.pdf", claimed=True)
        params = task_parameters(job, digest, Settings.load(home), 0)
        return extract_document(**{**params, **({"version": version} if version else {})})

    return read()


def not_a_pdf(folder: Path) -> tuple[Path, str]:
    data = b"never seen before: " + os.urandom(16)  # a verdict would be cached: not a PDF
    (folder / "junk.pdf").write_bytes(data)
    return folder / "junk.pdf", hashlib.sha256(data).hexdigest()


def test_a_transient_failure_is_never_cached(home: Path, tmp_path: Path) -> None:
    """The file vanishes while it is read (a race with another claimer): nothing is kept
    under its SHA-256, and the same bytes dropped again are read."""
    from backtax.flows.workers import FileVanished

    path, digest = not_a_pdf(tmp_path)
    with pytest.raises(FileVanished):
        read_in_flow(home, tmp_path / "gone.pdf", digest)
    result = read_in_flow(home, path, digest)
    assert result["error"]["reason"] == "not a PDF or image file"


def test_a_changed_limit_or_extractor_reads_a_cached_verdict_again(
    home: Path, tmp_path: Path
) -> None:
    """A verdict is served from the cache while the key's version holds; an input limit
    changed (or the extractor's code: `tree_digest`) is another version: read again."""
    from backtax.extractors.settings import ExtractSettings
    from backtax.flows.tasks import extractor_version

    path, digest = not_a_pdf(tmp_path)
    now, limited = (
        extractor_version(ExtractSettings()),
        extractor_version(ExtractSettings(max_pages=10)),
    )
    first = read_in_flow(home, path, digest, now)
    time.sleep(1.1)  # extracted_at has whole seconds
    assert read_in_flow(home, path, digest, now) == first  # cached
    again = read_in_flow(home, path, digest, limited)
    assert again["extracted_at"] > first["extracted_at"]  # read again
    assert again["error"] == first["error"] and again["extractor_version"] == limited
    kept = sorted(p.name for p in (home / "prefect").rglob(f"extract-{digest}-*"))
    assert kept == sorted([f"extract-{digest}-{now}", f"extract-{digest}-{limited}"])


def test_the_extractors_code_is_part_of_the_cache_key(tmp_path: Path) -> None:
    from backtax import extractors
    from backtax.flows.tasks import code_fingerprint, tree_digest

    copy = tmp_path / "extractors"
    shutil.copytree(Path(extractors.__file__).parent, copy)
    assert tree_digest(copy)[:12] == code_fingerprint()
    with (copy / "limits.py").open("a") as fh:
        fh.write("# a fix\n")
    assert tree_digest(copy)[:12] != code_fingerprint()


def test_a_read_failure_is_retried_and_a_limit_is_not_nor_cached(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An I/O error on a file that is there is tried again (twice at most); a time or
    memory limit is not retried, and is not kept: the next drop is read."""
    from backtax.flows import tasks
    from backtax.flows.workers import LimitExceeded, ReadFailure

    failures: list[Exception] = []
    calls: list[str] = []

    class Pool:
        def read(self, job: Any) -> dict[str, Any]:
            calls.append(job.path)
            if failures:
                raise failures.pop(0)
            error = {"reason": "not a PDF or image file", "stage": "open"}
            return {"sha256": job.sha256, "source": job.source, "records": [], "error": error}

    monkeypatch.setattr(tasks, "pool", lambda size, limits: Pool())
    path, digest = not_a_pdf(tmp_path)
    failures += [ReadFailure("Input/output error"), ReadFailure("Input/output error")]
    assert read_in_flow(home, path, digest)["error"]["stage"] == "open"
    assert len(calls) == 3  # two failures, then the verdict
    calls.clear()
    path, digest = not_a_pdf(tmp_path)
    failures.append(LimitExceeded("reading took longer than the time limit"))
    with pytest.raises(LimitExceeded):
        read_in_flow(home, path, digest)
    assert len(calls) == 1
    assert read_in_flow(home, path, digest)["error"]["stage"] == "open"
    assert len(calls) == 2  # read again, not served a cached failure


def test_run_beside_a_watcher_claims_as_it_does(home: Path, tmp_path: Path) -> None:
    """A folder a live session watches is claimed from by `run`, not read in place."""
    from backtax.flows.inbox import ClaimSession

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy2(CORRUPT, inbox / "race.pdf")
    with ClaimSession(home, inbox=inbox.resolve()):
        result = CliRunner().invoke(app, ["run", str(inbox), "--home", str(home), "--json"])
    assert result.exit_code == 3, result.output
    assert list(inbox.iterdir()) == []
    assert (home / "quarantine" / "race.pdf.reason.json").is_file()


def test_a_missing_inbox_is_an_error_unless_asked_to_create_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["watch", str(tmp_path / "typo"), "--home", str(tmp_path)])
    assert result.exit_code == 2 and "does not exist" in result.output
    assert not (tmp_path / "typo").exists()
    from backtax.flows.watch import InboxWatcher

    InboxWatcher(Settings.load(tmp_path / "h", inbox=tmp_path / "new", create_inbox=True))
    assert (tmp_path / "new").is_dir()


def test_reason_text_is_json_with_escaped_names(home: Path, tmp_path: Path) -> None:
    from backtax.flows.inbox import quarantine

    odd = tmp_path / os.fsdecode(b"q\xff\n.pdf")
    odd.write_bytes(b"x")
    target = quarantine(home, odd, ("not a PDF", "open"), str(odd), move=False)
    assert target is not None
    reason = json.loads(target.with_name(target.name + ".reason.json").read_text())
    assert reason["source"].endswith("q\\xff\\x0a.pdf")


def test_a_file_over_the_memory_limit_is_quarantined_and_the_batch_reads_on(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 100 MP PNG (under the pixel limit, so only the memory limit can stop it), the limit
    lowered to 600 MB by its setting, one worker: the PNG is quarantined with the memory
    reason and the batch's other file is read, whichever of the two reached the worker first
    (a fresh worker after the limit: test_hostile_inputs)."""
    from backtax.flows import workers

    started: list[Any] = []

    class Counted(workers._Worker):
        def __init__(self, memory_mb: int) -> None:
            super().__init__(memory_mb)
            started.append((self, memory_mb))

    monkeypatch.setattr(workers, "_Worker", Counted)
    folder = tmp_path / "in"
    folder.mkdir()
    hostile.large_png(folder / "a_big.png", 10_000, 10_000)
    shutil.copy2(ACME, folder / "b_w2.pdf")
    env = {"BACKTAX_LIMIT_MEMORY_MB": "600", "BACKTAX_WORKERS": "1"}
    result = CliRunner().invoke(app, ["run", str(folder), "--home", str(home), "--json"], env=env)
    assert result.exit_code == 3, result.output
    found = json.loads(result.stdout[result.stdout.index("{") :])
    [error] = found["errors_detail"]
    assert error["source"].endswith("a_big.png") and error["stage"] == "limit"
    assert "memory" in error["reason"] and "600 MB" in error["reason"], error
    assert found["documents"] == 1  # the W-2 after it
    reason = json.loads((home / "quarantine" / "a_big.png.reason.json").read_text())
    assert reason["stage"] == "limit" and "600 MB" in reason["reason"]
    assert started and {mb for _, mb in started} == {600}  # the setting reached each worker
    # none outlives the batch: the one at the limit was killed, the others stopped with the
    # batch's idle workers once the files were read (`workers.close_idle`)
    assert all(worker.process.poll() is not None for worker, _ in started)
