"""This desk's automatic daily backup (issue 14): one checked backup per clinic day into a folder the admin
chose (e.g. a USB drive), the newest N kept, and what the status bar shows (the last backup's age and why the
last attempt failed).

- Settings, per desk (app/settings.py): ``AUTO_BACKUP_FOLDER`` (empty: off), ``AUTO_BACKUP_KEEP`` (14),
  ``AUTO_BACKUP_TIME`` ("12:30", clinic time).
- Due (``is_due``): no automatic backup yet in today's clinic day, and either the set time has passed or the
  last one is older than 24 h (a desk switched on at 07:30 after a day off backs up at once). After a failure
  other than a missing folder, the next try waits ``RETRY_AFTER`` (a full disk is not hammered every poll).
- The folder is never created: a missing folder is the USB stick not plugged in (``backup_folder_missing``),
  and a backup made on the local disk instead would be no backup at all.
- Files are ``fever-sentinel-auto-YYYYMMDD-HHMM.sqlite3`` (clinic time); pruning touches only such names.
- The backup itself is BackupService.automatic_backup (audited ``db.backup`` as the automatic system actor,
  ``automatic: true``), so a partial file is cleaned exactly as for a manual backup. Signing keys are not in
  automatic backups (no passphrase is stored): the maintenance page says so.
- State (last success, last error) lives in ``auto-backup.json`` in the data directory, written atomically.
- SQLite only: on PostgreSQL the server is backed up with pg_dump by the county's or clinic's administrator.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from app.actor import Actor
from app.clock import Clock
from app.errors import FeverSentinelError, StorageError
from app.jsonfile import read_json, write_json_atomic
from app.services.backup import BackupService

STATE_FILE = "auto-backup.json"
PREFIX = "fever-sentinel-auto-"
AUTO_NAME = re.compile(r"^fever-sentinel-auto-\d{8}-\d{4}(-\d+)?\.sqlite3$")
MAX_AGE = timedelta(hours=24)  # at start: older than this, back up now whatever the time
STALE = timedelta(hours=48)  # the status bar turns red
RETRY_AFTER = timedelta(minutes=30)


@dataclass(frozen=True)
class AutoBackupConfig:
    folder: str  # "" = off
    keep: int = 14
    at: str = "12:30"  # HH:MM, clinic time

    @property
    def enabled(self) -> bool:
        return bool(self.folder.strip())

    @property
    def at_time(self) -> time:
        hours, minutes = self.at.split(":")
        return time(int(hours), int(minutes))


@dataclass(frozen=True)
class AutoBackupStatus:
    enabled: bool
    supported: bool  # False on PostgreSQL (pg_dump is the administrator's job)
    folder: str
    last_success: datetime | None = None
    last_file: str | None = None
    error: str | None = None  # the last attempt's error code (cleared by a success)
    error_at: datetime | None = None
    made: Path | None = None  # the backup this run made
    pruned: tuple[str, ...] = field(default=())

    def age(self, now: datetime) -> timedelta | None:
        return None if self.last_success is None else max(now - self.last_success, timedelta(0))

    def alarming(self, now: datetime) -> bool:
        """Red in the status bar: failing, never made, or older than 48 h."""
        if not (self.enabled and self.supported):
            return False
        age = self.age(now)
        return self.error is not None or age is None or age > STALE


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(timezone.utc).isoformat() if moment else None


def _parse(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def auto_backups(folder: Path) -> list[Path]:
    """The automatic backups in ``folder``, oldest first (the names sort by time)."""
    try:
        return sorted((p for p in folder.iterdir() if AUTO_NAME.match(p.name) and p.is_file()),
                      key=lambda p: p.name)
    except OSError:
        return []


class AutoBackup:
    def __init__(self, backup: BackupService, state_path: Path, clock: Clock) -> None:
        self.backup = backup
        self.state_path = state_path
        self.clock = clock

    # ----- state --------------------------------------------------------------------------------
    def _state(self) -> dict[str, object]:
        raw = read_json(self.state_path)
        return raw if isinstance(raw, dict) else {}

    def _save(self, state: dict[str, object]) -> None:
        try:
            write_json_atomic(self.state_path, state)
        except OSError:
            pass  # the data directory's disk is full: the next run says so again

    def status(self, config: AutoBackupConfig) -> AutoBackupStatus:
        state = self._state()
        supported = self.backup.db.is_sqlite
        last, last_file = _parse(state.get("last_success")), state.get("last_file")
        if last is None and config.enabled:  # no state yet (new data directory): the folder may say
            found = auto_backups(Path(config.folder).expanduser())
            if found:
                last = datetime.fromtimestamp(found[-1].stat().st_mtime, timezone.utc)
                last_file = found[-1].name
        error = state.get("error") if isinstance(state.get("error"), str) else None
        error_at = _parse(state.get("error_at"))
        if config.enabled and supported and not Path(config.folder).expanduser().is_dir():
            error = "backup_folder_missing"  # the stick was pulled after the last backup: say so now, not tomorrow
            error_at = error_at or self.clock.now()
        return AutoBackupStatus(config.enabled, supported, config.folder, last,
                                last_file if isinstance(last_file, str) else None, error, error_at)  # type: ignore[arg-type]

    # ----- when ---------------------------------------------------------------------------------
    def is_due(self, config: AutoBackupConfig, zone: ZoneInfo, status: AutoBackupStatus | None = None) -> bool:
        status = status or self.status(config)
        if not (config.enabled and status.supported):
            return False
        now = self.clock.now()
        if status.error not in (None, "backup_folder_missing") and status.error_at is not None \
                and now - status.error_at < RETRY_AFTER:
            return False
        if status.last_success is None:
            return True
        local = now.astimezone(zone)
        if status.last_success.astimezone(zone).date() >= local.date():
            return False  # one per clinic day
        return local.time() >= config.at_time or now - status.last_success > MAX_AGE

    # ----- run ----------------------------------------------------------------------------------
    def run(self, actor_factory: Callable[[], Actor], config: AutoBackupConfig, zone: ZoneInfo) -> AutoBackupStatus:
        """Back up if due (``actor_factory()``: the automatic actor), prune to ``keep``, and return the status."""
        status = self.status(config)
        if not self.is_due(config, zone, status):
            return status
        state = self._state()
        now = self.clock.now()
        folder = Path(config.folder).expanduser()
        made: Path | None = None
        pruned: list[str] = []
        try:
            if not folder.is_dir():
                raise StorageError("backup_folder_missing", path=str(folder))
            made = self.backup.automatic_backup(actor_factory(), self._free_name(folder, now, zone)).path
        except FeverSentinelError as exc:
            state.update(error=exc.code, error_at=_iso(now))
        except OSError as exc:
            state.update(error="disk_full" if exc.errno == 28 else "backup_failed", error_at=_iso(now))
        else:
            state.update(last_success=_iso(now), last_file=made.name, error=None, error_at=None)
            pruned = self.prune(folder, config.keep)
        self._save(state)
        after = self.status(config)
        return AutoBackupStatus(after.enabled, after.supported, after.folder, after.last_success, after.last_file,
                                after.error, after.error_at, made, tuple(pruned))

    @staticmethod
    def _free_name(folder: Path, now: datetime, zone: ZoneInfo) -> Path:
        stamp = now.astimezone(zone).strftime("%Y%m%d-%H%M")
        target, n = folder / f"{PREFIX}{stamp}.sqlite3", 2
        while target.exists():
            target, n = folder / f"{PREFIX}{stamp}-{n}.sqlite3", n + 1
        return target

    @staticmethod
    def prune(folder: Path, keep: int) -> list[str]:
        """Delete the oldest automatic backups beyond ``keep`` (never any other file)."""
        removed = []
        for old in auto_backups(folder)[:-keep] if keep > 0 else []:
            try:
                old.unlink()
                removed.append(old.name)
            except OSError:
                continue
        return removed
