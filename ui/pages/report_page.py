"""日报告: the day's counts (never a name), submitted to the county as an immutable version; a
zero report (零报告) when the day brought no new suspected, confirmed or asymptomatic case and no
positive result, whatever else it counts; a correction is a new version with a note. The time an
unsent day goes automatically (the next day, clinic time) is shown, and set here by whoever may
submit reports. Below, the link to the county hub: its address, the county CA certificate its HTTPS
certificate is signed with (when the county uses its own CA), what is queued, and "sync now"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta

from PySide6.QtCore import QDate, QDir, Qt, QTime
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.permissions import Perm
from app.reporting.daily import ReportDraft, SubmittedReport
from app.reporting.sneakernet import SneakernetService
from app.reporting.sync import HubCa
from ui.forms import FieldErrors, describe, error_label
from ui.labels import REPORT_COUNT_KEYS
from ui.pages.report_models import ReportCountsModel, ReportVersionsModel, count_pairs
from ui.print_preview import PrintPreviewDialog, open_preview
from ui.session import Session
from ui.sync_feed import SyncFeed, SyncSnapshot, sync_status_text
from ui.widgets import palette
from ui.widgets.page import Page
from ui.widgets.table import record_table

ZERO_STYLE = f"background: {palette.OK_BG}; color: {palette.OK}; font-size: 12pt; font-weight: bold; padding: 6px 10px;"
STATUS_STYLE = "font-size: 12pt; font-weight: bold;"


def _numbers(counts: dict[str, int]) -> list[tuple[str, int]]:
    keys = [k for k in REPORT_COUNT_KEYS if k in counts] + sorted(k for k in counts if k not in REPORT_COUNT_KEYS)
    return [(k, counts[k]) for k in keys]


class ReportPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None, feed: SyncFeed | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.feed = feed or SyncFeed(session, self)
        self.feed.updated.connect(self._show_sync)
        self.feed.failed.connect(self._sync_failed)
        self.draft: ReportDraft | None = None
        self.history: list[SubmittedReport] = []
        self._sync_error: BaseException | None = None
        self.auto_at: time | None = None  # when an unsent day goes automatically; None until read

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.day_label = QLabel()
        self.day_edit = QDateEdit()
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        yesterday = self._today() - timedelta(days=1)
        self.day_edit.setMaximumDate(QDate(yesterday.year, yesterday.month, yesterday.day))
        self.day_edit.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
        self.day_label.setBuddy(self.day_edit)
        self.day_edit.dateChanged.connect(lambda _d: self.reload())
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.reload)
        self.status_label = QLabel()
        self.status_label.setStyleSheet(STATUS_STYLE)
        self.zero_banner = QLabel()
        self.zero_banner.setStyleSheet(ZERO_STYLE)
        self.zero_banner.setWordWrap(True)
        self.zero_banner.hide()
        self.counts_model = ReportCountsModel(session.zone, self)
        counts = {ReportCountsModel.COUNT: 52, ReportCountsModel.COUNT_2: 52}
        self.counts = self._table(self.counts_model, [counts.get(c, 0) for c in range(max(counts) + 1)],
                                  stretch=(ReportCountsModel.ITEM, ReportCountsModel.ITEM_2))
        self.anchor_label = QLabel()
        self.anchor_label.setStyleSheet(f"color: {palette.MUTED};")
        self.anchor_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.submit_button = QPushButton()
        self.submit_button.clicked.connect(self.submit)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_report)
        self.preview: PrintPreviewDialog | None = None
        self.note_label = QLabel()
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(300)
        self.note_label.setBuddy(self.note_edit)
        self.correct_button = QPushButton()
        self.correct_button.clicked.connect(self.correct)
        self.note_error = error_label()
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.errors.add("note", self.note_edit, self.note_error)

        self.auto_label = QLabel()
        self.auto_edit = QTimeEdit()
        self.auto_edit.setDisplayFormat("HH:mm")
        self.auto_label.setBuddy(self.auto_edit)
        self.auto_edit.timeChanged.connect(lambda _t: self._show_auto_time())
        self.auto_save = QPushButton()
        self.auto_save.clicked.connect(self.save_auto_time)
        self.auto_error = error_label()
        can_set_time = session.can(Perm.SUBMIT_REPORTS)  # what ReportService.set_auto_submit_time checks
        for w in (self.auto_label, self.auto_edit, self.auto_save):
            w.setVisible(can_set_time)

        self.versions_label = QLabel()
        self.versions_label.setStyleSheet("font-weight: bold;")
        self.versions_model = ReportVersionsModel(session.zone, self)
        self.versions = self._table(self.versions_model, (40, 110, 70, 150))

        self.sync_box = QGroupBox()
        self.sync_status = QLabel()
        self.sync_status.setWordWrap(True)
        self.sync_error = error_label()
        self.sync_button = QPushButton()
        self.sync_button.clicked.connect(self.sync_now)
        self.hub_label = QLabel()
        self.hub_edit = QLineEdit()
        self.hub_edit.setPlaceholderText("https://")
        self.hub_label.setBuddy(self.hub_edit)
        self.hub_save = QPushButton()
        self.hub_save.clicked.connect(self.save_hub)
        self.hub_error = error_label()
        self.ca_label = QLabel()
        self.ca_edit = QLineEdit()
        self.ca_label.setBuddy(self.ca_edit)
        self.ca_browse = QPushButton()
        self.ca_browse.clicked.connect(self.browse_ca)
        self.ca_save = QPushButton()
        self.ca_save.clicked.connect(self.save_ca)
        self.ca_edit.returnPressed.connect(self.save_ca)
        self.ca_info = QLabel()
        self.ca_info.setStyleSheet(f"color: {palette.MUTED};")
        self.ca_info.setWordWrap(True)
        self.ca_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ca_error = error_label()
        self.carry_label = QLabel()  # issue 18: the road to the county without a network
        self.carry_label.setWordWrap(True)
        self.carry_label.setStyleSheet(f"color: {palette.MUTED};")
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_outbox)
        self.receipt_button = QPushButton()
        self.receipt_button.clicked.connect(self.import_receipt)
        self.lists_button = QPushButton()
        self.lists_button.clicked.connect(self.import_lists)
        self.carry_result = QLabel()
        self.carry_result.setWordWrap(True)
        self.carry_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.carry_result.hide()
        self.carry_error = error_label()
        self.hub_ca: HubCa | None = None
        self._ca_read = False  # no "not set" before the setting was read
        can_set = session.can(Perm.MANAGE_CLINIC_SETTINGS)
        for part in (self.hub_label, self.hub_edit, self.hub_save, self.ca_label, self.ca_edit, self.ca_browse,
                     self.ca_save, self.ca_info):
            part.setVisible(can_set)
        self.hub_edit.returnPressed.connect(self.save_hub)

        day_row = QHBoxLayout()
        day_row.addWidget(self.day_label)
        day_row.addWidget(self.day_edit)
        day_row.addWidget(self.refresh_button)
        day_row.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(day_row)
        left.addWidget(self.status_label)
        left.addWidget(self.zero_banner)
        left.addWidget(self.counts, 1)
        left.addWidget(self.anchor_label)
        actions = QHBoxLayout()
        actions.addWidget(self.submit_button)
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note_label)
        note_row.addWidget(self.note_edit, 1)
        note_row.addWidget(self.correct_button)
        right = QVBoxLayout()
        right.addLayout(actions)
        right.addLayout(note_row)
        right.addWidget(self.note_error)
        right.addWidget(self.general_error)
        right.addWidget(self.versions_label)
        right.addWidget(self.versions, 1)
        auto_row = QHBoxLayout()
        auto_row.addWidget(self.auto_label)
        auto_row.addWidget(self.auto_edit)
        auto_row.addWidget(self.auto_save)
        auto_row.addStretch(1)
        right.addLayout(auto_row)
        right.addWidget(self.auto_error)
        sync = QVBoxLayout(self.sync_box)
        sync_row = QHBoxLayout()
        sync_row.addWidget(self.sync_status, 1)
        sync_row.addWidget(self.sync_button)
        sync.addLayout(sync_row)
        sync.addWidget(self.sync_error)
        hub_row = QHBoxLayout()
        hub_row.addWidget(self.hub_label)
        hub_row.addWidget(self.hub_edit, 1)
        hub_row.addWidget(self.hub_save)
        sync.addLayout(hub_row)
        sync.addWidget(self.hub_error)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_label)
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(self.ca_browse)
        ca_row.addWidget(self.ca_save)
        sync.addLayout(ca_row)
        sync.addWidget(self.ca_info)
        sync.addWidget(self.ca_error)
        sync.addWidget(self.carry_label)
        carry_row = QHBoxLayout()
        carry_row.addWidget(self.export_button)
        carry_row.addWidget(self.receipt_button)
        carry_row.addWidget(self.lists_button)
        carry_row.addStretch(1)
        sync.addLayout(carry_row)
        sync.addWidget(self.carry_result)
        sync.addWidget(self.carry_error)
        right.addWidget(self.sync_box)
        body = QHBoxLayout()
        body.addLayout(left, 6)
        body.addLayout(right, 5)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addLayout(body, 1)
        self.retranslate()
        if self.feed.snapshot is not None:
            self._show_sync(self.feed.snapshot)

    @staticmethod
    def _table(model: ReportCountsModel | ReportVersionsModel, widths: list[int] | tuple[int, ...],
               stretch: tuple[int, ...] = ()) -> QTableView:
        # rows of 21: every count on a 1366×768 screen (two a row)
        return record_table(model, widths, striped=True, row_height=21, stretch=stretch)

    def _today(self) -> date:
        return self.session.ctx.clock.now().astimezone(self.session.zone).date()

    def title(self) -> str:
        return self.tr("Daily report")

    def day(self) -> date:
        chosen = self.day_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def activated(self) -> None:
        yesterday = self._today() - timedelta(days=1)
        self.day_edit.setMaximumDate(QDate(yesterday.year, yesterday.month, yesterday.day))
        self.reload()
        self.load_auto_time()
        if self.session.can(Perm.MANAGE_CLINIC_SETTINGS) and not self.hub_edit.text():
            sync = self.session.ctx.sync
            self.session.runner.run(sync.hub_url, lambda url: self.hub_edit.setText(url or ""), parent=self)
        if self.session.can(Perm.MANAGE_CLINIC_SETTINGS) and not self.ca_edit.text():
            self.session.runner.run(self.session.ctx.sync.hub_ca, self._show_ca, parent=self)
        if self.feed.snapshot is None:
            self.feed.poll()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Daily report"))
        self._show_auto_time()
        self.day_label.setText(self.tr("&Day:"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.submit_button.setText(self.tr("S&ubmit…"))
        self.print_button.setText(self.tr("&Print / Save PDF…"))
        self.note_label.setText(self.tr("Correction &note:"))
        self.note_edit.setPlaceholderText(self.tr("What was wrong in the submitted version"))
        self.correct_button.setText(self.tr("Submit &correction…"))
        self.zero_banner.setText(self.tr("Zero report: no new suspected, confirmed or asymptomatic case and no "
                                         "positive nucleic acid or antigen result this day."))
        self.counts_model.retranslate()
        self.versions_label.setText(self.tr("Submitted versions"))
        self.versions_model.retranslate()
        self.sync_box.setTitle(self.tr("County hub"))
        self.sync_button.setText(self.tr("S&ync now"))
        self.hub_label.setText(self.tr("Hub &address:"))
        self.hub_save.setText(self.tr("Save address"))
        self.ca_label.setText(self.tr("CA c&ertificate:"))
        self.ca_edit.setPlaceholderText(self.tr("Only if the county uses its own CA: its certificate file"))
        self.ca_edit.setToolTip(self.tr("The county's CA (root) certificate that signs the hub's HTTPS certificate. "
                                        "It is kept in the clinic's database, so every desk trusts the hub. "
                                        "Empty: only the usual certificate authorities."))
        self.ca_browse.setText(self.tr("&Browse…"))
        self.ca_save.setText(self.tr("Save certificate"))
        if self._ca_read:
            self._show_ca(self.hub_ca, keep_path=True)
        self.carry_label.setText(self.tr("No network to the county? Carry the queued reports on a USB drive, "
                                         "then import the county's receipt here."))
        self.export_button.setText(self.tr("Export pending file (USB)…"))
        self.receipt_button.setText(self.tr("Import receipt…"))
        self.lists_button.setText(self.tr("Import county lists…"))
        self.auto_label.setText(self.tr("Au&tomatic submission at:"))
        self.auto_edit.setToolTip(self.tr("A day's report not submitted by this time the next day (clinic time) "
                                          "is submitted automatically."))
        self.auto_save.setText(self.tr("Save time"))
        self._show_report()
        self._show_sync()

    # ----- the report ---------------------------------------------------------------------------
    def reload(self) -> None:
        reports, actor, day = self.session.ctx.reports, self.session.actor, self.day()
        self.errors.clear()

        def read() -> tuple[ReportDraft, list[SubmittedReport]]:
            return reports.preview(actor, day), reports.versions(actor, day)

        self.session.runner.run(read, self._loaded, self._load_failed, parent=self)

    def _loaded(self, result: tuple[ReportDraft, list[SubmittedReport]]) -> None:
        self.draft, self.history = result
        self._show_report()

    def _load_failed(self, exc: BaseException) -> None:
        self.draft, self.history = None, []
        self._show_report()
        self.errors.show(exc)

    def latest(self) -> SubmittedReport | None:
        return self.history[-1] if self.history else None

    def _show_report(self) -> None:
        latest = self.latest()
        if latest is None:
            counts = self.draft.counts if self.draft is not None else {}
            zero = self.draft.zero_report if self.draft is not None else False
            self.status_label.setText(self.tr("Draft — not submitted yet") if self.draft is not None else "")
            self.status_label.setStyleSheet(STATUS_STYLE + f" color: {palette.AMBER};")
            anchor = (self.draft.audit_seq, self.draft.audit_hash) if self.draft is not None else None
        else:
            counts, zero = latest.counts, latest.zero_report
            text = (self.tr("Submitted automatically — version {version}") if latest.automatic
                    else self.tr("Submitted — version {version}")).format(version=latest.version)
            self.status_label.setText(text)
            self.status_label.setStyleSheet(STATUS_STYLE + f" color: {palette.OK};")
            anchor = (latest.audit_seq, latest.audit_hash)
        self.zero_banner.setVisible(zero)
        self.counts_model.set_rows(count_pairs(_numbers(counts)))
        self.anchor_label.setText(
            self.tr("Audit anchor: trail entry No. {seq}, hash {hash}…").format(seq=anchor[0], hash=anchor[1][:16])
            if anchor else "")
        self.submit_button.setEnabled(self.draft is not None and latest is None)
        self.print_button.setEnabled(self.draft is not None)
        self.correct_button.setEnabled(latest is not None)
        self.note_edit.setEnabled(latest is not None)
        self.versions_model.set_rows(list(reversed(self.history)))

    def version_texts(self) -> list[str]:
        return [self.versions_model.index(i, 0).data() for i in range(self.versions_model.rowCount())]

    def submit(self) -> None:
        if self.draft is None:
            return
        day = self.day()
        question = (self.tr("Submit the ZERO report for {day} to the county? It cannot be changed afterwards, "
                            "only corrected.") if self.draft.zero_report
                    else self.tr("Submit the report for {day} to the county? It cannot be changed afterwards, "
                                 "only corrected.")).format(day=day.isoformat())
        if QMessageBox.question(self, self.tr("Submit report"), question) != QMessageBox.StandardButton.Yes:
            return
        reports, actor = self.session.ctx.reports, self.session.actor
        self.session.runner.run(lambda: reports.submit(actor, day), self._submitted, self._submit_failed, parent=self)

    def correct(self) -> None:
        note = self.note_edit.text().strip()
        if not note:
            self.errors.show(ValidationError("correction_note", field="note"))
            return
        day = self.day()
        if QMessageBox.question(self, self.tr("Submit correction"),
                                self.tr("Submit a corrected report for {day} as a new version?")
                                .format(day=day.isoformat())) != QMessageBox.StandardButton.Yes:
            return
        reports, actor = self.session.ctx.reports, self.session.actor
        self.session.runner.run(lambda: reports.submit(actor, day, note=note, correcting=True),
                                self._submitted, self._submit_failed, parent=self)

    def _submitted(self, _report: SubmittedReport) -> None:
        self.note_edit.clear()
        self.reload()
        self.feed.poll()  # queued: send it now if the hub is reachable, and show the count

    def _submit_failed(self, exc: BaseException) -> None:
        self.errors.show(exc)
        self.reload()

    def print_report(self) -> None:
        """The A4 日报告 / 零报告 of what is shown (the latest version, else the draft), in the preview."""
        from app.printing.daily_report import CHART_DAYS, daily_report_pdf
        from app.reporting.series import EARS_LEAD, fever_clinic_series

        draft, latest = self.draft, self.latest()
        if draft is None:
            return
        ctx, actor, clinic, day = self.session.ctx, self.session.actor, self.session.clinic, self.day()
        can_read_alerts = self.session.can(Perm.VIEW_CLOCKS)
        printed_by = self.session.full_name

        def make() -> bytes:
            series = fever_clinic_series(ctx.db, day, days=CHART_DAYS + EARS_LEAD)
            open_alerts = len(ctx.alerts.open_alerts(actor)) if can_read_alerts else 0
            contacts = ctx.transfers.contacts()[0]  # the clinic's phone, 审核人, 负责人 (issue 15)
            if latest is None:
                return daily_report_pdf(clinic, day, draft.counts, zero_report=draft.zero_report, status="draft",
                                        version=None, series=series, audit_seq=draft.audit_seq,
                                        audit_hash=draft.audit_hash, printed_at=ctx.clock.now(),
                                        open_alerts=open_alerts, reporter=printed_by, contacts=contacts)
            reporter = printed_by if latest.automatic else latest.submitted_by_name or latest.submitted_by
            return daily_report_pdf(clinic, day, latest.counts, zero_report=latest.zero_report,
                                    status="automatic" if latest.automatic else "submitted", version=latest.version,
                                    series=series, audit_seq=latest.audit_seq, audit_hash=latest.audit_hash,
                                    printed_at=ctx.clock.now(), open_alerts=open_alerts, reporter=reporter,
                                    contacts=contacts)

        open_preview(self.session, self, make, self.tr("Daily report {day}").format(day=day.isoformat()),
                     f"daily-report-{day.isoformat()}.pdf", self._opened)

    def _opened(self, dialog: PrintPreviewDialog) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
        self.preview = dialog

    # ----- the automatic submission time ---------------------------------------------------------
    def load_auto_time(self) -> None:
        self.session.runner.run(self.session.ctx.reports.auto_submit_time, self._auto_time_loaded,
                                self._auto_time_failed, parent=self)

    def _auto_time_loaded(self, at: time) -> None:
        self.auto_at = at
        self.auto_edit.setTime(QTime(at.hour, at.minute))
        self._show_auto_time()

    def _auto_time_failed(self, exc: BaseException) -> None:
        self.auto_error.setText(describe(exc))
        self.auto_error.show()

    def edited_auto_time(self) -> time:
        shown = self.auto_edit.time()
        return time(shown.hour(), shown.minute())

    def _show_auto_time(self) -> None:
        if self.auto_at is None:  # not read yet (or could not be): no time rather than a wrong one
            self.explain.setText(self.tr("Counts only — no names or ID numbers — for one clinic day, sent to the "
                                         "county. A day not submitted in time is submitted automatically the "
                                         "next day. A submitted report never changes: a correction is a new "
                                         "version with a note."))
        else:
            self.explain.setText(self.tr("Counts only — no names or ID numbers — for one clinic day, sent to the "
                                         "county. A day not submitted by {time} the next day (clinic time) is "
                                         "submitted automatically. A submitted report never changes: a "
                                         "correction is a new version with a note.")
                                 .format(time=self.auto_at.strftime("%H:%M")))
        self.auto_save.setEnabled(self.auto_at is not None and self.edited_auto_time() != self.auto_at)

    def save_auto_time(self) -> None:
        reports, actor = self.session.ctx.reports, self.session.actor
        value = self.edited_auto_time().strftime("%H:%M")
        self.auto_error.hide()
        self.auto_save.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.auto_error.setText(describe(exc))
            self.auto_error.show()
            self.load_auto_time()  # show what is actually set

        self.session.runner.run(lambda: reports.set_auto_submit_time(actor, value), self._auto_time_loaded,
                                failed, parent=self)

    # ----- the county hub -------------------------------------------------------------------------
    def sync_now(self) -> None:
        self.sync_error.hide()
        self.sync_button.setEnabled(False)
        self.feed.sync_now()

    def save_hub(self) -> None:
        sync, actor, url = self.session.ctx.sync, self.session.actor, self.hub_edit.text()
        self.hub_error.hide()

        def saved(_none: object) -> None:
            self.hub_edit.setText(sync_url_shown(url))
            self.feed.poll()

        def failed(exc: BaseException) -> None:
            self.hub_error.setText(describe(exc))
            self.hub_error.show()

        self.session.runner.run(lambda: sync.set_hub_url(actor, url), saved, failed, parent=self)

    def browse_ca(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("County CA certificate"), self.ca_edit.text(),
            self.tr("Certificates (*.crt *.cer *.pem *.der);;All files (*)"))
        if path:
            self.ca_edit.setText(QDir.toNativeSeparators(path))
            self.ca_save.setFocus()

    def save_ca(self) -> None:
        sync, actor, path = self.session.ctx.sync, self.session.actor, self.ca_edit.text()
        self.ca_error.hide()

        def saved(ca: HubCa | None) -> None:
            self._show_ca(ca)
            if ca is not None and self.hub_edit.text():
                self.sync_now()  # try the hub with it at once: the admin sees it work (or why not)
            else:
                self.feed.poll()

        def failed(exc: BaseException) -> None:
            self.ca_error.setText(describe(exc))
            self.ca_error.show()

        self.session.runner.run(lambda: sync.set_hub_ca(actor, path), saved, failed, parent=self)

    # ----- by hand: files on a USB drive (issue 18) ----------------------------------------------
    def _carry(self, work: Callable[[], str]) -> None:
        """Run ``work`` (it returns the line to show) in the background; the outcome below the buttons."""
        self.carry_error.hide()
        self.carry_result.hide()

        def done(text: str) -> None:
            self.carry_result.setText(text)
            self.carry_result.show()
            self.feed.poll()

        def failed(exc: BaseException) -> None:
            self.carry_error.setText(describe(exc))
            self.carry_error.show()

        self.session.runner.run(work, done, failed, parent=self)

    def export_outbox(self) -> None:
        service, actor = SneakernetService(self.session.ctx.sync), self.session.actor
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export pending file"), service.default_name(), self.tr("Fever Sentinel files (*.json)"))
        if not path:
            return

        def work() -> str:
            done = service.export_outbox(actor, path)
            return self.tr("{count} queued submission(s) written to {path}. Take the file to the county; nothing "
                           "counts as delivered until you import its receipt.").format(
                count=done.count, path=QDir.toNativeSeparators(done.path))

        self._carry(work)

    def import_receipt(self) -> None:
        service, actor = SneakernetService(self.session.ctx.sync), self.session.actor
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import the county's receipt"), "", self.tr("Fever Sentinel files (*.json)"))
        if not path:
            return

        def work() -> str:
            done = service.import_receipt(actor, path)
            return self.tr("Receipt imported: {delivered} delivered now, {already} delivered before, {refused} "
                           "refused by the county (see the queue).").format(
                delivered=done.delivered, already=done.already, refused=done.refused)

        self._carry(work)

    def import_lists(self) -> None:
        service, actor = SneakernetService(self.session.ctx.sync), self.session.actor
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import the county's lists"), "", self.tr("Fever Sentinel files (*.json)"))
        if not path:
            return

        def work() -> str:
            applied = service.import_lists(actor, path)
            if not applied:
                return self.tr("Nothing new in the county's file: the lists here are current.")
            return self.tr("County lists applied: {areas} risk areas, {hospitals} hospitals.").format(
                areas=applied.get("risk_areas", "-"), hospitals=applied.get("hospitals", "-"))

        self._carry(work)

    def _show_ca(self, ca: HubCa | None, keep_path: bool = False) -> None:
        self.hub_ca, self._ca_read = ca, True
        if not keep_path:
            self.ca_edit.setText(ca.file if ca is not None else "")
        self.ca_info.setText(
            self.tr("Trusted: {subject}, valid until {date}; SHA-256 {fingerprint}…").format(
                subject=ca.subject, date=ca.not_after.astimezone(self.session.zone).strftime("%Y-%m-%d"),
                fingerprint=ca.sha256[:16]) if ca is not None
            else self.tr("No CA certificate set: the hub's certificate must come from a public certificate "
                         "authority."))

    def _show_sync(self, snapshot: SyncSnapshot | None = None) -> None:
        snapshot = snapshot or self.feed.snapshot
        self.sync_button.setEnabled(not self.feed.busy)
        text, style = sync_status_text(snapshot, self.session.zone)
        self.sync_status.setText(text)
        self.sync_status.setStyleSheet(style)
        error = snapshot.error if snapshot is not None else None
        if error is not None:
            self.sync_error.setText(describe(error))
            self.sync_error.show()
        else:
            self.sync_error.hide()
        if snapshot is not None and snapshot.auto_submitted:
            self.reload()

    def _sync_failed(self, exc: BaseException) -> None:
        self.sync_button.setEnabled(True)
        self.sync_error.setText(describe(exc))
        self.sync_error.show()


def sync_url_shown(url: str) -> str:
    return url.strip().rstrip("/")
