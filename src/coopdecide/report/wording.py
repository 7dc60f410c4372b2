"""Words shared by the report's sections: method names, citations, small formatting helpers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

_METHOD_NAMES = {
    "topsis": "TOPSIS",
    "vikor": "VIKOR",
    "promethee_ii": "PROMETHEE II",
    "wsm": "weighted sum",
    "wpm": "weighted product",
    "spotis": "SPOTIS",
    "copras": "COPRAS",
}

_CITATIONS = {
    "ahp": "Saaty, T.L. (1980). The Analytic Hierarchy Process. McGraw-Hill, New York.",
    "topsis": (
        "Hwang, C.-L. and Yoon, K. (1981). Multiple Attribute Decision Making: Methods and "
        "Applications. Springer, Berlin."
    ),
    "critical": (
        "Triantaphyllou, E. and Sanchez, A. (1997). A sensitivity analysis approach for some "
        "deterministic multi-criteria decision-making methods. Decision Sciences 28(1), 151-194."
    ),
    "smaa": (
        "Lahdelma, R. and Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability "
        "analysis for group decision making. Operations Research 49(3), 444-454."
    ),
    "consensus": (
        "Goepel, K.D. (2018). Implementation of an online software tool for the Analytic "
        "Hierarchy Process (AHP-OS). International Journal of the Analytic Hierarchy Process "
        "10(3), 469-487."
    ),
}


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------
def _q(label: Any) -> str:
    """A label in quotes, for sentences."""
    return f"“{label}”"


def _join(labels: Sequence[Any], limit: int = 6) -> str:
    items = [_q(x) for x in labels]
    if len(items) > limit:
        items = [*items[:limit], f"and {len(labels) - limit} more"]
        return ", ".join(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _share(p: float) -> str:
    """A share as a percentage that never rounds a non-zero share to 0% or 100%."""
    if not np.isfinite(p):
        return "n/a"
    if 0 < p < 0.005:
        return "under 1%"
    if 0.995 <= p < 1:
        return "over 99%"
    return f"{p:.0%}"


def _smaa_sources(smaa: Any) -> str:
    """What varied in the simulations, e.g. "weights: uniform on the simplex"."""
    parts = [
        str(v) if str(v).lower().startswith(str(k).lower()) else f"{k}: {v}"
        for k, v in smaa.sources.items()
    ]
    return "; ".join(parts) or "not stated"


def _method_name(method: str) -> str:
    return _METHOD_NAMES.get(method, method)


def _score_label(ranking: Any) -> str:
    if ranking.method == "topsis":
        return "closeness to the ideal (0-1, higher is better)"
    return f"{_method_name(ranking.method)} score" + (
        "" if ranking.higher_is_better else " (lower is better)"
    )


def _axes(figure: Any) -> Any:
    return figure.add_subplot()


def _ri_citation(name: str) -> str:
    from coopdecide.ahp.consistency import RI_TABLES

    table = RI_TABLES.get(name)
    return name if table is None else f"{name}: {table.citation}"


def _given(value: Any) -> bool:
    """Whether a cell holds a value (not None, NaN or an empty string)."""
    if value is None or value is pd.NA:
        return False
    if isinstance(value, float) and np.isnan(value):
        return False
    return str(value).strip() != ""


def _measure(source: Any, cr: Any, gci: Any) -> str:
    """The consistency figure that failed: the GCI for the geometric method, else the CR."""
    if source.method == "geometric" and gci is not None and _given(gci):
        return f"GCI {float(gci):.3f} > {source.gci_threshold:g}"
    return f"CR {float(cr):.3f} > {source.threshold:g} (random index table {source.ri_table})"


def _is_group(weights: Any) -> bool:
    """A group AHP result (a group BWM result has experts too, but no consensus)."""
    return weights is not None and hasattr(weights, "by_expert") and hasattr(weights, "consensus")


def _weights_origin(weights: Any) -> str | None:
    """How objective, combined or BWM weights were obtained, in one phrase; None otherwise."""
    if weights is None or hasattr(weights, "cr") or _is_group(weights):
        return None
    if hasattr(weights, "aggregation") and hasattr(weights, "results"):
        return f"the Best-Worst Method of {len(weights.results)} stakeholder(s)"
    method = getattr(weights, "method", None)
    if method == "combined":
        return "the experts' AHP weights combined with objective weights from the data"
    if hasattr(weights, "intermediates"):
        return f"objective weights computed from the data ({method})"
    return None
