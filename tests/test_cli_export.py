"""`nnsim export FILE --onnx OUT --torch OUT.py`, run in-process: what it writes, what it
refuses, the one-line errors and the exit codes."""

import ast

import numpy as np
import pytest

from nnsim.cli import commands as cli
from nnsim.cli import export as export_command
from nnsim.simulator.fileformat import load_project
from nnsim.simulator.resources import resource_path

XOR = resource_path("examples", "xor-2-4-1.nnsim.json")


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_both_formats_in_one_command(capsys, tmp_path):
    onnx = pytest.importorskip("onnx")
    model_path, script_path = tmp_path / "xor.onnx", tmp_path / "xor.py"
    code, out, err = run(capsys, "export", XOR, "--onnx", model_path, "--torch", script_path)
    assert (code, err) == (0, "")
    assert f"wrote {model_path}: ONNX model, {model_path.stat().st_size:,} bytes" in out
    assert f"wrote {script_path}: PyTorch script, {script_path.stat().st_size:,} bytes" in out
    model = onnx.load(model_path)
    weights = {c.name: onnx.numpy_helper.to_array(c) for c in model.graph.initializer}
    network = load_project(XOR).network
    np.testing.assert_allclose(weights["layer1.weight"], network.weights[0], rtol=1e-7)
    ast.parse(script_path.read_text(encoding="utf-8"))


def test_an_existing_output_is_kept_without_force(capsys, tmp_path):
    script_path = tmp_path / "xor.py"
    script_path.write_text("mine")
    code, out, err = run(capsys, "export", XOR, "--torch", script_path)
    assert code == 1 and out == ""
    assert err == f"nnsim: error: {script_path} already exists; pass --force to replace it\n"
    assert script_path.read_text() == "mine"
    assert run(capsys, "export", XOR, "--torch", script_path, "--force")[0] == 0
    assert script_path.read_text(encoding="utf-8").startswith("# XOR with 4 hidden neurons")


def test_without_onnx_it_says_how_to_install_it_and_writes_nothing(capsys, tmp_path,
                                                                  monkeypatch):
    monkeypatch.setattr(export_command, "onnx_available", lambda: False)
    code, out, err = run(capsys, "export", XOR, "--onnx", tmp_path / "a.onnx",
                         "--torch", tmp_path / "a.py")
    assert code == 1 and out == ""
    assert err == "nnsim: error: ONNX export needs the onnx package: " \
                  "pip install onnx onnxruntime (nnsim's extra [export])\n"
    assert list(tmp_path.iterdir()) == []


def test_usage_errors_and_bad_files(capsys, tmp_path):
    code, _, err = run(capsys, "export", XOR)
    assert code == 2 and "name at least one output" in err
    bad = tmp_path / "bad.nnsim.json"
    bad.write_text('{"format": "nnsim-network", "version": 2, "network": 7}')
    code, out, err = run(capsys, "export", bad, "--torch", tmp_path / "b.py")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert err.startswith(f"nnsim: error: {bad}: network") and not (tmp_path / "b.py").exists()
