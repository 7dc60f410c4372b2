"""Render a report Document as one self-contained HTML file.

Everything is inline: the CSS in a ``<style>`` element, the figures as
``data:image/png;base64`` images. Nothing is loaded from the network: no
external scripts, stylesheets, fonts or images, and a Content-Security-Policy
that forbids them (``default-src 'none'``). The interactive report adds one
inline script (:mod:`coopdecide.report.interactive`), allowed by its hash. Every text
of the document, user labels included, goes through :func:`html.escape`, after
control characters (bidirectional overrides among them) are shown escaped
as ``[U+XXXX]`` and line breaks turned into spaces (:mod:`coopdecide._text`).
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from coopdecide._text import safe_text, warn_if_controls
from coopdecide.report.document import Bullets, Document, Figure, Paragraph, Table
from coopdecide.report.figures import render_png

if TYPE_CHECKING:
    from coopdecide.report.interactive import InteractiveView

__all__ = ["render_html"]

_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

_CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --accent: #0072B2;
        --warn: #D55E00; --warn-bg: #fff4ec; --note-bg: #f3f7fb; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       color: var(--ink); line-height: 1.5; max-width: 68rem; margin: 0 auto;
       padding: 1.5rem 1.25rem 4rem; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.3rem; margin-top: 2.4rem; border-bottom: 2px solid var(--accent);
     padding-bottom: 0.2rem; }
.subtitle { color: var(--muted); margin-top: 0; }
nav ol { columns: 2; font-size: 0.95rem; }
section#summary ul { font-size: 1.08rem; background: var(--note-bg); padding: 1rem 1rem 1rem 2.2rem;
                     border-radius: 6px; }
section#summary li { margin-bottom: 0.4rem; }
.warning { background: var(--warn-bg); border-left: 4px solid var(--warn); padding: 0.7rem 1rem
           0.7rem 2rem; border-radius: 4px; }
ul.warning { padding-left: 2.2rem; }
.note { color: var(--muted); font-size: 0.95rem; }
.table-wrap { overflow-x: auto; margin: 0.8rem 0 1.4rem; }
table { border-collapse: collapse; font-size: 0.88rem; }
caption { caption-side: top; text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.25rem 0.6rem; text-align: left;
         vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1rem 0 1.8rem; }
figure img { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 0.9rem; }
@media print { h2 { break-after: avoid; } figure, table { break-inside: avoid; }
               nav { display: none; } }
"""


def _e(text: object) -> str:
    """Escape text for HTML content and attribute values (control characters shown escaped)."""
    return html.escape(safe_text(text), quote=True)


def _id(key: str) -> str:
    """A safe ``id`` attribute value (letters, digits, ``-`` and ``_``)."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", key) or "section"


def _table(table: Table) -> str:
    header, rows, numeric = table.rows()
    cls = [' class="num"' if flag else "" for flag in numeric]
    head = "".join(f'<th scope="col"{c}>{_e(h)}</th>' for h, c in zip(header, cls, strict=True))
    body = []
    for row in rows:
        cells = []
        for k, (value, c) in enumerate(zip(row, cls, strict=True)):
            tag = "th" if k == 0 and table.show_index else "td"
            scope = ' scope="row"' if tag == "th" else ""
            cells.append(f"<{tag}{scope}{c}>{_e(value)}</{tag}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<div class="table-wrap"><table id="table-{_id(table.key)}">'
        f"<caption>{_e(table.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _figure(figure: Figure, dpi: int) -> str:
    data = base64.b64encode(render_png(figure, dpi=dpi)).decode("ascii")
    return (
        f'<figure id="figure-{_id(figure.key)}">'
        f'<img src="data:image/png;base64,{data}" alt="{_e(figure.caption)}">'
        f"<figcaption>{_e(figure.caption)}</figcaption></figure>"
    )


def _blocks(blocks: Iterable[object], *, figures: bool, dpi: int) -> Iterable[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            cls = "" if block.kind == "text" else f' class="{_id(block.kind)}"'
            yield f"<p{cls}>{_e(block.text)}</p>"
        elif isinstance(block, Bullets):
            cls = "" if block.kind == "text" else f' class="{_id(block.kind)}"'
            items = "".join(f"<li>{_e(item)}</li>" for item in block.items)
            yield f"<ul{cls}>{items}</ul>"
        elif isinstance(block, Table):
            yield _table(block)
        elif isinstance(block, Figure) and figures:
            yield _figure(block, dpi)


def render_html(
    document: Document,
    *,
    figures: bool = True,
    dpi: int = 110,
    note: str | None = None,
    interactive: InteractiveView | None = None,
) -> str:
    """The whole report as a self-contained HTML page.

    Parameters
    ----------
    document : Document
        The report (see :func:`coopdecide.report.builder.build_document`).
    figures : bool, default True
        Draw the figures (needs matplotlib); False leaves them out.
    dpi : int, default 110
        Resolution of the embedded PNG figures.
    note : str, optional
        A note shown under the title (e.g. why the figures are missing).
    interactive : InteractiveView, optional
        The weight sliders with the live ranking, shown after the ranking
        (see :func:`coopdecide.report.interactive.interactive_view`).

    Warns
    -----
    ControlCharacterWarning
        A text of the document holds control characters (shown escaped).
    """
    warn_if_controls(document.texts(), "the report", stacklevel=2)
    sections = [
        (s.key, s.title, "\n".join(_blocks(s.blocks, figures=figures, dpi=dpi)))
        for s in document.sections
    ]
    csp, css = _CSP, _CSS
    if interactive is not None:
        from coopdecide.report import interactive as explore

        keys = [key for key, _, _ in sections]
        at = keys.index("ranking") + 1 if "ranking" in keys else len(keys)
        sections.insert(at, (explore.KEY, explore.TITLE, interactive.body))
        csp = f"{_CSP}; script-src {interactive.script_source}"
        css = _CSS + explore.CSS
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="coopdecide">',
        f"<title>{_e(document.title)}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(document.title)}</h1>",
        f'<p class="subtitle">{_e(document.subtitle)}</p>',
        "</header>",
        '<nav aria-label="Contents"><ol>',
    ]
    parts.extend(f'<li><a href="#{_id(key)}">{_e(title)}</a></li>' for key, title, _ in sections)
    parts.append("</ol></nav>")
    if note:
        parts.append(f'<p class="note">{_e(note)}</p>')
    for key, title, body in sections:
        parts.append(f'<section id="{_id(key)}">')
        parts.append(f"<h2>{_e(title)}</h2>")
        if body:
            parts.append(body)
        parts.append("</section>")
    parts.extend(["</body>", "</html>", ""])
    return "\n".join(parts)
