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
import hashlib
import json
import os
import shutil
import socket
import stat
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backtax.extractors.names import shown_name
from backtax.extractors.pipeline import INPUT_SUFFIXES
from backtax.flows.files import private_file, write_private

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


COMPLETE_TAILS = {b"%PDF-": b"%%EOF", b"\x89PNG": b"IEND", b"\xff\xd8\xff": b"\xff\xd9"}
"""How a finished file of each kind ends (TIFF has no end marker)."""


def looks_complete(path: Path) -> bool:
    """The file ends as a finished PDF, PNG or JPEG does (TIFFs and unknown kinds: True)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            fh.seek(max(0, path.stat().st_size - 2048))
            tail = fh.read()
    except OSError:
        return False
    for magic, end in COMPLETE_TAILS.items():
        if head.startswith(magic) or (magic == b"%PDF-" and magic in head):
            return end in tail
    return True


def fingerprint(path: Path) -> tuple[int, int, int] | None:
    """Size and modification and change times; None when the file is gone."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@dataclass
class Settler:
    """Remembers what each file looked like and says when it has stopped changing.

    A file is ready once it has looked the same for `settle_seconds` and ends as a finished
    file of its kind does; one that has stopped changing without such an end (a copy that
    stalled) waits `stall_seconds` more before it is taken as it is.
    """

    settle_seconds: float
    stall_seconds: float = 300.0
    seen: dict[Path, tuple[tuple[int, int, int], float]] = field(default_factory=dict)
    first_seen: dict[Path, float] = field(default_factory=dict)
    clock: Callable[[], float] = time.monotonic
    """Seconds on a clock that only goes forward (a test's own clock in the tests)."""

    def note(self, path: Path) -> None:
        if is_candidate(path):
            self.first_seen.setdefault(path, self.clock())
            self.check(path)

    def check(self, path: Path) -> bool:
        """True once `path` has looked the same long enough (two looks at least)."""
        now = self.clock()
        print_ = fingerprint(path)
        if print_ is None:
            self.forget(path)
            return False
        before = self.seen.get(path)
        if before is None or before[0] != print_:
            self.seen[path] = (print_, now)
            return False
        still = now - before[1]
        if still < self.settle_seconds:
            return False
        return still >= self.settle_seconds + self.stall_seconds or looks_complete(path)

    def forget(self, path: Path) -> None:
        self.seen.pop(path, None)
        self.first_seen.pop(path, None)

    def ready(self, limit: int | None = None) -> list[Path]:
        """The noted files that have settled, first noticed first (at most `limit`); those
        returned are forgotten, the others stay noted."""
        done = [p for p in list(self.seen) if self.check(p)]
        done.sort(key=lambda p: (self.first_seen.get(p, 0.0), str(p)))
        done = done[:limit]
        for path in done:
            self.forget(path)
        return done


def safe_name(name: str) -> str:
    """A file name as backtax writes it: escaped (any bytes), SSN-shaped runs masked."""
    return shown_name(name)


def outside_link(path: Path, root: Path, names_inside: int = 1) -> str | None:
    """Why `path` leads outside `root` (a symbolic link there, a hard link with names
    elsewhere), or None. `names_inside` is how many names of its inode `root` holds."""
    try:
        # folders are never entered through links (list_inputs): only the file can be one
        if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
            return "a symbolic link to a file outside the folder: not followed (follow_links)"
        st = path.stat()
    except (OSError, RuntimeError):
        return None
    if st.st_nlink > names_inside:
        return "a hard link to a file with names outside the folder: not read (follow_links)"
    return None


def claimed_refusal(claimed: Path, follow_links: bool) -> str | None:
    """Why a claimed file is not read: it is a link (symbolic, or hard with other names)."""
    if follow_links:
        return None
    if claimed.is_symlink():
        return "a symbolic link: not followed (follow_links)"
    try:
        many = claimed.stat().st_nlink > 1
    except OSError:
        return None
    return (
        "a hard link to a file with names outside the inbox: not read (follow_links)"
        if many
        else None
    )


def check_inbox(settings: Any) -> Path:
    """The inbox; refuses one that is missing (unless the default, or `create_inbox`) or
    that holds the home (outputs never go in the inbox)."""
    inbox = settings.inbox_dir
    if not inbox.is_dir():
        if inbox.exists() or not (settings.inbox is None or settings.create_inbox):
            raise ValueError(
                f"the inbox {safe_name(str(inbox))} does not exist or is not a folder: "
                "create it, or pass --create"
            )
        inbox.mkdir(parents=True, exist_ok=True, mode=0o700)
    if settings.home == inbox or settings.home.is_relative_to(inbox):
        raise ValueError(
            f"the backtax home {safe_name(str(settings.home))} must not be inside the inbox "
            f"{safe_name(str(inbox))}"
        )
    return inbox


def list_inputs(folder: Path, follow_links: bool = False) -> list[tuple[Path, str | None]]:
    """Every PDF or image under `folder` (folders not followed through links), each with
    the reason it is refused (a link leading outside), in a stable order."""
    found: list[Path] = []
    for top, dirs, files in os.walk(folder):
        dirs.sort()
        found += [Path(top) / f for f in sorted(files) if Path(f).suffix.lower() in INPUT_SUFFIXES]
    if follow_links:
        return [(p, None) for p in found if p.is_file()]
    names: dict[tuple[int, int], int] = {}  # the folder's own names of each file (not links)
    for path in found:
        with contextlib.suppress(OSError):
            st = path.lstat()
            if not stat.S_ISLNK(st.st_mode):
                names[(st.st_dev, st.st_ino)] = names.get((st.st_dev, st.st_ino), 0) + 1
    out = []
    for path in found:
        try:
            st = path.stat()
        except OSError:
            continue  # a dangling link, or gone since listed
        reason = outside_link(path, folder, names.get((st.st_dev, st.st_ino), 1))
        out.append((path, reason))
    return out


def client_label(source: str) -> str | None:
    """The inbox subfolder a file was dropped in (`clientA/w2.pdf`: clientA), if any."""
    parts = Path(source).parts
    return parts[0] if len(parts) > 1 else None


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

    def __init__(self, home: Path, inbox: Path | None = None) -> None:
        self.home = home
        self.processing = home / "processing"
        self.id = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.folder = self.processing / self.id
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._lock = private_file(self.folder / ".lock", "w")
        fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if inbox is not None:  # `backtax run` over this folder claims as this session does
            write_private(self.folder / ".inbox", inbox_marker(inbox).encode())

    def close(self) -> None:
        """End the session; its folder goes when empty (files left are taken over later)."""
        leftover = self.folder.is_dir() and any(
            p.is_file() and not p.name.startswith(".") for p in self.folder.rglob("*")
        )
        if not leftover:
            shutil.rmtree(self.folder, ignore_errors=True)
        self._lock.close()

    def __enter__(self) -> ClaimSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def claim(self, path: Path, relative: str | None = None) -> Path | None:
        """Rename `path` into this session (under the subfolders of `relative`, its name in
        the inbox); None when another claimed it first."""
        folder = self.folder
        for part in Path(relative or path.name).parts[:-1]:
            folder = folder / safe_name(part)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = unique_path(folder, safe_name(path.name))
        try:
            os.rename(path, target)
        except FileNotFoundError:
            return None
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            if _claim_across_filesystems(path, target) is None:
                return None
        _private(target)  # private from the claim on: a stop may leave it here a while
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
                for p in sorted(other.rglob("*"))
                if p.is_file()
                and not p.name.startswith(".")
                and (moved := self.claim(p, str(p.relative_to(other)))) is not None
            ]
            shutil.rmtree(other, ignore_errors=True)
            return taken
        finally:
            if lock is not None:
                lock.close()

    def subfolder(self, claimed: Path) -> Path:
        """The inbox subfolders a claimed file came from (`clientA/2023`), kept on the way out."""
        return claimed.parent.relative_to(self.folder)

    def finish(self, claimed: Path, error: tuple[str, str] | None, source: str) -> Path:
        """Move a claimed file to processed/, or to quarantine/ with its reason file, under
        the subfolders it had in the inbox."""
        sub = self.subfolder(claimed)
        if error is None:
            folder = self.home / "processed" / sub
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            target = unique_path(folder, claimed.name)
            os.rename(claimed, target)
            _private(target)
        else:
            target = quarantine(self.home, claimed, error, source, move=True, sub=sub)
        self._prune(claimed.parent)
        return target

    def _prune(self, folder: Path) -> None:
        while folder != self.folder and folder.is_relative_to(self.folder):
            try:
                folder.rmdir()
            except OSError:
                return
            folder = folder.parent


def _private(kept: Path) -> None:
    """A kept original readable by its owner alone (a moved file keeps the mode it came with;
    a link is left as it is: chmod would follow it out)."""
    if not kept.is_symlink():
        with contextlib.suppress(FileNotFoundError):  # gone already: nothing to protect
            os.chmod(kept, 0o600)


def inbox_marker(inbox: Path) -> str:
    """What a session writes to say which folder it watches: a digest of the path (the
    path itself may hold an SSN; only what it names is compared)."""
    return hashlib.sha256(os.fsencode(inbox.resolve())).hexdigest()


def watched_inboxes(home: Path) -> set[str]:
    """The markers (`inbox_marker`) of the inboxes live sessions of this home are watching
    (their lock is held)."""
    found: set[str] = set()
    for marker in (home / "processing").glob("*/.inbox"):
        with contextlib.suppress(OSError), (marker.parent / ".lock").open("a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                found.add(marker.read_text().strip())
                continue
            fcntl.flock(lock, fcntl.LOCK_UN)
    return found


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


def quarantine(
    home: Path,
    path: Path,
    error: tuple[str, str],
    source: str,
    *,
    move: bool,
    sub: Path | None = None,
    copy: bool = True,
) -> Path | None:
    """Put `path` (moved, or copied for `backtax run`) in quarantine/ with `<name>.reason.json`.

    A file refused unread (`copy=False`: a link leading outside the folder) and a symbolic
    link are never copied (the reason file alone says why); a file gone before it could
    be copied gets nothing (another claimer has it). What is kept is 0600.
    """
    folder = home / "quarantine" / (sub or "")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = safe_name(path.name)
    same = folder / name
    link = not copy or path.is_symlink()
    try:
        again = not move and same.is_file() and filecmp.cmp(path, same, shallow=False)
    except OSError:
        return None
    target = same if again else unique_path(folder, name)
    reason, stage = error
    record = {
        "source": safe_name(source),
        "reason": safe_name(reason),
        "stage": stage,
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    reason_file = target.with_name(target.name + ".reason.json")
    write_private(reason_file, (json.dumps(record, indent=1) + "\n").encode())
    if move:
        os.rename(path, target)
        _private(target)
    elif not again and not link:  # `backtax run` again over the same folder: one copy is enough
        try:
            shutil.copyfile(path, target, follow_symlinks=False)
        except FileNotFoundError:
            reason_file.unlink(missing_ok=True)
            return None
        os.chmod(target, 0o600)
    return target


def sweep(
    inbox: Path, session: ClaimSession, settle_seconds: float, stall_seconds: float = 300.0
) -> list[tuple[Path, str]]:
    """Claim every finished file under `inbox`: (claimed path, masked name in the inbox) pairs."""
    settler = Settler(settle_seconds, stall_seconds)
    candidates = [p for p, _ in list_inputs(inbox, follow_links=True) if is_candidate(p)]
    for path in candidates:
        settler.note(path)
    if candidates and settle_seconds:
        time.sleep(settle_seconds)
    claimed = []
    for path in settler.ready():
        relative = str(path.relative_to(inbox))
        if (target := session.claim(path, relative)) is not None:
            claimed.append((target, safe_name(relative)))
    return claimed
