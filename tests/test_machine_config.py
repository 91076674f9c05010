"""The machine-wide configuration (issue 14): one clinic for every account of a desk.

Precedence: flag > environment > config file > per-user default; the database password comes from a file
only its owner (and group) may read, goes into the URL in memory only, and is never shown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import FeverSentinelError
from app.machine_config import (
    ENV_CONFIG, MachineConfigError, config_path, display_url, load_machine_config, read_password_file,
    with_password,
)
from app.paths import ENV_DB_URL, ENV_HOME, DataPaths, per_user_data_dir, resolve_db_url, resolve_paths

ROOT = Path(__file__).resolve().parent.parent
PG = "postgresql+psycopg://fs_desk@clinic-server:5432/fever_sentinel"


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in (ENV_CONFIG, ENV_HOME, ENV_DB_URL):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def write_config(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def password_file(tmp_path: Path, mode: int = 0o600, text: str = "s3cret/pa:ss@word\n") -> Path:
    path = tmp_path / "db-password.txt"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_the_config_file_is_found_per_platform(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if sys.platform == "win32":
        assert config_path().parts[-2:] == ("FeverSentinel", "config.toml")
    else:
        assert config_path() == Path("/etc/fever-sentinel/config.toml")
    clean_env.setenv(ENV_CONFIG, str(tmp_path / "x.toml"))
    assert config_path() == tmp_path / "x.toml"
    assert not load_machine_config().exists  # a missing file is no configuration, not an error


def test_precedence_flag_environment_config_default(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    config = write_config(tmp_path / "config.toml", f"data_dir = '{shared}'\ndb_url = '{PG}'\n")
    clean_env.setenv(ENV_CONFIG, str(config))

    paths = resolve_paths(None)  # the config file
    assert paths.root == shared and paths.source == "config"
    assert resolve_db_url(paths, None) == PG

    clean_env.setenv(ENV_HOME, str(tmp_path / "env-home"))  # the environment beats the file
    clean_env.setenv(ENV_DB_URL, "sqlite:///env.sqlite3")
    paths = resolve_paths(None)
    assert paths.root == tmp_path / "env-home" and paths.source == "env"
    assert resolve_db_url(paths, None) == "sqlite:///env.sqlite3"

    paths = resolve_paths(tmp_path / "flag")  # the flag beats both
    assert paths.root == (tmp_path / "flag").resolve() and paths.source == "flag"
    assert resolve_db_url(paths, "sqlite:///flag.sqlite3") == "sqlite:///flag.sqlite3"

    clean_env.delenv(ENV_HOME)
    clean_env.delenv(ENV_DB_URL)
    clean_env.setenv(ENV_CONFIG, str(tmp_path / "none.toml"))  # nothing anywhere: the per-user default
    paths = resolve_paths(None)
    assert paths.root == per_user_data_dir() and paths.source == "default"
    assert resolve_db_url(paths, None) == paths.sqlite_url()


def test_a_data_directory_chosen_for_the_run_keeps_its_own_database(clean_env: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    """`--data-dir /tmp/fs-demo demo` must never reach the clinic's server named in the config."""
    clean_env.setenv(ENV_CONFIG, str(write_config(tmp_path / "config.toml", f"db_url = '{PG}'\n")))
    assert resolve_db_url(resolve_paths(None), None) == PG  # per-user data dir + the config's server
    demo = resolve_paths(tmp_path / "demo")
    assert resolve_db_url(demo, None) == demo.sqlite_url()
    clean_env.setenv(ENV_HOME, str(tmp_path / "home"))
    home = resolve_paths(None)
    assert resolve_db_url(home, None) == home.sqlite_url()
    # made directly (tests, the self-test's throw-away directory): no config at all
    assert resolve_db_url(DataPaths(tmp_path / "x"), None) == DataPaths(tmp_path / "x").sqlite_url()


def test_the_password_comes_from_a_private_file_and_is_never_shown(clean_env: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    secret = password_file(tmp_path)
    clean_env.setenv(ENV_CONFIG, str(write_config(
        tmp_path / "config.toml", f"db_url = '{PG}'\ndb_password_file = '{secret}'\n")))
    url = resolve_db_url(resolve_paths(None), None)
    assert url == "postgresql+psycopg://fs_desk:s3cret%2Fpa%3Ass%40word@clinic-server:5432/fever_sentinel"
    from sqlalchemy.engine import make_url

    assert make_url(url).password == "s3cret/pa:ss@word"  # what the driver gets
    shown = display_url(url)
    assert "s3cret" not in shown and shown == "postgresql+psycopg://fs_desk:***@clinic-server:5432/fever_sentinel"
    assert "s3cret" not in repr(resolve_paths(None))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_world_readable_password_file_is_refused(tmp_path: Path) -> None:
    assert read_password_file(password_file(tmp_path, 0o640)) == "s3cret/pa:ss@word"  # owner + group: fine
    with pytest.raises(MachineConfigError) as err:
        read_password_file(password_file(tmp_path, 0o644))
    assert err.value.code == "password_file_open" and err.value.details["file"].endswith("db-password.txt")
    assert "s3cret" not in str(err.value)


def test_a_missing_or_empty_password_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(MachineConfigError) as err:
        read_password_file(tmp_path / "nowhere.txt")
    assert err.value.code == "password_file_missing" and "nowhere.txt" in err.value.details["file"]
    with pytest.raises(MachineConfigError) as err:
        read_password_file(password_file(tmp_path, text="\n"))
    assert err.value.code == "password_file_empty"
    with pytest.raises(MachineConfigError):
        with_password("sqlite:///x.sqlite3", "pw")  # no user to give it to


def test_a_malformed_file_is_one_message_naming_the_file_and_line(tmp_path: Path) -> None:
    bad = write_config(tmp_path / "config.toml", "data_dir = 'D:/FS'\ndb_url = = 'x'\n")
    with pytest.raises(MachineConfigError) as err:
        load_machine_config(bad)
    assert err.value.code == "config_malformed"
    assert err.value.details["file"] == str(bad) and err.value.details["line"] == 2


@pytest.mark.parametrize(("text", "key"), [
    ("data_dirr = 'x'\n", "data_dirr"),  # a typo is not silently ignored
    ("data_dir = 3\n", "data_dir"),
    (f"db_url = '{PG.replace('fs_desk', 'fs_desk:pw')}'\n", "db_url"),  # never a password in the file
    ("db_url = 'not a url'\n", "db_url"),
    ("db_password_file = '/etc/pw'\n", "db_password_file"),  # without db_url
])
def test_wrong_values_are_named(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(MachineConfigError) as err:
        load_machine_config(write_config(tmp_path / "config.toml", text))
    assert err.value.code == "config_value" and err.value.details["key"] == key
    assert isinstance(err.value, FeverSentinelError)


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in (ENV_HOME, ENV_DB_URL, ENV_CONFIG)} | env
    return subprocess.run([sys.executable, "-m", "ui.launcher", *args], capture_output=True, text=True, cwd=ROOT,
                          env=full, timeout=120)


def test_every_account_uses_the_config_data_directory(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    env = {ENV_CONFIG: str(write_config(tmp_path / "config.toml", f"data_dir = '{shared}'\n"))}
    r = subprocess.run([sys.executable, "-m", "ui.launcher", "init", "--clinic-code", "XH01", "--clinic-name",
                        "新河镇卫生院", "--admin", "boss"], input="admin-pass-1\n", capture_output=True, text=True,
                       cwd=ROOT, env={k: v for k, v in os.environ.items() if k not in (ENV_HOME, ENV_DB_URL)} | env,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert (shared / "fever-sentinel.sqlite3").exists()
    listed = run("user", "list", env=env)
    assert listed.returncode == 0 and "boss" in listed.stdout


def test_the_cli_says_which_file_and_line_is_wrong(tmp_path: Path) -> None:
    bad = write_config(tmp_path / "config.toml", "# machine config\ndb_url = 'postgresql://x@y/z\n")
    r = run("user", "list", env={ENV_CONFIG: str(bad)})
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "[config_malformed]" in lines[0], r.stderr
    assert str(bad) in lines[0] and "line=2" in lines[0]
    assert "Traceback" not in r.stderr
