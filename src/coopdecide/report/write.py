"""The report's entry points: :func:`write_report` and :func:`export_excel`."""

from __future__ import annotations

import os
from numbers import Integral
from pathlib import Path
from typing import Any

from coopdecide._files import make_folder, workbook_path, write_text
from coopdecide._validation import check_option, describe
from coopdecide.exceptions import InvalidArgumentError
from coopdecide.report.builder import build_document
from coopdecide.report.content import as_content
from coopdecide.report.figures import MATPLOTLIB_MISSING, figures_available

__all__ = ["export_excel", "write_report"]

_FORMATS = ("html", "markdown")
_MARKDOWN_SUFFIXES = (".md", ".markdown")


def write_report(
    source: Any,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    figures: bool | None = None,
    dpi: int = 110,
    interactive: bool = False,
    **parts: Any,
) -> Path:
    """Write the report a director can read: self-contained HTML, or Markdown.

    The report opens with a plain-language summary (what ranks first, the
    weight change that would change that, its share of first places in the
    simulations, whether other methods agree) and the warnings, then shows
    the question and the candidates, the data sources, the criteria weights
    with each expert's weights and consistency, the ranking, the stability
    of the top choice and the agreement of other methods. Parts that were
    not computed are left out.

    Parameters
    ----------
    source : StudyResult, RankingResult or ReportContent
        What to report: a whole study (``Study.run()``), or a ranking with the
        other results passed as keywords (``parts``), or a prepared
        :class:`~coopdecide.report.ReportContent`.
    path : str or os.PathLike
        The file to write. Missing parent folders are created; an existing
        file is replaced atomically (a failed write leaves it as it was).
        For Markdown with figures, the PNG files go into the folder
        ``<stem>_files`` beside it.
    format : {"html", "markdown"}, optional
        Default from the suffix: ``.md`` or ``.markdown`` give Markdown,
        anything else HTML.
    figures : bool, optional
        Draw the figures (needs matplotlib). Default: if matplotlib is
        installed; if not, the report says the figures are omitted. True
        with matplotlib missing raises ImportError.
    dpi : int, default 110
        Resolution of the figures.
    interactive : bool, default False
        Add sliders for the criteria weights to the HTML report, with the
        ranking (chart and table) recomputed in the browser as a slider
        moves, the exact swap points of
        :func:`~coopdecide.sensitivity.one_at_a_time` marked on each slider
        and a reset button. Still one self-contained file that loads
        nothing; needs a TOPSIS ranking and ``format="html"``.
    **parts
        Fields of :class:`~coopdecide.report.ReportContent` (``title``,
        ``question``, ``weights``, ``critical_changes``, ``smaa``, ...): the
        parts of the report, or replacements for those of ``source``.

    Returns
    -------
    pathlib.Path
        The report written.

    Raises
    ------
    InvalidTypeError
        ``source`` is none of the accepted kinds.
    InvalidArgumentError
        An unknown part, a ``dpi`` that is not a positive integer, or
        ``interactive=True`` for Markdown or a ranking other than TOPSIS.
    UnknownMethodError
        An unknown ``format``.
    ImportError
        ``figures=True`` without matplotlib.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from coopdecide import DecisionProblem, topsis
    >>> problem = DecisionProblem(
    ...     [[3, 2], [1, 4], [2, 2]], ["max", "min"], weights=[0.6, 0.4],
    ...     alternatives=["A", "B", "C"], criteria=["benefit", "cost"],
    ... )
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = write_report(topsis(problem), folder / "report.md", figures=False,
    ...                     title="A small example")
    >>> path.read_text(encoding="utf-8").splitlines()[0]
    '# A small example'
    """
    content = as_content(source, parts)
    target = Path(path)
    if format is None:
        format = "markdown" if target.suffix.lower() in _MARKDOWN_SUFFIXES else "html"
    format = check_option("format", format, _FORMATS)
    if isinstance(dpi, bool) or not isinstance(dpi, Integral) or dpi < 1:
        raise InvalidArgumentError(f"dpi must be a positive integer; got {describe(dpi)}")
    dpi = int(dpi)  # a numpy integer too
    if not isinstance(interactive, bool):
        raise InvalidArgumentError(
            f"interactive must be True or False; got {describe(interactive)}"
        )
    if interactive and format != "html":
        raise InvalidArgumentError(
            f"interactive=True needs format='html' (a browser page); got format={format!r}"
        )
    note = None
    if figures is None:
        figures = figures_available()
        note = None if figures else MATPLOTLIB_MISSING
    elif figures and not figures_available():
        raise ImportError(
            "figures=True needs matplotlib: pip install 'coopdecide[plot]' (or pass figures=False)"
        )
    make_folder(target.parent)  # a file in the way fails now, not after the rendering
    document = build_document(content)
    if format == "html":
        from coopdecide.report.html import render_html

        view = None
        if interactive:
            from coopdecide.report.interactive import interactive_view

            view = interactive_view(content)
        text = render_html(document, figures=bool(figures), dpi=dpi, note=note, interactive=view)
    else:
        from coopdecide.report.markdown import render_markdown

        figure_dir = None
        prefix = ""
        if figures and document.figures():
            figure_dir = make_folder(target.with_name(f"{target.stem}_files"))
            prefix = f"{figure_dir.name}/"
        text = render_markdown(
            document, figure_dir=figure_dir, link_prefix=prefix, dpi=dpi, note=note
        )
    write_text(target, text)
    return target


def export_excel(source: Any, path: str | os.PathLike[str], **parts: Any) -> Path:
    """Write the report's tables to an Excel workbook, one sheet per table (needs openpyxl).

    The first sheet holds the summary and the warnings. Text that starts
    with ``=``, ``+``, ``-`` or ``@`` is stored as text, never as a formula.

    Parameters
    ----------
    source : StudyResult, RankingResult or ReportContent
        As for :func:`write_report`.
    path : str or os.PathLike
        The ``.xlsx`` file to write (missing parent folders are created; an
        existing file is replaced atomically).
    **parts
        As for :func:`write_report`.

    Returns
    -------
    pathlib.Path
        The workbook written.

    Raises
    ------
    InvalidArgumentError
        ``path`` does not end with ``.xlsx``.
    ImportError
        openpyxl is not installed.
    """
    target = workbook_path("path", path)
    try:
        import openpyxl  # noqa: F401
    except ImportError as error:
        raise ImportError("export_excel needs openpyxl: pip install 'coopdecide[excel]'") from error
    from coopdecide.report.excel import write_workbook

    document = build_document(as_content(source, parts))
    return write_workbook(document, target)
