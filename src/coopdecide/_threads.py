"""How many BLAS threads the batched kernels use, and how many worker processes SMAA uses.

The batched kernels (SMAA, one-at-a-time sweeps, AHP repair) do many small
matrix products: a block of 1,000 weight vectors times a ``(m, 2n)`` matrix,
stacks of ``m x m`` comparison matrices. A multi-threaded BLAS starts and
synchronises its threads for every one of them, which costs more than the
product itself, and on a busy machine its threads compete with each other:
measured on a 2-core machine, SMAA of 193 alternatives x 15 criteria ran
2.6 times slower with the default two OpenBLAS threads than with one (see
docs/performance.md). So the kernels run under a limit of
:data:`DEFAULT_BLAS_THREADS` (1) BLAS thread, set with threadpoolctl for the
duration of the call and restored afterwards; parallelism comes from worker
processes instead (``smaa(..., n_jobs=...)``), which scale with the cores.

Override it with the ``blas_threads`` argument of :func:`coopdecide.sensitivity.smaa`
or, for every kernel, the environment variable ``COOPDECIDE_BLAS_THREADS``:
a positive integer, or ``inherit`` to leave the BLAS as the caller set it
(for instance by an outer ``threadpoolctl.threadpool_limits``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any, TypeVar

from coopdecide._validation import describe
from coopdecide.exceptions import InvalidArgumentError

__all__ = [
    "BLAS_THREADS_ENV",
    "DEFAULT_BLAS_THREADS",
    "blas_threads",
    "limit_blas",
    "resolve_blas_threads",
    "under_blas_limit",
]

_F = TypeVar("_F", bound=Callable[..., Any])

#: BLAS threads inside the batched kernels unless overridden.
DEFAULT_BLAS_THREADS = 1
#: The environment variable that overrides :data:`DEFAULT_BLAS_THREADS`.
BLAS_THREADS_ENV = "COOPDECIDE_BLAS_THREADS"
_INHERIT = "inherit"


def resolve_blas_threads(value: Any = None) -> int | None:
    """The BLAS thread limit to apply: a positive int, or None to leave the BLAS alone.

    ``value`` None reads :data:`BLAS_THREADS_ENV`, falling back on
    :data:`DEFAULT_BLAS_THREADS`; ``"inherit"`` means no limit.

    Examples
    --------
    >>> resolve_blas_threads(2), resolve_blas_threads("inherit")
    (2, None)
    """
    name = "blas_threads"
    if value is None:
        value = os.environ.get(BLAS_THREADS_ENV, "").strip() or DEFAULT_BLAS_THREADS
        name = f"the environment variable {BLAS_THREADS_ENV}"
    if isinstance(value, str):
        if value.lower() == _INHERIT:
            return None
        if value.isdigit():
            value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgumentError(
            f"{name} must be a positive integer or 'inherit'; got {describe(value)}"
        )
    return value


@functools.cache
def _controller() -> Any:
    # threadpoolctl is imported on first use: inspecting the loaded libraries takes a few ms
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def blas_threads(value: Any = None) -> AbstractContextManager[Any]:
    """A context that limits the BLAS libraries to ``resolve_blas_threads(value)`` threads.

    Examples
    --------
    >>> import numpy as np
    >>> with blas_threads(1):
    ...     float((np.ones((2, 2)) @ np.ones(2))[0])
    2.0
    """
    return limit_blas(resolve_blas_threads(value))


def limit_blas(limit: int | None) -> AbstractContextManager[Any]:
    """A context that limits the BLAS libraries to ``limit`` threads (None: no change)."""
    if limit is None:
        return nullcontext()
    return _controller().limit(limits=limit, user_api="blas")


def under_blas_limit(function: _F) -> _F:
    """Run ``function`` under the kernels' BLAS thread limit (:func:`blas_threads` ``()``)."""

    @functools.wraps(function)
    def limited(*args: Any, **kwargs: Any) -> Any:
        with blas_threads():
            return function(*args, **kwargs)

    return limited  # type: ignore[return-value]
