"""Check marks on scans: drawn squares with ink in them, on hand-made page images (300
dpi) with hand-placed words. The expected marks are the squares drawn as check boxes."""

from __future__ import annotations

import numpy as np
from word_pages import page, read

from backtax.extractors.kinds import Extracted, all_kinds
from backtax.extractors.page import Box, Page, PageImage

DPI = 300
K = DPI / 72


def _px(points: float) -> int:
    return round(points * K)


def _image(draw: list[tuple[float, float, float, float]]) -> PageImage:
    """A white letter page at 300 dpi with black rectangles `(x0, top, x1, bottom)` in points."""
    image = np.full((_px(792), _px(612)), 255, np.uint8)
    for x0, top, x1, bottom in draw:
        image[_px(top) : _px(bottom), _px(x0) : _px(x1)] = 0
    return PageImage(image)


def _bold_h(x: float, top: float) -> list[tuple[float, float, float, float]]:
    """A bold serif `H` 7.2 points wide: two thick stems, serifs, a bar between them."""
    return [
        (x, top, x + 3.2, top + 0.6),  # top serifs, a narrow gap between them
        (x + 4.0, top, x + 7.2, top + 0.6),
        (x + 0.7, top, x + 2.4, top + 7),  # stems
        (x + 4.8, top, x + 6.5, top + 7),
        (x + 2.4, top + 3.2, x + 4.8, top + 3.8),  # bar
        (x, top + 6.4, x + 3.2, top + 7),  # bottom serifs
        (x + 4.0, top + 6.4, x + 7.2, top + 7),
    ]


def _square(x0: float, top: float, side: float = 9.0) -> list[tuple[float, float, float, float]]:
    """A check box's outline, 1 point thick."""
    x1, bottom = x0 + side, top + side
    return [(x0, top, x1, top + 1), (x0, bottom - 1, x1, bottom), (x0, top, x0 + 1, bottom),
            (x1 - 1, top, x1, bottom)]  # fmt: skip


def _sheet(
    draw: list[tuple[float, float, float, float]], *placed: tuple[str, float, float]
) -> Page:
    sheet = page(*placed, method="ocr", conf=0.95)
    sheet.image, sheet.dpi = _image(draw), DPI
    return sheet


def _nec(
    draw: list[tuple[float, float, float, float]], *placed: tuple[str, float, float]
) -> Extracted:
    """A 1099-NEC copy with `draw` ink, `placed` words and box 1's 18,450.00, as read:
    box 1 is the amount placed."""
    sheet = _sheet(draw, ("1 Nonemployee compensation", 290, 100), ("18,450.00", 300, 112), *placed)
    doc = read("1099-NEC", sheet)
    assert doc.fields["box1_nonemployee_compensation"] == "18450.00"
    return doc


def test_a_bold_letter_of_a_word_read_is_no_marked_check_box() -> None:
    """A 5498-SA statement's title `5498-SA HSA, Archer MSA` in bold: its `H` (stems,
    serifs and bar fill a square's outline and middle) is a letter of the word `HSA,`,
    not a marked box beside the title's `Archer MSA`; the statement draws no box 6."""
    sheet = _sheet(
        _bold_h(82, 139.5),
        ("5498-SA HSA, Archer MSA", 42, 139),
        ("1 Employee or self-employed person's Archer MSA contributions  988.84", 44, 163),
    )
    doc = read("5498-SA", sheet)
    assert doc.fields["box1_archer_msa_employee_contributions"] == "988.84"
    assert doc.fields.get("box6_archer_msa") is not True
    assert doc.fields.get("box6_hsa") is not True


def test_a_marked_square_beside_a_check_label_is_still_its_mark() -> None:
    """The same page with a drawn check box (a 1-point outline, an X of bars across its
    middle) just left of box 6's `Archer MSA`: that box is checked."""
    box = _square(180, 200, side=8)
    mark = [(182, 202, 186, 206)]
    sheet = _sheet(
        [*_bold_h(82, 139.5), *box, *mark],
        ("5498-SA HSA, Archer MSA", 42, 139),
        ("1 Employee or self-employed person's Archer MSA contributions  988.84", 44, 163),
        ("Archer MSA", 192, 200),
    )
    doc = read("5498-SA", sheet)
    assert doc.fields["box6_archer_msa"] is True


def test_a_white_corner_in_a_shaded_cell_is_no_marked_check_box() -> None:
    """The 1099-NEC's box 3 is a grey cell with its `3` in a white corner; on a photo the
    threshold takes the grey for ink, and the corner (ruled on two sides, grey on the
    others, a digit inside) looks like a marked square. It is no check box: box 2's box,
    drawn empty beside its label, stays unchecked."""
    shading = [
        (283, 149, 360, 151),
        (283, 149, 284, 175),
        (297, 149, 360, 175),
        (283, 161, 297, 175),
    ]
    digit = [(288, 152, 292, 158)]
    box = _square(467, 133, side=7)
    doc = _nec(
        [*shading, *digit, *box],
        ("2 Payer made direct sales totaling $5,000 or more of", 290, 126),
        ("consumer products to recipient for resale", 300, 134),
        ("3", 288, 151),
    )
    assert doc.fields.get("box2_direct_sales") is not True


def _w2_box13(labels: tuple[str, str, str]) -> Page:
    """A scanned W-2 copy: box 1, and box 13's number with its three check boxes drawn
    under where their labels print (42 points apart, the IRS form's spacing), the second
    (retirement plan) marked with ink in its middle; `labels` as OCR read them."""
    draw = [*_square(356, 222), *_square(398, 222), *_square(440, 222), (400, 224, 405, 229)]
    return _sheet(
        draw,
        ("Wage and Tax Statement 2024", 40, 40),
        ("1 Wages, tips, other compensation", 340, 100),
        ("45799.88", 340, 112),
        ("13", 344, 212),
        (labels[0], 356, 212),
        (labels[1], 398, 212),
        (labels[2], 440, 212),
    )


def test_w2_box13_check_boxes_from_their_squares_where_ocr_garbled_the_labels() -> None:
    """Box 13's labels in small type read as scraps (`Stty`, `Rem`, `Thid`): its three
    squares, left to right statutory employee, retirement plan, third-party sick pay as
    every W-2 prints them, say which is marked: the retirement plan's, as drawn."""
    kind = next(k for k in all_kinds() if getattr(k, "name", "") == "W-2")
    doc = kind.extract([_w2_box13(("Stty", "Rem", "Thid"))])[0]
    assert doc.fields["box1_wages"] == "45799.88"
    assert doc.fields["box13_statutory_employee"] is False
    assert doc.fields["box13_retirement_plan"] is True
    assert doc.fields["box13_third_party_sick_pay"] is False


def test_w2_box13_number_ocr_glued_to_its_first_label_still_finds_the_squares() -> None:
    """A 200 dpi photo of the 2-up payroll sheet read by PP-OCR: box 13's number came glued
    to the statutory label's first letters (`13Sty`, a word reaching past the first
    square's edge): the squares right of its digits still say the retirement plan."""
    kind = next(k for k in all_kinds() if getattr(k, "name", "") == "W-2")
    sheet = _w2_box13(("", "Rem", "Thid"))
    sheet.words = [w for w in sheet.words if w.text != "13"]
    sheet.words += page(("13Sty", 344, 212), method="ocr", conf=0.9).words
    doc = kind.extract([sheet])[0]
    assert doc.fields["box13_statutory_employee"] is False
    assert doc.fields["box13_retirement_plan"] is True
    assert doc.fields["box13_third_party_sick_pay"] is False


def test_corrected_whose_if_ocr_garbled_is_a_check_box_left_clear() -> None:
    """A 150 dpi 1099-NEC's `CORRECTED (if checked)` read `(_] CORRECTE wi checked)`: the
    caption of a check box left clear, not a title that says the form is corrected."""
    doc = _nec([], ("(_] CORRECTE wi checked)", 245, 25))
    assert doc.corrected is False


def test_corrected_beside_a_drawn_box_left_clear_is_not_corrected() -> None:
    """Copy 2's `[ ] VOID  [ ] CORRECTED` on a 200 dpi copy, its VOID read `Clvoiw`: a
    check box is drawn just left of CORRECTED, empty, so the form is not corrected."""
    box = _square(253, 31, side=10)
    doc = _nec(box, ("Clvoiw", 193, 31), ("CORRECTED", 266, 32))
    assert doc.corrected is False


def test_a_mark_ocr_glued_to_its_label_is_that_label_s_mark() -> None:
    """1099-B box 2 on a fax: OCR read long-term's box into the label's last word
    (`loss[X]`), whose box then covers the marked square. That square is long-term's, not
    the short-term box's above (whose label it sits under) nor box 3's `Collectibles`
    (just right of it): only long-term is checked."""
    draw = [*_square(40, 185), *_square(165, 197), (167, 199, 172, 204), *_square(165, 209)]
    draw += [*_square(260, 197), *_square(260, 209)]
    sheet = _sheet(
        draw,
        ("1d Proceeds 15,230.00", 40, 150),
        ("2 Short-term gain or loss", 50, 186),
        ("3 If checked, proceeds from:", 190, 186),
        ("Long-term gain or loss[X]", 50, 198),
        ("Collectibles", 195, 198),
        ("Ordinary", 50, 210),
        ("QOF", 195, 210),
    )
    doc = read("1099-B", sheet)
    assert doc.fields["box1d_proceeds"] == "15230.00"
    checks = ("box2_short_term", "box2_long_term", "box2_ordinary", "box3_collectibles")
    assert [doc.fields.get(name) for name in checks] == [False, True, False, False]


def _box2_garbled(*, own_squares: bool, short: str = "Short-term gain or loss") -> Extracted:
    """1099-B boxes 2 and 3 on a scan (the IRS form's layout), long-term's box marked (an X
    drawn in its square and read as a word) and its label garbled past finding (`Long-term
    galn or toss`), a cell border between boxes 2 and 3: short-term's and box 3's squares
    drawn empty where `own_squares`; short-term's label as OCR read it (`short`)."""
    draw = [*_square(178, 197), (180, 199, 185, 204)]
    if own_squares:
        draw += [*_square(178, 185), *_square(178, 209), *_square(285, 197), *_square(285, 209)]
    sheet = _sheet(
        draw,
        ("1d Proceeds 15,230.00", 40, 150),
        (f"2 {short}", 50, 186),
        ("3 If checked, proceeds from:", 195, 186),
        ("Long-term galn or toss", 60, 198),
        ("X", 179, 198),
        ("Collectibles", 200, 198),
        ("Ordinary", 60, 210),
        ("QOF", 200, 210),
    )
    sheet.rules = [Box(191, 180, 191.5, 220)]
    return read("1099-B", sheet)


def test_a_label_s_own_square_drawn_empty_takes_no_neighbour_s_mark() -> None:
    """Long-term's label garbled, its line (`galn or toss`) reads as short-term's label
    wrapped, beside the mark; but short-term's own square, drawn just after its label, is
    empty (as box 3's are): the form checks neither short-term nor collectibles. Seen on
    a 1099-B fax and a photo (seeds 16325, 16404), where short-term was read checked."""
    doc = _box2_garbled(own_squares=True)
    assert doc.fields["box1d_proceeds"] == "15230.00"
    checks = ("box2_short_term", "box2_ordinary", "box3_collectibles", "box3_qof")
    assert [doc.fields.get(name) for name in checks] == [False, False, False, False]


def test_a_mark_before_a_label_across_a_cell_border_is_the_other_cell_s() -> None:
    """The same copy where the scan shows none of the empty squares and box 2's labels are
    both garbled (`Shart-tem galn ar lass`): the X just left of box 3's `Collectibles` ends
    box 2's line across the cell border between them, so it is no mark of collectibles
    (seen on a 1099-B fax, seed 16315, read as collectibles)."""
    doc = _box2_garbled(own_squares=False, short="Shart-tem galn ar lass")
    assert doc.fields.get("box3_collectibles") is not True
    assert doc.fields.get("box3_qof") is not True
