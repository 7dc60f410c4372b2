"""The coopdecide command line, run in a subprocess as a user would."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

STUDIES = Path(__file__).resolve().parent / "data" / "studies"
SMALL = STUDIES / "small.yaml"


def coopdecide(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coopdecide.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def demo_json(tmp_path_factory) -> subprocess.CompletedProcess:
    return coopdecide("demo", "--no-report", "--format", "json", cwd=tmp_path_factory.mktemp("d"))


def inprocess(capsys, *args: str) -> tuple[int, str, str]:
    """Run the command line in this process (quicker): exit code, stdout, stderr."""
    from coopdecide.cli import main

    with pytest.raises(SystemExit) as stop:
        main([str(a) for a in args])
    captured = capsys.readouterr()
    return stop.value.code, captured.out, captured.err


def test_version_and_help(capsys):
    from coopdecide import __version__

    version = coopdecide("--version")
    assert version.returncode == 0
    assert __version__ in version.stdout
    for command in ([], ["demo"], ["run"], ["validate"], ["init"]):
        code, out, _ = inprocess(capsys, *command, "--help")
        assert code == 0
        assert "Usage: coopdecide" in out


def test_demo_json(demo_json):
    assert demo_json.returncode == 0, demo_json.stderr
    data = json.loads(demo_json.stdout)  # one JSON document, nothing else on stdout
    assert data["title"] == "Indonesia: choosing cooperation partners"
    assert len(data["ranking_table"]) == 31
    experts = {row["expert"]: row for row in data["experts"]}
    assert len(experts) == 3
    assert all("(illustrative)" in name for name in experts)
    assert [row["consistent"] for row in experts.values()].count(False) == 1
    assert any("inconsistent" in w for w in data["warnings"])
    assert any("ILLUSTRATIVE" in w for w in data["warnings"])
    assert any("proxies" in w for w in data["warnings"])
    assert set(data["sensitivity"]) >= {"critical_changes", "smaa"}


def test_demo_table(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = inprocess(capsys, "demo", "--no-report")
    assert code == 0, err
    assert "Criteria weights by expert" in out
    assert "National Development Planning Agency (illustrative)" in out
    assert "INCONSISTENT" in out
    assert "Ranking" in out
    assert "Stability of the top choice" in out
    assert not (tmp_path / "coopdecide-report").exists()


def test_run_writes_the_report(tmp_path):
    pytest.importorskip("openpyxl")
    target = tmp_path / "out" / "study.html"
    result = coopdecide(
        "run", STUDIES / "fixed_weights.json", "--report", target, "--excel", tmp_path / "t.xlsx"
    )
    assert result.returncode == 0, result.stderr
    assert target.is_file()
    assert target.with_suffix(".md").is_file()
    assert (tmp_path / "t.xlsx").is_file()
    html = target.read_text(encoding="utf-8")
    assert "Fixed weights (JSON)" in html
    assert "report written:" in result.stderr


def test_run_table_json_csv(capsys):
    table = coopdecide("run", SMALL)
    assert table.returncode == 0, table.stderr
    assert "Small test study" in table.stdout
    assert "dominated" in table.stdout
    # listed once with the study's warnings, not printed again as a Python warning
    assert table.stdout.count("are dominated") == 1
    assert "DominatedAlternativeWarning" not in table.stderr
    assert "dominated" not in table.stderr

    code, out, err = inprocess(capsys, "run", SMALL, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["weights"] == pytest.approx({"benefit": 1 / 3, "risk": 1 / 3, "cost": 1 / 3})

    code, out, err = inprocess(capsys, "run", SMALL, "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(io.StringIO(out), index_col=0)
    assert frame.index[0] == data["ranking_table"][0]["alternative"]
    assert frame["rank"].tolist() == [1, 2, 3, 4]


def test_validate_ok(capsys):
    code, out, err = inprocess(capsys, "validate", SMALL)
    assert code == 0, err
    assert out.startswith("ok:")
    assert "4 alternatives x 3 criteria, 2 expert(s)" in out


def _disconnect(data: dict) -> None:
    """Expert one judges only benefit > risk (allowed incomplete): cost is unreachable."""
    data["ahp"] = {"allow_missing": True}
    data["experts"][0]["judgments"] = {"benefit > risk": 2}


BROKEN = {
    "objective": (
        ["criteria", "benefit", "objective"],
        "maximum",
        "criteria.benefit.objective: expected max or min",
    ),
    "typo": (["criteria", "benefit", "objetive"], "max", "criteria.benefit.objetive: unknown key"),
    "unknown criterion in judgments": (
        ["experts", 0, "judgments", "benefit > profit"],
        3,
        "experts[0].judgments: expert 'Expert one': unknown criterion 'profit'",
    ),
    "duplicate experts": (
        ["experts", 1, "name"],
        "Expert one",
        "experts[1].name: expert 'Expert one' is listed twice",
    ),
    "missing data file": (["data", "path"], "nowhere.csv", "data.path: data file 'nowhere.csv'"),
    "missing column": (["criteria", "cost", "column"], "price", "criteria.cost.column: column"),
    "unknown method": (["ranking", "method"], "electre", "ranking.method: unknown method"),
    # option values, judged by the library's own validation when the study is loaded (one
    # case per kind here; tests/test_study.py has them all, in process)
    "ranking option value": (
        ["ranking", "options"],
        {"normalization": "l2"},
        "ranking.options.normalization: expected one of 'vector', 'minmax', 'max', 'sum', got 'l2'",
    ),
    "smaa n_samples zero": (
        ["sensitivity", "smaa", "n_samples"],
        0,
        "sensitivity.smaa.n_samples: must be at least 1; got 0",
    ),
    "judgment steps": (
        ["sensitivity", "smaa"],
        {"judgments": {"steps": -1}},
        "sensitivity.smaa.judgments.steps: must be between 0 and 16",
    ),
    "grid points": (
        ["sensitivity", "critical_changes"],
        {"grid_points": 1},
        "sensitivity.critical_changes.grid_points: must be at least 2; got 1",
    ),
    "compared method": (
        ["sensitivity", "compare_methods"],
        {"methods": ["topsis", "vikr"]},
        "sensitivity.compare_methods.methods[1]: expected one of",
    ),
    "disconnected judgments": (
        _disconnect,
        None,
        "experts[0].judgments: expert 'Expert one': the judged pairs do not connect all the "
        "items, so the missing pairs cannot be completed; they form 2 separate groups: "
        "['benefit', 'risk']; ['cost']",
    ),
}


@pytest.fixture(scope="module")
def broken_runs(tmp_path_factory) -> dict[str, subprocess.CompletedProcess]:
    """``validate`` on each broken study, the processes run side by side (quicker)."""
    folder = tmp_path_factory.mktemp("broken")
    shutil.copy(STUDIES / "candidates.csv", folder / "candidates.csv")
    processes = {}
    for case, (path, value, _) in BROKEN.items():
        data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
        if callable(path):
            path(data)
        else:
            target = data
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        study = folder / f"broken-{len(processes)}.yaml"
        study.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        processes[case] = (
            study,
            subprocess.Popen(
                [sys.executable, "-m", "coopdecide.cli", "validate", str(study)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
    runs = {}
    for case, (study, process) in processes.items():
        stdout, stderr = process.communicate(timeout=120)
        runs[case] = (
            study,
            subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr),
        )
    return runs


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_validate_broken_studies_exit_2_naming_the_key_path(broken_runs, case):
    study, result = broken_runs[case]
    expected = BROKEN[case][2]
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1  # one line
    assert expected in lines[0]
    assert study.name in lines[0]
    assert result.stdout == ""


def test_run_on_a_broken_study_exits_2(broken_runs, capsys):
    study, _ = broken_runs["unknown method"]
    code, out, err = inprocess(capsys, "run", study, "--format", "json")
    assert code == 2
    assert "ranking.method: unknown method 'electre'" in err
    assert out == ""


def test_broken_file_in_the_tests(capsys):
    code, _, err = inprocess(capsys, "validate", STUDIES / "broken_objective.yaml")
    assert code == 2
    assert "criteria.risk.objective: expected max or min" in err
    assert "got 'maximum'" in err


def test_missing_study_file_and_usage_errors(tmp_path, capsys):
    code, _, err = inprocess(capsys, "run", tmp_path / "nothing.yaml")
    assert code == 2
    assert "does not exist" in err
    assert "Traceback" not in err
    code, _, err = inprocess(capsys, "run", SMALL, "--format", "xml")
    assert code == 2
    assert "Traceback" not in err


def test_init_then_run(tmp_path, capsys):
    folder = tmp_path / "my-study"
    init = coopdecide("init", folder)
    assert init.returncode == 0, init.stderr
    assert (folder / "study.yaml").is_file()
    assert (folder / "candidates.csv").is_file()
    run = coopdecide("run", folder / "study.yaml", "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert len(data["ranking_table"]) == 8
    assert any("STARTER STUDY" in note for note in data["notes"])
    # a second init does not overwrite what an analyst may have edited
    code, _, err = inprocess(capsys, "init", folder)
    assert code == 2
    assert "--force" in err

    # the questionnaire fits the study: filled with the example judgments, it gives the
    # same weights when the study reads it instead of the inline judgments
    pytest.importorskip("openpyxl")
    from coopdecide.io.questionnaire import fill_questionnaire
    from coopdecide.study import load_study

    assert (folder / "questionnaire.xlsx").is_file()
    starter = load_study(folder / "study.yaml")
    fill_questionnaire(folder / "questionnaire.xlsx", dict(starter.comparisons))
    study = yaml.safe_load((folder / "study.yaml").read_text(encoding="utf-8"))
    for expert in study["experts"]:
        del expert["judgments"]
        expert["questionnaire"] = "questionnaire.xlsx"
    (folder / "study.yaml").write_text(yaml.safe_dump(study), encoding="utf-8")
    code, out, err = inprocess(capsys, "run", folder / "study.yaml", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["weights"] == pytest.approx(data["weights"])
    code, _, _ = inprocess(capsys, "init", folder, "--force")
    assert code == 0


def test_other_failures_exit_1_with_a_short_message(monkeypatch, capsys):
    from coopdecide import cli

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli, "_run_study", boom)
    with pytest.raises(SystemExit) as stop:
        cli.main(["run", str(SMALL)])
    assert stop.value.code == 1
    err = capsys.readouterr().err
    assert "error: RuntimeError: disk on fire" in err
    assert "--debug" in err
    assert "Traceback" not in err
    with pytest.raises(SystemExit) as stop:
        cli.main(["--debug", "run", str(SMALL)])
    assert stop.value.code == 1
    assert "Traceback" in capsys.readouterr().err


def test_report_paths():
    from coopdecide.cli import _report_targets

    assert _report_targets(None, None) == []
    assert _report_targets(None, "out") == [
        (Path("out/report.html"), "html"),
        (Path("out/report.md"), "markdown"),
    ]
    assert _report_targets("a/b.html", None) == [
        (Path("a/b.html"), "html"),
        (Path("a/b.md"), "markdown"),
    ]
    assert _report_targets("b.md", None) == [(Path("b.html"), "html"), (Path("b.md"), "markdown")]


def test_init_without_openpyxl_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl -> ImportError
    code, _, err = inprocess(capsys, "init", tmp_path / "s")
    assert code == 0
    assert "openpyxl is not installed" in err
    assert (tmp_path / "s" / "study.yaml").is_file()
    assert not (tmp_path / "s" / "questionnaire.xlsx").exists()


def test_no_progress_bar_when_stderr_is_not_a_terminal():
    from coopdecide.cli import _progress_wanted

    assert _progress_wanted() is False  # pytest captures stderr


# ---------------------------------------------------------------------------
# portfolio acceptability and budget sweep
# ---------------------------------------------------------------------------
def _section(out: str, title: str) -> list[str]:
    """The lines of a printed section, from its title to the next blank line."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def test_demo_budget_sweep_in_json_and_table(demo_json, tmp_path, capsys, monkeypatch):
    data = json.loads(demo_json.stdout)
    assert data["portfolio_acceptability"] is None  # the bundled study does not ask for it
    sweep = data["budget_sweep"]
    assert sweep["budgets"] == [10.0 + 5 * k for k in range(11)]  # from 10 to 60, 11 steps
    portfolio = data["portfolio"]
    score = dict(zip(portfolio["programmes"], portfolio["scores"], strict=True))
    cost = dict(zip(portfolio["programmes"], portfolio["costs"], strict=True))
    before: set[str] = set()
    for k, chosen in enumerate(sweep["selected"]):
        # totals recomputed from the portfolio's own programme scores and costs
        assert sweep["total_score"][k] == pytest.approx(sum(score[p] for p in chosen))
        assert sweep["total_cost"][k] == pytest.approx(sum(cost[p] for p in chosen))
        assert sweep["total_cost"][k] <= sweep["budgets"][k] + 1e-9
        assert set(sweep["added"][k]) == set(chosen) - before
        assert set(sweep["removed"][k]) == before - set(chosen)
        before = set(chosen)
    # the study's budget (40) is one of the sweep's: the same portfolio
    assert sweep["selected"][sweep["budgets"].index(40.0)] == portfolio["selected"]

    monkeypatch.chdir(tmp_path)
    code, out, err = inprocess(capsys, "demo", "--no-report")
    assert code == 0, err
    lines = _section(out, "Budget sweep:")
    assert lines[0].startswith("Budget sweep: the optimal portfolio for 11 budgets")
    assert lines[1].split()[:6] == ["budget", "total", "score", "gain", "cost", "n"]
    rows = lines[2:13]
    for k, row in enumerate(rows):
        fields = row.split()
        assert float(fields[0]) == sweep["budgets"][k]
        assert float(fields[1]) == pytest.approx(sweep["total_score"][k], abs=5e-4)
        if k:
            gain = sweep["total_score"][k] - sweep["total_score"][k - 1]
            assert float(fields[2]) == pytest.approx(gain, abs=5e-4)
            assert ", ".join(sweep["added"][k]) in row
    assert "(the starting portfolio, below)" in rows[0]
    assert lines[13] == "  at budget 10: " + ", ".join(sweep["selected"][0])
    assert "Portfolio acceptability" not in out


@pytest.fixture
def acceptability_study(tmp_path: Path) -> Path:
    """small.yaml with a portfolio of programmes.csv, budget 4, acceptability and a sweep."""
    for name in ("candidates.csv", "programmes.csv"):
        shutil.copy(STUDIES / name, tmp_path / name)
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    data["portfolio"] = {
        "data": {"path": "programmes.csv"},
        "cost": "cost",
        "budget": 4,
        "partner": "partner",
        "groups": ["partner"],
        "at_most": {"partner": 1},
        "acceptability": {"n_samples": 300, "random_state": 11},
        "budget_sweep": {"from": 2, "to": 14, "steps": 7},
    }
    path = tmp_path / "study.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_run_prints_portfolio_acceptability(acceptability_study, capsys):
    result = coopdecide("run", acceptability_study, "--format", "json")
    assert result.returncode == 0, result.stderr
    accept = json.loads(result.stdout)["portfolio_acceptability"]
    assert accept["n_samples"] == 300
    share = dict(zip(accept["programmes"], accept["acceptability"], strict=True))
    # by hand: with budget 4 and one programme per partner, the optimum is P-DELTA-1 (cost 1)
    # with P-ALPHA-2 (3) or P-GAMMA-1 (2), whichever partner scores higher in the sample
    assert share["P-DELTA-1"] == 1.0
    assert share["P-ALPHA-2"] + share["P-GAMMA-1"] == pytest.approx(1.0)
    assert 0 < share["P-GAMMA-1"] < share["P-ALPHA-2"] < 1
    assert share["P-ALPHA-1"] == share["P-BETA-1"] == share["P-GAMMA-2"] == 0.0
    # the shares agree with the distinct optimal portfolios and their frequencies
    for name, value in share.items():
        total = sum(p["share"] for p in accept["portfolios"] if name in p["programmes"])
        assert value == pytest.approx(total)

    code, out, err = inprocess(capsys, "run", acceptability_study)
    assert code == 0, err
    lines = _section(out, "Portfolio acceptability")
    assert lines[0].startswith(
        "Portfolio acceptability (300 samples): programmes most often in the optimal "
        "portfolio (2 distinct optimal portfolio(s); the most frequent in "
        f"{100 * share['P-ALPHA-2']:.1f}% of the samples)"
    )
    assert lines[1].split() == ["programme", "share", "mean", "score", "cost", "in", "expected",
                                "portfolio"]  # fmt: skip
    printed = [row.split() for row in lines[2:5]]
    # most often chosen first; only programmes chosen in some sample
    assert [row[0] for row in printed] == ["P-DELTA-1", "P-ALPHA-2", "P-GAMMA-1"]
    for row in printed:
        assert row[1] == f"{100 * share[row[0]]:.1f}%"
    assert [row[3] for row in printed] == ["1", "3", "2"]  # costs of programmes.csv
    assert lines[5] == "  3 programme(s) never in an optimal portfolio"
    assert "Budget sweep: the optimal portfolio for 7 budgets" in out

    # csv stays the ranking table (one row per alternative, not per programme)
    code, out, err = inprocess(capsys, "run", acceptability_study, "--format", "csv")
    assert code == 0, err
    assert pd.read_csv(io.StringIO(out), index_col=0).shape[0] == 4


def test_budget_sweep_table_with_infeasible_budgets(acceptability_study, capsys):
    data = yaml.safe_load(acceptability_study.read_text(encoding="utf-8"))
    # P-BETA-1 (cost 5, partner Beta) must be chosen: budgets 2 and 4 cannot be met
    data["portfolio"]["at_least"] = {"partner": {"Beta": 1}}
    data["portfolio"]["budget"] = 10
    del data["portfolio"]["acceptability"]
    acceptability_study.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, out, err = inprocess(capsys, "run", acceptability_study)
    assert code == 0, err
    lines = _section(out, "Budget sweep:")
    assert [row.split()[:2] for row in lines[2:4]] == [["2", "(infeasible)"], ["4", "(infeasible)"]]
    first = lines[4].split()
    # the first feasible budget has no gain: the row starts the portfolio
    assert first[0] == "6" and first[2:4] == ["6", "2"]
    assert "(the starting portfolio, below)" in lines[4]
    # by hand: with budget 6, P-BETA-1 (5) leaves 1, which buys P-DELTA-1 (1)
    assert lines[-1] == "  at budget 6: P-BETA-1, P-DELTA-1"
    assert "Portfolio acceptability" not in out
