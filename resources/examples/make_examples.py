"""Generate the example networks in this folder (deterministic: same files every run).

Run from the repository root after changing an example or the file format:

    .venv/bin/pip install . && .venv/bin/python resources/examples/make_examples.py

``tests/test_examples.py`` checks that the committed files equal what this script writes.
Every example is untrained: weights drawn from its seed (or set by hand, as in the
articles), training settings chosen so that ``nnsim train FILE`` learns the data well.
"""

from __future__ import annotations

import sys
from pathlib import Path

from nnsim.simulator.fileformat import SUFFIX, save_project
from nnsim.simulator.project import DatasetRef, Project
from nnsim.simulator.training import TrainingConfig

#: Small data files the examples use, written next to them.
CSV_FILES = {
    "single-neuron.csv": "x1,x2,x3,x4,target\n1,2,3,4,1\n",
    "festival.csv": "favourite_singer,friend_comes,go\n0,0,0\n0,1,0\n1,0,1\n1,1,1\n",
}


def single_neuron(folder: Path) -> Project:
    project = Project.new([4, 1], output="sigmoid",
                          dataset=DatasetRef("csv", {"target_column": "target",
                                                     "task": "regression"},
                                             [folder / "single-neuron.csv"]),
                          training=TrainingConfig(learning_rate=1.0, batch_size=1, epochs=100))
    project.network.weights[0][:, 0] = [0.2, 0.5, 0.9, 0.1]
    project.network.biases[0][0] = 2.0
    project.title = "A single neuron"
    project.description = (
        "The neuron from the first article: inputs 1, 2, 3, 4, weights 0.2, 0.5, 0.9, "
        "0.1 and bias 2 give z = 6.3 and sigmoid(z) = 0.99817. Click it to follow the "
        "arithmetic. Training moves it towards the target 1 only in tiny steps: the "
        "sigmoid is almost flat there, so its gradient nearly vanishes.")
    return project


def festival_perceptron(folder: Path) -> Project:
    project = Project.new([2, 1], output="step",
                          dataset=DatasetRef("csv", {"target_column": "go"},
                                             [folder / "festival.csv"]))
    network = project.network
    network.weights[0][:, 0] = [7.0, 3.0]
    network.biases[0][0] = -5.0
    network.names[0] = ["favourite singer", "friend comes"]
    network.names[1] = ["go"]
    project.title = "Going to the music festival"
    project.description = (
        "A perceptron decides: your favourite singer plays (weight 7), a friend comes "
        "along (weight 3), threshold 5 (bias -5). It goes for the singer alone, not for "
        "the friend alone. A step neuron cannot learn by gradient descent: change the "
        "weights and the bias by hand instead.")
    return project


def logic_gate(gate: str, title: str, description: str) -> Project:
    project = Project.new([2, 1], output="sigmoid", dataset=DatasetRef(gate),
                          training=TrainingConfig(learning_rate=2.0, batch_size=4, epochs=500))
    project.title = title
    project.description = description
    return project


def xor(hidden: int, epochs: int, description: str) -> Project:
    project = Project.new([2, hidden, 1], hidden="tanh", output="sigmoid",
                          dataset=DatasetRef("xor"),
                          training=TrainingConfig(learning_rate=1.0, batch_size=4,
                                                  epochs=epochs))
    project.title = f"XOR with {hidden} hidden neurons"
    project.description = description
    return project


def playground_circle(_folder: Path) -> Project:
    data = DatasetRef("circle", {"n_samples": 500, "noise": 0, "seed": 0}, test_fraction=0.5)
    project = Project.new([2, 4, 2, 1], hidden="tanh", output="tanh", dataset=data,
                          training=TrainingConfig(learning_rate=0.03, batch_size=10,
                                                  epochs=100))
    project.title = "TensorFlow Playground's first network"
    project.description = (
        "Two inputs, hidden layers of 4 and 2 tanh neurons, learning rate 0.03, batch "
        "size 10, half of the circle data held out for testing: Playground's defaults. "
        "Watch the hidden neurons combine straight lines into a closed curve.")
    return project


def spiral(_folder: Path) -> Project:
    data = DatasetRef("spiral", {"n_samples": 500, "noise": 10, "seed": 0}, test_fraction=0.2)
    project = Project.new([2, 16, 16, 16, 1], hidden="relu", output="sigmoid",
                          loss="binary_cross_entropy", dataset=data,
                          training=TrainingConfig(optimizer="adam", learning_rate=0.01,
                                                  batch_size=16, epochs=300))
    project.title = "Two spirals"
    project.description = (
        "Two interleaved spiral arms need a deeper network: three hidden layers of 16 "
        "ReLU neurons, trained with Adam. Look for dead ReLUs that never light up.")
    return project


def sine(_folder: Path) -> Project:
    data = DatasetRef("sine", {"n_samples": 200, "noise": 0.05, "seed": 0}, test_fraction=0.2)
    project = Project.new([1, 16, 16, 1], hidden="tanh", output="linear", dataset=data,
                          training=TrainingConfig(optimizer="adam", learning_rate=0.01,
                                                  batch_size=16, epochs=300))
    project.title = "Fitting a sine wave"
    project.description = (
        "Regression: the network learns y = sin(x) from 200 noisy points. A linear "
        "output neuron can give any value; the loss is the squared error.")
    return project


def digits(_folder: Path) -> Project:
    project = Project.new([64, 16, 16, 10], hidden="sigmoid", output="softmax",
                          dataset=DatasetRef("digits", test_fraction=0.2),
                          training=TrainingConfig(optimizer="adam", learning_rate=0.01,
                                                  batch_size=32, epochs=40))
    project.title = "Handwritten digits, 8×8"
    project.description = (
        "The articles' digit network at a size that trains in seconds: 64 pixels, two "
        "hidden layers of 16 sigmoid neurons, 10 softmax outputs, one per digit.")
    return project


def mnist(folder: Path) -> Project:
    data = DatasetRef("mnist", paths=[folder / "train-images-idx3-ubyte.gz",
                                      folder / "train-labels-idx1-ubyte.gz"],
                      test_fraction=0.1)
    project = Project.new([784, 16, 16, 10], hidden="sigmoid", output="softmax",
                          dataset=data,
                          training=TrainingConfig(optimizer="adam", learning_rate=0.005,
                                                  batch_size=32, epochs=10))
    project.title = "MNIST: 784-16-16-10"
    project.description = (
        "The network of the fourth article: 28×28 = 784 pixels, two hidden layers of 16, "
        "10 outputs: 13,002 weights and biases. MNIST is not bundled: put its four "
        "files (train-… and t10k-…-ubyte.gz) in one folder and choose it with Locate "
        "data… in the Data dock. Fashion-MNIST's files work too.")
    return project


def build_examples(folder: Path) -> dict[str, Project]:
    """Every example project by file stem, with data paths pointing into ``folder``."""
    return {
        "single-neuron": single_neuron(folder),
        "festival-perceptron": festival_perceptron(folder),
        "and": logic_gate("and", "AND", "One sigmoid neuron learns AND: it fires only "
                          "when both inputs are 1. A single straight line separates it."),
        "or": logic_gate("or", "OR", "One sigmoid neuron learns OR: it fires when either "
                         "input is 1. A single straight line separates it."),
        "xor-2-2-1": xor(2, 3000, "XOR is 1 when exactly one input is 1; no single line "
                         "separates it, so it needs a hidden layer. Two hidden neurons "
                         "are just enough."),
        "xor-2-4-1": xor(4, 2000, "XOR with four hidden neurons: more room than it needs, "
                         "so it learns reliably from most starting weights."),
        "playground-circle": playground_circle(folder),
        "spiral": spiral(folder),
        "sine": sine(folder),
        "digits-64-16-16-10": digits(folder),
        "mnist-784-16-16-10": mnist(folder),
    }


def write_examples(folder: Path) -> list[Path]:
    """Write the data files and every example into ``folder``; returns the paths."""
    folder = Path(folder)
    written = []
    for name, text in CSV_FILES.items():
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
        written.append(folder / name)
    for stem, project in build_examples(folder).items():
        save_project(project, folder / f"{stem}{SUFFIX}")
        written.append(folder / f"{stem}{SUFFIX}")
    return written


if __name__ == "__main__":
    for path in write_examples(Path(__file__).resolve().parent):
        print(path.name, file=sys.stderr)
