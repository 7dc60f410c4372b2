"""The HTML and Markdown reports, parsed back: content, escaping, no network, robustness."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from coopdecide import DecisionProblem, topsis
from coopdecide.exceptions import (
    DominatedAlternativeWarning,
    InvalidArgumentError,
    InvalidTypeError,
    UnknownMethodError,
    ZeroRangeCriterionWarning,
)
from coopdecide.report import ReportContent, write_report

from .conftest import CRITERION_B, CYCLIC_CR, EXPERT_IMG, FORMULA, SCRIPT

VOID = {"meta", "img", "br", "hr", "link", "input", "col", "source", "wbr", "area", "base"}


class Page(HTMLParser):
    """The parsed page: every element (tag, attrs), the text, and each table's cells by id."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.tables: dict[str, list[list[str]]] = {}
        self.style = ""
        self._stack: list[str] = []
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag not in VOID:
            self._stack.append(tag)
        if tag == "table":
            self._table = attributes.get("id") or f"table{len(self.tables)}"
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self._stack and self._stack[-1] == tag, f"unbalanced </{tag}> in {self._stack}"
        self._stack.pop()
        if tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._stack and self._stack[-1] == "style":
            self.style += data
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def table(self, key: str) -> dict[str, list[str]]:
        """Rows of a table by their first cell (header row under "")."""
        rows = self.tables[f"table-{key}"]
        out = {"": rows[0][1:]}
        out.update({row[0]: row[1:] for row in rows[1:]})
        return out

    @property
    def all_text(self) -> str:
        return "".join(self.text)


def _no_network(page: Page) -> None:
    """Nothing in the page is fetched from anywhere: no scripts, no remote URLs."""
    remote = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
    tags = [tag for tag, _ in page.elements]
    assert "script" not in tags
    assert "link" not in tags and "iframe" not in tags and "object" not in tags
    for tag, attributes in page.elements:
        for name in ("src", "href", "srcset", "action", "data", "poster"):
            value = attributes.get(name)
            if value is None:
                continue
            assert not remote.match(value), f"<{tag} {name}={value!r}> loads from the network"
            if name == "src":
                assert value.startswith("data:image/png;base64,")
            if name == "href":
                assert value.startswith("#")
    assert "url(" not in page.style and "@import" not in page.style


@pytest.fixture(scope="module")
def html_report(hostile_results, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    results = dict(hostile_results)
    problem = results.pop("problem")
    ranking = results.pop("ranking")
    group = results.pop("group")
    written = write_report(
        ranking,
        path,
        dpi=50,
        weights=group,
        title=f"Partners {SCRIPT}",
        question="Which partner first? <b>now</b>",
        **results,
    )
    assert written == path
    return Page(path.read_text(encoding="utf-8")), problem, ranking, group, hostile_results


def test_html_contains_the_ranking(html_report):
    page, _, ranking, _, _ = html_report
    table = page.table("ranking")
    assert table[""][:2] == ["rank", "score"]
    frame = ranking.to_frame()
    assert [label for label in table if label] == [str(a) for a in frame.index]
    for label, row in frame.iterrows():
        assert table[str(label)][0] == str(ranking.ranks[label])
        assert table[str(label)][1] == f"{row['score']:.4f}"


def test_html_contains_each_experts_cr_with_the_ri_table(html_report):
    page, *_ = html_report
    table = page.table("experts")
    cr = table[""].index("cr")
    # by hand (see conftest): the consistent expert has CR 0, the cyclic one 1.1494
    assert table["Ministry"][cr] == "0.000"
    assert table[EXPERT_IMG][cr] == f"{CYCLIC_CR:.3f}"
    assert table[EXPERT_IMG][table[""].index("consistent")] == "no"
    caption = page.all_text
    assert "saaty1980" in caption and "Saaty, T.L. (1980)" in caption


def test_html_contains_the_critical_change_table(html_report):
    page, _, _, _, results = html_report
    table = page.table("critical_changes")
    top = results["critical_changes"].top
    assert set(table) - {""} == {str(c) for c in top.index}
    change = table[""].index("change")
    for criterion, row in top.iterrows():
        cells = table[str(criterion)]
        if row["feasible"]:
            assert cells[change] == f"{float(row['delta']):+.3f}"
            assert cells[table[""].index("new first")] == str(row["leader_after"])
        else:
            assert cells[change] == "–"
    assert "critical_any_pair" in {k.removeprefix("table-") for k in page.tables}


def test_html_escapes_hostile_labels(html_report):
    page, *_ = html_report
    _no_network(page)
    text = page.all_text
    # the labels are shown as text ...
    for label in (SCRIPT, EXPERT_IMG, CRITERION_B, FORMULA, "Chile & Peru", "<b>now</b>"):
        assert label in text
    # ... and never became elements
    tags = [tag for tag, _ in page.elements]
    assert "script" not in tags and "b" not in tags
    images = [attributes for tag, attributes in page.elements if tag == "img"]
    assert images and all(a["src"].startswith("data:image/png;base64,") for a in images)
    assert not any(a.get("onerror") for _, a in page.elements)
    title = [t for t in page.text if "Partners" in t]
    assert title[0] == f"Partners {SCRIPT}"


def test_html_is_self_contained(html_report):
    page, *_ = html_report
    _no_network(page)
    csp = [a for tag, a in page.elements if tag == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in csp[0]["content"]
    assert page.style.strip()  # the CSS is inline
    figures = [a for tag, a in page.elements if tag == "img"]
    assert len(figures) >= 6


def test_html_summary_for_a_director(html_report):
    page, _, ranking, _, results = html_report
    text = page.all_text
    best = ranking.best
    assert f"“{best}” ranks first among 4 candidates" in text
    first = results["smaa"].first_rank_acceptability[best]
    assert f"ranks first in {first:.0%} of 2,000 simulations" in text
    critical = results["critical_changes"].top
    feasible = critical[critical["feasible"]]
    chosen = feasible["relative_change"].astype(float).abs().idxmin()
    assert f"unless the weight of “{chosen}” changes by more than" in text
    assert f"{abs(float(feasible.loc[chosen, 'delta'])):.3f}" in text
    assert f"All 3 ranking methods compared put “{best}” first" in text
    top = page.table("top")
    assert top[""] == [
        "rank",
        "score",
        "ranked first in simulations",
        "methods ranking it in their top 3",
    ]
    assert top[str(best)] == ["1", f"{ranking.scores[best]:.3f}", f"{first:.1%}", "3 of 3"]
    assert len(top) == 1 + 4  # header + the 4 candidates (at most 5)
    # the summary comes first, then the warnings
    order = [s["id"] for tag, s in page.elements if tag == "section"]
    assert order[:2] == ["summary", "warnings"]


def test_html_warnings_an_analyst_must_see(html_report):
    page, *_ = html_report
    text = page.all_text
    assert f"Expert “{EXPERT_IMG}” gave inconsistent judgments: CR {CYCLIC_CR:.3f} > 0.1" in text
    assert f"“{FORMULA}” (by “{SCRIPT}” and “Chile & Peru”)" in text  # dominated


def test_markdown_report_with_figures(hostile_results, tmp_path):
    results = dict(hostile_results)
    results.pop("problem")
    ranking = results.pop("ranking")
    results["weights"] = results.pop("group")
    path = write_report(ranking, tmp_path / "study.md", dpi=50, **results)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Decision report\n")
    # hostile labels are escaped: no raw tags reach a Markdown renderer
    assert "<script>" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;b&gt;risk&lt;/b&gt;" in text
    # figures are PNG files beside the report, linked relatively
    folder = tmp_path / "study_files"
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert links and all(link.startswith("study_files/") for link in links)
    for link in links:
        assert (tmp_path / link).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in folder.iterdir()) == sorted(Path(x).name for x in links)
    # the ranking table: one row per candidate, in rank order
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert any(row.startswith("| Chile &amp; Peru | 2 |") for row in rows)
    assert "| candidate | rank | score |" in text
    assert "| 1 | 0.7" in text  # numbers in cells are not escaped


def test_markdown_without_figures(hostile_results, tmp_path):
    path = write_report(
        hostile_results["ranking"], tmp_path / "r.markdown", figures=False, format="markdown"
    )
    text = path.read_text(encoding="utf-8")
    assert "![" not in text and not (tmp_path / "r_files").exists()
    assert "No sensitivity analysis was run" in text


def test_format_from_suffix_and_explicit(hostile_results, tmp_path):
    ranking = hostile_results["ranking"]
    html_text = write_report(ranking, tmp_path / "a.htm", figures=False).read_text("utf-8")
    assert html_text.startswith("<!DOCTYPE html>")
    md = write_report(ranking, tmp_path / "new" / "a.txt", format="markdown", figures=False)
    assert md.read_text("utf-8").startswith("# ")


# ---------------------------------------------------------------------------
# robustness: any part may be missing
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "parts",
    [
        (),
        ("group",),
        ("critical_changes",),
        ("one_at_a_time",),
        ("smaa",),
        ("compare_methods",),
        ("group", "smaa", "compare_methods"),
    ],
)
def test_report_with_some_parts(hostile_results, tmp_path, parts):
    kwargs = {("weights" if p == "group" else p): hostile_results[p] for p in parts}
    path = write_report(hostile_results["ranking"], tmp_path / "r.html", figures=False, **kwargs)
    page = Page(path.read_text(encoding="utf-8"))
    _no_network(page)
    sections = [a["id"] for tag, a in page.elements if tag == "section"]
    assert sections[0] == "summary" and "ranking" in sections
    assert ("methods" in sections) == ("compare_methods" in parts)
    assert ("table-experts" in page.tables) == ("group" in parts)
    assert ("table-critical_changes" in page.tables) == ("critical_changes" in parts)
    assert ("table-smaa" in page.tables) == ("smaa" in parts)
    text = page.all_text
    if not {"critical_changes", "one_at_a_time", "smaa"} & set(parts):
        assert "No sensitivity analysis was run" in text
    if "one_at_a_time" in parts:
        # without critical_changes, the summary takes the critical change from the sweep
        assert "It stays first unless the weight of" in text
    if "group" not in parts:
        assert "The weights were given directly" in text


def test_report_with_a_single_ahp_and_a_hierarchy(tmp_path):
    from coopdecide import CriteriaHierarchy, PairwiseComparison, ahp

    structure = {"goal": ["political", "economic"], "economic": ["trade", "market"]}
    comparisons = {
        "goal": PairwiseComparison.from_judgments(
            ["political", "economic"], {("economic", "political"): 3}
        ),
        "economic": PairwiseComparison.from_judgments(
            ["trade", "market"], {("trade", "market"): 4}
        ),
    }
    hierarchy = CriteriaHierarchy(structure, comparisons)
    problem = DecisionProblem(
        [[1, 2, 3], [3, 2, 1], [2, 3, 2]],
        "max",
        alternatives=["x", "y", "z"],
        criteria=["political", "trade", "market"],
    )
    problem = hierarchy.apply_to(problem)
    single = ahp(
        PairwiseComparison.from_judgments(
            ["political", "trade", "market"],
            {("trade", "political"): 2, ("trade", "market"): 3, ("political", "market"): 2},
        )
    )
    path = write_report(
        topsis(problem), tmp_path / "h.html", weights=single, hierarchy=hierarchy, figures=True
    )
    page = Page(path.read_text(encoding="utf-8"))
    hierarchy_table = page.table("hierarchy")
    # by hand: economic 0.75, trade 0.8 of it = 0.6 global
    assert hierarchy_table["trade"][hierarchy_table[""].index("global_weight")] == "0.600"
    assert f"Consistency ratio CR = {single.cr:.3f}" in page.all_text
    assert any(a.get("id") == "figure-hierarchy" for _, a in page.elements)


def test_warnings_derived_from_the_results(tmp_path):
    import pandas as pd

    problem = DecisionProblem(
        [[2.0, 1.0, 5.0], [2.0, 1.0, 5.0], [1.0, 0.5, 5.0]],
        "max",
        weights=[0.5, 0.3, 0.2],
        alternatives=["A", "B", "C"],
        criteria=["gdp", "votes", "flat"],
    )
    criteria = pd.DataFrame(
        {"meaning": ["GDP", "PROXY: shared votes", "constant"], "licence": ["CC0", "MIT", "-"]},
        index=["gdp", "votes", "flat"],
    )
    with pytest.warns(ZeroRangeCriterionWarning, match="flat"):
        ranking = topsis(problem)
    content = ReportContent(ranking, criteria=criteria, illustrative="the data")
    path = write_report(content, tmp_path / "w.html", figures=False)
    page = Page(path.read_text(encoding="utf-8"))
    text = page.all_text
    assert "ILLUSTRATIVE: the data are illustrative" in text
    assert "1 criteria use proxies as data, not direct measures: “votes”" in text
    assert "“C” (by “A” and “B”)" in text  # dominated
    assert "have no effect on the ranking: “flat”" in text
    assert "“A” and “B” tie for first place" in text
    sources = page.table("sources")
    assert sources["votes"][sources[""].index("proxy")] == "yes"
    assert sources["gdp"][sources[""].index("licence")] == "CC0"
    # the warnings given replace the derived ones
    path = write_report(content, tmp_path / "w2.html", figures=False, warnings=["only this"])
    text = Page(path.read_text(encoding="utf-8")).all_text
    assert "only this" in text and "ILLUSTRATIVE: the data" not in text


def test_summary_when_no_weight_change_alters_the_top(tmp_path):
    from coopdecide.sensitivity import critical_changes

    problem = DecisionProblem(
        [[10, 10], [0, 1], [5, 5]], "max", alternatives=["A", "B", "C"], weights=[0.5, 0.5]
    )
    path = write_report(
        topsis(problem),
        tmp_path / "n.md",
        critical_changes=critical_changes(problem),
        figures=False,
    )
    text = path.read_text(encoding="utf-8")
    assert "No change of a single criterion's weight, however large, makes another" in text


def test_report_from_the_bundled_study(tmp_path):
    from coopdecide.study import bundled_study_path, load_study

    # the bundled data have dominated alternatives: run() warns (and lists them)
    with pytest.warns(DominatedAlternativeWarning, match="are dominated"):
        result = load_study(bundled_study_path()).run()
    path = write_report(result, tmp_path / "demo.html", figures=False)
    page = Page(path.read_text(encoding="utf-8"))
    _no_network(page)
    experts = page.table("experts")
    cr = experts[""].index("cr")
    for expert, row in result.group.consistency.iterrows():
        assert experts[str(expert)][cr] == f"{max(row['cr'], 0):.3f}"
    assert "table-critical_changes" in page.tables
    text = page.all_text
    assert "ILLUSTRATIVE" in text
    for warning in result.warnings:
        assert warning in text
    assert result.study.title in text
    sources = page.table("sources")
    assert "licence" in sources[""]  # from the bundled dataset's metadata
    assert "after the transform of “economic_size”, see the data sources" in text
    md = write_report(result, tmp_path / "demo.md", figures=False)
    assert md.read_text("utf-8").startswith(f"# {result.study.title.split(':')[0]}")


# ---------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------
def test_errors(hostile_results, tmp_path):
    ranking = hostile_results["ranking"]
    with pytest.raises(InvalidTypeError, match="the report needs a StudyResult, a RankingResult"):
        write_report(object(), tmp_path / "x.html")
    with pytest.raises(InvalidArgumentError, match=r"unknown report part\(s\) \['smaaa'\]"):
        write_report(ranking, tmp_path / "x.html", smaaa=1)
    with pytest.raises(UnknownMethodError, match="format"):
        write_report(ranking, tmp_path / "x.html", format="pdf")
    with pytest.raises(InvalidArgumentError, match="dpi must be a positive integer; got 0"):
        write_report(ranking, tmp_path / "x.html", dpi=0)
    with pytest.raises(InvalidTypeError, match="ranking must be a RankingResult; got str"):
        ReportContent("ranking")
    with pytest.raises(InvalidTypeError, match="criteria must be a DataFrame"):
        ReportContent(ranking, criteria={"a": 1})
    with pytest.raises(InvalidTypeError, match="notes must be a sequence of strings; got str"):
        ReportContent(ranking, notes="one note")
    content = ReportContent(ranking, smaa=hostile_results["smaa"])
    assert repr(content) == (
        "ReportContent(title='Decision report', 4 alternatives x 3 criteria, "
        "ranking='topsis', parts=['smaa'])"
    )
    with pytest.raises(InvalidArgumentError, match="unknown report part"):
        write_report(content, tmp_path / "x.html", ranking=ranking)


def test_without_matplotlib(hostile_results, tmp_path, monkeypatch):
    import coopdecide.report.write as writer

    monkeypatch.setattr(writer, "figures_available", lambda: False)
    ranking = hostile_results["ranking"]
    path = write_report(ranking, tmp_path / "x.html")
    page = Page(path.read_text(encoding="utf-8"))
    assert "Figures are omitted: matplotlib is not installed" in page.all_text
    assert not [tag for tag, _ in page.elements if tag == "img"]
    with pytest.raises(ImportError, match=r"figures=True needs matplotlib"):
        write_report(ranking, tmp_path / "x.html", figures=True)


def test_importing_the_report_package_is_light(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys, coopdecide.report as r; r.ReportContent; "
        "print('matplotlib' in sys.modules, 'openpyxl' in sys.modules); "
        "from coopdecide import DecisionProblem, topsis; "
        "p = DecisionProblem([[1, 2], [2, 1]], 'max', weights=[0.6, 0.4]); "
        "r.write_report(topsis(p), sys.argv[1], figures=False); "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "r.html")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split() == ["False", "False", "False"]


def test_png_bytes_do_not_depend_on_the_time(hostile_results):
    from coopdecide.report.builder import build_document
    from coopdecide.report.figures import render_png

    document = build_document(ReportContent(hostile_results["ranking"]))
    figure = document.figures()[0]
    assert render_png(figure) == render_png(figure)
    assert np.frombuffer(render_png(figure)[:8], dtype=np.uint8).tolist()[1:4] == [80, 78, 71]


def test_figures_of_the_same_results_are_drawn_once():
    from coopdecide.report.document import Figure
    from coopdecide.report.figures import render_png

    calls = []

    def draw(figure):
        calls.append(1)
        figure.add_subplot().plot([0, 1], [0, 1])

    source = object()
    first = render_png(Figure("line", "a line", draw, sources=(source,)), dpi=30)
    again = render_png(Figure("line", "a line", draw, sources=(source,)), dpi=30)
    assert first is again and len(calls) == 1
    render_png(Figure("line", "a line", draw, sources=(object(),)), dpi=30)  # other source
    render_png(Figure("line", "a line", draw, sources=(source,)), dpi=31)  # other dpi
    render_png(Figure("line", "a line", draw), dpi=30)  # no sources: never cached
    render_png(Figure("line", "a line", draw), dpi=30)
    assert len(calls) == 5


def test_report_from_a_study_without_experts_or_sensitivity(hostile_results, tmp_path):
    """A StudyResult-like object with fixed weights and no analyses: the report still works."""
    from types import SimpleNamespace

    import pandas as pd

    ranking = hostile_results["ranking"]
    criteria = pd.DataFrame(
        {"description": ["gain", "PROXY cost", "risk"], "proxy": [False, True, False]},
        index=ranking.problem.criteria,
    )
    study = SimpleNamespace(
        title="Fixed weights",
        question=None,
        description=None,
        notes=("a note",),
        criteria=criteria,
        experts=(),
        source=None,
        to_dict=lambda: {"data": {"path": "data.csv"}},
    )
    result = SimpleNamespace(
        study=study,
        ranking=ranking,
        group=None,
        sensitivity={},
        portfolio=None,
        warnings=("study warning",),
    )
    path = write_report(result, tmp_path / "s.html", figures=False)
    page = Page(path.read_text(encoding="utf-8"))
    text = page.all_text
    assert "Fixed weights" in text and "a note" in text and "study warning" in text
    assert "The weights were given directly" in text
    assert "No sensitivity analysis was run" in text
    assert "table-experts" not in page.tables
    assert page.table("sources")["cost"][-1] == "yes"  # the proxy column
    # parts given as keywords replace the study's
    path = write_report(result, tmp_path / "t.html", figures=False, title="Another title")
    assert "Another title" in path.read_text(encoding="utf-8")


def test_summary_names_the_smaa_leader_when_it_differs(tmp_path):
    from coopdecide.sensitivity import smaa

    # A is best at these weights, but B is first for most weights (w2 above about 0.35)
    problem = DecisionProblem(
        [[10.0, 1.0], [5.0, 10.0], [2.0, 2.0]],
        "max",
        alternatives=["A", "B", "C"],
        weights=[0.9, 0.1],
    )
    result = smaa(problem, 1000, weights="uniform", random_state=0)
    path = write_report(topsis(problem), tmp_path / "s.md", smaa=result, figures=False)
    text = path.read_text(encoding="utf-8")
    first = result.first_rank_acceptability
    assert f"It ranks first in {first['A']:.0%} of 1,000 simulations" in text
    assert first.idxmax() == "B"
    assert f"“B” ranks first most often ({first['B']:.0%})" in text


def test_large_problems_keep_figures_readable():
    from matplotlib.figure import Figure as MplFigure

    from coopdecide.report.builder import build_document
    from coopdecide.report.sections.ranking import MAX_RANKING_BARS, MAX_SWEEPS
    from coopdecide.sensitivity import one_at_a_time

    rng = np.random.default_rng(5)
    problem = DecisionProblem(
        rng.uniform(1, 10, size=(45, 10)),
        "max",
        weights=rng.uniform(0.5, 1.5, size=10),
        alternatives=[f"country {i}" for i in range(45)],
    )
    oat = one_at_a_time(problem, n_points=11)
    document = build_document(ReportContent(topsis(problem), one_at_a_time=oat))
    figures = {f.key: f for f in document.figures()}
    canvas = MplFigure()
    figures["ranking"].draw(canvas)
    assert len(canvas.axes[0].patches) == MAX_RANKING_BARS == 40
    assert "(the best 40)" in figures["ranking"].caption
    canvas = MplFigure()
    figures["sweeps"].draw(canvas)
    assert len(canvas.axes) == MAX_SWEEPS == 8
    # the panels drawn are the criteria nearest to a change of the top choice
    summary = oat.summary
    current = summary["current_weight"].astype(float)
    distance = np.minimum(
        (current - summary["top_lower"].astype(float)).fillna(np.inf),
        (summary["top_upper"].astype(float) - current).fillna(np.inf),
    )
    nearest = set(distance.sort_values(kind="stable").index[:8])
    drawn = {ax.get_title().removeprefix("Sensitivity to the weight of ") for ax in canvas.axes}
    assert drawn == {str(c) for c in nearest}


def test_geometric_method_warns_with_the_gci(hostile_results):
    from coopdecide import PairwiseComparison, ahp_group
    from coopdecide.report.builder import derive_warnings

    from .conftest import CONSISTENT, CYCLIC

    labels = list(hostile_results["problem"].criteria)
    group = ahp_group(
        {
            "Ministry": PairwiseComparison(np.array(CONSISTENT), labels=labels),
            "Cycle": PairwiseComparison(np.array(CYCLIC), labels=labels),
        },
        method="geometric",
        warn=False,
    )
    warnings = derive_warnings(ReportContent(hostile_results["ranking"], weights=group))
    # By hand: the cyclic expert's geometric weights are equal, so each error term is
    # log(3)^2 and GCI = 2 / ((n - 1)(n - 2)) * 3 log(3)^2 = 3 log(3)^2 = 3.621 at n = 3
    expected = f"Expert “Cycle” gave inconsistent judgments: GCI {3 * np.log(3) ** 2:.3f} > "
    assert any(w.startswith(expected) for w in warnings)
    assert not any("Ministry" in w for w in warnings)
