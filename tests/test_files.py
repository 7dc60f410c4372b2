"""Files are written atomically: a failed write leaves the previous file and no temporary file."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from coopdecide._files import make_folder, replacing, write_bytes, write_text
from coopdecide.exceptions import InvalidArgumentError


def listing(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_text_replaces_the_file_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    assert write_text(target, "new ü") == target
    assert target.read_text(encoding="utf-8") == "new ü"
    assert listing(tmp_path) == ["report.html"]


def test_an_error_while_writing_leaves_the_previous_file_byte_identical(tmp_path):
    target = tmp_path / "report.html"
    target.write_bytes(b"the good report\x00\xff")

    def half_then_fail() -> None:
        with replacing(target) as temporary:
            temporary.write_bytes(b"half a rep")
            raise RuntimeError("rendering failed")

    with pytest.raises(RuntimeError, match="rendering failed"):
        half_then_fail()
    assert target.read_bytes() == b"the good report\x00\xff"
    assert listing(tmp_path) == ["report.html"]


def test_a_failed_rename_leaves_the_previous_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "data.bin"
    target.write_bytes(b"before")

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        write_bytes(target, b"after")
    assert target.read_bytes() == b"before"
    assert listing(tmp_path) == ["data.bin"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_new_file_keeps_the_permissions_of_the_old_one(tmp_path):
    target = tmp_path / "shared.md"
    target.write_text("x")
    target.chmod(0o640)
    write_text(target, "y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_new_file_gets_the_usual_permissions_not_the_private_temporary_ones(tmp_path):
    old = os.umask(0o022)
    try:
        write_text(tmp_path / "new.md", "y")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o644


@pytest.mark.skipif(
    os.name != "posix" or (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="POSIX permissions, not root",
)
def test_a_read_only_file_is_refused_and_left_alone(tmp_path):
    target = tmp_path / "frozen.md"
    target.write_text("keep me")
    target.chmod(0o444)
    with pytest.raises(PermissionError, match="not writable"):
        write_text(target, "replaced")
    assert target.read_text() == "keep me"
    assert listing(tmp_path) == ["frozen.md"]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
def test_a_symbolic_link_is_written_through(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_text(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_missing_folders_are_created(tmp_path):
    target = tmp_path / "a" / "b" / "c.txt"
    write_text(target, "z")
    assert target.read_text() == "z"


def test_a_file_where_a_folder_should_be_is_a_clear_error(tmp_path):
    (tmp_path / "notes").write_text("a file")
    with pytest.raises(InvalidArgumentError, match=r"'.*notes' is a file, not a folder"):
        write_text(tmp_path / "notes" / "report.html", "x")
    with pytest.raises(InvalidArgumentError, match=r"'.*notes' is a file, not a folder"):
        make_folder(tmp_path / "notes" / "deeper" / "still")
    assert (tmp_path / "notes").read_text() == "a file"


def test_a_folder_where_the_file_should_be_is_a_clear_error(tmp_path):
    (tmp_path / "report.html").mkdir()
    with pytest.raises(InvalidArgumentError, match=r"report\.html': it is a folder"):
        write_text(tmp_path / "report.html", "x")
    assert listing(tmp_path) == ["report.html"]


@pytest.mark.parametrize("writer", ["questionnaire", "study file"])
def test_questionnaires_and_study_files_are_written_atomically(tmp_path, monkeypatch, writer):
    if writer == "questionnaire":
        pytest.importorskip("openpyxl")
        from coopdecide.io import write_questionnaire

        target = tmp_path / "q.xlsx"

        def write() -> None:
            write_questionnaire(target, ["a", "b"], ["Embassy"], overwrite=True)
    else:
        from coopdecide.study.spec import write_study_file

        target = tmp_path / "study.yaml"

        def write() -> None:
            write_study_file({"title": "new"}, target)

    target.write_bytes(b"the previous file")

    def refuse(*args, **kwargs):
        raise OSError(27, "File too large")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="File too large"):
        write()
    assert target.read_bytes() == b"the previous file"
    assert listing(tmp_path) == [target.name]
