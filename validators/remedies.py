"""What to do about a year the documents change, when a 1040-X is not the first step.

A notice already on the year (a CP2000, or an underreporter review, TC 922, that will bring
one) is answered, not amended (IRS: do not file a 1040-X for the year on the notice). A paper
form that agrees with the return while the IRS's copy differs goes back to the issuer for a
corrected form (W-2c, corrected 1099). A year with no original return gets one (an estimate
from its information returns, with its refund deadline); a substitute for return is replaced
by the taxpayer's original return (reconsideration, IRM 4.13 and 5.1.11).
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from backtax.validators import statutes, taxtables, tolerance
from backtax.validators.findings import Finding, money
from backtax.validators.income import INCOME_LINES, LineTotal, line_total, withholding_total
from backtax.validators.tables import CaseTables

ZERO = Decimal(0)
CENT = Decimal("0.01")
ISSUER_FORM = {"W-2": "a corrected W-2 (Form W-2c) from the employer"}


def open_notices(t: CaseTables, *types: str) -> list[dict[str, Any]]:
    """The case's IRS notices of the given types (all when none given), with their dates."""
    out = []
    for rec in t.case.of_type("IRS-NOTICE"):
        kind = str(rec.fields.get("notice_type", "")).upper().replace(" ", "")
        if types and kind not in types:
            continue
        out.append(
            {
                "notice_type": kind,
                "notice_date": rec.fields.get("notice_date"),
                "respond_by": rec.fields.get("respond_by"),
                "amount_due": rec.fields.get("amount_due"),
                "source": rec.source,
            }
        )
    return out


def _box_label(name: str) -> str:
    parts = name.split("_")
    return " ".join(parts[1:] if parts[0].startswith("box") else parts)


def _payer(t: CaseTables, form) -> str:
    """The payer's name as printed in full: the paper form's when the transcript masks it."""
    match = form["match"]
    if form["origin"] == "transcript" and isinstance(match, str):
        paper = t.forms[t.forms["form_id"] == match]
        if not paper.empty and paper.iloc[0]["payer_name"]:
            return str(paper.iloc[0]["payer_name"])
    return str(form["payer_name"] or form["payer_tin"] or "an unnamed payer")


def _item(t: CaseTables, form, name: str, value: Decimal) -> str:
    return f"{form['doc_type']} from {_payer(t, form)} ({_box_label(name)} {money(value)})"


def unreported_items(t: CaseTables, line: str, gap: Decimal) -> str:
    """The forms that make up `gap` on `line`, named by form, payer, box and amount."""
    total: LineTotal = line_total(t, line)
    items = total.items
    slack = tolerance.rounding(len(items))
    for size in range(1, min(len(items), 6) + 1):
        for combo in itertools.combinations(items, size):
            if abs(sum((v for _, _, v in combo), ZERO) - gap) <= slack:
                return "; ".join(_item(t, f, n, v) for f, n, v in combo) + " not reported"
    listed = "; ".join(_item(t, f, n, v) for f, n, v in items)
    return f"{listed}: {money(gap)} of it not reported"


def corrected_form_step(t: CaseTables, findings: list[Finding]) -> dict[str, Any] | None:
    """A paper form that agrees with the return while the IRS's copy says more: ask the issuer."""
    for f in findings:
        if f.rule != "AMOUNT_MISMATCH" or f.amount is None or f.amount <= 0:
            continue
        field = f.details.get("field")
        line = next(
            (ln for ln, srcs in INCOME_LINES.items() if any(s.field == field for s in srcs)), None
        )
        if line is None:
            continue
        reported = t.line(line)[0] or ZERO
        counted = line_total(t, line).total
        if counted - reported > tolerance.DOLLAR and counted - f.amount - reported <= 1:
            form = next((e.doc_type for e in f.evidence if e.doc_type in ISSUER_FORM), None)
            who = ISSUER_FORM.get(form or "", "a corrected form from the payer")
            return {
                "kind": "corrected_form_from_issuer",
                "why": f"the paper form agrees with the return but the IRS's copy shows "
                f"{money(f.amount)} more ({_box_label(field)}): ask for {who} first; if the "
                "IRS's figure is right, then amend",
            }
    return None


def remedy(t: CaseTables, findings: list[Finding], candidate: bool) -> dict[str, Any] | None:
    """The first step for the year when it is not (or not yet) a 1040-X."""
    cp2000 = open_notices(t, "CP2000")
    if cp2000:
        n = cp2000[0]
        by = n.get("respond_by")
        return {
            "kind": "respond_to_notice",
            "notice": n,
            "by": by,
            "why": f"a CP2000 dated {n.get('notice_date')} proposes changes to this year: respond "
            f"to it{f' by {by}' if by else ''} (agree, or disagree with documents) instead of "
            "filing a 1040-X for the year on the notice",
        }
    if any(f.rule == "UNDERREPORTER_REVIEW" for f in findings):
        return {
            "kind": "respond_to_notice",
            "why": "an underreporter review is open (TC 922): a CP2000 is likely; answer it when "
            "it comes instead of filing a 1040-X for this year now",
        }
    if any(f.rule == "SUBSTITUTE_FOR_RETURN" for f in findings):
        return {
            "kind": "sfr_reconsideration",
            "why": "the IRS assessed a substitute for return: file the original return (with "
            "deductions, credits and filing status) to replace it (audit reconsideration, IRM "
            "4.13; IRM 5.1.11), not a 1040-X",
        }
    if t.account() is not None and not t.has_return() and not statutes.filing(t).filed:
        return {
            "kind": "original_return",
            "why": "no original return has posted (no TC 150): file it, not a 1040-X",
        }
    if candidate:
        return corrected_form_step(t, findings)
    return None


# ------------------------------------------------------------------------ estimates


def se_tax(t: CaseTables, income: Decimal) -> Decimal:
    """Self-employment tax on `income` (92.35% of it; social security part up to the wage base)."""
    if not income:
        return ZERO
    earnings = income * taxtables.constant("se_tax_net_earnings_factor")
    base = taxtables.year_figure(t.case.tax_year, "ss_wage_base") or earnings
    wages = sum(
        (t.amount(f["form_id"], "box3_ss_wages") or ZERO for _, f in t.counted("W-2").iterrows()),
        ZERO,
    )
    room = max(ZERO, base - wages)
    ss = min(earnings, room) * taxtables.constant("ss_rate") * 2
    medicare = earnings * taxtables.constant("medicare_rate") * 2
    return (ss + medicare).quantize(CENT)


def qbi_deduction(
    t: CaseTables, status: str | None, business: Decimal, se: Decimal, before: Decimal
) -> tuple[Decimal, list[str]]:
    """IRC 199A below the threshold: 20% of the business income less half the SE tax, at most
    20% of taxable income before the deduction."""
    if business <= 0 or t.case.tax_year < 2018:
        return ZERO, []
    rate = taxtables.constant("qbi_rate")
    qbi = (business - se / 2) * rate
    amount = max(ZERO, min(qbi, max(ZERO, before) * rate)).quantize(CENT)
    notes = [
        f"qualified business income deduction {money(amount)}: 20% of the business income "
        "less half the self-employment tax (IRC 199A), no net capital gain"
    ]
    threshold = taxtables.qbi_threshold(t.case.tax_year, status)
    if threshold is not None and before > threshold:
        notes.append(
            f"taxable income above the {money(threshold)} threshold: the W-2 wage and "
            "specified-service limits may reduce it (not applied)"
        )
    return amount, notes


def estimate_original(t: CaseTables, as_of: date) -> dict[str, Any] | None:
    """An estimated original return from the year's information returns."""
    income, business, used = ZERO, ZERO, []
    for line in INCOME_LINES:
        if line in ("tax_exempt_interest", "qualified_dividends"):
            continue
        total = line_total(t, line)
        if not total.items:
            continue
        amount = total.total
        if line == "social_security_benefits_total":
            amount = (amount * Decimal("0.85")).quantize(CENT)
        income += amount
        if line == "schedule_c_gross_receipts":
            business += total.total
        used += [_item(t, f, n, v) for f, n, v in total.items]
    held = withholding_total(t)
    if not used and not held.items:
        return None
    status_text = t.return_text("filing_status")
    status = taxtables.filing_status_key(status_text) or "single"
    assumes = [] if status_text else ["filing status single (no return or transcript says)"]
    deduction = taxtables.standard_deduction(t.case.tax_year, status) or ZERO
    se = se_tax(t, business)
    agi = income - (se / 2).quantize(CENT)
    qbi, qbi_notes = qbi_deduction(t, status, business, se, agi - deduction)
    taxable = max(ZERO, agi - deduction - qbi)
    tax = taxtables.income_tax(t.case.tax_year, status, taxable)
    if tax is None:
        return None
    total_tax = tax.tax + se
    result = held.total - total_tax
    rs = statutes.refund_statute(t)
    out = {
        "income": f"{income:.2f}",
        "adjusted_gross_income": f"{agi:.2f}",
        "standard_deduction": f"{deduction:.2f}",
        "qbi_deduction": f"{qbi:.2f}",
        "taxable_income": f"{taxable:.2f}",
        "income_tax": f"{tax.tax:.2f}",
        "self_employment_tax": f"{se:.2f}",
        "total_tax": f"{total_tax:.2f}",
        "withholding": f"{held.total:.2f}",
        ("refund" if result >= 0 else "balance_due"): f"{abs(result):.2f}",
        "from": used,
        "assumes": [
            *assumes,
            "the standard deduction; ordinary rates on all taxable income; no credits",
            *qbi_notes,
            *(
                ["self-employment tax on nonemployee compensation with no expenses"]
                if business
                else []
            ),
        ],
        "basis": tax.cite,
    }
    if result >= 0:
        days = (rs.deadline - as_of).days
        out["refund_deadline"] = rs.deadline.isoformat()
        out["refund_deadline_basis"] = rs.basis
        out["refund_deadline_status"] = "passed" if days < 0 else "near" if days <= 90 else "open"
    return out
