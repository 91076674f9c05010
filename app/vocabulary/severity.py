"""Words for the severity computation (app/severity: vital signs, NEWS2, the emergency triage level, the
observation round): its codes, its refusals, its figures and rules on the rules page, and the command line's
``fever-sentinel severity``."""

from __future__ import annotations

from collections.abc import Mapping

from app.vocabulary import Words

PARAMETER: Mapping[str, Words] = {
    "respiratory_rate": Words("呼吸频率", "Respiration rate"),
    "spo2": Words("血氧饱和度", "SpO₂"),
    "oxygen": Words("吸氧", "Air or oxygen"),
    "systolic_bp": Words("收缩压", "Systolic blood pressure"),
    "heart_rate": Words("心率", "Heart rate"),
    "consciousness": Words("意识", "Consciousness"),
    "temperature": Words("体温", "Temperature"),
}

#: Column heads of the command line's table.
PARAMETER_SHORT: Mapping[str, Words] = {
    "respiratory_rate": Words("呼吸", "RR"),
    "spo2": Words("血氧", "SpO2"),
    "oxygen": Words("吸氧", "O2"),
    "systolic_bp": Words("收缩压", "SBP"),
    "heart_rate": Words("心率", "HR"),
    "consciousness": Words("意识", "ACVPU"),
    "temperature": Words("体温", "Temp"),
}

AVPU: Mapping[str, Words] = {
    "A": Words("清醒", "Alert"),
    "C": Words("新发意识混乱", "New confusion"),
    "V": Words("对声音有反应", "Responds to voice"),
    "P": Words("对疼痛有反应", "Responds to pain"),
    "U": Words("无反应", "Unresponsive"),
}

SPO2_SCALE: Mapping[str, Words] = {
    "1": Words("SpO₂ 量表 1", "SpO₂ scale 1"),
    "2": Words("SpO₂ 量表 2（医生判定的高碳酸血症性呼吸衰竭）",
               "SpO₂ scale 2 (hypercapnic respiratory failure, chosen by a clinician)"),
}

RISK: Mapping[str, Words] = {
    "low": Words("低风险", "Low risk"),
    "low_medium": Words("低-中风险（单项 3 分）", "Low–medium risk (a single 3)"),
    "medium": Words("中风险", "Medium risk"),
    "high": Words("高风险", "High risk"),
}

LEVEL: Mapping[str, Words] = {
    "1": Words("Ⅰ级 濒危", "Level I (life-threatening)"),
    "2": Words("Ⅱ级 危重", "Level II (critical)"),
    "3": Words("Ⅲ级 急症", "Level III (urgent)"),
    "4": Words("Ⅳ级 非急症", "Level IV (non-urgent)"),
}

#: A level in short, after a reason.
LEVEL_SHORT: Mapping[str, Words] = {
    "1": Words("Ⅰ级", "I"), "2": Words("Ⅱ级", "II"), "3": Words("Ⅲ级", "III"), "4": Words("Ⅳ级", "IV"),
}

#: Why a level was reached; ``{value}`` is the reading (or the NEWS2 total, the consciousness, the parameter).
LEVEL_REASON: Mapping[str, Words] = {
    "heart_rate_low": Words("心率过慢（{value} 次/分）", "Slow heart rate ({value}/min)"),
    "heart_rate_high": Words("心率过快（{value} 次/分）", "Fast heart rate ({value}/min)"),
    "systolic_bp_low": Words("收缩压过低（{value} mmHg）", "Low systolic pressure ({value} mmHg)"),
    "systolic_bp_high": Words("收缩压过高（{value} mmHg）", "High systolic pressure ({value} mmHg)"),
    "spo2_low": Words("血氧饱和度低（{value}%）", "Low SpO₂ ({value} %)"),
    "consciousness": Words("意识：{value}", "Consciousness: {value}"),
    "news2_high": Words("NEWS2 {value} 分（高风险）", "NEWS2 {value} (high risk)"),
    "news2_medium": Words("NEWS2 {value} 分（中风险）", "NEWS2 {value} (medium risk)"),
    "news2_single_3": Words("单项评分 3 分：{value}", "A single parameter scoring 3: {value}"),
}

VITAL_WARNING: Mapping[str, Words] = {
    "temperature_low": Words("体温异常偏低：请重新测量确认。", "Unusually low temperature: measure again to confirm."),
    "temperature_high": Words("体温异常偏高：请重新测量确认。", "Unusually high temperature: measure again to confirm."),
    "respiratory_rate_low": Words("呼吸频率异常偏慢：请重新计数确认。",
                                  "Unusually slow breathing: count again to confirm."),
    "respiratory_rate_high": Words("呼吸频率异常偏快：请重新计数确认。",
                                   "Unusually fast breathing: count again to confirm."),
    "spo2_low": Words("血氧饱和度极低，低于血氧仪的准确范围：请检查指夹后重新测量。",
                      "SpO₂ very low, below the oximeter's accurate range: check the probe and measure again."),
    "systolic_bp_low": Words("收缩压异常偏低：请重新测量确认。", "Unusually low systolic pressure: measure again to confirm."),
    "systolic_bp_high": Words("收缩压异常偏高：请重新测量确认。",
                              "Unusually high systolic pressure: measure again to confirm."),
    "heart_rate_low": Words("心率异常偏慢：请重新测量确认。", "Unusually slow heart rate: measure again to confirm."),
    "heart_rate_high": Words("心率异常偏快：请重新测量确认。", "Unusually fast heart rate: measure again to confirm."),
}

OBSERVATION_ALERT: Mapping[str, Words] = {
    "news2_rose": Words("NEWS2 较上次明显升高", "NEWS2 rose markedly since the last observations"),
    "news2_reached": Words("NEWS2 达到提醒分值", "NEWS2 reached the alert total"),
}

#: The refusals of app/severity (merged into app/vocabulary/errors.py ERRORS); "temperature_range" and
#: "temperature_required" are pre-triage's own.
ERRORS: Mapping[str, Words] = {
    "respiratory_rate_range": Words(
        zh="呼吸频率须为 {minimum} 至 {maximum} 次/分之间的整数：请重新计数后输入。",
        en="The respiratory rate must be a whole number from {minimum} to {maximum} per minute: count again and "
           "enter it."),
    "spo2_range": Words(
        zh="血氧饱和度须为 {minimum} 至 {maximum} 之间的整数（%）：请检查指夹后重新测量。",
        en="SpO₂ must be a whole number from {minimum} to {maximum} %: check the probe and measure again."),
    "systolic_bp_range": Words(
        zh="收缩压须为 {minimum} 至 {maximum} mmHg 之间的整数：请重新测量。",
        en="The systolic pressure must be a whole number from {minimum} to {maximum} mmHg: measure again."),
    "heart_rate_range": Words(
        zh="心率须为 {minimum} 至 {maximum} 次/分之间的整数：请重新测量。",
        en="The heart rate must be a whole number from {minimum} to {maximum} per minute: measure again."),
    "spo2_scale": Words(
        zh="SpO₂ 量表只能是 1 或 2（2 仅用于医生判定的高碳酸血症性呼吸衰竭患者）：请选择 1 或 2。",
        en="The SpO₂ scale is 1 or 2 (2 only for a patient a clinician has judged to have hypercapnic respiratory "
           "failure): choose 1 or 2."),
    "oxygen_value": Words(
        zh="吸氧填 1（吸氧）或 0（未吸氧），未记录时留空：请改正。",
        en="Oxygen is 1 (on oxygen) or 0 (on air), empty when not recorded: correct it."),
    "consciousness_code": Words(
        zh="意识须为 A（清醒）、C（新发意识混乱）、V（对声音有反应）、P（对疼痛有反应）或 U（无反应）之一：请改正。",
        en="Consciousness is one of A (alert), C (new confusion), V (responds to voice), P (responds to pain) or U "
           "(unresponsive): correct it."),
    "severity_columns": Words(
        zh="每行应有 8 列：呼吸频率、血氧饱和度、量表、吸氧、收缩压、心率、意识、体温（未测的留空）：请改正该行。",
        en="Each row has 8 columns: rr, spo2, scale, oxygen, sbp, hr, avpu, temp (empty when not measured): correct "
           "the row."),
    "severity_header": Words(
        zh="第一行的列名应为 rr,spo2,scale,oxygen,sbp,hr,avpu,temp（也可不要列名行）：请改正第一行后重试。",
        en="The first line must name the columns rr,spo2,scale,oxygen,sbp,hr,avpu,temp (or be left out): correct it "
           "and try again."),
}

#: The command line's table (``fever-sentinel severity``).
CLI: Mapping[str, Words] = {
    "line": Words("行", "line"),
    "news2": Words("NEWS2", "NEWS2"),
    "max_single": Words("单项最高", "max"),
    "level": Words("分级", "level"),
    "at_once": Words("立即就诊", "seen at once"),
    "within": Words("{minutes} 分钟内就诊", "seen within {minutes} min"),
    "immediate": Words("立即送医生处", "to the doctor at once"),
    "reasons": Words("理由：", "reasons: "),
    "missing": Words("未测（总分不完整）：", "not measured (the total is partial): "),
    "separator": Words("；", "; "),
    "bad_line": Words("第 {line} 行：", "line {line}: "),
}

#: The rules page (merged into app/vocabulary/rules.py).
RULE: Mapping[str, Words] = {
    "triage.severity_vitals": Words(
        "急诊预检分级：按心率、收缩压、血氧饱和度和意识分为Ⅰ–Ⅳ级（界值上的数值归入更紧急的一级）；Ⅰ级、Ⅱ级患者立即送医生处，"
        "并按流行病学判断采取隔离防护。",
        "Emergency triage level: heart rate, systolic pressure, SpO₂ and consciousness set levels I–IV (a value on a "
        "border goes to the more urgent level); a level I or II patient goes to the doctor at once, with the "
        "isolation precautions the epidemic decision asks for."),
    "triage.severity_news2": Words(
        "NEWS2 总分达到下列分值，或任一项评分 3 分（至少Ⅱ级），分级至少为相应等级；未测的项目不计 0 分，总分注明不完整。",
        "A NEWS2 total from the figures below, or any single parameter scoring 3 (at least level II), sets at least "
        "that level; a parameter not measured is not scored 0, and the total says it is partial."),
    "triage.severity_time": Words(
        "各级患者在下列时间内由医生接诊。",
        "Each level is seen by a doctor within the time below."),
    "clinic.observation_round": Words(
        "留观患者按 NEWS2 复测生命体征，评分越高间隔越短；NEWS2 较上次升高或升至下列分值即提醒责任医生。",
        "Patients under observation have their vital signs taken again at intervals that shorten as NEWS2 rises; a "
        "rise since the last set, or a total reaching the figure below, alerts the responsible doctor."),
}

FIGURE: Mapping[str, Words] = {
    "severity.triage_level:level_i_hr_below": Words("Ⅰ级：心率低于", "Level I: heart rate below"),
    "severity.triage_level:level_i_hr_above": Words("Ⅰ级：心率高于", "Level I: heart rate above"),
    "severity.triage_level:level_i_sbp_below": Words("Ⅰ级：收缩压低于", "Level I: systolic pressure below"),
    "severity.triage_level:level_i_spo2_below": Words("Ⅰ级：血氧饱和度低于", "Level I: SpO₂ below"),
    "severity.triage_level:level_ii_hr_at_or_below": Words("Ⅱ级：心率不高于", "Level II: heart rate at or below"),
    "severity.triage_level:level_ii_hr_at_or_above": Words("Ⅱ级：心率不低于", "Level II: heart rate at or above"),
    "severity.triage_level:level_ii_sbp_at_or_below": Words("Ⅱ级：收缩压不高于",
                                                            "Level II: systolic pressure at or below"),
    "severity.triage_level:level_ii_sbp_above": Words("Ⅱ级：收缩压高于", "Level II: systolic pressure above"),
    "severity.triage_level:level_ii_spo2_at_or_below": Words("Ⅱ级：血氧饱和度不高于", "Level II: SpO₂ at or below"),
    "severity.triage_level:level_iii_hr_at_or_below": Words("Ⅲ级：心率不高于", "Level III: heart rate at or below"),
    "severity.triage_level:level_iii_hr_at_or_above": Words("Ⅲ级：心率不低于", "Level III: heart rate at or above"),
    "severity.triage_level:level_iii_sbp_at_or_below": Words("Ⅲ级：收缩压不高于",
                                                             "Level III: systolic pressure at or below"),
    "severity.triage_level:level_iii_sbp_at_or_above": Words("Ⅲ级：收缩压不低于",
                                                             "Level III: systolic pressure at or above"),
    "severity.triage_level:level_iii_spo2_at_or_below": Words("Ⅲ级：血氧饱和度不高于", "Level III: SpO₂ at or below"),
    "severity.triage_level:level_ii_scale2_spo2_at_or_below": Words("Ⅱ级（SpO₂ 量表 2）：血氧饱和度不高于",
                                                                    "Level II (SpO₂ scale 2): SpO₂ at or below"),
    "severity.triage_level:level_iii_scale2_spo2_at_or_below": Words("Ⅲ级（SpO₂ 量表 2）：血氧饱和度不高于",
                                                                     "Level III (SpO₂ scale 2): SpO₂ at or below"),
    "severity.triage_level:level_ii_news2_from": Words("至少Ⅱ级：NEWS2 总分达到", "At least level II: NEWS2 from"),
    "severity.triage_level:level_iii_news2_from": Words("至少Ⅲ级：NEWS2 总分达到", "At least level III: NEWS2 from"),
    "severity.triage_level:level_i_minutes": Words("Ⅰ级接诊时限", "Level I seen within"),
    "severity.triage_level:level_ii_minutes": Words("Ⅱ级接诊时限", "Level II seen within"),
    "severity.triage_level:level_iii_minutes": Words("Ⅲ级接诊时限", "Level III seen within"),
    "severity.triage_level:level_iv_minutes": Words("Ⅳ级接诊时限", "Level IV seen within"),
    "severity.observation:observe_low_minutes": Words("NEWS2 0–4 分：复测间隔", "NEWS2 0–4: observations every"),
    "severity.observation:observe_medium_minutes": Words("NEWS2 5–6 分或单项 3 分：复测间隔",
                                                         "NEWS2 5–6 or a single 3: observations every"),
    "severity.observation:observe_high_minutes": Words("NEWS2 ≥7 分：复测间隔（0 为持续监测）",
                                                       "NEWS2 7 or more: observations every (0: continuous)"),
    "severity.observation:alert_rise": Words("NEWS2 较上次升高即提醒", "Alert when NEWS2 rises by"),
    "severity.observation:alert_total": Words("NEWS2 升至即提醒", "Alert when NEWS2 reaches"),
}

UNIT: Mapping[str, Words] = {
    "per_minute": Words("次/分", "/min"),
    "mmhg": Words("mmHg", "mmHg"),
    "percent": Words("%", "%"),
    "points": Words("分", "points"),
}

#: A saved set of observations on paper and in the case timeline (app/printing/vitals_text.py).
RECORD: Mapping[str, Words] = {
    "partial": Words("≥ {total}（不完整，未测：{missing}）", "≥ {total} (partial; not measured: {missing})"),
    "partial_short": Words("≥ {total}（不完整）", "≥ {total} (partial)"),
    "scale_2": Words("（量表 2）", " (scale 2)"),
    "pre_triage": Words("预检分诊", "Pre-triage"),
    "fever_clinic": Words("发热门诊", "Fever clinic"),
}


def reason_text(code: str, value: str, language: str) -> str:
    """A level's reason in words, its ``value`` in words too when it is a code (a consciousness, a parameter)."""
    shown = value
    if code == "consciousness":
        shown = AVPU[value].say(language) if value in AVPU else value
    elif code == "news2_single_3":
        shown = ("、" if language.startswith("zh") else ", ").join(
            PARAMETER[p].say(language) if p in PARAMETER else p for p in value.split(","))
    words = LEVEL_REASON.get(code)
    return words.say(language).format(value=shown) if words is not None else code
