"""`backtax serve` over files and folders named with an SSN in every spelling: its watcher
consumes them, the nightly deployment runs once, SIGTERM stops everything within seconds,
and then no byte written under the home (the Prefect database decoded table by table,
its results and logs, the store, reports, reason files, decoded exports) nor anything
serve printed holds the SSN of the names or a full SSN of the sample documents.

Lean on purpose (it runs on a loaded 2-core box): three small text PDFs and one corrupt
file, the other names the same bytes again (duplicates: not read twice), one worker.
The SSN 987-65-4321 is never issued (9xx); the inbox itself is named with it.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import hostile_files as hostile
import httpx
import pandas as pd
import psutil
import pytest
from typer.testing import CliRunner

from backtax.flows.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_docs"
ACME = SAMPLES / "cases" / "unreported_wages_2023" / "w2_acme.pdf"
MARIA = SAMPLES / "w2" / "payroll_2up_maria_globex.pdf"
LINDA = SAMPLES / "w2" / "w2c_2023_linda_northwind.pdf"
CORRUPT = SAMPLES / "bad" / "not_a_pdf.pdf"
NAME_SSN = re.compile(rb"987[-_. ]?65[-_. ]?4321")
"""The SSN of the names, in every spelling."""
INBOX_NAME = "inbox 987 65 4321"
DROPS = {  # every spelling: after letters, with -, space, _, . or nothing between groups
    "987-65-4321/SSN987-65-4321.pdf": ACME,
    "client_987_65_4321/JANE987654321.pdf": MARIA,
    "SSN987.65.4321/987 65 4321.pdf": LINDA,
    "987_65_4321.pdf": ACME,
    "987.65.4321.pdf": MARIA,
    "987654321.pdf": LINDA,
    "bad 987-65-4321.pdf": CORRUPT,
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.5)
    return value


def get(url: str) -> Any:
    try:
        response = httpx.get(url, timeout=10)
    except httpx.HTTPError:
        return None
    return response.json() if response.status_code == 200 else None


def post(url: str) -> Any:
    """The created object, or None (a server busy on a loaded machine: asked again)."""
    try:
        response = httpx.post(url, json={}, timeout=30)
    except httpx.HTTPError:
        return None
    if response.status_code not in (200, 201):
        print(f"POST {url}: {response.status_code} {response.text[:300]}", file=sys.stderr)
        return None
    return response.json()


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]


def descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """serve run over the inbox, one nightly run, then SIGTERM on a file that hangs."""
    base = tmp_path_factory.mktemp("serve_ssn")
    home, inbox = base / "home", base / INBOX_NAME
    for name, source in DROPS.items():
        (inbox / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, inbox / name)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BACKTAX_"))}
    env.update(
        DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false", OMP_THREAD_LIMIT="1",
        BACKTAX_SERVER_PORT=str(port), BACKTAX_INBOX=str(inbox), BACKTAX_WORKERS="1",
        BACKTAX_SETTLE_SECONDS="0.5",
    )  # fmt: skip
    log_path = base / "serve.log"
    info: dict[str, Any] = {"home": home, "inbox": inbox, "log": log_path}
    api = info["api"] = f"http://127.0.0.1:{port}/api"
    mask = os.umask(0o022)  # the usual umask: backtax must not rely on it
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "backtax.flows", "serve", "--home", str(home)],
            cwd=ROOT, env=env, stdout=log, stderr=log,
        )  # fmt: skip
        os.umask(mask)
        try:
            deployment = wait_for(
                lambda: get(f"{api}/deployments/name/backtax-batch/nightly"), 400, "the server"
            )
            wait_for(
                lambda: not files_under(inbox) and not files_under(home / "processing"),
                300, "the watcher to consume the inbox",
            )  # fmt: skip
            run = wait_for(
                lambda: post(f"{api}/deployments/{deployment['id']}/create_flow_run"),
                120, "the nightly run to be created",
            )  # fmt: skip
            info["nightly"] = wait_for(
                lambda: (s := (get(f"{api}/flow_runs/{run['id']}") or {}).get("state"))
                and s["type"] in ("COMPLETED", "FAILED", "CRASHED") and s["type"],
                300, "the nightly run",
            )  # fmt: skip
            hostile.font_loop_pdf(inbox / "hang.pdf")  # pdfminer loops: the worker is stuck
            wait_for(lambda: files_under(home / "processing"), 60, "the hanging file's claim")
            time.sleep(3)  # in the worker, in the loop
            children = descendants(proc.pid)
            info["names"] = [" ".join(c.cmdline()) for c in children]
            proc.send_signal(signal.SIGTERM)
            started = time.monotonic()
            info["exit"] = proc.wait(timeout=60)
            left = max(1.0, 30 - (time.monotonic() - started))
            _, alive = psutil.wait_procs(children, timeout=left)
            info["stopped_seconds"] = time.monotonic() - started
            info["children"], info["alive"] = children, alive
        finally:  # a failed step: serve stopped as a user would, and whatever it left
            if proc.poll() is None:
                stop(proc)
    yield info


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM serve (it stops its Prefect server, which runs in a session of its own),
    then kill what is still there."""
    leftovers = descendants(proc.pid)
    proc.terminate()
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    for process in psutil.wait_procs(leftovers, timeout=30)[1]:
        process.kill()


def test_serve_consumed_every_name_and_ran_the_nightly_batch(served: dict[str, Any]) -> None:
    home = served["home"]
    assert served["nightly"] == "COMPLETED", served["log"].read_text()[-3000:]
    kept = {str(p.relative_to(home / "processed")) for p in files_under(home / "processed")}
    assert kept == {
        "XXX-XX-4321/SSNXXX-XX-4321.pdf", "client_XXX-XX-4321/JANEXXX-XX-4321.pdf",
        "SSNXXX-XX-4321/XXX-XX-4321.pdf", "XXX-XX-4321.pdf", "XXX-XX-4321-2.pdf",
        "XXX-XX-4321-3.pdf",
    }  # fmt: skip
    reason = home / "quarantine" / "bad XXX-XX-4321.pdf.reason.json"
    assert reason.is_file()
    with sqlite3.connect(home / "backtax.sqlite") as db:
        read = db.execute("SELECT source, status FROM files").fetchall()
    assert sorted(status for _, status in read) == ["error", "ok", "ok", "ok"]  # W-2s once each
    assert all("XXX-XX-4321" in source for source, _ in read)


def test_sigterm_stops_serve_its_server_and_workers_within_seconds(
    served: dict[str, Any],
) -> None:
    assert served["exit"] == 0, served["log"].read_text()[-3000:]
    names = served["names"]  # as they ran before the signal: the worker, the server
    assert any("backtax.flows.workers" in n for n in names)
    assert any("server start" in n for n in names)
    assert served["alive"] == [], served["alive"]
    assert served["stopped_seconds"] < 30
    [left] = files_under(served["home"] / "processing")  # claimed: read at the next start
    assert left.name == "hang.pdf"


def table_texts(database: Path) -> dict[str, str]:
    """Every table of a SQLite database as text, row by row (values split over pages and
    the write-ahead log joined by SQLite itself)."""
    texts = {}
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            rows = db.execute(f'SELECT * FROM "{table}"').fetchall()
            texts[table] = "\n".join(
                " ".join(v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in row)
                for row in rows
            )
    return texts


def exported(home: Path) -> list[str]:
    """The exports in every format, decoded: CSV as it is, Parquet read, xlsx unzipped."""
    texts = []
    for fmt in ("csv", "parquet", "xlsx"):
        out = home / "exports" / fmt
        result = CliRunner().invoke(
            app, ["export", "--home", str(home), "--format", fmt, "--output", str(out)]
        )
        assert result.exit_code == 0, result.output
        for path in out.iterdir():
            if path.suffix == ".csv":
                texts.append(path.read_text())
            elif path.suffix == ".parquet":
                texts.append(pd.read_parquet(path).to_csv())
            else:
                with zipfile.ZipFile(path) as book:
                    texts += [book.read(n).decode() for n in book.namelist()]
                texts += [f.to_csv() for f in pd.read_excel(io.BytesIO(path.read_bytes()),
                                                            sheet_name=None).values()]  # fmt: skip
    return texts


def content_ssns() -> list[re.Pattern[bytes]]:
    """The full SSNs the sample documents hold, in every spelling."""
    from sample_docs.generators.people import all_ssns

    return [re.compile(re.escape(s.encode()).replace(b"\\-", b"[-_. ]?")) for s in all_ssns()]


def test_no_full_ssn_in_any_byte_serve_wrote(served: dict[str, Any]) -> None:
    home = served["home"]
    texts = exported(home)
    assert any("XXX-XX-4321" in t for t in texts)  # the sources are there, masked
    originals = {home / "processed", home / "quarantine"}
    content = content_ssns()
    databases, scanned = [], 0
    for path in home.rglob("*"):
        assert NAME_SSN.search(os.fsencode(path.relative_to(home))) is None, path
        if not path.is_file() or path.is_symlink():
            continue
        data = path.read_bytes()
        scanned += 1
        assert NAME_SSN.search(data) is None, path
        if data.startswith(b"SQLite format 3"):
            databases.append(path)
        if not originals & set(path.parents) or path.name.endswith(".reason.json"):
            assert not any(c.search(data) for c in content), path
    assert scanned > 20
    for text in [*texts, served["log"].read_text(errors="replace")]:
        assert NAME_SSN.search(text.encode()) is None
        assert not any(c.search(text.encode()) for c in content)
    tables: dict[str, str] = {}
    for database in databases:
        for table, text in table_texts(database).items():
            tables[table] = tables.get(table, "") + text
            assert NAME_SSN.search(text.encode()) is None, (database, table)
            assert not any(c.search(text.encode()) for c in content), (database, table)
    # what was scanned holds what it should: the watcher's runs and the deployment
    assert "JANEXXX-XX-4321.pdf" in tables["flow_run"]  # backtax-document parameters
    assert "sweep_inbox" in tables["deployment"]
    assert "XXX-XX-4321" in tables["documents"]  # the store


def test_everything_serve_wrote_is_private(served: dict[str, Any]) -> None:
    """serve (and the Prefect server it starts) under the test's umask: 0700 and 0600."""
    home = served["home"]
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    loose = [
        (p, oct(stat.S_IMODE(p.lstat().st_mode)))
        for p in home.rglob("*")
        if not p.is_symlink() and not p.is_socket() and p.lstat().st_mode & 0o077
    ]
    assert loose == []
