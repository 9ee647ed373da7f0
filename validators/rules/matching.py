"""Paper information returns vs the Wage and Income transcript, and corrected forms."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pandas as pd

from backtax.validators.findings import Finding, money
from backtax.validators.registry import finding, rule
from backtax.validators.tables import PRIMARY_FIELD, CaseTables


def _name(form: pd.Series) -> str:
    return (
        f"{form['doc_type']} from {form['payer_name'] or form['payer_tin'] or 'an unnamed payer'}"
    )


def _effective(t: CaseTables, form: pd.Series) -> pd.Series:
    """The form whose figures stand for this paper form: its correction, if superseded."""
    while form["superseded_by"] is not None:
        form = t.forms[t.forms["form_id"] == form["superseded_by"]].iloc[0]
    return form


@rule(
    "AMOUNT_MISMATCH",
    "medium",
    "the same form from the same payer shows different amounts on the paper copy and on the "
    "IRS transcript",
)
def amount_mismatch(t: CaseTables) -> Iterator[Finding]:
    paper = t.forms[(t.forms["origin"] == "paper") & t.forms["match"].notna()]
    for _, p in paper.iterrows():
        entry = t.forms[t.forms["form_id"] == p["match"]].iloc[0]
        mine, theirs = t.form_fields(p["form_id"]), t.form_fields(entry["form_id"])
        diffs = [
            (name, mine.get(name, Decimal(0)), value)
            for name, value in sorted(theirs.items())
            if name.startswith("box") and mine.get(name, Decimal(0)) != value
        ]
        if not diffs:
            continue
        primary = PRIMARY_FIELD.get(p["family"])
        main = next(
            (d for d in diffs if d[0] == primary), max(diffs, key=lambda d: abs(d[2] - d[1]))
        )
        listed = "; ".join(
            f"{n} {money(a)} on paper, {money(b)} on the transcript" for n, a, b in diffs
        )
        evidence = []
        for name, a, b in diffs:
            evidence += [t.evidence(p, name, a), t.evidence(entry, name, b)]
        yield finding(
            "AMOUNT_MISMATCH",
            t.case.case_id,
            f"{_name(p)} does not agree with the IRS Wage and Income transcript: {listed}. "
            "The transcript's figures are what the IRS matches against the return.",
            evidence,
            amount=main[2] - main[1],
            field=main[0],
        )


@rule(
    "MISSING_FROM_TRANSCRIPT",
    "medium",
    "a form in hand is absent from the Wage and Income transcript",
)
def missing_from_transcript(t: CaseTables) -> Iterator[Finding]:
    paper = t.forms[
        (t.forms["origin"] == "paper") & t.forms["match"].isna() & t.forms["superseded_by"].isna()
    ]
    for _, p in paper.iterrows():
        if not t.has_wage_income(p["recipient_last4"]):
            continue
        field = PRIMARY_FIELD.get(p["family"], "")
        value = t.amount(p["form_id"], field)
        yield finding(
            "MISSING_FROM_TRANSCRIPT",
            t.case.case_id,
            f"{_name(p)} ({field} {money(value or Decimal(0))}) is not on the IRS Wage and Income "
            f"transcript for {t.case.tax_year}: the payer may not have filed it, or filed it "
            "under another TIN.",
            [t.evidence(p, field, value)],
            amount=value,
        )


@rule(
    "MISSING_DOCUMENT",
    "medium",
    "an information return on the Wage and Income transcript has no paper form in hand",
)
def missing_document(t: CaseTables) -> Iterator[Finding]:
    have_paper = set(t.forms.loc[t.forms["origin"] == "paper", "recipient_last4"])
    entries = t.forms[
        (t.forms["origin"] == "transcript")
        & t.forms["match"].isna()
        & t.forms["superseded_by"].isna()
    ]
    for _, e in entries.iterrows():
        if e["recipient_last4"] not in have_paper:
            continue  # transcript-only cases: nothing was supplied on paper for this person
        field = PRIMARY_FIELD.get(e["family"], "")
        value = t.amount(e["form_id"], field)
        yield finding(
            "MISSING_DOCUMENT",
            t.case.case_id,
            f"The IRS Wage and Income transcript lists a {_name(e)} ({field} "
            f"{money(value or Decimal(0))}) that is not among the documents supplied; "
            "request a copy from the payer.",
            [t.evidence(e, field, value)],
            amount=value,
        )


@rule(
    "CORRECTED_FORM",
    "info",
    "a corrected form (W-2c, CORRECTED 1099) supersedes the original; the checks use the "
    "corrected figures (medium when the return used the superseded ones)",
)
def corrected_form(t: CaseTables) -> Iterator[Finding]:
    originals = t.forms[t.forms["superseded_by"].notna()]
    for _, old in originals.iterrows():
        new = _effective(t, old)
        field = PRIMARY_FIELD.get(old["family"], "")
        before, after = t.amount(old["form_id"], field), t.amount(new["form_id"], field)
        if before is None or after is None:
            continue
        used_old = _return_used(t, old, before, after)
        message = (
            f"{_name(new)} corrects {field} from {money(before)} to {money(after)}; "
            "the checks use the corrected figures."
        )
        if used_old:
            message += " The return appears to report the superseded figure."
        yield finding(
            "CORRECTED_FORM",
            t.case.case_id,
            message,
            [t.evidence(old, field, before), t.evidence(new, field, after)],
            amount=after - before,
            severity="medium" if used_old else None,
        )


def _return_used(t: CaseTables, old: pd.Series, before: Decimal, after: Decimal) -> bool:
    """True when the wage line equals the total with the superseded W-2 figure in place."""
    if old["family"] != "W-2" or before == after:
        return False
    wages, _ = t.line("wages")
    if wages is None:
        return False
    counted = sum(
        (
            t.amount(f["form_id"], "box1_wages") or Decimal(0)
            for _, f in t.counted("W-2").iterrows()
        ),
        Decimal(0),
    )
    return abs(wages - (counted - after + before)) <= Decimal(1) < abs(wages - counted)
