"""The words of a paper register: column headers and values in Chinese beside the codes, the date forms
offices write, and the Chinese sentence for a rejected row (the CLI prints it; offices read it).

The Chinese values come from the one vocabulary, app/vocabulary (what the clinic prints), plus a
few short forms people write by hand (发烧, 立即隔离, 身份证). Column headers use the words of the printed
registration form (app/vocabulary/summary.py PATIENT_FIELD / EPI_FIELD) where they exist.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime

from app.errors import ValidationError
from app.triage.vocab import HealthCode, IdType, Sex, Symptom
from app.vocabulary import Words
from app.vocabulary import triage as VP
from app.vocabulary.summary import EPI_FIELD, PATIENT_FIELD

#: Required columns (the code names; a file may use the Chinese header instead).
COLUMNS = ("screened_at", "name", "id_type", "id_number", "sex", "birth_date", "phone", "address", "temperature",
           "symptoms", "onset_date", "decision", "health_code")
#: Optional columns: why no code was shown; the epidemiological history the rules weigh.
OPTIONAL_COLUMNS = ("health_code_note", "travel", "contact_case", "cluster")

#: The Chinese header of each column (the template writes these; the first one is the template's).
HEADERS: Mapping[str, tuple[str, ...]] = {
    "screened_at": ("预检时间", "就诊时间", "时间"),
    **{c: (PATIENT_FIELD[c].zh,) for c in ("name", "id_type", "id_number", "sex", "birth_date")},
    "phone": (PATIENT_FIELD["phone"].zh, "电话", "手机号"),
    "address": (PATIENT_FIELD["address"].zh, "住址", "地址"),
    "temperature": ("体温", "体温(℃)", "体温（℃）"),
    "symptoms": ("症状",),
    "onset_date": ("发病日期",),
    "decision": ("分诊去向", "去向", "分诊结果"),
    "health_code": ("健康码",),
    "health_code_note": ("未出示原因", "健康码说明"),
    "travel": (EPI_FIELD["travel"].zh, "流行病学史", "旅居地区"),
    "contact_case": (EPI_FIELD["contacts"].zh, "病例接触史"),
    "cluster": ("聚集性发病", "聚集性"),
}

#: A column's name in a sentence.
COLUMN_NAME: Mapping[str, str] = {c: words[0] for c, words in HEADERS.items()}


def _words(table: Mapping[str, Words], extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """code → code, printed word → code, plus hand-written short forms; keys lower-case."""
    out = {code.lower(): code for code in table}
    out.update({words.zh.lower(): code for code, words in table.items()})
    out.update({k.lower(): v for k, v in (extra or {}).items()})
    return out


DECISION_WORDS = {**{code: code for code in VP.DECISION}, **{w.zh: code for code, w in VP.DECISION.items()},
                  "普通": "general", "发热门诊": "fever_clinic", "引导至发热门诊": "fever_clinic",
                  "立即隔离": "isolate", "隔离": "isolate"}
SYMPTOM_WORDS = _words(VP.SYMPTOM, {"发烧": Symptom.FEVER, "咽喉痛": Symptom.SORE_THROAT, "嗓子痛": Symptom.SORE_THROAT,
                                   "嗅觉减退": Symptom.SMELL_TASTE_LOSS, "味觉减退": Symptom.SMELL_TASTE_LOSS,
                                   "嗅(味)觉减退": Symptom.SMELL_TASTE_LOSS, "嗅（味）觉减退": Symptom.SMELL_TASTE_LOSS,
                                   "鼻塞": Symptom.NASAL, "流涕": Symptom.NASAL, "肌肉痛": Symptom.MYALGIA})
ID_TYPE_WORDS = _words(VP.ID_TYPE, {"身份证": IdType.RESIDENT_ID, "港澳通行证": IdType.HK_MACAU_PERMIT,
                                   "台胞证": IdType.TAIWAN_PERMIT, "其他": IdType.OTHER, "无证件": IdType.OTHER,
                                   "无": IdType.OTHER})
SEX_WORDS = _words(VP.SEX, {"m": Sex.MALE, "f": Sex.FEMALE, "男性": Sex.MALE, "女性": Sex.FEMALE})
HEALTH_CODE_WORDS = {**_words({c: w for c, w in VP.HEALTH_CODE.items() if c != HealthCode.NOT_CHECKED}),
                     "绿": "green", "黄": "yellow", "红": "red", "无": "none"}
YES_WORDS = {"是": True, "有": True, "y": True, "yes": True, "true": True, "1": True,
             "否": False, "无": False, "n": False, "no": False, "false": False, "0": False, "": False}
NONE_WORDS = {"无", "否", "none", "-", "—", "/"}
LIST_SPLIT = re.compile(r"[;；,，、/\s]+")

_DATE = (r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
         r"(?:[\sT]*(?P<H>\d{1,2})\s*[:：时点]\s*(?P<M>\d{1,2})\s*分?(?:\s*[:：]?\s*(?P<S>\d{1,2}(?:\.\d+)?)\s*秒?)?)?")
_DATE_RE = re.compile(rf"^{_DATE}$")


def parse_when(text: str, column: str, *, need_time: bool) -> datetime | None:
    """``2026-12-03 09:15``, ``2026/12/3 9:15``, ``2026年12月3日 9时15分`` (seconds optional; an Excel date
    cell reads as the first form). A date column ignores a midnight time part (an Excel date cell)."""
    text = text.strip()
    if not text:
        return None
    m = _DATE_RE.match(text)
    try:
        if m is None:
            value = datetime.fromisoformat(text)  # ISO 8601 with an offset, as older files wrote
        else:
            value = datetime(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"] or 0), int(m["M"] or 0),
                             int(float(m["S"] or 0)))
            if need_time and m["H"] is None:
                raise ValueError("no time")
    except ValueError as exc:
        raise ValidationError("date_format", field=column) from exc
    return value


def parse_date(text: str, column: str) -> date | None:
    value = parse_when(text, column, need_time=False)
    return value.date() if value is not None else None


def shorten(value: str, limit: int = 24) -> str:
    """A cell quoted in a rejection: long values cut, with their length."""
    return value if len(value) <= limit else f"{value[:limit]}…（共 {len(value)} 字）"


#: The reason of a rejected row, in Chinese (the CLI prints it; the GUI words codes through ui/messages.py).
REASON_WORDS: Mapping[str, str] = {
    "required": "必填，不能为空",
    "too_long": "过长，最多 {maximum} 字",
    "date_format": "不是日期时间（可写 2026-12-03 09:15、2026/12/3 9:15 或 2026年12月3日 9时15分）",
    "screened_in_future": "预检时间晚于现在",
    "onset_in_future": "发病日期晚于今天",
    "travel_in_future": "旅居日期晚于今天",
    "temperature_range": "体温须在 {minimum} 至 {maximum} ℃ 之间",
    "symptom": "不是可识别的症状（可写：" + "、".join(w.zh for w in VP.SYMPTOM.values()) + "）",
    "decision": "不是分诊去向（可写：普通门诊、发热门诊、立即隔离，或留空由规则判定）",
    "downgrade_needs_reason": "低于规则判定的去向，须由护士在工作站记录降级原因后登记",
    "id_type": "不是证件类型（可写：" + "、".join(w.zh for w in VP.ID_TYPE.values()) + "）",
    "id_format": "证件号码格式不对",
    "id_birth_date": "身份证号码中的出生日期不存在",
    "id_check_digit": "身份证号码校验位不符，可能抄错了一位",
    "id_missing_reason": "无证件时须写明原因",
    "birth_date": "出生日期不合理",
    "birth_date_mismatch": "出生日期与身份证号码不一致",
    "sex": "不是性别（可写：男、女）",
    "sex_mismatch": "性别与身份证号码不一致",
    "patient_name": "姓名须为 1 至 64 字",
    "phone": "不是电话号码（11 位手机号或如 0731-1234567 的固定电话）",
    "health_code": "不是健康码颜色（可写：绿码、黄码、红码、未出示）",
    "health_code_unchecked": "未记录健康码查验结果（须写：绿码、黄码、红码或未出示）",
    "health_code_reason": "健康码未出示时须在“未出示原因”写明原因",
    "yes_no": "须写“是”或“否”",
    "travel_area": "须写明旅居的地区（如 广东省广州市白云区），写“有”无法判断风险等级",
    "control_characters": "含有不可见字符或控制字符（第 {position} 个字符 {code_point}），请重新输入",
    "patient_exists": "该证件号码的患者已登记",
    "id_number_taken": "该证件号码已属于另一位患者",
}


def rejection_text(row: int, column: str | None, value: str, code: str, details: Mapping[str, object]) -> str:
    """第 5 行「证件号码」列的值“…”：身份证号码校验位不符，可能抄错了一位"""
    template = REASON_WORDS.get(code)
    try:
        reason = template.format(**{k: details.get(k, "?") for k in re.findall(r"\{(\w+)\}", template)}) \
            if template else f"未能导入（{code}）"
    except (KeyError, IndexError):
        reason = f"未能导入（{code}）"
    if column is None:
        return f"第 {row} 行：{reason}"
    where = f"第 {row} 行「{COLUMN_NAME.get(column, column)}」列"
    return f"{where}的值“{value}”：{reason}" if value else f"{where}：{reason}"


def _values(words: Mapping[str, str]) -> str:
    return "、".join(dict.fromkeys(w for w in words if not w.isascii()))


def import_help() -> tuple[str, str]:
    """``import visits --help``: what the command reads, and the columns with the values they take (README
    "Paper import" says the same). The description and the epilog, built when help is asked for."""
    return (
        "Paper records kept during an outage, as offices keep them: CSV (UTF-8 with or without BOM, or GBK/GB18030 "
        "as Excel saves it on Chinese Windows) or an Excel workbook (.xlsx, first sheet). The first row names the "
        "columns, in any order, by code or by the Chinese header. Rows are saved 200 at a time, so the desks keep "
        "working; running the same file again imports nothing twice. Rejected rows are listed in Chinese with the "
        "row, column and value (exit 1).",
        "columns (code = Chinese header: values):\n"
        + "\n".join(f"  {c} = {'/'.join(HEADERS[c])}" + {
            "screened_at": ": 2026-12-03 09:15 | 2026/12/3 9:15 | 2026年12月3日 9时15分 | an Excel date cell",
            "id_type": f": {'/'.join(c.value for c in IdType)} or {_values(ID_TYPE_WORDS)}; empty = resident ID "
                       "when a number is given, otherwise no document",
            "sex": ": male/female or 男/女 (empty: from the resident ID)",
            "birth_date": ": a date as above", "onset_date": ": a date as above",
            "temperature": ": °C, e.g. 38.2",
            "symptoms": f": separated by ; 、 or , — {'/'.join(s.value for s in Symptom)} or {_values(SYMPTOM_WORDS)}",
            "decision": ": general/fever_clinic/isolate or 普通门诊/发热门诊/立即隔离; EMPTY = decided by the triage "
                        "rules as at the desk (a decision below the rules' is rejected: a downgrade needs the desk)",
            "health_code": ": green/yellow/red/none or 绿码/黄码/红码/未出示 (required)",
            "health_code_note": ": optional; required with 未出示 (why no code was shown)",
            "travel": ": optional; areas stayed in within 14 days, separated by ;",
            "contact_case": ": optional; 是/否", "cluster": ": optional; 是/否",
        }.get(c, "") for c in (*COLUMNS, *OPTIONAL_COLUMNS))
        + "\nlimits as at the desk: name 64, ID number 30, phone 20, address 200, reason 100 characters.\n"
        "fever-sentinel import visits --template 模板.xlsx writes a file with these headers and one example row.")
