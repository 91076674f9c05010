"""Every code the desk can record has Chinese words on paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import app
from app.audit import Outcome
from app.casework import vocab as casework
from app.permissions import Role
from app.printing import labels as L
from app.triage import vocab
from app.transfer import vocab as transfer
from app.triage.vocab import Decision, HealthCode, IdType, Reason, Sex, Symptom, TempMethod

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
    assert [L.HEALTH_CODE[c] for c in HealthCode] == ["绿码", "黄码", "红码", "未出示"]
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
