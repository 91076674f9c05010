"""Lazy table model over the responsibility trail: pages of 200, newest first, fetched on scroll.

The trail grows for years; loading it whole would stall the window. The view asks
``canFetchMore``/``fetchMore`` as the user scrolls, and each page comes through the runner.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from app.audit import AuditEntry
from app.errors import FeverSentinelError
from app.printing.audit_text import summary_text as paper_summary
from app.vocabulary.audit import ACCESS_CRITERIA
from app.vocabulary.summary import SUMMARY_KEY
from ui.i18n import current_language
from ui.labels import action_name, entity_name, outcome_name, role_names
from ui.messages import error_text
from ui.ops import Runner

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200


def _words_en(key: str) -> str:
    """English words for the keys a generic summary names (issue 15: never the raw key); the same table the
    printout reads in Chinese (app/vocabulary/summary.py)."""
    words = SUMMARY_KEY.get(key)
    return words.en if words is not None else ""


def _code_en(key: str, value: str) -> str:
    """A stored code as words, when the key says which vocabularies it may be from; "" for an unknown code."""
    from ui import labels as W

    kinds = (W.alert_kind_name, W.permit_kind_name, W.hospital_kind_name, W.exception_kind_name)
    lookup: dict[str, tuple[Callable[[str], str], ...]] = {
        "kind": kinds, "roles": (W.role_name,), "mode": (W.clinic_mode_name,), "level": (W.level_name,),
        "decision": (W.decision_name,), "outcome": (W.gate_outcome_name, W.sale_outcome_name, W.outcome_name),
        "type": (W.ward_type_name,), "condition": (W.condition_name,), "purposes": (W.desk_purpose_name,),
        "health_code": (W.health_code_name,), "nat_result": (W.test_result_name,),
        "test_result": (W.test_result_name,), "direction": (W.direction_name,), "source": (W.source_name,),
        "nursing_level": (W.nursing_level_name,), "reason": (W.deny_reason_name,),
        "criteria": (lambda code: W.say(ACCESS_CRITERIA[code]) if code in ACCESS_CRITERIA else code,),
    }
    for name in lookup.get(key, ()):
        words = name(value)
        if words and words != value:
            return words
    return "" if key in lookup and re.fullmatch(r"[a-z0-9_]+", value) else value


#: Keys whose values mean nothing to a reader (internal identities): left out of the generic English summary.
_HIDDEN = frozenset({"dedupe_key", "id", "sha256", "had_list", "screening_id", "refused_rule"})


def _value_en(key: str, value: Any, zone: ZoneInfo) -> str:
    if value is None or isinstance(value, bool):
        return ""  # a bare yes/no without its meaning says nothing: left out
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        if _ISO.match(value):
            try:
                return datetime.fromisoformat(value).astimezone(zone).strftime("%Y-%m-%d %H:%M")
            except ValueError:
                return value
        return _code_en(key, value)[:60]
    if isinstance(value, Mapping):
        return ", ".join(t for t in (_pair_en(str(k), v, zone) for k, v in value.items()) if t)[:80]
    if isinstance(value, list | tuple):
        return ", ".join(t for t in (_value_en(key, v, zone) for v in value) if t)[:80]
    return str(value)


def _pair_en(key: str, value: Any, zone: ZoneInfo) -> str:
    text = "" if key in _HIDDEN else _value_en(key, value, zone)
    if not text:
        return ""
    words = _words_en(key)
    return f"{words}: {text}" if words else text


def english_summary(action: str, outcome: str, summary: Any, zone: ZoneInfo) -> str:
    """The summary in English: the timeline's sentence where it has one, the refusal's sentence, else the
    recorded values named in words (never a key, a code with underscores, True/False or None)."""
    from ui.pages.timeline import english_sentence

    s = summary if isinstance(summary, Mapping) else {}
    if outcome != "success" and "error" in s:
        details = {k: v for k, v in s.items() if k != "error"}
        return error_text(FeverSentinelError(str(s["error"]), **details))
    text = english_sentence(action, s, zone)
    if text is not None:
        return text
    return "; ".join(t for t in (_pair_en(str(k), v, zone) for k, v in s.items()) if t)[:300]


def screen_summary(action: str, outcome: str, summary: Any, zone: ZoneInfo) -> str:
    """issue 15 — one wording for screen and paper: in Chinese the very sentence the 责任倒查 printout prints
    (app/printing/audit_text.py); in English the same facts in English."""
    if isinstance(summary, str):
        try:
            summary = json.loads(summary)
        except ValueError:
            summary = {}
    if current_language() != "en":
        return paper_summary(action, outcome, summary, zone)
    return english_summary(action, outcome, summary, zone)


def record_text(entity: str, entity_id: str | None) -> str:
    """The 对象 column: the kind of record in words, and its number (a setting's key is said by the action)."""
    if entity == "setting" or not entity_id:
        return entity_name(entity)
    return f"{entity_name(entity)} {entity_id}"


class AuditTableModel(QAbstractTableModel):
    SEQ, TIME, USER, ROLES, WORKSTATION, ACTION, ENTITY, OUTCOME, SUMMARY = range(9)
    COLUMNS = 9
    failed = Signal(object)

    def __init__(self, runner: Runner, count: Callable[[], int], page: Callable[[int, int], list[AuditEntry]],
                 zone: ZoneInfo, parent: QObject | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._runner = runner
        self._count = count
        self._page = page
        self._zone = zone
        self.page_size = page_size
        self._rows: list[AuditEntry] = []
        self._total = 0
        self._fetching = False

    @property
    def total(self) -> int:
        return self._total

    def reload(self) -> None:
        """Start again from the newest entry (the count is re-read too)."""
        self._fetching = True
        count, page, size = self._count, self._page, self.page_size
        self._runner.run(lambda: (count(), page(0, size)), self._reloaded, self._failed, parent=self)

    def _reloaded(self, result: tuple[int, list[AuditEntry]]) -> None:
        self.beginResetModel()
        self._total, self._rows = result[0], list(result[1])
        self._fetching = False
        self.endResetModel()

    def _failed(self, exc: BaseException) -> None:
        self._fetching = False
        self.failed.emit(exc)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        page, offset, size = self._page, len(self._rows), self.page_size
        self._runner.run(lambda: page(offset, size), lambda rows: self._appended(offset, rows), self._failed,
                         parent=self)

    def _appended(self, offset: int, rows: list[AuditEntry]) -> None:
        self._fetching = False
        if offset != len(self._rows) or not rows:  # a reload happened meanwhile, or the end was reached
            if not rows:
                self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("No."), self.tr("Time"), self.tr("User"), self.tr("Roles"), self.tr("Workstation"),
                self.tr("Action"), self.tr("Record"), self.tr("Outcome"), self.tr("Details")][section]

    def entry_at(self, row: int) -> AuditEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:  # cells are elided; the tooltip has it all
            return self._display(entry, column)  # the whole sentence (never the raw JSON)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.OUTCOME and entry.outcome != "success":
            return Qt.GlobalColor.darkRed
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SEQ:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, e: AuditEntry, column: int) -> str:
        if column == self.SEQ:
            return str(e.seq)
        if column == self.TIME:
            return e.at.astimezone(self._zone).strftime("%Y-%m-%d %H:%M:%S")
        if column == self.USER:
            return e.username
        if column == self.ROLES:
            return role_names(r for r in e.roles.split(",") if r)
        if column == self.WORKSTATION:
            return e.workstation
        if column == self.ACTION:
            return action_name(e.action)
        if column == self.ENTITY:
            return record_text(e.entity, e.entity_id)
        if column == self.OUTCOME:
            return outcome_name(e.outcome)
        return screen_summary(e.action, e.outcome, e.summary, self._zone)
