"""规则与时限 (Rules in force): every guideline rule the clinic works by — in plain words, the plan's own
phrase it comes from, and the figures in force — for every user to read. An administrator changes the
figures a county may set (the fever clinic's and the wards' FigureSets) here; the screening rules, the
transfer targets and the report time keep their own pages, which the figure's line names. Saves are
version-checked in the service: if another desk saved first, the page says so and shows the figures now
in force."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import StaleEdit
from app.guideline_rules import EditedOn, FigureInForce, RuleInForce, RulesInForce
from app.permissions import Perm
from ui.forms import ERROR_STYLE, FieldErrors, error_label
from ui.labels import (clinic_mode_explanation, clinic_mode_name, edited_on_name, figure_name, figure_unit,
                       figure_value, rule_area_name, rule_name)
from ui.session import Session
from ui.widgets import palette
from ui.widgets.page import Page
from ui.widgets.table import RecordModel, record_table

OK_STYLE = f"color: {palette.OK};"
NOT_IN_FORCE = palette.NOT_IN_FORCE


class RulesModel(RecordModel[RuleInForce]):
    AREA, RULE, SOURCE, FIGURES = range(4)

    def key(self, r: RuleInForce) -> object:
        return r.id

    def headers(self) -> list[str]:
        return [self.tr("Area"), self.tr("Rule"), self.tr("In the plan's words"), self.tr("Figures in force")]

    def display(self, r: RuleInForce, column: int) -> str:
        if column == self.AREA:
            return rule_area_name(r.area)
        if column == self.RULE:
            text = rule_name(r.id)
            return text if r.in_force else self.tr("{rule} (not in this clinic mode)").format(rule=text)
        if column == self.SOURCE:
            return f"“{r.source}”"
        return "\n".join(f"{figure_name(f.key, f.name)}: {figure_value(f.value, f.unit)}" for f in r.figures)

    def style(self, r: RuleInForce, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and not r.in_force:
            return Qt.GlobalColor.gray
        if role == Qt.ItemDataRole.ToolTipRole and column == self.RULE:
            return r.id
        return None


class RulesPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.service = session.ctx.guideline_rules
        self.can_edit = session.can(Perm.MANAGE_CLINIC_SETTINGS)  # what FiguresService.update checks
        self.shown: RulesInForce | None = None
        self.editors: dict[tuple[str, str], QSpinBox | QDoubleSpinBox] = {}

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.mode_label = QLabel()
        self.mode_label.setWordWrap(True)
        self.mode_label.setStyleSheet("font-weight: bold;")
        self.model = RulesModel(session.zone, self)
        widths = {RulesModel.AREA: 96, RulesModel.FIGURES: 250}  # rows grow to the wrapped rule and source
        self.table = record_table(self.model, [widths.get(c, 0) for c in range(RulesModel.FIGURES + 1)],
                                  striped=True, row_height=None, wrap=True,
                                  stretch=(RulesModel.RULE, RulesModel.SOURCE), fixed=tuple(widths))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_figures())

        self.figures_box = QGroupBox()
        self.figures_grid = QGridLayout()
        self.figures_grid.setColumnStretch(3, 1)
        self.no_figures = QLabel()
        self.no_figures.setStyleSheet(f"color: {palette.MUTED};")
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.save_button.setVisible(self.can_edit)
        self.reload_button = QPushButton()
        self.reload_button.clicked.connect(self.reload)
        actions = QHBoxLayout()
        actions.addWidget(self.notice, 1)
        actions.addWidget(self.reload_button)
        actions.addWidget(self.save_button)
        box = QVBoxLayout(self.figures_box)
        box.addWidget(self.no_figures)
        box.addLayout(self.figures_grid)
        box.addWidget(self.general_error)
        box.addLayout(actions)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addWidget(self.mode_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.figures_box)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Rules in force")

    def activated(self) -> None:
        self.reload()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Rules in force and their time limits"))
        self.explain.setText(
            self.tr("Every guideline rule this clinic works by, the plan's words it comes from and the figures "
                    "in force. The desks enforce them; where a rule allows an exception, it needs a second "
                    "person's approval with a reason and is counted in the daily report.")
            + " " + (self.tr("You can change the figures of the fever clinic and the wards below; the screening "
                             "and transfer figures on their own pages.") if self.can_edit
                     else self.tr("Only an administrator can change the figures.")))
        self.figures_box.setTitle(self.tr("Figures of the selected rule"))
        self.no_figures.setText(self.tr("Choose a rule above to see its figures.") if self.current_rule() is None
                                else self.tr("This rule uses no figure."))
        self.save_button.setText(self.tr("Sa&ve figures"))
        self.reload_button.setText(self.tr("Re&load"))
        self.model.retranslate()
        self._show_mode()
        self._show_figures()

    # ----- reading ----------------------------------------------------------------------------------
    def reload(self) -> None:
        self.session.runner.run(self.service.in_force, self._loaded, self._load_failed, parent=self)

    def _loaded(self, shown: RulesInForce) -> None:
        keep = self.current_rule()
        self.shown = shown
        self.model.set_rows(list(shown.rules))
        self.table.resizeRowsToContents()
        if keep is not None:
            self.select_rule(keep.id)
        self._show_mode()
        self._show_figures()

    def _load_failed(self, exc: BaseException) -> None:
        self.errors.show(exc)

    def _show_mode(self) -> None:
        if self.shown is None:
            self.mode_label.clear()
            return
        self.mode_label.setText(self.tr("Clinic mode: {mode}. {explanation}").format(
            mode=clinic_mode_name(self.shown.mode), explanation=clinic_mode_explanation(self.shown.mode)))

    def current_rule(self) -> RuleInForce | None:
        index = self.table.currentIndex() if hasattr(self, "table") else None
        return self.model.record_at(index.row()) if index is not None and index.isValid() else None

    def select_rule(self, rule_id: str) -> None:
        for row, rule in enumerate(self.model.rows()):
            if rule.id == rule_id:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.model.index(row, RulesModel.RULE))
                return

    # ----- the selected rule's figures ---------------------------------------------------------------
    def _clear_grid(self) -> None:
        while self.figures_grid.count():
            item = self.figures_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:  # gone at once, not only when the event loop deletes it
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.editors = {}

    def _show_figures(self) -> None:
        if not hasattr(self, "figures_grid"):
            return
        self._clear_grid()
        rule = self.current_rule()
        self.no_figures.setVisible(rule is None or not rule.figures)
        self.no_figures.setText(self.tr("Choose a rule above to see its figures.") if rule is None
                                else self.tr("This rule uses no figure."))
        for row, figure in enumerate(rule.figures if rule else ()):
            name = QLabel(figure_name(figure.key, figure.name) + ":")
            name.setToolTip(figure.source)
            self.figures_grid.addWidget(name, row, 0)
            if self.can_edit and figure.edited_on == EditedOn.RULES:
                editor = self._editor(figure)
                name.setBuddy(editor)
                self.editors[(figure.key, figure.name)] = editor
                self.figures_grid.addWidget(editor, row, 1)
            else:
                self.figures_grid.addWidget(QLabel(f"<b>{figure_value(figure.value, figure.unit)}</b>"), row, 1)
            self.figures_grid.addWidget(QLabel(self._range(figure)), row, 2)
            source = QLabel(self.tr("{where}. Source: “{source}”").format(
                where=edited_on_name(figure.edited_on), source=figure.source))
            source.setStyleSheet(f"color: {palette.MUTED};")
            source.setWordWrap(True)
            self.figures_grid.addWidget(source, row, 3)
        self.save_button.setEnabled(bool(self.editors))

    def _editor(self, figure: FigureInForce) -> QSpinBox | QDoubleSpinBox:
        editor: QSpinBox | QDoubleSpinBox = QDoubleSpinBox() if isinstance(figure.value, float) else QSpinBox()
        if figure.minimum is not None and figure.maximum is not None:
            editor.setRange(figure.minimum, figure.maximum)  # type: ignore[arg-type]
        editor.setValue(figure.value)  # type: ignore[arg-type]
        unit = figure_unit(figure.unit)
        editor.setSuffix(f" {unit}" if unit else "")
        editor.setMinimumWidth(110)
        editor.setToolTip(figure.source)
        return editor

    def _range(self, figure: FigureInForce) -> str:
        if figure.minimum is None or figure.maximum is None:
            return ""
        return self.tr("({minimum}–{maximum})").format(minimum=figure.minimum, maximum=figure.maximum)

    # ----- saving ------------------------------------------------------------------------------------
    def edited(self) -> dict[str, tuple[int, dict[str, Any]]]:
        """Per FigureSet key: (the version shown, the figures whose value was changed)."""
        rule = self.current_rule()
        changes: dict[str, tuple[int, dict[str, Any]]] = {}
        for figure in rule.figures if rule else ():
            editor = self.editors.get((figure.key, figure.name))
            if editor is not None and editor.value() != figure.value:
                changes.setdefault(figure.key, (figure.version, {}))[1][figure.name] = editor.value()
        return changes

    def save(self) -> None:
        self.errors.clear()
        changes, actor, service = self.edited(), self.session.actor, self.service
        if not changes:
            self.notice.setStyleSheet("")
            self.notice.setText(self.tr("Nothing changed."))
            return

        def write() -> RulesInForce:
            for key, (version, values) in changes.items():
                service.update_figures(actor, key, values, version)
            return service.in_force()

        self.session.runner.run(write, self._saved, self._failed, parent=self)

    def _saved(self, shown: RulesInForce) -> None:
        self._loaded(shown)
        self.notice.setStyleSheet(OK_STYLE)
        self.notice.setText(self.tr("Saved. The desks use the new figures from now on."))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, StaleEdit):
            self.notice.setStyleSheet(ERROR_STYLE)
            self.notice.setText(self.tr("Another desk changed these figures meanwhile. The figures now in force "
                                        "are shown: check them and change them again."))
            self.reload()
            return
        self.notice.clear()
        self.errors.show(exc)
