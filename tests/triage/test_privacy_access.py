"""Privacy (PIPL, issue 13): searching, opening and exporting personal data leave an audit row (who, what kind
of record, what kind of criterion, how many rows — never the name, phone or ID number searched for); a
refused export leaves no file; names and free text with hidden characters are refused, also row by row in a
paper import."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from app import audit
from app.access_log import Criteria, criteria_kind
from app.actor import Actor
from app.cli import main as cli_main
from app.context import AppContext
from app.errors import PermissionDenied, ValidationError
from app.triage.lists import ListQuery
from app.triage.records import PatientInput
from tests.triage.test_desk_services import FEVER, RESIDENT, register_fever_patient
from tests.triage.test_paper_import import HEADER, run
from ui.csv_export import FileOnFirstWrite


def access_rows(ctx: AppContext) -> list[audit.AuditEntry]:
    with ctx.db.read() as s:
        return [e for e in audit.page(s, offset=0, limit=500, newest_first=False) if e.action.startswith("access.")]


@pytest.mark.parametrize(("text", "kind"), [
    ("", Criteria.FILTER), ("王", Criteria.NAME), ("wy", Criteria.INITIALS), ("13800138000", Criteria.PHONE),
    ("11010519491231002x", Criteria.ID_NUMBER), ("XH01-20261123-0001", Criteria.VISIT_NO), ("0001", Criteria.VISIT_NO),
    ("E1234567", Criteria.ID_NUMBER), ("138", Criteria.NUMBER),
])
def test_the_kind_of_criterion_is_recorded_not_the_criterion(text: str, kind: Criteria) -> None:
    assert criteria_kind(text) == kind


def test_a_search_is_recorded_without_its_text_a_plain_list_is_not(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    register_fever_patient(ctx, nurse)
    before = len(access_rows(ctx))
    assert ctx.lists.count(nurse, ListQuery()) == 1  # the list page reloading: not a search
    ctx.lists.page(nurse, ListQuery(text="138"))  # paging through results already counted: not logged again
    assert len(access_rows(ctx)) == before
    assert ctx.lists.count(nurse, ListQuery(text="13800138000")) == 1
    assert ctx.lists.count(nurse, ListQuery(text="张")) == 0
    phone, name = access_rows(ctx)[before:]
    assert (phone.action, phone.entity, phone.username, phone.outcome) == ("access.search", "screening_list", "nurse",
                                                                         "success")
    assert json.loads(phone.summary)["rows"] == 1 and json.loads(phone.summary)["criteria"] == "phone"
    assert json.loads(name.summary) == {"rows": 0, "criteria": "name"}
    assert "13800138000" not in phone.summary and "张" not in name.summary


def test_patient_look_up_and_opened_records_are_recorded(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    visit = register_fever_patient(ctx, nurse)
    before = len(access_rows(ctx))
    ctx.registration.detail(nurse, visit.visit_no)  # a desk re-reading what it just wrote
    assert len(access_rows(ctx)) == before
    found = ctx.registration.search_patients(nurse, RESIDENT, limit=20)
    ctx.registration.detail(nurse, visit.visit_no, opened=True)
    ctx.timelines.timeline(nurse, visit.visit_no)
    look_up, opened, timeline = access_rows(ctx)[before:]
    assert len(found) == 1
    assert (look_up.action, look_up.entity) == ("access.search", "patient")
    assert json.loads(look_up.summary) == {"rows": 1, "criteria": "id_number"} and RESIDENT not in look_up.summary
    assert (opened.action, opened.entity, opened.entity_id) == ("access.view", "visit_record", visit.visit_no)
    assert (timeline.action, timeline.entity, timeline.entity_id) == ("access.view", "timeline", visit.visit_no)
    gate = _gatekeeper(ctx, staff)
    with pytest.raises(PermissionDenied):
        ctx.registration.search_patients(gate, "王䶮")
    assert len(access_rows(ctx)) == before + 3  # a refused look-up read nothing and records no access


def _gatekeeper(ctx: AppContext, staff: dict[str, Actor]) -> Actor:
    ctx.users.create(staff["admin"], username="gate", full_name="门岗", roles=["gatekeeper"], password="gate-pass-1")
    return ctx.users.authenticate("gate", "gate-pass-1", "gate-1")


class _Checking(io.StringIO):
    """Fails the test if anything is written before the export's audit row is committed."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx

    def write(self, text: str) -> int:
        rows = access_rows(self.ctx)  # a new session: sees only what is committed
        assert rows and rows[-1].action == "access.export", "file written before its audit row"
        return super().write(text)


def test_export_is_recorded_before_the_file_and_a_refused_export_leaves_no_file(
        ctx: AppContext, staff: dict[str, Actor], tmp_path: Path) -> None:
    nurse = staff["nurse"]
    visit = register_fever_patient(ctx, nurse)
    out = _Checking(ctx)
    assert ctx.lists.export_csv(nurse, ListQuery(decision="isolate"), out) == 1
    assert visit.visit_no in out.getvalue()
    row = access_rows(ctx)[-1]
    assert (row.action, row.entity, row.username) == ("access.export", "screening_list", "nurse")
    assert json.loads(row.summary) == {"rows": 1, "criteria": "filter", "filters": {"decision": "isolate"}}

    path = tmp_path / "screenings.csv"
    stream = FileOnFirstWrite(str(path))
    with pytest.raises(PermissionDenied):
        ctx.lists.export_csv(_gatekeeper(ctx, staff), ListQuery(), stream)  # type: ignore[arg-type]
    stream.close()
    assert not path.exists()
    stream = FileOnFirstWrite(str(path))
    ctx.lists.export_csv(nurse, ListQuery(), stream)  # type: ignore[arg-type]
    stream.close()
    assert path.read_text(encoding="utf-8-sig").startswith("screened_at,")
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600


def test_cli_permit_list_is_recorded_as_an_export(ctx: AppContext, staff: dict[str, Actor], db_url: str) -> None:
    out = io.StringIO()
    assert cli_main(["--data-dir", str(ctx.paths.root), "--db-url", db_url, "permit", "list", "--json"], out=out) == 0
    row = access_rows(ctx)[-1]
    assert (row.action, row.entity, json.loads(row.summary)["rows"]) == ("access.export", "permit_list", 0)


# ----- hidden characters ------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["张\u200b三", "张三\u202e", "张\x00三", "\ufeff张三", "张\u2066三\u2069", "张\x85三"])
def test_registration_refuses_hidden_characters_in_a_name(ctx: AppContext, staff: dict[str, Actor], name: str) -> None:
    nurse = staff["nurse"]
    screening = ctx.screening.record(nurse, FEVER)
    with pytest.raises(ValidationError) as exc:
        ctx.registration.register(nurse, screening_id=screening.id, patient=PatientInput(
            name=name, id_type="resident_id", id_number=RESIDENT))
    assert exc.value.code == "control_characters" and exc.value.details["field"] == "name"
    visit = ctx.registration.register(nurse, screening_id=screening.id, patient=PatientInput(
        name="欧阳·娜娜", id_type="resident_id", id_number=RESIDENT))  # printable punctuation is fine
    assert visit.patient.name == "欧阳·娜娜"


def test_address_and_phone_with_hidden_characters_are_refused(ctx: AppContext, staff: dict[str, Actor]) -> None:
    nurse = staff["nurse"]
    screening = ctx.screening.record(nurse, FEVER)
    for field, patient in (("address", PatientInput(name="王五", id_type="resident_id", id_number=RESIDENT,
                                                    address="新河镇\u200d一村")),
                           ("phone", PatientInput(name="王五", id_type="resident_id", id_number=RESIDENT,
                                                  phone="138\u200b00138000"))):
        with pytest.raises(ValidationError) as exc:
            ctx.registration.register(nurse, screening_id=screening.id, patient=patient)
        assert (exc.value.code, exc.value.details["field"]) == ("control_characters", field)


def test_paper_import_names_the_row_with_a_hidden_character(ctx: AppContext, admin: Actor, db_url: str,
                                                            tmp_path: Path) -> None:
    rows = ["2026-11-22 08:05,王\u200b䶮,resident_id,11010519491231002x,,,,,38.2,fever,,fever_clinic,green,",
            "2026-11-22 08:10,李四,passport,E1234567,male,1980-02-03,,,36.6,,,general,green,"]
    path = tmp_path / "paper.csv"
    path.write_bytes(("\ufeff" + HEADER + "\n".join(rows) + "\n").encode("utf-8"))
    code, report = run(ctx, db_url, path)
    assert code == 1 and report["imported"] == 1
    [rejected] = report["rejected"]
    assert (rejected["row"], rejected["column"], rejected["code"]) == (2, "name", "control_characters")
    assert "第 2 行「姓名」列" in rejected["reason"] and "U+200B" in rejected["reason"]
