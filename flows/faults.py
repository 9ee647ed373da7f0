"""Faults of the machine, not of a document, as one sentence each: what is wrong, what to do.

A full disk, a home that cannot be written, a store that is not a database: each ends
the command with one line on stderr and exit status 2 (the home, the configuration) or
3 (the store's data), never a traceback. `preflight` finds them before a flow starts,
so that Prefect's own logs never carry them.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

EXIT_CONFIG = 2
EXIT_INPUT = 3
MIN_FREE_BYTES = 20 * 1024 * 1024
FULL = (errno.ENOSPC, errno.EDQUOT)
DENIED = (errno.EROFS, errno.EACCES, errno.EPERM)


class HomeFault(Exception):
    """A fault of the home or the store, with its sentence and exit status."""

    def __init__(self, sentence: str, status: int) -> None:
        super().__init__(sentence)
        self.status = status


def explain(exc: BaseException) -> HomeFault | None:
    """The sentence for a fault of the machine, or None for anything else."""
    if isinstance(exc, HomeFault):
        return exc
    if isinstance(exc, OSError) and exc.errno in FULL:
        where = _where(exc)
        return HomeFault(f"the disk is full{where}: free some space and run again", EXIT_CONFIG)
    if isinstance(exc, OSError) and exc.errno in DENIED:
        return HomeFault(
            f"cannot write{_where(exc)} ({exc.strerror}): check the folder's permissions, "
            "or choose another home with --home",
            EXIT_CONFIG,
        )
    if isinstance(exc, sqlite3.DatabaseError):
        text = str(exc)
        if "disk is full" in text:
            return HomeFault("the disk holding the results store is full: free some space", 2)
        if "readonly" in text or "unable to open" in text:
            return HomeFault(f"cannot write the results store ({text}): check --home", 2)
        return HomeFault(
            f"the results store is corrupt ({text}): move backtax.sqlite aside to start a new "
            "one, or put a backup in its place",
            EXIT_INPUT,
        )
    return None


def _where(exc: OSError) -> str:
    from backtax.extractors.names import shown_name

    return f" at {shown_name(os.fsdecode(exc.filename))}" if exc.filename else ""


def preflight(home: Path, database: Path) -> None:
    """The home can be written and has room, and the store (if any) opens: else HomeFault."""
    probe = home / ".write-test"
    try:
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise explain(exc) or exc from None
    if shutil.disk_usage(home).free < MIN_FREE_BYTES:
        raise HomeFault(f"the disk holding {home} is full: free some space and run again", 2)
    if database.is_file():
        try:
            with sqlite3.connect(database) as db:
                db.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            raise explain(exc) from None


@contextmanager
def sentences() -> Iterator[None]:
    """Turn a fault of the machine raised by a command into its sentence and exit status."""
    try:
        yield
    except Exception as exc:
        fault = explain(exc)
        if fault is None:
            raise
        from rich.markup import escape

        from backtax.flows.console import stderr

        stderr.print(f"[red]error[/red] {escape(str(fault))}")
        sys.exit(fault.status)
