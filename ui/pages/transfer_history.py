"""转运记录: every transfer, newest first, filtered by state, a first day and a search text (visit
number or hospital); CSV export (UTF-8 with BOM, so Excel reads the Chinese)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.transfer.records import TransferRecord
from app.transfer.service import TransferQuery
from app.transfer.vocab import TransferState
from ui.csv_export import export_csv
from ui.fields import DateField, debouncer
from ui.forms import ERROR_STYLE, describe
from ui.labels import transfer_state_name
from ui.pages.transfer_models import TransferHistoryModel
from ui.session import Session
from ui.widgets.table import record_table
from ui.widgets.page import Page


class TransferHistoryPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.state_label = QLabel()
        self.state = QComboBox()
        self.state.addItem("", None)
        for s in TransferState:
            self.state.addItem("", s.value)
        self.state_label.setBuddy(self.state)
        self.since_label = QLabel()
        self.since = DateField(self._today, "since")
        self.since.setMaximumWidth(180)
        self.since.setMinimumWidth(170)
        self.since_label.setBuddy(self.since)
        self.search_label = QLabel()
        self.search = QLineEdit()
        self.search.setMaxLength(60)
        self.search.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search)
        self.search_button = QPushButton()
        self.search_button.clicked.connect(self.reload)
        self.filter_error = QLabel()
        self.filter_error.setStyleSheet(ERROR_STYLE)
        self.filter_error.hide()
        self._debounce = debouncer(self, 300, self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.state.currentIndexChanged.connect(lambda _i: self.reload())
        self.since.returnPressed.connect(self.reload)
        self.search.returnPressed.connect(self.reload)
        self.model = TransferHistoryModel(session.zone, self)
        self.view = record_table(self.model, (200, 70, 90, 100, 150, 60, 100, 100, 100, 100))
        self.count_label = QLabel()
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export)
        self.export_status = QLabel()
        self.export_status.setWordWrap(True)
        filters = QHBoxLayout()
        for w in (self.state_label, self.state, self.since_label, self.since, self.search_label):
            filters.addWidget(w)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.search_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.export_status, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(filters)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Transfer records")

    def _today(self) -> date:
        return self.session.ctx.clock.now().astimezone(self.session.zone).date()

    def activated(self) -> None:
        self.reload()
        self.search.setFocus()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Transfers to the designated hospital, newest first"))
        self.state_label.setText(self.tr("S&tate:"))
        self.state.setItemText(0, self.tr("All"))
        for i in range(1, self.state.count()):
            self.state.setItemText(i, transfer_state_name(self.state.itemData(i)))
        self.since_label.setText(self.tr("Si&nce:"))
        self.since.setPlaceholderText(self.tr("YYYY-MM-DD or days ago"))
        self.search_label.setText(self.tr("Se&arch:"))
        self.search.setPlaceholderText(self.tr("visit number or hospital"))
        self.search_button.setText(self.tr("Sea&rch"))
        self.export_button.setText(self.tr("E&xport CSV…"))
        self.model.retranslate()
        self._show_count()

    # ----- data -----------------------------------------------------------------------------
    def query(self) -> TransferQuery | None:
        try:
            since = self.since.value()
        except Exception as exc:  # noqa: BLE001 - a ValidationError shown under the filters
            self.filter_error.setText(describe(exc))
            self.filter_error.show()
            self.since.setFocus()
            return None
        self.filter_error.hide()
        return TransferQuery(state=self.state.currentData(), since=since, text=self.search.text().strip())

    def reload(self) -> None:
        q = self.query()
        if q is None:
            return
        transfers, actor = self.session.ctx.transfers, self.session.actor
        self.session.runner.run(lambda: transfers.history(actor, q), self.show_rows, self._failed, parent=self)

    def show_rows(self, rows: list[TransferRecord]) -> None:
        self.model.set_rows(rows, self.session.ctx.clock.now())
        self._show_count()

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("{count} transfers").format(count=self.model.rowCount()))

    def _failed(self, exc: BaseException) -> None:
        self.filter_error.setText(describe(exc))
        self.filter_error.show()

    # ----- export ---------------------------------------------------------------------------
    def export(self) -> None:
        q = self.query()
        if q is None:
            return
        transfers, actor = self.session.ctx.transfers, self.session.actor
        export_csv(self, self.session.runner, f"transfers-{self._today().isoformat()}.csv",
                   lambda out: transfers.export_csv(actor, q, out), self.export_button, self.export_status)
