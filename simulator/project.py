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
from .datasets import BUILTIN_DATASETS, load_csv, load_idx, make_dataset
from .initializers import InitConfig
from .network import Network
from .optimizers import state_names
from .safetext import quote, shorten
from .training import History, Trainer
from .trainingtypes import TrainingConfig


def _is_int(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _expect(key: str, test, expected: str):
    """A check of parameter ``key``: ValueError saying it must be ``expected``."""
    def check(value) -> None:
        if not test(value):
            raise ValueError(f"{key} must be {expected}, not {quote(value)}")
    return check


#: Data read from the user's files: how many paths each kind may take and, per
#: parameter, a check that raises ValueError.  MNIST's four are the training images and
#: labels, then the test images and labels (its t10k files).
_FILE_KINDS = {
    "csv": ((1,), {"target_column": _expect("target_column",
                                         lambda v: _is_int(v) or isinstance(v, str),
                                         "a column name or index"),
                "task": _expect("task", lambda v: v is None or v in TASKS,
                                "'classification', 'regression' or null (guess)"),
                "classes": check_class_names}),
    "mnist": ((2, 4), {"limit": _expect("limit", lambda v: v is None or (_is_int(v) and v >= 1),
                                   "a whole number of at least 1, or null (all)")}),
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
            raise ValueError(f"the test fraction must be at least 0 and below 1, "
                             f"not {quote(self.test_fraction)}")
        if self.test_paths and self.test_fraction:
            raise ValueError("the test set comes from its own files: the test fraction "
                             "must be 0")
        if not _is_int(self.split_seed) or self.split_seed < 0:
            raise ValueError(f"the split seed must be a whole number of at least 0, "
                             f"not {quote(self.split_seed)}")

    def _check_kind(self) -> None:
        if self.name in BUILTIN_DATASETS:
            n_paths, checks = (0,), {}
        elif self.name in _FILE_KINDS:
            n_paths, checks = _FILE_KINDS[self.name]
        else:
            raise ValueError(f"unknown dataset {quote(self.name)}; choose a built-in one "
                             f"({', '.join(BUILTIN_DATASETS)}), 'csv' or 'mnist'")
        if len(self.paths) not in n_paths:
            raise ValueError(f"dataset {quote(self.name)} takes "
                             f"{' or '.join(map(str, n_paths))} file path(s), "
                             f"got {len(self.paths)}")
        if self.name in BUILTIN_DATASETS:
            self._check_builtin_params()
            return
        for key, value in self.params.items():
            if key not in checks:
                raise ValueError(f"dataset {quote(self.name)} has no parameter {quote(key)}; "
                                 f"its parameters are: {', '.join(checks)}")
            try:
                checks[key](value)
            except ValueError as error:
                raise ValueError(f"dataset {quote(self.name)}: {error}") from None
        if "classes" in self.params and self.params.get("task") == REGRESSION:
            raise ValueError(f"dataset {quote(self.name)}: classes are for classification, "
                             f"but the task is regression")

    def _check_builtin_params(self) -> None:
        specs = BUILTIN_DATASETS[self.name].params
        for key, value in self.params.items():
            if key not in specs:
                raise ValueError(f"dataset {quote(self.name)} has no parameter {quote(key)}; "
                                 f"its parameters are: {', '.join(specs)}")
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
            what = f"CSV file {shorten(self.paths[0], 160)}"
        elif self.name == "mnist":
            what = _mnist_files(self.paths)
        else:
            what = f"built-in {quote(self.name)}"
        what += f" ({settings})" if settings else ""
        if "classes" in self.params:
            what += f"; {_class_mapping(self.params['classes'])}"
        split = (f"{self.test_fraction:.0%} held out for testing (split seed "
                 f"{self.split_seed})") if self.test_fraction else "no test set"
        # Test files of its own were named already.
        what += "" if self.test_paths else f"; {split}"
        return what + ("; inputs standardized" if self.standardize else "")


def _mnist_files(paths: tuple[str, ...]) -> str:
    """"MNIST files a.gz and b.gz, test files c.gz and d.gz in /data": a folder that
    holds them all is named once."""
    folders = {str(PurePath(path).parent) for path in paths}
    shown = [shorten(PurePath(path).name, 80) if len(folders) == 1 else shorten(path, 160)
             for path in paths]
    text = f"MNIST files {shown[0]} and {shown[1]}"
    text += f", test files {shown[2]} and {shown[3]}" if len(shown) == 4 else ""
    folder = folders.pop() if len(folders) == 1 else "."
    return text + (f" in {shorten(folder, 160)}" if folder != "." else "")


def _check_test_fits(test_file: str, train: Dataset, test: Dataset) -> None:
    """ValueError naming ``test_file`` unless ``test`` has the training data's inputs
    and outputs."""
    sizes = [(d.n_features, d.targets.shape[1]) for d in (train, test)]
    if sizes[0] != sizes[1]:
        raise ValueError(f"{shorten(test_file, 160)}: the test set has {sizes[1][0]:,} "
                         f"inputs and {sizes[1][1]:,} outputs, the training data "
                         f"{sizes[0][0]:,} and {sizes[0][1]:,}")


def _class_mapping(classes: list[str]) -> str:
    """"classes 0 = setosa, 1 = versicolor": which output stands for which class."""
    shown = ", ".join(f"{k} = {shorten(name, 30)}"
                      for k, name in enumerate(classes[:SHOWN_CLASSES]))
    more = (f", … {len(classes) - SHOWN_CLASSES:,} more" if len(classes) > SHOWN_CLASSES
            else "")
    return f"classes {shown}{more}"


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
            raise ValueError("the network has no dataset to learn from")
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
                raise ValueError(f"the saved position in the epoch (row {state['cursor']}) "
                                 f"is beyond the {trainer.n_samples} training rows")
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
