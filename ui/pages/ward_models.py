"""Table models for wards, inpatients, permits and the gate's inside list: the kit's record model
(ui/widgets/table.py) with columns given as (header, cell text) functions, translated at call time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from app.wards.records import AdmissionRecord, InsideRecord, PermitRecord, WardRecord
from ui.labels import (
    nursing_level_name,
    permit_kind_name,
    permit_state_name,
    span_text,
    test_result_name,
    ward_type_name,
)
from ui.widgets import palette
from ui.widgets.table import RecordModel, local

RED = QColor(palette.DANGER)
GREY = QColor(palette.GREY)


def ward_model(zone: ZoneInfo, parent: QObject) -> RecordModel[WardRecord]:
    t = _tr_headers()
    return RecordModel(zone, parent, columns=[(t["ward"], lambda w: w.name),
                                              (t["type"], lambda w: ward_type_name(w.type)),
                                              (t["gates"], lambda w: "、".join(w.gates))])


def inpatient_model(zone: ZoneInfo, parent: QObject) -> RecordModel[AdmissionRecord]:
    t = _tr_headers()
    return RecordModel(zone, parent, columns=[
        (t["patient"], lambda a: a.patient_name), (t["ward"], lambda a: a.ward_name), (t["bed"], lambda a: a.bed),
        (t["nursing"], lambda a: nursing_level_name(a.nursing_level)),
        (t["admitted"], lambda a: local(a.admitted_at, zone)), (t["visit"], lambda a: a.visit_no or ""),
        (t["nat"], lambda a: f"{local(a.nat_sampled_at, zone)} {test_result_name(a.nat_result)}"
         if a.nat_sampled_at else ""),
    ])


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

    return RecordModel(zone, parent, color=color, columns=[
        (t["number"], lambda p: p.number), (t["kind"], lambda p: permit_kind_name(p.kind)), (t["state"], state),
        (t["holder"], lambda p: f"{p.holder_name}（{p.relation}）"), (t["patient"], lambda p: p.patient_name),
        (t["ward_bed"], lambda p: f"{p.ward_name} {p.bed}"),
        (t["valid"], lambda p: f"{local(p.valid_from, zone)} – {local(p.valid_until, zone)}"),
        (t["test"], lambda p: f"{local(p.escort_test_at, zone)} {test_result_name(p.escort_test_result)}"
         if p.escort_test_at else p.visit_reason),
        (t["note"], note),
    ])


def inside_model(zone: ZoneInfo, now: Callable[[], datetime], parent: QObject) -> RecordModel[InsideRecord]:
    t = _tr_headers()

    def overdue(r: InsideRecord) -> bool:
        return is_overstay(r, now())

    return RecordModel(zone, parent, columns=[
        (t["time_inside"], lambda r: span_text((now() - r.since).total_seconds())),
        (t["kind"], lambda r: permit_kind_name(r.kind)), (t["holder"], lambda r: r.masked_name),
        (t["ward_bed"], lambda r: f"{r.ward} {r.bed}"), (t["since"], lambda r: local(r.since, zone, "%H:%M")),
    ], color=lambda r: QColor(palette.WHITE) if overdue(r) else None,
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
