"""Reading untrusted JSON data with checks whose errors name the offending field.

A :class:`Field` pairs a parsed JSON value with its path in the document, written the
way a reader would look it up: ``network.layers[1].weights[0][2]`` or
``network.layers[2].overrides["3"]``.  Every check raises :class:`FieldError` with that
path and a short reason, so a loader never lets a ``KeyError`` or ``TypeError`` escape.

Every value is bounded: strings by length (and refused when they cannot be written back
as UTF-8), integers by size, nesting by depth.  Values are echoed in messages with
``safetext.quote`` and keys in paths with ``safetext.shorten``, so a 10 MB value costs
a message no more than a short one.  A document read by ``jsonparse.parse`` holds any
number literal Python cannot (or should not) convert as a ``BadNumber``, which the
checks here report; :class:`FieldError` is defined there, as parsing raises it too.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable
from typing import NoReturn

import numpy as np

from .i18n import QT_TRANSLATE_NOOP, translate
from .jsonparse import BadNumber, FieldError
from .safetext import quote, shorten

#: The longest string a field may hold unless its reader allows more or less: the
#: longest path Linux accepts, so a data file's path always fits.
MAX_STRING = 4096
#: The longest key of a free-form object (a layout, a data set's parameters).
MAX_KEY = 100
#: Whole numbers beyond ±2**53 are refused unless a reader allows more: it is the
#: largest every JSON reader (JavaScript's too) holds exactly, and no count or seed
#: nnsim stores comes near it.
MAX_INTEGER = 2**53
#: How deeply free-form data (a canvas layout) may nest, and how many values it may hold
#: (a layout with a position for each of 100,000 neurons holds about 300,000).
MAX_DEPTH = 16
MAX_PLAIN_VALUES = 1_000_000
#: Characters of an object key a field path shows.
KEY_ECHO = 40

_TYPE_NAMES = {dict: QT_TRANSLATE_NOOP("simulator.jsonfields", "an object"),
               list: QT_TRANSLATE_NOOP("simulator.jsonfields", "an array"),
               str: QT_TRANSLATE_NOOP("simulator.jsonfields", "a string"),
               bool: QT_TRANSLATE_NOOP("simulator.jsonfields", "true or false"),
               int: QT_TRANSLATE_NOOP("simulator.jsonfields", "a number"),
               float: QT_TRANSLATE_NOOP("simulator.jsonfields", "a number"),
               type(None): QT_TRANSLATE_NOOP("simulator.jsonfields", "null")}
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def describe(value) -> str:
    """The JSON type of a parsed value, as an error message says it ("a string")."""
    if isinstance(value, BadNumber):
        return translate("simulator.jsonfields", "an out-of-range number")
    name = _TYPE_NAMES.get(type(value))
    return type(value).__name__ if name is None else translate("simulator.jsonfields", name)


def _is_number(value) -> bool:
    # bool is a subclass of int, but true/false is not a number in a JSON file.
    return type(value) is int or type(value) is float


def _is_finite_number(value) -> bool:
    """A number ``Field.number`` accepts (abs() is never ≤ the largest float for NaN)."""
    return _is_number(value) and abs(value) <= sys.float_info.max


def _bound(value) -> str:
    """A limit as a message states it: whole numbers with thousands separators."""
    return f"{value:,}" if type(value) is int else repr(value)


class Field:
    """A value from a parsed JSON document and the path it was found at."""

    __slots__ = ("value", "path")

    def __init__(self, value, path: str = ""):
        self.value = value
        self.path = path

    def fail(self, detail: str) -> NoReturn:
        raise FieldError(self.path, detail)

    def _expected(self, what: str) -> NoReturn:
        """Fail for a value of the wrong type (an out-of-range number says so); ``what``
        is a translated phrase ("an object")."""
        if isinstance(self.value, BadNumber):
            self.fail(self.value.problem)
        self.fail(translate("simulator.jsonfields", "expected {expected}, got {found}").format(
            expected=what, found=describe(self.value)))

    # ------------------------------------------------------------------ containers
    def child(self, key: str | int) -> Field:
        """The field at ``key`` (an object key or an array index); no check."""
        if isinstance(key, int):
            path = f"{self.path}[{key}]"
        else:
            shown = shorten(key, KEY_ECHO)
            if shown == key and key.isidentifier():
                path = f"{self.path}.{key}" if self.path else key
            else:
                path = f'{self.path}["{shown}"]'
        return Field(self.value[key], path)

    def object(self, required: Iterable[str] = (), optional: Iterable[str] = (), *,
               extra_keys: bool = False) -> Field:
        """Check this is an object with every ``required`` key and, unless
        ``extra_keys``, no key outside ``required`` and ``optional``."""
        if not isinstance(self.value, dict):
            self._expected(translate("simulator.jsonfields", "an object"))
        required = tuple(required)
        missing = [key for key in required if key not in self.value]
        if missing:
            self.fail(translate("simulator.jsonfields", "the field {name} is missing").format(
                name=quote(missing[0])))
        if not extra_keys:
            known = set(required) | set(optional)
            unknown = next((key for key in self.value if key not in known), None)
            if unknown is not None:
                self.fail(translate("simulator.jsonfields", "unknown field {name}").format(
                    name=quote(unknown)))
        return self

    def __getitem__(self, key: str) -> Field:
        """A key that ``object`` has checked is present."""
        return self.child(key)

    def get(self, key: str) -> Field | None:
        """An optional key, or None when the object does not have it."""
        return self.child(key) if key in self.value else None

    def items(self) -> list[tuple[str, Field]]:
        """The key and field of every entry of an object whose keys are free-form: each
        key is checked like a string of at most MAX_KEY characters."""
        if not isinstance(self.value, dict):
            self._expected(translate("simulator.jsonfields", "an object"))
        self._check_keys()
        return [(key, self.child(key)) for key in self.value]

    def _check_keys(self) -> None:
        for key in self.value:
            if len(key) > MAX_KEY:
                self.fail(translate("simulator.jsonfields", "the key {key} is longer than "
                                    "{limit} characters").format(key=quote(key), limit=MAX_KEY))
            self._check_encodable(key, is_key=True)

    def array(self, length: int | None = None, min_length: int = 0,
              max_length: int | None = None) -> list[Field]:
        """The items of an array, optionally of an exact, a minimum or a maximum length
        (checked before a field is made for any item)."""
        n = len(self._list(length))
        if n < min_length:
            self.fail(translate("simulator.jsonfields", "expected at least {count} items, got "
                                "{found}").format(count=f"{min_length:,}", found=f"{n:,}"))
        if max_length is not None and n > max_length:
            self.fail(translate("simulator.jsonfields", "expected at most {count} items, got "
                                "{found}").format(count=f"{max_length:,}", found=f"{n:,}"))
        return [self.child(i) for i in range(n)]

    def _list(self, length: int | None = None) -> list:
        """This value, checked to be an array (of ``length`` items if given)."""
        if not isinstance(self.value, list):
            self._expected(translate("simulator.jsonfields", "an array"))
        n = len(self.value)
        if length is not None and n != length:
            text = (translate("simulator.jsonfields", "expected {count} item, got {found}")
                    if length == 1 else
                    translate("simulator.jsonfields", "expected {count} items, got {found}"))
            self.fail(text.format(count=f"{length:,}", found=f"{n:,}"))
        return self.value

    # The methods below check a whole array at once and make a field only for the first
    # bad item, to name it: a field costs about 150 bytes and a microsecond, too much for
    # each of the millions of items a file within the limits may hold.
    def strings(self, length: int, max_length: int = MAX_STRING) -> list[str]:
        """An array of ``length`` strings, each checked like ``string(max_length=...)``."""
        items = self._list(length)
        self._name_first_bad(items, lambda v: type(v) is str and len(v) <= max_length
                             and not _SURROGATE.search(v),
                             lambda item: item.string(max_length=max_length))
        return list(items)

    def integers(self, minimum: int = -MAX_INTEGER, maximum: int = MAX_INTEGER) -> list[int]:
        """An array of whole numbers, each checked like ``integer(minimum, maximum)``."""
        items = self._list()
        self._name_first_bad(items, lambda v: type(v) is int and minimum <= v <= maximum,
                             lambda item: item.integer(minimum, maximum))
        return list(items)

    def numbers_or_null(self, length: int) -> list[float | None]:
        """An array of ``length`` items, each checked like ``number(nullable=True)``."""
        items = self._list(length)
        self._name_first_bad(items, lambda v: v is None or _is_finite_number(v),
                             lambda item: item.number(nullable=True))
        return [None if v is None else float(v) for v in items]

    def index_pairs(self, rows: int, columns: int) -> np.ndarray:
        """An array of ``[i, j]`` pairs with ``0 ≤ i < rows`` and ``0 ≤ j < columns``, as
        int64 of shape ``(n, 2)``."""
        def check(pair: Field) -> None:
            i, j = pair.array(length=2)
            i.integer(0, rows - 1)
            j.integer(0, columns - 1)

        items = self._list()
        self._name_first_bad(items, lambda p: type(p) is list and len(p) == 2
                             and type(p[0]) is int and type(p[1]) is int
                             and 0 <= p[0] < rows and 0 <= p[1] < columns, check)
        return np.array(items, dtype=np.int64).reshape(len(items), 2)

    def _name_first_bad(self, items: list, is_valid, check) -> None:
        """``check`` (which raises) the field of the first item ``is_valid`` refuses."""
        bad = next((k for k, item in enumerate(items) if not is_valid(item)), None)
        if bad is not None:
            check(self.child(bad))

    # ------------------------------------------------------------------ scalars
    def string(self, choices: Iterable[str] | None = None, what: str | None = None, *,
               max_length: int = MAX_STRING) -> str:
        """A string of at most ``max_length`` characters that can be written as UTF-8;
        with ``choices``, one of them (the error lists them, calling the value ``what``,
        a translated noun such as "loss"; "value" when None)."""
        value = self.value
        if not isinstance(value, str):
            self._expected(translate("simulator.jsonfields", "a string"))
        if choices is not None:
            if value not in choices:
                what = translate("simulator.jsonfields", "value") if what is None else what
                self.fail(translate("simulator.jsonfields", "unknown {what} {value}; choose one "
                                    "of: {choices}").format(what=what, value=quote(value),
                                                            choices=", ".join(choices)))
            return value
        if len(value) > max_length:
            self.fail(translate("simulator.jsonfields", "at most {limit} characters are allowed, "
                                "got {count}").format(limit=f"{max_length:,}",
                                                      count=f"{len(value):,}"))
        self._check_encodable(value)
        return value

    def _check_encodable(self, text: str, is_key: bool = False) -> None:
        # JSON can spell a lone surrogate ("\ud800"); it loads, but UTF-8 cannot hold it,
        # so every later save of the file would fail.
        bad = _SURROGATE.search(text)
        if bad:
            message = (translate("simulator.jsonfields", "the key has a lone surrogate ({code}) "
                                 "at character {position}, which cannot be saved as UTF-8")
                       if is_key else
                       translate("simulator.jsonfields", "the text has a lone surrogate ({code}) "
                                 "at character {position}, which cannot be saved as UTF-8"))
            self.fail(message.format(code=f"\\u{ord(bad.group()):04x}",
                                     position=f"{bad.start() + 1:,}"))

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            self._expected(translate("simulator.jsonfields", "true or false"))
        return self.value

    def integer(self, minimum: int = -MAX_INTEGER, maximum: int = MAX_INTEGER,
                nullable: bool = False) -> int | None:
        """A whole number within ``[minimum, maximum]`` (null allowed when ``nullable``)."""
        if nullable and self.value is None:
            return None
        if type(self.value) is not int:
            if type(self.value) is float:
                self.fail(translate("simulator.jsonfields", "expected a whole number, got "
                                    "{value}").format(value=quote(self.value)))
            self._expected(translate("simulator.jsonfields", "a whole number"))
        self._check_range(self.value, minimum, maximum)
        return self.value

    def number(self, minimum: float | None = None, maximum: float | None = None, *,
               above: float | None = None, below: float | None = None,
               nullable: bool = False) -> float | None:
        """A finite number in ``[minimum, maximum]`` and in ``(above, below)``, as a float."""
        if nullable and self.value is None:
            return None
        if not _is_number(self.value):
            self._expected(translate("simulator.jsonfields", "a number"))
        value = self._as_float(self.value)
        self._check_range(value, minimum, maximum)
        if above is not None and not value > above:
            self.fail(translate("simulator.jsonfields", "must be more than {bound}, got {value}")
                      .format(bound=_bound(above), value=quote(value)))
        if below is not None and not value < below:
            self.fail(translate("simulator.jsonfields", "must be less than {bound}, got {value}")
                      .format(bound=_bound(below), value=quote(value)))
        return value

    def _as_float(self, value) -> float:
        if type(value) is int and abs(value) > sys.float_info.max:  # not read by jsonparse.parse
            self.fail(translate("simulator.jsonfields", "the number is out of range"))
        value = float(value)
        if not math.isfinite(value):
            self.fail(translate("simulator.jsonfields", "{value} is not allowed: numbers must be "
                                "finite").format(value=repr(value)))
        return value

    def _check_range(self, value, minimum, maximum) -> None:
        if minimum is not None and value < minimum:
            self.fail(translate("simulator.jsonfields", "must be at least {bound}, got {value}")
                      .format(bound=_bound(minimum), value=quote(value)))
        if maximum is not None and value > maximum:
            self.fail(translate("simulator.jsonfields", "must be at most {bound}, got {value}")
                      .format(bound=_bound(maximum), value=quote(value)))

    # ------------------------------------------------------------------ number arrays
    def vector(self, length: int) -> np.ndarray:
        """An array of ``length`` finite numbers, as float64 of shape ``(length,)``."""
        count = f"{length:,}"
        if not isinstance(self.value, list):
            self._expected((translate("simulator.jsonfields", "an array of {count} number")
                            if length == 1 else
                            translate("simulator.jsonfields", "an array of {count} numbers"))
                           .format(count=count))
        if len(self.value) != length:
            text = (translate("simulator.jsonfields", "expected {count} number, got {found}")
                    if length == 1 else
                    translate("simulator.jsonfields", "expected {count} numbers, got {found}"))
            self.fail(text.format(count=count, found=f"{len(self.value):,}"))
        return self._numbers()

    def matrix(self, rows: int | None, columns: int) -> np.ndarray:
        """``rows`` arrays (any number if None) of ``columns`` finite numbers, as float64
        ``(rows, columns)``."""
        expected = (translate("simulator.jsonfields", "{rows}×{columns} numbers").format(
            rows=f"{rows:,}", columns=f"{columns:,}") if rows is not None else
            translate("simulator.jsonfields", "arrays of {columns} numbers").format(
                columns=f"{columns:,}"))
        if not isinstance(self.value, list):
            self._expected(expected)
        rows = len(self.value) if rows is None else rows
        if len(self.value) != rows:
            self.fail(translate("simulator.jsonfields", "expected {expected}, got {rows} rows")
                      .format(expected=expected, rows=f"{len(self.value):,}"))
        if rows == 0:
            return np.zeros((0, columns))
        lengths = {len(row) if isinstance(row, list) else -1 for row in self.value}
        if lengths == {columns}:
            return np.array([self.child(i)._numbers() for i in range(rows)])
        if len(lengths) == 1 and -1 not in lengths:
            self.fail(translate("simulator.jsonfields", "expected {expected}, got "
                                "{rows}×{columns}").format(expected=expected, rows=f"{rows:,}",
                                                           columns=f"{lengths.pop():,}"))
        bad = next(i for i, row in enumerate(self.value)
                   if not isinstance(row, list) or len(row) != columns)
        return self.child(bad).vector(columns)  # raises, naming the row

    def _numbers(self) -> np.ndarray:
        """The items of this array (known to be a list) as float64, all finite."""
        items = self.value
        if not all(map(_is_number, items)):
            bad = next(i for i, v in enumerate(items) if not _is_number(v))
            self.child(bad).number()  # raises, naming the item
        try:
            array = np.array(items, dtype=np.float64)
        except OverflowError:  # a huge integer, in a document not read by jsonparse.parse
            bad = next(i for i, v in enumerate(items) if abs(v) > sys.float_info.max)
            self.child(bad).fail(translate("simulator.jsonfields", "the number is out of range"))
        finite = np.isfinite(array)
        if not finite.all():
            self.child(int(np.argmin(finite))).number()  # raises, naming the item
        return array

    # ------------------------------------------------------------------ free-form data
    def plain_data(self, depth: int = MAX_DEPTH, max_values: int = MAX_PLAIN_VALUES):
        """Any JSON value of at most ``max_values`` values nested at most ``depth``
        levels, whose numbers are finite and whose strings and keys are bounded and
        savable (for data kept as it is, e.g. a canvas layout)."""
        count = _count_plain_values(self.value, depth, max_values)
        if count is None:
            self._check_plain(depth)  # raises, naming the first bad field
        elif count > max_values:
            self.fail(translate("simulator.jsonfields", "more than {limit} values are allowed "
                                "here").format(limit=f"{max_values:,}"))
        return self.value

    def _check_plain(self, depth: int) -> None:
        """Raise naming the first value ``plain_data`` refuses, making fields only along
        the way down to it."""
        value = self.value
        if type(value) is dict or type(value) is list:
            if depth <= 0:
                self.fail(translate("simulator.jsonfields", "nested more than {depth} levels "
                                    "deep").format(depth=MAX_DEPTH))
            if type(value) is dict:
                self._check_keys()
            keys = value if type(value) is dict else range(len(value))
            bad = next((key for key in keys
                        if _count_plain_values(value[key], depth - 1, math.inf) is None), None)
            if bad is not None:
                self.child(bad)._check_plain(depth - 1)
        elif type(value) is str:
            self.string()
        elif _is_number(value):
            self._as_float(value)
        elif not (value is None or type(value) is bool):
            self._expected(translate("simulator.jsonfields", "a JSON value"))


def _count_plain_values(value, depth: int, limit: int) -> int | None:
    """How many values ``value`` holds, itself included (counting stops past ``limit``),
    or None if one of them is not what ``Field.plain_data`` accepts."""
    if not (type(value) is dict or type(value) is list):
        return 1 if _is_plain_scalar(value) else None
    count, containers = 1, [(value, depth)]
    while containers and count <= limit:
        container, depth = containers.pop()
        if depth <= 0:
            return None
        if type(container) is dict:
            if not all(len(key) <= MAX_KEY and not _SURROGATE.search(key) for key in container):
                return None
            container = container.values()
        count += len(container)
        for item in container:
            if type(item) is dict or type(item) is list:
                containers.append((item, depth - 1))
            elif not _is_plain_scalar(item):
                return None
    return count


def _is_plain_scalar(value) -> bool:
    if type(value) is str:
        return len(value) <= MAX_STRING and not _SURROGATE.search(value)
    return _is_finite_number(value) or value is None or type(value) is bool
