"""Fuzzing study files through the command line, with hypothesis.

Each example starts from a valid study (the test studies, the starter study of
``coopdecide init`` and the bundled study) and changes it at one random key
path: a value of a wrong type or out of range, a key removed, an unknown key
added, or labels (title, expert names, criterion names) drawn from the whole
of Unicode. ``coopdecide validate`` (and, in the long profile, ``coopdecide
run``) must then:

- exit 0 (a study that is still valid) or 2 (bad input): never 1, a crash;
- print no traceback (``--debug`` is not given);
- on exit 2, print one ``error:`` line naming the study file and a key path;
- stay within time and memory (checked per example).

The default profile runs a few dozen examples in seconds, in CI. The long one
is marked ``fuzz`` and skipped by default: ``pytest -m fuzz tests/test_fuzz_study.py``.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import tracemalloc
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopdecide.cli import _write_starter, cli
from coopdecide.study import bundled_study_path
from coopdecide.study.spec import StudySpec

STUDIES = Path(__file__).resolve().parent / "data" / "studies"

#: The top-level keys of a study file: every located message starts with one of them.
TOP_KEYS = tuple(StudySpec.model_fields)
#: Per example: seconds of CPU time (not wall time: the machine may be loaded) and bytes
#: of Python memory (tracemalloc's peak, numpy's arrays included).
TIME_LIMIT = 20.0
MEMORY_LIMIT = 300 * 2**20


@pytest.fixture(scope="module")
def bases(tmp_path_factory) -> list[tuple[Path, dict[str, Any]]]:
    """(folder, study) pairs: each folder holds the data files its study names."""
    folder = tmp_path_factory.mktemp("fuzz")
    small = folder / "small"
    small.mkdir()
    shutil.copy(STUDIES / "candidates.csv", small)
    starter = folder / "starter"
    _write_starter(starter, overwrite=True)
    invoke("validate", str(starter / "study.yaml"))  # imports done before the first timing
    return [
        (small, yaml.safe_load((STUDIES / "small.yaml").read_text(encoding="utf-8"))),
        (small, json.loads((STUDIES / "fixed_weights.json").read_text(encoding="utf-8"))),
        (starter, yaml.safe_load((starter / "study.yaml").read_text(encoding="utf-8"))),
        (folder, yaml.safe_load(bundled_study_path().read_text(encoding="utf-8"))),
    ]


# -- generated changes --------------------------------------------------------------------
LABELS = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1, 9, 10, 1e308, "", " ", "1/0", "1/3", "max", "min", "nan"]),
    LABELS,
)
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=4),
    st.dictionaries(LABELS, SCALARS, max_size=3),
)


def key_paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key path of a nested value (dict keys, list positions)."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += key_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            found += key_paths(item, (*prefix, position))
    return found


def parent_of(study: dict, path: tuple) -> Any:
    node: Any = study
    for part in path[:-1]:
        node = node[part]
    return node


def rename_criterion(study: dict, old: str, new: str) -> None:
    """Rename a criterion everywhere the study names it (its data column kept)."""
    criteria = study["criteria"]
    spec = dict(criteria.pop(old) or {})
    spec.setdefault("column", old)
    criteria[new] = spec
    for expert in study.get("experts") or []:
        judgments = expert.get("judgments")
        if isinstance(judgments, dict):
            expert["judgments"] = {
                re.sub(rf"(^|(?<= [<>=] )){re.escape(old)}($|(?= [<>=] ))", new, key): value
                for key, value in judgments.items()
            }
        elif isinstance(judgments, list):
            expert["judgments"] = [[new if x == old else x for x in t] for t in judgments]


def mutate(data: st.DataObject, study: dict) -> str:
    """Change ``study`` in place at a random key path; returns what was done."""
    kind = data.draw(st.sampled_from(["replace", "delete", "add", "relabel"]), label="kind")
    if kind == "relabel":
        criteria = list(study.get("criteria", {}))
        experts = [e for e in study.get("experts") or [] if isinstance(e, dict)]
        target = data.draw(st.sampled_from(["title", "criterion", "expert"]), label="target")
        label = data.draw(LABELS, label="label")
        if target == "criterion" and criteria:
            rename_criterion(study, data.draw(st.sampled_from(criteria)), label)
        elif target == "expert" and experts:
            data.draw(st.sampled_from(experts))["name"] = label
        else:
            study["title"] = label
        return f"relabel {target} {label!r}"
    path = data.draw(st.sampled_from(key_paths(study)), label="path")
    parent = parent_of(study, path)
    if kind == "delete":
        del parent[path[-1]]
    elif kind == "add":
        target = parent if isinstance(parent, dict) else study
        target[data.draw(LABELS, label="new key")] = data.draw(VALUES, label="new value")
    else:
        parent[path[-1]] = data.draw(VALUES, label="value")
    return f"{kind} {path!r}"


def write(folder: Path, study: dict, suffix: str) -> Path:
    path = folder / f"fuzzed{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(study, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(study, allow_unicode=True), encoding="utf-8")
    return path


# -- the checks ---------------------------------------------------------------------------
def invoke(*args: str) -> tuple[Any, float, int]:
    """Run the command line in this process: result, CPU seconds, peak Python memory (bytes)."""
    tracemalloc.start()
    start = time.process_time()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the command line shows them; not errors here
            result = CliRunner().invoke(cli, list(args))
        return result, time.process_time() - start, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def check(result: Any, seconds: float, peak: int, path: Path, what: str) -> None:
    context = f"{what}: exit {result.exit_code}; stderr: {result.stderr!r}"
    assert result.exit_code in (0, 2), context
    assert result.exception is None or isinstance(result.exception, SystemExit), context
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, context
    assert seconds < TIME_LIMIT, context
    assert peak < MEMORY_LIMIT, f"{context}; {peak:,} bytes"
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1, context
        keys = "|".join(TOP_KEYS)  # a path in the schema, or an unknown key named as it is
        located = re.match(
            rf"error: {re.escape(str(path))}: (\d+ problems in the study: )?"
            rf"(({keys})(\.|\[|:)|.+?: unknown key)",
            lines[0],
        )
        assert located, context


def fuzz_once(bases: list, data: st.DataObject, *, run: bool) -> None:
    folder, base = data.draw(st.sampled_from(bases), label="base")
    study = json.loads(json.dumps(base))  # a deep copy of plain data
    what = mutate(data, study)
    path = write(folder, study, data.draw(st.sampled_from([".yaml", ".json"]), label="format"))
    result, seconds, peak = invoke("validate", str(path))
    check(result, seconds, peak, path, what)
    if run and result.exit_code == 0:
        result, seconds, peak = invoke("run", str(path), "--format", "json")
        check(result, seconds, peak, path, f"run after {what}")


_FIXTURE = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@settings(max_examples=25, deadline=None, suppress_health_check=_FIXTURE, derandomize=True)
@given(data=st.data())
def test_fuzzed_study_files_are_refused_cleanly(bases, data):
    fuzz_once(bases, data, run=False)


@pytest.mark.fuzz
@settings(max_examples=1500, deadline=None, suppress_health_check=_FIXTURE)
@given(data=st.data())
def test_fuzzed_study_files_long(bases, data):
    fuzz_once(bases, data, run=True)
