"""The ``nnsim`` command line: create, inspect, train and evaluate network files headless.

Exit codes: 0 success, 1 a bad file or a failed run, 2 a usage error, 130 training
stopped by Ctrl-C (after saving what it reached).  Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import math
import os
import signal
import sys
import threading
import time
from dataclasses import replace
from importlib import metadata
from pathlib import Path

from nnsim.simulator.activations import ACTIVATIONS
from nnsim.simulator.datasets import BUILTIN_DATASETS
from nnsim.simulator.evaluation import Evaluation, evaluate
from nnsim.simulator.fileformat import finite_or_none, load_project, save_project
from nnsim.simulator.jsonfields import MAX_INTEGER
from nnsim.simulator.limits import (
    LEARNING_RATE_MAX,
    LEARNING_RATE_MIN,
    MAX_BATCH_SIZE,
    MAX_EPOCHS,
    MAX_TARGET_LOSS,
    network_size_problem,
)
from nnsim.simulator.losses import LOSSES
from nnsim.simulator.optimizers import OPTIMIZERS
from nnsim.simulator.project import DatasetRef, Project
from nnsim.simulator.safetext import one_line, printable
from nnsim.simulator.training import Snapshot, Trainer, TrainingDiverged

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

#: Seconds between progress updates (the trainer's snapshot interval).
PROGRESS_INTERVAL = 0.2
#: Seconds between progress lines when the output is not a terminal.
LOG_INTERVAL = 5.0


class CommandError(Exception):
    """A failure to report as one line and exit code 1."""


def main(argv: list[str] | None = None) -> int:
    """Run one ``nnsim`` subcommand; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse has printed the usage or the help
        return EXIT_USAGE if stop.code else EXIT_OK
    try:
        return args.run(args)
    except (CommandError, ValueError) as error:
        return fail(str(error))
    except OSError as error:
        return fail(f"{error.filename}: {error.strerror}" if error.filename else str(error))
    except KeyboardInterrupt:
        print("nnsim: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def fail(message: str) -> int:
    """Report ``message`` as one printable line (it may quote a file) and return 1."""
    print(f"nnsim: error: {one_line(message)}", file=sys.stderr)
    return EXIT_FAILED


# ====================================================================== arguments
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nnsim", description="Build, train and inspect neural networks. Without a "
        "command nnsim opens the desktop app (with FILE: that file).")
    parser.add_argument("--version", action="version", version=f"nnsim {_version()}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    info = commands.add_parser("info", help="describe a network file")
    info.add_argument("file", metavar="FILE")
    info.set_defaults(run=run_info)

    train = commands.add_parser("train", help="train a network file headless")
    train.add_argument("file", metavar="FILE")
    _add_dataset_option(train)
    train.add_argument("--epochs", type=_natural(MAX_EPOCHS), metavar="N",
                       help="train N more epochs (default: up to the file's epoch setting)")
    train.add_argument("--lr", type=_number(LEARNING_RATE_MIN, LEARNING_RATE_MAX), metavar="X",
                       help="learning rate")
    train.add_argument("--batch-size", type=_natural(MAX_BATCH_SIZE), metavar="N",
                       help="1 = stochastic, 0 = the whole training set")
    train.add_argument("--optimizer", choices=OPTIMIZERS)
    train.add_argument("--seed", type=_natural(), metavar="N",
                       help="seed for shuffling the batches (a half-done epoch restarts)")
    train.add_argument("--target-loss", type=_number(0.0, MAX_TARGET_LOSS), metavar="X",
                       help="stop once the training loss is at most X")
    where = train.add_mutually_exclusive_group()
    where.add_argument("--out", metavar="OUT", help="write the trained network to OUT")
    where.add_argument("--in-place", action="store_true",
                       help="write the trained network back to FILE")
    train.add_argument("--history", metavar="CSV",
                       help="write loss and accuracy per recorded epoch (every epoch up "
                            "to 1,000, then an even grid: see the file format)")
    train.add_argument("--json", action="store_true", help="print the result as JSON")
    train.set_defaults(run=run_train)

    evaluate_ = commands.add_parser("eval", help="loss, accuracy and confusion matrix")
    evaluate_.add_argument("file", metavar="FILE")
    _add_dataset_option(evaluate_)
    evaluate_.add_argument("--json", action="store_true", help="print the result as JSON")
    evaluate_.set_defaults(run=run_eval)

    new = commands.add_parser("new", help="create a network file")
    new.add_argument("--layers", type=_layer_sizes, required=True, metavar="N,N,...",
                     help="neurons per layer, input first, e.g. 2,4,1")
    new.add_argument("--hidden", choices=ACTIVATIONS, default="sigmoid",
                     help="activation of the hidden layers (default sigmoid)")
    new.add_argument("--output", choices=ACTIVATIONS, default="sigmoid",
                     help="activation of the output layer (default sigmoid)")
    new.add_argument("--loss", choices=LOSSES,
                     help="default: cross_entropy for softmax, else squared_error")
    _add_dataset_option(new)
    new.add_argument("--seed", type=_natural(), default=0, metavar="N",
                     help="seed for the initial weights and the shuffling")
    new.add_argument("--out", required=True, metavar="FILE")
    new.add_argument("--force", action="store_true", help="replace an existing FILE")
    new.set_defaults(run=run_new)
    return parser


def _add_dataset_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dataset", type=_dataset_option, metavar="DATA",
        help=f"a built-in data set ({', '.join(BUILTIN_DATASETS)}), optionally with "
             "settings as NAME:key=value,...; a CSV file (last column the target, or "
             "csv:PATH,target_column=NAME); or mnist:IMAGES,LABELS[,limit=N] for IDX files")


def _version() -> str:
    try:
        return metadata.version("nnsim")
    except metadata.PackageNotFoundError:
        return "(source checkout, not installed)"


def _natural(maximum: int = MAX_INTEGER):
    """An argparse type: a whole number from 0 to ``maximum`` (as much as a file holds)."""
    def parse(text: str) -> int:
        value = int(text) if text.isascii() and text.isdigit() and len(text) < 20 else -1
        if not 0 <= value <= maximum:
            raise argparse.ArgumentTypeError(f"expected a whole number from 0 to "
                                             f"{maximum:,}, got {text!r}")
        return value
    return parse


def _number(minimum: float, maximum: float):
    """An argparse type: a number from ``minimum`` to ``maximum`` (what a file holds)."""
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if not minimum <= value <= maximum:  # NaN fails too
            raise argparse.ArgumentTypeError(f"expected a number from {minimum:g} to "
                                             f"{maximum:g}, got {text!r}")
        return value
    return parse


def _layer_sizes(text: str) -> list[int]:
    """Neurons per layer, checked against nnsim's limits before anything is allocated."""
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        sizes = []
    if len(sizes) < 2 or min(sizes) < 1:
        raise argparse.ArgumentTypeError(
            f"expected at least two neuron counts of 1 or more, like 2,4,1; got {text!r}")
    problem = network_size_problem(sizes)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return sizes


def _dataset_option(text: str) -> DatasetRef:
    try:
        return parse_dataset_spec(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def parse_dataset_spec(text: str) -> DatasetRef:
    """``--dataset`` text as a DatasetRef: ``NAME[:key=value,...]``, ``PATH.csv``,
    ``csv:PATH[,key=value,...]`` or ``mnist:IMAGES,LABELS[,limit=N]``.

    Relative paths are taken from the current folder.  Values are read as JSON when
    they parse (numbers, null, true) and as text otherwise.
    """
    kind, _, rest = text.partition(":")
    if kind in BUILTIN_DATASETS or kind in ("csv", "mnist"):
        parts = [part for part in rest.split(",") if part]
    else:
        kind, parts = "csv", [text]
    paths = tuple(os.path.abspath(part) for part in parts if "=" not in part)
    params = dict(_setting(part) for part in parts if "=" in part)
    return DatasetRef(kind, params, paths)


def _setting(text: str) -> tuple[str, object]:
    key, _, value = text.partition("=")
    try:
        return key, json.loads(value)
    except ValueError:
        return key, value


# ====================================================================== info and new
def run_info(args) -> int:
    project = load_project(args.file)
    print(describe_project(project))
    return EXIT_OK


def describe_project(project: Project) -> str:
    """What ``nnsim info`` prints: title, layers, data, settings and progress.

    Text from the file (title, description, data set) is made printable, so it can
    neither move the cursor nor colour the terminal."""
    lines = [f"{project.path}: {printable(project.title) or '(untitled)'}"]
    lines += map(printable, project.description.splitlines())
    lines += ["", project.network.summary(), ""]
    dataset = printable(project.dataset.describe()) if project.dataset else "none"
    lines.append(f"dataset: {dataset}")
    c = project.training
    until = f"until epoch {c.epochs}" if c.epochs is not None else "no epoch limit"
    lines.append(f"training: {c.optimizer}, learning rate {c.learning_rate:g}, batch size "
                 f"{c.batch_size or 'all'}, {until}, seed {c.seed}")
    lines.append(f"progress: {_describe_progress(project)}")
    return "\n".join(lines)


def _describe_progress(project: Project) -> str:
    state, history = project.trainer_state, project.history
    if state is None:
        return "not trained yet"
    text = f"epoch {state['epoch']}, step {state['step']}"
    if history.epoch:
        text += "; last epoch: " + _metrics_text(
            history.train_loss[-1], history.train_accuracy[-1],
            history.test_loss[-1], history.test_accuracy[-1])
    return text


def _metrics_text(train_loss, train_accuracy, test_loss, test_accuracy) -> str:
    text = f"train loss {_format_number(train_loss)}"
    text += f", accuracy {train_accuracy:.1%}" if train_accuracy is not None else ""
    if test_loss is not None:
        text += f"; test loss {_format_number(test_loss)}"
        text += f", accuracy {test_accuracy:.1%}" if test_accuracy is not None else ""
    return text


def _format_number(value) -> str:
    return "n/a" if value is None else f"{value:.4g}"


def run_new(args) -> int:
    out = Path(args.out)
    if out.exists() and not args.force:
        raise CommandError(f"{out} already exists; pass --force to replace it")
    project = Project.new(args.layers, args.hidden, args.output, args.loss, args.dataset,
                          seed=args.seed)
    save_project(project, out)
    print(f"created {out}: {project.network.n_parameters:,} parameters")
    return EXIT_OK


# ====================================================================== train
def run_train(args) -> int:
    project = load_project(args.file)
    _require_output_layer(project, args.file, "train")
    _apply_train_options(project, args)
    train, test = _load_data(project)
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
    result = _train_result(trainer, _evaluate_parts(project, train, test), reason, out,
                           time.monotonic() - began)
    print(json.dumps(result) if args.json else _train_result_text(result))
    if code == EXIT_FAILED:
        print(f"nnsim: error: {reason}", file=sys.stderr)
    return code


def _require_output_layer(project: Project, file: str, purpose: str) -> None:
    if project.network.n_layers < 2:
        raise CommandError(f"{file}: the network has only an input layer; add an output "
                           f"layer to {purpose} it")


def _use_dataset_option(project: Project, args, purpose: str) -> None:
    """Swap in ``--dataset``, split as the file's own data was; fail if there is none."""
    if args.dataset:
        split = {} if project.dataset is None else {
            "test_fraction": project.dataset.test_fraction,
            "split_seed": project.dataset.split_seed,
            "standardize": project.dataset.standardize}
        project.set_dataset(replace(args.dataset, **split))
    if project.dataset is None:
        raise CommandError(f"{args.file} has no dataset to {purpose}; pass --dataset")


def _load_data(project: Project):
    """``(train, test)``; a missing data file gets a hint on using another one."""
    try:
        return project.load_data()
    except ValueError as error:
        if isinstance(error.__cause__, OSError):
            raise CommandError(f"{error} (pass --dataset to use other data)") from error
        raise


def _apply_train_options(project: Project, args) -> None:
    """Command-line settings override the file's (and are saved with the result)."""
    _use_dataset_option(project, args, "train on")
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
        fields = _evaluation_json(results[part]) if part in results else {}
        for key in ("loss", "accuracy", "rows_scored", "rows"):
            scores[f"{part}_{key}"] = fields.get(key)
    return {"epoch": trainer.epoch, "step": trainer.step_count, "stopped": reason,
            **scores, "saved_to": None if out is None else str(out),
            "seconds": round(seconds, 3)}


def _train_result_text(result: dict) -> str:
    metrics = _metrics_text(result["train_loss"], result["train_accuracy"],
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
        text = f"{epoch} loss {_format_number(loss)}"
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


# ====================================================================== eval
def run_eval(args) -> int:
    project = load_project(args.file)
    _require_output_layer(project, args.file, "evaluate")
    _use_dataset_option(project, args, "evaluate on")
    results = _evaluate_parts(project, *_load_data(project))
    if args.json:
        print(json.dumps({part: _evaluation_json(result) for part, result in results.items()}))
        return EXIT_OK
    for part, result in results.items():
        print(f"{part + ':':6} {result.rows_scored} rows, loss {_format_number(result.loss)}"
              + (f", accuracy {result.accuracy:.1%}" if result.accuracy is not None else ""))
    shown = "test" if "test" in results else "train"
    if results[shown].confusion is not None:
        print(f"\nconfusion matrix ({shown} set; rows: true class, columns: predicted)")
        print(format_confusion(results[shown]))
    return EXIT_OK


def _evaluate_parts(project: Project, train, test) -> dict[str, Evaluation]:
    """Every row of the training set and, when there is one, of the test set."""
    results = {"train": evaluate(project.network, train)}
    if test.n_samples:
        results["test"] = evaluate(project.network, test)
    return results


def _evaluation_json(result: Evaluation) -> dict:
    return {"rows_scored": result.rows_scored, "rows": result.rows,
            "loss": finite_or_none(result.loss),
            "accuracy": result.accuracy, "classes": list(result.class_names),
            "confusion_matrix": None if result.confusion is None
            else result.confusion.tolist()}


def format_confusion(result: Evaluation) -> str:
    """The confusion matrix as an aligned table with the class names as labels."""
    names = list(result.class_names)
    width = max(len(str(result.confusion.max())), *map(len, names))
    label = max(map(len, names))
    header = " " * label + "".join(f" {name:>{width}}" for name in names)
    rows = [f"{name:>{label}}" + "".join(f" {count:>{width}}" for count in row)
            for name, row in zip(names, result.confusion)]
    return "\n".join([header, *rows])


if __name__ == "__main__":
    sys.exit(main())
