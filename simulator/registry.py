"""Name lookups in the engine's tables with a message that lists the valid names."""

from __future__ import annotations


def lookup(table: dict, name: str, what: str):
    """``table[name]``, or ValueError("unknown <what> 'x'; choose one of: …")."""
    try:
        return table[name]
    except (KeyError, TypeError):
        valid = ", ".join(table)
        raise ValueError(f"unknown {what} {name!r}; choose one of: {valid}") from None
