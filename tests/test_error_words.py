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


# Words that are names filled into a sentence (or a heading), not sentences: they need no next step.
NAMES = {"TITLES", "LISTS", "LIST_FIELDS", "LIST_REASONS", "FILE_REASONS", "DISPOSITION", "TRANSFER_STATE",
         "EXCEPTION_KIND", "_STEPS", "_SOME_STEP", "_SOME_LIST", "_SOME_FIELD", "_SOME_REASON", "_LIST_SEPARATOR",
         "_NEEDS_SEPARATOR", "_DETAILS", "_NOT_SENT", "SNEAKERNET_FILES"}
# Sentences that truly leave nothing to do (each says so); every other sentence names a next step.
NOTHING_TO_DO = {
    "ERRORS[mode_unchanged]": "the clinic already works in the mode asked for: the wish is already met",
    "ERRORS[incident_reported]": "the incident was already reported, to whom is said: reporting again is wrong",
    "_FOLLOWED_UP": "the buyer was seen at the fever clinic: the follow-up the person opened is complete",
}
# A next step: an instruction (please, check, choose, call, ...), in each language.
NEXT_STEP = {
    "zh_CN": re.compile("请|重新|联系|检查|核对|改|再|打印|选择|填写|输入|询问|补|告知|刷新"),
    "en": re.compile(r"\b(please|try|check|ask|call|correct|choose|enter|print|contact|again|use|write|reload|tell|"
                     r"wait|request|order|type|give|install|submit|classify|enrol|restore|paste|copy|shorten|"
                     r"reassign|run|add|admit|take|scan|measure|plug|stop|keep|confirm|set|see|look|pick|"
                     r"send|free)\b", re.IGNORECASE),
}


# Words that hold a cue but ask nothing of the reader: 申请 (an application) holds 请, 未作更改 (nothing changed)
# 改, 完整性检查 (an integrity check) 检查.
NOT_A_STEP = re.compile("申请|改动|更改|不能再|无需再|完整性检查")


def said_plainly(text: str) -> str:
    return NOT_A_STEP.sub("", text)


def sentences() -> dict[str, Words]:
    """Every Words in app/vocabulary/errors.py a person reads as a sentence (the names excepted)."""
    found = all_words()
    return {name: pair for name, pair in found.items() if name.split("[")[0] not in NAMES}


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_sentence_says_what_to_do_next(language: str) -> None:
    said = sentences()
    assert "ERRORS[phone]" in said and "_MISSING[visit]" in said and "LISTS[hospitals]" not in said
    assert set(NOTHING_TO_DO) <= set(said), "an exemption names a sentence that is gone"
    silent = {}
    for name, pair in said.items():
        text = said_plainly(pair.say(language))
        if name not in NOTHING_TO_DO and not NEXT_STEP[language].search(text):
            silent[name] = text
    assert not silent, f"these sentences do not say what to do next: {silent}"


def test_the_next_step_check_can_fail() -> None:
    assert not NEXT_STEP["zh_CN"].search(said_plainly("该二维码已过期。"))
    assert not NEXT_STEP["zh_CN"].search(said_plainly("此交接申请已答复，未作更改。"))
    assert NEXT_STEP["zh_CN"].search(said_plainly("此交接申请已答复：请刷新列表。"))
    assert not NEXT_STEP["en"].search("The QR code has expired.")
    assert not NEXT_STEP["en"].search("This setting has the wrong kind of value.")


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
    assert words.sentence("password_too_short", {}, "zh_CN") == "密码至少需要 8 个字符：请输入更长的密码。"
    assert "12" in words.sentence("password_too_short", {"minimum": 12}, "en")
    assert "HN01" in words.sentence("not_found", {"entity": "visit", "visit_no": "HN01"}, "zh_CN")
    patient = words.sentence("stale_edit", {"entity": "patient"}, "en")
    assert "patient" in patient and patient != words.sentence("stale_edit", {}, "en")
    wrong = words.sentence("hub_list_invalid", {"list": "hospitals", "item": 3, "field": "phone"}, "zh_CN")
    assert "定点医院清单" in wrong and "第 3 条" in wrong and "电话" in wrong and "phone" not in wrong
    assert "、" in words.sentence("doctor_has_open_cases", {"username": "li", "visits": ["A", "B"]}, "zh_CN")
    from app.vocabulary.casework import DISPOSITION

    assert DISPOSITION["admitted"].zh in words.sentence("case_closed", {"disposition": "admitted"}, "zh_CN")
    refused = words.sentence("escort_refused", {"needs": ["escort_level_3", "escort_isolation_ward"]}, "en")
    assert "escort_level_3" not in refused and "; " in refused
    unknown = words.sentence("no_such_code", {}, "en")
    assert unknown == words.UNKNOWN.en and "no_such_code" not in unknown


def test_the_hub_names_a_wrong_list_item_in_the_same_words() -> None:
    from app.hub.web import publish_problem

    err = ValidationError("list_item", item=4, field="level", reason="not_level")
    assert publish_problem(err) == words.sentence("list_item", err.details, "zh_CN")
    assert "风险等级" in publish_problem(err) and "level" not in publish_problem(err)
    assert words.LIST_REASONS["not_level"].zh in publish_problem(err)


def test_a_refused_county_list_says_why_in_words_not_the_hubs_keys() -> None:
    from app.hub.lists import clean_items

    cases = [("hospitals", [{"name": "县人民医院", "kind": "clinic"}]),
             ("hospitals", [{"name": "县人民医院", "kind": "backup", "phone": "1" * 31}]),
             ("hospitals", ["县人民医院"]), ("risk_areas", [{"name": "上", "level": "high"}]),
             ("risk_areas", [{"name": "上海市浦东新区", "level": "high", "colour": "red"}]),
             ("risk_areas", {"name": "x"}), ("risk_areas", [{}] * 5001)]
    for name, items in cases:
        with pytest.raises(ValidationError) as caught:
            clean_items(name, items)
        reason = caught.value.details["reason"]
        table = words.LIST_REASONS if caught.value.code == "list_item" else words.FILE_REASONS
        assert reason in table, (name, items, reason)
        for language in ("zh_CN", "en"):
            text = words.sentence(caught.value.code, caught.value.details, language)
            assert reason not in text and "?" not in text, text
            assert table[reason].say(language).split("{")[0] in text, text
    long = words.sentence("list_item", {"item": 1, "field": "phone", "reason": "too_long", "maximum": 30}, "zh_CN")
    assert "超过 30 个字" in long


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
