"""The Qt-free undo history: steps that merge, a saved point, a limit, refusals."""

import pytest

from nnsim.session import Change, UndoHistory, UndoRefused


class Box:
    def __init__(self):
        self.value = 0

    def change(self, new: int, key=None) -> Change:
        old = self.value
        return Change(f"set {new}", lambda: setattr(self, "value", new),
                      lambda: setattr(self, "value", old), key)


def test_push_applies_undo_and_redo_walk_the_line():
    box, history = Box(), UndoHistory()
    for new in (1, 2, 3):
        history.push(box.change(new), applied=False)
    history.undo()
    history.undo()
    assert box.value == 1 and history.redo_text == "set 2"
    history.push(box.change(9), applied=False)   # the redo tail goes
    assert history.texts == ["set 1", "set 9"] and not history.can_redo
    history.jump(0)
    assert box.value == 0 and history.index == 0


def test_changes_with_the_same_key_merge_into_one_step():
    box, history = Box(), UndoHistory()
    history.push(box.change(1, key="w"), applied=False)
    history.push(box.change(2, key="w"), applied=False)
    assert history.texts == ["set 1"] and box.value == 2
    history.undo()
    assert box.value == 0
    history.redo()
    assert box.value == 2


def test_the_saved_point_and_the_limit():
    box, history = Box(), UndoHistory(limit=3)
    history.push(box.change(1), applied=False)
    history.mark_clean()
    assert history.is_clean
    history.push(box.change(2), applied=False)
    assert not history.is_clean
    history.undo()
    assert history.is_clean
    for new in (3, 4, 5):
        history.push(box.change(new), applied=False)
    assert history.texts == ["set 3", "set 4", "set 5"] and not history.is_clean


def test_a_refused_step_moves_nothing():
    history = UndoHistory()

    def refuse():
        raise OSError("gone")

    history.push(Change("x", lambda: None, refuse))
    with pytest.raises(UndoRefused, match="gone"):
        history.undo()
    assert history.index == 1 and history.can_undo
