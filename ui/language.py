"""A language picker for screens shown before log-in (wizard, login): saves and applies at once."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from app.settings import LANGUAGE, SettingsStore
from ui.i18n import LANGUAGE_NAMES, LANGUAGES, current_language, install_language

log = logging.getLogger(__name__)


class LanguagePicker(QComboBox):
    """Names are shown in their own language ("中文", "English"), so they never need translating."""

    def __init__(self, settings: SettingsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        for lang in LANGUAGES:
            self.addItem(LANGUAGE_NAMES[lang], lang)
        self.setCurrentIndex(max(0, self.findData(current_language())))
        self.currentIndexChanged.connect(self._changed)
        self.setAccessibleName("Language / 语言")

    def _changed(self, _index: int) -> None:
        lang = str(self.currentData())
        self._settings.set(LANGUAGE, lang)
        try:
            self._settings.save()
        except OSError:  # the switch still applies to this session
            log.exception("could not save the language setting")
        app = QCoreApplication.instance()
        if app is not None:
            install_language(app, lang)
