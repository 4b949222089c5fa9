"""``nnsim train``: train a network file headless, with a progress bar, until its epoch
setting, a target loss, divergence or Ctrl-C; save the result and score it as
``nnsim eval`` does.
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
import signal
import sys
import threading
import time
from dataclasses import replace

from nnsim.simulator.evaluation import Evaluation
from nnsim.simulator.fileformat import load_project, save_project
from nnsim.simulator.limits import MAX_EPOCHS
from nnsim.simulator.project import Project
from nnsim.simulator.training import Trainer
from nnsim.simulator.trainingtypes import Snapshot, TrainingDiverged

from .evaluate import (
    evaluate_parts,
    evaluation_json,
    load_data,
    require_output_layer,
    use_dataset_option,
)
from .report import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    CommandError,
    format_number,
    metrics_text,
)

#: Seconds between progress updates (the trainer's snapshot interval).
PROGRESS_INTERVAL = 0.2
#: Seconds between progress lines when the output is not a terminal.
LOG_INTERVAL = 5.0


def run_train(args) -> int:
    project = load_project(args.file)
    require_output_layer(project, args.file, "train")
    _apply_train_options(project, args)
    train, test = load_data(project)
    trainer = project.make_trainer(
        train, test, config=replace(project.training, snapshot_interval=PROGRESS_INTERVAL))
    progress = Progress(sys.stderr, project.training.epochs, project.epoch)
    began = time.monotonic()
    reason, code = train_until_stopped(trainer, progress)
    project.capture(trainer)
    out = args.out or (args.file if args.in_place else None)
    if out:
        save_project(project, out)
    if args.history:
        write_history(trainer, args.history)
    result = _train_result(trainer, evaluate_parts(project, train, test), reason, out,
                           time.monotonic() - began)
    print(json.dumps(result) if args.json else _train_result_text(result))
    if code == EXIT_FAILED:
        print(f"nnsim: error: {reason}", file=sys.stderr)
    return code


def _apply_train_options(project: Project, args) -> None:
    """Command-line settings override the file's (and are saved with the result)."""
    use_dataset_option(project, args, "train on")
    settings = project.training
    if args.epochs is not None:
        if project.epoch + args.epochs > MAX_EPOCHS:
            raise CommandError(f"--epochs {args.epochs} would go past epoch {MAX_EPOCHS:,}, "
                               f"the most a network file holds")
        settings.epochs = project.epoch + args.epochs
    if args.lr is not None:
        settings.learning_rate = args.lr
    if args.batch_size is not None:
        settings.batch_size = args.batch_size
    if args.target_loss is not None:
        settings.target_loss = args.target_loss
    if args.optimizer and args.optimizer != settings.optimizer:
        project.set_optimizer(args.optimizer)
    if args.seed is not None:
        project.reseed(args.seed)


def train_until_stopped(trainer: Trainer, progress: Progress) -> tuple[str, int]:
    """Run the trainer to a stop condition; returns why it stopped and the exit code.

    The first Ctrl-C lets the current step finish, so the saved state resumes exactly;
    a KeyboardInterrupt from anywhere else stops at once and keeps what was reached.
    """
    reason = ""
    try:
        with _stop_on_interrupt(trainer):
            for snapshot in trainer.run():
                progress.update(snapshot)
                reason = snapshot.reason
    except KeyboardInterrupt:
        reason = "stopped"
    except TrainingDiverged as error:
        return str(error), EXIT_FAILED
    finally:
        progress.close()
    if reason == "stopped":
        return "interrupted by Ctrl-C", EXIT_INTERRUPTED
    return reason, EXIT_OK


@contextlib.contextmanager
def _stop_on_interrupt(trainer: Trainer):
    """Turn the first SIGINT into a request to stop after the current step."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set signal handlers
        return

    def request_stop(_signum, _frame):
        signal.signal(signal.SIGINT, previous)  # a second Ctrl-C interrupts at once
        trainer.stop_event.set()

    previous = signal.signal(signal.SIGINT, request_stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _train_result(trainer: Trainer, results: dict[str, Evaluation], reason: str, out,
                  seconds: float) -> dict:
    """The trained network scored as ``nnsim eval --json`` scores it (``results``)."""
    scores = {}
    for part in ("train", "test"):
        fields = evaluation_json(results[part]) if part in results else {}
        for key in ("loss", "accuracy", "rows_scored", "rows"):
            scores[f"{part}_{key}"] = fields.get(key)
    return {"epoch": trainer.epoch, "step": trainer.step_count, "stopped": reason,
            **scores, "saved_to": None if out is None else str(out),
            "seconds": round(seconds, 3)}


def _train_result_text(result: dict) -> str:
    metrics = metrics_text(result["train_loss"], result["train_accuracy"],
                            result["test_loss"], result["test_accuracy"])
    saved = f"saved to {result['saved_to']}" if result["saved_to"] \
        else "not saved (pass --out FILE or --in-place)"
    return (f"stopped: {result['stopped']}\n"
            f"epoch {result['epoch']}, step {result['step']}: {metrics}\n{saved}")


def write_history(trainer: Trainer, path: str) -> None:
    """One CSV row per recorded epoch (``History`` keeps every epoch up to 1,000, then
    an even grid): epoch, losses and accuracies (empty when not available)."""
    columns = trainer.history.to_dict()
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(columns)
        for row in zip(*columns.values()):
            writer.writerow(["" if value is None else value for value in row])


class Progress:
    """Training progress on ``stream``: a bar redrawn in place on a terminal, else a
    plain line every LOG_INTERVAL seconds (and at the end)."""

    def __init__(self, stream, target_epoch: int | None, start_epoch: int,
                 clock=time.monotonic):
        self.stream = stream
        self.interactive = stream.isatty()
        self.target = target_epoch
        self.start_epoch = start_epoch
        self.clock = clock
        self.started = clock()
        self.last_shown = -math.inf
        self.line = ""
        self.width = 0

    def update(self, snapshot: Snapshot) -> None:
        now = self.clock()
        self.line = self.describe(snapshot, now - self.started)
        if self.interactive:
            # Padding blanks out the end of a longer previous line.
            self.width = max(self.width, len(self.line))
            self.stream.write("\r" + self.line.ljust(self.width))
            self.stream.flush()
        elif snapshot.finished or now - self.last_shown >= LOG_INTERVAL:
            self.stream.write(self.line + "\n")
            self.last_shown = now

    def close(self) -> None:
        if self.interactive and self.line:
            self.stream.write("\n")
            self.stream.flush()

    def describe(self, snapshot: Snapshot, elapsed: float) -> str:
        """``epoch 120/2000 [##------------------] loss 0.0123 acc 98.5% ETA 0:00:12``."""
        epoch = f"epoch {snapshot.epoch}"
        if self.target:
            done = min(1.0, snapshot.epoch_progress / self.target)
            filled = round(20 * done)
            epoch += f"/{self.target} [{'#' * filled}{'-' * (20 - filled)}]"
        metrics = snapshot.metrics
        loss = metrics.train_loss if metrics else snapshot.loss
        text = f"{epoch} loss {format_number(loss)}"
        if metrics and metrics.train_accuracy is not None:
            text += f" acc {metrics.train_accuracy:.1%}"
        if metrics and metrics.train_subset:
            text += f" ({metrics.train_subset})"
        return text + self._eta(snapshot.epoch_progress, elapsed)

    def _eta(self, progress: float, elapsed: float) -> str:
        gained = progress - self.start_epoch
        if not self.target or gained <= 0:
            return ""
        remaining = round(max(0.0, (self.target - progress) * elapsed / gained))
        minutes, seconds = divmod(remaining, 60)
        hours, minutes = divmod(minutes, 60)
        return f" ETA {hours}:{minutes:02}:{seconds:02}"
