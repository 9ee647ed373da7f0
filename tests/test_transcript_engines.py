"""A transcript Tesseract left lines of unread is read again by PP-OCR, the blanks filled."""

from __future__ import annotations

import pytest
from word_pages import page

from backtax.extractors import pipeline
from backtax.extractors.classifier import PageRun
from backtax.extractors.page import Page
from backtax.extractors.transcripts.kind import TranscriptKind
from backtax.extractors.transcripts.layout import TLine
from backtax.extractors.transcripts.second import zero_misread
from backtax.extractors.transcripts.split import WAGE_INCOME, Segment
from backtax.extractors.transcripts.wage_income import parse_wage_income

HEAD = ["Record of Account", "Tax Period Ending: Dec 31 2022"]


def _page(lines: list[str], engine: str) -> Page:
    sheet = page(*[(t, 40, 40 + 14 * i) for i, t in enumerate(lines)], method="ocr", conf=0.9)
    sheet.words = [w.__class__(w.text, w.box, w.conf, w.source, engine) for w in sheet.words]
    return sheet


def _both(tesseract: list[str], ppocr: list[str], monkeypatch: pytest.MonkeyPatch) -> dict:
    first = _page([*HEAD, *tesseract], "tesseract")
    second = _page([*HEAD, *ppocr], "ppocr")
    monkeypatch.setattr(pipeline, "other_reading", lambda p, why: second)
    run = PageRun(TranscriptKind(), [first])
    docs = pipeline._extract_run(run, [first], both_engines=True)
    assert len(docs) == 1
    return docs[0].fields


def test_lines_tesseract_garbled_on_a_fax_are_read_by_pp_ocr(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Record of Account sample's lines as Tesseract read its fax (dev seed 16605:
    `$11,120 Q0`, `00`, a leader read as `eevee`, `$72,630.06` for `$72,630.00`) and as
    PP-OCR read them; values from the generator's inputs (record_of_account_2022_joint)."""
    tesseract = [
        "WAGES SALARIES, TIPS, ETC: $98,410 00",
        "TAX-EXEMPT INTEREST: eevee 00",
        "EDUCATOR EXPENSES: 00",
        "TAXABLE INCOME: $72,630.06",
        "TOTAL PAYMENTS: $11,120 Q0",
    ]
    ppocr = [
        "WAGES,SALARIES,TIPS,ETC:$98,410.00",
        "TAX-EXEMPT INTEREST:$0.00",
        "EDUCATOR EXPENSES:$0.00",
        "TAXABLE INCOME:$72,630.00",
        "TOTAL PAYMENTS:$11,120.00",
    ]
    fields = _both(tesseract, ppocr, monkeypatch)
    assert fields["wages"] == "98410.00"
    assert fields["tax_exempt_interest"] == "0.00"
    assert fields["educator_expenses"] == "0.00"
    assert fields["taxable_income"] == "72630.00"
    assert fields["total_payments"] == "11120.00"


def test_a_clean_reading_is_not_read_again_and_other_values_stay_tesseracts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One garbled line is no reason to read the page again; where the page is read again,
    a value both engines read differently (not a zero's misreading) stays Tesseract's."""
    called = []
    first = _page(
        [*HEAD, "TOTAL PAYMENTS: $11,120 Q0", "WAGES, SALARIES, TIPS, ETC: $98,410.00"],
        "tesseract",
    )
    monkeypatch.setattr(pipeline, "other_reading", lambda p, why: called.append(p))
    pipeline._extract_run(PageRun(TranscriptKind(), [first]), [first], both_engines=True)
    assert called == []
    tesseract = [
        "TOTAL PAYMENTS: $11,120 Q0",
        "EDUCATOR EXPENSES: 00",
        "TAXABLE INCOME: $72,630.00",
    ]
    ppocr = ["TOTAL PAYMENTS:$11,120.00", "EDUCATOR EXPENSES:$0.00", "TAXABLE INCOME:$72,636.00"]
    fields = _both(tesseract, ppocr, monkeypatch)
    assert fields["taxable_income"] == "72630.00"
    assert fields["total_payments"] == "11120.00"


@pytest.mark.parametrize(
    ("mine", "theirs", "zero"),
    [
        ("72630.06", "72630.00", True),
        ("220.90", "220.00", True),
        ("220.00", "220.90", False),
        ("72630.01", "72630.00", False),
        ("26199.00", "26179.00", False),
    ],
)
def test_a_zero_read_as_a_round_digit(mine: str, theirs: str, zero: bool) -> None:
    assert zero_misread(mine, theirs) is zero


def test_a_w_and_i_block_title_ocr_misread_is_the_form_its_title_names() -> None:
    """Block titles as Tesseract read the W&I sample at 100 dpi and faxed (dev seeds 16606,
    16605): `Form wW-2` (a letter doubled: no form's code) and `Fortt 5498-SA` are the W-2 and
    the 5498-SA their titles name, their lines read. Values from the generator's inputs
    (wi_2024_classic_masked)."""
    texts = [
        "Form wW-2 Wage and Tax Statement",
        "Employer:",
        "Employer Identification Number (EIN):XXXXX6789",
        "ACME",
        "Wages, Tips and Other Compensation: $52,345.67",
        "Fortt 5498-SA HSA, Archer MSA, or Medicare Advantage MSA Intormation",
        "Trustee:",
        "Trustee's Federal Identification Number: XXXXX6789",
        "ACME",
        "Total Contributions Made in Tax Year: $3,850.00",
    ]
    lines = [TLine(t, 1, 0.9) for t in texts]
    entries = parse_wage_income(Segment(WAGE_INCOME, lines, period="2024-12-31")).extra["entries"]
    assert [e["doc_type"] for e in entries] == ["W-2", "5498-SA"]
    assert entries[0]["fields"]["box1_wages"] == "52345.67"
    assert entries[1]["fields"]["box2_total_contributions"] == "3850.00"


def _wi_block(code: str, title: str, name: str | None, tin: str | None) -> list[str]:
    lines = [f"Form {code} {title}", "Payer:", "Payer's Federal Identification Number: XXXXX4321"]
    lines += ["GLOB", "Recipient:"]
    if tin:
        lines.append(f"Recipient's Identification Number: {tin}")
    if name:
        lines.append(name)
    return [*lines, "Interest Income: $1,312.08"]


def test_every_w_and_i_entry_is_the_taxpayers() -> None:
    """W&I entries as Tesseract read the sample faxed and at 100 dpi (dev seeds 16605, 16606):
    names with a letter misread (`JANE DOF`, `JANKE DOE`), a name lost, the page header's
    `Request Date` (its date lost) read as a name, a recipient TIN lost: each is the SSN's
    taxpayer, `JANE DOE`, `3456` (the generator's inputs, wi_2024_classic_masked). A name
    unlike the others (`ACME`) is left as read."""
    texts = ["SSN Provided: XXX-XX-3456"]
    read = [
        ("JANE DOE", "XXX-XX-3456"),
        ("JANE DOF", "XXX-XX-3456"),
        ("JANE DOE", None),
        ("JANKE DOE", "XXX-XX-3456"),
        (None, "XXX-XX-3456"),
        ("JANE DOE", "XXX-XX-3456"),
        ("ACME", "XXX-XX-3456"),
    ]
    for name, tin in read:
        texts += _wi_block("1099-INT", "Interest Income", name, tin)
    texts[-2:-2] = ["Request Date"]  # a page break inside the last block, its date lost
    lines = [TLine(t, 1, 0.9) for t in texts]
    entries = parse_wage_income(Segment(WAGE_INCOME, lines, period="2024-12-31")).extra["entries"]
    assert [e.get("recipient_name") for e in entries] == [*["JANE DOE"] * 6, "ACME"]
    assert [e.get("recipient_tin_last4") for e in entries] == ["3456"] * 7


@pytest.mark.parametrize(("read", "tin"), [("XXXXX67389", None), ("XXXXxX6789", "XXXXX6789")])
def test_a_masked_tin_showing_other_than_four_digits_is_left_blank(
    read: str, tin: str | None
) -> None:
    """A 5498-SA trustee's masked EIN as Tesseract read the W&I sample faxed (dev seed
    18600: `XXXXX67389`, a digit too many; printed XXXXX6789, the generator's inputs,
    wi_2024_classic_masked) is no TIN: blank, not the first four digits; a mask OCR
    doubled an X of still reads."""
    texts = [
        "Form 5498-SA HSA, Archer MSA, or Medicare Advantage MSA Information",
        "Trustee:",
        f"Trustee's Federal Identification Number: {read}",
        "ACME",
        "Total Contributions Made in Tax Year: $3,850.00",
    ]
    lines = [TLine(t, 1, 0.9) for t in texts]
    entries = parse_wage_income(Segment(WAGE_INCOME, lines, period="2024-12-31")).extra["entries"]
    assert entries[0].get("payer_tin") == tin
