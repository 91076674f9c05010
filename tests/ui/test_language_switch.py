"""Qt's own words in Chinese (standard buttons, the file dialog), and a language switch that re-translates
every open page in place, keeping what was typed (issue 15)."""

from __future__ import annotations

import re
import runpy
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialogButtonBox, QFileDialog, QGroupBox,
                               QLabel, QLineEdit, QMessageBox, QTableView, QTabWidget, QTreeView, QWidget)

import ui.i18n as i18n
from app.settings import LANGUAGE
from ui.i18n import install_language, qt_catalog

ROOT = Path(__file__).resolve().parents[2]


# ----- Qt's own catalogue -----------------------------------------------------------------------------------
def test_qt_catalogue_is_found(monkeypatch, tmp_path):
    found = qt_catalog("zh_CN")
    assert found is not None and found.name == "qtbase_zh_CN.qm" and found.stat().st_size > 10_000
    # inside the installer's bundle Qt's translations path may be empty: the copy beside the app's is used
    monkeypatch.setattr(i18n.QLibraryInfo, "path", staticmethod(lambda _which: str(tmp_path / "nowhere")))
    bundled = tmp_path / "translations"
    bundled.mkdir()
    monkeypatch.setattr(i18n, "translations_dir", lambda: bundled)
    assert qt_catalog("zh_CN") is None
    shutil.copy(found, bundled / found.name)
    assert qt_catalog("zh_CN") == bundled / "qtbase_zh_CN.qm"


class _Recorded:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs
        self.datas, self.binaries, self.scripts, self.pure = list(kwargs.get("datas", [])), [], [], []


def test_the_installer_bundles_qts_chinese_catalogue(tmp_path):
    """Run packaging/fever_sentinel.spec with PyInstaller's names recorded: qtbase_zh_CN.qm goes beside the
    app's catalogue (resources/translations, where qt_catalog() looks) and survives the spec's filter."""
    i18n.compile_translations()
    root = tmp_path / "root"
    root.mkdir()
    for name in ("app", "resources"):
        (root / name).symlink_to(ROOT / name)
    (root / "packaging").mkdir()  # a real folder: the spec finds the root from it (SPECPATH resolved)
    assets = root / "build" / "packaging-assets"
    assets.mkdir(parents=True)
    (assets / "fever-sentinel.ico").write_bytes(b"ico")
    (assets / "version_info.txt").write_text("v")
    names = {"SPECPATH": str(root / "packaging"), "Analysis": _Recorded, "PYZ": _Recorded, "EXE": _Recorded,
             "COLLECT": _Recorded}
    spec = runpy.run_path(str(ROOT / "packaging" / "fever_sentinel.spec"), init_globals=names)
    assert Path(spec["ROOT"]) == root.resolve()  # the stand-in assets were used, not a real build's
    bundled = [(Path(src), dest) for src, dest in spec["a"].datas if Path(src).name == "qtbase_zh_CN.qm"]
    assert bundled == [(qt_catalog("zh_CN"), "resources/translations")]
    assert bundled[0][0].is_file()
    assert spec["keep"](("resources/translations/qtbase_zh_CN.qm", str(bundled[0][0]), "DATA"))


def _file_dialog_texts(mode: QFileDialog.FileMode, accept: QFileDialog.AcceptMode) -> list[str]:
    dialog = QFileDialog(None, "", str(ROOT), "CSV (*.csv)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton) if w.text()]
    texts += [w.toolTip() for w in dialog.findChildren(QWidget) if w.toolTip()]
    dialog.deleteLater()
    return texts


def test_standard_buttons_and_the_file_dialog_read_chinese(qapp):
    try:
        install_language(qapp, "zh_CN")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "确定"
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
        message = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Yes
                              | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel)
        assert sorted(b.text() for b in message.buttons()) == sorted(["是(&Y)", "否(&N)", "取消"])
        seen = []
        for mode, accept in ((QFileDialog.FileMode.ExistingFile, QFileDialog.AcceptMode.AcceptOpen),
                             (QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave),
                             (QFileDialog.FileMode.Directory, QFileDialog.AcceptMode.AcceptOpen)):
            texts = _file_dialog_texts(mode, accept)
            seen += texts
            english = [t for t in texts if re.search(r"[A-Za-z]{2,}", t) and t != "CSV (*.csv)"
                       and not t.startswith("/")]
            assert english == [], f"still English in the file dialog: {english}"
        for wanted in ("查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)：", "打开(&O)", "保存(&S)", "取消"):
            assert wanted in seen
        line = QLineEdit()
        line_menu = line.createStandardContextMenu()
        assert "全选" in [a.text().split("\t")[0] for a in line_menu.actions()]

        install_language(qapp, "en")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
        assert "&Look in:" in _file_dialog_texts(QFileDialog.FileMode.ExistingFile, QFileDialog.AcceptMode.AcceptOpen)
    finally:
        install_language(qapp, "en")


# ----- a switch re-translates every open page -----------------------------------------------------------------
def _texts(root: QWidget) -> dict[str, list[str]]:
    """Every word a person can read in ``root`` by widget path: labels, buttons, titles, placeholders, tabs,
    combo items, table headers and the first rows, tool tips, actions. Numbers and hashes masked (data)."""
    out: dict[str, list[str]] = {}

    def walk(widget: QWidget, path: str) -> None:
        values: list[str] = [widget.toolTip(), *(a.text() for a in widget.actions())]
        if isinstance(widget, (QLabel, QAbstractButton)):
            values.append(widget.text())
        if isinstance(widget, QGroupBox):
            values.append(widget.title())
        if isinstance(widget, QLineEdit):
            values += [widget.placeholderText(), widget.text()]
        if isinstance(widget, QTabWidget):
            values += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QComboBox):
            values += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, (QTableView, QTreeView)) and widget.model() is not None:
            model = widget.model()
            columns = model.columnCount(QModelIndex())
            values += [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(columns)]
            values += [str(model.index(r, c).data()) for r in range(min(3, model.rowCount(QModelIndex())))
                       for c in range(columns)]
        masked = [re.sub(r"\b[0-9a-f]{8,}\b|\d+", "#", v) for v in values]
        if any(masked):
            out[path] = masked
        for i, child in enumerate(c for c in widget.children() if isinstance(c, QWidget)):
            if not child.isWindow():  # a dialog is a window of its own (the closed settings dialog)
                walk(child, f"{path}/{type(child).__name__}{i}")

    walk(root, type(root).__name__)
    return out


def _switch_in_settings(qtbot: Any, window: Any, lang: str) -> None:
    window.open_settings()
    dialog = window.settings_dialog
    dialog.language.setCurrentIndex(dialog.language.findData(lang))
    dialog.ok.click()
    assert window.session.ctx.settings.get(LANGUAGE) == lang
    for _ in range(3):
        QApplication.processEvents()


def test_switching_language_retranslates_every_open_page_and_keeps_what_was_typed(qtbot, qapp):
    """Each demo role's window, every page opened, a half-typed screening: switched in 设置 from Chinese to
    English and back, every page reads as a window opened fresh in that language, and the typing stays."""
    from app.clock import FixedClock
    from app.services.demo import DEMO_PASSWORD
    from tests.ui.screenshot_support import data_folder
    from tests.ui.triage_support import START
    from ui.main_window import MainWindow
    from ui.ops import SyncRunner
    from ui.pages.triage_desk import TriageDeskPage
    from ui.session import Session

    runner = SyncRunner()
    try:
        with data_folder(demo=True, clock=FixedClock(START)) as ctx:
            def window_of(user: str) -> MainWindow:
                actor = ctx.users.authenticate(user, DEMO_PASSWORD, "desk-1")
                window = MainWindow(Session(ctx, actor, runner, ctx.clinic.get(), ctx.users.full_name_of(actor)),
                                    idle_ms=3_600_000)
                qtbot.addWidget(window)
                window.resize(1366, 768)
                window.start(maximize=False)
                return window

            def visit_all(*windows: MainWindow) -> None:
                for row in range(windows[0].nav.count()):
                    for window in windows:
                        window.nav.setCurrentRow(row)
                        QApplication.processEvents()

            for user in ("nurse", "admin", "doctor"):
                install_language(qapp, "zh_CN")
                window = window_of(user)
                visit_all(window)
                desk = window.show_page_of(TriageDeskPage)
                if isinstance(desk, TriageDeskPage):
                    qtbot.keyClicks(desk.screening.temperature, "38.6")
                    desk.registration.name.setText("张三")
                for lang in ("en", "zh_CN"):
                    _switch_in_settings(qtbot, window, lang)
                    fresh = window_of(user)
                    visit_all(window, fresh)
                    switched, expected = _texts(window), _texts(fresh)
                    stale = {path: (switched.get(path), expected.get(path)) for path in set(switched) | set(expected)
                             if switched.get(path) != expected.get(path) and "TriageDeskPage" not in path}
                    assert stale == {}, f"{user} → {lang}: not re-translated {stale}"
                    assert window.page_titles() == fresh.page_titles()
                    if isinstance(desk, TriageDeskPage):  # typed values kept, the words around them switched
                        assert desk.screening.temperature.text() == "38.6"
                        assert desk.registration.name.text() == "张三"
                        fresh_desk = fresh.show_page_of(TriageDeskPage)
                        assert isinstance(fresh_desk, TriageDeskPage)
                        fresh_desk.registration.name.setText("张三")
                        ours, theirs = _texts(desk), _texts(fresh_desk)
                        typed = {p for p in ours if "TemperatureEdit" in p or "TemperatureHint" in p
                                 or "DecisionPanel" in p}  # state, not words
                        assert {p: (ours.get(p), theirs.get(p)) for p in (set(ours) | set(theirs)) - typed
                                if ours.get(p) != theirs.get(p)} == {}
                        decision = {"en": "Fever clinic", "zh_CN": "发热门诊"}[lang]
                        assert any(decision in v for p in typed if "DecisionPanel" in p for v in ours[p])
                    fresh.shutdown()
                    if lang == "en":
                        assert window.session_menu.title() == "&Session"
                    else:
                        assert window.session_menu.title() == "会话(&S)"
                        window.grab().save(f"/tmp/shots/language-switch-{user}.png")
                window.shutdown()
    finally:
        install_language(qapp, "en")
