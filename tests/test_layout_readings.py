"""Documents of the tested layout families drawn with development seeds, each showing one
way a real statement or letter prints its boxes that the engine once misread; every
expected value (the generator's inputs) exact and no value read from a box the document
leaves blank. Plus hand-made pages for the geometry behind them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from word_pages import page

from backtax.extractors.forms._copies import split_copies
from backtax.extractors.forms.engine.values import money_candidates
from backtax.extractors.page import tokens
from backtax.extractors.pipeline import extract_file
from sample_docs.generators import layouts

CASES = {
    # a table's header row `Description  Box No.  Amount`: no box 7 description
    ("table", "1099-OID", 33002): "header row words are no value",
    # `13b  Year  2022` in a table under a heading `Tax Year 2023`
    ("table", "5498", 33000): "heading's year is no box 13b",
    # box 9a's label wrapped in its cell, the form's title a blank apart on its first line
    ("irs_grid", "1099-R", 33002): "wrapped label beside another column",
    # a long label wrapped before its value (the generator once printed it over the value)
    ("line_list", "5498-SA", 33002): "long label wrapped before its value",
    # a letter: `Form 1099-OID` in its text and in a heading a line apart, no two copies;
    # box 1's `Original issue discount` inside box 8's label, no copy's start either
    ("bank_letter", "1099-OID", 33000): "a letter is one copy",
    ("bank_letter", "5498-SA", 33000): "a letter's form number twice is one copy",
    # a letter's date `January 27, 2023` is no box 5a; a count's row, not the prose under it
    ("bank_letter", "1099-K", 33000): "date and prose are no box values",
    # `Other Income (Box 3)` and its amount far right on the row
    ("bank_letter", "1099-MISC", 33001): "box number after the wording",
    # `Box 1 - Payments Received For` / `Qualified Tuition  31,946.66`
    ("bank_letter", "1098-T", 33001): "dash between box number and wording",
    # a ruled table: `DATE OF PAYMENT | 10/20/2025`, the value in the next cell
    ("bank_letter", "1099-R", 33001): "ruled table's value in the next cell",
    # two pairs of columns, a Box column whose wall the label's number crosses
    ("bank_letter", "5498", 33001): "four-column ruled table",
    # `Number of properties (Box 9)  3`: the box's number is no count
    ("bank_letter", "1098", 33002): "box number after the wording is no count",
    # `Other information reported` is no box 10 `Other`, its header's `Total` no value
    ("bank_letter", "1098", 33004): "a heading's word is no label",
    # a letter naming `Form W-2G` in its text, two numbered rows and no title: a W-2G
    ("bank_letter", "W-2G", 33004): "numbered rows identify the form",
    # `Code(s)` in a statement's right-hand column: box 15b's, not box 13c's `Code`
    ("side_by_side", "5498", 33004): "right-hand column's one-word label",
}


def _read(family: str, doc_type: str, seed: int, folder: Path) -> tuple[dict, dict]:
    pdf = folder / f"{family}_{layouts.slug(doc_type)}_{seed}.pdf"
    expected = layouts.render(family, layouts.catalog.form(doc_type), seed, pdf)[0]
    got = [r.to_json() for r in extract_file(pdf).records if r.doc_type == doc_type]
    assert len(got) == 1, f"{len(got)} {doc_type} records"
    return expected, got[0]


@pytest.mark.parametrize(("case", "why"), CASES.items(), ids=["/".join(map(str, c)) for c in CASES])
def test_layout_document_reads_exactly(case: tuple[str, str, int], why: str, tmp_path: Path):
    assert case[0] in layouts.TESTED
    expected, got = _read(*case, tmp_path)
    want: dict[str, Any] = {k: expected[k] for k in ("tax_year", "payer_tin")}
    want |= expected["fields"]
    have = {**got, **got["fields"]}
    assert {k: have.get(k) for k in want} == want, why
    invented = {k: v for k, v in got["fields"].items() if k not in expected["fields"]}
    assert {k: v for k, v in invented.items() if v is not False} == {}, why


def test_a_dash_between_number_and_wording_is_no_word() -> None:
    assert tokens("Box 1 - Interest income") == ("box", "1", "interest", "income")
    assert tokens("Box 1 \u2013 Interest") == ("box", "1", "interest")


def test_form_number_in_a_letter_and_its_heading_is_one_copy() -> None:
    letter = page(
        ("Form 1099-INT. Please keep it with your records.", 40, 200),
        ("Form 1099-INT - Interest Income", 40, 230),
        ("1 Interest income 100.00", 40, 246),
    )
    assert len(split_copies(letter.region, ("Form 1099-INT",))) == 1


def test_form_number_in_a_letter_and_its_footnote_is_one_copy() -> None:
    letter = page(  # the mentions at one indent, the table between them
        ("They are the same amounts that appear on your Form 1099-MISC.", 40, 200),
        ("2 Royalties 86,092.81", 40, 240),
        ("3 Other income 21,563.93", 40, 256),
        ("* Report these amounts as the instructions for Form 1099-MISC direct.", 40, 300),
    )
    assert len(split_copies(letter.region, ("Form 1099-MISC",))) == 1


def test_copies_side_by_side_print_their_anchors_at_one_height() -> None:
    sheet = page(
        ("Form 1099-INT", 40, 100),
        ("1 Interest income 100.00", 40, 130),
        ("Form 1099-INT", 340, 118),  # a line lower: a mention, not a second copy
        ("1 Interest income 100.00", 340, 150),
    )
    assert len(split_copies(sheet.region, ("Form 1099-INT",))) == 1


def test_a_hit_inside_another_box_label_starts_no_copy() -> None:
    sheet = page(
        ("1 Original issue discount 100.00", 40, 100),
        ("8 Original issue discount on U.S. Treasury obligations 50.00", 40, 300),
    )
    longer = ("Original issue discount on U.S. Treasury obligations",)
    assert len(split_copies(sheet.region, ("Original issue discount",), longer)) == 1
    assert len(split_copies(sheet.region, ("Original issue discount",))) == 2


def test_an_amount_whose_point_a_scan_lost_keeps_its_cents() -> None:
    scan = page(("Rents", 40, 100), ("61943", 500, 100), ("23", 528, 100), method="ocr")
    assert [c.text for c in money_candidates(scan.region, set())] == ["61943.23"]
    text = page(("Rents", 40, 100), ("61943", 500, 100), ("23", 528, 100))
    assert [c.text for c in money_candidates(text.region, set())] == ["61943"]
