"""Figures a county may change (minutes, hours, validity), kept as data in ``clinic_settings``.

Each area declares its figures as a frozen dataclass of ints deriving from ``FigureSet``: a settings
``KEY`` and one ``Figure`` per field with its bounds, unit and the guideline phrase it comes from,
so the rules page can list every figure in force with its source, and one service edits them all
(audited, with the stale-edit check). A stored value outside its bounds, or a figure added in a later
release, falls back to the default rather than stopping the desk.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, ClassVar, TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.db.engine import connection_of
from app.db.models import ClinicSetting
from app.errors import StaleEdit, ValidationError
from app.permissions import Perm
from app.services.base import Service


@dataclass(frozen=True)
class Figure:
    minimum: int
    maximum: int
    unit: str  # "minutes", "hours", "days", "count"
    source: str  # the guideline phrase (Chinese) the default comes from


@dataclass(frozen=True)
class FigureSet:
    KEY: ClassVar[str]
    FIGURES: ClassVar[dict[str, Figure]]

    def __post_init__(self) -> None:
        for f in fields(self):
            value, spec = getattr(self, f.name), self.FIGURES[f.name]
            if isinstance(value, bool) or not isinstance(value, int) or not spec.minimum <= value <= spec.maximum:
                raise ValidationError("figure_range", field=f.name, minimum=spec.minimum, maximum=spec.maximum)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


F = TypeVar("F", bound=FigureSet)


_STORED = select(ClinicSetting.value, ClinicSetting.version).where(ClinicSetting.key == bindparam("key"))


def load_figures(s: Session, cls: type[F]) -> tuple[F, int]:
    """The figures in force and their version (0: never edited, the defaults). Read at each call (an edit at
    another desk counts at once); only the parsing of the stored text is remembered (scans read them often)."""
    row = connection_of(s).execute(_STORED, {"key": cls.KEY}).first()
    if row is None:
        return cls(), 0
    return parse_figures(cls, row.value), row.version


_parsed: dict[tuple[str, str], FigureSet] = {}


def parse_figures(cls: type[F], value: str) -> F:
    """The figures a stored text holds (a value out of today's bounds: its default); remembered by text."""
    found = _parsed.get((cls.KEY, value))
    if type(found) is cls:  # the same key in another set of figures (a test's own) is parsed anew
        return found
    figures = cls()
    stored: dict[str, Any] = json.loads(value)
    for name in cls.FIGURES:
        if name in stored:
            try:
                figures = replace(figures, **{name: stored[name]})
            except ValidationError:
                pass  # out of today's bounds: the default stands
    if len(_parsed) > 64:
        _parsed.clear()
    _parsed[(cls.KEY, value)] = figures
    return figures


class FiguresService(Service):
    def get(self, cls: type[F]) -> tuple[F, int]:
        with self.db.read() as s:
            return load_figures(s, cls)

    def update(self, actor: Actor, figures: FigureSet, expected_version: int) -> int:
        """An admin changes an area's figures; the audit keeps before and after."""
        key = figures.KEY
        with self.audited_write(actor, "figures.update", "setting", Perm.MANAGE_CLINIC_SETTINGS, key) as op:
            row = op.session.get(ClinicSetting, key)
            if (row.version if row else 0) != expected_version:
                raise StaleEdit(key=key)
            before = json.loads(row.value) if row else json.loads(type(figures)().to_json())
            if row is None:
                row = ClinicSetting(key=key, value=figures.to_json(), updated_at=self.clock.now())
                op.session.add(row)
            else:
                row.value, row.updated_at = figures.to_json(), self.clock.now()
            op.session.flush()
            op.summary = {"before": before, "after": json.loads(figures.to_json())}
            return row.version
