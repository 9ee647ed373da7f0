"""Amended-return candidates: Form 1040-X lines (columns A, B, C), direction, estimate, deadline.

Column A is the return as filed or as the IRS adjusted it (the transcript's PER COMPUTER
figures); column B is what the candidate findings change; column C is A plus B. The tax
change is estimated at the year's ordinary rates from validators/data/tax_years.json, with
self-employment tax on unreported nonemployee compensation; every estimate says what it
assumes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from backtax.validators import remedies, statutes, taxtables
from backtax.validators.findings import Finding, money
from backtax.validators.income import LINE_LABELS
from backtax.validators.tables import CaseTables

ZERO = Decimal(0)
WARN_DAYS = 90
SS_TAXABLE_SHARE = Decimal("0.85")


@dataclass
class Changes:
    """Column B before the tax: income, adjustments, deductions and payments the evidence moves."""

    income: Decimal = ZERO
    adjustments: Decimal = ZERO  # reduce AGI
    deductions: Decimal = ZERO
    se_income: Decimal = ZERO
    withholding: Decimal = ZERO
    estimated: Decimal = ZERO
    explanation: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def _collect(t: CaseTables, findings: list[Finding]) -> Changes:
    ch = Changes()
    for f in findings:
        if not f.amended_return_candidate or f.amount is None:
            continue
        if f.rule not in ch.reasons:
            ch.reasons.append(f.rule)
        line = f.details.get("line")
        if f.rule == "UNREPORTED_INCOME":
            amount = f.amount
            if line == "social_security_benefits_total":
                amount = (f.amount * SS_TAXABLE_SHARE).quantize(Decimal("0.01"))
                ch.notes.append(
                    "social security benefits counted at 85% taxable (the most the law taxes)"
                )
            if line == "qualified_dividends":
                continue
            ch.income += amount
            if line == "schedule_c_gross_receipts":
                ch.se_income += f.amount
            ch.explanation.append(
                f"{LINE_LABELS[line].capitalize()}: {remedies.unreported_items(t, line, f.amount)}"
                f" (+{money(f.amount)})"
            )
        elif f.rule == "WITHHOLDING_NOT_CLAIMED":
            ch.withholding += f.amount
            ch.explanation.append(f"Federal income tax withheld not claimed (+{money(f.amount)})")
        elif f.rule == "ESTIMATED_PAYMENTS_MISMATCH":
            ch.estimated += f.amount
            ch.explanation.append(
                f"Estimated tax payments on the account not claimed (+{money(f.amount)})"
            )
        elif f.rule == "MISSED_DEDUCTION" and f.details.get("deduction") == "student_loan":
            ch.adjustments += f.amount
            ch.explanation.append(
                f"Student loan interest deduction not taken (-{money(f.amount)} AGI)"
            )
        elif f.rule == "MISSED_DEDUCTION" and f.details.get("deduction") == "mortgage":
            ch.deductions += f.amount
            ch.explanation.append(
                f"Itemized mortgage interest exceeds the deduction taken (+{money(f.amount)})"
            )
    return ch


def _row(number: str, name: str, a: Decimal, b: Decimal) -> dict[str, str]:
    return {
        "line": number,
        "name": name,
        "original": f"{a:.2f}",
        "change": f"{b:.2f}",
        "corrected": f"{a + b:.2f}",
    }


def amended_return(t: CaseTables, findings: list[Finding]) -> dict[str, Any]:
    """The case's `amended_return` object; `candidate` is false when nothing changes the return."""
    mine = [f for f in findings if f.case_id == t.case.case_id]
    ch = _collect(t, mine)
    if not ch.reasons or not t.has_return():
        out: dict[str, Any] = {"candidate": False, "reasons": []}
        step = remedies.remedy(t, mine, False)
        if step:
            out["remedy"] = step
            estimate = remedies.estimate_original(t, t.as_of)
            if estimate and step["kind"] in ("original_return", "sfr_reconsideration"):
                out["estimated_return"] = estimate
        return out
    v = {
        name: t.line(name)[0] or ZERO
        for name in (
            "adjusted_gross_income",
            "itemized_deductions",
            "standard_deduction",
            "taxable_income",
            "total_tax",
            "federal_income_tax_withheld",
            "estimated_tax_payments",
            "earned_income_credit",
            "amount_owed",
            "refund_amount",
        )
    }
    se_tax = remedies.se_tax(t, ch.se_income)
    d_agi = ch.income - ch.adjustments - (se_tax / 2).quantize(Decimal("0.01"))
    a2 = v["itemized_deductions"] or v["standard_deduction"]
    a1, a3 = v["adjusted_gross_income"], v["adjusted_gross_income"] - a2
    qbi = a3 - v["taxable_income"]
    status = taxtables.filing_status_key(t.return_text("filing_status"))
    new_qbi, qbi_notes = remedies.qbi_deduction(
        t, status, ch.se_income, se_tax, a3 + d_agi - ch.deductions - qbi
    )
    c5 = max(ZERO, a3 + d_agi - ch.deductions - qbi - new_qbi)
    before = taxtables.income_tax(t.case.tax_year, status, v["taxable_income"])
    after = taxtables.income_tax(t.case.tax_year, status, c5)
    lines = [
        _row("1", "adjusted_gross_income", a1, d_agi),
        _row("2", "deductions", a2, ch.deductions),
    ]
    lines += [_row("3", "agi_less_deductions", a3, d_agi - ch.deductions)]
    lines += [_row("5", "taxable_income", v["taxable_income"], c5 - v["taxable_income"])]
    out: dict[str, Any] = {"candidate": True, "reasons": ch.reasons}
    d_tax = None
    if before and after:
        d6 = after.tax - before.tax
        d_tax = d6 + se_tax
        lines += [_row("6", "tax", before.tax, d6), _row("10", "other_taxes", ZERO, se_tax)]
        lines += [_row("11", "total_tax", v["total_tax"], d_tax)]
        out["tax_estimate"] = {
            "change": f"{d_tax:.2f}",
            "basis": before.cite,
            "assumes": [
                "ordinary rates on all taxable income",
                "credits unchanged",
                *ch.notes,
                *qbi_notes,
            ],
        }
        if ch.se_income:
            out["tax_estimate"]["assumes"].append(
                f"self-employment tax {money(se_tax)} on nonemployee compensation with no expenses"
            )
    else:
        ch.notes.append(
            f"no {t.case.tax_year} tax table for filing status {status!r}: tax not estimated"
        )
    lines += [
        _row("12", "federal_income_tax_withheld", v["federal_income_tax_withheld"], ch.withholding)
    ]
    lines += [_row("13", "estimated_tax_payments", v["estimated_tax_payments"], ch.estimated)]
    if d_tax is not None:
        lines += _balance_lines(v, d_tax, ch)
        owed = next((Decimal(r["corrected"]) for r in lines if r["line"] == "20"), ZERO)
        out["direction"] = "tax_owed" if owed > 0 else "refund_due"
    elif ch.withholding or ch.estimated or ch.deductions or ch.adjustments:
        out["direction"] = "refund_due" if not ch.income else None
    out["lines"] = [r for r in lines if r["change"] != "0.00" or r["line"] in ("20", "22")]
    out["explanation"] = ch.explanation
    step = remedies.remedy(t, mine, True)
    if step:
        out["remedy"] = step
    out.update(_deadline(t, out.get("direction"), step))
    if ch.notes and "tax_estimate" not in out:
        out["notes"] = ch.notes
    return out


def _balance_lines(v: dict[str, Decimal], d_tax: Decimal, ch: Changes) -> list[dict[str, Any]]:
    """Lines 17-22: payments, the original overpayment, and what is owed or refunded now."""
    paid = (
        v["federal_income_tax_withheld"] + v["estimated_tax_payments"] + v["earned_income_credit"]
    )
    other_credits = max(ZERO, v["total_tax"] - v["amount_owed"] + v["refund_amount"] - paid)
    line17 = paid + ch.withholding + ch.estimated + other_credits + v["amount_owed"]
    line19 = line17 - v["refund_amount"]
    c11 = v["total_tax"] + d_tax
    single = [
        ("17", "total_payments", line17),
        ("18", "original_overpayment", v["refund_amount"]),
        ("19", "payments_less_overpayment", line19),
    ]
    if c11 > line19:
        single.append(("20", "amount_you_owe", c11 - line19))
    else:
        single += [("21", "overpaid", line19 - c11), ("22", "refunded_to_you", line19 - c11)]
    return [
        {"line": n, "name": name, "original": None, "change": None, "corrected": f"{x:.2f}"}
        for n, name, x in single
    ]


def _deadline(
    t: CaseTables, direction: str | None, step: dict[str, Any] | None = None
) -> dict[str, Any]:
    rs = statutes.refund_statute(t)
    out: dict[str, Any] = {"deadline": rs.deadline.isoformat(), "deadline_basis": rs.basis}
    days = (rs.deadline - t.as_of).days
    warnings = []
    if step:
        warnings.append(f"First step: {step['why']}.")
    if direction == "tax_owed" and step and step["kind"] == "respond_to_notice":
        pass
    elif direction == "tax_owed":
        ased = statutes.assessment_statute(t).ased
        warnings.append(
            f"More tax is due: a 1040-X reporting it can be filed at any time; the IRS can assess "
            f"it until {ased} (3 years from filing, longer for a large omission)."
        )
    elif days < 0:
        warnings.append(
            f"The refund statute passed on {rs.deadline.isoformat()} ({-days} days before "
            f"{t.as_of.isoformat()}): a refund claim is barred."
        )
    elif days <= WARN_DAYS:
        warnings.append(
            f"The 1040-X must be filed by {rs.deadline.isoformat()}, {days} days after "
            f"{t.as_of.isoformat()}."
        )
    if warnings:
        out["warnings"] = warnings
    out["deadline_status"] = "passed" if days < 0 else "near" if days <= WARN_DAYS else "open"
    return out


def refund_direction_deadline(amended: dict[str, Any]) -> tuple[date, str] | None:
    """The deadline and status of a refund-direction candidate, for the statute rule."""
    if not amended.get("candidate") or amended.get("direction") != "refund_due":
        return None
    return date.fromisoformat(amended["deadline"]), amended["deadline_status"]
