"""Helpers for the hub's doors: county users, a log-in through the real form, and an in-process hub client."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timezone
from typing import Any

import httpx

from app.db.engine import Database
from app.hub.auth import add_user
from app.passwords import OWASP_FLOOR, Passwords

PASSWORD = "county-pass-1"
FAST = Passwords(OWASP_FLOOR)
CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')


def make_user(db: Database, name: str, role: str, password: str = PASSWORD) -> None:
    add_user(db, name, role, password, datetime.now(timezone.utc), FAST)


def csrf_of(page: str) -> str:
    found = CSRF_FIELD.search(page)
    assert found, "no CSRF field on the page"
    return found.group(1)


def log_in(client: httpx.Client, base: str, name: str, password: str = PASSWORD) -> httpx.Response:
    """Log in as a browser does: fetch the form (session cookie + CSRF token), post it."""
    token = csrf_of(client.get(f"{base}/login").text)
    return client.post(f"{base}/login", data={"csrf": token, "username": name, "password": password},
                       follow_redirects=False)


class InProcessHub:
    """The hub app in this process (httpx.ASGITransport, app exceptions raised into the test), driven
    synchronously; keeps its cookies like a browser."""

    def __init__(self, app: Any, base: str = "http://hub.test") -> None:
        self.loop = asyncio.new_event_loop()
        self.base = base
        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base)

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        kwargs.setdefault("follow_redirects", False)
        return self.loop.run_until_complete(self.client.request(method, path, **kwargs))

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def csrf(self) -> str:
        return csrf_of(self.get("/login").text)

    def log_in(self, name: str, password: str = PASSWORD) -> httpx.Response:
        return self.post("/login", data={"csrf": self.csrf(), "username": name, "password": password})

    def page_csrf(self, path: str = "/") -> str:
        return csrf_of(self.get(path).text)

    def close(self) -> None:
        self.loop.run_until_complete(self.client.aclose())
        self.loop.close()
