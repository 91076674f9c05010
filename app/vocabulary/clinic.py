"""Words for the clinic itself, its accounts and desks: roles, clinic level and mode, desk keys."""

from __future__ import annotations

from collections.abc import Mapping

from app.vocabulary import Words

ROLE: Mapping[str, Words] = {
    "admin": Words("管理员", "Administrator"),
    "triage_nurse": Words("预检分诊护士", "Pre-triage nurse"),
    "doctor": Words("哨点医生", "Sentinel doctor"),
    "gatekeeper": Words("门岗", "Gatekeeper"),
    "system": Words("系统（命令行）", "System (command line)"),
    "automatic": Words("自动任务（日报）", "Automatic (daily report)"),
}

CLINIC_LEVEL: Mapping[str, Words] = {
    "township": Words("乡镇卫生院", "Township health centre"),
    "county": Words("县级医院", "County hospital"),
    "other": Words("其他医疗机构", "Other"),
}

CLINIC_MODE: Mapping[str, Words] = {
    "refer": Words("发热哨点诊室（一律转运）", "Sentinel room (refers)"),
    "treat": Words("发热诊室（接诊）", "Fever room (treats)"),
}

CLINIC_MODE_EXPLANATION: Mapping[str, Words] = {
    "refer": Words(
        "发热患者一律登记、隔离，有条件的采样，并转运至定点发热门诊；本机构不作其他处置。",
        "Every fever patient is registered, isolated, sampled if the clinic can, and referred by transfer to the designated fever clinic. No other disposition here."),
    "treat": Words(
        "本机构发热诊室接诊：检测、留观至结果回报，在本机构分类和处置；需报告的病例转运至定点医院。",
        "The fever room sees its patients: tests, observation until the result, classification and disposition here; reportable cases are transferred."),
}

DESK_KEY_STATE: Mapping[str, Words] = {
    "pending": Words("待登记", "Waiting for enrolment"),
    "enrolled": Words("已登记", "Enrolled"),
    "revoked": Words("已作废", "Revoked"),
}

DESK_PURPOSE: Mapping[str, Words] = {
    "permit": Words("陪护证/探视证", "Permits"),
    "transfer": Words("转运交接单与回执", "Transfer forms and receipts"),
    "hub": Words("向县级平台报送", "Reports to the county hub"),
}

TRUST_PURPOSE: Mapping[str, Words] = {
    "transfer": Words("转运交接单与回执", "Transfer forms and receipts"),
}
