"""How the clinic handles a fever patient: refer every one (sentinel room) or treat (fever room / clinic).

Two seed regions differ: one says township and village clinics "不得接诊发热病例，门诊发现发热病例须立即转定点发热门诊"
(二级以下医疗机构不得接诊发热病例), another has township centres run their own 发热诊室. The mode is a clinic
setting (``clinic_settings`` key ``clinic.mode``), chosen in the set-up wizard and changed by an admin
(audited); without one, the default follows the clinic's level.

Set at initialisation (``ClinicService.initialize(mode=...)``, ``fever-sentinel init --mode``) and
changed by an admin with a reason (``ClinicService.change_mode``, audited ``clinic.mode_change``);
every desk shows it in its status bar. The setting's value is the bare code ("refer" / "treat").
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from app.clinic_info import ClinicLevel
from app.errors import ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MODE_KEY = "clinic.mode"


class ClinicMode(StrEnum):
    REFER = "refer"  # 哨点诊室: register, isolate, sample if possible, refer by transfer to the designated fever clinic
    TREAT = "treat"  # 发热诊室 / 发热门诊: the full fever-clinic workflow (tests, classification, disposition)


def default_mode(level: str) -> ClinicMode:
    """Township and village clinics refer by default; a county hospital runs a fever clinic."""
    return ClinicMode.TREAT if level == ClinicLevel.COUNTY else ClinicMode.REFER


def check_mode(value: object) -> ClinicMode:
    """A mode as given by a form or the command line; ``clinic_mode`` if it is neither refer nor treat."""
    if not isinstance(value, str) or value not in ClinicMode._value2member_map_:
        raise ValidationError("clinic_mode", field="mode")
    return ClinicMode(value)


def load_mode(s: Session) -> ClinicMode:
    """The mode in force: the admin's setting, else the default for the clinic's level."""
    from sqlalchemy import select  # here, not above: the words for the modes are read without the database layer

    from app.db.models import Clinic, ClinicSetting

    value = s.scalar(select(ClinicSetting.value).where(ClinicSetting.key == MODE_KEY))
    if value is not None and value in ClinicMode._value2member_map_:
        return ClinicMode(value)
    level = s.scalar(select(Clinic.level).limit(1))
    return default_mode(level or ClinicLevel.TOWNSHIP)
