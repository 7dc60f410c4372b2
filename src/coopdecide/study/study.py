"""The :class:`Study`: a checked study file, its data and its judgments, ready to run."""

from __future__ import annotations

import os
import warnings
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from coopdecide._results import html_section
from coopdecide._validation import describe
from coopdecide.exceptions import DominatedAlternativeWarning
from coopdecide.problem import DecisionProblem
from coopdecide.study._immutable import immutable
from coopdecide.study.build import GOAL, Comparisons, Structure, build
from coopdecide.study.data import resolve_path
from coopdecide.study.spec import (
    FORMAT_VERSION,
    StudySpec,
    judgments_to_mapping,
    parse_study,
    read_study_file,
    write_study_file,
)
from coopdecide.study.spec.errors import Source
from coopdecide.study.spec.limits import FileLimits, applying

if TYPE_CHECKING:
    from coopdecide.ahp import PairwiseComparison
    from coopdecide.study.result import StudyResult

__all__ = ["Study", "bundled_study_path", "load_study"]

_BUNDLED_STUDY = "indonesia_partners_study.yaml"
# the order of the sections in a written study file
_SECTION_ORDER = (
    "version",
    "title",
    "question",
    "description",
    "notes",
    "data",
    "criteria",
    "hierarchy",
    "experts",
    "ahp",
    "weights",
    "ranking",
    "sensitivity",
    "portfolio",
)


def bundled_study_path() -> Path:
    """Path of the bundled study: Indonesia choosing cooperation partners.

    The study uses the bundled partner-countries data (real data, with proxy
    criteria) and an ILLUSTRATIVE panel of three institutions whose judgments
    were written for the demo, not elicited. ``coopdecide demo`` runs it.

    Examples
    --------
    >>> bundled_study_path().name
    'indonesia_partners_study.yaml'
    """
    return Path(str(resources.files("coopdecide.datasets").joinpath("data", _BUNDLED_STUDY)))


@immutable
@dataclass(frozen=True, init=False, eq=False, repr=False)
class Study:
    """A decision study read from a study file: data, criteria, experts and settings.

    Built by :func:`load_study` (from a file) or :meth:`Study.from_dict`;
    immutable. Loading checks everything that can be checked before running:
    the file's structure, the data file and its columns, the judgments (and
    that incomplete ones connect the criteria), the method names, and the
    options and their values (each tried once with the library's own
    validation, so every mistake is reported with its full key path).

    Attributes
    ----------
    title, question, description : str or None
        As in the file.
    problem : DecisionProblem
        The alternatives and the (transformed) criteria, without weights.
    criteria : pandas.DataFrame
        One row per criterion: column, objective, transform, unit, description,
        source and whether the data are a proxy (from the dataset's metadata).
    experts : tuple of str
        The experts, in file order (empty when the file gives fixed weights).
    comparisons : dict
        Expert -> :class:`~coopdecide.ahp.PairwiseComparison` of the criteria.
    source : pathlib.Path or None
        The file the study was read from.
    """

    _spec: StudySpec
    _base_dir: Path
    _source: Path | None
    _problem: DecisionProblem
    _comparisons: Comparisons
    _metadata: pd.DataFrame | None
    _criteria: pd.DataFrame
    _structure: Structure | None

    def __init__(self) -> None:
        raise TypeError("use coopdecide.load_study(path) or Study.from_dict(data)")

    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any],
        *,
        base_dir: str | os.PathLike[str] | None = None,
        source: str | os.PathLike[str] | None = None,
        limits: FileLimits | None = None,
    ) -> Study:
        """Build a study from plain data (the structure of a study file).

        Parameters
        ----------
        data : mapping
            The study, as a YAML or JSON study file holds it.
        base_dir : str or os.PathLike, optional
            Directory that relative paths (data file, questionnaires) are
            relative to; default the current directory.
        source : str or os.PathLike, optional
            Named in error messages.
        limits : FileLimits, optional
            The largest data file accepted, as for :func:`load_study`.

        Raises
        ------
        StudyFileError
            Any problem, named by its key path.
        """
        spec = parse_study(data, source=source)
        base = Path(base_dir) if base_dir is not None else Path.cwd()
        with applying(limits):
            return cls._build(spec, base.resolve(), source)

    @classmethod
    def _build(cls, spec: StudySpec, base_dir: Path, source: Source) -> Study:
        built = build(spec, base_dir, source)
        study = object.__new__(cls)
        for name, value in (
            ("_spec", spec),
            ("_base_dir", base_dir),
            ("_source", None if source is None else Path(source)),
            ("_problem", built.problem),
            ("_comparisons", built.comparisons),
            ("_metadata", built.metadata),
            ("_criteria", built.criteria),
            ("_structure", built.structure),
        ):
            object.__setattr__(study, name, value)
        return study

    # -- content ------------------------------------------------------------------
    @property
    def title(self) -> str:
        """The study's title."""
        return self._spec.title

    @property
    def question(self) -> str | None:
        """The decision question, as the file states it."""
        return self._spec.question

    @property
    def description(self) -> str | None:
        """Free description of the study."""
        return self._spec.description

    @property
    def notes(self) -> tuple[str, ...]:
        """Notes an analyst must read (shown with the results and in the report)."""
        return tuple(self._spec.notes)

    @property
    def source(self) -> Path | None:
        """The file the study was read from."""
        return self._source

    @property
    def problem(self) -> DecisionProblem:
        """The alternatives and (transformed) criteria, without weights."""
        return self._problem

    @property
    def criteria(self) -> pd.DataFrame:
        """One row per criterion: column, objective, transform, unit, description, source, proxy."""
        return self._criteria.copy()

    @property
    def experts(self) -> tuple[str, ...]:
        """The experts, in file order."""
        return tuple(expert.name for expert in self._spec.experts or ())

    @property
    def expert_weights(self) -> pd.Series:
        """The experts' weights as given (not normalised)."""
        return pd.Series(
            {expert.name: expert.weight for expert in self._spec.experts or ()},
            dtype=float,
            name="weight",
        )

    @property
    def comparisons(self) -> dict[str, Any]:
        """Expert -> PairwiseComparison of the criteria.

        With a hierarchy: expert -> ``{node: PairwiseComparison}``, one per group
        with at least two members (``"goal"`` for the top level).
        """
        if self._structure is None:
            return {expert: nodes[GOAL] for expert, nodes in self._comparisons.items()}
        return {expert: dict(nodes) for expert, nodes in self._comparisons.items()}

    def _node_comparisons(self, node: str) -> dict[Hashable, PairwiseComparison]:
        """Expert -> the expert's comparison at ``node`` of the hierarchy (``"goal"``: the top)."""
        return {expert: nodes[node] for expert, nodes in self._comparisons.items()}

    @property
    def hierarchy(self) -> dict[str, list[str]] | None:
        """``{parent: children}`` with the root ``"goal"``, or None without a hierarchy."""
        if self._structure is None:
            return None
        return {node: list(children) for node, children in self._structure.items()}

    @property
    def settings(self) -> dict[str, Any]:
        """The AHP, weights, ranking and sensitivity settings as plain data."""
        data = self.to_dict()
        keys = ("ahp", "weights", "ranking", "sensitivity")
        return {key: data[key] for key in keys if key in data}

    # -- files ----------------------------------------------------------------------
    def _path_for(self, value: str, relative_to: Path | None) -> str:
        resolved = resolve_path(value, self._base_dir)
        if relative_to is None:
            return str(resolved)
        try:
            return Path(os.path.relpath(resolved, relative_to)).as_posix()
        except ValueError:  # another drive on Windows
            return str(resolved)

    def to_dict(self, *, relative_to: str | os.PathLike[str] | None = None) -> dict[str, Any]:
        """The study as plain data, in the structure of a study file.

        Parameters
        ----------
        relative_to : str or os.PathLike, optional
            Write file paths (data file, questionnaires) relative to this
            directory. Default: absolute paths.
        """
        base = None if relative_to is None else Path(relative_to).resolve()
        spec = self._spec
        data = _plain(spec.model_dump(mode="python", exclude_none=True))
        data["version"] = FORMAT_VERSION
        if spec.data.path is not None:
            data["data"]["path"] = self._path_for(spec.data.path, base)
        for position, entry in enumerate(spec.data.indicators or ()):
            data["data"]["indicators"][position]["path"] = self._path_for(entry.path, base)
        missing = spec.data.missing
        if missing is not None and not isinstance(missing, str) and isinstance(missing.groups, str):
            data["data"]["missing"]["groups"] = self._path_for(missing.groups, base)
        for position, expert in enumerate(spec.experts or ()):
            entry = data["experts"][position]
            if expert.judgments is not None:
                entry["judgments"] = judgments_to_mapping(expert.judgments)
            if expert.questionnaire is not None:
                entry["questionnaire"] = self._path_for(expert.questionnaire, base)
        portfolio = spec.portfolio
        if portfolio is not None and portfolio.data.path is not None:
            data["portfolio"]["data"]["path"] = self._path_for(portfolio.data.path, base)
        if portfolio is not None and portfolio.budget_sweep is not None:
            sweep = portfolio.budget_sweep.model_dump(by_alias=True, exclude_none=True)
            data["portfolio"]["budget_sweep"] = _plain(sweep)
        if not data.get("notes"):
            data.pop("notes", None)
        return {key: data[key] for key in _SECTION_ORDER if key in data}

    def to_file(self, path: str | os.PathLike[str], *, overwrite: bool = True) -> Path:
        """Write the study as a study file (YAML or JSON, after the suffix).

        What is written reads back with :func:`load_study` into an equal
        study; relative paths are rewritten relative to the new file.

        Parameters
        ----------
        path : str or os.PathLike
            A ``.yaml``, ``.yml`` or ``.json`` file.
        overwrite : bool, default True
            Replace an existing file.

        Returns
        -------
        pathlib.Path
        """
        target = Path(path)
        data = self.to_dict(relative_to=target.resolve().parent)
        return write_study_file(data, target, overwrite=overwrite)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Study):
            return NotImplemented
        return (
            self.to_dict() == other.to_dict()
            and self._problem == other._problem
            and self._comparisons == other._comparisons
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        n, m = self._problem.shape
        who = f"{len(self.experts)} expert(s)" if self.experts else "fixed weights"
        analyses = [k for k, v in self._spec.sensitivity.model_dump().items() if v is not None]
        return (
            f"Study({describe(self.title)}: {n} alternatives x {m} criteria, {who}, "
            f"ranking {describe(self._spec.ranking.method)}, sensitivity "
            f"{', '.join(analyses) if analyses else 'none'})"
        )

    def _repr_html_(self) -> str:
        n, m = self._problem.shape
        facts = {
            "title": self.title,
            "alternatives": n,
            "criteria": m,
            "experts": ", ".join(self.experts) if self.experts else "fixed weights",
            "ranking": self._spec.ranking.method,
        }
        return html_section("Study", facts=facts, tables={"criteria": self._criteria})

    # -- running ------------------------------------------------------------------------
    def run(self, *, progress: bool = False) -> StudyResult:
        """Run the study: group AHP weights, ranking, sensitivity analyses, portfolio.

        Methodological warnings raised on the way (inconsistent experts,
        dominated alternatives, zero-range criteria, ...) are collected into
        :attr:`StudyResult.warnings` together with the study's own checks
        (proxy data, illustrative judgments). Of them, dominated alternatives
        are also issued as one
        :class:`~coopdecide.exceptions.DominatedAlternativeWarning` (they
        question the data or the criteria, not a setting); the others are not
        re-issued as Python warnings.

        Parameters
        ----------
        progress : bool, default False
            Show a progress bar for the long analyses (SMAA; needs tqdm).

        Returns
        -------
        StudyResult

        Raises
        ------
        StudyFileError
            A setting the analysis rejects (for example an option value),
            named by its key path.

        Warns
        -----
        DominatedAlternativeWarning
            Some alternatives are dominated (the message names them and
            their dominators; it is also in :attr:`StudyResult.warnings`).
        """
        from coopdecide.study.run import dominated_text, run_study

        result = run_study(self, progress=progress)
        dominated = dominated_text(result.problem)
        if dominated is not None:
            warnings.warn(dominated, DominatedAlternativeWarning, stacklevel=2)
        return result


def load_study(path: str | os.PathLike[str], *, limits: FileLimits | None = None) -> Study:
    """Read and check a study file (YAML or JSON).

    Parameters
    ----------
    path : str or os.PathLike
        The study file. Relative paths inside it (the data file,
        questionnaires) are relative to the file's directory.
    limits : FileLimits, optional
        The largest study file, data file and YAML document (values after
        its aliases are expanded) accepted. Default: 10 MB, 200 MB and
        1,000,000 values, each replaced by its environment variable if set
        (``COOPDECIDE_MAX_STUDY_FILE_SIZE``, ``COOPDECIDE_MAX_DATA_FILE_SIZE``,
        ``COOPDECIDE_MAX_YAML_VALUES``); see
        :mod:`coopdecide.study.spec.limits`.

    Returns
    -------
    Study

    Raises
    ------
    FileNotFoundError
        No file at ``path``.
    StudyFileError
        Any problem in the file, the data or the judgments; the message names
        the file, the key path and the problem, for example
        ``"study.yaml: criteria.trade.objective: expected max or min ..."``;
        a file above its size limit too.

    Examples
    --------
    >>> study = load_study(bundled_study_path())
    >>> study.title
    'Indonesia: choosing cooperation partners'
    """
    source = Path(path)
    with applying(limits):
        spec = read_study_file(source)
        return Study._build(spec, source.resolve().parent, source)


def _plain(value: Any) -> Any:
    """Plain data for a file: string keys, lists, whole floats as ints."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value
