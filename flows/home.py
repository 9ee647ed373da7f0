"""The backtax home folder: where everything backtax writes lives."""

from __future__ import annotations

import os
import secrets
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
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(32))
    return path.read_bytes()
