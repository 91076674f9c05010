"""Screening rules (admin): fever threshold, travel window, hand-off time limit, and the county's
medium/high-risk area list. Saves are version-checked: if another desk saved first, the admin's
values stay in the fields and the page says what changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import Conflict, StaleEdit
from app.triage.config_service import RiskAreaRecord
from app.triage.rules import TriageRules
from ui.forms import ERROR_STYLE, FieldErrors, error_label, field_with_error, tidy_form
from ui.pages.clinic_mode_box import ClinicModeBox
from ui.labels import risk_level_name
from ui.session import Session
from ui.widgets import palette
from ui.widgets.page import Page
from ui.widgets.table import record_table

Index = QModelIndex | QPersistentModelIndex
OK_STYLE = f"color: {palette.OK};"


class RiskAreaModel(QAbstractTableModel):
    NAME, LEVEL, SINCE, SOURCE = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RiskAreaRecord] = []

    def set_areas(self, rows: list[RiskAreaRecord]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def names(self) -> list[str]:
        return [r.name for r in self._rows]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 3))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("Area"), self.tr("Risk level"), self.tr("Since"), self.tr("Source")][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [r.name, risk_level_name(r.level), r.since.isoformat() if r.since else "",
                    self._source(r.source)][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.LEVEL and r.level == "high":
            return Qt.GlobalColor.darkRed
        return None

    def _source(self, source: str) -> str:
        names = {"import": self.tr("Imported file"), "demo": self.tr("Demo data"), "manual": self.tr("Entered"),
                 "hub": self.tr("County hub")}
        return names.get(source, source)


class TriageRulesPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.version = 0
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.rules_box = QGroupBox()
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(36.0, 39.0)
        self.threshold.setDecimals(1)
        self.threshold.setSingleStep(0.1)
        self.threshold.setSuffix(" °C")
        self.window_days = QSpinBox()
        self.window_days.setRange(1, 60)
        self.timeout = QSpinBox()
        self.timeout.setRange(1, 240)
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        form = QFormLayout(self.rules_box)
        tidy_form(form)
        self._labels: dict[str, QLabel] = {}
        for key, widget in (("fever_threshold_c", self.threshold), ("travel_window_days", self.window_days),
                            ("handoff_timeout_minutes", self.timeout)):
            box, err = field_with_error(widget)
            widget.setMaximumWidth(140)
            self._labels[key] = QLabel()
            self._labels[key].setBuddy(widget)
            form.addRow(self._labels[key], box)
            self.errors.add(key, widget, err)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.reload_button = QPushButton()
        self.reload_button.clicked.connect(self.reload)
        row = QHBoxLayout()
        row.addWidget(self.notice, 1)
        row.addWidget(self.reload_button)
        row.addWidget(self.save_button)
        form.addRow(self.general_error)
        form.addRow(row)

        self.areas_box = QGroupBox()
        self.areas_explain = QLabel()
        self.areas_explain.setWordWrap(True)
        self.areas = RiskAreaModel(self)
        self.areas_view = record_table(self.areas, (300, 100, 110), row_height=None)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_file)
        self.areas_status = QLabel()
        self.areas_status.setWordWrap(True)
        areas_row = QHBoxLayout()
        areas_row.addWidget(self.areas_status, 1)
        areas_row.addWidget(self.import_button)
        areas_layout = QVBoxLayout(self.areas_box)
        areas_layout.addWidget(self.areas_explain)
        areas_layout.addWidget(self.areas_view, 1)
        areas_layout.addLayout(areas_row)

        self.mode_box = ClinicModeBox(session)  # refer or treat (issue 12): the status bar follows it

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.mode_box)
        layout.addWidget(self.rules_box)
        layout.addWidget(self.areas_box, 1)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Screening rules")

    def activated(self) -> None:
        self.reload()
        self.mode_box.reload()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Screening rules and risk areas"))
        self.rules_box.setTitle(self.tr("Rules"))
        self._labels["fever_threshold_c"].setText(self.tr("&Fever from:"))
        self._labels["travel_window_days"].setText(self.tr("&Travel history window (days):"))
        self._labels["handoff_timeout_minutes"].setText(self.tr("Hand-off &overdue after (minutes):"))
        self.save_button.setText(self.tr("Sa&ve rules"))
        self.reload_button.setText(self.tr("Re&load"))
        self.areas_box.setTitle(self.tr("Medium- and high-risk areas"))
        self.areas_explain.setText(self.tr("Import the county's current list: CSV with name,level[,since] "
                                           "(level medium/high or 中风险/高风险) or a JSON list. The import "
                                           "replaces the whole list."))
        self.import_button.setText(self.tr("&Import from file…"))
        self.areas.retranslate()

    # ----- rules ----------------------------------------------------------------------------
    def reload(self) -> None:
        config = self.session.ctx.triage_config
        self.session.runner.run(lambda: (config.rules(), config.risk_areas()), self._loaded, parent=self)

    def _loaded(self, result: tuple[tuple[TriageRules, int], list[RiskAreaRecord]]) -> None:
        (rules, version), areas = result
        self.version = version
        self.threshold.setValue(rules.fever_threshold_c)
        self.window_days.setValue(rules.travel_window_days)
        self.timeout.setValue(rules.handoff_timeout_minutes)
        self.notice.clear()
        self.errors.clear()
        self._show_areas(areas)

    def _show_areas(self, areas: list[RiskAreaRecord]) -> None:
        # high risk first (the service orders by the level's code, which puts "medium" first)
        areas = sorted(areas, key=lambda a: (a.level != "high", a.name))
        self.areas.set_areas(areas)
        high = sum(a.level == "high" for a in areas)
        self.areas_status.setStyleSheet("")
        self.areas_status.setText(self.tr("{count} areas ({high} high risk)").format(count=len(areas), high=high))

    def save(self) -> None:
        self.errors.clear()
        config, actor, version = self.session.ctx.triage_config, self.session.actor, self.version
        threshold, days, timeout = self.threshold.value(), self.window_days.value(), self.timeout.value()

        def write() -> int:
            current, _v = config.rules()
            rules = dataclasses.replace(current, fever_threshold_c=round(threshold, 1), travel_window_days=days,
                                        handoff_timeout_minutes=timeout)
            return config.update_rules(actor, rules, version)

        self.session.runner.run(write, self._saved, self._failed, parent=self)

    def _saved(self, version: int) -> None:
        self.version = version
        self.notice.setStyleSheet(OK_STYLE)
        self.notice.setText(self.tr("Saved. New screenings use these rules at once."))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, StaleEdit):
            config = self.session.ctx.triage_config
            self.session.runner.run(config.rules, self._stale, parent=self)
            return
        self.errors.show(exc)

    def _stale(self, result: tuple[TriageRules, int]) -> None:
        rules, version = result
        self.version = version  # the admin's values stay; saving again overwrites knowingly
        self.notice.setStyleSheet(ERROR_STYLE)
        self.notice.setText(self.tr("Another desk changed the rules meanwhile (now: fever from {threshold} °C, "
                                    "{days} days, {minutes} minutes). Your values are kept: check them and "
                                    "save again.").format(threshold=f"{rules.fever_threshold_c:.1f}",
                                                          days=rules.travel_window_days,
                                                          minutes=rules.handoff_timeout_minutes))

    # ----- risk areas -----------------------------------------------------------------------
    def import_file(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Import risk areas"), str(Path.home()),
                                               self.tr("Risk-area lists (*.csv *.json);;All files (*)"))
        if not path:
            return
        self._import_path(Path(path))

    def _import_path(self, path: Path, force: bool = False) -> None:
        config, actor = self.session.ctx.triage_config, self.session.actor
        self._pending_import = path
        self.session.runner.run(lambda: (config.import_risk_areas(actor, path, force=force), config.risk_areas()),
                                self._imported, self._import_failed, parent=self)

    def confirm_shrink(self, old: object, new: object) -> bool:
        """The service refused an empty or much shorter list: the admin confirms (a test replaces this)."""
        answer = QMessageBox.question(
            self, self.tr("Replace the risk-area list?"),
            self.tr("The file holds {new} areas; the current list has {old}. An empty or truncated file would "
                    "stop high-risk travel from sending patients to the fever clinic. Replace the list anyway?"
                    ).format(new=new, old=old),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _imported(self, result: tuple[int, list[RiskAreaRecord]]) -> None:
        count, areas = result
        self._show_areas(areas)
        self.areas_status.setStyleSheet(OK_STYLE)
        self.areas_status.setText(self.tr("Imported {count} areas; the list was replaced.").format(count=count))

    def _import_failed(self, exc: BaseException) -> None:
        from ui.forms import describe

        if isinstance(exc, Conflict) and exc.code == "risk_areas_shrink" and \
                self.confirm_shrink(exc.details.get("old", "?"), exc.details.get("new", "?")):
            self._import_path(self._pending_import, force=True)
            return
        self.areas_status.setStyleSheet(ERROR_STYLE)
        self.areas_status.setText(describe(exc))
