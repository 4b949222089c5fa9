"""Where nnsim's bundled files (data sets, examples, the schema) are: the package
``nnsim.resources``, found with ``importlib.resources`` wherever nnsim is installed."""

from __future__ import annotations

import importlib.resources
import os
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """Path of a bundled file or folder, e.g. ``resource_path("data", "digits.csv.gz")``."""
    return Path(str(importlib.resources.files("nnsim.resources").joinpath(*parts)))


def bundled_as_named(text: str) -> str:
    """``text`` with the folder nnsim is installed in left out of the paths of its
    bundled files: "CSV file examples/festival.csv", not a site-packages path."""
    return text.replace(str(resource_path()) + os.sep, "")
