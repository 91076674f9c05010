"""Which printer a document goes to: each desk remembers its printer per kind of document.

A desk usually has a thermal roll printer for guide slips (58/80 mm), a card printer (or the same roll) for
ward permits, and an A4 printer for forms and reports. The print preview preselects the printer this desk
last used for the document's kind (app/settings.py PRINTER_SLIP/PRINTER_CARD/PRINTER_A4) and saves the
choice when the user prints. A remembered printer that is gone (renamed, removed, another desk's) falls back
to the desk's default printer (PRINTER_NAME, set in Settings), then to the system's default, with a note.

On Linux Qt prints through CUPS (the ``cupsprintersupport`` plug-in, also under QT_QPA_PLATFORM=offscreen);
on Windows through the spooler. A broken print system lists no printers rather than stopping the desk.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrinterInfo

from app.errors import FeverSentinelError
from app.settings import PRINTER_BY_KIND, PRINTER_NAME, SettingsStore

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate extracts translate("Printers", ...)

MM_PER_POINT = 25.4 / 72
ROLL_MAX_WIDTH_MM = 82.0  # 58 and 80 mm rolls (a little slack for rounding)
CARD_MM = (85.6, 54.0)  # CR80 (ISO/IEC 7810 ID-1)


class PrintKind(str, Enum):
    SLIP = "slip"
    CARD = "card"
    A4 = "a4"


# file-name prefixes the pages use (ui/pages/*: f"guide-slip-{visit_no}.pdf", f"permit-{number}.pdf", …)
_BY_NAME: tuple[tuple[str, PrintKind], ...] = (
    ("guide-slip-", PrintKind.SLIP),
    ("buyer-guide-slip-", PrintKind.SLIP),
    ("permit-", PrintKind.CARD),
)


def kind_of(file_name: str, page_points: tuple[float, float] | None) -> PrintKind:
    """The kind of a document: named by its file name, else by its first page's size (roll, card, sheet)."""
    for prefix, kind in _BY_NAME:
        if file_name.startswith(prefix):
            return kind
    if page_points is None:
        return PrintKind.A4
    width, height = (v * MM_PER_POINT for v in page_points)
    if min(width, height) <= ROLL_MAX_WIDTH_MM and max(width, height) > CARD_MM[0] + 1:
        return PrintKind.SLIP  # a roll: narrow and as long as its content
    if abs(max(width, height) - CARD_MM[0]) <= 2 and abs(min(width, height) - CARD_MM[1]) <= 2:
        return PrintKind.CARD
    return PrintKind.A4


def available_printers() -> list[str]:
    try:
        return list(QPrinterInfo.availablePrinterNames())
    except Exception:  # noqa: BLE001 - a broken print system must not stop the desk
        log.exception("could not list printers")
        return []


def default_printer() -> str:
    try:
        return QPrinterInfo.defaultPrinterName()
    except Exception:  # noqa: BLE001
        log.exception("could not read the default printer")
        return ""


def kind_label(kind: PrintKind) -> str:
    labels = {
        PrintKind.SLIP: translate("Printers", "guide slips"),
        PrintKind.CARD: translate("Printers", "permit cards"),
        PrintKind.A4: translate("Printers", "A4 forms"),
    }
    return labels[kind]


@dataclass(frozen=True)
class PrinterChoice:
    """The printer to preselect ("" = Qt's default) and, when the remembered one is gone, a note saying so."""

    name: str
    note: str = ""


def choose_printer(settings: SettingsStore, kind: PrintKind, available: list[str] | None = None,
                   system_default: str | None = None) -> PrinterChoice:
    names = available_printers() if available is None else available
    fallback_default = default_printer() if system_default is None else system_default
    remembered = settings.get(PRINTER_BY_KIND[kind.value])
    desk_default = settings.get(PRINTER_NAME)
    fallback = desk_default if desk_default in names else (fallback_default if fallback_default in names else "")
    if not remembered:
        return PrinterChoice(fallback)
    if remembered in names:
        return PrinterChoice(remembered)
    if fallback:
        note = translate(
            "Printers", "The printer last used for {kind}, “{old}”, is not available; the default printer "
            "“{new}” is selected.").format(kind=kind_label(kind), old=remembered, new=fallback)
    else:
        note = translate(
            "Printers", "The printer last used for {kind}, “{old}”, is not available, and there is no default "
            "printer: choose one.").format(kind=kind_label(kind), old=remembered)
    return PrinterChoice(fallback, note)


def remember_printer(settings: SettingsStore, kind: PrintKind, name: str) -> bool:
    """Save ``name`` as this desk's printer for ``kind``; True when it was saved. A settings file that cannot be
    written (full disk, read-only folder) is logged and does not stop the printing."""
    if not name or settings.get(PRINTER_BY_KIND[kind.value]) == name:
        return False
    try:
        settings.set(PRINTER_BY_KIND[kind.value], name)
        settings.save()
    except (FeverSentinelError, OSError):
        log.exception("could not save the printer for %s", kind.value)
        return False
    return True
