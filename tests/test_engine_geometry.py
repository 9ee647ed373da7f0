"""The engine's geometry and label matching on hand-made pages: words placed where a
layout would print them, the expected reading from that placement."""

from __future__ import annotations

from pathlib import Path

import pytest
from word_pages import page, read

from backtax.extractors.forms._copies import split_copies
from backtax.extractors.forms._year import find_tax_year
from backtax.extractors.forms.engine.values import money_candidates
from backtax.extractors.page import Box, Page, Word


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


def test_year_in_a_box_label_is_no_tax_year() -> None:
    """1099-G box 3 (`Box 2 amount is for tax year`) holds the year a refund was for, not
    the form's year: a statement heading `2024 Form 1099-G` with box 3 printing `2023`."""
    statement = page(
        ("2024 Form 1099-G Statement", 40, 60),
        ("Box 3 Box 2 amount is for tax year 2023", 40, 200),
    )
    assert find_tax_year(statement.region) == 2024
    grid = page(("Form 1099-G 2024", 40, 60), ("3 Box 2 amount is for tax year", 40, 200))
    grid.words += page(("2023", 60, 212)).words
    assert find_tax_year(grid.region) == 2024


def _found(label: str, *placed: tuple[str, float, float], method: str = "text") -> list[str]:
    return [
        " ".join(w.text for w in h.words) for h in page(*placed, method=method).region.find(label)
    ]


def test_label_found_with_its_spaces_dropped() -> None:
    assert _found("1 Federal income tax withheld", ("1Federalincome tax withheld", 50, 50)) == [
        "1Federalincome tax withheld"
    ]


def test_label_found_with_a_word_split_or_hyphenated() -> None:
    assert _found("Nonemployee compensation", ("Non employee compensation", 50, 50)) == [
        "Non employee compensation"
    ]
    assert _found("Federal income tax withheld", ("Federal income tax with- held", 50, 50)) == [
        "Federal income tax with- held"
    ]
    assert _found("Nonemployee compensation", ("Non-employee compensation", 50, 50)) == [
        "Non-employee compensation"
    ]


def test_an_abbreviation_that_begins_its_word_finds_the_label_once() -> None:
    """`Num` both abbreviates `Number` and begins it (a space added): one label, one hit."""
    found = _found("Number of payment transactions", ("Num of payment transactions", 40, 100))
    assert found == ["Num of payment transactions"]


def test_doubled_spaces_keep_the_label() -> None:
    assert _found("Interest income", ("Interest   income", 50, 50)) == ["Interest income"]


def test_ocr_misread_inner_word_of_a_long_label_is_found_at_lower_quality() -> None:
    words = ("1 Student loan interest rearived by lender", 50, 50)
    hits = page(words, method="ocr").region.find("Student loan interest received by lender")
    assert [h.quality for h in hits] == [0.85]
    assert page(words).region.find("Student loan interest received by lender") == []


def test_a_different_word_is_no_label() -> None:
    assert _found("Federal income tax withheld", ("Federal income tax refunded", 50, 50)) == []
    assert _found("Interest income", ("Interestincomes", 50, 50)) == []


def test_label_wrapped_in_its_cell_is_found_on_both_lines() -> None:
    cell = (("Federal income tax", 60, 100), ("withheld", 60, 110), ("Other", 300, 110))
    assert _found("Federal income tax withheld", *cell) == ["Federal income tax withheld"]
    hyphenated = (("Federal income tax with-", 60, 100), ("held", 60, 110))
    assert _found("Federal income tax withheld", *hyphenated) == ["Federal income tax with- held"]


def test_wrapped_label_may_have_its_value_on_the_first_line() -> None:
    cell = (("Early withdrawal 12.00", 60, 100), ("penalty", 60, 110))
    assert _found("Early withdrawal penalty", *cell) == ["Early withdrawal penalty"]


def test_a_word_of_another_cell_below_continues_no_label() -> None:
    apart = (("Early withdrawal", 60, 100), ("penalty", 200, 110))
    assert _found("Early withdrawal penalty", *apart) == []
    mid_run = (("Early withdrawal", 60, 100), ("no penalty", 35, 110))
    assert _found("Early withdrawal penalty", *mid_run) == []


def test_label_wrapped_over_three_lines_beats_its_own_first_words() -> None:
    cell = (("BOND PREMIUM ON 565.86", 80, 100), ("TREASURY", 80, 110), ("OBLIGATIONS", 80, 120))
    assert _found("Bond premium on Treasury obligations", *cell) == [
        "BOND PREMIUM ON TREASURY OBLIGATIONS"
    ]


def test_amount_after_a_box_label_is_no_box_number() -> None:
    row = page(("Box 1 Wages, tips and other compensation: $37,299.43", 40, 100))
    label = {id(w) for w in row.words[1:-1]}  # the label hit: `1 Wages ... compensation:`
    assert [c.text for c in money_candidates(row.region, label)] == ["$37,299.43"]
    schedule = page(("Schedule C (Form 1040)", 40, 100))
    assert money_candidates(schedule.region, set()) == []


def test_form_code_never_calls_ocr() -> None:
    """Form, return and notice modules ask the page to read a part again; only readers run
    an OCR engine."""
    root = Path(__file__).resolve().parents[1] / "extractors"
    modules = [p for d in ("forms", "returns", "notices") for p in (root / d).rglob("*.py")]
    calls = [p.name for p in modules if "readers.ocr" in p.read_text()]
    assert modules and calls == []


def test_a_page_reads_a_part_again_through_its_reader() -> None:
    asked: list[tuple[Box, int, str]] = []

    def reader(
        page: Page, box: Box, psm: int = 7, alphabet: str = "", leaders: bool = False
    ) -> list[Word]:
        asked.append((box, psm, alphabet))
        return [Word("D", box, 0.9, "ocr")]

    scan = page(("12a", 300, 100), method="ocr")
    assert page(("12a", 300, 100)).read_again(Box(300, 100, 320, 108)) == []
    scan.rereader = reader
    assert [w.text for w in scan.read_again(Box(300, 100, 320, 108), alphabet="D")] == ["D"]
    assert asked == [(Box(300, 100, 320, 108), 7, "D")]


def test_a_state_row_read_again_leaves_out_a_number_ocr_was_unsure_of() -> None:
    """A fax's 1099-INT state row whose state OCR misread (`Ik`) is read again: the second
    reading's `IL` is taken, its `$9130` at confidence 0.21 (`$91.30`, the point lost) is
    not: the tax is left blank, not read as 9130.00."""

    def reader(
        page: Page, box: Box, psm: int = 7, alphabet: str = "", leaders: bool = False
    ) -> list[Word]:
        return [
            Word("IL", Box(404, 343, 414, 351), 0.59, "ocr"),
            Word("$9130", Box(504, 343, 530, 351), 0.21, "ocr"),
        ]

    scan = page(
        ("1 Interest income", 40, 100),
        ("1,845.22", 40, 112),
        ("15 State", 392, 331),
        ("16 State identification no.", 430, 331),
        ("17 State tax withheld", 520, 331),
        ("Ik IL-0044321", 404, 343),
        method="ocr",
    )
    scan.rereader = reader
    doc = read("1099-INT", scan)
    assert doc.fields["box1_interest_income"] == "1845.22"
    assert [r["state"] for r in doc.fields["state"]] == ["IL"]  # the second reading's
    assert [r.get("state_tax_withheld") for r in doc.fields.get("state", [])] in ([], [None])


# The 1099-NEC state row of the OCR pages below (nec_irs_2023_brightline.expected.json)
NEC_OREGON_ROW = {
    "state_tax_withheld": "922.50",
    "state": "OR",
    "payer_state_id": "OR-118866",
    "state_income": "18450.00",
}


def _nec_state_row(state_id: str, income_x: float = 500, income_label: bool = True) -> Page:
    """Those pages' box 1 and state row: the state and its ID read as `state_id`, the state
    income `$18,450.00` at `income_x`, box 7's label read where `income_label`."""
    return page(
        ("1 Nonemployee compensation", 290, 100),
        ("$18,450.00", 290, 112),
        ("5 State tax withheld", 290, 205),
        ("6 State/Payer's state no.", 376, 205),
        *[("7 State income", 500, 205)] * income_label,
        ("$922.50", 297, 216),
        (state_id, 378, 216),
        ("$18,450.00", income_x, 216),
        method="ocr",
    )


@pytest.mark.parametrize(
    "read_as", ["OROR-118866", "OR _OR-118866", "OR OR- 118866", "OR OR-118866_"]
)
def test_a_state_and_its_id_glued_specked_or_split_are_read_apart(read_as: str) -> None:
    """A 1099-NEC's `OR  OR-118866` as OCR reads it: PP-OCR drops the blank between the
    state and its ID (`OROR-118866`), a binarised scan reads a speck before the ID
    (`_OR-118866`), a 150 dpi scan splits it after its hyphen (`OR- 118866`): the row is
    read, the state and the ID printed apart."""
    assert read("1099-NEC", _nec_state_row(read_as)).fields["state"] == [NEC_OREGON_ROW]


def test_a_box_number_ocr_read_with_a_digit_more_is_no_value() -> None:
    """A fax's 1099-INT whose box 11 number Tesseract read `114`, tight before its wording:
    that is box 11's label, not an amount of a box near it (box 9 above is left blank, box
    10 beside it holds 15.75)."""
    scan = page(
        ("8 Tax-exempt interest", 300, 230),
        ("9 Specified private activity bond interest", 400, 230),
        ("$ 260.00", 300, 254),
        ("$", 400, 254),
        ("10 Market discount", 300, 266),
        ("114 Bond premium", 400, 266),
        ("$ 15.75", 300, 285),
        ("$ 22.10", 400, 285),
        method="ocr",
        conf=0.9,
    )
    doc = read("1099-INT", scan)
    assert doc.fields["box8_tax_exempt_interest"] == "260.00"
    assert doc.fields["box10_market_discount"] == "15.75"
    assert doc.fields["box11_bond_premium"] == "22.10"
    assert "box9_specified_private_activity_bond_interest" not in doc.fields


@pytest.mark.parametrize("income_label", [True, False])
def test_a_state_income_read_into_the_id_cell_is_the_income(income_label: bool) -> None:
    """A 1099-NEC fax whose state income `$18,450.00` falls in the ID's cell (printed left
    of box 7's label, or box 7's label unread: the ID's cell then reaches the edge): the ID
    is `OR-118866` and the amount box 7's (it had been read as the ID `OR-118866
    $18,450.00`, the income blank)."""
    scan = _nec_state_row("OR OR-118866", 435 if income_label else 505, income_label)
    doc = read("1099-NEC", scan)
    assert doc.fields["state"] == [NEC_OREGON_ROW]
