"""Results survive pickling (process pools, caches, tools that embed the library) unchanged
and still immutable: read-only mappings and arrays stay read-only."""

from __future__ import annotations

import json
import pickle
from types import MappingProxyType

import numpy as np
import pytest

import coopdecide as cd
from coopdecide.portfolio import budget_sweep, select_portfolio
from coopdecide.sensitivity import compare_methods, critical_changes, one_at_a_time, smaa

CYCLIC = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]


@pytest.fixture(scope="module")
def weighted():
    problem = cd.DecisionProblem(
        [[7.0, 9.0, 9.0], [8.0, 7.0, 8.0], [9.0, 6.0, 8.0], [6.0, 7.0, 8.0]],
        ["max", "min", "max"],
        weights=[0.5, 0.3, 0.2],
    )
    return problem


RESULTS = {
    "topsis": lambda p: cd.topsis(p),
    "rank": lambda p: cd.rank(p, "copras"),
    "ahp": lambda p: cd.ahp([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]),
    "repair": lambda p: cd.repair(CYCLIC),
    "ahp_group": lambda p: cd.ahp_group(
        {"a": [[1, 2], [1 / 2, 1]], "b": [[1, 3], [1 / 3, 1]]}, inconsistent="repair"
    ),
    "one_at_a_time": lambda p: one_at_a_time(p),
    "critical_changes": lambda p: critical_changes(p),
    "smaa": lambda p: smaa(p, weights="uniform", n_samples=200, random_state=3, keep_scores=True),
    "compare_methods": lambda p: compare_methods(p, ["topsis", "copras"]),
    "select_portfolio": lambda p: select_portfolio([3.0, 2.0, 2.5], [2.0, 1.0, 1.5], 3.0),
    "budget_sweep": lambda p: budget_sweep([3.0, 2.0, 2.5], [2.0, 1.0, 1.5], [1.0, 2.0, 3.0]),
}


@pytest.mark.parametrize("kind", sorted(RESULTS))
def test_results_round_trip_through_pickle(kind, weighted):
    result = RESULTS[kind](weighted)
    loaded = pickle.loads(pickle.dumps(result))
    assert type(loaded) is type(result)
    # the same content, compared through the JSON export (an independent serialisation)
    assert json.dumps(loaded.to_dict(), sort_keys=True) == json.dumps(
        result.to_dict(), sort_keys=True
    )
    assert repr(loaded) == repr(result)
    with pytest.raises(AttributeError, match="immutable"):
        loaded.anything = 1
    before, after = result.__getstate__(), loaded.__getstate__()
    for name, value in before.items():
        if isinstance(value, np.ndarray) and not value.flags.writeable:
            assert not after[name].flags.writeable, name


def test_unpickled_mappings_and_arrays_stay_read_only(weighted):
    group = cd.ahp_group(
        {"a": CYCLIC, "b": [[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]},
        inconsistent="repair",
        warn=False,
    )
    loaded = pickle.loads(pickle.dumps(group))
    assert isinstance(loaded.repairs, MappingProxyType)
    assert list(loaded.repairs) == ["a"]
    with pytest.raises(TypeError):
        loaded.repairs["c"] = None  # type: ignore[index]
    ranking = cd.topsis(weighted)
    loaded_ranking = pickle.loads(pickle.dumps(ranking))
    assert isinstance(loaded_ranking.options, MappingProxyType)
    assert dict(loaded_ranking.options) == dict(ranking.options)
    result = smaa(weighted, weights="uniform", n_samples=50, random_state=1, keep_scores=True)
    samples = pickle.loads(pickle.dumps(result)).score_samples
    with pytest.raises(ValueError, match="read-only"):
        samples.to_numpy()[0, 0] = 1.0


def test_study_and_its_result_round_trip_through_pickle():
    from coopdecide.exceptions import DominatedAlternativeWarning
    from coopdecide.study import bundled_study_path

    study = cd.load_study(bundled_study_path())
    with pytest.warns(DominatedAlternativeWarning):
        result = study.run()
    loaded = pickle.loads(pickle.dumps(result))
    assert loaded.study == study
    assert json.dumps(loaded.to_dict(), sort_keys=True) == json.dumps(
        result.to_dict(), sort_keys=True
    )
