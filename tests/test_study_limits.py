"""Bounded study reading: YAML alias bombs, file sizes, undecodable and deeply nested files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from coopdecide.exceptions import InvalidArgumentError, StudyFileError
from coopdecide.study import FileLimits, load_study
from coopdecide.study.spec import read_study_file

STUDIES = Path(__file__).resolve().parent / "data" / "studies"
SMALL = STUDIES / "small.yaml"


def coopdecide(*args: object, **environment: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coopdecide.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **environment},
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(STUDIES / "candidates.csv", tmp_path / "candidates.csv")
    return tmp_path


def alias_bomb(folder: Path) -> Path:
    """The small study with the issue's "billion laughs" value (9**9 strings) as its notes."""
    lines = ['lol0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"lol{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 9)}]" for k in range(1, 9)]
    text = SMALL.read_text(encoding="utf-8").replace(
        "question: Which candidate first?",
        "question: Which candidate first?\nx-bomb:\n"
        + "".join(f"  {line}\n" for line in lines)
        + f"notes: [{', '.join(['*a8'] * 9)}]",
    )
    path = folder / "bomb.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_billion_laughs_study_is_refused_quickly_and_clearly(folder):
    bomb = alias_bomb(folder)
    start = time.perf_counter()
    with pytest.raises(StudyFileError, match=r"more than 1,000,000 values once its aliases"):
        load_study(bomb)
    assert time.perf_counter() - start < 2.0
    done = coopdecide("validate", bomb)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"error: {bomb}: the YAML document holds more than")
    assert "COOPDECIDE_MAX_YAML_VALUES" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_yaml_limit_can_be_raised_and_lowered(folder):
    text = SMALL.read_text(encoding="utf-8")
    path = folder / "study.yaml"
    path.write_text(text, encoding="utf-8")
    values = 0  # count them: every scalar, list and mapping of the document
    stack = [yaml.safe_load(text)]
    while stack:
        item = stack.pop()
        values += 1
        if isinstance(item, dict):
            stack.extend([*item.keys(), *item.values()])
        elif isinstance(item, list):
            stack.extend(item)
    read_study_file(path, limits=FileLimits(yaml_values=values))  # exactly at the limit
    with pytest.raises(StudyFileError, match=rf"more than {values - 1} values"):
        read_study_file(path, limits=FileLimits(yaml_values=values - 1))
    done = coopdecide("validate", path, COOPDECIDE_MAX_YAML_VALUES=str(values - 1))
    assert done.returncode == 2 and "the YAML document holds more than" in done.stderr


def test_shared_judgments_through_aliases_are_fine(folder):
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    judgments = data["experts"][0]["judgments"]
    data["experts"][1] = {"name": "Expert two", "judgments": judgments}  # dumped as an alias
    path = folder / "study.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert "*id001" in path.read_text(encoding="utf-8")
    assert load_study(path).experts == ("Expert one", "Expert two")


def test_an_alias_inside_its_own_value_is_refused(folder):
    text = SMALL.read_text(encoding="utf-8").replace(
        "question: Which candidate first?", "question: Which candidate first?\nnotes: &n [*n]"
    )
    (folder / "study.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(StudyFileError, match=r"alias at line \d+ refers to a value that contains"):
        load_study(folder / "study.yaml")


def test_a_study_file_above_the_size_limit_is_refused(folder):
    path = folder / "study.yaml"
    shutil.copy(SMALL, path)
    size = path.stat().st_size
    with pytest.raises(
        StudyFileError,
        match=rf"study file '.*study\.yaml' is {size:,} bytes, more than the limit of 100 bytes; "
        r".*COOPDECIDE_MAX_STUDY_FILE_SIZE",
    ):
        load_study(path, limits=FileLimits(study_file_size=100))
    done = coopdecide("validate", path, COOPDECIDE_MAX_STUDY_FILE_SIZE="500B")
    assert done.returncode == 2, done.stderr
    assert "more than the limit of 500 bytes" in done.stderr
    assert coopdecide("validate", path, COOPDECIDE_MAX_STUDY_FILE_SIZE="1MB").returncode == 0


def test_a_data_file_above_the_size_limit_is_refused_at_its_key_path(folder):
    path = folder / "study.yaml"
    shutil.copy(SMALL, path)
    with pytest.raises(
        StudyFileError,
        match=r"study\.yaml: data\.path: the data file '.*candidates\.csv' is \d+ bytes, more "
        r"than the limit of 10 bytes; .*COOPDECIDE_MAX_DATA_FILE_SIZE",
    ):
        load_study(path, limits=FileLimits(data_file_size=10))
    done = coopdecide("validate", path, COOPDECIDE_MAX_DATA_FILE_SIZE="10")
    assert done.returncode == 2 and "data.path: the data file" in done.stderr
    load_study(path)  # the default limit: fine


def test_limits_are_checked():
    with pytest.raises(InvalidArgumentError, match=r"data_file_size must be at least 1; got 0"):
        FileLimits(data_file_size=0)


@pytest.mark.parametrize("text", ["lots", "-5", "1.5MB", "10 parsecs"])
def test_a_bad_environment_limit_names_the_variable(folder, text):
    shutil.copy(SMALL, folder / "study.yaml")
    done = coopdecide("validate", folder / "study.yaml", COOPDECIDE_MAX_DATA_FILE_SIZE=text)
    assert done.returncode == 2, done.stderr
    assert "the environment variable COOPDECIDE_MAX_DATA_FILE_SIZE must be a positive" in (
        done.stderr
    )


def test_a_file_that_is_not_utf8_is_a_study_file_error(folder):
    path = folder / "study.yaml"
    path.write_bytes(b"title: caf\xe9\n")
    with pytest.raises(
        StudyFileError, match=r"the file is not UTF-8 text \(byte 10: invalid continuation"
    ):
        load_study(path)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_values_nested_too_deeply_are_a_study_file_error(folder, suffix):
    path = folder / f"study{suffix}"
    path.write_text('{"notes": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)  # the default (other tests may have raised it)
    try:
        with pytest.raises(StudyFileError, match=r"nested too deeply"):
            load_study(path)
    finally:
        sys.setrecursionlimit(limit)
