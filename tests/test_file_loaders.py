"""The data-file loaders: CSV (plain or gzip, header or not, numeric or text targets)
and MNIST's IDX files, their encodings and their one-line errors."""

import gzip
import json
import struct

import numpy as np
import pytest

from nnsim.simulator.dataset import CLASSIFICATION, REGRESSION
from nnsim.simulator.datasets import from_params, load_csv, load_idx

# --- CSV ----------------------------------------------------------------------------


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_with_header_classification(tmp_path):
    text = "width,height,kind\n1.5,2,3\n0.5,1,1\n\n2.5,3,2\n1,1,3\n"
    path = write(tmp_path / "flowers.csv", text)
    data = load_csv(path)
    assert data.name == "flowers"
    assert data.task == CLASSIFICATION
    assert data.feature_names == ("width", "height")
    assert data.class_names == ("1", "2", "3")
    np.testing.assert_array_equal(data.inputs, [[1.5, 2], [0.5, 1], [2.5, 3], [1, 1]])
    np.testing.assert_array_equal(data.labels, [2, 0, 1, 2])
    assert data.params == {"name": "csv", "path": str(path), "target_column": -1,
                           "task": CLASSIFICATION, "standardize_inputs": False}


def test_csv_target_by_name_and_index(tmp_path):
    path = write(tmp_path / "d.csv", "label,a,b\n0,1,2\n1,3,4\n")
    by_name, by_index = load_csv(path, target_column="label"), load_csv(path, target_column=0)
    for data in (by_name, by_index):
        assert data.feature_names == ("a", "b")
        np.testing.assert_array_equal(data.inputs, [[1, 2], [3, 4]])
        np.testing.assert_array_equal(data.labels, [0, 1])


def test_csv_without_header(tmp_path):
    data = load_csv(write(tmp_path / "d.csv", "1,2,0.5\n3,4,0.25\n"))
    assert data.feature_names == ("x1", "x2")
    assert data.task == REGRESSION
    np.testing.assert_array_equal(data.targets, [[0.5], [0.25]])


def test_csv_task_detection_and_override(tmp_path):
    many = write(tmp_path / "many.csv", "x,y\n" + "".join(f"{i},{i}\n" for i in range(21)))
    few = write(tmp_path / "few.csv", "x,y\n" + "".join(f"{i},{i % 20}\n" for i in range(40)))
    assert load_csv(many).task == REGRESSION
    assert load_csv(few).task == CLASSIFICATION and load_csv(few).n_classes == 20
    assert load_csv(few, task=REGRESSION).n_outputs == 1
    assert load_csv(many, task=CLASSIFICATION).n_classes == 21
    with pytest.raises(ValueError, match="task must be"):
        load_csv(few, task="ranking")


def test_csv_class_names_of_fractional_classes(tmp_path):
    data = load_csv(write(tmp_path / "d.csv", "x,y\n1,0.5\n2,-1\n"), task=CLASSIFICATION)
    assert data.class_names == ("-1", "0.5")


def test_csv_gzip_bom_and_standardize(tmp_path):
    path = tmp_path / "d.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8-sig") as file:
        file.write("a,b,y\n1,10,0\n2,20,1\n3,30,0\n")
    data = load_csv(path, standardize_inputs=True)
    assert data.name == "d"
    assert data.feature_names == ("a", "b")
    np.testing.assert_allclose(data.inputs.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(data.inputs.std(axis=0), 1)
    np.testing.assert_array_equal(from_params(data.params).inputs, data.inputs)


@pytest.mark.parametrize("text, message", [
    ("", "empty"),
    ("\n \n", "empty"),
    ("a,b,y\n", "header row but no data"),
    ("a\n1\n2\n", "line 1: a data file needs from 2 columns"),
    ("a,b,y\n1,2,0\n1,2\n", "line 3: 2 values but the file has 3 columns"),
    ("a,b,y\n1,2,0\n1,2,0,5\n", "line 3: 4 values"),
    ("a,b,y\n1,2,0\n1,two,1\n", "line 3, column \"b\": 'two' is not a number"),
    ("a,b,y\n1,,0\n", "line 2, column \"b\": the cell is empty"),
    ("a,b,y\n1,nan,0\n", "line 2, column \"b\": nan is not a finite number"),
    ("a,b,y\n1,2,0\n1,1e999,0\n", "line 3, column \"b\": inf is not a finite number"),
    ("a,b,y\n1,2,inf\n", "line 2, column \"y\": 'inf' is not a finite number"),
    ("a,b,y\n1,2,\n", "line 2, column \"y\": the cell is empty"),
    ("1,2,0\n3,x,1\n", "line 2, column \"x2\""),
])
def test_malformed_csv(tmp_path, text, message):
    path = write(tmp_path / "bad.csv", text)
    with pytest.raises(ValueError, match=message) as error:
        load_csv(path)
    assert str(path) in str(error.value)


@pytest.mark.parametrize("target, message", [
    ("label", "no column 'label'; the columns are: a, b, y"),
    (3, "no column 3; the file has 3 columns"),
    (-4, "no column -4"),
])
def test_csv_missing_target_column(tmp_path, target, message):
    with pytest.raises(ValueError, match=message):
        load_csv(write(tmp_path / "d.csv", "a,b,y\n1,2,0\n"), target_column=target)


def test_csv_binary_file(tmp_path):
    path = tmp_path / "image.csv"
    path.write_bytes(bytes([0x89, 0x50, 0xFF, 0xFE, 0x00, 0x01]))
    with pytest.raises(ValueError, match="image.csv: not UTF-8 text"):
        load_csv(path)


# --- IDX ----------------------------------------------------------------------------


def idx_bytes(magic, dims, payload):
    return struct.pack(f">I{len(dims)}I", magic, *dims) + bytes(payload)


def write_idx(path, content):
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(content))
    else:
        path.write_bytes(content)
    return path


PIXELS = np.arange(5 * 3 * 2, dtype=np.uint8).reshape(5, 3, 2) * 8  # 5 images of 3 rows, 2 columns
LABELS = np.array([3, 0, 9, 1, 3], dtype=np.uint8)


def write_mnist(tmp_path, suffix="", images=None, labels=None):
    images = idx_bytes(0x803, (5, 3, 2), PIXELS.tobytes()) if images is None else images
    labels = idx_bytes(0x801, (5,), LABELS.tobytes()) if labels is None else labels
    return (write_idx(tmp_path / f"images.idx{suffix}", images),
            write_idx(tmp_path / f"labels.idx{suffix}", labels))


@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_idx_round_trip(tmp_path, suffix):
    images, labels = write_mnist(tmp_path, suffix)
    data = load_idx(images, labels)
    assert data.image_shape == (3, 2)
    assert (data.n_samples, data.n_features, data.n_classes) == (5, 6, 10)
    np.testing.assert_array_equal(data.inputs, PIXELS.reshape(5, 6) / 255)
    np.testing.assert_array_equal(data.labels, LABELS)
    assert data.class_names == tuple(str(d) for d in range(10))
    rebuilt = from_params(json.loads(json.dumps(data.params)))
    np.testing.assert_array_equal(rebuilt.inputs, data.inputs)


def test_idx_limit(tmp_path):
    images, labels = write_mnist(tmp_path)
    data = load_idx(images, labels, limit=2)
    np.testing.assert_array_equal(data.labels, LABELS[:2])
    assert data.n_classes == 10  # still MNIST's ten outputs
    assert load_idx(images, labels, limit=50).n_samples == 5
    with pytest.raises(ValueError, match="limit"):
        load_idx(images, labels, limit=-1)


def test_idx_ignores_bytes_beyond_the_header_count(tmp_path):
    longer = idx_bytes(0x801, (5,), LABELS.tobytes() + b"\x07\x07")
    images, labels = write_mnist(tmp_path, labels=longer)
    np.testing.assert_array_equal(load_idx(images, labels).labels, LABELS)


@pytest.mark.parametrize("images, labels, message", [
    (None, idx_bytes(0x801, (4,), LABELS[:4].tobytes()), "holds 5 images but .* holds 4 labels"),
    (idx_bytes(0x801, (5,), LABELS.tobytes()), None,
     "magic number 0x00000801, expected 0x00000803"),
    (idx_bytes(0x803, (5, 3, 2), PIXELS.tobytes()[:-1]), None, "truncated"),
    (idx_bytes(0x803, (10**9, 28, 28), b""), None, "more than the 67,108,864 numbers"),
    (idx_bytes(0x803, (1000, 28, 28), b""), None, r"truncated \(0 of 784,000 bytes\)"),
    (idx_bytes(0x803, (5, 0, 2), b""), None, "images of 0 × 2 pixels"),
    (idx_bytes(0x803, (5, 200, 200), b""), None, "images of 200 × 200 pixels"),
    (None, b"\x00\x00\x08", "truncated"),
    (None, b"", "truncated"),
])
@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_bad_idx_files(tmp_path, suffix, images, labels, message):
    images_path, labels_path = write_mnist(tmp_path, suffix, images, labels)
    with pytest.raises(ValueError, match=message):
        load_idx(images_path, labels_path)


def test_idx_names_the_bad_file(tmp_path):
    images, labels = write_mnist(tmp_path, labels=b"\x00\x00\x08\x03")
    with pytest.raises(ValueError, match=str(labels)):
        load_idx(images, labels)


def test_idx_damaged_gzip(tmp_path):
    images, labels = write_mnist(tmp_path, ".gz")
    labels.write_bytes(labels.read_bytes()[:-12])
    with pytest.raises(ValueError, match=f"{labels}: damaged gzip data"):
        load_idx(images, labels)
    labels.write_bytes(b"not gzip at all")
    with pytest.raises(ValueError, match=str(labels)):
        load_idx(images, labels)
