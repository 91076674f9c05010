"""Words of the county hub (app/hub/web.py): its pages are Chinese; the API and the CSV carry the codes, these
are what a county user reads for them. ``str.format`` fields are filled by the page."""

from __future__ import annotations

from collections.abc import Mapping

from app.vocabulary import Words

#: A clinic's report for a day, as the hub saw it arrive (app.hub.store.ClinicStatus.status).
HUB_STATUS: Mapping[str, Words] = {
    "reported": Words("已报告", "Reported"),
    "zero": Words("零报告", "Zero report"),
    "automatic": Words("自动提交", "Submitted automatically"),
    "late": Words("迟报", "Late"),
    "missing": Words("未报告", "Not reported"),
}

HUB_ROLE: Mapping[str, Words] = {
    "viewer": Words("查看", "Viewer"),
    "publisher": Words("发布", "Publisher"),
    "admin": Words("管理员", "Administrator"),
}

HUB_LIST: Mapping[str, Words] = {
    "risk_areas": Words("中高风险地区清单", "List of medium- and high-risk areas"),
    "hospitals": Words("定点医院清单", "List of designated hospitals"),
}

#: A silent clinic (app.hub.store.SilentClinic.level): one day without a report is a warning, two or more an alarm.
SILENCE_LEVEL: Mapping[str, Words] = {
    "warning": Words("预警", "Warning"),
    "alarm": Words("报警", "Alarm"),
}

#: Why the county's EARS did not score a day (app.hub.store.CountyEarsDay.not_scored).
EARS_NOT_SCORED: Mapping[str, Words] = {
    "history": Words("未计算：各机构报告不足 {days} 天，EARS 需要连续 {days} 天的数据",
                     "Not scored: fewer than {days} days of reports; EARS needs {days} days in a row"),
    "coverage": Words("未计算：仅 {clinics} / {expected} 家机构在 {first} 至 {last} 每天都有报告，少于 {minimum}；"
                      "缺报太多时合计反映的是谁报了，而不是发热人数",
                      "Not scored: only {clinics} of {expected} clinics reported every day from {first} to {last}, "
                      "fewer than {minimum}; with so many gaps the total shows who reported, not how many had fever"),
}

ZERO_WORD = HUB_STATUS["zero"]
#: How many clinics a county total covers: reporting / expected.
COVERAGE = Words("{reporting} / {expected} 家报告", "{reporting} / {expected} clinics reported")
COVERAGE_NOTE = Words("未报告的机构不计入合计，不按 0 计", "clinics that did not report are left out, never counted as 0")
SILENT_TITLE = Words("沉默机构", "Silent clinics")
SILENT_RULE = Words("截至 {as_of}；日报告须在次日 {deadline} 前送达；未报告 1 天预警，2 天及以上报警",
                    "as of {as_of}; a daily report is due by {deadline} the next day; 1 day without: warning, "
                    "2 days or more: alarm")
SILENT_LINE = Words("{name}（{code}）已连续 {days} 天未报告（{since} 起），最后报告日：{last}",
                    "{name} ({code}): no report for {days} day(s) (since {since}); last report: {last}")
NEVER_REPORTED = Words("从未报告", "never")
NONE_SILENT = Words("没有沉默机构：每家机构都已报告到 {day}。", "No silent clinic: every clinic has reported up to {day}.")
EARS_TITLE = Words("全县发热门诊登记异常预警（EARS）", "County fever-clinic registrations: EARS")
EARS_BASIS = Words("基于 {clinics} 家连续报告机构（{first} 至 {last} 每天都有报告的机构；缺报的机构整段不计入）",
                   "Based on {clinics} clinics reporting on every day from {first} to {last} (a clinic with a gap "
                   "is left out of the whole window)")
EARS_ALARM = Words("超过阈值：{methods}", "Above the threshold: {methods}")
EARS_QUIET = Words("未超过阈值", "Below the thresholds")
COMPLETENESS_HEAD = Words("近 {days} 天完整率", "Completeness, {days} days")
TIMELINESS_HEAD = Words("近 {days} 天及时率", "Timeliness, {days} days")
RATE = Words("{done}/{expected} 天 {percent}", "{done}/{expected} days {percent}")
RATE_NONE = Words("尚无应报日", "no day due yet")
RATES_RULE = Words("完整率 = 有报告的天数 ÷ 应报天数；及时率 = 次日 {deadline} 前送达的天数 ÷ 应报天数"
                   "（应报天数自机构登记日起、已过截止时间的天；低于 {target} 标红）",
                   "completeness = days with a report ÷ days due; timeliness = days reported by {deadline} the "
                   "next day ÷ days due (days due: from the clinic's registration, past the deadline; below "
                   "{target} in red)")
CHART_GAP_NOTE = Words("折线断开处：该机构当天未报告（不按 0 画）；全县合计空心点：当天有机构未报告",
                       "A break in a line: that clinic did not report that day (never drawn as 0); a hollow point "
                       "on the county total: some clinics did not report that day")
