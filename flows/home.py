"""The backtax home folder: where everything backtax writes lives."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from platformdirs import user_data_dir

from backtax.flows.files import make_private


def resolve_home(home: Path | str | None = None) -> Path:
    """`--home`, else `BACKTAX_HOME`, else the platform's user data folder for backtax."""
    chosen = home or os.environ.get("BACKTAX_HOME") or user_data_dir("backtax", appauthor=False)
    path = Path(chosen).expanduser().resolve()
    make_private(path)
    return path


def tin_secret(home: Path) -> bytes:
    """The HMAC secret for `recipient_tin_key`, created once per home (mode 0600)."""
    path = home / "tin.key"
    if not path.exists():
        # written whole beside it, then linked in: tasks of a first batch racing for it all
        # read one complete key (O_EXCL on the key itself let one fail, another read it empty)
        fd, tmp = tempfile.mkstemp(dir=home, prefix=".tin.key.")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(secrets.token_bytes(32))
            os.link(tmp, path)
        except FileExistsError:
            pass  # another task made it first: its key is the home's
        finally:
            os.unlink(tmp)
    return path.read_bytes()
