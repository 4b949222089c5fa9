"""Running estimates of how long training steps take, so that a run given a deadline
(a frame of the live view) stops before a step that would overrun it."""

from __future__ import annotations


class RunningMean:
    """Exponentially weighted mean: each new value weighs ``weight``; the first is
    taken as it is (a mean seeded with zero would take many values to catch up)."""

    def __init__(self, weight: float):
        self.weight = weight
        self.value = 0.0
        self._empty = True

    def add(self, x: float) -> None:
        if self._empty:
            self.value, self._empty = x, False
        else:
            self.value += self.weight * (x - self.value)


class StepCosts:
    """Running estimates of one step's seconds and of an epoch end's evaluation, so a
    run with a deadline stops *before* a step that would overrun it, instead of after."""

    SMOOTHING = 0.1  # weight of the newest step: follows load changes within ~10 steps

    def __init__(self):
        self.step = RunningMean(self.SMOOTHING)
        self.evaluation = 0.0

    def record(self, seconds: float, ended_epoch: bool) -> None:
        if ended_epoch:
            self.evaluation = max(0.0, seconds - self.step.value)
        else:
            self.step.add(seconds)

    def predict(self, ends_epoch: bool) -> float:
        return self.step.value + (self.evaluation if ends_epoch else 0.0)
