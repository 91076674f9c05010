"""Issue 18, part 1: the road to the county without a network. A hub that never comes back: the clinic's queued
reports reach it by file and come back as a signed receipt, exactly once; then the network returns and the
outbox push stores nothing new; the county's lists travel the other way. A changed file, a receipt from another
hub or for another clinic, GBK text or garbage are refused whole with one sentence, nothing half-applied."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from app.actor import Actor
from app.cli import main as cli_main
from app.context import AppContext
from app.db.engine import Database
from app.db.models import AuditEvent, HubReceipt
from app.errors import FeverSentinelError, ValidationError
from app.hub import anchors
from app.hub import sneakernet as hubfiles
from app.hub.store import HubReport, add_clinic, open_hub, publish_list
from app.keys import ClinicKey
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from app.reporting.anchor_check import AnchorService
from app.reporting.sneakernet import SneakernetService
from app.reporting.sync import SyncService
from app.reporting.tables import OutboxEntry
from app.vocabulary.errors import sentence
from tests.conftest import init_clinic

DAY = date(2026, 11, 22)  # the fixture clock is 23 Nov 09:00 clinic time
HUB = "http://127.0.0.1:9"  # never answers: every test's network is down until it says otherwise


@pytest.fixture
def hub_db(tmp_path: Path) -> Iterator[Database]:
    (tmp_path / "hub").mkdir()
    db = open_hub(f"sqlite:///{tmp_path / 'hub' / 'hub.sqlite3'}")
    yield db
    db.dispose()


@pytest.fixture
def clinic(ctx: AppContext, hub_db: Database) -> Actor:
    """A clinic registered at the hub, the hub's key pinned (read out by the county), the hub unreachable."""
    admin = init_clinic(ctx)
    row = ctx.clinic.get()
    add_clinic(hub_db, row.code, row.name, row.public_key, ctx.clock.now())
    AnchorService(ctx.sync).set_hub_key(admin, anchors.key_for(hub_db).public_text)
    ctx.sync.set_hub_url(admin, HUB)
    return admin


def down() -> httpx.Client:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route to the county", request=request)
    return httpx.Client(transport=httpx.MockTransport(refuse))


def online(ctx: AppContext, hub_db: Database) -> SyncService:
    """The clinic's sync service with the network back: the real hub app, in this process."""
    from app.hub.web import create_app

    app = create_app(hub_db, ctx.clock)
    return SyncService(ctx.db, ctx.clock, ctx.keys, client_factory=lambda: TestClient(app, base_url=HUB))


def offline(ctx: AppContext) -> SyncService:
    return SyncService(ctx.db, ctx.clock, ctx.keys, client_factory=down)


def stored(hub_db: Database) -> list[tuple[str, date, int]]:
    with hub_db.read() as s:
        return [(r.clinic_code, r.report_date, r.version) for r in s.scalars(select(HubReport).order_by(HubReport.id))]


def outbox(ctx: AppContext) -> list[tuple[bool, bool, str | None]]:
    with ctx.db.read() as s:
        return [(r.delivered_at is not None, r.needs_admin, r.last_error)
                for r in s.scalars(select(OutboxEntry).order_by(OutboxEntry.id))]


def actions(ctx: AppContext, action: str) -> list[tuple[str, dict[str, object]]]:
    with ctx.db.read() as s:
        return [(e.outcome, json.loads(e.summary)) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq))]


def two_days_queued(ctx: AppContext) -> None:
    """Two daily reports submitted while the hub cannot be reached: both wait in the outbox."""
    ctx.reports.submit(Actor.system(), DAY - timedelta(days=1))
    ctx.reports.submit(Actor.system(), DAY)
    result = offline(ctx).push(Actor.system(), force=True)
    assert (result.delivered, result.retrying) == (0, 2)


def carry(ctx: AppContext, admin: Actor, hub_db: Database, tmp_path: Path) -> tuple[Path, Path]:
    """Export, import at the hub, write its receipt: the two files."""
    outfile = tmp_path / "usb" / "outbox.json"
    outfile.parent.mkdir(exist_ok=True)
    SneakernetService(offline(ctx)).export_outbox(admin, outfile)
    done = hubfiles.import_outbox(hub_db, outfile.read_bytes(), ctx.clock.now())
    receipt = outfile.with_name("outbox.receipt.json")
    receipt.write_bytes(done.receipt)
    return outfile, receipt


def test_a_hub_that_never_comes_back_gets_every_report_once_by_file(ctx: AppContext, clinic: Actor,
                                                                     hub_db: Database, tmp_path: Path) -> None:
    two_days_queued(ctx)
    service = SneakernetService(offline(ctx))
    outfile = tmp_path / "outbox.json"
    exported = service.export_outbox(clinic, outfile)
    assert exported.count == 2 and outbox(ctx)[0][0] is False  # exporting marks nothing delivered
    assert actions(ctx, "sync.export")[-1][0] == "success"
    assert actions(ctx, "sync.export")[-1][1]["count"] == 2

    first = hubfiles.import_outbox(hub_db, outfile.read_bytes(), ctx.clock.now())
    assert (first.stored, first.already, first.refused) == (2, 0, 0)
    ctx.clock.advance(minutes=5)
    again = hubfiles.import_outbox(hub_db, outfile.read_bytes(), ctx.clock.now())  # the same file brought twice
    assert (again.receipt, again.stored, again.again) == (first.receipt, 2, True)  # the first receipt, not a new one
    assert stored(hub_db) == [("XH01", DAY - timedelta(days=1), 1), ("XH01", DAY, 1)]
    relaid = json.dumps(json.loads(outfile.read_bytes()), indent=4).encode()  # an editor's layout: the same file
    assert hubfiles.import_outbox(hub_db, relaid, ctx.clock.now()).receipt == first.receipt

    receipt = tmp_path / "receipt.json"
    receipt.write_bytes(again.receipt)
    applied = service.import_receipt(clinic, receipt)
    assert (applied.delivered, applied.already, applied.refused, applied.unknown) == (2, 0, 0, 0)
    assert [row[0] for row in outbox(ctx)] == [True, True] and ctx.sync.status().pending == 0
    with ctx.db.read() as s:  # the anchor receipts inside are kept as a network delivery keeps them
        assert s.scalar(select(func.count()).select_from(HubReceipt)) == 2
    assert service.import_receipt(clinic, receipt).already == 2  # importing it again changes nothing
    assert [o for o, _ in actions(ctx, "sync.import_receipt")] == ["success", "success"]

    # the network comes back: the outbox push has nothing to send, the hub still holds each report once
    result = online(ctx, hub_db).push(Actor.system(), force=True)
    assert (result.delivered, result.retrying, result.refused) == (0, 0, 0)
    assert len(stored(hub_db)) == 2


def test_a_file_arriving_after_the_network_came_back_stores_nothing_twice(ctx: AppContext, clinic: Actor,
                                                                          hub_db: Database, tmp_path: Path) -> None:
    two_days_queued(ctx)
    outfile = tmp_path / "outbox.json"
    SneakernetService(offline(ctx)).export_outbox(clinic, outfile)
    assert online(ctx, hub_db).push(Actor.system(), force=True).delivered == 2  # the network won the race
    late = hubfiles.import_outbox(hub_db, outfile.read_bytes(), ctx.clock.now())
    assert (late.stored, late.already) == (0, 2) and len(stored(hub_db)) == 2
    receipt = tmp_path / "receipt.json"
    receipt.write_bytes(late.receipt)
    assert SneakernetService(ctx.sync).import_receipt(clinic, receipt).already == 2


def test_a_refused_entry_waits_for_the_admin_with_the_hubs_reason(ctx: AppContext, clinic: Actor,
                                                                  hub_db: Database, tmp_path: Path) -> None:
    ctx.reports.submit(Actor.system(), DAY)
    with ctx.db.write() as s:  # a body this hub cannot read (as from a newer release): refused, as on the network
        s.add(OutboxEntry(idempotency_key="k" * 40, kind="daily_report", created_at=ctx.clock.now(),
                          next_attempt_at=ctx.clock.now(), attempts=0, needs_admin=False,
                          body=json.dumps({"type": "daily_report", "clinic": "XH01", "date": "someday"})))
    _, receipt = carry(ctx, clinic, hub_db, tmp_path)
    applied = SneakernetService(ctx.sync).import_receipt(clinic, receipt)
    assert (applied.delivered, applied.refused) == (1, 1)
    assert outbox(ctx) == [(True, False, None), (False, True, "hub refused (422): report_body")]
    assert ctx.sync.status().needs_admin == 1


def file_error(exc: pytest.ExceptionInfo[FeverSentinelError]) -> str:
    return sentence(exc.value.code, exc.value.details, "zh_CN")


def test_a_changed_outbox_file_is_refused_whole(ctx: AppContext, clinic: Actor, hub_db: Database,
                                                tmp_path: Path) -> None:
    two_days_queued(ctx)
    outfile = tmp_path / "outbox.json"
    SneakernetService(ctx.sync).export_outbox(clinic, outfile)
    document = json.loads(outfile.read_text("utf-8"))

    body = json.loads(document["entries"][1]["body"])
    body["counts"]["screened"] = 0  # a count changed on the way
    document["entries"][1]["body"] = json.dumps(body)
    with pytest.raises(ValidationError) as caught:
        hubfiles.import_outbox(hub_db, json.dumps(document).encode(), ctx.clock.now())
    assert caught.value.code == "sneakernet_tampered"
    assert file_error(caught).startswith("这份待报送文件在导出后被改动过")

    document["header"]["digest"] = hubfiles.entries_digest(document["entries"])  # the digest recomputed too
    with pytest.raises(ValidationError) as caught:
        hubfiles.import_outbox(hub_db, json.dumps(document).encode(), ctx.clock.now())
    assert caught.value.code == "sneakernet_tampered"  # the clinic's signature on the header no longer fits
    assert stored(hub_db) == []  # nothing half-applied: not even the untouched first entry

    for data in ("日报".encode("gbk") * 20, bytes(range(256)), b'{"format": "something-else", "version": 1}',
                 outfile.read_bytes().replace(b'"version": 1', b'"version": 9')):
        with pytest.raises(ValidationError) as caught:
            hubfiles.import_outbox(hub_db, data, ctx.clock.now())
        assert caught.value.code == "sneakernet_file" and "请确认选的是对方交来的原文件" in file_error(caught)
    assert stored(hub_db) == []


def test_a_file_from_a_clinic_the_hub_does_not_know_is_refused(ctx: AppContext, clinic: Actor, tmp_path: Path,
                                                                hub_db: Database) -> None:
    ctx.reports.submit(Actor.system(), DAY)
    outfile = tmp_path / "outbox.json"
    SneakernetService(ctx.sync).export_outbox(clinic, outfile)
    other = open_hub(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        with pytest.raises(ValidationError) as caught:
            hubfiles.import_outbox(other, outfile.read_bytes(), ctx.clock.now())
        assert caught.value.code == "sneakernet_unknown_clinic" and "hub add-clinic" in file_error(caught)
    finally:
        other.dispose()


def test_a_bad_receipt_marks_nothing(ctx: AppContext, clinic: Actor, hub_db: Database, tmp_path: Path) -> None:
    two_days_queued(ctx)
    _, receipt = carry(ctx, clinic, hub_db, tmp_path)
    service = SneakernetService(ctx.sync)
    document = json.loads(receipt.read_text("utf-8"))
    payload = {k: v for k, v in document.items() if k not in ("key_id", "public_key", "signature")}

    impostor = tmp_path / "impostor.json"  # a receipt from another hub: well signed, by a key not pinned here
    impostor.write_bytes(hubfiles.write_bytes(hubfiles.sign_document(ClinicKey(Ed25519PrivateKey.generate()), payload)))
    with pytest.raises(ValidationError) as caught:
        service.import_receipt(clinic, impostor)
    assert caught.value.code == "hub_key_mismatch"

    changed = tmp_path / "changed.json"  # one entry turned from stored into refused after signing
    document["entries"][0]["outcome"] = "refused"
    changed.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    with pytest.raises(ValidationError) as caught:
        service.import_receipt(clinic, changed)
    assert caught.value.code == "sneakernet_tampered" and file_error(caught).startswith("这份回执文件在导出后被改动过")

    elsewhere = tmp_path / "elsewhere.json"  # the county's own key, for another clinic's file
    elsewhere.write_bytes(hubfiles.write_bytes(hubfiles.sign_document(anchors.key_for(hub_db),
                                                                      {**payload, "clinic": "QS02"})))
    with pytest.raises(ValidationError) as caught:
        service.import_receipt(clinic, elsewhere)
    assert caught.value.code == "sneakernet_other_clinic" and "QS02" in file_error(caught)

    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("回执：已收到".encode("gbk"))
    with pytest.raises(ValidationError) as caught:
        service.import_receipt(clinic, gbk)
    assert caught.value.code == "sneakernet_file"

    assert [row[0] for row in outbox(ctx)] == [False, False]  # nothing marked by any of them
    assert [o for o, _ in actions(ctx, "sync.import_receipt")] == ["failed"] * 4  # each refusal audited
    assert service.import_receipt(clinic, receipt).delivered == 2  # the real one still works


def test_no_pinned_hub_key_no_receipt(ctx: AppContext, hub_db: Database, tmp_path: Path) -> None:
    admin = init_clinic(ctx)
    row = ctx.clinic.get()
    add_clinic(hub_db, row.code, row.name, row.public_key, ctx.clock.now())
    ctx.reports.submit(Actor.system(), DAY)
    _, receipt = carry(ctx, admin, hub_db, tmp_path)
    with pytest.raises(ValidationError) as caught:
        SneakernetService(ctx.sync).import_receipt(admin, receipt)
    assert caught.value.code == "hub_key_unknown" and "sync hub-key" in file_error(caught)
    assert outbox(ctx) == [(False, False, None)]


def test_nothing_queued_nothing_exported(ctx: AppContext, clinic: Actor, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        SneakernetService(ctx.sync).export_outbox(clinic, tmp_path / "x.json")
    assert caught.value.code == "outbox_empty" and not (tmp_path / "x.json").exists()


LISTS = [{"name": "上海市浦东新区", "level": "high"}, {"name": "北京市朝阳区", "level": "medium"}]
HOSPITALS = [{"name": "县人民医院", "kind": "designated", "accepting": True}]


def test_the_county_lists_travel_by_file_as_a_pull_applies_them(ctx: AppContext, clinic: Actor, hub_db: Database,
                                                                tmp_path: Path) -> None:
    publish_list(hub_db, "risk_areas", LISTS, ctx.clock.now())
    publish_list(hub_db, "hospitals", HOSPITALS, ctx.clock.now())
    listfile = tmp_path / "lists.json"
    listfile.write_bytes(hubfiles.export_lists(hub_db, ctx.clock.now()))
    service = SneakernetService(ctx.sync)
    assert service.import_lists(clinic, listfile) == {"risk_areas": 2, "hospitals": 1}
    assert service.import_lists(clinic, listfile) == {}  # the same versions: nothing applied twice
    assert online(ctx, hub_db).pull(clinic) == {}  # nor when the network comes back
    assert [o for o, _ in actions(ctx, "sync.import_lists")] == ["success", "success"]
    assert len(actions(ctx, "sync.list_applied")) == 2

    document = json.loads(listfile.read_text("utf-8"))
    document["lists"]["risk_areas"]["items"].append({"name": "某地", "level": "high"})
    listfile.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    with pytest.raises(ValidationError) as caught:
        service.import_lists(clinic, listfile)
    assert caught.value.code == "sneakernet_tampered"
    impostor = {k: v for k, v in json.loads(listfile.read_text("utf-8")).items()
                if k not in ("key_id", "public_key", "signature")}
    listfile.write_bytes(hubfiles.write_bytes(hubfiles.sign_document(ClinicKey(Ed25519PrivateKey.generate()), impostor)))
    with pytest.raises(ValidationError) as caught:
        service.import_lists(clinic, listfile)
    assert caught.value.code == "hub_key_mismatch"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return cli_main(list(argv), out=out), out.getvalue()


def test_the_command_line_carries_both_ways(ctx: AppContext, clinic: Actor, hub_db: Database, db_url: str,
                                            tmp_path: Path) -> None:
    two_days_queued(ctx)
    publish_list(hub_db, "risk_areas", LISTS, ctx.clock.now())
    clinic_args = ["--data-dir", str(ctx.paths.root), "--db-url", db_url]
    hub_args = ["--db-url", str(hub_db.engine.url.render_as_string(hide_password=False))]
    usb = tmp_path / "usb"
    usb.mkdir()
    outfile = usb / "XH01.json"

    code, text = run(*clinic_args, "sync", "export", "--out", str(outfile))
    assert code == 0 and "2 queued submission(s) written to" in text
    code, text = run(*hub_args, "hub", "import", str(outfile))
    assert code == 0 and "clinic XH01: 2 stored, 0 already held, 0 refused" in text
    receipt = usb / "XH01.receipt.json"  # beside the input
    assert receipt.exists()
    code, text = run(*hub_args, "hub", "import", str(outfile), "--receipt", str(usb / "again.json"))
    assert code == 0 and "imported before, its receipt again: clinic XH01: 2 stored" in text
    assert (usb / "again.json").read_bytes() == receipt.read_bytes() and len(stored(hub_db)) == 2
    code, text = run(*clinic_args, "sync", "import-receipt", str(receipt))
    assert code == 0 and "receipt applied: 2 delivered now" in text
    assert ctx.sync.status().pending == 0

    code, text = run(*hub_args, "hub", "export-lists", "--out", str(usb / "lists.json"))
    assert code == 0
    code, text = run(*clinic_args, "sync", "import-lists", str(usb / "lists.json"))
    assert code == 0 and "risk-areas, 2 items" in text

    (usb / "bad.json").write_bytes("不是文件".encode("gbk"))
    code, text = run(*clinic_args, "sync", "import-receipt", str(usb / "bad.json"))
    assert code != 0


def test_the_dashboard_upload_in_a_real_browser(sqlite_ctx: AppContext, hub_db: Database, tmp_path: Path) -> None:
    """A county publisher uploads the clinic's file on the dashboard, downloads the receipt; the clinic imports
    it. The same file uploaded again stores nothing new; a changed file gets one sentence, nothing stored."""
    from app.hub.web import create_app
    from tests.reporting.browser import browser_page, chromium_or_skip
    from tests.reporting.hub_support import FAST, PASSWORD, make_user
    from tests.reporting.test_hub_browser import SHOTS, serving

    chromium_or_skip()
    ctx = sqlite_ctx
    admin = init_clinic(ctx)
    row = ctx.clinic.get()
    add_clinic(hub_db, row.code, row.name, row.public_key, ctx.clock.now())
    AnchorService(ctx.sync).set_hub_key(admin, anchors.key_for(hub_db).public_text)
    ctx.sync.set_hub_url(admin, HUB)
    two_days_queued(ctx)
    outfile = tmp_path / "XH01.json"
    SneakernetService(ctx.sync).export_outbox(admin, outfile)
    changed = tmp_path / "changed.json"  # one entry left out, the header's count edited to match
    document = json.loads(outfile.read_text("utf-8"))
    document["entries"].pop()
    document["header"]["count"] = 1
    changed.write_text(json.dumps(document), "utf-8")
    make_user(hub_db, "county", "publisher")
    make_user(hub_db, "viewer", "viewer")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving(create_app(hub_db, ctx.clock, passwords=FAST)) as url, \
            browser_page(tmp_path / "profile", width=1366, height=900) as page:
        page.goto(f"{url}/?date={DAY}")
        page.fill("#username", "county")
        page.fill("#password", PASSWORD)
        page.click("#submit")
        page.wait_for_selector("#import")
        page.set_input_files("#import-file", str(outfile))
        page.click("#import button")
        page.wait_for_selector("#imported")
        page.screenshot(path=str(SHOTS / "hub-import.png"))
        assert page.get_attribute("#imported", "data-stored") == "2"
        with page.expect_download() as download:
            page.click("#receipt")
        receipt = tmp_path / "receipt.json"
        download.value.save_as(str(receipt))
        assert download.value.suggested_filename.startswith("XH01-receipt-")

        page.goto(f"{url}/?date={DAY}")  # the same file again: nothing new stored, the first import's receipt
        page.set_input_files("#import-file", str(outfile))
        page.click("#import button")
        page.wait_for_selector("#imported")
        assert (page.get_attribute("#imported", "data-stored"), page.get_attribute("#imported", "data-again")) \
            == ("2", "1")
        with page.expect_download() as download:
            page.click("#receipt")
        download.value.save_as(str(tmp_path / "again.json"))
        assert (tmp_path / "again.json").read_bytes() == receipt.read_bytes()

        page.goto(f"{url}/?date={DAY}")
        page.set_input_files("#import-file", str(changed))
        page.click("#import button")
        page.wait_for_selector("h1")
        assert page.inner_text("h1") == "未导入"
        assert page.inner_text("p.message").startswith("这份待报送文件在导出后被改动过")

        page.click("#logout button")  # a viewer sees no upload form
        page.wait_for_selector("#login")
        page.fill("#username", "viewer")
        page.fill("#password", PASSWORD)
        page.click("#submit")
        page.wait_for_selector("#clinics")
        assert page.locator("#import").count() == 0
    assert len(stored(hub_db)) == 2
    assert SneakernetService(ctx.sync).import_receipt(admin, receipt).delivered == 2
    assert ctx.sync.status().pending == 0


def test_the_upload_door(ctx: AppContext, clinic: Actor, hub_db: Database, tmp_path: Path) -> None:
    """Only a publisher, only with the session's CSRF token; the receipt for a publisher, kept over a restart."""
    from app.hub.web import create_app
    from tests.reporting.hub_support import FAST, InProcessHub, csrf_of, make_user

    ctx.reports.submit(Actor.system(), DAY)
    outfile = tmp_path / "outbox.json"
    SneakernetService(ctx.sync).export_outbox(clinic, outfile)
    make_user(hub_db, "county", "publisher")
    make_user(hub_db, "viewer", "viewer")
    app = create_app(hub_db, ctx.clock, passwords=FAST)
    files = {"file": ("outbox.json", outfile.read_bytes(), "application/json")}

    viewer = InProcessHub(app)
    viewer.log_in("viewer")
    token = csrf_of(viewer.get("/").text)
    assert viewer.post("/import", data={"csrf": token}, files=files).status_code == 403
    publisher = InProcessHub(app)
    publisher.log_in("county")
    assert publisher.post("/import", data={"csrf": "forged"}, files=files).status_code == 403
    assert stored(hub_db) == []
    page = publisher.post("/import", data={"csrf": csrf_of(publisher.get("/").text)}, files=files)
    assert page.status_code == 200 and 'data-stored="1"' in page.text
    link = page.text.split('href="/import/receipt/')[1].split('"')[0]
    answer = publisher.get(f"/import/receipt/{link}")
    assert answer.status_code == 200 and json.loads(answer.content)["entries"][0]["outcome"] == "stored"
    assert viewer.get(f"/import/receipt/{link}").status_code == 403
    assert publisher.get("/import/receipt/unknown").json()["error"] == "receipt_gone"

    # the hub restarts: the receipt is still served, and the same file uploaded again gets the same receipt
    make_user(hub_db, "county2", "publisher")
    restarted = InProcessHub(create_app(hub_db, ctx.clock, passwords=FAST))
    restarted.log_in("county2")
    assert restarted.get(f"/import/receipt/{link}").content == answer.content
    page = restarted.post("/import", data={"csrf": csrf_of(restarted.get("/").text)}, files=files)
    assert page.status_code == 200 and 'data-stored="1"' in page.text  # what the file's import did, once
    assert page.text.split('href="/import/receipt/')[1].split('"')[0] == link
    assert len(stored(hub_db)) == 1
