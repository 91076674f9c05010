"""Accounts, roles, permissions enforced in the services, lockout and rehash."""

from __future__ import annotations

import pytest

from app import audit
from app.actor import Actor
from app.clock import FixedClock
from app.context import AppContext
from app.errors import AuthError, Conflict, PermissionDenied, StaleEdit, ValidationError
from app.passwords import OWASP_FLOOR, Argon2Params, Passwords
from app.services.users import UserService
from tests.conftest import ADMIN_PASSWORD


def last_audit(ctx: AppContext) -> audit.AuditEntry:
    with ctx.db.read() as s:
        return audit.page(s, offset=0, limit=1)[0]


def test_admin_creates_staff_with_several_roles(ctx: AppContext, admin: Actor) -> None:
    user = ctx.users.create(admin, username="Li.Na", full_name=" 李  娜 ", roles=["triage_nurse", "doctor"],
                            password="nurse-pass1")
    assert user.username == "li.na" and user.full_name == "李 娜"
    assert user.roles == {"triage_nurse", "doctor"}
    nurse = ctx.users.authenticate("li.na", "nurse-pass1", "desk-1")
    assert nurse.roles == {"triage_nurse", "doctor"} and nurse.workstation == "desk-1"
    entry = last_audit(ctx)
    assert (entry.action, entry.outcome, entry.username) == ("auth.login", "success", "li.na")


def test_duplicate_username_is_a_conflict(ctx: AppContext, admin: Actor) -> None:
    ctx.users.create(admin, username="gate1", full_name="门岗", roles=["gatekeeper"], password="gate-pass1")
    with pytest.raises(Conflict) as exc:
        ctx.users.create(admin, username="GATE1", full_name="门岗二", roles=["gatekeeper"], password="gate-pass1")
    assert exc.value.code == "username_taken"
    assert last_audit(ctx).outcome == "failed"


@pytest.mark.parametrize(
    ("username", "roles", "password", "code"),
    [("a", ["doctor"], "good-pass1", "username"), ("ok_name", [], "good-pass1", "no_role"),
     ("ok_name", ["chief"], "good-pass1", "unknown_role"), ("ok_name", ["doctor"], "short", "password_too_short"),
     ("ok_name", ["doctor"], "aaaaaaaaaa", "password_too_simple")],
)
def test_bad_input_is_refused_with_a_code(ctx: AppContext, admin: Actor, username: str, roles: list[str],
                                          password: str, code: str) -> None:
    with pytest.raises(ValidationError) as exc:
        ctx.users.create(admin, username=username, full_name="某某", roles=roles, password=password)
    assert exc.value.code == code


def test_permission_denied_in_the_service_and_audited(ctx: AppContext, admin: Actor) -> None:
    ctx.users.create(admin, username="nurse", full_name="护士", roles=["triage_nurse"], password="nurse-pass1")
    nurse = ctx.users.authenticate("nurse", "nurse-pass1", "desk-1")
    with pytest.raises(PermissionDenied):
        ctx.users.create(nurse, username="evil", full_name="x", roles=["admin"], password="evil-pass1")
    with pytest.raises(PermissionDenied):
        ctx.users.list(nurse)
    with pytest.raises(PermissionDenied):
        ctx.audit.verify(nurse)
    entry = last_audit(ctx)
    assert (entry.action, entry.outcome, entry.username) == ("user.create", "denied", "nurse")
    assert "permission_denied" in entry.summary


def test_disabled_account_is_stopped_at_once(ctx: AppContext, admin: Actor) -> None:
    ctx.users.create(admin, username="admin2", full_name="副管理员", roles=["admin"], password="admin2-pass")
    second = ctx.users.authenticate("admin2", "admin2-pass", "desk-2")
    ctx.users.set_active(admin, "admin2", False)
    with pytest.raises(PermissionDenied) as exc:
        ctx.users.list(second)  # already logged in, but the service re-checks the account
    assert exc.value.code == "account_disabled"
    with pytest.raises(AuthError) as auth:
        ctx.users.authenticate("admin2", "admin2-pass", "desk-2")
    assert auth.value.code == "account_disabled"


def test_last_admin_cannot_be_removed(ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(ValidationError) as exc:
        ctx.users.set_active(admin, "boss", False)
    assert exc.value.code == "cannot_disable_self"
    me = next(u for u in ctx.users.list(admin) if u.username == "boss")
    with pytest.raises(ValidationError) as exc:
        ctx.users.update(admin, username="boss", expected_version=me.version, full_name="王院长", roles=["doctor"])
    assert exc.value.code == "last_admin"


def test_stale_edit_is_refused(ctx: AppContext, admin: Actor) -> None:
    created = ctx.users.create(admin, username="doc", full_name="张医生", roles=["doctor"], password="doc-pass-1")
    ctx.users.update(admin, username="doc", expected_version=created.version, full_name="张伟",
                     roles=["doctor", "triage_nurse"])
    with pytest.raises(StaleEdit):
        ctx.users.update(admin, username="doc", expected_version=created.version, full_name="张三", roles=["doctor"])
    doc = next(u for u in ctx.users.list(admin) if u.username == "doc")
    assert doc.full_name == "张伟" and doc.roles == {"doctor", "triage_nurse"}


def test_role_only_edit_moves_the_version(ctx: AppContext, admin: Actor) -> None:
    created = ctx.users.create(admin, username="doc", full_name="张医生", roles=["doctor"], password="doc-pass-1")
    updated = ctx.users.update(admin, username="doc", expected_version=created.version, full_name="张医生",
                               roles=["gatekeeper"])
    assert updated.version > created.version


def test_lockout_after_five_failures_then_expiry(ctx: AppContext, admin: Actor, clock: FixedClock) -> None:
    codes = []
    for _ in range(5):
        with pytest.raises(AuthError) as exc:
            ctx.users.authenticate("boss", "wrong-password", "desk-1")
        codes.append(exc.value.code)
    assert codes == ["bad_credentials"] * 5  # issue 13: a locked account answers like a wrong password
    with pytest.raises(AuthError) as exc:
        ctx.users.authenticate("boss", ADMIN_PASSWORD, "desk-1")  # even the right password, while locked
    assert exc.value.code == "bad_credentials" and "until" not in exc.value.details
    entry = last_audit(ctx)  # the administrator still sees why
    assert entry.outcome == "failed" and '"reason": "account_locked"' in entry.summary and "until" in entry.summary
    clock.advance(minutes=15, seconds=1)
    assert ctx.users.authenticate("boss", ADMIN_PASSWORD, "desk-1").username == "boss"
    assert last_audit(ctx).outcome == "success"


def test_reset_password_clears_lockout(ctx: AppContext, admin: Actor) -> None:
    ctx.users.create(admin, username="nurse", full_name="护士", roles=["triage_nurse"], password="nurse-pass1")
    for _ in range(5):
        with pytest.raises(AuthError):
            ctx.users.authenticate("nurse", "nope-nope-nope", "desk-1")
    ctx.users.reset_password(admin, "nurse", "fresh-pass-2")
    assert ctx.users.authenticate("nurse", "fresh-pass-2", "desk-1").username == "nurse"


def test_unknown_user_fails_like_a_wrong_password(ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(AuthError) as exc:
        ctx.users.authenticate("ghost", "whatever-123", "desk-1")
    assert exc.value.code == "bad_credentials"
    assert last_audit(ctx).outcome == "failed"


def test_change_own_password(ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(AuthError):
        ctx.users.change_own_password(admin, "not-my-password", "new-pass-123")
    ctx.users.change_own_password(admin, ADMIN_PASSWORD, "new-pass-123")
    assert ctx.users.authenticate("boss", "new-pass-123", "desk-1").username == "boss"


def test_login_rehashes_when_parameters_rise(ctx: AppContext, admin: Actor) -> None:
    stronger = Argon2Params(time_cost=3, memory_cost_kib=OWASP_FLOOR.memory_cost_kib, parallelism=1)
    users = UserService(ctx.db, ctx.clock, Passwords(stronger))
    from app.db.models import User

    with ctx.db.read() as s:
        before = s.query(User).filter_by(username="boss").one().password_hash
    users.authenticate("boss", ADMIN_PASSWORD, "desk-1")
    with ctx.db.read() as s:
        after = s.query(User).filter_by(username="boss").one().password_hash
    assert "t=2" in before and "t=3" in after
    assert users.authenticate("boss", ADMIN_PASSWORD, "desk-1").username == "boss"


def test_parameters_below_owasp_are_refused() -> None:
    with pytest.raises(ValueError):
        Argon2Params(time_cost=1, memory_cost_kib=8 * 1024, parallelism=1)
    hashed = Passwords().hash("production-1")
    assert hashed.startswith("$argon2id$") and "m=65536,t=3,p=4" in hashed


def test_disabling_a_doctor_lists_their_open_cases_first(ctx: AppContext, admin: Actor) -> None:
    """Issue 12: a doctor who owns open cases is not disabled until the list has been seen (they would be
    orphaned); the desk and the command line show the list (tests/transfer/test_reassign.py: reassigning)."""
    from tests.casework.conftest import arrive

    ctx.users.create(admin, username="nurse", full_name="李娜", roles=["triage_nurse"], password="nurse-pass-1")
    ctx.users.create(admin, username="doc1", full_name="张伟", roles=["doctor"], password="doc1-pass-1")
    nurse = ctx.users.authenticate("nurse", "nurse-pass-1", "desk")
    doc = ctx.users.authenticate("doc1", "doc1-pass-1", "room")
    visit_no = arrive(ctx, nurse, doc)
    ctx.cases.take(doc, visit_no)
    with pytest.raises(Conflict) as exc:
        ctx.users.set_active(admin, "doc1", False)
    assert exc.value.code == "doctor_has_open_cases" and exc.value.details["visits"] == [visit_no]
    assert (last_audit(ctx).action, last_audit(ctx).outcome) == ("user.disable", "failed")
    assert ctx.users.set_active(admin, "doc1", False, open_cases_seen=True).active is False
    assert "open_cases" in last_audit(ctx).summary
    assert ctx.users.set_active(admin, "doc1", True).active  # enabling needs nothing


def test_cli_user_disable_prints_open_cases_and_needs_force(ctx: AppContext, admin: Actor, paths, db_url: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main
    from tests.casework.conftest import arrive

    ctx.users.create(admin, username="nurse", full_name="李娜", roles=["triage_nurse"], password="nurse-pass-1")
    ctx.users.create(admin, username="doc1", full_name="张伟", roles=["doctor"], password="doc1-pass-1")
    ctx.users.create(admin, username="doc2", full_name="刘洋", roles=["doctor"], password="doc2-pass-1")
    nurse = ctx.users.authenticate("nurse", "nurse-pass-1", "desk")
    doc = ctx.users.authenticate("doc1", "doc1-pass-1", "room")
    visit_no = arrive(ctx, nurse, doc)
    ctx.cases.take(doc, visit_no)

    def cli(*args: str) -> int:
        return main(["user", *args, "--data-dir", str(paths.root), "--db-url", db_url])

    assert cli("disable", "doc2") == 0  # no open cases: disabled at once
    capsys.readouterr()
    assert cli("disable", "doc1") == 1
    out = capsys.readouterr()
    assert f"open case {visit_no}" in out.out and "doctor_has_open_cases" in out.err and "--force" in out.err
    assert next(u for u in ctx.users.list(admin) if u.username == "doc1").active
    assert cli("disable", "doc1", "--force") == 0
    assert "disabled; reassign its 1 open case(s)" in capsys.readouterr().out
    assert not next(u for u in ctx.users.list(admin) if u.username == "doc1").active
