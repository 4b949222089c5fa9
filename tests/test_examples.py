"""The example networks: they load, train to their promise, and never drift from the script."""

import gzip
import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from nnsim.simulator.activations import ACTIVATIONS
from nnsim.simulator.datasets import BUILTIN_DATASETS
from nnsim.simulator.evaluation import evaluate
from nnsim.simulator.fileformat import load_project, project_to_dict
from nnsim.simulator.initializers import WEIGHT_INITS
from nnsim.simulator.losses import LOSSES
from nnsim.simulator.optimizers import OPTIMIZERS
from nnsim.simulator.project import DatasetRef
from nnsim.simulator.trainingtypes import TrainingError

EXAMPLES = Path(__file__).resolve().parent.parent / "resources" / "examples"
SCHEMA = EXAMPLES.parent / "schema" / "nnsim-network.schema.json"
FILES = sorted(EXAMPLES.glob("*.nnsim.json"))

#: What each trainable example reaches after training for its saved number of epochs,
#: from its saved seed: (data set part, measure, bound).
PROMISES = {
    "and": ("train", "accuracy", 1.0),
    "or": ("train", "accuracy", 1.0),
    "xor-2-2-1": ("train", "accuracy", 1.0),
    "xor-2-4-1": ("train", "accuracy", 1.0),
    "playground-circle": ("test", "accuracy", 0.95),
    "spiral": ("test", "accuracy", 0.95),
    "digits-64-16-16-10": ("test", "accuracy", 0.90),
    "sine": ("test", "loss", 0.01),
}


def stem(path: Path) -> str:
    return path.name.removesuffix(".nnsim.json")


def load_generator():
    spec = importlib.util.spec_from_file_location("make_examples", EXAMPLES / "make_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_examples_are_what_the_script_writes(tmp_path):
    written = load_generator().write_examples(tmp_path)
    committed = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".json", ".csv"))
    assert sorted(p.name for p in written) == committed
    for path in written:
        assert path.read_bytes() == (EXAMPLES / path.name).read_bytes(), path.name


def test_all_eleven_examples_exist():
    assert {stem(p) for p in FILES} == set(PROMISES) | {
        "single-neuron", "festival-perceptron", "mnist-784-16-16-10"}


@pytest.mark.parametrize("path", FILES, ids=stem)
def test_every_example_loads_with_a_title_and_computes(path):
    project = load_project(path)
    assert project.title and len(project.description) > 40
    assert project.trainer_state is None  # examples start untrained
    net = project.network
    outputs = net.forward(np.zeros((3, net.sizes[0])))
    assert outputs.shape == (3, net.sizes[-1]) and np.isfinite(outputs).all()


@pytest.mark.parametrize("name", PROMISES)
def test_each_example_learns_its_data_from_its_saved_seed(name):
    project = load_project(EXAMPLES / f"{name}.nnsim.json")
    part, measure, bound = PROMISES[name]
    train, test = project.load_data()
    before = getattr(evaluate(project.network, {"train": train, "test": test}[part]), measure)
    trainer = project.make_trainer(train, test)
    for _ in trainer.run():
        pass
    assert trainer.epoch == project.training.epochs
    after = getattr(evaluate(project.network, {"train": train, "test": test}[part]), measure)
    if measure == "accuracy":
        assert before < bound <= after
    else:
        assert before > bound >= after


def test_the_single_neuron_reproduces_the_article():
    project = load_project(EXAMPLES / "single-neuron.nnsim.json")
    train, _ = project.load_data()
    assert train.inputs.tolist() == [[1, 2, 3, 4]] and train.targets.tolist() == [[1]]
    trace = project.network.trace(train.inputs, train.targets)
    assert abs(trace.z[1][0, 0] - 6.3) <= np.spacing(6.3)  # either rounding of the BLAS
    assert trace.a[1][0, 0] == 0.9981670610575072
    assert trace.loss == 1.6798325834533343e-06
    trainer = project.make_trainer(train)
    for _ in trainer.run():
        pass
    assert trainer.history.train_loss[-1] < 1.6798325834533343e-06


def test_the_festival_perceptron_decides_by_hand_set_weights_and_refuses_training():
    project = load_project(EXAMPLES / "festival-perceptron.nnsim.json")
    net = project.network
    assert net.forward([[1, 0], [0, 1], [1, 1], [0, 0]])[:, 0].tolist() == [1, 0, 1, 0]
    assert net.names[0] == ["favourite singer", "friend comes"]
    train, _ = project.load_data()
    assert evaluate(net, train).accuracy == 1.0
    with pytest.raises(TrainingError, match="step activation"):
        project.make_trainer(train)


def write_idx(path: Path, array: np.ndarray, magic: int) -> None:
    header = magic.to_bytes(4, "big") + b"".join(n.to_bytes(4, "big") for n in array.shape)
    with gzip.open(path, "wb") as file:
        file.write(header + array.astype(np.uint8).tobytes())


def test_the_mnist_network_has_13002_parameters_and_trains_on_idx_files(tmp_path):
    project = load_project(EXAMPLES / "mnist-784-16-16-10.nnsim.json")
    assert project.network.n_parameters == 13_002
    with pytest.raises(ValueError, match="train-images-idx3-ubyte.gz"):
        project.load_data()  # MNIST is not bundled
    rng = np.random.default_rng(0)
    labels = np.arange(200) % 10
    images = rng.integers(0, 40, (200, 28, 28))
    images[np.arange(200), labels, :] = 255  # a bright row per digit: learnable
    write_idx(tmp_path / "img.gz", images, 0x803)
    write_idx(tmp_path / "lbl.gz", labels, 0x801)
    project.set_dataset(DatasetRef("mnist", paths=[tmp_path / "img.gz", tmp_path / "lbl.gz"],
                                   test_fraction=0.1))
    trainer = project.make_trainer()
    for _ in range(3):
        trainer.run_epoch()
    assert trainer.history.train_accuracy[-1] > trainer.history.train_accuracy[0]


def schema_enum(*path: str) -> list:
    node = json.loads(SCHEMA.read_text(encoding="utf-8"))["$defs"]
    for key in path:
        node = node[key]
    return node["enum"]


def test_the_schema_lists_exactly_the_engines_names():
    assert schema_enum("activation") == list(ACTIVATIONS)
    assert schema_enum("network", "properties", "loss") == list(LOSSES)
    assert schema_enum("training", "properties", "optimizer") == list(OPTIMIZERS)
    assert schema_enum("dataset", "properties", "name") == [*BUILTIN_DATASETS, "csv", "mnist"]
    assert schema_enum("init", "properties", "weights") == list(WEIGHT_INITS)


def test_examples_and_a_trained_network_match_the_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    project = load_project(EXAMPLES / "xor-2-4-1.nnsim.json")
    project.set_optimizer("adam")
    trainer = project.make_trainer()
    for _ in range(6):
        trainer.step()
    project.capture(trainer)
    trained = json.loads(json.dumps(project_to_dict(project)))
    for document in [json.loads(p.read_text(encoding="utf-8")) for p in FILES] + [trained]:
        jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
