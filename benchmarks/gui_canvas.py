"""Frame time of the network canvas: show_state + a forced viewport repaint.

Prints median and 95th percentile per network over FRAMES frames of fresh random weights
and activations, on the offscreen platform and, when DISPLAY is set, on xcb (a real X
window; use ``xvfb-run -a -s "-screen 0 1600x1000x24"`` on a headless machine).  Each
platform runs in its own process because Qt picks the platform once per process.

    .venv/bin/python benchmarks/gui_canvas.py            # both platforms
    .venv/bin/python benchmarks/gui_canvas.py --child    # this process's platform only

Targets: ≤ 16 ms up to 2,000 connections, ≤ 33 ms for 784-16-16-10 and 784-128-64-10.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import numpy as np

FRAMES = 50
WINDOW = (1400, 850)
IMAGE_SIDE = 40      # neuron heatmaps over the 2-D input plane, as the main window sends
NETWORKS = [         # sizes, activations, target (ms), with neuron heatmaps
    ([2, 4, 1], ["tanh", "sigmoid"], 16, False),
    ([2, 4, 1], ["tanh", "sigmoid"], 16, True),
    ([2, 8, 8, 1], ["tanh", "tanh", "sigmoid"], 16, False),
    ([2, 8, 8, 1], ["tanh", "tanh", "sigmoid"], 16, True),
    ([2, 16, 16, 16, 2], ["relu", "relu", "relu", "sigmoid"], 16, True),
    ([30, 40, 40, 10], ["relu", "relu", "sigmoid"], 16, False),
    ([64, 16, 10], ["relu", "sigmoid"], 16, False),
    ([784, 16, 16, 10], ["relu", "relu", "sigmoid"], 33, False),
    ([784, 128, 64, 10], ["relu", "relu", "sigmoid"], 33, False),
]


def measure(canvas, net, rng, images: bool) -> np.ndarray:
    """Milliseconds per frame (FRAMES,) for show_state (+ set_neuron_images) and
    viewport().repaint()."""
    canvas.set_network(net)
    frames = []
    for _ in range(FRAMES + 3):
        weights = [rng.normal(0.0, 0.5, w.shape) * m for w, m in zip(net.weights, net.masks)]
        activations = [rng.uniform(0.0, 1.0, n) for n in net.sizes]
        planes = [rng.uniform(0.0, 1.0, (n, IMAGE_SIDE, IMAGE_SIDE)) for n in net.sizes]
        start = time.perf_counter()
        canvas.show_state(weights, activations)
        if images:
            canvas.set_neuron_images(planes)
        canvas.viewport().repaint()
        frames.append(time.perf_counter() - start)
    return np.asarray(frames[3:]) * 1e3   # the first frames warm caches up


def run_here() -> None:
    from PySide6.QtWidgets import QApplication

    from nnsim.simulator.network import Network
    from nnsim.ui.canvas import NetworkCanvas

    app = QApplication.instance() or QApplication(sys.argv[:1])
    canvas = NetworkCanvas()
    canvas.resize(*WINDOW)
    canvas.show()
    app.processEvents()
    rng = np.random.default_rng(0)
    platform = app.platformName()
    for sizes, activations, target, images in NETWORKS:
        net = Network(sizes, activations)
        ms = measure(canvas, net, rng, images)
        median, p95 = np.median(ms), np.percentile(ms, 95)
        verdict = "ok" if p95 <= target else "SLOW"
        name = "-".join(map(str, sizes)) + (" + images" if images else "")
        print(f"| {platform:9} | {name:26} | {net.n_connections:7,} | "
              f"{median:6.1f} | {p95:6.1f} | ≤ {target:2d}   | {verdict:4} |", flush=True)


def main() -> None:
    if "--child" in sys.argv:
        run_here()
        return
    platforms = ["offscreen"] + (["xcb"] if os.environ.get("DISPLAY") else [])
    print(f"canvas frame time, {FRAMES} frames, window {WINDOW[0]}×{WINDOW[1]}, ms")
    print("| platform  | network                    | conns   | median | p95    | target | ok   |")
    print("|-----------|----------------------------|---------|--------|--------|--------|------|")
    for platform in platforms:
        env = dict(os.environ, QT_QPA_PLATFORM=platform)
        subprocess.run([sys.executable, __file__, "--child"], env=env, check=True)


if __name__ == "__main__":
    main()
