"""Privacy (PIPL, issue 13): the log-in answer does not tell whether an account exists; the database, its
-wal/-shm, backups, settings and saved files are owner-only on POSIX; hidden characters are refused in
names and free text (one validator, and a flush-time net under every service)."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from app import audit
from app.actor import Actor
from app.context import AppContext
from app.errors import AuthError, ValidationError
from app.files import open_private, owner_only_umask, write_private_bytes
from app.settings import PRINTER_NAME
from app.text_rules import check_text
from tests.conftest import ADMIN_PASSWORD

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX matter")


def last_audit(ctx: AppContext) -> audit.AuditEntry:
    with ctx.db.read() as s:
        return audit.page(s, offset=0, limit=1)[0]


class CountingPasswords:
    """Counts argon2 checks, so the test can tell that every failure costs the same work (no timing)."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.verified = inner, 0

    def verify(self, stored: str, password: str) -> bool:
        self.verified += 1
        return self.inner.verify(stored, password)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.inner, name)


# ----- log-in ----------------------------------------------------------------------------------
def test_unknown_user_and_wrong_password_get_the_same_answer_after_the_same_work(
        ctx: AppContext, admin: Actor) -> None:
    counting = CountingPasswords(ctx.users.passwords)
    ctx.users.passwords = counting  # type: ignore[assignment]
    answers = []
    for username, password in (("ghost", "whatever-123"), ("boss", "wrong-password")):
        counting.verified = 0
        with pytest.raises(AuthError) as exc:
            ctx.users.authenticate(username, password, "desk-1")
        answers.append((exc.value.code, exc.value.details, str(exc.value)))
        assert counting.verified == 1  # an unknown name is checked against a dummy hash of the same cost
    assert answers[0] == answers[1]
    assert answers[0][0] == "bad_credentials" and "attempts_left" not in answers[0][1]
    assert '"reason": "wrong_password"' in last_audit(ctx).summary  # the administrator still sees why


def test_a_disabled_account_is_told_so_only_after_the_right_password(ctx: AppContext, admin: Actor) -> None:
    ctx.users.create(admin, username="nurse", full_name="李娜", roles=["triage_nurse"], password="nurse-pass-1")
    ctx.users.set_active(admin, "nurse", False)
    with pytest.raises(AuthError) as wrong:
        ctx.users.authenticate("nurse", "not-her-password", "desk-1")
    with pytest.raises(AuthError) as unknown:
        ctx.users.authenticate("nobody", "not-her-password", "desk-1")
    assert wrong.value.code == unknown.value.code == "bad_credentials"
    assert wrong.value.details == unknown.value.details
    with pytest.raises(AuthError) as right:
        ctx.users.authenticate("nurse", "nurse-pass-1", "desk-1")
    assert right.value.code == "account_disabled"
    ctx.users.set_active(admin, "nurse", True)
    assert ctx.users.authenticate("nurse", "nurse-pass-1", "desk-1").username == "nurse"


def test_the_log_in_sentence_is_the_same_for_every_failure(ctx: AppContext, admin: Actor) -> None:
    from ui.messages import error_text

    texts = set()
    for _ in range(6):  # five wrong passwords lock the account; the sixth try meets the lock
        with pytest.raises(AuthError) as exc:
            ctx.users.authenticate("boss", "wrong-password", "desk-1")
        texts.add(error_text(exc.value))
    with pytest.raises(AuthError) as exc:
        ctx.users.authenticate("boss", ADMIN_PASSWORD, "desk-1")  # locked: even the right password
    texts.add(error_text(exc.value))
    with pytest.raises(AuthError) as exc:
        ctx.users.authenticate("ghost", "wrong-password", "desk-1")
    texts.add(error_text(exc.value))
    assert len(texts) == 1 and "locked for 15 minutes" in texts.pop()


# ----- owner-only files ------------------------------------------------------------------------
def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_database_backup_settings_and_saved_files_are_owner_only(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    previous = os.umask(0o022)  # a permissive umask: the modes must not depend on it
    try:
        ctx = sqlite_ctx
        admin = ctx.clinic.initialize(Actor.system("test-ws"), code="XH01", name="新河镇卫生院", level="township",
                                      admin_username="boss", admin_full_name="王院长",
                                      admin_password=ADMIN_PASSWORD)[1]
        actor = ctx.users.authenticate(admin.username, ADMIN_PASSWORD, "test-ws")
        database = ctx.paths.database
        assert mode(ctx.paths.root) == 0o700
        for path in (database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")):
            assert path.exists() and mode(path) == 0o600, path
        result = ctx.backup.backup(actor, ctx.paths.backups / "b1.sqlite3")
        assert mode(result.path) == 0o600 and mode(ctx.paths.backups) == 0o700
        ctx.settings.set(PRINTER_NAME, "前台打印机")
        ctx.settings.save()
        assert mode(ctx.paths.settings) == 0o600
        write_private_bytes(tmp_path / "form.pdf", b"%PDF-1.7")
        with open_private(tmp_path / "list.csv", "w", encoding="utf-8-sig") as fh:
            fh.write("a,b\n")
        assert mode(tmp_path / "form.pdf") == mode(tmp_path / "list.csv") == 0o600
    finally:
        os.umask(previous)


@posix_only
def test_an_old_world_readable_database_is_tightened_at_the_next_start(sqlite_ctx: AppContext) -> None:
    database = sqlite_ctx.paths.database
    sqlite_ctx.close()
    os.chmod(database, 0o644)
    from app.context import open_context
    from app.passwords import OWASP_FLOOR

    again = open_context(sqlite_ctx.paths, argon2=OWASP_FLOOR)
    try:
        assert again.db.ping() and mode(database) == 0o600
    finally:
        again.close()


@posix_only
def test_the_process_umask_makes_everything_else_owner_only(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        owner_only_umask()
        (tmp_path / "gate-queue.jsonl").write_text("{}\n")
        (tmp_path / "logs").mkdir()
        assert mode(tmp_path / "gate-queue.jsonl") == 0o600 and mode(tmp_path / "logs") == 0o700
    finally:
        os.umask(previous)


# ----- hidden characters -----------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u200b", "\u200c", "\u200d", "\u2060",
                                 "\ufeff", "\u202a", "\u202e", "\u2066", "\u2069", "\u200e", "\u2028", "\U000e0001",
                                 "\U0003ffff"])
def test_hidden_and_unassigned_characters_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError) as exc:
        check_text(f"张{bad}三", "name")
    assert exc.value.code == "control_characters"
    assert exc.value.details == {"field": "name", "position": 2, "code_point": f"U+{ord(bad):04X}"}


@pytest.mark.parametrize("good", ["张三", "欧阳·娜娜", "Zhang San-Li", "王䶮", "𠀀姓", "李 四", "（家属）", "\ue000"])
def test_printable_names_pass(good: str) -> None:
    assert check_text(good, "name") == good


def test_a_note_keeps_line_breaks_and_tabs_but_a_name_does_not() -> None:
    assert check_text("发热三天\r\n\t咳嗽", "notes", multiline=True) == "发热三天\n\t咳嗽"
    with pytest.raises(ValidationError):
        check_text("张\n三", "name")
    with pytest.raises(ValidationError):
        check_text("发热\u200b三天", "notes", multiline=True)


def test_a_full_name_with_a_bidi_override_is_refused(ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(ValidationError) as exc:
        ctx.users.create(admin, username="nurse", full_name="李\u202e娜", roles=["triage_nurse"],
                         password="nurse-pass-1")
    assert (exc.value.code, exc.value.details["field"]) == ("control_characters", "full_name")
    assert ctx.users.create(admin, username="nurse", full_name="李娜", roles=["triage_nurse"],
                            password="nurse-pass-1").full_name == "李娜"


def test_the_flush_net_refuses_hidden_characters_any_service_would_store(ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(ValidationError) as exc:
        ctx.wards.save_ward(admin, name="隔离\u202e病区", type="observation", gates=["东门"])
    assert (exc.value.code, exc.value.details["field"]) == ("control_characters", "name")
    assert [w.name for w in ctx.wards.wards()] == []
    assert ctx.wards.save_ward(admin, name="隔离病区", type="observation", gates=["东门"]).name == "隔离病区"


def test_cli_reports_the_refusal_without_a_traceback(ctx: AppContext, admin: Actor, db_url: str,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main as cli_main

    monkeypatch.setattr("sys.stdin", io.StringIO("nurse-pass-1\n"))
    code = cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "user", "add", "nurse2",
                     "--full-name", "李\u200b娜", "--role", "triage_nurse"], out=io.StringIO())
    err = capsys.readouterr().err
    assert code == 1 and "control_characters" in err and "Traceback" not in err


def test_a_print_is_recorded_for_an_active_account_only(ctx: AppContext, admin: Actor) -> None:
    from app.access_log import Access
    from app.errors import PermissionDenied

    ctx.users.create(admin, username="nurse", full_name="李娜", roles=["triage_nurse"], password="nurse-pass-1")
    nurse = ctx.users.authenticate("nurse", "nurse-pass-1", "desk-1")
    ctx.access.record(nurse, Access.PRINT, "printed_form", entity_id="guide-slip-XH01-20261123-0001", perm=None)
    entry = last_audit(ctx)
    assert (entry.action, entry.entity_id, entry.username) == ("access.print", "guide-slip-XH01-20261123-0001", "nurse")
    ctx.users.set_active(admin, "nurse", False)
    with pytest.raises(PermissionDenied):
        ctx.access.record(nurse, Access.PRINT, "printed_form", entity_id="guide-slip-XH01-20261123-0001", perm=None)
    assert last_audit(ctx).action == "user.disable"
