"""Wage and Income transcript: the header and one entry per information return listed.

Each information return is a block: a title line (`Form W-2 Wage and Tax Statement`), the
issuer's party section (`Employer:`, its TIN line, name, address), the recipient's, then
`Label:....value` lines named by the form's table in `wi_forms`.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from backtax.extractors.kinds import Extracted
from backtax.extractors.transcripts.layout import (
    UNREAD,
    TLine,
    clean_name,
    closest_label,
    content,
    iso_date,
    money,
    norm_label,
    one_word_more,
    snake,
    split_label_value,
)
from backtax.extractors.transcripts.split import WAGE_INCOME, Segment, title_kind
from backtax.extractors.transcripts.wi_forms import (
    FORMS,
    META_LABELS,
    W2_CODE_LINES,
    WIForm,
    WILine,
    form_for,
)
from backtax.extractors.values import full_ssn_digits, normalize_ein, tin_last4

_FORM_TITLE = re.compile(
    r"^Form\s+(?P<code>[A-Z0-9]{1,5}(?:-[A-Z0-9]{1,4})?)\b\s*(?P<title>[^:]*)$", re.I
)
# `Form` as OCR may misread it (`Farm`, `Form:`, `Forn`, `Fortt`, `Form.1098`, `Form .1099-DIV`), a
# speck in the title read as a colon (`Certain Gambling: Winnings`): a title only when the
# code is a form the W&I tables know and the rest of the line reads as that form's title.
_SLIPPED_TITLE = re.compile(
    r"^(?:F\w{2,4}|\w{1}orm)\W+(?P<code>[A-Z0-9]{1,5}(?:-[A-Z0-9]{1,4})?)\b\s*(?P<title>.*)$",
    re.I,
)
_NO_CODE = re.compile(r"^(?:F\w{3}|\w{1}orm)\W?\s+(?P<title>\D+)$")
_TITLE_LIKENESS = 0.8
_CODE_LINE = re.compile(r"^code\s+(?:([a-z]{1,2})\s+)?(.*)$")
# Masks as printed (`XXX-XX-1234`, `XXXXX1234`) and as OCR reads them (`XxXX-Xx-1234`,
# `KXX-XX-1234`: a fax's X read as K).
_TIN_VALUE = re.compile(r"(?i)[XK*\d]{2,4}-?[XK*\d]{1,3}-?\d{4}|[XK*\d]{2}-?[XK*\d]{3,5}\d{4}")
_TIN_LIKE = re.compile(r"(?i)[XK*\d][XK*\d\s-]*\d{4}")  # as OCR reads a TIN, masked or not
_TIN_TAIL = re.compile(r"(?i)number\W*\s*(?P<tin>[XK*\d][XK*\d\s-]*\d{4})\W*$")
"""A TIN at the end of its label's line, without the colon between, spaced by OCR."""
_SCRAPS = re.compile(r"^[^A-Za-z0-9*]+|[^A-Za-z0-9*]+$")
"""OCR's scraps around a TIN (`?+XXXXX4321`, `XXXXX4567°`, `XXX-XX-3456_`)."""
_CODE_VALUE = re.compile(r"[0-9A-Z]{1,4}")
"""A code as forms print it: a distribution code (`7`, `G`), a merchant category code."""
_PRIOR_YEAR = re.compile(r"^ty\s+(\d{4})\s+payments?$")
_TIN_LABEL = re.compile(
    r"identification|federal id|federal(?: \w+)? number|social security number|\b(ein|fin|tin)\b"
)  # `Federal IP Number`, `Trustee's Federal Number`: a fax lost or garbled `ID`


@dataclass
class _Party:
    tin: str | None = None
    lines: list[str] = field(default_factory=list)
    tin_read: bool = False
    """Its TIN line was read, value or not (OCR may lose the value)."""


@dataclass
class _Block:
    code: str
    title: str
    pages: set[int] = field(default_factory=set)
    parties: list[_Party] = field(default_factory=list)
    values: list[tuple[str, str]] = field(default_factory=list)


_CHECKED = {"checked", "yes", "y", "x", "true"}


def parse_flag(value: str, label: str = "") -> bool | None:
    """An indicator line as a check box: `Not checked` False; `Checked`, `... box checked` or
    the line's own words (`Statutory Employee:...Statutory Employee`, `Total Distribution
    Code:...Total distribution`) True; `Unanswered` None, and so is anything else: OCR may
    have lost the `Not` in the leader (`Nol Statutory Employee`), and an unsure box is
    blank, never checked."""
    v = norm_label(value)
    if not v or "unanswered" in v or v in {"blank", "not applicable"}:
        return None
    if re.search(r"\b(not|un)\s?checked$|\bnot\b", v):  # a leader's scraps may come first
        return False  # (`SY Not Statutory Employee`)
    if re.match(r"^(no|none|unchecked)\b", v) or v.startswith("not"):
        return False
    own = set(norm_label(label).split())
    if v in _CHECKED or v.endswith(" box checked") or (own and set(v.split()) <= own):
        return True
    return None


def _block_title(text: str) -> tuple[str, str] | None:
    """A form block's title line as (code, title), never the transcript's introduction
    sentence; a title whose code OCR lost (`Form Wage and Tax Statement`) is the form whose
    title the rest reads as (`_titled`)."""
    if re.search(r"(?i)as\s+reported|information\W+(?:\w+\W+)?returns", text):
        return None  # OCR may put a speck between the words (`information 1 returns`)
    exact = _FORM_TITLE.match(text)
    if exact and re.search(r"\d", exact["code"]):  # every form's code has a digit
        code, title = _title_code(exact["code"]), exact["title"].strip()
        if form_for(code)[1] is None:  # a letter doubled or misread (`wW-2`): the title's form
            titled = _titled(title)
            return (titled[0], title) if titled else (code, title)
        return code, title
    slipped = _SLIPPED_TITLE.match(text)
    if slipped and re.search(r"\d", slipped["code"]):
        form = form_for(_title_code(slipped["code"]))[1]
        if form is None or _likeness(slipped["title"], form.title) < _TITLE_LIKENESS:
            return None
        return _title_code(slipped["code"]), slipped["title"].strip()
    no_code = _NO_CODE.match(text)
    return _titled(no_code["title"]) if no_code else None


def _likeness(seen: str, title: str) -> float:
    return difflib.SequenceMatcher(None, norm_label(seen), norm_label(title)).ratio()


def _titled(title: str) -> tuple[str, str] | None:
    """The form a title without its code names: the one it reads most like, when alike
    enough (`_TITLE_LIKENESS`) and more like it than any other (a W-2c's title holds the
    W-2's)."""
    ranked = sorted(((_likeness(title, f.title), f.doc_type) for f in FORMS.values()), reverse=True)
    (best, doc_type), (second, _) = ranked[0], ranked[1]
    return (doc_type, title.strip()) if best >= _TITLE_LIKENESS and best > second else None


def _title_code(code: str) -> str:
    return re.sub(r"[lI](?=\d)", "1", code)  # OCR's `l098-E`


def _blocks(lines: list[TLine]) -> list[_Block]:
    blocks: list[_Block] = []
    for ln in lines:
        m = _block_title(ln.text)
        if m:
            blocks.append(_Block(*m, {ln.page}))
            continue
        if not blocks:
            continue
        block = blocks[-1]
        block.pages.add(ln.page)
        lv = split_label_value(ln.text)
        if block.values:
            if lv:
                block.values.append(lv)
            continue
        named = bool(block.parties) and block.parties[-1].tin and not block.parties[-1].lines
        caption = lv is None and ln.text.rstrip(".,").endswith(":")
        header = (caption or _scraps_only(lv)) and not named
        if header and not _TIN_LABEL.search(norm_label(ln.text)):  # a TIN line lost its value
            block.parties.append(_Party())  # a party header: `Employer:` (the name follows its TIN)
            continue
        last = block.parties[-1] if block.parties else None
        names_tin = tin_line(ln.text, lv) or (lv is None and _TIN_LABEL.search(norm_label(ln.text)))
        if names_tin and (last is None or ((last.tin or last.tin_read) and last.lines)):
            # OCR lost the header (and maybe the TIN's value): the TIN line starts the party
            block.parties.append(_Party())
        if not (block.parties and _party_line(block.parties[-1], ln.text, lv)) and lv:
            block.values.append(lv)
    return blocks


def _scraps_only(lv: tuple[str, str] | None) -> bool:
    """A party caption's `value` that is OCR's scraps of its leader (`Recipient /Lender: '7 .`):
    punctuation and one digit at most, no letter."""
    return lv is not None and bool(
        re.fullmatch(r"\W*\d?\W*", lv[1]) and re.search(r"[^\w\s]", lv[1])
    )


def _tin_token(text: str) -> tuple[str, str]:
    """A line without its colons at the ends, and its last word without OCR's scraps around
    it (`?XXXXX6789`)."""
    bare = text.strip(" :")
    return bare, _SCRAPS.sub("", bare.rsplit(" ", 1)[-1])


def _tin_label(label: str, value: str) -> bool:
    """A TIN's label: it names one, or it is a number's whose value is a TIN as printed
    (`Employee's Social ecurity Number: XXxX-XX-3456`)."""
    key = norm_label(label)
    if _TIN_LABEL.search(key):
        return True
    return bool(re.search(r"\bnumber$", key) and _TIN_VALUE.fullmatch(_SCRAPS.sub("", value)))


def tin_line(text: str, lv: tuple[str, str] | None) -> bool:
    """A party's TIN line: a TIN label with its value, or (OCR lost the colon) a line that
    names a TIN and ends in one (`Employer Identification Number (EIN) XXXXX4567`)."""
    if lv and _tin_label(*lv):
        return True
    bare, last = _tin_token(text)
    return bool(_TIN_VALUE.fullmatch(last)) and bool(_TIN_LABEL.search(norm_label(bare)))


def _party_line(party: _Party, text: str, lv: tuple[str, str] | None) -> bool:
    """Take a line of a party section: the TIN line (OCR may part its label and value), a
    name or an address line. False for the first value line after the parties."""
    bare, last = _tin_token(text)
    labelled = bool(lv and _tin_label(*lv))
    party.tin_read = party.tin_read or labelled or bool(_TIN_LABEL.search(norm_label(bare)))
    if lv and labelled:
        value = _SCRAPS.sub("", lv[1])
        if _TIN_LIKE.fullmatch(value):  # not a word of the label OCR moved past the colon
            party.tin = _mask(value)
    elif _TIN_VALUE.fullmatch(last) and (last == bare or _TIN_LABEL.search(norm_label(bare))):
        party.tin = party.tin or _mask(last)
    elif lv is None:
        if not _TIN_LABEL.search(norm_label(text)):
            party.lines.append(text)
        elif tail := _TIN_TAIL.search(text):  # `Identification Number ! XXX-XX- 3456`
            party.tin = party.tin or _mask(tail["tin"])
    else:
        return False
    return True


def _mask(tin: str) -> str | None:
    """A TIN as printed: PP-OCR's spaces out (`Xxxxx 6789`), its mask in capital X's, and a
    mask without dashes as an EIN's five X's (`XXxXXxX6789`: OCR doubled some; a TIN has
    nine digits). None for a mask that shows other than four digits (`XXXXX67389`, a fax:
    a digit doubled or a speck read as one; a blank beats a wrong TIN)."""
    mask = re.sub(r"\s+", "", tin).upper().replace("K", "X")
    shown = re.search(r"X[-X]*(\d+)$", mask)
    if shown and len(shown[1]) != 4:
        return None
    bare = re.fullmatch(r"X+(\d{4})", mask)
    return f"XXXXX{bare[1]}" if bare else mask


def _line_for(form: WIForm | None, label: str) -> WILine | None:
    if form is None:
        return None
    key = closest_label(norm_label(label), form.by_label)
    return form.by_label[key] if key else _last_word_lost(form, norm_label(label))


def _last_word_lost(form: WIForm, key: str) -> WILine | None:
    """The one line whose label is `key` and one word more: OCR lost the word beside the
    leader in its dots (`Medicare Tax $117.74`), or the start of that word (`Wages, Tips
    and Other ion` for `... Compensation`: three letters of its end at least)."""
    words = key.split()
    found = {id(form.by_label[k]): form.by_label[k] for k in one_word_more(key, form.by_label)}
    if not found and len(words) >= 3 and len(words[-1]) >= 3:
        found = {
            id(v): v
            for k, v in form.by_label.items()
            if k.split()[:-1] == words[:-1] and k.split()[-1].endswith(words[-1])
        }
    return next(iter(found.values())) if len(found) == 1 else None


def _entry_fields(
    form: WIForm | None, values: list[tuple[str, str]]
) -> tuple[dict[str, Any], bool, list[str]]:
    fields: dict[str, Any] = {}
    box12: list[dict[str, str]] = []
    prior: list[dict[str, Any]] = []
    warnings: list[str] = []
    corrected = False
    for label, raw in values:
        key = norm_label(label)
        if raw == UNREAD:
            warnings.append(f"amount read two ways for {label!r}: left blank")
            continue
        if key in META_LABELS:
            corrected = corrected or ("submission type" in key and "corrected" in raw.lower())
            continue
        code = _CODE_LINE.match(key) if form is not None and form.doc_type == "W-2" else None
        if code:
            amount = money(raw)
            letter = box12_code(code[1], code[2])
            if amount is None or letter is None:
                warnings.append(f"unreadable box 12 line {label!r}: {raw!r}")
            elif amount != "0.00":
                box12.append({"code": letter, "amount": amount})
            continue
        year = _PRIOR_YEAR.match(key)
        if year:
            prior.append({"year": int(year[1]), "amount": money(raw)})
            continue
        line = _line_for(form, label)
        head, _, rest = label.partition(":")
        if line is None and rest and (line := _line_for(form, head)):  # `IRA/SEP/SIMPLE box:`
            raw = f"{rest.strip()} {raw}"
        name, kind = (
            (line.name, line.kind) if line else (snake(label), "money" if money(raw) else "text")
        )
        value = _value(kind, raw, fields.get(name), label)
        if value is None and kind in ("money", "date", "year"):
            warnings.append(f"unreadable value {raw!r} for {label!r}")
        elif value is not None:
            fields[name] = value
    if box12:
        fields["box12"] = box12
    if prior:
        fields["prior_year_payments"] = prior
    return fields, corrected, warnings


def box12_code(printed: str | None, description: str) -> str | None:
    """The box 12 code of a `Code "X" description` line: by description, else as printed."""
    for text in (description, f"{printed or ''} {description}".strip()):
        close = difflib.get_close_matches(text, list(W2_CODE_LINES), n=1, cutoff=0.8)
        if close:
            return W2_CODE_LINES[close[0]]
    return printed.upper() if printed else None


def _value(kind: str, raw: str, previous: Any, label: str) -> Any:
    if kind == "money":
        return money(raw)
    if kind == "flag":
        return parse_flag(raw, label)
    if kind == "date":
        return iso_date(raw)
    if kind == "year":
        m = re.search(r"\d{4}", raw)
        return int(m[0]) if m else None
    if kind == "code":
        code = raw.strip(" .,:;'")
        if parse_flag(raw) is False or not _CODE_VALUE.fullmatch(code):
            return previous  # "Not significant", or OCR's scraps of a leader (`. cette`)
        return f"{previous or ''}{code}"
    text = re.sub(r"(?<=\s)['`\"]+(?=\w)", "", raw)  # OCR's specks: `Slot 'machine`
    return re.sub(r"\.(?=\s+[a-z])", "", text).strip(" .,:")  # `. Slot. machine`


def _entry(block: _Block, tax_year: int | None) -> tuple[dict[str, Any], list[str]]:
    doc_type, form = form_for(block.code)
    fields, corrected, warnings = _entry_fields(form, block.values)
    issuer = block.parties[0] if block.parties else _Party()
    recipient = block.parties[1] if len(block.parties) > 1 else _Party()
    entry: dict[str, Any] = {"doc_type": doc_type, "tax_year": tax_year, "corrected": corrected}
    if issuer.tin:
        entry["payer_tin"] = normalize_ein(issuer.tin) or issuer.tin
    if issuer.lines:
        entry["payer_name"] = clean_name(issuer.lines[0])
    if recipient.tin and tin_last4(recipient.tin):
        entry["recipient_tin_last4"] = tin_last4(recipient.tin)
    if recipient.lines:
        entry["recipient_name"] = clean_name(recipient.lines[0])
    entry["fields"] = fields
    entry["pages"] = sorted(block.pages)
    return entry, [f"{doc_type}: {w}" for w in warnings]


NAME_LIKENESS = 0.75
"""How alike an entry's recipient name must be to the one most entries read to be that
name misread (`JANE DOF`, `JANKE DOE` for `JANE DOE`: 0.875, 0.94)."""


def _one_recipient(entries: list[dict[str, Any]], ssn_last4: str | None) -> None:
    """A Wage and Income transcript lists the returns filed for one TIN, the SSN it was
    requested for: every entry's recipient is that taxpayer. An entry whose recipient TIN
    OCR lost takes the SSN's last four; where three entries at least, and more than half of
    those named, read the most read recipient name or one like it (`NAME_LIKENESS`: a letter
    misread), an entry whose name was lost or reads like it takes it.
    A name unlike it is left as read."""
    for entry in entries:
        if ssn_last4 and not entry.get("recipient_tin_last4"):
            entry["recipient_tin_last4"] = ssn_last4
    names = Counter(e["recipient_name"] for e in entries if e.get("recipient_name"))
    if not names:
        return
    name = names.most_common(1)[0][0]

    def alike(read: str) -> bool:
        return difflib.SequenceMatcher(None, read, name).ratio() >= NAME_LIKENESS

    support = sum(n for read, n in names.items() if alike(read))
    if support < 3 or 2 * support <= sum(names.values()):
        return
    for entry in entries:
        read = entry.get("recipient_name")
        if read is None or alike(read):
            entry["recipient_name"] = name


def parse_wage_income(segment: Segment) -> Extracted:
    """One Wage and Income transcript as a record with `entries`."""
    lines = [ln for ln in content(segment.lines) if not title_kind(ln.text)]
    period = segment.period
    tax_year = int(period[:4]) if period else None
    ssn_line = next((ln.text for ln in lines if norm_label(ln.text).startswith("ssn provided")), "")
    ssn_value = (split_label_value(ssn_line) or ("", ""))[1]
    entries: list[dict[str, Any]] = []
    warnings: list[str] = []
    for block in _blocks(lines):
        entry, block_warnings = _entry(block, tax_year)
        entries.append(entry)
        warnings.extend(block_warnings)
    if not entries:
        warnings.append("no information returns listed")
    _one_recipient(entries, tin_last4(ssn_value) if ssn_value else None)
    return Extracted(
        doc_type=WAGE_INCOME,
        pages=segment.pages,
        tax_year=tax_year,
        recipient_tin_last4=tin_last4(ssn_value) if ssn_value else None,
        recipient_tin_full=full_ssn_digits(ssn_value),
        fields={"tax_period_end": period} if period else {},
        extra={"entries": entries},
        warnings=warnings,
    )
