"""The status bar bound to the session: epoch, step, loss, accuracy and speed, never
stale - cleared when the project closes, renewed after every change of the run."""

from __future__ import annotations

import math
import time
from pathlib import PurePath

from nnsim.simulator.i18n import translate
from nnsim.simulator.safetext import shorten
from nnsim.simulator.trainingtypes import Snapshot

from .controller import Controller
from .pacing import RateLimit
from .plaintext import plain_label, status_text

FIELDS = ("epoch", "step", "loss", "accuracy", "rate")


class StatusController(Controller):
    """Keeps the permanent labels of ``window.statusBar()`` up to date."""

    def __init__(self, window):
        super().__init__(window)
        self.labels = {}
        for key in FIELDS:
            label = plain_label()
            label.setObjectName(f"status_{key}")
            label.setMinimumWidth(110)
            window.statusBar().addPermanentWidget(label)
            self.labels[key] = label
        self.rate = StepRate()
        self.slow_views = RateLimit()
        self.on(self.show_present, "project_replaced", "params_changed", "run_replaced",
                "structure_changed", "dataset_changed", "running_changed",
                "viewing_changed")
        self.on(window.statusBar().clearMessage, "project_replaced")  # about the last one
        self.on(self._on_frame, "frame")
        self.on(lambda why: self.message(
            translate("ui.status", "Training stopped: {reason}").format(reason=why), 8000),
            "finished")
        self.on(lambda text: self.message(text, 8000), "message")

    def message(self, text: str, timeout_ms: int) -> None:
        """A status-bar message (often naming a file): one printable, bounded line."""
        self.window.statusBar().showMessage(status_text(text), timeout_ms)

    def show_present(self, *_) -> None:
        self.show(self.session.frame())

    def _on_frame(self, snapshot: Snapshot) -> None:
        self.rate.add(snapshot.step)
        if self.slow_views.due(not self.session.running):
            self.show(snapshot)

    def show(self, frame: Snapshot | None) -> None:
        """The counters of ``frame``; a network no trainer can train (a step neuron)
        shows its loss and accuracy as it stands; blank without a frame."""
        labels = self.labels
        trainable = self.session.trainer is not None
        if frame is None:
            for label in labels.values():
                label.setText("")
            labels["rate"].setText(missing_text(self.session.data))
            return
        metrics = frame.metrics
        labels["epoch"].setText(translate("ui.status", "Epoch {epoch}").format(
            epoch=f"{frame.epoch:,}") if trainable else "")
        labels["step"].setText(translate("ui.status", "Step {step}").format(
            step=f"{frame.step:,}") if trainable else "")
        loss = frame.loss if math.isfinite(frame.loss) else (
            metrics.train_loss if metrics else None)
        labels["loss"].setText(translate("ui.status", "Loss {loss}").format(
            loss=f"{loss:.4g}") if loss is not None else translate("ui.status", "Loss —"))
        labels["accuracy"].setText(accuracy_text(metrics))
        labels["rate"].setText(rate_text(self.session, self.rate) if trainable
                               else translate("ui.status", "set by hand (not trainable)"))


def missing_text(data) -> str:
    """"no data: cannot read train-images-idx3-ubyte.gz" for data (``DataState``) that
    could not be read (the Data dock says more), else ""."""
    if not data.problem:
        return ""
    if not data.problem_file:
        return translate("ui.status", "no data: cannot read its files (see the Data dock)")
    return translate("ui.status", "no data: cannot read {file} (see the Data dock)").format(
        file=shorten(PurePath(data.problem_file).name, 60))


def rate_text(session, rate: StepRate) -> str:
    """"1,234 steps/s" while training, else "paused" or "looking back"."""
    if session.running:
        return translate("ui.status", "{rate} steps/s").format(rate=f"{rate.per_second():,.0f}")
    return translate("ui.status", "looking back") if session.viewing is not None \
        else translate("ui.status", "paused")


def accuracy_text(metrics) -> str:
    """"Accuracy 98.1% (test 95.8%)", "Accuracy 68.5% (first 10,000 of 30,000 rows;
    test 68.7%)" when only part of a large training set was scored, or "Accuracy —"
    before the first epoch's end."""
    accuracy = metrics.train_accuracy if metrics else None
    if accuracy is None:
        return translate("ui.status", "Accuracy —")
    notes = [metrics.train_subset] if metrics.train_subset else []
    if metrics.test_accuracy is not None:
        notes.append(translate("ui.status", "test {accuracy}").format(
            accuracy=f"{metrics.test_accuracy:.1%}"))
    if not notes:
        return translate("ui.status", "Accuracy {accuracy}").format(accuracy=f"{accuracy:.1%}")
    return translate("ui.status", "Accuracy {accuracy} ({notes})").format(
        accuracy=f"{accuracy:.1%}", notes="; ".join(notes))


class StepRate:
    """Training steps per second over the last couple of seconds of snapshots."""

    def __init__(self):
        self.samples: list[tuple[float, int]] = []

    def add(self, step: int) -> None:
        now = time.monotonic()
        self.samples.append((now, step))
        while self.samples and now - self.samples[0][0] > 2.0:
            self.samples.pop(0)

    def per_second(self) -> float:
        if len(self.samples) < 2:
            return 0.0
        (t0, s0), (t1, s1) = self.samples[0], self.samples[-1]
        return (s1 - s0) / (t1 - t0) if t1 > t0 else 0.0
