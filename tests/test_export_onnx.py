"""The ONNX export against nnsim's own forward pass, run by onnxruntime: every bundled
example, every activation in hidden and output layers, per-neuron overrides, removed
connections, and the step's value at exactly 0."""

import numpy as np
import pytest

from nnsim.simulator.activations import ACTIVATIONS
from nnsim.simulator.fileformat import load_project
from nnsim.simulator.network import Network
from nnsim.simulator.resources import resource_path

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
from nnsim.export.onnx_model import build_model, save_onnx  # noqa: E402 (needs onnx)

EXAMPLES = sorted(resource_path("examples").glob("*.nnsim.json"))
HIDDEN = [name for name, act in ACTIVATIONS.items() if act.per_neuron]


def run_onnx(model, inputs: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(model.SerializeToString(),
                                   providers=["CPUExecutionProvider"])
    return session.run(["outputs"], {"inputs": inputs.astype(np.float32)})[0]


def assert_matches_nnsim(network: Network, inputs: np.ndarray, model=None) -> float:
    """The exported model's outputs equal nnsim's within float32 precision; returns the
    largest difference.  Inputs are rounded to float32 first, as the model takes them."""
    inputs = inputs.astype(np.float32).astype(np.float64)
    expected = network.forward(inputs)
    got = run_onnx(model or build_model(network), inputs)
    assert got.shape == expected.shape and got.dtype == np.float32
    np.testing.assert_allclose(got, expected, rtol=2e-5, atol=2e-6)
    return float(np.abs(got - expected).max())


def random_inputs(width: int, rows: int = 64, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    inputs = rng.normal(scale=3.0, size=(rows, width))
    inputs[0] = 0.0                        # every z is the bias alone
    return inputs


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name.split(".")[0])
def test_every_example_matches_nnsim(path):
    """mnist-784 too: the engine's loader reads a network without its data."""
    project = load_project(path)
    model = build_model(project.network, project.title)
    onnx.checker.check_model(model, full_check=True)
    assert model.doc_string == project.title
    assert_matches_nnsim(project.network, random_inputs(project.network.sizes[0]), model)


@pytest.mark.parametrize("output", [*HIDDEN, "softmax"])
@pytest.mark.parametrize("hidden", HIDDEN)
def test_every_activation_in_hidden_and_output_layers(hidden, output):
    loss = {"softmax": "cross_entropy"}.get(output, "squared_error")
    network = Network([3, 5, 4], [hidden, output], loss=loss)
    network.biases[0][...] = np.linspace(-1, 1, 5)
    assert_matches_nnsim(network, random_inputs(3))


def test_overrides_pick_each_neurons_activation_and_removed_connections_stay_cut():
    network = Network([3, 9, 2], ["tanh", "linear"])
    for neuron, name in enumerate(HIDDEN):             # every hidden activation once
        network.set_neuron_activation(1, neuron, name)
    network.set_neuron_activation(2, 1, "relu")
    network.set_connection(0, 0, 4, False)
    network.set_connection(1, 3, 0, False)
    network.biases[0][...] = np.linspace(-2, 2, 9)
    model = build_model(network)
    assert {n.op_type for n in model.graph.node} >= {"Where", "Gemm", "Cast", "LeakyRelu"}
    inputs = random_inputs(3, rows=200)
    assert_matches_nnsim(network, inputs, model)
    # ONNX has no masks: a removed connection is a weight of exactly 0.
    weights = {c.name: onnx.numpy_helper.to_array(c) for c in model.graph.initializer}
    assert weights["layer1.weight"][0, 4] == 0 and weights["layer2.weight"][3, 0] == 0


def test_a_float32_network_exports_its_own_weights_exactly():
    network = Network([4, 6, 3], ["elu", "softmax"], loss="cross_entropy").astype("float32")
    model = build_model(network)
    weights = {c.name: onnx.numpy_helper.to_array(c) for c in model.graph.initializer}
    assert np.array_equal(weights["layer2.weight"], network.weights[1])
    assert {p.key: p.value for p in model.metadata_props}["nnsim_dtype"] == "float32"
    assert_matches_nnsim(network, random_inputs(4), model)


def test_step_is_one_at_exactly_zero_and_zero_just_below():
    network = Network([2, 3], ["step"])
    network.weights[0][...] = [[1.0, 1.0, -1.0], [0.0, 0.0, 0.0]]
    network.biases[0][...] = [0.0, -0.5, 0.0]
    tiny = np.finfo(np.float32).tiny
    inputs = np.array([[0.0, 0.0], [-0.0, 5.0], [tiny, 0.0], [-tiny, 0.0], [0.5, 0.0]])
    got = run_onnx(build_model(network), inputs)
    expected = [[1, 0, 1], [1, 0, 1], [1, 0, 0], [0, 0, 1], [1, 1, 0]]
    np.testing.assert_array_equal(got, expected)
    np.testing.assert_array_equal(network.forward(inputs), expected)


def test_names_title_and_standard_operators_for_netron(tmp_path):
    project = load_project(resource_path("examples", "xor-2-4-1.nnsim.json"))
    path = tmp_path / "xor.onnx"
    size = save_onnx(project.network, path, project.title, project.description)
    model = onnx.load(path)
    assert size == path.stat().st_size
    assert [i.name for i in model.graph.input] == ["inputs"]
    assert [o.name for o in model.graph.output] == ["outputs"]
    assert "x1, x2" in model.graph.input[0].doc_string
    props = {p.key: p.value for p in model.metadata_props}
    assert props["title"] == project.title == model.graph.name
    assert props["output_names"] == '["y1"]' and props["loss"] == "squared_error"
    assert {o.domain for o in model.opset_import} == {""}
    assert model.opset_import[0].version == 17
    assert all(node.domain == "" for node in model.graph.node)


def test_a_network_of_inputs_only_is_refused():
    with pytest.raises(ValueError, match="only its input layer"):
        build_model(Network([3], []))
