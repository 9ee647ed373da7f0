"""Taking files out of an inbox safely: ready checks, claims, and where each file ends.

A file is taken only once it is completely written: its name is not a temporary one
(browser downloads, office lock files, partial copies) and its size and change times
have not moved for `settle_seconds`, as seen by two looks at it. It is then claimed by
an atomic rename into `processing/<session>/`: the watcher and the nightly sweep both
claim this way, so whichever renames first owns the file and the other finds it gone.

Each session holds an exclusive lock on `processing/<session>/.lock` for its life. A
session whose lock is free belongs to a process that died (killed, machine restarted):
its files are taken over by the next session that starts, so nothing claimed is lost.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import filecmp
import json
import os
import shutil
import socket
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from extractors.pipeline import INPUT_SUFFIXES
from extractors.values import mask_ssns

TEMP_SUFFIXES = (
    ".part",
    ".partial",
    ".crdownload",
    ".download",
    ".tmp",
    ".temp",
    ".filepart",
    ".opdownload",
    ".!ut",
    ".swp",
)
TEMP_PREFIXES = (".", "~$", ".~lock")


def is_candidate(path: Path) -> bool:
    """A PDF or image with a final name (not hidden, not a download or copy in progress)."""
    name = path.name.lower()
    if name.startswith(TEMP_PREFIXES) or name.endswith(TEMP_SUFFIXES):
        return False
    return path.suffix.lower() in INPUT_SUFFIXES


def fingerprint(path: Path) -> tuple[int, int, int] | None:
    """Size and modification and change times; None when the file is gone."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@dataclass
class Settler:
    """Remembers what each file looked like and says when it has stopped changing."""

    settle_seconds: float
    seen: dict[Path, tuple[tuple[int, int, int], float]] = field(default_factory=dict)

    def note(self, path: Path) -> None:
        if is_candidate(path):
            self.check(path)

    def check(self, path: Path) -> bool:
        """True once `path` has looked the same for `settle_seconds` (two looks at least)."""
        now = time.monotonic()
        print_ = fingerprint(path)
        if print_ is None:
            self.seen.pop(path, None)
            return False
        before = self.seen.get(path)
        if before is None or before[0] != print_:
            self.seen[path] = (print_, now)
            return False
        return now - before[1] >= self.settle_seconds

    def ready(self) -> list[Path]:
        """The noted files that have settled; they are forgotten once returned."""
        done = [p for p in list(self.seen) if self.check(p)]
        for path in done:
            self.seen.pop(path, None)
        return sorted(done)


def safe_name(name: str) -> str:
    """A file name as backtax writes it: SSN-shaped runs masked."""
    return mask_ssns(name)


def unique_path(folder: Path, name: str) -> Path:
    """`folder/name`, or `name-2`, `name-3`... when taken."""
    target = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{stem}-{n}{suffix}"
    return target


class ClaimSession:
    """This process's claims: `processing/<session>/`, locked while the process lives."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.processing = home / "processing"
        self.id = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.folder = self.processing / self.id
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = (self.folder / ".lock").open("w")
        fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def close(self) -> None:
        """End the session; its folder goes when empty (files left are taken over later)."""
        leftover = self.folder.is_dir() and any(p.name != ".lock" for p in self.folder.iterdir())
        if not leftover:
            (self.folder / ".lock").unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                self.folder.rmdir()
        self._lock.close()

    def __enter__(self) -> ClaimSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def claim(self, path: Path) -> Path | None:
        """Rename `path` into this session; None when another claimed it first."""
        target = unique_path(self.folder, safe_name(path.name))
        try:
            os.rename(path, target)
        except FileNotFoundError:
            return None
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            return _claim_across_filesystems(path, target)
        return target

    def take_over_orphans(self) -> list[Path]:
        """Files of dead sessions, moved into this one (a restart finishes them)."""
        taken: list[Path] = []
        for other in sorted(self.processing.iterdir()):
            if other == self.folder or not other.is_dir():
                continue
            taken.extend(self._take_over(other))
        return taken

    def _take_over(self, other: Path) -> list[Path]:
        try:
            lock = (other / ".lock").open("a")
        except FileNotFoundError:
            lock = None
        try:
            if lock is not None:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    return []  # alive
            taken = [
                moved
                for p in sorted(other.iterdir())
                if not p.name.startswith(".") and (moved := self.claim(p)) is not None
            ]
            (other / ".lock").unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                other.rmdir()
            return taken
        finally:
            if lock is not None:
                lock.close()

    def finish(self, claimed: Path, error: tuple[str, str] | None, source: str) -> Path:
        """Move a claimed file to processed/, or to quarantine/ with its reason file."""
        if error is None:
            folder = self.home / "processed"
            folder.mkdir(parents=True, exist_ok=True)
            target = unique_path(folder, claimed.name)
            os.rename(claimed, target)
            return target
        target = quarantine(self.home, claimed, error, source, move=True)
        return target


def _claim_across_filesystems(path: Path, target: Path) -> Path | None:
    """Inbox and home on different file systems: copy, then whoever deletes the original owns it."""
    partial = target.with_name(f".{target.name}.claiming")
    try:
        shutil.copy2(path, partial)
        os.unlink(path)
    except FileNotFoundError:
        partial.unlink(missing_ok=True)
        return None
    os.rename(partial, target)
    return target


def quarantine(home: Path, path: Path, error: tuple[str, str], source: str, *, move: bool) -> Path:
    """Put `path` (moved, or copied for `backtax run`) in quarantine/ with `<name>.reason.json`."""
    folder = home / "quarantine"
    folder.mkdir(parents=True, exist_ok=True)
    same = folder / safe_name(path.name)
    again = not move and same.is_file() and filecmp.cmp(path, same, shallow=False)
    target = same if again else unique_path(folder, safe_name(path.name))
    reason_file = target.with_name(target.name + ".reason.json")
    reason, stage = error
    reason_file.write_text(
        json.dumps(
            {
                "source": mask_ssns(source),
                "reason": mask_ssns(reason),
                "stage": stage,
                "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            },
            indent=1,
        )
        + "\n"
    )
    if move:
        os.rename(path, target)
    elif not again:  # `backtax run` again over the same folder: one copy is enough
        shutil.copy2(path, target)
    return target


def sweep(inbox: Path, session: ClaimSession, settle_seconds: float) -> list[tuple[Path, str]]:
    """Claim every finished file under `inbox`: (claimed path, masked name in the inbox) pairs."""
    settler = Settler(settle_seconds)
    candidates = [p for p in sorted(inbox.rglob("*")) if p.is_file() and is_candidate(p)]
    for path in candidates:
        settler.note(path)
    if candidates and settle_seconds:
        time.sleep(settle_seconds)
    claimed = []
    for path in settler.ready():
        source = safe_name(str(path.relative_to(inbox)))
        if (target := session.claim(path)) is not None:
            claimed.append((target, source))
    return claimed
