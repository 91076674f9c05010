"""Who submits and delivers the daily report when nobody does: the system, on the desk that noticed.

"病例零报告、日报告": a report is due every day, whoever is at the desks. Every desk (a nurse's, a
doctor's, the gate's as much as an admin's) runs the automatic submission and the delivery of what is
queued as ``automatic_actor(workstation)``: ``Actor.system`` on that workstation, marked ``automatic``,
audited as the system with the workstation.

Its authorisation is explicit and narrow (``authorize_automatic``): it may do exactly two things —
submit a day's report *marked automatic* once the day's deadline has passed
(``ReportService.auto_submit_due``) and deliver what is already queued, not forced
(``SyncService.push``). Anything else the reporting services offer (a manual submission, a correction,
"sync now", pulling the county's lists, the hub address, the auto-submission time) stays with a person
who has the right; the command line (``Actor.system()`` without the mark: whoever holds the data
directory) keeps its full powers.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from app.actor import Actor
from app.errors import PermissionDenied
from app.permissions import Perm
from app.services.base import AUTOMATIC_ROLE, authorize

AUTOMATIC = AUTOMATIC_ROLE
SYSTEM_NAME = "system"
#: What the automatic actor may do, each named where it is checked.
ALLOWED = frozenset({"report.auto_submit", "sync.deliver"})


def automatic_actor(workstation: str | None = None) -> Actor:
    """The system on ``workstation``, for automatic submission and delivery only."""
    system = Actor.system(workstation)
    return replace(system, username=SYSTEM_NAME, roles=frozenset({*system.roles, AUTOMATIC}))


def is_automatic(actor: Actor) -> bool:
    return actor.is_system and AUTOMATIC in actor.roles


def refuse_automatic(actor: Actor, perm: Perm, what: str) -> None:
    """The automatic actor may do ``what`` only if it is in ALLOWED (anyone else: not decided here)."""
    if is_automatic(actor) and what not in ALLOWED:
        raise PermissionDenied("automatic_not_allowed", permission=perm.value, action=what)


def authorize_automatic(s: Session, actor: Actor, perm: Perm, what: str) -> None:
    """A person needs ``perm``; the command line may; the automatic actor only for ``what`` in ALLOWED."""
    refuse_automatic(actor, perm, what)
    if not is_automatic(actor):
        authorize(s, actor, perm)
