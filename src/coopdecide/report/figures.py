"""Draw a document's figures to PNG bytes, without pyplot (no GUI backend, no global state)."""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from typing import Any

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


#: Recently drawn figures: key -> (the source objects, kept alive so that their ids
#: stay theirs, and the PNG bytes). Small, so that memory stays bounded.
_CACHE: OrderedDict[tuple[Any, ...], tuple[tuple[Any, ...], bytes]] = OrderedDict()
_CACHE_SIZE = 24
_LOCK = threading.Lock()


def _cache_key(figure: Figure, dpi: int) -> tuple[Any, ...] | None:
    if not figure.sources:
        return None
    import matplotlib

    style = hash(repr(sorted((k, repr(v)) for k, v in matplotlib.rcParams.items())))
    return (
        figure.key,
        tuple(figure.size),
        dpi,
        tuple(id(source) for source in figure.sources),
        matplotlib.__version__,
        style,
    )


def render_png(figure: Figure, *, dpi: int = 110) -> bytes:
    """Draw ``figure`` on a new matplotlib Figure and return it as PNG bytes.

    The figure is drawn with the Agg renderer directly (``matplotlib.figure.Figure``,
    not pyplot), so it works headless and leaves no open figure behind. The
    PNG carries no timestamp or software metadata, so the bytes depend only
    on what is drawn. A figure with ``sources`` (immutable results) is drawn
    once per size, resolution and matplotlib style, then reused.
    """
    key = _cache_key(figure, dpi)
    if key is not None:
        with _LOCK:
            hit = _CACHE.get(key)
            if hit is not None:
                _CACHE.move_to_end(key)
                return hit[1]
    png = _draw(figure, dpi)
    if key is not None:
        with _LOCK:
            _CACHE[key] = (figure.sources, png)
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
    return png


def _draw(figure: Figure, dpi: int) -> bytes:
    """Lay out and draw once on an Agg canvas, then encode the pixels as PNG.

    ``savefig`` would draw twice (once to lay the figure out, once to paint it);
    constrained layout runs inside the one ``canvas.draw()``, so a single draw
    gives the same PNG bytes without the extra pass.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigure
    from matplotlib.image import imsave

    canvas_figure = MplFigure(figsize=figure.size, dpi=dpi, layout="constrained")
    canvas = FigureCanvasAgg(canvas_figure)
    figure.draw(canvas_figure)
    canvas.draw()
    buffer = io.BytesIO()
    no_software: dict[str, Any] = {"Software": None}  # None drops the key (stubs say str)
    imsave(buffer, canvas.buffer_rgba(), format="png", dpi=dpi, metadata=no_software)
    return buffer.getvalue()
