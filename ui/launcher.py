"""The ``nnsim`` command: headless subcommands, or the desktop app.

Qt is imported only when the window is really wanted, so ``nnsim train`` runs on a
machine without a display or Qt's system libraries.
"""

from __future__ import annotations

import sys

from simulator import cli


def main(argv: list[str] | None = None) -> int:
    """``nnsim COMMAND ...`` runs the command line; ``nnsim [FILE]`` opens the app."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv or (len(argv) == 1 and not argv[0].startswith("-")
                    and argv[0] not in cli.COMMANDS):
        return launch_gui(argv[0] if argv else None)
    return cli.main(argv)


def launch_gui(path: str | None) -> int:
    """Open the desktop app, with the network file ``path`` when given."""
    try:
        from .app import run
    except ImportError as error:
        print(f"nnsim: cannot start the desktop app: {error}. Qt's system libraries may "
              "be missing (see README); the command line works without them.",
              file=sys.stderr)
        return 1
    return run(path)


if __name__ == "__main__":
    sys.exit(main())
