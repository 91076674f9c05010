"""Owner-only files on POSIX: what the app writes holds personal information, so no one else may read it.

PIPL (《个人信息保护法》第五十一条) asks for technical measures against unauthorised access. A workstation
may be shared by several operating-system accounts; a 0644 database or backup is readable by all of
them. So every file the app creates is 0600 and every directory it creates 0700:

- the SQLite database and its ``-wal``/``-shm`` (app/db/engine.py creates the file 0600 before SQLite
  opens it — SQLite gives the -wal/-shm the database's mode — and tightens all three on every connection,
  which also repairs a database created by an older release);
- backups (app/services/backup.py), the settings and banner files (app/jsonfile.py), signing keys
  (app/keys.py), CSV exports (ui/csv_export.py), saved PDFs (ui/print_preview.py, ``report show --pdf``);
- everything else — the gate's offline cache and queue, log files a site may configure, temporary files —
  through the process umask 077 set at start-up (``owner_only_umask``, called by app/cli.py's ``main``,
  which the desktop entry point runs too). The umask is the net; the explicit modes above do not rely on it.

On Windows the per-user profile folder's ACL already keeps other users out; these calls do nothing there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

FILE_MODE = 0o600
DIR_MODE = 0o700
POSIX = os.name == "posix"


def owner_only_umask() -> None:
    """Make every file this process creates from now on owner-only (umask 077)."""
    if POSIX:
        os.umask(0o077)


def tighten(path: Path | str, *, directory: bool = False) -> None:
    """chmod an existing file to 0600 (a directory to 0700); a missing path is left alone."""
    if not POSIX:
        return
    try:
        os.chmod(path, DIR_MODE if directory else FILE_MODE)
    except FileNotFoundError:
        pass


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) for the app's own data, 0700; an existing one is tightened.

    Only for folders the app owns (the data folder, backups, keys) — never a folder the user picked."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    tighten(path, directory=True)
    return path


def create_private(path: Path | str) -> None:
    """Make sure ``path`` exists as a 0600 file (created empty if missing) before another library opens it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    os.close(fd)
    tighten(path)


@contextmanager
def open_private(path: Path | str, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """``open`` for a file the app writes for the user (exports, PDFs): created 0600, an existing file
    truncated and tightened. ``mode`` is "w", "wb", "a" or "ab"."""
    from app.disk_full import disk_full_as_error

    with disk_full_as_error(path=str(path)):  # a full disk is StorageError("disk_full") (issue 14)
        flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if mode.startswith("a") else os.O_TRUNC)
        fd = os.open(path, flags, FILE_MODE)
        try:
            tighten(path)
            fh = os.fdopen(fd, mode, **kwargs)
        except BaseException:
            os.close(fd)
            raise
        with fh:
            yield fh


def write_private_bytes(path: Path | str, data: bytes) -> None:
    with open_private(path, "wb") as fh:
        fh.write(data)


def sqlite_files(database: Path) -> tuple[Path, Path, Path]:
    return database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")
