"""The network model: layers, activations, connection masks, weights and biases.

Conventions used throughout nnsim:

* Layers are numbered ``0 … L``; layer 0 is the input layer, layer L the output layer.
* Block ``k`` (``0 ≤ k < L``) connects layer k to layer k+1.  ``weights[k]`` has shape
  ``(sizes[k], sizes[k+1])`` so a batch ``a`` of shape ``(n, sizes[k])`` gives
  ``z = a @ weights[k] + biases[k]`` of shape ``(n, sizes[k+1])``.  ``activations[k]``,
  ``overrides[k]`` and ``masks[k]`` describe that same block's target layer.
* All weights and then all biases live in one flat buffer ``params`` (weights first, so
  regularisation touches one contiguous prefix); ``weights`` and ``biases`` are views
  into it.  Gradients live in ``grads`` with the same layout.  Optimisers update the
  flat buffers with a handful of vector operations.
"""

from __future__ import annotations

import numpy as np

from .activations import ACTIVATIONS, Activation, get_activation
from .i18n import QT_TRANSLATE_NOOP, translate
from .initializers import InitConfig, draw_biases, draw_weights
from .kernels import LayerKernel, ThreadWorkspaces, Trace, Workspace
from .losses import Loss, get_loss

DTYPES = {"float64": np.float64, "float32": np.float32}


class Network:
    """A fully connected feed-forward network whose connections can be masked."""

    def __init__(self, sizes, activations, *, loss="squared_error", dtype="float64",
                 init: InitConfig | None = None, names=None, layout=None):
        """Build a network from layer sizes and one activation name per non-input layer.

        A single layer (inputs only) is a network under construction: it computes
        nothing to train until an output layer is added.

        ``activations`` may be a single name (used for every layer) or a list of
        ``len(sizes) - 1`` names.  Weights are drawn with ``init`` (Xavier, seed 0 by
        default); biases start at zero.
        """
        self.sizes = [int(n) for n in sizes]
        if not self.sizes or min(self.sizes) < 1:
            raise ValueError(translate("simulator.network", "a network needs at least an input "
                                       "layer, and every layer at least one neuron"))
        if isinstance(activations, str):
            activations = [activations] * (len(self.sizes) - 1)
        if len(activations) != len(self.sizes) - 1:
            raise ValueError(translate("simulator.network", "{needed} activations needed (one per "
                                       "layer after the input), got {count}").format(
                needed=len(self.sizes) - 1, count=len(activations)))
        self.activations = [get_activation(a).name for a in activations]
        whole_layer = [a for a in self.activations[:-1] if not ACTIVATIONS[a].per_neuron]
        if whole_layer:
            raise ValueError(translate("simulator.network", "{activation} is for the output layer "
                                       "only").format(activation=ACTIVATIONS[whole_layer[0]].label))
        self.overrides: list[dict[int, str]] = [{} for _ in self.activations]
        self.masks = [np.ones((a, b), dtype=bool) for a, b in self.block_shapes]
        self.names = names or default_names(self.sizes)
        self.layout: dict = dict(layout or {})
        self.loss_name = get_loss(loss).name
        self.dtype = np.dtype(DTYPES.get(dtype, dtype))
        self._allocate()
        self.initialize(init or InitConfig())
        self._check_output_pairing()

    # ------------------------------------------------------------------ structure
    @property
    def n_layers(self) -> int:
        """Number of layers including input and output."""
        return len(self.sizes)

    @property
    def block_shapes(self) -> list[tuple[int, int]]:
        return list(zip(self.sizes[:-1], self.sizes[1:]))

    @property
    def n_weights(self) -> int:
        return sum(a * b for a, b in self.block_shapes)

    @property
    def n_parameters(self) -> int:
        """Weights plus biases, counting masked connections (784-16-16-10 → 13,002)."""
        return self.params.size

    @property
    def n_connections(self) -> int:
        """Connections that exist (unmasked)."""
        return int(sum(m.sum() for m in self.masks))

    @property
    def loss(self) -> Loss:
        return get_loss(self.loss_name)

    @property
    def has_masks(self) -> bool:
        return self._grad_mask is not None

    def activation_of(self, layer: int, neuron: int | None = None) -> Activation:
        """The activation of a layer (≥ 1), or of one neuron when given (override-aware)."""
        if layer < 1:
            return ACTIVATIONS["linear"]
        name = self.activations[layer - 1]
        if neuron is not None:
            name = self.overrides[layer - 1].get(neuron, name)
        return ACTIVATIONS[name]

    def kernel(self, block: int) -> LayerKernel:
        """Forward/backward kernel for block ``block``'s target layer."""
        return LayerKernel(self.activations[block], self.overrides[block],
                           self.sizes[block + 1])

    # ------------------------------------------------------------------ buffers
    def _allocate(self) -> None:
        n_params = self.n_weights + sum(self.sizes[1:])
        self.params = np.zeros(n_params, dtype=self.dtype)
        self.grads = np.zeros(n_params, dtype=self.dtype)
        self.weights = self._weight_views(self.params)
        self.biases = self._bias_views(self.params)
        self.grad_weights = self._weight_views(self.grads)
        self.grad_biases = self._bias_views(self.grads)
        self._workspaces = ThreadWorkspaces()
        self.masks_changed()

    def _weight_views(self, flat: np.ndarray) -> list[np.ndarray]:
        views, start = [], 0
        for a, b in self.block_shapes:
            views.append(flat[start:start + a * b].reshape(a, b))
            start += a * b
        return views

    def _bias_views(self, flat: np.ndarray) -> list[np.ndarray]:
        views, start = [], self.n_weights
        for n in self.sizes[1:]:
            views.append(flat[start:start + n])
            start += n
        return views

    def split_flat(self, flat: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Weight and bias views into any array laid out like ``params``."""
        return self._weight_views(flat), self._bias_views(flat)

    def masks_changed(self) -> None:
        """Rebuild the flat gradient mask after ``masks`` were written from outside
        (``None`` when every connection exists); removed weights become zero."""
        if all(m.all() for m in self.masks):
            self._grad_mask = None
            return
        mask = np.ones(self.params.size, dtype=self.dtype)
        for view, m in zip(self._weight_views(mask), self.masks):
            view[...] = m
        self._grad_mask = mask
        self.params *= mask

    def apply_grad_mask(self, grads: np.ndarray | None = None) -> None:
        """Zero the gradient of every removed connection in ``grads`` (laid out like
        ``params``; default ``self.grads``).  Hot path: one multiply."""
        if self._grad_mask is not None:
            if grads is None:
                grads = self.grads
            grads *= self._grad_mask

    def workspace(self, batch_size: int) -> Workspace:
        """Preallocated buffers for batches of ``batch_size`` rows, the calling thread's
        own: one thread's forward pass never overwrites another's."""
        cache = self._workspaces.by_rows
        ws = cache.get(batch_size)
        if ws is None:
            if len(cache) > 4:
                cache.clear()
            ws = cache[batch_size] = Workspace(self, batch_size)
        return ws

    def _structure_changed(self) -> None:
        self._workspaces = ThreadWorkspaces()  # every thread's, not only the caller's

    # ------------------------------------------------------------------ initialisation
    def initialize(self, config: InitConfig | None = None) -> None:
        """Redraw all weights and biases; masked connections stay zero."""
        config = config or InitConfig()
        self.init_config = config
        rng = np.random.default_rng(config.seed)
        for k, (n_in, n_out) in enumerate(self.block_shapes):
            self.weights[k][...] = draw_weights(rng, n_in, n_out, config)
            self.biases[k][...] = draw_biases(rng, n_out, config)
        self.weights_changed()

    def weights_changed(self) -> None:
        """Re-apply the masks after weights were written from outside."""
        for w, m in zip(self.weights, self.masks):
            w *= m

    # ------------------------------------------------------------------ editing
    def set_weight(self, block: int, i: int, j: int, value: float) -> None:
        """Set the weight from neuron i of layer ``block`` to neuron j of the next layer."""
        self.params[self.weight_index(block, i, j)] = value

    def set_bias(self, layer: int, j: int, value: float) -> None:
        """Set the bias of neuron j in layer ``layer`` (≥ 1)."""
        self.params[self.bias_index(layer, j)] = value

    def weight_index(self, block: int, i: int, j: int) -> int:
        """Where that weight sits in ``params``; ValueError for a removed connection."""
        if not self.masks[block][i, j]:
            raise ValueError(translate(
                "simulator.network", "there is no connection from neuron {i} of layer {block} to "
                "neuron {j} of layer {next}; add it first").format(i=i, block=block, j=j,
                                                                     next=block + 1))
        before = sum(a * b for a, b in self.block_shapes[:block])
        return before + i * self.sizes[block + 1] + j

    def bias_index(self, layer: int, j: int) -> int:
        """Where the bias of neuron j of ``layer`` (≥ 1) sits in ``params``."""
        if layer < 1:
            raise ValueError(translate("simulator.network", "input neurons have no bias"))
        if not 0 <= j < self.sizes[layer]:
            raise IndexError(f"layer {layer} has no neuron {j}")
        return self.n_weights + sum(self.sizes[1:layer]) + j

    def set_connection(self, block: int, i: int, j: int, enabled: bool,
                       weight: float = 0.0) -> None:
        """Remove or restore one connection; a restored one starts at ``weight``."""
        self.masks[block][i, j] = bool(enabled)
        self.weights[block][i, j] = weight if enabled else 0.0
        self.masks_changed()

    def set_activation(self, layer: int, name: str) -> None:
        """Set a whole layer's activation (layer ≥ 1); per-neuron overrides remain."""
        act = get_activation(name)
        if layer < 1:
            raise ValueError(translate("simulator.network",
                                       "the input layer passes its inputs through unchanged"))
        if not act.per_neuron and self.overrides[layer - 1]:
            raise ValueError(translate("simulator.network", "{activation} couples a whole layer; "
                                       "clear the per-neuron overrides of this layer first")
                             .format(activation=act.label))
        if not act.per_neuron and layer != self.n_layers - 1:
            raise ValueError(translate("simulator.network", "{activation} is for the output layer "
                                       "only").format(activation=act.label))
        previous = self.activations[layer - 1]
        self.activations[layer - 1] = act.name
        try:
            self._check_output_pairing()
        except ValueError:
            self.activations[layer - 1] = previous
            raise
        self._structure_changed()

    def set_neuron_activation(self, layer: int, neuron: int, name: str | None) -> None:
        """Override one neuron's activation; ``None`` returns it to the layer's."""
        if layer < 1:
            raise ValueError(translate("simulator.network",
                                       "the input layer passes its inputs through unchanged"))
        overrides = self.overrides[layer - 1]
        previous = dict(overrides)
        if name is None or name == self.activations[layer - 1]:
            overrides.pop(neuron, None)
        else:
            act = get_activation(name)
            if not act.per_neuron or not self.activation_of(layer).per_neuron:
                raise ValueError(translate("simulator.network", "softmax applies to a whole "
                                           "output layer, not to single neurons"))
            overrides[neuron] = act.name
        try:
            self._check_output_pairing()
        except ValueError:
            self.overrides[layer - 1] = previous
            raise
        self._structure_changed()

    def set_loss(self, name: str) -> None:
        previous, self.loss_name = self.loss_name, get_loss(name).name
        try:
            self._check_output_pairing()
        except ValueError:
            self.loss_name = previous
            raise

    def _check_output_pairing(self) -> None:
        self.loss.check_output(self.activation_of(self.n_layers - 1))
        if self.overrides and self.overrides[-1] and self.loss.fused_activation:
            raise ValueError(translate(
                "simulator.network", "{loss} needs every output neuron to use {activation}: it "
                "allows no per-neuron activation on the output layer").format(
                loss=self.loss.label, activation=self.loss.fused_activation))

    def astype(self, dtype) -> Network:
        """A copy in another float type (``"float32"`` or ``"float64"``)."""
        clone = self.copy()
        clone.dtype = np.dtype(DTYPES.get(dtype, dtype))
        params = self.params.astype(clone.dtype)
        clone._allocate()
        clone.params[...] = params
        return clone

    def copy(self) -> Network:
        """A deep copy: no array is shared with this network."""
        clone = object.__new__(Network)
        clone.__dict__.update(self.__dict__)
        clone.sizes = list(self.sizes)
        clone.activations = list(self.activations)
        clone.overrides = [dict(o) for o in self.overrides]
        clone.masks = [m.copy() for m in self.masks]
        clone.names = [list(n) for n in self.names]
        clone.layout = _deep_copy_json(self.layout)
        clone._allocate()
        clone.params[...] = self.params
        return clone

    def assign(self, other: Network) -> None:
        """Become an exact deep copy of ``other`` in place, so every holder of this
        object sees the change; ``other`` stays independent."""
        self._adopt(other.copy())

    def _adopt(self, draft: Network) -> None:
        """Take over ``draft``'s state in place *without copying*: the arrays become
        shared, so ``draft`` must not be used afterwards.  Editing commits a finished
        draft this way, sparing a second copy of every array."""
        self.__dict__.update(draft.__dict__)
        self._workspaces = ThreadWorkspaces()  # the draft's are bound to the draft object

    def untrainable_layers(self) -> list[int]:
        """Layers whose activation has no gradient (step) but would need one to learn."""
        return [layer for layer in range(1, self.n_layers)
                if any(not self.activation_of(layer, j).has_gradient
                       for j in range(self.sizes[layer]))]

    # ------------------------------------------------------------------ computing
    def forward(self, inputs: np.ndarray) -> np.ndarray:
        """Outputs ŷ, shape ``(n, sizes[-1])``, for inputs of shape ``(n, sizes[0])``."""
        return self.forward_all(inputs)[-1].copy()

    def forward_all(self, inputs: np.ndarray) -> list[np.ndarray]:
        """Activations of every layer for a batch: list of ``(n, sizes[l])`` arrays.

        The arrays are this thread's workspace buffers: copy them before its next call
        (another thread's calls never write into them).
        """
        inputs = self._as_batch(inputs, self.sizes[0], "inputs")
        ws = self.workspace(inputs.shape[0])
        with np.errstate(over="ignore", invalid="ignore"):
            ws.forward(inputs)
        return ws.acts

    def loss_value(self, inputs: np.ndarray, targets: np.ndarray,
                   out: np.ndarray | None = None) -> float:
        """Mean loss over the batch, exactly as training reports it (see ``losses``).

        ``out``, when given (n, sizes[-1]), receives the outputs ŷ as well, so callers
        that need both run the forward pass once.
        """
        inputs = self._as_batch(inputs, self.sizes[0], "inputs")
        targets = self._as_batch(targets, self.sizes[-1], "targets")
        ws = self.workspace(inputs.shape[0])
        with np.errstate(over="ignore", invalid="ignore"):
            ws.forward(inputs)
        if out is not None:
            out[...] = ws.acts[-1]
        return self.loss.value(ws.zs[-1], ws.acts[-1], targets)

    def gradients(self, inputs: np.ndarray, targets: np.ndarray):
        """Loss and gradients for a batch: ``(loss, dE/dW list, dE/db list)`` as copies."""
        loss = self.compute_gradients(inputs, targets)
        grads = self.grads.copy()
        weights, biases = self.split_flat(grads)
        return loss, weights, biases

    def compute_gradients(self, inputs: np.ndarray, targets: np.ndarray) -> float:
        """Backpropagate one batch into ``self.grads`` (masked); return the loss."""
        inputs = self._as_batch(inputs, self.sizes[0], "inputs")
        targets = self._as_batch(targets, self.sizes[-1], "targets")
        if inputs.shape[0] != targets.shape[0]:
            raise ValueError(translate("simulator.network", "{inputs} input rows but {targets} "
                                       "target rows").format(inputs=inputs.shape[0],
                                                             targets=targets.shape[0]))
        ws = self.workspace(inputs.shape[0])
        with np.errstate(over="ignore", invalid="ignore"):
            loss = ws.forward_backward(inputs, targets)
        self.apply_grad_mask()
        return loss

    def trace(self, inputs: np.ndarray, targets: np.ndarray | None = None) -> Trace:
        """Every per-neuron and per-connection quantity for a batch, as copies.

        This is what the neuron inspector shows: for layer l, ``z[l]``, ``a[l]``,
        ``dE_da[l]``, ``dE_dz[l]`` (shape ``(n, sizes[l])``; index 0 is the input layer,
        whose z is the input itself) and for block k ``dE_dw[k]`` (sizes[k], sizes[k+1])
        and ``dE_db[k]``.  Gradients are ``None`` without targets; ``loss`` is the batch
        loss exactly as training and ``loss_value`` report it.

        A diagnostic: it computes in a workspace and a gradient buffer of its own, so it
        never writes into ``grads`` or a buffer a training step (on any thread) uses.

        With a fused loss the output layer's ``dE_da`` is derived for display only:
        −y/a (cross-entropy) or (a − y)/(a(1 − a)) (binary cross-entropy), over n.
        Where a rounded to 0 (or 1) it is evaluated at the nearest representable
        probability inside (0, 1), so it shows the steepest finite slope, not inf or NaN.
        """
        inputs = self._as_batch(inputs, self.sizes[0], "inputs")
        if targets is None:
            ws = Workspace(self, inputs.shape[0])
            with np.errstate(over="ignore"):
                ws.forward(inputs)
            return Trace.from_workspace(ws, None, None, None)
        targets = self._as_batch(targets, self.sizes[-1], "targets")
        grads = np.zeros_like(self.params)
        ws = Workspace(self, inputs.shape[0], grads=grads)
        with np.errstate(over="ignore", invalid="ignore"):
            loss = ws.forward_backward(inputs, targets)
        self.apply_grad_mask(grads)
        weights, biases = self.split_flat(grads)
        return Trace.from_workspace(ws, loss, weights, biases)

    def _as_batch(self, array, width: int, what: str) -> np.ndarray:
        return as_batch(array, width, what, self.dtype)

    def summary(self) -> str:
        """One line per layer: size and activation, then the parameter count."""
        def count(n: int, noun: str) -> str:
            return f"{n:,} {noun}" + ("" if n == 1 else "s")

        lines = [f"layer 0 (input): {count(self.sizes[0], 'neuron')}"]
        for layer in range(1, self.n_layers):
            kind = layer_role(layer, self.n_layers)
            extra = f", {len(self.overrides[layer - 1])} overridden" \
                if self.overrides[layer - 1] else ""
            lines.append(f"layer {layer} ({kind}): {count(self.sizes[layer], 'neuron')}, "
                         f"{self.activation_of(layer).label}{extra}")
        lines.append(f"{count(self.n_parameters, 'parameter')}, "
                     f"{count(self.n_connections, 'connection')}, loss {self.loss.label}")
        return "\n".join(lines)


def default_names(sizes: list[int]) -> list[list[str]]:
    """Names like x1, h1_3, y2 (see ``name_prefix``)."""
    return [[f"{name_prefix(layer, len(sizes))}{j + 1}" for j in range(n)]
            for layer, n in enumerate(sizes)]


def layer_role(layer: int, n_layers: int) -> str:
    """"input", "hidden" or "output"."""
    if layer == 0:
        return "input"
    return "output" if layer == n_layers - 1 else "hidden"


#: What ``as_batch`` may be given, as its message names it (marked for translation).
BATCHES = (QT_TRANSLATE_NOOP("simulator.network", "inputs"),
           QT_TRANSLATE_NOOP("simulator.network", "targets"),
           QT_TRANSLATE_NOOP("simulator.network", "test inputs"),
           QT_TRANSLATE_NOOP("simulator.network", "test targets"))


def as_batch(array, width: int, what: str, dtype=np.float64) -> np.ndarray:
    """``array`` as a contiguous ``(n, width)`` matrix of ``dtype`` (one row when 1-D);
    ValueError naming ``what`` (one of ``BATCHES``, translated) for any other shape."""
    array = np.asarray(array, dtype=dtype)
    if array.ndim == 1:
        array = array.reshape(1, -1)
    if array.ndim != 2 or array.shape[1] != width:
        raise ValueError(translate("simulator.network", "{what} must have {width} columns, got "
                                   "shape {shape}").format(
            what=translate("simulator.network", what), width=width, shape=array.shape))
    return np.ascontiguousarray(array)


def layer_name(layer: int, n_layers: int) -> str:
    """"Input", "Hidden 2" or "Output", in the interface's language."""
    role = layer_role(layer, n_layers)
    if role == "hidden":
        return translate("simulator.network", "Hidden {layer}").format(layer=layer)
    return translate("simulator.network", "Input") if role == "input" else \
        translate("simulator.network", "Output")


def name_prefix(layer: int, n_layers: int) -> str:
    """Default name stem of a layer's neurons: inputs x, hidden layers h<layer>_, outputs y."""
    return {"input": "x", "output": "y"}.get(layer_role(layer, n_layers), f"h{layer}_")


def _deep_copy_json(value):
    if isinstance(value, dict):
        return {k: _deep_copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy_json(v) for v in value]
    return value
