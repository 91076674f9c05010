"""关于 · About (issue 14): the one version number, the schema it ships, and where this desk's data is —
what the county's IT staff ask for on the telephone. The database address is shown without its password."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app import SCHEMA_HEADS, __version__
from app.machine_config import config_path
from ui.session import Session


class AboutDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        ctx = session.ctx
        self.setWindowTitle(self.tr("About Fever Sentinel"))
        config = config_path()
        rows = [
            (self.tr("Version"), __version__),
            (self.tr("Database schema"), self.tr("clinic {clinic} · county hub {hub}").format(
                clinic=SCHEMA_HEADS[0], hub=SCHEMA_HEADS[1])),
            (self.tr("Clinic"), f"{session.clinic.name} ({session.clinic.code})"),
            (self.tr("Data directory"), str(ctx.paths.root)),
            (self.tr("Database"), ctx.db.display_url),  # the password masked
            (self.tr("Machine configuration"), str(config) if config.exists() else
             self.tr("{path} (none: this account's own settings)").format(path=config)),
        ]
        self.text = QLabel("<h3>{title}</h3><table cellspacing='4'>{rows}</table><p>{note}</p>".format(
            title=self.tr("Fever Sentinel · 发热哨点工作站"),
            rows="".join(f"<tr><td><b>{_esc(k)}</b></td><td>{_esc(v)}</td></tr>" for k, v in rows),
            note=_esc(self.tr("What changed in each version: CHANGELOG.md (in the installation folder)."))))
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
