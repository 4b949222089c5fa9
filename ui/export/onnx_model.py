"""The network as an ONNX model: standard operators only, for onnxruntime and Netron.

One ``Gemm`` per layer (``z = a·W + b`` with nnsim's ``W`` of shape (inputs, outputs)),
then the layer's activation as standard operators (opset 17): step is
``Cast(GreaterOrEqual(z, 0))``, exactly nnsim's ``1 if z ≥ 0 else 0`` (NaN gives 0 in
both); SiLU is ``z·Sigmoid(z)`` (opset 17 has no SiLU operator); softmax runs over each
row (axis 1).  A removed connection is a weight of 0: ONNX has no masks, and nnsim keeps
removed weights at 0.

Per-neuron activations: the layer computes its own activation on every neuron, then
each override activation, and ``Where`` takes that result for the neurons it belongs to
(a constant boolean mask per activation, named ``layerL.ACTIVATION.neurons``).
``Where`` selects exactly, where a 0/1 multiply would turn an inf in a neuron's unused
activation into NaN.

float32 throughout: every ONNX runtime and converter computes in float32, while many
(onnxruntime-web, mobile and GPU back ends) have no float64 kernels.  nnsim's float64
weights are rounded to the nearest float32 (a relative change of at most 6e-8), so the
outputs match nnsim's within float32 precision.

Importing this module imports ``onnx`` (the extra ``nnsim[export]``); see
``nnsim.export.onnx_available``.
"""

from __future__ import annotations

import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from nnsim.simulator.activations import ELU_ALPHA, LEAKY_RELU_SLOPE
from nnsim.simulator.filesafe import write_atomically
from nnsim.simulator.network import Network

from .layers import activation_groups, check_exportable

OPSET = 17
INPUT, OUTPUT = "inputs", "outputs"


class _Graph:
    """The nodes and constants of the graph being built, each named after its layer."""

    def __init__(self):
        self.nodes: list[onnx.NodeProto] = []
        self.constants: list[onnx.TensorProto] = []

    def constant(self, name: str, values: np.ndarray) -> str:
        self.constants.append(numpy_helper.from_array(values, name))
        return name

    def node(self, op: str, inputs: list[str], output: str, **attributes) -> str:
        self.nodes.append(helper.make_node(op, inputs, [output], name=output, **attributes))
        return output

    def zero(self) -> str:
        """The scalar 0 the step compares with, made once."""
        if not any(c.name == "zero" for c in self.constants):
            self.constant("zero", np.zeros((), dtype=np.float32))
        return "zero"


def build_model(network: Network, title: str = "", description: str = "") -> onnx.ModelProto:
    """The network as a checked ONNX model: input ``inputs`` (batch, sizes[0]) float32,
    output ``outputs`` (batch, sizes[-1]), nnsim's forward pass (after the output
    activation: softmax probabilities for a softmax layer)."""
    check_exportable(network)
    graph = _Graph()
    values = INPUT
    for layer in range(1, network.n_layers):
        last = layer == network.n_layers - 1
        values = _layer(graph, network, layer, values, OUTPUT if last else f"layer{layer}")
    names = network.names
    inputs = helper.make_tensor_value_info(INPUT, TensorProto.FLOAT,
                                           ["batch", network.sizes[0]],
                                           doc_string=_names_text("inputs", names[0]))
    outputs = helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT,
                                            ["batch", network.sizes[-1]],
                                            doc_string=_names_text("outputs", names[-1]))
    onnx_graph = helper.make_graph(graph.nodes, _utf8(title) or "nnsim network", [inputs],
                                   [outputs], graph.constants)
    opset = helper.make_opsetid("", OPSET)
    model = helper.make_model(onnx_graph, opset_imports=[opset],
                              ir_version=helper.find_min_ir_version_for([opset]),
                              producer_name="nnsim", doc_string=_utf8(title))
    helper.set_model_props(model, {
        "title": _utf8(title), "description": _utf8(description),
        "input_names": _utf8(json.dumps(names[0], ensure_ascii=False)),
        "output_names": _utf8(json.dumps(names[-1], ensure_ascii=False)),
        "loss": network.loss_name, "nnsim_dtype": network.dtype.name})
    onnx.checker.check_model(model, full_check=True)
    return model


def save_onnx(network: Network, path: str | os.PathLike, title: str = "",
              description: str = "") -> int:
    """Write the model to ``path`` (atomically, as nnsim saves); returns its size in bytes."""
    data = build_model(network, title, description).SerializeToString()
    write_atomically(path, data)
    return len(data)


def _layer(graph: _Graph, network: Network, layer: int, values: str, output: str) -> str:
    """Nodes for layer ``layer``: its Gemm, then its activations into ``output``."""
    prefix = f"layer{layer}"
    weight = graph.constant(f"{prefix}.weight", network.weights[layer - 1].astype(np.float32))
    bias = graph.constant(f"{prefix}.bias", network.biases[layer - 1].astype(np.float32))
    z = graph.node("Gemm", [values, weight, bias], f"{prefix}.z")
    groups = activation_groups(network, layer)
    (own, _), overrides = groups[0], groups[1:]
    result = _activation(graph, own, z, output if not overrides else f"{prefix}.{own}")
    for index, (name, neurons) in enumerate(overrides, start=1):
        mask = np.zeros(network.sizes[layer], dtype=bool)
        mask[neurons] = True
        chosen = graph.constant(f"{prefix}.{name}.neurons", mask)
        activated = _activation(graph, name, z, f"{prefix}.{name}")
        target = output if index == len(overrides) else f"{prefix}.with_{name}"
        result = graph.node("Where", [chosen, activated, result], target)
    return result


def _activation(graph: _Graph, name: str, z: str, output: str) -> str:
    """Nodes computing activation ``name`` of ``z`` into ``output`` (see the module notes)."""
    simple = {"linear": "Identity", "sigmoid": "Sigmoid", "tanh": "Tanh", "relu": "Relu",
              "softplus": "Softplus"}
    if name in simple:
        return graph.node(simple[name], [z], output)
    if name == "step":
        at_least_zero = graph.node("GreaterOrEqual", [z, graph.zero()], f"{output}.at_least_zero")
        return graph.node("Cast", [at_least_zero], output, to=TensorProto.FLOAT)
    if name == "leaky_relu":
        return graph.node("LeakyRelu", [z], output, alpha=LEAKY_RELU_SLOPE)
    if name == "elu":
        return graph.node("Elu", [z], output, alpha=ELU_ALPHA)
    if name == "silu":
        return graph.node("Mul", [z, graph.node("Sigmoid", [z], f"{output}.sigmoid")], output)
    if name == "softmax":
        return graph.node("Softmax", [z], output, axis=1)
    raise ValueError(f"no ONNX form for the activation {name!r}")


def _names_text(what: str, names: list[str]) -> str:
    return _utf8(f"{what}, in order: " + ", ".join(names))


def _utf8(text: str) -> str:
    """``text`` as valid UTF-8 (a lone surrogate becomes U+FFFD): protobuf refuses less."""
    return text.encode("utf-8", "replace").decode("utf-8")
