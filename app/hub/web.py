"""The hub's web service: the signed report API, the JSON API and the county dashboard page.

Doors (issue 13): clinics authenticate by signature (POST /api/v1/reports and the anchors), never log in and
need no CSRF token; the county's published lists stay readable by every clinic without a log-in; everything
else needs a county user with the right role (app/hub/auth.py) — HTML pages redirect to /login, the API and the
CSV answer 401/403 JSON. Every form that changes state (log-in, log-out, publish) carries the session's CSRF
token (synchroniser-token pattern on the server-side session). Bad input is a 4xx with a code; a body is read
while streaming and refused past MAX_BODY; anything unexpected is a logged 500 with a code, no traceback.
"""

from __future__ import annotations

import csv
import html
import io
import logging
import math
import secrets
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from app.clock import Clock
from app.csv_safe import escape_row
from app.db.engine import Database
from app.errors import AuthError, FeverSentinelError, NotFound, PermissionDenied, ValidationError
from app.hub import anchors, auth, sneakernet, store
from app.hub.auth import HubRole, HubUserInfo
from app.hub.clinic_auth import ClinicAuthError, verify_signed
from app.passwords import Passwords
from app.resources import CJK_FONT_REGULAR, resource_path
from app.vocabulary import errors as error_words
from app.vocabulary import hub as words
from app.vocabulary.stock import item_number_text
from app.vocabulary import label

log = logging.getLogger("app.hub")
MAX_BODY = 64 * 1024
MAX_FORM = 8 * 1024
SESSION_COOKIE = "fs_hub_session"
PAGE_HEADERS = {"cache-control": "no-store", "x-frame-options": "DENY", "x-content-type-options": "nosniff",
                "content-security-policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                           "frame-ancestors 'none'; form-action 'self'"}
ZERO_WORD = words.ZERO_WORD.zh
REPORTABLE_KEYS = ("classified_suspected", "classified_confirmed", "classified_asymptomatic")


def status_text(r: store.ClinicStatus) -> str:
    """The status as the county reads it: a zero report says 零报告 even when it came late or automatically
    (the flag the clinic submitted, never worked out again from the counts)."""
    said = label(words.HUB_STATUS, r.status)
    said = f"{said} · {ZERO_WORD}" if r.zero_report and r.status != "zero" else said
    return f"{said} · {anchors.ROLLBACK_WORD}" if r.audit_rollback else said  # issue 13: the hub saw a roll-back


def new_cases(counts: dict[str, int]) -> int:
    """New suspected/confirmed/asymptomatic cases; a report from a release before "new_cases" existed
    gives the sum of its classification counts."""
    if "new_cases" in counts:
        return counts["new_cases"]
    return sum(counts.get(k, 0) for k in REPORTABLE_KEYS)


def _error(status: int, code: str, **details: Any) -> JSONResponse:
    return JSONResponse({"error": code, **details}, status_code=status)


class Refused(Exception):
    """A request the hub answers with ``status`` and a JSON ``{"error": code}`` (too large, wrong type...)."""

    def __init__(self, status: int, code: str, **details: Any) -> None:
        super().__init__(code)
        self.status, self.code, self.details = status, code, details


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The body, read while streaming: a Content-Length above ``limit`` is refused before reading anything,
    and reading stops as soon as ``limit`` + 1 bytes came (413 ``too_large``), so memory stays small."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise Refused(400, "content_length")
        if int(declared) > limit:
            raise Refused(413, "too_large", limit=limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, "too_large", limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


async def read_form(request: Request, limit: int = MAX_FORM) -> dict[str, str]:
    """A small url-encoded form (UTF-8), first value of each field; no body at all is an empty form."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await read_body(request, limit) if kind in ("", "application/x-www-form-urlencoded") else None
    if body is None or (kind == "" and body):
        raise Refused(415, "form_type")
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False, max_num_fields=20,
                          errors="strict")
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refused(400, "form_format") from exc
    return {k: v[0] for k, v in fields.items()}


def _day(request: Request, name: str, default: date) -> date:
    """A day from the query string, within the days the hub keeps (store.FIRST_DAY..LAST_DAY)."""
    text = request.query_params.get(name)
    if not text:
        return default
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError("date_format", field=name) from exc
    if not store.FIRST_DAY <= day <= store.LAST_DAY:
        raise Refused(400, "date_range", field=name, minimum=store.FIRST_DAY.isoformat(),
                      maximum=store.LAST_DAY.isoformat())
    return day


def publish_problem(err: ValidationError) -> str:
    """A refused list in the county's words (app/vocabulary/errors.py): which item, which field, what to do."""
    return error_words.sentence(err.code, err.details, "zh_CN")


def _safe_next(target: str | None) -> str:
    """Where to go after log-in: a path on this hub only (never //host or a scheme)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


Endpoint = Callable[[Request], Awaitable[Response]]


def create_app(db: Database, clock: Clock, *, secret: str | None = None, https: bool = False,
               passwords: Passwords | None = None) -> Starlette:
    """The hub. ``secret`` signs the session cookie (``hub serve`` keeps one beside the hub database; a fresh
    one per app otherwise); ``https`` marks the cookie Secure; ``passwords`` checks county users' passwords."""
    hasher = passwords or Passwords()

    def today() -> date:
        return clock.now().astimezone(store.HUB_ZONE).date()

    def current_user(request: Request) -> HubUserInfo | None:
        session_id = request.session.get("sid")
        if not isinstance(session_id, str):
            return None
        user = auth.session_user(db, session_id, clock.now())
        if user is None:
            request.session.pop("sid", None)
        return user

    def csrf_token(request: Request) -> str:
        token = request.session.get("csrf")
        if not isinstance(token, str):
            token = request.session["csrf"] = secrets.token_urlsafe(32)
        return token

    def check_csrf(request: Request, form: dict[str, str]) -> None:
        if not auth.same_token(request.session.get("csrf"), form.get("csrf")):
            raise Refused(403, "csrf")

    def needs(role: HubRole, *, page: bool = False) -> Callable[[Endpoint], Endpoint]:
        """The door: no session → /login (pages) or 401 JSON; a role below ``role`` → 403."""
        def wrap(endpoint: Endpoint) -> Endpoint:
            async def guarded(request: Request) -> Response:
                user = current_user(request)
                if user is None:
                    if page:
                        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                        return RedirectResponse(f"/login?next={quote(here, safe='')}", status_code=303)
                    return _error(401, "login_required")
                if not auth.allows(user.role, role):
                    if page:
                        return _html(render_message("无权访问", f"您的账户（{label(words.HUB_ROLE, user.role)}）无权使用此页面。"
                                                    "如需权限，请联系县级管理员。", user, csrf_token(request)), 403)
                    return _error(403, "role_required", role=role.value)
                request.state.user = user
                return await endpoint(request)
            return guarded
        return wrap

    async def post_report(request: Request) -> Response:
        if not request.headers.get("x-clinic") or not request.headers.get("x-idempotency-key", "") \
                or len(request.headers.get("x-idempotency-key", "")) > 64:
            return _error(400, "missing_headers")  # before reading a body that will not be stored
        body = await read_body(request)
        status, answer = sneakernet.receive(db, request.headers, body, clock.now())  # the file import's checks too
        return JSONResponse(answer, status_code=status)

    async def post_anchors(request: Request) -> Response:
        """Every audit anchor held for the signing clinic (issue 13: ``audit verify --hub``), signed by the hub."""
        body = await read_body(request)
        try:
            code = verify_signed(db, request.headers, body)
        except ClinicAuthError as err:
            return _error(err.status, err.code, **err.details)
        return JSONResponse(anchors.for_clinic(db, code))

    @needs(HubRole.VIEWER)
    async def get_reports(request: Request) -> Response:
        return JSONResponse({"date": (d := _day(request, "date", today())).isoformat(),
                             "reports": store.reports_on(db, d)})

    @needs(HubRole.VIEWER)
    async def get_status(request: Request) -> Response:
        """The day's status per clinic with its completeness and timeliness over RATE_DAYS days ending that day,
        the day's coverage, and the clinics silent now."""
        d = _day(request, "date", today() - timedelta(days=1))
        now = clock.now()
        rows = store.status_on(db, d)
        rates = store.reporting_rates(db, d, now)
        covered = store.trend(db, d, days=1)
        return JSONResponse({
            "date": d.isoformat(), "as_of": now.isoformat(), "deadline": _deadline_words(),
            "coverage": {"reporting": covered.reporting[-1], "expected": covered.expected[-1]},
            "silent": [c.as_json() for c in store.silent_clinics(db, now)],
            "clinics": [
                {"clinic": r.code, "name": r.name, "status": r.status, "zero_report": r.zero_report,
                 "version": r.version, "app_version": r.app_version, "counts": r.counts,
                 "audit_trail": anchors.ROLLBACK_WORD if r.audit_rollback else anchors.INTACT_WORD,
                 "rates": rates[r.code].as_json() if r.code in rates else None}
                for r in rows]})

    @needs(HubRole.VIEWER)
    async def get_trend(request: Request) -> Response:
        end = _day(request, "end", today() - timedelta(days=1))
        return JSONResponse(store.trend(db, end).as_json())

    @needs(HubRole.VIEWER)
    async def export_csv(request: Request) -> Response:
        """The day's status per clinic; with ``view=trend`` the 28 days ending on ``date``, one row a day: the
        county total with its coverage and EARS, each clinic's count (an empty cell: no report)."""
        d = _day(request, "date", today() - timedelta(days=1))
        view = request.query_params.get("view", "day")
        if view not in ("day", "trend"):
            raise Refused(400, "view", allowed=["day", "trend"])
        out = io.StringIO()
        writer = csv.writer(out)
        if view == "trend":
            write_trend_csv(writer, store.trend(db, d))
        else:
            rows = store.status_on(db, d)
            keys = sorted({k for r in rows for k in r.counts})
            writer.writerow(escape_row(["clinic", "name", "status", "zero_report", "version", "app_version", *keys]))
            for r in rows:
                writer.writerow(escape_row([r.code, r.name, r.status, ZERO_WORD if r.zero_report else "",
                                            r.version or "", r.app_version or "",
                                            *(r.counts.get(k, "") for k in keys)]))
        name = f"county-trend-{d}.csv" if view == "trend" else f"county-{d}.csv"
        return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{name}"',
                                 "cache-control": "no-store"})

    @needs(HubRole.VIEWER, page=True)
    async def dashboard(request: Request) -> Response:
        d = _day(request, "date", today() - timedelta(days=1))
        now = clock.now()
        return _html(render_dashboard(d, store.status_on(db, d), store.trend(db, d),
                                      silent=store.silent_clinics(db, now), rates=store.reporting_rates(db, d, now),
                                      as_of=now, user=request.state.user, csrf=csrf_token(request)))

    async def get_published(request: Request) -> Response:
        """Public: what the county publishes to every clinic (clinics pull it without a log-in), signed by the hub
        key as the lists file is: the clinic checks it against the key it pinned."""
        name = request.path_params["name"].replace("-", "_")
        if name not in store.LIST_NAMES:
            return _error(404, "list_name", names=[n.replace("_", "-") for n in store.LIST_NAMES])
        return JSONResponse(await run_in_threadpool(sneakernet.signed_list, db, name))

    async def font(request: Request) -> Response:
        return FileResponse(resource_path(*CJK_FONT_REGULAR), headers={"cache-control": "max-age=86400"})

    async def login_page(request: Request) -> Response:
        if current_user(request) is not None:
            return RedirectResponse(_safe_next(request.query_params.get("next")), status_code=303)
        return _html(render_login(csrf_token(request), _safe_next(request.query_params.get("next"))))

    async def login(request: Request) -> Response:
        form = await read_form(request)
        check_csrf(request, form)
        target = _safe_next(form.get("next"))
        try:
            user = await run_in_threadpool(auth.authenticate, db, form.get("username", ""),
                                           form.get("password", ""), clock.now(), hasher)
        except AuthError as err:
            if err.code == "account_locked":
                message, status = "尝试次数过多，该用户名已暂时锁定。请 15 分钟后再试，或联系县级管理员。", 429
            else:
                message, status = "用户名或密码不正确。", 401
            return _html(render_login(csrf_token(request), target, message, code=err.code), status)
        except ValidationError:  # a user name that cannot exist: the same answer
            return _html(render_login(csrf_token(request), target, "用户名或密码不正确。", code="bad_credentials"),
                         401)
        session_id = auth.start_session(db, user.username, clock.now())
        request.session.clear()  # a new session (and CSRF token) at every log-in
        request.session.update({"sid": session_id, "csrf": secrets.token_urlsafe(32)})
        return RedirectResponse(target, status_code=303)

    async def logout(request: Request) -> Response:
        form = await read_form(request)
        check_csrf(request, form)
        if isinstance(session_id := request.session.get("sid"), str):
            auth.end_session(db, session_id)
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    @needs(HubRole.PUBLISHER, page=True)
    async def publish(request: Request) -> Response:
        """The dashboard's publish form (a publisher): the pasted list, checked whole like ``hub publish``."""
        from app.hub.lists import items_from_file

        form = await read_form(request, MAX_BODY)
        check_csrf(request, form)
        name = form.get("list", "").replace("-", "_")
        kind = "json" if form.get("format") == "json" else "csv"
        try:
            items = items_from_file(name, form.get("text", "").encode("utf-8"), f"list.{kind}")
            version = store.publish_list(db, name, items, clock.now())
        except ValidationError as err:
            return _html(render_message("未发布", publish_problem(err),
                                        request.state.user, csrf_token(request)), 422)
        return _html(render_message("已发布", f"{label(words.HUB_LIST, name)}第 {version} 版已发布，共 {len(items)} 项。",
                                    request.state.user, csrf_token(request)))

    @needs(HubRole.PUBLISHER, page=True)
    async def import_file(request: Request) -> Response:
        """The dashboard's upload (a publisher): a clinic's outbox file stored as ``hub import`` stores it; the
        result page offers the signed receipt for the clinic."""
        fields = read_upload(await read_body(request, sneakernet.MAX_FILE), request.headers.get("content-type", ""))
        check_csrf(request, {"csrf": fields.get("csrf", b"").decode("ascii", "replace")})
        user: HubUserInfo = request.state.user
        try:
            done = await run_in_threadpool(sneakernet.import_outbox, db, fields.get("file", b""), clock.now(),
                                           user.username)
        except ValidationError as err:
            return _html(render_message("未导入", publish_problem(err), user, csrf_token(request)), 422)
        log.info("hub: %s imported a file from clinic %s: %s", user.username, done.clinic, done.line())
        return _html(render_imported(done, done.token, user, csrf_token(request)))

    @needs(HubRole.PUBLISHER)
    async def get_receipt(request: Request) -> Response:
        """An import's receipt, kept in the hub's database (any publisher: the link is unguessable)."""
        kept = await run_in_threadpool(sneakernet.kept_receipt, db, request.path_params["token"])
        if kept is None:
            return _error(404, "receipt_gone")
        return Response(kept.receipt, media_type="application/json",
                        headers={"content-disposition": f'attachment; filename="{kept.file_name}"',
                                 "cache-control": "no-store"})

    async def on_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, FeverSentinelError)
        status = 403 if isinstance(exc, PermissionDenied) else 404 if isinstance(exc, NotFound) else 400
        return _error(status, exc.code, **{k: str(v) for k, v in exc.details.items()})

    async def on_refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refused)
        return _error(exc.status, exc.code, **exc.details)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "bad_request")
        return JSONResponse({"error": code}, status_code=exc.status_code, headers=exc.headers)

    async def on_crash(request: Request, exc: Exception) -> Response:
        log.error("hub: unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return _error(500, "internal")

    return Starlette(routes=[
        Route("/", dashboard), Route("/export.csv", export_csv), Route("/font.ttf", font),
        Route("/login", login_page), Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]), Route("/publish", publish, methods=["POST"]),
        Route("/import", import_file, methods=["POST"]), Route("/import/receipt/{token:str}", get_receipt),
        Route("/api/v1/reports", post_report, methods=["POST"]), Route("/api/v1/reports", get_reports),
        Route("/api/v1/anchors", post_anchors, methods=["POST"]),
        Route("/api/v1/status", get_status), Route("/api/v1/trend", get_trend),
        Route("/api/v1/lists/{name:str}", get_published),
    ], middleware=[Middleware(SessionMiddleware, secret_key=secret or secrets.token_urlsafe(48),
                              session_cookie=SESSION_COOKIE, max_age=int(auth.SESSION_LIMIT.total_seconds()),
                              same_site="lax", https_only=https)],
        exception_handlers={FeverSentinelError: on_error, Refused: on_refused, HTTPException: on_http,
                            Exception: on_crash})


def read_upload(body: bytes, content_type: str) -> dict[str, bytes]:
    """The fields of a multipart/form-data upload (the standard library's MIME parser: no extra dependency)."""
    from email.parser import BytesParser
    from email.policy import HTTP

    if content_type.split(";")[0].strip().lower() != "multipart/form-data" or "\r" in content_type \
            or "\n" in content_type:
        raise Refused(415, "form_type")
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode("latin-1")
                                                  + body)
    if not message.is_multipart():
        raise Refused(400, "form_format")
    fields: dict[str, bytes] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if isinstance(name, str) and isinstance(payload, bytes):
            fields.setdefault(name, payload)
    return fields


def render_imported(done: sneakernet.Imported, token: str, user: HubUserInfo, csrf: str) -> str:
    """The result of an upload: the counts, and the receipt to carry back to the clinic."""
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>已导入</title>
<style>{PAGE_STYLE}</style></head><body>{_user_bar(user, csrf)}
<h1>已导入机构 {html.escape(done.clinic)} 的报送文件</h1>
<p id="imported" data-stored="{done.stored}" data-already="{done.already}" data-refused="{done.refused}" data-again="{int(done.again)}">
{"此文件此前已导入过，以下为当时的结果和回执：" if done.again else ""}新保存 {done.stored} 份，此前已收到 {done.already} 份，退回 {done.refused} 份（原因写在回执中）。</p>
<p><a id="receipt" href="/import/receipt/{html.escape(token)}" download>下载回执文件</a>
——请拷贝到 U 盘交回该机构，由其管理员在“报告”页导入回执。</p><p><a href="/">返回汇总页</a></p>
</body></html>"""


def _html(page: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(page, status_code=status, headers=PAGE_HEADERS)


def _deadline_words() -> dict[str, str]:
    """When a day's report is due, for the API: the next day at store.LATE_AFTER, hub time."""
    return {"due": "next_day", "time": store.LATE_AFTER.isoformat("minutes"), "zone": str(store.HUB_ZONE)}


def _percent(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"


def write_trend_csv(writer: Any, t: store.Trend) -> None:
    """One row a day: coverage, the total over reporting clinics, EARS on it, then each clinic (empty: no report)."""
    codes = list(t.clinics)
    writer.writerow(escape_row(["date", "reporting", "expected", "total", "ears_clinics", "c1", "c2", "c3",
                                "ears_alarms", "ears_not_scored", *codes]))
    for i, day in enumerate(t.days):
        e = t.ears[i].as_json()
        writer.writerow(escape_row([
            day.isoformat(), t.reporting[i], t.expected[i], _blank(t.total[i]), e["clinics"], _blank(e["c1"]),
            _blank(e["c2"]), _blank(e["c3"]), " ".join(e["alarms"]), e["not_scored"] or "",
            *(_blank(t.clinics[code][i]) for code in codes)]))


def _blank(value: object) -> object:
    return "" if value is None else value


def _segments(line: list[int | None]) -> list[list[tuple[int, int]]]:
    """Runs of consecutive reported days: a day without a report breaks the line."""
    runs: list[list[tuple[int, int]]] = [[]]
    for i, v in enumerate(line):
        if v is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((i, v))
    return [run for run in runs if run]


def _chart(t: store.Trend) -> str:
    """An inline SVG line chart: one line per clinic, the county total in bold; a day a clinic did not report is a
    gap in its line (no point), a lone reported day a dot; the total's points say how many clinics it covers."""
    width, height, pad = 860, 240, 30
    days = len(t.days)
    top = max([v for line in (*t.clinics.values(), t.total) for v in line if v is not None], default=0) or 1
    colours = ["#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

    def x(i: int) -> str:
        return f"{pad + i * (width - 2 * pad) / max(days - 1, 1):.1f}"

    def y(v: int) -> str:
        return f"{height - pad - v * (height - 2 * pad) / top:.1f}"

    def draw(name: str, line: list[int | None], colour: str, stroke: float) -> str:
        parts = []
        for run in _segments(line):
            if len(run) == 1:
                (i, v), = run
                parts.append(f'<circle data-series="{html.escape(name)}" cx="{x(i)}" cy="{y(v)}" r="2.5" '
                             f'fill="{colour}"/>')
            else:
                points = " ".join(f"{x(i)},{y(v)}" for i, v in run)
                parts.append(f'<polyline data-series="{html.escape(name)}" fill="none" stroke="{colour}" '
                             f'stroke-width="{stroke}" points="{points}"/>')
        return "".join(parts)

    lines: list[str] = []
    legend: list[str] = []
    for n, (name, line) in enumerate(t.clinics.items()):
        colour = colours[n % len(colours)]
        lines.append(draw(name, line, colour, 1.5))
        legend.append(f'<span><i style="background:{colour}"></i>{html.escape(name)}</span>')
    lines.append(draw("total", t.total, "#c62828", 3))
    for i, v in enumerate(t.total):  # each total point: how many clinics it covers (hollow: some did not report)
        if v is None:
            continue
        covered = words.COVERAGE.zh.format(reporting=t.reporting[i], expected=t.expected[i])
        full = t.reporting[i] >= t.expected[i]
        lines.append(f'<circle class="total-point" data-day="{t.days[i].isoformat()}" '
                     f'data-coverage="{t.reporting[i]}/{t.expected[i]}" cx="{x(i)}" cy="{y(v)}" r="3.5" '
                     f'fill="{"#c62828" if full else "#fff"}" stroke="#c62828" stroke-width="1.5">'
                     f'<title>{t.days[i]:%m-%d} 全县 {v} 人（{covered}）</title></circle>')
    legend.append('<span><i style="background:#c62828"></i>全县</span>')
    axis = (f'<text x="{pad}" y="{height - 8}" font-size="11">{t.days[0]:%m-%d}</text>'
            f'<text x="{width - pad - 30}" y="{height - 8}" font-size="11">{t.days[-1]:%m-%d}</text>'
            f'<text x="2" y="{pad}" font-size="11">{top}</text>')
    return (f'<svg id="trend" viewBox="0 0 {width} {height}" width="{width}" role="img" '
            f'aria-label="{days} 天发热门诊就诊趋势">{axis}{"".join(lines)}</svg>'
            f'<p class="legend">{"".join(legend)}</p><p class="note" id="chart-note">{words.CHART_GAP_NOTE.zh}</p>')


def _user_bar(user: HubUserInfo | None, csrf: str) -> str:
    """Who is logged in, and the log-out button (a CSRF-protected POST form)."""
    if user is None:
        return ""
    return (f'<form id="logout" class="userbar" method="post" action="/logout"><span id="who">'
            f'{html.escape(user.username)}（{label(words.HUB_ROLE, user.role)}）</span>'
            f'<input type="hidden" name="csrf" value="{html.escape(csrf)}">'
            f'<button type="submit">退出登录</button></form>')


PAGE_STYLE = """@font-face { font-family: "Noto Sans SC"; src: url("/font.ttf") format("truetype"); }
body, button, input, select, textarea { font-family: "Noto Sans SC", sans-serif; }
body { margin: 24px; color: #222; }
.userbar { float: right; } .userbar span { margin-right: 10px; }
.login { max-width: 360px; margin: 60px auto; border: 1px solid #ccc; padding: 18px 28px 24px; }
.login label { display: block; margin: 12px 0 4px; } .login input { width: 100%; box-sizing: border-box;
  padding: 6px; font-size: 1em; } .login button { margin-top: 18px; padding: 6px 24px; font-size: 1em; }
.message { color: #c62828; font-weight: bold; }"""


def render_login(csrf: str, target: str = "/", message: str = "", code: str = "") -> str:
    """The county log-in page: the same answer for an unknown user and a wrong password."""
    shown = f'<p class="message" id="message" data-code="{html.escape(code)}">{html.escape(message)}</p>' \
        if message else ""
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>县级发热哨点汇总 · 登录</title>
<style>{PAGE_STYLE}</style></head><body>
<form class="login" id="login" method="post" action="/login">
<h1>县级发热哨点汇总</h1><p>请使用县级账户登录。</p>{shown}
<input type="hidden" name="csrf" value="{html.escape(csrf)}">
<input type="hidden" name="next" value="{html.escape(target)}">
<label for="username">用户名</label><input id="username" name="username" autocomplete="username" required autofocus>
<label for="password">密码</label><input id="password" name="password" type="password"
  autocomplete="current-password" required>
<button type="submit" id="submit">登录</button>
</form></body></html>"""


def render_message(title: str, text: str, user: HubUserInfo | None = None, csrf: str = "") -> str:
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{PAGE_STYLE}</style></head><body>{_user_bar(user, csrf)}
<h1>{html.escape(title)}</h1><p class="message">{html.escape(text)}</p><p><a href="/">返回汇总页</a></p>
</body></html>"""


def _local(at: datetime) -> str:
    return f"{at.astimezone(store.HUB_ZONE):%Y-%m-%d %H:%M}"


def _silent_section(silent: Sequence[store.SilentClinic], as_of: datetime) -> str:
    """The clinics that have not reported by the deadline, at the top of the page: named, days, last report."""
    rule = words.SILENT_RULE.zh.format(as_of=_local(as_of), deadline=store.LATE_AFTER.isoformat("minutes"))
    if not silent:
        body = f'<p>{words.NONE_SILENT.zh.format(day=store.last_due_day(as_of).isoformat())}</p>'
    else:
        body = "<ul>" + "".join(
            f'<li class="silent-{c.level}" data-clinic="{html.escape(c.code)}" data-days="{c.days}">'
            f'<b class="level">{label(words.SILENCE_LEVEL, c.level)}</b> '
            + html.escape(words.SILENT_LINE.zh.format(
                name=c.name, code=c.code, days=c.days, since=c.since.isoformat(),
                last=c.last_reported.isoformat() if c.last_reported else words.NEVER_REPORTED.zh))
            + "</li>" for c in silent) + "</ul>"
    worst = "alarm" if any(c.level == "alarm" for c in silent) else "warning" if silent else "none"
    return (f'<section id="silent" class="silent silent-{worst}"><h2>{words.SILENT_TITLE.zh}'
            f'<small>{html.escape(rule)}</small></h2>{body}</section>')


def _ears_section(e: store.CountyEarsDay) -> str:
    """EARS on the day's county total: over which clinics, or why the day is not scored."""
    head = f'<section id="ears"><h2>{words.EARS_TITLE.zh}</h2>'
    if e.not_scored is not None:
        minimum = math.ceil(store.COVERAGE_TARGET * e.expected)
        said = label(words.EARS_NOT_SCORED, e.not_scored).format(
            days=store.EARS_WINDOW, clinics=e.clinics, expected=e.expected, first=e.first.isoformat(),
            last=e.day.isoformat(), minimum=f"{minimum} 家（{store.COVERAGE_TARGET:.0%}）")
        return (f'{head}<p id="ears-result" class="ears-not-scored" data-reason="{e.not_scored}">'
                f'{html.escape(said)}</p></section>')
    methods = " ".join(f"{m.upper()} {v:.2f}" for m, v in (("c1", e.c1), ("c2", e.c2), ("c3", e.c3)) if v is not None)
    verdict = words.EARS_ALARM.zh.format(methods="、".join(m.upper() for m in e.alarms)) if e.alarms \
        else words.EARS_QUIET.zh
    basis = words.EARS_BASIS.zh.format(clinics=e.clinics, first=e.first.isoformat(), last=e.day.isoformat())
    return (f'{head}<p id="ears-basis" data-clinics="{e.clinics}">{html.escape(basis)}</p>'
            f'<p id="ears-result" class="{"ears-alarm" if e.alarms else "ears-quiet"}">{e.day:%m-%d} 合计 '
            f'<b>{e.count}</b> 人 · {methods} · {html.escape(verdict)}</p></section>')


def _rate_cell(done: int, rate: store.ReportingRate | None, share: float | None, kind: str) -> str:
    if rate is None or share is None:
        return f'<td class="rate {kind}">{words.RATE_NONE.zh}</td>'
    low = " rate-low" if share < store.COVERAGE_TARGET else ""
    return (f'<td class="rate {kind}{low}" data-share="{share:.4f}">'
            f'{words.RATE.zh.format(done=done, expected=rate.expected, percent=_percent(share))}</td>')


def _cover_cell(counts: Mapping[str, int]) -> str:
    """Issue 18: the clinic's lowest days of cover (and its item) from the report's counts; red below 30."""
    days = counts.get("stock_lowest_cover_days")
    if days is None:
        return '<td class="cover"></td>'
    item = item_number_text(int(counts.get("stock_lowest_item", 0)), "zh_CN")
    low = ' class="cover rate-low"' if days < 30 else ' class="cover"'
    return f'<td{low} title="{html.escape(item)}">{days}（{html.escape(item)}）</td>'


def render_dashboard(d: date, rows: list[store.ClinicStatus], t: store.Trend, *,
                     silent: Sequence[store.SilentClinic], rates: Mapping[str, store.ReportingRate],
                     as_of: datetime, user: HubUserInfo | None = None, csrf: str = "") -> str:
    total = lambda key: sum(r.counts.get(key, 0) for r in rows)  # noqa: E731
    tally = {s: sum(r.status == s for r in rows) for s in words.HUB_STATUS}

    def rate_cells(code: str) -> str:
        rate = rates.get(code)
        return (_rate_cell(rate.reported if rate else 0, rate, rate.completeness if rate else None, "completeness")
                + _rate_cell(rate.on_time if rate else 0, rate, rate.timeliness if rate else None, "timeliness"))

    body_rows = "".join(
        f'<tr class="status-{r.status}" data-clinic="{html.escape(r.code)}"><td>{html.escape(r.code)}</td>'
        f'<td>{html.escape(r.name)}</td><td class="status">{status_text(r)}</td>'
        f'<td>{r.version or ""}</td><td class="app-version">{html.escape(r.app_version or "—" if r.version else "")}'
        f'</td><td>{r.counts.get("screened", "")}</td>'
        f'<td>{r.counts.get("fever_registered", "")}</td>'
        f'<td>{new_cases(r.counts) if r.counts else ""}</td>'
        f'<td>{r.counts.get("positive_nat_antigen", "")}</td>'
        f'<td>{r.counts.get("transfers_requested", "")}</td>'
        f'<td class="alerts">{r.counts.get("open_alerts", "")}</td>{_cover_cell(r.counts)}'
        f'{rate_cells(r.code)}</tr>' for r in rows)
    summary = " · ".join(f'{w.zh} <b id="tally-{key}">{tally[key]}</b>' for key, w in words.HUB_STATUS.items())
    zero_reports = sum(r.zero_report for r in rows)
    coverage = words.COVERAGE.zh.format(reporting=t.reporting[-1], expected=t.expected[-1])
    rates_rule = words.RATES_RULE.zh.format(deadline=store.LATE_AFTER.isoformat("minutes"),
                                           target=f"{store.COVERAGE_TARGET:.0%}")
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>县级发热哨点汇总 {d}</title>
<style>
@font-face {{ font-family: "Noto Sans SC"; src: url("/font.ttf") format("truetype"); }}
body, button, input, select, textarea {{ font-family: "Noto Sans SC", sans-serif; }}
body {{ margin: 24px; color: #222; }}
.legend span {{ margin-right: 14px; }} .legend i {{ display: inline-block; width: 18px; height: 3px;
  vertical-align: middle; margin-right: 4px; }}
table {{ border-collapse: collapse; margin: 12px 0; }} td, th {{ border: 1px solid #ccc; padding: 4px 10px; }}
.status-missing .status, .status-late .status {{ color: #c62828; font-weight: bold; }}
.status-automatic .status {{ color: #ef6c00; }} .status-zero .status {{ color: #2e7d32; }}
.totals b {{ font-size: 1.2em; }}
.userbar {{ float: right; }} .userbar span {{ margin-right: 10px; }}
.silent {{ padding: 4px 14px; margin: 8px 0 14px; border-left: 6px solid #2e7d32; background: #f1f8e9; }}
.silent h2 {{ font-size: 1.1em; margin: 6px 0; }} .silent h2 small {{ font-weight: normal; color: #555;
  margin-left: 12px; font-size: .85em; }} .silent ul {{ margin: 4px 0 8px; padding-left: 18px; }}
.silent-alarm {{ border-color: #c62828; background: #ffebee; }} .silent-warning {{ border-color: #ef6c00;
  background: #fff8e1; }} li.silent-alarm .level {{ color: #c62828; }} li.silent-warning .level {{ color: #ef6c00; }}
li.silent-alarm, li.silent-warning {{ background: none; }}
.rate-low {{ color: #c62828; font-weight: bold; }} .note {{ color: #555; font-size: .9em; }}
.ears-alarm {{ color: #c62828; font-weight: bold; }} .ears-not-scored {{ color: #ef6c00; }}
</style></head><body>
{_user_bar(user, csrf)}<h1>县级发热哨点汇总</h1>
{_silent_section(silent, as_of)}
<form method="get"><label>日期 <input type="date" name="date" value="{d.isoformat()}"></label>
<button type="submit">查看</button> <a id="csv" href="/export.csv?date={d.isoformat()}">导出 CSV</a>
<a id="csv-trend" href="/export.csv?date={d.isoformat()}&amp;view=trend">导出 {len(t.days)} 天趋势 CSV</a></form>
<p class="totals">当日状态：{summary}</p>
<p class="totals">其中{ZERO_WORD}（无新增病例、无核酸或抗原阳性，含迟报、自动提交）<b id="total-zero">{zero_reports}</b> 家</p>
<p class="totals">全县合计（<span id="coverage"
 data-reporting="{t.reporting[-1]}" data-expected="{t.expected[-1]}">{coverage}</span>；{words.COVERAGE_NOTE.zh}）：筛查 <b id="total-screened">{total("screened")}</b> 人 · 发热登记
<b id="total-fever">{total("fever_registered")}</b> 人 · 新增疑似/确诊/无症状
<b id="total-cases">{sum(new_cases(r.counts) for r in rows)}</b>
· 核酸或抗原阳性 <b id="total-positive">{total("positive_nat_antigen")}</b>
· 转运 <b id="total-transfers">{total("transfers_requested")}</b>
· 未处理预警 <b id="total-alerts">{total("open_alerts")}</b></p>
{_ears_section(t.ears[-1])}
<table id="clinics"><thead><tr><th>机构代码</th><th>机构</th><th>状态</th><th title="同一天报告的第几版（更正后递增）">报告版次</th>
<th title="报送机构所用的发热哨点工作站软件版本">软件版本</th><th>筛查</th><th>发热登记</th>
<th>新增疑似/确诊/无症状</th><th>核酸或抗原阳性</th><th>转运</th><th>未处理预警</th>
<th title="物资储备可用天数最低的一项（库存 ÷ 满负荷日用量，满足…30天满负荷运转需求）">最低储备天数</th>
<th>{words.COMPLETENESS_HEAD.zh.format(days=store.RATE_DAYS)}</th>
<th>{words.TIMELINESS_HEAD.zh.format(days=store.RATE_DAYS)}</th></tr></thead><tbody>{body_rows}</tbody></table>
<p class="note" id="rates-rule">{html.escape(rates_rule)}</p>
<h2>近 {len(t.days)} 天发热门诊登记趋势</h2>{_chart(t)}
{_publish_form(csrf) + _import_form(csrf) if user is not None and auth.allows(user.role, HubRole.PUBLISHER) else ""}
</body></html>"""


def _publish_form(csrf: str) -> str:
    """A publisher's form: paste the list (the CSV the clinic imports, or JSON); checked whole before publishing."""
    return f"""<h2>发布清单</h2>
<form id="publish" method="post" action="/publish"><input type="hidden" name="csrf" value="{html.escape(csrf)}">
<label>清单 <select name="list"><option value="risk-areas">中高风险地区</option>
<option value="hospitals">定点医院（JSON）</option></select></label>
<label>格式 <select name="format"><option value="csv">CSV（名称,等级[,起始日期]）</option>
<option value="json">JSON</option></select></label><br>
<textarea name="text" rows="6" cols="90" required></textarea><br>
<button type="submit">检查并发布</button></form>"""


def _import_form(csrf: str) -> str:
    """A publisher's upload of a clinic's outbox file (carried on a USB stick when its network is down)."""
    return f"""<h2>导入机构报送文件（U 盘）</h2>
<form id="import" method="post" action="/import" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{html.escape(csrf)}">
<input type="file" name="file" id="import-file" accept=".json" required>
<button type="submit">检查并导入</button></form>"""
