"""Realistic records for the printing tests and benchmark (built directly, no database)."""

from __future__ import annotations

from datetime import date, datetime, timezone

from app.services.clinic import ClinicInfo
from app.triage.records import (
    HandoffRecord,
    PatientRecord,
    ScreeningInput,
    ScreeningRecord,
    TravelEntry,
    VisitDetail,
)
from app.triage.vocab import Decision, HandoffState, HealthCode, IdType, Occupation, Reason, Sex, Symptom, TempMethod

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
    return ScreeningRecord(
        id=7, screened_at=datetime(2026, 11, 23, 1, 3, tzinfo=UTC), nurse=NURSE_USER, inputs=inputs,
        computed_decision=computed.code, decision=decision.code, reasons=reasons,
        override_reason=override_reason, visit_no=VISIT_NO, patient_name=PATIENT_NAME,
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
