"""Put a W-2 on the official IRS fillable Form W-2 (2024 all copies, 2023 Copy B).

Every copy of the IRS form numbers its fields the same way (`f2_01` ... `f2_42`, check
boxes `c2_2` ... `c2_4`; the digit after `f`/`c` is the copy's page), so the mapping below
keys on the field's number within its copy, read from the field names and rectangles:
01 SSN (box a), 02 EIN (b), 03 employer block (c), 04 control number (d), 05/06/07 first
name and initial / last name / suffix (e), 08 employee address (f), 09-19 boxes 1-11,
20-27 box 12a-d code and amount, 28 box 14, then two state lines: 29/31 state, 30/32
state ID, 33/34 box 16, 35/36 box 17, 37/38 box 18, 39/40 box 19, 41/42 box 20.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from sample_docs.generators.irs_fill import FieldValue, fill_form, open_form, page_widgets
from sample_docs.generators.w2_model import W2

Money = Callable[[Decimal], str]

_BOX_FIELD = {1: 9, 2: 10, 3: 11, 4: 12, 5: 13, 6: 14, 7: 15, 8: 16, 10: 18, 11: 19}
_CHECKBOX = {2: "statutory", 3: "retirement", 4: "third_party_sick"}
_NUMBER = re.compile(r"^([fc])\d_(\d+)\[0\]$")


def field_values(w2: W2, fmt: Money) -> dict[tuple[str, int], FieldValue]:
    """Values keyed by (f|c, number within the copy)."""
    e, c = w2.employee, w2.employer
    out: dict[tuple[str, int], FieldValue] = {
        ("f", 1): e.ssn,
        ("f", 2): c.ein,
        ("f", 3): c.address_block,
        ("f", 5): e.first_and_initial,
        ("f", 6): e.last,
        ("f", 8): f"{e.street}\n{e.city_state_zip}",
    }
    if w2.control_number:
        out[("f", 4)] = w2.control_number
    for box, number in _BOX_FIELD.items():
        if box in w2.amounts:
            out[("f", number)] = fmt(w2.amounts[box])
    for i, (code, amount) in enumerate(w2.box12):
        out[("f", 20 + 2 * i)] = code
        out[("f", 21 + 2 * i)] = fmt(amount)
    for number, attr in _CHECKBOX.items():
        out[("c", number)] = bool(getattr(w2, attr))
    if w2.box14:
        out[("f", 28)] = "\n".join(f"{label} {fmt(a)}" for label, a in w2.box14)
    for i, line in enumerate(w2.states):
        cells = (
            (29, line.state),
            (30, line.employer_state_id),
            (33, line.state_wages),
            (35, line.state_tax),
            (37, line.local_wages),
            (39, line.local_tax),
            (41, line.locality),
        )
        first_of_two = {29, 30}
        for base, value in cells:
            number = base + (2 * i if base in first_of_two else i)
            if isinstance(value, Decimal):
                out[("f", number)] = fmt(value)
            elif value:
                out[("f", number)] = value
    return out


def fill_w2(src: Path, dst: Path, w2: W2, pages: list[int], *, flatten: bool, fmt: Money) -> None:
    """Fill `pages` (0-based copies of the IRS form) with the same W-2."""
    wanted = field_values(w2, fmt)
    reader = open_form(src)
    values: dict[str, FieldValue] = {}
    for index in pages:
        for widget in page_widgets(reader, index):
            m = _NUMBER.match(widget.name.rsplit(".", 1)[-1])
            if m and (m[1], int(m[2])) in wanted:
                values[widget.name] = wanted[(m[1], int(m[2]))]
    fill_form(src, dst, values, pages=pages, flatten=flatten)
