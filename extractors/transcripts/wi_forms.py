"""Wage and Income transcript labels, one table per information return, from the form
catalogue's `transcript` sections (`extractors/catalog/*.toml`).

Built from shared/domain/IRS_REFERENCE.md §2.1 and §3.5 (labels as the IRS prints them; the
wording drifts by year, so a line may list several labels). A line that is one box takes the
box's canonical name; a line that sums boxes keeps its own (`deferred_compensation`).

Kinds: `money`; `flag` (an indicator line, a check box); `text`; `date`; `year`; `code` (a
code with positions that may read `Not significant`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from backtax.extractors import catalog
from backtax.extractors.transcripts.layout import norm_label

WILine = catalog.TranscriptLine
"""One line of a form's W&I listing: the catalogue's own description of it."""


@dataclass(frozen=True)
class WIForm:
    """One information return as the W&I transcript lists it."""

    doc_type: str
    title: str
    lines: tuple[WILine, ...]
    by_label: dict[str, WILine] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        for line in self.lines:
            for label in line.labels:
                self.by_label[norm_label(label)] = line

    def line_for(self, label: str) -> WILine | None:
        return self.by_label.get(norm_label(label))


def _from_catalog() -> dict[str, WIForm]:
    """Each catalogue form's `transcript` section as a WIForm, keyed by doc type upper-case."""
    out: dict[str, WIForm] = {}
    for entry in catalog.forms().values():
        if entry.transcript_title:
            lines = entry.transcript_lines
            out[entry.doc_type.upper()] = WIForm(entry.doc_type, entry.transcript_title, lines)
    return out


FORMS: dict[str, WIForm] = _from_catalog()
W2 = FORMS["W-2"]

# Doc types spelled differently in titles than in the contract.
ALIASES = {"W-2C": "W-2c", "W2C": "W-2c", "W2": "W-2", "W2G": "W-2G"}

# Lines that describe the submission, not a box.
META_LABELS = {
    norm_label(x)
    for x in (
        "Submission Type",
        "W2 Submission Type",
        "W2 WHC SSN Validation Code",
        "Submission Date",
    )
}


def form_for(code: str) -> tuple[str, WIForm | None]:
    """The doc_type and label table of a form code as printed after `Form` (`W-2G`, `5498-SA`).

    Codes are matched whole, so `W-2G` never reads as `W-2` nor `1098-E` as `1098`; a form
    with no table here keeps its printed code and gets its lines named from their labels.
    """
    key = code.upper()
    doc_type = ALIASES.get(key) or (FORMS[key].doc_type if key in FORMS else key)
    table = FORMS.get(doc_type.upper()) or (W2 if doc_type == "W-2c" else None)
    return doc_type, table


# W-2 box 12 lines print `Code "DD" <description>`; the description survives OCR better than
# the quoted code, so it decides the code when it is recognised (IRS_REFERENCE.md §3.5).
W2_CODE_LINES: dict[str, str] = {
    norm_label(text): code
    for code, text in (
        ("A", "Uncollected social security or RRTA tax on tips"),
        ("B", "Uncollected Medicare tax on tips"),
        ("C", "Taxable cost of group-term life insurance over $50,000"),
        ("Q", "Nontaxable Combat Pay"),
        ("W", "Employer Contributions to a Health Savings Account"),
        ("Y", "Deferrals under a section 409A nonqualified Deferred Compensation plan"),
        ("Z", "Income under section 409A on a nonqualified Deferred Compensation plan"),
        ("R", "Employer's Contribution to MSA"),
        ("S", "Employer's Contribution to Simple Account"),
        ("T", "Expenses Incurred for Qualified Adoptions"),
        ("V", "Income from exercise of non-statutory stock options"),
        ("AA", "Designated Roth Contributions under a Section 401(k) Plan"),
        ("BB", "Designated Roth Contributions under a Section 403(b) Plan"),
        ("DD", "Cost of Employer-Sponsored Health Coverage"),
        ("EE", "Designated Roth Contributions Under a Governmental Section 457(b) Plan"),
        ("FF", "Permitted Benefits Under a QSEHRA"),
        ("GG", "Income from Qualified Equity Grants Under Section 83(i)"),
        ("HH", "Aggregate Deferrals Under Section 83(i) Elections"),
        ("II", "Medicaid Waiver Payments Excluded from Gross Income"),
    )
}
