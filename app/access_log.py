"""Who searched, opened, exported or printed personal information: one audited read path (PIPL).

《个人信息保护法》 counts reading, searching and exporting as processing (第四条) and asks the handler to
record it (第五十一条、第五十五条). A clinic must be able to answer "who looked at this patient, and who
took the patient list home". So these reads append a row to the responsibility trail (app/audit.py), in
the same transaction that reads, so no export or view happens without its row:

- ``access.search`` — a search the user submitted with a criterion (the visit list's search box,
  the permit page's state filter is not personal): what kind of record, the *kind* of criterion
  (visit_no / name / initials / phone / id_number / number) and how many rows matched — never the criterion
  itself when it may be a name, phone or ID number;
- ``access.view`` — one record opened on purpose: a registration's detail, a case timeline, a permit;
- ``access.export`` — a CSV or a saved PDF: the row is written and committed BEFORE the file is
  created (ui/csv_export.py creates the file on the first write), so a refused or failed row means no file;
- ``access.print`` — a form with a name sent to the printer (ui/print_preview.py).

Not logged: list refreshes and the 5-second polls of boards and feeds (the head row of the chain is
locked on every append: logging polls would serialise every desk on it and bury the deliberate reads),
counts without rows, and reads the same user's write already audited (issuing a permit shows it).

The summary holds codes and counts only: ``{"rows": 12, "criteria": "phone", "filters": {...}}``.
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.db.models import User
from app.errors import PermissionDenied
from app.permissions import Perm
from app.services.base import Service, authorize


class Access(StrEnum):
    SEARCH = "access.search"
    VIEW = "access.view"
    EXPORT = "access.export"
    PRINT = "access.print"


class Criteria(StrEnum):
    """The kind of a search criterion, as recorded instead of the criterion itself."""

    VISIT_NO = "visit_no"
    NAME = "name"
    INITIALS = "initials"
    PHONE = "phone"
    ID_NUMBER = "id_number"
    NUMBER = "number"  # digits too short to tell a phone from an ID number or a visit number
    FILTER = "filter"  # no text: day, decision or state filters only


_VISIT_NO_RE = re.compile(r"^[A-Z0-9]{2,8}-\d{8}-\d{4}$|^\d{4}$")
_ID_RE = re.compile(r"^\d{14,17}[\dX]$|^[A-Z]{1,2}\d{6,10}$")
_PHONE_RE = re.compile(r"^\+?\d{7,13}$|^0\d{2,3}-\d{5,8}$")


def criteria_kind(text: str) -> Criteria:
    """Which kind of criterion a search box held (the value itself is never recorded)."""
    term = "".join(text.split()).upper()
    if not term:
        return Criteria.FILTER
    if any(not ch.isascii() for ch in term):
        return Criteria.NAME
    if _ID_RE.match(term):
        return Criteria.ID_NUMBER
    if _PHONE_RE.match(term):
        return Criteria.PHONE
    if _VISIT_NO_RE.match(term) or "-" in term:
        return Criteria.VISIT_NO
    if term.isalpha():
        return Criteria.INITIALS
    return Criteria.NUMBER


def record_access(s: Session, at: datetime, actor: Actor, action: Access, entity: str, rows: int, *,
                  criteria: Criteria | None = None, entity_id: str | int | None = None,
                  filters: dict[str, Any] | None = None) -> int:
    """Append the access row in the caller's (write) transaction; returns its sequence number.

    ``entity`` is the kind of record read (``screening_list``, ``visit``, ``timeline``, ``permit``,
    ``permit_list``, ``transfer_list``, ``printed_form``); ``entity_id`` a visit or permit number, never
    a name or ID number; ``filters`` non-personal filter values only (day, decision, state)."""
    summary: dict[str, Any] = {"rows": rows}
    if criteria is not None:
        summary["criteria"] = criteria.value
    kept = {k: v for k, v in (filters or {}).items() if v not in (None, "", False)}
    if kept:
        summary["filters"] = kept
    return audit.append(s, at, actor, action.value, entity, entity_id, summary)


class AccessLogService(Service):
    """For reads the screen does with data it already holds: printing or saving a form it made."""

    def record(self, actor: Actor, action: Access, entity: str, *, rows: int = 1,
               entity_id: str | int | None = None, perm: Perm | None = Perm.VIEW_PATIENTS) -> int:
        """Commit the access row now (before the print or the file); refused (PermissionDenied) for an
        account that may not read patients (``perm``) or was disabled meanwhile, so nothing is printed or
        saved. ``perm=None`` for forms made by desks without that permission (the screen that made the form
        has already checked its own)."""
        with self.db.write() as s:
            if perm is not None:
                authorize(s, actor, perm)
            elif not actor.is_system and not s.scalar(select(User.active).where(User.id == actor.user_id)):
                raise PermissionDenied("account_disabled")
            return record_access(s, self.clock.now(), actor, action, entity, rows, entity_id=entity_id)
