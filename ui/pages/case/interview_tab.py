"""流调与诊查: the epidemiological interview (travel and stays, contacts, exposures, high-risk job, notes) and
the clinical findings, saved together by the responsible doctor."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.casework.records import CaseRecord
from app.triage.vocab import Occupation
from ui.fields import parse_date
from ui.forms import tidy_form
from ui.labels import occupation_name

translate = QCoreApplication.translate  # the strings keep the context "CaseDialog" they were translated in


class InterviewTab(QWidget):
    """``save_asked``: the doctor saves the interview (the dialog reads ``values`` and runs the write)."""

    save_asked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.travel = QTableWidget(0, 2)
        self.travel.verticalHeader().hide()
        self.travel.horizontalHeader().setStretchLastSection(True)
        self.travel.setColumnWidth(0, 230)
        self.travel.setMinimumHeight(90)
        self.travel.setTabKeyNavigation(False)  # Tab leaves the table (a closed case's is read-only); arrows move in it
        self.add_travel_button = QPushButton()
        self.add_travel_button.clicked.connect(lambda _checked=False: self.add_travel_row())
        self.remove_travel_button = QPushButton()
        self.remove_travel_button.clicked.connect(self.remove_travel_row)
        self.contacts = QLineEdit()
        self.contacts.setMaxLength(300)
        self.cluster = QCheckBox()
        self.occupation = QComboBox()
        for occ in Occupation:
            self.occupation.addItem("", occ.value)
        self.other_exposures = QLineEdit()
        self.other_exposures.setMaxLength(300)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.findings = QPlainTextEdit()
        self.findings.setTabChangesFocus(True)
        self.save_interview_button = QPushButton()
        self.save_interview_button.clicked.connect(self.save_asked)
        self.labels = {k: QLabel() for k in ("travel", "contacts", "exposures", "occupation", "other", "notes",
                                             "findings")}
        for key, widget in (("travel", self.travel), ("contacts", self.contacts), ("occupation", self.occupation),
                            ("other", self.other_exposures), ("notes", self.notes), ("findings", self.findings)):
            self.labels[key].setBuddy(widget)
        travel_buttons = QHBoxLayout()
        travel_buttons.addWidget(self.add_travel_button)
        travel_buttons.addWidget(self.remove_travel_button)
        travel_buttons.addStretch(1)
        travel_box = QVBoxLayout()
        travel_box.addWidget(self.travel)
        travel_box.addLayout(travel_buttons)
        epi = QFormLayout()
        tidy_form(epi)
        epi.addRow(self.labels["travel"], travel_box)
        rows: tuple[tuple[str, QWidget], ...] = (
            ("contacts", self.contacts), ("exposures", self.cluster), ("occupation", self.occupation),
            ("other", self.other_exposures), ("notes", self.notes))
        for key, field in rows:
            epi.addRow(self.labels[key], field)
        self.epi_group = QGroupBox()
        self.epi_group.setLayout(epi)
        self.findings_group = QGroupBox()
        findings_box = QVBoxLayout(self.findings_group)
        findings_box.addWidget(self.labels["findings"])
        findings_box.addWidget(self.findings, 1)
        grid = QGridLayout(self)
        grid.addWidget(self.epi_group, 0, 0)
        grid.addWidget(self.findings_group, 0, 1)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_interview_button)
        grid.addLayout(save_row, 1, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

    def set_enabled(self, mine: bool) -> None:
        """Only the responsible doctor writes the interview; everyone else reads it."""
        for w in (self.travel, self.add_travel_button, self.remove_travel_button, self.contacts, self.cluster,
                  self.occupation, self.other_exposures, self.notes, self.findings, self.save_interview_button):
            w.setEnabled(mine)

    def fill(self, case: CaseRecord) -> None:
        """The fields as the case has them (after opening, a save, or someone else's change)."""
        epi = case.epi
        self.travel.setRowCount(0)
        for entry in epi.get("travel") or []:
            if isinstance(entry, dict):
                self.add_travel_row(str(entry.get("area") or ""), str(entry.get("last_date") or ""))
            else:
                self.add_travel_row(str(entry), "")
        self.contacts.setText(str(epi.get("contacts") or ""))
        exposures = [str(x) for x in epi.get("exposures") or []]
        self.cluster.setChecked("cluster" in exposures)
        occ = next((x.split(":", 1)[1] for x in exposures if x.startswith("occupation:")), "none")
        self.occupation.setCurrentIndex(max(0, self.occupation.findData(occ)))
        others = [x for x in exposures if x != "cluster" and not x.startswith("occupation:")]
        self.other_exposures.setText("；".join(others))
        self.notes.setPlainText(str(epi.get("notes") or ""))
        self.findings.setPlainText(case.findings or "")

    def add_travel_row(self, area: str = "", last_date: str = "") -> None:
        row = self.travel.rowCount()
        self.travel.insertRow(row)
        self.travel.setItem(row, 0, QTableWidgetItem(area))
        self.travel.setItem(row, 1, QTableWidgetItem(last_date))
        if not area:
            self.travel.setCurrentCell(row, 0)
            self.travel.setFocus()

    def remove_travel_row(self) -> None:
        row = self.travel.currentRow()
        if row >= 0:
            self.travel.removeRow(row)

    def _cell(self, row: int, column: int) -> str:
        item = self.travel.item(row, column)
        return item.text().strip() if item is not None else ""

    def values(self, today: date) -> tuple[dict[str, Any], str]:
        """The interview as the service takes it, and the findings. A travel date that does not read raises
        the ValidationError, with its cell made current."""
        travel = []
        for row in range(self.travel.rowCount()):
            area, raw = self._cell(row, 0), self._cell(row, 1)
            if not area and not raw:
                continue
            try:
                day = parse_date(raw, today, "travel")
            except Exception:
                self.travel.setCurrentCell(row, 1)
                raise
            travel.append({"area": area, "last_date": day.isoformat() if day else None})
        exposures = ["cluster"] if self.cluster.isChecked() else []
        occ = self.occupation.currentData()
        if occ and occ != "none":
            exposures.append(f"occupation:{occ}")
        exposures += [x.strip() for x in re.split(r"[；;]", self.other_exposures.text()) if x.strip()]
        epi = {"travel": travel, "contacts": self.contacts.text().strip(), "exposures": exposures,
               "notes": self.notes.toPlainText().strip()}
        return epi, self.findings.toPlainText().strip()

    def retranslate(self) -> None:
        self.epi_group.setTitle(translate("CaseDialog", "Epidemiological interview"))
        self.findings_group.setTitle(translate("CaseDialog", "Clinical findings"))
        self.travel.setHorizontalHeaderLabels([translate("CaseDialog", "Area"),
                                               translate("CaseDialog", "Last day there (YYYY-MM-DD)")])
        self.add_travel_button.setText(translate("CaseDialog", "Add area"))
        self.remove_travel_button.setText(translate("CaseDialog", "Remove area"))
        self.labels["travel"].setText(translate("CaseDialog", "Travel and stays:"))
        self.labels["contacts"].setText(translate("CaseDialog", "Con&tacts:"))
        self.labels["exposures"].setText(translate("CaseDialog", "Exposures:"))
        self.cluster.setText(translate("CaseDialog", "Part of a cluster of sick people"))
        self.labels["occupation"].setText(translate("CaseDialog", "High-risk &job:"))
        for i in range(self.occupation.count()):
            self.occupation.setItemText(i, occupation_name(self.occupation.itemData(i)))
        self.labels["other"].setText(translate("CaseDialog", "Other e&xposures:"))
        self.other_exposures.setPlaceholderText(translate("CaseDialog", "separate with ；"))
        self.labels["notes"].setText(translate("CaseDialog", "N&otes:"))
        self.labels["findings"].setText(translate("CaseDialog", "S&ymptoms, signs and examination findings:"))
        self.save_interview_button.setText(translate("CaseDialog", "&Save interview (Ctrl+S)"))
