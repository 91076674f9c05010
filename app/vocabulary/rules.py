"""Words for the rules in force (app/guideline_rules.py): areas, rules, figures, units."""

from __future__ import annotations

from collections.abc import Mapping

from app.vocabulary import Words
from app.vocabulary import severity as _severity
from app.vocabulary import staff as _staff
from app.vocabulary import stock as _stock

RULE_AREA: Mapping[str, Words] = {
    "pre_triage": Words("预检分诊", "Pre-triage"),
    "fever_clinic": Words("发热门诊", "Fever clinic"),
    "transfer": Words("转运", "Transfer"),
    "wards": Words("病区、陪护与探视", "Wards, escorts and visitors"),
    "pharmacy": Words("退热药品购买登记", "Pharmacy register"),
    "report": Words("报告与预警", "Reporting and warning"),
}

RULE: Mapping[str, Words] = {
    "triage.everyone_screened": Words(
        "所有来院患者先经预检分诊；需到发热门诊就诊的患者由专人引导（专人陪同至发热门诊），发热门诊按时确认接收。",
        "Everyone arriving is pre-triaged; a patient sent to the fever clinic is escorted by staff and the fever clinic confirms the arrival in time."),
    "triage.symptoms": Words(
        "体温达到发热标准或有所列症状者，引导至发热门诊。",
        "Fever (from the threshold) or the listed symptoms send a patient to the fever clinic."),
    "triage.travel_window": Words(
        "旅居史按发病前的时间窗（无发病日期时按就诊前）计算，直至就诊当日。",
        "Travel and residence history counts from the window before onset (before the visit when there is no onset date) up to the visit."),
    "triage.identity_and_health_code": Words(
        "登记身份信息，查验健康码（绿码、黄码、红码，或未出示并注明原因），询问流行病学史。",
        "Identity is registered, the health code checked (green, yellow, red, or not shown with a reason) and the epidemiological history taken."),
    "clinic.refer": Words(
        "哨点诊室：每位发热患者均转运至定点发热门诊，本机构不作其他处置。",
        "Sentinel room: every fever patient is referred by transfer to the designated fever clinic; no other disposition here."),
    "clinic.first_diagnosis": Words(
        "不得推诿患者：到达发热门诊后无医生接诊即报警，直至有医生接诊。",
        "No patient is refused: a patient waiting at the fever clinic without a doctor raises an alarm until a doctor takes the case."),
    "clinic.tests_and_observation": Words(
        "发热门诊患者均进行核酸检测和血常规检测，核酸结果出来前一律留观。",
        "Every fever-clinic patient gets a nucleic acid test and a blood routine and stays under observation until the nucleic acid result is in."),
    "clinic.exclusion": Words(
        "只有本次就诊的核酸检测阴性结果才能排除（疑似病例须两次阴性，采样间隔时间见下）；抗原、抗体、血常规和CT均不能作为排除依据。",
        "Only a negative nucleic acid result of this visit excludes a case (a suspected case: two, sampled apart); antigen, antibody, blood routine and CT never exclude."),
    "clinic.report_cases": Words(
        "疑似病例、确诊病例和无症状感染者在时限内网络直报；24小时内完成流行病学调查。",
        "Suspected, confirmed and asymptomatic cases are reported within the time limit; the epidemiological investigation is done within 24 h."),
    "clinic.positive_result": Words(
        "核酸或抗原检测阳性立即报告：开始报告计时并发出预警，此后病例只能分类并转运。",
        "A positive nucleic acid or antigen result is reported at once: a report clock starts, an alert is raised, and the case can only be classified and transferred."),
    "clinic.suspect_nat": Words("疑似病例在时限内完成核酸检测。", "A suspected case has its nucleic acid test within the time limit."),
    "clinic.left_without_permission": Words(
        "疑似或阳性患者擅自离院属于事件，须在时限内报告。",
        "A suspected or positive patient who leaves without permission is an incident, reported within the time limit."),
    "transfer.ambulance": Words(
        "疑似病例、确诊病例和无症状感染者只能由救护车转运至定点医院，并在时限内完成；已完成的转运不可撤回。",
        "Suspected, confirmed and asymptomatic cases leave only by ambulance transfer to the designated hospital, within the time targets; a finished transfer is final."),
    "wards.admission_tested": Words("新入院患者须有核酸采样或检测结果。", "A new inpatient needs a nucleic acid sample or result."),
    "wards.buffer_first": Words(
        "未排除的患者先入缓冲病区单人单间；疑似病例不得收入普通病房。",
        "A patient not yet excluded goes to a buffer-ward single room first; a suspected case is never admitted to a general ward."),
    "wards.isolation_no_escort_or_visit": Words(
        "隔离留观病区和缓冲病区不安排陪护和探视。",
        "No escorts and no visitors in isolation-observation and buffer wards."),
    "wards.no_escort_restricted": Words(
        "重症病区、传染病区禁止陪护；三级护理原则上不安排陪护。",
        "No escorts in critical-care or infectious diseases wards; in principle none for level-3 nursing."),
    "wards.escort_tested": Words(
        "一人一陪护，陪护人员须持有效期内的核酸检测阴性结果。",
        "One escort per patient, with a negative nucleic acid result that is still valid."),
    "wards.visitor_limit": Words(
        "探视限1人，须说明理由，不超过探视时限；仅可进入一次，超时即为事件。",
        "One visitor at a time, with a reason, for at most the visit time; one entry only, and an overstay is an incident."),
    "pharmacy.prescription_and_guide": Words(
        "凭二级以上医疗机构医生处方方可出售退热药；购药者一律登记并引导至发热门诊。",
        "Fever reducers are sold only on a level-2+ hospital doctor's prescription; every buyer is registered and guided to the fever clinic."),
    "report.daily_and_zero": Words(
        "每日报告；当日无新增病例且无阳性结果即为零报告。",
        "A report is due every day; a day with no new case and no positive result is a zero report."),
    "report.early_warning": Words(
        "多点触发预警：新发病例、疑似聚集性发热（同住址/同单位）、发热就诊和药品销售异常增加。",
        "Early warning from several signals: new cases, clusters, unusual rises in fever visits and medicine sales."),
    "report.traceback": Words(
        "每一步均记录操作人和时间，漏诊或转运延误可倒查责任。",
        "Every step is recorded with who and when, so a missed diagnosis or a late transfer can be traced back."),
    **_severity.RULE,
    **_staff.RULE,  # issue 18
    **_stock.RULE,
}

FIGURE: Mapping[str, Words] = {
    "casework.figures:report_hours": Words("病例或阳性结果报告时限", "Report a case or a positive result within"),
    "casework.figures:suspect_nat_hours": Words("疑似病例核酸检测时限", "Suspected case: nucleic acid test within"),
    "casework.figures:incident_report_hours": Words("擅自离院报告时限", "Report a patient who left within"),
    "casework.figures:untaken_minutes": Words("无医生接诊报警时间", "Alarm when no doctor has taken the patient after"),
    "casework.figures:exclusion_interval_hours": Words(
        "疑似病例排除：两次阴性采样最短间隔",
        "Suspected case excluded on two negative tests sampled at least"),
    "wards.figures:visit_max_minutes": Words("探视最长时间", "Longest visit"),
    "wards.figures:escort_test_valid_hours": Words("陪护人员核酸阴性有效期", "Escort's negative test valid for"),
    "wards.figures:admission_nat_hours": Words("新入院患者核酸采样时限", "New inpatient's test sampled within"),
    "wards.figures:repeat_scan_seconds": Words("同一证件再次扫描视为重复扫描的时限", "Same card again counts as a repeated scan within"),
    "wards.figures:offline_max_age_hours": Words("门岗离线数据最长可用", "Offline gate decides from its data for at most"),
    "triage.rules:fever_threshold_c": Words("发热标准", "Fever from"),
    "triage.rules:travel_window_days": Words("旅居史时间窗", "Travel history window"),
    "triage.rules:handoff_timeout_minutes": Words("引导交接超时时间", "Escorted hand-off overdue after"),
    "transfer.targets:request_minutes": Words("申请转运时限（自分类起）", "Ambulance requested within (from classification)"),
    "transfer.targets:departure_minutes": Words("救护车出发时限（自申请起）", "Ambulance departs within (from the request)"),
    "transfer.targets:handover_minutes": Words("完成交接时限（自出发起）", "Handed over within (from departure)"),
    "report.auto_submit_at:time": Words("未提交日报告次日自动提交时间", "Unsent report submitted automatically the next day at"),
    "guideline:nat_result_fever_clinic_hours": Words("发热门诊核酸结果回报时限", "Fever-clinic nucleic acid result within"),
    "guideline:epi_hours": Words("流行病学调查时限", "Epidemiological investigation within"),
    **_severity.FIGURE,
    **_staff.FIGURE,  # issue 18
    **_stock.FIGURE,
}

UNIT: Mapping[str, Words] = {
    "seconds": Words("秒", "seconds"),
    "minutes": Words("分钟", "minutes"),
    "hours": Words("小时", "hours"),
    "days": Words("天", "days"),
    "celsius": Words("°C", "°C"),
    "time": Words("", ""),
    "count": Words("", ""),
    **_severity.UNIT,
}

EDITED_ON: Mapping[str, Words] = {
    "rules": Words("在本页修改（管理员）", "Changed on this page (administrator)"),
    "triage_rules": Words("在“分诊规则”页修改", "Changed on the Screening rules page"),
    "transfer_settings": Words("在“转运设置”页修改", "Changed on the Transfer settings page"),
    "report": Words("在“日报告”页修改", "Changed on the Daily report page"),
    "fixed": Words("方案规定", "Set by the guideline"),
}
