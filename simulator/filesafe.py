"""Reading and replacing the user's files without surprises.

``read_regular_file`` looks before it reads: a device (``/dev/zero``), a FIFO, a folder
or a file over the limit is refused from its ``stat``, and the file is then opened
without blocking and checked again, in case it was swapped in between.

``write_atomically`` replaces a file's content so that a crash or a full disk leaves
the old content or the new one, never a mix, and keeps what the user had:

* a symbolic link stays a link and the file it points to gets the new content;
* the mode (0600 stays 0600) and, where the system permits, the owner and group;
* hard links: every name of the file sees the new content (see ``_rewrite_in_place``
  for how that trades away some atomicity).

The new content goes to a temporary file beside the target, named
``.<name>.<12 hex digits>.tmp``, which is synced and renamed over the target.  A save
that was killed leaves its temporary behind; the next save of the same target removes
such leftovers once they are old and no live writer holds their lock.

Both functions raise ``OSError`` when the system refuses and ``ValueError`` (with a
message for people) when the file is not something they handle.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
import uuid
from pathlib import Path

from .i18n import QT_TRANSLATE_NOOP, translate
from .safetext import InputError, os_reason

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted there anyway
    fcntl = None

#: A temporary older than this (by its last write) whose writer holds no lock on it
#: was left by a save that died.  Generous, for folders on network drives.
STALE_AFTER = 15 * 60.0

_TEMPORARY_TAIL = re.compile(r"[0-9a-f]{12}\.tmp")
_OPEN_FOR_READING = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_BINARY", 0))
_KINDS = ((stat.S_ISDIR, QT_TRANSLATE_NOOP("simulator.filesafe", "a folder")),
          (stat.S_ISFIFO, QT_TRANSLATE_NOOP("simulator.filesafe", "a FIFO (named pipe)")),
          (stat.S_ISCHR, QT_TRANSLATE_NOOP("simulator.filesafe", "a character device")),
          (stat.S_ISBLK, QT_TRANSLATE_NOOP("simulator.filesafe", "a block device")),
          (stat.S_ISSOCK, QT_TRANSLATE_NOOP("simulator.filesafe", "a socket")))
_SPECIAL = QT_TRANSLATE_NOOP("simulator.filesafe", "a special file")


def file_kind(mode: int) -> str:
    """What a path that is not a regular file is ("a folder", "a FIFO (named pipe)"…),
    from its ``st_mode``, in the interface's language."""
    kind = next((name for test, name in _KINDS if test(mode)), _SPECIAL)
    return translate("simulator.filesafe", kind)


# ====================================================================== reading
def read_regular_file(path: str | os.PathLike, limit: int) -> bytes:
    """All bytes of the regular file at ``path``, which may hold at most ``limit``."""
    _check_regular(os.stat(path), limit)
    with open(os.open(path, _OPEN_FOR_READING), "rb") as file:
        info = os.fstat(file.fileno())
        _check_regular(info, limit)
        # read(n) allocates n bytes at once, so ask for the size stat gave, not the limit.
        data = file.read(info.st_size + 1)
        if len(data) > info.st_size:  # it grew since (or is a /proc file that says 0)
            data += file.read(limit + 1 - len(data))
    if len(data) > limit:
        raise ValueError(translate("simulator.filesafe", "the file has more than {limit} bytes, "
                                   "nnsim's limit").format(limit=f"{limit:,}"))
    return data


def read_input_file(path: str | os.PathLike, limit: int,
                    error: type[InputError] = InputError) -> bytes:
    """``read_regular_file``, with anything that goes wrong raised as ``error``: one
    line naming the file and saying why."""
    try:
        return read_regular_file(path, limit)
    except OSError as problem:
        raise error(str(path), "", translate("simulator.filesafe", "cannot read the file: "
                                             "{problem}").format(
            problem=os_reason(problem))) from None
    except ValueError as problem:
        raise error(str(path), "", str(problem)) from None


def _check_regular(info: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(translate("simulator.filesafe", "this is {kind}, not a regular file")
                         .format(kind=file_kind(info.st_mode)))
    if info.st_size > limit:
        raise ValueError(translate("simulator.filesafe", "the file has {size} bytes; nnsim "
                                   "reads files of up to {limit} bytes").format(
            size=f"{info.st_size:,}", limit=f"{limit:,}"))


# ====================================================================== writing
def write_atomically(path: str | os.PathLike, data: bytes) -> None:
    """Make ``data`` the content of the file at ``path`` (see the module's description)."""
    target = Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        _check_regular(info, 0)  # raises, naming what it is
    remove_stale_temporaries(target)
    if info is not None and info.st_nlink > 1:
        _rewrite_in_place(target, data, info)
    else:
        _replace(target, data, info)
    _fsync_folder(target.parent)


def _replace(target: Path, data: bytes, info: os.stat_result | None) -> None:
    """Write a temporary, sync it, rename it over ``target``: atomic on every system."""
    temporary, fd = _create_temporary(target, 0o600 if info else 0o666)
    try:
        if info is not None:
            _copy_owner_and_mode(fd, info)
        _write_all(fd, data)
        os.fsync(fd)
        if fcntl is None:
            os.close(fd)  # Windows cannot rename an open file
            fd = -1
        os.replace(temporary, target)  # the lock (fd still open) guards it until now
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    finally:
        if fd >= 0:
            os.close(fd)


def _rewrite_in_place(target: Path, data: bytes, info: os.stat_result) -> None:
    """Rewrite a hard-linked file in place, so that all its names see the new content.

    A rename would give this name a new file and leave the other names with the old
    one, and no system offers an atomic in-place rewrite.  The trade-off: the new
    content is first written and synced to a temporary beside the target, and a
    failed rewrite (a full disk, an I/O error) puts the old content back, so errors
    leave the file as it was.  Only a crash during the rewrite itself (one write call)
    can leave the file partial; its new content is then whole in the temporary, which
    the next save of this file removes once it is stale.
    """
    temporary, fd = _create_temporary(target, 0o600)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        with open(target, "r+b") as file:
            old = file.read(info.st_size + 1)
            try:
                _overwrite(file, data)
            except BaseException:
                _overwrite(file, old)
                raise
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    temporary.unlink()


def _overwrite(file, data: bytes) -> None:
    file.seek(0)
    file.write(data)
    file.truncate()
    file.flush()
    os.fsync(file.fileno())


def _create_temporary(target: Path, mode: int) -> tuple[Path, int]:
    """A new file beside ``target`` and its descriptor, locked while this save lives."""
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temporary, flags, mode)
    if fcntl is not None:
        # A file system without locks: the age alone protects a live save.
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return temporary, fd


def _copy_owner_and_mode(fd: int, info: os.stat_result) -> None:
    """Give the new file the old one's owner and group (as far as this user may) and
    then its mode (changing the owner clears set-user-ID bits, so the mode comes last)."""
    if hasattr(os, "fchown"):
        for uid in (info.st_uid, -1):  # a user may not give files away, but may set a group
            try:
                os.fchown(fd, uid, info.st_gid)
                break
            except PermissionError:
                continue
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(info.st_mode))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system can open a folder (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ====================================================================== leftovers
def remove_stale_temporaries(target: str | os.PathLike, now: float | None = None) -> list[Path]:
    """Delete the temporaries that killed saves of ``target`` left beside it; returns them.

    Only files named like this module's temporaries *of this target* are looked at, and
    one is deleted only if its last write is STALE_AFTER seconds old and no process
    holds its lock: a save in progress, here or in another process, keeps its own.
    """
    target = Path(target)
    prefix = f".{target.name}."
    now = time.time() if now is None else now
    try:
        entries = [entry.name for entry in os.scandir(target.parent)
                   if entry.name.startswith(prefix)
                   and _TEMPORARY_TAIL.fullmatch(entry.name[len(prefix):])]
    except OSError:
        return []
    return [path for path in (target.with_name(name) for name in entries)
            if _remove_if_stale(path, now)]


def _remove_if_stale(path: Path, now: float) -> bool:
    try:
        fd = os.open(path, _OPEN_FOR_READING | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False  # gone meanwhile, a link, or not ours to open
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < STALE_AFTER:
            return False
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises while a writer lives
        current = os.stat(path, follow_symlinks=False)
        if (current.st_dev, current.st_ino) != (info.st_dev, info.st_ino):
            return False  # the name was reused meanwhile
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
