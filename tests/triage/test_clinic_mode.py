"""Clinic mode (issue 12): refer (哨点诊室) or treat (发热诊室/门诊) — chosen at set-up (default from the
level), stored, and changed only by an admin with a reason, audited with before and after."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import delete

from app import audit
from app.actor import Actor
from app.cli import main as cli_main
from app.clinic_mode import MODE_KEY, ClinicMode, default_mode, load_mode
from app.context import AppContext
from app.db.models import ClinicSetting
from app.errors import PermissionDenied, StaleEdit, ValidationError

PASSWORD = "admin-pass-1"


def init(ctx: AppContext, level: str, mode: str | None = None) -> Actor:
    ctx.clinic.initialize(Actor.system("test"), code="XH01", name="新河镇卫生院", level=level, admin_username="boss",
                          admin_full_name="王院长", admin_password=PASSWORD, mode=mode)
    return ctx.users.authenticate("boss", PASSWORD, "test")


def last_entry(ctx: AppContext) -> audit.AuditEntry:
    with ctx.db.read() as s:
        return audit.page(s, offset=0, limit=1)[0]


@pytest.mark.parametrize(("level", "mode"), [("township", "refer"), ("other", "refer"), ("county", "treat")])
def test_the_default_follows_the_level_and_is_stored(ctx: AppContext, level: str, mode: str) -> None:
    init(ctx, level)
    info = ctx.clinic.mode()
    assert (info.mode, info.level_default, info.explicit, info.version) == (mode, mode, True, 1)
    with ctx.db.read() as s:
        entry = audit.page(s, offset=0, limit=5, newest_first=False)[0]
    assert entry.action == "clinic.initialize" and json.loads(entry.summary)["mode"] == mode


def test_the_wizard_may_choose_against_the_level(ctx: AppContext) -> None:
    init(ctx, "township", "treat")  # a township centre running its own 发热诊室
    info = ctx.clinic.mode()
    assert (info.mode, info.level_default, info.explicit) == ("treat", "refer", True)


def test_an_unknown_mode_is_refused_at_set_up(ctx: AppContext) -> None:
    with pytest.raises(ValidationError) as exc:
        init(ctx, "township", "close")
    assert (exc.value.code, exc.value.details["field"]) == ("clinic_mode", "mode")
    assert not ctx.clinic.is_initialized()


def test_a_clinic_from_before_the_mode_existed_uses_its_levels_default(ctx: AppContext) -> None:
    init(ctx, "county")
    with ctx.db.write() as s:
        s.execute(delete(ClinicSetting).where(ClinicSetting.key == MODE_KEY))
    info = ctx.clinic.mode()
    assert (info.mode, info.explicit, info.version) == ("treat", False, 0)
    with ctx.db.read() as s:
        assert load_mode(s) is ClinicMode.TREAT
    assert default_mode("township") is ClinicMode.REFER


def test_an_admin_changes_the_mode_with_a_reason(ctx: AppContext) -> None:
    boss = init(ctx, "township")
    before = ctx.clinic.mode()
    after = ctx.clinic.change_mode(boss, "treat", "  县卫健局批准设立发热诊室 ", before.version)
    assert (after.mode, after.version) == ("treat", before.version + 1)
    assert ctx.clinic.mode() == after
    entry = last_entry(ctx)
    assert (entry.action, entry.outcome, entry.entity_id) == ("clinic.mode_change", "success", MODE_KEY)
    assert json.loads(entry.summary) == {"before": "refer", "after": "treat", "reason": "县卫健局批准设立发热诊室"}
    with ctx.db.read() as s:
        assert load_mode(s) is ClinicMode.TREAT  # what the other desks' services read
    back = ctx.clinic.change_mode(boss, "refer", "发热诊室停用，恢复转诊")  # no version: last write wins
    assert back.mode == "refer"


def test_mode_changes_that_are_refused(ctx: AppContext) -> None:
    boss = init(ctx, "township")
    ctx.users.create(boss, username="nurse", full_name="李娜", roles=["triage_nurse"], password="nurse-pass-1")
    nurse = ctx.users.authenticate("nurse", "nurse-pass-1", "desk")
    with pytest.raises(PermissionDenied):
        ctx.clinic.change_mode(nurse, "treat", "我们自己接诊")
    entry = last_entry(ctx)
    assert (entry.action, entry.outcome) == ("clinic.mode_change", "denied")
    cases = [("treat", "", "mode_change_reason"), ("treat", " 批 准 ", "mode_change_reason"),
             ("refer", "已经是转诊", "mode_unchanged"), ("clinic", "随便写写", "clinic_mode"),
             ("treat", "长" * 201, "too_long")]
    for mode, reason, code in cases:
        with pytest.raises(ValidationError) as exc:
            ctx.clinic.change_mode(boss, mode, reason)
        assert exc.value.code == code, (mode, reason)
    version = ctx.clinic.mode().version
    ctx.clinic.change_mode(boss, "treat", "另一台电脑先改了", version)
    with pytest.raises(StaleEdit):
        ctx.clinic.change_mode(boss, "refer", "按旧版本修改", version)
    assert ctx.clinic.mode().mode == "treat"


def run_init(tmp_path: Path, *extra: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-pass-1\n"))
    out = io.StringIO()
    code = cli_main(["--data-dir", str(tmp_path / "d"), "init", "--clinic-code", "XH01", "--clinic-name", "新河镇卫生院",
                     "--admin", "boss", *extra], out=out)
    return code, out.getvalue()


@pytest.mark.parametrize(("extra", "mode"), [((), "refer"), (("--level", "county"), "treat"),
                                             (("--mode", "treat"), "treat"),
                                             (("--level", "county", "--mode", "refer"), "refer")])
def test_cli_init_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: tuple[str, ...], mode: str) -> None:
    code, out = run_init(tmp_path, *extra, monkeypatch=monkeypatch)
    assert code == 0 and f"mode {mode}" in out


def test_cli_init_refuses_an_unknown_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit) as exc:
        run_init(tmp_path, "--mode", "close", monkeypatch=monkeypatch)
    assert exc.value.code == 2
