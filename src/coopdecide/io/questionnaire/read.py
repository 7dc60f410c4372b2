"""Reading a filled questionnaire back into pairwise comparisons, naming every bad cell."""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Real
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coopdecide._validation import describe, format_labels, show_number
from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidTypeError,
    QuestionnaireError,
    QuestionnaireWarning,
)
from coopdecide.io.questionnaire._layout import (
    _COL_A,
    _COL_B,
    _COL_COMMENT,
    _COL_DIRECTION,
    _COL_INTENSITY,
    _EXPERT_ROW,
    _FIRST_BLOCK_ROW,
    _FORMAT_NAME,
    _INTENSITY_ALIASES,
    _MAX_LISTED_PROBLEMS,
    _SCALE_HINT,
    DIRECTIONS,
    FORMAT_VERSION,
    INSTRUCTIONS_SHEET,
    METADATA_SHEET,
    SCALE_LABELS,
    _Answer,
    _Block,
    _check_labels,
    _check_path,
    _import_openpyxl,
    _layout,
    _normalise_text,
)
from coopdecide.io.questionnaire.responses import QuestionnaireResponses

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


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
            fields[str(key)] = first
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
    """A cell's value in a message: text quoted and bounded, a number as typed."""
    if isinstance(value, str):
        return describe(value)
    if isinstance(value, float):
        return show_number(value)
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


class _Formulas:
    """The formulas of a workbook's cells, read (a second load) only when first asked for.

    With ``data_only=True`` a formula cell reads as the value a spreadsheet
    program saved with it, or as None if none was saved (a workbook written by
    a script): here an empty cell and an unsaved formula are told apart.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._workbook: Workbook | None = None

    def at(self, sheet: str, ref: str) -> str | None:
        """The formula in cell ``ref`` of ``sheet``, or None if it holds none."""
        if self._workbook is None:
            self._workbook = _open_workbook(self._path, data_only=False)
        value = self._workbook[sheet][ref].value
        text = getattr(value, "text", value)  # an ArrayFormula keeps its text
        return text if isinstance(text, str) and text.startswith("=") else None


def _unsaved_formula(ws: Worksheet, sheet: str, refs: Sequence[str], formulas: _Formulas) -> str:
    """The problem of an answer cell that reads empty but holds a formula ("" if none does)."""
    for ref in refs:
        if ws[ref].value is None and (formula := formulas.at(sheet, ref)) is not None:
            return (
                f"{_where(sheet, ref)}: holds the formula {describe(formula)} with no saved "
                "value (the workbook was not saved by a spreadsheet program, which computes "
                "it); open and save the workbook in Excel or LibreOffice, or type the answer in"
            )
    return ""


def _warn_extra_rows(ws: Worksheet, sheet: str, blocks: Sequence[_Block]) -> None:
    """Warn about entries in rows that are neither a block heading nor a pair (not read)."""
    headings, pairs = _layout(blocks)
    known = {*headings, *(pair.row for pair in pairs)}
    extra = [
        row[0].row
        for row in ws.iter_rows(min_row=_FIRST_BLOCK_ROW, max_row=ws.max_row, max_col=6)
        if row[0].row not in known and any(str(c.value or "").strip() for c in row)
    ]
    if extra:
        more = f" ... ({len(extra) - 8} more)" if len(extra) > 8 else ""
        warnings.warn(
            f"sheet {describe(sheet)}, row(s) {', '.join(map(str, extra[:8]))}{more}: entries "
            "outside the rows of the questionnaire's pairs are not read (rows were added to "
            "the sheet); move the answers into the rows of their pairs, or write a new "
            "questionnaire with the criteria wanted",
            QuestionnaireWarning,
            stacklevel=5,
        )


def _read_sheet(
    ws: Worksheet,
    sheet: str,
    expert: str,
    blocks: Sequence[_Block],
    allow_missing: bool,
    problems: list[str],
    formulas: _Formulas,
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
        read = _read_row(ws, sheet, a, b, pair.row, formulas)
        if isinstance(read, _Answer):
            answers[pair.block][(pair.i, pair.j)] = read
        elif read:
            problems.extend(read)
        elif not allow_missing:
            d_ref, e_ref = f"{_COL_DIRECTION}{pair.row}", f"{_COL_INTENSITY}{pair.row}"
            blank_rows.append(len(problems))
            problems.append(
                f"{_where(sheet, d_ref)}: no answer for {describe(a)} vs {describe(b)} (cells "
                f"{d_ref} and {e_ref} are empty); fill them in, or read with allow_missing=True "
                "to leave the pair out"
            )
    if pairs and len(blank_rows) == len(pairs):
        # An untouched sheet: one line instead of one per pair.
        del problems[blank_rows[0] :]
        problems.append(
            f"sheet {describe(sheet)}, cells {_COL_DIRECTION}{pairs[0].row}:{_COL_INTENSITY}"
            f"{pairs[-1].row}: no answers at all ({_count(len(pairs), 'pair')} empty); the expert "
            f"{describe(expert)} has not filled in this sheet"
        )
    _warn_extra_rows(ws, sheet, blocks)
    return answers


def _read_row(
    ws: Worksheet, sheet: str, a: str, b: str, r: int, formulas: _Formulas
) -> _Answer | list[str]:
    """The answer of row ``r`` (item ``a`` against ``b``), or its problems (none: empty row)."""
    problems = [
        f"{_where(sheet, f'{col}{r}')}: expected the criterion {describe(expected)}, "
        f"got {_show(got)}; the criteria of the workbook were edited (write a new "
        "questionnaire instead)"
        for col, expected in ((_COL_A, a), (_COL_B, b))
        if (got := ws[f"{col}{r}"].value) != expected
    ]
    if problems:
        return problems
    d_ref, e_ref = f"{_COL_DIRECTION}{r}", f"{_COL_INTENSITY}{r}"
    try:
        direction = _parse_direction(ws[d_ref].value)
    except ValueError as error:
        return [f"{_where(sheet, d_ref)}: {error}"]
    try:
        intensity = _parse_intensity(ws[e_ref].value)
    except ValueError as error:
        return [f"{_where(sheet, e_ref)}: {error}"]
    if direction is None or intensity is None:
        unsaved = _unsaved_formula(ws, sheet, (d_ref, e_ref), formulas)
        if unsaved:
            return [unsaved]
    pair_text = f"{describe(a)} vs {describe(b)}"
    if direction is None and intensity is None:
        return []
    if intensity is not None and intensity > 1 and direction == "equal":
        return [
            f"{_where(sheet, e_ref)}: 'equal' in {d_ref} contradicts "
            f"{describe(SCALE_LABELS[intensity])} for {pair_text}; choose '1 - equal' or "
            f"leave {e_ref} empty, or choose 'A' or 'B' in {d_ref}"
        ]
    if intensity is not None and intensity > 1 and direction is None:
        return [
            f"{_where(sheet, d_ref)}: missing which is more important for {pair_text} "
            f"({e_ref} says {describe(SCALE_LABELS[intensity])}); choose 'A', 'B' or 'equal'"
        ]
    if direction in ("A", "B") and intensity is None:
        winner, other = (a, b) if direction == "A" else (b, a)
        return [
            f"{_where(sheet, e_ref)}: missing how much more important {describe(winner)} is "
            f"than {describe(other)}; choose a value from '1 - equal' to '9 - extreme'"
        ]
    # Left: 'equal' or no direction with intensity 1 or none, or 'A'/'B' with an intensity.
    comment = ws[f"{_COL_COMMENT}{r}"].value
    return _Answer(
        intensity=1 if intensity is None else intensity,
        a_wins=direction != "B",
        comment=None if comment is None or str(comment).strip() == "" else str(comment),
    )


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
    >>> from coopdecide.ahp import PairwiseComparison
    >>> from coopdecide.io import fill_questionnaire, write_questionnaire
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
    sources = _check_sources(path)
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
    location = _locate_experts(opened, sources)
    order = _expert_order(location, expected_experts, sources)
    answers = _read_answers(order, location, opened, metadata.blocks, allow_missing, sources)
    return QuestionnaireResponses._build(
        title=metadata.title,
        sources=tuple(str(p) for p in sources),
        experts=tuple(order),
        sheets={expert: location[expert][1] for expert in order},
        files={expert: str(sources[location[expert][0]]) for expert in order},
        blocks=metadata.blocks,
        answers=answers,
    )


_Opened = tuple["Workbook", Path, _Metadata]


def _check_sources(path: Any) -> list[Path]:
    """The workbooks ``path`` names: one path or a sequence of them, each once."""
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
    return sources


def _locate_experts(
    opened: Sequence[_Opened], sources: Sequence[Path]
) -> dict[str, tuple[int, str]]:
    """Expert -> (file number, sheet); an expert has one sheet in all the files."""
    location: dict[str, tuple[int, str]] = {}
    for k, (_, source, found) in enumerate(opened):
        for expert, sheet in zip(found.experts, found.sheets, strict=True):
            if expert in location:
                raise QuestionnaireError(
                    f"the expert {describe(expert)} has a sheet in "
                    f"{describe(str(sources[location[expert][0]]))} "
                    f"and in {describe(str(source))}; keep one of them"
                )
            location[expert] = (k, sheet)
    return location


def _expert_order(
    location: Mapping[str, tuple[int, str]],
    expected: Sequence[str] | None,
    sources: Sequence[Path],
) -> list[str]:
    """The experts in the files' order, or exactly the ``expected`` ones in their order."""
    found = list(location)
    if expected is None:
        return found
    unknown = [e for e in found if e not in expected]
    if unknown:
        k, sheet = location[unknown[0]]
        where = f"{describe(str(sources[k]))}, " if len(sources) > 1 else ""
        raise QuestionnaireError(
            f"{where}sheet {describe(sheet)} is for the unknown expert {describe(unknown[0])}; "
            f"expected only experts {format_labels(expected)}"
        )
    absent = [e for e in expected if e not in location]
    if absent:
        files = " and ".join(repr(str(p)) for p in sources)
        raise QuestionnaireError(
            f"{files} {'has' if len(sources) == 1 else 'have'} no sheet for the expert(s) "
            f"{format_labels(absent)}; found {format_labels(found)}"
        )
    return list(expected)


def _read_answers(
    order: Sequence[str],
    location: Mapping[str, tuple[int, str]],
    opened: Sequence[_Opened],
    blocks: tuple[_Block, ...],
    allow_missing: bool,
    sources: Sequence[Path],
) -> dict[str, Any]:
    """Every expert's answers; all the bad cells of all the sheets in one error."""
    problems: list[str] = []
    answers = {}
    formulas = [_Formulas(path) for path in sources]
    for expert in order:
        k, sheet = location[expert]
        start = len(problems)
        answers[expert] = _read_sheet(
            opened[k][0][sheet], sheet, expert, blocks, allow_missing, problems, formulas[k]
        )
        if len(sources) > 1:
            problems[start:] = [f"file {describe(sources[k].name)}, {p}" for p in problems[start:]]
    if len(problems) == 1:
        raise QuestionnaireError(problems[0])
    if problems:
        shown = problems[:_MAX_LISTED_PROBLEMS]
        more = len(problems) - len(shown)
        names = ", ".join(repr(p.name) for p in sources)
        raise QuestionnaireError(
            f"{len(problems)} problems in the questionnaire {names}:\n"
            + "\n".join(f"- {p}" for p in shown)
            + (f"\n- ... ({more} more)" if more else "")
        )
    return answers


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
