"""The layers, checked at run time: the engine and the command line load no Qt, and
the app's thread settings are the app's alone.  The import contracts in pyproject.toml
(``lint-imports``, run by CI) check the same statically, for every import."""

import subprocess
import sys

from nnsim.simulator.resources import resource_path

QT = ("PySide6", "pyqtgraph", "shiboken6")


def loaded_after(code: str) -> list[str]:
    """The Qt or nnsim.ui modules loaded by ``code`` run in a fresh interpreter, and the
    OPENBLAS_NUM_THREADS it leaves, as the last item."""
    probe = (code + "\nimport os, sys\n"
             f"print(','.join(m for m in sys.modules if m.split('.')[0] in {QT!r} "
             "or m.startswith('nnsim.ui')))\n"
             "print(os.environ.get('OPENBLAS_NUM_THREADS', 'unset'))\n")
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, env=env)
    modules, threads = out.stdout.splitlines()[-2:]
    return [m for m in modules.split(",") if m] + [threads]


def test_importing_every_engine_module_loads_no_qt():
    code = ("import importlib, pkgutil, nnsim.simulator as engine\n"
            "for m in pkgutil.walk_packages(engine.__path__, 'nnsim.simulator.'):\n"
            "    importlib.import_module(m.name)\n")
    assert loaded_after(code) == ["unset"]


def test_a_headless_command_loads_no_qt_and_leaves_blas_threading_alone():
    """`nnsim info` used to import the GUI package, which pinned BLAS to one thread."""
    example = resource_path("examples", "xor-2-4-1.nnsim.json")
    code = f"from nnsim.cli import main\nassert main(['info', {str(example)!r}]) == 0\n"
    assert loaded_after(code) == ["unset"]
