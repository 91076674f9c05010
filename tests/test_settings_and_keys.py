"""Typed workstation settings, the clinic signing key, and the storage guards."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature

from app import settings as opts
from app.context import AppContext
from app.db.engine import Database
from app.db.network_fs import is_network_path
from app.errors import StorageError, ValidationError
from app.keys import KeyStore, load_public_key
from app.actor import Actor
from app.settings import SettingsStore


def test_settings_are_typed_validated_and_saved(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    store = SettingsStore(path)
    assert store.get(opts.LANGUAGE) == "zh_CN" and store.get(opts.IDLE_LOCK_MINUTES) == 5
    store.set(opts.LANGUAGE, "en")
    store.set(opts.IDLE_LOCK_MINUTES, 12)
    with pytest.raises(ValidationError):
        store.set(opts.IDLE_LOCK_MINUTES, 0)
    with pytest.raises(ValidationError):
        store.set(opts.SLIP_PAPER, "110mm")
    with pytest.raises(ValidationError):
        store.set(opts.IDLE_LOCK_MINUTES, True)  # type: ignore[arg-type]
    store.save()
    again = SettingsStore(path)
    assert again.get(opts.LANGUAGE) == "en" and again.get(opts.IDLE_LOCK_MINUTES) == 12
    assert not list(tmp_path.glob(".settings-*"))


def test_broken_settings_file_falls_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"ui.language": "fr", "security.idle_lock_minutes": "ten"}), encoding="utf-8")
    store = SettingsStore(path)
    assert store.get(opts.LANGUAGE) == "zh_CN" and store.get(opts.IDLE_LOCK_MINUTES) == 5
    path.write_text("{not json", encoding="utf-8")
    assert SettingsStore(path).get(opts.LANGUAGE) == "zh_CN"


def test_clinic_key_signs_and_is_owner_only(sqlite_ctx: AppContext, sqlite_admin: Actor) -> None:
    clinic = sqlite_ctx.clinic.get()
    store = KeyStore(sqlite_ctx.paths.keys)
    key = store.load(clinic.code)
    assert key.key_id == clinic.key_id
    public = load_public_key(clinic.public_key)
    signature = key.sign(b"permit 1")
    public.verify(signature, b"permit 1")
    with pytest.raises(InvalidSignature):
        public.verify(signature, b"permit 2")
    if sys.platform != "win32":
        assert store.path_for(clinic.code).stat().st_mode & 0o777 == 0o600
    with pytest.raises(StorageError) as exc:
        store.create(clinic.code)
    assert exc.value.code == "key_exists"


MOUNTS = """\
/dev/vda / ext4 rw 0 0
server:/export /mnt/clinic nfs4 rw 0 0
//nas/share /media/nas cifs rw 0 0
/dev/vdb /mnt/clinic/local ext4 rw 0 0
"""


@pytest.mark.parametrize(("path", "remote"), [
    ("/home/nurse/data/fs.sqlite3", False), ("/mnt/clinic/fs.sqlite3", True), ("/media/nas/x/fs.sqlite3", True),
    ("/mnt/clinic/local/fs.sqlite3", False), ("/mnt/clinicx/fs.sqlite3", False),
])
def test_network_share_detection_on_linux(path: str, remote: bool) -> None:
    assert is_network_path(Path(path), platform="linux-test", mounts_text=MOUNTS) is remote


def test_windows_unc_path_is_remote() -> None:
    assert is_network_path(Path("//server/share/fs.sqlite3"), platform="win32")


def test_database_on_a_network_share_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.db.engine.is_network_path", lambda p: True)
    with pytest.raises(StorageError) as exc:
        Database(f"sqlite:///{tmp_path / 'fs.sqlite3'}")
    assert exc.value.code == "network_share"


def test_full_disk_is_a_clear_error_and_keeps_saved_work(sqlite_ctx: AppContext, sqlite_admin: Actor) -> None:
    """SQLite's max_page_count makes the file 'full' exactly as a full disk would."""
    with sqlite_ctx.db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    sqlite_ctx.db.dispose()

    from sqlalchemy import event

    def cap(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    event.listen(sqlite_ctx.db.engine, "connect", cap)
    with pytest.raises(StorageError) as exc:
        for i in range(200):
            sqlite_ctx.users.create(sqlite_admin, username=f"user{i}", full_name="某" * 60, roles=["doctor"],
                                    password=f"pass-word-{i}")
    assert exc.value.code == "disk_full"
    event.remove(sqlite_ctx.db.engine, "connect", cap)
    sqlite_ctx.db.dispose()
    names = {u.username for u in sqlite_ctx.users.list(sqlite_admin)}
    assert "boss" in names
    from app import audit

    with sqlite_ctx.db.read() as s:
        assert audit.verify(s).ok
