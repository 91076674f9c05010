"""Identity checks for registration: resident ID (GB 11643), other documents, phone numbers.

Each check returns the normalised value or raises ValidationError with a code and the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import cast

from app.errors import ValidationError
from app.text_rules import check_text
from app.triage.records import PatientInput
from app.triage.vocab import IdType, Sex

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_RESIDENT_RE = re.compile(r"^[1-9]\d{16}[\dX]$")
_OTHER_ID_RES: dict[str, re.Pattern[str]] = {
    IdType.PASSPORT: re.compile(r"^[A-Z0-9]{5,17}$"),
    IdType.HK_MACAU_PERMIT: re.compile(r"^[HM]\d{8}(\d{2})?$"),
    IdType.TAIWAN_PERMIT: re.compile(r"^\d{8}(\d{2})?$"),
}
_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
_INTL_RE = re.compile(r"^\+\d{7,15}$")
MAX_AGE_YEARS = 130


def check_digit(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def parse_resident_id(raw: str, today: date) -> tuple[str, Sex, date]:
    """Validate an 18-digit resident ID; returns (normalised number, sex, birth date)."""
    number = raw.strip().replace(" ", "").upper()
    if not _RESIDENT_RE.match(number):
        raise ValidationError("id_format", field="id_number")
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise ValidationError("id_birth_date", field="id_number") from exc
    if birth > today or today.year - birth.year > MAX_AGE_YEARS:
        raise ValidationError("id_birth_date", field="id_number")
    if check_digit(number[:17]) != number[17]:
        raise ValidationError("id_check_digit", field="id_number")
    sex = Sex.MALE if int(number[16]) % 2 == 1 else Sex.FEMALE
    return number, sex, birth


def normalise_phone(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    phone = re.sub(r"[\s()]", "", raw.strip())
    if phone.startswith("+86"):
        phone = phone[3:].lstrip("-")
    compact = phone.replace("-", "")
    if _MOBILE_RE.match(compact):
        return compact
    if _LANDLINE_RE.match(phone) or _INTL_RE.match(phone):
        return phone
    raise ValidationError("phone", field="phone")


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def normalise_patient(p: PatientInput, today: date) -> PatientInput:
    """The one set of registration rules, shared by the form and the paper-records import (and the
    holders of permits). Control, zero-width and bidi characters are refused first (app/text_rules.py),
    before any whitespace folding could hide them."""
    for field in ("name", "id_number", "id_missing_reason", "phone", "address", "occupation", "workplace"):
        check_text(getattr(p, field), field)
    name = " ".join(p.name.split())
    if not 1 <= len(name) <= 64:
        raise ValidationError("patient_name", field="name")
    if p.id_type not in IdType._value2member_map_:
        raise ValidationError("id_type", field="id_type")
    sex, birth, number, missing = p.sex, p.birth_date, p.id_number, None
    if p.id_type == IdType.RESIDENT_ID:
        number, derived_sex, birth_from_id = parse_resident_id(p.id_number or "", today)
        if p.birth_date is not None and p.birth_date != birth_from_id:
            raise ValidationError("birth_date_mismatch", field="birth_date")
        if p.sex not in (None, "", derived_sex.value):
            raise ValidationError("sex_mismatch", field="sex")
        sex, birth = derived_sex.value, birth_from_id
    elif p.id_type == IdType.OTHER:
        number = (p.id_number or "").strip() or None
        missing = " ".join((p.id_missing_reason or "").split())
        if not missing:
            raise ValidationError("id_missing_reason", field="id_missing_reason")
    else:
        number = (p.id_number or "").strip().upper().replace(" ", "")
        if not _OTHER_ID_RES[p.id_type].match(number):
            raise ValidationError("id_format", field="id_number")
    if sex not in (Sex.MALE, Sex.FEMALE, Sex.UNKNOWN):
        raise ValidationError("sex", field="sex")
    if birth is not None and (birth > today or today.year - birth.year > MAX_AGE_YEARS):
        raise ValidationError("birth_date", field="birth_date")
    for field, value, limit in (("address", p.address, 200), ("occupation", p.occupation, 64),
                                ("workplace", p.workplace, 100), ("id_number", number or "", 30),
                                ("id_missing_reason", missing or "", 100)):
        if len(value.strip()) > limit:
            raise ValidationError("too_long", field=field, maximum=limit)
    return replace(p, name=name, id_number=number, id_missing_reason=missing, sex=sex, birth_date=birth,
                   phone=normalise_phone(p.phone), address=p.address.strip(), occupation=p.occupation.strip(),
                   workplace=p.workplace.strip())


def _alnum_only(chars: str) -> list[str]:
    """pypinyin's hook for characters without pinyin: keep letters and digits, one item each (pypinyin takes a
    list here, though its stub says str)."""
    return [c for c in chars if c.isalnum()]


def name_initials(name: str) -> str:
    """Pinyin initials for look-up while typing (张三 → zs); Latin names give their word initials."""
    if name.isascii():
        return "".join(word[0] for word in name.split()).lower()[:32]
    from pypinyin import Style, lazy_pinyin  # a large dictionary: loaded on first use only

    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=cast("Callable[[str], str]", _alnum_only))
    return "".join(part[:1] for part in letters if part).lower()[:32]
