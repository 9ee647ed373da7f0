"""A clock for tests of anything timed: moved on by hand, never by a sleep."""

from __future__ import annotations


class Clock:
    """Seconds that pass only when the test says (`clock.now += 0.2`)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now
