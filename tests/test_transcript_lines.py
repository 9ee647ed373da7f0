"""Transcript lines one field kind at a time: labels, amounts, dates, check boxes, form codes,
transaction rows and return-line tables by year."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from word_pages import page

from backtax.extractors.kinds import Extracted
from backtax.extractors.page import Box, Page, Word
from backtax.extractors.transcripts.account import parse_account, parse_transactions
from backtax.extractors.transcripts.kind import TranscriptKind, guess_kind
from backtax.extractors.transcripts.layout import (
    TLine,
    clean_text,
    filing_status,
    is_noise,
    iso_date,
    last_names,
    money,
    page_lines,
    split_label_value,
)
from backtax.extractors.transcripts.record_of_account import parse_record_of_account
from backtax.extractors.transcripts.return_lines import lines_for_year
from backtax.extractors.transcripts.split import (
    ACCOUNT,
    RECORD_OF_ACCOUNT,
    RETURN,
    WAGE_INCOME,
    Segment,
    split_segments,
    tax_period,
)
from backtax.extractors.transcripts.tax_return import return_fields
from backtax.extractors.transcripts.transaction_codes import canonical_explanation
from backtax.extractors.transcripts.wage_income import box12_code, parse_flag, parse_wage_income
from backtax.extractors.transcripts.wi_forms import form_for


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("$1,234.00", "1234.00"),
        ("-$56.00", "-56.00"),
        ("150.15", "150.15"),
        ("$0.00", "0.00"),
        ("$52 345 67", "52345.67"),  # OCR lost both separators
        ("$7.,412 88", "7412.88"),
        ("$810 0.0", "810.00"),
        ("$o 00", "0.00"),
        ("-$1,000 00", "-1000.00"),
        ("...$0:00", "0.00"),  # PP-OCR: leader dots glued on, the point read as a colon
        ("0) 00", "0.00"),  # a 300 dpi copy's point read as a parenthesis
        ("9) 00", None),  # the zero misread too: no amount rather than 9.00
        ("$55;845 67", "55845.67"),  # a comma with a speck, the point lost (100 dpi)
        ("».$0,00", "0.00"),  # a fax's leader scraps before the dollar sign
        ("$61 ,250.0", None),  # a digit lost: no amount rather than a wrong one
        ("20241905", None),  # a cycle is not money
        ("2024", None),
    ],
)
def test_amounts_read_exactly_or_not_at_all(printed: str, value: str | None) -> None:
    assert money(printed) == value


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("05-22-2023", "2023-05-22"),
        ("Dec. 31, 2023", "2023-12-31"),
        ("May 22, 2024", "2024-05-22"),
        ("December, 2023", "2023-12-31"),
        ("Nov 30% 2025", "2025-11-30"),
        ("Dacember, 2024", "2024-12-31"),  # a fax's `e` read as `a`
        ("Navember, 2023", "2023-11-30"),
    ],
)
def test_dates_in_every_printed_form(printed: str, value: str) -> None:
    assert iso_date(printed) == value


@pytest.mark.parametrize(
    ("line", "pair"),
    [
        (
            "TAXABLE INTEREST INCOME: SCH B:...........$312.08",
            ("TAXABLE INTEREST INCOME: SCH B", "$312.08"),
        ),
        ("Taxable interest income: SCH B: $312.08", ("Taxable interest income: SCH B", "$312.08")),
        (
            "Employer Identification Number (EIN):XXXXX0495",
            ("Employer Identification Number (EIN)", "XXXXX0495"),
        ),
        ("PROCESSING DATE May 22, 2024", ("PROCESSING DATE", "May 22, 2024")),
        ("SSN: 900-12-3456", ("SSN", "900-12-3456")),
        ("Federal Income Tax Withheld: $6,123 00", ("Federal Income Tax Withheld", "$6,123 00")),
        (
            "Statutory Employee:.....Not Statutory Employee",
            ("Statutory Employee", "Not Statutory Employee"),
        ),
        ("Employer:", None),
        ("RIVE CO", None),
        # OCR lost a colon (the Record of Account sample's photo, dev seed 9854)
        ("CYCLE POSTED 20231405", ("CYCLE POSTED", "20231405")),
        (
            "CAPITAL GAIN OR LOSS: (Schedule D) $0.00",
            ("CAPITAL GAIN OR LOSS: (Schedule D)", "$0.00"),
        ),
        ("Retirement. Plan Indicator Checked", ("Retirement. Plan Indicator", "Checked")),
        ("742 EVERGREEN TER", None),
        ("ANYTOWN ST 12345", None),
        # a 100 dpi scan lost the colon after a form's code
        ("Total amount from forms W-2 $0.00", ("Total amount from forms W-2", "$0.00")),
        ("150 Tax return filed 20241905 05-20-2024 $1.00", None),
    ],
)
def test_label_and_value_split_on_the_colon_before_the_value(
    line: str, pair: tuple[str, str] | None
) -> None:
    assert split_label_value(line) == pair


@pytest.mark.parametrize(
    ("label", "printed", "checked"),
    [
        ("Retirement Plan Indicator", "Checked", True),
        ("Retirement Plan Indicator", "Not checked", False),
        ("Third Party Sick Pay Indicator", "Unanswered", None),
        ("Statutory Employee", "Not Statutory Employee", False),
        ("Statutory Employee", "Statutory Employee", True),
        ("Total Distribution Code", "Total distribution", True),
        ("SEP Indicator", "IRA/SEP/SIMPLE box checked", True),
        ("Tax Amount Undetermined Code", "Not significant", False),
        ("Retirement Plan Indicator", "CANIN Not checked", False),  # a leader's scraps first
        # OCR lost or garbled the `Not` in the leader: unsure, so blank, never checked
        ("Statutory Employee", "Nol Statutory Employee", None),
        ("Retirement Plan Indicator", "CANIN Checked", None),
    ],
)
def test_indicator_lines_become_check_boxes(label: str, printed: str, checked: bool | None) -> None:
    assert parse_flag(printed, label) is checked


@pytest.mark.parametrize(
    ("code", "doc_type"),
    [
        ("W-2G", "W-2G"),
        ("W-2", "W-2"),
        ("1098-E", "1098-E"),
        ("1098-T", "1098-T"),
        ("1098", "1098"),
        ("5498-SA", "5498-SA"),
        ("5498", "5498"),
        ("W-2C", "W-2c"),
        ("1099-Q", "1099-Q"),
    ],
)
def test_form_codes_sharing_a_prefix_are_told_apart(code: str, doc_type: str) -> None:
    found, table = form_for(code)
    assert found == doc_type
    assert (table is None) == (code == "1099-Q")


def test_box12_code_read_from_its_description_when_ocr_garbles_the_letter() -> None:
    assert box12_code("ww", "employer contributions to a health savings account") == "W"
    assert (
        box12_code(None, "deferrals under a section 409a nonqualified deferred compensation plan")
        == "Y"
    )
    assert box12_code("dd", "cost of employer sponsored health coverage") == "DD"


def test_transaction_rows_keep_order_cycle_and_971_detail() -> None:
    rows = parse_transactions(
        [
            TLine("TRANSACTIONS", 1),
            TLine("150 Tax return filed 20241905 05-20-2024 $4,338.00", 1),
            TLine("806 W-2 or 1099 withholding 04-15-2024 -$4,102.10", 1),
            TLine(
                "166 Penalty for filing tax return after the due date20241905 05-20-2024 $10.62", 1
            ),
            TLine("971 Notice issued 05-20-2024 $0.00", 1),
            TLine("CP 0014", 1),
        ]
    )
    assert [r["code"] for r in rows] == ["150", "806", "166", "971"]
    assert rows[1] == {
        "code": "806",
        "explanation": "W-2 or 1099 withholding",
        "date": "2024-04-15",
        "amount": "-4102.10",
    }
    assert rows[2]["cycle"] == "20241905"
    assert rows[2]["explanation"] == "Penalty for filing tax return after the due date"
    assert rows[3]["detail"] == "CP 0014"


def test_an_account_transcript_faxed_reads_a_spaced_tin_date_and_credit_minus() -> None:
    """The account sample faxed (dev seed 13605): `XXX-XX- 3456` (colon lost), a row's date
    `05-20 -2024`, TC 670's `- $1,000 00` (a credit: its minus stands). A spaced minus on a
    debit's row (TC 196) may be a speck: that row is not read. Values from the generator's
    inputs (account_2023_classic_masked)."""
    texts = [
        "TAXPAYER IDENTIFICATION NUMBER XXX-XX- 3456",
        "JANE DOE",
        "TRANSACTIONS",
        "196 Interest charged for late payment 20241905 05-20 -2024 $41 10",
        "670 Payment 20242705 07-02-2024 - $1,000 00",
        "196 Interest charged for late payment 20241905 05-20-2024 - $41 10",
    ]
    record = parse_account(Segment(ACCOUNT, [TLine(t, 1, 0.9) for t in texts], period=None))
    assert record.recipient_tin_last4 == "3456"
    assert record.recipient_name == "JANE DOE"
    rows = [(r["code"], r["date"], r["amount"]) for r in record.extra["transactions"]]
    assert rows == [("196", "2024-05-20", "41.10"), ("670", "2024-07-02", "-1000.00")]
    assert "detail" not in record.extra["transactions"][1]


def test_the_detail_of_a_row_left_unread_is_no_other_rows() -> None:
    """A TC 971 row whose `$0.00` a fax set a speck before (`- $0.00`, no credit's code: the
    row is left unread) and its notice line `CP 0014` under it: the notice is the 971's,
    not the TC 150's above it (rows as printed in the account sample, the speck added)."""
    lines = [
        TLine("TRANSACTIONS", 1, 0.9),
        TLine("150 Tax return filed 20241905 05-20-2024 $4,338.00", 1, 0.9),
        TLine("971 Notice issued 05-20-2024 - $0.00", 1, 0.9),
        TLine("CP 0014", 1, 0.9),
        TLine("806 W-2 or 1099 withholding 04-15-2024 -$4,102.10", 1, 0.9),
    ]
    rows = parse_transactions(lines, ocr=True)
    assert [(r["code"], r.get("detail")) for r in rows] == [("150", None), ("806", None)]


def test_rows_with_specks_in_their_code_or_date_are_rows_not_detail() -> None:
    """Rows as Tesseract read the account sample at 100 dpi and faxed, and the Record of
    Account's at 150 dpi (dev seed 18600): a speck after the date (`05-20-2024.`,
    `04-15-2024:`), before the year (`07-02 °2024`) or inside the code (`8.06`, its wording
    806's) lost the row, or made it the detail of the row above. Values from the generator's
    inputs (account_2023_classic_masked, record_of_account_2022_joint)."""
    lines = [
        TLine("TRANSACTIONS", 1, 0.9),
        TLine("150 Tax return filed 20241905 05-20-2024. $26,179.00", 1, 0.9),
        TLine("806 W-2 or 1099 withholding 04-15-2024: -$22,810. 10", 1, 0.3),
        TLine("971 Notice issued 05-20-2024 $0 00", 1, 0.9),
        TLine("CP 0014", 1, 0.8),
        TLine("670 Payment. 20242705 07-02 °2024 -$1,000 00", 1, 0.2),
        TLine("8.06 W-2 or 1099 withholding 04-15-2023 -$11,120.00", 1, 0.9),
        TLine("8.46 Not a row's wording 04-12-2023 $1,250.00", 1, 0.9),
    ]
    rows = parse_transactions(lines, ocr=True)
    assert [(r["code"], r["date"], r["amount"], r.get("detail")) for r in rows] == [
        ("150", "2024-05-20", "26179.00", None),
        ("806", "2024-04-15", "-22810.10", None),
        ("971", "2024-05-20", "0.00", "CP 0014"),
        ("670", "2024-07-02", "-1000.00", None),
        ("806", "2023-04-15", "-11120.00", "8.46 Not a row's wording 04-12-2023 $1,250.00"),
    ]


def test_a_row_left_unread_leaves_a_warning_on_its_record() -> None:
    """A spaced minus on a debit's code (TC 150, Dr) and on a code not in the table (TC 999):
    both rows stay unread, and each leaves one warning on the Account transcript's and on the
    Record of Account's record, with its code and date (hand-made rows, the account sample's
    150 and 806 with a speck before the 150's amount)."""
    rows = [
        "TRANSACTIONS",
        "150 Tax return filed 20241905 05-20-2024 - $4,338.00",
        "806 W-2 or 1099 withholding 04-15-2024 -$4,102.10",
        "999 Something else 20242705 07-02-2024 - $12.00",
    ]
    account = parse_account(Segment(ACCOUNT, [TLine(t, 1, 0.9) for t in rows], period=None))
    roa_lines = [TLine(t, 1, 0.9) for t in ["Record of Account", "ACCOUNT BALANCE: 0.00", *rows]]
    roa = parse_record_of_account(Segment(RECORD_OF_ACCOUNT, roa_lines, period="2023-12-31"))
    for record in (account, roa):
        assert [r["code"] for r in record.extra["transactions"]] == ["806"]
        unread = [w for w in record.warnings if "left unread" in w]
        assert len(unread) == 2
        assert "TC 150" in unread[0] and "2024-05-20" in unread[0]
        assert "TC 999" in unread[1] and "2024-07-02" in unread[1]
        assert all(w.startswith("account transcript:") for w in unread)


def test_an_account_transcript_as_a_fax_and_a_100_dpi_scan_read_it() -> None:
    """Account transcript lines as Tesseract read a fax and a 100 dpi scan of the classic
    print (dev seeds 11605 and 11606): the `I` of `IDENTIFICATION` misread, colons lost,
    labels with a letter misread, `TAX PERIOD:` lost, a row's month read as letters, a
    point after an amount, the page banner misread after the last row's detail. Values
    from the generator's inputs (sample_docs account_2023_classic_masked)."""
    texts = [
        "FORM NUMBER: 1040 Dec 31, 2023",
        "TAXPAYER [DENTIFICATION NUMBER: XXX-XX-3456",
        "JANE DOE",
        "742 EV",
        "(this ig not a payoff amount): 3,655.52",
        "EXEMPTIONS ¢ 00",
        "FILING STATUS Single",
        "TAXABLE TNCOME 133,060. 55",
        "RETURN DUE DATE OR RETURN RECEIVED DATE (WHICHFVER IS LATER) Apr. 15, 2024",
        "TRANSACTIONS",
        "150 Tax return filed 20241905 05-20-2024 $26,179 00",
        "806 W-2 or 1099 withholding OA 15-2024 -$22,810 10",
        "196 Interest charged tor late payment 20241905 05-20-2024 $41.10.",
        "971 Installment agreement established 04-01-2025 $0.00",
        "AC 063",
        "This Ficcuct Contains Sensitive Taxnayer Data",
    ]
    record = parse_account(Segment(ACCOUNT, [TLine(t, 1, 0.9) for t in texts], period=None))
    assert record.recipient_tin_last4 == "3456"
    assert record.recipient_name == "JANE DOE"
    assert record.fields["tax_period_end"] == "2023-12-31"
    assert record.fields["balance_plus_accruals"] == "3655.52"
    assert record.fields["exemptions"] == 0
    assert record.fields["filing_status"] == "Single"
    assert record.fields["taxable_income"] == "133060.55"
    assert record.fields["return_due_or_received_date"] == "2024-04-15"
    rows = record.extra["transactions"]
    assert [r["code"] for r in rows] == ["150", "806", "196", "971"]
    assert rows[1] == {  # the date unread, the rest of the row kept
        "code": "806",
        "explanation": "W-2 or 1099 withholding",
        "amount": "-22810.10",
    }
    assert rows[2]["amount"] == "41.10"
    assert rows[3]["detail"] == "AC 063"


def test_ocr_slips_in_a_transaction_explanation_are_read_as_the_usual_wording() -> None:
    assert canonical_explanation("806", "W-2 or 1099.withholding") == "W-2 or 1099 withholding"
    assert canonical_explanation("806", "Something else entirely") == "Something else entirely"


def test_return_line_tables_follow_the_tax_year() -> None:
    def names(year: int) -> set[str]:
        return set(lines_for_year(year).values())

    assert "tuition_and_fees_deduction" in names(
        2019
    ) and "tuition_and_fees_deduction" not in names(2021)
    assert "recovery_rebate_credit" in names(2020) and "recovery_rebate_credit" not in names(2022)
    assert "wages_forms_w2" in names(2022) and "wages_forms_w2" not in names(2021)
    assert "no_tax_on_tips_deduction" in names(2025) and "no_tax_on_tips_deduction" not in names(
        2024
    )
    for year in range(2019, 2026):
        assert {"wages", "adjusted_gross_income", "total_tax", "amount_owed"} <= names(year)


def test_tax_period_is_the_month_end_even_when_ocr_garbles_the_day() -> None:
    assert tax_period("FORM NUMBER: 1040 TAX PERIOD: Dec. SL, 2023") == "2023-12-31"
    assert tax_period("Tax Period Requested: December, 2023") == "2023-12-31"
    # a fax's `i` read as `j` (the W&I sample's `Tax Period Requested: December, 2024`)
    assert tax_period("Tax Perjod Requested: December, 2024") == "2024-12-31"


def test_titles_repeated_in_page_headers_continue_and_new_tracking_numbers_split() -> None:
    lines = [
        TLine("Account Transcript", 1),
        TLine("Tracking Number: 108000000001", 1),
        TLine("FORM NUMBER: 1040 TAX PERIOD: Dec. 31, 2022", 1),
        TLine("Account Transcript", 2),
        TLine("Tracking Number: 108000000001", 2),
        TLine("150 Tax return filed 05-20-2023 $1.00", 2),
        TLine("Tax Return Transcript", 3),
        TLine("Tracking Number: 108000000002", 3),
        TLine("Record of Account", 4),
        TLine("Tracking Number: 108000000003", 4),
        TLine("Account Transcript", 4),
    ]
    segments = split_segments(lines, ACCOUNT)
    assert [(s.kind, s.pages) for s in segments] == [
        (ACCOUNT, [1, 2]),
        (RETURN, [3]),
        (RECORD_OF_ACCOUNT, [4]),
    ]


def test_a_page_banner_before_the_title_is_no_transcript_of_its_own() -> None:
    """The banner above a title, in a run whose untitled lines would go to the W&I (OCR lost
    a colon: `Form number 1040` reads like a W&I block title): no empty W&I record."""
    lines = [
        TLine("This Product Contains Sensitive Taxpayer Data Page 1 of 1", 1, 0.9),
        TLine("Tax Return Transcript", 1, 0.9),
        TLine("Form number 1040", 1, 0.9),
    ]
    assert [(s.kind, s.pages) for s in split_segments(lines, WAGE_INCOME)] == [(RETURN, [1])]


def test_a_label_without_its_colon_keeps_the_value_s_first_word() -> None:
    """The Record of Account sample faxed (dev seed 13605) lost the colon of `NAME(S) SHOWN
    ON RETURN: JOHN SAMP & LIND PLAC`; `... RETURN JOHN` is alike enough to the label, but
    the label ends where it ends: the name keeps JOHN and the name control is SAMP."""
    lines = [
        TLine("Record of Account", 1),
        TLine("NAME(S) SHOWN ON RETURN JOHN SAMP & LIND PLAC", 1),
        TLine("FILING STATUS Married Filing Joint", 1),
    ]
    record = parse_record_of_account(Segment(RECORD_OF_ACCOUNT, lines, period="2022-12-31"))
    assert record.recipient_name == "JOHN SAMP & LIND PLAC"
    assert record.fields["name_control"] == "SAMP"


def test_an_untitled_page_is_a_wi_page_only_by_a_form_block_title() -> None:
    """`FORM NUMBER 1040 TAX PERIOD` (an account part, its colon lost) is no W&I block's
    title; `Form W-2 Wage and Tax Statement` and `Form 1099-INT Interest Income` are."""
    account = [TLine("FORM NUMBER 1040 TAX PERIOD: Dec. 31, 2022", 2)]
    assert guess_kind(account) != WAGE_INCOME
    for title in ("Form W-2 Wage and Tax Statement", "Form 1099-INT Interest Income"):
        assert guess_kind([TLine(title, 1)]) == WAGE_INCOME


def test_lines_before_a_lost_title_start_the_transcript_whose_title_comes_next() -> None:
    """A Record of Account scan whose page 1 title and tracking number OCR lost (the
    sample's page 1 and 2 headers): page 1 starts the Record of Account of page 2's title,
    instead of becoming an empty Wage and Income record of its own."""
    lines = [
        TLine("Recerd af Acc0unt", 1),
        TLine("SSN Provided: XXX-XX-1234", 1),
        TLine("Tax Period Ending: Dec. 31, 2022", 1),
        TLine("WAGES, SALARIES, TIPS, ETC:....$98,410.00", 1),
        TLine("Record of Account", 2),
        TLine("Tracking Number: 108033300022", 2),
        TLine("FORM NUMBER 1040 TAX PERIOD: Dec. 31, 2022", 2),
    ]
    segments = split_segments(lines, WAGE_INCOME)
    assert [(s.kind, s.pages, s.guessed) for s in segments] == [(RECORD_OF_ACCOUNT, [1, 2], False)]
    other = [*lines[:4], TLine("Record of Account", 2), TLine("Tracking Number: 108000000010", 2)]
    other[1:1] = [TLine("Tracking Number: 108000000009", 1)]
    assert [s.guessed for s in split_segments(other, ACCOUNT)] == [True, False]


def test_a_transcript_whose_title_was_never_read_says_its_kind_was_guessed() -> None:
    """A run of transcript pages without any title read (banner only): its record warns."""
    sheet = page(
        ("This Product Contains Sensitive Taxpayer Data", 40, 30),
        ("ACCOUNT BALANCE: 3,405.40", 40, 80),
        ("150 Tax return filed 20241905 05-20-2024 $26,179.00", 40, 100),
    )
    (record,) = TranscriptKind().extract([sheet])
    assert record.doc_type == ACCOUNT
    assert any("no transcript title read" in w for w in record.warnings)
    assert record.confidence <= 0.5


def test_a_continuation_page_with_its_banner_misread_is_still_a_transcript_page() -> None:
    """Page 2 of a return transcript scanned at 100 dpi, as Tesseract read it: no title, the
    banner misread (`Predict`, `Taxnayer`). Still a transcript page: unclaimed, it would be
    read again whole by PP-OCR, whose reading glues the words (`Taxableincomepercomputer`)."""
    scan = page(
        ("This Predict Contains Sensitive Taxnayer Data Page 1 of 1", 40, 30),
        ("Request Date: 06-01-2025", 54, 60),
        ("Taxable income: $38,437.60", 54, 100),
        ("Taxable income per computer: $38,437.60", 54, 112),
        method="ocr",
        conf=0.9,
    )
    found = TranscriptKind().identify(scan)
    assert found is not None and found.doc_type == RETURN


def test_a_return_line_whose_last_word_ocr_lost_on_a_scan() -> None:
    """`Student loan interest $912.40` on a 100 dpi return transcript (dev seed 11606): the
    one line with one word more, `Student loan interest deduction`; a text page's label is
    taken as printed."""
    scan = [TLine("Student loan interest $912.40", 1, 0.9), TLine("Wages and $5.00", 1, 0.9)]
    fields = return_fields(scan, 2024)[0]
    assert fields["student_loan_interest_deduction"] == "912.40"
    assert "wages" not in fields  # `wages and` is the start of no line's label
    text = return_fields([TLine("Student loan interest: $912.40", 1)], 2024)[0]
    assert "student_loan_interest_deduction" not in text


def test_a_label_ocr_garbled_on_a_scan_makes_no_field_of_its_own() -> None:
    """The Record of Account sample photographed (dev seed 13604): `TENTATIVE TAX` with a
    leader read as `eee eee eee` and `SE TAX PER COMPUTER` as `SE TAX PER COMP UTER` had
    become fields of their own (`tentative_tax_eee_eee_eee`); the RoA's note `... if
    applicable They do:-not show ...` too. On a scan they are left unread, with a warning;
    a schedule's lines and a text page's unknown labels are still fields."""
    scan = [
        TLine("TENTATIVE TAX eee eee eee: $0.00", 2, 0.46),
        TLine(
            "amount as adjusted (PC), if applicable They do:-not show subsequent activity", 1, 0.3
        ),
        TLine("TAXABLE INCOME: $72,630.00", 2, 0.9),
    ]
    fields, _, _, warnings = return_fields(scan, 2022)
    assert fields == {"taxable_income": "72630.00"}
    assert len(warnings) == 2 and "TENTATIVE TAX eee" in warnings[0]
    text = return_fields([TLine("NEW CREDIT NOBODY MAPPED: $5.00", 1)], 2022)[0]
    assert text == {"new_credit_nobody_mapped": "5.00"}


def test_joint_names_give_both_last_names() -> None:
    assert last_names("JOHN SAMP & LIND PLAC") == ("SAMP", "PLAC")
    assert last_names("JOHN Q & JANE R SAMPLE") == ("SAMPLE", "SAMPLE")
    assert last_names("LIND BERG") == ("BERG", None)


def test_transcript_code_never_calls_ocr() -> None:
    """Transcript lines are read again by asking the page; only readers run an OCR engine."""
    folder = Path(__file__).resolve().parents[1] / "extractors" / "transcripts"
    assert [p.name for p in folder.glob("*.py") if "readers.ocr" in p.read_text()] == []


def _ocr_line(*texts: str, conf: float = 0.9) -> list[Word]:
    return [
        Word(t, Box(40 + 60 * i, 100, 90 + 60 * i, 110), conf, "ocr") for i, t in enumerate(texts)
    ]


def test_a_label_whose_value_ocr_lost_is_read_again_by_the_page_without_its_leaders() -> None:
    """The first reading again still has the leader's specks and no value; the one with
    leaders taken out has it, and the label keeps its colon."""
    asked: list[bool] = []
    readings = {
        False: [*_ocr_line("Allocated", "Tips"), Word("ee", Box(160, 100, 170, 110), 0.2, "ocr")],
        True: [
            *_ocr_line("Allocated", "Tips"),
            Word("$215.00", Box(500, 100, 540, 110), 0.9, "ocr"),
        ],
    }

    def reader(
        page: Page, box: Box, psm: int = 7, alphabet: str = "", leaders: bool = False
    ) -> list[Word]:
        asked.append(leaders)
        return readings[leaders]

    scan = Page(1, 612, 792, _ocr_line("Allocated", "Tips:"), "ocr")
    scan.rereader = reader
    assert [ln.text for ln in page_lines([scan])] == ["Allocated Tips:"]
    assert asked == []
    assert [ln.text for ln in page_lines([scan], reread=True)] == ["Allocated Tips: $215.00"]
    assert asked == [False, True]


def test_a_lost_value_read_again_is_the_reading_with_more_sure_text() -> None:
    """As a 200 dpi copier scan of the W&I sample reads `Distribution Code:....1`: the
    first reading again turns the leader into specks and scraps (`tence` at 0.19), the one
    without leaders reads `Code.` and the `1`; the scraps are no better reading, so the
    second wins and the colon read as a point is put back. A reading that splits the first word
    (`Recipient` `'s/Lender's`) is the same line."""
    readings = {
        False: [
            *_ocr_line("Distribution"),
            Word("eee", Box(150, 100, 170, 110), 0.17, "ocr"),
            Word("tence", Box(200, 100, 230, 110), 0.19, "ocr"),
        ],
        True: [
            *_ocr_line("Distribution", "Code."),
            Word("1", Box(560, 100, 566, 110), 0.96, "ocr"),
        ],
    }

    def reader(
        page: Page, box: Box, psm: int = 7, alphabet: str = "", leaders: bool = False
    ) -> list[Word]:
        return readings[leaders]

    scan = Page(1, 612, 792, _ocr_line("Distribution", "Code:", conf=0.95), "ocr")
    scan.rereader = reader
    assert [ln.text for ln in page_lines([scan], reread=True)] == ["Distribution Code: 1"]
    readings[False] = _ocr_line("Recipient", "'s/Lender's", "Federal", "ID", "Number:", "XXXXX6789")
    readings[True] = readings[False]
    scan.words = _ocr_line("Recipient's/Lender's", "Federal", "ID", "Number:")
    assert [ln.text for ln in page_lines([scan], reread=True)] == [
        "Recipient 's/Lender's Federal ID Number: XXXXX6789"
    ]


def test_wage_and_income_lines_with_a_colon_lost_or_a_speck_read_as_one() -> None:
    """The W&I sample's 1099-R and W-2 lines as copier scans read them: a flag whose colon
    was lost (`Retirement. Plan Indicator Checked`), a speck read as a colon inside the value
    (`IRA/SEP/SIMPLE box: checked`), a leader's scraps before a flag's `Not` (`SY Not
    Statutory Employee`: it had read True), a mask with X's doubled (`XXxXXxX6789`); a code
    value that is a leader's scraps (`. cette`) is no code."""
    texts = [
        "Form W-2 Wage and Tax Statement",
        "Employer:",
        "Employer Identification Number (EIN):XXXXX6789",
        "ACME",
        "Wages, Tips and Other Compensation: $52,345.67",
        "Retirement. Plan Indicator Checked",
        "Statutory Employee: SY Not Statutory Employee",
        "Form 1099-R Distributions From Pensions, Annuities, Retirement, etc",
        "Trustee:",
        "Trustee's Federal Identification Number: XXxXXxX6789",
        "ACME",
        "Gross Distribution: $10,000.00",
        "Distribution Code: . cette",
        "SEP Indicator: IRA/SEP/SIMPLE box: checked",
    ]
    w2, r = wage_income(texts).extra["entries"]
    assert w2["fields"]["box13_retirement_plan"] is True
    assert w2["fields"]["box13_statutory_employee"] is False
    assert r["payer_tin"] == "XXXXX6789"
    assert r["fields"]["box7_ira_sep_simple"] is True
    assert "box7_distribution_code" not in r["fields"]


@pytest.mark.parametrize(
    ("tesseract", "second", "kept"),
    [
        ("-$98,530.00", (".$98,530.00", 0.95), "$98,530.00"),  # a leader's dot read as a minus
        ("--$98,410.00", ("$98,410.00", 0.96), "$98,410.00"),
        ("-$6,123.00", ("-$6,123.00", 0.97), "-$6,123.00"),  # a minus the second engine sees
        ("-$98,530.00", ("$98,530.00", 0.5), "-$98,530.00"),  # unsure: left as read
        ("-$98,530.00", ("$98,580.00", 0.95), "-$98,530.00"),  # other digits: left as read
    ],
)
def test_a_minus_tesseract_read_at_a_leader_end_is_checked_by_the_second_engine(
    tesseract: str, second: tuple[str, float], kept: str
) -> None:
    """A photo of the Record of Account sample: `ADJUSTED GROSS INCOME:.....$98,530.00` read
    `-$98,530.00` by Tesseract (the leader's last dots); PP-OCR's reading of the amount's box
    decides. A transaction row (no colon before its amount) is not asked."""
    asked: list[Box] = []

    def recogniser(page: Page, box: Box) -> list[Word]:
        asked.append(box)
        return [Word(second[0], box, second[1], "ocr", "ppocr")]

    amount = Word(tesseract, Box(440, 100, 504, 110), 0.9, "ocr", "tesseract")
    words = [*_ocr_line("ADJUSTED", "GROSS", "INCOME:"), amount]
    scan = Page(1, 612, 792, words, "ocr")
    scan.recogniser = recogniser
    assert page_lines([scan])[0].text.endswith(tesseract) and asked == []  # identifying
    assert [ln.text for ln in page_lines([scan], reread=True)] == [f"ADJUSTED GROSS INCOME: {kept}"]
    row = [*_ocr_line("806", "W-2", "withholding", "04-15-2024"), amount]
    asked.clear()
    scan.words = [Word(w.text, w.box, w.conf, "ocr", "tesseract") for w in row]
    assert page_lines([scan], reread=True)[0].text.endswith(tesseract) and asked == []


def test_a_party_caption_with_leader_scraps_and_a_tin_with_a_trailing_speck() -> None:
    """The W&I sample's 1098 block as a 100 dpi scan reads it (dev seed 9856): the caption
    `Recipient/Lender:` with scraps after it (`'7 .`) still opens the lender's party (it had
    become a value line, and the block lost both parties), and `XXX-XX-3456_` is the
    borrower's TIN."""
    texts = [
        "Form 1098 Mortgage Interest Statement",
        "Recipient /Lender: '7 .",
        "Recipient 's/Lender's Federal ID Number: XXXXX4321",
        "GLOB",
        "Payer /Borrower",
        "Payer's/Borrower's Identification Number: XXX-XX-3456_",
        "JANE DOE",
        "Submission Type: Original document",
        "Mortgage Interest Received from Payer(s)/Borrower(s): $9,875.42",
    ]
    (entry,) = wage_income(texts).extra["entries"]
    assert_parties(entry, ("XXXXX4321", "GLOB"), ("3456", "JANE DOE"))
    assert entry["fields"]["box1_mortgage_interest"] == "9875.42"


def test_a_leader_speck_or_a_tall_word_does_not_split_an_ocr_line() -> None:
    """A fax's lines as Tesseract boxes them: a leader speck (`Ce`) above a line's middle,
    and the line's `Withheld:` boxed twice as tall as its text (dots of the line above taken
    in): each printed line stays one line."""

    def word(text: str, x0: float, top: float, bottom: float, conf: float = 0.95) -> Word:
        return Word(text, Box(x0, top, x0 + 6 * len(text), bottom), conf, "ocr")

    words = [
        word("Social", 58, 330.0, 337.5),
        word("Security", 100, 330.2, 338.9),
        word("Wages:", 153, 330.0, 337.4),
        word("$55,845.67", 467, 330.2, 338.2),
        word("Withheld:", 177, 335.5, 350.4, 0.91),
        word("Ce", 240, 335.3, 337.4, 0.11),
        word("Social", 59, 341.8, 349.2),
        word("Security", 101, 342.0, 350.9),
        word("Tax", 154, 342.5, 349.2),
        word("$3,462.43", 473, 342.0, 350.2),
    ]
    page = Page(1, 612, 792, words, "ocr")
    assert [ln.text for ln in page_lines([page])] == [
        "Social Security Wages: $55,845.67",
        "Social Security Tax Withheld: $3,462.43",
    ]


def test_tall_words_between_two_lines_make_a_line_of_their_own() -> None:
    """A 200 dpi copier page as Tesseract boxed it (points): a W&I title, then the party
    caption `Recipient /Lender:` boxed taller than the text by the grain, its boxes reaching
    a little into the title's line and the next: three lines, the title alone (it opens
    the 1098's block)."""

    def word(text: str, x0: float, top: float, bottom: float) -> Word:
        return Word(text, Box(x0, top, x0 + 6 * len(text), bottom), 0.9, "ocr")

    title = [("Form", 63.1, 407.0, 415.7), ("1098", 93.8, 406.3, 413.0),
             ("Mortgage", 122.9, 406.8, 414.5), ("Interest", 177.8, 407.0, 413.3),
             ("Statement", 231.4, 406.8, 413.3)]  # fmt: skip
    caption = [("Recipient", 62.9, 415.2, 426.5), ("/Lender:", 119.0, 414.2, 429.8)]
    tin = [("Federal", 180.0, 432.0, 439.0), ("ID", 228.0, 432.0, 439.0),
           ("Number:", 243.0, 432.0, 439.4), ("XXXXX4321", 300.0, 432.2, 439.0)]  # fmt: skip
    page = Page(1, 612, 792, [word(*w) for w in (*title, *caption, *tin)], "ocr")
    assert [ln.text for ln in page_lines([page])] == [
        "Form 1098 Mortgage Interest Statement",
        "Recipient /Lender:",
        "Federal ID Number: XXXXX4321",
    ]


def test_a_dot_leader_tesseract_read_as_text_is_dropped_between_label_and_amount() -> None:
    """At 100 dpi Tesseract reads a leader as unsure text (`0! 0) 86: B'S ARS. 6`): it
    goes, and the amount is the line's value; sure words after a colon are the label's
    (`SCH B:`), and unsure words without a colon before them may be too."""

    def line(*words: tuple[str, float]) -> Page:
        placed = [
            Word(t, Box(40 + 40 * i, 100, 75 + 40 * i, 108), c, "ocr")
            for i, (t, c) in enumerate(words)
        ]
        return Page(1, 612, 792, placed, "ocr")

    junk = [("0!", 0.21), ("0)", 0.38), ("86:", 0.34), ("B'S", 0.41), ("ARS.", 0.18), ("6", 0.67)]
    tips = line(("Medicare", 0.96), ("Wages", 0.95), ("and", 0.95), ("Tips:", 0.95), *junk,
                ("$55,845", 0.86), ("67", 0.96))  # fmt: skip
    assert [ln.text for ln in page_lines([tips])] == ["Medicare Wages and Tips: $55,845 67"]
    schedule = line(("INCOME:", 0.95), ("SCH", 0.9), ("B:", 0.9), ("86:", 0.3), ("$312.08", 0.9))
    assert [ln.text for ln in page_lines([schedule])] == ["INCOME: SCH B: $312.08"]
    no_colon = line(("Nontaxable", 0.95), ("Comhat", 0.55), ("Pay", 0.6), ("$0.00", 0.9))
    assert [ln.text for ln in page_lines([no_colon])] == ["Nontaxable Comhat Pay $0.00"]


def test_ppocr_dots_between_letters_are_spaces_or_nothing() -> None:
    text = clean_text("Tax.Period Requested: December, 2024")
    assert text == "Tax Period Requested: December, 2024"
    assert tax_period(text) == "2024-12-31"
    assert clean_text("Employer Contribut.ions to a Health") == "Employer Contributions to a Health"


def test_a_minus_glued_to_leader_dots_needs_the_other_engine() -> None:
    """PP-OCR reads a leader's dot as a dash (`..-$6,123.00`): Tesseract's reading of the
    same spot decides: its minus keeps it, its same digits without one drop it, nothing
    there leaves the amount blank. A text layer's minus stands."""
    glued = Word("Withheld:...-$6,123.00", Box(40, 100, 300, 110), 0.9, "ocr", "ppocr")
    scan = Page(1, 612, 792, [*_ocr_line("Federal")], "ocr")
    scan.words.append(glued)
    assert [ln.text for ln in page_lines([scan])] == ["Federal Withheld:..."]
    scan.alternate = [Word("-$6,123.00", Box(240, 100, 300, 110), 0.9, "ocr", "tesseract")]
    assert [ln.text for ln in page_lines([scan])] == ["Federal Withheld:...-$6,123.00"]
    scan.alternate = [
        Word("$6,123", Box(240, 100, 285, 110), 0.9, "ocr", "tesseract"),
        Word("00", Box(288, 100, 300, 110), 0.9, "ocr", "tesseract"),
    ]
    assert [ln.text for ln in page_lines([scan])] == ["Federal Withheld:...$6,123.00"]
    scan.alternate = [Word("$9,999.00", Box(240, 100, 300, 110), 0.9, "ocr", "tesseract")]
    assert [ln.text for ln in page_lines([scan])] == ["Federal Withheld:..."]
    alone = Word("-$912.40", Box(240, 100, 300, 110), 0.9, "ocr", "ppocr")  # leader gone
    again = Page(1, 612, 792, [*_ocr_line("Federal"), alone], "ocr")
    again.alternate = scan.alternate
    assert [ln.text for ln in page_lines([again])] == ["Federal"]
    text = Page(1, 612, 792, [Word("TAX:...-$6,123.00", Box(40, 100, 300, 110))])
    assert [ln.text for ln in page_lines([text])] == ["TAX:...-$6,123.00"]


def wage_income(texts: list[str], page: int = 1) -> Extracted:
    """The Wage and Income record of OCR lines `texts`, all on `page`, for tax year 2024."""
    segment = Segment(WAGE_INCOME, [TLine(t, page) for t in texts], period="2024-12-31")
    return parse_wage_income(segment)


def assert_parties(
    entry: dict[str, Any], payer: tuple[str | None, str], recipient: tuple[str, str]
) -> None:
    """A W&I entry's payer `(tin, name)` (no TIN: None) and recipient `(last4, name)`."""
    assert (entry.get("payer_tin"), entry["payer_name"]) == payer
    assert (entry["recipient_tin_last4"], entry["recipient_name"]) == recipient


def test_the_wage_and_income_introduction_is_no_form_block_even_with_a_speck() -> None:
    texts = [
        "Form W-2 Wage and Tax Statement, Form 1099 and other information 1 returns as",
        "reported to the IRS.",
        "Form W-2 Wage and Tax Statement",
        "Employer:",
        "Employer Identification Number (EIN):XXXXX6789",
        "ACME",
        "Wages, Tips and Other Compensation:....$52,345.67",
    ]
    entries = wage_income(texts).extra["entries"]
    assert [(e["doc_type"], e.get("payer_name")) for e in entries] == [("W-2", "ACME")]
    assert entries[0]["fields"]["box1_wages"] == "52345.67"


def test_a_wage_and_income_block_as_ppocr_reads_it() -> None:
    """PP-OCR's slips in one block: `l` for `1` in the form code, spaces and small x's in
    masked TINs, a colon after the name, a dot after the header, `Notchcckcd`."""
    texts = [
        "Form l098-E Student Loan Interest Statement",
        "Lender:",
        "Lender's Federal Identification Number: Xxxxx 6789",
        "ACME:",
        "Borrower:.",
        "Borrower's Social Security Number: Xx X-xx-3456",
        "JANE DOE",
        "Student Loan Interest Received by Lender:. ..$912.40",
        "Origination Fees/Capitalized Interest Indicator: Notchcckcd",
    ]
    (entry,) = wage_income(texts, page=4).extra["entries"]
    assert entry["doc_type"] == "1098-E"
    assert_parties(entry, ("XXXXX6789", "ACME"), ("3456", "JANE DOE"))
    assert entry["fields"] == {
        "box1_student_loan_interest": "912.40",
        "box2_origination_fees_included": False,
    }


def test_the_page_banner_is_noise_with_ocr_slips_in_it() -> None:
    assert is_noise("This Product Contains Sensitve Taxpayer Data Page 1 of 1")
    assert is_noise("This Product Contains Sensltive Taxpayer Data")
    assert is_noise('"This Product Gos anton Sensitive Taxnayer Data Page 1 of 1')  # 100 dpi
    assert not is_noise("JANE DOE")


def test_a_page_header_whose_colons_ocr_lost_is_noise_inside_a_form_block() -> None:
    """A page break between a W-2's employer and its employee, the header read without
    its colons (`Response Nate`): the employee's TIN line still opens the second party, and
    no header line becomes a value."""
    texts = [
        "Form W-2 Wage and Tax Statement",
        "Employer:",
        "Employer Identification Number (EIN): XXXXX4567",
        "BAYS",
        "Employee:",
        "Request Date 10-06-2025",
        "Response Nate 10-06-2025",
        "Tracking, Number 108012345678",
        "Employee's Social Security Number: XXX-XX-3456",
        "JANE DOE",
        "Wages, Tips and Other Compensation: $8,120.00",
    ]
    (entry,) = wage_income(texts, page=2).extra["entries"]
    assert_parties(entry, ("XXXXX4567", "BAYS"), ("3456", "JANE DOE"))
    assert entry["fields"] == {"box1_wages": "8120.00"}


@pytest.mark.parametrize(
    ("title", "doc_type"),
    [
        ("Farm 1099-INT Interest Income", "1099-INT"),
        ("Form: 1098 Mortgage Interest Statement", "1098"),
        ("Forn W-2G Certain Gambling Winnings", "W-2G"),
        ("Form W-2G Certain Gambling: Winnings", "W-2G"),  # a speck read as a colon
        ("Form.1098 Mortgage Interest Statement", "1098"),
        ("Form .1099-DIV Dividends and Distributions", "1099-DIV"),  # a speck before the code
        # the code lost: read by its title
        ("Form Wage and Tax Statement", "W-2"),
        ("Form Mortgage Interest Statement", "1098"),  # not the 1098-E's `Student Loan ...`
    ],
)
def test_a_form_block_title_with_an_ocr_slip_in_form(title: str, doc_type: str) -> None:
    """`Form` misread (`Farm`, `Form:`) still opens a block when the code is a form the W&I
    tables know and the rest reads as its title; a title whose code OCR lost is read by
    its title."""
    texts = [title, "Payer:", "Payer's Federal Identification Number (FIN):XXXXX4321", "GLOB"]
    (entry,) = wage_income(texts).extra["entries"]
    assert entry["doc_type"] == doc_type
    assert (entry["payer_tin"], entry["payer_name"]) == ("XXXXX4321", "GLOB")


@pytest.mark.parametrize(
    "text",
    [
        "From 1099-INT payers: see the list",
        "Farm 1099-ZZ Interest Income",
        "Farm 1098 Student loans",
        "Form Type: Wage statement",
    ],
)
def test_a_slipped_form_word_needs_a_known_form_and_its_title(text: str) -> None:
    segment = Segment(WAGE_INCOME, [TLine(text, 1), TLine("Interest: $5.00", 1)], period=None)
    assert parse_wage_income(segment).extra["entries"] == []


def _dollar_page(value: str, again: str) -> Page:
    """An OCR page of transcript lines that print `$` on every amount, but one line's amount
    (`value`) without it; reading that line again gives `again`."""
    words = []
    for row, text in enumerate(["Tips: $5.00", "Wages: $61.00", "Tax: $7.10", "Interest: $1.20"]):
        label, amount = text.split()
        words += [Word(label, Box(40, 100 + 20 * row, 90, 110 + 20 * row), 0.9, "ocr")]
        words += [Word(amount, Box(500, 100 + 20 * row, 540, 110 + 20 * row), 0.9, "ocr")]
    words += [Word("Adoptions:", Box(40, 200, 90, 210), 0.9, "ocr")]
    words += [Word(value, Box(500, 200, 540, 210), 0.9, "ocr")]
    page = Page(1, 612, 792, words, "ocr")

    def reader(
        page: Page, box: Box, psm: int = 7, alphabet: str = "", leaders: bool = False
    ) -> list[Word]:
        assert leaders and box.top < 200 < box.bottom  # the line, its leaders taken out
        return [Word("Adoptions", Box(40, 200, 90, 210), 0.9, "ocr"), *_ocr_line(*again.split())]

    page.rereader = reader
    return page


@pytest.mark.parametrize(
    ("value", "again", "line"),
    [
        ("30.00", "$0 00", "Adoptions: $0 00"),  # the `$` read as a 3: the line again has it
        ("55,845.67", "55,845 67", "Adoptions: 55,845.67"),  # `$` lost twice, the same amount
        ("95,845.67", "355 845 67", "Adoptions: (unread)"),  # two amounts: neither is kept
        ("220.00", "-$220 Q0", "Adoptions: 220.00"),  # no amount read again: as it was
        ("$3.00", "$9.00", "Adoptions: $3.00"),  # its `$` read: never read again
        ("450.31", "$2 450 31", "Adoptions: $2 450 31"),  # a digit lost in the leader
        ("80,00", "$90 00", "Adoptions: (unread)"),  # a `$` again, but other digits
        ("$9.00", "$0 00", "Adoptions: (unread)"),  # a zero a fax reads as 9: read again
        ("$0.06", "$0.06", "Adoptions: $0.06"),  # the same small amount again: kept
    ],
)
def test_an_amount_without_the_dollar_sign_its_transcript_prints(
    value: str, again: str, line: str
) -> None:
    scan = _dollar_page(value, again)
    assert page_lines([scan], reread=True)[-1].text == line
    assert page_lines([scan])[-1].text == f"Adoptions: {value}"


@pytest.mark.parametrize(
    ("value", "again", "second", "line"),
    [
        ("60 00", "$0 an", "...$0.00", "Adoptions: ...$0.00"),  # a fax's `$0` read `60`
        ("60 00", "60 00", "$0.00", "Adoptions: $0.00"),  # Tesseract twice alike
        ("$0 60", "$a 00", "...$0.00", "Adoptions: (unread)"),  # a fax's zero read as a 6
        ("60 00", "$0 an", "", "Adoptions: 60 00"),  # nothing read: as it was
    ],
)
def test_an_amount_tesseract_reads_no_better_again_is_asked_of_the_second_engine(
    value: str, again: str, second: str, line: str
) -> None:
    """The W&I sample faxed (dev seed 13605): 1099-DIV `Tax Withheld:.... $0.00` read
    `60 00`, and again without a dollar sign; 1099-R `Capital Gain: $0.00` read `$0 60`.
    The second engine's recogniser reads the amount's box (room for its `$` on the left)."""
    scan = _dollar_page(value, again)
    asked: list[Box] = []

    def recogniser(page: Page, box: Box) -> list[Word]:
        asked.append(box)
        return [Word(second, box, 0.95, "ocr", "ppocr")] if second else []

    scan.recogniser = recogniser
    assert page_lines([scan], reread=True)[-1].text == line
    assert asked and asked[0].x0 < 500 and asked[0].top < 200 < asked[0].bottom


def test_a_leader_minus_in_a_region_ppocr_read_again_is_checked_by_its_recogniser() -> None:
    """The W&I sample faxed (dev seed 13605): box 1's amount, re-read by PP-OCR on a page
    Tesseract read, came as `-$52,345.67.` (a leader's dot). With no other whole-page
    reading, the recogniser on the amount's box alone decides as for Tesseract's minus."""
    for second, kept in (("$52,345.67", "$52,345.67."), ("-$52,345.67", "-$52,345.67.")):
        amount = Word("-$52,345.67.", Box(468, 100, 533, 110), 0.92, "ocr", "ppocr")
        scan = Page(1, 612, 792, [*_ocr_line("Wages,", "Tips", "Compensation:"), amount], "ocr")
        scan.recogniser = lambda page, box, text=second: [Word(text, box, 0.98, "ocr", "ppocr")]
        assert page_lines([scan], reread=True)[0].text == f"Wages, Tips Compensation: {kept}"


def test_an_amount_read_two_ways_leaves_its_box_blank() -> None:
    texts = [
        "Form 5498 IRA Contribution Information",
        "Trustee:",
        "Trustee's Federal Identification Number: XXXXX4321",
        "GLOB",
        "IRA Contributions:....$6,500.00",
        "Rollover Contributions: (unread)",
    ]
    record = wage_income(texts)
    assert record.extra["entries"][0]["fields"] == {"box1_ira_contributions": "6500.00"}
    assert any("Rollover Contributions" in w for w in record.warnings)


def test_a_tin_line_whose_colon_ocr_lost_still_starts_the_party() -> None:
    """`Employer` without its colon, then the EIN line without one (`?` a scrap before the
    value): the employer is still the first party, the employee the second."""
    texts = [
        "Form W-2 Wage and Tax Statement",
        "Employer",
        "Employer Identification Number (EIN) ?XXXXX4567",
        "BAYS",
        "Employee:",
        "Employee's Social Security Number: XXX-XX-3456",
        "JANE DOE",
        "Wages, Tips and Other Compensation: $8,120.00",
    ]
    (entry,) = wage_income(texts).extra["entries"]
    assert_parties(entry, ("XXXXX4567", "BAYS"), ("3456", "JANE DOE"))
    assert entry["fields"]["box1_wages"] == "8120.00"


def test_a_tin_line_without_its_value_under_a_header_without_its_colon_starts_the_party() -> None:
    """`Employer` without its colon, then the EIN line with its value lost: the employer
    is still the first party (no TIN then), the employee the second."""
    texts = [
        "Form W-2 Wage and Tax Statement",
        "Employer",
        "Employer Identification Number (EIN)",
        "BAYS",
        "500 EM",
        "Employee",
        "Employee's Social Security Number: XXX-XxX-3456",
        "JANE DOE",
        "Wages, Tips and Other Compensation: $8,120.00",
    ]
    (entry,) = wage_income(texts).extra["entries"]
    assert_parties(entry, (None, "BAYS"), ("3456", "JANE DOE"))


@pytest.mark.parametrize(
    ("payer_line", "recipient_line"),
    [
        (
            "Payer s Federal [dentification Number (FIN) ?+XXXXX4321",
            "Recipient's Identification Number: KXX-XxX-3456",
        ),
        (
            "Payer's Federal Identification Number (FIN) :XXXXX4321°",
            "Recipient's Identification Number: XXK-XX-3456",
        ),
    ],
)
def test_masked_tins_with_a_faxs_scraps_and_k_for_x(payer_line: str, recipient_line: str) -> None:
    texts = [
        "Form 1099-INT Interest Income",
        "Payer:",
        payer_line,
        "GLOB",
        "Recipient:",
        recipient_line,
        "JANE DOE",
        "Interest: $1,312.08",
    ]
    (entry,) = wage_income(texts, page=2).extra["entries"]
    assert_parties(entry, ("XXXXX4321", "GLOB"), ("3456", "JANE DOE"))


def test_party_tin_lines_as_a_fax_reads_them() -> None:
    """A fax's TIN lines (dev seed 11605): `ID` garbled or lost (`Federal IP Number`,
    `Trustee's Federal Number`), a letter of `Security` lost with a TIN after the colon,
    the colon lost and the TIN spaced (`Number ! XXX-XX- 3456`). TINs from the generator's
    inputs (sample_docs wi_2024_classic_masked)."""
    texts = [
        "Form 1098 Mortgage Interest Statement",
        "Recipient/Lender:",
        "Recipient ' /Lender's Federal IP Number: XXxxxX4321",
        "GLOB",
        "Payer /Borrowor:",
        "Payer's/Borrower's Identification Number: XXX-XX-3456",
        "JANE DOE",
        "Form 5498 IRA Contribution Information",
        "Trustee:",
        "Trustee's Federal Number: XXXxx4321",
        "GLOB",
        "Participant:",
        "Participant's Identification Number ! XXX-XX- 3456",
        "JANE DOE",
        "Form W-2 Wage and Tax Statement",
        "Employer",
        "Employer Identification Number (EIN) :XXXXX6789",
        "ACME",
        "Employee!",
        "Employee's Social ecurity Number: XXxX-XX-3456",
        "JANE DOE",
    ]
    parties = [
        (
            e["doc_type"],
            e["payer_tin"],
            e["payer_name"],
            e["recipient_tin_last4"],
            e["recipient_name"],
        )
        for e in wage_income(texts).extra["entries"]
    ]
    assert parties == [
        ("1098", "XXXXX4321", "GLOB", "3456", "JANE DOE"),
        ("5498", "XXXXX4321", "GLOB", "3456", "JANE DOE"),
        ("W-2", "XXXXX6789", "ACME", "3456", "JANE DOE"),
    ]


def test_a_label_whose_last_word_ocr_lost_in_the_leader_and_a_quote_speck_in_a_text() -> None:
    """`Medicare Tax` is the W-2's one label of those words and one more (`Withheld`); a
    label two labels could end (`Social Security`) is none; a last word whose start OCR
    lost (`Wages, Tips and Other ion`: a fax, dev seed 11605) is the one label's that ends
    so; `Slot 'machine` is `Slot machine`."""
    texts = [
        "Form W-2 Wage and Tax Statement",
        "Employer:",
        "Employer Identification Number (EIN): XXXXX4567",
        "BAYS",
        "Employee:",
        "Employee's Social Security Number: XXX-XX-3456",
        "JANE DOE",
        "Wages, Tips and Other ion: $52,345 67",
        "Medicare Wages and $8,120.00",
        "Medicare Tax $117.74",
        "Social Security $503.44",
        "Form W-2G Certain Gambling Winnings",
        "Payer:",
        "Payer's Federal Identification Number (FIN): XXXXX4567",
        "BAYS",
        "Type of Wager: Slot 'machine",
    ]
    w2, w2g = wage_income(texts).extra["entries"]
    assert w2["fields"]["box1_wages"] == "52345.67"
    assert w2["fields"]["box5_medicare_wages"] == "8120.00"
    assert w2["fields"]["box6_medicare_tax_withheld"] == "117.74"
    assert "box3_ss_wages" not in w2["fields"] and "box4_ss_tax_withheld" not in w2["fields"]
    assert w2g["fields"]["box3_type_of_wager"] == "Slot machine"


def test_transaction_rows_as_ocr_reads_their_dates_and_codes() -> None:
    """A date with a dash lost or read as a space, colon or point is still the row's date;
    a digit glued to a known code whose explanation it prints (`1506 Tax return tiled`) is a
    speck on OCR pages, and no row on a text layer nor before an unknown wording."""
    lines = [
        TLine("TRANSACTIONS", 1, 0.9),
        TLine("1506 Tax return tiled 20241905 05-20-2024 $26,179.00", 1, 0.9),
        TLine("806 W-2 or 1099 withholding 0415-2024 -$22,810.10", 1, 0.9),
        TLine("196 Interest charged for late payment 20241905 05 20-2024 $41 10", 1, 0.9),
        TLine("670 Payment 20242705 07 02-2024 -$1,000 00", 1, 0.9),
        TLine("971 Installment agreement established 04: 01-2025 $0 00", 1, 0.9),
        TLine("AC. 063", 1, 0.9),
    ]
    rows = parse_transactions(lines, ocr=True)
    assert [(r["code"], r["date"], r["amount"]) for r in rows] == [
        ("150", "2024-05-20", "26179.00"),
        ("806", "2024-04-15", "-22810.10"),
        ("196", "2024-05-20", "41.10"),
        ("670", "2024-07-02", "-1000.00"),
        ("971", "2025-04-01", "0.00"),
    ]
    assert rows[0]["explanation"] == "Tax return filed"
    assert rows[-1]["detail"] == "AC 063"
    assert [r["code"] for r in parse_transactions(lines[:3])] == ["806"]
    unknown = TLine("1509 Something else 20241905 05-20-2024 $1.00", 1, 0.9)
    assert parse_transactions([lines[0], unknown], ocr=True) == []


def test_transaction_codes_with_a_digit_misread_are_read_by_their_explanation() -> None:
    """`£50` (150) and `O71.` (971) as copier scans of the account sample read them: the one
    code whose explanation the row prints and whose other digits agree; the row was lost and
    every later one shifted. Where two codes print the same words (161, 167), or on a text
    layer, the line is no row."""
    lines = [
        TLine("TRANSACTIONS", 1, 0.9),
        TLine("£50 Tax return filed 20241905 05-20-2024 $26,179 00", 1, 0.6),
        TLine("O71. Notice issued 05-20-2024 $0. 00", 1, 0.7),
        TLine("CP 0014", 1, 0.9),
        TLine("16! Removed penalty for filing tax return after the due date 20241905 "
              "05-20-2024 -$151.52", 1, 0.7),
    ]  # fmt: skip
    rows = parse_transactions(lines, ocr=True)
    assert [(r["code"], r["explanation"], r["date"], r["amount"]) for r in rows] == [
        ("150", "Tax return filed", "2024-05-20", "26179.00"),
        ("971", "Notice issued", "2024-05-20", "0.00"),
    ]
    assert rows[1]["detail"].startswith("CP 0014")
    assert parse_transactions(lines[:2]) == []


def test_a_tin_line_whose_value_ocr_lost_is_no_party_header() -> None:
    """`Payer's ... (FIN):` with its value lost stays the payer's (no TIN then); the next
    TIN line, under a header OCR read without its colon, is the recipient's, not the payer's."""
    texts = [
        "Form W-2G Certain Gambling Winnings",
        "Payer:",
        "Payer's Federal Identification Number (FIN):",
        "BAYS",
        "Recipient",
        "Recipient's Identification Number: XXX-XX-3456",
        "JANE DOE",
        "Gross Winnings: $1,450.00",
    ]
    (entry,) = wage_income(texts, page=4).extra["entries"]
    assert_parties(entry, (None, "BAYS"), ("3456", "JANE DOE"))
    assert entry["fields"]["box1_gross_winnings"] == "1450.00"


@pytest.mark.parametrize(
    ("read", "status"),
    [
        ("Head of Househoid", "Head of Household"),  # 100 dpi, dev seed 18600
        ("HEAD OF HOUSEH0LD", "HEAD OF HOUSEHOLD"),
        ("Married Filing Jomt", "Married Filing Joint"),
        ("Married Filing Joint", "Married Filing Joint"),
        ("Married Filing Separate", "Married Filing Separate"),
        ("Something else", "Something else"),
    ],
)
def test_a_filing_status_misread_by_a_letter_is_the_printed_wording(read: str, status: str) -> None:
    """Statuses as IRS transcripts print them; one OCR slipped a letter of reads as printed,
    another status and an unknown wording stay as read."""
    assert filing_status(read) == status


def test_a_tracking_number_read_with_a_digit_more_or_less_continues_the_transcript() -> None:
    """The Record of Account sample faxed (dev seed 20705): page 3's header read its tracking
    number 108033300022 (the generator's) as `1080332300022`, a digit put in: the page
    continues the transcript instead of starting one of its own, as does page 4's with a
    digit left out; a number one digit other (108033300023, the next transcript of a
    request) still starts one."""
    lines = [
        TLine("Record of Account", 1),
        TLine("Tracking Number 108033300022", 1),
        TLine("Tax Period Ending: Dec. 31, 2022", 1),
        TLine("WAGES, SALARIES, TIPS, ETC:....$98,410.00", 1),
        TLine("Record of Account", 3),
        TLine("Tracking Number : 1080332300022", 3),
        TLine("ADJUSTED GROSS INCOME: 98,530.00", 3),
        TLine("Record of Account", 4),
        TLine("Tracking Number: 10803330002", 4),
        TLine("TAXABLE INCOME: 72,630.00", 4),
    ]
    segments = split_segments(lines, WAGE_INCOME)
    assert [(s.kind, s.pages) for s in segments] == [(RECORD_OF_ACCOUNT, [1, 3, 4])]
    lines[5] = TLine("Tracking Number: 108033300023", 3)  # page 3's header
    assert [s.pages for s in split_segments(lines, WAGE_INCOME)] == [[1], [3, 4]]
