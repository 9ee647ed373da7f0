"""Label-value pairs in two columns side by side, a narrow gutter between them (the tested
`gutter_pairs` family's geometry), on hand-made pages: the left column's values end a few
points before the right column's labels, labels wrap a word or two a line. The expected
values are the ones placed."""

from __future__ import annotations

from word_pages import page, read


def test_a_label_wrapped_over_five_lines_keeps_its_value() -> None:
    """A narrow column's `Box 1:` / `Student` / `loan` / `interest` / `received by lender`,
    its amount right-aligned on the first line: five lines are one label."""
    doc = read(
        "1098-E",
        page(
            ("RECIPIENT'S TIN", 40, 150),
            ("36-4021987", 200, 150),
            ("Box 1:", 40, 170),
            ("$2,145.60", 205, 170),
            ("Student", 40, 180),
            ("loan", 40, 190),
            ("interest", 40, 200),
            ("received by lender", 40, 210),
        ),
    )
    assert doc.fields["box1_student_loan_interest"] == "2145.60"


def test_a_wording_with_tax_year_a_gutter_after_the_left_columns_value() -> None:
    """1099-G box 3's `3. Box 2 Amount Is For Tax Year: 2024` 8 points after the left
    column's `XXX-XX-1234`: the phrase is box 3's wording, its year box 3's value, and the
    form's tax year is the heading's 2025."""
    doc = read(
        "1099-G",
        page(
            ("2025 Tax Statement", 40, 40),
            ("RECIPIENT'S TIN:  XXX-XX-1234", 40, 150),
            ("3. Box 2 Amount Is For Tax Year:  2024", 198, 150),
            ("1. Unemployment Compensation:", 40, 165),
            ("95,444.49", 150, 180),
            ("2. State or local income tax refunds:", 198, 165),
            ("189.63", 420, 165),
        ),
    )
    assert doc.tax_year == 2025
    assert doc.fields["box3_tax_year_of_refund"] == 2024
    assert doc.fields["box2_state_local_refund"] == "189.63"


def test_a_code_before_the_right_columns_label_is_no_box_number() -> None:
    """The left column's code `1`, right-aligned under `Distribution code(s) (Box 7)`, 30
    points before the right column's `1ST YEAR OF ROTH` / `CONTRIB. (Box 11)`: that label
    prints its own number, so the `1` is box 7's code, no box 1's number before it."""
    doc = read(
        "1099-R",
        page(
            ("GROSS DISTRIBUTION (Box 1)", 40, 180),
            ("45,974.99", 310, 190),
            ("Distribution code(s) (Box 7)", 40, 261),
            ("1", 350, 271),
            ("1ST YEAR OF ROTH", 385, 271),
            ("2023", 488, 271),
            ("CONTRIB. (Box 11)", 385, 281),
        ),
    )
    assert doc.fields["box11_first_year_roth"] == 2023
    assert doc.fields["box7_distribution_code"] == "1"
    assert doc.fields["box1_gross_distribution"] == "45974.99"


def test_an_account_number_after_its_wrapped_labels_last_line() -> None:
    """`Account` / `No.: 128-20014` in the left column, the right column's `Bond premium:
    $512.90` on the label's first line: the account number follows the label's last line."""
    doc = read(
        "1099-INT",
        page(
            ("Payer's", 40, 170),
            ("Federal ID:  13-5550142", 40, 182),
            ("Account", 40, 222),
            ("Bond premium:  $512.90", 282, 222),
            ("No.:  128-20014", 40, 234),
            ("Interest", 40, 248),
            ("Income:  $814.81", 40, 260),
        ),
    )
    assert doc.fields["account_number"] == "128-20014"
    assert doc.fields["box1_interest_income"] == "814.81"
    assert doc.fields["box11_bond_premium"] == "512.90"


def test_a_one_word_label_a_narrow_gutter_after_the_left_columns_amount() -> None:
    """5498's `CODE(S)` (box 15b, printed without its number) 4 points after the left
    column's `70000.07`, its code `1` right-aligned under it: an amount before a label ends
    the other column's row, it makes the label no word of a longer run."""
    doc = read(
        "5498",
        page(
            ("Fair Market Value Of Account", 40, 196),
            ("13453.33", 261, 196),
            ("13c CODE", 309, 208),
            ("D", 565, 221),
            ("Roth IRA Conversion Amount", 40, 236),
            ("70000.07", 261, 236),
            ("CODE(S)", 305, 235),
            ("1", 566, 248),
        ),
    )
    assert doc.fields["box15b_codes"] == "1"
    assert doc.fields["box13c_code"] == "D"
    assert doc.fields["box3_roth_conversion"] == "70000.07"
    assert doc.fields["box5_fair_market_value"] == "13453.33"
