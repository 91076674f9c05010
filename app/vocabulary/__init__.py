"""One vocabulary: the words a person meets for every code (enum values, audited actions, entity kinds, error
codes, report rows, clock kinds), in both languages, defined once here.

Paper prints ``zh``; the desks show ``zh`` or ``en`` by the desk's language (``ui/labels.py`` picks); the CLI
the same by its own language. Pure Python, no Qt: the printed forms, the CLI and the hub read the same
tables, so the screen and the paper cannot say different things.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("zh_CN", "en")


@dataclass(frozen=True, slots=True)
class Words:
    """The words for one code: ``zh`` as printed on the clinic's documents and shown on a Chinese desk,
    ``en`` as shown on an English desk. Either may hold ``str.format`` fields the caller fills."""

    zh: str
    en: str

    def say(self, language: str) -> str:
        """The words in ``language`` ("zh_CN" or "en"; any other Chinese locale reads Chinese)."""
        return self.zh if language.startswith("zh") else self.en
