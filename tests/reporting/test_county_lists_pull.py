"""Issue 13, deliverable 6 (clinic side): a clinic applies the county's pulled lists all or nothing. Every item
of both lists is checked with the clinic's own rules first; a bad one names the list, the item and the field
and changes nothing (the other list neither); a good list is applied, audited as from the hub, once per version.
Issue 18: the answers are signed by the hub key; an unsigned, changed or foreign-signed answer changes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from app.actor import Actor
from app.context import AppContext
from app.db.models import AuditEvent
from app.errors import PermissionDenied, ValidationError
from app.hub import sneakernet as hubfiles
from app.keys import ClinicKey
from app.reporting.anchor_check import AnchorService
from app.reporting.sync import SyncService

HUB = "http://127.0.0.1:8750"
AREAS = [{"name": "广东省广州市白云区", "level": "high"}, {"name": "上海市 浦东新区", "level": "中风险", "since": "2026-11-20"}]
HOSPITALS = [{"name": "市传染病医院", "kind": "designated", "accepting": True, "phone": "0731-1234567"},
             {"name": "县人民医院", "kind": "backup"}]


class County:
    """The hub's two list answers, signed by its key as the hub signs them, as a clinic reads them
    (httpx.MockTransport: no network). ``answer`` changes an answer on the way."""

    def __init__(self) -> None:
        self.key = ClinicKey(Ed25519PrivateKey.generate())
        self.lists: dict[str, Any] = {"risk-areas": {"name": "risk_areas", "version": 0, "items": []},
                                      "hospitals": {"name": "hospitals", "version": 0, "items": []}}
        self.on_the_way: Callable[[str, dict[str, Any]], Any] = lambda _name, signed: signed

    def publish(self, name: str, items: list[Any], version: int | None = None) -> None:
        current = self.lists[name]
        self.lists[name] = {"name": current["name"], "version": version or current["version"] + 1, "items": items}

    def client(self) -> httpx.Client:
        def answer(request: httpx.Request) -> httpx.Response:
            name = request.url.path.rsplit("/", 1)[-1]
            signed = hubfiles.sign_document(self.key, {"format": hubfiles.LIST_FORMAT,
                                                       "version": hubfiles.FILE_VERSION, "list": self.lists[name]})
            answer = self.on_the_way(name, signed)
            return httpx.Response(200, content=json.dumps(answer, ensure_ascii=False).encode())

        return httpx.Client(transport=httpx.MockTransport(answer))


@pytest.fixture
def county() -> County:
    return County()


@pytest.fixture
def sync(ctx: AppContext, admin: Actor, county: County) -> SyncService:
    return SyncService(ctx.db, ctx.clock, ctx.keys, client_factory=county.client)


def lists_here(ctx: AppContext) -> tuple[dict[str, str], dict[str, tuple[str, bool]]]:
    areas = {a.name: a.level for a in ctx.triage_config.risk_areas()}
    hospitals = {h.name: (h.kind, h.accepting) for h in ctx.transfers.hospitals(Actor.system())}
    return areas, hospitals


def audit_actions(ctx: AppContext) -> list[str]:
    with ctx.db.read() as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


def test_good_lists_are_applied_once_per_version(ctx: AppContext, admin: Actor, county: County,
                                                 sync: SyncService) -> None:
    county.publish("risk-areas", AREAS)
    county.publish("hospitals", HOSPITALS)
    assert sync.pull(admin, hub_url=HUB) == {"risk_areas": 2, "hospitals": 2}
    areas, hospitals = lists_here(ctx)
    assert areas == {"广东省广州市白云区": "high", "上海市浦东新区": "medium"}  # the clinic's own words and spacing
    assert hospitals == {"市传染病医院": ("designated", True), "县人民医院": ("backup", True)}
    assert [r.source for r in ctx.triage_config.risk_areas()] == ["hub", "hub"]
    with ctx.db.read() as s:
        applied = s.scalars(select(AuditEvent).where(AuditEvent.action == "sync.list_applied")
                            .order_by(AuditEvent.seq)).all()
    assert [json.loads(e.summary)["list"] for e in applied] == ["risk_areas", "hospitals"]
    assert all(json.loads(e.summary)["source"] == "hub" and e.username == "boss" for e in applied)
    before = audit_actions(ctx)
    assert sync.pull(admin, hub_url=HUB) == {}  # the same versions: not applied again
    assert audit_actions(ctx) == before
    county.publish("hospitals", HOSPITALS[:1])
    assert sync.pull(admin, hub_url=HUB) == {"hospitals": 1}  # only the new version
    assert lists_here(ctx)[1] == {"市传染病医院": ("designated", True), "县人民医院": ("backup", False)}


BAD_AREAS = [
    ({"level": "high"}, 2, "name", "missing"),
    ({"name": 12345, "level": "high"}, 2, "name", "not_text"),
    ({"name": "某", "level": "high"}, 2, "name", "invalid"),
    ({"name": "某" * 101, "level": "high"}, 2, "name", "too_long"),
    ({"name": "河北省\u200b石家庄市", "level": "high"}, 2, "name", "control_characters"),
    ({"name": "河北省石家庄市"}, 2, "level", "missing"),
    ({"name": "河北省石家庄市", "level": "low"}, 2, "level", "invalid"),
    ({"name": "河北省石家庄市", "level": "high", "since": "20.11.2026"}, 2, "since", "invalid"),
    ({"name": "广东省广州市白云区", "level": "medium"}, 2, "name", "duplicate"),
    ("广东省广州市白云区", 2, "item", "not_an_object"),
]


@pytest.mark.parametrize(("bad", "item", "field", "reason"), BAD_AREAS)
def test_a_bad_risk_area_changes_neither_list(ctx: AppContext, admin: Actor, county: County, sync: SyncService,
                                              bad: Any, item: int, field: str, reason: str) -> None:
    county.publish("risk-areas", AREAS[:1])
    county.publish("hospitals", HOSPITALS[:1])
    sync.pull(admin, hub_url=HUB)
    before, actions = lists_here(ctx), audit_actions(ctx)
    county.publish("risk-areas", [AREAS[0], bad])
    county.publish("hospitals", HOSPITALS)  # good, and new: still not applied
    with pytest.raises(ValidationError) as caught:
        sync.pull(admin, hub_url=HUB)
    assert caught.value.code == "hub_list_invalid"
    assert caught.value.details == {"list": "risk_areas", "item": item, "field": field, "reason": reason}
    assert lists_here(ctx) == before and audit_actions(ctx) == actions


BAD_HOSPITALS = [
    ({"kind": "designated"}, "name", "missing"),
    ({"name": "  ", "kind": "designated"}, "name", "required"),
    ({"name": "医" * 101, "kind": "designated"}, "name", "too_long"),
    ({"name": "乡卫生院"}, "kind", "missing"),
    ({"name": "乡卫生院", "kind": "clinic"}, "kind", "unknown"),
    ({"name": "乡卫生院", "kind": "backup", "accepting": "yes"}, "accepting", "not_true_false"),
    ({"name": "乡卫生院", "kind": "backup", "phone": "1" * 31}, "phone", "too_long"),
    ({"name": "乡卫生院", "kind": "backup", "address": ["镇东路1号"]}, "address", "not_text"),
    ({"name": "市传染病医院", "kind": "backup"}, "name", "duplicate"),
]


@pytest.mark.parametrize(("bad", "field", "reason"), BAD_HOSPITALS)
def test_a_bad_hospital_changes_neither_list(ctx: AppContext, admin: Actor, county: County, sync: SyncService,
                                             bad: Any, field: str, reason: str) -> None:
    county.publish("risk-areas", AREAS)  # good and new: must not be applied either
    county.publish("hospitals", [HOSPITALS[0], bad])
    with pytest.raises(ValidationError) as caught:
        sync.pull(admin, hub_url=HUB)
    assert caught.value.details == {"list": "hospitals", "item": 2, "field": field, "reason": reason}
    assert lists_here(ctx) == ({}, {})
    assert "sync.list_applied" not in audit_actions(ctx)


@pytest.mark.parametrize(("answer", "field"), [
    ({"name": "hospitals", "version": "2", "items": []}, "version"),
    ({"name": "hospitals", "version": 2, "items": {"name": "x"}}, "items"),
    (["not", "an", "object"], "list"),
])
def test_a_malformed_answer_is_named(ctx: AppContext, admin: Actor, county: County, sync: SyncService,
                                     answer: Any, field: str) -> None:
    county.publish("risk-areas", AREAS)
    county.lists["hospitals"] = answer
    with pytest.raises(ValidationError) as caught:
        sync.pull(admin, hub_url=HUB)
    assert (caught.value.code, caught.value.details["list"], caught.value.details["field"]) == (
        "hub_list_invalid", "hospitals", field)
    assert lists_here(ctx) == ({}, {})


def test_pulling_is_for_whoever_manages_the_clinic(ctx: AppContext, admin: Actor, county: County,
                                                   sync: SyncService) -> None:
    ctx.users.create(admin, username="doc", full_name="张伟", roles=["doctor"], password="doc-pass-12")
    doctor = ctx.users.authenticate("doc", "doc-pass-12", "ws-2")
    county.publish("risk-areas", AREAS)
    with pytest.raises(PermissionDenied):
        sync.pull(doctor, hub_url=HUB)
    assert lists_here(ctx) == ({}, {})
    assert sync.pull(admin, hub_url=HUB) == {"risk_areas": 2}


def test_the_cli_says_which_list_failed(ctx: AppContext, admin: Actor, county: County, monkeypatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from app import cli
    from app.reporting import sync as sync_module

    county.publish("risk-areas", AREAS)
    county.publish("hospitals", [{"kind": "designated"}])
    monkeypatch.setattr(sync_module.SyncService, "_client", lambda self: county.client())
    from app import context as context_module

    monkeypatch.setattr(context_module, "open_context", lambda *a, **k: _Unclosed(ctx))
    assert cli.main(["--data-dir", str(ctx.paths.root), "sync", "pull", "--hub", HUB]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error [hub_list_invalid]") and "list=hospitals" in err and "item=1" in err
    assert "field=name" in err
    county.publish("hospitals", HOSPITALS)
    assert cli.main(["--data-dir", str(ctx.paths.root), "sync", "pull", "--hub", HUB]) == 0
    out = capsys.readouterr().out
    assert "medium/high-risk area list (中高风险地区), 2 items" in out and "designated hospital list (定点医院), 2" in out
    assert cli.main(["--data-dir", str(ctx.paths.root), "sync", "pull", "--hub", HUB]) == 0
    assert "nothing new from the county hub" in capsys.readouterr().out


class _Unclosed:
    """The test's context handed to the CLI, which closes what it opened: keep it open for the test."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ctx, name)

    def close(self) -> None:
        pass


def test_the_first_signed_answer_pins_the_hub_key(ctx: AppContext, admin: Actor, county: County,
                                                  sync: SyncService) -> None:
    county.publish("risk-areas", AREAS)
    assert AnchorService(sync).hub_key() is None
    assert sync.pull(admin, hub_url=HUB) == {"risk_areas": 2}
    pinned = AnchorService(sync).hub_key()
    assert pinned is not None and (pinned.public_key, pinned.source) == (county.key.public_text, "lists")


def _unsigned(name: str, signed: dict[str, Any]) -> Any:
    return signed["list"] if name == "hospitals" else signed  # as the hub answered before issue 18


def _changed(name: str, signed: dict[str, Any]) -> Any:
    if name == "hospitals":
        signed = json.loads(json.dumps(signed))  # the county's own copy stays as published
        signed["list"]["items"].append({"name": "某私立医院", "kind": "designated"})
    return signed


def _swapped(name: str, signed: dict[str, Any]) -> Any:  # a genuine answer, for the other list
    if name == "hospitals":
        signed = json.loads(json.dumps(signed))
        signed["list"]["name"] = "risk_areas"
        return hubfiles.sign_document(_SWAP_KEY[0], {k: v for k, v in signed.items()
                                                     if k not in ("key_id", "public_key", "signature")})
    return signed


_SWAP_KEY: list[ClinicKey] = []


@pytest.mark.parametrize("on_the_way", [_unsigned, _changed, _swapped])
def test_an_unsigned_or_changed_answer_changes_nothing(ctx: AppContext, admin: Actor, county: County,
                                                       sync: SyncService, on_the_way: Any) -> None:
    _SWAP_KEY[:] = [county.key]
    county.publish("risk-areas", AREAS)
    county.publish("hospitals", HOSPITALS)
    county.on_the_way = on_the_way
    with pytest.raises(ValidationError) as caught:
        sync.pull(admin, hub_url=HUB)
    assert caught.value.code == "hub_lists_unsigned" and caught.value.details["list"] == "hospitals"
    assert lists_here(ctx) == ({}, {}) and AnchorService(sync).hub_key() is None
    assert "sync.list_applied" not in audit_actions(ctx)
    county.on_the_way = lambda _name, signed: signed
    assert sync.pull(admin, hub_url=HUB) == {"risk_areas": 2, "hospitals": 2}  # the genuine answer applies


def test_an_answer_signed_by_another_key_is_refused_and_recorded(ctx: AppContext, admin: Actor, county: County,
                                                                  sync: SyncService) -> None:
    AnchorService(sync).set_hub_key(admin, county.key.public_text)  # the county read its key out
    county.publish("risk-areas", AREAS)
    genuine = county.key
    county.key = ClinicKey(Ed25519PrivateKey.generate())  # someone else answers in the hub's name
    with pytest.raises(ValidationError) as caught:
        sync.pull(admin, hub_url=HUB)
    assert caught.value.code == "hub_key_mismatch" and lists_here(ctx) == ({}, {})
    with ctx.db.read() as s:
        refused = s.scalars(select(AuditEvent).where(AuditEvent.action == "audit.hub_receipt")).all()
    assert [e.outcome for e in refused] == ["failed"]  # recorded as the refused receipts are
    county.key = genuine
    assert sync.pull(admin, hub_url=HUB) == {"risk_areas": 2}
