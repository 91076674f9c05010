"""The clinic's contact details for paper (issue 15): its phone (on the transfer handover form, beside the
receiving hospital's) and who reviews (审核人) and answers for (负责人) the daily report. A clinic setting
(``clinic_settings`` key ``clinic.contacts``, JSON), kept by an admin; empty until set, and then the paper
prints blank lines to write on."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import ClinicSetting
from app.errors import ValidationError
from app.text_rules import check_text

CONTACTS_KEY = "clinic.contacts"
#: field → the longest value kept (a phone with extension; a person's full name, as users.full_name)
LIMITS = {"phone": 30, "reviewer": 64, "head": 64}


@dataclass(frozen=True)
class ClinicContacts:
    phone: str = ""  # 本机构联系电话 (the fever clinic's desk, where the receiving hospital calls back)
    reviewer: str = ""  # 审核人 of the daily report
    head: str = ""  # 负责人

    def __post_init__(self) -> None:
        for name, maximum in LIMITS.items():
            value = getattr(self, name)
            check_text(value, name)
            if len(value) > maximum:
                raise ValidationError("too_long", field=name, maximum=maximum)

    @classmethod
    def cleaned(cls, phone: str = "", reviewer: str = "", head: str = "") -> ClinicContacts:
        """As typed in a form: spaces folded, then checked."""
        return cls(*(" ".join((v or "").split()) for v in (phone, reviewer, head)))

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)


def load_contacts(s: Session) -> tuple[ClinicContacts, int]:
    """The setting and its version (0 when never set); a damaged value reads as not set."""
    row = s.execute(select(ClinicSetting.value, ClinicSetting.version)
                    .where(ClinicSetting.key == CONTACTS_KEY)).first()
    if row is None:
        return ClinicContacts(), 0
    try:
        data = json.loads(row.value)
        return ClinicContacts(**{k: str(data.get(k) or "") for k in LIMITS}), row.version
    except (ValueError, TypeError, AttributeError, ValidationError):
        return ClinicContacts(), row.version
