"""Issue 14, data directory safety on the command line: every command but init, demo, self-test, hub …, ears
(a calculation on a file) and the desktop app refuses a data directory or database without a clinic
(not_initialized, one line, exit 1) and creates nothing there; backup --force / --with-key; restore --yes."""

from __future__ import annotations

import argparse
import io
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from app import cli

EXEMPT = {("init",), ("demo",), ("self-test",), ("ears",), ("severity",), ("gui",)}


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], argparse.ArgumentParser]]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
        return
    for name, child in subs[0].choices.items():
        yield from _leaves(child, (*path, name))


def _dummy(action: argparse.Action) -> str:
    if action.choices:
        return str(next(iter(action.choices)))
    return "1" if action.type in (int, float) else "x"


def _argv(path: tuple[str, ...], parser: argparse.ArgumentParser) -> list[str]:
    argv = list(path)
    for action in parser._actions:
        if action.option_strings:
            if action.required:
                argv += [action.option_strings[0], _dummy(action)]
        elif action.nargs not in ("?", "*", argparse.SUPPRESS):
            argv.append(_dummy(action))
    return argv


COMMANDS = sorted(
    (path, _argv(path, parser)) for path, parser in _leaves(cli.build_parser())
    if path and path not in EXEMPT and path[0] != "hub"
)


def test_the_parser_has_the_commands_checked_here() -> None:
    names = {path for path, _argv in COMMANDS}
    assert {("user", "list"), ("audit", "verify"), ("backup",), ("restore",), ("permit", "list")} <= names
    assert len(names) >= 25


def _run(argv: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = "") -> int:
    """main() in this process; what it prints goes to stdout (capsys)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return cli.main(argv, out=sys.stdout)


@pytest.mark.parametrize("path,argv", COMMANDS, ids=[" ".join(p) for p, _a in COMMANDS])
def test_a_wrong_data_dir_is_refused_and_nothing_is_created(path, argv, tmp_path, monkeypatch, capsys) -> None:
    missing = tmp_path / "typo" / "FeverSentinel"
    code = _run(["--data-dir", str(missing), *argv], monkeypatch, stdin="some-pass-1\n")
    err = capsys.readouterr().err
    assert code == 1 and "not_initialized" in err and len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "typo").exists()

    empty = tmp_path / "empty"
    empty.mkdir()
    assert _run(["--data-dir", str(empty), *argv], monkeypatch, stdin="some-pass-1\n") == 1
    assert "not_initialized" in capsys.readouterr().err
    made = {p.name for p in empty.iterdir()}
    assert not made & {"fever-sentinel.sqlite3", "keys", "settings.json", "backups"}, made


def test_a_database_without_a_clinic_is_refused_unchanged(tmp_path, monkeypatch, capsys) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = data / "fever-sentinel.sqlite3"
    db.write_bytes(b"")  # an empty file, as an old release left on a wrong --data-dir
    assert _run(["--data-dir", str(data), "user", "list"], monkeypatch) == 1
    assert db.read_bytes() == b"" and "not_initialized" in capsys.readouterr().err
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE clinic (id INTEGER PRIMARY KEY, code TEXT)")  # set up, but no clinic
    before = db.read_bytes()
    assert _run(["--data-dir", str(data), "audit", "verify"], monkeypatch) == 1
    assert db.read_bytes() == before


def test_an_empty_database_url_is_refused_and_left_empty(db_url, tmp_path, monkeypatch, capsys) -> None:
    """SQLite file named by --db-url or a fresh PostgreSQL database: nothing is migrated into it."""
    code = _run(["--data-dir", str(tmp_path / "d"), "--db-url", db_url, "user", "list"], monkeypatch)
    assert code == 1 and "not_initialized" in capsys.readouterr().err
    if db_url.startswith("sqlite"):
        assert not Path(db_url.removeprefix("sqlite:///")).exists()
    else:
        engine = create_engine(db_url)
        try:
            assert inspect(engine).get_table_names() == []
        finally:
            engine.dispose()


# ----- backup and restore on the command line --------------------------------------------------------

@pytest.fixture
def clinic_dir(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "clinic"
    assert _run(["--data-dir", str(d), "init", "--clinic-code", "XH01", "--clinic-name", "新河镇卫生院",
                 "--admin", "boss"], monkeypatch, stdin="admin-pass-1\n") == 0
    return d


def test_backup_overwrite_needs_force_and_says_the_keys_are_not_in_it(clinic_dir, tmp_path, monkeypatch,
                                                                       capsys) -> None:
    out = tmp_path / "b.sqlite3"
    out.write_bytes(b"yesterday's backup")
    capsys.readouterr()
    assert _run(["--data-dir", str(clinic_dir), "backup", "--out", str(out)], monkeypatch) == 1
    assert "backup_exists" in capsys.readouterr().err and out.read_bytes() == b"yesterday's backup"
    assert _run(["--data-dir", str(clinic_dir), "backup", "--out", str(out), "--force"], monkeypatch) == 0
    said = capsys.readouterr().out
    assert "signing keys are NOT in this backup" in said and "--with-key" in said
    assert out.read_bytes()[:15] == b"SQLite format 3"


def test_backup_with_key_then_restore_with_key(clinic_dir, tmp_path, monkeypatch, capsys) -> None:
    out = tmp_path / "set" / "b.sqlite3"
    assert _run(["--data-dir", str(clinic_dir), "backup", "--out", str(out), "--with-key"], monkeypatch,
                stdin="a long passphrase\n") == 0
    said = capsys.readouterr().out
    assert "NOT" not in said and str(out) + ".keys" in said
    keys = clinic_dir / "keys"
    originals = {p.name: p.read_bytes() for p in keys.iterdir()}
    for p in keys.iterdir():
        p.unlink()
    assert _run(["--data-dir", str(clinic_dir), "restore", str(out), "--yes", "--with-key"], monkeypatch,
                stdin="wrong passphrase\n") == 1
    assert "key_passphrase_wrong" in capsys.readouterr().err and not list(keys.iterdir())
    assert _run(["--data-dir", str(clinic_dir), "restore", str(out), "--yes", "--with-key"], monkeypatch,
                stdin="a long passphrase\n") == 0
    assert {p.name: p.read_bytes() for p in keys.iterdir()} == originals


def test_restore_without_yes_and_without_a_terminal_is_refused(clinic_dir, tmp_path, monkeypatch, capsys) -> None:
    out = tmp_path / "b.sqlite3"
    assert _run(["--data-dir", str(clinic_dir), "backup", "--out", str(out)], monkeypatch) == 0
    assert _run(["--data-dir", str(clinic_dir), "user", "add", "late", "--role", "doctor"], monkeypatch,
                stdin="late-pass-1\n") == 0
    capsys.readouterr()
    assert _run(["--data-dir", str(clinic_dir), "restore", str(out)], monkeypatch, stdin="yes\n") == 1
    assert "restore_needs_yes" in capsys.readouterr().err
    assert not list(clinic_dir.glob("*.before-restore-*"))

    assert _run(["--data-dir", str(clinic_dir), "restore", str(out), "--yes"], monkeypatch) == 0
    said = capsys.readouterr().out
    kept = list(clinic_dir.glob("fever-sentinel.sqlite3.before-restore-*"))
    assert len(kept) == 1 and str(kept[0]) in said
    with sqlite3.connect(kept[0]) as conn:
        assert ("late",) in conn.execute("SELECT username FROM users").fetchall()
    assert _run(["--data-dir", str(clinic_dir), "user", "list"], monkeypatch) == 0
    assert "late" not in capsys.readouterr().out


def test_restore_onto_a_replacement_computer(clinic_dir, tmp_path, monkeypatch, capsys) -> None:
    out = tmp_path / "b.sqlite3"
    assert _run(["--data-dir", str(clinic_dir), "backup", "--out", str(out)], monkeypatch) == 0
    new = tmp_path / "new-computer"
    assert _run(["--data-dir", str(new), "restore", str(out), "--yes"], monkeypatch) == 1
    assert "not_initialized" in capsys.readouterr().err and not new.exists()
    assert _run(["--data-dir", str(new), "restore", str(out), "--yes", "--new-data-dir"], monkeypatch) == 0
    capsys.readouterr()
    assert _run(["--data-dir", str(new), "user", "list"], monkeypatch) == 0
    assert "boss" in capsys.readouterr().out
