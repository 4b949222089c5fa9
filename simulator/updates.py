"""What one training step on one sample does to each parameter, with the optimiser in use.

The inspector and the walk-through show "the update this weight receives".  It is
computed here by *taking* that step: a copy of the network and of the optimiser's state
trains once on the sample alone (a batch of one) through ``Trainer.step``, so the
gradient is masked, clipped and regularised and the optimiser applied exactly as in
training.  ``UpdateExplanation.lines`` then writes the optimiser's rule with the numbers
of one parameter, each taken from that step's arrays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from .i18n import QT_TRANSLATE_NOOP, translate
from .network import Network, Trace
from .training import Trainer, TrainingConfig, clip_scale
from .trainingtypes import TrainingDiverged

#: How each optimiser's rule is titled (marked for translation; ``title`` translates).
RULES = {
    "sgd": QT_TRANSLATE_NOOP("simulator.updates", "Gradient descent"),
    "momentum": QT_TRANSLATE_NOOP("simulator.updates", "Momentum"),
    "nesterov": QT_TRANSLATE_NOOP("simulator.updates", "Nesterov momentum"),
    "adam": "Adam",
}

#: The same inside a sentence ("the gradient descent step"); ``rule`` translates.
RULES_IN_SENTENCES = {
    "sgd": QT_TRANSLATE_NOOP("simulator.updates", "gradient descent"),
    "momentum": QT_TRANSLATE_NOOP("simulator.updates", "momentum"),
    "nesterov": QT_TRANSLATE_NOOP("simulator.updates", "nesterov momentum"),
    "adam": "Adam",
}


@dataclass(frozen=True)
class UpdateExplanation:
    """One step on one sample.  Arrays are laid out like ``Network.params`` (n_params,):
    ``data_gradient`` dE/dw of the sample alone; ``gradient`` g, what the optimiser
    received (after clipping and regularisation); ``before``/``after`` the parameters;
    ``state_before``/``state_after`` the optimiser's arrays (``velocity``; ``m``, ``v``)
    and step count ``t``."""

    config: TrainingConfig
    data_gradient: np.ndarray
    gradient: np.ndarray
    before: np.ndarray
    after: np.ndarray
    state_before: dict
    state_after: dict
    clip_scale: float

    @property
    def rule(self) -> str:
        """The optimiser's name as a sentence says it: "gradient descent", "Adam"."""
        return translate("simulator.updates", RULES_IN_SENTENCES[self.config.optimizer])

    @property
    def title(self) -> str:
        return translate("simulator.updates", "{rule} step at η = {rate}").format(
            rule=translate("simulator.updates", RULES[self.config.optimizer]),
            rate=f"{self.config.learning_rate:g}")

    def lines(self, index: int, symbol: str, number, moved=None) -> list[str]:
        """The rule for parameter ``index`` as plain-text equations, each number written
        by ``number(value) -> str``; the last line ends with the new value, written by
        ``moved(old, new) -> str`` (default: ``number(new)``), which may add the digits
        that show a tiny step."""
        c, s = self.config, symbol

        def n(value) -> str:
            return number(float(value))
        g = self.gradient[index]
        lines = self._gradient_lines(index, symbol, n)
        old = self.before[index]
        new = (moved or (lambda _old, value: number(value)))(float(old),
                                                              float(self.after[index]))
        if c.optimizer == "sgd":
            lines.append(f"{s} ← {s} − η·g = {n(old)} − {n(c.learning_rate)}·{n(g)} = {new}")
        elif c.optimizer in ("momentum", "nesterov"):
            b0, b1 = self.state_before["velocity"][index], self.state_after["velocity"][index]
            lines.append(f"b ← μ·b + g = {n(c.momentum)}·{n(b0)} + {n(g)} = {n(b1)}")
            if c.optimizer == "momentum":
                lines.append(f"{s} ← {s} − η·b = {n(old)} − {n(c.learning_rate)}·{n(b1)} = "
                             f"{new}")
            else:
                lines.append(f"{s} ← {s} − η·(g + μ·b) = {n(old)} − {n(c.learning_rate)}·"
                             f"({n(g)} + {n(c.momentum)}·{n(b1)}) = {new}")
        else:
            lines += self._adam_lines(index, symbol, n, new)
        return lines

    def _gradient_lines(self, index: int, symbol: str, number) -> list[str]:
        """How g came from dE/d(symbol): clipping, then L1/L2 (weights only)."""
        c, n = self.config, number
        data_g, g = self.data_gradient[index], self.gradient[index]
        parts, lines = [f"dE/d{symbol}"], []
        if self.clip_scale < 1.0:
            parts = [f"{n(self.clip_scale)}·dE/d{symbol}"]
            lines.append(translate("simulator.updates", "clipping scales the whole gradient by "
                                   "{scale} (its norm is over {limit})").format(
                scale=n(self.clip_scale), limit=n(c.clip_norm)))
        weight = symbol == "w"
        if weight and c.l1:
            parts.append(f"{n(c.l1)}·sign({symbol})")
        if weight and c.l2:
            parts.append(f"{n(c.l2)}·{symbol}")
        if len(parts) == 1 and self.clip_scale >= 1.0:
            lines.append(f"g = dE/d{symbol} = {n(g)}")
        else:
            lines.append(f"g = {' + '.join(parts)} = {n(g)}  (dE/d{symbol} = {n(data_g)})")
        return lines

    def _adam_lines(self, index: int, symbol: str, number, new: str) -> list[str]:
        c, n, s = self.config, number, symbol
        g, t = self.gradient[index], self.state_after["t"]
        m0, m1 = self.state_before["m"][index], self.state_after["m"][index]
        v0, v1 = self.state_before["v"][index], self.state_after["v"][index]
        correction1 = 1.0 - c.beta1 ** t
        correction2 = math.sqrt(1.0 - c.beta2 ** t)
        return [
            f"t = {t}",
            f"m ← β1·m + (1−β1)·g = {n(c.beta1)}·{n(m0)} + {n(1 - c.beta1)}·{n(g)} = {n(m1)}",
            f"v ← β2·v + (1−β2)·g² = {n(c.beta2)}·{n(v0)} + {n(1 - c.beta2)}·{n(g)}² = "
            f"{n(v1)}",
            f"{s} ← {s} − η/(1−β1ᵗ)·m/(√v/√(1−β2ᵗ) + ε) = {n(self.before[index])} − "
            f"{n(c.learning_rate)}/{n(correction1)}·{n(m1)}/(√{n(v1)}/{n(correction2)} + "
            f"{n(c.epsilon)}) = {new}",
        ]


def explain_step(network: Network, x: np.ndarray, y: np.ndarray, config: TrainingConfig,
                 optimizer_state: dict | None = None,
                 trace: Trace | None = None) -> UpdateExplanation | None:
    """Take one step on sample ``x`` (n_inputs,) with target ``y`` (n_outputs,) on a
    copy of ``network``, from ``optimizer_state`` (``Trainer.state_dict()["optimizer"]``;
    None: a fresh optimiser).  ``trace``: ``network.trace`` of that sample with its
    target, when the caller has it already.  None when the network cannot be trained
    (a step neuron, no trainable layer) or the step diverges."""
    copy = network.copy()
    one = replace(config, batch_size=1, shuffle=False, epochs=None, target_loss=None)
    try:
        trainer = Trainer(copy, x[np.newaxis], y[np.newaxis], one)
        if optimizer_state is not None:
            trainer.optimizer.load_state(optimizer_state)
        before, state_before = copy.params.copy(), trainer.optimizer.state_dict()
        if trace is None:
            trace = copy.trace(x[np.newaxis], y[np.newaxis])
        data_gradient = np.concatenate([w.ravel() for w in trace.dE_dw]
                                       + [b.ravel() for b in trace.dE_db])
        trainer.step()
    except (ValueError, TrainingDiverged):   # untrainable, or a state of other shapes
        return None
    scale = clip_scale(data_gradient, config.clip_norm) if config.clip_norm else 1.0
    return UpdateExplanation(config, data_gradient, copy.grads.copy(), before,
                             copy.params.copy(), state_before, trainer.optimizer.state_dict(),
                             scale)
