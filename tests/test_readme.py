"""The README's Python example runs as written, and its commands match CI's."""

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_api_example_runs(monkeypatch, capsys):
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    assert blocks, "README lost its Python example"
    namespace: dict = {}
    exec(compile(blocks[0], "README.md", "exec"), namespace)  # our own doc, not user input
    assert namespace["net"].n_parameters == 17
    assert namespace["net"].weights[0][1, 2] == 0.0
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 4  # a snapshot every 500 of 2000 epochs


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"```sh\n(.*?)```", README, re.S)
    test_command = commands[1].strip()
    assert "pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_the_architecture_notes_script_example_runs(monkeypatch, capsys):
    notes = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```python\n(.*?)```", notes, re.S)
    monkeypatch.chdir(ROOT)   # the example names an example file from the checkout
    exec(compile(block, "architecture.md", "exec"), {})  # our own doc, not user input
    assert capsys.readouterr().out.strip() == "(100, 100) ['Training']"


def test_ci_installs_the_readme_system_libraries():
    """CI's launch check on xcb proves the README's list is enough: so CI must install
    exactly what the README lists (and may add its own tools)."""
    listed = re.search(r"apt-get install ([^`]+)`", README, re.S).group(1).split()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    installed = set(re.search(r"apt-get install -y -qq --no-install-recommends(.*?)>/dev/null",
                              ci, re.S).group(1).replace("\\", " ").split())
    assert "libxcb-icccm4" in listed and "libxcb-keysyms1" in listed
    assert set(listed) <= installed
    assert ".ci/launch_check" in ci


def test_the_teaching_section_counts_the_lesson_vocabulary_and_lessons():
    from nnsim.simulator import lessonvocab
    teaching = README.split("## Teaching with nnsim", 1)[1].split("\n## ", 1)[0]
    counted = re.search(r"of (\d+) actions and (\d+) checks", teaching)
    assert counted, "the README no longer counts the lesson vocabulary"
    assert (int(counted.group(1)), int(counted.group(2))) == (
        len(lessonvocab.ACTIONS), len(lessonvocab.CHECKS))
    rows = re.findall(r"^\| (\d)\. ", teaching, re.M)
    lessons = sorted((ROOT / "resources" / "lessons").glob("*.nnsim-lesson.json"))
    assert [int(r) for r in rows] == list(range(1, len(lessons) + 1)) == list(range(1, 9))
    for picture in re.findall(r"\((resources/screenshots/[\w-]+\.png)\)", teaching):
        assert (ROOT / picture).is_file(), picture
