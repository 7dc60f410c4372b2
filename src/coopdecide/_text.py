"""User text made safe to show: one line, control characters shown escaped.

A label that holds a bidirectional override (U+202E and its kin) can make a
report or a terminal show text in another order than it is stored, for
example a country name whose letters, or the numbers after it, read
backwards ("Trojan Source", CVE-2021-42574). Terminal escape sequences
(U+001B) can recolour or clear a terminal. The HTML and Markdown reports and
the command line's tables show every such character as ``[U+XXXX]``, and
warn (:class:`~coopdecide.exceptions.ControlCharacterWarning`); a line break
or tab inside a label becomes a space everywhere, so a label reads the same
in the terminal and in a report.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable

from coopdecide._validation import describe
from coopdecide.exceptions import ControlCharacterWarning

__all__ = [
    "BIDI_CONTROLS",
    "control_characters",
    "escaped_controls",
    "one_line",
    "safe_text",
    "warn_if_controls",
]

#: The Unicode bidirectional formatting characters: embeddings and overrides
#: (U+202A-U+202E), isolates (U+2066-U+2069) and the marks LRM, RLM and ALM.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"

_LINE_BREAKS = re.compile("\r\n|[\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029]")
#: Shown escaped: the bidi controls and the C0 and C1 control characters (line breaks
#: and tabs are turned into spaces first).
_CONTROLS = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
_ESCAPED = re.compile(r"\[U\+([0-9A-F]{4})\]")


def one_line(text: object) -> str:
    r"""``text`` with every line break and tab turned into one space.

    Examples
    --------
    >>> one_line("Viet\r\nNam\tnorth")
    'Viet Nam north'
    """
    return _LINE_BREAKS.sub(" ", str(text))


def safe_text(text: object) -> str:
    r"""``text`` on one line, with each control character shown as ``[U+XXXX]``.

    Examples
    --------
    >>> safe_text("abc\u202edef\nghi\x1b[2J")
    'abc[U+202E]def ghi[U+001B][2J'
    """
    return _CONTROLS.sub(lambda m: f"[U+{ord(m[0]):04X}]", one_line(text))


def control_characters(text: str) -> list[str]:
    r"""The control characters :func:`safe_text` escapes in ``text``, as ``U+XXXX``, sorted.

    Examples
    --------
    >>> control_characters("a\u2066b\u202ec\u202e\n")
    ['U+202E', 'U+2066']
    """
    return sorted({f"U+{ord(c):04X}" for c in _CONTROLS.findall(one_line(text))})


def escaped_controls(text: str) -> list[str]:
    r"""The control characters shown as ``[U+XXXX]`` in ``text`` (made by :func:`safe_text`).

    Examples
    --------
    >>> escaped_controls(safe_text("a\u202eb") + " [U+0041]")
    ['U+202E']
    """
    codes = {int(code, 16) for code in _ESCAPED.findall(text)}
    return [f"U+{code:04X}" for code in sorted(codes) if _CONTROLS.fullmatch(chr(code))]


def warn_if_controls(texts: Iterable[str], where: str, *, stacklevel: int = 2) -> None:
    """Warn once if any of ``texts`` holds characters that :func:`safe_text` escapes.

    The warning names every such character and the first text holding one.
    """
    found: set[str] = set()
    first = None
    for text in texts:
        characters = control_characters(text)
        if characters and first is None:
            first = text
        found.update(characters)
    if first is not None:
        warnings.warn(
            f"{where} holds bidirectional or other control characters, shown escaped as "
            f"[U+XXXX]: {', '.join(sorted(found))} (first in {describe(first)})",
            ControlCharacterWarning,
            stacklevel=stacklevel + 1,
        )
