"""The early-warning page says every alert kind in a sentence — the visit, the test in words, the times,
the minutes and limits — never an evidence key, a raw code or True/False; the events the services raise
at once (a positive result, a patient who left without permission, a patient no doctor took in time, a
visitor overstaying) show up on the page as they are recorded."""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from app.reporting.alerts import AlertKind, AlertRecord, raise_now
from tests.ui.casework_support import settle, taken_case
from tests.ui.triage_support import ZONE
from ui.labels import alert_kind_name
from ui.pages.alerts_page import AlertsPage, evidence_text

SHOTS = Path(os.environ.get("FEVER_SENTINEL_SHOTS", "/tmp/shots"))
EARS = {"method": "EARS", "date": "2026-03-09", "count": 14, "c1": 3.2, "c2": 3.5, "c3": None, "alarms": ["c1", "c2"],
        "min_sd": 0.2, "series_from": "2026-02-10", "counts": [1, 2, 1, 3]}
#: One alert of every kind, with evidence shaped as the service that raises it records it.
SAMPLES: dict[str, dict[str, object]] = {
    "case": {"visit_no": "F20260310-0001", "classification": "suspected", "classified_at": "2026-03-10T09:10:00+08:00"},
    "cluster": {"field": "address", "key": "清水镇幸福村", "patients": 3, "window_days": 7,
                "new_visit_no": "F20260310-0003", "visits": [{"visit_no": "F20260308-0002", "date": "2026-03-08"},
                                                             {"visit_no": "F20260310-0003", "date": "2026-03-10"}]},
    "ears_fever_visits": {**EARS, "series": "fever_clinic_registrations"},
    "ears_antipyretic": {**EARS, "series": "antipyretic_purchases"},
    "ears_antiviral": {**EARS, "series": "antiviral_purchases"},
    "ears_antibiotic": {**EARS, "series": "antibiotic_purchases"},
    "ears_cough": {**EARS, "series": "cough_purchases"},
    "positive_result": {"visit_no": "F20260310-0001", "test_id": 7, "kind": "nucleic_acid",
                        "result_at": "2026-03-10T12:05:00+08:00", "classification": "pending"},
    "left_without_permission": {"visit_no": "F20260310-0002", "classification": "pending", "positive": True,
                                "disposition": "left_without_permission"},
    "untaken_patient": {"visit_no": "F20260310-0004", "arrived_at": "2026-03-10T09:00:00+08:00",
                        "limit_minutes": 10, "minutes_waited": 14, "taken_at": None},
    "visitor_overstay": {"permit": "V-2026-000123", "ward": "内科病区", "minutes_over": 12},
    "offline_admit_refusable": {"permit": "E23521502", "gate": "内科门岗", "reason": "escort_test_old"},
    "staff_positive": {"staff_no": 3, "post": "fever_clinic", "sampled_on": "2026-03-10"},
    "swab_positive": {"swab_no": 5, "place": "发热门诊诊室门把手", "sampled_on": "2026-03-10"},
    "news2": {"visit_no": "C01-20260310-0004", "previous_news2": 3, "news2": 5, "news2_complete": True,
              "codes": ["news2_rose", "news2_reached"], "doctor": "zhangwei", "vital_signs_id": 12},
}


def record(kind: str, evidence: dict[str, object]) -> AlertRecord:
    return AlertRecord(1, kind, f"{kind}:test", datetime(2026, 3, 10, 12, 6, tzinfo=ZONE), date(2026, 3, 10),
                       evidence, None, None, None, 1)


def raw_parts(evidence: dict[str, object]) -> list[str]:
    """What must never reach a person: the evidence keys, and the codes among its values."""
    parts = [k for k in evidence if "_" in k] + [f"{k}:" for k in evidence]
    parts += [str(v) for v in evidence.values() if isinstance(v, str) and re.fullmatch(r"[a-z]+_[a-z_]+", v)]
    return parts


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_alert_kind_is_said_in_words(qapp, language):
    from ui.i18n import install_language

    assert set(SAMPLES) == {k.value for k in AlertKind}  # a new kind needs its sentence (and a sample here)
    install_language(qapp, language)
    try:
        for kind in AlertKind:
            evidence = SAMPLES[kind.value]
            text = evidence_text(record(kind.value, evidence), ZONE)
            assert text, kind
            assert alert_kind_name(kind.value) != kind.value
            for raw in raw_parts(evidence):
                assert raw not in text, (kind, raw, text)
            assert not re.search(r"\bTrue\b|\bFalse\b|\bNone\b|[{}]", text), (kind, text)
        positive = evidence_text(record("positive_result", SAMPLES["positive_result"]), ZONE)
        assert "F20260310-0001" in positive and "03-10 12:05" in positive
        untaken = evidence_text(record("untaken_patient", SAMPLES["untaken_patient"]), ZONE)
        assert "14" in untaken and "10" in untaken
        overstay = evidence_text(record("visitor_overstay", SAMPLES["visitor_overstay"]), ZONE)
        assert "V-2026-000123" in overstay and "内科病区" in overstay and "12" in overstay
        if language == "en":
            assert "Nucleic acid test #7 positive" in positive
            assert "has waited 14 min with no doctor (limit 10 min)" in untaken
            left = evidence_text(record("left_without_permission", SAMPLES["left_without_permission"]), ZONE)
            assert "F20260310-0002 (positive result) left without permission" in left
            for kind, words in (("ears_antipyretic", "fever-medicine purchases"), ("ears_antiviral",
                                "antiviral purchases"), ("ears_antibiotic", "antibiotic purchases"),
                                ("ears_cough", "cough-medicine purchases")):
                assert words in evidence_text(record(kind, SAMPLES[kind]), ZONE)
        else:
            assert "核酸检测" in positive and "阳性" in positive
    finally:
        install_language(qapp, "en")


def test_an_unknown_kind_shows_its_values_but_no_keys():
    text = evidence_text(record("something_new", {"visit_no": "F1", "minutes_over": 5, "flag": True}), ZONE)
    assert "visit_no" not in text and "minutes_over" not in text and "True" not in text
    assert "F1" in text and "5" in text


def test_event_alerts_reach_the_page_in_sentences(qtbot, qapp, doctor_session, nurse_session, clock):
    from ui.i18n import install_language

    ctx, doctor = doctor_session.ctx, doctor_session.actor
    # a positive nucleic acid result (raised in the same write)
    case = taken_case(ctx, nurse_session.actor, doctor)
    ctx.cases.start_observation(doctor, case.visit_no, "留观1室", "2床")
    case = ctx.cases.order_test(doctor, case.visit_no, "nucleic_acid", "fever_clinic", clock.now())
    clock.advance(hours=2)
    test = case.tests[-1]
    case = ctx.cases.record_result(doctor, test.id, test.version, result="positive", result_at=clock.now(),
                                   lab="县疾控中心实验室")
    # the positive patient leaves without permission
    ctx.cases.dispose(doctor, case.visit_no, case.version, "left_without_permission",
                      {"left_at": "2026-03-10 11:05", "noticed_by": "护士 李娜", "reported_to": "值班主任"})
    # a visitor overstays; an EARS alarm on antiviral sales
    with ctx.db.write() as s:
        raise_now(s, AlertKind.VISITOR_OVERSTAY, "overstay:test", date(2026, 3, 10),
                  SAMPLES["visitor_overstay"], clock.now())
        raise_now(s, AlertKind.EARS_ANTIVIRAL, "ears_antiviral:2026-03-09", date(2026, 3, 9),
                  SAMPLES["ears_antiviral"], clock.now())
    # a patient nobody takes (found by the scan)
    from tests.ui.casework_support import received_patient

    received_patient(ctx, nurse_session.actor, doctor, "李强", 2)
    clock.advance(minutes=15)

    page = AlertsPage(doctor_session)
    qtbot.addWidget(page)
    page.resize(1366, 728)
    page.show()
    page.activated()
    settle()
    kinds = [page.model.record_at(r).kind for r in range(page.model.rowCount())]
    for kind in ("positive_result", "left_without_permission", "visitor_overstay", "ears_antiviral",
                 "untaken_patient"):
        assert kind in kinds, kinds
    for r in range(page.model.rowCount()):
        alert = page.model.record_at(r)
        shown = page.model.index(r, page.model.EVIDENCE).data()
        assert page.model.index(r, page.model.KIND).data() == alert_kind_name(alert.kind)
        for raw in raw_parts(alert.evidence):
            assert raw not in shown, (alert.kind, raw, shown)
    install_language(qapp, "zh_CN")
    try:
        settle()
        page.view.resizeRowsToContents()
        texts = [page.model.index(r, page.model.EVIDENCE).data() for r in range(page.model.rowCount())]
        assert any("阳性" in t for t in texts) and any("擅自离院" in t for t in texts)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.grab().save(str(SHOTS / "alerts_page_events.png"))
    finally:
        install_language(qapp, "en")
