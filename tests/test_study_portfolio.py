"""The study file's portfolio section: acceptability over SMAA samples and the budget sweep."""

from __future__ import annotations

import copy
import json
import shutil
import warnings
from itertools import product
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from coopdecide.exceptions import DominatedAlternativeWarning, StudyFileError
from coopdecide.portfolio import PortfolioResult, portfolio_acceptability
from coopdecide.sensitivity import DirichletWeights, smaa
from coopdecide.study import bundled_study_path, load_study

STUDIES = Path(__file__).resolve().parent / "data" / "studies"
PROGRAMMES = pd.read_csv(STUDIES / "programmes.csv", index_col="programme")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(STUDIES / "candidates.csv", tmp_path / "candidates.csv")
    shutil.copy(STUDIES / "programmes.csv", tmp_path / "programmes.csv")
    return tmp_path


def study_dict(**portfolio) -> dict:
    """tests/data/studies/small.yaml with a portfolio section over programmes.csv."""
    data = yaml.safe_load((STUDIES / "small.yaml").read_text(encoding="utf-8"))
    data["portfolio"] = {
        "data": {"path": "programmes.csv"},
        "cost": "cost",
        "budget": 10,
        "partner": "partner",
        "groups": ["partner"],
        "at_most": {"partner": 1},
        **portfolio,
    }
    return data


def write(folder: Path, data: dict) -> Path:
    path = folder / "study.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def run(path: Path):
    study = load_study(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DominatedAlternativeWarning)  # not the subject here
        return study.run()


def best_by_enumeration(scores: pd.Series, budget: float) -> float:
    """Best total score over every subset of the 6 programmes, at most one per partner."""
    best = -np.inf
    for chosen in product([False, True], repeat=len(PROGRAMMES)):
        rows = PROGRAMMES[list(chosen)]
        if rows["cost"].sum() <= budget + 1e-9 and not rows["partner"].duplicated().any():
            best = max(best, float(scores[rows.index].sum()))
    return best


# ---------------------------------------------------------------------------
# acceptability over the study's SMAA samples
# ---------------------------------------------------------------------------
def test_acceptability_uses_the_studys_smaa_uncertainty(folder):
    data = study_dict(acceptability={"n_samples": 300, "random_state": 11})
    result = run(write(folder, data))
    accept = result.portfolio_acceptability
    assert accept.n_samples == 300
    assert isinstance(result.portfolio, PortfolioResult)  # unchanged, backwards compatible
    # by hand: the study's SMAA uncertainty (Dirichlet, concentration 30, around the group
    # weights), 300 kept samples, each programme scored by its partner in every sample
    samples = smaa(
        result.problem,
        300,
        weights=DirichletWeights(30),
        keep_scores=True,
        random_state=11,
    )
    by_hand = samples.score_samples[PROGRAMMES["partner"]].set_axis(PROGRAMMES.index, axis=1)
    pd.testing.assert_series_equal(
        accept.mean_scores, by_hand.mean().rename("mean_score"), check_names=False
    )
    for s in (0, 150, 299):
        assert accept.optimal_values.iloc[s] == pytest.approx(
            best_by_enumeration(by_hand.iloc[s], 10), abs=1e-9
        )
    again = portfolio_acceptability(
        by_hand,
        PROGRAMMES["cost"],
        10,
        groups={"partner": PROGRAMMES["partner"]},
        at_most={"partner": 1},
    )
    pd.testing.assert_series_equal(accept.acceptability, again.acceptability)


def test_acceptability_seed_defaults_to_the_smaa_sections(folder):
    # without its own random_state the samples are the first ones of the study's SMAA run
    # (same seed, same blocks): their mean partner scores agree with a kept-score run of 500
    data = study_dict(acceptability={"n_samples": 200})
    result = run(write(folder, data))
    assert result.sensitivity["smaa"].seed == 3
    full = smaa(result.problem, 500, weights=DirichletWeights(30), keep_scores=True, random_state=3)
    pd.testing.assert_frame_equal(
        full.rank_acceptability, result.sensitivity["smaa"].rank_acceptability
    )
    first = full.score_samples.iloc[:200][PROGRAMMES["partner"]].mean().to_numpy()
    np.testing.assert_allclose(result.portfolio_acceptability.mean_scores.to_numpy(), first)


def test_acceptability_with_a_lower_is_better_method(folder):
    # VIKOR's Q is lower-is-better: each sample is turned around as max(Q) - Q
    data = study_dict(acceptability={"n_samples": 30, "random_state": 2}, budget=1)
    data["ranking"] = {"method": "vikor"}
    data["sensitivity"] = {"smaa": {"n_samples": 30, "random_state": 2, "weights": "uniform"}}
    result = run(write(folder, data))
    q = smaa(
        result.problem, 30, weights="uniform", method="vikor", keep_scores=True, random_state=2
    )
    flipped = q.score_samples.max(axis=1).to_numpy()[:, None] - q.score_samples.to_numpy()
    mean = pd.Series(flipped.mean(axis=0), index=q.alternatives)
    expected = mean[PROGRAMMES["partner"]].to_numpy()
    np.testing.assert_allclose(result.portfolio_acceptability.mean_scores.to_numpy(), expected)
    # budget 1: only P-DELTA-1 (cost 1) fits, so each sample's optimum is Delta's turned score
    delta = list(q.alternatives).index("Delta")
    np.testing.assert_allclose(
        result.portfolio_acceptability.optimal_values.to_numpy(), flipped[:, delta], atol=1e-12
    )


# ---------------------------------------------------------------------------
# budget sweep
# ---------------------------------------------------------------------------
def test_budget_sweep_from_to_steps_matches_enumeration(folder):
    data = study_dict(budget_sweep={"from": 0, "to": 12, "steps": 7})
    result = run(write(folder, data))
    sweep = result.budget_sweep.to_frame()
    assert sweep["budget"].tolist() == [0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0]
    scores = result.portfolio.scores
    assert scores.to_dict() == {
        p: pytest.approx(result.ranking.scores[partner])
        for p, partner in PROGRAMMES["partner"].items()
    }
    for budget, value in zip(sweep["budget"], sweep["objective_value"], strict=True):
        assert value == pytest.approx(best_by_enumeration(scores, budget), abs=1e-12)
    # the point selection is the sweep's value at the section's budget (10)
    assert result.portfolio.objective_value == pytest.approx(sweep["objective_value"].iloc[5])
    assert result.portfolio_acceptability is None


def test_budget_sweep_list_and_to_dict(folder):
    data = study_dict(budget_sweep={"budgets": [5, 3, 10]})
    result = run(write(folder, data))
    assert result.budget_sweep.budgets.tolist() == [3.0, 5.0, 10.0]
    payload = json.loads(json.dumps(result.to_dict()))
    assert payload["budget_sweep"]["budgets"] == [3.0, 5.0, 10.0]
    assert payload["portfolio_acceptability"] is None
    assert payload["portfolio"]["selected"] == [str(p) for p in result.portfolio.selected]


def test_without_the_options_the_results_are_none(folder):
    result = run(write(folder, study_dict()))
    assert result.portfolio_acceptability is None and result.budget_sweep is None
    payload = result.to_dict()
    assert payload["portfolio_acceptability"] is None and payload["budget_sweep"] is None


def test_budget_sweep_never_feasible_names_the_key(folder):
    data = study_dict(mandatory=["P-GAMMA-2"], budget_sweep={"budgets": [1, 2]})
    with pytest.raises(StudyFileError, match=r"study\.yaml: portfolio\.budget_sweep: .*budget"):
        run(write(folder, data))


def test_round_trip_keeps_the_options_and_the_results(folder, tmp_path):
    data = study_dict(
        acceptability={"n_samples": 50, "random_state": 4},
        budget_sweep={"from": 2, "to": 10, "steps": 5},
    )
    study = load_study(write(folder, data))
    written = yaml.safe_load(study.to_file(tmp_path / "out" / "s.yaml").read_text("utf-8"))
    assert written["portfolio"]["budget_sweep"] == {"from": 2, "to": 10, "steps": 5}
    assert written["portfolio"]["acceptability"] == {"n_samples": 50, "random_state": 4}
    one, two = run(write(folder, data)), run(tmp_path / "out" / "s.yaml")
    pd.testing.assert_frame_equal(one.budget_sweep.to_frame(), two.budget_sweep.to_frame())
    pd.testing.assert_frame_equal(
        one.portfolio_acceptability.to_frame(), two.portfolio_acceptability.to_frame()
    )


def test_acceptability_true_takes_the_defaults(folder):
    study = load_study(write(folder, study_dict(acceptability=True)))
    settings = study._spec.portfolio.acceptability
    assert (settings.n_samples, settings.random_state) == (1000, None)
    off = load_study(write(folder, study_dict(acceptability=False, budget_sweep=None)))
    assert off._spec.portfolio.acceptability is None


# ---------------------------------------------------------------------------
# validation: key paths
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("change", "pattern"),
    [
        (
            {"acceptability": {"n_samples": 0}},
            r"portfolio\.acceptability\.n_samples: expected a positive integer, got 0",
        ),
        (
            {"acceptability": {"n_samples": "many"}},
            r"portfolio\.acceptability\.n_samples: expected a positive integer, got 'many'",
        ),
        (
            {"acceptability": {"n_samples": True}},
            r"portfolio\.acceptability\.n_samples: expected a positive integer, got True",
        ),
        (
            {"acceptability": {"random_state": -1}},
            r"portfolio\.acceptability\.random_state: expected an integer >= 0, got -1",
        ),
        (
            {"acceptability": {"samples": 10}},
            r"portfolio\.acceptability\.samples: unknown key",
        ),
        (
            {"acceptability": {"n_samples": 10}, "score": "cost"},
            r"portfolio\.acceptability: needs score: partner .* got score 'cost'",
        ),
        (
            {"budget_sweep": {"from": 1, "to": 5}},
            r"portfolio\.budget_sweep: give 'budgets' .* missing 'steps'",
        ),
        (
            {"budget_sweep": {"from": 5, "to": 5, "steps": 3}},
            r"portfolio\.budget_sweep: 'to' must be larger than 'from'; got from 5 and to 5",
        ),
        (
            {"budget_sweep": {"from": 0, "to": 5, "steps": 1}},
            r"portfolio\.budget_sweep\.steps: expected an integer >= 2, got 1",
        ),
        (
            {"budget_sweep": {"from": -1, "to": 5, "steps": 3}},
            r"portfolio\.budget_sweep\.from: expected a finite number >= 0, got -1",
        ),
        (
            {"budget_sweep": {"budgets": []}},
            r"portfolio\.budget_sweep\.budgets: expected a non-empty list of budgets",
        ),
        (
            {"budget_sweep": {"budgets": [1, -2]}},
            r"portfolio\.budget_sweep\.budgets: expected finite numbers >= 0, got -2 at "
            r"position 1",
        ),
        (
            {"budget_sweep": {"budgets": [1], "to": 4}},
            r"portfolio\.budget_sweep: give either 'budgets' \(a list\) or 'from'",
        ),
        (
            {"budget_sweep": {"form": 1, "to": 4, "steps": 2}},
            r"portfolio\.budget_sweep\.form: unknown key \(did you mean 'from'\?\)",
        ),
        (
            {"budget_sweep": 7},
            r"portfolio\.budget_sweep: expected a mapping \(key: value\), got 7$",
        ),
    ],
)
def test_errors_name_the_key_path(folder, change, pattern):
    data = study_dict(**change)
    with pytest.raises(StudyFileError, match=r"study\.yaml: " + pattern):
        load_study(write(folder, data))


def test_acceptability_needs_an_smaa_section(folder):
    data = study_dict(acceptability={"n_samples": 10})
    data["sensitivity"].pop("smaa")
    with pytest.raises(
        StudyFileError,
        match=r"portfolio\.acceptability: needs a sensitivity\.smaa section",
    ):
        load_study(write(folder, data))


def test_bundled_study_has_a_small_budget_sweep():
    study = load_study(bundled_study_path())
    sweep = study._spec.portfolio.budget_sweep
    assert sweep is not None and len(sweep.budget_values()) <= 12
    assert study._spec.portfolio.acceptability is None  # kept out of the demo: it costs seconds
    data = copy.deepcopy(study.to_dict())
    assert data["portfolio"]["budget_sweep"] == {"from": 10, "to": 60, "steps": 11}
