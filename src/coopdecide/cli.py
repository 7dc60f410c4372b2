"""The ``coopdecide`` command line: run whole studies described in a file.

Commands: ``demo`` (the bundled study), ``run STUDY``, ``validate STUDY`` and
``init DIR``; ``coopdecide --help`` and ``coopdecide COMMAND --help`` describe
them. This is the only module of coopdecide that prints.

Exit codes, by cause (a one-line message on stderr, no traceback unless
``--debug``):

- 0: success;
- 2: the input is wrong: an invalid study file or data, a file that does not
  exist, an unknown option, an output path that cannot name a file (its
  folder is a file, it is a folder, ``--excel`` not ending in ``.xlsx``);
- 1: the environment failed: the system refused to read or write a file
  (permissions, a full or read-only disk, the file size limit, a place where
  files cannot be created), a worker process died, an optional package is
  missing, or a bug in coopdecide.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from coopdecide import __version__
from coopdecide._text import escaped_controls, safe_text
from coopdecide.exceptions import CoopdecideError, DominatedAlternativeWarning

__all__ = ["cli", "main"]

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INVALID = 2

DEFAULT_REPORT_DIR = "coopdecide-report"


# ---------------------------------------------------------------------------
# errors and exit codes
# ---------------------------------------------------------------------------
def _one_line(text: str) -> str:
    text = str(text).replace("\n- ", "; ")
    return safe_text(" ".join(text.split()))


class _WriteError(Exception):
    """The system refused to write an output file: an environment failure (exit 1)."""


@contextlib.contextmanager
def _writing(what: str, path: Path) -> Iterator[None]:
    """Turn an OSError while writing ``path`` into a :class:`_WriteError` that names it."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or str(error)
        if error.filename is not None and str(error.filename) != str(path):
            reason = f"{reason} ({error.filename})"
        raise _WriteError(f"cannot write {what} {str(path)!r}: {reason}") from error


def _is_invalid_input(error: BaseException) -> bool:
    """Bad input (exit 2): a coopdecide argument error, or an input file that is not there."""
    if isinstance(error, CoopdecideError) and isinstance(error, (ValueError, TypeError)):
        return True
    return isinstance(error, (FileNotFoundError, IsADirectoryError, NotADirectoryError))


def _handled(function: F) -> F:
    """Run a command, turning exceptions into a message on stderr and an exit code."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        context = click.get_current_context()
        debug = bool((context.find_root().obj or {}).get("debug"))
        try:
            return function(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as error:
            if debug:
                traceback.print_exc(file=sys.stderr)
            if _is_invalid_input(error):
                click.echo(f"error: {_one_line(str(error))}", err=True)
                context.exit(EXIT_INVALID)
            if isinstance(error, _WriteError):
                click.echo(f"error: {_one_line(str(error))}", err=True)
                context.exit(EXIT_ERROR)
            hint = "" if debug else " (run 'coopdecide --debug ...' for the traceback)"
            click.echo(f"error: {type(error).__name__}: {_one_line(str(error))}{hint}", err=True)
            context.exit(EXIT_ERROR)

    return wrapper  # type: ignore[return-value]


# ---------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------
def _progress_wanted() -> bool:
    if not sys.stderr.isatty():
        return False
    try:
        import tqdm  # noqa: F401
    except ImportError:
        return False
    return True


def _label(value: Any) -> str:
    """A label as the report shows it: one line, control characters shown as [U+XXXX]."""
    return safe_text(value)


def _labels(values: Any) -> str:
    return ", ".join(map(_label, values))


def _table(frame: Any, *, floatfmt: str = "{:.3f}") -> str:
    """A plain-text table of a DataFrame (no extra dependency), its labels on one line each."""
    import pandas as pd

    frame = frame.copy()
    for column in frame.columns:
        if pd.api.types.is_float_dtype(frame[column]):
            frame[column] = frame[column].map(lambda v: "" if pd.isna(v) else floatfmt.format(v))
        elif pd.api.types.is_object_dtype(frame[column]):
            frame[column] = frame[column].map(lambda v: _label(v) if isinstance(v, str) else v)
    frame.index = frame.index.map(lambda v: _label(v) if isinstance(v, str) else v)
    frame.columns = [_label(c) if isinstance(c, str) else c for c in frame.columns]
    return frame.to_string()


def _terminal_text(text: str) -> tuple[str, list[str]]:
    """``text`` with control characters shown escaped, and the characters escaped in it."""
    text = "\n".join(safe_text(line) for line in text.split("\n"))
    return text, escaped_controls(text)


def _format_result(result: Any) -> str:
    study = result.study
    title = _label(study.title)
    lines: list[str] = [title, "=" * len(title)]
    if study.question:
        lines += [f"Question: {_label(study.question)}", ""]
    for note in study.notes:
        lines.append(f"NOTE: {_label(note)}")
    if study.notes:
        lines.append("")

    n, m = result.problem.shape
    lines.append(f"{n} alternatives x {m} criteria")
    lines.append("")
    lines += _weight_lines(result)
    lines.append("")

    ranking = result.ranking
    options = ", ".join(f"{k} {v}" for k, v in (ranking.options or {}).items())
    lines.append(f"Ranking ({ranking.method}{', ' + options if options else ''})")
    frame = result.to_frame()
    columns = [c for c in ("rank", "score") if c in frame.columns]
    extra = [c for c in ("first_rank_acceptability", "expected_rank") if c in frame.columns]
    shown = frame[columns + extra].rename(
        columns={"first_rank_acceptability": "P(first)", "expected_rank": "E[rank]"}
    )
    lines.append(_table(shown))
    lines.append("")

    lines += _stability_lines(result.stability())
    if result.portfolio is not None:
        portfolio = result.portfolio
        lines.append("")
        lines.append(
            f"Portfolio: {portfolio.n_selected} programme(s), cost {portfolio.total_cost:g} of "
            f"the budget ({portfolio.remaining_budget:g} left): " + _labels(portfolio.selected)
        )
    if result.portfolio_acceptability is not None:
        lines.append("")
        lines += _acceptability_lines(result.portfolio_acceptability)
    if result.budget_sweep is not None:
        lines.append("")
        lines += _sweep_lines(result.budget_sweep)
    if result.warnings:
        lines.append("")
        lines.append(f"Warnings ({len(result.warnings)})")
        lines.extend(f"  - {warning}" for warning in result.warnings)
    return "\n".join(lines)


_TOP_PROGRAMMES = 10


def _acceptability_lines(accept: Any) -> list[str]:
    """The programmes most often in the optimal portfolio, with their share of samples."""
    import pandas as pd

    frame = accept.to_frame()
    chosen = frame[frame["acceptability"] > 0]
    shown = chosen.head(_TOP_PROGRAMMES)
    names = [_label(name) for name in shown.index]
    width = max([len("programme"), *(len(name) for name in names)])
    table = pd.DataFrame(
        {
            "programme".ljust(width): [name.ljust(width) for name in names],
            "share": shown["acceptability"].map(lambda v: f"{100 * v:.1f}%"),
            "mean score": shown["mean_score"].map("{:.3f}".format),
            "cost": shown["cost"].map("{:g}".format),
            "in expected portfolio": ["yes" if f else "no" for f in shown["in_expected_portfolio"]],
        }
    )
    portfolios = accept.portfolios
    lines = [
        f"Portfolio acceptability ({accept.n_samples:,} samples): programmes most often in "
        f"the optimal portfolio ({len(portfolios)} distinct optimal portfolio(s); the most "
        f"frequent in {100 * float(portfolios['share'].iloc[0]):.1f}% of the samples)",
        table.to_string(index=False),
    ]
    if len(chosen) > len(shown):
        lines.append(f"  ... {len(chosen) - len(shown)} more programme(s) chosen in some samples")
    never = len(frame) - len(chosen)
    if never:
        lines.append(f"  {never} programme(s) never in an optimal portfolio")
    return lines


def _blank_if_nan(spec: str) -> Callable[[float], str]:
    """A formatter of ``format(value, spec)`` that leaves NaN (an infeasible budget) blank."""
    return lambda value: "" if value != value else format(value, spec)


def _sweep_lines(sweep: Any) -> list[str]:
    """The optimal portfolio along the budget sweep: score, cost, what each step adds."""
    frame = sweep.to_frame()
    feasible = frame["feasible"].to_numpy(dtype=bool)
    score = frame["total_score"]
    gain = score - score.where(feasible).ffill().shift()
    table = frame[["budget", "total_score"]].rename(columns={"total_score": "total score"})
    table["gain"] = gain.map(_blank_if_nan("+.3f"))
    table["total score"] = score.map(_blank_if_nan(".3f"))
    if sweep.objective != "score":
        table[sweep.objective] = frame["objective_value"].map(_blank_if_nan(".3f"))
    table["budget"] = frame["budget"].map("{:g}".format)
    table["cost"] = frame["total_cost"].map(_blank_if_nan("g"))
    table["n"] = [str(n) if ok else "" for n, ok in zip(frame["n_selected"], feasible, strict=True)]
    first = int(feasible.argmax()) if feasible.any() else None
    adds = [
        "(infeasible)" if not ok else _label(text)
        for text, ok in zip(frame["added"], feasible, strict=True)
    ]
    if first is not None:
        adds[first] = "(the starting portfolio, below)"
    table["adds"] = adds
    if frame["removed"].astype(bool).any():
        table["drops"] = frame["removed"].map(_label)
    for column in ("adds", "drops"):
        if column in table:
            width = max(len(column), *(len(text) for text in table[column]))
            table[column] = table[column].str.ljust(width)
            table = table.rename(columns={column: column.ljust(width)})
    lines = [
        f"Budget sweep: the optimal portfolio for {len(frame)} budgets "
        f"(gain: total score added since the previous budget)",
        table.to_string(index=False),
    ]
    if first is not None:
        start = frame["budget"].iloc[first]
        names = sweep.selections.iloc[first]
        lines.append(f"  at budget {start:g}: " + _labels(names.index[names]))
    else:
        lines.append("  no budget of the sweep can meet the portfolio constraints")
    return lines


def _weight_lines(result: Any) -> list[str]:
    """The criteria weights: by hierarchy node, by expert, or as given."""
    group = result.group
    if group is None:
        return ["Criteria weights (fixed in the study file)", _table(result.weights.to_frame())]
    setting = (
        f"AHP {group.method}, {group.aggregation.upper()} aggregation; CR with the "
        f"{group.ri_table} random index, threshold {group.threshold:g}"
    )
    if result.hierarchy is not None:
        tree = result.hierarchy.to_frame().set_index("node")
        lines = [
            f"Criteria hierarchy: group weights ({setting})",
            _table(tree[["parent", "local_weight", "global_weight"]]),
            "",
        ]
        for (node, expert), row in result.experts.iterrows():
            lines.append(
                f"  {_label(node)}: {_label(expert)}: CR {row['cr']:.3f} ({_verdict(row)})"
            )
        return lines
    experts = list(group.experts)
    codes = [f"E{i + 1}" for i in range(len(experts))]
    weights = group.by_expert.T
    weights.columns = codes
    weights["group"] = result.weights
    lines = [f"Criteria weights by expert ({setting})", _table(weights), ""]
    consistency = group.consistency
    for code, expert in zip(codes, experts, strict=True):
        row = consistency.loc[expert]
        lines.append(
            f"  {code}  {_label(expert)}: weight {row['weight']:.3f}, CR {row['cr']:.3f} "
            f"({_verdict(row)})"
        )
    if group.cr is not None:
        lines.append(f"  group matrix: CR {group.cr:.3f}; consensus S* {group.consensus:.3f}")
    else:
        lines.append(f"  consensus S* {group.consensus:.3f}")
    return lines


def _verdict(row: Any) -> str:
    """``consistent`` or ``INCONSISTENT``, with the expert's status unless kept."""
    verdict = "consistent" if bool(row["consistent"]) else "INCONSISTENT"
    return verdict if row["status"] == "kept" else f"{verdict}, {row['status']}"


def _stability_lines(stability: Any) -> list[str]:
    import pandas as pd

    stability = {
        key: _label(value) if isinstance(value, str) else value for key, value in stability.items()
    }
    lines = ["Stability of the top choice", f"  top choice: {stability['best']}"]
    if "smaa_first_rank" in stability:
        samples = stability.get("smaa_samples")
        size = f"{samples:,} samples" if isinstance(samples, int) else "SMAA"
        lines.append(
            f"  SMAA ({size}): {stability['best']} is first in "
            f"{100 * stability['smaa_first_rank']:.1f}% of the samples; most often first: "
            f"{stability['smaa_leader']}"
        )
    if "critical_criterion" in stability:
        if stability["critical_criterion"] is None:
            lines.append("  critical changes: no single weight change alters the top choice")
        else:
            delta = stability.get("critical_change")
            change = "" if delta is None or pd.isna(delta) else f" by {delta:+.3f}"
            lines.append(
                f"  most critical criterion: {stability['critical_criterion']} (its weight "
                f"must change{change}, {stability['critical_relative_change']:+.1f}% of its "
                f"value, to make {stability.get('critical_new_leader')} first)"
            )
    if "methods_agree" in stability:
        lines.append(
            f"  other methods: {100 * stability['methods_agree']:.0f}% of "
            f"{stability['methods_compared']} rank {stability['best']} first"
        )
    return lines


def _report_targets(report: str | None, default_dir: str | None) -> list[tuple[Path, str]]:
    """Files to write: (path, format). ``report`` is an .html/.md file or a directory."""
    if report is None:
        if default_dir is None:
            return []
        report = default_dir
    path = Path(report)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return [(path, "html"), (path.with_suffix(".md"), "markdown")]
    if suffix in (".md", ".markdown"):
        return [(path.with_suffix(".html"), "html"), (path, "markdown")]
    return [(path / "report.html", "html"), (path / "report.md", "markdown")]


def _write_reports(
    result: Any, targets: list[tuple[Path, str]], excel: Path | None, *, static: bool = False
) -> None:
    # the HTML report is interactive (weight sliders) unless --static, or the ranking is
    # not TOPSIS (the page recomputes TOPSIS only)
    live = not static and result.ranking.method == "topsis"
    for path, form in targets:
        with _writing("the report", path):
            written = result.report(path, format=form, interactive=live and form == "html")
        click.echo(f"report written: {written}", err=True)
    if excel is not None:
        with _writing("the tables", excel):
            written = result.export_excel(excel)
        click.echo(f"tables written: {written}", err=True)


def _emit(result: Any, output: str) -> None:
    if output == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, allow_nan=False))
    elif output == "csv":
        click.echo(result.to_frame().to_csv(), nl=False)
    else:
        text, found = _terminal_text(_format_result(result))
        click.echo(text)
        if found:
            click.echo(
                "warning: the output holds bidirectional or other control characters, shown "
                f"escaped as [U+XXXX]: {', '.join(found)}",
                err=True,
            )


def _run_study(path: Path, *, output: str) -> Any:
    from coopdecide.study import load_study

    study = load_study(path)
    progress = output == "table" and _progress_wanted()
    with warnings.catch_warnings():
        # listed in result.warnings, which is printed: not a second time as a Python warning
        warnings.simplefilter("ignore", DominatedAlternativeWarning)
        return study.run(progress=progress)


def _run_and_write(
    path: Path,
    output: str,
    targets: list[tuple[Path, str]],
    excel: str | None,
    *,
    static: bool = False,
) -> None:
    """Run the study at ``path``, print the result as ``output`` and write the files."""
    from coopdecide._files import workbook_path

    workbook = None if excel is None else workbook_path("--excel", excel)  # before the run
    output = output.lower()
    result = _run_study(path, output=output)
    _emit(result, output)
    _write_reports(result, targets, workbook, static=static)


# ---------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------
_FORMAT = click.Choice(["table", "json", "csv"], case_sensitive=False)
_EXCEL_OPTION = click.option(
    "--excel",
    type=click.Path(path_type=str),
    help="Also export the tables to an Excel workbook (a file ending in .xlsx).",
)


_STATIC_OPTION = click.option(
    "--static",
    is_flag=True,
    help="Write a static HTML report, without the weight sliders and the live ranking "
    "(the default HTML report is interactive when the ranking is TOPSIS).",
)


def _format_option(help_text: str) -> Callable[[F], F]:
    return click.option(
        "--format", "output", type=_FORMAT, default="table", show_default=True, help=help_text
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="coopdecide")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
@click.pass_context
def cli(context: click.Context, debug: bool) -> None:
    """coopdecide: multi-criteria decisions for planning international cooperation.

    Describe a study (data, criteria, experts' pairwise judgments, analyses) in a
    YAML or JSON file, then run it: AHP weights per expert and for the group,
    a TOPSIS ranking, a sensitivity analysis and a report.

    Exit codes: 0 success; 2 the input is wrong (the study file, its data, an
    option, an output path that cannot name a file); 1 the environment failed
    (a file could not be read or written, a worker died, a missing package).
    """
    context.ensure_object(dict)
    context.obj["debug"] = debug


@cli.command()
@click.option(
    "--report",
    "report",
    type=click.Path(dir_okay=True, path_type=str),
    default=None,
    help=f"Where to write the report: a directory (default ./{DEFAULT_REPORT_DIR}), or an "
    ".html or .md file (the other format is written beside it).",
)
@click.option("--no-report", is_flag=True, help="Do not write the report.")
@_STATIC_OPTION
@_EXCEL_OPTION
@_format_option("Output on stdout: a readable table, one JSON document, or the ranking as CSV.")
@_handled
def demo(report: str | None, no_report: bool, static: bool, excel: str | None, output: str) -> None:
    """Run the bundled study: Indonesia choosing cooperation partners.

    Real data on 31 candidate countries, weights from an ILLUSTRATIVE panel of
    three institutions (one of them inconsistent), a TOPSIS ranking and its
    stability. Prints the result and writes the report.
    """
    from coopdecide.study import bundled_study_path

    targets = [] if no_report else _report_targets(report, DEFAULT_REPORT_DIR)
    _run_and_write(bundled_study_path(), output, targets, excel, static=static)


@cli.command()
@click.argument("study", type=click.Path(path_type=Path))
@click.option(
    "--report",
    "report",
    type=click.Path(path_type=str),
    default=None,
    help="Write the report: a directory (report.html and report.md in it), or an .html or "
    ".md file (the other format is written beside it).",
)
@_STATIC_OPTION
@_EXCEL_OPTION
@_format_option(
    "Output on stdout: a readable table, one JSON document (StudyResult.to_dict()), or the "
    "ranking as CSV."
)
@_handled
def run(study: Path, report: str | None, static: bool, excel: str | None, output: str) -> None:
    """Run the study described in the file STUDY (YAML or JSON)."""
    _run_and_write(study, output, _report_targets(report, None), excel, static=static)


@cli.command()
@click.argument("study", type=click.Path(path_type=Path))
@_handled
def validate(study: Path) -> None:
    """Check the study file STUDY without running it.

    Reads the data and the judgments and checks every key, name and option;
    prints a one-line summary, or the first problem with its key path (exit 2).
    """
    from coopdecide.study import load_study

    loaded = load_study(study)
    n, m = loaded.problem.shape
    who = f"{len(loaded.experts)} expert(s)" if loaded.experts else "fixed weights"
    click.echo(f"ok: {study}: {loaded.title!r}: {n} alternatives x {m} criteria, {who}")


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite the starter files if they exist.")
@_handled
def init(directory: Path, force: bool) -> None:
    """Write a starter study in DIRECTORY: study.yaml, its data and a questionnaire.

    The study runs as written (example judgments inline); send the Excel
    questionnaire to your experts, then point the study at the filled workbook.
    """
    with _writing("the starter study into", directory):
        written, missing_excel = _write_starter(directory, overwrite=force)
    for path in written:
        click.echo(f"wrote {path}")
    if missing_excel:
        click.echo(
            "note: openpyxl is not installed, so no Excel questionnaire was written "
            "(pip install coopdecide[excel], then run 'coopdecide init' again)",
            err=True,
        )
    click.echo(f"next: coopdecide run {directory / 'study.yaml'}")


# ---------------------------------------------------------------------------
# the starter study of `coopdecide init`
# ---------------------------------------------------------------------------
_STARTER_CRITERIA = ("political_alignment", "economic_size", "mobility_openness", "risk")
_STARTER_COUNTRIES = (
    "Malaysia",
    "Singapore",
    "Vietnam",
    "Japan",
    "South Korea",
    "India",
    "Australia",
    "Germany",
)
_STARTER_EXPERTS = ("Expert A (example)", "Expert B (example)")

_STARTER_STUDY = """\
# coopdecide study file (format 1), written by `coopdecide init`.
# Run it:      coopdecide run study.yaml --report report.html
# Check it:    coopdecide validate study.yaml
# The format:  docs/guide/studies.md
version: 1
title: "Choosing cooperation partners (starter study)"
question: Which candidate countries should we prioritise for cooperation?
notes:
  - >-
    STARTER STUDY: the judgments below are EXAMPLES. Send questionnaire.xlsx to your
    experts and use their answers (see 'experts' below).

# The data: one row per alternative, the first column names it (or set `index:`).
# candidates.csv holds real values for 8 countries taken from coopdecide's bundled
# partner-countries dataset, relative to Indonesia (see docs/data.md).
data:
  path: candidates.csv
  index: country

# One entry per criterion: `objective` is max (more is better) or min (less is better).
# Optional: column (default: the criterion's name), description, unit,
# transform (log, log10, log1p) or target (a number: the distance to it is minimised).
criteria:
  political_alignment:
    objective: max
    description: UN General Assembly vote agreement with Indonesia, 2010-2020
    unit: ratio 0-1
  economic_size:
    objective: max
    description: GDP, log scale in the analysis
    unit: USD billion
    transform: log
  mobility_openness:
    objective: max
    description: visa requirements in both directions (1 = visa-free both ways)
    unit: index 0-1
  risk:
    objective: min
    description: minus the World Bank political stability estimate (WGI 2019)
    unit: standard normal units

# The experts and their pairwise judgments. "A > B: 3" means A is 3 times as important
# as B (Saaty's scale 1-9); "A = B: 1" equal. Every pair must be judged (or set
# ahp.allow_missing: true). To use the questionnaire instead, replace an expert's
# `judgments:` with `questionnaire: questionnaire.xlsx` once it is filled in.
experts:
  - name: Expert A (example)
    weight: 1
    judgments:
      political_alignment > economic_size: 3
      political_alignment > mobility_openness: 2
      political_alignment > risk: 2
      mobility_openness > economic_size: 2
      risk > economic_size: 2
      risk = mobility_openness: 1
  - name: Expert B (example)
    weight: 1
    judgments:
      economic_size > political_alignment: 2
      mobility_openness > political_alignment: 4
      political_alignment = risk: 1
      mobility_openness > economic_size: 2
      economic_size > risk: 2
      mobility_openness > risk: 3

ahp:
  method: eigenvector      # eigenvector, geometric or column
  ri_table: saaty1980      # saaty1980, saaty2005, alonso-lamata or donegan-dodd
  threshold: 0.1           # CR above this is flagged
  aggregation: aij         # aij (judgments) or aip (priorities)
  inconsistent: keep       # keep, exclude or repair inconsistent experts

ranking:
  method: topsis
  options:
    normalization: vector

sensitivity:
  critical_changes: {}
  one_at_a_time: {}
  smaa:
    n_samples: 2000
    random_state: 1
    judgments:
      steps: 1             # each judgment may be off by one step of Saaty's scale
"""


def _write_starter(directory: Path, *, overwrite: bool) -> tuple[list[Path], bool]:
    """Write study.yaml, candidates.csv and questionnaire.xlsx into ``directory``."""
    from coopdecide._files import write_text
    from coopdecide.datasets import load_partner_countries_table
    from coopdecide.exceptions import InvalidArgumentError

    study = directory / "study.yaml"
    data = directory / "candidates.csv"
    questionnaire = directory / "questionnaire.xlsx"
    if not overwrite:
        existing = [p for p in (study, data, questionnaire) if p.exists()]
        if existing:
            raise InvalidArgumentError(
                f"{existing[0]} already exists; use --force to overwrite the starter files"
            )
    table = load_partner_countries_table().loc[list(_STARTER_COUNTRIES)]
    table = table[["iso3", *_STARTER_CRITERIA]]
    table.index.name = "country"
    write_text(data, table.to_csv())
    write_text(study, _STARTER_STUDY)
    written = [study, data]
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return written, True
    from coopdecide.io.questionnaire import write_questionnaire

    write_questionnaire(
        questionnaire,
        list(_STARTER_CRITERIA),
        list(_STARTER_EXPERTS),
        title="Choosing cooperation partners: criteria weights",
        overwrite=True,
    )
    written.append(questionnaire)
    return written, False


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``coopdecide`` console script."""
    try:
        code = cli.main(args=argv, prog_name="coopdecide", standalone_mode=False)
    except click.exceptions.Exit as stop:
        code = stop.exit_code
    except click.ClickException as error:  # usage errors: bad option, missing argument
        error.show()
        code = EXIT_INVALID
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        code = EXIT_ERROR
    sys.exit(code if isinstance(code, int) else EXIT_OK)


if __name__ == "__main__":
    main()
