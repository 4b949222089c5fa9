"""``nnsim export``: write a network file as an ONNX model or a PyTorch script, headless.

The ONNX writer needs the ``onnx`` package (``nnsim[export]``); without it the command
says how to install it, in one line, and exits with 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

from nnsim.export import ONNX_INSTALL_HINT, onnx_available
from nnsim.export.torch_script import save_torch_script
from nnsim.simulator.fileformat import load_project
from nnsim.simulator.safetext import shorten

from .report import EXIT_OK, EXIT_USAGE, CommandError


def run_export(args) -> int:
    """Export FILE to every format asked for (``--onnx``, ``--torch``); nothing is
    written unless every output may be (the extra installed, no file in the way)."""
    if not (args.onnx or args.torch):
        print("nnsim export: error: name at least one output: --onnx OUT or --torch OUT",
              file=sys.stderr)
        return EXIT_USAGE
    if args.onnx and not onnx_available():
        raise CommandError(ONNX_INSTALL_HINT)
    outputs = [Path(p) for p in (args.onnx, args.torch) if p]
    for out in outputs:
        if out.exists() and not args.force:
            raise CommandError(f"{shorten(str(out), 160)} already exists; "
                               "pass --force to replace it")
    project = load_project(args.file)
    if args.onnx:
        from nnsim.export.onnx_model import save_onnx  # imports onnx
        size = save_onnx(project.network, args.onnx, project.title, project.description)
        print(f"wrote {shorten(args.onnx, 160)}: ONNX model, {size:,} bytes")
    if args.torch:
        size = save_torch_script(project.network, project.training, args.torch, project.title)
        print(f"wrote {shorten(args.torch, 160)}: PyTorch script, {size:,} bytes")
    return EXIT_OK
