"""Study files with a ``weights`` section: objective weights, or AHP combined with them."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from coopdecide.exceptions import DominatedAlternativeWarning, StudyFileError
from coopdecide.study import load_study
from coopdecide.weights import critic_weights, entropy_weights

STUDIES = Path(__file__).resolve().parent / "data" / "studies"


def small_dict() -> dict:
    """tests/data/studies/small.yaml: 4 candidates, 3 criteria, 2 experts (AHP weights 1/3 each)."""
    return yaml.safe_load((STUDIES / "small.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(STUDIES / "candidates.csv", tmp_path / "candidates.csv")
    return tmp_path


def write(folder: Path, data: dict) -> Path:
    path = folder / "study.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def run(study):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DominatedAlternativeWarning)
        return study.run()


def _objective_study(method: str) -> dict:
    data = small_dict()
    del data["experts"]
    data["weights"] = {"method": method}
    return data


def test_objective_weights_from_the_data(folder, tmp_path):
    result = run(load_study(write(folder, _objective_study("entropy"))))
    problem = load_study(write(folder, small_dict())).problem
    expected = entropy_weights(problem).weights
    pd.testing.assert_series_equal(result.weights, expected, check_names=False)
    assert result.group is None
    assert result.weights_result is not None and result.weights_result.method == "entropy"
    payload = json.loads(json.dumps(result.to_dict()))
    assert payload["weights_result"]["method"] == "entropy"
    html = result.report(tmp_path / "report.html").read_text(encoding="utf-8")
    assert "objective weights computed from the data by the entropy (Shannon) method" in html
    assert "The weights come from objective weights computed from the data (entropy)" in html
    assert "given directly" not in html
    study = load_study(write(folder, _objective_study("entropy")))
    study.to_file(tmp_path / "copy.yaml")
    assert load_study(tmp_path / "copy.yaml") == study


def test_combined_weights(folder, tmp_path):
    """The small study's experts give 1/3 each (see small.yaml); 0.7 of that plus 0.3 of the
    CRITIC weights of the data."""
    data = small_dict()
    data["weights"] = {"combine": {"ahp": 0.7, "critic": 0.3}}
    result = run(load_study(write(folder, data)))
    problem = load_study(write(folder, small_dict())).problem
    expected = 0.7 / 3 + 0.3 * critic_weights(problem).weights.to_numpy()
    np.testing.assert_allclose(result.weights.to_numpy(), expected, atol=1e-9)
    assert result.group is not None  # the experts' AHP result is kept
    assert result.weights_result.options["alpha"] == 0.7
    html = result.report(tmp_path / "report.html").read_text(encoding="utf-8")
    assert "combined with objective weights" in html
    assert "Ma, J., Fan, Z.-P. and Huang, L.-H. (1999)" in html


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        ({"weights": {"method": "entropy"}}, "weights.method", "would not be used"),
        ({"weights": {"combine": {"ahp": 0.6, "entropy": 0.6}}}, "weights", "sum to 1"),
        ({"weights": {"combine": {"ahp": 1.0}}}, "weights", "one objective method"),
        ({"weights": {"method": "entropy", "combine": {"ahp": 1}}}, "weights", "exactly one"),
        ({"weights": {"method": "gini"}}, "weights.method", "entropy"),
    ],
)
def test_weights_section_errors(folder, change, where, message):
    data = small_dict()
    data.update(change)
    with pytest.raises(StudyFileError, match=rf"{where}.*{message}|{message}"):
        load_study(write(folder, data))


def test_weights_section_needs_the_right_company(folder):
    data = _objective_study("entropy")
    data["criteria"]["benefit"]["weight"] = 1
    with pytest.raises(StudyFileError, match="criteria weights or a weights section, not both"):
        load_study(write(folder, data))
    data = _objective_study("entropy")
    data["weights"] = {"combine": {"ahp": 0.5, "entropy": 0.5}}
    with pytest.raises(StudyFileError, match="list experts with their judgments"):
        load_study(write(folder, data))
    data = _objective_study("merec")
    (folder / "candidates.csv").write_text(
        "name,cost_musd,benefit,risk_score\nAlpha,10,0,3\nBeta,20,9,5\nGamma,15,6,2\n",
        encoding="utf-8",
    )
    with pytest.raises(StudyFileError, match=r"weights.method.*positive values"):
        load_study(write(folder, data))


def _bwm_study() -> dict:
    data = small_dict()
    del data["experts"]
    data["weights"] = {
        "method": "bwm",
        "aggregation": "arithmetic",
        "experts": {
            "ministry": {  # consistent: (4, 2, 1) / 7
                "best_to_others": {"benefit": 1, "risk": 2, "cost": 4},
                "others_to_worst": {"benefit": 4, "risk": 2, "cost": 1},
            },
            "agency": {  # consistent: (2, 1, 4) / 7
                "best_to_others": {"benefit": 2, "risk": 4, "cost": 1},
                "others_to_worst": {"benefit": 2, "risk": 1, "cost": 4},
                "weight": 3,
            },
        },
    }
    return data


def test_bwm_weights(folder, tmp_path):
    study = load_study(write(folder, _bwm_study()))
    result = run(study)
    expected = 0.25 * np.array([4, 2, 1]) / 7 + 0.75 * np.array([2, 1, 4]) / 7
    np.testing.assert_allclose(result.weights.to_numpy(), expected, atol=1e-8)
    assert result.weights_result.consistency.loc["agency", "best"] == "cost"
    json.dumps(result.to_dict())
    html = result.report(tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Best-Worst Method, nonlinear model" in html
    assert "The weights come from the Best-Worst Method of 2 stakeholder(s)" in html
    assert "Rezaei, J. (2015)" in html
    study.to_file(tmp_path / "copy.yaml")
    assert load_study(tmp_path / "copy.yaml") == study


def test_bwm_errors(folder):
    data = _bwm_study()
    data["weights"]["experts"]["ministry"]["best_to_others"] = {"benefit": 1, "risk": 2}
    data["weights"]["experts"]["ministry"]["others_to_worst"] = {"benefit": 2, "risk": 1}
    with pytest.raises(StudyFileError, match=r"weights\.experts.*must judge exactly the criteria"):
        load_study(write(folder, data))
    data = _bwm_study()
    del data["weights"]["experts"]
    with pytest.raises(StudyFileError, match=r"method: bwm takes its judgments from weights\."):
        load_study(write(folder, data))
    data = _bwm_study()
    data["experts"] = small_dict()["experts"]
    with pytest.raises(StudyFileError, match=r"list the BWM stakeholders in weights\.experts"):
        load_study(write(folder, data))
