"""The global assignment's rules on hand-made pages: amounts and check marks are paired
with labels in one assignment, each used once. The expected values are the ones placed."""

from __future__ import annotations

import subprocess
import sys

from word_pages import page, read

from backtax.extractors.kinds import Extracted
from backtax.extractors.page import Box, Page


def _box2b_marked() -> Page:
    """1099-R boxes 1 and 2b: `Taxable amount not determined` ends at x 200, a mark at 246,
    `Total distribution` at 272."""
    return page(
        ("1 Gross distribution", 40, 100),
        ("5,000.00", 40, 114),
        ("2b Taxable amount not determined", 40, 150),
        ("X", 246, 150),
        ("Total distribution", 272, 150),
    )


def test_a_check_mark_nearest_two_labels_goes_to_the_one_whose_cell_it_is_in() -> None:
    """1099-R box 2b with a cell border at 240: the mark is nearer the first label's end
    (46 pt) than the second's start (21 pt before it counts twice, 54), but the border
    puts it in the second label's cell."""
    sheet = _box2b_marked()
    sheet.rules = [Box(240, 140, 240.5, 170)]
    doc = read("1099-R", sheet)
    assert doc.fields["box2b_total_distribution"] is True
    assert doc.fields["box2b_taxable_not_determined"] is False


def test_without_a_border_the_mark_is_the_nearer_labels() -> None:
    """The same row with no cell border: the mark right after the first label is its."""
    doc = read("1099-R", _box2b_marked())
    assert doc.fields["box2b_taxable_not_determined"] is True
    assert doc.fields["box2b_total_distribution"] is False


def test_a_mark_at_the_end_of_a_statement_row_checks_its_box() -> None:
    doc = read(
        "1099-INT",
        page(
            ("1 Interest income", 40, 100),
            ("1,234.56", 480, 100),
            ("FATCA filing requirement", 40, 120),
            ("X", 490, 120),
        ),
    )
    assert doc.fields["fatca_filing_requirement"] is True
    assert doc.fields["box1_interest_income"] == "1234.56"


def _staggered_zero(*more: tuple[str, float, float]) -> Extracted:
    """1099-INT's staggered grid: box 1's cell prints `0.00` under its label, on the line
    of box 2's label further left; `more` words after them."""
    return read(
        "1099-INT",
        page(
            ("1 Interest income", 200, 100),
            ("0.00", 200, 112),
            ("2 Early withdrawal penalty", 40, 112),
            *more,
        ),
    )


def test_a_zero_printed_explicitly_is_kept() -> None:
    """Box 1's cell prints `0.00` under its label, on the line of box 2's label further
    left (a staggered grid): the zero is box 1's, and box 2 keeps its own amount under
    its label (the zero on its row is no amount of its)."""
    doc = _staggered_zero(("25.00", 40, 124))
    assert doc.fields["box1_interest_income"] == "0.00"
    assert doc.fields["box2_early_withdrawal_penalty"] == "25.00"


def test_a_zero_the_assignment_gave_another_box_is_no_empty_boxs_value() -> None:
    """The staggered grid with box 2's cell empty: the `0.00` on box 2's row stands under
    box 1's label, the assignment gives it box 1, and box 2 is left blank (no zero read for
    it again from its row); a `.00` printed in box 3's own cell is box 3's zero."""
    doc = _staggered_zero(("3 Interest on U.S. Savings Bonds", 40, 160), (".00", 40, 172))
    assert doc.fields["box1_interest_income"] == "0.00"
    assert "box2_early_withdrawal_penalty" not in doc.fields
    assert doc.fields["box3_us_savings_bond_interest"] == "0.00"


def test_an_amount_alone_at_the_end_of_a_labels_row_is_its() -> None:
    """A statement prints box 1's amount at the far right of its row (345 pt on), and an
    amount of no label just under the label: the row's amount is the box's."""
    doc = read(
        "1099-INT",
        page(
            ("1 Interest income", 40, 100),
            ("1,234.56", 470, 100),
            ("85.00", 40, 110),
        ),
    )
    assert doc.fields["box1_interest_income"] == "1234.56"


def test_an_amount_whose_comma_ocr_lost_gives_no_amount_of_its_first_digits() -> None:
    """A monospaced `$90,697.71` read `$90` `697` `yee` (the comma a blank, the cents
    letters): `$90` is a fragment of a longer number, so box 9 stays blank (PP-OCR's
    reading may fill it), never 90.00; `697` is no amount either. A whole amount a blank
    apart on the next row is read as before."""
    doc = read(
        "1099-MISC",
        page(
            ("9 Crop insurance proceeds", 40, 100),
            ("$90  697  yee", 500, 100),
            ("1 Rents", 40, 120),
            ("$432.49", 500, 120),
            method="ocr",
        ),
    )
    assert "box9_crop_insurance_proceeds" not in doc.fields
    assert doc.fields["box1_rents"] == "432.49"


def test_a_months_amount_far_right_after_a_dollar_sign_apart_is_its_rows() -> None:
    """A monthly table's `JANUARY ... $  298 82` (OCR: the `$` a word of its own, a blank
    apart, the point lost), the amount over 420 points from its label: the row's one
    amount is the month's; `$  93 BY` (cents misread as letters) is no amount of FEBRUARY."""
    doc = read(
        "1099-K",
        page(
            ("1a Gross amount of payment card/third party network", 43, 169),
            ("$448.10", 520, 169),
            ("Month", 46, 259),
            ("Amount", 535, 259),
            ("JANUARY", 46, 275),
            ("$", 520, 275),
            ("298 82", 537, 275),
            ("FEBRUARY", 46, 290),
            ("$", 520, 290),
            ("93 BY", 542, 290),
            method="ocr",
        ),
    )
    assert doc.fields["box5a_january"] == "298.82"
    assert "box5b_february" not in doc.fields


def test_an_amount_past_the_cells_bottom_rule_under_the_next_cells_words_is_not_its() -> None:
    """W-2 box 10's cell is ruled off above box 12a's, whose label OCR garbled on a fax
    (`12: Code See inst. tor box 12`): 12a's `D 2410.52`, 37 pt under box 10's label,
    stands under that cell's own words past the rule and is no box 10 amount; an amount
    inside box 10's cell is."""

    def sheet(*extra: tuple[str, float, float]) -> Page:
        made = page(
            ("1 Wages, tips, other compensation", 300, 100),
            ("37780.20", 300, 112),
            ("10 Dependent care benefits", 460, 150),
            ("12: Code See inst. tor box 12", 452, 180),
            ("D 2410.52", 464, 195),
            *extra,
            method="ocr",
        )
        made.floors = [Box(300, 175, 590, 177)]
        return made

    assert "box10_dependent_care_benefits" not in read("W-2", sheet()).fields
    own = read("W-2", sheet(("1500.00", 470, 162)))
    assert own.fields["box10_dependent_care_benefits"] == "1500.00"


def test_an_amount_under_another_boxs_number_and_wording_is_not_its() -> None:
    """The same cells at 100 dpi, no rule found between them and box 12a's caption read
    `See instructions for bax 12`: the line that starts with `12a` and its wording is the
    next cell's, and 12a's `D 1500.00` under it no box 10 amount."""
    sheet = page(
        ("1 Wages, tips, other compensation", 300, 100),
        ("37780.20", 300, 112),
        ("10 Dependent care benefits", 458, 158),
        ("12a See instructions for bax 12", 458, 182),
        ("D 1,500.00", 464, 194),
        method="ocr",
    )
    assert "box10_dependent_care_benefits" not in read("W-2", sheet).fields


def test_the_assignment_is_scipys_without_the_rest_of_scipy_optimize() -> None:
    """In a fresh interpreter, the pairing module solves SciPy's documented example
    (`linear_sum_assignment`: cost [[4, 1, 3], [2, 0, 5], [3, 2, 2]], rows 0 1 2 to
    columns 1 0 2, total 5) without `scipy.optimize`'s package (0.4 s of imports) loaded."""
    code = (
        "import sys\n"
        "from backtax.extractors.forms.engine import pairing\n"
        "rows, cols = pairing.linear_sum_assignment([[4, 1, 3], [2, 0, 5], [3, 2, 2]])\n"
        "print(rows.tolist(), cols.tolist(), 'scipy.optimize' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[0,", "1,", "2]", "[1,", "0,", "2]", "False"]


def test_without_scipys_private_module_the_assignment_is_scipy_optimizes() -> None:
    """A SciPy whose `_lsap` module is gone or renamed (not the locked one): the pairing
    module still imports, with `scipy.optimize.linear_sum_assignment`, and solves SciPy's
    documented example (rows 0 1 2 to columns 1 0 2)."""
    code = (
        "from backtax.extractors import lazy\n"
        "def gone(name):\n"
        "    raise ModuleNotFoundError(f'No module named {name!r}')\n"
        "lazy.compiled_module = gone\n"
        "from backtax.extractors.forms.engine import pairing\n"
        "from scipy import optimize\n"
        "rows, cols = pairing.linear_sum_assignment([[4, 1, 3], [2, 0, 5], [3, 2, 2]])\n"
        "print(cols.tolist(), pairing.linear_sum_assignment is optimize.linear_sum_assignment)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[1,", "0,", "2]", "True"]
