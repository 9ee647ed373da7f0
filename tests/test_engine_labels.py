"""Labels found as printed, not as the catalogue spells them: glued to their value or to
each other, hyphenated across lines, with doubled spaces, misread by OCR. Each page is
hand-made; the expected values are the ones placed on it."""

from __future__ import annotations

import pytest
from word_pages import page, read


def test_value_glued_to_its_label_is_cut_off_it() -> None:
    """PP-OCR and some text layers print no space after a label's colon."""
    doc = read(
        "1099-INT",
        page(
            ("PAYER'STIN:91-4168100", 40, 100),
            ("RECIPIENT'STIN:XXX-XX-6789", 300, 100),
            ("1 Interest income", 40, 160),
            ("$1,234.56", 200, 160),
        ),
    )
    assert doc.payer_tin == "91-4168100"
    assert doc.recipient_tin_last4 == "6789"
    assert doc.fields["box1_interest_income"] == "1234.56"


def test_value_glued_to_a_wrapped_box_number_is_cut_off_it() -> None:
    """A statement's `Label (Box 9a): 41` wrapped after `(Box`, OCR reading the next
    line's `9a): 41` as one word: the number and its bracket are the label's, the rest
    the value."""
    doc = read(
        "1099-R",
        page(
            ("Gross Distribution (Box 1): 313.26", 40, 100),
            ("Your Percentage Of Total Distribution (Box", 40, 130),
            ("9a):41", 40, 140),
            method="ocr",
        ),
    )
    assert doc.fields["box1_gross_distribution"] == "313.26"
    assert doc.fields["box9a_percentage_of_total"] == 41


def test_label_words_glued_together_are_one_label() -> None:
    doc = read(
        "1099-INT",
        page(
            ("1Interestincome", 40, 100),
            ("812.40", 200, 100),
            ("4Federalincometaxwithheld", 40, 130),
            ("81.24", 200, 130),
        ),
    )
    assert doc.fields["box1_interest_income"] == "812.40"
    assert doc.fields["box4_federal_tax_withheld"] == "81.24"


def test_label_hyphenated_across_lines_keeps_its_value_below() -> None:
    doc = read(
        "1099-INT",
        page(
            ("1 Interest income", 40, 100),
            ("4 Federal income tax with-", 300, 100),
            ("held", 310, 110),
            ("2,500.00", 40, 124),
            ("250.00", 310, 124),
        ),
    )
    assert doc.fields["box1_interest_income"] == "2500.00"
    assert doc.fields["box4_federal_tax_withheld"] == "250.00"


def test_doubled_spaces_keep_the_label_and_its_value() -> None:
    doc = read(
        "1099-INT",
        page(
            ("1  Interest  income", 40, 100),
            ("$  615.09", 240, 100),
            ("2 Early  withdrawal  penalty", 40, 130),
            ("12.50", 240, 130),
        ),
    )
    assert doc.fields["box1_interest_income"] == "615.09"
    assert doc.fields["box2_early_withdrawal_penalty"] == "12.50"


def test_ocr_slip_in_a_label_word_keeps_the_label() -> None:
    doc = read(
        "1099-INT",
        page(
            ("1 Interest lncome", 40, 100),
            ("330.00", 200, 100),
            ("4 Federal incame tax withheld", 40, 130),
            ("33.00", 200, 130),
            method="ocr",
        ),
    )
    assert doc.fields["box1_interest_income"] == "330.00"
    assert doc.fields["box4_federal_tax_withheld"] == "33.00"


def test_box_number_printed_alone_anchors_a_value_under_it() -> None:
    """Two boxes print the same words (`Federal income tax withheld`, 1099-INT box 4 and a
    state column elsewhere); the number printed before the label says which box it is."""
    doc = read(
        "1099-INT",
        page(
            ("1 Interest income", 40, 100),
            ("3 Interest on U.S. Savings Bonds and Treas. obligations", 200, 100),
            ("1,000.00", 40, 114),
            ("40.00", 200, 114),
        ),
    )
    assert doc.fields["box1_interest_income"] == "1000.00"
    assert doc.fields["box3_us_savings_bond_interest"] == "40.00"


def test_a_bare_word_in_a_heading_is_no_box_on_a_page_that_numbers_its_boxes() -> None:
    """A statement that prints `Box N:` before its labels and no box 13b: the heading's
    `Tax Year 2025` holds the word `Year` (box 13b's label) and is no box 13b."""
    doc = read(
        "5498",
        page(
            ("FIRST PRAIRIE SAVINGS BANK Tax Year 2025", 40, 60),
            ("Payer's federal identification number: 36-4021987", 300, 100),
            ("FORM 5498 - IRA CONTRIBUTION INFORMATION", 40, 160),
            ("Box 1: IRA contributions $6,789.14", 40, 190),
            ("Box 4: Recharacterized contributions $944.94", 40, 210),
        ),
    )
    assert doc.fields["box1_ira_contributions"] == "6789.14"
    assert doc.fields["box4_recharacterized_contributions"] == "944.94"
    assert "box13b_year" not in doc.fields


def test_a_month_in_a_letters_date_is_no_box_label() -> None:
    """A letter dated `January 21, 2023`, one space after the month (5 points at an 8-point
    height: a Courier space is 0.6 of the size), then the address block: `January` there
    is no 1099-K box 5a label, so the street number under it is no January amount."""
    doc = read(
        "1099-K",
        page(
            ("January 21, 2023", 40, 88),
            ("742 EVERGREEN TER", 40, 110),
            ("1a Gross amount of payment card/third party network transactions", 40, 200),
            ("$13,278.83", 450, 200),
            ("5b February", 40, 215),
            ("$786.11", 450, 215),
        ),
    )
    assert doc.fields["box1a_gross_payments"] == "13278.83"
    assert doc.fields["box5b_february"] == "786.11"
    assert "box5a_january" not in doc.fields


def test_a_label_wraps_past_text_a_short_blank_beside_its_first_line() -> None:
    """An IRS grid's `9a Your percentage` / `of total`, the form's `For calendar year`
    11 points (1.4 letter heights) right of the label's first line: the label's first line
    ends there and its wrapped rest is found, so the count under it is box 9a's."""
    doc = read(
        "1099-R",
        page(
            ("1 Gross distribution", 150, 60),
            ("$4,210.00", 160, 72),
            ("9a Your percentage", 300, 100),
            ("For calendar year", 401, 100),
            ("of total", 315, 108),
            ("55", 310, 120),
        ),
    )
    assert doc.fields["box9a_percentage_of_total"] == 55


def test_a_wrapped_label_does_not_go_on_inside_a_word() -> None:
    """A table's rows `Code | 13c | D` and `Code(s) | 15b | 7` a line apart: `Code(s)` is
    no second line of a wrapped `Code` / `(s)` label; each row's code is its own box's."""
    doc = read(
        "5498",
        page(
            ("1 IRA contributions", 44, 80),
            ("$2,000.00", 520, 80),
            ("Code", 44, 100),
            ("13c", 370, 100),
            ("D", 560, 100),
            ("Code(s)", 44, 114),
            ("15b", 370, 114),
            ("7", 560, 114),
        ),
    )
    assert doc.fields["box13c_code"] == "D"
    assert doc.fields["box15b_codes"] == "7"


def test_a_tables_box_column_tells_which_box_a_shared_wording_is() -> None:
    """Boxes 13c and 14b are both worded `Code`; a table printing its Box column after the
    description says `Code | 14b | G`: box 14b's code, and box 13c, not on the page, blank."""
    doc = read(
        "5498",
        page(
            ("IRA contributions", 44, 80),
            ("1", 370, 80),
            ("$2,000.00", 520, 80),
            ("Code", 44, 100),
            ("14b", 370, 100),
            ("G", 560, 100),
        ),
    )
    assert doc.fields["box14b_code"] == "G"
    assert "box13c_code" not in doc.fields


def test_a_wide_box_column_before_a_shared_wording_tells_which_box_it_is() -> None:
    """A table printing its Box column first, wide (`14b        Code        A`, the table
    family's 5498): the number starting the row names the box: box 14b's code, not box
    13c's, though the number stands farther from the wording than a label's own number."""
    doc = read(
        "5498",
        page(
            ("Box", 44, 60),
            ("Description", 110, 60),
            ("Amount", 520, 60),
            ("1", 44, 80),
            ("IRA contributions", 110, 80),
            ("$2,000.00", 520, 80),
            ("14b", 44, 100),
            ("Code", 110, 100),
            ("A", 560, 100),
        ),
    )
    assert doc.fields["box14b_code"] == "A"
    assert "box13c_code" not in doc.fields


def test_label_spaced_in_other_places_is_found() -> None:
    """PP-OCR's `1N on employee compensation` for `1 Nonemployee compensation`: the same
    letters, the spaces put elsewhere."""
    doc = read(
        "1099-NEC",
        page(
            ("1N on employee compensation", 40, 100),
            ("$18,450.00", 40, 112),
            ("4 Federal income tax withheld", 300, 100),
            ("$1,200.00", 300, 112),
            method="ocr",
        ),
    )
    assert doc.fields["box1_nonemployee_compensation"] == "18450.00"
    assert doc.fields["box4_federal_tax_withheld"] == "1200.00"


def _first_tokens_as_printed(want: list[str]) -> list[list[str]]:
    """A label's first printed tokens as OCR leaves them: exact, its first words glued,
    spaced in other places, its first word split in two or hyphenated, a letter off, a
    letter read as a digit, three words glued with letters misread."""
    first, rest = want[0], want[1:]
    variants = [list(want), ["".join(want[:3]), *want[3:]]]
    if len(want) >= 2 and len(want[1]) > 1:
        variants.append([first + want[1][0], want[1][1:], *want[2:]])
    if len(first) >= 4:
        variants += [
            [first[:2], first[2:], *rest],
            [first[:2] + "-", first[2:], *rest],
            [first[:-1] + "x", *rest],
            [first[:2] + first[3:], *rest],
            [first.replace("i", "1").replace("l", "1"), *rest],
        ]
    glued = "".join(want[:3])
    if len(want) >= 3 and len(glued) >= 16 and glued.isalpha():
        variants.append([glued[:5] + "x" + glued[6:], *want[3:]])
    return variants


def test_label_search_sieve_keeps_every_start_the_matcher_takes() -> None:
    """On OCR pages a label is matched only where its printed first token may begin it
    (`_may_begin`): for every label of the catalogue's forms, each way OCR prints its
    first words that the matcher takes is let through, and a word of another label is not."""
    from backtax.extractors.forms._catalog import form_spec
    from backtax.extractors.page import MAX_GLUED, Box, Word, _consume, _may_begin, tokens

    word = Word("x", Box(0, 0, 10, 8), 0.9, "ocr")
    taken = 0
    for doc_type in ("W-2", "1099-INT", "1099-NEC", "1099-MISC", "1099-R", "1098", "SSA-1099"):
        for box in form_spec(doc_type).boxes:
            for label in box.labels:
                want = list(tokens(label))
                glued = "".join(want[:MAX_GLUED])
                for printed in _first_tokens_as_printed(want):
                    stream = [(t, word) for t in printed if t]
                    if _consume(stream, want, True)[1]:
                        taken += 1
                        assert _may_begin(stream[0][0], want[0], glued), (label, printed)
                if want[0] != "wages":
                    assert not _may_begin("wages", want[0], glued), label
    assert taken > 500


def test_box_number_read_with_a_look_alike_keeps_its_label() -> None:
    """OCR reads a box's number with a letter for its digit or a digit for its letter
    (`la` for 1099-K box 1a, `51` for 5l, `Sa` for 5a): the number still anchors its box."""
    doc = read(
        "1099-K",
        page(
            ("Box la: Gross amount of payment card/third party network 38969.87", 40, 100),
            ("Box Sa: January 548.97", 40, 120),
            ("Box 51: December 1,204.11", 40, 140),
            method="ocr",
        ),
    )
    assert doc.fields["box1a_gross_payments"] == "38969.87"
    assert doc.fields["box5a_january"] == "548.97"
    assert doc.fields["box5l_december"] == "1204.11"


@pytest.mark.parametrize(
    "misread",
    ["Control nymbar", "Control nurnber", "Controt rurriber", "Control numlbai", "Control nu ber"],
)
def test_label_rest_misread_by_two_letters_is_no_value(misread: str) -> None:
    """W-2 box d's `d Control number`, its last word misread by two letters (Tesseract's
    `nymbar` on a fax, PP-OCR's `nurnber`), or its `m` read as `rri` and `n` as `r` (PP-OCR's
    `Controt rurriber` on a fax, dev seed 18405), three misread after its right first two
    (`numlbai`), or split in two (`nu ber` at 100 dpi, dev seed 18406): the label is found
    by its number and first word, and the misread word is its own, not a control number;
    one printed under the label is still read."""
    other = ("1 Wages, tips, other compensation", "box1_wages", "37780.20")
    _no_value_but_one_under("W-2", other, f"d {misread}", ("boxd_control_number", "A1234"))


@pytest.mark.parametrize("rest", ["U.S, 7", "U.S. POSSESSION", "U.S. POSSESSLON"])
def test_label_rest_read_apart_from_its_hit_is_no_value(rest: str) -> None:
    """1099-INT box 7's `7 Foreign country or U.S. possession` with its last words read
    apart (fax, dev seed 18105: `U.S,` and `possession` read as `7`, or a word misread by
    two letters): they are the label's, no foreign country; one printed under the label,
    or right of the whole label, is still read."""
    other = ("1 Interest income", "box1_interest_income", "1845.22")
    box = ("box7_foreign_country", "CANADA")
    lines = _no_value_but_one_under("1099-INT", other, f"7 Foreign country or {rest}", box)
    whole = (*lines[:2], ("7 Foreign country or U.S. possession CANADA", 40, 160))
    right = read("1099-INT", page(*whole, method="ocr"))
    assert right.fields["box7_foreign_country"] == "CANADA"


def test_a_label_inside_another_boxs_wording_is_not_that_box() -> None:
    """A table printing 1098-T box 6's wording in capitals, so long that it runs into the
    Box column and the text layer glues its last word to the column's `6` (`YEAR6`, so
    the whole wording goes unfound): `SCHOLARSHIPS OR GRANTS`, box 5's label, stands
    after `TO` as box 6's wording has it, so the row's amount is no box 5 (the page prints
    none): it is box 6's, the label `ADJUSTMENTS TO` being found."""
    doc = read(
        "1098-T",
        page(
            ("FORM 1098-T - TUITION STATEMENT  2025", 40, 148),
            ("Description", 44, 174),
            ("Box", 370, 174),
            ("Amount ($)", 513, 174),
            ("Payments received for qualified tuition", 44, 192),
            ("1", 370, 192),
            ("$ 34.05", 533, 192),
            ("Adjustments made for a prior year", 44, 210),
            ("4", 370, 210),
            ("$ 39,428.62", 513, 210),
            ("ADJUSTMENTS TO SCHOLARSHIPS OR GRANTS FOR A PRIOR YEAR6", 44, 228),
            ("$ 9,097.35", 519, 228),
            ("Ins. contract reimb./refund", 44, 246),
            ("10", 370, 246),
            ("$ 587.94", 527, 246),
        ),
    )
    assert "box5_scholarships_grants" not in doc.fields
    assert doc.fields["box6_prior_year_scholarship_adjustments"] == "9097.35"
    assert doc.fields["box4_prior_year_adjustments"] == "39428.62"
    assert doc.fields["box10_insurance_reimbursement"] == "587.94"


def test_a_label_under_a_row_that_ends_in_its_amount_is_no_wrapped_label() -> None:
    """An SSA-1099 read at 100 dpi, upscaled: OCR's tall boxes put `Medicare Part B
    premiums deducted` a hair under `Paid by check or direct deposit`, whose row ends in
    its amount ($15,931.20): that row is done, so the line under it is a label of its own,
    with its own amount, $1,978.80."""
    sheet = page(
        ("Box 3. Benefits Paid in 2023", 40, 140),
        ("$17,880.00", 47, 152),
        ("Paid by check or direct deposit", 46, 227),
        ("$15,931.20", 303, 227),
        ("Medicare Part B premiums deducted from your benefits", 46, 237.5),
        ("$1,978.80", 303, 237.5),
        method="ocr",
    )
    doc = read("SSA-1099", sheet)
    assert doc.fields["paid_by_check_or_direct_deposit"] == "15931.20"
    assert doc.fields["medicare_part_b_premiums"] == "1978.80"


def test_a_whole_dollar_amount_tight_before_a_label_on_a_text_page_is_a_value() -> None:
    """A two-column statement in whole dollars, the left column's `114` (box 10's) a narrow
    gutter before the right column's unnumbered `Bond premium`: a text layer prints digits
    as they are, so that is an amount, not box 11's number OCR read with a digit more."""
    doc = read(
        "1099-INT",
        page(
            ("Interest income", 40, 100),
            ("5,120", 175, 100),
            ("Early withdrawal penalty", 210, 100),
            ("1,038", 380, 100),
            ("Market discount", 40, 130),
            ("114", 190, 130),
            ("Bond premium", 210, 130),
            ("2,022", 380, 130),
        ),
    )
    assert doc.fields["box1_interest_income"] == "5120.00"
    assert doc.fields["box2_early_withdrawal_penalty"] == "1038.00"
    assert doc.fields["box10_market_discount"] == "114.00"
    assert doc.fields["box11_bond_premium"] == "2022.00"


def test_a_box_number_after_a_dash_is_the_labels_not_its_value() -> None:
    """`Number of properties - Box 9:  2`: the `Box 9` printed after a dash is the label's
    own number, the count after it the box's value (it had been read as 9)."""
    doc = read(
        "1098",
        page(
            ("Mortgage interest received from payer(s)/borrower(s) - Box 1:", 40, 100),
            ("8,120.44", 420, 100),
            ("Number of properties - Box 9:", 40, 120),
            ("2", 420, 120),
        ),
    )
    assert doc.fields["box1_mortgage_interest"] == "8120.44"
    assert doc.fields["box9_number_of_properties"] == 2


def test_a_value_under_box_of_a_box_dash_label_is_its_value() -> None:
    """`Box 6 - Net unrealized appreciation` with its amount on the next line from the
    label's start (under `Box`, left of the number's indent): the label is the whole `Box
    6 ...`, so the amount stands in its column (box 6 had been left blank)."""
    doc = read(
        "1099-R",
        page(
            ("Box 1 - Gross distribution", 40, 100),
            ("47,148.23", 40, 110),
            ("Box 6 - Net unrealized appreciation", 40, 130),
            ("8,438.56", 40, 140),
        ),
    )
    assert doc.fields["box1_gross_distribution"] == "47148.23"
    assert doc.fields["box6_net_unrealized_appreciation"] == "8438.56"


def test_a_tables_box_column_head_is_no_part_of_the_first_rows_label() -> None:
    """A statement's table headed `Box  Description  Amount`, row `1  Rents  $15,600.00`
    under it: `Box` over `1` is the column's head, not a `Box 1 Rents` label wrapped after
    `Box` (box 1 had been left blank)."""
    doc = read(
        "1099-MISC",
        page(
            ("Box", 40, 154),
            ("Description", 70, 154),
            ("Amount", 542, 154),
            ("1", 40, 168),
            ("Rents", 60, 168),
            ("$15,600.00", 527, 168),
            ("3", 40, 183),
            ("Other income", 60, 183),
            ("$750.00", 540, 183),
        ),
    )
    assert doc.fields["box1_rents"] == "15600.00"
    assert doc.fields["box3_other_income"] == "750.00"


def _no_value_but_one_under(
    doc_type: str, other: tuple[str, str, str], label: str, box: tuple[str, str]
) -> tuple[tuple[str, float, float], ...]:
    """On an OCR page of another box (`other`: its label, field and value) and `box`'s
    misread `label`, the other box reads and `box` is blank; with `box`'s value printed
    under its label, it reads. The page's lines, for more checks."""
    lines = ((other[0], 300, 100), (other[2], 300, 112), (label, 40, 160))
    blank = read(doc_type, page(*lines, method="ocr"))
    assert blank.fields[other[1]] == other[2]
    assert box[0] not in blank.fields
    under = read(doc_type, page(*lines, (box[1], 40, 172), method="ocr"))
    assert under.fields[box[0]] == box[1]
    return lines
