"""Words for the daily report and early warning: the report rows (in printed order) and alerts."""

from __future__ import annotations

from collections.abc import Mapping

from app.vocabulary import Words

REPORT_COUNT: Mapping[str, Words] = {
    "screened": Words("预检分诊人次", "Patients screened at pre-triage"),
    "decision_general": Words("分诊至普通门诊", "Sent to the general clinic"),
    "decision_fever_clinic": Words("分诊至发热门诊", "Sent to the fever clinic"),
    "decision_isolate": Words("立即隔离并报告", "Isolated on the spot"),
    "fever_registered": Words("发热门诊登记人数", "Fever clinic registrations"),
    "new_cases": Words("新增病例(疑似、确诊、无症状感染者)", "New cases (suspected, confirmed, asymptomatic)"),
    "classified_suspected": Words("新分类疑似病例", "Classified suspected"),
    "classified_confirmed": Words("新分类确诊病例", "Classified confirmed"),
    "classified_asymptomatic": Words("新分类无症状感染者", "Classified asymptomatic infection"),
    "classified_excluded": Words("排除病例", "Cases excluded"),
    "tests_ordered": Words("开具检测", "Tests ordered"),
    "tests_resulted": Words("检测出结果", "Test results received"),
    "tests_positive": Words("检测阳性", "Positive results"),
    "positive_nat_antigen": Words("核酸或抗原检测阳性", "Positive nucleic acid or antigen results"),
    "tests_overdue": Words("检测结果超时", "Results past their time limit"),
    "reported_within_2h": Words("2小时内完成网络直报", "Reported within 2 h"),
    "reported_late": Words("网络直报超时", "Reported late (over 2 h)"),
    "transfers_requested": Words("申请转运", "Transfers requested"),
    "transfers_handed_over": Words("完成转运交接", "Transfers handed over"),
    "transfers_late": Words("转运环节超时", "Transfer steps late"),
    "handoffs_unconfirmed": Words("引导至发热门诊未确认接收", "Hand-offs not confirmed"),
    "untaken_alarms": Words("候诊无人接诊报警", "Alarms: patient waiting, no doctor"),
    "left_without_permission": Words("擅自离院(含引导途中)", "Left without permission (on the way or from the clinic)"),
    "deaths": Words("死亡", "Deaths"),
    "exceptions_granted": Words("批准特殊情况", "Exceptions approved"),
    "antipyretic_purchases": Words("药店购药登记(合计)", "Pharmacy purchases registered (all)"),
    "purchases_antipyretic": Words("其中：退热药", "of which fever reducers"),
    "purchases_antiviral": Words("其中：抗病毒药", "of which antivirals"),
    "purchases_antibiotic": Words("其中：抗菌药物", "of which antibiotics"),
    "purchases_cough": Words("其中：止咳药", "of which cough medicine"),
    "purchases_antidiarrhoeal": Words("其中：止泻药(原类别)", "of which antidiarrhoeals (former category)"),
    "purchases_not_sold": Words("其中：登记未售出(无二级以上医院处方)", "of which registered, not sold (no level-2+ prescription)"),
    "permits_issued": Words("签发陪护/探视证", "Permits issued"),
    "permits_revoked": Words("作废陪护/探视证", "Permits revoked"),
    "gate_denials": Words("门岗禁止进入", "Refused at the ward gate"),
    "visitor_overstays": Words("探视超时", "Visitors overstaying"),
    "open_alerts": Words("未处理预警", "Early-warning alerts still open"),
    # issue 18: key-post staff testing and environmental swabs (app/staff), the stockpile (app/stock)
    "staff_tested": Words("重点岗位人员核酸检测人数", "Key-post staff tested"),
    "staff_overdue": Words("重点岗位人员检测逾期", "Key-post staff overdue for a test"),
    "staff_off_duty": Words("重点岗位人员暂停岗位（阳性，隔离待复检）", "Key-post staff off duty (positive, isolating until retested)"),
    "staff_positive": Words("重点岗位人员检测阳性", "Key-post staff tested positive"),
    "swabs_taken": Words("环境表面采样", "Environmental surface swabs"),
    "swabs_positive": Words("环境表面采样阳性", "Environmental swabs positive"),
    "stock_items_tracked": Words("储备物资品种(已设满负荷日用量)", "Stock items with a full-load daily use"),
    "stock_items_short": Words("储备不足品种(低于满负荷运转天数)", "Stock items below the days of cover"),
    "stock_lowest_cover_days": Words("储备最低可用天数", "Lowest days of cover"),
    "stock_lowest_item": Words("其中可用天数最低的物资", "of which the item with the fewest days"),
}

ALERT_KIND: Mapping[str, Words] = {
    "case": Words("应报告病例", "Reportable case"),
    "cluster": Words("疑似聚集性发热（同住址/同单位）", "Cluster"),
    "ears_fever_visits": Words("发热就诊人数异常升高", "Unusual rise in fever visits"),
    "ears_antipyretic": Words("退热药销售异常升高", "Unusual rise in fever-medicine sales"),
    "ears_antiviral": Words("抗病毒药销售异常升高", "Unusual rise in antiviral sales"),
    "ears_antibiotic": Words("抗菌药物销售异常升高", "Unusual rise in antibiotic sales"),
    "ears_cough": Words("止咳药销售异常升高", "Unusual rise in cough-medicine sales"),
    "positive_result": Words("检测结果阳性", "Positive result"),
    "left_without_permission": Words("患者擅自离院", "Patient left without permission"),
    "untaken_patient": Words("患者候诊无医生接诊", "Patient waiting, no doctor"),
    "visitor_overstay": Words("探视人员超时", "Visitor overstaying"),
    "offline_admit_refusable": Words("门岗离线放行了应拒绝的通行证", "Offline gate let in a permit it should have refused"),
    "staff_positive": Words("重点岗位工作人员核酸阳性", "Key-post staff member tested positive"),
    "swab_positive": Words("环境表面采样阳性", "Environmental surface swab positive"),
    "news2": Words("留观患者NEWS2升高", "NEWS2 rising under observation"),
}

ALERT_SERIES: Mapping[str, Words] = {
    "fever_clinic_registrations": Words("发热门诊登记人数", "fever clinic registrations"),
    "antipyretic_purchases": Words("退热药购买", "fever-medicine purchases"),
    "antiviral_purchases": Words("抗病毒药购买", "antiviral purchases"),
    "antibiotic_purchases": Words("抗菌药物购买", "antibiotic purchases"),
    "cough_purchases": Words("止咳药购买", "cough-medicine purchases"),
}
#: The rows of the daily report in printed order (``app.reporting.daily.compute_counts``).
REPORT_COUNT_KEYS: tuple[str, ...] = tuple(REPORT_COUNT)

#: The state of a printed daily report (the version number is added next to it).
REPORT_STATUS: Mapping[str, Words] = {
    "draft": Words("草稿(未提交)", "Draft (not submitted)"),
    "submitted": Words("已提交", "Submitted"),
    "automatic": Words("自动提交", "Submitted automatically"),
}
