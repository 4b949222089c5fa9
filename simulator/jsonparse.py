"""Parsing a JSON file's bytes so that every problem becomes a :class:`FieldError`.

:func:`check_parse_cost` bounds the memory parsing will take before :func:`parse` is
called; :func:`parse` refuses text that is not UTF-8 and a key given twice in one object,
and turns number literals Python cannot (or should not) convert into :class:`BadNumber`,
which :class:`~.jsonfields.Field` reports with the field's path.

The texts here keep the translation context "simulator.jsonfields", where they were
written first: a context is only a name, and the catalogue stays as it is.
"""

from __future__ import annotations

import json
import math

from .i18n import translate
from .safetext import quote, shorten

#: Number literals with more characters than this are not converted: Python refuses
#: integers over 4,300 digits, and converting long ones takes quadratic time.
MAX_NUMBER_CHARS = 100


class FieldError(ValueError):
    """One field of a JSON document is missing, of the wrong type or out of range."""

    def __init__(self, path: str, detail: str):
        super().__init__(f"{path}: {detail}" if path else detail)
        self.path = path
        self.detail = detail


class BadNumber:
    """A number literal that does not become a Python number: too long to convert, or
    beyond the range of a float (``1e999``).  Only its start is kept, for the message."""

    __slots__ = ("problem",)

    def __init__(self, literal: str):
        self.problem = translate("simulator.jsonfields", "the number {number} is out of "
                                 "range").format(number=shorten(literal, 24))


def _parse_int(literal: str):
    return int(literal) if len(literal) <= MAX_NUMBER_CHARS else BadNumber(literal)


def _parse_float(literal: str):
    value = float(literal)
    return BadNumber(literal) if math.isinf(value) else value


#: Keyword arguments for ``json.loads`` that turn unusable number literals into
#: :class:`BadNumber` instead of raising without naming the field.
PARSE_HOOKS = {"parse_int": _parse_int, "parse_float": _parse_float}


def check_parse_cost(data: bytes, max_memory: int) -> None:
    """FieldError (with an empty path) if parsing ``data`` would take more than
    ``max_memory`` bytes by ``parse_cost``: check before ``parse``."""
    cost = parse_cost(data)
    if cost > max_memory:
        raise FieldError("", translate("simulator.jsonfields", "reading it would take about "
                                       "{size} MB of memory, more than the limit of {limit} MB")
                         .format(size=f"{cost / 1e6:,.0f}", limit=f"{max_memory / 1e6:,.0f}"))


def parse(data: bytes):
    """The JSON document ``data`` holds, which must be UTF-8 and give no key twice in one
    object (FieldError, with an empty path, says what is wrong otherwise).  Number
    literals that are too long or beyond a float arrive as :class:`BadNumber`."""
    try:
        return json.loads(data.decode("utf-8"), object_pairs_hook=_unique_keys, **PARSE_HOOKS)
    except UnicodeDecodeError as error:
        raise FieldError("", translate("simulator.jsonfields", "not UTF-8 text (byte {byte})")
                         .format(byte=f"{error.start:,}")) from None
    except RecursionError:
        raise FieldError("", translate("simulator.jsonfields",
                                       "not valid JSON: nested too deeply")) from None
    except ValueError as error:  # JSONDecodeError, or a key given twice
        raise FieldError("", translate("simulator.jsonfields", "not valid JSON: {problem}")
                         .format(problem=error)) from None


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object, refusing a key given twice (json keeps the last one silently)."""
    result = dict(pairs)
    if len(result) < len(pairs):
        seen = set()
        for key, _value in pairs:
            if key in seen:
                raise ValueError(translate("simulator.jsonfields", "the key {key} appears twice "
                                           "in one object").format(key=quote(key)))
            seen.add(key)
    return result


_BELOW_F0 = bytes(range(0xF0))


def parse_cost(data: bytes) -> int:
    """An upper estimate of the bytes ``parse`` needs for ``data``, from counts of a few
    characters (made inside strings too, so it errs high; tests check it against
    measurements): the decoded text (CPython stores a string 1, 2 or 4 bytes a character,
    by its widest character; 4-byte UTF-8 sequences start with bytes F0 and up), the
    contents of strings and long numbers (at most the text again), and the object built
    per JSON value: an array or object 80 bytes, an object member 120 (json first builds
    a list of pairs), a string 80 (40 a quote), any other item 40 (a float and its slot).
    """
    width = 1 if data.isascii() else 4 if data.translate(None, _BELOW_F0) else 2
    return ((width + 1) * len(data)
            + 80 * (data.count(b"[") + data.count(b"{")) + 120 * data.count(b":")
            + 40 * data.count(b'"') + 40 * data.count(b","))
