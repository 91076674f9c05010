"""Grab the main screens (Chinese, and a few in English) into screenshots/ for a visual check.

Run: QT_QPA_PLATFORM=offscreen python tests/ui/make_screenshots.py  (screenshots/ is gitignored)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: import from the repository

from app.actor import Actor  # noqa: E402
from app.services.demo import DEMO_PASSWORD, create_demo  # noqa: E402
from tests.ui.screenshot_support import data_folder, grab, start_app  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.login import LoginDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.ops import SyncRunner  # noqa: E402
from ui.pages.audit import AuditPage  # noqa: E402
from ui.pages.user_dialogs import UserDialog  # noqa: E402
from ui.pages.users import UsersPage  # noqa: E402
from ui.session import Session  # noqa: E402
from ui.setup_wizard import SetupWizard  # noqa: E402


def main() -> int:
    app = start_app()
    runner = SyncRunner()
    with data_folder(demo=False) as ctx:
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
                page = window.pages[row]
                if isinstance(page, AuditPage):
                    page.verify()
                grab(window, f"{lang}-3-main-{row}-{type(page).__name__}")
            users = window.show_page_of(UsersPage)
            assert isinstance(users, UsersPage)
            users.add_user()
            dialog = users.dialog
            assert isinstance(dialog, UserDialog)
            dialog.username.setText("x")
            dialog.submit()
            grab(dialog, f"{lang}-4-add-user")
            users.select_username("nurse")
            users.reset_password()
            assert users.dialog is not None
            grab(users.dialog, f"{lang}-4b-reset")
            users.dialog.close()
            window.open_settings()
            assert window.settings_dialog is not None
            grab(window.settings_dialog, f"{lang}-5-settings")
            window.settings_dialog.close()
            window.idle_lock.lock()
            window.idle_lock.dialog.password.setText("bad-password")
            window.idle_lock.dialog.try_unlock()
            grab(window.idle_lock.dialog, f"{lang}-6-lock")
            window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
