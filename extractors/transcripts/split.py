"""Split a run of transcript pages into transcripts, and tell each transcript's kind.

A PDF often holds several transcripts (several tax periods, several kinds). A transcript
starts at its title (`Account Transcript`); a title repeated in a page header (the same
tracking number, the same period) continues the current one, and inside a Record of Account
the titles of its two parts do not start new transcripts.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date

from backtax.extractors.transcripts.layout import TLine, is_noise, iso_date, month_end, norm_label

WAGE_INCOME = "IRS-WAGE-INCOME-TRANSCRIPT"
ACCOUNT = "IRS-ACCOUNT-TRANSCRIPT"
RETURN = "IRS-RETURN-TRANSCRIPT"
RECORD_OF_ACCOUNT = "IRS-RECORD-OF-ACCOUNT"

TITLES = {
    "wage and income transcript": WAGE_INCOME,
    "account transcript": ACCOUNT,
    "tax account transcript": ACCOUNT,
    "tax return transcript": RETURN,
    "record of account": RECORD_OF_ACCOUNT,
}

_TRACKING = re.compile(r"(?i)tracking\s+number\s*:?\s*(\d[\d ]{8,})")
# A tax period ends on a month's last day, so month and year are enough (OCR may garble the day);
# `period` with a letter or two misread (a fax's `Perjod`, `Penod`).
_PERIOD = re.compile(
    r"(?i)tax\W*\s+pe\w{1,3}od(?:\W*\s+ending|\W*\s+requested)?\W*\s*"
    r"(?:([A-Z][a-z]+)\.?,?\s+(?:\S{1,4}\s+)?(\d{4})|(\d{2})-\d{2}-(\d{4}))"
)
_LOOKAHEAD = 12


def title_kind(text: str) -> str | None:
    """The transcript kind a title line names (tolerant of OCR slips), else None."""
    t = norm_label(text)
    if len(t) > 40 or not t:
        return None
    if t in TITLES:
        return TITLES[t]
    close = difflib.get_close_matches(t, list(TITLES), n=1, cutoff=0.86)
    return TITLES[close[0]] if close else None


def tracking_number(text: str) -> str | None:
    m = _TRACKING.search(text)
    return m[1].replace(" ", "") if m else None


def tax_period(text: str) -> str | None:
    """The ISO end of the tax period a header line names, if it names one."""
    m = _PERIOD.search(text)
    if not m:
        return None
    if m[3]:
        return month_end(date(int(m[4]), int(m[3]), 1)).isoformat()
    return iso_date(f"{m[1]}, {m[2]}")


@dataclass
class Segment:
    """The lines of one transcript, its kind, tracking number and tax period end."""

    kind: str
    lines: list[TLine] = field(default_factory=list)
    tracking: str | None = None
    period: str | None = None
    guessed: bool = False
    """The kind was guessed (`fallback_kind`): no title of this transcript was read."""

    @property
    def pages(self) -> list[int]:
        """Pages with content of this transcript (a banner above the next title is not)."""
        return sorted({ln.page for ln in self.lines if not is_noise(ln.text)})


def _header_after(lines: list[TLine], i: int) -> tuple[str | None, str | None]:
    """Tracking number and period printed in the few lines after a title."""
    tracking = period = None
    for ln in lines[i + 1 : i + 1 + _LOOKAHEAD]:
        if title_kind(ln.text):
            break
        tracking = tracking or tracking_number(ln.text)
        period = period or tax_period(ln.text)
    return tracking, period


def _other_tracking(read: str, seg: str) -> bool:
    """Whether a tracking number read is another transcript's than `seg`'s: not when it is
    `seg`'s with a digit OCR put in or left out (a fax's `1080332300022` for 108033300022);
    one digit other is another (a request's transcripts are numbered one after another)."""
    longer, shorter = sorted((read, seg), key=len, reverse=True)
    if len(longer) - len(shorter) == 1:
        return not any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
    return read != seg


def _same_one(seg: Segment, tracking: str | None, period: str | None) -> bool:
    """Whether a title's header (tracking number, period) may be the transcript of `seg`."""
    if tracking and seg.tracking and _other_tracking(tracking, seg.tracking):
        return False
    return not (period and seg.period and period != seg.period)


def _starts_new(seg: Segment, kind: str, tracking: str | None, period: str | None) -> bool:
    if tracking and seg.tracking:
        return _other_tracking(tracking, seg.tracking) or bool(
            period and seg.period and period != seg.period
        )
    if period and seg.period and period != seg.period:
        return True
    if seg.kind == RECORD_OF_ACCOUNT and kind in (ACCOUNT, RETURN):
        return False
    return kind != seg.kind


def split_segments(lines: list[TLine], fallback_kind: str) -> list[Segment]:
    """The transcripts in a run of lines; lines before any title belong to `fallback_kind`
    (when they are more than a page's banner and header: no transcript of its own), unless
    the first title's transcript is theirs (its title OCR lost on their page: no other
    tracking number, no other period), which they then start (`guessed` stays False)."""
    segments: list[Segment] = []
    for i, line in enumerate(lines):
        kind = title_kind(line.text)
        if kind:
            tracking, period = _header_after(lines, i)
            if (
                len(segments) == 1
                and segments[0].guessed
                and _same_one(segments[0], tracking, period)
            ):
                segments[0].kind, segments[0].guessed = kind, False
            elif not segments or _starts_new(segments[-1], kind, tracking, period):
                segments.append(Segment(kind, [line], tracking, period))
                continue
        if not segments:
            segments.append(Segment(fallback_kind, guessed=True))
        seg = segments[-1]
        seg.lines.append(line)
        seg.tracking = seg.tracking or tracking_number(line.text)
        seg.period = seg.period or tax_period(line.text)
    return [s for s in segments if s.pages]
