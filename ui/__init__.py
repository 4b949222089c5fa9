"""nnsim's Qt front end.  It may import ``simulator``; ``simulator`` never imports it."""

import os

# One BLAS thread: a multi-threaded OpenBLAS fighting the GUI thread for two cores made
# the training loop ~40× slower.  This must run before numpy is first imported.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
