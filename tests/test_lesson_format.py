"""Lesson files: the built-in lessons and the documented example load; a malformed file
gives one line naming the file, the field and the problem, quickly and without large
allocations."""

import json

import pytest
from filedocs import traced
from lessonsteps import DOCS, documented_lesson

from nnsim.simulator.lessonformat import (
    MAX_FILE_BYTES,
    MAX_TEXT_CHARS,
    LessonFileError,
    bundled_lessons,
    lesson_from_bytes,
    load_lesson,
)
from nnsim.simulator.lessonvocab import ACTIONS, CHECKS


def valid() -> dict:
    return documented_lesson()


def failure(document_or_bytes, source="lesson.json") -> tuple[str, int]:
    """The one-line error and tracemalloc's peak while loading."""
    data = document_or_bytes if isinstance(document_or_bytes, bytes) else \
        json.dumps(document_or_bytes).encode()
    with traced() as memory, pytest.raises(LessonFileError) as caught:
        lesson_from_bytes(data, source)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 700
    assert message.startswith(source)
    return message, memory.peak


def test_every_built_in_lesson_loads_in_teaching_order():
    paths = bundled_lessons()
    lessons = [load_lesson(path) for path in paths]
    assert [lesson.id for lesson in lessons] == [
        "one-neuron", "weights-and-bias", "activation-functions", "perceptron-decision",
        "chain-rule", "gradient-descent", "dead-and-saturated", "digit-network"]
    assert len({lesson.id for lesson in lessons}) == 8
    for lesson in lessons:
        assert all(step.check is not None or step.question is None for step in lesson.steps)
        assert any(step.check is not None for step in lesson.steps)


def test_the_documented_example_loads():
    lesson = lesson_from_bytes(json.dumps(documented_lesson()).encode(), "docs")
    assert lesson.id == "festival-threshold"
    assert [step.title for step in lesson.steps] == ["The rule", "Predict",
                                                     "Set the threshold"]
    assert lesson.steps[0].actions[1] == {"do": "set_bias", "layer": 1, "neuron": 0,
                                          "value": 0.0}
    assert lesson.steps[1].question.choices == ("yes", "no")
    assert lesson.steps[2].check["rows"][1] == [1.0, 0.0, 1.0]
    assert lesson.steps[0].check is None


def test_the_docs_name_every_action_and_check():
    text = DOCS.read_text(encoding="utf-8")
    for name in list(ACTIONS) + list(CHECKS) + ["all", "any"]:
        assert f"| `{name}` |" in text, name


def test_bad_json_names_the_file():
    message, _ = failure(b'{"format": "nnsim-lesson", ', "bad.json")
    assert "not valid JSON" in message


@pytest.mark.parametrize("change, field, words", [
    (lambda d: d.update(version=2), "version", "at most 1"),
    (lambda d: d.update(format="nnsim-network"), "format", "not an nnsim lesson"),
    (lambda d: d["steps"][0]["actions"].append({"do": "run_python", "code": "1"}),
     "steps[0].actions[3].do", "unknown action 'run_python'; choose one of: open_example"),
    (lambda d: d["steps"][2].update(check={"check": "eval", "expression": "1"}),
     "steps[2].check.check", "unknown check 'eval'; choose one of: parameter_count"),
    (lambda d: d["steps"][2]["check"].update(colour="red"),
     "steps[2].check", "unknown field 'colour' for truth_table; its fields are: check, rows"),
    (lambda d: d["steps"][0]["actions"][1].update(layer="1"),
     "steps[0].actions[1].layer", "expected a whole number, got a string"),
    (lambda d: d["steps"][0].update(title=["a"]), "steps[0].title",
     "expected a string, got an array"),
    (lambda d: d["steps"][1]["question"].update(answer=2), "steps[1].question.answer",
     "at most 1"),
    (lambda d: d["steps"][2]["check"].update(rows=[[0, 0, 2]]), "steps[2].check.rows[0]",
     "then 1 (fires) or 0"),
    (lambda d: d["steps"][0].update(text="ok\na\x1b[2Jb"), "steps[0].text",
     "control character \\x1b at character 2 on line 2; texts hold"),
    (lambda d: d["steps"][0].update(title="two\nlines"), "steps[0].title",
     "control character \\x0a"),
    (lambda d: d.update(id="../../etc"), "id", "letters, digits and '-' only"),
    (lambda d: d["steps"][2]["check"].update(tolerance=0.1), "steps[2].check",
     "unknown field 'tolerance'"),
    (lambda d: d["steps"][2].pop("task"), "steps[2]", "needs a task"),
])
def test_a_malformed_lesson_gives_one_line_naming_file_and_field(change, field, words):
    document = valid()
    change(document)
    message, _ = failure(document, "teacher.nnsim-lesson.json")
    assert message.startswith(f"teacher.nnsim-lesson.json: {field}: "), message
    assert words in message, message


def test_a_huge_string_is_refused_with_a_short_echo():
    document = valid()
    document["steps"][0]["text"] = "x" * (MAX_TEXT_CHARS + 1)
    document["steps"][1]["question"]["choices"][0] = "\u202e" + "y" * 500_000
    message, _ = failure(document)
    assert "steps[0].text: at most 4,000 characters are allowed, got 4,001" in message


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.nnsim-lesson.json"
    with open(path, "wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)     # sparse: costs no disk
    with traced() as memory, pytest.raises(LessonFileError) as caught:
        load_lesson(path)
    assert "1,048,577 bytes" in str(caught.value)
    assert memory.peak < 100_000


def test_many_values_are_refused_without_large_allocations():
    document = valid()
    document["steps"][2]["check"]["rows"] = [[0, 0, 1]] * 60_000   # 1 MB of rows
    data = json.dumps(document).encode()[:MAX_FILE_BYTES]
    message, peak = failure(data + b"x" * max(0, MAX_FILE_BYTES + 1 - len(data)))
    assert "bytes" in message
    document["steps"][2]["check"]["rows"] = [[0, 0, 1]] * 65
    message, peak = failure(document)
    assert "steps[2].check.rows: expected at most 64 items, got 65" in message
    assert peak < 2_000_000


def test_a_folder_or_missing_file_says_so(tmp_path):
    with pytest.raises(LessonFileError, match="not a regular file"):
        load_lesson(tmp_path)
    with pytest.raises(LessonFileError, match="cannot read the file"):
        load_lesson(tmp_path / "missing.nnsim-lesson.json")


def test_checks_nest_at_most_four_levels():
    document = valid()
    check = {"check": "answered"}
    for _ in range(4):
        check = {"check": "all", "checks": [check]}
    document["steps"][1]["check"] = check
    message, _ = failure(document)
    assert "nest at most 4 levels" in message
