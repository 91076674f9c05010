"""The domain stays free of Qt: checked by import-linter's contracts and by reading every module."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "qtpy")


def test_import_linter_contracts_hold() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert exe, "import-linter is a test dependency"
    result = subprocess.run([exe, "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken" in result.stdout


def test_no_module_under_app_mentions_qt() -> None:
    """Also catches imports hidden in functions, strings passed to importlib, and __import__."""
    offenders: list[str] = []
    for path in (ROOT / "app").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                names = [node.value] if node.value.split(".")[0] in QT_MODULES else []
            offenders += [f"{path.relative_to(ROOT)}:{node.lineno}: {n}" for n in names
                          if n.split(".")[0] in QT_MODULES]
    assert not offenders, offenders


def test_importing_the_domain_loads_no_qt() -> None:
    code = ("import sys, app.context, app.cli, app.services.demo; "
            "print([m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_login_window_path_loads_no_database_stack() -> None:
    """Start-up speed (issue 8): the log-in window shows before SQLAlchemy, cryptography, argon2... load;
    they load on the worker thread behind it. A module-level import on this path would undo that, and so would
    building the command-line parser (the desktop app parses its arguments with it) if its help read the
    vocabularies through a package that loads every printed form. Nor the standard library's parsers and
    helpers that only a later step needs (issue 16: ~12 ms of a ~260 ms start): the machine config's TOML
    (read only when the file exists), time zones (after log-in), the translation compiler's subprocess,
    the terminal's password prompt."""
    heavy = ("sqlalchemy", "alembic", "cryptography", "argon2", "reportlab", "qrcode", "httpx", "psycopg",
             "pycose", "pypinyin", "app.context", "app.db", "app.selftest", "ui.main_window", "ui.setup_wizard",
             "tomllib", "zoneinfo", "subprocess", "getpass")
    code = ("import sys, ui.launcher, ui.app, ui.login, app.cli; app.cli.build_parser(); "
            f"print(sorted(m for m in sys.modules if m.startswith({heavy!r})))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
