"""Engine and session factory for SQLite (default, one desk) and PostgreSQL (several desks).

SQLite: WAL, synchronous=FULL (a committed row survives a power cut), foreign keys, a busy
timeout, and write transactions that start with BEGIN IMMEDIATE so a change and its audit row
commit together and two app processes queue instead of failing with "database is locked".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app import files
from app.db.network_fs import is_network_path
from app.errors import StorageError
from app.text_rules import refuse_hidden_characters

BUSY_TIMEOUT_S = 30.0
CONNECT_TIMEOUT_S = 5  # PostgreSQL: seconds to reach the server before db_unreachable
_WRITE = "fever_sentinel_write"


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _sqlite_begin)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    cur.close()


def _owner_only(path: Path) -> Any:
    """A connect hook keeping the database, -wal and -shm 0600 (app/files.py says why)."""

    def hook(_dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        for each in files.sqlite_files(path):
            try:
                files.tighten(each)
            except OSError:  # a file owned by another account: SQLite itself will say what is wrong
                pass

    return hook


def _refuse_hidden_characters(session: Session, _context: Any, _instances: Any) -> None:
    """Safety net under every service (app/text_rules.py): a string an ORM flush would write that holds a
    control, zero-width or bidi character is refused with ValidationError("control_characters", field=<column>).
    Only changed values of edited rows are checked, so an old row is not blocked by an unrelated edit. A column
    that must keep text as a device sent it opts out with ``mapped_column(..., info={"raw_text": True})``."""
    for obj in [*session.new, *session.dirty]:
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            if any(column.info.get("raw_text") for column in attr.columns):
                continue
            if obj in session.new:
                values = [getattr(obj, attr.key, None)]
            else:
                values = list(state.attrs[attr.key].history.added or ())
            for value in values:
                if isinstance(value, str):
                    refuse_hidden_characters(value, attr.key)


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


def translate_db_error(exc: BaseException) -> StorageError | None:
    """Map driver failures a user can act on to typed errors; None for programming errors."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "disk is full" in text or "no space left" in text or "disk full" in text:
        return StorageError("disk_full")
    if "database is locked" in text or "database is busy" in text:
        return StorageError("db_busy")
    if "readonly" in text or "read-only" in text:
        return StorageError("db_read_only")
    if "not a database" in text or "malformed" in text:
        return StorageError("db_corrupt")
    if isinstance(exc, OperationalError) or (isinstance(exc, DBAPIError) and exc.connection_invalidated):
        if "connect" in text or "connection" in text or "server" in text or "unable to open" in text:
            return StorageError("db_unreachable")
    return None


class Database:
    """The session factory every service takes: ``write()`` and ``read()`` units of work."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        if self.is_sqlite:
            self.sqlite_path = self._check_sqlite_path()
            self.engine: Engine = create_engine(
                self.url, echo=echo, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}
            )
            event.listen(self.engine, "connect", _sqlite_pragmas)
            if self.sqlite_path is not None:
                event.listen(self.engine, "connect", _owner_only(self.sqlite_path))
            event.listen(self.engine, "begin", _sqlite_begin)
        else:
            self.sqlite_path = None
            # libpq waits for ever by default: a server behind a dead link would freeze the log-in and keep the
            # ward gate from falling back to its offline list. An explicit connect_timeout in the URL wins.
            timeout = {} if "connect_timeout" in self.url.query else {"connect_timeout": CONNECT_TIMEOUT_S}
            self.engine = create_engine(self.url, echo=echo, pool_pre_ping=True, pool_size=5, max_overflow=5,
                                        connect_args=timeout)
        self._write_factory = sessionmaker(bind=self.engine.execution_options(**{_WRITE: True}), expire_on_commit=False)
        self._read_factory = sessionmaker(bind=self.engine, expire_on_commit=False)
        event.listen(self._write_factory, "before_flush", _refuse_hidden_characters)

    def _check_sqlite_path(self) -> Path | None:
        database = self.url.database
        if not database or database == ":memory:":
            return None
        path = Path(database).expanduser().resolve()
        if is_network_path(path.parent if not path.exists() else path):
            raise StorageError("network_share", path=str(path))
        if not path.parent.exists():
            files.private_dir(path.parent)
        if not path.exists():
            files.create_private(path)  # 0600 before SQLite opens it: the -wal and -shm then get 0600 too
        return path

    @property
    def display_url(self) -> str:
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work that commits on success and rolls back on any error."""
        with self._guard(), self._write_factory() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._guard(), self._read_factory() as session, session.begin():
            yield session

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:
            typed = translate_db_error(exc)
            if typed is None:
                raise
            raise typed from exc

    def ping(self) -> bool:
        """True when the database answers (the status bar's online/offline state)."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            return True
        except DBAPIError:
            return False

    def dispose(self) -> None:
        self.engine.dispose()
