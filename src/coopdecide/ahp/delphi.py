"""Delphi rounds: how the consensus of a panel evolves from one round of judgments to the next.

:func:`consensus_history` compares the :class:`~coopdecide.GroupAHPResult` of
several rounds (round 1, then the rounds after feedback with
:func:`~coopdecide.io.write_feedback_questionnaire`): the AHP-OS consensus S*,
each expert's geometric compatibility with the group, how far each expert's
judgments moved since the round before, and how much the group weights changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._results import PlotAccessor, Result, result_dataclass
from coopdecide._validation import describe, format_labels
from coopdecide.ahp.group import GroupAHPResult
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError

__all__ = ["ConsensusHistory", "consensus_history"]


@result_dataclass
class ConsensusHistory(Result):
    """S*, compatibility, movement and group weights of a panel over Delphi rounds.

    Returned by :func:`consensus_history`. Immutable.

    Attributes
    ----------
    rounds : tuple of str
        The rounds' names, in order.
    experts, items : tuple of str
        The experts and the compared items (in the first round's order).
    consensus_array : numpy.ndarray, shape (r,)
        S* (AHP-OS) of each round.
    compatibility_array : numpy.ndarray, shape (r, k)
        Each expert's geometric compatibility (GCOMPI) with the group priorities.
    movement_array : numpy.ndarray, shape (r, k)
        Each expert's root-mean-square log-ratio change of judgments since the
        round before, ``sqrt(mean_{i<j} ln^2(a_ij(t) / a_ij(t-1)))`` over the
        pairs judged in both rounds (0 for an expert who changed nothing; NaN
        in the first round).
    changed_array : numpy.ndarray, shape (r, k)
        How many judgments each expert changed since the round before (0 in
        the first round).
    weight_array : numpy.ndarray, shape (r, n)
        The group priorities of each round.
    """

    rounds: tuple[str, ...]
    experts: tuple[str, ...]
    items: tuple[str, ...]
    consensus_array: np.ndarray
    compatibility_array: np.ndarray
    movement_array: np.ndarray
    changed_array: np.ndarray
    weight_array: np.ndarray

    plot = PlotAccessor("ConsensusHistoryPlots")

    @property
    def consensus(self) -> pd.Series:
        """S* (AHP-OS) per round."""
        return pd.Series(
            self.consensus_array.copy(), index=self._round_index(), name="consensus", dtype=float
        )

    @property
    def compatibility(self) -> pd.DataFrame:
        """GCOMPI of each expert against the group priorities: rounds x experts."""
        return self._by_round(self.compatibility_array, self.experts, "expert")

    @property
    def movement(self) -> pd.DataFrame:
        """RMS log-ratio change of each expert's judgments since the round before."""
        return self._by_round(self.movement_array, self.experts, "expert")

    @property
    def changed(self) -> pd.DataFrame:
        """How many judgments each expert changed since the round before."""
        return self._by_round(self.changed_array, self.experts, "expert")

    @property
    def weights(self) -> pd.DataFrame:
        """The group priorities: rounds x items."""
        return self._by_round(self.weight_array, self.items, "item")

    @cached_property
    def weight_change(self) -> pd.Series:
        """Largest change of a group weight since the round before, ``max_i |w_i(t) - w_i(t-1)|``.

        NaN in the first round. Convergence shows as a shrinking change.
        """
        change = np.full(len(self.rounds), np.nan)
        if len(self.rounds) > 1:
            change[1:] = np.abs(np.diff(self.weight_array, axis=0)).max(axis=1)
        return pd.Series(change, index=self._round_index(), name="weight_change")

    def moved(self, round_name: str | None = None) -> list[str]:
        """The experts who changed at least one judgment in a round (default: the last)."""
        name = self.rounds[-1] if round_name is None else round_name
        if name not in self.rounds:
            raise InvalidArgumentError(
                f"round_name must be one of {format_labels(self.rounds)}; got {describe(name)}"
            )
        row = self.changed_array[self.rounds.index(name)]
        return [expert for expert, n in zip(self.experts, row, strict=True) if n > 0]

    def _round_index(self) -> pd.Index:
        return pd.Index(list(self.rounds), name="round")

    def _by_round(self, values: np.ndarray, columns: Sequence[str], name: str) -> pd.DataFrame:
        frame = pd.DataFrame(values.copy(), index=self._round_index(), columns=list(columns))
        frame.columns.name = name
        return frame

    # -- renderings -------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """One row per round: S*, the largest weight change, mean compatibility, experts moved."""
        return pd.DataFrame(
            {
                "consensus": self.consensus_array,
                "weight_change": self.weight_change.to_numpy(),
                "mean_compatibility": self.compatibility_array.mean(axis=1),
                "experts_moved": (self.changed_array > 0).sum(axis=1),
            },
            index=self._round_index(),
        )

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {
            "rounds": self.to_frame(),
            "compatibility (GCOMPI)": self.compatibility,
            "movement (RMS log-ratio)": self.movement,
            "group weights": self.weights,
        }

    def _summary(self) -> dict[str, Any]:
        return {
            "rounds": len(self.rounds),
            "experts": len(self.experts),
            "S* first": round(float(self.consensus_array[0]), 4),
            "S* last": round(float(self.consensus_array[-1]), 4),
        }

    def _export(self) -> dict[str, Any]:
        return {
            "rounds": list(self.rounds),
            "experts": list(self.experts),
            "items": list(self.items),
            "consensus": self.consensus_array,
            "weight_change": self.weight_change.to_numpy(),
            "compatibility": self.compatibility_array,
            "movement": self.movement_array,
            "changed": self.changed_array,
            "weights": self.weight_array,
        }


def consensus_history(
    rounds: Sequence[GroupAHPResult] | Mapping[str, GroupAHPResult],
) -> ConsensusHistory:
    """Compare the group results of successive Delphi rounds of the same panel.

    For each round: the AHP-OS consensus S* (Goepel 2013) that
    :func:`~coopdecide.ahp_group` computed, each expert's geometric
    compatibility GCOMPI with the group priorities (Aguaron et al. 2022),
    the group priorities; and, from the second round on, which experts
    changed judgments and how much (the root-mean-square of
    ``ln(a_ij(t) / a_ij(t-1))`` over the pairs judged in both rounds) and the
    largest change of a group weight. Rising S*, falling GCOMPI and
    shrinking weight changes show a panel converging.

    Parameters
    ----------
    rounds : sequence or mapping of GroupAHPResult
        The rounds in order (named "round 1", "round 2", ...) or a mapping
        round name -> result. At least one; every round must have the same
        experts and items (in any order).

    Returns
    -------
    ConsensusHistory

    Raises
    ------
    InvalidTypeError
        ``rounds`` is not a sequence or mapping of GroupAHPResult.
    InvalidArgumentError
        No rounds, or rounds with other experts or items than the first.

    Examples
    --------
    >>> from coopdecide import PairwiseComparison, ahp_group
    >>> items = ["trade", "security", "culture"]
    >>> def panel(k):
    ...     return {
    ...         "Embassy": PairwiseComparison.from_judgments(
    ...             items, {("trade", "security"): 3, ("trade", "culture"): 5,
    ...                     ("security", "culture"): 2}),
    ...         "Ministry": PairwiseComparison.from_judgments(
    ...             items, {("trade", "security"): k, ("trade", "culture"): 3,
    ...                     ("security", "culture"): 2}),
    ...     }
    >>> history = consensus_history([ahp_group(panel(1)), ahp_group(panel(2))])
    >>> bool(history.consensus.iloc[1] > history.consensus.iloc[0])
    True
    >>> history.moved()
    ['Ministry']
    """
    named = _named_rounds(rounds)
    names = list(named)
    first = named[names[0]]
    experts = [str(e) for e in first.experts]
    items = [str(x) for x in first.labels]
    consensus, compatibility, weights, matrices = [], [], [], []
    for name, result in named.items():
        _check_same_panel(name, result, experts, items)
        by_expert = {str(e): pc for e, pc in result.comparisons.items()}
        labels = [str(x) for x in result.labels]
        order = [labels.index(item) for item in items]
        consensus.append(result.consensus)
        compatibility.append(result.compatibility.set_axis(by_expert).reindex(experts))
        weights.append(result.weight_array[order])
        matrices.append(
            np.stack(
                [
                    by_expert[e].matrix[np.ix_(*(2 * [[by_expert[e].position(i) for i in items]]))]
                    for e in experts
                ]
            )
        )
    movement, changed = _movement(np.stack(matrices))
    return ConsensusHistory(
        rounds=tuple(names),
        experts=tuple(experts),
        items=tuple(items),
        consensus_array=np.array(consensus, dtype=float),
        compatibility_array=np.array([c.to_numpy(dtype=float) for c in compatibility]),
        movement_array=movement,
        changed_array=changed,
        weight_array=np.array(weights, dtype=float),
    )


def _named_rounds(rounds: Any) -> dict[str, GroupAHPResult]:
    if isinstance(rounds, Mapping):
        named = {str(name): result for name, result in rounds.items()}
    elif isinstance(rounds, Sequence) and not isinstance(rounds, (str, bytes)):
        named = {f"round {k}": result for k, result in enumerate(rounds, start=1)}
    else:
        raise InvalidTypeError(
            "rounds must be a sequence of GroupAHPResult (one per round, in order) or a mapping "
            f"round name -> GroupAHPResult; got {type(rounds).__name__}"
        )
    if not named:
        raise InvalidArgumentError("rounds must hold at least one GroupAHPResult; got none")
    for name, result in named.items():
        if not isinstance(result, GroupAHPResult):
            raise InvalidTypeError(
                f"rounds[{describe(name)}] must be a GroupAHPResult (ahp_group of that round's "
                f"judgments); got {type(result).__name__}"
            )
    return named


def _check_same_panel(
    name: str, result: GroupAHPResult, experts: Sequence[str], items: Sequence[str]
) -> None:
    found = [str(e) for e in result.experts]
    if set(found) != set(experts):
        raise InvalidArgumentError(
            f"rounds[{describe(name)}] has other experts than the first round: expected "
            f"{format_labels(experts)}, got {format_labels(found)}"
        )
    labels = [str(x) for x in result.labels]
    if set(labels) != set(items):
        raise InvalidArgumentError(
            f"rounds[{describe(name)}] compares other items than the first round: expected "
            f"{format_labels(items)}, got {format_labels(labels)}"
        )


def _movement(stack: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """RMS log-ratio change and count of changed judgments per round and expert.

    ``stack`` has shape (rounds, experts, n, n); the first round has NaN movement.
    """
    r, k, n, _ = stack.shape
    movement = np.full((r, k), np.nan)
    changed = np.zeros((r, k), dtype=int)
    if r < 2:
        return movement, changed
    upper = np.triu(np.ones((n, n), dtype=bool), k=1)
    logs = np.log(stack[..., upper])  # (r, k, pairs)
    step = logs[1:] - logs[:-1]
    known = ~np.isnan(step)
    sq = np.where(known, step, 0.0) ** 2
    count = known.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        movement[1:] = np.where(count > 0, np.sqrt(sq.sum(axis=-1) / np.maximum(count, 1)), np.nan)
    changed[1:] = (known & (np.abs(np.where(known, step, 0.0)) > 1e-12)).sum(axis=-1)
    return movement, changed
