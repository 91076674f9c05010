"""Error codes (plus details) to sentences on the desks.

Services raise typed errors with a stable ``code``; the words for every code live once, in both languages, in
``app/vocabulary/errors.py`` (the command line and the county hub read the same table). This module picks the
desk's language.
"""

from __future__ import annotations

from typing import Any

from app.errors import FeverSentinelError, ValidationError
from app.vocabulary import errors as words
from ui.i18n import current_language


def known_codes() -> frozenset[str]:
    return frozenset(words.ERRORS)


def error_text(exc: BaseException) -> str:
    """The sentence for an error; unexpected exceptions get a generic one (they are logged)."""
    language = current_language()
    if isinstance(exc, FeverSentinelError):
        return words.sentence(exc.code, exc.details, language)
    from app.logfile import current_path

    log = current_path()
    if log is not None:
        return words.fill(words.UNEXPECTED_LOG, {"path": log}, language)
    return words.UNEXPECTED.say(language)


def code_text(code: str, **details: Any) -> str:
    """A sentence for a code raised by the UI itself (e.g. passwords_differ)."""
    return error_text(ValidationError(code, **details))


def error_title(exc: BaseException) -> str:
    """The heading of a message box, by the kind of error (the nearest class with a title)."""
    for cls in type(exc).__mro__:
        title = words.TITLES.get(cls.__name__)
        if title is not None:
            return title.say(current_language())
    return words.TITLES["FeverSentinelError"].say(current_language())


def field_of(exc: BaseException) -> str | None:
    """Which form field an error belongs to, so the form can show it next to that field."""
    if not isinstance(exc, FeverSentinelError):
        return None
    if exc.code == "username_taken":
        return "username"
    field = exc.details.get("field")
    return str(field) if field else None
