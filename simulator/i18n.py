"""Translating what the user reads, without Qt in the engine or the session.

Every user-visible sentence is written as ``translate("Context", "English text")``, with
``{name}`` placeholders filled by ``str.format`` afterwards, so that a translation may put
them in another order.  Qt's ``lupdate`` finds these calls by their name and collects
the texts into ``resources/i18n/nnsim_zh_CN.ts``.  The desktop app installs Qt's
translator here at start; headless uses (the command line, scripts, tests) keep English.

Texts chosen before a translator can exist (tables built at import) are marked with
``QT_TRANSLATE_NOOP`` and passed through ``translate`` where they are shown.
"""

from __future__ import annotations

from collections.abc import Callable

Translator = Callable[[str, str, "str | None", int], str]

_translator: Translator | None = None
_language = "en"


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the interface's language (``text`` itself when none is installed)."""
    if _translator is None:
        return text
    return _translator(context, text, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 — lupdate's marker name
    """Mark ``text`` for translation in ``context`` without translating it yet."""
    return text


def install(translator: Translator | None, language: str) -> None:
    """Route ``translate`` through ``translator``; ``language`` is its code ("en", "zh_CN")."""
    global _translator, _language
    _translator = translator
    _language = language


def language() -> str:
    """The interface language's code: "en" or "zh_CN"."""
    return _language
