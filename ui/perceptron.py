"""The perceptron dock bound to the session: a single neuron's weights and bias on
sliders, its decision line and truth table, following every change and training.

Moving a slider is ``Session.set_weight``/``set_bias``: one undo step per parameter
however long the drag (consecutive edits of one parameter merge).  What is shown is
computed on ``session.display_network()``, never the live network while it trains.
"""

from __future__ import annotations

from nnsim.simulator.i18n import translate
from nnsim.simulator.perceptron import (
    cases,
    distinct_rows,
    is_single_neuron,
    weights_and_bias,
)

from .controller import Controller
from .network_readings import fitting_targets
from .pacing import RateLimit
from .perceptron_panel import PerceptronPanel


class PerceptronController(Controller):
    """Keeps ``window.perceptron`` showing the session's single neuron, if it has one."""

    def __init__(self, window):
        super().__init__(window)
        self.panel: PerceptronPanel = window.perceptron
        self.slow = RateLimit()
        self._distinct: tuple = (None, None, 0)   # (data set, its first rows, their count)
        self.on(self.refresh, "project_replaced", "structure_changed", "params_changed",
                "dataset_changed", "activations_changed", "neuron_renamed",
                "run_replaced")
        self.on(lambda running: running or self.refresh(), "running_changed")
        self.on(lambda _frame: self.slow.due(not self.session.running) and self.refresh(),
                "frame")
        self.panel.weightEdited.connect(
            lambda i, value: self.session.set_weight(0, i, 0, value))
        self.panel.biasEdited.connect(lambda value: self.session.set_bias(1, 0, value))
        self.on(self._come_forward, "project_replaced")
        self.refresh()

    def _come_forward(self) -> None:
        """A single neuron opened: its dock comes to the front of its tab group; any
        other network: the inspector does (it shares the group by default)."""
        single = is_single_neuron(self.session.network)
        self.window.docks["perceptron" if single else "inspector"].raise_()

    def refresh(self, *_) -> None:
        # The structure is the live network's: only a single neuron needs the parameters
        # shown (a copy while training).
        network = self.session.network
        if not is_single_neuron(network):
            self.panel.show_message(
                translate("ui.perceptron", "Open or build a single neuron (inputs connected "
                          "straight to one output) to tune its weights and bias here.")
                if network is None else
                translate("ui.perceptron", "This network has {count} neurons after the "
                          "input: the perceptron panel tunes a single neuron (inputs "
                          "connected straight to one output).").format(
                    count=f"{sum(network.sizes[1:]):,}"))
            return
        network = self.session.display_network()
        w, b = weights_and_bias(network)
        names = network.names
        self.panel.show_neuron(names[0], names[1][0], network.activation_of(1, 0).name, w, b)
        rows, n_distinct = self._cases(network)
        self.panel.show_cases(rows, n_distinct, names[0])
        self.panel.set_axis_names(names[0])
        self.panel.show_plane(rows, w, b)

    def _cases(self, network):
        """The cases shown and how many distinct ones the data has; the targets as
        training encodes them (None: the data does not fit one output)."""
        data = self.session.train_data
        if data is None or data.n_features != network.sizes[0]:
            return [], 0
        if self._distinct[0] is not data:   # the distinct rows depend on the data alone
            self._distinct = (data, *distinct_rows(data.inputs))
        _, rows, count = self._distinct
        return cases(network, data.inputs, fitting_targets(network, data), rows), count
