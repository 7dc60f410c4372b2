"""Write files atomically: a reader, or a failed write, never sees half a file.

Every file coopdecide writes (reports, their figures, Excel workbooks, study
files, questionnaires, the starter study) goes through :func:`replacing`: the
content is written to a temporary file in the target's folder, flushed and
synced to disk, then renamed over the target with :func:`os.replace` (atomic
on POSIX and Windows). If anything fails (a full disk, ``ulimit -f``, an
exception while rendering), the temporary file is removed and the previous
file is left exactly as it was.

The new file gets the permissions the old one had; a new file gets the usual
ones (``0o666`` less the umask), not the private mode of :mod:`tempfile`. An
existing file that is not writable is refused (``PermissionError``), as a
plain ``open(path, "w")`` would; a symbolic link is written through, to the
file it points to.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from coopdecide._validation import describe
from coopdecide.exceptions import InvalidArgumentError

__all__ = [
    "make_folder",
    "replacing",
    "save_workbook",
    "workbook_path",
    "write_bytes",
    "write_text",
]

#: Longest part of the target's name kept in the temporary file's name (NAME_MAX is 255).
_NAME_KEPT = 200


def make_folder(folder: str | os.PathLike[str]) -> Path:
    """Create ``folder`` and its missing parents; a file in the way is an InvalidArgumentError.

    Examples
    --------
    >>> import tempfile
    >>> base = Path(tempfile.mkdtemp())
    >>> (base / "notes").write_text("x")
    1
    >>> make_folder(base / "notes" / "figures")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    coopdecide.exceptions.InvalidArgumentError: cannot create the folder '.../notes/figures': \
'.../notes' is a file, not a folder
    """
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in (path, *path.parents) if p.exists()), path)
        raise InvalidArgumentError(
            f"cannot create the folder {describe(str(path))}: {describe(str(blocker))} is a "
            "file, not a folder"
        ) from None
    return path


def workbook_path(name: str, path: str | os.PathLike[str]) -> Path:
    """``path`` as a Path if it ends with ``.xlsx`` (any case), else an InvalidArgumentError.

    Examples
    --------
    >>> workbook_path("path", "tables.csv")
    Traceback (most recent call last):
    ...
    coopdecide.exceptions.InvalidArgumentError: path must name an Excel workbook ending in \
'.xlsx'; got 'tables.csv'
    """
    result = Path(path)
    if result.suffix.lower() != ".xlsx":
        raise InvalidArgumentError(
            f"{name} must name an Excel workbook ending in '.xlsx'; got {describe(str(result))}"
        )
    return result


def _real_target(path: Path) -> Path:
    """``path``, or the file a symbolic link at ``path`` points to (written through)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _check_target(target: Path, given: Path) -> None:
    if target.is_dir():
        raise InvalidArgumentError(f"cannot write the file {describe(str(given))}: it is a folder")
    if target.exists() and not os.access(target, os.W_OK):
        raise PermissionError(13, "the file exists and is not writable", str(given))


def _new_temporary(target: Path) -> Path:
    """An empty new file beside ``target``, created with the umask's permissions."""
    stem = target.name[:_NAME_KEPT]
    while True:
        candidate = target.with_name(f".{stem}.{secrets.token_hex(4)}.tmp")
        try:
            descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:  # pragma: no cover - 32 random bits taken
            continue
        os.close(descriptor)
        return candidate


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDWR)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; elsewhere, and where refused, skipped)."""
    if os.name != "posix":  # pragma: no cover
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``path`` atomically.

    The temporary file exists (empty) in the folder of ``path``, whose missing
    parents are created. When the block ends without an exception the file
    is synced to disk, given the permissions of the file it replaces and
    renamed over ``path``; on any exception it is removed and ``path`` is left
    untouched.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "out.txt"
    >>> with replacing(target) as temporary:
    ...     _ = temporary.write_text("whole")
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('whole', ['out.txt'])
    """
    given = Path(path)
    target = _real_target(given)
    make_folder(target.parent)
    _check_target(target, given)
    temporary = _new_temporary(target)
    try:
        yield temporary
        _sync(temporary)
        if target.exists():
            os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_folder(target.parent)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`replacing`); returns ``Path(path)``."""
    with replacing(path) as temporary, open(temporary, "wb") as stream:
        stream.write(data)
    return Path(path)


def write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (see :func:`replacing`); returns ``Path(path)``."""
    return write_bytes(path, text.encode(encoding))


def save_workbook(workbook: Any, path: str | os.PathLike[str]) -> Path:
    """Save an openpyxl ``workbook`` to ``path`` atomically; returns ``Path(path)``.

    The workbook is built in memory first: openpyxl leaves its zip file open
    when a write to disk fails, which would print an ignored exception later.
    """
    buffer = io.BytesIO()
    workbook.save(buffer)
    return write_bytes(path, buffer.getvalue())
