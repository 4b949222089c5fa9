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
from nnsim.simulator.i18n import QT_TRANSLATE_NOOP, translate
from nnsim.simulator.losses import get_loss
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
WEIGHT = NumberRange(QT_TRANSLATE_NOOP("ui.numbers", "the weight"), -1e6, 1e6)
BIAS = NumberRange(QT_TRANSLATE_NOOP("ui.numbers", "the bias"), -1e6, 1e6)
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
        self.undo_action = a(translate("ui.editor", "&Undo"), session.undo, QKeySequence.Undo)
        self.redo_action = a(translate("ui.editor", "&Redo"), session.redo, QKeySequence.Redo)
        self.delete_action = a(translate("ui.editor", "&Delete"), self.delete_selection)
        self.delete_action.setShortcut(QKeySequence.Delete)
        # The canvas reports Del itself; the menu only shows the key.
        self.delete_action.setShortcutContext(Qt.WidgetShortcut)
        self.select_all_action = a(translate("ui.editor", "Select &All Neurons"),
                                   self.canvas.select_all, QKeySequence.SelectAll)
        self.rename_action = a(translate("ui.editor", "Re&name…"), self.rename_selection, "F2")
        self.fit_action = a(translate("ui.editor", "&Fit Layers to the Data"), self.fit_to_data)
        self.new_action = a(translate("ui.editor", "&New Empty Network"), self.new_network,
                            QKeySequence.New)
        self.connect_new_action = a(translate("ui.editor", "Connect &New Neurons"),
                                    lambda on: None, checkable=True)
        self.connect_new_action.setChecked(
            w.settings.value("connectNewNeurons", True, type=bool))
        self.connect_new_action.toggled.connect(
            lambda on: w.settings.setValue("connectNewNeurons", on))
        session.history.events.changed.connect(self._show_history)
        self._show_history()

    def _show_history(self) -> None:
        history = self.session.history
        for action, plain, named, text, enabled in (
                (self.undo_action, translate("ui.editor", "&Undo"),
                 translate("ui.editor", "&Undo {step}"), history.undo_text, history.can_undo),
                (self.redo_action, translate("ui.editor", "&Redo"),
                 translate("ui.editor", "&Redo {step}"), history.redo_text, history.can_redo)):
            action.setEnabled(enabled)
            action.setText(named.format(step=menu_text(text)) if text else plain)

    def fill_edit_menu(self, menu: QMenu) -> None:
        for action in (self.undo_action, self.redo_action, None, self.delete_action,
                       self.select_all_action, self.rename_action, None, self.fit_action,
                       self.connect_new_action):
            menu.addSeparator() if action is None else menu.addAction(action)

    def _build_docks(self) -> None:
        self.palette = PaletteWidget()
        self.history = UndoHistoryView(self.session)
        window, docks = self.window, self.window.docks
        window.add_dock("palette", translate("ui.editor", "Palette"), self.palette,
                        Qt.LeftDockWidgetArea)
        window.add_dock("history", translate("ui.editor", "Undo history"), self.history,
                        Qt.RightDockWidgetArea)
        window.tabifyDockWidget(docks["training"], docks["palette"])
        window.tabifyDockWidget(docks["inspector"], docks["history"])
        docks["training"].raise_()
        docks["inspector"].raise_()

    def _connect(self) -> None:
        canvas = self.canvas
        canvas.dropRequested.connect(self.on_drop)
        canvas.dropRefused.connect(lambda why: self._status(
            translate("ui.editor", "Drop ignored: {reason}").format(reason=why)))
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
            messages.warn(self.window, translate("ui.editor", "Not possible"), str(error))
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

        self._edit({"input": translate("ui.editor", "Add input neuron"),
                    "hidden": translate("ui.editor", "Add hidden neuron"),
                    "output": translate("ui.editor", "Add output neuron")}[item.role], add)

    def _insert_layer(self, index: int, item) -> None:
        size = item.size if item.kind == "layer" else 1
        activation = item.activation or DEFAULT_ACTIVATION[item.role]

        def insert(net: Network | None):
            if net is None:
                return Network([size], [])
            switched = editing.insert_layer(net, index, size, activation)
            if switched:
                self._status(translate("ui.editor", "The loss changed to {loss} to suit the "
                                                    "new output layer.").format(
                    loss=get_loss(switched).label.lower()))

        self._edit({"input": translate("ui.editor", "Add input layer"),
                    "hidden": translate("ui.editor", "Add hidden layer"),
                    "output": translate("ui.editor", "Add output layer")}[item.role], insert)

    def connect_neurons(self, block: int, i: int, j: int) -> None:
        self._edit(translate("ui.editor", "Connect neurons"),
                   lambda net: editing.connect(net, block, i, j), "connections")

    def move_neuron(self, layer: int, source: int, target: int) -> None:
        self._edit(translate("ui.editor", "Move neuron"),
                   lambda net: editing.move_neuron(net, layer, source, target))

    def delete_selection(self) -> None:
        refs = self.canvas.selected()
        if refs:
            self._edit(_delete_text(refs), lambda net: _delete(net, refs))

    # ------------------------------------------------------------------ naming and settings
    def rename_selection(self) -> None:
        neurons = [r for r in self.canvas.selected() if isinstance(r, NeuronRef)]
        if neurons:
            self.rename_neuron(*neurons[0])

    def rename_neuron(self, layer: int, neuron: int) -> None:
        """Ask for a name: only the label changes, training goes on."""
        old = self.session.network.names[layer][neuron]
        name, ok = QInputDialog.getText(self.window, translate("ui.editor", "Rename neuron"),
                                        translate("ui.editor", "Name:"), text=old)
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

        self._edit(translate("ui.editor", "Change layer"), change,
                   "structure" if size != net.sizes[layer] else "activations")

    def set_neuron_activation(self, layer: int, neuron: int, name: str | None) -> None:
        self._edit(translate("ui.editor", "Change activation"),
                   lambda net: net.set_neuron_activation(layer, neuron, name), "activations")

    def ask_weight(self, block: int, i: int, j: int) -> None:
        net = self.session.network
        value = NumberDialog.ask(
            self.window, translate("ui.editor", "Set weight"),
            translate("ui.editor", "w from {source} to {target}:").format(
                source=shown_name(net.names[block][i]),
                target=shown_name(net.names[block + 1][j])),
            WEIGHT, float(net.weights[block][i, j]))
        if value is not None:
            self._typed(lambda: self.session.set_weight(block, i, j, value))

    def ask_bias(self, layer: int, neuron: int) -> None:
        net = self.session.network
        value = NumberDialog.ask(
            self.window, translate("ui.editor", "Set bias"),
            translate("ui.editor", "b of {neuron}:").format(
                neuron=shown_name(net.names[layer][neuron])),
            BIAS, float(net.biases[layer - 1][neuron]))
        if value is not None:
            self._typed(lambda: self.session.set_bias(layer, neuron, value))

    def _typed(self, action) -> None:
        try:
            action()
        except ValueError as error:
            messages.warn(self.window, translate("ui.editor", "Not possible"), str(error))

    # ------------------------------------------------------------------ data fit
    def fit_to_data(self) -> None:
        """Resize the input and output layers to what the data needs and name their
        neurons after it (one undo step); the status bar says what the outputs became."""
        data = self.session.train_data
        if needed_sizes(self.session.network, data) is None:
            self._status(translate("ui.editor", "The network already fits its data."))
            return
        if self._edit(translate("ui.editor", "Fit layers to the data"),
                      lambda net: datafit.fit_to_data(net, data)):
            net = self.session.network
            n_in, n_out = net.sizes[0], net.sizes[-1]
            inputs = (translate("ui.editor", "{count} inputs") if n_in > 1
                      else translate("ui.editor", "{count} input")).format(count=f"{n_in:,}")
            outputs = (translate("ui.editor", "{count} {activation} outputs") if n_out > 1
                       else translate("ui.editor", "{count} {activation} output")).format(
                count=f"{n_out:,}", activation=net.activation_of(net.n_layers - 1).label)
            self._status(translate("ui.editor", "Fitted the layers to the data: {inputs}, "
                                                "{outputs} with {loss}, named after the data")
                         .format(inputs=inputs, outputs=outputs, loss=net.loss.label.lower()))

    # ------------------------------------------------------------------ context menu
    def show_context_menu(self, target, global_pos) -> None:
        menu = QMenu()  # unparented: it goes when this method returns
        if isinstance(target, NeuronRef):
            self._neuron_menu(menu, *target)
        elif isinstance(target, ConnectionRef):
            menu.addAction(translate("ui.editor", "Set weight…"),
                           lambda: self.ask_weight(*target))
            remove = translate("ui.editor", "Remove connection")
            menu.addAction(remove, lambda: self._edit(
                remove, lambda net: net.set_connection(*target, False), "connections"))
        elif isinstance(target, LayerRef):
            self._layer_menu(menu, target.layer)
        else:
            menu.addAction(self.select_all_action)
            menu.addAction(self.fit_action)
        menu.exec(global_pos)

    def _neuron_menu(self, menu: QMenu, layer: int, neuron: int) -> None:
        menu.addAction(translate("ui.editor", "Rename…"),
                       lambda: self.rename_neuron(layer, neuron))
        if layer > 0:
            menu.addAction(translate("ui.editor", "Set bias…"),
                           lambda: self.ask_bias(layer, neuron))
            choices = menu.addMenu(translate("ui.editor", "Activation"))
            choices.addAction(translate("ui.editor", "Same as layer"),
                              lambda: self.set_neuron_activation(layer, neuron, None))
            for name in allowed_activations("hidden"):  # one neuron: never softmax
                choices.addAction(ACTIVATIONS[name].label,
                                  lambda n=name: self.set_neuron_activation(layer, neuron, n))
        menu.addAction(translate("ui.editor", "Watch activation"),
                       lambda: self.window.activations.watch(layer, neuron))
        menu.addSeparator()
        delete = translate("ui.editor", "Delete neuron")
        menu.addAction(delete, lambda: self._edit(
            delete, lambda net: editing.remove_neuron(net, layer, neuron)))

    def _layer_menu(self, menu: QMenu, layer: int) -> None:
        menu.addAction(translate("ui.editor", "Size and activation…"),
                       lambda: self.edit_layer(layer))
        add = translate("ui.editor", "Add neuron")
        menu.addAction(add, lambda: self._edit(
            add, lambda net: editing.insert_neuron(
                net, layer, connect=self.connect_new_action.isChecked())))
        insert = translate("ui.editor", "Insert layer")
        n_layers = self.session.network.n_layers
        size, activation = DEFAULT_SETTINGS["hidden"]  # as the palette's hidden layer
        if layer > 0:
            menu.addAction(translate("ui.editor", "Insert hidden layer before"), lambda: self._edit(
                insert, lambda net: editing.insert_layer(net, layer, size, activation)))
        if layer < n_layers - 1:
            menu.addAction(translate("ui.editor", "Insert hidden layer after"), lambda: self._edit(
                insert,
                lambda net: editing.insert_layer(net, layer + 1, size, activation)))
        if 0 < layer < n_layers - 1:
            menu.addSeparator()
            delete = translate("ui.editor", "Delete layer")
            menu.addAction(delete, lambda: self._edit(
                delete, lambda net: editing.remove_layer(net, layer)))


class LayerDialog(QDialog):
    """Size and activation of one layer."""

    def __init__(self, parent, net: Network, layer: int):
        super().__init__(parent)
        self.setWindowTitle(translate("ui.editor", "Layer {layer}").format(layer=layer))
        self.size = NumberSpinBox(NumberRange(
            QT_TRANSLATE_NOOP("ui.numbers", "the number of neurons"), 1,
            max(MAX_LAYER_NEURONS, net.sizes[layer]), integer=True))
        self.size.setValue(net.sizes[layer])
        self.activation = QComboBox()
        form = QFormLayout(self)
        form.addRow(translate("ui.editor", "Neurons"), self.size)
        problem = problem_label()
        form.addRow(problem)
        if layer > 0:
            role = "output" if layer == net.n_layers - 1 else "hidden"
            for name in allowed_activations(role):
                self.activation.addItem(ACTIVATIONS[name].label, name)
            self.activation.setCurrentIndex(self.activation.findData(net.activations[layer - 1]))
            form.addRow(translate("ui.editor", "Activation"), self.activation)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        guard_ok_button(buttons.button(QDialogButtonBox.Ok), [self.size], problem)

    def values(self) -> tuple[int, str | None]:
        self.size.interpretText()   # OK may be pressed before the field took its text
        return self.size.int_value(), self.activation.currentData()


def _delete_text(refs) -> str:
    """The undo step's name for deleting ``refs``: "Delete neuron", "Delete 3 items"."""
    if len(refs) == 1:
        return {NeuronRef: translate("ui.editor", "Delete neuron"),
                ConnectionRef: translate("ui.editor", "Delete connection"),
                LayerRef: translate("ui.editor", "Delete layer")}[type(refs[0])]
    return translate("ui.editor", "Delete {count} items").format(count=len(refs))


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
            raise ValueError(translate("ui.editor", "the input and output layers cannot be "
                                                    "deleted; change their size instead"))
        editing.remove_layer(net, layer)

