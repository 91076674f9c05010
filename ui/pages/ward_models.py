"""Table models for wards, inpatients, permits and the gate's inside list: one small generic model,
columns given as (header, cell text) functions so the headers translate at call time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app.wards.records import AdmissionRecord, InsideRecord, PermitRecord, WardRecord
from ui.labels import (
    nursing_level_name,
    permit_kind_name,
    permit_state_name,
    span_text,
    test_result_name,
    ward_type_name,
)

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
Column = tuple[Callable[[], str], Callable[[Any], str]]
RED = QColor("#b3261e")
GREY = QColor("#777777")


class RecordModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column], parent: QObject | None = None,
                 color: Callable[[Any], QColor | None] | None = None,
                 background: Callable[[Any], QColor | None] | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []
        self._color = color
        self._background = background

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def record_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._columns):
            return self._columns[section][0]()
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record_at(index.row()) if index.isValid() else None
        if record is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[index.column()][1](record)
        if role == Qt.ItemDataRole.ForegroundRole and self._color is not None:
            color = self._color(record)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.BackgroundRole and self._background is not None:
            color = self._background(record)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.UserRole:
            return record
        return None


def record_table(model: QAbstractTableModel, widths: Sequence[int], *, focus: bool = True) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    if not focus:
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    return view


def local(at: datetime | None, zone: ZoneInfo, fmt: str = "%m-%d %H:%M") -> str:
    return at.astimezone(zone).strftime(fmt) if at is not None else ""


def ward_model(parent: QObject) -> RecordModel[WardRecord]:
    t = _tr_headers()
    return RecordModel([(t["ward"], lambda w: w.name), (t["type"], lambda w: ward_type_name(w.type)),
                        (t["gates"], lambda w: "、".join(w.gates))], parent)


def inpatient_model(zone: ZoneInfo, parent: QObject) -> RecordModel[AdmissionRecord]:
    t = _tr_headers()
    return RecordModel([
        (t["patient"], lambda a: a.patient_name), (t["ward"], lambda a: a.ward_name), (t["bed"], lambda a: a.bed),
        (t["nursing"], lambda a: nursing_level_name(a.nursing_level)),
        (t["admitted"], lambda a: local(a.admitted_at, zone)), (t["visit"], lambda a: a.visit_no or ""),
        (t["nat"], lambda a: f"{local(a.nat_sampled_at, zone)} {test_result_name(a.nat_result)}"
         if a.nat_sampled_at else ""),
    ], parent)


def permit_model(zone: ZoneInfo, now: Callable[[], datetime], parent: QObject) -> RecordModel[PermitRecord]:
    t = _tr_headers()

    def state(p: PermitRecord) -> str:
        if p.state == "active" and p.valid_until <= now():
            return permit_state_name("expired")
        return permit_state_name(p.state)

    def note(p: PermitRecord) -> str:
        reason = p.revoke_reason or ""
        if reason.startswith("reprinted: "):  # the service's own wording for a replaced card
            return t["reprinted"]().format(reason=reason[len("reprinted: "):])
        return reason

    def color(p: PermitRecord) -> QColor | None:
        return GREY if p.state != "active" or p.valid_until <= now() else None

    return RecordModel([
        (t["number"], lambda p: p.number), (t["kind"], lambda p: permit_kind_name(p.kind)), (t["state"], state),
        (t["holder"], lambda p: f"{p.holder_name}（{p.relation}）"), (t["patient"], lambda p: p.patient_name),
        (t["ward_bed"], lambda p: f"{p.ward_name} {p.bed}"),
        (t["valid"], lambda p: f"{local(p.valid_from, zone)} – {local(p.valid_until, zone)}"),
        (t["test"], lambda p: f"{local(p.escort_test_at, zone)} {test_result_name(p.escort_test_result)}"
         if p.escort_test_at else p.visit_reason),
        (t["note"], note),
    ], parent, color=color)


def inside_model(zone: ZoneInfo, now: Callable[[], datetime], parent: QObject) -> RecordModel[InsideRecord]:
    t = _tr_headers()

    def overdue(r: InsideRecord) -> bool:
        return is_overstay(r, now())

    return RecordModel([
        (t["time_inside"], lambda r: span_text((now() - r.since).total_seconds())),
        (t["kind"], lambda r: permit_kind_name(r.kind)), (t["holder"], lambda r: r.masked_name),
        (t["ward_bed"], lambda r: f"{r.ward} {r.bed}"), (t["since"], lambda r: local(r.since, zone, "%H:%M")),
    ], parent, color=lambda r: QColor("white") if overdue(r) else None,
        background=lambda r: RED if overdue(r) else None)


def is_overstay(r: InsideRecord, now: datetime) -> bool:
    """A visitor still inside after the visit's end (the poll flags it; the running timer too)."""
    return r.overdue or (r.deadline is not None and now > r.deadline)


def overstay_minutes(r: InsideRecord, now: datetime) -> int:
    return max(1, int((now - r.deadline).total_seconds() // 60)) if r.deadline and now > r.deadline else 0


def _tr_headers() -> dict[str, Callable[[], str]]:
    from PySide6.QtCore import QCoreApplication

    translate = QCoreApplication.translate
    return {
        "ward": lambda: translate("WardTables", "Ward"),
        "type": lambda: translate("WardTables", "Type"),
        "gates": lambda: translate("WardTables", "Gates"),
        "patient": lambda: translate("WardTables", "Patient"),
        "bed": lambda: translate("WardTables", "Bed"),
        "nursing": lambda: translate("WardTables", "Nursing level"),
        "admitted": lambda: translate("WardTables", "Admitted"),
        "visit": lambda: translate("WardTables", "Visit no."),
        "nat": lambda: translate("WardTables", "Nucleic acid test"),
        "number": lambda: translate("WardTables", "Permit no."),
        "kind": lambda: translate("WardTables", "Kind"),
        "state": lambda: translate("WardTables", "State"),
        "holder": lambda: translate("WardTables", "Holder"),
        "ward_bed": lambda: translate("WardTables", "Ward / bed"),
        "valid": lambda: translate("WardTables", "Valid"),
        "test": lambda: translate("WardTables", "NAT / reason"),
        "note": lambda: translate("WardTables", "Note"),
        "time_inside": lambda: translate("WardTables", "Inside for"),
        "since": lambda: translate("WardTables", "Since"),
        "reprinted": lambda: translate("WardTables", "Replaced by a new card: {reason}"),
    }
