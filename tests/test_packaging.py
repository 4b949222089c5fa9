"""What `pip install .` installs: every package of the source tree, and the resources."""

import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_every_python_package_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {".".join(init.parent.relative_to(ROOT).parts)
               for top in ("simulator", "ui") for init in (ROOT / top).rglob("__init__.py")}
    assert on_disk <= listed, f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}"


def test_resources_ship_as_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["setuptools"]["package-dir"]["nnsim_resources"] == "resources"
    assert "**/*" in config["tool"]["setuptools"]["package-data"]["nnsim_resources"]
    assert (ROOT / "resources" / "examples" / "xor-2-4-1.nnsim.json").exists()
