"""One sample walked through the network: the steps of the forward pass, the error, the
backward pass and the update, each with the numbers the engine computed.

``walk`` turns one ``Network.trace`` of the sample (and, for the update, one
``updates.explain_step``) into a list of ``WalkStep``: what to highlight, the callout's
equations and short labels on neurons and connections.  Every number is a value of that
trace or step, written by the caller's ``number`` function, so what the walk-through
shows is the engine's arithmetic to the last printed digit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .i18n import translate
from .network import Network, Trace, layer_name
from .updates import UpdateExplanation

#: Most terms of a sum, labels of a layer or connections a step writes out; the rest
#: are counted ("… 12 more").
MAX_TERMS = 6

FORWARD, ERROR, BACKWARD, UPDATE = "forward", "error", "backward", "update"


@dataclass(frozen=True)
class WalkStep:
    """One step.  ``layer``/``neuron`` is where its callout sits (``neuron`` None: the
    whole layer); ``focus`` is what the inspector should show, ("neuron", layer, j) or
    ("connection", block, i, j); ``connections`` (block, i, j) light up;
    ``neuron_labels`` and ``connection_labels`` put a short text at a neuron (layer, j)
    or connection."""

    kind: str
    layer: int
    neuron: int | None
    title: str
    lines: list[str]
    focus: tuple
    connections: list[tuple[int, int, int]] = field(default_factory=list)
    neuron_labels: dict[tuple[int, int], str] = field(default_factory=dict)
    connection_labels: dict[tuple[int, int, int], str] = field(default_factory=dict)


def strongest(values: np.ndarray, limit: int = MAX_TERMS) -> np.ndarray:
    """Indices of the ``limit`` largest ``|values|`` (n,), in their original order."""
    if len(values) <= limit:
        return np.arange(len(values))
    return np.sort(np.argsort(-np.abs(values), kind="stable")[:limit])


def walk(network: Network, trace: Trace, y: np.ndarray | None,
         update: UpdateExplanation | None, number: Callable[[float], str],
         moved: Callable[[float, float], str] | None = None) -> list[WalkStep]:
    """The steps for one sample: ``trace`` of it (batch of one, with targets for the
    error and backward steps), its target ``y`` (n_outputs,) and ``update`` (its step,
    None: no update steps).  ``moved(old, new)`` writes an updated parameter (default
    ``number(new)``), with the digits that show a tiny step."""
    writer = _Writer(network, trace, y, number, moved)
    steps = [writer.forward(layer, j) for layer in range(1, network.n_layers)
             for j in range(network.sizes[layer])]
    if trace.dE_dz is None:
        return steps
    steps.append(writer.error())
    steps += [writer.backward(layer) for layer in range(network.n_layers - 1, 0, -1)]
    if update is not None:
        steps += [writer.update(block, update) for block in range(network.n_layers - 2, -1, -1)]
    return steps


class _Writer:
    def __init__(self, network: Network, trace: Trace, y, number, moved):
        self.net, self.t, self.y = network, trace, y
        self.n = lambda value: number(float(value))
        self.moved = moved or (lambda _old, new: number(new))

    def _signed(self, value: float, first: bool = False) -> str:
        if first:
            return self.n(value)
        return f" − {self.n(-value)}" if value < 0 else f" + {self.n(value)}"

    def _factor(self, value: float) -> str:
        """A number to multiply by: negative ones in parentheses, "(−2.5)·x"."""
        return f"({self.n(value)})" if value < 0 else self.n(value)

    def _where(self, layer: int, j: int | None = None) -> str:
        where = layer_name(layer, self.net.n_layers)
        return where if j is None else translate("simulator.walkthrough", "{layer}, {neuron}") \
            .format(layer=where, neuron=self.net.names[layer][j])

    def forward(self, layer: int, j: int) -> WalkStep:
        net, t, n = self.net, self.t, self.n
        incoming = np.flatnonzero(net.masks[layer - 1][:, j])
        x, w = t.a[layer - 1][0, incoming], net.weights[layer - 1][incoming, j]
        products = w * x
        shown = strongest(products)
        terms = " + ".join(f"{self._factor(w[s])}·{self._factor(x[s])}" for s in shown)
        left = len(products) - len(shown)
        if left:
            terms += translate("simulator.walkthrough", " + … ({count} more, together {sum})") \
                .format(count=left, sum=n(np.delete(products, shown).sum()))
        b, z, a = net.biases[layer - 1][j], t.z[layer][0, j], t.a[layer][0, j]
        act = net.activation_of(layer, j)
        g = f"{act.name}({n(z)})" if act.per_neuron else f"softmax(z)[{j + 1}]"
        lines = [f"z = Σ wᵢ·xᵢ + b = {terms or '0'}{self._signed(b)} = {n(z)}",
                 f"a = {g} = {n(a)}"]
        title = translate("simulator.walkthrough", "Forward · {where}").format(
            where=self._where(layer, j))
        return WalkStep(FORWARD, layer, j, title, lines,
                        ("neuron", layer, j),
                        [(layer - 1, int(incoming[s]), j) for s in shown],
                        {(layer, j): f"a = {n(a)}"})

    def error(self) -> WalkStep:
        net, t, n, last = self.net, self.t, self.n, self.net.n_layers - 1
        a = t.a[last][0]
        shown = strongest(a - self.y)
        lines = [f"E = {net.loss.formula.removeprefix('E = ')} = {n(t.loss)}"]
        lines += [translate("simulator.walkthrough", "ŷ − y for {name}: {output} − {target} = "
                            "{difference}").format(name=net.names[last][j], output=n(a[j]),
                                                   target=n(self.y[j]),
                                                   difference=n(a[j] - self.y[j]))
                  for j in shown]
        labels = {(last, int(j)): f"ŷ − y = {n(a[j] - self.y[j])}" for j in shown}
        worst = int(np.argmax(np.abs(a - self.y)))
        title = translate("simulator.walkthrough", "Error · {loss}").format(loss=net.loss.label)
        return WalkStep(ERROR, last, None, title, lines,
                        ("neuron", last, worst), neuron_labels=labels)

    def backward(self, layer: int) -> WalkStep:
        net, t, n = self.net, self.t, self.n
        dz = t.dE_dz[layer][0]
        lines, labels = [], {}
        for j in strongest(dz):
            act = net.activation_of(layer, int(j))
            da = t.dE_da[layer][0, j]
            if act.per_neuron and not (layer == net.n_layers - 1 and net.loss.fused_activation):
                dg = act.derivative(t.z[layer][0, j])[0, 0]
                lines.append(f"{net.names[layer][j]}: dE/dz = dE/da·g′(z) = {n(da)}·{n(dg)} = "
                             f"{n(dz[j])}")
            else:
                lines.append(f"{net.names[layer][j]}: dE/dz = a − y = {n(dz[j])}" if
                             net.loss.fused_activation and layer == net.n_layers - 1 else
                             translate("simulator.walkthrough", "{name}: dE/dz = {value} "
                                       "(softmax couples the outputs)").format(
                                 name=net.names[layer][j], value=n(dz[j])))
            labels[(layer, int(j))] = f"δ = {n(dz[j])}"
        if len(dz) > MAX_TERMS:
            lines.append(translate("simulator.walkthrough", "… {count} more neurons, smaller")
                         .format(count=len(dz) - MAX_TERMS))
        connections, connection_labels = self._gradients(layer - 1)
        lines.append(translate("simulator.walkthrough",
                               "dE/dw = dE/dz (of the neuron fed) · a (of the neuron feeding)"))
        title = translate("simulator.walkthrough", "Backward · {where}").format(
            where=self._where(layer))
        return WalkStep(BACKWARD, layer, None, title, lines,
                        ("neuron", layer, int(np.argmax(np.abs(dz)))), connections, labels,
                        connection_labels)

    def _gradients(self, block: int):
        grads, mask = self.t.dE_dw[block], self.net.masks[block]
        i, j = np.nonzero(mask)
        shown = strongest(grads[i, j])
        where = [(block, int(i[s]), int(j[s])) for s in shown]
        return where, {c: f"dE/dw = {self.n(grads[c[1], c[2]])}" for c in where}

    def update(self, block: int, update: UpdateExplanation) -> WalkStep:
        net, n = self.net, self.n
        i, j = np.nonzero(net.masks[block])
        # The block's weights as (sizes[block], sizes[block + 1]) views of the flat arrays.
        before = net.split_flat(update.before)[0][block][i, j]
        after = net.split_flat(update.after)[0][block][i, j]
        change = after - before
        shown = strongest(change)
        where = [(block, int(i[s]), int(j[s])) for s in shown]
        labels = {c: f"{n(before[s])} → {self.moved(float(before[s]), float(after[s]))}"
                  for c, s in zip(where, shown)}
        if not len(shown):   # every connection into the layer removed
            return WalkStep(UPDATE, block + 1, None, translate(
                "simulator.walkthrough", "Update · {title}").format(title=update.title),
                [translate("simulator.walkthrough", "no connections into this layer")],
                ("neuron", block + 1, 0))
        top = int(np.argmax(np.abs(change[shown])))
        _, a, b = where[top]
        ends = {"source": net.names[block][a], "target": net.names[block + 1][b]}
        lines = [translate("simulator.walkthrough", "largest change: {source} → {target}")
                 .format(**ends) if change[shown[top]] else
                 translate("simulator.walkthrough", "no weight into this layer moves for this "
                           "sample (every g is 0); for {source} → {target}:").format(**ends)]
        lines += update.lines(net.weight_index(block, a, b), "w", n, self.moved)
        title = translate("simulator.walkthrough", "Update · {title} · weights into {where}") \
            .format(title=update.title, where=self._where(block + 1))
        return WalkStep(UPDATE, block + 1, None, title, lines, ("connection", *where[top]),
                        where, connection_labels=labels)
