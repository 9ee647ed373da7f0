"""The scan bench's field comparison: rows of a list paired by content, so one lost row
misses once (`bench/fields.py`)."""

from __future__ import annotations

from bench.fields import compare, unexpected

ROWS = [
    {"code": "150", "date": "2024-05-20", "amount": "26179.00"},
    {"code": "806", "date": "2024-04-15", "amount": "-22810.10"},
    {"code": "166", "date": "2024-05-20", "amount": "151.52"},
    {"code": "196", "date": "2024-05-20", "amount": "35.10"},
]


def _misses(want: dict, got: dict) -> list[str]:
    return [path for path, a, b in compare(want, got) if a != b]


def test_a_lost_row_misses_its_own_fields_and_the_length_only() -> None:
    """Four expected rows, the second not read: its 3 fields and the row count miss (4 of
    13 fields); the two rows after it are still compared with their own readings."""
    got = {"transactions": [ROWS[0], ROWS[2], ROWS[3]]}
    misses = _misses({"transactions": ROWS}, got)
    assert sorted(misses) == [
        "transactions#len",
        "transactions[1].amount",
        "transactions[1].code",
        "transactions[1].date",
    ]
    assert len(list(compare({"transactions": ROWS}, got))) == 13


def test_an_extra_row_misses_the_length_only() -> None:
    extra = {"code": "971", "date": "2024-06-01", "amount": "0.00"}
    got = {"transactions": [ROWS[0], extra, *ROWS[1:]]}
    assert _misses({"transactions": ROWS}, got) == ["transactions#len"]


def test_rows_out_of_order_are_not_paired_across_each_other() -> None:
    """Pairs keep both lists' order: rows read in another order do not all count."""
    got = {"transactions": [ROWS[1], ROWS[0], *ROWS[2:]]}
    assert len(_misses({"transactions": ROWS}, got)) == 3  # one of the first two rows


def test_a_wrong_value_in_a_row_misses_that_value() -> None:
    got = {"transactions": [ROWS[0], {**ROWS[1], "amount": "-2281.01"}, *ROWS[2:]]}
    assert _misses({"transactions": ROWS}, got) == ["transactions[1].amount"]
    assert _misses({"fields": {"a": "1.00", "b": None}}, {"fields": {"a": "1.00"}}) == []


def test_values_nothing_expects_are_found_on_the_paired_rows() -> None:
    """A lost row moves no row's values onto paths the expected rows lack; a row nothing
    expects gives all its values, and a field the expected row lacks is one."""
    want = {"transactions": ROWS, "fields": {"a": "1.00", "b": None}}
    lost = {"transactions": [ROWS[0], ROWS[2], ROWS[3]], "fields": {"a": "1.00", "b": "2.00"}}
    assert list(unexpected(want, lost)) == []
    extra = {"code": "971", "date": "2024-06-01", "amount": "0.00"}
    got = {"transactions": [*ROWS, extra], "fields": {"a": "1.00", "c": "3.00"}}
    assert list(unexpected(want, got)) == [
        ("transactions[+4].code", "971"),
        ("transactions[+4].date", "2024-06-01"),
        ("transactions[+4].amount", "0.00"),
        ("fields.c", "3.00"),
    ]
