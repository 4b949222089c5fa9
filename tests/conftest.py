"""Test configuration: every test runs headless."""

import gc
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


@pytest.fixture(autouse=True)
def collect_qt_garbage(request):
    """Collect a Qt test's cyclic garbage here, in the main thread.

    Left for later, a dead widget can be collected inside a training thread; PySide then
    deletes it from the main thread while that thread waits for the GIL (a deadlock).
    """
    yield
    if {"qtbot", "qapp"} & set(request.fixturenames):
        gc.collect()


@pytest.fixture
def canvas(qtbot):
    """A shown 900×600 network canvas, empty."""
    from ui.canvas import NetworkCanvas  # Qt only for the tests that ask for it
    view = NetworkCanvas()
    view.resize(900, 600)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view
