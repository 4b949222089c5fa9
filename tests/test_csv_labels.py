"""CSV files whose target holds class labels as text: sorted into outputs, the order
kept in the project file, the names shown wherever classes are."""

import json

import numpy as np
import pytest

from nnsim.cli import commands as cli
from nnsim.simulator import csvfile
from nnsim.simulator.dataset import CLASSIFICATION, REGRESSION
from nnsim.simulator.datasets import from_params, load_csv
from nnsim.simulator.fileformat import NetworkFileError, load_project, save_project
from nnsim.simulator.project import DatasetRef, Project
from nnsim.simulator.resources import resource_path
from nnsim.simulator.safetext import InputError

SCHEMA = resource_path("schema") / "nnsim-network.schema.json"

FLOWERS = """sepal_length,sepal_width,species
5.1,3.5,setosa
7.0,3.2,versicolor
6.3,3.3,virginica
4.9,3.0, setosa
6.4,3.2,versicolor
"""


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_text_labels_become_classes_in_sorted_order(tmp_path):
    path = write(tmp_path / "flowers.csv", FLOWERS)
    data = load_csv(path)
    assert data.task == CLASSIFICATION
    assert data.class_names == ("setosa", "versicolor", "virginica")
    np.testing.assert_array_equal(data.labels, [0, 1, 2, 0, 1])   # " setosa" is setosa
    np.testing.assert_array_equal(data.targets, np.eye(3)[[0, 1, 2, 0, 1]])
    np.testing.assert_array_equal(data.inputs, [[5.1, 3.5], [7.0, 3.2], [6.3, 3.3],
                                                [4.9, 3.0], [6.4, 3.2]])
    assert data.feature_names == ("sepal_length", "sepal_width")
    assert data.params["classes"] == ["setosa", "versicolor", "virginica"]
    rebuilt = from_params(json.loads(json.dumps(data.params)))
    np.testing.assert_array_equal(rebuilt.targets, data.targets)


def test_a_file_without_header_may_have_text_labels(tmp_path):
    data = load_csv(write(tmp_path / "d.csv", "1.5,2,short\n3,4,tall\n"))
    assert data.feature_names == ("x1", "x2")           # the first row is data
    assert data.class_names == ("short", "tall") and data.n_samples == 2
    # Text among the inputs still makes the first row a header.
    assert load_csv(write(tmp_path / "h.csv", "a,b,y\n1,2,short\n")).n_samples == 1


def test_labels_that_read_as_numbers_are_written_as_numbers(tmp_path):
    text = "x,y\n1,2\n2,10\n3,many\n4,2.50\n5,10.0\n"
    data = load_csv(write(tmp_path / "d.csv", text))
    assert data.class_names == ("10", "2", "2.5", "many")   # sorted as text
    np.testing.assert_array_equal(data.labels, [1, 0, 3, 2, 0])


def test_the_target_can_be_any_column(tmp_path):
    data = load_csv(write(tmp_path / "d.csv", "kind,a,b\ncat,1,2\ndog,3,4\n"),
                    target_column="kind")
    assert data.class_names == ("cat", "dog")
    np.testing.assert_array_equal(data.inputs, [[1, 2], [3, 4]])


def test_saved_classes_fix_the_order_and_refuse_a_new_label(tmp_path):
    path = write(tmp_path / "d.csv", "x,size\n1,short\n2,tall\n3,short\n")
    data = load_csv(path, classes=["tall", "short", "medium"])
    assert data.class_names == ("tall", "short", "medium")
    np.testing.assert_array_equal(data.labels, [1, 0, 1])
    assert data.n_outputs == 3                      # a class the file lacks keeps its output
    write(path, "x,size\n1,short\n2,tall\n3,huge\n")
    with pytest.raises(InputError) as error:
        load_csv(path, classes=["short", "tall"])
    assert str(error.value) == (
        f'{path}: line 4, column "size": \'huge\' is not one of the classes saved with this '
        f"data set (short, tall); choose the file again to take its classes afresh")


@pytest.mark.parametrize("text, kwargs, message", [
    ("x,y\n1,short\n", {"task": REGRESSION}, r'line 2, column "y": \'short\' is not a number'),
    ("x,y\n1,2\n3,\n", {}, 'line 3, column "y": the cell is empty'),
    ("x,y\n1,a\n3,\n", {}, 'line 3, column "y": the cell is empty'),
    ("x,y\n1,a\n3,nan\n", {}, "line 3, column \"y\": 'nan' is not a finite number"),
    ("x,y\nabc,a\n", {}, r'line 2, column "x": \'abc\' is not a number'),
    ("x,y\n1,a\n2,b\x1b[31m\n", {}, r"the class label 'b\\x1b\[31m' holds control characters"),
    ("x,y\n1," + "a" * 101 + "\n", {}, "a class label of 101 characters; labels may have up "
                                       "to 100"),
    ("x,y\n1,a\n", {"classes": ["a"], "task": REGRESSION}, "class names are for classification"),
])
def test_bad_labels_get_one_line_naming_line_and_column(tmp_path, text, kwargs, message):
    with pytest.raises(ValueError, match=message) as error:
        load_csv(write(tmp_path / "d.csv", text), **kwargs)
    assert "\n" not in str(error.value)


def test_a_column_of_quantities_with_a_stray_word_is_not_taken_for_classes(tmp_path,
                                                                          monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_CLASSES", 4)
    text = "x,y\n" + "".join(f"{i},{i * 0.5}\n" for i in range(6)) + "6,n/a\n"
    with pytest.raises(InputError, match=r'line 8, column "y": \'n/a\' is not a number'):
        load_csv(write(tmp_path / "d.csv", text))


@pytest.mark.parametrize("classes, message", [
    ([], "a list of 1 to 1,000 class names"),
    ("setosa", "a list of"),
    (["a", "a"], "'a' appears twice"),
    (["a", " b"], "names as a CSV cell is read"),
    (["1.0"], "names as a CSV cell is read"),
    (["nan"], "names as a CSV cell is read"),
    ([""], "names as a CSV cell is read"),
    ([3], "names as a CSV cell is read"),
])
def test_class_lists_are_checked(classes, message):
    with pytest.raises(ValueError, match=message):
        DatasetRef("csv", {"classes": classes}, ["d.csv"])


# ---------------------------------------------------------------------- in a project
def test_the_first_load_records_the_classes_and_a_reload_keeps_their_outputs(tmp_path):
    data_file = write(tmp_path / "sizes.csv", "h,size\n1,short\n2,tall\n3,short\n")
    reference = DatasetRef("csv", {}, [str(data_file)])
    project = Project.new([1, 2], output="softmax", dataset=reference)
    project.load_data()
    assert reference.params == {}  # a reference is a value: loading makes a new one
    assert project.dataset.params == {"classes": ["short", "tall"]}
    assert project.dataset.describe() == (f"CSV file {data_file}; classes 0 = short, "
                                          f"1 = tall; no test set")
    save_project(project, tmp_path / "p.nnsim.json")
    stored = json.loads((tmp_path / "p.nnsim.json").read_text())
    assert stored["dataset"]["params"] == {"classes": ["short", "tall"]}
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(stored, json.loads(SCHEMA.read_text()),
                        cls=jsonschema.Draft202012Validator)
    # A class that sorts first joins the file: without the saved list every output
    # would change meaning; with it the old rows keep theirs and the new label is named.
    write(data_file, "h,size\n1,short\n2,tall\n3,average\n")
    reloaded = load_project(tmp_path / "p.nnsim.json")
    with pytest.raises(InputError, match="line 4, column \"size\": 'average' is not one of "
                                         "the classes saved"):
        reloaded.load_data()
    write(data_file, "h,size\n5,tall\n6,short\n")
    train, _ = reloaded.load_data()
    np.testing.assert_array_equal(train.labels, [1, 0])
    assert train.class_names == ("short", "tall")


def test_many_classes_are_counted_in_the_summary():
    names = [f"c{k:02}" for k in range(15)]
    text = DatasetRef("csv", {"classes": names}, ["d.csv"]).describe()
    assert "classes 0 = c00, 1 = c01," in text and "11 = c11, … 3 more; no test set" in text


def test_file_class_lists_are_read_and_checked(tmp_path):
    write(tmp_path / "d.csv", "x,y\n1,b\n2,a\n")
    reference = DatasetRef("csv", {"classes": ["b", "a"]}, [str(tmp_path / "d.csv")])
    project = Project.new([1, 2], output="softmax", dataset=reference)
    path = tmp_path / "p.nnsim.json"
    save_project(project, path)
    assert load_project(path).load_data()[0].class_names == ("b", "a")
    document = json.loads(path.read_text())
    for bad, message in [({"a": 1}, r"dataset\.params\.classes: expected a single value or a "
                                    r"list of names, got an object"),
                         (["a", 2], r"dataset\.params\.classes\[1\]: expected a string"),
                         (["a"] * 1001, "expected at most 1,000 class names, got 1,001"),
                         (["a", "a"], "dataset: dataset 'csv': classes: 'a' appears twice")]:
        document["dataset"]["params"]["classes"] = bad
        path.write_text(json.dumps(document))
        with pytest.raises(NetworkFileError, match=message):
            load_project(path)


def test_eval_names_the_classes_in_its_confusion_matrix(tmp_path, capsys):
    write(tmp_path / "d.csv", "x,size\n-1,short\n1,tall\n-2,short\n2,tall\n")
    project = Project.new([1, 2], output="softmax",
                          dataset=DatasetRef("csv", {}, [str(tmp_path / "d.csv")]))
    project.network.weights[0][:] = [[-5.0, 5.0]]    # x < 0: short, x > 0: tall
    save_project(project, tmp_path / "p.nnsim.json")
    assert cli.main(["eval", str(tmp_path / "p.nnsim.json")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-3:] == ["      short  tall", "short     2     0",
                                     " tall     0     2"]
