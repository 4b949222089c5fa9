"""Training: mini-batch gradient descent as a generator of snapshots.

``Trainer.run()`` yields a ``Snapshot`` (copies only, never views of live arrays) every
``snapshot_every`` steps or ``snapshot_interval`` seconds, whichever the config sets, so
the same loop drives the desktop app's worker thread, the CLI and the tests.  The
trainer keeps its position inside the epoch, so it can be paused (close the
generator), single-stepped and resumed without changing the sequence of updates.
``TrainingConfig``, ``Snapshot`` and the errors are defined in ``trainingtypes``;
``TrainingConfig`` is imported from here in the documented API (README).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace

import numpy as np

from .evaluation import score
from .history import History, Metrics
from .i18n import translate
from .network import Network
from .optimizers import all_finite, make_optimizer
from .pacing import StepCosts
from .trainingtypes import (
    LOSS_CAUSE,
    SAMPLES,
    STATE_CAUSE,
    Snapshot,
    TrainingConfig,
    TrainingDiverged,
    TrainingError,
)

#: At most this many training rows (the first) are scored at each epoch's end: it bounds
#: the pause there.  ``Metrics`` says when they are fewer than the training set.
EVAL_LIMIT = 10_000


class Trainer:
    """Trains one network on arrays ``inputs`` (n, n_in) and ``targets`` (n, n_out)."""

    def __init__(self, network: Network, inputs, targets, config: TrainingConfig | None = None,
                 *, test: tuple | None = None, classification: bool = False,
                 probes: dict[str, np.ndarray] | None = None):
        self.net = network
        self.config = config or TrainingConfig()
        self.x = network._as_batch(inputs, network.sizes[0], "inputs")
        self.y = network._as_batch(targets, network.sizes[-1], "targets")
        if self.x.shape[0] != self.y.shape[0] or self.x.shape[0] == 0:
            raise TrainingError(translate(
                "simulator.training",
                "need matching, non-empty inputs and targets; got {inputs} and {targets} rows")
                .format(inputs=self.x.shape[0], targets=self.y.shape[0]))
        self.test = None if test is None or len(test[0]) == 0 else (
            network._as_batch(test[0], network.sizes[0], "test inputs"),
            network._as_batch(test[1], network.sizes[-1], "test targets"))
        self.classification = classification
        self._probes = {SAMPLES: self.x[:self.config.probe_size]}
        for name, rows in (probes or {}).items():
            self.set_probe(name, rows)
        self._check_trainable()
        self.optimizer = self._make_optimizer()
        self.rng = np.random.default_rng(self.config.seed)
        self.history = History()
        self.stop_event = threading.Event()
        self.step_count = 0
        self.epoch = 0
        self._order: np.ndarray | None = None
        self._in_epoch = False
        self._epoch_batch = 0
        self._epoch_rng_state = None
        self._cursor = 0
        self._backup = np.empty_like(network.params)
        self._regularise_buffer: np.ndarray | None = None
        self._batch_buffers: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._recent_losses: list[float] = []
        self._unreported_epochs: list[tuple[int, Metrics]] = []
        self.last_metrics: Metrics | None = None
        self.costs = StepCosts()
        #: Called with the trainer at each epoch's end, on the thread that trains (the
        #: desktop app records moments of the run there).
        self.epoch_listener: Callable[[Trainer], None] | None = None

    @classmethod
    def from_dataset(cls, network: Network, train, config: TrainingConfig | None = None,
                     test=None, **kwargs) -> Trainer:
        """Trainer for ``simulator.dataset.Dataset`` objects, encoding targets to fit."""
        out_act = network.activations[-1]
        n_out = network.sizes[-1]
        test_arrays = None if test is None or test.n_samples == 0 else (
            test.inputs, test.targets_for(out_act, n_out))
        return cls(network, train.inputs, train.targets_for(out_act, n_out), config,
                   test=test_arrays, classification=train.task == "classification",
                   **kwargs)

    # ------------------------------------------------------------------ setup
    def _check_trainable(self) -> None:
        if self.net.n_layers < 2:
            raise TrainingError(translate(
                "simulator.training", "the network has only an input layer: add an output layer "
                "(and hidden layers if you like) to train it"))
        stuck = self.net.untrainable_layers()
        if stuck:
            names = ", ".join(str(layer) for layer in stuck)
            raise TrainingError(translate(
                "simulator.training",
                "layer {layers} uses the step activation, whose derivative is zero "
                "everywhere: backpropagation cannot change any weight through it. "
                "Choose sigmoid (a smooth step) to train, or set the weights by hand.")
                .format(layers=names))

    def _make_optimizer(self):
        c = self.config
        return make_optimizer(c.optimizer, self.net.params.size, self.net.dtype,
                              c.learning_rate, momentum=c.momentum, beta1=c.beta1,
                              beta2=c.beta2, epsilon=c.epsilon)

    def apply_config(self, config: TrainingConfig) -> None:
        """Take new settings between steps; optimiser state survives unless it changed."""
        old, self.config = self.config, config
        if config.optimizer != old.optimizer:
            self.optimizer = self._make_optimizer()
        for key in ("momentum", "beta1", "beta2", "epsilon"):
            self.optimizer.hyper[key] = getattr(config, key)
        self.optimizer.learning_rate = config.learning_rate
        if config.probe_size != old.probe_size:
            self._probes[SAMPLES] = self.x[:config.probe_size]

    # ------------------------------------------------------------------ probes
    @property
    def probe_names(self) -> tuple[str, ...]:
        return tuple(self._probes)

    def set_probe(self, name: str, rows) -> None:
        """Evaluate ``rows`` (m, n_inputs) with every snapshot, as ``probes[name]``."""
        if name == SAMPLES:
            raise ValueError(f"the {SAMPLES!r} probe follows the probe size setting")
        self._probes[name] = self.net._as_batch(rows, self.net.sizes[0], f"probe {name!r}")

    def remove_probe(self, name: str) -> None:
        if name != SAMPLES:
            self._probes.pop(name, None)

    @property
    def n_samples(self) -> int:
        return self.x.shape[0]

    @property
    def batch_size(self) -> int:
        size = self.config.batch_size
        return self.n_samples if size <= 0 else min(size, self.n_samples)

    @property
    def steps_per_epoch(self) -> int:
        return math.ceil(self.n_samples / self.batch_size)

    # ------------------------------------------------------------------ stepping
    def _next_batch(self) -> tuple[np.ndarray, np.ndarray]:
        if not self._in_epoch:
            self._start_epoch()
        start = self._cursor
        stop = start + self._epoch_batch
        self._cursor = stop
        if self._order is None:
            return self.x[start:stop], self.y[start:stop]
        index = self._order[start:stop]
        xb, yb = self._buffers(index.size)
        self.x.take(index, axis=0, out=xb, mode="clip")
        self.y.take(index, axis=0, out=yb, mode="clip")
        return xb, yb

    def _start_epoch(self) -> None:
        self._in_epoch = True
        self._cursor = 0
        # Kept so a saved file can regenerate this epoch's order and resume mid-epoch.
        self._epoch_rng_state = self.rng.bit_generator.state
        self._order = self.rng.permutation(self.n_samples) if self.config.shuffle else None
        self._epoch_batch = self.batch_size

    def _buffers(self, rows: int) -> tuple[np.ndarray, np.ndarray]:
        buffers = self._batch_buffers.get(rows)
        if buffers is None:
            dt = self.net.dtype
            buffers = (np.empty((rows, self.x.shape[1]), dtype=dt),
                       np.empty((rows, self.y.shape[1]), dtype=dt))
            self._batch_buffers[rows] = buffers
        return buffers

    def step(self) -> float:
        """One batch: backprop, clip, regularise, update.  Returns the batch loss.

        Raises ``TrainingDiverged`` (weights rolled back, optimiser reset) if the loss,
        a parameter or the optimiser's state is not finite.
        """
        self._forget_removed_connections()
        with np.errstate(over="ignore", invalid="ignore"):
            return self._step()

    def _step(self) -> float:
        net, cfg = self.net, self.config
        xb, yb = self._next_batch()
        loss = net.workspace(xb.shape[0]).forward_backward(xb, yb)
        if not math.isfinite(loss):
            # The previous step's backup: the weights before it had a finite loss.
            self._roll_back(LOSS_CAUSE, restore=self._backup_is_restorable())
        net.apply_grad_mask()
        if cfg.clip_norm:
            self._clip(cfg.clip_norm)
        if cfg.l1 or cfg.l2:
            self._regularise()
        self._save_backup()
        self.optimizer.step(net.params, net.grads)
        if not (all_finite(net.params) and self.optimizer.state_is_finite()):
            self._roll_back(STATE_CAUSE, restore=True)
        self.step_count += 1
        if self._cursor >= self.x.shape[0]:
            self._end_epoch()
        return loss

    def _save_backup(self) -> None:
        # Checked each call: an edit may resize the network in place under this trainer.
        params = self.net.params
        if self._backup.shape != params.shape or self._backup.dtype != params.dtype:
            self._backup = np.empty_like(params)
        np.copyto(self._backup, params)

    def _backup_is_restorable(self) -> bool:
        # After a reset (step 0) or a load (empty backup) no step has saved a backup yet.
        return self.step_count > 0 and self._backup.shape == self.net.params.shape

    def _roll_back(self, cause: str, restore: bool):
        if restore:
            np.copyto(self.net.params, self._backup)
        self.optimizer.reset()
        raise TrainingDiverged(self.step_count, self.epoch, self.config.learning_rate, cause)

    def _regularise(self) -> None:
        """Add ``l1·sign(w)`` and then ``l2·w`` to the weights' gradient (not biases')."""
        n = self.net.n_weights
        w, g = self.net.params[:n], self.net.grads[:n]
        term = self._weights_buffer(n)  # reused: no weight-sized temporaries each step
        if self.config.l1:
            np.sign(w, out=term)
            g += np.multiply(term, self.config.l1, out=term)
        if self.config.l2:
            g += np.multiply(w, self.config.l2, out=term)

    def _weights_buffer(self, n: int) -> np.ndarray:
        # Checked each call: an edit may resize the network in place under this trainer.
        buffer = self._regularise_buffer
        if buffer is None or buffer.shape != (n,) or buffer.dtype != self.net.dtype:
            buffer = self._regularise_buffer = np.empty(n, dtype=self.net.dtype)
        return buffer

    def _clip(self, max_norm: float) -> None:
        """Scale the gradient as ``torch.nn.utils.clip_grad_norm_`` does."""
        g = self.net.grads
        scale = clip_scale(g, max_norm)
        if scale < 1.0:
            g *= scale

    def _end_epoch(self) -> None:
        self.epoch += 1
        self._in_epoch = False
        self.last_metrics = self.evaluate()
        self.history.append(self.epoch, self.last_metrics)
        self._unreported_epochs.append((self.epoch, self.last_metrics))
        if self.epoch_listener is not None:
            self.epoch_listener(self)

    def run_epoch(self) -> Metrics:
        """Finish the current epoch (a whole one if at its start); return its metrics.

        Goes through ``train_steps`` so the batch losses reach the next snapshot; like
        it, ends early if ``stop_event`` is set meanwhile (a pause from the GUI).
        """
        self.train_steps(self._steps_left_in_epoch(), respect_limits=False)
        return self.last_metrics

    def _steps_left_in_epoch(self) -> int:
        if not self._in_epoch:
            return self.steps_per_epoch
        return math.ceil((self.n_samples - self._cursor) / self._epoch_batch)

    # ------------------------------------------------------------------ metrics
    def evaluate(self) -> Metrics:
        """Loss and accuracy on the training set's first EVAL_LIMIT rows (the Metrics
        say how many of how many) and on the whole test set, by ``evaluation.score``."""
        train = score(self.net, self.x, self.y, self.classification, limit=EVAL_LIMIT)
        if self.test is None:
            return Metrics(train.loss, train.accuracy, train_rows_scored=train.rows_scored,
                           train_rows=train.rows)
        test = score(self.net, *self.test, self.classification)
        return Metrics(train.loss, train.accuracy, test.loss, test.accuracy,
                       train.rows_scored, train.rows)

    # ------------------------------------------------------------------ the generator
    def should_stop(self) -> str:
        """Why training should stop now (a sentence in the interface's language, but
        "stopped" as it is: the command line tests for it), or '' to go on."""
        cfg = self.config
        if self.stop_event.is_set():
            return "stopped"
        if cfg.epochs is not None and self.epoch >= cfg.epochs:
            return translate("simulator.training", "reached {epochs} epochs").format(
                epochs=cfg.epochs)
        metrics = self.last_metrics
        if cfg.target_loss is not None and metrics and metrics.train_loss <= cfg.target_loss:
            return translate("simulator.training", "loss {loss} ≤ target {target}").format(
                loss=f"{metrics.train_loss:.4g}", target=f"{cfg.target_loss:g}")
        return ""

    def run(self, max_steps: int | None = None) -> Iterator[Snapshot]:
        """Train until a stop condition, yielding snapshots; the last has ``finished``.

        ``stop_event`` (a ``threading.Event``) stops it from another thread between
        steps.  NaN/inf raises ``TrainingDiverged`` after rolling the weights back.
        """
        self.stop_event.clear()
        steps_left = math.inf if max_steps is None else max_steps
        reason = self.should_stop()
        if reason:
            yield self.snapshot(finished=True, reason=reason)
        while not reason:
            steps_left -= self._run_chunk(steps_left)
            reason = self.should_stop() or ("" if steps_left > 0 else translate(
                "simulator.training", "step limit"))
            yield self.snapshot(finished=bool(reason), reason=reason)

    def train_steps(self, count: float, *, respect_limits: bool = True,
                    deadline: float | None = None) -> int:
        """Up to ``count`` steps, or as many as fit before ``time.perf_counter()`` reaches
        ``deadline`` (by ``costs``' estimate, counting an epoch end's evaluation; at
        least one step).

        Ends early when ``stop_event`` is set, or (``respect_limits``) when an epoch
        ends with a stop condition met; the GUI's single Step ignores the limits.
        Returns how many steps ran.
        """
        self._forget_removed_connections()
        done = 0
        timed = deadline is not None
        now = time.perf_counter() if timed else 0.0
        with np.errstate(over="ignore", invalid="ignore"):
            while done < count and not self.stop_event.is_set():
                if timed and done and \
                        now + self.costs.predict(self._next_step_ends_epoch()) > deadline:
                    break
                epoch = self.epoch
                self._recent_losses.append(self._step())
                done += 1
                if timed:  # one clock read a step: this one ends a step and starts the next
                    started, now = now, time.perf_counter()
                    self.costs.record(now - started, self.epoch != epoch)
                if respect_limits and self.epoch != epoch and self.should_stop():
                    break
        return done

    def _next_step_ends_epoch(self) -> bool:
        if not self._in_epoch:
            return self.batch_size >= self.n_samples
        return self._cursor + self._epoch_batch >= self.n_samples

    def _run_chunk(self, steps_left: float) -> int:
        """Steps until the next snapshot is due or a stop condition; returns the count."""
        cfg = self.config
        if cfg.snapshot_interval:
            return self.train_steps(steps_left,
                                    deadline=time.perf_counter() + cfg.snapshot_interval)
        return self.train_steps(min(steps_left, max(1, cfg.snapshot_every)))

    def snapshot(self, finished: bool = False, reason: str = "", *, consume: bool = True,
                 checkpoint: bool = False) -> Snapshot:
        """Copy the current state (the probes' forward passes run here).

        ``consume`` hands over the batch losses and ended epochs gathered since the last
        snapshot (a display of the idle state passes False and takes nothing away from
        the next training snapshot); ``checkpoint`` adds ``state_dict()``."""
        net = self.net
        params = net.params.copy()
        weights, biases = net.split_flat(params)
        probes = {name: [a.copy() for a in net.forward_all(rows)]
                  for name, rows in self._probes.items()}
        with np.errstate(over="ignore", invalid="ignore"):
            norms = [float(np.linalg.norm(g)) for g in net.grad_weights]
        loss = float(np.mean(self._recent_losses)) if self._recent_losses else math.nan
        new_epochs = tuple(self._unreported_epochs)
        if consume:
            self._recent_losses.clear()
            self._unreported_epochs.clear()
        progress = self.epoch + (self._cursor / self.n_samples if self._in_epoch else 0.0)
        return Snapshot(self.step_count, self.epoch, progress, loss, self.last_metrics,
                        params, weights, biases, probes, norms, new_epochs, finished, reason,
                        self.state_dict() if checkpoint else None)

    def state_dict(self) -> dict:
        """Everything needed to continue bit for bit: counters, position, RNG, optimiser.

        JSON-friendly except the optimiser's arrays (numpy, shape ``(n_params,)``).
        """
        return {
            "epoch": self.epoch,
            "step": self.step_count,
            "in_epoch": self._in_epoch,
            "cursor": self._cursor,
            "batch_in_epoch": self._epoch_batch,
            "rng_state": self._epoch_rng_state if self._in_epoch
            else self.rng.bit_generator.state,
            "optimizer": self.optimizer.state_dict(),
            "history": self.history.to_dict(),
        }

    def load_state(self, state: dict) -> None:
        """Restore what ``state_dict`` returned (for the same network and data)."""
        self.epoch = int(state["epoch"])
        self.step_count = int(state["step"])
        self.rng.bit_generator.state = state["rng_state"]
        self.optimizer.load_state(state["optimizer"])
        self._forget_removed_connections()
        self._backup = np.empty(0, dtype=self.net.dtype)  # from before the load: stale
        self.history = History.from_dict(state["history"])
        self._in_epoch = False
        if state["in_epoch"]:
            self._start_epoch()
            self._cursor = int(state["cursor"])
            self._epoch_batch = int(state["batch_in_epoch"])
        self.last_metrics = self.evaluate() if self.history.epoch else None

    def _forget_removed_connections(self) -> None:
        """Zero momentum and moments at removed connections, where the gradient is zero
        too, so that no step moves one: a loaded state may hold values there, and so may
        a connection removed between steps.  Runs before each batch of steps (cheap: a
        few vector operations, and only when a connection is removed)."""
        if not self.net.has_masks:
            return
        kept = np.ones(self.net.params.size, dtype=bool)
        for view, mask in zip(self.net.split_flat(kept)[0], self.net.masks):
            view[...] = mask
        self.optimizer.forget_outside(kept)

    def reset(self, seed: int | None = None) -> None:
        """Redraw the weights (same scheme, optional new seed) and forget all progress."""
        init = self.net.init_config
        if seed is not None:
            init = replace(init, seed=seed)
        self.net.initialize(init)
        self.optimizer.reset()
        self.rng = np.random.default_rng(self.config.seed)
        self.history = History()
        self.step_count = self.epoch = self._cursor = 0
        self._in_epoch = False
        self._recent_losses.clear()
        self._unreported_epochs.clear()
        self.last_metrics = None


def clip_scale(g: np.ndarray, max_norm: float) -> float:
    """What ``torch.nn.utils.clip_grad_norm_`` multiplies the gradient ``g`` (n,) by:
    ``max_norm / (‖g‖ + 1e-6)`` when that is below 1, else 1."""
    coefficient = max_norm / (_l2_norm(g) + 1e-6)
    return coefficient if coefficient < 1.0 else 1.0


def _l2_norm(g: np.ndarray) -> float:
    """‖g‖ for ``g`` of shape ``(n,)``; rescaled by the largest entry when the sum of
    squares overflows, where torch's norm would be inf and zero the clipped gradient."""
    norm = math.sqrt(float(np.dot(g, g)))
    if math.isinf(norm):
        largest = float(np.max(np.abs(g)))
        if math.isfinite(largest):
            scaled = g / largest
            norm = largest * math.sqrt(float(np.dot(scaled, scaled)))
    return norm

