"""A run's timeline beside its network file: ``<file>.timeline.npz``, written only when
the user asks for it.

numpy's ``.npz`` (a zip of ``.npy`` arrays, read with ``allow_pickle=False``): ``params``
(checkpoints, n_params), one ``optimizer.<name>`` array (rows, n_params) per optimiser
state array, and ``meta``, UTF-8 JSON as bytes: the format, the network's layer sizes,
a fingerprint of the parameters it was saved with, and per checkpoint its moment and
trainer state without the arrays (checked like a network file's, by
``statefields.read_progress``).  Sizes are checked before anything is allocated, and
anything wrong raises one :class:`InputError` line naming the file, the field and what
is wrong; the network itself is never touched.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import numpy as np

from nnsim.simulator.filesafe import read_input_file, write_atomically
from nnsim.simulator.i18n import translate
from nnsim.simulator.jsonfields import Field, FieldError
from nnsim.simulator.jsonparse import check_parse_cost, parse
from nnsim.simulator.network import Network
from nnsim.simulator.optimizers import OPTIMIZERS, state_names
from nnsim.simulator.safetext import InputError
from nnsim.simulator.statefields import PROGRESS_KEYS, read_progress

from .timeline import Checkpoint

FORMAT = "nnsim-timeline"
VERSION = 1
SUFFIX = ".timeline.npz"
#: Every optimiser state array a file may hold.
ARRAY_NAMES = sorted({name for optimizer in OPTIMIZERS for name in state_names(optimizer)})
#: The .npy header versions read (numpy writes 1.0, or 2.0 for very long headers).
HEADER_READERS = {(1, 0): np.lib.format.read_array_header_1_0,
                  (2, 0): np.lib.format.read_array_header_2_0}
#: Room for the JSON besides the arrays, on top of the budget a file may fill.
META_BYTES = 64 * 2**20


def sidecar(path: str | os.PathLike) -> Path:
    """Where the timeline of the network file at ``path`` is kept."""
    return Path(f"{path}{SUFFIX}")


def fingerprint(network: Network) -> str:
    """Which parameters a timeline was saved beside (the network file's, exactly)."""
    return hashlib.sha256(np.ascontiguousarray(network.params).tobytes()).hexdigest()


def save_timeline(checkpoints: list[Checkpoint], network: Network, path) -> None:
    """Write ``checkpoints`` (of ``network``'s run) to ``path`` atomically."""
    arrays: dict[str, list[np.ndarray]] = {}
    moments = []
    for c in checkpoints:
        optimizer = c.state["optimizer"]
        names = [key for key in optimizer if key != "t"]
        for key in names:
            arrays.setdefault(key, []).append(optimizer[key])
        state = {key: c.state[key] for key in PROGRESS_KEYS}
        state["optimizer"] = {"t": int(optimizer["t"]), "arrays": names}
        moments.append({"progress": c.position, "state": state})
    meta = {"format": FORMAT, "version": VERSION, "sizes": network.sizes,
            "fingerprint": fingerprint(network), "checkpoints": moments}
    members = {"meta": np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
               "params": np.array([c.params for c in checkpoints]).reshape(
                   len(checkpoints), network.params.size)}
    members.update({f"optimizer.{key}": np.array(rows) for key, rows in arrays.items()})
    buffer = io.BytesIO()
    np.savez(buffer, **members)
    write_atomically(path, buffer.getvalue())


def load_timeline(path, network: Network, limit: int) -> list[Checkpoint]:
    """The checkpoints in the file at ``path`` for ``network`` (the one it was saved
    with), holding at most ``limit`` bytes of arrays; InputError says what is wrong."""
    data = read_input_file(path, limit + META_BYTES)
    try:
        members = _read_members(data, limit)
        return _checkpoints(members, network)
    except FieldError as error:
        raise InputError(str(path), error.path, error.detail) from None
    except (OSError, ValueError) as error:   # numpy's reader, on bytes already read
        raise InputError(str(path), "", str(error)) from None


def _read_members(data: bytes, limit: int) -> dict[str, np.ndarray]:
    """The arrays of an .npz file's ``data``, their sizes checked before reading."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except zipfile.BadZipFile:
        raise FieldError("", translate("session.timelinefile",
                                       "not a timeline file (not an .npz archive)")) from None
    allowed = {"meta.npy", "params.npy"} | {f"optimizer.{k}.npy" for k in ARRAY_NAMES}
    for info in infos:
        if info.filename not in allowed:
            raise FieldError(info.filename, translate("session.timelinefile",
                                                      "is not part of a timeline file"))
        if info.filename == "meta.npy" and info.file_size > META_BYTES:
            raise FieldError("meta", translate("session.timelinefile", "holds more than {count} "
                                               "bytes").format(count=f"{META_BYTES:,}"))
    if sum(i.file_size for i in infos if i.filename != "meta.npy") > limit:
        raise FieldError("", translate("session.timelinefile", "holds more than the timeline's "
                                       "budget of {count} bytes").format(count=f"{limit:,}"))
    for info in infos:
        _check_header(archive, info)
    with np.load(io.BytesIO(data), allow_pickle=False) as npz:
        return {name: npz[name] for name in npz.files}


def _check_header(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """The array header of member ``info`` promises no more than the member holds:
    numpy allocates what the header says before it reads a byte of the data."""
    name = info.filename.removesuffix(".npy")
    with archive.open(info) as member:
        try:
            read_header = HEADER_READERS.get(np.lib.format.read_magic(member))
            if read_header is None:
                raise ValueError(translate("session.timelinefile",
                                           "an .npy version nnsim does not read"))
            shape, _, dtype = read_header(member)
        except (ValueError, EOFError, SyntaxError) as error:
            raise FieldError(name, translate("session.timelinefile", "is not a numpy array: "
                                             "{problem}").format(problem=error)) from None
    if dtype.hasobject or int(np.prod(shape, dtype=object)) * dtype.itemsize > info.file_size:
        raise FieldError(name, translate("session.timelinefile", "its header promises more data "
                                         "({shape}, {dtype}) than it holds").format(
            shape=shape, dtype=dtype))


def _array(members: dict, name: str, rows: int, columns: int) -> np.ndarray:
    """Member ``name``: finite numbers, (rows, columns)."""
    array = members.get(name)
    if array is None:
        raise FieldError(name, translate("session.timelinefile", "is missing"))
    if array.dtype.kind not in "fiu" or array.shape != (rows, columns):
        raise FieldError(name, translate("session.timelinefile", "must be {rows} × {columns} "
                                         "numbers, not {dtype} of shape {shape}").format(
            rows=rows, columns=columns, dtype=array.dtype, shape=array.shape))
    if not np.isfinite(array).all():
        raise FieldError(name, translate("session.timelinefile",
                                         "holds a value that is not a finite number"))
    return array.astype(float)


def _checkpoints(members: dict, network: Network) -> list[Checkpoint]:
    meta = members.get("meta")
    if meta is None or meta.dtype != np.uint8 or meta.ndim != 1:
        raise FieldError("meta", translate("session.timelinefile",
                                           "is missing or is not UTF-8 bytes"))
    check_parse_cost(meta.tobytes(), META_BYTES)
    root = Field(parse(meta.tobytes()), "meta")
    root.object(required=("format", "version", "sizes", "fingerprint", "checkpoints"))
    root["format"].string(choices=(FORMAT,), what="format")
    root["version"].integer(VERSION, VERSION)
    if root["sizes"].integers(minimum=1) != network.sizes:
        root["sizes"].fail(translate("session.timelinefile",
                                     "belong to another network than this file's"))
    if root["fingerprint"].string() != fingerprint(network):
        root["fingerprint"].fail(translate(
            "session.timelinefile", "the network was changed after this timeline was saved"))
    entries = root["checkpoints"].array()
    n, columns = len(entries), network.params.size
    params = _array(members, "params", n, columns)
    states = [_read_moment(entry) for entry in entries]
    _attach_arrays(states, members, columns)
    _check_order(entries, states)
    return [Checkpoint(s["epoch"], s["step"], params[i].copy(), s, progress)
            for i, (s, progress) in enumerate(zip(states, _progresses(entries)))]


def _read_moment(entry: Field) -> dict:
    entry.object(required=("progress", "state"))
    field = entry["state"]
    field.object(required=(*PROGRESS_KEYS, "optimizer"))
    state = read_progress(field)
    optimizer = field["optimizer"]
    optimizer.object(required=("t", "arrays"))
    listed = optimizer["arrays"].array(max_length=len(ARRAY_NAMES))
    names = optimizer["arrays"].strings(len(listed), max_length=40)
    for i, name in enumerate(names):
        if name not in ARRAY_NAMES or names.index(name) != i:
            optimizer["arrays"].child(i).fail(translate(
                "session.timelinefile",
                "is not an optimiser's state array (one of {names}, once)").format(
                names=", ".join(ARRAY_NAMES)))
    state["optimizer"] = {"t": optimizer["t"].integer(minimum=0), "arrays": names}
    return state


def _attach_arrays(states: list[dict], members: dict, columns: int) -> None:
    """Replace each state's optimiser array names by its rows of the arrays."""
    counts = {name: sum(name in s["optimizer"]["arrays"] for s in states)
              for name in ARRAY_NAMES}
    arrays = {name: _array(members, f"optimizer.{name}", count, columns)
              for name, count in counts.items() if count or f"optimizer.{name}" in members}
    used = dict.fromkeys(ARRAY_NAMES, 0)
    for state in states:
        optimizer = {"t": state["optimizer"]["t"]}
        for name in state["optimizer"]["arrays"]:
            optimizer[name] = arrays[name][used[name]].copy()
            used[name] += 1
        state["optimizer"] = optimizer


def _progresses(entries: list[Field]) -> list[float]:
    return [entry["progress"].number(minimum=0) for entry in entries]


def _check_order(entries: list[Field], states: list[dict]) -> None:
    for entry, before, state in zip(entries[1:], states, states[1:]):
        if state["step"] <= before["step"]:
            entry["state"]["step"].fail(translate("session.timelinefile", "must be later than the "
                                                 "checkpoint before it"))
