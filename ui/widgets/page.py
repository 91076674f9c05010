"""The page contract: what the main window may ask of every page in its sidebar.

A page names itself (``title()``, the sidebar's words, in the current language), is told when it comes
into view (``activated()``: re-read its data, put the cursor where work starts) and re-translates itself on
a language switch. The main window relies on this declaration, never on ``hasattr``;
tests/ui/test_widget_kit.py checks that every page it can build keeps it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget


class Page(QWidget):
    """Base of the main window's pages: re-translates on LanguageChange, as Dialog does for dialogs."""

    def title(self) -> str:
        """The page's name in the sidebar; every page gives its own."""
        raise NotImplementedError(f"{type(self).__name__} does not name itself")

    def activated(self) -> None:
        """The page came into view (chosen in the sidebar, landed on, or re-read after a language switch)."""
        raise NotImplementedError(f"{type(self).__name__} does not say what it does when shown")

    def retranslate(self) -> None:
        """Set every visible text; called at construction and on each language switch."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
