"""Responsibility trail (责任追溯): who did what, when, from which desk; a check of the chain and of the
business rows; and (issue 13) a check against the anchors the county hub holds ("与县级平台核对"), with the
pinned hub key's fingerprint."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.audit import ChainReport
from app.reporting.anchor_check import AnchorService, HubCheck, PinnedKey
from ui.forms import ERROR_STYLE, describe
from ui.labels import entity_name
from ui.ops import report_error
from ui.pages.audit_model import PAGE_SIZE, AuditTableModel
from ui.session import Session
from ui.widgets import palette
from ui.widgets.page import Page
from ui.widgets.table import record_table

OK_STYLE = f"color: {palette.OK}; font-weight: bold;"


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
        self.table = record_table(self.model, (60, 150, 90, 110, 110, 120, 90, 60), striped=True, row_height=None)
        self.count_label = QLabel()
        self.verify_result = QLabel()
        self.verify_result.setWordWrap(True)
        self.verify_button = QPushButton()
        self.verify_button.clicked.connect(self.verify)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.model.reload)
        self._hub_check: HubCheck | None = None
        self._hub_error: BaseException | None = None
        self._hub_key: PinnedKey | None = None
        self.hub_button = QPushButton()
        self.hub_button.clicked.connect(self.check_hub)
        self.hub_result = QLabel()
        self.hub_result.setWordWrap(True)
        self.hub_key_label = QLabel()
        self.hub_key_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addWidget(self.verify_result, 1)
        row.addWidget(self.count_label)
        row.addWidget(self.refresh_button)
        hub_row = QHBoxLayout()
        hub_row.addWidget(self.hub_button)
        hub_row.addWidget(self.hub_result, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addLayout(row)
        layout.addLayout(hub_row)
        layout.addWidget(self.hub_key_label)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Responsibility trail")

    def activated(self) -> None:
        self.model.reload()
        self.session.runner.run(lambda: AnchorService(self.session.ctx.sync).hub_key(), self._key_loaded,
                                lambda exc: None, parent=self)

    def _key_loaded(self, key: PinnedKey | None) -> None:
        self._hub_key = key
        self._show_hub_key()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Responsibility trail"))
        self.explain.setText(self.tr("Every log-in and change is recorded here, newest first, and chained so "
                                     "that an entry edited or deleted outside the program is detected."))
        self.verify_button.setText(self.tr("&Verify chain"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.hub_button.setText(self.tr("Check with the &county hub"))
        self.model.retranslate()
        self._update_count()
        self._show_report()
        self._show_hub_check()
        self._show_hub_key()

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
        elif report.edited is not None:
            self.verify_result.setStyleSheet(ERROR_STYLE)
            self.verify_result.setText(self._edited_text(report))
        else:
            self.verify_result.setStyleSheet(ERROR_STYLE)
            self.verify_result.setText(self.tr("Chain BROKEN at entry No. {seq}: entries were altered or removed "
                                               "outside the program. Tell the clinic's administrator.")
                                       .format(seq=report.first_broken_seq))

    def _edited_text(self, report: ChainReport) -> str:
        edited = report.edited
        assert edited is not None
        return self.tr("A record was changed outside the program: {what} {id}, after entry No. {seq}. Tell the "
                       "clinic's administrator.").format(what=entity_name(edited.entity), id=edited.entity_id,
                                                         seq=edited.seq)

    # ----- the county hub's anchors (issue 13) ----------------------------------------------------------------
    def check_hub(self) -> None:
        service, actor = AnchorService(self.session.ctx.sync), self.session.actor
        self.hub_button.setEnabled(False)
        self.hub_result.setStyleSheet("")
        self.hub_result.setText(self.tr("Asking the county hub…"))

        def work() -> tuple[HubCheck, PinnedKey | None]:
            return service.check(actor), service.hub_key()

        self.session.runner.run(work, self._hub_checked, self._hub_failed, parent=self)

    def _hub_checked(self, result: tuple[HubCheck, PinnedKey | None]) -> None:
        self.hub_button.setEnabled(True)
        (self._hub_check, self._hub_key), self._hub_error = result, None
        self._show_hub_check()
        self._show_hub_key()

    def _hub_failed(self, exc: BaseException) -> None:
        self.hub_button.setEnabled(True)
        self._hub_check, self._hub_error = None, exc
        self._show_hub_check()

    def _show_hub_key(self) -> None:
        key = self._hub_key
        if key is None:
            self.hub_key_label.setText(self.tr("County hub key: not pinned yet (the hub's first receipt pins it)."))
        elif key.source == "admin":
            self.hub_key_label.setText(self.tr("County hub key fingerprint: {fp} (set by the administrator).")
                                       .format(fp=key.fingerprint))
        else:
            self.hub_key_label.setText(self.tr("County hub key fingerprint: {fp} (pinned from the hub's first "
                                               "receipt).").format(fp=key.fingerprint))

    def _show_hub_check(self) -> None:
        if self._hub_error is not None:
            self.hub_result.setStyleSheet(ERROR_STYLE)
            self.hub_result.setText(describe(self._hub_error))
            return
        check = self._hub_check
        if check is None:
            self.hub_result.clear()
            return
        self.hub_result.setStyleSheet(OK_STYLE if check.ok else ERROR_STYLE)
        self.hub_result.setText(self._hub_text(check))

    def _hub_text(self, check: HubCheck) -> str:
        if check.ok:
            text = self.tr("Agrees with the county hub: {n} anchors checked, last No. {seq} here.").format(
                n=check.anchors_checked, seq=check.local_head_seq)
            for r in check.restores:
                text += " " + self.tr("Restored from a backup made at {at}: the hub's anchors after No. {n} belong "
                                      "to the trail that restore (entry No. {m}) replaced.").format(
                    at=self._local_time(r.backup_at), n=r.backup_seq, m=r.seq)
            return text
        if check.problem == "tail_deleted":
            return self.tr("DISAGREES with the county hub: the hub holds entry No. {seq}, but the trail here ends "
                           "at No. {head}: entries were deleted. Tell the clinic's administrator.").format(
                seq=check.seq, head=check.local_head_seq)
        if check.problem == "rows_rewritten":
            return self.tr("DISAGREES with the county hub: entry No. {seq} is not the one the hub received: entries "
                           "were rewritten outside the program. Tell the clinic's administrator.").format(
                seq=check.seq)
        if check.problem == "trail_wiped":
            return self.tr("DISAGREES with the county hub: the trail here is empty, but the hub holds entries up "
                           "to No. {seq}: the trail was wiped. Tell the clinic's administrator.").format(
                seq=check.hub_seq)
        if check.chain is not None and check.chain.edited is not None:
            return self._edited_text(check.chain)
        return self.tr("Chain BROKEN at entry No. {seq}: entries were altered or removed outside the program. "
                       "Tell the clinic's administrator.").format(seq=check.seq)

    def _local_time(self, text: str | None) -> str:
        from datetime import datetime

        if not text:
            return "?"
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(self.session.zone).strftime(
                "%Y-%m-%d %H:%M")
        except ValueError:
            return text
