"""issue 15 — one vocabulary: every code a person can meet has words in both languages, in app/vocabulary.

Walks (by introspection and by reading the source, never a hand list) every enum value of the vocabulary
modules, every action string and entity kind handed to an audited write in app/, and every row of the daily
report; each must have ``Words`` with non-empty Chinese and English. The desks (ui/labels.py) and the paper
(app/printing) read these same tables, so a code without words here would reach a person raw.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from collections.abc import Iterator, Mapping
from datetime import date
from enum import Enum
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import app
import app.vocabulary
from app.access_log import Access
from app.context import AppContext
from app.vocabulary import Words, label, labels
from app.vocabulary.audit import ACTION, ENTITY
from app.vocabulary.enums import TABLES, code_of
from app.vocabulary.report import REPORT_COUNT

ROOT = Path(app.__file__).parent
#: The modules whose enums hold the codes a person meets (the brief of issue 15 names them).
VOCAB_MODULES = sorted({*(p for p in ROOT.rglob("vocab.py")), ROOT / "desk_vocab.py", ROOT / "audit_vocab.py",
                        ROOT / "clinic_mode.py", ROOT / "clinic_info.py", ROOT / "permissions.py",
                        ROOT / "guideline_rules.py", ROOT / "access_log.py", ROOT / "reporting" / "alerts.py"})
#: Enums of those modules that never reach a person, and why.
NOT_SHOWN = {"Perm": "permissions decide which pages a role sees; a person is shown the role, never a permission"}


def _module_name(path: Path) -> str:
    return ".".join(("app", *path.relative_to(ROOT).with_suffix("").parts))


def vocabulary_enums() -> list[type[Enum]]:
    """Every Enum class defined in the vocabulary modules (introspection, not a list)."""
    found: list[type[Enum]] = []
    for path in VOCAB_MODULES:
        module = importlib.import_module(_module_name(path))
        found += [obj for _name, obj in inspect.getmembers(module, inspect.isclass)
                  if issubclass(obj, Enum) and obj.__module__ == module.__name__ and obj.__name__ not in NOT_SHOWN]
    return found


def _functions() -> Iterator[tuple[Path, ast.FunctionDef | ast.AsyncFunctionDef]]:
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield path, node


def _writers(parameter: str) -> dict[str, int]:
    """The audited-write functions of app/ and helpers passing through them: every function with a parameter
    ``parameter`` ("action" or "entity"), with the positional index a call passes it at."""
    out: dict[str, int] = {}
    for _path, fn in _functions():
        names = [a.arg for a in fn.args.posonlyargs + fn.args.args]
        if parameter in names:
            index = names.index(parameter) - (1 if names and names[0] in ("self", "cls") else 0)
            out[fn.name] = index
    return out


def _strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def passed_codes(parameter: str) -> set[str]:
    """Every string literal passed as ``parameter`` to an audited write (or a helper taking it), directly or
    through a local variable assigned in the same function (``action = "user.enable" if on else "user.disable"``)."""
    writers = _writers(parameter)
    found: set[str] = set()
    for _path, fn in _functions():
        params = {a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs}
        for call in (n for n in ast.walk(fn) if isinstance(n, ast.Call)):
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            if name not in writers:
                continue
            args = [k.value for k in call.keywords if k.arg == parameter]
            if not args and len(call.args) > writers[name] and not any(
                    isinstance(a, ast.Starred) for a in call.args[: writers[name] + 1]):
                args = [call.args[writers[name]]]
            for arg in args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
                elif isinstance(arg, ast.IfExp):
                    found |= _strings(arg)
                elif isinstance(arg, ast.Name) and arg.id not in params:  # a parameter passed on: counted at its call
                    for assign in (n for n in ast.walk(fn) if isinstance(n, ast.Assign | ast.AnnAssign)):
                        targets = assign.targets if isinstance(assign, ast.Assign) else [assign.target]
                        if any(isinstance(t, ast.Name) and t.id == arg.id for t in targets) and assign.value:
                            found |= _strings(assign.value)
    return found


def audited_actions() -> set[str]:
    return {c for c in passed_codes("action") if "." in c} | {a.value for a in Access}


def audited_entities() -> set[str]:
    return {c for c in passed_codes("entity") if c.isidentifier()}


def _has_words(words: Words | None) -> bool:
    return words is not None and bool(words.zh.strip()) and bool(words.en.strip())


def test_the_walks_find_what_they_look_for() -> None:
    """A walk that found nothing would pass vacuously: it must see the known enums, actions and entities."""
    enums = {e.__name__ for e in vocabulary_enums()}
    assert {"Decision", "Classification", "Role", "ClinicLevel", "Outcome", "DeskKeyState", "Deny", "AlertKind",
            "TransferClock", "ClinicMode"} <= enums
    actions = audited_actions()
    assert {"case.take", "user.enable", "user.disable", "permit.revoke", "alert.raise", "sync.hub_url",
            "report.auto_submit", "auth.login", "db.backup", "access.view"} <= actions, actions
    assert len(actions) > 60
    assert {"setting", "alert", "gate_event", "visit", "user", "database", "permit", "report"} <= audited_entities()


@pytest.mark.parametrize("enum", vocabulary_enums(), ids=lambda e: e.__name__)
def test_every_enum_value_has_words_in_both_languages(enum: type[Enum]) -> None:
    assert enum in TABLES, f"{enum.__name__} has no table in app/vocabulary/enums.py TABLES"
    missing = [code_of(v) for v in enum if not _has_words(TABLES[enum].get(code_of(v)))]
    assert not missing, (enum.__name__, missing)


def test_every_audited_action_has_words() -> None:
    missing = sorted(a for a in audited_actions() if not _has_words(ACTION.get(a)))
    assert not missing, missing


def test_every_entity_kind_has_words() -> None:
    """The kinds of audit rows, and the kinds of records an access row read (app/access_log.py record_access)."""
    missing = sorted(e for e in audited_entities() if not _has_words(ENTITY.get(e)))
    assert not missing, missing


def test_every_report_row_has_words(sqlite_ctx: AppContext) -> None:
    from app.reporting.daily import compute_counts

    zone = ZoneInfo("Asia/Shanghai")
    with sqlite_ctx.db.read() as s:
        counts = compute_counts(s, date(2026, 12, 1), zone, sqlite_ctx.clock.now())
    assert len(counts) > 30
    missing = sorted(k for k in counts if not _has_words(REPORT_COUNT.get(k)))
    assert not missing, missing


def test_every_table_of_words_is_complete() -> None:
    """No table in app/vocabulary holds an empty word (a unit may be empty: "count" has none)."""
    empty = []
    for info in pkgutil.iter_modules(app.vocabulary.__path__):
        module = importlib.import_module(f"app.vocabulary.{info.name}")
        for name, table in vars(module).items():
            if name.isupper() and name != "UNIT" and isinstance(table, Mapping) \
                    and all(isinstance(w, Words) for w in table.values()):
                empty += [(info.name, name, code) for code, w in table.items() if not _has_words(w)]
    assert not empty, empty


def test_an_unknown_code_prints_as_itself() -> None:
    """A print job never fails on an old or odd code: it prints the code."""
    assert label(ACTION, "case.unheard_of") == "case.unheard_of"
    assert label(ACTION, None, "—") == "—"
    assert label(ACTION, "case.take") == ACTION["case.take"].zh
    assert label(ACTION, "case.take", language="en") == ACTION["case.take"].en
    assert labels(ENTITY, ["zzz", "user", "clinic"]) == [ENTITY["clinic"].zh, ENTITY["user"].zh, "zzz"]
