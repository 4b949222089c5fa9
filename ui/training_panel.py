"""The training dock: Play/Pause/Step/Reset, the live counters and every training setting.

Each control edits the session's ``TrainingConfig`` through ``Session.set_config``;
while training runs the training thread takes the new settings between two steps.
When the session's settings change (opening a file, undo) the controls follow with
their signals blocked, so the two never loop.  The speed is the session's too: it
survives a reset, another file and other data.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator import limits
from nnsim.simulator.datafit import needed_sizes
from nnsim.simulator.i18n import QT_TRANSLATE_NOOP, translate
from nnsim.simulator.losses import LOSSES
from nnsim.simulator.optimizers import OPTIMIZERS
from nnsim.simulator.resources import bundled_as_named
from nnsim.simulator.safetext import one_line
from nnsim.simulator.trainingtypes import Snapshot, TrainingConfig
from nnsim.simulator.updates import RULES

from . import theme
from .numbers import NumberRange, NumberSpinBox, format_number, problem_label, show_problem
from .pacing import RateLimit
from .plaintext import plain_label
from .seed_fields import SeedField, SeedLock

LEARNING_RATES = ["0.00001", "0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3",
                  "0.5", "1", "3", "10"]
#: The kinds of regularisation (the combo's data); "None" is shown translated.
REGULARISATION = ["None", "L1", "L2"]
#: What each typed setting accepts (the presets above included).
LEARNING_RATE = NumberRange(QT_TRANSLATE_NOOP("ui.numbers", "the learning rate"),
                            limits.LEARNING_RATE_MIN, limits.LEARNING_RATE_MAX)
BATCH_SIZE = NumberRange(QT_TRANSLATE_NOOP("ui.numbers", "the batch size"), 0,
                         limits.MAX_BATCH_SIZE, integer=True)
REGULARISATION_RATE = NumberRange(QT_TRANSLATE_NOOP("ui.numbers", "the regularisation rate"),
                                   0.0, limits.MAX_PENALTY)
EPOCH_LIMIT = NumberRange(QT_TRANSLATE_NOOP("ui.numbers", "the epoch limit"), 0,
                          limits.MAX_EPOCHS, integer=True)
TARGET_LOSS = NumberRange(QT_TRANSLATE_NOOP("ui.numbers", "the target loss"), 0.0,
                          limits.MAX_TARGET_LOSS)
#: The height of the run's buttons (px) and the gap between two groups of settings.
BUTTON_HEIGHT = 32
GROUP_GAP = 6
#: Speed slider positions: steps per frame (0 = as fast as the machine goes).
SPEEDS = [1, 3, 10, 30, 100, 0]


class TrainingPanel(QWidget):
    """Controls bound to one session."""

    lossChangeRequested = Signal(str)
    fitRequested = Signal()

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.slow_views = RateLimit()
        self._build()
        self._connect()
        self.refresh()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        """Compact enough to show whole in the default dock at 1600×1000: the run's
        controls and counters on top, then the settings as a two-column form."""
        buttons = self._build_buttons()
        self._build_counters()
        self._build_settings()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(buttons)
        layout.addLayout(self._counters_row())
        layout.addWidget(self.problem_label)
        layout.addWidget(self.fit_button)
        layout.addLayout(self._settings_grid())
        layout.addWidget(self.input_problem)
        layout.addStretch(1)
        self._update_speed_label()

    def _build_buttons(self) -> QGridLayout:
        style = self.style()
        self.play_button = QPushButton(style.standardIcon(QStyle.SP_MediaPlay),
                                       translate("ui.training_panel", "Play"))
        self.play_button.setObjectName("playButton")
        self.play_button.setToolTip(
            translate("ui.training_panel", "Start or pause training (Space)"))
        self.step_button = QPushButton(style.standardIcon(QStyle.SP_MediaSeekForward),
                                       translate("ui.training_panel", "Step"))
        self.step_button.setToolTip(
            translate("ui.training_panel", "Train on one batch (Ctrl+Right)"))
        self.epoch_button = QPushButton(style.standardIcon(QStyle.SP_MediaSkipForward),
                                        translate("ui.training_panel", "Epoch"))
        self.epoch_button.setToolTip(
            translate("ui.training_panel", "Train to the end of the current epoch"))
        self.reset_button = QPushButton(style.standardIcon(QStyle.SP_BrowserReload),
                                        translate("ui.training_panel", "Reset"))
        self.reset_button.setToolTip(translate(
            "ui.training_panel", "Draw new initial weights (from a new seed unless the seed "
            "is locked) and forget all progress"))
        # One row, Play the widest: the button used most, and the first one looked for.
        buttons = QGridLayout()
        buttons.setHorizontalSpacing(4)
        for column, button in enumerate((self.play_button, self.step_button,
                                         self.epoch_button, self.reset_button)):
            button.setMinimumHeight(BUTTON_HEIGHT)
            buttons.addWidget(button, 0, column)
        buttons.setColumnStretch(0, 2)
        for column in (1, 2, 3):
            buttons.setColumnStretch(column, 1)
        return buttons

    def _build_counters(self) -> None:
        """The epoch counter, the detail line under it, a run's problem, "Fit layers"."""
        self.epoch_label = QLabel(translate("ui.training_panel", "Epoch {epoch}").format(epoch=0))
        self.epoch_label.setObjectName("epochCounter")
        self.epoch_label.setStyleSheet(f"font-size: 20px; font-weight: 600; color: {theme.TEXT};")
        self.detail_label = QLabel("")
        self.detail_label.setStyleSheet(f"color: {theme.MUTED};")
        self.problem_label = plain_label()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(f"color: {theme.ERROR};")
        self.fit_button = QPushButton(translate("ui.training_panel", "Fit layers to the data"))
        self.fit_button.setToolTip(translate(
            "ui.training_panel", "One input per feature and one output per class (softmax "
            "with cross-entropy) or target, named after them (one undo step)"))
        self.fit_button.clicked.connect(self.fitRequested)

    def _build_settings(self) -> None:
        self.learning_rate = QComboBox()
        self.learning_rate.setEditable(True)
        self.learning_rate.setInsertPolicy(QComboBox.NoInsert)   # typed rates stay out
        self.learning_rate.addItems(LEARNING_RATES)
        rate = translate("ui.training_panel", "η in w ← w − η·dE/dw: {accepted}").format(
            accepted=LEARNING_RATE.describe())
        self.learning_rate.setToolTip(translate(
            "ui.numbers", "{accepted}; press Enter to apply").format(accepted=rate))
        self.optimizer = QComboBox()
        for name in OPTIMIZERS:
            # The engine titles each optimiser's rule; the choice reads the same.
            self.optimizer.addItem(translate("simulator.updates", RULES[name]), name)
        self.batch_size = NumberSpinBox(BATCH_SIZE, translate("ui.training_panel", "full batch"))
        self.batch_size.setToolTip(translate(
            "ui.training_panel", "1 = stochastic gradient descent, full batch (0) = batch "
            "gradient descent, anything between = mini-batch: {accepted}").format(
                accepted=BATCH_SIZE.describe()))
        self.loss = QComboBox()
        for loss in LOSSES.values():
            self.loss.addItem(loss.label, loss.name)
        self.regularisation = QComboBox()
        for kind in REGULARISATION:
            self.regularisation.addItem(
                translate("ui.training_panel", "None") if kind == "None" else kind, kind)
        self.regularisation_rate = NumberSpinBox(REGULARISATION_RATE)
        self.regularisation_rate.setSingleStep(0.001)
        self.epoch_limit = NumberSpinBox(EPOCH_LIMIT, translate("ui.training_panel", "no limit"))
        self.target_loss = NumberSpinBox(TARGET_LOSS, translate("ui.training_panel", "none"))
        # A typed value that is refused, and why (it stays until the next accepted one).
        self.input_problem = problem_label()
        self.shuffle = QCheckBox(translate("ui.training_panel", "Reshuffle every epoch"))
        self._build_seeds()
        self.speed = QSlider(Qt.Horizontal)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(len(SPEEDS) - 1)
        self.speed.setToolTip(translate(
            "ui.training_panel", "Slow speeds show every few steps; the right end trains as "
            "fast as the machine can"))
        self.speed_label = QLabel()

    def _build_seeds(self) -> None:
        self.weights_seed = SeedField(
            QT_TRANSLATE_NOOP("ui.numbers", "the seed of the initial weights"))
        self.weights_seed.setToolTip(translate(
            "ui.training_panel", "The initial weights are drawn from this seed: type one to "
            "draw them from it (one undo step)"))
        self.seed_lock = SeedLock()
        self.batch_seed = SeedField(QT_TRANSLATE_NOOP("ui.numbers", "the seed of the batch order"))
        self.batch_seed.setToolTip(translate(
            "ui.training_panel", "The order of the training samples in the batches comes "
            "from this seed; a new one applies from the start of the current epoch"))

    def _counters_row(self) -> QHBoxLayout:
        """The epoch counter, and beside it the detail line (wrapping) and the speed."""
        self.detail_label.setWordWrap(True)
        speed = QHBoxLayout()
        speed.setSpacing(4)
        speed.addWidget(_form_label(translate("ui.training_panel", "Speed"), self.speed))
        speed.addWidget(self.speed, 1)
        speed.addWidget(self.speed_label)
        right = QVBoxLayout()
        right.setSpacing(2)
        right.addWidget(self.detail_label)
        right.addLayout(speed)
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(self.epoch_label, 0, Qt.AlignTop)
        row.addLayout(right, 1)
        return row

    def _settings_grid(self) -> QGridLayout:
        """Two label-field columns; related settings share a row, and a little more
        space separates what the step does, when training stops, and the seeds."""
        regularisation = QHBoxLayout()
        regularisation.addWidget(self.regularisation)
        regularisation.addWidget(self.regularisation_rate, 1)
        rows = [(translate("ui.training_panel", "Learning rate"), self.learning_rate,
                 translate("ui.training_panel", "Batch size"), self.batch_size),
                (translate("ui.training_panel", "Optimizer"), self.optimizer),
                (translate("ui.training_panel", "Loss"), self.loss),
                (translate("ui.training_panel", "Regularisation"), regularisation),
                None,
                (translate("ui.training_panel", "Stop after"), self.epoch_limit,
                 translate("ui.training_panel", "Target loss"), self.target_loss),
                None,
                (translate("ui.training_panel", "Weights seed"), self.weights_seed,
                 None, self.seed_lock),
                (translate("ui.training_panel", "Batch seed"), self.batch_seed,
                 None, self.shuffle)]
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for row, cells in enumerate(rows):
            if cells is None:   # a gap between two groups
                grid.setRowMinimumHeight(row, GROUP_GAP)
                continue
            span = 3 if len(cells) == 2 else 1   # one setting alone takes the row
            for column in range(0, len(cells), 2):
                label, field = cells[column], cells[column + 1]
                if label is None:   # a check box or the padlock: no label of its own
                    grid.addWidget(field, row, column, 1, 2, Qt.AlignLeft)
                else:
                    grid.addWidget(_form_label(label, field), row, column)
                    _add_cell(grid, field, row, column + 1, span)
        return grid

    def _connect(self) -> None:
        session = self.session
        self.play_button.clicked.connect(session.toggle_play)
        self.step_button.clicked.connect(lambda: session.step(1))
        self.epoch_button.clicked.connect(session.step_epoch)
        self.reset_button.clicked.connect(lambda: session.reset_weights())
        # Typed rates apply on Enter (or leaving the field), presets when chosen.
        self.learning_rate.lineEdit().editingFinished.connect(self._learning_rate_typed)
        self.learning_rate.activated.connect(self._learning_rate_edited)
        self.optimizer.currentIndexChanged.connect(
            lambda: self._edit(optimizer=self.optimizer.currentData()))
        self.batch_size.valueChanged.connect(lambda v: self._edit(batch_size=int(v)))
        self.loss.currentIndexChanged.connect(
            lambda: self.lossChangeRequested.emit(self.loss.currentData()))
        self.regularisation.currentIndexChanged.connect(self._regularisation_edited)
        self.regularisation_rate.valueChanged.connect(self._regularisation_edited)
        self.epoch_limit.valueChanged.connect(lambda v: self._edit(epochs=int(v) or None))
        self.target_loss.valueChanged.connect(lambda v: self._edit(target_loss=v or None))
        self.shuffle.toggled.connect(lambda on: self._edit(shuffle=on))
        self.weights_seed.valueChanged.connect(self._weights_seed_edited)
        self.seed_lock.toggled.connect(self._lock_toggled)
        self.batch_seed.valueChanged.connect(self._batch_seed_edited)
        for field in (self.batch_size, self.regularisation_rate, self.epoch_limit,
                      self.target_loss, self.weights_seed, self.batch_seed):
            field.refused.connect(lambda text, f=field: self._show_input_problem(text, f))
            field.valueChanged.connect(lambda: self._show_input_problem(""))
        self.speed.valueChanged.connect(self._speed_edited)
        events = session.events
        for event in (events.config_changed, events.project_replaced,
                      events.structure_changed, events.dataset_changed, events.loss_changed,
                      events.activations_changed, events.params_changed,
                      events.run_replaced):
            event.connect(self.refresh)
        events.running_changed.connect(self._show_state)
        events.speed_changed.connect(self._show_speed)
        events.frame.connect(self._on_frame)
        events.viewing_changed.connect(lambda *_: self.show_progress())   # a past moment

    # ------------------------------------------------------------------ edits
    def _edit(self, **changes) -> None:
        if self.session.project is None:
            return
        config = replace(self.session.config, **changes)
        if config != self.session.config:
            self.session.set_config(config)

    def _learning_rate_typed(self) -> None:
        # Only what the user typed: the field also "finishes" after showing a rate.
        line = self.learning_rate.lineEdit()
        if line.isModified():
            line.setModified(False)
            self._learning_rate_edited()

    def _learning_rate_edited(self) -> None:
        try:
            value = LEARNING_RATE.parse(self.learning_rate.currentText())
        except ValueError as error:
            self._show_input_problem(str(error), self.learning_rate)
            self._show_config(self._shown_config())   # back to the rate in use
            return
        self._show_input_problem("")
        self._edit(learning_rate=value)

    def _weights_seed_edited(self) -> None:
        seed = self.weights_seed.seed()
        if seed is not None and seed != self.session.weights_seed:
            self.session.reset_weights(seed)

    def _batch_seed_edited(self) -> None:
        if self.session.project is not None:
            self.session.set_batch_seed(self.batch_seed.int_value())

    def _lock_toggled(self, locked: bool) -> None:
        self.session.weights_seed_locked = locked

    def _show_input_problem(self, text: str, field: QWidget | None = None) -> None:
        show_problem(self.input_problem, text, field)

    def _regularisation_edited(self) -> None:
        kind = self.regularisation.currentData()
        rate = self.regularisation_rate.value()
        self.regularisation_rate.setEnabled(kind != "None")
        self._edit(l1=rate if kind == "L1" else 0.0, l2=rate if kind == "L2" else 0.0)

    def _speed_edited(self, position: int) -> None:
        self._update_speed_label()
        self.session.set_speed(SPEEDS[position])

    def _show_speed(self, steps_per_frame: int) -> None:
        with QSignalBlocker(self.speed):
            self.speed.setValue(SPEEDS.index(steps_per_frame))
        self._update_speed_label()

    def _update_speed_label(self) -> None:
        steps = SPEEDS[self.speed.value()]
        if steps == 0:
            text = translate("ui.training_panel", "max")
        elif steps == 1:
            text = translate("ui.training_panel", "{steps} step/frame").format(steps=steps)
        else:
            text = translate("ui.training_panel", "{steps} steps/frame").format(steps=steps)
        self.speed_label.setText(text)

    # ------------------------------------------------------------------ following the model
    def refresh(self, *_) -> None:
        """Show the session's settings without re-emitting edits."""
        session = self.session
        enabled = session.project is not None
        self.setEnabled(enabled)
        self._show_config(self._shown_config())
        if not enabled:
            self.fit_button.hide()
            self.problem_label.hide()
            self.show_progress()
            return
        trainable = session.trainer is not None
        for button in (self.play_button, self.step_button, self.epoch_button):
            button.setEnabled(trainable)
        self.problem_label.setText(one_line(bundled_as_named(session.trainer_problem)))
        self.problem_label.setVisible(bool(session.trainer_problem))
        self.fit_button.setVisible(needed_sizes(session.network, session.train_data) is not None)
        self.show_progress()

    def _shown_config(self) -> TrainingConfig:
        # Without a project the (disabled) form shows what a new one would start with.
        return self.session.config if self.session.project is not None \
            else TrainingConfig()

    def _show_config(self, config: TrainingConfig) -> None:
        session = self.session
        blockers = [QSignalBlocker(w) for w in (
            self.learning_rate, self.optimizer, self.batch_size, self.loss,
            self.regularisation, self.regularisation_rate, self.epoch_limit,
            self.target_loss, self.shuffle, self.weights_seed, self.batch_seed,
            self.seed_lock)]
        rate = format_number(config.learning_rate)
        preset = self.learning_rate.findText(rate)
        if preset >= 0:   # so that the arrow keys step from it to its neighbours
            self.learning_rate.setCurrentIndex(preset)
        self.learning_rate.setEditText(rate)
        self.optimizer.setCurrentIndex(self.optimizer.findData(config.optimizer))
        self.batch_size.setValue(max(config.batch_size, 0))
        if session.project is not None and session.network is not None:
            self.loss.setCurrentIndex(self.loss.findData(session.network.loss_name))
        kind = "L1" if config.l1 else "L2" if config.l2 else "None"
        self.regularisation.setCurrentIndex(self.regularisation.findData(kind))
        self.regularisation_rate.setValue(config.l1 or config.l2)
        self.regularisation_rate.setEnabled(kind != "None")
        self.epoch_limit.setValue(config.epochs or 0)
        self.target_loss.setValue(config.target_loss or 0.0)
        self.shuffle.setChecked(config.shuffle)
        self.batch_seed.show_seed(config.seed)
        self._show_weights_seed()
        del blockers

    def _show_weights_seed(self) -> None:
        seed = self.session.weights_seed
        self.weights_seed.show_seed(seed)
        self.seed_lock.setEnabled(seed is not None)
        self.seed_lock.setChecked(self.session.weights_seed_locked and seed is not None)

    def _show_state(self, running: bool) -> None:
        icon = QStyle.SP_MediaPause if running else QStyle.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setText(translate("ui.training_panel", "Pause") if running
                                 else translate("ui.training_panel", "Play"))
        if not running:
            self.show_progress()  # training shows its progress only a few times a second

    def _on_frame(self, snapshot: Snapshot) -> None:
        if self.slow_views.due(not self.session.running):
            self.show_progress(snapshot)

    def show_progress(self, snapshot: Snapshot | None = None) -> None:
        trainer = self.session.trainer
        shown = snapshot or self.session.frame()
        if trainer is None or shown is None:
            self.epoch_label.setText(
                translate("ui.training_panel", "Epoch {epoch}").format(epoch="—"))
            self.detail_label.setText("")
            return
        epoch, step = shown.epoch, shown.step
        self.epoch_label.setText(
            translate("ui.training_panel", "Epoch {epoch}").format(epoch=f"{epoch:,}"))
        self.detail_label.setText(translate(
            "ui.training_panel", "step {step} · {per_epoch} steps per epoch · {samples} "
            "training samples").format(step=f"{step:,}", per_epoch=f"{trainer.steps_per_epoch:,}",
                                       samples=f"{trainer.n_samples:,}"))


def _form_label(text: str, field: QWidget | QHBoxLayout) -> QLabel:
    """A setting's name, right-aligned; its buddy is the field (a row's first one), so
    that screen readers and the label's mnemonic reach it, as in a QFormLayout."""
    label = QLabel(text)
    label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
    label.setBuddy(field if isinstance(field, QWidget) else field.itemAt(0).widget())
    return label


def _add_cell(grid: QGridLayout, cell: QWidget | QHBoxLayout, row: int, column: int,
              span: int) -> None:
    if isinstance(cell, QHBoxLayout):
        grid.addLayout(cell, row, column, 1, span)
    else:
        grid.addWidget(cell, row, column, 1, span)
