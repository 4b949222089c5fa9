"""The nnsim command line, run in-process, plus one real process for the exit codes."""

import csv
import io
import json
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

import nnsim.cli as launcher
from nnsim.cli import commands as cli
from nnsim.cli import train as train_command
from nnsim.simulator.fileformat import load_project
from nnsim.simulator.training import Trainer

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "resources" / "examples"


@pytest.fixture
def xor_file(tmp_path) -> Path:
    path = tmp_path / "xor.nnsim.json"
    shutil.copy(EXAMPLES / "xor-2-4-1.nnsim.json", path)
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# ====================================================================== info and new
def test_info_describes_layers_data_settings_and_progress(capsys):
    code, out, err = run(capsys, "info", EXAMPLES / "playground-circle.nnsim.json")
    assert code == 0 and err == ""
    assert "TensorFlow Playground's first network" in out
    assert "layer 1 (hidden): 4 neurons, Tanh" in out
    assert "layer 3 (output): 1 neuron, Tanh" in out
    assert "25 parameters" in out
    assert "dataset: built-in 'circle' (n_samples=500, noise=0, seed=0); 50% held out" in out
    assert "training: sgd, learning rate 0.03, batch size 10, until epoch 100" in out
    assert "progress: not trained yet" in out


def test_info_shows_the_seeds_of_the_initial_weights_and_of_the_batch_order(capsys,
                                                                             tmp_path):
    path = tmp_path / "x.nnsim.json"
    run(capsys, "new", "--layers", "2,3,1", "--dataset", "xor", "--seed", "4", "--out", path)
    code, _, err = run(capsys, "train", path, "--epochs", "1", "--seed", "9", "--in-place")
    assert code == 0, err
    assert "seeds: initial weights 4, batch order 9\n" in run(capsys, "info", path)[1]
    document = json.loads(path.read_text())
    document["network"]["init"]["seed"] = None   # drawn without a seed
    path.write_text(json.dumps(document))
    assert "seeds: initial weights none, batch order 9\n" in run(capsys, "info", path)[1]


def test_new_creates_a_network_file_and_will_not_overwrite_one(capsys, tmp_path):
    out_path = tmp_path / "n.nnsim.json"
    code, out, _ = run(capsys, "new", "--layers", "3,5,2", "--hidden", "relu", "--output",
                       "softmax", "--dataset", "digits", "--seed", "4", "--out", out_path)
    assert code == 0 and "32 parameters" in out
    net = load_project(out_path).network
    assert net.sizes == [3, 5, 2] and net.activations == ["relu", "softmax"]
    assert net.loss_name == "cross_entropy" and net.init_config.seed == 4
    code, _, err = run(capsys, "new", "--layers", "2,1", "--out", out_path)
    assert code == 1 and "already exists" in err
    assert load_project(out_path).network.sizes == [3, 5, 2]


def test_new_refuses_softmax_in_a_hidden_layer(capsys, tmp_path):
    code, _, err = run(capsys, "new", "--layers", "2,3,1", "--hidden", "softmax",
                       "--out", tmp_path / "n.nnsim.json")
    assert code == 1 and "output layer only" in err
    assert not (tmp_path / "n.nnsim.json").exists()


# ====================================================================== train
def test_train_xor_2_4_1_reaches_full_accuracy_and_saves(capsys, xor_file, tmp_path):
    out_path = tmp_path / "x.nnsim.json"
    code, out, err = run(capsys, "train", xor_file, "--epochs", "2000", "--out", out_path)
    assert code == 0
    assert "stopped: reached 2000 epochs" in out and "accuracy 100.0%" in out
    assert f"saved to {out_path}" in out
    assert "epoch 2000/2000 [####################]" in err  # the last progress line
    trained = load_project(out_path)
    assert trained.trainer_state["epoch"] == 2000
    assert trained.history.train_accuracy[-1] == 1.0
    assert load_project(xor_file).trainer_state is None  # FILE untouched without --in-place


def test_train_json_history_and_in_place(capsys, xor_file, tmp_path):
    history = tmp_path / "h.csv"
    code, out, _ = run(capsys, "train", xor_file, "--epochs", "30", "--lr", "0.5",
                       "--optimizer", "momentum", "--batch-size", "2", "--history", history,
                       "--in-place", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["epoch"] == 30 and result["step"] == 60
    assert result["saved_to"] == str(xor_file) and result["test_loss"] is None
    rows = list(csv.DictReader(history.open()))
    assert [int(r["epoch"]) for r in rows] == list(range(1, 31))
    assert float(rows[-1]["train_loss"]) == pytest.approx(result["train_loss"])
    saved = load_project(xor_file)
    assert saved.training.learning_rate == 0.5 and saved.training.optimizer == "momentum"
    assert saved.trainer_state["optimizer"]["velocity"].any()
    # --epochs counts from where the file stopped.
    code, out, _ = run(capsys, "train", xor_file, "--epochs", "5", "--in-place", "--json")
    assert json.loads(out)["epoch"] == 35


def test_train_on_another_dataset_and_stop_at_a_target_loss(capsys, tmp_path):
    data = tmp_path / "gate.csv"
    data.write_text("a,b,out\n0,0,1\n0,1,0\n1,0,0\n1,1,0\n")  # NOR
    net = tmp_path / "nor.nnsim.json"
    shutil.copy(EXAMPLES / "or.nnsim.json", net)
    code, out, _ = run(capsys, "train", net, "--dataset", data, "--epochs", "3000",
                       "--target-loss", "0.02", "--out", net, "--json")
    result = json.loads(out)
    assert code == 0 and result["stopped"].startswith("loss") and result["epoch"] < 3000
    assert result["train_loss"] <= 0.02 and result["train_accuracy"] == 1.0
    assert load_project(net).dataset.paths == (str(data),)


def test_train_without_a_destination_says_nothing_was_saved(capsys, xor_file):
    before = xor_file.read_bytes()
    code, out, _ = run(capsys, "train", xor_file, "--epochs", "1")
    assert code == 0 and "not saved (pass --out FILE or --in-place)" in out
    assert xor_file.read_bytes() == before


def test_a_network_that_cannot_learn_fails_with_the_reason(capsys):
    code, out, err = run(capsys, "train", EXAMPLES / "festival-perceptron.nnsim.json")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "step activation" in err


def test_ctrl_c_stops_training_and_still_saves(capsys, xor_file, tmp_path, monkeypatch):
    real_run = Trainer.run

    def interrupted_run(self, *args):
        for snapshot in real_run(self, *args):
            yield snapshot
            if self.step_count >= 50:
                raise KeyboardInterrupt

    monkeypatch.setattr(Trainer, "run", interrupted_run)
    monkeypatch.setattr(train_command, "PROGRESS_INTERVAL", 0.0)  # a snapshot every step
    out_path = tmp_path / "stopped.nnsim.json"
    code, out, _ = run(capsys, "train", xor_file, "--epochs", "2000", "--out", out_path)
    assert code == cli.EXIT_INTERRUPTED
    assert "stopped: interrupted by Ctrl-C" in out
    assert load_project(out_path).trainer_state["step"] == 50


def test_the_first_sigint_finishes_the_step_so_the_saved_run_resumes_exactly(
        capsys, xor_file, tmp_path, monkeypatch):
    real_run = Trainer.run

    def run_with_sigint(self, *args):
        for snapshot in real_run(self, *args):
            if self.step_count >= 40 and not self.stop_event.is_set():
                signal.raise_signal(signal.SIGINT)  # what Ctrl-C sends
            yield snapshot

    monkeypatch.setattr(Trainer, "run", run_with_sigint)
    monkeypatch.setattr(train_command, "PROGRESS_INTERVAL", 0.0)
    out_path = tmp_path / "stopped.nnsim.json"
    code, _, _ = run(capsys, "train", xor_file, "--epochs", "100", "--out", out_path)
    assert code == cli.EXIT_INTERRUPTED
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored
    stopped = load_project(out_path)
    steps = stopped.trainer_state["step"]
    trainer = stopped.make_trainer()
    for _ in range(100 - steps):
        trainer.step()
    straight = load_project(xor_file)
    trainer = straight.make_trainer()
    for _ in range(100):
        trainer.step()
    np.testing.assert_array_equal(stopped.network.params, straight.network.params)


# ====================================================================== eval
def test_eval_prints_loss_accuracy_and_a_labelled_confusion_matrix(capsys):
    code, out, _ = run(capsys, "eval", EXAMPLES / "festival-perceptron.nnsim.json")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "train: 4 rows, loss 0, accuracy 100.0%"
    assert lines[-3:] == ["  0 1", "0 2 0", "1 0 2"]


def test_eval_json_reports_train_and_test_sets(capsys):
    code, out, _ = run(capsys, "eval", EXAMPLES / "digits-64-16-16-10.nnsim.json", "--json")
    result = json.loads(out)
    assert code == 0 and result["train"]["rows"] + result["test"]["rows"] == 1797
    confusion = np.array(result["test"]["confusion_matrix"])
    assert confusion.shape == (10, 10) and confusion.sum() == result["test"]["rows"]
    assert result["test"]["accuracy"] == pytest.approx(np.trace(confusion) / confusion.sum())
    assert result["test"]["classes"] == [str(d) for d in range(10)]


def test_eval_regression_has_no_accuracy(capsys):
    code, out, _ = run(capsys, "eval", EXAMPLES / "sine.nnsim.json")
    assert code == 0 and "accuracy" not in out and "confusion" not in out
    assert out.startswith("train: 160 rows, loss ")


def three_blobs_csv(path: Path, rows: int) -> None:
    """Three overlapping classes in the plane: no network classifies them all right."""
    rng = np.random.default_rng(7)
    labels = rng.integers(0, 3, rows)
    centres = np.array([[0.0, 0.0], [1.5, 0.0], [0.0, 1.5]])
    points = centres[labels] + rng.normal(size=(rows, 2))
    names = np.array(["red", "green", "blue"])[labels]
    path.write_text("x1,x2,colour\n" + "".join(
        f"{x:.6f},{y:.6f},{name}\n" for (x, y), name in zip(points, names)))


def test_train_json_and_eval_json_agree_on_every_row_of_a_30000_row_csv(capsys, tmp_path):
    data, net = tmp_path / "blobs.csv", tmp_path / "blobs.nnsim.json"
    three_blobs_csv(data, 30_000)
    assert run(capsys, "new", "--layers", "2,6,3", "--hidden", "tanh", "--output",
               "softmax", "--dataset", data, "--out", net)[0] == 0
    document = json.loads(net.read_text())
    document["dataset"]["test_fraction"] = 0.2  # 24,000 training rows, 6,000 test rows
    net.write_text(json.dumps(document))
    trained = tmp_path / "trained.nnsim.json"
    code, out, err = run(capsys, "train", net, "--epochs", "2", "--out", trained, "--json")
    assert code == 0
    assert "(first 10,000 of 24,000 rows)" in err  # the epoch-end metrics' subset
    result = json.loads(out)
    code, out, _ = run(capsys, "eval", trained, "--json")
    evaluation = json.loads(out)
    for part, rows in (("train", 24_000), ("test", 6_000)):
        assert result[f"{part}_rows_scored"] == result[f"{part}_rows"] == rows
        assert evaluation[part]["rows_scored"] == evaluation[part]["rows"] == rows
        assert result[f"{part}_loss"] == evaluation[part]["loss"]
        assert result[f"{part}_accuracy"] == evaluation[part]["accuracy"]
    # Checked by hand: the saved network's forward pass and cross-entropy in numpy.
    project = load_project(trained)
    train, _ = project.load_data()
    (w0, w1), (b0, b1) = project.network.weights, project.network.biases
    logits = np.tanh(train.inputs @ w0 + b0) @ w1 + b1
    correct = np.sum(logits.argmax(axis=1) == train.labels)
    assert result["train_accuracy"] == correct / 24_000 and 0.5 < correct / 24_000 < 0.9
    top = logits.max(axis=1)
    losses = top + np.log(np.exp(logits - top[:, None]).sum(axis=1)) \
        - logits[np.arange(24_000), train.labels]
    assert result["train_loss"] == pytest.approx(losses.mean(), rel=1e-12)
    # The last epoch's metrics, on the first 10,000 rows only, are another number.
    assert project.history.train_loss[-1] != pytest.approx(result["train_loss"], rel=1e-6)


# ====================================================================== errors
def test_a_bad_file_is_one_line_naming_file_and_field(capsys, tmp_path):
    bad = tmp_path / "bad.nnsim.json"
    document = json.loads((EXAMPLES / "and.nnsim.json").read_text())
    document["network"]["layers"][1]["biases"] = ["x"]
    bad.write_text(json.dumps(document))
    for command in ("info", "train", "eval"):
        code, out, err = run(capsys, command, bad)
        assert code == 1 and out == ""
        assert err == (f"nnsim: error: {bad}: network.layers[1].biases[0]: expected a "
                       "number, got a string\n")


def test_a_missing_data_file_suggests_the_dataset_option(capsys):
    code, _, err = run(capsys, "train", EXAMPLES / "mnist-784-16-16-10.nnsim.json")
    assert code == 1
    assert "train-images-idx3-ubyte.gz: No such file" in err and "--dataset" in err


def edited_example(tmp_path, edit, name="edited.nnsim.json", raw=None) -> Path:
    """The xor-2-4-1 example after ``edit(document)``; ``raw`` replaces "@" verbatim."""
    document = json.loads((EXAMPLES / "xor-2-4-1.nnsim.json").read_text())
    edit(document)
    text = json.dumps(document, ensure_ascii=False)
    path = tmp_path / name
    path.write_text(text if raw is None else text.replace('"@"', raw), encoding="utf-8")
    return path


def assert_one_line_error(code, out, err, expected=None) -> None:
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("nnsim: error: ")
    assert "\x1b" not in err and "Traceback" not in err
    if expected is not None:
        assert err == f"nnsim: error: {expected}\n"


def test_a_layer_of_a_billion_neurons_is_one_line_and_allocates_nothing(capsys, tmp_path):
    """Issue 9: 100 bytes asking for 10**9 neurons grew `nnsim info` past 4 GB."""
    path = edited_example(tmp_path, lambda d: d["network"].update(layers=[{"size": 10**9}]))
    tracemalloc.start()
    try:
        code, out, err = run(capsys, "info", path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert_one_line_error(code, out, err, f"{path}: network.layers[0].size: must be at most "
                                          f"100,000, got 1000000000")
    assert peak < 1_000_000


@pytest.mark.parametrize("command", ["info", "train", "eval"])
def test_an_override_key_00_is_one_line_from_every_command(capsys, tmp_path, command):
    """Issue 9: "00" gave a 34-line KeyError traceback from every command."""
    def override(document):
        document["network"]["layers"][1]["overrides"] = {"00": "relu"}

    path = edited_example(tmp_path, override)
    assert_one_line_error(*run(capsys, command, path),
                          f'{path}: network.layers[1].overrides["00"]: expected a neuron '
                          f"number from 0 to 3 as the key")


def test_an_input_layer_alone_is_described_but_not_trained_or_evaluated(capsys, tmp_path):
    """Issue 9: `nnsim train`/`eval` raised IndexError on such a network."""
    path = edited_example(tmp_path, lambda d: d["network"].update(layers=[{"size": 3}]))
    code, out, err = run(capsys, "info", path)
    assert code == 0 and "layer 0 (input): 3 neurons" in out and err == ""
    for command, purpose in (("train", "train"), ("eval", "evaluate")):
        assert_one_line_error(*run(capsys, command, path),
                              f"{path}: the network has only an input layer; add an output "
                              f"layer to {purpose} it")


@pytest.mark.parametrize("field", ["epoch", "optimizer.t"])
def test_a_counter_of_400_digits_is_one_line_naming_it(capsys, tmp_path, field):
    """Issue 9: state.epoch or Adam's t = 10**400 ended in an OverflowError traceback."""
    trained = tmp_path / "trained.nnsim.json"
    run(capsys, "train", EXAMPLES / "xor-2-4-1.nnsim.json", "--epochs", "1", "--optimizer",
        "adam", "--out", trained)
    document = json.loads(trained.read_text())
    if field == "epoch":
        document["state"]["epoch"] = "@"
    else:
        document["state"]["optimizer"]["t"] = "@"
    trained.write_text(json.dumps(document).replace('"@"', "1" + "0" * 400))
    assert_one_line_error(*run(capsys, "train", trained, "--epochs", "1"),
                          f"{trained}: state.{field}: the number 10000000000000000000000… "
                          f"(401 characters) is out of range")


def test_text_from_a_file_never_controls_the_terminal(capsys, tmp_path):
    """Issue 9: a key could print "nnsim: all good" in colour, or a fake error line."""
    def bad_key(document):
        document["training"]["\x1b[32mnnsim: all good\x1b[0m\nnnsim: error: fake"] = 1

    path = edited_example(tmp_path, bad_key)
    assert_one_line_error(*run(capsys, "info", path),
                          f"{path}: training: unknown field '\\x1b[32mnnsim: all good\\x1b"
                          f"[0m\\x0annsim: error: fake'")

    def bad_title(document):
        document["title"] = "\x1b[2J\x1b[31mRED"
        document["description"] = "first line\nsecond \x07line"

    code, out, _ = run(capsys, "info", edited_example(tmp_path, bad_title, "t.nnsim.json"))
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert out.splitlines()[:3] == [f"{tmp_path / 't.nnsim.json'}: \\x1b[2J\\x1b[31mRED",
                                    "first line", "second \\x07line"]


def test_new_refuses_a_network_beyond_the_limits_before_building_it(capsys, tmp_path):
    code, out, err = run(capsys, "new", "--layers", "100000,100000", "--out",
                         tmp_path / "huge.nnsim.json")
    assert code == 2 and out == ""
    assert "100,000 neurons" not in err and "200,000 neurons are more than nnsim's limit of " \
                                               "100,000" in err
    assert not (tmp_path / "huge.nnsim.json").exists()


@pytest.mark.parametrize("option, limit", [("--epochs", 10_000_000), ("--seed", 2**53),
                                           ("--batch-size", 1_000_000)])
def test_counts_a_file_could_not_store_are_usage_errors(capsys, xor_file, option, limit):
    code, _, err = run(capsys, "train", xor_file, option, str(limit + 1))
    assert code == 2 and f"expected a whole number from 0 to {limit:,}, got" in err


def test_more_epochs_than_a_file_holds_are_refused_before_training(capsys, xor_file,
                                                                   tmp_path):
    out_path = tmp_path / "one.nnsim.json"
    run(capsys, "train", xor_file, "--epochs", "1", "--out", out_path)
    assert_one_line_error(*run(capsys, "train", out_path, "--epochs", "10000000"),
                          "--epochs 10000000 would go past epoch 10,000,000, the most a "
                          "network file holds")


@pytest.mark.parametrize("argv", [
    ["train"],
    ["train", "x.nnsim.json", "--epochs", "many"],
    ["train", "x.nnsim.json", "--lr", "-1"],
    ["train", "x.nnsim.json", "--out", "a", "--in-place"],
    ["train", "x.nnsim.json", "--dataset", "circle:noise=500"],
    ["new", "--layers", "2", "--out", "x"],
    ["frobnicate"],
])
def test_usage_errors_exit_2(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and "usage: nnsim" in err


def test_dataset_specs():
    circle = cli.parse_dataset_spec("circle:noise=10,n_samples=300")
    assert (circle.name, circle.params) == ("circle", {"noise": 10, "n_samples": 300})
    table = cli.parse_dataset_spec("csv:data/t.csv,target_column=label")
    assert table.paths == (str(Path("data/t.csv").absolute()),)
    assert table.params == {"target_column": "label"}
    assert cli.parse_dataset_spec("t.csv").name == "csv"
    mnist = cli.parse_dataset_spec("mnist:/d/img.gz,/d/lbl.gz,limit=1000")
    assert mnist.paths == ("/d/img.gz", "/d/lbl.gz") and mnist.params == {"limit": 1000}


# ====================================================================== progress display
class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def snapshots(project_path: Path, count: int):
    trainer = load_project(project_path).make_trainer()
    trainer.config.snapshot_every = 100
    trainer.config.epochs = 100 * count
    return list(trainer.run())


def test_progress_redraws_one_line_on_a_terminal():
    stream = FakeTerminal()
    clock = iter(range(100)).__next__
    progress = train_command.Progress(stream, 300, 0, clock=clock)
    for snapshot in snapshots(EXAMPLES / "xor-2-4-1.nnsim.json", 3):
        progress.update(snapshot)
    progress.close()
    text = stream.getvalue()
    assert text.count("\r") == 3 and text.endswith("\n") and text.count("\n") == 1
    assert "epoch 100/300 [#######-------------] loss " in text
    assert "ETA 0:00:02" in text  # 1 s per 100 epochs, 200 epochs to go


def test_progress_prints_plain_lines_now_and_then_when_piped(monkeypatch):
    stream = io.StringIO()
    times = iter([0.0, 1.0, 2.0, 7.0, 8.0]).__next__
    progress = train_command.Progress(stream, 400, 0, clock=times)
    for snapshot in snapshots(EXAMPLES / "xor-2-4-1.nnsim.json", 4):
        progress.update(snapshot)
    progress.close()
    lines = stream.getvalue().splitlines()
    assert [line.split()[1] for line in lines] == ["100/400", "300/400", "400/400"]
    assert "\r" not in stream.getvalue()


# ====================================================================== launcher
def test_the_launcher_sends_commands_to_the_cli_and_files_to_the_app(monkeypatch, capsys):
    opened = []
    monkeypatch.setattr(launcher, "launch_gui", lambda path: opened.append(path) or 0)
    assert launcher.main([]) == 0 and launcher.main(["net.nnsim.json"]) == 0
    assert opened == [None, "net.nnsim.json"]
    assert launcher.main(["info", str(EXAMPLES / "and.nnsim.json")]) == 0
    assert launcher.main(["--version"]) == 0
    assert "nnsim" in capsys.readouterr().out


def test_a_real_process_reports_exit_codes(tmp_path):
    def nnsim(*argv):
        return subprocess.run([sys.executable, "-m", "nnsim.cli", *map(str, argv)],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)

    ok = nnsim("info", EXAMPLES / "xor-2-2-1.nnsim.json")
    assert ok.returncode == 0 and "XOR with 2 hidden neurons" in ok.stdout
    missing = nnsim("eval", tmp_path / "missing.nnsim.json")
    assert missing.returncode == 1
    assert missing.stderr.splitlines() == [
        f"nnsim: error: {tmp_path / 'missing.nnsim.json'}: cannot read the file: "
        "No such file or directory"]
    usage = nnsim("train", "--epochs", "3")
    assert usage.returncode == 2 and "usage: nnsim train" in usage.stderr


def test_the_readme_commands_run_as_written(capsys, tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Command line", 1)[1]
    commands = re.search(r"```sh\n(.*?)```", section, re.S).group(1).splitlines()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "resources").symlink_to(ROOT / "resources")
    for command in commands:
        argv = shlex.split(command.replace("/tmp/", f"{tmp_path}/"))
        assert argv[0] == "nnsim"
        assert launcher.main(argv[1:]) == 0, command
    assert "accuracy 100.0%" in capsys.readouterr().out
