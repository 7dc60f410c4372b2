"""Filling a questionnaire programmatically (for tests and demos)."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from coopdecide._files import save_workbook
from coopdecide._validation import describe, format_labels, show_number
from coopdecide.ahp.comparison import PairwiseComparison
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError
from coopdecide.io.questionnaire._layout import (
    _COL_DIRECTION,
    _COL_INTENSITY,
    SCALE_LABELS,
    _check_path,
    _layout,
)
from coopdecide.io.questionnaire.read import _open_workbook, _read_metadata

if TYPE_CHECKING:  # pragma: no cover
    pass


def _scale_answer(value: float, where: str) -> tuple[str, str] | None:
    """The (direction, intensity label) cells that encode ``value`` (A over B)."""
    if math.isnan(value):
        return None
    if value >= 1:
        direction, magnitude = "A", value
    else:
        direction, magnitude = "B", 1.0 / value
    k = round(magnitude)
    if not (1 <= k <= 9 and math.isclose(magnitude, k, rel_tol=1e-9)):
        raise InvalidArgumentError(
            f"{where} must be on Saaty's scale (1-9 or 1/2-1/9) to be written into the "
            f"questionnaire; got {show_number(value)}"
        )
    if k == 1:
        direction = "equal"
    return direction, SCALE_LABELS[k]


def fill_questionnaire(
    path: str | os.PathLike[str],
    responses: Mapping[str, PairwiseComparison | Mapping[str | None, PairwiseComparison]],
    *,
    output: str | os.PathLike[str] | None = None,
) -> None:
    """Fill answers into a questionnaire as an expert would (for tests and demos).

    For each judgment ``a_ij`` of a comparison, the row ``(i, j)`` of the
    expert's sheet gets ``A`` and the scale label of ``a_ij`` if
    ``a_ij > 1``, ``B`` and the label of ``1/a_ij`` if ``a_ij < 1``, and
    ``equal`` with ``"1 - equal"`` if ``a_ij = 1``. Missing pairs are left
    empty. Experts not in ``responses`` are left as they are.

    Parameters
    ----------
    path : str or os.PathLike
        A workbook written by :func:`write_questionnaire`.
    responses : mapping
        Expert name -> :class:`~coopdecide.ahp.PairwiseComparison` of the
        criteria, or expert name -> ``{block: PairwiseComparison}`` with
        ``None`` for the criteria and group names for the groups. The labels
        of each comparison must be the block's items (in any order) and every
        judgment a value of Saaty's scale or its reciprocal.
    output : str or os.PathLike, optional
        Save the filled workbook here instead of over ``path``.

    Raises
    ------
    InvalidArgumentError
        An unknown expert or block, labels other than the block's items, or a
        judgment off Saaty's scale.
    QuestionnaireError
        ``path`` is not a coopdecide questionnaire.
    """
    source = _check_path(path)
    target = source if output is None else _check_path(output, "output")
    if not isinstance(responses, Mapping):
        raise InvalidTypeError(
            "responses must be a mapping expert -> PairwiseComparison (or -> {block: "
            f"PairwiseComparison}}); got {type(responses).__name__}"
        )
    workbook = _open_workbook(source, data_only=False)
    metadata = _read_metadata(workbook, source)
    sheet_of = dict(zip(metadata.experts, metadata.sheets, strict=True))
    block_index = {block.node: b for b, block in enumerate(metadata.blocks)}
    _, pairs = _layout(metadata.blocks)
    for expert, given in responses.items():
        if expert not in sheet_of:
            raise InvalidArgumentError(
                f"responses name an unknown expert {describe(expert)}; the questionnaire's experts "
                f"are {format_labels(metadata.experts)}"
            )
        by_node = {None: given} if isinstance(given, PairwiseComparison) else given
        if not isinstance(by_node, Mapping):
            raise InvalidTypeError(
                f"responses[{describe(expert)}] must be a PairwiseComparison or a mapping block -> "
                f"PairwiseComparison; got {type(given).__name__}"
            )
        ws = workbook[sheet_of[expert]]
        for node, comparison in by_node.items():
            if node not in block_index:
                raise InvalidArgumentError(
                    f"responses[{describe(expert)}] name an unknown block {describe(node)}; the "
                    f"blocks are {format_labels(block_index)}"
                )
            if not isinstance(comparison, PairwiseComparison):
                raise InvalidTypeError(
                    f"responses[{describe(expert)}][{describe(node)}] must be a "
                    "PairwiseComparison; got "
                    f"{type(comparison).__name__}"
                )
            b = block_index[node]
            items = metadata.blocks[b].items
            if set(comparison.labels) != set(items) or comparison.n != len(items):
                raise InvalidArgumentError(
                    f"responses[{describe(expert)}][{describe(node)}] must compare "
                    f"{format_labels(items)}; got "
                    f"{format_labels(comparison.labels)}"
                )
            positions = [comparison.position(item) for item in items]
            for pair in pairs:
                if pair.block != b:
                    continue
                value = float(comparison.matrix[positions[pair.i], positions[pair.j]])
                where = (
                    f"responses[{describe(expert)}] judgment "
                    f"({describe(items[pair.i])}, {describe(items[pair.j])})"
                )
                answer = _scale_answer(value, where)
                d_cell = ws[f"{_COL_DIRECTION}{pair.row}"]
                e_cell = ws[f"{_COL_INTENSITY}{pair.row}"]
                d_cell.value, e_cell.value = (None, None) if answer is None else answer
    save_workbook(workbook, target)
