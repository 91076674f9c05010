"""Failing clearly (issue 14): a database that cannot be reached, refuses the user or password, does not
exist, or a malformed URL is one typed StorageError naming host/port/database (never the password); the
CLI prints one line and exits 1 without a traceback. Concurrent first starts on PostgreSQL are serialised
by an advisory lock (clinic and hub migrations); SQLite stays as it was."""

from __future__ import annotations

import os
import socket
import struct
import threading
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app.cli import main
from app.db import migrate
from app.db.engine import Database, parse_db_url, translate_db_error
from app.errors import StorageError
from app.paths import DataPaths
from tests.conftest import NO_PG_REASON, PG_ENV, fresh_pg_database

PG = os.environ.get(PG_ENV)
needs_pg = pytest.mark.skipif(not PG, reason=NO_PG_REASON)


def opened(url: str) -> StorageError:
    with pytest.raises(StorageError) as caught:
        db = Database(url)
        try:
            migrate.upgrade_if_needed(db)
        finally:
            db.dispose()
    return caught.value


# ----- malformed URLs ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("url", "reason"), [
    ("", "empty"),
    ("nonsense", "syntax"),
    ("postgresql+psycopg://fs:secret-pw@db:port/clinic", "port"),
    ("postgresql+psycopg://fs:secret-pw@db:99999/clinic", "port"),
    ("mysql://fs:secret-pw@db/clinic", "scheme"),
    ("postgresql+asyncpg://fs:secret-pw@db/clinic", "scheme"),
    ("postgresql+psycopg://fs:secret-pw@/clinic", "host"),
])
def test_a_malformed_url_is_named_without_its_password(url: str, reason: str) -> None:
    err = opened(url)
    assert err.code == "db_url_malformed" and err.details["reason"] == reason
    assert "secret-pw" not in str(err)


def test_libpq_spelling_means_the_shipped_driver() -> None:
    assert parse_db_url("postgres://fs@db/clinic").drivername == "postgresql+psycopg"
    assert parse_db_url("postgresql://fs@db:5433/clinic").drivername == "postgresql+psycopg"
    assert parse_db_url("sqlite:///x.sqlite3").drivername == "sqlite"


# ----- a real PostgreSQL ------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_nothing_listening_is_unreachable_with_host_and_port() -> None:
    port = free_port()
    err = opened(f"postgresql+psycopg://fs:secret-pw@127.0.0.1:{port}/clinic")
    assert err.code == "db_unreachable"
    assert err.details["host"] == "127.0.0.1" and err.details["port"] == port and err.details["database"] == "clinic"
    assert "secret-pw" not in str(err)


def test_an_unknown_host_is_unreachable() -> None:
    assert opened("postgresql+psycopg://fs@no-such-host.invalid:5432/clinic?connect_timeout=3").code == \
        "db_unreachable"


@needs_pg
def test_a_database_that_does_not_exist_is_db_missing() -> None:
    url = make_url(PG).set(database=f"no_such_{uuid.uuid4().hex[:8]}")
    err = opened(url.render_as_string(hide_password=False))
    assert err.code == "db_missing" and err.details["database"] == url.database


@needs_pg
def test_a_role_that_does_not_exist_is_db_auth_failed() -> None:
    url = make_url(PG).set(username="nobody_here", password="secret-pw")
    err = opened(url.render_as_string(hide_password=False))
    assert err.code == "db_auth_failed" and err.details["user"] == "nobody_here"
    assert "secret-pw" not in str(err)


class RefusingServer:
    """Speaks just enough of PostgreSQL's protocol to refuse a password, as a server with md5/scram
    authentication does (the test server trusts every local connection, so it never refuses one)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                try:
                    self.refuse(conn)
                except OSError:
                    pass

    @staticmethod
    def read_startup(conn: socket.socket) -> bytes:
        length = struct.unpack("!I", conn.recv(4))[0]
        body = b""
        while len(body) < length - 4:
            body += conn.recv(length - 4 - len(body))
        return body

    def refuse(self, conn: socket.socket) -> None:
        body = self.read_startup(conn)
        while struct.unpack("!I", body[:4])[0] in (80877103, 80877104):  # SSLRequest / GSSENCRequest: no
            conn.sendall(b"N")
            body = self.read_startup(conn)
        conn.sendall(b"R" + struct.pack("!II", 8, 3))  # AuthenticationCleartextPassword
        conn.recv(1024)  # the password message
        fields = b"SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed for user \"fs\"\0\0"
        conn.sendall(b"E" + struct.pack("!I", len(fields) + 4) + fields)

    def close(self) -> None:
        self.sock.close()


def test_a_wrong_password_is_db_auth_failed() -> None:
    server = RefusingServer()
    try:
        err = opened(f"postgresql+psycopg://fs:wrong-pw@127.0.0.1:{server.port}/clinic")
    finally:
        server.close()
    assert err.code == "db_auth_failed" and err.details["port"] == server.port
    assert "wrong-pw" not in str(err)


def test_the_cli_says_it_in_one_line_without_a_traceback(tmp_path, capsys) -> None:
    port = free_port()
    code = main(["--data-dir", str(tmp_path / "data"), "user", "list",
                 "--db-url", f"postgresql+psycopg://fs:secret-pw@127.0.0.1:{port}/clinic"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("error [db_unreachable]:")
    assert f"port={port}" in err and "Traceback" not in err and "secret-pw" not in err
    code = main(["--data-dir", str(tmp_path / "data"), "user", "list", "--db-url", "mysql://x:secret-pw@h/db"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("error [db_url_malformed]:") and err.count("\n") == 1
    assert "secret-pw" not in err


def test_driver_texts_are_classified() -> None:
    def op(message: str) -> OperationalError:
        return OperationalError("connect", {}, Exception(message))

    where = {"host": "db", "port": 5432, "database": "clinic"}
    cases = {
        'connection failed: FATAL:  password authentication failed for user "fs"': "db_auth_failed",
        'connection failed: FATAL:  no pg_hba.conf entry for host "10.0.0.9"': "db_auth_failed",
        'connection failed: FATAL:  role "x" does not exist': "db_auth_failed",
        'connection failed: FATAL:  database "clinic" does not exist': "db_missing",
        "connection failed: Connection refused": "db_unreachable",
        "failed to resolve host 'db': [Errno -2] Name or service not known": "db_unreachable",
        "connection timeout expired": "db_unreachable",
        "database or disk is full": "disk_full",
    }
    for message, code in cases.items():
        typed = translate_db_error(op(message), **where)
        assert typed is not None and typed.code == code, message
    assert translate_db_error(OperationalError("x", {}, Exception("no such table: foo"))) is None


# ----- the migration lock -----------------------------------------------------------------------------
@pytest.fixture
def pg_url() -> Iterator[str]:
    if not PG:
        pytest.skip(NO_PG_REASON)
    with fresh_pg_database(PG, "fs_lock") as url:
        yield url


def together(n: int, work) -> list[BaseException]:  # type: ignore[no-untyped-def]
    """Run ``work`` in n threads released at the same moment; the errors they raised."""
    start = threading.Barrier(n)
    errors: list[BaseException] = []

    def run() -> None:
        start.wait()
        try:
            work()
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return errors


def open_and_close(url: str, tmp_path, ups=migrate.upgrade_if_needed) -> None:  # type: ignore[no-untyped-def]
    db = Database(url)
    try:
        ups(db)
    finally:
        db.dispose()


def test_four_desks_start_together_on_a_fresh_postgresql_database(pg_url, tmp_path) -> None:
    assert together(4, lambda: open_and_close(pg_url, tmp_path)) == []
    db = Database(pg_url)
    assert migrate.CLINIC.stored_revision(db) == migrate.HEAD
    db.dispose()


def test_four_desks_upgrade_an_older_postgresql_database_together(pg_url, tmp_path) -> None:
    db = Database(pg_url)
    migrate.CLINIC.upgrade(db, "0012")
    assert migrate.CLINIC.stored_revision(db) == "0012"
    db.dispose()
    assert together(4, lambda: open_and_close(pg_url, tmp_path)) == []
    db = Database(pg_url)
    assert migrate.CLINIC.stored_revision(db) == migrate.HEAD
    db.dispose()


def test_four_hubs_start_together_on_a_fresh_postgresql_database(pg_url, tmp_path) -> None:
    from app.hub import migrate as hub_migrate

    assert together(4, lambda: open_and_close(pg_url, tmp_path, hub_migrate.upgrade_if_needed)) == []
    db = Database(pg_url)
    assert hub_migrate.HUB.stored_revision(db) == hub_migrate.HEAD
    db.dispose()


def test_the_clinic_and_the_hub_take_different_locks() -> None:
    from app.hub import migrate as hub_migrate

    assert migrate.CLINIC.lock_key != hub_migrate.HUB.lock_key


def test_sqlite_takes_no_advisory_lock_and_opens_as_before(tmp_path) -> None:
    """SQLite is one desk's file: its migration stays one BEGIN IMMEDIATE transaction, no PostgreSQL call."""
    paths = DataPaths(tmp_path / "data")
    paths.ensure()
    db = Database(paths.sqlite_url())
    seen: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    migrate.upgrade_if_needed(db)
    migrate.upgrade_if_needed(db)  # at head: nothing to do
    assert migrate.CLINIC.stored_revision(db) == migrate.HEAD
    assert not any("advisory" in sql for sql in seen)
    db.dispose()
