"""Information returns on the generator's degraded renderings (a 100 dpi export), values
from the generator's expected JSON, and the classifier's tolerance of OCR's reading order,
stated on hand-made words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backtax.extractors.forms.engine.kind import stacked_title
from backtax.extractors.kinds import all_kinds
from backtax.extractors.page import Box, Page, Word, tokens
from backtax.extractors.pipeline import extract_file
from backtax.extractors.readers.ocr import tesseract_installed
from sample_docs.generators.scan import write_style

SAMPLES = Path(__file__).resolve().parents[1] / "sample_docs"


def _word(text: str, x: float, y: float, h: float = 10.0) -> Word:
    return Word(text, Box(x, y, x + 6.0 * len(text), y + h), 0.9, "ocr", "tesseract")


def _title_beside_an_address(second_x: float, second_dy: float) -> list[Word]:
    """An IRS form's corner: the payer's lines run on into the title, printed over two
    lines and centred, so OCR's lines interleave them."""
    return [
        _word("BRIGHTLINE", 40, 60),
        _word("STUDIO", 110, 60),
        _word("Form", 440, 60),
        _word("1099-NEC", 470, 60),
        _word("Nonemployee", 530, 60),
        _word("PORTLAND", 40, 60 + second_dy),
        _word("OR", 100, 60 + second_dy),
        _word("Compensation", second_x, 60 + second_dy),
    ]


@pytest.mark.parametrize(
    ("second_x", "second_dy", "found"),
    [
        (524, 12, True),  # centred under the first line
        (530, 13, True),  # left-aligned
        (524, 30, False),  # two lines further down: another text
        (380, 12, False),  # under another column
    ],
)
def test_a_title_printed_over_two_lines(second_x: float, second_dy: float, found: bool) -> None:
    words = _title_beside_an_address(second_x, second_dy)
    assert stacked_title(words, tokens("Nonemployee Compensation")) is found


def test_a_title_word_misread_by_one_letter_still_stacks() -> None:
    words = [_word("Nonemployee", 530, 60), _word("Compensatlon", 524, 72)]
    assert stacked_title(words, tokens("Nonemployee Compensation"))
    assert not stacked_title(words[:1], tokens("Nonemployee Compensation"))


def test_an_ocr_page_is_a_form_by_its_number_and_its_stacked_title() -> None:
    """The form number alone (2 points) is no claim; with the title over two lines beside
    the payer's address and a box label it is."""
    words = [*_title_beside_an_address(524, 12), _word("Federal income tax withheld", 300, 200)]
    nec = next(k for k in all_kinds() if k.name == "1099-NEC")
    ident = nec.identify(Page(1, 612, 792, words, "ocr"))
    assert ident is not None and ident.doc_type == "1099-NEC"
    assert nec.identify(Page(1, 612, 792, words[:5] + words[-1:], "ocr")) is None


def test_a_stacked_title_is_not_looked_for_where_it_could_make_no_claim(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The 1099-NEC's one title over two lines, with no form number and no box label: 1.5
    points, under the claim's 3 whatever the title, so the page's words are not searched
    for it (a search over every word, for every kind's titles, on every OCR page)."""
    from backtax.extractors.forms.engine import kind

    searched: list[tuple[str, ...]] = []

    def counted(words: list[Word], want: tuple[str, ...]) -> bool:
        searched.append(want)
        return stacked_title(words, want)

    monkeypatch.setattr(kind, "stacked_title", counted)
    nec = next(k for k in all_kinds() if k.name == "1099-NEC")
    title = [w for w in _title_beside_an_address(524, 12) if w.text not in ("Form", "1099-NEC")]
    assert nec.identify(Page(1, 612, 792, title, "ocr")) is None
    assert searched == []
    words = [*_title_beside_an_address(524, 12), _word("Federal income tax withheld", 300, 200)]
    assert nec.identify(Page(1, 612, 792, words, "ocr")) is not None  # number, label, title
    assert searched == [tokens("Nonemployee Compensation")]


@pytest.mark.skipif(not tesseract_installed(), reason="needs Tesseract")
def test_a_1099_nec_exported_at_100_dpi_is_classified_and_read(tmp_path: Path) -> None:
    """Both pages of a 100 dpi export of the 1099-NEC (text under 10 px tall) are the
    form; its withholding and its state row are read as the generator wrote them."""
    src = SAMPLES / "1099/nec/nec_irs_2023_brightline.pdf"
    want = json.loads(src.with_name(f"{src.stem}.expected.json").read_text())[0]
    scan = tmp_path / "nec_100dpi.pdf"
    write_style(src, scan, "lowres", seed=41, dpi=100)
    result = extract_file(scan)
    assert [r.doc_type for r in result.records] == ["1099-NEC"]
    record = result.records[0]
    assert record.pages == want["pages"]
    assert record.fields["box4_federal_tax_withheld"] == want["fields"]["box4_federal_tax_withheld"]
    assert record.fields["state"] == want["fields"]["state"]
