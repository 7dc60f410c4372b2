"""Excel questionnaires that ask experts for pairwise-comparison judgments.

:func:`write_questionnaire` writes a workbook with one sheet per expert. Each
sheet lists every pair of criteria (one *block* of pairs for the criteria, and
one more block per group when the criteria form a hierarchy) with two
dropdowns: which of the two is more important (``A``, ``B`` or ``equal``) and
how much, on Saaty's 1-9 scale with its verbal labels. An ``Instructions``
sheet explains in plain language how to fill it in, and a hidden sheet records
the format version, the criteria of every block and which sheet belongs to
which expert, so that :func:`read_questionnaire` can read the filled workbook
back into :class:`~coopdecide.ahp.PairwiseComparison` objects, one per expert
and block, and name the sheet and cell of every bad entry.

openpyxl is an optional dependency (``pip install coopdecide[excel]``); it is
imported only when a workbook is written or read.
"""

from __future__ import annotations

import math
import os
import re
import warnings
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Real
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from coopdecide._results import Immutable, html_section
from coopdecide._validation import describe, format_labels
from coopdecide.ahp.comparison import PairwiseComparison
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError, QuestionnaireError

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "DIRECTIONS",
    "FORMAT_VERSION",
    "INSTRUCTIONS_SHEET",
    "METADATA_SHEET",
    "SCALE_LABELS",
    "QuestionnaireResponses",
    "fill_questionnaire",
    "read_questionnaire",
    "write_questionnaire",
]

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


# -- writer ------------------------------------------------------------------------------
def write_questionnaire(
    path: str | os.PathLike[str],
    criteria: Sequence[str],
    experts: Sequence[str],
    *,
    title: str | None = None,
    instructions: str | Sequence[str] | None = None,
    groups: Mapping[str, Sequence[str]] | None = None,
    overwrite: bool = False,
) -> Path:
    """Write an Excel questionnaire asking each expert for pairwise judgments.

    The workbook has an ``Instructions`` sheet, then one sheet per expert
    (named after the expert, shortened and cleaned where Excel requires), then
    a hidden sheet ``coopdecide`` with the format version, the criteria and the
    mapping from sheet names to expert names. Each expert sheet lists, for
    every block, every pair of items ``(A, B)`` in the order given, with a
    dropdown "Which is more important?" (``A``, ``B`` or ``equal``, column D),
    a dropdown "How much more important?" on Saaty's 1-9 scale with verbal
    labels (column E) and a free comment (column F). Everything except these
    answer cells is protected (without a password), the header row is frozen
    and the sheets cannot be renamed, moved or added.

    Parameters
    ----------
    path : str or os.PathLike
        Where to write; must end in ``.xlsx``.
    criteria : sequence of str
        The items compared in the first block, in order (at least two). For a
        hierarchy these are the top-level criteria.
    experts : sequence of str
        The experts (people or institutions), one sheet each, in order.
    title : str, optional
        Shown at the top of every sheet; default ``"Pairwise comparison
        questionnaire"``.
    instructions : str or sequence of str, optional
        Your own text for the experts (context of the study, deadline,
        contact), shown on the instructions sheet above the standard
        explanation of how to fill in the sheets. Each line (or item) is one
        paragraph.
    groups : mapping of str to sequence of str, optional
        More blocks, one per group: ``{"political": ["alignment", "bloc"],
        ...}`` asks for the pairs among the items of each group. For a
        :class:`~coopdecide.CriteriaHierarchy`, pass the children of every
        parent node under the parent's name (a parent with a single child
        needs no comparison: leave it out). Items may repeat across blocks
        (for example the same alternatives compared under each criterion).
    overwrite : bool, default False
        Replace an existing file. Off by default so that a questionnaire
        already filled in by experts is not lost by accident.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    InvalidTypeError
        Labels or expert names that are not strings, ``groups`` not a mapping.
    InvalidArgumentError
        Empty, duplicated or control-character labels or names, a block with
        fewer than two items, no experts, a path not ending in ``.xlsx`` or an
        existing file without ``overwrite=True``.
    ImportError
        openpyxl is not installed (``pip install coopdecide[excel]``).

    See Also
    --------
    read_questionnaire : read the filled workbook back.
    fill_questionnaire : fill answers in programmatically (tests, demos).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = write_questionnaire(
    ...     folder / "weights.xlsx",
    ...     ["trade", "security", "culture"],
    ...     ["Foreign ministry", "Trade ministry"],
    ...     title="Partner country priorities 2027",
    ... )
    >>> path.name
    'weights.xlsx'
    """
    target = _check_path(path)
    blocks = _check_blocks(criteria, groups)
    names = _check_labels("experts", experts, minimum=1)
    title = "Pairwise comparison questionnaire" if title is None else _check_text("title", title)
    paragraphs = _check_instructions(instructions)
    if not isinstance(overwrite, bool):
        raise InvalidTypeError(f"overwrite must be True or False; got {describe(overwrite)}")
    if target.exists() and not overwrite:
        raise InvalidArgumentError(
            f"path {describe(str(target))} already exists; pass overwrite=True to replace it"
        )
    openpyxl = _import_openpyxl()
    sheets = _sheet_names(names)

    workbook = openpyxl.Workbook()
    _register_styles(workbook)
    _write_instructions(workbook.active, title, paragraphs, blocks, names, sheets)
    for expert, sheet in zip(names, sheets, strict=True):
        _write_expert_sheet(workbook.create_sheet(sheet), title, expert, blocks)
    _write_metadata(workbook.create_sheet(METADATA_SHEET), title, blocks, names, sheets)

    from openpyxl.workbook.protection import WorkbookProtection

    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.save(target)
    return target


def _check_instructions(instructions: Any) -> list[str]:
    if instructions is None:
        return []
    if isinstance(instructions, str):
        instructions = instructions.splitlines()
    if not isinstance(instructions, Iterable):
        raise InvalidTypeError(
            f"instructions must be a string or a sequence of strings; got {describe(instructions)}"
        )
    lines = list(instructions)
    for line in lines:
        if not isinstance(line, str):
            raise InvalidTypeError(
                f"instructions must be a string or a sequence of strings; got {describe(line)}"
            )
    for line in lines:
        if _ILLEGAL_XML.search(line):
            raise InvalidArgumentError(
                "instructions must not contain control characters (Excel cannot store them); "
                f"got {describe(line)}"
            )
    return lines


_STYLE_TITLE = "coopdecide title"
_STYLE_BOLD = "coopdecide bold"
_STYLE_HEADER = "coopdecide header"
_STYLE_HEADING = "coopdecide block heading"
_STYLE_NUMBER = "coopdecide number"
_STYLE_LABEL = "coopdecide label"
_STYLE_ANSWER = "coopdecide answer"


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
    ):
        workbook.add_named_style(style)


def _write_expert_sheet(ws: Worksheet, title: str, expert: str, blocks: list[_Block]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    _put_text(ws[f"A{_TITLE_ROW}"], title)
    ws[f"A{_TITLE_ROW}"].style = _STYLE_TITLE
    ws[f"A{_EXPERT_ROW}"] = "Expert:"
    _put_text(ws[f"B{_EXPERT_ROW}"], expert)
    ws[f"B{_EXPERT_ROW}"].style = _STYLE_BOLD
    ws[f"A{_NOTE_ROW}"] = (
        "For each pair, choose in column D which one is more important (A, B or equal) and in "
        "column E how much more important it is. See the 'Instructions' sheet."
    )
    for k, header in enumerate(_HEADERS):
        ws.cell(row=_HEADER_ROW, column=k + 1, value=header).style = _STYLE_HEADER

    direction = DataValidation(
        type="list",
        formula1='"' + ",".join(DIRECTIONS) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not a valid choice",
        error="Choose A (criterion A is more important), B (criterion B is more important) "
        "or equal.",
        showInputMessage=True,
        promptTitle="Which is more important?",
        prompt="A = the criterion in column B, B = the criterion in column C, or equal.",
    )
    intensity = DataValidation(
        type="list",
        formula1='"' + ",".join(SCALE_LABELS.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not on the scale",
        error="Choose a value from 1 (equal) to 9 (extreme) from the list.",
        showInputMessage=True,
        promptTitle="How much more important?",
        prompt="1 equal, 3 moderate, 5 strong, 7 very strong, 9 extreme; 2, 4, 6, 8 in between.",
    )
    ws.add_data_validation(direction)
    ws.add_data_validation(intensity)

    headings, pairs = _layout(blocks)
    for row, block in zip(headings, blocks, strict=True):
        _put_text(ws[f"A{row}"], block.heading())
        for col in "ABCDEF":
            ws[f"{col}{row}"].style = _STYLE_HEADING
    for number, pair in enumerate(pairs, start=1):
        block = blocks[pair.block]
        row = pair.row
        ws[f"{_COL_NUMBER}{row}"] = number
        ws[f"{_COL_NUMBER}{row}"].style = _STYLE_NUMBER
        _put_text(ws[f"{_COL_A}{row}"], block.items[pair.i])
        _put_text(ws[f"{_COL_B}{row}"], block.items[pair.j])
        for col in (_COL_A, _COL_B):
            ws[f"{col}{row}"].style = _STYLE_LABEL
        for col in (_COL_DIRECTION, _COL_INTENSITY, _COL_COMMENT):
            ws[f"{col}{row}"].style = _STYLE_ANSWER
    for b in range(len(blocks)):
        rows = [pair.row for pair in pairs if pair.block == b]  # contiguous within a block
        direction.add(f"{_COL_DIRECTION}{rows[0]}:{_COL_DIRECTION}{rows[-1]}")
        intensity.add(f"{_COL_INTENSITY}{rows[0]}:{_COL_INTENSITY}{rows[-1]}")

    longest = max(len(item) for block in blocks for item in block.items)
    label_width = min(max(18, longest + 2), 45)
    widths = {"A": 8, "B": label_width, "C": label_width, "D": 26, "E": 30, "F": 40}
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    ws.row_dimensions[_HEADER_ROW].height = 30
    ws.freeze_panes = f"A{_HEADER_ROW + 1}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # experts may widen columns ...
    ws.protection.formatRows = False  # ... and rows, but not insert or delete them
    ws.sheet_view.zoomScale = 110


def _write_instructions(
    ws: Worksheet,
    title: str,
    paragraphs: list[str],
    blocks: list[_Block],
    experts: Sequence[str],
    sheets: Sequence[str],
) -> None:
    ws.title = INSTRUCTIONS_SHEET
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["C"].width = 70
    row = 1

    def line(text: str, *, style: str | None = None, gap: int = 1) -> None:
        # One paragraph across columns A-C, wrapped; Excel does not size merged rows,
        # so the height is set from the length (about 110 characters per line).
        nonlocal row
        cell = ws.cell(row=row, column=1)
        if text:
            _put_text(cell, text)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        cell.style = _STYLE_LABEL if style is None else style
        if len(text) > 110:
            ws.row_dimensions[row].height = 15 * math.ceil(len(text) / 110)
        row += gap

    line(title, style=_STYLE_TITLE, gap=2)
    for paragraph in paragraphs:
        line(paragraph)
    if paragraphs:
        row += 1
    line("How to fill in this questionnaire", style=_STYLE_BOLD)
    steps = [
        "1. Open the sheet with your name (the tabs at the bottom of the window).",
        "2. Each row compares two criteria: criterion A (column B) and criterion B (column C).",
        "3. In column D, choose which of the two matters more for this decision: 'A', 'B', or "
        "'equal' if both matter the same.",
        "4. In column E, choose how much more it matters, from '1 - equal' to '9 - extreme' "
        "(see the scale below). If you chose 'equal', choose '1 - equal' or leave column E empty.",
        "5. You may write a remark for the analyst in column F.",
        "6. Please answer every row. If you really cannot judge a pair, leave both columns D and "
        "E of that row empty and tell the analyst why.",
        "7. Do not rename sheets, move rows or change the names of the criteria: the file is read "
        "back automatically. Save it as an Excel workbook (.xlsx) and return it.",
        "Tip: try to be consistent. If A matters more than B, and B more than C, then A should "
        "matter more than C, by at least as much.",
    ]
    for step in steps:
        line(step)
    row += 1
    line("Example", style=_STYLE_BOLD)
    first = blocks[0].items
    line(
        f"If you think {describe(first[0])} (criterion A) matters strongly more than "
        f"{describe(first[1])} "
        f"(criterion B), choose 'A' in column D and '5 - strong' in column E. If you think "
        f"{describe(first[1])} matters slightly more, choose 'B' and '3 - moderate'."
    )
    row += 1
    line("The scale (Saaty 1980)", style=_STYLE_BOLD)
    for k, header in enumerate(("Value", "Meaning", "Explanation")):
        ws.cell(row=row, column=k + 1, value=header).style = _STYLE_HEADER
    row += 1
    for value, label in SCALE_LABELS.items():
        ws.cell(row=row, column=1, value=value).style = _STYLE_NUMBER
        ws.cell(row=row, column=2, value=label)
        explanation = _SCALE_EXPLANATIONS.get(value, "In between the two neighbouring values.")
        ws.cell(row=row, column=3, value=explanation).style = _STYLE_LABEL
        row += 1
    row += 1
    if len(blocks) > 1:
        line("What is compared", style=_STYLE_BOLD)
        for block in blocks:
            name = "The criteria" if block.node is None else f"Group {describe(block.node)}"
            line(f"{name}: " + ", ".join(block.items))
        row += 1
    line("Who fills in which sheet", style=_STYLE_BOLD)
    for k, header in enumerate(("No.", "Expert", "Sheet")):
        ws.cell(row=row, column=k + 1, value=header).style = _STYLE_HEADER
    row += 1
    for number, (expert, sheet) in enumerate(zip(experts, sheets, strict=True), start=1):
        ws.cell(row=row, column=1, value=number).style = _STYLE_NUMBER
        _put_text(ws.cell(row=row, column=2), expert)
        _put_text(ws.cell(row=row, column=3), sheet)
        row += 1
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _write_metadata(
    ws: Worksheet,
    title: str,
    blocks: list[_Block],
    experts: Sequence[str],
    sheets: Sequence[str],
) -> None:
    from coopdecide import __version__

    rows: list[tuple[Any, ...]] = [
        ("format", _FORMAT_NAME),
        ("version", FORMAT_VERSION),
        ("title", title),
        ("written_by", f"coopdecide {__version__}"),
    ]
    rows += [("expert", expert, sheet) for expert, sheet in zip(experts, sheets, strict=True)]
    for block in blocks:
        if block.node is None:
            rows += [("criterion", item) for item in block.items]
        else:
            rows += [("group", block.node, item) for item in block.items]
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                _put_text(cell, value)
            else:
                cell.value = value
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


# -- reader ------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Metadata:
    title: str
    experts: tuple[str, ...]
    sheets: tuple[str, ...]
    blocks: tuple[_Block, ...]


def _open_workbook(path: Path, *, data_only: bool) -> Workbook:
    openpyxl = _import_openpyxl()
    if not path.exists():
        raise FileNotFoundError(f"questionnaire workbook not found: {describe(str(path))}")
    from zipfile import BadZipFile

    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            # Excel adds extensions openpyxl does not read (and says so); they do not
            # matter for the answers.
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            return openpyxl.load_workbook(path, data_only=data_only)
    except (BadZipFile, InvalidFileException, KeyError, OSError) as error:
        raise QuestionnaireError(
            f"{describe(str(path))} could not be opened as an Excel workbook (.xlsx): {error}"
        ) from None


def _read_metadata(workbook: Workbook, path: Path) -> _Metadata:
    if METADATA_SHEET not in workbook.sheetnames:
        raise QuestionnaireError(
            f"{describe(str(path))} is not a coopdecide questionnaire: it has no sheet "
            f"{describe(METADATA_SHEET)} (write questionnaires with write_questionnaire)"
        )
    ws = workbook[METADATA_SHEET]
    where = f"sheet {describe(METADATA_SHEET)} (hidden)"
    fields: dict[str, Any] = {}
    experts: list[str] = []
    sheets: list[str] = []
    criteria: list[str] = []
    groups: dict[str, list[str]] = {}
    for row in ws.iter_rows(min_row=1, max_col=3):
        key, first, second = (cell.value for cell in row)
        ref = row[0].coordinate
        if key is None and first is None and second is None:
            continue
        if key in ("format", "version", "title", "written_by"):
            fields[key] = first
        elif key == "expert" and isinstance(first, str) and isinstance(second, str):
            experts.append(first)
            sheets.append(second)
        elif key == "criterion" and isinstance(first, str):
            criteria.append(first)
        elif key == "group" and isinstance(first, str) and isinstance(second, str):
            groups.setdefault(first, []).append(second)
        else:
            raise QuestionnaireError(
                f"{where}, cell {ref}: unexpected entry {describe(key)}; the sheet that describes "
                "the questionnaire was edited"
            )
    if fields.get("format") != _FORMAT_NAME:
        raise QuestionnaireError(
            f"{where}: expected format {describe(_FORMAT_NAME)}, got "
            f"{describe(fields.get('format'))}; "
            f"{describe(str(path))} is not a coopdecide questionnaire"
        )
    version = fields.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise QuestionnaireError(
            f"{where}: expected an integer format version, got {describe(version)}"
        )
    if version > FORMAT_VERSION:
        raise QuestionnaireError(
            f"{where}: the workbook has format version {version}, newer than this coopdecide "
            f"reads ({FORMAT_VERSION}); update coopdecide"
        )
    if not experts or len(criteria) < 2:
        raise QuestionnaireError(
            f"{where}: expected at least one expert and two criteria, got {len(experts)} "
            f"expert(s) and {len(criteria)} criteria"
        )
    blocks = [_Block(None, tuple(criteria))]
    blocks += [_Block(node, tuple(items)) for node, items in groups.items()]
    title = fields.get("title")
    return _Metadata(
        title=title if isinstance(title, str) else "",
        experts=tuple(experts),
        sheets=tuple(sheets),
        blocks=tuple(blocks),
    )


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _parse_direction(value: Any) -> str | None:
    """'A', 'B', 'equal' or None for a blank cell; raises ValueError with the reason."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        text = value.strip().casefold()
        for choice in DIRECTIONS:
            if text == choice.casefold():
                return choice
    raise ValueError(
        "expected 'A' (criterion A is more important), 'B' (criterion B is more important) "
        f"or 'equal', got {_show(value)}"
    )


def _parse_intensity(value: Any) -> int | None:
    """An integer 1-9, or None for a blank cell; raises ValueError with the reason."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: float | None = None
    if isinstance(value, Real) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        text = _normalise_text(value)
        if text in _INTENSITY_ALIASES:
            return _INTENSITY_ALIASES[text]
        try:
            number = float(text)
        except ValueError:
            number = None
    if number is not None and math.isfinite(number) and number.is_integer() and 1 <= number <= 9:
        return int(number)
    raise ValueError(f"{_SCALE_HINT}, got {_show(value)}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _where(sheet: str, cell: str) -> str:
    return f"sheet {describe(sheet)}, cell {cell}"


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


def _read_sheet(
    ws: Worksheet,
    sheet: str,
    expert: str,
    blocks: Sequence[_Block],
    allow_missing: bool,
    problems: list[str],
) -> list[dict[tuple[int, int], _Answer]]:
    """The answers of one expert, per block: (i, j) -> value of item i over item j."""
    found = ws[f"B{_EXPERT_ROW}"].value
    if found != expert:
        problems.append(
            f"{_where(sheet, f'B{_EXPERT_ROW}')}: expected the expert name {describe(expert)} (the "
            f"questionnaire gives sheet {describe(sheet)} to {describe(expert)}), got "
            f"{_show(found)}"
        )
        return [{} for _ in blocks]
    answers: list[dict[tuple[int, int], _Answer]] = [{} for _ in blocks]
    _, pairs = _layout(blocks)
    blank_rows: list[int] = []  # positions in problems of the rows left empty
    for pair in pairs:
        items = blocks[pair.block].items
        a, b = items[pair.i], items[pair.j]
        r = pair.row
        labels_ok = True
        for col, expected in ((_COL_A, a), (_COL_B, b)):
            got = ws[f"{col}{r}"].value
            if got != expected:
                labels_ok = False
                problems.append(
                    f"{_where(sheet, f'{col}{r}')}: expected the criterion {describe(expected)}, "
                    f"got {_show(got)}; the criteria of the workbook were edited (write a new "
                    "questionnaire instead)"
                )
        if not labels_ok:
            continue
        d_ref, e_ref = f"{_COL_DIRECTION}{r}", f"{_COL_INTENSITY}{r}"
        try:
            direction = _parse_direction(ws[d_ref].value)
        except ValueError as error:
            problems.append(f"{_where(sheet, d_ref)}: {error}")
            continue
        try:
            intensity = _parse_intensity(ws[e_ref].value)
        except ValueError as error:
            problems.append(f"{_where(sheet, e_ref)}: {error}")
            continue
        pair_text = f"{describe(a)} vs {describe(b)}"
        if direction is None and intensity is None:
            if allow_missing:
                continue
            blank_rows.append(len(problems))
            problems.append(
                f"{_where(sheet, d_ref)}: no answer for {pair_text} (cells {d_ref} and {e_ref} "
                "are empty); fill them in, or read with allow_missing=True to leave the pair out"
            )
            continue
        if intensity is not None and intensity > 1 and direction in (None, "equal"):
            if direction == "equal":
                problems.append(
                    f"{_where(sheet, e_ref)}: 'equal' in {d_ref} contradicts "
                    f"{describe(SCALE_LABELS[intensity])} for {pair_text}; choose '1 - equal' or "
                    f"leave {e_ref} empty, or choose 'A' or 'B' in {d_ref}"
                )
            else:
                problems.append(
                    f"{_where(sheet, d_ref)}: missing which is more important for {pair_text} "
                    f"({e_ref} says {describe(SCALE_LABELS[intensity])}); choose 'A', 'B' or "
                    "'equal'"
                )
            continue
        if direction in ("A", "B") and intensity is None:
            winner, other = (a, b) if direction == "A" else (b, a)
            problems.append(
                f"{_where(sheet, e_ref)}: missing how much more important {describe(winner)} is "
                f"than {describe(other)}; choose a value from '1 - equal' to '9 - extreme'"
            )
            continue
        # Left: 'equal' or no direction with intensity 1 or none, or 'A'/'B' with an intensity.
        strength = 1 if intensity is None else intensity
        a_wins = direction != "B"
        comment = ws[f"{_COL_COMMENT}{r}"].value
        answers[pair.block][(pair.i, pair.j)] = _Answer(
            intensity=strength,
            a_wins=a_wins,
            comment=None if comment is None or str(comment).strip() == "" else str(comment),
        )
    if pairs and len(blank_rows) == len(pairs):
        # An untouched sheet: one line instead of one per pair.
        del problems[blank_rows[0] :]
        problems.append(
            f"sheet {describe(sheet)}, cells {_COL_DIRECTION}{pairs[0].row}:{_COL_INTENSITY}"
            f"{pairs[-1].row}: no answers at all ({_count(len(pairs), 'pair')} empty); the expert "
            f"{describe(expert)} has not filled in this sheet"
        )
    return answers


def _check_expected_criteria(criteria: Any, metadata: _Metadata, path: Path) -> None:
    expected = dict(criteria.items()) if isinstance(criteria, Mapping) else {None: criteria}
    known = {block.node: block for block in metadata.blocks}
    for node, items in expected.items():
        name = "criteria" if node is None else f"criteria[{describe(node)}]"
        labels = _check_labels(name, items, minimum=1)
        if node not in known:
            raise QuestionnaireError(
                f"{describe(str(path))} has no block {describe(node)}; its blocks are "
                f"{format_labels([b.node for b in metadata.blocks])}"
            )
        block = known[node]
        if set(labels) != set(block.items):
            missing = [x for x in labels if x not in block.items]
            extra = [x for x in block.items if x not in labels]
            where = "criteria" if node is None else f"the items of {describe(node)}"
            raise QuestionnaireError(
                f"{describe(str(path))} was written for other {where}: expected "
                f"{format_labels(labels)}, the workbook has {format_labels(block.items)} "
                f"(missing: {format_labels(missing) or 'none'}; not expected: "
                f"{format_labels(extra) or 'none'})"
            )


def read_questionnaire(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    experts: Sequence[str] | None = None,
    criteria: Sequence[str] | Mapping[str | None, Sequence[str]] | None = None,
    allow_missing: bool = False,
) -> QuestionnaireResponses:
    """Read a questionnaire filled in by the experts.

    Every answer row is checked. A row reads as ``value`` = how much more
    important criterion A is than criterion B: direction ``A`` with intensity
    ``k`` gives ``k``, ``B`` gives ``1/k``, ``equal`` gives 1. The rules:

    * The intensity may be a number 1-9 (typed or chosen), a dropdown label
      (``"5 - strong"``) or its verbal part (``"strong"``,
      ``"strong importance"``), in any case. Anything else is an error: text,
      0, negative numbers, values off the scale such as 10 or 2.5, and
      reciprocals like ``1/3`` (use direction ``B`` instead).
    * The direction must be ``A``, ``B`` or ``equal`` (any case).
    * ``equal`` with an empty intensity or ``1`` is 1. ``equal`` with any
      other intensity is an error, because the two cells contradict each
      other and only the expert can say which one was meant. An intensity of
      1 with an empty direction is also read as equal.
    * ``A`` or ``B`` without an intensity, or an intensity above 1 without a
      direction, is an error (half an answer).
    * A row with both cells empty is an error, unless ``allow_missing=True``:
      then the pair is left out and the comparison is incomplete (``NaN``).

    All problems of the workbook are reported together in one
    :class:`~coopdecide.exceptions.QuestionnaireError`, one line each, each
    naming the sheet and the cell, for example ``sheet 'Trade ministry',
    cell E7: expected one of 1-9 or the verbal labels (...), got 'very'``.

    Parameters
    ----------
    path : str, os.PathLike or a sequence of them
        A workbook written by :func:`write_questionnaire` and filled in, or
        several (for example one per expert, each written with the same
        criteria): their experts are combined, in the order of the files.
        An expert with a sheet in two files is an error.
    experts : sequence of str, optional
        The experts you expect. When given, the workbook must hold exactly
        these experts (an unknown or a missing one is an error) and the
        result lists them in this order.
    criteria : sequence of str or mapping, optional
        The criteria you expect (any order), or a mapping block -> items with
        ``None`` for the criteria and group names for the groups. When given,
        a workbook written for other criteria is an error. Useful when a
        study file points to a questionnaire.
    allow_missing : bool, default False
        Accept rows left empty; the pairs become missing in the comparisons.

    Returns
    -------
    QuestionnaireResponses
        The comparisons per expert and block; ``responses.comparisons()``
        maps expert -> :class:`~coopdecide.ahp.PairwiseComparison` for the
        criteria, ready for ``ahp_group``.

    Raises
    ------
    QuestionnaireError
        A bad entry (sheet and cell named), a workbook that is not a
        coopdecide questionnaire, a newer format version, a missing expert
        sheet, a sheet that belongs to no expert, edited criteria, experts or
        criteria other than those expected, or several files written for
        different criteria or sharing an expert. With several files, each
        problem also names the file.
    FileNotFoundError
        No file at ``path``.
    ImportError
        openpyxl is not installed (``pip install coopdecide[excel]``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "q.xlsx"
    >>> _ = write_questionnaire(path, ["trade", "security", "culture"], ["Planning board"])
    >>> judgments = {("trade", "security"): 3, ("culture", "trade"): 2, ("security", "culture"): 1}
    >>> answer = PairwiseComparison.from_judgments(["trade", "security", "culture"], judgments)
    >>> fill_questionnaire(path, {"Planning board": answer})
    >>> responses = read_questionnaire(path)
    >>> responses.comparisons()["Planning board"] == answer
    True
    >>> responses.to_frame()[["expert", "row", "column", "value"]]
               expert       row    column  value
    0  Planning board     trade  security    3.0
    1  Planning board     trade   culture    0.5
    2  Planning board  security   culture    1.0
    """
    if isinstance(path, (str, os.PathLike)):
        sources = [_check_path(path)]
    elif isinstance(path, Iterable) and not isinstance(path, bytes):
        sources = [_check_path(p) for p in path]
        if not sources:
            raise InvalidArgumentError("path must name at least one workbook; got an empty list")
    else:
        raise InvalidTypeError(
            f"path must be a file path or a sequence of file paths; got {describe(path)}"
        )
    duplicated = sorted({str(p) for p in sources if sources.count(p) > 1})
    if duplicated:
        raise InvalidArgumentError(f"path names the same workbook twice: {describe(duplicated[0])}")
    if not isinstance(allow_missing, bool):
        raise InvalidTypeError(
            f"allow_missing must be True or False; got {describe(allow_missing)}"
        )
    expected_experts = None if experts is None else _check_labels("experts", experts, minimum=1)

    opened = [_open_questionnaire(source) for source in sources]
    metadata = opened[0][2]
    for _, source, other in opened[1:]:
        if other.blocks != metadata.blocks:
            raise QuestionnaireError(
                f"{describe(str(source))} was written for other criteria than "
                f"{describe(str(sources[0]))}: "
                f"{_describe_blocks(other.blocks)} instead of {_describe_blocks(metadata.blocks)}"
            )
    if criteria is not None:
        _check_expected_criteria(criteria, metadata, sources[0])

    location: dict[str, tuple[int, str]] = {}  # expert -> (file number, sheet)
    for k, (_, source, found) in enumerate(opened):
        for expert, sheet in zip(found.experts, found.sheets, strict=True):
            if expert in location:
                raise QuestionnaireError(
                    f"the expert {describe(expert)} has a sheet in "
                    f"{describe(str(sources[location[expert][0]]))} "
                    f"and in {describe(str(source))}; keep one of them"
                )
            location[expert] = (k, sheet)
    all_experts = list(location)
    if expected_experts is not None:
        unknown = [e for e in all_experts if e not in expected_experts]
        if unknown:
            k, sheet = location[unknown[0]]
            where = f"{describe(str(sources[k]))}, " if len(sources) > 1 else ""
            raise QuestionnaireError(
                f"{where}sheet {describe(sheet)} is for the unknown expert {describe(unknown[0])}; "
                f"expected only experts {format_labels(expected_experts)}"
            )
        absent = [e for e in expected_experts if e not in location]
        if absent:
            files = " and ".join(repr(str(p)) for p in sources)
            raise QuestionnaireError(
                f"{files} {'has' if len(sources) == 1 else 'have'} no sheet for the expert(s) "
                f"{format_labels(absent)}; found {format_labels(all_experts)}"
            )
    order = all_experts if expected_experts is None else list(expected_experts)

    problems: list[str] = []
    answers = {}
    for expert in order:
        k, sheet = location[expert]
        start = len(problems)
        answers[expert] = _read_sheet(
            opened[k][0][sheet], sheet, expert, metadata.blocks, allow_missing, problems
        )
        if len(sources) > 1:
            problems[start:] = [f"file {describe(sources[k].name)}, {p}" for p in problems[start:]]
    if problems:
        if len(problems) == 1:
            raise QuestionnaireError(problems[0])
        shown = problems[:_MAX_LISTED_PROBLEMS]
        more = len(problems) - len(shown)
        names = ", ".join(repr(p.name) for p in sources)
        raise QuestionnaireError(
            f"{len(problems)} problems in the questionnaire {names}:\n"
            + "\n".join(f"- {p}" for p in shown)
            + (f"\n- ... ({more} more)" if more else "")
        )
    return QuestionnaireResponses._build(
        title=metadata.title,
        sources=tuple(str(p) for p in sources),
        experts=tuple(order),
        sheets={expert: location[expert][1] for expert in order},
        files={expert: str(sources[location[expert][0]]) for expert in order},
        blocks=metadata.blocks,
        answers=answers,
    )


def _describe_blocks(blocks: Sequence[_Block]) -> str:
    parts = []
    for block in blocks:
        name = "criteria" if block.node is None else f"group {describe(block.node)}"
        parts.append(f"{name} [{format_labels(block.items)}]")
    return "; ".join(parts)


def _open_questionnaire(source: Path) -> tuple[Workbook, Path, _Metadata]:
    """Open a filled questionnaire and check its sheets against its metadata."""
    workbook = _open_workbook(source, data_only=True)
    metadata = _read_metadata(workbook, source)
    known_sheets = {INSTRUCTIONS_SHEET, METADATA_SHEET, *metadata.sheets}
    for name in workbook.sheetnames:
        if name not in known_sheets:
            raise QuestionnaireError(
                f"sheet {describe(name)} belongs to no expert of this questionnaire (its experts "
                f"are {format_labels(metadata.experts)}); to add an expert, write a new "
                "questionnaire with write_questionnaire"
            )
    for expert, sheet in zip(metadata.experts, metadata.sheets, strict=True):
        if sheet not in workbook.sheetnames:
            raise QuestionnaireError(
                f"sheet {describe(sheet)} for the expert {describe(expert)} is missing from "
                f"{describe(str(source))}"
            )
    return workbook, source, metadata


# -- filling programmatically ------------------------------------------------------------
def _scale_answer(value: float, where: str) -> tuple[str, str] | None:
    """The (direction, intensity label) cells that encode ``value`` (A over B)."""
    if math.isnan(value):
        return None
    if value >= 1:
        direction, magnitude = "A", value
    else:
        direction, magnitude = "B", 1.0 / value
    k = round(magnitude)
    if not (1 <= k <= 9 and math.isclose(magnitude, k, rel_tol=1e-9)):
        raise InvalidArgumentError(
            f"{where} must be on Saaty's scale (1-9 or 1/2-1/9) to be written into the "
            f"questionnaire; got {value:g}"
        )
    if k == 1:
        direction = "equal"
    return direction, SCALE_LABELS[k]


def fill_questionnaire(
    path: str | os.PathLike[str],
    responses: Mapping[str, PairwiseComparison | Mapping[str | None, PairwiseComparison]],
    *,
    output: str | os.PathLike[str] | None = None,
) -> None:
    """Fill answers into a questionnaire as an expert would (for tests and demos).

    For each judgment ``a_ij`` of a comparison, the row ``(i, j)`` of the
    expert's sheet gets ``A`` and the scale label of ``a_ij`` if
    ``a_ij > 1``, ``B`` and the label of ``1/a_ij`` if ``a_ij < 1``, and
    ``equal`` with ``"1 - equal"`` if ``a_ij = 1``. Missing pairs are left
    empty. Experts not in ``responses`` are left as they are.

    Parameters
    ----------
    path : str or os.PathLike
        A workbook written by :func:`write_questionnaire`.
    responses : mapping
        Expert name -> :class:`~coopdecide.ahp.PairwiseComparison` of the
        criteria, or expert name -> ``{block: PairwiseComparison}`` with
        ``None`` for the criteria and group names for the groups. The labels
        of each comparison must be the block's items (in any order) and every
        judgment a value of Saaty's scale or its reciprocal.
    output : str or os.PathLike, optional
        Save the filled workbook here instead of over ``path``.

    Raises
    ------
    InvalidArgumentError
        An unknown expert or block, labels other than the block's items, or a
        judgment off Saaty's scale.
    QuestionnaireError
        ``path`` is not a coopdecide questionnaire.
    """
    source = _check_path(path)
    target = source if output is None else _check_path(output, "output")
    if not isinstance(responses, Mapping):
        raise InvalidTypeError(
            "responses must be a mapping expert -> PairwiseComparison (or -> {block: "
            f"PairwiseComparison}}); got {type(responses).__name__}"
        )
    workbook = _open_workbook(source, data_only=False)
    metadata = _read_metadata(workbook, source)
    sheet_of = dict(zip(metadata.experts, metadata.sheets, strict=True))
    block_index = {block.node: b for b, block in enumerate(metadata.blocks)}
    _, pairs = _layout(metadata.blocks)
    for expert, given in responses.items():
        if expert not in sheet_of:
            raise InvalidArgumentError(
                f"responses name an unknown expert {describe(expert)}; the questionnaire's experts "
                f"are {format_labels(metadata.experts)}"
            )
        by_node = {None: given} if isinstance(given, PairwiseComparison) else given
        if not isinstance(by_node, Mapping):
            raise InvalidTypeError(
                f"responses[{describe(expert)}] must be a PairwiseComparison or a mapping block -> "
                f"PairwiseComparison; got {type(given).__name__}"
            )
        ws = workbook[sheet_of[expert]]
        for node, comparison in by_node.items():
            if node not in block_index:
                raise InvalidArgumentError(
                    f"responses[{describe(expert)}] name an unknown block {describe(node)}; the "
                    f"blocks are {format_labels(block_index)}"
                )
            if not isinstance(comparison, PairwiseComparison):
                raise InvalidTypeError(
                    f"responses[{describe(expert)}][{describe(node)}] must be a "
                    "PairwiseComparison; got "
                    f"{type(comparison).__name__}"
                )
            b = block_index[node]
            items = metadata.blocks[b].items
            if set(comparison.labels) != set(items) or comparison.n != len(items):
                raise InvalidArgumentError(
                    f"responses[{describe(expert)}][{describe(node)}] must compare "
                    f"{format_labels(items)}; got "
                    f"{format_labels(comparison.labels)}"
                )
            positions = [comparison.position(item) for item in items]
            for pair in pairs:
                if pair.block != b:
                    continue
                value = float(comparison.matrix[positions[pair.i], positions[pair.j]])
                where = (
                    f"responses[{describe(expert)}] judgment "
                    f"({describe(items[pair.i])}, {describe(items[pair.j])})"
                )
                answer = _scale_answer(value, where)
                d_cell = ws[f"{_COL_DIRECTION}{pair.row}"]
                e_cell = ws[f"{_COL_INTENSITY}{pair.row}"]
                d_cell.value, e_cell.value = (None, None) if answer is None else answer
    workbook.save(target)


# -- result ------------------------------------------------------------------------------
class QuestionnaireResponses(Immutable):
    """The judgments read from a filled questionnaire, per expert and block.

    Produced by :func:`read_questionnaire`; not meant to be built by hand.
    Immutable. A *block* is one set of items compared pairwise: ``None`` for
    the criteria, and one per group (a parent node of a criteria hierarchy).

    Attributes
    ----------
    title : str
        The questionnaire's title.
    sources : tuple of str
        The workbooks the responses were read from.
    experts : tuple of str
        The experts, in the workbooks' order (or the order of ``experts=``).
    nodes : tuple
        The blocks: ``None`` for the criteria first, then the group names.
    sheets : mapping
        Expert name -> the name of the expert's sheet.
    files : mapping
        Expert name -> the workbook that holds the expert's sheet.

    Examples
    --------
    For a hierarchy, ask one block per parent node and give each node's
    comparisons to the group aggregation::

        responses = read_questionnaire("weights.xlsx")
        top = responses.comparisons()                  # expert -> PairwiseComparison
        political = responses.comparisons("political")
        group = ahp_group(top)
        hierarchy = CriteriaHierarchy(structure, responses.by_node(goal="goal"))
        one_expert = responses.for_expert("Embassy", goal="goal")  # node -> comparison
    """

    __slots__ = (
        "_blocks",
        "_comparisons",
        "_experts",
        "_files",
        "_frame",
        "_sheets",
        "_sources",
        "_title",
    )
    _blocks: tuple[_Block, ...]
    _comparisons: dict[str | None, dict[str, PairwiseComparison]]
    _experts: tuple[str, ...]
    _files: Mapping[str, str]
    _frame: pd.DataFrame
    _sheets: Mapping[str, str]
    _sources: tuple[str, ...]
    _title: str

    def __init__(self) -> None:
        raise InvalidTypeError("QuestionnaireResponses is built by read_questionnaire()")

    def __reduce__(self) -> tuple[Any, ...]:
        state = {name: getattr(self, name) for name in self.__slots__}
        state["_sheets"] = dict(self._sheets)
        state["_files"] = dict(self._files)
        return (_restore_responses, (state,))

    @classmethod
    def _build(
        cls,
        *,
        title: str,
        sources: tuple[str, ...],
        experts: tuple[str, ...],
        sheets: dict[str, str],
        files: dict[str, str],
        blocks: tuple[_Block, ...],
        answers: Mapping[str, list[dict[tuple[int, int], _Answer]]],
    ) -> QuestionnaireResponses:
        new = object.__new__(cls)
        comparisons: dict[str | None, dict[str, PairwiseComparison]] = {}
        records: list[dict[str, Any]] = []
        _, pairs = _layout(blocks)
        for b, block in enumerate(blocks):
            per_expert = {}
            for expert in experts:
                given = answers[expert][b]
                judgments = {}
                for (i, j), answer in given.items():
                    # Pass the judgment that is at least 1, as an expert states it, so the
                    # matrix equals from_judgments of the stated judgments exactly.
                    if answer.a_wins:
                        judgments[(block.items[i], block.items[j])] = answer.intensity
                    else:
                        judgments[(block.items[j], block.items[i])] = answer.intensity
                per_expert[expert] = PairwiseComparison.from_judgments(block.items, judgments)
            comparisons[block.node] = per_expert
        for expert in experts:
            for pair in pairs:
                block = blocks[pair.block]
                found = answers[expert][pair.block].get((pair.i, pair.j))
                records.append(
                    {
                        "expert": expert,
                        "node": block.node,
                        "row": block.items[pair.i],
                        "column": block.items[pair.j],
                        "value": np.nan if found is None else found.value,
                        "comment": None if found is None else found.comment,
                        "file": Path(files[expert]).name,
                        "sheet": sheets[expert],
                        "cells": f"{_COL_DIRECTION}{pair.row}:{_COL_INTENSITY}{pair.row}",
                    }
                )
        columns = [
            "expert",
            "node",
            "row",
            "column",
            "value",
            "comment",
            "file",
            "sheet",
            "cells",
        ]
        frame = pd.DataFrame(
            {
                name: pd.Series(
                    [r[name] for r in records], dtype=float if name == "value" else object
                )
                for name in columns
            },
            columns=columns,
        )
        for name, attribute in (
            ("_title", title),
            ("_sources", sources),
            ("_files", MappingProxyType(dict(files))),
            ("_experts", experts),
            ("_sheets", MappingProxyType(dict(sheets))),
            ("_blocks", blocks),
            ("_comparisons", comparisons),
            ("_frame", frame),
        ):
            object.__setattr__(new, name, attribute)
        return new

    # -- views ----------------------------------------------------------------------------
    @property
    def title(self) -> str:
        """The questionnaire's title."""
        return self._title

    @property
    def sources(self) -> tuple[str, ...]:
        """The workbooks the responses were read from."""
        return self._sources

    @property
    def files(self) -> Mapping[str, str]:
        """Expert name -> the workbook that holds the expert's sheet (read-only)."""
        return self._files

    @property
    def experts(self) -> tuple[str, ...]:
        """The experts, in order."""
        return self._experts

    @property
    def nodes(self) -> tuple[str | None, ...]:
        """The blocks: ``None`` (the criteria) first, then the group names."""
        return tuple(block.node for block in self._blocks)

    @property
    def sheets(self) -> Mapping[str, str]:
        """Expert name -> sheet name (read-only)."""
        return self._sheets

    @property
    def n_missing(self) -> int:
        """The number of pairs left unanswered, over all experts and blocks."""
        return int(self._frame["value"].isna().sum())

    def _check_node(self, node: Hashable) -> str | None:
        for block in self._blocks:
            if block.node == node:
                return block.node
        raise InvalidArgumentError(
            f"node must be None (the criteria) or a group of the questionnaire "
            f"({format_labels([b.node for b in self._blocks[1:]]) or 'none'}); got {describe(node)}"
        )

    def _check_expert(self, expert: Hashable) -> str:
        if expert not in self._experts:
            raise InvalidArgumentError(
                f"expert must be one of {format_labels(self._experts)}; got {describe(expert)}"
            )
        return str(expert)

    def items(self, node: str | None = None) -> list[str]:
        """The items compared in a block (``None``: the criteria), in order."""
        key = self._check_node(node)
        return list(next(b.items for b in self._blocks if b.node == key))

    def comparisons(self, node: str | None = None) -> dict[str, PairwiseComparison]:
        """Expert -> :class:`~coopdecide.ahp.PairwiseComparison` for one block.

        Parameters
        ----------
        node : str, optional
            A group name; default ``None``, the criteria.

        Returns
        -------
        dict
            A new dict (the comparisons themselves are immutable), in the
            experts' order; pass it to ``ahp_group``.
        """
        return dict(self._comparisons[self._check_node(node)])

    def comparison(self, expert: str, node: str | None = None) -> PairwiseComparison:
        """One expert's comparison for one block (``None``: the criteria)."""
        return self._comparisons[self._check_node(node)][self._check_expert(expert)]

    def for_expert(
        self, expert: str, *, goal: Hashable = None
    ) -> dict[Hashable, PairwiseComparison]:
        """One expert's comparisons, block -> comparison.

        Parameters
        ----------
        expert : str
            The expert's name.
        goal : hashable, optional
            The key of the criteria block; default ``None``. Pass the goal of
            a :class:`~coopdecide.CriteriaHierarchy` (``"goal"`` by default
            there) to get its ``comparisons`` argument directly.
        """
        name = self._check_expert(expert)
        return {key: per_expert[name] for key, per_expert in self._keyed_by_goal(goal).items()}

    def by_node(self, *, goal: Hashable = None) -> dict[Hashable, dict[str, PairwiseComparison]]:
        """Every block's comparisons, block -> (expert -> comparison).

        Parameters
        ----------
        goal : hashable, optional
            The key of the criteria block; default ``None``. With the goal of
            a :class:`~coopdecide.CriteriaHierarchy`, the result is its
            ``comparisons`` argument for a group of experts:
            ``CriteriaHierarchy(structure, responses.by_node(goal="goal"))``.
        """
        return {key: dict(value) for key, value in self._keyed_by_goal(goal).items()}

    def _keyed_by_goal(self, goal: Hashable) -> dict[Hashable, dict[str, PairwiseComparison]]:
        if goal is not None and goal in self._comparisons:
            raise InvalidArgumentError(
                f"goal must not be the name of a group of the questionnaire; got {describe(goal)}"
            )
        return {
            goal if node is None else node: per_expert
            for node, per_expert in self._comparisons.items()
        }

    def to_frame(self) -> pd.DataFrame:
        """Every answer as a tidy table (a copy).

        Returns
        -------
        pandas.DataFrame
            One line per expert and pair, with columns ``expert``, ``node``
            (``None`` for the criteria), ``row`` and ``column`` (criteria A
            and B), ``value`` (how much more important ``row`` is than
            ``column``; ``NaN`` if unanswered), ``comment``, and ``file``
            (name of the workbook), ``sheet`` and ``cells``: where the answer
            is, to take it back to the expert.
        """
        return self._frame.copy()

    # -- rendering, export ------------------------------------------------------------------
    def _answered(self) -> pd.DataFrame:
        frame = self._frame.assign(
            block=["(criteria)" if n is None else n for n in self._frame["node"]]
        )
        table = frame.groupby(["expert", "block"], sort=False)["value"].agg(
            lambda v: f"{int(v.notna().sum())}/{len(v)}"
        )
        return table.unstack("block").reindex(index=list(self._experts))

    def __repr__(self) -> str:
        blocks = len(self._blocks)
        head = (
            f"QuestionnaireResponses({describe(self._title)}, {len(self._experts)} expert(s), "
            f"{blocks} block(s), {self.n_missing} missing answer(s))"
        )
        return f"{head}\nanswered pairs:\n{self._answered().to_string()}"

    def _repr_html_(self) -> str:
        return html_section(
            "QuestionnaireResponses",
            facts={
                "title": self._title,
                "workbooks": ", ".join(self._sources),
                "experts": len(self._experts),
                "blocks": len(self._blocks),
                "missing answers": self.n_missing,
            },
            tables={"answered pairs": self._answered()},
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict.

        Keys ``title``, ``sources``, ``files``, ``format_version``,
        ``experts``, ``sheets`` and ``blocks``: a list of ``{"node": None or group name,
        "items": [...], "comparisons": {expert: PairwiseComparison.to_dict()}}``.
        """
        return {
            "title": self._title,
            "sources": list(self._sources),
            "files": dict(self._files),
            "format_version": FORMAT_VERSION,
            "experts": list(self._experts),
            "sheets": dict(self._sheets),
            "blocks": [
                {
                    "node": block.node,
                    "items": list(block.items),
                    "comparisons": {
                        expert: comparison.to_dict()
                        for expert, comparison in self._comparisons[block.node].items()
                    },
                }
                for block in self._blocks
            ],
        }


def _restore_responses(state: dict[str, Any]) -> QuestionnaireResponses:
    """Rebuild a pickled :class:`QuestionnaireResponses`."""
    new = object.__new__(QuestionnaireResponses)
    for name, value in state.items():
        if name in ("_sheets", "_files"):
            value = MappingProxyType(value)
        object.__setattr__(new, name, value)
    return new
