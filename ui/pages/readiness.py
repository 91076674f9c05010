"""The admin's two readiness pages (issue 18): key-post staff testing with the overdue list and the surface swabs
(Perm.STAFF_TESTING), and the stockpile with its days of cover (Perm.STOCKPILE). Thin: the rules live in
app/staff/roster.py and app/stock/service.py."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout,
                               QWidget)

from app.staff.roster import StaffRow, SwabRecord
from app.staff.vocab import RosterState, SampleResult, StaffPost
from app.stock.service import MAX_QUANTITY, StockRow
from app.stock.vocab import StockUnit
from app.vocabulary import Words, label
from app.vocabulary import staff as F
from app.vocabulary import stock as U
from ui.i18n import current_language
from ui.session import Session
from ui.widgets import palette
from ui.widgets.dialog import FormDialog, text_edit
from ui.widgets.page import Page
from ui.widgets.table import RecordModel, record_table

SWAB_DAYS = 30  # the swabs listed: this many days back


def _say(table: Any, code: object) -> str:
    return label(table, code, "", current_language())


def _day(d: date | None) -> str:
    return d.isoformat() if d is not None else "—"


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def _combo(table: Any, codes: list[str]) -> QComboBox:
    box = QComboBox()
    for code in codes:
        box.addItem(_say(table, code), code)
    return box


def item_name(r: StockRow) -> str:
    """A default item in the desk's language, the clinic's own by its name."""
    words: Words | None = U.STOCK_ITEM.get(r.code or "")
    return words.say(current_language()) if words is not None else r.name


# ----- tables -----------------------------------------------------------------------------------------

def _button_row(actions: tuple[QPushButton, ...], refresh: QPushButton) -> QHBoxLayout:
    """A page's actions on the left, its Refresh on the right."""
    row = QHBoxLayout()
    for button in actions:
        row.addWidget(button)
    row.addStretch(1)
    row.addWidget(refresh)
    return row

class RosterModel(RecordModel[StaffRow]):
    NAME, POST, ACCOUNT, PHONE, LAST, RESULT, DUE, STATE = range(8)

    def key(self, r: StaffRow) -> object:
        return r.id

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Post"), self.tr("Account"), self.tr("Phone"), self.tr("Last test"),
                self.tr("Result"), self.tr("Next test by"), self.tr("Status")]

    def display(self, r: StaffRow, column: int) -> str:
        state = _say(F.ROSTER_STATE, r.state) if r.active else self.tr("Off the roster")
        return [r.full_name, _say(F.STAFF_POST, r.post), r.username or self.tr("(no log-in)"), r.phone,
                _day(r.last_test_on), _say(F.SAMPLE_RESULT, r.last_result), _day(r.due_on), state][column]

    def style(self, r: StaffRow, column: int, role: int) -> Any:
        if not r.active:
            return palette.brush(palette.FAINT) if role == Qt.ItemDataRole.ForegroundRole else None
        if column == self.RESULT and r.last_result == SampleResult.POSITIVE:
            return palette.brush(palette.CLOCK_COLORS["overdue"]) if role == Qt.ItemDataRole.ForegroundRole else None
        if column == self.STATE and r.state != RosterState.IN_TIME:
            state = "overdue" if r.state in (RosterState.OVERDUE, RosterState.OFF_DUTY) else "warning"
            if role == Qt.ItemDataRole.ForegroundRole:
                return palette.brush(palette.CLOCK_COLORS[state])
            if role == Qt.ItemDataRole.BackgroundRole:
                return palette.brush(palette.CLOCK_BACKGROUNDS[state])
        return None


class SwabModel(RecordModel[SwabRecord]):
    def key(self, r: SwabRecord) -> object:
        return r.id

    def headers(self) -> list[str]:
        return [self.tr("Sampled on"), self.tr("Place"), self.tr("Result"), self.tr("Recorded by")]

    def display(self, r: SwabRecord, column: int) -> str:
        return [r.sampled_on.isoformat(), r.place, _say(F.SAMPLE_RESULT, r.result), r.recorded_by][column]

    def style(self, r: SwabRecord, column: int, role: int) -> Any:
        if r.result == SampleResult.POSITIVE and role == Qt.ItemDataRole.ForegroundRole:
            return palette.brush(palette.CLOCK_COLORS["overdue"])
        return None


class StockModel(RecordModel[StockRow]):
    ITEM, UNIT, ON_HAND, DAILY_USE, COVER, STATE = range(6)

    def key(self, r: StockRow) -> object:
        return r.id

    def headers(self) -> list[str]:
        return [self.tr("Item"), self.tr("Unit"), self.tr("On hand"), self.tr("Daily use at full load"),
                self.tr("Days of cover"), self.tr("Status")]

    def display(self, r: StockRow, column: int) -> str:
        cover = f"{r.cover_days:.1f}" if r.cover_days is not None else "—"
        use = str(r.daily_use) if r.daily_use else "—"
        return [item_name(r), _say(U.STOCK_UNIT, r.unit), str(r.on_hand), use, cover,
                _say(U.COVER_STATE, r.state)][column]

    def style(self, r: StockRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ON_HAND, self.DAILY_USE, self.COVER):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if r.state == "short" and column in (self.COVER, self.STATE):
            if role == Qt.ItemDataRole.ForegroundRole:
                return palette.brush(palette.CLOCK_COLORS["overdue"])
            if role == Qt.ItemDataRole.BackgroundRole:
                return palette.brush(palette.CLOCK_BACKGROUNDS["overdue"])
        return None


# ----- dialogs ----------------------------------------------------------------------------------------
class StaffDialog(FormDialog):
    """A person joins the roster: an account, or a name for staff without a log-in."""

    def __init__(self, session: Session, accounts: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.account = QComboBox()
        self.account.addItem("", None)
        for username, full_name in accounts:
            self.account.addItem(f"{full_name} ({username})", username)
        self.full_name = text_edit(64)
        self.post = _combo(F.STAFF_POST, [p.value for p in StaffPost])
        self.phone = text_edit(32)
        self.add_field("username", self.account)
        self.add_field("full_name", self.full_name)
        self.add_field("post", self.post)
        self.add_field("phone", self.phone)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add to the key-post staff roster"))
        self.explain.setText(self.tr("Choose the person's account, or leave it empty and enter the name of staff "
                                     "without a log-in (drivers, cleaners)."))
        self.account.setItemText(0, self.tr("(no log-in)"))
        for key, text in (("username", self.tr("Account")), ("full_name", self.tr("Name")),
                          ("post", self.tr("Post")), ("phone", self.tr("Phone"))):
            self.labels[key].setText(text)
        self.retranslate_buttons(self.tr("Add"))

    def submit(self) -> None:
        roster, actor = self.session.ctx.roster, self.session.actor
        username, name = self.account.currentData(), self.full_name.text()
        post, phone = self.post.currentData(), self.phone.text()
        self.session.runner.run(lambda: roster.add(actor, post=post, full_name=name, phone=phone, username=username),
                                self.done_with, self.refused, parent=self)


class SampleDialog(FormDialog):
    """A staff member's test (``staff`` given) or an environmental surface swab (a place)."""

    def __init__(self, session: Session, today: date, staff: StaffRow | None, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.staff = staff
        self.day = QDateEdit(_qdate(today))
        self.day.setCalendarPopup(True)
        self.day.setMaximumDate(_qdate(today))
        self.place = text_edit(100)
        self.outcome = _combo(F.SAMPLE_RESULT, [r.value for r in SampleResult])
        self.add_field("sampled_on", self.day)
        if staff is None:
            self.add_field("place", self.place)
        self.add_field("result", self.outcome)
        self.retranslate()

    def retranslate(self) -> None:
        if self.staff is not None:
            self.setWindowTitle(self.tr("Record a staff test"))
            self.explain.setText(self.tr("{name} ({post}): the day the sample was taken and its result. A positive "
                                         "result raises an alert at once.").format(
                name=self.staff.full_name, post=_say(F.STAFF_POST, self.staff.post)))
        else:
            self.setWindowTitle(self.tr("Record an environmental swab"))
            self.explain.setText(self.tr("Where the surface swab was taken, which day, and its result. A positive "
                                         "result raises an alert at once."))
            self.labels["place"].setText(self.tr("Place"))
        self.labels["sampled_on"].setText(self.tr("Sampled on"))
        self.labels["result"].setText(self.tr("Result"))
        self.retranslate_buttons(self.tr("Record"))

    def submit(self) -> None:
        roster, actor = self.session.ctx.roster, self.session.actor
        day, result = _pydate(self.day.date()), self.outcome.currentData()
        if self.staff is not None:
            staff_id = self.staff.id
            self.session.runner.run(lambda: roster.record_test(actor, staff_id, day, result), self.done_with,
                                    self.refused, parent=self)
        else:
            place = self.place.text()
            self.session.runner.run(lambda: roster.record_swab(actor, day, place, result), self.done_with,
                                    self.refused, parent=self)


class MoveDialog(FormDialog):
    """A receipt or an issue of one item."""

    def __init__(self, session: Session, item: StockRow, receipt: bool, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.item, self.receipt = item, receipt
        self.quantity = QSpinBox()
        self.quantity.setRange(1, MAX_QUANTITY)
        self.note = text_edit(200)
        self.add_field("quantity", self.quantity)
        self.add_field("note", self.note)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Receive stock") if self.receipt else self.tr("Issue stock"))
        self.explain.setText(self.tr("{item}: {on_hand} {unit} on hand.").format(
            item=item_name(self.item), on_hand=self.item.on_hand, unit=_say(U.STOCK_UNIT, self.item.unit)))
        self.labels["quantity"].setText(self.tr("Quantity"))
        self.labels["note"].setText(self.tr("Note (from / to whom)"))
        self.retranslate_buttons(self.tr("Receive") if self.receipt else self.tr("Issue"))

    def submit(self) -> None:
        stock, actor, item_id = self.session.ctx.stock, self.session.actor, self.item.id
        quantity, note = self.quantity.value(), self.note.text()
        move = stock.receive if self.receipt else stock.issue
        self.session.runner.run(lambda: move(actor, item_id, quantity, note), self.done_with, self.refused,
                                parent=self)


class ItemDialog(FormDialog):
    """A new item, or an item's name, unit, full-load daily use, and whether it is still kept."""

    def __init__(self, session: Session, item: StockRow | None, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.item = item
        self.name = text_edit(64)
        self.unit = _combo(U.STOCK_UNIT, [u.value for u in StockUnit])
        self.daily_use = QSpinBox()
        self.daily_use.setRange(0, MAX_QUANTITY)
        self.kept = QComboBox()
        self.kept.addItem("", True)
        self.kept.addItem("", False)
        if item is not None:
            self.name.setText(item.name)
            self.unit.setCurrentIndex(max(0, self.unit.findData(item.unit)))
            self.daily_use.setValue(item.daily_use)
            self.kept.setCurrentIndex(0 if item.active else 1)
        self.add_field("name", self.name)
        self.add_field("unit", self.unit)
        self.add_field("daily_use", self.daily_use)
        if item is not None:
            self.add_field("active", self.kept)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Stock item"))
        self.explain.setText(self.tr("The daily use at full load sets the days of cover (stock ÷ daily use); "
                                     "0 leaves it unknown."))
        self.kept.setItemText(0, self.tr("Kept in stock"))
        self.kept.setItemText(1, self.tr("No longer kept"))
        for key, text in (("name", self.tr("Name")), ("unit", self.tr("Unit")),
                          ("daily_use", self.tr("Daily use at full load")), ("active", self.tr("Status"))):
            if key in self.labels:
                self.labels[key].setText(text)
        self.retranslate_buttons(self.tr("Save"))

    def submit(self) -> None:
        stock, actor = self.session.ctx.stock, self.session.actor
        name, unit, use = self.name.text(), self.unit.currentData(), self.daily_use.value()
        item = self.item
        if item is None:
            self.session.runner.run(lambda: stock.add_item(actor, name, unit, use), self.done_with, self.refused,
                                    parent=self)
            return
        active = bool(self.kept.currentData())
        self.session.runner.run(lambda: stock.update_item(actor, item.id, item.version, name=name, unit=unit,
                                                          daily_use=use, active=active),
                                self.done_with, self.refused, parent=self)


# ----- pages ------------------------------------------------------------------------------------------
def _heading() -> QLabel:
    heading = QLabel()
    heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
    return heading


class StaffTestingPage(Page):
    """The roster, most urgent first (the overdue list on top), and the recent surface swabs."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dialog: FormDialog | None = None
        self.heading, self.swab_heading = _heading(), _heading()
        self.summary = QLabel()
        self.model = RosterModel(session.zone, self)
        self.table = record_table(self.model, fit=True, striped=True)
        self.swab_model = SwabModel(session.zone, self)
        self.swabs = record_table(self.swab_model, fit=True, striped=True, focus=False)
        self.add_button, self.test_button, self.off_button = QPushButton(), QPushButton(), QPushButton()
        self.swab_button, self.refresh_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add_staff)
        self.test_button.clicked.connect(self.record_test)
        self.off_button.clicked.connect(self.toggle_active)
        self.swab_button.clicked.connect(self.record_swab)
        self.refresh_button.clicked.connect(self.reload)
        self.table.doubleClicked.connect(lambda _i: self.record_test())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        buttons = _button_row((self.add_button, self.test_button, self.off_button, self.swab_button),
                              self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.swab_heading)
        layout.addWidget(self.swabs, 1)
        self.retranslate()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Staff testing")

    def activated(self) -> None:
        self.reload()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Key-post staff testing"))
        self.swab_heading.setText(self.tr("Environmental surface swabs (last {days} days)").format(days=SWAB_DAYS))
        self.add_button.setText(self.tr("&Add…"))
        self.test_button.setText(self.tr("Record &test…"))
        self.swab_button.setText(self.tr("Record s&wab…"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.model.retranslate()
        self.swab_model.retranslate()
        self._summarise()
        self._update_buttons()

    def today(self) -> date:
        return self.session.ctx.clock.now().astimezone(self.session.zone).date()

    def reload(self) -> None:
        roster, actor, since = self.session.ctx.roster, self.session.actor, self.today() - timedelta(days=SWAB_DAYS)
        self.session.runner.run(lambda: (roster.roster(actor), roster.swabs(actor, since)), self._loaded, parent=self)

    def _loaded(self, found: tuple[list[StaffRow], list[SwabRecord]]) -> None:
        self.model.set_rows(found[0])
        self.swab_model.set_rows(found[1])
        self._summarise()
        self._update_buttons()

    def _summarise(self) -> None:
        rows = [r for r in self.model.rows() if r.active]
        overdue = sum(r.state == RosterState.OVERDUE for r in rows)
        due = sum(r.state == RosterState.DUE_TODAY for r in rows)
        off_duty = sum(r.state == RosterState.OFF_DUTY for r in rows)
        self.summary.setText(self.tr("{total} on the roster · off duty (positive): {off_duty} · overdue: {overdue} · "
                                     "due today: {due}").format(total=len(rows), off_duty=off_duty, overdue=overdue,
                                                               due=due))
        colour = palette.CLOCK_COLORS["overdue"] if overdue or off_duty else palette.FAINT
        self.summary.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def selected(self) -> StaffRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        staff = self.selected()
        self.test_button.setEnabled(staff is not None)
        self.off_button.setEnabled(staff is not None)
        self.off_button.setText(self.tr("Back on the roster") if staff is not None and not staff.active
                                else self.tr("Off the roster"))

    def _open(self, dialog: FormDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(lambda _r: self.reload())
        dialog.show()

    def add_staff(self) -> None:
        users, actor = self.session.ctx.users, self.session.actor
        self.session.runner.run(lambda: users.list(actor), lambda found: self._open(StaffDialog(
            self.session, [(u.username, u.full_name) for u in found if u.active], self)), parent=self)

    def record_test(self) -> None:
        staff = self.selected()
        if staff is not None:
            self._open(SampleDialog(self.session, self.today(), staff, self))

    def record_swab(self) -> None:
        self._open(SampleDialog(self.session, self.today(), None, self))

    def toggle_active(self) -> None:
        staff = self.selected()
        if staff is None:
            return
        roster, actor = self.session.ctx.roster, self.session.actor
        self.session.runner.run(lambda: roster.update(actor, staff.id, staff.version, post=staff.post,
                                                      phone=staff.phone, active=not staff.active),
                                lambda _r: self.reload(), parent=self)


class StockpilePage(Page):
    """The items with stock, full-load daily use and days of cover; the short ones in red."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dialog: FormDialog | None = None
        self.figure = 30
        self.heading = _heading()
        self.summary = QLabel()
        self.model = StockModel(session.zone, self)
        self.table = record_table(self.model, fit=True, striped=True, stretch=(StockModel.ITEM,))
        self.receive_button, self.issue_button, self.edit_button = QPushButton(), QPushButton(), QPushButton()
        self.add_button, self.refresh_button = QPushButton(), QPushButton()
        self.receive_button.clicked.connect(lambda: self.move_stock(True))
        self.issue_button.clicked.connect(lambda: self.move_stock(False))
        self.edit_button.clicked.connect(self.edit_item)
        self.add_button.clicked.connect(self.add_item)
        self.refresh_button.clicked.connect(self.reload)
        self.table.doubleClicked.connect(lambda _i: self.edit_item())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        buttons = _button_row((self.receive_button, self.issue_button, self.edit_button, self.add_button),
                              self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.retranslate()
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Stockpile")

    def activated(self) -> None:
        self.reload()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Stockpile: days of cover at full load"))
        self.receive_button.setText(self.tr("&Receive…"))
        self.issue_button.setText(self.tr("&Issue…"))
        self.edit_button.setText(self.tr("&Edit…"))
        self.add_button.setText(self.tr("&Add item…"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.model.retranslate()
        self._summarise()

    def reload(self) -> None:
        stock, actor = self.session.ctx.stock, self.session.actor
        self.session.runner.run(lambda: (stock.items(actor, include_retired=True), stock.cover_figure()),
                                self._loaded, parent=self)

    def _loaded(self, found: tuple[list[StockRow], int]) -> None:
        self.model.set_rows(found[0])
        self.figure = found[1]
        self._summarise()
        self._update_buttons()

    def _summarise(self) -> None:
        rows = [r for r in self.model.rows() if r.active]
        short = [r for r in rows if r.state == "short"]
        lowest = min((r for r in rows if r.cover_days is not None), key=lambda r: r.cover_days or 0.0, default=None)
        text = self.tr("Needed: {days} days at full load · short: {short}").format(days=self.figure, short=len(short))
        if lowest is not None and lowest.cover_days is not None:
            text += self.tr(" · lowest: {item}, {cover:.1f} days").format(item=item_name(lowest),
                                                                          cover=lowest.cover_days)
        self.summary.setText(text)
        colour = palette.CLOCK_COLORS["overdue"] if short else palette.FAINT
        self.summary.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def selected(self) -> StockRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        item = self.selected()
        for button in (self.receive_button, self.issue_button, self.edit_button):
            button.setEnabled(item is not None)

    def _open(self, dialog: FormDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(lambda _r: self.reload())
        dialog.show()

    def move_stock(self, receipt: bool) -> None:
        item = self.selected()
        if item is not None:
            self._open(MoveDialog(self.session, item, receipt, self))

    def edit_item(self) -> None:
        item = self.selected()
        if item is not None:
            self._open(ItemDialog(self.session, item, self))

    def add_item(self) -> None:
        self._open(ItemDialog(self.session, None, self))


