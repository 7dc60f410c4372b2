"""The report as a format-neutral document: sections of paragraphs, lists, tables and figures.

:mod:`coopdecide.report.builder` decides *what* the report says and builds a
:class:`Document`; :mod:`~coopdecide.report.html`,
:mod:`~coopdecide.report.markdown` and :mod:`~coopdecide.report.excel` decide
*how* it looks. Every text here is plain text (user labels included): the
renderers escape it for their format, so nothing in a document is ever
interpreted as markup.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "Bullets",
    "Document",
    "Figure",
    "Paragraph",
    "Section",
    "Table",
    "format_value",
]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text. ``kind`` is ``"text"``, ``"note"`` or ``"warning"``."""

    text: str
    kind: str = "text"


@dataclass(frozen=True)
class Bullets:
    """A bulleted list of plain-text items. ``kind`` as for :class:`Paragraph`."""

    items: tuple[str, ...]
    kind: str = "text"


@dataclass(frozen=True)
class Table:
    """A table: a DataFrame with its raw values and how to display each column.

    Attributes
    ----------
    key : str
        A short identifier (the Excel sheet name, the HTML ``id``).
    caption : str
        What the table shows.
    frame : pandas.DataFrame
        Raw values; the index is shown as the first column (named by
        ``frame.index.name``) unless ``show_index`` is False.
    formats : mapping
        Column -> Python format spec (".3f", ".1%", "+.3f", ",d"); floats of
        other columns use ".4g".
    show_index : bool
        Whether the index is a column of the table.
    """

    key: str
    caption: str
    frame: pd.DataFrame
    formats: Mapping[Any, str] = field(default_factory=dict)
    show_index: bool = True

    def rows(self) -> tuple[list[str], list[list[str]], list[bool]]:
        """Header, rows of display strings, and whether each column is numeric."""
        frame = self.frame
        header = [str(c) for c in frame.columns]
        columns = list(frame.columns)
        numeric = [
            pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
            for c in columns
        ]
        body = []
        for label, row in zip(frame.index, frame.itertuples(index=False), strict=True):
            cells = [
                format_value(v, self.formats.get(c)) for c, v in zip(columns, row, strict=True)
            ]
            if self.show_index:
                cells.insert(0, format_value(label))
            body.append(cells)
        if self.show_index:
            header.insert(0, str(frame.index.name or ""))
            numeric.insert(0, False)
        return header, body, numeric


@dataclass(frozen=True)
class Figure:
    """A figure drawn on demand.

    Attributes
    ----------
    key : str
        A short identifier (the PNG file name in the Markdown report).
    caption : str
        What the figure shows (also its alternative text).
    draw : callable
        ``draw(figure)`` draws on a fresh ``matplotlib.figure.Figure`` (its return
        value is ignored).
    size : tuple of float
        Width and height in inches.
    sources : tuple
        The (immutable) result objects the drawing depends on, if any: the
        same figure of the same objects is drawn once and reused (for
        example when a study writes both its HTML and Markdown reports).
    """

    key: str
    caption: str
    draw: Callable[[Any], object]
    size: tuple[float, float] = (7.0, 4.5)
    sources: tuple[Any, ...] = ()


Block = Paragraph | Bullets | Table | Figure


@dataclass(frozen=True)
class Section:
    """A titled section: blocks in order."""

    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    """A whole report: title, a subtitle line, and the sections in order."""

    title: str
    subtitle: str
    sections: tuple[Section, ...]

    def tables(self) -> list[Table]:
        """Every table of the document, in order."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]

    def figures(self) -> list[Figure]:
        """Every figure of the document, in order."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Figure)]

    def texts(self) -> Iterator[str]:
        """Every text the document shows: titles, paragraphs, list items, captions, cells."""
        yield self.title
        yield self.subtitle
        for section in self.sections:
            yield section.title
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    yield block.text
                elif isinstance(block, Bullets):
                    yield from block.items
                elif isinstance(block, (Table, Figure)):
                    yield block.caption
                if isinstance(block, Table):
                    header, rows, _ = block.rows()
                    yield from header
                    for row in rows:
                        yield from row


def format_value(value: Any, spec: str | None = None) -> str:
    """Display text of one cell: missing values as "–", floats with ``spec`` (default ".4g").

    Examples
    --------
    >>> format_value(0.12345, ".1%"), format_value(float("nan")), format_value(3)
    ('12.3%', '–', '3')
    >>> format_value(float("inf"), ".3f"), format_value(True), format_value(None)
    ('∞', 'yes', '–')
    >>> format_value(-3e-16, ".3f"), format_value(-1e-9, "+.3f"), format_value(-2e-9, ".3g")
    ('0.000', '+0.000', '-2e-09')
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return "–"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return format(int(value), spec) if spec else str(int(value))
    if isinstance(value, (float, np.floating)):
        number = float(value)
        if math.isnan(number):
            return "–"
        if math.isinf(number):
            return "∞" if number > 0 else "-∞"
        text = format(number, spec or ".4g")
        if text.startswith("-") and not any(ch in "123456789" for ch in text.split("e")[0]):
            # a negative zero after rounding ("-0.000"): no sign, or "+" if asked for
            text = ("+" if spec and spec.startswith("+") else "") + text[1:]
        return text
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(v) for v in value)
    return str(value)
