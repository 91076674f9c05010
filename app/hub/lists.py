"""What the county may publish to every clinic (issue 13): each item checked before anything is stored, so
no clinic ever pulls a list it cannot apply. A bad list is refused whole with the item number (1-based) and
the field: ``list_item`` (a missing, mistyped, too long or unknown field), ``list_duplicate`` (the same name
twice), ``list_format`` (not a list of objects, too many items, a file the hub cannot read).

The vocabularies are the clinic's own: risk levels from app.triage (the same words its ``risk-areas import``
takes), hospital kinds from app.transfer.vocab.HospitalKind; the field lengths are the clinic tables' columns.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from typing import Any

from app.errors import ValidationError
from app.transfer.vocab import HospitalKind
from app.triage.config_service import LEVEL_WORDS, parse_risk_areas
from app.triage.rules import normalise_area

MAX_ITEMS = 5000
RISK_FIELDS = ("name", "level", "since")
HOSPITAL_TEXT = {"name": (100, True), "address": (200, False), "phone": (30, False)}  # maximum, required
HOSPITAL_FIELDS = (*HOSPITAL_TEXT, "kind", "accepting")


def _bad(item: int, field: str, reason: str, **figures: Any) -> ValidationError:
    """``reason`` is a key of app.vocabulary.errors.LIST_REASONS: the county reads it in words."""
    return ValidationError("list_item", item=item, field=field, reason=reason, **figures)


def _text(item: int, raw: dict[str, Any], field: str, maximum: int, required: bool) -> str:
    value = raw.get(field)
    if value is None or value == "":
        if required:
            raise _bad(item, field, "missing")
        return ""
    if not isinstance(value, str):
        raise _bad(item, field, "not_text")
    text = " ".join(value.split())
    if any(unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs") for c in text):
        raise _bad(item, field, "control_character")
    if required and not text:
        raise _bad(item, field, "missing")
    if len(text) > maximum:
        raise _bad(item, field, "too_long", maximum=maximum)
    return text


def _risk_area(n: int, raw: dict[str, Any]) -> dict[str, Any]:
    name = normalise_area(_text(n, raw, "name", 100, True))
    if len(name) < 2:
        raise _bad(n, "name", "too_short", minimum=2)
    level = raw.get("level")
    code = LEVEL_WORDS.get(level.strip().lower()) if isinstance(level, str) else None
    if code is None:
        raise _bad(n, "level", "not_level")
    since = raw.get("since")
    if since not in (None, ""):
        try:
            since = date.fromisoformat(since).isoformat() if isinstance(since, str) else None
        except ValueError:
            since = None
        if since is None:
            raise _bad(n, "since", "not_date")
    return {"name": name, "level": code, "since": since or None}


def _hospital(n: int, raw: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {field: _text(n, raw, field, maximum, required)
                            for field, (maximum, required) in HOSPITAL_TEXT.items()}
    kind = raw.get("kind")
    if not isinstance(kind, str) or kind not in HospitalKind._value2member_map_:
        raise _bad(n, "kind", "not_kind", allowed="/".join(k.value for k in HospitalKind))
    accepting = raw.get("accepting", True)
    if not isinstance(accepting, bool):
        raise _bad(n, "accepting", "not_yes_no")
    return {**item, "kind": kind, "accepting": accepting}


CLEANERS = {"risk_areas": (_risk_area, RISK_FIELDS), "hospitals": (_hospital, HOSPITAL_FIELDS)}


def clean_items(name: str, items: Any) -> list[dict[str, Any]]:
    """The list as the clinics will get it (names normalised, risk levels as codes), or ValidationError."""
    if name not in CLEANERS:
        raise ValidationError("list_name", field="name")
    if not isinstance(items, list):
        raise ValidationError("list_format", field="items", reason="not_a_list")
    if len(items) > MAX_ITEMS:
        raise ValidationError("list_format", field="items", reason="too_many", maximum=MAX_ITEMS)
    clean, fields = CLEANERS[name]
    cleaned: list[dict[str, Any]] = []
    first: dict[str, int] = {}
    for n, raw in enumerate(items, start=1):
        if not isinstance(raw, dict):
            raise _bad(n, "item", "not_object")
        unknown = sorted(str(k) for k in raw if k not in fields)
        if unknown:
            raise _bad(n, unknown[0], "unknown_field")
        item = clean(n, raw)
        if item["name"] in first:
            raise ValidationError("list_duplicate", item=n, field="name", first=first[item["name"]])
        first[item["name"]] = n
        cleaned.append(item)
    return cleaned


def items_from_file(name: str, data: bytes, filename: str) -> list[dict[str, Any]]:
    """A file to publish: JSON (a list of objects) for either list; for risk areas also the CSV the clinic's
    ``risk-areas import`` takes (``name,level[,since]``, read by the clinic's own parser)."""
    if name not in CLEANERS:
        raise ValidationError("list_name", field="name")
    if name == "risk_areas" and not filename.lower().endswith(".json"):
        records = parse_risk_areas(data, filename)
        return clean_items(name, [{"name": r.name, "level": r.level,
                                   "since": r.since.isoformat() if r.since else None} for r in records])
    from app.hub.store import shallow_json

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError("file_encoding", field="file") from exc
    if not shallow_json(text):
        raise ValidationError("list_format", field="file", reason="nested")
    try:
        items = json.loads(text)
    except ValueError as exc:
        raise ValidationError("list_format", field="file", reason="not_json") from exc
    return clean_items(name, items)
