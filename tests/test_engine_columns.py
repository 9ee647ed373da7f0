"""Two-column statements on hand-made pages: columns a narrow gutter apart, labels
wrapped, values right-aligned at their column's right edge on the label's line or under
it. The left column ends at x 190, the right one starts at 200; the expected values are
the ones placed (a value's x is its column's edge less its width, 5 points a letter)."""

from __future__ import annotations

from dataclasses import replace

from word_pages import page, read

from backtax.extractors.page import Box


def test_a_label_wraps_beside_the_left_columns_value() -> None:
    """`Box 4 Federal income tax` / `withheld` in the right column; the left column's TIN
    ends 10 points before `withheld` on its line: the wrapped label is still found (it is
    no run of words after the TIN), its amount under it is box 4's, and box 8's check
    label `income` is not read out of it."""
    doc = read(
        "1099-G",
        page(
            ("Recipient's TIN", 40, 100),
            ("Box 4 Federal income tax", 200, 100),
            ("XXX-XX-2468", 135, 111),
            ("withheld", 200, 111),
            ("$76,530.17", 290, 122),
            ("Box 1 Unemployment compensation", 40, 140),
            ("573.54", 160, 151),
        ),
    )
    assert doc.fields["box4_federal_tax_withheld"] == "76530.17"
    assert doc.fields["box1_unemployment_compensation"] == "573.54"
    assert "box8_trade_or_business" not in doc.fields


def test_a_value_under_its_label_is_not_in_the_left_labels_wrapped_row() -> None:
    """W-2 box 1's label wraps onto a second line that ends with its amount; box 7's
    amount, under box 7's label in the right column, is on that second line too: it is
    box 7's (the left label's row does not reach past box 7's label into its column)."""
    doc = read(
        "W-2",
        page(
            ("Box 1 Wages, tips,", 40, 100),
            ("Box 7 Social security tips", 200, 100),
            ("other compensation", 40, 110),
            ("45,752.63", 145, 110),
            ("455.14", 310, 111),
        ),
    )
    assert doc.fields["box1_wages"] == "45752.63"
    assert doc.fields["box7_ss_tips"] == "455.14"


def test_an_amount_under_the_right_columns_label_is_not_the_left_labels() -> None:
    """The left column's box 2 prints no amount; on its line stands the amount of the
    right column's box 3, right-aligned under box 3's label: box 3's, not box 2's (box 2
    left blank: nothing is invented for it)."""
    doc = read(
        "1099-INT",
        page(
            ("Box 1 Interest income", 40, 100),
            ("1,250.00", 150, 100),
            ("Box 3 Interest on U.S. Savings Bonds", 200, 100),
            ("Box 2 Early withdrawal penalty", 40, 112),
            ("$310.20", 345, 112),
        ),
    )
    assert doc.fields["box1_interest_income"] == "1250.00"
    assert doc.fields["box3_us_savings_bond_interest"] == "310.20"
    assert "box2_early_withdrawal_penalty" not in doc.fields


def test_a_text_box_reads_its_own_column_not_the_right_columns_amount() -> None:
    """The account number stands under its label at the left column's edge; on the
    label's line, past the gutter, is the amount under the right column's label."""
    doc = read(
        "1099-G",
        page(
            ("Box 4 Federal income tax withheld", 200, 100),
            ("Account number", 40, 112),
            ("$76,530.17", 290, 112),
            ("180-25421", 145, 124),
            ("Box 1 Unemployment compensation", 40, 140),
            ("573.54", 160, 151),
        ),
    )
    assert doc.fields["account_number"] == "180-25421"
    assert doc.fields["box4_federal_tax_withheld"] == "76530.17"


def test_an_unnumbered_label_two_boxes_share_is_the_box_next_to_its_sibling() -> None:
    """Form 5498's boxes 13c and 14b are both `Code`; printed without its number under
    `14a Repayments`, the code is box 14b's, and box 13c (not printed) stays blank."""
    doc = read(
        "5498",
        page(
            ("13b Year", 40, 100),
            ("2024", 170, 111),
            ("14a Repayments", 40, 125),
            ("$23,297.33", 140, 136),
            ("CODE", 40, 150),
            ("G", 185, 161),
        ),
    )
    assert doc.fields["box14b_code"] == "G"
    assert "box13c_code" not in doc.fields


def test_a_text_value_stops_before_the_next_columns_box_word() -> None:
    """`Account number  475-87218` ending the left column, the right column's `Box 2c
    SECTION 1202 GAIN` starting 6 points on and 4 points higher: the account is
    `475-87218`, not `475-87218 Box`."""
    doc = read(
        "1099-DIV",
        page(
            ("Box 2c SECTION 1202 GAIN", 256, 160),
            ("Account number", 40, 164),
            ("475-87218", 205, 164),
            ("$67,190.49", 520, 171),
            ("Box 1a Total Ordinary", 40, 184),
            ("506.06", 220, 184),
        ),
    )
    assert doc.fields["account_number"] == "475-87218"
    assert doc.fields["box2c_section_1202_gain"] == "67190.49"


def test_a_count_ending_the_left_column_is_no_box_number_of_the_right_label() -> None:
    """`NUMBER OF PAYMENT TRANSACTIONS  3` ends the left column; the right column's
    `December` follows 16 points on, its amount on the line under it: `3` is box 3's
    count, not a printed box number that makes `December` another box's words."""
    doc = read(
        "1099-K",
        page(
            ("Gross amount of payment card", 40, 224),
            ("$ 14,715.27", 280, 224),
            ("August", 357, 224),
            ("$ 78,145.21", 520, 236),
            ("NUMBER OF PAYMENT TRANSACTIONS", 40, 253),
            ("3", 336, 253),
            ("December", 357, 253),
            ("$ 138.34", 530, 265),
        ),
    )
    assert doc.fields["box5l_december"] == "138.34"
    assert doc.fields["box3_number_of_transactions"] == 3
    assert doc.fields["box5h_august"] == "78145.21"


def test_an_unnumbered_label_two_boxes_share_with_no_sibling_is_left_blank() -> None:
    """5498's `CODE` printed without its number under `Fair market value of account`
    (box 5): boxes 13c and 14b are both worded `Code`, and nothing on the page says
    which; a blank beats a guess (it had been read as box 13c's `G`)."""
    doc = read(
        "5498",
        page(
            ("Fair market value of account", 40, 100),
            ("$23,297.33", 40, 111),
            ("CODE", 40, 130),
            ("G", 40, 141),
        ),
    )
    assert doc.fields["box5_fair_market_value"] == "23297.33"
    assert "box13c_code" not in doc.fields
    assert "box14b_code" not in doc.fields


def test_an_unnumbered_label_two_boxes_share_under_its_unnumbered_sibling() -> None:
    """A statement that numbers no box: `Repayments` over `Code` makes it box 14b's."""
    doc = read(
        "5498",
        page(
            ("Fair market value of account", 40, 100),
            ("$23,297.33", 40, 111),
            ("Repayments", 40, 130),
            ("$905.46", 40, 141),
            ("CODE", 40, 160),
            ("G", 40, 171),
        ),
    )
    assert doc.fields["box14a_repayments"] == "905.46"
    assert doc.fields["box14b_code"] == "G"
    assert "box13c_code" not in doc.fields


def test_two_unnumbered_labels_two_boxes_share_one_under_its_sibling() -> None:
    """Two columns, each with a `Code` printed without its number: the left one under
    `Year` (box 13b) is box 13c's, so the right one, nothing above it, is box 14b's."""
    doc = read(
        "5498",
        page(
            ("Fair market value of account", 40, 100),
            ("$902.79", 200, 100),
            ("Code", 300, 100),
            ("D", 420, 100),
            ("Year", 40, 120),
            ("2021", 200, 120),
            ("Code", 40, 140),
            ("G", 200, 140),
        ),
    )
    assert doc.fields["box13b_year"] == 2021
    assert doc.fields["box13c_code"] == "G"
    assert doc.fields["box14b_code"] == "D"


def test_a_tables_last_row_code_across_its_box_column() -> None:
    """A ruled table's last row `Code(s) | 15b | 7` with a paragraph under it: the code is
    the row's, past the Box column's own number, not the paragraph (box 15b had been left
    blank)."""
    words = page(
        ("Description", 45, 291),
        ("Box", 433, 291),
        ("Amount", 520, 291),
        ("Repayments", 45, 374),
        ("14a", 433, 374),
        ("$345.85", 540, 374),
        ("Code(s)", 45, 390),
        ("15b", 433, 390),
        ("7", 563, 390),
        ("If you believe any of this information is incorrect, please call us", 40, 410),
    )
    rules = [Box(x, 287, x + 0.5, 400) for x in (40.0, 428.0, 460.0, 572.0)]
    doc = read("5498", replace(words, rules=rules))
    assert doc.fields["box14a_repayments"] == "345.85"
    assert doc.fields["box15b_codes"] == "7"
