"""The Document's probe batch: what every snapshot evaluates for the views."""

from dataclasses import replace

import numpy as np
import pytest

from nnsim.simulator.fileformat import save_project
from nnsim.simulator.project import DatasetRef, Project
from nnsim.simulator.resources import resource_path
from nnsim.ui.document import Document, ProbeLayout

CIRCLE = resource_path("examples") / "playground-circle.nnsim.json"


@pytest.fixture
def document(qtbot):
    doc = Document()
    doc.open(CIRCLE)
    yield doc
    doc.shutdown()


def test_probe_rows_follow_the_probe_size_and_keep_the_data_view_rows(qtbot, document):
    grid = np.linspace(-1, 1, 10).reshape(5, 2)
    document.set_extra_probe(grid)
    assert document.probe == ProbeLayout(document.config.probe_size, 5)
    document.set_config(replace(document.config, probe_size=10))
    assert document.probe == ProbeLayout(10, 5)
    document.step()
    qtbot.waitUntil(lambda: document.last_snapshot is not None, timeout=5000)
    rows = document.last_snapshot.probe_activations[0]
    np.testing.assert_array_equal(rows[:10], document.train_data.inputs[:10])
    np.testing.assert_array_equal(rows[10:], grid)


def test_choosing_a_csv_with_text_labels_records_its_classes_as_one_undoable_step(
        qtbot, document, tmp_path):
    data_file = tmp_path / "sizes.csv"
    data_file.write_text("a,b,size\n1,2,short\n2,1,tall\n3,3,short\n0,0,tall\n")
    before = document.project.dataset
    document.set_dataset(DatasetRef("csv", {}, [str(data_file)]))
    assert document.project.dataset.params == {"classes": ["short", "tall"]}
    assert document.train_data.class_names == ("short", "tall")
    document.undo_stack.undo()
    assert document.project.dataset == before
    document.undo_stack.redo()
    assert document.project.dataset.params == {"classes": ["short", "tall"]}


def test_opening_a_project_records_the_classes_its_csv_has(qtbot, tmp_path):
    data_file = tmp_path / "sizes.csv"
    data_file.write_text("a,size\n1,short\n2,tall\n")
    path = tmp_path / "p.nnsim.json"
    save_project(Project.new([1, 2], output="softmax",
                             dataset=DatasetRef("csv", {}, [str(data_file)])), path)
    doc = Document()
    doc.open(path)
    try:
        assert doc.project.dataset.params == {"classes": ["short", "tall"]}
    finally:
        doc.shutdown()
