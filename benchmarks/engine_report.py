"""The engine benchmark's report: ratios, the issue's targets met or not, a table.

``engine.py`` measures and fills the report dict; ``assess`` adds the ratios and the
target checks, ``print_report`` prints it, ``to_json`` makes it JSON-safe.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine import Row

#: "≈ target" counts as met within this fraction below it.
APPROX_TOLERANCE = 0.05


def ratio(a: float, b: float) -> float:
    return a / b if b and math.isfinite(a) and math.isfinite(b) else math.nan


def assess(report: dict, rows: tuple[Row, ...]) -> None:
    """Add the ratios and whether each of the issue's targets is met."""
    for row in rows:
        r = report["rows"][row.key]
        rates = {k: v["samples_per_s"] for k, v in r["engines"].items()}
        nn = rates.get("nnsim", math.nan)
        r["nnsim_vs_sklearn"] = ratio(nn, rates.get("sklearn", math.nan))
        r["nnsim_vs_torch"] = ratio(nn, rates.get("torch", math.nan))
        checks = {
            "samples_per_s": (nn, row.target_rate, nn >= row.target_rate *
                              (1 - APPROX_TOLERANCE)),
            "vs_sklearn": (r["nnsim_vs_sklearn"], row.target_vs_sklearn,
                           r["nnsim_vs_sklearn"] >= row.target_vs_sklearn),
            "vs_torch": (r["nnsim_vs_torch"], row.target_vs_torch,
                         r["nnsim_vs_torch"] >= row.target_vs_torch),
        }
        if row.target_matmul is not None:
            limit = report["matmul_gflops"]
            r["gflop_per_sample"] = row.flops_per_sample / 1e9
            r["fraction_of_matmul"] = {k: v * row.flops_per_sample / 1e9 / limit
                                       for k, v in rates.items()}
            frac = r["fraction_of_matmul"].get("nnsim", math.nan)
            checks["fraction_of_matmul"] = (frac, row.target_matmul, frac >=
                                            row.target_matmul * (1 - APPROX_TOLERANCE))
        r["targets"] = {k: {"measured": m, "target": t, "met": bool(ok)}
                        for k, (m, t, ok) in checks.items()}


def fmt_rate(x: float) -> str:
    return "n/a" if not math.isfinite(x) else f"{x:,.0f}"


def fmt_ratio(x: float) -> str:
    return "n/a" if not math.isfinite(x) else f"{x:.2f}×"


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(  # noqa: E731
        c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    return "\n".join([line(headers), line(["-" * w for w in widths]),
                      *(line(r) for r in rows)])


def print_report(report: dict, rows: tuple[Row, ...]) -> None:
    m = report["machine"]
    print(f"nnsim engine benchmark — {m['cpu']}, Python {m['python']}, numpy "
          f"{m['numpy']}, scikit-learn {m['sklearn']}, torch {m['torch']}")
    print(f"nnsim from {m['simulator']}; threads: {m['threads']}")
    print(f"{report['n_samples']:,} synthetic samples per row; best of "
          f"{report['repeats']} repeats of ~{report['seconds']:g} s each; plain SGD, "
          f"constant learning rate, shuffled")
    print(f"float32 matmul limit (2048×2048 np.dot, 1 thread): "
          f"{report['matmul_gflops']:.1f} GFLOP/s")
    before, after = report["load_average_before"], report["load_average_after"]
    if before is not None:
        busy = " — other processes competed; rerun or raise --repeats" \
            if max(before, after) > 0.9 * (m["cpus"] or 1) else ""
        print(f"load average {before:.2f} before, {after:.2f} after, {m['cpus']} CPUs{busy}")
    print()

    headers = ["network", "nnsim", "sklearn", "torch", "nnsim/sklearn", "nnsim/torch",
               "nnsim run_epoch"]
    body = []
    for row in rows:
        r = report["rows"][row.key]
        e = r["engines"]
        get = lambda k, e=e: e.get(k, {}).get("samples_per_s", math.nan)  # noqa: E731
        body.append([row.key, fmt_rate(get("nnsim")), fmt_rate(get("sklearn")),
                     fmt_rate(get("torch")), fmt_ratio(r["nnsim_vs_sklearn"]),
                     fmt_ratio(r["nnsim_vs_torch"]), fmt_rate(get("nnsim run_epoch"))])
    print("training samples/s (higher is better)")
    print(table(headers, body))
    print()
    for row in rows:
        print(f"  {row.key}: {row.description}")
    print("  nnsim: Trainer._step() loop without the per-epoch evaluation; "
          "nnsim run_epoch: Trainer.run_epoch(), evaluation included")

    for big in (row for row in rows if row.target_matmul is not None):
        r = report["rows"][big.key]
        print(f"\n{big.key}: {big.flops_per_sample:,} FLOP per sample "
              f"(2·W fwd + 2·W dW + 2·(W−W₀) dX, W={big.n_weights:,})")
        for name, frac in r["fraction_of_matmul"].items():
            rate = r["engines"][name]["samples_per_s"]
            if math.isfinite(frac):
                print(f"  {name:<16} {rate * big.flops_per_sample / 1e9:6.1f} GFLOP/s"
                      f" = {100 * frac:5.1f}% of the matmul limit")

    print(f"\ntargets from the issue (\"≈\" met within {APPROX_TOLERANCE:.0%} below)")
    headers = ["network", "target", "measured", "met"]
    body = []
    for row in rows:
        for key, t in report["rows"][row.key]["targets"].items():
            if key == "samples_per_s":
                target, measured = f"≈ {t['target']:,.0f} samples/s", fmt_rate(t["measured"])
            elif key == "fraction_of_matmul":
                target = f"≈ {100 * t['target']:.0f}% of matmul limit"
                measured = f"{100 * t['measured']:.1f}%"
            else:
                other = key.removeprefix("vs_")
                target, measured = f"≥ {t['target']:g}× {other}", fmt_ratio(t["measured"])
            body.append([row.key, target, measured, "yes" if t["met"] else "NO"])
    print(table(headers, body))


def to_json(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value
