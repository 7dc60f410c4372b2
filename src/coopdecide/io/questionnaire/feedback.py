"""Feedback questionnaires for Delphi rounds: each expert's judgments beside the group's.

:func:`write_feedback_questionnaire` writes the workbook of the next round. It
has the layout of :func:`~coopdecide.io.write_questionnaire` (so
:func:`~coopdecide.io.read_questionnaire` reads it back unchanged), with the
answer cells filled in with the expert's judgments of the round before and four
read-only columns beside them: that judgment, the group's geometric mean
judgment, the distance between the two and whether the judgment is among the
expert's most inconsistent ones.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from coopdecide._files import save_workbook
from coopdecide._validation import check_positive_int, describe, format_labels, show_number
from coopdecide.ahp.comparison import PairwiseComparison
from coopdecide.ahp.core import ahp
from coopdecide.ahp.group import GroupAHPResult, _completion_for, _weighted_geometric_matrix
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError
from coopdecide.io.questionnaire._layout import (
    _COL_DIRECTION,
    _COL_INTENSITY,
    _HEADER_ROW,
    _NOTE_ROW,
    _Block,
    _check_labels,
    _check_path,
    _check_text,
    _layout,
    _put_text,
)
from coopdecide.io.questionnaire._styles import _STYLE_FEEDBACK, _STYLE_HEADER
from coopdecide.io.questionnaire.fill import _scale_answer
from coopdecide.io.questionnaire.responses import QuestionnaireResponses
from coopdecide.io.questionnaire.write import _questionnaire_workbook

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet.worksheet import Worksheet

#: The read-only feedback columns beside the answer columns (D, E) and the comment (F).
_FEEDBACK_HEADERS = {
    "G": "Your answer in round {previous}",
    "H": "Group (geometric mean)",
    "I": "Distance from the group |ln(yours / group)|",
    "J": "Among your most inconsistent judgments?",
}
_FEEDBACK_WIDTHS = {"G": 24, "H": 22, "I": 22, "J": 26}

#: Judgments whose own-weights error is below this (|ln e_ij|) are never flagged.
_FLAG_TOLERANCE = 1e-9


@dataclass(frozen=True)
class _Feedback:
    """One block of one expert: the judgments, the group's and the flagged pairs."""

    block: _Block
    own: np.ndarray  # the expert's matrix, in the block's item order
    group: np.ndarray  # the group's geometric-mean matrix, same order
    flagged: frozenset[frozenset[str]]  # the most inconsistent pairs {a, b}


def write_feedback_questionnaire(
    responses: QuestionnaireResponses | Mapping[str, PairwiseComparison],
    group_result: GroupAHPResult | Mapping[str | None, GroupAHPResult],
    path: str | os.PathLike[str],
    *,
    round_number: int = 2,
    most_inconsistent: int = 3,
    title: str | None = None,
    overwrite: bool = False,
) -> Path:
    """Write the next Delphi round's questionnaire: each expert's judgments beside the group's.

    Each expert's sheet has the layout of :func:`write_questionnaire`, with
    the answer cells (columns D and E) already filled in with the expert's
    judgments of the previous round, to be kept or revised, and four
    read-only columns:

    * G: the expert's previous answer;
    * H: the group's judgment, the weighted geometric mean
      ``g_ij = prod_k a_ij(k)^lambda_k`` of the experts' judgments as
      ``group_result`` used them (with its expert weights; for the AIJ
      aggregation, the group matrix itself), written as "A, 2.47 times" or
      "B, 1.80 times";
    * I: the log-ratio distance ``|ln(a_ij / g_ij)|`` between the expert's
      judgment and the group's (0: the same; ``ln 3 = 1.10``: a factor of 3
      apart);
    * J: "yes" for the ``most_inconsistent`` judgments with the largest
      ``|ln(a_ij w_j / w_i)|`` against the expert's own priorities (the first
      rows of :meth:`~coopdecide.ahp.AHPResult.inconsistencies`), so the
      expert may reconsider those first.

    The workbook reads back with :func:`read_questionnaire`; returned
    unchanged it gives the previous round's judgments exactly.

    Parameters
    ----------
    responses : QuestionnaireResponses or mapping
        The previous round: what :func:`read_questionnaire` returned (every
        block of it), or a mapping expert name -> the expert's
        :class:`~coopdecide.ahp.PairwiseComparison` of the criteria.
        Judgments must be on Saaty's scale (they are written into the
        dropdowns).
    group_result : GroupAHPResult or mapping
        :func:`~coopdecide.ahp_group` of those judgments; for a questionnaire
        with groups, a mapping block (``None`` for the criteria, group names)
        -> its GroupAHPResult, one per block.
    path : str or os.PathLike
        Where to write; must end in ``.xlsx``. Written atomically.
    round_number : int, default 2
        The round the workbook asks for (shown in the title and headings).
    most_inconsistent : int, default 3
        How many judgments per expert and block to flag in column J
        (judgments that agree with the expert's own priorities are never
        flagged).
    title : str, optional
        The workbook's title; default the previous title (or "Pairwise
        comparison questionnaire") followed by "- round N".
    overwrite : bool, default False
        Replace an existing file.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    InvalidTypeError
        ``responses`` or ``group_result`` of the wrong type.
    InvalidArgumentError
        A ``group_result`` that does not match ``responses`` (other experts,
        other items, other judgments, a missing or unknown block), a judgment
        off Saaty's scale, a bad ``round_number`` or ``most_inconsistent``, or
        an existing file without ``overwrite=True``.

    See Also
    --------
    coopdecide.ahp.consensus_history : S*, compatibility and movement over the rounds.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from coopdecide import PairwiseComparison, ahp_group
    >>> round1 = {
    ...     "Embassy": PairwiseComparison.from_judgments(
    ...         ["trade", "security", "culture"],
    ...         {("trade", "security"): 3, ("trade", "culture"): 5, ("security", "culture"): 2}),
    ...     "Ministry": PairwiseComparison.from_judgments(
    ...         ["trade", "security", "culture"],
    ...         {("security", "trade"): 2, ("trade", "culture"): 3, ("security", "culture"): 4}),
    ... }
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "round2.xlsx"
    >>> write_feedback_questionnaire(round1, ahp_group(round1), path).name
    'round2.xlsx'
    """
    target = _check_path(path)
    round_number = check_positive_int("round_number", round_number, minimum=2)
    flag_count = check_positive_int("most_inconsistent", most_inconsistent, minimum=0)
    if not isinstance(overwrite, bool):
        raise InvalidTypeError(f"overwrite must be True or False; got {describe(overwrite)}")
    experts, blocks, comparisons, previous_title = _previous_round(responses, group_result)
    results = _group_results(group_result, blocks)
    feedback = {
        expert: [
            _block_feedback(block, comparisons[block.node], results[block.node], expert, flag_count)
            for block in blocks
        ]
        for expert in experts
    }
    if title is None:
        title = f"{previous_title or 'Pairwise comparison questionnaire'} - round {round_number}"
    title = _check_text("title", title)
    if target.exists() and not overwrite:
        raise InvalidArgumentError(
            f"path {describe(str(target))} already exists; pass overwrite=True to replace it"
        )
    paragraphs = _explanation(round_number, flag_count)
    workbook, sheets = _questionnaire_workbook(title, paragraphs, blocks, experts)
    for expert, sheet in zip(experts, sheets, strict=True):
        _write_feedback(workbook[sheet], expert, blocks, feedback[expert], round_number)
    return save_workbook(workbook, target)


# -- the previous round and the group results ----------------------------------------------
def _previous_round(
    responses: Any, group_result: Any
) -> tuple[tuple[str, ...], list[_Block], dict[str | None, dict[str, PairwiseComparison]], str]:
    """Experts, blocks, block -> expert -> comparison, and the title of the previous round."""
    if isinstance(responses, QuestionnaireResponses):
        blocks = [_Block(node, tuple(responses.items(node))) for node in responses.nodes]
        comparisons = {node: responses.comparisons(node) for node in responses.nodes}
        return responses.experts, blocks, comparisons, responses.title
    if not isinstance(responses, Mapping):
        raise InvalidTypeError(
            "responses must be the QuestionnaireResponses of the previous round or a mapping "
            f"expert -> PairwiseComparison; got {type(responses).__name__}"
        )
    experts = _check_labels("responses keys (the experts)", list(responses), minimum=1)
    for expert, comparison in responses.items():
        if not isinstance(comparison, PairwiseComparison):
            raise InvalidTypeError(
                f"responses[{describe(expert)}] must be a PairwiseComparison; got "
                f"{type(comparison).__name__}"
            )
    if not isinstance(group_result, GroupAHPResult):
        raise InvalidTypeError(
            "group_result must be the GroupAHPResult of the responses (ahp_group); got "
            f"{type(group_result).__name__}"
        )
    items = _check_labels("the compared items", [str(x) for x in group_result.labels], minimum=2)
    return experts, [_Block(None, items)], {None: dict(responses)}, ""


def _group_results(group_result: Any, blocks: Sequence[_Block]) -> dict[str | None, Any]:
    nodes = [block.node for block in blocks]
    if isinstance(group_result, GroupAHPResult):
        by_node: Mapping[Any, Any] = {None: group_result}
    elif isinstance(group_result, Mapping):
        by_node = group_result
    else:
        raise InvalidTypeError(
            "group_result must be a GroupAHPResult (ahp_group of the responses) or a mapping "
            f"block -> GroupAHPResult; got {type(group_result).__name__}"
        )
    if set(by_node) != set(nodes):
        missing = [node for node in nodes if node not in by_node]
        unknown = [node for node in by_node if node not in nodes]
        raise InvalidArgumentError(
            "group_result must hold one GroupAHPResult per block of the responses "
            f"({format_labels(nodes)}); missing: {format_labels(missing) or 'none'}, unknown: "
            f"{format_labels(unknown) or 'none'}"
        )
    for node, result in by_node.items():
        if not isinstance(result, GroupAHPResult):
            raise InvalidTypeError(
                f"group_result[{describe(node)}] must be a GroupAHPResult; got "
                f"{type(result).__name__}"
            )
    return dict(by_node)


def _block_feedback(
    block: _Block,
    comparisons: Mapping[str, PairwiseComparison],
    result: GroupAHPResult,
    expert: str,
    flag_count: int,
) -> _Feedback:
    """One expert's judgments of one block beside the group's, checked against each other."""
    where = "group_result" if block.node is None else f"group_result[{describe(block.node)}]"
    experts = [str(e) for e in result.experts]
    if set(experts) != set(comparisons) or len(experts) != len(comparisons):
        raise InvalidArgumentError(
            f"{where} is not the group result of these responses: its experts are "
            f"{format_labels(experts)}, the responses' are {format_labels(list(comparisons))}"
        )
    if {str(x) for x in result.labels} != set(block.items):
        raise InvalidArgumentError(
            f"{where} is not the group result of these responses: it compares "
            f"{format_labels(list(result.labels))}, the responses compare "
            f"{format_labels(block.items)}"
        )
    order = [[str(x) for x in result.labels].index(item) for item in block.items]
    used = result.comparisons
    stack = np.stack([used[e].matrix[np.ix_(order, order)] for e in result.experts])
    lam = result.expert_weights.to_numpy(dtype=float)
    keep = lam > 0
    group = _weighted_geometric_matrix(stack[keep], lam[keep] / lam[keep].sum())
    own = _in_order(comparisons[expert], block.items)
    if expert not in result.repairs:
        _check_same_judgments(own, stack[experts.index(expert)], block, expert, where)
    return _Feedback(block, own, group, _most_inconsistent(comparisons[expert], result, flag_count))


def _in_order(comparison: PairwiseComparison, items: Sequence[str]) -> np.ndarray:
    positions = [comparison.position(item) for item in items]
    return comparison.matrix[np.ix_(positions, positions)]


def _check_same_judgments(
    own: np.ndarray, used: np.ndarray, block: _Block, expert: str, where: str
) -> None:
    differs = ~np.isclose(own, used, rtol=1e-12, atol=0.0, equal_nan=True)
    if differs.any():
        i, j = (int(k) for k in np.argwhere(differs)[0])
        raise InvalidArgumentError(
            f"{where} is not the group result of these responses: the judgment of "
            f"{describe(expert)} on ({describe(block.items[i])}, {describe(block.items[j])}) is "
            f"{show_number(float(own[i, j]))} in responses and {show_number(float(used[i, j]))} "
            "in group_result"
        )


def _most_inconsistent(
    comparison: PairwiseComparison, result: GroupAHPResult, count: int
) -> frozenset[frozenset[str]]:
    """The ``count`` pairs with the largest error against the expert's own priorities."""
    if count == 0 or comparison.n < 3:
        return frozenset()
    completion = None if comparison.is_complete else _completion_for(result.method, None)
    own = ahp(
        comparison,
        method=result.method,
        ri_table=result.ri_table,
        completion=completion,
        warn=False,
    )
    table = own.inconsistencies()
    table = table[table["abs_log_error"] > _FLAG_TOLERANCE].head(count)
    return frozenset(
        frozenset((str(a), str(b))) for a, b in zip(table["row"], table["column"], strict=True)
    )


# -- writing -----------------------------------------------------------------------------
def _explanation(round_number: int, flag_count: int) -> list[str]:
    previous = round_number - 1
    lines = [
        f"This is round {round_number}. Your answers from round {previous} are already filled "
        "in (columns D and E). Beside each one you see, in grey:",
        f"G: your answer in round {previous}; H: the group's judgment, the geometric mean of "
        "all experts' answers; I: how far your answer is from the group's, |ln(yours / "
        "group)| (0 = the same, 0.69 = a factor of 2 apart, 1.10 = a factor of 3).",
    ]
    if flag_count:
        lines.append(
            f"J: 'yes' marks up to {flag_count} of your answers that fit your other answers "
            "least (the most inconsistent ones); they are worth a second look."
        )
    lines.append(
        "Keep an answer if you still hold it, or change it, with your reasons in column F if "
        "you like. You need not agree with the group. Return the workbook as before."
    )
    return lines


def _judgment_text(value: float) -> str:
    """A judgment of A over B as the sheet states it: 'A, 2.47 times', 'B, ...' or 'equal'."""
    if math.isnan(value):
        return "(not answered)"
    if math.isclose(value, 1.0, rel_tol=1e-9):
        return "equal"
    if value > 1:
        return f"A, {value:.2f} times"
    return f"B, {1.0 / value:.2f} times"


def _write_feedback(
    ws: Worksheet, expert: str, blocks: Sequence[_Block], feedback: Sequence[_Feedback], rnd: int
) -> None:
    """Fill the answers with the previous round's and write the read-only feedback columns."""
    ws[f"A{_NOTE_ROW}"] = (
        f"Round {rnd}: your previous answers are filled in (columns D and E); keep or change "
        "them. Columns G-J compare each one with the group. See the 'Instructions' sheet."
    )
    for col, header in _FEEDBACK_HEADERS.items():
        ws[f"{col}{_HEADER_ROW}"] = header.format(previous=rnd - 1)
        ws[f"{col}{_HEADER_ROW}"].style = _STYLE_HEADER
        ws.column_dimensions[col].width = _FEEDBACK_WIDTHS[col]
    ws.row_dimensions[_HEADER_ROW].height = 45
    _, pairs = _layout(blocks)
    for pair in pairs:
        found = feedback[pair.block]
        items = found.block.items
        own = float(found.own[pair.i, pair.j])
        group = float(found.group[pair.i, pair.j])
        where = f"responses[{describe(expert)}] judgment ({describe(items[pair.i])}, " + (
            f"{describe(items[pair.j])})"
        )
        answer = _scale_answer(own, where)
        if answer is not None:
            ws[f"{_COL_DIRECTION}{pair.row}"], ws[f"{_COL_INTENSITY}{pair.row}"] = answer
        distance = abs(math.log(own / group)) if not math.isnan(own + group) else None
        flagged = frozenset((items[pair.i], items[pair.j])) in found.flagged
        cells = {
            "G": _judgment_text(own),
            "H": _judgment_text(group),
            "I": None if distance is None else round(distance, 2),
            "J": "yes" if flagged else "",
        }
        for col, value in cells.items():
            cell = ws[f"{col}{pair.row}"]
            cell.style = _STYLE_FEEDBACK
            if isinstance(value, str):
                _put_text(cell, value)
            else:
                cell.value = value
                cell.number_format = "0.00"
