"""Every code the desk can record has Chinese words on paper (app/vocabulary, ``.zh``)."""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path

import pytest

import app
from app.audit_vocab import Outcome
from app.clinic_mode import ClinicMode
from app.casework import vocab as casework
from app.permissions import Role
from app import vocabulary as V
from app.printing.audit_text import REFUSAL_REASON, WORDING, summary_text
from app.triage import vocab
from app.transfer import vocab as transfer
from app.triage.vocab import Decision, HealthCode, IdType, Reason, Sex, Symptom, TempMethod
from app.vocabulary.audit import ACTION, OUTCOME
from app.vocabulary.casework import CLOCK_KIND
from app.vocabulary.clinic import CLINIC_MODE
from app.vocabulary.enums import TABLES, code_of
from app.vocabulary.triage import (HEALTH_CODE, ID_TYPE, SEX, SYMPTOM, TEMP_METHOD, decision_words, reason_words)
from app.wards import vocab as wards

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("enum", [v for v in vars(vocab).values()
                                  if isinstance(v, type) and v.__module__ == vocab.__name__])
def test_every_vocabulary_code_has_chinese_words(enum: type[Enum]) -> None:
    table = TABLES[enum]
    for member in enum:
        assert code_of(member) in table, f"{enum.__name__}.{member.name} has no label"
        assert CJK.search(table[code_of(member)].zh), table[code_of(member)]


def test_the_official_wording() -> None:
    assert [decision_words(d) for d in Decision] == ["普通门诊", "发热门诊", "立即隔离并报告"]
    assert V.labels(SYMPTOM, list(Symptom)) == [
        "发热", "咳嗽", "乏力", "咽痛", "嗅(味)觉减退", "腹泻", "鼻塞流涕", "结膜炎", "肌肉酸痛"]
    assert [TEMP_METHOD[m].zh for m in TempMethod] == ["额温", "腋温", "耳温", "口温"]
    # issue 12: the code starts as not checked (未查验), which a desk screening may not keep
    assert [HEALTH_CODE[c].zh for c in HealthCode] == ["未查验", "绿码", "黄码", "红码", "未出示"]
    assert [CLINIC_MODE[m].zh for m in ClinicMode] == ["发热哨点诊室（一律转运）", "发热诊室（接诊）"]
    assert reason_words(Reason.TRAVEL_HIGH) == "发病前14天内有高风险地区旅居史"
    assert [ID_TYPE[t].zh for t in IdType] == [
        "居民身份证", "护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "其他(无证件)"]
    assert [SEX[s].zh for s in Sex] == ["男", "女", "未知"]
    assert reason_words(Reason.FEVER) == "体温≥37.3℃"
    assert reason_words(Reason.FEVER, "en", 37.5) == "Temperature 37.5 °C or higher"  # the clinic's own threshold
    assert reason_words(Reason.TRAVEL_MEDIUM, travel_days=7) == "发病前7天内有中风险地区旅居史"
    assert reason_words(Reason.NURSE_DOWNGRADED) == "护士降级分诊(已记录原因)"


def test_codes_as_stored_and_unknown_codes() -> None:
    assert decision_words("fever_clinic") == "发热门诊"
    assert decision_words(Decision.ISOLATE) == "立即隔离并报告"
    assert decision_words(Decision.ISOLATE, "en") == "Isolate now and report"
    assert decision_words("teleport") == "teleport"  # a print job never fails on a new code
    assert V.label(SEX, "female") == "女"
    assert V.label(SEX, None, "—") == "—"
    assert V.labels(SYMPTOM, {"myalgia", "zzz", "fever"}) == ["发热", "肌肉酸痛", "zzz"]


@pytest.mark.parametrize("enum", [casework.Classification, casework.TestKind, casework.TestResult,
                                  casework.Population, casework.Disposition, casework.ClockKind, Outcome, Role])
def test_every_casework_code_has_chinese_words(enum: type[Enum]) -> None:
    table = TABLES[enum]
    for member in enum:
        assert code_of(member) in table and CJK.search(table[code_of(member)].zh), f"{enum.__name__}.{member.name}"


def test_every_audited_act_on_a_visit_has_words() -> None:
    """The timeline shows triage, hand-off and case acts; a new one must get its words here."""
    root = Path(app.__file__).parent
    source = "\n".join(p.read_text("utf-8") for p in (root / "triage").glob("*.py"))
    source += (root / "casework" / "case_service.py").read_text("utf-8")
    actions = set(re.findall(r'"((?:handoff|case)\.[a-z_]+)"', source)) | {"triage.screen", "triage.register"}
    assert {"case.classify", "case.dispose", "handoff.arrive"} <= actions
    assert actions <= set(ACTION), actions - set(ACTION)
    assert CLOCK_KIND[casework.ClockKind.REPORT].zh == "2小时内网络直报" and OUTCOME["denied"].zh == "被拒绝"


@pytest.mark.parametrize("enum", [transfer.TransferState, transfer.Condition, transfer.HospitalKind,
                                  transfer.TransferClock])
def test_every_transfer_code_has_chinese_words(enum: type[Enum]) -> None:
    table = TABLES[enum]
    for member in enum:
        assert code_of(member) in table and CJK.search(table[code_of(member)].zh), f"{enum.__name__}.{member.name}"


def test_every_audited_transfer_act_and_its_refusals_have_words() -> None:
    source = (Path(app.__file__).parent / "transfer" / "service.py").read_text("utf-8")
    actions = set(re.findall(r'"(transfer\.[a-z_]+)"', source))
    assert {"transfer.request", "transfer.handover", "transfer.trust_clinic"} <= actions
    assert actions <= set(ACTION), actions - set(ACTION)
    errors = set(re.findall(r'(?:ValidationError|Conflict|PermissionDenied|TokenError)\("([a-z_0-9]+)"', source))
    assert {"transfer_open", "illegal_transition"} <= errors
    assert errors <= set(REFUSAL_REASON), errors - set(REFUSAL_REASON)


@pytest.mark.parametrize("enum", [v for v in vars(wards).values()
                                  if isinstance(v, type) and v.__module__ == wards.__name__])
def test_every_ward_and_permit_code_has_chinese_words(enum: type[Enum]) -> None:
    table = TABLES[enum]
    for member in enum:
        assert code_of(member) in table and CJK.search(table[code_of(member)].zh), f"{enum.__name__}.{member.name}"


def test_every_audited_ward_and_permit_act_and_its_refusals_have_words() -> None:
    root = Path(app.__file__).parent / "wards"
    source = "\n".join(p.read_text("utf-8") for p in root.glob("*.py"))
    actions = set(re.findall(r'"((?:ward|permit)\.[a-z_]+)"', source))
    assert {"ward.admit", "permit.issue_escort", "permit.revoke", "permit.exception_approve"} <= actions
    assert actions <= set(ACTION) and actions <= set(WORDING), actions - set(ACTION)
    errors = set(re.findall(r'(?:ValidationError|Conflict)\("([a-z_0-9]+)"', source))
    errors |= set(re.findall(r'refused="([a-z_]+)"', source))
    assert {"escort_exists", "visitor_overlap", "escort_refused"} <= errors
    assert errors <= set(REFUSAL_REASON), errors - set(REFUSAL_REASON)


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
