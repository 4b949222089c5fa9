"""Name lookups in the engine's tables with a message that lists the valid names."""

from __future__ import annotations

from .safetext import quote


def lookup(table: dict, name: str, what: str):
    """``table[name]``, or ValueError("unknown <what> 'x'; choose one of: …").

    ``name`` may come from a file: the message echoes it shortened and printable."""
    try:
        return table[name]
    except (KeyError, TypeError):
        valid = ", ".join(table)
        if not isinstance(name, str):
            raise ValueError(f"the {what} must be a name, one of: {valid}; "
                             f"not {quote(name)}") from None
        raise ValueError(f"unknown {what} {quote(name)}; choose one of: {valid}") from None
