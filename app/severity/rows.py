"""The rows of ``fever-sentinel severity FILE.csv``, so a clinician can check the method on any values.

Each row is ``rr,spo2,scale,oxygen,sbp,hr,avpu,temp``: respiratory rate, SpO₂ (%), the SpO₂ scale (1 or 2; empty
is 1), supplemental oxygen (1 or 0), systolic pressure, heart rate, consciousness (A C V P U) and temperature
(°C, required); an empty cell is a reading not taken. A first line naming the columns is optional — with it
the columns may come in any order, named by these codes or in Chinese (呼吸频率, 血氧饱和度, 量表, 吸氧, 收缩压,
心率, 意识, 体温). The file is UTF-8 (with or without BOM) or GBK/GB18030, as Excel saves it. A bad row is
refused on its own (``Row.error``) and the others are still read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.errors import ValidationError
from app.severity.figures import TriageLevelFigures
from app.severity.triage_level import DEFAULT_FIGURES, Severity, triage_level
from app.severity.vitals import BOUNDS, Vitals
from app.severity.vocab import Parameter

COLUMNS = ("rr", "spo2", "scale", "oxygen", "sbp", "hr", "avpu", "temp")
#: Other names a first line may give a column (a Chinese office's spreadsheet).
ALIASES: Mapping[str, str] = {
    "呼吸": "rr", "呼吸频率": "rr", "血氧": "spo2", "血氧饱和度": "spo2", "量表": "scale", "吸氧": "oxygen",
    "收缩压": "sbp", "心率": "hr", "脉搏": "hr", "意识": "avpu", "体温": "temp",
}
#: The ``Vitals`` field of each numeric column.
FIELD = {"rr": "respiratory_rate", "spo2": "spo2", "sbp": "systolic_bp", "hr": "heart_rate", "temp": "temperature_c"}


@dataclass(frozen=True)
class Row:
    line: int  # in the file, from 1
    severity: Severity | None
    error: ValidationError | None = None


def _column(name: str) -> str | None:
    key = name.strip().lower()
    return key if key in COLUMNS else ALIASES.get(name.strip())


def _number(text: str, column: str) -> float | int | None:
    text = text.strip().rstrip("%℃°Cc ").strip()
    if not text:
        return None
    field = FIELD[column]
    try:
        value = float(text)
        if field != "temperature_c":
            if not value.is_integer():
                raise ValueError(text)
            return int(value)
        return value
    except ValueError:
        bounds = BOUNDS[field]
        raise ValidationError(bounds.code, field=field, minimum=bounds.minimum, maximum=bounds.maximum) from None


def vitals_of(cells: Mapping[str, str]) -> Vitals:
    """The ``Vitals`` of one row, by column code; refused as the desk refuses (``ValidationError``)."""
    values: dict[str, Any] = {FIELD[c]: _number(cells[c], c) for c in FIELD}
    if values["temperature_c"] is None:
        raise ValidationError("temperature_required", field="temperature_c")
    scale = cells["scale"].strip() or "1"
    if scale not in ("1", "2"):
        raise ValidationError("spo2_scale", field="spo2_scale")
    oxygen = cells["oxygen"].strip()
    if oxygen not in ("", "0", "1"):
        raise ValidationError("oxygen_value", field="oxygen")
    avpu = cells["avpu"].strip().upper()
    return Vitals(spo2_scale=int(scale), oxygen=None if not oxygen else oxygen == "1",
                  consciousness=avpu or None, **values)


def _order(first: Sequence[str]) -> tuple[str, ...] | None:
    """The columns a first line names (None: it is a row of values); ``severity_header`` when it is neither."""
    named = [_column(cell) for cell in first]
    if not any(named):
        return None
    while not named[-1]:  # trailing empty cells
        named.pop()
    order = [c for c in named if c]
    if sorted(order) != sorted(COLUMNS) or len(order) != len([cell for cell in first if cell.strip()]):
        raise ValidationError("severity_header", field="file")
    return tuple(c or "" for c in named)


def read_rows(data: bytes, figures: TriageLevelFigures = DEFAULT_FIGURES) -> list[Row]:
    """Every non-empty row with its NEWS2 and triage level, or why it was refused."""
    from app.triage.import_read import decode_text  # UTF-8 or GB18030, strictly

    lines = [(n, cells) for n, cells in enumerate(csv.reader(io.StringIO(decode_text(data))), start=1)
             if any(cell.strip() for cell in cells)]
    if not lines:
        return []
    order = _order(lines[0][1])
    if order is not None:
        lines = lines[1:]
    order = order or COLUMNS
    rows: list[Row] = []
    for n, cells in lines:
        try:
            if len(cells) < len(order) or any(cell.strip() for cell in cells[len(order):]):
                raise ValidationError("severity_columns", field="file")
            by_column = {column: cell for column, cell in zip(order, cells) if column}
            rows.append(Row(n, triage_level(vitals_of(by_column), figures)))
        except ValidationError as err:
            rows.append(Row(n, None, err))
    return rows


def as_json(row: Row) -> dict[str, Any]:
    """One good row for ``--json``: ``news2``, ``max_single``, ``level`` and the per-parameter scores (None: not
    measured), with the rest of the result."""
    s = row.severity
    assert s is not None
    n = s.news2
    return {"line": row.line, "scores": {p.value: n.scores.get(p.value) for p in Parameter}, "news2": n.total,
            "max_single": n.max_single, "complete": n.complete, "missing": list(n.missing), "risk": n.risk,
            "level": s.level, "minutes": s.minutes, "immediate": s.immediate,
            "reasons": [{"code": r.code, "level": r.level, "value": r.value} for r in s.reasons],
            "warnings": list(s.warnings)}


def text_lines(rows: Sequence[Row], language: str) -> list[str]:
    """The good rows as a table in ``language``: the scores, NEWS2, the highest single score and the level,
    then the reasons and any reading not taken."""
    from app.vocabulary import label
    from app.vocabulary.severity import CLI, LEVEL, LEVEL_SHORT, PARAMETER, PARAMETER_SHORT, reason_text

    def say(key: str, **fields: object) -> str:
        return CLI[key].say(language).format(**fields)

    heads = [say("line"), *(PARAMETER_SHORT[p].say(language) for p in Parameter), say("news2"), say("max_single")]
    widths = [max(5, len(h) + 1) for h in heads]
    out = ["".join(h.rjust(w) for h, w in zip(heads, widths)) + "  " + say("level")]
    for row in rows:
        s = row.severity
        if s is None:
            continue
        n = s.news2
        cells = [str(row.line), *(str(n.scores[p]) if p in n.scores else "-" for p in Parameter),
                 f"{n.total}{'' if n.complete else '+'}", str(n.max_single)]
        when = say("at_once") if s.minutes == 0 else say("within", minutes=s.minutes)
        level = f"{label(LEVEL, s.level, language=language)} · {when}"
        if s.immediate:
            level += f" · {say('immediate')}"
        out.append("".join(c.rjust(w) for c, w in zip(cells, widths)) + "  " + level)
        if s.reasons:
            out.append(f"      {say('reasons')}" + say("separator").join(
                f"{reason_text(r.code, r.value, language)} → {label(LEVEL_SHORT, r.level, language=language)}"
                for r in s.reasons))
        if n.missing:
            missing = (PARAMETER[p].say(language) for p in n.missing)
            out.append(f"      {say('missing')}" + say("separator").join(missing))
    return out
