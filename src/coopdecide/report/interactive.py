"""The interactive part of the HTML report: weight sliders with a live TOPSIS ranking.

The page embeds the ranked problem (raw matrix, objectives, weights, the
ranking's normalization and distance) as JSON in a
``<script type="application/json">`` element, and a small dependency-free
script (``interactive.js``, shipped with the package) that recomputes TOPSIS
in the browser with the formulas of :mod:`coopdecide.ranking.kernels` and the
tie rule of :func:`~coopdecide.ranking.ranks_from_scores`. Moving one slider
gives that criterion the chosen weight and rescales the others in proportion
(the path of :func:`~coopdecide.sensitivity.one_at_a_time`, as in Expert
Choice); the exact swap points of that path are marked on each slider.

Every label reaches the page as JSON data and is shown with ``textContent``,
never parsed as HTML. The script is allowed by the page's
Content-Security-Policy through its SHA-256 hash; nothing may be loaded.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from coopdecide._text import safe_text
from coopdecide.exceptions import InvalidArgumentError

__all__ = ["InteractiveView", "interactive_view"]

TITLE = "Explore the weights"
KEY = "explore"

CSS = """
#cd-explore .cd-slider { display: grid; grid-template-columns: 14rem 1fr 4rem; gap: 0 0.8rem;
                         align-items: center; margin-bottom: 0.9rem; }
#cd-explore .cd-slider label { overflow-wrap: anywhere; }
#cd-explore input[type=range] { width: 100%; margin: 0; }
#cd-explore .cd-readout { text-align: right; font-variant-numeric: tabular-nums; }
#cd-explore .cd-marks { grid-column: 2; position: relative; height: 0.7rem; margin: 0 8px; }
#cd-explore .cd-mark { position: absolute; top: 0; width: 1px; height: 0.45rem;
                       background: #9a9a9a; }
#cd-explore .cd-mark.cd-top { width: 3px; height: 0.7rem; margin-left: -1px;
                              background: var(--warn); }
#cd-explore .cd-marks.cd-stale { opacity: 0.25; }
#cd-explore button { font: inherit; padding: 0.3rem 0.9rem; margin: 0.4rem 0 1rem; }
#cd-chart .cd-bar { display: grid; grid-template-columns: 14rem 1fr 3.5rem; gap: 0.6rem;
                    align-items: center; font-size: 0.88rem; }
#cd-chart .cd-bar-label { overflow-wrap: anywhere; text-align: right; }
#cd-chart .cd-bar-track { background: #eef2f6; height: 0.85rem; }
#cd-chart .cd-bar-fill { display: block; height: 100%; background: #56B4E9; }
#cd-chart .cd-first .cd-bar-fill { background: var(--accent); }
#cd-chart .cd-bar-value { font-variant-numeric: tabular-nums; }
"""


@dataclass(frozen=True)
class InteractiveView:
    """The interactive section's markup and the CSP source that allows its script."""

    body: str
    script_source: str


def interactive_view(content: Any) -> InteractiveView:
    """The interactive section of the report of ``content`` (a ReportContent).

    Raises
    ------
    InvalidArgumentError
        The ranking is not TOPSIS (the page recomputes TOPSIS only).
    """
    ranking = content.ranking
    if ranking.method != "topsis":
        raise InvalidArgumentError(
            "interactive=True needs a TOPSIS ranking (the page recomputes TOPSIS); got a "
            f"{ranking.method!r} ranking; pass interactive=False"
        )
    script = resources.files("coopdecide.report").joinpath("interactive.js").read_text("utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    payload = _json_for_script(page_data(ranking))
    body = "".join(
        [
            f'<p class="note">{html.escape(_EXPLANATION)}</p>',
            '<div id="cd-explore">',
            '<div id="cd-sliders"></div>',
            '<button type="button" id="cd-reset">Reset to the study\'s weights</button>',
            '<p>Ranked first with these weights: <strong id="cd-first"></strong></p>',
            '<div id="cd-chart" aria-label="Closeness to the ideal at these weights"></div>',
            '<div class="table-wrap"><table id="cd-table">',
            "<caption>The ranking at these weights</caption>",
            '<thead><tr><th scope="col" class="num">Rank</th><th scope="col">Alternative</th>',
            '<th scope="col" class="num">Closeness</th>',
            '<th scope="col" class="num">Rank at the study\'s weights</th></tr></thead>',
            '<tbody id="cd-table-body"></tbody></table></div>',
            "</div>",
            f'<script type="application/json" id="cd-data">{payload}</script>',
            f"<script>{script}</script>",
        ]
    )
    return InteractiveView(body=body, script_source=f"'sha256-{digest}'")


_EXPLANATION = (
    "Move a slider to give that criterion another weight; the other criteria keep their "
    "proportions and the ranking below is recomputed at once (TOPSIS, as in the report). "
    "The ticks under a slider mark the weights at which two alternatives swap places "
    "(orange: first place changes), for that slider moved from the study's weights; they "
    "fade once another slider has been moved. Reset returns to the study's weights. "
    "The static sections of this report are at the study's weights."
)


def page_data(ranking: Any) -> dict[str, Any]:
    """The data the page's script needs: the problem, the options and the swap points."""
    from coopdecide.sensitivity import one_at_a_time

    problem = ranking.problem
    options = ranking.options
    swaps = one_at_a_time(
        problem, normalization=options["normalization"], distance=options["distance"]
    ).breakpoints
    criteria = list(problem.criteria)
    position = {criterion: k for k, criterion in enumerate(criteria)}
    return {
        "alternatives": [safe_text(a) for a in problem.alternatives],
        "criteria": [safe_text(c) for c in criteria],
        "matrix": problem.matrix.tolist(),
        "types": problem.types.astype(int).tolist(),
        "weights": problem.weight_array.tolist(),
        "normalization": options["normalization"],
        "distance": options["distance"],
        "swaps": [
            {
                "criterion": position[row.criterion],
                "weight": float(row.weight),
                "leader_below": safe_text(row.leader_below),
                "leader_above": safe_text(row.leader_above),
                "changes_top": bool(row.changes_top),
            }
            for row in swaps.itertuples(index=False)
        ],
    }


def _json_for_script(data: dict[str, Any]) -> str:
    """JSON that cannot end its ``<script>`` element (``<``, ``>``, ``&`` escaped)."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    for character, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(character, escaped)
    return text
