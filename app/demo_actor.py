"""The demo data's people: each area's demo acts as a seeded account, through the real services (audited)."""

from __future__ import annotations

from sqlalchemy import select

from app.actor import Actor
from app.db.engine import Database
from app.db.models import User


def demo_actor(db: Database, username: str, workstation: str) -> Actor:
    """The demo account ``username`` at ``workstation``, with its roles as stored."""
    with db.read() as s:
        user = s.scalars(select(User).where(User.username == username)).one()
        return Actor(user.id, user.username, user.role_names, workstation)
