"""Words for the responsibility trail: audited actions, their outcomes and the kinds of records."""

from __future__ import annotations

from collections.abc import Mapping

from app.vocabulary import Words
from app.vocabulary import staff as _staff
from app.vocabulary import stock as _stock

OUTCOME: Mapping[str, Words] = {
    "success": Words("成功", "Done"),
    "denied": Words("被拒绝", "Refused"),
    "failed": Words("失败", "Failed"),
}

ACTION: Mapping[str, Words] = {
    "clinic.initialize": Words("初始化本机构", "Clinic set up"),
    "auth.login": Words("登录", "Log-in"),
    "user.create": Words("新建账号", "Account created"),
    "user.update": Words("修改账号", "Account edited"),
    "user.enable": Words("启用账号", "Account enabled"),
    "user.disable": Words("停用账号", "Account disabled"),
    "user.reset_password": Words("重置密码", "Password reset"),
    "user.change_password": Words("修改本人密码", "Own password changed"),
    "db.backup": Words("备份数据库", "Backup"),
    "db.restore": Words("从备份恢复数据库", "Restore"),
    "triage.screen": Words("预检筛查", "Pre-triage screening"),
    "triage.register": Words("发热门诊登记", "Fever registration"),
    "triage.rules_update": Words("修改预检筛查规则", "Screening rules changed"),
    "clinic.contacts_update": Words("修改本机构联系信息", "Clinic contacts changed"),
    "clinic.mode_change": Words("修改本机构发热诊疗模式", "Clinic mode changed"),
    "figures.update": Words("修改规则时限与数值", "Rule figures changed"),
    "triage.risk_areas_replace": Words("更新风险地区清单", "Risk-area list replaced"),
    "sync.list_applied": Words("应用县级下发清单", "County list applied (version from the hub)"),
    "sync.export": Words("导出待报送文件（U 盘）", "Pending file exported (USB)"),
    "sync.import_receipt": Words("导入县级平台回执", "County receipt imported"),
    "sync.import_lists": Words("导入县级清单文件", "County lists file imported"),
    "handoff.send": Words("专人引导就诊", "Escorted to fever clinic"),
    "handoff.arrive": Words("发热门诊接收", "Arrived at fever clinic"),
    "handoff.left_without_permission": Words("擅自离院", "Left without permission"),
    "pharmacy.purchase": Words("药店购药登记", "Medicine purchase registered"),
    "pharmacy.callback": Words("购药者电话回访", "Medicine buyer called back"),
    "import.visits": Words("导入纸质登记", "Paper records imported"),
    "case.take": Words("首诊接诊", "Case taken (first-diagnosis doctor)"),
    "queue.call": Words("发热门诊叫号", "Queue number called"),
    "case.handover_request": Words("申请移交病例", "Hand-over requested"),
    "case.handover_accept": Words("接受病例移交", "Hand-over accepted"),
    "case.handover_decline": Words("拒绝病例移交", "Hand-over declined"),
    "case.reassign": Words("改派负责医生", "Case reassigned by the medical director"),
    "case.interview": Words("流调问诊记录", "Interview and findings saved"),
    "case.classify": Words("病例分类", "Case classified"),
    "case.reported": Words("网络直报", "Direct network report recorded"),
    "case.investigated": Words("流调完成", "Epidemiological investigation done"),
    "case.observe": Words("安排留观", "Observation room and bed"),
    "case.vitals": Words("记录生命体征", "Vital signs recorded"),
    "case.order_test": Words("开具检测", "Test ordered"),
    "case.result": Words("录入检测结果", "Test result recorded"),
    "case.dispose": Words("病例处置(结案)", "Case closed with a disposition"),
    "case.exception_approve": Words("批准病例分类特例", "Exception approved (classification change)"),
    "case.incident_reported": Words("擅自离院事件已报告", "Incident reported (patient left without permission)"),
    "transfer.request": Words("申请转运", "Transfer requested"),
    "transfer.dispatch": Words("120派车", "Ambulance (120) dispatched"),
    "transfer.depart": Words("救护车出发", "Transfer departed"),
    "transfer.handover": Words("与接收医院交接", "Transfer handed over"),
    "transfer.disinfect": Words("救护车终末消毒", "Terminal disinfection"),
    "transfer.cancel": Words("取消转运", "Transfer cancelled"),
    "transfer.receive": Words("接收转入患者", "Transferred patient received"),
    "transfer.trust_clinic": Words("添加信任机构", "Clinic trusted (its QR codes accepted)"),
    "transfer.distrust_clinic": Words("停止信任机构", "Clinic no longer trusted"),
    "desk.register": Words("工作站密钥待登记", "Desk key registered (waiting for enrolment)"),
    "desk.enrol": Words("登记工作站密钥", "Desk key enrolled"),
    "desk.revoke": Words("作废工作站密钥", "Desk key revoked"),
    "audit.hub_key": Words("固定县级平台公钥", "County hub key pinned"),
    "audit.hub_receipt": Words("核对县级平台回执", "County hub receipt checked"),
    "access.search": Words("查询个人信息", "Personal data searched"),
    "access.view": Words("查看个人信息", "Personal data viewed"),
    "access.export": Words("导出个人信息", "Personal data exported"),
    "access.print": Words("打印个人信息", "Personal data printed"),
    "alert.raise": Words("发出预警", "Alert raised"),
    "alert.acknowledge": Words("处理预警", "Alert dealt with"),
    "gate.scan": Words("门岗扫码", "Gate scan"),
    "permit.issue_escort": Words("签发陪护证", "Escort permit issued"),
    "permit.issue_visitor": Words("签发探视证", "Visitor permit issued"),
    "permit.revoke": Words("作废通行证", "Permit cancelled"),
    "permit.reprint": Words("补办通行证(旧证作废)", "Permit reissued (old one cancelled)"),
    "permit.escort_test": Words("更新陪护核酸检测结果", "Escort's test result updated"),
    "permit.exception_approve": Words("批准陪护/探视特例", "Exception approved (escort or visitor)"),
    "ward.save": Words("保存病区", "Ward saved"),
    "ward.admit": Words("患者入住病区", "Patient admitted to a ward"),
    "ward.discharge": Words("患者出院", "Patient discharged from a ward"),
    "transfer.hospital_save": Words("保存定点医院", "Designated hospital saved"),
    "transfer.hospitals_replace": Words("更新定点医院名单(县级下发)", "Designated hospital list updated (from the county)"),
    "transfer.targets_update": Words("修改转运时限", "Transfer time limits changed"),
    "report.submit": Words("上报日报", "Daily report submitted"),
    "report.auto_submit": Words("自动上报日报", "Daily report submitted automatically"),
    "report.correct": Words("更正日报", "Daily report corrected"),
    "report.auto_submit_time": Words("修改日报自动上报时间", "Automatic report time changed"),
    "sync.hub_url": Words("设置县级平台地址", "County hub address set"),
    "sync.hub_ca": Words("设置县级平台证书", "County hub certificate set"),
    **_staff.ACTION,  # issue 18
    **_stock.ACTION,
}

ENTITY: Mapping[str, Words] = {
    "clinic": Words("本机构", "Clinic"),
    "user": Words("账号", "Account"),
    "database": Words("数据库", "Database"),
    "visit": Words("就诊", "Visit"),
    "screening": Words("预检筛查", "Screening"),
    "purchase": Words("购药登记", "Purchase"),
    "import": Words("导入", "Import"),
    "setting": Words("设置", "Setting"),
    "outbox": Words("待报送队列", "Outbox"),
    "risk_areas": Words("风险地区清单", "Risk areas"),
    "desk": Words("工作站密钥", "Desk key"),
    "admission": Words("入住病区", "Ward admission"),
    "alert": Words("预警", "Alert"),
    "hospital": Words("定点医院", "Designated hospital"),
    "permit": Words("通行证", "Permit"),
    "received": Words("转入患者", "Transferred-in patient"),
    "ward": Words("病区", "Ward"),
    "gate_event": Words("门岗通行", "Gate passage"),
    "report": Words("日报", "Daily report"),
    "screening_list": Words("预检分诊登记列表", "Screening list"),
    "patient": Words("患者档案", "Patient records"),
    "visit_record": Words("就诊登记信息", "Registration"),
    "timeline": Words("病例时间线", "Case timeline"),
    "case": Words("病例", "Case"),
    "permit_list": Words("通行证列表", "Permit list"),
    "transfer_list": Words("转运记录", "Transfer records"),
    "printed_form": Words("表单", "Printed form"),
    **_staff.ENTITY,  # issue 18
    **_stock.ENTITY,
}
#: issue 13 — privacy: the kind of search criterion recorded instead of the criterion (app.access_log.Criteria)
ACCESS_CRITERIA: Mapping[str, Words] = {
    "visit_no": Words("按就诊号", "by visit number"),
    "name": Words("按姓名", "by name"),
    "initials": Words("按拼音首字母", "by initials"),
    "phone": Words("按电话号码", "by phone number"),
    "id_number": Words("按证件号码", "by ID number"),
    "number": Words("按号码", "by number"),
    "filter": Words("按筛选条件", "by filter"),
}

#: The filters a list read was made with (access rows' ``filters``).
ACCESS_FILTER: Mapping[str, Words] = {
    "day": Words("日期", "day"),
    "decision": Words("分诊", "decision"),
    "registered_only": Words("仅已登记", "registered only"),
    "state": Words("状态", "state"),
    "since": Words("起始日期", "since"),
}

#: issue 13 — audit anchor: where the pinned county hub key came from (app.reporting.anchor_check.PinnedKey.source)
HUB_KEY_SOURCE: Mapping[str, Words] = {
    "receipt": Words("首次回执", "first receipt"),
    "admin": Words("管理员设置", "set by an administrator"),
    "lists": Words("首次拉取县级清单", "first county list pull"),  # issue 18: the lists' answers are signed
}

#: The county lists a clinic applies (app/hub/store.py LIST_NAMES).
LIST_NAME: Mapping[str, Words] = {
    "risk_areas": Words("风险地区清单", "risk-area list"),
    "hospitals": Words("定点医院名单", "designated hospital list"),
}

#: The reprint reason the service records when none is given.
REPRINT_REASON: Mapping[str, Words] = {"lost": Words("遗失", "lost")}

#: issue 13 — audit anchor: what a refused hub check was checking (audit.hub_receipt refused)
HUB_CHECKED: Mapping[str, Words] = {
    "receipt": Words("报告回执", "report receipt"),
    "anchors": Words("审计锚点清单", "audit anchor list"),
    "lists": Words("县级清单", "county lists"),  # issue 18
}
