"""Installed as a user installs it: the wheel built from this checkout, `uv tool install`ed
into a fresh tool environment beside PyPI's `validators` (from the package index).

backtax's folders are installed under one namespace (`backtax.extractors`,
`backtax.validators`, `backtax.flows`), so PyPI's `validators` keeps its own files (each
matches the hash its distribution's RECORD gives) and both import; the tool's `backtax`
runs, and Prefect's commands are reachable through it (`backtax prefect ...`) though the
tool puts no `prefect` on the PATH.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UV = [sys.executable, "-m", "uv"]

PROBE = """
import base64, hashlib, importlib.metadata as md, importlib.util, sys
import validators
import backtax.extractors.pipeline, backtax.flows.cli, backtax.validators.api
dist = md.distribution("validators")
for f in dist.files:
    if f.hash and f.suffix == ".py":
        digest = base64.urlsafe_b64encode(hashlib.sha256(f.read_binary()).digest()).rstrip(b"=")
        assert digest.decode() == f.hash.value, f"{f} was overwritten"
assert validators.email("someone@example.com") is True
assert validators.__file__.startswith(str(dist.locate_file("validators")))
assert backtax.validators.api.__name__ == "backtax.validators.api"
for name in ("flows", "extractors"):
    assert importlib.util.find_spec(name) is None, f"top-level {name} installed"
print("ok", dist.version)
"""


def run(command: list[str | Path], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, timeout=900, check=False, **kw
    )  # type: ignore[call-overload]


def test_uv_tool_install_beside_pypi_validators(tmp_path: Path) -> None:
    # the sdist first, then the wheel from it: what a checkout's build/ holds plays no part
    built = run([*UV, "build", "--out-dir", tmp_path / "dist", ROOT])
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("backtax-*.whl")
    tools, bin_dir = tmp_path / "tools", tmp_path / "bin"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "BACKTAX_"))},
        "UV_TOOL_DIR": str(tools), "UV_TOOL_BIN_DIR": str(bin_dir),
        "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }  # fmt: skip
    installed = run(
        [*UV, "tool", "install", wheel, "--with", "validators", "--python", sys.executable,
         "-c", ROOT / "requirements.lock", "--overrides", ROOT / "overrides.txt"],
        env=env,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    assert sorted(p.name for p in bin_dir.iterdir()) == ["backtax"]  # no `prefect` of its own

    probe = run([tools / "backtax" / "bin" / "python", "-c", PROBE], env=env, cwd=tmp_path)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.startswith("ok ")

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    shown = run([bin_dir / "backtax", "--version"], env=env, cwd=tmp_path)
    assert shown.stdout.strip() == f"backtax {version}", shown.stderr
    home = tmp_path / "home"
    prefect = run(
        [bin_dir / "backtax", "prefect", "--home", home, "version"], env=env, cwd=tmp_path
    )
    assert prefect.returncode == 0, prefect.stderr
    assert "Version:" in prefect.stdout and (home / "prefect").is_dir()  # PREFECT_HOME there
