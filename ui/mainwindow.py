"""The main window: the network canvas in the middle, docks around it, menus and status.

It wires the document (the model) to the views.  Views redraw from document signals
and training snapshots; user actions go to the document.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.fileformat import NetworkFileError

from . import messages, theme
from .canvas import NetworkCanvas
from .data_panel import DataPanel
from .dataview import SURFACE, DataView
from .document import Document
from .editor import EditController
from .inspector import NeuronInspector
from .plaintext import menu_text, path_text, plain_label, status_text
from .plots import ActivationPlot, LossPlot
from .recovery import Autosaver, offer_recovery
from .training_panel import TrainingPanel
from .welcome import WelcomePage, example_files, recent_files

FILE_FILTER = "nnsim networks (*.nnsim.json);;JSON files (*.json);;All files (*)"
MAX_RECENT = 10
#: How often per second the status bar, counters and data view follow training.
SLOW_VIEWS_HZ = 8


class MainWindow(QMainWindow):
    """One window, one document."""

    def __init__(self, settings: QSettings | None = None,
                 recovery_folder: Path | None = None):
        super().__init__()
        self.settings = settings or QSettings()
        self.document = Document(self)
        self.autosaver = Autosaver(self.document, recovery_folder, parent=self)
        self.selected_neuron: tuple[int, int] | None = None
        self.selected_connection: tuple[int, int, int] | None = None
        self._slow_views_at = 0.0
        self._rate = _StepRate()
        self._size_to_screen()
        self._build_views()
        self._build_docks()
        self._build_actions()
        self.editor = EditController(self)
        self._build_menus()
        self.editor.fill_edit_menu(self.edit_menu)
        self._build_status_bar()
        self._connect_document()
        self._restore_layout()
        self._refresh_all()
        QTimer.singleShot(0, self._offer_recovery)

    # ------------------------------------------------------------------ construction
    def _size_to_screen(self) -> None:
        screen = QApplication.primaryScreen()
        room = screen.availableGeometry() if screen else None
        width = min(1500, room.width() - 40) if room else 1500
        height = min(940, room.height() - 60) if room else 940
        self.resize(width, height)

    def _build_views(self) -> None:
        self.canvas = NetworkCanvas()
        self.canvas.setMinimumSize(360, 280)
        self.canvas.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.welcome = WelcomePage(self.settings)
        self.welcome.openRequested.connect(self.open_path)
        self.welcome.exampleRequested.connect(lambda p: self.open_path(p, example=True))
        self.welcome.browseRequested.connect(self.open_dialog)
        self.center = QStackedWidget()
        self.center.addWidget(self.welcome)
        self.center.addWidget(self.canvas)
        self.setCentralWidget(self.center)
        self.training_panel = TrainingPanel(self.document)
        self.data_view = DataView()
        self.data_panel = DataPanel()
        self.data_panel.datasetRequested.connect(self._change_dataset)
        self.data_box = QWidget()
        data_layout = QVBoxLayout(self.data_box)
        data_layout.setContentsMargins(0, 0, 0, 0)
        data_layout.addWidget(self.data_panel)
        data_layout.addWidget(self.data_view, 1)
        self.loss_plot = LossPlot()
        self.activation_plot = ActivationPlot()
        self.inspector = NeuronInspector()

    def _build_docks(self) -> None:
        self.docks = {}
        for name, title, widget, area in (
                ("training", "Training", _scrolling(self.training_panel),
                 Qt.LeftDockWidgetArea),
                ("data", "Data", _scrolling(self.data_box), Qt.LeftDockWidgetArea),
                ("inspector", "Neuron inspector", self.inspector, Qt.RightDockWidgetArea),
                ("loss", "Loss and accuracy", self.loss_plot, Qt.RightDockWidgetArea),
                ("activations", "Activations and gradients", self.activation_plot,
                 Qt.RightDockWidgetArea)):
            self.add_dock(name, title, widget, area)
        self.tabifyDockWidget(self.docks["loss"], self.docks["activations"])
        self.docks["loss"].raise_()

    def add_dock(self, name: str, title: str, widget, area: Qt.DockWidgetArea) -> QDockWidget:
        """A dock the View menu can show and hide, and whose place the layout keeps."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{name}Dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[name] = dock
        return dock

    def _default_dock_sizes(self) -> None:
        """First-run proportions; later runs restore what the user arranged."""
        docks = self.docks
        self.resizeDocks([docks["training"], docks["inspector"]], [430, 420], Qt.Horizontal)
        self.resizeDocks([docks["training"], docks["data"]], [340, 560], Qt.Vertical)
        self.resizeDocks([docks["inspector"], docks["loss"]], [470, 430], Qt.Vertical)

    def _action(self, text, slot, shortcut=None, checkable=False, tip="") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        doc = self.document
        a = self._action
        self.open_action = a("&Open…", self.open_dialog, QKeySequence.Open)
        self.save_action = a("&Save", self.save, QKeySequence.Save)
        self.save_as_action = a("Save &As…", self.save_as, QKeySequence.SaveAs)
        self.export_action = a("&Export Image…", self.export_image, "Ctrl+E")
        self.close_action = a("&Close Network", self.close_network, QKeySequence.Close)
        self.quit_action = a("&Quit", self.close, QKeySequence.Quit)
        self.play_action = a("&Play / Pause", doc.toggle_play, "Space")
        self.step_action = a("&Step", lambda: doc.step(1), "Ctrl+Right")
        self.epoch_action = a("Step &Epoch", doc.step_epoch, "Ctrl+Shift+Right")
        self.reset_action = a("&Reset Weights", lambda: doc.reset_weights(), "Ctrl+R")
        self.zoom_in_action = a("Zoom &In", self.canvas.zoom_in, QKeySequence.ZoomIn)
        self.zoom_out_action = a("Zoom &Out", self.canvas.zoom_out, QKeySequence.ZoomOut)
        self.fit_action = a("&Fit to Window", self.canvas.fit_to_view, "Ctrl+0")
        self.weights_action = a("Show &Weights", self._toggle_weights, "Ctrl+W",
                                checkable=True)
        self.values_action = a("Show &Values", self._toggle_values, "Ctrl+Shift+V",
                               checkable=True)
        self.weights_action.setChecked(True)
        self.about_action = a("&About nnsim", self.show_about)
        self.concepts_action = a("&Concepts", self.show_concepts, QKeySequence.HelpContents)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.editor.new_action)
        self.examples_menu = file_menu.addMenu("&New from Example")
        for path, title in example_files():
            self.examples_menu.addAction(menu_text(title),
                                         lambda p=path: self.open_path(p, example=True))
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addSeparator()
        for action in (self.save_action, self.save_as_action, self.export_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("&Edit")
        view_menu = bar.addMenu("&View")
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.weights_action)
        view_menu.addAction(self.values_action)
        view_menu.addSeparator()
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        train_menu = bar.addMenu("&Train")
        for action in (self.play_action, self.step_action, self.epoch_action,
                       self.reset_action):
            train_menu.addAction(action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.concepts_action)
        help_menu.addAction(self.about_action)
        self._rebuild_recent_menu()

    def _build_status_bar(self) -> None:
        self.status_labels = {}
        for key in ("epoch", "step", "loss", "accuracy", "rate"):
            label = plain_label()
            label.setObjectName(f"status_{key}")
            label.setMinimumWidth(110)
            self.statusBar().addPermanentWidget(label)
            self.status_labels[key] = label

    def _connect_document(self) -> None:
        doc = self.document
        doc.projectReplaced.connect(self._refresh_all)
        doc.structureChanged.connect(self._refresh_network)
        doc.datasetChanged.connect(self._refresh_data)
        doc.paramsChanged.connect(self._show_current_state)
        doc.snapshotArrived.connect(self._on_snapshot)
        # Pausing brings every view (some follow training only a few times a second)
        # up to date.
        doc.trainingStateChanged.connect(lambda state: state == "idle"
                                         and self._show_current_state())
        doc.dirtyChanged.connect(self._update_title)
        doc.pathChanged.connect(self._update_title)
        doc.trainingFailed.connect(self._on_training_failed)
        doc.trainingFinished.connect(lambda why: self.show_status(f"Training stopped: {why}",
                                                                  8000))
        doc.configChanged.connect(self._update_learning_rate)
        self.autosaver.failed.connect(lambda why: self.show_status(why, 10000))
        self.training_panel.lossChangeRequested.connect(self._change_loss)
        self.training_panel.fitRequested.connect(self.editor.fit_to_data)
        self.canvas.neuronClicked.connect(self._select_neuron)
        self.canvas.connectionClicked.connect(self._select_connection)
        self.canvas.selectionCleared.connect(self._clear_selection)
        # Acknowledge after the whole window's repaint (the canvas paints first of it),
        # so the worker stays parked until every dock has drawn the snapshot.
        self.canvas.painted.connect(lambda: QTimer.singleShot(0, doc.acknowledge_frame))
        self.inspector.sampleChanged.connect(self._select_sample)

    # ------------------------------------------------------------------ refreshing views
    def _refresh_all(self) -> None:
        doc = self.document
        has_project = doc.project is not None
        self.center.setCurrentWidget(self.canvas if has_project else self.welcome)
        for action in (self.save_action, self.save_as_action, self.export_action,
                       self.close_action, self.play_action, self.step_action,
                       self.epoch_action, self.reset_action):
            action.setEnabled(has_project)
        self._update_title()
        self._clear_selection()
        self.data_box.setEnabled(has_project)
        if has_project:
            self._update_learning_rate()
        if not has_project:
            self.data_panel.show_reference(None)
            self.welcome.refresh()
            self.data_view.clear()
            self.loss_plot.clear()
            self.activation_plot.clear()
            return
        self._show_data()
        self._refresh_network()

    def _refresh_network(self) -> None:
        """After the network's structure changed (or a new project): everything drawn
        from it.  The data view keeps its data and zoom."""
        doc = self.document
        self._clear_selection()
        self.canvas.set_network(doc.network)
        if doc.network is not None:
            self.activation_plot.set_network(doc.network)
        else:
            self.activation_plot.clear()
        if doc.trainer is not None:
            self.loss_plot.set_history(doc.trainer.history)
        else:
            self.loss_plot.clear()
        self._set_inspector_samples()
        self._show_current_state()
        QTimer.singleShot(0, self.canvas.fit_to_view)

    def _refresh_data(self) -> None:
        self._show_data()
        self._set_inspector_samples()
        self._show_current_state()

    def _show_data(self) -> None:
        """The data dock, and the rows its view needs evaluated with every snapshot."""
        doc = self.document
        self.data_panel.show_reference(doc.project.dataset if doc.project else None)
        if doc.train_data is None:
            self.data_view.clear()
        else:
            self.data_view.set_dataset(doc.train_data, doc.test_data)
            doc.set_extra_probe(self.data_view.evaluation_inputs())

    def _set_inspector_samples(self) -> None:
        data = self.document.train_data
        if data is not None:
            self.inspector.set_samples(data.inputs, self._fitting_targets())

    def _neuron_images(self, extra: list[np.ndarray]) -> list[np.ndarray | None] | None:
        """Each neuron's response over the data view's 2-D input grid, (n_l, G, G) per
        layer; None when the view shows no such grid."""
        if self.data_view.kind != SURFACE:
            return None
        return [None] + [self.data_view.surface.as_images(a) for a in extra[1:]]

    def _fitting_targets(self) -> np.ndarray | None:
        """The training targets encoded for the network's output (n, sizes[-1]), or None
        when they do not fit it (a network still being built)."""
        doc = self.document
        if not doc.has_network or doc.network.n_layers < 2:
            return None
        try:
            return doc.train_data.targets_for(doc.network.activations[-1], doc.network.sizes[-1])
        except ValueError:
            return None

    def _show_current_state(self) -> None:
        doc = self.document
        if not doc.has_network:
            self._update_status()
            return
        acts = doc.probe_activations()
        self._show_state(doc.display_weights(), acts)
        self._update_status()
        self._refresh_inspector()

    def _show_state(self, weights, probe_acts, everything: bool = True) -> None:
        """Draw weights and activations; ``everything`` False leaves the slower-changing
        views (decision surface, neuron heatmaps) for a later frame."""
        layout = self.document.probe
        # A snapshot taken before the worker got new probe rows has the old layout.
        if probe_acts and len(probe_acts[0]) == layout.samples + layout.extra:
            samples = [a[:layout.samples] for a in probe_acts]
            extra = [a[layout.samples:] for a in probe_acts]
            self.canvas.show_state(weights, self._node_values(samples))
            if layout.extra and everything:
                self.data_view.show_outputs(extra[-1],
                                            self.document.network.activation_of(
                                                self.document.network.n_layers - 1))
                self.canvas.set_neuron_images(self._neuron_images(extra))
        else:
            self.canvas.show_state(weights, None)

    def _node_values(self, probe_samples: list[np.ndarray]) -> list[np.ndarray]:
        """Per layer (sizes[l],): the inspected sample's activations while a neuron or
        connection is inspected, so canvas and inspector agree; else the mean over the
        probe rows ``probe_samples`` (rows, sizes[l])."""
        inspected = self.selected_neuron or self.selected_connection
        sample = self.inspector.current_sample() if inspected else None
        net = self.document.network
        if sample is None or len(sample[0]) != net.sizes[0]:
            return [s.mean(axis=0) for s in probe_samples]
        return [a[0] for a in self.document.display_network().forward_all(sample[0][None, :])]

    @Slot(object)
    def _on_snapshot(self, snapshot) -> None:
        # The network picture follows every frame; text and the data view at most
        # SLOW_VIEWS_HZ times a second, since each frame's GUI time is taken from training.
        now = time.monotonic()
        slow_due = not self.document.running or now - self._slow_views_at >= 1 / SLOW_VIEWS_HZ
        self._show_state(snapshot.weights, snapshot.probe_activations, everything=slow_due)
        self.loss_plot.add_step_loss(snapshot.epoch_progress, snapshot.loss)
        for epoch, metrics in snapshot.new_epochs:
            self.loss_plot.add_epoch(epoch, metrics)
        self.activation_plot.update_snapshot(snapshot)
        for plot in (self.loss_plot, self.activation_plot):
            plot.redraw_throttle.serve_early()  # paint with this frame, not mid-slice
        self._rate.add(snapshot.step)
        if slow_due:
            self._slow_views_at = now
            self._update_status(snapshot)
            self.training_panel.show_progress(snapshot)
        if not self.document.running:
            self._refresh_inspector()
        if not self._canvas_paints():
            self.document.acknowledge_frame()  # no paint will come: let training go on

    def _canvas_paints(self) -> bool:
        """Whether the canvas will really paint (a minimised window gets no paint events)."""
        handle = self.windowHandle()
        return (self.canvas.isVisible() and not self.isMinimized()
                and (handle is None or handle.isExposed()))

    def _update_status(self, snapshot=None) -> None:
        doc = self.document
        trainer = doc.trainer
        labels = self.status_labels
        if trainer is None:
            for label in labels.values():
                label.setText("")
            return
        metrics = trainer.last_metrics
        epoch, step = doc.progress(snapshot)
        labels["epoch"].setText(f"Epoch {epoch:,}")
        labels["step"].setText(f"Step {step:,}")
        loss = snapshot.loss if snapshot is not None and not np.isnan(snapshot.loss) else (
            metrics.train_loss if metrics else None)
        labels["loss"].setText(f"Loss {loss:.4g}" if loss is not None else "Loss —")
        accuracy = metrics.train_accuracy if metrics else None
        test = metrics.test_accuracy if metrics else None
        text = "Accuracy —" if accuracy is None else f"Accuracy {accuracy:.1%}"
        notes = [metrics.train_subset] if accuracy is not None and metrics.train_subset else []
        if test is not None:
            notes.append(f"test {test:.1%}")
        if notes:
            text += f" ({'; '.join(notes)})"
        labels["accuracy"].setText(text)
        labels["rate"].setText(f"{self._rate.per_second():,.0f} steps/s"
                               if doc.running else "paused")

    def _update_title(self, *_):
        self.setWindowTitle(self.document.title)
        self.setWindowModified(self.document.dirty)

    def _update_learning_rate(self) -> None:
        self.inspector.set_learning_rate(self.document.config.learning_rate)

    # ------------------------------------------------------------------ selection
    def _select_neuron(self, layer: int, neuron: int) -> None:
        self.selected_neuron, self.selected_connection = (layer, neuron), None
        self.canvas.select_neuron(layer, neuron)
        self._refresh_inspector()

    def _select_connection(self, block: int, i: int, j: int) -> None:
        self.selected_neuron, self.selected_connection = None, (block, i, j)
        self.canvas.select_connection(block, i, j)
        self._refresh_inspector()

    def _clear_selection(self) -> None:
        self.selected_neuron = self.selected_connection = None
        self.canvas.clear_selection()
        self.inspector.clear()

    def _select_sample(self, _index: int) -> None:
        # The inspector has shown the new sample itself; the canvas follows it.
        doc = self.document
        if doc.has_network:
            self._show_state(doc.display_weights(), doc.probe_activations())

    def _refresh_inspector(self) -> None:
        doc = self.document
        if not doc.has_network or doc.train_data is None \
                or doc.train_data.n_features != doc.network.sizes[0]:
            return
        sample = self.inspector.current_sample()
        if sample is None:
            return
        x, y = sample
        net = doc.display_network()
        if self.selected_neuron is not None:
            self.inspector.show_neuron(net, *self.selected_neuron, x, y)
        elif self.selected_connection is not None:
            self.inspector.show_connection(net, *self.selected_connection, x, y)

    # ------------------------------------------------------------------ files
    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False means the user cancelled."""
        if not self.document.dirty:
            return True
        path = self.document.path
        answer = messages.ask(
            self, "Unsaved changes",
            f"Save the changes to {path_text(path.name) if path else 'this network'}?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Cancel:
            return False
        return answer == QMessageBox.Discard or self.save()

    def open_dialog(self) -> None:
        start = str(self.document.path.parent) if self.document.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open network", start, FILE_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path, example: bool = False) -> bool:
        """Open a file; a failure shows why and leaves the current network as it was."""
        if not self.maybe_save():
            return False
        try:
            self.document.open(path)
        except (NetworkFileError, OSError, ValueError) as error:
            messages.fail(self, "Could not open the file", str(error))
            return False
        if example:
            # An example opens as a new, unsaved copy so the original stays pristine.
            self.document.project.path = None
            self.document.pathChanged.emit()
        else:
            self._remember_recent(path)
        self.show_status(f"Opened {Path(path).name}", 5000)
        return True

    def _offer_recovery(self) -> None:
        offer_recovery(self, self.autosaver.folder, self._open_recovered)

    def _open_recovered(self, path) -> bool:
        """A crash's recovery copy opens untitled (Save asks where) and unsaved."""
        if not self.open_path(path, example=True):
            return False
        self.document.set_dirty(True)
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        start = str(self.document.path or Path.home() / "network.nnsim.json")
        path, _ = QFileDialog.getSaveFileName(self, "Save network", start, FILE_FILTER)
        if not path:
            return False
        if not path.endswith(".json"):
            path += ".nnsim.json"
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        try:
            self.document.save(path)
        except (OSError, ValueError) as error:
            messages.fail(self, "Could not save", f"{path_text(path)}: {error}")
            return False
        self._remember_recent(str(path))
        self.show_status(f"Saved {path.name}", 5000)
        return True

    def close_network(self) -> None:
        if self.maybe_save():
            self.document.close_project()

    def export_image(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export image", "network.png",
                                              "PNG images (*.png)")
        if path and not self.canvas.grab().save(path):
            messages.fail(self, "Could not export", f"Could not write {path_text(path)}")

    def _remember_recent(self, path: str) -> None:
        path = str(Path(path).resolve())
        recent = [p for p in recent_files(self.settings) if p != path]
        self.settings.setValue("recentFiles", [path] + recent[:MAX_RECENT - 1])
        self._rebuild_recent_menu()

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in recent_files(self.settings):
            self.recent_menu.addAction(menu_text(Path(path).name),
                                       lambda p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(recent_files(self.settings)))

    # ------------------------------------------------------------------ misc actions
    def show_status(self, text: str, timeout_ms: int) -> None:
        """A status-bar message (often naming a file): one printable, bounded line."""
        self.statusBar().showMessage(status_text(text), timeout_ms)

    def _change_dataset(self, reference) -> None:
        try:
            self.document.set_dataset(reference)
        except (ValueError, OSError) as error:
            messages.warn(self, "Data not changed", str(error))
            self.data_panel.show_reference(self.document.project.dataset)

    def _change_loss(self, name: str) -> None:
        try:
            self.document.set_loss(name)
        except ValueError as error:
            messages.warn(self, "Loss not changed", str(error))
            self.training_panel.refresh()

    def _toggle_weights(self, on: bool) -> None:
        self.canvas.show_weights = on

    def _toggle_values(self, on: bool) -> None:
        self.canvas.show_values = on

    def _on_training_failed(self, message: str) -> None:
        self._show_current_state()
        messages.warn(self, "Training paused", message)

    def show_about(self) -> None:
        messages.inform(self, "About nnsim", (
            "nnsim, a visual neural-network simulator: build a network, press Play and "
            "watch it learn. Engine: numpy. Interface: Qt (PySide6) and pyqtgraph."))

    def show_concepts(self) -> None:
        from .concepts import ConceptsDialog
        ConceptsDialog(self).show()

    # ------------------------------------------------------------------ window state
    def _restore_layout(self) -> None:
        geometry = self.settings.value("geometry")
        state = self.settings.value("windowState")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:
            QTimer.singleShot(0, self._default_dock_sizes)

    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.document.shutdown()
        self.autosaver.stop()
        event.accept()


def _scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area, so a dock can shrink on small screens."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.NoFrame)
    return area


class _StepRate:
    """Training steps per second over the last couple of seconds of snapshots."""

    def __init__(self):
        self.samples: list[tuple[float, int]] = []

    def add(self, step: int) -> None:
        now = time.monotonic()
        self.samples.append((now, step))
        while self.samples and now - self.samples[0][0] > 2.0:
            self.samples.pop(0)

    def per_second(self) -> float:
        if len(self.samples) < 2:
            return 0.0
        (t0, s0), (t1, s1) = self.samples[0], self.samples[-1]
        return (s1 - s0) / (t1 - t0) if t1 > t0 else 0.0


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setPalette(theme.application_palette())
