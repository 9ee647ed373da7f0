"""Remake every sample family: `python -m sample_docs.generators [SAMPLES_ROOT]`.

Each family module exposes `generate(root: Path)` and writes its own folder under the
samples root (default: the sample_docs folder); add a new family to FAMILIES.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sample_docs.generators import (
    bad,
    cases,
    f1099_a,
    f1099_b_family,
    layouts,
    misc,
    notices,
    returns,
    transcripts,
    w2,
)

# cases last: its folders are drawn with the other families' renderers.
FAMILIES = (w2, misc, bad, f1099_a, f1099_b_family, transcripts, returns, notices, layouts, cases)


def main(root: Path) -> None:
    for family in FAMILIES:
        print(f"generating {family.__name__.rsplit('.', 1)[-1]} under {root}", file=sys.stderr)
        family.generate(root)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1])
