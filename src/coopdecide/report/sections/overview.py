"""The report's first and last sections: summary, warnings, question, data sources, references."""

from __future__ import annotations

from typing import Any

import pandas as pd

from coopdecide.report.content import ReportContent
from coopdecide.report.document import Bullets, Paragraph, Section, Table
from coopdecide.report.summary import _proxies, _warnings, summary_sentences
from coopdecide.report.wording import _CITATIONS, _given, _is_group, _join, _score_label


def summary_section(content: ReportContent) -> Section:
    """The summary: the question, the summary sentences and the top candidates."""
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


def warnings_section(content: ReportContent) -> Section | None:
    """The warnings and the study's notes (None without either)."""
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


def question_section(content: ReportContent) -> Section:
    """The question, the candidates, the criteria and the data."""
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
    provenance = problem.provenance
    if provenance is not None and "imputed" in provenance and provenance["imputed"].any():
        caption += (
            f"; {int(provenance['imputed'].sum())} value(s) are imputed, see the data sources"
        )
    blocks.append(Table("data", caption, data))
    return Section("question", "The question and the candidates", tuple(blocks))


def sources_section(content: ReportContent) -> Section:
    """The data behind each criterion and where it comes from."""
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
    blocks.extend(_provenance_blocks(problem))
    if frame.get("proxy") is not None and frame["proxy"].any():
        blocks.append(
            Paragraph(
                "A proxy is an indirect measure built from other data; it may not capture the "
                "criterion as its name suggests.",
                kind="note",
            )
        )
    return Section("sources", "Data sources", tuple(blocks))


def _year_span(years: pd.Series) -> str:
    """The years as "2019" or "2015-2019", or "undated" for values without a year."""
    dated = years.dropna()
    if dated.empty:
        return "undated"
    first, last = int(dated.min()), int(dated.max())
    return str(first) if first == last else f"{first}-{last}"


def _provenance_blocks(problem: Any) -> list[Any]:
    """Per criterion, where its values come from; and every imputed value with its interval.

    Only for a problem with a per-cell provenance (as ``Indicators.to_problem``
    writes it: ``source``, ``year``, ``imputed``, ``note``, ``low``, ``high``).
    """
    provenance = problem.provenance
    if provenance is None or not {"source", "year", "imputed"} <= set(provenance.columns):
        return []
    by_criterion = provenance.groupby(level="criterion", sort=False)
    years = by_criterion["year"].agg(_year_span)
    summary = pd.DataFrame(
        {
            "source": by_criterion["source"].agg(lambda s: "; ".join(dict.fromkeys(s))),
            "year of the values": years,
            "imputed values": by_criterion["imputed"].sum().astype(int),
        }
    ).reindex(problem.criteria)
    summary.index.name = "criterion"
    blocks: list[Any] = [
        Table("provenance", "Where each criterion's values come from (per cell, by year)", summary)
    ]
    imputed = provenance[provenance["imputed"].astype(bool)]
    if not imputed.empty:
        values = pd.Series(problem.matrix.reshape(-1), index=provenance.index)
        table = pd.DataFrame(
            {
                "value": values[imputed.index],
                "low": imputed.get("low"),
                "high": imputed.get("high"),
                "how": imputed.get("note"),
            }
        ).reset_index()
        table.index = pd.RangeIndex(1, len(table) + 1, name="#")
        blocks.append(Table("imputed", "Imputed values and the interval of each", table))
        blocks.append(
            Paragraph(
                "An imputed value is an estimate for a missing observation, not a measurement; "
                "its interval is the range used for it in the uncertainty analysis when that "
                "analysis samples the data.",
                kind="note",
            )
        )
    return blocks


def notes_section(content: ReportContent) -> Section:
    """How the numbers were obtained: the methods' references and the version."""
    import coopdecide

    items = []
    reference = getattr(content.weights, "reference", None)
    if hasattr(content.weights, "results") and hasattr(content.weights, "aggregation"):
        first = next(iter(content.weights.results.values()))
        items.append(f"Best-Worst Method: {first.reference}")
    elif isinstance(reference, str):
        items.append(f"Criteria weights: {reference}")
    elif content.weights is not None:
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
