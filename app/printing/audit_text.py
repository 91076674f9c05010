"""One short plain-Chinese line per audit event, from its ``summary`` dict (for the 责任倒查 printout).

The summary is whatever the service recorded at the time, so nothing here may assume its shape: every
key an action's wording does not use is still printed as ``key: value``, odd values are shown rather
than trusted, and a wording that trips over unexpected content falls back to the plain listing — a
responsibility review must never fail to print because of old or unusual audit rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from app import vocabulary as V
from app.audit_vocab import Outcome
from app.printing.text import SECONDS_FORMAT, local_time
from app.vocabulary import audit as VA
from app.vocabulary import casework as VC
from app.vocabulary import clinic as VK
from app.vocabulary import report as VR
from app.vocabulary import severity as VSEV
from app.vocabulary import summary as VS
from app.vocabulary import transfer as VT
from app.vocabulary import triage as VP
from app.vocabulary import wards as VW

MAX_VALUE = 60  # characters of any one value (an interview note can be 4000)
MAX_TOTAL = 300  # characters of a whole line: a table row must never outgrow a page
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plain(value: Any, tz: ZoneInfo) -> str:
    """Any JSON value as short readable text (ISO times in the clinic's zone, booleans as 是/否)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return _cut(_time_text(value, tz), MAX_VALUE)
    if isinstance(value, Mapping):
        return _cut("，".join(_keyed(str(k), v, tz) for k, v in value.items() if _keyed(str(k), v, tz)), MAX_VALUE)
    if isinstance(value, list | tuple | set | frozenset):
        return _cut("、".join(t for t in (plain(v, tz) for v in value) if t), MAX_VALUE)
    return _cut(str(value), MAX_VALUE)


def _keyed(key: str, value: Any, tz: ZoneInfo) -> str:
    """``字段: 值`` for a key with words; the value alone otherwise; a yes/no or an empty value without words is left
    out (a bare 是/否 says nothing) — issue 15: no dict key or True/False reaches a reader."""
    known = VS.SUMMARY_KEY.get(key)
    words = known.zh if known is not None else None
    if key == "field" and isinstance(value, str):
        field = VS.PATIENT_FIELD.get(value) or VS.EPI_FIELD.get(value) or VS.FIELD.get(value)
        value = field.zh if field is not None else ""
    if key == "current" and isinstance(value, str):  # a transfer step refused in this state
        value = V.label(VT.TRANSFER_STATE, value)
    if value in (None, "", [], {}) or (isinstance(value, bool) and not words):
        return ""
    text = plain(value, tz)
    if not text:
        return ""
    return f"{words}: {text}" if words else text


def _time_text(text: str, tz: ZoneInfo) -> str:
    if not _ISO.match(text):
        return text
    try:
        return local_time(datetime.fromisoformat(text), tz, SECONDS_FORMAT)
    except ValueError:
        return text


class _Fields:
    """The summary dict, remembering which keys a wording used so the rest still print."""

    def __init__(self, summary: object, tz: ZoneInfo) -> None:
        if isinstance(summary, Mapping):
            self.data = {str(k): v for k, v in summary.items()}
        else:
            self.data = {} if summary in (None, "") else {"summary": summary}
        self.tz = tz
        self.used: set[str] = set()

    def raw(self, key: str) -> Any:
        self.used.add(key)
        return self.data.get(key)

    def text(self, key: str) -> str:
        return plain(self.raw(key), self.tz)

    def codes(self, key: str) -> list[str]:
        """A list of codes; a string is one code or several joined by commas (as the screening row keeps
        its reasons, and so its audit summaries have them: those rows never change)."""
        value = self.raw(key)
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [code for code in value.split(",") if code]
        if not isinstance(value, Iterable) or isinstance(value, Mapping):
            return [str(value)]
        return [str(v) for v in value]

    def rest(self) -> list[str]:
        parts = (_keyed(k, v, self.tz) for k, v in self.data.items() if k not in self.used)
        return [p for p in parts if p]


Parts = list[str]


def _when(prefix: str, f: _Fields, key: str) -> Parts:
    value = f.text(key)
    return [f"{prefix} {value}"] if value else []


def _tagged(prefix: str, f: _Fields, key: str, sep: str = " ") -> Parts:
    value = f.text(key)
    return [f"{prefix}{sep}{value}"] if value else []


def _clocks_met(f: _Fields, key: str = "clocks_met") -> Parts:
    n = f.raw(key)
    if isinstance(n, int) and not isinstance(n, bool):
        return [f"完成时限 {n} 项" if n else "无待完成的时限"]
    return [_keyed(key, n, f.tz)] if _keyed(key, n, f.tz) else []


def _flag(f: _Fields, key: str, yes: str, no: str) -> Parts:
    """Words for a boolean; anything else is left for ``rest()`` to print as it is."""
    value = f.raw(key)
    if isinstance(value, bool):
        return [yes if value else no]
    f.used.discard(key)
    return []


def _coded(prefix: str, table: Mapping[str, V.Words], f: _Fields, key: str) -> Parts:
    value = f.text(key)
    return [f"{prefix}{V.label(table, value)}"] if value else []


def _test_no(f: _Fields) -> Parts:
    n = f.text("test_id")
    return [f"检测单 #{n}"] if n else []


def _screen(f: _Fields) -> Parts:
    parts: Parts = []
    t = f.raw("temperature")
    if isinstance(t, int | float) and not isinstance(t, bool):
        parts.append(f"体温 {t:.1f}℃")
    decision, computed = f.text("decision"), f.text("computed")
    if decision:
        also = f"（系统判定 {VP.decision_words(computed)}）" if computed and computed != decision else ""
        parts.append(f"分诊 {VP.decision_words(decision)}{also}")
    reasons = VP.reasons_words(f.codes("reasons"))
    if reasons:
        parts.append("依据：" + "、".join(reasons))
    parts += _coded("健康码 ", VP.HEALTH_CODE, f, "health_code") + _tagged("未出示原因：", f, "health_code_note", "")
    return parts + _tagged("调整原因：", f, "override_reason", "") + _severity(f, "severity_level")


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _severity(f: _Fields, level_key: str = "level") -> Parts:
    """Issue 17: the triage level and NEWS2 of a set of observations (a partial total is a floor); to the doctor
    at once when so."""
    parts: Parts = []
    urgent = f.raw("urgent")
    if urgent is True:
        parts.append("立即送医生处")
    level = _whole(f.raw(level_key))
    if level is not None:
        parts.append(f"病情分级 {V.label(VSEV.LEVEL, level)}")
    news2 = _whole(f.raw("news2"))
    if news2 is not None:
        parts.append(f"NEWS2 {news2}" if f.raw("news2_complete") is not False else f"NEWS2 ≥ {news2}（不完整）")
    return parts


def _vitals(f: _Fields) -> Parts:
    """A set of observations in the fever clinic (``case.vitals``): NEWS2 and level, the next round, the alert."""
    f.raw("vital_signs_id")  # the set itself is listed in the timeline's own section
    parts = _severity(f)
    if f.raw("spo2_scale") == 2:
        parts.append("SpO₂ 量表 2")
    if _whole(f.raw("round_met")):
        parts.append("完成本轮复测")
    every = _whole(f.raw("every_minutes"))
    if every is not None and f.raw("round_started") is True:
        parts.append("下一轮：持续监测" if every == 0 else f"下一轮复测 {every} 分钟内")
    elif every is not None:
        parts.append("复测频率：持续监测" if every == 0 else f"复测间隔 {every} 分钟")
    codes = f.codes("alert_codes")
    if codes:
        words = "、".join(V.label(VSEV.OBSERVATION_ALERT, c) for c in codes)
        parts.append(f"提醒责任医生：{words}" if f.raw("alert") is not False else f"已提醒过：{words}")
    else:
        f.raw("alert")
    return parts


def _register(f: _Fields) -> Parts:
    parts = _tagged("就诊号", f, "visit_no")
    returning = f.raw("returning")
    if isinstance(returning, bool):
        parts.append("复诊患者" if returning else "新建患者档案")
    parts += _tagged("患者档案 #", f, "patient_id", "")
    changed = [V.label(VS.PATIENT_FIELD, c) for c in f.codes("changed")]
    if changed:
        parts.append("更新资料：" + "、".join(changed))
    decision = f.text("decision")
    parts += [f"分诊 {VP.decision_words(decision)}"] if decision else []
    return parts + _coded("登记时查验健康码 ", VP.HEALTH_CODE, f, "health_code")


def _send(f: _Fields) -> Parts:
    return _tagged("陪同", f, "escort") + _when("应到达时间", f, "due_at")


def _arrive(f: _Fields) -> Parts:
    if f.raw("already_arrived") is True:  # two desks scanned the same slip at once
        return ["扫码时患者已被接收，未重复记录"]
    parts = _tagged("引导用时", f, "minutes")
    if parts:
        parts[0] += " 分钟"
    late = f.raw("late")
    if isinstance(late, bool):
        parts.append("超过引导时限" if late else "在时限内到达")
    return parts


def _left(f: _Fields) -> Parts:
    return _tagged("发现人", f, "noticed_by") + _tagged("已报告", f, "reported_to") + _tagged("说明：", f, "note", "")


def _handover(f: _Fields) -> Parts:
    who, to = f.text("from"), f.text("to")
    parts = [f"{who} → {to}"] if who and to else _tagged("移交给", f, "to")
    return parts + _tagged("原因：", f, "reason", "") + _tagged("答复：", f, "note", "")


def _reassign(f: _Fields) -> Parts:
    who, to = f.text("from"), f.text("to")
    parts = [f"负责医生 {who} → {to}"] if who and to else _tagged("改派给", f, "to")
    parts += _tagged("原因：", f, "reason", "")
    pending = f.text("handover_cancelled")
    return parts + ([f"同时取消待答复的移交（接收医生 {pending}）"] if pending else [])


def _interview(f: _Fields) -> Parts:
    changed = f.raw("changed")
    if not isinstance(changed, Mapping):
        f.used.discard("changed")  # printed by rest() as it is
        return []
    if not changed:
        return ["无改动"]
    items = []
    for key, change in changed.items():
        after = change.get("after") if isinstance(change, Mapping) else change
        value = _cut(plain(after, f.tz), 24)
        items.append(f"{V.label(VS.EPI_FIELD, key)}→{value or '(清空)'}")
    return ["更新 " + "；".join(items)]


def _started(f: _Fields) -> Parts:
    started = [V.label(VC.CLOCK_KIND, c) for c in f.codes("clocks_started")]
    return ["启动时限：" + "、".join(started)] if started else []


def _settled(f: _Fields) -> Parts:
    """Clocks a case's end (or a classification change) closed without their own event."""
    n = f.raw("clocks_settled")
    if isinstance(n, int) and not isinstance(n, bool):
        return [f"结束时限 {n} 项"] if n else []
    f.used.discard("clocks_settled")
    return []


def _classify(f: _Fields) -> Parts:
    before, after = f.text("before"), f.text("after")
    parts = [f"{V.label(VC.CLASSIFICATION, before, '—')} → {V.label(VC.CLASSIFICATION, after, '—')}"]
    parts += _tagged("其他病原体：", f, "other_pathogen", "")
    exception = _tagged("依特例 #", f, "exception_id", "")
    parts += [exception[0] + "".join(f"（{b} 批准）" for b in _tagged("", f, "approved_by", ""))] if exception else []
    return parts + _started(f) + _settled(f)


def _reported(f: _Fields) -> Parts:
    return _tagged("报告卡号", f, "card_no") + _when("直报时间", f, "reported_at") + _clocks_met(f)


def _investigated(f: _Fields) -> Parts:
    return _when("流调完成时间", f, "done_at") + _clocks_met(f)


def _observe(f: _Fields) -> Parts:
    room, bed = f.text("room"), f.text("bed")
    bed = f"{bed}床" if bed.isdigit() else bed
    place = " ".join(p for p in (room, bed) if p)
    return [f"留观 {place}"] if place else []


def _order(f: _Fields) -> Parts:
    kind, population = f.text("kind"), f.text("population")
    parts = [V.label(VC.TEST_KIND, kind, "检测") + (f"（{V.label(VC.POPULATION, population)}）" if population else "")]
    parts = (parts if kind or population else []) + _when("采样", f, "sample_at") + _test_no(f)
    return parts + (_clocks_met(f) if f.data.get("clocks_met") is not None else [])


def _result(f: _Fields) -> Parts:
    kind, result, lab = f.text("kind"), f.text("result"), f.text("lab")
    line = f"{V.label(VC.TEST_KIND, kind, '检测')} {V.label(VC.TEST_RESULT, result, '—')}"
    parts = [line + (f" ({lab})" if lab else "")] if kind or result else _tagged("检验单位", f, "lab")
    parts += _tagged("Ct值", f, "ct") + _when("结果时间", f, "result_at") + _test_no(f)
    parts += _flag(f, "positive", "阳性：逢阳即报", "")
    return parts + _clocks_met(f) + _started(f) + _flag(f, "alert", "已发出预警", "")


def _dispose(f: _Fields) -> Parts:
    parts = [V.label(VC.DISPOSITION, f.text("disposition"), "—")]
    detail = f.raw("detail")
    if isinstance(detail, Mapping):
        parts += [f"{V.label(VS.SUMMARY_KEY, k)}: {plain(v, f.tz)}" for k, v in detail.items() if v not in (None, "")]
    elif detail:
        parts.append(f"detail: {plain(detail, f.tz)}")
    classification = f.text("classification")
    if classification:
        parts.append("分类 " + V.label(VC.CLASSIFICATION, classification))
    pending = f.codes("pending_tests")
    if pending:
        parts.append("未出结果检测单 " + "、".join(f"#{n}" for n in pending))
    parts += _settled(f) + _flag(f, "incident", "擅自离院事件", "") + _started(f) + _flag(f, "alert", "已发出预警", "")
    return parts + _tagged("原因：", f, "reason", "")


def _case_exception(f: _Fields) -> Parts:
    parts = _tagged("特例 #", f, "exception_id", "") + _coded("", VW.EXCEPTION_KIND, f, "kind")
    detail = f.raw("detail")
    if isinstance(detail, Mapping) and detail.get("to"):
        parts.append("改为 " + V.label(VC.CLASSIFICATION, str(detail["to"])))
    parts += _coded("批准时为", VC.CLASSIFICATION, f, "classification")
    return parts + _tagged("原因：", f, "reason", "")


def _incident_reported(f: _Fields) -> Parts:
    return _tagged("报告至", f, "reported_to") + _when("报告时间", f, "reported_at") + _clocks_met(f)


def _transfer_request(f: _Fields) -> Parts:
    parts = _tagged("转往", f, "hospital") + _coded("病情 ", VT.CONDITION, f, "condition")
    parts += _flag(f, "oxygen", "需吸氧", "无需吸氧") + _tagged("原因：", f, "reason", "")
    parts += _flag(f, "referral", "发热哨点诊室转运", "")
    parts += _tagged("从病区转出：", f, "from_ward", "") + _tagged("住院登记 #", f, "admission_id", "")
    admission = f.raw("admission")
    if isinstance(admission, Mapping) and admission:
        parts.append("原处置 收治入院（" + plain(admission, f.tz) + "）")
    elif admission not in (None, "", {}):
        f.used.discard("admission")
    parts += _tagged("负责医生", f, "responsible_doctor")
    return parts + _tagged("转运单 #", f, "transfer_id", "") + _clocks_met(f, "request_clock_met") + _settled(f)


def _dispatch(f: _Fields) -> Parts:
    parts = _when("呼叫120", f, "call_120_at") + _tagged("调度单号", f, "dispatch_ref")
    parts += _tagged("车牌", f, "vehicle")
    return parts + _flag(f, "negative_pressure", "负压救护车", "非负压救护车") + _tagged("随车人员", f, "crew")


def _depart(f: _Fields) -> Parts:
    parts = _when("出发时间", f, "departed_at")
    minutes = f.raw("minutes_after_request")
    if isinstance(minutes, int | float) and not isinstance(minutes, bool):
        parts.append(f"申请后 {minutes:g} 分钟出发")
    else:
        f.used.discard("minutes_after_request")
    if f.text("admission_discharged"):  # collected from a ward: discharged there in the same step
        parts += [f"同时办理出院（住院登记 #{f.text('admission_discharged')}）"] + _tagged("病区", f, "ward")
        parts += _discharge(f)
    return parts


def _receiver(f: _Fields, staff_key: str) -> Parts:
    who = " ".join(p for p in (f.text("department"), f.text(staff_key)) if p)
    return [f"接收方 {who}"] if who else []


def _transfer_handover(f: _Fields) -> Parts:
    parts = _receiver(f, "receiving_staff") + _when("交接时间", f, "handed_over_at")
    parts += _coded("到达时病情 ", VT.CONDITION, f, "condition")
    return parts + _coded("记录方式：", VT.HANDOVER_SOURCE, f, "source")


def _disinfect(f: _Fields) -> Parts:
    return _when("消毒时间", f, "disinfected_at") + _tagged("方法：", f, "method", "") + _tagged("执行人", f, "by")


def _transfer_cancel(f: _Fields) -> Parts:
    parts = _tagged("原因：", f, "reason", "")
    owes, ward = f.raw("owes_transfer"), f.raw("back_to_ward")
    if ward is True:
        parts.append("患者仍在病区")
        f.used.add("case_reopened")
    else:
        if ward is not False:
            f.used.discard("back_to_ward")
        parts += _flag(f, "case_reopened", "病例重新开放" if owes is True else "病例重新开放待处置", "病例未重新开放")
    if owes is True:
        parts.append("仍须转运（申请转运时限重新计时）")
    elif owes is not False:
        f.used.discard("owes_transfer")
    resumed = f.raw("clocks_resumed")
    if isinstance(resumed, int) and not isinstance(resumed, bool):
        parts += [f"恢复时限 {resumed} 项"] if resumed else []  # none to resume: nothing to say
    else:
        f.used.discard("clocks_resumed")
    return parts


def _hospital_save(f: _Fields) -> Parts:
    kind = f.text("kind")
    parts = [f.text("name") + (f"（{V.label(VT.HOSPITAL_KIND, kind)}）" if kind else "")]
    return [p for p in parts if p] + _flag(f, "accepting", "接收患者中", "暂停接收")


def _hospitals_replace(f: _Fields) -> Parts:
    source, count = f.text("source"), f.text("count")
    who = "县级平台下发" if source == "hub" else source
    parts = [f"{who} {count} 家".strip()] if count else [who] if who else []
    withdrawn = f.codes("withdrawn")
    return parts + (["停止接收：" + "、".join(withdrawn)] if withdrawn else [])


def _targets(f: _Fields) -> Parts:
    steps = (("request_minutes", "分类后申请转运"), ("departure_minutes", "申请后出发"), ("handover_minutes", "出发后交接"))
    return [f"{words} ≤{f.text(key)} 分钟" for key, words in steps if f.text(key)]


def _contacts(f: _Fields) -> Parts:
    """``联系电话 0571-1234 → 0571-5678``: only what changed (issue 15, app/clinic_contacts.py)."""
    before, after = f.raw("before"), f.raw("after")
    old = before if isinstance(before, Mapping) else {}
    new = after if isinstance(after, Mapping) else {}
    words = (("phone", "联系电话"), ("reviewer", "审核人"), ("head", "负责人"))
    return [f"{w} {old.get(k) or '（空）'} → {new.get(k) or '（空）'}" for k, w in words if old.get(k) != new.get(k)]


def _trust(f: _Fields) -> Parts:
    name, code = f.text("name"), f.text("code")
    parts = [f"{name}（{code}）" if name and code else name or code]
    return [p for p in parts if p] + _tagged("密钥", f, "key_id")


def _purposes(f: _Fields) -> Parts:
    words = V.labels(VK.DESK_PURPOSE, f.codes("purposes"))
    return ["用途：" + "、".join(words)] if words else []


def _ward_save(f: _Fields) -> Parts:
    name, kind = f.text("name"), f.text("type")
    parts = [name + (f"（{V.label(VW.WARD_TYPE, kind)}）" if kind else "")]
    gates = f.codes("gates")
    return [p for p in parts if p] + (["门岗 " + "、".join(gates)] if gates else [])


def _admit(f: _Fields) -> Parts:
    place = " ".join(p for p in (f.text("ward"), f.text("bed")) if p)
    return ([place] if place else []) + _coded("", VW.NURSING_LEVEL, f, "nursing_level") + _tagged("就诊号", f, "visit_no") \
        + _when("核酸采样", f, "nat_sampled_at") + _coded("核酸", VC.TEST_RESULT, f, "nat_result")


def _discharge(f: _Fields) -> Parts:
    parts = _tagged("转运至定点医院，就诊号", f, "transfer")
    n = f.raw("permits_revoked")
    if isinstance(n, int) and not isinstance(n, bool):
        return parts + [f"同时作废通行证 {n} 张" if n else "无有效通行证需作废"]
    f.used.discard("permits_revoked")
    return parts


def _permit_no(f: _Fields, key: str = "number") -> Parts:
    """``陪护证 E12345678`` when the kind is known (the number's letter says it too)."""
    number, kind = f.text(key), f.text("kind")
    words = V.label(VW.PERMIT_KIND, kind) if kind else {"E": "陪护证", "V": "探视证"}.get(number[:1], "通行证")
    return [f"{words} {number}"] if number else []


def _issue(f: _Fields) -> Parts:
    return (_permit_no(f) + _tagged("持证人", f, "holder") + _when("有效至", f, "valid_until")
            + _when("核酸采样", f, "test_at") + _coded("核酸", VC.TEST_RESULT, f, "test_result")
            + _tagged("事由：", f, "reason", "") + _tagged("依据特例 #", f, "exception_id", ""))


def _gate_scan(f: _Fields) -> Parts:
    """issue 13 — the gate: 内科门岗 离开：离开；陪护证 E12345678；无进入记录、通行证已作废（离线，补录）."""
    gate, direction, outcome = f.text("gate"), f.text("direction"), f.text("outcome")
    head = " ".join(p for p in (gate, V.label(VW.DIRECTION, direction) if direction else "") if p)
    parts = [f"{head}：{V.label(VW.GATE_OUTCOME, outcome)}" if head else V.label(VW.GATE_OUTCOME, outcome)] \
        if outcome else []
    parts += _coded("原因：", VW.DENY, f, "reason") + _permit_no(f, "permit")
    flags = f.codes("flags")
    if flags:
        parts.append("离开时：" + "、".join(V.label(VW.EXIT_FLAG, c) for c in flags))
    parts += _tagged("超时(分钟)", f, "minutes_over")
    if f.raw("offline") is True:
        parts += ["离线判断，联网后补录"] + _when("扫码时间", f, "at") + _tagged("门岗人员", f, "by") \
            + _tagged("工作站", f, "workstation")
    else:
        f.used.discard("offline")
    return parts + _coded("复核应拒绝：", VW.DENY, f, "refusable")


def _reprint(f: _Fields) -> Parts:
    old, new, reason = f.text("old"), f.text("new"), f.text("reason")
    parts = [f"{old} → {new}（旧证作废）"] if old and new else _tagged("新证", f, "new")
    return parts + ([f"原因：{V.label(VA.REPRINT_REASON, reason)}"] if reason else [])


def _exception(f: _Fields) -> Parts:
    parts = _tagged("特例 #", f, "exception_id", "") + _coded("", VW.EXCEPTION_KIND, f, "kind")
    return parts + _tagged("原因：", f, "reason", "")


def _purchase(f: _Fields) -> Parts:
    parts = _coded("", VP.DRUG_CATEGORY, f, "category") + _coded("", VP.PRESCRIPTION, f, "prescription")
    parts += _coded("", VP.SALE_OUTCOME, f, "outcome")
    f.raw("refused_rule")  # said by the outcome's words
    f.raw("screening_id")
    parts += _flag(f, "febrile", "体温异常(发热)", "未发热")
    decision = f.text("decision")
    return parts + ([f"分诊 {VP.decision_words(decision)}"] if decision else [])


def _callback(f: _Fields) -> Parts:
    parts = _coded("", VP.CALLBACK_OUTCOME, f, "outcome")
    n = f.raw("call")
    if isinstance(n, int) and not isinstance(n, bool):
        parts.append(f"第 {n} 次回访")
    else:
        f.used.discard("call")
    return parts + _flag(f, "closed", "结束追踪", "继续追踪") + _tagged("备注：", f, "note", "")


def _access(f: _Fields) -> Parts:
    """issue 13 — privacy: 查询 患者档案（按电话号码）12 条; the filters are listed plainly."""
    criteria = f.text("criteria")
    parts = [V.label(VA.ACCESS_CRITERIA, criteria)] if criteria else []
    n = f.raw("rows")
    if isinstance(n, int) and not isinstance(n, bool):
        parts.append(f"{n} 条")
    else:
        f.used.discard("rows")
    filters = f.raw("filters")
    if isinstance(filters, Mapping) and filters:
        parts.append("条件 " + "，".join(f"{V.label(VA.ACCESS_FILTER, k)}: {_filter_value(str(k), v, f)}"
                                          for k, v in filters.items()))
    else:
        f.used.discard("filters")
    return parts


def _filter_value(key: str, value: Any, f: _Fields) -> str:
    if key == "decision" and isinstance(value, str):
        return VP.decision_words(value)
    if key == "state" and isinstance(value, str):
        return V.label(VW.PERMIT_STATE if value in VW.PERMIT_STATE else VT.TRANSFER_STATE, value)
    return plain(value, f.tz)




#: Why an audited act was refused or failed (the ``error`` of its summary), in the short form a printed row has room
#: for; unknown codes print as is. The desks say the whole sentence (app/vocabulary/errors.py).
REFUSAL_REASON: Mapping[str, str] = {
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


def _refused(f: _Fields) -> Parts:
    error = f.text("error")
    return [f"原因：{REFUSAL_REASON.get(str(error), str(error))}"] if error else []


WORDING: Mapping[str, Callable[[_Fields], Parts]] = {
    "triage.screen": _screen,
    "triage.register": _register,
    "clinic.mode_change": lambda f: ([f"{V.label(VK.CLINIC_MODE, f.text('before'))} → "
                                      f"{V.label(VK.CLINIC_MODE, f.text('after'))}"] if f.text("after") else [])
    + _tagged("原因：", f, "reason", ""),
    "handoff.send": _send,
    "handoff.arrive": _arrive,
    "handoff.left_without_permission": _left,
    "pharmacy.purchase": _purchase,
    "pharmacy.callback": _callback,
    "case.take": lambda f: _tagged("首诊医生", f, "doctor"),
    "case.handover_request": _handover,
    "case.handover_accept": _handover,
    "case.handover_decline": _handover,
    "case.reassign": _reassign,
    "case.interview": _interview,
    "case.classify": _classify,
    "case.reported": _reported,
    "case.investigated": _investigated,
    "case.observe": _observe,
    "case.vitals": _vitals,
    "case.order_test": _order,
    "case.result": _result,
    "case.dispose": _dispose,
    "case.exception_approve": _case_exception,
    "case.incident_reported": _incident_reported,
    "transfer.request": _transfer_request,
    "transfer.dispatch": _dispatch,
    "transfer.depart": _depart,
    "transfer.handover": _transfer_handover,
    "transfer.disinfect": _disinfect,
    "transfer.cancel": _transfer_cancel,
    "transfer.receive": lambda f: _tagged("来自机构", f, "from") + _receiver(f, "staff"),
    "transfer.hospital_save": _hospital_save,
    "transfer.targets_update": _targets,
    "clinic.contacts_update": _contacts,
    "transfer.trust_clinic": _trust,
    "transfer.distrust_clinic": lambda f: _trust(f) + _tagged("原因：", f, "reason", ""),
    "desk.register": lambda f: _tagged("工作站", f, "workstation") + _tagged("密钥", f, "key_id"),
    "desk.enrol": lambda f: (_tagged("工作站", f, "workstation") + _tagged("密钥", f, "key_id")
                             + _purposes(f)),
    "desk.revoke": lambda f: (_tagged("工作站", f, "workstation") + _tagged("密钥", f, "key_id")
                              + _tagged("原因：", f, "reason", "")),
    "transfer.hospitals_replace": _hospitals_replace,
    "ward.save": _ward_save,
    "ward.admit": _admit,
    "ward.discharge": _discharge,
    "permit.issue_escort": _issue,
    "permit.issue_visitor": _issue,
    "permit.revoke": lambda f: _permit_no(f) + _tagged("原因：", f, "reason", ""),
    "gate.scan": _gate_scan,
    "permit.reprint": _reprint,
    "permit.escort_test": lambda f: (_permit_no(f) + _when("核酸采样", f, "test_at")
                                     + _coded("核酸", VC.TEST_RESULT, f, "test_result")
                                     + _when("有效至", f, "valid_until") + _when("原有效至", f, "before")),
    "permit.exception_approve": _exception,
    # issue 13 — audit anchor: the hub key pinned; a restore names the head it replaced
    "audit.hub_key": lambda f: (_tagged("公钥指纹", f, "key_id") + _tagged("原指纹", f, "before")
                                + _coded("来源", VA.HUB_KEY_SOURCE, f, "source")),
    "audit.hub_receipt": lambda f: _tagged("公钥指纹", f, "key_id"),  # refusals: see _hub_key_refused
    # issue 14 — paper import (one row per batch) and the risk-area list (old and new counts, confirmed shrink)
    "import.visits": lambda f: (_tagged("文件", f, "file") + ([f"第 {f.text('batch')} 批"] if f.raw("batch") else [])
                                + ([f"文件第 {f.raw('rows')[0]}–{f.raw('rows')[-1]} 行"] if f.raw("rows") else [])
                                + _tagged("导入", f, "imported") + _tagged("已导入过而跳过", f, "skipped_duplicates")
                                + _tagged("未导入", f, "rejected") + _tagged("检查未通过", f, "rejected_before_saving")
                                + _tagged("就诊号", f, "visits")),
    "triage.risk_areas_replace": lambda f: (_coded("来源：", VP.RISK_AREA_SOURCE, f, "source")
                                            + _tagged("地区", f, "count") + _tagged("其中高风险", f, "high")
                                            + _tagged("原有地区", f, "before_count") + ([] if f.raw("had_list") else [])  # had_list: told by 原有地区
                                            + (["清单为空或缩减过半，经确认替换"] if f.raw("forced") else [])),
    # issue 14 — data directory and backups: the backup file, its size, head, keys included, automatic or not
    "db.backup": lambda f: (_tagged("备份文件", f, "file") + _tagged("审计序号", f, "audit_seq")
                            + ([f"含签名密钥 {f.raw('keys')} 个"] if f.raw("keys") else [])
                            + (["自动备份"] if f.raw("automatic") else [])),
    "db.restore": lambda f: (_tagged("备份文件", f, "file") + _tagged("机构代码", f, "clinic")
                             + _tagged("审计记录", f, "audit_rows", " ") + _tagged("备份截至审计序号", f, "backup_seq")
                             + _tagged("备份链头", f, "backup_hash") + _when("备份时间", f, "backup_at")
                             + _tagged("被替换的审计序号", f, "replaced_seq")
                             + _tagged("被替换的链头", f, "replaced_hash")),
    # issue 13 — privacy
    "access.search": _access,
    "access.view": _access,
    "access.export": _access,
    "access.print": _access,
}


# ----- issue 15 — sentences: the actions that had no wording (accounts, settings, reports, alerts) --------------


def _account(f: _Fields) -> Parts:
    user, name = f.text("username"), f.text("full_name")
    return [f"账号 {user}" + (f"（{name}）" if name else "")] if user else []


def _roles(value: Any) -> str:
    if isinstance(value, str):
        value = [r for r in value.split(",") if r]
    return "、".join(V.label(VK.ROLE, str(r)) for r in value) if isinstance(value, list | tuple) else ""


def _user_create(f: _Fields) -> Parts:
    roles = _roles(f.raw("roles"))
    return _account(f) + ([f"角色：{roles}"] if roles else [])


def _user_update(f: _Fields) -> Parts:
    parts = _account(f)
    before, after = f.raw("before"), f.raw("after")
    if not isinstance(before, Mapping) or not isinstance(after, Mapping):
        f.used.discard("before")
        f.used.discard("after")
        return parts
    if before.get("full_name") != after.get("full_name"):
        parts.append(f"姓名 {plain(before.get('full_name'), f.tz)} → {plain(after.get('full_name'), f.tz)}")
    if _roles(before.get("roles") or []) != _roles(after.get("roles") or []):
        parts.append(f"角色 {_roles(before.get('roles') or []) or '无'} → {_roles(after.get('roles') or []) or '无'}")
    return parts if len(parts) > 1 else [*parts, "无改动"]


def _user_active(f: _Fields) -> Parts:
    n = f.raw("open_cases")
    cases = n if isinstance(n, list | tuple) else []
    if not cases:
        f.used.discard("open_cases")
    return _account(f) + ([f"仍负责未结病例 {len(cases)} 例：" + "、".join(map(str, cases))] if cases else [])


def _clinic_initialize(f: _Fields) -> Parts:
    name, code, level = f.text("name"), f.text("code"), f.text("level")
    parts = [f"{name}（{code}）" if code else name] if name else []
    parts += [V.label(VK.CLINIC_LEVEL, level)] if level else []
    parts += _coded("诊疗模式：", VK.CLINIC_MODE, f, "mode") + _tagged("管理员账号", f, "admin")
    parts += _tagged("时区", f, "timezone") + _tagged("机构密钥", f, "key_id")
    return parts + _flag(f, "demo", "演示数据", "正式使用")


def _changed_count(f: _Fields, what: str) -> Parts:
    before, after = f.raw("before"), f.raw("after")
    if not isinstance(after, Mapping):
        f.used.discard("after")
        f.used.discard("before")
        return []
    before = before if isinstance(before, Mapping) else {}
    n = sum(1 for k in set(before) | set(after) if before.get(k) != after.get(k))
    return [f"修改{what} {n} 项" if n else "保存，无改动"]


def _hub_ca(f: _Fields) -> Parts:
    if f.raw("cleared") is True:
        return ["清除县级平台证书，改用系统自带的根证书"]
    f.used.discard("cleared")
    return (_tagged("证书主体", f, "subject") + _when("有效至", f, "not_after") + _tagged("来自文件", f, "file")
            + _tagged("证书指纹", f, "sha256"))


def _list_applied(f: _Fields) -> Parts:
    name, before, version = f.text("list"), f.text("before"), f.text("version")
    source = "县级平台下发" if f.text("source") == "hub" else f.text("source")
    parts = [" ".join(p for p in (source, V.label(VA.LIST_NAME, name) if name else "") if p)]
    parts += [f"版本 {before} → {version}" if before else f"版本 {version}"] if version else []
    return [p for p in parts if p] + _tagged("共", f, "count")


def _report(f: _Fields) -> Parts:
    day, version = f.text("day"), f.raw("version")
    parts = [f"{day} 日报" + (f" 第 {version} 版" if isinstance(version, int) and not isinstance(version, bool)
                              else "")] if day else []
    if not isinstance(version, int):
        f.used.discard("version")
    parts += _flag(f, "zero_report", "零报告", "")
    parts += _flag(f, "automatic", "自动上报", "")
    return [p for p in parts if p] + _tagged("说明：", f, "note", "")


def _alerts_raised(f: _Fields) -> Parts:
    raised = f.raw("raised")
    if not isinstance(raised, list):
        f.used.discard("raised")
        return []
    kinds: dict[str, int] = {}
    for a in raised:
        if isinstance(a, Mapping):
            words = V.label(VR.ALERT_KIND, str(a.get("kind")))
            kinds[words] = kinds.get(words, 0) + 1
    listed = "、".join(w if n == 1 else f"{w} {n} 条" for w, n in kinds.items())
    return [f"发出预警 {len(raised)} 条" + (f"：{listed}" if listed else "")] if raised else ["无新预警"]


WORDING_MORE: Mapping[str, Callable[[_Fields], Parts]] = {
    "auth.login": lambda f: [],
    "clinic.initialize": _clinic_initialize,
    "user.create": _user_create,
    "user.update": _user_update,
    "user.enable": _user_active,
    "user.disable": _user_active,
    "user.reset_password": _account,
    "user.change_password": _account,
    "triage.rules_update": lambda f: _changed_count(f, "预检筛查规则"),
    "figures.update": lambda f: _changed_count(f, "规则数值"),
    "sync.hub_url": lambda f: _tagged("县级平台地址", f, "url") or ["清除县级平台地址"],
    "sync.hub_ca": _hub_ca,
    "sync.list_applied": _list_applied,
    "report.submit": _report,
    "report.auto_submit": _report,
    "report.correct": _report,
    "report.auto_submit_time": lambda f: ([f"{f.text('before') or '未设置'} → {f.text('after') or '不自动上报'}"]
                                          if f.raw("after") is not None or f.raw("before") is not None else []),
    "alert.raise": _alerts_raised,
    "alert.acknowledge": lambda f: (_coded("", VR.ALERT_KIND, f, "kind") + _tagged("处理措施：", f, "action_taken", "")
                                    + ([] if f.raw("dedupe_key") else [])),
}


#: Refusals whose details need their own words (others: the reason only, then the details as they are).
REFUSED_WORDING: Mapping[str, Callable[[_Fields], Parts]] = {
    # issue 13 — audit anchor: a receipt or anchor list signed by another key than the pinned hub key
    "audit.hub_receipt": lambda f: (_refused(f) + _tagged("对方公钥指纹", f, "key_id")
                                    + _tagged("已固定指纹", f, "pinned")
                                    + _coded("核对内容：", VA.HUB_CHECKED, f, "what")),
}


def summary_text(action: str, outcome: str, summary: object, tz: str | ZoneInfo) -> str:
    """The event's summary in a line or two of Chinese; refusals and failures lead with the reason."""
    zone = tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)
    if outcome == Outcome.SUCCESS:
        wording = WORDING.get(action) or WORDING_MORE.get(action)
    else:
        wording = REFUSED_WORDING.get(action, _refused)
    if not isinstance(summary, Mapping):
        wording = None  # not what any wording expects: list it as it is
    fields = _Fields(summary, zone)
    try:
        parts = wording(fields) if wording else []
    except Exception:  # noqa: BLE001 — an odd old row prints plainly rather than stopping the print job
        fields.used.clear()
        parts = []
    return _cut("；".join(p for p in [*parts, *fields.rest()] if p), MAX_TOTAL)
