"""The command line's output files: atomic writes, clear messages, exit codes by cause.

Exit 2 when the input is wrong (here: an output path that cannot name a file),
exit 1 when the environment fails (the system refuses the write).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SMALL = Path(__file__).resolve().parent / "data" / "studies" / "small.yaml"

resource = pytest.importorskip("resource")  # POSIX only
signal = pytest.importorskip("signal")


def coopdecide(*args: object, file_size_limit: int | None = None) -> subprocess.CompletedProcess:
    """Run the command line in a subprocess, with ``ulimit -f`` (bytes) if given."""

    def limit_file_size() -> None:  # in the child, before it runs Python
        hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, hard))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG, not a killed process

    return subprocess.run(
        [sys.executable, "-m", "coopdecide.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        preexec_fn=None if file_size_limit is None else limit_file_size,
    )


@pytest.fixture(scope="module")
def good_outputs(tmp_path_factory) -> Path:
    """A report and a workbook written by a good run."""
    folder = tmp_path_factory.mktemp("good")
    done = coopdecide(
        "run", SMALL, "--report", folder / "report.html", "--excel", folder / "tables.xlsx"
    )
    assert done.returncode == 0, done.stderr
    return folder


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_report_write_past_the_file_size_limit_leaves_the_good_report(good_outputs, tmp_path):
    report = tmp_path / "report.html"
    good = (good_outputs / "report.html").read_bytes()
    assert len(good) > 100 * 1024  # the limit below cuts it
    report.write_bytes(good)
    done = coopdecide("run", SMALL, "--report", report, file_size_limit=100 * 1024)
    assert report.read_bytes() == good  # byte-identical, not the first 100 KiB of a new one
    assert listing(tmp_path) == ["report.html"]  # no temporary file left behind
    assert done.returncode == 1, done.stderr
    assert f"error: cannot write the report {str(report)!r}: File too large" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_excel_export_past_the_file_size_limit_leaves_the_good_workbook(good_outputs, tmp_path):
    workbook = tmp_path / "tables.xlsx"
    good = (good_outputs / "tables.xlsx").read_bytes()
    assert len(good) > 8 * 1024
    workbook.write_bytes(good)
    done = coopdecide("run", SMALL, "--excel", workbook, file_size_limit=8 * 1024)
    assert workbook.read_bytes() == good
    assert listing(tmp_path) == ["tables.xlsx"]
    assert done.returncode == 1, done.stderr
    assert f"error: cannot write the tables {str(workbook)!r}: File too large" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
@pytest.mark.parametrize("report", ["/proc/coopdecide-test/report.html", "/proc/report.html"])
def test_a_place_where_the_system_refuses_files_is_an_environment_failure(report):
    done = coopdecide("run", SMALL, "--report", report)
    assert done.returncode == 1, done.stderr
    assert f"error: cannot write the report {report!r}: " in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="POSIX permissions, not root")
def test_a_folder_without_write_permission_is_an_environment_failure(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    done = coopdecide("run", SMALL, "--report", locked / "report.html")
    assert done.returncode == 1, done.stderr
    assert "Permission denied" in done.stderr


def test_a_report_path_whose_folder_is_a_file_is_a_clear_input_error(tmp_path):
    (tmp_path / "notes").write_text("a file, not a folder")
    done = coopdecide("run", SMALL, "--report", tmp_path / "notes" / "report.html")
    assert done.returncode == 2, done.stderr
    assert f"{str(tmp_path / 'notes')!r} is a file, not a folder" in done.stderr
    assert "FileExistsError" not in done.stderr
    assert (tmp_path / "notes").read_text() == "a file, not a folder"


@pytest.mark.parametrize("name", ["out.csv", "out.xls", "out"])
def test_excel_needs_an_xlsx_name_and_is_checked_before_the_run(tmp_path, name):
    done = coopdecide("run", SMALL, "--format", "json", "--excel", tmp_path / name)
    assert done.returncode == 2, done.stderr
    assert "--excel must name an Excel workbook ending in '.xlsx'" in done.stderr
    assert done.stdout == ""  # refused before running the study
    assert listing(tmp_path) == []


@pytest.mark.filterwarnings("ignore::coopdecide.exceptions.DominatedAlternativeWarning")
def test_export_excel_refuses_a_name_without_xlsx(tmp_path):
    pytest.importorskip("openpyxl")
    from coopdecide import load_study
    from coopdecide.exceptions import InvalidArgumentError

    result = load_study(SMALL).run()
    with pytest.raises(InvalidArgumentError, match=r"path must name an Excel workbook"):
        result.export_excel(tmp_path / "tables.csv")
    assert listing(tmp_path) == []
