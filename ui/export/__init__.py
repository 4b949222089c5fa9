"""Exports to where learners go next: ONNX models and PyTorch scripts.

``nnsim.export`` sits beside the session, over the engine: it reads a ``Network`` and
writes files, and imports neither Qt nor the session.  ``torch_script`` needs numpy and
the standard library only.  ``onnx_model`` imports the ``onnx`` package (the optional
extra ``nnsim[export]``) when it is imported itself, so only code that exports to ONNX
imports it; ``onnx_available()`` tells callers beforehand, without importing it.
"""

from __future__ import annotations

import importlib.util

from nnsim.simulator.i18n import QT_TRANSLATE_NOOP

#: How to get the packages the ONNX export needs, in one line for a dialog or a terminal
#: (a dialog shows it through ``translate("export", ONNX_INSTALL_HINT)``).
ONNX_INSTALL_HINT = QT_TRANSLATE_NOOP("export", "ONNX export needs the onnx package: pip "
                                                "install onnx onnxruntime (nnsim's extra "
                                                "[export])")


def onnx_available() -> bool:
    """Whether the ``onnx`` package can be imported (it is not imported here)."""
    return importlib.util.find_spec("onnx") is not None
