"""The ``nnsim`` command: the desktop app, or a headless subcommand (``COMMANDS``).

Only the standard library is imported here: ``nnsim train`` loads neither Qt nor the
app's settings, and the app can set its threading before numpy first loads.
"""

from __future__ import annotations

import os
import sys

#: The headless subcommands (``nnsim.cli.commands``); anything else opens the app.
COMMANDS = ("info", "train", "eval", "new", "export")


def main(argv: list[str] | None = None) -> int:
    """``nnsim COMMAND ...`` runs the command line; ``nnsim [FILE]`` opens the app."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv or (len(argv) == 1 and not argv[0].startswith("-")
                    and argv[0] not in COMMANDS):
        return launch_gui(argv[0] if argv else None)
    from .commands import main as run_command
    return run_command(argv)


def use_one_blas_thread() -> None:
    """Ask BLAS for one thread, as the app needs: a multi-threaded OpenBLAS fighting the
    GUI thread for two cores made the training loop ~40× slower.  Works only before
    numpy is first imported; a variable the user set wins."""
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")


def launch_gui(path: str | None) -> int:
    """Open the desktop app, with the network file ``path`` when given."""
    use_one_blas_thread()
    try:
        from nnsim.ui.app import run
    except ImportError as error:
        print(f"nnsim: cannot start the desktop app: {error}. Qt's system libraries may "
              "be missing (see README); the command line works without them.",
              file=sys.stderr)
        return 1
    return run(path)


if __name__ == "__main__":
    sys.exit(main())
