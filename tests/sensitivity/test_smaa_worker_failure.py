"""A worker that dies during ``smaa(executor=...)`` gives a coopdecide error naming the chunk."""

from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import numpy as np
import pytest

from coopdecide import DecisionProblem
from coopdecide.exceptions import CoopdecideError, ExecutorError
from coopdecide.sensitivity import smaa


def problem() -> DecisionProblem:
    rng = np.random.default_rng(0)
    return DecisionProblem(rng.uniform(1, 9, (5, 3)), ["max", "max", "min"])


class KillingExecutor:
    """A process pool whose ``kill_at``-th task kills its worker process (``os._exit``)."""

    def __init__(self, pool: ProcessPoolExecutor, kill_at: int) -> None:
        self.pool = pool
        self.kill_at = kill_at
        self.submitted = 0

    def submit(self, function, *args, **kwargs) -> Future:
        self.submitted += 1
        if self.submitted == self.kill_at:
            return self.pool.submit(os._exit, 1)  # the worker dies as if killed
        return self.pool.submit(function, *args, **kwargs)


def test_a_killed_worker_is_a_coopdecide_error_naming_the_chunk():
    with ProcessPoolExecutor(max_workers=1) as pool:
        executor = KillingExecutor(pool, kill_at=2)
        with pytest.raises(ExecutorError) as caught:
            smaa(problem(), 4000, chunk_size=1000, executor=executor, random_state=5)
    message = str(caught.value)
    assert isinstance(caught.value, CoopdecideError)
    assert isinstance(caught.value.__cause__, BrokenProcessPool)
    assert "SMAA chunk" in message and "of 4 (samples" in message
    assert "BrokenProcessPool" in message
    assert "the same random_state gives the same result" in message


class BrokenFutures:
    """An executor whose tasks all fail as if its worker had been lost."""

    def submit(self, function, *args, **kwargs) -> Future:
        future: Future = Future()
        future.set_exception(BrokenProcessPool("a child process terminated abruptly"))
        return future


def test_the_message_names_the_first_failed_chunk_and_its_samples():
    with pytest.raises(
        ExecutorError,
        match=r"^SMAA chunk 1 of 3 \(samples 0 to 999\) failed: the executor lost its worker "
        r"\(BrokenProcessPool: a child process terminated abruptly\); run smaa again with a "
        r"working executor: the same random_state gives the same result$",
    ):
        smaa(problem(), 2500, chunk_size=1000, executor=BrokenFutures(), random_state=5)


def test_an_error_inside_a_task_is_not_disguised():
    class Failing:
        def submit(self, function, *args, **kwargs) -> Future:
            future: Future = Future()
            future.set_exception(MemoryError("no memory"))
            return future

    with pytest.raises(MemoryError, match="no memory"):
        smaa(problem(), 2000, chunk_size=1000, executor=Failing(), random_state=5)
