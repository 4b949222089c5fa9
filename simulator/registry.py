"""Name lookups in the engine's tables with a message that lists the valid names."""

from __future__ import annotations

from .i18n import QT_TRANSLATE_NOOP, translate
from .safetext import quote

#: What a table holds, as the messages name it (``lookup``'s ``what``), for translation.
KINDS = (QT_TRANSLATE_NOOP("simulator.registry", "activation"),
         QT_TRANSLATE_NOOP("simulator.registry", "loss"),
         QT_TRANSLATE_NOOP("simulator.registry", "optimizer"),
         QT_TRANSLATE_NOOP("simulator.registry", "dataset"))


def lookup(table: dict, name: str, what: str):
    """``table[name]``, or ValueError("unknown <what> 'x'; choose one of: …").

    ``name`` may come from a file: the message echoes it shortened and printable."""
    try:
        return table[name]
    except (KeyError, TypeError):
        valid = ", ".join(table)
        what = translate("simulator.registry", what)
        if not isinstance(name, str):
            raise ValueError(translate(
                "simulator.registry", "the {what} must be a name, one of: {valid}; not {name}")
                .format(what=what, valid=valid, name=quote(name))) from None
        raise ValueError(translate("simulator.registry",
                                   "unknown {what} {name}; choose one of: {valid}")
                         .format(what=what, name=quote(name), valid=valid)) from None
