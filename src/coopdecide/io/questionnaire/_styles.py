"""The named cell styles of the questionnaire workbook."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.workbook.workbook import Workbook


_STYLE_TITLE = "coopdecide title"
_STYLE_BOLD = "coopdecide bold"
_STYLE_HEADER = "coopdecide header"
_STYLE_HEADING = "coopdecide block heading"
_STYLE_NUMBER = "coopdecide number"
_STYLE_LABEL = "coopdecide label"
_STYLE_ANSWER = "coopdecide answer"
_STYLE_FEEDBACK = "coopdecide feedback"


def _register_styles(workbook: Workbook) -> None:
    """Named cell styles, registered once (much faster than styling every cell)."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

    thin = Side(style="thin", color="BFBFBF")
    wrap = Alignment(wrap_text=True, vertical="top")
    for style in (
        NamedStyle(_STYLE_TITLE, font=Font(bold=True, size=14)),
        NamedStyle(_STYLE_BOLD, font=Font(bold=True)),
        NamedStyle(
            _STYLE_HEADER,
            font=Font(bold=True, color="FFFFFF"),
            fill=PatternFill("solid", fgColor="1F4E78"),
            alignment=wrap,
        ),
        NamedStyle(
            _STYLE_HEADING, font=Font(bold=True), fill=PatternFill("solid", fgColor="DDEBF7")
        ),
        NamedStyle(_STYLE_NUMBER, alignment=Alignment(horizontal="center", vertical="top")),
        NamedStyle(_STYLE_LABEL, alignment=wrap),
        NamedStyle(
            _STYLE_ANSWER,
            fill=PatternFill("solid", fgColor="FFF2CC"),
            border=Border(left=thin, right=thin, top=thin, bottom=thin),
            alignment=wrap,
            protection=Protection(locked=False),
        ),
        NamedStyle(
            _STYLE_FEEDBACK,
            fill=PatternFill("solid", fgColor="EDEDED"),
            border=Border(left=thin, right=thin, top=thin, bottom=thin),
            alignment=wrap,
        ),
    ):
        workbook.add_named_style(style)
