"""Speed where users feel it (issue 14): one run, the default BLAS and one BLAS thread.

Run ``python benchmarks/bench_speed.py`` (``--quick`` for 100,000 instead of 1,000,000
large samples). The script runs itself twice in subprocesses, once in the default
environment (every ``*_NUM_THREADS`` variable removed, so the BLAS uses its own default,
one thread per core) and once with ``OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=MKL_NUM_THREADS=1``,
and prints, for each environment, the time of each case and its ratio to the plain-numpy
floor measured in the same environment:

1. thread control: SMAA, 50 x 8 with 10,000 uniform weight samples, and 193 x 15 with the
   large number of samples; pysensmcda's ``smaa2`` (in its own environment, see
   bench_smaa.py) and a Python loop over pymcdm's TOPSIS (1,000 samples, scaled);
2. worker processes: the large run with ``n_jobs=1`` and ``n_jobs=2``;
3. the stopping rule: ``smaa(n_samples="auto")`` (tolerance 0.005): samples used, the
   largest standard error reached, time;
4. pairwise winning indices: ``smaa(pairwise=True)`` / ``smaa()``;
5. the demo: CPU seconds of ``coopdecide demo`` (the whole study and both reports) in a
   fresh process, and where they go (cProfile, grouped);
6. plain-array TOPSIS 200 x 10: ``topsis(matrix, weights, objectives).scores`` and
   ``.ranks`` against the floor and pymcdm.

The check of the issue: the large run at default settings within 1.2x of the one-thread
floor. The timings are the best of a few interleaved repeats (one run for the large
cases): on a shared machine they are noisy, so the load average is printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _environment(one_thread: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in THREAD_VARIABLES}
    env.pop("COOPDECIDE_BLAS_THREADS", None)
    if one_thread:
        env.update(dict.fromkeys(THREAD_VARIABLES, "1"))
    return env


# -- measurements (in the child) ------------------------------------------------------------
def _best(functions: dict, repeats: int) -> dict:
    """Best CPU-independent wall time of each function over interleaved rounds."""
    best = dict.fromkeys(functions, float("inf"))
    for _ in range(repeats):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def smaa_floor(matrix, types, n_samples: int, seed: int = 0):
    """Rank acceptability in plain numpy, in blocks of 10,000 samples (bounded memory)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n, m = matrix.shape
    normalized = matrix / np.sqrt((matrix * matrix).sum(axis=0))
    ideal = np.where(types > 0, normalized.max(axis=0), normalized.min(axis=0))
    anti = np.where(types > 0, normalized.min(axis=0), normalized.max(axis=0))
    plus, minus = ((normalized - ideal) ** 2).T, ((normalized - anti) ** 2).T
    counts = np.zeros(n * n, dtype=np.int64)
    for start in range(0, n_samples, 10_000):
        size = min(10_000, n_samples - start)
        factor = rng.dirichlet(np.ones(m), size) ** 2
        d_plus, d_minus = np.sqrt(factor @ plus), np.sqrt(factor @ minus)
        order = np.argsort(-(d_minus / (d_plus + d_minus)), axis=1)
        counts += np.bincount((order * n + np.arange(n)).ravel(), minlength=n * n)
    return counts.reshape(n, n) / n_samples


def _problem(n: int, m: int, seed: int):
    import numpy as np

    from coopdecide import DecisionProblem

    rng = np.random.default_rng(seed)
    matrix = rng.uniform(1.0, 100.0, (n, m))
    types = np.where(np.arange(m) % 3 == 2, -1.0, 1.0)
    return matrix, types, DecisionProblem(matrix, types.astype(int).tolist())


def measure_smaa(large: int, repeats: int) -> dict:
    from coopdecide.sensitivity import smaa

    out: dict = {}
    matrix, types, problem = _problem(50, 8, 2024)
    fast = _best(
        {
            "floor": lambda: smaa_floor(matrix, types, 10_000),
            "smaa": lambda: smaa(problem, 10_000, weights="uniform", random_state=0),
            "pairwise": lambda: smaa(
                problem, 10_000, weights="uniform", pairwise=True, random_state=0
            ),
        },
        repeats,
    )
    out["small"] = fast
    start = time.perf_counter()
    auto = smaa(problem, "auto", weights="uniform", random_state=0)
    out["small"]["auto"] = time.perf_counter() - start
    out["small"]["auto_samples"] = auto.n_samples
    out["small"]["auto_error"] = auto.max_standard_error
    out["small"]["pymcdm_loop"] = _pymcdm_loop(matrix, types, 1_000) * 10

    matrix, types, problem = _problem(193, 15, 7)
    runs = {
        "floor": lambda: smaa_floor(matrix, types, large),
        "smaa": lambda: smaa(problem, large, weights="uniform", random_state=0),
        "pairwise": lambda: smaa(problem, large, weights="uniform", pairwise=True, random_state=0),
        "n_jobs=1": lambda: smaa(problem, large, weights="uniform", n_jobs=1, random_state=0),
        "n_jobs=2": lambda: smaa(problem, large, weights="uniform", n_jobs=2, random_state=0),
    }
    out["large"] = {name: _once(run) for name, run in runs.items()}
    start = time.perf_counter()
    auto = smaa(problem, "auto", weights="uniform", random_state=0)
    out["large"]["auto"] = time.perf_counter() - start
    out["large"]["auto_samples"] = auto.n_samples
    out["large"]["auto_error"] = auto.max_standard_error
    return out


def _once(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _pymcdm_loop(matrix, types, n_samples: int) -> float:
    import numpy as np
    from pymcdm.methods import TOPSIS
    from pymcdm.normalizations import vector_normalization

    rng = np.random.default_rng(0)
    body = TOPSIS(vector_normalization)
    start = time.perf_counter()
    for w in rng.dirichlet(np.ones(matrix.shape[1]), n_samples):
        np.argsort(-body(matrix, w, types))
    return time.perf_counter() - start


def measure_topsis(repeats: int) -> dict:
    import numpy as np
    from bench_topsis import floor_topsis
    from pymcdm.methods import TOPSIS
    from pymcdm.normalizations import vector_normalization

    import coopdecide

    rng = np.random.default_rng(0)
    matrix = rng.uniform(1, 100, (200, 10))
    weights = rng.dirichlet(np.ones(10))
    types = np.where(np.arange(10) % 3 == 0, -1, 1)
    objectives = ["min" if t < 0 else "max" for t in types]
    body = TOPSIS(vector_normalization)
    np.testing.assert_allclose(
        coopdecide.topsis(matrix, weights, objectives).scores,
        floor_topsis(matrix, weights, types),
        atol=1e-12,
    )
    calls = 200

    def loop(function):
        return lambda: [function() for _ in range(calls)]

    best = _best(
        {
            "floor": loop(lambda: floor_topsis(matrix, weights, types)),
            "scores": loop(lambda: coopdecide.topsis(matrix, weights, objectives).scores),
            "ranks": loop(lambda: coopdecide.topsis(matrix, weights, objectives).ranks),
            "pymcdm": loop(lambda: body(matrix, weights, types)),
        },
        repeats,
    )
    return {name: seconds / calls for name, seconds in best.items()}


def measure_demo() -> dict:
    """CPU seconds of `coopdecide demo` in a fresh process, and a grouped profile."""
    with tempfile.TemporaryDirectory() as tmp:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(
            [sys.executable, "-m", "coopdecide.cli", "demo", "--report", tmp, "--format", "json"],
            check=True,
            capture_output=True,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        profile = Path(tmp) / "demo.prof"
        command = ["-m", "coopdecide.cli", "demo", "--report", str(Path(tmp) / "r")]
        subprocess.run(
            [sys.executable, "-m", "cProfile", "-o", str(profile), *command, "--format", "json"],
            check=True,
            capture_output=True,
        )
        groups = _profile_groups(pstats.Stats(str(profile)))
    return {"cpu": cpu, "groups": groups}


def _profile_groups(stats: pstats.Stats) -> dict:
    """Own time (cProfile's tottime) by the package the code belongs to, largest first.

    Figures and the study are also given as the cumulative time of ``render_png`` (every
    figure of both reports) and of ``Study.run``.
    """
    entries = stats.stats  # type: ignore[attr-defined]
    own: dict[str, float] = {}
    for (path, _, function), value in entries.items():
        if path == "~":
            package = f"builtins ({'compile' if 'compile' in function else 'other'})"
        elif "site-packages/" in path:
            package = path.split("site-packages/")[1].split("/")[0].removesuffix(".py")
        elif "/src/coopdecide/" in path:
            package = "coopdecide"
        elif "<frozen" in path:
            package = "import machinery"
        else:
            package = "python standard library"
        own[package] = own.get(package, 0.0) + value[2]
    groups = dict(sorted(own.items(), key=lambda item: -item[1])[:8])
    for label, name in (
        ("(cumulative) render_png: figures", "render_png"),
        ("(cumulative) Study.run", "run"),
    ):
        groups[label] = max(
            (v[3] for (p, _, f), v in entries.items() if f == name and "coopdecide" in p),
            default=0.0,
        )
    groups["(whole demo, profiled)"] = sum(own.values())
    return groups


def child(large: int, repeats: int) -> None:
    import numpy  # noqa: F401  (loads the BLAS that threadpool_info describes)
    from threadpoolctl import threadpool_info

    sys.path.insert(0, str(HERE))
    blas = [
        f"{i['internal_api']} {i['version']} {i['num_threads']} threads" for i in threadpool_info()
    ]
    result = {"blas": blas, "topsis": measure_topsis(repeats), "smaa": measure_smaa(large, repeats)}
    print(json.dumps(result))


# -- the report (in the parent) ---------------------------------------------------------------
def _run_child(one_thread: bool, args: argparse.Namespace) -> dict:
    repeats = str(args.repeats)
    done = subprocess.run(
        [sys.executable, __file__, "--_child", "--large", str(args.large), "--repeats", repeats],
        env=_environment(one_thread),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _pysensmcda(repeats: int) -> dict | None:
    sys.path.insert(0, str(HERE))
    import numpy as np
    from bench_smaa import find_pysensmcda_python, time_pysensmcda

    python = find_pysensmcda_python(None)
    if python is None:
        return None
    rng = np.random.default_rng(2024)
    matrix = rng.uniform(1.0, 100.0, (50, 8))
    types = np.where(np.arange(8) % 3 == 2, -1.0, 1.0)
    return time_pysensmcda(python, matrix, types, 10_000, repeats)


def _print_environment(name: str, data: dict, sens: dict | None) -> None:
    small, large, tops = data["smaa"]["small"], data["smaa"]["large"], data["topsis"]
    print(f"\n== {name}: BLAS {', '.join(data['blas'])}")
    print(f"{'case':<60} {'time':>11} {'x floor':>8}")

    def row(label: str, seconds: float, floor: float | None) -> None:
        ratio = f"{seconds / floor:7.2f}x" if floor else ""
        unit = f"{seconds * 1e3:9.1f}ms" if seconds < 1 else f"{seconds:9.2f} s"
        print(f"{label:<60} {unit:>11} {ratio:>8}")

    row("SMAA 50x8, 10,000 samples: numpy floor", small["floor"], None)
    row("  coopdecide smaa()", small["smaa"], small["floor"])
    row("  coopdecide smaa(pairwise=True)", small["pairwise"], small["floor"])
    row(
        f"  coopdecide smaa('auto'): {small['auto_samples']:,} samples, "
        f"error {small['auto_error']:.4f}",
        small["auto"],
        small["floor"],
    )
    if sens:
        row(f"  pysensmcda {sens['version']} smaa2()", sens["smaa2"], small["floor"])
    row(
        "  Python loop over pymcdm TOPSIS (1,000 samples x 10)",
        small["pymcdm_loop"],
        small["floor"],
    )
    n = large["n_samples"]
    row(f"SMAA 193x15, {n:,} samples: numpy floor", large["floor"], None)
    row("  coopdecide smaa() (default n_jobs)", large["smaa"], large["floor"])
    row("  coopdecide smaa(pairwise=True)", large["pairwise"], large["floor"])
    row("  coopdecide smaa(n_jobs=1)", large["n_jobs=1"], large["floor"])
    row("  coopdecide smaa(n_jobs=2)", large["n_jobs=2"], large["floor"])
    row(
        f"  coopdecide smaa('auto'): {large['auto_samples']:,} samples, "
        f"error {large['auto_error']:.4f}",
        large["auto"],
        large["floor"],
    )
    row("TOPSIS 200x10 plain arrays: numpy floor", tops["floor"], None)
    row("  topsis(matrix, weights, objectives).scores", tops["scores"], tops["floor"])
    row("  topsis(matrix, weights, objectives).ranks", tops["ranks"], tops["floor"])
    row("  pymcdm TOPSIS(vector_normalization)", tops["pymcdm"], tops["floor"])
    print(
        f"ratios: pairwise / smaa() {small['pairwise'] / small['smaa']:.2f} (50x8), "
        f"{large['pairwise'] / large['smaa']:.2f} (193x15) [target <= 1.5]; "
        f".ranks / .scores {tops['ranks'] / tops['scores']:.2f} [<= 1.3]; "
        f".scores / floor {tops['scores'] / tops['floor']:.2f} [<= 2]; "
        f"n_jobs=1 / n_jobs=2 {large['n_jobs=1'] / large['n_jobs=2']:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 large samples")
    parser.add_argument("--large", type=int, default=1_000_000, help="samples of the 193x15 runs")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--skip-demo", action="store_true")
    parser.add_argument("--_child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.large = 100_000
    if args._child:
        child(args.large, args.repeats)
        return
    print(f"load average before: {os.getloadavg()} on {os.cpu_count()} cores")
    results = {}
    for name, one_thread in (("default environment", False), ("one BLAS thread", True)):
        results[name] = _run_child(one_thread, args)
        results[name]["smaa"]["large"]["n_samples"] = args.large
    sens = _pysensmcda(2)
    for name, data in results.items():
        _print_environment(name, data, sens)
    default, single = results["default environment"], results["one BLAS thread"]
    floor = single["smaa"]["large"]["floor"]
    for label, key in (("default settings", "smaa"), ("default settings, n_jobs=1", "n_jobs=1")):
        print(
            f"CHECK smaa() at {label} / one-thread floor, 193x15 x {args.large:,}: "
            f"{default['smaa']['large'][key] / floor:.2f} (target <= 1.2)"
        )
    if not args.skip_demo:
        demo = measure_demo()
        print(f"\ncoopdecide demo: {demo['cpu']:.2f} s of CPU (target < 2 s); cProfile groups:")
        for group, seconds in demo["groups"].items():
            print(f"  {group:<76} {seconds:7.2f} s")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    if "--_child" in sys.argv:
        sys.path.insert(0, str(HERE))
    main()
