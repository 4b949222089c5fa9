"""Training throughput of nnsim's engine against scikit-learn and PyTorch (CPU).

Run from the repository root::

    OPENBLAS_NUM_THREADS=1 python benchmarks/engine.py            # full run, ~1-2 min
    python benchmarks/engine.py --quick                           # short run
    python benchmarks/engine.py --json                            # figures as JSON

Every engine trains the same three networks on the same synthetic data (fixed seed,
no downloads) with plain mini-batch SGD — constant learning rate, no momentum, no
weight decay, a fresh shuffle every epoch — on one thread, and the script prints
training samples per second for each engine plus nnsim's speed-up over the others.

Fairness rules (all engines in one process, one BLAS/OpenMP thread each):

* Warm-up first, then each engine trains a whole number of epochs per repeat, chosen
  so a repeat lasts about ``--seconds``; engines are interleaved repeat by repeat and
  the best repeat counts (the machine is shared, so noise only ever slows a repeat).
* nnsim is timed through ``Trainer._step()`` — the exact step the app and ``run_epoch``
  use: batch gather, forward, backward, optimiser update, divergence check — for
  ``steps_per_epoch`` steps per epoch inside the same ``np.errstate`` that
  ``run_epoch`` sets.  The per-epoch re-evaluation of the loss on up to 10,000
  training rows (``Trainer.evaluate``, called from ``_end_epoch``) is stubbed out for
  that measurement, since neither scikit-learn (tol/early stopping disabled) nor the
  PyTorch loop does an extra pass.  The column "nnsim run_epoch" times the unmodified
  ``Trainer.run_epoch()``, evaluation included, for reference.
* scikit-learn is timed around ``fit(max_iter=epochs)`` with ``warm_start=True``
  (one input validation per repeat, negligible next to the epochs).
* PyTorch: ``nn.Sequential`` + ``torch.optim.SGD``, manual batching through a
  ``torch.randperm`` index, no DataLoader, ``torch.set_num_threads(1)``; the loop does
  not call ``loss.item()`` (the cheapest correct loop, in torch's favour).

Rows:

1. 2-8-8-1, tanh hidden, sigmoid output with binary cross-entropy (log-loss), batch
   10, float64: nnsim ``binary_cross_entropy`` (fused with the sigmoid), sklearn
   ``MLPClassifier`` on 0/1 labels (logistic output, log-loss), torch
   ``BCEWithLogitsLoss``.
2. 784-16-16-10, sigmoid everywhere, squared error, batch 32, float32: nnsim
   ``squared_error``; torch ``Sigmoid`` output and ½·Σ(ŷ−y)²/n; sklearn has no
   sigmoid-output regressor, so ``MLPRegressor(activation="logistic")`` — logistic
   hidden layers, identity output, squared error — on one-hot float32 targets (the
   missing 32×10 output sigmoid is negligible).
3. 784-128-64-10, ReLU hidden, softmax + cross-entropy, batch 128, float32: nnsim
   ``cross_entropy``, sklearn ``MLPClassifier(activation="relu")`` on 10 class labels
   (softmax + log-loss), torch ``CrossEntropyLoss``.  For this row the script also
   reports what fraction of the machine's single-thread float32 matmul rate (best
   2048×2048 ``np.dot``) each engine reaches, counting per step
   2·B·W (forward) + 2·B·W (dW) + 2·B·(W − W₀) (dX for every block but the first).
"""

from __future__ import annotations

import os
import sys

_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")


def _pin_threads(reexec: bool) -> None:
    """One BLAS/OpenMP thread; re-exec if numpy was already loaded with other settings."""
    wrong = [v for v in _THREAD_VARS if os.environ.get(v) != "1"]
    for var in _THREAD_VARS:
        os.environ[var] = "1"
    if reexec and wrong and "numpy" in sys.modules and \
            not os.environ.get("_NNSIM_BENCH_REEXEC"):
        os.environ["_NNSIM_BENCH_REEXEC"] = "1"
        os.execv(sys.executable, [sys.executable, *sys.argv])


_pin_threads(reexec=__name__ == "__main__")

# ruff: noqa: E402 — the imports below must follow the thread pinning.
import argparse
import contextlib
import json
import math
import platform
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from engine_report import assess, print_report, to_json

import nnsim.simulator
from nnsim.simulator import Network
from nnsim.simulator.training import Metrics, Trainer, TrainingConfig


# ---------------------------------------------------------------------------- rows
@dataclass(frozen=True)
class Row:
    """One benchmarked network and the targets the issue sets for it."""

    key: str
    sizes: tuple[int, ...]
    hidden: str                    # nnsim activation name of the hidden layers
    output: str                    # nnsim activation name of the output layer
    loss: str                      # nnsim loss name
    batch: int
    dtype: str
    learning_rate: float
    description: str
    target_rate: float             # nnsim samples/s the issue aims at (≈)
    target_vs_sklearn: float       # nnsim/sklearn ≥
    target_vs_torch: float         # nnsim/torch ≥
    target_matmul: float | None = None   # ≈ fraction of the matmul limit

    @property
    def n_weights(self) -> int:
        return sum(a * b for a, b in zip(self.sizes[:-1], self.sizes[1:]))

    @property
    def flops_per_sample(self) -> int:
        """Forward 2·W, dW 2·W, dX 2·(W − W₀): per training sample."""
        w0 = self.sizes[0] * self.sizes[1]
        return 2 * self.n_weights + 2 * self.n_weights + 2 * (self.n_weights - w0)


ROWS = (
    Row("2-8-8-1", (2, 8, 8, 1), "tanh", "sigmoid", "binary_cross_entropy", 10,
        "float64", 0.1, "tanh, sigmoid out + log-loss, batch 10, float64",
        270_000, 6.0, 9.0),
    Row("784-16-16-10", (784, 16, 16, 10), "sigmoid", "sigmoid", "squared_error", 32,
        "float32", 0.1, "sigmoid, squared error, batch 32, float32",
        310_000, 3.0, 5.0),
    Row("784-128-64-10", (784, 128, 64, 10), "relu", "softmax", "cross_entropy", 128,
        "float32", 0.01, "ReLU, softmax + cross-entropy, batch 128, float32",
        140_000, 1.5, 1.5, 0.69),
)

@dataclass
class Data:
    x: np.ndarray          # (n, n_in), row dtype
    labels: np.ndarray     # (n,) int64 class labels
    onehot: np.ndarray     # (n, n_out) row dtype; (n, 1) 0/1 for a single output


def make_data(row: Row, n: int, seed: int = 0) -> Data:
    rng = np.random.default_rng(seed)
    dt = np.dtype(row.dtype)
    n_in, n_out = row.sizes[0], row.sizes[-1]
    if n_in > 100:  # image-like inputs in [0, 1), as MNIST pixels
        x = rng.random((n, n_in), dtype=np.float64).astype(dt)
    else:
        x = rng.standard_normal((n, n_in)).astype(dt)
    n_classes = 2 if n_out == 1 else n_out
    labels = rng.integers(0, n_classes, n).astype(np.int64)
    onehot = labels.reshape(-1, 1).astype(dt) if n_out == 1 else \
        np.eye(n_out, dtype=dt)[labels]
    return Data(np.ascontiguousarray(x), labels, np.ascontiguousarray(onehot))


# ---------------------------------------------------------------------------- engines
class Engine:
    """Trains one row's network; ``train(epochs)`` returns the seconds it took."""

    name = ""

    def __init__(self, row: Row, data: Data):
        self.row, self.data = row, data
        self.n = data.x.shape[0]

    def train(self, epochs: int) -> float:
        raise NotImplementedError

    def n_params(self) -> int:
        raise NotImplementedError


class NnsimEngine(Engine):
    """nnsim via ``Trainer._step()``, per-epoch evaluation stubbed out (see module doc)."""

    name = "nnsim"
    skip_evaluation = True

    def __init__(self, row, data):
        super().__init__(row, data)
        activations = [row.hidden] * (len(row.sizes) - 2) + [row.output]
        self.net = Network(list(row.sizes), activations, loss=row.loss, dtype=row.dtype)
        config = TrainingConfig(learning_rate=row.learning_rate, batch_size=row.batch,
                                epochs=None, shuffle=True, seed=0)
        self.trainer = Trainer(self.net, data.x, data.onehot, config, classification=True)
        if self.skip_evaluation:
            # _step() calls _end_epoch() → evaluate() at each epoch's end: a forward
            # pass over up to 10,000 rows the other engines do not make.
            blank = Metrics(math.nan)
            self.trainer.evaluate = lambda: blank

    def train(self, epochs):
        step = self.trainer._step
        steps = epochs * self.trainer.steps_per_epoch
        start = time.perf_counter()
        with np.errstate(over="ignore", invalid="ignore"):
            for _ in range(steps):
                step()
        return time.perf_counter() - start

    def n_params(self):
        return self.net.n_parameters


class NnsimRunEpochEngine(NnsimEngine):
    """The unmodified ``Trainer.run_epoch()``, its per-epoch evaluation included."""

    name = "nnsim run_epoch"
    skip_evaluation = False

    def train(self, epochs):
        start = time.perf_counter()
        for _ in range(epochs):
            self.trainer.run_epoch()
        return time.perf_counter() - start


class SklearnEngine(Engine):
    name = "sklearn"

    def __init__(self, row, data):
        super().__init__(row, data)
        from sklearn.neural_network import MLPClassifier, MLPRegressor

        sk_act = {"tanh": "tanh", "sigmoid": "logistic", "relu": "relu"}[row.hidden]
        common = dict(hidden_layer_sizes=row.sizes[1:-1], activation=sk_act,
                      solver="sgd", batch_size=row.batch, learning_rate="constant",
                      learning_rate_init=row.learning_rate, momentum=0.0,
                      nesterovs_momentum=False, alpha=0.0, shuffle=True, tol=0.0,
                      n_iter_no_change=np.inf, early_stopping=False, warm_start=True,
                      random_state=0, max_iter=1)
        if row.loss == "squared_error":
            # No sigmoid-output regressor in sklearn: identity output, squared error.
            self.model, self.y = MLPRegressor(**common), data.onehot
        else:
            self.model, self.y = MLPClassifier(**common), data.labels

    def train(self, epochs):
        from sklearn.exceptions import ConvergenceWarning

        self.model.set_params(max_iter=epochs)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            start = time.perf_counter()
            self.model.fit(self.data.x, self.y)
            elapsed = time.perf_counter() - start
        assert self.model.coefs_[0].dtype == np.dtype(self.row.dtype)
        return elapsed

    def n_params(self):
        return sum(c.size for c in self.model.coefs_) + \
            sum(b.size for b in self.model.intercepts_)


class TorchEngine(Engine):
    name = "torch"

    def __init__(self, row, data):
        super().__init__(row, data)
        import torch
        from torch import nn

        self.torch = torch
        torch.manual_seed(0)
        dt = {"float32": torch.float32, "float64": torch.float64}[row.dtype]
        act = {"tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "relu": nn.ReLU}[row.hidden]
        layers: list = []
        for k, (a, b) in enumerate(zip(row.sizes[:-1], row.sizes[1:])):
            layers.append(nn.Linear(a, b))
            if k < len(row.sizes) - 2:
                layers.append(act())
        if row.loss == "squared_error":
            layers.append(nn.Sigmoid())
            self.y = torch.from_numpy(data.onehot)

            def loss_fn(out, y):
                return 0.5 * ((out - y) ** 2).sum() / out.shape[0]
        elif row.loss == "binary_cross_entropy":   # sigmoid fused into the loss
            self.y = torch.from_numpy(data.onehot)
            loss_fn = nn.BCEWithLogitsLoss()
        else:                                      # softmax fused into the loss
            self.y = torch.from_numpy(data.labels)
            loss_fn = nn.CrossEntropyLoss()
        self.model = nn.Sequential(*layers).to(dt)
        self.loss_fn = loss_fn
        self.x = torch.from_numpy(data.x)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=row.learning_rate,
                                         momentum=0.0)

    def train(self, epochs):
        torch, model, loss_fn, opt = self.torch, self.model, self.loss_fn, self.optimizer
        x, y, n, bs = self.x, self.y, self.n, self.row.batch
        start = time.perf_counter()
        for _ in range(epochs):
            order = torch.randperm(n)
            for s in range(0, n, bs):
                idx = order[s:s + bs]
                opt.zero_grad()
                loss = loss_fn(model(x[idx]), y[idx])
                loss.backward()
                opt.step()
        return time.perf_counter() - start

    def n_params(self):
        return sum(p.numel() for p in self.model.parameters())


def torch_available() -> tuple[bool, str]:
    try:
        import torch
    except Exception as exc:  # noqa: BLE001 — optional dependency
        return False, f"{type(exc).__name__}: {exc}"
    torch.set_num_threads(1)
    with contextlib.suppress(RuntimeError):  # already set in this process
        torch.set_num_interop_threads(1)
    return True, torch.__version__


# ---------------------------------------------------------------------------- timing
@dataclass
class Result:
    engine: str
    samples_per_s: float = math.nan
    best_seconds: float = math.nan
    epochs_per_repeat: int = 0
    repeats: list[float] = field(default_factory=list)
    error: str = ""


def bench_row(row: Row, n: int, seconds: float, repeats: int, engines: list[type],
              log) -> dict[str, Result]:
    data = make_data(row, n)
    live: dict[str, Engine] = {}
    results: dict[str, Result] = {}
    for cls in engines:
        result = results[cls.name] = Result(cls.name)
        try:
            engine = cls(row, data)
            engine.train(1)                      # warm-up: caches, first-call paths
            once = engine.train(1)               # calibration
        except Exception as exc:  # noqa: BLE001 — report and go on with the others
            result.error = f"{type(exc).__name__}: {exc}"
            log(f"  {cls.name}: FAILED {result.error}")
            continue
        result.epochs_per_repeat = max(1, round(seconds / once))
        live[cls.name] = engine
        log(f"  {cls.name}: {engine.n_params():,} parameters, one epoch {once:.3f} s, "
            f"{result.epochs_per_repeat} epoch(s) per repeat")
    counts = {name: e.n_params() for name, e in live.items()}
    if len(set(counts.values())) > 1:
        raise RuntimeError(f"engines built different networks: {counts}")
    for _ in range(repeats):                     # interleaved: load hits all alike
        for name, engine in live.items():
            result = results[name]
            result.repeats.append(engine.train(result.epochs_per_repeat))
    for name in live:
        result = results[name]
        result.best_seconds = min(result.repeats)
        result.samples_per_s = result.epochs_per_repeat * n / result.best_seconds
    return results


def matmul_limit(size: int, repeats: int) -> float:
    """Best single-threaded float32 GFLOP/s of a size×size np.dot."""
    rng = np.random.default_rng(1)
    a = rng.random((size, size), dtype=np.float32)
    b = rng.random((size, size), dtype=np.float32)
    out = np.empty((size, size), dtype=np.float32)
    np.dot(a, b, out=out)
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        np.dot(a, b, out=out)
        best = min(best, time.perf_counter() - start)
    return 2.0 * size ** 3 / best / 1e9


def _load() -> float | None:
    """One-minute load average (None where the OS has none): > cpus means contention."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def blas_threads() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not installed"
    return ", ".join(f"{i.get('prefix')} ({i.get('internal_api')})={i.get('num_threads')}"
                     for i in threadpool_info())


# ---------------------------------------------------------------------------- main
def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="short run: 5,000 samples, ~0.15 s per repeat")
    parser.add_argument("--json", action="store_true",
                        help="print the figures as JSON (progress still goes to stderr)")
    parser.add_argument("--samples", type=int, help="training samples per row "
                        "(default 20,000; 5,000 with --quick)")
    parser.add_argument("--seconds", type=float,
                        help="target length of one timed repeat (default 1.5; 0.15 quick)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="timed repeats per engine; the best counts (default 3)")
    parser.add_argument("--rows", nargs="*", choices=[r.key for r in ROWS],
                        help="only these networks")
    parser.add_argument("--no-torch", action="store_true", help="skip PyTorch")
    return parser.parse_args(argv)


def available_engines(no_torch: bool) -> tuple[list[type], str, str]:
    """The engines that can run here, and the sklearn and torch versions (or why not)."""
    engines: list[type] = [NnsimEngine, NnsimRunEpochEngine]
    try:
        import sklearn
        engines.append(SklearnEngine)
        sk_version = sklearn.__version__
    except ImportError as exc:
        sk_version = f"not installed ({exc})"
    has_torch, torch_version = (False, "skipped") if no_torch else torch_available()
    if has_torch:
        engines.append(TorchEngine)
    else:
        torch_version = f"not available ({torch_version})"
    return engines, sk_version, torch_version


def main(argv=None) -> int:
    args = parse_args(argv)
    n = args.samples or (5_000 if args.quick else 20_000)
    seconds = args.seconds or (0.15 if args.quick else 1.5)

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    engines, sk_version, torch_version = available_engines(args.no_torch)

    log("measuring the float32 matmul limit …")
    limit = matmul_limit(2048, 3 if args.quick else 7)
    report = {
        "machine": {"cpu": cpu_name(),
                    "python": platform.python_version(), "numpy": np.__version__,
                    "sklearn": sk_version, "torch": torch_version,
                    "threads": blas_threads(), "cpus": os.cpu_count(),
                    "simulator": str(Path(nnsim.simulator.__file__).parent)},
        "n_samples": n, "seconds": seconds, "repeats": args.repeats,
        "matmul_gflops": limit, "rows": {},
        "load_average_before": _load(),
    }
    for row in ROWS:
        if args.rows and row.key not in args.rows:
            continue
        log(f"{row.key} ({row.description}) …")
        results = bench_row(row, n, seconds, args.repeats, engines, log)
        report["rows"][row.key] = {
            "description": row.description, "batch": row.batch, "dtype": row.dtype,
            "engines": {k: vars(v) for k, v in results.items()}}
    report["load_average_after"] = _load()
    selected = tuple(r for r in ROWS if r.key in report["rows"])
    assess(report, selected)
    if args.json:
        print(json.dumps(to_json(report), indent=2))
    else:
        print_report(report, selected)
    return 0


if __name__ == "__main__":
    sys.exit(main())
