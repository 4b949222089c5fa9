"""The engine's messages about files and data go through translate(): with a translator
installed, a file error, a CSV place, a data set's name and a data reference's summary
are its translations, placeholders filled after translating, echoed values untouched."""

import json

import pytest

from nnsim.simulator import fileformat
from nnsim.simulator.csvfile import read_csv
from nnsim.simulator.datasets import BUILTIN_DATASETS
from nnsim.simulator.history import Metrics
from nnsim.simulator.project import DatasetRef, Project
from nnsim.simulator.safetext import InputError, quote


@pytest.fixture
def translator(marking_translator):
    return marking_translator(lambda context: context.startswith("simulator."))


def _network_document() -> dict:
    return json.loads(json.dumps(fileformat.project_to_dict(Project.new([2, 3, 1]))))


def test_a_file_error_keeps_file_and_field_and_translates_the_reason(translator):
    document = _network_document()
    document["network"]["layers"][1]["activation"] = "swish"
    with pytest.raises(fileformat.NetworkFileError) as refused:
        fileformat.project_from_dict(document, source="x.nnsim.json")
    error = refused.value
    assert error.file == "x.nnsim.json"
    assert error.field == "network.layers[1].activation"
    assert error.detail.startswith("«unknown «activation» 'swish'; choose one of: step, ")
    assert error.detail.endswith(", softmax»")
    assert ("simulator.networkfields", "activation") in translator


def test_a_wrong_type_is_named_in_the_translation(translator):
    document = _network_document()
    document["network"]["layers"][1]["biases"] = {"a": 1}
    with pytest.raises(fileformat.NetworkFileError) as refused:
        fileformat.project_from_dict(document, source="x.nnsim.json")
    assert refused.value.detail == "«expected {expected}, got {found}»".format(
        expected="«an array of 3 numbers»", found="«an object»")


def test_a_csv_place_and_problem_are_translated(translator, tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b,c\n1,,x\n")
    with pytest.raises(InputError) as refused:
        read_csv(path)
    assert refused.value.field == '«line 2, column "b"»'
    assert refused.value.detail == "«the cell is empty»"


def test_an_echoed_value_is_described_through_the_translator(translator):
    assert quote("x" * 100) == "'«" + "x" * 59 + "… (100 characters)»'"
    assert quote([1, 2]) == "«an array of 2 items»"


def test_data_set_names_and_summaries_are_translated_when_read(translator):
    info = BUILTIN_DATASETS["xor"]
    assert info.english_label == "XOR gate"
    assert info.label == "«XOR gate»"
    assert info.description.startswith("«Logical XOR")
    summary = DatasetRef("circle", {"noise": 10}, test_fraction=0.3).describe()
    assert summary == "«{description}; {more}»".format(
        description="«{data} ({settings})»".format(
            data="«built-in 'circle'»", settings="noise=10"),
        more="«30% held out for testing (split seed 0)»")
    assert Metrics(1.0, train_rows_scored=10, train_rows=30).train_subset == \
        "«first 10 of 30 rows»"


def test_without_a_translator_the_texts_stay_english():
    assert BUILTIN_DATASETS["xor"].label == "XOR gate"
    assert DatasetRef("xor").describe() == "built-in 'xor'; no test set"
