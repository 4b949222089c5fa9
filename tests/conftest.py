"""Test configuration: every test runs headless."""

import gc
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def pytest_collection_modifyitems(config, items):
    """``NNSIM_WITHOUT_WINDOWS=1`` leaves out the tests that drive widgets: CI reruns
    the rest (the engine, the session, the command line, the exports: the arithmetic
    an OpenBLAS kernel can change) under each other kernel, in a fraction of the time."""
    if os.environ.get("NNSIM_WITHOUT_WINDOWS") != "1":
        return
    windowless = [item for item in items if not _drives_widgets(item)]
    config.hook.pytest_deselected(items=[item for item in items if item not in windowless])
    items[:] = windowless


def _drives_widgets(item) -> bool:
    """A test asking for qtbot, or in a module that holds anything from Qt, pyqtgraph
    or nnsim.ui (some build widgets on the QApplication an earlier test made)."""
    if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
        return True
    module = getattr(item, "module", None)
    names = vars(module).values() if module is not None else ()
    return any((getattr(value, "__module__", None) or getattr(value, "__name__", ""))
               .startswith(("PySide6", "pyqtgraph", "nnsim.ui")) for value in names)


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
def settle():
    """``settle(session)``: take a headless session's training reports until its
    training thread is idle and has nothing more to say."""
    import time

    def run(session, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while session.busy and time.monotonic() < deadline:
            session.pending.run(0.01)
        session.pending.run()
        assert not session.busy
    return run


@pytest.fixture
def canvas(qtbot):
    """A shown 900×600 network canvas, empty."""
    from nnsim.ui.canvas import NetworkCanvas  # Qt only for the tests that ask for it
    view = NetworkCanvas()
    view.resize(900, 600)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def messages(monkeypatch):
    """The message boxes the app shows, as (kind, title, text), recorded instead of
    blocking on them; questions answer Discard.  Every box must show plain text."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox
    kinds = {QMessageBox.Critical: "critical", QMessageBox.Warning: "warning",
             QMessageBox.Question: "question", QMessageBox.Information: "information"}
    shown = []

    def record(box):
        assert box.textFormat() == Qt.PlainText
        shown.append((kinds[box.icon()], box.windowTitle(), box.text()))
        return QMessageBox.Discard if box.icon() == QMessageBox.Question else QMessageBox.Ok

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown


def _shown_main_window(qtbot, tmp_path, qapp):
    """A shown main window with its own settings and recovery folder, no project open;
    shut down and deleted when resumed, rather than left to the garbage collector (see
    collect_qt_garbage)."""
    from PySide6.QtCore import QSettings

    from nnsim.ui.mainwindow import MainWindow, apply_theme
    apply_theme(qapp)
    win = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat),
                     recovery_folder=tmp_path / "recovery")
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.session.shutdown()
    win.close()
    win.deleteLater()
    qapp.processEvents()


@pytest.fixture
def window(qtbot, tmp_path, messages, qapp):
    """A shown main window (``_shown_main_window``) in the current language and theme."""
    yield from _shown_main_window(qtbot, tmp_path, qapp)


@pytest.fixture
def chinese_window(qtbot, tmp_path, messages, qapp):
    """``window`` built with the Chinese interface installed; English again afterwards."""
    from nnsim.ui.preferences import install_language
    install_language(qapp, "zh_CN")
    try:
        yield from _shown_main_window(qtbot, tmp_path, qapp)
    finally:
        install_language(qapp, "en")


@pytest.fixture
def marking_translator():
    """``install(wanted)``: installs a translator that answers «text» for each text of a
    context ``wanted`` accepts (others unchanged) and returns the list of the (context,
    text) pairs it was asked for; English again afterwards."""
    from nnsim.simulator import i18n
    seen: list[tuple[str, str]] = []

    def install(wanted=lambda context: True) -> list[tuple[str, str]]:
        def marked(context: str, text: str, _disambiguation=None, _n=-1) -> str:
            if not wanted(context):
                return text
            seen.append((context, text))
            return f"«{text}»"
        i18n.install(marked, "test")
        return seen
    yield install
    i18n.install(None, "en")
