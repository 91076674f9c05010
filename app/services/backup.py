"""Backup and restore of the SQLite database (PostgreSQL sites use pg_dump).

Backup: SQLite's online backup API into a temporary file beside the target, integrity-checked,
fsynced, then renamed into place — a crash or full disk never leaves a half-written backup.
Restore: the file is checked, copied aside and migrated there, its audit chain verified, and
only then copied into the live database in one transaction — never a half-restored database.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app import audit, files
from app.actor import Actor
from app.db import migrate
from app.db.engine import Database, translate_db_error
from app.db.models import Clinic
from app.errors import StorageError
from app.permissions import Perm
from app.services.base import Service, authorize

_CLINIC_CODE = select(Clinic.code).limit(1)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    audit_seq: int


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    clinic_code: str | None
    audit_rows: int


def _fsync_dir(directory: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _integrity_ok(conn: sqlite3.Connection) -> bool:
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def _copy(src: sqlite3.Connection, dst_path: Path) -> None:
    dst = sqlite3.connect(dst_path)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        dst.commit()
    finally:
        dst.close()


def _storage_error(exc: BaseException, fallback: str) -> StorageError:
    return translate_db_error(exc) or StorageError(fallback, reason=str(exc))


class BackupService(Service):
    def _live_path(self) -> Path:
        if not self.db.is_sqlite or self.db.sqlite_path is None:
            raise StorageError("backup_needs_sqlite")
        return self.db.sqlite_path

    def backup(self, actor: Actor, out: Path) -> BackupResult:
        with self.db.read() as s:
            authorize(s, actor, Perm.MANAGE_BACKUPS)
        live = self._live_path()
        out = Path(out).expanduser().resolve()
        if out == live:
            raise StorageError("backup_over_live")
        if not out.parent.exists():
            files.private_dir(out.parent)
        tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex}.partial")
        try:
            files.create_private(tmp)  # a backup holds every patient: owner-only (0600), app/files.py
            src = sqlite3.connect(live, timeout=30)
            try:
                _copy(src, tmp)
            finally:
                src.close()
            check = sqlite3.connect(tmp)
            try:
                if not _integrity_ok(check):
                    raise StorageError("backup_check_failed")
                seq = check.execute("SELECT seq FROM audit_head WHERE id = 1").fetchone()[0]
            finally:
                check.close()
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, out)
            _fsync_dir(out.parent)
        except sqlite3.Error as exc:
            raise _storage_error(exc, "backup_failed") from exc
        except OSError as exc:
            raise StorageError("disk_full" if exc.errno == 28 else "backup_failed", reason=str(exc)) from exc
        finally:
            tmp.unlink(missing_ok=True)
        result = BackupResult(out, out.stat().st_size, seq)
        with self.audited_write(actor, "db.backup", "database", Perm.MANAGE_BACKUPS) as op:
            op.summary = {"file": str(out), "bytes": result.size_bytes, "audit_seq": seq}
        return result

    def restore(self, actor: Actor, source: Path) -> RestoreResult:
        with self.db.read() as s:
            authorize(s, actor, Perm.MANAGE_BACKUPS)
            current = s.execute(_CLINIC_CODE).scalar()
            replaced = audit.head(s)  # recorded in the restored trail (issue 13): the hub sees the roll-back
        live = self._live_path()
        source = Path(source).expanduser().resolve()
        if not source.is_file():
            raise StorageError("backup_missing", path=str(source))
        with tempfile.TemporaryDirectory(prefix="fs-restore-", dir=live.parent) as scratch:
            staged = Path(scratch) / "staged.sqlite3"
            try:
                src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
                try:
                    if not _integrity_ok(src):
                        raise StorageError("corrupt_backup", path=str(source))
                    tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                    if not {"alembic_version", "audit_events", "clinic"} <= tables:
                        raise StorageError("not_a_backup", path=str(source))
                    _copy(src, staged)
                finally:
                    src.close()
            except sqlite3.Error as exc:
                raise StorageError("corrupt_backup", path=str(source), reason=str(exc)) from exc
            staged_db = Database(f"sqlite:///{staged}")
            try:
                migrate.upgrade(staged_db)
                with staged_db.read() as s:
                    report = audit.verify(s)
                    code = s.execute(_CLINIC_CODE).scalar()
                    backup_at = audit.time_of(s, report.head_seq)
            finally:
                staged_db.dispose()
            if not report.ok:
                raise StorageError("backup_chain_broken", seq=report.first_broken_seq)
            if current is not None and code != current:
                raise StorageError("backup_other_clinic", clinic=code)
            self.db.dispose()  # no pooled connection holds the old pages
            try:
                staged_conn = sqlite3.connect(staged)
                live_conn = sqlite3.connect(live, timeout=30)
                try:
                    staged_conn.backup(live_conn)  # one transaction on the live file: all or nothing
                finally:
                    live_conn.close()
                    staged_conn.close()
            except sqlite3.Error as exc:
                raise _storage_error(exc, "restore_failed") from exc
        with self.audited_write(actor, "db.restore", "database", None) as op:
            op.summary = {"file": str(source), "audit_rows": report.rows, "clinic": code,
                          **audit.restore_summary(replaced, (report.head_seq, report.head_hash), backup_at)}
        return RestoreResult(source, code, report.rows)

