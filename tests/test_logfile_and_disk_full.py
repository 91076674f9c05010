"""The log file (issue 14) and a full disk that is always disk_full, wherever it happens."""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import stat
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from app import files, jsonfile, logfile
from app.cli import main
from app.db.engine import Database, translate_db_error
from app.disk_full import disk_full_as_error, is_disk_full
from app.errors import StorageError, ValidationError

POSIX = os.name == "posix"


@pytest.fixture(autouse=True)
def no_log_left() -> Iterator[None]:
    yield
    logfile.shutdown()


def enospc(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


# ----- the log file -------------------------------------------------------------------------------------
def test_the_log_is_in_the_data_directory_owner_only_and_rotates(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(logfile, "MAX_BYTES", 2000)
    path = logfile.setup(tmp_path)
    assert path == tmp_path / "logs" / "fever-sentinel.log" and logfile.current_path() == path
    log = logging.getLogger("test.rotation")
    for i in range(200):
        log.warning("line %d 发热哨点", i)
    names = sorted(p.name for p in logfile.log_files(tmp_path))
    assert names == ["fever-sentinel.log"] + [f"fever-sentinel.log.{i}" for i in range(1, 6)]  # 5 kept
    assert "发热哨点" in path.read_text(encoding="utf-8")
    if POSIX:
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        for each in logfile.log_files(tmp_path):
            assert stat.S_IMODE(each.stat().st_mode) == 0o600, each


def test_a_full_disk_never_stops_the_app_through_its_log(tmp_path: Path) -> None:
    path = logfile.setup(tmp_path)
    assert path is not None
    logging.getLogger("test").warning("before")
    handler = logfile._handler
    assert handler is not None
    handler.stream.write = enospc  # type: ignore[union-attr,method-assign]
    logging.getLogger("test").error("lost on a full disk")  # must not raise nor print a traceback
    logging.getLogger("test").warning("after")  # the file is opened again
    text = path.read_text(encoding="utf-8")
    assert "before" in text and "after" in text


def test_uncaught_exceptions_go_to_the_log_with_their_traceback(tmp_path: Path, monkeypatch) -> None:
    path = logfile.setup(tmp_path)
    monkeypatch.setattr(sys, "excepthook", lambda *a: None)
    monkeypatch.setattr(threading, "excepthook", lambda args: None)
    logfile.install_hooks()
    try:
        raise RuntimeError("main thread boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]

    def boom() -> None:
        raise KeyError("worker boom")

    worker = threading.Thread(target=boom, name="worker-1")
    worker.start()
    worker.join()
    text = path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "main thread boom" in text and "worker boom" in text and text.count("Traceback") == 2


def test_an_unexpected_cli_error_is_one_line_and_its_traceback_is_in_the_log(tmp_path, capsys, monkeypatch):
    from app import context

    data = tmp_path / "data"
    (data / "keys").mkdir(parents=True)  # a workstation's data directory (its keys are there)

    def broken(*_a, **_k):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(context, "open_context", broken)
    assert main(["--data-dir", str(data), "user", "list"]) == 1
    err = capsys.readouterr().err
    log = data / "logs" / "fever-sentinel.log"
    assert err.startswith("error [unexpected]:") and err.count("\n") == 1 and "Traceback" not in err
    assert str(log) in err
    text = log.read_text(encoding="utf-8")
    assert "ZeroDivisionError: a bug" in text and "Traceback" in text


def test_a_wrong_data_dir_gets_no_log_folder(tmp_path, capsys) -> None:
    missing = tmp_path / "no-such-dir"
    main(["--data-dir", str(missing), "ears", str(tmp_path / "none.csv")])
    capsys.readouterr()
    assert not (missing / "logs").exists()
    unrelated = tmp_path / "usb-stick"  # an existing folder that is not a data directory: nothing made there
    unrelated.mkdir()
    main(["--data-dir", str(unrelated), "user", "list"])
    capsys.readouterr()
    assert list(unrelated.iterdir()) == []


def test_export_zips_every_log_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(logfile, "MAX_BYTES", 500)
    logfile.setup(tmp_path / "data")
    for i in range(30):
        logging.getLogger("test").warning("line %d", i)
    (tmp_path / "out").mkdir()
    written = logfile.export(tmp_path / "data", tmp_path / "out" / "logs")
    assert written.name == "logs.zip"
    with zipfile.ZipFile(written) as archive:
        assert "fever-sentinel.log" in archive.namelist() and len(archive.namelist()) > 1
    if POSIX:
        assert stat.S_IMODE(written.stat().st_mode) == 0o600


def test_export_on_a_full_disk_is_disk_full_and_leaves_no_half_file(tmp_path: Path, monkeypatch) -> None:
    logfile.setup(tmp_path / "data")
    logging.getLogger("test").warning("x")
    monkeypatch.setattr(zipfile.ZipFile, "write", lambda *a, **k: enospc())
    with pytest.raises(StorageError) as caught:
        logfile.export(tmp_path / "data", tmp_path / "logs.zip")
    assert caught.value.code == "disk_full" and not (tmp_path / "logs.zip").exists()


# ----- a full disk, in every form -----------------------------------------------------------------------
def test_every_form_of_a_full_disk_is_recognised() -> None:
    class PgDiskFull(Exception):
        sqlstate = "53100"

    sqlite_full = sqlite3.OperationalError("database or disk is full")
    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert is_disk_full(sqlite_full)
    assert is_disk_full(PgDiskFull("could not extend file"))
    assert is_disk_full(OperationalError("INSERT", {}, sqlite_full))
    chained = RuntimeError("wrapped")
    chained.__cause__ = OSError(errno.ENOSPC, "x")
    assert is_disk_full(chained)
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))
    assert not is_disk_full(ValueError("bad"))
    typed = translate_db_error(OperationalError("INSERT", {}, PgDiskFull("could not extend file")))
    assert typed is not None and typed.code == "disk_full"


def test_disk_full_as_error_keeps_other_errors() -> None:
    with pytest.raises(StorageError, match="disk_full"), disk_full_as_error(path="x"):
        enospc()
    with pytest.raises(PermissionError), disk_full_as_error():
        raise PermissionError(errno.EACCES, "no")
    with pytest.raises(ValidationError), disk_full_as_error():
        raise ValidationError("required")


def test_exports_and_pdf_saves_on_a_full_disk(tmp_path: Path, monkeypatch) -> None:
    """ui/csv_export.py and ui/print_preview.py, `report daily --pdf`: all write through app/files.py."""
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: enospc())
    with pytest.raises(StorageError) as caught:
        files.write_private_bytes(tmp_path / "report.pdf", b"%PDF")
    assert caught.value.code == "disk_full" and caught.value.details["path"].endswith("report.pdf")
    monkeypatch.undo()

    class Full:
        def write(self, _text: str) -> int:
            enospc()
            return 0

    with pytest.raises(StorageError, match="disk_full"):
        with files.open_private(tmp_path / "export.csv", "w", encoding="utf-8") as fh:
            monkeypatch.setattr(fh, "write", Full().write)
            fh.write("编号,姓名\n")


def test_settings_files_on_a_full_disk(tmp_path: Path, monkeypatch) -> None:
    jsonfile.write_json_atomic(tmp_path / "settings.json", {"a": 1})
    monkeypatch.setattr(os, "fsync", lambda _fd: enospc())
    with pytest.raises(StorageError, match="disk_full"):
        jsonfile.write_json_atomic(tmp_path / "settings.json", {"a": 2})
    assert jsonfile.read_json(tmp_path / "settings.json") == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_the_gate_queue_on_a_full_disk(tmp_path: Path, monkeypatch) -> None:
    from app.wards import gate

    monkeypatch.setattr(os, "fsync", lambda _fd: enospc())
    with pytest.raises(StorageError, match="disk_full"):
        gate._atomic_write(tmp_path / "cache.json", "{}")
    with pytest.raises(StorageError, match="disk_full"):
        gate._append_lines(tmp_path / "set-aside.jsonl", ["{}"])


def test_a_database_that_fills_up_while_opening_is_disk_full(tmp_path: Path) -> None:
    """SQLite's max_page_count makes the file 'full' exactly as a full disk would: the migration at
    start-up (creating every table) stops with disk_full, not a traceback."""
    from app.db import migrate

    db = Database(f"sqlite:///{tmp_path / 'clinic.sqlite3'}")

    def cap(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.execute("PRAGMA max_page_count=8")

    event.listen(db.engine, "connect", cap)
    with pytest.raises(StorageError) as caught:
        migrate.upgrade_if_needed(db)
    assert caught.value.code == "disk_full"
    db.dispose()


def test_the_cli_says_disk_full_in_one_line(tmp_path, capsys, monkeypatch) -> None:
    from app import context

    def full(*_a, **_k):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(context, "open_context", full)
    (tmp_path / "data").mkdir()
    assert main(["--data-dir", str(tmp_path / "data"), "user", "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error [disk_full]:") and err.count("\n") == 1
