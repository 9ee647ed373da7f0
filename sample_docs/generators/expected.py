"""Write a sample's expected records beside it: `<name>.expected.json`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def expected_path(sample: Path) -> Path:
    return sample.with_name(f"{sample.stem}.expected.json")


def write_expected(sample: Path, records: list[dict[str, Any]]) -> None:
    """The records the extractor must find in `sample`, written from the generator's values."""
    expected_path(sample).write_text(json.dumps(records, indent=2) + "\n")
