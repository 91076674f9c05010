"""Scanned and typed text, cleaned before anything is decoded (issue 13).

A keyboard-wedge scanner "types" what it reads; on a desk whose input method is Chinese, or with Caps
Lock on, what arrives is not what the code holds: full-width punctuation (``：￥％。、＊＋－``, the
ideographic space), letters in the other case, and whatever the scanner adds before and after (an AIM
prefix such as ``]Q1``, CR/LF, a tab, quotes). Everything scanned goes through here first:

* ``permit_text`` — ward permits (``FSP1:`` + Base45, whose alphabet is upper-case ``0-9A-Z`` and
  `` $%*+-./:``): NFKC, the input method's punctuation mapped back, junk before the prefix (found
  whatever its case) and after the code dropped, then upper-cased — so Caps Lock cannot hurt.
* ``permit_number`` — a permit number typed by hand, upper-cased.
* ``token_candidates`` — transfer forms and receipts (``FST1:`` + base64url, case-sensitive): the text
  as typed, then with the case of every letter swapped (Caps Lock); ``verify_first`` tries them in turn.

Nothing here raises: any text gives a string (maybe empty) the decoder then refuses in its own words.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable
from typing import TypeVar

PERMIT_PREFIX = "FSP1:"
TOKEN_PREFIX = "FST1:"
MAX_SCAN = 4000  # longer than any code we print: cut before doing any work on it

#: What a Chinese input method types instead of the ASCII punctuation a code holds (after NFKC, which
#: already maps the full-width forms ``：％＊＋－／．`` and the ideographic space to ASCII).
_IME = str.maketrans({
    "￥": "$", "¥": "$",  # Shift+4 under a Chinese input method
    "。": ".", "｡": ".",
    "、": "/",
    "×": "*", "∗": "*",
    "—": "-", "–": "-", "‐": "-", "‑": "-", "−": "-",
    "\u3000": " ", "\u00a0": " ",
    "：": ":", "％": "%", "＊": "*", "＋": "+", "－": "-",
})
_BASE45 = frozenset(string.digits + string.ascii_uppercase + " $%*+-./:")
_TOKEN = frozenset(string.ascii_letters + string.digits + "-_.:")
_NOISE = " \t\r\n\v\f\"'`“”‘’「」『』《》<>[](){}"

T = TypeVar("T")


def normalize(text: str) -> str:
    """NFKC, the input method's punctuation back to ASCII, control characters and surrounding
    whitespace and quotes gone."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", text[:MAX_SCAN])
    text = text.translate(_IME)
    if not (text.isascii() and text.isprintable()):  # a clean scan (most of them) has nothing to drop
        text = "".join(ch for ch in text if ch in " \t" or unicodedata.category(ch)[0] != "C")
    return text.strip(_NOISE)


def _from_prefix(text: str, prefix: str) -> str | None:
    found = re.search(re.escape(prefix), text, re.IGNORECASE | re.ASCII)
    return None if found is None else prefix + text[found.end():]


def permit_text(scanned: str) -> str:
    """A scanned permit (``FSP1:…``) cleaned and upper-cased; anything else is returned normalised."""
    text = normalize(scanned)
    found = _from_prefix(text, PERMIT_PREFIX)
    if found is None:
        return text
    body = found[len(PERMIT_PREFIX):].upper()
    end = len(body)
    while end and (body[end - 1] not in _BASE45 or body[end - 1] == " "):  # a scanner's suffix; Base45 never
        end -= 1  # ends with a space
    return PERMIT_PREFIX + body[:end]


def is_permit(text: str) -> bool:
    return text.startswith(PERMIT_PREFIX)


def permit_number(typed: str) -> str:
    """A permit number typed by hand: no spaces, upper case."""
    return "".join(normalize(typed).split()).upper()


def token_candidates(scanned: str) -> list[str]:
    """A scanned transfer form or receipt: as typed, then with every letter's case swapped (Caps Lock).
    Text without the ``FST1:`` prefix comes back normalised, alone."""
    if isinstance(scanned, str):
        scanned = scanned[:MAX_SCAN].replace("——", "_")  # Shift+minus ("_") under a Chinese input method
    text = normalize(scanned)
    found = _from_prefix(text, TOKEN_PREFIX)
    if found is None:
        return [text]
    body = found[len(TOKEN_PREFIX):]
    end = len(body)
    while end and body[end - 1] not in _TOKEN:
        end -= 1
    body = body[:end]
    first = TOKEN_PREFIX + body
    swapped = TOKEN_PREFIX + body.swapcase()
    return [first] if swapped == first else [first, swapped]


def verify_first(scanned: str, verify: Callable[[str], T]) -> T:
    """``verify`` each candidate of a scanned token in turn; the first that verifies wins. When none
    does, the first candidate's error is raised (the text as typed says best what is wrong)."""
    first_error: Exception | None = None
    for candidate in token_candidates(scanned):
        try:
            return verify(candidate)
        except Exception as exc:  # noqa: BLE001 - re-raised below when no candidate verifies
            if first_error is None:
                first_error = exc
    assert first_error is not None
    raise first_error
