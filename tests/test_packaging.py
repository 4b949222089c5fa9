"""What `pip install .` installs: one top-level package, nnsim, with every package of the
source tree under it, and the resources but not the scripts that make them."""

import pathlib
import tomllib

import nnsim.simulator
from nnsim.simulator.resources import resource_path

ROOT = pathlib.Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_python_package_of_the_tree_is_installed_under_nnsim():
    folders = {name: pathlib.Path(folder) for name, folder in CONFIG["package-dir"].items()}
    assert all(name.split(".")[0] == "nnsim" for name in CONFIG["packages"])
    on_disk = set()
    for init in ROOT.glob("*/**/__init__.py"):
        folder = init.parent.relative_to(ROOT)
        owner = max((name for name, top in folders.items()
                     if folder == top or top in folder.parents),
                    key=lambda name: len(folders[name].parts), default=None)
        if owner is not None:
            rest = folder.relative_to(folders[owner]).parts
            on_disk.add(".".join((owner, *rest)))
    assert on_disk == set(CONFIG["packages"])


def test_the_tests_run_against_the_installed_package():
    """CI installs the wheel: the engine must come from it, not from the checkout."""
    assert ROOT / "simulator" not in pathlib.Path(nnsim.simulator.__file__).parents


def test_resources_ship_as_package_data_without_the_scripts():
    assert resource_path("examples", "xor-2-4-1.nnsim.json").is_file()
    assert resource_path("data", "digits.csv.gz").is_file()
    assert not resource_path("examples", "make_examples.py").exists()
    assert not resource_path("screenshots").exists()


def test_the_installed_distribution_has_one_top_level_name():
    """The wheel once installed simulator/, ui/ and nnsim_resources/ into site-packages:
    another distribution's ui package silently overwrote nnsim's files."""
    from importlib import metadata
    site = pathlib.Path(nnsim.simulator.__file__).parents[2]   # not the checkout's egg-info
    (distribution,) = [d for d in metadata.distributions(path=[str(site)])
                       if d.metadata["Name"] == "nnsim"]
    files = distribution.files
    top = {f.parts[0] for f in files if f.parts[0] != ".." and f.suffix != ".pth"
           and not f.parts[0].endswith(".dist-info")}
    assert top == {"nnsim"}
    shipped = {"/".join(f.parts[1:3]) for f in files if f.parts[0] == "nnsim"}
    assert {"simulator/network.py", "cli/commands.py", "ui/mainwindow.py",
            "resources/examples"} <= shipped
