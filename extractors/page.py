"""The page model: words with boxes and confidence, the same for text, form and OCR pages.

Coordinates are PDF points with the origin at the top left of the page (as pdfplumber
gives them); OCR readers scale pixel boxes to points, so geometry is source-independent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import numpy as np

Method = Literal["text", "form", "ocr"]
Rereader = Callable[..., list["Word"]]
"""A reader's `(page, box, psm=, alphabet=) -> words`: a part of a page read again."""


@dataclass(frozen=True, slots=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    def union(self, other: Box) -> Box:
        return Box(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )

    def contains_center(self, other: Box) -> bool:
        return self.x0 <= other.cx <= self.x1 and self.top <= other.cy <= self.bottom

    def h_overlap(self, other: Box) -> float:
        return max(0.0, min(self.x1, other.x1) - max(self.x0, other.x0))

    def v_overlap(self, other: Box) -> float:
        return max(0.0, min(self.bottom, other.bottom) - max(self.top, other.top))


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    box: Box
    conf: float = 1.0
    source: Method = "text"
    engine: str = ""
    """The OCR engine that read the word ("tesseract", "ppocr"); empty for text and form words."""


@dataclass(slots=True)
class Line:
    """Words sharing a baseline, left to right."""

    words: list[Word]
    box: Box = field(init=False)
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.box = _union(w.box for w in self.words)
        self.text = " ".join(w.text for w in self.words)

    @property
    def conf(self) -> float:
        return min((w.conf for w in self.words), default=1.0)


def _union(boxes: Iterable[Box]) -> Box:
    it = iter(boxes)
    acc = next(it)
    for b in it:
        acc = acc.union(b)
    return acc


def normalize(text: str) -> str:
    """Lower-case, unify quotes and dashes, drop punctuation other than what labels need."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    return re.sub(r"[^a-z0-9%$'&/\-.,() ]+", " ", text).strip()


ABBREVIATIONS = {"no": "number", "nbr": "number", "num": "number", "acct": "account"}
"""Label words printers abbreviate (`Account No.`, `Acct Nbr`, `Acct #`): the printed token
matches the whole word of a label."""


WRAPPED_LINES = 5
"""How many lines a label may be wrapped over: a narrow column's `Box 1:` / `Student loan`
/ `interest` / `received by` / `lender`, a word or two a line."""


@lru_cache(maxsize=1 << 16)
def tokens(text: str) -> tuple[str, ...]:
    """Words for label matching: punctuation splits words, but not numbers ("9,102.33");
    `&` is the word `and`, `#` the word `no` (`Account #`: an abbreviated `number`)."""
    out: list[str] = []
    for piece in re.split(r"[\s:;()/]+", normalize(text.replace("#", " no "))):
        if re.fullmatch(r"-+", piece):
            continue  # a dash between a box's number and its wording (`Box 1 - Interest`)
        if re.search(r"\d[.,]\d", piece):
            out.append(piece.strip(".,"))
        else:
            for part in re.split(r"[,.]+", piece):
                # "Social-security", "Third-party" as words; "HSA-556677" stays one value
                out.extend(part.split("-") if re.fullmatch(r"[a-z']+(-[a-z']+)+", part) else [part])
    return tuple("and" if t == "&" else t for t in out if t)


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a label phrase was found: the matched words and their union box."""

    words: tuple[Word, ...]
    quality: float = field(default=1.0, compare=False)
    """How well the words match the label: 1.0 exact, less where OCR misread a word."""
    box: Box = field(init=False, compare=False, repr=False)
    """Computed once: the engine asks a label's box for every word it places."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "box", _union(w.box for w in self.words))


@dataclass(slots=True)
class Region:
    """A set of words in a rectangle of a page; every search returns words or regions."""

    words: list[Word]
    box: Box
    page_number: int = 1
    page: Page | None = field(default=None, repr=False)
    _lines: list[tuple[Line, list[tuple[str, int]]]] | None = field(default=None, repr=False)
    _starts: dict[str, list[tuple[int, int]]] = field(default_factory=dict, repr=False)
    """Where each token occurs: (line, token position), so a label is looked up, not scanned."""
    _by_initial: dict[str, list[str]] = field(default_factory=dict, repr=False)
    """The distinct tokens by first character, for labels whose spaces were dropped."""

    def crop(self, box: Box) -> Region:
        words = [w for w in self.words if box.contains_center(w.box)]
        return Region(words, box, self.page_number, self.page)

    def right_of(self, box: Box, max_dx: float = 10_000, slack: float = 2.0) -> Region:
        """Words on the same line as `box`, to its right."""
        area = Box(box.x1 - slack, box.top - slack, box.x1 + max_dx, box.bottom + slack)
        return self.crop(area)

    def below(self, box: Box, max_dy: float = 40.0, extend: float = 0.0) -> Region:
        """Words under `box` within max_dy, in its column (widened by `extend` each side)."""
        area = Box(box.x0 - extend, box.bottom - 1, box.x1 + extend, box.bottom + max_dy)
        return self.crop(area)

    def lines(self) -> list[Line]:
        return [line for line, _ in self._indexed()]

    def _indexed(self) -> list[tuple[Line, list[tuple[str, int]]]]:
        """Lines with their label tokens (token, index of its word), computed once."""
        if self._lines is None:
            self._lines = []
            for number, line in enumerate(group_lines(self.words)):
                toks = [(t, i) for i, w in enumerate(line.words) for t in tokens(w.text)]
                self._lines.append((line, toks))
                for position, (token, _) in enumerate(toks):
                    if token not in self._starts:
                        self._by_initial.setdefault(token[:1], []).append(token)
                    self._starts.setdefault(token, []).append((number, position))
        return self._lines

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines())

    def find(self, label: str, max_gap: float = 30.0) -> list[Hit]:
        """Every place where the label's tokens appear as consecutive words of one line.

        Matching ignores case and punctuation; a word may hold several tokens ("comp.")
        and a token may be glued to punctuation. Spaces may be dropped (`Federalincome`)
        or added (`Non employee`, `with- held`); on OCR pages a word may be misread
        (`_match_at`). Lines are read left to right.
        """
        want = list(tokens(label))
        if not want:
            return []
        fuzzy = self.page is not None and self.page.method == "ocr"
        self._indexed()
        if fuzzy:  # a misread first word: every position whose token may begin the label
            glued = "".join(want[:MAX_GLUED])
            starts = sorted(
                at
                for token, ats in self._starts.items()
                if _may_begin(token, want[0], glued)
                for at in ats
            )
        else:
            starts = self._starts_of(want[0])
        hits: list[Hit] = []
        for number, start in starts:
            hit = self._match(number, start, want, max_gap, fuzzy)
            if hit is not None:
                hits.append(hit)
        return hits

    def _match(
        self, number: int, start: int, want: list[str], max_gap: float, fuzzy: bool
    ) -> Hit | None:
        """The label from token `start` of line `number` on: on that line, or wrapped
        onto the lines under it (a table's cell, `Federal income tax` / `withheld`)."""
        line, toks = self._indexed()[number]
        run = _run(line.words, toks, start, max_gap)
        done, matched, slips = _consume(run, want, fuzzy)
        if matched == len(want):
            return Hit(_words_of(run[:done]), 0.85 if slips else 1.0)
        # `with-` / `held`, the line maybe going on with the label's value (`DIVI- 825.59`)
        broken = done < len(run) and run[done][0].endswith("-")
        broken = broken and (done == len(run) - 1 or _ends_label(run, done + 1))
        if not matched or (done < len(run) and not broken and not _ends_label(run, done)):
            return None
        if want[0] == "box" and matched == 1:
            return None  # `Box` and its number share a line: a table's `Box` column head
        head = run[: done + 1] if broken else run[:done] if done < len(run) else run
        return self._wrapped(number, head, want, max_gap, fuzzy, WRAPPED_LINES - 1)

    def _wrapped(
        self, number: int, head: Stream, want: list[str], max_gap: float, fuzzy: bool, more: int
    ) -> Hit | None:
        """The rest of a label whose first lines are `head` (ending line `number`), on the
        next line under its start, left-aligned with it (after the box number, for a
        hanging indent), its words at most a quarter of their height (2 points at least)
        into the label's last line: PP-OCR's padded boxes overlap a little, and a line's box
        is as tall as its tallest word; `more` lines may follow."""
        indexed = self._indexed()
        line = indexed[number][0]
        first, last = head[0][1], head[-1][1]
        numbered = bool(re.fullmatch(r"\d+[a-z]?|box", head[0][0])) and len(head) > 1
        left_max = (head[1][1].box.x0 if numbered else first.box.x0) + 4
        rules = self.page.rules if self.page is not None else []
        for n in range(number + 1, min(number + 4, len(indexed))):
            below, below_toks = indexed[n]
            dy = below.box.top - line.box.bottom
            if dy > 0.8 * line.box.height:
                break
            for k, (_, index) in enumerate(below_toks):
                word = below.words[index]
                if k and below_toks[k - 1][1] == index:
                    continue  # mid-word: `s` of `Code(s)` carries on no `Code` above
                if not first.box.x0 - 4 <= word.box.x0 <= left_max:
                    continue
                if word.box.top - last.box.bottom < -max(2.0, 0.25 * word.box.height):
                    continue  # beside the label's last line, not under it
                if index and _mid_run(below.words[index - 1], word, rules):
                    continue  # mid-run on the line below: no wrapped label's start
                rest = _run(below.words, below_toks, k, max_gap)
                done, matched, slips = _consume(head + rest, want, fuzzy)
                if done <= len(head):
                    continue
                if matched == len(want):
                    return Hit(_words_of((head + rest)[:done]), 0.85 if slips else 1.0)
                if more > 1 and done == len(head) + len(rest):
                    hit = self._wrapped(n, head + rest, want, max_gap, fuzzy, more - 1)
                    if hit is not None:
                        return hit
        return None

    def _starts_of(self, first: str) -> list[tuple[int, int]]:
        """Where a label beginning with token `first` may begin: that token, a token that
        begins with it (spaces dropped), a word it begins with (a space added) or its
        abbreviation; each token once (`num` both begins `number` and abbreviates it)."""
        self._indexed()
        names = {first, *(short for short, word in ABBREVIATIONS.items() if word == first)}
        for token in self._by_initial.get(first[:1], ()):
            bare = token.rstrip("-")
            if token.startswith(first) or (len(bare) >= 2 and first.startswith(bare)):
                names.add(token)
        return sorted(at for token in names for at in self._starts.get(token, ()))

    def find_any(self, labels: Iterable[str]) -> list[Hit]:
        out: list[Hit] = []
        for label in labels:
            out.extend(self.find(label))
        return out

    def __iter__(self) -> Iterator[Word]:
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)


Stream = list[tuple[str, Word]]
"""A label's printed tokens in reading order, each with its word."""


def _run(words: list[Word], toks: list[tuple[str, int]], start: int, max_gap: float) -> Stream:
    """The tokens of a line from `start` on, up to the first gap wider than `max_gap`."""
    out: Stream = []
    for token, index in toks[start:]:
        word = words[index]
        if out and out[-1][1] is not word and word.box.x0 - out[-1][1].box.x1 > max_gap:
            break
        out.append((token, word))
    return out


def _mid_run(before: Word, word: Word, rules: list[Box]) -> bool:
    """Whether `word` carries on the words printed just before it on its line: a value
    ending the next column on the left (a gutter's width apart, `XXX-XX-2468` then
    `withheld`) starts no run of words, nor does a word past a cell border (a grid's
    `Contributions Made | ARCHER MSA`, the cells' wrapped labels a few points apart)."""
    gap = word.box.x0 - before.box.x1
    if any(
        before.box.x1 - 1 <= r.x0 <= word.box.x0 + 1 and r.top <= word.box.cy <= r.bottom
        for r in rules
    ):
        return False
    value = bool(re.search(r"[\d$]", before.text)) and gap > 0.5 * word.box.height
    return gap < 12 and not value


def _ends_label(run: Stream, done: int) -> bool:
    """Whether the label's text may end where matching stopped: at a value (a digit, `$`)
    or a dot leader, as a wrapped label's first line may go on with its value, or at a
    blank wider than 1.2 of its letters' height, twice the widest space of a label's words
    (the next cell's or column's text: a grid's `For calendar year` 8 points after 6-point
    `9a Your percentage`)."""
    word, last = run[done][1], run[done - 1][1]
    if word is last:
        return False
    height = max(last.box.height, word.box.height, 4.0)
    return bool(re.search(r"[\d$]|\.\.\.", word.text)) or word.box.x0 - last.box.x1 > 1.2 * height


def _words_of(stream: Stream) -> tuple[Word, ...]:
    return tuple(dict.fromkeys(w for _, w in stream))


def _may_begin(token: str, first: str, glued: str) -> bool:
    """Whether an OCR page's printed token can be where a label begins: `_consume`'s first
    step can take it. The label's first word `first`, misread or not; the start of `glued`,
    its first words without their spaces (several of them in one token, spaced in other
    places, a word split in two); a long glued misread. Only a sieve: `_match` decides."""
    bare = token.rstrip("-")
    return (
        ABBREVIATIONS.get(token) == first
        or (bool(bare) and glued.startswith(bare))
        or (len(token) >= 16 and token.isalpha())
        or (abs(len(token) - len(first)) <= 1 and _same(token, first, True))
    )


def _consume(stream: Stream, want: list[str], fuzzy: bool) -> tuple[int, int, int]:
    """Match the label's tokens against the stream from its start: how many printed
    tokens were used, how many of the label's matched, and how many words were misread.
    A printed token may hold several of the label's (a dropped space), several printed
    tokens one of the label's (`Non employee`, `with- held`); on OCR pages one inner word
    of a long label may be misread further (`rearived`)."""
    seen = [t for t, _ in stream]
    i, j, slips = 0, 0, 0
    while j < len(want) and i < len(seen):
        step = _align(seen, i, want, j, fuzzy)
        inner = 0 < j < len(want) - 1 and len(want) >= 4
        if step is None and fuzzy and not slips and inner and _near_miss(seen[i], want[j]):
            step, slips = (1, 1), 1
        if step is None and fuzzy and not slips and (glued := _glued_misread(seen[i], want, j)):
            step, slips = (1, glued), 1
        if step is None:
            break
        i, j = i + step[0], j + step[1]
    return i, j, slips


MAX_GLUED = 8
"""The most label words one printed word may hold (PP-OCR's `4Federalincometaxwithheld`)."""


def _align(seen: list[str], i: int, want: list[str], j: int, fuzzy: bool) -> tuple[int, int] | None:
    """How many printed and wanted tokens match from (i, j): (1, 1) for one word, (1, k)
    when the print dropped spaces, (k, 1) when it split a word; None when they differ."""
    if _same(seen[i], want[j], fuzzy):
        return 1, 1
    for k in range(2, min(len(want) - j, MAX_GLUED) + 1):
        if seen[i] == "".join(want[j : j + k]):
            return 1, k
    joined = seen[i].rstrip("-")
    for k in (2, 3):
        if i + k > len(seen) or not want[j].startswith(joined) or not joined.isalpha():
            break
        joined += seen[i + k - 1].rstrip("-")
        if joined == want[j]:
            return k, 1
    return _spaced_elsewhere(seen, i, want, j)


def _spaced_elsewhere(seen: list[str], i: int, want: list[str], j: int) -> tuple[int, int] | None:
    """(k, m) when k printed tokens hold the label's next m words with the spaces put in
    other places (PP-OCR's `1N on employee` for `1 Nonemployee`): the same letters, broken
    at a word's end of both."""
    wanted = "".join(want[j : j + MAX_GLUED])
    if not wanted.startswith(seen[i]) or seen[i] in want[j : j + 1]:
        return None
    joined = seen[i]
    for k in range(2, min(len(seen) - i, 3) + 1):
        joined += seen[i + k - 1]
        for m in range(2, min(len(want) - j, MAX_GLUED) + 1):
            if joined == "".join(want[j : j + m]):
                return k, m
    return None


def _glued_misread(seen: str, want: list[str], j: int) -> int:
    """How many of the label's words from `j` on one long OCR word holds glued, with letters
    misread, 16 letters at least: three words at least, two letters off (PP-OCR's
    `Medlicalandhelthcarepayments`); or, between the box's printed number and the label's
    words after them, which hold it in place, two words or more, three letters off (`14`
    `Nonqualfleddefered` / `compensation`). 0 when it holds none."""
    if len(seen) < 16 or not seen.isalpha():
        return 0
    after_number = j == 1 and want[0][:1].isdigit()
    for k in range(min(len(want) - j, MAX_GLUED), 1, -1):
        framed = after_number and j + k < len(want)
        off = 3 if framed else 2
        joined = "".join(want[j : j + k])
        if (k > 2 or framed) and abs(len(joined) - len(seen)) <= off and edits(seen, joined) <= off:
            return k
    return 0


def edits(a: str, b: str) -> int:
    """Levenshtein distance between two words."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for k, cb in enumerate(b, 1):
            prev, row[k] = row[k], min(row[k] + 1, row[k - 1] + 1, prev + (ca != cb))
    return row[-1]


def _near_miss(seen: str, wanted: str) -> bool:
    """Two letters misread in a long word (`rearived` for `received`), same length."""
    return (
        len(wanted) >= 7
        and len(seen) == len(wanted)
        and seen.isalpha()
        and seen not in LABEL_WORDS
        and sum(a != b for a, b in zip(seen, wanted, strict=True)) <= 2
    )


LABEL_WORDS: set[str] = set()
"""Every word of every registered label: a misread may be close to one of them, but a word
that is itself a label word ("Employer's" beside "Employee's") is never a misread."""


def remember_label(text: str) -> None:
    LABEL_WORDS.update(tokens(text))


def _same(seen: str, wanted: str, fuzzy: bool) -> bool:
    """Token equality; on OCR pages a long word may differ by one letter ("Retirememt"), and
    a word may hold a digit for its look-alike letter ("1D")."""
    if seen == wanted or ABBREVIATIONS.get(seen) == wanted:
        return True
    if fuzzy and _BOX_NUMBER.fullmatch(wanted) and _number_slip(seen, wanted):
        return True
    if fuzzy and seen.isalnum() and not seen.isalpha() and not seen.isdigit():
        letters = seen.replace("0", "o")  # a digit in a word is a look-alike letter ("1D")
        if wanted in (letters.replace("1", "i"), letters.replace("1", "l")):
            return True
    return (
        fuzzy
        and len(wanted) >= 5
        and abs(len(seen) - len(wanted)) <= 1
        and seen not in LABEL_WORDS
        and one_edit(seen, wanted)
    )


_BOX_NUMBER = re.compile(r"\d{1,2}[a-z]{0,2}")
_LOOK_ALIKES = frozenset({("1", "l"), ("1", "i"), ("5", "s"), ("0", "o")})
"""A digit and the letter OCR reads for it, or the other way round (`la` for `1a`, `51`
for `5l`, `Sa` for `5a`, `Ist` for `1st`)."""


def _number_slip(seen: str, wanted: str) -> bool:
    """Whether a printed token is a box's number (or an ordinal: `1st`) with one character
    read as its look-alike: a digit for a letter or a letter for a digit."""
    if len(seen) != len(wanted):
        return False
    off = [(a, b) for a, b in zip(seen, wanted, strict=True) if a != b]
    return len(off) == 1 and (off[0] in _LOOK_ALIKES or off[0][::-1] in _LOOK_ALIKES)


def one_edit(a: str, b: str) -> bool:
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def group_lines(words: Iterable[Word], y_tolerance: float | None = None) -> list[Line]:
    """Cluster words into lines by vertical overlap, then sort each line left to right."""
    ordered = sorted(words, key=lambda w: (w.box.cy, w.box.x0))
    lines: list[list[Word]] = []
    sums: list[float] = []
    for w in ordered:
        tol = y_tolerance if y_tolerance is not None else max(2.0, w.box.height * 0.45)
        cy = w.box.cy
        if lines and abs(cy - sums[-1] / len(lines[-1])) <= tol:
            lines[-1].append(w)
            sums[-1] += cy
        else:
            lines.append([w])
            sums.append(cy)
    return [Line(sorted(ws, key=lambda w: w.box.x0)) for ws in lines]


@dataclass(frozen=True, eq=False)
class PageImage:
    """An OCR page's upright grey pixels (read-only), kept as they are: no encoding on the
    way. Hashed by identity, so what is found on one image can be cached."""

    gray: np.ndarray


@dataclass(slots=True)
class Page:
    """One page of a document as words; `method` says where the words came from."""

    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    method: Method = "text"
    warnings: list[str] = field(default_factory=list)
    image: PageImage | None = field(default=None, repr=False)
    """For OCR pages: the upright page image the words were read from."""
    dpi: int = 0
    lang: str = "eng"
    """For OCR pages: the Tesseract language(s) the words were read in."""
    rules: list[Box] = field(default_factory=list, repr=False)
    """Vertical ruling lines of the page (cell borders), where the reader saw them."""
    floors: list[Box] = field(default_factory=list, repr=False)
    """Horizontal ruling lines of the page (cell tops and bottoms), where the reader saw them."""
    rereader: Rereader | None = field(default=None, repr=False)
    """How the reader that read the page reads a part of it again (OCR pages): set by the
    loader, so form code asks the page, never an OCR engine."""

    def read_again(
        self, box: Box, psm: int = 7, alphabet: str = "", leaders: bool = False
    ) -> list[Word]:
        """Words of one part of the page read again on their own, by the page's reader: a
        line (`psm` 7) or a block (6), from `alphabet` only when given, with dot leaders
        taken out first when `leaders`. A page its reader cannot read again (a text layer)
        gives none."""
        if self.rereader is None:
            return []
        return self.rereader(self, box, psm=psm, alphabet=alphabet, leaders=leaders)

    recogniser: Callable[[Page, Box], list[Word]] | None = field(default=None, repr=False)
    """How the page's second engine reads one line of it alone (OCR pages): set by the
    loader where both engines may be used."""

    def recognise(self, box: Box) -> list[Word]:
        """One line of the page (`box`) read by the second engine's recogniser alone (a lone
        capital Tesseract misreads); none on a page without one."""
        if self.recogniser is None:
            return []
        return self.recogniser(self, box)

    alternate: list[Word] = field(default_factory=list, repr=False)
    """For OCR pages: the other engine's words where both engines read the whole page."""

    def cell_right(self, box: Box) -> float | None:
        """The x of the nearest cell border right of a label, at the label's height (a
        border the label's words cross, a table's Box column printing its number, is not
        its cell's)."""
        start = max(box.x0 + 4, box.x1 - 2)
        edges = [r.x0 for r in self.rules if r.x0 > start and r.top <= box.cy <= r.bottom]
        return min(edges, default=None)

    def cell_left(self, box: Box) -> float | None:
        """The x of the nearest cell border left of a label's start, at the label's height."""
        edges = [r.x1 for r in self.rules if r.x1 <= box.x0 + 1 and r.top <= box.cy <= r.bottom]
        return max(edges, default=None)

    def cell_bottom(self, box: Box) -> float | None:
        """The y of the nearest ruled cell bottom under a label (a horizontal rule below it,
        not its underline, across the label's start)."""
        edges = [
            r.top
            for r in self.floors
            if r.top > box.bottom + 0.3 * box.height and r.x0 <= box.x0 + 2 and r.x1 >= box.x0 + 8
        ]
        return min(edges, default=None)

    _text: str | None = field(default=None, repr=False)

    _region: tuple[Region, int] | None = field(default=None, repr=False)

    @property
    def region(self) -> Region:
        """The whole page as a region, made once (its lines and label index with it) while
        the page's words stay the same list of the same length."""
        if (
            self._region is None
            or self._region[0].words is not self.words
            or self._region[1] != len(self.words)
        ):
            whole = Region(self.words, Box(0, 0, self.width, self.height), self.number, self)
            self._region = (whole, len(self.words))
        return self._region[0]

    def lines(self) -> list[Line]:
        return self.region.lines()

    def text(self) -> str:
        """The page's text, line by line (computed once: pages are not edited after loading)."""
        if self._text is None:
            self._text = "\n".join(line.text for line in self.lines())
        return self._text

    @property
    def confidence(self) -> float:
        if not self.words:
            return 0.0
        return sum(w.conf for w in self.words) / len(self.words)
