"""Issue 14, data directory safety: backups that never overwrite by accident and leave nothing behind,
the signing keys in an encrypted key file beside the backup, a confirmed restore that keeps the replaced
database, and the automatic daily backup (one per clinic day, the newest N kept, a missing folder said)."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.actor import Actor
from app.auto_backup import AutoBackup, AutoBackupConfig, auto_backups
from app.errors import Conflict, PermissionDenied, StorageError, ValidationError
from app.reporting.automatic import automatic_actor
from app.services import backup as backup_module
from app.services.backup import keys_file_of, remove_stale_partials

ZONE = ZoneInfo("Asia/Shanghai")
PASS = "correct horse 2026"


def _partials(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".partial")]


def _db_actions(ctx) -> list[str]:
    with sqlite3.connect(ctx.paths.database) as conn:
        return [r[0] for r in conn.execute("SELECT action FROM audit_events ORDER BY seq")]


# ----- overwrite ------------------------------------------------------------------------------------

def test_backup_refuses_to_overwrite_unless_forced(sqlite_ctx, sqlite_admin, tmp_path):
    out = tmp_path / "b.sqlite3"
    first = sqlite_ctx.backup.backup(sqlite_admin, out)
    before = out.read_bytes()
    with pytest.raises(Conflict) as refused:
        sqlite_ctx.backup.backup(sqlite_admin, out)
    assert refused.value.code == "backup_exists" and out.read_bytes() == before
    forced = sqlite_ctx.backup.backup(sqlite_admin, out, overwrite=True)
    assert forced.path == first.path and forced.audit_seq > first.audit_seq
    with pytest.raises(StorageError, match="backup_out_is_folder"):
        sqlite_ctx.backup.backup(sqlite_admin, tmp_path)


# ----- partial files --------------------------------------------------------------------------------

def test_a_backup_failing_mid_copy_leaves_nothing(sqlite_ctx, sqlite_admin, tmp_path, monkeypatch):
    folder = tmp_path / "usb"
    folder.mkdir()

    def torn_copy(src, dst_path):
        Path(dst_path).write_bytes(b"\0" * 65536)  # half a database written ...
        raise sqlite3.OperationalError("disk I/O error")  # ... then the copy dies

    monkeypatch.setattr(backup_module, "_copy", torn_copy)
    with pytest.raises(StorageError):
        sqlite_ctx.backup.backup(sqlite_admin, folder / "b.sqlite3")
    assert list(folder.iterdir()) == []


def test_a_killed_backup_s_partial_file_goes_at_the_next_backup(sqlite_ctx, sqlite_admin, tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    stale = folder / f".old.sqlite3.{'a' * 32}.partial"  # what a killed process (no finally) left
    stale.write_bytes(b"x" * 4096)
    past = time.time() - 600
    os.utime(stale, (past, past))
    mine = folder / "notes.partial"  # not one of ours: left alone
    mine.write_text("keep")
    sqlite_ctx.backup.backup(sqlite_admin, folder / "b.sqlite3")
    assert not stale.exists() and mine.exists()
    assert sorted(p.name for p in folder.iterdir()) == ["b.sqlite3", "notes.partial"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX file locks")
def test_a_partial_file_being_written_is_not_removed(tmp_path):
    live = tmp_path / f".b.sqlite3.{'b' * 32}.partial"
    live.write_bytes(b"x")
    past = time.time() - 600
    os.utime(live, (past, past))
    fd = backup_module._lock(live)  # a running backup holds its lock
    try:
        assert remove_stale_partials(tmp_path, time.time()) == [] and live.exists()
    finally:
        backup_module._unlock(fd)
    assert remove_stale_partials(tmp_path, time.time()) == [live] and not live.exists()


# ----- signing keys ---------------------------------------------------------------------------------

def test_with_key_round_trip_and_a_wrong_passphrase_is_refused(sqlite_ctx, sqlite_admin, tmp_path):
    desk = sqlite_ctx.keys.desk()  # this desk's key (made at first use)
    keys_dir = sqlite_ctx.keys.directory
    originals = {p.name: p.read_bytes() for p in keys_dir.iterdir()}
    assert "desk.ed25519.pem" in originals and "clinic-XH01.ed25519.pem" in originals
    out = tmp_path / "set" / "b.sqlite3"

    with pytest.raises(ValidationError, match="passphrase_too_short"):
        sqlite_ctx.backup.backup(sqlite_admin, out, key_passphrase="short")
    result = sqlite_ctx.backup.backup(sqlite_admin, out, key_passphrase=PASS)
    assert result.keys_file == keys_file_of(out) and set(result.key_names) == set(originals)
    sealed = result.keys_file.read_bytes()
    for pem in originals.values():  # encrypted: no key text in the file
        assert pem.split(b"\n")[1] not in sealed
    if os.name == "posix":
        assert result.keys_file.stat().st_mode & 0o777 == 0o600

    for p in keys_dir.iterdir():  # the computer died: its keys are gone
        p.unlink()
    sqlite_ctx.keys.desk()  # ... and the new one made a key of its own at first start
    with pytest.raises(ValidationError, match="key_passphrase_wrong"):
        sqlite_ctx.backup.restore(sqlite_admin, out, confirm="yes", key_passphrase="not the passphrase")
    restored = sqlite_ctx.backup.restore(sqlite_admin, out, confirm="XH01", key_passphrase=PASS)
    assert set(restored.keys_restored) == set(originals)
    assert {p.name: p.read_bytes() for p in keys_dir.iterdir() if p.name in originals} == originals
    assert sqlite_ctx.keys.desk().key_id == desk.key_id
    assert [p.name.split(".replaced-")[0] for p in restored.keys_set_aside] == ["desk.ed25519.pem"]
    assert all(p.exists() for p in restored.keys_set_aside)  # the key it replaced is kept, not lost


def test_restore_with_key_needs_the_key_file(sqlite_ctx, sqlite_admin, tmp_path):
    out = tmp_path / "b.sqlite3"
    sqlite_ctx.backup.backup(sqlite_admin, out)
    with pytest.raises(StorageError, match="backup_keys_missing"):
        sqlite_ctx.backup.restore(sqlite_admin, out, confirm="yes", key_passphrase=PASS)


# ----- restore confirmation and the kept copy -------------------------------------------------------

def test_restore_needs_confirmation_and_keeps_the_replaced_database(sqlite_ctx, sqlite_admin, tmp_path):
    out = tmp_path / "b.sqlite3"
    sqlite_ctx.backup.backup(sqlite_admin, out)
    sqlite_ctx.users.create(sqlite_admin, username="late", full_name="后来者", roles=["doctor"],
                            password="late-pass-1")
    for answer in (None, "", "no", "XH02"):
        with pytest.raises(ValidationError, match="restore_not_confirmed"):
            sqlite_ctx.backup.restore(sqlite_admin, out, confirm=answer)
    assert "late" in {u.username for u in sqlite_ctx.users.list(sqlite_admin)}

    result = sqlite_ctx.backup.restore(sqlite_admin, out, confirm="xh01")  # the clinic code, any case
    live = sqlite_ctx.paths.database
    local = sqlite_ctx.clock.now().astimezone(ZONE)
    assert result.kept_copy == live.with_name(f"{live.name}.before-restore-{local:%Y%m%d-%H%M}")
    assert "late" not in {u.username for u in sqlite_ctx.users.list(sqlite_admin)}
    with sqlite3.connect(result.kept_copy) as kept:  # the replaced data, whole
        assert ("late",) in kept.execute("SELECT username FROM users").fetchall()
    again = sqlite_ctx.backup.restore(sqlite_admin, out, confirm="yes")  # same minute: a second copy
    assert again.kept_copy != result.kept_copy and again.kept_copy.exists() and result.kept_copy.exists()
    assert _db_actions(sqlite_ctx)[-1] == "db.restore"


# ----- automatic daily backup -----------------------------------------------------------------------

def _auto(ctx) -> AutoBackup:
    return AutoBackup(ctx.backup, ctx.paths.root / "auto-backup.json", ctx.clock)


def test_only_the_automatic_actor_makes_an_automatic_backup(sqlite_ctx, sqlite_admin, tmp_path):
    with pytest.raises(PermissionDenied):
        sqlite_ctx.backup.automatic_backup(sqlite_admin, tmp_path / "a.sqlite3")
    with pytest.raises(PermissionDenied):  # and the automatic actor may not make a manual one
        sqlite_ctx.backup.backup(automatic_actor("ws"), tmp_path / "a.sqlite3")


def test_auto_backup_makes_one_per_clinic_day_and_keeps_n(sqlite_ctx, sqlite_admin, tmp_path):
    clock = sqlite_ctx.clock  # 2026-11-23 09:00 clinic time
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "photos.jpg").write_bytes(b"not ours")
    config = AutoBackupConfig(str(usb), keep=3, at="12:30")
    auto = _auto(sqlite_ctx)
    first = auto.run(lambda: automatic_actor("ws"), config, ZONE)  # none yet: at once
    assert first.made is not None and first.made.name == "fever-sentinel-auto-20261123-0900.sqlite3"
    assert first.error is None and first.age(clock.now()) == timedelta(0)
    assert not first.alarming(clock.now())
    assert auto.run(lambda: automatic_actor("ws"), config, ZONE).made is None  # not twice a day
    clock.advance(hours=5)  # 14:00, after the set time: still the same clinic day
    assert auto.run(lambda: automatic_actor("ws"), config, ZONE).made is None
    for _day in range(5):
        clock.advance(hours=19)  # 09:00 next day: before the set time, the last not older than 24 h
        assert auto.run(lambda: automatic_actor("ws"), config, ZONE).made is None
        clock.advance(hours=5)  # 14:00: after the set time
        assert auto.run(lambda: automatic_actor("ws"), config, ZONE).made is not None
    names = [p.name for p in auto_backups(usb)]
    assert len(names) == 3 and names[-1] == "fever-sentinel-auto-20261128-1400.sqlite3"
    assert (usb / "photos.jpg").exists()
    rows = [a for a in _db_actions(sqlite_ctx) if a == "db.backup"]
    assert len(rows) == 6


def test_auto_backup_at_start_when_the_last_is_older_than_a_day(sqlite_ctx, sqlite_admin, tmp_path):
    clock = sqlite_ctx.clock
    usb = tmp_path / "usb"
    usb.mkdir()
    config = AutoBackupConfig(str(usb), keep=14, at="18:00")
    auto = _auto(sqlite_ctx)
    assert auto.run(lambda: automatic_actor("ws"), config, ZONE).made is not None  # 09:00 day 1
    clock.advance(hours=24, minutes=30)  # 09:30 day 2, before 18:00 but > 24 h
    assert auto.run(lambda: automatic_actor("ws"), config, ZONE).made is not None


def test_auto_backup_reports_a_missing_folder_and_recovers(sqlite_ctx, sqlite_admin, tmp_path):
    clock = sqlite_ctx.clock
    usb = tmp_path / "usb-stick"  # not plugged in
    config = AutoBackupConfig(str(usb), keep=14, at="12:30")
    auto = _auto(sqlite_ctx)
    status = auto.run(lambda: automatic_actor("ws"), config, ZONE)
    assert status.made is None and status.error == "backup_folder_missing" and status.alarming(clock.now())
    assert not usb.exists()  # never made on the local disk instead
    usb.mkdir()  # plugged in
    clock.advance(minutes=5)
    status = auto.run(lambda: automatic_actor("ws"), config, ZONE)
    assert status.made is not None and status.error is None and not status.alarming(clock.now())
    clock.advance(hours=49)
    assert _auto(sqlite_ctx).status(config).alarming(clock.now())  # older than 48 h: red


def test_auto_backup_failure_is_said_and_retried_later(sqlite_ctx, sqlite_admin, tmp_path, monkeypatch):
    clock = sqlite_ctx.clock
    usb = tmp_path / "usb"
    usb.mkdir()
    config = AutoBackupConfig(str(usb), keep=14, at="12:30")
    auto = _auto(sqlite_ctx)

    def full(src, dst_path):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_module, "_copy", full)
    status = auto.run(lambda: automatic_actor("ws"), config, ZONE)
    assert status.error == "disk_full" and list(usb.iterdir()) == []
    monkeypatch.undo()
    clock.advance(minutes=10)
    assert auto.run(lambda: automatic_actor("ws"), config, ZONE).made is None  # waits before trying again
    clock.advance(minutes=30)
    assert auto.run(lambda: automatic_actor("ws"), config, ZONE).made is not None


def test_auto_backup_is_off_without_a_folder(sqlite_ctx, sqlite_admin):
    status = _auto(sqlite_ctx).run(lambda: automatic_actor("ws"), AutoBackupConfig(""), ZONE)
    assert not status.enabled and status.made is None and not status.alarming(sqlite_ctx.clock.now())


def test_auto_backup_is_not_for_postgresql(ctx, admin, tmp_path):
    status = _auto(ctx).run(lambda: automatic_actor("ws"), AutoBackupConfig(str(tmp_path)), ZONE)
    assert status.supported == ctx.db.is_sqlite
    if not ctx.db.is_sqlite:
        assert status.made is None and list(tmp_path.glob("fever-sentinel-auto-*")) == []
    with pytest.raises(StorageError) if not ctx.db.is_sqlite else _nothing():
        ctx.backup.backup(admin, tmp_path / "m.sqlite3")


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_system_actor_backup_is_audited_with_keys_count(sqlite_ctx, sqlite_admin, tmp_path):
    sqlite_ctx.backup.backup(Actor.system(), tmp_path / "b.sqlite3", key_passphrase=PASS)
    with sqlite3.connect(sqlite_ctx.paths.database) as conn:
        summary = conn.execute("SELECT summary FROM audit_events WHERE action='db.backup' ORDER BY seq DESC"
                               ).fetchone()[0]
    assert json.loads(summary)["keys"] == 2
