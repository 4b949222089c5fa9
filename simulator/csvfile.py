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
from .safetext import InputError, printable, quote, shorten

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
            raise InputError(str(path), "", "not UTF-8 text") from error
        where = f"line {lines.count}" if lines is not None and lines.count else ""
        raise InputError(str(path), where, f"cannot be read as CSV text ({error})") from error


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
            raise InputError(str(self.path), f"line {self.count}", f"the line is longer than "
                             f"{MAX_LINE_CHARS:,} characters: is this a CSV file?")
        if self.count > MAX_LINES:
            raise InputError(str(self.path), "", f"more than {MAX_LINES:,} lines; nnsim "
                             f"reads CSV files of up to {MAX_LINES:,} lines")
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
        raise InputError(str(path), "", "the file is empty")
    line, cells = first
    has_header = _has_header(cells, target_column)
    names = (tuple(cell.strip() for cell in cells) if has_header
             else tuple(f"x{i + 1}" for i in range(len(cells))))
    if not 2 <= len(names) <= MAX_COLUMNS:
        raise InputError(str(path), f"line {line}", f"a data file needs from 2 columns "
                         f"(inputs and the target) to {MAX_COLUMNS:,}; this line has "
                         f"{len(names):,}")
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
            shown = ", ".join(shorten(name, 30) for name in names[:20])
            more = f", … {len(names) - 20:,} more" if len(names) > 20 else ""
            raise InputError(str(path), "", f"no column {quote(target_column)}; the "
                             f"columns are: {shown}{more}")
        return names.index(target_column)
    if not -len(names) <= target_column < len(names):
        raise InputError(str(path), "", f"no column {quote(target_column)}; the file has "
                         f"{len(names)} columns, numbered 0 to {len(names) - 1}")
    return target_column % len(names)


def _column(name: str) -> str:
    return f'column "{shorten(name)}"'


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
            raise InputError(str(self.path), f"line {line}", f"{len(cells)} values but the "
                             f"file has {len(self.names)} columns")
        if len(self.inputs) + len(self.row_lines) + len(cells) > MAX_VALUES:
            raise InputError(str(self.path), f"line {line}", f"more than {MAX_VALUES:,} "
                             f"numbers; nnsim reads data sets of up to {MAX_VALUES:,}")
        target = cells.pop(self.target)
        try:
            self.inputs.extend(map(float, cells))
        except ValueError:
            self._bad_input(line, cells)
        try:
            self.targets.add(target)
        except _CellProblem as problem:
            raise InputError(str(self.path), f"line {line}, {_column(self.names[self.target])}",
                             str(problem)) from None
        self.row_lines.append(line)

    def _bad_input(self, line: int, cells: list[str]) -> None:
        column = next(i for i, cell in enumerate(cells) if not _is_number(cell))
        text = cells[column].strip()
        problem = f"{quote(text)} is not a number" if text else "the cell is empty"
        raise InputError(str(self.path), f"line {line}, {_column(self.input_names[column])}",
                         problem)

    def result(self) -> CsvTable:
        n_rows = len(self.row_lines)
        if n_rows == 0:
            raise InputError(str(self.path), "", "the file has a header row but no data rows")
        inputs = np.frombuffer(self.inputs, dtype=np.float64).reshape(n_rows, -1)
        finite = np.isfinite(inputs)
        if not finite.all():
            row, column = np.unravel_index(int(np.argmin(finite)), inputs.shape)
            raise InputError(str(self.path), f"line {self.row_lines[row]}, "
                             f"{_column(self.input_names[column])}",
                             f"{inputs[row, column]} is not a finite number")
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
                    raise _CellProblem(f"{quote(cell.strip())} is not a finite number")
                self.numbers.append(value)
                return
        self.codes.append(self._code(cell))

    def _start_labels(self, cell: str) -> None:
        """Turn the numbers so far into labels: this cell is text."""
        text = cell.strip()
        problem = f"{quote(text)} is not a number" if text else "the cell is empty"
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
            shown = ", ".join(shorten(name, 30) for name in list(self.index)[:10])
            more = f", … {len(self.index) - 10:,} more" if len(self.index) > 10 else ""
            raise _CellProblem(f"{quote(label)} is not one of the classes saved with this "
                               f"data set ({shown}{more}); choose the file again to take "
                               f"its classes afresh")
        if len(self.index) == MAX_CLASSES:
            raise _CellProblem(f"more than {MAX_CLASSES:,} different class labels: is this "
                               f"the target column?")
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
        raise _CellProblem(f"a class label of {len(label):,} characters; labels may have "
                           f"up to {MAX_LABEL_CHARS}")
    if printable(label) != label:
        raise _CellProblem(f"the class label {quote(label)} holds control characters")


def _label(cell: str) -> str:
    text = cell.strip()
    if not text:
        raise _CellProblem("the cell is empty")
    try:
        value = float(text)
    except ValueError:
        return text
    if not math.isfinite(value):
        raise _CellProblem(f"{quote(text)} is not a finite number")
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
        raise InputError(str(path), where, f"{n_classes:,} classes; a classification "
                         f"target may have up to {MAX_CLASSES:,}")
    if n_rows * n_classes > MAX_VALUES:
        raise InputError(str(path), where, f"{n_rows:,} rows of {n_classes:,} classes need "
                         f"more than the {MAX_VALUES:,} numbers nnsim holds")


def check_class_names(classes) -> None:
    """ValueError unless ``classes`` is a list of 1 to MAX_CLASSES distinct class names,
    each as a label cell is read: not empty, no spaces around, numbers canonical."""
    if not isinstance(classes, list) or not 1 <= len(classes) <= MAX_CLASSES:
        raise ValueError(f"classes must be a list of 1 to {MAX_CLASSES:,} class names, "
                         f"not {quote(classes)}")
    for name in classes:
        if not isinstance(name, str) or _canonical(name) != name:
            raise ValueError(f"classes must be names as a CSV cell is read (not empty, no "
                             f"spaces around, numbers written like 3 or 0.5, printable, "
                             f"up to {MAX_LABEL_CHARS} characters), not {quote(name)}")
    if len(set(classes)) != len(classes):
        twice = next(name for k, name in enumerate(classes) if name in classes[:k])
        raise ValueError(f"classes: {quote(twice)} appears twice")


def _canonical(name: str) -> str | None:
    """``name`` as a target cell holding it would be read, or None if it cannot be."""
    try:
        label = _label(name)
        _check_new_label(label)
        return label
    except _CellProblem:
        return None
