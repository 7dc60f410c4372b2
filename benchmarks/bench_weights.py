"""Speed of the objective weights: coopdecide against pymcdm, with a plain-numpy floor.

Run:  python benchmarks/bench_weights.py [--quick]

Every row is timed in this run, on this machine: the best of several repeats, reported per
call. Random positive matrices (alternatives x criteria), half the criteria costs, built
once outside the timing. Three columns per method and size:

- ``labelled``: the public function (``coopdecide.weights.entropy_weights`` ...) on a
  DecisionProblem built once: validation, the kernel and the labelled ``WeightsResult``;
- ``kernel``: coopdecide's numpy kernel alone (``entropy_kernel`` ...);
- ``pymcdm``: ``pymcdm.weights.*_weights`` on the same array;
- ``floor``: the shortest plain-numpy expression of the formula (no checks, no
  intermediates kept): what the arithmetic itself costs.

pymcdm's CRITIC treats every criterion as a benefit and its standard deviation uses the raw
values; the coopdecide rows use the matching options (CRITIC on benefit criteria only,
``normalization="none"``) so that all columns compute the same numbers (checked below
before timing). The machine is shared: timings under load are noisy.
"""

from __future__ import annotations

import argparse
import timeit

import numpy as np
from pymcdm import weights as pymcdm_weights

from coopdecide import DecisionProblem
from coopdecide.weights import (
    critic_weights,
    entropy_weights,
    merec_weights,
    standard_deviation_weights,
)
from coopdecide.weights.objective import (
    critic_kernel,
    entropy_kernel,
    merec_kernel,
    standard_deviation_kernel,
)


def best_time(function, repeat: int) -> float:
    """Seconds per call: the best of ``repeat`` single calls (after one warm-up)."""
    function()
    return min(timeit.repeat(function, repeat=repeat, number=1))


def floor_entropy(x: np.ndarray) -> np.ndarray:
    p = x / x.sum(axis=0)
    d = 1 + (p * np.log(p)).sum(axis=0) / np.log(x.shape[0])
    return d / d.sum()


def floor_critic(x: np.ndarray) -> np.ndarray:
    r = (x - x.min(axis=0)) / np.ptp(x, axis=0)
    c = r.std(axis=0, ddof=1) * (1 - np.corrcoef(r, rowvar=False)).sum(axis=0)
    return c / c.sum()


def floor_std(x: np.ndarray) -> np.ndarray:
    s = x.std(axis=0, ddof=1)
    return s / s.sum()


def floor_merec(x: np.ndarray, types: np.ndarray) -> np.ndarray:
    n = np.where(types > 0, x.min(axis=0) / x, x / x.max(axis=0))
    g = np.abs(np.log(n))
    total = g.sum(axis=1)
    m = x.shape[1]
    e = np.abs(np.log1p((total[:, None] - g) / m) - np.log1p(total / m)[:, None]).sum(axis=0)
    return e / e.sum()


def cases(x: np.ndarray, types: np.ndarray) -> dict[str, tuple]:
    objectives = ["max" if t > 0 else "min" for t in types]
    mixed = DecisionProblem(x, objectives)
    benefit = DecisionProblem(x, "max")
    ones = np.ones(x.shape[1])
    return {
        "entropy": (
            lambda: entropy_weights(mixed),
            lambda: entropy_kernel(x),
            lambda: pymcdm_weights.entropy_weights(x),
            lambda: floor_entropy(x),
        ),
        "critic": (
            lambda: critic_weights(benefit),
            lambda: critic_kernel(x, ones),
            lambda: pymcdm_weights.critic_weights(x),
            lambda: floor_critic(x),
        ),
        "std": (
            lambda: standard_deviation_weights(mixed, normalization="none"),
            lambda: standard_deviation_kernel(x, types, "none"),
            lambda: pymcdm_weights.standard_deviation_weights(x),
            lambda: floor_std(x),
        ),
        "merec": (
            lambda: merec_weights(mixed),
            lambda: merec_kernel(x, types),
            lambda: pymcdm_weights.merec_weights(x, types),
            lambda: floor_merec(x, types),
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats")
    args = parser.parse_args()
    sizes = [(30, 6), (1000, 20)] if args.quick else [(30, 6), (1000, 20), (100_000, 20)]
    repeat = 3 if args.quick else 7
    print(f"{'method':8} {'size':>12} {'labelled':>10} {'kernel':>10} {'pymcdm':>10} {'floor':>10}")
    for n, m in sizes:
        rng = np.random.default_rng(0)
        x = rng.uniform(1, 100, (n, m))
        types = np.where(np.arange(m) % 2 == 0, 1, -1)
        for name, functions in cases(x, types).items():
            labelled, kernel, reference, floor = functions
            weights = labelled().weights.to_numpy()
            for other in (kernel()["weight"], reference(), floor()):
                np.testing.assert_allclose(weights, other, rtol=1e-9)
            times = [best_time(f, repeat) * 1e3 for f in functions]
            print(f"{name:8} {f'{n} x {m}':>12} " + " ".join(f"{t:8.3f}ms" for t in times))


if __name__ == "__main__":
    main()
