"""Chinese wording of every triage, casework, transfer and ward/permit code, as printed on the clinic's official documents.

The screen has its own translations (Qt); paper must not depend on the UI, so the words live here.
An unknown code prints as itself rather than failing a print job at the desk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any

from app.audit_vocab import Outcome
from app.clinic_mode import ClinicMode
from app.casework.vocab import (CaseExceptionKind, ClockKind, Classification, Disposition, HandoverState,
                                Population, TestKind, TestResult)
from app.desk_vocab import DeskKeyState, DeskPurpose, TrustPurpose
from app.permissions import Role
from app.transfer.vocab import Condition, HospitalKind, TransferClock, TransferState
from app.triage.vocab import (
    CallbackOutcome,
    Decision,
    DrugCategory,
    FollowUpState,
    HandoffState,
    HealthCode,
    IdType,
    Occupation,
    Prescription,
    Reason,
    RiskLevel,
    SaleOutcome,
    Sex,
    Symptom,
    TempMethod,
)
from app.wards.vocab import (Deny, Direction, ExceptionKind, ExitFlag, GateOutcome, NursingLevel, PermitKind,
                             PermitState, WardType)

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
    HealthCode.NOT_CHECKED: "未查验",
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

#: Where the risk-area list came from (RiskArea.source).
RISK_AREA_SOURCE: Mapping[str, str] = {
    "import": "导入文件",
    "hub": "县级平台",
    "demo": "演示数据",
    "manual": "手工录入",
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
    Reason.TRAVEL_MEDIUM: "发病前14天内有中风险地区旅居史",
    Reason.TRAVEL_HIGH: "发病前14天内有高风险地区旅居史",
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

CLINIC_MODE: Mapping[str, str] = {
    ClinicMode.REFER: "发热哨点诊室（一律转运）",
    ClinicMode.TREAT: "发热诊室（接诊）",
}

HANDOFF_STATE: Mapping[str, str] = {
    HandoffState.ESCORTING: "引导途中",
    HandoffState.ARRIVED: "已接收",
    HandoffState.LEFT_WITHOUT_PERMISSION: "擅自离院",
}

DRUG_CATEGORY: Mapping[str, str] = {
    DrugCategory.ANTIPYRETIC: "退热药",
    DrugCategory.ANTIVIRAL: "抗病毒药",
    DrugCategory.ANTIBIOTIC: "抗菌药物",
    DrugCategory.COUGH: "止咳药",
    "antidiarrhoeal": "止泻药",  # stored before issue 12 (LEGACY_DRUG_CATEGORIES): still printed
}

PRESCRIPTION: Mapping[str, str] = {
    Prescription.NONE: "无处方",
    Prescription.LEVEL2_PLUS: "二级以上医疗机构医生处方",
    Prescription.BELOW_LEVEL2: "二级以下医疗机构处方",
}

SALE_OUTCOME: Mapping[str, str] = {
    SaleOutcome.SOLD: "已售出",
    SaleOutcome.NOT_SOLD: "未售出（无二级以上医疗机构医生处方）",
}

CALLBACK_OUTCOME: Mapping[str, str] = {
    CallbackOutcome.SEEN_ELSEWHERE: "已到其他发热门诊就诊",
    CallbackOutcome.NO_FEVER: "已退热无不适",
    CallbackOutcome.REFUSED: "拒绝就诊",
    CallbackOutcome.UNREACHABLE: "无法联系",
    CallbackOutcome.NO_ANSWER: "未接通(待再次回访)",
}

FOLLOWUP_STATE: Mapping[str, str] = {
    FollowUpState.OPEN: "待追踪",
    FollowUpState.SEEN_AT_FEVER_CLINIC: "已到发热门诊就诊",
    FollowUpState.CALLED_BACK: "已电话回访",
    FollowUpState.NOT_REQUIRED: "无需追踪(早于追踪名单)",
}

CLASSIFICATION: Mapping[str, str] = {
    Classification.PENDING: "待定",
    Classification.EXCLUDED: "排除",
    Classification.SUSPECTED: "疑似病例",
    Classification.CONFIRMED: "确诊病例",
    Classification.ASYMPTOMATIC: "无症状感染者",
}

TEST_KIND: Mapping[str, str] = {
    TestKind.NUCLEIC_ACID: "核酸检测",
    TestKind.BLOOD_ROUTINE: "血常规",
    TestKind.ANTIGEN: "抗原检测",
    TestKind.ANTIBODY: "抗体检测",
    TestKind.CT: "胸部CT",
    TestKind.INFLUENZA: "流感病原学检测",
}

TEST_RESULT: Mapping[str, str] = {
    TestResult.NEGATIVE: "阴性",
    TestResult.POSITIVE: "阳性",
    TestResult.INVALID: "无效(需复检)",
}

POPULATION: Mapping[str, str] = {
    Population.FEVER_CLINIC: "发热门诊患者",
    Population.EMERGENCY: "急诊患者",
    Population.OUTPATIENT: "普通门诊患者",
    Population.INPATIENT: "住院患者",
    Population.ESCORT: "陪护人员",
    Population.VOLUNTARY: "自愿检测",
}

DISPOSITION: Mapping[str, str] = {
    Disposition.EXCLUDED_GENERAL: "排除后转普通门诊",
    Disposition.HOME_ADVICE: "居家观察(遵医嘱)",
    Disposition.ADMITTED: "收治入院",
    Disposition.TRANSFER: "转运至定点医院",
    Disposition.LEFT_WITHOUT_PERMISSION: "擅自离院",
    Disposition.DIED: "死亡",
}

#: Why a clock was closed by the case's end, not met (``ClockRecord.settled_reason``): the disposition, or a
#: classification change that ended what the earlier class started.
CLOCK_SETTLED: Mapping[str, str] = {**DISPOSITION, "reclassified": "分类变更",
                                     "transfer_cancelled": "转运已取消"}  # a cancelled transfer's own clocks

#: 特殊情况 approved for a casework rule (app/casework/exceptions.py).
CASE_EXCEPTION_KIND: Mapping[str, str] = {
    CaseExceptionKind.CLASSIFICATION_DOWNGRADE: "病例分类回退(特例)",
}

CLOCK_KIND: Mapping[str, str] = {
    ClockKind.REPORT: "2小时内网络直报",
    ClockKind.EPI: "24小时内流调",
    ClockKind.RESULT: "核酸结果时限",
    ClockKind.NAT_12H: "疑似病例12小时内核酸采样",
    ClockKind.INCIDENT: "擅自离院2小时内报告",
    TransferClock.REQUEST: "分类后申请转运时限",
    TransferClock.DEPARTURE: "申请后救护车出发时限",
    TransferClock.HANDOVER: "出发后完成交接时限",
}

TRANSFER_STATE: Mapping[str, str] = {
    TransferState.REQUESTED: "已申请(待派车)",
    TransferState.DISPATCHED: "已派车(待出发)",
    TransferState.DEPARTED: "转运途中",
    TransferState.HANDED_OVER: "已交接(待车辆消毒)",
    TransferState.CLOSED: "已完成",
    TransferState.CANCELLED: "已取消",
}

CONDITION: Mapping[str, str] = {
    Condition.STABLE: "一般",
    Condition.SERIOUS: "病重",
    Condition.CRITICAL: "病危",
}

HOSPITAL_KIND: Mapping[str, str] = {
    HospitalKind.DESIGNATED: "定点医院",
    HospitalKind.BACKUP: "后备定点医院",
    HospitalKind.FEVER_CLINIC: "定点发热门诊",
}

#: A hand-over of a case between doctors (首诊负责制).
CASE_HANDOVER_STATE: Mapping[str, str] = {
    HandoverState.PENDING: "待答复",
    HandoverState.ACCEPTED: "已接受",
    HandoverState.DECLINED: "已拒绝",
    HandoverState.CANCELLED: "已取消(病例改派)",
}

#: How a handover came to be recorded (``TransferRecord.handover_source``).
HANDOVER_SOURCE: Mapping[str, str] = {
    "entered": "人工录入",
    "receipt": "扫描接收医院回执",
}

#: The printed card's title, and the permit's name in the audit trail.
PERMIT_KIND: Mapping[str, str] = {
    PermitKind.ESCORT: "陪护证",
    PermitKind.VISITOR: "探视证",
}

PERMIT_STATE: Mapping[str, str] = {
    PermitState.ACTIVE: "有效",
    PermitState.REVOKED: "已作废",
}

WARD_TYPE: Mapping[str, str] = {
    WardType.GENERAL: "普通病区",
    WardType.BUFFER: "缓冲病区",
    WardType.OBSERVATION: "隔离留观病区",
    WardType.CRITICAL_CARE: "重症监护病区",
    WardType.INFECTIOUS: "感染性疾病病区",
}

NURSING_LEVEL: Mapping[str, str] = {
    NursingLevel.SPECIAL: "特级护理",
    NursingLevel.LEVEL_1: "一级护理",
    NursingLevel.LEVEL_2: "二级护理",
    NursingLevel.LEVEL_3: "三级护理",
}

#: What a 特批 (approved exception) allows.
EXCEPTION_KIND: Mapping[str, str] = {
    ExceptionKind.ESCORT_LEVEL_3: "三级护理患者留陪护",
    ExceptionKind.ESCORT_RESTRICTED_WARD: "重症监护/感染病区留陪护",
    ExceptionKind.VISITOR_INFECTIOUS: "感染病区探视",
    ExceptionKind.ESCORT_ISOLATION_WARD: "缓冲/隔离留观病区留陪护",
    ExceptionKind.VISITOR_ISOLATION_WARD: "缓冲/隔离留观病区探视",
}

#: Why the gate said no, in the words the gatekeeper reads out.
DENY: Mapping[str, str] = {
    Deny.UNREADABLE: "无法识别(非本机构通行证或已损坏)",
    Deny.FORGED: "签名无效(伪造或被篡改)",
    Deny.UNKNOWN_KEY: "非本机构签发",
    Deny.NOT_YET_VALID: "尚未生效",
    Deny.EXPIRED: "已过期",
    Deny.REVOKED: "已作废(含挂失补办)",
    Deny.WRONG_WARD: "非本病区通行证",
    Deny.DISCHARGED: "患者已出院",
    Deny.ESCORT_TEST_OLD: "陪护人员核酸检测已过有效期",
    Deny.VISITOR_INSIDE: "该患者已有探视人员在病区内",
    Deny.VISIT_TIME_OVER: "探视时段已结束",
    Deny.VISIT_USED: "本次探视已结束，不得再次进入",
    Deny.UNKNOWN_PERMIT: "证号不存在",
    Deny.OFFLINE_DATA_TOO_OLD: "离线数据已过期，暂停放行(请联系病区核实)",
    Deny.CLOCK_WENT_BACK: "本机时间被调回，暂停放行(请校准时间)",
}

GATE_OUTCOME: Mapping[str, str] = {
    GateOutcome.ADMIT: "准予进入",
    GateOutcome.EXIT: "离开",
    GateOutcome.DENY: "禁止进入",
    GateOutcome.REPEAT: "重复扫描",
}

#: The gatekeeper's action at the gate (F2 / F3).
DIRECTION: Mapping[str, str] = {
    Direction.IN: "进入",
    Direction.OUT: "离开",
}

#: What was wrong when a holder left (leaving is never refused; the exit is recorded with it).
EXIT_FLAG: Mapping[str, str] = {
    ExitFlag.NOT_INSIDE: "无进入记录",
    ExitFlag.OVERSTAY: "探视超时离开",
    ExitFlag.REVOKED: "通行证已作废",
    ExitFlag.DISCHARGED: "患者已出院",
    ExitFlag.EXPIRED: "通行证已过期",
    ExitFlag.NOT_YET_VALID: "通行证尚未生效",
    ExitFlag.VISIT_TIME_OVER: "探视时段已结束",
    ExitFlag.ESCORT_TEST_OLD: "陪护人员核酸检测已过有效期",
    ExitFlag.WRONG_WARD: "非本病区门岗离开",
}

OUTCOME: Mapping[str, str] = {
    Outcome.SUCCESS: "成功",
    Outcome.DENIED: "被拒绝",
    Outcome.FAILED: "失败",
}

ROLE: Mapping[str, str] = {
    Role.ADMIN: "系统管理员",
    Role.TRIAGE_NURSE: "预检分诊护士",
    Role.DOCTOR: "医生",
    Role.GATEKEEPER: "门岗",
    "system": "系统（命令行）",  # issue 15 — sentences: the system actor and the automatic one (never the code)
    "automatic": "自动任务（日报）",
}

DESK_KEY_STATE: Mapping[str, str] = {
    DeskKeyState.PENDING: "待登记",
    DeskKeyState.ENROLLED: "已登记",
    DeskKeyState.REVOKED: "已作废",  # the screen's "Revoked" (shared with permits) says 已作废
}

DESK_PURPOSE: Mapping[str, str] = {
    DeskPurpose.PERMIT: "陪护证/探视证",
    DeskPurpose.TRANSFER: "转运交接单与回执",
    DeskPurpose.HUB: "向县级平台报送",
}

TRUST_PURPOSE: Mapping[str, str] = {
    TrustPurpose.TRANSFER: "转运交接单与回执",
}

#: Audit action codes that appear on a case timeline (the 责任倒查 printout).
#: issue 13 — audit anchor: where the pinned county hub key came from (app.reporting.anchor_check.PinnedKey.source)
HUB_KEY_SOURCE: Mapping[str, str] = {"receipt": "首次回执", "admin": "管理员设置"}

AUDIT_ACTION: Mapping[str, str] = {
    "triage.screen": "预检筛查",
    "triage.register": "登记就诊",
    "clinic.mode_change": "修改本机构发热诊疗模式",
    "figures.update": "修改规则时限与数值",
    "handoff.send": "专人引导就诊",
    "handoff.arrive": "发热门诊接收",
    "handoff.left_without_permission": "擅自离院",
    "pharmacy.purchase": "药店购药登记",
    "pharmacy.callback": "购药者电话回访",
    "case.take": "首诊接诊",
    "case.handover_request": "申请移交病例",
    "case.handover_accept": "接受病例移交",
    "case.handover_decline": "拒绝病例移交",
    "case.reassign": "改派负责医生",
    "case.interview": "流调问诊记录",
    "case.classify": "病例分类",
    "case.reported": "网络直报",
    "case.investigated": "流调完成",
    "case.observe": "安排留观",
    "case.order_test": "开具检测",
    "case.result": "录入检测结果",
    "case.dispose": "病例处置(结案)",
    "case.exception_approve": "批准病例分类特例",
    "case.incident_reported": "擅自离院事件已报告",
    "transfer.request": "申请转运",
    "transfer.dispatch": "120派车",
    "transfer.depart": "救护车出发",
    "transfer.handover": "与接收医院交接",
    "transfer.disinfect": "救护车终末消毒",
    "transfer.cancel": "取消转运",
    "transfer.receive": "接收转入患者",
    "transfer.hospital_save": "保存定点医院",
    "transfer.targets_update": "修改转运时限",
    "transfer.trust_clinic": "添加信任机构",
    "transfer.distrust_clinic": "停止信任机构",
    "desk.register": "工作站密钥待登记",
    "desk.enrol": "登记工作站密钥",
    "desk.revoke": "吊销工作站密钥",
    # issue 13 — audit anchor (app/reporting/anchor_check.py)
    "audit.hub_key": "固定县级平台公钥",
    "audit.hub_receipt": "核对县级平台回执",
    "db.restore": "从备份恢复数据库",
    "db.backup": "备份数据库",  # issue 14 — data directory and backups (also the automatic daily backup)
    "transfer.hospitals_replace": "更新定点医院名单(县级下发)",
    "ward.save": "保存病区",
    "ward.admit": "患者入住病区",
    "ward.discharge": "患者出院",
    "permit.issue_escort": "签发陪护证",
    "permit.issue_visitor": "签发探视证",
    "permit.revoke": "作废通行证",
    "gate.scan": "门岗扫码",
    "permit.reprint": "补办通行证(旧证作废)",
    "permit.escort_test": "更新陪护核酸检测结果",
    "permit.exception_approve": "批准陪护/探视特例",
    # issue 13 — privacy: reads of personal information (app/access_log.py)
    "access.search": "查询个人信息",
    "access.view": "查看个人信息",
    "access.export": "导出个人信息",
    "access.print": "打印个人信息",
    # issue 15 — sentences (every audited action has words on paper and screen)
    "auth.login": "登录",
    "clinic.initialize": "初始化本机构",
    "user.create": "新建账号",
    "user.update": "修改账号",
    "user.enable": "启用账号",
    "user.disable": "停用账号",
    "user.reset_password": "重置密码",
    "user.change_password": "修改本人密码",
    "triage.rules_update": "修改预检筛查规则",
    "triage.risk_areas_replace": "更新风险地区清单",
    "import.visits": "导入纸质登记",
    "sync.hub_url": "设置县级平台地址",
    "sync.hub_ca": "设置县级平台证书",
    "sync.list_applied": "应用县级下发清单",
    "report.submit": "上报日报",
    "report.auto_submit": "自动上报日报",
    "report.correct": "更正日报",
    "report.auto_submit_time": "修改日报自动上报时间",
    "alert.raise": "发出预警",
    "alert.acknowledge": "处理预警",
}

#: issue 15 — sentences: the kind of record an audit row is about (the audit page's 对象 column, the printout)
AUDIT_ENTITY: Mapping[str, str] = {
    "clinic": "本机构", "user": "账号", "database": "数据库", "visit": "就诊", "screening": "预检筛查",
    "purchase": "购药登记", "import": "导入", "setting": "设置", "risk_areas": "风险地区清单", "desk": "工作站密钥",
    "admission": "入住病区", "alert": "预警", "hospital": "定点医院", "permit": "通行证", "received": "转入患者",
    "ward": "病区", "gate_event": "门岗通行", "report": "日报",
}  # the kinds of records read (access.*) are in ACCESS_ENTITY below

#: issue 15 — sentences: alert kinds (app/reporting/alerts.py AlertKind and the signals' kinds)
ALERT_KIND: Mapping[str, str] = {
    "case": "应报告病例", "cluster": "疑似聚集性发热（同住址/同单位）", "ears_fever_visits": "发热就诊人数异常升高",
    "ears_antipyretic": "退热药销售异常升高", "ears_antiviral": "抗病毒药销售异常升高",
    "ears_antibiotic": "抗菌药销售异常升高", "ears_cough": "止咳药销售异常升高", "positive_result": "检测结果阳性",
    "left_without_permission": "患者擅自离院", "untaken_patient": "患者候诊无医生接诊",
    "visitor_overstay": "探视人员超时", "offline_admit_refusable": "门岗离线放行了应拒绝的通行证",
}

#: issue 13 — privacy: what kind of record an access row read, and the kind of search criterion
ACCESS_ENTITY: Mapping[str, str] = {
    "screening_list": "预检分诊登记列表",
    "patient": "患者档案",
    "visit_record": "就诊登记信息",
    "timeline": "病例时间线",
    "case": "病例",
    "permit_list": "通行证列表",
    "transfer_list": "转运记录",
    "printed_form": "表单",
}
ACCESS_CRITERIA: Mapping[str, str] = {
    "visit_no": "按就诊号",
    "name": "按姓名",
    "initials": "按拼音首字母",
    "phone": "按电话号码",
    "id_number": "按证件号码",
    "number": "按号码",
    "filter": "按筛选条件",
}

#: Why an audited act was refused or failed (the ``error`` of its summary); unknown codes print as is.
ERROR: Mapping[str, str] = {
    "permission_denied": "无此权限",
    "account_disabled": "账号已停用",
    "control_characters": "含有不可见字符或控制字符",
    "not_responsible": "非本病例负责医生",
    "not_handover_target": "非移交对象",
    "stale_edit": "记录已被他人修改",
    "not_found": "记录不存在",
    "conflict": "与现有记录冲突",
    "invalid": "填写有误",
    "required": "必填项未填",
    "too_long": "内容过长",
    "already_taken": "病例已被接诊",
    "already_arrived": "患者已接收",
    "not_arrived": "患者尚未到达发热门诊",
    "case_closed": "病例已结案",
    "handoff_closed": "引导交接已结束",
    "handoff_open": "引导交接尚未结束",
    "handover_pending": "已有待答复的移交申请",
    "handover_answered": "移交申请已答复",
    "handover_self": "不能移交给自己",
    "handover_target": "移交对象不是在岗医生",
    "not_reportable": "该分类无需直报",
    "result_recorded": "结果已录入",
    "observation_required": "需先安排留观",
    "pending_result_reason": "有未出结果的检测，需说明原因",
    "reportable_cannot_go_home": "需报告病例不能居家",
    "buffer_room_required": "未排除病例须入缓冲病房单间",
    "nat_and_blood_routine_required": "须先开具核酸检测和血常规",
    "nat_result_pending": "核酸结果未出，须留观",
    "reportable_transfer_only": "疑似/确诊/无症状感染者只能转运至定点医院",
    "positive_transfer_only": "阳性病例只能分类并转运",
    "positive_reportable_only": "阳性病例只能分类为疑似、确诊或无症状感染者",
    "refer_mode_transfer_only": "发热哨点诊室须转运至定点发热门诊",
    "exclusion_needs_negative_nat": "排除须有本次就诊核酸阴性结果",
    "exclusion_needs_two_negative_nat": "疑似病例排除须两次核酸阴性(采样间隔足够)",
    "classification_forward_only": "病例分类不可回退(需特例)",
    "exception_reason": "特例原因过短",
    "exception_detail": "特例内容有误",
    "exception_self": "特例须由批准人以外的人员使用",
    "exception_used": "特例已使用",
    "exception_mismatch": "特例与本病例或目标分类不符",
    "exception_not_needed": "此操作无需特例",
    "not_an_incident": "该病例无需事件报告",
    "incident_reported": "事件已报告",
    "transfer_reason": "转运需说明原因",
    "not_excluded": "病例未排除",
    "excluding_result": "缺少排除所依据的阴性结果",
    "time_in_future": "时间晚于当前时间",
    "time_too_early": "时间早于起始时间",
    "naive_time": "时间缺少时区",
    "condition": "病情分级有误",
    "transfer_open": "已有进行中的转运",
    "hospital_not_accepting": "该医院暂停接收",
    "hospital_exists": "医院已存在",
    "hospital_kind": "医院类型有误",
    "illegal_transition": "当前转运状态不允许此操作",
    "transfer_target": "转运时限超出范围",
    "public_key": "公钥格式有误",
    "already_received": "该患者已接收",
    "wrong_clinic": "回执不属于本机构",
    "bad_token": "二维码内容无效",
    "unknown_key": "未知签名机构",
    "bad_signature": "签名核验失败",
    "issuer_mismatch": "签发机构与签名不符",
    "trust_purpose": "信任用途有误",
    "expired": "二维码已过期",
    "wrong_kind": "二维码类型不符",
    "ward_exists": "病区已存在",
    "ward_type": "病区类型有误",
    "gates": "门岗填写有误",
    "nursing_level": "护理级别有误",
    "already_admitted": "患者已在院",
    "already_discharged": "患者已出院",
    "discharged": "患者已出院",
    "escort_exists": "该患者已有有效陪护证",
    "visitor_overlap": "该时段已有探视证",
    "visit_window": "探视时段有误",
    "escort_test_old": "核酸检测已过有效期",
    "escort_test_negative_required": "陪护人员须核酸检测阴性",
    "escort_test_not_newer": "核酸检测不比已登记的新",
    "visit_reason_required": "探视须说明事由",
    "visit_too_long": "探视时长超过规定",
    "admission_nat_required": "入院须核酸检测",
    "admission_needs_disposition": "发热门诊病例须先由首诊医生处置为收住入院",
    "admission_nat_old": "入院核酸采样已过时限",
    "buffer_ward_first": "未排除患者须先入缓冲病区",
    "reportable_not_admitted": "需报告病例须转运至定点医院，不得收住",
    "nat_result": "核酸结果有误",
    "escort_refused": "需先批准陪护特例",
    "visitor_refused": "需先批准探视特例",
    "exception_kind": "特例类型有误",
    "permit_not_active": "通行证已作废",
    "drug_category": "药品类别有误",
    "buyer_phone_required": "购药者联系电话必填",
    "prescription": "处方类别有误",
    "prescriber_required": "须填写开方医生",
    "prescriber_institution_required": "须填写开方医疗机构",
    "callback_outcome": "回访结果有误",
    "followup_closed": "该购药者已结束追踪",
    "transfer_done": "已完成转运交接，不能再次申请",
    "time_before_previous_step": "时间早于上一环节",
    "reassign_target": "改派对象不是在岗医生",
    "reassign_same": "已是该医生负责",
    "doctor_has_open_cases": "该医生仍有未结病例",
    "automatic_not_allowed": "系统自动提交只能提交逾期日报告和发送待发内容",
    # issue 13 — audit anchor
    "hub_key_mismatch": "回执或锚点清单的签名不是已固定的县级平台公钥",
    "hub_key_format": "县级平台公钥格式有误",
    "hub_anchors_refused": "县级平台未提供本机构的审计锚点",
}

#: Every count of the daily report (``app.reporting.daily.compute_counts``), in the printed order.
REPORT_COUNT: Mapping[str, str] = {
    "screened": "预检分诊人次",
    "decision_general": "分诊至普通门诊",
    "decision_fever_clinic": "分诊至发热门诊",
    "decision_isolate": "立即隔离并报告",
    "fever_registered": "发热门诊登记人数",
    "new_cases": "新增病例(疑似、确诊、无症状感染者)",
    "classified_suspected": "新分类疑似病例",
    "classified_confirmed": "新分类确诊病例",
    "classified_asymptomatic": "新分类无症状感染者",
    "classified_excluded": "排除病例",
    "tests_ordered": "开具检测",
    "tests_resulted": "检测出结果",
    "tests_positive": "检测阳性",
    "positive_nat_antigen": "核酸或抗原检测阳性",
    "tests_overdue": "检测结果超时",
    "reported_within_2h": "2小时内完成网络直报",
    "reported_late": "网络直报超时",
    "transfers_requested": "申请转运",
    "transfers_handed_over": "完成转运交接",
    "transfers_late": "转运环节超时",
    "handoffs_unconfirmed": "引导至发热门诊未确认接收",
    "untaken_alarms": "候诊无人接诊报警",
    "left_without_permission": "擅自离院(含引导途中)",
    "deaths": "死亡",
    "exceptions_granted": "批准特殊情况",
    "antipyretic_purchases": "药店购药登记(合计)",
    "purchases_antipyretic": "其中：退热药",
    "purchases_antiviral": "其中：抗病毒药",
    "purchases_antibiotic": "其中：抗菌药物",
    "purchases_cough": "其中：止咳药",
    "purchases_antidiarrhoeal": "其中：止泻药(原类别)",
    "purchases_not_sold": "其中：登记未售出(无二级以上医院处方)",
    "permits_issued": "签发陪护/探视证",
    "permits_revoked": "作废陪护/探视证",
    "gate_denials": "门岗禁止进入",
    "visitor_overstays": "探视超时",
    "open_alerts": "未处理预警",
}

#: The state of a printed daily report (the version number is added next to it).
REPORT_STATUS: Mapping[str, str] = {
    "draft": "草稿(未提交)",
    "submitted": "已提交",
    "automatic": "自动提交",
}

#: Every vocabulary enum and its table, so a test can prove no code is left without words.
TABLES: Mapping[type[Enum], Mapping[Any, str]] = {
    Decision: DECISION,
    Symptom: SYMPTOM,
    TempMethod: TEMP_METHOD,
    HealthCode: HEALTH_CODE,
    ClinicMode: CLINIC_MODE,
    Occupation: OCCUPATION,
    RiskLevel: RISK_LEVEL,
    IdType: ID_TYPE,
    Sex: SEX,
    Reason: REASON,
    HandoffState: HANDOFF_STATE,
    DrugCategory: DRUG_CATEGORY,
    Prescription: PRESCRIPTION,
    SaleOutcome: SALE_OUTCOME,
    CallbackOutcome: CALLBACK_OUTCOME,
    FollowUpState: FOLLOWUP_STATE,
    Classification: CLASSIFICATION,
    TestKind: TEST_KIND,
    TestResult: TEST_RESULT,
    Population: POPULATION,
    Disposition: DISPOSITION,
    CaseExceptionKind: CASE_EXCEPTION_KIND,
    ClockKind: CLOCK_KIND,
    TransferClock: CLOCK_KIND,
    TransferState: TRANSFER_STATE,
    Condition: CONDITION,
    HospitalKind: HOSPITAL_KIND,
    HandoverState: CASE_HANDOVER_STATE,
    Outcome: OUTCOME,
    Role: ROLE,
    PermitKind: PERMIT_KIND,
    PermitState: PERMIT_STATE,
    WardType: WARD_TYPE,
    NursingLevel: NURSING_LEVEL,
    ExceptionKind: EXCEPTION_KIND,
    Deny: DENY,
    GateOutcome: GATE_OUTCOME,
    Direction: DIRECTION,
    ExitFlag: EXIT_FLAG,
    DeskKeyState: DESK_KEY_STATE,
    DeskPurpose: DESK_PURPOSE,
    TrustPurpose: TRUST_PURPOSE,
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
