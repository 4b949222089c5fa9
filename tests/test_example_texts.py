"""The bundled examples' titles and descriptions are in the translation catalogue
(``nnsim.ui.example_texts``), and the welcome page, the examples menu and Help ▸ Concepts
show them through the translator; a user's own file's text is shown as written."""

import json

import pytest
from PySide6.QtWidgets import QLabel

from nnsim.simulator.resources import resource_path
from nnsim.ui.concepts import CONCEPTS, concepts_html
from nnsim.ui.example_texts import EXAMPLE_TEXTS, example_text
from nnsim.ui.welcome import ExampleCard, example_files

BUNDLED = sorted(resource_path("examples").glob("*.nnsim.json"))


def header_texts(path) -> list[str]:
    document = json.loads(path.read_text(encoding="utf-8"))
    return [document["title"], document["description"]]


@pytest.fixture
def translator(marking_translator):
    return marking_translator()


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.name)
def test_every_bundled_example_is_in_the_catalogue(path):
    """A new example's title and description must be added to ui/example_texts.py."""
    missing = [text for text in header_texts(path) if text not in EXAMPLE_TEXTS]
    assert missing == [], f"add to nnsim/ui/example_texts.py: {missing}"


def test_the_catalogue_holds_no_text_of_a_gone_example():
    assert {text for path in BUNDLED for text in header_texts(path)} == EXAMPLE_TEXTS
    assert len(BUNDLED) >= 10


def test_example_cards_and_menu_titles_are_translated(qtbot, translator):
    path = resource_path("examples") / "xor-2-2-1.nnsim.json"
    title, description = header_texts(path)
    card = ExampleCard(path)
    qtbot.addWidget(card)
    texts = [label.text() for label in card.findChildren(QLabel)]
    assert texts == [f"«{title}»", "2 – 2 – 1", f"«{description}»"]
    assert ("examples", title) in translator and ("examples", description) in translator
    titles = dict(example_files())   # what File ▸ Examples lists
    assert titles[path] == f"«{title}»"


def test_a_users_own_file_is_shown_as_written(qtbot, tmp_path, translator):
    path = tmp_path / "mine.nnsim.json"
    path.write_text(json.dumps({"title": "Two spirals, my way",
                                "description": "My own description"}), encoding="utf-8")
    card = ExampleCard(path)
    qtbot.addWidget(card)
    texts = [label.text() for label in card.findChildren(QLabel)]
    assert texts == ["Two spirals, my way", "", "My own description"]
    assert translator == []   # it never reached the translator
    assert example_text("Two spirals") == "«Two spirals»"


def test_the_concepts_page_is_translated(translator):
    page = concepts_html()
    for name, what, where in CONCEPTS:
        assert f"«{name}»" in page and f"«{what}»" in page
        assert "«In nnsim: {where}»".format(where=f"«{where}»") in page
    assert {context for context, _ in translator} == {"ui.concepts"}
