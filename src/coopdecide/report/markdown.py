"""Render a report Document as Markdown (CommonMark with pipe tables).

Figures are written as PNG files into a folder beside the report
(``<report stem>_files/``) and linked by a relative path; without a folder
they are left out and the tables carry the numbers. User text is escaped:
Markdown punctuation gets a backslash and ``&``, ``<`` and ``>`` become
entities, so a label like ``<script>`` or ``**bold**`` shows as typed and
raw HTML never reaches a Markdown renderer; control characters
(bidirectional overrides among them) are shown as ``[U+XXXX]``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from coopdecide._files import write_bytes
from coopdecide._text import safe_text, warn_if_controls
from coopdecide.report.document import Bullets, Document, Figure, Paragraph, Table
from coopdecide.report.figures import render_png

__all__ = ["escape_markdown", "render_markdown"]

_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(\d+)([.)])|^([#+\-=])")


def escape_markdown(text: object, *, line_start: bool = True) -> str:
    r"""Escape plain text so Markdown shows it as typed, on one line.

    With ``line_start=False`` (table cells), a leading ``#``, ``-``, ``+``,
    ``=`` or ``1.`` is left alone: it cannot start a block inside a cell.

    Examples
    --------
    >>> escape_markdown("<script>alert(1)</script> *x* | y")
    '&lt;script&gt;alert(1)&lt;/script&gt; \\*x\\* \\| y'
    >>> escape_markdown("# 1. not a heading"), escape_markdown("2. not a list")
    ('\\# 1. not a heading', '2\\. not a list')
    """
    one_line = " ".join(safe_text(text).split())
    escaped = _PUNCTUATION.sub(r"\\\1", one_line)
    if line_start:  # a heading, list or quote marker where the text starts a block
        escaped = _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)
    return html.escape(escaped, quote=False)


def _table(table: Table) -> list[str]:
    header, rows, numeric = table.rows()
    align = ["---:" if flag else ":---" for flag in numeric]
    lines = [
        f"*{escape_markdown(table.caption)}*",
        "",
        "| " + " | ".join(escape_markdown(h, line_start=False) or " " for h in header) + " |",
        "| " + " | ".join(align) + " |",
    ]
    lines.extend(
        "| " + " | ".join(escape_markdown(v, line_start=False) for v in row) + " |" for row in rows
    )
    lines.append("")
    return lines


def _blocks(
    blocks: Iterable[object], figure_dir: Path | None, link_prefix: str, dpi: int
) -> Iterable[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            text = escape_markdown(block.text)
            if block.kind == "warning":
                text = f"> **Warning:** {text}"
            elif block.kind == "note":
                text = f"*{text}*"
            yield from (text, "")
        elif isinstance(block, Bullets):
            prefix = "- **Warning:** " if block.kind == "warning" else "- "
            yield from (prefix + escape_markdown(item) for item in block.items)
            yield ""
        elif isinstance(block, Table):
            yield from _table(block)
        elif isinstance(block, Figure) and figure_dir is not None:
            name = f"{block.key}.png"
            write_bytes(figure_dir / name, render_png(block, dpi=dpi))
            link = quote(f"{link_prefix}{name}")
            alt = escape_markdown(block.caption)
            yield from (f"![{alt}]({link})", "", f"*{alt}*", "")


def render_markdown(
    document: Document,
    *,
    figure_dir: Path | None = None,
    link_prefix: str = "",
    dpi: int = 110,
    note: str | None = None,
) -> str:
    """The whole report as Markdown text.

    Parameters
    ----------
    document : Document
        The report.
    figure_dir : pathlib.Path, optional
        Folder where the figures are written as PNG files (it must exist).
        None leaves the figures out.
    link_prefix : str, default ""
        Prefix of the figures' links (the folder's path relative to the
        Markdown file, ending with "/").
    dpi : int, default 110
        Resolution of the PNG figures.
    note : str, optional
        A note shown under the title (e.g. why the figures are missing).

    Warns
    -----
    ControlCharacterWarning
        A text of the document holds control characters (shown escaped).
    """
    warn_if_controls(document.texts(), "the report", stacklevel=2)
    lines = [
        f"# {escape_markdown(document.title)}",
        "",
        f"*{escape_markdown(document.subtitle)}*",
        "",
    ]
    if note:
        lines.extend([f"*{escape_markdown(note)}*", ""])
    for section in document.sections:
        lines.extend([f"## {escape_markdown(section.title)}", ""])
        lines.extend(_blocks(section.blocks, figure_dir, link_prefix, dpi))
    return "\n".join(lines).rstrip("\n") + "\n"
