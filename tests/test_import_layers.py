"""Imports point downwards and inside the one namespace: flows -> validators -> extractors."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = ("extractors", "validators", "flows")
# what each layer may import of ours (the design card: never the other way round)
ALLOWED = {
    "extractors": {"extractors"},
    "validators": {"extractors", "validators"},
    "flows": {"extractors", "validators", "flows"},
}


def _imported(path: Path) -> list[str]:
    """Every absolute module name a file imports."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
            if node.module == "backtax":
                names += [f"backtax.{alias.name}" for alias in node.names]
    return names


def _sources() -> list[Path]:
    return sorted(p for layer in OURS for p in (ROOT / layer).rglob("*.py"))


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_module_imports_only_its_own_layer_and_those_below(path: Path) -> None:
    layer = path.relative_to(ROOT).parts[0]
    for name in _imported(path):
        top = name.split(".")[0]
        assert top not in OURS, f"{name}: import it as backtax.{name}"
        if top == "backtax" and "." in name:
            assert name.split(".")[1] in ALLOWED[layer], f"{layer} may not import {name}"


def test_tests_benches_and_generators_use_the_namespace_too() -> None:
    stray = [
        f"{path.relative_to(ROOT)}: {name}"
        for folder in ("tests", "bench", "sample_docs")
        for path in (ROOT / folder).rglob("*.py")
        for name in _imported(path)
        if name.split(".")[0] in OURS
    ]
    assert not stray


def test_every_folder_of_ours_is_installed() -> None:
    """A package missing from pyproject's list would be missing from the wheel."""
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        "backtax." + ".".join(d.relative_to(ROOT).parts)
        for layer in OURS
        for d in [ROOT / layer, *(ROOT / layer).rglob("*")]
        if d.is_dir() and d.name != "__pycache__" and any(d.glob("*.*"))
    }
    assert listed == found
