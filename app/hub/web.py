"""The hub's web service: the signed report API, the JSON API and the county dashboard page."""

from __future__ import annotations

import csv
import html
import io
from datetime import date, timedelta
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from app.clock import Clock
from app.db.engine import Database
from app.errors import Conflict, FeverSentinelError, ValidationError
from app.hub import store
from app.hub.clinic_auth import ClinicAuthError, verify_signed
from app.resources import CJK_FONT_REGULAR, resource_path

MAX_BODY = 64 * 1024
STATUS_WORDS = {"reported": "已报告", "zero": "零报告", "automatic": "自动提交", "late": "迟报", "missing": "未报告"}
ZERO_WORD = "零报告"
REPORTABLE_KEYS = ("classified_suspected", "classified_confirmed", "classified_asymptomatic")


def status_text(r: store.ClinicStatus) -> str:
    """The status as the county reads it: a zero report says 零报告 even when it came late or automatically
    (the flag the clinic submitted, never worked out again from the counts)."""
    words = STATUS_WORDS[r.status]
    return f"{words} · {ZERO_WORD}" if r.zero_report and r.status != "zero" else words


def new_cases(counts: dict[str, int]) -> int:
    """New suspected/confirmed/asymptomatic cases; a report from a release before "new_cases" existed
    gives the sum of its classification counts."""
    if "new_cases" in counts:
        return counts["new_cases"]
    return sum(counts.get(k, 0) for k in REPORTABLE_KEYS)


def _error(status: int, code: str, **details: Any) -> JSONResponse:
    return JSONResponse({"error": code, **details}, status_code=status)


def _day(request: Request, name: str, default: date) -> date:
    text = request.query_params.get(name)
    if not text:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError("date_format", field=name) from exc


def create_app(db: Database, clock: Clock) -> Starlette:
    def today() -> date:
        return clock.now().astimezone(store.HUB_ZONE).date()

    async def post_report(request: Request) -> Response:
        key = request.headers.get("x-idempotency-key", "")
        body = await request.body()
        if not request.headers.get("x-clinic") or not key or len(key) > 64:
            return _error(400, "missing_headers")
        if len(body) > MAX_BODY:
            return _error(413, "too_large")
        try:
            code = verify_signed(db, request.headers, body)
        except ClinicAuthError as err:
            return _error(err.status, err.code, **err.details)
        try:
            stored = store.store_report(db, code, key, body, clock.now())
        except Conflict as err:
            return _error(409, err.code, **err.details)
        except ValidationError as err:
            return _error(400, err.code, **err.details)
        return JSONResponse({"id": stored.id, "status": "stored" if stored.created else "already_stored"},
                            status_code=201 if stored.created else 200)

    async def get_reports(request: Request) -> Response:
        return JSONResponse({"date": (d := _day(request, "date", today())).isoformat(),
                             "reports": store.reports_on(db, d)})

    async def get_status(request: Request) -> Response:
        d = _day(request, "date", today() - timedelta(days=1))
        rows = store.status_on(db, d)
        return JSONResponse({"date": d.isoformat(), "clinics": [
            {"clinic": r.code, "name": r.name, "status": r.status, "zero_report": r.zero_report,
             "version": r.version, "counts": r.counts}
            for r in rows]})

    async def get_trend(request: Request) -> Response:
        end = _day(request, "end", today() - timedelta(days=1))
        return JSONResponse({"end": end.isoformat(), "series": store.trend(db, end)})

    async def export_csv(request: Request) -> Response:
        d = _day(request, "date", today() - timedelta(days=1))
        rows = store.status_on(db, d)
        keys = sorted({k for r in rows for k in r.counts})
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["clinic", "name", "status", "zero_report", "version", *keys])
        for r in rows:
            writer.writerow([r.code, r.name, r.status, ZERO_WORD if r.zero_report else "", r.version or "",
                             *(r.counts.get(k, "") for k in keys)])
        return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="county-{d}.csv"'})

    async def dashboard(request: Request) -> Response:
        d = _day(request, "date", today() - timedelta(days=1))
        return HTMLResponse(render_dashboard(d, store.status_on(db, d), store.trend(db, d)))

    async def get_published(request: Request) -> Response:
        return JSONResponse(store.get_list(db, request.path_params["name"].replace("-", "_")))

    async def font(request: Request) -> Response:
        return FileResponse(resource_path(*CJK_FONT_REGULAR), headers={"cache-control": "max-age=86400"})

    async def on_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, FeverSentinelError):
            return _error(400, exc.code, **{k: str(v) for k, v in exc.details.items()})
        raise exc

    return Starlette(routes=[
        Route("/", dashboard), Route("/export.csv", export_csv), Route("/font.ttf", font),
        Route("/api/v1/reports", post_report, methods=["POST"]), Route("/api/v1/reports", get_reports),
        Route("/api/v1/status", get_status), Route("/api/v1/trend", get_trend),
        Route("/api/v1/lists/{name:str}", get_published),
    ], exception_handlers={FeverSentinelError: on_error})


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


def render_dashboard(d: date, rows: list[store.ClinicStatus], series: dict[str, list[int]]) -> str:
    total = lambda key: sum(r.counts.get(key, 0) for r in rows)  # noqa: E731
    tally = {s: sum(r.status == s for r in rows) for s in STATUS_WORDS}
    body_rows = "".join(
        f'<tr class="status-{r.status}" data-clinic="{html.escape(r.code)}"><td>{html.escape(r.code)}</td>'
        f'<td>{html.escape(r.name)}</td><td class="status">{status_text(r)}</td>'
        f'<td>{r.version or ""}</td><td>{r.counts.get("screened", "")}</td>'
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
body, button, input {{ font-family: "Noto Sans SC", sans-serif; }}
body {{ margin: 24px; color: #222; }}
.legend span {{ margin-right: 14px; }} .legend i {{ display: inline-block; width: 18px; height: 3px;
  vertical-align: middle; margin-right: 4px; }}
table {{ border-collapse: collapse; margin: 12px 0; }} td, th {{ border: 1px solid #ccc; padding: 4px 10px; }}
.status-missing .status, .status-late .status {{ color: #c62828; font-weight: bold; }}
.status-automatic .status {{ color: #ef6c00; }} .status-zero .status {{ color: #2e7d32; }}
.totals b {{ font-size: 1.2em; }}
</style></head><body>
<h1>县级发热哨点汇总</h1>
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
<table id="clinics"><thead><tr><th>机构代码</th><th>机构</th><th>状态</th><th>版本</th><th>筛查</th><th>发热登记</th>
<th>新增疑似/确诊/无症状</th><th>核酸或抗原阳性</th><th>转运</th><th>未处理预警</th></tr></thead><tbody>{body_rows}</tbody></table>
<h2>近 28 天发热门诊登记趋势</h2>{_chart(series, d)}
</body></html>"""
