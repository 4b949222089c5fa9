"""The committed translation files are current: the .ts holds exactly the texts the code
asks for, each translated, and the .qm is what lrelease makes of it."""

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("update", REPOSITORY / "resources/i18n/update.py")
update = importlib.util.module_from_spec(spec)
spec.loader.exec_module(update)


def messages(ts_file: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts_file).getroot()
    return {(context.findtext("name"), message.findtext("source"))
            for context in root.iter("context") for message in context.iter("message")}


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Path:
    """The committed .ts run through lupdate over today's sources."""
    copy = tmp_path_factory.mktemp("ts") / update.TS_FILE.name
    shutil.copy(update.TS_FILE, copy)
    update.collect(copy, REPOSITORY)
    return copy


def test_the_ts_file_holds_every_text_of_the_code_and_no_other(collected):
    assert messages(collected) == messages(update.TS_FILE)
    assert len(messages(update.TS_FILE)) > 1000


def test_every_text_is_translated():
    assert update.unfinished_messages(update.TS_FILE) == []


def test_translations_keep_the_placeholders_of_their_source():
    root = ET.parse(update.TS_FILE).getroot()
    for message in root.iter("message"):
        source = message.findtext("source")
        translation = message.findtext("translation") or ""
        fields = sorted(set(_placeholders(source)))
        assert sorted(set(_placeholders(translation))) == fields, source


def _placeholders(text: str) -> list[str]:
    return re.findall(r"\{[A-Za-z_][A-Za-z_0-9]*(?:[:!][^{}]*)?\}", text)


def test_the_qm_file_is_compiled_from_the_ts_file(tmp_path):
    built = tmp_path / "built.qm"
    update.compile_qm(update.TS_FILE, built)
    assert built.read_bytes() == update.QM_FILE.read_bytes()
