"""How often the slower views follow training: each frame's GUI time is taken from it."""

from __future__ import annotations

import time

#: How often per second the status bar, counters, data view and heatmaps follow training.
SLOW_VIEWS_HZ = 8


class RateLimit:
    """``due()`` is True at most ``per_second`` times a second (or when forced); by
    default SLOW_VIEWS_HZ times."""

    def __init__(self, per_second: float | None = None):
        self.per_second = per_second
        self._last = -float("inf")

    def due(self, force: bool = False) -> bool:
        now = time.monotonic()
        if force or now - self._last >= 1.0 / (self.per_second or SLOW_VIEWS_HZ):
            self._last = now
            return True
        return False
