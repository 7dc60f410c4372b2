"""The report's sections on the ranking, its stability and the comparison of methods.

Stability: critical weight changes, one-at-a-time sweeps and SMAA.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coopdecide.report.content import ReportContent
from coopdecide.report.document import Figure, Paragraph, Section, Table
from coopdecide.report.wording import _axes, _join, _method_name, _score_label, _smaa_sources


def ranking_section(content: ReportContent) -> Section:
    """The ranking of the alternatives."""
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


def stability_section(content: ReportContent) -> Section:
    """How stable the top choice is: critical changes, one-at-a-time sweeps, SMAA."""
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
    blocks += [_critical_top_table(top), _critical_any_pair_table(critical.any_pair)]
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


def _critical_top_table(top: pd.DataFrame) -> Table:
    """Per criterion, the smallest weight change that changes the top choice, smallest first."""
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
    return Table(
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


def _critical_any_pair_table(any_pair: pd.DataFrame) -> Table:
    """Per criterion, the smallest weight change that swaps any two candidates."""
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
    return Table(
        "critical_any_pair",
        "Smallest weight change of each criterion that changes the order of any two candidates",
        table,
        {"current weight": ".3f", "change": "+.3f", "change (% of weight)": "+.1f"},
    )


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
    blocks.append(_sweeps_figure(oat))
    return blocks


def _sweeps_figure(oat: Any) -> Figure:
    """The score sweeps of the criteria closest to changing the top choice, in a grid."""
    from coopdecide.report import plots

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
    return Figure(
        "sweeps",
        "Scores of the leading candidates as each criterion's weight varies"
        + which
        + "; dots mark where two candidates swap, dashed lines where the top choice "
        "changes, the grey line the current weight",
        draw_sweeps,
        size=(5.2 * ncols, 3.9 * nrows),
        sources=(oat,),
    )


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


def methods_section(content: ReportContent) -> Section | None:
    """Whether other ranking methods agree (None without a method comparison)."""
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
