"""Admin-edited triage data: the rule thresholds and the medium/high-risk area list."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import case, delete, func, select

from app.actor import Actor
from app.db.models import ClinicSetting
from app.errors import Conflict, StaleEdit, ValidationError
from app.permissions import Perm
from app.services.base import Service
from app.triage.rules import TriageRules, normalise_area
from app.triage.tables import RiskArea
from app.triage.vocab import RiskLevel

RULES_KEY = "triage.rules"
LEVEL_WORDS = {"medium": "medium", "high": "high", "中": "medium", "中风险": "medium", "高": "high", "高风险": "high"}


@dataclass(frozen=True)
class RiskAreaRecord:
    name: str
    level: str
    since: date | None
    source: str


def parse_risk_areas(data: bytes, filename: str) -> list[RiskAreaRecord]:
    """CSV (``name,level[,since]``, UTF-8 with or without BOM or GBK; a header row is optional) or a JSON
    list of ``{"name", "level", "since"}``. Levels: medium/high or 中风险/高风险."""
    from app.triage.import_read import decode_text

    text = decode_text(data)  # UTF-8 (BOM or not) or GB18030/GBK, never guessed silently
    rows: list[tuple[str, str, str]] = []
    if filename.lower().endswith(".json"):
        try:
            items = json.loads(text)
            rows = [(str(i["name"]), str(i["level"]), str(i.get("since") or "")) for i in items]
        except (ValueError, KeyError, TypeError) as exc:
            raise ValidationError("risk_file_format", field="file") from exc
    else:
        try:  # newline="": a bare CR (an old Mac/Excel export) ends a row as CR LF does
            for cells in csv.reader(io.StringIO(text, newline="")):
                if not cells or not "".join(cells).strip():
                    continue
                if cells[0].strip().lower() in ("name", "area", "地区"):
                    continue
                rows.append((cells[0], cells[1] if len(cells) > 1 else "", cells[2] if len(cells) > 2 else ""))
        except csv.Error as exc:  # a damaged file (stray quotes, control bytes): refused, never a crash
            raise ValidationError("risk_file_format", field="file") from exc
    areas: dict[str, RiskAreaRecord] = {}
    for line, (name, level, since) in enumerate(rows, start=1):
        area = normalise_area(name)
        level_code = LEVEL_WORDS.get(level.strip().lower())
        if len(area) < 2 or level_code is None:
            raise ValidationError("risk_file_row", field="file", row=line)
        try:
            since_date = date.fromisoformat(since.strip()) if since.strip() else None
        except ValueError as exc:
            raise ValidationError("risk_file_row", field="file", row=line) from exc
        areas[area] = RiskAreaRecord(area, level_code, since_date, "import")
    return list(areas.values())


class TriageConfigService(Service):
    def rules(self) -> tuple[TriageRules, int]:
        """The current rules and their version (0 = never edited: the defaults)."""
        with self.db.read() as s:
            row = s.get(ClinicSetting, RULES_KEY)
            return (TriageRules.from_json(row.value), row.version) if row else (TriageRules(), 0)

    def update_rules(self, actor: Actor, rules: TriageRules, expected_version: int) -> int:
        with self.audited_write(actor, "triage.rules_update", "setting", Perm.MANAGE_CLINIC_SETTINGS, RULES_KEY) as op:
            row = op.session.get(ClinicSetting, RULES_KEY)
            current = row.version if row else 0
            if current != expected_version:
                raise StaleEdit(key=RULES_KEY)
            before = row.value if row else TriageRules().to_json()
            if row is None:
                row = ClinicSetting(key=RULES_KEY, value=rules.to_json(), updated_at=self.clock.now())
                op.session.add(row)
            else:
                row.value = rules.to_json()
                row.updated_at = self.clock.now()
            op.session.flush()
            op.summary = {"before": json.loads(before), "after": json.loads(rules.to_json())}
            return row.version

    def risk_areas(self) -> list[RiskAreaRecord]:
        with self.db.read() as s:
            return [RiskAreaRecord(a.name, a.level, a.since, a.source)
                    for a in s.scalars(select(RiskArea).order_by(case((RiskArea.level == "high", 0), else_=1),
                                                                 RiskArea.name))]

    def replace_risk_areas(self, actor: Actor, areas: list[RiskAreaRecord], source: str, *,
                           force: bool = False) -> int:
        """Swap the whole list in one transaction (the county publishes the full current list).

        The shrink guard: an empty list, or one shorter than half the current list, is refused
        (``Conflict("risk_areas_shrink", old=, new=)``) unless ``force`` — a truncated or empty file would
        otherwise silently stop high-risk travel from sending anyone to the fever clinic. The person who
        imports confirms (``--force``, or the screen's question) and the audit row records it (``forced``).

        The county hub's list (``source == "hub"``, app/reporting/sync.py) is applied with ``force``: it is the
        county's authoritative list, checked whole by the hub and by the pull, and a county that lifts most of
        its areas at once must reach every clinic without a person at each desk confirming it; the audit row
        still records the old and new counts."""
        for area in areas:
            if area.level not in RiskLevel._value2member_map_:
                raise ValidationError("risk_level", field="level", area=area.name)
        with self.audited_write(actor, "triage.risk_areas_replace", "risk_areas",
                                Perm.MANAGE_CLINIC_SETTINGS) as op:
            old_count = op.session.scalar(select(func.count(RiskArea.id))) or 0
            before = old_count > 0
            shrinks = (not areas and before) or len(areas) * 2 < old_count
            if shrinks and not force and source != "hub":
                raise Conflict("risk_areas_shrink", old=old_count, new=len(areas))
            if shrinks:
                op.summary["forced"] = True
            op.session.execute(delete(RiskArea))
            now = self.clock.now()
            op.session.add_all([RiskArea(name=a.name, level=a.level, since=a.since, source=source, updated_at=now)
                                for a in areas])
            op.summary = {**op.summary, "source": source, "count": len(areas), "had_list": before,
                          "before_count": old_count, "high": sum(a.level == "high" for a in areas)}
            return len(areas)

    def import_risk_areas(self, actor: Actor, path: Path, *, force: bool = False) -> int:
        """Replace the list from a file; the shrink guard of ``replace_risk_areas`` applies."""
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ValidationError("file_unreadable", field="file", path=str(path)) from exc
        return self.replace_risk_areas(actor, parse_risk_areas(data, Path(path).name), "import", force=force)
