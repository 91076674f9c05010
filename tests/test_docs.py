"""The documentation under docs/ (issue 14, deliverable 8): the guides exist, every image and page a guide
links exists, every command a guide quotes is a real command of the parser, and scripts/screenshots.py
regenerates the screenshots from the demo clinic (issue 15: every page and dialog, into docs/screens/; every
picture a page links is made, and the gallery pages list every picture in both languages)."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SCREENS = DOCS / "screens"
GALLERIES = {"zh": DOCS / "zh" / "screens.md", "en": DOCS / "en" / "screens.md"}
ZH_GUIDES = ("README.md", "install.md", "shared-data.md", "postgresql.md", "devices.md", "backup.md", "hub.md")
ROLES = {"nurse": "quick-nurse.md", "doctor": "quick-doctor.md", "gate": "quick-gate.md", "admin": "quick-admin.md"}
MAX_PNG_BYTES = 150_000

FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.M | re.S)
INLINE = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
# the admin commands (fever-sentinel, fever-sentinel.exe, "C:\...\fever-sentinel.exe") and the app (FeverSentinel.exe)
COMMAND = re.compile(r"(?:^|(?<=[\s\"\\/]))(?:fever-sentinel(?:\.exe)?|FeverSentinel\.exe)\"?[ \t]+([^\n]*)")
SHELL_STOP = re.compile(r"\s(?:\||>|<|#|&&|;)\s")


def all_docs() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def code_of(text: str) -> list[str]:
    """The code a page shows: fenced blocks' lines and inline code spans (fences removed first)."""
    blocks = [line for block in FENCE.findall(text) for line in block.splitlines()]
    prose = FENCE.sub("", text)
    return blocks + INLINE.findall(prose)


def quoted_commands() -> list[tuple[str, str]]:
    found = []
    for doc in all_docs():
        for line in code_of(doc.read_text(encoding="utf-8")):
            for match in COMMAND.finditer(line):
                args = SHELL_STOP.split(" " + match.group(1) + " ")[0].strip()
                found.append((doc.relative_to(ROOT).as_posix(), args))
    return found


def test_the_guides_exist() -> None:
    for name in (*ZH_GUIDES, *ROLES.values()):
        assert (DOCS / "zh" / name).is_file(), f"docs/zh/{name} is missing"
    assert (DOCS / "en" / "README.md").is_file() and (DOCS / "en" / "operations.md").is_file()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/zh/README.md" in readme, "the README points to the Chinese documentation"


def test_every_link_and_image_exists() -> None:
    for doc in all_docs():
        for target in LINK.findall(doc.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+://|#|mailto:", target):
                continue
            path = (doc.parent / target.split("#")[0]).resolve()
            assert path.exists(), f"{doc.relative_to(ROOT)} links {target}, which does not exist"


def test_each_quick_guide_has_screenshots_of_its_role() -> None:
    for role, name in ROLES.items():
        images = [t for t in LINK.findall((DOCS / "zh" / name).read_text(encoding="utf-8")) if t.endswith(".png")]
        assert images, f"{name} shows no screenshot"
        assert all(Path(t).name.startswith(f"{role}-") for t in images), (name, images)
    pngs = list(SCREENS.rglob("*.png"))
    assert pngs, "docs/screens/ holds no picture"
    for png in pngs:
        assert png.stat().st_size <= MAX_PNG_BYTES, f"{png.name} is {png.stat().st_size} bytes: regenerate it"


def linked_screens(lang: str) -> set[str]:
    """The names of the pictures of docs/screens/<lang>/ that any page of docs/ links."""
    folder = (SCREENS / lang).resolve()
    return {Path(t).name for doc in all_docs() for t in LINK.findall(doc.read_text(encoding="utf-8"))
            if t.endswith(".png") and (doc.parent / t).resolve().parent == folder}


def gallery_of(lang: str) -> list[str]:
    return [Path(t).name for t in LINK.findall(GALLERIES[lang].read_text(encoding="utf-8")) if t.endswith(".png")]


def test_the_galleries_list_every_picture_once_in_both_languages() -> None:
    zh, en = gallery_of("zh"), gallery_of("en")
    assert len(zh) == len(set(zh)) and len(en) == len(set(en)), "a gallery shows a picture twice"
    assert zh == en, "docs/zh/screens.md and docs/en/screens.md show different screens"
    for lang, gallery in (("zh", zh), ("en", en)):
        assert all((SCREENS / lang / name).is_file() for name in gallery), f"{GALLERIES[lang]} links a missing picture"
        unlisted = {p.name for p in (SCREENS / lang).glob("*.png")} - set(gallery)
        assert not unlisted, f"pictures in docs/screens/{lang}/ that {GALLERIES[lang].name} does not show: {sorted(unlisted)}"


def unparsable(commands: list[tuple[str, str]]) -> list[str]:
    """The quoted commands app.cli's parser refuses, each with the parser's complaint."""
    parser = build_parser()
    wrong = []
    for doc, args in commands:
        argv = shlex.split(args.replace("\\", "/"))  # Windows paths: only the words matter to the parser
        err = io.StringIO()
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                parser.parse_args(argv)
        except SystemExit as exc:
            if exc.code not in (0, None):
                wrong.append(f"{doc}: fever-sentinel {args}  ({err.getvalue().strip().splitlines()[-1]})")
    return wrong


def test_every_quoted_command_is_a_real_command() -> None:
    commands = quoted_commands()
    assert len(commands) >= 30, "the command extraction found too little: check the pattern"
    wrong = unparsable(commands)
    assert not wrong, "commands the parser does not accept:\n" + "\n".join(wrong)


def test_the_command_check_catches_a_wrong_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "docs" / "zh"
    page.mkdir(parents=True)
    (page / "x.md").write_text("```bat\nfever-sentinel.exe backup --out E:\\a.sqlite3 --no-such-flag\n```\n"
                               'and `"C:\\Program Files\\FeverSentinel\\fever-sentinel.exe" user list`, '
                               "not `dist\\FeverSentinel` nor `logs/fever-sentinel.log`\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "DOCS", tmp_path / "docs")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    commands = quoted_commands()
    assert commands == [("docs/zh/x.md", "backup --out E:\\a.sqlite3 --no-such-flag"), ("docs/zh/x.md", "user list")]
    wrong = unparsable(commands)
    assert len(wrong) == 1 and "--no-such-flag" in wrong[0]


def page_slug() -> Callable[[type], str]:
    """scripts/screenshots.py's ``slug``: the file name it gives a page class."""
    spec = importlib.util.spec_from_file_location("screenshots_script", ROOT / "scripts" / "screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    slug: Callable[[type], str] = module.slug
    return slug


def test_the_screenshot_script_regenerates_every_linked_picture(tmp_path: Path) -> None:
    """The whole gallery in Chinese (English is the same script with the other catalogue: CI time)."""
    from ui.main_window import PAGES

    out = tmp_path / "screens"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshots.py"), "--lang", "zh_CN",
                           "--out", str(out), "--data-dir", str(tmp_path / "data")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    assert not (out / "en").exists(), "--lang zh_CN made English pictures too"
    made = {p.name for p in (out / "zh").glob("*.png")}
    for role in ROLES:
        assert any(name.startswith(f"{role}-") for name in made), f"no screenshot of the {role}"
    slug = page_slug()
    classes = [factory for _perm, factory in PAGES if isinstance(factory, type)]
    assert len(classes) == len(PAGES) > 10, "every page of the main window is a class"
    pages = {f"page-{slug(page_class)}.png" for page_class in classes}
    assert pages <= made, f"pages of the main window without a picture: {sorted(pages - made)}"
    linked = linked_screens("zh") | set(gallery_of("en"))
    assert linked <= made, f"linked but not made by the script: {sorted(linked - made)}"
    assert made <= set(gallery_of("zh")), f"made but not in docs/zh/screens.md: {sorted(made - set(gallery_of('zh')))}"
    for png in (out / "zh").glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size <= MAX_PNG_BYTES, png.name
