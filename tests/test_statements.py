"""Brokers' and banks' statements on hand-made pages: sections split at their headings
with their own pages, 1099-B totals from the statement's totals line. Expected values are
the ones placed on the pages."""

from __future__ import annotations

from word_pages import CHAR, page

from backtax.extractors.forms.consolidated_1099 import read_sections
from backtax.extractors.forms.f1099_b import B, BrokerKind, is_statement_page, read_statement
from backtax.extractors.page import Page
from backtax.extractors.reconcile import merge_copies


def test_sections_split_at_headings_and_run_onto_the_next_page() -> None:
    first = page(
        ("SUMMIT BROKERAGE 2024 Consolidated Form 1099", 40, 30),
        ("1099-DIV Dividends and Distributions", 40, 80),
        ("Box Description Amount", 40, 95),
        ("1a Total ordinary dividends", 40, 110),
        ("1,234.56", 500, 110),
        number=1,
    )
    second = page(
        ("SUMMIT BROKERAGE Page 2 of 3", 40, 30),
        ("1b Qualified dividends", 40, 80),
        ("1,000.00", 500, 80),
        ("Form 1099-INT Interest Income", 40, 120),
        ("1 Interest income", 40, 140),
        ("55.10", 500, 140),
        number=2,
    )
    third = page(("Supplemental information", 40, 30), ("Fees 12.00", 40, 60), number=3)
    sections = read_sections([first, second, third], 2024)
    assert sections == {
        "1099-DIV": (
            [1, 2],
            {"box1a_total_ordinary_dividends": "1234.56", "box1b_qualified_dividends": "1000.00"},
        ),
        "1099-INT": ([2], {"box1_interest_income": "55.10"}),
    }


def test_broker_totals_come_from_the_totals_line_not_a_lot() -> None:
    def row(y: float, *amounts: str) -> list[tuple[str, float, float]]:
        """Amounts right-aligned under the Proceeds, Cost basis and Gain columns."""
        return [
            (a, right - CHAR * len(a), y) for a, right in zip(amounts, (340, 420, 510), strict=True)
        ]

    lots = page(
        ("SHORT-TERM TRANSACTIONS FOR COVERED TAX LOTS", 40, 60),
        ("Description", 40, 80),
        ("Date acquired", 150, 80),
        ("Date sold", 220, 80),
        ("Proceeds", 300, 80),
        ("Cost basis", 370, 80),
        ("Gain or (loss)", 440, 80),
        ("ACME CORP 01/05/2024 03/01/2024", 40, 100),
        *row(100, "1,000.00", "800.00", "200.00"),
        ("BETA INC 02/01/2024 04/01/2024", 40, 115),
        *row(115, "500.00", "600.00", "-100.00"),
        ("Total short-term", 40, 130),
        *row(130, "1,500.00", "1,400.00", "100.00"),
    )
    st = read_statement([lots])
    assert len(st.transactions) == 2
    assert (st.fields["proceeds"], st.fields["cost_basis"], st.fields["gain_loss"]) == (
        "1500.00",
        "1400.00",
        "100.00",
    )


def test_lot_table_headed_sales_price_is_a_statement_not_one_sale() -> None:
    """A lot table whose proceeds column reads `Sales price` (and dates `Acquired`, `Date
    of sale`) is a broker's statement: its totals line gives the totals, each row a lot."""
    amounts = ("2,000.00", "1,500.00", "500.00"), ("300.00", "450.00", "-150.00")
    totals = ("2,300.00", "1,950.00", "350.00")
    placed = [
        ("LONG-TERM TRANSACTIONS FOR COVERED TAX LOTS", 40, 60),
        ("Description", 40, 80),
        ("Acquired", 150, 80),
        ("Date of sale", 210, 80),
        ("Sales price", 290, 80),
        ("Cost basis", 370, 80),
        ("Gain or (loss)", 440, 80),
        ("GAMMA LTD 01/05/2020 03/01/2024", 40, 100),
        ("DELTA CO 02/01/2019 04/01/2024", 40, 115),
        ("Total long-term", 40, 130),
    ]
    for y, row in zip((100, 115, 130), (*amounts, totals), strict=True):
        placed += [(a, r - CHAR * len(a), y) for a, r in zip(row, (345, 420, 510), strict=True)]
    lots = page(*placed)
    assert is_statement_page(lots)
    st = read_statement([lots])
    assert [t["proceeds"] for t in st.transactions] == ["2000.00", "300.00"]
    assert (st.fields["proceeds"], st.fields["cost_basis"], st.fields["gain_loss"]) == (
        "2300.00",
        "1950.00",
        "350.00",
    )


def _sale_copy(number: int, *lines: tuple[str, float, float]) -> Page:
    return page(
        ("Form 1099-B 2023 Proceeds From Broker and Barter Exchange Transactions", 40, 60),
        ("PAYER'S TIN 13-5550199", 40, 100),
        ("1a Description of property 100 SH ACME ROBOTICS CORP", 40, 140),
        ("1d Proceeds $15,230.00", 40, 160),
        ("1g Wash sale loss disallowed $120.00", 40, 200),
        *lines,
        number=number,
    )


def test_one_sale_is_figured_from_its_copies_once_they_are_one_record() -> None:
    """Copy B (page 1) lost box 1e, Copy 2 read it: the record's sale takes Copy 2's basis,
    12,875.55, and gain 15,230.00 - 12,875.55 + 120.00 = 2,474.45 (not Copy B's 0.00 and
    15,350.00); a form whose box 1e is unread has no basis nor gain at all."""
    basis = ("1e Cost or other basis $12,875.55", 40, 180)
    (record,) = merge_copies(BrokerKind(B).extract([_sale_copy(1), _sale_copy(2, basis)]))
    (sale,) = record.extra["transactions"]
    assert (sale["cost_basis"], sale["gain_loss"]) == ("12875.55", "2474.45")
    assert (record.fields["cost_basis"], record.fields["gain_loss"]) == ("12875.55", "2474.45")
    (lost,) = merge_copies(BrokerKind(B).extract([_sale_copy(1)]))
    assert "cost_basis" not in lost.fields and "gain_loss" not in lost.fields
    assert lost.extra["transactions"][0]["proceeds"] == "15230.00"
    assert "cost_basis" not in lost.extra["transactions"][0]
