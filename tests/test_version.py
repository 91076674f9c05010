"""One version number (issue 14): app.__version__, read by pyproject.toml, moved with every schema change
and written up in CHANGELOG.md; shown by --version and the self-test, sent with each daily report."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import app
from app.db.migrate import CLINIC
from app.hub.migrate import HUB

ROOT = Path(__file__).resolve().parent.parent
SECTION = re.compile(r"^## (\d+\.\d+\.\d+) — .+?\n\nSchema: clinic (\d{4})(?: · hub (\d{4}))?$", re.M)


def changelog() -> list[tuple[str, str, str | None]]:
    return [(v, clinic, hub or None) for v, clinic, hub in SECTION.findall(
        (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))]


def test_the_schema_heads_are_those_this_version_ships() -> None:
    """A migration added without moving app.SCHEMA_HEADS (and so __version__ and CHANGELOG.md) fails here."""
    heads = (CLINIC.head_revision(), HUB.head_revision())
    assert heads == app.SCHEMA_HEADS, (
        f"the schema heads are now {heads}, app.SCHEMA_HEADS says {app.SCHEMA_HEADS}: bump app.__version__, "
        "set SCHEMA_HEADS, and add the version's section (with its Schema: line) to CHANGELOG.md")


def test_the_newest_changelog_section_is_this_version_and_its_schema() -> None:
    sections = changelog()
    assert sections, "CHANGELOG.md has no '## X.Y.Z — title' sections with a 'Schema:' line"
    version, clinic, hub = sections[0]
    assert version == app.__version__
    assert (clinic, hub) == app.SCHEMA_HEADS, "CHANGELOG.md's newest Schema: line differs from app.SCHEMA_HEADS"


def test_a_schema_change_always_came_with_a_new_version() -> None:
    """Versions only go up, each once; a schema never goes back, and a version's schema is its own."""
    sections = changelog()[::-1]  # oldest first

    def key(v: str) -> tuple[int, ...]:
        return tuple(int(p) for p in v.split("."))

    assert [key(v) for v, _c, _h in sections] == sorted({key(v) for v, _c, _h in sections})
    for (_v0, clinic0, hub0), (_v1, clinic1, hub1) in zip(sections, sections[1:]):
        assert clinic1 >= clinic0 and (hub1 or "") >= (hub0 or "")
    assert sections[0][:2] == ("0.1.0", "0002")  # release 0.1.0 shipped schema 0002 (tests/fixtures)


def test_pyproject_reads_the_one_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "app.__version__"}


def test_the_command_line_says_the_version() -> None:
    r = subprocess.run([sys.executable, "-m", "ui.launcher", "--version"], capture_output=True, text=True, cwd=ROOT,
                       timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == f"fever-sentinel {app.__version__}"


def test_the_windows_file_properties_carry_the_version() -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import make_assets
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    text = make_assets.VERSION_TEMPLATE.format(tup=(0, 10, 0, 0), text=app.__version__)
    assert f"StringStruct('ProductVersion', '{app.__version__}')" in text
    desktop = make_assets.desktop_entry(app.__version__)
    assert f"X-FeverSentinel-Version={app.__version__}" in desktop.splitlines()
    assert f"Version={app.__version__}" not in desktop.splitlines()  # Version= is the Desktop Entry spec's


def test_the_self_test_prints_the_version() -> None:
    from app.selftest import version_line

    out = io.StringIO()
    print(version_line(), file=out)
    assert app.__version__ in out.getvalue() and app.SCHEMA_HEADS[0] in out.getvalue()
