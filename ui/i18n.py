"""Translations: compile the .ts sources to .qm, and swap the application's translators live.

English is the source language in code; Chinese lives in ``resources/translations/*.ts``.
``python -m ui.i18n`` compiles them (the .qm files are build output, not committed);
``python -m ui.i18n --update`` re-extracts the strings from ui/ first.
Installing or removing a translator makes Qt send LanguageChange to every widget, and each
widget's ``retranslate()`` re-reads its texts, so a switch applies to open windows at once: pages and
dialogs do so in their ``changeEvent`` (ui/forms.py); a widget with a ``retranslate()`` and no
``changeEvent`` of its own (a form inside a page, a box inside a tab) is retranslated here, in place,
so what was typed stays.
Qt's own words (standard buttons, the file dialog, a line edit's menu) come from Qt's catalogue
``qtbase_<lang>.qm``: from PySide6's translations folder, else from the copy the installer bundles
beside the app's catalogue (packaging/fever_sentinel.spec). The few source strings Qt's catalogue
lags behind on are topped up from the app's own (``QT_GAPS``).
"""

from __future__ import annotations

import inspect
import logging
import sys
from pathlib import Path

import shiboken6

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from app.resources import resources_root

log = logging.getLogger(__name__)

APP_CATALOG = "fever_sentinel"
LANGUAGES: tuple[str, ...] = ("zh_CN", "en")
# Shown in their own language, so a user who cannot read the current one still finds theirs.
LANGUAGE_NAMES: dict[str, str] = {"zh_CN": "中文", "en": "English"}

QT_CATALOG = "qtbase"  # Qt's own words: standard buttons, QFileDialog, QMessageBox, context menus
# Sources Qt 6.12 renamed (a mnemonic added) that its zh_CN catalogue still has only in the old form:
# looked up in the app's catalogue, which Qt asks after its own.
QT_GAPS: tuple[tuple[str, object], ...] = (  # QT_TRANSLATE_NOOP is typed object
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "&Look in:")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:")),
)

_installed: list[QTranslator] = []
_current = "en"
_applied = False  # install_language has run once (the locale and translators are this process's own)


def translations_dir() -> Path:
    return resources_root() / "translations"


def _qt_tool(name: str) -> list[str]:
    """PySide6's bundled lrelease/lupdate binary, else the one on PATH."""
    import shutil

    import PySide6

    exe = Path(PySide6.__file__).parent / (f"{name}.exe" if sys.platform == "win32" else name)
    if exe.exists():
        return [str(exe)]
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found (install PySide6-Essentials)")
    return [found]


def ui_sources() -> list[Path]:
    return sorted(Path(__file__).resolve().parent.rglob("*.py"))


def extract_strings(ts: Path, *, keep_translations: bool = True) -> None:
    """Run lupdate over ui/ into ``ts`` (merging: existing translations are kept, vanished dropped)."""
    root = Path(__file__).resolve().parent.parent
    args = [*_qt_tool("lupdate"), "-silent", "-no-obsolete", "-locations", "none",
            *[str(p.relative_to(root)) for p in ui_sources()], "-ts", str(ts)]
    if not keep_translations:
        ts.unlink(missing_ok=True)
    import subprocess  # a developer's step (and a checkout's first start), not every start's

    subprocess.run(args, check=True, cwd=root)


def compile_translations(directory: Path | None = None) -> list[Path]:
    """Compile every .ts in ``directory`` to a .qm beside it; returns the .qm paths."""
    import subprocess

    directory = directory or translations_dir()
    out: list[Path] = []
    for ts in sorted(directory.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([*_qt_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


def _catalog(lang: str) -> Path:
    qm = translations_dir() / f"{APP_CATALOG}_{lang}.qm"
    ts = qm.with_suffix(".ts")
    if not qm.exists() and ts.exists():  # a source checkout that skipped the build step
        import subprocess

        try:
            compile_translations()
        except (OSError, subprocess.CalledProcessError):
            log.exception("could not compile translations")
    return qm


def qt_catalog(lang: str) -> Path | None:
    """Qt's own catalogue for ``lang`` (``qtbase_zh_CN.qm``): PySide6's folder, else the bundled copy."""
    name = f"{QT_CATALOG}_{lang}.qm"
    for folder in (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), translations_dir()):
        if (folder / name).is_file():
            return folder / name
    return None


def _handles_language_change(widget: QWidget) -> bool:
    """True when the widget's class (or a base of ours, ui/forms.py) has a changeEvent of its own."""
    return inspect.isfunction(inspect.getattr_static(type(widget), "changeEvent", None))


def retranslate_widgets() -> int:
    """Call ``retranslate()`` on every widget that has one and no changeEvent to call it; returns how many.

    Texts are set in place (labels, buttons, items of a combo box by index), so a half-typed form keeps
    its values and choices."""
    done = 0
    for widget in QApplication.allWidgets():
        if not shiboken6.isValid(widget):  # being destroyed (a deleteLater not yet processed): nothing to say
            continue
        retranslate = getattr(widget, "retranslate", None)
        if callable(retranslate) and not _handles_language_change(widget):
            retranslate()
            done += 1
    return done


def current_language() -> str:
    return _current


def install_language(app: QCoreApplication, lang: str) -> None:
    """Replace the installed translators with ``lang``'s (English needs none); nothing to do when ``lang``
    is already in force (every open widget already speaks it)."""
    global _current, _applied
    if lang not in LANGUAGES:
        lang = "en"
    if _applied and lang == _current:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang != "en":
        # Qt asks the translator installed last first: Qt's catalogue, then the app's (which fills QT_GAPS).
        for path in (_catalog(lang), qt_catalog(lang)):
            translator = QTranslator(app)
            if path is not None and translator.load(str(path)):
                app.installTranslator(translator)
                _installed.append(translator)
            else:
                log.warning("translation %s not found", path or f"{QT_CATALOG}_{lang}.qm")
    QLocale.setDefault(QLocale(lang))
    _current, _applied = lang, True
    if isinstance(app, QApplication):
        retranslate_widgets()


def main(argv: list[str]) -> int:
    """``python -m ui.i18n`` compiles; ``--update`` first re-extracts the strings from ui/."""
    if "--update" in argv:
        for lang in LANGUAGES:
            if lang != "en":
                extract_strings(translations_dir() / f"{APP_CATALOG}_{lang}.ts")
    for path in compile_translations():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
