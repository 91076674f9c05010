"""Words for key-post staff testing and environmental swabs (app/staff, issue 18): posts, results, roster
states, the board's clock, audited actions, refusals and the rule's figure."""

from __future__ import annotations

from collections.abc import Mapping

from app.vocabulary import Words

STAFF_POST: Mapping[str, Words] = {
    "fever_clinic": Words("发热门诊", "Fever clinic"),
    "pre_triage": Words("预检分诊", "Pre-triage"),
    "observation": Words("留观室", "Observation room"),
    "ward": Words("病区", "Ward"),
    "driver": Words("转运司机", "Ambulance driver"),
}

SAMPLE_RESULT: Mapping[str, Words] = {
    "negative": Words("阴性", "Negative"),
    "positive": Words("阳性", "Positive"),
}

ROSTER_STATE: Mapping[str, Words] = {
    "in_time": Words("按期", "In time"),
    "due_today": Words("今日应检", "Due today"),
    "overdue": Words("逾期未检", "Overdue"),
    "off_duty": Words("暂停岗位：按规定隔离并复检", "Off duty: isolate and retest as the rules say"),
}

CLOCK_KIND: Mapping[str, Words] = {
    "staff_test": Words("重点岗位人员核酸检测", "Key-post staff test"),
    "staff_retest": Words("重点岗位人员暂停岗位待复检", "Key-post staff off duty: retest"),
}

ACTION: Mapping[str, Words] = {
    "staff.add": Words("加入重点岗位人员名单", "Added to the key-post staff roster"),
    "staff.update": Words("修改重点岗位人员信息", "Key-post staff member changed"),
    "staff.test": Words("登记工作人员核酸检测", "Staff test recorded"),
    "swab.record": Words("登记环境表面采样", "Environmental swab recorded"),
}

ENTITY: Mapping[str, Words] = {
    "staff": Words("重点岗位人员", "Key-post staff member"),
    "env_swab": Words("环境表面采样", "Environmental swab"),
}

ERRORS: Mapping[str, Words] = {
    "staff_post": Words(
        zh="岗位须为发热门诊、预检分诊、留观室、病区或转运司机之一：请选择岗位。",
        en="The post is one of fever clinic, pre-triage, observation room, ward or ambulance driver: choose one."),
    "staff_on_roster": Words(
        zh="{name} 已在重点岗位人员名单中：请在名单中找到此人后修改岗位。",
        en="{name} is on the key-post staff roster already: find them in the roster and correct the post there."),
    "sample_result": Words(
        zh="结果须为阴性或阳性：请选择结果。", en="The result is negative or positive: choose one."),
    "sampled_in_future": Words(
        zh="采样日期不能晚于今天：请改为实际采样的日期。",
        en="The sampling day cannot be after today: enter the day the sample was taken."),
    "swab_place": Words(
        zh="请填写采样地点（1 至 {maximum} 个字），例如“发热门诊诊室门把手”。",
        en="Enter where the swab was taken (1 to {maximum} characters), e.g. \"fever clinic door handle\"."),
}

#: not_found, by the entity (merged into app/vocabulary/errors.py _MISSING)
MISSING: Mapping[str, Words] = {
    "staff": Words(zh="此人已不在重点岗位人员名单中，请刷新名单。",
                   en="This person is no longer on the key-post staff roster: reload the roster."),
}

RULE: Mapping[str, Words] = {
    "clinic.staff_testing": Words(
        "发热门诊、预检分诊、留观室、病区和转运司机等重点岗位人员按下列间隔完成核酸检测，逾期的显示在管理员页面和时限看板上；"
        "环境表面定期采样。工作人员或环境样本阳性立即预警。",
        "Staff at key posts (fever clinic, pre-triage, observation, wards, ambulance drivers) are tested at the "
        "interval below; anyone overdue shows on the admin's page and the deadline board. Surfaces are swabbed "
        "regularly. A positive staff test or swab raises an alert at once."),
}

FIGURE: Mapping[str, Words] = {
    "staff.figures:test_interval_days": Words("重点岗位人员核酸检测间隔", "Key-post staff tested every"),
}
