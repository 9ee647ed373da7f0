"""The command line's conventions: --version, -q/-v, completion, --home everywhere, light start.

Start-up speed is a benchmark (`bench/flow_bench.py`), not a timed test: what is tested is
what makes it fast, that `--help` and completion load none of the heavy libraries.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import signal
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import psutil
import pytest
import typer
from typer.testing import CliRunner

from backtax.flows import console, home_server
from backtax.flows.cli import app

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "numpy", "cv2", "prefect", "pdfplumber", "pypdf", "pydantic_settings", "httpx")
"""Libraries a command imports where it first needs them, never at start."""

LOADED_AFTER = """
import json, sys
from backtax.flows.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
loaded = [name for name, m in sys.modules.items() if type(m).__name__ != "_LazyModule"]
print(json.dumps(sorted(loaded)), file=sys.stderr)
"""


def modules_loaded_by(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh interpreter has loaded (executed) after running `backtax ARGS`."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED_AFTER, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def heavy_in(modules: set[str]) -> list[str]:
    return [name for name in HEAVY if name in modules]


def command_names() -> list[str]:
    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_help_imports_none_of_the_heavy_libraries() -> None:
    assert heavy_in(modules_loaded_by("--help")) == []


@pytest.mark.parametrize("command", ["extract", "run", "watch", "serve", "export", "correct"])
def test_a_command_help_imports_none_of_the_heavy_libraries(command: str) -> None:
    assert heavy_in(modules_loaded_by(command, "--help")) == []


def test_extract_of_a_text_pdf_loads_neither_opencv_nor_pandas_nor_prefect(tmp_path: Path) -> None:
    text_pdf = ROOT / "sample_docs" / "w2" / "irs_2024_fillable_jane_acme.pdf"
    loaded = modules_loaded_by("extract", str(text_pdf), "--json", "--home", str(tmp_path))
    assert "pdfplumber" in loaded  # it did read the file
    assert [name for name in ("cv2", "pandas", "prefect") if name in loaded] == []


def test_shell_completion_lists_commands_without_heavy_imports() -> None:
    env = {"_BACKTAX_COMPLETE": "complete_bash", "COMP_WORDS": "backtax ex", "COMP_CWORD": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "backtax.flows"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env},
        timeout=120,
    )
    # the program is named `backtax` under `python -m flows` too; exactly the two commands
    # starting with "ex" (the help text would hold them among many other words)
    assert done.stdout.split() == ["export", "extract"]
    assert heavy_in(modules_loaded_by(env=env)) == []


def test_show_completion_prints_a_script_for_the_shell() -> None:
    result = CliRunner().invoke(app, ["--show-completion", "bash"])
    assert result.exit_code == 0
    assert "complete" in result.stdout


def test_version_is_the_installed_distribution() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"backtax {version('backtax')}"


def test_every_command_takes_home() -> None:
    command = typer.main.get_command(app)
    refused = [
        name
        for name, sub in command.commands.items()  # type: ignore[attr-defined]
        if not any("--home" in p.opts for p in sub.params)
    ]
    assert command_names() and refused == []


def test_rules_takes_home(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["rules", "--json", "--home", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)


def test_quiet_silences_what_was_done_but_not_errors(tmp_path: Path) -> None:
    out = tmp_path / "out"
    loud = CliRunner().invoke(app, ["export", "--home", str(tmp_path), "--output", str(out)])
    quiet = CliRunner().invoke(app, ["-q", "export", "--home", str(tmp_path), "--output", str(out)])
    assert loud.exit_code == quiet.exit_code == 0
    assert "wrote" in loud.stderr and quiet.stderr == ""
    missing = CliRunner().invoke(app, ["-q", "extract", str(tmp_path / "nothing.pdf")])
    assert missing.exit_code != 0 and missing.stderr.strip()


@pytest.mark.parametrize(("flags", "level"), [(["-v"], "INFO"), (["-vv"], "DEBUG"), ([], None)])
def test_verbose_raises_the_log_level_prefect_is_given(
    flags: list[str], level: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "environ", dict(os.environ))
    monkeypatch.setattr(console, "verbosity", 0)
    CliRunner().invoke(app, [*flags, "rules", "--json"])
    settings = console.setup(tmp_path)
    expected = level or type(settings).model_fields["log_level"].default
    assert settings.log_level == expected
    assert os.environ["PREFECT_LOGGING_LEVEL"] == expected


@pytest.mark.parametrize("package", ["prefect", "pandas", "typer"])
def test_setup_compiled_the_installed_packages_to_bytecode(package: str) -> None:
    """Every process would otherwise compile what it imports (scripts/setup)."""
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.origin is not None
    sources = list(Path(spec.origin).parent.rglob("*.py"))
    compiled = [p for p in sources if Path(importlib.util.cache_from_source(str(p))).is_file()]
    assert len(compiled) >= 0.95 * len(sources)


def session_of(process: psutil.Process) -> int | None:
    try:
        return os.getsid(process.pid)
    except OSError:
        return None


def test_the_kept_prefect_server_stops_once_idle(tmp_path: Path) -> None:
    """Its keeper stops it (and itself) when no command renewed the lease within the idle time."""
    prefect_home = tmp_path / "prefect"
    prefect_home.mkdir()
    (prefect_home / "home-server.lease").touch()
    port = str(home_server.free_port())
    keeper = subprocess.Popen(
        [sys.executable, "-m", "backtax.flows.home_server", str(prefect_home), port, "0"],
        cwd=ROOT,
        env={**os.environ, "PREFECT_HOME": str(prefect_home)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert keeper.wait(timeout=300) == 0
        assert [p for p in psutil.process_iter() if session_of(p) == keeper.pid] == []
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(keeper.pid, signal.SIGKILL)
