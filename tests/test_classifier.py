"""The classifier: every page goes to the kind that claims it best, pages nobody claims are
UNKNOWN (never guessed), and each page is read the way it needs (text or OCR)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from word_pages import page

from backtax.extractors.forms._about import about_a_form
from backtax.extractors.forms._catalog import form_spec
from backtax.extractors.forms.engine.kind import FormKind
from backtax.extractors.kinds import all_kinds
from backtax.extractors.page import Page
from backtax.extractors.pipeline import extract_file
from backtax.extractors.record import DOC_TYPES

SAMPLES = Path(__file__).resolve().parents[1] / "sample_docs"


def test_every_registered_kind_yields_a_doc_type_of_the_contract() -> None:
    form_types = {kind.spec.doc_type for kind in all_kinds() if kind.spec is not None}
    assert form_types, "no form kinds registered"
    assert form_types <= set(DOC_TYPES)


def test_a_letter_that_is_no_tax_form_is_unknown_with_a_warning() -> None:
    result = extract_file(SAMPLES / "misc" / "library_overdue_notice.pdf")
    assert result.error is None
    assert [(r.doc_type, r.pages, r.fields) for r in result.records] == [("UNKNOWN", [1], {})]
    assert any("not a recognised tax document" in w for w in result.records[0].warnings)


def test_a_pdf_mixing_a_typed_and_a_scanned_page_reads_each_its_own_way(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_page(PdfReader(SAMPLES / "w2" / "payroll_2up_maria_globex.pdf").pages[0])
    writer.add_page(
        PdfReader(SAMPLES / "w2" / "scans" / "w2c_2023_linda_northwind_scan300.pdf").pages[0]
    )
    mixed = tmp_path / "mixed.pdf"
    with mixed.open("wb") as fh:
        writer.write(fh)
    records = extract_file(mixed).records
    assert [(r.doc_type, r.pages, r.method) for r in records] == [
        ("W-2", [1], "text"),
        ("W-2c", [2], "ocr"),
    ]
    assert records[0].fields["box1_wages"] == "45799.88"
    assert records[1].fields["box1_wages"] == "72500.00"


@pytest.mark.parametrize("denial", ["This is not‘a W-2.", "This is nota W-2.", "Thisis notaW-2."])
def test_an_earnings_summary_ocr_glued_to_its_denial_is_no_w2(denial: str) -> None:
    """A payroll summary says `This is not a W-2.`, OCR reading the blank before `a` as a
    quote (`not‘a`) or dropping it (`nota`, the layout bench's scans of the earnings-summary
    page, 4 extra W-2 records in 42 scans at dev seed 47200): it is still a page about the
    form, claimed by no kind, though it prints the W-2's withholding labels and amounts."""
    summary = page(
        ("NORTHWIND CAPITAL MARKETS LLC - Year-End Earnings Summary 2024", 44, 31),
        (f"{denial} Your Form W-2 Wage and Tax Statement is issued separately.", 44, 54),
        ("Federal income tax withheld 1,286.00", 44, 100),
        ("Social security tax withheld 82,373.00", 44, 114),
        ("Medicare tax withheld 18,964.00", 44, 128),
        method="ocr",
    )
    assert [k.name for k in all_kinds() if k.identify(summary)] == []


@pytest.mark.parametrize(
    "contents",
    [
        # a consolidated package's contents page, OCR reading `Table. of Contents`
        page(
            ("FIRST PRAIRIE SAVINGS BANK", 45, 31),
            ("2023 Consolidated Tax Package", 45, 56),
            ("Account No. 419-40212", 45, 93),
            ("Table. of Contents", 45, 126),
            ("Form 1099-DIV Dividends and Distributions", 45, 147),
            method="ocr",
        ),
        # a broker's cover page, OCR reading `Table of.Contents`: no 1099-B from its
        # `Form 1099-B Proceeds From Broker ...` entry and `Account No.` line
        page(
            ("FIRST PRAIRIE SAVINGS BANK Tax Documents 2025", 40, 40),
            ("Table of.Contents", 40, 64),
            ("Form 1099-B Proceeds From Broker and Barter Exchange Transactions", 40, 100),
            ("Account No.", 40, 116),
            method="ocr",
        ),
    ],
    ids=["package", "broker"],
)
def test_a_table_of_contents_read_with_a_stray_point_is_no_form(contents: Page) -> None:
    """A contents page whose heading OCR read with a stray point: it names a form and
    prints an account number, and is a page about forms (so no form claims it, nor is it
    read again by the other engine to find one)."""
    assert about_a_form(contents)
    assert [k.name for k in all_kinds() if k.identify(contents)] == []


def test_a_label_counts_twice_only_after_its_box_number() -> None:
    """A label the page prints counts once to a form's score (0.25), twice after its box's
    number; a box the form prints with no number (`Account number`) has no numbered
    wording, so its label counts once."""
    nec = FormKind(form_spec("1099-NEC"))
    head = (("Form 1099-NEC", 44, 30), ("Nonemployee Compensation", 44, 44))

    def score(*more: tuple[str, float, float]) -> float:
        ident = nec.identify(page(*head, *more))
        assert ident is not None
        return ident.score

    assert score(("Account number", 44, 100)) - score() == 0.25
    assert score(("3 Excess golden parachute payments", 44, 100)) - score() == 0.5


def test_a_text_grids_title_printed_over_two_lines_names_its_form() -> None:
    """An IRS grid's title cell `Dividends and` over `Distributions` beside box 13's
    wrapped label, the boxes' labels wrapped in their cells (`1a Total ordinary` /
    `dividends`): the page's lines run across the title, so it is not in the text; on a
    text page too the stacked title counts with `Form 1099-DIV`, so the page is that form
    (it had scored 2.0 and been left unknown)."""
    grid = page(
        ("1a Total ordinary", 302, 42),
        ("2b Unrecaptured", 372, 42),
        ("dividends", 302, 49),
        ("Section 1250 gain", 372, 49),
        ("$ 326.54", 306, 59),
        ("Form 1099-DIV", 515, 57),
        ("3 Nondividend", 302, 72),
        ("4 FEDERAL INCOME", 372, 72),
        ("Distributions", 302, 79),
        ("TAX WITHHELD", 372, 79),
        ("$ 15,697.69", 306, 89),
        ("13 Specified Private", 302, 102),
        ("Dividends and", 515, 104),
        ("Activity Bond Interest", 302, 109),
        ("Distributions", 515, 114),
    )
    assert [k.name for k in all_kinds() if k.identify(grid)] == ["1099-DIV"]
