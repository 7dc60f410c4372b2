"""The judgments read from a questionnaire: :class:`QuestionnaireResponses`."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from coopdecide._results import Immutable, html_section
from coopdecide._validation import describe, format_labels
from coopdecide.ahp.comparison import PairwiseComparison
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError
from coopdecide.io.questionnaire._layout import (
    _COL_DIRECTION,
    _COL_INTENSITY,
    FORMAT_VERSION,
    _Answer,
    _Block,
    _layout,
)

if TYPE_CHECKING:  # pragma: no cover
    pass


class QuestionnaireResponses(Immutable):
    """The judgments read from a filled questionnaire, per expert and block.

    Produced by :func:`read_questionnaire`; not meant to be built by hand.
    Immutable. A *block* is one set of items compared pairwise: ``None`` for
    the criteria, and one per group (a parent node of a criteria hierarchy).

    Attributes
    ----------
    title : str
        The questionnaire's title.
    sources : tuple of str
        The workbooks the responses were read from.
    experts : tuple of str
        The experts, in the workbooks' order (or the order of ``experts=``).
    nodes : tuple
        The blocks: ``None`` for the criteria first, then the group names.
    sheets : mapping
        Expert name -> the name of the expert's sheet.
    files : mapping
        Expert name -> the workbook that holds the expert's sheet.

    Examples
    --------
    For a hierarchy, ask one block per parent node and give each node's
    comparisons to the group aggregation::

        responses = read_questionnaire("weights.xlsx")
        top = responses.comparisons()                  # expert -> PairwiseComparison
        political = responses.comparisons("political")
        group = ahp_group(top)
        hierarchy = CriteriaHierarchy(structure, responses.by_node(goal="goal"))
        one_expert = responses.for_expert("Embassy", goal="goal")  # node -> comparison
    """

    __slots__ = (
        "_blocks",
        "_comparisons",
        "_experts",
        "_files",
        "_frame",
        "_sheets",
        "_sources",
        "_title",
    )
    _blocks: tuple[_Block, ...]
    _comparisons: dict[str | None, dict[str, PairwiseComparison]]
    _experts: tuple[str, ...]
    _files: Mapping[str, str]
    _frame: pd.DataFrame
    _sheets: Mapping[str, str]
    _sources: tuple[str, ...]
    _title: str

    def __init__(self) -> None:
        raise InvalidTypeError("QuestionnaireResponses is built by read_questionnaire()")

    def __reduce__(self) -> tuple[Any, ...]:
        state = {name: getattr(self, name) for name in self.__slots__}
        state["_sheets"] = dict(self._sheets)
        state["_files"] = dict(self._files)
        return (_restore_responses, (state,))

    @classmethod
    def _build(
        cls,
        *,
        title: str,
        sources: tuple[str, ...],
        experts: tuple[str, ...],
        sheets: dict[str, str],
        files: dict[str, str],
        blocks: tuple[_Block, ...],
        answers: Mapping[str, list[dict[tuple[int, int], _Answer]]],
    ) -> QuestionnaireResponses:
        new = object.__new__(cls)
        comparisons = _comparisons(blocks, experts, answers)
        frame = _answers_frame(blocks, experts, answers, files, sheets)
        for name, attribute in (
            ("_title", title),
            ("_sources", sources),
            ("_files", MappingProxyType(dict(files))),
            ("_experts", experts),
            ("_sheets", MappingProxyType(dict(sheets))),
            ("_blocks", blocks),
            ("_comparisons", comparisons),
            ("_frame", frame),
        ):
            object.__setattr__(new, name, attribute)
        return new

    # -- views ----------------------------------------------------------------------------
    @property
    def title(self) -> str:
        """The questionnaire's title."""
        return self._title

    @property
    def sources(self) -> tuple[str, ...]:
        """The workbooks the responses were read from."""
        return self._sources

    @property
    def files(self) -> Mapping[str, str]:
        """Expert name -> the workbook that holds the expert's sheet (read-only)."""
        return self._files

    @property
    def experts(self) -> tuple[str, ...]:
        """The experts, in order."""
        return self._experts

    @property
    def nodes(self) -> tuple[str | None, ...]:
        """The blocks: ``None`` (the criteria) first, then the group names."""
        return tuple(block.node for block in self._blocks)

    @property
    def sheets(self) -> Mapping[str, str]:
        """Expert name -> sheet name (read-only)."""
        return self._sheets

    @property
    def n_missing(self) -> int:
        """The number of pairs left unanswered, over all experts and blocks."""
        return int(self._frame["value"].isna().sum())

    def _check_node(self, node: Hashable) -> str | None:
        for block in self._blocks:
            if block.node == node:
                return block.node
        raise InvalidArgumentError(
            f"node must be None (the criteria) or a group of the questionnaire "
            f"({format_labels([b.node for b in self._blocks[1:]]) or 'none'}); got {describe(node)}"
        )

    def _check_expert(self, expert: Hashable) -> str:
        if expert not in self._experts:
            raise InvalidArgumentError(
                f"expert must be one of {format_labels(self._experts)}; got {describe(expert)}"
            )
        return str(expert)

    def items(self, node: str | None = None) -> list[str]:
        """The items compared in a block (``None``: the criteria), in order."""
        key = self._check_node(node)
        return list(next(b.items for b in self._blocks if b.node == key))

    def comparisons(self, node: str | None = None) -> dict[str, PairwiseComparison]:
        """Expert -> :class:`~coopdecide.ahp.PairwiseComparison` for one block.

        Parameters
        ----------
        node : str, optional
            A group name; default ``None``, the criteria.

        Returns
        -------
        dict
            A new dict (the comparisons themselves are immutable), in the
            experts' order; pass it to ``ahp_group``.
        """
        return dict(self._comparisons[self._check_node(node)])

    def comparison(self, expert: str, node: str | None = None) -> PairwiseComparison:
        """One expert's comparison for one block (``None``: the criteria)."""
        return self._comparisons[self._check_node(node)][self._check_expert(expert)]

    def for_expert(
        self, expert: str, *, goal: Hashable = None
    ) -> dict[Hashable, PairwiseComparison]:
        """One expert's comparisons, block -> comparison.

        Parameters
        ----------
        expert : str
            The expert's name.
        goal : hashable, optional
            The key of the criteria block; default ``None``. Pass the goal of
            a :class:`~coopdecide.CriteriaHierarchy` (``"goal"`` by default
            there) to get its ``comparisons`` argument directly.
        """
        name = self._check_expert(expert)
        return {key: per_expert[name] for key, per_expert in self._keyed_by_goal(goal).items()}

    def by_node(self, *, goal: Hashable = None) -> dict[Hashable, dict[str, PairwiseComparison]]:
        """Every block's comparisons, block -> (expert -> comparison).

        Parameters
        ----------
        goal : hashable, optional
            The key of the criteria block; default ``None``. With the goal of
            a :class:`~coopdecide.CriteriaHierarchy`, the result is its
            ``comparisons`` argument for a group of experts:
            ``CriteriaHierarchy(structure, responses.by_node(goal="goal"))``.
        """
        return {key: dict(value) for key, value in self._keyed_by_goal(goal).items()}

    def _keyed_by_goal(self, goal: Hashable) -> dict[Hashable, dict[str, PairwiseComparison]]:
        if goal is not None and goal in self._comparisons:
            raise InvalidArgumentError(
                f"goal must not be the name of a group of the questionnaire; got {describe(goal)}"
            )
        return {
            goal if node is None else node: per_expert
            for node, per_expert in self._comparisons.items()
        }

    def to_frame(self) -> pd.DataFrame:
        """Every answer as a tidy table (a copy).

        Returns
        -------
        pandas.DataFrame
            One line per expert and pair, with columns ``expert``, ``node``
            (``None`` for the criteria), ``row`` and ``column`` (criteria A
            and B), ``value`` (how much more important ``row`` is than
            ``column``; ``NaN`` if unanswered), ``comment``, and ``file``
            (name of the workbook), ``sheet`` and ``cells``: where the answer
            is, to take it back to the expert.
        """
        return self._frame.copy()

    # -- rendering, export ------------------------------------------------------------------
    def _answered(self) -> pd.DataFrame:
        frame = self._frame.assign(
            block=["(criteria)" if n is None else n for n in self._frame["node"]]
        )
        table = frame.groupby(["expert", "block"], sort=False)["value"].agg(
            lambda v: f"{int(v.notna().sum())}/{len(v)}"
        )
        return table.unstack("block").reindex(index=list(self._experts))

    def __repr__(self) -> str:
        blocks = len(self._blocks)
        head = (
            f"QuestionnaireResponses({describe(self._title)}, {len(self._experts)} expert(s), "
            f"{blocks} block(s), {self.n_missing} missing answer(s))"
        )
        return f"{head}\nanswered pairs:\n{self._answered().to_string()}"

    def _repr_html_(self) -> str:
        return html_section(
            "QuestionnaireResponses",
            facts={
                "title": self._title,
                "workbooks": ", ".join(self._sources),
                "experts": len(self._experts),
                "blocks": len(self._blocks),
                "missing answers": self.n_missing,
            },
            tables={"answered pairs": self._answered()},
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict.

        Keys ``title``, ``sources``, ``files``, ``format_version``,
        ``experts``, ``sheets`` and ``blocks``: a list of ``{"node": None or group name,
        "items": [...], "comparisons": {expert: PairwiseComparison.to_dict()}}``.
        """
        return {
            "title": self._title,
            "sources": list(self._sources),
            "files": dict(self._files),
            "format_version": FORMAT_VERSION,
            "experts": list(self._experts),
            "sheets": dict(self._sheets),
            "blocks": [
                {
                    "node": block.node,
                    "items": list(block.items),
                    "comparisons": {
                        expert: comparison.to_dict()
                        for expert, comparison in self._comparisons[block.node].items()
                    },
                }
                for block in self._blocks
            ],
        }


def _comparisons(
    blocks: tuple[_Block, ...],
    experts: tuple[str, ...],
    answers: Mapping[str, list[dict[tuple[int, int], _Answer]]],
) -> dict[str | None, dict[str, PairwiseComparison]]:
    """Node -> expert -> the expert's comparison of the node's items."""
    comparisons: dict[str | None, dict[str, PairwiseComparison]] = {}
    for b, block in enumerate(blocks):
        per_expert = {}
        for expert in experts:
            given = answers[expert][b]
            judgments: dict[tuple[Hashable, Hashable], float] = {}
            for (i, j), answer in given.items():
                # Pass the judgment that is at least 1, as an expert states it, so the
                # matrix equals from_judgments of the stated judgments exactly.
                if answer.a_wins:
                    judgments[(block.items[i], block.items[j])] = answer.intensity
                else:
                    judgments[(block.items[j], block.items[i])] = answer.intensity
            per_expert[expert] = PairwiseComparison.from_judgments(block.items, judgments)
        comparisons[block.node] = per_expert
    return comparisons


def _answers_frame(
    blocks: tuple[_Block, ...],
    experts: tuple[str, ...],
    answers: Mapping[str, list[dict[tuple[int, int], _Answer]]],
    files: Mapping[str, str],
    sheets: Mapping[str, str],
) -> pd.DataFrame:
    """One row per expert and pair: the value (NaN if unanswered), comment and cells."""
    records: list[dict[str, Any]] = []
    _, pairs = _layout(blocks)
    for expert in experts:
        for pair in pairs:
            block = blocks[pair.block]
            found = answers[expert][pair.block].get((pair.i, pair.j))
            records.append(
                {
                    "expert": expert,
                    "node": block.node,
                    "row": block.items[pair.i],
                    "column": block.items[pair.j],
                    "value": np.nan if found is None else found.value,
                    "comment": None if found is None else found.comment,
                    "file": Path(files[expert]).name,
                    "sheet": sheets[expert],
                    "cells": f"{_COL_DIRECTION}{pair.row}:{_COL_INTENSITY}{pair.row}",
                }
            )
    columns = [
        "expert",
        "node",
        "row",
        "column",
        "value",
        "comment",
        "file",
        "sheet",
        "cells",
    ]
    return pd.DataFrame(
        {
            name: pd.Series([r[name] for r in records], dtype=float if name == "value" else object)
            for name in columns
        },
        columns=columns,
    )


def _restore_responses(state: dict[str, Any]) -> QuestionnaireResponses:
    """Rebuild a pickled :class:`QuestionnaireResponses`."""
    new = object.__new__(QuestionnaireResponses)
    for name, value in state.items():
        if name in ("_sheets", "_files"):
            value = MappingProxyType(value)
        object.__setattr__(new, name, value)
    return new
