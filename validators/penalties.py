"""Failure-to-file and failure-to-pay additions and interest, computed from the account.

IRC 6651 as the data file states it: failure to file 5% a month or part (25% at most) of the
tax required to be shown less what was paid by the due date, reduced by the failure-to-pay
addition of the same month, and for a return over 60 days late at least the year's minimum or
the whole tax; failure to pay 0.5% a month or part of the unpaid tax shown (from 21 days after
notice and demand for tax assessed later), 0.25% while an installment agreement is in force
on a timely return, 1% from the month after the 10th day after a notice of intent to levy,
25% at most. Interest (IRC 6601, 6621, 6622) on tax from the due date, on the failure-to-file
addition from the due date with extensions, on other penalties from their assessment. The
estimated-tax penalty (IRC 6654) is taken as the transcript shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd
from dateutil.relativedelta import relativedelta

from backtax.validators import interest, statutes
from backtax.validators.deadlines import YearDates, year_dates
from backtax.validators.tables import CaseTables, to_decimal

ZERO = Decimal(0)
CENT = Decimal("0.01")
TAX_CODES = {"150", "290", "291", "298", "299", "300", "301", "308", "309"}
LATER_TAX = {"290", "300"}
FTF_CODES = {"160", "161", "166", "167"}
FTP_CODES = {"270", "271", "276", "277"}
INTEREST_CODES = {"196", "197", "336", "337", "340", "341"}
REFUND_CODES = {"826", "836", "840", "846", "898"}
LEVY_NOTICES = {"CP504", "CP90", "CP91", "LT11", "1058", "LT1058", "CP297"}


def _cents(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def _rate(name: str) -> Decimal:
    return Decimal(interest.data()["rates"][name])


def ftf_minimum(due: date) -> Decimal | None:
    value = interest.data()["ftf_minimum"]["by_due_year"].get(str(due.year))
    return Decimal(value) if value else None


def months_or_part(start: date, end: date) -> int:
    """Months or parts of a month from `start` to `end` (a month ends on the same day of the
    next month, Treas. Reg. 301.6651-1(b))."""
    if end <= start:
        return 0
    n = 0
    while start + relativedelta(months=n) < end:
        n += 1
    return n


@dataclass
class Facts:
    """What the account says about the year, as the engine needs it."""

    dates: YearDates
    due: date
    """Due date to file, with an extension if TC 460 shows one (7503 applied)."""
    due_unadjusted: date
    """The same without IRC 7503: where a late return's months start."""
    pay_due: date
    """Due date to pay: the prescribed day as postponed (extensions do not extend it)."""
    filed: date | None
    tax_shown: Decimal
    later_tax: list[tuple[date, Decimal]]
    paid_by_due: Decimal
    payments: list[tuple[date, Decimal]]
    agreements: list[tuple[date, date | None]]
    levy_notice: date | None
    notes: list[str] = field(default_factory=list)


def _when(row: pd.Series) -> date | None:
    return statutes.iso(row["date"])


def facts(t: CaseTables) -> Facts:
    dates = year_dates(t.case.tax_year)
    tx = t.transactions
    extended = bool((tx["code"] == "460").any())
    due = dates.extended_due() if extended else dates.due
    raw = dates.statutory + relativedelta(months=6) if extended else dates.deemed
    filed = statutes.filing(t)
    received = filed.received or filed.filed
    tax_shown = sum(tx.loc[tx["code"] == "150", "amount"], ZERO)
    later = [(_when(r), r["amount"]) for _, r in tx[tx["code"].isin(LATER_TAX)].iterrows()]
    pays = [(p.paid, p.amount) for p in statutes.payments(tx, dates)]
    paid_by_due = sum((a for d, a in pays if d <= dates.due), ZERO)
    notes = []
    if not tax_shown and later:  # a substitute for return: its assessment is the tax
        tax_shown, later = sum((a for _, a in later), ZERO), []
        notes.append("no tax on the original posting (SFR): the later assessment is the tax")
    return Facts(
        dates, due, raw, dates.deemed, received, tax_shown, [(d, a) for d, a in later if d],
        paid_by_due, sorted(p for p in pays if p[0] > dates.due), _agreements(tx), _levy(t),
        notes,
    )  # fmt: skip


def _agreements(tx: pd.DataFrame) -> list[tuple[date, date | None]]:
    """Installment agreements in force: TC 971 AC 063 until AC 064 (or still open)."""
    spans: list[tuple[date, date | None]] = []
    for _, row in tx[tx["code"] == "971"].sort_values("date", kind="stable").iterrows():
        ac = statutes._action_code(row)
        when = _when(row)
        if ac == "063" and when:
            spans.append((when, None))
        elif ac == "064" and when and spans and spans[-1][1] is None:
            spans[-1] = (spans[-1][0], when)
    return spans


def _levy(t: CaseTables) -> date | None:
    """The first notice of intent to levy: a levy notice on file or TC 971 saying so."""
    found = []
    for rec in t.case.of_type("IRS-NOTICE"):
        kind = str(rec.fields.get("notice_type", "")).upper().replace(" ", "")
        when = statutes.iso(rec.fields.get("notice_date"))
        if kind in LEVY_NOTICES and when:
            found.append(when)
    for _, row in t.transactions[t.transactions["code"] == "971"].iterrows():
        text = f"{row['detail']} {row['explanation']}".lower()
        if "intent to levy" in text and _when(row):
            found.append(_when(row))
    return min(found, default=None)


@dataclass
class Computed:
    """The additions and interest the law gives for the account, to one date."""

    to: date
    failure_to_file: Decimal
    failure_to_pay: Decimal
    interest: Decimal
    ftf_months: int
    ftp_months: int
    notes: list[str]
    rates: interest.Rates

    def to_json(self) -> dict[str, Any]:
        return {
            "to": self.to.isoformat(),
            "failure_to_file": f"{self.failure_to_file:.2f}",
            "failure_to_pay": f"{self.failure_to_pay:.2f}",
            "interest": f"{self.interest:.2f}",
            "failure_to_file_months": self.ftf_months,
            "failure_to_pay_months": self.ftp_months,
        }


def _ftp_month_rate(f: Facts, month_start: date, timely: bool) -> Decimal:
    if f.levy_notice and month_start > f.levy_notice + timedelta(days=10):
        return _rate("ftp_levy_month")
    in_force = any(s <= month_start and (e is None or month_start < e) for s, e in f.agreements)
    return _rate("ftp_ia_month") if in_force and timely else _rate("ftp_month")


def _paid(f: Facts, day: date) -> Decimal:
    return f.paid_by_due + sum((a for d, a in f.payments if d <= day), ZERO)


def failure_to_pay(f: Facts, to: date) -> tuple[Decimal, int, list[Decimal]]:
    """6651(a)(2) on the tax shown from the due date, (a)(3) on later tax from 21 days after
    its assessment; each month on the part unpaid at the month's start (payments go to the tax
    shown first, then to later tax in order); each part 25% at most."""
    timely = f.filed is not None and f.filed <= f.due
    if f.filed is None:
        timely = False
    parts = [(f.pay_due, ZERO, f.tax_shown)]
    above = f.tax_shown
    for when, amount in f.later_tax:
        parts.append((when + timedelta(days=21), above, amount))
        above += amount
    total, months, by_month = ZERO, 0, []
    for n, (start, below, size) in enumerate(parts):
        base = max(ZERO, size - max(ZERO, f.paid_by_due - below))
        charged, k = ZERO, 0
        while (month := start + relativedelta(months=k)) < to:
            unpaid = min(size, max(ZERO, below + size - _paid(f, month)))
            if unpaid <= 0 or charged >= base * _rate("ftp_max"):
                break
            step = unpaid * _ftp_month_rate(f, month, timely)
            step = min(step, base * _rate("ftp_max") - charged)
            charged += step
            if n == 0:
                by_month.append(step)
            k += 1
        total += charged
        months = max(months, k)
    return _cents(total), months, by_month


def failure_to_file(f: Facts, ftp_by_month: list[Decimal], to: date) -> tuple[Decimal, int, str]:
    """6651(a)(1) with 6651(c)(1) and the minimum for returns over 60 days late; a late return
    counts from the prescribed day (7503 helps only a return filed on its day)."""
    end = f.filed or to
    if end <= f.due:
        return ZERO, 0, ""
    start = f.due_unadjusted
    months = min(months_or_part(start, end), interest.data()["rates"]["ftf_max_months"])
    required = f.tax_shown + sum((a for _, a in f.later_tax), ZERO)
    net = max(ZERO, required - f.paid_by_due)
    monthly = [
        max(ZERO, net * _rate("ftf_month") - (ftp_by_month[m] if m < len(ftp_by_month) else ZERO))
        for m in range(months)
    ]
    amount = sum(monthly, ZERO)
    why = f"{months} month(s) or part late on {net:,.2f} of net tax"
    if f.filed is None:
        why += f" (no return filed: counted to {to}, growing until it is filed)"
    minimum = ftf_minimum(f.due)
    if (end - start).days > 60 and minimum is not None and amount < min(minimum, net):
        amount = min(minimum, net)
        why += f"; over 60 days late: the minimum of {minimum:,.2f} or the tax applies"
    return _cents(amount), months, why


def _assessed(tx: pd.DataFrame, codes: set[str]) -> Decimal:
    return sum(tx.loc[tx["code"].isin(codes), "amount"], ZERO)


def _interest_events(t: CaseTables, f: Facts, ftf: Decimal) -> list[tuple[date, Decimal]]:
    """The balance interest runs on: tax and timely payments from the due date, later payments
    from their day, the failure-to-file addition from the due date with extensions, other
    penalties from their assessment (IRC 6601(a), (e)(2)); assessed interest is left out, since
    this is what computes it."""
    events = [(f.pay_due, -f.paid_by_due), *((d, -a) for d, a in f.payments)]
    refund_window = (f.filed or f.dates.due) + timedelta(days=60)
    assessed_ftf = _assessed(t.transactions, FTF_CODES)
    events.append((f.due, assessed_ftf if (t.transactions["code"].isin(FTF_CODES)).any() else ftf))
    for _, row in t.transactions.iterrows():
        code, when, amount = row["code"], _when(row), row["amount"]
        skip = INTEREST_CODES | FTF_CODES | statutes.PAYMENT_CODES | {"807"}
        if when is None or code in skip or not amount:
            continue
        if code in TAX_CODES or (code in REFUND_CODES and when <= refund_window):
            events.append((f.pay_due, amount))  # tax from the due date; the return's own refund
        else:
            events.append((when, amount))
    return events


def compute(t: CaseTables, to: date) -> Computed:
    """Additions and interest the law gives the account from its due date to `to`."""
    f = facts(t)
    ftp, ftp_months, by_month = failure_to_pay(f, to)
    ftf, ftf_months, why = failure_to_file(f, by_month, to)
    rates = interest.Rates()
    owed = interest.accrue(_interest_events(t, f, ftf), f.pay_due, to, rates)
    notes = [*f.notes, why] if why else list(f.notes)
    return Computed(to, ftf, ftp, _cents(owed), ftf_months, ftp_months, notes, rates)


@dataclass
class Projection:
    """The account projected to a day: assessed balance plus the accruals not yet assessed."""

    to: date
    assessed_balance: Decimal
    accrued_interest: Decimal
    accrued_penalty: Decimal

    @property
    def total(self) -> Decimal:
        return self.assessed_balance + self.accrued_interest + self.accrued_penalty

    def to_json(self) -> dict[str, str]:
        return {
            "date": self.to.isoformat(),
            "assessed_balance": f"{self.assessed_balance:.2f}",
            "accrued_interest": f"{self.accrued_interest:.2f}",
            "accrued_penalty": f"{self.accrued_penalty:.2f}",
            "total": f"{self.total:.2f}",
        }


def computed_projection(t: CaseTables, to: date, computed: Computed | None = None) -> Projection:
    """The law's accruals from the due date, less what the transcript already assessed."""
    computed = computed or compute(t, to)
    tx = t.transactions
    balance = sum(tx["amount"], ZERO)
    if balance <= 0:
        return Projection(to, balance, ZERO, ZERO)
    accrued_i = max(ZERO, computed.interest - _assessed(tx, INTEREST_CODES))
    accrued_p = max(ZERO, computed.failure_to_pay - _assessed(tx, FTP_CODES))
    return Projection(to, balance, accrued_i, accrued_p)


def project(t: CaseTables, to: date, computed: Computed | None = None) -> Projection:
    """The account on `to`: the transcript's balance and accruals carried forward from their
    date (interest on the whole, failure-to-pay on the unpaid tax), or without accruals on the
    transcript, the law's own from the due date."""
    acct = t.account()
    fields = acct.fields if acct else {}
    since = statutes.iso(fields.get("accruals_as_of"))
    printed_i = to_decimal(fields.get("accrued_interest"))
    printed_p = to_decimal(fields.get("accrued_penalty"))
    balance = sum(t.transactions["amount"], ZERO)
    if balance <= 0:
        return Projection(to, balance, ZERO, ZERO)
    if since is None or since > to or (printed_i is None and printed_p is None):
        return computed_projection(t, to, computed)
    printed_i, printed_p = printed_i or ZERO, printed_p or ZERO
    base = balance + printed_i + printed_p
    more_i = interest.accrue([(since, base)], since, to, interest.Rates())
    f = facts(t)
    more_p = failure_to_pay(f, to)[0] - failure_to_pay(f, since)[0]
    return Projection(to, balance, _cents(printed_i + more_i), _cents(printed_p + more_p))


STALE_DAYS = 30


def _differs(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) > max(Decimal(1), abs(b) * Decimal("0.02"))


def reconcile(t: CaseTables, as_of: date) -> dict[str, Any]:
    """The transcript's accruals and penalties against the law's figures, with what differs."""
    acct = t.account()
    fields = acct.fields if acct else {}
    tx = t.transactions
    out: dict[str, Any] = {}
    notes: list[str] = []
    printed_i = to_decimal(fields.get("accrued_interest"))
    printed_p = to_decimal(fields.get("accrued_penalty"))
    when = statutes.iso(fields.get("accruals_as_of"))
    if when and (printed_i is not None or printed_p is not None):
        mine = computed_projection(t, when)
        out["accruals_as_of"] = when.isoformat()
        pairs = (
            ("accrued_interest", printed_i, mine.accrued_interest),
            ("accrued_penalty", printed_p, mine.accrued_penalty),
        )
        for name, printed, ours in pairs:
            if printed is None:
                continue
            out[name] = {"transcript": f"{printed:.2f}", "computed": f"{ours:.2f}"}
            if _differs(printed, ours):
                notes.append(f"the transcript's {name.replace('_', ' ')} of {printed:,.2f} to "
                             f"{when} differs from the {ours:,.2f} the law gives")  # fmt: skip
        implied = _implied_rate(t, when, printed_i)
        if implied is not None:
            out["implied_interest_rate"] = f"{implied:.4f}"
            top = max(interest.Rates().on(d) for d in (when, when - timedelta(days=365)))
            if implied > top + Decimal("0.01"):
                notes.append(f"the accrued interest implies {implied:.1%} a year, above the "
                             f"{top:.0%} the law sets (IRC 6621)")  # fmt: skip
        if (as_of - when).days > STALE_DAYS:
            notes.append(f"the transcript's accruals stop on {when}, {(as_of - when).days} days "
                         f"before {as_of}: the projection below carries them forward")  # fmt: skip
    assessed_ftf = _assessed(tx, FTF_CODES)
    computed = compute(t, as_of)
    if assessed_ftf and computed.failure_to_file > assessed_ftf + 1:
        notes.append(f"the failure-to-file addition assessed ({assessed_ftf:,.2f}) is below the "
                     f"{computed.failure_to_file:,.2f} IRC 6651(a)(1) gives "
                     f"({'; '.join(computed.notes)})")  # fmt: skip
    out["notes"] = notes
    return out


def _implied_rate(t: CaseTables, when: date, printed: Decimal | None) -> Decimal | None:
    """The yearly rate the transcript's accrued interest implies on the balance it ran on."""
    tx = t.transactions
    balance = sum(tx["amount"], ZERO)
    dated = [statutes.iso(d) for d in tx.loc[tx["code"].isin(INTEREST_CODES), "date"]]
    since = max((d for d in dated if d), default=year_dates(t.case.tax_year).deemed)
    days = (when - since).days
    if not printed or balance <= 0 or days < 30:
        return None
    return printed / balance * Decimal(365) / Decimal(days)


def unpaid_tax(transactions: pd.DataFrame) -> Decimal:
    """Tax (not penalties or interest) still owed: tax assessed less payments and credits kept."""
    tx = transactions
    tax = _assessed(tx, TAX_CODES)
    credits = _assessed(tx, statutes.PAYMENT_CODES | {"807"}) + _assessed(tx, REFUND_CODES)
    balance = sum(tx["amount"], ZERO)
    return max(ZERO, min(balance, tax + credits))
