"""Regenerate the README's screenshot of Compare Runs…: run under a virtual screen, e.g.

    xvfb-run -a -s "-screen 0 1600x1000x24" \
        .venv/bin/python resources/screenshots/make_compare_screenshot.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from nnsim.cli import use_one_blas_thread

use_one_blas_thread()  # as the app does, before numpy loads

from PySide6.QtCore import QPointF, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nnsim.session.variants import Variant  # noqa: E402
from nnsim.simulator.resources import resource_path  # noqa: E402
from nnsim.ui.mainwindow import MainWindow, apply_theme  # noqa: E402

HERE = Path(__file__).resolve().parent
EPOCHS = 40
VARIANTS = [Variant.make("learning_rate", 0.3), Variant.make("batch_size", 64),
            Variant.make("optimizer", "adam")]


def main() -> int:
    app = QApplication(sys.argv[:1])
    apply_theme(app)
    scratch = Path(tempfile.mkdtemp())
    window = MainWindow(QSettings(str(scratch / "s.ini"), QSettings.IniFormat),
                        recovery_folder=scratch / "recovery")
    window.show()
    window.session.open(resource_path("examples") / "playground-circle.nnsim.json")
    window.compare.start(VARIANTS)
    view = window.compare.view
    comparison = view.comparison

    def trained() -> None:
        for _ in range(EPOCHS):  # whole epochs: the same picture every time
            comparison.step_epoch()
            comparison.wait_idle()
        app.processEvents()  # the frames the worker posted
        view.table.selectRow(3)
        QTimer.singleShot(400, hover)  # once the plot has its new range

    def hover() -> None:
        box = view.plot.plot.vb
        low, high = box.viewRange()[1]
        view.plot.hover(box.mapViewToScene(QPointF(EPOCHS / 4, (low + high) / 2)))
        QTimer.singleShot(400, shoot)

    def shoot() -> None:
        view.grab().save(str(HERE / "compare-runs.png"))
        window.compare.close_view()
        window.session.close()  # nothing left to save: no "save changes?" box
        window.close()
        app.quit()

    QTimer.singleShot(300, trained)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
