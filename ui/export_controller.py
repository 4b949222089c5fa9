"""File › Export: the network as an ONNX model, a PyTorch script or a picture.

Each export writes what the canvas shows: the network of the moment viewed on the
timeline, or the latest snapshot while training (``Session.display_network``), never
the live buffers the training thread writes.  A failure is one plain line and leaves
everything as it was; the ONNX export without the ``onnx`` package says how to install
it instead of writing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog

from nnsim.export import ONNX_INSTALL_HINT, onnx_available
from nnsim.export.torch_script import save_torch_script
from nnsim.simulator.i18n import translate
from nnsim.simulator.safetext import os_reason, printable

from . import messages
from .controller import Controller
from .network_image import ImageSizeDialog, natural_size, save_png, save_svg
from .plaintext import path_text


def image_filters() -> str:
    """The image export's file filter, in the interface's language."""
    return translate("ui.export_controller", "PNG image (*.png);;SVG drawing (*.svg)")


class ExportController(Controller):
    """The Export submenu's actions and their work, for one window."""

    def __init__(self, window):
        super().__init__(window)
        self.onnx_action = QAction(translate("ui.export_controller", "&ONNX…"), self)
        self.onnx_action.setStatusTip(translate(
            "ui.export_controller", "Save the network as an ONNX model (float32, opset 17)"
                                    " for onnxruntime, Netron and other frameworks"))
        self.onnx_action.triggered.connect(self.export_onnx)
        self.torch_action = QAction(translate("ui.export_controller", "&PyTorch Script…"),
                                    self)
        self.torch_action.setStatusTip(translate(
            "ui.export_controller", "Save a Python script that rebuilds the network in "
                                    "PyTorch with its weights, loss and optimiser"))
        self.torch_action.triggered.connect(self.export_torch)

    def _stem(self) -> str:
        path = self.session.path
        return path.name.removesuffix(".json").removesuffix(".nnsim") if path else "network"

    def _ask_path(self, caption: str, suffix: str, filters: str) -> str:
        start = str((self.session.path.parent if self.session.path else Path.home())
                    / f"{self._stem()}{suffix}")
        path, _ = QFileDialog.getSaveFileName(self.window, caption, start, filters)
        return path

    def _done(self, path: str, what: str, size: int | None = None) -> None:
        name = Path(path).name
        self.window.show_status(
            translate("ui.export_controller", "Exported {file} ({what})").format(
                file=name, what=what) if size is None
            else translate("ui.export_controller", "Exported {file} ({what}, {size} bytes)")
            .format(file=name, what=what, size=f"{size:,}"), 5000)

    def export_onnx(self) -> None:
        if not onnx_available():
            messages.inform(self.window, translate("ui.export_controller", "ONNX export"),
                            translate("export", ONNX_INSTALL_HINT))
            return
        path = self._ask_path(translate("ui.export_controller", "Export ONNX model"), ".onnx",
                              translate("ui.export_controller", "ONNX models (*.onnx)"))
        if not path:
            return
        from nnsim.export.onnx_model import save_onnx  # imports onnx: only when used
        project = self.session.project
        self._write(path, translate("ui.export_controller", "ONNX model"), lambda: save_onnx(
            self.session.display_network(), path, project.title, project.description))

    def export_torch(self) -> None:
        path = self._ask_path(translate("ui.export_controller", "Export PyTorch script"), ".py",
                              translate("ui.export_controller", "Python scripts (*.py)"))
        if not path:
            return
        project = self.session.project
        self._write(path, translate("ui.export_controller", "PyTorch script"),
                    lambda: save_torch_script(
            self.session.display_network(), project.training, path, project.title))

    def _write(self, path: str, what: str, write) -> None:
        """Run ``write`` (it returns the bytes written); say what came of it."""
        try:
            size = write()
        except (OSError, ValueError) as error:
            messages.fail(self.window, translate("ui.export_controller", "Could not export"),
                          f"{path_text(path)}: {os_reason(error)}")
            return
        self._done(path, what, size)

    def export_image(self) -> None:
        """Ask for a file (PNG or SVG by its extension) and a size, then draw the network."""
        canvas = self.window.canvas
        path = self._ask_path(translate("ui.export_controller", "Export network image"), ".png",
                              image_filters())
        if not path:
            return
        dialog = ImageSizeDialog(natural_size(canvas), self.window)
        if dialog.exec() != QDialog.Accepted:
            return
        size = dialog.size()
        try:
            if path.lower().endswith(".svg"):
                save_svg(canvas, path, size, printable(self.session.project.title))
            else:
                save_png(canvas, path, size)
        except OSError as error:
            messages.fail(self.window, translate("ui.export_controller", "Could not export"),
                          f"{path_text(path)}: {os_reason(error)}")
            return
        self._done(path, f"{size.width():,} × {size.height():,}")
