"""Chinese wording of every triage code, as printed on the clinic's official documents.

The screen has its own translations (Qt); paper must not depend on the UI, so the words live here.
An unknown code prints as itself rather than failing a print job at the desk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any

from app.triage.vocab import (
    Decision,
    DrugCategory,
    HandoffState,
    HealthCode,
    IdType,
    Occupation,
    Reason,
    RiskLevel,
    Sex,
    Symptom,
    TempMethod,
)

DECISION: Mapping[Decision, str] = {
    Decision.GENERAL: "普通门诊",
    Decision.FEVER_CLINIC: "发热门诊",
    Decision.ISOLATE: "立即隔离并报告",
}

SYMPTOM: Mapping[str, str] = {
    Symptom.FEVER: "发热",
    Symptom.COUGH: "咳嗽",
    Symptom.FATIGUE: "乏力",
    Symptom.SORE_THROAT: "咽痛",
    Symptom.SMELL_TASTE_LOSS: "嗅(味)觉减退",
    Symptom.DIARRHOEA: "腹泻",
    Symptom.NASAL: "鼻塞流涕",
    Symptom.CONJUNCTIVITIS: "结膜炎",
    Symptom.MYALGIA: "肌肉酸痛",
}

TEMP_METHOD: Mapping[str, str] = {
    TempMethod.FOREHEAD: "额温",
    TempMethod.AXILLARY: "腋温",
    TempMethod.EAR: "耳温",
    TempMethod.ORAL: "口温",
}

HEALTH_CODE: Mapping[str, str] = {
    HealthCode.GREEN: "绿码",
    HealthCode.YELLOW: "黄码",
    HealthCode.RED: "红码",
    HealthCode.NONE: "未出示",
}

OCCUPATION: Mapping[str, str] = {
    Occupation.NONE: "无",
    Occupation.COLD_CHAIN: "冷链",
    Occupation.PORT: "口岸",
    Occupation.QUARANTINE_HOTEL: "隔离酒店",
    Occupation.MEDICAL: "医务人员",
}

RISK_LEVEL: Mapping[str, str] = {
    RiskLevel.MEDIUM: "中风险",
    RiskLevel.HIGH: "高风险",
}

ID_TYPE: Mapping[str, str] = {
    IdType.RESIDENT_ID: "居民身份证",
    IdType.PASSPORT: "护照",
    IdType.HK_MACAU_PERMIT: "港澳居民来往内地通行证",
    IdType.TAIWAN_PERMIT: "台湾居民来往大陆通行证",
    IdType.OTHER: "其他(无证件)",
}

SEX: Mapping[str, str] = {
    Sex.MALE: "男",
    Sex.FEMALE: "女",
    Sex.UNKNOWN: "未知",
}

REASON: Mapping[str, str] = {
    Reason.FEVER: "体温≥37.3℃",
    Reason.SYMPTOMS: "有发热、咳嗽等症状",
    Reason.TRAVEL_MEDIUM: "14天内有中风险地区旅居史",
    Reason.TRAVEL_HIGH: "14天内有高风险地区旅居史",
    Reason.CONTACT: "与确诊/疑似病例有接触史",
    Reason.CLUSTER: "聚集性发病",
    Reason.CODE_YELLOW: "健康码黄码",
    Reason.CODE_RED: "健康码红码",
    Reason.OCCUPATION: "高风险岗位",
    Reason.ANTIPYRETIC: "在外购买退热药",
    Reason.FEVER_WITH_EPI_RISK: "发热且有流行病学史",
    Reason.NURSE_ESCALATED: "护士升级分诊",
    Reason.NURSE_DOWNGRADED: "护士降级分诊(已记录原因)",
}

HANDOFF_STATE: Mapping[str, str] = {
    HandoffState.ESCORTING: "转运中(待接收)",
    HandoffState.ARRIVED: "已接收",
    HandoffState.LEFT_WITHOUT_PERMISSION: "途中擅自离开",
}

DRUG_CATEGORY: Mapping[str, str] = {
    DrugCategory.ANTIPYRETIC: "退热药",
    DrugCategory.COUGH: "止咳药",
    DrugCategory.ANTIDIARRHOEAL: "止泻药",
}

#: Every vocabulary enum and its table, so a test can prove no code is left without words.
TABLES: Mapping[type[Enum], Mapping[Any, str]] = {
    Decision: DECISION,
    Symptom: SYMPTOM,
    TempMethod: TEMP_METHOD,
    HealthCode: HEALTH_CODE,
    Occupation: OCCUPATION,
    RiskLevel: RISK_LEVEL,
    IdType: ID_TYPE,
    Sex: SEX,
    Reason: REASON,
    HandoffState: HANDOFF_STATE,
    DrugCategory: DRUG_CATEGORY,
}


def decision_label(code: str | Decision) -> str:
    """Decision codes are stored as ``Decision.code`` (``"fever_clinic"``); accept either form."""
    if isinstance(code, Decision):
        return DECISION[code]
    try:
        return DECISION[Decision.from_code(code)]
    except KeyError:
        return str(code)


def label(table: Mapping[str, str], code: str | None, default: str = "") -> str:
    """Words for ``code`` in ``table``; the raw code when unknown, ``default`` when empty."""
    if code is None or code == "":
        return default
    return table.get(code, str(code))


def labels(table: Mapping[str, str], codes: Iterable[str]) -> list[str]:
    """Words for several codes, in the table's (clinical) order, unknown codes last and sorted."""
    wanted = set(codes)
    known = [words for code, words in table.items() if code in wanted]
    unknown = sorted(str(c) for c in wanted if c not in table)
    return known + unknown
