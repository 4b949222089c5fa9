"""A project: a network with everything needed to continue exactly where the user stopped.

A :class:`Project` is what one ``.nnsim.json`` file holds (see ``fileformat``): the
network, the training settings, a recipe for the data (:class:`DatasetRef`, never the
numbers themselves) and the trainer's saved state.  The per-epoch history lives only in
that state, so there is one record of it.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath

import numpy as np

from .csvfile import check_class_names
from .dataset import REGRESSION, TASKS, Dataset, standardize
from .datasets import BUILTIN_DATASETS, load_csv, load_idx, make_dataset, no_parameter
from .i18n import QT_TRANSLATE_NOOP, translate
from .initializers import InitConfig
from .network import Network
from .optimizers import state_names
from .safetext import quote, shorten
from .training import History, Trainer
from .trainingtypes import TrainingConfig


def _is_int(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _expect(key: str, test, expected: str):
    """A check of parameter ``key``: ValueError saying it must be ``expected`` (marked
    with QT_TRANSLATE_NOOP in "simulator.project", translated when it is said)."""
    def check(value) -> None:
        if not test(value):
            raise ValueError(translate("simulator.project", "{key} must be {expected}, not "
                                       "{value}").format(
                key=key, expected=translate("simulator.project", expected), value=quote(value)))
    return check


#: Data read from the user's files: how many paths each kind may take and, per
#: parameter, a check that raises ValueError.  MNIST's four are the training images and
#: labels, then the test images and labels (its t10k files).
_FILE_KINDS = {
    "csv": ((1,), {"target_column": _expect("target_column",
                                         lambda v: _is_int(v) or isinstance(v, str),
                                         QT_TRANSLATE_NOOP("simulator.project",
                                                           "a column name or index")),
                "task": _expect("task", lambda v: v is None or v in TASKS,
                                QT_TRANSLATE_NOOP("simulator.project", "'classification', "
                                                  "'regression' or null (guess)")),
                "classes": check_class_names}),
    "mnist": ((2, 4), {"limit": _expect("limit", lambda v: v is None or (_is_int(v) and v >= 1),
                                   QT_TRANSLATE_NOOP("simulator.project", "a whole number of "
                                                     "at least 1, or null (all)"))}),
}
#: Class names a data summary spells out; the rest are counted.
SHOWN_CLASSES = 12


@dataclass(frozen=True)
class DatasetRef:
    """Where the training data comes from: a recipe that rebuilds it.

    ``name`` is a built-in data set (a key of ``BUILTIN_DATASETS``), ``"csv"`` or
    ``"mnist"``.  ``params`` are the built-in's parameters (``seed``, ``n_samples``,
    ``noise``, ...), a CSV file's ``target_column``, ``task`` and ``classes`` (the class
    names in output order, for text labels), or MNIST's ``limit``.
    ``paths`` holds the CSV file, or MNIST's image and label files (IDX, plain or .gz),
    optionally followed by a test set's image and label files; relative paths are taken
    from the ``base_dir`` given to ``resolve``.  Without test files, ``test_fraction``
    of the rows (per class for classification) is held out as the test set, shuffled
    with ``split_seed``; with them it must be 0.  ``standardize`` rescales every input
    to mean 0 and standard deviation 1 on the training part.
    """

    name: str
    params: dict = field(default_factory=dict)
    paths: tuple[str, ...] = ()
    test_fraction: float = 0.0
    split_seed: int = 0
    standardize: bool = False

    def __post_init__(self):
        object.__setattr__(self, "paths", tuple(str(p) for p in self.paths))
        self._check_kind()
        if not 0 <= self.test_fraction < 1:
            raise ValueError(translate("simulator.project", "the test fraction must be at "
                                       "least 0 and below 1, not {value}").format(
                value=quote(self.test_fraction)))
        if self.test_paths and self.test_fraction:
            raise ValueError(translate("simulator.project", "the test set comes from its own "
                                       "files: the test fraction must be 0"))
        if not _is_int(self.split_seed) or self.split_seed < 0:
            raise ValueError(translate("simulator.project", "the split seed must be a whole "
                                       "number of at least 0, not {value}").format(
                value=quote(self.split_seed)))

    def _check_kind(self) -> None:
        if self.name in BUILTIN_DATASETS:
            n_paths, checks = (0,), {}
        elif self.name in _FILE_KINDS:
            n_paths, checks = _FILE_KINDS[self.name]
        else:
            raise ValueError(translate("simulator.project", "unknown dataset {name}; choose a "
                                       "built-in one ({names}), 'csv' or 'mnist'").format(
                name=quote(self.name), names=", ".join(BUILTIN_DATASETS)))
        if len(self.paths) not in n_paths:
            counts = str(n_paths[0]) if len(n_paths) == 1 else translate(
                "simulator.project", "{first} or {second}").format(first=n_paths[0],
                                                                   second=n_paths[1])
            raise ValueError(translate("simulator.project", "dataset {name} takes {counts} file "
                                       "path(s), got {count}").format(
                name=quote(self.name), counts=counts, count=len(self.paths)))
        if self.name in BUILTIN_DATASETS:
            self._check_builtin_params()
            return
        for key, value in self.params.items():
            if key not in checks:
                raise ValueError(no_parameter(self.name, [key], checks))
            try:
                checks[key](value)
            except ValueError as error:
                raise ValueError(translate("simulator.project", "dataset {name}: {problem}")
                                 .format(name=quote(self.name), problem=error)) from None
        if "classes" in self.params and self.params.get("task") == REGRESSION:
            raise ValueError(translate("simulator.project", "dataset {name}: classes are for "
                                       "classification, but the task is regression").format(
                name=quote(self.name)))

    def _check_builtin_params(self) -> None:
        specs = BUILTIN_DATASETS[self.name].params
        for key, value in self.params.items():
            if key not in specs:
                raise ValueError(no_parameter(self.name, [key], specs))
            specs[key].check(self.name, key, value)

    @property
    def test_paths(self) -> tuple[str, ...]:
        """The test set's own files (MNIST's test images and labels), or ()."""
        return self.paths[2:] if self.name == "mnist" else ()

    # ------------------------------------------------------------------ making data
    def load(self, base_dir: Path | str | None = None) -> Dataset:
        """The whole training data, before the split.  ValueError names a file at
        fault."""
        paths = [Path(base_dir or ".") / p for p in self.paths]
        if self.name == "csv":
            return load_csv(paths[0], **self.params)
        if self.name == "mnist":
            return load_idx(*paths[:2], limit=self.params.get("limit"))
        return make_dataset(self.name, **self.params)

    def load_test(self, base_dir: Path | str | None = None) -> Dataset | None:
        """The test set read from its own files (all their rows); None without them."""
        if not self.test_paths:
            return None
        return load_idx(*(Path(base_dir or ".") / p for p in self.test_paths))

    def pinned_to(self, data: Dataset) -> DatasetRef:
        """This reference with the class list of ``data`` (loaded from it) recorded, so
        that a saved project keeps its outputs' meaning should a CSV file gain a class;
        itself when there is nothing to record."""
        classes = data.params.get("classes") if self.name == "csv" else None
        if classes is None or "classes" in self.params:
            return self
        return replace(self, params={**self.params, "classes": list(classes)})

    def split(self, data: Dataset, test: Dataset | None = None) -> tuple[Dataset, Dataset]:
        """``(train, test)`` of the loaded ``data`` (and ``test``, read by
        ``load_test``, which is the test set when given): split, and standardized when
        asked (test may have 0 rows)."""
        if test is None:
            train, test = data.split(self.test_fraction, self.split_seed)
        else:
            train = data
            _check_test_fits(self.test_paths[0], train, test)
        return standardize(train, test) if self.standardize else (train, test)

    def resolve(self, base_dir: Path | str | None = None) -> tuple[Dataset, Dataset]:
        """``(train, test)`` read afresh (see ``load``, ``load_test`` and ``split``)."""
        return self.split(self.load(base_dir), self.load_test(base_dir))

    def describe(self) -> str:
        """One line for people: what the data is, its classes' outputs when the file
        named them, and how it is split."""
        settings = ", ".join(f"{key}={shorten(str(value), 40)}"
                             for key, value in self.params.items() if key != "classes")
        if self.name == "csv":
            what = translate("simulator.project", "CSV file {path}").format(
                path=shorten(self.paths[0], 160))
        elif self.name == "mnist":
            what = _mnist_files(self.paths)
        else:
            what = translate("simulator.project", "built-in {name}").format(
                name=quote(self.name))
        if settings:
            what = translate("simulator.project", "{data} ({settings})").format(
                data=what, settings=settings)
        more = []
        if "classes" in self.params:
            more.append(_class_mapping(self.params["classes"]))
        if not self.test_paths:  # test files of its own were named already
            more.append(translate("simulator.project", "{percent} held out for testing (split "
                                  "seed {seed})").format(percent=f"{self.test_fraction:.0%}",
                                                         seed=self.split_seed)
                        if self.test_fraction else
                        translate("simulator.project", "no test set"))
        if self.standardize:
            more.append(translate("simulator.project", "inputs standardized"))
        for part in more:
            what = translate("simulator.project", "{description}; {more}").format(
                description=what, more=part)
        return what


def _mnist_files(paths: tuple[str, ...]) -> str:
    """"MNIST files a.gz and b.gz, test files c.gz and d.gz in /data": a folder that
    holds them all is named once."""
    folders = {str(PurePath(path).parent) for path in paths}
    shown = [shorten(PurePath(path).name, 80) if len(folders) == 1 else shorten(path, 160)
             for path in paths]
    if len(shown) == 4:
        text = translate("simulator.project", "MNIST files {first} and {second}, test files "
                         "{third} and {fourth}").format(first=shown[0], second=shown[1],
                                                        third=shown[2], fourth=shown[3])
    else:
        text = translate("simulator.project", "MNIST files {first} and {second}").format(
            first=shown[0], second=shown[1])
    folder = folders.pop() if len(folders) == 1 else "."
    if folder == ".":
        return text
    return translate("simulator.project", "{files} in {folder}").format(
        files=text, folder=shorten(folder, 160))


def _check_test_fits(test_file: str, train: Dataset, test: Dataset) -> None:
    """ValueError naming ``test_file`` unless ``test`` has the training data's inputs
    and outputs."""
    sizes = [(d.n_features, d.targets.shape[1]) for d in (train, test)]
    if sizes[0] != sizes[1]:
        raise ValueError(translate("simulator.project", "{file}: the test set has {inputs} "
                                   "inputs and {outputs} outputs, the training data "
                                   "{train_inputs} and {train_outputs}").format(
            file=shorten(test_file, 160), inputs=f"{sizes[1][0]:,}", outputs=f"{sizes[1][1]:,}",
            train_inputs=f"{sizes[0][0]:,}", train_outputs=f"{sizes[0][1]:,}"))


def _class_mapping(classes: list[str]) -> str:
    """"classes 0 = setosa, 1 = versicolor": which output stands for which class."""
    shown = ", ".join(f"{k} = {shorten(name, 30)}"
                      for k, name in enumerate(classes[:SHOWN_CLASSES]))
    if len(classes) > SHOWN_CLASSES:
        shown = translate("simulator.project", "{classes}, … {count} more").format(
            classes=shown, count=f"{len(classes) - SHOWN_CLASSES:,}")
    return translate("simulator.project", "classes {mapping}").format(mapping=shown)


def default_loss(output_activation: str) -> str:
    """Cross-entropy for a softmax output (its natural pair), else squared error."""
    return "cross_entropy" if output_activation == "softmax" else "squared_error"


@dataclass
class Project:
    """A network, its training settings and data, and how far training has come.

    ``trainer_state`` is what ``Trainer.state_dict()`` returned (None: never trained);
    ``path`` is the file it was loaded from or saved to (None: not saved yet).
    """

    network: Network
    training: TrainingConfig = field(default_factory=TrainingConfig)
    dataset: DatasetRef | None = None
    trainer_state: dict | None = None
    title: str = ""
    description: str = ""
    path: Path | None = None

    @classmethod
    def new(cls, sizes: list[int], hidden: str = "sigmoid", output: str = "sigmoid",
            loss: str | None = None, dataset: DatasetRef | None = None, *, seed: int = 0,
            training: TrainingConfig | None = None) -> Project:
        """A fresh project: Xavier weights drawn with ``seed``, which also seeds training."""
        network = Network(sizes, "linear", init=InitConfig(seed=seed))
        # The setters, unlike the constructor, refuse e.g. softmax in a hidden layer.
        for layer in range(1, len(sizes)):
            network.set_activation(layer, output if layer == len(sizes) - 1 else hidden)
        network.set_loss(loss or default_loss(output))
        return cls(network, training or TrainingConfig(seed=seed), dataset)

    @property
    def base_dir(self) -> Path | None:
        """The folder relative data paths start from: the project file's."""
        return None if self.path is None else Path(self.path).parent

    @property
    def epoch(self) -> int:
        """Epochs trained so far."""
        return 0 if self.trainer_state is None else self.trainer_state["epoch"]

    @property
    def history(self) -> History | None:
        """Loss and accuracy per epoch so far; None before any training."""
        if self.trainer_state is None:
            return None
        return History.from_dict(self.trainer_state["history"])

    def load_data(self) -> tuple[Dataset, Dataset]:
        """``(train, test)`` from the dataset reference; ValueError when there is none.

        The first load of a CSV file with text labels records its classes in the
        reference (``DatasetRef.pinned_to``), to be saved with the project."""
        if self.dataset is None:
            raise ValueError(translate("simulator.project",
                                       "the network has no dataset to learn from"))
        data = self.dataset.load(self.base_dir)
        self.dataset = self.dataset.pinned_to(data)
        return self.dataset.split(data, self.dataset.load_test(self.base_dir))

    def make_trainer(self, train: Dataset | None = None, test: Dataset | None = None,
                     config: TrainingConfig | None = None, **kwargs) -> Trainer:
        """A Trainer on this project's network that continues from the saved state.

        ``train``/``test`` default to ``load_data()``; ``config`` to ``self.training``.
        """
        if train is None:
            train, test = self.load_data()
        trainer = Trainer.from_dataset(self.network, train, config or self.training, test,
                                       **kwargs)
        state = self.trainer_state
        if state is not None:
            if state["in_epoch"] and state["cursor"] >= trainer.n_samples:
                raise ValueError(translate("simulator.project", "the saved position in the "
                                           "epoch (row {row}) is beyond the {count} training "
                                           "rows").format(row=state["cursor"],
                                                          count=trainer.n_samples))
            trainer.load_state(state)
        return trainer

    def capture(self, trainer: Trainer) -> None:
        """Keep the trainer's state so that saving and loading continues bit for bit."""
        if trainer.net is not self.network:
            raise ValueError("this trainer trains another network than the project's")
        self.trainer_state = trainer.state_dict()

    # ------------------------------------------------------------------ changing settings
    def set_dataset(self, dataset: DatasetRef | None) -> None:
        """Use other data; a half-done epoch starts over, as its order no longer applies."""
        self.dataset = dataset
        self._restart_epoch()

    def set_optimizer(self, name: str) -> None:
        """Switch optimiser; the old one's momentum or moments do not carry over."""
        self.training.optimizer = name
        if self.trainer_state is not None:
            n, dtype = self.network.n_parameters, self.network.dtype
            fresh = {key: np.zeros(n, dtype=dtype) for key in state_names(name)}
            self.trainer_state = {**self.trainer_state, "optimizer": {**fresh, "t": 0}}

    def reseed(self, seed: int) -> None:
        """Shuffle the batches with a new seed from the next epoch on (this one restarts)."""
        self.training.seed = seed
        if self.trainer_state is not None:
            rng_state = np.random.default_rng(seed).bit_generator.state
            self.trainer_state = {**self.trainer_state, "rng_state": rng_state}
            self._restart_epoch()

    def _restart_epoch(self) -> None:
        state = self.trainer_state
        if state is not None and state["in_epoch"]:
            # The saved RNG state is the epoch's start, so the epoch replays from row 0.
            self.trainer_state = {**state, "in_epoch": False, "cursor": 0}
