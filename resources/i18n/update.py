"""Refresh the translation files after changing user-visible text.

    python resources/i18n/update.py                 # collect texts, rebuild the .qm
    python resources/i18n/update.py --fill zh.json  # also take translations from a JSON
                                                    # file {context: {source: translation}}

Qt's ``lupdate`` (shipped with PySide6) collects every ``translate("Context", "text")``
under ``ui/`` and ``simulator/`` into ``nnsim_zh_CN.ts`` (kept translations stay, texts
no longer in the code are dropped); ``lrelease`` compiles it into the ``.qm`` the app
loads.  Edit the ``.ts`` with Qt Linguist (``pyside6-linguist``) or by hand, then run
this again.  A test fails when either file is behind the code.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent.parent
TS_FILE = HERE / "nnsim_zh_CN.ts"
QM_FILE = HERE / "nnsim_zh_CN.qm"


def tool(name: str) -> str:
    """The path of PySide6's ``pyside6-<name>`` beside this Python, or on PATH."""
    beside = Path(sys.executable).with_name(f"pyside6-{name}")
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 (pip install PySide6)")
    return found


def source_files(repository: Path = REPOSITORY) -> list[str]:
    """Every Python file whose text the user may read."""
    return sorted(str(p) for folder in ("ui", "simulator")
                  for p in (repository / folder).rglob("*.py"))


def collect(ts_file: Path, repository: Path = REPOSITORY) -> None:
    """Run lupdate over the sources into ``ts_file`` (created or merged)."""
    subprocess.run([tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete",
                    *source_files(repository), "-ts", str(ts_file)], check=True)


def compile_qm(ts_file: Path, qm_file: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)],
                   check=True)


def fill(ts_file: Path, translations: dict[str, dict[str, str]]) -> int:
    """Write ``translations`` into the unfinished messages of ``ts_file``; the number
    of messages still unfinished."""
    tree = ET.parse(ts_file)
    unfinished = 0
    for context in tree.getroot().iter("context"):
        table = translations.get(context.findtext("name"), {})
        for message in context.iter("message"):
            target = message.find("translation")
            text = table.get(message.findtext("source"))
            if text is not None and target.get("type") == "unfinished":
                target.text = text
                del target.attrib["type"]
            unfinished += target.get("type") == "unfinished"
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return unfinished


def unfinished_messages(ts_file: Path) -> list[tuple[str, str]]:
    """(context, source) of each message without a finished translation."""
    root = ET.parse(ts_file).getroot()
    return [(context.findtext("name"), message.findtext("source"))
            for context in root.iter("context") for message in context.iter("message")
            if message.find("translation").get("type") == "unfinished"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill", action="append", default=[], type=Path,
                        help="JSON file of translations {context: {source: translation}}")
    args = parser.parse_args(argv)
    collect(TS_FILE)
    for path in args.fill:
        fill(TS_FILE, json.loads(path.read_text(encoding="utf-8")))
    collect(TS_FILE)   # lupdate's own layout, so that the file only changes with its texts
    compile_qm(TS_FILE, QM_FILE)
    missing = unfinished_messages(TS_FILE)
    for context, source in missing:
        print(f"unfinished: {context}: {source[:70]!r}")
    print(f"{TS_FILE.name}: {len(missing)} unfinished")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
