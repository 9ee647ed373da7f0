"""The small repairs the OCR path makes, each on hand-made input: despeckling, box 12 codes
as OCR reads them, copies' box 12 entries united, a check mark glued to its label, and the
transcript line clean-ups."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from word_pages import page

from backtax.extractors.forms._catalog import form_spec
from backtax.extractors.forms.engine.checks import is_checked
from backtax.extractors.forms.engine.kind import FormKind
from backtax.extractors.forms.engine.parties import name_text
from backtax.extractors.forms.engine.states import read_state_rows
from backtax.extractors.forms.w2 import (
    _box12_lines,
    _code,
    _parse_code_amount,
    postprocess_w2,
    read_box14,
)
from backtax.extractors.kinds import Extracted
from backtax.extractors.page import Box, Line, Page, PageImage, Word
from backtax.extractors.readers.ocr import (
    _parts,
    deskew_angle,
    despeckle,
    find_rules,
    mended,
    read_region,
    recognise_region,
    remove_rules,
)
from backtax.extractors.reconcile import CodedCopy, _union_by_code, _vote, merge_copies
from backtax.extractors.transcripts.layout import _value_lost, clean_text, split_label_value
from backtax.extractors.values import parse_money, repair_ocr_number


def test_despeckle_drops_lone_specks_and_keeps_a_decimal_point() -> None:
    page = np.full((200, 300), 255, np.uint8)
    page[50:80, 40:52] = 0  # a digit's stroke
    page[75:79, 56:60] = 0  # its decimal point, 4 px away
    page[150:152, 200:202] = 0  # a speck of dust, far from any ink
    clean = despeckle(page, 300)
    assert clean[76, 57] == 0
    assert clean[150, 200] == 255
    assert (clean[50:80, 40:52] == 0).all()


def test_remove_rules_whitens_the_ruling_and_keeps_a_tall_digit() -> None:
    page = np.full((600, 800), 190, np.uint8)  # grey paper
    page[100:104, 50:750] = 0  # a horizontal rule, 700 px long
    page[50:550, 400:403] = 0  # a vertical rule, 500 px tall and 3 wide
    page[300:360, 600:612] = 0  # a large digit's stroke: 60 px tall, 12 wide (not 8 times)
    page[400:404, 100:103] = 0  # a speck under the vertical mask's reach (10 px at 600 tall)
    clean = remove_rules(page, find_rules(page))
    assert (clean[99:105, 50:750] == 255).all()  # the rules and a pixel around them
    assert (clean[50:550, 399:404] == 255).all()
    assert (clean[300:360, 600:612] == 0).all()
    assert (clean[400:404, 100:103] == 0).all()
    assert clean[200, 200] == 190 and clean[99, 30] == 190  # the paper as it was


def test_a_masks_parts_are_measured_as_drawn() -> None:
    """Each 8-connected part's left, top, width, height and pixel count, in the order
    OpenCV labels them (row by row): a bar, an L (two strokes meeting), two pixels touching
    at a corner (one part), a lone pixel."""
    mask = np.zeros((60, 80), np.uint8)
    mask[5:9, 10:40] = 255  # a bar: 30 x 4 at (10, 5), 120 pixels
    mask[20:40, 50:53] = 255  # an L's upright: 3 x 20 at (50, 20)
    mask[37:40, 53:70] = 255  # and its foot: 17 x 3; in all 20 x 20, 60 + 51 pixels
    mask[45, 5] = mask[46, 6] = 255  # two pixels meeting at a corner: 2 x 2, 2 pixels
    mask[55, 75] = 255  # a lone pixel
    stats, at, label = _parts(mask)
    assert stats[1:].tolist() == [
        [10, 5, 30, 4, 120],
        [50, 20, 20, 20, 111],
        [5, 45, 2, 2, 2],
        [75, 55, 1, 1, 1],
    ]
    assert len(at) == len(label) == 234 and set(label.tolist()) == {1, 2, 3, 4}


@pytest.mark.parametrize(
    ("token", "code"),
    [
        ("D", "D"),
        ("DD", "DD"),
        ("2D", "D"),
        ("Ww", "W"),
        ("WW", "W"),
        ("Local", None),
        ("ae", None),
    ],
)
def test_box12_code_as_ocr_reads_it(token: str, code: str | None) -> None:
    assert _code(token) == code


def test_box12_line_with_the_forms_rules_between_code_and_amount() -> None:
    assert _parse_code_amount(["2C", "|32.00"]) == {"code": "C", "amount": "32.00"}
    assert _parse_code_amount(["DD", "|", "5,870.04"]) == {"code": "DD", "amount": "5870.04"}
    assert _parse_code_amount(["Local", "20"]) is None


def test_copies_box12_entries_are_united_by_code_in_printed_order() -> None:
    first = [{"code": "DD", "amount": "9102.33"}, {"code": "E", "amount": "250.00"}]
    second = [{"code": "D", "amount": "4500.00"}, {"code": "DD", "amount": "9102.33"}]
    united = _union_by_code([CodedCopy(first), CodedCopy(second)], "box12", [])
    assert [e["code"] for e in united] == ["D", "DD", "E"]


def test_copies_that_each_lost_another_box12_line_are_united_by_the_lines_places() -> None:
    """12a D, 12b DD, 12c W, 12d C printed; one copy lost 12d, the other 12c: the order
    after DD is open but for where each entry sits in its box (points under its top)."""
    d, dd = {"code": "D", "amount": "1500.00"}, {"code": "DD", "amount": "5870.04"}
    w, c = {"code": "W", "amount": "750.00"}, {"code": "C", "amount": "32.00"}
    first, second = [d, dd, w], [d, dd, c]
    copies = [CodedCopy(first, [12.0, 36.0, 60.0]), CodedCopy(second, [11.0, 35.0, 83.0])]
    united = _union_by_code(copies, "box12", [])
    assert [e["code"] for e in united] == ["D", "DD", "W", "C"]
    second_rows = [11.0, 35.0, 50.0]  # C above W: printed as 12c
    copies = [CodedCopy(first, [12.0, 36.0, 60.0]), CodedCopy(second, second_rows)]
    united = _union_by_code(copies, "box12", [])
    assert [e["code"] for e in united] == ["D", "DD", "C", "W"]


def test_copies_that_read_one_box12_line_with_two_codes_give_one_entry_by_vote() -> None:
    """12a D, 12b DD, 12c W printed on a 2-up sheet; one copy read 12b's code `P`: the
    same line (its place in the box) with the same amount is one entry, not two, its
    code that of the copy read with more confidence."""
    d, w = {"code": "D", "amount": "1500.00"}, {"code": "W", "amount": "750.00"}
    misread, read = (
        [d, {"code": "P", "amount": "5870.04"}, w],
        [d, {"code": "DD", "amount": "5870.04"}, w],
    )
    copies = [CodedCopy(misread, [12.0, 36.0, 60.0], 0.6), CodedCopy(read, [11.0, 35.0, 59.0], 0.9)]
    united = _union_by_code(copies, "box12", [])
    assert united == [d, {"code": "DD", "amount": "5870.04"}, w]


def test_a_box12_line_copies_read_two_ways_is_the_entry_the_arithmetic_keeps() -> None:
    """The IRS W-2 sample's 12a `D 1500.00` (`irs_2024_flat_john_bayside.expected.json`):
    one copy read `Q 1500.00`, the other `D 4500.00`, on the same line of the box. One
    entry, not two; of the mixes of the two readings only `D 1500.00` makes box 5 less
    box 1 (39280.20 - 37780.20) the elective deferrals, whichever copy was surer."""
    dd, w = {"code": "DD", "amount": "5870.04"}, {"code": "W", "amount": "750.00"}
    first = [{"code": "Q", "amount": "1500.00"}, dd, w]
    second = [{"code": "D", "amount": "4500.00"}, dd, w]
    boxes = {"box1_wages": "37780.20", "box5_medicare_wages": "39280.20"}
    for confs in ([0.9, 0.6], [0.6, 0.9]):
        copies = [
            Extracted("W-2", [n], 2024, payer_tin="12-3456789", fields={**boxes, "box12": v},
                      field_confidence={"box12": c}, field_rows={"box12": [12.0, 36.0, 60.0]})
            for n, (v, c) in enumerate(zip([first, second], confs, strict=True), start=1)
        ]  # fmt: skip
        (merged,) = merge_copies(copies)
        assert merged.fields["box12"] == [{"code": "D", "amount": "1500.00"}, dd, w]


def test_a_box12_amount_copies_read_two_ways_under_one_code_is_the_arithmetics() -> None:
    """The same W-2's 12a `D 1500.00`: the fuller copy (box 12 read whole) read `D 4500.00`,
    the other `D 1500.00`. Under one code the copies' tie had gone to the fuller list's
    copy; only 1500.00 makes box 5 less box 1 (39280.20 - 37780.20) the deferrals."""
    dd, w, c = (
        {"code": "DD", "amount": "5870.04"},
        {"code": "W", "amount": "750.00"},
        {"code": "C", "amount": "32.00"},
    )
    boxes = {"box1_wages": "37780.20", "box5_medicare_wages": "39280.20"}
    lists = (
        [{"code": "D", "amount": "4500.00"}, dd, w, c],
        [{"code": "D", "amount": "1500.00"}, w, c],
    )
    copies = [
        Extracted("W-2", [n], 2024, payer_tin="94-1234567", fields={**boxes, "box12": v})
        for n, v in enumerate(lists, start=1)
    ]
    (merged,) = merge_copies(copies)
    assert merged.fields["box12"] == [{"code": "D", "amount": "1500.00"}, dd, w, c]


def test_copies_box12_readings_no_arithmetic_parts_go_to_the_surer_copy() -> None:
    """The same line read `Q 1500.00` and `D 4500.00` without box 1 read: one entry, the
    surer copy's; two amounts that differ in more than a digit are two lines."""
    q, d = {"code": "Q", "amount": "1500.00"}, {"code": "D", "amount": "4500.00"}
    surer = CodedCopy([d], [11.0], 0.9)
    assert _union_by_code([CodedCopy([q], [12.0], 0.6), surer], "box12", []) == [d]
    e = {"code": "E", "amount": "4321.00"}
    apart = [CodedCopy([q], [12.0], 0.6), CodedCopy([e], [11.0], 0.9)]
    assert len(_union_by_code(apart, "box12", [])) == 2


def test_copies_state_rows_that_differ_by_a_stray_minus_go_to_the_surer_copy() -> None:
    """A 2-up sheet's CO row, 44799.88 printed: one copy read `$-44799.88` (a speck before
    the digits). Neither reading holds more values, so the longer text is no fuller one:
    the tie goes to the copy read with more confidence."""
    row = {"state": "CO", "employer_state_id": "98765432", "box16_state_wages": "44799.88"}
    speck = {**row, "box16_state_wages": "-44799.88"}
    assert _vote([[speck], [row]], "state", [], [0.31, 0.91]) == [row]


def _sheet_copy(payer_name: str, payer_tin: str | None, **fields: str) -> Extracted:
    return Extracted(
        "W-2", [1], 2024, payer_name=payer_name, payer_tin=payer_tin,
        recipient_tin_last4="7788", fields=fields,
    )  # fmt: skip


PRINTED = {
    "box1_wages": "45799.88", "box2_federal_tax_withheld": "1601.60",
    "box4_ss_tax_withheld": "2989.04", "box5_medicare_wages": "48210.40",
    "box6_medicare_tax_withheld": "699.05",
}  # fmt: skip
"""The 2-up payroll sample's boxes (`sample_docs/w2/payroll_2up_maria_globex.expected.json`)."""


def test_a_faxed_copy_whose_payer_and_a_digit_ocr_misread_is_still_a_copy_of_the_sheet() -> None:
    """The 2-up sheet faxed: one copy's employer TIN lost and its name read in part
    (`LOGISTICS CORP`), box 2 read `1661.60`; the other copy read whole. Most amounts agree
    on one page: one W-2, the name the copy read whole."""
    misread = {**PRINTED, "box2_federal_tax_withheld": "1661.60"}
    lost = _sheet_copy("LOGISTICS CORP", None, **misread)
    whole = _sheet_copy("GLOBEX LOGISTICS CORP", "84-7654321", **PRINTED)
    merged = merge_copies([lost, whole])
    assert len(merged) == 1
    assert (merged[0].payer_name, merged[0].payer_tin) == ("GLOBEX LOGISTICS CORP", "84-7654321")
    assert merged[0].fields["box1_wages"] == "45799.88"


def test_two_w2s_on_one_page_whose_amounts_differ_stay_two() -> None:
    """Two employers' W-2s of one person on one page, the second's TIN lost: its name is
    no part of the first's, and its amounts are others: two records."""
    first = _sheet_copy("GLOBEX LOGISTICS CORP", "84-7654321", **PRINTED)
    other = {k: f"{float(v) / 3:.2f}" for k, v in PRINTED.items()}
    assert len(merge_copies([first, _sheet_copy("NORTHWIND", None, **other)])) == 2
    assert len(merge_copies([first, _sheet_copy("CORP", None, **other)])) == 2


def test_w2_box14_lines_read_as_one_word_each_give_their_amounts() -> None:
    """A 100 dpi W-2 read by PP-OCR: box 14's `CA SDI 123.45` and `UNION DUES 240.00`
    (`sample_docs/w2/irs_2024_flat_john_bayside.expected.json`) came as `CASDI123.45` and
    `UNIONDUES240.00`: the amounts are cut off the labels, and the labels' words (a
    state's code, then box 14's words) parted again."""
    sheet = page(
        ("14 Other", 340, 230),
        ("CASDI123.45", 340, 242),
        ("UNIONDUES240.00", 340, 252),
        method="ocr",
    )
    assert read_box14(sheet.region, []) == [
        {"label": "CA SDI", "amount": "123.45"},
        {"label": "UNION DUES", "amount": "240.00"},
    ]


@pytest.mark.parametrize(
    ("read", "label"),
    [
        (".CO FAMLI", "CO FAMLI"),  # a speck before the label (2-up sheet, copier 200 dpi)
        ("COFAMLI", "CO FAMLI"),
        ("NJFLI", "NJ FLI"),
        ("EDUCASST", "EDUC ASST"),  # the 4-up payroll sheet's educational assistance
        ("MAIN", "MAIN"),  # two states' codes are no label
        ("SDICA", "SDICA"),  # a state's code prints first
        ("401K", "401K"),
    ],
)
def test_w2_box14_label_as_ocr_reads_it(read: str, label: str) -> None:
    sheet = page(("14 Other", 340, 230), (read, 340, 242), ("216.95", 420, 242), method="ocr")
    assert read_box14(sheet.region, []) == [{"label": label, "amount": "216.95"}]


def test_check_mark_glued_to_the_labels_last_word() -> None:
    label = [Word("Long-term", Box(310, 195, 340, 203), 0.9, "ocr"),
             Word("loss[X]", Box(342, 195, 370, 203), 0.8, "ocr")]  # fmt: skip
    page = Page(1, 612, 792, label, "ocr")
    assert is_checked(Box(310, 195, 370, 203), page.region)
    label[1] = Word("loss[_]", label[1].box, 0.8, "ocr")
    assert not is_checked(Box(310, 195, 370, 203), Page(1, 612, 792, label, "ocr").region)


def test_transcript_lines_as_ocr_garbles_them() -> None:
    assert clean_text("150 Tax return filed 05-20-2024 ‘$26,179.00").endswith(" $26,179.00")
    assert clean_text("670 Payment 07-02-2024 -~$1,000.00").endswith(" -$1,000.00")
    assert clean_text("TAXPAYER IDENTIFICATION. NUMBER: XXX-XX-3456").startswith(
        "TAXPAYER IDENTIFICATION NUMBER:"
    )
    assert split_label_value("PROCESSING: DATE May: 22, 2024") == (
        "PROCESSING DATE",
        "May: 22, 2024",
    )


@pytest.mark.parametrize(
    ("text", "lost"),
    [
        ("Distribution Code:", True),
        ("Payer's/Borrower's Identification", True),
        ("Payer's Federal Identification Number (FIN)", True),  # W-2G, copier seed 9853
        ("Payer:", False),
        ("Wages, Tips and Other Compensation: $52,345.67", False),
        ("JANE DOE", False),
    ],
)
def test_a_label_whose_value_ocr_lost(text: str, lost: bool) -> None:
    assert _value_lost(text) is lost


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        (["JANE", "Q-DOE"], "JANE Q DOE"),
        (["JANE", "Q.DOE"], "JANE Q DOE"),
        (["SUMMIT", "RIDGE.SECURITIES", "LLC"], "SUMMIT RIDGE SECURITIES LLC"),
        (["MARIA", "L", "TESTER."], "MARIA L TESTER"),
        (["ANNE", "SMITH-JONES"], "ANNE SMITH-JONES"),
        (["ACME", "INC."], "ACME INC."),
        (["JANE", "Q", "DOE’"], "JANE Q DOE"),
        ([".JOHN", "A", "SAMPLE"], "JOHN A SAMPLE"),
        (["BRIGHTLINE", "STUDIO", "LLC'"], "BRIGHTLINE STUDIO LLC"),
        (["PAT", "O'NEIL"], "PAT O'NEIL"),
        (["JOHN", "A", "-SAMPLE"], "JOHN A SAMPLE"),  # the IRS W-2 sample, copier 200 dpi
        (["JOHN'A", "SAMPLE"], "JOHN A SAMPLE"),  # the same at 100 dpi
        (["D'ANGELO", "SMITH'S"], "D'ANGELO SMITH'S"),
        (["FIRST", "PRAIRIE", "SAVINGS", "BANK", "."], "FIRST PRAIRIE SAVINGS BANK"),  # copier
        (["JOHN", "&", "JANE", "DOE"], "JOHN & JANE DOE"),
    ],
)
def test_scanned_name_specks(printed: list[str], name: str) -> None:
    words = [
        Word(t, Box(40 + 60 * i, 100, 90 + 60 * i, 108), 0.9, "ocr") for i, t in enumerate(printed)
    ]
    assert name_text(Line(words)) == name


@pytest.mark.parametrize(
    ("read", "word"),
    [
        ("V-2023+0117", "V-2023-0117"),
        ("OR+118866", "OR-118866"),
        ("+1", "+1"),  # a sign before a number stays
        ("A+", "A+"),
        ("1,200.00", "1,200.00"),
    ],
)
def test_a_plus_inside_a_word_is_a_faxed_hyphen(read: str, word: str) -> None:
    assert mended(read) == word


def _w2_state_rows(
    printed: str, pitch: tuple[int, int], wages: tuple[str, int]
) -> list[dict[str, str]]:
    """The state rows read from an OCR'd W-2 header (`15 State`, the ID, `16 State wages` at
    the wages' x) over one row: `printed`'s words at (step, width), then the wages."""
    step, width = pitch
    amount, x_wages = wages
    header = [("15 State", 40), ("Employer's state ID number", 80), ("16 State wages", x_wages)]
    words = [
        Word(part, Box(x + 40 * i, 300, x + 40 * i + 36, 308), 0.9, "ocr")
        for text, x in header
        for i, part in enumerate(text.split())
    ]
    words += [
        Word(p, Box(42 + step * i, 314, 42 + step * i + width, 322), 0.9, "ocr")
        for i, p in enumerate(printed.split())
    ]
    words.append(Word(amount, Box(x_wages + 2, 314, x_wages + 50, 322), 0.9, "ocr"))
    page = Page(1, 612, 792, words, "ocr")
    return read_state_rows(page.region, form_spec("W-2").state_columns, "employer_state_id")


@pytest.mark.parametrize(
    ("read", "ident"),
    [
        ("CO 98765432 S44799.88 $ 1971", "98765432"),
        ("CO 123-4567-8 $ 1000 $32", "123-4567-8"),
        ("CO 123 4567 8", "123 4567 8"),
        ("CO S12-345 44799.88", "S12-345"),
    ],
)
def test_the_amounts_read_into_a_state_id_are_no_part_of_it(read: str, ident: str) -> None:
    """The 2-up payroll sheet at 100 dpi (`payroll_2up_maria_globex.expected.json`: CO
    98765432, 44799.88, 1971.00): the cells' borders lost, the ID's cell read the wages
    and tax beside it (`98765432 S44799.88 $ 1971`, S for the dollar sign)."""
    rows = _w2_state_rows(read, pitch=(50, 42), wages=("44799.88", 400))
    assert rows == [{"state": "CO", "employer_state_id": ident, "box16_state_wages": "44799.88"}]


@pytest.mark.parametrize(
    "printed",
    ["CA.123-4567-8", "CA. 123-4567-8", "CA 123-4567-8", "CA | 123-4567-8", "CA 123-4567-8."],
)
def test_a_speck_between_the_state_and_its_id_is_no_part_of_the_id(printed: str) -> None:
    """PP-OCR reads the gap between a W-2's state and its ID as a period (`OR.OR-118866`);
    Tesseract reads the rule between their cells as `|`, a speck after the ID as `.`."""
    rows = _w2_state_rows(printed, pitch=(30, 28), wages=("52345.67", 260))
    assert rows == [
        {"state": "CA", "employer_state_id": "123-4567-8", "box16_state_wages": "52345.67"}
    ]


@pytest.mark.parametrize(
    ("read", "value_reader", "evidence"),
    [
        ("2904:12", "2904.12", "2904.12"),  # `:` for the decimal point
        ("1,720;00", "1,720.00", "1,720.00"),  # `;` for it
        ("2904:12.", "2904.12", "2904.12"),  # the point repaired under a stray full stop
        ("14:4", "14:4", "14:4"),  # no cents after it: left
        ("§742", "$742", "$742"),  # `§` is how OCR reads `$`
        ("'§1,500.00", "$1,500.00", "$1,500.00"),
        ("‘742", "742", "742"),  # a quote before it dropped
        ('"56.00"', "56.00", "56.00"),
        ("1,500.00°", "1,500.00", "1,500.00"),  # a degree sign after it dropped
        ("1720:", "1720", "1720"),  # punctuation after it dropped
        ("56.00-", "56.00", "56.00"),
        ("2024)", "2024", "2024"),  # a bracket at one end only: a border or a speck
        ("[56.00", "56.00", "56.00"),
        ("56.00]", "56.00", "56.00"),
        ("(56.00)", "(56.00)", "(56.00)"),  # a negative's parentheses kept
        ("(56.00).", "(56.00)", "(56.00)"),
        ("[56.00]", "[56.00]", "[56.00]"),  # brackets both ends: no sign guessed
        ("8O0.00", "800.00", "8O0.00"),  # a letter for zero: the evidence keeps it
        ("1,0o0", "1,000", "1,0o0"),
        ("12O", "120", "12O"),
        (".26,690.97", "26,690.97", "26,690.97"),  # a leader's last dot before it dropped
        ("..1,234", "1,234", "1,234"),
        (".50", ".50", ".50"),  # a point before the cents alone: the amount's own
        ("Box", "Box", "Box"),  # no digit: as printed
        (" 1,234.56 ", "1,234.56", "1,234.56"),
    ],
)
def test_ocr_number_repairs(read: str, value_reader: str, evidence: str) -> None:
    """Each of OCR's slips in a number, as the value reader and the engines' evidence
    repair it (one function: the evidence leaves letters for a re-read)."""
    assert repair_ocr_number(read) == value_reader
    assert repair_ocr_number(read, letters=False) == evidence


def test_repaired_parentheses_read_as_a_negative_amount() -> None:
    """`(56.00)` stays a negative; a lone bracket after the amount is no sign."""
    assert parse_money(repair_ocr_number("(56.00).")) == -56
    assert parse_money(repair_ocr_number("56.00)")) == 56


@pytest.mark.parametrize("tilt", [0.0, 1.3, -2.7, 3.6, -0.2])
def test_deskew_finds_the_tilt_of_a_hand_made_page(tilt: float) -> None:
    """Rows of text and a form's rules drawn level, the page then turned by `tilt` degrees:
    the angle found turns it back within one step of the search (0.1 degree)."""
    cv2 = pytest.importorskip("cv2")
    page = np.full((1650, 1275), 255, np.uint8)
    for row in range(12):
        y = 150 + row * 110
        cv2.putText(page, f"Box {row} wages 1,234.{row:02d} tax", (90, y), 0, 1.6, 0, 3)
        cv2.line(page, (60, y + 30), (1215, y + 30), 0, 2)
    turn = cv2.getRotationMatrix2D((637.5, 825.0), tilt, 1.0)
    tilted = cv2.warpAffine(page, turn, (1275, 1650), borderValue=255)
    assert deskew_angle(tilted) == pytest.approx(-tilt, abs=0.1 + 1e-9)


def _box12_row(code: str, read_as: str) -> tuple[Line, Page]:
    """One printed box 12 row at 300 dpi: the IRS form's small `Code` caption stacked at its
    left, the code `code` in capitals as tall as the amount's digits, a rule, 750.00. OCR
    gave the amount and `read_as` (nothing, or a misreading) for the code."""
    k = 300 / 72
    image = Image.new("L", (round(200 * k), round(60 * k)), 255)
    draw = ImageDraw.Draw(image)
    big, small = ImageFont.load_default(size=40), ImageFont.load_default(size=13)
    for i, letter in enumerate("Code"):  # the caption: letters a third as tall, stacked
        draw.text((22, 40 + 15 * i), letter, fill=0, font=small)
    draw.text((50, 62), code, fill=0, font=big)
    draw.line([(150, 45), (150, 125)], fill=0, width=3)
    draw.text((170, 62), "750.00", fill=0, font=big)
    x0, top, x1, bottom = draw.textbbox((170, 62), "750.00", font=big)
    words = [Word("750.00", Box(x0 / k, top / k, x1 / k, bottom / k), 0.9, "ocr")]
    if read_as:
        _, ctop, cx1, cbottom = draw.textbbox((50, 62), code, font=big)
        words.insert(0, Word(read_as, Box(20 / k, ctop / k, cx1 / k, cbottom / k), 0.6, "ocr"))
    page = Page(1, 200, 60, words, "ocr")
    page.image, page.dpi = PageImage(np.asarray(image)), 300
    page.rereader, page.recogniser = read_region, recognise_region
    return Line(words), page


@pytest.mark.parametrize(("code", "read_as"), [("W", ""), ("C", "ic"), ("DD", "aa")])
def test_box12_code_ocr_missed_or_read_in_lower_case_is_read_again_without_the_caption(
    code: str, read_as: str
) -> None:
    """The code's place is read again narrowed to ink as tall as the amount's digits (the
    caption's letters beside it are not), in capitals; a lower-case reading (`aa`, PP-OCR's
    for DD) is read again before it is taken."""
    line, page = _box12_row(code, read_as)
    assert _box12_lines(line.words, page, 0.0) == [(line.box, {"code": code, "amount": "750.00"})]


@pytest.mark.parametrize("printed", ["250 00", "4 301 00", "$1,234.56"])
def test_a_cell_read_again_from_an_alphabet_keeps_its_spaces_and_confidence(printed: str) -> None:
    """An amount cell read again from the amount characters only (a 1040's dollars and cents
    columns, `250 00`): Tesseract denied the space glued the words and gave them confidence 0,
    so the reading was dropped."""
    k = 300 / 72  # a letter page at 300 dpi, the amount at (400, 100) points
    image = Image.new("L", (round(612 * k), round(792 * k)), 255)
    at = (round(400 * k), round(100 * k))
    ImageDraw.Draw(image).text(at, printed, fill=0, font=ImageFont.load_default(size=40))
    page = Page(1, 612, 792, [], "ocr")
    page.image, page.dpi = PageImage(np.asarray(image)), 300
    words = read_region(page, Box(380, 95, 600, 115), psm=7, alphabet="0123456789,.-()$")
    assert [w.text for w in words] == printed.split()
    assert min(w.conf for w in words) >= 0.6


def test_w2_copies_reading_a_box14_label_two_ways_keep_the_surer_line() -> None:
    """A fax of the 2-up sheet: one copy read box 14's `CO FAMLI` as `CO FAM1.1` at 0.90,
    the other right at 0.96, its box 1 amount read less surely (0.80 against 0.99). The
    tie goes to the surer reading of box 14's line, not to the copy surer elsewhere."""

    def copy(label: str, box1_conf: float, box14_conf: float) -> Extracted:
        sheet = page(
            ("b Employer identification number (EIN)", 40, 60),
            ("84-7654321", 40, 72),
            ("1 Wages, tips, other compensation", 300, 100),
            ("37780.20", 300, 112),
            ("14 Other", 300, 230),
            (f"{label} 216.95", 300, 242),
            method="ocr",
        )
        confs = {112.0: box1_conf, 242.0: box14_conf}
        sheet.words = [replace(w, conf=confs.get(w.box.top, 0.99)) for w in sheet.words]
        (doc,) = FormKind(form_spec("W-2"), postprocess_w2).extract([sheet])
        return doc

    merged = merge_copies([copy("CO FAM1.1", 0.99, 0.90), copy("CO FAMLI", 0.80, 0.96)])
    assert len(merged) == 1
    assert merged[0].fields["box14_other"] == [{"label": "CO FAMLI", "amount": "216.95"}]


def test_a_number_tight_before_a_label_is_no_amount() -> None:
    """The 2-up W-2 on a fax (`payroll_2up_maria_globex`, box 11 blank): Tesseract read box
    12a's number as `128`, tight before its label `Code See inst. for box 12`, on box 11's
    line; and `3100 BLAKE ST` is a street. Neither is an amount: box 11 stays blank."""
    sheet = page(
        ("1 Wages, tips, other compensation", 310, 20),
        ("$ 45799.88", 312, 36),
        ("c Employer's name, address, and ZIP code", 30, 80),
        ("GLOBEX LOGISTICS CORP", 30, 92),
        ("3100 BLAKE ST", 30, 102),
        ("d Control number", 30, 150),
        ("11 Nonqualified plans", 310, 150),
        ("128 Code See inst. for box 12", 450, 150),
        ("W-2 Wage and Tax Statement", 30, 300),
        method="ocr",
    )
    fields = FormKind(form_spec("W-2")).extract([sheet])[0].fields
    assert fields == {"box1_wages": "45799.88"}


def test_copies_whose_years_read_a_digit_apart_are_one_w2_when_amounts_agree() -> None:
    """The IRS W-2 sample on a fax (`irs_2024_flat_john_bayside.expected.json`, 2024): one
    copy read the large `2024` as 2021, every amount alike on both: one record, the year
    the surer copy's. A copy with one amount other, or two digits off, is another form."""
    boxes = {
        "box1_wages": "37780.20",
        "box2_federal_tax_withheld": "2929.20",
        "box3_ss_wages": "38030.20",
        "box4_ss_tax_withheld": "2435.37",
        "box5_medicare_wages": "39280.20",
        "box6_medicare_tax_withheld": "569.56",
    }

    def copy(page: int, year: int, conf: float, **other: str) -> Extracted:
        doc = Extracted("W-2", [page], year, payer_tin="94-1234567", recipient_tin_last4="1234")
        doc.fields, doc.confidence = {**boxes, **other}, conf
        return doc

    (merged,) = merge_copies([copy(1, 2021, 0.5), copy(2, 2024, 0.9)])
    assert (merged.tax_year, merged.pages, merged.fields) == (2024, [1, 2], boxes)
    assert len(merge_copies([copy(1, 2021, 0.5), copy(2, 2024, 0.9, box1_wages="100.00")])) == 2
    assert len(merge_copies([copy(1, 2011, 0.5), copy(2, 2024, 0.9)])) == 2
