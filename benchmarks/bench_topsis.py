"""Speed of topsis(), the batched kernel and ahp() against pymcdm and a plain-numpy floor.

Run:  python benchmarks/bench_topsis.py [--quick]

Every row is timed in this run, on this machine: the best of several repeats of
a loop, reported per call. Ratios compare with the plain-numpy floor (the same
arithmetic written directly on arrays, without labels or validation) and with
pymcdm (validation on, its default).

Targets (issue 2): labelled topsis() on 200 x 10 at most 5x the floor and faster
than pymcdm's TOPSIS; the batched kernel at most 1.5x the floor.
"""

from __future__ import annotations

import argparse
import timeit

import numpy as np

import coopdecide
from coopdecide.ranking import closeness


def best_time(function, repeat: int = 7, min_seconds: float = 0.2) -> float:
    """Seconds per call: best of ``repeat`` loops, each at least ``min_seconds`` long."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    number = max(number, int(number * min_seconds / 0.2))
    return min(timer.repeat(repeat=repeat, number=number)) / number


def floor_topsis(matrix: np.ndarray, weights: np.ndarray, types: np.ndarray) -> np.ndarray:
    """TOPSIS written directly in numpy: vector normalization, Euclidean distance."""
    normalized = matrix / np.sqrt((matrix * matrix).sum(axis=0))
    weighted = normalized * weights
    high, low = weighted.max(axis=0), weighted.min(axis=0)
    ideal = np.where(types > 0, high, low)
    anti = np.where(types > 0, low, high)
    d_plus = np.sqrt(((weighted - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((weighted - anti) ** 2).sum(axis=1))
    return d_minus / (d_plus + d_minus)


def floor_batched(matrix: np.ndarray, weights: np.ndarray, types: np.ndarray) -> np.ndarray:
    """Closeness for a batch of weight vectors in numpy: normalise once, two matrix products."""
    normalized = matrix / np.sqrt((matrix * matrix).sum(axis=0))
    high, low = normalized.max(axis=0), normalized.min(axis=0)
    ideal = np.where(types > 0, high, low)
    anti = np.where(types > 0, low, high)
    squared = weights * weights
    d_plus = np.sqrt(squared @ ((normalized - ideal) ** 2).T)
    d_minus = np.sqrt(squared @ ((normalized - anti) ** 2).T)
    return d_minus / (d_plus + d_minus)


def floor_eigenvector(matrix: np.ndarray) -> np.ndarray:
    """Principal eigenvector of a pairwise comparison matrix with numpy.linalg.eig."""
    values, vectors = np.linalg.eig(matrix)
    k = np.argmax(values.real)
    vector = np.abs(vectors[:, k].real)
    return vector / vector.sum()


def row(name: str, seconds: float, floor: float | None, pymcdm: float | None) -> str:
    ratio_floor = f"{seconds / floor:8.2f}x" if floor else " " * 9
    ratio_pymcdm = f"{seconds / pymcdm:8.2f}x" if pymcdm else " " * 9
    return f"{name:<52} {seconds * 1e6:12.1f} {ratio_floor} {ratio_pymcdm}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7

    from pymcdm.methods import TOPSIS
    from pymcdm.normalizations import vector_normalization

    rng = np.random.default_rng(0)
    lines = [f"{'case':<52} {'us/call':>12} {'vs floor':>9} {'vs pymcdm':>9}", "-" * 84]
    pymcdm_topsis = TOPSIS(vector_normalization)
    for n, m in [(200, 10), (10_000, 20)]:
        matrix = rng.uniform(1, 100, size=(n, m))
        weights = rng.dirichlet(np.ones(m))
        types = np.where(np.arange(m) % 3 == 0, -1, 1)
        problem = coopdecide.DecisionProblem(matrix, types.tolist(), weights=weights)
        np.testing.assert_allclose(
            coopdecide.topsis(problem).scores, floor_topsis(matrix, weights, types), atol=1e-12
        )
        t_floor = best_time(lambda: floor_topsis(matrix, weights, types), repeat)  # noqa: B023
        t_pymcdm = best_time(lambda: pymcdm_topsis(matrix, weights, types), repeat)  # noqa: B023
        t_ours = best_time(lambda: coopdecide.topsis(problem), repeat)  # noqa: B023
        t_ours_full = best_time(
            lambda: coopdecide.topsis(problem).ranks,  # noqa: B023
            repeat,
        )
        t_arrays = best_time(
            lambda: coopdecide.topsis(matrix, weights, types.tolist()),  # noqa: B023
            repeat,
        )
        lines += [
            row(f"numpy floor TOPSIS {n}x{m}", t_floor, None, None),
            row(f"pymcdm TOPSIS(vector) {n}x{m}", t_pymcdm, t_floor, None),
            row(f"coopdecide topsis(problem) {n}x{m}", t_ours, t_floor, t_pymcdm),
            row(f"coopdecide topsis(problem).ranks {n}x{m}", t_ours_full, t_floor, t_pymcdm),
            row(f"coopdecide topsis(matrix, w, objectives) {n}x{m}", t_arrays, t_floor, t_pymcdm),
        ]

    matrix = rng.uniform(1, 100, size=(200, 10))
    types = np.where(np.arange(10) % 3 == 0, -1, 1)
    batch = rng.dirichlet(np.ones(10), size=10_000)
    np.testing.assert_allclose(
        closeness(matrix, batch, types), floor_batched(matrix, batch, types), atol=1e-12
    )
    t_floor = best_time(lambda: floor_batched(matrix, batch, types), repeat)
    t_kernel = best_time(lambda: closeness(matrix, batch, types), repeat)
    t_loop = best_time(lambda: [pymcdm_topsis(matrix, w, types) for w in batch[:200]], 3) * 50
    lines += [
        row("numpy floor batched closeness 200x10, 10,000 w", t_floor, None, None),
        row("pymcdm TOPSIS loop 200x10, 10,000 w (from 200)", t_loop, t_floor, None),
        row("coopdecide closeness() kernel 200x10, 10,000 w", t_kernel, t_floor, t_loop),
    ]

    try:
        from coopdecide.ahp import ahp

        # A 9x9 matrix on the Saaty scale with reciprocals printed to two decimals, the only
        # values pymcdm's AHP accepts.
        upper = rng.integers(1, 10, size=(9, 9)).astype(float)
        comparison = np.triu(upper, 1) + np.tril(np.round(1 / upper.T, 2), -1)
        np.fill_diagonal(comparison, 1.0)
        import warnings

        from pymcdm.weights.subjective import AHP

        def pymcdm_ahp() -> tuple[np.ndarray, float]:
            body = AHP(matrix=comparison)
            return body(), body.get_cr()

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t_floor = best_time(lambda: floor_eigenvector(comparison), repeat)
            t_pymcdm = best_time(pymcdm_ahp, repeat)
            t_ours = best_time(lambda: ahp(comparison), repeat)
        lines += [
            row("numpy floor eigenvector 9x9 (np.linalg.eig)", t_floor, None, None),
            row("pymcdm AHP(matrix) weights + CR 9x9", t_pymcdm, t_floor, None),
            row("coopdecide ahp() 9x9 (weights, CR, labels)", t_ours, t_floor, t_pymcdm),
        ]
    except ImportError as error:  # pragma: no cover - ahp() not available
        lines.append(f"ahp() not timed: {error}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
