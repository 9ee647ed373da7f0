"""Synthetic taxpayers and employers shared by every sample family's generator.

SSNs are only in never-issued ranges (area 000, 666 or 900-999), so no real person is
named; EINs look valid (NN-NNNNNNN) but belong to no real business.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    first: str
    initial: str
    last: str
    ssn: str  # NNN-NN-NNNN, never-issued area
    street: str
    city_state_zip: str

    @property
    def name(self) -> str:
        """The name as forms print it: `JANE Q DOE`."""
        return " ".join(p for p in (self.first, self.initial, self.last) if p)

    @property
    def first_and_initial(self) -> str:
        return " ".join(p for p in (self.first, self.initial) if p)

    @property
    def last4(self) -> str:
        return self.ssn[-4:]

    @property
    def ssn_digits(self) -> str:
        return self.ssn.replace("-", "")


@dataclass(frozen=True)
class Company:
    name: str
    ein: str  # NN-NNNNNNN
    street: str
    city_state_zip: str
    state: str
    state_id: str

    @property
    def address_block(self) -> str:
        return f"{self.name}\n{self.street}\n{self.city_state_zip}"

    @property
    def ein_digits(self) -> str:
        return self.ein.replace("-", "")


JANE = Person("JANE", "Q", "DOE", "900-12-3456", "742 EVERGREEN TER", "SPRINGFIELD IL 62704")
JOHN = Person("JOHN", "A", "SAMPLE", "666-40-1234", "18 HARBOR VIEW RD", "OAKLAND CA 94607")
MARIA = Person("MARIA", "L", "TESTER", "000-55-7788", "2201 PINE ST APT 4", "DENVER CO 80205")
ROBERT = Person("ROBERT", "", "EXAMPLE", "987-65-4329", "9 ELM CT", "AUSTIN TX 78701")
LINDA = Person("LINDA", "M", "PLACEHOLDER", "955-01-2468", "55 LAKE SHORE DR", "CHICAGO IL 60611")

PEOPLE = (JANE, JOHN, MARIA, ROBERT, LINDA)

ACME = Company(
    "ACME TOOL AND DIE INC",
    "12-3456789",
    "100 INDUSTRIAL PKWY",
    "PEORIA IL 61602",
    "IL",
    "1234-5678",
)
BAYSIDE = Company(
    "BAYSIDE COFFEE ROASTERS LLC",
    "94-1234567",
    "500 EMBARCADERO",
    "SAN FRANCISCO CA 94111",
    "CA",
    "123-4567-8",
)
GLOBEX = Company(
    "GLOBEX LOGISTICS CORP",
    "84-7654321",
    "3100 BLAKE ST",
    "DENVER CO 80205",
    "CO",
    "98765432",
)
INITECH = Company(
    "INITECH SOFTWARE SERVICES",
    "74-2223334",
    "1 TECH PLAZA",
    "AUSTIN TX 78701",
    "TX",
    "",
)
NORTHWIND = Company(
    "NORTHWIND HEALTH PARTNERS",
    "36-9988776",
    "77 W WACKER DR",
    "CHICAGO IL 60601",
    "IL",
    "4455-6677",
)

COMPANIES = (ACME, BAYSIDE, GLOBEX, INITECH, NORTHWIND)


def all_ssns() -> list[str]:
    """Every full SSN the samples use, dashed, for leak tests."""
    return [p.ssn for p in PEOPLE]
