"""Words for the pre-triage desk and the pharmacy register (app/triage/vocab.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.vocabulary import Words

DECISION: Mapping[str, Words] = {
    "general": Words("普通门诊", "General outpatient"),
    "fever_clinic": Words("发热门诊", "Fever clinic"),
    "isolate": Words("立即隔离并报告", "Isolate now and report"),
}

SYMPTOM: Mapping[str, Words] = {
    "fever": Words("发热", "Fever"),
    "cough": Words("咳嗽", "Cough"),
    "fatigue": Words("乏力", "Fatigue"),
    "sore_throat": Words("咽痛", "Sore throat"),
    "smell_taste_loss": Words("嗅(味)觉减退", "Loss of smell or taste"),
    "diarrhoea": Words("腹泻", "Diarrhoea"),
    "nasal": Words("鼻塞流涕", "Stuffy or runny nose"),
    "conjunctivitis": Words("结膜炎", "Conjunctivitis"),
    "myalgia": Words("肌肉酸痛", "Muscle aches"),
}

TEMP_METHOD: Mapping[str, Words] = {
    "forehead": Words("额温", "Forehead"),
    "axillary": Words("腋温", "Armpit"),
    "ear": Words("耳温", "Ear"),
    "oral": Words("口温", "Oral"),
}

HEALTH_CODE: Mapping[str, Words] = {
    "not_checked": Words("未查验", "Not checked"),
    "green": Words("绿码", "Green"),
    "yellow": Words("黄码", "Yellow"),
    "red": Words("红码", "Red"),
    "none": Words("未出示", "Not shown"),
}

OCCUPATION: Mapping[str, Words] = {
    "none": Words("无", "None of these"),
    "cold_chain": Words("冷链从业", "Cold-chain work"),
    "port": Words("口岸从业", "Port or border work"),
    "quarantine_hotel": Words("隔离酒店", "Quarantine hotel"),
    "medical": Words("医务人员", "Medical staff"),
}

RISK_LEVEL: Mapping[str, Words] = {
    "medium": Words("中风险", "Medium risk"),
    "high": Words("高风险", "High risk"),
}

ID_TYPE: Mapping[str, Words] = {
    "resident_id": Words("居民身份证", "Resident ID card"),
    "passport": Words("护照", "Passport"),
    "hk_macau_permit": Words("港澳居民来往内地通行证", "Hong Kong/Macao travel permit"),
    "taiwan_permit": Words("台湾居民来往大陆通行证", "Taiwan travel permit"),
    "other": Words("其他(无证件)", "Other / no document"),
}

SEX: Mapping[str, Words] = {
    "male": Words("男", "Male"),
    "female": Words("女", "Female"),
    "unknown": Words("未知", "Unknown"),
}

REASON: Mapping[str, Words] = {
    "fever": Words("体温≥{threshold}℃", "Temperature {threshold} °C or higher"),
    "symptoms": Words("有发热、咳嗽等症状", "Has fever, cough or other listed symptoms"),
    "travel_medium": Words("发病前{days}天内有中风险地区旅居史", "Stayed in a medium-risk area within {days} days before onset"),
    "travel_high": Words("发病前{days}天内有高风险地区旅居史", "Stayed in a high-risk area within {days} days before onset"),
    "contact": Words("与确诊/疑似病例有接触史", "Contact with a confirmed or suspected case"),
    "cluster": Words("聚集性发病", "Part of a cluster of sick people"),
    "code_yellow": Words("健康码黄码", "Yellow health code"),
    "code_red": Words("健康码红码", "Red health code"),
    "occupation": Words("从事高风险岗位", "Works in a high-risk job"),
    "antipyretic": Words("在外购买过退热药", "Bought fever medicine elsewhere"),
    "fever_with_epi_risk": Words("发热且有流行病学史", "Fever together with an epidemiological risk"),
    "nurse_escalated": Words("护士升级分诊", "Raised by the nurse"),
    "nurse_downgraded": Words("护士降级分诊(已记录原因)", "Lowered by the nurse (reason recorded)"),
}

HANDOFF_STATE: Mapping[str, Words] = {
    "escorting": Words("引导途中", "On the way"),
    "arrived": Words("已接收", "Arrived"),
    "left_without_permission": Words("擅自离院", "Left without permission"),
}

DRUG_CATEGORY: Mapping[str, Words] = {
    "antipyretic": Words("退热药", "Fever reducer"),
    "antiviral": Words("抗病毒药", "Antiviral"),
    "antibiotic": Words("抗菌药物", "Antibiotic"),
    "cough": Words("止咳药", "Cough medicine"),
    "antidiarrhoeal": Words("止泻药(原类别)", "Antidiarrhoeal (no longer registered)"),
}

PRESCRIPTION: Mapping[str, Words] = {
    "none": Words("无处方", "No prescription"),
    "level2_plus": Words("二级以上医疗机构医生处方", "Prescription from a level-2 or higher institution"),
    "below_level2": Words("二级以下医疗机构处方", "Prescription from a lower-level institution"),
}

SALE_OUTCOME: Mapping[str, Words] = {
    "sold": Words("已售出", "Sold"),
    "not_sold": Words("未售出（无二级以上医疗机构医生处方）", "Not sold"),
}

CALLBACK_OUTCOME: Mapping[str, Words] = {
    "seen_elsewhere": Words("已到其他发热门诊就诊", "Seen at another fever clinic"),
    "no_fever": Words("已退热无不适", "Fever gone, feels well"),
    "refused": Words("拒绝就诊", "Refuses to see a doctor"),
    "unreachable": Words("无法联系", "Cannot be reached"),
    "no_answer": Words("未接通(待再次回访)", "No answer (call again)"),
}

FOLLOWUP_STATE: Mapping[str, Words] = {
    "open": Words("待追踪", "To follow up"),
    "seen_at_fever_clinic": Words("已到发热门诊就诊", "Seen at the fever clinic"),
    "called_back": Words("已电话回访", "Called back"),
    "not_required": Words("无需追踪(早于追踪名单)", "Not followed up (registered before the list)"),
}

VISIT_SOURCE: Mapping[str, Words] = {
    "desk": Words("预检台", "Desk"),
    "pharmacy": Words("药品登记", "Pharmacy"),
    "import": Words("纸质补录", "Paper record"),
}
#: Where the risk-area list came from (RiskArea.source).
RISK_AREA_SOURCE: Mapping[str, Words] = {
    "import": Words("导入文件", "Imported file"),
    "hub": Words("县级平台", "County hub"),
    "demo": Words("演示数据", "Demo data"),
    "manual": Words("手工录入", "Entered by hand"),
}


def decision_words(code: object, language: str = "zh_CN") -> str:
    """Decision codes are stored as ``Decision.code`` (``"fever_clinic"``); the IntEnum itself is accepted too."""
    from app.triage.vocab import Decision

    key = code.code if isinstance(code, Decision) else str(code)
    words = DECISION.get(key)
    return words.say(language) if words is not None else key


def reason_words(code: str, language: str = "zh_CN", fever_threshold: float = 37.3, travel_days: int = 14) -> str:
    """A triage reason with the clinic's own thresholds (the paper's default: 37.3 °C, 14 days)."""
    words = REASON.get(code)
    if words is None:
        return code
    return words.say(language).format(threshold=f"{fever_threshold:.1f}", days=travel_days)


def reasons_words(codes: Iterable[str], language: str = "zh_CN", fever_threshold: float = 37.3,
                  travel_days: int = 14) -> list[str]:
    """Several reasons in the table's order, unknown codes last."""
    wanted = set(codes)
    known = [reason_words(c, language, fever_threshold, travel_days) for c in REASON if c in wanted]
    return known + sorted(c for c in wanted if c not in REASON)
