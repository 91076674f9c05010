"""A PostgreSQL server that never answers is reported (db_unreachable) within the connect timeout, not
waited on for ever: the log-in would freeze and the ward gate could not fall back to its offline list."""

from __future__ import annotations

import socket
import threading

import pytest

from app.db import engine
from app.db.engine import Database
from app.errors import StorageError


def test_a_silent_server_is_unreachable_within_the_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "CONNECT_TIMEOUT_S", 1)
    with socket.socket() as silent:  # the kernel completes the TCP handshake; nobody ever speaks
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        db = Database(f"postgresql+psycopg://fs@127.0.0.1:{port}/clinic")
        outcome: list[BaseException] = []

        def connect() -> None:
            try:
                with db.read() as s:
                    s.connection()
            except BaseException as exc:  # noqa: BLE001 - handed to the test thread
                outcome.append(exc)

        worker = threading.Thread(target=connect, daemon=True)  # without a timeout it would never return
        worker.start()
        worker.join(10)
        assert not worker.is_alive(), "still waiting for the silent server after 10 s"
        assert isinstance(outcome[0], StorageError) and outcome[0].code == "db_unreachable"
        db.dispose()


def test_a_connect_timeout_in_the_url_wins() -> None:
    db = Database("postgresql+psycopg://fs@127.0.0.1:1/clinic?connect_timeout=42")
    assert db.engine.dialect.create_connect_args(db.engine.url)[1]["connect_timeout"] in ("42", 42)
    db.dispose()
