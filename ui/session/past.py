"""Looking at a moment of the run's timeline without touching the present.

A :class:`PastView` turns a checkpoint into what the views read - a network holding
its parameters and a ``Snapshot`` with the named probes evaluated on it - from copies:
the live network, the trainer and the training thread stay as they are, so going back
to now is instant and nothing is lost.
"""

from __future__ import annotations

import math

import numpy as np

from nnsim.simulator.evaluation import score
from nnsim.simulator.history import History, Metrics
from nnsim.simulator.network import Network
from nnsim.simulator.training import EVAL_LIMIT
from nnsim.simulator.trainingtypes import SAMPLES, Snapshot

from .timeline import Checkpoint


class PastView:
    """``checkpoint`` shown on a copy of ``network`` (same structure, its parameters),
    the probes ``rows`` (name → (m, n_inputs), ``SAMPLES`` included) evaluated on it."""

    def __init__(self, checkpoint: Checkpoint, network: Network,
                 probes: dict[str, np.ndarray]):
        self.checkpoint = checkpoint
        self.network = network.copy()
        self.network.params[...] = checkpoint.params
        self._probes = probes
        self._frame: Snapshot | None = None

    def frame(self) -> Snapshot:
        """The checkpoint as a training snapshot would have shown it (computed once):
        the probes' activations, and the metrics of the last epoch it had ended.  Its
        ``loss`` is NaN (the running batch loss is not recorded) and so are the
        gradient norms."""
        if self._frame is None:
            self._frame = self._compute_frame()
        return self._frame

    def _compute_frame(self) -> Snapshot:
        net, state = self.network, self.checkpoint.state
        params = net.params.copy()
        weights, biases = net.split_flat(params)
        probes = {name: [a.copy() for a in net.forward_all(rows)]
                  for name, rows in self._probes.items()}
        return Snapshot(state["step"], state["epoch"], self.checkpoint.position, math.nan,
                        last_metrics(state["history"]), params, weights, biases, probes,
                        [math.nan] * (net.n_layers - 1))

    def with_probe(self, name: str, rows: np.ndarray | None) -> PastView:
        """The same moment with probe ``name`` set to ``rows`` (None: removed)."""
        probes = {k: v for k, v in self._probes.items() if k != name}
        if rows is not None:
            probes[name] = rows
        return PastView(self.checkpoint, self.network, probes)


def last_metrics(history: dict) -> Metrics | None:
    """The metrics of the latest epoch recorded in ``history`` (``History.to_dict()``),
    as the trainer held them at that moment; None before the first epoch's end."""
    record = History.from_dict(history)
    if not record.epoch:
        return None
    return Metrics(record.train_loss[-1], record.train_accuracy[-1],
                   record.test_loss[-1], record.test_accuracy[-1])


def probe_rows(trainer, probes: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The rows a ``trainer``'s snapshots evaluate: its samples probe (the first
    ``probe_size`` training rows) and the views' ``probes`` that fit the network."""
    rows = {SAMPLES: trainer.x[:trainer.config.probe_size]}
    rows.update(probes)
    return rows


def untrained_frame(network: Network, data, probes: dict[str, np.ndarray],
                    probe_size: int) -> Snapshot | None:
    """What the views show of a network no trainer can train (a step neuron, a layer
    without a gradient) on ``data`` (``DataState``): its first ``probe_size`` training
    rows and the views' ``probes`` (name → (m, n_inputs)) evaluated on it as it stands,
    at step 0, with its loss and accuracy; None when the data does not fit it."""
    if network.n_layers < 2 or data.train is None \
            or data.train.n_features != network.sizes[0]:
        return None
    rows = {SAMPLES: data.train.inputs[:probe_size], **probes}
    params = network.params.copy()
    weights, biases = network.split_flat(params)
    activations = {name: [a.copy() for a in network.forward_all(batch)]
                   for name, batch in rows.items()}
    return Snapshot(0, 0, 0.0, math.nan, untrained_metrics(network, data), params, weights,
                    biases, activations, [math.nan] * (network.n_layers - 1))


def untrained_metrics(network: Network, data) -> Metrics | None:
    """Loss and accuracy of ``network`` as it stands on ``data`` (``DataState``), scored
    as training scores them; None when its targets do not fit the output layer."""
    def scored(dataset, limit=None):
        targets = dataset.targets_for(network.activations[-1], network.sizes[-1])
        return score(network, dataset.inputs, targets, dataset.task == "classification",
                     limit=limit)
    try:
        train = scored(data.train, EVAL_LIMIT)
        test = scored(data.test) if data.test is not None and data.test.n_samples else None
    except ValueError:
        return None
    return Metrics(train.loss, train.accuracy, None if test is None else test.loss,
                   None if test is None else test.accuracy, train.rows_scored, train.rows)
