"""Is there a clinic here? Checked before anything is created (issue 14: data directory safety).

Every command but ``init``, ``demo``, ``self-test``, ``hub …``, ``ears`` (a calculation on a file) and the
desktop app (its set-up wizard creates the clinic) works on an existing clinic. A mistyped ``--data-dir``
or an empty database must not "succeed" on a new, empty database made on the spot: ``require_clinic``
looks without writing — no directory, no database file, no keys, no migration — and raises
``NotInitialized`` ("not_initialized") when there is no clinic row.

SQLite: the file is opened read-only (``mode=ro``); a missing file, an empty file, a file without the
``clinic`` table or with no row in it are all "not initialised". PostgreSQL (or any other URL): the same
question is asked of the server without migrating; an unreachable server is the engine's own error.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from app.db.engine import parse_db_url
from app.errors import NotInitialized


def _sqlite_file(url: str) -> Path | None:
    parsed = parse_db_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:":
        return None
    return Path(database).expanduser()


def _sqlite_has_clinic(path: Path) -> bool:
    if not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error:
        return False
    try:
        return bool(conn.execute("SELECT count(*) FROM clinic").fetchone()[0])
    except sqlite3.Error:  # not a database, or no clinic table: nothing was ever set up here
        return False
    finally:
        conn.close()


def _server_has_clinic(url: str) -> bool:
    from app.db.engine import Database, translate_db_error

    db = Database(url)
    try:
        with db.engine.connect() as conn:
            if not inspect(conn).has_table("clinic"):
                return False
            return bool(conn.execute(text("SELECT count(*) FROM clinic")).scalar())
    except DBAPIError as exc:
        raise (translate_db_error(exc) or exc) from exc
    finally:
        db.dispose()


def has_clinic(url: str) -> bool:
    """Whether the database at ``url`` holds a clinic, found without creating or changing anything."""
    path = _sqlite_file(url)
    if path is not None:
        return _sqlite_has_clinic(path)
    if parse_db_url(url).get_backend_name() == "sqlite":  # in memory: nothing can be there yet
        return False
    return _server_has_clinic(url)


def require_clinic(url: str, data_dir: Path) -> None:
    """Refuse (``not_initialized``) a data directory or database without a clinic; create nothing."""
    if not has_clinic(url):
        path = _sqlite_file(url)
        raise NotInitialized(data_dir=str(data_dir), **({"database": str(path)} if path else {}))
