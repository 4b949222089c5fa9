"""``python -m nnsim.cli``: the same as the ``nnsim`` command."""

import sys

from . import main

sys.exit(main())
