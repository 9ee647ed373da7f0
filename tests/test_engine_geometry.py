"""The engine's geometry and label matching on hand-made pages: words placed where a
layout would print them, the expected reading from that placement."""

from __future__ import annotations

from backtax.extractors.forms._copies import split_copies
from backtax.extractors.forms._year import find_tax_year
from backtax.extractors.page import Box, Page, Word

CHAR = 5.0  # points per character of the hand-made words
HEIGHT = 8.0


def page(*placed: tuple[str, float, float], method: str = "text") -> Page:
    """A page of words, each line `(text, x, y)` split at spaces into words."""
    words = []
    for text, x, y in placed:
        for part in text.split(" "):
            if part:
                words.append(Word(part, Box(x, y, x + CHAR * len(part), y + HEIGHT), 1.0, method))
            x += CHAR * (len(part) + 1)
    return Page(1, 612, 792, words, method)  # type: ignore[arg-type]


def test_form_title_and_footer_are_no_second_copy() -> None:
    sheet = page(
        ("Form 1098-E Statement", 370, 200), ("Form 1098-E (keep for your records)", 80, 320)
    )
    assert len(split_copies(sheet.region, ("Form 1098-E",))) == 1


def test_two_copies_side_by_side_are_split() -> None:
    sheet = page(
        ("Form 1099-INT", 40, 100),
        ("1 Interest income 100.00", 40, 120),
        ("Form 1099-INT", 340, 100),
        ("1 Interest income 100.00", 340, 120),
    )
    copies = split_copies(sheet.region, ("Form 1099-INT",))
    assert [len(c.words) for c in copies] == [6, 6]


def test_year_of_a_date_in_prose_is_no_tax_year() -> None:
    notes = page(("loans made before September", 280, 300), ("1, 2004", 300, 311))
    assert find_tax_year(notes.region) is None


def test_year_printed_alone_is_the_tax_year() -> None:
    assert find_tax_year(page(("2021", 400, 100), ("Student Loan", 430, 100)).region) == 2021
