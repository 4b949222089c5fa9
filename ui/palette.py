"""The building-block palette: neurons and layers the user drags onto the canvas.

A drag carries a ``PaletteItem`` as JSON under ``MIME_TYPE`` (never pickled: a drop can
come from another process).  Layer entries take their size and activation from the two
controls above the list; each role (input, hidden, output) remembers its own, so hidden
layers default to tanh and output layers to sigmoid.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace

from PySide6.QtCore import QByteArray, QMimeData, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnsim.simulator.activations import ACTIVATIONS
from nnsim.simulator.i18n import QT_TRANSLATE_NOOP, translate
from nnsim.simulator.safetext import ECHO_LIMIT, one_line, quote

from . import theme
from .numbers import NumberRange, NumberSpinBox, problem_label, show_problem

MIME_TYPE = "application/x-nnsim-palette-item"
KINDS = ("neuron", "layer")
ROLES = ("input", "hidden", "output")
MAX_SIZE = 1024
#: Bytes of a drag's payload read at most (an item takes about 100) and a label's length.
MAX_PAYLOAD_BYTES = 4096
MAX_LABEL = 100
ICON_PX = 28
ENTRY_ROLE = Qt.UserRole
NEURONS = NumberRange(QT_TRANSLATE_NOOP("ui.numbers", "the number of neurons"), 1, MAX_SIZE,
                      integer=True)


@dataclass(frozen=True)
class PaletteItem:
    """A building block.  ``activation`` None means "the layer's own" for neurons and
    "none" for input layers.  ``label`` is English (it travels in drags); the palette
    shows it through ``translate("ui.palette", label)``."""

    kind: str
    role: str
    size: int = 1
    activation: str | None = None
    label: str = ""


ENTRIES = (
    PaletteItem("neuron", "input", label=QT_TRANSLATE_NOOP("ui.palette", "Input neuron")),
    PaletteItem("neuron", "hidden", label=QT_TRANSLATE_NOOP("ui.palette", "Hidden neuron")),
    PaletteItem("neuron", "output", label=QT_TRANSLATE_NOOP("ui.palette", "Output neuron")),
    PaletteItem("layer", "input", label=QT_TRANSLATE_NOOP("ui.palette", "Input layer")),
    PaletteItem("layer", "hidden", label=QT_TRANSLATE_NOOP("ui.palette", "Hidden layer")),
    PaletteItem("layer", "output", label=QT_TRANSLATE_NOOP("ui.palette", "Output layer")),
    PaletteItem("layer", "hidden", activation="linear",
                label=QT_TRANSLATE_NOOP("ui.palette", "Linear hidden layer")),
    PaletteItem("neuron", "output", activation="linear",
                label=QT_TRANSLATE_NOOP("ui.palette", "Linear output neuron")),
)

#: Size and activation a new layer of each role gets until the user changes them.
DEFAULT_SETTINGS = {"input": (2, None), "hidden": (4, "tanh"), "output": (1, "sigmoid")}


def encode(item: PaletteItem) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, QByteArray(json.dumps(asdict(item)).encode()))
    return mime


def carries_item(mime: QMimeData | None) -> bool:
    """Whether a drag says it carries a palette item (which ``read_item`` then checks)."""
    return mime is not None and mime.hasFormat(MIME_TYPE)


def read_item(mime: QMimeData) -> PaletteItem:
    """The palette item a drag carries; ValueError (one line, saying what is wrong) when
    the payload is not one.  Drags can come from any program, so nothing in the payload
    is trusted: its size is checked before it is parsed, each field's type and range
    after."""
    data = mime.data(MIME_TYPE)
    if data.size() > MAX_PAYLOAD_BYTES:
        raise ValueError(translate("ui.palette", "{size} bytes is more than a palette item's "
                                                 "{limit}").format(
            size=f"{data.size():,}", limit=f"{MAX_PAYLOAD_BYTES:,}"))
    try:
        payload = json.loads(bytes(data.data()).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ValueError(translate("ui.palette", "not JSON ({error})").format(
            error=one_line(str(error), ECHO_LIMIT))) from None
    return _validated(payload)


def _validated(payload) -> PaletteItem:
    names = [f.name for f in fields(PaletteItem)]
    if not isinstance(payload, dict) or set(payload) != set(names):
        raise ValueError(translate("ui.palette", "expected an object with the fields {fields}")
                         .format(fields=", ".join(names)))
    kind, role, size = payload["kind"], payload["role"], payload["size"]
    activation, label = payload["activation"], payload["label"]
    # Each check asks for the type first: `[1] in ACTIVATIONS` would raise TypeError.
    for field, value, choices in (("kind", kind, KINDS), ("role", role, ROLES)):
        if not isinstance(value, str) or value not in choices:
            raise ValueError(translate("ui.palette", "{field} must be one of {choices}, not "
                                                     "{value}").format(
                field=field, choices=", ".join(choices), value=quote(value)))
    if type(size) is not int or not 1 <= size <= MAX_SIZE:
        raise ValueError(translate("ui.palette", "size must be a whole number from 1 to "
                                                 "{limit}, not {value}").format(
            limit=f"{MAX_SIZE:,}", value=quote(size)))
    if activation is not None and (not isinstance(activation, str)
                                   or activation not in ACTIVATIONS):
        raise ValueError(translate("ui.palette", "activation {value} is not one nnsim knows")
                         .format(value=quote(activation)))
    if not isinstance(label, str) or len(label) > MAX_LABEL:
        raise ValueError(translate("ui.palette", "label must be a text of at most {limit} "
                                                 "characters").format(limit=MAX_LABEL))
    return PaletteItem(kind, role, size, activation, label)


def allowed_activations(role: str) -> list[str]:
    """Activations a layer of this role may use (softmax is for output layers only)."""
    return [name for name, a in ACTIVATIONS.items() if role == "output" or a.per_neuron]


class Palette(QListWidget):
    """The list of building blocks; dragging an entry carries its ``PaletteItem``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.settings = {role: list(value) for role, value in DEFAULT_SETTINGS.items()}
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragOnly)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setIconSize(QSize(ICON_PX, ICON_PX))
        self.setUniformItemSizes(True)
        self.setSpacing(1)
        self.setStyleSheet(
            f"QListWidget {{ background: {theme.BACKGROUND}; border: 1px solid {theme.BORDER};"
            f" border-radius: 6px; padding: 4px; outline: 0; }}"
            f"QListWidget::item {{ color: {theme.TEXT}; padding: 3px 4px; border-radius: 4px; }}"
            f"QListWidget::item:hover {{ background: {theme.SURFACE_RAISED}; }}"
            f"QListWidget::item:selected {{ background: {theme.SURFACE_RAISED};"
            f" border: 1px solid {theme.ACCENT}; }}")
        for entry in ENTRIES:
            row = QListWidgetItem(_icon(entry), translate("ui.palette", entry.label))
            row.setData(ENTRY_ROLE, entry)
            row.setToolTip(_tooltip(entry))
            self.addItem(row)
        self.setCurrentRow(0)

    def palette_item(self, row: QListWidgetItem) -> PaletteItem:
        """The entry with the controls' size and activation filled in (layers only)."""
        entry = row.data(ENTRY_ROLE)
        if entry.kind != "layer":
            return entry
        size, activation = self.settings[entry.role]
        return replace(entry, size=size, activation=entry.activation or activation)

    def mimeData(self, items) -> QMimeData:
        return encode(self.palette_item(items[0]))

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def supportedDragActions(self) -> Qt.DropActions:
        return Qt.CopyAction


class PaletteWidget(QWidget):
    """The palette under its "neurons" and "activation" controls, which follow the
    selected entry's role and stay disabled where they do not apply."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.palette = Palette()
        self.size_spin = NumberSpinBox(NEURONS)
        self.activation_combo = QComboBox()
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(translate("ui.palette", "neurons"), self.size_spin)
        form.addRow(translate("ui.palette", "activation"), self.activation_combo)
        self.problem = problem_label()
        hint = QLabel(translate("ui.palette", "Drag onto the network"))
        hint.setStyleSheet(f"color: {theme.MUTED};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.palette, 1)
        layout.addWidget(hint)
        self.palette.currentItemChanged.connect(self._show_settings)
        self.size_spin.valueChanged.connect(self._store_size)
        self.size_spin.refused.connect(lambda why: show_problem(self.problem, why))
        self.activation_combo.currentIndexChanged.connect(self._store_activation)
        self._show_settings(self.palette.currentItem())

    def _current_entry(self) -> PaletteItem | None:
        row = self.palette.currentItem()
        return None if row is None else row.data(ENTRY_ROLE)

    def _show_settings(self, row: QListWidgetItem | None) -> None:
        if row is not None:
            entry, item = row.data(ENTRY_ROLE), self.palette.palette_item(row)
            self._show_size(entry, item)
            self._show_activation(entry, item)

    def _show_size(self, entry: PaletteItem, item: PaletteItem) -> None:
        self.size_spin.blockSignals(True)
        self.size_spin.setValue(item.size)
        self.size_spin.setEnabled(entry.kind == "layer")
        self.size_spin.blockSignals(False)

    def _show_activation(self, entry: PaletteItem, item: PaletteItem) -> None:
        """The role's activations; the placeholder explains entries without a choice."""
        combo = self.activation_combo
        combo.blockSignals(True)
        combo.clear()
        for name in allowed_activations(entry.role):
            combo.addItem(ACTIVATIONS[name].label, name)
        combo.setPlaceholderText(translate("ui.palette", "none (inputs)") if entry.role == "input"
                                 else translate("ui.palette", "the layer's"))
        combo.setCurrentIndex(-1 if item.activation is None else combo.findData(item.activation))
        combo.setEnabled(entry.kind == "layer" and entry.role != "input"
                         and entry.activation is None)
        combo.blockSignals(False)

    def _store_size(self, value: float) -> None:
        show_problem(self.problem, "")
        entry = self._current_entry()
        if entry is not None and entry.kind == "layer":
            self.palette.settings[entry.role][0] = int(value)

    def _store_activation(self, index: int) -> None:
        entry = self._current_entry()
        if entry is not None and index >= 0 and self.activation_combo.isEnabled():
            self.palette.settings[entry.role][1] = self.activation_combo.itemData(index)


def _tooltip(entry: PaletteItem) -> str:
    label = translate("ui.palette", entry.label)
    if entry.kind == "neuron":
        return translate("ui.palette", "{item}: joins the layer you drop it on, or starts a "
                                       "new layer between two").format(item=label)
    return translate("ui.palette", "{item}: drop between two layers (size and activation set "
                                   "above)").format(item=label)


#: Fill of the icon's nodes: inputs rest, hidden neurons glow a little, outputs most.
ROLE_GLOW = {"input": 0.0, "hidden": 0.45, "output": 0.9}


def _icon(entry: PaletteItem) -> QIcon:
    """A node (neurons) or a panel of three nodes (layers), lit like the canvas draws
    that role; a diagonal stroke marks linear ones."""
    pixmap, painter = theme.icon_canvas(ICON_PX)
    fill = theme.blend(QColor(theme.GLOW_LOW), QColor(theme.GLOW_HIGH), ROLE_GLOW[entry.role])
    if entry.kind == "layer":
        painter.setPen(QPen(QColor(theme.BORDER), 1))
        painter.setBrush(QColor(theme.SURFACE_RAISED))
        painter.drawRoundedRect(QRectF(7, 1, 14, 26), 4, 4)
        centres, r = [QPointF(14, 6.5), QPointF(14, 14), QPointF(14, 21.5)], 3.2
    else:
        centres, r = [QPointF(14, 14)], 8.0
    painter.setPen(QPen(QColor(theme.ACCENT if entry.role == "input" else theme.MUTED), 1.3))
    painter.setBrush(fill)
    for centre in centres:
        painter.drawEllipse(centre, r, r)
    if entry.activation == "linear":
        painter.setPen(QPen(QColor(theme.ACCENT), 1.6, Qt.SolidLine, Qt.RoundCap))
        painter.drawLine(QPointF(20, 26), QPointF(27, 19))
    painter.end()
    return QIcon(pixmap)
