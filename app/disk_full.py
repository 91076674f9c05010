"""A full disk is always ``StorageError("disk_full")``, wherever it happens (issue 14).

A full disk shows itself in four ways: ``OSError`` with errno ENOSPC (or EDQUOT, a quota that is used up)
from any file write, fsync or rename; SQLite's SQLITE_FULL ("database or disk is full"); PostgreSQL's
``disk_full`` (SQLSTATE 53100); and the same wrapped by SQLAlchemy (``DBAPIError.orig``) or chained
(``raise ... from``). ``is_disk_full`` recognises all of them; ``disk_full_as_error`` turns them into the
typed error around any write (database writes: app/db/engine.py; files: app/files.py, app/jsonfile.py,
the gate's queue; backups: app/services/backup.py; the log itself: app/logfile.py). Nothing else is
translated here: other failures keep their own type.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from app.errors import StorageError

_FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
_SQLITE_FULL = 13  # sqlite3.SQLITE_FULL
_PG_DISK_FULL = "53100"  # PostgreSQL: class 53 insufficient resources, disk_full
_TEXTS = ("database or disk is full", "no space left on device", "disk is full", "disk full")


def is_disk_full(exc: BaseException | None) -> bool:
    """True when ``exc`` (or what it wraps or was raised from) says the disk or the database is full."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, StorageError):
            return exc.code == "disk_full"
        if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
            return True
        if getattr(exc, "sqlite_errorcode", None) == _SQLITE_FULL:
            return True
        if getattr(exc, "sqlstate", None) == _PG_DISK_FULL or getattr(exc, "pgcode", None) == _PG_DISK_FULL:
            return True
        text = str(exc).lower()
        if any(t in text for t in _TEXTS):
            return True
        orig = getattr(exc, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's error
        exc = orig if isinstance(orig, BaseException) else (exc.__cause__ or exc.__context__)
    return False


def disk_full_error(exc: BaseException, **details: Any) -> StorageError | None:
    """``StorageError("disk_full", **details)`` when ``exc`` is a full disk, else None."""
    return StorageError("disk_full", **details) if is_disk_full(exc) else None


@contextmanager
def disk_full_as_error(**details: Any) -> Iterator[None]:
    """Around a write: a full disk leaves as ``StorageError("disk_full", **details)``; anything else as it was.

    ``details`` name what was being written (``path=...``), never personal data."""
    try:
        yield
    except StorageError:
        raise
    except Exception as exc:
        typed = disk_full_error(exc, **details)
        if typed is None:
            raise
        raise typed from exc
