"""nnsim's engine: a headless numpy neural network that the desktop app visualises.

Pure numpy and the standard library; it never imports Qt.
"""

from .activations import ACTIVATIONS, Activation, get_activation
from .initializers import InitConfig
from .losses import LOSSES, Loss, get_loss
from .network import Network, Trace

__all__ = ["ACTIVATIONS", "Activation", "get_activation", "InitConfig", "LOSSES", "Loss",
           "get_loss", "Network", "Trace"]
