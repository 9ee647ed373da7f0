"""Statute dates from an account transcript: refund statute, assessment statute, CSED.

IRC 6511(a): a refund claim is due within 3 years of filing or 2 years of payment, whichever
is later; an early return counts as filed on the due date and withholding and estimated tax
count as paid on it (IRC 6513). IRC 6502: each assessment is collectible for 10 years, plus the
suspensions the transcript shows (IRS_REFERENCE.md 5.1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pandas as pd
from dateutil.relativedelta import relativedelta

from extractors.record import DocumentRecord
from validators import taxtables

PAYMENT_CODES = {"610", "640", "660", "670", "680", "706", "710", "716", "806"}
DEEMED_AT_DUE_DATE = {"660", "710", "716", "806"}


def iso(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def filed_on(account: DocumentRecord | None, tax_year: int) -> date:
    """When the return counts as filed: the transcript's later of due and received date."""
    if account is not None:
        printed = iso(account.fields.get("return_due_or_received_date"))
        if printed:
            return printed
    return taxtables.return_due_date(tax_year)


def last_payment(transactions: pd.DataFrame, tax_year: int) -> date | None:
    """The latest payment or credit, with prepaid amounts counted as paid on the due date."""
    due = taxtables.return_due_date(tax_year)
    dates = []
    for _, row in transactions[transactions["code"].isin(PAYMENT_CODES)].iterrows():
        if row["amount"] >= 0:
            continue
        paid = iso(row["date"])
        if paid:
            dates.append(due if row["code"] in DEEMED_AT_DUE_DATE and paid < due else paid)
    return max(dates) if dates else None


@dataclass(frozen=True)
class RefundStatute:
    deadline: date
    filed: date
    paid: date | None
    basis: str


def refund_statute(
    account: DocumentRecord | None, transactions: pd.DataFrame, tax_year: int
) -> RefundStatute:
    filed = filed_on(account, tax_year)
    paid = last_payment(transactions, tax_year)
    three = filed + relativedelta(years=3)
    two = paid + relativedelta(years=2) if paid else None
    if two and two > three:
        return RefundStatute(two, filed, paid, f"2 years from the payment of {paid.isoformat()}")
    return RefundStatute(three, filed, paid, f"3 years from the filing on {filed.isoformat()}")


@dataclass(frozen=True)
class Suspension:
    reason: str
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def to_json(self) -> dict[str, object]:
        return {
            "reason": self.reason,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "days": self.days,
        }


def _action_code(row: pd.Series) -> str | None:
    text = f"{row['detail']} {row['explanation']}".lower()
    m = re.search(r"\b(?:ac\s*)?0?(43|44|63|64|65)\b", text)
    if m:
        return f"0{m.group(1)}"
    if "pending installment" in text:
        return "043"
    if "installment agreement" in text and "establish" in text:
        return "063"
    if "innocent spouse" in text:
        return "065"
    return None


def suspensions(transactions: pd.DataFrame, as_of: date) -> list[Suspension]:
    """CSED suspensions the transactions show (IRS_REFERENCE.md 5.1); open ones run to `as_of`."""
    out: list[Suspension] = []
    opened: dict[str, date] = {}
    rows = transactions.assign(when=transactions["date"].map(iso)).dropna(subset=["when"])
    for _, row in rows.sort_values("when", kind="stable").iterrows():
        code, when = row["code"], row["when"]
        if code == "480":
            opened["offer in compromise pending"] = when
        elif code in ("481", "482", "483") and "offer in compromise pending" in opened:
            start = opened.pop("offer in compromise pending")
            out.append(Suspension("offer in compromise pending", start, when + timedelta(days=30)))
        elif code == "780" and "offer in compromise pending" in opened:
            out.append(
                Suspension(
                    "offer in compromise pending", opened.pop("offer in compromise pending"), when
                )
            )
        elif code == "520":
            opened["bankruptcy or litigation"] = when
        elif code == "521" and "bankruptcy or litigation" in opened:
            start = opened.pop("bankruptcy or litigation")
            out.append(
                Suspension("bankruptcy or litigation", start, when + relativedelta(months=6))
            )
        elif code == "971":
            ac = _action_code(row)
            if ac == "043":
                opened["installment agreement pending"] = when
            elif ac in ("063", "044", "064") and "installment agreement pending" in opened:
                extra = timedelta(days=0 if ac == "063" else 30)
                out.append(
                    Suspension(
                        "installment agreement pending",
                        opened.pop("installment agreement pending"),
                        when + extra,
                    )
                )
            elif ac == "065":
                opened["innocent spouse claim"] = when
    out.extend(
        Suspension(reason, start, as_of) for reason, start in opened.items() if start < as_of
    )
    return sorted(out, key=lambda s: s.start)


@dataclass(frozen=True)
class Assessment:
    code: str
    assessed: date
    amount: Decimal
    csed: date
    suspensions: tuple[Suspension, ...]
    row: int
    """The transaction's index in the case's transactions table."""

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "date": self.assessed.isoformat(),
            "amount": f"{self.amount:.2f}",
            "csed": self.csed.isoformat(),
            "suspensions": [s.to_json() for s in self.suspensions],
        }


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
        applied = tuple(s for s in found if s.end >= when)
        csed = when + relativedelta(years=10) + timedelta(days=sum(s.days for s in applied))
        out.append(Assessment(row["code"], when, row["amount"], csed, applied, index))
    return out
