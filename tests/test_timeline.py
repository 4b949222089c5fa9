"""The run timeline: checkpoints within a memory budget, dense early and thinned later."""

import numpy as np

from nnsim.session import Checkpoint, RunTimeline


def checkpoint(step: int, n_params: int = 1000) -> Checkpoint:
    state = {"optimizer": {"t": step, "m": np.zeros(n_params)},
             "history": {"epoch": [], "train_loss": []}}
    return Checkpoint(step // 10, step, np.full(n_params, float(step)), state, step // 10)


def test_checkpoints_stay_within_the_budget_spaced_about_logarithmically():
    size = checkpoint(0).nbytes
    timeline = RunTimeline(budget_bytes=40 * size)
    for step in range(0, 100_000, 50):
        timeline.record(checkpoint(step))
        assert timeline.nbytes <= 40 * size
        assert timeline.nbytes == sum(c.nbytes for c in timeline.checkpoints)
    steps = np.array([c.step for c in timeline.checkpoints])
    assert steps[0] == 0 and steps[-1] == 99_950 and len(steps) == 40
    # About even on a log scale: each checkpoint at most doubles the step before it...
    assert np.all(steps[2:] <= 2 * steps[1:-1])
    # ...so they are dense early and sparse late.
    assert np.diff(steps[:5]).max() < 1_000 < 5_000 < np.diff(steps[-6:-1]).min()


def test_recording_at_an_earlier_step_starts_the_run_over_from_there():
    timeline = RunTimeline()
    for step in (0, 10, 20, 30):
        timeline.record(checkpoint(step))
    timeline.record(checkpoint(15))
    assert [c.step for c in timeline.checkpoints] == [0, 10, 15]


def test_the_checkpoint_at_or_before_an_epoch():
    timeline = RunTimeline()
    for step in (0, 10, 25, 40):
        timeline.record(checkpoint(step))
    assert timeline.at_or_before(3.7).step == 25
    assert timeline.at_or_before(2).step == 25    # epoch 2 at step 25: the latest of it
    assert timeline.at_or_before(-1) is None
