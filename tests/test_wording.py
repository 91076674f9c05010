"""The Chinese words follow national usage (issue 15, deliverable 1), on screen and on paper.

Scans the Chinese translations (resources/translations/*.ts, the source of the compiled .qm) and the paper
texts (every table of app/vocabulary — what screen and paper both say — and every string literal in
app/printing/*.py) for terms an
infection-control nurse would read as wrong, with the allowed exceptions spelled out below.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path

import pytest

from app.printing.audit_text import REFUSAL_REASON
from app.vocabulary import Words
from app.vocabulary import audit as VA
from app.vocabulary import report as VR
from app.vocabulary import transfer as VT
from app.vocabulary import triage as VP
from app.vocabulary import wards as VW
from app.vocabulary.clinic import DESK_KEY_STATE
from app.vocabulary.casework import DISPOSITION
from ui.i18n import translations_dir

ROOT = Path(__file__).resolve().parents[1]
TS_FILES = sorted(translations_dir().glob("*_zh_CN.ts"))

#: term -> (why it is wrong, pattern of the allowed uses of the term (removed before looking), or None)
FORBIDDEN: dict[str, tuple[str, str | None]] = {
    "聚集性疫情": ("a formally defined public-health emergency: the alert is 疑似聚集性发热（同住址/同单位）", None),
    "转诊": ("the ambulance to the designated hospital is 转运（转运至定点医院）", None),
    "转送": ("the walk to the fever clinic is 引导, the ambulance 转运", None),
    "拒收": ("a form that cannot be verified never stops the patient being received and cared for", None),
    "请勿接收": ("a form that cannot be verified never stops the patient being received and cared for", None),
    "病人": ("患者", None),
    "本院": ("本机构 (a township clinic is no 医院)", None),
    "诊所": ("本机构", None),
    "挂号": ("发热门诊登记人数", None),
    "擅自离开": ("擅自离院", None),
    "后备医院": ("后备定点医院", None),
    "较重": ("one condition scale: 一般 / 病重 / 病危", None),
    # 重症 only in the ward names of the guideline (重症病区、传染病区禁止陪护; 重症监护病区)
    "重症": ("one condition scale: 一般 / 病重 / 病危", r"重症监护|重症病区"),
    # 危重 only as the clinical type 危重型, or as the name of emergency triage level II (急诊预检分级 Ⅱ级 危重,
    # 急诊预检分诊专家共识 2018), a different scale from the patient's condition
    "危重": ("one condition scale: 一般 / 病重 / 病危", r"危重型|Ⅱ级 危重"),
}
#: 吊销 is for desk signing keys (not permits): allowed only where the text is about a key.
KEY_WORD = "密钥"
KEY_CONTEXTS = {"DeskKeysBox"}
#: The escorted walk to the fever clinic is 引导, never 转运 (the ambulance only).
WALK_CONTEXTS = {"HandoffBoardPage", "HandoffStep", "HandoffTableModel", "LeftDialog"}
WALK_SOURCE = re.compile(r"hand-off|escorted|walks? the patient", re.IGNORECASE)
AMBULANCE_SOURCE = re.compile(r"designated hospital|ambulance|transfer", re.IGNORECASE)


def zh_of(context: str, source: str) -> str:
    return next(text for ctx, src, text in translations() if (ctx, src) == (context, source))


def wrong_terms(text: str) -> list[str]:
    found = []
    for term, (_why, allowed) in FORBIDDEN.items():
        if term in (re.sub(allowed, "", text) if allowed else text):
            found.append(term)
    return found


def translations() -> list[tuple[str, str, str]]:
    out = []
    for ts in TS_FILES:
        root = ET.parse(ts).getroot()
        for ctx in root.iter("context"):
            name = ctx.findtext("name", "")
            for m in ctx.iter("message"):
                tr = m.find("translation")
                if tr is None or tr.get("type") in ("vanished", "obsolete"):
                    continue
                out.append((name, m.findtext("source", ""), "".join(tr.itertext())))
    return out


def paper_tables() -> dict[str, Mapping[str, str]]:
    """Every table of words in app/vocabulary (its Chinese: what the paper prints and a Chinese desk shows),
    and the printout's short refusal reasons."""
    import importlib
    import pkgutil

    import app.vocabulary

    out: dict[str, Mapping[str, str]] = {"audit_text.REFUSAL_REASON": REFUSAL_REASON}
    for info in pkgutil.iter_modules(app.vocabulary.__path__):
        module = importlib.import_module(f"app.vocabulary.{info.name}")
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, Mapping) and value \
                    and all(isinstance(v, Words) for v in value.values()):
                out[f"{info.name}.{name}"] = {k: w.zh for k, w in value.items()}
    return out


def paper_literals() -> list[tuple[str, int, str]]:
    """Every string literal in app/printing/*.py except docstrings (they are for developers)."""
    out = []
    for path in sorted((ROOT / "app" / "printing").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                out.append((path.name, node.lineno, node.value))
    return out


def test_the_translations_are_found():
    assert TS_FILES and len(translations()) > 500
    assert len(paper_tables()) > 20 and len(paper_literals()) > 500


def test_no_forbidden_term_on_screen():
    bad = [(ctx, src, zh, wrong_terms(zh)) for ctx, src, zh in translations() if wrong_terms(zh)]
    assert not bad, "\n".join(f"[{c}] {s!r} → {z!r}: {t}" for c, s, z, t in bad)


def test_no_forbidden_term_on_paper():
    bad = [(name, key, text, wrong_terms(text)) for name, table in paper_tables().items()
           for key, text in table.items() if wrong_terms(text)]
    bad += [(file, line, text, wrong_terms(text)) for file, line, text in paper_literals() if wrong_terms(text)]
    assert not bad, "\n".join(f"{a} {b}: {c!r}: {d}" for a, b, c, d in bad)


def test_permits_are_voided_only_desk_keys_are_revoked():
    on_screen = [(ctx, src, zh) for ctx, src, zh in translations()
                 if "吊销" in zh and KEY_WORD not in zh and ctx not in KEY_CONTEXTS]
    assert not on_screen, on_screen
    on_paper = [(name, key, text) for name, table in paper_tables().items() for key, text in table.items()
                if "吊销" in text and KEY_WORD not in text]
    on_paper += [(f, n, t) for f, n, t in paper_literals() if "吊销" in t and KEY_WORD not in t]
    assert not on_paper, on_paper
    assert VW.PERMIT_STATE["revoked"].zh == "已作废" and VA.ACTION["permit.revoke"].zh == "作废通行证"
    # "Revoked" is one word for permits and desk keys, on screen and paper alike
    assert VW.PERMIT_STATE["revoked"] == DESK_KEY_STATE["revoked"] == Words("已作废", "Revoked")


def test_the_walk_to_the_fever_clinic_is_escorting_not_a_transfer():
    on_screen = [(ctx, src, zh) for ctx, src, zh in translations() if "转运" in zh and (
        ctx in WALK_CONTEXTS or (WALK_SOURCE.search(src) and not AMBULANCE_SOURCE.search(src)))]
    assert not on_screen, on_screen
    walk = [w.zh for w in VP.HANDOFF_STATE.values()] + [w.zh for a, w in VA.ACTION.items() if a.startswith("handoff.")]
    walk += [REFUSAL_REASON["handoff_closed"], REFUSAL_REASON["handoff_open"], VR.REPORT_COUNT["handoffs_unconfirmed"].zh]
    assert not [t for t in walk if "转运" in t], walk
    assert "引导" in VA.ACTION["handoff.send"].zh and "引导" in VP.HANDOFF_STATE["escorting"].zh


@pytest.fixture(scope="module")
def zh() -> dict[tuple[str, str], str]:
    return {(ctx, src): text for ctx, src, text in translations()}


def test_one_condition_scale_on_screen_and_on_the_handover_form(zh):
    scale = ["一般", "病重", "病危"]
    # one table for the desks and the handover form (ui/labels.py condition_name reads it too)
    assert [VT.CONDITION[c].zh for c in ("stable", "serious", "critical")] == scale


def test_the_national_terms_are_used(zh):
    assert VR.ALERT_KIND["cluster"].zh == "疑似聚集性发热（同住址/同单位）"
    assert VT.HOSPITAL_KIND["backup"].zh == "后备定点医院"
    assert DISPOSITION["transfer"].zh == "转运至定点医院"
    assert VR.REPORT_COUNT["fever_registered"].zh == "发热门诊登记人数"
    assert "人次" in VR.REPORT_COUNT["screened"].zh
    assert DISPOSITION["left_without_permission"].zh == VP.HANDOFF_STATE["left_without_permission"].zh == "擅自离院"


def test_a_form_that_cannot_be_verified_still_has_the_patient_received(zh):
    verdict = zh[("ReceiveTransferPage", "Refused: {reason}")]
    assert "无法核验" in verdict and "照常接收" in verdict
