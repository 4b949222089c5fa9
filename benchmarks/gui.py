"""Training speed and GUI responsiveness with the whole main window training.

For each case (784-16-16-10 in float64 and float32 and 784-128-64-10 in float32, on
synthetic MNIST-shaped data, and the playground-circle example) it measures, in one
process:

1. headless steps/s: ``trainer.train_steps`` on the session's own trainer, before the
   window trains (best of 3 runs of ~1 s);
2. window steps/s: the main window shown at 1600×1000 while the worker trains (Play, no
   epoch limit) for ``--seconds``, from the snapshots' step counts; and its ratio to (1);
3. event-loop lateness: a 10 ms timer in the GUI thread, fired time minus due time;
4. canvas frames per second: ``canvas.painted`` emissions per second.

It also times the worker's phases per frame (train, snapshot, waiting for the GUI) by
wrapping them on the instances.  ``--profile`` adds a cProfile of the GUI thread.

    .venv/bin/python benchmarks/gui.py                      # offscreen without DISPLAY
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python benchmarks/gui.py
    .venv/bin/python benchmarks/gui.py --seconds 4 --json

Qt's platform is whatever QT_QPA_PLATFORM / DISPLAY say; offscreen when there is no
display.  Targets: window steps ≥ 60% of headless, lateness p99 ≤ 50 ms, ≥ 25 fps.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import io
import json
import math
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

from nnsim.cli import use_one_blas_thread

use_one_blas_thread()  # as the app does, before numpy loads

if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer, qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nnsim.session import DataState  # noqa: E402
from nnsim.simulator.dataset import Dataset  # noqa: E402
from nnsim.simulator.project import Project  # noqa: E402
from nnsim.simulator.training import TrainingConfig  # noqa: E402
from nnsim.ui.mainwindow import MainWindow, apply_theme  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PLAYGROUND = ROOT / "resources" / "examples" / "playground-circle.nnsim.json"
WINDOW = (1600, 1000)
HEADLESS_REPEATS, HEADLESS_SECONDS = 3, 1.0
WARMUP_SECONDS = 1.0       # first frames build caches and pyqtgraph items: not counted
TICK_MS = 10               # the lateness probe's interval
TARGET_RATIO, TARGET_P99_MS, TARGET_FPS = 0.60, 50.0, 25.0


# ---------------------------------------------------------------------- the cases
def synthetic_mnist(rows: int, seed: int) -> Dataset:
    """MNIST-shaped random data: the speed does not depend on what the pixels show."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, rows)
    return Dataset(name="synthetic", inputs=rng.uniform(0.0, 1.0, (rows, 784)),
                   targets=np.eye(10)[labels], task="classification",
                   class_names=tuple("0123456789"), image_shape=(28, 28))


def load_mnist(window: MainWindow, dtype: str, hidden=(16, 16), activation="sigmoid") -> None:
    project = Project.new([784, *hidden, 10], activation, "softmax",
                          training=TrainingConfig(batch_size=64))
    project.network = project.network.astype(dtype)
    window.session.open_project(project, DataState(None, synthetic_mnist(6000, 1),
                                                   synthetic_mnist(1000, 2)))


def load_playground(window: MainWindow) -> None:
    window.session.open(PLAYGROUND)


CASES = [  # name, loader
    ("784-16-16-10 f64", lambda w: load_mnist(w, "float64")),
    ("784-16-16-10 f32", lambda w: load_mnist(w, "float32")),
    ("784-128-64-10 f32", lambda w: load_mnist(w, "float32", (128, 64), "relu")),
    ("playground 2-4-2-1", load_playground),
]


# ---------------------------------------------------------------------- measurements
def headless_rate(trainer) -> float:
    """Best steps/s of a few ~1 s runs of the worker's own loop, without the GUI.

    The GUI thread is blocked here and the worker thread idles on its command queue, so
    the trainer is ours; the deadline check is the one the worker pays too.
    """
    trainer.stop_event.clear()  # loading paused the (idle) worker, which sets it
    trainer.train_steps(20, respect_limits=False)  # warm the buffers up
    best = 0.0
    for _ in range(HEADLESS_REPEATS):
        start = time.perf_counter()
        steps = trainer.train_steps(math.inf, respect_limits=False,
                                    deadline=start + HEADLESS_SECONDS)
        best = max(best, steps / (time.perf_counter() - start))
    return best


class PhaseTimer:
    """Seconds the worker thread spends training, snapshotting and waiting for the GUI,
    by wrapping those calls on the instances (the classes stay untouched)."""

    PHASES = ("train", "snapshot", "wait")

    def __init__(self, worker):
        self.totals = dict.fromkeys(self.PHASES, 0.0)
        self.frames = 0
        self.timeouts = 0
        self.steps = 0
        self.counting = False
        trainer = worker.trainer
        trainer.train_steps = self._counted(self._timed("train", trainer.train_steps))
        trainer.snapshot = self._timed("snapshot", trainer.snapshot)
        worker.frame_drawn.wait = self._timed_wait(worker.frame_drawn.wait)

    def _timed(self, phase, method):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                if self.counting:
                    self.totals[phase] += time.perf_counter() - start
        return wrapper

    def _counted(self, train_steps):
        def wrapper(*args, **kwargs):
            done = train_steps(*args, **kwargs)
            self.steps += done if self.counting else 0
            return done
        return wrapper

    def slice_steps_per_second(self) -> float:
        """Steps per second of training time: how fast the slices themselves run."""
        return self.steps / self.totals["train"] if self.totals["train"] else 0.0

    def _timed_wait(self, wait):
        timed = self._timed("wait", wait)

        def wrapper(timeout=None):
            drawn = timed(timeout)
            if self.counting:
                self.frames += 1
                self.timeouts += not drawn
            return drawn
        return wrapper

    def per_frame_ms(self) -> dict:
        frames = max(self.frames, 1)
        return {phase: 1e3 * total / frames for phase, total in self.totals.items()}


class GuiProbe:
    """Records, in the GUI thread, snapshot arrivals, canvas paints and timer lateness."""

    def __init__(self, window: MainWindow):
        self.snapshots: list[tuple[float, int]] = []
        self.paints = 0
        self.lateness_ms: list[float] = []
        self.counting = False
        window.session.events.frame.connect(self._on_snapshot)
        window.canvas.painted.connect(self._on_paint)
        # A re-armed single-shot timer: a repeating Qt timer catches up on its grid, so
        # an interval after a late one comes out short and hides the delay.
        self.timer = QTimer()
        self.timer.setTimerType(Qt.PreciseTimer)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._on_tick)
        self._armed = time.perf_counter()
        self.timer.start()

    def _on_snapshot(self, snapshot) -> None:
        if self.counting:
            self.snapshots.append((time.perf_counter(), snapshot.step))

    def _on_paint(self) -> None:
        self.paints += self.counting

    def _on_tick(self) -> None:
        now = time.perf_counter()
        if self.counting:
            self.lateness_ms.append((now - self._armed) * 1e3 - TICK_MS)
        self._armed = now
        self.timer.start()

    def steps_per_second(self) -> float:
        if len(self.snapshots) < 2:
            return 0.0
        (t0, s0), (t1, s1) = self.snapshots[0], self.snapshots[-1]
        return (s1 - s0) / (t1 - t0)


def spin(seconds: float) -> None:
    """Run the Qt event loop for ``seconds``."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def measure_window(window: MainWindow, seconds: float, profile: cProfile.Profile | None):
    """Train with the window shown; the probes count only after the warm-up."""
    session = window.session
    phases = PhaseTimer(session.runner)
    probe = GuiProbe(window)
    session.set_config(dataclasses.replace(session.config, epochs=None))
    session.play()
    spin(WARMUP_SECONDS)
    probe.counting = phases.counting = True
    if profile is not None:
        profile.enable()  # cProfile follows only the thread that enables it: the GUI's
    spin(seconds)
    if profile is not None:
        profile.disable()
    probe.counting = phases.counting = False
    probe.timer.stop()
    session.pause()
    return probe, phases


# ---------------------------------------------------------------------- one case
def open_window(settings_path: str) -> MainWindow:
    # Throw-away settings, so a saved layout neither shapes the run nor gets overwritten.
    window = MainWindow(QSettings(settings_path, QSettings.IniFormat))
    window.resize(*WINDOW)
    window.show()
    return window


def close_window(window: MainWindow) -> None:
    window.session.close()  # nothing left to save: no "save changes?" box
    window.session.shutdown()
    window.close()
    window.deleteLater()
    QApplication.processEvents()


def run_case(name: str, loader, seconds: float, settings_path: str,
             profile: cProfile.Profile | None) -> dict:
    window = open_window(settings_path)
    loader(window)
    spin(0.5)  # let the first layout and paint settle
    headless = headless_rate(window.session.trainer)
    probe, phases = measure_window(window, seconds, profile)
    params = window.session.network.n_parameters
    close_window(window)
    return summarise(name, params, headless, probe, phases, seconds)


def summarise(name, params, headless, probe, phases, seconds) -> dict:
    steps = probe.steps_per_second()
    late = np.asarray(probe.lateness_ms or [math.nan])
    p50, p95, p99 = np.percentile(late, [50, 95, 99])
    fps = probe.paints / seconds
    return {
        "case": name,
        "params": params,
        "headless_steps_per_s": headless,
        "window_steps_per_s": steps,
        "ratio": steps / headless,
        "lateness_ms": {"p50": p50, "p95": p95, "p99": p99, "max": float(late.max()),
                        "ticks": len(probe.lateness_ms)},
        "fps": fps,
        "snapshots_per_s": len(probe.snapshots) / seconds,
        "worker_ms_per_frame": phases.per_frame_ms(),
        "slice_steps_per_s": phases.slice_steps_per_second(),
        "worker_frames": phases.frames,
        "frame_wait_timeouts": phases.timeouts,
        "met": {"ratio": steps >= TARGET_RATIO * headless, "p99": p99 <= TARGET_P99_MS,
                "fps": fps >= TARGET_FPS},
    }


# ---------------------------------------------------------------------- report
def yes(ok: bool) -> str:
    return "yes" if ok else "NO"


def print_table(results: list[dict], context: dict) -> None:
    print(f"nnsim GUI benchmark — platform {context['platform']}, window "
          f"{WINDOW[0]}×{WINDOW[1]}, {context['seconds']:g} s per case after "
          f"{WARMUP_SECONDS:g} s warm-up, {context['cpus']} CPUs, Python "
          f"{context['python']}")
    print(f"load average before {context['load_before']}, after {context['load_after']}")
    print()
    print("| case               | headless st/s | window st/s | ratio (≥ 60%) | met | "
          "late p50 / p95 / p99 / max ms (p99 ≤ 50) | met | fps (≥ 25) | met |")
    print("|--------------------|---------------|-------------|---------------|-----|"
          "------------------------------------------|-----|------------|-----|")
    for r in results:
        late, met = r["lateness_ms"], r["met"]
        lateness = (f"{late['p50']:.1f} / {late['p95']:.1f} / {late['p99']:.1f} / "
                    f"{late['max']:.1f}")
        print(f"| {r['case']:18} | {r['headless_steps_per_s']:13,.0f} | "
              f"{r['window_steps_per_s']:11,.0f} | {r['ratio']:13.0%} | "
              f"{yes(met['ratio']):3} | {lateness:40} | {yes(met['p99']):3} | "
              f"{r['fps']:10.1f} | {yes(met['fps']):3} |")
    print()
    print("worker per frame, ms (train + snapshot + wait for the GUI's paint), and the")
    print("training rate within the slices, as a share of headless:")
    print("| case               | frames | train | snapshot | wait  | wait timeouts | "
          "snapshots/s | slice st/s | of headless |")
    print("|--------------------|--------|-------|----------|-------|---------------|"
          "-------------|------------|-------------|")
    for r in results:
        ms = r["worker_ms_per_frame"]
        in_slice = r["slice_steps_per_s"]
        print(f"| {r['case']:18} | {r['worker_frames']:6} | {ms['train']:5.1f} | "
              f"{ms['snapshot']:8.1f} | {ms['wait']:5.1f} | {r['frame_wait_timeouts']:13} | "
              f"{r['snapshots_per_s']:11.1f} | {in_slice:10,.0f} | "
              f"{in_slice / r['headless_steps_per_s']:11.0%} |")


def hide_offscreen_noise() -> None:
    """The offscreen plugin warns on every dock resize; keep other Qt messages."""
    def handler(_mode, _context, message):
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)
    qInstallMessageHandler(handler)


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0,
                        help="measured training time per case (default 8)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the GUI thread while training; printed to stderr")
    parser.add_argument("--only", help="run only the cases whose name contains this")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    hide_offscreen_noise()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app)
    profile = cProfile.Profile() if args.profile else None
    context = {"platform": app.platformName(), "seconds": args.seconds,
               "cpus": os.cpu_count(), "python": sys.version.split()[0],
               "load_before": load_average()}
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for name, loader in CASES:
            if args.only is None or args.only in name:
                settings = str(Path(folder) / "settings.ini")
                results.append(run_case(name, loader, args.seconds, settings, profile))
    context["load_after"] = load_average()
    if args.json:
        print(json.dumps({"context": context, "results": results}, indent=2))
    else:
        print_table(results, context)
    if profile is not None:
        report = io.StringIO()
        pstats.Stats(profile, stream=report).sort_stats("cumulative").print_stats(40)
        print(report.getvalue(), file=sys.stderr)


if __name__ == "__main__":
    main()
