"""Opening the user's data files (plain or .gz) in bounded memory and time; IDX files.

Every read starts with a ``stat``: only a regular file is opened, so a device such as
``/dev/zero``, a FIFO or a folder is refused without being touched, and a file over
:data:`MAX_FILE_BYTES` is refused before it is read.  What comes out of a file is capped
as it streams by - decompressed bytes (a gzip bomb) here, characters per record, lines,
columns and numbers kept by the readers (this module's IDX reader, ``csvfile``) - so each
limit is hit before the memory behind it is taken.

Every problem is one :class:`~simulator.safetext.InputError` naming the file, the place
and what is wrong, with anything it echoes shortened and control characters escaped.
"""

from __future__ import annotations

import gzip
import io
import math
import os
import stat
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from .filesafe import file_kind
from .i18n import translate
from .safetext import InputError, os_reason

#: Files above this size are refused before they are read; .gz files may decompress to
#: no more than this either.
MAX_FILE_BYTES = 256 * 2**20
#: Columns of a CSV file; pixels of one IDX image.
MAX_COLUMNS = 20_000
#: Numbers a data set may hold (inputs and targets): 512 MiB as float64.
MAX_VALUES = 2**26

#: IDX magic numbers: 0x08 says unsigned bytes, the last byte the number of dimensions.
_IDX_MAGIC = {"images": 0x00000803, "labels": 0x00000801}
#: IDX data is read in pieces of this many bytes, so that a header claiming more than
#: the file holds costs no more memory than the file itself.
_IDX_CHUNK = 1 << 24

#: What a damaged or unreadable file raises while it is read (beside InputError).
READ_ERRORS = (OSError, EOFError, zlib.error, UnicodeDecodeError)


# ---------------------------------------------------------------------- opening
@contextmanager
def open_data_file(path, text: bool) -> Iterator[io.IOBase]:
    """``path`` for reading (UTF-8 text without a byte-order mark, or bytes), through
    gzip when its name ends in .gz; InputError unless it is a regular file of at most
    MAX_FILE_BYTES, and once more than MAX_FILE_BYTES come out of it."""
    info = _stat(path)
    _check_regular(path, info.st_mode)
    if info.st_size > MAX_FILE_BYTES:
        raise InputError(str(path), "", translate(
            "simulator.datafiles", "the file has {size} bytes; nnsim reads data files of up to "
            "{limit} bytes").format(size=f"{info.st_size:,}", limit=f"{MAX_FILE_BYTES:,}"))
    # Non-blocking: should the path have become a FIFO since the stat, opening it must
    # not wait for a writer.  O_BINARY: no newline translation on Windows.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        raw = open(os.open(path, flags), "rb")  # noqa: SIM115 - returned for the caller to close
    except OSError as error:
        raise _unreadable(path, error) from error
    with raw:
        _check_regular(path, os.fstat(raw.fileno()).st_mode)
        source = gzip.GzipFile(fileobj=raw, mode="rb") if str(path).endswith(".gz") else raw
        stream = io.BufferedReader(_CappedStream(source, path))
        if text:
            # utf-8-sig drops the byte-order mark spreadsheet programs put before a header.
            stream = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        with stream:
            yield stream


def _stat(path) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError as error:
        raise _unreadable(path, error) from error
    except ValueError as error:  # a NUL or an unencodable character in the path
        raise InputError(str(path), "", translate("simulator.datafiles", "not a usable file "
                                                  "name ({problem})").format(problem=error)
                         ) from None


def _unreadable(path, error: OSError) -> InputError:
    return InputError(str(path), "", os_reason(error))


def _check_regular(path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise InputError(str(path), "", translate(
            "simulator.datafiles", "this is {kind}, not a file: nnsim reads data only from "
            "regular files").format(kind=file_kind(mode)))


class _CappedStream(io.RawIOBase):
    """Bytes from ``source`` until more than MAX_FILE_BYTES have come: then InputError.

    Caps what a .gz file decompresses to, and a plain file that grows while it is read.
    """

    def __init__(self, source, path):
        super().__init__()
        self.source, self.path, self.count = source, path, 0

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.source.close()
        super().close()

    def readinto(self, buffer) -> int:
        n = self.source.readinto(buffer)
        self.count += n
        if self.count > MAX_FILE_BYTES:
            raise InputError(str(self.path), "", translate(
                "simulator.datafiles", "more than {limit} bytes of data (decompressed); nnsim "
                "reads up to {limit}").format(limit=f"{MAX_FILE_BYTES:,}"))
        return n


# ---------------------------------------------------------------------- IDX
def read_idx(path, kind: str, limit: int | None) -> tuple[int, np.ndarray]:
    """The item count an IDX file's header claims, and its first ``limit`` items (all
    when None) as uint8 ``(n, *item_dims)``; ``kind`` is "images" or "labels"."""
    try:
        with open_data_file(path, text=False) as file:
            dims = _read_idx_dims(path, file, kind)
            n = dims[0] if limit is None else min(limit, dims[0])
            _check_idx_size(path, dims, n)
            data = _read_exact(path, file, n * math.prod(dims[1:]))
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise InputError(str(path), "", translate("simulator.datafiles", "damaged gzip data "
                                                  "({problem})").format(problem=error)
                         ) from error
    except OSError as error:
        raise _unreadable(path, error) from error
    return dims[0], np.frombuffer(data, dtype=np.uint8).reshape(n, *dims[1:])


def _read_idx_dims(path, file, kind: str) -> tuple[int, ...]:
    """The header's big-endian dimensions, item count first."""
    magic = _IDX_MAGIC[kind]
    (found,) = struct.unpack(">I", _read_exact(path, file, 4))
    if found != magic:
        text = (translate("simulator.datafiles", "magic number {found}, expected {magic} for "
                          "IDX images") if kind == "images" else
                translate("simulator.datafiles", "magic number {found}, expected {magic} for "
                          "IDX labels"))
        raise InputError(str(path), "", text.format(found=f"0x{found:08X}",
                                                    magic=f"0x{magic:08X}"))
    n_dims = magic & 0xFF
    return struct.unpack(f">{n_dims}I", _read_exact(path, file, 4 * n_dims))


def _check_idx_size(path, dims: tuple[int, ...], n: int) -> None:
    """Refuse items of no or too many pixels, and more numbers than MAX_VALUES, before
    anything is read."""
    per_item = math.prod(dims[1:])
    if len(dims) > 1 and not 1 <= per_item <= MAX_COLUMNS:
        raise InputError(str(path), translate("simulator.datafiles", "header"), translate(
            "simulator.datafiles", "images of {size} pixels; nnsim reads images of 1 to {limit} "
            "pixels").format(size=" × ".join(map(str, dims[1:])), limit=f"{MAX_COLUMNS:,}"))
    if n * per_item > MAX_VALUES:
        raise InputError(str(path), translate("simulator.datafiles", "header"), translate(
            "simulator.datafiles", "{count} items of {size} values are more than the {limit} "
            "numbers nnsim reads; set a limit").format(count=f"{n:,}", size=f"{per_item:,}",
                                                       limit=f"{MAX_VALUES:,}"))


def _read_exact(path, file, n_bytes: int) -> bytearray:
    data = bytearray()
    while len(data) < n_bytes:
        chunk = file.read(min(n_bytes - len(data), _IDX_CHUNK))
        if not chunk:
            raise InputError(str(path), "", translate(
                "simulator.datafiles", "the file is truncated ({count} of {size} bytes)").format(
                count=f"{len(data):,}", size=f"{n_bytes:,}"))
        data += chunk
    return data
