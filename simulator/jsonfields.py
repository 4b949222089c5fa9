"""Reading untrusted JSON data with checks whose errors name the offending field.

A :class:`Field` pairs a parsed JSON value with its path in the document, written the
way a reader would look it up: ``network.layers[1].weights[0][2]`` or
``network.layers[2].overrides["3"]``.  Every check raises :class:`FieldError` with that
path and a short reason, so a loader never lets a ``KeyError`` or ``TypeError`` escape.
"""

from __future__ import annotations

import math
import sys
from typing import Iterable, NoReturn

import numpy as np

_TYPE_NAMES = {dict: "an object", list: "an array", str: "a string", bool: "true or false",
               int: "a number", float: "a number", type(None): "null"}


class FieldError(ValueError):
    """One field of a JSON document is missing, of the wrong type or out of range."""

    def __init__(self, path: str, detail: str):
        super().__init__(f"{path}: {detail}" if path else detail)
        self.path = path
        self.detail = detail


def describe(value) -> str:
    """The JSON type of a parsed value, as an error message says it ("a string")."""
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _is_number(value) -> bool:
    # bool is a subclass of int, but true/false is not a number in a JSON file.
    return type(value) is int or type(value) is float


class Field:
    """A value from a parsed JSON document and the path it was found at."""

    __slots__ = ("value", "path")

    def __init__(self, value, path: str = ""):
        self.value = value
        self.path = path

    def fail(self, detail: str) -> NoReturn:
        raise FieldError(self.path, detail)

    # ------------------------------------------------------------------ containers
    def child(self, key: str | int) -> Field:
        """The field at ``key`` (an object key or an array index); no check."""
        if isinstance(key, int):
            path = f"{self.path}[{key}]"
        elif key.isidentifier():
            path = f"{self.path}.{key}" if self.path else key
        else:
            path = f'{self.path}["{key}"]'
        return Field(self.value[key], path)

    def object(self, required: Iterable[str] = (), optional: Iterable[str] = (), *,
               extra_keys: bool = False) -> Field:
        """Check this is an object with every ``required`` key and, unless
        ``extra_keys``, no key outside ``required`` and ``optional``."""
        if not isinstance(self.value, dict):
            self.fail(f"expected an object, got {describe(self.value)}")
        required = tuple(required)
        missing = [key for key in required if key not in self.value]
        if missing:
            self.fail(f"the field {missing[0]!r} is missing")
        unknown = set(self.value) - set(required) - set(optional)
        if unknown and not extra_keys:
            self.fail(f"unknown field {sorted(unknown)[0]!r}")
        return self

    def __getitem__(self, key: str) -> Field:
        """A key that ``object`` has checked is present."""
        return self.child(key)

    def get(self, key: str) -> Field | None:
        """An optional key, or None when the object does not have it."""
        return self.child(key) if key in self.value else None

    def items(self) -> list[tuple[str, Field]]:
        """The key and field of every entry of an object."""
        if not isinstance(self.value, dict):
            self.fail(f"expected an object, got {describe(self.value)}")
        return [(key, self.child(key)) for key in self.value]

    def array(self, length: int | None = None, min_length: int = 0) -> list[Field]:
        """The items of an array, optionally of an exact or a minimum length."""
        if not isinstance(self.value, list):
            self.fail(f"expected an array, got {describe(self.value)}")
        n = len(self.value)
        if length is not None and n != length:
            self.fail(f"expected {length} item{'' if length == 1 else 's'}, got {n}")
        if n < min_length:
            self.fail(f"expected at least {min_length} items, got {n}")
        return [self.child(i) for i in range(n)]

    # ------------------------------------------------------------------ scalars
    def string(self, choices: Iterable[str] | None = None, what: str = "value") -> str:
        """A string; with ``choices``, one of them (the error lists them)."""
        if not isinstance(self.value, str):
            self.fail(f"expected a string, got {describe(self.value)}")
        if choices is not None and self.value not in choices:
            self.fail(f"unknown {what} {self.value!r}; choose one of: {', '.join(choices)}")
        return self.value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            self.fail(f"expected true or false, got {describe(self.value)}")
        return self.value

    def integer(self, minimum: int | None = None, maximum: int | None = None,
                nullable: bool = False) -> int | None:
        """A whole number within ``[minimum, maximum]`` (null allowed when ``nullable``)."""
        if nullable and self.value is None:
            return None
        if type(self.value) is not int:
            got = repr(self.value) if type(self.value) is float else describe(self.value)
            self.fail(f"expected a whole number, got {got}")
        self._check_range(self.value, minimum, maximum)
        return self.value

    def number(self, minimum: float | None = None, maximum: float | None = None, *,
               above: float | None = None, below: float | None = None,
               nullable: bool = False) -> float | None:
        """A finite number in ``[minimum, maximum]`` and in ``(above, below)``, as a float."""
        if nullable and self.value is None:
            return None
        if not _is_number(self.value):
            self.fail(f"expected a number, got {describe(self.value)}")
        value = self._as_float(self.value)
        self._check_range(value, minimum, maximum)
        if above is not None and not value > above:
            self.fail(f"must be more than {above}, got {value!r}")
        if below is not None and not value < below:
            self.fail(f"must be less than {below}, got {value!r}")
        return value

    def _as_float(self, value) -> float:
        if type(value) is int and abs(value) > sys.float_info.max:
            self.fail("the number is too large")
        value = float(value)
        if not math.isfinite(value):
            self.fail(f"{value!r} is not allowed: numbers must be finite")
        return value

    def _check_range(self, value, minimum, maximum) -> None:
        if minimum is not None and value < minimum:
            self.fail(f"must be at least {minimum}, got {value!r}")
        if maximum is not None and value > maximum:
            self.fail(f"must be at most {maximum}, got {value!r}")

    # ------------------------------------------------------------------ number arrays
    def vector(self, length: int) -> np.ndarray:
        """An array of ``length`` finite numbers, as float64 of shape ``(length,)``."""
        expected = f"{length} number" + ("" if length == 1 else "s")
        if not isinstance(self.value, list):
            self.fail(f"expected an array of {expected}, got {describe(self.value)}")
        if len(self.value) != length:
            self.fail(f"expected {expected}, got {len(self.value)}")
        return self._numbers()

    def matrix(self, rows: int, columns: int) -> np.ndarray:
        """``rows`` arrays of ``columns`` finite numbers, as float64 ``(rows, columns)``."""
        expected = f"{rows}×{columns} numbers"
        if not isinstance(self.value, list):
            self.fail(f"expected {expected}, got {describe(self.value)}")
        if len(self.value) != rows:
            self.fail(f"expected {expected}, got {len(self.value)} rows")
        lengths = {len(row) if isinstance(row, list) else -1 for row in self.value}
        if lengths == {columns}:
            return np.array([self.child(i)._numbers() for i in range(rows)])
        if len(lengths) == 1 and -1 not in lengths:
            self.fail(f"expected {expected}, got {rows}×{lengths.pop()}")
        bad = next(i for i, row in enumerate(self.value)
                   if not isinstance(row, list) or len(row) != columns)
        return self.child(bad).vector(columns)  # raises, naming the row

    def _numbers(self) -> np.ndarray:
        """The items of this array (known to be a list) as float64, all finite."""
        items = self.value
        if not all(map(_is_number, items)):
            bad = next(i for i, v in enumerate(items) if not _is_number(v))
            self.child(bad).fail(f"expected a number, got {describe(items[bad])}")
        try:
            array = np.array(items, dtype=np.float64)
        except OverflowError:
            bad = next(i for i, v in enumerate(items) if abs(v) > sys.float_info.max)
            self.child(bad).fail("the number is too large")
        finite = np.isfinite(array)
        if not finite.all():
            self.child(int(np.argmin(finite))).number()  # raises, naming the item
        return array

    # ------------------------------------------------------------------ free-form data
    def plain_data(self):
        """Any JSON value whose numbers are all finite (for data kept as-is, e.g. layout)."""
        value = self.value
        if isinstance(value, dict):
            for _key, field in self.items():
                field.plain_data()
        elif isinstance(value, list):
            for field in self.array():
                field.plain_data()
        elif _is_number(value):
            self._as_float(value)
        return value
