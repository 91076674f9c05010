"""The rules in force (app/guideline_rules.py): every rule with its area, source phrase and the figures
it uses, read where they live; an admin changes a FigureSet's figures (bounds, stale edit, audited), a
nurse may read but not change them."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from sqlalchemy import select

from app.actor import Actor
from app.casework.figures import CaseworkFigures
from app.context import AppContext
from app.db.models import AuditEvent
from app.errors import NotFound, PermissionDenied, StaleEdit, ValidationError
from app.guideline_rules import RULES, Area, EditedOn, GuidelineRulesService, figure_sets


@pytest.fixture
def rules(ctx: AppContext) -> GuidelineRulesService:
    return GuidelineRulesService(ctx.db, ctx.clock)


@pytest.fixture
def nurse(ctx: AppContext, admin: Actor) -> Actor:
    ctx.users.create(admin, username="nurse", full_name="李娜", roles=["triage_nurse"], password="nurse-pass-1")
    return ctx.users.authenticate("nurse", "nurse-pass-1", "ws")


def test_the_registry_is_well_formed() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert {r.area for r in RULES} == set(Area)  # every area has its rules
    for rule in RULES:
        assert re.search(r"[\u4e00-\u9fff]", rule.source), rule.id  # quoted from the plans, in Chinese
        assert rule.modes, rule.id


def test_every_figure_a_county_may_change_belongs_to_a_rule() -> None:
    used = {ref for rule in RULES for ref in rule.figures}
    for key, cls in figure_sets().items():
        for name in cls.FIGURES:
            assert f"{key}:{name}" in used, f"{key}:{name} is used by no rule in app/guideline_rules.py"
    assert CaseworkFigures.KEY in figure_sets()


def test_rules_in_force_with_their_figures(ctx: AppContext, admin: Actor, nurse: Actor,
                                           rules: GuidelineRulesService) -> None:
    shown = rules.in_force()
    assert [r.id for r in shown.rules] == [r.id for r in RULES]
    report = shown.figure("casework.figures:report_hours")
    assert (report.value, report.unit, report.minimum, report.maximum, report.edited_on, report.version) == (
        2, "hours", 1, 24, EditedOn.RULES, 0)
    assert "2小时" in report.source
    assert shown.figure("triage.rules:fever_threshold_c").value == 37.3
    assert shown.figure("triage.rules:fever_threshold_c").edited_on == EditedOn.TRIAGE_RULES
    assert shown.figure("transfer.targets:request_minutes").value == 30
    assert shown.figure("report.auto_submit_at:time").value == "09:00"
    assert shown.figure("guideline:nat_result_fever_clinic_hours").value == 6
    every_ref = {ref for rule in RULES for ref in rule.figures}
    assert every_ref <= {f"{f.key}:{f.name}" for r in shown.rules for f in r.figures}  # none went missing


def test_a_rule_of_the_other_mode_is_not_in_force(ctx: AppContext, admin: Actor,
                                                  rules: GuidelineRulesService) -> None:
    shown = {r.id: r for r in rules.in_force().rules}  # a township clinic: sentinel room by default
    assert rules.in_force().mode == "refer"
    assert shown["clinic.refer"].in_force and not shown["clinic.tests_and_observation"].in_force
    assert shown["clinic.positive_result"].in_force


def test_settings_pages_figures_show_here(ctx: AppContext, admin: Actor, rules: GuidelineRulesService) -> None:
    current, version = ctx.triage_config.rules()
    ctx.triage_config.update_rules(admin, dataclasses.replace(current, travel_window_days=21), version)
    ctx.reports.set_auto_submit_time(admin, "07:30")
    shown = rules.in_force()
    assert shown.figure("triage.rules:travel_window_days").value == 21
    assert shown.figure("report.auto_submit_at:time").value == "07:30"


def test_an_admin_changes_a_figure(ctx: AppContext, admin: Actor, rules: GuidelineRulesService) -> None:
    version = rules.update_figures(admin, CaseworkFigures.KEY, {"untaken_minutes": 15}, 0)
    figure = rules.in_force().figure("casework.figures:untaken_minutes")
    assert (figure.value, figure.version) == (15, version)
    with ctx.db.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "figures.update")).one()
    assert json.loads(event.summary)["after"]["untaken_minutes"] == 15


def test_changes_refused(ctx: AppContext, admin: Actor, nurse: Actor, rules: GuidelineRulesService) -> None:
    with pytest.raises(ValidationError) as out_of_range:
        rules.update_figures(admin, CaseworkFigures.KEY, {"report_hours": 0}, 0)
    assert (out_of_range.value.code, out_of_range.value.details["field"]) == ("figure_range", "report_hours")
    with pytest.raises(ValidationError) as unknown:
        rules.update_figures(admin, CaseworkFigures.KEY, {"coffee_minutes": 5}, 0)
    assert unknown.value.code == "figure_unknown"
    with pytest.raises(NotFound):
        rules.update_figures(admin, "triage.rules", {"travel_window_days": 20}, 0)  # its own page
    with pytest.raises(PermissionDenied):
        rules.update_figures(nurse, CaseworkFigures.KEY, {"report_hours": 3}, 0)
    rules.update_figures(admin, CaseworkFigures.KEY, {"report_hours": 3}, 0)
    with pytest.raises(StaleEdit):  # another desk saved first
        rules.update_figures(admin, CaseworkFigures.KEY, {"report_hours": 4}, 0)
    assert rules.in_force().figure("casework.figures:report_hours").value == 3
