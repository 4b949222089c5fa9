"""Memory over a long run: the main window training the digits example live.

Opens ``digits-64-16-16-10.nnsim.json`` in a ``MainWindow`` (1600×1000, throw-away
settings), lifts its epoch limit, watches two neurons and presses Play for ``--minutes``.
Every ``--interval`` seconds it samples the process's resident memory (``VmRSS`` in
/proc/self/status; elsewhere the peak from ``resource``), and reports the growth per
hour after ``--warmup`` minutes (a least-squares slope over the samples, and the plain
difference), with the number of points each plot holds at the end and the length of
the per-epoch history a save would write.

    .venv/bin/python benchmarks/soak.py                 # 20 minutes, offscreen
    .venv/bin/python benchmarks/soak.py --minutes 3 --warmup 1 --json
    .venv/bin/python benchmarks/soak.py --minutes 10 --trace 15   # what grows

``--trace N`` also runs tracemalloc (which traces numpy's arrays too) and prints the N
source lines whose allocations grew most after the warm-up; it slows training down and
adds to the resident memory, so take the growth from an untraced run.
Target: < 20 MB per hour after the warm-up.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

# gui first: it sets the BLAS and Qt variables before numpy and Qt load.
# isort: off
from gui import close_window, hide_offscreen_noise, load_average, open_window, spin
import numpy as np
from PySide6.QtWidgets import QApplication

from nnsim.ui.mainwindow import MainWindow, apply_theme
# isort: on

ROOT = Path(__file__).resolve().parent.parent
DIGITS = ROOT / "resources" / "examples" / "digits-64-16-16-10.nnsim.json"
WATCHED = ((1, 0), (2, 3))   # (layer, neuron) traced in the activations dock
TARGET_MB_PER_HOUR = 20.0


def rss_mb() -> float:
    """Resident memory now, in MB (the peak where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


@dataclasses.dataclass
class Sample:
    seconds: float
    rss_mb: float
    step: int
    traced_mb: float | None


class Soak:
    """Trains in ``window`` and samples memory every ``interval`` seconds."""

    def __init__(self, window: MainWindow, interval: float, trace: bool):
        self.window = window
        self.interval = interval
        self.trace = trace
        self.samples: list[Sample] = []
        self.step = 0
        window.session.events.frame.connect(self._on_snapshot)

    def _on_snapshot(self, snapshot) -> None:
        self.step = snapshot.step

    def start(self) -> None:
        session = self.window.session
        session.open(DIGITS)
        session.set_config(dataclasses.replace(session.config, epochs=None))
        for layer, neuron in WATCHED:
            self.window.activation_plot.watch_neuron(layer, neuron)
        spin(0.5)
        self.started = time.perf_counter()
        session.play()

    def sample(self) -> Sample:
        traced = tracemalloc.get_traced_memory()[0] / 2**20 if self.trace else None
        sample = Sample(time.perf_counter() - self.started, rss_mb(), self.step, traced)
        self.samples.append(sample)
        return sample

    def run_until(self, seconds: float, log) -> None:
        while (left := seconds - (time.perf_counter() - self.started)) > 0:
            spin(min(self.interval, left))
            log(self.sample())


def growth(samples: list[Sample], after: float) -> dict:
    """MB per hour of the samples from ``after`` seconds on: slope and end-to-end."""
    kept = [s for s in samples if s.seconds >= after]
    if len(kept) < 2:
        return {"samples": len(kept), "slope_mb_per_hour": float("nan"),
                "difference_mb_per_hour": float("nan")}
    t = np.array([s.seconds for s in kept])
    rss = np.array([s.rss_mb for s in kept])
    slope = np.polyfit(t, rss, 1)[0]
    hours = (t[-1] - t[0]) / 3600
    return {"samples": len(kept), "from_s": t[0], "to_s": t[-1],
            "rss_from_mb": rss[0], "rss_to_mb": rss[-1],
            "slope_mb_per_hour": slope * 3600,
            "difference_mb_per_hour": (rss[-1] - rss[0]) / hours}


def plot_points(window: MainWindow) -> dict:
    """Points each plot's curves hold (what was last given to ``setData``)."""
    plots = {"loss": window.loss_plot.loss_plot,
             "accuracy": window.loss_plot.accuracy_plot,
             "gradient norms": window.activation_plot.norms.plot,
             "watched neurons": window.activation_plot.traces.plot}
    counts = {}
    for plot_name, plot in plots.items():
        for i, curve in enumerate(plot.listDataItems()):
            x, _ = curve.getOriginalDataset()
            counts[f"{plot_name}: {curve.name() or i}"] = 0 if x is None else len(x)
    return counts


def top_growth(before: tracemalloc.Snapshot, after: tracemalloc.Snapshot, n: int) -> list:
    stats = after.compare_to(before, "lineno")
    return [{"where": str(stat.traceback[0]), "grew_kb": stat.size_diff / 1024,
             "count_diff": stat.count_diff} for stat in stats[:n]]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=20.0,
                        help="training time (default 20)")
    parser.add_argument("--warmup", type=float, default=2.0,
                        help="minutes not counted in the growth (default 2)")
    parser.add_argument("--interval", type=float, default=10.0,
                        help="seconds between memory samples (default 10)")
    parser.add_argument("--trace", type=int, default=0, metavar="N",
                        help="tracemalloc: print the N lines whose allocations grew most")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def soak(args, window: MainWindow) -> dict:
    log = (lambda s: None) if args.json else (
        lambda s: print(f"  {s.seconds / 60:6.1f} min  RSS {s.rss_mb:7.1f} MB  step "
                        f"{s.step:>10,}" + ("" if s.traced_mb is None else
                                            f"  traced {s.traced_mb:7.1f} MB"), flush=True))
    run = Soak(window, args.interval, trace=bool(args.trace))
    run.start()
    log(run.sample())
    warmup = args.warmup * 60
    run.run_until(warmup, log)
    before = tracemalloc.take_snapshot() if args.trace else None
    run.run_until(args.minutes * 60, log)
    after = tracemalloc.take_snapshot() if args.trace else None
    points = plot_points(window)
    session = window.session
    session.pause()
    return {"growth": growth(run.samples, warmup), "plot_points": points,
            "history_epochs": len(session.trainer.history.epoch),
            "epochs": session.trainer.epoch, "steps": session.trainer.step_count,
            "undo_steps": len(session.history.changes),
            "timeline_mb": session.timeline.nbytes / 2**20,
            "samples": [dataclasses.asdict(s) for s in run.samples],
            "top_growth": top_growth(before, after, args.trace) if args.trace else []}


def print_report(result: dict, context: dict) -> None:
    g = result["growth"]
    print(f"\nnnsim soak — platform {context['platform']}, {context['minutes']:g} min "
          f"({context['warmup']:g} min warm-up), Python {context['python']}, load "
          f"{context['load_before']} → {context['load_after']}")
    print(f"trained {result['steps']:,} steps, {result['epochs']:,} epochs; history holds "
          f"{result['history_epochs']:,} epochs; {result['undo_steps']} undo steps")
    met = "yes" if g["slope_mb_per_hour"] < TARGET_MB_PER_HOUR else "NO"
    print(f"RSS after warm-up {g.get('rss_from_mb', float('nan')):.1f} MB → "
          f"{g.get('rss_to_mb', float('nan')):.1f} MB: growth {g['slope_mb_per_hour']:.1f} "
          f"MB/h (slope), {g['difference_mb_per_hour']:.1f} MB/h (end − start); "
          f"< {TARGET_MB_PER_HOUR:g} MB/h: {met}")
    print("points held by each plot's curves:")
    for name, count in result["plot_points"].items():
        print(f"  {name:32} {count:8,}")
    if result["top_growth"]:
        print("allocations that grew most after the warm-up (tracemalloc):")
        for row in result["top_growth"]:
            print(f"  {row['grew_kb']:10.1f} KB {row['count_diff']:+9,} blocks  {row['where']}")


def main() -> None:
    args = parse_args()
    if args.trace:
        tracemalloc.start()
    hide_offscreen_noise()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app)
    context = {"platform": app.platformName(), "minutes": args.minutes,
               "warmup": args.warmup, "python": sys.version.split()[0],
               "load_before": load_average()}
    with tempfile.TemporaryDirectory() as folder:
        window = open_window(str(Path(folder) / "settings.ini"))
        result = soak(args, window)
        close_window(window)
    context["load_after"] = load_average()
    if args.json:
        print(json.dumps({"context": context, **result}, indent=2, default=float))
    else:
        print_report(result, context)


if __name__ == "__main__":
    main()
