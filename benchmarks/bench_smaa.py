"""Speed and memory of coopdecide's SMAA against the numpy floor, pysensmcda and pymcdm.

Run ``python benchmarks/bench_smaa.py``. It prints one table:

1. a 50 x 8 problem, 10,000 flat-Dirichlet (uniform simplex) weight samples, rank
   acceptability included, timed for
   - coopdecide ``smaa()`` (which also computes central weights, confidence factors and
     holistic acceptability), and ``smaa(pairwise=True)`` (plus the pairwise winning
     indices, ``n^2`` comparisons per sample),
   - a plain-numpy floor written here: Dirichlet weights, batched TOPSIS closeness in one
     matrix product, argsort, rank counts with ``bincount`` (rank acceptability only),
   - pysensmcda's SMAA-2 (``smaa2`` and the lighter ``simulate`` + ``rank_acceptability``)
     with pymcdm's TOPSIS, if available: pysensmcda pins pandas < 3, so it runs in its own
     environment, given by ``--pysensmcda-python PATH`` or found at
     ``benchmarks/.venv-pysensmcda`` (create it with ``python -m venv
     benchmarks/.venv-pysensmcda && benchmarks/.venv-pysensmcda/bin/pip install pysensmcda``),
   - a Python loop calling pymcdm's TOPSIS once per weight vector;
2. 1,000,000 samples on a 193 x 15 problem (in a fresh subprocess): wall time, peak traced
   memory (tracemalloc) and the process's maximum resident set size.

Targets (issue 4): coopdecide at most 1.5x the numpy floor and at least 50x faster than
pysensmcda; the 1,000,000-sample run under 1 GB. Each timing is the best of several
repeats (``--repeats``), taken in interleaved rounds so that a change in the machine's load
affects every contender alike. BLAS runs single-threaded for every contender by default
(``--blas-threads``): the products here are small, and a multi-threaded BLAS on a busy
machine makes them many times slower, which would measure the machine, not the code.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path


def _blas_threads_from_argv() -> str:
    for i, arg in enumerate(sys.argv):
        if arg == "--blas-threads" and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        if arg.startswith("--blas-threads="):
            return arg.split("=", 1)[1]
    return "1"


# must be set before numpy loads its BLAS; inherited by the subprocesses (only when run as a
# script: bench_speed.py imports the pysensmcda helpers below and sets its own)
if __name__ == "__main__":
    for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[_name] = _blas_threads_from_argv()

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
N_ALTERNATIVES, N_CRITERIA, N_SAMPLES = 50, 8, 10_000


def problem_matrix(n: int, m: int, seed: int = 2024) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    matrix = rng.uniform(1.0, 100.0, (n, m))
    types = np.where(np.arange(m) % 3 == 2, -1.0, 1.0)  # every third criterion is a cost
    return matrix, types


def best_of(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def interleaved_best(functions: dict, repeats: int) -> dict:
    """Best time of each function over ``repeats`` rounds that run each one once."""
    best = dict.fromkeys(functions, float("inf"))
    for _ in range(repeats):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def numpy_floor(matrix: np.ndarray, types: np.ndarray, n_samples: int, seed: int) -> np.ndarray:
    """Rank acceptability by the shortest honest numpy code: no chunking, no extras."""
    rng = np.random.default_rng(seed)
    n, m = matrix.shape
    weights = rng.dirichlet(np.ones(m), n_samples)
    normalized = matrix / np.sqrt((matrix * matrix).sum(axis=0))
    ideal = np.where(types > 0, normalized.max(axis=0), normalized.min(axis=0))
    anti = np.where(types > 0, normalized.min(axis=0), normalized.max(axis=0))
    factor = weights * weights
    d_plus = np.sqrt(factor @ ((normalized - ideal) ** 2).T)
    d_minus = np.sqrt(factor @ ((normalized - anti) ** 2).T)
    closeness = d_minus / (d_plus + d_minus)
    order = np.argsort(-closeness, axis=1)
    counts = np.bincount((order * n + np.arange(n)).ravel(), minlength=n * n)
    return counts.reshape(n, n) / n_samples  # [alternative, rank]


def pymcdm_loop(matrix: np.ndarray, types: np.ndarray, n_samples: int, seed: int) -> np.ndarray:
    from pymcdm.methods import TOPSIS
    from pymcdm.normalizations import vector_normalization

    rng = np.random.default_rng(seed)
    n, m = matrix.shape
    body = TOPSIS(vector_normalization)
    counts = np.zeros((n, n))
    for w in rng.dirichlet(np.ones(m), n_samples):
        order = np.argsort(-body(matrix, w, types))
        counts[order, np.arange(n)] += 1
    return counts / n_samples


PYSENSMCDA_SCRIPT = r"""
import json, sys, time
import numpy as np
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization
from pysensmcda.smaa import rank_acceptability, simulate, smaa2
data = np.load(sys.argv[1])
matrix, types, n, repeats = data["matrix"], data["types"], int(sys.argv[2]), int(sys.argv[3])
method = TOPSIS(vector_normalization)
def best(f):
    out = []
    for _ in range(repeats):
        t = time.perf_counter(); f(); out.append(time.perf_counter() - t)
    return min(out)
light = best(lambda: rank_acceptability(simulate(method, matrix, types, num_samples=n,
                                                  store="accumulate", seed=0)))
full = best(lambda: smaa2(method, matrix, types, num_samples=n, seed=0))
from importlib.metadata import version
print(json.dumps({"simulate": light, "smaa2": full, "version": version("pysensmcda")}))
"""


def find_pysensmcda_python(given: str | None) -> str | None:
    if given:
        return given
    candidate = HERE / ".venv-pysensmcda" / "bin" / "python"
    if candidate.exists():
        return str(candidate)
    try:  # importable here?
        import pysensmcda  # noqa: F401
    except ImportError:
        return None
    return sys.executable


def time_pysensmcda(python: str, matrix, types, n_samples: int, repeats: int) -> dict | None:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "problem.npz")
        np.savez(path, matrix=matrix, types=types)
        done = subprocess.run(
            [python, "-c", PYSENSMCDA_SCRIPT, path, str(n_samples), str(repeats)],
            capture_output=True,
            text=True,
            check=False,
            env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        )
    if done.returncode != 0:
        print(f"pysensmcda failed:\n{done.stderr[-2000:]}", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def peak_rss_bytes() -> int:
    """Peak resident memory of this process.

    ``VmHWM`` from /proc where available: ``ru_maxrss`` survives ``execve`` on Linux,
    so in a child process it can report the parent's peak instead of the child's.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def large_run(n_samples: int, pairwise: bool) -> None:
    """Child process: 193 x 15, ``n_samples`` samples; prints JSON."""
    from coopdecide import DecisionProblem
    from coopdecide.sensitivity import smaa

    matrix, types = problem_matrix(193, 15, seed=7)
    problem = DecisionProblem(matrix, types.astype(int).tolist())
    tracemalloc.start()
    start = time.perf_counter()
    result = smaa(problem, n_samples, weights="uniform", pairwise=pairwise, random_state=0)
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss = peak_rss_bytes()
    sums = result.rank_acceptability.sum(axis=1)
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "peak_traced_bytes": peak,
                "max_rss_bytes": rss,
                "rows_sum_to_one": bool(np.allclose(sums, 1.0)),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pysensmcda-python", help="python of an environment with pysensmcda")
    parser.add_argument("--repeats", type=int, default=15, help="repeats of the fast timings")
    parser.add_argument(
        "--blas-threads", default="1", help="BLAS threads for every contender (default 1)"
    )
    parser.add_argument("--large-samples", type=int, default=1_000_000)
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--_large", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--_no-pairwise", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._large:
        large_run(args._large, pairwise=not args._no_pairwise)
        return

    from coopdecide import DecisionProblem
    from coopdecide.sensitivity import smaa

    matrix, types = problem_matrix(N_ALTERNATIVES, N_CRITERIA)
    problem = DecisionProblem(matrix, types.astype(int).tolist())

    # agreement first: coopdecide and the floor estimate the same acceptabilities
    ours = smaa(problem, 200_000, weights="uniform", random_state=1).rank_acceptability
    floor = numpy_floor(matrix, types, 200_000, seed=1)
    gap = float(np.abs(ours.to_numpy() - floor).max())

    rows: list[tuple[str, float | None, str]] = []
    fast = interleaved_best(
        {
            "ours": lambda: smaa(problem, N_SAMPLES, weights="uniform", random_state=0),
            "pairwise": lambda: smaa(
                problem, N_SAMPLES, weights="uniform", pairwise=True, random_state=0
            ),
            "floor": lambda: numpy_floor(matrix, types, N_SAMPLES, 0),
        },
        args.repeats,
    )
    t_ours, t_pairwise, t_floor = fast["ours"], fast["pairwise"], fast["floor"]
    t_loop = best_of(lambda: pymcdm_loop(matrix, types, N_SAMPLES, 0), 2)
    rows.append(("coopdecide smaa()", t_ours, ""))
    rows.append(("coopdecide smaa(pairwise=True)", t_pairwise, ""))
    rows.append(("numpy floor (closeness + argsort + counts)", t_floor, ""))
    python = find_pysensmcda_python(args.pysensmcda_python)
    sens = time_pysensmcda(python, matrix, types, N_SAMPLES, 2) if python else None
    if sens:
        rows.append((f"pysensmcda {sens['version']} smaa2()", sens["smaa2"], ""))
        rows.append(
            (f"pysensmcda {sens['version']} simulate + rank_acceptability", sens["simulate"], "")
        )
    else:
        rows.append(("pysensmcda (not available)", None, ""))
    rows.append(("Python loop over pymcdm TOPSIS", t_loop, ""))

    print(
        f"SMAA benchmark: {N_ALTERNATIVES} alternatives x {N_CRITERIA} criteria, "
        f"{N_SAMPLES:,} Dirichlet(1) weight samples, best of {args.repeats} interleaved "
        f"rounds (pysensmcda and the pymcdm loop: best of 2), BLAS threads: "
        f"{os.environ['OPENBLAS_NUM_THREADS']}"
    )
    print(f"(max |b_coopdecide - b_floor| over 200,000 samples: {gap:.4f})")
    print(f"{'':48s} {'time':>10s} {'x coopdecide':>13s}")
    for name, seconds, _ in rows:
        if seconds is None:
            print(f"{name:48s} {'-':>10s} {'-':>13s}")
        else:
            print(f"{name:48s} {seconds * 1e3:8.1f}ms {seconds / t_ours:12.1f}x")
    print()
    print(
        f"coopdecide smaa() / numpy floor: {t_ours / t_floor:.2f} (target <= 1.5; "
        f"with pairwise=True: {t_pairwise / t_floor:.2f})"
    )
    if sens:
        # pysensmcda's smaa2 computes the same measures as smaa(): rank acceptability,
        # central weights, confidence and holistic acceptability, no pairwise indices
        fastest = min(sens["smaa2"], sens["simulate"])
        print(
            f"pysensmcda / coopdecide smaa(): smaa2 {sens['smaa2'] / t_ours:.0f}, its "
            f"fastest path {fastest / t_ours:.0f} (target >= 50; against "
            f"smaa(pairwise=True): {fastest / t_pairwise:.0f})"
        )
    print(f"pymcdm loop / coopdecide: {t_loop / t_ours:.0f}")

    if args.skip_large:
        return
    print()
    print(f"coopdecide smaa(): {args.large_samples:,} uniform weight samples, 193 x 15 problem")
    print(f"{'':24s} {'time':>9s} {'peak traced':>12s} {'max RSS':>9s}  rows sum to 1")
    for extra, name in ((["--_no-pairwise"], "smaa()"), ([], "smaa(pairwise=True)")):
        done = subprocess.run(
            [sys.executable, __file__, "--_large", str(args.large_samples), *extra],
            capture_output=True,
            text=True,
            check=True,
        )
        big = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{name:24s} {big['seconds']:7.1f} s {big['peak_traced_bytes'] / 2**20:8.0f} MiB "
            f"{big['max_rss_bytes'] / 2**20:5.0f} MiB  {big['rows_sum_to_one']}"
        )
    print("(target: under 1 GiB; peak traced = numpy allocations, RSS = whole process)")


if __name__ == "__main__":
    main()
