"""What a compared run changes: one training setting, or one thing about the network.

A :class:`Variant` names a setting (:data:`SETTINGS`) and its new value, and makes a
run's start from the comparison's: the same network copy, training settings and trainer
state, with that one thing changed.  Its label names the difference ("η = 3",
"optimiser = Adam", "batch = 8", "seed = 7").
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from nnsim.simulator import limits
from nnsim.simulator.activations import ACTIVATIONS
from nnsim.simulator.history import History
from nnsim.simulator.initializers import WEIGHT_INITS
from nnsim.simulator.losses import LOSSES
from nnsim.simulator.network import Network, layer_name
from nnsim.simulator.optimizers import OPTIMIZERS
from nnsim.simulator.project import Project
from nnsim.simulator.safetext import quote
from nnsim.simulator.training import TrainingConfig

from .state import NetworkState

OPTIMIZER_NAMES = {"sgd": "SGD", "momentum": "Momentum", "nesterov": "Nesterov",
                   "adam": "Adam"}
INIT_NAMES = {"uniform": "uniform", "xavier_uniform": "Xavier uniform",
              "xavier_normal": "Xavier normal", "he_uniform": "He uniform",
              "he_normal": "He normal", "zeros": "zeros"}


@dataclass(frozen=True)
class Setting:
    """One thing a run may change: ``title`` in the dialog, ``symbol`` in labels;
    ``choices`` (name → shown text) for a choice, else a number in ``bounds``."""

    key: str
    title: str
    symbol: str
    choices: dict[str, str] | None = None
    bounds: tuple[float, float] = (0.0, 0.0)
    integer: bool = False

    def text(self, value) -> str:
        """How ``value`` reads in a label."""
        if self.choices is not None:
            return self.choices[value]
        return f"{value:,}" if self.integer else f"{value:g}"

    def checked(self, value):
        """``value`` as this setting's type; ValueError (one line) when it is not one."""
        if self.choices is not None:
            if value not in self.choices:
                raise ValueError(f"{self.title.lower()}: choose one of "
                                 f"{', '.join(self.choices.values())}")
            return value
        low, high = self.bounds
        kind = "a whole number" if self.integer else "a number"
        problem = f"{self.title.lower()} must be {kind} from {low:g} to {high:g}"
        try:
            number = int(value) if self.integer else float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{problem}, not {quote(value)}") from None
        if not low <= number <= high:
            raise ValueError(f"{problem}, not {number:g}")
        return number


SETTINGS: dict[str, Setting] = {s.key: s for s in (
    Setting("learning_rate", "Learning rate", "η",
            bounds=(limits.LEARNING_RATE_MIN, limits.LEARNING_RATE_MAX)),
    Setting("optimizer", "Optimiser", "optimiser",
            {name: OPTIMIZER_NAMES[name] for name in OPTIMIZERS}),
    Setting("batch_size", "Batch size", "batch", bounds=(1, limits.MAX_BATCH_SIZE),
            integer=True),
    Setting("l2", "L2 regularisation", "L2", bounds=(0.0, limits.MAX_PENALTY)),
    Setting("l1", "L1 regularisation", "L1", bounds=(0.0, limits.MAX_PENALTY)),
    Setting("loss", "Loss", "loss", {name: loss.label for name, loss in LOSSES.items()}),
    Setting("activation", "Activation of a layer", "activation",
            {name: a.label for name, a in ACTIVATIONS.items()}),
    Setting("init", "Weight initialiser", "init",
            {name: INIT_NAMES[name] for name in WEIGHT_INITS}),
    Setting("seed", "Weight seed", "seed", bounds=(0, limits.MAX_SEED), integer=True),
)}

#: Settings of ``TrainingConfig``; the others change the network.
CONFIG_KEYS = ("learning_rate", "optimizer", "batch_size", "l2", "l1")


@dataclass(frozen=True)
class Variant:
    """Run with ``setting`` (a key of SETTINGS) at ``value``; ``layer`` (≥ 1) is the
    layer whose activation changes."""

    setting: str
    value: object
    layer: int | None = None

    @classmethod
    def make(cls, setting: str, value, layer: int | None = None) -> Variant:
        """A checked variant: ValueError (one line) for an unknown setting or value."""
        if setting not in SETTINGS:
            raise ValueError(f"cannot vary {setting!r}: choose one of {', '.join(SETTINGS)}")
        if setting == "activation" and (layer is None or layer < 1):
            raise ValueError("choose the layer whose activation changes")
        return cls(setting, SETTINGS[setting].checked(value), layer)

    def label(self, network: Network) -> str:
        """What differs, as a plot legend says it."""
        setting = SETTINGS[self.setting]
        if self.setting == "activation":
            return f"{layer_name(self.layer, network.n_layers)} = {setting.text(self.value)}"
        return f"{setting.symbol} = {setting.text(self.value)}"

    def start(self, state: NetworkState, config: TrainingConfig
              ) -> tuple[NetworkState, TrainingConfig]:
        """The run's start: copies of ``state`` and ``config`` with the change made
        (ValueError when the network cannot take it, e.g. a loss that does not pair
        with the output layer)."""
        network, trainer_state = state.copy_network(), state.trainer_state
        if self.setting in CONFIG_KEYS:
            config = dataclasses.replace(config, **{self.setting: self.value})
            if self.setting == "optimizer" and trainer_state is not None:
                trainer_state = _fresh_optimizer(trainer_state, network, self.value)
        elif self.setting == "loss":
            network.set_loss(self.value)
        elif self.setting == "activation":
            if self.layer >= network.n_layers:
                raise ValueError(f"the network has no layer {self.layer}")
            network.set_activation(self.layer, self.value)
        else:  # other initial weights: the same batch order, a run of their own
            field = "weights" if self.setting == "init" else "seed"
            network.initialize(dataclasses.replace(network.init_config,
                                                   **{field: self.value}))
            if trainer_state is not None:
                trainer_state = {**_fresh_optimizer(trainer_state, network,
                                                    config.optimizer),
                                 "history": History().to_dict()}
        return NetworkState(network, trainer_state), config


def current_text(setting: str, network: Network, config: TrainingConfig,
                 layer: int | None = None) -> str:
    """The current value of ``setting``, as a label says it (for the baseline's)."""
    if setting in CONFIG_KEYS:
        value = getattr(config, setting)
    elif setting == "loss":
        value = network.loss_name
    elif setting == "activation":
        value = network.activations[layer - 1]
    else:
        value = getattr(network.init_config, "weights" if setting == "init" else "seed")
    if value is None:  # weights drawn without a seed
        return f"{SETTINGS[setting].symbol} = none"
    return Variant(setting, value, layer).label(network)


def _fresh_optimizer(trainer_state: dict, network: Network, name: str) -> dict:
    """``trainer_state`` with the optimiser ``name``'s state at zero (a new one)."""
    bridge = Project(network, TrainingConfig(), trainer_state=trainer_state)
    bridge.set_optimizer(name)
    return bridge.trainer_state
