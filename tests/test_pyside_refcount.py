"""Regression guard for PySide6 6.12.0 on CPython 3.11, which leaks a reference to
None on every void Qt call and aborts the app with "none_dealloc" (pyproject pins it)."""

import sys

import pytest

QtCore = pytest.importorskip("PySide6.QtCore")


def test_void_qt_calls_keep_the_refcount_of_none():
    obj = QtCore.QObject()
    obj.setObjectName("warm-up")
    before = sys.getrefcount(None)
    for _ in range(100_000):
        obj.setObjectName("x")
    after = sys.getrefcount(None)
    assert abs(after - before) < 100, (
        f"PySide6 {QtCore.qVersion()} lost {before - after} references to None")
