"""The ``.nnsim.json`` network file: strict loading, atomic saving, version migrations.

A file is UTF-8 JSON; ``docs/file-format.md`` describes every field and
``resources/schema/nnsim-network.schema.json`` is its JSON Schema.  Numbers are written
with Python's shortest round-trip ``repr``, so float64 weights load back bit for bit.

Loading is bounded and total.  Only a regular file of at most MAX_FILE_BYTES is read,
and only parsed if that takes at most MAX_PARSE_BYTES of memory; the layer sizes are
checked against the network limits (``networkfields``) before anything is built; then
every field's type, shape and range.  Any problem is one :class:`NetworkFileError`
naming the file and the field.  Nothing in a file is executed.

Saving refuses what loading would refuse, then replaces the file atomically, keeping
its links, mode and owner (``filesafe``), so a crash mid-save leaves the previous file
whole and every saved file loads again.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import numpy as np

from .csvfile import MAX_CLASSES
from .filesafe import read_input_file, write_atomically
from .i18n import translate
from .initializers import BIAS_INITS, WEIGHT_INITS, InitConfig
from .jsonfields import Field, FieldError, describe
from .jsonparse import check_parse_cost, parse
from .limits import (
    LEARNING_RATE_MAX,
    LEARNING_RATE_MIN,
    MAX_BATCH_SIZE,
    MAX_EPOCHS,
    MAX_PENALTY,
    MAX_SEED,
    MAX_TARGET_LOSS,
)
from .losses import LOSSES
from .migrations import FORMAT_NAME, FORMAT_VERSION, upgrade
from .network import DTYPES, Network
from .networkfields import build_network, read_layers, read_layout
from .optimizers import OPTIMIZERS
from .project import DatasetRef, Project
from .safetext import InputError, os_reason
from .statefields import flatten_arrays, read_state
from .trainingtypes import TrainingConfig

SUFFIX = ".nnsim.json"

# What a file may hold is limited so that reading one is fast and small whatever it says;
# ``networkfields`` limits the network's size.  docs/file-format.md gives the reasons.
#: Files above this size are refused before they are read (a network at the parameter
#: limit, with Adam's state, takes about 33 MB).
MAX_FILE_BYTES = 64 * 2**20
#: Memory the parsing of one file may take, by ``jsonparse.parse_cost``'s estimate.
MAX_PARSE_BYTES = 256 * 10**6
#: Characters of the title and of the description.
MAX_TITLE_CHARS = 200
MAX_DESCRIPTION_CHARS = 10_000


class NetworkFileError(InputError):
    """A network file cannot be read or written: one line naming file, field and reason."""


# ====================================================================== loading
def load_project(path: str | os.PathLike) -> Project:
    """Read a project file; relative data paths in it are taken from its folder.

    Only a regular file is opened (never a device or a FIFO, which could block or never
    end), and only when it is at most MAX_FILE_BYTES."""
    path = Path(path)
    data = read_input_file(path, MAX_FILE_BYTES, NetworkFileError)
    project = project_from_bytes(data, str(path), path.parent)
    project.path = path
    return project


def project_from_bytes(data: bytes, source: str = "<data>",
                       base_dir: str | os.PathLike | None = None) -> Project:
    """A project from a file's bytes; ``source`` names it in errors."""
    try:
        _check_readable(data)
        document = parse(data)
    except FieldError as error:
        raise NetworkFileError(source, error.path, error.detail) from None
    return project_from_dict(document, base_dir, source)


def _check_readable(data: bytes) -> None:
    """FieldError if ``data`` is more than nnsim reads: too many bytes, or bytes that
    would take too much memory to parse."""
    if len(data) > MAX_FILE_BYTES:
        raise FieldError("", translate("simulator.fileformat", "the file has {size} bytes; "
                                       "nnsim reads files of up to {limit} bytes").format(
            size=f"{len(data):,}", limit=f"{MAX_FILE_BYTES:,}"))
    check_parse_cost(data, MAX_PARSE_BYTES)


def project_from_dict(document, base_dir: str | os.PathLike | None = None,
                      source: str = "<data>") -> Project:
    """A project from a parsed JSON document of any version; ``source`` names it in
    errors and ``base_dir`` is the folder relative data paths start from."""
    try:
        return _read_project(document, base_dir)
    except FieldError as error:
        raise NetworkFileError(source, error.path, error.detail) from None
    except RecursionError:
        raise NetworkFileError(source, "", translate("simulator.fileformat",
                                                     "the data is nested too deeply")) from None


def _read_project(document, base_dir) -> Project:
    """Check every field, and only then build the network (the one big allocation)."""
    root = Field(upgrade(Field(document)))
    root.object(required=("format", "version", "network"),
                optional=("title", "description", "training", "dataset", "state"))
    spec = _read_network(root["network"])
    training = _read_settings(root.get("training"), _TRAINING_READERS, TrainingConfig)
    state = read_state(root.get("state"), spec["sizes"], training.optimizer)
    dataset = _read_dataset(root.get("dataset"), base_dir)
    title = _optional(root.get("title"), "",
                      lambda f: f.string(max_length=MAX_TITLE_CHARS))
    description = _optional(root.get("description"), "",
                            lambda f: f.string(max_length=MAX_DESCRIPTION_CHARS))
    project = Project(build_network(root["network"], spec), training, dataset,
                      title=title, description=description)
    if state is not None:
        state["optimizer"] = flatten_arrays(state["optimizer"], project.network)
        project.trainer_state = state
    return project


def _optional(field: Field | None, default, read: Callable[[Field], object]):
    """``read(field)``, or ``default`` when the file leaves the field out."""
    return default if field is None else read(field)


def _read_settings(field: Field | None, readers: dict[str, Callable[[Field], object]],
                   make: Callable):
    """``make(**settings)`` from an object of optional settings, each checked by its
    reader; a setting the file leaves out keeps ``make``'s default."""
    if field is None:
        return make()
    field.object(optional=readers)
    return make(**{key: readers[key](value) for key, value in field.items()})


# ---------------------------------------------------------------------- network
def _read_network(field: Field) -> dict:
    """The checked contents of the ``network`` field, as plain values and arrays."""
    field.object(required=("layers", "loss"), optional=("dtype", "init", "layout"))
    spec = read_layers(field["layers"])
    return {
        **spec,
        "loss": field["loss"].string(choices=LOSSES,
                                     what=translate("simulator.fileformat", "loss")),
        "dtype": _optional(field.get("dtype"), "float64",
                           lambda f: f.string(choices=DTYPES,
                                              what=translate("simulator.fileformat", "dtype"))),
        "init": _read_settings(field.get("init"), _INIT_READERS, InitConfig),
        "layout": _optional(field.get("layout"), {},
                            lambda f: read_layout(f, len(spec["sizes"]))),
    }


_INIT_READERS: dict[str, Callable[[Field], object]] = {
    "weights": lambda f: f.string(choices=WEIGHT_INITS,
                                  what=translate("simulator.fileformat", "initialisation")),
    "uniform_range": lambda f: f.number(above=0),
    "biases": lambda f: f.string(choices=BIAS_INITS,
                                 what=translate("simulator.fileformat", "initialisation")),
    "bias_value": lambda f: f.number(),
    "seed": lambda f: f.integer(minimum=0, maximum=MAX_SEED, nullable=True),
}


# ---------------------------------------------------------------------- training
_TRAINING_READERS: dict[str, Callable[[Field], object]] = {
    "optimizer": lambda f: f.string(choices=OPTIMIZERS,
                                    what=translate("simulator.fileformat", "optimizer")),
    "learning_rate": lambda f: f.number(LEARNING_RATE_MIN, LEARNING_RATE_MAX),
    "momentum": lambda f: f.number(minimum=0, below=1),
    "beta1": lambda f: f.number(minimum=0, below=1),
    "beta2": lambda f: f.number(minimum=0, below=1),
    "epsilon": lambda f: f.number(above=0),
    "batch_size": lambda f: f.integer(minimum=0, maximum=MAX_BATCH_SIZE),
    "epochs": lambda f: f.integer(minimum=0, maximum=MAX_EPOCHS, nullable=True),
    "target_loss": lambda f: f.number(minimum=0, maximum=MAX_TARGET_LOSS, nullable=True),
    "shuffle": lambda f: f.boolean(),
    "l1": lambda f: f.number(minimum=0, maximum=MAX_PENALTY),
    "l2": lambda f: f.number(minimum=0, maximum=MAX_PENALTY),
    "clip_norm": lambda f: f.number(above=0, nullable=True),
    "seed": lambda f: f.integer(minimum=0, maximum=MAX_SEED),
    "snapshot_every": lambda f: f.integer(minimum=1),
    "snapshot_interval": lambda f: f.number(minimum=0),
    "probe_size": lambda f: f.integer(minimum=1),
}


# ---------------------------------------------------------------------- dataset
def _read_dataset(field: Field | None, base_dir) -> DatasetRef | None:
    if field is None or field.value is None:
        return None
    field.object(required=("name",), optional=("params", "paths", "test_fraction",
                                               "split_seed", "standardize"))
    values = {
        "name": field["name"].string(),
        "params": _optional(field.get("params"), {}, _read_dataset_params),
        "paths": _optional(field.get("paths"), (), lambda f: _read_paths(f, base_dir)),
        "test_fraction": _optional(field.get("test_fraction"), 0.0,
                                   lambda f: f.number(minimum=0, below=1)),
        "split_seed": _optional(field.get("split_seed"), 0, lambda f: f.integer(minimum=0)),
        "standardize": _optional(field.get("standardize"), False, Field.boolean),
    }
    try:
        return DatasetRef(**values)
    except ValueError as error:
        field.fail(str(error))


#: More parameters or paths than any kind of data takes are refused before reading them.
_MAX_DATASET_PARAMS, _MAX_DATASET_PATHS = 8, 4


def _read_dataset_params(field: Field) -> dict:
    field.object(extra_keys=True)
    if len(field.value) > _MAX_DATASET_PARAMS:
        field.fail(translate("simulator.fileformat", "expected at most {limit} parameters, "
                             "got {count}").format(limit=_MAX_DATASET_PARAMS,
                                                   count=f"{len(field.value):,}"))
    return {key: _scalar(value) for key, value in field.items()}


def _read_paths(field: Field, base_dir) -> list[str]:
    if isinstance(field.value, list) and len(field.value) > _MAX_DATASET_PATHS:
        field.fail(translate("simulator.fileformat", "expected at most {limit} paths, got "
                             "{count}").format(limit=_MAX_DATASET_PATHS,
                                               count=f"{len(field.value):,}"))
    return [_from_folder(path.string(), base_dir) for path in field.array()]


def _from_folder(path: str, base_dir) -> str:
    """A path as written in the file, made absolute from the file's folder so that it
    still leads to the data after a "save as" elsewhere."""
    return path if base_dir is None else os.path.abspath(Path(base_dir, path))


def _scalar(field: Field):
    """A data set parameter: a string, a finite number, true/false or null; or a list
    of strings (a CSV file's class names, at most MAX_CLASSES)."""
    if isinstance(field.value, list):
        if len(field.value) > MAX_CLASSES:
            field.fail(translate("simulator.fileformat", "expected at most {limit} class names, "
                                 "got {count}").format(limit=f"{MAX_CLASSES:,}",
                                                       count=f"{len(field.value):,}"))
        return [item.string() for item in field.array()]
    if isinstance(field.value, dict):
        field.fail(translate("simulator.fileformat", "expected a single value or a list of "
                             "names, got {found}").format(found=describe(field.value)))
    return field.plain_data()


# ====================================================================== saving
def save_project(project: Project, path: str | os.PathLike) -> None:
    """Write ``project`` to ``path`` atomically and remember ``path`` as its file.

    What loading would refuse (NaN or infinite weights, a network beyond the limits,
    text that UTF-8 cannot hold) is refused here, before anything is written, so every
    saved file loads again.  Every failure, the disk's too, is a NetworkFileError naming
    ``path``, and leaves the file at ``path`` as it was.  A link at ``path`` stays a link
    and its file gets the new content; the file keeps its mode, owner and hard links.
    """
    path = Path(path)
    document = project_to_dict(project, path.parent)
    try:
        _read_project(document, None)
        data = (_to_text(document, "") + "\n").encode("utf-8")
        _check_readable(data)
    except FieldError as error:
        raise NetworkFileError(str(path), error.path, translate(
            "simulator.fileformat", "cannot save: {problem}").format(problem=error.detail)) \
            from None
    try:
        write_atomically(path, data)
    except (OSError, ValueError) as error:
        raise NetworkFileError(str(path), "", translate(
            "simulator.fileformat", "cannot save: {problem}").format(problem=os_reason(error))
        ) from error
    project.path = path


def project_to_dict(project: Project, base_dir: str | os.PathLike | None = None) -> dict:
    """The file's JSON document; data paths are made relative to ``base_dir``."""
    network = project.network
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "title": project.title,
        "description": project.description,
        "dataset": _dataset_to_dict(project.dataset, project.base_dir, base_dir),
        "training": project.training.to_dict(),
        "network": {
            "loss": network.loss_name,
            "dtype": network.dtype.name,
            "init": asdict(network.init_config),
            "layout": network.layout,
            "layers": [_layer_to_dict(network, layer) for layer in range(network.n_layers)],
        },
        "state": _state_to_dict(project.trainer_state, network),
    }


def _layer_to_dict(network: Network, layer: int) -> dict:
    if layer == 0:
        return {"size": network.sizes[0], "names": list(network.names[0])}
    k = layer - 1
    entry = {"size": network.sizes[layer], "activation": network.activations[k]}
    if network.overrides[k]:
        entry["overrides"] = {str(j): name for j, name in sorted(network.overrides[k].items())}
    entry["names"] = list(network.names[layer])
    removed = np.argwhere(~network.masks[k])
    if removed.size:
        entry["removed"] = removed.tolist()
    entry["biases"] = network.biases[k].tolist()
    entry["weights"] = network.weights[k].tolist()
    return entry


def _dataset_to_dict(dataset: DatasetRef | None, old_dir, new_dir) -> dict | None:
    """The data reference with its paths, now relative to ``old_dir`` (the project's
    folder so far), made relative to ``new_dir`` (where the file goes)."""
    if dataset is None:
        return None
    return {"name": dataset.name, "params": dict(dataset.params),
            "paths": [_relative(Path(old_dir or ".", p), new_dir) for p in dataset.paths],
            "test_fraction": dataset.test_fraction, "split_seed": dataset.split_seed,
            "standardize": dataset.standardize}


def _relative(path: Path, base_dir) -> str:
    """``path`` as seen from ``base_dir``, with / separators (portable between systems);
    absolute when the two share no folder but the root (data installed for the whole
    system, /usr/share/datasets/…, stays found when the network file moves) or there
    is no relative way (Windows: another drive)."""
    if base_dir is None:
        return path.as_posix()
    path, base_dir = path.absolute(), Path(base_dir).absolute()
    try:
        shared = Path(os.path.commonpath([path, base_dir]))
        if shared == Path(shared.anchor):
            return path.as_posix()
        return Path(os.path.relpath(path, base_dir)).as_posix()
    except ValueError:
        return path.as_posix()


def _state_to_dict(state: dict | None, network: Network) -> dict | None:
    if state is None:
        return None
    optimizer = {key: _layerwise(value, network) if isinstance(value, np.ndarray) else int(value)
                 for key, value in state["optimizer"].items()}
    history = {key: [int(v) for v in values] if key == "epoch" else
               [finite_or_none(v) for v in values] for key, values in state["history"].items()}
    return {"epoch": int(state["epoch"]), "step": int(state["step"]),
            "in_epoch": bool(state["in_epoch"]), "cursor": int(state["cursor"]),
            "batch_in_epoch": int(state["batch_in_epoch"]), "rng_state": state["rng_state"],
            "optimizer": optimizer, "history": history}


def _layerwise(flat: np.ndarray, network: Network) -> list[dict]:
    weights, biases = network.split_flat(flat)
    return [{"biases": b.tolist(), "weights": w.tolist()} for w, b in zip(weights, biases)]


def finite_or_none(value):
    """``float(value)``, or None for None, NaN or infinity (JSON has no such numbers).

    A metric that overflowed is written as "not available" rather than refusing to save."""
    return None if value is None or not math.isfinite(value) else float(value)


def _to_text(value, indent: str) -> str:
    """JSON with two-space indents, where an array of plain values stays on one line:
    each row of weights is one line, so a diff shows which neurons changed."""
    inner = indent + "  "
    if isinstance(value, dict) and value:
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {_to_text(v, inner)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        items = [inner + _to_text(v, inner) for v in value]
        return "[\n" + ",\n".join(items) + f"\n{indent}]"
    return json.dumps(value, ensure_ascii=False, allow_nan=False)
