"""Backup and restore of the SQLite database (PostgreSQL sites use pg_dump: the county's or the admin's job).

Backup: SQLite's online backup API into a temporary ``.<name>.<hex>.partial`` file beside the target,
integrity-checked, fsynced, then renamed into place — a crash or full disk never leaves a half-written
backup. The partial file is removed in ``finally``; one left by a killed process (no ``finally`` runs) is
removed by the next backup into that folder (older than this run and not locked by a running backup).
An existing file is refused (``backup_exists``) unless ``overwrite`` (the CLI's ``--force``).

Signing keys (issue 14): a backup is the database only. With a passphrase (``--with-key``) this desk's
key files (``keys/desk.ed25519.pem`` and, on the desk where ``init`` ran, ``keys/clinic-CODE.ed25519.pem``)
go into a sibling file ``FILE.keys`` — the *backup set* is the two files. It is JSON: a header (format,
clinic, backup file name, audit head, scrypt parameters and salt, AES-GCM nonce) and the ciphertext of the
key files, encrypted with AES-256-GCM under a key derived from the passphrase by scrypt (n=2^15, r=8, p=1);
the header is the AEAD's associated data, so a changed header fails like a wrong passphrase.

Restore: the file is checked, copied aside and migrated there, its audit chain verified, and only then
copied into the live database in one transaction — never a half-restored database. It needs a
confirmation (the clinic code or "yes"; ``restore_not_confirmed``), keeps the replaced database beside
the live one (``fever-sentinel.sqlite3.before-restore-YYYYMMDD-HHMM``, clinic time), audits which head it
replaced (issue 13), and with a passphrase restores the key files of the set (an existing different key
is kept aside as ``NAME.replaced-YYYYMMDD-HHMM``, never lost).
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app import audit, files
from app.actor import Actor
from app.clock import Clock
from app.db import migrate
from app.db.engine import Database, translate_db_error
from app.db.models import Clinic
from app.errors import Conflict, PermissionDenied, StorageError, ValidationError
from app.keys import KeyStore
from app.permissions import Perm
from app.services.base import Service, authorize

_CLINIC_CODE = select(Clinic.code).limit(1)
_CLINIC_ZONE = select(Clinic.timezone).limit(1)
PARTIAL = re.compile(r"^\..+\.[0-9a-f]{32}\.partial$")
KEY_FILE = re.compile(r"^(desk|clinic-[A-Z0-9]{2,20})\.ed25519\.pem$")
KEYS_SUFFIX = ".keys"
KEYS_FORMAT = "fever-sentinel-keys"
PASSPHRASE_MIN = 8
SCRYPT = {"n": 2 ** 15, "r": 8, "p": 1}
STALE_SCRATCH_S = 3600  # a restore's scratch folder older than this was left by a killed restore


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    audit_seq: int
    keys_file: Path | None = None  # the sibling FILE.keys when the signing keys were included
    key_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    clinic_code: str | None
    audit_rows: int
    kept_copy: Path | None = None  # the replaced database, kept beside the live one
    keys_restored: tuple[str, ...] = ()
    keys_set_aside: tuple[Path, ...] = ()


def keys_file_of(backup: Path) -> Path:
    """The key file of a backup set: ``FILE.keys`` beside ``FILE``."""
    return backup.with_name(backup.name + KEYS_SUFFIX)


def confirmation_ok(clinic_code: str | None, typed: str | None) -> bool:
    """A restore is confirmed by typing the clinic's code or "yes" (only "yes" where there is no clinic yet)."""
    answer = (typed or "").strip().lower()
    return answer == "yes" or (clinic_code is not None and answer == clinic_code.lower())


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


def _os_error(exc: OSError, fallback: str) -> StorageError:
    return StorageError("disk_full" if exc.errno == 28 else fallback, reason=str(exc))


# ----- partial files: locked while written, removed when stale -------------------------------------

def _lock(path: Path) -> int | None:
    """Hold an exclusive lock on ``path`` while it is written (POSIX), so a cleaner knows it is alive."""
    if os.name == "nt":
        return None  # Windows: an open file cannot be deleted, which protects it the same way
    import fcntl

    fd = os.open(path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def _unlock(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)


def _in_use(path: Path) -> bool:
    if os.name == "nt":
        return False
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def remove_stale_partials(directory: Path, started: float) -> list[Path]:
    """Remove ``.NAME.<hex>.partial`` files a killed backup left in ``directory``: older than ``started``
    (this run) and not being written by a running backup. Returns what was removed."""
    removed: list[Path] = []
    try:
        candidates = [p for p in directory.iterdir() if PARTIAL.match(p.name)]
    except OSError:
        return removed
    for path in candidates:
        try:
            if path.stat().st_mtime >= started or _in_use(path):
                continue
            path.unlink()
            removed.append(path)
        except OSError:  # gone meanwhile, or still open (Windows): left for the next run
            continue
    return removed


def _remove_stale_scratch(directory: Path, started: float) -> None:
    try:
        for path in directory.glob("fs-restore-*"):
            if path.is_dir() and path.stat().st_mtime < started - STALE_SCRATCH_S:
                shutil.rmtree(path, ignore_errors=True)
    except OSError:
        pass


def _partial_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.{uuid.uuid4().hex}.partial")


def _publish(tmp: Path, target: Path) -> None:
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    _fsync_dir(target.parent)


# ----- the key set ------------------------------------------------------------------------------

def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < PASSPHRASE_MIN:
        raise ValidationError("passphrase_too_short", field="passphrase", minimum=PASSPHRASE_MIN)


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _aad(header: dict[str, object]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def seal_keys(key_files: dict[str, bytes], passphrase: str, header: dict[str, object]) -> bytes:
    """The ``FILE.keys`` document: the key files encrypted with the passphrase (module docstring)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    head = {**header, "format": KEYS_FORMAT, "version": 1, "cipher": "AES-256-GCM",
            "kdf": {"name": "scrypt", **SCRYPT, "salt": base64.b64encode(salt).decode()},
            "nonce": base64.b64encode(nonce).decode()}
    plain = json.dumps({"files": {k: v.decode("ascii") for k, v in key_files.items()}}).encode("utf-8")
    sealed = AESGCM(_derive(passphrase, salt, **SCRYPT)).encrypt(nonce, plain, _aad(head))
    return json.dumps({"header": head, "ciphertext": base64.b64encode(sealed).decode()}, indent=1).encode("utf-8")


def open_keys(path: Path, passphrase: str) -> tuple[dict[str, object], dict[str, bytes]]:
    """(header, key files) of a ``FILE.keys``; a wrong passphrase is ``key_passphrase_wrong``."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not path.is_file():
        raise StorageError("backup_keys_missing", path=str(path))
    try:
        doc = json.loads(path.read_bytes())
        head = doc["header"]
        if head.get("format") != KEYS_FORMAT or head.get("version") != 1:
            raise ValueError("format")
        kdf = head["kdf"]
        key = _derive(passphrase, base64.b64decode(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
        nonce, sealed = base64.b64decode(head["nonce"]), base64.b64decode(doc["ciphertext"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StorageError("backup_keys_format", path=str(path)) from exc
    try:
        plain = AESGCM(key).decrypt(nonce, sealed, _aad(head))
    except InvalidTag as exc:
        raise ValidationError("key_passphrase_wrong", field="passphrase") from exc
    found = {name: text.encode("ascii") for name, text in json.loads(plain)["files"].items()}
    if not all(KEY_FILE.match(name) for name in found):
        raise StorageError("backup_keys_format", path=str(path))
    return head, found


class BackupService(Service):
    def __init__(self, db: Database, clock: Clock, keys: KeyStore | None = None) -> None:
        super().__init__(db, clock)
        self.keys = keys

    def _live_path(self) -> Path:
        if not self.db.is_sqlite or self.db.sqlite_path is None:
            raise StorageError("backup_needs_sqlite")
        return self.db.sqlite_path

    def _key_files(self) -> dict[str, bytes]:
        if self.keys is None or not self.keys.directory.is_dir():
            return {}
        return {p.name: p.read_bytes() for p in sorted(self.keys.directory.iterdir())
                if KEY_FILE.match(p.name) and p.is_file()}

    def _stamp(self, zone_name: str | None) -> str:
        try:
            zone = ZoneInfo(zone_name) if zone_name else None
        except (KeyError, ValueError):
            zone = None
        now = self.clock.now()
        return (now.astimezone(zone) if zone else now).strftime("%Y%m%d-%H%M")

    # ----- backup -----------------------------------------------------------------------------------
    def backup(self, actor: Actor, out: Path, *, overwrite: bool = False,
               key_passphrase: str | None = None) -> BackupResult:
        """Write a checked backup to ``out`` (refused over an existing file unless ``overwrite``); with
        ``key_passphrase`` the signing keys go encrypted into ``out.keys`` beside it."""
        with self.db.read() as s:
            authorize(s, actor, Perm.MANAGE_BACKUPS)
        return self._backup(actor, out, overwrite=overwrite, key_passphrase=key_passphrase, automatic=False)

    def automatic_backup(self, actor: Actor, out: Path) -> BackupResult:
        """The desk's daily backup (app/auto_backup.py): only the automatic actor, into a new file, no keys."""
        from app.reporting.automatic import is_automatic

        if not is_automatic(actor):
            raise PermissionDenied("automatic_only", permission=Perm.MANAGE_BACKUPS.value)
        return self._backup(actor, out, overwrite=False, key_passphrase=None, automatic=True)

    def _backup(self, actor: Actor, out: Path, *, overwrite: bool, key_passphrase: str | None,
                automatic: bool) -> BackupResult:
        started = time.time()
        live = self._live_path()
        out = Path(out).expanduser().resolve()
        if out == live:
            raise StorageError("backup_over_live")
        if out.is_dir():
            raise StorageError("backup_out_is_folder", path=str(out))
        keys_out = keys_file_of(out)
        if not overwrite:
            for existing in (out, keys_out if key_passphrase is not None else None):
                if existing is not None and existing.exists():
                    raise Conflict("backup_exists", path=str(existing))
        key_files: dict[str, bytes] = {}
        if key_passphrase is not None:
            check_passphrase(key_passphrase)
            key_files = self._key_files()
            if not key_files:
                raise StorageError("no_signing_keys", path=str(self.keys.directory if self.keys else ""))
        try:
            if not out.parent.exists():
                files.private_dir(out.parent)
        except OSError as exc:
            raise _os_error(exc, "backup_failed") from exc
        remove_stale_partials(out.parent, started)
        tmp = _partial_beside(out)
        keys_tmp = _partial_beside(keys_out)
        held: list[int | None] = []
        try:
            files.create_private(tmp)  # a backup holds every patient: owner-only (0600), app/files.py
            held.append(_lock(tmp))
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
                code = check.execute("SELECT code FROM clinic LIMIT 1").fetchone()
            finally:
                check.close()
            if key_files:
                sealed = seal_keys(key_files, key_passphrase or "",
                                   {"clinic": code[0] if code else None, "backup": out.name, "audit_seq": seq})
                files.write_private_bytes(keys_tmp, sealed)
                held.append(_lock(keys_tmp))
                _publish(keys_tmp, keys_out)
            _publish(tmp, out)
            if not key_files and overwrite:
                keys_out.unlink(missing_ok=True)  # a key file of the overwritten backup is not of this one
        except sqlite3.Error as exc:
            raise _storage_error(exc, "backup_failed") from exc
        except OSError as exc:
            raise _os_error(exc, "backup_failed") from exc
        finally:
            for fd in held:
                _unlock(fd)
            tmp.unlink(missing_ok=True)
            keys_tmp.unlink(missing_ok=True)
        result = BackupResult(out, out.stat().st_size, seq, keys_out if key_files else None, tuple(key_files))
        with self.audited_write(actor, "db.backup", "database", None if automatic else Perm.MANAGE_BACKUPS) as op:
            op.summary = {"file": str(out), "bytes": result.size_bytes, "audit_seq": seq,
                          "keys": len(key_files), **({"automatic": True} if automatic else {})}
        return result

    # ----- restore ----------------------------------------------------------------------------------
    def restore(self, actor: Actor, source: Path, *, confirm: str | None = None,
                key_passphrase: str | None = None) -> RestoreResult:
        """Replace the live database by the backup ``source`` — confirmed by ``confirm`` (the clinic code or
        "yes"); with ``key_passphrase`` also the signing keys of its set (``source.keys``)."""
        started = time.time()
        with self.db.read() as s:
            authorize(s, actor, Perm.MANAGE_BACKUPS)
            current = s.execute(_CLINIC_CODE).scalar()
            zone = s.execute(_CLINIC_ZONE).scalar()
            replaced = audit.head(s)  # recorded in the restored trail (issue 13): the hub sees the roll-back
        if not confirmation_ok(current, confirm):
            raise ValidationError("restore_not_confirmed", clinic=current or "")
        live = self._live_path()
        source = Path(source).expanduser().resolve()
        if not source.is_file():
            raise StorageError("backup_missing", path=str(source))
        key_set: dict[str, bytes] = {}
        key_clinic = None
        if key_passphrase is not None:  # checked before anything changes: a wrong passphrase restores nothing
            head, key_set = open_keys(keys_file_of(source), key_passphrase)
            key_clinic = head.get("clinic")
        _remove_stale_scratch(live.parent, started)
        remove_stale_partials(live.parent, started)
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
                    zone = zone or s.execute(_CLINIC_ZONE).scalar()
                    backup_at = audit.time_of(s, report.head_seq)
            finally:
                staged_db.dispose()
            if not report.ok:
                raise StorageError("backup_chain_broken", seq=report.first_broken_seq)
            if current is not None and code != current:
                raise StorageError("backup_other_clinic", clinic=code)
            if key_set and key_clinic is not None and key_clinic != code:
                raise StorageError("backup_keys_other_clinic", clinic=key_clinic)
            stamp = self._stamp(zone)
            self.db.dispose()  # no pooled connection holds the old pages
            kept = self._keep_replaced(live, stamp) if current is not None else None
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
        restored, aside = self._put_keys(key_set, stamp) if key_set else ((), ())
        with self.audited_write(actor, "db.restore", "database", None) as op:
            op.summary = {"file": str(source), "audit_rows": report.rows, "clinic": code,
                          **audit.restore_summary(replaced, (report.head_seq, report.head_hash), backup_at),
                          **({"kept": kept.name} if kept else {}), **({"keys": len(restored)} if key_set else {})}
        return RestoreResult(source, code, report.rows, kept, restored, aside)

    def _keep_replaced(self, live: Path, stamp: str) -> Path:
        """A consistent copy of the live database beside it, before it is replaced (never overwrites one)."""
        target = live.with_name(f"{live.name}.before-restore-{stamp}")
        n = 2
        while target.exists():
            target = live.with_name(f"{live.name}.before-restore-{stamp}-{n}")
            n += 1
        tmp = _partial_beside(target)
        try:
            files.create_private(tmp)
            src = sqlite3.connect(live, timeout=30)
            try:
                _copy(src, tmp)
            finally:
                src.close()
            _publish(tmp, target)
        except sqlite3.Error as exc:
            raise _storage_error(exc, "restore_failed") from exc
        except OSError as exc:
            raise _os_error(exc, "restore_failed") from exc
        finally:
            tmp.unlink(missing_ok=True)
        return target

    def _put_keys(self, key_set: dict[str, bytes], stamp: str) -> tuple[tuple[str, ...], tuple[Path, ...]]:
        if self.keys is None:
            raise StorageError("no_signing_keys")
        directory = files.private_dir(self.keys.directory)
        restored: list[str] = []
        aside: list[Path] = []
        for name, data in key_set.items():
            target = directory / name
            if target.exists():
                if target.read_bytes() == data:
                    continue
                moved = target.with_name(f"{name}.replaced-{stamp}")
                n = 2
                while moved.exists():
                    moved = target.with_name(f"{name}.replaced-{stamp}-{n}")
                    n += 1
                os.replace(target, moved)  # the key it replaces is kept, never lost
                aside.append(moved)
            files.write_private_bytes(target, data)
            restored.append(name)
        return tuple(restored), tuple(aside)
