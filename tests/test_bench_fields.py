"""The benches' field comparison (`bench/fields.py`): rows of a list paired by content, so
one lost row misses once; blanks, bools and records of one form counted as they are."""

from __future__ import annotations

from decimal import Decimal

from bench.fields import compare, counts, tally, unexpected

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
    lost = {"transactions": [ROWS[0], ROWS[2], ROWS[3]], "fields": {"a": "1.00"}}
    assert list(unexpected(want, lost)) == []
    extra = {"code": "971", "date": "2024-06-01", "amount": "0.00"}
    got = {"transactions": [*ROWS, extra], "fields": {"a": "1.00", "c": "3.00"}}
    assert list(unexpected(want, got)) == [
        ("transactions[+4].code", "971"),
        ("transactions[+4].date", "2024-06-01"),
        ("transactions[+4].amount", "0.00"),
        ("fields.c", "3.00"),
    ]


def _nec(**fields: object) -> dict:
    return {"doc_type": "1099-NEC", "pages": [1], "payer_tin": "27-3345671", "fields": fields}


def test_an_expected_blank_is_no_field_and_a_value_read_there_is_invented() -> None:
    """An SSA-1099 prints no payer TIN (`null` expected): a reading that leaves it blank
    (absent, empty) misses nothing, and it is no field (2 fields: the form, box 5); a TIN
    read there is an invented value, not a miss."""
    want = [{"doc_type": "SSA-1099", "payer_tin": None, "fields": {"box5": "1.00"}}]
    read = {"doc_type": "SSA-1099", "pages": [1], "fields": {"box5": "1.00"}}
    for blank in ({}, {"payer_tin": ""}, {"payer_tin": []}):
        assert tally("s.pdf", want, [{**read, **blank}]) == (2, [], [], [])
    total, misses, made, extra = tally("s.pdf", want, [{**read, "payer_tin": "12-3456789"}])
    assert (total, misses, extra) == (2, [], [])
    assert made == ["s.pdf#0:payer_tin invented '12-3456789'"]


def test_a_zero_is_never_a_check_box() -> None:
    """`0 == False` and `Decimal(0) == False` in Python: a 0 read for an unchecked box is
    a miss, and a 0 or Decimal 0 read where the form prints nothing is invented; a box
    read as not checked there is not (the contract reads an unmarked box as false)."""
    want = [_nec(box1_comp="600.00", box2_direct_sales=False)]
    _, misses, _, _ = tally("n.pdf", want, [_nec(box1_comp="600.00", box2_direct_sales=0)])
    assert misses == ["n.pdf#0:fields.box2_direct_sales expected False got 0"]
    got = _nec(box1_comp="600.00", box2_direct_sales=False, box4=0, box5=Decimal(0), box6=False)
    _, misses, made, _ = tally("n.pdf", want, [got])
    assert misses == []
    assert made == ["n.pdf#0:fields.box4 invented 0", "n.pdf#0:fields.box5 invented Decimal('0')"]


def test_a_box_the_page_leaves_unchecked_read_as_checked_is_invented() -> None:
    """An unmarked box (`false`) read as marked: a mark the page lacks, a miss and an
    invented value; a marked box read unmarked is a miss only."""
    want = [_nec(box1_comp="600.00", box2_direct_sales=False, fatca=True)]
    got = _nec(box1_comp="600.00", box2_direct_sales=True, fatca=False)
    _, misses, made, _ = tally("n.pdf", want, [got])
    assert misses == [
        "n.pdf#0:fields.box2_direct_sales expected False got True",
        "n.pdf#0:fields.fatca expected True got False",
    ]
    assert made == ["n.pdf#0:fields.box2_direct_sales invented True (a box not checked)"]


def test_layout_counts_take_no_bool_for_a_number() -> None:
    """A box holding 1 read as `True`: not exact (3 of the 4 fields: year, TINs, box)."""
    want = {"tax_year": 2023, "payer_tin": "27-3345671", "recipient_tin_last4": "6789"}
    exp = [{"doc_type": "1098", **want, "fields": {"box6_points": 1}}]
    got = [{"doc_type": "1098", **want, "fields": {"box6_points": True}}]
    assert counts(exp, got)["exact"] == 3
    assert counts(exp, [{**got[0], "fields": {"box6_points": 1}}])["exact"] == 4


def test_a_misread_line_misses_its_values_and_invents_none() -> None:
    """One box-14 line, both its label and amount misread: two misses, no invented value
    (the page prints a line there); a second line read that the page lacks is invented."""
    want = [_nec(box14=[{"label": "CASDI", "amount": "123.45"}])]
    wrong = {"label": "CA SD1", "amount": "128.45"}
    _, misses, made, _ = tally("w.pdf", want, [_nec(box14=[wrong])])
    assert misses == [
        "w.pdf#0:fields.box14[0].label expected 'CASDI' got 'CA SD1'",
        "w.pdf#0:fields.box14[0].amount expected '123.45' got '128.45'",
    ]
    assert made == []
    _, misses, made, _ = tally("w.pdf", want, [_nec(box14=[*want[0]["fields"]["box14"], wrong])])
    assert misses == ["w.pdf#0:fields.box14#len expected 1 got 2"]
    assert made == [
        "w.pdf#0:fields.box14[+1].label invented 'CA SD1'",
        "w.pdf#0:fields.box14[+1].amount invented '128.45'",
    ]


def test_two_records_of_one_form_are_paired_by_their_best_match() -> None:
    """Two payers' 1099-NECs on one page, read in the other order: each expected record
    is compared with its own reading (6 fields, all exact), not both with the first."""
    a = {**_nec(box1_comp="600.00"), "payer_name": "BRIGHTLINE LLC"}
    b = {**_nec(box1_comp="950.00"), "payer_tin": "41-7654321", "payer_name": "NORTHWIND INC"}
    assert tally("p.pdf", [a, b], [b, a]) == (10, [], [], [])
    exp = [{"recipient_tin_last4": "6789", "tax_year": 2023, **r} for r in (a, b)]
    assert counts(exp, exp[::-1])["exact"] == 8


def test_layout_counts_a_header_value_read_where_the_form_prints_none_as_invented() -> None:
    """A form that prints no payer TIN (`null` expected): no field (3: the year, the last
    four, box 5); a TIN read there is one invented value, as a box's is; none read, none."""
    head = {"doc_type": "SSA-1099", "tax_year": 2023, "recipient_tin_last4": "6789"}
    exp = [{**head, "payer_tin": None, "fields": {"box5": "1.00"}}]
    got = {**head, "fields": {"box5": "1.00"}}
    assert (counts(exp, [got])["fields"], counts(exp, [got])["invented"]) == (3, 0)
    tin = counts(exp, [{**got, "payer_tin": "12-3456789"}])
    assert (tin["exact"], tin["invented"]) == (3, 1)
