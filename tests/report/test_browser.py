"""The interactive report in a real browser: headless Chromium driven by Playwright.

Playwright drives the system's Chromium (Debian's ``chromium`` package) through
its executable path; it never downloads a browser. Without a browser or
Playwright the tests are skipped with the reason, except where
``COOPDECIDE_REQUIRE_BROWSER`` (or ``CI``) is set, as in .ci/run: there a
missing browser is a failure. One browser serves the whole module.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from coopdecide import topsis
from coopdecide.ranking import ranks_from_scores
from coopdecide.report import write_report

from .conftest import SCRIPT

#: The browser binary itself (Debian's /usr/bin/chromium is a wrapper script).
_CANDIDATES = ("/usr/lib/chromium/chromium", "chromium", "chromium-browser", "google-chrome")


def _executable() -> str | None:
    chosen = os.environ.get("COOPDECIDE_CHROMIUM")
    if chosen:
        return chosen
    for name in _CANDIDATES:
        found = shutil.which(name) or (name if Path(name).is_file() else None)
        if found:
            return found
    return None


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed: pip install -e '.[test]'"
    if _executable() is None:
        return "no Chromium found: apt-get install -y chromium (or set COOPDECIDE_CHROMIUM)"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("CI") or os.environ.get("COOPDECIDE_REQUIRE_BROWSER"):
            pytest.fail(f"CI must run the browser tests, but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=_executable(), args=["--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The bundled study's result and its interactive report (with the figures)."""
    import warnings

    from coopdecide.study import bundled_study_path, load_study

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the demo's dominated alternatives
        result = load_study(bundled_study_path()).run()
    path = write_report(result, tmp_path_factory.mktemp("demo") / "report.html", interactive=True)
    return result, path


class Page:
    """A report opened in the browser; records every request and script error."""

    def __init__(self, browser, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss())
        )
        self.page.goto(path.as_uri())
        self.page.wait_for_selector('#cd-explore[data-ready="true"]')

    def move(self, k: int, value: float) -> None:
        """Set slider ``k`` to ``value`` and fire its input event, as a drag does."""
        self.page.evaluate(
            """([k, value]) => {
                const slider = document.getElementById("cd-weight-" + k);
                slider.value = String(value);
                slider.dispatchEvent(new Event("input", {bubbles: true}));
            }""",
            [k, value],
        )

    def weights(self) -> np.ndarray:
        return np.array(
            self.page.eval_on_selector_all(
                "#cd-sliders input", "xs => xs.map(x => Number(x.dataset.weight))"
            )
        )

    def ranking(self) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Scores and ranks by alternative position, and the labels in the table's order."""
        rows = self.page.eval_on_selector_all(
            "#cd-table-body tr",
            "rows => rows.map(r => [Number(r.dataset.alternative), Number(r.dataset.score),"
            " Number(r.dataset.rank), r.querySelector('th').textContent])",
        )
        order = [int(r[0]) for r in rows]
        scores = np.empty(len(rows))
        ranks = np.empty(len(rows), dtype=int)
        scores[order] = [r[1] for r in rows]
        ranks[order] = [r[2] for r in rows]
        return scores, ranks, [r[3] for r in rows]

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def page(browser, demo):
    opened = Page(browser, demo[1])
    yield opened
    opened.close()


def test_page_agrees_with_topsis_at_the_study_weights(page, demo):
    ranking = demo[0].ranking
    scores, ranks, labels = page.ranking()
    np.testing.assert_allclose(page.weights(), ranking.problem.weight_array, rtol=0, atol=1e-15)
    np.testing.assert_allclose(scores, ranking.scores.to_numpy(), rtol=0, atol=1e-12)
    assert ranks.tolist() == ranking.ranks.tolist()
    assert labels[0] == ranking.best
    assert page.errors == []


@pytest.mark.parametrize(("k", "value"), [(0, 0.6), (3, 0.02), (5, 0.9999), (2, 0.0)])
def test_moving_a_slider_reranks_as_topsis_does(page, demo, k, value):
    problem, options = demo[0].ranking.problem, demo[0].ranking.options
    page.page.click("#cd-reset")
    page.move(k, value)
    weights = page.weights()
    # the one_at_a_time path: k gets the value, the others keep their proportions
    start = problem.weight_array
    expected = np.delete(start, k) * (1 - value) / (1 - start[k])
    np.testing.assert_allclose(np.delete(weights, k), expected, rtol=0, atol=1e-12)
    assert weights[k] == value
    python = topsis(problem, weights=weights, **options)  # the study's normalization
    scores, ranks, _ = page.ranking()
    np.testing.assert_allclose(scores, python.scores.to_numpy(), rtol=0, atol=1e-12)
    assert ranks.tolist() == python.ranks.tolist()
    assert page.errors == []


def test_reset_restores_the_study_weights(page, demo):
    page.move(1, 0.5)
    page.move(4, 0.3)
    assert page.page.eval_on_selector_all(".cd-marks.cd-stale", "xs => xs.length") == 6
    page.page.click("#cd-reset")
    np.testing.assert_allclose(page.weights(), demo[0].ranking.problem.weight_array, atol=1e-15)
    assert page.page.eval_on_selector_all(".cd-marks.cd-stale", "xs => xs.length") == 0


def test_swap_points_are_marked_on_their_sliders(page, demo):
    swaps = demo[0].sensitivity["one_at_a_time"].breakpoints
    criteria = list(demo[0].ranking.problem.criteria)
    marks = page.page.eval_on_selector_all(
        "#cd-sliders .cd-slider",
        "rows => rows.map(r => Array.from(r.querySelectorAll('.cd-mark'),"
        " m => [Number(m.dataset.weight), m.classList.contains('cd-top')]))",
    )
    for k, criterion in enumerate(criteria):
        own = swaps[swaps["criterion"] == criterion]
        assert [w for w, _ in marks[k]] == own["weight"].tolist()
        assert [top for _, top in marks[k]] == own["changes_top"].tolist()


@pytest.mark.parametrize("normalization", ["vector", "minmax", "max", "sum"])
@pytest.mark.parametrize("distance", ["euclidean", "manhattan"])
def test_every_normalization_and_distance(browser, demo, tmp_path, normalization, distance):
    from coopdecide import DecisionProblem

    # the bundled data shifted to positive values, which every normalization accepts
    bundled = demo[0].ranking.problem
    problem = DecisionProblem(
        bundled.matrix - bundled.matrix.min(axis=0) + 1.0,
        ["max" if t > 0 else "min" for t in bundled.types],
        weights=bundled.weight_array,
        alternatives=list(bundled.alternatives),
        criteria=list(bundled.criteria),
    )
    ranking = topsis(problem, normalization=normalization, distance=distance)
    path = write_report(ranking, tmp_path / "r.html", figures=False, interactive=True)
    opened = Page(browser, path)
    try:
        for k, value in ((1, 0.45), (4, 0.05)):
            opened.move(k, value)
            python = topsis(
                problem, weights=opened.weights(), normalization=normalization, distance=distance
            )
            scores, ranks, _ = opened.ranking()
            np.testing.assert_allclose(scores, python.scores.to_numpy(), rtol=0, atol=1e-12)
            assert ranks.tolist() == ranks_from_scores(python.scores.to_numpy()).tolist()
        assert opened.errors == []
    finally:
        opened.close()


def test_ties_share_the_best_rank(browser, tmp_path):
    from coopdecide import DecisionProblem

    # B and C are mirror images: equal closeness at equal weights, which the page must tie
    problem = DecisionProblem(
        [[1.0, 1.0], [2.0, 0.5], [0.5, 2.0]],
        ["max", "max"],
        weights=[0.5, 0.5],
        alternatives=["A", "B", "C"],
    )
    path = write_report(topsis(problem), tmp_path / "r.html", figures=False, interactive=True)
    opened = Page(browser, path)
    try:
        assert opened.ranking()[1].tolist() == topsis(problem).ranks.tolist() == [3, 1, 1]
    finally:
        opened.close()


def test_labels_are_text_and_nothing_runs_but_the_page(browser, hostile_results, tmp_path):
    path = write_report(
        hostile_results["ranking"], tmp_path / "r.html", figures=False, interactive=True
    )
    opened = Page(browser, path)
    try:
        labels = opened.ranking()[2]
        assert SCRIPT in labels
        assert opened.dialogs == [] and opened.errors == []
        assert opened.page.eval_on_selector_all("#explore script", "xs => xs.length") == 2
    finally:
        opened.close()


def test_the_page_makes_no_network_request(page, demo):
    page.page.reload()
    page.page.wait_for_selector('#cd-explore[data-ready="true"]')
    page.move(0, 0.3)
    outside = [url for url in page.requests if not url.startswith(("file:", "data:"))]
    assert outside == []
    assert set(page.requests) >= {demo[1].as_uri()}
    # nor could it: every link and source in the page is inline or an anchor
    links = page.page.eval_on_selector_all(
        "[src], [href]", "xs => xs.map(x => x.getAttribute('src') || x.getAttribute('href'))"
    )
    assert links and all(link.startswith(("data:", "#")) for link in links)


def test_the_figures_render(page):
    from matplotlib import image

    page.page.click("#cd-reset")
    sizes = page.page.eval_on_selector_all(
        "figure img", "xs => xs.map(x => [x.complete, x.naturalWidth, x.naturalHeight])"
    )
    assert sizes and all(done and w > 100 and h > 100 for done, w, h in sizes)
    for selector in ("#cd-chart", "figure img"):
        png = page.page.locator(selector).first.screenshot()
        pixels = image.imread(io.BytesIO(png))[..., :3]
        colours = np.unique(pixels.reshape(-1, 3), axis=0)
        assert len(colours) > 20, selector  # not blank: bars, text, anti-aliasing
        assert pixels.std() > 0.05, selector
