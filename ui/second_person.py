"""特殊情况 at the desk: a second person signs in on someone else's form to approve an exception.

Where a guideline rule allows an exception, a second person with the right to approve it (the medical
director, an administrator) approves it with a reason; the one at the desk then uses it. This is the part
every such form shares (the permit's exception, the case's classification change): the approver's user
name and password, checked by ``ctx.users.authenticate`` (audited, locked after repeated failures), the
one at the desk refused as their own second person (``exception_self``), and the approval made as the
approver — the service then checks the approver's right and records the exception under their name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit

from app.actor import Actor
from app.errors import AuthError, PermissionDenied
from ui.forms import password_edit

if TYPE_CHECKING:
    from ui.widgets.dialog import FormDialog

translate = QCoreApplication.translate  # lupdate extracts translate("SecondPerson", ...)
T = TypeVar("T")


class SecondPerson:
    """The approver's user name and password as two fields of ``dialog`` (keys "approver", "password":
    an error about either shows next to it)."""

    def __init__(self, dialog: FormDialog) -> None:
        self.dialog = dialog
        self.approver = QLineEdit()
        self.approver.setMaxLength(64)
        self.password = password_edit()
        dialog.add_field("approver", self.approver)
        dialog.add_field("password", self.password)
        self.approver.returnPressed.connect(self.password.setFocus)

    def retranslate(self) -> None:
        self.dialog.labels["approver"].setText(translate("SecondPerson", "Approver's &user name:"))
        self.dialog.labels["password"].setText(translate("SecondPerson", "Approver's &password:"))
        self.approver.setPlaceholderText(translate("SecondPerson", "not yours: the second person's"))

    def signed(self, approve: Callable[[Actor], T]) -> Callable[[], T] | None:
        """``approve`` made as the second person, to run through the runner (the password field is cleared
        now). None — and the refusal shown — when the one at the desk names themselves."""
        session = self.dialog.session
        me = session.actor
        username, password = self.approver.text().strip(), self.password.text()
        self.password.clear()
        if username.casefold() == me.username.casefold():
            self.dialog.errors.show(PermissionDenied("exception_self", field="approver"))
            return None
        users = session.ctx.users

        def run() -> T:
            try:
                approver = users.authenticate(username, password, me.workstation)
            except AuthError as exc:  # wrong name or password, locked, disabled: said under the password
                raise AuthError(exc.code, **{**exc.details, "field": "password"}) from exc
            if approver.username == me.username:
                raise PermissionDenied("exception_self", field="approver")
            try:
                return approve(approver)
            except PermissionDenied as exc:  # the service checks the approver's right: say whose it is
                if exc.code != "permission_denied":
                    raise
                raise PermissionDenied("approver_not_allowed",
                                       **{**exc.details, "field": "approver", "approver": approver.username}) from exc

        return run
