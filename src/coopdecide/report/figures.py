"""Draw a document's figures to PNG bytes, without pyplot (no GUI backend, no global state)."""

from __future__ import annotations

import io

from coopdecide.report.document import Figure

__all__ = ["MATPLOTLIB_MISSING", "figures_available", "render_png"]

#: What the report says in place of the figures when matplotlib is not installed.
MATPLOTLIB_MISSING = (
    "Figures are omitted: matplotlib is not installed (pip install 'coopdecide[plot]')."
)


def figures_available() -> bool:
    """Whether matplotlib can be imported."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def render_png(figure: Figure, *, dpi: int = 110) -> bytes:
    """Draw ``figure`` on a new matplotlib Figure and return it as PNG bytes.

    The figure is drawn with the Agg renderer directly (``matplotlib.figure.Figure``,
    not pyplot), so it works headless and leaves no open figure behind. The
    PNG carries no timestamp or software metadata, so the bytes depend only
    on what is drawn.
    """
    from matplotlib.figure import Figure as MplFigure

    canvas_figure = MplFigure(figsize=figure.size, layout="constrained")
    figure.draw(canvas_figure)
    buffer = io.BytesIO()
    canvas_figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()
