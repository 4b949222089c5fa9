"""The inspector's sheet: one neuron's or connection's arithmetic written out as HTML.

It lays the numbers out as the articles write them: the weighted sum, the activation,
the error, then the chain rule backwards and the update the optimiser in use gives.
Every number comes from ``Network.trace`` (or, for products and sums the text spells
out, from the same weights and activations) or from ``updates.explain_step``, the
optimiser's real step, so the sheet shows exactly what training uses.
"""

from __future__ import annotations

import math
from html import escape

import numpy as np

from nnsim.simulator.i18n import translate
from nnsim.simulator.network import Network, Trace
from nnsim.simulator.updates import UpdateExplanation
from nnsim.simulator.walkthrough import strongest
from nnsim.ui.plaintext import html_name

#: Rows a sum shows before it folds the smallest terms into one line (MNIST has 784).
MAX_TERMS = 12

#: dE/da of the losses other than squared error (whose a − y is written out with numbers).
LOSS_GRADIENT = {"cross_entropy": "−y / a", "binary_cross_entropy": "(a − y) / (a·(1 − a))"}


def format_number(value: float, full: bool = False) -> str:
    """4–6 significant digits: ``6.3``, ``0.998167``, ``1.6798e-06``; ``repr`` if ``full``."""
    value = float(value) + 0.0   # + 0.0 turns -0.0 into 0.0
    if full or value == 0.0 or not math.isfinite(value):
        return repr(value) if full else f"{value:g}"
    if 1e-4 <= abs(value) < 1e6:
        return f"{value:.6g}"
    mantissa, exponent = f"{value:.4e}".split("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{exponent}"


def format_moved(old: float, new: float) -> str:
    """``new`` with enough significant digits (6 to 17) that its change from ``old``
    shows: 0.273923 → 0.27392685, not 0.273923 again."""
    step = float(new) - float(old)
    if step == 0 or new == 0:
        return format_number(new)
    digits = min(17, max(6, math.ceil(math.log10(abs(new) / abs(step))) + 2))
    return f"{float(new):.{digits}g}"


class Sheet:
    """Builds the inspector's HTML; ``n()`` writes a number that shows its repr on hover."""

    def __init__(self, full_precision: bool):
        self.full = full_precision
        self.parts: list[str] = []

    def n(self, value: float, text: str | None = None) -> str:
        text = format_number(value, self.full) if text is None else text
        return f"<a href='v:{float(value)!r}'>{text}</a>"

    def result(self, value: float) -> str:
        """The number an equation arrives at, in bold."""
        return f"<b>{self.n(value)}</b>"

    def factor(self, value: float) -> str:
        """A number to multiply by: negative ones in parentheses."""
        return f"({self.n(value)})" if value < 0 else self.n(value)

    def signed_sum(self, values) -> str:
        """``0.2 + 1 − 0.5``: each term after the first with its sign as the operator."""
        terms = [self.n(values[0])] if len(values) else []
        terms += [f"{'−' if v < 0 else '+'} {self.n(abs(v))}" for v in values[1:]]
        return " ".join(terms)

    def moved(self, old: float, new: float) -> str:
        """``new`` with enough digits that its (often tiny) change from ``old`` shows."""
        return self.n(new) if self.full else self.n(new, format_moved(old, new))

    def heading(self, text: str) -> None:
        self.parts.append(f"<h4>{text}</h4>")

    def equation(self, text: str) -> None:
        self.parts.append(f"<p class='eq'>{text}</p>")

    def note(self, text: str) -> None:
        self.parts.append(f"<p class='muted'>{text}</p>")

    def table(self, headers: list[str], rows: list[list[str]], folded: str = "") -> None:
        """A table of already formatted cells; ``folded`` is a last, muted line."""
        head = "".join(f"<th align='right'>{h}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td align='right'>{c}</td>" for c in row) + "</tr>"
                       for row in rows)
        tail = f"<tr><td colspan='{len(headers)}' class='muted'>{folded}</td></tr>" \
            if folded else ""
        self.parts.append(f"<table cellspacing='0' cellpadding='4'><tr>{head}</tr>{body}{tail}"
                          "</table>")

    def html(self) -> str:
        return "".join(self.parts)


def write_connection(sheet: Sheet, net: Network, trace: Trace, block: int, i: int, j: int,
                     update: UpdateExplanation | None) -> None:
    """The weight's share of z_j, its gradient dE/dz_j · a_i and its update."""
    source, target = html_name(net.names[block][i]), html_name(net.names[block + 1][j])
    w, a_i = net.weights[block][i, j], trace.a[block][0, i]
    sheet.heading(translate("ui.arithmetic", "Forward"))
    sheet.equation(f"w = {sheet.n(w)}")
    sheet.equation(f"a<sub>i</sub> = {source} = {sheet.n(a_i)}")
    share = translate("ui.arithmetic", "its share of z of {target} = {z}").format(
        target=target, z=sheet.n(trace.z[block + 1][0, j]))
    sheet.equation(f"w·a<sub>i</sub> = {sheet.n(w)} · {sheet.factor(a_i)} = {sheet.n(w * a_i)}"
                   f"&nbsp;&nbsp;<span class='muted'>{share}</span>")
    if trace.dE_dz is None:
        return
    dz, dw = trace.dE_dz[block + 1][0, j], trace.dE_dw[block][i, j]
    sheet.heading(translate("ui.arithmetic", "Backward"))
    of_target = translate("ui.arithmetic", "(of {target})").format(target=target)
    sheet.equation(f"dE/dz<sub>j</sub> = {sheet.n(dz)}&nbsp;&nbsp;"
                   f"<span class='muted'>{of_target}</span>")
    sheet.equation(f"dE/dw = dE/dz<sub>j</sub> · a<sub>i</sub> = {sheet.n(dz)} · "
                   f"{sheet.factor(a_i)} = {sheet.result(dw)}")
    write_update(sheet, "w", net.weight_index(block, i, j), update)


def write_update(sheet: Sheet, symbol: str, index: int,
                 update: UpdateExplanation | None) -> None:
    """The step parameter ``index`` (named ``symbol``) gets from the optimiser in use:
    its rule written out with the numbers of the real step on this sample."""
    if update is None:
        sheet.note(translate("ui.arithmetic",
                             "No update: this network cannot be trained by gradient descent."))
        return
    sheet.heading(escape(update.title))
    for line in update.lines(index, symbol, sheet.n, sheet.moved):
        sheet.equation(line)
    sheet.note(translate("ui.arithmetic",
                         "The step this sample alone would give (a batch of one): training "
                         "averages dE/dw over each batch before the optimiser steps."))


class NeuronSheet:
    """Writes one neuron's forward and backward arithmetic (layer ≥ 1) onto a sheet."""

    def __init__(self, sheet: Sheet, net: Network, trace: Trace, y: np.ndarray | None,
                 layer: int, j: int, update: UpdateExplanation | None):
        self.s, self.net, self.t, self.y = sheet, net, trace, y
        self.layer, self.j, self.update = layer, j, update
        self.act = net.activation_of(layer, j)
        self.incoming = np.flatnonzero(net.masks[layer - 1][:, j])
        self.x = trace.a[layer - 1][0]
        self.w = net.weights[layer - 1][:, j]
        self.names = net.names[layer - 1]
        self.is_output = layer == net.n_layers - 1

    def write(self) -> None:
        self.forward()
        if self.t.dE_dz is None:
            self.s.note(translate("ui.arithmetic",
                                  "Set a target to see the error and the backward pass."))
            return
        if self.is_output:
            self.error()
        self.backward()

    def forward(self) -> None:
        s, t, layer, j = self.s, self.t, self.layer, self.j
        s.heading(translate("ui.arithmetic", "Forward: weighted sum and activation"))
        products = self.w[self.incoming] * self.x[self.incoming]
        shown = strongest(products, MAX_TERMS)
        rows = [[html_name(self.names[i]), s.n(self.x[i]), s.n(self.w[i]), s.n(p)]
                for i, p in zip(self.incoming[shown], products[shown])]
        s.table([translate("ui.arithmetic", "input"), "x<sub>i</sub>", "w<sub>i</sub>",
                 "w<sub>i</sub>·x<sub>i</sub>"], rows, self._folded(products, shown))
        b, z = self.net.biases[layer - 1][j], t.z[layer][0, j]
        terms = list(products) if len(products) <= 6 else [products.sum()]
        s.equation(f"z = Σ w<sub>i</sub>·x<sub>i</sub> + b = {s.signed_sum(terms + [b])} = "
                   f"{s.result(z)}")
        a = t.a[layer][0, j]
        if self.act.per_neuron:
            s.equation(f"a = g(z) = {self.act.name}({s.n(z)}) = {s.result(a)}")
        else:
            share = translate("ui.arithmetic", "(its e^z over the sum of all {count})").format(
                count=self.net.sizes[layer])
            s.equation(f"a = softmax(z)<sub>{j + 1}</sub> = {s.result(a)}&nbsp;&nbsp;<span "
                       f"class='muted'>{share}</span>")
        s.note(escape(self.act.formula))

    def _folded(self, terms: np.ndarray, shown: np.ndarray) -> str:
        hidden = len(terms) - len(shown)
        if not hidden:
            return ""
        rest = np.delete(terms, shown).sum()
        return translate("ui.arithmetic", "… and {count} smaller terms, together {sum}").format(
            count=hidden, sum=self.s.n(rest))

    def error(self) -> None:
        s, t, j = self.s, self.t, self.j
        loss = self.net.loss
        s.heading(translate("ui.arithmetic", "Error"))
        target_of = translate("ui.arithmetic", "(target of {name})").format(
            name=html_name(self.net.names[self.layer][j]))
        s.equation(f"y = {s.n(self.y[j])}&nbsp;&nbsp;<span class='muted'>{target_of}</span>")
        outputs = self.net.sizes[-1]
        which = translate("ui.arithmetic", "{loss} over {count} outputs, ŷ = a").format(
            loss=loss.label.lower(), count=outputs) if outputs > 1 else translate(
            "ui.arithmetic", "{loss}, ŷ = a").format(loss=loss.label.lower())
        s.equation(f"E = {escape(loss.formula.removeprefix('E = '))} = {s.result(t.loss)}"
                   f"&nbsp;&nbsp;<span class='muted'>{which}</span>")

    def backward(self) -> None:
        self.s.heading(translate("ui.arithmetic", "Backward: chain rule"))
        if self.is_output:
            self._output_error()
        else:
            self._hidden_error()
        self._dE_dz()
        self._parameter_gradients()

    def _output_error(self) -> None:
        """dE/da of an output neuron, from the loss."""
        s, t, layer, j = self.s, self.t, self.layer, self.j
        a, da = t.a[layer][0, j], t.dE_da[layer][0, j]
        if self.net.loss_name == "squared_error":
            s.equation(f"dE/da = a − y = {s.n(a)} − {s.factor(self.y[j])} = {s.result(da)}")
        else:
            s.equation(f"dE/da = {LOSS_GRADIENT[self.net.loss_name]} = {s.result(da)}")

    def _dE_dz(self) -> None:
        """dE/dz = dE/da · g′(z), or its simpler or coupled forms."""
        s, t, layer, j = self.s, self.t, self.layer, self.j
        a, z = t.a[layer][0, j], t.z[layer][0, j]
        da, dz = t.dE_da[layer][0, j], t.dE_dz[layer][0, j]
        if self.is_output and self.net.loss.fused_activation:
            s.equation(f"dE/dz = a − y = {s.n(a)} − {s.factor(self.y[j])} = {s.result(dz)}")
            s.note(translate("ui.arithmetic", "With {activation} and {loss} the g′(z) factor "
                             "cancels: dE/da · g′(z) simplifies to a − y.").format(
                activation=self.act.label, loss=self.net.loss.label.lower()))
        elif not self.act.per_neuron:
            s.equation(f"dE/dz = a·(dE/da − Σ<sub>k</sub> dE/da<sub>k</sub>·a<sub>k</sub>) = "
                       f"{s.result(dz)}")
            s.note(translate("ui.arithmetic",
                             "Softmax couples the outputs: each z moves every a."))
        else:
            dg = self.act.derivative(z)[0, 0]
            s.equation(f"g′(z) = {s.n(dg)}")
            s.equation(f"dE/dz = dE/da · g′(z) = {s.n(da)} · {s.factor(dg)} = {s.result(dz)}")

    def _hidden_error(self) -> None:
        """dE/da of a hidden neuron: Σ_k w_k·dE/dz_k over the neurons it feeds."""
        s, t, layer, j = self.s, self.t, self.layer, self.j
        outgoing = np.flatnonzero(self.net.masks[layer][j])
        w = self.net.weights[layer][j, outgoing]
        dz_next = t.dE_dz[layer + 1][0, outgoing]
        products = w * dz_next
        shown = strongest(products, MAX_TERMS)
        names = self.net.names[layer + 1]
        rows = [[html_name(names[k]), s.n(wk), s.n(d), s.n(p)] for k, wk, d, p in
                zip(outgoing[shown], w[shown], dz_next[shown], products[shown])]
        s.table([translate("ui.arithmetic", "next neuron k"), "w<sub>k</sub>", "dE/dz<sub>k</sub>",
                 "w<sub>k</sub>·dE/dz<sub>k</sub>"], rows, self._folded(products, shown))
        s.equation(f"dE/da = Σ<sub>k</sub> w<sub>k</sub>·dE/dz<sub>k</sub> = "
                   f"{s.result(t.dE_da[layer][0, j])}")

    def _parameter_gradients(self) -> None:
        s, t, layer, j, update = self.s, self.t, self.layer, self.j, self.update
        grads = t.dE_dw[layer - 1][self.incoming, j]
        shown = strongest(grads, MAX_TERMS)
        rows = [[html_name(self.names[i]), s.n(self.x[i]), s.n(g), self._after(i)]
                for i, g in zip(self.incoming[shown], grads[shown])]
        after = "—" if update is None else translate(
            "ui.arithmetic", "w<sub>i</sub> after the {rule} step").format(rule=update.rule)
        folded = translate("ui.arithmetic", "… {count} smaller gradients not shown").format(
            count=len(grads) - len(shown)) if len(shown) < len(grads) else ""
        s.table([translate("ui.arithmetic", "input"), "x<sub>i</sub>",
                 "dE/dw<sub>i</sub> = dE/dz·x<sub>i</sub>", after], rows, folded)
        db = t.dE_db[layer - 1][j]
        s.equation(f"dE/db = dE/dz = {s.result(db)}")
        write_update(s, "b", self.net.bias_index(layer, j), update)

    def _after(self, i: int) -> str:
        """Weight i's value after the optimiser's step ("—" when there is none)."""
        if self.update is None:
            return "—"
        index = self.net.weight_index(self.layer - 1, i, self.j)
        return self.s.moved(self.update.before[index], self.update.after[index])
