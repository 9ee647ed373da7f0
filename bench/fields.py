"""A record compared with its expected JSON field by field (imported by the benches).

Lists of objects (a W&I transcript's entries, an account transcript's transactions) are
paired by content, in order: a row OCR lost or read twice misses once, instead of moving
every later row onto its neighbour's expected values.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Leaf = tuple[str, Any, Any]
"""A field's path, its expected value and the value read."""


def compare(want: Any, got: Any, path: str = "") -> Iterator[Leaf]:
    """Every scalar of `want` with what `got` holds at its path (None when nothing); a list
    of objects also by its length (`path#len`), its items paired by `pairing`."""
    if isinstance(want, dict):
        got = got if isinstance(got, dict) else {}
        for key, item in want.items():
            yield from compare(item, got.get(key), f"{path}.{key}" if path else key)
    elif isinstance(want, list) and any(isinstance(v, dict) for v in want):
        got = got if isinstance(got, list) else []
        yield f"{path}#len", len(want), len(got)
        for i, j in enumerate(pairing(want, got)):
            yield from compare(want[i], {} if j is None else got[j], f"{path}[{i}]")
    else:
        yield path, want, got


def same(want: Any, got: Any) -> int:
    """How many of `want`'s fields `got` holds exactly."""
    return sum(a == b for _, a, b in compare(want, got))


def pairing(want: list[Any], got: list[Any]) -> list[int | None]:
    """For each expected item, the index of the item read it is compared with (None: not
    read): the pairing that keeps both lists' order and has the most fields alike."""
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
    """The scalars of `got` at paths `want` does not have, rows paired as `compare` pairs
    them (a row read that nothing expects: every value of it, at `path[+j]`)."""
    if isinstance(got, dict):
        want = want if isinstance(want, dict) else {}
        for key, item in got.items():
            where = f"{path}.{key}" if path else key
            yield from unexpected(want[key], item, where) if key in want else leaves(item, where)
    elif isinstance(got, list) and any(isinstance(v, dict) for v in got):
        want = want if isinstance(want, list) else []
        paired = {j: i for i, j in enumerate(pairing(want, got)) if j is not None}
        for j, item in enumerate(got):
            if j in paired:
                yield from unexpected(want[paired[j]], item, f"{path}[{paired[j]}]")
            else:
                yield from leaves(item, f"{path}[+{j}]")


PARTIES = ("payer_tin", "payer_name", "recipient_tin_last4", "recipient_name")


def invented(want: dict[str, Any], record: dict[str, Any]) -> list[str]:
    """The paths of a record's values (boxes, state rows' cells, parties) that the expected
    record lacks: values read where the document leaves the box blank. A check box read
    as not checked (`false`) says nothing the document does not, and is not counted."""
    return [
        path
        for path, value in unexpected(want, record)
        if path.split(".")[0].split("[")[0] in ("fields", *PARTIES)
        and value not in (None, False, "", [])
    ]
