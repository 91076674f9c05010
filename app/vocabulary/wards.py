"""Words for wards, permits and the gate (app/wards/vocab.py)."""

from __future__ import annotations

from collections.abc import Mapping

from app.vocabulary import Words

WARD_TYPE: Mapping[str, Words] = {
    "general": Words("普通病区", "General ward"),
    "buffer": Words("缓冲病区", "Buffer ward"),
    "observation": Words("隔离留观病区", "Isolation observation ward"),
    "critical_care": Words("重症监护病区", "Critical care ward"),
    "infectious": Words("感染性疾病病区", "Infectious diseases ward"),
}

NURSING_LEVEL: Mapping[str, Words] = {
    "special": Words("特级护理", "Special nursing care"),
    "1": Words("一级护理", "Level 1 nursing care"),
    "2": Words("二级护理", "Level 2 nursing care"),
    "3": Words("三级护理", "Level 3 nursing care"),
}

PERMIT_KIND: Mapping[str, Words] = {
    "escort": Words("陪护证", "Escort permit"),
    "visitor": Words("探视证", "Visitor permit"),
}

PERMIT_STATE: Mapping[str, Words] = {
    "active": Words("有效", "Valid"),
    "revoked": Words("已作废", "Revoked"),
    "expired": Words("已过期", "Expired"),
}

EXCEPTION_KIND: Mapping[str, Words] = {
    "escort_level_3": Words("三级护理患者留陪护", "Escort for a level-3 nursing patient"),
    "escort_restricted_ward": Words("重症监护/感染病区留陪护", "Escort in a critical care or infectious diseases ward"),
    "visitor_infectious": Words("感染病区探视", "Visitor in an infectious diseases ward"),
    "classification_downgrade": Words("病例分类回退(特例)", "Classification change the forward-only rule refuses"),
    "escort_isolation_ward": Words("缓冲/隔离留观病区留陪护", "Escort in a buffer or isolation observation ward"),
    "visitor_isolation_ward": Words("缓冲/隔离留观病区探视", "Visitor in a buffer or isolation observation ward"),
}

GATE_OUTCOME: Mapping[str, Words] = {
    "admit": Words("准予进入", "ADMIT"),
    "exit": Words("准予离开", "EXIT"),
    "deny": Words("禁止进入", "DENY"),
    "repeat": Words("重复扫描", "REPEATED SCAN"),
}

DIRECTION: Mapping[str, Words] = {
    "in": Words("进入", "Entering"),
    "out": Words("离开", "Leaving"),
}

EXIT_FLAG: Mapping[str, Words] = {
    "not_inside": Words("无进入记录", "No recorded entry"),
    "overstay": Words("探视超时离开", "Visitor left after the visit's end"),
    "revoked": Words("通行证已作废", "Permit revoked"),
    "discharged": Words("患者已出院", "The patient has been discharged"),
    "expired": Words("通行证已过期", "Permit expired"),
    "not_yet_valid": Words("通行证尚未生效", "Permit not valid yet"),
    "visit_time_over": Words("探视时段已结束", "Visit time is over"),
    "escort_test_old": Words("陪护人员核酸检测已过有效期", "Escort's nucleic acid test is too old"),
    "wrong_ward": Words("经非本病区门岗离开", "Left through a gate of another ward"),
}

DENY: Mapping[str, Words] = {
    "unreadable": Words("无法识别(非本机构通行证或已损坏)", "Unreadable: not a permit, or the code is damaged"),
    "forged": Words("签名无效(伪造或被篡改)", "Forged or altered permit"),
    "unknown_key": Words("非本机构签发", "Signed by an unknown clinic key"),
    "not_yet_valid": Words("尚未生效", "Not valid yet"),
    "expired": Words("通行证已过期", "Permit expired"),
    "revoked": Words("已作废(含挂失补办)", "Permit revoked (withdrawn or replaced)"),
    "wrong_ward": Words("非本病区通行证", "Wrong ward: this gate does not serve the permit's ward"),
    "discharged": Words("患者已出院", "The patient has been discharged"),
    "escort_test_old": Words("陪护人员核酸检测已过有效期", "Escort's nucleic acid test is too old"),
    "visitor_inside": Words("该患者已有探视人员在病区内", "Another visitor for this patient is inside"),
    "visit_time_over": Words("探视时段已结束", "Visit time is over"),
    "visit_used": Words("本次探视已结束，不得再次进入", "Visit already made: the visitor has left, no re-entry"),
    "unknown_permit": Words("证号不存在", "Unknown permit number"),
    "offline_data_too_old": Words("离线数据已过期，暂停放行(请联系病区核实)", "Offline data too old: entry paused, call the ward"),
    "clock_went_back": Words("本机时间被调回，暂停放行(请校准时间)", "This computer's clock was set back: entry paused, fix the time"),
}
