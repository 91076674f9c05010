"""Words for fever-clinic casework (app/casework/vocab.py)."""

from __future__ import annotations

from collections.abc import Mapping

from app.vocabulary import Words
from app.vocabulary.staff import CLOCK_KIND as _STAFF_CLOCK_KIND

CLASSIFICATION: Mapping[str, Words] = {
    "pending": Words("待定", "Not yet classified"),
    "excluded": Words("已排除", "Excluded"),
    "suspected": Words("疑似病例", "Suspected case"),
    "confirmed": Words("确诊病例", "Confirmed case"),
    "asymptomatic": Words("无症状感染者", "Asymptomatic infection"),
}

TEST_KIND: Mapping[str, Words] = {
    "nucleic_acid": Words("核酸检测", "Nucleic acid test"),
    "blood_routine": Words("血常规", "Blood routine"),
    "antigen": Words("抗原检测", "Antigen test"),
    "antibody": Words("抗体检测", "Antibody test"),
    "ct": Words("胸部CT", "Chest CT"),
    "influenza": Words("流感病原学检测", "Influenza test"),
}

TEST_RESULT: Mapping[str, Words] = {
    "negative": Words("阴性", "Negative"),
    "positive": Words("阳性", "Positive"),
    "invalid": Words("无效(需复检)", "Invalid"),
}

POPULATION: Mapping[str, Words] = {
    "fever_clinic": Words("发热门诊患者", "Fever clinic patient"),
    "emergency": Words("急诊患者", "Emergency patient"),
    "outpatient": Words("普通门诊患者", "Outpatient"),
    "inpatient": Words("住院患者", "Inpatient"),
    "escort": Words("陪护人员", "Escort or carer"),
    "voluntary": Words("愿检尽检", "Voluntary testing"),
}

CLOCK_KIND: Mapping[str, Words] = {
    "report_2h": Words("2小时内网络直报", "2 h direct network report"),
    "epi_24h": Words("24小时内流调", "24 h epidemiological investigation"),
    "result": Words("核酸结果时限", "Nucleic acid turnaround"),
    "transfer_request": Words("分类后申请转运时限", "Transfer request"),
    "transfer_depart": Words("申请后救护车出发时限", "Transfer departure"),
    "transfer_handover": Words("出发后完成交接时限", "Transfer hand-over at the hospital"),
    "nat_12h": Words("疑似病例12小时内核酸采样", "12 h nucleic acid sample (suspected case)"),
    "incident_2h": Words("擅自离院2小时内报告", "2 h incident report"),
    "observation_round": Words("留观生命体征复测", "Observation round (vital signs)"),
    **_STAFF_CLOCK_KIND,  # issue 18: a key-post staff member's next test (app/staff)
}

CLOCK_STATE: Mapping[str, Words] = {
    "ok": Words("正常", "In time"),
    "warning": Words("即将超时", "Due soon"),
    "overdue": Words("已超时", "Overdue"),
}

DISPOSITION: Mapping[str, Words] = {
    "excluded_general": Words("排除后转普通门诊", "Excluded: back to general outpatient"),
    "home_advice": Words("居家观察(遵医嘱)", "Home observation with advice"),
    "admitted": Words("收治入院", "Admitted to a ward"),
    "transfer": Words("转运至定点医院", "Transferred to the designated hospital"),
    "left_without_permission": Words("擅自离院", "Left without permission"),
    "died": Words("死亡", "Died"),
}
#: Why a clock was closed by the case's end, not met (``ClockRecord.settled_reason``): the disposition, or a
#: classification change that ended what the earlier class started, or a cancelled transfer's own clocks.
CLOCK_SETTLED: Mapping[str, Words] = {
    **DISPOSITION,
    "reclassified": Words("分类变更", "classification changed"),
    "transfer_cancelled": Words("转运已取消", "transfer cancelled"),
}

#: A hand-over of a case between doctors (首诊负责制).
CASE_HANDOVER_STATE: Mapping[str, Words] = {
    "pending": Words("待答复", "Waiting for an answer"),
    "accepted": Words("已接受", "Accepted"),
    "declined": Words("已拒绝", "Declined"),
    "cancelled": Words("已取消(病例改派)", "Cancelled (case reassigned)"),
}
