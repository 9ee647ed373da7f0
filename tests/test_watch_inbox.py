"""Taking files from an inbox: temporary names, settling, atomic claims, dead sessions."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from clocks import Clock

from backtax.flows.inbox import ClaimSession, Settler, is_candidate, quarantine, sweep


@pytest.mark.parametrize(
    ("name", "taken"),
    [
        ("w2.pdf", True), ("W2.PDF", True), ("scan.png", True), ("scan.tiff", True),
        ("w2.pdf.crdownload", False), ("w2.pdf.part", False), ("w2.pdf.tmp", False),
        (".w2.pdf", False), ("~$w2.pdf", False), ("notes.txt", False),
    ],
)  # fmt: skip
def test_only_finished_pdfs_and_images_are_candidates(name: str, taken: bool) -> None:
    assert is_candidate(Path(name)) is taken


def test_a_growing_file_is_not_ready_until_it_stops_changing(tmp_path: Path) -> None:
    path = tmp_path / "w2.pdf"
    path.write_bytes(b"%PDF-1.7 part one")
    clock = Clock()
    settler = Settler(settle_seconds=0.3, clock=clock)
    settler.note(path)
    assert settler.ready() == []
    clock.now += 0.2
    with path.open("ab") as fh:
        fh.write(b" part two\n%%EOF\n")  # and ends as a finished PDF does
    assert settler.ready() == []  # changed: the clock starts again
    clock.now += 0.2
    assert settler.ready() == []  # 0.4 s since it was noted, 0.2 s since it changed
    clock.now += 0.2
    assert settler.ready() == [path]


def test_a_copy_keeping_an_old_mtime_still_waits(tmp_path: Path) -> None:
    path = tmp_path / "old.pdf"
    path.write_bytes(b"%PDF-1.7\n%%EOF\n")
    os.utime(path, (0, 0))  # `cp -p`: an old modification time from the start
    clock = Clock()
    settler = Settler(settle_seconds=0.3, clock=clock)
    settler.note(path)
    assert settler.ready() == []
    clock.now += 0.1
    assert settler.ready() == []  # looked the same twice, but not for the settle time yet


def test_a_file_is_claimed_once_by_two_sessions(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "w2.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    with ClaimSession(tmp_path / "home") as a, ClaimSession(tmp_path / "home") as b:
        first = a.claim(inbox / "w2.pdf")
        second = b.claim(inbox / "w2.pdf")
    assert first is not None and first.read_bytes() == b"%PDF-1.7\n%%EOF\n"
    assert second is None


def test_ssn_in_a_file_name_is_masked_when_claimed(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "w2_900-12-3456.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    with ClaimSession(tmp_path / "home") as session:
        [(claimed, source)] = sweep(inbox, session, settle_seconds=0)
        assert claimed.name == "w2_XXX-XX-3456.pdf"
        assert source == "w2_XXX-XX-3456.pdf"
        session.finish(claimed, None, source)
    assert [p.name for p in (tmp_path / "home/processed").iterdir()] == ["w2_XXX-XX-3456.pdf"]


CLAIM_AND_HANG = """
import sys, time
from pathlib import Path
from backtax.flows.inbox import ClaimSession
session = ClaimSession(Path(sys.argv[1]))
session.claim(Path(sys.argv[2]))
print("claimed", flush=True)
time.sleep(60)
"""


def test_files_of_a_killed_session_are_taken_over(tmp_path: Path) -> None:
    home, inbox = tmp_path / "home", tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "w2.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    proc = subprocess.Popen(
        [sys.executable, "-c", CLAIM_AND_HANG, str(home), str(inbox / "w2.pdf")],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline().strip() == "claimed"
    with ClaimSession(home) as alive_check:
        assert alive_check.take_over_orphans() == []  # its owner still runs
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with ClaimSession(home) as session:
        taken = session.take_over_orphans()
        assert [p.name for p in taken] == ["w2.pdf"]
        session.finish(taken[0], None, "w2.pdf")
    assert sorted(p.name for p in (home / "processing").iterdir()) == []


def test_quarantine_copy_leaves_the_original_and_writes_the_reason(tmp_path: Path) -> None:
    original = tmp_path / "in" / "bad_900-12-3456.pdf"
    original.parent.mkdir()
    original.write_bytes(b"garbage")
    target = quarantine(
        tmp_path / "home", original, ("not a PDF or image file", "open"), str(original), move=False
    )
    assert original.read_bytes() == b"garbage"
    assert target.name == "bad_XXX-XX-3456.pdf"
    reason = json.loads(target.with_name(target.name + ".reason.json").read_text())
    assert set(reason) == {"source", "reason", "stage", "time"}
    assert reason["stage"] == "open" and "900-12" not in reason["source"]


def test_quarantining_the_same_unreadable_file_again_keeps_one_copy(tmp_path: Path) -> None:
    original = tmp_path / "bad.pdf"
    original.write_bytes(b"garbage")
    for _ in range(2):
        quarantine(tmp_path / "home", original, ("corrupt", "open"), "bad.pdf", move=False)
    names = sorted(p.name for p in (tmp_path / "home/quarantine").iterdir())
    assert names == ["bad.pdf", "bad.pdf.reason.json"]
