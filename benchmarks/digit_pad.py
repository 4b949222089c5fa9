"""How fast the "Draw a digit" pad answers: the time from a mouse event on the pad to
updated bars, on a 784-16-16-10 network (float64) with MNIST-shaped data.

The main window is shown at 1600×1000 with the pad open.  Strokes are drawn with
synthetic mouse events (a press, then a move every EVENT_INTERVAL_MS, as a mouse
reports them); two strokes make a digit, then Clear.  For every event it measures, in
one run:

1. handled: the event sent until the pad's handler returned — the drawing converted as
   MNIST was made, the forward pass, the bars' values (and, a few times a second, the
   canvas recoloured to glow with the drawing);
2. bars painted: until the bars have been repainted;
3. all painted: until the event loop has repainted everything (bars, preview, canvas).

It prints the median and the 95th percentile of each, and of the conversion alone.
Target: bars painted ≤ 16 ms (one frame at 60 Hz).

    .venv/bin/python benchmarks/digit_pad.py                 # offscreen without DISPLAY
    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python benchmarks/digit_pad.py
    .venv/bin/python benchmarks/digit_pad.py --digits 200
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # gui.py, next to this file

from gui import WINDOW, synthetic_mnist  # noqa: E402  (it sets one BLAS thread first)

if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QPoint, QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nnsim.session import DataState  # noqa: E402
from nnsim.simulator.drawing import to_sample  # noqa: E402
from nnsim.simulator.project import Project  # noqa: E402
from nnsim.ui.digit_pad import ProbabilityBars  # noqa: E402
from nnsim.ui.mainwindow import MainWindow, apply_theme  # noqa: E402

TARGET_MS = 16.0
MOVES_PER_STROKE = 40
EVENT_INTERVAL_MS = 10
#: perf_counter() at the end of the bars' latest paint.
BARS_PAINTED = [0.0]


def _timed_paint(paint):
    def paint_and_note(self, event):
        paint(self, event)
        BARS_PAINTED[0] = time.perf_counter()
    return paint_and_note


ProbabilityBars.paintEvent = _timed_paint(ProbabilityBars.paintEvent)


def digit_strokes(rng: np.random.Generator) -> list[np.ndarray]:
    """Two strokes of a digit-like scribble, ``(MOVES_PER_STROKE + 1, 2)`` each, in 0..1:
    an arc and a line, placed and sized at random."""
    centre = rng.uniform(0.4, 0.6, 2)
    size = rng.uniform(0.2, 0.35)
    angles = np.linspace(0.0, rng.uniform(np.pi, 2 * np.pi), MOVES_PER_STROKE + 1)
    arc = centre + size * np.c_[np.sin(angles), -np.cos(angles)]
    t = np.linspace(0.0, 1.0, MOVES_PER_STROKE + 1)[:, None]
    line = centre + size * ((1 - t) * np.array([0.6, -1.0]) + t * np.array([0.0, 1.0]))
    return [np.clip(arc, 0.02, 0.98), np.clip(line, 0.02, 0.98)]


def open_window() -> MainWindow:
    scratch = Path(tempfile.mkdtemp())
    window = MainWindow(QSettings(str(scratch / "s.ini"), QSettings.IniFormat),
                        recovery_folder=scratch / "recovery")
    window.resize(*WINDOW)
    window.show()
    project = Project.new([784, 16, 16, 10], "sigmoid", "softmax")
    window.session.open_project(project, DataState(None, synthetic_mnist(2000, 1),
                                                   synthetic_mnist(200, 2)))
    window.digit_pad.open()
    QTest.qWaitForWindowExposed(window.digit_pad.pad)
    return window


def draw_and_time(app: QApplication, window: MainWindow, n_digits: int, seed: int
                  ) -> dict[str, list[float]]:
    """Seconds for every mouse event of ``n_digits`` digits: handled, bars painted and
    all painted."""
    area = window.digit_pad.pad.area
    times: dict[str, list[float]] = {"handled": [], "bars painted": [], "all painted": []}
    rng = np.random.default_rng(seed)
    for _ in range(n_digits):
        for stroke in digit_strokes(rng):
            square = area.square()
            points = [QPoint(round(square.left() + x * square.width()),
                             round(square.top() + y * square.height())) for x, y in stroke]
            for k, point in enumerate(points):
                due = time.perf_counter() + EVENT_INTERVAL_MS / 1000
                start = time.perf_counter()
                if k == 0:
                    QTest.mousePress(area, Qt.LeftButton, Qt.NoModifier, point)
                else:
                    QTest.mouseMove(area, point)
                times["handled"].append(time.perf_counter() - start)
                app.processEvents()
                times["all painted"].append(time.perf_counter() - start)
                times["bars painted"].append(BARS_PAINTED[0] - start)
                while time.perf_counter() < due:   # the canvas's timer may fire meanwhile
                    app.processEvents()
            QTest.mouseRelease(area, Qt.LeftButton, Qt.NoModifier, points[-1])
        area.clear()
        app.processEvents()
    return times


def conversion_times(n_digits: int, seed: int) -> list[float]:
    """Seconds to convert each growing drawing alone (no GUI)."""
    from nnsim.simulator.drawing import Drawing
    from nnsim.ui.digit_pad import PEN_WIDTH
    rng = np.random.default_rng(seed)
    times = []
    for _ in range(n_digits):
        strokes: list[np.ndarray] = []
        for stroke in digit_strokes(rng):
            for k in range(1, len(stroke) + 1):
                drawing = Drawing((*strokes, stroke[:k]), PEN_WIDTH)
                start = time.perf_counter()
                to_sample(drawing, (28, 28))
                times.append(time.perf_counter() - start)
            strokes.append(stroke)
    return times


def line(name: str, seconds: list[float]) -> str:
    ms = np.array(seconds) * 1000
    return (f"{name:<34} median {np.median(ms):6.2f} ms   p95 {np.percentile(ms, 95):6.2f} ms"
            f"   max {ms.max():6.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--digits", type=int, default=100, help="digits drawn (default 100)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    apply_theme(app)
    window = open_window()
    draw_and_time(app, window, 3, args.seed + 1)            # warm-up: caches, first paints
    times = draw_and_time(app, window, args.digits, args.seed)
    print(f"Draw a digit on 784-16-16-10 (float64), {QApplication.platformName()}, "
          f"{len(times['handled']):,} mouse events over {args.digits} digits:")
    print(line("conversion alone (28×28)", conversion_times(args.digits, args.seed)))
    for name, seconds in times.items():
        print(line(f"event → {name}", seconds))
    p95 = np.percentile(np.array(times["bars painted"]) * 1000, 95)
    print(f"target: bars painted p95 ≤ {TARGET_MS:.0f} ms: "
          f"{'met' if p95 <= TARGET_MS else 'MISSED'}")
    window.session.close()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
