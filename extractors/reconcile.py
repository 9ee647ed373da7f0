"""Copies of one form in one file become one record, field by field by majority; then a
form record that lacks what every such form has (an amount, its tax year, the payer's TIN)
says so in a warning, with a confidence below 0.5."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from backtax.extractors import catalog
from backtax.extractors.kinds import Extracted
from backtax.extractors.readers.evidence import NOT_IN_NAMES
from backtax.extractors.values import slips, stored_money


def _mergeable(doc: Extracted) -> bool:
    return not doc.doc_type.startswith("IRS-") and doc.doc_type != "UNKNOWN"


def _compatible(a: Extracted, b: Extracted) -> bool:
    """Copies of one form: same form and payer (or one copy's payer read in part, on the
    same sheet with mostly the same amounts); year and recipient agree where both read
    (years a digit apart agree on copies whose amounts all do: `_year_misread`).
    Copies whose amounts in the same boxes all agree are one form's though a TIN of one
    reads a digit apart from the other's (`_slipped`): OCR misread it on one copy. Not the
    recipient's last four on amounts alone: one digit in four tells two recipients of
    one payer apart, so the copies must also name one recipient (`_same_recipient`)."""
    if a.doc_type != b.doc_type or a.corrected != b.corrected:
        return False
    alike = _same_amounts(a, b)
    same_payer = (a.payer_tin and _same_tin(a.payer_tin, b.payer_tin, alike)) or (
        a.payer_name and a.payer_name == b.payer_name
    )
    partly = _payer_in_part(a, b) or _payer_in_part(b, a)
    if not same_payer and not (partly and _same_sheet(a, b)):
        return False
    years = (a.tax_year, b.tax_year)
    if None not in years and years[0] != years[1] and not _year_misread(a, b):
        return False
    named = _same_recipient(a, b)
    for key, vouched in (("payer_tin", alike), ("recipient_tin_last4", alike and named)):
        x, y = getattr(a, key), getattr(b, key)
        if x is not None and y is not None and not _same_tin(x, y, vouched):
            return False
    return True


NAME_LIKENESS = 0.85
"""How alike two readings of one name are at least (difflib's ratio, twice the characters
alike in order over both lengths: `JANE Q D0E.` and `JANE Q DOE` 18/21 = 0.86; two
people, `JOHN Q DOE` and `JANE Q DOE`, 16/20 = 0.8)."""


def _same_recipient(a: Extracted, b: Extracted) -> bool:
    """Whether two copies name one recipient: the name read alike on both, or unread on
    one at least and the copies on one sheet (a page of copies of one form)."""
    x, y = a.recipient_name, b.recipient_name
    if x and y:
        return SequenceMatcher(None, x, y).ratio() >= NAME_LIKENESS
    return bool(set(a.pages) & set(b.pages))


YEAR_VOUCHERS = 4
"""Amounts two copies must read alike (a W-2's boxes 1-6) to be one form's though their
years read a digit apart."""


def _year_misread(a: Extracted, b: Extracted) -> bool:
    """Copies whose years read a digit apart (a fax's `2021` for the large `2024`) but
    whose amounts in the same boxes, `YEAR_VOUCHERS` of them at least, all agree: one
    form, its year misread on one copy (the copies then vote on it)."""
    alike = len(_amount_boxes(a, b)) >= YEAR_VOUCHERS and _same_amounts(a, b)
    return alike and _slipped(str(a.tax_year), str(b.tax_year))


def _same_tin(x: str, y: str | None, alike: bool) -> bool:
    """Whether two copies' readings of a TIN are one TIN: equal, or (the copies' amounts
    `alike`) a digit apart."""
    return x == y or (alike and y is not None and _slipped(x, y))


def _slipped(x: str, y: str) -> bool:
    """Two readings of one shape that differ in one digit only (`27-3345671`, `27-3345871`)."""
    apart = slips(x, y)
    return apart is not None and len(apart) == 1 and "".join(apart[0]).isdigit()


def _same_amounts(a: Extracted, b: Extracted) -> bool:
    """Whether two records read an amount at least in the same boxes, all of them equal."""
    shared = _amount_boxes(a, b)
    return bool(shared) and all(a.fields[k] == b.fields[k] for k in shared)


def _amount_boxes(a: Extracted, b: Extracted) -> list[str]:
    """The boxes `a` read an amount in and `b` read something in."""
    return [
        k for k, v in a.fields.items() if isinstance(v, str) and _MONEY.match(v) and k in b.fields
    ]


def _payer_in_part(a: Extracted, b: Extracted) -> bool:
    """Whether OCR read `a`'s payer in part only: no TIN, and no name or words of `b`'s
    name (`LOGISTICS CORP` of `GLOBEX LOGISTICS CORP`)."""
    if a.payer_tin:
        return False
    return not a.payer_name or set(a.payer_name.split()) <= set((b.payer_name or "").split())


def _same_sheet(a: Extracted, b: Extracted) -> bool:
    """Copies on one page of a copy sheet: most amounts both read are the same (a copy
    whose payer OCR lost, or one of whose digits it misread, is still that payer's)."""
    shared = [k for k, v in a.fields.items() if isinstance(v, str) and k in b.fields]
    same = sum(a.fields[k] == b.fields[k] for k in shared)
    return bool(set(a.pages) & set(b.pages)) and 2 * same > len(shared)


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _vote(
    values: list[Any], label: str, warnings: list[str], confs: list[float] | None = None
) -> Any:
    """The reading most copies agree on; a tie goes to the fuller reading (a list with more
    values: entries, or columns of its rows; a text holding another's words and more;
    not more characters, which a stray minus or speck adds), then to the copy read with
    more confidence."""
    confs = confs or [1.0] * len(values)
    present = [(v, c) for v, c in zip(values, confs, strict=True) if v is not None]
    if not present:
        return None
    counts = Counter(_canon(v) for v, _ in present)
    weight = Counter()
    for v, c in present:
        weight[_canon(v)] += c
    fuller = {k: _fullness(k, counts) for k in counts}
    winner = max(counts, key=lambda k: (counts[k], fuller[k], weight[k]))
    if len(counts) > 1:
        readings = ", ".join(f"{json.loads(k)!r} x{c}" for k, c in counts.items())
        warnings.append(f"copies disagree on {label}: {readings}; kept {json.loads(winner)!r}")
    return json.loads(winner)


def _fullness(key: str, keys: Counter[str]) -> int:
    """How full a reading is beside the others: a list's values (`_values_in`); a text's
    count of other readings whose words it holds and more (`LOGISTICS CORP` beside
    `GLOBEX LOGISTICS CORP`, a name OCR read in part)."""
    value = json.loads(key)
    if isinstance(value, list):
        return _values_in(value)
    if not isinstance(value, str):
        return 0
    texts = [json.loads(k) for k in keys]
    return sum(set(t.split()) < set(value.split()) for t in texts if isinstance(t, str))


def _values_in(value: Any) -> int:
    """How many values a reading holds (a list's entries, their rows' columns)."""
    if isinstance(value, dict):
        return sum(_values_in(v) for v in value.values())
    if isinstance(value, list):
        return sum(_values_in(v) for v in value)
    return int(value is not None)


def _coded_lists(values: list[Any]) -> bool:
    """Lists of `{code, amount}` entries (box 12), present in more than one copy."""
    lists = [v for v in values if v is not None]
    return len(lists) > 1 and all(
        isinstance(v, list) and all(isinstance(e, dict) and "code" in e for e in v) for v in lists
    )


@dataclass(frozen=True)
class CodedCopy:
    """One copy's reading of a coded list (W-2 box 12): its entries, where each sits in its
    box (`field_rows`: points under the box's top) if the copy says, how sure the reading is."""

    entries: list[dict[str, Any]] | None
    rows: list[float] | None = None
    conf: float = 1.0

    @property
    def placed(self) -> bool:
        """Whether the copy says where each of its entries sits."""
        return self.rows is not None and len(self.rows) == len(self.entries or ())


def _union_by_code(
    copies: list[CodedCopy],
    label: str,
    warnings: list[str],
    holds: Callable[[list[dict[str, Any]]], bool | None] | None = None,
) -> list[dict[str, Any]]:
    """Every code any copy read (OCR drops a line of one copy more often than it invents
    one), each with the entry most copies agree on, in the copies' order: by where the
    entries sit in their box (each copy's `rows`) where every copy says, since two copies
    that each lost another line leave that order open. Two codes that are readings of one
    line (`_rivals`) are one entry, voted (a tie to the copy read with more confidence, its
    `conf`), not two; an entry the copies read two ways goes to the form's arithmetic
    (`holds`) where only one reading keeps it; other ties go to the fullest list's copy."""
    order: list[str] = []
    readings: dict[str, list[tuple[Any, float]]] = {}
    places: dict[str, list[float]] = {}
    given = [(c.entries, c) for c in copies if c.entries]
    for entries, copy in sorted(given, key=lambda g: len(g[0]), reverse=True):
        for i, entry in enumerate(entries):
            code = entry["code"]
            if code not in readings:  # after the code it follows in this copy
                after = entries[i - 1]["code"] if i else None
                order.insert(order.index(after) + 1 if after in order else i and len(order), code)
            readings.setdefault(code, []).append((entry, copy.conf))
            if copy.rows is not None and copy.placed:
                places.setdefault(code, []).append(copy.rows[i])
    placed = all(copy.placed for _, copy in given)
    if placed:
        order.sort(key=lambda code: _mean(places[code]))
    rivals = _rivals(order, [entries for entries, _ in given], places if placed else None)
    for code, rival in rivals:
        readings[code] += readings.pop(rival)
        order.remove(rival)
    merged = {code for code, _ in rivals}  # a code's own copies tie to the fullest list's
    out = [
        _vote([e for e, _ in readings[code]], f"{label} {code}", warnings,
              [c for _, c in readings[code]] if code in merged else None)
        for code in order
    ]  # fmt: skip
    for i, code in enumerate(order):
        read = [e for e, _ in readings[code]]
        apart = len({_canon(e) for e in read}) > 1  # copies that read the line two ways
        if (code in merged or apart) and holds is not None:
            out[i] = _by_arithmetic(out, i, read, holds)
    return out


def _by_arithmetic(
    entries: list[dict[str, Any]],
    i: int,
    readings: list[dict[str, Any]],
    holds: Callable[[list[dict[str, Any]]], bool | None],
) -> dict[str, Any]:
    """Entry `i` of a coded list whose copies read it two ways: where the voted list breaks
    the form's arithmetic (`holds`), the one mix of the readings' codes and amounts that
    keeps it, if one alone does; else the vote."""
    if holds(entries) is not False:
        return entries[i]
    mixes = {
        (e["code"], a["amount"]): {**e, "amount": a["amount"]} for e in readings for a in readings
    }
    keep = [m for m in mixes.values() if holds([*entries[:i], m, *entries[i + 1 :]])]
    return keep[0] if len(keep) == 1 else entries[i]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


ROW_TOLERANCE = 6.0
"""Points two copies' readings of one line of a box may lie apart (under a line's height)."""


def _rivals(
    order: list[str], lists: list[list[dict[str, Any]]], places: dict[str, list[float]] | None
) -> list[tuple[str, str]]:
    """Pairs of codes that are two readings of one line (`P` in one copy, `DD` in the
    other): no copy holds both, each is read with one amount, the same or but for one
    digit (`_one_amount`), and every copy says where its entries sit: on the same line
    of the box."""
    amounts = {c: {e["amount"] for v in lists for e in v if e["code"] == c} for c in order}
    out: list[tuple[str, str]] = []
    paired: set[str] = set()
    for code, other in itertools.combinations(order, 2):
        if code in paired or other in paired:
            continue
        together = any({code, other} <= {e["code"] for e in v} for v in lists)
        same = _one_amount(amounts[code], amounts[other])
        near = (
            places is not None and abs(_mean(places[code]) - _mean(places[other])) < ROW_TOLERANCE
        )
        if same and near and not together:
            out.append((code, other))
            paired |= {code, other}
    return out


def _arithmetic(
    doc_type: str, name: str, fields: dict[str, Any]
) -> Callable[[list[dict[str, Any]]], bool | None] | None:
    """Whether a reading of the coded list `name` keeps the form's `differences`
    (`catalog.CodesCheck`) with the boxes already voted: None where a box is unread."""
    entry = catalog.forms().get(doc_type)
    checks = [c for c in (entry.differences if entry else ()) if c.field == name]
    if not checks:
        return None

    def holds(entries: list[dict[str, Any]]) -> bool | None:
        results = []
        for check in checks:
            more, less = (stored_money(fields.get(n)) for n in (check.more, check.less))
            amounts = [
                stored_money(e.get("amount")) for e in entries if e.get("code") in check.codes
            ]
            if more is None or less is None or None in amounts:
                return None
            total = sum((a for a in amounts if a is not None), Decimal(0))
            results.append(abs(more - less - total) <= Decimal("0.01"))
        return all(results)

    return holds


def _one_amount(a: set[str], b: set[str]) -> bool:
    """Whether two codes' amounts are one amount each, the same or one digit misread
    (`1500.00` and `4500.00`)."""
    if len(a) != 1 or len(b) != 1:
        return False
    apart = slips(next(iter(a)), next(iter(b)))
    return apart is not None and len(apart) <= 1


def merge_copies(docs: list[Extracted]) -> list[Extracted]:
    """Group copies (same form, payer, recipient, year) and reconcile each group; then what
    each record's kind figures from its boxes (`Extracted.finish`); flag the records' gaps."""
    merged = combine_copies(docs)
    for doc in merged:
        if doc.finish is not None:
            doc.finish(doc)
        flag_gaps(doc)
    return merged


def combine_copies(docs: list[Extracted]) -> list[Extracted]:
    """Copies (same form, payer, recipient, year) reconciled into one record each."""
    groups: list[list[Extracted]] = []
    order: list[Extracted | list[Extracted]] = []
    for doc in docs:
        if not _mergeable(doc):
            order.append(doc)
            continue
        group = next((g for g in groups if all(_compatible(doc, other) for other in g)), None)
        if group is None:
            group = []
            groups.append(group)
            order.append(group)
        group.append(doc)
    return [_reconcile(item) if isinstance(item, list) else item for item in order]


GAP_CONFIDENCE = 0.45
_MONEY = re.compile(r"^-?\d+\.\d{2}$")


def _has_amount(value: Any) -> bool:
    if isinstance(value, str):
        return bool(_MONEY.match(value))
    if isinstance(value, list):
        return any(
            _has_amount(v) for item in value if isinstance(item, dict) for v in item.values()
        )
    return False


def flag_gaps(doc: Extracted) -> None:
    """Warn, and lower the confidence below 0.5, when a catalogue form's record has no
    amount, no tax year, or (for a form that prints one) no payer TIN."""
    entry = catalog.forms().get(doc.doc_type)
    if entry is None:
        return
    where = (
        f"pages {doc.pages[0]}-{doc.pages[-1]}" if len(doc.pages) > 1 else f"page {doc.pages[0]}"
    )
    gaps = []
    if not any(_has_amount(v) for v in doc.fields.values()):
        gaps.append("no amount was read")
    if doc.tax_year is None:
        gaps.append("no tax year was found")
    if doc.payer_tin is None and entry.parties.get("payer_tin_labels", ("TIN",)):
        gaps.append("no payer TIN was found")
    for gap in gaps:
        doc.warnings.append(f"{where}: {doc.doc_type} record, but {gap}")
    if gaps:
        doc.confidence = min(doc.confidence, GAP_CONFIDENCE)


def _reconcile(copies: list[Extracted]) -> Extracted:
    if len(copies) == 1:
        return copies[0]
    first = copies[0]
    warnings: list[str] = [w for c in copies for w in c.warnings]
    _one_amount_in_two_boxes(copies, warnings)
    names = list(dict.fromkeys(k for c in copies for k in c.fields))
    fields: dict[str, Any] = {}
    coded = [n for n in names if _coded_lists([c.fields.get(n) for c in copies])]
    for name in [n for n in names if n not in coded] + coded:  # the lists' sums after boxes
        confs = [c.field_confidence.get(name, c.confidence) for c in copies]
        values = [c.fields.get(name) for c in copies]
        if name in coded:
            read = [
                CodedCopy(v, c.field_rows.get(name), conf)
                for v, c, conf in zip(values, copies, confs, strict=True)
            ]
            value = _union_by_code(read, name, warnings, _arithmetic(first.doc_type, name, fields))
        else:
            value = _vote(values, name, warnings, confs)
        if value is not None:
            fields[name] = value
    first.fields = {n: fields[n] for n in names if n in fields}
    first.pages = sorted({p for c in copies for p in c.pages})
    surety = [c.confidence for c in copies]  # a tie (a TIN one copy misread) to the surer copy
    for key in ("tax_year", "payer_tin", "recipient_tin_last4"):
        setattr(first, key, _vote([getattr(c, key) for c in copies], key, warnings, surety))
    for key in ("payer_name", "recipient_name"):
        read = [getattr(c, key) for c in copies]
        setattr(first, key, _vote(read, key, warnings, [_name_weight(n) for n in read]))
    first.recipient_tin_full = next(
        (c.recipient_tin_full for c in copies if c.recipient_tin_full), None
    )
    first.confidence = sum(c.confidence for c in copies) / len(copies)
    first.warnings = list(dict.fromkeys(warnings))
    return first


def _name_weight(name: str | None) -> float:
    """A copy's say in a tie between names: less for a reading with a character no name
    prints (a fax's `JANE @ DOE` against another copy's `JANE Q DOE`)."""
    return 0.5 if name and NOT_IN_NAMES.search(name) else 1.0


def _one_amount_in_two_boxes(copies: list[Extracted], warnings: list[str]) -> None:
    """An amount some copies read in one box and the others in another, no copy in both
    and each leaving the other box blank: one printed amount, which a copy that lost a
    label paired with a box beside it. It stays in the box read with more confidence and
    is taken out of the other (copies left as read where their confidences tie, or where
    the form often prints one amount in both boxes: W-2 boxes 1 and 3, `CatalogForm.alike`)."""
    entry = catalog.forms().get(copies[0].doc_type)
    alike = entry.alike if entry else frozenset()
    placed: dict[str, dict[str, list[Extracted]]] = {}
    for c in copies:
        for name, value in c.fields.items():
            if isinstance(value, str) and _MONEY.match(value):
                placed.setdefault(value, {}).setdefault(name, []).append(c)
    for amount, boxes in placed.items():
        if len(boxes) != 2:
            continue
        (x, in_x), (y, in_y) = boxes.items()
        if {x, y} <= alike:
            continue
        if any(c.fields.get(y) not in (None, "") for c in in_x) or any(
            c.fields.get(x) not in (None, "") for c in in_y
        ):
            continue  # a copy holds the amount in both boxes, or another value there
        conf = {n: max(c.field_confidence.get(n, c.confidence) for c in boxes[n]) for n in (x, y)}
        if conf[x] == conf[y]:
            continue
        keep, drop = (x, y) if conf[x] > conf[y] else (y, x)
        for c in boxes[drop]:
            del c.fields[drop]
        warnings.append(
            f"copies read {amount} in {keep} and in {drop}, none in both: kept in {keep}"
        )
