"""Write a report's tables to an Excel workbook: one sheet per table (openpyxl).

Numbers stay numbers (with a display format); text is always stored as text.
Text that a spreadsheet could take for a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return: "CSV/formula injection") is written
with the string data type and Excel's quote prefix, so it shows as typed and
is never evaluated. Characters that XML cannot hold are removed.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._files import save_workbook
from coopdecide.report.document import Document, Table

__all__ = ["FORMULA_PREFIXES", "safe_sheet_name", "write_workbook"]

#: Leading characters that make spreadsheet software read text as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_NUMBER_FORMATS = {".1%": "0.0%", ".0%": "0%", ".2f": "0.00", ".3f": "0.000", ".4f": "0.0000"}


def safe_sheet_name(name: str, used: set[str]) -> str:
    r"""A valid, unique Excel sheet name (at most 31 characters, none of the characters []:*?/\\).

    Examples
    --------
    >>> used = set()
    >>> safe_sheet_name("critical_changes", used), safe_sheet_name("critical_changes", used)
    ('critical_changes', 'critical_changes (2)')
    """
    base = _SHEET_FORBIDDEN.sub("_", name).strip("'") or "sheet"
    base = base[:31]
    candidate, k = base, 2
    while candidate.lower() in used:
        suffix = f" ({k})"
        candidate = base[: 31 - len(suffix)] + suffix
        k += 1
    used.add(candidate.lower())
    return candidate


def _set_cell(cell: Any, value: Any, number_format: str | None = None) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or value is pd.NA or value is pd.NaT:
        return
    if isinstance(value, (bool, np.bool_)):
        cell.value = bool(value)
        return
    if isinstance(value, (int, np.integer)):
        cell.value = int(value)
        return
    if isinstance(value, (float, np.floating)):
        number = float(value)
        if math.isnan(number):
            return
        if math.isinf(number):
            _set_text(cell, "inf" if number > 0 else "-inf")
            return
        cell.value = number
        if number_format:
            cell.number_format = number_format
        return
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    _set_text(cell, text)


def _set_text(cell: Any, text: str) -> None:
    """Store ``text`` as a string cell, whatever it starts with."""
    cell.value = text
    if text.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"  # never a formula
        cell.quotePrefix = True  # Excel shows it as text and keeps it text when edited


def _write_table(sheet: Any, table: Table) -> None:
    from openpyxl.styles import Font

    frame = table.frame
    sheet.append([])  # row 1: the caption
    _set_cell(sheet.cell(row=1, column=1), table.caption)
    sheet.cell(row=1, column=1).font = Font(italic=True)
    header = [str(c) for c in frame.columns]
    offset = 0
    if table.show_index:
        header.insert(0, str(frame.index.name or ""))
        offset = 1
    for j, name in enumerate(header, start=1):
        cell = sheet.cell(row=3, column=j)
        _set_cell(cell, name)
        cell.font = Font(bold=True)
    formats = [_NUMBER_FORMATS.get(table.formats.get(c, "")) for c in frame.columns]
    for i, (label, row) in enumerate(
        zip(frame.index, frame.itertuples(index=False), strict=True), start=4
    ):
        if table.show_index:
            _set_cell(sheet.cell(row=i, column=1), label)
        for j, (value, number_format) in enumerate(zip(row, formats, strict=True)):
            _set_cell(sheet.cell(row=i, column=j + 1 + offset), value, number_format)
    sheet.freeze_panes = sheet.cell(row=4, column=1 + offset)
    for j, name in enumerate(header, start=1):
        width = max(
            [len(name), *(len(str(v)) for v in frame.iloc[:, j - 1 - offset])]
            if j > offset
            else [len(name), *(len(str(v)) for v in frame.index)]
        )
        sheet.column_dimensions[sheet.cell(row=3, column=j).column_letter].width = min(
            60, max(8, width + 2)
        )


def write_workbook(document: Document, path: str | os.PathLike[str]) -> Path:
    """Write the summary, the warnings and every table of ``document`` to ``path``.

    The first sheet, "summary", holds the title, the summary sentences and
    the warnings (one per row); then one sheet per table, named by the
    table's key.
    """
    from openpyxl import Workbook

    from coopdecide.report.document import Bullets, Paragraph

    workbook = Workbook()
    used: set[str] = set()
    sheet = workbook.worksheets[0]  # a new workbook has one sheet
    sheet.title = safe_sheet_name("summary", used)
    row = 1
    for text in (document.title, document.subtitle):
        _set_cell(sheet.cell(row=row, column=1), text)
        row += 1
    for section in document.sections:
        if section.key not in ("summary", "warnings"):
            continue
        row += 1
        _set_cell(sheet.cell(row=row, column=1), section.title)
        row += 1
        for block in section.blocks:
            texts = (
                block.items
                if isinstance(block, Bullets)
                else ((block.text,) if isinstance(block, Paragraph) else ())
            )
            for text in texts:
                _set_cell(sheet.cell(row=row, column=1), text)
                row += 1
    sheet.column_dimensions["A"].width = 120
    for table in document.tables():
        _write_table(workbook.create_sheet(safe_sheet_name(table.key, used)), table)
    return save_workbook(workbook, path)
