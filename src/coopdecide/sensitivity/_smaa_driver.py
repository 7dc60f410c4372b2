"""Running SMAA: blocks in chunks, in this process or on executors, until enough samples.

:func:`run_main_pass` evaluates the blocks of the main pass, for a fixed
number of samples or, with a :class:`Stopping` rule, round after round until
the standard errors are below a tolerance; :func:`run_confidence_pass` runs
the confidence factors' second pass. Both send the same chunks of blocks to
whichever executor runs them, so results do not depend on how the work is
split. :func:`worker_count` and :func:`process_pool` give the worker
processes that ``smaa(n_jobs=...)`` uses.
"""

from __future__ import annotations

import ast
import math
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    wait,
)
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, partial
from typing import Any, cast

import numpy as np

from coopdecide._validation import as_generator, describe
from coopdecide.exceptions import ExecutorError, InvalidArgumentError, InvalidTypeError
from coopdecide.sensitivity._smaa_kernels import (
    BLOCK_SIZE,
    _Counts,
    _Model,
    _run_chunk,
    max_standard_error,
)
from coopdecide.sensitivity.measurements import _Measurements

__all__ = [
    "AUTO_FIRST_SAMPLES",
    "PARALLEL_MIN_WORK",
    "Stopping",
    "process_pool",
    "run_confidence_pass",
    "run_main_pass",
    "worker_count",
]

#: Chunks in flight at once on an executor (bounds the memory of pending results).
_IN_FLIGHT = 16
#: ``n_samples="auto"``: the samples of the first round.
AUTO_FIRST_SAMPLES = 4 * BLOCK_SIZE
#: ``n_jobs=None`` uses worker processes from this much work (see :func:`estimated_work`).
PARALLEL_MIN_WORK = 50_000_000
#: Work units of one sample of one alternative for a method evaluated by a Python loop.
_LOOP_WORK = 100


@dataclass(frozen=True)
class Stopping:
    """Sample until :func:`max_standard_error` is at most ``tolerance`` (or ``max_samples``)."""

    tolerance: float
    max_samples: int

    @property
    def planned(self) -> int:
        """Samples expected: enough for any rank acceptability, ``0.25 / tolerance^2``."""
        return min(self.max_samples, max(AUTO_FIRST_SAMPLES, math.ceil(0.25 / self.tolerance**2)))

    def next_target(self, done: int, error: float) -> int:
        """Samples to have after the next round: the standard errors fall as ``1 / sqrt(N)``.

        ``done (error / tolerance)^2`` with a 10 % margin, in whole blocks, at
        least one block more and at most four times as many as ``done``.
        """
        wanted = done * (error / self.tolerance) ** 2 * 1.1
        blocks = math.ceil(wanted / BLOCK_SIZE)
        target = min(max(blocks * BLOCK_SIZE, done + BLOCK_SIZE), 4 * done)
        return min(target, self.max_samples)


# -- seeds, progress, executors ---------------------------------------------------
def entropy_of(random_state: Any) -> int:
    """The seed sequence's entropy for ``random_state`` (None, int or Generator)."""
    if isinstance(random_state, np.random.Generator):
        return int(random_state.integers(0, 2**63))
    if random_state is None:
        entropy = np.random.SeedSequence().entropy
        assert isinstance(entropy, int)
        return entropy
    as_generator(random_state)  # the same checks and messages as everywhere else
    return int(random_state)


def progress_bar(progress: bool, total: int | None) -> Any:
    """A tqdm bar, or None without ``progress``."""
    if not isinstance(progress, (bool, np.bool_)):
        raise InvalidTypeError(f"progress must be True or False; got {describe(progress)}")
    if not progress:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        raise ImportError(
            "progress=True needs the tqdm package; install it (pip install tqdm) or pass "
            "progress=False"
        ) from None
    return tqdm(total=total, desc="SMAA", unit="sample")


def check_executor(executor: Any) -> None:
    """Raise unless ``executor`` is None or has ``submit()``."""
    if executor is not None and not callable(getattr(executor, "submit", None)):
        raise InvalidTypeError(
            "executor must be a concurrent.futures.Executor (anything with submit(), such as "
            f"a dask.distributed client's get_executor()); got {type(executor).__name__}"
        )


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _idle_cores(cores: int) -> int:
    """Cores not busy with other work: ``cores`` less the 1-minute load average, at least 1.

    Workers on cores that other processes already use only compete with them (and
    with this process) and make the run slower; where the load is unknown, every core.
    """
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # pragma: no cover - no load average (Windows)
        return cores
    return max(1, min(cores, cores - math.floor(load)))


def estimated_work(model: _Model, n_samples: int) -> int:
    """Work units of a run: samples x alternatives, x criteria with sampled data.

    x 100 for methods other than TOPSIS (one Python call per sample); 0 for given
    measurements (they would be sent to every task). One unit
    is about 40 ns of one core here (193 x 15, TOPSIS, exact data: 1e6 samples
    are 1.9e8 units, 6 to 8 s).
    """
    if isinstance(model.data, _Measurements):
        return 0  # given samples would be sent to every task: this process, by default
    work = n_samples * model.n * (model.m if model.data is not None else 1)
    return work * (1 if model.method == "topsis" else _LOOP_WORK)


@cache
def _guarded(path: str) -> bool:
    """Whether the script at ``path`` has a top-level ``if __name__ == "__main__":``."""
    try:
        with open(path, encoding="utf-8") as file:
            tree = ast.parse(file.read())
    except (OSError, SyntaxError, ValueError):
        return False
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare):
            names = [node.test.left, *node.test.comparators]
            if any(isinstance(n, ast.Name) and n.id == "__name__" for n in names) and any(
                isinstance(n, ast.Constant) and n.value == "__main__" for n in names
            ):
                return True
    return False


def _main_is_safe() -> bool:
    """Whether worker processes can start without running the main script's work again.

    New worker processes import the main module (as ``__mp_main__``): safe in
    interactive sessions and notebooks (no main file) and for scripts whose
    work sits under ``if __name__ == "__main__":``.
    """
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    path = getattr(spec, "origin", None) or getattr(main, "__file__", None)
    return path is None or _guarded(str(path))


def worker_count(n_jobs: Any, executor: Executor | None, work: int) -> int:
    """Worker processes for ``n_jobs`` (1: run in this process).

    None: one per idle core (:func:`_idle_cores`) when ``work >=
    PARALLEL_MIN_WORK``, at least two cores are idle, this is not already a
    worker process and the main module can be imported again safely
    (:func:`_main_is_safe`); else 1.
    -1: every usable core. A positive integer: that many.
    """
    if executor is not None:
        if n_jobs is not None:
            raise InvalidArgumentError(
                "n_jobs and executor cannot both be given: the executor decides where the work "
                f"runs; got n_jobs={describe(n_jobs)}"
            )
        return 1
    if n_jobs is None:
        if work < PARALLEL_MIN_WORK or multiprocessing.parent_process() is not None:
            return 1
        workers = _idle_cores(_usable_cores())
        return workers if workers > 1 and _main_is_safe() else 1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or (n_jobs < 1 and n_jobs != -1):
        raise InvalidArgumentError(
            f"n_jobs must be None, -1 (every core) or a positive integer; got {describe(n_jobs)}"
        )
    workers = _usable_cores() if n_jobs == -1 else n_jobs
    if workers > 1 and not _main_is_safe():
        raise InvalidArgumentError(
            f"n_jobs={n_jobs} starts worker processes, which import the main script again and "
            "would run its work a second time; put the script's work under "
            '`if __name__ == "__main__":` or pass n_jobs=1'
        )
    return workers


@contextmanager
def process_pool(workers: int) -> Iterator[Executor | None]:
    """A process pool of ``workers`` (None for 1): forkserver where there is one, else spawn.

    Not fork: the BLAS threads of this process make forking unsafe.
    """
    if workers <= 1:
        yield None
        return
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield pool


# -- running chunks --------------------------------------------------------------------
def _chunks(first: int, stop: int, per_chunk: int) -> list[tuple[int, int]]:
    """Blocks ``first .. stop - 1`` in chunks of ``per_chunk`` blocks."""
    return [(b, min(b + per_chunk, stop)) for b in range(first, stop, per_chunk)]


def _main_pass_arguments(
    model: _Model, entropy: int, chunk: tuple[int, int], *, target: int
) -> tuple[Any, ...]:
    """The arguments of one chunk of the main pass (pass 0) for the worker function."""
    return (model, entropy, 0, chunk, target)


def _run_all(
    executor: Executor | None,
    chunks: list[tuple[int, int]],
    call: Callable[[tuple[int, int]], tuple[Any, ...]],
    bar: Any,
    keep: np.ndarray | None = None,
    offset: int = 0,
) -> _Counts | None:
    """Run every chunk and add up the counts; kept scores go to ``keep`` (from ``offset``)."""
    total: _Counts | None = None

    def add(counts: _Counts) -> None:
        nonlocal total
        if counts.scores is not None:
            assert keep is not None
            start = counts.start - offset
            keep[start : start + counts.scores.shape[0]] = counts.scores
            counts.scores = None
        if total is None:
            total = counts
        else:
            total += counts
        if bar is not None:
            bar.update(counts.samples)

    if executor is None:
        for chunk in chunks:
            add(_run_chunk(*call(chunk)))
        return total
    pending: dict[Future[_Counts], tuple[int, tuple[Any, ...]]] = {}
    queue = list(enumerate(chunks))
    try:
        while queue or pending:
            while queue and len(pending) < _IN_FLIGHT:
                position, chunk = queue.pop(0)
                arguments = call(chunk)
                pending[executor.submit(_run_chunk, *arguments)] = (position, arguments)
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: pending[f][0]):
                position, arguments = pending.pop(future)
                add(_chunk_result(future, position, len(chunks), arguments))
    finally:  # an error in one task (or KeyboardInterrupt): do not leave the rest running
        for future in pending:
            future.cancel()
    return total


def _lost_worker(error: BaseException) -> bool:
    """Whether ``error`` says the executor lost its worker (not an error of the task)."""
    if isinstance(error, BrokenExecutor):
        return True
    distributed = sys.modules.get("distributed")  # dask's KilledWorker, if dask is in use
    killed = getattr(distributed, "KilledWorker", None)
    return isinstance(killed, type) and isinstance(error, killed)


def _chunk_result(
    future: Future[_Counts], position: int, n_chunks: int, arguments: tuple[Any, ...]
) -> _Counts:
    """The counts of a finished chunk; a lost worker becomes an ExecutorError naming it."""
    try:
        return future.result()
    except Exception as error:
        if not _lost_worker(error):
            raise
        (first, stop), n_samples = arguments[3], arguments[4]
        raise ExecutorError(
            f"SMAA chunk {position + 1} of {n_chunks} (samples {first * BLOCK_SIZE} to "
            f"{min(stop * BLOCK_SIZE, n_samples) - 1}) failed: the executor lost its worker "
            f"({type(error).__name__}: {error}); run smaa again with a working executor: the "
            "same random_state gives the same result"
        ) from error


def _check_executor(executor: Any) -> None:
    if executor is not None and not callable(getattr(executor, "submit", None)):
        raise InvalidTypeError(
            "executor must be a concurrent.futures.Executor (anything with submit(), such as "
            f"a dask.distributed client's get_executor()); got {type(executor).__name__}"
        )


def run_main_pass(
    model: _Model,
    entropy: int,
    n_samples: int | Stopping,
    per_chunk: int,
    executor: Executor | None,
    bar: Any,
) -> tuple[_Counts, np.ndarray | None]:
    """The main pass: counts (and kept scores) of ``n_samples`` samples, or until ``Stopping``.

    With a stopping rule the rounds cover blocks ``0 .. b1 - 1``, ``b1 .. b2 - 1``,
    ... where each ``b`` follows from the counts so far only, so the samples
    used, like everything else, do not depend on the chunking or executor.
    """
    stopping = n_samples if isinstance(n_samples, Stopping) else None
    # n_samples is the sample count when it is not a stopping rule
    target = min(AUTO_FIRST_SAMPLES, stopping.max_samples) if stopping else cast(int, n_samples)
    done, total, kept = 0, None, []
    while True:
        if bar is not None and stopping is not None:
            bar.total = target
            bar.refresh()
        first, stop = done // BLOCK_SIZE, math.ceil(target / BLOCK_SIZE)
        keep = np.empty((target - done, model.n)) if model.keep_scores else None
        part = _run_all(
            executor,
            _chunks(first, stop, per_chunk),
            partial(_main_pass_arguments, model, entropy, target=target),
            bar,
            keep,
            offset=done,
        )
        assert part is not None
        if total is None:
            total = part
        else:
            total += part
        if keep is not None:
            kept.append(keep)
        done = target
        if stopping is None:
            break
        error = max_standard_error(total, stopping.tolerance)
        if error <= stopping.tolerance or done >= stopping.max_samples:
            break
        target = stopping.next_target(done, error)
    scores = np.concatenate(kept) if len(kept) > 1 else (kept[0] if kept else None)
    return total, scores


def run_confidence_pass(
    model: _Model,
    entropy: int,
    n_samples: int,
    per_chunk: int,
    executor: Executor | None,
    bar: Any,
    central: np.ndarray,
    holders: np.ndarray,
) -> np.ndarray:
    """Samples (of ``n_samples`` data samples) in which each holder wins at its central weights."""
    counts = _run_all(
        executor,
        _chunks(0, math.ceil(n_samples / BLOCK_SIZE), per_chunk),
        lambda c: (model, entropy, 1, c, n_samples, central, holders),
        bar,
    )
    assert counts is not None and counts.confidence is not None
    return counts.confidence
