"""Network files for the file-format tests: a project using every feature, a valid
document of it, and ways to load a document and measure what it costs."""

import contextlib
import json
import tracemalloc
from pathlib import Path
from types import SimpleNamespace

import pytest

from nnsim.simulator.fileformat import NetworkFileError, project_from_bytes, project_to_dict
from nnsim.simulator.project import DatasetRef, Project
from nnsim.simulator.training import TrainingConfig

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"


def edited_network() -> Project:
    """A 2-4-3-2 network using every per-network feature the file stores."""
    project = Project.new([2, 4, 3, 2], hidden="tanh", output="softmax",
                          dataset=DatasetRef("xor_quadrants", {"n_samples": 60, "seed": 3},
                                             test_fraction=0.25, split_seed=5),
                          training=TrainingConfig(optimizer="adam", learning_rate=0.02,
                                                  batch_size=7, epochs=30, seed=11))
    net = project.network
    net.set_connection(0, 1, 2, False)
    net.set_connection(1, 3, 0, False)
    net.set_neuron_activation(1, 2, "relu")
    net.set_neuron_activation(2, 0, "leaky_relu")
    net.names[1][0] = "edge detector ✓"
    net.layout.update({"positions": [[[0.5, -1.25], [3, 4]], None, None, None], "zoom": 1.5,
                       "note": None})
    net.weights[0][0, 0] = -0.0
    net.weights[0][0, 1] = 5e-324  # the smallest subnormal
    net.biases[1][1] = 1.7976931348623157e308
    project.title, project.description = "Edited", "Every feature at once."
    return project


@contextlib.contextmanager
def traced():
    """tracemalloc's peak over the block, in bytes, as ``memory.peak`` afterwards."""
    memory = SimpleNamespace(peak=0)
    tracemalloc.start()
    try:
        yield memory
    finally:
        memory.peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


def as_bytes(document: dict) -> bytes:
    return json.dumps(document).encode()


def valid_document() -> dict:
    project = edited_network()
    trainer = project.make_trainer()
    for _ in range(5):
        trainer.step()
    project.capture(trainer)
    return project_to_dict(project)


def load_document(document: dict) -> Project:
    return project_from_bytes(as_bytes(document), "test.nnsim.json")


def set_path(document: dict, path: tuple, value) -> dict:
    target = document
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return document


DELETE = object()
LAYER1 = ("network", "layers", 1)

def traced_load(data: bytes, source="x.nnsim.json"):
    """Load ``data``; returns (the error, tracemalloc's peak in bytes while loading)."""
    with traced() as memory, pytest.raises(NetworkFileError) as caught:
        project_from_bytes(data, source)
    return caught.value, memory.peak


def xor_document() -> dict:
    return json.loads((EXAMPLES / "xor-2-4-1.nnsim.json").read_text())
