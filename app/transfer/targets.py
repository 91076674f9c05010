"""Transfer time targets, set by the admin (defaults: request within 30 min of classification,
departure within 60 min of request, handover within 120 min of departure)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import ClinicSetting
from app.errors import ValidationError

TARGETS_KEY = "transfer.targets"


@dataclass(frozen=True)
class TransferTargets:
    request_minutes: int = 30
    departure_minutes: int = 60
    handover_minutes: int = 120

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            if not isinstance(value, int) or not 5 <= value <= 24 * 60:
                raise ValidationError("transfer_target", field=name)

    def window(self, minutes: int) -> tuple[timedelta, timedelta]:
        """(warn after, due after): warn when two thirds of the time is gone."""
        return timedelta(minutes=minutes * 2 / 3), timedelta(minutes=minutes)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


def load_targets(s: Session) -> tuple[TransferTargets, int]:
    row = s.execute(select(ClinicSetting.value, ClinicSetting.version).where(ClinicSetting.key == TARGETS_KEY)).first()
    if row is None:
        return TransferTargets(), 0
    data = json.loads(row.value)
    return TransferTargets(**{k: v for k, v in data.items() if k in TransferTargets.__dataclass_fields__}), row.version
