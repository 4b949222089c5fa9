"""Translated lessons: every bundled lesson has a Chinese twin in ``lessons/zh_CN/`` with
the same steps, actions, checks and answers, which the app shows when its interface is
in Chinese (an English lesson without a twin is shown as it is)."""

import json
import re

import pytest

from nnsim.simulator import lessonformat
from nnsim.simulator.lessonformat import SUFFIX, bundled_lessons, load_lesson
from nnsim.simulator.resources import resource_path

#: The fields of a lesson file a translation rewrites; everything else stays as it is.
TEXTS = ("title", "summary", "text", "task", "hint", "prompt", "explanation")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = sorted(resource_path("lessons").glob(f"*{SUFFIX}"))


def twin_of(path):
    return path.parent / "zh_CN" / path.name


def skeleton(node):
    """The lesson with every text replaced by a mark: what a translation keeps."""
    if isinstance(node, dict):
        return {key: "<text>" if key in TEXTS and isinstance(value, str)
                else ["<choice>"] * len(value) if key == "choices" else skeleton(value)
                for key, value in node.items()}
    if isinstance(node, list):
        return [skeleton(item) for item in node]
    return node


def texts(node) -> list[str]:
    if isinstance(node, dict):
        return [text for key, value in node.items()
                for text in ([value] if key in TEXTS and isinstance(value, str)
                             else value if key == "choices" else texts(value))]
    if isinstance(node, list):
        return [text for item in node for text in texts(item)]
    return []


def numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:[.,]\d+)*", text)


def test_there_are_eight_lessons_and_eight_twins():
    assert len(ENGLISH) == 8
    assert sorted(p.name for p in (resource_path("lessons") / "zh_CN").glob(f"*{SUFFIX}")) \
        == [p.name for p in ENGLISH]


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.name.removesuffix(SUFFIX))
def test_a_twin_has_the_same_steps_actions_checks_and_answers(path):
    english = json.loads(path.read_text(encoding="utf-8"))
    chinese = json.loads(twin_of(path).read_text(encoding="utf-8"))
    assert skeleton(chinese) == skeleton(english)
    assert chinese["id"] == english["id"]           # one progress for both
    assert len(chinese["steps"]) == len(english["steps"])


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.name.removesuffix(SUFFIX))
def test_a_twin_loads_and_every_text_is_chinese_with_its_numbers_unchanged(path):
    english, chinese = load_lesson(path), load_lesson(twin_of(path))
    assert chinese.id == english.id
    for before, after in zip(english.steps, chinese.steps):
        assert (after.actions, after.check) == (before.actions, before.check)
        assert (after.question is None) == (before.question is None)
        if before.question is not None:
            assert after.question.answer == before.question.answer
            assert len(after.question.choices) == len(before.question.choices)
    for before, after in zip(texts(json.loads(path.read_text(encoding="utf-8"))),
                             texts(json.loads(twin_of(path).read_text(encoding="utf-8")))):
        if after == before:     # a formula, a figure or a name: nothing to translate
            assert not re.search(r"[A-Za-z]{3,}", before.replace("Softmax", "")), before
        else:
            assert CHINESE.search(after), (before, after)
        # The formulas and figures are the English text's (a sentence may say a word
        # for a number: "all four", "a fifth").
        assert set(numbers(after)) <= set(numbers(before)) | {"1", "2"}, (before, after)


def test_the_interface_language_chooses_the_twins():
    english = bundled_lessons("en")
    chinese = bundled_lessons("zh_CN")
    assert english == ENGLISH
    assert chinese == [twin_of(p) for p in ENGLISH]
    assert bundled_lessons() == english            # headless: English
    assert [load_lesson(p).id for p in chinese] == [load_lesson(p).id for p in english]


def test_a_lesson_without_a_twin_is_shown_in_english(tmp_path, monkeypatch):
    for name in ("01-a", "02-b"):
        (tmp_path / "lessons").mkdir(exist_ok=True)
        (tmp_path / "lessons" / f"{name}{SUFFIX}").write_text("{}")
    (tmp_path / "lessons" / "zh_CN").mkdir()
    (tmp_path / "lessons" / "zh_CN" / f"02-b{SUFFIX}").write_text("{}")
    monkeypatch.setattr(lessonformat, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    assert bundled_lessons("zh_CN") == [tmp_path / "lessons" / f"01-a{SUFFIX}",
                                        tmp_path / "lessons" / "zh_CN" / f"02-b{SUFFIX}"]
    assert bundled_lessons("en") == [tmp_path / "lessons" / f"01-a{SUFFIX}",
                                     tmp_path / "lessons" / f"02-b{SUFFIX}"]


# ---------------------------------------------------------------------- the window
def test_the_lessons_dock_lists_the_chinese_lessons(qtbot, chinese_window):
    from lessonsteps import panel_of
    panel = panel_of(chinese_window)
    titles = [panel.list.item(r).text() for r in range(panel.list.count())]
    assert titles == [f"{n}. {load_lesson(twin_of(p)).title}"
                      for n, p in enumerate(ENGLISH, start=1)]
    assert titles[0] == "1. 一个神经元" and titles[7] == "8. 数字识别网络"
    assert panel.lesson_title.text() == "一个神经元"
    assert panel.start_button.text() == "开始本课 ▶"


def test_a_chinese_lesson_is_taken_in_chinese(qtbot, chinese_window):
    """Lesson 1 in Chinese: its steps, the verdict of a failed check with the hint, a
    question answered, and its progress in the list."""
    from lessonsteps import check_fails, choose, choose_answer, click, click_neuron, panel_of
    window = chinese_window
    panel = panel_of(window)
    choose(qtbot, window, 0)
    assert window.session.network.sizes == [4, 1]
    assert (panel.position.text(), panel.step_title.text()) == ("第 1 步，共 4 步",
                                                                 "神经元先求和，再压缩")
    click(qtbot, panel.next_button)
    assert panel.step_title.text() == "看看内部"
    assert panel.task.text() == "你的任务：在画布上单击输出神经元。"
    text = check_fails(qtbot, window, "请在画布上选中该神经元（单击它）。",
                       "提示：它是右边唯一的圆圈")
    assert "Hint" not in text
    click_neuron(qtbot, window, 1, 0)
    qtbot.waitUntil(lambda: panel.result.text() == "✓ 完成——请按“下一步”。", timeout=10_000)
    click(qtbot, panel.next_button)
    assert panel.question.text() == "z 等于多少？"
    choose_answer(qtbot, panel.choices.button(0))
    assert panel.explanation.text() == "不太对——再试一次。"
    choose_answer(qtbot, panel.choices.button(1))
    assert panel.explanation.text().startswith("答对了。0.2 + 1.0 + 2.7 + 0.4 = 4.3，")
    qtbot.waitUntil(lambda: panel.result.text() == "✓ 完成——请按“下一步”。", timeout=10_000)
    assert panel.list.item(0).text() == "1. 一个神经元  ·  第 3 步，共 4 步"
