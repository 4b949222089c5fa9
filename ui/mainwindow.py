"""The main window: the network canvas in the middle, docks around it, menus and status.

It only builds: the views, the docks, the actions and menus.  The session
(``nnsim.session``) holds the model; one controller per dock binds a widget to it
(``network_view``, ``inspection``, ``data_controller``, ``plot_controllers``,
``status``, ``editor``, ``files``); the training panel binds itself.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QMainWindow,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nnsim.session import Session
from nnsim.simulator.i18n import translate

from . import messages, theme
from .activation_plot import ActivationPlot
from .bridge import QtPoster
from .canvas import NetworkCanvas
from .compare_controller import CompareController
from .confusion_controller import ConfusionController
from .confusion_view import ConfusionView
from .data_controller import DataController
from .data_panel import DataPanel
from .dataview import DataView
from .digit_pad_controller import DigitPadController
from .editor import EditController
from .export_controller import ExportController
from .files import FileController
from .gradient_check import GradientCheckController
from .inspection import InspectorController
from .inspector import NeuronInspector
from .lessons import LessonsController
from .lessons_panel import LessonsPanel
from .loss_plot import LossPlot
from .network_view import NetworkViewController
from .perceptron import PerceptronController
from .perceptron_panel import PerceptronPanel
from .plaintext import window_title_name
from .plot_controllers import ActivationsController, LossController
from .preferences import LanguageMenu, ThemeMenu
from .presentation import PresentationMode
from .status import StatusController
from .timeline_bar import TimelineBar
from .timeline_controller import TimelineController
from .training_panel import TrainingPanel
from .walkthrough import WalkthroughController
from .walkthrough_bar import WalkthroughBar
from .welcome import WelcomePage
from .wheelguard import WheelGuard


class MainWindow(QMainWindow):
    """One window, one session."""

    def __init__(self, settings: QSettings | None = None,
                 recovery_folder: Path | None = None, session: Session | None = None):
        super().__init__()
        self.settings = settings or QSettings()
        self.poster = QtPoster(self)
        self.session = session or Session(post=self.poster.post)
        self._size_to_screen()
        self._build_views()
        self._build_docks()
        self.status = StatusController(self)
        self.files = FileController(self, recovery_folder)
        self.network_view = NetworkViewController(self)
        self.inspection = InspectorController(self)
        self.gradient_check = GradientCheckController(self)
        self.data = DataController(self)
        self.losses = LossController(self)
        self.activations = ActivationsController(self)
        self.perceptron_control = PerceptronController(self)
        self.walkthrough = WalkthroughController(self)
        self.timeline = TimelineController(self)
        self.confusion = ConfusionController(self)
        self.compare = CompareController(self)
        self.digit_pad = DigitPadController(self)
        self.exports = ExportController(self)
        self.lessons = LessonsController(self)
        self.presentation = PresentationMode(self)
        self._build_actions()
        self.editor = EditController(self)
        self._build_menus()
        self.editor.fill_edit_menu(self.edit_menu)
        self._connect()
        self._restore_layout()
        self._show_project()

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
        self.center = QStackedWidget()
        self.center.addWidget(self.welcome)
        self.center.addWidget(self.canvas)
        self.setCentralWidget(self.center)
        self.training_panel = TrainingPanel(self.session)
        self.data_view = DataView()
        self.data_panel = DataPanel()
        self.data_box = QWidget()
        data_layout = QVBoxLayout(self.data_box)
        data_layout.setContentsMargins(0, 0, 0, 0)
        data_layout.addWidget(self.data_panel)
        data_layout.addWidget(self.data_view, 1)
        self.loss_plot = LossPlot()
        self.timeline_bar = TimelineBar()
        self.loss_box = QWidget()
        loss_layout = QVBoxLayout(self.loss_box)
        loss_layout.setContentsMargins(0, 0, 0, 0)
        loss_layout.addWidget(self.loss_plot, 1)
        loss_layout.addWidget(self.timeline_bar)
        self.activation_plot = ActivationPlot()
        self.confusion_view = ConfusionView()
        self.inspector = NeuronInspector()
        self.perceptron = PerceptronPanel()
        self.walkthrough_bar = WalkthroughBar()
        self.lessons_panel = LessonsPanel()

    def _build_docks(self) -> None:
        self.docks = {}
        left, right = Qt.LeftDockWidgetArea, Qt.RightDockWidgetArea
        for name, title, widget, area in (
                ("training", translate("ui.mainwindow", "Training"),
                 _scrolling(self.training_panel), left),
                ("data", translate("ui.mainwindow", "Data"), _scrolling(self.data_box), left),
                ("inspector", translate("ui.mainwindow", "Neuron inspector"), self.inspector,
                 right),
                ("loss", translate("ui.mainwindow", "Loss and accuracy"), self.loss_box, right),
                ("activations", translate("ui.mainwindow", "Activations and gradients"),
                 self.activation_plot, right),
                ("perceptron", translate("ui.mainwindow", "Perceptron"),
                 _scrolling(self.perceptron, wrap=True), right),
                ("confusion", translate("ui.mainwindow", "Confusion matrix"),
                 self.confusion_view, right)):
            self.add_dock(name, title, widget, area)
        self.tabifyDockWidget(self.docks["loss"], self.docks["activations"])
        self.tabifyDockWidget(self.docks["activations"], self.docks["confusion"])
        self.tabifyDockWidget(self.docks["inspector"], self.docks["perceptron"])
        self.docks["inspector"].raise_()
        self.add_dock("lessons", translate("ui.mainwindow", "Lessons"), self.lessons_panel,
                      Qt.LeftDockWidgetArea)
        self.tabifyDockWidget(self.docks["data"], self.docks["lessons"])
        self.docks["data"].raise_()
        # The walk's bar sits under the canvas only; the side docks reach the bottom.
        self.setCorner(Qt.BottomLeftCorner, Qt.LeftDockWidgetArea)
        self.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
        self.add_dock("walkthrough", translate("ui.mainwindow", "Walk-through"),
                      self.walkthrough_bar, Qt.BottomDockWidgetArea).hide()
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
        # The right docks as wide as their tab titles ("Loss and accuracy", ...) at 1600 px.
        self.resizeDocks([docks["training"], docks["inspector"]], [430, 450], Qt.Horizontal)
        # Room for every training control at 1600×1000, a wrapped progress line and
        # one message (a run's problem or "Fit layers to the data") without scrolling.
        self.resizeDocks([docks["training"], docks["data"]], [370, 530], Qt.Vertical)
        self.resizeDocks([docks["inspector"], docks["loss"]], [470, 430], Qt.Vertical)

    def make_action(self, text, slot, shortcut=None, checkable=False, tip="") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        session, files, a = self.session, self.files, self.make_action
        self.open_action = a(translate("ui.mainwindow", "&Open…"), files.open_dialog,
                             QKeySequence.Open)
        self.save_action = a(translate("ui.mainwindow", "&Save"), files.save, QKeySequence.Save)
        self.save_as_action = a(translate("ui.mainwindow", "Save &As…"), files.save_as,
                                QKeySequence.SaveAs)
        self.export_action = a(
            translate("ui.mainwindow", "Network &Image…"), self.exports.export_image, "Ctrl+E",
            tip=translate("ui.mainwindow",
                          "Save the whole network as a PNG of any size or as SVG"))
        self.close_action = a(translate("ui.mainwindow", "&Close Network"),
                              files.close_network, QKeySequence.Close)
        self.quit_action = a(translate("ui.mainwindow", "&Quit"), self.close, QKeySequence.Quit)
        self.play_action = a(translate("ui.mainwindow", "&Play / Pause"), session.toggle_play,
                             "Space")
        self.step_action = a(translate("ui.mainwindow", "&Step"), lambda: session.step(1),
                             "Ctrl+Right")
        self.epoch_action = a(translate("ui.mainwindow", "Step &Epoch"), session.step_epoch,
                              "Ctrl+Shift+Right")
        self.reset_action = a(translate("ui.mainwindow", "&Reset Weights"),
                              lambda: session.reset_weights(), "Ctrl+R")
        self.check_gradients_action = a(
            translate("ui.mainwindow", "Check &Gradients…"),
            self.gradient_check.check_first_samples,
            tip=translate("ui.mainwindow", "Compare backpropagation with central differences "
                                           "on the first samples"))
        self.zoom_in_action = a(translate("ui.mainwindow", "Zoom &In"), self.canvas.zoom_in,
                                QKeySequence.ZoomIn)
        self.zoom_out_action = a(translate("ui.mainwindow", "Zoom &Out"), self.canvas.zoom_out,
                                 QKeySequence.ZoomOut)
        self.fit_action = a(translate("ui.mainwindow", "&Fit to Window"),
                            self.canvas.fit_to_view, "Ctrl+0")
        # Not Ctrl+W: that closes the network (QKeySequence.Close), and Qt ignores a
        # shortcut two actions share.
        self.weights_action = a(translate("ui.mainwindow", "Show &Weights"),
                                self._toggle_weights, "Ctrl+Shift+W", checkable=True)
        self.values_action = a(translate("ui.mainwindow", "Show &Values"),
                               self._toggle_values, "Ctrl+Shift+V", checkable=True)
        self.gradients_action = a(
            translate("ui.mainwindow", "Show &Gradients"), self.network_view.set_gradient_view,
            "Ctrl+G", checkable=True,
            tip=translate("ui.mainwindow", "Colour connections by dE/dw and neurons by dE/dz "
                                           "instead of w and activation"))
        self.canvas.view_switch.setDefaultAction(self.gradients_action)
        self.weights_action.setChecked(True)
        self.about_action = a(translate("ui.mainwindow", "&About nnsim"), self.show_about)
        self.concepts_action = a(translate("ui.mainwindow", "&Concepts"), self.show_concepts,
                                 QKeySequence.HelpContents)
        self.walk_action = a(translate("ui.mainwindow", "&Walk Through a Sample"),
                             self.walkthrough.start, "F6",
                             tip=translate("ui.mainwindow",
                                           "Step one sample through the forward pass, the "
                                           "error, the backward pass and the update"))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(translate("ui.mainwindow", "&File"))
        file_menu.addAction(self.editor.new_action)
        self.files.fill_examples_menu(
            file_menu.addMenu(translate("ui.mainwindow", "&New from Example")))
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.lessons.open_action)
        self.files.attach_recent_menu(file_menu.addMenu(translate("ui.mainwindow", "Open &Recent")))
        file_menu.addSeparator()
        for action in (self.save_action, self.save_as_action):
            file_menu.addAction(action)
        export_menu = file_menu.addMenu(translate("ui.mainwindow", "&Export"))
        for action in (self.exports.onnx_action, self.exports.torch_action, self.export_action):
            export_menu.addAction(action)
        file_menu.addAction(self.files.timeline_action)
        file_menu.addAction(self.data.locate_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu(translate("ui.mainwindow", "&Edit"))
        view_menu = bar.addMenu(translate("ui.mainwindow", "&View"))
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_action, None,
                       self.weights_action, self.values_action, self.gradients_action,
                       None, self.digit_pad.action, self.presentation.action, None):
            view_menu.addSeparator() if action is None else view_menu.addAction(action)
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        self.language_menu = LanguageMenu(
            self, view_menu.addMenu(translate("ui.mainwindow", "&Language")))
        self.theme_menu = ThemeMenu(self, view_menu.addMenu(translate("ui.mainwindow", "&Theme")))
        train_menu = bar.addMenu(translate("ui.mainwindow", "&Train"))
        for action in (self.play_action, self.step_action, self.epoch_action,
                       self.reset_action, None, self.walk_action,
                       self.check_gradients_action, self.compare.action):
            train_menu.addSeparator() if action is None else train_menu.addAction(action)
        help_menu = bar.addMenu(translate("ui.mainwindow", "&Help"))
        help_menu.addAction(self.concepts_action)
        help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        events = self.session.events
        events.project_replaced.connect(self._show_project)
        events.dirty_changed.connect(self._update_title)
        events.path_changed.connect(self._update_title)
        events.failed.connect(self._on_training_failed)
        self.welcome.openRequested.connect(self.files.open_path)
        self.welcome.exampleRequested.connect(lambda p: self.files.open_path(p, example=True))
        self.welcome.browseRequested.connect(self.files.open_dialog)
        self.training_panel.lossChangeRequested.connect(self._change_loss)
        self.training_panel.fitRequested.connect(self.editor.fit_to_data)

    # ------------------------------------------------------------------ following the session
    def _show_project(self) -> None:
        has_project = self.session.project is not None
        self.center.setCurrentWidget(self.canvas if has_project else self.welcome)
        for action in (self.save_action, self.save_as_action, self.export_action,
                       self.close_action, self.play_action, self.step_action,
                       self.epoch_action, self.reset_action, self.walk_action,
                       self.check_gradients_action, self.exports.onnx_action,
                       self.exports.torch_action):
            action.setEnabled(has_project)
        if not has_project:
            self.welcome.refresh()
        self._update_title()

    def _update_title(self, *_) -> None:
        path = self.session.path
        if self.session.project is None:
            self.setWindowTitle("nnsim")
        else:
            file_name = window_title_name(path.name) if path \
                else translate("ui.mainwindow", "Untitled")
            self.setWindowTitle(f"{file_name}[*] — nnsim")
        self.setWindowModified(self.session.dirty)

    def show_status(self, text: str, timeout_ms: int) -> None:
        self.status.message(text, timeout_ms)

    # ------------------------------------------------------------------ misc actions
    def _change_loss(self, name: str) -> None:
        try:
            self.session.set_loss(name)
        except ValueError as error:
            messages.warn(self, translate("ui.mainwindow", "Loss not changed"), str(error))
            self.training_panel.refresh()

    def _toggle_weights(self, on: bool) -> None:
        self.canvas.show_weights = on

    def _toggle_values(self, on: bool) -> None:
        self.canvas.show_values = on

    def _on_training_failed(self, message: str) -> None:
        self.network_view.show_present()
        messages.warn(self, translate("ui.mainwindow", "Training paused"), message)

    def show_about(self) -> None:
        messages.inform(self, translate("ui.mainwindow", "About nnsim"), translate(
            "ui.mainwindow",
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
            self.docks["walkthrough"].hide()   # a walk is not resumed at the next start
        else:
            QTimer.singleShot(0, self._default_dock_sizes)

    def closeEvent(self, event) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.compare.close_view()
        self.session.shutdown()
        self.files.autosaver.stop()
        event.accept()


def _scrolling(widget: QWidget, wrap: bool = False) -> QScrollArea:
    """``widget`` in a frameless scroll area, so a dock can shrink on small screens;
    ``wrap``: only vertically, its text wrapping to the dock's width."""
    area = QScrollArea()
    if wrap:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.NoFrame)
    WheelGuard(area)
    return area


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setPalette(theme.application_palette())
