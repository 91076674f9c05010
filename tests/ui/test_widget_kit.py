"""The one widget kit (ui/widgets/): named colours only, one record table, one form box, one set of identity
fields, and the page contract the main window relies on."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFormLayout, QHeaderView, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from pytestqt.qtbot import QtBot

from app.errors import ValidationError
from tests.ui.triage_support import resident_id
from ui.forms import FieldErrors, error_label
from ui.main_window import PAGES
from ui.session import Session
from ui.widgets import palette
from ui.widgets.dialog import FormDialog, text_edit
from ui.widgets.form import FormBox
from ui.widgets.identity import IdentityFields
from ui.widgets.page import Page
from ui.widgets.table import RecordModel, local, record_table

UI = Path(__file__).resolve().parents[2] / "ui"
HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")
ZONE = ZoneInfo("Asia/Shanghai")


# ----- palette ----------------------------------------------------------------------------------------
def hex_colours_outside_palette() -> list[str]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path == UI / "widgets" / "palette.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if HEX.search(line):
                found.append(f"{path.relative_to(UI.parent)}:{n}: {line.strip()}")
    return found


def test_no_hex_colour_outside_the_palette() -> None:
    assert hex_colours_outside_palette() == []


def test_the_hex_check_would_see_one() -> None:
    assert HEX.search('label.setStyleSheet("color: #b3261e;")') and HEX.search("QColor('#fff')")
    assert not HEX.search("QFrame#handovers {") and not HEX.search("see issue #15")


def test_palette_colours_are_valid_and_styles_read_as_before() -> None:
    names = [n for n in vars(palette) if n.isupper() and isinstance(getattr(palette, n), str)
             and getattr(palette, n).startswith("#")]
    assert len(names) > 30 and all(QColor(getattr(palette, n)).isValid() for n in names)
    assert palette.style(palette.DANGER, bold=True) == "color: #b3261e; font-weight: bold;"
    assert palette.style(palette.OK, palette.OK_BG) == "background: #e3f4e4; color: #1b6e20;"
    for table in (palette.DECISION_COLORS, palette.CLOCK_COLORS, palette.CLASSIFICATION_BACKGROUNDS):
        assert all(QColor(c).isValid() for c in table.values())
    assert set(palette.TRANSFER_STATE_COLORS) == {"requested", "dispatched", "departed", "handed_over", "closed",
                                                  "cancelled"}


# ----- the record table -------------------------------------------------------------------------------
class Squares(RecordModel[int]):
    """A subclass names its columns and colours its cells."""

    def headers(self) -> list[str]:
        return ["n", "n²"]

    def display(self, r: int, column: int) -> str:
        return str(r if column == 0 else r * r)

    def style(self, r: int, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and column == 1 and r > 2:
            return palette.brush(palette.DANGER)
        return None

    def key(self, r: int) -> object:
        return r


def test_record_model_by_subclass_keeps_the_selection_on_the_same_rows(qtbot: QtBot) -> None:
    model = Squares(ZONE)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_rows([1, 2, 3])
    view = record_table(model, (40, 60))
    qtbot.addWidget(view)
    view.selectRow(2)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "n²"
    assert model.data(model.index(2, 1)) == "9" and model.data(model.index(2, 1), Qt.ItemDataRole.UserRole) == 3
    assert model.data(model.index(2, 1), Qt.ItemDataRole.ForegroundRole).color() == QColor(palette.DANGER)
    assert model.data(model.index(0, 1), Qt.ItemDataRole.ForegroundRole) is None
    model.set_rows([1, 2, 3])  # a poll with the same rows: refreshed in place
    assert len(resets) == 1 and view.selectionModel().selectedRows()[0].row() == 2
    model.set_rows([4])
    assert len(resets) == 2 and model.rowCount() == 1 and model.record_at(1) is None
    assert model.rowCount(model.index(0, 0)) == 0 and model.data(QModelIndex()) is None


def test_record_model_by_columns_colours_whole_rows(qtbot: QtBot) -> None:
    model: RecordModel[str] = RecordModel(ZONE, columns=[(lambda: "word", lambda w: w),
                                                         (lambda: "length", lambda w: str(len(w)))],
                                          color=lambda w: QColor(palette.GREY) if w == "old" else None,
                                          background=lambda w: QColor(palette.DANGER) if w == "late" else None)
    model.set_rows(["old", "late"])
    assert model.headers() == ["word", "length"] and model.data(model.index(1, 1)) == "4"
    assert model.data(model.index(0, 1), Qt.ItemDataRole.ForegroundRole).color() == QColor(palette.GREY)
    assert model.data(model.index(0, 1), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole).color() == QColor(palette.DANGER)
    assert model.data(model.index(1, 0), Qt.ItemDataRole.FontRole) is None


def test_record_table_and_local_time(qtbot: QtBot) -> None:
    model = Squares(ZONE)
    plain = record_table(model, (40, 60))
    glanced = record_table(model, (40,), focus=False, striped=True, row_height=None)
    qtbot.addWidget(plain)
    qtbot.addWidget(glanced)
    assert plain.verticalHeader().defaultSectionSize() == 26 and not plain.alternatingRowColors()
    assert plain.columnWidth(1) == 60 and plain.focusPolicy() != Qt.FocusPolicy.NoFocus
    assert glanced.alternatingRowColors() and glanced.focusPolicy() == Qt.FocusPolicy.NoFocus
    from datetime import datetime, timezone

    assert local(datetime(2026, 3, 1, 0, 30, tzinfo=timezone.utc), ZONE) == "03-01 08:30"
    assert local(None, ZONE) == ""


def test_record_table_lets_tab_leave_and_sizes_columns_as_asked(qtbot: QtBot) -> None:
    """Tab from a table goes to the next field (it never walks the cells); the column options take effect."""
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    before, after = QLineEdit(), QLineEdit()
    model = Squares(ZONE)
    model.set_rows([1, 2, 3])
    view = record_table(model, (0, 70), stretch=(0,), fixed=(1,), selectable=False)
    for widget in (before, view, after):
        layout.addWidget(widget)
    host.resize(500, 300)
    host.show()
    host.activateWindow()
    QApplication.processEvents()
    view.setFocus(Qt.FocusReason.TabFocusReason)
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after
    header = view.horizontalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch and not header.stretchLastSection()
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Fixed and view.columnWidth(1) == 70
    assert view.selectionMode() == QAbstractItemView.SelectionMode.NoSelection
    fitted = record_table(model, fit=True, wrap=True)
    qtbot.addWidget(fitted)
    assert fitted.horizontalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents
    assert fitted.wordWrap() and fitted.horizontalHeader().stretchLastSection()


class Lazy(QAbstractTableModel):
    """Rows come in pages of ten as the view asks for more, like the responsibility trail's."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded = 10

    def rowCount(self, parent: object = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return self.loaded

    def columnCount(self, parent: object = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: object, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return None

    def canFetchMore(self, parent: object) -> bool:
        return self.loaded < 100

    def fetchMore(self, parent: object) -> None:
        self.beginInsertRows(QModelIndex(), self.loaded, self.loaded + 9)
        self.loaded += 10
        self.endInsertRows()


def test_record_table_fetches_more_of_a_lazy_model_as_it_scrolls(qtbot: QtBot) -> None:
    model = Lazy()
    view = record_table(model, (100,))
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.show()
    QApplication.processEvents()
    first = model.loaded
    view.scrollToBottom()
    QApplication.processEvents()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    QApplication.processEvents()
    assert model.loaded > first


# ----- the form dialog --------------------------------------------------------------------------------
class Named(FormDialog):
    """A one-field dialog that records what OK did."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.name = text_edit(8)
        self.add_field("name", self.name)
        self.other = QPushButton("other")  # a page's extra button, added after the kit's (as a permit's approve)
        self.body.insertWidget(self.body.indexOf(self.buttons), self.other)
        self.submitted: list[str] = []
        self.retranslate_buttons("Save")

    def submit(self) -> None:
        if not self.name.text():
            self.refused(ValidationError("required", field="name"))
            return
        self.submitted.append(self.name.text())
        self.done_with(self.name.text())


def test_form_dialog_enter_presses_ok_only_and_a_refusal_shows_at_its_field(qtbot: QtBot,
                                                                            admin_session: Session) -> None:
    dialog = Named(admin_session)
    qtbot.addWidget(dialog)
    saved: list[object] = []
    dialog.saved.connect(saved.append)
    dialog.show()
    QApplication.processEvents()
    assert [b for b in dialog.findChildren(QPushButton) if b.isDefault()] == [dialog.ok]
    assert dialog.ok.text() == "Save" and dialog.labels["name"].buddy() is dialog.name
    assert dialog.name.maxLength() == 8
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.submitted == [] and dialog.errors.visible_texts() and dialog.isVisible()
    qtbot.keyClicks(dialog.name, "Li")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.submitted == ["Li"] and saved == ["Li"] and not dialog.isVisible()


# ----- the form box -----------------------------------------------------------------------------------
def test_form_box_enter_presses_its_button_and_errors_land_at_the_field(qtbot: QtBot) -> None:
    box = FormBox()
    qtbot.addWidget(box)
    pressed: list[bool] = []
    box.button.clicked.connect(lambda: pressed.append(True))
    name = box.add("name", QLineEdit())
    kind = box.add("kind", QComboBox())
    assert isinstance(name, QLineEdit) and isinstance(kind, QComboBox)  # add() gives back the widget, typed
    box.show()
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert pressed == [True]
    box.errors.show(ValidationError("id_format", field="name"))
    assert box.errors.visible_texts() and box.general.isHidden()
    box.done("saved")
    assert box.errors.visible_texts() == [] and box.status.text() == "saved"
    assert box.labels["kind"].buddy() is kind


# ----- identity fields --------------------------------------------------------------------------------
def identity(qtbot: QtBot, *, with_sex: bool, with_birth_date: bool = False) -> tuple[QWidget, IdentityFields]:
    host = QWidget()
    qtbot.addWidget(host)
    form = QFormLayout(host)
    general = error_label()
    form.addRow(general)
    fields = IdentityFields(form, FieldErrors(general), lambda: date(2026, 3, 1), with_sex=with_sex,
                            with_birth_date=with_birth_date, parent=host)
    fields.retranslate()
    host.show()
    return host, fields


def test_identity_resident_id_fills_and_locks_sex_and_birth_date(qtbot: QtBot) -> None:
    _host, f = identity(qtbot, with_sex=True, with_birth_date=True)
    assert f.birth_date is not None and list(f.labels) == ["name", "id_type", "id_number", "id_missing_reason",
                                                           "sex", "birth_date", "phone"]
    f.name.setText("张三")
    f.id_number.setText(resident_id(date(1990, 3, 7)))
    assert f.derived is not None and f.derived.birth_date == date(1990, 3, 7)
    assert not f.sex.isEnabled() and f.sex.currentData() == f.derived.sex
    assert f.birth_date.isReadOnly() and f.birth_date.text() == "1990-03-07"
    assert f.birth_date.focusPolicy() == Qt.FocusPolicy.NoFocus  # derived: Tab passes it by
    p = f.patient_input(address="清水镇")
    assert p.sex is None and p.birth_date is None and p.address == "清水镇" and p.id_number == f.number()


def test_identity_other_document_asks_why_and_types_sex(qtbot: QtBot) -> None:
    _host, f = identity(qtbot, with_sex=True, with_birth_date=True)
    reason_label, _box = f.rows["id_missing_reason"]
    assert not reason_label.isVisible()
    f.id_type.setCurrentIndex(f.id_type.findData("other"))
    assert reason_label.isVisible() and f.sex.isEnabled()
    f.sex.setCurrentIndex(1)
    f.phone.setText(" 13800000000 ")
    p = f.patient_input()
    assert p.sex == f.sex.currentData() and p.phone == "13800000000"
    f.clear()
    assert f.name.text() == "" and f.id_type.currentIndex() == 0 and not reason_label.isVisible()


def test_identity_bad_and_short_numbers_show_at_the_number(qtbot: QtBot) -> None:
    _host, f = identity(qtbot, with_sex=False)
    assert "sex" not in f.rows and f.birth_date is None
    good = resident_id(date(1990, 3, 7))
    f.id_number.setText(good[:-1] + ("0" if good[-1] != "0" else "1"))  # a wrong check digit
    assert f.derived is None and f.errors.visible_texts()
    f.id_number.setText("1101")
    f.id_number.editingFinished.emit()  # left the field with a number cut short
    assert f.errors.visible_texts() and f.patient_input().sex is None


# ----- the page contract ------------------------------------------------------------------------------
@pytest.mark.parametrize("page_class", [factory for _perm, factory in PAGES], ids=lambda c: c.__name__)
def test_every_page_the_main_window_builds_keeps_the_contract(page_class: object) -> None:
    assert isinstance(page_class, type) and issubclass(page_class, Page)
    assert page_class.title is not Page.title, "names itself"
    assert page_class.activated is not Page.activated, "says what it does when shown"


def test_a_page_without_the_contract_fails_loudly(qtbot: QtBot) -> None:
    page = Page()
    qtbot.addWidget(page)
    with pytest.raises(NotImplementedError):
        page.title()
    with pytest.raises(NotImplementedError):
        page.activated()


def test_main_window_shows_pages_by_the_contract(qtbot: QtBot, admin_session: Session) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(admin_session, idle_ms=60_000)
    qtbot.addWidget(window)
    window.start()
    assert window.pages and all(isinstance(p, Page) for p in window.pages)
    assert window.page_titles() == [p.title() for p in window.pages]
    window.shutdown()

