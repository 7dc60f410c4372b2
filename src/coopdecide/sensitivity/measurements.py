"""SMAA on given measurements: performance matrices sampled elsewhere (as R's smaa takes them).

``smaa(problem, data=samples)`` accepts the samples as an array ``(n_samples,
n_alternatives, n_criteria)`` or as an iterable of matrices ``(n, m)`` and blocks
``(k, n, m)`` (a list, a generator). They are read once, checked and stacked;
:data:`~coopdecide.sensitivity.acceptability.BLOCK_SIZE` consecutive samples form
a block as for drawn data, so results do not depend on ``chunk_size`` or the
executor, and the confidence factors use the same measurements again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._validation import describe
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError
from coopdecide.problem import DecisionProblem

__all__ = ["as_measurements", "is_measurements"]

_BLOCK = 1000  # acceptability.BLOCK_SIZE (not imported: acceptability imports this module)


def is_measurements(data: Any) -> bool:
    """Whether ``data`` is given samples (an array or an iterable), not a sampler spec."""
    if isinstance(data, np.ndarray):
        return True
    tables = (str, bytes, Mapping, pd.DataFrame, pd.Series)  # iterable, but not samples
    return isinstance(data, Iterable) and not isinstance(data, tables)


def as_measurements(data: Any, problem: DecisionProblem) -> _Measurements:
    """Check and stack given samples into ``(n_samples, n, m)``."""
    n, m = problem.shape
    if isinstance(data, np.ndarray):
        parts = [data]
    else:
        parts = list(data)
        if not parts:
            raise InvalidArgumentError("data must hold at least one sample; got an empty iterable")
    blocks = []
    for position, part in enumerate(parts):
        where = "data" if isinstance(data, np.ndarray) else f"data[{position}]"
        try:
            array = np.asarray(part, dtype=float)
        except (TypeError, ValueError):
            raise InvalidTypeError(
                f"{where} must be numbers: a matrix ({n}, {m}) or a block (k, {n}, {m}); got "
                f"{type(part).__name__}"
            ) from None
        if array.ndim == 2:
            array = array[None]
        if array.ndim != 3 or array.shape[1:] != (n, m):
            raise InvalidArgumentError(
                f"{where} must have shape (n_samples, {n}, {m}) (samples x alternatives x "
                f"criteria, in the problem's order) or ({n}, {m}); got {array.shape}"
            )
        if not np.isfinite(array).all():
            raise InvalidArgumentError(f"{where} must be finite; got NaN or infinite values")
        blocks.append(array)
    samples = np.concatenate(blocks, axis=0) if len(blocks) > 1 else np.array(blocks[0])
    samples.flags.writeable = False
    return _Measurements(samples)


@dataclass(frozen=True)
class _Measurements:
    """Given performance matrices, served block by block (picklable)."""

    samples: np.ndarray

    @property
    def count(self) -> int:
        return int(self.samples.shape[0])

    def may_be_negative(self) -> bool:
        """Whether a sample holds a negative value."""
        return bool((self.samples < 0).any())

    def draw(self, rng: np.random.Generator, block: int, size: int) -> np.ndarray:
        """The samples of block ``block``; ``rng`` is not used."""
        start = block * _BLOCK
        return self.samples[start : start + size]

    def describe(self) -> str:
        return f"{self.count} given performance matrices"


def check_sample_count(n_samples: int | str | None, given: _Measurements) -> int:
    """The number of samples: the measurements' count; ``n_samples`` must agree if given."""
    if n_samples is not None and n_samples != given.count:
        raise InvalidArgumentError(
            f"n_samples must be the number of given samples ({given.count}) or left out; got "
            f"{describe(n_samples)}"
        )
    return given.count
