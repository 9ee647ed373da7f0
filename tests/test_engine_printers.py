"""Statements and letters as payroll providers, banks and brokers print them, on hand-made
pages: a value after a wrapped label's colon, a hyphenated label with its value on its
first line, a `$` flush left in a table's amount column, a Box column in a ruled table, a
heading's `- 2023`, a payer named `STATE ...`. The expected values are the ones placed."""

from __future__ import annotations

from dataclasses import replace

from word_pages import page, read

from backtax.extractors.forms._catalog import form_spec
from backtax.extractors.forms.engine.kind import FormKind
from backtax.extractors.forms.engine.values import money_candidates
from backtax.extractors.page import Box


def test_a_value_after_a_wrapped_labels_colon_is_its_own() -> None:
    """`Box 4 - Federal income tax` / `withheld: 67199.67` in a statement's right-hand
    column, and `Box 9 - Cash liquidation` / `distributions: 426.65` under it."""
    doc = read(
        "1099-DIV",
        page(
            ("Box 1a - Total Ordinary Dividends", 40, 100),
            ("51819.55", 220, 100),
            ("Box 4 - Federal income tax", 300, 100),
            ("withheld: 67199.67", 300, 110),
            ("Box 9 - Cash liquidation", 300, 130),
            ("distributions: 426.65", 300, 140),
        ),
    )
    assert doc.fields["box4_federal_tax_withheld"] == "67199.67"
    assert doc.fields["box9_cash_liquidation_distributions"] == "426.65"
    assert doc.fields["box1a_total_ordinary_dividends"] == "51819.55"


def test_a_hyphenated_label_whose_first_line_ends_with_its_value() -> None:
    """`QUALIFIED DIVI-  825.59` / `DENDS` (the value 15 points on), no box number: the broken
    word is joined across the line, the value after the hyphen is box 1b's."""
    doc = read(
        "1099-DIV",
        page(
            ("Total Ordinary Dividends", 40, 100),
            ("51,819.55", 170, 100),
            ("QUALIFIED DIVI-", 40, 120),
            ("825.59", 130, 120),
            ("DENDS", 40, 130),
        ),
    )
    assert doc.fields["box1b_qualified_dividends"] == "825.59"


def test_a_dollar_sign_flush_left_in_the_amount_column_is_no_word_between() -> None:
    """A boxed table `Gross distribution | 1 | $          453.60`: the amount 427 points
    right of the label, a Box column and the amount column's `$` between them."""
    doc = read(
        "1099-SA",
        page(
            ("Reported as", 45, 90),
            ("Box", 433, 90),
            ("Amount", 557, 90),
            ("Gross distribution", 45, 110),
            ("1", 433, 110),
            ("$", 478, 110),
            ("453.60", 562, 110),
            ("Earnings on excess cont.", 45, 128),
            ("2", 433, 128),
            ("$", 478, 128),
            ("212.52", 562, 128),
        ),
    )
    assert doc.fields["box1_gross_distribution"] == "453.60"
    assert doc.fields["box2_earnings_on_excess_contributions"] == "212.52"


def test_a_ruled_tables_box_column_is_passed_to_the_rows_value() -> None:
    """A ruled `Item | Box No. | Amount` table: `RMD date | 12a | 01/17/2025` and
    `Code | 14b | 1`, each value in the cell after the Box column's."""
    words = page(
        ("Item", 45, 90),
        ("Box No.", 381, 90),
        ("Amount", 441, 90),
        ("IRA contributions", 45, 110),
        ("1", 381, 110),
        ("$711.51", 460, 110),
        ("RMD date", 45, 128),
        ("12a", 381, 128),
        ("01/17/2025", 441, 128),
        ("Code", 45, 146),
        ("14b", 381, 146),
        ("1", 490, 146),
    )
    rules = [Box(x, 86, x + 0.5, 156) for x in (40.0, 376.0, 436.0, 500.0)]
    doc = read("5498", replace(words, rules=rules))
    assert doc.fields["box12a_rmd_date"] == "2025-01-17"
    assert doc.fields["box14b_code"] == "1"
    assert doc.fields["box1_ira_contributions"] == "711.51"


def test_a_dash_a_blank_before_a_year_is_no_amount() -> None:
    """A letter's heading `Form W-2 Wage and Tax Statement - 2023`: no amount -2023.00."""
    sheet = page(("Form W-2 Wage and Tax Statement - 2023", 40, 100), ("Total -12.50", 40, 120))
    texts = [c.text for c in money_candidates(sheet.region, set())]
    assert texts == ["-12.50"]


def test_a_box_number_wrapped_from_its_parenthesis_is_no_negative_amount() -> None:
    """`Federal income tax withheld (Box  58,380.01` / `4)`: the `4)` is no amount -4.00,
    and an amount with cents after `(Box` is no box number; `(56.00)` is an amount."""
    sheet = page(("withheld (Box  58,380.01", 40, 100), ("4)", 40, 110), ("(56.00)", 200, 110))
    texts = [c.text for c in money_candidates(sheet.region, set())]
    assert texts == ["58,380.01", "(56.00)"]


def test_a_payer_named_state_dept_heads_no_state_table() -> None:
    """A letter from `STATE DEPT OF LABOR AND INDUSTRY`, its address `HARRISBURG PA 17121`
    and the date under the name: no state row (`PA`, `17121 January 28, 2024`)."""
    doc = read(
        "W-2",
        page(
            ("STATE DEPT OF LABOR AND INDUSTRY", 152, 27),
            ("January 28, 2024", 466, 40),
            ("651 BOAS ST, HARRISBURG PA 17121", 40, 41),
            ("EMPLOYER", 44, 80),
            ("STATE DEPT OF LABOR AND INDUSTRY", 44, 92),
            ("HARRISBURG PA 17121", 44, 104),
            ("Wages, tips and other compensation (Box 1)", 45, 150),
            ("$49,481.77", 500, 150),
        ),
    )
    assert doc.fields["box1_wages"] == "49481.77"
    assert "state" not in doc.fields


def test_an_account_no_label_is_the_account_number() -> None:
    """Banks print `Account No.:` as often as `Account number`."""
    doc = read(
        "1099-INT",
        page(
            ("Account No.: 819-92013", 314, 90), ("1 Interest income", 40, 120), ("$5.10", 300, 120)
        ),
    )
    assert doc.fields["account_number"] == "819-92013"


def test_a_count_after_its_boxs_wrapped_number_is_read_past_it() -> None:
    """`Your Percentage Of Total Distribution (Box` / `9a):  41`: the count is 41, not
    the 9 of the label's own number wrapped onto its line."""
    doc = read(
        "1099-R",
        page(
            ("Gross Distribution (Box 1):", 40, 280),
            ("313.26", 180, 280),
            ("Your Percentage Of Total Distribution (Box", 40, 298),
            ("9a):  41", 40, 310),
        ),
    )
    assert doc.fields["box9a_percentage_of_total"] == 41


def test_an_ampersand_is_the_word_and() -> None:
    """`Wages, Tips & Other Compensation | 1 | $934.68`: W-2 box 1 (catalogued `Wages,
    tips and other compensation`)."""
    doc = read(
        "W-2",
        page(("Wages, Tips & Other Compensation", 45, 313), ("1", 321, 313), ("$934.68", 400, 313)),
    )
    assert doc.fields["box1_wages"] == "934.68"


def test_a_letter_naming_its_form_with_box_column_rows_is_that_form() -> None:
    """A letter that names `Form W-2` once, no title, its table's labels (without commas)
    each before its Box column's number: identified as a W-2."""
    sheet = page(
        ("here is the information we reported on Form W-2.", 40, 203),
        ("Reported as", 45, 252),
        ("IRS Box", 453, 252),
        ("Amount", 536, 252),
        ("WAGES TIPS AND OTHER COMPENSATION", 45, 270),
        ("1", 453, 270),
        ("309.37", 542, 270),
        ("Social security wages", 45, 288),
        ("3", 453, 288),
        ("62,493.57", 531, 288),
    )
    assert FormKind(form_spec("W-2")).identify(sheet) is not None


def test_a_table_headers_year_is_no_description() -> None:
    """A header `Description  IRS Box  2024 Amount`: its `Description` is no box 7 with
    the text `IRS Box 2024 Amount`."""
    doc = read(
        "1099-OID",
        page(
            ("Description", 45, 90),
            ("IRS Box", 380, 90),
            ("2024 Amount", 500, 90),
            ("Original issue discount", 45, 110),
            ("1", 380, 110),
            ("$500.00", 520, 110),
        ),
    )
    assert doc.fields["box1_original_issue_discount"] == "500.00"
    assert "box7_description" not in doc.fields


def test_a_boxs_number_wrapped_under_its_wording_is_the_labels() -> None:
    """`NUMBER OF PROPERTIES  3` / `(Box 9)` in a statement's right-hand column: the count
    is 3, not the 9 of the label's own `(Box 9)` under it."""
    doc = read(
        "1098",
        page(
            ("Mortgage interest received (Box 1)", 40, 300),
            ("291.27", 220, 300),
            ("NUMBER OF PROPERTIES", 294, 329),
            ("3", 447, 329),
            ("(Box 9)", 294, 340),
        ),
    )
    assert doc.fields["box9_number_of_properties"] == 3
    assert doc.fields["box1_mortgage_interest"] == "291.27"
