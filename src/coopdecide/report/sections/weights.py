"""The report's section on the criteria weights (fixed, group AHP, hierarchy, objective)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coopdecide.report.content import ReportContent
from coopdecide.report.document import Figure, Paragraph, Section, Table
from coopdecide.report.wording import _axes, _is_group, _ri_citation

_WEIGHTING_NAMES = {
    "entropy": "entropy (Shannon)",
    "critic": "CRITIC",
    "standard_deviation": "standard deviation",
    "merec": "MEREC",
}


def _weighting_blocks(weights: Any) -> list[Any]:
    """Objective or combined weights (a coopdecide.weights.WeightsResult)."""
    from coopdecide.report import plots

    table = weights.to_frame()
    if weights.method == "combined":
        alpha = weights.options.get("alpha")
        rule = (
            f"w = {alpha:g} x subjective + {1 - alpha:g} x objective"
            if alpha is not None
            else "w proportional to subjective x objective"
        )
        text = (
            "The experts' AHP weights (subjective) were combined with objective weights "
            f"computed from the data: {rule} ({weights.reference})."
        )
        plot = "components"
    else:
        name = _WEIGHTING_NAMES.get(weights.method, weights.method)
        text = (
            f"The criteria weights are objective weights computed from the data by the {name} "
            f"method ({weights.reference}); they measure how much each criterion separates "
            "the candidates, not how important it is to the stakeholders."
        )
        plot = "weights"
    return [
        Paragraph(text),
        Table("weights", "Criteria weights", table, {column: ".3f" for column in table.columns}),
        Figure(
            "weights",
            "Criteria weights",
            lambda fig: getattr(plots.WeightsPlots(weights), plot)(ax=_axes(fig)),
            size=(7.0, max(2.5, 0.35 * len(table) + 1.4)),
            sources=(weights,),
        ),
    ]


def _bwm_blocks(group: Any) -> list[Any]:
    """The stakeholders' Best-Worst Method (a coopdecide.weights.GroupBWMResult)."""
    from coopdecide.report import plots

    consistency = group.consistency
    text = (
        f"Each stakeholder named the most and the least important criterion and compared them "
        f"with the others (Best-Worst Method, {group.model} model; Rezaei 2015, 2016); the "
        f"group weights are the {group.aggregation} mean of the stakeholders' weights. The "
        "consistency ratios are Rezaei's (nonlinear model) and the input-based ratio of "
        "Liang, Brunelli and Rezaei (2020)."
    )
    table = group.to_frame()
    return [
        Paragraph(text),
        Table("weights", "Criteria weights (BWM)", table, {c: ".3f" for c in table.columns}),
        Table(
            "bwm-consistency",
            "Best and worst criterion and consistency of each stakeholder",
            consistency,
            {"xi": ".4f", "consistency_ratio": ".3f", "input_consistency_ratio": ".3f"},
        ),
        Figure(
            "weights",
            "Criteria weights of each stakeholder and of the group",
            lambda fig: plots.GroupBWMPlots(group).weights(ax=_axes(fig)),
            size=(max(6.0, 0.9 * len(table) + 2), 4.5),
            sources=(group,),
        ),
    ]


def weights_section(content: ReportContent) -> Section:
    """The criteria weights: fixed, from AHP (one or a group), a hierarchy, BWM or the data."""
    used = content.problem.weights
    weights = content.weights
    if weights is not None and hasattr(weights, "aggregation") and hasattr(weights, "model"):
        blocks = _bwm_blocks(weights)
    elif _is_group(weights):
        blocks = _group_weight_blocks(weights, used)
    elif weights is not None and hasattr(weights, "intermediates"):
        blocks = _weighting_blocks(weights)
    elif weights is not None and hasattr(weights, "cr"):
        blocks = _ahp_weight_blocks(weights)
    else:
        blocks = _fixed_weight_blocks(used, content.ranking)
    if content.hierarchy is not None:
        blocks += _hierarchy_blocks(content.hierarchy)
    return Section("weights", "The criteria and their weights", tuple(blocks))


def _ahp_weight_blocks(weights: Any) -> list[Any]:
    """One AHP comparison: its consistency, the weights and their chart."""
    from coopdecide.report import plots

    table = pd.DataFrame({"weight": weights.weights})
    table.index.name = "criterion"
    return [
        Paragraph(
            f"The criteria were compared in pairs on Saaty's 1-9 scale (AHP); priorities by "
            f"the {weights.method} method. Consistency ratio CR = {weights.cr:.3f} "
            f"(CI {weights.ci:.4f} / RI {weights.ri:.2f}; random index table "
            f"{_ri_citation(weights.ri_table)}): "
            f"{'consistent' if weights.consistent else 'INCONSISTENT'} at the threshold "
            f"{weights.threshold:g}."
        ),
        Table("weights", "Criteria weights (AHP)", table, {"weight": ".3f"}),
        Figure(
            "weights",
            "Criteria weights, with the consistency ratio",
            lambda fig: plots.AHPPlots(weights).weights(ax=_axes(fig)),
            size=(7.0, max(2.5, 0.35 * len(table) + 1.4)),
            sources=(weights,),
        ),
    ]


def _fixed_weight_blocks(used: pd.Series, ranking: Any) -> list[Any]:
    """Weights given directly: the table and a bar chart."""
    from coopdecide.report import plots

    table = pd.DataFrame({"weight": used})
    table.index.name = "criterion"
    return [
        Paragraph("The weights were given directly (not derived by AHP)."),
        Table("weights", "Criteria weights", table, {"weight": ".3f"}),
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
            sources=(ranking,),
        ),
    ]


def _hierarchy_blocks(hierarchy: Any) -> list[Any]:
    """The hierarchy's local and global weights, as a table and a tree."""
    from coopdecide.report import plots

    frame = hierarchy.to_frame().set_index("node")
    return [
        Table(
            "hierarchy",
            "Criteria hierarchy: local weight (among siblings) and global weight",
            frame,
            {"local_weight": ".3f", "global_weight": ".3f"},
        ),
        Figure(
            "hierarchy",
            "The criteria hierarchy with local and global weights",
            lambda fig: plots.HierarchyPlots(hierarchy).tree(ax=_axes(fig)),
            size=(9.0, max(3.0, 0.55 * len(hierarchy.leaves) + 1.0)),
            sources=(hierarchy,),
        ),
    ]


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
    blocks.append(_consistency_table(group))
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


def _consistency_table(group: Any) -> Table:
    """Each expert's consistency (and the aggregated judgments'), against the threshold."""
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
    return Table(
        "experts",
        f"Consistency of each expert's judgments: CR = CI / RI(n) with the random "
        f"index table {_ri_citation(group.ri_table)}; threshold {group.threshold:g}",
        table,
        {"expert weight": ".3f", "lambda_max": ".4f", "ci": ".4f", "cr": ".3f"},
    )
