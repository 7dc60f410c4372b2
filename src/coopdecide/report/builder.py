"""What the report says: :func:`build_document` turns a ReportContent into a Document.

The wording is for a director: a plain-language summary first, then the
warnings, then one section per question (what was compared, on what data,
with which weights, what ranks first, how stable that is, whether other
methods agree). Sections whose results are missing are left out. All text is
plain; the renderers escape it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from coopdecide.report.content import ReportContent
from coopdecide.report.document import (
    Bullets,
    Document,
    Figure,
    Paragraph,
    Section,
    Table,
)

__all__ = ["build_document", "derive_warnings", "summary_sentences"]

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
    return weights is not None and hasattr(weights, "by_expert")


# ---------------------------------------------------------------------------
# warnings
# ---------------------------------------------------------------------------
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
    ranking = content.ranking
    frame = ranking.to_frame()
    n = len(frame)
    best = ranking.best
    tied = list(frame.index[frame["rank"] == 1])
    score = float(frame.loc[best, "score"])
    out = []
    if len(tied) > 1:
        out.append(
            f"{_join(tied)} tie for first place among {n} candidates "
            f"({_method_name(ranking.method)} score {score:.3f})."
        )
    else:
        text = (
            f"{_q(best)} ranks first among {n} candidates "
            f"({_method_name(ranking.method)} score {score:.3f}"
        )
        if n > 1:
            second = frame.index[1]
            text += f"; second is {_q(second)} with {float(frame.iloc[1]['score']):.3f}"
        out.append(text + ").")

    critical = _critical(content)
    if critical is not None:
        if not critical["feasible"]:
            out.append(
                "No change of a single criterion's weight, however large, makes another "
                "candidate rank first."
            )
        else:
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
            out.append(text)

    smaa = content.smaa
    if smaa is not None:
        first = smaa.first_rank_acceptability
        p = float(first.get(best, np.nan))
        sources = _smaa_sources(smaa)
        text = (
            f"It ranks first in {_share(p)} of {smaa.n_samples:,} simulations in which the "
            f"uncertain inputs varied ({sources})."
        )
        leader = first.idxmax()
        if leader != best:
            text += f" {_q(leader)} ranks first most often ({_share(float(first[leader]))})."
        out.append(text)

    compared = content.compare_methods
    if compared is not None:
        ranks = compared.ranks
        firsts = {m: list(ranks.index[ranks[m] == 1]) for m in ranks.columns}
        agree = [m for m, f in firsts.items() if best in f]
        if len(agree) == len(firsts):
            text = f"All {len(firsts)} ranking methods compared put {_q(best)} first"
        else:
            text = (
                f"{len(agree)} of the {len(firsts)} ranking methods compared put {_q(best)} first"
            )
        others = [f"{m} puts {_join(f)} first" for m, f in firsts.items() if best not in f]
        if others:
            text += "; " + "; ".join(others[:3]) + ("; …" if len(others) > 3 else "")
        out.append(text + ".")

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
        out.append(text)
    elif weights is not None and hasattr(weights, "cr"):
        verdict = "consistent" if weights.consistent else "INCONSISTENT"
        out.append(
            f"The weights come from one set of pairwise comparisons (AHP, CR {weights.cr:.3f}, "
            f"{verdict}); the heaviest criteria are {listed}."
        )
    else:
        out.append(f"The weights were given directly; the heaviest criteria are {listed}.")

    warnings = _warnings(content)
    if warnings:
        out.append(f"{len(warnings)} warning(s) below must be read before relying on this result.")
    return out


def _warnings(content: ReportContent) -> list[str]:
    return list(content.warnings) if content.warnings is not None else derive_warnings(content)


# ---------------------------------------------------------------------------
# sections
# ---------------------------------------------------------------------------
def _summary_section(content: ReportContent) -> Section:
    blocks: list[Any] = []
    if content.question:
        blocks.append(Paragraph(f"Question: {content.question}"))
    blocks.append(Bullets(tuple(summary_sentences(content))))
    blocks.append(_top_table(content))
    return Section("summary", "Summary", tuple(blocks))


#: Candidates in the summary's table.
TOP_ROWS = 5


def _top_table(content: ReportContent) -> Table:
    """The best candidates at a glance: rank, score, and what the other analyses say."""
    ranking = content.ranking
    frame = ranking.to_frame()[["rank", "score"]].head(TOP_ROWS)
    formats = {"score": ".3f"}
    if content.smaa is not None:
        first = content.smaa.first_rank_acceptability
        frame["ranked first in simulations"] = first.reindex(frame.index).to_numpy()
        formats["ranked first in simulations"] = ".1%"
    if content.compare_methods is not None:
        compared = content.compare_methods
        counts = compared.top_k_counts.reindex(frame.index)
        column = f"methods ranking it in their top {compared.top_k}"
        frame[column] = [f"{int(c)} of {len(compared.methods)}" for c in counts]
    frame.index.name = "candidate"
    return Table(
        "top",
        f"The {len(frame)} best candidates ({_score_label(ranking)})",
        frame,
        formats,
    )


def _warnings_section(content: ReportContent) -> Section | None:
    warnings = _warnings(content)
    blocks: list[Any] = []
    if warnings:
        blocks.append(Bullets(tuple(warnings), kind="warning"))
    if content.notes:
        blocks.append(Paragraph("Notes from the study:", kind="note"))
        blocks.append(Bullets(tuple(content.notes), kind="note"))
    if not blocks:
        return None
    return Section("warnings", "Warnings", tuple(blocks))


def _question_section(content: ReportContent) -> Section:
    problem = content.problem
    blocks: list[Any] = []
    if content.question:
        blocks.append(Paragraph(content.question))
    if content.description:
        blocks.append(Paragraph(content.description))
    n, m = problem.shape
    blocks.append(
        Paragraph(
            f"{n} candidates were compared on {m} criteria: "
            + ", ".join(
                f"{c} ({'higher' if t > 0 else 'lower'} is better)"
                for c, t in zip(problem.criteria, problem.types, strict=True)
            )
            + "."
        )
    )
    data = problem.performance.copy()
    data.index.name = "candidate"
    caption = "The data: each candidate's value on each criterion"
    criteria = content.criteria
    if criteria is not None and "transform" in criteria:
        transformed = [
            c for c, t in criteria["transform"].reindex(problem.criteria).items() if _given(t)
        ]
        if transformed:
            caption += f" (after the transform of {_join(transformed)}, see the data sources)"
    blocks.append(Table("data", caption, data))
    return Section("question", "The question and the candidates", tuple(blocks))


def _sources_section(content: ReportContent) -> Section:
    problem = content.problem
    frame = pd.DataFrame(index=pd.Index(problem.criteria, name="criterion"))
    frame["objective"] = ["max" if t > 0 else "min" for t in problem.types]
    criteria = content.criteria
    if criteria is not None:
        criteria = criteria.reindex(problem.criteria)
        description = None
        if "description" in criteria:
            description = criteria["description"]
        elif "meaning" in criteria:
            description = criteria["meaning"]
        if description is not None:
            frame["description"] = description.to_numpy()
        for column in ("transform", "unit", "source", "year", "licence"):
            if column in criteria and criteria[column].notna().any():
                frame[column] = criteria[column].to_numpy()
        proxies = set(_proxies(criteria))
        frame["proxy"] = [c in proxies for c in problem.criteria]
    blocks: list[Any] = []
    if content.source:
        blocks.append(Paragraph(f"Study file: {content.source}."))
    if criteria is None:
        blocks.append(
            Paragraph(
                "No description of the data sources was given with these results.", kind="note"
            )
        )
    blocks.append(Table("sources", "The criteria, their units and data sources", frame))
    if frame.get("proxy") is not None and frame["proxy"].any():
        blocks.append(
            Paragraph(
                "A proxy is an indirect measure built from other data; it may not capture the "
                "criterion as its name suggests.",
                kind="note",
            )
        )
    return Section("sources", "Data sources", tuple(blocks))


def _weights_section(content: ReportContent) -> Section:
    from coopdecide.report import plots

    problem = content.problem
    used = problem.weights
    weights = content.weights
    blocks: list[Any] = []
    if _is_group(weights):
        blocks += _group_weight_blocks(weights, used)
    elif weights is not None and hasattr(weights, "cr"):
        blocks.append(
            Paragraph(
                f"The criteria were compared in pairs on Saaty's 1-9 scale (AHP); priorities by "
                f"the {weights.method} method. Consistency ratio CR = {weights.cr:.3f} "
                f"(CI {weights.ci:.4f} / RI {weights.ri:.2f}; random index table "
                f"{_ri_citation(weights.ri_table)}): "
                f"{'consistent' if weights.consistent else 'INCONSISTENT'} at the threshold "
                f"{weights.threshold:g}."
            )
        )
        table = pd.DataFrame({"weight": weights.weights})
        table.index.name = "criterion"
        blocks.append(Table("weights", "Criteria weights (AHP)", table, {"weight": ".3f"}))
        blocks.append(
            Figure(
                "weights",
                "Criteria weights, with the consistency ratio",
                lambda fig: plots.AHPPlots(weights).weights(ax=_axes(fig)),
                size=(7.0, max(2.5, 0.35 * len(table) + 1.4)),
                sources=(weights,),
            )
        )
    else:
        blocks.append(Paragraph("The weights were given directly (not derived by AHP)."))
        table = pd.DataFrame({"weight": used})
        table.index.name = "criterion"
        blocks.append(Table("weights", "Criteria weights", table, {"weight": ".3f"}))
        blocks.append(
            Figure(
                "weights",
                "Criteria weights",
                lambda fig: plots.barh(
                    used.sort_values(ascending=False),
                    ax=_axes(fig),
                    xlabel="weight",
                    title="Criteria weights",
                ),
                size=(7.0, max(2.5, 0.35 * len(used) + 1.4)),
                sources=(content.ranking,),
            )
        )
    hierarchy = content.hierarchy
    if hierarchy is not None:
        frame = hierarchy.to_frame().set_index("node")
        blocks.append(
            Table(
                "hierarchy",
                "Criteria hierarchy: local weight (among siblings) and global weight",
                frame,
                {"local_weight": ".3f", "global_weight": ".3f"},
            )
        )
        blocks.append(
            Figure(
                "hierarchy",
                "The criteria hierarchy with local and global weights",
                lambda fig: plots.HierarchyPlots(hierarchy).tree(ax=_axes(fig)),
                size=(9.0, max(3.0, 0.55 * len(hierarchy.leaves) + 1.0)),
                sources=(hierarchy,),
            )
        )
    return Section("weights", "The criteria and their weights", tuple(blocks))


def _group_weight_blocks(group: Any, used: pd.Series) -> list[Any]:
    """Group AHP: the method, the weights and the consistency of each expert."""
    from coopdecide.report import plots

    blocks: list[Any] = []
    blocks.append(
        Paragraph(
            f"Each of the {len(group.experts)} experts compared the criteria in pairs on "
            f"Saaty's 1-9 scale (AHP). Each expert's priorities were computed by the "
            f"{group.method} method, and the group's by {group.aggregation} aggregation. "
            f"Consensus S* = {group.consensus:.2f} (0 = none, 1 = full agreement)."
        )
    )
    table = group.to_frame()
    if not np.allclose(group.weights.reindex(used.index).to_numpy(), used.to_numpy()):
        table["used in the ranking"] = used.reindex(table.index).to_numpy()
    table.index.name = "criterion"
    blocks.append(
        Table(
            "weights",
            "Criteria weights: the group's and each expert's",
            table,
            dict.fromkeys(table.columns, ".3f"),
        )
    )
    consistency = group.consistency
    columns = [
        c for c in ("weight", "lambda_max", "ci", "cr", "consistent", "status") if c in consistency
    ]
    table = consistency[columns].rename(columns={"weight": "expert weight"})
    if group.cr is not None:
        table.loc["group (aggregated)"] = {
            "expert weight": np.nan,
            "lambda_max": group.lambda_max,
            "ci": group.ci,
            "cr": group.cr,
            "consistent": group.consistent,
            "status": "aggregated",
        }
    table.index.name = "expert"
    blocks.append(
        Table(
            "experts",
            f"Consistency of each expert's judgments: CR = CI / RI(n) with the random "
            f"index table {_ri_citation(group.ri_table)}; threshold {group.threshold:g}",
            table,
            {"expert weight": ".3f", "lambda_max": ".4f", "ci": ".4f", "cr": ".3f"},
        )
    )
    blocks.append(
        Figure(
            "weights",
            "Criteria weights by expert and for the group; each expert's CR in the legend",
            lambda fig: plots.GroupAHPPlots(group).weights(ax=_axes(fig)),
            size=(max(7.0, 1.3 * len(group.labels) + 2), 4.8),
            sources=(group,),
        )
    )
    blocks.append(
        Figure(
            "consistency",
            "Consistency ratio of each expert, with the threshold",
            lambda fig: plots.GroupAHPPlots(group).consistency(ax=_axes(fig)),
            size=(7.0, max(2.5, 0.45 * len(group.experts) + 1.4)),
            sources=(group,),
        )
    )
    return blocks


def _ranking_section(content: ReportContent) -> Section:
    from coopdecide.report import plots

    ranking = content.ranking
    frame = ranking.to_frame()
    frame = frame[["rank", *[c for c in frame.columns if c != "rank"]]]
    formats = {"score": ".4f", "d_plus": ".4f", "d_minus": ".4f"}
    smaa = content.smaa
    if smaa is not None:
        frame["first-rank acceptability"] = smaa.first_rank_acceptability.reindex(frame.index)
        frame["expected rank (SMAA)"] = smaa.expected_rank.reindex(frame.index)
        formats.update({"first-rank acceptability": ".1%", "expected rank (SMAA)": ".2f"})
    frame.index.name = "candidate"
    options = ", ".join(f"{k} = {v}" for k, v in ranking.options.items())
    text = f"The candidates ranked by {_method_name(ranking.method)}" + (
        f" ({options})." if options else "."
    )
    if ranking.method == "topsis":
        text += (
            " The score is each candidate's closeness to the ideal point (the best value on "
            "every criterion): D- / (D+ + D-), where D+ and D- are its weighted distances to "
            "the ideal and anti-ideal points; 1 is best."
        )
    elif not ranking.higher_is_better:
        text += " A lower score is better."
    n = len(frame)
    return Section(
        "ranking",
        "The ranking",
        (
            Paragraph(text),
            Table("ranking", f"Ranking ({_score_label(ranking)})", frame, formats),
            Figure(
                "ranking",
                "Scores of the candidates, best first"
                + (f" (the best {MAX_RANKING_BARS})" if n > MAX_RANKING_BARS else ""),
                lambda fig: plots.RankingPlots(ranking).scores(
                    ax=_axes(fig), top=min(n, MAX_RANKING_BARS)
                ),
                size=(7.5, max(2.5, 0.28 * min(n, MAX_RANKING_BARS) + 1.3)),
                sources=(ranking,),
            ),
        ),
    )


#: At most this many panels of one-at-a-time sweeps, and bars in the ranking figure.
MAX_SWEEPS = 8
MAX_RANKING_BARS = 40


def _sweep_criteria(oat: Any) -> list[Any]:
    """The criteria to draw: all, or the ``MAX_SWEEPS`` nearest to changing the top choice."""
    criteria = list(oat.criteria)
    if len(criteria) <= MAX_SWEEPS:
        return criteria
    summary = oat.summary
    current = summary["current_weight"].astype(float)
    below = (current - summary["top_lower"].astype(float)).fillna(np.inf)
    above = (summary["top_upper"].astype(float) - current).fillna(np.inf)
    distance = np.minimum(below, above)
    keep = set(distance.sort_values(kind="stable").index[:MAX_SWEEPS])
    return [c for c in criteria if c in keep]


def _stability_section(content: ReportContent) -> Section:
    blocks: list[Any] = []
    if content.critical_changes is not None:
        blocks += _critical_blocks(content.critical_changes)
    if content.one_at_a_time is not None:
        blocks += _one_at_a_time_blocks(content.one_at_a_time)
    if content.smaa is not None:
        blocks += _smaa_blocks(content.smaa)
    if not blocks:
        blocks.append(
            Paragraph(
                "No sensitivity analysis was run: how stable the top choice is remains unknown.",
                kind="warning",
            )
        )
    return Section("stability", "How stable is the top choice?", tuple(blocks))


def _critical_blocks(critical: Any) -> list[Any]:
    """The critical weight changes: explanation, two tables and the tornado."""
    from coopdecide.report import plots

    blocks: list[Any] = []
    blocks.append(
        Paragraph(
            "Critical weight changes (Triantaphyllou and Sanchez 1997): for each criterion, "
            "the smallest change of its weight, the other weights keeping their "
            "proportions, that makes another candidate rank first. A criterion whose "
            "weight can change a lot without effect does not threaten the recommendation."
            + ("" if critical.exact else " Located on a grid (see the resolution column).")
        )
    )
    top = critical.top
    table = pd.DataFrame(
        {
            "current weight": top["current_weight"].astype(float),
            "change": top["delta"].astype("Float64"),
            "new weight": top["new_weight"].astype("Float64"),
            "change (% of weight)": top["relative_change"].astype("Float64"),
            "new first": top["leader_after"],
        },
        index=pd.Index(top.index, name="criterion"),
    )
    table = table.iloc[
        np.argsort(np.abs(table["change"].astype(float).fillna(np.inf).to_numpy()), kind="stable")
    ]
    blocks.append(
        Table(
            "critical_changes",
            "Smallest weight change of each criterion that changes the top choice "
            "(– : no weight from 0 to 1 changes it)",
            table,
            {
                "current weight": ".3f",
                "change": "+.3f",
                "new weight": ".3f",
                "change (% of weight)": "+.1f",
            },
        )
    )
    any_pair = critical.any_pair
    table = pd.DataFrame(
        {
            "current weight": any_pair["current_weight"].astype(float),
            "change": any_pair["delta"].astype("Float64"),
            "change (% of weight)": any_pair["relative_change"].astype("Float64"),
            "pair that swaps": [
                "–" if not ok else f"{a} / {b}"
                for ok, a, b in zip(
                    any_pair["feasible"],
                    any_pair["alternative_a"],
                    any_pair["alternative_b"],
                    strict=True,
                )
            ],
        },
        index=pd.Index(any_pair.index, name="criterion"),
    )
    blocks.append(
        Table(
            "critical_any_pair",
            "Smallest weight change of each criterion that changes the order of any two candidates",
            table,
            {"current weight": ".3f", "change": "+.3f", "change (% of weight)": "+.1f"},
        )
    )
    blocks.append(
        Figure(
            "critical_changes",
            "Smallest weight change per criterion that changes the top choice (tornado)",
            lambda fig: plots.CriticalChangesPlots(critical).tornado(ax=_axes(fig)),
            size=(8.0, max(2.5, 0.45 * len(top) + 1.5)),
            sources=(critical,),
        )
    )
    return blocks


def _one_at_a_time_blocks(oat: Any) -> list[Any]:
    """One weight at a time: explanation, table, stability and sweep figures."""
    from coopdecide.report import plots

    blocks: list[Any] = []
    blocks.append(
        Paragraph(
            "One criterion at a time, its weight was moved from 0 to 1 (the others keeping "
            "their proportions) and every candidate's score recomputed. The table gives, "
            "for each criterion, the range of its weight over which the top choice and the "
            "whole ranking stay the same"
            + (
                " (swap points computed exactly)."
                if oat.exact
                else " (swap points located on a grid)."
            )
        )
    )
    summary = oat.summary
    table = pd.DataFrame(
        {
            "current weight": summary["current_weight"].astype(float),
            "top unchanged from": summary["top_lower"].astype("Float64").fillna(0.0),
            "top unchanged to": summary["top_upper"].astype("Float64").fillna(1.0),
            "ranking unchanged from": summary["lower"].astype("Float64").fillna(0.0),
            "ranking unchanged to": summary["upper"].astype("Float64").fillna(1.0),
            "swaps": summary["n_breakpoints"],
        },
        index=pd.Index(summary.index, name="criterion"),
    )
    blocks.append(
        Table(
            "one_at_a_time",
            "Weights over which the top choice and the ranking stay the same",
            table,
            {c: ".3f" for c in table.columns if c != "swaps"},
        )
    )
    blocks.append(
        Figure(
            "stability",
            "Range of each criterion's weight over which the top choice stays first",
            lambda fig: plots.OneAtATimePlots(oat).stability(ax=_axes(fig)),
            size=(7.5, max(2.5, 0.45 * len(summary) + 1.5)),
            sources=(oat,),
        )
    )
    chosen = _sweep_criteria(oat)
    k = len(chosen)
    ncols = 2 if k > 1 else 1
    nrows = -(-k // ncols)

    def draw_sweeps(fig: Any) -> None:
        axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
        for extra in axes[k:]:
            extra.remove()
        plots.OneAtATimePlots(oat).sweeps(chosen, axes=axes[:k], top=4)

    which = (
        ""
        if k == len(oat.criteria)
        else f" (the {k} criteria whose weight is closest to changing the top choice)"
    )
    blocks.append(
        Figure(
            "sweeps",
            "Scores of the leading candidates as each criterion's weight varies"
            + which
            + "; dots mark where two candidates swap, dashed lines where the top choice "
            "changes, the grey line the current weight",
            draw_sweeps,
            size=(5.2 * ncols, 3.9 * nrows),
            sources=(oat,),
        )
    )
    return blocks


def _smaa_blocks(smaa: Any) -> list[Any]:
    """The SMAA: explanation, rank-acceptability table and figure."""
    from coopdecide.report import plots

    blocks: list[Any] = []
    sources = _smaa_sources(smaa)
    blocks.append(
        Paragraph(
            f"Stochastic multicriteria acceptability analysis (SMAA-2, Lahdelma and "
            f"Salminen 2001): {smaa.n_samples:,} simulations in which the uncertain "
            f"inputs varied ({sources}); seed {smaa.seed}. The rank acceptability of a "
            "candidate is the share of simulations in which it reaches that rank."
        )
    )
    frame = smaa.to_frame()
    ranks = [c for c in frame.columns if str(c).startswith("rank_")][:3]
    table = frame[["expected_rank", *ranks, "holistic_acceptability", "confidence"]].head(15)
    table = table.rename(
        columns={
            "expected_rank": "expected rank",
            **{r: f"ranked {r.split('_')[1]}" for r in ranks},
            "holistic_acceptability": "holistic acceptability",
        }
    )
    table.index.name = "candidate"
    formats = {c: ".1%" for c in table.columns if str(c).startswith("ranked")}
    formats.update({"expected rank": ".2f", "holistic acceptability": ".3f", "confidence": ".1%"})
    blocks.append(
        Table(
            "smaa",
            "Rank acceptability (share of simulations at each rank), by expected rank",
            table,
            formats,
        )
    )
    n_shown = min(12, len(frame))
    blocks.append(
        Figure(
            "rank_acceptability",
            "Rank acceptability: share of simulations in which each candidate reaches each rank",
            lambda fig: plots.SMAAPlots(smaa).rank_acceptability(ax=_axes(fig)),
            size=(8.0, max(2.5, 0.36 * n_shown + 1.8)),
            sources=(smaa,),
        )
    )
    return blocks


def _methods_section(content: ReportContent) -> Section | None:
    from coopdecide.report import plots

    compared = content.compare_methods
    if compared is None:
        return None
    frame = compared.to_frame().head(15)
    frame.index.name = "candidate"
    correlation = compared.correlation("spearman")
    correlation.index.name = "method"
    consensus = list(compared.consensus_top_k)
    text = f"The same data and weights were ranked by {len(compared.methods)} methods. " + (
        f"Every method puts {_join(consensus)} in its top {compared.top_k}."
        if consensus
        else f"No candidate is in the top {compared.top_k} of every method."
    )
    return Section(
        "methods",
        "Do other methods agree?",
        (
            Paragraph(text),
            Table(
                "methods",
                "Rank of each candidate under each method (best 15 by mean rank)",
                frame,
                {"mean_rank": ".2f"},
            ),
            Table(
                "method_correlation",
                "Spearman rank correlation between the methods' rankings (1 = same order)",
                correlation,
                dict.fromkeys(correlation.columns, ".2f"),
            ),
            Figure(
                "method_agreement",
                "Agreement between methods (Spearman rank correlation)",
                lambda fig: plots.MethodComparisonPlots(compared).heatmap(ax=_axes(fig)),
                size=(
                    max(5.0, 0.75 * len(compared.methods) + 3.0),
                    max(4.0, 0.6 * len(compared.methods) + 2.0),
                ),
                sources=(compared,),
            ),
        ),
    )


def _portfolio_section(content: ReportContent) -> Section | None:
    portfolio = content.portfolio
    accept = content.portfolio_acceptability
    sweep = content.budget_sweep
    if portfolio is None and accept is None and sweep is None:
        return None
    blocks: list[Any] = []
    if portfolio is not None:
        frame = portfolio.to_frame()
        blocks += [
            Paragraph(
                f"{portfolio.n_selected} of {len(frame)} programmes were selected within the "
                f"budget of {portfolio.budget:,.4g} (total cost {portfolio.total_cost:,.4g}, "
                f"total score {portfolio.total_score:.3f})."
            ),
            Table("portfolio", "Programmes, selected first", frame, {"score": ".3f"}),
        ]
        if hasattr(portfolio, "plot"):
            blocks.append(
                Figure(
                    "portfolio",
                    "Programmes by cost and score; the selected ones highlighted",
                    lambda fig: portfolio.plot.scatter(ax=_axes(fig)),
                    size=(7.5, 5.0),
                    sources=(portfolio,),
                )
            )
    if accept is not None:
        blocks += _portfolio_acceptability_blocks(accept)
    if sweep is not None:
        blocks += _budget_sweep_blocks(sweep)
    return Section("portfolio", "The programme portfolio", tuple(blocks))


def _portfolio_acceptability_blocks(accept: Any) -> list[Any]:
    """How robust the portfolio is: acceptability table, frequent portfolios, bar chart."""
    frame = accept.to_frame()
    share = frame["acceptability"]
    always = list(frame.index[share >= 1.0])
    never = int((share <= 0.0).sum())
    between = len(frame) - len(always) - never
    portfolios = accept.portfolios
    top = portfolios.iloc[0]
    text = (
        f"The uncertainty was simulated {accept.n_samples:,} times and the best portfolio "
        f"chosen again each time, with the same budget and rules. "
        + (
            f"{len(always)} programme(s) are in it every time ({_join(always)}); "
            if always
            else "No programme is in it every time; "
        )
        + f"{between} are in it only sometimes, and {never} never. "
        f"There were {len(portfolios)} different best portfolios; the most frequent one "
        f"came out in {_share(float(top['share']))} of the simulations. The portfolio with the "
        f"largest expected total score (at the mean scores) holds "
        f"{accept.expected.n_selected} programme(s) and costs {accept.expected.total_cost:,.4g}."
    )
    table = frame.rename(
        columns={
            "acceptability": "share of simulations selected",
            "mean_score": "mean score",
            "in_expected_portfolio": "in the expected-score portfolio",
        }
    )
    table.index.name = "programme"
    shown = portfolios.head(5).copy()
    shown["programmes"] = [", ".join(map(str, p)) for p in shown["programmes"]]
    shown = shown.rename(columns={"expected_value": "expected value"})
    shown.index = pd.RangeIndex(1, len(shown) + 1, name="#")
    n_programmes = len(frame)
    return [
        Paragraph(text),
        Table(
            "portfolio_acceptability",
            "Portfolio acceptability: share of simulations in which each programme is in the "
            "best portfolio",
            table,
            {"share of simulations selected": ".1%", "mean score": ".3f"},
        ),
        Table(
            "portfolio_frequent",
            "The most frequent best portfolios",
            shown,
            {"share": ".1%", "expected value": ".3f"},
        ),
        Figure(
            "portfolio_acceptability",
            "Portfolio acceptability of each programme (programmes of the expected-score "
            "portfolio darker)",
            lambda fig: accept.plot.bar(ax=_axes(fig)),
            size=(max(6.0, 0.28 * n_programmes + 2.0), 4.5),
            sources=(accept,),
        ),
    ]


def _budget_sweep_blocks(sweep: Any) -> list[Any]:
    """What the next unit of budget buys: the sweep table and its step line."""
    frame = sweep.to_frame()
    feasible = frame[frame["feasible"]]
    parts = [
        f"The best portfolio was found again for {len(frame)} budgets from "
        f"{frame['budget'].iloc[0]:,.4g} to {frame['budget'].iloc[-1]:,.4g}."
    ]
    if len(feasible) < len(frame):
        # feasibility only grows with the budget, and budget_sweep() raises if no budget is
        # feasible, so the infeasible budgets are those below the first feasible one
        parts.append(f"Below {feasible['budget'].iloc[0]:,.4g} the rules cannot be met.")
    marginal = feasible["marginal_value"].dropna()
    if len(marginal) and float(marginal.max()) > 0:
        best = marginal.idxmax()
        previous = feasible.index[list(feasible.index).index(best) - 1]
        # the labels themselves, not the comma-joined "added" column (a label may hold a comma)
        chosen = sweep.selections.to_numpy()
        added = sweep.names[chosen[best] & ~chosen[previous]]
        parts.append(
            f"The next unit of budget buys most between {frame.loc[previous, 'budget']:,.4g} and "
            f"{frame.loc[best, 'budget']:,.4g} ({float(marginal.max()):.3g} of objective per "
            "unit of budget)" + (f", adding {_join(list(added))}." if len(added) else ".")
        )
    table = frame.set_index("budget").rename(
        columns={
            "objective_value": "best objective",
            "total_score": "total score",
            "total_cost": "total cost",
            "n_selected": "programmes",
            "marginal_value": "gain per unit of budget",
        }
    )
    return [
        Paragraph(" ".join(parts)),
        Table(
            "budget_sweep",
            "Budget sweep: the best portfolio at each budget (added and removed programmes "
            "against the previous budget)",
            table,
            {
                "best objective": ".3f",
                "total score": ".3f",
                "gain per unit of budget": ".4f",
            },
        ),
        Figure(
            "budget_sweep",
            "Best objective against the budget: what the next unit of budget buys",
            lambda fig: sweep.plot.line(ax=_axes(fig)),
            size=(7.5, 4.5),
            sources=(sweep,),
        ),
    ]


def _notes_section(content: ReportContent) -> Section:
    import coopdecide

    items = []
    if content.weights is not None:
        items.append(f"AHP weights and consistency ratios: {_CITATIONS['ahp']}")
        if _is_group(content.weights):
            items.append(f"Consensus indicator S*: {_CITATIONS['consensus']}")
    if content.ranking.method == "topsis":
        items.append(f"TOPSIS: {_CITATIONS['topsis']}")
    if content.critical_changes is not None:
        items.append(f"Critical weight changes: {_CITATIONS['critical']}")
    if content.smaa is not None:
        items.append(f"SMAA-2: {_CITATIONS['smaa']}")
    items.append(
        f"Computed with coopdecide {coopdecide.__version__}; report generated {content.generated}."
    )
    return Section("references", "How the numbers were obtained", (Bullets(tuple(items)),))


def build_document(content: ReportContent) -> Document:
    """The report of ``content`` as a format-neutral :class:`Document`."""
    sections = [
        _summary_section(content),
        _warnings_section(content),
        _question_section(content),
        _sources_section(content),
        _weights_section(content),
        _ranking_section(content),
        _stability_section(content),
        _methods_section(content),
        _portfolio_section(content),
        _notes_section(content),
    ]
    subtitle = f"Decision report · generated {content.generated}"
    if content.source:
        subtitle += f" · study file {content.source}"
    if content.illustrative:
        subtitle += " · ILLUSTRATIVE"
    return Document(
        title=content.title,
        subtitle=subtitle,
        sections=tuple(s for s in sections if s is not None),
    )
