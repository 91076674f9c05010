"""Every code the desk can record has Chinese words on paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import app
from app.audit_vocab import Outcome
from app.clinic_mode import ClinicMode
from app.casework import vocab as casework
from app.permissions import Role
from app.printing import labels as L
from app.printing.audit_text import WORDING, summary_text
from app.triage import vocab
from app.transfer import vocab as transfer
from app.triage.vocab import Decision, HealthCode, IdType, Reason, Sex, Symptom, TempMethod
from app.wards import vocab as wards

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("enum", [v for v in vars(vocab).values()
                                  if isinstance(v, type) and v.__module__ == vocab.__name__])
def test_every_vocabulary_code_has_chinese_words(enum: type) -> None:
    table = L.TABLES[enum]
    for member in enum:
        assert member in table, f"{enum.__name__}.{member.name} has no label"
        assert CJK.search(table[member]), table[member]


def test_the_official_wording() -> None:
    assert [L.decision_label(d) for d in Decision] == ["普通门诊", "发热门诊", "立即隔离并报告"]
    assert L.labels(L.SYMPTOM, list(Symptom)) == [
        "发热", "咳嗽", "乏力", "咽痛", "嗅(味)觉减退", "腹泻", "鼻塞流涕", "结膜炎", "肌肉酸痛"]
    assert [L.TEMP_METHOD[m] for m in TempMethod] == ["额温", "腋温", "耳温", "口温"]
    # issue 12: the code starts as not checked (未查验), which a desk screening may not keep
    assert [L.HEALTH_CODE[c] for c in HealthCode] == ["未查验", "绿码", "黄码", "红码", "未出示"]
    assert [L.CLINIC_MODE[m] for m in ClinicMode] == ["发热哨点诊室（一律转运）", "发热诊室（接诊）"]
    assert L.REASON[Reason.TRAVEL_HIGH] == "发病前14天内有高风险地区旅居史"
    assert [L.ID_TYPE[t] for t in IdType] == [
        "居民身份证", "护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "其他(无证件)"]
    assert [L.SEX[s] for s in Sex] == ["男", "女", "未知"]
    assert L.REASON[Reason.FEVER] == "体温≥37.3℃"
    assert L.REASON[Reason.NURSE_DOWNGRADED] == "护士降级分诊(已记录原因)"


def test_codes_as_stored_and_unknown_codes() -> None:
    assert L.decision_label("fever_clinic") == "发热门诊"
    assert L.decision_label(Decision.ISOLATE) == "立即隔离并报告"
    assert L.decision_label("teleport") == "teleport"  # a print job never fails on a new code
    assert L.label(L.SEX, "female") == "女"
    assert L.label(L.SEX, None, "—") == "—"
    assert L.labels(L.SYMPTOM, {"myalgia", "zzz", "fever"}) == ["发热", "肌肉酸痛", "zzz"]


@pytest.mark.parametrize("enum", [casework.Classification, casework.TestKind, casework.TestResult,
                                  casework.Population, casework.Disposition, casework.ClockKind, Outcome, Role])
def test_every_casework_code_has_chinese_words(enum: type) -> None:
    table = L.TABLES[enum]
    for member in enum:
        assert member in table and CJK.search(table[member]), f"{enum.__name__}.{member.name}"


def test_every_audited_act_on_a_visit_has_words() -> None:
    """The timeline shows triage, hand-off and case acts; a new one must get its words here."""
    root = Path(app.__file__).parent
    source = "\n".join(p.read_text("utf-8") for p in (root / "triage").glob("*.py"))
    source += (root / "casework" / "case_service.py").read_text("utf-8")
    actions = set(re.findall(r'"((?:handoff|case)\.[a-z_]+)"', source)) | {"triage.screen", "triage.register"}
    assert {"case.classify", "case.dispose", "handoff.arrive"} <= actions
    assert actions <= set(L.AUDIT_ACTION), actions - set(L.AUDIT_ACTION)
    assert L.CLOCK_KIND[casework.ClockKind.REPORT] == "2小时内网络直报" and L.OUTCOME["denied"] == "被拒绝"


@pytest.mark.parametrize("enum", [transfer.TransferState, transfer.Condition, transfer.HospitalKind,
                                  transfer.TransferClock])
def test_every_transfer_code_has_chinese_words(enum: type) -> None:
    table = L.TABLES[enum]
    for member in enum:
        assert member in table and CJK.search(table[member]), f"{enum.__name__}.{member.name}"


def test_every_audited_transfer_act_and_its_refusals_have_words() -> None:
    source = (Path(app.__file__).parent / "transfer" / "service.py").read_text("utf-8")
    actions = set(re.findall(r'"(transfer\.[a-z_]+)"', source))
    assert {"transfer.request", "transfer.handover", "transfer.trust_clinic"} <= actions
    assert actions <= set(L.AUDIT_ACTION), actions - set(L.AUDIT_ACTION)
    errors = set(re.findall(r'(?:ValidationError|Conflict|PermissionDenied|TokenError)\("([a-z_0-9]+)"', source))
    assert {"transfer_open", "illegal_transition"} <= errors
    assert errors <= set(L.ERROR), errors - set(L.ERROR)


@pytest.mark.parametrize("enum", [v for v in vars(wards).values()
                                  if isinstance(v, type) and v.__module__ == wards.__name__])
def test_every_ward_and_permit_code_has_chinese_words(enum: type) -> None:
    table = L.TABLES[enum]
    for member in enum:
        assert member in table and CJK.search(table[member]), f"{enum.__name__}.{member.name}"


def test_every_audited_ward_and_permit_act_and_its_refusals_have_words() -> None:
    root = Path(app.__file__).parent / "wards"
    source = "\n".join(p.read_text("utf-8") for p in root.glob("*.py"))
    actions = set(re.findall(r'"((?:ward|permit)\.[a-z_]+)"', source))
    assert {"ward.admit", "permit.issue_escort", "permit.revoke", "permit.exception_approve"} <= actions
    assert actions <= set(L.AUDIT_ACTION) and actions <= set(WORDING), actions - set(L.AUDIT_ACTION)
    errors = set(re.findall(r'(?:ValidationError|Conflict)\("([a-z_0-9]+)"', source))
    errors |= set(re.findall(r'refused="([a-z_]+)"', source))
    assert {"escort_exists", "visitor_overlap", "escort_refused"} <= errors
    assert errors <= set(L.ERROR), errors - set(L.ERROR)


@pytest.mark.parametrize(("action", "summary", "expected"), [
    ("ward.save", {"name": "内科病区", "type": "buffer", "gates": ["内科门岗", "东门"]},
     "内科病区（缓冲病区）；门岗 内科门岗、东门"),
    ("ward.admit", {"ward": "内科病区", "bed": "3床", "nursing_level": "2", "visit_no": "XH01-20261123-0007"},
     "内科病区 3床；二级护理；就诊号 XH01-20261123-0007"),
    ("ward.discharge", {"permits_revoked": 2}, "同时作废通行证 2 张"),
    ("permit.issue_escort", {"number": "E27970247", "kind": "escort", "holder": "欧**兰",
                             "valid_until": "2026-12-07T01:26:00+00:00", "exception_id": None},
     "陪护证 E27970247；持证人 欧**兰；有效至 2026-12-07 09:26:00"),
    ("permit.issue_visitor", {"number": "V55648390", "kind": "visitor", "holder": "李*",
                              "valid_until": "2026-11-23T08:00:00+00:00", "exception_id": 4},
     "探视证 V55648390；持证人 李*；有效至 2026-11-23 16:00:00；依据特例 #4"),
    ("permit.revoke", {"number": "V55648390", "reason": "家属要求"}, "探视证 V55648390；原因：家属要求"),
    ("permit.reprint", {"old": "E27970247", "new": "E13793592", "reason": "lost"},
     "E27970247 → E13793592（旧证作废）；原因：遗失"),
    ("permit.escort_test", {"number": "E27970247", "test_at": "2026-11-24T00:30:00+00:00"},
     "陪护证 E27970247；核酸采样 2026-11-24 08:30:00"),
    ("permit.exception_approve", {"exception_id": 3, "kind": "escort_level_3", "reason": "患者高龄行动不便"},
     "特例 #3；三级护理患者留陪护；原因：患者高龄行动不便"),
])
def test_ward_and_permit_acts_read_as_plain_chinese(action: str, summary: dict[str, object], expected: str) -> None:
    assert summary_text(action, "success", summary, "Asia/Shanghai") == expected
    assert summary_text(action, "denied", {"error": "escort_refused"}, "Asia/Shanghai") == "原因：需先批准陪护特例"


def test_screening_reasons_kept_as_one_comma_joined_string_read_as_words() -> None:
    """The screening service audits its row's reasons as stored ("fever,travel_high"): each gets its words."""
    text = summary_text("triage.screen", "success", {"temperature": 38.1, "decision": "fever_clinic",
                                                     "reasons": "fever,travel_high"}, "Asia/Shanghai")
    assert "fever" not in text and "travel_high" not in text, text
    assert text.startswith("体温 38.1℃") and "依据：" in text and "、" in text.split("依据：")[1]
