"""Where the bundled files (data sets, ...) live, in a source checkout or an installed copy."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

#: The top-level ``resources/`` folder next to ``simulator/`` in a source checkout.
_CHECKOUT_ROOT = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled file or folder, e.g. ``resource_path("data", "digits.csv.gz")``."""
    root = _CHECKOUT_ROOT if _CHECKOUT_ROOT.is_dir() else _installed_root()
    return root.joinpath(*parts)


def _installed_root() -> Path:
    # pyproject installs resources/ as the package ``nnsim_resources``.  Having no
    # __init__.py it imports as a namespace package, whose root is a MultiplexedPath
    # rather than a Path; its children are plain Paths, so step down and back up.
    root = importlib.resources.files("nnsim_resources")
    return root if isinstance(root, Path) else root.joinpath("data").parent
