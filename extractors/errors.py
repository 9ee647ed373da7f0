"""The one error an input can end in: a reason a user can act on, and the stage it failed at."""

from __future__ import annotations


class InputError(Exception):
    """An input that could not be read at all (corrupt, encrypted, not a document, unreadable)."""

    def __init__(self, reason: str, stage: str = "open") -> None:
        super().__init__(reason)
        self.reason = reason
        self.stage = stage
