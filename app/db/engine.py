"""Engine and session factory for SQLite (default, one desk) and PostgreSQL (several desks).

SQLite: WAL, synchronous=FULL (a committed row survives a power cut), foreign keys, a busy
timeout, and write transactions that start with BEGIN IMMEDIATE so a change and its audit row
commit together and two app processes queue instead of failing with "database is locked".
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, DisconnectionError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app import files
from app.db.network_fs import is_network_path
from app.disk_full import disk_full_as_error, disk_full_error
from app.errors import StorageError
from app.text_rules import refuse_hidden_characters

BUSY_TIMEOUT_S = 30.0
CONNECT_TIMEOUT_S = 5  # PostgreSQL: seconds to reach the server before db_unreachable
_WRITE = "fever_sentinel_write"
_WRITE_OPTIONS = {_WRITE: True}
_CONNECTION = "fever_sentinel_connection"  # session.info: a write unit of work's connection (``connection_of``)


def connection_of(session: Session) -> Connection:
    """The session's connection for Core statements. A write unit of work keeps it at hand: ``Session.connection()``
    walks the transaction's state machine at every call (µs each, several times in a save; issue 16)."""
    found = session.info.get(_CONNECTION)
    return found if found is not None else session.connection()


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    """No ``PRAGMA optimize`` (nor ANALYZE), here or at close: statistics gathered while a clinic is young and its
    tables small make the planner walk history tables whole for the open-now reads (tests/test_query_plans.py
    fails with them), and SQLite (3.40) gathers them again only once a table has grown 25-fold."""
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
    that must keep text as a device sent it opts out with ``mapped_column(..., info={"raw_text": True})``.
    A row written with Core instead (app/services/base.py ``insert_row``) goes through ``refuse_hidden_text``."""
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
                if isinstance(value, str) and not (value.isascii() and value.isprintable()):
                    refuse_hidden_characters(value, attr.key)


@lru_cache(maxsize=None)
def _text_columns(table: Table) -> frozenset[str]:
    return frozenset(c.key for c in table.c if not c.info.get("raw_text"))


def refuse_hidden_text(table: Table, values: Mapping[str, Any]) -> None:
    """The flush guard's rule for a row a service writes with Core: every string value of a column without
    ``raw_text`` is checked, naming the column. Printable ASCII (most values) passes without the per-character
    walk: it holds nothing the rule refuses."""
    checked = _text_columns(table)
    for key, value in values.items():
        if isinstance(value, str) and key in checked and not (value.isascii() and value.isprintable()):
            refuse_hidden_characters(value, key)


#: PostgreSQL: a pooled connection unused this long is pinged before use (a server restarted or a link dropped
#: meanwhile: a new connection is made instead). Every unit of work paid that round trip with ``pool_pre_ping``,
#: a third of a save's time on a server at hand (issue 16); a desk's polls reuse theirs within seconds.
PING_AFTER_IDLE_S = 2.0
_USED = "fever_sentinel_used"


def _mark_used(_dbapi_conn: Any, record: Any) -> None:
    record.info[_USED] = time.monotonic()


def _ping_if_idle(engine: Engine) -> Any:
    """SQLAlchemy's own recipe for pessimistic disconnect handling, only for a connection idle since
    ``PING_AFTER_IDLE_S``: the dialect's ping (outside any transaction, as ``pool_pre_ping`` sends it), and
    DisconnectionError makes the pool connect again (up to three times)."""
    def checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get(_USED, 0.0) < PING_AFTER_IDLE_S:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:  # any failure of the ping means the connection is gone
            raise DisconnectionError() from exc
        if not alive:
            raise DisconnectionError()
    return checkout


def _sqlite_begin(conn: Connection) -> None:
    """BEGIN (IMMEDIATE for a write) on the driver's connection itself: through ``exec_driver_sql`` it cost a
    full statement dispatch, a fifth of an empty write unit (issue 16). A failure (the file locked past the
    busy timeout, a full disk) leaves as the DBAPIError SQLAlchemy would have raised, for ``Database.guard``."""
    statement = "BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN"
    try:
        conn.connection.driver_connection.execute(statement)  # type: ignore[union-attr]
    except sqlite3.Error as exc:
        raise DBAPIError.instance(statement, None, exc, sqlite3.Error) from exc


# What libpq and psycopg say when the server is not there, refuses the account or has no such database.
# Connection failures carry no SQLSTATE (the server never answered a query), so the text is all there is.
_AUTH = ("password authentication failed", "no password supplied", "authentication failed",
         "pg_hba.conf", "peer authentication", "permission denied for database",
         "password is required", "fe_sendauth")
_MISSING = ("database \"",)
_SERVER_AT = re.compile(r'server at "([^"]+)"(?: \([^)]*\))?, port (\d+)')
_UNREACHABLE = ("could not connect", "connection refused", "connection failed", "could not translate host",
                "failed to resolve host", "name or service not known", "temporary failure in name resolution",
                "nodename nor servname", "no route to host", "network is unreachable", "timeout expired",
                "timed out", "server closed the connection", "connection to server", "terminating connection",
                "the database system is starting up", "the database system is shutting down",
                "connection not open", "connection is closed", "ssl syscall", "could not receive data",
                "could not send data", "unable to open database file")


def translate_db_error(exc: BaseException, **where: Any) -> StorageError | None:
    """Map driver failures a user can act on to typed errors; None for programming errors.

    ``where``: host, port, database of the connection (app never puts a password in them), added to the
    details of a connection failure so the message can say which server was tried."""
    full = disk_full_error(exc)
    if full is not None:
        return full
    raw = str(getattr(exc, "orig", exc))
    text = raw.lower()
    if not where:  # a caller that did not say: libpq names the server and port in its message
        found = _SERVER_AT.search(raw)
        if found:
            where = {"host": found.group(1), "port": int(found.group(2))}
    if "database is locked" in text or "database is busy" in text:
        return StorageError("db_busy")
    if "readonly" in text or "read-only" in text:
        return StorageError("db_read_only")
    if "not a database" in text or "malformed" in text:
        return StorageError("db_corrupt")
    if isinstance(exc, OperationalError) or (isinstance(exc, DBAPIError) and exc.connection_invalidated):
        if any(t in text for t in _AUTH) or ('role "' in text and "does not exist" in text):
            return StorageError("db_auth_failed", **where)
        if any(t in text for t in _MISSING) and "does not exist" in text:
            return StorageError("db_missing", **where)
        if any(t in text for t in _UNREACHABLE) or "connect" in text or "server" in text:
            return StorageError("db_unreachable", **where)
    return None


def parse_db_url(url: str | URL) -> URL:
    """The database URL, checked: SQLite or PostgreSQL, well formed, a port that is a number. A bare
    ``postgresql://`` or ``postgres://`` (libpq's spelling) means the psycopg driver the app ships.
    Refused as ``db_url_malformed``; the details never hold the URL itself (it may carry a password)."""
    if isinstance(url, URL):
        parsed = url
    else:
        text = str(url).strip()
        if not text:
            raise StorageError("db_url_malformed", reason="empty")
        try:
            parsed = make_url(text)
        except ArgumentError:
            raise StorageError("db_url_malformed", reason="syntax") from None
        except ValueError:  # make_url: a port that is not a number
            raise StorageError("db_url_malformed", reason="port") from None
    backend, _, driver = parsed.drivername.partition("+")
    if backend == "postgres":
        backend = "postgresql"
    if backend == "postgresql" and driver in ("", "psycopg"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend != "sqlite" or driver not in ("", "pysqlite"):
        raise StorageError("db_url_malformed", reason="scheme", scheme=parsed.drivername)
    if backend == "postgresql":
        if not parsed.host and "host" not in parsed.query:
            raise StorageError("db_url_malformed", reason="host")
        if parsed.port is not None and not 0 < parsed.port < 65536:
            raise StorageError("db_url_malformed", reason="port")
    return parsed


class Database:
    """The session factory every service takes: ``write()`` and ``read()`` units of work."""

    def __init__(self, url: str | URL, *, echo: bool = False) -> None:
        self.url = parse_db_url(url)  # a malformed URL: db_url_malformed, before anything is opened
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        if self.is_sqlite:
            with disk_full_as_error(path=str(self.url.database)):  # the folder and the empty file
                self.sqlite_path = self._check_sqlite_path()
            self.engine: Engine = create_engine(
                self.url, echo=echo, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False},
                hide_parameters=True,  # an error message (and so the log file) never carries a patient's data
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
            self.engine = create_engine(self.url, echo=echo, pool_size=5, max_overflow=5, connect_args=timeout,
                                        hide_parameters=True)
            event.listen(self.engine, "checkout", _ping_if_idle(self.engine))
            event.listen(self.engine, "checkin", _mark_used)
        self._write_factory = sessionmaker(bind=self.engine, expire_on_commit=False)
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
        """A unit of work that commits on success and rolls back on any error.

        The transaction is the connection's (BEGIN IMMEDIATE on SQLite, at once); the session joins it when the
        ORM is first used and flushes into it at the end. A save that writes with Core only (the triage desk's)
        never starts the session's own transaction machinery, which cost as much as SQLite's work (issue 16)."""
        with self._guard(), self.engine.connect() as conn:
            conn.execution_options(**_WRITE_OPTIONS)
            with conn.begin():
                session = self._write_factory(bind=conn, join_transaction_mode="rollback_only")
                session.info[_CONNECTION] = conn
                try:
                    yield session
                    session.flush()
                finally:
                    session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._guard(), self._read_factory() as session, session.begin():
            yield session

    @property
    def where(self) -> dict[str, Any]:
        """Which server and database (never the password): the details of a connection failure."""
        if self.is_sqlite:
            return {"database": str(self.sqlite_path or self.url.database or ":memory:")}
        return {"host": self.url.host or self.url.query.get("host", ""), "port": self.url.port or 5432,
                "database": self.url.database or "", "user": self.url.username or ""}

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Driver failures a person can act on leave as StorageError (db_unreachable, db_auth_failed,
        db_missing, disk_full, db_busy...); a full disk in any form is disk_full (app/disk_full.py)."""
        try:
            yield
        except DBAPIError as exc:
            typed = translate_db_error(exc, **self.where)
            if typed is None:
                raise
            raise typed from exc
        except OSError as exc:
            typed = disk_full_error(exc)
            if typed is None:
                raise
            raise typed from exc

    _guard = guard  # the older name

    @contextmanager
    def connect(self, *, write: bool = False) -> Iterator[Connection]:
        """A Core connection (migrations, checks) with the same typed errors as ``read``/``write``; with
        ``write`` inside one write transaction (BEGIN IMMEDIATE on SQLite) that commits on success."""
        with self.guard():
            if write:
                with self.engine.execution_options(**{_WRITE: True}).begin() as conn:
                    yield conn
            else:
                with self.engine.connect() as conn:
                    yield conn

    def ping(self) -> bool:
        """True when the database answers (the status bar's online/offline state)."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            return True
        except DBAPIError:
            return False

    def checkpoint(self) -> tuple[int, int] | None:
        """SQLite: copy the write-ahead log into the database file now (PASSIVE: never waits, never blocks a
        save), from an idle poll, so that no save's commit carries the checkpoint ``wal_autocheckpoint``
        would run (issue 16). Returns (frames in the log, frames copied); None on PostgreSQL."""
        if not self.is_sqlite:
            return None
        with self.guard(), self.engine.connect() as conn:
            _busy, frames, copied = conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
            conn.commit()
        return int(frames), int(copied)

    def dispose(self) -> None:
        self.engine.dispose()
