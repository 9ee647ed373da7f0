"""Group document records into cases: one return, i.e. a taxpayer (and spouse) and one tax year.

Records join a case by tax year, recipient TIN last four and name control (the first four
letters of the last name, as transcripts print it). Returns, account and Wage and Income
transcripts anchor a taxpayer; a return naming a spouse brings the spouse's documents in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from backtax.extractors.record import INFORMATION_RETURN_TYPES, DocumentRecord

RETURN_TYPES = ("IRS-RETURN-TRANSCRIPT", "IRS-RECORD-OF-ACCOUNT", "1040")
ACCOUNT_TYPES = ("IRS-ACCOUNT-TRANSCRIPT", "IRS-RECORD-OF-ACCOUNT")
WAGE_INCOME = "IRS-WAGE-INCOME-TRANSCRIPT"
ANCHOR_TYPES = (*RETURN_TYPES, "IRS-ACCOUNT-TRANSCRIPT", "1040-X", "IRS-NOTICE", WAGE_INCOME)
INFO_RETURN_TYPES = INFORMATION_RETURN_TYPES
_SUFFIXES = {"JR", "SR", "II", "III", "IV", "V", "MD", "PHD", "ESQ"}


def name_control(name: str | None) -> str | None:
    """First four letters of the last name (`JANE Q DOE JR` -> `DOE`, `LIND BERG` -> `BERG`)."""
    if not name:
        return None
    words = [re.sub(r"[^A-Z]", "", w) for w in name.upper().replace("&", " ").split()]
    words = [w for w in words if w and w not in _SUFFIXES]
    return words[-1][:4] if words else None


def controls_agree(a: str | None, b: str | None) -> bool:
    """Name controls agree when either is unknown or one is a prefix of the other (masking)."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def record_ref(record: DocumentRecord) -> str:
    """The contract's document id: `sha256:page-range`."""
    pages = sorted(record.pages) or [0]
    span = str(pages[0]) if pages[0] == pages[-1] else f"{pages[0]}-{pages[-1]}"
    return f"{record.sha256}:{span}"


def spouse_of(record: DocumentRecord) -> tuple[str | None, str | None]:
    """The spouse's TIN last four and name control named on a return or account transcript."""
    last4 = record.fields.get("spouse_tin_last4") or record.extra.get("spouse_tin_last4")
    control = record.fields.get("spouse_name_control")
    name = record.fields.get("spouse_name") or record.extra.get("spouse_name")
    return last4, control or name_control(name)


def record_control(record: DocumentRecord) -> str | None:
    """The recipient's name control: from the printed name, else as the transcript gave it."""
    return name_control(record.recipient_name) or record.fields.get("name_control")


@dataclass
class Taxpayer:
    """A person (and spouse) as the anchors of one year name them."""

    last4: str
    control: str | None
    spouse_last4: str | None = None
    spouse_control: str | None = None
    anchored: bool = False

    def holds(self, last4: str, control: str | None) -> bool:
        if last4 == self.last4 and controls_agree(control, self.control):
            return True
        return last4 == self.spouse_last4 and controls_agree(control, self.spouse_control)


@dataclass
class IdentityNote:
    """Why a record joined a case though its identity does not fully agree."""

    record: DocumentRecord
    kind: str  # "tin" (name agrees, last four differs) or "name" (last four agrees, name differs)
    expected_last4: str
    expected_control: str | None


@dataclass
class Case:
    case_id: str
    tax_year: int
    taxpayer: Taxpayer
    records: list[DocumentRecord] = field(default_factory=list)
    identity_notes: list[IdentityNote] = field(default_factory=list)

    @property
    def recipient_tin_last4(self) -> str:
        return self.taxpayer.last4

    def of_type(self, *doc_types: str) -> list[DocumentRecord]:
        return [r for r in self.records if r.doc_type in doc_types]


@dataclass
class Grouping:
    cases: list[Case]
    unassigned: list[DocumentRecord]
    year_mismatches: list[tuple[DocumentRecord, Case, list[int]]]
    """Documents whose year matches none of their taxpayer's returns or transcripts."""


def group_cases(records: list[DocumentRecord]) -> Grouping:
    """Group records into cases; records with no year or recipient stay unassigned."""
    unassigned = [r for r in records if not r.tax_year or not r.recipient_tin_last4]
    by_year: dict[int, list[DocumentRecord]] = defaultdict(list)
    for r in records:
        if r.tax_year and r.recipient_tin_last4:
            by_year[r.tax_year].append(r)
    year_people: dict[int, list[tuple[Taxpayer, list[DocumentRecord], list[IdentityNote]]]] = {}
    for year, recs in sorted(by_year.items()):
        year_people[year] = _group_year(recs)
    cases = _name_cases(year_people)
    return Grouping(cases, unassigned, _year_mismatches(cases))


def _group_year(
    recs: list[DocumentRecord],
) -> list[tuple[Taxpayer, list[DocumentRecord], list[IdentityNote]]]:
    people = _People()
    order = {t: i for i, t in enumerate((*RETURN_TYPES, "IRS-ACCOUNT-TRANSCRIPT"))}
    anchors = sorted(
        (r for r in recs if r.doc_type in ANCHOR_TYPES), key=lambda r: order.get(r.doc_type, 99)
    )
    for r in anchors:
        last4, control = r.recipient_tin_last4 or "", record_control(r)
        spouse_last4, spouse_control = spouse_of(r)
        person = people.find(last4, control)
        if person is None:
            person = people.add(Taxpayer(last4, control, anchored=True))
        tp = person[0]
        tp.control = tp.control or control if last4 == tp.last4 else tp.control
        if spouse_last4 and not tp.spouse_last4:
            tp.spouse_last4, tp.spouse_control = spouse_last4, spouse_control
            people.index(person, spouse_last4)
        person[1].append(r)

    loose: dict[tuple[str, str | None], list[DocumentRecord]] = defaultdict(list)
    for r in recs:
        if r.doc_type in ANCHOR_TYPES:
            continue
        person = people.find(r.recipient_tin_last4 or "", record_control(r))
        if person:
            person[1].append(r)
        else:
            loose[(r.recipient_tin_last4 or "", record_control(r))].append(r)

    near = _NearIndex(people.all)
    for (last4, control), docs in loose.items():
        person, note = near.match(last4, control)
        if person is None:
            person = people.find(last4, control) or people.add(Taxpayer(last4, control))
        person[1].extend(docs)
        if note:
            person[2].extend(IdentityNote(d, note[0], note[1], note[2]) for d in docs)
    return people.all


Person = tuple[Taxpayer, list[DocumentRecord], list[IdentityNote]]


class _People:
    """A year's taxpayers in the order found, indexed by the TIN last fours they hold (their
    own and the spouse's), so that finding one is a look-up, not a scan of the year."""

    def __init__(self) -> None:
        self.all: list[Person] = []
        self._by_last4: dict[str, list[tuple[int, Person]]] = defaultdict(list)
        self._rank: dict[int, int] = {}

    def add(self, taxpayer: Taxpayer) -> Person:
        person: Person = (taxpayer, [], [])
        self._rank[id(person)] = len(self.all)
        self.all.append(person)
        self.index(person, taxpayer.last4)
        return person

    def index(self, person: Person, last4: str) -> None:
        entries = self._by_last4[last4]
        entry = (self._rank[id(person)], person)
        if all(p is not person for _, p in entries):
            entries.append(entry)
            entries.sort(key=lambda e: e[0])  # the first found first, as a scan would

    def find(self, last4: str, control: str | None) -> Person | None:
        """The first taxpayer found who holds this last four and name control."""
        return next(
            (p for _, p in self._by_last4.get(last4, ()) if p[0].holds(last4, control)), None
        )


class _NearIndex:
    """The anchored taxpayers by last four and by name control (own and spouse's), for
    `_near_match` on the few that share one with the documents, in the order found."""

    def __init__(self, people: list[Person]) -> None:
        self.people = people
        self.keys: dict[tuple[str, str], list[int]] = defaultdict(list)
        for rank, (tp, _, _) in enumerate(people):
            if not tp.anchored:
                continue
            for last4, control in ((tp.last4, tp.control), (tp.spouse_last4, tp.spouse_control)):
                if last4 is not None:
                    self.keys["tin", last4].append(rank)
                    if control:
                        self.keys["name", control].append(rank)
        self.anchored_last4 = {p[0].last4 for p in people} | {p[0].spouse_last4 for p in people}

    def match(self, last4: str, control: str | None) -> tuple[Person | None, tuple | None]:
        ranks = sorted(
            set(self.keys.get(("tin", last4), ()))
            | set(self.keys.get(("name", control), ()) if control else ())
        )
        return _near_match([self.people[i] for i in ranks], last4, control, self.anchored_last4)


def _near_match(
    people: list, last4: str, control: str | None, anchored_last4: set[str | None]
) -> tuple[tuple | None, tuple[str, str, str | None] | None]:
    """An anchored taxpayer these documents nearly match: same last four or same name control."""
    for person in people:
        tp: Taxpayer = person[0]
        if not tp.anchored:
            continue
        for p_last4, p_control in ((tp.last4, tp.control), (tp.spouse_last4, tp.spouse_control)):
            if p_last4 is None:
                continue
            if last4 == p_last4 and not controls_agree(control, p_control):
                return person, ("name", p_last4, p_control)
            if control and p_control and last4 not in anchored_last4 and control == p_control:
                return person, ("tin", p_last4, p_control)
    return None, None


def _name_cases(year_people: dict[int, list]) -> list[Case]:
    controls: dict[str, set[str]] = defaultdict(set)
    for people in year_people.values():
        for tp, _, _ in people:
            if tp.control:
                controls[tp.last4].add(tp.control)
    cases = []
    for year, people in year_people.items():
        for tp, recs, notes in people:
            shared = len(controls[tp.last4]) > 1 and tp.control
            case_id = f"{tp.last4}-{tp.control}-{year}" if shared else f"{tp.last4}-{year}"
            cases.append(Case(case_id, year, tp, recs, notes))
    return cases


def _year_mismatches(cases: list[Case]) -> list[tuple[DocumentRecord, Case, list[int]]]:
    """Paper documents in a year where their taxpayer has no return or transcript, but has some."""
    anchored_years: dict[tuple[str, str | None], set[int]] = defaultdict(set)
    for case in cases:
        if any(r.doc_type in ANCHOR_TYPES for r in case.records):
            anchored_years[(case.taxpayer.last4, case.taxpayer.control)].add(case.tax_year)
    by_last4: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for k in anchored_years:  # in the order found, as a scan of them would meet them
        by_last4[k[0]].append(k)
    out = []
    for case in cases:
        key = next(
            (
                k
                for k in by_last4.get(case.taxpayer.last4, ())
                if controls_agree(k[1], case.taxpayer.control)
            ),
            None,
        )
        if key is None or case.tax_year in anchored_years[key]:
            continue
        out.extend(
            (r, case, sorted(anchored_years[key]))
            for r in case.records
            if r.doc_type in INFO_RETURN_TYPES
        )
    return out


def linking_keys(record: DocumentRecord) -> set[str]:
    """What can put this record in a case with another: `group_cases` relates records only
    through a shared TIN last four (the recipient's or a spouse's) or an equal name control
    (a near match), so records sharing no key, directly or through others, are grouped and
    checked the same together or apart. The file is a key too: findings outside any case
    are known by their evidence's file."""
    keys = {f"file:{record.source}"}
    spouse_last4, spouse_control = spouse_of(record)
    keys |= {f"tin:{t}" for t in (record.recipient_tin_last4, spouse_last4) if t}
    keys |= {f"name:{c}" for c in (record_control(record), spouse_control) if c}
    return keys
