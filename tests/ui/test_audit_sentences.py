"""issue 15 — the audit and timeline pages show sentences, never codes, True/False or dict keys.

Walks every action string passed to an audited write in app/ and every entity kind an audit row names, builds a
row with a representative summary (the demo clinic's own rows, plus one made-up summary per action), and checks
the screen text in both languages: no raw key, no True/False/None, no dotted code; and in Chinese the screen says
exactly what the 责任倒查 printout says."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication

import app
from app.access_log import Access
from app.context import AppContext
from app.vocabulary.audit import ACTION, ENTITY
from app.printing.audit_text import summary_text as paper_summary
from ui.i18n import install_language
from ui.labels import action_name, entity_name
from ui.pages.audit_model import record_text, screen_summary

TZ = ZoneInfo("Asia/Shanghai")
ROOT = Path(app.__file__).parent
_CODE = re.compile(r'"([a-z]+\.[a-z_]+)"')


def audited_actions() -> set[str]:
    """Every action string handed to an audited write (directly, through ``action = ...`` or a helper such as
    ``_owned(actor, visit_no, "case.x")``) or to ``audit.append``; the access-log actions too."""
    actions: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if "printing" in path.parts:
            continue
        lines = path.read_text("utf-8").splitlines()
        for i, line in enumerate(lines):
            window = line + (lines[i - 1] if i else "")
            if re.search(r"audited_write|audit\.append|\baction\b|with self\._\w+\(", window):
                actions |= set(_CODE.findall(line))
    return actions | {a.value for a in Access}


def audited_entities() -> set[str]:
    source = "\n".join(p.read_text("utf-8") for p in ROOT.rglob("*.py"))
    found = set(re.findall(r'audited_write\(\s*\w+,\s*(?:"[a-z_.]+"|\w+),\s*"([a-z_]+)"', source))
    found |= set(re.findall(r'audit\.append\(\s*\w+,\s*[\w.()]+,\s*\w+,\s*(?:"[a-z_.]+"|[\w.]+),\s*"([a-z_]+)"',
                            source))
    found |= set(re.findall(r'record_access\(.*?Access\.\w+,\s*"([a-z_]+)"', source))
    return found


def test_the_walk_finds_the_actions_and_entities() -> None:
    actions, entities = audited_actions(), audited_entities()
    assert {"permit.revoke", "sync.hub_url", "alert.raise", "case.interview", "transfer.dispatch", "auth.login",
            "report.auto_submit", "user.disable", "access.view"} <= actions
    assert not any(a.startswith(("clinic.refer", "triage.rules\"")) for a in actions)
    assert {"setting", "alert", "gate_event", "visit", "timeline", "admission"} <= entities


def test_every_audited_action_and_entity_has_words_on_screen_and_paper(qapp: QApplication) -> None:
    for lang in ("en", "zh_CN"):
        install_language(qapp, lang)
        missing = sorted(a for a in audited_actions() if action_name(a) == a)
        assert not missing, (lang, missing)
        missing = sorted(e for e in audited_entities() if entity_name(e) == e)
        assert not missing, (lang, missing)
    assert not audited_actions() - set(ACTION)
    assert not audited_entities() - set(ENTITY)


#: One made-up summary per action, shaped as the services record them (values as the JSON column holds them).
SAMPLES: dict[str, dict[str, Any]] = {
    "auth.login": {},
    "clinic.initialize": {"admin": "admin", "code": "C01", "demo": False, "key_id": "ab12", "level": "township",
                          "mode": "refer", "name": "某镇卫生院", "timezone": "Asia/Shanghai"},
    "user.create": {"username": "nurse", "full_name": "李娜", "roles": ["triage_nurse"]},
    "user.update": {"username": "nurse", "before": {"full_name": "李娜", "roles": ["triage_nurse"]},
                    "after": {"full_name": "李娜", "roles": ["doctor", "triage_nurse"]}},
    "user.enable": {"username": "nurse"},
    "user.disable": {"username": "doc", "open_cases": ["C01-20261201-0001"]},
    "user.reset_password": {"username": "nurse"},
    "user.change_password": {"username": "nurse"},
    "sync.hub_url": {"url": "https://hub.example.cn"},
    "sync.hub_ca": {"file": "/tmp/ca.pem", "subject": "CN=hub", "sha256": "aa" * 8,
                    "not_after": "2027-01-01T00:00:00+00:00"},
    "sync.list_applied": {"source": "hub", "list": "risk_areas", "version": 3, "before": "2", "count": 12},
    "report.submit": {"day": "2026-12-01", "version": 1, "zero_report": False, "automatic": False, "note": ""},
    "report.auto_submit": {"day": "2026-12-01", "version": 1, "zero_report": True, "automatic": True, "note": ""},
    "report.correct": {"day": "2026-12-01", "version": 2, "zero_report": False, "automatic": False,
                       "note": "漏报一例"},
    "report.auto_submit_time": {"before": None, "after": "21:00"},
    "alert.raise": {"raised": [{"id": 3, "kind": "positive_result", "dedupe_key": "positive:7"}]},
    "alert.acknowledge": {"kind": "visitor_overstay", "dedupe_key": "overstay:ab", "action_taken": "已劝离"},
    "triage.rules_update": {"before": {"fever_threshold": 37.3}, "after": {"fever_threshold": 37.5}},
    "figures.update": {"before": {"minutes": 30}, "after": {"minutes": 20}},
    "db.backup": {"file": "/data/backup.fsbak", "bytes": 4096, "audit_seq": 12, "keys": 2, "automatic": False},
    "transfer.request": {"clocks_settled": 2, "condition": "serious", "hospital": "市传染病医院", "oxygen": False,
                         "reason": "", "request_clock_met": 1, "transfer_id": 1, "referral": False},
    "transfer.cancel": {"back_to_ward": False, "case_reopened": True, "clocks_resumed": 0, "owes_transfer": True,
                        "reason": "床位已满"},
}

FORBIDDEN = re.compile(r"\b(True|False|None)\b|\b[a-z]+\.[a-z_]+\b|\b[a-z]+_[a-z_]+\b")


def _rows(ctx: AppContext) -> list[tuple[str, str, str, str | None, Any]]:
    """The demo clinic's audit rows (one per action and outcome) and the made-up ones."""
    from app.actor import Actor
    from app.services.demo import create_demo

    create_demo(ctx.clinic, ctx.users, Actor.system())
    import sqlite3

    conn = sqlite3.connect(ctx.paths.database)
    rows: dict[tuple[str, str], tuple[str, str, str, str | None, Any]] = {}
    for action, outcome, entity, entity_id, summary in conn.execute(
            "SELECT action, outcome, entity, entity_id, summary FROM audit_events ORDER BY seq"):
        rows.setdefault((action, outcome), (action, outcome, entity, entity_id, summary))
    conn.close()
    made_up = [(a, "success", "setting", None, json.dumps(s)) for a, s in SAMPLES.items()]
    refusals = [(a, "denied", "setting", None, json.dumps({"error": "permission_denied", "permission": "x",
                                                           "field": "action_taken"}))
                for a in ("sync.hub_url", "alert.acknowledge", "permit.revoke")]
    covered = {a for a, _ in rows} | set(SAMPLES)
    rest = [(a, "success", "setting", None, json.dumps({"reason": "测试"})) for a in audited_actions() - covered]
    return list(rows.values()) + made_up + refusals + rest


@pytest.fixture
def rows(ctx: AppContext) -> list[tuple[str, str, str, str | None, Any]]:
    return _rows(ctx)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_screen_shows_sentences_never_codes(qapp: QApplication, rows: list[Any], lang: str) -> None:
    install_language(qapp, lang)
    seen = {r[0] for r in rows}
    assert {"permit.revoke", "alert.raise", "sync.hub_url", "clinic.initialize", "transfer.request"} <= seen
    for action, outcome, entity, entity_id, summary in rows:
        text = screen_summary(action, outcome, summary, TZ)
        words = action_name(action) + " " + record_text(entity, entity_id)
        data = json.loads(summary)
        keys = {k for k in data if len(k) > 2} | {k for v in data.values() if isinstance(v, dict) for k in v}
        if lang == "en":  # "name:" is an English word there; a key with an underscore never is
            keys = {k for k in keys if "_" in k}
        for shown in (text, words):
            bad = FORBIDDEN.findall(shown) if lang == "zh_CN" else re.findall(
                r"\b(True|False|None)\b|\b[a-z]+\.[a-z_]+\b", shown)
            assert not [b for b in bad if any(b)], (lang, action, shown)
            assert not [k for k in keys if re.search(rf"(?<![\w/.]){re.escape(k)}(?=:)", shown)], (action, shown)
        if lang == "zh_CN":
            assert text == paper_summary(action, outcome, data, TZ), action  # one wording, screen and paper


def test_known_sentences(qapp: QApplication) -> None:
    install_language(qapp, "zh_CN")
    cancel = screen_summary("transfer.cancel", "success", json.dumps(SAMPLES["transfer.cancel"]), TZ)
    assert cancel == "原因：床位已满；病例重新开放；仍须转运（申请转运时限重新计时）"
    assert screen_summary("sync.hub_url", "success", '{"url": "https://hub.example.cn"}', TZ) \
        == "县级平台地址 https://hub.example.cn"
    assert "automatic" not in screen_summary("db.backup", "success", json.dumps(SAMPLES["db.backup"]), TZ)
    oxygen = screen_summary("transfer.request", "success", json.dumps(SAMPLES["transfer.request"]), TZ)
    assert "oxygen" not in oxygen and "False" not in oxygen
    assert record_text("setting", "sync.hub_url") == entity_name("setting")
    install_language(qapp, "en")
    assert screen_summary("alert.raise", "success", json.dumps(SAMPLES["alert.raise"]), TZ) \
        == "kind: Positive result"
    assert "oxygen" not in screen_summary("transfer.request", "success", json.dumps(SAMPLES["transfer.request"]), TZ)
