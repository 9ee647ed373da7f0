"""Document hygiene: duplicates, identities, tax years, unassigned documents, impossible boxes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from backtax.validators.cases import Grouping, name_control, record_ref
from backtax.validators.findings import Evidence, Finding, money
from backtax.validators.registry import finding, rule
from backtax.validators.tables import PRIMARY_FIELD, CaseTables, family, to_decimal


def _record_evidence(record, field: str, value) -> Evidence:
    return Evidence(
        record.source, min(record.pages) if record.pages else None, record.doc_type, field, value
    )


@rule(
    "DUPLICATE_DOCUMENT",
    "medium",
    "the same form was supplied twice (not copies B/C/2 of one sheet); it is counted once",
)
def duplicate_document(t: CaseTables) -> Iterator[Finding]:
    for _, row in t.documents[t.documents["duplicate_of"].notna()].iterrows():
        dup, original = row["record"], row["duplicate_of"]
        field = PRIMARY_FIELD.get(family(dup.doc_type), "tax_year")
        value = dup.fields.get(field, dup.tax_year)
        amount = to_decimal(value) if field != "tax_year" else None
        who = f" from {dup.payer_name}" if dup.payer_name else ""
        yield finding(
            "DUPLICATE_DOCUMENT",
            t.case.case_id,
            f"The {dup.doc_type}{who} in {dup.source} repeats the one in {original.source} "
            f"({field} {value}); it is counted once.",
            [_record_evidence(original, field, value), _record_evidence(dup, field, value)],
            amount=amount,
            duplicate=record_ref(dup),
            original=record_ref(original),
        )


_EIN_OK = re.compile(r"^\d{2}-\d{7}$|^[X*]{2}-?[X*]{3}\d{4}$|^[X*]{5}\d{4}$", re.I)


@rule(
    "TIN_MISMATCH",
    "medium",
    "a document whose recipient name control matches the case but whose TIN last four differs "
    "(or the reverse), or a malformed payer EIN",
)
def tin_mismatch(t: CaseTables) -> Iterator[Finding]:
    for note in t.case.identity_notes:
        r = note.record
        if note.kind == "tin":
            message = (
                f"The {r.doc_type} from {r.payer_name or r.payer_tin} is made out to "
                f"{r.recipient_name} with a TIN ending {r.recipient_tin_last4}, but the case's "
                f"taxpayer of that name has a TIN ending {note.expected_last4}: a misprinted SSN "
                "on the form, or another person's document."
            )
            ev = _record_evidence(r, "recipient_tin_last4", r.recipient_tin_last4)
        else:
            message = (
                f"The {r.doc_type} from {r.payer_name or r.payer_tin} carries the case's TIN "
                f"ending {r.recipient_tin_last4} but the name {r.recipient_name} "
                f"(name control {name_control(r.recipient_name)}, expected "
                f"{note.expected_control}): check for a name change or a misfiled document."
            )
            ev = _record_evidence(r, "recipient_name", r.recipient_name)
        yield finding("TIN_MISMATCH", t.case.case_id, message, [ev], kind=note.kind)
    for _, form in t.forms[t.forms["origin"] == "paper"].iterrows():
        tin = form["payer_tin"]
        if isinstance(tin, str) and tin and not _EIN_OK.match(tin):
            yield finding(
                "TIN_MISMATCH",
                t.case.case_id,
                f"The payer's EIN on the {form['doc_type']} from {form['payer_name']} reads "
                f"{tin!r}, which is not a nine-digit EIN (NN-NNNNNNN); confirm it with the payer.",
                [t.evidence(form, "payer_tin", tin)],
                kind="payer_ein",
            )


@rule(
    "TAX_YEAR_MISMATCH",
    "high",
    "a document supplied with a case (same batch, same taxpayer) whose tax year matches none of "
    "the case's returns or transcripts",
    scope="run",
)
def tax_year_mismatch(grouping: Grouping) -> Iterator[Finding]:
    for record, case, years in grouping.year_mismatches:
        listed = ", ".join(str(y) for y in years)
        yield finding(
            "TAX_YEAR_MISMATCH",
            case.case_id,
            f"The {record.doc_type} from {record.payer_name or record.payer_tin} is for tax year "
            f"{record.tax_year}, but this taxpayer's returns and transcripts are for {listed}: "
            "it may be misfiled, or the return for that year is missing.",
            [_record_evidence(record, "tax_year", record.tax_year)],
        )


@rule(
    "UNASSIGNED_DOCUMENT",
    "info",
    "a document with no readable tax year or recipient goes to no case",
    scope="run",
)
def unassigned_document(grouping: Grouping) -> Iterator[Finding]:
    for r in grouping.unassigned:
        missing = " and ".join(
            what
            for what, value in (("tax year", r.tax_year), ("recipient TIN", r.recipient_tin_last4))
            if not value
        )
        field = "tax_year" if not r.tax_year else "recipient_tin_last4"
        yield finding(
            "UNASSIGNED_DOCUMENT",
            None,
            f"The {r.doc_type} in {r.source} (pages {r.pages}) has no readable {missing}, so it "
            "was left out of every case.",
            [_record_evidence(r, field, getattr(r, field))],
        )


# (family, smaller box, larger box, what it means) for boxes that cannot exceed one another.
_BOUNDS = (
    ("W-2", "box2_federal_tax_withheld", "box1_wages", "withholding above wages", "high"),
    (
        "W-2",
        "box3_ss_wages",
        "box5_medicare_wages",
        "social security wages above Medicare wages",
        "medium",
    ),
    (
        "1099-DIV",
        "box1b_qualified_dividends",
        "box1a_total_ordinary_dividends",
        "qualified dividends above total ordinary dividends",
        "high",
    ),
    (
        "1099-R",
        "box2a_taxable_amount",
        "box1_gross_distribution",
        "taxable amount above the gross distribution",
        "high",
    ),
)


@rule(
    "FORM_INCONSISTENT",
    "high",
    "boxes of one form contradict each other (W-2 box 2 > box 1, box 3 > box 5, box 17 > box 16; "
    "1099-DIV 1b > 1a; 1099-R 2a > 1): a misread or an issuer error",
)
def form_inconsistent(t: CaseTables) -> Iterator[Finding]:
    for _, form in t.forms[t.forms["origin"] == "paper"].iterrows():
        fields = t.form_fields(form["form_id"])
        for fam, small, large, meaning, severity in _BOUNDS:
            a, b = fields.get(small), fields.get(large)
            if fam != form["family"] or a is None or b is None or a <= b:
                continue
            yield finding(
                "FORM_INCONSISTENT",
                t.case.case_id,
                f"The {form['doc_type']} from {form['payer_name']} shows {meaning} "
                f"({small} {money(a)} > {large} {money(b)}); re-read the form or ask for a "
                "corrected one.",
                [t.evidence(form, small, a), t.evidence(form, large, b)],
                amount=a - b,
                severity=severity,
            )
        if form["family"] == "W-2":
            yield from _state_rows(t, form)


def _state_rows(t: CaseTables, form) -> Iterator[Finding]:
    for i, row in enumerate(t.raw_fields(form).get("state") or []):
        wages = to_decimal(row.get("box16_state_wages")) or Decimal(0)
        tax = to_decimal(row.get("box17_state_income_tax"))
        if tax is not None and tax > wages:
            yield finding(
                "FORM_INCONSISTENT",
                t.case.case_id,
                f"The W-2 from {form['payer_name']} shows {row.get('state')} income tax "
                f"{money(tax)} above state wages {money(wages)}.",
                [t.evidence(form, f"state[{i}].box17_state_income_tax", tax)],
                amount=tax - wages,
            )
