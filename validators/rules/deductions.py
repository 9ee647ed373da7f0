"""Deductions and credits the return did not use: 1098 mortgage interest, 1098-E, 1098-T."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from backtax.validators import taxtables, tolerance
from backtax.validators.findings import Finding, money
from backtax.validators.registry import finding, rule
from backtax.validators.tables import CaseTables

EDUCATION_CREDIT_LINES = (
    "education_credit",
    "american_opportunity_credit",
    "lifetime_learning_credit",
)


def mortgage_deduction_gain(t: CaseTables) -> tuple[Decimal, list, str] | None:
    """How much larger the deduction would be with the 1098 interest and points itemized."""
    forms = t.counted("1098")
    if forms.empty:
        return None
    evidence, total = [], Decimal(0)
    for _, form in forms.iterrows():
        for field in ("box1_mortgage_interest", "box6_points_paid"):
            value = t.amount(form["form_id"], field)
            if value:
                total += value
                evidence.append(t.evidence(form, field, value))
    itemized, item_ev = t.line("itemized_deductions")
    standard, std_ev = t.line("standard_deduction")
    if itemized:
        gain, taken, ev = total - itemized, f"itemized deductions of {money(itemized)}", item_ev
    elif standard:
        gain, taken, ev = total - standard, f"the standard deduction of {money(standard)}", std_ev
    else:
        return None
    return gain, [*evidence, ev], f"mortgage interest and points of {money(total)} exceed {taken}"


def student_loan_gain(t: CaseTables) -> tuple[Decimal, list, str] | None:
    """The student loan interest deduction allowed (cap and phase-out), less what was taken."""
    forms = t.counted("1098-E")
    agi, agi_ev = t.line("adjusted_gross_income")
    if forms.empty or agi is None:
        return None
    claimed, claimed_ev = t.line("student_loan_interest_deduction")
    claimed = claimed or Decimal(0)
    paid = sum(
        (
            t.amount(f["form_id"], "box1_student_loan_interest") or Decimal(0)
            for _, f in forms.iterrows()
        ),
        Decimal(0),
    )
    status = taxtables.filing_status_key(t.return_text("filing_status"))
    allowed = taxtables.student_loan_interest_allowed(t.case.tax_year, status, agi + claimed, paid)
    if allowed is None:
        return None
    evidence = [t.evidence(f, "box1_student_loan_interest") for _, f in forms.iterrows()]
    evidence += [e for e in (claimed_ev, agi_ev) if e]
    why = (
        f"student loan interest paid {money(paid)} allows a deduction of {money(allowed)} "
        f"({t.case.tax_year}, {status}; {taxtables.source('student_loan_interest')}); "
        f"the return deducted {money(claimed)}"
    )
    return allowed - claimed, evidence, why


@rule(
    "MISSED_DEDUCTION",
    "medium",
    "a 1098, 1098-E or 1098-T amount that the return did not use (standard deduction taken "
    "despite larger mortgage interest, student loan interest not deducted)",
)
def missed_deduction(t: CaseTables) -> Iterator[Finding]:
    if not t.has_return():
        return
    for kind, found in (
        ("mortgage", mortgage_deduction_gain(t)),
        ("student_loan", student_loan_gain(t)),
    ):
        if found and found[0] > tolerance.DOLLAR:
            gain, evidence, why = found
            yield finding(
                "MISSED_DEDUCTION",
                t.case.case_id,
                f"The return leaves {money(gain)} of deductions unused: {why}.",
                evidence,
                amount=gain,
                candidate=True,
                deduction=kind,
            )
    yield from _education(t)


def _education(t: CaseTables) -> Iterator[Finding]:
    forms = t.counted("1098-T")
    if forms.empty:
        return
    credits = [t.line(name) for name in EDUCATION_CREDIT_LINES]
    if any(value for value, _ in credits):
        return
    shown = [ev for value, ev in credits if ev is not None]
    for _, form in forms.iterrows():
        paid = t.amount(form["form_id"], "box1_payments_received") or Decimal(0)
        grants = t.amount(form["form_id"], "box5_scholarships_grants") or Decimal(0)
        if paid <= grants:
            continue
        school = form["payer_name"] or form["payer_tin"] or "an unnamed school"
        yield finding(
            "MISSED_DEDUCTION",
            t.case.case_id,
            f"The 1098-T from {school} shows qualified tuition of {money(paid)} "
            f"(scholarships {money(grants)}), and the return "
            f"{'claims no' if shown else 'shows no line for an'} education credit: check "
            "eligibility for the American opportunity or lifetime learning credit.",
            [t.evidence(form, "box1_payments_received", paid), *shown],
            amount=paid - grants,
            severity="low" if shown else "info",
            deduction="education",
        )
