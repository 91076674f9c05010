"""Index-friendly prefix search on SQLite and PostgreSQL.

``LIKE 'abc%'`` cannot use a plain index (SQLite's LIKE ignores case; PostgreSQL needs a
pattern-ops index), so a prefix becomes a range: ``col >= 'abc' AND col < 'abc' || U+10FFFF``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_

_TOP = "\U0010ffff"


def starts_with(column: Any, prefix: str) -> ColumnElement[bool]:
    return and_(column >= prefix, column < prefix + _TOP)
