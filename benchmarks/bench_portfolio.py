"""Speed of portfolio selection, portfolio acceptability and the budget sweep.

Run:  python benchmarks/bench_portfolio.py [--quick]

Every row is timed in this run, on this machine: wall-clock and CPU seconds
(the best of a few repeats for the fast cases, one run for the long ones).

Targets (issue 7): 200 programmes with 10 group constraints solve in well under
a second; portfolio acceptability over 1,000 samples on 40 programmes in
seconds, not minutes.

The acceptability case is run twice: on SMAA-like samples built by hand, and
straight from ``smaa(..., keep_scores=True)`` on 8 partner countries (Dirichlet
weights and 10% data uncertainty), each of the 40 programmes taking its
partner's score in every sample.

The hand-built acceptability case is SMAA-like: TOPSIS closeness of 40 random programmes
on 4 criteria under 1,000 weight vectors drawn uniformly from the simplex, with
at most 2 programmes per partner (8 partners) and at least one per sector.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from coopdecide import DecisionProblem
from coopdecide.portfolio import budget_sweep, portfolio_acceptability, select_portfolio
from coopdecide.ranking import closeness
from coopdecide.sensitivity import DataUncertainty, DirichletWeights, smaa


def wall(function, repeat: int = 3) -> tuple[float, float]:
    """Best wall-clock and CPU seconds (of this process) over ``repeat`` calls."""
    best, best_cpu = np.inf, np.inf
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return best, best_cpu


def programmes(n: int, rng: np.random.Generator, partners: int, sectors: int) -> dict:
    names = [f"P{i:03d}" for i in range(n)]
    return {
        "names": names,
        "scores": pd.Series(rng.uniform(0.2, 0.9, n), index=names),
        "costs": pd.Series(np.round(rng.lognormal(1.0, 0.6, n), 1), index=names),
        "partner": pd.Series(rng.integers(0, partners, n), index=names).map("C{:02d}".format),
        "sector": pd.Series(rng.integers(0, sectors, n), index=names).map("S{}".format),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 samples instead of 1,000")
    args = parser.parse_args()
    rng = np.random.default_rng(12345)
    rows = []

    # 200 programmes, 10 group constraints (5 at_most per sector, 5 at_least per region)
    data = programmes(200, rng, partners=40, sectors=5)
    region = pd.Series(rng.integers(0, 5, 200), index=data["names"]).map("R{}".format)
    budget = float(data["costs"].sum() * 0.25)
    constraints = {
        "groups": {"sector": data["sector"], "region": region},
        "at_most": {"sector": 12},
        "at_least": {"region": 6},
    }
    result = select_portfolio(data["scores"], data["costs"], budget, **constraints)
    n_rows = len(result.constraints) - 1  # minus the budget row
    seconds = wall(lambda: select_portfolio(data["scores"], data["costs"], budget, **constraints))
    rows.append(("select_portfolio", f"200 programmes, {n_rows} group constraints", seconds))
    seconds = wall(
        lambda: select_portfolio(data["scores"], data["costs"], budget, **constraints).constraints,
        repeat=1,
    )
    rows.append(("  + which constraints bind", "re-solve once per constraint", seconds))

    # acceptability: 1,000 SMAA-like samples on 40 programmes
    n_samples = 100 if args.quick else 1000
    data = programmes(40, rng, partners=8, sectors=4)
    matrix = rng.uniform(1, 10, (40, 4))
    types = np.array([1, 1, 1, -1])
    weights = rng.dirichlet(np.ones(4), n_samples)
    samples = pd.DataFrame(closeness(matrix, weights, types), columns=data["names"])
    budget = float(data["costs"].sum() * 0.3)
    constraints = {
        "groups": {"partner": data["partner"], "sector": data["sector"]},
        "at_most": {"partner": 2},
        "at_least": {"sector": 1},
    }
    for jobs in (1, -1):
        start, start_cpu = time.perf_counter(), time.process_time()
        accept = portfolio_acceptability(samples, data["costs"], budget, n_jobs=jobs, **constraints)
        seconds = (time.perf_counter() - start, time.process_time() - start_cpu)
        label = "1 thread" if jobs == 1 else "all CPUs"
        rows.append(
            (
                f"portfolio_acceptability ({label})",
                f"{n_samples} samples x 40 programmes, {len(accept.portfolios)} distinct optima",
                seconds,
            )
        )
    rows.append(("  per sample (1 thread)", "", tuple(t / n_samples for t in rows[-2][2])))

    # the same straight from SMAA: smaa(keep_scores=True) on 8 partner countries, then the
    # acceptability of 40 programmes scored by their partner in each of the SMAA samples
    countries = DecisionProblem(
        rng.uniform(1, 10, (8, 4)),
        ["max", "max", "max", "min"],
        alternatives=[f"C{i:02d}" for i in range(8)],
        weights=[0.4, 0.3, 0.2, 0.1],
    )
    start, start_cpu = time.perf_counter(), time.process_time()
    sampled = smaa(
        countries,
        n_samples,
        weights=DirichletWeights(30),
        data=DataUncertainty(0.1),
        keep_scores=True,
        random_state=7,
    )
    smaa_seconds = (time.perf_counter() - start, time.process_time() - start_cpu)
    rows.append(
        ("smaa(keep_scores=True)", f"{n_samples} samples, 8 partners x 4 criteria", smaa_seconds)
    )
    start, start_cpu = time.perf_counter(), time.process_time()
    accept = portfolio_acceptability(
        sampled, data["costs"], budget, partners=data["partner"], **constraints
    )
    seconds = (time.perf_counter() - start, time.process_time() - start_cpu)
    rows.append(
        (
            "portfolio_acceptability (SMAA)",
            f"{n_samples} SMAA samples x 40 programmes, {len(accept.portfolios)} distinct optima",
            seconds,
        )
    )

    # budget sweep: 50 budgets on 200 programmes
    data = programmes(200, rng, partners=40, sectors=5)
    budgets = np.linspace(0, float(data["costs"].sum()) * 0.5, 50)
    seconds = wall(
        lambda: budget_sweep(
            data["scores"],
            data["costs"],
            budgets,
            groups={"partner": data["partner"]},
            at_most={"partner": 3},
        ),
        repeat=1,
    )
    rows.append(("budget_sweep", "50 budgets, 200 programmes, at most 3 per partner", seconds))

    width = max(len(r[0]) for r in rows)
    case_width = max(len(r[1]) for r in rows)
    print(f"{'function':<{width}}  {'case':<{case_width}}  {'wall s':>9}  {'CPU s':>9}")
    print("-" * (width + case_width + 24))
    for name, case, (seconds, cpu) in rows:
        print(f"{name:<{width}}  {case:<{case_width}}  {seconds:9.4f}  {cpu:9.4f}")
    print(
        "\nwall = elapsed time; CPU = CPU time of this process (all threads), which is less "
        "affected by other load on the machine."
    )


if __name__ == "__main__":
    main()
