"""What a logged-in window needs, passed down explicitly: context, actor, runner, clinic."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.actor import Actor, default_workstation
from app.clinic_info import DEFAULT_TIMEZONE, ClinicInfo
from app.permissions import Perm, permissions_of
from app.settings import WORKSTATION_NAME, SettingsStore
from ui.ops import Runner

if TYPE_CHECKING:  # the log-in window imports this before the database stack is loaded
    from zoneinfo import ZoneInfo

    from app.context import AppContext


def workstation_name(settings: SettingsStore) -> str:
    """The configured desk name, else the computer's name: recorded in every audit row."""
    return settings.get(WORKSTATION_NAME).strip()[:64] or default_workstation()


def clinic_zone(clinic: ClinicInfo) -> ZoneInfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # after log-in: the log-in window needs no zone

    try:
        return ZoneInfo(clinic.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


@dataclass
class Session:
    ctx: AppContext
    actor: Actor
    runner: Runner
    clinic: ClinicInfo
    full_name: str

    def can(self, perm: Perm) -> bool:
        return perm in permissions_of(self.actor.roles)

    @property
    def zone(self) -> ZoneInfo:
        return clinic_zone(self.clinic)
