"""Hand-made pages for engine tests: words placed by line, in points, at a fixed pitch."""

from __future__ import annotations

from backtax.extractors.forms._catalog import form_spec
from backtax.extractors.forms.engine.kind import FormKind
from backtax.extractors.kinds import Extracted
from backtax.extractors.page import Box, Page, Word

CHAR = 5.0  # points per character of the hand-made words
HEIGHT = 8.0


def page(
    *placed: tuple[str, float, float], method: str = "text", conf: float = 1.0, number: int = 1
) -> Page:
    """Page `number` of words, each line `(text, x, y)` split at single spaces (a doubled
    space is a wider gap between two words)."""
    words = []
    for text, x, y in placed:
        for part in text.split(" "):
            if part:
                words.append(Word(part, Box(x, y, x + CHAR * len(part), y + HEIGHT), conf, method))
            x += CHAR * (len(part) + 1)
    return Page(number, 612, 792, words, method)  # type: ignore[arg-type]


def read(doc_type: str, sheet: Page) -> Extracted:
    """The one document `doc_type`'s form engine reads on `sheet`."""
    docs = FormKind(form_spec(doc_type)).extract([sheet])
    assert len(docs) == 1
    return docs[0]
