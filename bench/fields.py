"""A record compared with its expected JSON field by field (imported by the benches).

What counts:
- a field is an expected value; an expected `null` (a box the form leaves blank) is no
  field to read: a reading that leaves it blank is no miss, a value read there is invented;
  so is a check box the page leaves blank (`false` expected) read as checked (a miss too);
- values are equal only as the same kind: `0`, `Decimal(0)` or `1` never equal `False` or
  `True` (`0 == False` in Python), so no invented or wrong `0` hides behind a check box;
- lists of objects (box-12 and box-14 lines, state rows, a transcript's transactions) are
  paired by content, in order: a row OCR lost or read twice misses once, instead of moving
  every later row onto its neighbour's expected values. A row read in the place of an
  expected row that no reading matches (between the same paired rows) is that row misread:
  its wrong values are misses, not invented values; only rows beyond the expected ones are;
- several expected records of one form are paired with the records read by the best
  assignment (`assign`), not each with the first of its type.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

HEADER = ("tax_year", "payer_tin", "recipient_tin_last4")
PARTIES = ("payer_tin", "payer_name", "recipient_tin_last4", "recipient_name")
NOT_COMPARED = {"method", "source", "sha256", "confidence", "warnings"}

Leaf = tuple[str, Any, Any]
"""A field's path, its expected value and the value read."""


def nothing(value: Any) -> bool:
    """Whether a value is no value: None, an empty text, list or object."""
    return value is None or (isinstance(value, str | list | dict) and not value)


def blank(value: Any) -> bool:
    """Whether a reading says nothing the document does not: no value, or a check box read
    as not checked (`False` itself: not `0`)."""
    return value is False or nothing(value)


def equal(a: Any, b: Any) -> bool:
    """`a == b` where a bool equals only a bool (lists and objects item by item)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(equal(a[k], b[k]) for k in a)
    return a == b


def compare(want: Any, got: Any, path: str = "") -> Iterator[Leaf]:
    """Every expected scalar of `want` with what `got` holds at its path (None when
    nothing); a list of objects also by its length (`path#len`), its items paired by
    `pairing`. Expected blanks are left out (`unexpected` finds values read there)."""
    if isinstance(want, dict):
        got = got if isinstance(got, dict) else {}
        for key, item in want.items():
            yield from compare(item, got.get(key), f"{path}.{key}" if path else key)
    elif isinstance(want, list) and any(isinstance(v, dict) for v in want):
        got = got if isinstance(got, list) else []
        yield f"{path}#len", len(want), len(got)
        for i, j in enumerate(pairing(want, got)):
            yield from compare(want[i], {} if j is None else got[j], f"{path}[{i}]")
    elif not nothing(want):
        yield path, want, got


def same(want: Any, got: Any) -> int:
    """How many of `want`'s fields `got` holds exactly."""
    return sum(equal(a, b) for _, a, b in compare(want, got))


def pairing(want: list[Any], got: list[Any]) -> list[int | None]:
    """For each expected item, the index of the item read it is compared with (None: not
    read): the pairing that keeps both lists' order and has the most fields alike; then,
    between two paired items, the ones left of both lists in order (misreadings)."""
    n, m = len(want), len(got)
    alike = [[same(w, g) for g in got] for w in want]
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], alike[i][j] + best[i + 1][j + 1])
    out: list[int | None] = []
    i = j = 0
    while i < n:
        if j < m and alike[i][j] and best[i][j] == alike[i][j] + best[i + 1][j + 1]:
            out.append(j)
            i, j = i + 1, j + 1
        elif j < m and best[i][j] == best[i][j + 1]:
            j += 1
        else:
            out.append(None)
            i += 1
    ends = [(-1, -1), *((i, j) for i, j in enumerate(out) if j is not None), (n, m)]
    for (i0, j0), (i1, j1) in itertools.pairwise(ends):  # items left between two pairs
        for i, j in zip(range(i0 + 1, i1), range(j0 + 1, j1), strict=False):
            out[i] = j
    return out


def leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every scalar of a record with its path; lists of objects item by item."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
        for i, item in enumerate(value):
            yield from leaves(item, f"{path}[{i}]")
    else:
        yield path, value


def unexpected(want: Any, got: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """The scalars of `got` where `want` has no value (a path it lacks, or an expected
    blank), rows paired as `compare` pairs them (a row read that nothing expects: every
    value of it, at `path[+j]`)."""
    if nothing(want):
        yield from leaves(got, path)
    elif isinstance(got, dict):
        want = want if isinstance(want, dict) else {}
        for key, item in got.items():
            yield from unexpected(want.get(key), item, f"{path}.{key}" if path else key)
    elif isinstance(got, list) and any(isinstance(v, dict) for v in got):
        want = want if isinstance(want, list) else []
        paired = {j: i for i, j in enumerate(pairing(want, got)) if j is not None}
        for j, item in enumerate(got):
            if j in paired:
                yield from unexpected(want[paired[j]], item, f"{path}[{paired[j]}]")
            else:
                yield from leaves(item, f"{path}[+{j}]")


def assign(want: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[int | None]:
    """For each expected record, the index of the record read it is compared with (None:
    not read): one of its form, by the assignment with the most fields alike in all."""
    if not want or not got:
        return [None] * len(want)
    score = np.array(
        [[(same(w, g) + 1) * (w["doc_type"] == g["doc_type"]) for g in got] for w in want]
    )
    out: list[int | None] = [None] * len(want)
    for i, j in zip(*linear_sum_assignment(score, maximize=True), strict=True):
        out[i] = int(j) if score[i, j] else None
    return out


def invented(want: dict[str, Any], record: dict[str, Any]) -> list[str]:
    """The paths of a record's values (boxes, state rows' cells, parties) where the
    expected record has none (a path it lacks, or `null`): values read where the document
    leaves the box blank. A check box read as not checked (`false`) says nothing the
    document does not, and is not counted (a `0` is)."""
    return [path for path, value in unexpected(want, record) if _counted(path) and not blank(value)]


def _counted(path: str) -> bool:
    """Whether a path is one `invented` counts: a box, a state row's cell or a party."""
    return path.split(".")[0].split("[")[0] in ("fields", *PARTIES)


def tally(
    name: str, expected: list[dict[str, Any]], got: list[dict[str, Any]]
) -> tuple[int, list[str], list[str], list[str]]:
    """The scan bench's counts for the records read from one scan (`name`): fields compared,
    misses, invented values (`invented`, and a check box the page leaves blank read as
    checked: a miss too) and extra records."""
    total, misses, made, extra = 0, [], [], []
    wants = [{k: v for k, v in w.items() if k not in NOT_COMPARED} for w in expected]
    pairs = assign(wants, got)
    for i, (want, j) in enumerate(zip(wants, pairs, strict=True)):
        one = got[j] if j is not None else {}
        for path, value, read in compare(want, one):
            total += 1
            if not equal(value, read):
                misses.append(f"{name}#{i}:{path} expected {value!r} got {read!r}")
            if value is False and read is True and _counted(path):
                made.append(f"{name}#{i}:{path} invented True (a box not checked)")
        values = dict(unexpected(want, one))
        made += [f"{name}#{i}:{p} invented {values[p]!r}" for p in invented(want, one)]
    for j, other in enumerate(got):
        if j not in pairs and other["doc_type"] != "UNKNOWN":
            values = invented({}, other)
            extra.append(f"{name}: extra {other['doc_type']} record {other['pages']}: {values}")
    return total, misses, made, extra


def counts(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> Counter[str]:
    """The layout bench's counts for one document: fields, exact, invented (boxes and
    header values read that the document leaves blank, check boxes it leaves blank read
    as checked),
    unprinted checks, missing and extra records; each expected record compared with a
    record of its form by the best assignment."""
    out: Counter[str] = Counter()
    forms = [r for r in got if r["doc_type"] != "UNKNOWN"]
    wants = [
        {"doc_type": e["doc_type"], **{k: e[k] for k in HEADER}, "fields": e["fields"]}
        for e in expected
    ]
    pairs = assign(wants, forms)
    for want, j in zip(wants, pairs, strict=True):
        out["records"] += 1
        out["fields"] += sum(path != "doc_type" for path, _, _ in compare(want, {}))
        if j is None:
            out["missing"] += 1
            continue
        rec = forms[j]
        read = [(a, b) for path, a, b in compare(want, rec) if path != "doc_type"]
        out["exact"] += sum(equal(a, b) for a, b in read)
        beyond = {  # a box, or a header value, counted once however many rows or cells
            ".".join(path.split("[")[0].split(".")[:2])
            for path, value in unexpected(want, rec)
            if path.split(".")[0] in ("fields", *HEADER) and not blank(value)
        }
        out["invented"] += len(beyond) + sum(a is False and b is True for a, b in read)
        boxes = rec.get("fields", {}).items()
        out["unprinted_checks"] += sum(v is False for k, v in boxes if k not in want["fields"])
        out["low_confidence"] += rec.get("confidence", 1.0) < 0.5
    out["extra"] += len(forms) - sum(j is not None for j in pairs)
    return out
