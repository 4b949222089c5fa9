"""Reading a CSV file's numbers as they stream by, into compact float64 buffers.

The file is opened through :func:`~simulator.datafiles.open_data_file` (regular files
only, sizes capped); here each record is capped at MAX_LINE_CHARS characters, the file
at MAX_LINES lines and MAX_COLUMNS columns, and the numbers kept at MAX_VALUES, each
checked before the memory behind it is taken.  Numbers go straight into an
``array("d")``, so loading costs little more than the arrays it returns.

The target column may hold class labels as text ("setosa"); they become class indices
in sorted order, or in the order a saved list of classes fixes.  Every problem is one
InputError naming the file, the place (``line 12, column "x3"``) and what is wrong.
"""

from __future__ import annotations

import csv
import math
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from .datafiles import MAX_COLUMNS, MAX_VALUES, READ_ERRORS, open_data_file
from .i18n import translate
from .safetext import InputError, os_reason, printable, quote, shorten

#: Characters in one CSV record (a line, or more when a quoted cell spans lines).
MAX_LINE_CHARS = 2**20
#: Lines in a CSV file, blank ones included.
MAX_LINES = 10_000_000
#: Classes of a classification target.
MAX_CLASSES = 1_000
#: Characters in a class label (it names an output in plots, captions and tables).
MAX_LABEL_CHARS = 100
#: A target of whole numbers with at most this many distinct values is taken as classes.
MAX_AUTO_CLASSES = 20

_READ_ERRORS = (*READ_ERRORS, csv.Error)


def _number_label(value: float) -> str:
    """A number as a class name: "3" for 3.0, "0.5" for 0.5."""
    return str(int(value)) if float(value).is_integer() else str(float(value))


def _is_number(text: str) -> bool:
    """Whether ``text`` reads as a finite number (spaces around it allowed)."""
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


# ---------------------------------------------------------------------- CSV
@dataclass(frozen=True)
class CsvTable:
    """A CSV file's numbers: every column but the target as ``inputs`` ``(n, n_columns-1)``
    float64; the target as numbers ``values`` ``(n,)``, or as class indices ``labels``
    ``(n,)`` into ``classes`` when it holds text labels (``values`` is then None)."""

    column_names: tuple[str, ...]
    target: int
    inputs: np.ndarray
    values: np.ndarray | None
    labels: np.ndarray | None
    classes: tuple[str, ...]


def read_csv(path, target_column: str | int = -1, classes: Sequence[str] | None = None,
             numbers_only: bool = False) -> CsvTable:
    """The numbers in a CSV file, streamed; see :func:`simulator.datasets.load_csv`.

    The target column may hold text class labels unless ``numbers_only``; ``classes``
    fixes the labels and their order (a label outside it is an error).
    """
    lines = None
    try:
        with open_data_file(path, text=True) as file:
            lines = _Lines(file, path)
            return _parse_csv(path, lines, target_column, classes, numbers_only)
    except _READ_ERRORS as error:
        if isinstance(error, UnicodeDecodeError):  # decoded ahead of the lines: no line
            raise InputError(str(path), "", translate("simulator.csvfile",
                                                      "not UTF-8 text")) from error
        where = _line(lines.count) if lines is not None and lines.count else ""
        raise InputError(str(path), where, translate("simulator.csvfile", "cannot be read as "
                                                     "CSV text ({problem})").format(
            problem=os_reason(error))) from error


class _Lines:
    """The lines of a text file for ``csv.reader``, with the record and line caps.

    ``start_record`` before each record: its lines together may hold MAX_LINE_CHARS
    characters, and no more is read to find that out.
    """

    def __init__(self, file, path):
        self.file, self.path = file, path
        self.count = 0
        self.room = MAX_LINE_CHARS

    def start_record(self) -> None:
        self.room = MAX_LINE_CHARS

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.file.readline(self.room + 1)
        if not line:
            raise StopIteration
        self.count += 1
        self.room -= len(line)
        if self.room < 0:
            raise InputError(str(self.path), _line(self.count), translate(
                "simulator.csvfile", "the line is longer than {limit} characters: is this a CSV "
                "file?").format(limit=f"{MAX_LINE_CHARS:,}"))
        if self.count > MAX_LINES:
            raise InputError(str(self.path), "", translate(
                "simulator.csvfile", "more than {limit} lines; nnsim reads CSV files of up to "
                "{limit} lines").format(limit=f"{MAX_LINES:,}"))
        return line


def _records(lines: _Lines) -> Iterator[tuple[int, list[str]]]:
    """``(line number, cells)`` of each record that is not blank."""
    reader = csv.reader(lines)
    while True:
        lines.start_record()
        cells = next(reader, None)
        if cells is None:
            return
        if cells and (cells[0].strip() or any(cell.strip() for cell in cells)):
            yield reader.line_num, cells


def _parse_csv(path, lines: _Lines, target_column, classes, numbers_only) -> CsvTable:
    records = _records(lines)
    first = next(records, None)
    if first is None:
        raise InputError(str(path), "", translate("simulator.csvfile", "the file is empty"))
    line, cells = first
    has_header = _has_header(cells, target_column)
    names = (tuple(cell.strip() for cell in cells) if has_header
             else tuple(f"x{i + 1}" for i in range(len(cells))))
    if not 2 <= len(names) <= MAX_COLUMNS:
        raise InputError(str(path), _line(line), translate(
            "simulator.csvfile", "a data file needs from 2 columns (inputs and the target) to "
            "{limit}; this line has {count}").format(limit=f"{MAX_COLUMNS:,}",
                                                     count=f"{len(names):,}"))
    table = _Table(path, names, _column_index(path, names, target_column), classes,
                   numbers_only)
    if not has_header:
        table.add(line, cells)
    for line, cells in records:
        table.add(line, cells)
    return table.result()


def _has_header(cells: list[str], target_column: str | int) -> bool:
    """A first row with text in an input cell names the columns; text in the target's
    own cell may be a class label."""
    if isinstance(target_column, str) or not -len(cells) <= target_column < len(cells):
        return not all(map(_is_number, cells))
    target = target_column % len(cells)
    return not all(_is_number(cell) for i, cell in enumerate(cells) if i != target)


def _column_index(path, names: Sequence[str], target_column: str | int) -> int:
    """The index of ``target_column`` (a name, or an index counting from the end when
    negative) among ``names``; InputError listing the columns when there is none."""
    if isinstance(target_column, str):
        if target_column not in names:
            raise InputError(str(path), "", translate(
                "simulator.csvfile", "no column {name}; the columns are: {columns}").format(
                name=quote(target_column), columns=_listed(names, 20)))
        return names.index(target_column)
    if not -len(names) <= target_column < len(names):
        raise InputError(str(path), "", translate(
            "simulator.csvfile", "no column {name}; the file has {count} columns, numbered 0 to "
            "{last}").format(name=quote(target_column), count=len(names), last=len(names) - 1))
    return target_column % len(names)


def _listed(names: Sequence[str], limit: int) -> str:
    """The first ``limit`` of ``names``, shortened, and how many more there are."""
    shown = ", ".join(shorten(name, 30) for name in names[:limit])
    if len(names) <= limit:
        return shown
    return translate("simulator.csvfile", "{names}, … {count} more").format(
        names=shown, count=f"{len(names) - limit:,}")


def _line(line: int) -> str:
    """Where a problem is: "line 12"."""
    return translate("simulator.csvfile", "line {line}").format(line=line)


def _column(name: str) -> str:
    return translate("simulator.csvfile", 'column "{name}"').format(name=shorten(name))


def _cell(line: int, name: str) -> str:
    """Where a problem is: 'line 12, column "x3"'."""
    return translate("simulator.csvfile", 'line {line}, column "{name}"').format(
        line=line, name=shorten(name))


def _not_a_number(text: str) -> str:
    """Why a cell holding ``text`` (stripped) is not a number."""
    if not text:
        return translate("simulator.csvfile", "the cell is empty")
    return translate("simulator.csvfile", "{value} is not a number").format(value=quote(text))


def _not_finite(text: str) -> str:
    return translate("simulator.csvfile", "{value} is not a finite number").format(value=text)


class _CellProblem(ValueError):
    """A target cell that cannot be used; the table adds the line and column."""


class _Table:
    """The numbers of a CSV file as its records stream by."""

    def __init__(self, path, names: tuple[str, ...], target: int, classes, numbers_only):
        self.path, self.names, self.target = path, names, target
        self.input_names = names[:target] + names[target + 1:]
        self.inputs = array("d")      # row after row, the target left out
        self.row_lines = array("I")   # the line of each row (< MAX_LINES), for late errors
        self.targets = _TargetColumn(classes, numbers_only)

    def add(self, line: int, cells: list[str]) -> None:
        if len(cells) != len(self.names):
            raise InputError(str(self.path), _line(line), translate(
                "simulator.csvfile", "{count} values but the file has {columns} columns").format(
                count=len(cells), columns=len(self.names)))
        if len(self.inputs) + len(self.row_lines) + len(cells) > MAX_VALUES:
            raise InputError(str(self.path), _line(line), translate(
                "simulator.csvfile", "more than {limit} numbers; nnsim reads data sets of up to "
                "{limit}").format(limit=f"{MAX_VALUES:,}"))
        target = cells.pop(self.target)
        try:
            self.inputs.extend(map(float, cells))
        except ValueError:
            self._bad_input(line, cells)
        try:
            self.targets.add(target)
        except _CellProblem as problem:
            raise InputError(str(self.path), _cell(line, self.names[self.target]),
                             str(problem)) from None
        self.row_lines.append(line)

    def _bad_input(self, line: int, cells: list[str]) -> None:
        column = next(i for i, cell in enumerate(cells) if not _is_number(cell))
        raise InputError(str(self.path), _cell(line, self.input_names[column]),
                         _not_a_number(cells[column].strip()))

    def result(self) -> CsvTable:
        n_rows = len(self.row_lines)
        if n_rows == 0:
            raise InputError(str(self.path), "", translate(
                "simulator.csvfile", "the file has a header row but no data rows"))
        inputs = np.frombuffer(self.inputs, dtype=np.float64).reshape(n_rows, -1)
        finite = np.isfinite(inputs)
        if not finite.all():
            row, column = np.unravel_index(int(np.argmin(finite)), inputs.shape)
            raise InputError(str(self.path), _cell(self.row_lines[row], self.input_names[column]),
                             _not_finite(str(inputs[row, column])))
        values, labels, classes = self.targets.result()
        return CsvTable(self.names, self.target, inputs, values, labels, classes)


class _TargetColumn:
    """The target column as it streams by: numbers while every cell is one; class
    labels from the first cell that is text (or from the start, when ``classes`` fixes
    them).  A label that reads as a number is written as :func:`_number_label` does."""

    def __init__(self, classes: Sequence[str] | None, numbers_only: bool):
        self.numbers_only = numbers_only
        self.fixed = classes is not None
        self.numbers: array | None = None if self.fixed else array("d")
        self.codes: array | None = array("l") if self.fixed else None
        self.index: dict[str, int] = {name: k for k, name in enumerate(classes or ())}

    def add(self, cell: str) -> None:
        if self.codes is None:
            try:
                value = float(cell)
            except ValueError:
                self._start_labels(cell)
            else:
                if not math.isfinite(value):
                    raise _CellProblem(_not_finite(quote(cell.strip())))
                self.numbers.append(value)
                return
        self.codes.append(self._code(cell))

    def _start_labels(self, cell: str) -> None:
        """Turn the numbers so far into labels: this cell is text."""
        text = cell.strip()
        problem = _not_a_number(text)
        if self.numbers_only or not text:
            raise _CellProblem(problem)
        distinct, codes = np.unique(np.frombuffer(self.numbers), return_inverse=True)
        if len(distinct) > MAX_CLASSES:  # a column of quantities with a stray word
            raise _CellProblem(problem)
        self.index = {_number_label(value): k for k, value in enumerate(distinct)}
        self.codes = array("l")
        self.codes.frombytes(codes.astype(np.dtype("l")).tobytes())
        self.numbers = None

    def _code(self, cell: str) -> int:
        # Every key is a label as _label writes it, so a cell that is one is found as is.
        code = self.index.get(cell.strip())
        return self._code_of(_label(cell)) if code is None else code

    def _code_of(self, label: str) -> int:
        """The class index of ``label``, a new one for a label not seen before."""
        code = self.index.get(label)
        if code is not None:
            return code
        if self.fixed:
            raise _CellProblem(translate(
                "simulator.csvfile", "{label} is not one of the classes saved with this data set "
                "({classes}); choose the file again to take its classes afresh").format(
                label=quote(label), classes=_listed(list(self.index), 10)))
        if len(self.index) == MAX_CLASSES:
            raise _CellProblem(translate(
                "simulator.csvfile", "more than {limit} different class labels: is this the "
                "target column?").format(limit=f"{MAX_CLASSES:,}"))
        _check_new_label(label)
        self.index[label] = len(self.index)
        return self.index[label]

    def result(self) -> tuple[np.ndarray | None, np.ndarray | None, tuple[str, ...]]:
        """``(values, None, ())`` for numbers; ``(None, labels, classes)`` for labels,
        the classes in sorted order unless they were fixed."""
        if self.codes is None:
            return np.frombuffer(self.numbers, dtype=np.float64), None, ()
        codes = np.frombuffer(self.codes, dtype=np.dtype("l")).astype(np.intp)
        if self.fixed:
            return None, codes, tuple(self.index)
        classes = tuple(sorted(self.index))
        rank = np.empty(len(classes), dtype=np.intp)
        rank[[self.index[name] for name in classes]] = np.arange(len(classes))
        return None, rank[codes], classes


def _check_new_label(label: str) -> None:
    """A class label is shown wherever its class is: short and printable."""
    if len(label) > MAX_LABEL_CHARS:
        raise _CellProblem(translate(
            "simulator.csvfile", "a class label of {count} characters; labels may have up to "
            "{limit}").format(count=f"{len(label):,}", limit=MAX_LABEL_CHARS))
    if printable(label) != label:
        raise _CellProblem(translate("simulator.csvfile", "the class label {label} holds "
                                     "control characters").format(label=quote(label)))


def _label(cell: str) -> str:
    text = cell.strip()
    if not text:
        raise _CellProblem(translate("simulator.csvfile", "the cell is empty"))
    try:
        value = float(text)
    except ValueError:
        return text
    if not math.isfinite(value):
        raise _CellProblem(_not_finite(quote(text)))
    return _number_label(value)


# ---------------------------------------------------------------------- targets
def looks_like_classes(values: np.ndarray) -> bool:
    """Whether a target of numbers ``(n,)`` looks like class labels: at most
    MAX_AUTO_CLASSES distinct whole numbers (anything else looks like a quantity)."""
    whole = np.array_equal(values, np.round(values))
    return whole and len(np.unique(values)) <= MAX_AUTO_CLASSES


def class_indices(values: np.ndarray) -> tuple[np.ndarray, tuple[str, ...]]:
    """The class index ``(n,)`` of each number in a target ``(n,)``, and the class
    names: the distinct numbers in sorted order, written as :func:`_number_label` does."""
    classes, labels = np.unique(values, return_inverse=True)
    return labels, tuple(map(_number_label, classes))


def check_one_hot_size(path, table: CsvTable, n_classes: int) -> None:
    """InputError unless the target's ``n_classes`` and its one-hot rows fit the caps."""
    where = _column(table.column_names[table.target])
    n_rows = len(table.inputs)
    if n_classes > MAX_CLASSES:
        raise InputError(str(path), where, translate(
            "simulator.csvfile", "{count} classes; a classification target may have up to "
            "{limit}").format(count=f"{n_classes:,}", limit=f"{MAX_CLASSES:,}"))
    if n_rows * n_classes > MAX_VALUES:
        raise InputError(str(path), where, translate(
            "simulator.csvfile", "{rows} rows of {count} classes need more than the {limit} "
            "numbers nnsim holds").format(rows=f"{n_rows:,}", count=f"{n_classes:,}",
                                          limit=f"{MAX_VALUES:,}"))


def check_class_names(classes) -> None:
    """ValueError unless ``classes`` is a list of 1 to MAX_CLASSES distinct class names,
    each as a label cell is read: not empty, no spaces around, numbers canonical."""
    if not isinstance(classes, list) or not 1 <= len(classes) <= MAX_CLASSES:
        raise ValueError(translate("simulator.csvfile", "classes must be a list of 1 to {limit} "
                                   "class names, not {value}").format(
            limit=f"{MAX_CLASSES:,}", value=quote(classes)))
    for name in classes:
        if not isinstance(name, str) or _canonical(name) != name:
            raise ValueError(translate(
                "simulator.csvfile", "classes must be names as a CSV cell is read (not empty, no "
                "spaces around, numbers written like 3 or 0.5, printable, up to {limit} "
                "characters), not {value}").format(limit=MAX_LABEL_CHARS, value=quote(name)))
    if len(set(classes)) != len(classes):
        twice = next(name for k, name in enumerate(classes) if name in classes[:k])
        raise ValueError(translate("simulator.csvfile", "classes: {name} appears twice").format(
            name=quote(twice)))


def _canonical(name: str) -> str | None:
    """``name`` as a target cell holding it would be read, or None if it cannot be."""
    try:
        label = _label(name)
        _check_new_label(label)
        return label
    except _CellProblem:
        return None
