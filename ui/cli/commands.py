"""The ``nnsim`` command line: create, inspect, train and evaluate network files headless.

This module parses the arguments, runs ``info`` and ``new`` and dispatches ``train``
(``train``) and ``eval`` (``evaluate``).  Exit codes and error lines: ``report``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from importlib import metadata
from pathlib import Path

from nnsim.simulator.activations import ACTIVATIONS
from nnsim.simulator.datalocate import missing_files
from nnsim.simulator.datasets import BUILTIN_DATASETS
from nnsim.simulator.fileformat import load_project, save_project
from nnsim.simulator.jsonfields import MAX_INTEGER
from nnsim.simulator.limits import (
    LEARNING_RATE_MAX,
    LEARNING_RATE_MIN,
    MAX_BATCH_SIZE,
    MAX_EPOCHS,
    MAX_SEED,
    MAX_TARGET_LOSS,
    network_size_problem,
)
from nnsim.simulator.losses import LOSSES
from nnsim.simulator.optimizers import OPTIMIZERS
from nnsim.simulator.project import DatasetRef, Project
from nnsim.simulator.resources import bundled_as_named
from nnsim.simulator.safetext import printable

from .evaluate import run_eval
from .export import run_export
from .report import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, CommandError, fail, metrics_text
from .train import run_train


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
    train.add_argument("--seed", type=_natural(MAX_SEED), metavar="N",
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
    new.add_argument("--seed", type=_natural(MAX_SEED), default=0, metavar="N",
                     help="seed for the initial weights and the shuffling")
    new.add_argument("--out", required=True, metavar="FILE")
    new.add_argument("--force", action="store_true", help="replace an existing FILE")
    new.set_defaults(run=run_new)

    export = commands.add_parser("export", help="write a network as ONNX or a PyTorch script")
    export.add_argument("file", metavar="FILE")
    export.add_argument("--onnx", metavar="OUT", help="an ONNX model (float32, opset 17; "
                        "needs the onnx package: pip install onnx onnxruntime)")
    export.add_argument("--torch", metavar="OUT", help="a PyTorch script (a .py file)")
    export.add_argument("--force", action="store_true", help="replace existing files")
    export.set_defaults(run=run_export)
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
    dataset = printable(bundled_as_named(project.dataset.describe())) if project.dataset \
        else "none"
    lines.append(f"dataset: {dataset}")
    missing = missing_files(project.dataset, project.base_dir)
    if missing:
        names = ", ".join(printable(bundled_as_named(path)) for path in missing)
        lines.append(f"data missing: {names} (train with --dataset, or open the file in "
                     f"the app and use Locate data…)")
    c = project.training
    until = f"until epoch {c.epochs}" if c.epochs is not None else "no epoch limit"
    lines.append(f"training: {c.optimizer}, learning rate {c.learning_rate:g}, batch size "
                 f"{c.batch_size or 'all'}, {until}")
    weights_seed = project.network.init_config.seed
    lines.append(f"seeds: initial weights {'none' if weights_seed is None else weights_seed}"
                 f", batch order {c.seed}")
    lines.append(f"progress: {_describe_progress(project)}")
    return "\n".join(lines)


def _describe_progress(project: Project) -> str:
    state, history = project.trainer_state, project.history
    if state is None:
        return "not trained yet"
    text = f"epoch {state['epoch']}, step {state['step']}"
    if history.epoch:
        text += "; last epoch: " + metrics_text(
            history.train_loss[-1], history.train_accuracy[-1],
            history.test_loss[-1], history.test_accuracy[-1])
    return text


def run_new(args) -> int:
    out = Path(args.out)
    if out.exists() and not args.force:
        raise CommandError(f"{out} already exists; pass --force to replace it")
    project = Project.new(args.layers, args.hidden, args.output, args.loss, args.dataset,
                          seed=args.seed)
    save_project(project, out)
    print(f"created {out}: {project.network.n_parameters:,} parameters")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
