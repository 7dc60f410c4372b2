"""Plots of coopdecide results, reached through each result's ``.plot`` namespace.

matplotlib is imported only when a plot is drawn. Every method takes ``ax=None``
(a new figure is made when it is None), passes styling keywords on to the
matplotlib call that draws the data, and returns the Axes. Nothing is shown:
call ``plt.show()`` or save the figure yourself.

Colours come from the Okabe-Ito palette, which stays distinguishable for the
common forms of colour blindness (Okabe and Ito 2008, "Color Universal Design").

Which class draws which result (each result's ``.plot`` accessor, a
:class:`coopdecide._results.PlotAccessor`, imports this package on first use and
returns an instance of the class drawing that result):

- ``RankingResult``: :class:`RankingPlots` (``scores``), also for ``FuzzyTOPSISResult``;
- ``VIKORResult``: :class:`VIKORPlots` (``scores``, ``measures``);
- ``MULTIMOORAResult``: :class:`MULTIMOORAPlots` (``scores``, ``parts``);
- ``FuzzyAHPResult``: :class:`FuzzyWeightPlots` (``weights``);
- ``AHPResult``: :class:`AHPPlots` (``weights``);
- ``GroupAHPResult``: :class:`GroupAHPPlots` (``weights``, ``consistency``);
- ``ConsensusHistory``: :class:`ConsensusHistoryPlots` (``consensus``, ``compatibility``,
  ``weights``);
- ``CriteriaHierarchy``: :class:`HierarchyPlots` (``tree``, ``weights``);
- ``OneAtATimeResult``: :class:`OneAtATimePlots` (``sweep``, ``sweeps``, ``stability``);
- ``CriticalChangesResult``: :class:`CriticalChangesPlots` (``tornado``);
- ``SMAAResult``: :class:`SMAAPlots` (``rank_acceptability``, ``first_rank``);
- ``MethodComparisonResult``: :class:`MethodComparisonPlots` (``heatmap``);
- ``AHPSynthesisResult``: :class:`SynthesisPlots` (``scores``, ``contributions``);
- ``RepairResult``: :class:`RepairPlots` (``cr``, ``weights``);
- ``PortfolioResult``, ``PortfolioAcceptabilityResult``, ``BudgetSweepResult``:
  :class:`PortfolioPlots`, :class:`PortfolioAcceptabilityPlots`, :class:`BudgetSweepPlots`;
- ``IndicatorProblem``: :class:`IndicatorPlots` (``provenance``);
- ``WeightsResult``: :class:`WeightsPlots` (``weights``, ``components``);
- ``BWMResult``, ``GroupBWMResult``: :class:`BWMPlots`, :class:`GroupBWMPlots` (``weights``).
"""

from coopdecide.report.plots._base import OKABE_ITO, barh, colours, get_axes, grouped_bars
from coopdecide.report.plots.ahp import (
    AHPPlots,
    GroupAHPPlots,
    HierarchyPlots,
    RepairPlots,
    SynthesisPlots,
)
from coopdecide.report.plots.data import IndicatorPlots
from coopdecide.report.plots.delphi import ConsensusHistoryPlots
from coopdecide.report.plots.methods import FuzzyWeightPlots, MULTIMOORAPlots, VIKORPlots
from coopdecide.report.plots.portfolio import (
    BudgetSweepPlots,
    PortfolioAcceptabilityPlots,
    PortfolioPlots,
)
from coopdecide.report.plots.ranking import RankingPlots
from coopdecide.report.plots.sensitivity import (
    CriticalChangesPlots,
    MethodComparisonPlots,
    OneAtATimePlots,
    SMAAPlots,
)
from coopdecide.report.plots.weights import BWMPlots, GroupBWMPlots, WeightsPlots

__all__ = [
    "OKABE_ITO",
    "AHPPlots",
    "BWMPlots",
    "BudgetSweepPlots",
    "ConsensusHistoryPlots",
    "CriticalChangesPlots",
    "FuzzyWeightPlots",
    "GroupAHPPlots",
    "GroupBWMPlots",
    "HierarchyPlots",
    "IndicatorPlots",
    "MULTIMOORAPlots",
    "MethodComparisonPlots",
    "OneAtATimePlots",
    "PortfolioAcceptabilityPlots",
    "PortfolioPlots",
    "RankingPlots",
    "RepairPlots",
    "SMAAPlots",
    "SynthesisPlots",
    "VIKORPlots",
    "WeightsPlots",
    "barh",
    "colours",
    "get_axes",
    "grouped_bars",
]
