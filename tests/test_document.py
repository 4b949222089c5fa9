"""The Document's probe batch: what every snapshot evaluates for the views."""

from dataclasses import replace

import numpy as np
import pytest

from simulator.resources import resource_path
from ui.document import Document, ProbeLayout

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
