"""nnsim's Qt front end.  It may import ``simulator``; ``simulator`` never imports it."""
