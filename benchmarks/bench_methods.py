"""Speed of VIKOR, MOORA, MULTIMOORA and fuzzy TOPSIS against pymcdm and a plain-numpy floor.

Run:  python benchmarks/bench_methods.py [--quick]

Every row is timed in this run, on this machine: the best of several repeats of
a loop, reported per call. Ratios compare with the plain-numpy floor (the same
arithmetic written directly on arrays, without labels or validation) and with
pymcdm (validation on, its default) where pymcdm has the method (VIKOR, MOORA;
pymcdm 1.4 has no fuzzy TOPSIS and no MULTIMOORA). On a shared machine the
timings are noisy: compare ratios of one run, not runs.
"""

from __future__ import annotations

import argparse

import numpy as np
from bench_topsis import best_time, row  # the same timing and table rows

import coopdecide
from coopdecide.fuzzy import fuzzy_topsis, fuzzy_topsis_kernel
from coopdecide.ranking import moora_kernels, vikor_kernel


def floor_vikor(matrix, weights, types, v=0.5):
    """VIKOR's Q written directly in numpy."""
    best = np.where(types > 0, matrix.max(axis=0), matrix.min(axis=0))
    worst = np.where(types > 0, matrix.min(axis=0), matrix.max(axis=0))
    gaps = weights * (best - matrix) / (best - worst)
    s, r = gaps.sum(axis=1), gaps.max(axis=1)
    return v * (s - s.min()) / np.ptp(s) + (1 - v) * (r - r.min()) / np.ptp(r)


def floor_moora(matrix, weights, types):
    """The MOORA ratio system in numpy."""
    return (matrix / np.sqrt((matrix * matrix).sum(axis=0))) @ (weights * types)


def floor_fuzzy_topsis(ratings, weights):
    """Chen's fuzzy TOPSIS (benefit criteria, unit ideals) in numpy."""
    v = ratings / ratings[..., 2].max(axis=0)[None, :, None] * weights[None]
    d_plus = np.sqrt(((v - 1.0) ** 2).mean(axis=-1)).sum(axis=1)
    d_minus = np.sqrt((v**2).mean(axis=-1)).sum(axis=1)
    return d_minus / (d_plus + d_minus)


def bench_size(n: int, m: int, rng: np.random.Generator, repeat: int) -> None:
    """Rows for one problem size: VIKOR, MOORA, MULTIMOORA and fuzzy TOPSIS."""
    from pymcdm.methods import MOORA, VIKOR

    matrix = rng.uniform(1, 10, size=(n, m))
    weights = rng.dirichlet(np.ones(m))
    types = np.where(np.arange(m) % 2 == 0, 1, -1)
    problem = coopdecide.DecisionProblem(matrix, types.tolist(), weights=weights)

    def time(function) -> float:
        return best_time(function, repeat)

    size = f"{n}x{m}"
    floor = time(lambda: floor_vikor(matrix, weights, types))
    pym = time(lambda: VIKOR()(matrix, weights, types))
    print(row(f"vikor floor {size}", floor, None, None))
    print(row(f"pymcdm VIKOR {size}", pym, floor, None))
    print(
        row(f"vikor_kernel {size}", time(lambda: vikor_kernel(matrix, weights, types)), floor, pym)
    )
    print(
        row(
            f"rank(problem, 'vikor') {size}",
            time(lambda: coopdecide.rank(problem, "vikor")),
            floor,
            pym,
        )
    )
    floor = time(lambda: floor_moora(matrix, weights, types))
    pym = time(lambda: MOORA()(matrix, weights, types))
    print(row(f"moora floor {size}", floor, None, None))
    print(row(f"pymcdm MOORA {size}", pym, floor, None))
    print(
        row(
            f"moora_kernels (three parts) {size}",
            time(lambda: moora_kernels(matrix, weights, types)),
            floor,
            pym,
        )
    )
    print(
        row(
            f"rank(problem, 'moora') {size}",
            time(lambda: coopdecide.rank(problem, "moora")),
            floor,
            pym,
        )
    )
    print(
        row(
            f"rank(problem, 'multimoora') {size}",
            time(lambda: coopdecide.rank(problem, "multimoora")),
            floor,
            None,
        )
    )
    low = rng.uniform(1, 5, size=(n, m))
    ratings = np.stack([low, low + 1, low + 2], axis=-1)
    fuzzy_weights = np.sort(rng.uniform(0.1, 1, size=(m, 3)), axis=-1)
    benefit = np.ones(m)
    floor = time(lambda: floor_fuzzy_topsis(ratings, fuzzy_weights))
    print(row(f"fuzzy TOPSIS floor {size}", floor, None, None))
    print(
        row(
            f"fuzzy_topsis_kernel {size}",
            time(lambda: fuzzy_topsis_kernel(ratings, fuzzy_weights, benefit)),
            floor,
            None,
        )
    )
    print(
        row(
            f"fuzzy_topsis() {size}",
            time(lambda: fuzzy_topsis(ratings, fuzzy_weights)),
            floor,
            None,
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    rng = np.random.default_rng(0)
    print(f"{'case':<52} {'us/call':>12} {'vs floor':>9} {'vs pymcdm':>9}")
    for n, m in ((10, 5), (200, 10)):
        bench_size(n, m, rng, repeat)
    # batched: 10,000 weight vectors at once (the SMAA use) against a loop of the floor
    n, m, s = 31, 6, 10_000
    matrix = rng.uniform(1, 10, size=(n, m))
    types = np.where(np.arange(m) % 2 == 0, 1, -1)
    weights = rng.dirichlet(np.ones(m), size=s)
    loop = best_time(lambda: [floor_vikor(matrix, w, types) for w in weights[:200]], 3) * s / 200
    batched = best_time(lambda: vikor_kernel(matrix, weights, types), 3)
    print(row(f"vikor_kernel, {s} weight vectors, {n}x{m}", batched, loop, None))
    print("(vs floor in the last row: a Python loop of the numpy floor over the weight vectors)")


if __name__ == "__main__":
    main()
