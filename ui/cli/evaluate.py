"""``nnsim eval``: loss, accuracy and confusion matrix of a network file on its data,
and the project and data handling it shares with ``nnsim train``, which scores its
result the same way.
"""

from __future__ import annotations

import json
from dataclasses import replace

from nnsim.simulator.evaluation import Evaluation, evaluate
from nnsim.simulator.fileformat import finite_or_none, load_project
from nnsim.simulator.project import Project
from nnsim.simulator.resources import bundled_as_named

from .report import EXIT_OK, CommandError, format_number


def run_eval(args) -> int:
    project = load_project(args.file)
    require_output_layer(project, args.file, "evaluate")
    use_dataset_option(project, args, "evaluate on")
    results = evaluate_parts(project, *load_data(project))
    if args.json:
        print(json.dumps({part: evaluation_json(result) for part, result in results.items()}))
        return EXIT_OK
    for part, result in results.items():
        print(f"{part + ':':6} {result.rows_scored} rows, loss {format_number(result.loss)}"
              + (f", accuracy {result.accuracy:.1%}" if result.accuracy is not None else ""))
    shown = "test" if "test" in results else "train"
    if results[shown].confusion is not None:
        print(f"\nconfusion matrix ({shown} set; rows: true class, columns: predicted)")
        print(format_confusion(results[shown]))
    return EXIT_OK


def evaluate_parts(project: Project, train, test) -> dict[str, Evaluation]:
    """Every row of the training set and, when there is one, of the test set."""
    results = {"train": evaluate(project.network, train)}
    if test.n_samples:
        results["test"] = evaluate(project.network, test)
    return results


def evaluation_json(result: Evaluation) -> dict:
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


def require_output_layer(project: Project, file: str, purpose: str) -> None:
    if project.network.n_layers < 2:
        raise CommandError(f"{file}: the network has only an input layer; add an output "
                           f"layer to {purpose} it")


def use_dataset_option(project: Project, args, purpose: str) -> None:
    """Swap in ``--dataset``, split as the file's own data was; fail if there is none."""
    if args.dataset:
        split = {} if project.dataset is None else {
            "test_fraction": project.dataset.test_fraction,
            "split_seed": project.dataset.split_seed,
            "standardize": project.dataset.standardize}
        project.set_dataset(replace(args.dataset, **split))
    if project.dataset is None:
        raise CommandError(f"{args.file} has no dataset to {purpose}; pass --dataset")


def load_data(project: Project):
    """``(train, test)``; a missing data file gets a hint on using another one."""
    try:
        return project.load_data()
    except ValueError as error:
        if isinstance(error.__cause__, OSError):
            raise CommandError(f"cannot read the data: {bundled_as_named(str(error))} "
                               f"(pass --dataset to use other data)") from error
        raise
