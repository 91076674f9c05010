"""A machine configuration that stops the desktop app before its first window (issue 14): a double-clicked
shortcut has no console, so the sentence is shown in a window, in Chinese, and the exit code is 1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from ui import launcher


def test_a_malformed_machine_config_is_shown_in_a_window(qapp: Any, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('data_dir = "unterminated\n', encoding="utf-8")
    monkeypatch.setenv("FEVER_SENTINEL_CONFIG", str(config))
    monkeypatch.delenv("FEVER_SENTINEL_HOME", raising=False)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.windowTitle(), box.text())) or 0)
    try:
        assert launcher.main([]) == 1
    finally:
        from ui.i18n import install_language

        install_language(qapp, "en")
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "发热哨点工作站无法启动" and str(config) in text and "Traceback" not in text
