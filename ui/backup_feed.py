"""This desk's automatic daily backup (app/auto_backup.py) for the whole window, whoever is logged in: every
5 minutes, through the runner (never on the UI thread), it backs up when one is due — as the automatic system
actor — and reads the status; the status bar shows the last backup's age ("备份：3 小时前"), red when it is
older than 48 h or the last attempt failed, with the reason (the USB drive not plugged in, the disk full).
Nothing is shown while no folder is chosen (the maintenance page says so to the administrator), nor on
PostgreSQL, where the server is backed up with pg_dump."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QObject

from app.auto_backup import STATE_FILE, AutoBackup, AutoBackupConfig, AutoBackupStatus
from app.reporting.automatic import automatic_actor
from app.settings import AUTO_BACKUP_FOLDER, AUTO_BACKUP_KEEP, AUTO_BACKUP_TIME
from ui.poller import Poller
from ui.session import Session
from ui.widgets import palette

POLL_MS = 5 * 60_000
translate = QCoreApplication.translate  # lupdate extracts every literal translate("Backup", ...) call


def auto_backup_of(session: Session) -> AutoBackup:
    ctx = session.ctx
    return AutoBackup(ctx.backup, ctx.paths.root / STATE_FILE, ctx.clock)


def config_of(session: Session) -> AutoBackupConfig:
    settings = session.ctx.settings
    return AutoBackupConfig(settings.get(AUTO_BACKUP_FOLDER), settings.get(AUTO_BACKUP_KEEP),
                            settings.get(AUTO_BACKUP_TIME))


class BackupFeed(Poller):
    snapshot: AutoBackupStatus | None
    watches_marker = False  # a backup falls due by time and lives in files: every (5-minute) tick works

    def __init__(self, session: Session, parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(session, parent, interval_ms)

    def reader(self) -> Callable[[], AutoBackupStatus]:
        auto, config, zone = auto_backup_of(self.session), config_of(self.session), self.session.zone
        workstation = self.session.actor.workstation
        return lambda: auto.run(lambda: automatic_actor(workstation), config, zone)


def age_text(age: timedelta) -> str:
    minutes = int(age.total_seconds() // 60)
    if minutes < 60:
        return translate("Backup", "{n} min ago").format(n=minutes)
    if minutes < 48 * 60:
        return translate("Backup", "{n} h ago").format(n=minutes // 60)
    return translate("Backup", "{n} days ago").format(n=minutes // (24 * 60))


def reason_text(code: str) -> str:
    return {
        "backup_folder_missing": translate("Backup", "backup folder missing (USB drive not plugged in?)"),
        "disk_full": translate("Backup", "disk full"),
    }.get(code, translate("Backup", "backup failed"))


def backup_status_text(status: AutoBackupStatus | None, now: datetime) -> tuple[str, str]:
    """(text, style) for the status bar; ("", "") when nothing is to be shown."""
    if status is None or not status.enabled or not status.supported:
        return "", ""
    age = status.age(now)
    text = translate("Backup", "Backup: {age}").format(age=age_text(age)) if age is not None \
        else translate("Backup", "Backup: none yet")
    if status.error is not None:
        text = translate("Backup", "{text} · {reason}").format(text=text, reason=reason_text(status.error))
    style = f"color: {palette.DANGER}; font-weight: bold;" if status.alarming(now) else f"color: {palette.OK};"
    return text, style
