"""What a ``Trainer`` is given and gives back: its settings (``TrainingConfig``), the
copies it yields (``Snapshot``) and the errors it raises.  Plain data, no numerics;
``training`` holds the trainer.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from .history import Metrics
from .i18n import QT_TRANSLATE_NOOP, translate

#: The probe every snapshot carries: the first ``probe_size`` training rows, whose
#: activations the histograms, the node glow and the watched neurons show.
SAMPLES = "samples"


class TrainingError(ValueError):
    """The network cannot be trained as configured (message says why and what to do)."""


#: What may become NaN or infinite (``TrainingDiverged``'s ``cause``).
LOSS_CAUSE = QT_TRANSLATE_NOOP("simulator.trainingtypes", "the loss")
STATE_CAUSE = QT_TRANSLATE_NOOP("simulator.trainingtypes",
                                "a weight, a bias or the optimiser's state")


class TrainingDiverged(RuntimeError):
    """The loss, a parameter or the optimiser's state became NaN or infinite; the weights
    were rolled back to the last finite ones and the optimiser was reset.  ``cause`` is
    ``LOSS_CAUSE`` or ``STATE_CAUSE`` (English; the message translates it)."""

    def __init__(self, step: int, epoch: int, learning_rate: float, cause: str = LOSS_CAUSE):
        super().__init__(translate(
            "simulator.trainingtypes",
            "training diverged at step {step} (epoch {epoch}): {cause} became NaN or "
            "infinite. The last weights with a finite loss were kept. Try a learning "
            "rate below {rate}, gradient clipping, or another initialisation.").format(
            step=step, epoch=epoch, cause=translate("simulator.trainingtypes", cause),
            rate=f"{learning_rate:g}"))
        self.step = step
        self.epoch = epoch


@dataclass
class TrainingConfig:
    """Every training setting; saved with the network so a run continues exactly.

    ``batch_size`` 1 is stochastic gradient descent, the training-set size (or 0) is
    batch gradient descent, anything between is mini-batch.  ``epochs`` is the total to
    reach (None: no limit).  One step, in the order a PyTorch loop does it: the data
    gradient (zero at removed connections); ``clip_norm`` scales it as
    ``torch.nn.utils.clip_grad_norm_`` does (by ``clip_norm / (‖g‖ + 1e-6)`` when that
    is below 1, ‖g‖ over all weights and biases); then ``l1·sign(w)`` and ``l2·w`` are
    added to the gradient of the weights, not the biases (torch's ``weight_decay`` on a
    parameter group of weights only; torch has no L1 option); then the optimiser
    updates (``simulator.optimizers``, torch.optim's rules).  Reported losses are the
    data loss alone.
    """

    optimizer: str = "sgd"
    learning_rate: float = 0.1
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8
    batch_size: int = 10
    epochs: int | None = 100
    target_loss: float | None = None
    shuffle: bool = True
    l1: float = 0.0
    l2: float = 0.0
    clip_norm: float | None = None
    seed: int = 0
    snapshot_every: int = 1
    snapshot_interval: float = 0.0
    probe_size: int = 64

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Snapshot:
    """A copy of the training state for display.

    ``params`` is a flat copy; ``weights``/``biases`` are views into that copy.
    ``probes[name][l]`` is ``(rows, sizes[l])``: layer l's activations for the probe
    batch of that name (``SAMPLES``, and whatever a view registered, such as a decision
    surface's grid); no consumer splits rows by position.  ``state`` is
    ``Trainer.state_dict()`` when the snapshot was asked to carry it (a checkpoint).
    ``grad_norms[k]`` is the L2 norm of block k's weight gradient at the last step.
    ``loss`` is the mean batch loss since the previous snapshot; ``new_epochs`` holds
    (epoch, Metrics) for every epoch that ended since the previous snapshot.
    """

    step: int
    epoch: int
    epoch_progress: float
    loss: float
    metrics: Metrics | None
    params: np.ndarray
    weights: list[np.ndarray]
    biases: list[np.ndarray]
    probes: dict[str, list[np.ndarray]]
    grad_norms: list[float]
    new_epochs: tuple[tuple[int, Metrics], ...] = ()
    finished: bool = False
    reason: str = ""
    state: dict | None = None
