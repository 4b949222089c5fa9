"""How the ``nnsim`` commands report: exit codes, one-line errors, numbers as text.

Exit codes: 0 success, 1 a bad file or a failed run, 2 a usage error, 130 training
stopped by Ctrl-C (after saving what it reached).  Errors are one line on stderr.
"""

from __future__ import annotations

import sys

from nnsim.simulator.safetext import one_line

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class CommandError(Exception):
    """A failure to report as one line and exit code 1."""


def fail(message: str) -> int:
    """Report ``message`` as one printable line (it may quote a file) and return 1."""
    print(f"nnsim: error: {one_line(message)}", file=sys.stderr)
    return EXIT_FAILED


def metrics_text(train_loss, train_accuracy, test_loss, test_accuracy) -> str:
    """"train loss 0.0123, accuracy 98.5%; test loss …": the parts that are known."""
    text = f"train loss {format_number(train_loss)}"
    text += f", accuracy {train_accuracy:.1%}" if train_accuracy is not None else ""
    if test_loss is not None:
        text += f"; test loss {format_number(test_loss)}"
        text += f", accuracy {test_accuracy:.1%}" if test_accuracy is not None else ""
    return text


def format_number(value) -> str:
    return "n/a" if value is None else f"{value:.4g}"
