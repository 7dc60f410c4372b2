"""Writing a questionnaire workbook: instructions, one sheet per expert, hidden metadata."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coopdecide._files import save_workbook
from coopdecide._validation import describe
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError
from coopdecide.io.questionnaire._layout import (
    _COL_A,
    _COL_B,
    _COL_COMMENT,
    _COL_DIRECTION,
    _COL_INTENSITY,
    _COL_NUMBER,
    _EXPERT_ROW,
    _FORMAT_NAME,
    _HEADER_ROW,
    _HEADERS,
    _ILLEGAL_XML,
    _NOTE_ROW,
    _SCALE_EXPLANATIONS,
    _TITLE_ROW,
    DIRECTIONS,
    FORMAT_VERSION,
    INSTRUCTIONS_SHEET,
    METADATA_SHEET,
    SCALE_LABELS,
    _Block,
    _check_blocks,
    _check_labels,
    _check_path,
    _check_text,
    _import_openpyxl,
    _layout,
    _put_text,
    _sheet_names,
)
from coopdecide.io.questionnaire._styles import (
    _STYLE_ANSWER,
    _STYLE_BOLD,
    _STYLE_HEADER,
    _STYLE_HEADING,
    _STYLE_LABEL,
    _STYLE_NUMBER,
    _STYLE_TITLE,
    _register_styles,
)

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


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
    workbook, _ = _questionnaire_workbook(title, paragraphs, blocks, names)
    return save_workbook(workbook, target)


def _questionnaire_workbook(
    title: str, paragraphs: list[str], blocks: list[_Block], experts: Sequence[str]
) -> tuple[Workbook, list[str]]:
    """The whole workbook, in memory, and the experts' sheet names (in order)."""
    openpyxl = _import_openpyxl()
    sheets = _sheet_names(experts)
    workbook = openpyxl.Workbook()
    _register_styles(workbook)
    _write_instructions(workbook.active, title, paragraphs, blocks, experts, sheets)
    for expert, sheet in zip(experts, sheets, strict=True):
        _write_expert_sheet(workbook.create_sheet(sheet), title, expert, blocks)
    _write_metadata(workbook.create_sheet(METADATA_SHEET), title, blocks, experts, sheets)

    from openpyxl.workbook.protection import WorkbookProtection

    workbook.security = WorkbookProtection(lockStructure=True)
    return workbook, sheets


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


def _write_expert_sheet(ws: Worksheet, title: str, expert: str, blocks: list[_Block]) -> None:
    """One expert's sheet: title, expert, headers, one row per pair with two dropdowns."""
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
    _write_pairs(ws, blocks)
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


def _answer_dropdowns() -> tuple[Any, Any]:
    """The dropdowns of the answer columns: which is more important, and how much."""
    from openpyxl.worksheet.datavalidation import DataValidation

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
    return direction, intensity


def _write_pairs(ws: Worksheet, blocks: list[_Block]) -> None:
    """The block headings and one row per pair, its answer cells with the dropdowns."""
    direction, intensity = _answer_dropdowns()
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


_STEPS = (
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
)


class _Lines:
    """Writes the instructions sheet row by row."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = 1

    def line(self, text: str, *, style: str | None = None, gap: int = 1) -> None:
        """One paragraph across columns A-C, wrapped.

        Excel does not size merged rows, so the height is set from the length
        (about 110 characters per line).
        """
        cell = self.ws.cell(row=self.row, column=1)
        if text:
            _put_text(cell, text)
            self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=3)
        cell.style = _STYLE_LABEL if style is None else style
        if len(text) > 110:
            self.ws.row_dimensions[self.row].height = 15 * math.ceil(len(text) / 110)
        self.row += gap

    def header(self, *names: str) -> None:
        """A table header row."""
        for k, name in enumerate(names):
            self.ws.cell(row=self.row, column=k + 1, value=name).style = _STYLE_HEADER
        self.row += 1


def _write_instructions(
    ws: Worksheet,
    title: str,
    paragraphs: list[str],
    blocks: list[_Block],
    experts: Sequence[str],
    sheets: Sequence[str],
) -> None:
    """The instructions sheet: how to answer, an example, the scale, who fills in which sheet."""
    ws.title = INSTRUCTIONS_SHEET
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["C"].width = 70
    out = _Lines(ws)
    out.line(title, style=_STYLE_TITLE, gap=2)
    for paragraph in paragraphs:
        out.line(paragraph)
    if paragraphs:
        out.row += 1
    out.line("How to fill in this questionnaire", style=_STYLE_BOLD)
    for step in _STEPS:
        out.line(step)
    out.row += 1
    out.line("Example", style=_STYLE_BOLD)
    first = blocks[0].items
    out.line(
        f"If you think {describe(first[0])} (criterion A) matters strongly more than "
        f"{describe(first[1])} "
        f"(criterion B), choose 'A' in column D and '5 - strong' in column E. If you think "
        f"{describe(first[1])} matters slightly more, choose 'B' and '3 - moderate'."
    )
    out.row += 1
    _write_scale(out)
    if len(blocks) > 1:
        out.line("What is compared", style=_STYLE_BOLD)
        for block in blocks:
            name = "The criteria" if block.node is None else f"Group {describe(block.node)}"
            out.line(f"{name}: " + ", ".join(block.items))
        out.row += 1
    out.line("Who fills in which sheet", style=_STYLE_BOLD)
    out.header("No.", "Expert", "Sheet")
    for number, (expert, sheet) in enumerate(zip(experts, sheets, strict=True), start=1):
        ws.cell(row=out.row, column=1, value=number).style = _STYLE_NUMBER
        _put_text(ws.cell(row=out.row, column=2), expert)
        _put_text(ws.cell(row=out.row, column=3), sheet)
        out.row += 1
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _write_scale(out: _Lines) -> None:
    """Saaty's scale: value, meaning and explanation of each step."""
    out.line("The scale (Saaty 1980)", style=_STYLE_BOLD)
    out.header("Value", "Meaning", "Explanation")
    for value, label in SCALE_LABELS.items():
        out.ws.cell(row=out.row, column=1, value=value).style = _STYLE_NUMBER
        out.ws.cell(row=out.row, column=2, value=label)
        explanation = _SCALE_EXPLANATIONS.get(value, "In between the two neighbouring values.")
        out.ws.cell(row=out.row, column=3, value=explanation).style = _STYLE_LABEL
        out.row += 1
    out.row += 1


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
