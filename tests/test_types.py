"""Type hints are checked (issue 15): mypy over app/ and ui/ with pyproject.toml's [tool.mypy], zero errors.

scripts/test.sh runs the same check before pytest; this test makes a plain pytest run catch it too. The checks
below it keep the check honest: the configuration silences nothing wholesale, and it does reject a wrong type."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _mypy(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, check=False)


def _config() -> dict[str, Any]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        config: dict[str, Any] = tomllib.load(f)["tool"]["mypy"]
    return config


def test_app_and_ui_have_no_type_errors() -> None:
    done = _mypy()  # files, strictness and the named third-party exceptions: pyproject.toml
    assert done.returncode == 0, f"mypy found type errors:\n{done.stdout}{done.stderr}"
    assert "Success: no issues found" in done.stdout, done.stdout


def test_the_configuration_checks_app_and_ui_and_silences_nothing_wholesale() -> None:
    config = _config()
    assert config["files"] == ["app", "ui"]
    assert config["disallow_untyped_defs"] is True
    assert config["warn_unused_ignores"] is True
    assert "ignore-without-code" in config["enable_error_code"]
    for key in ("ignore_errors", "ignore_missing_imports", "disable_error_code", "follow_imports"):
        assert key not in config, f"[tool.mypy] {key} would hide errors across the whole code"
    for override in config.get("overrides", []):
        assert set(override) == {"module", "ignore_missing_imports"}, override  # only "this library has no types"
        for module in override["module"]:
            assert not module.startswith(("app", "ui")) and module != "*", module


def test_no_file_switches_its_own_checking_off() -> None:
    """An inline ``# mypy: ignore-errors`` or a bare ``# type: ignore`` at the top of a module would skip it."""
    pattern = re.compile(r"#\s*mypy:\s*(ignore-errors|disable-error-code)|^#\s*type:\s*ignore\s*$", re.MULTILINE)
    offenders = [str(p.relative_to(ROOT)) for folder in ("app", "ui") for p in sorted((ROOT / folder).rglob("*.py"))
                 if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_check_rejects_a_wrong_type_and_an_unannotated_function(tmp_path: Path) -> None:
    (tmp_path / "wrong.py").write_text('count: int = "three"\n\n\ndef untyped(x):\n    return x\n', encoding="utf-8")
    done = _mypy("--config-file", str(ROOT / "pyproject.toml"), "wrong.py", cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "[assignment]" in done.stdout and "[no-untyped-def]" in done.stdout, done.stdout
