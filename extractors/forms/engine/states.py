"""State and local boxes read as a table: the column labels on one line, one row per
state, each value in its column; on a scan, a row OCR read short is read again."""

from __future__ import annotations

import re
from typing import Any

from backtax.extractors.forms.engine.labels import find_anchors
from backtax.extractors.forms.engine.spec import Anchor, BoxSpec
from backtax.extractors.page import Box, Line, Page, Region, Word, group_lines
from backtax.extractors.values import format_money, parse_money

STATE_CODES = frozenset(
    {
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
        "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
        "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
        "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP",
    }
)  # fmt: skip


def read_state_rows(
    region: Region, columns: tuple[BoxSpec, ...], id_field: str
) -> list[dict[str, Any]]:
    """State/local boxes as a table: the column labels on one line, one row per state."""
    anchors = _column_labels(region, columns)
    if len(anchors) < 2:
        return []
    header = max(([b for b in anchors if b.box.v_overlap(a.box) > 0] for a in anchors), key=len)
    header.sort(key=lambda a: a.box.x0)
    header_bottom = max(a.box.bottom for a in header)
    label_ids = {id(w) for a in anchors for w in a.hit.words}
    area = Box(region.box.x0, header_bottom + 0.5, region.box.x1, header_bottom + 70)
    words = [w for w in region.crop(area) if id(w) not in label_ids]
    rows = _state_rows(words, header, (region.box.x0, region.box.x1), id_field, region.page)
    for row in rows:
        _amount_off_the_id(row, header, columns, id_field)
        _amounts_out_of_the_id(row, id_field)
    return rows


def _amounts_out_of_the_id(row: dict[str, Any], id_field: str) -> None:
    """A state ID that read the cells right of it (a 100 dpi scan's borders lost: `98765432
    S44799.88 $ 1971`) ends before its first word that begins an amount."""
    parts = str(row.get(id_field, "")).split()
    cut = next((i for i, p in enumerate(parts) if i and _AMOUNT_WORD.match(p)), None)
    if cut:
        row[id_field] = " ".join(parts[:cut])


def _column_labels(region: Region, columns: tuple[BoxSpec, ...]) -> list[Anchor]:
    """The state table's column labels on the page: not a one-word label printed tight
    against words that are no column label (`STATE` of a payer `STATE DEPT OF LABOR`)."""
    anchors = find_anchors(region, columns, cells=False)
    ids = {id(w) for a in anchors for w in a.hit.words}
    return [a for a in anchors if not _in_words(a, region, ids)]


def _in_words(anchor: Anchor, region: Region, label_ids: set[int]) -> bool:
    if len(anchor.hit.words) != 1:
        return False
    word = anchor.hit.words[0].box
    gap = max(0.7 * word.height, 3.0)
    near = region.crop(Box(word.x0 - 40, word.top - 1, word.x1 + 40, word.bottom + 1))
    return any(
        id(w) not in label_ids
        and (0 <= word.x0 - w.box.x1 <= gap or 0 <= w.box.x0 - word.x1 <= gap)
        for w in near
        if w.box is not word
    )


def _state_rows(
    words: list[Word],
    header: list[Anchor],
    edges: tuple[float, float],
    id_field: str,
    page: Page | None = None,
) -> list[dict[str, Any]]:
    bounds = _column_bounds(header, *edges)
    rows: list[dict[str, Any]] = []
    done = -1.0  # OCR pages: the bottom of the last row read again
    for line in group_lines(words):
        if line.box.cy <= done:
            continue  # part of a row already read again (OCR split it into two lines)
        row = _state_row(line, header, bounds, id_field)
        if (
            page is not None
            and page.method == "ocr"
            and re.search(r"\d|\b[A-Z]{2}\b", line.text)
            and not _complete(row, header)
        ):
            band = Box(bounds[0][0], line.box.top - 3, edges[1], line.box.bottom + 3)
            reread = [w for w in page.read_again(band) if not _unsure_number(w)]
            again = _state_row(Line(reread), header, bounds, id_field) if reread else None
            row = {**again, **(row or {})} if again else row  # the page's reading first
            done = band.bottom
        if row is None and not re.search(r"\d", line.text):
            continue  # the wrapped second line of the labels, or a dotted rule read by OCR
        if row is None:
            break
        rows.append(row)
    return rows


UNSURE = 0.5
"""OCR confidence (0..1) under which a number a row's second reading gives is not taken."""


def _unsure_number(word: Word) -> bool:
    """A number OCR was unsure of when reading a row again (`$9130` at 0.21 for `$91.30`,
    its decimal point lost on a fax): a blank beats an invented amount."""
    return word.conf < UNSURE and bool(re.search(r"\d", word.text))


def _complete(row: dict[str, Any] | None, header: list[Anchor]) -> bool:
    """Every state column read, and the local ones all or none: nothing to read again."""
    if not row:
        return False
    names = {a.spec.name for a in header}
    local = {n for n in names if n.startswith(("box18", "box19", "box20", "local"))}
    return names - local <= row.keys() and (local <= row.keys() or not local & row.keys())


def _column_bounds(header: list[Anchor], left: float, right: float) -> list[tuple[float, float]]:
    """Each column from its label to the next; the first reaches a little further left
    (a state code printed under the wrapped label's number)."""
    starts = [max(left, header[0].box.x0 - 40)] + [a.box.x0 - 8 for a in header[1:]]
    return [(s, starts[i + 1] if i + 1 < len(starts) else right) for i, s in enumerate(starts)]


_STATE_FIRST = re.compile(r"^([A-Za-z]{2})(?:\b[\s/|]*|(?=\1[-\s]?\d))(.*)$")
"""A state code and what follows it: its ID after a blank or a slash, or glued to it where
the ID repeats the code (PP-OCR's `OROR-118866` for `OR  OR-118866`)."""


_AMOUNT_WORD = re.compile(r"^(?:[$S]\s*\d|\$$|\d[\d,]*\.\d{2}$)")
"""A word that begins an amount (`$ 1971`, `S44799.88`: OCR's S for a dollar sign, or
`44799.88`): a state ID holds none."""


def _state_row(
    line: Line, header: list[Anchor], bounds: list[tuple[float, float]], id_field: str
) -> dict[str, Any] | None:
    row: dict[str, Any] = {}
    for anchor, (x0, x1) in zip(header, bounds, strict=True):
        words = [w for w in line.words if x0 <= w.box.cx < x1]
        if not words:
            continue
        text = " ".join(w.text for w in words)
        name, kind = anchor.spec.name, anchor.spec.kind
        if kind == "money":
            value = parse_money(text)
            if value is None and re.search(r"\d\. \d\d$", text):
                value = parse_money(text.replace(". ", "."))  # OCR split the cents off
            if value is None:
                value = next(
                    (v for w in reversed(words) if (v := parse_money(w.text)) is not None), None
                )
            if value is None:
                return None  # not a row of amounts: the form's title line or a footer
            row[name] = format_money(value)
        elif name == "state":
            for i in range(min(2, len(words))):  # OCR may read a scrap of caption first
                m = _STATE_FIRST.match(" ".join(w.text for w in words[i:]))
                if m and m.group(1).upper() in STATE_CODES:
                    row["state"] = m.group(1).upper()
                    if m.group(2).strip():
                        row.setdefault(id_field, m.group(2).strip())
                    break
        elif name == id_field and "state" not in row:
            m = re.match(r"^([A-Za-z]{2})[\s/|]+(\S.*)$", text.strip())
            if m and m.group(1).upper() in STATE_CODES:
                row.update({"state": m.group(1).upper(), name: m.group(2)})
            else:
                row[name] = text.strip()
        else:
            row[name] = text.strip()
    ident = row.get(id_field)
    if isinstance(ident, str) and re.search(r"^[.,:;'’|_]|[.,:;'’|_]$", ident):
        # a speck or the cell's rule between the state and the ID, a speck after it
        ident = row[id_field] = ident.strip(".,:;'’|_ ")
    if isinstance(ident, str) and re.fullmatch(r"[\d-]+ \d|\S*\w- \d+", ident):
        row[id_field] = ident.replace(" ", "")  # OCR split the last digit or the number off
    if isinstance(row.get(id_field), str) and not re.search(r"\d", row[id_field]):
        del row[id_field]  # a state ID has digits: this is a rule or a speck read as words
    digits = any(isinstance(v, str) and re.search(r"\d", v) for v in row.values())
    # a state alone ("CT", its amounts blank) is printed in capitals, a scrap ("Pa") is not
    if not digits and not re.search(rf"\b{row.get('state', '-')}\b", line.text):
        return None
    if "state" not in row and not any(k.startswith("box18") or k.startswith("box19") for k in row):
        return None
    return row


_ID_THEN_AMOUNT = re.compile(r"(\S.*?)\s+(\$?\d{1,3}(?:,\d{3})*\.\d{2}|\$?\d+\.\d{2})")


def _amount_off_the_id(
    row: dict[str, Any], header: list[Anchor], columns: tuple[BoxSpec, ...], id_field: str
) -> None:
    """A state ID read with an amount after it (`OR-118866 $18,450.00`) while the money
    column printed right of the ID's is blank: the amount is that column's, printed close
    or its label unread (the ID's cell then reaches the table's edge). That column is the
    header's next; where the ID's is the header's last, the catalogue's next column after
    the ID that the header lacks."""
    found = _ID_THEN_AMOUNT.fullmatch(str(row.get(id_field, "")))
    printed = [a.spec.name for a in header]
    names = [c.name for c in columns]
    own = [n for n in (id_field, "state") if n in printed]
    if not found or not own:
        return
    after = [n for n in printed[printed.index(own[0]) + 1 :] if n not in (id_field, "state")]
    start = names.index(id_field) if id_field in names else names.index("state")
    target = after[0] if after else next((n for n in names[start + 1 :] if n not in printed), None)
    kind = {c.name: c.kind for c in columns}.get(target or "")
    value = parse_money(found[2])
    if target and kind == "money" and target not in row and value is not None:
        row[id_field], row[target] = found[1], format_money(value)


def read_states_in_band(
    region: Region, columns: tuple[BoxSpec, ...], id_field: str, boxes: list[Anchor]
) -> list[dict[str, Any]]:
    """State rows read in the columns' own band: from the header line that names the most
    columns, between its first column and the next box label to the right (values of
    other boxes on those lines are skipped)."""
    anchors = _column_labels(region, columns)
    if len(anchors) < 2:
        return []
    header = max(([b for b in anchors if b.box.v_overlap(a.box) > 0] for a in anchors), key=len)
    top, last = min(a.box.top for a in header), max(a.box.x1 for a in header)
    right = min(
        (b.box.x0 for b in boxes if b.box.x0 > last and top - 40 < b.box.top < top + 40),
        default=region.box.x1,
    )
    band = Box(min(a.box.x0 for a in header) - 10, top - 2, right, region.box.bottom)
    cropped = region.crop(band)
    words = [w for w in cropped.words if w.text.strip() != "$"]
    return read_state_rows(Region(words, band, region.page_number), columns, id_field)
