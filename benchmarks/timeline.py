"""Time travel's costs: showing a past moment, recording moments while training, and the
memory a long run's timeline holds.

1. scrub latency: the main window (1600×1000) with a 784-16-16-10 network on synthetic
   MNIST-shaped data, trained a few epochs; ``session.view_past`` on every saved moment
   in turn, until every view has redrawn and painted it (median and worst of three
   passes after a first that warms the caches up, ms);
2. recording overhead: the window training (Play, live view) for ``--seconds`` with the
   timeline recording, and as long again with recording off; steps/s of each, in
   alternating rounds (best of each); and, less noisy on a shared machine, the time
   the recording calls themselves take, as a share of the time recording;
3. memory: a simulated one-hour 784-128-64-10 run with Adam, a moment recorded every
   0.1 s (the most the training thread records) with its growing history, into a
   timeline with the default budget; the timeline's own count and the bytes Python
   and numpy really hold for it (tracemalloc), against the budget.

    .venv/bin/python benchmarks/timeline.py              # offscreen without DISPLAY
    .venv/bin/python benchmarks/timeline.py --seconds 3 --hours 0.25

Targets (issue 11): scrub ≤ 50 ms, recording ≤ 10% of throughput, memory within budget.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from nnsim.cli import use_one_blas_thread

use_one_blas_thread()  # as the app does, before numpy loads

if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from gui import synthetic_mnist  # noqa: E402  (benchmarks/gui.py: the same data)
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nnsim.session import Checkpoint, DataState, RunTimeline  # noqa: E402
from nnsim.session import runner as runner_module  # noqa: E402
from nnsim.session.timeline import DEFAULT_BUDGET_BYTES  # noqa: E402
from nnsim.simulator.history import History, Metrics  # noqa: E402
from nnsim.simulator.network import Network  # noqa: E402
from nnsim.simulator.project import Project  # noqa: E402
from nnsim.simulator.training import TrainingConfig  # noqa: E402
from nnsim.ui.mainwindow import MainWindow, apply_theme  # noqa: E402

TARGET_SCRUB_MS, TARGET_OVERHEAD = 50.0, 0.10


def open_window(app: QApplication, folder: Path) -> MainWindow:
    window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.IniFormat),
                        recovery_folder=folder / "recovery")
    window.resize(1600, 1000)
    window.show()
    project = Project.new([784, 16, 16, 10], "sigmoid", "softmax",
                          training=TrainingConfig(batch_size=64, epochs=None))
    window.session.open_project(project, DataState(None, synthetic_mnist(6000, 1),
                                                   synthetic_mnist(1000, 2)))
    window.data.show_data()
    settle(app, 0.5)
    return window


def settle(app: QApplication, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()


def scrub_latency(app: QApplication, window: MainWindow) -> list[float]:
    """ms from asking for each saved moment until the window has painted it."""
    session = window.session
    for _ in range(6):
        session.step_epoch()
        while session.busy:
            app.processEvents()
    settle(app, 0.3)
    times = []
    for scrub in range(4):  # the first builds the plots' caches: not counted
        for checkpoint in session.timeline.checkpoints:
            start = time.perf_counter()
            session.view_past(checkpoint)
            window.repaint()  # paint now, every dock, as the next frame would
            app.processEvents()
            times.extend([1e3 * (time.perf_counter() - start)] * (scrub > 0))
    session.back_to_now()
    return times


def playing_rate(app: QApplication, window: MainWindow, seconds: float) -> float:
    """Steps per second while the window trains with its live view."""
    session = window.session
    session.play()
    settle(app, 0.5)
    start_step, start = session.latest.step, time.perf_counter()
    settle(app, seconds)
    rate = (session.latest.step - start_step) / (time.perf_counter() - start)
    session.pause()
    settle(app, 0.2)  # take the thread's report that it stopped before playing again
    return rate


class RecordingClock:
    """Seconds spent recording moments, by wrapping on the instances (the classes stay
    untouched): the trainer's ``state_dict`` (the training thread copies its state for
    each moment), the timeline's ``record`` and the ``timeline_changed`` event (the
    timeline bar redrawing)."""

    def __init__(self, session):
        self.seconds = 0.0
        session.timeline.record = self._timed(session.timeline.record)
        event = session.events.timeline_changed
        event.emit = self._timed(event.emit)
        session.trainer.state_dict = self._timed(session.trainer.state_dict)

    def _timed(self, method):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start
        return wrapper


def recording_overhead(app, window, seconds: float, rounds: int = 2):
    """(steps/s recording, steps/s not recording, moments recorded per second, share
    of the time spent recording)."""
    recording, plain, moments = [], [], []
    interval = runner_module.CHECKPOINT_SECONDS
    clock = RecordingClock(window.session)
    for _ in range(rounds):
        runner_module.CHECKPOINT_SECONDS = interval
        before = len(window.session.timeline)
        recording.append(playing_rate(app, window, seconds))
        moments.append((len(window.session.timeline) - before) / seconds)
        runner_module.CHECKPOINT_SECONDS = float("inf")  # no moment while playing
        plain.append(playing_rate(app, window, seconds))
    runner_module.CHECKPOINT_SECONDS = interval
    share = clock.seconds / (rounds * seconds)
    return max(recording), max(plain), max(moments), share


def simulated_hour(hours: float, per_second: float = 10.0):
    """(moments recorded, moments kept, timeline bytes, bytes really held) for a
    784-128-64-10 Adam run recording ``per_second`` moments for ``hours``."""
    n_params = Network([784, 128, 64, 10], "relu").params.size
    timeline, history = RunTimeline(DEFAULT_BUDGET_BYTES), History()
    total = int(hours * 3600 * per_second)
    tracemalloc.start()
    for i in range(total):
        history.append(i + 1, Metrics(1.0 / (i + 1), 0.5, 1.0, 0.5))
        state = {"epoch": i + 1, "step": 100 * (i + 1), "in_epoch": False, "cursor": 0,
                 "batch_in_epoch": 0, "rng_state": {},
                 "optimizer": {"t": i, "m": np.empty(n_params), "v": np.empty(n_params)},
                 "history": history.to_dict()}
        timeline.record(Checkpoint(i + 1, 100 * (i + 1), np.empty(n_params), state, i + 1))
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return total, len(timeline), timeline.nbytes, held, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--hours", type=float, default=1.0)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app)
    with tempfile.TemporaryDirectory() as folder:
        window = open_window(app, Path(folder))
        times = scrub_latency(app, window)
        print(f"scrub latency, 784-16-16-10, {len(window.session.timeline)} moments: "
              f"median {statistics.median(times):.1f} ms, worst {max(times):.1f} ms "
              f"(target ≤ {TARGET_SCRUB_MS:.0f} ms: "
              f"{'met' if max(times) <= TARGET_SCRUB_MS else 'NOT met'})")
        recording, plain, moments, timed = recording_overhead(app, window, args.seconds)
        print(f"recording, 784-16-16-10 with the live view: {recording:,.0f} steps/s "
              f"recording ({moments:.1f} moments/s), {plain:,.0f} steps/s not "
              f"({1 - recording / plain:+.1%}, noisy on a shared machine); time spent "
              f"recording {timed:.2%} of the run (target ≤ {TARGET_OVERHEAD:.0%}: "
              f"{'met' if timed <= TARGET_OVERHEAD else 'NOT met'})")
        window.session.close()  # nothing left to save: no "save changes?" box
        window.close()
    total, kept, nbytes, held, peak = simulated_hour(args.hours)
    mb = 2**20
    print(f"memory, {args.hours:g} h of 784-128-64-10 with Adam, {total:,} moments "
          f"recorded: {kept} kept, {nbytes / mb:,.1f} MB counted, {held / mb:,.1f} MB "
          f"held (peak {peak / mb:,.1f} MB) of the {DEFAULT_BUDGET_BYTES / mb:.0f} MB "
          f"budget ({'met' if held <= DEFAULT_BUDGET_BYTES else 'NOT met'})")


if __name__ == "__main__":
    main()
