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

ALL_OPTIONS: tuple[Option[Any], ...] = (
    LANGUAGE,
    IDLE_LOCK_MINUTES,
    PRINTER_NAME,
    FORM_PAPER,
    SLIP_PAPER,
    WORKSTATION_NAME,
)


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

    def save(self) -> None:
        """Write atomically: a crash or full disk leaves the previous file intact."""
        write_json_atomic(self._path, self._values)
