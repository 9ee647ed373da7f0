"""The printed layout every IRS transcript shares: page noise, label/value lines, values.

Transcripts are line-oriented. The classic print writes `LABEL:.......value` (dot leaders),
the online viewer `Label: value`; both reach us as `Page.lines()`, the same for text and OCR
pages. This module turns those lines into clean text lines and splits labels from values.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from backtax.extractors.page import Box, Line, Page, Word, group_lines
from backtax.extractors.values import format_money, parse_date


@dataclass(frozen=True, slots=True)
class TLine:
    """One printed line of a transcript, with the page it sits on."""

    text: str
    page: int
    conf: float = 1.0


# The banner on every page, `This Product Contains Sensitive Taxpayer Data`, also as OCR reads
# it at 100 dpi (`This Ficcuct Contains Sensitive Taxnayer Data`).
_BANNER = re.compile(r"(?i)sensiti?ve\s+tax\w*\s+data|contains\s+\w+\s+tax\w*\s+data")

# Lines repeated at every page break (often inside a form block): never content.
_NOISE = [
    _BANNER,
    re.compile(r"(?i)^this\s+product(\s+contains)?$"),
    re.compile(r"(?i)^page\s+\d+\W*\s*[o0]f\s+\d+$"),
    # the header's colons may be lost, its words slipped (`Response Nate 10-06-2025`)
    # or its value lost alone (`Request Date`: a fax's date lost in the page's header)
    re.compile(r"(?i)^(request|response)\W*\s+\W*\w?ate\W*(:|\d{2}-\d{2}-\d{4}$|$)"),
    re.compile(r"(?i)^tracking\W*\s+number\W*(:|\d{6,}$|$)"),
    re.compile(r"(?i)^customer\s+file\s+number\s*:"),
    re.compile(r"(?i)^code\s+explanation\s+of\s+transaction"),
]

_DOTS = re.compile(r"(?:\.\s?){3,}|…+|(?:_\s?){3,}")
_MONEYISH = re.compile(r"^[-$\d,.]*\d[-$\d,.]*$|^\$$|^-?\$?[oO]$")
_DATE_TAIL = re.compile(
    r"(?<![\w-])(?P<value>[A-Za-z]{3,9}[.:]?\s+\d{1,2}\W?\s*\d{4}|\d{2}-\d{2}-\d{4})$"
)
_LONG_DATE = re.compile(r"^([A-Za-z]{3})[A-Za-z]*[.:]?\s+(\d{1,2})\W?\s*(\d{4})$")
_MONTH_NAMES = [
    *("january", "february", "march", "april", "may", "june", "july"),
    *("august", "september", "october", "november", "december"),
]
_MONTHS = tuple(name[:3] for name in _MONTH_NAMES)
# OCR words below this confidence that are short and hold no digit are dot-leader specks.
_SPECK_CONF = 0.45


def clean_text(text: str) -> str:
    """Unify the characters OCR and fonts vary on (quotes, dashes, ellipses, spacing)."""
    text = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    text = text.replace("–", "-").replace("—", "-").replace("\u2212", "-")
    text = re.sub(r"['`~\"]+(?=\$)", "", text)  # OCR's scraps before a dollar sign
    text = re.sub(r"\b([A-Z]{2,})\.\s+(?=[A-Z]{2,}\b)", r"\1 ", text)  # `IDENTIFICATION. NUMBER`
    # PP-OCR's specks between letters: a dot for a space (`Tax.Period`), or inside a word
    # (`Contribut.ions`)
    text = re.sub(r"(?<=[a-z])[.·](?=[A-Z][a-z])", " ", text)
    text = re.sub(r"(?<=[a-z])[.·](?=[a-z])", "", text)
    return re.sub(r"\s+", " ", text).strip()


def is_banner(text: str) -> bool:
    """The page banner every transcript page prints (`_BANNER`), as OCR may read it."""
    return bool(_BANNER.search(clean_text(text)))


def is_noise(text: str) -> bool:
    return any(p.search(text) for p in _NOISE)


def page_lines(pages: list[Page], reread: bool = False) -> list[TLine]:
    """Every line of the pages in reading order, cleaned; banners kept (splitting uses them).
    With `reread`, an OCR line whose value was lost is read again alone, by the page's
    reader (`Page.read_again`), and so is one whose amount lacks the dollar sign the run's
    other amounts print (`_dollar_checked`), and a label's amount with a leader's minus
    (`_signs_checked`)."""
    out: list[TLine] = []
    read = [
        (page, line, _leader_dropped(_signs_checked(page, line.words, reread)))
        for page in pages
        for line in _lines(page)
    ]
    ocr = [(p, ln, ws) for p, ln, ws in read if reread and p.method == "ocr"]
    dollars = bool(ocr) and _prints_dollars([" ".join(w.text for w in ws) for _, _, ws in ocr])
    for page, line, words in read:
        text = " ".join(w.text for w in words)
        if reread and page.method == "ocr" and words and _value_lost(text):
            words = _read_again(page, line, words)
        text = clean_text(" ".join(w.text for w in words))
        if dollars and page.method == "ocr":
            text = _dollar_checked(page, line, text)
        if text:
            out.append(TLine(text, page.number, min(w.conf for w in words)))
    return out


TALL = 1.6
"""Height, in the page's usual word heights, above which an OCR word's box took in ink of
a line beside its own (a leader's dots above it)."""


def _lines(page: Page) -> list[Line]:
    """The page's lines; on an OCR page, grouped without the leader specks (a speck above a
    line started a line of its own and took the line's first word with it), and a word
    taller than the page's text (`TALL`) put on the line its box overlaps most, when that
    is half the line's height at least (`/Lender:` boxed with a copier's grain between a
    title and the next line overlaps both by a little: it is on a line of its own, with
    the other tall words there)."""
    if page.method != "ocr":
        return page.lines()
    words = [w for w in page.words if not _speck(w.text, w.conf, w.source)]
    heights = sorted(w.box.height for w in words)
    if not heights:
        return []
    usual = heights[len(heights) // 2]
    tall = [w for w in words if w.box.height > TALL * usual]
    lines = group_lines([w for w in words if w.box.height <= TALL * usual])
    loose = []
    for word in tall:
        best = max(lines, key=lambda ln: ln.box.v_overlap(word.box), default=None)
        if best is None or best.box.v_overlap(word.box) < 0.5 * best.box.height:
            loose.append(word)
        else:
            lines[lines.index(best)] = Line(sorted([*best.words, word], key=lambda w: w.box.x0))
    return sorted([*lines, *group_lines(loose)], key=lambda ln: ln.box.cy)


UNSURE_CONF = 0.7
"""OCR confidence under which a word between a label and its amount is a leader's dots."""


def _leader_dropped(words: list[Word]) -> list[Word]:
    """An OCR line's words without the dot leader Tesseract read as text (`Tips: 0! 0) 86:
    B'S ARS. 6 $55,845 67`): the words between the label's colon and the line's amount when
    every one of them is unsure (`UNSURE_CONF`); a sure word there is the label's."""
    start = next(
        (
            i
            for i in range(max(0, len(words) - 4), len(words))
            if all(_MONEYISH.match(w.text) for w in words[i:])
            and money(" ".join(w.text for w in words[i:])) is not None
        ),
        None,
    )
    if start is None:
        return words
    sure = max((i for i in range(start) if words[i].conf >= UNSURE_CONF), default=None)
    if sure is None or sure == start - 1 or not words[sure].text.endswith(":"):
        return words
    if any(w.source != "ocr" for w in words[sure + 1 : start]):
        return words
    return [*words[: sure + 1], *words[start:]]


_GLUED_MINUS = re.compile(r"^(?P<leader>.*[.,:;·]|)-(?P<amount>\$?\d.*)$")
_MINUS = re.compile(r"-\$?\d")


_LEADER_MINUS = re.compile(r"^-+(?P<amount>\$?\d[\d,.]*)$")
SURE_CONF = 0.8
"""Confidence of the page's second engine from which its reading of a sign decides."""


def _signs_checked(page: Page, words: list[Word], reread: bool) -> list[Word]:
    """A line's words with each amount's minus checked (`_sign_checked`); on a label's line
    (a colon before the amount: a dot leader between), a minus read at an amount's start
    (`-$98,530.00`, `--$98,410.00`: the leader's last dots) by Tesseract, or by PP-OCR
    re-reading a region of a page it did not read whole, is checked by the second engine's
    recogniser on the amount's box alone: a minus there keeps it, the same digits read
    surely without one drop it, anything else leaves it as read (only with `reread`:
    identifying a page needs no second reading)."""
    out = [_sign_checked(page, w) for w in words]
    if not reread:
        return out
    for i, word in enumerate(out):
        m = _LEADER_MINUS.match(word.text)
        if m is None or word.source != "ocr" or (word.engine == "ppocr" and page.alternate):
            continue
        if not any(w.text.endswith(":") for w in out[:i]):
            continue
        read = page.recognise(word.box)
        text = "".join(w.text for w in read)
        if "-" in text or not read or read[0].conf < SURE_CONF:
            continue
        if re.sub(r"\D", "", text) == re.sub(r"\D", "", m["amount"]):
            out[i] = Word(m["amount"], word.box, word.conf, word.source, word.engine)
    return out


def _sign_checked(page: Page, word: Word) -> Word:
    """An OCR amount whose minus may be a leader's dot read as a dash: glued to the dots
    (`..-$6,123.00`), or any minus of PP-OCR's on a page Tesseract read too. The page's
    other reading decides: a minus there too keeps it, the same digits without one drop
    it, and nothing there drops the amount (a blank beats a wrong sign)."""
    m = _GLUED_MINUS.match(word.text) if word.source == "ocr" else None
    if m is None or not (m["leader"] or (word.engine == "ppocr" and page.alternate)):
        return word
    there = [w for w in page.alternate if w.box.h_overlap(word.box) and w.box.v_overlap(word.box)]
    if any(_MINUS.match(w.text) for w in there):
        return word
    digits = re.sub(r"\D", "", m["amount"])
    text = (
        m["leader"] + m["amount"]
        if digits in re.sub(r"\D", "", "".join(w.text for w in there))
        else m["leader"]
    )
    return Word(text, word.box, word.conf, word.source, word.engine)


DOLLAR_SHARE = 0.6
"""Share of the amounts of a run of OCR pages printed with a dollar sign from which an
amount without one is checked (W&I and return transcripts print one on every amount; an
account transcript's balances print none)."""
MIN_AMOUNTS = 5
UNREAD = "(unread)"
"""The value of a line whose amount OCR read two ways: its label stays, its value is none."""


def _prints_dollars(texts: list[str]) -> bool:
    """Whether the amounts of a run's lines print a dollar sign (`DOLLAR_SHARE` of them)."""
    tails = [t for t in map(amount_tail, texts) if t]
    return len(tails) >= MIN_AMOUNTS and sum("$" in t for t in tails) >= DOLLAR_SHARE * len(tails)


def _dollar_checked(page: Page, line: Line, text: str) -> str:
    """A line's amount read without the dollar sign its transcript prints on its amounts: OCR
    lost it, or read it as a digit (`30.00` for `$0.00`, `95,845.67` for `$55,845.67`); or
    a small amount a fax's zeros may have become (`_zero_like`).
    The line is read again alone without its leaders (and, when Tesseract reads no amount
    or the same again, its amount by the second engine's recogniser: `_recognised_amount`):
    an amount with its `$` there replaces it when the two readings' digits agree (one's end
    the other's: the `$` read as a digit, or a digit lost in the leader), the same amount
    again keeps it, another amount leaves the line's value unread (`UNREAD`: a blank beats
    a wrong value), no amount there leaves it as it was."""
    tail = amount_tail(text)
    if tail is None or ("$" in tail and not _zero_like(tail)):
        return text
    band = Box(line.box.x0 - 2, line.box.top - 2, page.width - 18, line.box.bottom + 2)
    read = page.read_again(band, leaders=True)
    again = amount_tail(
        clean_text(" ".join(w.text for w in read if not _speck(w.text, w.conf, w.source)))
    )
    if again is None or (money(again) == money(tail) and ("$" not in again or _zero_like(again))):
        again = _recognised_amount(page, line, tail) or again  # Tesseract no wiser: PP-OCR
    if again is None:
        return text
    head = text[: len(text) - len(tail)].rstrip()
    first, second = re.sub(r"\D", "", tail), re.sub(r"\D", "", again)
    if "$" in again and (first.endswith(second) or second.endswith(first)):
        return f"{head} {again}"
    return text if money(again) == money(tail) else f"{head} {UNREAD}"


DOLLAR_ROOM = 20.0
"""Points left of an amount's first word where its lost dollar sign may stand."""


def _recognised_amount(page: Page, line: Line, tail: str) -> str | None:
    """The amount the second engine's recogniser reads in the box of the line's last words
    (those `tail` was read from), with room on the left for a dollar sign; None when the
    words are not the tail's or nothing reads as an amount."""
    words = line.words[-len(tail.split(" ")) :]
    if re.sub(r"\D", "", "".join(w.text for w in words)) != re.sub(r"\D", "", tail):
        return None
    box = Box(
        words[0].box.x0 - DOLLAR_ROOM,
        min(w.box.top for w in words) - 2,
        words[-1].box.x1 + 2,
        max(w.box.bottom for w in words) + 2,
    )
    return amount_tail(clean_text(" ".join(w.text for w in page.recognise(box))))


def _zero_like(tail: str) -> bool:
    """A small amount whose digits a zero may be read as (`$9.00`, `$0.06` for `$0.00`)."""
    value = money(tail)
    digits = set(re.sub(r"\D", "", tail))
    return value not in (None, "0.00") and abs(Decimal(value)) < 10 and digits <= set("0689")


def _value_lost(text: str) -> bool:
    """A label whose value OCR dropped: `Distribution Code:`, `Payer's Identification`,
    `... Number (FIN)` (one-word captions such as `Payer:` open a block and have no value)."""
    if re.search(r"\d", text) or " " not in text:
        return False
    return text.endswith(":") or (":" not in text and bool(_ID_LABEL.search(text)))


_ID_LABEL = re.compile(r"(?i)\b(identification|number)(\s*\((ein|fin|tin)\))?$")


def _read_again(page: Page, line: Line, words: list[Word]) -> list[Word]:
    """The line read again alone, to the page's right margin, and once more without its dot
    leaders when they are in the way: the reading with the most letters and digits wins."""
    band = Box(line.box.x0 - 2, line.box.top - 2, page.width - 18, line.box.bottom + 2)
    best = words
    for leaders in (False, True):
        read = page.read_again(band, leaders=leaders)
        again = [w for w in read if not _speck(w.text, w.conf, w.source)]
        same_line = "".join(w.text for w in again).startswith(words[0].text)
        if again and same_line and _alnum(again) > _alnum(best):
            best = again
        if len(again) == len(read):
            break  # no leader specks on the line
    return [_with_colon(w, words[i].text) if i < len(words) else w for i, w in enumerate(best)]


def _with_colon(word: Word, first_reading: str) -> Word:
    """A label's colon, lost with the leaders' dots or read as a point (`Code.`), put back."""
    if first_reading.endswith(":") and first_reading[:-1] == word.text.rstrip(".,;:"):
        return Word(first_reading, word.box, word.conf, word.source)
    return word


SCRAP_CONF = 0.3
"""OCR confidence under which a word of letters read again is a leader's scraps (`tence`)."""


def _alnum(words: list[Word]) -> int:
    """Letters and digits of a line's reading, its scraps aside (words without a digit
    under `SCRAP_CONF`): a leader read as letters is no better reading; an unsure value is."""
    sure = (w for w in words if w.conf >= SCRAP_CONF or any(c.isdigit() for c in w.text))
    return sum(c.isalnum() for w in sure for c in w.text)


def _speck(text: str, conf: float, source: str) -> bool:
    """A low-confidence OCR scrap (`ee`, `Cr`) read from a dot leader, not a word."""
    if source != "ocr" or conf >= _SPECK_CONF:
        return False
    if len(text) == 1:
        return conf < 0.3 or not text.isalnum()
    # upper-case scraps are kept: masked names and addresses are short capitals (`DOE`, `EV`)
    return len(text) <= 4 and not re.search(r"\d", text) and text != text.upper()


def content(lines: list[TLine]) -> list[TLine]:
    """The lines without the page header and footer noise."""
    return [ln for ln in lines if not is_noise(ln.text)]


def split_label_value(text: str) -> tuple[str, str] | None:
    """`LABEL:....value`, `Label: value` or `LABEL value` as (label, value); None without value.

    A label may hold colons of its own (`TAXABLE INTEREST INCOME: SCH B:`): with dot leaders
    the value follows the leader; without them it is a trailing amount or date, else what
    follows the last colon.
    """
    text = text.strip()
    dots = list(_DOTS.finditer(text))
    if dots:
        label = text[: dots[0].start()].rstrip(" :")
        value = text[dots[-1].end() :].strip(" :")
        return (label, value) if label and value else None
    tail = amount_tail(text) or _date_tail(text)
    if tail:
        label = text[: len(text) - len(tail)].rstrip()
        if ":" in label:  # OCR specks of a leader sit between the colon and the value
            head, _, rest = label.rpartition(":")
            if re.fullmatch(r"\s*\([^()]+\)\s*", rest):  # the label's own note: `(Schedule D)`
                head = f"{head}:{rest}"
            label = f"{head}{rest}" if re.fullmatch(r"(\s+[A-Z]{3,})+\s*", rest) else head
        label = label.rstrip(" :")
        if label and not re.fullmatch(r"[\d,./-]+", label.split()[-1]):  # a row, a date: no label
            return label, tail  # (a form's code is one: `Total amount from forms W-2 $0.00`)
    if ":" in text:
        label, _, value = text.rpartition(":")
        label, value = label.strip(), value.strip()
        return (label, value) if label and re.search(r"\w", value) else None  # not `Payer:.`
    flag = _FLAG_TAIL.search(text)  # the colon lost: `Retirement Plan Indicator Checked`
    if flag and flag.start():
        return text[: flag.start()].strip(), flag["value"]
    number = _NUMBER_TAIL.fullmatch(text)  # the colon lost: `CYCLE POSTED 20231405`
    return (number["label"], number["value"]) if number else None


LIKENESS = 0.88
"""How alike a label OCR misread must be to the printed one (`TAXABLE TNCOME`: 0.93)."""


def closest_label(key: str, labels: Collection[str], cutoff: float = LIKENESS) -> str | None:
    """The one of `labels` (normalised) that `key` is, or that it reads as with a letter or
    two misread (`cutoff` alike at least); else None."""
    if key in labels:
        return key
    close = difflib.get_close_matches(key, labels, n=1, cutoff=cutoff)
    return close[0] if close else None


FILING_STATUSES = (
    "Single",
    "Married Filing Joint",
    "Married Filing Separate",
    "Head of Household",
    "Qualifying Widow(er)",
    "Qualifying Surviving Spouse",
)
"""The filing statuses as transcripts print them."""


def filing_status(read: str) -> str:
    """A filing status as read, or the printed wording (`FILING_STATUSES`) it reads as with
    a letter or two misread (`Head of Househoid`: `LIKENESS`), in the case it was read in."""
    wordings = {w.lower(): w for w in FILING_STATUSES}
    close = difflib.get_close_matches(read.lower(), wordings, n=1, cutoff=LIKENESS)
    if not close or close[0] == read.lower():
        return read
    return wordings[close[0]].upper() if read.isupper() else wordings[close[0]]


def one_word_more(key: str, labels: Iterable[str]) -> list[str]:
    """The labels that are `key` (two words at least) and one word more: OCR lost a
    label's last word in the leader's dots beside it (`Medicare Tax $117.74`)."""
    words = key.split()
    return [k for k in labels if len(words) >= 2 and k.split()[:-1] == words]


def after_label(text: str, labels: Collection[str]) -> tuple[str, str] | None:
    """A line that starts with one of `labels` (normalised) and lost the colon after it
    (`EXEMPTIONS 00`, `Filing status Head of Household`): that label and the rest; a label
    with a letter misread (`NAME(S) shown on retum`: `closest_label`) too, never with the
    value's first word taken in (`NAME(S) SHOWN ON RETURN JOHN` is alike enough)."""
    words = text.split()
    for n in range(len(words) - 1, 0, -1):
        key = norm_label(" ".join(words[:n]))
        label = closest_label(key, labels)
        if label:
            shorter = norm_label(" ".join(words[: n - 1]))
            if n > 1 and shorter != key and closest_label(shorter, labels) == label:
                n -= 1  # the value's first word was alike enough to the label's end
            return label, " ".join(words[n:])
    return None


_NUMBER_TAIL = re.compile(r"(?P<label>[A-Za-z][A-Za-z ]*[A-Za-z])\s+(?P<value>\d{6,})")
_FLAG_TAIL = re.compile(r"(?i)\s(?P<value>(?:not\s+)?checked|unanswered)$")


def amount_tail(text: str) -> str | None:
    """The amount a line ends with (`$1,234.00`, OCR's `$1,234. 00`), as printed."""
    tokens = text.split(" ")
    for start in range(max(0, len(tokens) - 4), len(tokens)):
        run = tokens[start:]
        if all(_MONEYISH.match(t) for t in run):
            candidate = " ".join(run)
            if money(candidate) is not None:
                return candidate
    return None


def _date_tail(text: str) -> str | None:
    m = _DATE_TAIL.search(text)
    return m["value"] if m and m.start() > 0 else None


def norm_label(label: str) -> str:
    """A label as lower-case words: `Code "DD" Cost of ...:` is `code dd cost of ...`."""
    label = clean_text(label).lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", " ", label).strip()


def money(text: str) -> str | None:
    """A printed amount as the contract's money string (`-$4,102.10` is `-4102.10`).

    Transcript amounts always print cents, which lets OCR slips be read back: a separator
    lost or doubled (`$52 345 67`, `$7.,412 88`, `$810 0.0`), `o` for `0`, the point read as a
    colon (`$0:00`) or, in `0) 00`, a parenthesis. A group count that does not fit (`$61 ,250.0`)
    is no amount.
    """
    t = re.sub(r"(?<=[$\d])[oO]|[oO](?=\d)", "0", text.strip())
    t = re.sub(r"^[-.:;,' ]*[.:;,](?=\$?\d)", "", t).lstrip(".:;,' ")  # a leader's `-..$0.00`
    t = re.sub(r"^[^\d$-]+(?=-?\$\d)", "", t)  # a leader's scraps before the `$`: `».$0,00`
    t = re.sub(r"(?<=\d):(?=\d{2}$)", ".", t)  # `$0:00`: the point read as a colon
    t = re.sub(r"^(\$?)0\)\s?(?=00$)", r"\g<1>0.", t)  # `0) 00`: only a zero (`9) 00`: none)
    t = re.sub(r"(?<=\d);(?=\d{3}\b)", ",", t)  # `$55;845 67`: a comma with a speck
    negative = t.startswith("-") or t.startswith("$-") or t.endswith("-")
    body = t.strip("-$ ")
    if not body or re.search(r"[^\d,. ]", body):
        return None
    groups = re.findall(r"\d+", body)
    if len(groups) >= 3 and len(groups[-1]) == 1 and len(groups[-2]) == 1:
        groups = [*groups[:-2], groups[-2] + groups[-1]]
    if len(groups) < 2 or len(groups[-1]) != 2:
        return None
    *whole, cents = groups
    if len(whole) > 1 and (len(whole[0]) > 3 or any(len(g) != 3 for g in whole[1:])):
        return None
    value = Decimal("".join(whole) + "." + cents)
    return format_money(-value if negative else value)


def iso_date(text: str) -> str | None:
    """`Dec. 31, 2023`, `05-20-2024` or `December, 2023` (the month's end) as ISO; a month's
    name with one letter misread (`Dacember, 2024`) is that month."""
    t = text.strip()
    long = _LONG_DATE.match(t)
    if long and long[1].lower() in _MONTHS:
        return date(int(long[3]), _MONTHS.index(long[1].lower()) + 1, int(long[2])).isoformat()
    m = re.fullmatch(r"([A-Za-z]+)\.?,?\s+(\d{4})", t)
    if m:
        number = month_number(m[1])
        return None if number is None else month_end(date(int(m[2]), number, 1)).isoformat()
    d = parse_date(t)
    return None if d is None else d.isoformat()


MONTH_LIKENESS = 0.8
"""How alike a misread month's name must be to the month's (`Dacember`: 0.875)."""


def month_number(name: str) -> int | None:
    """1-12 for a month's name or its first three letters; a full name OCR misread by a
    letter (`Dacember`, `Navember`: `MONTH_LIKENESS`) is that month."""
    word = name.lower()
    if word[:3] in _MONTHS:
        return _MONTHS.index(word[:3]) + 1
    if len(word) < 5:
        return None
    close = difflib.get_close_matches(word, _MONTH_NAMES, n=1, cutoff=MONTH_LIKENESS)
    return _MONTH_NAMES.index(close[0]) + 1 if close else None


def month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def snake(label: str) -> str:
    """A field name made from a label nobody mapped: `Forfeiture Amount` is `forfeiture_amount`."""
    return norm_label(label).replace(" ", "_")


def clean_name(name: str) -> str:
    """A printed name without OCR's stray punctuation (`JANE. DOE` is `JANE DOE`)."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w&'/ -]", " ", name)).strip()


def name_control(name: str) -> str | None:
    """The first four letters of a last name, as transcripts print and cases match it."""
    letters = re.sub(r"[^A-Z]", "", name.upper())
    return letters[:4] or None


def last_names(names: str) -> tuple[str | None, str | None]:
    """The primary's and the spouse's last name from `JOHN Q & JANE R SAMP` or `JOHN SMIT`."""
    parts = [p.split() for p in re.split(r"\s*&\s*|\s+AND\s+", names.upper()) if p.split()]
    if not parts:
        return None, None
    spouse = parts[1][-1] if len(parts) > 1 else None
    own = len(parts[0]) > 1 and len(parts[0][-1]) > 1  # `JOHN Q & JANE R SAMP` share one
    primary = parts[0][-1] if own or spouse is None else spouse
    return primary, spouse
