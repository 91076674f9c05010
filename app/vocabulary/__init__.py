"""One vocabulary: the words a person meets for every code (enum values, audited actions, entity kinds, error
codes, report rows, clock kinds), in both languages, defined once here.

Paper prints ``zh``; the desks show ``zh`` or ``en`` by the desk's language (``ui/labels.py`` picks); the CLI
the same by its own language. Pure Python, no Qt: the printed forms, the CLI and the hub read the same
tables, so the screen and the paper cannot say different things.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


def cli_language(data_dir: str | None) -> str:
    """The command line speaks Chinese when the data directory's settings say so (``ui.language`` = zh_CN, as
    the desk's settings dialog writes it), else English: an admin's terminal or a script keeps English."""
    from app.errors import FeverSentinelError
    from app.jsonfile import read_json
    from app.paths import resolve_paths
    from app.settings import LANGUAGE

    try:
        raw = read_json(resolve_paths(data_dir).settings)
    except FeverSentinelError:  # a malformed machine configuration: it says so itself
        return "en"
    return "zh_CN" if isinstance(raw, dict) and raw.get(LANGUAGE.key) == "zh_CN" else "en"


def label(table: Mapping[str, Words], code: object, default: str = "", language: str = "zh_CN") -> str:
    """Words for ``code`` in ``table`` (Chinese, as printed, unless ``language`` says otherwise); the code itself
    when unknown — an old or odd row must never fail a print job — and ``default`` when empty."""
    if code is None or code == "":
        return default
    words = table.get(str(code))
    return words.say(language) if words is not None else str(code)


def labels(table: Mapping[str, Words], codes: Iterable[object], language: str = "zh_CN") -> list[str]:
    """Words for several codes in the table's (clinical) order, unknown codes last and sorted."""
    wanted = {str(c) for c in codes}
    known = [words.say(language) for code, words in table.items() if code in wanted]
    return known + sorted(c for c in wanted if c not in table)
