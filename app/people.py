"""Log-in names to the people's real names, for paper and boards (issue 15: an inspector reads 李秀英, not
``nurse_li``). Rows keep the username (the audit trail's key); the full name is read when a record is made,
so a renamed user prints under the name they have now and no name is ever typed twice."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.db.models import User


# Built once (issue 16: building it cost more than running it); read on the session's connection, no autoflush.
_NAMES = select(User.username, User.full_name).where(User.username.in_(bindparam("names", expanding=True)))


def full_names(s: Session, usernames: Iterable[str | None]) -> dict[str, str]:
    """username → full name for the known users among ``usernames`` (unknown ones are left out)."""
    wanted = {u for u in usernames if u}
    if not wanted:
        return {}
    return {u: n for u, n in s.connection().execute(_NAMES, {"names": sorted(wanted)})}


def full_name(s: Session, username: str | None) -> str:
    """The user's full name; the username itself when no such user exists (``cli:root``, a deleted row)."""
    if not username:
        return ""
    return full_names(s, [username]).get(username, username)
