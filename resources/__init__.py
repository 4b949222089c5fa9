"""nnsim's bundled files: example networks, data sets and the file format's schema.

Found with ``importlib.resources`` (see ``nnsim.simulator.resources``), never by probing
folders, so they load from a wheel, a zip or a source checkout alike.
"""
