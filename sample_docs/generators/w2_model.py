"""What a W-2 or W-2c says, independent of how it is drawn, and its expected record."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sample_docs.generators.people import Company, Person

CENT = Decimal("0.01")

BOX_FIELDS = {
    1: "box1_wages",
    2: "box2_federal_tax_withheld",
    3: "box3_ss_wages",
    4: "box4_ss_tax_withheld",
    5: "box5_medicare_wages",
    6: "box6_medicare_tax_withheld",
    7: "box7_ss_tips",
    8: "box8_allocated_tips",
    10: "box10_dependent_care_benefits",
    11: "box11_nonqualified_plans",
}

SS_WAGE_BASE = {2023: Decimal("160200"), 2024: Decimal("168600")}


def money(value: str | int | Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def money_text(value: Decimal) -> str:
    """The contract's money string: `"32.00"`, `"52345.67"`."""
    return f"{money(value):f}"


@dataclass(frozen=True)
class StateLine:
    state: str
    employer_state_id: str = ""
    state_wages: Decimal | None = None
    state_tax: Decimal | None = None
    local_wages: Decimal | None = None
    local_tax: Decimal | None = None
    locality: str = ""

    def expected(self) -> dict[str, str]:
        out = {"state": self.state}
        pairs = (
            ("employer_state_id", self.employer_state_id or None),
            ("box16_state_wages", self.state_wages),
            ("box17_state_income_tax", self.state_tax),
            ("box18_local_wages", self.local_wages),
            ("box19_local_income_tax", self.local_tax),
            ("box20_locality", self.locality or None),
        )
        for key, value in pairs:
            if value is not None:
                out[key] = money_text(value) if isinstance(value, Decimal) else value
        return out


@dataclass(frozen=True)
class W2:
    """One wage statement. For a W-2c, `amounts` are the correct values of the boxes
    being corrected and `previous` the previously reported ones."""

    employee: Person
    employer: Company
    tax_year: int
    amounts: dict[int, Decimal]
    box12: tuple[tuple[str, Decimal], ...] = ()
    statutory: bool = False
    retirement: bool = False
    third_party_sick: bool = False
    box14: tuple[tuple[str, Decimal], ...] = ()
    states: tuple[StateLine, ...] = ()
    control_number: str = ""
    previous: dict[int, Decimal] = field(default_factory=dict)
    previous_states: tuple[StateLine, ...] = ()

    @property
    def corrected(self) -> bool:
        return bool(self.previous)

    @property
    def doc_type(self) -> str:
        return "W-2c" if self.corrected else "W-2"

    def expected(self, pages: list[int]) -> dict[str, Any]:
        """The expected document record, written from the values put on the form."""
        fields: dict[str, Any] = {
            BOX_FIELDS[n]: money_text(v) for n, v in sorted(self.amounts.items())
        }
        if self.box12:
            fields["box12"] = [{"code": c, "amount": money_text(a)} for c, a in self.box12]
        if not self.corrected:
            fields["box13_statutory_employee"] = self.statutory
            fields["box13_retirement_plan"] = self.retirement
            fields["box13_third_party_sick_pay"] = self.third_party_sick
        if self.box14:
            fields["box14_other"] = [
                {"label": lbl, "amount": money_text(a)} for lbl, a in self.box14
            ]
        if self.states:
            fields["state"] = [s.expected() for s in self.states]
        return {
            "doc_type": self.doc_type,
            "tax_year": self.tax_year,
            "corrected": self.corrected,
            "pages": pages,
            "payer_tin": self.employer.ein,
            "payer_name": self.employer.name,
            "recipient_tin_last4": self.employee.last4,
            "recipient_name": self.employee.name,
            "fields": fields,
        }


def payroll_amounts(
    year: int,
    gross: str,
    *,
    federal: str,
    deferral: str = "0",
    cafeteria: str = "0",
    ss_tips: str | None = None,
    allocated_tips: str | None = None,
    dependent_care: str | None = None,
    nonqualified: str | None = None,
) -> dict[int, Decimal]:
    """Boxes 1-11 following the payroll rules: 401(k) deferrals leave box 1 only,
    section 125 leaves boxes 1, 3 and 5; SS tax 6.2% up to the wage base, Medicare 1.45%
    (plus 0.9% over 200,000)."""
    pay = money(gross) - money(cafeteria)
    ss_wages = min(pay, SS_WAGE_BASE[year])
    tips = money(ss_tips) if ss_tips else Decimal(0)
    medicare = pay + tips
    extra = max(Decimal(0), medicare - 200000) * Decimal("0.009")
    boxes = {
        1: pay - money(deferral) + tips,
        2: money(federal),
        3: ss_wages,
        4: money((ss_wages + tips) * Decimal("0.062")),
        5: medicare,
        6: money(medicare * Decimal("0.0145") + extra),
    }
    optional = {7: ss_tips, 8: allocated_tips, 10: dependent_care, 11: nonqualified}
    boxes.update({n: money(v) for n, v in optional.items() if v})
    return boxes
