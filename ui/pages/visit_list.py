"""今日筛查: screenings and registrations, filtered and searched as you type; CSV export; a
registered row opens its details with reprints of the form and the slip."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.triage.lists import ListQuery, ListRow
from app.triage.records import VisitDetail
from app.triage.vocab import Decision
from app.printing.guide_slip import SLIP_SIZES
from app.settings import SLIP_PAPER
from ui.csv_export import export_csv
from ui.fields import debouncer
from ui.forms import Dialog, tidy_form
from ui.labels import (
    decision_name,
    handoff_state_name,
    id_type_name,
    reason_names,
    sex_name,
    symptom_names,
)
from ui.ops import report_error
from ui.pages.timeline import open_timeline
from ui.pages.triage_desk import preview_form, preview_slip
from ui.pages.visit_list_model import PAGE_SIZE, VisitListModel
from ui.print_preview import PrintPreviewDialog
from ui.session import Session
from ui.widgets import palette
from ui.widgets.page import Page
from ui.widgets.table import record_table

SEARCH_DELAY_MS = 250


class VisitDetailDialog(Dialog):
    """A registered visit, read-only, with reprints."""

    def __init__(self, session: Session, detail: VisitDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail = detail
        self.preview: PrintPreviewDialog | None = None
        self.setMinimumWidth(560)
        self.visit_no = QLabel(detail.visit_no)
        self.visit_no.setStyleSheet(f"font-size: 20pt; font-weight: bold; "
                                    f"color: {palette.DECISION_COLORS.get(detail.screening.decision, palette.TEXT)};")
        self.visit_no.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = QFormLayout()
        tidy_form(self.form)
        self.slip_size = QComboBox()
        for size in SLIP_SIZES:
            self.slip_size.addItem(size, size)
        self.slip_size.setCurrentIndex(max(0, self.slip_size.findData(session.ctx.settings.get(SLIP_PAPER))))
        self.form_button = QPushButton()
        self.slip_button = QPushButton()
        self.timeline_button = QPushButton()
        self.timeline_button.clicked.connect(self.show_timeline)
        self.timeline_dialog: QWidget | None = None
        self.close_button = QPushButton()
        self.form_button.clicked.connect(self.print_form)
        self.slip_button.clicked.connect(self.print_slip)
        self.close_button.clicked.connect(self.reject)
        self.form_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.form_button)
        buttons.addWidget(self.slip_button)
        buttons.addWidget(self.slip_size)
        buttons.addWidget(self.timeline_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.visit_no)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        d, zone = self.detail, self.session.zone
        self.setWindowTitle(self.tr("Visit {visit_no}").format(visit_no=d.visit_no))
        while self.form.rowCount():
            self.form.removeRow(0)
        p, s = d.patient, d.screening
        last = d.handoffs[-1] if d.handoffs else None
        rows = [
            (self.tr("Name:"), p.name),
            (self.tr("Sex / birth date:"), f"{sex_name(p.sex)}  {p.birth_date.isoformat() if p.birth_date else ''}"),
            (self.tr("Document:"), f"{id_type_name(p.id_type)}  {p.id_number or p.id_missing_reason or ''}"),
            (self.tr("Phone:"), p.phone or ""),
            (self.tr("Address:"), p.address),
            (self.tr("Registered:"), self.tr("{time} by {nurse}").format(
                time=d.registered_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"), nurse=d.nurse_name)),
            (self.tr("Temperature:"), f"{s.inputs.temperature_c:.1f} °C"),
            (self.tr("Symptoms:"), symptom_names(s.inputs.symptoms)),
            (self.tr("Decision:"), decision_name(s.decision)),
            (self.tr("Reasons:"), reason_names(s.reasons)),
            (self.tr("Hand-off:"), handoff_state_name(last.state) + (f"  ({last.escort})" if last else "")
             if last else self.tr("not sent")),
        ]
        for label, value in rows:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(QLabel(label), text)
        self.form_button.setText(self.tr("Reprint registration &form…"))
        self.slip_button.setText(self.tr("Reprint guide &slip…"))
        self.timeline_button.setText(self.tr("Case &timeline…"))
        self.close_button.setText(self.tr("Close"))

    def _opened(self, dialog: PrintPreviewDialog) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
        self.preview = dialog

    def print_form(self) -> None:
        preview_form(self.session, self, self.detail.visit_no, self._opened)

    def show_timeline(self) -> None:
        def opened(dialog: QWidget) -> None:
            if self.timeline_dialog is not None:
                self.timeline_dialog.deleteLater()
            self.timeline_dialog = dialog

        open_timeline(self.session, self, self.detail.visit_no, opened)

    def print_slip(self) -> None:
        last = self.detail.handoffs[-1] if self.detail.handoffs else None
        preview_slip(self.session, self, self.detail, last, str(self.slip_size.currentData()), self._opened)


class VisitListPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.session = session
        self.dialog: VisitDetailDialog | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(40)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.all_days = QCheckBox()
        self.day_label = QLabel()
        self.day_label.setBuddy(self.day)
        self.decision = QComboBox()
        self.decision.addItem("", None)
        for d in Decision:
            self.decision.addItem("", d.code)
        self.decision_label = QLabel()
        self.decision_label.setBuddy(self.decision)
        self.registered_only = QCheckBox()
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.reload)
        self.count_label = QLabel()
        self.export_status = QLabel()
        self.export_status.setWordWrap(True)
        self.model = VisitListModel(session.runner, lambda: 0, lambda _b, _n: [], session.zone, self, page_size)
        self.model.failed.connect(lambda exc: report_error(self, exc))
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.table = record_table(self.model, (92, 190, 80, 105, 48, 150, 110, 80, 70), striped=True, row_height=24)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.activated.connect(lambda index: self.open_row(index.row()))

        self._timer = debouncer(self, SEARCH_DELAY_MS, self.reload)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.all_days.toggled.connect(self._all_days_toggled)
        self.decision.currentIndexChanged.connect(lambda _i: self.reload())
        self.registered_only.toggled.connect(lambda _c: self.reload())

        filters = QHBoxLayout()
        filters.addWidget(self.search_label)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.day_label)
        filters.addWidget(self.day)
        filters.addWidget(self.all_days)
        filters.addWidget(self.decision_label)
        filters.addWidget(self.decision)
        filters.addWidget(self.registered_only)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.export_status, 1)
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._set_today()
        self.retranslate()

    def title(self) -> str:
        return self.tr("Screening list")

    def _today(self) -> date:
        return self.session.ctx.clock.now().astimezone(self.session.zone).date()

    def _set_today(self) -> None:
        today = self._today()
        self.day.blockSignals(True)
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.day.blockSignals(False)

    def activated(self) -> None:
        self.reload()
        self.search.setFocus()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Screenings and registrations"))
        self.search_label.setText(self.tr("Se&arch:"))
        self.search.setPlaceholderText(self.tr("visit no., name, pinyin initials, phone or ID"))
        self.day_label.setText(self.tr("&Day:"))
        self.all_days.setText(self.tr("All days"))
        self.decision_label.setText(self.tr("D&ecision:"))
        self.decision.setItemText(0, self.tr("All"))
        for i in range(1, self.decision.count()):
            self.decision.setItemText(i, decision_name(self.decision.itemData(i)))
        self.registered_only.setText(self.tr("&Registered only"))
        self.export_button.setText(self.tr("E&xport CSV…"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.model.retranslate()
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{shown} of {total} loaded").format(
            shown=self.model.rowCount(), total=self.model.total))

    def _all_days_toggled(self, checked: bool) -> None:
        self.day.setEnabled(not checked)
        self.reload()

    def query(self) -> ListQuery:
        qd = self.day.date()
        day = None if self.all_days.isChecked() else date(qd.year(), qd.month(), qd.day())
        return ListQuery(day=day, decision=self.decision.currentData(), text=self.search.text().strip(),
                         registered_only=self.registered_only.isChecked())

    def reload(self) -> None:
        self._timer.stop()
        lists, actor, q = self.session.ctx.lists, self.session.actor, self.query()
        self.model.set_source(lambda: lists.count(actor, q),
                              lambda before, limit: lists.page(actor, q, before_id=before, limit=limit))
        self.model.reload()

    # ----- detail ---------------------------------------------------------------------------
    def open_row(self, row: int) -> None:
        r: ListRow | None = self.model.row_at(row)
        if r is None or not r.visit_no:
            return
        registration, actor, visit_no = self.session.ctx.registration, self.session.actor, r.visit_no
        self.session.runner.run(lambda: registration.detail(actor, visit_no, opened=True), self._show_detail, parent=self)

    def _show_detail(self, detail: VisitDetail) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = VisitDetailDialog(self.session, detail, self)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.show()

    # ----- export ---------------------------------------------------------------------------
    def export(self) -> None:
        q = self.query()
        lists, actor = self.session.ctx.lists, self.session.actor
        export_csv(self, self.session.runner, f"screenings-{q.day.isoformat() if q.day else 'all'}.csv",
                   lambda out: lists.export_csv(actor, q, out), self.export_button, self.export_status)
