"""The engine never imports Qt or the UI, statically or at run time."""

import ast
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "pyqtgraph", "ui", "shiboken6")


def imported_modules(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_simulator_sources_import_no_qt_or_ui():
    sources = sorted((ROOT / "simulator").rglob("*.py"))
    assert sources, "simulator package not found"
    offenders = {str(p.relative_to(ROOT)): sorted(imported_modules(p) & set(FORBIDDEN))
                 for p in sources}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_every_simulator_module_loads_no_qt():
    code = (
        "import importlib, pkgutil, sys, simulator\n"
        "for m in pkgutil.walk_packages(simulator.__path__, 'simulator.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in %r]\n"
        "print(','.join(bad))\n" % (FORBIDDEN,))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == ""
