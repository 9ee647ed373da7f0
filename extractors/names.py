"""File and folder names as data: masked and escaped before anything shows or stores them.

A name is whatever bytes the file system holds. Python gives undecodable bytes as lone
surrogates; a terminal would act on control characters (a newline forges a line, an
escape sequence recolours it). `shown_name` makes any name safe to print and to store:
those characters written as `\\xNN` / `\\uNNNN`, and every SSN-shaped run masked.
"""

from __future__ import annotations

import re
import unicodedata

NAME_SSN_RE = re.compile(r"(?<!\d)(\d{3})[-_. ]?(\d{2})[-_. ]?(\d{4})(?!\d)")
"""Nine digits in SSN groups as people write them in names: after letters (`SSN900123456`),
with `-`, space, `_`, `.` or nothing between the groups, not inside a longer number."""


def mask_name(name: str) -> str:
    """Every SSN-shaped run of a name or path as `XXX-XX-1234`."""
    return NAME_SSN_RE.sub(lambda m: f"XXX-XX-{m[3]}", name)


def escape_name(name: str) -> str:
    """Undecodable bytes and control or formatting characters written as escapes."""
    return "".join(_escaped(c) for c in name)


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


def shown_name(name: str) -> str:
    """A name as backtax stores and prints it: escaped, then masked."""
    return mask_name(escape_name(name))
