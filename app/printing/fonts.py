"""The embedded CJK fonts every printed document uses.

ReportLab's built-in CID font (STSong-Light) is not embedded, so viewers without a Chinese font show
boxes; the bundled Noto Sans SC TrueType files are embedded (subsetted, ~16 KB per document) instead.
Parsing a 10 MB font takes ~0.15 s, so it happens once per process.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import TableStyle

from app.resources import CJK_FONT_BOLD, CJK_FONT_REGULAR, resource_path

REGULAR_NAME = "FeverSentinel-NotoSansSC"
BOLD_NAME = "FeverSentinel-NotoSansSC-Bold"

_lock = threading.Lock()
_registered: tuple[str, str] | None = None


def register_cjk_fonts() -> tuple[str, str]:
    """Register the regular and bold fonts with ReportLab (once, thread-safe); return their names.

    Also maps the family so ``<b>`` in a Paragraph picks the bold file.
    """
    global _registered
    if _registered is not None:
        return _registered
    with _lock:
        if _registered is None:
            known = set(pdfmetrics.getRegisteredFontNames())
            for name, parts in ((REGULAR_NAME, CJK_FONT_REGULAR), (BOLD_NAME, CJK_FONT_BOLD)):
                if name not in known:
                    pdfmetrics.registerFont(TTFont(name, str(resource_path(*parts))))
            for bold in (0, 1):
                for italic in (0, 1):  # no italic face: keep upright rather than fall back to Helvetica
                    addMapping(REGULAR_NAME, bold, italic, BOLD_NAME if bold else REGULAR_NAME)
            _registered = (REGULAR_NAME, BOLD_NAME)
    return _registered


def fonts_registered() -> bool:
    """Whether the one-off registration has already happened (benchmarks report it separately)."""
    return _registered is not None


def cjk_table_style(commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """A TableStyle whose default cell font is the embedded one (the default, Helvetica, is not embedded)."""
    regular, _ = register_cjk_fonts()
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), regular), *commands])
