"""Tab follows the visual order and skips derived fields (issue 15).

Every form — the triage desk's screening and registration forms, the pharmacy counter, and every dialog of the
keyboard test's list (`tests/ui/test_keyboard_flow.py::_dialogs`), and every tab of the case window for an open and
a closed case — is opened tall enough that nothing scrolls, and
walked with the Tab key from its first field round to where it started. Each step must go right along a line,
down to a later line, or up only to start a column to the right; no read-only or derived field (age or sex read
from the ID number, counts, labels) may take focus."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QLabel, QLineEdit, QPlainTextEdit, QTextEdit,
                               QWidget)

Factory = Callable[[], QWidget]


def pages(ctx, runner) -> list[tuple[str, Factory]]:  # type: ignore[no-untyped-def]
    """The triage desk's forms and the pharmacy counter, for the demo clinic's nurse."""
    from app.services.demo import DEMO_PASSWORD
    from ui.pages.pharmacy import PharmacyPage
    from ui.pages.registration_form import RegistrationForm
    from ui.pages.screening_form import PendingScreening, ScreeningForm
    from ui.session import Session

    actor = ctx.users.authenticate("nurse", DEMO_PASSWORD, "desk-1")
    nurse = Session(ctx, actor, runner, ctx.clinic.get(), ctx.users.full_name_of(actor))

    def registration() -> QWidget:
        form = RegistrationForm(nurse)
        form.start(PendingScreening(0, "fever_clinic", 38.6, ()))
        return form

    def pharmacy() -> QWidget:
        page = PharmacyPage(nurse)
        page.activated()
        return page

    return [("screening form", lambda: ScreeningForm(nurse)), ("registration form", registration),
            ("pharmacy", pharmacy)]


def case_tabs(ctx, runner) -> list[tuple[str, Factory]]:  # type: ignore[no-untyped-def]
    """Every tab of the case window, for an open case and for a closed (read-only) one: a table on a tab must
    let Tab leave it, not walk its cells."""
    from app.services.demo import DEMO_PASSWORD
    from ui.pages.case_page import CaseDialog
    from ui.session import Session

    actor = ctx.users.authenticate("doctor", DEMO_PASSWORD, "desk-1")
    doctor = Session(ctx, actor, runner, ctx.clinic.get(), ctx.users.full_name_of(actor))
    cases = ctx.cases.open_cases(actor, include_admitted=True)
    chosen = [("open", next(c for c in cases if not c.closed)), ("closed", next(c for c in cases if c.closed))]

    def on_tab(case, tab: int) -> Factory:  # type: ignore[no-untyped-def]
        def make() -> QWidget:
            dialog = CaseDialog(doctor, case)
            dialog.tabs.setCurrentIndex(tab)
            return dialog
        return make

    probe = CaseDialog(doctor, chosen[0][1])
    tabs = probe.tabs.count()
    probe.deleteLater()
    return [(f"{state} case, tab {tab + 1}", on_tab(case, tab)) for state, case in chosen for tab in range(tabs)]


def forms(ctx, runner) -> list[tuple[str, Factory]]:  # type: ignore[no-untyped-def]
    from tests.ui.test_keyboard_flow import _dialogs

    return pages(ctx, runner) + _dialogs(ctx, runner)


@contextmanager
def opened(make: Factory) -> Iterator[QWidget]:
    """The form shown and active, tall and wide enough that nothing in it scrolls."""
    window = make()
    window.show()
    window.resize(max(window.width(), 1366), max(window.height(), 2400))
    window.activateWindow()
    for _ in range(3):
        QApplication.processEvents()
    try:
        yield window
    finally:
        window.close()
        window.deleteLater()


def rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def tab_walk(window: QWidget, limit: int = 120) -> tuple[list[QWidget], QWidget | None]:
    """The widgets the Tab key visits, starting from the first in the focus chain that takes Tab focus, until
    focus comes to a widget already visited; and that widget (the first one, unless Tab is trapped in a loop)."""
    start: QWidget | None = window.nextInFocusChain()
    while start is not None and start is not window and not (
            start.focusPolicy() & Qt.FocusPolicy.TabFocus and start.isVisible() and start.isEnabled()
            and start.focusProxy() is None):
        start = start.nextInFocusChain()
    (start or window).setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    walk: list[QWidget] = []
    current = QApplication.focusWidget()
    while current is not None and current not in walk and len(walk) < limit:
        walk.append(current)
        for _section in range(6):  # Tab first moves through a date-time field's sections (hour, minute)
            QTest.keyClick(current, Qt.Key.Key_Tab)
            QApplication.processEvents()
            if QApplication.focusWidget() is not current:
                break
        current = QApplication.focusWidget()
    return walk, current


def describe(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    shown = text() if callable(text) else ""
    return f"{type(widget).__name__}({widget.objectName() or shown or ''})"


def derived(widget: QWidget) -> bool:
    """A field the user does not type into: read-only, or a label."""
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)):
        return widget.isReadOnly()
    return isinstance(widget, QLabel)


def out_of_order(a: QRect, b: QRect) -> bool:
    """Tab from ``a`` to ``b`` goes against reading order."""
    same_line = b.top() <= a.center().y() <= b.bottom() or a.top() <= b.center().y() <= a.bottom()
    if same_line:
        return b.left() < a.left()
    if b.top() > a.top():
        return False  # down to a later line
    return b.left() < a.right()  # up: only to the top of a column to the right


def tab_problems(name: str, window: QWidget) -> list[str]:
    walk, back_to = tab_walk(window)
    if not walk:
        return [f"{name}: nothing takes Tab"]
    rects = {id(w): rect_in(w, window) for w in walk}
    problems = [f"{name}: Tab stops on {describe(w)}, which is not typed into" for w in walk if derived(w)]
    if back_to is not walk[0]:
        problems.append(f"{name}: Tab is caught after {describe(walk[-1])}: it goes to "
                        f"{describe(back_to) if back_to else 'nothing'}, never back to {describe(walk[0])}")
    head = min(range(len(walk)), key=lambda i: (rects[id(walk[i])].top(), rects[id(walk[i])].left()))
    walk = walk[head:] + walk[:head]  # from the top-left field; the one step back to it is the wrap-around
    for a, b in zip(walk, walk[1:]):
        if out_of_order(rects[id(a)], rects[id(b)]):
            ra, rb = rects[id(a)], rects[id(b)]
            problems.append(f"{name}: Tab goes from {describe(a)} at ({ra.x()},{ra.y()}) back to {describe(b)} at "
                            f"({rb.x()},{rb.y()})")
    return problems


def test_tab_follows_the_visual_order_and_skips_derived_fields(qapp):  # type: ignore[no-untyped-def]
    from tests.ui.screenshot_support import data_folder
    from ui.ops import SyncRunner

    found: list[str] = []
    with data_folder(demo=True) as ctx:
        runner = SyncRunner()
        for name, make in forms(ctx, runner) + case_tabs(ctx, runner):
            with opened(make) as window:
                found += tab_problems(name, window)
    assert not found, "\n".join(found)


def test_a_sex_and_birth_date_read_from_the_id_number_are_skipped(qtbot, nurse_session):  # type: ignore[no-untyped-def]
    from app.triage.vocab import IdType
    from tests.ui.triage_support import resident_id
    from ui.pages.registration_form import RegistrationForm
    from ui.pages.screening_form import PendingScreening

    def make() -> QWidget:
        form = RegistrationForm(nurse_session)
        form.start(PendingScreening(0, "fever_clinic", 38.6, ()))
        form.id_type.setCurrentIndex(form.id_type.findData(IdType.RESIDENT_ID.value))
        form.id_number.setText(resident_id(date(1985, 6, 1)))
        return form

    with opened(make) as form:
        assert isinstance(form, RegistrationForm) and form.derived is not None
        walk, _back = tab_walk(form)
        assert form.id_number in walk and form.phone in walk
        assert form.birth_date not in walk and form.sex not in walk
        assert tab_problems("registration with an ID number", form) == []


def test_the_check_sees_a_tab_order_against_the_reading_order(qtbot):  # type: ignore[no-untyped-def]
    """The measure itself: two fields one above the other, tabbed bottom first, are refused; a read-only field
    that takes focus is refused; put right, both pass."""
    from PySide6.QtWidgets import QVBoxLayout

    def make() -> QWidget:
        host = QWidget()
        layout = QVBoxLayout(host)
        top, bottom, shown = QLineEdit(), QLineEdit(), QLineEdit("derived")
        top.setObjectName("top")
        bottom.setObjectName("bottom")
        shown.setReadOnly(True)
        for w in (top, shown, bottom):
            layout.addWidget(w)
        QWidget.setTabOrder(bottom, shown)
        QWidget.setTabOrder(shown, top)
        return host

    with opened(make) as host:
        problems = tab_problems("reversed", host)
        assert any("back to" in p for p in problems)
        assert any("QLineEdit(derived), which is not typed into" in p for p in problems)
        top, bottom = host.findChild(QLineEdit, "top"), host.findChild(QLineEdit, "bottom")
        shown = next(e for e in host.findChildren(QLineEdit) if e.isReadOnly())
        shown.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        QWidget.setTabOrder(top, bottom)
        assert tab_problems("put right", host) == []
