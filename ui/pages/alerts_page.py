"""预警: the early-warning alerts nobody has acknowledged yet — a reportable case, a cluster by
address or workplace, an unusual rise in fever visits or in each category of medicine sales (EARS), and
the events raised the moment they are recorded (a positive result, a suspected or positive patient who
left without permission, a patient no doctor took in time, a visitor overstaying) — with the evidence in
words (never an evidence key or a raw code). A doctor or administrator acknowledges one by saying what was
done. The list
comes from the shared AlertFeed (scan, then the open alerts, every ~60 s); "Scan now" polls at once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.permissions import Perm
from app.reporting.alerts import AlertRecord
from app.vocabulary import label
from app.vocabulary.staff import STAFF_POST
from ui.alert_feed import AlertFeed, AlertSnapshot
from ui.forms import FieldErrors, describe, error_label
from ui.i18n import current_language
from ui.labels import alert_kind_name, alert_series_name, classification_name, deny_reason_name, test_kind_name
from ui.session import Session
from ui.widgets import palette
from ui.widgets.page import Page
from ui.widgets.vitals import observation_alert_name
from ui.widgets.table import record_table

Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate  # lupdate extracts every literal translate("Alerts", ...) call


def _time(value: Any, zone: ZoneInfo | None) -> str:
    """An ISO time from the evidence as the clinic's ``MM-DD HH:MM``."""
    try:
        at = datetime.fromisoformat(str(value))
    except ValueError:
        return "?"
    return (at.astimezone(zone) if zone is not None else at).strftime("%m-%d %H:%M")


def evidence_text(alert: AlertRecord, zone: ZoneInfo | None = None) -> str:
    """The evidence in a sentence: visit numbers, counts and method values (never a name, never a key)."""
    e: dict[str, Any] = alert.evidence
    if alert.kind == "positive_result":
        return translate("Alerts", "Visit {visit_no}: {test} #{test_id} positive at {time}. Report it within 2 h, "
                         "classify the case and transfer the patient.").format(
            visit_no=e.get("visit_no", "?"), test=test_kind_name(str(e.get("kind", ""))),
            test_id=e.get("test_id", "?"), time=_time(e.get("result_at"), zone))
    if alert.kind == "left_without_permission":
        if e.get("classification") in ("suspected", "confirmed", "asymptomatic"):
            who = classification_name(str(e["classification"]))
        else:
            who = translate("Alerts", "positive result")
        return translate("Alerts", "Visit {visit_no} ({who}) left without permission. Report the incident within "
                         "2 h and record it on the case.").format(visit_no=e.get("visit_no", "?"), who=who)
    if alert.kind == "untaken_patient":
        if e.get("taken_at"):
            return translate("Alerts", "Visit {visit_no} arrived at the fever clinic at {arrived} and was taken by a "
                             "doctor only after {minutes} min (limit {limit} min).").format(
                visit_no=e.get("visit_no", "?"), arrived=_time(e.get("arrived_at"), zone),
                minutes=e.get("minutes_waited", "?"), limit=e.get("limit_minutes", "?"))
        return translate("Alerts", "Visit {visit_no} arrived at the fever clinic at {arrived} and has waited "
                         "{minutes} min with no doctor (limit {limit} min).").format(
            visit_no=e.get("visit_no", "?"), arrived=_time(e.get("arrived_at"), zone),
            minutes=e.get("minutes_waited", "?"), limit=e.get("limit_minutes", "?"))
    if alert.kind == "visitor_overstay":
        return translate("Alerts", "Visitor permit {permit} ({ward}): {minutes} min past the end of the "
                         "visit.").format(permit=e.get("permit", "?"), ward=e.get("ward", "?"),
                                          minutes=e.get("minutes_over", "?"))
    if alert.kind == "offline_admit_refusable":  # issue 13 — the gate
        return translate("Alerts", "Permit {permit} was let in at {gate} while the gate was offline, but the live "
                         "data refuses it: {reason}. Check who is in the ward.").format(
            permit=e.get("permit", "?"), gate=e.get("gate", "?"), reason=deny_reason_name(str(e.get("reason", ""))))
    if alert.kind == "staff_positive":  # issue 18 — key-post staff testing (app/staff)
        return translate("Alerts", "Roster no. {staff_no} ({post}) tested positive, sampled {day}. Take them off "
                         "duty, report it and trace their contacts.").format(
            staff_no=e.get("staff_no", "?"), post=label(STAFF_POST, e.get("post"), "?", current_language()),
            day=e.get("sampled_on", "?"))
    if alert.kind == "swab_positive":
        return translate("Alerts", "Surface swab no. {swab_no} at {place} positive, sampled {day}. Disinfect the "
                         "place, swab it again and test the staff who work there.").format(
            swab_no=e.get("swab_no", "?"), place=e.get("place", "?"), day=e.get("sampled_on", "?"))
    if alert.kind == "news2":  # issue 17 — the observation round (app/casework/observation.py)
        codes = translate("Alerts", ", ").join(observation_alert_name(str(c)) for c in e.get("codes", []))
        previous = e.get("previous_news2")
        return translate("Alerts", "Visit {visit_no}: NEWS2 {previous} → {news2} ({codes}). Responsible doctor "
                         "{doctor}: review the patient now.").format(
            visit_no=e.get("visit_no", "?"), previous="—" if previous is None else previous,
            news2=e.get("news2", "?") if e.get("news2_complete", True) else f"≥ {e.get('news2', '?')}",
            codes=codes, doctor=e.get("doctor", "?"))
    if alert.kind == "case":
        return translate("Alerts", "Visit {visit_no} classified as {classification}.").format(
            visit_no=e.get("visit_no", "?"), classification=classification_name(str(e.get("classification", ""))))
    if alert.kind == "cluster":
        field = (translate("Alerts", "address") if e.get("field") == "address"
                 else translate("Alerts", "workplace or school"))
        visits = translate("Alerts", ", ").join(f"{v.get('visit_no')} ({v.get('date')})" for v in e.get("visits", []))
        return translate("Alerts", "{patients} patients with the same {field} \"{key}\" within {days} days; "
                         "new visit {new_visit}. Visits: {visits}").format(
            patients=e.get("patients", "?"), field=field, key=e.get("key", ""), days=e.get("window_days", "?"),
            new_visit=e.get("new_visit_no", "?"), visits=visits)
    if alert.kind.startswith("ears_"):  # fever visits and each drug category's purchases
        methods = "/".join(str(m).upper() for m in e.get("alarms", [])) or "?"
        values = ", ".join(f"{m.upper()} {e.get(m)}" for m in ("c1", "c2", "c3") if e.get(m) is not None)
        return translate("Alerts", "{count} {series} on {date}: EARS {methods} alarm ({values}).").format(
            count=e.get("count", "?"), series=alert_series_name(str(e.get("series", ""))), date=e.get("date", "?"),
            methods=methods, values=values)
    # a kind this release does not know yet: its values, never its keys
    return translate("Alerts", ", ").join(str(v) for _k, v in sorted(e.items())
                                          if isinstance(v, str | int | float) and not isinstance(v, bool))


class AlertTableModel(QAbstractTableModel):
    KIND, DAY, RAISED, EVIDENCE = range(4)

    def __init__(self, zone: ZoneInfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self._rows: list[AlertRecord] = []

    def set_rows(self, rows: list[AlertRecord]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record_at(self, row: int) -> AlertRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 3))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (translate("Alerts", "Kind"), translate("Alerts", "Day"), translate("Alerts", "Raised at"),
                translate("Alerts", "Evidence"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record_at(index.row())
        if record is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == self.KIND:
                return alert_kind_name(record.kind)
            if column == self.DAY:
                return record.clinic_day.isoformat()
            if column == self.RAISED:
                return record.raised_at.astimezone(self._zone).strftime("%m-%d %H:%M")
            return evidence_text(record, self._zone)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.KIND:
            from PySide6.QtGui import QColor

            return QColor(palette.DANGER)
        return None


class AlertsPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None, feed: AlertFeed | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.feed = feed or AlertFeed(session, self)
        self.feed.updated.connect(self.show_snapshot)
        self.feed.failed.connect(self._poll_failed)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.updated_label = QLabel()
        self.updated_label.setStyleSheet(f"color: {palette.MUTED};")
        self.scan_button = QPushButton()
        self.scan_button.clicked.connect(self.scan)
        self.poll_error = error_label()
        self.model = AlertTableModel(session.zone, self)
        self.view = record_table(self.model, (190, 100, 100), striped=True, row_height=None, wrap=True)
        self.view.setStyleSheet("QTableView { font-size: 11pt; }")
        self.action_label = QLabel()
        self.action_edit = QLineEdit()
        self.action_edit.setMaxLength(500)
        self.view.activated.connect(lambda _i: self.action_edit.setFocus())
        self.action_label.setBuddy(self.action_edit)
        self.action_edit.returnPressed.connect(self.acknowledge)
        self.ack_button = QPushButton()
        self.ack_button.clicked.connect(self.acknowledge)
        self.action_error = error_label()
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.errors.add("action_taken", self.action_edit, self.action_error)
        can_ack = session.can(Perm.ACKNOWLEDGE_ALERTS)
        for w in (self.action_label, self.action_edit, self.ack_button):
            w.setVisible(can_ack)

        top = QHBoxLayout()
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.updated_label)
        top.addWidget(self.scan_button)
        ack = QHBoxLayout()
        ack.addWidget(self.action_label)
        ack.addWidget(self.action_edit, 1)
        ack.addWidget(self.ack_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addLayout(top)
        layout.addWidget(self.poll_error)
        layout.addWidget(self.view, 1)
        layout.addLayout(ack)
        layout.addWidget(self.action_error)
        layout.addWidget(self.general_error)
        self.retranslate()
        if self.feed.snapshot is not None:
            self.show_snapshot(self.feed.snapshot)

    def title(self) -> str:
        return self.tr("Early warning")

    def activated(self) -> None:
        self.feed.poll()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Early warning"))
        self.explain.setText(self.tr("Alerts raised from the records: reportable cases, positive results, "
                                     "patients who left without permission or waited with no doctor, visitors "
                                     "overstaying, patients from the same address or workplace, and unusual rises "
                                     "in fever visits or medicine sales. Each stays here until someone says what "
                                     "was done."))
        self.scan_button.setText(self.tr("Scan &now"))
        self.action_label.setText(self.tr("&Action taken:"))
        self.action_edit.setPlaceholderText(self.tr("e.g. reported by phone to the township CDC; investigation "
                                                    "started"))
        self.ack_button.setText(self.tr("Ac&knowledge"))
        self.model.retranslate()
        self._show_count()

    def _show_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(self.tr("{count} open alerts").format(count=count) if count
                                 else self.tr("No open alerts"))
        self.count_label.setStyleSheet("font-size: 12pt; font-weight: bold;"
                                       + (f" color: {palette.DANGER};" if count else f" color: {palette.OK};"))
        snapshot = self.feed.snapshot
        self.updated_label.setText(
            self.tr("checked {time}").format(time=snapshot.polled_at.astimezone(self.session.zone).strftime("%H:%M"))
            if snapshot is not None else "")

    def scan(self) -> None:
        self.feed.poll()

    def show_snapshot(self, snapshot: AlertSnapshot) -> None:
        selected = self.selected()
        self.model.set_rows(snapshot.open)
        self.poll_error.hide()
        if selected is not None:
            row = next((i for i, a in enumerate(snapshot.open) if a.id == selected.id), -1)
            if row >= 0:
                self.view.selectRow(row)
        if self.selected() is None and snapshot.open:
            self.view.selectRow(0)
        self._show_count()

    def _poll_failed(self, exc: BaseException) -> None:
        self.poll_error.setText(describe(exc))
        self.poll_error.show()

    def selected(self) -> AlertRecord | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    def acknowledge(self) -> None:
        alert = self.selected()
        self.errors.clear()
        if alert is None:
            self.errors.show_text(None, self.tr("Choose an alert in the list first."))
            return
        action = self.action_edit.text().strip()
        if not action:
            self.errors.show(ValidationError("required", field="action_taken"))
            return
        alerts, actor = self.session.ctx.alerts, self.session.actor
        self.session.runner.run(lambda: alerts.acknowledge(actor, alert.id, alert.version, action),
                                self._acknowledged, self._ack_failed, parent=self)

    def _acknowledged(self, _record: AlertRecord) -> None:
        self.action_edit.clear()
        self.feed.poll()

    def _ack_failed(self, exc: BaseException) -> None:
        self.errors.show(exc)
        self.feed.poll()
