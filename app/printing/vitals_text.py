"""A saved set of observations in words — readings, NEWS2, the triage level and its reasons — so the registration
form, the transfer handover form and the case timeline (paper and screen) say one set the same way.

Every word comes from app/vocabulary (Chinese as printed unless ``language`` says otherwise); a reading not taken
is "—", never "None" and never a 0; a partial NEWS2 is a floor ("≥ n") naming what was not measured.
"""

from __future__ import annotations

from app.printing.text import EMPTY, markup
from app.severity.news2 import RED_SCORE, score
from app.severity.store import VitalSignsRecord
from app.severity.vitals import Vitals
from app.severity.vocab import Level, Spo2Scale
from app.vocabulary import label
from app.vocabulary.phrases import LIST_SEPARATOR, NO, YES
from app.vocabulary.severity import AVPU, LEVEL, PARAMETER_SHORT, RECORD, UNIT, reason_text

ZH = "zh_CN"
GAP = "&nbsp;" * 3  # between items in a Paragraph


#: The readings in the desk's order (Tab order at pre-triage): the parameters of app/vocabulary/severity.py.
ORDER = ("temperature", "spo2", "respiratory_rate", "heart_rate", "systolic_bp", "consciousness", "oxygen")


def readings(v: Vitals | None, language: str = ZH) -> list[tuple[str, str]]:
    """(short name, reading with its unit) in ``ORDER``; "—" for one not taken (every one when ``v`` is None:
    no set was taken)."""
    if v is None:
        return [(PARAMETER_SHORT[p].say(language), EMPTY) for p in ORDER]
    zh = language.startswith("zh")

    def unit(value: int | None, key: str) -> str:
        if value is None:
            return EMPTY
        return f"{value}{' ' if key == 'mmhg' else ''}{UNIT[key].say(language)}"

    spo2 = EMPTY if v.spo2 is None else f"{v.spo2}%" + (
        RECORD["scale_2"].say(language) if v.spo2_scale == Spo2Scale.SCALE_2 else "")
    oxygen = EMPTY if v.oxygen is None else (YES if v.oxygen else NO).say(language)
    values = (f"{v.temperature_c:.1f}{'℃' if zh else ' °C'}", spo2, unit(v.respiratory_rate, "per_minute"),
              unit(v.heart_rate, "per_minute"), unit(v.systolic_bp, "mmhg"),
              label(AVPU, v.consciousness, EMPTY, language), oxygen)
    return [(PARAMETER_SHORT[p].say(language), value) for p, value in zip(ORDER, values)]


def readings_line(v: Vitals | None, language: str = ZH, *, temperature: bool = True) -> str:
    """The readings on one line (``temperature`` False: the ones a form prints beside its temperature)."""
    items = readings(v, language)[0 if temperature else 1:]
    return ("　" if language.startswith("zh") else "   ").join(f"{name} {value}" for name, value in items)


def readings_markup(v: Vitals | None, *, temperature: bool = True) -> str:
    """``readings_line`` in Chinese for a Paragraph: a wide gap between readings (a Paragraph folds spaces into
    one), none a line may break at inside a reading."""
    items = readings(v)[0 if temperature else 1:]
    return GAP.join(markup(f"{name} {value}").replace(" ", "&nbsp;") for name, value in items)


def news2_total(rec: VitalSignsRecord) -> str:
    """``5``, or ``≥ 3`` when a reading was not taken (the total is then a floor)."""
    return str(rec.news2) if rec.news2_complete else f"≥ {rec.news2}"


def news2_text(rec: VitalSignsRecord, language: str = ZH, *, name_missing: bool = True) -> str:
    """The total, saying it is partial when so and (``name_missing``) what was not measured."""
    if rec.news2_complete:
        return str(rec.news2)
    if not name_missing:  # the readings, printed beside it, show "—" where one was not taken
        return RECORD["partial_short"].say(language).format(total=rec.news2)
    missing = LIST_SEPARATOR.say(language).join(PARAMETER_SHORT[p].say(language) for p in score(rec.vitals).missing)
    return RECORD["partial"].say(language).format(total=rec.news2, missing=missing)


def level_text(rec: VitalSignsRecord, language: str = ZH) -> str:
    return label(LEVEL, rec.level, EMPTY, language)


def immediate(rec: VitalSignsRecord) -> bool:
    """To the doctor at once, whatever the epidemic decision: level I or II (app/severity/triage_level.py)."""
    return rec.level <= Level.II


def _value(code: str, rec: VitalSignsRecord) -> str:
    """The reading a reason was met by: the record keeps the codes, the readings say the values."""
    v = rec.vitals
    if code.startswith("heart_rate"):
        return str(v.heart_rate)
    if code.startswith("systolic_bp"):
        return str(v.systolic_bp)
    if code.startswith("spo2"):
        return str(v.spo2)
    if code == "consciousness":
        return str(v.consciousness)
    if code == "news2_single_3":  # the chart is fixed data: the parameters scoring 3 are those of the readings
        return ",".join(p for p, points in score(v).scores.items() if points >= RED_SCORE)
    return str(rec.news2)  # news2_high / news2_medium


NEWS2_REASONS = ("news2_high", "news2_medium")


def reasons_text(rec: VitalSignsRecord, language: str = ZH, *, news2: bool = True) -> str:
    """Why the level was reached, in words, most urgent first ("" when none: level IV); ``news2`` False leaves out
    the NEWS2 total's own reason where the total is printed beside it."""
    sep = "；" if language.startswith("zh") else "; "
    codes = rec.reasons if news2 else tuple(c for c in rec.reasons if c not in NEWS2_REASONS)
    return sep.join(reason_text(code, _value(code, rec), language) for code in codes)
