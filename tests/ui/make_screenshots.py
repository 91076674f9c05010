"""Grab the main screens (Chinese, and a few in English) into screenshots/ for a visual check.

Run: QT_QPA_PLATFORM=offscreen python tests/ui/make_screenshots.py  (screenshots/ is gitignored)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.actor import Actor  # noqa: E402
from app.context import open_context  # noqa: E402
from app.passwords import OWASP_FLOOR  # noqa: E402
from app.paths import DataPaths  # noqa: E402
from app.services.demo import DEMO_PASSWORD, create_demo  # noqa: E402
from ui.app import app_icon, register_fonts  # noqa: E402
from ui.i18n import compile_translations, install_language  # noqa: E402
from ui.login import LoginDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.ops import SyncRunner  # noqa: E402
from ui.session import Session  # noqa: E402
from ui.setup_wizard import SetupWizard  # noqa: E402

OUT = ROOT / "screenshots"


def grab(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    widget.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def main() -> int:
    OUT.mkdir(exist_ok=True)
    app = QApplication(sys.argv)
    app.setWindowIcon(app_icon())
    register_fonts(app)
    compile_translations()
    runner = SyncRunner()
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(DataPaths(Path(tmp)), argon2=OWASP_FLOOR)
        try:
            for lang in ("zh_CN", "en"):
                install_language(app, lang)
                app.processEvents()
                wizard = SetupWizard(ctx, runner)
                wizard.show()
                grab(wizard, f"{lang}-1-wizard")
                wizard.demo_choice.setChecked(True)
                grab(wizard, f"{lang}-1b-wizard-demo")
                wizard.close()
            install_language(app, "zh_CN")
            create_demo(ctx.clinic, ctx.users, Actor.system())
            for lang in ("zh_CN", "en"):
                install_language(app, lang)
                login = LoginDialog(lambda: ctx, ctx.settings, runner, ctx.clinic.get().banner())
                login.show()
                login.username.setText("admin")
                login.password.setText("wrong-password")
                login.submit_form()
                grab(login, f"{lang}-2-login")
                login.close()
            actor = ctx.users.authenticate("admin", DEMO_PASSWORD, "前台-1")
            session = Session(ctx, actor, runner, ctx.clinic.get(), ctx.users.full_name_of(actor))
            for lang in ("zh_CN", "en"):
                install_language(app, lang)
                window = MainWindow(session, idle_ms=3_600_000)
                window.resize(1366, 768)
                window.start(maximize=False)
                for row in range(window.nav.count()):
                    window.nav.setCurrentRow(row)
                    if row == 2:
                        window.pages[row].verify()  # type: ignore[attr-defined]
                    grab(window, f"{lang}-3-main-{row}-{type(window.pages[row]).__name__}")
                window.nav.setCurrentRow(1)
                window.pages[1].add_user()  # type: ignore[attr-defined]
                dialog = window.pages[1].dialog  # type: ignore[attr-defined]
                dialog.username.setText("x")
                dialog.submit()
                grab(dialog, f"{lang}-4-add-user")
                window.pages[1].select_username("nurse")  # type: ignore[attr-defined]
                window.pages[1].reset_password()  # type: ignore[attr-defined]
                grab(window.pages[1].dialog, f"{lang}-4b-reset")  # type: ignore[attr-defined]
                window.pages[1].dialog.close()  # type: ignore[attr-defined]
                window.open_settings()
                assert window.settings_dialog is not None
                grab(window.settings_dialog, f"{lang}-5-settings")
                window.settings_dialog.close()
                window.idle_lock.lock()
                window.idle_lock.dialog.password.setText("bad-password")
                window.idle_lock.dialog.try_unlock()
                grab(window.idle_lock.dialog, f"{lang}-6-lock")
                window.shutdown()
        finally:
            ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
