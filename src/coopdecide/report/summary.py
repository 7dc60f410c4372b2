"""The report's summary sentences and its warnings, derived from the results."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coopdecide.report.content import ReportContent
from coopdecide.report.wording import (
    _is_group,
    _join,
    _measure,
    _method_name,
    _q,
    _share,
    _smaa_sources,
    _weights_origin,
)


def derive_warnings(content: ReportContent) -> list[str]:
    """The warnings an analyst must see, from the results themselves.

    Inconsistent experts (and group), an inconsistent single comparison or
    hierarchy node, proxies used as data, dominated alternatives, criteria
    with one value for every alternative, a tie at the top, illustrative data.
    """
    out: list[str] = []
    if content.illustrative:
        what = content.illustrative if isinstance(content.illustrative, str) else "the inputs"
        out.append(
            f"ILLUSTRATIVE: {what} are illustrative, not real data or elicited judgments; "
            "do not base a decision on this report."
        )
    weights = content.weights
    if _is_group(weights):
        table = weights.consistency
        for expert, row in table.iterrows():
            status = row.get("status", "kept")
            if bool(row["consistent"]) and status == "kept":
                continue
            action = {
                "kept": "kept in the aggregation",
                "excluded": "excluded from the aggregation",
                "repaired": "repaired before the aggregation",
            }.get(status, status)
            measure = _measure(weights, row["cr"], row.get("gci"))
            out.append(f"Expert {_q(expert)} gave inconsistent judgments: {measure}; {action}.")
        if weights.consistent is False:
            measure = _measure(weights, weights.cr, weights.gci)
            out.append(f"The aggregated (group) judgments are inconsistent: {measure}.")
    elif weights is not None and hasattr(weights, "cr") and not weights.consistent:
        measure = _measure(weights, weights.cr, weights.gci)
        out.append(f"The pairwise judgments behind the weights are inconsistent: {measure}.")
    if content.hierarchy is not None:
        table = content.hierarchy.consistency
        bad = [node for node, ok in table["consistent"].items() if ok is False or ok == 0]
        if bad:
            out.append(f"Inconsistent judgments at the hierarchy node(s) {_join(bad)}.")
    proxies = _proxies(content.criteria)
    if proxies:
        out.append(
            f"{len(proxies)} criteria use proxies as data, not direct measures: {_join(proxies)} "
            "(see the data sources)."
        )
    problem = content.problem
    dominated = problem.dominated()
    if not dominated.empty:
        pairs = dominated.groupby("alternative", sort=False)["dominated_by"].apply(list)
        parts = [f"{_q(a)} (by {_join(by, limit=3)})" for a, by in pairs.items()]
        shown = "; ".join(parts[:10]) + (f"; and {len(parts) - 10} more" if len(parts) > 10 else "")
        out.append(
            f"{len(parts)} candidate(s) are dominated (another is at least as good on every "
            f"criterion and better on one, so no weights rank them above it): {shown}."
        )
    provenance = problem.provenance
    if provenance is not None and "imputed" in provenance and provenance["imputed"].any():
        imputed = provenance.index[provenance["imputed"].astype(bool).to_numpy()]
        cells = [f"{_q(a)} on {_q(c)}" for a, c in imputed]
        shown = "; ".join(cells[:6]) + (f"; and {len(cells) - 6} more" if len(cells) > 6 else "")
        out.append(
            f"{len(cells)} value(s) are imputed estimates, not measurements: {shown} "
            "(see the data sources)."
        )
    zero = list(getattr(content.ranking, "zero_range_criteria", ()))
    if zero:
        out.append(
            f"Criteria with the same value for every candidate have no effect on the ranking: "
            f"{_join(zero)}."
        )
    ranks = content.ranking.ranks
    tied = list(ranks.index[ranks == 1])
    if len(tied) > 1:
        out.append(f"{_join(tied)} tie for first place.")
    return out


def _proxies(criteria: pd.DataFrame | None) -> list[Any]:
    if criteria is None or criteria.empty:
        return []
    if "proxy" in criteria:
        return [c for c, flag in criteria["proxy"].items() if flag is True or flag == 1]
    for column in ("description", "meaning"):
        if column in criteria:
            return [
                c
                for c, text in criteria[column].items()
                if isinstance(text, str) and text.strip().upper().startswith("PROXY")
            ]
    return []


# ---------------------------------------------------------------------------
# the summary
# ---------------------------------------------------------------------------
def _critical(content: ReportContent) -> dict[str, Any] | None:
    """The most critical single weight change for the top choice, or None if not analysed.

    Returns ``{"feasible": False}`` when no single weight change alters the top.
    The criterion is T&S's percent-top one (smallest change relative to the
    current weight); ``absolute`` holds the smallest change in weight points
    when another criterion gives it.
    """
    rows: list[dict[str, Any]] = []
    if content.critical_changes is not None:
        top = content.critical_changes.top
        for criterion, row in top.iterrows():
            if not bool(row["feasible"]):
                continue
            rows.append(
                {
                    "criterion": criterion,
                    "current": float(row["current_weight"]),
                    "delta": float(row["delta"]),
                    "new": float(row["new_weight"]),
                    "relative": float(row["relative_change"]),
                    "leader": row["leader_after"],
                }
            )
    elif content.one_at_a_time is not None:
        oat = content.one_at_a_time
        current = oat.current_weight
        table = oat.breakpoints
        table = table[table["changes_top"].astype(bool)]
        for criterion, group in table.groupby("criterion", sort=False):
            w = float(current[criterion])
            deltas = group["weight"].astype(float) - w
            i = deltas.abs().idxmin()
            delta = float(deltas[i])
            rows.append(
                {
                    "criterion": criterion,
                    "current": w,
                    "delta": delta,
                    "new": float(group.loc[i, "weight"]),
                    "relative": 100 * delta / w if w > 0 else np.inf,
                    "leader": group.loc[i, "leader_above" if delta > 0 else "leader_below"],
                }
            )
    else:
        return None
    if not rows:
        return {"feasible": False}
    finite = [r for r in rows if np.isfinite(r["relative"])]
    chosen = min(finite or rows, key=lambda r: abs(r["relative"] if finite else r["delta"]))
    smallest = min(rows, key=lambda r: abs(r["delta"]))
    out = {"feasible": True, **chosen}
    if smallest["criterion"] != chosen["criterion"]:
        out["absolute"] = smallest
    return out


def summary_sentences(content: ReportContent) -> list[str]:
    """The plain-language summary at the top of the report, one sentence (or two) per item."""
    best = content.ranking.best
    sentences = [
        _leader_sentence(content),
        _critical_sentence(content),
        _smaa_sentence(content, best),
        _methods_sentence(content, best),
        _weights_sentence(content),
    ]
    warnings = _warnings(content)
    if warnings:
        sentences.append(
            f"{len(warnings)} warning(s) below must be read before relying on this result."
        )
    return [sentence for sentence in sentences if sentence is not None]


def _leader_sentence(content: ReportContent) -> str:
    """Who ranks first (or ties), with the score, and who is second."""
    ranking = content.ranking
    frame = ranking.to_frame()
    n = len(frame)
    best = ranking.best
    tied = list(frame.index[frame["rank"] == 1])
    score = float(frame.loc[best, "score"])
    if len(tied) > 1:
        return (
            f"{_join(tied)} tie for first place among {n} candidates "
            f"({_method_name(ranking.method)} score {score:.3f})."
        )
    text = (
        f"{_q(best)} ranks first among {n} candidates "
        f"({_method_name(ranking.method)} score {score:.3f}"
    )
    if n > 1:
        second = frame.index[1]
        text += f"; second is {_q(second)} with {float(frame.iloc[1]['score']):.3f}"
    return text + ")."


def _critical_sentence(content: ReportContent) -> str | None:
    """The smallest weight change that changes the top choice (relative, and in points)."""
    critical = _critical(content)
    if critical is None:
        return None
    if not critical["feasible"]:
        return (
            "No change of a single criterion's weight, however large, makes another "
            "candidate rank first."
        )
    text = (
        f"It stays first unless the weight of {_q(critical['criterion'])} changes by "
        f"more than {abs(critical['delta']):.3f} (from {critical['current']:.3f} to "
        f"{critical['new']:.3f}, {critical['relative']:+.0f}% of its weight, the other "
        f"weights keeping their proportions); then {_q(critical['leader'])} would rank "
        "first. This is the smallest change relative to the current weight."
    )
    absolute = critical.get("absolute")
    if absolute is not None:
        text += (
            f" In weight points the smallest change is to {_q(absolute['criterion'])}: "
            f"{absolute['delta']:+.3f} (to {absolute['new']:.3f}) would put "
            f"{_q(absolute['leader'])} first."
        )
    return text


def _smaa_sentence(content: ReportContent, best: Any) -> str | None:
    """How often the top choice ranks first over the SMAA simulations."""
    smaa = content.smaa
    if smaa is None:
        return None
    first = smaa.first_rank_acceptability
    p = float(first.get(best, np.nan))
    text = (
        f"It ranks first in {_share(p)} of {smaa.n_samples:,} simulations in which the "
        f"uncertain inputs varied ({_smaa_sources(smaa)})."
    )
    leader = first.idxmax()
    if leader != best:
        text += f" {_q(leader)} ranks first most often ({_share(float(first[leader]))})."
    return text


def _methods_sentence(content: ReportContent, best: Any) -> str | None:
    """How many of the compared methods put the top choice first, and what the others say."""
    compared = content.compare_methods
    if compared is None:
        return None
    ranks = compared.ranks
    firsts = {m: list(ranks.index[ranks[m] == 1]) for m in ranks.columns}
    agree = [m for m, f in firsts.items() if best in f]
    if len(agree) == len(firsts):
        text = f"All {len(firsts)} ranking methods compared put {_q(best)} first"
    else:
        text = f"{len(agree)} of the {len(firsts)} ranking methods compared put {_q(best)} first"
    others = [f"{m} puts {_join(f)} first" for m, f in firsts.items() if best not in f]
    if others:
        text += "; " + "; ".join(others[:3]) + ("; …" if len(others) > 3 else "")
    return text + "."


def _weights_sentence(content: ReportContent) -> str:
    """Where the weights come from, the heaviest criteria and any inconsistent experts."""
    weights = content.weights
    used = content.problem.weights
    heaviest = used.sort_values(ascending=False, kind="stable").head(3)
    listed = ", ".join(f"{_q(c)} ({w:.2f})" for c, w in heaviest.items())
    if _is_group(weights):
        table = weights.consistency
        bad = [e for e, ok in table["consistent"].items() if not bool(ok)]
        text = (
            f"The weights come from the pairwise comparisons of {len(table)} experts (AHP); "
            f"the heaviest criteria are {listed}."
        )
        if bad:
            limit = (
                f"GCI above {weights.gci_threshold:g}"
                if weights.method == "geometric"
                else f"CR above {weights.threshold:g}"
            )
            text += (
                f" {len(bad)} of the experts ({_join(bad)}) gave inconsistent judgments ({limit})."
            )
        return text
    if weights is not None and hasattr(weights, "cr"):
        verdict = "consistent" if weights.consistent else "INCONSISTENT"
        return (
            f"The weights come from one set of pairwise comparisons (AHP, CR {weights.cr:.3f}, "
            f"{verdict}); the heaviest criteria are {listed}."
        )
    origin = _weights_origin(weights)
    if origin is not None:
        return f"The weights come from {origin}; the heaviest criteria are {listed}."
    return f"The weights were given directly; the heaviest criteria are {listed}."


def _warnings(content: ReportContent) -> list[str]:
    return list(content.warnings) if content.warnings is not None else derive_warnings(content)
