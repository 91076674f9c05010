"""Responsibility trail (责任追溯): who did what, when, from which desk; and a chain check."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.audit import ChainReport
from ui.forms import ERROR_STYLE, Page, describe
from ui.ops import report_error
from ui.pages.audit_model import PAGE_SIZE, AuditTableModel
from ui.session import Session

OK_STYLE = "color: #1b6e20; font-weight: bold;"


class AuditPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.session = session
        self._report: ChainReport | None = None
        self._report_error: BaseException | None = None
        audit, actor = session.ctx.audit, session.actor
        self.model = AuditTableModel(
            session.runner, lambda: audit.count(actor),
            lambda offset, limit: audit.page(actor, offset=offset, limit=limit), session.zone, self, page_size)
        self.model.failed.connect(lambda exc: report_error(self, exc))
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((0, 60), (1, 150), (2, 90), (3, 110), (4, 110), (5, 120), (6, 90), (7, 60)):
            self.table.setColumnWidth(column, width)
        self.count_label = QLabel()
        self.verify_result = QLabel()
        self.verify_result.setWordWrap(True)
        self.verify_button = QPushButton()
        self.verify_button.clicked.connect(self.verify)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.model.reload)
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addWidget(self.verify_result, 1)
        row.addWidget(self.count_label)
        row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Responsibility trail")

    def activated(self) -> None:
        self.model.reload()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Responsibility trail"))
        self.explain.setText(self.tr("Every log-in and change is recorded here, newest first, and chained so "
                                     "that an entry edited or deleted outside the program is detected."))
        self.verify_button.setText(self.tr("&Verify chain"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.model.retranslate()
        self._update_count()
        self._show_report()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{shown} of {total} entries loaded")
                                 .format(shown=self.model.rowCount(), total=self.model.total))

    def verify(self) -> None:
        audit, actor = self.session.ctx.audit, self.session.actor
        self.verify_button.setEnabled(False)
        self.verify_result.setText(self.tr("Checking…"))
        self.verify_result.setStyleSheet("")
        self.session.runner.run(lambda: audit.verify(actor), self._verified, self._verify_failed, parent=self)

    def _verified(self, report: ChainReport) -> None:
        self.verify_button.setEnabled(True)
        self._report, self._report_error = report, None
        self._show_report()

    def _verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self._report, self._report_error = None, exc
        self._show_report()

    def _show_report(self) -> None:
        if self._report_error is not None:
            self.verify_result.setStyleSheet(ERROR_STYLE)
            self.verify_result.setText(describe(self._report_error))
            return
        report = self._report
        if report is None:
            self.verify_result.clear()
            return
        if report.ok:
            self.verify_result.setStyleSheet(OK_STYLE)
            self.verify_result.setText(self.tr("Chain intact: {rows} entries, last No. {seq}.")
                                       .format(rows=report.rows, seq=report.head_seq))
        else:
            self.verify_result.setStyleSheet(ERROR_STYLE)
            self.verify_result.setText(self.tr("Chain BROKEN at entry No. {seq}: entries were altered or removed "
                                               "outside the program. Tell the clinic's administrator.")
                                       .format(seq=report.first_broken_seq))
