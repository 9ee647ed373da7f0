"""Statute dates to the day: refund statute and look-back, assessment statute, collection statute.

Refund (IRC 6511): a claim is due within 3 years of filing the return or 2 years of paying the
tax, whichever is later. An early return counts as filed on the prescribed day (6513(a));
withholding, estimated tax and refundable credits count as paid on it (6513(b)); IRC 7503
moves the last day of a claim period past weekends and holidays but not those deemed days
(Rev. Rul. 2003-41). The refund is limited to the tax paid in the 3 years (plus any extension
to file) before the claim, or in the 2 years before it when the claim is later
(6511(b)(2)(A), (B)); a claim timely only by 7503 looks back from the period's last day
(Rev. Rul. 66-118), and the 2019/2020 postponements lengthen the look-back (Notice 2023-21).
Assessment (IRC 6501(a), (b)(1), (c)(3), (e)): 3 years from filing, 6 with a 25% omission,
open while no return is filed. Collection (IRC 6502): 10 years from each assessment, plus the
days collection was suspended, overlapping suspensions counted once (IRM 5.1.19.3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pandas as pd
from dateutil.relativedelta import relativedelta

from backtax.validators import taxtables
from backtax.validators.cases import RETURN_TYPES
from backtax.validators.deadlines import YearDates, next_business_day, year_dates
from backtax.validators.tables import CaseTables

PAYMENT_CODES = {"610", "640", "660", "670", "680", "706", "710", "716", "766", "768", "806"}
DEEMED_AT_DUE_DATE = {"660", "710", "716", "766", "768", "806", "807"}
WITHHELD = {"806", "807", "766", "768"}  # deemed paid on the prescribed day whenever posted
ZERO = Decimal(0)


def iso(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


# ------------------------------------------------------------------------ filing


@dataclass(frozen=True)
class Filing:
    """When the return counts as filed, and what the documents say of it."""

    filed: date | None
    """The day counted for IRC 6511 and 6501: the received day, or the prescribed day if early."""
    received: date | None
    basis: str


def _original_posted(t: CaseTables) -> bool:
    originals = t.transactions[t.transactions["code"] == "150"]
    if originals.empty:
        return t.has_return()
    return not originals["explanation"].str.lower().str.contains("substitute").any()


def filing(t: CaseTables) -> Filing:
    """The return's filing day: the return transcript's received date, else the account's."""
    dates = year_dates(t.case.tax_year)
    if not _original_posted(t):
        return Filing(None, None, "no original return has posted (no TC 150, or an SFR)")
    for rec in t.case.of_type(*RETURN_TYPES):
        received = iso(rec.fields.get("received_date"))
        if received:
            return _counted(dates, received, f"received {received} ({rec.doc_type})")
    acct = t.account()
    printed = iso(acct.fields.get("return_due_or_received_date")) if acct else None
    if printed and printed > dates.due:
        return _counted(dates, printed, f"received {printed} (account transcript)")
    if not printed and not t.has_return():
        posted = t.transactions.loc[t.transactions["code"] == "150", "date"].map(iso).dropna()
        return Filing(
            dates.deemed,
            None,
            f"TC 150 posted{f' on {min(posted)}' if len(posted) else ''}, no received date on "
            f"the transcripts: counted as filed on time, on {dates.deemed}",
        )
    if printed or t.has_return():
        return Filing(
            dates.deemed,
            None,
            f"received on or before the due date {dates.due} (the transcripts print no later "
            f"date): counted as filed on {dates.deemed} (IRC 6513(a)); a return received on "
            f"{dates.due} itself would count from that day",
        )
    return Filing(None, None, "no return on file")


def _counted(dates: YearDates, received: date, basis: str) -> Filing:
    if received <= dates.deemed:
        return Filing(dates.deemed, received, f"{basis}, early: counted as filed on "
                      f"{dates.deemed} (IRC 6513(a); Rev. Rul. 2003-41)")  # fmt: skip
    return Filing(received, received, basis)


# ------------------------------------------------------------------------ refund statute


@dataclass(frozen=True)
class Payment:
    paid: date
    amount: Decimal
    code: str


def payments(transactions: pd.DataFrame, dates: YearDates) -> list[Payment]:
    """Tax paid, each on the day it counts as paid (withholding and estimates: 6513(b))."""
    out = []
    for _, row in transactions.iterrows():
        code, when = row["code"], iso(row["date"])
        if when is None or (code not in PAYMENT_CODES and code != "807"):
            continue
        if code in WITHHELD or (code in DEEMED_AT_DUE_DATE and when < dates.statutory):
            when = dates.statutory
        out.append(Payment(when, -row["amount"], code))
    return out


@dataclass(frozen=True)
class RefundStatute:
    deadline: date
    filed: date | None
    paid: date | None
    basis: str
    three_year: date | None
    two_year: date | None
    lookback_extra_days: int = 0
    payments: tuple[Payment, ...] = field(default=())

    def recoverable(self, claim: date) -> tuple[Decimal, str]:
        """The most a claim made on `claim` can recover (IRC 6511(b)(2)), and why."""
        if self.three_year and claim <= self.three_year:
            unadjusted = self.filed + relativedelta(years=3) if self.filed else claim
            measured = min(claim, unadjusted)
            start = measured - relativedelta(years=3) - timedelta(days=self.lookback_extra_days)
            rule = (
                f"tax paid on or after {start} (3 years before the claim"
                + (f" plus {self.lookback_extra_days} days" if self.lookback_extra_days else "")
                + ", IRC 6511(b)(2)(A))"
            )
        else:
            start = claim - relativedelta(years=2)
            rule = f"tax paid on or after {start} (2 years before the claim, IRC 6511(b)(2)(B))"
        if claim > self.deadline:
            return ZERO, f"the claim is late (deadline {self.deadline})"
        paid = sum((p.amount for p in self.payments if start <= p.paid <= claim), ZERO)
        return max(ZERO, paid), rule


def refund_statute(t: CaseTables) -> RefundStatute:
    """The year's refund claim deadline (IRC 6511(a)) with its basis and look-back."""
    dates = year_dates(t.case.tax_year)
    paid = payments(t.transactions, dates)
    filed = filing(t)
    last = max((p.paid for p in paid if p.amount > 0), default=None)
    two = next_business_day(last + relativedelta(years=2)) if last else None
    extra = dates.postponement_days + (183 if (t.transactions["code"] == "460").any() else 0)
    if filed.filed is None:
        # The late original return is itself the claim: it recovers withholding deemed paid on
        # the prescribed day only within the 3-year look-back (6511(b)(2)(A)).
        three = next_business_day(
            dates.statutory + relativedelta(years=3) + timedelta(days=dates.postponement_days)
        )
        basis = (
            f"no return filed: an original return filed by {three} recovers the tax deemed paid "
            f"on {dates.statutory} (IRC 6511(b)(2)(A), 6513(b)"
            + ("; Notice 2023-21" if dates.postponement_days else "")
            + ")"
        )
        return RefundStatute(three, None, last, basis, three, two, extra, tuple(paid))
    three = next_business_day(filed.filed + relativedelta(years=3))
    basis = f"3 years from the filing on {filed.filed} ({filed.basis})"
    if three != filed.filed + relativedelta(years=3):
        basis += f"; {filed.filed + relativedelta(years=3)} is a weekend or holiday (IRC 7503)"
    if two and two > three:
        return RefundStatute(
            two, filed.filed, last, f"2 years from the payment of {last}", three, two, extra,
            tuple(paid),
        )  # fmt: skip
    return RefundStatute(three, filed.filed, last, basis, three, two, extra, tuple(paid))


# ------------------------------------------------------------------------ assessment statute


@dataclass(frozen=True)
class AssessmentStatute:
    ased: date | None
    basis: str


def assessment_statute(t: CaseTables, omission_share: Decimal | None = None) -> AssessmentStatute:
    """IRC 6501: 3 years from filing (6 with an omission over 25% of gross income)."""
    filed = filing(t)
    if filed.filed is None:
        return AssessmentStatute(None, "no return filed: assessable at any time (6501(c)(3))")
    if omission_share is not None and omission_share > Decimal("0.25"):
        return AssessmentStatute(
            filed.filed + relativedelta(years=6),
            f"6 years from {filed.filed}: income omitted is {omission_share:.0%} of the gross "
            "income reported, over 25% (IRC 6501(e)(1)(A))",
        )
    return AssessmentStatute(
        filed.filed + relativedelta(years=3), f"3 years from the filing on {filed.filed} (6501(a))"
    )


def omission_share(t: CaseTables, omitted: Decimal) -> Decimal | None:
    reported = t.line("total_income")[0]
    return omitted / reported if reported else None


# ------------------------------------------------------------------------ collection statute


@dataclass(frozen=True)
class Suspension:
    reason: str
    start: date
    end: date
    note: str = ""

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "reason": self.reason,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "days": self.days,
        }
        if self.note:
            out["note"] = self.note
        return out


def _action_code(row: pd.Series) -> str | None:
    text = f"{row['detail']} {row['explanation']}".lower()
    m = re.search(r"\b(?:ac\s*)?0?(43|44|63|64|65)\b", text)
    if m:
        return f"0{m.group(1)}"
    if "pending installment" in text:
        return "043"
    if "installment agreement" in text and ("establish" in text or "granted" in text):
        return "063"
    if "installment agreement" in text and ("terminat" in text or "default" in text):
        return "064"
    if "innocent spouse" in text:
        return "065"
    return None


def litigation_kind(row: pd.Series) -> str:
    """TC 520's kind from its closing code or wording: bankruptcy, cdp, or unknown."""
    text = f"{row['detail']} {row['explanation']}".lower()
    m = re.search(r"\b(?:cc|closing code)\s*(\d{2})\b", text)
    if m:
        cc = int(m.group(1))
        if 60 <= cc <= 67 or 81 <= cc <= 85:
            return "bankruptcy"
        if cc in (76, 77):
            return "cdp"
        return "litigation"
    if "bankrupt" in text and "other" not in text:  # "Bankruptcy or other legal action"
        return "bankruptcy"
    if "collection due process" in text or "cdp" in text.split():
        return "cdp"
    return "unknown"


REASONS = {
    "bankruptcy": "bankruptcy (automatic stay plus 6 months, IRC 6503(h))",
    "cdp": "collection due process hearing (IRC 6330(e))",
    "litigation": "litigation (TC 520)",
    "unknown": "bankruptcy or other litigation (TC 520)",
}


def suspensions(transactions: pd.DataFrame, as_of: date) -> list[Suspension]:
    """CSED suspensions the transactions show (IRS_REFERENCE.md 5.1); open ones run to `as_of`."""
    out: list[Suspension] = []
    opened: dict[str, tuple[date, str]] = {}
    rows = transactions.assign(when=transactions["date"].map(iso)).dropna(subset=["when"])
    for _, row in rows.sort_values("when", kind="stable").iterrows():
        code, when = row["code"], row["when"]
        if code == "480":
            opened["offer"] = (when, "")
        elif code in ("481", "482", "483") and "offer" in opened:
            out.append(Suspension("offer in compromise pending (IRC 6331(k)(1))",
                                  opened.pop("offer")[0], when + timedelta(days=30)))  # fmt: skip
        elif code == "780" and "offer" in opened:
            out.append(Suspension("offer in compromise pending (IRC 6331(k)(1))",
                                  opened.pop("offer")[0], when))  # fmt: skip
        elif code == "520":
            opened["520"] = (when, litigation_kind(row))
        elif code == "521" and "520" in opened:
            start, kind = opened.pop("520")
            out.append(_litigation(kind, start, when))
        elif code == "971":
            ac = _action_code(row)
            if ac == "043":
                opened["ia"] = (when, "")
            elif ac in ("063", "044", "064") and "ia" in opened:
                extra = timedelta(days=0 if ac == "063" else 30)
                out.append(Suspension("installment agreement pending (IRC 6331(k)(2))",
                                      opened.pop("ia")[0], when + extra))  # fmt: skip
            elif ac == "065":
                opened["spouse"] = (when, "")
    for key, (start, kind) in opened.items():
        if start < as_of:
            reason = {"offer": "offer in compromise pending (IRC 6331(k)(1))",
                      "ia": "installment agreement pending (IRC 6331(k)(2))",
                      "spouse": "innocent spouse claim (IRC 6015(e)(2))"}.get(key)  # fmt: skip
            out.append(Suspension(reason or REASONS[kind], start, as_of, "still open"))
    return sorted(out, key=lambda s: s.start)


def _litigation(kind: str, start: date, end: date) -> Suspension:
    if kind == "bankruptcy":
        return Suspension(REASONS[kind], start, end + relativedelta(months=6))
    note = ""
    if kind == "unknown":
        note = (
            "the transcript does not say whether this TC 520 is a bankruptcy (6 more months, "
            "IRC 6503(h)) or a hearing or suit (none): counted without the 6 months"
        )
    return Suspension(REASONS[kind], start, end, note)


def merged_days(spans: list[tuple[date, date]]) -> int:
    """Days covered by the spans, a day covered twice counted once (IRM 5.1.19.3)."""
    total, reach = 0, None
    for start, end in sorted(spans):
        if reach is None or start > reach:
            total += (end - start).days
            reach = end
        elif end > reach:
            total += (end - reach).days
            reach = end
    return total


@dataclass(frozen=True)
class Assessment:
    code: str
    assessed: date
    amount: Decimal
    csed: date
    suspensions: tuple[Suspension, ...]
    row: int
    """The transaction's index in the case's transactions table."""
    suspended_days: int = 0
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "code": self.code,
            "date": self.assessed.isoformat(),
            "amount": f"{self.amount:.2f}",
            "csed": self.csed.isoformat(),
            "suspensions": [s.to_json() for s in self.suspensions],
            "suspended_days": self.suspended_days,
        }
        if self.notes:
            out["notes"] = list(self.notes)
        return out


def collection_statute(assessed: date, found: list[Suspension]) -> tuple[date, int, list[str]]:
    """CSED of one assessment: 10 years plus the suspended days after it, overlaps once."""
    applied = [(max(s.start, assessed), s.end) for s in found if s.end > assessed]
    days = merged_days(applied)
    csed = assessed + relativedelta(years=10) + timedelta(days=days)
    notes = []
    for s in found:
        if s.reason.startswith("collection due process") and s.end > assessed:
            floor = s.end + timedelta(days=90)
            if csed < floor:
                csed = floor
                notes.append(f"at least 90 days after the hearing ended on {s.end} (6330(e)(1))")
    overlap = sum((end - start).days for start, end in applied) - days
    if overlap > 0:
        notes.append(f"{overlap} overlapping day(s) of suspensions counted once (IRM 5.1.19.3)")
    return csed, days, notes


def assessments(transactions: pd.DataFrame, as_of: date) -> list[Assessment]:
    """Each assessment carrying its own CSED (TC 150, non-zero 290/300), with suspensions."""
    found = suspensions(transactions, as_of)
    out = []
    for index, row in transactions.iterrows():
        when = iso(row["date"])
        if (
            not when
            or row["amount"] <= 0
            or not taxtables.transaction_code(row["code"]).get("own_csed")
        ):
            continue
        csed, days, notes = collection_statute(when, found)
        applied = tuple(s for s in found if s.end > when)
        notes += [s.note for s in applied if s.note and s.note != "still open"]
        out.append(
            Assessment(row["code"], when, row["amount"], csed, applied, index, days, tuple(notes))
        )
    return out
