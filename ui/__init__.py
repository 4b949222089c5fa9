"""nnsim's Qt front end: thin widgets bound to the session (``nnsim.session``).

Importing this package does nothing; ``nnsim.ui.app.run`` starts the window.
"""
