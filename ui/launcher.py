"""The ``nnsim`` command: headless subcommands, or the desktop app.

Qt is imported only when the window is really wanted, so ``nnsim train`` runs on a
machine without a display or Qt's system libraries.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    print("nnsim: the desktop app is not built yet; the engine is importable as "
          "'simulator' (see README).", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
