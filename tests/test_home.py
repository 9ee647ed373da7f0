"""The home's TIN secret: one key per home, whole, even when a first batch's tasks race."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

from backtax.flows.home import tin_secret


def _race(home: Path, n: int = 8) -> tuple[list[bytes], list[OSError]]:
    """`n` threads asking for the home's key at once."""
    start, keys, errors = threading.Barrier(n), [], []

    def take() -> None:
        start.wait()
        try:
            keys.append(tin_secret(home))
        except OSError as err:
            errors.append(err)

    threads = [threading.Thread(target=take) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return keys, errors


def test_racing_tasks_of_a_first_batch_all_get_the_one_whole_key(tmp_path: Path) -> None:
    for n in range(30):
        home = tmp_path / str(n)
        home.mkdir()
        keys, errors = _race(home)
        assert errors == []
        assert len(set(keys)) == 1 and len(keys[0]) == 32
        assert sorted(p.name for p in home.iterdir()) == ["tin.key"]
        assert stat.S_IMODE((home / "tin.key").stat().st_mode) == 0o600
