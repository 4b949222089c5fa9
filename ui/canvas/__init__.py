"""The network canvas: every neuron a node that glows with its activation, every
connection a line coloured by its weight's sign and strength.

``NetworkCanvas`` (``view``) is the widget, with its gestures in ``interaction`` and its
zoom in ``zoom``; ``targets`` names what can be pointed at.  ``geometry``, ``mapping`` and
``drop`` are the numpy parts (where things go, which colour bucket a number gets, what a
drag would do); ``items`` and ``overlays`` paint; ``style`` holds the pens and brushes
built from ``ui.theme``.
"""

from .view import NetworkCanvas

__all__ = ["NetworkCanvas"]
