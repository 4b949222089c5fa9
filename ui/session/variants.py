"""What a compared run changes: one training setting, or one thing about the network.

A :class:`Variant` names a setting (:data:`SETTINGS`) and its new value, and makes a
run's start from the comparison's: the same network copy, training settings and trainer
state, with that one thing changed.  Its label names the difference ("η = 3",
"optimiser = Adam", "batch = 8", "seed = 7").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from nnsim.simulator import limits
from nnsim.simulator.activations import ACTIVATIONS
from nnsim.simulator.history import History
from nnsim.simulator.i18n import QT_TRANSLATE_NOOP, translate
from nnsim.simulator.initializers import WEIGHT_INITS
from nnsim.simulator.losses import LOSSES
from nnsim.simulator.network import Network, layer_name
from nnsim.simulator.optimizers import OPTIMIZERS
from nnsim.simulator.project import Project
from nnsim.simulator.safetext import quote
from nnsim.simulator.training import TrainingConfig

from .state import NetworkState

#: Shown names (English, marked for translation: ``translate("session.variants", ...)``
#: where shown; ``Setting.choices`` does it).
OPTIMIZER_NAMES = {"sgd": "SGD", "momentum": QT_TRANSLATE_NOOP("session.variants", "Momentum"),
                   "nesterov": "Nesterov", "adam": "Adam"}
INIT_NAMES = {"uniform": QT_TRANSLATE_NOOP("session.variants", "uniform"),
              "xavier_uniform": QT_TRANSLATE_NOOP("session.variants", "Xavier uniform"),
              "xavier_normal": QT_TRANSLATE_NOOP("session.variants", "Xavier normal"),
              "he_uniform": QT_TRANSLATE_NOOP("session.variants", "He uniform"),
              "he_normal": QT_TRANSLATE_NOOP("session.variants", "He normal"),
              "zeros": QT_TRANSLATE_NOOP("session.variants", "zeros")}


def _optimizer_choices() -> dict[str, str]:
    return {name: translate("session.variants", OPTIMIZER_NAMES[name]) for name in OPTIMIZERS}


def _loss_choices() -> dict[str, str]:
    return {name: loss.label for name, loss in LOSSES.items()}


def _activation_choices() -> dict[str, str]:
    return {name: a.label for name, a in ACTIVATIONS.items()}


def _init_choices() -> dict[str, str]:
    return {name: translate("session.variants", INIT_NAMES[name]) for name in WEIGHT_INITS}


@dataclass(frozen=True)
class Setting:
    """One thing a run may change: ``title`` in the dialog, ``symbol`` in labels;
    ``choices`` (name → shown text) for a choice, else a number in ``bounds``.  Every
    shown text is in the interface's language when read (``english_title`` and
    ``english_symbol`` are the marked sources; ``options`` makes the choices)."""

    key: str
    english_title: str
    english_symbol: str
    options: Callable[[], dict[str, str]] | None = None
    bounds: tuple[float, float] = (0.0, 0.0)
    integer: bool = False

    @property
    def title(self) -> str:
        return translate("session.variants", self.english_title)

    @property
    def symbol(self) -> str:
        return translate("session.variants", self.english_symbol)

    @property
    def choices(self) -> dict[str, str] | None:
        return None if self.options is None else self.options()

    def text(self, value) -> str:
        """How ``value`` reads in a label."""
        if self.options is not None:
            return self.choices[value]
        return f"{value:,}" if self.integer else f"{value:g}"

    def checked(self, value):
        """``value`` as this setting's type; ValueError (one line) when it is not one."""
        if self.options is not None:
            choices = self.choices
            if value not in choices:
                raise ValueError(translate("session.variants", "{setting}: choose one of "
                                           "{choices}").format(
                    setting=self.title.lower(), choices=", ".join(choices.values())))
            return value
        low, high = self.bounds
        try:
            number = int(value) if self.integer else float(value)
            if low <= number <= high:
                return number
            found = f"{number:g}"
        except (TypeError, ValueError):
            found = quote(value)
        problem = translate("session.variants", "{setting} must be a whole number from {low} "
                            "to {high}, not {value}") if self.integer else \
            translate("session.variants", "{setting} must be a number from {low} to {high}, "
                      "not {value}")
        raise ValueError(problem.format(setting=self.title.lower(), low=f"{low:g}",
                                        high=f"{high:g}", value=found))


SETTINGS: dict[str, Setting] = {s.key: s for s in (
    Setting("learning_rate", QT_TRANSLATE_NOOP("session.variants", "Learning rate"), "η",
            bounds=(limits.LEARNING_RATE_MIN, limits.LEARNING_RATE_MAX)),
    Setting("optimizer", QT_TRANSLATE_NOOP("session.variants", "Optimiser"),
            QT_TRANSLATE_NOOP("session.variants", "optimiser"), _optimizer_choices),
    Setting("batch_size", QT_TRANSLATE_NOOP("session.variants", "Batch size"),
            QT_TRANSLATE_NOOP("session.variants", "batch"), bounds=(1, limits.MAX_BATCH_SIZE),
            integer=True),
    Setting("l2", QT_TRANSLATE_NOOP("session.variants", "L2 regularisation"), "L2",
            bounds=(0.0, limits.MAX_PENALTY)),
    Setting("l1", QT_TRANSLATE_NOOP("session.variants", "L1 regularisation"), "L1",
            bounds=(0.0, limits.MAX_PENALTY)),
    Setting("loss", QT_TRANSLATE_NOOP("session.variants", "Loss"),
            QT_TRANSLATE_NOOP("session.variants", "loss"), _loss_choices),
    Setting("activation", QT_TRANSLATE_NOOP("session.variants", "Activation of a layer"),
            QT_TRANSLATE_NOOP("session.variants", "activation"), _activation_choices),
    Setting("init", QT_TRANSLATE_NOOP("session.variants", "Weight initialiser"),
            QT_TRANSLATE_NOOP("session.variants", "init"), _init_choices),
    Setting("seed", QT_TRANSLATE_NOOP("session.variants", "Weight seed"),
            QT_TRANSLATE_NOOP("session.variants", "seed"), bounds=(0, limits.MAX_SEED),
            integer=True),
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
            raise ValueError(translate("session.variants", "cannot vary {setting}: choose one "
                                       "of {settings}").format(
                setting=repr(setting), settings=", ".join(SETTINGS)))
        if setting == "activation" and (layer is None or layer < 1):
            raise ValueError(translate("session.variants",
                                       "choose the layer whose activation changes"))
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
                raise ValueError(translate("session.variants", "the network has no layer "
                                           "{layer}").format(layer=self.layer))
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
        return translate("session.variants", "{symbol} = none").format(
            symbol=SETTINGS[setting].symbol)
    return Variant(setting, value, layer).label(network)


def _fresh_optimizer(trainer_state: dict, network: Network, name: str) -> dict:
    """``trainer_state`` with the optimiser ``name``'s state at zero (a new one)."""
    bridge = Project(network, TrainingConfig(), trainer_state=trainer_state)
    bridge.set_optimizer(name)
    return bridge.trainer_state
