"""Lesson files (``*.nnsim-lesson.json``): a lesson is a sequence of steps, each a short
text, actions that set up the app, a task and a check made on the live project.

Loading is bounded and total, as for network files: only a regular file of at most
MAX_FILE_BYTES is read, its parse cost is estimated before parsing, every field is
checked (unknown fields, actions and checks are refused, naming the allowed ones) and
any problem is one :class:`LessonFileError` line naming the file, the field and what is
wrong.  Texts are kept as plain text; the front end never interprets them as HTML.
``docs/lesson-format.md`` documents the format.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import i18n
from .filesafe import read_input_file
from .i18n import translate
from .jsonfields import Field, FieldError
from .jsonparse import check_parse_cost, parse
from .lessonvocab import ACTIONS, CHECKS, COMBINATORS, MAX_CHECK_DEPTH, MAX_CHECKS
from .resources import resource_path
from .safetext import InputError, printable, quote

FORMAT = "nnsim-lesson"
VERSION = 1
SUFFIX = ".nnsim-lesson.json"
#: A lesson is text: a long course fits in a few kilobytes.
MAX_FILE_BYTES = 1 * 2**20
MAX_PARSE_BYTES = 32 * 10**6
MAX_STEPS = 50
MAX_ACTIONS = 10
MAX_TITLE_CHARS = 120
MAX_TEXT_CHARS = 4000
MAX_CHOICES = 6
#: An id names the lesson's progress in the settings: short, letters, digits and "-".
MAX_ID_CHARS = 60


class LessonFileError(InputError):
    """A lesson file cannot be used: one line naming file, field and reason."""


@dataclass(frozen=True)
class Question:
    """A multiple-choice question asked before the task: ``answer`` indexes ``choices``."""

    prompt: str
    choices: tuple[str, ...]
    answer: int
    explanation: str


@dataclass(frozen=True)
class Step:
    """One thing to read or do.  ``actions`` and ``check`` are validated plain dicts:
    ``{"do": name, ...}`` and ``{"check": name, ...}`` (None: a reading step)."""

    title: str
    text: str
    actions: tuple[dict, ...]
    task: str
    check: dict | None
    hint: str
    question: Question | None


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    summary: str
    steps: tuple[Step, ...]
    source: str = ""


# ====================================================================== loading
def load_lesson(path: str | os.PathLike) -> Lesson:
    """Read and check a lesson file (LessonFileError: one line saying what is wrong)."""
    path = Path(path)
    data = read_input_file(path, MAX_FILE_BYTES, LessonFileError)
    return lesson_from_bytes(data, str(path))


def lesson_from_bytes(data: bytes, source: str = "<data>") -> Lesson:
    """A lesson from a file's bytes; ``source`` names it in errors."""
    try:
        if len(data) > MAX_FILE_BYTES:
            raise FieldError("", translate(
                "simulator.lessonformat",
                "the file has {size} bytes; nnsim reads lessons of up to {limit} bytes")
                .format(size=f"{len(data):,}", limit=f"{MAX_FILE_BYTES:,}"))
        check_parse_cost(data, MAX_PARSE_BYTES)
        return read_lesson(Field(parse(data)), source)
    except FieldError as error:
        raise LessonFileError(source, error.path, error.detail) from None
    except RecursionError:
        raise LessonFileError(source, "", translate("simulator.lessonformat",
                                                    "the data is nested too deeply")) from None


def bundled_lessons(language: str | None = None) -> list[Path]:
    """The lessons that come with nnsim, in their teaching order (by file name).

    Each lesson is written in English; a translated twin of the same name in the
    language's folder (``lessons/zh_CN/``) replaces it when ``language`` (by default the
    interface's, :func:`i18n.language`) is that language.  A lesson without a twin is
    shown in English."""
    folder = resource_path("lessons")
    twins = folder / (language or i18n.language())
    return [twins / path.name if (twins / path.name).is_file() else path
            for path in sorted(folder.glob(f"*{SUFFIX}"))]


def read_lesson(root: Field, source: str = "") -> Lesson:
    root.object(required=("format", "version", "id", "title", "steps"),
                optional=("summary",))
    if root["format"].value != FORMAT:
        root["format"].fail(translate("simulator.lessonformat",
                                      "expected {format}: this is not an nnsim lesson")
                            .format(format=repr(FORMAT)))
    root["version"].integer(VERSION, VERSION)
    lesson_id = root["id"].string(max_length=MAX_ID_CHARS)
    if not lesson_id or not all(c.isascii() and (c.isalnum() or c == "-") for c in lesson_id):
        root["id"].fail(translate("simulator.lessonformat", "use letters, digits and '-' only"))
    steps = root["steps"].array(min_length=1, max_length=MAX_STEPS)
    summary = root.get("summary")
    return Lesson(lesson_id, line(root["title"]),
                  text(summary) if summary is not None else "",
                  tuple(_read_step(step) for step in steps), source)


def _read_step(field: Field) -> Step:
    field.object(required=("title", "text"),
                 optional=("actions", "task", "check", "hint", "question"))
    actions = field.get("actions")
    check = field.get("check")
    question = field.get("question")
    step = Step(line(field["title"]), text(field["text"]),
                tuple(read_action(a) for a in actions.array(max_length=MAX_ACTIONS))
                if actions is not None else (),
                _optional_text(field.get("task")),
                read_check(check) if check is not None else None,
                _optional_text(field.get("hint")),
                _read_question(question) if question is not None else None)
    if step.question is not None and step.check is None:
        field.fail(translate("simulator.lessonformat",
                             "a step with a question needs a check (\"answered\" at least)"))
    if step.check is not None and not step.task and step.question is None:
        field.fail(translate("simulator.lessonformat",
                             "a step with a check needs a task saying what to do"))
    return step


def _read_question(field: Field) -> Question:
    field.object(required=("prompt", "choices", "answer"), optional=("explanation",))
    choices = tuple(line(c) for c in field["choices"].array(min_length=2,
                                                            max_length=MAX_CHOICES))
    return Question(text(field["prompt"]), choices,
                    field["answer"].integer(0, len(choices) - 1),
                    _optional_text(field.get("explanation")))


def read_action(field: Field) -> dict:
    """An action ``{"do": name, ...}`` with its fields checked."""
    field.object(required=("do",), extra_keys=True)
    name = field["do"].string(tuple(ACTIONS), translate("simulator.lessonformat", "action"))
    return {"do": name, **_read_fields(field, "do", *ACTIONS[name])}


def read_check(field: Field, depth: int = 0) -> dict:
    """A check ``{"check": name, ...}`` with its fields (and nested checks) checked."""
    field.object(required=("check",), extra_keys=True)
    name = field["check"].string(tuple(CHECKS) + COMBINATORS,
                                  translate("simulator.lessonformat", "check"))
    if name in COMBINATORS:
        field.object(required=("check", "checks"))
        if depth + 1 >= MAX_CHECK_DEPTH:
            field.fail(translate("simulator.lessonformat",
                                 "checks may nest at most {depth} levels deep")
                       .format(depth=MAX_CHECK_DEPTH))
        items = field["checks"].array(min_length=1, max_length=MAX_CHECKS)
        return {"check": name, "checks": [read_check(item, depth + 1) for item in items]}
    required, optional = CHECKS[name]
    found = _read_fields(field, "check", required, optional)
    if "tolerance" in found and found.get("op") not in ("==", "!="):
        field["tolerance"].fail(translate(
            "simulator.lessonformat", 'a tolerance goes with the operators "==" and "!=" only'))
    return {"check": name, **found}


def _read_fields(field: Field, key: str, required: dict, optional: dict) -> dict:
    allowed = (key, *required, *optional)
    unknown = next((name for name in field.value if name not in allowed), None)
    if unknown is not None:
        field.fail(translate("simulator.lessonformat",
                             "unknown field {name} for {owner}; its fields are: {fields}")
                   .format(name=quote(unknown), owner=field[key].value,
                           fields=", ".join(allowed)))
    field.object(required=(key, *required), optional=tuple(optional))
    readers = {**required, **optional}
    return {name: readers[name](field[name]) for name in field.value if name != key}


# ====================================================================== texts
def line(field: Field) -> str:
    """A title: one line of at most MAX_TITLE_CHARS printable characters."""
    value = field.string(max_length=MAX_TITLE_CHARS)
    _check_printable(field, value, allow_newlines=False)
    if not value.strip():
        field.fail(translate("simulator.lessonformat", "must not be empty"))
    return value


def text(field: Field) -> str:
    """A paragraph or a few: printable characters and line breaks."""
    value = field.string(max_length=MAX_TEXT_CHARS)
    _check_printable(field, value, allow_newlines=True)
    return value


def _optional_text(field: Field | None) -> str:
    return "" if field is None else text(field)


def _check_printable(field: Field, value: str, allow_newlines: bool) -> None:
    """Refuse control characters (a terminal escape, a bidi override...): a lesson's
    text is shown as it is, so it must say only what it appears to say."""
    for number, part in enumerate(value.split("\n") if allow_newlines else [value]):
        safe = printable(part)
        if safe != part:
            at = next(i for i, (a, b) in enumerate(zip(part, safe)) if a != b)
            found = translate("simulator.lessonformat",
                              "control character {character} at character {position} on "
                              "line {line}; texts hold printable characters and line breaks") \
                if allow_newlines else \
                translate("simulator.lessonformat",
                          "control character {character} at character {position}; texts "
                          "hold printable characters")
            field.fail(found.format(character=printable(part[at]), position=f"{at + 1:,}",
                                    line=number + 1))
