"""The Compare… dialog: up to three runs, each the current one with one setting changed.

Each row picks what to vary and its value (a typed number or a choice; the layer too,
for an activation) and says what the current value is.  Pressing Compare hands the
variants to ``build``, which starts the comparison or raises ValueError; its message
shows under the rows and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from nnsim.session.variants import SETTINGS, Variant, current_text
from nnsim.simulator.i18n import translate
from nnsim.simulator.network import Network, layer_name
from nnsim.simulator.training import TrainingConfig
from nnsim.ui import theme

#: Values offered for the number settings (any other may be typed).
SUGGESTIONS = {
    "learning_rate": ["0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10"],
    "batch_size": ["1", "2", "4", "8", "16", "32", "64", "128", "256"],
    "l2": ["0.0001", "0.001", "0.003", "0.01", "0.03", "0.1"],
    "l1": ["0.0001", "0.001", "0.003", "0.01", "0.03", "0.1"],
    "seed": ["1", "2", "3", "7", "42", "1234"],
}
ROWS = 3
NO_RUN = "—"


class VariantRow:
    """One row of the dialog: what to vary, its value and, for an activation, the layer."""

    def __init__(self, grid: QGridLayout, row: int, network: Network,
                 config: TrainingConfig, optional: bool):
        self.network, self.config = network, config
        self.number = row + 2  # run 1 keeps the current settings
        self.setting = QComboBox()
        if optional:
            self.setting.addItem(NO_RUN, None)
        for key, setting in SETTINGS.items():
            self.setting.addItem(setting.title, key)   # translated when read
        self.layer = QComboBox()
        for layer in range(1, network.n_layers):
            self.layer.addItem(layer_name(layer, network.n_layers), layer)
        self.value = QComboBox()
        self.value.setMinimumWidth(150)
        self.current = QLabel()
        self.current.setStyleSheet(f"color: {theme.MUTED};")
        self.current.setTextFormat(Qt.PlainText)
        grid.addWidget(QLabel(translate("ui.compare_dialog", "Run {number}").format(
            number=self.number), textFormat=Qt.PlainText), row, 0)
        for column, widget in enumerate((self.setting, self.layer, self.value,
                                         self.current), start=1):
            grid.addWidget(widget, row, column)
        self.setting.currentIndexChanged.connect(self._show_setting)
        self.layer.currentIndexChanged.connect(self._show_current)
        self._show_setting()

    @property
    def key(self) -> str | None:
        return self.setting.currentData()

    def _show_setting(self) -> None:
        key = self.key
        self.layer.setVisible(key == "activation")
        self.value.setEnabled(key is not None)
        self.value.clear()
        if key is None:
            self.current.setText("")
            return
        setting = SETTINGS[key]
        self.value.setEditable(setting.choices is None)
        if setting.choices is None:
            self.value.addItems(SUGGESTIONS.get(key, []))
        else:
            for name, text in setting.choices.items():
                self.value.addItem(text, name)
        self._show_current()

    def _show_current(self) -> None:
        key = self.key
        if key is None:
            return
        now = current_text(key, self.network, self.config, self.layer.currentData())
        self.current.setText(translate("ui.compare_dialog", "now {value}").format(value=now))
        self._pick_another_value(now)

    def _pick_another_value(self, now: str) -> None:
        """Preselect the value after the current one in the list (before it, when it
        is the last), or the first when the current one is not listed."""
        labels = [self._label_of(index) for index in range(self.value.count())]
        if now not in labels:
            self.value.setCurrentIndex(0)
            return
        index = labels.index(now)
        self.value.setCurrentIndex(index + 1 if index + 1 < len(labels) else index - 1)

    def _label_of(self, index: int) -> str:
        value = self.value.itemData(index) or self.value.itemText(index)
        return Variant.make(self.key, value, self.layer.currentData()).label(self.network)

    def variant(self) -> Variant | None:
        """The row's variant, None when it asks for no run (ValueError: a bad value)."""
        key = self.key
        if key is None:
            return None
        setting = SETTINGS[key]
        value = self.value.currentData() if setting.choices else self.value.currentText()
        try:
            return Variant.make(key, value, self.layer.currentData())
        except ValueError as error:
            raise ValueError(translate("ui.compare_dialog", "Run {number}: {problem}").format(
                number=self.number, problem=error)) from None


class CompareDialog(QDialog):
    """Choose up to three variants; ``build(variants)`` starts them (see the module)."""

    def __init__(self, network: Network, config: TrainingConfig,
                 build: Callable[[list[Variant]], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("ui.compare_dialog", "Compare runs"))
        self.build = build
        intro = QLabel(translate("ui.compare_dialog",
                                 "Each run starts from the current run's initial weights "
                                 "and the same batch order, with one setting changed. "
                                 "Run 1 keeps the current settings. The runs train in "
                                 "lockstep: each has seen as many training samples as "
                                 "the others."), wordWrap=True)
        intro.setStyleSheet(f"color: {theme.MUTED};")
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        self.rows = [VariantRow(grid, row, network, config, optional=row > 0)
                     for row in range(ROWS)]
        grid.setColumnStretch(4, 1)
        self.error = QLabel(textFormat=Qt.PlainText, wordWrap=True)
        self.error.setStyleSheet(f"color: {theme.ERROR};")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.compare_button = buttons.button(QDialogButtonBox.Ok)
        self.compare_button.setText(translate("ui.compare_dialog", "Compare"))
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)

    def variants(self) -> list[Variant]:
        """The chosen variants, in row order (ValueError for a bad value)."""
        return [v for v in (row.variant() for row in self.rows) if v is not None]

    def try_accept(self) -> None:
        try:
            self.build(self.variants())
        except ValueError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.accept()
