"""Words for the keys of an audit row's ``summary`` and the form fields a refusal names.

The 责任倒查 printout (app/printing/audit_text.py, ``.zh``) and the English audit page (ui/pages/audit_model.py,
``.en``) name the same keys the same way: issue 15, a reader never sees a raw dict key.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.vocabulary import Words

#: Keys of failure details, dispositions and generic summaries.
SUMMARY_KEY: Mapping[str, Words] = {
    "field": Words("字段", "field"),
    "doctor": Words("负责医生", "doctor"),
    "visit_no": Words("就诊号", "visit"),
    "entity": Words("对象", "record"),
    "permission": Words("权限", "permission"),
    "maximum": Words("上限", "maximum"),
    "tests": Words("检测单", "tests"),
    "disposition": Words("处置", "disposition"),
    "id": Words("编号", "number"),
    "ward": Words("病区", "ward"),
    "buffer_single_room": Words("缓冲病房单间", "buffer single room"),
    "advice": Words("医嘱", "advice"),
    "excluding_test_id": Words("排除依据检测单", "excluding test"),
    "left_at": Words("离开时间", "left at"),
    "noticed_by": Words("发现人", "noticed by"),
    "reported_to": Words("已报告", "reported to"),
    "died_at": Words("死亡时间", "died at"),
    "certified_by": Words("死亡证明医生", "certified by"),
    "bed": Words("床位", "bed"),
    "open_cases": Words("未结病例", "open cases"),
    "reason": Words("原因", "reason"),
    "note": Words("备注", "note"),
    "file": Words("文件", "file"),
    "count": Words("数量", "count"),
    "version": Words("版本", "version"),
    "name": Words("名称", "name"),
    "code": Words("代码", "code"),
    "username": Words("账号", "account"),
    "full_name": Words("姓名", "name"),
    "roles": Words("角色", "roles"),
    "key_id": Words("密钥", "key"),
    "workstation": Words("工作站", "workstation"),
    "url": Words("地址", "address"),
    "subject": Words("证书主体", "certificate"),
    "sha256": Words("证书指纹", "certificate fingerprint"),
    "not_after": Words("证书有效至", "valid until"),
    "day": Words("日期", "day"),
    "classification": Words("分类", "classification"),
    "kind": Words("类别", "kind"),
    "room": Words("留观室", "observation room"),
    "lab": Words("检测机构", "laboratory"),
    "card_no": Words("报告卡编号", "report card number"),
    "hospital": Words("定点医院", "designated hospital"),
    "transfer_id": Words("转运单", "transfer"),
    "test_id": Words("检测单", "test"),
    "exception_id": Words("特例", "exception"),
    "holder": Words("持证人", "holder"),
    "number": Words("证号", "number"),
    "permit": Words("通行证", "permit"),
    "gate": Words("门岗", "gate"),
    "escort": Words("陪同", "escort"),
    "due_at": Words("应到达时间", "due at"),
    "at": Words("时间", "at"),
    "reported_at": Words("报告时间", "reported at"),
    "done_at": Words("完成时间", "done at"),
    "result_at": Words("结果时间", "result at"),
    "sample_at": Words("采样时间", "sampled at"),
    "valid_until": Words("有效至", "valid until"),
    "test_at": Words("核酸采样", "test sampled"),
    "action_taken": Words("处理措施", "action taken"),
    "pathogen": Words("病原体", "pathogen"),
    "other_pathogen": Words("其他病原体", "other pathogen"),
    "to": Words("接收人", "to"),
    "from": Words("原负责人", "from"),
    "expected": Words("应为", "expected"),
    "actual": Words("实际", "actual"),
    "bytes": Words("文件大小(字节)", "size (bytes)"),
    "audit_seq": Words("审计序号", "audit entry"),
    "current": Words("当前状态", "current state"),
    "before": Words("修改前", "before"),
    "rows": Words("条数", "rows"),
    "criteria": Words("查询方式", "searched"),
    "after": Words("修改后", "after"),
}

#: The patient's identity fields (registration form, import of paper records).
PATIENT_FIELD: Mapping[str, Words] = {
    "name": Words("姓名", "name"),
    "sex": Words("性别", "sex"),
    "birth_date": Words("出生日期", "date of birth"),
    "phone": Words("联系电话", "phone"),
    "address": Words("现住址", "address"),
    "id_type": Words("证件类型", "ID type"),
    "id_number": Words("证件号码", "ID number"),
    "id_missing_reason": Words("无证件原因", "reason for no ID"),
    "occupation": Words("职业", "occupation"),
    "workplace": Words("工作单位", "workplace"),
}

#: Form fields a refusal names (others are left out rather than shown as a code).
FIELD: Mapping[str, Words] = {
    "action_taken": Words("处理措施", "action taken"),
    "reason": Words("原因", "reason"),
    "note": Words("备注", "note"),
    "password": Words("密码", "password"),
    "username": Words("账号", "account"),
    "full_name": Words("姓名", "name"),
    "roles": Words("角色", "roles"),
    "url": Words("地址", "address"),
    "temperature": Words("体温", "temperature"),
    "escort": Words("陪同人员", "escort"),
    "holder": Words("持证人", "holder"),
    "bed": Words("床位", "bed"),
    "ward": Words("病区", "ward"),
    "visit_no": Words("就诊号", "visit number"),
    "card_no": Words("报告卡编号", "report card number"),
    "reported_at": Words("直报时间", "reported at"),
    "done_at": Words("完成时间", "done at"),
    "result_at": Words("结果时间", "result at"),
    "sample_at": Words("采样时间", "sampled at"),
}

#: The epidemiological history's fields.
EPI_FIELD: Mapping[str, Words] = {
    "travel": Words("旅居史", "travel history"),
    "contacts": Words("接触史", "contacts"),
    "exposures": Words("暴露史", "exposures"),
    "notes": Words("备注", "notes"),
    "findings": Words("诊查所见", "findings"),
}
