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
import secrets
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
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
from app.errors import AuthError, Conflict, FeverSentinelError, NotFound, PermissionDenied, ValidationError
from app.hub import anchors, auth, store
from app.hub.auth import HubRole, HubUserInfo
from app.hub.clinic_auth import ClinicAuthError, verify_signed
from app.passwords import Passwords
from app.resources import CJK_FONT_REGULAR, resource_path
from app.vocabulary import errors as error_words

log = logging.getLogger("app.hub")
MAX_BODY = 64 * 1024
MAX_FORM = 8 * 1024
SESSION_COOKIE = "fs_hub_session"
PAGE_HEADERS = {"cache-control": "no-store", "x-frame-options": "DENY", "x-content-type-options": "nosniff",
                "content-security-policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                           "frame-ancestors 'none'; form-action 'self'"}
ROLE_WORDS = {"viewer": "查看", "publisher": "发布", "admin": "管理员"}
STATUS_WORDS = {"reported": "已报告", "zero": "零报告", "automatic": "自动提交", "late": "迟报", "missing": "未报告"}
ZERO_WORD = "零报告"
REPORTABLE_KEYS = ("classified_suspected", "classified_confirmed", "classified_asymptomatic")


def status_text(r: store.ClinicStatus) -> str:
    """The status as the county reads it: a zero report says 零报告 even when it came late or automatically
    (the flag the clinic submitted, never worked out again from the counts)."""
    words = STATUS_WORDS[r.status]
    words = f"{words} · {ZERO_WORD}" if r.zero_report and r.status != "zero" else words
    return f"{words} · {anchors.ROLLBACK_WORD}" if r.audit_rollback else words  # issue 13: the hub saw a roll-back


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


LIST_WORDS = {"risk_areas": "中高风险地区清单", "hospitals": "定点医院清单"}


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
                        return _html(render_message("无权访问", f"您的账户（{ROLE_WORDS.get(user.role, '')}）无权使用此页面。"
                                                    "如需权限，请联系县级管理员。", user, csrf_token(request)), 403)
                    return _error(403, "role_required", role=role.value)
                request.state.user = user
                return await endpoint(request)
            return guarded
        return wrap

    async def post_report(request: Request) -> Response:
        key = request.headers.get("x-idempotency-key", "")
        if not request.headers.get("x-clinic") or not key or len(key) > 64:
            return _error(400, "missing_headers")
        body = await read_body(request)
        try:
            code = verify_signed(db, request.headers, body)
        except ClinicAuthError as err:
            return _error(err.status, err.code, **err.details)
        try:
            store.check_report(body, code)  # a body the hub cannot read is a 422 before anything parses it further
            head = anchors.head_of(body)  # the audit anchor it carries (issue 13), checked before storing
            stored = store.store_report(db, code, key, body, clock.now())
        except Conflict as err:
            return _error(409, err.code, **err.details)
        except ValidationError as err:
            return _error(422, err.code, **err.details)
        receipt = anchors.record(db, code, *head, clock.now()) if head else None  # kept, answered signed
        return JSONResponse({"id": stored.id, "status": "stored" if stored.created else "already_stored",
                             "receipt": receipt}, status_code=201 if stored.created else 200)

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
        d = _day(request, "date", today() - timedelta(days=1))
        rows = store.status_on(db, d)
        return JSONResponse({"date": d.isoformat(), "clinics": [
            {"clinic": r.code, "name": r.name, "status": r.status, "zero_report": r.zero_report,
             "version": r.version, "app_version": r.app_version, "counts": r.counts,
             "audit_trail": anchors.ROLLBACK_WORD if r.audit_rollback else anchors.INTACT_WORD}
            for r in rows]})

    @needs(HubRole.VIEWER)
    async def get_trend(request: Request) -> Response:
        end = _day(request, "end", today() - timedelta(days=1))
        return JSONResponse({"end": end.isoformat(), "series": store.trend(db, end)})

    @needs(HubRole.VIEWER)
    async def export_csv(request: Request) -> Response:
        d = _day(request, "date", today() - timedelta(days=1))
        rows = store.status_on(db, d)
        keys = sorted({k for r in rows for k in r.counts})
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(escape_row(["clinic", "name", "status", "zero_report", "version", "app_version", *keys]))
        for r in rows:
            writer.writerow(escape_row([r.code, r.name, r.status, ZERO_WORD if r.zero_report else "",
                                        r.version or "", r.app_version or "", *(r.counts.get(k, "") for k in keys)]))
        return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="county-{d}.csv"',
                                 "cache-control": "no-store"})

    @needs(HubRole.VIEWER, page=True)
    async def dashboard(request: Request) -> Response:
        d = _day(request, "date", today() - timedelta(days=1))
        return _html(render_dashboard(d, store.status_on(db, d), store.trend(db, d), user=request.state.user,
                                      csrf=csrf_token(request)))

    async def get_published(request: Request) -> Response:
        """Public: what the county publishes to every clinic (clinics pull it without a log-in)."""
        name = request.path_params["name"].replace("-", "_")
        if name not in store.LIST_NAMES:
            return _error(404, "list_name", names=[n.replace("_", "-") for n in store.LIST_NAMES])
        return JSONResponse(store.get_list(db, name))

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
        return _html(render_message("已发布", f"{LIST_WORDS.get(name, name)}第 {version} 版已发布，共 {len(items)} 项。",
                                    request.state.user, csrf_token(request)))

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
        Route("/api/v1/reports", post_report, methods=["POST"]), Route("/api/v1/reports", get_reports),
        Route("/api/v1/anchors", post_anchors, methods=["POST"]),
        Route("/api/v1/status", get_status), Route("/api/v1/trend", get_trend),
        Route("/api/v1/lists/{name:str}", get_published),
    ], middleware=[Middleware(SessionMiddleware, secret_key=secret or secrets.token_urlsafe(48),
                              session_cookie=SESSION_COOKIE, max_age=int(auth.SESSION_LIMIT.total_seconds()),
                              same_site="lax", https_only=https)],
        exception_handlers={FeverSentinelError: on_error, Refused: on_refused, HTTPException: on_http,
                            Exception: on_crash})


def _html(page: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(page, status_code=status, headers=PAGE_HEADERS)


def _chart(series: dict[str, list[int]], end: date) -> str:
    """An inline SVG line chart: one line per clinic, the county total in bold."""
    width, height, pad = 860, 240, 30
    values = [v for line in series.values() for v in line] or [0]
    top = max(max(values), 1)
    days = len(next(iter(series.values()))) if series else 28
    colours = ["#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

    def point(i: int, v: int) -> str:
        return f"{pad + i * (width - 2 * pad) / max(days - 1, 1):.1f},{height - pad - v * (height - 2 * pad) / top:.1f}"

    lines: list[str] = []
    legend: list[str] = []
    for n, (name, line) in enumerate(series.items()):
        bold = name == "total"
        colour = "#c62828" if bold else colours[n % len(colours)]
        lines.append(f'<polyline data-series="{html.escape(name)}" fill="none" stroke="{colour}" '
                     f'stroke-width="{3 if bold else 1.5}" points="{" ".join(point(i, v) for i, v in enumerate(line))}"/>')
        legend.append(f'<span><i style="background:{colour}"></i>{html.escape("全县" if bold else name)}</span>')
    start = end - timedelta(days=days - 1)
    axis = (f'<text x="{pad}" y="{height - 8}" font-size="11">{start:%m-%d}</text>'
            f'<text x="{width - pad - 30}" y="{height - 8}" font-size="11">{end:%m-%d}</text>'
            f'<text x="2" y="{pad}" font-size="11">{top}</text>')
    return (f'<svg id="trend" viewBox="0 0 {width} {height}" width="{width}" role="img" '
            f'aria-label="28 天发热门诊就诊趋势">{axis}{"".join(lines)}</svg>'
            f'<p class="legend">{"".join(legend)}</p>')


def _user_bar(user: HubUserInfo | None, csrf: str) -> str:
    """Who is logged in, and the log-out button (a CSRF-protected POST form)."""
    if user is None:
        return ""
    return (f'<form id="logout" class="userbar" method="post" action="/logout"><span id="who">'
            f'{html.escape(user.username)}（{ROLE_WORDS.get(user.role, "")}）</span>'
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


def render_dashboard(d: date, rows: list[store.ClinicStatus], series: dict[str, list[int]], *,
                     user: HubUserInfo | None = None, csrf: str = "") -> str:
    total = lambda key: sum(r.counts.get(key, 0) for r in rows)  # noqa: E731
    tally = {s: sum(r.status == s for r in rows) for s in STATUS_WORDS}
    body_rows = "".join(
        f'<tr class="status-{r.status}" data-clinic="{html.escape(r.code)}"><td>{html.escape(r.code)}</td>'
        f'<td>{html.escape(r.name)}</td><td class="status">{status_text(r)}</td>'
        f'<td>{r.version or ""}</td><td class="app-version">{html.escape(r.app_version or "—" if r.version else "")}'
        f'</td><td>{r.counts.get("screened", "")}</td>'
        f'<td>{r.counts.get("fever_registered", "")}</td>'
        f'<td>{new_cases(r.counts) if r.counts else ""}</td>'
        f'<td>{r.counts.get("positive_nat_antigen", "")}</td>'
        f'<td>{r.counts.get("transfers_requested", "")}</td>'
        f'<td class="alerts">{r.counts.get("open_alerts", "")}</td></tr>' for r in rows)
    summary = " · ".join(f'{word} <b id="tally-{key}">{tally[key]}</b>' for key, word in STATUS_WORDS.items())
    zero_reports = sum(r.zero_report for r in rows)
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
</style></head><body>
{_user_bar(user, csrf)}<h1>县级发热哨点汇总</h1>
<form method="get"><label>日期 <input type="date" name="date" value="{d.isoformat()}"></label>
<button type="submit">查看</button> <a id="csv" href="/export.csv?date={d.isoformat()}">导出 CSV</a></form>
<p class="totals">当日状态：{summary}</p>
<p class="totals">其中{ZERO_WORD}（无新增病例、无核酸或抗原阳性，含迟报、自动提交）<b id="total-zero">{zero_reports}</b> 家</p>
<p class="totals">全县合计：筛查 <b id="total-screened">{total("screened")}</b> 人 · 发热登记
<b id="total-fever">{total("fever_registered")}</b> 人 · 新增疑似/确诊/无症状
<b id="total-cases">{sum(new_cases(r.counts) for r in rows)}</b>
· 核酸或抗原阳性 <b id="total-positive">{total("positive_nat_antigen")}</b>
· 转运 <b id="total-transfers">{total("transfers_requested")}</b>
· 未处理预警 <b id="total-alerts">{total("open_alerts")}</b></p>
<table id="clinics"><thead><tr><th>机构代码</th><th>机构</th><th>状态</th><th title="同一天报告的第几版（更正后递增）">报告版次</th>
<th title="报送机构所用的发热哨点工作站软件版本">软件版本</th><th>筛查</th><th>发热登记</th>
<th>新增疑似/确诊/无症状</th><th>核酸或抗原阳性</th><th>转运</th><th>未处理预警</th></tr></thead><tbody>{body_rows}</tbody></table>
<h2>近 28 天发热门诊登记趋势</h2>{_chart(series, d)}
{_publish_form(csrf) if user is not None and auth.allows(user.role, HubRole.PUBLISHER) else ""}
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
