"""What OCR loses in a form's cells and how the engine still reads the box, on hand-made
OCR pages laid out as the official 1098-E and 1099-C print them (the third-party images of
`test_real_images.py` showed each case): a label whose first word is unread, a check box
beside a wrapped label's second line, a cell's bottom rule, a ten-digit TIN. The expected
values are the ones placed on each page; each rule also has its page where it must not
apply."""

from __future__ import annotations

import numpy as np
import pytest
from word_pages import HEIGHT, page, read

from backtax.extractors.forms._catalog import form_spec
from backtax.extractors.forms.engine.kind import FormKind
from backtax.extractors.page import Box, Page, PageImage, Word


def _loan_form(*extra: tuple[str, float, float]) -> Page:
    return page(
        ("1 Student loan interest received by lender", 276, 210),
        ("$5,432.10", 417, 224),
        ("RECIPIENT'S TIN", 87, 217),
        ("12-3456789", 88, 226),
        *extra,
        method="ocr",
    )


def _box2(*mark: tuple[str, float, float]) -> Page:
    """Box 2's label as Tesseract read it off a 126-dpi scan (`2 If` glued into `21`, `box`
    read `bax`), wrapped over two lines, its check box drawn beside the second."""
    return _loan_form(
        ("21 checked, bax 1 does not include loan origination fees", 275, 300),
        ("and/or capitalized imerest for loans made before", 278, 309),
        *mark,
    )


def test_check_label_whose_start_is_garbled_is_found_and_its_box_beside_its_second_line() -> None:
    assert read("1098-E", _box2(("x]", 570, 310))).fields["box2_origination_fees_excluded"]


def test_check_label_whose_start_is_garbled_without_a_mark_is_clear() -> None:
    assert read("1098-E", _box2()).fields["box2_origination_fees_excluded"] is False


def test_mark_beside_the_next_label_is_not_this_box_s() -> None:
    """A mark level with a line that holds another label belongs to that label's row."""
    sheet = _box2(("Account number (see instructions)", 40, 318), ("x]", 570, 319))
    sheet.words = [w for w in sheet.words if w.text != "and/or"]  # the wrap no longer joins
    sheet.words = [w for w in sheet.words if w.box.top != 309]
    assert read("1098-E", sheet).fields["box2_origination_fees_excluded"] is False


def _account(floor: bool) -> Page:
    """The account number cell left blank; the form's footer (`1098-E`, Tesseract lost its
    `Form`) under the cell's bottom rule."""
    sheet = _loan_form(("Account number (see instructions)", 86, 301), ("1098-E", 99, 321))
    if floor:
        sheet.floors = [Box(84, 317, 540, 318)]
    return sheet


def test_a_blank_cell_s_text_box_stops_at_the_cell_s_bottom_rule() -> None:
    assert "account_number" not in read("1098-E", _account(floor=True)).fields


def test_without_the_rule_the_text_under_the_label_is_read() -> None:
    """The disagreement the rule settles: no rule seen, the footer is the cell's line."""
    assert read("1098-E", _account(floor=False)).fields.get("account_number") == "1098-E"


def _tin(printed: str) -> Page:
    return _loan_form(("BORROWER'S TIN", 174, 217), (printed, 176, 226), ("800-123-4567", 89, 190))


def test_a_ten_digit_borrower_tin_gives_its_last_four() -> None:
    assert read("1098-E", _tin("987-654-3210")).recipient_tin_last4 == "3210"


def test_a_nine_digit_tin_still_reads_as_before_and_a_phone_elsewhere_is_no_tin() -> None:
    assert read("1098-E", _tin("987-65-4321")).recipient_tin_last4 == "4321"
    assert read("1098-E", _tin("98765")).recipient_tin_last4 is None


def _creditor(floors: bool, name: str = "WOODGROVE BANK", first: str = "name,") -> Page:
    """A 1099-C's creditor cell whose label lost `CREDITOR'S` (small print at 95 dpi)."""
    sheet = page(
        (f"{first} street address, city or town, state or province, country,", 186, 21.5),
        ("ZIP or foreign postal code, and telephone no.", 161, 26.2),
        (name, 161, 34),
        ("P.O. BOX 6543", 161, 43),
        ("2 Amount of debt discharged", 303, 36),
        ("$ 987,654.00", 320, 44),
        ("CREDITOR'S TIN", 162, 64),
        ("12-3456789", 183, 71),
        method="ocr",
    )
    if floors:
        sheet.floors = [Box(159, 20.2, 401, 21.3), Box(159, 61.7, 462, 62.7)]
        sheet.rules = [Box(158.7, 20, 159.7, 139), Box(299.8, 20, 300.8, 139)]
    return sheet


def test_payer_name_whose_label_is_unread_is_the_first_line_of_the_cell_above_its_tin() -> None:
    assert read("1099-C", _creditor(floors=True)).payer_name == "WOODGROVE BANK"


def test_payer_name_from_the_cell_above_needs_the_ruling_and_a_name() -> None:
    assert read("1099-C", _creditor(floors=False)).payer_name is None
    assert read("1099-C", _creditor(floors=True, name="98122-0123")).payer_name is None


def test_a_cell_whose_first_line_is_no_label_line_gives_no_name() -> None:
    """The label's first line read as one capitalised scrap (`PAE` for `PAYER'S name, ...`)
    is no name: a name follows the label's lines."""
    sheet = _creditor(floors=True)
    sheet.words = [w for w in sheet.words if w.box.top != 21.5]
    sheet.words.append(Word("PAE", Box(161, 21.5, 176, 21.5 + HEIGHT), 0.7, "ocr"))
    sheet.words = [w for w in sheet.words if w.box.top != 26.2]
    assert read("1099-C", sheet).payer_name is None


def _fish(amount: str) -> Page:
    return page(
        ("1 Rents", 294, 41),
        ("$ 500.00", 294, 60),
        ("11 Fish purchased for resale", 291, 263),
        (amount, 294, 282),
        method="ocr",
    )


def test_an_amount_read_with_a_leading_zero_is_no_amount() -> None:
    """OCR's reading of a handwritten 2,100 (`$ 0010`): a blank, not 10.00."""
    assert "box11_fish_purchased_for_resale" not in read("1099-MISC", _fish("$ 0010")).fields
    assert read("1099-MISC", _fish("$ 10.00")).fields["box11_fish_purchased_for_resale"] == "10.00"


def _medical(label: str) -> Page:
    return page((label, 394, 141), ("$ 6,230", 394, 160), method="ocr")


def test_a_long_label_glued_by_pp_ocr_with_two_letters_misread_is_found() -> None:
    doc = read("1099-MISC", _medical("6 Medlicalandhelthcarepayments"))
    assert doc.fields["box6_medical_payments"] == "6230.00"


def test_a_glued_label_three_letters_off_is_no_label() -> None:
    docs = FormKind(form_spec("1099-MISC")).extract([_medical("6 Medlicalandhelthcarepaymemts")])
    assert not docs or "box6_medical_payments" not in docs[0].fields


def _deferred(*label: tuple[str, float, float, float]) -> Page:
    """Box 14 of the 2021 1099-MISC as PP-OCR read it off the handwritten Azure scan: its
    words' boxes (points) padded, a label's wrapped line 2.5 points into the one above."""
    placed = [("2021", 399.0, 65.0, 432.0), *label, ("$1000", 393.9, 321.6, 439.2)]
    words = [Word(t, Box(x0, y, x1, y + 11.5), 0.9, "ocr") for t, x0, y, x1 in placed]
    return Page(1, 612, 792, words, "ocr")


def test_a_glued_label_three_letters_off_between_its_number_and_its_last_word_is_found() -> None:
    """`14` `Nonqualfleddefered` / `compensation`: the number before it and the label's
    last word after it hold the glued words in place; without the last word, no label."""
    label = (("14", 391.3, 299.7, 399.0), ("Nonqualfleddefered", 402.5, 299.7, 466.7))
    doc = read("1099-MISC", _deferred(*label, ("compensation", 402.0, 308.9, 444.8)))
    assert doc.fields["box15_nonqualified_deferred_compensation"] == "1000.00"
    docs = FormKind(form_spec("1099-MISC")).extract([_deferred(*label)])
    assert not docs or "box15_nonqualified_deferred_compensation" not in docs[0].fields


def _debt_account(ruled: bool) -> Page:
    """The 1099-C's last cells as PP-OCR's padded boxes place them (95-dpi image): the
    address a point above the account number's label, a ruled border between them."""
    sheet = page(
        ("1 Date of identifiable event", 306, 60),
        ("01/01/2022", 330, 69),
        ("SEATTLE WA 98001-0432", 162, 117),
        ("Account number (see instructions)", 162, 126),
        ("i123456789", 216, 134),
        method="ocr",
    )
    sheet.floors = [Box(159, 125.2, 417, 125.8)] if ruled else []
    return sheet


def test_a_label_under_a_cell_border_is_no_wrapped_line_of_the_cell_above() -> None:
    """A label close under the last line of the cell above is that cell's label wrapped,
    unless a ruled border runs between them: then it is its own cell's."""
    assert read("1099-C", _debt_account(ruled=True)).fields["account_number"] == "i123456789"
    assert "account_number" not in read("1099-C", _debt_account(ruled=False)).fields


def test_a_label_s_second_line_with_a_tall_misread_word_is_no_name() -> None:
    """OCR's garbled words of a label's first line (`Teton pastel`), read tall, fall into
    its second line: the line is still the label's, and the name is the next line."""
    sheet = _loan_form(
        ("BORROWER'S name, street address (including apt. no.), city or town,", 87, 238),
        ("'state or province, country, and ZIP or", 86, 246),
        ("PASCALE WEYDERT", 88, 255),
    )
    sheet.words.append(Word("Teton", Box(160, 241, 175, 241 + 2.4 * HEIGHT), 0.1, "ocr"))
    assert read("1098-E", sheet).recipient_name == "PASCALE WEYDERT"


def test_code_in_the_next_cell_of_a_ruled_row_as_tall_as_its_words() -> None:
    """A letter's ruled table `Box No. | Item | Amount Reported` prints 1099-K box 2's code
    in the Amount cell of the label's row, the row's bottom rule right under the words and
    the letter's text (a telephone number among it) under the table: the code is read
    from the row's next cell, the letter's text is no value of the box."""
    sheet = page(
        ("Form 1099-K - Payment Card and Third Party", 42, 280),
        ("1a Gross amount of payment card/third party network", 46, 324),
        ("564.17", 530, 324),
        ("Box No.", 46, 396),
        ("Item", 88, 396),
        ("Amount Reported", 500, 396),
        ("2", 46, 416),
        ("Merchant Category Code", 88, 416),
        ("G", 562, 416),
        ("This information is also being furnished to the Internal Revenue Service.", 42, 441),
        ("call 1-888-555-0199.", 42, 453),
        method="ocr",
    )
    sheet.rules = [Box(x, 391, x + 1, 426) for x in (41.5, 81.6, 499.9, 573.8)]
    sheet.floors = [Box(41.8, top, 575.3, top + 1) for top in (391.0, 406.3, 424.6)]
    assert read("1099-K", sheet).fields["box2_merchant_category_code"] == "G"


def test_a_point_read_after_an_account_numbers_last_digit_is_no_part_of_it() -> None:
    """A speck after `939-37822` read as a point (`939-37822.`): the account number is
    the digits and dashes printed, as on the text layer."""
    sheet = page(
        ("742 EVERGREEN TER Account number: 939-37822.", 43, 105),
        ("1099-K Payment Card and Third Party", 43, 145),
        ("1a Gross amount of payment card/third party network $ 448.10", 43, 169),
        method="ocr",
    )
    assert read("1099-K", sheet).fields["account_number"] == "939-37822"


def _inked(sheet: Page, boxes: list[Box]) -> None:
    """Give a hand-made OCR page an image (1 pixel a point) with ink in `boxes`."""
    gray = np.full((int(sheet.height), int(sheet.width)), 255, np.uint8)
    for b in boxes:
        gray[int(b.top) : int(b.bottom), int(b.x0) : int(b.x1)] = 0
    sheet.image, sheet.dpi = PageImage(gray), 72


def test_a_lone_code_ocr_gave_no_word_at_its_rows_end_is_read_again() -> None:
    """A dot-leader statement's `2 Merchant Category Code ........ G`: Tesseract read the
    leader as unsure words and the lone `G` not at all. The row's ink shaped like its
    label's letters, at the row's end, is read again by the page's recogniser: box 2's
    code. A row whose end holds no such ink (box 3's, blank) gets no count."""
    sheet = page(
        ("1099-K Payment Card and Third Party", 42, 150),
        ("1a Gross amount of payment card/third party network $38,072.56", 42, 160),
        ("2 Merchant Category Code", 42, 176),
        ("3 Number of payment transactions", 42, 190),
        method="ocr",
    )
    leader = [Word("eee", Box(x, 182, x + 14, 184), 0.2, "ocr") for x in range(240, 470, 40)]
    sheet.words.extend(leader)
    code = next(w for w in sheet.words if w.text == "Code")
    letters = [Box(code.box.x0 + 5 * i, 176, code.box.x0 + 5 * i + 4, 184) for i in range(4)]
    dots = [Box(x, 182, x + 2, 184) for x in range(240, 470, 6)]
    _inked(sheet, [*letters, *dots, Box(562, 176, 567, 184)])
    asked: list[Box] = []

    def recognise(_: Page, box: Box) -> list[Word]:
        asked.append(box)
        return [Word("G", box, 0.97, "ocr")]

    sheet.recogniser = recognise
    fields = read("1099-K", sheet).fields
    assert fields["box2_merchant_category_code"] == "G"
    assert "box3_number_of_transactions" not in fields
    assert len(asked) == 1 and asked[0].x0 > 555


def test_a_masked_tin_ocr_read_with_a_speck_before_it_is_the_recipients() -> None:
    """A statement's two columns (the 1098-E of the `columns` family): the recipient's
    masked TIN right-aligned under its label, out of the label's reach, OCR reading a
    speck before it as a quote (`“XXX-XX-3456`): it is the form's one SSN-shaped number,
    the recipient's, as on the text layer."""
    doc = read(
        "1098-E",
        page(
            ("Form 1098-E: Student Loan Interest Statement", 42, 112),
            ("Payer's federal identification number", 42, 136),
            ("1 Student loan interest", 397, 135),
            ("91-2087345", 333, 145),
            ("received by lender", 396, 145),
            ("$ 75,076.51", 522, 156),
            ("Recipient's identification number", 42, 172),
            ("“XXX-XX-3456", 325, 180),
            method="ocr",
        ),
    )
    assert doc.recipient_tin_last4 == "3456"
    assert doc.payer_tin == "91-2087345"
    assert doc.fields["box1_student_loan_interest"] == "75076.51"


def _count_row_sheet(ink: Box) -> tuple[Page, list[Box]]:
    """A statement's `3 Number of payment transactions` row, no word OCR gave at its
    end, the label's letters and `ink` on its image; the boxes the recogniser is asked."""
    sheet = page(
        ("1099-K Payment Card and Third Party", 42, 150),
        ("1a Gross amount of payment card/third party network $38,072.56", 42, 160),
        ("3 Number of payment transactions", 42, 176),
        method="ocr",
    )
    last = next(w for w in sheet.words if w.text == "transactions")
    letters = [Box(last.box.x0 + 5 * i, 176, last.box.x0 + 5 * i + 4, 184) for i in range(12)]
    _inked(sheet, [*letters, ink])
    asked: list[Box] = []

    def recognise(_: Page, box: Box) -> list[Word]:
        asked.append(box)
        return [Word("1", box, 0.96, "ocr")]

    sheet.recogniser = recognise
    return sheet, asked


def test_a_lone_digit_one_at_its_rows_end_is_read_again() -> None:
    """The lone count `1` at a row's far end that Tesseract dropped (the side_by_side 5498
    scan's box 15b, `1` right-aligned at the page's edge): its stroke is a quarter of its
    height wide, narrower than any letter, and still the row's print, read again."""
    sheet, asked = _count_row_sheet(Box(564, 176, 566, 184))
    assert read("1099-K", sheet).fields["box3_number_of_transactions"] == 1
    assert len(asked) == 1 and asked[0].x0 > 560


def test_a_rule_crossing_a_rows_end_is_no_digit_one() -> None:
    """A vertical rule as narrow as a `1` crossing the row (above and below its words) is
    no print of the row: nothing is read again, no count."""
    sheet, asked = _count_row_sheet(Box(564, 168, 566, 194))
    assert "box3_number_of_transactions" not in read("1099-K", sheet).fields
    assert asked == []


def _winnings_sheet(recognised: str) -> tuple[Page, list[Box]]:
    """A broker's dot-leader row of W-2G box 1 whose leader Tesseract read as nothing but
    the minus glued to the amount's start (`-49124.18`, the dot_leader scan at dev seed
    43700); the page's recogniser reads `recognised` on the amount's box alone."""
    sheet = page(
        ("Form W-2G Certain Gambling Winnings 2025", 42, 120),
        ("1 GROSS WINNINGS:", 42, 162),
        ("-49124.18", 521, 160),
        method="ocr",
    )
    asked: list[Box] = []

    def recognise(_: Page, box: Box) -> list[Word]:
        asked.append(box)
        return [Word(recognised, box, 0.95, "ocr")]

    sheet.recogniser = recognise
    return sheet, asked


def test_a_leaders_dash_read_as_an_amounts_minus_is_dropped_when_read_again_without() -> None:
    sheet, asked = _winnings_sheet("49124.18")
    assert read("W-2G", sheet).fields["box1_gross_winnings"] == "49124.18"
    assert len(asked) == 1 and asked[0].x0 == 521


def test_a_minus_read_again_is_kept() -> None:
    """The recogniser reading the minus too (or other digits) leaves the amount as read."""
    sheet, _ = _winnings_sheet("-49124.18")
    assert read("W-2G", sheet).fields["box1_gross_winnings"] == "-49124.18"
    sheet, _ = _winnings_sheet("49124.16")
    assert read("W-2G", sheet).fields["box1_gross_winnings"] == "-49124.18"


@pytest.mark.parametrize("recognised", ["\u201349124.18", "\u221249124.18", "(49124.18)"])
def test_a_minus_read_again_as_a_dash_or_parenthesis_is_kept(recognised: str) -> None:
    """The recogniser reading the minus as an en dash, the minus sign or a parenthesis
    reads it too: the amount stays as read, no digits alike make it positive."""
    sheet, _ = _winnings_sheet(recognised)
    assert read("W-2G", sheet).fields["box1_gross_winnings"] == "-49124.18"


def _grid_code_sheet(code_ink: bool) -> tuple[Page, list[Box]]:
    """An IRS grid's 5498 row as the irs_grid family draws it: `10 Roth IRA Contributions`
    and `13c Code` in ruled cells, the Roth amount and the code right-aligned at the cells'
    bottoms; OCR gave the amount and no word for the code. The boxes the recogniser is
    asked."""
    sheet = page(
        ("Form 5498 IRA Contribution Information", 300, 40),
        ("10 Roth IRA Contributions", 304, 74),
        ("87677.69", 330, 91),
        ("13c Code", 444, 74),
        method="ocr",
    )
    sheet.rules = [Box(x, 70, x + 1, 101) for x in (301.0, 371.0, 441.0, 511.0)]
    sheet.floors = [Box(301.0, top, 511.0, top + 1) for top in (70.0, 100.0)]
    label = next(w for w in sheet.words if w.text == "Code")
    letters = [Box(label.box.x0 + 5 * i, 75, label.box.x0 + 5 * i + 4, 82) for i in range(4)]
    _inked(sheet, [*letters, *([Box(500, 88, 507, 98)] if code_ink else [])])
    asked: list[Box] = []

    def recognise(_: Page, box: Box) -> list[Word]:
        asked.append(box)
        return [Word("A", box, 0.97, "ocr")]

    sheet.recogniser = recognise
    return sheet, asked


def test_a_lone_code_ocr_gave_no_word_under_its_label_in_its_cell_is_read_again() -> None:
    """The code's ink alone in its ruled cell under `13c Code`, one capital: read again by
    the page's recogniser, box 13c's code; the ink asked about is the code's."""
    sheet, asked = _grid_code_sheet(code_ink=True)
    assert read("5498", sheet).fields["box13c_code"] == "A"
    assert len(asked) == 1 and asked[0].x0 > 490 and asked[0].top > 82.5 - 3


def test_an_empty_cell_under_a_code_label_gives_no_code() -> None:
    """The same cell without ink: nothing is asked, the code stays blank."""
    sheet, asked = _grid_code_sheet(code_ink=False)
    assert "box13c_code" not in read("5498", sheet).fields
    assert asked == []
