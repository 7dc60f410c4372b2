"""Plots and reports. matplotlib and openpyxl are imported only when a plot is drawn.

- :func:`write_report`: the report a director can read, as one self-contained
  HTML file or as Markdown;
- :func:`export_excel`: the report's tables in an Excel workbook;
- :class:`ReportContent`: what a report shows, assembled from results (for a
  report without a study file);
- :mod:`coopdecide.report.plots`: the plot classes behind each result's ``.plot``.

Names are loaded on first use, so importing this package stays light.
"""

from __future__ import annotations

from coopdecide._lazy import lazy_attributes

_EXPORTS: dict[str, str] = {
    "write_report": "coopdecide.report.write",
    "export_excel": "coopdecide.report.write",
    "ReportContent": "coopdecide.report.content",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_attributes("coopdecide.report", globals(), _EXPORTS)
