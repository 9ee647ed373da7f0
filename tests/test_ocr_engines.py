"""The two OCR engines as peers: the engine-choice rule on hand-made disagreements, PP-OCR's
text clean-up and word assembly, camera-grade image handling, and the install itself."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from word_pages import page

from backtax.extractors.classifier import PageRun
from backtax.extractors.kinds import Extracted, all_kinds
from backtax.extractors.page import Box, Word
from backtax.extractors.pipeline import _second_engine
from backtax.extractors.readers import camera, evidence, glued, ocr, ppocr
from backtax.extractors.readers.ocr import ocr_image
from backtax.extractors.reconcile import merge_copies
from backtax.extractors.settings import ExtractSettings


def test_exactly_one_opencv_is_installed() -> None:
    """rapidocr declares opencv-python; both it and the headless build own `cv2/`, so the
    lock's override must leave exactly one OpenCV distribution."""
    names = {
        d.metadata["Name"].lower()
        for d in importlib.metadata.distributions()
        if d.metadata["Name"] and d.metadata["Name"].lower().startswith("opencv")
    }
    assert names == {"opencv-python-headless"}
    import rapidocr_onnxruntime  # noqa: F401  (imports with the headless cv2)


def test_opencv_runs_one_thread_as_the_engines_do() -> None:
    """OCR's OpenCV clean-up runs on one thread, as Tesseract and PP-OCR do: pages are
    parallelised by processes, and OpenCV's own threads (one a core by default) cost two
    to three times the CPU of a page's connected-component labelling. A fresh process
    without the setting, as a worker starts."""
    import os
    import subprocess
    import sys

    probe = (
        "from backtax.extractors.readers import ocr; import numpy as np; "
        "ocr.deskew_angle(np.full((80, 80), 255, np.uint8)); print(ocr.cv2.getNumThreads())"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENCV_FOR_THREADS_NUM"}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert done.stdout.strip() == "1"


@pytest.mark.parametrize(
    ("tesseract", "tess_conf", "ppocr_text", "pp_conf", "kept"),
    [
        # 1. PP-OCR's reading is a value, Tesseract's has no value's shape
        ("37%.60.56", 0.9, "379.60.56", 0.95, "37%.60.56"),  # neither a value: no change
        ("8O0.00", 0.9, "800.00", 0.95, "800.00"),
        ("l23.45", 0.9, "123.45", 0.97, "123.45"),
        # 2. same digits, PP-OCR keeps the decimal point Tesseract dropped
        ("12345600", 0.9, "123,456.00", 0.96, "123,456.00"),
        ("123,456.00", 0.9, "12345600", 0.96, "123,456.00"),
        ("2022", 0.17, "20.22", 0.96, "2022"),  # `20 22`: a year's blanks, read as 2 words
        # 3. different digits: PP-OCR only when Tesseract was unsure
        ("1,358.25", 0.35, "1,850.25", 0.95, "1,850.25"),
        ("1,358.25", 0.85, "1,850.25", 0.95, "1,358.25"),
        ("2022", 0.3, "202", 0.95, "2022"),  # a digit lost is no correction
        # the point read as a digit (Tesseract unsure) or as a dash: PP-OCR's point
        ("143559", 0.26, "143.59", 0.97, "143.59"),
        ("143559", 0.9, "143.59", 0.97, "143559"),
        ("143-59", 0.65, "143.59", 0.97, "143.59"),
        ("143-59", 0.65, "143.5", 0.97, "143-59"),
        ("672-50", 0.62, "672.50", 0.96, "672.50"),  # `672` `-50`, read as two words
        # an unsure second opinion changes nothing
        ("8O0.00", 0.2, "800.00", 0.6, "8O0.00"),
        ("1,358.25", 0.2, "", 0.99, "1,358.25"),
    ],
)
def test_engine_choice_rule(
    tesseract: str, tess_conf: float, ppocr_text: str, pp_conf: float, kept: str
) -> None:
    split = tesseract in ("2022", "672-50")
    assert evidence.choose(tesseract, tess_conf, ppocr_text, pp_conf, split) == kept


def _w(text: str, conf: float = 0.95, x: float = 0.0) -> Word:
    return Word(text, Box(x, 0, x + 30, 8), conf, "ocr", "tesseract")


def test_suspect_words_and_failed_pages() -> None:
    assert evidence.suspect(_w("l23,4S6")) and evidence.suspect(_w("1,234.56", 0.3))
    assert not evidence.suspect(_w("1,234.56")) and not evidence.suspect(_w("Wages"))
    assert not evidence.suspect(_w("12-3456789")) and not evidence.suspect(_w("***-**-1234"))
    words = [_w(t) for t in ["Wages", "tips", "1,234.56", "12-3456789", "2024", "Form", "W-2"]]
    assert not evidence.page_failed(words)
    garbled = words + [_w(t, 0.3) for t in ("8O0.0O", "37%.", "l23,4S6", "12345600")]
    assert evidence.page_failed(garbled)
    assert evidence.page_failed(words[:3])  # a page that reads as nothing
    fixed = words + [_w(t) for t in ("800.00", "37.60", "123,456.00")]
    assert evidence.choose_page(garbled, fixed)
    assert not evidence.choose_page(words, [_w("800.00")])


def _line(*texts: str, conf: float = 0.95) -> list[Word]:
    """Words side by side on one line, a space apart."""
    return [_w(t, conf, x=34.0 * i) for i, t in enumerate(texts)]


def test_suspect_runs_on_hand_made_lines() -> None:
    """A clean amount or TIN is not read again, nor a box's number however unsure; a
    garbled or unsure amount is, and so is an unsure short word that is no box's number;
    an amount split in two (`37%.` `60.56`) is read again whole, its clean half with it."""
    assert not evidence.suspect_run(_line("1,234.56")) and not evidence.suspect_run(_line("2024"))
    assert not evidence.suspect_run(_line("12-3456789"))
    assert not evidence.suspect_run(_line("12¢", conf=0.14))  # box 12c's label
    assert not evidence.suspect_run(_line("1c", conf=0.29))
    assert evidence.suspect_run(_line("1,234.56", conf=0.3))
    assert evidence.suspect_run(_line("8O0.00")) and evidence.suspect_run(_line("240:00", conf=0.7))
    # sure of it, and a value once its punctuation is repaired: a clean page's `240:00`,
    # `2024)`, `(2024)`, `‘742`, `§742`, `1,500.00°` are not read again (their digits stand)
    for sure in ("240:00", "2024)", "(2024)", "‘742", "§742", "1,500.00°"):
        assert not evidence.suspect_run(_line(sure, conf=0.85)), sure
    assert evidence.suspect_run(_line("8O0.00", conf=0.85)) and evidence.suspect_run(
        _line("14:4", conf=0.85)
    )
    assert evidence.suspect_run(_line("37%.", "60.56"))
    # a 1040 line's number, then its amount past the cell's border (gap 1.4 heights): two values
    assert not evidence.suspect_run([_w("24"), _w("4,301.00", x=41.0)])
    assert evidence.suspect_run(_line('2:2"', conf=0.49))  # a large year, garbled
    assert not evidence.suspect_run(_line("W-2", conf=0.86))
    assert not evidence.suspect_run(_line("(800)", "123-4567"))  # a phone: two clean values
    # cents after a dash: an amount whose point was read as a dash, however sure
    assert evidence.suspect_run(_line("143-59", conf=0.95))
    assert evidence.suspect_run(_line("672", "-50", conf=0.95))
    assert not evidence.suspect_run(_line("452-15734", conf=0.95))
    words = [*_line("37%.", "60.56"), _w("Wages", x=200.0), _w("1,234.56", x=240.0)]
    blank = np.full((20, 400), 255, np.uint8)  # at 1 point a pixel: no ink past any word
    runs = ocr._suspect_runs(words, blank, 1.0)
    assert [[w.text for w in r] for r, _, _ in runs] == [["37%.", "60.56"]]


def test_a_value_whose_ink_goes_on_past_its_box_is_read_again_to_the_inks_end() -> None:
    """Tesseract's box of a sure `$90,340` (x 0-30) leaves out the `.95` printed after it
    (ink at x 32-33 and 36-44, a point's blank apart): the run is read again from its start
    to x 44; ink after a blank wider than the line's height (x 60) is another's, and so is
    ink in the next word's box (`Wages` at x 100, drawn from x 100)."""
    page = np.full((20, 200), 255, np.uint8)
    page[0:8, 0:30] = 0  # the word's own ink
    page[6:8, 32:34] = 0  # a decimal point
    page[0:8, 36:45] = 0  # two digits
    page[0:8, 60:70] = 0  # something else, a wide blank further
    runs = ocr._suspect_runs([_w("$90,340")], page, 1.0)
    assert [(r[0][0].text, r[1].x1, r[2]) for r in runs] == [("$90,340", 45.0, True)]
    page[0:8, 46:100] = 0  # ink up to the next word's box, and in it: that word's
    runs = ocr._suspect_runs([_w("$90,340"), _w("Wages", x=100.0)], page, 1.0)
    assert [(r[1].x1, r[2]) for r in runs] == [(97.0, True)]  # stops short of `Wages`
    alone = np.full((20, 200), 255, np.uint8)
    alone[0:8, 0:30] = 0
    assert ocr._suspect_runs([_w("$90,340")], alone, 1.0) == []


def test_a_wider_reading_that_goes_on_from_tesseracts_digits_wins() -> None:
    """Rule 4: read to the ink's end, PP-OCR's `$90,340.95` replaces a sure `$90,340`;
    read on Tesseract's box alone, or with other digits, or with dots alone past it
    (a leader), it does not."""
    assert evidence.choose("$90,340", 0.95, "$90,340.95", 0.99, wider=True) == "$90,340.95"
    assert evidence.choose("535", 0.2, "5357.55", 0.95, wider=True) == "5357.55"
    assert evidence.choose("$90,340", 0.95, "$90,340.95", 0.99) == "$90,340"
    assert evidence.choose("$90,340", 0.95, "$80,340.95", 0.99, wider=True) == "$90,340"
    assert evidence.choose("1,659.51", 0.95, "1,659.51..", 0.92, wider=True) == "1,659.51"


def test_missed_spots_keep_only_sure_values() -> None:
    assert evidence.accept_missed("34567.89", 0.99)
    assert not evidence.accept_missed("34567.89", 0.6)
    assert not evidence.accept_missed("3", 0.99)  # a box number: a label, not a value
    assert not evidence.accept_missed("Stamp here", 0.99)


def test_ppocr_text_clean_up() -> None:
    assert ppocr.clean_text("PAYER'S TIN：91-4168100") == "PAYER'S TIN:91-4168100"
    assert ppocr.clean_text("1.850.25") == "1,850.25"
    assert ppocr.clean_text("$12.345.678.90") == "$12,345,678.90"
    assert ppocr.clean_text("1.85") == "1.85"
    assert ppocr.clean_text("口 Corrected") == "Corrected"


def test_ppocr_words_from_character_boxes() -> None:
    """Characters 10 px apart, a space, and a gap of three characters without a space:
    three words, each spanning its own characters."""

    def char(x: float) -> list[list[float]]:
        return [[x, 0], [x + 8, 0], [x + 8, 20], [x, 20]]

    text = "AB CDEF"
    xs = [0, 10, 30, 40, 50, 90]
    words = ppocr._assemble(text, [[0, 0], [100, 0], [100, 20], [0, 20]], [char(x) for x in xs])
    assert [t for t, _ in words] == ["AB", "CDE", "F"]
    assert words[1][1][0] == 30 and words[1][1][2] == 58


class _Classifier:
    """PP-OCR's line classifier with set answers: it turns the lines it labels `180` at its
    threshold, as rapidocr's does."""

    def __init__(self, labels: list[tuple[str, float]]) -> None:
        self.labels, self.cls_thresh = labels, 0.9

    def __call__(self, crops: list[np.ndarray]) -> tuple[list[np.ndarray], list, float]:
        turned = [
            np.rot90(c, 2) if label == "180" and score > self.cls_thresh else c
            for c, (label, score) in zip(crops, self.labels, strict=True)
        ]
        return turned, self.labels, 0.0


def test_lines_are_turned_only_on_a_page_upside_down() -> None:
    """Ten lines of ten characters upright and two short ones the classifier is sure are
    turned (handwritten `$ 1,850` read as `058'/`): the page is upright, no line is turned;
    the same labels the other way round: the page is upside down, its turned lines turn."""
    crops = [np.arange(20 * 200).reshape(20, 200) % 251 for _ in range(10)]
    crops += [np.arange(20 * 60).reshape(20, 60) % 251 for _ in range(2)]
    upright = [("0", 0.99)] * 10 + [("180", 0.99)] * 2
    out, labels, _ = ppocr.PageOrientation(_Classifier(upright))(crops)
    assert labels == upright and all(np.array_equal(a, b) for a, b in zip(out, crops, strict=True))
    flipped = [("180", 0.99)] * 10 + [("0", 0.99), ("180", 0.5)]
    out, _, _ = ppocr.PageOrientation(_Classifier(flipped))(crops)
    assert all(np.array_equal(a, np.rot90(b, 2)) for a, b in zip(out[:10], crops[:10], strict=True))
    assert all(np.array_equal(a, b) for a, b in zip(out[10:], crops[10:], strict=True))


def test_ppocr_reads_a_page_upside_down() -> None:
    """A page printed upside down is still read by PP-OCR: its classifier turns its lines."""
    lines = ["Federal income tax withheld 1,234.56", "Payer's name ACME SUPPLY COMPANY"]
    page = np.rot90(_text_image(lines, (1100, 200), 30), 2)
    texts = {w.text for w in ppocr.read_words(np.ascontiguousarray(page), 0.24)}
    assert {"Federal", "withheld", "1,234.56", "Payer's", "ACMESUPPLYCOMPANY"} <= texts


@pytest.mark.parametrize(
    ("word", "words"),
    [
        ("1Rents", ["1", "Rents"]),
        ("3OtherIncome", ["3", "Other", "Income"]),
        ("Form1099-MISC", ["Form", "1099-MISC"]),
        ("PAYER'STIN:91-4168100", ["PAYER'S", "TIN:", "91-4168100"]),
        ("RECIPIENT'Sname", ["RECIPIENT'S", "name"]),
        ("12Section409Adeferrals", ["12", "Section", "409A", "deferrals"]),
        ("11Fishpurchasedforresale", ["11", "Fish", "purchased", "for", "resale"]),
        ("CORRECTED(ifchecked)", ["CORRECTED", "(if", "checked)"]),
        # a hyphen between label words stays with them (1099-INT boxes 8 and 13)
        ("8Tax-exemptinterest", ["8", "Tax-exempt", "interest"]),
        ("premiumontax-exemptbond", ["premium", "on", "tax-exempt", "bond"]),
        # left whole: values, label words, and runs that are no label words end to end
        ("12-345-6789", ["12-345-6789"]),
        ("$2,400", ["$2,400"]),
        ("5n945-A", ["5n945-A"]),
        ("Miscellaneous", ["Miscellaneous"]),
        ("CENTREAVE", ["CENTREAVE"]),
        ("2ndTIN", ["2nd", "TIN"]),
    ],
)
def test_glued_ppocr_words_are_split_at_label_words(word: str, words: list[str]) -> None:
    assert glued.split(word) == words


def test_glued_words_are_cut_into_the_fewest_label_words() -> None:
    known = frozenset({"gross", "proceeds", "pro", "ceeds", "paid"})
    assert glued.segment("Grossproceedspaid", known) == ["Gross", "proceeds", "paid"]
    assert glued.segment("Grossproceedspald", known) is None


def _doc(year: int | None = 2023, tin: str | None = "12-3456789", **fields: object) -> Extracted:
    return Extracted("1099-MISC", [1], tax_year=year, payer_tin=tin, fields=dict(fields))


def test_boxes_missing_from_the_forms_structure() -> None:
    """A form with its payer TIN and every printed amount in a box: nothing missing; a
    blank box or year is no evidence. No value, no payer TIN on a form that prints one, or
    an amount with cents on the page that no box holds: boxes are missing."""
    words = [_w("$"), _w("1,200.00"), _w("2023"), _w("12-3456789"), _w("$5,000")]
    full = _doc(box1_rents="1200.00", box7_direct_sales=False)
    assert not evidence.boxes_missing([full], True, words)
    assert evidence.boxes_missing([_doc(box7_direct_sales=False)], True, words)
    assert not evidence.boxes_missing([_doc(None, box1_rents="1200.00")], True, words)
    assert evidence.boxes_missing([_doc(tin=None, box1_rents="1200.00")], True, words)
    assert not evidence.boxes_missing([_doc(tin=None, box1_rents="1200.00")], False, words)
    unpaired = [*words, _w("$"), _w("123,456.00")]
    assert evidence.boxes_missing([full], True, unpaired)
    state = _doc(box1_rents="1200.00", state=[{"state_income": "123456.00"}])
    assert not evidence.boxes_missing([state], True, unpaired)
    assert not evidence.boxes_missing(
        [full, _doc(None, tin=None, box2="123456.00")], True, unpaired
    )


def test_an_amount_inside_a_box_wording_is_no_box_missing() -> None:
    """1098 box 10 prints its amount within its wording (`REAL ESTATE TAX 4210.55`): the
    box holds that amount, so the page is not read again for it; an amount no box holds
    still is."""
    words = [_w("10"), _w("REAL"), _w("ESTATE"), _w("TAX"), _w("$4,210.55"), _w("11,842.17")]
    doc = _doc(box1_mortgage_interest="11842.17", box10_other="REAL ESTATE TAX 4210.55")
    assert not evidence.boxes_missing([doc], True, words)
    assert evidence.boxes_missing([doc], True, [*words, _w("912.00")])


def test_two_readings_merged_by_what_they_filled() -> None:
    """The reading with more values is kept, disagreements included; its blanks are filled
    from the other; on a tie the page's own reading (`first`) is kept."""
    tess = _doc(box1_rents="48000.00", box3_other_income="5000.00", box2_royalties="101000.00")
    pp = _doc(None, box1_rents="48000.00", box2_royalties="10000.00", box5_fishing="4500.00")
    pp.payer_tin, pp.recipient_name = None, "JOHN PARK"
    pp.fields.update(box8_substitute="590.50", box14_golden="2400.00")
    merged = evidence.merge_readings(tess, pp)
    assert merged.fields == {
        "box1_rents": "48000.00",
        "box2_royalties": "10000.00",
        "box5_fishing": "4500.00",
        "box8_substitute": "590.50",
        "box14_golden": "2400.00",
        "box3_other_income": "5000.00",
    }
    assert (merged.tax_year, merged.payer_tin, merged.recipient_name) == (
        2023,
        "12-3456789",
        "JOHN PARK",
    )
    pp.payer_name, tess.payer_name = "BAYSIDECOFFEEROASTERSLLC", "BAYSIDE COFFEE ROASTERS LLC"
    assert evidence.merge_readings(tess, pp).payer_name == "BAYSIDE COFFEE ROASTERS LLC"
    copy1, copy2 = _doc(), _doc()
    copy1.payer_name, copy1.recipient_name = "BAYSIDECOFFEEROASTERSLLC", "JOHNA SAMPLE"
    copy2.payer_name, copy2.recipient_name = "BAYSIDE COFFEE ROASTERS LLC", "JOHN A SAMPLE"
    evidence.restore_spaces([copy1], [copy1, copy2])
    assert (copy1.payer_name, copy1.recipient_name) == (copy2.payer_name, copy2.recipient_name)
    a, b = _doc(box1_rents="1.00"), _doc(box1_rents="7.00")
    assert evidence.merge_readings(a, b).fields["box1_rents"] == "1.00"


def test_an_amount_the_kept_reading_holds_in_another_box_fills_no_blank() -> None:
    """A 100 dpi 1099-INT: Tesseract paired box 8's `$260.00` with box 6 (box 8's label
    lost), PP-OCR with box 8 and read more: box 6 stays blank. Where the readings share
    a box of the amount (W-2 boxes 1, 3 and 5 alike), the other's third box is filled."""
    tess = _doc(box2_penalty="37.50", box6_foreign_tax_paid="260.00")
    pp = _doc(box2_penalty="37.50", box8_tax_exempt_interest="260.00", box1_interest="1845.22")
    merged = evidence.merge_readings(tess, pp)
    assert merged.fields == {
        "box2_penalty": "37.50",
        "box8_tax_exempt_interest": "260.00",
        "box1_interest": "1845.22",
    }
    tess = _doc(box1_wages="500.00", box3_ss_wages="500.00", box2_tax="50.00")
    pp = _doc(box1_wages="500.00", box5_medicare_wages="500.00", box2_tax="50.00")
    pp.fields["box4_ss_tax"] = "31.00"
    assert evidence.merge_readings(tess, pp).fields["box3_ss_wages"] == "500.00"


def test_copies_that_put_one_amount_in_two_boxes_keep_it_in_the_surer() -> None:
    """A fax's two 1099-INT copies: one read box 8's `$260.00` as box 6 (box 8's label
    lost, the pairing unsure), the other as box 8: one amount, kept in box 8 only."""
    one = _doc(box1_interest="1845.22", box6_foreign_tax_paid="260.00")
    two = _doc(box1_interest="1845.22", box8_tax_exempt_interest="260.00")
    one.pages, two.pages = [1], [2]
    one.field_confidence = {"box1_interest": 0.85, "box6_foreign_tax_paid": 0.39}
    two.field_confidence = {"box1_interest": 0.95, "box8_tax_exempt_interest": 0.9}
    (merged,) = merge_copies([one, two])
    assert merged.fields == {"box1_interest": "1845.22", "box8_tax_exempt_interest": "260.00"}


def _w2_copy(conf: dict[str, float], **fields: str) -> Extracted:
    doc = Extracted("W-2", [1], tax_year=2024, payer_tin="84-7654321", fields=dict(fields))
    doc.field_confidence = conf
    return doc


# A hand-made W-2 with no deferral and wages under the base: boxes 1, 3 and 5 print one
# amount, $52,000.00; box 2 $4,100.00; box 4 6.2% of box 3 = $3,224.00 (IRS_REFERENCE 1.5)
WAGES, FED, SS_TAX = "52000.00", "4100.00", "3224.00"


def test_copies_of_a_w2_that_each_lost_one_of_boxes_1_and_3_keep_both() -> None:
    """Two copies of that W-2: one lost box 3's label (box 1 read), the other box 1's (box
    3 read). Boxes 1 and 3 often hold one amount (`alike`): both are kept, not one
    taken out as a misplaced reading of the other."""
    one = _w2_copy({"box1_wages": 0.92}, box1_wages=WAGES, box2_federal_tax_withheld=FED)
    two = _w2_copy({"box3_ss_wages": 0.7}, box3_ss_wages=WAGES, box2_federal_tax_withheld=FED)
    one.pages, two.pages = [1], [2]
    (merged,) = merge_copies([one, two])
    assert merged.fields == {
        "box1_wages": WAGES,
        "box2_federal_tax_withheld": FED,
        "box3_ss_wages": WAGES,
    }


def test_engines_that_each_read_one_of_a_w2s_boxes_1_and_3_give_both() -> None:
    """Tesseract read that W-2's box 1 and box 4 (box 3's label lost), PP-OCR its box 3
    (box 1's lost): the merged reading holds the one amount in both boxes."""
    tess = _w2_copy(
        {}, box1_wages=WAGES, box2_federal_tax_withheld=FED, box4_ss_tax_withheld=SS_TAX
    )
    pp = _w2_copy({}, box3_ss_wages=WAGES, box2_federal_tax_withheld=FED)
    assert evidence.merge_readings(tess, pp).fields == {
        "box1_wages": WAGES,
        "box2_federal_tax_withheld": FED,
        "box4_ss_tax_withheld": SS_TAX,
        "box3_ss_wages": WAGES,
    }


def test_copies_names_tie_goes_to_the_reading_a_name_can_print() -> None:
    """A fax's two copies read the recipient `JANE @ DOE` and `JANE Q DOE`: one each, and
    `@` is no character of a name, so the other copy's reading is kept."""
    one, two = _doc(box1_interest="1845.22"), _doc(box1_interest="1845.22")
    one.pages, two.pages = [1], [2]
    one.recipient_name, two.recipient_name = "JANE @ DOE", "JANE Q DOE"
    (merged,) = merge_copies([one, two])
    assert merged.recipient_name == "JANE Q DOE"


def test_copies_whose_payer_tins_read_a_digit_apart_are_one_form_when_amounts_agree() -> None:
    """Two copies of a 1099-NEC on one sheet, the payer's TIN misread on one
    (`27-3345871`): every amount both read the same, so one record; copies of other
    amounts with such TINs stay two records, and so do TINs two digits apart."""

    def copy(tin: str, comp: str = "18450.00") -> Extracted:
        return _doc(2023, tin, box1_comp=comp, box4_withheld="1200.00")

    assert len(merge_copies([copy("27-3345671"), copy("27-3345871")])) == 1
    lost = copy("27-3345871")  # box 1 lost on one copy: box 4 agrees
    del lost.fields["box1_comp"]
    sure = copy("27-3345671")
    lost.confidence, sure.confidence = 0.36, 0.79
    (merged,) = merge_copies([lost, sure])
    assert merged.payer_tin == "27-3345671"  # the tie to the copy read more surely
    assert len(merge_copies([copy("27-3345671"), copy("27-3345871", "100.00")])) == 2
    assert len(merge_copies([copy("27-3345671"), copy("27-3345811")])) == 2


def test_two_recipients_last_fours_a_digit_apart_stay_two_forms() -> None:
    """One payer's 1099s of the same amounts to `...1234` and `...1235`: two recipients'
    forms where the names differ (`JOHN R ROE`, or `JOHN Q DOE` beside `JANE Q DOE`) or
    neither is read on forms of two pages; one form misread where the names read alike
    (`JANE Q D0E.`) or neither is read on one sheet."""

    def copy(last4: str, name: str | None, page: int = 1) -> Extracted:
        doc = _doc(2023, "27-3345671", box1_comp="600.00", box4_withheld="60.00")
        doc.recipient_tin_last4, doc.recipient_name, doc.pages = last4, name, [page]
        return doc

    def forms(one: Extracted, two: Extracted) -> int:
        return len(merge_copies([one, two]))

    assert forms(copy("1234", "JANE Q DOE"), copy("1235", "JOHN R ROE")) == 2
    assert forms(copy("1234", "JANE Q DOE"), copy("1235", "JOHN Q DOE")) == 2
    assert forms(copy("1234", None), copy("1235", None, page=2)) == 2
    assert forms(copy("1234", "JANE Q DOE"), copy("1235", "JANE Q D0E.", page=2)) == 1
    assert forms(copy("1234", None), copy("1235", None)) == 1
    assert forms(copy("1234", "JANE Q DOE"), copy("1234", "JOHN Q DOE", page=2)) == 1


def test_box14_labels_take_back_the_spaces_pp_ocr_dropped() -> None:
    """A W-2 photo's box 14 `CA SDI 123.45`: PP-OCR's reading `CASDI` takes the spaces of
    Tesseract's `CA SDI` (the other reading of the page); a label alike but for other
    letters is left as it is."""
    pp = Extracted(
        "W-2",
        [1],
        fields={
            "box14_other": [
                {"label": "CASDI", "amount": "123.45"},
                {"label": "UNIONDUES", "amount": "240.00"},
            ]
        },
    )
    tess = Extracted(
        "W-2",
        [1],
        fields={
            "box14_other": [
                {"label": "CA SDI", "amount": "123.45"},
                {"label": "UNI0N DUES", "amount": "240.00"},
            ]
        },
    )
    evidence.restore_spaces([pp], [pp, tess])
    assert pp.fields["box14_other"] == [
        {"label": "CA SDI", "amount": "123.45"},
        {"label": "UNIONDUES", "amount": "240.00"},
    ]


def test_state_rows_both_engines_read_are_merged_cell_by_cell() -> None:
    """A fax's 1099-INT state row: Tesseract read the state alone (its `$9130` unsure, left
    out), PP-OCR the state, its ID and the tax `$91.30`: the row holds all three; a row of
    another state is not merged into it."""
    tess = _doc(box1_rents="1845.22", box3_other_income="412.08", state=[{"state": "IL"}])
    row = {"state": "IL", "payer_state_id": "IL-0044321", "state_tax_withheld": "91.30"}
    pp = _doc(box1_rents="1845.22", state=[dict(row)])
    assert evidence.merge_readings(tess, pp).fields["state"] == [row]
    other = _doc(box1_rents="1845.22", box3_other_income="412.08", state=[{"state": "IN"}])
    assert evidence.merge_readings(other, _doc(state=[dict(row)])).fields["state"] == [
        {"state": "IN"}
    ]


def test_a_name_read_with_a_character_no_name_prints_takes_the_other_engines() -> None:
    """A fax's `JANE Q DOE` read `JANE © DOE` by the kept reading and `JANE Q DOE` by the
    other: the name without the `©` is kept; one without the words' blanks is not."""
    tess = _doc(box1_rents="18450.00", box3_other_income="1200.00")
    pp = _doc(box1_rents="18450.00")
    tess.recipient_name, pp.recipient_name = "JANE © DOE", "JANE Q DOE"
    assert evidence.merge_readings(tess, pp).recipient_name == "JANE Q DOE"
    tess.recipient_name, pp.recipient_name = "JANE © DOE", "JANEQDOE"
    assert evidence.merge_readings(tess, pp).recipient_name == "JANE © DOE"


def _text_image(lines: list[str], size: tuple[int, int], height_px: int) -> np.ndarray:
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=height_px)
    for i, line in enumerate(lines):
        draw.text((40, 40 + i * int(height_px * 1.8)), line, fill=0, font=font)
    return np.asarray(image)


def test_effective_resolution_from_text_size() -> None:
    """The same text drawn at two sizes (a 7-point line at about 300 and 100 dpi): the
    estimate follows the size, and only the small one is enlarged."""
    lines = [f"Box {i} Federal income tax withheld 1,234.{i:02d}" for i in range(12)]
    big = camera.effective_dpi(_text_image(lines, (1800, 900), 29))
    small = camera.effective_dpi(_text_image(lines, (900, 450), 10))
    assert big >= 200 and 0 < small < 150 and big / small > 2
    assert camera.upscale_factor(small, (450, 900)) > 1.5
    assert camera.upscale_factor(100, (1100, 850)) == pytest.approx(2.5)
    assert camera.upscale_factor(200, (2200, 1700)) == 1.0


def _photo(page: np.ndarray, shadow: bool) -> tuple[np.ndarray, np.ndarray]:
    """A page on a dark table, its corners pulled in (perspective), optionally shadowed."""
    h, w = page.shape
    canvas = np.full((h + 400, w + 400), 60, np.uint8)
    corners = np.array([[230, 210], [w + 150, 240], [w + 180, h + 190], [200, h + 170]], np.float32)
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    m = cv2.getPerspectiveTransform(src, corners)
    warped = cv2.warpPerspective(page, m, canvas.shape[::-1], borderValue=0)
    mask = cv2.warpPerspective(np.full_like(page, 255), m, canvas.shape[::-1])
    out = np.where(mask > 0, warped, canvas).astype(np.float32)
    if shadow:
        out *= np.linspace(1.0, 0.55, out.shape[1])[None, :]
    return out.astype(np.uint8), corners


def test_photo_outline_perspective_and_lighting() -> None:
    page = _text_image([f"Line {i} of the form 1,234.56" for i in range(20)], (850, 1100), 22)
    photo, corners = _photo(page, shadow=True)
    found = camera.page_outline(photo)
    assert found is not None and np.abs(found - corners).max() < 12
    flat, notes = camera.prepare_photo(photo)
    assert len(notes) == 2 and abs(flat.shape[1] / flat.shape[0] - 850 / 1100) < 0.03
    lit = flat[flat.shape[0] // 2, : flat.shape[1] // 10]
    assert np.median(lit) > 200  # the shadowed side of the paper is paper-white again
    assert camera.page_outline(page) is None  # a scan: nothing to crop
    assert camera.even_lighting(page) is None


def test_scan_resolution_of_a_fax_page(tmp_path: Path) -> None:
    """An image-only PDF saved at 200x100 dpi (a fax) and one at 100 dpi: the page's scan
    resolution is the image's pixels over the size it is drawn at."""
    import pdfplumber

    from backtax.extractors.loader import scan_resolution

    fax, low = tmp_path / "fax.pdf", tmp_path / "low.pdf"
    Image.new("L", (1700, 1100), 255).save(fax, "PDF", dpi=(200, 100))
    Image.new("L", (850, 1100), 255).save(low, "PDF", dpi=(100, 100))
    with pdfplumber.open(fax) as pdf:
        assert scan_resolution(pdf.pages[0]) == pytest.approx((200, 100), abs=0.5)
    with pdfplumber.open(low) as pdf:
        assert scan_resolution(pdf.pages[0]) == pytest.approx((100, 100), abs=0.5)


def test_blocky_render_of_a_coarse_scan_is_smoothed() -> None:
    """A 200x100 dpi page repeated into 300 dpi blocks (as the PDF renderer draws it) comes
    back close to the same page enlarged by cubic interpolation, far from the blocks; a
    scan as fine as its render is left alone."""
    lines = [f"Box {i} Federal income tax withheld 1,234.{i:02d}" for i in range(12)]
    scan = cv2.resize(
        _text_image(lines, (1700, 1100), 22), (1700, 550), interpolation=cv2.INTER_AREA
    )
    blocks = cv2.resize(scan, (2550, 1650), interpolation=cv2.INTER_NEAREST)
    smooth = cv2.resize(scan, (2550, 1650), interpolation=cv2.INTER_CUBIC).astype(int)
    out = camera.smooth_render(blocks, (200, 100), 300)
    assert out is not None and out.shape == blocks.shape
    assert np.abs(out - smooth).mean() < 0.5 * np.abs(blocks - smooth).mean()
    assert camera.smooth_render(blocks, (300, 300), 300) is None
    assert camera.smooth_render(blocks, (200, 200), 300) is None  # a 200 dpi scan: no cost


def test_blank_image_is_still_unreadable() -> None:
    page = ocr_image(Image.new("RGB", (1700, 2200), "white"), 1, 200)
    assert len(page.words) < 3


def test_engine_setting_is_checked_and_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BACKTAX_OCR_ENGINE", "ppocr")
    assert ExtractSettings().ocr_engine == "ppocr"
    assert "ppocr" in ExtractSettings().cache_token()
    with pytest.raises(ValueError, match="OCR engine"):
        ExtractSettings(ocr_engine="easyocr")


def test_ocr_processes_capped_by_memory_as_well_as_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two cores and ten pages: two processes with room for them, one when the memory
    available holds one PP-OCR process (`ocr_worker_mb`), and never none."""
    from backtax.extractors import loader

    monkeypatch.delenv(loader.IN_WORKER_ENV, raising=False)
    settings = ExtractSettings(ocr_workers=2, ocr_worker_mb=1024)
    monkeypatch.setattr(loader, "available_mb", lambda: 8000)
    assert loader._workers(settings, 10) == 2
    monkeypatch.setattr(loader, "available_mb", lambda: 1500)
    assert loader._workers(settings, 10) == 1
    monkeypatch.setattr(loader, "available_mb", lambda: 300)
    assert loader._workers(settings, 10) == 1


@pytest.mark.parametrize(("engine", "second_reads"), [("tesseract", 0), ("auto", 1)])
def test_a_forced_engine_is_the_only_one_even_where_boxes_are_missing(
    engine: str, second_reads: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`BACKTAX_OCR_ENGINE=tesseract` means no PP-OCR reading at all, whatever the page says."""
    from pathlib import Path

    from backtax.extractors import pipeline
    from backtax.extractors.settings import ExtractSettings

    calls: list[int] = []
    monkeypatch.setattr(evidence, "boxes_missing", lambda *a: True)
    monkeypatch.setattr(pipeline, "other_reading", lambda page, why: calls.append(1))
    scan = Path(__file__).parents[1] / "sample_docs/w2/scans/w2c_2023_linda_northwind_scan300.pdf"
    result = pipeline.extract_file(scan, settings=ExtractSettings(ocr_engine=engine))
    assert result.error is None and result.records
    assert (len(calls) > 0) == bool(second_reads)


def _tesseract_line(texts: list[str], y: float, x: float = 40.0) -> list[Word]:
    words = []
    for text in texts:
        words.append(Word(text, Box(x, y, x + 6 * len(text), y + 9), 0.9, "ocr", "tesseract"))
        x += 6 * len(text) + 5
    return words


@pytest.mark.parametrize(
    ("read", "tesseract", "name"),
    [
        (
            "BRIGHTLINEDESIGNSTUDIOLLC",
            ["BRIGHTLINE", "DESIGN", "STUDIO", "LLC", "Form"],
            "BRIGHTLINE DESIGN STUDIO LLC",
        ),
        ("JANEQDOE", ["JANE", "O", "DOE"], "JANE Q DOE"),  # one letter misread: PP-OCR's kept
        ("JOHNA SAMPLE", ["JOHN", "A", "SAMPLE"], "JOHN A SAMPLE"),
        ("JANEQDOE", ["JANE", "OX", "DOE"], "JANEQDOE"),  # not the same characters
        ("JANEQDOE", ["JANE", "QD", "OE"], "JANEQDOE"),  # two runs fit, spaced unlike: left
        ("JOHN A SAMPLE", ["JOHNA", "SAMPLE"], "JOHN A SAMPLE"),  # fewer spaces: no change
    ],
)
def test_names_take_the_spaces_of_tesseracts_words(
    read: str, tesseract: list[str], name: str
) -> None:
    """A name PP-OCR read without spaces, Tesseract's words of the page holding it (no
    label found for it by Tesseract's reading)."""
    doc = Extracted("1099-NEC", [1], payer_name=read)
    words = _tesseract_line(["PAYER'S", "TIN"], 40) + _tesseract_line(tesseract, 60)
    if read == "JANEQDOE" and tesseract[1] == "QD":
        words += _tesseract_line(["JAN", "EQ", "DOE"], 80)
    evidence.spaces_from_words([doc], [words])
    assert doc.payer_name == name


def _w2(**fields: object) -> Extracted:
    return Extracted("W-2", [1], tax_year=2024, payer_tin="12-3456789", fields=dict(fields))


def test_two_readings_of_a_w2_chosen_by_the_payroll_rates() -> None:
    """W-2 box 4 is 6.2% of boxes 3 and 7, box 6 1.45% of box 5 (IRS_REFERENCE.md 1.1):
    of $52,000 + $1,000 tips, $3,286.00; of $52,000, $754.00 (by hand). Where the kept
    reading breaks a rate, the other's values that restore it are taken; a blank is never
    filled, and a break no choice mends stays as read."""
    tess = _w2(
        box1_wages="52000.00", box2_federal_tax_withheld="4100.00", box3_ss_wages="52000.00",
        box4_ss_tax_withheld="3886.00", box5_medicare_wages="58000.00",
        box6_medicare_tax_withheld="754.00", box7_ss_tips="1000.00",
    )  # fmt: skip
    pp = _w2(
        box3_ss_wages="52000.00", box4_ss_tax_withheld="3286.00",
        box5_medicare_wages="52000.00", box6_medicare_tax_withheld="784.00",
    )  # fmt: skip
    right = _w2(box3_ss_wages="52000.00", box4_ss_tax_withheld="3286.00", box7_ss_tips="1000.00")
    assert evidence.rates_fail([tess]) and not evidence.rates_fail([right])
    merged = evidence.merge_readings(tess, pp)
    assert merged.fields["box4_ss_tax_withheld"] == "3286.00"
    assert merged.fields["box5_medicare_wages"] == "52000.00"
    assert merged.fields["box6_medicare_tax_withheld"] == "754.00"
    assert merged.fields["box1_wages"] == "52000.00"
    wrong = _w2(box1_wages="1.00", box3_ss_wages="52000.00", box4_ss_tax_withheld="3886.00")
    none = _w2(box3_ss_wages="52000.00", box4_ss_tax_withheld="3866.00")
    assert evidence.merge_readings(wrong, none).fields["box4_ss_tax_withheld"] == "3886.00"
    blank = _w2(box1_wages="1.00", box3_ss_wages="52000.00")
    assert "box4_ss_tax_withheld" not in evidence.merge_readings(blank, _w2()).fields


def test_a_missed_amount_read_whole_by_ppocr_takes_the_place_of_the_part_tesseract_read() -> None:
    """Tesseract read only the cents of `26,179.00` (an account transcript's copier scan:
    `26,179.00 00`, no amount): PP-OCR's reading of the unread spot holds them, so Tesseract's
    `00` inside it gives way; a reading without the digits of the word inside is not taken."""
    image = Image.new("L", (1200, 300), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=36)
    draw.text((400, 120), "$126,179.00", fill=0, font=font)
    scale = 72 / 300
    x0 = draw.textbbox((400, 120), "$126,179.", font=font)[2]
    _, top, x1, bottom = draw.textbbox((400, 120), "$126,179.00", font=font)
    cents = Word("00", Box(x0 * scale, top * scale, x1 * scale, bottom * scale), 0.95, "ocr")
    clean = np.asarray(image)
    got = ocr._with_missed([cents], clean, [cents], 300)
    assert [w.text for w in got] == ["$126,179.00"]
    other = Word("45", cents.box, 0.95, "ocr")
    assert [w.text for w in ocr._with_missed([other], clean, [other], 300)] == ["45"]


def test_an_amounts_misread_cents_are_read_again_with_it() -> None:
    """Tesseract reads a monospaced `$90,697.71` as `$90` (taller: the `$` reaches lower),
    `697` a comma's blank after it, and an unsure `yee` for the cents: the three are one
    run read again whole, so PP-OCR's recogniser sees the whole amount. A sure word after
    an amount (`Wages`) is no misread cents."""
    dollars = Word("$90", Box(0, 0, 16, 8), 0.96, "ocr", "tesseract")
    group = Word("697", Box(24, 0.5, 40, 7), 0.95, "ocr", "tesseract")
    cents = Word("yee", Box(47.7, 0.5, 58, 7), 0.40, "ocr", "tesseract")
    blank = np.full((20, 200), 255, np.uint8)
    runs = ocr._suspect_runs([dollars, group, cents], blank, 1.0)
    assert [[w.text for w in r] for r, _, _ in runs] == [["$90", "697", "yee"]]
    sure = Word("Wages", Box(47.7, 0.5, 70, 7), 0.95, "ocr", "tesseract")
    assert ocr._suspect_runs([dollars, group, sure], blank, 1.0) == []
    # a code after its box's number (`(Box 7):` `G`, Tesseract unsure of the G) is no cents
    number = Word("7):", Box(0, 0, 12, 8), 0.95, "ocr", "tesseract")
    code = Word("G", Box(16, 0, 22, 8), 0.45, "ocr", "tesseract")
    assert ocr._suspect_runs([number, code], blank, 1.0) == []


def test_cents_misread_as_letters_after_an_amounts_point_are_read_again_with_it() -> None:
    """A scan's `72,995.77` read as `72,995.` (sure) and an unsure `TF` tight after it: the
    two are one run read again. A box's number with its point (`12.`, two digits) before
    an unsure code (`DD`) is no amount: nothing read again."""
    amount = Word("72,995.", Box(277, 192, 309, 200), 0.86, "ocr", "tesseract")
    cents = Word("TF", Box(311, 192, 319, 197), 0.52, "ocr", "tesseract")
    blank = np.full((220, 400), 255, np.uint8)
    runs = ocr._suspect_runs([amount, cents], blank, 1.0)
    assert [[w.text for w in r] for r, _, _ in runs] == [["72,995.", "TF"]]
    number = Word("12.", Box(277, 192, 289, 200), 0.95, "ocr", "tesseract")
    code = Word("DD", Box(292, 192, 304, 200), 0.45, "ocr", "tesseract")
    assert ocr._suspect_runs([number, code], blank, 1.0) == []


def test_a_crop_read_again_stops_short_of_the_next_word(monkeypatch) -> None:
    """`779` (x 0-15) with its decimal point's ink after its box (x 19-21) is read again to
    the ink's end; the crop's padding stops before `58` (x 26), the cents Tesseract read as
    a word of their own: a digit of it in the crop would be read as one of the amount's
    (`7795` for `779.`)."""
    seen: list[np.ndarray] = []

    def recognise(crops: list[np.ndarray]) -> list[tuple[str, float]]:
        seen.extend(crops)
        return [("779", 0.99) for _ in crops]

    monkeypatch.setattr(ocr.ppocr, "recognise", recognise)
    page = np.full((20, 60), 255, np.uint8)
    page[0:8, 0:15] = 0
    page[6:8, 19:22] = 0
    page[0:8, 26:34] = 0
    whole = Word("779", Box(0, 0, 15, 8), 0.88, "ocr", "tesseract")
    cents = Word("58", Box(26, 0, 34, 8), 0.96, "ocr", "tesseract")
    ocr._second_readings(page, [whole, cents], 1.0)
    assert len(seen) == 1 and seen[0].shape[1] <= 26


def _w2_copy_lines(
    top: float, wages: str, box12: tuple[str, ...]
) -> list[tuple[str, float, float]]:
    """One copy of the 2-up payroll W-2 (`payroll_2up_maria_globex`), its box 1 label as
    read (`wages`), its box 12 lines as read."""
    lines = [
        ("a Employee's social security number", 30, top),
        ("000-55-7788", 30, top + 12),
        (wages, 310, top),
        ("2 Federal income tax withheld", 450, top),
        ("$ 45799.88", 312, top + 16),
        ("$ 1601.60", 452, top + 16),
        ("b Employer identification number (EIN)", 30, top + 30),
        ("84-7654321", 30, top + 42),
        ("3 Social security wages", 310, top + 30),
        ("4 Social security tax withheld", 450, top + 30),
        ("$ 48210.40", 312, top + 46),
        ("$ 2989.04", 452, top + 46),
        ("c Employer's name, address, and ZIP code", 30, top + 60),
        ("GLOBEX LOGISTICS CORP", 30, top + 72),
        ("12a Code See inst. for box 12", 450, top + 90),
        ("W-2 Wage and Tax Statement", 30, top + 200),
        ("2024", 260, top + 200),
    ]
    return lines + [(text, 462, top + 104 + 14 * i) for i, text in enumerate(box12)]


def test_a_copy_sheet_one_engine_split_and_the_other_did_not_is_merged_as_one_form() -> None:
    """A fax of the 2-up W-2: Tesseract read both copies (box 12 `C 32.00` alone on each),
    PP-OCR read box 12's three lines but garbled the first copy's box 1 label, so the page
    was one copy to it. Tesseract's copies are one form (`combine_copies`) and merged with
    PP-OCR's reading of it: box 12 as printed (D 2410.52, DD 6450.00, C 32.00)."""
    printed = ("D 2410.52", "DD 6450.00", "C 32.00")
    label = "1 Wages, tips, other compensation"
    tess = page(
        *_w2_copy_lines(20, label, ("C 32.00",)),
        *_w2_copy_lines(400, label, ("C 32.00",)),
        method="ocr",
    )
    pp = page(
        *_w2_copy_lines(20, "1 Wagos.tps.other compensation", printed),
        *_w2_copy_lines(400, label, printed),
        method="ocr",
    )
    tess.alternate = pp.words
    kind = next(k for k in all_kinds() if k.name == "W-2")
    run = PageRun(kind, [tess])
    (merged,) = _second_engine(run, kind.extract([tess]), [tess])
    assert merged.fields["box12"] == [
        {"code": "D", "amount": "2410.52"},
        {"code": "DD", "amount": "6450.00"},
        {"code": "C", "amount": "32.00"},
    ]
    assert (merged.fields["box1_wages"], merged.tax_year) == ("45799.88", 2024)
