"""Editing the network from the canvas, the palette, menus and dialogs.

The canvas and palette only *request* edits; this controller turns each request into
one undoable ``Session.edit_network`` call with an engine function from
``nnsim.simulator.editing`` (or a finer one: a rename, a typed weight), and reports
refusals in words.  It also owns the Edit menu, the
palette and the undo-history docks, and the one-click fit of the network to its data.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QMenu,
)

from nnsim.simulator import datafit, editing
from nnsim.simulator.activations import ACTIVATIONS
from nnsim.simulator.datafit import needed_sizes
from nnsim.simulator.network import Network

from . import messages
from .canvas.targets import ConnectionRef, LayerRef, NeuronRef
from .history_view import UndoHistoryView
from .numbers import NumberDialog, NumberRange, NumberSpinBox, guard_ok_button, problem_label
from .palette import DEFAULT_SETTINGS, PaletteWidget, allowed_activations
from .plaintext import menu_text
from .plaintext import name as shown_name

DEFAULT_ACTIVATION = {role: act or "linear" for role, (_, act) in DEFAULT_SETTINGS.items()}
#: What a typed weight or bias may be.
WEIGHT = NumberRange("the weight", -1e6, 1e6)
BIAS = NumberRange("the bias", -1e6, 1e6)
#: Neurons a layer may be given in its dialog (a bigger one loaded from a file keeps its size).
MAX_LAYER_NEURONS = 10_000


class EditController(QObject):
    """Edits for one main window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.canvas = window.canvas
        self._build_actions()
        self._build_docks()
        self._connect()

    # ------------------------------------------------------------------ construction
    def _build_actions(self) -> None:
        w, session = self.window, self.session
        a = w.make_action
        self.undo_action = a("&Undo", session.undo, QKeySequence.Undo)
        self.redo_action = a("&Redo", session.redo, QKeySequence.Redo)
        self.delete_action = a("&Delete", self.delete_selection)
        self.delete_action.setShortcut(QKeySequence.Delete)
        # The canvas reports Del itself; the menu only shows the key.
        self.delete_action.setShortcutContext(Qt.WidgetShortcut)
        self.select_all_action = a("Select &All Neurons", self.canvas.select_all,
                                   QKeySequence.SelectAll)
        self.rename_action = a("Re&name…", self.rename_selection, "F2")
        self.fit_action = a("&Fit Layers to the Data", self.fit_to_data)
        self.new_action = a("&New Empty Network", self.new_network, QKeySequence.New)
        self.connect_new_action = a("Connect &New Neurons", lambda on: None,
                                    checkable=True)
        self.connect_new_action.setChecked(
            w.settings.value("connectNewNeurons", True, type=bool))
        self.connect_new_action.toggled.connect(
            lambda on: w.settings.setValue("connectNewNeurons", on))
        session.history.events.changed.connect(self._show_history)
        self._show_history()

    def _show_history(self) -> None:
        history = self.session.history
        for action, verb, text, enabled in (
                (self.undo_action, "Undo", history.undo_text, history.can_undo),
                (self.redo_action, "Redo", history.redo_text, history.can_redo)):
            action.setEnabled(enabled)
            action.setText(f"&{verb} {menu_text(text)}" if text else f"&{verb}")

    def fill_edit_menu(self, menu: QMenu) -> None:
        for action in (self.undo_action, self.redo_action, None, self.delete_action,
                       self.select_all_action, self.rename_action, None, self.fit_action,
                       self.connect_new_action):
            menu.addSeparator() if action is None else menu.addAction(action)

    def _build_docks(self) -> None:
        self.palette = PaletteWidget()
        self.history = UndoHistoryView(self.session)
        window, docks = self.window, self.window.docks
        window.add_dock("palette", "Palette", self.palette, Qt.LeftDockWidgetArea)
        window.add_dock("history", "Undo history", self.history, Qt.RightDockWidgetArea)
        window.tabifyDockWidget(docks["training"], docks["palette"])
        window.tabifyDockWidget(docks["inspector"], docks["history"])
        docks["training"].raise_()
        docks["inspector"].raise_()

    def _connect(self) -> None:
        canvas = self.canvas
        canvas.dropRequested.connect(self.on_drop)
        canvas.dropRefused.connect(lambda why: self._status(f"Drop ignored: {why}"))
        canvas.connectionRequested.connect(self.connect_neurons)
        canvas.moveRequested.connect(self.move_neuron)
        canvas.deleteRequested.connect(self.delete_selection)
        canvas.renameRequested.connect(self.rename_neuron)
        canvas.layerEditRequested.connect(self.edit_layer)
        canvas.contextMenuRequested.connect(self.show_context_menu)
        canvas.fileDropped.connect(lambda path: self.window.files.open_path(path))

    # ------------------------------------------------------------------ running edits
    def _edit(self, text: str, change, kind: str = "structure") -> bool:
        """One undoable edit (``kind``: see ``Session.edit_network``); a refusal is
        explained and changes nothing."""
        try:
            self.session.edit_network(text, change, kind)
        except ValueError as error:
            messages.warn(self.window, "Not possible", str(error))
            return False
        return True

    def _status(self, text: str) -> None:
        self.window.show_status(text, 6000)

    # ------------------------------------------------------------------ building
    def new_network(self) -> None:
        """An empty canvas to build on (after asking about unsaved changes)."""
        if self.window.files.maybe_save():
            self.session.new_empty()

    def on_drop(self, request) -> None:
        item = request.item
        if request.action == "add_neuron":
            self._add_neuron(request.layer, request.index, item)
        else:
            self._insert_layer(request.index, item)

    def _add_neuron(self, layer: int, index: int, item) -> None:
        connect = self.connect_new_action.isChecked()

        def add(net: Network) -> None:
            new = editing.insert_neuron(net, layer, index, connect=connect)
            if item.activation and layer > 0 and item.activation != net.activations[layer - 1]:
                net.set_neuron_activation(layer, new, item.activation)

        self._edit(f"Add {item.role} neuron", add)

    def _insert_layer(self, index: int, item) -> None:
        size = item.size if item.kind == "layer" else 1
        activation = item.activation or DEFAULT_ACTIVATION[item.role]

        def insert(net: Network | None):
            if net is None:
                return Network([size], [])
            switched = editing.insert_layer(net, index, size, activation)
            if switched:
                self._status(f"The loss changed to {switched.replace('_', ' ')} to suit "
                             f"the new output layer.")

        self._edit(f"Add {item.role} layer", insert)

    def connect_neurons(self, block: int, i: int, j: int) -> None:
        self._edit("Connect neurons", lambda net: editing.connect(net, block, i, j),
                   "connections")

    def move_neuron(self, layer: int, source: int, target: int) -> None:
        self._edit("Move neuron",
                   lambda net: editing.move_neuron(net, layer, source, target))

    def delete_selection(self) -> None:
        refs = self.canvas.selected()
        if refs:
            self._edit(f"Delete {_describe(refs)}", lambda net: _delete(net, refs))

    # ------------------------------------------------------------------ naming and settings
    def rename_selection(self) -> None:
        neurons = [r for r in self.canvas.selected() if isinstance(r, NeuronRef)]
        if neurons:
            self.rename_neuron(*neurons[0])

    def rename_neuron(self, layer: int, neuron: int) -> None:
        """Ask for a name: only the label changes, training goes on."""
        old = self.session.network.names[layer][neuron]
        name, ok = QInputDialog.getText(self.window, "Rename neuron", "Name:", text=old)
        if ok and name.strip() and name.strip() != old:
            self._typed(lambda: self.session.rename_neuron(layer, neuron, name))

    def edit_layer(self, layer: int) -> None:
        """Size and activation of a layer in one small dialog (one undo step)."""
        net = self.session.network
        dialog = LayerDialog(self.window, net, layer)
        if dialog.exec() != QDialog.Accepted:
            return
        size, activation = dialog.values()

        def change(draft: Network) -> None:
            if size != draft.sizes[layer]:
                editing.resize_layer(draft, layer, size)
            if activation and activation != draft.activations[layer - 1]:
                draft.set_activation(layer, activation)

        self._edit("Change layer", change,
                   "structure" if size != net.sizes[layer] else "activations")

    def set_neuron_activation(self, layer: int, neuron: int, name: str | None) -> None:
        self._edit("Change activation",
                   lambda net: net.set_neuron_activation(layer, neuron, name), "activations")

    def ask_weight(self, block: int, i: int, j: int) -> None:
        net = self.session.network
        value = NumberDialog.ask(
            self.window, "Set weight", f"w from {shown_name(net.names[block][i])} to "
            f"{shown_name(net.names[block + 1][j])}:", WEIGHT, float(net.weights[block][i, j]))
        if value is not None:
            self._typed(lambda: self.session.set_weight(block, i, j, value))

    def ask_bias(self, layer: int, neuron: int) -> None:
        net = self.session.network
        value = NumberDialog.ask(
            self.window, "Set bias", f"b of {shown_name(net.names[layer][neuron])}:", BIAS,
            float(net.biases[layer - 1][neuron]))
        if value is not None:
            self._typed(lambda: self.session.set_bias(layer, neuron, value))

    def _typed(self, action) -> None:
        try:
            action()
        except ValueError as error:
            messages.warn(self.window, "Not possible", str(error))

    # ------------------------------------------------------------------ data fit
    def fit_to_data(self) -> None:
        """Resize the input and output layers to what the data needs and name their
        neurons after it (one undo step); the status bar says what the outputs became."""
        data = self.session.train_data
        if needed_sizes(self.session.network, data) is None:
            self._status("The network already fits its data.")
            return
        if self._edit("Fit layers to the data", lambda net: datafit.fit_to_data(net, data)):
            net = self.session.network
            n_in, n_out = net.sizes[0], net.sizes[-1]
            self._status(f"Fitted the layers to the data: {n_in:,} input{'s' * (n_in > 1)}, "
                         f"{n_out:,} {net.activation_of(net.n_layers - 1).label} "
                         f"output{'s' * (n_out > 1)} with {net.loss.label.lower()}, "
                         "named after the data")

    # ------------------------------------------------------------------ context menu
    def show_context_menu(self, target, global_pos) -> None:
        menu = QMenu()  # unparented: it goes when this method returns
        if isinstance(target, NeuronRef):
            self._neuron_menu(menu, *target)
        elif isinstance(target, ConnectionRef):
            menu.addAction("Set weight…", lambda: self.ask_weight(*target))
            menu.addAction("Remove connection", lambda: self._edit(
                "Remove connection", lambda net: net.set_connection(*target, False),
                "connections"))
        elif isinstance(target, LayerRef):
            self._layer_menu(menu, target.layer)
        else:
            menu.addAction(self.select_all_action)
            menu.addAction(self.fit_action)
        menu.exec(global_pos)

    def _neuron_menu(self, menu: QMenu, layer: int, neuron: int) -> None:
        menu.addAction("Rename…", lambda: self.rename_neuron(layer, neuron))
        if layer > 0:
            menu.addAction("Set bias…", lambda: self.ask_bias(layer, neuron))
            choices = menu.addMenu("Activation")
            choices.addAction("Same as layer",
                              lambda: self.set_neuron_activation(layer, neuron, None))
            for name in allowed_activations("hidden"):  # one neuron: never softmax
                choices.addAction(ACTIVATIONS[name].label,
                                  lambda n=name: self.set_neuron_activation(layer, neuron, n))
        menu.addAction("Watch activation",
                       lambda: self.window.activations.watch(layer, neuron))
        menu.addSeparator()
        menu.addAction("Delete neuron", lambda: self._edit(
            "Delete neuron", lambda net: editing.remove_neuron(net, layer, neuron)))

    def _layer_menu(self, menu: QMenu, layer: int) -> None:
        menu.addAction("Size and activation…", lambda: self.edit_layer(layer))
        menu.addAction("Add neuron", lambda: self._edit(
            "Add neuron", lambda net: editing.insert_neuron(
                net, layer, connect=self.connect_new_action.isChecked())))
        n_layers = self.session.network.n_layers
        size, activation = DEFAULT_SETTINGS["hidden"]  # as the palette's hidden layer
        if layer > 0:
            menu.addAction("Insert hidden layer before", lambda: self._edit(
                "Insert layer", lambda net: editing.insert_layer(net, layer, size, activation)))
        if layer < n_layers - 1:
            menu.addAction("Insert hidden layer after", lambda: self._edit(
                "Insert layer",
                lambda net: editing.insert_layer(net, layer + 1, size, activation)))
        if 0 < layer < n_layers - 1:
            menu.addSeparator()
            menu.addAction("Delete layer", lambda: self._edit(
                "Delete layer", lambda net: editing.remove_layer(net, layer)))


class LayerDialog(QDialog):
    """Size and activation of one layer."""

    def __init__(self, parent, net: Network, layer: int):
        super().__init__(parent)
        self.setWindowTitle(f"Layer {layer}")
        self.size = NumberSpinBox(NumberRange(
            "the number of neurons", 1, max(MAX_LAYER_NEURONS, net.sizes[layer]), integer=True))
        self.size.setValue(net.sizes[layer])
        self.activation = QComboBox()
        form = QFormLayout(self)
        form.addRow("Neurons", self.size)
        problem = problem_label()
        form.addRow(problem)
        if layer > 0:
            role = "output" if layer == net.n_layers - 1 else "hidden"
            for name in allowed_activations(role):
                self.activation.addItem(ACTIVATIONS[name].label, name)
            self.activation.setCurrentIndex(self.activation.findData(net.activations[layer - 1]))
            form.addRow("Activation", self.activation)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        guard_ok_button(buttons.button(QDialogButtonBox.Ok), [self.size], problem)

    def values(self) -> tuple[int, str | None]:
        self.size.interpretText()   # OK may be pressed before the field took its text
        return self.size.int_value(), self.activation.currentData()


def _describe(refs) -> str:
    if len(refs) == 1:
        return {NeuronRef: "neuron", ConnectionRef: "connection", LayerRef: "layer"}[
            type(refs[0])]
    return f"{len(refs)} items"


def _delete(net: Network, refs) -> None:
    """Remove connections, then neurons and layers from the highest index down, so the
    indices still to come stay valid."""
    for ref in refs:
        if isinstance(ref, ConnectionRef):
            net.set_connection(*ref, False)
    neurons = sorted((r for r in refs if isinstance(r, NeuronRef)), reverse=True)
    layers = sorted((r.layer for r in refs if isinstance(r, LayerRef)), reverse=True)
    for layer, neuron in neurons:
        if layer not in layers:
            editing.remove_neuron(net, layer, neuron)
    for layer in layers:
        if layer in (0, net.n_layers - 1):
            raise ValueError("the input and output layers cannot be deleted; change "
                             "their size instead")
        editing.remove_layer(net, layer)

