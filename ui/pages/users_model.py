"""Table model over ``UserService.list`` results: the view shows accounts, it never owns them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.services.users import UserInfo
from ui.labels import role_names

Index = QModelIndex | QPersistentModelIndex


class UserTableModel(QAbstractTableModel):
    USERNAME, FULL_NAME, ROLES, STATUS = range(4)
    COLUMNS = 4

    def __init__(self, now: Callable[[], datetime], zone: ZoneInfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._users: list[UserInfo] = []
        self._now = now
        self._zone = zone

    def set_users(self, users: list[UserInfo]) -> None:
        self.beginResetModel()
        self._users = list(users)
        self.endResetModel()

    def user_at(self, row: int) -> UserInfo | None:
        return self._users[row] if 0 <= row < len(self._users) else None

    def row_of(self, username: str) -> int:
        return next((i for i, u in enumerate(self._users) if u.username == username), -1)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._users:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._users) - 1, self.COLUMNS - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("User name"), self.tr("Name"), self.tr("Roles"), self.tr("Status")][section]

    def status_text(self, user: UserInfo) -> str:
        if not user.active:
            return self.tr("Disabled")
        if user.locked_until is not None and user.locked_until > self._now():
            until = user.locked_until.astimezone(self._zone).strftime("%H:%M")
            return self.tr("Locked until {time}").format(time=until)
        return self.tr("Active")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        user = self.user_at(index.row()) if index.isValid() else None
        if user is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return user
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == self.USERNAME:
                return user.username
            if column == self.FULL_NAME:
                return user.full_name
            if column == self.ROLES:
                return role_names(user.roles)
            return self.status_text(user)
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return Qt.GlobalColor.gray
        return None
