"""Whole studies described in a file: data, criteria, experts, settings -> results.

A study file (YAML or JSON, see ``docs/guide/studies.md``) names the data,
the criteria, the experts with their pairwise judgments (inline or in an Excel
questionnaire) and the analyses to run. :func:`load_study` reads and checks it
into a :class:`Study`; :meth:`Study.run` computes the group AHP weights, the
ranking and the sensitivity analyses into a :class:`StudyResult`, which
renders in Jupyter, exports to JSON and writes the report.

The package's modules follow the pipeline (see the architecture page of the
documentation): :mod:`~coopdecide.study.spec` (the file format and all its
validation) -> :mod:`~coopdecide.study.build` (data and judgments, with
:mod:`~coopdecide.study.data`) -> :mod:`~coopdecide.study.study` (the
:class:`Study`) -> :mod:`~coopdecide.study.run` (the stages) ->
:mod:`~coopdecide.study.result` (the :class:`StudyResult`) and
:mod:`~coopdecide.study.plots`.

Examples
--------
>>> from coopdecide.study import bundled_study_path, load_study
>>> study = load_study(bundled_study_path())
>>> study.experts[0]
'Ministry of Foreign Affairs (illustrative)'
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     result = study.run()
>>> [w.category.__name__ for w in caught]  # real data: some partners are dominated
['DominatedAlternativeWarning']
>>> bool(result.experts.loc[study.experts[2], "consistent"])
False
>>> study.problem.shape
(31, 6)
"""

from coopdecide.study.plots import StudyPlots
from coopdecide.study.result import StudyResult
from coopdecide.study.spec.limits import FileLimits
from coopdecide.study.study import Study, bundled_study_path, load_study

__all__ = [
    "FileLimits",
    "Study",
    "StudyPlots",
    "StudyResult",
    "bundled_study_path",
    "load_study",
]
