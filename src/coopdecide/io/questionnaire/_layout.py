"""The workbook's layout and the argument checks shared by the writer, the filler and the reader."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from coopdecide._validation import describe, format_labels
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError

if TYPE_CHECKING:  # pragma: no cover
    pass


#: Version of the workbook layout, recorded in the hidden sheet. A reader
#: refuses workbooks written in a newer format.
FORMAT_VERSION = 1

#: Name of the visible sheet with the instructions.
INSTRUCTIONS_SHEET = "Instructions"

#: Name of the hidden sheet that records the format, the criteria and the experts.
METADATA_SHEET = "coopdecide"

_FORMAT_NAME = "coopdecide-questionnaire"

#: The choices of the "which is more important" dropdown.
DIRECTIONS: tuple[str, ...] = ("A", "B", "equal")

#: The choices of the "how much" dropdown: Saaty's 1-9 scale with the verbal
#: meaning of the odd values (Saaty 1980, Table 1.1); even values lie between.
SCALE_LABELS = MappingProxyType(
    {
        1: "1 - equal",
        2: "2 - equal to moderate",
        3: "3 - moderate",
        4: "4 - moderate to strong",
        5: "5 - strong",
        6: "6 - strong to very strong",
        7: "7 - very strong",
        8: "8 - very strong to extreme",
        9: "9 - extreme",
    }
)

# Explanations of the scale for the instructions sheet (after Saaty 1980, Table 1.1).
_SCALE_EXPLANATIONS = {
    1: "Both contribute equally to the objective.",
    3: "Experience and judgment slightly favour one over the other.",
    5: "Experience and judgment strongly favour one over the other.",
    7: "One is favoured very strongly; its dominance is demonstrated in practice.",
    9: "The evidence favouring one over the other is of the highest possible order.",
}

# Sheet layout (1-based rows and columns), shared by the writer, the filler and the reader.
_TITLE_ROW = 1
_EXPERT_ROW = 2
_NOTE_ROW = 3
_HEADER_ROW = 5
_FIRST_BLOCK_ROW = 6
_COL_NUMBER, _COL_A, _COL_B, _COL_DIRECTION, _COL_INTENSITY, _COL_COMMENT = "ABCDEF"
_HEADERS = (
    "No.",
    "Criterion A",
    "Criterion B",
    "Which is more important?",
    "How much more important?",
    "Comment (optional)",
)

_EXCEL_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_ILLEGAL_XML = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_SHEET_NAME_MAX = 31
_RESERVED_SHEETS = {INSTRUCTIONS_SHEET.casefold(), METADATA_SHEET.casefold(), "history"}
_MAX_LISTED_PROBLEMS = 25


def _normalise_text(text: str) -> str:
    text = text.replace("\u2013", "-").replace("\u2014", "-").casefold()
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s*-\s*", "-", text)


def _intensity_aliases() -> dict[str, int]:
    aliases: dict[str, int] = {}
    for value, label in SCALE_LABELS.items():
        verbal = label.split(" - ", 1)[1]
        for text in (str(value), label, verbal, f"between {verbal.replace(' to ', ' and ')}"):
            aliases[_normalise_text(text)] = value
        if value % 2 == 1:
            aliases[_normalise_text(f"{verbal} importance")] = value
    return aliases


_INTENSITY_ALIASES = _intensity_aliases()
_SCALE_HINT = (
    "expected one of 1-9 or the verbal labels ("
    + ", ".join(repr(SCALE_LABELS[k]) for k in (1, 3, 5, 7, 9))
    + ", ...)"
)


# -- layout ------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Block:
    """One block of pairs: the items compared under one node (``None`` = the criteria)."""

    node: str | None
    items: tuple[str, ...]

    def heading(self) -> str:
        if self.node is None:
            return "Compare the criteria"
        return f"Group {describe(self.node)}: compare the items within this group"


@dataclass(frozen=True)
class _PairRow:
    block: int
    row: int
    i: int
    j: int


def _layout(blocks: Sequence[_Block]) -> tuple[list[int], list[_PairRow]]:
    """Rows of the block headings and of every pair, in sheet order."""
    headings: list[int] = []
    pairs: list[_PairRow] = []
    row = _FIRST_BLOCK_ROW
    for b, block in enumerate(blocks):
        headings.append(row)
        row += 1
        n = len(block.items)
        for i in range(n):
            for j in range(i + 1, n):
                pairs.append(_PairRow(b, row, i, j))
                row += 1
        row += 1  # blank row between blocks
    return headings, pairs


# -- argument checks ---------------------------------------------------------------------
def _check_text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"{name} must be strings (they are written into the workbook as text); got "
            f"{describe(value)}"
        )
    if not value.strip():
        raise InvalidArgumentError(f"{name} must not be empty or blank; got {describe(value)}")
    if _ILLEGAL_XML.search(value):
        raise InvalidArgumentError(
            f"{name} must not contain control characters (Excel cannot store them); got "
            f"{describe(value)}"
        )
    return value


def _check_labels(name: str, values: Any, *, minimum: int, hint: str = "") -> tuple[str, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidTypeError(f"{name} must be a sequence of strings; got {describe(values)}")
    items = tuple(_check_text(name, v) for v in values)
    duplicated = sorted({v for v in items if items.count(v) > 1})
    if duplicated:
        raise InvalidArgumentError(
            f"{name} must be unique; duplicated: {format_labels(duplicated)}"
        )
    if len(items) < minimum:
        raise InvalidArgumentError(
            f"{name} must name at least {minimum} item(s) to compare; got {len(items)}{hint}"
        )
    return items


def _check_blocks(criteria: Any, groups: Any) -> list[_Block]:
    blocks = [_Block(None, _check_labels("criteria", criteria, minimum=2))]
    if groups is None:
        return blocks
    if not isinstance(groups, Mapping):
        raise InvalidTypeError(
            "groups must be a mapping {group name: [items compared within it]}; got "
            f"{type(groups).__name__}"
        )
    for node, items in groups.items():
        _check_text("groups keys", node)
        hint = " (a group with one item needs no comparison: leave it out of groups)"
        blocks.append(
            _Block(node, _check_labels(f"groups[{describe(node)}]", items, minimum=2, hint=hint))
        )
    return blocks


def _check_path(path: Any, name: str = "path") -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidTypeError(
            f"{name} must be a file path (str or os.PathLike); got {describe(path)}"
        )
    result = Path(path)
    if result.suffix.lower() != ".xlsx":
        raise InvalidArgumentError(
            f"{name} must name an Excel workbook ending in '.xlsx'; got {describe(str(result))}"
        )
    return result


def _import_openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError as error:  # pragma: no cover - the test environment has openpyxl
        raise ImportError(
            "Excel questionnaires need the optional dependency openpyxl; install it with "
            "'pip install coopdecide[excel]'"
        ) from error
    return openpyxl


def _sheet_names(experts: Sequence[str]) -> list[str]:
    """Excel-safe, unique sheet names for the experts (at most 31 characters)."""
    used = set(_RESERVED_SHEETS)
    names = []
    for expert in experts:
        base = _EXCEL_FORBIDDEN.sub("_", expert).strip().strip("'").strip() or "Expert"
        candidate = base[:_SHEET_NAME_MAX].strip()
        k = 2
        while candidate.casefold() in used:
            suffix = f" ({k})"
            candidate = base[: _SHEET_NAME_MAX - len(suffix)].strip() + suffix
            k += 1
        used.add(candidate.casefold())
        names.append(candidate)
    return names


def _put_text(cell: Any, text: str) -> None:
    """Write text that Excel must never read as a formula (labels may start with '=')."""
    cell.value = text
    cell.data_type = "s"


@dataclass(frozen=True)
class _Answer:
    """One answered row: ``intensity`` (1-9) in favour of A (``a_wins``) or of B."""

    intensity: int
    a_wins: bool
    comment: str | None

    @property
    def value(self) -> float:
        """How much more important A is than B."""
        return float(self.intensity) if self.a_wins else 1.0 / self.intensity
