"""Realistic records for the printing tests and benchmark (built directly, no database)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.casework.records import ClockRecord, LabTestRecord, TimelineEvent
from app.casework.timeline import Timeline
from app.keys import ClinicKey, public_key_text
from app.privacy import mask_name
from app.severity.store import VitalSignsRecord
from app.severity.triage_level import triage_level
from app.severity.vitals import Vitals
from app.clinic_info import ClinicInfo
from app.transfer.records import TransferRecord
from app.triage.records import (
    HandoffRecord,
    PatientRecord,
    ScreeningInput,
    ScreeningRecord,
    TravelEntry,
    VisitDetail,
)
from app.triage.vocab import Decision, HandoffState, HealthCode, IdType, Occupation, Reason, Sex, Symptom, TempMethod
from app.wards import credential
from app.wards.records import PermitRecord

VISIT_NO = "XH01-20261123-0007"
PATIENT_NAME = "王䶮"  # 䶮 (U+4DAE, CJK Ext. A): rare, and missing from many fonts
ID_NUMBER = "110105198503021234"
LONG_ADDRESS = (
    "广东省广州市白云区太和镇永兴村第三经济合作社东风路128号金碧花园二期B栋2单元1703室"
    "（近永兴地铁站C出口，往北步行约三百米，右转进入小区东门后沿主干道直行至第二个路口左转）"
)
NURSE_NAME = "李秀英"
NURSE_USER = "nurse_li"
UTC = timezone.utc


def clinic() -> ClinicInfo:
    return ClinicInfo(
        code="XH01", name="杏花镇卫生院", level="township", timezone="Asia/Shanghai",
        public_key="pk", key_id="k1", is_demo=False, created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def patient(name: str = PATIENT_NAME, address: str = LONG_ADDRESS) -> PatientRecord:
    return PatientRecord(
        id=42, name=name, id_type=IdType.RESIDENT_ID, id_number=ID_NUMBER, id_missing_reason=None,
        sex=Sex.MALE, birth_date=date(1985, 3, 2), phone="13800138000", address=address,
        occupation="冷库搬运工", workplace="广州白云冷链物流有限公司", version=3, last_visit_no=VISIT_NO,
    )


def screening(decision: Decision = Decision.FEVER_CLINIC, computed: Decision = Decision.FEVER_CLINIC,
              override_reason: str | None = None) -> ScreeningRecord:
    inputs = ScreeningInput(
        temperature_c=38.6, temp_method=TempMethod.AXILLARY,
        symptoms=frozenset({Symptom.FEVER, Symptom.COUGH, Symptom.SMELL_TASTE_LOSS}),
        onset_date=date(2026, 11, 21),
        travel=(TravelEntry("广东省广州市白云区", date(2026, 11, 15)), TravelEntry("湖北省武汉市江汉区", None)),
        contact_case=False, cluster=True, health_code=HealthCode.YELLOW, occupation=Occupation.COLD_CHAIN,
        antipyretic_elsewhere=True,
    )
    reasons = (Reason.FEVER, Reason.SYMPTOMS, Reason.TRAVEL_MEDIUM, Reason.CLUSTER, Reason.CODE_YELLOW,
               Reason.OCCUPATION, Reason.ANTIPYRETIC)
    if decision > computed:
        reasons += (Reason.NURSE_ESCALATED,)
    elif decision < computed:
        reasons += (Reason.NURSE_DOWNGRADED,)
    pre = pre_triage_vitals()
    return ScreeningRecord(
        id=7, screened_at=datetime(2026, 11, 23, 1, 3, tzinfo=UTC), nurse=NURSE_USER, inputs=inputs,
        computed_decision=computed.code, decision=decision.code, reasons=reasons,
        override_reason=override_reason, visit_no=VISIT_NO, patient_name=PATIENT_NAME,
        severity_level=pre.level, news2=pre.news2, urgent=pre.level <= 2, vital_signs=pre,
    )


def vital_record(id: int, taken_at: datetime, username: str, vitals: Vitals) -> VitalSignsRecord:
    """A set as app/severity/store.add saves it: NEWS2 and the level computed with the default figures."""
    s = triage_level(vitals)
    return VitalSignsRecord(id, taken_at, username, vitals, s.news2.total, s.news2.complete, s.news2.max_single,
                            s.level, tuple(dict.fromkeys(r.code for r in s.reasons)))


def pre_triage_vitals() -> VitalSignsRecord:
    """At the desk: no blood pressure, oxygen not recorded (NEWS2 partial); fast heart rate → level III."""
    return vital_record(31, datetime(2026, 11, 23, 1, 2, tzinfo=UTC), NURSE_USER,
                        Vitals(temperature_c=38.6, respiratory_rate=22, spo2=95, heart_rate=108, consciousness="A"))


def observation_vitals() -> tuple[VitalSignsRecord, ...]:
    """Two sets in the fever clinic, the second worse (on oxygen, new confusion: level II, NEWS2 high)."""
    start = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    return (
        vital_record(40, start + timedelta(minutes=120), "doc_chen", Vitals(
            temperature_c=38.9, respiratory_rate=24, spo2=93, oxygen=False, systolic_bp=105, heart_rate=112,
            consciousness="A")),
        vital_record(44, start + timedelta(minutes=235), "doc_chen", Vitals(
            temperature_c=39.2, respiratory_rate=26, spo2=91, oxygen=True, systolic_bp=96, heart_rate=124,
            consciousness="C")),
    )


def handoff(state: HandoffState = HandoffState.ARRIVED) -> HandoffRecord:
    arrived = state == HandoffState.ARRIVED
    return HandoffRecord(
        id=3, visit_no=VISIT_NO, patient_name=PATIENT_NAME, state=state, escort="张志强（保安）",
        sent_at=datetime(2026, 11, 23, 1, 8, tzinfo=UTC), sent_by=NURSE_USER, sent_workstation="预检分诊台1",
        due_at=datetime(2026, 11, 23, 1, 23, tzinfo=UTC),
        received_at=datetime(2026, 11, 23, 1, 16, tzinfo=UTC) if arrived else None,
        received_by="doc_chen" if arrived else None,
        incident_noticed_by=None if arrived else "doc_chen",
        incident_reported_to=None if arrived else "院感科 赵主任",
        incident_note=None if arrived else "患者在转运途中自行离开，已电话联系。",
    )


def visit(**kw: object) -> VisitDetail:
    values: dict[str, object] = dict(
        visit_no=VISIT_NO, registered_at=datetime(2026, 11, 23, 1, 0, tzinfo=UTC),  # 09:00 in Shanghai
        nurse_username=NURSE_USER, nurse_name=NURSE_NAME, patient=patient(), screening=screening(),
        onset_date=date(2026, 11, 21), vaccination_doses=3, handoffs=(handoff(),),
    )
    values.update(kw)
    return VisitDetail(**values)  # type: ignore[arg-type]


PRINTED_AT = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)


# ----- the case timeline (责任倒查) -----------------------------------------------------------------
TIMELINE_PRINTED_AT = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)  # 13:00 the next day in Shanghai
DOCTOR = "doc_chen"
LAB = "县疾控中心实验室"
_STAFF = {  # user name -> (roles as the audit trail stores them, workstation)
    NURSE_USER: ("triage_nurse", "预检分诊台1"),
    DOCTOR: ("doctor", "发热门诊诊室1"),
    "doc_wang": ("doctor", "发热门诊诊室2"),
    "admin_zhao": ("admin,doctor", "院感科办公室"),
}


def _at(minutes: float) -> datetime:
    """Minutes after registration (09:00 Shanghai on 2026-11-23)."""
    return datetime(2026, 11, 23, 1, 0, tzinfo=UTC) + timedelta(minutes=minutes)


def _ev(seq: int, minutes: float, user: str, action: str, summary: dict[str, Any],
        outcome: str = "success") -> TimelineEvent:
    roles, workstation = _STAFF[user]
    return TimelineEvent(_at(minutes), user, roles, workstation, action, outcome, summary, seq)


def timeline_events() -> tuple[TimelineEvent, ...]:
    """A suspected case over two days: 40+ audited acts, one refused, one failed, odd rows at the end."""
    events = [
        _ev(1201, -0.8, NURSE_USER, "triage.screen", {
            "decision": "fever_clinic", "computed": "fever_clinic", "temperature": 38.6,
            "reasons": ["fever", "symptoms", "travel_medium", "cluster"], "override_reason": None}),
        _ev(1203, 0, NURSE_USER, "triage.register", {
            "visit_no": VISIT_NO, "patient_id": 42, "returning": True, "changed": ["phone", "address"],
            "decision": "fever_clinic"}),
        _ev(1204, 8, NURSE_USER, "handoff.send", {"escort": "张志强（保安）", "due_at": _at(23).isoformat()}),
        _ev(1207, 16, DOCTOR, "handoff.arrive", {"late": False, "minutes": 8.0}),
        _ev(1208, 18, DOCTOR, "case.take", {"doctor": DOCTOR}),
        _ev(1210, 25, DOCTOR, "case.interview", {"changed": {
            "travel": {"before": [], "after": ["广东省广州市白云区 11-15"]},
            "findings": {"before": "", "after": "咽部充血，双肺呼吸音粗，未闻及干湿啰音。" * 4}}}),
        _ev(1211, 30, DOCTOR, "case.observe", {"room": "留观室3", "bed": "2"}),
        _ev(1212, 40, DOCTOR, "case.order_test", {"test_id": 5, "kind": "nucleic_acid",
                                                  "population": "fever_clinic", "sample_at": _at(40).isoformat()}),
        _ev(1213, 41, DOCTOR, "case.order_test", {"test_id": 6, "kind": "blood_routine",
                                                  "population": "fever_clinic", "sample_at": _at(41).isoformat()}),
        _ev(1215, 70, DOCTOR, "case.classify", {"before": "pending", "after": "suspected", "other_pathogen": "",
                                                "clocks_started": ["report_2h", "epi_24h"]}),
        _ev(1216, 75, "doc_wang", "case.classify", {"error": "not_responsible", "doctor": DOCTOR}, "denied"),
        _ev(1218, 80, DOCTOR, "case.handover_request", {"to": "doc_wang", "reason": "交班"}),
        _ev(1219, 85, "doc_wang", "case.handover_decline", {
            "from": DOCTOR, "to": "doc_wang", "reason": "交班", "note": "正在处理另一例疑似病例，无法接手"}),
        _ev(1221, 190, DOCTOR, "case.reported", {"error": "time_in_future", "field": "reported_at"}, "failed"),
        _ev(1222, 200, DOCTOR, "case.reported", {"card_no": "44011100000123", "reported_at": _at(195).isoformat(),
                                                 "clocks_met": 1}),
        _ev(1224, 205, DOCTOR, "case.result", {"test_id": 6, "kind": "blood_routine", "result": "negative",
                                               "ct": None, "lab": "本院检验科", "result_at": _at(150).isoformat(),
                                               "clocks_met": 0}),
        _ev(1226, 320, DOCTOR, "case.result", {"test_id": 5, "kind": "nucleic_acid", "result": "negative",
                                               "ct": None, "lab": LAB, "result_at": _at(320).isoformat(),
                                               "clocks_met": 1}),
    ]
    seq = 1230
    for n in range(22):  # observation rounds every hour or so through the night
        minutes = 360 + n * 55
        if n % 3 == 0:
            events.append(_ev(seq, minutes, DOCTOR, "case.interview", {"changed": {
                "notes": {"before": "", "after": f"第{n // 3 + 1}次巡视：体温{38.4 - n * 0.05:.1f}℃，精神可。"}}}))
        elif n % 3 == 1:
            events.append(_ev(seq, minutes, DOCTOR, "case.observe", {"room": "留观室3", "bed": str(2 + n % 2)}))
        else:
            events.append(_ev(seq, minutes, DOCTOR, "case.order_test", {
                "test_id": 10 + n, "kind": "antigen", "population": "fever_clinic",
                "sample_at": _at(minutes).isoformat()}))
        seq += 3
    events += [
        _ev(seq, 1530, "doc_wang", "case.handover_request", {"error": "not_responsible"}, "denied"),
        _ev(seq + 1, 1540, DOCTOR, "case.handover_request", {"to": "doc_wang", "reason": "下夜班"}),
        _ev(seq + 2, 1545, "doc_wang", "case.handover_accept", {"from": DOCTOR, "to": "doc_wang",
                                                                 "reason": "下夜班", "note": ""}),
        _ev(seq + 4, 1590, "doc_wang", "case.order_test", {
            "test_id": 9, "kind": "nucleic_acid", "population": "fever_clinic", "sample_at": _at(1590).isoformat()}),
        # rows the wording does not know: a future action, and keys nobody expected
        _ev(seq + 6, 1600, "admin_zhao", "case.transfer_booked", {"hospital": "市第三人民医院",
                                                                  "vehicle": {"plate": "粤A·12345", "crew": 3},
                                                                  "flags": ["负压救护车", None, True]}),
        _ev(seq + 7, 1605, "doc_wang", "case.observe", {"room": "留观室3", "bed": "3", "isolation": "单间"}),
        _ev(seq + 8, 1610, "doc_wang", "case.result", "not a dict"),  # type: ignore[arg-type]
    ]
    return tuple(events)


def timeline_clocks() -> tuple[ClockRecord, ...]:
    report_start, epi_start = _at(70), _at(70)
    return (
        # reported 5 min late: met, but missed
        ClockRecord(1, VISIT_NO, "report_2h", None, report_start, report_start + timedelta(minutes=90),
                    report_start + timedelta(hours=2), _at(195)),
        # still open a day later: overdue
        ClockRecord(2, VISIT_NO, "epi_24h", None, epi_start, epi_start + timedelta(hours=20),
                    epi_start + timedelta(hours=24), None),
        ClockRecord(3, VISIT_NO, "result", 5, _at(40), _at(40 + 240), _at(40 + 360), _at(320)),
        ClockRecord(4, VISIT_NO, "result", 9, _at(1590), _at(1590 + 240), _at(1590 + 360), None),
    )


def timeline() -> Timeline:
    return Timeline(VISIT_NO, PATIENT_NAME, timeline_events(), timeline_clocks(), pre_triage_vitals(),
                    observation_vitals(), {NURSE_USER: NURSE_NAME, DOCTOR: "陈明"})


def vitals_history() -> tuple[VitalSignsRecord, ...]:
    """The case's sets, oldest first, the pre-triage one first (ObservationService.trend)."""
    return (pre_triage_vitals(), *observation_vitals())


# ----- the transfer handover form (转运交接单) ------------------------------------------------------
TRANSFER_PRINTED_AT = datetime(2026, 11, 23, 5, 20, tzinfo=UTC)  # 13:20 in Shanghai
HOSPITAL = "广州市第八人民医院（定点医院）"
DISPATCH_REF = "120-20261123-0456"
PLATE = "粤A·J1234"
CREW = "随车医生 刘建国、护士 陈静、驾驶员 黄伟"


def transfer(**kw: object) -> TransferRecord:
    """A suspected case dispatched but not yet departed: the usual moment the form is printed."""
    values: dict[str, object] = dict(
        id=12, visit_no=VISIT_NO, patient_name=PATIENT_NAME, sex=Sex.MALE, birth_date=date(1985, 3, 2),
        classification="suspected", state="dispatched", requested_at=_at(240), requested_by=DOCTOR,
        hospital_id=1, hospital_name=HOSPITAL, condition="serious", oxygen=True,
        precautions="患者佩戴医用防护口罩；医务人员二级防护（N95、防护服、护目镜、双层手套、鞋套）",
        staff="发热门诊医生 陈明、护士 李秀英", request_reason="",
        call_120_at=_at(245), dispatch_ref=DISPATCH_REF, vehicle_plate=PLATE, negative_pressure=True, crew=CREW,
        departed_at=None, handed_over_at=None, receiving_staff=None, receiving_department=None,
        arrival_condition=None, handover_source=None, disinfected_at=None, disinfection_method=None,
        disinfected_by=None, cancel_reason=None, closed_at=None, version=3, clocks=(),
        vital_signs=observation_vitals()[-1],
    )
    values.update(kw)
    return TransferRecord(**values)  # type: ignore[arg-type]


def transfer_tests() -> tuple[LabTestRecord, ...]:
    """Blood routine and a positive nucleic acid in; an antigen test still awaiting its result."""
    return (
        LabTestRecord(5, "nucleic_acid", "fever_clinic", _at(40), DOCTOR, "positive", 28.4, _at(200), LAB,
                      DOCTOR, 2),
        LabTestRecord(6, "blood_routine", "fever_clinic", _at(41), DOCTOR, "negative", None, _at(150), "本院检验科",
                      DOCTOR, 2),
        LabTestRecord(7, "antigen", "fever_clinic", _at(230), DOCTOR, None, None, None, "", None, 1),
    )


# ----- the ward permit card (陪护证 / 探视证) ----------------------------------------------------------
HOLDER_NAME = "欧阳秀兰"  # printed masked: 欧**兰
HOLDER_ID = "440106196805124321"
PERMIT_NUMBERS = {"escort": "E27970247", "visitor": "V55648390"}
WARD = "感染性疾病科隔离病区"  # a long ward name makes the signed payload (and its QR) larger


def permit_key() -> ClinicKey:
    """A fresh clinic key, as ``KeyStore.create`` makes one."""
    return ClinicKey(Ed25519PrivateKey.generate())


def permit_clinic(key: ClinicKey) -> ClinicInfo:
    """The clinic whose public key verifies the permits ``permit(key, …)`` signs."""
    return dataclasses.replace(clinic(), public_key=public_key_text(key.public_raw), key_id=key.key_id)


def permit(key: ClinicKey, kind: str = "escort", **kw: object) -> PermitRecord:
    """A permit whose payload is really signed, the way ``PermitService`` signs it."""
    if kind == "escort":
        start = datetime(2026, 11, 23, 1, 26, tzinfo=UTC)
        until, test_at = start + timedelta(days=14), start - timedelta(hours=20)
    else:
        start = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # 14:00-16:00 in Shanghai
        until, test_at = start + timedelta(hours=2), None
    permit_id = "b7008f2d3058e6c0bb4946f773462f6b" if kind == "escort" else "37b705a5b413b50ce41c59c214df5e91"
    payload = credential.encode(key, credential.Credential(
        issuer="XH01", key_id=key.key_id, permit_id=permit_id, kind=kind, ward=WARD, valid_from=start,
        valid_until=until, masked_name=mask_name(HOLDER_NAME), id_last4=HOLDER_ID[-4:], admission_id=12,
        bed="12床"))
    values: dict[str, object] = dict(
        id=permit_id, number=PERMIT_NUMBERS[kind], kind=kind, admission_id=12, patient_name=PATIENT_NAME,
        ward_name=WARD, bed="12床", gates=("隔离病区门岗",), holder_name=HOLDER_NAME,
        relation="女儿" if kind == "escort" else "朋友", valid_from=start, valid_until=until,
        escort_test_at=test_at, state="active", issued_at=start, revoke_reason=None, replaces=None,
        payload=payload, version=1)
    values.update(kw)
    return PermitRecord(**values)  # type: ignore[arg-type]
