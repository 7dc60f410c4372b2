"""Per-cell distributions of uncertain performance values, sampled in batches.

:class:`~coopdecide.sensitivity.DataUncertainty` spreads each cell around its value
with one of :data:`DISTRIBUTIONS`; :class:`~coopdecide.sensitivity.DataIntervals`
draws each cell within ``[low, high]`` uniformly, or triangularly or by beta-PERT
around a mode. The functions here draw the noise for a whole block of samples at
once, one distribution at a time over the cells that use it (a fixed order, so a
seed gives the same draws).

Scales (``s``, the spread in the criterion's units) and what a cell ``x`` becomes:

- ``"normal"``: ``x + s Z``, ``Z`` standard normal (``s`` is the standard deviation);
- ``"uniform"``: uniform on ``[x - s, x + s]``;
- ``"triangular"``: symmetric triangular on ``[x - s, x + s]`` with mode ``x``;
- ``"pert"``: beta-PERT on ``[x - s, x + s]`` with mode ``x`` (Malcolm et al. 1959;
  with weight 4 on the mode: a Beta(3, 3) scaled to the interval);
- ``"lognormal"``: ``x exp(sigma Z)`` with ``sigma = s / |x|`` (the median is ``x``,
  the sign that of ``x``; with a relative spread ``sigma`` is the spread itself).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._validation import check_option, describe, format_labels
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError

__all__ = ["DISTRIBUTIONS", "INTERVAL_DISTRIBUTIONS", "distribution_codes", "unit_noise"]

DISTRIBUTIONS = ("normal", "uniform", "triangular", "pert", "lognormal")
INTERVAL_DISTRIBUTIONS = ("uniform", "triangular", "pert")


def distribution_codes(distribution: Any, alternatives: pd.Index, criteria: pd.Index) -> np.ndarray:
    """The distribution of each cell as an ``(n, m)`` array of indices into DISTRIBUTIONS.

    ``distribution`` is one name, a mapping criterion -> name (criteria left out
    are "normal") or a DataFrame alternatives x criteria of names (cells left
    out or NaN are "normal").
    """
    n, m = len(alternatives), len(criteria)
    if isinstance(distribution, str):
        check_option("distribution", distribution, DISTRIBUTIONS)
        return np.full((n, m), DISTRIBUTIONS.index(distribution))
    if isinstance(distribution, pd.DataFrame):
        unknown = [c for c in distribution.columns if c not in set(criteria)] + [
            a for a in distribution.index if a not in set(alternatives)
        ]
        if unknown:
            raise InvalidArgumentError(
                f"distribution names unknown alternatives or criteria {format_labels(unknown)}"
            )
        frame = distribution.reindex(index=alternatives, columns=criteria)
        names = frame.where(frame.notna(), "normal").to_numpy(dtype=object)
    elif isinstance(distribution, (Mapping, pd.Series)):
        mapping = dict(distribution.items())
        unknown = [c for c in mapping if c not in set(criteria)]
        if unknown:
            raise InvalidArgumentError(
                f"distribution names criteria that do not exist: {format_labels(unknown)}; "
                f"the criteria are {format_labels(criteria)}"
            )
        row = [mapping.get(c, "normal") for c in criteria]
        names = np.array([row] * n, dtype=object)
    else:
        raise InvalidTypeError(
            "distribution must be a name, a mapping criterion -> name or a DataFrame "
            f"(alternatives x criteria) of names; got {type(distribution).__name__}"
        )
    codes = np.empty((n, m), dtype=int)
    for (i, j), name in np.ndenumerate(names):
        where = f"distribution[{describe(alternatives[i])}, {describe(criteria[j])}]"
        check_option(where, name, DISTRIBUTIONS)
        codes[i, j] = DISTRIBUTIONS.index(name)
    return codes


def _standard(rng: np.random.Generator, kind: str, size: tuple[int, ...]) -> np.ndarray:
    if kind in ("normal", "lognormal"):
        return rng.standard_normal(size)
    if kind == "uniform":
        return rng.uniform(-1.0, 1.0, size)
    if kind == "triangular":  # the sum of two uniforms, shifted: triangular on [-1, 1]
        return rng.random(size) + rng.random(size) - 1.0
    return 2.0 * rng.beta(3.0, 3.0, size) - 1.0  # PERT with mode at the centre


def unit_noise(rng: np.random.Generator, codes: np.ndarray, size: int) -> np.ndarray:
    """Standard noise ``(size, n, m)``: each cell from its distribution's standard form.

    Normal and log-normal cells get a standard normal, the bounded ones a draw on
    [-1, 1] (see the module docstring); the caller scales and shifts them.
    """
    noise = np.empty((size, *codes.shape))
    for code in np.unique(codes):
        cells = codes == code
        noise[:, cells] = _standard(rng, DISTRIBUTIONS[code], (size, int(cells.sum())))
    return noise


def interval_draws(
    rng: np.random.Generator,
    low: np.ndarray,
    high: np.ndarray,
    mode: np.ndarray | None,
    distribution: str,
    size: int,
) -> np.ndarray:
    """``size`` draws of every cell within ``[low, high]``, shape ``(size, n, m)``.

    "uniform"; "triangular" with the given mode (inverse CDF); "pert", the
    beta-PERT ``Beta(1 + 4 c, 1 + 4 (1 - c))`` with ``c = (mode - low) / (high - low)``.
    """
    span = high - low
    if distribution == "uniform":
        return low + span * rng.random((size, *low.shape))
    assert mode is not None
    safe = np.where(span > 0, span, 1.0)
    c = np.where(span > 0, (mode - low) / safe, 0.5)
    if distribution == "triangular":
        u = rng.random((size, *low.shape))
        unit = np.where(u < c, np.sqrt(u * c), 1.0 - np.sqrt((1.0 - u) * (1.0 - c)))
    else:
        unit = rng.beta(1.0 + 4.0 * c, 1.0 + 4.0 * (1.0 - c), (size, *low.shape))
    return low + span * unit
