"""Text that came from a user's file, made safe to echo: one line, bounded, printable.

Every message about a bad input goes through :class:`InputError`, which names the file,
the field and the problem in one line.  Values from the file are echoed with
:func:`quote`, which shortens them and escapes control characters, so a 10 MB string,
a newline or a terminal escape sequence in a file can neither flood nor fake a message.
"""

from __future__ import annotations

import errno
import re

from .i18n import QT_TRANSLATE_NOOP, translate

#: Characters of a value from a file that a message echoes back.
ECHO_LIMIT = 60
#: Characters of a file name or path in a message.
PATH_LIMIT = 160
#: Characters of a whole message.
MESSAGE_LIMIT = 500

# C0 and C1 controls, DEL, line and paragraph separators, bidirectional overrides and
# isolates (they can reorder what a terminal shows), and lone surrogates (they cannot be
# encoded, so printing them raises).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")


def _escape_one(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character, separator, bidi override and lone
    surrogate written as a backslash escape (``\\n`` becomes ``\\x0a``)."""
    return _UNSAFE.sub(_escape_one, text)


def shorten(text: str, limit: int = ECHO_LIMIT) -> str:
    """``printable(text)``, cut to ``limit`` characters with "…" and the full length
    when longer.  Only the start of a long text is looked at."""
    if len(text) <= limit:
        safe = printable(text)
        if len(safe) <= limit:
            return safe
    else:
        safe = printable(text[:limit])
    return translate("simulator.safetext", "{start}… ({count} characters)").format(
        start=safe[:max(1, limit - 1)], count=f"{len(text):,}")


def quote(value, limit: int = ECHO_LIMIT) -> str:
    """A value from a parsed file as a message shows it: strings quoted and shortened,
    numbers as written (huge integers by their digit count), containers by their type.

    Never builds the ``repr`` of a large value, so it costs no more than ``limit``.
    """
    if isinstance(value, str):
        return f"'{shorten(value, limit)}'"
    if isinstance(value, bool) or value is None:
        return "null" if value is None else str(value).lower()
    if isinstance(value, int):
        if value.bit_length() > 200:  # str() of a huge int is slow, or refused past 4,300 digits
            return translate("simulator.safetext", "a {count}-digit number").format(
                count=f"{int(value.bit_length() * 0.30103) + 1:,}")
        return shorten(str(value), limit)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        text = (translate("simulator.safetext", "an object of {count} field") if len(value) == 1
                else translate("simulator.safetext", "an object of {count} fields"))
        return text.format(count=f"{len(value):,}")
    if isinstance(value, (list, tuple)):
        text = (translate("simulator.safetext", "an array of {count} item") if len(value) == 1
                else translate("simulator.safetext", "an array of {count} items"))
        return text.format(count=f"{len(value):,}")
    return shorten(type(value).__name__, limit)


def one_line(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """A whole message as one printable line of at most about ``limit`` characters."""
    return shorten(text, limit) if len(text) > limit else printable(text)


class InputError(ValueError):
    """A file or value from the user cannot be used: one line naming the file, the
    field in it (a path like ``network.layers[1].weights``, or a CSV line and column)
    and what is wrong.  Every part is made printable and bounded here."""

    def __init__(self, file: str, field: str, detail: str):
        self.file = shorten(str(file), PATH_LIMIT)
        self.field = shorten(field, PATH_LIMIT)
        self.detail = one_line(detail)
        super().__init__(": ".join(part for part in (self.file, self.field, self.detail)
                                   if part))


#: The reasons a file operation fails that users meet, in the C library's English words,
#: translated: the system's own text is English whatever the interface's language.
_OS_REASONS = {
    errno.ENOENT: QT_TRANSLATE_NOOP("simulator.safetext", "No such file or directory"),
    errno.EACCES: QT_TRANSLATE_NOOP("simulator.safetext", "Permission denied"),
    errno.EPERM: QT_TRANSLATE_NOOP("simulator.safetext", "Operation not permitted"),
    errno.EISDIR: QT_TRANSLATE_NOOP("simulator.safetext", "Is a directory"),
    errno.ENOTDIR: QT_TRANSLATE_NOOP("simulator.safetext", "Not a directory"),
    errno.ENOSPC: QT_TRANSLATE_NOOP("simulator.safetext", "No space left on device"),
    errno.EROFS: QT_TRANSLATE_NOOP("simulator.safetext", "Read-only file system"),
    errno.ENAMETOOLONG: QT_TRANSLATE_NOOP("simulator.safetext", "File name too long"),
}


def os_reason(error: Exception) -> str:
    """Why a file operation failed, without the path: translated for the common reasons
    of an ``OSError``, the system's own words otherwise (any other error: its message)."""
    known = _OS_REASONS.get(getattr(error, "errno", None))
    if known is not None:
        return translate("simulator.safetext", known)
    return getattr(error, "strerror", None) or str(error)
