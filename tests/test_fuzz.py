"""A structure-aware fuzzer over the example network files (issue 9).

Each case takes one example file (or a trained network with masks, overrides and
optimiser state), applies one seeded mutation - wrong types, huge and negative sizes,
NaN and Infinity, deep nesting, 10 MB strings, duplicate keys, tricky unicode, masks
out of range, wrong versions, removed connections, optimiser state of the wrong shape,
byte-level damage - and loads the result.  Every case must end one of two ways:

* refused with a NetworkFileError whose message is one printable line of bounded
  length naming the file (any other exception is a failure);
* loaded: then it trains one step (on its own data, or on random data shaped for the
  network when its data cannot be loaded; a network that cannot be trained is counted
  with the reason), saves, and loads again with the same parameters and state.

tracemalloc's peak per case stays under MAX_PEAK.  The normal run tries FAST_CASES
mutations; ``NNSIM_FUZZ=full`` runs FULL_CASES and prints the tally, including the
slowest load (time is printed, never asserted).  Case ``k`` is seeded with ``SEED + k``,
so ``NNSIM_FUZZ_CASE=k`` reruns one case alone.
"""

import copy
import json
import math
import os
import random
import re
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from nnsim.simulator.dataset import Dataset
from nnsim.simulator.fileformat import (
    NetworkFileError,
    load_project,
    project_from_bytes,
    project_to_dict,
    save_project,
)
from nnsim.simulator.project import Project
from nnsim.simulator.trainingtypes import TrainingDiverged, TrainingError

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"
SEED = 90_000
FAST_CASES = 300
FULL_CASES = 10_000
MAX_PEAK = 100 * 2**20
MAX_MESSAGE = 1_000
#: Characters a message must never carry: controls, separators, bidi overrides, surrogates.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                         "\ud800-\udfff]")
PLACEHOLDER = "@@fuzz@@"
TEN_MB = "x" * 10_000_000


# ====================================================================== sources
def trained_sources() -> list[dict]:
    """Networks whose files hold what the examples do not: masks, overrides, optimiser
    state in the middle of an epoch."""
    documents = []
    for name, optimizer, steps in (("xor-2-4-1", "adam", 5), ("spiral", "momentum", 7)):
        project = load_project(EXAMPLES / f"{name}.nnsim.json")
        project.network.set_connection(0, 1, 2, False)
        project.network.set_neuron_activation(1, 0, "relu")
        project.set_optimizer(optimizer)
        trainer = project.make_trainer()
        for _ in range(steps):
            trainer.step()
        project.capture(trainer)
        documents.append(project_to_dict(project, EXAMPLES))
    return documents


SOURCES = [json.loads(path.read_text(encoding="utf-8"))
           for path in sorted(EXAMPLES.glob("*.nnsim.json"))] + trained_sources()


# ====================================================================== helpers
def paths(value, path=()):
    """Every node's path in a JSON value, the root's () first."""
    yield path
    children = value.items() if isinstance(value, dict) else \
        enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        yield from paths(child, path + (key,))


def value_at(document, path):
    for key in path:
        document = document[key]
    return document


def parent_of(document, path):
    return value_at(document, path[:-1])


def with_literal(document, path, literal: str) -> bytes:
    """The document's JSON with the value at ``path`` written as ``literal`` verbatim."""
    parent_of(document, path)[path[-1]] = PLACEHOLDER
    return json.dumps(document).replace(f'"{PLACEHOLDER}"', literal, 1).encode()


def some_path(document, rng, where=lambda path: True):
    candidates = [path for path in paths(document) if path and where(path)]
    return rng.choice(candidates) if candidates else None


def layers_of(document) -> list:
    return document.get("network", {}).get("layers", [])


# ====================================================================== mutations
REPLACEMENTS = [None, True, False, 0, -1, 1, 1.5, -0.0, 2**63, 2**53 + 1, 1e308, -1e308,
                5e-324, "", "relu", "softmax", "adam", [], [0], [[1.0]], {}, {"x": 1}]


def replace_type(document, rng):
    path = some_path(document, rng)
    parent_of(document, path)[path[-1]] = copy.deepcopy(rng.choice(REPLACEMENTS))
    return document


def delete_node(document, rng):
    path = some_path(document, rng)
    del parent_of(document, path)[path[-1]]
    return document


def copy_or_swap(document, rng):
    path = some_path(document, rng, lambda p: isinstance(p[-1], int))
    if path is None:
        return document
    parent = parent_of(document, path)
    if rng.random() < 0.5 and len(parent) > 1:
        i, j = rng.sample(range(len(parent)), 2)
        parent[i], parent[j] = parent[j], parent[i]
    else:
        parent.insert(path[-1], copy.deepcopy(parent[path[-1]]))
    return document


def layer_size(document, rng):
    layers = layers_of(document)
    if not layers:
        return document
    size = rng.choice([0, -1, -10**9, 10**9, 10**7, 10**6, 100_001, 99_999, 2**63, 2**53 + 1,
                       "4", 4.0, True, None])
    layers[rng.randrange(len(layers))]["size"] = size
    return document


def extreme_number(document, rng):
    path = some_path(document, rng, lambda p: True)
    literal = rng.choice(["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1e-400",
                          "9" * 5000, "-" + "9" * 5000, "1" + "0" * 400, str(2**53 + 1),
                          "0." + "1" * 10_000, "-0", "1E2", "5e-324", "1.7976931348623157e308"])
    return with_literal(document, path, literal)


def weights_extreme(document, rng):
    """Valid files with extreme but finite parameters or optimiser moments."""
    path = some_path(document, rng, lambda p: "weights" in p or "biases" in p
                     or "optimizer" in p)
    if path is None or not isinstance(parent_of(document, path)[path[-1]], (int, float)):
        return document
    parent_of(document, path)[path[-1]] = rng.choice([1e308, -1e308, 1e154, 5e-324, -0.0,
                                                      1e-300, 3e38])
    return document


def deep_nesting(document, rng):
    depth = rng.choice([20, 1000, 100_000])
    return with_literal(document, some_path(document, rng), "[" * depth + "]" * depth)


def long_text(document, rng):
    """A 10 MB string (rarely, it is slow) or a 5,000-character one, as a value or key."""
    text = TEN_MB if rng.random() < 0.1 else "y" * 5000
    path = some_path(document, rng, lambda p: isinstance(p[-1], str))
    parent = parent_of(document, path)
    if rng.random() < 0.5:
        parent[path[-1]] = text
    else:
        parent[text] = parent.pop(path[-1])
    return document


def duplicate_key(document, rng):
    objects = [p for p in paths(document) if isinstance(value_at(document, p), dict)
               and value_at(document, p)]
    return to_json(document, duplicate=rng.choice(objects)).encode()


def to_json(value, duplicate=None, path=()) -> str:
    """JSON text in which the object at ``duplicate`` repeats its first key."""
    if isinstance(value, dict):
        items = list(value.items())
        if path == duplicate:
            items.append(items[0])
        return "{" + ",".join(f"{json.dumps(k)}:{to_json(v, duplicate, path + (k,))}"
                              for k, v in items) + "}"
    if isinstance(value, list):
        return "[" + ",".join(to_json(v, duplicate, path + (i,))
                              for i, v in enumerate(value)) + "]"
    return json.dumps(value)


TRICKY_TEXT = ["\ud800", "ok\udfff", "\x1b[31mnnsim: all good\x1b[0m", "line\nnnsim: error: x",
               "\u202eevil", "😀 emoji", "\x00", "é", "\u2028", "", " ", "0", "00"]


def tricky_unicode(document, rng):
    path = some_path(document, rng, lambda p: isinstance(p[-1], str) or "names" in p)
    parent = parent_of(document, path)
    text = rng.choice(TRICKY_TEXT)
    if rng.random() < 0.6 or isinstance(parent, list):
        parent[path[-1]] = text
    else:
        parent[text] = parent.pop(path[-1])
    return json.dumps(document, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")


def masks(document, rng):
    """Removed connections: out of range, malformed, on a nonzero weight, or valid."""
    layers = layers_of(document)
    if len(layers) < 2:
        return document
    k = rng.randrange(1, len(layers))
    layer, rows = layers[k], layers[k - 1].get("size", 1)
    columns = layer.get("size", 1)
    if rng.random() < 0.5 and isinstance(rows, int) and isinstance(columns, int) \
            and isinstance(layer.get("weights"), list):
        pairs = {(rng.randrange(rows), rng.randrange(columns)) for _ in range(3)}
        for i, j in pairs:  # valid: the weight of a removed connection is 0
            layer["weights"][i][j] = 0.0
        layer["removed"] = sorted([i, j] for i, j in pairs)
    else:
        layer["removed"] = rng.choice([[[rows, 0]], [[0, columns]], [[-1, 0]], [[0]],
                                       [[0, 0, 0]], [[True, 0]], [[0.0, 0]], [[2**70, 0]],
                                       "all", [[0, 0], [0, 0]], [None]])
    return document


def overrides(document, rng):
    layers = layers_of(document)
    if len(layers) < 2:
        return document
    key = rng.choice(["0", "1", "00", "-1", "1e3", "9" * 5000, "١", " 0", "99"])
    activation = rng.choice(["relu", "tanh", "softmax", "step", "swish", 3])
    layers[rng.randrange(1, len(layers))]["overrides"] = {key: activation}
    return document


def version(document, rng):
    choice = rng.choice(["0", "-1", "2", "1" + "0" * 400, '"1"', "1.0", "null", "true"])
    return with_literal(document, ("version",), choice)


def input_only(document, rng):
    if layers_of(document):
        document["network"]["layers"] = [layers_of(document)[0]]
        document["state"] = None
    return document


def optimizer_state(document, rng):
    state = document.get("state")
    if not isinstance(state, dict):
        return replace_type(document, rng)
    optimizer = state["optimizer"]
    kind = rng.randrange(4)
    if kind == 0:
        optimizer["t"] = rng.choice([-1, 2**53 + 1, 1.5, None])
    elif kind == 1:
        document["training"]["optimizer"] = rng.choice(["sgd", "momentum", "adam"])
    elif kind == 2:
        arrays = [key for key in optimizer if key != "t"]
        if arrays:
            optimizer[rng.choice(arrays)].pop()
    else:
        arrays = [key for key in optimizer if key != "t"]
        if arrays:
            block = optimizer[rng.choice(arrays)][0]
            block["biases"] = block["biases"] + [0.0]
    return document


def settings(document, rng):
    training = document.setdefault("training", {})
    key, value = rng.choice([("learning_rate", 1e308), ("learning_rate", 5e-324),
                             ("batch_size", 2**53), ("batch_size", 0), ("epochs", None),
                             ("l2", 1e300), ("l1", 1e300), ("clip_norm", 5e-324),
                             ("probe_size", 2**53), ("snapshot_every", 2**53),
                             ("momentum", 0.999999), ("beta2", 0.0), ("epsilon", 1e-300),
                             ("seed", 2**53), ("shuffle", 0)])
    training[key] = value
    return document


def byte_damage(document, rng):
    data = json.dumps(document).encode()
    i = rng.randrange(len(data))
    kind = rng.randrange(5)
    if kind == 0:
        return data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]
    if kind == 1:
        return data[:i] + data[i + rng.randint(1, 40):]
    if kind == 2:
        return data[:i]
    if kind == 3:
        return data[:i] + b"\xed\xa0\x80" + data[i:]  # an encoded surrogate: not UTF-8
    return data[:i] + rng.choice([b"{", b"}", b"[", b"]", b",", b":", b'"']) + data[i:]


MUTATIONS = {
    "replace a value by another type": (replace_type, 12),
    "delete a field or item": (delete_node, 8),
    "copy or swap array items": (copy_or_swap, 5),
    "huge, negative or odd layer size": (layer_size, 6),
    "NaN, Infinity, huge or long number": (extreme_number, 8),
    "extreme finite weights or moments": (weights_extreme, 6),
    "deep nesting": (deep_nesting, 3),
    "long string or key": (long_text, 3),
    "duplicate key": (duplicate_key, 3),
    "tricky unicode": (tricky_unicode, 6),
    "removed connections": (masks, 7),
    "per-neuron activations": (overrides, 5),
    "version": (version, 3),
    "input layer only": (input_only, 2),
    "optimiser state": (optimizer_state, 6),
    "training settings": (settings, 5),
    "byte damage": (byte_damage, 12),
}


def mutate(case: int) -> tuple[str, bytes]:
    """Case ``case``'s mutation name and file bytes (deterministic)."""
    rng = random.Random(SEED + case)
    names = list(MUTATIONS)
    name = rng.choices(names, weights=[MUTATIONS[n][1] for n in names])[0]
    result = MUTATIONS[name][0](copy.deepcopy(rng.choice(SOURCES)), rng)
    if isinstance(result, dict):
        result = json.dumps(result).encode()
    return name, result


# ====================================================================== one case
class Tally:
    def __init__(self):
        self.outcomes = Counter()
        self.skipped = Counter()
        self.failures: list[str] = []
        self.max_seconds = (0.0, -1)
        self.max_peak = (0, -1)

    def report(self, cases: int) -> str:
        lines = [f"{cases:,} mutations: {self.outcomes['refused']:,} clean refusals, "
                 f"{self.outcomes['loaded']:,} loaded ({self.outcomes['trained']:,} trained "
                 f"a step, {self.outcomes['diverged']:,} diverged at once and were rolled "
                 f"back, {sum(self.skipped.values()):,} not trainable; "
                 f"{self.outcomes['reloaded']:,} of them saved and reloaded), "
                 f"{len(self.failures)} failures",
                 f"slowest load {self.max_seconds[0]:.3f} s (case {self.max_seconds[1]}), "
                 f"largest peak {self.max_peak[0] / 2**20:.1f} MiB (case {self.max_peak[1]})"]
        lines += [f"  not trainable: {reason} ×{n}" for reason, n in self.skipped.items()]
        return "\n".join(lines + self.failures[:20])


def synthetic_data(network, rows: int) -> Dataset:
    """Random regression data shaped for ``network``: inputs N(0, 1), targets in (0, 1)."""
    rng = np.random.default_rng(0)
    return Dataset("fuzz", rng.normal(size=(rows, network.sizes[0])),
                   rng.uniform(0.05, 0.95, size=(rows, network.sizes[-1])), "regression")


_DATA: dict[str, tuple] = {}


def make_trainer(project: Project):
    """A trainer on the project's own data (kept between cases), or on random data when
    that cannot be loaded or does not fit the network."""
    key = repr(project.dataset)
    try:
        if key not in _DATA:
            _DATA[key] = project.load_data()
        return project.make_trainer(*_DATA[key])
    except TrainingError:
        raise
    except ValueError:
        state = project.trainer_state or {"cursor": 0}
        return project.make_trainer(synthetic_data(project.network, state["cursor"] + 8))


def train_save_reload(project: Project, folder: Path, tally: Tally, case: int) -> None:
    """One training step where the network can learn, then save and reload: every
    file that loads, trainable or not, must save and load back as it was."""
    if train_one_step(project, tally):
        issue = engine_issue(project)
        if issue:
            tally.failures.append(f"case {case}: after one step, {issue}")
            return
    path = folder / f"case-{case}.nnsim.json"
    save_project(project, path)
    again = load_project(path)
    assert again.network.params.tobytes() == project.network.params.tobytes()
    assert (again.trainer_state is None) == (project.trainer_state is None)
    if project.trainer_state is not None:
        assert again.trainer_state["step"] == project.trainer_state["step"]
    tally.outcomes["reloaded"] += 1
    path.unlink()


def train_one_step(project: Project, tally: Tally) -> bool:
    """Train one step and keep the trainer's state in the project; False (the reason
    counted) when the network cannot be trained."""
    if project.network.n_layers < 2:
        tally.skipped["the network has only an input layer"] += 1
        return False
    if project.trainer_state and project.trainer_state["cursor"] > 10_000:
        tally.skipped["saved position beyond the rows of random data"] += 1
        return False
    try:
        trainer = make_trainer(project)
    except TrainingError as error:
        tally.skipped[str(error).split(":")[0]] += 1
        return False
    try:
        trainer.step()
        tally.outcomes["trained"] += 1
    except TrainingDiverged:
        tally.outcomes["diverged"] += 1
    project.capture(trainer)
    return True


#: What a step must never leave behind (the file could not be saved); the fuzzer found
#: each of them before the trainer checked for it.
ENGINE_ISSUES = (
    "non-finite parameters after a step, not reported as divergence",
    "a removed connection moved (optimiser state loaded at removed connections)",
    "non-finite optimiser state after a step with finite parameters",
)


def engine_issue(project: Project) -> str | None:
    """Which of ENGINE_ISSUES the project shows after its step, if any (its file could
    not be saved)."""
    network = project.network
    if not np.isfinite(network.params).all():
        return ENGINE_ISSUES[0]
    if any((weights[~mask] != 0).any() for weights, mask in zip(network.weights, network.masks)):
        return ENGINE_ISSUES[1]
    arrays = [value for value in project.trainer_state["optimizer"].values()
              if isinstance(value, np.ndarray)]
    if not all(np.isfinite(array).all() for array in arrays):
        return ENGINE_ISSUES[2]
    return None


def run_case(case: int, folder: Path, tally: Tally) -> None:
    """Load case ``case`` (the part measured and traced), then train, save, reload."""
    name, data = mutate(case)
    source = f"fuzz-{case}.nnsim.json"
    try:
        project, seconds, peak = traced_load(data, source)
        if project is None:
            tally.outcomes["refused"] += 1
        else:
            tally.outcomes["loaded"] += 1
            train_save_reload(project, folder, tally, case)
    except Exception as error:  # noqa: BLE001 - every unexpected outcome is reported
        tally.failures.append(f"case {case} ({name}): {type(error).__name__}: "
                              f"{str(error)[:300]}")
        return
    tally.max_seconds = max(tally.max_seconds, (seconds, case))
    tally.max_peak = max(tally.max_peak, (peak, case))
    if peak > MAX_PEAK:
        tally.failures.append(f"case {case} ({name}): loading took {peak / 2**20:.0f} MiB")


def traced_load(data: bytes, source: str) -> tuple[Project | None, float, int]:
    """``(project or None if refused, seconds, tracemalloc peak)``; a refusal's message
    must be one printable line of at most MAX_MESSAGE characters naming the file."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        project = project_from_bytes(data, source, EXAMPLES)
    except NetworkFileError as error:
        message = str(error)
        assert message.startswith(f"{source}: "), message[:200]
        assert len(message) <= MAX_MESSAGE, message[:MAX_MESSAGE]
        assert not UNPRINTABLE.search(message), message
        project = None
    finally:
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return project, seconds, peak


def test_fuzzed_files_are_refused_in_one_line_or_load_train_save_and_reload(tmp_path):
    only = os.environ.get("NNSIM_FUZZ_CASE")
    full = os.environ.get("NNSIM_FUZZ") == "full"
    cases = [int(only)] if only else range(FULL_CASES if full else FAST_CASES)
    tally = Tally()
    for case in cases:
        run_case(case, tmp_path, tally)
    if full or only:
        print("\n" + tally.report(len(cases)))
    assert not tally.failures, tally.report(len(cases))
    assert tally.outcomes["reloaded"] == tally.outcomes["loaded"]  # trainable or not
    if not only:  # both ways out are really exercised
        assert min(tally.outcomes["refused"], tally.outcomes["trained"]) > len(cases) / 10


def test_every_mutation_kind_is_drawn_in_the_fast_sample():
    drawn = {mutate(case)[0] for case in range(FAST_CASES)}
    assert drawn == set(MUTATIONS)


@pytest.mark.parametrize("source", range(len(SOURCES)))
def test_every_source_loads_unmutated(source):
    project = project_from_bytes(json.dumps(SOURCES[source]).encode(), "source", EXAMPLES)
    assert math.isfinite(float(project.network.params.sum()))
