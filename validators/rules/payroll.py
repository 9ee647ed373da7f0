"""W-2 payroll arithmetic with each year's wage base, excess social security, deferral limits."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pandas as pd

from backtax.validators import taxtables, tolerance
from backtax.validators.findings import Finding, money
from backtax.validators.registry import finding, rule
from backtax.validators.tables import CaseTables

CENT = Decimal("0.01")
DEFERRAL_CODES = ("D", "E", "F", "S", "AA", "BB")


def _w2s(t: CaseTables) -> Iterator[tuple[pd.Series, dict[str, Decimal]]]:
    """Each W-2 once, with its effective boxes (paper preferred: it carries every box)."""
    for _, form in t.forms[t.forms["family"] == "W-2"].iterrows():
        if form["superseded_by"] is not None:
            continue
        if form["origin"] == "transcript" and form["match"] is not None:
            continue
        yield form, t.form_fields(form["form_id"])


@rule(
    "W2_ARITHMETIC",
    "medium",
    "W-2 boxes disagree with the payroll rules: social security tax is not 6.2% of box 3 plus "
    "box 7, Medicare tax not 1.45% (plus 0.9% over 200,000) of box 5, box 3 plus box 7 above "
    "the year's wage base",
)
def w2_arithmetic(t: CaseTables) -> Iterator[Finding]:
    year = t.case.tax_year
    base = taxtables.year_figure(year, "ss_wage_base")
    ss_rate, mc_rate = taxtables.constant("ss_rate"), taxtables.constant("medicare_rate")
    extra_rate = taxtables.constant("additional_medicare_rate")
    threshold = taxtables.constant("additional_medicare_withholding_threshold")
    for form, f in _w2s(t):
        who = f"The {year} W-2 from {form['payer_name'] or form['payer_tin']}"
        ss_wages = f.get("box3_ss_wages", Decimal(0)) + f.get("box7_ss_tips", Decimal(0))
        if base is not None and ss_wages > base:
            yield finding(
                "W2_ARITHMETIC",
                t.case.case_id,
                f"{who} reports social security wages and tips of {money(ss_wages)} "
                f"(boxes 3 and 7), above the {year} wage base of {money(base)} "
                f"({taxtables.source('ss_wage_base')}); "
                "the employer should issue a W-2c.",
                [t.evidence(form, "box3_ss_wages"), *_tips(t, form, f)],
                amount=ss_wages - base,
                severity="high",
                check="wage_base",
            )
        if "box4_ss_tax_withheld" in f and ss_wages:
            expected = (min(ss_wages, base or ss_wages) * ss_rate).quantize(CENT)
            actual = f["box4_ss_tax_withheld"]
            if abs(actual - expected) > tolerance.payroll(expected):
                yield finding(
                    "W2_ARITHMETIC",
                    t.case.case_id,
                    f"{who} shows social security tax of {money(actual)} (box 4); 6.2% of "
                    f"{money(min(ss_wages, base or ss_wages))} is {money(expected)}, a difference "
                    f"of {money(actual - expected)}.",
                    [t.evidence(form, "box4_ss_tax_withheld"), t.evidence(form, "box3_ss_wages")],
                    amount=actual - expected,
                    check="social_security_tax",
                )
        if "box6_medicare_tax_withheld" in f and f.get("box5_medicare_wages"):
            wages = f["box5_medicare_wages"]
            expected = (wages * mc_rate + max(Decimal(0), wages - threshold) * extra_rate).quantize(
                CENT
            )
            actual = f["box6_medicare_tax_withheld"]
            if abs(actual - expected) > tolerance.payroll(expected):
                yield finding(
                    "W2_ARITHMETIC",
                    t.case.case_id,
                    f"{who} shows Medicare tax of {money(actual)} (box 6); 1.45% of Medicare wages "
                    f"{money(wages)}, plus 0.9% over 200,000.00, is {money(expected)}, a "
                    f"difference of {money(actual - expected)}.",
                    [
                        t.evidence(form, "box6_medicare_tax_withheld"),
                        t.evidence(form, "box5_medicare_wages"),
                    ],
                    amount=actual - expected,
                    check="medicare_tax",
                )


def _tips(t: CaseTables, form: pd.Series, f: dict[str, Decimal]) -> list:
    return [t.evidence(form, "box7_ss_tips")] if f.get("box7_ss_tips") else []


@rule(
    "EXCESS_SOCIAL_SECURITY",
    "low",
    "social security tax withheld by several employers exceeds the year's maximum: the excess "
    "is a credit on the return (Schedule 3); confirm it was claimed",
)
def excess_social_security(t: CaseTables) -> Iterator[Finding]:
    base = taxtables.year_figure(t.case.tax_year, "ss_wage_base")
    if base is None:
        return
    maximum = (base * taxtables.constant("ss_rate")).quantize(CENT)
    for last4 in sorted({form["recipient_last4"] for form, _ in _w2s(t)}):
        rows = [(form, f) for form, f in _w2s(t) if form["recipient_last4"] == last4]
        employers = {form["payer_key"] for form, _ in rows}
        total = sum((f.get("box4_ss_tax_withheld", Decimal(0)) for _, f in rows), Decimal(0))
        if len(employers) > 1 and total > maximum + Decimal(1):
            yield finding(
                "EXCESS_SOCIAL_SECURITY",
                t.case.case_id,
                f"Social security tax withheld for the taxpayer ending {last4} totals "
                f"{money(total)} across {len(employers)} employers, {money(total - maximum)} over "
                f"the {t.case.tax_year} maximum of {money(maximum)}; the excess is refundable as a "
                "credit on the return.",
                [t.evidence(form, "box4_ss_tax_withheld") for form, _ in rows],
                amount=total - maximum,
            )


@rule(
    "EXCESS_DEFERRAL",
    "medium",
    "elective deferrals (W-2 box 12 D, E, F, S, AA, BB) exceed the year's 402(g) limit plus the "
    "largest catch-up: the excess is taxable",
)
def excess_deferral(t: CaseTables) -> Iterator[Finding]:
    year = t.case.tax_year
    limit = taxtables.year_figure(year, "elective_deferral_limit")
    catch_up = taxtables.year_figure(year, "catch_up_max") or Decimal(0)
    if limit is None:
        return
    people: dict[str, list] = {}
    for form, _ in _w2s(t):
        for i, item in enumerate(t.raw_fields(form).get("box12") or []):
            if str(item.get("code", "")).upper() in DEFERRAL_CODES:
                amount = Decimal(str(item.get("amount", "0")))
                people.setdefault(form["recipient_last4"], []).append((form, i, item, amount))
    for last4, items in sorted(people.items()):
        total = sum((a for *_, a in items), Decimal(0))
        if total > limit + catch_up:
            yield finding(
                "EXCESS_DEFERRAL",
                t.case.case_id,
                f"Elective deferrals for the taxpayer ending {last4} total {money(total)} in "
                f"{year}, above the 402(g) limit of {money(limit)} plus catch-up of "
                f"{money(catch_up)}; the excess {money(total - limit - catch_up)} is taxable "
                "wages for the year.",
                [t.evidence(form, f"box12[{i}].{item['code']}", a) for form, i, item, a in items],
                amount=total - limit - catch_up,
            )
