"""Pages about a form without being one: an earnings summary that says it is not a W-2,
instructions, a table of contents, an escrow or payment-history table, a detail table of
a consolidated statement. They name forms and print box labels, even amounts, but what
they say at their head (or in a plain denial anywhere) tells them apart; such a page
gives no form record."""

from __future__ import annotations

import re
from functools import lru_cache

from backtax.extractors.page import Page, normalize

HEAD_LINES = 6
# What a page says of itself in its first lines.
HEADINGS = (
    r"^instructions for\b",
    r"\binstructions for (the )?(recipient|employee|payer|borrower|student|participant|"
    r"debtor|payee|winner|filer|lender|trustee)\b",
    r"\btable of contents\b",
    r"^contents$",
    r"\bescrow (account|analysis|disclosure)\b",
    r"\bpayment history\b",
    r"\b(dividend|interest|sales) detail\b",
    r"\bdetail of (dividends|interest|sales)\b",
    r"\bsales summary\b",
)
# A page that denies being a form, wherever it says so; OCR may drop the blanks between
# its short words (`This is nota W-2.`).
DENIALS = (
    r"\bthis ?is ?not ?(a|an|your) ?(form |official )?(w-?2|1099|1098|tax form|irs form)",
    r"\bnot ?(a|an) ?(form )?w-?2\b",
    r"\bnot to be filed with (your|the) (tax )?return\b.*\bnot a\b",
    r"\bnot an official (irs |tax )?form\b",
)
_HEAD = re.compile("|".join(HEADINGS))
_DENIAL = re.compile("|".join(DENIALS))


def about_a_form(page: Page) -> bool:
    """True when the page only talks about a form (see the module's docstring)."""
    return _about(tuple(line.text for line in page.lines()))


@lru_cache(maxsize=16)  # every kind's `identify` asks it of the same page
def _about(texts: tuple[str, ...]) -> bool:
    lines = [_plain(text) for text in texts]
    if any(_HEAD.search(line) for line in lines[:HEAD_LINES]):
        return True
    return any(_DENIAL.search(line) for line in lines)


def _plain(text: str) -> str:
    """A line's words without the points, commas and quotes OCR reads between them (`Table.
    of Contents`, `Table of.Contents`, `This is not‘a W-2.`)."""
    return " ".join(re.sub(r"[.,:;']+(?=\s|$|[a-z])|'", " ", normalize(text)).split())
