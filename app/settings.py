"""Typed per-workstation settings (language, idle lock, printer defaults), after Picard's options.

Each option declares its type, default and allowed values once; the store validates on read
and write and saves atomically, so a half-written file never loses the other settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from app.errors import ValidationError
from app.jsonfile import read_json, write_json_atomic

T = TypeVar("T", str, int, bool)


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    type: type[T]
    default: T
    choices: tuple[T, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    since: int = 1  # the settings version (SETTINGS_VERSION) that introduced this option

    def check(self, value: Any) -> T:
        if not isinstance(value, self.type) or (self.type is int and isinstance(value, bool)):
            raise ValidationError("setting_type", key=self.key)
        if self.choices is not None and value not in self.choices:
            raise ValidationError("setting_choice", key=self.key, value=value)
        if self.minimum is not None and value < self.minimum:  # type: ignore[operator]
            raise ValidationError("setting_range", key=self.key, minimum=self.minimum, maximum=self.maximum)
        if self.maximum is not None and value > self.maximum:  # type: ignore[operator]
            raise ValidationError("setting_range", key=self.key, minimum=self.minimum, maximum=self.maximum)
        return value


LANGUAGE: Option[str] = Option("ui.language", str, "zh_CN", choices=("zh_CN", "en"))
IDLE_LOCK_MINUTES: Option[int] = Option("security.idle_lock_minutes", int, 5, minimum=1, maximum=120)
PRINTER_NAME: Option[str] = Option("print.printer_name", str, "")
FORM_PAPER: Option[str] = Option("print.form_paper", str, "A4", choices=("A4",))
SLIP_PAPER: Option[str] = Option("print.slip_paper", str, "80mm", choices=("58mm", "80mm", "A6"))
WORKSTATION_NAME: Option[str] = Option("workstation.name", str, "")

# issue 14 — printing: the printer this desk last printed each kind of document on (empty: not yet chosen;
# then PRINTER_NAME, the desk's default printer, then the system's default). ui/printers.py reads and saves them.
PRINTER_SLIP: Option[str] = Option("print.printer.slip", str, "", since=2)  # guide slips, receipts (58/80 mm roll)
PRINTER_CARD: Option[str] = Option("print.printer.card", str, "", since=2)  # permit cards
PRINTER_A4: Option[str] = Option("print.printer.a4", str, "", since=2)  # registration form, reports, handovers
PRINTER_BY_KIND: dict[str, Option[str]] = {"slip": PRINTER_SLIP, "card": PRINTER_CARD, "a4": PRINTER_A4}

# issue 14 — data directory and backups: this desk's automatic daily backup (app/auto_backup.py). The folder is
# the admin's choice (e.g. a USB drive; empty: off); the newest KEEP automatic backups there are kept; one is made
# per clinic day at the first chance after TIME (or at start when the last is older than 24 h).
AUTO_BACKUP_TIMES: tuple[str, ...] = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 30))
AUTO_BACKUP_FOLDER: Option[str] = Option("backup.auto_folder", str, "", since=2)
AUTO_BACKUP_KEEP: Option[int] = Option("backup.auto_keep", int, 14, minimum=1, maximum=365, since=2)
AUTO_BACKUP_TIME: Option[str] = Option("backup.auto_time", str, "12:30", choices=AUTO_BACKUP_TIMES, since=2)

ALL_OPTIONS: tuple[Option[Any], ...] = (
    LANGUAGE,
    IDLE_LOCK_MINUTES,
    PRINTER_NAME,
    FORM_PAPER,
    SLIP_PAPER,
    WORKSTATION_NAME,
    PRINTER_SLIP,
    PRINTER_CARD,
    PRINTER_A4,
    AUTO_BACKUP_FOLDER,
    AUTO_BACKUP_KEEP,
    AUTO_BACKUP_TIME,
)

# The settings file's version, written as "settings.version" on every save. 2 (issue 14): a printer per kind of
# document, the automatic backup. A file from an older release reads as it is (a newer option reads as its default until set); a file
# from a newer release keeps the options this release does not know, untouched, when this release saves.
SETTINGS_VERSION = 2
VERSION_KEY = "settings.version"


class SettingsStore:
    """Settings kept as JSON in the data directory; unknown or invalid entries fall back to defaults."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._values: dict[str, Any] = {}
        self.reload()

    def reload(self) -> None:
        raw = read_json(self._path)
        self._values = raw if isinstance(raw, dict) else {}

    def get(self, option: Option[T]) -> T:
        value = self._values.get(option.key, option.default)
        try:
            return option.check(value)
        except ValidationError:
            return option.default

    def set(self, option: Option[T], value: T) -> None:
        self._values[option.key] = option.check(value)

    @property
    def version(self) -> int:
        """The version the file was written at (1: before versions were written)."""
        value = self._values.get(VERSION_KEY, 1)
        return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else 1

    def save(self) -> None:
        """Write atomically: a crash or full disk leaves the previous file intact."""
        self._values[VERSION_KEY] = max(self.version, SETTINGS_VERSION)
        write_json_atomic(self._path, self._values)
