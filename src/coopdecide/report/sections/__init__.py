"""The sections of the report, one module per part: each function builds one Section.

- :mod:`~.overview`: the summary, the warnings, the question, the data sources
  and the references;
- :mod:`~.weights`: the criteria weights;
- :mod:`~.ranking`: the ranking, its stability and the method comparison;
- :mod:`~.portfolio`: the programme portfolio.

A section whose results are missing is None and left out of the report.
"""
