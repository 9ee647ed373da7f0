"""The one error an input can end in: a reason a user can act on, and the stage it failed at."""

from __future__ import annotations


class InputError(Exception):
    """An input that could not be read at all (corrupt, encrypted, not a document, unreadable).

    `verdict` says whether the reason is about the file's bytes (the same bytes always end
    the same way, so the outcome may be cached) or about this attempt (the file vanished,
    an I/O error, a limit of time or memory): those are tried again next time.
    """

    def __init__(self, reason: str, stage: str = "open", *, verdict: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.stage = stage
        self.verdict = verdict
