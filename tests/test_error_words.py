"""Every error code a person can meet has its words, in both languages, in one place (app/vocabulary/errors.py),
and the desks, the command line and the county hub say the same sentence."""

from __future__ import annotations

import ast
import io
import json
import re
import string
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from app.cli import main as cli_main
from app.errors import FeverSentinelError, ValidationError
from app.vocabulary import Words
from app.vocabulary import errors as words

ROOT = Path(__file__).resolve().parent.parent
# No exemption: a code raised only for the command line or the county hub still needs words.
NOT_SAID: set[str] = set()
# What a person must never read: a database product, a programmer's value, a field left unfilled.
NEVER_SAID = ("SQLite", "PostgreSQL", "pg_dump", "Traceback", "None", "True", "False", "{", "}")


def raised_codes() -> dict[str, str]:
    """Every error code written as a literal in app/ or ui/ (``ValidationError("phone", ...)``, a class's
    ``code = "..."``), with where."""
    error_classes = {"FeverSentinelError"}
    trees = [(path, ast.parse(path.read_text(encoding="utf-8"))) for folder in ("app", "ui")
             for path in sorted((ROOT / folder).rglob("*.py"))]
    for _ in range(3):  # subclasses of subclasses
        for _path, tree in trees:
            error_classes |= {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
                              and any(isinstance(b, ast.Name) and b.id in error_classes for b in node.bases)}
    codes: dict[str, str] = {}
    for path, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name in error_classes:  # a class's default: code = "..."
                codes.update({str(stmt.value.value): f"{path.relative_to(ROOT)}:{stmt.lineno}" for stmt in node.body
                              if isinstance(stmt, ast.AnnAssign | ast.Assign) and isinstance(stmt.value, ast.Constant)
                              and "code" in ast.unparse(stmt)})
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name in error_classes and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                codes.setdefault(node.args[0].value, f"{path.relative_to(ROOT)}:{node.lineno}")
            if name in ("code_text", "_error") and node.args:  # the desks' own codes, the hub's problem bodies
                first = node.args[1] if name == "_error" and len(node.args) > 1 else node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    codes.setdefault(first.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return codes


def all_words() -> dict[str, Words]:
    """Every Words in app/vocabulary/errors.py: the sentences, the choosers' variants, the names they fill in."""
    found: dict[str, Words] = {}
    for name, value in vars(words).items():
        if isinstance(value, Words):
            found[name] = value
        elif isinstance(value, dict):
            found.update({f"{name}[{key}]": v for key, v in value.items() if isinstance(v, Words)})
    return found


def fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)


def test_every_raised_code_has_words_in_both_languages() -> None:
    codes = raised_codes()
    assert len(codes) > 250  # the scan finds the services', the command line's and the hub's codes
    missing = {code: where for code, where in codes.items() if code not in words.ERRORS and code not in NOT_SAID}
    assert not missing, f"no Words in app/vocabulary/errors.py for {missing}"
    for code in codes:
        sentence = words.ERRORS.get(code)
        if sentence is not None:
            assert sentence.zh.strip() and sentence.en.strip(), code
            assert re.search(r"[\u4e00-\u9fff]", sentence.zh), f"{code}: the Chinese is not Chinese"


def test_both_languages_fill_the_same_fields() -> None:
    for name, pair in all_words().items():
        assert fields(pair.zh) == fields(pair.en), name
        assert pair.zh.strip() and pair.en.strip(), name


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_no_sentence_shows_a_code_a_product_or_a_programmers_value(language: str) -> None:
    for code in words.ERRORS:
        text = words.sentence(code, {}, language)
        assert text and not any(bad in text for bad in NEVER_SAID), (code, text)
        if "_" in code:
            assert code not in text, (code, text)


def test_details_fill_the_sentence_and_choosers_pick_the_words() -> None:
    assert words.sentence("password_too_short", {}, "zh_CN") == "密码至少需要 8 个字符。"
    assert "12" in words.sentence("password_too_short", {"minimum": 12}, "en")
    assert "HN01" in words.sentence("not_found", {"entity": "visit", "visit_no": "HN01"}, "zh_CN")
    patient = words.sentence("stale_edit", {"entity": "patient"}, "en")
    assert "patient" in patient and patient != words.sentence("stale_edit", {}, "en")
    wrong = words.sentence("hub_list_invalid", {"list": "hospitals", "item": 3, "field": "phone"}, "zh_CN")
    assert "定点医院名单" in wrong and "第 3 条" in wrong and "电话" in wrong and "phone" not in wrong
    assert "、" in words.sentence("doctor_has_open_cases", {"username": "li", "visits": ["A", "B"]}, "zh_CN")
    from app.vocabulary.casework import DISPOSITION

    assert DISPOSITION["admitted"].zh in words.sentence("case_closed", {"disposition": "admitted"}, "zh_CN")
    refused = words.sentence("escort_refused", {"needs": ["escort_level_3", "escort_isolation_ward"]}, "en")
    assert "escort_level_3" not in refused and "; " in refused
    unknown = words.sentence("no_such_code", {}, "en")
    assert unknown == words.UNKNOWN.en and "no_such_code" not in unknown


def test_the_hub_names_a_wrong_list_item_in_the_same_words() -> None:
    from app.hub.web import publish_problem

    err = ValidationError("list_item", item=4, field="level", reason="must be 中风险 or 高风险")
    assert publish_problem(err) == words.sentence("list_item", err.details, "zh_CN")
    assert "风险等级" in publish_problem(err) and "level" not in publish_problem(err)


@pytest.mark.parametrize(("setting", "expected"), [("zh_CN", "本机构"), ("en", "No clinic")])
def test_the_command_line_speaks_the_data_directorys_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], setting: str, expected: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text(json.dumps({"ui.language": setting}), encoding="utf-8")
    assert cli_main(["--data-dir", str(data), "audit", "verify"], out=io.StringIO()) == 1
    err = capsys.readouterr().err
    assert err.startswith("error [not_initialized]: ") and err.count("\n") == 1
    assert err == "error [not_initialized]: " + words.sentence("not_initialized", {}, setting) + "\n" \
        or err.startswith("error [not_initialized]: " + words.sentence("not_initialized", {}, setting) + " (")
    assert expected in words.sentence("not_initialized", {}, setting)


def test_the_desks_read_the_same_sentence(qapp: QCoreApplication) -> None:
    from ui.i18n import install_language
    from ui.messages import error_text, known_codes

    assert known_codes() == frozenset(words.ERRORS)
    install_language(qapp, "zh_CN")
    try:
        assert error_text(FeverSentinelError("phone")) == words.ERRORS["phone"].zh
    finally:
        install_language(qapp, "en")
    assert error_text(FeverSentinelError("phone")) == words.ERRORS["phone"].en
