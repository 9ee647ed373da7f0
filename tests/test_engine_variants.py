"""Printers' variants the widened layout families exposed, on hand-made pages: a grid's
wrapped label beside another cell's, a Box column before or after the wording, amounts as
statements print them. The expected values are the ones placed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from word_pages import page, read

from backtax.extractors.page import Box
from backtax.extractors.values import parse_money


def test_a_wrapped_label_past_a_cell_border_a_few_points_on() -> None:
    """A grid's cells 70 points wide: box 2's `Contributions Made` ends 6 points before
    box 3's wrapped `ARCHER MSA`, a cell border between them: box 3's label goes on there
    (its first line alone would end at `HSA`, which its value runs under)."""
    sheet = page(
        ("2 Total", 302, 42),
        ("Contributions Made", 302, 50),
        ("3 TOTAL HSA OR", 398, 42),
        ("ARCHER MSA", 398, 50),
        ("41322.85", 306, 62),
        ("21,467.88", 402, 62),
    )
    sheet.rules = [Box(x, 38, x + 0.5, 74) for x in (300.0, 395.0, 470.0)]
    doc = read("5498-SA", sheet)
    assert doc.fields["box2_total_contributions"] == "41322.85"
    assert doc.fields["box3_contributions_made_next_year"] == "21467.88"


@pytest.mark.parametrize(
    ("doc_type", "label"),
    [
        ("1099-INT", "Acct #:"),
        ("1099-DIV", "Account #"),
        ("1098", "Acct. No."),
        ("1099-R", "Acct Nbr:"),
        ("5498", "ACCOUNT NO."),
    ],
)
def test_an_abbreviated_account_label_is_the_account_number(doc_type: str, label: str) -> None:
    """Banks and brokers print `Acct #`, `Acct. No.` and `Account #` as often as `Account
    number`: `No.`, `Nbr` and `#` are `number`, `Acct` is `account`, for every form."""
    sheet = page((f"{label}  819-92013", 314, 90), ("PAYER'S TIN  36-4021987", 40, 90))
    doc = read(doc_type, sheet)
    assert doc.fields["account_number"] == "819-92013"


@pytest.mark.parametrize("code", ["7", "G"])
def test_the_next_pairs_box_number_is_no_part_of_a_code(code: str) -> None:
    """A letter's table with two pairs of `Box | Description | Total` columns: the left
    pair's code, right-aligned, stands 10 points before the right pair's Box column (`13`),
    whose number begins that pair's row and is no part of the code; a code equal to its
    own box's number (`7`) is still the code. A footnote under the table is no value."""
    doc = read(
        "1099-R",
        page(
            ("1", 44, 300),
            ("Gross distribution", 86, 300),
            ("436.11", 268, 300),
            ("8", 310, 300),
            ("Other", 352, 300),
            ("639.06", 534, 300),
            ("7", 44, 339),
            ("Distribution code(s)", 86, 339),
            (code, 295, 339),
            ("13", 310, 339),
            ("Date of payment", 352, 339),
            ("07/12/2022", 512, 339),
            ("* Amounts are shown in U.S. dollars.", 40, 359),
        ),
    )
    assert doc.fields["box7_distribution_code"] == code
    assert doc.fields["box13_date_of_payment"] == "2022-07-12"
    assert doc.fields["box1_gross_distribution"] == "436.11"
    assert doc.fields["box8_other"] == "639.06"


def test_a_parenthesis_on_one_side_makes_no_amount() -> None:
    """`(Box` / `4)` wrapped over two lines: `4)` is no negative four; `(56.00)` is -56."""
    assert parse_money("4)") is None
    assert parse_money("(1,234.56") is None
    assert parse_money("(56.00)") == Decimal("-56.00")
    assert parse_money("56.00-") == Decimal("-56.00")


def test_a_count_equal_to_its_box_number_in_the_next_ruled_cell() -> None:
    """A letter's ruled table `Description | Total | Description | Total`: the count `3`
    in the cell after `Number of payment transactions (Box 3)` is box 3's count, not a
    Box column printing the box's number again (the label prints it already)."""
    sheet = page(
        ("Gross amount of payment card/third party", 46, 318),
        ("network (Box 1a)", 46, 330),
        ("$416.69", 268, 330),
        ("Box 5j - OCTOBER", 312, 318),
        ("$791.71", 534, 318),
        ("Number of payment transactions (Box 3)", 46, 345),
        ("3", 295, 345),
        ("Box 5l - December", 312, 345),
        ("$42,519.70", 521, 345),
        ("Box 5d - April", 46, 360),
        ("$831.98", 268, 360),
    )
    sheet.rules = [Box(x, 292, x + 0.5, 372) for x in (40.0, 240.0, 306.0, 498.0, 572.0)]
    doc = read("1099-K", sheet)
    assert doc.fields["box3_number_of_transactions"] == 3
    assert doc.fields["box1a_gross_payments"] == "416.69"
    assert doc.fields["box5l_december"] == "42519.70"
    assert doc.fields["box5d_april"] == "831.98"


def test_a_whole_dollar_amount_after_a_wrapped_box_reference() -> None:
    """`Reportable winnings (Box` / `1)` with `60,588` (no cents) after `(Box` on the
    label's first line: a number with a thousands comma after `Box` is an amount, no box's
    or form's number."""
    doc = read(
        "W-2G",
        page(
            ("Reportable winnings (Box", 40, 167),
            ("60,588", 163, 167),
            ("1)", 40, 177),
            ("Federal income tax withheld (Box 4)", 40, 200),
            ("$31,596", 240, 200),
        ),
    )
    assert doc.fields["box1_gross_winnings"] == "60588.00"
    assert doc.fields["box4_federal_tax_withheld"] == "31596.00"


def test_a_label_that_begins_with_another_boxs_number_is_its_own() -> None:
    """1099-G box 3's wording `Box 2 amount is for tax year`, printed without its own
    number right under box 2's row: its `Box 2` is no `(Box 2)` of box 2's label wrapped."""
    doc = read(
        "1099-G",
        page(
            ("Unemployment compensation", 40, 176),
            ("19,327.78", 345, 176),
            ("State or local income tax refunds", 40, 189),
            ("575.40", 356, 189),
            ("Box 2 amount is for tax year", 40, 202),
            ("2024", 363, 202),
        ),
    )
    assert doc.fields["box3_tax_year_of_refund"] == 2024
    assert doc.fields["box2_state_local_refund"] == "575.40"


def test_an_account_number_ends_where_the_next_columns_lines_start() -> None:
    """A two-column statement a 6-point gutter apart: `Account number  829-94481` and, on
    its line, the right column's wrapped label (`Student` / `loan` / `interest` / ...), its
    words starting at one x: the account number is 829-94481, no `829-94481 interest`."""
    doc = read(
        "1098-E",
        page(
            ("Payer's TIN", 40, 142),
            ("23-6003113", 323, 142),
            ("Student", 389, 142),
            ("loan", 389, 154),
            ("interest", 389, 166),
            ("Account number", 40, 168),
            ("829-94481", 338, 168),
            ("received by lender", 389, 178),
            ("$95,761.67", 520, 190),
        ),
    )
    assert doc.fields["account_number"] == "829-94481"


def test_a_count_equal_to_its_box_number_past_a_ruled_box_column() -> None:
    """A boxed table `Description | Box No. | Amount`, ruled columns: `Number of payment
    transactions | 3 | 3`: past the Box column's `3` the amount column's `3` is the count
    (one Box column is passed, never the value's cell)."""
    sheet = page(
        ("Description", 45, 393),
        ("Box No.", 381, 393),
        ("Amount", 455, 393),
        ("Gross amount of payment card/third party network", 45, 413),
        ("1a", 381, 413),
        ("$", 442, 413),
        ("746.02", 465, 413),
        ("Number of payment transactions", 45, 433),
        ("3", 381, 433),
        ("3", 488, 433),
        ("March", 45, 453),
        ("5c", 381, 453),
        ("$", 449, 453),
        ("5,149", 470, 453),
    )
    sheet.rules = [Box(x, 388, x + 0.5, 470) for x in (40.0, 376.0, 420.0, 500.0)]
    doc = read("1099-K", sheet)
    assert doc.fields["box3_number_of_transactions"] == 3
    assert doc.fields["box1a_gross_payments"] == "746.02"
    assert doc.fields["box5c_march"] == "5149.00"


def test_the_irs_wording_of_1099r_box_11_without_its_number() -> None:
    """Box 11 as the IRS prints it, `1st year of desig. Roth contrib.`, on a statement's
    line without its number: `desig.` between `of` and `Roth` is no other box's label
    carried on, and the year after it is box 11's."""
    doc = read(
        "1099-R",
        page(
            ("Gross distribution", 40, 150),
            ("$1,234.56", 300, 150),
            ("1st year of desig. Roth contrib.", 40, 165),
            ("2021", 300, 165),
        ),
    )
    assert doc.fields["box11_first_year_roth"] == 2021
    assert doc.fields["box1_gross_distribution"] == "1234.56"
