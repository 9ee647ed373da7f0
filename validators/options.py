"""Collection options as the IRM states them, each with the facts it used and those it lacked.

Installment agreements (IRC 6159; IRM 5.14): guaranteed (tax of $10,000 or less without
penalties and interest, paid within 3 years, IRC 6159(c)), streamlined (assessed balance up
to $50,000, paid within 72 months or the CSED, IRM 5.14.5), non-streamlined (more, or longer:
a financial statement, up to the CSED), the short-term plan (under $100,000, 180 days); every
one needs the required returns filed (IRM 5.14.1.4) and none is proposed beside an agreement
already in force. Each payment is the level monthly amount that pays the balance projected to
the as-of day, with interest at that day's rate and the failure-to-pay addition of the plan.
First-time abatement (IRM 20.1.1.3.3.2.1), currently not collectible (IRM 5.16.1) and offers
(IRC 7122, Form 656) are blocked while a required return is unfiled. Innocent spouse relief
(IRC 6015(b), (c)): within 2 years of the first collection activity against the spouse asking
(Treas. Reg. 1.6015-5(b)(2)); equitable relief (6015(f)) within the CSED.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_UP, Decimal
from typing import Any

from dateutil.relativedelta import relativedelta

from backtax.validators import interest, penalties, statutes, taxtables
from backtax.validators.rules.account import fta_eligibility, installment_agreement, penalty_totals
from backtax.validators.tables import CaseTables

ZERO = Decimal(0)
GUARANTEED_TAX = Decimal(10000)
GUARANTEED_MONTHS = 36
STREAMLINED_LIMIT = Decimal(50000)
STREAMLINED_MONTHS = 72
SHORT_TERM_LIMIT = Decimal(100000)
SHORT_TERM_DAYS = 180
COMPLEX_RULES = {
    "OPEN_EXAMINATION": "an open examination",
    "SUBSTITUTE_FOR_RETURN": "a substitute for return",
    "NO_RETURN_FILED": "an unfiled return",
    "UNDERREPORTER_REVIEW": "an underreporter review (CP2000 coming)",
    "ADDITIONAL_ASSESSMENT": "an additional assessment",
    "RETURN_POSTING_ALERT": "a duplicate or amended return posting",
}
HISTORY_UNSEEN = "years without an account transcript here (filing and payment history)"


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def option(
    name: str,
    eligible: bool | None,
    figures: dict[str, Any],
    why: str,
    used: list[str],
    not_shown: list[str],
) -> dict[str, Any]:
    return {
        "option": name,
        "eligible": eligible,
        "figures": figures,
        "why": why,
        "facts_used": used,
        "facts_not_shown": not_shown,
    }


def monthly_payment(
    balance: Decimal, tax: Decimal, months: int, start: date, ftp_rate: Decimal
) -> Decimal:
    """The level payment that pays `balance` in `months`: interest at `start`'s rate compounded
    daily each month, and `ftp_rate` a month on the tax still unpaid (payments to tax first)."""
    if balance <= 0 or months <= 0:
        return ZERO
    rate = interest.Rates().on(start)
    monthly = (1 + rate / 365) ** Decimal(365 / 12) - 1

    def left(payment: Decimal) -> Decimal:
        owed, unpaid = balance, tax
        for _ in range(months):
            owed += owed * monthly + unpaid * ftp_rate
            owed -= payment
            unpaid = max(ZERO, unpaid - payment)
        return owed

    low, high = balance / months, balance / months * 2 + balance * monthly * 2
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if left(mid) > 0 else (low, mid)
    return high.quantize(Decimal("0.01"), rounding=ROUND_UP)


class Situation:
    """The taxpayer's years as the options need them."""

    def __init__(self, group: list[CaseTables], years: list[dict[str, Any]], as_of: date):
        self.group, self.years, self.as_of = group, years, as_of
        self.unfiled = [y["tax_year"] for y in years if not y["filed"]]
        self.owed = [
            (t, y)
            for t, y in zip(group, years, strict=True)
            if Decimal(y.get("account_balance") or "0") > 0
        ]
        self.assessed = sum((Decimal(y["account_balance"]) for _, y in self.owed), ZERO)
        self.payoff = sum((Decimal(y["computed"]["as_of"]["total"]) for _, y in self.owed), ZERO)
        self.tax = sum((penalties.unpaid_tax(t.transactions) for t, _ in self.owed), ZERO)
        cseds = [date.fromisoformat(a["csed"]) for _, y in self.owed for a in y["assessments"]]
        self.csed = min(cseds, default=None)
        self.agreement = next(
            (
                (t.case.tax_year, d)
                for t in self.group
                if (d := installment_agreement(t.transactions))
            ),
            None,
        )

    def months_to_csed(self, cap: int) -> int:
        if not self.csed:
            return cap
        delta = relativedelta(self.csed, self.as_of)
        return max(1, min(cap, delta.years * 12 + delta.months))

    def used(self) -> list[str]:
        out = [
            f"assessed balance {_money(self.assessed)} on the account transcripts",
            f"balance projected to {self.as_of}: {_money(self.payoff)}",
            f"unpaid tax without penalties and interest: {_money(self.tax)}",
        ]
        if self.csed:
            out.append(f"earliest CSED {self.csed}")
        if self.unfiled:
            out.append(f"no original return on the account for {', '.join(map(str, self.unfiled))}")
        return out

    def filed_note(self) -> str:
        if not self.unfiled:
            return ""
        return f"; returns for {', '.join(map(str, self.unfiled))} must be filed first"


def options(
    group: list[CaseTables],
    years: list[dict[str, Any]],
    findings: list[dict[str, Any]],
    amended: dict[str, dict[str, Any]],
    as_of: date,
) -> list[dict[str, Any]]:
    s = Situation(group, years, as_of)
    return [
        *_agreements(s),
        _short_term(s),
        _fta(s),
        _cnc(s),
        _offer(s),
        _innocent_spouse(s),
        _amended_option(amended),
        _professional(findings, s),
    ]


def _agreements(s: Situation) -> list[dict[str, Any]]:
    used, owes = s.used(), s.payoff > 0
    if s.agreement:
        year, since = s.agreement
        why = (
            f"an installment agreement is in force since {since} (TC 971 AC 063, {year}): "
            "keep it current, or ask the IRS to revise it; a new one is not proposed"
        )
        return [
            option(
                "existing_installment_agreement",
                True,
                {"since": since, "tax_year": year},
                why,
                used,
                ["the agreement's monthly amount and whether it is current"],
            )
        ]
    blocked = bool(s.unfiled)
    ia_rate = penalties._rate("ftp_ia_month")
    g_months = min(GUARANTEED_MONTHS, s.months_to_csed(GUARANTEED_MONTHS))
    guaranteed = option(
        "guaranteed_installment_agreement",
        owes and not blocked and s.tax <= GUARANTEED_TAX and s.assessed > 0,
        {
            "tax": _money(s.tax),
            "balance": _money(s.payoff),
            "max_months": g_months,
            "monthly_payment": _money(monthly_payment(s.payoff, s.tax, g_months, s.as_of, ia_rate)),
        },
        (
            "tax of $10,000 or less (penalties and interest aside), paid within 3 years "
            "(IRC 6159(c))"
            if s.tax <= GUARANTEED_TAX
            else "tax over $10,000 (IRC 6159(c))"
        )
        + s.filed_note()
        if owes
        else "nothing is owed",
        used,
        [
            "no failure to file or pay and no installment agreement in the prior 5 years "
            "(IRC 6159(c)(1), (4))",
            HISTORY_UNSEEN,
        ],
    )
    months = s.months_to_csed(STREAMLINED_MONTHS)
    streamlined = option(
        "streamlined_installment_agreement",
        owes and not blocked and s.assessed <= STREAMLINED_LIMIT,
        {
            "balance": _money(s.payoff),
            "assessed_balance": _money(s.assessed),
            "max_months": months,
            "monthly_payment": _money(monthly_payment(s.payoff, s.tax, months, s.as_of, ia_rate)),
        },
        (
            "assessed balance under $50,000"
            if s.assessed <= STREAMLINED_LIMIT
            else "assessed balance over $50,000"
        )
        + (f", paid within 72 months or by the CSED ({months} months, IRM 5.14.5)")
        + s.filed_note()
        if owes
        else "nothing is owed",
        used,
        ["whether the taxpayer can pay the amount monthly", HISTORY_UNSEEN],
    )
    long_months = max(1, s.months_to_csed(600) - 1)
    non_streamlined = option(
        "non_streamlined_installment_agreement",
        owes and not blocked and s.assessed > STREAMLINED_LIMIT,
        {
            "balance": _money(s.payoff),
            "max_months": long_months,
            "monthly_payment": _money(
                monthly_payment(s.payoff, s.tax, long_months, s.as_of, ia_rate)
            ),
        },
        (
            (
                "over $50,000 or longer than 72 months: a financial statement (Form 433-F or "
                "433-A), paid by the CSED"
                if s.assessed > STREAMLINED_LIMIT
                else "a streamlined agreement covers this balance (IRM 5.14.5)"
            )
            if owes
            else "nothing is owed"
        )
        + s.filed_note(),
        used,
        ["income, expenses and assets (Form 433-F or 433-A)"],
    )
    return [guaranteed, streamlined, non_streamlined]


def _short_term(s: Situation) -> dict[str, Any]:
    owes = s.payoff > 0
    payment = monthly_payment(s.payoff, s.tax, 6, s.as_of, penalties._rate("ftp_month"))
    return option(
        "short_term_payment_plan",
        owes and s.payoff < SHORT_TERM_LIMIT and not s.unfiled,
        {
            "balance": _money(s.payoff),
            "days": SHORT_TERM_DAYS,
            "monthly_payment": _money(payment),
            "pay_by": (s.as_of + timedelta(days=SHORT_TERM_DAYS)).isoformat(),
        },
        (
            "under $100,000 of tax, penalties and interest, paid within 180 days (failure-to-pay "
            "stays at 0.5% a month)" + s.filed_note()
        )
        if owes
        else "nothing is owed",
        s.used(),
        ["whether the taxpayer can pay within 180 days"],
    )


def _fta(s: Situation) -> dict[str, Any]:
    for t in s.group:
        totals = penalty_totals(t.transactions)
        amount = sum(
            (v for k, v in totals.items() if k in ("failure_to_file", "failure_to_pay")), ZERO
        )
        if amount:
            eligible, why = fta_eligibility(t)
            return option(
                "first_time_abatement",
                eligible,
                {"tax_year": t.case.tax_year, "penalties": _money(amount)},
                f"{t.case.tax_year} failure-to-file/pay penalties: {why} (IRM 20.1.1.3.3.2.1)",
                [
                    f"penalties on the {t.case.tax_year} account",
                    "the prior years' accounts here",
                    "installment agreement (TC 971 AC 063)",
                ],
                [HISTORY_UNSEEN, "whether another year used first-time abatement already"],
            )
    return option(
        "first_time_abatement", False, {}, "no failure-to-file or failure-to-pay penalty", [], []
    )


def _cnc(s: Situation) -> dict[str, Any]:
    owes = s.payoff > 0
    if any((t.transactions["code"] == "530").any() for t in s.group):
        return option(
            "currently_not_collectible", True, {}, "the account already shows TC 530", s.used(), []
        )
    if owes and s.unfiled:
        return option(
            "currently_not_collectible",
            False,
            {},
            f"blocked: the {', '.join(map(str, s.unfiled))} return(s) must be filed "
            "before the IRS reports an account not collectible (IRM 5.16.1)",
            s.used(),
            [],
        )
    why = (
        "decided by income, allowable expenses and assets (Form 433-F, IRM 5.16.1)"
        if owes
        else "nothing is owed"
    )
    return option(
        "currently_not_collectible",
        None if owes else False,
        {},
        why,
        s.used(),
        ["income, expenses and assets"],
    )


def _offer(s: Situation) -> dict[str, Any]:
    owes = s.payoff > 0
    bankrupt = any(
        statutes.litigation_kind(r) == "bankruptcy"
        for t in s.group
        for _, r in t.transactions[t.transactions["code"] == "520"].iterrows()
    )
    if owes and (s.unfiled or bankrupt):
        why = (
            f"blocked: every required return must be filed first ({', '.join(map(str, s.unfiled))})"
            if s.unfiled
            else "blocked: an offer is not processed during a bankruptcy"
        )
        return option(
            "offer_in_compromise", False, {"balance": _money(s.payoff)}, why, s.used(), []
        )
    why = (
        "decided by reasonable collection potential (equity in assets plus future income, Form "
        "433-A (OIC)) against the balance (IRC 7122)"
        if owes
        else "nothing is owed"
    )
    return option(
        "offer_in_compromise",
        None if owes else False,
        {"balance": _money(s.payoff)},
        why,
        s.used(),
        ["assets, income and expenses (Form 433-A (OIC))"],
    )


def _first_collection(t: CaseTables) -> tuple[date, str] | None:
    """The first collection activity the documents show (Treas. Reg. 1.6015-5(b)(2))."""
    found = []
    for _, row in t.transactions.iterrows():
        when = statutes.iso(row["date"])
        if when and row["code"] in ("826", "898") and row["amount"] > 0:
            found.append((when, f"refund offset (TC {row['code']})"))
    levy = penalties._levy(t)
    if levy:
        found.append((levy, "notice of intent to levy (IRC 6330)"))
    return min(found, default=None)


def _innocent_spouse(s: Situation) -> dict[str, Any]:
    joint = [
        t for t in s.group if taxtables.filing_status_key(t.return_text("filing_status")) == "mfj"
    ]
    if not joint:
        return option(
            "innocent_spouse_relief",
            False,
            {},
            "no joint return among these years",
            ["filing status on the transcripts"],
            [],
        )
    figures: dict[str, Any] = {}
    for t, y in zip(s.group, s.years, strict=True):
        if t not in joint:
            continue
        first = _first_collection(t)
        cseds = [a["csed"] for a in y["assessments"]]
        figures[str(t.case.tax_year)] = {
            "sections_6015_b_c_deadline": (
                (first[0] + relativedelta(years=2)).isoformat() if first else None
            ),
            "first_collection_activity": f"{first[0]} ({first[1]})" if first else None,
            "section_6015_f_deadline": max(cseds) if cseds else y.get("refund_statute"),
        }
    return option(
        "innocent_spouse_relief",
        None,
        figures,
        "joint returns: relief (Form 8857) depends on what the requesting spouse knew; 6015(b)/(c) "
        "within 2 years of the first collection activity against that spouse, 6015(f) within the "
        "CSED (or the refund statute for a refund)",
        ["filing status", "refund offsets (TC 826/898) and levy notices on file", "CSEDs"],
        [
            "which spouse asks, and what that spouse knew",
            "collection activity not on the documents",
            "whether the spouses are divorced or separated (6015(c))",
        ],
    )


def _amended_option(amended: dict[str, dict[str, Any]]) -> dict[str, Any]:
    found = {cid: a for cid, a in sorted(amended.items()) if a.get("candidate") or a.get("remedy")}
    figures = {
        cid: {
            "direction": a.get("direction"),
            "deadline": a.get("deadline"),
            "remedy": (a.get("remedy") or {}).get("kind", "amended_return"),
        }
        for cid, a in found.items()
    }
    why = "the documents change the return" if found else "the documents agree with the returns"
    return option(
        "amended_return", bool(found), figures, why, ["the cross-check findings of each year"], []
    )


def _professional(findings: list[dict[str, Any]], s: Situation) -> dict[str, Any]:
    reasons = sorted({COMPLEX_RULES[f["rule"]] for f in findings if f["rule"] in COMPLEX_RULES})
    if s.assessed > STREAMLINED_LIMIT:
        reasons.append("a balance over $50,000")
    why = "; ".join(reasons) if reasons else "nothing on the account needs representation"
    return option("professional_help", bool(reasons), {}, why, ["the findings"], [])
