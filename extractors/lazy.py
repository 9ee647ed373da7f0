"""Heavy libraries loaded when first used, not when imported (OpenCV: 0.4 s a process),
or only the part of a package that is used (`compiled_module`).

Text pages never touch OpenCV, so `backtax extract` of a text PDF does without it.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def lazy_import(name: str) -> ModuleType:
    """`name` as a module that is executed at its first attribute access (the standard
    library's LazyLoader); the real module if it is already imported."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def compiled_module(name: str) -> ModuleType:
    """The compiled (extension) module `name` loaded on its own, without running its
    package's `__init__`: `scipy.optimize` imports 0.4 s of modules a process for its one
    function used here (`_lsap.linear_sum_assignment`). Imported as usual when `name` is
    not a compiled module in its package's folder."""
    package, _, leaf = name.rpartition(".")
    spec = importlib.util.find_spec(package)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            found = importlib.util.spec_from_file_location(name, Path(folder) / f"{leaf}{suffix}")
            if found and found.loader and Path(found.origin or "").is_file():
                module = importlib.util.module_from_spec(found)
                found.loader.exec_module(module)
                return module
    return importlib.import_module(name)
