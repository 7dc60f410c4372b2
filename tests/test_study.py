"""Study files: loading, validation errors with key paths, running, round trips."""

from __future__ import annotations

import copy
import json
import math
import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from coopdecide.exceptions import (
    DominatedAlternativeWarning,
    InvalidArgumentError,
    StudyFileError,
)
from coopdecide.study import Study, StudyResult, bundled_study_path, load_study
from coopdecide.study.spec import key_path, parse_judgments, read_study_file

STUDIES = Path(__file__).resolve().parent / "data" / "studies"
SMALL = STUDIES / "small.yaml"


@pytest.fixture
def small_dict() -> dict:
    return yaml.safe_load(SMALL.read_text(encoding="utf-8"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(STUDIES / "candidates.csv", tmp_path / "candidates.csv")
    return tmp_path


def write(folder: Path, data: dict, name: str = "study.yaml") -> Path:
    path = folder / name
    if name.endswith(".json"):
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def run(study: Study, **options) -> StudyResult:
    """``study.run()``, expecting the DominatedAlternativeWarning when the data have one."""
    if study.problem.dominated().empty:
        return study.run(**options)
    with pytest.warns(DominatedAlternativeWarning, match="dominated"):
        return study.run(**options)


def topsis_by_hand(matrix: np.ndarray, weights: np.ndarray, types: np.ndarray) -> np.ndarray:
    """Closeness by the textbook formulas (Hwang and Yoon 1981), vector normalization."""
    v = matrix / np.sqrt((matrix**2).sum(axis=0)) * weights
    ideal = np.where(types > 0, v.max(axis=0), v.min(axis=0))
    anti = np.where(types > 0, v.min(axis=0), v.max(axis=0))
    d_plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    return d_minus / (d_plus + d_minus)


# ---------------------------------------------------------------------------
# loading and running
# ---------------------------------------------------------------------------
def test_small_study_loads_with_both_judgment_forms():
    study = load_study(SMALL)
    assert study.experts == ("Expert one", "Expert two")
    assert list(study.problem.criteria) == ["benefit", "risk", "cost"]
    assert study.problem.objectives.tolist() == [1, -1, -1]  # "cost" alias read as min
    # Expert two's triples [benefit, risk, 1/2] etc. are the reciprocals of expert one's
    one = study.comparisons["Expert one"].matrix
    two = study.comparisons["Expert two"].matrix
    np.testing.assert_allclose(one * two, 1.0)


def test_small_study_weights_and_ranking_by_hand():
    result = run(load_study(SMALL))
    assert isinstance(result, StudyResult)
    # Expert one's judgments are consistent with weights 4:2:1 (a_ij = w_i / w_j), so
    # the eigenvector is (4/7, 2/7, 1/7) and CR = 0 (Saaty 1980).
    experts = result.experts
    np.testing.assert_allclose(
        experts.loc["Expert one", ["benefit", "risk", "cost"]].to_numpy(dtype=float),
        [4 / 7, 2 / 7, 1 / 7],
        atol=1e-12,
    )
    assert abs(experts.loc["Expert one", "cr"]) < 1e-12
    # Expert two judges exactly the reciprocals: the weighted geometric mean (AIJ) of
    # a_ij and 1/a_ij is 1 for every pair, so the group weights are 1/3 each.
    np.testing.assert_allclose(result.weights.to_numpy(), [1 / 3] * 3, atol=1e-12)
    # TOPSIS with these weights, recomputed with the textbook formulas
    data = pd.read_csv(STUDIES / "candidates.csv", index_col="name")
    matrix = data[["benefit", "risk_score", "cost_musd"]].to_numpy(dtype=float)
    expected = topsis_by_hand(matrix, np.full(3, 1 / 3), np.array([1, -1, -1]))
    np.testing.assert_allclose(result.ranking.scores.to_numpy(), expected, atol=1e-12)
    assert result.best == data.index[int(np.argmax(expected))]
    assert set(result.sensitivity) == {"one_at_a_time", "critical_changes", "smaa"}


def test_warnings_name_the_dominated_alternative():
    # Beta (cost 20, benefit 9, risk 5) is better than Delta (30, 8, 6) on every criterion
    result = run(load_study(SMALL))
    dominated = [w for w in result.warnings if "dominated" in w]
    assert len(dominated) == 1
    assert "'Delta' (by 'Beta')" in dominated[0]


def test_inconsistent_expert_is_a_warning(folder, small_dict):
    data = copy.deepcopy(small_dict)
    # benefit > risk 2, risk > cost 2 but cost > benefit 4: a cycle, CR far above 0.1
    data["experts"][0]["judgments"] = {"benefit > risk": 2, "risk > cost": 2, "cost > benefit": 4}
    result = run(load_study(write(folder, data)))
    assert not bool(result.experts.loc["Expert one", "consistent"])
    assert any("'Expert one' is inconsistent" in w for w in result.warnings)


def test_fixed_weights_json_study():
    study = load_study(STUDIES / "fixed_weights.json")
    assert study.experts == ()
    result = run(study)
    np.testing.assert_allclose(result.weights.to_numpy(), [0.5, 0.25, 0.25])
    assert result.group is None
    assert result.experts.empty
    assert result.ranking.options["normalization"] == "minmax"


def test_bundled_study_shows_an_inconsistent_illustrative_expert():
    study = load_study(bundled_study_path())
    assert study.problem.shape == (31, 6)
    assert all("(illustrative)" in name for name in study.experts)
    from coopdecide.ahp import ahp

    # one expert with CR between 0.12 and 0.2 (Saaty 1980 table), the others consistent
    crs = {name: ahp(pc, warn=False).cr for name, pc in study.comparisons.items()}
    inconsistent = [name for name, cr in crs.items() if cr > 0.1]
    assert inconsistent == ["National Development Planning Agency (illustrative)"]
    assert 0.12 <= crs[inconsistent[0]] <= 0.2
    criteria = study.criteria
    # from the dataset's metadata: cultural distance is a proxy, the WGI-based risk is not
    assert criteria.loc["cultural_distance", "proxy"]
    assert not criteria.loc["risk", "proxy"]
    assert not criteria.loc["economic_size", "proxy"]


def test_focal_country_of_the_bundled_dataset(folder):
    """``data.focal`` chooses the partner-countries dataset's focal country."""
    from coopdecide.datasets import load_partner_countries

    data = yaml.safe_load(bundled_study_path().read_text(encoding="utf-8"))
    assert data["data"]["focal"] == "IDN"
    data["data"] = {"dataset": "partner_countries", "focal": "KEN"}
    kenya = load_study(write(folder, data)).problem
    assert "Kenya" not in kenya.alternatives and "Indonesia" in kenya.alternatives
    expected = load_partner_countries(focal="KEN").performance["political_alignment"]
    pd.testing.assert_series_equal(
        kenya.performance["political_alignment"], expected, check_names=False
    )
    del data["data"]["focal"]  # the default: Indonesia
    assert "Indonesia" not in load_study(write(folder, data)).problem.alternatives


def test_transforms_are_applied(folder, small_dict):
    data = copy.deepcopy(small_dict)
    data["criteria"]["cost"]["transform"] = "log"
    data["criteria"]["benefit"]["transform"] = "log1p"
    data["criteria"]["risk"]["target"] = 4
    study = load_study(write(folder, data))
    table = pd.read_csv(STUDIES / "candidates.csv", index_col="name")
    performance = study.problem.performance
    np.testing.assert_allclose(performance["cost"], np.log(table["cost_musd"]))
    np.testing.assert_allclose(performance["benefit"], np.log1p(table["benefit"]))
    np.testing.assert_allclose(performance["risk"], (table["risk_score"] - 4).abs())


def test_alternatives_subset(folder, small_dict):
    data = copy.deepcopy(small_dict)
    data["data"]["alternatives"] = ["Gamma", "Alpha", "Beta"]
    study = load_study(write(folder, data))
    assert list(study.problem.alternatives) == ["Gamma", "Alpha", "Beta"]


def test_questionnaire_judgments(folder, small_dict):
    pytest.importorskip("openpyxl")
    from coopdecide.io.questionnaire import fill_questionnaire, write_questionnaire

    inline = load_study(SMALL)
    workbook = folder / "panel.xlsx"
    write_questionnaire(workbook, ["benefit", "risk", "cost"], ["Expert one", "Expert two"])
    fill_questionnaire(workbook, dict(inline.comparisons))
    data = copy.deepcopy(small_dict)
    for expert in data["experts"]:
        del expert["judgments"]
        expert["questionnaire"] = "panel.xlsx"
    study = load_study(write(folder, data))
    assert study.comparisons == inline.comparisons
    assert run(study).weights.equals(run(inline).weights)


# ---------------------------------------------------------------------------
# round trips
# ---------------------------------------------------------------------------
def comparable(result: StudyResult) -> dict:
    data = result.to_dict()
    data.pop("source")
    return data


@pytest.mark.parametrize("name", ["copy.yaml", "sub/copy.json"])
def test_round_trip_gives_the_same_study_and_result(tmp_path, name):
    study = load_study(SMALL)
    target = tmp_path / name
    target.parent.mkdir(exist_ok=True)
    study.to_file(target)
    again = load_study(target)
    assert again == study
    # the data path was rewritten relative to the new file
    written = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert not Path(written["data"]["path"]).is_absolute()
    assert comparable(run(again)) == comparable(run(study))


def test_round_trip_of_the_bundled_study(tmp_path):
    study = load_study(bundled_study_path())
    again = load_study(study.to_file(tmp_path / "study.yaml"))
    assert again == study
    assert again.to_dict()["experts"][0]["judgments"] == study.to_dict()["experts"][0]["judgments"]


def test_written_judgments_use_the_mapping_form(tmp_path):
    study = load_study(SMALL)
    written = yaml.safe_load(study.to_file(tmp_path / "s.yaml").read_text(encoding="utf-8"))
    assert written["experts"][1]["judgments"] == {
        "risk > benefit": 2,
        "cost > benefit": 4,
        "cost > risk": 2,
    }


def test_studies_differ_when_a_judgment_differs(folder, small_dict):
    data = copy.deepcopy(small_dict)
    data["experts"][0]["judgments"]["benefit > cost"] = 5
    assert load_study(write(folder, data)) != load_study(SMALL)


# ---------------------------------------------------------------------------
# results
# ---------------------------------------------------------------------------
def test_result_to_dict_is_json():
    result = run(load_study(SMALL))
    text = json.dumps(result.to_dict(), allow_nan=False)
    back = json.loads(text)
    assert back["ranking_table"][0]["alternative"] == result.best
    assert set(back["sensitivity"]) == {"one_at_a_time", "critical_changes", "smaa"}
    assert back["warnings"] == list(result.warnings)


def test_result_is_immutable_and_renders():
    result = run(load_study(SMALL))
    with pytest.raises(AttributeError, match="immutable"):
        result.ranking = None  # type: ignore[misc]
    assert "StudyResult(" in repr(result)
    assert "<table" in result._repr_html_()
    stability = result.stability()
    assert stability["best"] == result.best
    assert 0 <= stability["smaa_first_rank"] <= 1
    assert math.isclose(result.to_frame()["first_rank_acceptability"].sum(), 1.0)


def test_study_cannot_be_built_directly():
    with pytest.raises(TypeError, match="load_study"):
        Study()


def test_a_missing_report_function_fails_clearly():
    from coopdecide.study.result import _report_function

    with pytest.raises(ImportError, match=r"coopdecide\.report\.no_such_writer is not available"):
        _report_function("no_such_writer")


# ---------------------------------------------------------------------------
# judgments and key paths
# ---------------------------------------------------------------------------
def test_parse_judgments_forms():
    assert parse_judgments({"a > b": 3, "c < a": "5", "b = c": 1}) == (
        ("a", "b", 3.0),
        ("a", "c", 5.0),
        ("b", "c", 1.0),
    )
    assert parse_judgments([["a", "b", "1/3"], ["a", "c", 2]]) == (
        ("b", "a", 3.0),
        ("a", "c", 2.0),
    )


def test_key_path_rendering():
    assert key_path(("criteria", "trade", "objective")) == "criteria.trade.objective"
    assert key_path(("experts", 2, "weight")) == "experts[2].weight"
    assert key_path(("criteria", "GDP per capita")) == "criteria['GDP per capita']"


# ---------------------------------------------------------------------------
# errors: each names the file, the key path and the problem
# ---------------------------------------------------------------------------
def broken(small_dict: dict, change) -> dict:
    data = copy.deepcopy(small_dict)
    change(data)
    return data


def _set(path, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _delete(path):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


CASES = {
    "objective": (
        _set(["criteria", "benefit", "objective"], "maximum"),
        r"criteria\.benefit\.objective: expected max or min .*got 'maximum'",
    ),
    "unknown key": (
        _set(["criteria", "benefit", "objetive"], "max"),
        r"criteria\.benefit\.objetive: unknown key \(did you mean 'objective'\?\)",
    ),
    "missing key": (
        _delete(["title"]),
        r"study\.yaml: title: required key is missing",
    ),
    "wrong type": (
        _set(["experts", 0, "weight"], "heavy"),
        r"experts\[0\]\.weight: expected a number, got 'heavy'",
    ),
    "negative expert weight": (
        _set(["experts", 1, "weight"], -1),
        r"experts\[1\]\.weight: expected a number >= 0, got -1",
    ),
    "unknown criterion in judgments": (
        _set(
            ["experts", 0, "judgments"],
            {"benefit > risk": 2, "benefit > cots": 4, "risk > cost": 2},
        ),
        r"experts\[0\]\.judgments: expert 'Expert one': unknown criterion 'cots'",
    ),
    "judgment off the scale": (
        _set(["experts", 0, "judgments", "benefit > cost"], 12),
        r"experts\[0\]\.judgments: 'benefit > cost': expected a value from 1 to 9 .*got 12",
    ),
    "judgment below 1 after >": (
        _set(["experts", 0, "judgments", "benefit > cost"], "1/4"),
        r"experts\[0\]\.judgments: .*write the more important item first: 'cost > benefit: 4'",
    ),
    "malformed judgment key": (
        _set(["experts", 0, "judgments"], {"benefit >> risk": 2}),
        r"experts\[0\]\.judgments: 'benefit >> risk': expected 'A > B'",
    ),
    "pair judged twice": (
        _set(["experts", 0, "judgments", "cost < benefit"], 4),
        r"experts\[0\]\.judgments: expert 'Expert one': the pair 'benefit' and 'cost' is "
        r"judged twice",
    ),
    "missing pairs": (
        _delete(["experts", 0, "judgments", "risk > cost"]),
        r"experts\[0\]\.judgments: expert 'Expert one': 1 pair\(s\) not judged: 'risk' and "
        r"'cost' .*allow_missing",
    ),
    "duplicate experts": (
        _set(["experts", 1, "name"], "Expert one"),
        r"experts\[1\]\.name: expert 'Expert one' is listed twice",
    ),
    "judgments and questionnaire": (
        _set(["experts", 0, "questionnaire"], "panel.xlsx"),
        r"experts\[0\]: give exactly one of 'judgments' \(inline\) and 'questionnaire'",
    ),
    "missing column": (
        _set(["criteria", "risk", "column"], "risk_scroe"),
        r"criteria\.risk\.column: column 'risk_scroe' is not in the data",
    ),
    "criterion named after no column": (
        _set(["criteria", "quality"], {"objective": "max"}),
        r"criteria\.quality: column 'quality' is not in the data",
    ),
    "unknown transform": (
        _set(["criteria", "risk", "transform"], "sqrt"),
        r"criteria\.risk\.transform: expected log, log10 or log1p, got 'sqrt'",
    ),
    "target with max": (
        _set(["criteria", "benefit", "target"], 5),
        r"criteria\.benefit: with 'target' .* 'objective' must be min",
    ),
    "unknown method": (
        _set(["ranking", "method"], "topsys"),
        r"ranking\.method: unknown method 'topsys'; expected one of 'topsis'",
    ),
    "unknown ranking option": (
        _set(["ranking", "options"], {"normalisation": "vector"}),
        r"ranking\.options\.normalisation: unknown option for method 'topsis'",
    ),
    "unknown ahp setting value": (
        _set(["ahp"], {"ri_table": "saaty"}),
        r"ahp\.ri_table: expected saaty1980, saaty2005, alonso-lamata or donegan-dodd",
    ),
    "unknown sensitivity option": (
        _set(["sensitivity", "critical_changes"], {"grid": 10}),
        r"sensitivity\.critical_changes\.grid: unknown option",
    ),
    "smaa without uncertainty": (
        _set(["sensitivity", "smaa"], {"n_samples": 100}),
        r"sensitivity\.smaa: SMAA needs a source of uncertainty",
    ),
    "oat unknown criterion": (
        _set(["sensitivity", "one_at_a_time"], {"criterion": "benfit"}),
        r"sensitivity\.one_at_a_time\.criterion: unknown criterion 'benfit'",
    ),
    "weights and experts": (
        _set(["criteria", "benefit", "weight"], 1),
        r"criteria\.benefit\.weight: give criteria weights or experts with judgments, not both",
    ),
    "no weights at all": (
        _delete(["experts"]),
        r"study\.yaml: experts: list experts with their judgments, or give every criterion",
    ),
    "both data sources": (
        _set(["data", "dataset"], "partner_countries"),
        r"data: give exactly one of 'dataset' .* and 'path'",
    ),
    "unknown dataset": (
        lambda d: d.__setitem__("data", {"dataset": "countries"}),
        r"data\.dataset: expected one of the bundled datasets \(partner_countries, "
        r"programmes\), got 'countries'",
    ),
    "focal with a data file": (
        _set(["data", "focal"], "KEN"),
        r"data: 'focal' \(the country planning its cooperation, an ISO3 code\) applies to the "
        r"dataset 'partner_countries' and to indicator files \('indicators'\) only, got it with "
        r"a data file",
    ),
    "unknown focal country": (
        lambda d: d.__setitem__("data", {"dataset": "partner_countries", "focal": "Ken"}),
        r"data\.focal: focal must be the ISO 3166-1 alpha-3 code .* got 'Ken' "
        r"\(did you mean 'KEN'\?\)",
    ),
    "unknown alternative": (
        _set(["data", "alternatives"], ["Alpha", "Omega"]),
        r"data\.alternatives: unknown alternative\(s\) 'Omega'",
    ),
    "index column missing": (
        _set(["data", "index"], "country"),
        r"data\.index: column 'country' is not in .*candidates\.csv",
    ),
    "criterion name with a sign": (
        lambda d: d["criteria"].__setitem__("a>b", {"objective": "max", "column": "benefit"}),
        r"criteria\['a>b'\]: criterion names must be .* without '>', '<' or '='",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_study_file_errors(folder, small_dict, case):
    change, pattern = CASES[case]
    path = write(folder, broken(small_dict, change))
    with pytest.raises(StudyFileError, match=pattern) as info:
        load_study(path)
    assert str(info.value).startswith(str(path))  # the file is named first


def test_data_file_that_does_not_exist_names_the_resolved_path(tmp_path, small_dict):
    path = write(tmp_path, small_dict)  # no candidates.csv beside it
    expected = str((tmp_path / "candidates.csv").resolve())
    with pytest.raises(
        StudyFileError,
        match=r"data\.path: data file 'candidates\.csv' does "
        r"not exist \(looked for '(.*)'\)",
    ) as info:
        load_study(path)
    assert expected in str(info.value)
    assert info.value.key == "data.path"


def test_non_numeric_data(folder, small_dict):
    (folder / "candidates.csv").write_text(
        "name,cost_musd,benefit,risk_score\nAlpha,10,7,3\nBeta,,9,5\nGamma,x,1,1\n",
        encoding="utf-8",
    )
    with pytest.raises(
        StudyFileError,
        match=r"criteria\.cost\.column: column 'cost_musd' must "
        r"hold a finite number for every alternative; got 'Beta' \(missing\), 'Gamma' \('x'\)",
    ):
        load_study(write(folder, small_dict))


def test_log_of_zero(folder, small_dict):
    (folder / "candidates.csv").write_text(
        "name,cost_musd,benefit,risk_score\nAlpha,10,7,0\nBeta,20,9,5\n", encoding="utf-8"
    )
    data = broken(small_dict, _set(["criteria", "risk", "transform"], "log"))
    with pytest.raises(
        StudyFileError,
        match=r"criteria\.risk\.transform: log needs values > 0 "
        r"\(log1p accepts zeros\); column 'risk_score' has 'Alpha' \(0\)",
    ):
        load_study(write(folder, data))


def test_duplicate_alternatives(folder, small_dict):
    (folder / "candidates.csv").write_text(
        "name,cost_musd,benefit,risk_score\nAlpha,10,7,3\nAlpha,20,9,5\n", encoding="utf-8"
    )
    with pytest.raises(
        StudyFileError,
        match=r"data\.index: alternative names must be unique; "
        r"duplicated: 'Alpha'",
    ):
        load_study(write(folder, small_dict))


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("title: x\ncriteria: [a, b\n", encoding="utf-8")
    with pytest.raises(StudyFileError, match=r"bad\.yaml: invalid YAML at line 3"):
        read_study_file(path)


def test_yaml_duplicate_key(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text("title: x\ntitle: y\n", encoding="utf-8")
    with pytest.raises(StudyFileError, match=r"duplicate key 'title' \(first at line 1\)"):
        read_study_file(path)


def test_json_duplicate_key_and_syntax(tmp_path):
    path = tmp_path / "dup.json"
    path.write_text('{"title": "x", "title": "y"}', encoding="utf-8")
    with pytest.raises(StudyFileError, match=r"invalid JSON: duplicate key 'title'"):
        read_study_file(path)
    path.write_text('{"title": ', encoding="utf-8")
    with pytest.raises(StudyFileError, match=r"invalid JSON at line 1"):
        read_study_file(path)


def test_yaml_tags_are_not_executed(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("title: !!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(StudyFileError, match=r"invalid YAML at line 1.*could not determine"):
        read_study_file(path)


def test_wrong_suffix_empty_file_and_not_a_mapping(tmp_path):
    with pytest.raises(StudyFileError, match=r"expected a \.yaml, \.yml or \.json study file"):
        read_study_file(tmp_path / "study.txt")
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    with pytest.raises(StudyFileError, match="the file is empty"):
        read_study_file(tmp_path / "empty.yaml")
    (tmp_path / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(StudyFileError, match="must hold a mapping"):
        read_study_file(tmp_path / "list.yaml")


def test_missing_study_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_study(tmp_path / "nothing.yaml")


def test_several_problems_are_listed_on_one_line(folder, small_dict):
    data = broken(small_dict, _set(["criteria", "benefit", "objective"], "up"))
    data["criteria"]["risk"]["unit"] = ["a"]
    with pytest.raises(
        StudyFileError,
        match=r"\(and 1 more: criteria\.risk\.unit: expected "
        r"text",
    ) as info:
        load_study(write(folder, data))
    assert "\n" not in str(info.value)


def test_run_time_errors_name_the_section(folder, small_dict):
    # copras needs non-negative data: a data problem (not an option), found when the
    # study is run and reported at the ranking section
    (folder / "negative.csv").write_text(
        "name,cost_musd,benefit,risk_score\nAlpha,10,-7,3\nBeta,20,9,5\nGamma,15,6,2\n",
        encoding="utf-8",
    )
    data = copy.deepcopy(small_dict)
    data["data"]["path"] = "negative.csv"
    data["ranking"] = {"method": "copras"}
    data["sensitivity"] = {}
    study = load_study(write(folder, data))
    with pytest.raises(StudyFileError, match=r"study\.yaml: ranking: copras needs non-negative"):
        study.run()


def test_run_time_errors_name_the_option():
    # the mapping used by the run for the errors the load-time checks cannot foresee
    from coopdecide.exceptions import UnknownMethodError
    from coopdecide.study.spec.errors import option_error as _option_error

    error = _option_error(
        "s.yaml",
        ("sensitivity", "smaa"),
        {"n_samples": 10, "data": {"spread": 0.1}},
        InvalidArgumentError("spread must be finite; got NaN or infinite values"),
        nested={"spread": (("sensitivity", "smaa", "data", "spread"), {})},
    )
    assert str(error) == (
        "s.yaml: sensitivity.smaa.data.spread: must be finite; got NaN or infinite values"
    )
    error = _option_error(
        "s.yaml",
        ("sensitivity", "compare_methods"),
        {"methods": ["topsis", "x"]},
        UnknownMethodError("methods[1] must be one of 'topsis', 'vikor'; got 'x'"),
    )
    assert str(error) == (
        "s.yaml: sensitivity.compare_methods.methods[1]: expected one of 'topsis', 'vikor', got 'x'"
    )
    error = _option_error("s.yaml", "ranking", {}, InvalidArgumentError("the data is bad"))
    assert str(error) == "s.yaml: ranking: the data is bad"


def _ranking(method, **options):
    return lambda data: data.__setitem__("ranking", {"method": method, "options": options})


def _smaa(**options):
    return lambda data: data["sensitivity"].__setitem__("smaa", {"n_samples": 100, **options})


def _analysis(name, **options):
    return lambda data: data["sensitivity"].__setitem__(name, options)


def _disconnect(data):
    data["ahp"] = {"allow_missing": True}
    data["experts"][1]["judgments"] = [["benefit", "risk", "1/2"]]


# option values that only the library can judge: each is caught when the study is
# loaded, with the full key path, by the library's own validation
VALUE_CASES = {
    "topsis normalization": (
        _ranking("topsis", normalization="l2"),
        r"study\.yaml: ranking\.options\.normalization: expected one of 'vector', 'minmax', "
        r"'max', 'sum', got 'l2'$",
    ),
    "topsis distance": (
        _ranking("topsis", distance="chebyshev"),
        r"ranking\.options\.distance: expected one of 'euclidean', 'manhattan', got 'chebyshev'",
    ),
    "pymcdm normalization": (
        _ranking("wsm", normalization="l2"),
        r"ranking\.options\.normalization: expected one of 'minmax', .*got 'l2'",
    ),
    "pymcdm value out of range": (
        _ranking("vikor", v=2),
        r"ranking\.options\.v: must be a number in \[0, 1\]; got 2$",
    ),
    "multimoora aggregation": (
        _ranking("multimoora", aggregation="borda"),
        r"ranking\.options\.aggregation: expected one of 'dominance', 'rank_sum', got 'borda'$",
    ),
    "pymcdm unknown preference function": (
        _ranking("promethee_ii", preference_function="gaussian"),
        r"ranking\.options\.preference_function: expected one of 'usual', .*got 'gaussian'$",
    ),
    "smaa n_samples zero": (
        _smaa(n_samples=0, weights="uniform"),
        r"sensitivity\.smaa\.n_samples: must be at least 1; got 0",
    ),
    "smaa n_samples text": (
        _smaa(n_samples="many", weights="uniform"),
        r"sensitivity\.smaa\.n_samples: must be an integer; got 'many'",
    ),
    "smaa random_state": (
        _smaa(random_state="x", weights="uniform"),
        r"sensitivity\.smaa\.random_state: must be None, an int or a numpy",
    ),
    "smaa chunk_size": (
        _smaa(chunk_size=0, weights="uniform"),
        r"sensitivity\.smaa\.chunk_size: must be at least 1; got 0",
    ),
    "judgment steps": (
        _smaa(judgments={"steps": -1}),
        r"sensitivity\.smaa\.judgments\.steps: must be between 0 and 16 .*got -1",
    ),
    "judgment sigma": (
        _smaa(judgments={"sigma": -0.5}),
        r"sensitivity\.smaa\.judgments\.sigma: must be at least 0",
    ),
    "judgment unknown setting": (
        _smaa(judgments={"step": 1}),
        r"sensitivity\.smaa\.judgments\.step: unknown option; the options are 'steps', 'sigma'",
    ),
    "judgment steps and sigma": (
        _smaa(judgments={"steps": 1, "sigma": 0.1}),
        r"sensitivity\.smaa\.judgments: JudgmentUncertainty needs exactly one of steps",
    ),
    "dirichlet concentration": (
        _smaa(weights={"concentration": -1}),
        r"sensitivity\.smaa\.weights\.concentration: must be greater than 0",
    ),
    "data distribution": (
        _smaa(data={"spread": 0.1, "distribution": "cauchy"}),
        r"sensitivity\.smaa\.data\.distribution: expected one of 'normal', 'uniform', "
        r"'triangular', 'pert', 'lognormal', got 'cauchy'",
    ),
    "data spread criterion": (
        _smaa(data={"spread": {"bnefit": 0.1}}),
        r"sensitivity\.smaa\.data\.spread: spread names criteria that do not exist: 'bnefit'",
    ),
    "data negative spread": (
        _smaa(data=-0.1),
        r"sensitivity\.smaa\.data: must be non-negative; got -0\.1",
    ),
    "data relative": (
        _smaa(data={"spread": 0.1, "relative": "yes"}),
        r"sensitivity\.smaa\.data\.relative: must be True or False; got 'yes'",
    ),
    "data unknown setting": (
        _smaa(data={"spread": 0.1, "spred": 1}),
        r"sensitivity\.smaa\.data\.spred: unknown option; the options are 'spread', "
        r"'relative', 'distribution', 'clip_negative'",
    ),
    "critical grid_points": (
        _analysis("critical_changes", grid_points=1),
        r"sensitivity\.critical_changes\.grid_points: must be at least 2; got 1",
    ),
    "one-at-a-time n_points": (
        _analysis("one_at_a_time", n_points="many"),
        r"sensitivity\.one_at_a_time\.n_points: must be an integer; got 'many'",
    ),
    "compared method name": (
        _analysis("compare_methods", methods=["topsis", "vikr"]),
        r"sensitivity\.compare_methods\.methods\[1\]: expected one of 'topsis', .*got 'vikr'",
    ),
    "compared method option": (
        _analysis("compare_methods", methods=["topsis", ["vikor", {"v": 3}]]),
        r"sensitivity\.compare_methods\.methods\[1\]\.v: must be a number in \[0, 1\]; got 3$",
    ),
    "one compared method": (
        _analysis("compare_methods", methods=["topsis"]),
        r"sensitivity\.compare_methods\.methods: must name at least two methods; got 1",
    ),
    "compare top_k": (
        _analysis("compare_methods", top_k=0),
        r"sensitivity\.compare_methods\.top_k: must be at least 1; got 0",
    ),
    "disconnected judgments": (
        _disconnect,
        r"experts\[1\]\.judgments: expert 'Expert two': the judged pairs do not connect all "
        r"the items.* 2 separate groups: \['benefit', 'risk'\]; \['cost'\]",
    ),
}


@pytest.mark.parametrize("case", sorted(VALUE_CASES))
def test_option_values_are_checked_at_load(folder, small_dict, case):
    change, pattern = VALUE_CASES[case]
    path = write(folder, broken(small_dict, change))
    with pytest.raises(StudyFileError, match=pattern) as info:
        load_study(path)
    assert str(info.value).startswith(f"{path}: ")
    assert "\n" not in str(info.value)


def test_disconnected_judgments_in_a_hierarchy_name_the_node(folder, small_dict):
    data = hierarchy_study(small_dict)
    data["ahp"] = {"allow_missing": True}
    data["criteria"]["quality"] = {"objective": "max", "column": "benefit"}
    data["hierarchy"]["burden"] = ["risk", "cost", "quality"]
    data["experts"][1]["judgments"].update({"risk > quality": 2, "cost > quality": 2})
    with pytest.raises(
        StudyFileError,
        match=r"experts\[0\]\.judgments: expert 'Expert one': the judged pairs of 'burden' "
        r"do not connect all the items.* \['risk', 'cost'\]; \['quality'\]",
    ):
        load_study(write(folder, data))


def test_questionnaire_errors(folder, small_dict):
    data = copy.deepcopy(small_dict)
    del data["experts"][0]["judgments"]
    data["experts"][0]["questionnaire"] = "missing.xlsx"
    with pytest.raises(
        StudyFileError,
        match=r"experts\[0\]\.questionnaire: questionnaire "
        r"'missing\.xlsx' does not exist",
    ):
        load_study(write(folder, data))
    pytest.importorskip("openpyxl")
    from coopdecide.io.questionnaire import fill_questionnaire, write_questionnaire

    workbook = folder / "missing.xlsx"
    write_questionnaire(workbook, ["benefit", "risk", "cost"], ["Someone else"])
    with pytest.raises(StudyFileError, match=r"experts\[0\]\.questionnaire: .*row|cell|empty"):
        load_study(write(folder, data))
    fill_questionnaire(workbook, {"Someone else": load_study(SMALL).comparisons["Expert one"]})
    with pytest.raises(
        StudyFileError,
        match=r"experts\[0\]\.name: expert 'Expert one' has no "
        r"sheet in the questionnaire",
    ):
        load_study(write(folder, data))


# ---------------------------------------------------------------------------
# portfolio section
# ---------------------------------------------------------------------------
def portfolio_study(folder: Path, small_dict: dict, **portfolio) -> dict:
    shutil.copy(STUDIES / "programmes.csv", folder / "programmes.csv")
    data = copy.deepcopy(small_dict)
    data["portfolio"] = {
        "data": {"path": "programmes.csv"},
        "cost": "cost",
        "budget": 10,
        "partner": "partner",
        **portfolio,
    }
    return data


def test_portfolio_is_the_best_subset_by_brute_force(folder, small_dict):
    from itertools import combinations as subsets

    data = portfolio_study(
        folder,
        small_dict,
        groups=["partner", "sector"],
        at_most={"partner": 1},
        at_least={"sector": {"health": 1}},
    )
    result = run(load_study(write(folder, data)))
    programmes = pd.read_csv(STUDIES / "programmes.csv", index_col="programme")
    score = programmes["partner"].map(result.ranking.scores)  # each programme: its partner's
    best_value, best_set = -1.0, None
    names = list(programmes.index)
    for size in range(len(names) + 1):
        for chosen in subsets(names, size):
            rows = programmes.loc[list(chosen)]
            if rows["cost"].sum() > 10 or rows["partner"].duplicated().any():
                continue
            if not (rows["sector"] == "health").any():
                continue
            value = score[list(chosen)].sum()
            if value > best_value + 1e-12:
                best_value, best_set = value, set(chosen)
    assert set(result.portfolio.selected) == best_set
    assert result.portfolio.total_score == pytest.approx(best_value)
    assert json.loads(json.dumps(result.to_dict()))["portfolio"]["total_cost"] <= 10


def test_portfolio_with_a_score_column(folder, small_dict):
    data = portfolio_study(folder, small_dict, score="cost", budget=6)
    result = run(load_study(write(folder, data)))
    # maximise the total of the 'cost' column within a budget of 6 on that same column
    assert result.portfolio.total_score == pytest.approx(6)


@pytest.mark.parametrize(
    ("change", "pattern"),
    [
        ({"cost": "price"}, r"portfolio\.cost: column 'price' is not in the programme data"),
        ({"partner": None}, r"portfolio: score 'partner' .* needs 'partner'"),
        ({"score": "value"}, r"portfolio\.score: expected 'partner' or a column"),
        ({"groups": ["region"]}, r"portfolio\.groups\[0\]: column 'region' is not in"),
        ({"budget": -1}, r"portfolio\.budget: expected a number >= 0, got -1"),
        ({"mandatory": ["P-BETA-1", "P-GAMMA-2"]}, r"study\.yaml: portfolio: .*budget"),
    ],
)
def test_portfolio_errors(folder, small_dict, change, pattern):
    data = portfolio_study(folder, small_dict)
    data["portfolio"].update(change)
    data["portfolio"] = {k: v for k, v in data["portfolio"].items() if v is not None}
    with pytest.raises(StudyFileError, match=pattern):
        load_study(write(folder, data)).run()


def test_portfolio_partner_not_among_the_alternatives(folder, small_dict):
    data = portfolio_study(folder, small_dict)
    data["data"]["alternatives"] = ["Alpha", "Beta", "Gamma"]
    with pytest.raises(
        StudyFileError,
        match=r"portfolio\.partner: programme partners not "
        r"among the study's alternatives: 'Delta'",
    ):
        load_study(write(folder, data)).run()


def test_bundled_study_portfolio_is_flagged_illustrative():
    result = run(load_study(bundled_study_path()))
    assert result.portfolio is not None
    assert result.portfolio.total_cost <= 40
    assert any("programme data of the portfolio are ILLUSTRATIVE" in w for w in result.warnings)


# ---------------------------------------------------------------------------
# hierarchy section
# ---------------------------------------------------------------------------
def hierarchy_study(small_dict: dict) -> dict:
    data = copy.deepcopy(small_dict)
    data["hierarchy"] = {"burden": ["risk", "cost"]}
    judgments = {"benefit > burden": 3, "risk > cost": 2}
    for expert in data["experts"]:
        expert["judgments"] = dict(judgments)
    data["sensitivity"] = {"critical_changes": {}}
    return data


def test_hierarchy_global_weights_by_hand(folder, small_dict):
    study = load_study(write(folder, hierarchy_study(small_dict)))
    assert study.hierarchy == {"goal": ["burden", "benefit"], "burden": ["risk", "cost"]}
    result = run(study)
    # goal: benefit 3 times burden -> 3/4, 1/4; burden: risk twice cost -> 2/3, 1/3.
    # Global weights are the products along the path (Saaty 1980): 3/4, 1/6, 1/12.
    np.testing.assert_allclose(
        result.weights[["benefit", "risk", "cost"]].to_numpy(), [3 / 4, 1 / 6, 1 / 12]
    )
    assert set(result.experts.index.get_level_values("node")) == {"goal", "burden"}
    assert "hierarchy" in json.loads(json.dumps(result.to_dict()))


def test_hierarchy_round_trip(folder, small_dict, tmp_path):
    study = load_study(write(folder, hierarchy_study(small_dict)))
    again = load_study(study.to_file(tmp_path / "again.json"))
    assert again == study
    assert run(again).weights.equals(run(study).weights)


def test_hierarchy_questionnaire(folder, small_dict):
    pytest.importorskip("openpyxl")
    from coopdecide.io.questionnaire import fill_questionnaire, write_questionnaire

    inline = load_study(write(folder, hierarchy_study(small_dict)))
    workbook = folder / "panel.xlsx"
    write_questionnaire(
        workbook,
        ["burden", "benefit"],
        ["Expert one", "Expert two"],
        groups={"burden": ["risk", "cost"]},
    )
    answers = {
        expert: {None if node == "goal" else node: pc for node, pc in nodes.items()}
        for expert, nodes in inline.comparisons.items()
    }
    fill_questionnaire(workbook, answers)
    data = hierarchy_study(small_dict)
    for expert in data["experts"]:
        del expert["judgments"]
        expert["questionnaire"] = "panel.xlsx"
    study = load_study(write(folder, data, "from_workbook.yaml"))
    assert study.comparisons == inline.comparisons


HIERARCHY_ERRORS = {
    "across groups": (
        lambda d: d["experts"][0]["judgments"].update({"benefit > risk": 2}),
        r"experts\[0\]\.judgments: expert 'Expert one': 'benefit' and 'risk' are not in the "
        r"same group",
    ),
    "group named like a criterion": (
        lambda d: d.__setitem__("hierarchy", {"cost": ["risk", "benefit"]}),
        r"hierarchy\.cost: a group must not have the name of a criterion",
    ),
    "unknown member": (
        lambda d: d.__setitem__("hierarchy", {"burden": ["risk", "price"]}),
        r"hierarchy\.burden: 'price' is neither a criterion nor a group",
    ),
    "member twice": (
        lambda d: d.__setitem__("hierarchy", {"burden": ["risk", "cost"], "other": ["cost"]}),
        r"hierarchy\.other: 'cost' is already under 'burden'",
    ),
    "cycle": (
        lambda d: d.__setitem__("hierarchy", {"a": ["b", "risk"], "b": ["a", "cost"]}),
        r"hierarchy\.a: the groups contain each other",
    ),
    "missing node judgment": (
        lambda d: d["experts"][1]["judgments"].pop("risk > cost"),
        r"experts\[1\]\.judgments: expert 'Expert two': 1 pair\(s\) not judged: 'risk' and "
        r"'cost'",
    ),
    "smaa judgments": (
        lambda d: d["sensitivity"].__setitem__("smaa", {"judgments": {"steps": 1}}),
        r"sensitivity\.smaa\.judgments: judgment uncertainty is not available with a hierarchy",
    ),
    "fixed weights": (
        lambda d: (
            d.pop("experts"),
            [c.__setitem__("weight", 1) for c in d["criteria"].values()],
        ),
        r"hierarchy: a hierarchy needs experts with judgments",
    ),
}


@pytest.mark.parametrize("case", sorted(HIERARCHY_ERRORS))
def test_hierarchy_errors(folder, small_dict, case):
    change, pattern = HIERARCHY_ERRORS[case]
    data = hierarchy_study(small_dict)
    change(data)
    with pytest.raises(StudyFileError, match=pattern):
        load_study(write(folder, data))


def test_from_dict_with_a_base_directory(small_dict):
    study = Study.from_dict(small_dict, base_dir=STUDIES)
    assert study == load_study(SMALL)
    assert study.source is None
    with pytest.raises(StudyFileError, match=r"^title: required key is missing"):
        Study.from_dict({k: v for k, v in small_dict.items() if k != "title"}, base_dir=STUDIES)


def test_markdown_report_of_a_study(tmp_path):
    result = run(load_study(STUDIES / "fixed_weights.json"))
    path = result.report(tmp_path / "report.md", figures=False)
    text = path.read_text(encoding="utf-8")
    assert "Fixed weights (JSON)" in text
    assert "Beta" in text


def test_excel_data_file(folder, small_dict):
    pytest.importorskip("openpyxl")
    table = pd.read_csv(STUDIES / "candidates.csv")
    with pd.ExcelWriter(folder / "candidates.xlsx") as writer:
        pd.DataFrame({"note": ["not this sheet"]}).to_excel(writer, sheet_name="About")
        table.to_excel(writer, sheet_name="Data", index=False)
    data = copy.deepcopy(small_dict)
    data["data"] = {"path": "candidates.xlsx", "sheet": "Data", "index": "name"}
    study = load_study(write(folder, data))
    assert study.problem == load_study(SMALL).problem
    assert "<table" in study._repr_html_()


def test_excluded_inconsistent_expert(folder, small_dict):
    data = copy.deepcopy(small_dict)
    data["experts"][0]["judgments"] = {"benefit > risk": 2, "risk > cost": 2, "cost > benefit": 4}
    data["ahp"] = {"inconsistent": "exclude"}
    result = run(load_study(write(folder, data)))
    assert result.experts.loc["Expert one", "status"] == "excluded"
    assert any("excluded from the aggregation" in w for w in result.warnings)
    # only expert two counts: its weights are 1:2:4 (benefit, risk, cost)
    np.testing.assert_allclose(result.weights.to_numpy(), [1 / 7, 2 / 7, 4 / 7], atol=1e-12)


# ---------------------------------------------------------------------------
# more errors, one test each
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("judgments", "pattern"),
    [
        ({1: 3}, r"keys must read 'A > B', 'A < B' or 'A = B'; got the key 1"),
        (
            {"a = b": 3},
            r"'a = b': 'A = B' means equal importance, so the value must be 1; "
            r"got 3",
        ),
        ({"a > b": "three"}, r"'a > b': expected a number on Saaty's scale"),
        ({"a > a": 3}, r"a criterion cannot be compared with itself: 'a'"),
        ([["a", "b"]], r"entry 0: expected \[A, B, value\]"),
        ([["a", 2, 3]], r"entry 0: criteria must be names \(text\), got 2"),
        ([["a", "b", 10]], r"entry 0: expected a value from 1/9 to 9 .* got 10"),
        ("a > b", r"expected a mapping of 'A > B': value entries or a list"),
    ],
)
def test_parse_judgments_errors(judgments, pattern):
    with pytest.raises(StudyFileError, match=pattern):
        parse_judgments(judgments)


MORE_CASES = {
    "sheet with a dataset": (
        lambda d: d.__setitem__("data", {"dataset": "partner_countries", "sheet": "x"}),
        r"data: 'sheet' and 'index' apply to a data file",
    ),
    "infinite target": (
        _set(["criteria", "risk", "target"], float("inf")),
        r"criteria\.risk\.target: expected a finite number, got inf",
    ),
    "transform and target": (
        lambda d: d["criteria"]["risk"].update({"target": 1, "transform": "log"}),
        r"criteria\.risk: give either 'transform' or 'target', not both",
    ),
    "infinite expert weight": (
        _set(["experts", 0, "weight"], float("inf")),
        r"experts\[0\]\.weight: expected a finite number >= 0, got inf",
    ),
    "empty expert name": (
        _set(["experts", 0, "name"], "  "),
        r"experts\[0\]\.name: expected a non-empty name",
    ),
    "sheet with a CSV": (
        _set(["data", "sheet"], "Data"),
        r"data\.sheet: 'sheet' applies to Excel files only",
    ),
    "unknown data suffix": (
        _set(["data", "path"], "candidates.tsv"),
        r"data\.path: data file 'candidates\.tsv' does not exist",
    ),
    "alternative listed twice": (
        _set(["data", "alternatives"], ["Alpha", "Beta", "Alpha"]),
        r"data\.alternatives: listed more than once: 'Alpha'",
    ),
    "one alternative": (
        _set(["data", "alternatives"], ["Alpha"]),
        r"data\.alternatives: list at least 2 alternatives",
    ),
    "empty hierarchy": (
        _set(["hierarchy"], {}),
        r"hierarchy: name at least one group of criteria",
    ),
    "group named goal": (
        _set(["hierarchy"], {"goal": ["risk", "cost"]}),
        r"hierarchy\.goal: 'goal' is the root's name",
    ),
    "group without members": (
        _set(["hierarchy"], {"burden": []}),
        r"hierarchy\.burden: a group needs at least one member",
    ),
    "group in itself": (
        _set(["hierarchy"], {"burden": ["burden", "risk"]}),
        r"hierarchy\.burden: a group cannot contain itself",
    ),
    "smaa judgments without experts": (
        lambda d: (
            d.pop("experts"),
            [c.__setitem__("weight", 1) for c in d["criteria"].values()],
            d["sensitivity"].__setitem__("smaa", {"judgments": {"steps": 1}}),
        ),
        r"sensitivity\.smaa\.judgments: judgment uncertainty needs experts",
    ),
    "smaa weights spec": (
        _set(["sensitivity", "smaa"], {"weights": "dirichlet"}),
        r"sensitivity\.smaa\.weights: expected auto, uniform, fixed or a mapping",
    ),
    "expert weights all zero": (
        lambda d: [e.__setitem__("weight", 0) for e in d["experts"]],
        r"experts\[0\]\.weight: the expert weights must not all be zero",
    ),
    "one criterion with experts": (
        lambda d: [d["criteria"].pop(c) for c in ("risk", "cost")],
        r"criteria: pairwise judgments need at least 2 criteria",
    ),
    "some criteria without weight": (
        lambda d: (d.pop("experts"), d["criteria"]["risk"].__setitem__("weight", 1)),
        r"criteria\.benefit\.weight: list experts .* no weight for 'benefit', 'cost'",
    ),
    "criteria weights all zero": (
        lambda d: (d.pop("experts"), [c.__setitem__("weight", 0) for c in d["criteria"].values()]),
        r"criteria\.benefit\.weight: weights must not all be zero",
    ),
    "portfolio from the countries": (
        lambda d: d.__setitem__(
            "portfolio",
            {"data": {"dataset": "partner_countries"}, "cost": "c", "budget": 1, "score": "x"},
        ),
        r"portfolio\.data\.dataset: expected the programme dataset 'programmes'",
    ),
}


@pytest.mark.parametrize("case", sorted(MORE_CASES))
def test_more_study_file_errors(folder, small_dict, case):
    change, pattern = MORE_CASES[case]
    data = copy.deepcopy(small_dict)
    change(data)
    with pytest.raises(StudyFileError, match=pattern):
        load_study(write(folder, data))


def test_smaa_judgments_must_be_a_mapping(folder, small_dict):
    data = copy.deepcopy(small_dict)
    data["sensitivity"]["smaa"] = {"judgments": 1, "n_samples": 10}
    with pytest.raises(StudyFileError, match=r"sensitivity\.smaa\.judgments: expected a mapping"):
        load_study(write(folder, data)).run()


def test_data_file_problems(folder, small_dict):
    (folder / "one.csv").write_text("name\nAlpha\nBeta\n", encoding="utf-8")
    data = copy.deepcopy(small_dict)
    data["data"] = {"path": "one.csv"}
    with pytest.raises(
        StudyFileError,
        match=r"data\.path: .* must have a column of alternative "
        r"names and at least one data column",
    ):
        load_study(write(folder, data))
    (folder / "gap.csv").write_text(
        "name,benefit,risk_score,cost_musd\nAlpha,1,2,3\n,4,5,6\n", encoding="utf-8"
    )
    data["data"] = {"path": "gap.csv"}
    with pytest.raises(
        StudyFileError,
        match=r"data\.index: column 'name' of .* must name every "
        r"alternative; empty in row\(s\) \[3\]",
    ):
        load_study(write(folder, data))
    (folder / "data.json").write_text("{}", encoding="utf-8")
    data["data"] = {"path": "data.json"}
    with pytest.raises(StudyFileError, match=r"data\.path: expected a \.csv or \.xlsx data file"):
        load_study(write(folder, data))


def test_write_study_file_does_not_overwrite_unless_asked(tmp_path):
    study = load_study(SMALL)
    target = study.to_file(tmp_path / "s.yaml")
    with pytest.raises(StudyFileError, match=r"s\.yaml: the file exists; pass overwrite=True"):
        study.to_file(target, overwrite=False)


def test_study_is_immutable():
    study = load_study(SMALL)
    with pytest.raises(AttributeError, match="Study is immutable"):
        study.title = "x"  # type: ignore[misc]


def test_incomplete_judgments_when_allowed(folder, small_dict):
    data = copy.deepcopy(small_dict)
    del data["experts"][0]["judgments"]["benefit > cost"]
    data["ahp"] = {"allow_missing": True}
    data["sensitivity"]["smaa"] = {"n_samples": 200, "random_state": 1, "judgments": {"steps": 1}}
    result = run(load_study(write(folder, data)))
    assert result.experts.loc["Expert one", "missing_pairs"] == 1
    # expert one: the lambda_max-optimal completion (Bozoki et al. 2010) of benefit > risk 2,
    # risk > cost 2 is the consistent benefit > cost 4, so the weights are 4:2:1
    np.testing.assert_allclose(
        result.experts.loc["Expert one", ["benefit", "risk", "cost"]].to_numpy(dtype=float),
        [4 / 7, 2 / 7, 1 / 7],
        atol=1e-6,
    )
    # group (AIJ): each pair is the geometric mean over the experts who judged it, so
    # benefit/risk = risk/cost = sqrt(2 * 1/2) = 1 and benefit/cost = 1/4 (expert two only);
    # the priorities are the principal eigenvector of that matrix
    group = np.array([[1, 1, 1 / 4], [1, 1, 1], [4, 1, 1]])
    values, vectors = np.linalg.eig(group)
    principal = np.abs(np.real(vectors[:, np.argmax(np.real(values))]))
    np.testing.assert_allclose(result.weights.to_numpy(), principal / principal.sum(), atol=1e-9)
    assert result.sensitivity["smaa"].rank_acceptability.sum(axis=1).round(12).eq(1).all()


def test_yaml_names_that_are_not_text(folder, small_dict):
    path = folder / "yn.yaml"
    path.write_text(
        yaml.safe_dump(
            {**small_dict, "criteria": {**small_dict["criteria"]}}, sort_keys=False
        ).replace("  benefit:\n", "  no:\n", 1),
        encoding="utf-8",
    )
    with pytest.raises(
        StudyFileError,
        match=r"criteria: names must be text, got the key False "
        r"\(in YAML, quote names",
    ):
        load_study(path)


@pytest.mark.parametrize(
    "smaa",
    [
        {"weights": "uniform"},
        {"data": 0.1},
        {"data": {"spread": {"benefit": 0.2}, "relative": True, "distribution": "uniform"}},
    ],
)
def test_smaa_uncertainty_sources(folder, small_dict, smaa):
    data = copy.deepcopy(small_dict)
    data["sensitivity"] = {"smaa": {"n_samples": 300, "random_state": 5, **smaa}}
    result = run(load_study(write(folder, data)))
    acceptability = result.sensitivity["smaa"].rank_acceptability
    np.testing.assert_allclose(acceptability.sum(axis=1), 1.0)
    # Delta is dominated by Beta, so with exact data it is never first
    if "data" not in smaa:
        assert acceptability.loc["Delta", 1] == 0


def test_to_file_creates_missing_folders(tmp_path):
    study = load_study(bundled_study_path())
    target = study.to_file(tmp_path / "new" / "folder" / "study.yaml")
    assert target.exists()
    assert load_study(target).title == study.title


@pytest.mark.parametrize("aggregation", ["aij", "aip", "aip-arithmetic"])
@pytest.mark.parametrize("method", ["eigenvector", "geometric"])
@pytest.mark.parametrize("complete", [True, False])
def test_smaa_judgments_are_centred_on_the_study_weights(
    folder, small_dict, aggregation, method, complete
):
    # Independent implementation: ahp_group with the study's settings. With steps 0 every
    # SMAA sample is the unperturbed judgments, so the central weights of the alternative
    # ranked first are the study's weights.
    from coopdecide.ahp import ahp_group

    data = copy.deepcopy(small_dict)
    data["experts"][1]["judgments"] = {"benefit > risk": 3, "cost > benefit": 2, "risk = cost": 1}
    data["ahp"] = {"aggregation": aggregation, "method": method, "allow_missing": True}
    if not complete:
        del data["experts"][0]["judgments"]["benefit > cost"]
    data["sensitivity"] = {"smaa": {"n_samples": 50, "random_state": 0, "judgments": {"steps": 0}}}
    study = load_study(write(folder, data))
    result = run(study)
    expected = ahp_group(
        study.comparisons, aggregation=aggregation, method=method, warn=False
    ).weights
    np.testing.assert_allclose(result.weights.to_numpy(), expected.to_numpy(), atol=1e-12)
    smaa = result.sensitivity["smaa"]
    assert float(smaa.rank_acceptability.loc[result.best, 1]) == 1.0
    np.testing.assert_allclose(
        smaa.central_weights.loc[result.best].to_numpy(dtype=float),
        expected.reindex(smaa.central_weights.columns).to_numpy(),
        atol=1e-9,
    )
    assert aggregation.split("-")[0].upper() in smaa.sources["judgments"]


def test_run_warns_about_dominated_alternatives_where_it_is_called():
    # Beta (cost 20, benefit 9, risk 5) is better than Delta (30, 8, 6) on every criterion
    study = load_study(SMALL)
    with pytest.warns(DominatedAlternativeWarning) as caught:
        result = study.run()
    assert len(caught) == 1  # once, not again from the library inside
    message = str(caught[0].message)
    assert "'Delta' (by 'Beta')" in message
    assert message in result.warnings  # and listed with the study's other warnings
    assert caught[0].filename == __file__  # stacklevel: the caller's line


def test_run_does_not_warn_without_dominated_alternatives(folder, small_dict):
    data = copy.deepcopy(small_dict)
    data["data"]["alternatives"] = ["Alpha", "Beta", "Gamma"]
    study = load_study(write(folder, data))
    assert study.problem.dominated().empty
    with warnings.catch_warnings():
        warnings.simplefilter("error", DominatedAlternativeWarning)
        result = study.run()
    assert not any("dominated" in w for w in result.warnings)


def test_result_plot_namespace_draws_each_part(folder, small_dict):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = copy.deepcopy(small_dict)
    data["sensitivity"]["compare_methods"] = {"methods": ["topsis", "topsis-minmax", "wsm"]}
    result = run(load_study(write(folder, data)))
    try:
        _, ax = plt.subplots()
        assert result.plot(ax=ax) is ax  # the default: the ranking
        assert [t.get_text() for t in ax.get_yticklabels()] == list(
            result.ranking.ranks.sort_values(kind="stable").index
        )
        drawn = {
            name: getattr(result.plot, name)()
            for name in (
                "ranking",
                "weights",
                "consistency",
                "one_at_a_time",
                "critical_changes",
                "acceptability",
                "methods",
            )
        }
        assert all(isinstance(a, matplotlib.axes.Axes) for a in drawn.values())
        # weights by expert: a bar per expert and criterion, and the group's (2 + 1) x 3
        assert len(drawn["weights"].patches) == 9
        with pytest.raises(
            InvalidArgumentError,
            match=r"the study has no criteria hierarchy to plot; add 'hierarchy' to the study",
        ):
            result.plot.hierarchy()
        fixed = run(load_study(STUDIES / "fixed_weights.json"))
        bars = fixed.plot.weights().patches
        np.testing.assert_allclose(
            sorted(b.get_width() for b in bars), sorted(fixed.weights.to_numpy()), atol=1e-12
        )
        with pytest.raises(InvalidArgumentError, match=r"no experts \(group AHP\) to plot"):
            fixed.plot.consistency()
        hierarchical = run(load_study(write(folder, hierarchy_study(small_dict), "h.yaml")))
        assert isinstance(hierarchical.plot.hierarchy(), matplotlib.axes.Axes)
        assert isinstance(hierarchical.plot.weights(), matplotlib.axes.Axes)
        with pytest.raises(
            InvalidArgumentError, match=r"no smaa analysis to plot; add 'sensitivity\.smaa'"
        ):
            hierarchical.plot.acceptability()
    finally:
        plt.close("all")


@pytest.mark.filterwarnings("ignore::coopdecide.exceptions.DominatedAlternativeWarning")
@pytest.mark.parametrize(
    ("method", "options"),
    [("multimoora", {"aggregation": "rank_sum"}), ("vikor", {"v": 0.3}), ("moora", {})],
)
def test_study_ranks_by_the_native_methods(folder, small_dict, method, options):
    """ranking: {method: multimoora, options: {aggregation: rank_sum}} (issue 11) runs
    the same ranking as rank() on the study's problem."""
    from coopdecide import rank

    small_dict["ranking"] = {"method": method, "options": options}
    small_dict["sensitivity"] = {}
    result = load_study(write(folder, small_dict)).run()
    expected = rank(result.problem, method, **options)
    assert result.ranking.ranks.tolist() == expected.ranks.tolist()
    assert type(result.ranking) is type(expected)


@pytest.mark.filterwarnings("ignore::coopdecide.exceptions.DominatedAlternativeWarning")
def test_study_smaa_with_per_criterion_distributions(folder, small_dict):
    """sensitivity.smaa.data.distribution may be a mapping criterion -> distribution."""
    from coopdecide.sensitivity import DataUncertainty, smaa

    data = {"spread": 0.2, "distribution": {"benefit": "pert", "cost": "lognormal"}}
    small_dict["sensitivity"] = {
        "smaa": {"n_samples": 2000, "data": data, "weights": "fixed", "random_state": 5}
    }
    result = load_study(write(folder, small_dict)).run()
    expected = smaa(result.problem, 2000, weights="fixed", random_state=5,
                    data=DataUncertainty(**data))  # fmt: skip
    pd.testing.assert_frame_equal(
        result.sensitivity["smaa"].rank_acceptability, expected.rank_acceptability
    )
