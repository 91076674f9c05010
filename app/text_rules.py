"""What a name or a free-text field may contain: printable text, never invisible or steering characters.

PIPL (《个人信息保护法》) asks that personal information be accurate; a name that carries a zero-width space
(张\u200b三) looks like 张三 on screen but is not found by a search for 张三, and a right-to-left override turns
"123" into "321" on a printed form. So the services refuse, with ``ValidationError("control_characters",
field=...)``:

- C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F), NUL included — except line feed and tab in a
  multi-line note (``multiline=True``; a carriage return there is folded into the line feed);
- format characters (Unicode category Cf): zero-width space/joiners (U+200B–U+200D), word joiner (U+2060),
  the byte-order mark (U+FEFF), bidirectional marks, embeddings, overrides and isolates (U+200E/U+200F,
  U+202A–U+202E, U+2066–U+2069), soft hyphen, tags;
- line and paragraph separators (U+2028/U+2029) and surrogates;
- code points not assigned in the running Python's Unicode database (category Cn). Private-use characters
  (Co) stay allowed: some clinics' input methods put rare name characters there.

``check_text`` is called where a name or free text enters a service (app/triage/identity.py for patients,
permit holders and paper-import rows; users' full names; reasons and notes). ``refuse_hidden_characters``
is the safety net for everything else: app/db/engine.py runs it over every string an ORM flush writes,
naming the column, with the multi-line exceptions (it cannot know which column is a note).
Scanner input is not text typed by a person: the gate normalises scans before they reach a service.
"""

from __future__ import annotations

import unicodedata

from app.errors import ValidationError

_ALWAYS_OK = frozenset("\n\t")
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})


def first_bad_character(value: str, *, multiline: bool = False) -> int | None:
    """Index of the first refused character in ``value``, or None when the text is clean."""
    for i, ch in enumerate(value):
        if " " <= ch <= "~":  # plain printable ASCII: the common case, no table look-up
            continue
        if multiline and ch in _ALWAYS_OK:
            continue
        if unicodedata.category(ch) in _REFUSED_CATEGORIES:
            return i
    return None


def check_text(value: str | None, field: str, *, multiline: bool = False, row: int | None = None) -> str | None:
    """``value`` unchanged (a note's CR LF folded to LF), or ``ValidationError("control_characters")``.

    The error names the field, the position (1-based) and the code point (``U+200B``) — never the text
    itself, which may be a name. ``row`` is the paper-import row it came from, when there is one."""
    if value is None:
        return None
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    at = first_bad_character(value, multiline=multiline)
    if at is None:
        return value
    details: dict[str, object] = {"field": field, "position": at + 1, "code_point": f"U+{ord(value[at]):04X}"}
    if row is not None:
        details["row"] = row
    raise ValidationError("control_characters", **details)


def refuse_hidden_characters(value: str, field: str) -> None:
    """The flush-time safety net: every stored string, multi-line allowed (a note may hold line feeds)."""
    check_text(value.replace("\r", ""), field, multiline=True)
