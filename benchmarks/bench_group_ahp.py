"""Speed of ahp_group() on many experts: 50 x 15 and 200 x 15 (and with missing pairs).

Run:  python benchmarks/bench_group_ahp.py [--quick]

Every row is timed in this run, on this machine: the best of several repeats,
reported per call. Matrices are random reciprocal matrices on Saaty's 1-9 scale
around a common weight vector (so the experts roughly agree, as real panels do),
built once outside the timing.

Target (issue 3): group AHP on 50 experts x 15 criteria well under a second.
For contrast, the last column is a Python loop of ahp() over the experts plus the
aggregation, which is what the batched implementation replaces.

The repair rows time ``ahp_group(..., inconsistent="repair")``: every expert above
the threshold goes through ``repair()``, which tries every judgment at every value
of Saaty's scale at each step (16 x 105 = 1,680 candidate matrices per step for 15
criteria). "panel" experts are noisy copies of one weight vector (a few changes each);
"random" experts are uniformly random matrices on the scale (CR around 1, about 45
changes each): a stress case, far less consistent than real panels.
"""

from __future__ import annotations

import argparse
import functools
import timeit
import warnings

import numpy as np

from coopdecide.ahp import SAATY_SCALE, PairwiseComparison, ahp, ahp_group
from coopdecide.ahp.scale import closest_saaty_value


def best_time(function, repeat: int = 5) -> float:
    """Seconds per call: the best of ``repeat`` single calls (after one warm-up)."""
    function()
    return min(timeit.repeat(function, repeat=repeat, number=1))


def panel(k: int, n: int, *, seed: int = 0, missing: float = 0.0) -> list[PairwiseComparison]:
    """``k`` experts judging ``n`` criteria on the 1-9 scale; ``missing``: pairs left out."""
    rng = np.random.default_rng(seed)
    truth = rng.dirichlet(np.ones(n))
    rows, cols = np.triu_indices(n, k=1)
    experts = []
    for _ in range(k):
        noisy = truth[rows] / truth[cols] * np.exp(rng.normal(0, 0.4, rows.size))
        values = np.asarray(closest_saaty_value(noisy), dtype=float)
        matrix = np.ones((n, n))
        matrix[rows, cols] = values
        matrix[cols, rows] = 1 / values
        if missing:
            # drop pairs but keep the chain (i, i+1) so every expert stays connected
            drop = (rng.random(rows.size) < missing) & (cols != rows + 1)
            matrix[rows[drop], cols[drop]] = np.nan
            matrix[cols[drop], rows[drop]] = np.nan
        experts.append(PairwiseComparison(matrix))
    return experts


def random_panel(k: int, n: int, *, seed: int = 0) -> list[PairwiseComparison]:
    """``k`` uniformly random reciprocal matrices on Saaty's scale (the stress case)."""
    rng = np.random.default_rng(seed)
    rows, cols = np.triu_indices(n, k=1)
    experts = []
    for _ in range(k):
        values = SAATY_SCALE[rng.integers(0, SAATY_SCALE.size, rows.size)]
        matrix = np.ones((n, n))
        matrix[rows, cols] = values
        matrix[cols, rows] = 1 / values
        experts.append(PairwiseComparison(matrix))
    return experts


def loop_of_ahp(experts: list[PairwiseComparison]) -> np.ndarray:
    """The naive alternative: ahp() per expert, then the geometric mean of the matrices."""
    for pc in experts:
        ahp(pc, warn=False)
    stack = np.stack([pc.matrix for pc in experts])
    return ahp(np.exp(np.log(stack).mean(axis=0)), warn=False).weight_array


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    repeat = 2 if args.quick else 5
    warnings.simplefilter("ignore")  # inconsistent random experts are expected here
    print(f"{'case':<52} {'ahp_group':>12} {'loop of ahp()':>14}")
    for k, n, missing in [(50, 15, 0.0), (200, 15, 0.0), (50, 15, 0.2)]:
        experts = panel(k, n, missing=missing)
        for aggregation in ("aij", "aip-geometric"):
            label = f"{k} experts x {n} criteria, {aggregation}"
            if missing:
                label += f", {missing:.0%} missing"
            t_group = best_time(
                lambda e=experts, a=aggregation: ahp_group(e, aggregation=a), repeat
            )
            t_loop = (
                best_time(lambda e=experts: loop_of_ahp(e), repeat)
                if not missing and aggregation == "aij"
                else float("nan")
            )
            loop_text = f"{t_loop * 1e3:11.1f} ms" if t_loop == t_loop else f"{'-':>14}"
            print(f"{label:<52} {t_group * 1e3:9.1f} ms {loop_text}")
    print()
    head = "repair path (inconsistent='repair')"
    print(f"{head:<52} {'ahp_group':>12} {'changes/expert':>15}")
    repair_cases = [
        ("panel", panel(50, 15), "eigenvector"),
        ("panel", panel(50, 15), "geometric"),
        ("random", random_panel(50, 15), "eigenvector"),
        ("random", random_panel(50, 15), "geometric"),
    ]
    for kind, experts, method in repair_cases:
        label = f"50 {kind} experts x 15 criteria, repair, {method}"
        run = functools.partial(ahp_group, experts, method=method, inconsistent="repair")
        t_repair = best_time(run, max(1, repeat // 2))
        repairs = run().repairs
        changes = np.mean([r.n_changes for r in repairs.values()]) if repairs else 0.0
        text = f"{changes:5.1f} ({len(repairs)} repaired)"
        print(f"{label:<52} {t_repair * 1e3:9.1f} ms {text:>15}")


if __name__ == "__main__":
    main()
