"""The kept Prefect server's keeper: a process beside every batch, so a small one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from backtax.flows import home_server
from backtax.flows.settings import Settings


def test_the_keeper_started_beside_the_server_imports_only_the_standard_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`home_server.start` runs the keeper as a module of its own, and that module pulls in
    no third-party package (the flows' settings and HTTP client: 40 MB of a process that
    lives as long as the server)."""
    started: list[list[str]] = []

    class Stop(Exception): ...

    def popen(args: list[str], **kwargs: Any) -> Any:
        started.append(args)
        raise Stop

    monkeypatch.setattr(home_server.subprocess, "Popen", popen)
    with pytest.raises(Stop):
        home_server.start(Settings.load(tmp_path / "home"))
    monkeypatch.undo()  # Popen is the subprocess module's own again
    [args] = started
    module = args[args.index("-m") + 1]
    probe = f"import sys, {module}; print(__import__('json').dumps(sorted(sys.modules)))"
    loaded = json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True,
                                       text=True, check=True).stdout)  # fmt: skip
    third_party = {m.split(".")[0] for m in loaded} & {"httpx", "pydantic", "prefect", "anyio"}
    assert not third_party
