"""The PyTorch script export: it always compiles, its embedded arrays read back as the
network's exact parameters, and where PyTorch is installed it computes nnsim's outputs,
loss and training step."""

import ast
import contextlib
import subprocess
import sys

import numpy as np
import pytest

from nnsim.export.torch_script import ARRAYS, save_torch_script, torch_script
from nnsim.simulator.activations import ACTIVATIONS
from nnsim.simulator.fileformat import load_project
from nnsim.simulator.network import Network
from nnsim.simulator.resources import resource_path
from nnsim.simulator.training import Trainer
from nnsim.simulator.trainingtypes import TrainingConfig

EXAMPLES = sorted(resource_path("examples").glob("*.nnsim.json"))
HIDDEN = [name for name, act in ACTIVATIONS.items() if act.per_neuron]


def embedded(script: str) -> dict:
    """The script's top-level literals (WEIGHTS, BIASES, ...), read without running it."""
    found = {}
    for node in ast.parse(script).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            with contextlib.suppress(ValueError):    # not a literal: DTYPE, FUNCTIONS
                found[node.targets[0].id] = ast.literal_eval(node.value)
    return found


def mixed_network(loss="squared_error", output="linear", hidden=tuple(HIDDEN)) -> Network:
    """Each of ``hidden`` on one neuron of one layer, an overridden output neuron unless
    the loss forbids it, removed connections and non-zero biases."""
    network = Network([3, len(hidden), 3], ["tanh", output], loss=loss)
    for neuron, name in enumerate(hidden):
        network.set_neuron_activation(1, neuron, name)
    if loss == "squared_error":
        network.set_neuron_activation(2, 1, "relu")
    network.set_connection(0, 0, 4, False)
    network.set_connection(1, 3, 0, False)
    network.biases[0][...] = np.linspace(-2, 2, len(hidden))
    network.biases[1][...] = [0.5, -0.25, 0.125]
    return network


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name.split(".")[0])
def test_the_script_compiles_and_holds_the_exact_parameters(path):
    project = load_project(path)
    network = project.network
    script = torch_script(network, project.training, project.title)
    compile(script, path.name, "exec")
    arrays = embedded(script)
    assert set(ARRAYS) <= set(arrays)
    weights = [np.array(w, dtype=network.dtype) for w in arrays["WEIGHTS"]]
    biases = [np.array(b, dtype=network.dtype) for b in arrays["BIASES"]]
    flat = np.concatenate([w.ravel() for w in weights] + biases)
    np.testing.assert_array_equal(flat, network.params)
    assert arrays["SIZES"] == network.sizes and arrays["TITLE"] == project.title
    assert arrays["LEARNING_RATE"] == project.training.learning_rate


def test_overrides_removed_connections_and_float32_are_written_exactly(tmp_path):
    network = mixed_network().astype("float32")
    path = tmp_path / "net.py"
    size = save_torch_script(network, TrainingConfig(optimizer="adam"), path, "Mixed")
    script = path.read_text(encoding="utf-8")
    assert size == path.stat().st_size
    arrays = embedded(script)
    assert arrays["REMOVED"] == [[(0, 4)], [(3, 0)]]
    assert arrays["OVERRIDES"][1] == {"relu": [1]}
    assert arrays["OVERRIDES"][0] == {name: [HIDDEN.index(name)] for name in HIDDEN
                                      if name != "tanh"}
    assert np.array_equal(np.array(arrays["WEIGHTS"][0], dtype=np.float32), network.weights[0])
    assert "torch.optim.Adam(" in script and "DTYPE = torch.float32" in script


def test_text_from_the_file_cannot_break_out_of_the_script():
    network = Network([1, 1], ["linear"])
    network.names[0][0] = 'x"""\nimport os; os.remove("x")  # \x1b'
    title = 'T\'"""\n\nraise SystemExit(1)\r\\N{'
    script = torch_script(network, TrainingConfig(), title)
    compile(script, "t.py", "exec")
    arrays = embedded(script)
    assert arrays["TITLE"] == title and arrays["INPUT_NAMES"] == network.names[0]
    assert "\nraise SystemExit" not in script and "\nimport os;" not in script


# ---------------------------------------------------------------- with PyTorch
def load_script(script: str) -> dict:
    torch = pytest.importorskip("torch")
    namespace = {"__name__": "exported"}
    exec(compile(script, "exported.py", "exec"), namespace)
    return namespace | {"torch": torch}


def assert_same_as_nnsim(network: Network, targets: np.ndarray, inputs: np.ndarray) -> None:
    ns = load_script(torch_script(network, TrainingConfig()))
    torch, model = ns["torch"], ns["Net"]()
    x, y = torch.tensor(inputs, dtype=model.layers[0].weight.dtype), torch.tensor(targets)
    np.testing.assert_allclose(model.predict(x).detach().numpy(), network.forward(inputs),
                               rtol=1e-12, atol=1e-12)
    loss = ns["nnsim_loss"](model(x), y.to(x.dtype)).item()
    assert loss == pytest.approx(network.loss_value(inputs, targets), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("loss, output", [("squared_error", "linear"),
                                          ("cross_entropy", "softmax"),
                                          ("binary_cross_entropy", "sigmoid")])
def test_pytorch_computes_nnsims_outputs_and_loss(loss, output):
    rng = np.random.default_rng(3)
    inputs = rng.normal(scale=3.0, size=(40, 3))
    inputs[0] = 0.0
    targets = np.eye(3)[rng.integers(0, 3, 40)] if output == "softmax" \
        else rng.uniform(size=(40, 3))
    assert_same_as_nnsim(mixed_network(loss, output), targets, inputs)


@pytest.mark.parametrize("output", [*HIDDEN, "softmax"])
def test_pytorch_computes_every_output_activation(output):
    loss = "cross_entropy" if output == "softmax" else "squared_error"
    network = Network([2, 4, 3], ["relu", output], loss=loss)
    rng = np.random.default_rng(4)
    targets = np.eye(3)[rng.integers(0, 3, 30)] if output == "softmax" \
        else rng.normal(size=(30, 3))
    assert_same_as_nnsim(network, targets, rng.normal(scale=3.0, size=(30, 2)))


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "nesterov", "adam"])
def test_pytorch_training_steps_as_nnsims_trainer(optimizer):
    """Three whole-batch steps with clipping, L1 and L2: the same weights, removed
    connections still 0.  (No step: nnsim refuses to train through it.)"""
    network = mixed_network(hidden=[name for name in HIDDEN if name != "step"])
    config = TrainingConfig(optimizer=optimizer, learning_rate=0.05, batch_size=0,
                            shuffle=False, l1=0.01, l2=0.02, clip_norm=1.0)
    ns = load_script(torch_script(network, config))
    torch, model = ns["torch"], ns["Net"]()
    rng = np.random.default_rng(5)
    inputs, targets = rng.normal(size=(20, 3)), rng.normal(size=(20, 3))
    trainer = Trainer(network, inputs, targets, config)
    optimizer_ = ns["make_optimizer"](model)
    for _ in range(3):
        expected = trainer.step()
        got = ns["train_step"](model, optimizer_, torch.tensor(inputs), torch.tensor(targets))
        assert got == pytest.approx(expected, rel=1e-12)
    for k, layer in enumerate(model.layers):
        np.testing.assert_allclose(layer.weight.detach().numpy().T, network.weights[k],
                                   rtol=1e-10, atol=1e-12)
    assert model.layers[0].weight[4, 0].item() == 0.0 and model.layers[1].weight[0, 3] == 0


def test_running_the_script_prints_the_model(tmp_path):
    pytest.importorskip("torch")
    path = tmp_path / "xor.py"
    project = load_project(resource_path("examples", "xor-2-4-1.nnsim.json"))
    save_torch_script(project.network, project.training, path, project.title)
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    expected = project.network.forward(np.zeros((1, 2)))[0, 0]
    assert "Linear(in_features=2, out_features=4" in out and f"{expected:.4f}" in out


# ---------------------------------------------------------------- what it needs
def test_writing_a_script_imports_neither_torch_nor_onnx():
    code = ("import sys, nnsim.export, nnsim.export.torch_script, nnsim.cli.export\n"
            "print(sorted(m for m in ('torch', 'onnx', 'onnxruntime') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    assert out.strip() == "[]"


def test_the_readme_test_command_installs_what_the_onnx_tests_need():
    """`pip install '.[test]'` (what CI runs) must bring onnx and onnxruntime, so the
    ONNX parity tests run there instead of skipping."""
    import tomllib
    from pathlib import Path
    config = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml")
                           .read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert "nnsim[export]" in config["test"]
    assert {r.split(">")[0] for r in config["export"]} == {"onnx", "onnxruntime"}
