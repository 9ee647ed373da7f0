"""Files at rest: the home is 0700 and everything backtax writes 0600, whatever the umask.

The umask of the process is set to 077 as soon as a home is resolved, so the store, its
WAL, Prefect's results and database (its server is a child process and inherits it),
reports, exports and kept originals are all created private; the helpers here are for
the few files written before or outside that (reason files, locks).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

PRIVATE_UMASK = 0o077


def make_private(home: Path) -> None:
    """Create `home` (0700, tightened if it exists) and keep every later file private."""
    os.umask(PRIVATE_UMASK)
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    if home.stat().st_mode & 0o077:
        os.chmod(home, 0o700)


def private_file(path: Path, mode: str = "w") -> IO[Any]:
    """`open(path, mode)` for writing or appending, the file created 0600."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    return os.fdopen(os.open(path, flags, 0o600), mode)


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` (0600) in full, or leave no partial file behind."""
    try:
        with private_file(path, "wb") as fh:
            fh.write(data)
    except OSError:
        path.unlink(missing_ok=True)
        raise


def sha256_or_none(path: Path) -> str | None:
    """The file's SHA-256, or None when it cannot be read (gone, unreadable)."""
    from backtax.extractors.loader import sha256_of

    try:
        return sha256_of(path)
    except OSError:
        return None
